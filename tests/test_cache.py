"""Results kept in the user cache (converted art, glyphs): reused, checked, and never a reason to fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studio import _cache as _art_cache
from studio import resources


class Converter:
    def __init__(self, payload: bytes) -> None:
        self.payload = payload
        self.calls = 0

    def __call__(self) -> bytes:
        self.calls += 1
        return self.payload


def _file(key: str) -> Path:
    return resources.user_cache_dir() / "art" / key[:2] / key


def test_a_result_is_converted_once_then_read_back() -> None:
    key = _art_cache.key("svg2pdf", "cairosvg=1", "abc", 10.0, 20.0)
    convert = Converter(b"%PDF-1.4 art")
    assert _art_cache.cached("art", key, convert) == b"%PDF-1.4 art"
    assert _art_cache.cached("art", key, convert) == b"%PDF-1.4 art"
    assert convert.calls == 1
    assert _file(key).is_file()
    # Another converter version, document or size is another entry.
    for other in (("svg2pdf", "cairosvg=2", "abc", 10.0, 20.0), ("svg2pdf", "cairosvg=1", "abc", 10.0, 21.0)):
        assert _art_cache.key(*other) != key


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "foreign"])
def test_a_damaged_entry_is_converted_again(damage: str) -> None:
    key = _art_cache.key("svg2png", "v", "doc", 64, 64)
    _art_cache.cached("art", key, Converter(b"\x89PNG first"))
    path = _file(key)
    raw = bytearray(path.read_bytes())
    if damage == "flip":
        raw[len(raw) // 2] ^= 0x01
    elif damage == "truncate":
        raw = raw[:-5]
    elif damage == "empty":
        raw = bytearray()
    else:
        raw = bytearray(b"%PDF-1.7 written by someone else")
    path.write_bytes(bytes(raw))
    again = Converter(b"\x89PNG second")
    assert _art_cache.cached("art", key, again) == b"\x89PNG second"
    assert again.calls == 1
    assert _art_cache.load("art", key) == b"\x89PNG second"


def test_a_check_can_refuse_a_cached_entry() -> None:
    key = _art_cache.key("svg2pdf", "v", "doc", 1, 1)
    _art_cache.store("art", key, b"not a pdf")
    convert = Converter(b"%PDF-1.4 good")
    assert _art_cache.cached("art", key, convert, check=lambda data: data.startswith(b"%PDF-")) == b"%PDF-1.4 good"
    assert convert.calls == 1


def test_an_unwritable_cache_still_converts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setattr(_art_cache, "_folder", lambda kind, root=None: blocker / kind)
    convert = Converter(b"payload")
    key = _art_cache.key("x")
    assert _art_cache.cached("art", key, convert) == b"payload"
    assert _art_cache.cached("art", key, convert) == b"payload"
    assert convert.calls == 2


def test_the_folder_is_trimmed_oldest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_art_cache, "MAX_BYTES", 10_000)
    keys = [_art_cache.key("trim", i) for i in range(5)]
    for i, key in enumerate(keys):
        _art_cache.store("art", key, bytes(3000))
        os.utime(_file(key), (1_000_000 + i, 1_000_000 + i))
    monkeypatch.setattr(_art_cache, "_trimmed", set())
    newest = _art_cache.key("trim", "new")
    _art_cache.store("art", newest, bytes(3000))
    left = {key for key in [*keys, newest] if _file(key).exists()}
    assert newest in left and keys[4] in left
    assert keys[0] not in left and keys[1] not in left
    total = sum(p.stat().st_size for p in (resources.user_cache_dir() / "art").rglob("*") if p.is_file())
    assert total <= 10_000
