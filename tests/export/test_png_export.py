"""PNG export: size from millimetres and dpi, stored resolution, sRGB profile, background."""

from __future__ import annotations

import io
from pathlib import Path as FsPath

import pytest
from fakes import FakeDocument
from PIL import Image, ImageCms

from studio.export.options import PngOptions
from studio.export.png import export_png
from studio.model.color import Color
from studio.model.errors import StudioError
from studio.model.geometry import Path, Rect
from studio.model.template import PrintArea
from studio.render.display import DisplayList, FillPath


def document() -> FakeDocument:
    areas = {
        "front": PrintArea(id="front", name="Front", width=50.0, height=30.0, bleed=3.0),
        "back": PrintArea(id="back", name="Back", width=20.0, height=20.0, bleed=1.0),
    }
    red = Color.of("#FF0000")
    squares = {"front": Path.rectangle(5, 5, 10, 10), "back": Path.rectangle(2, 5, 10, 10)}
    scenes = {
        area_id: DisplayList(
            area_id=area_id, trim=area.trim_rect, page=area.trim_rect, items=[FillPath(squares[area_id], red)]
        )
        for area_id, area in areas.items()
    }
    return FakeDocument(areas=areas, scenes=scenes, title="Jar label")


def test_defaults_trim_at_300_dpi_with_srgb_profile(tmp_path: FsPath) -> None:
    doc = document()
    out = export_png(doc, tmp_path / "label.png")
    assert out == tmp_path / "label.png"
    assert doc.calls == [("front", 0.0)]
    with Image.open(out) as im:
        assert im.format == "PNG" and im.mode == "RGB"
        assert im.size == (round(50 * 300 / 25.4), round(30 * 300 / 25.4)) == (591, 354)
        assert tuple(round(v) for v in im.info["dpi"]) == (300, 300)
        icc = im.info["icc_profile"]
        assert "sRGB" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
        assert im.info.get("Title") == "Jar label"
        assert im.getpixel((0, 0)) == (255, 255, 255)
        assert im.getpixel((118, 118)) == (255, 0, 0)


def test_template_bleed_and_resolution(tmp_path: FsPath) -> None:
    doc = document()
    out = export_png(doc, tmp_path / "label.png", options=PngOptions(bleed=None, dpi=150))
    assert doc.calls == [("front", None)]
    with Image.open(out) as im:
        assert im.size == (round(56 * 150 / 25.4), round(36 * 150 / 25.4))
        assert tuple(round(v) for v in im.info["dpi"]) == (150, 150)
        # The square moved by the 3 mm of bleed.
        assert im.getpixel((round(8.2 * 150 / 25.4), round(8.2 * 150 / 25.4))) == (255, 0, 0)


def test_transparent_is_rgba(tmp_path: FsPath) -> None:
    out = export_png(document(), tmp_path / "t.png", options=PngOptions(transparent=True, dpi=72))
    with Image.open(out) as im:
        assert im.mode == "RGBA"
        assert im.getpixel((1, 1))[3] == 0
        assert im.getpixel((28, 28)) == (255, 0, 0, 255)


def test_area_and_mirror(tmp_path: FsPath) -> None:
    doc = document()
    out = export_png(doc, tmp_path / "b.png", options=PngOptions(area="back", mirror=True, dpi=254))
    assert doc.calls == [("back", 0.0)]
    with Image.open(out) as im:
        assert im.size == (200, 200)
        # 2..12 mm from the left becomes 8..18 mm.
        assert im.getpixel((50, 100)) == (255, 255, 255)
        assert im.getpixel((90, 100)) == (255, 0, 0)
        assert im.getpixel((170, 100)) == (255, 0, 0)


def test_unknown_area_is_a_user_error(tmp_path: FsPath) -> None:
    with pytest.raises(StudioError, match=r"no print area 'sleeve'.*front, back"):
        export_png(document(), tmp_path / "x.png", options=PngOptions(area="sleeve"))
    assert not list(tmp_path.iterdir())


def test_unwritable_destination_is_a_user_error(tmp_path: FsPath) -> None:
    with pytest.raises(StudioError, match="cannot write"):
        export_png(document(), tmp_path / "missing" / "x.png", options=PngOptions(dpi=30))


def test_replaces_an_existing_file(tmp_path: FsPath) -> None:
    target = tmp_path / "label.png"
    target.write_bytes(b"old")
    export_png(document(), target, options=PngOptions(dpi=30))
    with Image.open(target) as im:
        assert im.size == (59, 35)
    assert [p.name for p in tmp_path.iterdir()] == ["label.png"]


def test_page_rect_from_fake_document_matches_bleed() -> None:
    # Guard on the fixture itself: the page handed out grows with the bleed asked for.
    doc = document()
    assert doc.scene("front", bleed=2.0).page == Rect(-2.0, -2.0, 54.0, 34.0)
