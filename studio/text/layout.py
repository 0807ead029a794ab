"""Laying out a text layer: lines, boxes, fit-to-box and arcs, down to glyph outlines in mm.

The result is a :class:`TextLayout` in the layer's local frame (centred on the origin, y down,
millimetres); the layer's transform places it on the print area. Everything that draws text —
canvas, PDF, SVG, PNG — draws ``TextLayout.path``, so the text looks the same everywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from studio.model.design import TextLayer
from studio.model.geometry import Affine, Path, Rect, Segment, pt_to_mm
from studio.text._shaping import Line, char_advances, shape_line
from studio.text.fonts import FontFace, FontRegistry

_MIN_SIZE_PT = 0.1
"""Fit-to-box never shrinks below this: the text would be an unreadable line anyway."""


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


@dataclass
class TextLayout:
    """A laid-out text layer, in the layer's local frame (mm, y down, centred on the origin).

    For arc text the origin is the centre of the circle instead.
    """

    path: Path
    """Every glyph outline; fill rule nonzero."""
    bounds: Rect
    """The layout box: the text box when the layer has one, else the lines' advance x line boxes."""
    ink_bounds: Rect
    """Tight bounds of the outlines (an empty rectangle when nothing is drawn)."""
    size: float
    """Font size actually used (pt), after fit-to-box."""
    missing: list[str]
    """Characters the face has no glyph for, unique, in order of appearance; not drawn."""
    lines: int
    face_key: str
    glyphs: list[PlacedGlyph] = field(default_factory=list)
    text: str = ""
    """The text laid out (variables substituted, line breaks as laid out)."""


def layout_text(
    layer: TextLayer,
    fonts: FontRegistry,
    variables: Mapping[str, str] | None = None,
    *,
    outlines: bool = True,
) -> TextLayout:
    """Lay out a text layer into glyph outlines.

    Parameters
    ----------
    layer
        The text layer: content, font, size (pt), spacing, alignment, box, fit and arc.
    fonts
        Where the layer's font family and style are looked up (closest style if not exact).
    variables
        Values for ``{field}`` placeholders in the text.
    outlines
        False leaves :attr:`TextLayout.path` empty for straight text (boxes, ink bounds and
        glyph placements are still computed): for callers that draw each glyph's outline once
        and place it, as a batch PDF does.

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
    text = _clean(layer.resolved_text(variables or {}))
    if layer.arc is not None:
        return _layout_arc(layer, face, text.replace("\n", " "))
    return _layout_block(layer, face, text, outlines=outlines)


def _clean(text: str) -> str:
    # Tabs and odd line separators would come out as missing glyphs; treat them as people mean them.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return text.replace("\t", " ")


# -- straight text ------------------------------------------------------------------------------


def _layout_block(layer: TextLayer, face: FontFace, text: str, *, outlines: bool = True) -> TextLayout:
    upem = face.units_per_em
    spacing = layer.letter_spacing / 1000.0 * upem
    size = layer.size
    box_w, box_h = layer.box_width, layer.box_height
    shrink = layer.fit == "shrink" and (box_w is not None or box_h is not None)

    paragraphs = text.split("\n")
    if box_w is not None and not shrink:
        limit = box_w / _mm_per_unit(size, upem)
        texts = [piece for para in paragraphs for piece in _wrap(face, para, spacing, limit)]
    else:
        texts = paragraphs
    lines = [shape_line(face, t, spacing) for t in texts]
    # Ink extents per line at one font unit per unit (everything below scales with the size).
    extents = [_extent(face, line) if shrink else (0.0, line.width) for line in lines]

    if shrink:
        size = _shrink(layer, face, lines, extents, size)
    k = _mm_per_unit(size, upem)
    line_box = pt_to_mm(size) * layer.line_height
    asc, desc = face.ascender * k, face.descender * k
    first_baseline = (line_box - (asc - desc)) / 2.0 + asc

    widths = [(right - left) * k for left, right in extents]
    block_w = max((line.width * k for line in lines), default=0.0)
    width = box_w if box_w is not None else block_w
    top, bottom = 0.0, line_box * len(lines)
    if shrink:
        top, bottom = _vertical_extent(face, lines, line_box, first_baseline, k)
    height = box_h if box_h is not None else line_box * len(lines)
    y0 = -(top + bottom) / 2.0  # the block (line boxes, or ink in shrink mode) centred vertically

    out: list[Any] = []
    glyphs: list[PlacedGlyph] = []
    ink = _Ink()
    missing: list[str] = []
    offset = 0
    for i, line in enumerate(lines):
        left = extents[i][0] * k
        if layer.align == "left":
            x0 = -width / 2.0 - left
        elif layer.align == "right":
            x0 = width / 2.0 - left - widths[i]
        else:
            x0 = -left - widths[i] / 2.0
        baseline = y0 + i * line_box + first_baseline
        _place_line(face, line, k, x0, baseline, offset, out if outlines else None, glyphs, ink)
        for ch in line.missing:
            if ch not in missing:
                missing.append(ch)
        offset += len(texts[i]) + 1

    return TextLayout(
        path=Path(cast(list[Segment], out), "nonzero"),
        bounds=Rect(-width / 2.0, -height / 2.0, width, height),
        ink_bounds=ink.rect(),
        size=size,
        missing=missing,
        lines=len(lines),
        face_key=face.key,
        glyphs=glyphs,
        text="\n".join(texts),
    )


def _mm_per_unit(size_pt: float, upem: int) -> float:
    return pt_to_mm(size_pt) / upem


def _extent(face: FontFace, line: Line) -> tuple[float, float]:
    """Horizontal room of a line in font units: its advance, widened by ink that overhangs it."""
    left, right = 0.0, line.width
    for gid, pen, dx in zip(line.glyph_ids, line.pen_x, line.x_offsets, strict=True):
        if gid == 0:
            continue
        bounds = face.glyph(gid).bounds
        if bounds is not None:
            left = min(left, pen + dx + bounds[0])
            right = max(right, pen + dx + bounds[2])
    return left, right


def _vertical_extent(
    face: FontFace, lines: Sequence[Line], line_box: float, first_baseline: float, k: float
) -> tuple[float, float]:
    """Top and bottom of the block (mm from the first line's top): line boxes and ink."""
    top, bottom = 0.0, line_box * len(lines)
    for i, line in enumerate(lines):
        baseline = i * line_box + first_baseline
        for gid, dy in zip(line.glyph_ids, line.y_offsets, strict=True):
            bounds = face.glyph(gid).bounds if gid else None
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


_WORD = re.compile(r"\S+\s*|\s+")


def _wrap(face: FontFace, paragraph: str, spacing: float, limit: float) -> list[str]:
    """Break a paragraph into lines no wider than ``limit`` font units, at spaces.

    A word wider than the box on its own is broken between characters, as browsers do with
    ``overflow-wrap: break-word``, so that nothing sticks out of a label.
    """
    if not paragraph:
        return [""]
    adv = char_advances(face, paragraph, spacing)
    lines: list[str] = []
    start = 0
    used = 0.0
    for match in _WORD.finditer(paragraph):
        word_end = match.start() + len(match.group().rstrip())
        word = sum(adv[match.start() : word_end])
        if used > 0.0 and used + word > limit:
            lines.append(paragraph[start : match.start()].rstrip())
            start, used = match.start(), 0.0
        if used == 0.0 and word > limit:
            # Cut the word: at least one cluster per line.
            pos = match.start()
            run = 0.0
            for j in range(match.start(), word_end):
                if adv[j] > 0.0 and run > 0.0 and run + adv[j] > limit:
                    lines.append(paragraph[pos:j])
                    pos, run = j, 0.0
                run += adv[j]
            start, used = pos, run + sum(adv[word_end : match.end()])
            continue
        used += sum(adv[match.start() : match.end()])
    lines.append(paragraph[start:].rstrip())
    return lines


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


def _place_line(
    face: FontFace,
    line: Line,
    k: float,
    x0: float,
    baseline: float,
    offset: int,
    out: list[Any] | None,
    glyphs: list[PlacedGlyph],
    ink: _Ink,
) -> None:
    for gid, cluster, pen, dx, dy, adv in zip(
        line.glyph_ids, line.clusters, line.pen_x, line.x_offsets, line.y_offsets, line.advances, strict=True
    ):
        if gid == 0:
            continue
        ox = x0 + (pen + dx) * k
        oy = baseline - dy * k
        m = Affine(k, 0.0, 0.0, -k, ox, oy)
        shape = face.glyph(gid)
        glyphs.append(PlacedGlyph(gid, cluster + offset, m, adv * k, (x0 + (pen + adv / 2.0) * k, baseline)))
        if shape.bounds is None:
            continue
        if out is not None:
            _emit(out, shape.outline, m)
        xmin, ymin, xmax, ymax = shape.bounds
        ink.add(ox + xmin * k, oy - ymax * k, ox + xmax * k, oy - ymin * k)


# -- arc text ---------------------------------------------------------------------------------


def _layout_arc(layer: TextLayer, face: FontFace, text: str) -> TextLayout:
    """Text along a circle centred on the local origin (see :class:`studio.model.design.Arc`).

    Each cluster (a letter with its accents, or a ligature) turns about the middle of its
    advance, placed on the circle: outside, reading clockwise from 12 o'clock with the letters
    pointing away from the centre; inside, reading anticlockwise from 6 o'clock, upright.
    """
    arc = layer.arc
    assert arc is not None
    upem = face.units_per_em
    k = _mm_per_unit(layer.size, upem)
    line = shape_line(face, text, layer.letter_spacing / 1000.0 * upem)
    radius = arc.radius
    half = line.width * k / 2.0
    outside = arc.side == "outside"
    asc, desc = face.ascender * k, face.descender * k

    # Clusters: first pen position and total advance, so marks and ligatures turn as one.
    spans: dict[int, tuple[float, float]] = {}
    for cluster, pen, adv in zip(line.clusters, line.pen_x, line.advances, strict=True):
        start, total = spans.get(cluster, (pen, 0.0))
        spans[cluster] = (min(start, pen), total + adv)

    out: list[Any] = []
    glyphs: list[PlacedGlyph] = []
    ink = _Ink()
    box = _Ink()
    for gid, cluster, pen, dx, dy, adv in zip(
        line.glyph_ids, line.clusters, line.pen_x, line.x_offsets, line.y_offsets, line.advances, strict=True
    ):
        if gid == 0:
            continue
        start, total = spans[cluster]
        centre = start + total / 2.0  # font units along the line
        angle = (centre * k - half) / radius  # radians of arc from the middle of the text
        if outside:
            cx, cy = radius * math.sin(angle), -radius * math.cos(angle)
            turn = Affine.translation(cx, cy) @ Affine.rotation(math.degrees(angle))
        else:
            cx, cy = radius * math.sin(angle), radius * math.cos(angle)
            turn = Affine.translation(cx, cy) @ Affine.rotation(-math.degrees(angle))
        m = turn @ Affine(k, 0.0, 0.0, -k, (pen + dx - centre) * k, -dy * k)
        glyphs.append(PlacedGlyph(gid, cluster, m, adv * k, (cx, cy)))
        box.add_points(
            [(-total * k / 2.0, -asc), (total * k / 2.0, -asc), (total * k / 2.0, -desc), (-total * k / 2.0, -desc)],
            turn,
        )
        shape = face.glyph(gid)
        if shape.bounds is None:
            continue
        _emit(out, shape.outline, m)
        ink.add_points(shape.points, m)

    return TextLayout(
        path=Path(cast(list[Segment], out), "nonzero"),
        bounds=box.rect(),
        ink_bounds=ink.rect(),
        size=layer.size,
        missing=list(line.missing),
        lines=1,
        face_key=face.key,
        glyphs=glyphs,
        text=text,
    )
