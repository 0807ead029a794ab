"""Fixtures for editor tests: a main window on isolated settings, and a check for leaked windows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from studio.ui.app import build_window
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, settings) -> Iterator:
    """Build main windows; fail the test if a top-level widget outlives them."""
    before = {id(w) for w in QApplication.topLevelWidgets()}
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = build_window(settings)
        # qtbot closes its widgets before fixtures are torn down: a test that failed with edits
        # must not leave a "save changes?" question waiting forever.
        qtbot.addWidget(window, before_close_func=lambda w: w.session and w.session.stack.set_clean())
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.session is not None:
            window.session.stack.set_clean()  # no "save changes?" question while tearing down
        window.close()
    QApplication.processEvents()
    leaked = [
        w
        for w in QApplication.topLevelWidgets()
        if id(w) not in before and w.isVisible() and not isinstance(w, MainWindow)
    ]
    assert not leaked, f"top-level widgets left open: {leaked}"
