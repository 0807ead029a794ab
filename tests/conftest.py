"""Test-wide settings: headless Qt, isolated user folders."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

import pytest


@pytest.fixture(scope="session", autouse=True)
def _application() -> Iterator[object]:
    """One QApplication for the whole run, made first.

    Renderers create a bare QGuiApplication when none exists (the command line has no widgets);
    widget tests in the same process need a full QApplication, so it must come first.
    """
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from studio.ui.app import wait_for_workers

    app = QApplication.instance() or QApplication([])
    yield app
    # Tear Qt down in order while the interpreter is still whole: background jobs first, then every
    # window, so that nothing is left for Python's own shutdown to destroy in the wrong order.
    wait_for_workers()
    # The clipboard owns what was copied; emptying it now spares a double delete at exit.
    QApplication.clipboard().clear()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()
    wait_for_workers()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep user fonts, settings and autosaves of the machine out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("STUDIO_USER_DIR", str(home))
    monkeypatch.delenv("STUDIO_TEMPLATE_PATH", raising=False)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "tools(*names): the test fails unless these checker tools are installed")


def pytest_runtest_setup(item: pytest.Item) -> None:
    from requirements import require_tools

    for marker in item.iter_markers("tools"):
        require_tools(*marker.args)
