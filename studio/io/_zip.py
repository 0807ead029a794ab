"""Reading a zip archive that may be hostile: nothing is extracted, everything is counted.

Member names are checked before anything is read; the member count is read from the end
record before :mod:`zipfile` builds its directory; every member is decompressed in chunks while
the bytes actually produced are counted against a total and a compression-ratio limit, since
the sizes a zip header states are whatever its author wrote.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from studio.io import limits
from studio.io._paths import path_problem
from studio.model.errors import InvalidFile

_CHUNK = 1 << 16
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"


class NotAnArchive(InvalidFile):
    """The file has no readable zip structure (not a zip at all, or one cut short or garbled)."""


class Archive:
    """An open ``.studio`` archive whose members can be read safely.

    Use as a context manager; :func:`open_archive` makes one.
    """

    def __init__(self, zf: zipfile.ZipFile, fp: BinaryIO, source: str) -> None:
        self._zf = zf
        self._fp = fp
        self.source = source
        self.members: dict[str, zipfile.ZipInfo] = {}
        self.total = 0
        for info in zf.infolist():
            problem = path_problem(info.filename)
            if problem is not None:
                raise InvalidFile(
                    f"{source}: the member path {info.filename!r} {problem}; the file is not safe to open."
                )
            if info.filename in self.members:
                raise InvalidFile(f"{source}: holds two members named {info.filename!r}; the file is not safe to open.")
            self.members[info.filename] = info
        # Declared sizes cannot make a file acceptable (reading counts the real bytes), but they
        # are enough to refuse an archive that announces a bomb, even in a member never read.
        for info in self.members.values():
            if info.file_size > limits.RATIO_GRACE_BYTES and info.file_size > _ratio_allowance(info):
                raise InvalidFile(_bomb(f"{source}: the member {info.filename!r}"))
        if sum(info.file_size for info in self.members.values()) > limits.MAX_ARCHIVE_TOTAL:
            raise InvalidFile(_too_big(source))

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._zf.close()
        self._fp.close()

    def __contains__(self, name: object) -> bool:
        return name in self.members

    def read(self, name: str, *, limit: int) -> bytes:
        """The bytes of member ``name``, at most ``limit`` of them.

        Raises
        ------
        InvalidFile
            If the member is encrypted, compressed with an unknown method, damaged, larger than
            ``limit``, expands too much, or takes the archive past its total limit.
        """
        info = self.members[name]
        where = f"{self.source}: the member {name!r}"
        if info.flag_bits & 0x1:
            raise InvalidFile(f"{where} is encrypted, which Studio does not read.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InvalidFile(f"{where} uses a compression method Studio does not read.")
        out = bytearray()
        allowed_ratio = _ratio_allowance(info)
        try:
            with self._zf.open(info) as f:
                while chunk := f.read(_CHUNK):
                    out += chunk
                    self.total += len(chunk)
                    if len(out) > limit:
                        raise InvalidFile(f"{where} is larger than the {_size(limit)} a member may be.")
                    if self.total > limits.MAX_ARCHIVE_TOTAL:
                        raise InvalidFile(_too_big(self.source))
                    if len(out) > limits.RATIO_GRACE_BYTES and len(out) > allowed_ratio:
                        raise InvalidFile(_bomb(where))
        except InvalidFile:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
            raise InvalidFile(f"{where} is damaged.") from None
        return bytes(out)


def open_archive(path: Path, source: str) -> Archive:
    """Open ``path`` as a zip archive, checking its member count and names first.

    Raises
    ------
    InvalidFile
        Naming ``source``: not a zip archive, too many members, or an unsafe member name.
    """
    try:
        fp = path.open("rb")
    except FileNotFoundError:
        raise InvalidFile(f"{source}: no such file.") from None
    except IsADirectoryError:
        raise InvalidFile(f"{source}: is a folder, not a project file.") from None
    except OSError as err:
        raise InvalidFile(f"{source}: cannot be read ({err.strerror or err}).") from None
    try:
        count = _declared_count(fp)
        if count is None:
            raise NotAnArchive(f"{source}: is not a Studio project (it is not a zip archive).")
        if count > limits.MAX_ARCHIVE_MEMBERS:
            raise InvalidFile(
                f"{source}: holds {count:,} members, more than the {limits.MAX_ARCHIVE_MEMBERS:,} allowed."
            )
        fp.seek(0)
        try:
            zf = zipfile.ZipFile(fp)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error):
            raise NotAnArchive(f"{source}: is not a Studio project (it is not a readable zip archive).") from None
        if len(zf.infolist()) > limits.MAX_ARCHIVE_MEMBERS:
            zf.close()
            raise InvalidFile(f"{source}: holds more than the {limits.MAX_ARCHIVE_MEMBERS:,} members allowed.")
        try:
            return Archive(zf, fp, source)
        except InvalidFile:
            zf.close()
            raise
    except BaseException:
        fp.close()
        raise


def _declared_count(fp: BinaryIO) -> int | None:
    """The member count in the end-of-central-directory record, or None when there is none."""
    fp.seek(0, 2)
    size = fp.tell()
    tail_size = min(size, 22 + 65_535)
    fp.seek(size - tail_size)
    tail = fp.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    count = int(struct.unpack_from("<H", tail, at + 10)[0])
    locator = at - 20
    if locator >= 0 and tail[locator : locator + 4] == _EOCD64_LOCATOR:
        (offset,) = struct.unpack_from("<Q", tail, locator + 8)
        if offset + 56 <= size:
            fp.seek(offset)
            record = fp.read(56)
            if record[:4] == _EOCD64:
                count = max(count, int(struct.unpack_from("<Q", record, 32)[0]))
    return count


def _ratio_allowance(info: zipfile.ZipInfo) -> int:
    return limits.MAX_COMPRESSION_RATIO * max(info.compress_size, 1)


def _bomb(where: str) -> str:
    return f"{where} expands more than {limits.MAX_COMPRESSION_RATIO} times; the file looks like a zip bomb."


def _too_big(source: str) -> str:
    return f"{source}: unpacks to more than {_size(limits.MAX_ARCHIVE_TOTAL)}, the limit for a project."


def _size(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:.0f} GiB"
    return f"{n / 1024**2:.0f} MiB"
