"""Templates: a product, its views, its print areas, colourable parts and options.

A template is data (``templates/<id>/template.toml`` plus SVG art); these classes are what the
loader validates it into. Sizes are millimetres. Names shown to users may be a plain string or a
table of translations (``name = { en = "Jar", fr = "Bocal" }``).
"""

from __future__ import annotations

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
    """The trim (die-cut) outline of a print area, in the area's own millimetre coordinates."""

    kind: Literal["rectangle", "rounded_rectangle", "ellipse", "path"] = "rectangle"
    radius: Annotated[float, Field(ge=0.0, le=10_000.0)] = Field(
        default=0.0, description="Corner radius of a rounded rectangle (mm)."
    )
    path: str | None = Field(default=None, description="SVG path data of a die line, in mm, for kind = path.")

    @model_validator(mode="after")
    def _path_given(self) -> AreaShape:
        if self.kind == "path":
            if not self.path:
                raise ValueError("a shape of kind 'path' needs path data (an SVG 'd' string in mm)")
            Path.from_svg(self.path)
        return self


class MockupPlacement(_Strict):
    """Where a print area appears on a view's art, for the live mockup."""

    view: Identifier
    kind: Literal["flat", "cylinder"] = Field(
        default="flat", description="How the flat print is bent onto the product."
    )
    rect: tuple[float, float, float, float] = Field(
        description="x, y, width, height of the visible print in view-art units."
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
        return Path.rectangle(0.0, 0.0, self.width, self.height)

    def safe_outline(self) -> Path:
        """The safe area, the die line brought in by the safe margin."""
        m = self.safe_margin
        s = self.shape
        if s.kind == "ellipse":
            return Path.ellipse(self.width / 2, self.height / 2, self.width / 2 - m, self.height / 2 - m)
        if s.kind == "rounded_rectangle":
            return Path.rounded_rectangle(m, m, self.width - 2 * m, self.height - 2 * m, max(0.0, s.radius - m))
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
