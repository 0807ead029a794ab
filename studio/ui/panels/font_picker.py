"""The font picker: a combo box listing every family, each written in its own face.

The fonts come from Studio's :class:`~studio.text.FontRegistry` (bundled, user-installed and
project fonts), not from the system: they are registered with Qt from their bytes the first
time a family is painted, so that a list of hundreds of fonts opens quickly.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPainter, QPaintEvent, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QWidget,
)

from studio.text import FontRegistry
from studio.text.fonts import FontError

FAMILY_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_ROLE = Qt.ItemDataRole.UserRole + 2


class QtFonts:
    """Registry families made known to Qt, by the family name Qt gives them."""

    _qt_names: ClassVar[dict[str, str | None]] = {}

    @classmethod
    def qfont(cls, registry: FontRegistry, family: str, point_size: float) -> QFont | None:
        """A QFont drawing ``family`` from the registry's own file, or None if unavailable."""
        key = family.casefold()
        if key not in cls._qt_names:
            cls._qt_names[key] = cls._register(registry, family)
        name = cls._qt_names[key]
        if name is None:
            return None
        font = QFont(name)
        font.setPointSizeF(point_size)
        return font

    @staticmethod
    def _register(registry: FontRegistry, family: str) -> str | None:
        try:
            face = registry.face(family, "Regular")
        except FontError:
            return None
        font_id = QFontDatabase.addApplicationFontFromData(face.data)
        if font_id < 0:
            return None
        names = QFontDatabase.applicationFontFamilies(font_id)
        return names[0] if names else None


class FontFamilyDelegate(QStyledItemDelegate):
    """Paints each family's name in that family, at a readable size."""

    PREVIEW_POINTS = 13.0

    def __init__(self, registry: FontRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(base.width() + 40, max(base.height(), 30))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        family = str(index.data(FAMILY_ROLE) or "")
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        font = QtFonts.qfont(self.registry, family, self.PREVIEW_POINTS) if family else None
        missing = bool(index.data(MISSING_ROLE))
        if font is None:
            font = QFont(opt.font)
            font.setItalic(missing)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(font)
        painter.setPen(opt.palette.color(role))
        rect = opt.rect.adjusted(8, 0, -8, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()


class FontPicker(QComboBox):
    """Chooses a font family; the list and the closed box show each family in its own face.

    Signals
    -------
    family_chosen(str)
        The user chose a family.
    """

    family_chosen = Signal(str)

    def __init__(self, registry: FontRegistry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry or FontRegistry.default()
        self._quiet = False
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setItemDelegate(FontFamilyDelegate(self.registry, self))
        self.setMaxVisibleItems(14)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setToolTip(self.tr("Font (each is shown in its own face; type to jump to a name)"))
        self.setAccessibleName(self.tr("Font"))
        self.reload()
        self.activated.connect(self._activated)

    def families(self) -> list[str]:
        """The families offered, in order."""
        return [str(self._model.item(i).data(FAMILY_ROLE)) for i in range(self._model.rowCount())]

    def reload(self, registry: FontRegistry | None = None) -> None:
        """List the registry's families again (after fonts were added)."""
        if registry is not None:
            self.registry = registry
            delegate = self.itemDelegate()
            if isinstance(delegate, FontFamilyDelegate):
                delegate.registry = registry
        current = self.family()
        self._quiet = True
        try:
            self._model.clear()
            for family in self.registry.families():
                self._model.appendRow(self._item(family))
            if current:
                self.set_family(current)
        finally:
            self._quiet = False

    def family(self) -> str:
        return str(self.currentData(FAMILY_ROLE) or "")

    def set_family(self, family: str) -> None:
        """Show ``family`` (adding it, marked missing, if the registry lacks it); emits nothing."""
        self._quiet = True
        try:
            for row in range(self._model.rowCount()):
                item = self._model.item(row)
                if str(item.data(FAMILY_ROLE)).casefold() == family.casefold():
                    self.setCurrentIndex(row)
                    return
            item = self._item(family, missing=True)
            self._model.insertRow(0, item)
            self.setCurrentIndex(0)
        finally:
            self._quiet = False

    def choose(self, family: str) -> None:
        """Choose ``family`` as the user would."""
        self.set_family(family)
        self.family_chosen.emit(self.family())

    def _item(self, family: str, *, missing: bool = False) -> QStandardItem:
        text = self.tr("{family} (missing)").format(family=family) if missing else family
        item = QStandardItem(text)
        item.setData(family, FAMILY_ROLE)
        item.setData(missing, MISSING_ROLE)
        item.setData(family, Qt.ItemDataRole.AccessibleTextRole)
        item.setToolTip(
            self.tr("{family} is not installed: add its font file or choose another font.").format(family=family)
            if missing
            else family
        )
        return item

    def _activated(self, _row: int) -> None:
        if not self._quiet:
            self.family_chosen.emit(self.family())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        text = opt.currentText
        opt.currentText = ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        field: QRect = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        font = QtFonts.qfont(self.registry, self.family(), self.font().pointSizeF() * 1.15) or self.font()
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(field.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
