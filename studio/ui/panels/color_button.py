"""Choosing a colour: a swatch button with a popup of recent colours, and a colour dialog.

:class:`ColorButton` shows the current colour; clicking it opens a popup with the colours used
recently (shared by every button, remembered between runs), an optional "No colour", and
"Custom colour…" (Qt's colour dialog). :class:`ColorField` adds the hexadecimal value and a
row of recent swatches beside the button, for the properties panel.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPen, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from studio.model.color import Color
from studio.ui.panels import _icons
from studio.ui.panels._widgets import FlowLayout

MAX_RECENT = 12


class RecentColors(QObject):
    """The colours the user chose last, newest first (one list for the whole program).

    Signals
    -------
    changed()
        The list changed.
    """

    changed = Signal()
    _instance: RecentColors | None = None

    def __init__(self) -> None:
        super().__init__()
        self._colors: list[str] = []

    @classmethod
    def shared(cls) -> RecentColors:
        if cls._instance is None:
            cls._instance = RecentColors()
        return cls._instance

    def colors(self) -> list[Color]:
        return [Color(hex=h) for h in self._colors]

    def set_colors(self, hexes: list[str]) -> None:
        """Replace the list (when loading the preferences); invalid entries are dropped."""
        clean: list[str] = []
        for value in hexes:
            try:
                clean.append(Color(hex=str(value)).hex)
            except ValueError:
                continue
        self._colors = list(dict.fromkeys(clean))[:MAX_RECENT]
        self.changed.emit()

    def add(self, color: Color) -> None:
        self._colors = [color.hex, *(h for h in self._colors if h != color.hex)][:MAX_RECENT]
        self.changed.emit()

    def hexes(self) -> list[str]:
        return list(self._colors)


def swatch_icon(color: Color | None, size: QSize | None = None, *, radius: float = 3.0) -> QIcon:
    """An icon filled with ``color`` (a white square struck through for no colour)."""
    size = size or QSize(28, 18)
    ratio = 2.0
    pixmap = QPixmap(int(size.width() * ratio), int(size.height() * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(0.5, 0.5, size.width() - 1, size.height() - 1)
    painter.setPen(QPen(QColor(0, 0, 0, 90), 1))
    if color is None:
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(QPen(_icons.ERROR_RED, 1.4))
        painter.drawLine(rect.bottomLeft(), rect.topRight())
    else:
        painter.setBrush(QColor(color.hex))
        painter.drawRoundedRect(rect, radius, radius)
    painter.end()
    return QIcon(pixmap)


class Swatch(QToolButton):
    """A small button that stands for one colour; checkable when it marks the current choice."""

    def __init__(self, color: Color | None, name: str = "", *, size: int = 18, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.swatch_color = color
        self.setAutoRaise(False)
        self.setCheckable(True)
        self.setFixedSize(size + 6, size + 6)
        self.setIconSize(QSize(size, size))
        self.setIcon(swatch_icon(color, QSize(size, size)))
        label = name or (color.hex if color is not None else self.tr("No colour"))
        self.setToolTip(label if not name or color is None else f"{name} ({color.hex})")
        self.setAccessibleName(label)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.isChecked():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
            painter.end()


class _SwatchPopup(QWidget):
    """The popup's content: recent colours, then the colours the caller offers."""

    picked = Signal(object)

    def __init__(self, button: ColorButton) -> None:
        super().__init__()
        self._button = button
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 8, 10, 6)
        self._layout.setSpacing(6)

    def rebuild(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        groups = [(self.tr("Recent"), RecentColors.shared().colors())]
        if self._button.suggestions:
            groups.append((self.tr("Suggested"), self._button.suggestions))
        for title, colors in groups:
            caption = QLabel(title)
            caption.setEnabled(False)
            self._layout.addWidget(caption)
            holder = QWidget()
            holder.setFixedWidth(6 * 28)
            flow = FlowLayout(holder, spacing=4)
            if not colors:
                empty = QLabel(self.tr("None yet"))
                empty.setEnabled(False)
                flow.add(empty)
            for color in colors:
                swatch = Swatch(color)
                swatch.setChecked(self._button.color() == color)
                swatch.clicked.connect(lambda _c=False, c=color: self.picked.emit(c))
                flow.add(swatch)
            self._layout.addWidget(holder)


class ColorButton(QToolButton):
    """A button showing a colour; the user picks another from its popup.

    Parameters
    ----------
    allow_none
        Offer "No colour" (a shape without fill, an area without background).
    title
        Title of the colour dialog ("Text colour").

    Signals
    -------
    color_chosen(object)
        The user chose a :class:`~studio.model.color.Color`, or None for no colour.
    """

    color_chosen = Signal(object)

    def __init__(self, *, allow_none: bool = False, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color: Color | None = None
        self._allow_none = allow_none
        self._title = title or self.tr("Choose a colour")
        self.suggestions: list[Color] = []
        """Colours offered below the recent ones (the product's palette, the design's colours)."""
        self.setIconSize(QSize(30, 18))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip(self._title)
        self.setAccessibleName(self._title)
        menu = QMenu(self)
        self._popup = _SwatchPopup(self)
        self._popup.picked.connect(self._picked)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self._popup)
        menu.addAction(holder)
        menu.addSeparator()
        if allow_none:
            none = menu.addAction(_icons.icon("none"), self.tr("No colour"))
            none.triggered.connect(lambda: self.choose(None))
        custom = menu.addAction(self.tr("Custom colour…"))
        custom.triggered.connect(self.open_dialog)
        menu.aboutToShow.connect(self._popup.rebuild)
        self.setMenu(menu)
        self._update_icon()

    def color(self) -> Color | None:
        return self._color

    def set_color(self, color: Color | None) -> None:
        """Show ``color`` (the model's value); emits nothing."""
        self._color = color
        self._update_icon()

    def choose(self, color: Color | None) -> None:
        """Choose ``color`` as the user would: show it, remember it, emit :attr:`color_chosen`."""
        self.set_color(color)
        if color is not None:
            RecentColors.shared().add(color)
        self.color_chosen.emit(color)

    def open_dialog(self) -> None:
        """Qt's colour dialog, starting from the current colour."""
        dialog = QColorDialog(QColor(self._color.hex) if self._color else QColor("black"), self.window())
        dialog.setWindowTitle(self._title)
        dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog, False)
        if dialog.exec() == QColorDialog.DialogCode.Accepted:
            self.choose(Color(hex=dialog.selectedColor().name()))
        dialog.deleteLater()

    def _picked(self, color: Color) -> None:
        self.menu().hide()
        self.choose(color)

    def _update_icon(self) -> None:
        self.setIcon(swatch_icon(self._color, self.iconSize()))
        name = self._color.hex if self._color is not None else self.tr("no colour")
        self.setAccessibleDescription(name)
        self.setToolTip(f"{self._title}: {name}")


class ColorField(QWidget):
    """A colour button, its hexadecimal value and the recent colours, on one line.

    Signals
    -------
    color_chosen(object)
        As :attr:`ColorButton.color_chosen`.
    """

    color_chosen = Signal(object)

    def __init__(self, *, allow_none: bool = False, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.button = ColorButton(allow_none=allow_none, title=title)
        self.hex = QLineEdit()
        self.hex.setAccessibleName(self.tr("Hexadecimal colour"))
        self.hex.setToolTip(self.tr("The colour as #RRGGBB; press Enter to apply"))
        self.hex.setValidator(QRegularExpressionValidator(r"#?[0-9A-Fa-f]{0,6}"))
        self.hex.setMaximumWidth(76)
        self.hex.setPlaceholderText(self.tr("none"))
        self._recent = QWidget()
        self._recent_layout = QHBoxLayout(self._recent)
        self._recent_layout.setContentsMargins(0, 0, 0, 0)
        self._recent_layout.setSpacing(2)
        layout.addWidget(self.button)
        layout.addWidget(self.hex)
        layout.addWidget(self._recent)
        layout.addStretch(1)
        self.setFocusProxy(self.button)
        self.button.color_chosen.connect(self._chosen)
        self.hex.editingFinished.connect(self._typed)
        RecentColors.shared().changed.connect(self._show_recent)
        self._show_recent()

    def color(self) -> Color | None:
        return self.button.color()

    def set_color(self, color: Color | None) -> None:
        self.button.set_color(color)
        self.hex.setText(color.hex if color is not None else "")

    def choose(self, color: Color | None) -> None:
        self.button.choose(color)

    def _chosen(self, color: Color | None) -> None:
        self.hex.setText(color.hex if color is not None else "")
        self.color_chosen.emit(color)

    def _typed(self) -> None:
        text = self.hex.text().strip()
        current = self.button.color()
        try:
            color = Color(hex=text) if text else None
        except ValueError:
            self.hex.setText(current.hex if current else "")
            return
        if color != current and (color is not None or self.button._allow_none):
            self.choose(color)

    def _show_recent(self) -> None:
        try:
            layout = self._recent_layout
        except RuntimeError:
            return
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for color in RecentColors.shared().colors()[:5]:
            swatch = Swatch(color, size=12)
            swatch.setCheckable(False)
            swatch.setAutoRaise(True)
            swatch.clicked.connect(lambda _c=False, c=color: self.choose(c))
            layout.addWidget(swatch)
