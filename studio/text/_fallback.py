"""Font fallback: which face draws each character that the chosen font lacks.

Text never disappears because a font lacks a character: "Léa 🐝" in Lato takes the bee from the
bundled emoji font, Hebrew typed in a Latin font comes from Ezra SIL. The text is split into runs
by coverage (itemization): each cluster — a character with its accents, or an emoji sequence —
goes to the first face that has every character of it, in this order:

1. the chosen face;
2. the bundled fallback faces (:data:`TEXT_FALLBACKS`), in the chosen style where they have it;
3. the bundled colour emoji font (:data:`EMOJI_FAMILY`) — first of all when the cluster asks
   for emoji presentation (U+FE0F, keycaps, flags, pictographs such as faces, animals, food and
   the few older symbols shown as emoji by default), unless U+FE0E asks for text;
4. any other face of the registry (a CJK font the user installed, for instance).

A cluster no face covers stays with the chosen face, which reports it as missing.
"""

from __future__ import annotations

import threading
import unicodedata
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from studio import resources
from studio.text.fonts import FontFace, FontRegistry, MissingFont

TEXT_FALLBACKS = (
    "Noto Sans",  # Latin, Greek, Cyrillic, with the accents and symbols of their languages
    "Amiri",  # Arabic (bundled among the faces people choose)
    "Ezra SIL",  # Hebrew, with vowel points (bundled among the faces people choose)
    "Noto Sans Devanagari",
    "Noto Sans Thai",
    "Noto Sans Armenian",
    "Noto Sans Georgian",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
)
"""Families searched, in order, for a character the chosen face lacks."""

EMOJI_FAMILY = "Twemoji Mozilla"
"""The colour emoji font (COLR/CPAL outlines, drawn in colour in every output)."""

FALLBACK_FOLDER = "fallback-fonts"
"""Folder of ``assets`` holding the faces used only as fallback (not offered in font lists)."""

_VS15, _VS16, _ZWJ, _KEYCAP = 0xFE0E, 0xFE0F, 0x200D, 0x20E3


def _is_extender(cp: int) -> bool:
    """Whether a code point belongs to the cluster of the character before it."""
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:  # variation selectors
        return True
    if 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:  # skin tones, tag characters
        return True
    if cp in (_ZWJ, 0x200C, _KEYCAP):
        return True
    return unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me")


def _is_regional(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def _ignorable(cp: int) -> bool:
    """Drawn as nothing by design: no face needs a glyph for it to be covered."""
    if cp in (_ZWJ, 0x200C, _VS15, _VS16) or 0xFE00 <= cp <= 0xFE0F or 0xE0000 <= cp <= 0xE0FFF:
        return True
    return unicodedata.category(chr(cp)) in ("Cf", "Cc", "Zl", "Zp")


def user_clusters(text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each user-perceived character (close to Unicode grapheme clusters).

    A base character takes its combining marks, variation selectors, skin-tone modifiers,
    tags and keycap mark; a zero-width joiner also takes the character after it; regional
    indicators pair up into flags.
    """
    n = len(text)
    i = 0
    while i < n:
        start = i
        cp = ord(text[i])
        i += 1
        if _is_regional(cp) and i < n and _is_regional(ord(text[i])):
            i += 1
        while i < n:
            nxt = ord(text[i])
            if nxt == _ZWJ and i + 1 < n:
                i += 2
            elif _is_extender(nxt):
                i += 1
            else:
                break
        yield start, i


# Characters of the Basic Multilingual Plane shown as emoji by default (Emoji_Presentation=Yes in
# Unicode's emoji-data.txt): a watch, a zodiac sign, a coffee cup, a star...
_BMP_EMOJI = frozenset(
    (
        *(0x231A, 0x231B, *range(0x23E9, 0x23ED), 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615),
        *(*range(0x2648, 0x2654), 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5),
        *(0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728),
        *(0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF),
        *(0x2B1B, 0x2B1C, 0x2B50, 0x2B55, 0x1F004, 0x1F0CF, 0x1F18E, *range(0x1F191, 0x1F19B)),
    )
)


def _is_pictograph(cp: int) -> bool:
    """Pictographs people type as emoji: faces, animals, food, transport, objects."""
    return (
        cp in _BMP_EMOJI
        or 0x1F300 <= cp <= 0x1F64F  # pictographs, emoticons
        or 0x1F680 <= cp <= 0x1F6FF  # transport and map symbols
        or 0x1F900 <= cp <= 0x1F9FF  # supplemental symbols and pictographs
        or 0x1FA70 <= cp <= 0x1FAFF  # symbols and pictographs extended-A
    )


def _asks_presentation(cp: int) -> bool:
    """Code points that can make a cluster ask for the emoji font."""
    return cp in (_VS15, _VS16, _KEYCAP) or _is_regional(cp) or _is_pictograph(cp)


def wants_emoji(cluster: str) -> bool:
    """Whether a cluster asks to be drawn as a colour emoji rather than as a text symbol."""
    cps = [ord(ch) for ch in cluster]
    if _VS15 in cps:
        return False
    if _VS16 in cps or _KEYCAP in cps:
        return True
    return any(_is_regional(cp) or _is_pictograph(cp) for cp in cps)


@dataclass(frozen=True, slots=True)
class FontRun:
    """A stretch of text drawn with one face: ``text[start:end]``."""

    start: int
    end: int
    face: FontFace


class FallbackChain:
    """The faces that draw what a chosen face lacks (see the module's documentation).

    Parameters
    ----------
    registry
        Where the chosen faces come from; its faces are the last resort.
    fallback
        The registry of the bundled fallback-only faces.
    """

    def __init__(self, registry: FontRegistry, fallback: FontRegistry) -> None:
        self.registry = registry
        self.fallback = fallback
        self._text: dict[str, list[FontFace]] = {}
        self._lock = threading.Lock()

    def text_faces(self, style: str) -> list[FontFace]:
        """The text fallback faces, each in the style closest to ``style``."""
        faces = self._text.get(style)
        if faces is None:
            faces = []
            for family in TEXT_FALLBACKS:
                source = self.fallback if family in self.fallback else self.registry
                try:
                    faces.append(source.face(family, style))
                except MissingFont:
                    continue
            with self._lock:
                self._text[style] = faces
        return faces

    def emoji_face(self) -> FontFace | None:
        """The colour emoji face, if installed."""
        for source in (self.fallback, self.registry):
            if EMOJI_FAMILY in source:
                return source.face(EMOJI_FAMILY)
        return None

    def candidates(self, primary: FontFace, emoji_first: bool) -> Iterator[FontFace]:
        """Faces to try for a cluster, in order (the registry's other faces last)."""
        emoji = self.emoji_face()
        if emoji_first and emoji is not None:
            yield emoji
        yield primary
        yield from self.text_faces(primary.style)
        if emoji is not None and not emoji_first:
            yield emoji
        yield from self.registry.faces()

    def face_for(self, primary: FontFace, cluster: str) -> FontFace:
        """The face that draws ``cluster`` (``primary`` when no face has all of it)."""
        needed = [ord(ch) for ch in cluster if not _ignorable(ord(ch))]
        if (not needed or covers(primary, needed)) and not (needed and wants_emoji(cluster)):
            return primary
        base_only: FontFace | None = None
        for face in self.candidates(primary, wants_emoji(cluster)):
            if covers(face, needed):
                return face
            if base_only is None and needed and covers(face, needed[:1]):
                base_only = face
        return base_only or primary

    def itemize(self, text: str, primary: FontFace) -> list[FontRun]:
        """Split ``text`` into runs of one face each; clusters are never split."""
        coverage = primary.coverage
        if all(ord(ch) in coverage and not _asks_presentation(ord(ch)) for ch in text):
            return [FontRun(0, len(text), primary)]  # the common case: the chosen face has it all
        runs: list[FontRun] = []
        for start, end in user_clusters(text):
            face = self.face_for(primary, text[start:end])
            if runs and runs[-1].face == face:
                runs[-1] = FontRun(runs[-1].start, end, face)
            else:
                runs.append(FontRun(start, end, face))
        return runs


def covers(face: FontFace, codepoints: Sequence[int]) -> bool:
    """Whether ``face`` has a glyph for every code point.

    Answered from the face's coverage (kept in the font index), so trying the fallback faces
    and, last, every face of the registry opens no font file.
    """
    coverage = face.coverage
    return all(cp in coverage for cp in codepoints)


_fallback_registry: FontRegistry | None = None
_chains: weakref.WeakKeyDictionary[FontRegistry, FallbackChain] = weakref.WeakKeyDictionary()
_chains_lock = threading.Lock()


def fallback_registry() -> FontRegistry:
    """The bundled fallback-only faces (Noto Sans and its script companions, the emoji font)."""
    global _fallback_registry
    if _fallback_registry is None:
        _fallback_registry = FontRegistry([resources.assets_dir() / FALLBACK_FOLDER])
    return _fallback_registry


def chain_for(registry: FontRegistry) -> FallbackChain:
    """The fallback chain of a registry (made once per registry)."""
    chain = _chains.get(registry)
    if chain is None:
        chain = FallbackChain(registry, fallback_registry())
        with _chains_lock:
            _chains[registry] = chain
    return chain
