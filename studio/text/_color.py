"""Colour glyphs: the layers of a COLR/CPAL (version 0) glyph, as outlines with their colours.

A COLRv0 glyph is a stack of ordinary glyph outlines, each filled with one colour of the font's
palette (or with the text's own colour). Drawn as filled paths, bottom to top, it prints the
same in every output, with no bitmap and nothing that depends on a viewer's emoji support.

COLRv1 glyphs (gradients, transforms) are not drawn in colour; their base glyph is used.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from studio.text.fonts import FontFace

FOREGROUND = 0xFFFF
"""Palette index meaning "the colour of the text"."""


@dataclass(frozen=True, slots=True)
class ColorLayer:
    """One layer of a colour glyph: an outline glyph filled with ``color``."""

    glyph_id: int
    color: str | None
    """``#RRGGBB``, or None for the text's own colour."""
    alpha: float
    """Opacity of the colour, 0 to 1."""


_layers: dict[str, dict[int, tuple[ColorLayer, ...]]] = {}
_lock = threading.Lock()


def color_layers(face: FontFace, glyph_id: int) -> tuple[ColorLayer, ...]:
    """The colour layers of a glyph, bottom first; empty when the glyph is a plain outline."""
    table = _layers.get(face.key)
    if table is None:
        table = _read(face)
        with _lock:
            _layers[face.key] = table
    return table.get(glyph_id, ())


def _read(face: FontFace) -> dict[int, tuple[ColorLayer, ...]]:
    with FontFace._read_lock:
        font = face.ttfont
        if "COLR" not in font or "CPAL" not in font:
            return {}
        colr = font["COLR"]
        cpal = font["CPAL"]
        if not cpal.palettes:
            return {}
        palette = cpal.palettes[0]
        order = face.glyph_order
        ids = {name: i for i, name in enumerate(order)}
        out: dict[int, tuple[ColorLayer, ...]] = {}
        records = getattr(colr, "ColorLayers", None)  # version 0 data, decompiled per base glyph
        if not records:
            return {}
        for base, layers in records.items():
            base_id = ids.get(base)
            if base_id is None:
                continue
            parsed: list[ColorLayer] = []
            for record in layers:
                gid = ids.get(record.name)
                if gid is None:
                    continue
                if record.colorID == FOREGROUND or record.colorID >= len(palette):
                    parsed.append(ColorLayer(gid, None, 1.0))
                    continue
                c = palette[record.colorID]
                parsed.append(ColorLayer(gid, f"#{c.red:02X}{c.green:02X}{c.blue:02X}", c.alpha / 255.0))
            if parsed:
                out[base_id] = tuple(parsed)
        return out
