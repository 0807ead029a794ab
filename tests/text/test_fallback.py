"""Font fallback: runs split by coverage, clusters kept whole, emoji in colour."""

from __future__ import annotations

import pytest

from studio import resources
from studio.model.design import TextLayer
from studio.text import FontRegistry, layout_text
from studio.text._fallback import chain_for, user_clusters, wants_emoji


@pytest.fixture(scope="module")
def fonts() -> FontRegistry:
    return FontRegistry([resources.assets_dir() / "fonts"])


def runs(fonts: FontRegistry, text: str, family: str = "Lato") -> list[tuple[str, str]]:
    chain = chain_for(fonts)
    return [(text[r.start : r.end], r.face.family) for r in chain.itemize(text, fonts.face(family))]


def test_clusters_keep_emoji_sequences_and_accents_whole() -> None:
    text = "e\u0301👨\u200d👩\u200d👧🇫🇷1\ufe0f\u20e3👍🏽"
    assert [text[a:b] for a, b in user_clusters(text)] == [
        "e\u0301",
        "👨\u200d👩\u200d👧",
        "🇫🇷",
        "1\ufe0f\u20e3",
        "👍🏽",
    ]


def test_runs_by_coverage(fonts: FontRegistry) -> None:
    assert runs(fonts, "Léa 🐝") == [("Léa ", "Lato"), ("🐝", "Twemoji Mozilla")]
    assert runs(fonts, "Hi שלום") == [("Hi ", "Lato"), ("שלום", "Ezra SIL")]
    assert runs(fonts, "Ω ★") == [("Ω ", "Lato"), ("★", "Noto Sans Symbols2")]
    assert runs(fonts, "Привет", "Lobster") == [("Привет", "Lobster")]  # Lobster has Cyrillic
    assert runs(fonts, "Ἀθῆναι", "Lobster") == [("Ἀθῆναι", "Noto Sans")]  # polytonic Greek it lacks


def test_emoji_presentation_picks_the_emoji_font(fonts: FontRegistry) -> None:
    # A digit is in every font, but "1️⃣" asks for the emoji keycap.
    assert runs(fonts, "1 1\ufe0f\u20e3") == [("1 ", "Lato"), ("1\ufe0f\u20e3", "Twemoji Mozilla")]
    assert wants_emoji("❤\ufe0f") and not wants_emoji("❤\ufe0e") and not wants_emoji("❤")
    # Shown as emoji by default (a star, lightning, a dove), unless U+FE0E asks for text.
    assert runs(fonts, "⭐⚡🕊") == [("⭐⚡🕊", "Twemoji Mozilla")]
    assert runs(fonts, "★⭐\ufe0e") == [("★⭐\ufe0e", "Noto Sans Symbols2")]


def test_bold_text_falls_back_to_a_bold_face(fonts: FontRegistry) -> None:
    chain = chain_for(fonts)
    face = chain.face_for(fonts.face("Lobster", "Regular"), "Ἀ")
    bold = chain.face_for(fonts.face("Quicksand", "Bold"), "Ἀ")
    assert (face.family, face.style, bold.family, bold.style) == ("Noto Sans", "Regular", "Noto Sans", "Bold")


def test_a_font_the_user_adds_is_the_last_resort(fonts: FontRegistry) -> None:
    registry = fonts.copy()
    assert lay(registry, "名").missing == ["名"]
    # Any face of the registry that has the character draws it, here one made for the test.
    registry.add_bytes(_font_with("名"), "cjk-test.ttf")
    out = lay(registry, "名")
    assert out.missing == [] and out.fallbacks == [("名", "Test CJK")]
    assert not out.path.is_empty()


def lay(fonts: FontRegistry, text: str, **fields: object):
    return layout_text(TextLayer(text=text, **fields), fonts)


def test_colour_glyphs_become_coloured_layers(fonts: FontRegistry) -> None:
    out = lay(fonts, "A🐝", font_family="Lato", size=40)
    assert [c.color for c in out.colors] == ["#31373D", "#FFCC4D", "#CCD6DD", "#99AAB5"]
    assert all(not c.path.is_empty() for c in out.colors)
    # The bee sits right of the A, on the same line, inside the ink bounds.
    bee = out.colors[1].path.bounds()
    letter = out.path.bounds()
    assert bee.left > letter.right - 0.1
    assert out.ink_bounds.contains_rect(bee, tol=1e-6)
    # Its layers are part of the outline used for strokes.
    assert len(out.outline().segments) == len(out.path.segments) + sum(len(c.path.segments) for c in out.colors)


def test_fallback_glyphs_scale_to_the_chosen_size(fonts: FontRegistry) -> None:
    # The emoji font has 512 units per em, Lato 2000: the bee is about one em tall either way.
    out = lay(fonts, "🐝", font_family="Lato", size=72)  # 72 pt = 25.4 mm
    assert 18.0 < out.ink_bounds.height < 27.0


def _font_with(ch: str) -> bytes:
    """A tiny TrueType font with one square glyph for ``ch``."""
    import io

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "g"])
    fb.setupCharacterMap({ord(ch): "g"})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((900, 700))
    pen.lineTo((900, 0))
    pen.closePath()
    square = pen.glyph()
    fb.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "g": square})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "g": (1000, 100)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Test CJK", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def test_fallback_fonts_ship_with_their_licences_and_are_listed() -> None:
    folder = resources.assets_dir() / "fallback-fonts"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    registry = FontRegistry([folder])
    assert registry.problems == []
    for family in registry.families():
        assert family in readme, family
    for sub in (p for p in folder.iterdir() if p.is_dir()):
        licences = [p for p in sub.iterdir() if p.suffix in (".txt", ".md")]
        assert licences and any(
            "Open Font License" in p.read_text(encoding="utf-8") or "OFL" in p.read_text(encoding="utf-8")
            for p in licences
        ), sub
    # Every family the chain names is there, or bundled among the faces people choose.
    from studio.text._fallback import EMOJI_FAMILY, TEXT_FALLBACKS

    everything = FontRegistry([resources.assets_dir() / "fonts", folder])
    for family in (*TEXT_FALLBACKS, EMOJI_FAMILY):
        assert family in everything, family
