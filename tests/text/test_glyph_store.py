"""Glyph outlines kept between runs: the same shapes, without reading the font's tables."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studio import resources
from studio.text import FontRegistry, _glyph_store
from studio.text.fonts import FontFace

ROOT = Path(__file__).resolve().parents[2]
FONTS = resources.assets_dir() / "fonts"


@pytest.fixture
def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start with no outline in memory, as a new process does."""
    monkeypatch.setattr(_glyph_store, "_faces", {})
    monkeypatch.setattr(FontFace, "_shapes", {})


def _faces() -> list[FontFace]:
    registry = FontRegistry([FONTS])
    return [registry.face("Lato", "Bold"), registry.face("EB Garamond"), registry.face("Amiri")]


def test_stored_outlines_equal_the_fonts_own(forget: None, monkeypatch: pytest.MonkeyPatch) -> None:
    faces = _faces()
    wanted = {(f.key, gid): f.glyph(gid) for f in faces for gid in (0, 1, 3, 36, 68, 120, 300)}
    _glyph_store.flush()
    files = list((resources.user_cache_dir() / "glyphs").rglob("*"))
    assert len([p for p in files if p.is_file()]) == 3
    monkeypatch.setattr(_glyph_store, "_faces", {})
    monkeypatch.setattr(FontFace, "_shapes", {})

    def no_reading(self: FontFace, glyph_id: int) -> None:
        raise AssertionError(f"{self.name} glyph {glyph_id} read from the font")

    monkeypatch.setattr(FontFace, "_read_glyph", no_reading)
    for (key, gid), shape in wanted.items():
        face = next(f for f in faces if f.key == key)
        assert face.glyph(gid) == shape


def test_a_damaged_store_is_read_from_the_font_again(forget: None, monkeypatch: pytest.MonkeyPatch) -> None:
    face = _faces()[0]
    shape = face.glyph(40)
    _glyph_store.flush()
    (path,) = [p for p in (resources.user_cache_dir() / "glyphs").rglob("*") if p.is_file()]
    raw = bytearray(path.read_bytes())
    raw[20] ^= 0xFF
    path.write_bytes(bytes(raw))
    monkeypatch.setattr(_glyph_store, "_faces", {})
    monkeypatch.setattr(FontFace, "_shapes", {})
    assert face.glyph(40) == shape


def test_a_well_formed_but_foreign_store_is_ignored(forget: None) -> None:
    face = _faces()[0]
    key = _glyph_store._store_key(face.key)
    from studio import _cache

    _cache.store("glyphs", key, marshal.dumps({40: ((("X", 1, 2),), None, ())}))
    shape = face.glyph(40)
    assert shape.outline and shape.outline[0][0] == "M"


_CHILD = textwrap.dedent(
    """
    import sys
    from studio.model.design import TextLayer
    from studio.text import FontRegistry, layout_text
    layer = TextLayer(text="Léa Camille", font_family="Lato", font_style="Bold", size=28)
    layout = layout_text(layer, FontRegistry.default())
    print(repr(layout.path), "fontTools" in sys.modules)
    """
)


def test_a_second_run_lays_out_without_fonttools(tmp_path: Path) -> None:
    env = dict(os.environ, STUDIO_USER_DIR=str(tmp_path))
    runs = [
        subprocess.run([sys.executable, "-c", _CHILD], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    first, second = (run.stdout.strip().rsplit(" ", 1) for run in runs)
    assert first[1] == "True" and second[1] == "False"
    assert first[0] == second[0]
