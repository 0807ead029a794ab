"""Where a line may break: between words, after hyphens, around CJK ideographs, and at
hyphenation points of the text's language.

It follows the parts of the Unicode line breaking algorithm (UAX #14) that labels and names
meet: a line breaks after spaces (which then disappear), after a hyphen or dash inside a word
("Marie-|Claire"), and between Chinese or Japanese characters (not before closing punctuation
or small kana, not after opening punctuation). A word is never cut anywhere else. When the text
has a language that pyphen has a dictionary for, words may also break at its hyphenation
points, with a hyphen added; a soft hyphen (U+00AD) typed in the text is such a point in any
language.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyphen

SOFT_HYPHEN = "\u00ad"
HYPHEN = "-"
"""Added at the end of a hyphenated line (every font has U+002D)."""

_HYPHENS = frozenset("-\u2010\u2012\u2013\u2014")
_NO_BREAK_BEFORE = frozenset(
    "、。，．！？：；)]}〕〉》」』】〙〗〟'\"ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜？！‼⁇⁈⁉・"
)
_WORD = re.compile(r"[^\W\d_]+")

Hyphenator = Callable[[str], Sequence[int]]
"""Hyphenation points of a word: indices where it may be split."""


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x2FDF  # radicals
        or 0x3040 <= cp <= 0x30FF  # kana
        or 0x3100 <= cp <= 0x312F  # bopomofo
        or 0x3400 <= cp <= 0x4DBF  # ideographs, extension A
        or 0x4E00 <= cp <= 0x9FFF  # unified ideographs
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= cp <= 0x3FFFF  # ideographs, extensions B and later
        or 0x3000 <= cp <= 0x303F  # CJK punctuation
        or 0xFF00 <= cp <= 0xFF60  # full-width forms
    )


def break_opportunities(text: str) -> list[int]:
    """Indices ``i`` (0 < i < len(text)) where a line may start, in order."""
    out: list[int] = []
    for i in range(1, len(text)):
        before, here = text[i - 1], text[i]
        if here.isspace():
            continue
        if before.isspace():
            out.append(i)
        elif before in _HYPHENS:
            # Inside a word ("Marie-Claire"), not a minus sign before a number or a lone dash.
            if i >= 2 and text[i - 2].isalpha() and here.isalnum():
                out.append(i)
        elif _is_cjk(before) or _is_cjk(here):
            if here in _NO_BREAK_BEFORE or (unicodedata.category(here) in ("Pe", "Pf", "Po") and not _is_cjk(here)):
                continue
            if unicodedata.category(before) in ("Ps", "Pi"):
                continue
            out.append(i)
    return out


@functools.lru_cache(maxsize=32)
def _dictionary(language: str) -> pyphen.Pyphen | None:
    import pyphen  # only when a text asks for hyphenation: it costs 40 ms to import

    lang = pyphen.language_fallback(language.replace("-", "_"))
    if lang is None:
        return None
    # Two letters before a break and three after, as most style guides ask of English and French.
    return pyphen.Pyphen(lang=lang, left=2, right=3)


def has_hyphenation(language: str | None) -> bool:
    """Whether words of ``language`` can be hyphenated (a dictionary is bundled)."""
    return language is not None and _dictionary(language) is not None


def hyphenator(language: str | None) -> Hyphenator | None:
    """Hyphenation points for words of ``language``; None when it has no dictionary."""
    if language is None:
        return None
    dictionary = _dictionary(language)
    if dictionary is None:
        return None

    @functools.lru_cache(maxsize=4096)
    def points(word: str) -> tuple[int, ...]:
        return tuple(dictionary.positions(word))

    return points


@dataclass(frozen=True, slots=True)
class Wrapped:
    """A paragraph broken into lines."""

    lines: list[str]
    """Each line's text, without trailing spaces, with a hyphen added where a word was split."""
    overflow: bool
    """Whether a word is wider than the limit on its own (no break could make it fit)."""


def _split_points(text: str, start: int, end: int, hyphenate: Hyphenator | None) -> list[int]:
    """Where the word ``text[start:end]`` may be split with a hyphen (soft hyphens, dictionary)."""
    points = {start + j + 1 for j, ch in enumerate(text[start:end]) if ch == SOFT_HYPHEN}
    if hyphenate is not None:
        for match in _WORD.finditer(text, start, end):
            points.update(match.start() + p for p in hyphenate(match.group()))
    return sorted(p for p in points if start < p < end)


def wrap(
    text: str,
    advances: Sequence[float],
    limit: float,
    hyphen_width: float,
    hyphenate: Hyphenator | None = None,
) -> Wrapped:
    """Break a paragraph into lines no wider than ``limit``, greedily, at break opportunities.

    Parameters
    ----------
    advances
        The room each character takes (a cluster's whole advance on its first character).
    hyphen_width
        The room of the hyphen added when a word is split.
    hyphenate
        Hyphenation points of the text's language, or None to split words only at soft hyphens.
    """
    n = len(text)
    if n == 0:
        return Wrapped([""], False)
    bounds = [0, *break_opportunities(text), n]
    lines: list[str] = []
    parts: list[str] = []
    used = 0.0
    overflow = False

    def flush() -> None:
        nonlocal used
        lines.append("".join(parts).rstrip())
        parts.clear()
        used = 0.0

    for seg_start, seg_end in itertools.pairwise(bounds):
        content_end = seg_start + len(text[seg_start:seg_end].rstrip())
        s = seg_start
        while True:
            word = sum(advances[s:content_end])
            if used + word <= limit or (not parts and content_end == s):
                parts.append(text[s:seg_end])
                used += sum(advances[s:seg_end])
                break
            # The rest of the word does not fit: split it at the last point that fits.
            room = limit - used - hyphen_width
            split = None
            for p in _split_points(text, s, content_end, hyphenate):
                if sum(advances[s:p]) <= room:
                    split = p
                else:
                    break
            if split is not None:
                piece = text[s:split]
                parts.append(piece[:-1] if piece.endswith(SOFT_HYPHEN) else piece)
                parts.append(HYPHEN)
                flush()
                s = split
                continue
            if parts:
                flush()
                continue
            # Alone on its line and still too wide: it overflows (the caller shrinks the text).
            parts.append(text[s:seg_end])
            used += sum(advances[s:seg_end])
            overflow = True
            break
    if parts or not lines:
        flush()
    return Wrapped(lines, overflow)
