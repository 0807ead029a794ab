"""Font files: recognised by their first bytes, checked by reading their tables with fontTools."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studio.io import limits
from studio.model.errors import InvalidFile

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

_MAGIC = {
    b"\x00\x01\x00\x00": "ttf",
    b"true": "ttf",
    b"OTTO": "otf",
    b"wOFF": "woff",
    b"wOF2": "woff2",
}
_REQUIRED = ("head", "cmap", "maxp", "hhea", "hmtx", "name")


@dataclass(frozen=True)
class FontInfo:
    """What a checked font file is."""

    extension: str
    """``ttf``, ``otf``, ``woff``, ``woff2`` or ``ttc``."""
    family: str
    """Typographic family name (name ID 16, else 1)."""
    style: str
    """Typographic style name (name ID 17, else 2)."""


def looks_like_font(data: bytes) -> bool:
    """Whether ``data`` starts like a font file (or a font collection)."""
    return data[:4] in _MAGIC or data[:4] == b"ttcf"


def check_font(data: bytes, source: str) -> FontInfo:
    """Read a font's tables and return its names.

    Parameters
    ----------
    data
        A TrueType, OpenType (CFF), WOFF or WOFF2 file, or a collection (``.ttc``); the names
        returned are those of a collection's first face.
    source
        How messages name the file.

    Raises
    ------
    InvalidFile
        Naming ``source``: not a font, too large, or damaged.
    """
    if len(data) > limits.MAX_FONT_BYTES:
        raise InvalidFile(
            f"{source}: the font file is larger than the {limits.MAX_FONT_BYTES // (1024 * 1024)} MB limit."
        )
    extension = "ttc" if data[:4] == b"ttcf" else _MAGIC.get(data[:4])
    if extension is None:
        raise InvalidFile(f"{source}: is not a font file (TrueType, OpenType, WOFF or WOFF2).")
    from fontTools.ttLib import TTCollection, TTFont  # only when a font is checked

    try:
        fonts = list(TTCollection(io.BytesIO(data)).fonts) if extension == "ttc" else [TTFont(io.BytesIO(data))]
        if not fonts:
            raise InvalidFile(f"{source}: the font collection is empty.")
        for font in fonts:
            _check_tables(font, source)
        names = fonts[0]["name"]
        family = names.getBestFamilyName() or ""
        style = names.getBestSubFamilyName() or ""
    except InvalidFile:
        raise
    except Exception:  # fontTools raises many kinds of error on malformed tables
        raise InvalidFile(f"{source}: the font file is damaged.") from None
    return FontInfo(extension=extension, family=str(family), style=str(style))


def _check_tables(font: TTFont, source: str) -> None:
    missing = [tag for tag in _REQUIRED if tag not in font]
    if not ("glyf" in font and "loca" in font) and "CFF " not in font and "CFF2" not in font:
        missing.append("glyf or CFF")
    if missing:
        raise InvalidFile(
            f"{source}: the font file lacks the table{'s' if len(missing) > 1 else ''} {', '.join(missing)}."
        )
    for tag in _REQUIRED:
        _ = font[tag]  # decompile now, so that damage shows here rather than when text is drawn
