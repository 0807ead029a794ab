"""Glyph outlines kept between runs, so that laying out a label needs no font table read.

A label draws a few dozen glyphs of one or two faces; reading them with fontTools means loading
fontTools and decompiling the face's glyph and metric tables, most of a small export's work. The
outlines of the glyphs a process drew are kept per face in the user's cache folder
(``glyphs/``), named by the face's content hash, this format's version and fontTools' install,
and written when the process ends. A glyph read from the store is the same tuples as one read
from the font. The file is Python's ``marshal`` format (the interpreter's version is part of the
name): it loads tuples of floats ten times faster than JSON, and the cache checks every file's
SHA-256 before anything reads it, so a damaged file is never unmarshalled.
"""

from __future__ import annotations

import atexit
import marshal
import sys
import threading
from pathlib import Path
from typing import Any

from studio import _cache, resources

STORE_VERSION = 1
MAX_GLYPHS = 4000
"""Glyphs kept per face; a face used for more (a whole script) is read from its file beyond that."""

# outline, bounds, coarse points: the fields of fonts.GlyphShape.
Stored = tuple[tuple[tuple[Any, ...], ...], tuple[float, float, float, float] | None, tuple[tuple[float, float], ...]]


class _FaceStore:
    def __init__(self, key: str, root: Path) -> None:
        self.key = key
        self.root = root  # written back where it was read, whatever the environment says at exit
        self.glyphs: dict[int, Stored] = {}
        self.new = 0


_faces: dict[tuple[str, Path], _FaceStore] = {}
_lock = threading.Lock()
_flush_registered = False


def _store_key(face_key: str) -> str:
    python = f"{sys.implementation.cache_tag}/{marshal.version}"
    return _cache.key("glyphs", STORE_VERSION, python, _cache.converter_version("fontTools"), face_key)


def _face(face_key: str) -> _FaceStore:
    root = resources.user_cache_dir()
    with _lock:
        store = _faces.get((face_key, root))
        if store is not None:
            return store
        store = _faces[(face_key, root)] = _FaceStore(_store_key(face_key), root)
    payload = _cache.load("glyphs", store.key, root=root)
    if payload is not None:
        try:
            decoded = _decode(payload)
        except (ValueError, TypeError, KeyError, IndexError, EOFError):
            decoded = {}  # written by something else: read from the font again
        with _lock:
            for gid, shape in decoded.items():
                store.glyphs.setdefault(gid, shape)
    return store


def lookup(face_key: str, glyph_id: int) -> Stored | None:
    """The stored outline of glyph ``glyph_id`` of the face ``face_key``, if a run kept it."""
    return _face(face_key).glyphs.get(glyph_id)


def remember(face_key: str, glyph_id: int, shape: Stored) -> None:
    """Keep an outline read from the font, to be written when the process ends."""
    global _flush_registered
    store = _face(face_key)
    with _lock:
        if glyph_id in store.glyphs or len(store.glyphs) >= MAX_GLYPHS:
            return
        store.glyphs[glyph_id] = shape
        store.new += 1
        if not _flush_registered:
            _flush_registered = True
            atexit.register(flush)


def flush() -> None:
    """Write the faces that gained glyphs (run at exit; safe to call any time)."""
    with _lock:
        pending = [(s, dict(s.glyphs)) for s in _faces.values() if s.new]
        for store, _glyphs in pending:
            store.new = 0
    for store, glyphs in pending:
        if not store.root.parent.is_dir():
            continue  # the user's folder went away (a test's temporary folder): nothing to keep
        _cache.store("glyphs", store.key, _encode(glyphs), root=store.root)


def _encode(glyphs: dict[int, Stored]) -> bytes:
    return marshal.dumps(glyphs)


def _decode(payload: bytes) -> dict[int, Stored]:
    raw = marshal.loads(payload)
    if not isinstance(raw, dict):
        raise TypeError("glyph store is not a table")
    for gid, (outline, _bounds, _points) in raw.items():
        if type(gid) is not int or not all(seg and seg[0] in _OPS for seg in outline):
            raise ValueError("unknown outline segment")
    return raw


_OPS = frozenset(("M", "L", "Q", "C", "Z"))
