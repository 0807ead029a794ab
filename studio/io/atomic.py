"""Replacing a user's file safely.

Every file Studio writes (a saved project, an export) goes through :func:`atomic_replace`:

- the new content is written to a temporary file beside the target, then renamed over it, so a
  crash, a kill or a full disk leaves the old file or the new one, never half of each;
- a target that is a symbolic link is written where the link points, and the link stays;
- a file marked read-only is refused, even for an administrator whom the system would let through;
- temporaries that an interrupted run left for the same target are removed first.

A temporary is named ``.<target name>.<pid>-<8 hex digits>.tmp`` (projects) or ``.part``
(exports), and its writer holds an exclusive ``flock`` on it while it exists. A temporary is
stale when nobody holds that lock and its writer's process is gone (or, when that cannot be
known, it has not changed for an hour); only stale ones are removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studio.model.errors import StudioError

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there, which protects it as well
    fcntl = None  # type: ignore[assignment]

STALE_AFTER = 3600.0
"""Seconds after which a temporary whose writer cannot be identified counts as abandoned."""

_OURS = re.compile(r"(?P<pid>\d{1,10})-[0-9a-f]{8}\.(?:tmp|part)")
# Names given by earlier versions: ``secrets.token_hex(6)`` for projects, ``mkstemp`` for exports.
_EARLIER = re.compile(r"[0-9a-f]{12}\.tmp|[a-z0-9_]{8}\.part")


def real_target(path: Path) -> Path:
    """The file that writing to ``path`` must replace: where a chain of symbolic links ends."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def read_only_problem(path: Path) -> str | None:
    """Why ``path`` (a file to replace, or a new file's folder) must not be written, or None.

    The mode bits decide, not :func:`os.access` alone: an administrator may write anything, but a
    file its owner marked read-only is still not Studio's to replace.
    """
    target = real_target(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        folder = target.parent if str(target.parent) else Path(".")
        try:
            fst = os.stat(folder)
        except OSError:
            return None  # the caller reports a missing folder in its own words
        if stat.S_ISDIR(fst.st_mode) and not _writable(folder, fst.st_mode):
            return f"the folder {folder} is read-only"
        return None
    except OSError:
        return None
    if stat.S_ISREG(st.st_mode) and not _writable(target, st.st_mode):
        return "is marked read-only"
    return None


def _writable(path: Path, mode: int) -> bool:
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False
    return os.access(path, os.W_OK)


def check_writable(path: Path) -> None:
    """Raise :class:`StudioError` when ``path`` must not be written (see :func:`read_only_problem`)."""
    problem = read_only_problem(path)
    if problem is not None:
        if problem.startswith("the folder"):
            raise StudioError(f"{path}: cannot be written, {problem}.")
        raise StudioError(f"{path}: {problem}; Studio does not replace it (make it writable first).")


@contextmanager
def atomic_replace(path: Path, *, suffix: str) -> Iterator[Path]:
    """A temporary path to write to; on success it replaces ``path`` (or the file a link at ``path`` names).

    The replaced file keeps its permissions; a new file gets the usual ones (``0o666`` less the
    umask). On failure or interruption the temporary is removed and ``path`` is untouched.

    Parameters
    ----------
    path
        The file to write.
    suffix
        ``".tmp"`` for projects, ``".part"`` for exports.

    Raises
    ------
    StudioError
        When the target is read-only.
    OSError
        When the temporary cannot be made or renamed; callers say so in their own words.
    """
    target = real_target(path)
    check_writable(path)
    clean_stale_temporaries(target)
    temp = target.parent / f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}{suffix}"
    # os.open with 0o666 lets the umask decide the permissions, as for any new file.
    fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    if fcntl is None:
        os.close(fd)  # Windows renames no file that is open without sharing
        fd = -1
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield temp
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, os.stat(target).st_mode & 0o7777)  # keep the permissions of the file replaced
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    finally:
        if fd >= 0:
            os.close(fd)
    sync_folder(target.parent)


def clean_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporaries that interrupted saves or exports left for ``path``.

    Only names of Studio's own pattern for this very target are considered (see the module
    description), and only those no running process owns are removed; anything that cannot be
    removed is left alone. The editor calls this when it opens a project; every save and export
    calls it for its target.

    Parameters
    ----------
    path
        The project or export file (a symbolic link counts as the file it points to).

    Returns
    -------
    list of Path
        The temporaries removed.
    """
    target = real_target(Path(path))
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        rest = entry.name[len(prefix) :]
        ours = _OURS.fullmatch(rest)
        if ours is None and _EARLIER.fullmatch(rest) is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        abandoned = age > STALE_AFTER or (ours is not None and not _running(int(ours.group("pid"))))
        if abandoned and not _in_use(entry.path):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id exists (when that cannot be known: True)."""
    if pid == os.getpid() or sys.platform == "win32":
        return True  # on Windows os.kill would end the process; rely on the age instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _in_use(path: str) -> bool:
    """Whether a writer holds the temporary's lock."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases the lock if it was taken
    return False


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
