"""What every panel shares: following the window's session, and the user interface language."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QObject, SignalInstance
from PySide6.QtWidgets import QWidget

from studio.ui.session import EditorSession


def ui_language() -> str:
    """The two-letter code of the language the interface is shown in (``en``, ``fr``)."""
    return QLocale().name().split("_")[0] or "en"


class SessionPanel(QWidget):
    """A dock's content that follows one :class:`EditorSession` at a time.

    Subclasses call :meth:`listen` in :meth:`attach` for each session signal they need; the
    connections are dropped when another session (or none) is set.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: EditorSession | None = None
        self._connections: list[tuple[SignalInstance, Callable[..., Any]]] = []

    @property
    def session(self) -> EditorSession | None:
        return self._session

    def set_session(self, session: EditorSession | None) -> None:
        """Follow ``session`` (None when no project is open)."""
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):  # the session may already be gone
                signal.disconnect(slot)
        self._connections = []
        self._session = session
        if session is not None:
            self.attach(session)
        self.refresh()

    def listen(self, signal: SignalInstance, slot: Callable[..., Any]) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def attach(self, session: EditorSession) -> None:
        """Connect to ``session``'s signals (override)."""

    def refresh(self) -> None:
        """Show the session's current state (override)."""


def owner_alive(obj: QObject) -> bool:
    """Whether the C++ side of ``obj`` still exists (a queued result may outlive its panel)."""
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True
