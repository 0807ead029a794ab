"""Fixtures for the panel tests: a main window with the panels installed, on isolated settings.

The window holds only the panels (not the canvas or the preview), so that these tests exercise
the panels alone; the full window is covered by test_window.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from studio.export.document import open_document  # noqa: F401 - loads the export stack like the app does
from studio.io.assets import AssetStore
from studio.io.project import Project, load_project, new_design
from studio.io.templates import TemplateLibrary
from studio.ui import panels
from studio.ui.main_window import MainWindow
from studio.ui.session import EditorSession
from studio.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def jar_session() -> EditorSession:
    project = load_project(ROOT / "examples" / "jar-name" / "design.json", TemplateLibrary.default())
    return EditorSession(project)


def sneaker_session() -> EditorSession:
    template = TemplateLibrary.default().get("sneaker-low")
    return EditorSession(Project(new_design(template), template, AssetStore(), None))


@pytest.fixture
def panel_window(qtbot, tmp_path: Path) -> Iterator[Callable[[EditorSession], MainWindow]]:
    """Open a session in a window with the panels; fail if a top-level widget is left open."""
    before = {id(w) for w in QApplication.topLevelWidgets()}
    windows: list[MainWindow] = []

    def make(session: EditorSession) -> MainWindow:
        window = MainWindow(Settings(tmp_path / "settings.ini"), TemplateLibrary.default())
        panels.install(window)
        # Closed below rather than by qtbot, which closes widgets before fixtures are torn down and
        # would meet the "save changes?" question of a test that leaves edits behind.
        window.show()
        window.open_session(session)
        QApplication.processEvents()
        windows.append(window)
        return window

    yield make
    for window in windows:
        QApplication.processEvents()  # a pending edit commits before the session is marked clean
        window.docks["preflight"].widget().wait()
        if window.session is not None:
            window.session.stack.set_clean()
        window.close()
        window.deleteLater()
    QApplication.processEvents()
    leaked = [
        w
        for w in QApplication.topLevelWidgets()
        if id(w) not in before and w.isVisible() and not isinstance(w, MainWindow)
    ]
    assert not leaked, f"top-level widgets left open: {leaked}"


def panel(window: MainWindow, dock_id: str) -> QWidget:
    """The content of a dock, brought to the front of its tab group."""
    dock = window.docks[dock_id]
    dock.raise_()
    QApplication.processEvents()
    return dock.widget()


def centre(widget: QWidget) -> QPoint:
    return widget.rect().center()


def save_picture(widget: QWidget, path: Path) -> None:
    """Grab ``widget`` as a PNG (looked at while developing; kept for failed-test reports)."""
    QApplication.processEvents()  # pending layouts first
    picture = widget.grab()
    assert not picture.isNull()
    assert picture.save(str(path))


LEFT = Qt.MouseButton.LeftButton
