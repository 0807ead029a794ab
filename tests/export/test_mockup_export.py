"""Mockup export: images with a profile, written atomically, with plain errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from studio.export.document import open_document
from studio.export.mockup import MockupOptions, export_mockup
from studio.model.errors import StudioError
from studio.render.scene import Document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def doc() -> Document:
    return open_document(ROOT / "examples" / "jar-name" / "design.json")


def test_first_view_png_with_srgb_profile(doc, tmp_path):
    out = export_mockup(doc, tmp_path / "jar.png", options=MockupOptions(size=500))
    assert out == tmp_path / "jar.png"
    with Image.open(out) as im:
        assert im.format == "PNG" and im.mode == "RGB" and im.size == (400, 500)
        assert im.info.get("icc_profile")
        assert "Front" in im.info.get("Title", "")


def test_view_angle_and_transparency(doc, tmp_path):
    out = export_mockup(doc, tmp_path / "lid.png", options=MockupOptions(view="lid", size=300, background=None))
    with Image.open(out) as im:
        assert im.mode == "RGBA" and im.size == (300, 300)
        assert im.getpixel((0, 0))[3] == 0


def test_jpeg_by_suffix_is_flattened(doc, tmp_path):
    out = export_mockup(doc, tmp_path / "jar.jpg", options=MockupOptions(size=300, angle=90, background=None))
    with Image.open(out) as im:
        assert im.format == "JPEG" and im.mode == "RGB"
        assert im.info.get("icc_profile")
        assert min(im.getpixel((0, 0))) > 245


def test_contact_sheet(doc, tmp_path):
    options = MockupOptions(size=160, sheet=True, colorways={"glass": ("clear", "amber")})
    with Image.open(export_mockup(doc, tmp_path / "sheet.png", options=options)) as im:
        assert 2 * 160 < im.width < 3 * 160 and 2 * 160 < im.height < 3 * 160 + 100


def test_unknown_view_is_one_sentence(doc, tmp_path):
    with pytest.raises(StudioError, match=r"no view 'side'; choose one of front, lid\.$"):
        export_mockup(doc, tmp_path / "x.png", options=MockupOptions(view="side"))
    assert not list(tmp_path.iterdir())


def test_replaces_an_existing_file_and_leaves_no_temporary(doc, tmp_path):
    target = tmp_path / "jar.png"
    target.write_bytes(b"old")
    export_mockup(doc, target, options=MockupOptions(size=200))
    assert target.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in tmp_path.iterdir()] == ["jar.png"]


def test_unwritable_destination_is_a_user_error(doc, tmp_path):
    with pytest.raises(StudioError, match="cannot write"):
        export_mockup(doc, tmp_path / "missing" / "jar.png", options=MockupOptions(size=200))
