"""The main window's skeleton: menus from the action list, sessions, titles, undo labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence

from studio.commands import MoveLayers
from studio.export.document import open_document  # noqa: F401 - loads the export stack like the app does
from studio.io.project import load_project
from studio.io.templates import TemplateLibrary
from studio.ui.actions import ACTIONS
from studio.ui.session import EditorSession

ROOT = Path(__file__).resolve().parents[2]


def session_for(example: str) -> EditorSession:
    project = load_project(ROOT / "examples" / example / "design.json", TemplateLibrary.default())
    return EditorSession(project)


def test_every_shortcut_is_defined_once(make_window):
    window = make_window()
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        for key in window.action_registry[spec.id].shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{text} is used by {seen[text]} and {spec.id}"
            seen[text] = spec.id
    assert seen["Ctrl+D"] == "edit.duplicate" and seen["Ctrl+G"] == "arrange.group"
    assert seen["Ctrl+Shift+Z"] == "edit.redo"


def test_session_title_modified_marker_and_undo_labels(make_window):
    window = make_window()
    session = session_for("jar-name")
    window.open_session(session)
    assert window.windowTitle() == "jar-name[*] — Studio"
    assert not window.isWindowModified()
    layer_id = session.layers()[-1].id
    session.push(MoveLayers([layer_id], 5, 0))
    assert window.isWindowModified()
    assert window.action_registry["edit.undo"].isEnabled()
    assert window.action_registry["edit.undo"].text() == "&Undo Move"
    window.action_registry["edit.undo"].trigger()
    assert not window.isWindowModified()
    assert window.action_registry["edit.redo"].text() == "&Redo Move"
    assert not window.action_registry["edit.undo"].isEnabled()


def test_unexpected_errors_become_a_sentence_and_a_log(make_window, monkeypatch, tmp_path):
    import sys

    from studio.ui.app import install_error_handler

    window = make_window()
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_error_handler(window)
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert len(shown) == 1 and "ZeroDivisionError" in shown[0] and "studio.log" in shown[0]
    from studio.resources import user_dir

    log = (user_dir() / "logs" / "studio.log").read_text()
    assert "Traceback" in log and "division by zero" in log
