"""Laying out a text layer: lines, boxes, fit-to-box and arcs, down to glyph outlines in mm.

The result is a :class:`TextLayout` in the layer's local frame (centred on the origin, y down,
millimetres); the layer's transform places it on the print area. Everything that draws text —
canvas, PDF, SVG, PNG — draws ``TextLayout.path``, so the text looks the same everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from studio.model.design import TextLayer
from studio.model.geometry import Affine, Path, Rect, Segment, pt_to_mm
from studio.text._breaking import HYPHEN, hyphenator, wrap
from studio.text._color import color_layers
from studio.text._fallback import FallbackChain, chain_for
from studio.text._shaping import Line, char_advances, shape_line
from studio.text.fonts import FontFace, FontRegistry

_MIN_SIZE_PT = 0.1
"""Fit-to-box never shrinks below this: the text would be an unreadable line anyway."""


@dataclass(frozen=True, slots=True)
class ColorPath:
    """One layer of a colour glyph (an emoji): an outline filled with its own colour."""

    path: Path
    color: str | None
    """``#RRGGBB``, or None for the text's colour."""
    alpha: float


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    """One glyph drawn by a layout.

    ``transform`` maps the glyph's outline in font units (y up, origin on the baseline at the
    glyph's pen position) to the layout's local millimetres.
    """

    glyph_id: int
    cluster: int
    """Index in :attr:`TextLayout.text` of the first character the glyph draws."""
    transform: Affine
    advance: float
    """Advance along the baseline (mm), letter spacing included."""
    baseline_center: tuple[float, float]
    """Middle of the glyph's cluster advance on the baseline (mm, local frame)."""
    face_key: str = ""
    """Key of the face the glyph comes from (the chosen face or a fallback)."""


@dataclass
class TextLayout:
    """A laid-out text layer, in the layer's local frame (mm, y down, centred on the origin).

    For arc text the origin is the centre of the circle instead.
    """

    path: Path
    """Every glyph outline drawn in the text's colour; fill rule nonzero."""
    bounds: Rect
    """The layout box: the text box when the layer has one, else the lines' advance x line boxes."""
    ink_bounds: Rect
    """Tight bounds of the outlines (an empty rectangle when nothing is drawn)."""
    size: float
    """Font size actually used (pt), after fit-to-box."""
    missing: list[str]
    """Characters no face has a glyph for (the chosen one nor its fallbacks), unique, in order
    of appearance; not drawn."""
    lines: int
    face_key: str
    glyphs: list[PlacedGlyph] = field(default_factory=list)
    text: str = ""
    """The text laid out (variables substituted, line breaks as laid out, a hyphen added where a
    word was split)."""
    colors: list[ColorPath] = field(default_factory=list)
    """Layers of colour glyphs (emoji), bottom first, drawn above :attr:`path`."""
    fallbacks: list[tuple[str, str]] = field(default_factory=list)
    """Characters the chosen face lacks that a fallback face draws: ``(character, family)``,
    unique, in order of appearance (a character is a cluster: a letter with its accents, or a
    whole emoji sequence)."""
    overflow: bool = False
    """Whether the text was made smaller than asked because it did not fit its box otherwise
    (a word wider than the box, or more lines than its height holds)."""

    def outline(self) -> Path:
        """Every outline, plain and colour glyphs alike (for strokes and hit-testing)."""
        if not self.colors:
            return self.path
        segments = list(self.path.segments)
        for layer in self.colors:
            segments.extend(layer.path.segments)
        return Path(segments, "nonzero")


def layout_text(layer: TextLayer, fonts: FontRegistry, variables: Mapping[str, str] | None = None) -> TextLayout:
    """Lay out a text layer into glyph outlines.

    Parameters
    ----------
    layer
        The text layer: content, font, size (pt), spacing, alignment, box, fit and arc.
    fonts
        Where the layer's font family and style are looked up (closest style if not exact).
    variables
        Values for ``{field}`` placeholders in the text.

    Returns
    -------
    TextLayout
        Outlines and boxes in the layer's local frame.

    Raises
    ------
    MissingFont
        The layer's font family is not known to ``fonts``.
    """
    face = fonts.face(layer.font_family, layer.font_style)
    chain = chain_for(fonts)
    text = _clean(layer.resolved_text(variables or {}))
    if layer.arc is not None:
        return _layout_arc(layer, face, chain, text.replace("\n", " "))
    return _layout_block(layer, face, chain, text)


def _clean(text: str) -> str:
    # Tabs and odd line separators would come out as missing glyphs; treat them as people mean them.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return text.replace("\t", " ")


# -- straight text ------------------------------------------------------------------------------


class _Block:
    """The lines of a text block at one size, and their horizontal room (font units)."""

    __slots__ = ("extents", "lines", "overflow", "texts")

    def __init__(self, texts: list[str], lines: list[Line], extents: list[tuple[float, float]], overflow: bool) -> None:
        self.texts = texts
        self.lines = lines
        self.extents = extents
        self.overflow = overflow


def _layout_block(layer: TextLayer, face: FontFace, chain: FallbackChain, text: str) -> TextLayout:
    upem = face.units_per_em
    spacing = layer.letter_spacing / 1000.0 * upem
    size = layer.size
    box_w, box_h = layer.box_width, layer.box_height
    boxed = box_w is not None or box_h is not None
    paragraphs = text.split("\n")

    def shaped(texts: list[str], overflow: bool = False) -> _Block:
        lines = [shape_line(face, t, spacing, chain) for t in texts]
        # Ink extents per line at one font unit per unit (everything below scales with the size).
        extents = [_extent(face, line) if boxed else (0.0, line.width) for line in lines]
        return _Block(texts, lines, extents, overflow)

    overflow = False
    if box_w is not None and layer.fit != "shrink":
        # Words wrap inside the box; if one cannot fit, or the lines overflow the box's height,
        # the text is made smaller until it fits: text never leaves its box.
        wrapper = _Wrapper(face, chain, paragraphs, spacing, layer.language)
        block = shaped(*wrapper.at(size, box_w))
        if not _fits(layer, face, block, size):
            size = _largest_fitting(layer, face, lambda s: shaped(*wrapper.at(s, box_w)), size)
            block = shaped(*wrapper.at(size, box_w))
            overflow = True
    else:
        block = shaped(paragraphs)
        if boxed:
            fitted = _shrink(layer, face, block.lines, block.extents, size)
            overflow = layer.fit != "shrink" and fitted < size
            size = fitted
    texts, lines, extents = block.texts, block.lines, block.extents

    k = _mm_per_unit(size, upem)
    line_box = pt_to_mm(size) * layer.line_height
    asc, desc = face.ascender * k, face.descender * k
    first_baseline = (line_box - (asc - desc)) / 2.0 + asc

    widths = [(right - left) * k for left, right in extents]
    block_w = max((line.width * k for line in lines), default=0.0)
    width = box_w if box_w is not None else block_w
    top, bottom = 0.0, line_box * len(lines)
    if boxed and (layer.fit == "shrink" or box_h is not None):
        top, bottom = _vertical_extent(face, lines, line_box, first_baseline, k)
    height = box_h if box_h is not None else line_box * len(lines)
    y0 = -(top + bottom) / 2.0  # the block (line boxes, or ink in a box) centred vertically

    placer = _Placer(face, k)
    for i, line in enumerate(lines):
        left = extents[i][0] * k
        if layer.align == "left":
            x0 = -width / 2.0 - left
        elif layer.align == "right":
            x0 = width / 2.0 - left - widths[i]
        else:
            x0 = -left - widths[i] / 2.0
        baseline = y0 + i * line_box + first_baseline
        placer.line(line, x0, baseline, placer.offset)
        placer.offset += len(texts[i]) + 1

    return placer.result(
        bounds=Rect(-width / 2.0, -height / 2.0, width, height),
        size=size,
        lines=len(lines),
        text="\n".join(texts),
        overflow=overflow,
    )


def _mm_per_unit(size_pt: float, upem: int) -> float:
    return pt_to_mm(size_pt) / upem


def _glyph_bounds(face: FontFace, line: Line, i: int) -> tuple[float, float, float, float] | None:
    """Ink bounds of glyph ``i`` of a line, in the chosen face's units (colour layers included)."""
    gid = line.glyph_ids[i]
    if gid == 0:
        return None
    own = line.faces[i] if line.faces else face
    bounds = _own_bounds(own, gid)
    if bounds is None:
        return None
    s = face.units_per_em / own.units_per_em
    return (bounds[0] * s, bounds[1] * s, bounds[2] * s, bounds[3] * s)


def _own_bounds(face: FontFace, gid: int) -> tuple[float, float, float, float] | None:
    layers = color_layers(face, gid)
    if not layers:
        return face.glyph(gid).bounds
    boxes = [b for b in (face.glyph(layer.glyph_id).bounds for layer in layers) if b is not None]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _extent(face: FontFace, line: Line) -> tuple[float, float]:
    """Horizontal room of a line in font units: its advance, widened by ink that overhangs it."""
    left, right = 0.0, line.width
    for i, (pen, dx) in enumerate(zip(line.pen_x, line.x_offsets, strict=True)):
        bounds = _glyph_bounds(face, line, i)
        if bounds is not None:
            left = min(left, pen + dx + bounds[0])
            right = max(right, pen + dx + bounds[2])
    return left, right


def _vertical_extent(
    face: FontFace, lines: Sequence[Line], line_box: float, first_baseline: float, k: float
) -> tuple[float, float]:
    """Top and bottom of the block (mm from the first line's top): line boxes and ink."""
    top, bottom = 0.0, line_box * len(lines)
    for n, line in enumerate(lines):
        baseline = n * line_box + first_baseline
        for i, dy in enumerate(line.y_offsets):
            bounds = _glyph_bounds(face, line, i)
            if bounds is not None:
                top = min(top, baseline - (bounds[3] + dy) * k)
                bottom = max(bottom, baseline - (bounds[1] + dy) * k)
    return top, bottom


def _shrink(
    layer: TextLayer, face: FontFace, lines: Sequence[Line], extents: Sequence[tuple[float, float]], size: float
) -> float:
    """The largest size not above ``size`` at which every line fits the box.

    Advances, ink and line boxes all scale linearly with the size, so the factor is exact and
    no search is needed.
    """
    factor = 1.0
    k = _mm_per_unit(size, face.units_per_em)
    if layer.box_width is not None:
        widest = max(((right - left) * k for left, right in extents), default=0.0)
        if widest > layer.box_width:
            factor = min(factor, layer.box_width / widest)
    if layer.box_height is not None:
        line_box = pt_to_mm(size) * layer.line_height
        first = (line_box - (face.ascender - face.descender) * k) / 2.0 + face.ascender * k
        top, bottom = _vertical_extent(face, lines, line_box, first, k)
        if bottom - top > layer.box_height:
            factor = min(factor, layer.box_height / (bottom - top))
    # A hair under the exact factor, so that rounding never leaves ink a micron outside the box.
    return max(_MIN_SIZE_PT, size * factor * (1.0 - 1e-9) if factor < 1.0 else size)


def _fits(layer: TextLayer, face: FontFace, block: _Block, size: float) -> bool:
    """Whether wrapped lines at ``size`` stay inside the box (ink and line boxes)."""
    if block.overflow:
        return False
    k = _mm_per_unit(size, face.units_per_em)
    if layer.box_width is not None:
        widest = max(((right - left) * k for left, right in block.extents), default=0.0)
        if widest > layer.box_width + 1e-9:
            return False
    if layer.box_height is not None:
        line_box = pt_to_mm(size) * layer.line_height
        first = (line_box - (face.ascender - face.descender) * k) / 2.0 + face.ascender * k
        top, bottom = _vertical_extent(face, block.lines, line_box, first, k)
        if bottom - top > layer.box_height + 1e-9:
            return False
    return True


def _largest_fitting(layer: TextLayer, face: FontFace, at: Callable[[float], _Block], size: float) -> float:
    """The largest size under ``size`` at which the wrapped text fits its box (to 0.01 pt).

    Line breaks change with the size, so this is a search; each step re-wraps the text with
    advances that were shaped once.
    """
    lo, hi = _MIN_SIZE_PT, size
    while hi - lo > 0.01:
        mid = (lo + hi) / 2.0
        if _fits(layer, face, at(mid), mid):
            lo = mid
        else:
            hi = mid
    return lo


class _Wrapper:
    """Wraps paragraphs at a given size, with the advances of each paragraph shaped once."""

    def __init__(
        self, face: FontFace, chain: FallbackChain, paragraphs: list[str], spacing: float, language: str | None
    ) -> None:
        self.face = face
        self.paragraphs = paragraphs
        self.advances = [char_advances(face, p, spacing, chain) for p in paragraphs]
        self.hyphen = sum(char_advances(face, HYPHEN, 0.0, chain)) + spacing
        self.hyphenate = hyphenator(language)

    def at(self, size: float, box_width: float) -> tuple[list[str], bool]:
        limit = box_width / _mm_per_unit(size, self.face.units_per_em)
        texts: list[str] = []
        overflow = False
        for paragraph, advances in zip(self.paragraphs, self.advances, strict=True):
            wrapped = wrap(paragraph, advances, limit, self.hyphen, self.hyphenate)
            texts.extend(wrapped.lines)
            overflow = overflow or wrapped.overflow
        return texts, overflow


# -- placing glyphs ---------------------------------------------------------------------------


class _Ink:
    """Accumulates the tight bounds of the outlines placed so far."""

    __slots__ = ("x0", "x1", "y0", "y1")

    def __init__(self) -> None:
        self.x0 = self.y0 = math.inf
        self.x1 = self.y1 = -math.inf

    def add(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.x0 = min(self.x0, x0)
        self.y0 = min(self.y0, y0)
        self.x1 = max(self.x1, x1)
        self.y1 = max(self.y1, y1)

    def add_points(self, points: Sequence[tuple[float, float]], m: Affine) -> None:
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        xs = [a * x + c * y + e for x, y in points]
        ys = [b * x + d * y + f for x, y in points]
        if xs:
            self.add(min(xs), min(ys), max(xs), max(ys))

    def rect(self) -> Rect:
        if self.x0 > self.x1:
            return Rect(0.0, 0.0, 0.0, 0.0)
        return Rect(self.x0, self.y0, self.x1 - self.x0, self.y1 - self.y0)


def _emit(out: list[Any], outline: tuple[tuple[Any, ...], ...], m: Affine) -> None:
    """Append ``outline`` (font units) mapped through ``m`` to the segment list ``out``."""
    a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
    append = out.append
    for seg in outline:
        op = seg[0]
        if op == "Z":
            append(seg)
        elif op == "C":
            _, x1, y1, x2, y2, x, y = seg
            append(
                (
                    "C",
                    a * x1 + c * y1 + e,
                    b * x1 + d * y1 + f,
                    a * x2 + c * y2 + e,
                    b * x2 + d * y2 + f,
                    a * x + c * y + e,
                    b * x + d * y + f,
                )
            )
        elif op == "Q":
            _, x1, y1, x, y = seg
            append(("Q", a * x1 + c * y1 + e, b * x1 + d * y1 + f, a * x + c * y + e, b * x + d * y + f))
        else:
            _, x, y = seg
            append((op, a * x + c * y + e, b * x + d * y + f))


class _Placer:
    """Places glyphs: plain outlines into one path, colour glyphs into coloured layers."""

    def __init__(self, face: FontFace, k: float) -> None:
        self.face = face
        self.k = k
        self.out: list[Any] = []
        self.colors: list[ColorPath] = []
        self.glyphs: list[PlacedGlyph] = []
        self.ink = _Ink()
        self.missing: list[str] = []
        self.fallbacks: dict[str, str] = {}
        self.offset = 0
        """Index in the laid-out text of the current line's first character."""

    def scale(self, own: FontFace) -> float:
        """Millimetres per font unit of ``own`` (a fallback face may have other units per em)."""
        return self.k * self.face.units_per_em / own.units_per_em

    def glyph(self, own: FontFace, gid: int, m: Affine, *, rotated: bool = False) -> None:
        """Draw glyph ``gid`` of ``own`` through ``m`` (font units of ``own`` to mm)."""
        layers = color_layers(own, gid)
        if layers:
            for layer in layers:
                shape = own.glyph(layer.glyph_id)
                if shape.bounds is None:
                    continue
                segments: list[Any] = []
                _emit(segments, shape.outline, m)
                self.colors.append(ColorPath(Path(cast(list[Segment], segments), "nonzero"), layer.color, layer.alpha))
                self._add_ink(shape.bounds, shape.points, m, rotated)
            return
        shape = own.glyph(gid)
        if shape.bounds is None:
            return
        _emit(self.out, shape.outline, m)
        self._add_ink(shape.bounds, shape.points, m, rotated)

    def _add_ink(
        self, bounds: tuple[float, float, float, float], points: Sequence[tuple[float, float]], m: Affine, rotated: bool
    ) -> None:
        if rotated:
            self.ink.add_points(points, m)
            return
        xmin, ymin, xmax, ymax = bounds
        # m has no rotation here: scale k, flipped y, translation.
        x0, y0 = m.apply(xmin, ymax)
        x1, y1 = m.apply(xmax, ymin)
        self.ink.add(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    def note(self, line: Line) -> None:
        for ch in line.missing:
            if ch not in self.missing:
                self.missing.append(ch)
        for ch, own in line.fallbacks:
            self.fallbacks.setdefault(ch, own.family)

    def line(self, line: Line, x0: float, baseline: float, offset: int) -> None:
        self.note(line)
        face = self.face
        for i, (gid, cluster, pen, dx, dy, adv) in enumerate(
            zip(line.glyph_ids, line.clusters, line.pen_x, line.x_offsets, line.y_offsets, line.advances, strict=True)
        ):
            if gid == 0:
                continue
            own = line.faces[i] if line.faces else face
            ks = self.scale(own)
            ox = x0 + (pen + dx) * self.k
            oy = baseline - dy * self.k
            m = Affine(ks, 0.0, 0.0, -ks, ox, oy)
            self.glyphs.append(
                PlacedGlyph(
                    gid, cluster + offset, m, adv * self.k, (x0 + (pen + adv / 2.0) * self.k, baseline), own.key
                )
            )
            self.glyph(own, gid, m)

    def result(self, *, bounds: Rect, size: float, lines: int, text: str, overflow: bool = False) -> TextLayout:
        return TextLayout(
            path=Path(cast(list[Segment], self.out), "nonzero"),
            bounds=bounds,
            ink_bounds=self.ink.rect(),
            size=size,
            missing=self.missing,
            lines=lines,
            face_key=self.face.key,
            glyphs=self.glyphs,
            text=text,
            colors=self.colors,
            fallbacks=list(self.fallbacks.items()),
            overflow=overflow,
        )


# -- arc text ---------------------------------------------------------------------------------


def _layout_arc(layer: TextLayer, face: FontFace, chain: FallbackChain, text: str) -> TextLayout:
    """Text along a circle centred on the local origin (see :class:`studio.model.design.Arc`).

    Each cluster (a letter with its accents, or a ligature) turns about the middle of its
    advance, placed on the circle: outside, reading clockwise from 12 o'clock with the letters
    pointing away from the centre; inside, reading anticlockwise from 6 o'clock, upright.
    """
    arc = layer.arc
    assert arc is not None
    upem = face.units_per_em
    k = _mm_per_unit(layer.size, upem)
    line = shape_line(face, text, layer.letter_spacing / 1000.0 * upem, chain)
    radius = arc.radius
    half = line.width * k / 2.0
    outside = arc.side == "outside"
    asc, desc = face.ascender * k, face.descender * k

    # Clusters: first pen position and total advance, so marks and ligatures turn as one.
    spans: dict[int, tuple[float, float]] = {}
    for cluster, pen, adv in zip(line.clusters, line.pen_x, line.advances, strict=True):
        start, total = spans.get(cluster, (pen, 0.0))
        spans[cluster] = (min(start, pen), total + adv)

    placer = _Placer(face, k)
    placer.note(line)
    box = _Ink()
    for i, (gid, cluster, pen, dx, dy, adv) in enumerate(
        zip(line.glyph_ids, line.clusters, line.pen_x, line.x_offsets, line.y_offsets, line.advances, strict=True)
    ):
        if gid == 0:
            continue
        own = line.faces[i] if line.faces else face
        ks = placer.scale(own)
        start, total = spans[cluster]
        centre = start + total / 2.0  # font units along the line
        angle = (centre * k - half) / radius  # radians of arc from the middle of the text
        if outside:
            cx, cy = radius * math.sin(angle), -radius * math.cos(angle)
            turn = Affine.translation(cx, cy) @ Affine.rotation(math.degrees(angle))
        else:
            cx, cy = radius * math.sin(angle), radius * math.cos(angle)
            turn = Affine.translation(cx, cy) @ Affine.rotation(-math.degrees(angle))
        m = turn @ Affine(ks, 0.0, 0.0, -ks, (pen + dx - centre) * k, -dy * k)
        placer.glyphs.append(PlacedGlyph(gid, cluster, m, adv * k, (cx, cy), own.key))
        box.add_points(
            [(-total * k / 2.0, -asc), (total * k / 2.0, -asc), (total * k / 2.0, -desc), (-total * k / 2.0, -desc)],
            turn,
        )
        placer.glyph(own, gid, m, rotated=True)

    return placer.result(bounds=box.rect(), size=layer.size, lines=1, text=text)
