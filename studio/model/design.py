"""Designs: the user's choices for one template, and the layers on each print area.

Every class here is a psygnal ``EventedModel``: assigning a field validates the new value and
emits ``obj.events.<field>``, which is what views subscribe to. Edits go through commands
(:mod:`studio.commands`), which replace values rather than mutate lists in place so that every
change is seen.

Layer geometry: a layer's content is laid out in its own frame, centred on the origin; the
layer's :class:`Transform` scales it, rotates it about its centre, then moves the centre to
``(x, y)`` in the print area's millimetres.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal, Union

from psygnal import EventedModel
from pydantic import ConfigDict, Field, model_validator

from studio.model.color import Color
from studio.model.geometry import Affine

SCHEMA_VERSION = 1
"""Version of ``design.json`` written by this program (see ``docs/file-format.md``)."""

Position = Annotated[float, Field(ge=-10_000.0, le=10_000.0)]
Length = Annotated[float, Field(gt=0.0, le=10_000.0)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]


def new_id() -> str:
    """A short random layer id."""
    return uuid.uuid4().hex[:12]


class _Evented(EventedModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        allow_inf_nan=False,
        validate_default=True,
    )


class Transform(_Evented):
    x: Position = Field(default=0.0, description="Centre of the layer from the trim's left edge (mm).")
    y: Position = Field(default=0.0, description="Centre of the layer from the trim's top edge (mm).")
    rotation: Annotated[float, Field(ge=-3600.0, le=3600.0)] = Field(default=0.0, description="Degrees, clockwise.")
    scale_x: Annotated[float, Field(ge=-1000.0, le=1000.0)] = 1.0
    scale_y: Annotated[float, Field(ge=-1000.0, le=1000.0)] = 1.0

    @model_validator(mode="after")
    def _not_flat(self) -> Transform:
        if abs(self.scale_x) < 1e-6 or abs(self.scale_y) < 1e-6:
            raise ValueError("scale must not be zero")
        return self

    def moved(self, dx: float, dy: float) -> Transform:
        """The same transform, its centre moved by ``(dx, dy)`` mm."""
        return Transform(
            x=self.x + dx, y=self.y + dy, rotation=self.rotation, scale_x=self.scale_x, scale_y=self.scale_y
        )

    def to_affine(self) -> Affine:
        return (
            Affine.translation(self.x, self.y)
            @ Affine.rotation(self.rotation)
            @ Affine.scaling(self.scale_x, self.scale_y)
        )


class Stroke(_Evented):
    color: Color = Field(default_factory=lambda: Color(hex="#000000"))
    width: Annotated[float, Field(gt=0.0, le=100.0)] = Field(default=0.5, description="Line width (mm).")
    join: Literal["miter", "round", "bevel"] = "round"


class _LayerBase(_Evented):
    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")] = Field(default_factory=new_id)
    name: Annotated[str, Field(max_length=200)] = ""
    transform: Transform = Field(default_factory=Transform)
    opacity: Unit = 1.0
    visible: bool = True
    locked: bool = False
    field: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z_][A-Za-z0-9_ -]*$")] | None = Field(
        default=None,
        description="Batch: the data field this layer depends on. An image layer takes its photo from it "
        "(a path relative to the data file); any layer is left out when the field is empty.",
    )

    def display_name(self) -> str:
        return self.name or self.kind_label()

    def kind_label(self) -> str:
        return self.__class__.__name__.removesuffix("Layer")


class Arc(_Evented):
    """Text set along a circle."""

    radius: Annotated[float, Field(gt=0.1, le=10_000.0)] = Field(description="Radius of the baseline circle (mm).")
    side: Literal["outside", "inside"] = Field(
        default="outside",
        description="outside: text reads along the top of the circle; inside: along the bottom, upright.",
    )


class TextLayer(_LayerBase):
    kind: Literal["text"] = "text"
    text: Annotated[str, Field(max_length=10_000)] = Field(description="Content; {field} is replaced by a variable.")
    font_family: Annotated[str, Field(min_length=1, max_length=200)] = "Inter"
    font_style: Annotated[str, Field(min_length=1, max_length=100)] = "Regular"
    size: Annotated[float, Field(ge=0.5, le=2000.0)] = Field(default=24.0, description="Font size (pt).")
    color: Color = Field(default_factory=lambda: Color(hex="#000000"))
    stroke: Stroke | None = None
    letter_spacing: Annotated[float, Field(ge=-500.0, le=5000.0)] = Field(
        default=0.0, description="Tracking in thousandths of an em."
    )
    line_height: Annotated[float, Field(ge=0.3, le=10.0)] = Field(default=1.2, description="Line distance / size.")
    align: Literal["left", "center", "right"] = "center"
    box_width: Length | None = Field(default=None, description="Width of the text box (mm); None: as wide as the text.")
    box_height: Length | None = Field(default=None, description="Height of the text box (mm).")
    fit: Literal["none", "shrink"] = Field(
        default="none", description="shrink: reduce the size until the text fits the box."
    )
    arc: Arc | None = None
    language: Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")] | None = Field(
        default=None,
        description="Language of the text (BCP 47, such as en, fr, de-CH): words that do not fit a text box "
        "are hyphenated by its rules. None: never hyphenated.",
    )

    def resolved_text(self, variables: Mapping[str, str]) -> str:
        return substitute(self.text, variables)


class Crop(_Evented):
    """Fractions of the source image cut away on each side."""

    left: Unit = 0.0
    top: Unit = 0.0
    right: Unit = 0.0
    bottom: Unit = 0.0

    @model_validator(mode="after")
    def _keeps_something(self) -> Crop:
        if self.left + self.right >= 0.999 or self.top + self.bottom >= 0.999:
            raise ValueError("the crop removes the whole image")
        return self

    @property
    def is_identity(self) -> bool:
        return self.left == self.top == self.right == self.bottom == 0.0


AssetRef = Annotated[str, Field(min_length=1, max_length=1024)]


class ImageLayer(_LayerBase):
    kind: Literal["image"] = "image"
    asset: AssetRef = Field(
        description="Asset path: inside a project, assets/<sha256>.<ext>; beside a design.json, a relative path."
    )
    width: Length = Field(description="Frame width (mm).")
    height: Length = Field(description="Frame height (mm).")
    crop: Crop = Field(default_factory=Crop)
    fit: Literal["fill", "fit", "stretch"] = Field(
        default="fill", description="fill: cover the frame (cut the excess); fit: show all of it; stretch: distort."
    )
    flip_h: bool = False
    flip_v: bool = False


class VectorLayer(_LayerBase):
    kind: Literal["vector"] = "vector"
    asset: AssetRef = Field(description="An SVG asset.")
    width: Length = Field(description="Frame width (mm); the art keeps its proportions inside it.")
    height: Length = Field(description="Frame height (mm).")
    flip_h: bool = False
    flip_v: bool = False


class ShapeLayer(_LayerBase):
    kind: Literal["shape"] = "shape"
    shape: Literal["rectangle", "ellipse", "polygon", "star", "line"] = "rectangle"
    width: Length = 20.0
    height: Annotated[float, Field(ge=0.0, le=10_000.0)] = 20.0
    corner_radius: Annotated[float, Field(ge=0.0, le=10_000.0)] = 0.0
    sides: Annotated[int, Field(ge=3, le=100)] = Field(default=5, description="Corners of a polygon, tips of a star.")
    inner_ratio: Annotated[float, Field(gt=0.0, lt=1.0)] = Field(
        default=0.5, description="Star inner radius / outer radius."
    )
    fill: Color | None = Field(default_factory=lambda: Color(hex="#000000"))
    stroke: Stroke | None = None


class GroupLayer(_LayerBase):
    kind: Literal["group"] = "group"
    children: list[Layer] = Field(default_factory=list)


Layer = Annotated[
    Union[TextLayer, ImageLayer, VectorLayer, ShapeLayer, GroupLayer],  # noqa: UP007 - a discriminated union
    Field(discriminator="kind"),
]
AnyLayer = TextLayer | ImageLayer | VectorLayer | ShapeLayer | GroupLayer
GroupLayer.model_rebuild()


class AreaDesign(_Evented):
    background: Color | None = Field(default=None, description="Fills the whole area, bleed included.")
    layers: list[Layer] = Field(default_factory=list, description="Bottom to top.")


class FontRef(_Evented):
    family: Annotated[str, Field(min_length=1, max_length=200)]
    style: Annotated[str, Field(min_length=1, max_length=100)]
    asset: AssetRef


class Design(_Evented):
    schema_version: Annotated[int, Field(ge=1)] = SCHEMA_VERSION
    template: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")] = Field(description="Template id.")
    template_version: Annotated[int, Field(ge=1)] = 1
    options: dict[str, str] = Field(default_factory=dict, description="Chosen product options, option id to choice id.")
    part_colors: dict[str, Color] = Field(default_factory=dict, description="Colour of each recoloured part.")
    variables: dict[str, Annotated[str, Field(max_length=10_000)]] = Field(
        default_factory=dict, description="Values for {fields} in text layers."
    )
    areas: dict[str, AreaDesign] = Field(default_factory=dict, description="Layers of each print area, by area id.")
    fonts: list[FontRef] = Field(default_factory=list, description="Font files the project carries.")

    @model_validator(mode="before")
    @classmethod
    def _check_version(cls, data: Any) -> Any:
        if isinstance(data, dict):
            version = data.get("schema_version", SCHEMA_VERSION)
            if isinstance(version, int) and version > SCHEMA_VERSION:
                raise ValueError(
                    f"schema_version {version} is newer than this program understands ({SCHEMA_VERSION}); update Studio"
                )
        return data

    @model_validator(mode="after")
    def _unique_ids(self) -> Design:
        seen: set[str] = set()
        for _area, layer in self.walk():
            if layer.id in seen:
                raise ValueError(f"two layers have the id {layer.id!r}")
            seen.add(layer.id)
        return self

    def area(self, area_id: str) -> AreaDesign:
        """The content of an area; an empty one, not stored, when nothing was placed there yet.

        Reading never changes the design: commands that put something on a new area call
        :meth:`ensure_area`, inside the undo stack.
        """
        content = self.areas.get(area_id)
        return content if content is not None else AreaDesign()

    def ensure_area(self, area_id: str) -> AreaDesign:
        """The content of an area, added to the design (with a model event) when it is new."""
        if area_id not in self.areas:
            self.areas = {**self.areas, area_id: AreaDesign()}
        return self.areas[area_id]

    def walk(self) -> Iterator[tuple[str, AnyLayer]]:
        """Every layer, groups and their children included, with its area id."""

        def visit(layers: list[AnyLayer]) -> Iterator[AnyLayer]:
            for layer in layers:
                yield layer
                if isinstance(layer, GroupLayer):
                    yield from visit(layer.children)

        for area_id, area in self.areas.items():
            for layer in visit(area.layers):
                yield area_id, layer

    def find_layer(self, layer_id: str) -> AnyLayer:
        for _area, layer in self.walk():
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    def assets(self) -> set[str]:
        """Every asset the design refers to (images, SVG art, fonts)."""
        refs = {layer.asset for _a, layer in self.walk() if isinstance(layer, ImageLayer | VectorLayer)}
        refs.update(f.asset for f in self.fonts)
        return refs

    def fields(self) -> set[str]:
        """The names of the {fields} used in text layers."""
        names: set[str] = set()
        for _a, layer in self.walk():
            if isinstance(layer, TextLayer):
                names.update(m.group(1) for m in _FIELD.finditer(layer.text))
        return names


_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_ -]{0,63})\}(?!\})")


def substitute(text: str, variables: Mapping[str, str]) -> str:
    """Replace ``{name}`` by its value (an unknown field stays as it is); ``{{`` and ``}}`` are braces."""

    def repl(m: re.Match[str]) -> str:
        return variables.get(m.group(1), m.group(0))

    return _FIELD.sub(repl, text).replace("{{", "{").replace("}}", "}")
