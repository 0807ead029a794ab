"""Mockups: a design shown on the product, as in ``docs/decisions/mockups.md``.

:class:`MockupRenderer` combines a template's view art with the print areas placed on it. Product
art is rasterised once (cached per view, colours and size); a re-render after an edit lays out the
print areas, renders each at the resolution its placement needs, samples it through a precomputed
warp map, and composites only the pixels the prints can reach over a cached picture of the
product::

    result = screen(multiply(print over base, shading), highlights) over background

A label or sticker (digital or offset print, or an area with a stock colour) brings its paper; ink
printed on the product itself (pad, UV, sublimation...) has the product beneath it. Ink on cloth
(``fabric`` placements with ``blend = "multiply"``) is printed on a white underbase, so that it
keeps its colour on a dark garment; the folds and the knit then shade it as they shade the cloth.
Turned placements (``cylinder``, ``cone``) start from the placement's ``angle``, to which the
mockup's angle adds.

:func:`contact_sheet` puts every view of every colourway on one captioned grid.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from studio import resources
from studio.model.color import Color
from studio.model.design import Design
from studio.model.errors import StudioError
from studio.model.geometry import Path
from studio.model.template import MockupPlacement, PrintArea, Template, View, localize
from studio.render import _warp
from studio.render._art import HIGHLIGHTS_ID, SHADING_ID, ArtDocument, Raster, rasterise
from studio.render.display import DisplayList, FillPath, Group
from studio.render.qt import qimage_to_pil, render_image
from studio.render.scene import Document

__all__ = ["MockupRenderer", "contact_sheet"]

# Supersampling of the print over what the placement shows at its densest point: text edges
# stay crisp after the bilinear warp.
_OVERSAMPLE = 1.3
# The largest print raster side a placement asks for (pixels).
_MAX_PRINT_SIDE = 6000
_MIN_SIZE, _MAX_SIZE = 16, 10_000
# The change of shade over one blur radius that counts as a full fold (fabric displacement).
_FOLD_SLOPE = 0.035
# How much of the cloth's own colour a print's white underbase hides (ink on fabric).
_UNDERBASE = np.float32(0.96)
# Print methods whose print comes on a stock of its own (a label, a sticker), not on the product.
_ON_STOCK = frozenset({"digital", "offset"})
# The reverse of a paper label seen through the glass at the back of the object (linear 0..1).
_PAPER_BACK = np.array([0.9, 0.89, 0.86, 1.0], dtype=np.float32)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Lru(Generic[K, V]):
    """A small least-recently-used cache, counted in entries."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V]) -> V:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = make()
        self._items[key] = value
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)
        return value


PAPER_METHODS = frozenset({"digital", "offset"})
"""Print methods that print on a label's own stock rather than on the product."""
_SUBSTRATE_SIZE = 320


@dataclass(frozen=True)
class _Frame:
    """How a view's art maps onto the output image."""

    width: int
    height: int
    scale: float
    """Output pixels per art unit."""
    origin: tuple[float, float]
    """Art coordinates of the output's top-left corner."""


@dataclass(frozen=True)
class _Light:
    """A view's light at one size: ``shade`` multiplies colour, ``highlight`` is screened."""

    shade: NDArray[np.float32] | None
    highlight: Raster | None


@dataclass(frozen=True)
class _Maps:
    """Every placement of a view at one size and angle, and the pixels they can reach."""

    placed: list[_Placed]
    union: NDArray[np.intp]
    """Flat indices of every pixel a print may change, sorted."""
    front_at: list[NDArray[np.intp]]
    """For each placement, where its front pixels sit in ``union``."""
    back_at: list[NDArray[np.intp] | None]
    light: _Light
    """The view's light at the ``union`` pixels only."""

    @staticmethod
    def of(placed: list[_Placed], light: _Light) -> _Maps:
        parts = [p.front.pixels for p in placed] + [p.back.pixels for p in placed if p.back is not None]
        union = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.intp)
        front_at = [np.searchsorted(union, p.front.pixels) for p in placed]
        back_at = [np.searchsorted(union, p.back.pixels) if p.back is not None else None for p in placed]
        at_union = _Light(
            light.shade[union] if light.shade is not None else None,
            light.highlight[union] if light.highlight is not None else None,
        )
        return _Maps(placed, union, front_at, back_at, at_union)


@dataclass(frozen=True)
class _Placed:
    """One print area's warp onto a view at one size and angle."""

    area: PrintArea
    placement: MockupPlacement
    print_px: tuple[int, int]
    front: _warp.Sampler
    back: _warp.Sampler | None
    """The inside of the label seen through the object (turned placements with paper labels)."""


class MockupRenderer:
    """Renders a template's views with a design's prints on them.

    Product art, light, masks and warp maps are cached, so rendering the same view again after
    an edit of the design only redoes the prints.

    Parameters
    ----------
    template
        The product; its folder holds the view art.
    """

    def __init__(self, template: Template) -> None:
        self._template = template
        self._lock = threading.RLock()
        self._arts: dict[str, tuple[ArtDocument, tuple[float, float, float, float]]] = {}
        self._bases: _Lru[Hashable, Raster] = _Lru(12)
        self._lights: _Lru[Hashable, _Light] = _Lru(6)
        self._masks: _Lru[Hashable, NDArray[np.float32] | None] = _Lru(12)
        self._maps: _Lru[Hashable, _Maps] = _Lru(24)
        self._statics: _Lru[Hashable, NDArray[np.uint8]] = _Lru(12)

    @property
    def template(self) -> Template:
        return self._template

    def render(
        self,
        doc: Document,
        view_id: str,
        *,
        size: int = 1200,
        angle: float = 0.0,
        background: str | None = "#FFFFFF",
    ) -> Image.Image:
        """Render one view of the product with ``doc``'s prints on it.

        Parameters
        ----------
        doc
            The design (its options and part colours choose the product's colours).
        view_id
            A view of the template.
        size
            The longer side of the image, in pixels.
        angle
            Degrees the product is turned about its axis (cylinder and cone placements): 0 shows
            the middle of the label, 180 the back, where the label's ends meet.
        background
            ``#RRGGBB`` under the product, or None for a transparent background.

        Returns
        -------
        PIL.Image.Image
            RGB on ``background``, or RGBA (straight alpha) when ``background`` is None.

        Raises
        ------
        StudioError
            For an unknown view, a view without art, or a design whose assets cannot be read.
        """
        return self._render(doc, view_id, size=size, angle=angle, background=background, overrides=None)

    def substrate(self, design: Design, area_id: str) -> str | None:
        """The colour the area is printed on (``#RRGGBB``): its label stock, or the product under it.

        Paper labels (digital and offset printing) are printed on their stock (the area's
        ``background``, white paper when it has none). Every other method prints on the product
        itself: the garment, the mug's glaze, the shoe's leather, taken from the product art in its
        current colours where the area sits. None when no view shows the area.
        """
        area = self._template.area(area_id)
        if area.print_method in PAPER_METHODS:
            return area.background.hex if area.background is not None else "#FFFFFF"
        for placement in area.placements:
            try:
                view = self._template.view(placement.view)
            except KeyError:
                continue
            if view.art is None:
                continue
            with self._lock:
                art, view_box = self._art(view)
                frame = _frame(view_box, _SUBSTRATE_SIZE)
                colours = self._colours(design, None)
                svg = partial(art.base, colours, self._hidden(art, view))
                base = self._bases.get(
                    (view.id, tuple(sorted(colours.items())), _SUBSTRATE_SIZE),
                    partial(_rasterise_lazily, svg, frame),
                )
            if placement.quad is not None:
                cx = sum(p[0] for p in placement.quad) / 4
                cy = sum(p[1] for p in placement.quad) / 4
            else:
                x, y, w, h = placement.rect
                cx, cy = x + w / 2, y + h / 2
            px = int((cx - frame.origin[0]) * frame.scale)
            py = int((cy - frame.origin[1]) * frame.scale)
            window = base[max(0, py - 3) : py + 4, max(0, px - 3) : px + 4]
            alpha = float(window[..., 3].sum()) if window.size else 0.0
            if alpha < 0.5 * max(1, window.shape[0] * window.shape[1]):
                continue  # the product is not under the centre of the area in this view
            rgb = window[..., :3].sum(axis=(0, 1)) / alpha
            return "#" + "".join(f"{round(float(c) * 255):02X}" for c in rgb)
        return None

    # -- the pipeline ------------------------------------------------------------------------

    def _render(
        self,
        doc: Document,
        view_id: str,
        *,
        size: int,
        angle: float,
        background: str | None,
        overrides: Mapping[str, str] | None,
    ) -> Image.Image:
        if not _MIN_SIZE <= size <= _MAX_SIZE:
            raise StudioError(f"a mockup is {_MIN_SIZE} to {_MAX_SIZE} pixels on its longer side, not {size}.")
        bg = None if background is None else _rgb(background)
        view = self._view(doc, view_id)
        with self._lock:
            art, view_box = self._art(view)
            frame = _frame(view_box, size)
            colours = self._colours(doc.design, overrides)
            colour_key = tuple(sorted(colours.items()))
            base = self._bases.get(
                (view.id, colour_key, size), lambda: rasterise(art.base(colours, self._hidden(art, view)), *_wh(frame))
            )
            light = self._lights.get((view.id, size), lambda: self._light(art, frame))
            static = self._statics.get((view.id, colour_key, size, bg), lambda: _finish(base.reshape(-1, 4), light, bg))
            maps = self._maps.get(
                (view.id, size, round(angle % 360.0, 6)), lambda: _Maps.of(self._place(view, art, frame, angle), light)
            )
        out = static.copy()
        if maps.union.size:
            _composite(doc, out, base, maps, bg)
        mode = "RGB" if bg is not None else "RGBA"
        return Image.fromarray(out.reshape(frame.height, frame.width, len(mode)), mode)

    def _view(self, doc: Document, view_id: str) -> View:
        try:
            view = self._template.view(view_id)
        except KeyError:
            names = ", ".join(v.id for v in self._template.views)
            raise StudioError(f"{doc.title}: the product has no view {view_id!r}; choose one of {names}.") from None
        if view.art is None:
            raise StudioError(f"{doc.title}: the view {view_id!r} has no product art to show a mockup on.")
        return view

    def _art(self, view: View) -> tuple[ArtDocument, tuple[float, float, float, float]]:
        from studio.io.templates import load_art

        if view.id not in self._arts:
            folder = self._template.folder
            if folder is None or view.art is None:
                raise StudioError(
                    f"the template {self._template.id!r} was not loaded from a folder; its art is unknown."
                )
            asset = load_art(folder, view.art)
            self._arts[view.id] = (ArtDocument(asset.data), asset.view_box)
        return self._arts[view.id]

    def _colours(self, design: Design, overrides: Mapping[str, str] | None) -> dict[str, str]:
        """Element id to colour, from the parts' colours and the chosen options."""
        overrides = overrides or {}
        colours: dict[str, str] = {}
        for part in self._template.parts:
            chosen = overrides.get(part.id)
            colour = chosen if chosen is not None else design.part_colors.get(part.id, part.default).hex
            for element in part.elements:
                colours[element] = Color(hex=colour).hex
        for option in self._template.options:
            choice_id = overrides.get(option.id) or design.options.get(option.id, option.default)
            choice = next((c for c in option.choices if c.id == choice_id), None)
            if choice is None or choice.color is None:
                continue
            for element in option.elements:
                colours[element] = choice.color.hex
        return colours

    def _hidden(self, art: ArtDocument, view: View) -> list[str]:
        hidden = [SHADING_ID, HIGHLIGHTS_ID]
        for area in self._template.print_areas:
            hidden.extend(p.mask for p in area.placements if p.view == view.id and p.mask)
        return [h for h in hidden if h in art.ids]

    def _light(self, art: ArtDocument, frame: _Frame) -> _Light:
        shade = None
        svg = art.alone(SHADING_ID)
        if svg is not None:
            raster = rasterise(svg, *_wh(frame))
            # Multiply by the shading as it looks on white paper.
            shade = (1.0 - raster[..., 3:4] + raster[..., :3]).reshape(-1, 3)
        svg = art.alone(HIGHLIGHTS_ID)
        highlight = rasterise(svg, *_wh(frame)).reshape(-1, 4) if svg is not None else None
        return _Light(shade, highlight)

    def _mask(self, art: ArtDocument, view: View, element: str | None, frame: _Frame) -> NDArray[np.float32] | None:
        if element is None:
            return None

        def make() -> NDArray[np.float32] | None:
            svg = art.alone(element, silhouette=True)
            if svg is None:
                return None
            return np.ascontiguousarray(rasterise(svg, *_wh(frame))[..., 3])

        return self._masks.get((view.id, element, frame.width, frame.height), make)

    def _place(self, view: View, art: ArtDocument, frame: _Frame, angle: float) -> list[_Placed]:
        out: list[_Placed] = []
        for area in self._template.print_areas:
            for placement in area.placements:
                if placement.view != view.id:
                    continue
                mask = self._mask(art, view, placement.mask, frame)
                out.append(_place(area, placement, frame, angle, mask, self._light_for_fabric(art, frame, placement)))
        return out

    def _light_for_fabric(self, art: ArtDocument, frame: _Frame, placement: MockupPlacement) -> _Light | None:
        if placement.kind != "fabric" or placement.displacement <= 0:
            return None
        return self._lights.get((placement.view, max(frame.width, frame.height)), lambda: self._light(art, frame))


# -- helpers -----------------------------------------------------------------------------------


def _composite(
    doc: Document,
    out: NDArray[np.uint8],
    base: Raster,
    maps: _Maps,
    bg: tuple[float, float, float] | None,
) -> None:
    """Draw the prints over the product at the pixels they reach, and light them, in ``out``."""
    union = maps.union
    colour = base.reshape(-1, 4)[union]
    for p, front_at, back_at in zip(maps.placed, maps.front_at, maps.back_at, strict=True):
        levels = max(p.front.needed_levels, p.back.needed_levels if p.back is not None else 1)
        pyramid = _warp.pyramid(_print_raster(doc, p), levels)
        if p.back is not None and back_at is not None:
            # The inside of the label at the back, seen through the glass: under the base.
            back = p.back.sample(pyramid)[:, 3:4] * _PAPER_BACK
            colour[back_at] += back * (1.0 - colour[back_at, 3:4])
        ink = p.front.sample(pyramid)
        if p.placement.blend == "multiply" and p.placement.kind == "fabric":
            # Ink on cloth is printed on a white underbase (what lets a print read on a black
            # shirt): the base turns white where the ink lies, then the ink multiplies it. The
            # folds and the weave come afterwards, from the shading, as for the cloth itself.
            under = colour[front_at]
            cover = ink[:, 3:4] * _UNDERBASE
            under[:, :3] += (under[:, 3:4] - under[:, :3]) * cover
            under[:, :3] *= 1.0 - ink[:, 3:4] + ink[:, :3]
            colour[front_at] = under
        elif p.placement.blend == "multiply":
            colour[front_at, :3] *= 1.0 - ink[:, 3:4] + ink[:, :3]
        else:
            colour[front_at] = ink + colour[front_at] * (1.0 - ink[:, 3:4])
    flat = out.reshape(-1, 3 if bg is not None else 4)
    flat[union] = _finish(colour, maps.light, bg)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    try:
        c = Color(hex=hex_colour).hex
    except ValueError:
        raise StudioError(f"{hex_colour!r} is not a colour; write the background as #RRGGBB.") from None
    return int(c[1:3], 16) / 255.0, int(c[3:5], 16) / 255.0, int(c[5:7], 16) / 255.0


def _frame(view_box: tuple[float, float, float, float], size: int) -> _Frame:
    vx, vy, vw, vh = view_box
    longer = max(vw, vh)
    width = max(1, round(vw / longer * size))
    height = max(1, round(vh / longer * size))
    scale = min(width / vw, height / vh)
    # cairosvg centres the view box (xMidYMid meet) when the aspect ratio rounds differently.
    origin = (vx - (width - vw * scale) / 2 / scale, vy - (height - vh * scale) / 2 / scale)
    return _Frame(width, height, scale, origin)


def _rasterise_lazily(svg: Callable[[], bytes], frame: _Frame) -> Raster:
    return rasterise(svg(), *_wh(frame))


def _wh(frame: _Frame) -> tuple[int, int]:
    return frame.width, frame.height


def _finish(
    colour: Raster,
    light: _Light,
    bg: tuple[float, float, float] | None,
) -> NDArray[np.uint8]:
    """Light and flatten premultiplied pixels ``(n, 4)``: shading, highlights, background, 8 bits.

    ``light`` holds the same pixels as ``colour``.
    """
    colour = colour.copy()
    if light.shade is not None:
        colour[:, :3] *= light.shade
    if light.highlight is not None:
        hl = light.highlight
        colour += hl - colour * hl
    if bg is not None:
        rgb = colour[:, :3] + np.asarray(bg, dtype=np.float32) * (1.0 - colour[:, 3:4])
    else:
        alpha = colour[:, 3:4]
        safe = np.where(alpha > 1e-6, alpha, 1.0)
        rgb = np.concatenate([colour[:, :3] / safe, alpha], axis=1)
    out: NDArray[np.uint8] = np.clip(rgb * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return out


def _units_per_mm(area: PrintArea, placement: MockupPlacement) -> float:
    """How many art units one millimetre of print covers where the placement is densest."""
    _x, _y, w, h = placement.rect
    if placement.kind == "flat":
        return max(w / area.width, h / area.height)
    if placement.kind in ("perspective", "fabric") and placement.quad is not None:
        q = placement.quad
        edges = [
            math.dist(q[0], q[1]) / area.width,
            math.dist(q[3], q[2]) / area.width,
            math.dist(q[0], q[3]) / area.height,
            math.dist(q[1], q[2]) / area.height,
        ]
        return max(edges)
    diameter = _diameter(area, placement)
    if placement.kind == "cone" and area.shape.kind == "cone":
        label = area.shape.cone()
        bottom = placement.bottom_width or w
        return max(w / label.top_diameter, bottom / label.bottom_diameter, h / label.slant)
    return max(w / diameter, h / area.height)


def _diameter(area: PrintArea, placement: MockupPlacement) -> float:
    """The object's diameter at the label (mm); by default from the art's own scale."""
    if placement.diameter is not None:
        return placement.diameter
    _x, _y, w, h = placement.rect
    return w * area.height / h


def _place(
    area: PrintArea,
    placement: MockupPlacement,
    frame: _Frame,
    angle: float,
    mask: NDArray[np.float32] | None,
    fabric_light: _Light | None,
) -> _Placed:
    size = (area.width, area.height)
    density = _units_per_mm(area, placement) * frame.scale * _OVERSAMPLE
    wpx = max(2, min(_MAX_PRINT_SIDE, math.ceil(area.width * density)))
    hpx = max(2, round(area.height * wpx / area.width))
    x, y, w, h = placement.rect
    s = frame.scale

    def box(left: float, top: float, right: float, bottom: float) -> _warp.Box:
        ox, oy = frame.origin
        return _warp.Box.around((left - ox) * s, (top - oy) * s, (right - ox) * s, (bottom - oy) * s, *_wh(frame))

    back: _warp.Surface | None = None
    if placement.kind in ("cylinder", "cone"):
        bottom = placement.bottom_width if placement.kind == "cone" and placement.bottom_width else w
        widest = max(w, bottom)
        depth = placement.ellipse * w
        b = box(x + w / 2 - widest / 2, y - 2 * depth, x + w / 2 + widest / 2, y + h + 1)
        px, py = b.centres(s, frame.origin)
        body = _warp.Turned((x, y, w, h), bottom, placement.ellipse, math.radians(placement.angle + angle))
        if placement.kind == "cone" and area.shape.kind == "cone":
            label = area.shape.cone()
            front = _warp.cone(b, px, py, s, body, label, back=False)
            if placement.blend == "normal":
                back = _warp.cone(b, px, py, s, body, label, back=True)
        else:
            diameter = _diameter(area, placement)
            front = _warp.cylinder(b, px, py, s, body, size, diameter, back=False)
            if placement.blend == "normal":
                back = _warp.cylinder(b, px, py, s, body, size, diameter, back=True)
    elif placement.kind in ("perspective", "fabric") and placement.quad is not None:
        q = placement.quad
        b = box(min(p[0] for p in q), min(p[1] for p in q), max(p[0] for p in q), max(p[1] for p in q))
        px, py = b.centres(s, frame.origin)
        if fabric_light is not None and fabric_light.shade is not None:
            px, py = _displace(px, py, b, frame, fabric_light.shade, placement.displacement)
        front = _warp.perspective(b, px, py, q, size)
    else:
        b = box(x, y, x + w, y + h)
        px, py = b.centres(s, frame.origin)
        front = _warp.flat(b, px, py, placement.rect, size)
    sampler = _warp.Sampler.build(front, frame.width, (wpx, hpx), size, mask, _OVERSAMPLE)
    back_sampler = None
    if back is not None:
        # Through the object only the gaps of the front label show the back; elsewhere the
        # inside of the far label would peek over the near label's edges like a misprint.
        seen = (front.v >= 0.0) & (front.v <= area.height)
        if area.shape.kind == "rectangle":
            # A rectangular label hides the back wherever it is itself (a pixel of margin aside).
            px_mm = 1.0 / (_units_per_mm(area, placement) * frame.scale)
            seen &= ~(
                (front.u > px_mm) & (front.u < area.width - px_mm) & (front.v > px_mm) & (front.v < area.height - px_mm)
            )
        back = _warp.Surface(back.box, np.where(seen, back.u, np.nan), back.v, back.coverage)
        back_sampler = _warp.Sampler.build(back, frame.width, (wpx, hpx), size, mask, _OVERSAMPLE)
    return _Placed(area, placement, (wpx, hpx), sampler, back_sampler)


def _displace(
    px: _warp.F64, py: _warp.F64, b: _warp.Box, frame: _Frame, shade: NDArray[np.float32], amount: float
) -> tuple[_warp.F64, _warp.F64]:
    """Push sample points along the gradient of the blurred shading, ``amount`` art units at most."""
    lum = shade.reshape(frame.height, frame.width, 3).mean(axis=2, dtype=np.float64)
    radius = max(2.0, amount * frame.scale)
    # Blurred in floating point: the steps of an 8-bit blur would tear the print's edges.
    pad = math.ceil(3 * radius)
    window = lum[max(0, b.y0 - pad) : b.y1 + pad, max(0, b.x0 - pad) : b.x1 + pad]
    blurred = _blur(window, radius)
    top, left = b.y0 - max(0, b.y0 - pad), b.x0 - max(0, b.x0 - pad)
    blurred = blurred[top : top + b.y1 - b.y0, left : left + b.x1 - b.x0]
    gy, gx = np.gradient(blurred)
    # The strongest slope in the box pushes by ``amount``, but never less than a fold whose
    # shade changes by 3.5 % over the blur radius: a small print on a gentle part of the
    # cloth must not be bent as much as one across a deep fold.
    peak = max(float(np.max(np.hypot(gx, gy))) if gx.size else 0.0, _FOLD_SLOPE / radius)
    if peak <= 1e-9:
        return px, py
    return px + gx / peak * amount, py + gy / peak * amount


def _blur(a: _warp.F64, sigma: float) -> _warp.F64:
    """A Gaussian blur of standard deviation ``sigma`` pixels (three box blurs; edges extended)."""
    width = max(1, round(math.sqrt(4.0 * sigma * sigma + 1.0)))
    for axis in (0, 1):
        for _ in range(3):
            lo, hi = width // 2, width - 1 - width // 2
            padded = np.pad(a, [(lo, hi) if k == axis else (0, 0) for k in range(2)], mode="edge")
            c = np.cumsum(padded, axis=axis, dtype=np.float64)
            c = np.concatenate([np.zeros_like(np.take(c, [0], axis=axis)), c], axis=axis)
            n = a.shape[axis]
            a = (np.take(c, np.arange(width, width + n), axis=axis) - np.take(c, np.arange(0, n), axis=axis)) / width
    return a


def _print_raster(doc: Document, placed: _Placed) -> NDArray[np.uint8]:
    """The print area drawn on its stock, clipped to its die line: premultiplied uint8 RGBA."""
    area = placed.area
    dl = doc.scene(area.id, bleed=0.0)
    page = dl.page
    items = list(dl.items)
    # A label or a sticker is printed on its own stock (white paper unless the template says
    # otherwise); ink printed straight on the product (pad, UV, screen...) has the product beneath.
    opaque = placed.placement.blend == "normal" and (area.background is not None or area.print_method in _ON_STOCK)
    if opaque:
        stock = area.background or Color(hex="#FFFFFF")
        items.insert(0, FillPath(Path.rectangle(page.x, page.y, page.width, page.height), stock))
    # A rectangular paper label covers its whole raster: no clip and no alpha to carry.
    opaque = opaque and area.shape.kind == "rectangle"
    clipped = DisplayList(
        area_id=dl.area_id,
        trim=dl.trim,
        page=page,
        items=items if opaque else [Group(items=items, clip=dl.die_line)],
        die_line=dl.die_line,
    )
    wpx, hpx = placed.print_px
    qimage = render_image(clipped, dpi=wpx / page.width * 25.4, transparent=not opaque)
    pil = qimage_to_pil(qimage, alpha=True)
    if pil.size != (wpx, hpx):
        pil = pil.resize((wpx, hpx), Image.Resampling.BILINEAR)
    arr = np.array(pil, dtype=np.uint8)
    if not opaque:
        alpha = arr[..., 3:4].astype(np.uint16)
        arr[..., :3] = (arr[..., :3] * alpha + 127) // 255
    return arr


# -- contact sheet -----------------------------------------------------------------------------


def _colourways(doc: Document, colorways: Mapping[str, Sequence[str]] | None) -> list[dict[str, str]]:
    """Each colourway as overrides (option id to choice id, part id to colour)."""
    template = doc.template
    if colorways is None:
        colorways = {o.id: [c.id for c in o.choices] for o in template.options if o.elements}
    if not colorways:
        return [{}]
    options = {o.id: o for o in template.options}
    parts = {p.id: p for p in template.parts}
    axes: list[list[tuple[str, str]]] = []
    for key, values in colorways.items():
        if key in options:
            known = {c.id for c in options[key].choices}
            for value in values:
                if value not in known:
                    raise StudioError(
                        f"{doc.title}: the option {key!r} has no choice {value!r}; choose one of {', '.join(sorted(known))}."
                    )
        elif key in parts:
            for value in values:
                try:
                    Color(hex=value)
                except ValueError:
                    raise StudioError(f"{doc.title}: {value!r} is not a colour for the part {key!r}.") from None
        else:
            raise StudioError(f"{doc.title}: the product has no option or part {key!r} to vary.")
        axes.append([(key, v) for v in values])
    return [dict(combo) for combo in itertools.product(*axes)] or [{}]


def _caption(doc: Document, overrides: Mapping[str, str], lang: str) -> str:
    words: list[str] = []
    template = doc.template
    for key, value in overrides.items():
        option = next((o for o in template.options if o.id == key), None)
        if option is not None:
            choice = next(c for c in option.choices if c.id == value)
            words.append(localize(choice.name, lang))
            continue
        part = next((p for p in template.parts if p.id == key), None)
        if part is not None:
            hex_value = Color(hex=value).hex
            named = next((n for n in part.palette if n.color.hex == hex_value), None)
            words.append(f"{localize(part.name, lang)}: {localize(named.name, lang) if named else hex_value}")
    return " · ".join(words)


def _font(px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = resources.assets_dir() / "fonts" / "Inter" / "Inter-Regular.otf"
    try:
        return ImageFont.truetype(str(path), px)
    except OSError:
        return ImageFont.load_default()


def contact_sheet(
    doc: Document,
    *,
    size: int = 600,
    angle: float = 0.0,
    colorways: Mapping[str, Sequence[str]] | None = None,
    background: str | None = "#FFFFFF",
    renderer: MockupRenderer | None = None,
    lang: str = "en",
) -> Image.Image:
    """Every view of the product in every colourway, on one captioned grid.

    Parameters
    ----------
    doc
        The design.
    size
        The side of each square cell, in pixels (each view fits inside it).
    angle
        Turn of cylinder and cone placements, degrees.
    colorways
        Option id to choice ids (``{"glass": ["clear", "amber"]}``) or part id to colours
        (``{"lid": ["#D6AB3E", "#242424"]}``); several keys combine into every combination.
        None varies every option that recolours the product; an empty mapping gives one row, the
        design as it is.
    background
        ``#RRGGBB`` of the sheet, or None for transparent.
    renderer
        A renderer to reuse (its cached art makes a sheet much faster); one is made otherwise.
    lang
        Language of the captions.

    Returns
    -------
    PIL.Image.Image
        One column per view, one row per colourway, a caption under each cell (view name, and the
        colourway's choice names).

    Raises
    ------
    StudioError
        For an unknown option, choice or part, or a design whose assets cannot be read.
    """
    renderer = renderer or MockupRenderer(doc.template)
    views = [v for v in doc.template.views if v.art is not None]
    rows = _colourways(doc, colorways)
    font_px = max(10, round(size * 0.034))
    font = _font(font_px)
    gap = max(8, size // 24)
    caption_h = round(font_px * 2.2)
    cell_h = size + caption_h
    width = gap + len(views) * (size + gap)
    height = gap + len(rows) * (cell_h + gap)
    mode = "RGB" if background is not None else "RGBA"
    fill = _rgb(background) if background is not None else None
    sheet = Image.new(mode, (width, height), tuple(round(c * 255) for c in fill) if fill else (0, 0, 0, 0))
    draw = ImageDraw.Draw(sheet)
    ink = (40, 40, 40) if mode == "RGB" else (40, 40, 40, 255)
    for r, overrides in enumerate(rows):
        label = _caption(doc, overrides, lang)
        for c, view in enumerate(views):
            im = renderer._render(doc, view.id, size=size, angle=angle, background=background, overrides=overrides)
            left = gap + c * (size + gap)
            top = gap + r * (cell_h + gap)
            at = (left + (size - im.width) // 2, top + (size - im.height) // 2)
            if mode == "RGBA":
                sheet.alpha_composite(im, at)
            else:
                sheet.paste(im, at)
            text = localize(view.name, lang) + (f" — {label}" if label else "")
            draw.text((left + size / 2, top + size + caption_h / 2), text, fill=ink, font=font, anchor="mm")
    return sheet
