"""Temporary files that interrupted saves and exports left beside their target.

Saving writes ``.NAME.studio.<random>.tmp`` beside the project and renames it over the project
when done; an export writes ``.NAME.pdf.<random>.part``. A save or an export killed halfway
leaves that hidden file behind, as large as the project. :func:`remove_interrupted_saves`
removes, for one target, the temporaries of those two patterns that no running process owns.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there, which protects it as well
    fcntl = None  # type: ignore[assignment]

ABANDONED_AFTER = 3600.0
"""Seconds after which a temporary whose writer cannot be told counts as abandoned."""

_WITH_PID = re.compile(r"(?P<pid>\d{1,10})-[0-9a-f]{8}\.(?:tmp|part)")
"""Names that carry their writer's process id."""
_WITHOUT_PID = re.compile(r"[0-9a-f]{12}\.tmp|[A-Za-z0-9_]{8}\.part")
"""Names of project saves (``secrets.token_hex(6)``) and exports (``tempfile.mkstemp``)."""


def remove_interrupted_saves(path: Path) -> list[Path]:
    """Remove the temporaries that interrupted saves or exports left for ``path``.

    Only hidden files named after ``path`` in the patterns above are considered, and only those
    no running process owns: the writer's process is gone (names that carry it), or the file has
    not changed for :data:`ABANDONED_AFTER` seconds; and nobody holds a lock on it. Files that
    cannot be removed are left alone; this never raises.

    Returns
    -------
    list of Path
        The temporaries removed.
    """
    target = Path(path)
    with contextlib.suppress(OSError):
        target = target.resolve()
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(target.parent) if e.name.startswith(prefix)]
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        rest = entry.name[len(prefix) :]
        with_pid = _WITH_PID.fullmatch(rest)
        if with_pid is None and _WITHOUT_PID.fullmatch(rest) is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        gone = with_pid is not None and not _running(int(with_pid.group("pid")))
        if (gone or age > ABANDONED_AFTER) and not _locked(entry.path):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id exists (True when that cannot be known)."""
    if pid == os.getpid() or sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by another user
    return True


def _locked(path: str) -> bool:
    """Whether a writer holds a lock on the file."""
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
        os.close(fd)
    return False
