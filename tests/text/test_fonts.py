"""The font registry: bundled families, names from the name table, validation, user fonts."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from studio import resources
from studio.text import FontError, FontRegistry, MissingFont
from studio.text.fonts import parse_style

REQUIRED = [
    "Inter",
    "Lato",
    "Open Sans",
    "Quicksand",
    "EB Garamond",
    "Roboto Slab",
    "Bebas Neue",
    "League Spartan",
    "Lobster",
    "Dancing Script",
    "Comfortaa",
    "Amiri",
]
FONTS = resources.assets_dir() / "fonts"


@pytest.fixture(scope="module")
def fonts() -> FontRegistry:
    return FontRegistry([FONTS])


def test_bundled_families_are_listed(fonts: FontRegistry) -> None:
    families = fonts.families()
    for family in REQUIRED:
        assert family in families
    assert len(families) >= 12
    assert fonts.problems == []
    assert families == sorted(families, key=str.casefold)


def test_default_registry_holds_bundled_fonts() -> None:
    assert set(REQUIRED) <= set(FontRegistry.default().families())


def test_bundled_fonts_carry_their_licence() -> None:
    for folder in FONTS.iterdir():
        if folder.is_dir():
            licences = [p for p in folder.iterdir() if p.suffix == ".txt"]
            assert licences, f"{folder.name} has no licence file"


def test_bundled_fonts_stay_small() -> None:
    total = sum(p.stat().st_size for p in FONTS.rglob("*") if p.is_file())
    assert total < 25 * 1024 * 1024


def test_styles_come_from_the_name_table(fonts: FontRegistry) -> None:
    assert fonts.styles("Inter") == ["Regular", "Bold", "Italic", "Bold Italic"]
    # EB Garamond's typographic subfamily is "12 Regular": the optical size is not a style.
    assert fonts.styles("EB Garamond") == ["Regular", "Italic"]
    face = fonts.face("EB Garamond", "Regular")
    assert "CFF " in face.ttfont
    assert face.path is not None and face.path.name == "EBGaramond12-Regular.otf"


def test_hebrew_and_arabic_faces_cover_their_scripts(fonts: FontRegistry) -> None:
    assert fonts.face("Amiri").has_char("ع")
    hebrew = [f for f in fonts.faces() if f.has_char("ש")]
    assert hebrew


def test_face_metrics_and_key(fonts: FontRegistry) -> None:
    face = fonts.face("Lato", "Bold")
    assert face.style == "Bold"
    assert face.weight == 700
    assert face.units_per_em == 2000
    assert face.ascender > 0 > face.descender
    assert len(face.key) == 64 and face.path is not None
    assert face.has_char("A") and not face.has_char("名")
    # Cached accessors hand back the same objects.
    assert face.hb_font is face.hb_font
    assert face.glyph(5) is face.glyph(5)


@pytest.mark.parametrize(
    ("family", "asked", "given"),
    [
        ("Quicksand", "Bold Italic", "Bold"),
        ("Quicksand", "Italic", "Regular"),
        ("Lobster", "Bold", "Regular"),
        ("Inter", "bold italic", "Bold Italic"),
        ("Inter", "SemiBold", "Bold"),
        ("Amiri", "Italic", "Slanted"),
        ("Amiri", "Bold Italic", "Bold Slanted"),
        ("open sans", "Regular", "Regular"),
    ],
)
def test_closest_style(fonts: FontRegistry, family: str, asked: str, given: str) -> None:
    assert fonts.face(family, asked).style == given


def test_unknown_family_is_a_sentence(fonts: FontRegistry) -> None:
    with pytest.raises(MissingFont, match="'Nope Sans' is not installed"):
        fonts.face("Nope Sans")


def test_parse_style() -> None:
    assert parse_style("Bold Italic") == (700, True)
    assert parse_style("SemiBold") == (600, False)
    assert parse_style("Light Oblique") == (300, True)
    assert parse_style("Regular") == (400, False)


def test_not_a_font_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "name.ttf"
    bad.write_text("this is a text file, not a font")
    with pytest.raises(FontError, match=r"^name\.ttf: not a font file \(") as err:
        FontRegistry().add_file(bad)
    assert str(err.value).endswith(".")


def test_truncated_font_names_the_file() -> None:
    data = (FONTS / "Lato" / "Lato-Regular.ttf").read_bytes()[:2000]
    with pytest.raises(FontError, match=r"^broken\.ttf: "):
        FontRegistry().add_bytes(data, "broken.ttf")


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FontError, match=r"gone\.otf"):
        FontRegistry().add_file(tmp_path / "gone.otf")


def test_bad_file_in_a_folder_is_skipped(tmp_path: Path) -> None:
    shutil.copy(FONTS / "Lobster" / "Lobster-Regular.ttf", tmp_path)
    (tmp_path / "junk.otf").write_bytes(b"OTTO" + b"\0" * 40)
    registry = FontRegistry([tmp_path])
    assert registry.families() == ["Lobster"]
    assert len(registry.problems) == 1 and registry.problems[0].startswith("junk.otf: ")


def test_woff2_is_read_like_the_font_it_packs() -> None:
    font = TTFont(FONTS / "Comfortaa" / "Comfortaa-Regular.ttf")
    font.flavor = "woff2"
    buf = io.BytesIO()
    font.save(buf)
    registry = FontRegistry()
    (face,) = registry.add_bytes(buf.getvalue(), "comfortaa.woff2")
    assert (face.family, face.style) == ("Comfortaa", "Regular")
    assert face.sfnt[:4] == b"\x00\x01\x00\x00"
    assert face.glyph(face.hb_font.get_nominal_glyph(ord("a")) or 0).outline


def test_added_bytes_replace_a_face_of_the_same_name() -> None:
    registry = FontRegistry([FONTS])
    data = (FONTS / "Lobster" / "Lobster-Regular.ttf").read_bytes()
    (face,) = registry.add_bytes(data, "project.studio: assets/lobster.ttf")
    assert registry.face("Lobster") is face and face.path is None


def test_copy_is_independent(fonts: FontRegistry) -> None:
    copy = fonts.copy()
    font = TTFont(FONTS / "Lobster" / "Lobster-Regular.ttf")
    font["name"].setName("Private Label", 1, 3, 1, 0x409)
    buf = io.BytesIO()
    font.save(buf)
    copy.add_bytes(buf.getvalue(), "private.ttf")
    assert "Private Label" in copy.families()
    assert "Private Label" not in fonts.families()


def test_install_user_font_copies_into_the_user_folder(tmp_path: Path) -> None:
    source = tmp_path / "Lobster-Regular.ttf"
    shutil.copy(FONTS / "Lobster" / "Lobster-Regular.ttf", source)
    registry = FontRegistry()
    faces = registry.install_user_font(source)
    installed = resources.user_fonts_dir() / "Lobster-Regular.ttf"
    assert installed.read_bytes() == source.read_bytes()
    assert faces[0].path == installed
    registry.install_user_font(source)  # the same file again changes nothing
    assert sorted(p.name for p in resources.user_fonts_dir().iterdir()) == ["Lobster-Regular.ttf"]
    assert "Lobster" in FontRegistry([resources.user_fonts_dir()]).families()


def test_install_refuses_a_non_font(tmp_path: Path) -> None:
    bad = tmp_path / "holiday.otf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(FontError, match=r"holiday\.otf"):
        FontRegistry().install_user_font(bad)
    assert not resources.user_fonts_dir().exists() or not any(resources.user_fonts_dir().iterdir())
