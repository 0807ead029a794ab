"""Colour glyphs: the layers of a COLR/CPAL (version 0) glyph, as outlines with their colours.

A COLRv0 glyph is a stack of ordinary glyph outlines, each filled with one colour of the font's
palette (or with the text's own colour). Drawn as filled paths, bottom to top, it prints the
same in every output, with no bitmap and nothing that depends on a viewer's emoji support.

HarfBuzz answers which glyphs have layers (per glyph, nothing decompiled up front); the palette
is read from the CPAL table's bytes. fontTools is not needed, so a run whose outlines come from
the glyph store never loads it. COLRv1 glyphs (gradients, transforms) are not drawn in colour;
their base glyph is used.
"""

from __future__ import annotations

import struct
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


_palettes: dict[str, tuple[tuple[int, int, int, int], ...] | None] = {}
_layers: dict[tuple[str, int], tuple[ColorLayer, ...]] = {}
_lock = threading.Lock()


def color_layers(face: FontFace, glyph_id: int) -> tuple[ColorLayer, ...]:
    """The colour layers of a glyph, bottom first; empty when the glyph is a plain outline."""
    key = (face.key, glyph_id)
    found = _layers.get(key)
    if found is not None:
        return found
    palette = _palette(face)
    layers: tuple[ColorLayer, ...] = ()
    if palette is not None:
        parsed = []
        for layer in face.hb_font.face.get_glyph_color_layers(glyph_id):
            index = layer.color_index
            if index == FOREGROUND or index >= len(palette):
                parsed.append(ColorLayer(layer.glyph, None, 1.0))
            else:
                r, g, b, a = palette[index]
                parsed.append(ColorLayer(layer.glyph, f"#{r:02X}{g:02X}{b:02X}", a / 255.0))
        layers = tuple(parsed)
    with _lock:
        _layers[key] = layers
    return layers


def _palette(face: FontFace) -> tuple[tuple[int, int, int, int], ...] | None:
    """The first palette of a face with colour layers, as RGBA; None for a plain face."""
    if face.key in _palettes:
        return _palettes[face.key]
    palette = None
    hb_face = face.hb_font.face
    if hb_face.has_color_layers:
        palette = _read_cpal(hb_face.reference_table("CPAL").data)
    with _lock:
        _palettes[face.key] = palette
    return palette


def _read_cpal(data: bytes) -> tuple[tuple[int, int, int, int], ...] | None:
    """Palette 0 of a CPAL table (its records are stored blue, green, red, alpha)."""
    if len(data) < 14:
        return None
    _version, entries, palettes, records, offset = struct.unpack_from(">HHHHI", data, 0)
    if palettes == 0:
        return None
    (first,) = struct.unpack_from(">H", data, 12)
    if first + entries > records or offset + 4 * records > len(data):
        return None
    out = []
    for i in range(entries):
        b, g, r, a = data[offset + 4 * (first + i) : offset + 4 * (first + i) + 4]
        out.append((r, g, b, a))
    return tuple(out)
