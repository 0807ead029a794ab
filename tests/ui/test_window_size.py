"""The main window fits a 1366 x 768 screen, in English and in French, on the start page and editing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from studio.ui.app import install_translators
from studio.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
MAX_MIN_WIDTH = 1280
"""The narrowest window must leave room on a 1366 px screen (window frame, a docked taskbar)."""


@pytest.fixture(params=["en", "fr"])
def language(request) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translators(app, request.param) == request.param
    try:
        yield request.param
    finally:
        install_translators(app, "en")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "jar-name"
    shutil.copytree(ROOT / "examples" / "jar-name", folder)
    return folder / "design.json"


def _settle(window: MainWindow) -> None:
    for _ in range(3):
        QApplication.processEvents()
    window.layout().activate()


def test_start_page_fits_a_small_screen(make_window, language) -> None:
    window = make_window()
    window.show()
    _settle(window)
    assert window.session is None
    assert window.minimumSizeHint().width() <= MAX_MIN_WIDTH
    assert window.pages.currentWidget().minimumSizeHint().width() <= MAX_MIN_WIDTH


def test_editor_fits_a_small_screen(make_window, language, project) -> None:
    window = make_window()
    window.show()
    window.open_path(project)
    _settle(window)
    assert window.session is not None
    assert window.minimumSizeHint().width() <= MAX_MIN_WIDTH
    # Every layer kind shows its own Properties sections: none of them may widen the window.
    for layer in window.session.design.area(window.session.area_id).layers:
        window.session.select([layer.id])
        _settle(window)
        assert window.minimumSizeHint().width() <= MAX_MIN_WIDTH, layer.kind


def test_canvas_keeps_room_at_1366_by_768(make_window, language, project) -> None:
    window = make_window()
    window.resize(1366, 768)
    window.show()
    window.open_path(project)
    _settle(window)
    assert window.width() <= 1366
    editor = window.pages.currentWidget()
    assert editor is not window.pages.widget(0)
    assert editor.view.viewport().width() >= 500


def test_start_page_chips_wrap_when_narrow(make_window) -> None:
    window = make_window()
    window.resize(900, 700)
    window.show()
    _settle(window)
    start = window.pages.widget(0)
    chips = [chip for chip in start.findChildren(QPushButton, "chip") if chip.isVisible()]
    assert len(chips) > 1
    assert len({chip.y() for chip in chips}) > 1, "the chips should wrap onto more lines"
    for chip in chips:  # none hidden under the search box or the recent projects
        assert chip.geometry().right() < start.search.x()
        assert chip.geometry().right() < start.sidebar.x()
