"""Form pieces shared by the panels: titled sections, unit-aware spin boxes, slider pairs, a flow layout.

Every editing widget here tells user edits apart from programmatic updates: ``edited`` fires
only when the user changes the value, and ``finished`` when the gesture ends (Enter, focus
leaving, slider released), which is where the panels seal the undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from studio.ui import units as ui_units


class Section(QFrame):
    """A titled group of form rows, separated from the next by a thin rule.

    In a dock too narrow for labels and fields side by side, every label goes above its field
    (:attr:`wrapped`); the section's minimum width is then that of its widest field.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section")
        self._wrapped = False
        self._wrap_width: int | None = None
        self._captions: list[QLabel] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 10)
        outer.setSpacing(6)
        self.title = QLabel(title)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName(title)
        outer.addWidget(self.title)
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(6)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addSpacing(2)
        outer.addWidget(rule)

    def add_row(self, label: str, widget: QWidget | QLayout) -> QLabel:
        """Add a labelled row; the label is the widget's buddy (Alt+letter reaches it)."""
        caption = QLabel(label)
        # One label width for every section, so that the fields line up down the panel.
        caption.setMinimumWidth(caption.fontMetrics().horizontalAdvance("M") * 7)
        self._captions.append(caption)
        self._align_caption(caption)
        if isinstance(widget, QComboBox) and widget.sizeAdjustPolicy() == _COMBO_DEFAULT:
            # A long choice ("Fill the frame (cut the excess)") must not widen the dock: it is elided.
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(12)
        if isinstance(widget, QWidget):
            caption.setBuddy(widget)
            if not widget.accessibleName():
                widget.setAccessibleName(label.replace("&", ""))
            self.form.addRow(caption, widget)
        else:
            self.form.addRow(caption, widget)
        if QWidget.width(self) > 0:  # subclasses may have a "width" field
            self._fit_rows(QWidget.width(self))
        return caption

    def set_row_visible(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)

    # -- narrow docks ----------------------------------------------------------------------------
    @property
    def wrapped(self) -> bool:
        """Whether the labels are above their fields (the section is too narrow for both side by side)."""
        return self._wrapped

    def side_by_side_width(self) -> int:
        """The narrowest width that fits every visible label beside its field."""
        label_width = field_width = 0
        for row in range(self.form.rowCount()):
            if not self.form.isRowVisible(row):
                continue
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if field is None:
                continue
            caption = label.widget() if label is not None else None
            if isinstance(caption, QLabel) and caption.text():
                em = caption.fontMetrics().horizontalAdvance("M")
                label_width = max(label_width, em * 7, caption.sizeHint().width())
            field_width = max(field_width, _item_min_width(field))
        layout = self.layout()
        m = layout.contentsMargins() if layout is not None else QMargins()
        return m.left() + label_width + self.form.horizontalSpacing() + field_width + m.right()

    def minimumSizeHint(self) -> QSize:
        # What the section needs with the labels above the fields, whichever way it is laid out now,
        # so that a narrow dock can switch it to that layout.
        hint = super().minimumSizeHint()
        widest = self.title.minimumSizeHint().width()
        for row in range(self.form.rowCount()):
            if not self.form.isRowVisible(row):
                continue
            for role in (
                QFormLayout.ItemRole.LabelRole,
                QFormLayout.ItemRole.FieldRole,
                QFormLayout.ItemRole.SpanningRole,
            ):
                item = self.form.itemAt(row, role)
                if item is not None:
                    widest = max(widest, _item_min_width(item))
        layout = self.layout()
        m = layout.contentsMargins() if layout is not None else QMargins()
        return QSize(m.left() + widest + m.right(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_rows(event.size().width())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_rows(QWidget.width(self))
        super().showEvent(event)

    def set_wrap_width(self, width: int | None) -> None:
        """Put the labels above the fields below ``width`` (``None``: when this section needs it).

        A panel of several sections gives them one width, so that they all change together.
        """
        self._wrap_width = width
        self._fit_rows(QWidget.width(self))

    def _fit_rows(self, width: int) -> None:
        threshold = self._wrap_width if self._wrap_width is not None else self.side_by_side_width()
        wrapped = width < threshold
        if wrapped == self._wrapped:
            return
        self._wrapped = wrapped
        self.form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapAllRows if wrapped else QFormLayout.RowWrapPolicy.DontWrapRows
        )
        horizontal = Qt.AlignmentFlag.AlignLeft if wrapped else Qt.AlignmentFlag.AlignRight
        self.form.setLabelAlignment(horizontal | Qt.AlignmentFlag.AlignVCenter)
        for caption in self._captions:
            self._align_caption(caption)

    def _align_caption(self, caption: QLabel) -> None:
        horizontal = Qt.AlignmentFlag.AlignLeft if self._wrapped else Qt.AlignmentFlag.AlignRight
        caption.setAlignment(horizontal | Qt.AlignmentFlag.AlignVCenter)
        # Labels above their fields need no common width (it lines fields up side by side).
        em = caption.fontMetrics().horizontalAdvance("M")
        caption.setMinimumWidth(0 if self._wrapped else em * 7)
        # A row without a label continues the one above: no empty line above it when wrapped.
        if not caption.text():
            caption.setHidden(self._wrapped)


_COMBO_DEFAULT = QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow


def _item_min_width(item: QLayoutItem) -> int:
    """The width a layout gives ``item`` at the very least (0 for a hidden widget)."""
    widget = item.widget()
    if widget is not None and widget.isHidden():
        return 0
    return item.minimumSize().width()


class NumberSpin(QDoubleSpinBox):
    """A decimal spin box that emits ``edited`` for user changes only.

    Signals
    -------
    edited(float)
        The user changed the value (typing, arrows, wheel).
    finished()
        The user pressed Enter or left the box: the gesture is over.
    """

    edited = Signal(float)
    finished = Signal()

    def __init__(
        self,
        minimum: float,
        maximum: float,
        *,
        decimals: int = 1,
        step: float = 1.0,
        suffix: str = "",
        tip: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._quiet = False
        self.setRange(minimum, maximum)
        self.setDecimals(decimals)
        self.setSingleStep(step)
        self.setSuffix(suffix)
        self.setToolTip(tip)
        self.setAccelerated(True)
        self.setStepType(QAbstractSpinBox.StepType.DefaultStepType)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(60)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not steal page scrolls
        self.valueChanged.connect(self._changed)
        self.editingFinished.connect(self.finished)

    def minimumSizeHint(self) -> QSize:
        # The hint fits the widest value of the range (-10000.0 mm); narrow docks need less.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 64), hint.height())

    def set_value(self, value: float) -> None:
        """Show ``value`` without emitting ``edited``."""
        self._quiet = True
        try:
            self.setValue(value)
        finally:
            self._quiet = False

    def _changed(self, value: float) -> None:
        if not self._quiet:
            self.edited.emit(value)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class IntSpin(QSpinBox):
    """An integer spin box with ``edited``/``finished`` like :class:`NumberSpin`."""

    edited = Signal(int)
    finished = Signal()

    def __init__(self, minimum: int, maximum: int, *, suffix: str = "", tip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._quiet = False
        self.setRange(minimum, maximum)
        self.setSuffix(suffix)
        self.setToolTip(tip)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.valueChanged.connect(self._changed)
        self.editingFinished.connect(self.finished)

    def set_value(self, value: int) -> None:
        self._quiet = True
        try:
            self.setValue(value)
        finally:
            self._quiet = False

    def _changed(self, value: int) -> None:
        if not self._quiet:
            self.edited.emit(value)


class LengthSpin(NumberSpin):
    """A length shown in the user's units (mm or in); the model side is always millimetres.

    ``fine`` lengths (outline widths) get one more decimal and smaller steps.

    Signals
    -------
    edited_mm(float)
        The user changed the length (in millimetres).
    """

    edited_mm = Signal(float)

    def __init__(
        self,
        *,
        minimum_mm: float = -10_000.0,
        maximum_mm: float = 10_000.0,
        fine: bool = False,
        tip: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(minimum_mm, maximum_mm, tip=tip, parent=parent)
        self._units = "mm"
        self._fine = fine
        self._range_mm = (minimum_mm, maximum_mm)
        self.set_units("mm")
        self.edited.connect(lambda v: self.edited_mm.emit(ui_units.to_mm(v, self._units)))

    @property
    def units(self) -> str:
        return self._units

    def set_units(self, units: str) -> None:
        """Show lengths in ``units`` (``mm`` or ``in``), keeping the length shown."""
        mm = self.value_mm()
        self._units = units
        self._quiet = True
        try:
            decimals = ui_units.DECIMALS[units] + (1 if self._fine else 0)
            self.setDecimals(decimals)
            if units == "mm":
                self.setSingleStep(0.05 if self._fine else 1.0)
            else:
                self.setSingleStep(0.005 if self._fine else 0.05)
            lo, hi = self._range_mm
            self.setRange(ui_units.from_mm(lo, units), ui_units.from_mm(hi, units))
            self.setSuffix(ui_units.suffix(units))
            self.setValue(ui_units.from_mm(mm, units))
        finally:
            self._quiet = False

    def value_mm(self) -> float:
        return ui_units.to_mm(self.value(), self._units)

    def set_value_mm(self, mm: float) -> None:
        self.set_value(ui_units.from_mm(mm, self._units))


class SliderSpin(QWidget):
    """A slider with a spin box beside it, for a value in a range (opacity, crop).

    Signals
    -------
    edited(float)
        The user moved the slider or changed the number.
    finished()
        The slider was released or the number confirmed.
    """

    edited = Signal(float)
    finished = Signal()

    def __init__(
        self, minimum: float, maximum: float, *, suffix: str = " %", tip: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(round(minimum), round(maximum))
        self.slider.setToolTip(tip)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.spin = NumberSpin(minimum, maximum, decimals=0, suffix=suffix, tip=tip)
        self.spin.setMinimumWidth(64)
        self.spin.setMaximumWidth(76)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self._quiet = False
        self.slider.valueChanged.connect(self._slid)
        self.slider.sliderReleased.connect(self.finished)
        self.spin.edited.connect(self._typed)
        self.spin.finished.connect(self.finished)
        self.setFocusProxy(self.spin)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.slider.setAccessibleName(name)
        self.spin.setAccessibleName(name)

    def value(self) -> float:
        return self.spin.value()

    def set_value(self, value: float) -> None:
        self._quiet = True
        try:
            self.spin.set_value(value)
            self.slider.setValue(round(value))
        finally:
            self._quiet = False

    def _slid(self, value: int) -> None:
        if self._quiet:
            return
        self.spin.set_value(value)
        self.edited.emit(float(value))
        if not self.slider.isSliderDown():
            self.finished.emit()  # a click on the groove or a key press is a gesture of its own

    def _typed(self, value: float) -> None:
        self._quiet = True
        self.slider.setValue(round(value))
        self._quiet = False
        self.edited.emit(value)


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to new lines (swatches of any count)."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m: QMargins = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and not widget.isVisibleTo(widget.parentWidget() or widget):
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x = area.x()
                y += line + self._spacing
                line = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()
