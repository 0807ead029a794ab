"""Results kept between runs in the user's cache folder, so that a run need not redo them.

Converting a placed SVG to PDF drawing commands (``art/``) or reading glyph outlines from a font
(``glyphs/``) gives the same result every time for the same input and converter, and loading the
converter (cairo, fontTools) costs more than the rest of a label's export. Results are named by a
hash of what produced them: the converter and its version, the input's content hash and the
output's parameters. Anything wrong with a cached file (damaged, cut short, unreadable folder)
only means converting again; the cache never makes an export fail.

Files are written under a temporary name and renamed, so parallel exports (batch workers) can
share a folder. The least recently used files go when a folder outgrows :data:`MAX_BYTES`.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from studio import resources

log = logging.getLogger(__name__)

MAX_BYTES = 128 * 1024 * 1024
"""Each folder is trimmed to this size (oldest use first) when a write takes it over."""

_FORMAT = b"studio-cache-1\n"
_trimmed: set[str] = set()  # each folder is looked over once per process, at its first write
_DIGEST = 32  # a SHA-256 of the payload closes every file


@cache
def converter_version(*modules: str) -> str:
    """What identifies the installed converter: each module's file, size and modification time.

    Found without importing the module (reading package metadata would cost ten times more):
    upgrading or reinstalling a converter rewrites its files, and so changes every key.
    """
    parts = []
    for name in modules:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            info = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            origin, info = None, None
        parts.append(f"{name}={origin}:{info.st_size}:{info.st_mtime_ns}" if info is not None else f"{name}=?")
    return ",".join(parts)


def key(*parts: object) -> str:
    """A file name for the result of converting with these inputs (hex SHA-256)."""
    text = "\x1f".join(repr(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _folder(kind: str, root: Path | None = None) -> Path:
    return (root if root is not None else resources.user_cache_dir()) / kind


def load(kind: str, key: str, *, root: Path | None = None) -> bytes | None:
    """The result cached in folder ``kind`` for ``key``, or None when there is none or it is damaged.

    ``root`` is the cache folder (default: :func:`studio.resources.user_cache_dir`).
    """
    path = _folder(kind, root) / key[:2] / key
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if not raw.startswith(_FORMAT) or len(raw) < len(_FORMAT) + _DIGEST:
        return None
    payload = raw[len(_FORMAT) : -_DIGEST]
    if hashlib.sha256(payload).digest() != raw[-_DIGEST:]:
        log.info("cached result %s is damaged; converting again", path)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # marks it used, for trimming
    return payload


def store(kind: str, key: str, payload: bytes, *, root: Path | None = None) -> None:
    """Keep ``payload`` as the result for ``key`` in folder ``kind``; failing to write is not an error."""
    folder = _folder(kind, root) / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_FORMAT + payload + hashlib.sha256(payload).digest())
            os.replace(tmp, folder / key)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        if kind not in _trimmed:
            _trimmed.add(kind)
            _trim(_folder(kind, root))
    except OSError as exc:
        log.info("result not cached in %s (%s)", folder, exc)


def cached(kind: str, key: str, convert: Callable[[], bytes], *, check: Callable[[bytes], bool] | None = None) -> bytes:
    """The result for ``key``: from the cache if it is there (and passes ``check``), else converted and kept."""
    payload = load(kind, key)
    if payload is not None and (check is None or check(payload)):
        return payload
    payload = convert()
    store(kind, key, payload)
    return payload


def _trim(root: Path) -> None:
    files: list[tuple[float, int, Path]] = []
    total = 0
    for sub in root.iterdir():
        if not sub.is_dir():
            continue
        for path in sub.iterdir():
            try:
                info = path.stat()
            except OSError:
                continue
            files.append((info.st_mtime, info.st_size, path))
            total += info.st_size
    if total <= MAX_BYTES:
        return
    for _mtime, size, path in sorted(files):
        path.unlink(missing_ok=True)
        total -= size
        if total <= MAX_BYTES * 3 // 4:
            break
