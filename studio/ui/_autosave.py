"""Recovery copies of modified projects, written in the background of editing.

While a project has unsaved changes, a copy of it is saved every few seconds into
``<user folder>/autosave/<id>.studio``, with a small ``<id>.json`` note saying where the project
came from. The user's own file is never touched. The copy is deleted when the project is saved or
closed normally, so a copy that is still there when Studio starts is what a crash left behind.

A lock file (``<id>.lock``) is held while a window owns a copy, so that a second Studio running
at the same time does not offer to recover a project that is still open in the first one.

The functions of this module (:func:`list_autosaves`, :func:`write_autosave`,
:func:`load_autosave`, :func:`discard_autosave`) know nothing of windows; :class:`Autosaver`
binds them to a window's open session.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer

from studio.io.project import Project, load_project, save_project
from studio.io.templates import TemplateLibrary
from studio.model.errors import StudioError
from studio.resources import user_dir
from studio.ui.session import EditorSession

NOTE_FORMAT = 1
_ID_PROPERTY = "studio_autosave_id"


def autosave_dir() -> Path:
    """The folder holding recovery copies (``<user folder>/autosave``)."""
    return user_dir() / "autosave"


@dataclass(frozen=True)
class Autosave:
    """A recovery copy found on disk."""

    id: str
    """Stable name of the copy: a digest of the original file's path, or a random id for a new project."""
    file: Path
    """The ``.studio`` copy."""
    original: Path | None
    """The file the project was opened from or last saved to; None for a project never saved."""
    title: str
    """What the window called the project."""
    saved: datetime | None
    """When the copy was written (aware, UTC), if the note says."""
    template: str = ""
    """Product id of the design, if the note says."""

    @property
    def note(self) -> Path:
        return self.file.with_suffix(".json")

    @property
    def lock(self) -> Path:
        return self.file.with_suffix(".lock")


def autosave_id_for(path: Path | None) -> str:
    """The id of the copy of a project: stable for a file, random for a project never saved."""
    if path is None:
        return "new-" + uuid.uuid4().hex[:12]
    try:
        key = str(path.resolve())
    except OSError:
        key = str(path.absolute())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def write_autosave(
    project: Project,
    *,
    autosave_id: str,
    title: str,
    folder: Path | None = None,
) -> Autosave:
    """Save a recovery copy of ``project`` (and its note) into ``folder``.

    Parameters
    ----------
    project
        What to copy; ``project.path`` is recorded as the original file and left as it is.
    autosave_id
        The copy's name (see :func:`autosave_id_for`).
    title
        The project's name as the window shows it.
    folder
        Where copies go; :func:`autosave_dir` by default.

    Returns
    -------
    Autosave

    Raises
    ------
    StudioError
        When the copy cannot be written.
    """
    folder = folder or autosave_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StudioError(f"{folder}: cannot hold recovery copies ({err.strerror or err}).") from None
    file = folder / f"{autosave_id}.studio"
    # No thumbnail: a recovery copy should cost as little as possible while the user works.
    save_project(project, file)
    saved = datetime.now(UTC)
    note = {
        "format": NOTE_FORMAT,
        "original": str(project.path) if project.path is not None else None,
        "title": title,
        "template": project.template.id,
        "saved": saved.isoformat(timespec="seconds"),
    }
    _write_text_atomically(file.with_suffix(".json"), json.dumps(note, indent=2, ensure_ascii=False) + "\n")
    return Autosave(autosave_id, file, project.path, title, saved, project.template.id)


def list_autosaves(folder: Path | None = None) -> list[Autosave]:
    """Recovery copies that no running Studio owns: what a crash left behind, newest first."""
    folder = folder or autosave_dir()
    try:
        files = sorted(folder.glob("*.studio"))
    except OSError:
        return []
    found = []
    for file in files:
        if not file.is_file() or file.name.startswith(".") or _owned_elsewhere(file.with_suffix(".lock")):
            continue
        found.append(_read_note(file))
    epoch = datetime.fromtimestamp(0, UTC)
    return sorted(found, key=lambda a: a.saved or epoch, reverse=True)


def load_autosave(autosave: Autosave, library: TemplateLibrary) -> Project:
    """The project in a recovery copy, with its original file remembered as its path.

    Raises
    ------
    StudioError
        One sentence, when the copy cannot be read.
    """
    project = load_project(autosave.file, library)
    project.path = autosave.original
    return project


def discard_autosave(autosave: Autosave) -> None:
    """Delete a recovery copy, its note and its lock."""
    for path in (autosave.file, autosave.note, autosave.lock):
        with contextlib.suppress(OSError):
            path.unlink()


def _read_note(file: Path) -> Autosave:
    note: dict[str, object] = {}
    with contextlib.suppress(OSError, ValueError):
        raw = file.with_suffix(".json").read_bytes()[:65536]
        loaded = json.loads(raw.decode("utf-8"))
        if isinstance(loaded, dict):
            note = loaded
    original = note.get("original")
    saved: datetime | None = None
    with contextlib.suppress(TypeError, ValueError):
        saved = datetime.fromisoformat(str(note.get("saved")))
        if saved.tzinfo is None:
            saved = saved.replace(tzinfo=UTC)
    if saved is None:
        with contextlib.suppress(OSError):
            saved = datetime.fromtimestamp(file.stat().st_mtime, UTC)
    title = note.get("title")
    return Autosave(
        id=file.stem,
        file=file,
        original=Path(original) if isinstance(original, str) and original else None,
        title=title if isinstance(title, str) and title else file.stem,
        saved=saved,
        template=str(note.get("template") or ""),
    )


def _new_lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # a lock is stale only when its process is gone, however old it is
    return lock


def _owned_elsewhere(lock_path: Path) -> bool:
    if not lock_path.exists():
        return False
    probe = _new_lock(lock_path)
    if probe.tryLock(0):  # the owner is gone: the lock was stale (and is now removed)
        probe.unlock()
        return False
    return True


def _write_text_atomically(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temp.open("w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StudioError(f"{path.name}: cannot be written ({err.strerror or err}).") from None


class Autosaver(QObject):
    """Keeps a recovery copy of the window's open project while it has unsaved changes.

    The first change after a save (or after the last copy) starts a single-shot timer of
    ``settings.autosave_seconds``; when it fires, :meth:`autosave_now` writes the copy. Saving the
    project, undoing back to the saved state, or closing it normally deletes the copy.

    Parameters
    ----------
    window
        The main window (``settings``, ``session`` and ``session_changed`` are used).
    """

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._window = window
        self._session: EditorSession | None = None
        self._lock: QLockFile | None = None
        self._lock_id: str | None = None
        self.last_error: str | None = None
        """The last copy that failed, in one sentence (copies fail quietly: the user is busy)."""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.autosave_now)
        window.session_changed.connect(self._follow)  # type: ignore[attr-defined]

    # -- the session followed -----------------------------------------------------------------
    def _follow(self, session: EditorSession | None) -> None:
        if self._session is not None and self._session is not session:
            self.discard_current()
        self._session = session
        if session is None:
            return
        session.design_changed.connect(self._on_design_changed)
        session.modified_changed.connect(self._on_modified_changed)
        if session.is_modified:  # a recovered project: keep its copy fresh
            self._schedule()

    def autosave_id(self, session: EditorSession) -> str:
        """The copy's id for ``session`` (assigned on first use, kept until the project is saved)."""
        current = session.property(_ID_PROPERTY)
        if isinstance(current, str) and current:
            return current
        new_id = autosave_id_for(session.path)
        session.setProperty(_ID_PROPERTY, new_id)
        return new_id

    @staticmethod
    def adopt(session: EditorSession, autosave: Autosave) -> None:
        """Make ``session`` (opened from ``autosave``) write its copies over that one."""
        session.setProperty(_ID_PROPERTY, autosave.id)

    def _on_design_changed(self) -> None:
        if self._session is not None and self._session.is_modified:
            self._schedule()

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:
            self.discard_current()

    def _schedule(self) -> None:
        seconds = self._window.settings.autosave_seconds  # type: ignore[attr-defined]
        if seconds <= 0 or self.timer.isActive():
            return
        self.timer.start(seconds * 1000)

    # -- copies -------------------------------------------------------------------------------
    def current_file(self) -> Path | None:
        """Where the open project's copy is (or would be) written."""
        if self._session is None:
            return None
        return autosave_dir() / f"{self.autosave_id(self._session)}.studio"

    def autosave_now(self) -> Path | None:
        """Write the open project's recovery copy now, if it has unsaved changes.

        Returns
        -------
        Path or None
            The copy written, or None when there was nothing to save or writing failed
            (see :attr:`last_error`).
        """
        self.timer.stop()
        session = self._session
        if session is None or not session.is_modified:
            return None
        autosave_id = self.autosave_id(session)
        folder = autosave_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._hold_lock(folder / f"{autosave_id}.lock", autosave_id)
            written = write_autosave(session.project, autosave_id=autosave_id, title=session.title, folder=folder)
        except (StudioError, OSError) as err:
            self.last_error = str(err)
            return None
        self.last_error = None
        return written.file

    def discard_current(self) -> None:
        """Delete the open project's copy (after a save or a normal close)."""
        self.timer.stop()
        session = self._session
        if session is None:
            return
        current = session.property(_ID_PROPERTY)
        if isinstance(current, str) and current:
            folder = autosave_dir()
            for suffix in (".studio", ".json"):
                with contextlib.suppress(OSError):
                    (folder / f"{current}{suffix}").unlink()
            # The next copy is named after the file the project now has.
            session.setProperty(_ID_PROPERTY, None)
        self._release_lock()

    def _hold_lock(self, path: Path, autosave_id: str) -> None:
        if self._lock_id == autosave_id and self._lock is not None and self._lock.isLocked():
            return
        self._release_lock()
        lock = _new_lock(path)
        if lock.tryLock(0):
            self._lock, self._lock_id = lock, autosave_id

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
        self._lock, self._lock_id = None, None
