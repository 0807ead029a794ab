"""A font whose glyph data is damaged is refused when it is added, and never crashes a render."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent
from io_samples import font_bytes

from studio.io._fonts import check_font
from studio.model import Design
from studio.model.errors import InvalidFile, RenderError
from studio.model.template import Template
from studio.render.scene import build_scene, lay_out_layers
from studio.text import FontRegistry
from studio.text.fonts import FontError, read_faces

ROOT = Path(__file__).resolve().parents[2]


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        out[tag] = (offset, length)
    return out


def loca_past_glyf(family: str = "Broken Sans") -> bytes:
    """Glyph 1's end offset in ``loca`` points far past the end of ``glyf``."""
    data = bytearray(font_bytes(family))
    tables = _tables(bytes(data))
    head, _ = tables[b"head"]
    loca, _ = tables[b"loca"]
    if struct.unpack(">h", data[head + 50 : head + 52])[0] == 0:
        struct.pack_into(">H", data, loca + 4, 0xFFF0)
    else:
        struct.pack_into(">I", data, loca + 8, 0x0FFFFFF0)
    return bytes(data)


def garbage_in_glyf(family: str = "Broken Sans") -> bytes:
    """The bytes of glyph 'A' after its header are 0xFF: flags and coordinates run past its end."""
    data = bytearray(font_bytes(family))
    offset, length = _tables(bytes(data))[b"glyf"]
    data[offset + 10 : offset + length] = b"\xff" * (length - 10)
    return bytes(data)


def composite_cycle() -> bytes:
    """A composite glyph 'A' made of itself (written as made of 'B', then its index patched)."""
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "A", "B"])
    fb.setupCharacterMap({ord("A"): "A", ord("B"): "B"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 500))
    pen.lineTo((500, 0))
    pen.closePath()
    a = Glyph()
    a.numberOfContours = -1
    component = GlyphComponent()
    component.glyphName, component.x, component.y, component.flags = "B", 0, 0, 0
    a.components = [component]
    fb.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "A": a, "B": pen.glyph()})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "A": (700, 0), "B": (700, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Loop Sans", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    buf = io.BytesIO()
    fb.save(buf)
    data = bytearray(buf.getvalue())
    offset, length = _tables(bytes(data))[b"glyf"]
    at = data.index(b"\xff\xff", offset, offset + length)  # numberOfContours -1: the composite
    assert struct.unpack(">H", data[at + 12 : at + 14])[0] == 2
    struct.pack_into(">H", data, at + 12, 1)
    return bytes(data)


DAMAGED = {"loca-past-glyf": loca_past_glyf, "garbage-in-glyf": garbage_in_glyf, "composite-cycle": composite_cycle}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_import_refuses_a_damaged_font(name: str) -> None:
    with pytest.raises(InvalidFile) as caught:
        check_font(DAMAGED[name](), "Broken.ttf")
    message = str(caught.value)
    assert message.startswith("Broken.ttf: ") and "damaged" in message and message.endswith("."), message


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_adding_a_damaged_font_to_the_registry_is_refused(name: str, tmp_path: Path) -> None:
    path = tmp_path / "Broken.ttf"
    path.write_bytes(DAMAGED[name]())
    with pytest.raises(FontError) as caught:
        FontRegistry().install_user_font(path)
    assert str(caught.value).startswith("Broken.ttf: "), str(caught.value)
    assert not any(p.name == "Broken.ttf" for p in tmp_path.parent.rglob("fonts/*")), "the font was installed"


def test_a_sound_font_passes() -> None:
    assert check_font(font_bytes(), "Good.ttf").family == "Test Sans"
    assert read_faces(font_bytes(), "Good.ttf")[0].family == "Test Sans"


def test_every_bundled_font_can_be_drawn() -> None:
    """Start-up does not read the bundled fonts glyph by glyph; this test does, once."""
    files = sorted(p for p in (ROOT / "assets" / "fonts").rglob("*") if p.suffix.lower() in (".ttf", ".otf"))
    assert len(files) > 20
    for path in files:
        check_font(path.read_bytes(), path.name)


def _template() -> Template:
    with open(ROOT / "templates" / "jar-500" / "template.toml", "rb") as f:
        return Template.model_validate(tomllib.load(f))


def test_a_font_that_fails_while_drawing_names_the_layer_and_the_font() -> None:
    """A bundled font is not read glyph by glyph at start-up: if one fails, the export says which."""
    registry = FontRegistry()
    registry._add_faces(read_faces(garbage_in_glyf("Shipped Sans"), "Shipped.ttf", check_glyphs=False))
    design = Design.model_validate(
        {
            "template": "jar-500",
            "areas": {
                "label": {"layers": [{"kind": "text", "name": "Name", "text": "AAA", "font_family": "Shipped Sans"}]}
            },
        }
    )
    with pytest.raises(RenderError) as caught:
        build_scene(design, _template(), "label", resources=None, fonts=registry)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "'Name'" in message and "Shipped Sans" in message and "\n" not in message, message
    assert caught.value.layer == "Name"
    # Preflight reports it as a finding on that layer instead of stopping.
    (result,) = lay_out_layers(design, "label", resources=None, fonts=registry, variables={})  # type: ignore[arg-type]
    assert isinstance(result.error, RenderError)


def test_cli_refuses_a_project_with_a_damaged_font(tmp_path: Path) -> None:
    (tmp_path / "Broken.ttf").write_bytes(loca_past_glyf())
    design = {
        "template": "jar-500",
        "areas": {"label": {"layers": [{"kind": "text", "text": "AAA", "font_family": "Broken Sans"}]}},
        "fonts": [{"family": "Broken Sans", "style": "Regular", "asset": "Broken.ttf"}],
    }
    (tmp_path / "design.json").write_text(json.dumps(design))
    for command in (["export", "--format", "pdf", "-o", str(tmp_path / "x.pdf")], ["preflight"]):
        done = subprocess.run(
            [sys.executable, "-m", "studio", command[0], str(tmp_path / "design.json"), *command[1:]],
            capture_output=True,
            text=True,
        )
        assert done.returncode == (1 if command[0] == "export" else 3) or done.returncode not in (0, 70), done.stderr
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "Broken.ttf" in lines[0] and "damaged" in lines[0], done.stderr
    assert not (tmp_path / "x.pdf").exists()
