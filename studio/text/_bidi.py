"""A compact bidirectional ordering for one line of text.

It follows the Unicode Bidirectional Algorithm (UAX #9) for what names, dates and short labels
contain: strong left-to-right and right-to-left letters, European and Arabic digits, neutrals
and combining marks. Explicit embeddings and isolates (U+202A–U+202E, U+2066–U+2069) are
ignored, which only matters for text that already spells out its own ordering.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_RTL = frozenset({"R", "AL"})
_NUMBER = frozenset({"EN", "AN"})


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a line with one direction: ``text[start:end]`` of the line."""

    start: int
    end: int
    rtl: bool


def base_is_rtl(text: str) -> bool:
    """Whether the first strong character is right-to-left (rules P2–P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in _RTL:
            return True
    return False


def visual_runs(text: str, *, rtl: bool | None = None) -> list[Run]:
    """The runs of ``text`` in the order they appear from left to right.

    Parameters
    ----------
    text
        One line (no line breaks).
    rtl
        The paragraph direction; ``None`` takes it from the first strong character.

    Returns
    -------
    list of Run
        Each run is shaped on its own, right-to-left when ``run.rtl``.
    """
    if not text:
        return []
    base = base_is_rtl(text) if rtl is None else rtl
    base_level = 1 if base else 0
    kinds = [unicodedata.bidirectional(ch) for ch in text]

    # W1: a combining mark takes the type of what it sits on.
    prev = "R" if base else "L"
    for i, kind in enumerate(kinds):
        if kind == "NSM":
            kinds[i] = prev
        else:
            prev = kind

    # W2: European digits after Arabic letters are Arabic numbers. W7: European digits after
    # a left-to-right letter (or at the start of a left-to-right paragraph) act as L.
    last_strong = "R" if base else "L"
    for i, kind in enumerate(kinds):
        if kind in ("L", "R", "AL"):
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            kinds[i] = "AN"
        elif kind == "EN" and last_strong == "L":
            kinds[i] = "L"

    # N1: numbers count as right-to-left when neutrals are resolved.
    strong: list[str | None] = [
        "L" if kind == "L" else "R" if kind in _RTL or kind in _NUMBER else None for kind in kinds
    ]

    # N1/N2: a run of neutrals between two strong types of the same direction takes it; else
    # the paragraph direction.
    sos = "R" if base else "L"
    i = 0
    n = len(text)
    while i < n:
        if strong[i] is not None:
            i += 1
            continue
        j = i
        while j < n and strong[j] is None:
            j += 1
        before = strong[i - 1] if i > 0 else sos
        after = strong[j] if j < n else sos
        fill = before if before == after else sos
        for k in range(i, j):
            strong[k] = fill
        i = j

    # I1/I2: implicit levels.
    levels = [base_level] * n
    for i, kind in enumerate(kinds):
        if kind in _NUMBER:
            levels[i] = 2
        elif strong[i] == "R":
            levels[i] = 1
        else:
            levels[i] = 2 if base else 0
    # L1: trailing whitespace goes back to the paragraph level.
    k = n - 1
    while k >= 0 and kinds[k] in ("WS", "S", "B", "BN"):
        levels[k] = base_level
        k -= 1

    runs: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, n + 1):
        if i == n or levels[i] != levels[start]:
            runs.append((start, i, levels[start]))
            start = i

    # L2: from the highest level down to the lowest odd one, reverse each sequence of runs
    # at that level or above.
    highest = max(level for _s, _e, level in runs)
    lowest_odd = min((level for _s, _e, level in runs if level % 2), default=highest + 1)
    level = highest
    while level >= lowest_odd:
        out: list[tuple[int, int, int]] = []
        i = 0
        while i < len(runs):
            if runs[i][2] >= level:
                j = i
                while j < len(runs) and runs[j][2] >= level:
                    j += 1
                out.extend(reversed(runs[i:j]))
                i = j
            else:
                out.append(runs[i])
                i += 1
        runs = out
        level -= 1
    return [Run(s, e, bool(lvl % 2)) for s, e, lvl in runs]
