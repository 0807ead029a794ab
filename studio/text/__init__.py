"""Text: the font registry, shaping (HarfBuzz), glyph outlines (fontTools) and layout.

Text is turned into glyph outlines in millimetres here, so that every output draws the same
shapes and no file depends on the fonts of the machine that opens it.
"""

from __future__ import annotations

from studio.text.fonts import FontError, FontFace, FontRegistry, MissingFont
from studio.text.layout import ColorPath, PlacedGlyph, TextLayout, layout_text

__all__ = [
    "ColorPath",
    "FontError",
    "FontFace",
    "FontRegistry",
    "MissingFont",
    "PlacedGlyph",
    "TextLayout",
    "layout_text",
]
