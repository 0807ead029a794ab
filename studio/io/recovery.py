"""Finding the recovery copy of a project without the editor.

The editor keeps recovery copies of modified projects in ``<user folder>/autosave``, each with a
small JSON note whose ``original`` names the project file it copies. When a project cannot be
read, the command line and the file readers use :func:`recovery_copies` to tell the user that a
copy exists, and where.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from studio.resources import user_dir

_NOTE_LIMIT = 65_536


def autosave_folder() -> Path:
    """Where the editor keeps recovery copies."""
    return user_dir() / "autosave"


def recovery_copies(original: Path, folder: Path | None = None) -> list[Path]:
    """The recovery copies (``.studio`` files) whose note names ``original``, newest first."""
    folder = folder or autosave_folder()
    want = _key(original)
    found: list[tuple[float, Path]] = []
    try:
        notes = list(folder.glob("*.json"))
    except OSError:
        return []
    for note in notes:
        copy = note.with_suffix(".studio")
        with contextlib.suppress(OSError, ValueError):
            with note.open("rb") as f:
                data = json.loads(f.read(_NOTE_LIMIT).decode("utf-8"))
            named = data.get("original") if isinstance(data, dict) else None
            if isinstance(named, str) and _key(Path(named)) == want and copy.is_file():
                found.append((copy.stat().st_mtime, copy))
    return [path for _mtime, path in sorted(found, reverse=True)]


def _key(path: Path) -> str:
    try:
        return os.path.normcase(str(path.resolve()))
    except OSError:
        return os.path.normcase(str(path.absolute()))
