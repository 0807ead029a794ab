"""Form pieces shared by the panels: titled sections, unit-aware spin boxes, slider pairs, a flow layout.

Every editing widget here tells user edits apart from programmatic updates: ``edited`` fires
only when the user changes the value, and ``finished`` when the gesture ends (Enter, focus
leaving, slider released), which is where the panels seal the undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractSpinBox,
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
    """A titled group of form rows, separated from the next by a thin rule."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section")
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
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if isinstance(widget, QWidget):
            caption.setBuddy(widget)
            if not widget.accessibleName():
                widget.setAccessibleName(label.replace("&", ""))
            self.form.addRow(caption, widget)
        else:
            self.form.addRow(caption, widget)
        return caption

    def set_row_visible(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)


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

    def wheelEvent(self, event) -> None:
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
            if item.widget() is not None and not item.widget().isVisibleTo(item.widget().parentWidget()):
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
