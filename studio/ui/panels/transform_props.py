"""Position, size, rotation and opacity of the selected layers, in the user's units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QWidget

from studio.model.design import AnyLayer, CodeLayer, ImageLayer, ShapeLayer, VectorLayer
from studio.ui.panels import _icons
from studio.ui.panels._props_base import PropertySection
from studio.ui.panels._widgets import LengthSpin, NumberSpin, SliderSpin

if TYPE_CHECKING:
    from studio.ui.panels.properties import PropertiesPanel

Sized = ImageLayer | VectorLayer | ShapeLayer | CodeLayer


class TransformSection(PropertySection):
    """X and Y of the layer's centre, its printed width and height (or its scale), rotation, opacity.

    With several layers selected only rotation and opacity are offered: they mean the same for
    every layer, where a shared position or size would not.
    """

    def __init__(self, panel: PropertiesPanel) -> None:
        super().__init__(self.tr("Layout"), panel)
        self.x_spin = LengthSpin(tip=self.tr("Horizontal position of the layer's centre, from the trim's left edge"))
        self.y_spin = LengthSpin(tip=self.tr("Vertical position of the layer's centre, from the trim's top edge"))
        self.width_spin = LengthSpin(minimum_mm=0.1, tip=self.tr("Printed width"))
        self.height_spin = LengthSpin(minimum_mm=0.0, tip=self.tr("Printed height"))
        self.keep_ratio = QToolButton()
        self.keep_ratio.setCheckable(True)
        self.keep_ratio.setChecked(True)
        self.keep_ratio.setAutoRaise(True)
        self.keep_ratio.setIcon(_icons.icon("link"))
        self.keep_ratio.setToolTip(self.tr("Keep the proportions when changing the width or height"))
        self.keep_ratio.setAccessibleName(self.tr("Keep proportions"))
        self.scale = NumberSpin(1, 100_000, decimals=1, step=5, suffix=" %", tip=self.tr("Size of the layer"))
        self.rotation = NumberSpin(-360, 360, decimals=1, step=1, suffix=" °", tip=self.tr("Clockwise rotation"))
        self.rotation.setWrapping(True)
        self.opacity = SliderSpin(0, 100, tip=self.tr("How opaque the layer is"))

        for spin, name in ((self.x_spin, "X"), (self.y_spin, "Y"), (self.width_spin, "W"), (self.height_spin, "H")):
            spin.setAccessibleName(
                {
                    "X": self.tr("Horizontal position"),
                    "Y": self.tr("Vertical position"),
                    "W": self.tr("Width"),
                    "H": self.tr("Height"),
                }[name]
            )
        self.position_row = self._pair(self.tr("X"), self.x_spin, self.tr("Y"), self.y_spin)
        self.size_row = self._pair(self.tr("W"), self.width_spin, self.tr("H"), self.height_spin, self.keep_ratio)
        self._position_label = self.add_row(self.tr("Position"), self.position_row)
        self._size_label = self.add_row(self.tr("Size"), self.size_row)
        self.add_row(self.tr("Scale"), self.scale)
        self.add_row(self.tr("&Rotation"), self.rotation)
        self.add_row(self.tr("&Opacity"), self.opacity)

        self.x_spin.edited_mm.connect(lambda mm: self.apply({"transform.x": mm}, label="Move", merge_key="props.x"))
        self.y_spin.edited_mm.connect(lambda mm: self.apply({"transform.y": mm}, label="Move", merge_key="props.y"))
        self.width_spin.edited_mm.connect(lambda mm: self._resize(width=mm))
        self.height_spin.edited_mm.connect(lambda mm: self._resize(height=mm))
        self.scale.edited.connect(self._rescale)
        self.rotation.edited.connect(
            lambda v: self.apply({"transform.rotation": v}, label="Rotate", merge_key="props.rotation")
        )
        self.opacity.edited.connect(
            lambda v: self.apply({"opacity": v / 100.0}, label="Change Opacity", merge_key="props.opacity")
        )
        for widget in (
            self.x_spin,
            self.y_spin,
            self.width_spin,
            self.height_spin,
            self.scale,
            self.rotation,
            self.opacity,
        ):
            widget.finished.connect(self.seal)

    def _pair(self, a: str, wa: QWidget, b: str, wb: QWidget, extra: QWidget | None = None) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        for column, (text, widget) in enumerate(((a, wa), (b, wb))):
            caption = QLabel(text)
            caption.setBuddy(widget)
            grid.addWidget(caption, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
            grid.setColumnStretch(column * 2 + 1, 1)
        if extra is not None:
            grid.addWidget(extra, 0, 4)
        return holder

    def applies_to(self, layers: list[AnyLayer]) -> bool:
        return bool(layers)

    def update_values(self) -> None:
        layers = self.layers
        if not layers:
            return
        first = layers[0]
        single = len(layers) == 1
        sized = single and isinstance(first, Sized)
        self.set_row_visible(self.position_row, single)
        self.set_row_visible(self.size_row, sized)
        self.set_row_visible(self.scale, single and not sized)
        for spin in (self.x_spin, self.y_spin, self.width_spin, self.height_spin):
            if spin.units != self.units:
                spin.set_units(self.units)
        t = first.transform
        self.x_spin.set_value_mm(t.x)
        self.y_spin.set_value_mm(t.y)
        if isinstance(first, Sized):
            self.width_spin.set_value_mm(first.width * abs(t.scale_x))
            self.height_spin.set_value_mm(first.height * abs(t.scale_y))
            is_line = isinstance(first, ShapeLayer) and first.shape == "line"
            self.height_spin.setEnabled(not is_line)
            self.keep_ratio.setEnabled(not is_line)
        self.scale.set_value(abs(t.scale_x) * 100.0)
        self.rotation.set_value(((t.rotation + 180.0) % 360.0) - 180.0)
        self.opacity.set_value(round(first.opacity * 100.0))

    def _resize(self, *, width: float | None = None, height: float | None = None) -> None:
        layer = self.layers[0] if self.layers else None
        if not isinstance(layer, Sized):
            return
        sx, sy = abs(layer.transform.scale_x), abs(layer.transform.scale_y)
        changes: dict[str, float] = {}
        keep = self.keep_ratio.isChecked() and self.keep_ratio.isEnabled() and layer.height > 0
        if width is not None:
            changes["width"] = max(width / sx, 0.01)
            if keep:
                changes["height"] = layer.height * changes["width"] / layer.width
        if height is not None:
            changes["height"] = max(height / sy, 0.01)
            if keep:
                changes["width"] = layer.width * changes["height"] / layer.height
        self.apply(changes, label="Resize", merge_key="props.size." + ",".join(sorted(changes)))

    def _rescale(self, percent: float) -> None:
        layer = self.layers[0] if self.layers else None
        if layer is None:
            return
        t = layer.transform
        factor = percent / 100.0
        sx = factor if t.scale_x > 0 else -factor
        sy = factor * abs(t.scale_y / t.scale_x) * (1 if t.scale_y > 0 else -1)
        self.apply({"transform.scale_x": sx, "transform.scale_y": sy}, label="Resize", merge_key="props.scale")
