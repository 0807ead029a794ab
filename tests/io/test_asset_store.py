"""The asset store: content names, content checks, and folder-relative paths that stay inside."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from io_samples import font_bytes, image_bytes

from studio.io.assets import AssetStore, check_font
from studio.model.errors import InvalidFile, StudioError
from studio.render.sources import Resources

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<script>x()</script><rect width="1" height="1"/></svg>'
)


def test_store_satisfies_the_render_protocol() -> None:
    store: Resources = AssetStore()
    assert store is not None


def test_image_is_named_by_its_content() -> None:
    store = AssetStore()
    data = image_bytes("JPEG", (16, 16))
    ref = store.add_bytes(data, "holiday photo.JPEG")
    assert ref == f"assets/{hashlib.sha256(data).hexdigest()}.jpg"
    assert store.data(ref) == data
    assert store.image(ref).key == hashlib.sha256(data).hexdigest()
    assert store.refs() == [ref]
    assert ref in store
    assert store.add_bytes(data, "again.jpg") == ref


def test_extension_follows_content_not_name() -> None:
    ref = AssetStore().add_bytes(image_bytes("PNG"), "looks-like.jpg")
    assert ref.endswith(".png")


def test_svg_is_stored_sanitised() -> None:
    store = AssetStore()
    ref = store.add_bytes(SVG, "logo.svg")
    assert ref.endswith(".svg")
    assert b"script" not in store.data(ref)
    assert ref == f"assets/{hashlib.sha256(store.data(ref)).hexdigest()}.svg"
    assert store.svg(ref).view_box == (0.0, 0.0, 10.0, 10.0)


def test_font_is_checked_and_kept() -> None:
    store = AssetStore()
    data = font_bytes("Test Sans", "Bold")
    ref = store.add_bytes(data, "TestSans-Bold.ttf")
    assert ref.endswith(".ttf")
    assert store.font(ref) == data
    info = store.font_info(ref)
    assert (info.family, info.style, info.extension) == ("Test Sans", "Bold", "ttf")


def test_damaged_font_is_refused() -> None:
    data = font_bytes()
    with pytest.raises(InvalidFile, match=r"^broken\.ttf: "):
        check_font(data[:200], "broken.ttf")
    with pytest.raises(InvalidFile, match=r"^pack\.ttc: the font file is damaged"):
        AssetStore().add_bytes(b"ttcf" + data, "pack.ttc")


def test_font_collection_is_accepted() -> None:
    from fontTools.ttLib import TTCollection, TTFont

    collection = TTCollection()
    collection.fonts = [TTFont(io.BytesIO(font_bytes("Test Sans", style))) for style in ("Regular", "Bold")]
    buf = io.BytesIO()
    collection.save(buf)
    store = AssetStore()
    ref = store.add_bytes(buf.getvalue(), "TestSans.ttc")
    assert ref.endswith(".ttc")
    assert store.font_info(ref).family == "Test Sans"


def test_unknown_content_is_refused_with_its_name() -> None:
    with pytest.raises(InvalidFile, match=r"^notes\.txt: is not an image, an SVG drawing or a font"):
        AssetStore().add_bytes(b"just some words", "notes.txt")


def test_wrong_kind_is_refused() -> None:
    store = AssetStore(label="p.studio")
    ref = store.add_bytes(SVG, "logo.svg")
    with pytest.raises(InvalidFile, match=r"is a drawing, not an image"):
        store.image(ref)


def test_missing_asset_is_a_studio_error() -> None:
    with pytest.raises(StudioError, match=r"p\.studio: the asset 'assets/nope\.png' is missing"):
        AssetStore(label="p.studio").image("assets/nope.png")


def test_add_file(tmp_path: Path) -> None:
    path = tmp_path / "pic.png"
    path.write_bytes(image_bytes())
    ref = AssetStore().add_file(path)
    assert ref.endswith(".png")
    with pytest.raises(InvalidFile, match="no such file"):
        AssetStore().add_file(tmp_path / "gone.png")


# -- a store rooted at a folder (the design.json form) -----------------------------------------------
@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "job"
    (root / "photos").mkdir(parents=True)
    (root / "photos" / "kid.png").write_bytes(image_bytes())
    (tmp_path / "secret.png").write_bytes(image_bytes())
    return root


def test_folder_store_reads_relative_paths(folder: Path) -> None:
    store = AssetStore(folder, label="design.json")
    assert "photos/kid.png" in store
    assert "./photos/kid.png" in store
    assert store.image("photos/kid.png").size == (40, 20)
    assert "photos/none.png" not in store


@pytest.mark.parametrize(
    ("ref", "why"),
    [
        ("../secret.png", "climbs out"),
        ("photos/../../secret.png", "climbs out"),
        ("/etc/passwd", "absolute"),
        ("C:/Windows/win.ini", "drive letter"),
        ("photos\\kid.png", "backslash"),
    ],
)
def test_folder_store_refuses_paths_out_of_it(folder: Path, ref: str, why: str) -> None:
    store = AssetStore(folder, label="design.json")
    with pytest.raises(InvalidFile, match=rf"^design\.json: the asset path .* {why}"):
        store.data(ref)
    with pytest.raises(InvalidFile):
        _ = ref in store


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_folder_store_refuses_symlinks_out_of_it(folder: Path) -> None:
    (folder / "escape.png").symlink_to(folder.parent / "secret.png")
    (folder / "inside.png").symlink_to(folder / "photos" / "kid.png")
    store = AssetStore(folder, label="design.json")
    with pytest.raises(InvalidFile, match=r"leads outside the project's folder"):
        store.data("escape.png")
    assert store.image("inside.png").size == (40, 20)


def test_stored_gives_content_names(folder: Path) -> None:
    (folder / "logo.svg").write_bytes(SVG)
    store = AssetStore(folder, label="design.json")
    name, data = store.stored("photos/kid.png")
    assert name == f"assets/{hashlib.sha256(data).hexdigest()}.png"
    name, data = store.stored("logo.svg")
    assert name.endswith(".svg") and b"script" not in data
