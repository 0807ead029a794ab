"""Templates: a product, its views, its print areas, colourable parts and options.

A template is data (``templates/<id>/template.toml`` plus SVG art); these classes are what the
loader validates it into. Sizes are millimetres. Names shown to users may be a plain string or a
table of translations (``name = { en = "Jar", fr = "Bocal" }``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from studio.model.color import Color
from studio.model.geometry import Path, Rect

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Localized = str | dict[Annotated[str, Field(pattern=r"^[a-z]{2}$")], str]
Millimetres = Annotated[float, Field(gt=0.0, le=10_000.0)]


def localize(value: Localized, lang: str = "en") -> str:
    """The text of ``value`` in ``lang``, falling back to English, then to any translation."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Product(_Strict):
    id: Identifier = Field(description="Stable product id, also the template folder name.")
    name: Localized = Field(description="Product name shown in the gallery.")
    category: Literal["jars", "bottles", "apparel", "shoes", "drinkware", "bags", "stickers", "other"] = Field(
        description="Gallery category."
    )
    description: Localized = Field(default="", description="One line shown under the name.")


class View(_Strict):
    id: Identifier
    name: Localized
    art: str | None = Field(default=None, description="SVG product art for this view, relative to the template folder.")


class AreaShape(_Strict):
    """The trim (die-cut) outline of a print area, in the area's own millimetre coordinates.

    ``cone`` is the label of a tapered jar or cup: a ring sector computed from the diameters at
    the label's top and bottom edges and its height, so that it wraps the frustum exactly.
    """

    kind: Literal["rectangle", "rounded_rectangle", "ellipse", "path", "cone"] = "rectangle"
    radius: Annotated[float, Field(ge=0.0, le=10_000.0)] = Field(
        default=0.0, description="Corner radius of a rounded rectangle (mm)."
    )
    path: str | None = Field(default=None, description="SVG path data of a die line, in mm, for kind = path.")
    top_diameter: Annotated[float, Field(gt=0.0, le=5_000.0)] | None = Field(
        default=None, description="Cone: diameter of the object at the label's top edge (mm)."
    )
    bottom_diameter: Annotated[float, Field(gt=0.0, le=5_000.0)] | None = Field(
        default=None, description="Cone: diameter at the label's bottom edge (mm)."
    )
    cone_height: Annotated[float, Field(gt=0.0, le=5_000.0)] | None = Field(
        default=None, description="Cone: height of the label measured along the object's axis (mm)."
    )
    coverage: Annotated[float, Field(gt=0.0, le=1.0)] = Field(
        default=1.0, description="Cone: fraction of the circumference the label covers."
    )

    @model_validator(mode="after")
    def _complete(self) -> AreaShape:
        if self.kind == "path":
            if not self.path:
                raise ValueError("a shape of kind 'path' needs path data (an SVG 'd' string in mm)")
            Path.from_svg(self.path)
        if self.kind == "cone":
            if self.top_diameter is None or self.bottom_diameter is None or self.cone_height is None:
                raise ValueError("a shape of kind 'cone' needs top_diameter, bottom_diameter and cone_height")
            if abs(self.top_diameter - self.bottom_diameter) < 1e-6:
                raise ValueError("a cone with equal diameters is a cylinder: use a rectangle")
            if self.cone().sweep > math.pi:
                raise ValueError("this cone unrolls to more than a half circle; use a smaller coverage")
        return self

    def cone(self) -> ConeLabel:
        assert self.top_diameter is not None and self.bottom_diameter is not None and self.cone_height is not None
        return ConeLabel(self.top_diameter, self.bottom_diameter, self.cone_height, self.coverage)


@dataclass(frozen=True)
class ConeLabel:
    """A frustum's label unrolled flat: a sector of the ring between two circles.

    Unrolling a cone keeps lengths: the arc of the wide edge is as long as the covered part of the
    wide circumference, and the distance between the two arcs is the frustum's slant height.
    """

    top_diameter: float
    bottom_diameter: float
    height: float
    coverage: float = 1.0

    @property
    def slant(self) -> float:
        return math.hypot(self.height, (self.top_diameter - self.bottom_diameter) / 2)

    @property
    def outer_radius(self) -> float:
        """Radius of the wide edge's arc (from the unrolled cone's apex)."""
        big, small = max(self.top_diameter, self.bottom_diameter), min(self.top_diameter, self.bottom_diameter)
        return self.slant * big / (big - small)

    @property
    def inner_radius(self) -> float:
        return self.outer_radius - self.slant

    @property
    def sweep(self) -> float:
        """Angle of the sector (radians)."""
        big = max(self.top_diameter, self.bottom_diameter)
        return math.pi * big * self.coverage / self.outer_radius

    @property
    def wide_at_top(self) -> bool:
        return self.top_diameter > self.bottom_diameter

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the flat label's bounding box (mm)."""
        big_r, small_r, half = self.outer_radius, self.inner_radius, self.sweep / 2
        return 2 * big_r * math.sin(half), big_r - small_r * math.cos(half)

    @property
    def apex(self) -> tuple[float, float]:
        """The centre of both arcs, in the label's coordinates (below a label wide at the top)."""
        width, height = self.size
        return (width / 2, self.outer_radius) if self.wide_at_top else (width / 2, height - self.outer_radius)

    def outline(self) -> Path:
        return self.inset_outline(0.0)

    def inset_outline(self, margin: float) -> Path:
        """The outline brought in by ``margin`` mm on every side (the safe area)."""
        cx, cy = self.apex
        big_r, small_r = self.outer_radius - margin, self.inner_radius + margin
        # The straight sides are radii: moving them in by the margin costs most angle at the inner arc.
        half = math.degrees(self.sweep / 2 - math.asin(min(1.0, margin / small_r)))
        if self.wide_at_top:  # an arch: the apex is below, angles measured around "up" (-90 deg)
            p = Path().arc(cx, cy, big_r, big_r, -90 - half, 2 * half, connect=False)
            p.arc(cx, cy, small_r, small_r, -90 + half, -2 * half)
        else:  # a smile: the apex is above
            p = Path().arc(cx, cy, big_r, big_r, 90 + half, -2 * half, connect=False)
            p.arc(cx, cy, small_r, small_r, 90 - half, 2 * half)
        return p.close()


class MockupPlacement(_Strict):
    """Where a print area appears on a view's art, and how it is bent onto the product.

    ``rect`` is in the view art's user units. For ``flat`` it is where the trim box lands; for
    ``cylinder`` and ``cone`` it is the visible band of the object (left and right edges are the
    silhouette, top and bottom the label's edges at the front); for ``perspective`` and ``fabric``
    the four ``quad`` corners (top-left, top-right, bottom-right, bottom-left of the trim box) say
    where the print goes.
    """

    view: Identifier
    kind: Literal["flat", "cylinder", "cone", "perspective", "fabric"] = Field(
        default="flat", description="How the flat print is bent onto the product."
    )
    rect: tuple[float, float, float, float] = Field(
        description="x, y, width, height of the visible print in view-art units."
    )
    quad: tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]] | None = Field(
        default=None, description="perspective/fabric: where the trim corners land (TL, TR, BR, BL), art units."
    )
    mask: str | None = Field(default=None, description="Id of the art element outside which the print never shows.")
    diameter: Annotated[float, Field(gt=0.0, le=5_000.0)] | None = Field(
        default=None,
        description="cylinder/cone: the object's diameter at the label (mm); sets how much of the wrap shows.",
    )
    bottom_width: Annotated[float, Field(gt=0.0)] | None = Field(
        default=None, description="cone: visible width at the label's bottom edge (art units); rect width is the top."
    )
    ellipse: Annotated[float, Field(ge=0.0, le=1.0)] = Field(
        default=0.0,
        description="cylinder/cone: depth of the top and bottom edges' curve / visible width (view from above).",
    )
    blend: Literal["normal", "multiply"] = Field(
        default="normal", description="multiply: ink on fabric or coloured stock takes the colour beneath."
    )
    displacement: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        default=0.0, description="fabric: how far (art units) folds push the print, from the shading's luminance."
    )
    angle: Annotated[float, Field(ge=-360.0, le=360.0)] = Field(
        default=0.0,
        description=(
            "cylinder/cone: degrees round the object, from the wrap's centre, of the point of the print that faces "
            "the viewer when the mockup is not turned (positive: towards the print's right end); the mockup's "
            "angle adds to it. A mug seen with its handle on the right shows 90."
        ),
    )


PrintMethod = Literal["digital", "offset", "dtg", "screen", "vinyl", "sublimation", "embroidery", "uv", "pad"]


class PrintArea(_Strict):
    id: Identifier
    name: Localized
    width: Millimetres = Field(description="Trim width (mm).")
    height: Millimetres = Field(description="Trim height (mm).")
    bleed: Annotated[float, Field(ge=0.0, le=50.0)] = Field(default=3.0, description="Bleed beyond the trim (mm).")
    safe_margin: Annotated[float, Field(ge=0.0, le=1_000.0)] = Field(
        default=3.0, description="Distance inside the trim that important content should keep (mm)."
    )
    shape: AreaShape = Field(default_factory=AreaShape)
    print_method: PrintMethod = "digital"
    max_colors: Annotated[int, Field(ge=1, le=64)] | None = Field(
        default=None, description="Ink limit (screen, vinyl)."
    )
    background: Color | None = Field(default=None, description="Stock colour under the design (None: white paper).")
    placements: list[MockupPlacement] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _cone_size(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("shape"), dict | AreaShape):
            shape = AreaShape.model_validate(data["shape"])
            if shape.kind == "cone":
                width, height = shape.cone().size
                data = {**data, "width": round(width, 4), "height": round(height, 4)}
        return data

    @model_validator(mode="after")
    def _fits(self) -> PrintArea:
        if 2 * self.safe_margin >= min(self.width, self.height):
            raise ValueError(
                f"safe margin {self.safe_margin} mm leaves no room inside a {self.width} x {self.height} mm area"
            )
        return self

    @property
    def trim_rect(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)

    def bleed_rect(self, bleed: float | None = None) -> Rect:
        b = self.bleed if bleed is None else bleed
        return self.trim_rect.inflated(b)

    @property
    def safe_rect(self) -> Rect:
        return self.trim_rect.inflated(-self.safe_margin)

    def outline(self) -> Path:
        """The die line: the shape that is cut (or the trim rectangle)."""
        s = self.shape
        if s.kind == "rounded_rectangle":
            return Path.rounded_rectangle(0.0, 0.0, self.width, self.height, s.radius)
        if s.kind == "ellipse":
            return Path.ellipse(self.width / 2, self.height / 2, self.width / 2, self.height / 2)
        if s.kind == "path" and s.path:
            return Path.from_svg(s.path)
        if s.kind == "cone":
            return s.cone().outline()
        return Path.rectangle(0.0, 0.0, self.width, self.height)

    def safe_outline(self) -> Path:
        """The safe area, the die line brought in by the safe margin."""
        m = self.safe_margin
        s = self.shape
        if s.kind == "ellipse":
            return Path.ellipse(self.width / 2, self.height / 2, self.width / 2 - m, self.height / 2 - m)
        if s.kind == "rounded_rectangle":
            return Path.rounded_rectangle(m, m, self.width - 2 * m, self.height - 2 * m, max(0.0, s.radius - m))
        if s.kind == "cone":
            return s.cone().inset_outline(m)
        return Path.rectangle(m, m, self.width - 2 * m, self.height - 2 * m)


class NamedColor(_Strict):
    name: Localized
    color: Color


class Part(_Strict):
    """A recolourable part of the product (a sneaker's toe cap, a jar's lid)."""

    id: Identifier
    name: Localized
    elements: list[str] = Field(description="Ids of the art elements that take this part's colour.")
    palette: list[NamedColor] = Field(default_factory=list)
    default: Color
    custom: bool = Field(default=True, description="Whether a free colour may be chosen besides the palette.")


class OptionChoice(_Strict):
    id: Identifier
    name: Localized
    color: Color | None = None


class ProductOption(_Strict):
    """A product-wide choice, such as the garment colour or the lid finish."""

    id: Identifier
    name: Localized
    elements: list[str] = Field(
        default_factory=list, description="Ids of the art elements that take the chosen choice's colour."
    )
    choices: list[OptionChoice] = Field(min_length=1)
    default: Identifier

    @model_validator(mode="after")
    def _default_is_a_choice(self) -> ProductOption:
        if self.default not in {c.id for c in self.choices}:
            raise ValueError(f"default {self.default!r} is not one of the choices")
        return self


class Template(_Strict):
    format: Literal[1] = Field(default=1, description="Version of the template file format.")
    version: Annotated[int, Field(ge=1)] = Field(default=1, description="Revision of this template.")
    product: Product
    views: list[View] = Field(min_length=1)
    print_areas: list[PrintArea] = Field(min_length=1)
    parts: list[Part] = Field(default_factory=list)
    options: list[ProductOption] = Field(default_factory=list)

    _folder: FsPath | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _references(self) -> Template:
        for kind, items in (
            ("view", self.views),
            ("print area", self.print_areas),
            ("part", self.parts),
            ("option", self.options),
        ):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"two {kind}s have the id {item.id!r}")
                seen.add(item.id)
        views = {v.id for v in self.views}
        for area in self.print_areas:
            for placement in area.placements:
                if placement.view not in views:
                    raise ValueError(
                        f"print area {area.id!r} is placed on view {placement.view!r}, which is not defined"
                    )
        return self

    @property
    def id(self) -> str:
        return self.product.id

    @property
    def folder(self) -> FsPath | None:
        """The folder the template was loaded from (art paths are relative to it)."""
        return self._folder

    def with_folder(self, folder: FsPath) -> Template:
        self._folder = folder
        return self

    def area(self, area_id: str) -> PrintArea:
        for area in self.print_areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def view(self, view_id: str) -> View:
        for view in self.views:
            if view.id == view_id:
                return view
        raise KeyError(view_id)
