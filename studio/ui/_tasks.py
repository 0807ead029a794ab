"""Expensive work (opening a project, importing a file) in a worker thread, with progress and Cancel.

:func:`run_in_background` hands ``work`` to a worker thread and keeps the GUI thread's event loop
turning until it is done: the window repaints, timers fire (autosave among them), and after a
short delay a window-modal progress dialog offers Cancel. The caller gets the result as if the
call had been made directly, which keeps every caller (menus, drops, the command line's
``studio PROJECT``, tests) simple.

Cancelling returns at once; the worker finishes in the background and its result is thrown
away, so ``work`` must not change anything the user sees (it prepares; the caller applies).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

T = TypeVar("T")

SHOW_AFTER_MS = 400
"""Work that ends sooner shows no progress dialog at all."""

_STACK_BYTES = 64 * 2**20
"""Room for libraries that recurse deeply (cairosvg on nested drawings) to fail with an
exception rather than overflow a thread's default stack."""


class TaskCancelled(Exception):
    """The user pressed Cancel; nothing was changed."""


class ProgressDialog(QDialog):
    """What is being done, a busy bar and Cancel (window-modal: the window still repaints)."""

    cancelled = Signal()

    def __init__(self, label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("taskProgress")
        self.setWindowTitle(QCoreApplication.translate("Tasks", "Studio"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the libraries doing the work do not report how far they are
        self.cancel_button = QPushButton(QCoreApplication.translate("Tasks", "Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.setMinimumWidth(360)

    def reject(self) -> None:
        self.cancelled.emit()
        super().reject()


class _Signals(QObject):
    finished = Signal()


class _Task(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[], T], after: threading.Event | None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.after = after
        self.result: T | None = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.done = threading.Event()
        self.signals = _Signals()

    def run(self) -> None:
        _current.task = self
        try:
            if self.after is not None:
                self.after.wait()  # e.g. the recovery copy, before anything that could crash
            self.result = self.work()
        except BaseException as error:  # carried to the GUI thread and raised there
            self.error = error
        finally:
            self.done.set()
            with contextlib.suppress(RuntimeError):  # the caller is gone
                self.signals.finished.emit()


_current = threading.local()


def cancelled() -> bool:
    """Whether the user cancelled the task running in this thread (work may stop early)."""
    task = getattr(_current, "task", None)
    return task is not None and task.cancelled


_POOL: QThreadPool | None = None
_RUNNING: set[_Task[object]] = set()
"""Tasks still running after a cancel, kept alive until they end."""


def pool() -> QThreadPool:
    """The pool background tasks run in (its threads have a large stack)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setStackSize(_STACK_BYTES)
        _POOL.setMaxThreadCount(2)
    return _POOL


def run_in_background(
    parent: QWidget | None,
    label: str,
    work: Callable[[], T],
    *,
    after: threading.Event | None = None,
) -> T:
    """Run ``work`` in a worker thread while the event loop keeps turning; return its result.

    Parameters
    ----------
    parent
        The window the progress dialog belongs to.
    label
        What is being done, for the progress dialog ("Opening “honey.studio”…").
    work
        The work; it must only prepare (see the module's docstring).
    after
        An event the worker waits for before it starts ``work``.

    Raises
    ------
    TaskCancelled
        The user cancelled.
    BaseException
        Whatever ``work`` raised, raised again in the calling thread.
    """
    task: _Task[T] = _Task(work, after)
    loop = QEventLoop()
    task.signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog = ProgressDialog(label, parent)
    stopped = False

    def cancel() -> None:
        nonlocal stopped
        stopped = True
        task.cancelled = True  # seen by cancelled() in the worker
        loop.quit()

    dialog.cancelled.connect(cancel)
    show_later = QTimer()
    show_later.setSingleShot(True)
    show_later.timeout.connect(dialog.show)
    _RUNNING.add(task)  # type: ignore[arg-type]
    task.signals.finished.connect(lambda: _RUNNING.discard(task))
    pool().start(task)
    if not task.done.is_set():
        show_later.start(SHOW_AFTER_MS)
        while not task.done.is_set() and not stopped:
            loop.exec()
    show_later.stop()
    dialog.cancelled.disconnect(cancel)
    dialog.hide()
    dialog.deleteLater()
    if stopped and not task.done.is_set():
        raise TaskCancelled
    if task.error is not None:
        raise task.error
    return task.result  # type: ignore[return-value]


def wait_for_tasks(msecs: int = 30_000) -> bool:
    """Wait for tasks still running (tests, closing); True when none is left."""
    return pool().waitForDone(msecs)
