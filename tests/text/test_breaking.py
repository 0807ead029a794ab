"""Line breaking in text boxes: between words, after hyphens, at hyphenation points of the
text's language; never inside a word otherwise; never outside the box."""

from __future__ import annotations

import re
from typing import Any

import pytest

from studio import resources
from studio.model.design import TextLayer
from studio.text import FontRegistry, TextLayout, layout_text
from studio.text._breaking import break_opportunities, has_hyphenation, wrap


@pytest.fixture(scope="module")
def fonts() -> FontRegistry:
    return FontRegistry([resources.assets_dir() / "fonts"])


def lay(fonts: FontRegistry, text: str, **fields: Any) -> TextLayout:
    return layout_text(TextLayer(text=text, **fields), fonts)


def test_break_opportunities() -> None:
    text = "Marie-Claire de la Tour"
    assert [text[i:] for i in break_opportunities(text)] == ["Claire de la Tour", "de la Tour", "la Tour", "Tour"]
    # A minus sign before a number, or a dash between spaces, is no place to break.
    assert break_opportunities("-5 °C") == [3]
    assert break_opportunities("a - b") == [2, 4]
    # Between ideographs, but never before closing punctuation.
    assert break_opportunities("東京。大阪") == [1, 3, 4]


def test_wrap_with_unit_advances() -> None:
    text = "aaa bbb ccc"
    wrapped = wrap(text, [1.0] * len(text), 7.5, 1.0)
    assert wrapped.lines == ["aaa bbb", "ccc"] and not wrapped.overflow
    long = wrap("aaaaaaaaaa bb", [1.0] * 13, 4.0, 1.0)
    assert long.lines == ["aaaaaaaaaa", "bb"] and long.overflow


def test_soft_hyphen_splits_a_word_with_a_visible_hyphen() -> None:
    text = "Rhabarber\u00admarmelade"
    wrapped = wrap(text, [1.0] * len(text), 12.0, 1.0)
    assert wrapped.lines == ["Rhabarber-", "marmelade"] and not wrapped.overflow


LONG = "The apricot and lavender preserve from grandmother Montgomery's kitchen garden"


@pytest.mark.parametrize("width", [25.0, 40.0, 55.0, 80.0])
def test_lines_break_only_between_words_and_stay_inside_the_box(fonts: FontRegistry, width: float) -> None:
    out = lay(fonts, LONG, font_family="Lato", size=16, box_width=width)
    words = LONG.split()
    assert out.text.split() == words  # every line is made of whole words, in order
    assert out.lines > 1
    assert out.bounds.contains_rect(out.ink_bounds, tol=1e-6)


def test_a_long_name_is_not_broken_mid_word_and_does_not_spill(fonts: FontRegistry) -> None:
    # The label name of the bug report: a 36 mm box on a jar label.
    out = lay(fonts, "Maximiliane Wolkenstein-Oberhausen", font_family="Lobster", size=28, box_width=36)
    assert [line for line in out.text.split("\n")] == ["Maximiliane", "Wolkenstein-", "Oberhausen"]
    assert out.bounds.contains_rect(out.ink_bounds, tol=1e-6)
    assert out.size < 28 and out.overflow  # "Maximiliane" alone is wider than 36 mm at 28 pt


@pytest.mark.parametrize(("language", "word"), [("en", "Supercalifragilistic"), ("fr", "Anticonstitutionnellement")])
def test_words_are_hyphenated_when_the_language_allows(fonts: FontRegistry, language: str, word: str) -> None:
    out = lay(fonts, word, font_family="Lato", size=30, box_width=40, language=language)
    lines = out.text.split("\n")
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == word
    assert out.size == 30 and not out.overflow
    assert out.bounds.contains_rect(out.ink_bounds, tol=1e-6)


def test_no_hyphenation_without_a_language_or_dictionary(fonts: FontRegistry) -> None:
    assert has_hyphenation("en") and has_hyphenation("fr-CA") and not has_hyphenation("xx")
    for language in (None, "xx"):
        out = lay(fonts, "Supercalifragilistic", size=30, box_width=40, language=language)
        assert "-" not in out.text and out.lines == 1 and out.overflow


def test_lines_that_overflow_the_box_height_make_the_text_smaller(fonts: FontRegistry) -> None:
    out = lay(fonts, LONG, font_family="Lato", size=16, box_width=40, box_height=20)
    assert out.size < 16 and out.overflow
    assert out.bounds.contains_rect(out.ink_bounds, tol=1e-6)
    assert re.sub(r"\s+", " ", out.text) == LONG


def test_language_is_validated() -> None:
    with pytest.raises(ValueError):
        TextLayer(text="x", language="english please")
