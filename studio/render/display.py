"""The display list: what every backend draws.

:func:`studio.render.scene.build_scene` turns one print area of a design into a
:class:`DisplayList`. All coordinates are millimetres in the print area's frame (origin at the
top-left of the trim box, y down). Text has already become outlines, so backends draw paths,
images, vector art and groups, and nothing else. Selection handles and guides are never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from studio.model.color import Color
from studio.model.geometry import Affine, Path, Rect
from studio.model.template import PrintArea
from studio.render.sources import ImageSource, SvgSource


@dataclass(slots=True)
class FillPath:
    """Fill ``path`` (by its own fill rule) with ``color``."""

    path: Path
    color: Color
    opacity: float = 1.0


@dataclass(slots=True)
class StrokePath:
    """Stroke ``path`` with a line ``width`` mm wide."""

    path: Path
    color: Color
    width: float
    opacity: float = 1.0
    join: Literal["miter", "round", "bevel"] = "round"
    cap: Literal["butt", "round", "square"] = "butt"


@dataclass(slots=True)
class DrawImage:
    """Draw a raster image.

    ``transform`` maps the image's pixel grid (``0..width_px`` by ``0..height_px``, after EXIF
    orientation, y down) onto the area's millimetres. ``clip`` (area mm) limits what shows, which
    is how crops and "fill" frames are made without touching the image's pixels, so a JPEG can be
    passed through to a PDF byte for byte.
    """

    source: ImageSource
    transform: Affine
    clip: Path | None = None
    opacity: float = 1.0
    layer: str = ""
    """Name of the layer drawn, for messages when a backend fails on it."""


@dataclass(slots=True)
class DrawSvg:
    """Draw vector art from an SVG document.

    ``transform`` maps the SVG's user space (its viewBox coordinates) onto the area's millimetres;
    ``clip`` (area mm) is the layer's frame.
    """

    source: SvgSource
    transform: Affine
    clip: Path | None = None
    opacity: float = 1.0
    layer: str = ""
    """Name of the layer drawn, for messages when a backend fails on it."""


@dataclass(slots=True)
class Group:
    """Items drawn together, then composited with ``opacity`` and clipped to ``clip``."""

    items: list[Item] = field(default_factory=list)
    opacity: float = 1.0
    clip: Path | None = None


Item = FillPath | StrokePath | DrawImage | DrawSvg | Group


@dataclass(slots=True)
class LayerExtent:
    """Where a top-level layer's visible content lies (for preflight and hit-testing)."""

    layer_id: str
    bounds: Rect


@dataclass(slots=True)
class DisplayList:
    """Everything drawn on one print area, bottom to top.

    ``page`` is the rectangle a backend should cover: the trim box grown by the bleed that was
    asked for. ``trim`` is the trim box (always at the origin).
    """

    area_id: str
    trim: Rect
    page: Rect
    items: list[Item] = field(default_factory=list)
    extents: list[LayerExtent] = field(default_factory=list)
    die_line: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def walk(self) -> list[Item]:
        """Every item, groups flattened (depth first)."""
        out: list[Item] = []

        def visit(items: list[Item]) -> None:
            for item in items:
                out.append(item)
                if isinstance(item, Group):
                    visit(item.items)

        visit(self.items)
        return out


class SceneSource(Protocol):
    """Anything that can lay out its print areas: what exporters take.

    :class:`studio.render.scene.Document` is the real one; tests may hand-build display lists.
    """

    def area_ids(self) -> list[str]:
        """Print area ids in template order."""

    def print_area(self, area_id: str) -> PrintArea:
        """The template's definition of an area (sizes, bleed, die line)."""

    def scene(self, area_id: str, *, bleed: float | None = None) -> DisplayList:
        """The display list of an area; ``bleed`` None means the template's bleed."""

    @property
    def title(self) -> str:
        """A name for the document (file metadata)."""
