"""Recovery copies of modified projects, written in the background of editing.

While a project has unsaved changes, a copy of it is saved every few seconds into
``<user folder>/autosave/<id>.studio``, with a small ``<id>.json`` note saying where the project
came from. The user's own file is never touched. The copy is deleted when the project is saved or
closed normally, so a copy that is still there when Studio starts is what a crash left behind.

Every editing session names its copy with an id of its own (never one derived from the project's
file), and holds a lock file (``<id>.lock``) for it from the moment it takes the id: a copy left
by a crash is therefore never overwritten by a later session of the same project, and a second
Studio running at the same time neither offers nor deletes a copy that a live window owns. A copy
left behind stays until the user recovers or discards it.

The copy is written in a worker thread from a snapshot taken in the GUI thread
(:func:`studio.io.project.snapshot_project`), so that a large project does not freeze editing.

The functions of this module (:func:`list_autosaves`, :func:`write_autosave`,
:func:`load_autosave`, :func:`discard_autosave`) know nothing of windows; :class:`Autosaver`
binds them to a window's open session.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QRunnable, QThreadPool, QTimer, Signal

from studio.io.project import Project, ProjectSnapshot, load_project, snapshot_project, write_snapshot
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
    """Name of the copy, unique to the editing session that wrote it."""
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


def new_autosave_id() -> str:
    """A fresh copy name: when it was taken, and random digits so that no two sessions share one."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(6)}"


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
        The copy's name (see :func:`new_autosave_id`).
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
    _make_folder(folder)
    file = folder / f"{autosave_id}.studio"
    # No thumbnail: a recovery copy should cost as little as possible while the user works.
    write_snapshot(snapshot_project(project), file)
    return _write_note(file, project.path, title, project.template.id)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StudioError(f"{folder}: cannot hold recovery copies ({err.strerror or err}).") from None


def _write_note(file: Path, original: Path | None, title: str, template: str) -> Autosave:
    saved = datetime.now(UTC)
    note = {
        "format": NOTE_FORMAT,
        "original": str(original) if original is not None else None,
        "title": title,
        "template": template,
        "saved": saved.isoformat(timespec="seconds"),
    }
    _write_text_atomically(file.with_suffix(".json"), json.dumps(note, indent=2, ensure_ascii=False) + "\n")
    return Autosave(file.stem, file, original, title, saved, template)


def list_autosaves(folder: Path | None = None) -> list[Autosave]:
    """Recovery copies that no running Studio owns: what a crash left behind, newest first."""
    folder = folder or autosave_dir()
    try:
        files = sorted(folder.glob("*.studio"))
    except OSError:
        return []
    _remove_abandoned_writes(folder)
    found = []
    for file in files:
        if not file.is_file() or file.name.startswith(".") or _owned_elsewhere(file.with_suffix(".lock")):
            continue
        found.append(_read_note(file))
    epoch = datetime.fromtimestamp(0, UTC)
    return sorted(found, key=lambda a: a.saved or epoch, reverse=True)


def _remove_abandoned_writes(folder: Path) -> None:
    """Delete half-written copies (``.<id>.pending.studio`` and its temporaries) whose writer is gone."""
    with contextlib.suppress(OSError):
        for path in folder.glob(".*.pending.studio*"):
            copy_id = path.name[1:].split(".pending.studio", 1)[0]
            if copy_id and not _owned_elsewhere(folder / f"{copy_id}.lock"):
                with contextlib.suppress(OSError):
                    path.unlink()


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


def discard_autosave(autosave: Autosave) -> bool:
    """Delete a recovery copy, its note and its lock, unless a running Studio owns it.

    Returns
    -------
    bool
        False when the copy belongs to a window still open (it is left as it is).
    """
    lock = _new_lock(autosave.lock)
    if not lock.tryLock(0):
        return False
    try:
        for path in (autosave.file, autosave.note):
            with contextlib.suppress(OSError):
                path.unlink()
    finally:
        lock.unlock()  # removes the lock file
    return True


def claim_autosave(autosave_id: str, folder: Path | None = None) -> QLockFile | None:
    """Take the lock of the copy ``autosave_id``: the caller owns the copy while it holds it.

    Returns
    -------
    QLockFile or None
        The held lock, or None when a running Studio owns the copy already.
    """
    folder = folder or autosave_dir()
    _make_folder(folder)
    lock = _new_lock(folder / f"{autosave_id}.lock")
    return lock if lock.tryLock(0) else None


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


class _CopySignals(QObject):
    finished = Signal(object)


class _CopyJob(QRunnable):
    """Writes one snapshot as the copy ``file`` (in a worker thread).

    The archive is first written beside the copy under a hidden name, then renamed over it while
    holding ``guard``; :meth:`Autosaver.discard_current` deletes copies under the same guard after
    marking jobs cancelled, so that a copy being written when the project is saved can never
    reappear afterwards as if a crash had left it.
    """

    def __init__(
        self,
        snapshot: ProjectSnapshot,
        file: Path,
        original: Path | None,
        title: str,
        template: str,
        guard: threading.Lock,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.snapshot = snapshot
        self.file = file
        self.original = original
        self.title = title
        self.template = template
        self.guard = guard
        self.cancelled = False
        self.error: str | None = None
        self.written: Path | None = None
        self.done = threading.Event()
        self.signals = _CopySignals()

    def run(self) -> None:
        pending = self.file.with_name(f".{self.file.stem}.pending.studio")
        try:
            if not self.cancelled:
                write_snapshot(self.snapshot, pending)
                with self.guard:
                    if self.cancelled:
                        pending.unlink(missing_ok=True)
                    else:
                        os.replace(pending, self.file)
                        _write_note(self.file, self.original, self.title, self.template)
                        self.written = self.file
        except (StudioError, OSError) as err:
            self.error = str(err)
            with contextlib.suppress(OSError):
                pending.unlink()
        except Exception as err:  # a worker must never let an error escape into the thread pool
            self.error = f"{self.file.name}: the recovery copy failed ({type(err).__name__}: {err})."
            with contextlib.suppress(OSError):
                pending.unlink()
        finally:
            self.done.set()
            with contextlib.suppress(RuntimeError):  # the autosaver is gone (the window closed)
                self.signals.finished.emit(self)


class Autosaver(QObject):
    """Keeps a recovery copy of the window's open project while it has unsaved changes.

    The first change after a save (or after the last copy) starts a single-shot timer of
    ``settings.autosave_seconds``; when it fires, a snapshot of the project is taken and written
    in a worker thread (:meth:`start_copy`). Saving the project, undoing back to the saved state,
    or closing it normally deletes the copy. :meth:`save_before_risk` brings the copy up to date
    before work that a faulty library could crash (an import, an export).

    Parameters
    ----------
    window
        The main window (``settings``, ``session`` and ``session_changed`` are used).
    """

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._window = window
        self._session: EditorSession | None = None
        self._locks: dict[str, QLockFile] = {}
        self._guard = threading.Lock()
        self._jobs: list[_CopyJob] = []
        self._changes = 0
        """Edits seen; a copy remembers how many it holds, so an unchanged project is not copied again."""
        self._copied = -1
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # copies are written one after the other, in order
        self.last_error: str | None = None
        """The last copy that failed, in one sentence (copies fail quietly: the user is busy)."""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.start_copy)
        window.session_changed.connect(self._follow)  # type: ignore[attr-defined]

    # -- the session followed -----------------------------------------------------------------
    def _follow(self, session: EditorSession | None) -> None:
        if self._session is not None and self._session is not session:
            self.discard_current()
        self._session = session
        self._changes, self._copied = 0, -1
        if session is None:
            return
        session.design_changed.connect(self._on_design_changed)
        session.modified_changed.connect(self._on_modified_changed)
        if session.is_modified:  # a recovered project: keep its copy fresh
            self._schedule()

    def autosave_id(self, session: EditorSession) -> str:
        """The copy's id for ``session``: taken (with its lock) on first use, kept until the project is saved.

        Raises
        ------
        StudioError
            When the autosave folder cannot be created.
        """
        current = session.property(_ID_PROPERTY)
        if isinstance(current, str) and current and current in self._locks:
            return current
        folder = autosave_dir()
        for _attempt in range(8):
            new_id = new_autosave_id()
            if (folder / f"{new_id}.studio").exists():
                continue
            lock = claim_autosave(new_id, folder)
            if lock is not None:
                break
        else:
            raise StudioError(f"{folder}: cannot hold recovery copies (no lock file can be made there).")
        self._locks[new_id] = lock
        session.setProperty(_ID_PROPERTY, new_id)
        return new_id

    def adopt(self, session: EditorSession, autosave: Autosave) -> bool:
        """Make ``session`` (opened from ``autosave``) own that copy, and lock it at once.

        Returns
        -------
        bool
            False when another running Studio owns the copy (the session is left alone).
        """
        lock = self._locks.get(autosave.id) or claim_autosave(autosave.id, autosave.file.parent)
        if lock is None:
            return False
        self._locks[autosave.id] = lock
        session.setProperty(_ID_PROPERTY, autosave.id)
        return True

    def release(self, autosave_id: str) -> None:
        """Let go of the copy ``autosave_id`` without deleting it (it stays to be recovered)."""
        lock = self._locks.pop(autosave_id, None)
        if lock is not None:
            lock.unlock()

    def _on_design_changed(self) -> None:
        self._changes += 1
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

    def start_copy(self) -> threading.Event:
        """Take a snapshot of the open project and write its copy in the background.

        Nothing is written when the project has no unsaved changes, or when the copy already
        holds every edit (a copy being written counts).

        Returns
        -------
        threading.Event
            Set once the copy is on disk (or failed, see :attr:`last_error`, or was not needed).
        """
        self.timer.stop()
        session = self._session
        if session is None or not session.is_modified:
            return _DONE
        if self._copied == self._changes:
            pending = [job for job in self._jobs if not job.cancelled]
            return pending[-1].done if pending else _DONE
        try:
            autosave_id = self.autosave_id(session)
            snapshot = snapshot_project(session.project)
        except (StudioError, OSError) as err:
            self.last_error = str(err)
            return _DONE
        file = autosave_dir() / f"{autosave_id}.studio"
        job = _CopyJob(snapshot, file, session.path, session.title, session.template.id, self._guard)
        job.signals.finished.connect(self._on_copy_finished)
        self._jobs.append(job)
        self._copied = self._changes
        self._pool.start(job)
        return job.done

    def save_before_risk(self) -> threading.Event:
        """Bring the copy up to date before work that could crash (an import, an export).

        The risky work waits for the returned event (in its own thread) before it starts, so
        that even a crash inside a library loses none of the edits made so far.
        """
        return self.start_copy()

    def autosave_now(self, timeout: float = 60.0) -> Path | None:
        """Write the open project's recovery copy now, and wait for it.

        Returns
        -------
        Path or None
            The copy, or None when there was nothing to save or writing failed (see :attr:`last_error`).
        """
        session = self._session
        if session is None or not session.is_modified:
            self.timer.stop()
            return None
        done = self.start_copy()
        if not done.wait(timeout):
            return None
        finished = [job for job in self._jobs if job.done.is_set()]
        for job in finished:
            self._on_copy_finished(job)
        path = self.current_file()
        return path if self.last_error is None and path is not None and path.exists() else None

    def wait(self, msecs: int = 60_000) -> bool:
        """Wait for copies being written (tests, closing); True when none is left."""
        return self._pool.waitForDone(msecs)

    def _on_copy_finished(self, job: _CopyJob) -> None:
        if job not in self._jobs:
            return
        self._jobs.remove(job)
        if job.cancelled:
            return
        self.last_error = job.error
        if job.error is not None:
            self._copied = -1  # try again on the next turn of the timer

    def discard_current(self) -> None:
        """Delete the open project's copy (after a save or a normal close)."""
        self.timer.stop()
        session = self._session
        if session is None:
            return
        current = session.property(_ID_PROPERTY)
        if isinstance(current, str) and current:
            folder = autosave_dir()
            with self._guard:
                for job in self._jobs:
                    if job.file.stem == current:
                        job.cancelled = True
                for suffix in (".studio", ".json"):
                    with contextlib.suppress(OSError):
                        (folder / f"{current}{suffix}").unlink()
            # The next copy gets a new name, and a new lock.
            session.setProperty(_ID_PROPERTY, None)
            lock = self._locks.pop(current, None)
            if lock is not None:
                lock.unlock()
        self._copied = -1


_DONE = threading.Event()
_DONE.set()
