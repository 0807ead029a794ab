"""Visual ordering of mixed-direction lines."""

from __future__ import annotations

import pytest

from studio.text._bidi import base_is_rtl, visual_runs


def pieces(text: str) -> list[tuple[str, bool]]:
    return [(text[r.start : r.end], r.rtl) for r in visual_runs(text)]


def test_plain_latin_is_one_run() -> None:
    assert pieces("hello world") == [("hello world", False)]


def test_plain_arabic_is_one_rtl_run() -> None:
    assert pieces("مرحبا بالعالم") == [("مرحبا بالعالم", True)]


def test_arabic_inside_latin() -> None:
    assert pieces("abc مرحبا def") == [("abc ", False), ("مرحبا", True), (" def", False)]


def test_latin_inside_arabic_comes_out_reversed() -> None:
    assert pieces("مرحبا abc عالم") == [(" عالم", True), ("abc", False), ("مرحبا ", True)]


def test_numbers_in_arabic_stay_left_to_right() -> None:
    assert pieces("مرحبا 123") == [("123", False), ("مرحبا ", True)]


def test_hebrew_with_brackets_is_one_run() -> None:
    assert pieces("שלום (עולם)!") == [("שלום (עולם)!", True)]


@pytest.mark.parametrize(("text", "rtl"), [("abc", False), ("שלום abc", True), ("123 abc", False), ("", False)])
def test_base_direction(text: str, rtl: bool) -> None:
    assert base_is_rtl(text) is rtl


def test_runs_cover_the_text_once() -> None:
    text = "abc 123 مرحبا 45 (x) שלום."
    runs = visual_runs(text)
    covered = sorted(i for r in runs for i in range(r.start, r.end))
    assert covered == list(range(len(text)))
