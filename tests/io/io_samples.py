"""Small files made on the fly for the io tests, and a minimal template folder."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from PIL import Image

TEMPLATE_TOML = """\
format = 1
version = 2

[product]
id = "mini-jar"
name = { en = "Mini jar", fr = "Petit bocal" }
category = "jars"

[[views]]
id = "front"
name = "Front"
art = "views/front.svg"

[[print_areas]]
id = "label"
name = "Label"
width = 100
height = 50
shape = { kind = "rounded_rectangle", radius = 4 }

[[print_areas.placements]]
view = "front"
kind = "cylinder"
rect = [50, 60, 200, 100]

[[parts]]
id = "lid"
name = "Lid"
elements = ["lid"]
default = "#C0C0C0"
palette = [{ name = "Gold", color = "#D4AF37" }]

[[options]]
id = "size"
name = "Size"
default = "small"
choices = [{ id = "small", name = "Small" }, { id = "large", name = "Large" }]
"""

FRONT_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 300">
  <rect id="lid" x="60" y="10" width="180" height="40" fill="#ccc"/>
  <rect id="body" x="40" y="50" width="220" height="240" fill="#eee"/>
</svg>
"""


def write_template(root: Path, template_id: str = "mini-jar", toml: str = TEMPLATE_TOML, art: str = FRONT_SVG) -> Path:
    """Write a template folder under ``root`` and return it."""
    folder = root / template_id
    (folder / "views").mkdir(parents=True)
    (folder / "template.toml").write_text(toml, encoding="utf-8")
    (folder / "views" / "front.svg").write_text(art, encoding="utf-8")
    return folder


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 20), mode: str = "RGB", **save: object) -> bytes:
    """An encoded gradient image (so that orientation mistakes show in the pixels)."""
    im = Image.linear_gradient("L").resize(size).convert(mode)
    buf = io.BytesIO()
    im.save(buf, fmt, **save)
    return buf.getvalue()


def font_bytes(family: str = "Test Sans", style: str = "Regular") -> bytes:
    """A tiny valid TrueType font with a square for 'A'."""
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "A"])
    fb.setupCharacterMap({ord("A"): "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((600, 700))
    pen.lineTo((600, 0))
    pen.closePath()
    square = pen.glyph()
    fb.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "A": square})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "A": (700, 100)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": family, "styleName": style})
    fb.setupOS2()
    fb.setupPost()
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()
