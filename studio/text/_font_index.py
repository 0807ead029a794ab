"""The font index: what each font file holds, remembered between runs.

Reading every bundled font with fontTools to learn its names, metrics and character coverage
costs most of a second; the answers only change when a file does. The index keeps them in the
user's cache folder (``font-index.json``), one entry per file keyed by its path, size and
modification time. A stale entry is read again; a missing, unreadable or damaged index is
rebuilt, never an error (it only holds what the font files say).

Two processes may update the index at once: each writes a complete file under a temporary
name and renames it over the old one, so a reader sees one whole version or the other; the
entries a loser's write drops are read again by the next run.

Each face's coverage is a compact list of code point ranges, so that finding which face can
draw a character (font fallback) needs no font file opened.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio import resources

log = logging.getLogger(__name__)

INDEX_NAME = "font-index.json"
"""File name of the index inside the user's cache folder."""

INDEX_VERSION = 2
"""Bumped whenever what is recorded for a face, or how it is read, changes."""

_FORMAT = "studio-font-index"


@dataclass(frozen=True, slots=True)
class Coverage:
    """The code points a face maps to glyphs, as sorted, disjoint, inclusive ranges.

    ``cp in coverage`` is a binary search; a face of 3,000 characters is a few hundred ranges.
    """

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @classmethod
    def from_codepoints(cls, codepoints: Iterable[int]) -> Coverage:
        """The coverage of a set of code points."""
        starts: list[int] = []
        ends: list[int] = []
        for cp in sorted(set(codepoints)):
            if ends and cp == ends[-1] + 1:
                ends[-1] = cp
            else:
                starts.append(cp)
                ends.append(cp)
        return cls(tuple(starts), tuple(ends))

    @classmethod
    def from_ranges(cls, flat: Any) -> Coverage:
        """Read the flat ``[start, end, start, end, ...]`` list of :meth:`to_ranges`.

        Raises
        ------
        ValueError
            The list is not sorted, disjoint ranges of code points.
        """
        if not isinstance(flat, list) or len(flat) % 2:
            raise ValueError("coverage is not a list of ranges")
        starts = tuple(flat[0::2])
        ends = tuple(flat[1::2])
        previous = -2
        for start, end in zip(starts, ends, strict=True):
            if type(start) is not int or type(end) is not int or not previous + 1 < start <= end <= 0x10FFFF:
                raise ValueError("coverage ranges are not sorted code points")
            previous = end
        return cls(starts, ends)

    def to_ranges(self) -> list[int]:
        """The ranges as one flat list, ``[start, end, start, end, ...]`` (for JSON)."""
        return [value for pair in zip(self.starts, self.ends, strict=True) for value in pair]

    def ranges(self) -> Iterator[tuple[int, int]]:
        """Each ``(first, last)`` range, in order."""
        return zip(self.starts, self.ends, strict=True)

    def __contains__(self, codepoint: object) -> bool:
        if not isinstance(codepoint, int):
            return False
        i = bisect_right(self.starts, codepoint) - 1
        return i >= 0 and codepoint <= self.ends[i]

    def __len__(self) -> int:
        """How many code points are covered."""
        return sum(end - start + 1 for start, end in self.ranges())

    def covers(self, text: str) -> bool:
        """Whether every character of ``text`` is covered."""
        return all(ord(ch) in self for ch in text)


@dataclass(frozen=True, slots=True)
class FaceRecord:
    """What the index remembers of one face: enough to list, choose and lay it out unopened."""

    family: str
    style: str
    full_name: str
    index: int
    """Position of the face in a collection (0 for a plain font file)."""
    units_per_em: int
    ascender: int
    descender: int
    weight: int
    italic: bool
    cap_height: int
    coverage: Coverage

    def to_json(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "style": self.style,
            "full_name": self.full_name,
            "index": self.index,
            "units_per_em": self.units_per_em,
            "ascender": self.ascender,
            "descender": self.descender,
            "weight": self.weight,
            "italic": self.italic,
            "cap_height": self.cap_height,
            "coverage": self.coverage.to_ranges(),
        }

    @classmethod
    def from_json(cls, raw: Any) -> FaceRecord:
        """Raises ``ValueError``, ``KeyError`` or ``TypeError`` on anything not written by :meth:`to_json`."""
        if not isinstance(raw, dict):
            raise TypeError("face entry is not an object")
        texts = [raw[k] for k in ("family", "style", "full_name")]
        numbers = [raw[k] for k in ("index", "units_per_em", "ascender", "descender", "weight", "cap_height")]
        if not all(isinstance(t, str) and t for t in texts[:2]) or not isinstance(texts[2], str):
            raise TypeError("face names are not text")
        if not all(type(n) is int for n in numbers) or type(raw["italic"]) is not bool:
            raise TypeError("face numbers are not whole numbers")
        return cls(
            family=texts[0],
            style=texts[1],
            full_name=texts[2],
            index=numbers[0],
            units_per_em=numbers[1],
            ascender=numbers[2],
            descender=numbers[3],
            weight=numbers[4],
            cap_height=numbers[5],
            italic=raw["italic"],
            coverage=Coverage.from_ranges(raw["coverage"]),
        )


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One font file as indexed: its stamp, content hash, and faces or the reason it is unusable."""

    size: int
    mtime_ns: int
    sha256: str
    faces: tuple[FaceRecord, ...]
    problem: str | None = None
    """One sentence saying why the file cannot be used (then ``faces`` is empty)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "sha256": self.sha256,
            "faces": [face.to_json() for face in self.faces],
            "problem": self.problem,
        }

    @classmethod
    def from_json(cls, raw: Any) -> FileEntry:
        if not isinstance(raw, dict):
            raise TypeError("file entry is not an object")
        size, mtime, digest, problem = raw["size"], raw["mtime_ns"], raw["sha256"], raw["problem"]
        if type(size) is not int or type(mtime) is not int or not isinstance(digest, str):
            raise TypeError("file stamp is not numbers")
        if problem is not None and not isinstance(problem, str):
            raise TypeError("problem is not text")
        faces = tuple(FaceRecord.from_json(face) for face in raw["faces"])
        if not faces and problem is None:
            raise ValueError("file entry without faces or problem")
        return cls(size=size, mtime_ns=mtime, sha256=digest, faces=faces, problem=problem)


class FontIndex:
    """The index file loaded in memory: look entries up by stamp, add new ones, save.

    Parameters
    ----------
    path
        The index file; by default ``font-index.json`` in :func:`studio.resources.user_cache_dir`.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else resources.user_cache_dir() / INDEX_NAME
        self._entries: dict[str, FileEntry] = {}
        self._raw: dict[str, Any] = {}
        self._dirty = False
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:  # unreadable or not JSON: rebuilt as fonts are read
            log.info("font index %s ignored (%s)", self.path, exc)
            return
        if not isinstance(raw, dict) or raw.get("format") != _FORMAT or raw.get("version") != INDEX_VERSION:
            return
        files = raw.get("files")
        if isinstance(files, dict):
            # Entries are parsed when asked for: a run touches the few folders it scans.
            self._raw = files

    def lookup(self, path: Path, size: int, mtime_ns: int) -> FileEntry | None:
        """The entry of ``path`` if it was indexed with this size and modification time."""
        key = str(path)
        entry = self._entries.get(key)
        if entry is None:
            raw = self._raw.get(key)
            if raw is None:
                return None
            try:
                entry = FileEntry.from_json(raw)
            except (KeyError, TypeError, ValueError):
                # A damaged entry is read again from the font file.
                self._raw.pop(key, None)
                return None
            self._entries[key] = entry
        if entry.size != size or entry.mtime_ns != mtime_ns:
            return None
        return entry

    def put(self, path: Path, entry: FileEntry) -> None:
        """Record (or replace) the entry of ``path``; :meth:`save` writes it."""
        key = str(path)
        self._entries[key] = entry
        self._raw.pop(key, None)
        self._dirty = True

    @property
    def dirty(self) -> bool:
        """Whether entries were added since the index was loaded or saved."""
        return self._dirty

    def save(self) -> bool:
        """Write the index atomically, without entries of files that no longer exist.

        Returns whether it was written; a cache folder that cannot be written to only means
        the next run reads the fonts again.
        """
        files: dict[str, Any] = {}
        for key, raw in self._raw.items():
            if key not in self._entries and os.path.exists(key):
                files[key] = raw
        for key, entry in self._entries.items():
            if os.path.exists(key):
                files[key] = entry.to_json()
        payload = json.dumps({"format": _FORMAT, "version": INDEX_VERSION, "files": files}, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _replace_atomically(self.path, payload.encode("utf-8"))
        except OSError as exc:
            log.info("font index %s not written (%s)", self.path, exc)
            return False
        self._dirty = False
        return True

    def entries(self) -> Mapping[str, FileEntry]:
        """Every entry parsed so far, by path (for tests and diagnostics)."""
        return dict(self._entries)


def _replace_atomically(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
