"""Shaping one line with HarfBuzz: glyphs, positions and the characters a face lacks.

A line is split into runs by direction, then by font (fallback for characters the chosen face
lacks); each run is shaped with its own face and scaled to the chosen face's units.

Positions are in font units (the HarfBuzz font is scaled to units per em), so one shaping
serves every size; the result of a run is cached because labels repeat the same words.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

import uharfbuzz as hb

from studio.text._bidi import visual_runs
from studio.text._fallback import FallbackChain, FontRun, user_clusters
from studio.text.fonts import FontFace

# Scripts whose letters join: extra space between them breaks the word apart, so tracking is
# not applied inside them (as InDesign and browsers do for Arabic).
_CONNECTED_SCRIPTS = frozenset({"Arab", "Syrc", "Mong", "Nkoo", "Mand", "Adlm", "Rohg", "Phag"})

# Characters that are drawn as nothing by design; a face without them is not "missing" them.
_IGNORABLE_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp"})


@dataclass(frozen=True, slots=True)
class Run:
    """A shaped run in visual order; every tuple has one entry per glyph."""

    glyph_ids: tuple[int, ...]
    clusters: tuple[int, ...]
    """Index, in the run's text, of the first character of each glyph's cluster."""
    x_advances: tuple[int, ...]
    x_offsets: tuple[int, ...]
    y_offsets: tuple[int, ...]
    connected: bool
    """Whether the run's script joins its letters (no letter spacing inside)."""
    missing: tuple[tuple[int, str], ...]
    """Characters the face lacks, with their index in the run's text, in text order."""


@dataclass(frozen=True, slots=True)
class Line:
    """One shaped line, glyphs in visual order, in font units (y up)."""

    glyph_ids: tuple[int, ...]
    clusters: tuple[int, ...]
    """Index, in the line's text, of the first character of each glyph's cluster."""
    pen_x: tuple[float, ...]
    """Pen position where each glyph's advance starts (before its own offset)."""
    x_offsets: tuple[float, ...]
    y_offsets: tuple[float, ...]
    advances: tuple[float, ...]
    """Advance of each glyph, letter spacing included."""
    width: float
    missing: tuple[str, ...]
    """Characters no face could draw."""
    faces: tuple[FontFace, ...] = ()
    """The face that draws each glyph (the chosen face, or one of its fallbacks)."""
    fallbacks: tuple[tuple[str, FontFace], ...] = ()
    """Characters (clusters: a letter with its marks, an emoji sequence) drawn by a fallback face,
    with that face, in text order."""


_cache: OrderedDict[tuple[str, str, bool], Run] = OrderedDict()
_cache_lock = threading.Lock()
_CACHE_SIZE = 20_000


def _all_ignorable(chars: str) -> bool:
    return all(unicodedata.category(ch) in _IGNORABLE_CATEGORIES for ch in chars)


def shape_run(face: FontFace, text: str, rtl: bool) -> Run:
    """Shape ``text`` in one direction with ``face`` (cached)."""
    key = (face.key, text, rtl)
    with _cache_lock:
        run = _cache.get(key)
        if run is not None:
            _cache.move_to_end(key)
            return run
    run = _shape(face, text, rtl)
    with _cache_lock:
        _cache[key] = run
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return run


def _shape(face: FontFace, text: str, rtl: bool) -> Run:
    buf = hb.Buffer()
    # Code points rather than UTF-8, so that clusters are indices into the Python string.
    buf.add_codepoints([ord(ch) for ch in text])
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(face.hb_font, buf)
    infos = buf.glyph_infos
    positions = buf.glyph_positions
    gids = [info.codepoint for info in infos]
    clusters = [info.cluster for info in infos]
    starts = sorted(set(clusters))
    next_start = {c: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, c in enumerate(starts)}
    missing: list[tuple[int, str]] = []
    advances: list[int] = []
    for gid, cluster, pos in zip(gids, clusters, positions, strict=True):
        if gid == 0:
            # .notdef: draw nothing and take no room; report what could not be drawn.
            advances.append(0)
            chars = text[cluster : next_start[cluster]]
            lacking = [
                (cluster + j, ch)
                for j, ch in enumerate(chars)
                if not face.has_char(ch) and unicodedata.category(ch) not in _IGNORABLE_CATEGORIES
            ]
            missing.extend(lacking or [(cluster, chars[:1])])
        else:
            advances.append(pos.x_advance)
    script = str(buf.script or "")
    return Run(
        glyph_ids=tuple(gids),
        clusters=tuple(clusters),
        x_advances=tuple(advances),
        x_offsets=tuple(p.x_offset for p in positions),
        y_offsets=tuple(p.y_offset for p in positions),
        connected=script in _CONNECTED_SCRIPTS,
        missing=tuple(sorted(set(missing))),
    )


def shape_line(face: FontFace, text: str, spacing: float, fallback: FallbackChain | None = None) -> Line:
    """Shape one line: bidirectional runs in visual order, letter spacing between clusters.

    Parameters
    ----------
    face
        The chosen face; positions come out in its font units.
    text
        One line, without line breaks.
    spacing
        Extra room after each cluster, in font units (not after the last one, so that centred
        text stays centred; not inside joined scripts).
    fallback
        Where characters ``face`` lacks are taken from; None draws with ``face`` alone.
    """
    gids: list[int] = []
    clusters: list[int] = []
    faces: list[FontFace] = []
    pen: list[float] = []
    x_off: list[float] = []
    y_off: list[float] = []
    adv: list[float] = []
    missing: list[tuple[int, str]] = []
    fell_back: list[tuple[int, str, FontFace]] = []
    x = 0.0
    for piece in visual_runs(text):
        piece_text = text[piece.start : piece.end]
        font_runs = [FontRun(0, len(piece_text), face)] if fallback is None else fallback.itemize(piece_text, face)
        if piece.rtl:
            font_runs.reverse()  # right-to-left: the last run in reading order is leftmost
        for font_run in font_runs:
            run_face = font_run.face
            offset = piece.start + font_run.start
            run = shape_run(run_face, piece_text[font_run.start : font_run.end], piece.rtl)
            # Positions in the chosen face's units, whatever the units of the face drawing.
            scale = face.units_per_em / run_face.units_per_em
            n = len(run.glyph_ids)
            for i in range(n):
                advance = float(run.x_advances[i]) * scale
                cluster_end = i + 1 == n or run.clusters[i + 1] != run.clusters[i]
                if spacing and cluster_end and not run.connected and run.glyph_ids[i] != 0:
                    advance += spacing
                gids.append(run.glyph_ids[i])
                clusters.append(run.clusters[i] + offset)
                faces.append(run_face)
                pen.append(x)
                x_off.append(float(run.x_offsets[i]) * scale)
                y_off.append(float(run.y_offsets[i]) * scale)
                adv.append(advance)
                x += advance
            missing.extend((offset + index, ch) for index, ch in run.missing)
            if run_face is not face:
                lacking = {index for index, _ch in run.missing}
                run_text = piece_text[font_run.start : font_run.end]
                for start, end in user_clusters(run_text):
                    chars = run_text[start:end]
                    if start not in lacking and not chars.isspace() and not _all_ignorable(chars):
                        fell_back.append((offset + start, chars, run_face))
            if spacing and n and run.connected:
                # Between a joined run and what follows there is a normal cluster boundary.
                adv[-1] += spacing
                x += spacing
    if spacing and adv:
        # Tracking goes between clusters: take back what the last one received.
        last = len(adv) - 1
        while last >= 0 and adv[last] == 0.0:
            last -= 1
        if last >= 0 and adv[last] >= spacing:
            adv[last] -= spacing
            x -= spacing
    return Line(
        glyph_ids=tuple(gids),
        clusters=tuple(clusters),
        pen_x=tuple(pen),
        x_offsets=tuple(x_off),
        y_offsets=tuple(y_off),
        advances=tuple(adv),
        width=x,
        missing=tuple(dict.fromkeys(ch for _index, ch in sorted(missing))),
        faces=tuple(faces),
        fallbacks=tuple((ch, f) for _i, ch, f in sorted(fell_back, key=lambda t: t[0])),
    )


def char_advances(face: FontFace, text: str, spacing: float, fallback: FallbackChain | None = None) -> list[float]:
    """The room each character takes on a line (font units), for line breaking.

    A cluster's whole advance is given to its first character; the others get 0, so a break
    is never placed inside a ligature or between a letter and its accent.
    """
    out = [0.0] * len(text)
    line = shape_line(face, text, spacing, fallback)
    for cluster, advance in zip(line.clusters, line.advances, strict=True):
        out[cluster] += advance
    return out
