"""Shapes: kind, fill, outline, corner radius, and the corners of polygons and stars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from studio.model.color import Color
from studio.model.design import AnyLayer, ShapeLayer, Stroke
from studio.ui.panels._props_base import PropertySection
from studio.ui.panels._widgets import IntSpin, LengthSpin, SliderSpin
from studio.ui.panels.color_button import ColorButton, ColorField

if TYPE_CHECKING:
    from studio.ui.panels.properties import PropertiesPanel


class ShapeSection(PropertySection):
    """Rectangles, ellipses, polygons, stars and lines."""

    def __init__(self, panel: PropertiesPanel) -> None:
        super().__init__(self.tr("Shape"), panel)
        self.kind = QComboBox()
        for value, text in (
            ("rectangle", self.tr("Rectangle")),
            ("ellipse", self.tr("Ellipse")),
            ("polygon", self.tr("Polygon")),
            ("star", self.tr("Star")),
            ("line", self.tr("Line")),
        ):
            self.kind.addItem(text, value)
        self.kind.setToolTip(self.tr("Kind of shape"))
        self.kind.activated.connect(lambda _i: self.apply({"shape": self.kind.currentData()}, label="Change Shape"))

        self.fill = ColorField(allow_none=True, title=self.tr("Fill colour"))
        self.fill.color_chosen.connect(lambda c: self.apply({"fill": c}, label="Change Fill"))

        self.outline = QCheckBox()
        self.outline.setAccessibleName(self.tr("Outline"))
        self.outline.setToolTip(self.tr("Draw the shape's outline"))
        self.outline.toggled.connect(self._outline_toggled)
        self.outline_color = ColorButton(title=self.tr("Outline colour"))
        self.outline_color.color_chosen.connect(
            lambda c: c is not None and self.apply({"stroke.color": c}, label="Change Outline")
        )
        self.outline_width = LengthSpin(minimum_mm=0.05, maximum_mm=100, fine=True, tip=self.tr("Outline width"))
        self.outline_width.setAccessibleName(self.tr("Outline width"))
        self.outline_width.edited_mm.connect(
            lambda mm: self.apply({"stroke.width": mm}, label="Change Outline", merge_key="props.stroke.width")
        )
        outline = QWidget()
        row = QHBoxLayout(outline)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.outline)
        row.addWidget(self.outline_color)
        row.addWidget(self.outline_width, 1)

        self.radius = LengthSpin(minimum_mm=0, maximum_mm=10_000, tip=self.tr("Roundness of the corners"))
        self.radius.edited_mm.connect(
            lambda mm: self.apply({"corner_radius": mm}, label="Round Corners", merge_key="props.corner_radius")
        )
        self.sides = IntSpin(3, 100, tip=self.tr("Corners of a polygon, points of a star"))
        self.sides.edited.connect(lambda v: self.apply({"sides": v}, label="Change Corners", merge_key="props.sides"))
        self.inner = SliderSpin(5, 95, tip=self.tr("Depth of the star's points: inner radius as a share of the outer"))
        self.inner.edited.connect(
            lambda v: self.apply({"inner_ratio": v / 100.0}, label="Change Star", merge_key="props.inner_ratio")
        )
        for widget in (self.outline_width, self.radius, self.sides, self.inner):
            widget.finished.connect(self.seal)

        self.add_row(self.tr("&Kind"), self.kind)
        self.add_row(self.tr("F&ill"), self.fill)
        self.add_row(self.tr("Outline"), outline)
        self.add_row(self.tr("Corner &radius"), self.radius)
        self.add_row(self.tr("Co&rners"), self.sides)
        self.add_row(self.tr("Inner radius"), self.inner)
        self._updating = False

    def applies_to(self, layers: list[AnyLayer]) -> bool:
        return bool(layers) and all(isinstance(layer, ShapeLayer) for layer in layers)

    def update_values(self) -> None:
        if not self.layers:
            return
        first = self.layers[0]
        assert isinstance(first, ShapeLayer)
        self._updating = True
        try:
            self.kind.setCurrentIndex(max(0, self.kind.findData(first.shape)))
            self.fill.set_color(first.fill)
            self.set_row_visible(self.fill, first.shape != "line")
            for spin in (self.outline_width, self.radius):
                if spin.units != self.units:
                    spin.set_units(self.units)
            self.outline.setChecked(first.stroke is not None)
            self.outline_color.setEnabled(first.stroke is not None)
            self.outline_width.setEnabled(first.stroke is not None)
            if first.stroke is not None:
                self.outline_color.set_color(first.stroke.color)
                self.outline_width.set_value_mm(first.stroke.width)
            self.set_row_visible(self.radius, first.shape == "rectangle")
            self.radius.set_value_mm(first.corner_radius)
            self.set_row_visible(self.sides, first.shape in ("polygon", "star"))
            self.sides.set_value(first.sides)
            self.set_row_visible(self.inner, first.shape == "star")
            self.inner.set_value(round(first.inner_ratio * 100))
        finally:
            self._updating = False

    def _outline_toggled(self, on: bool) -> None:
        if self._updating:
            return
        if on:
            color = self.outline_color.color() or Color(hex="#000000")
            self.apply({"stroke": Stroke(color=color, width=0.5)}, label="Add Outline")
        else:
            self.apply({"stroke": None}, label="Remove Outline")
