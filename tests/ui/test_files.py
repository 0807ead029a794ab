"""Files in the editor: start page, new/open/save, recent files, drops, autosave and recovery."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile, QMimeData, QPoint, QPointF, QSysInfo, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from studio.commands import MoveLayers, SetVariable
from studio.io.project import load_project
from studio.io.templates import TemplateLibrary
from studio.ui import files
from studio.ui._autosave import autosave_dir, list_autosaves, write_autosave
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
JAR_NAME = ROOT / "examples" / "jar-name" / "design.json"


@pytest.fixture
def window(qtbot, settings: Settings) -> Iterator[MainWindow]:
    """A main window with the file handling installed (and only that, to test it on its own)."""
    win = MainWindow(settings, TemplateLibrary.default())
    files.install(win)
    yield win
    if win.session is not None:
        win.session.stack.set_clean()  # no "save changes?" question while tearing down
    for child in win.findChildren(QDialog):
        child.close()
    win.close()
    win.deleteLater()
    QApplication.processEvents()


def controller(window: MainWindow) -> files.FileController:
    return window.files  # type: ignore[attr-defined,no-any-return]


def ask_save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the Save As dialog with ``path``; returns the proposed names it was shown."""
    proposed: list[str] = []

    def answer(_parent: Any, _caption: str, directory: str, _filter: str) -> tuple[str, str]:
        proposed.append(directory)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return proposed


def without_assets(value: Any) -> Any:
    """A design dump with asset references dropped (saving renames them to content hashes)."""
    if isinstance(value, dict):
        return {k: without_assets(v) for k, v in value.items() if k != "asset"}
    if isinstance(value, list):
        return [without_assets(v) for v in value]
    return value


def moved(window: MainWindow) -> None:
    """Make a change, as a user would (add a line of text to a blank design, or move a layer)."""
    session = window.session
    assert session is not None
    if session.layers():
        session.push(MoveLayers([session.layers()[-1].id], 5, 0))
    else:
        session.add_text("Hello")


# -- start page ------------------------------------------------------------------------------------
def test_start_page_lists_the_installed_products(window):
    page = controller(window).start_page
    assert window.pages.currentWidget() is page
    shown = [t.id for t in page.visible_products()]
    assert shown == [t.id for t in window.library.all()]
    assert {"jar-500", "tshirt-unisex", "mug-11oz"} <= set(shown)


def test_category_chips_and_search_narrow_the_gallery(qtbot, window):
    page = controller(window).start_page
    qtbot.mouseClick(page._chip_buttons["jars"], Qt.MouseButton.LeftButton)
    assert {t.product.category for t in page.visible_products()} == {"jars"}
    assert "jar-500" in [t.id for t in page.visible_products()]

    qtbot.mouseClick(page._chip_buttons[""], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.search, "mug")
    assert sorted(t.id for t in page.visible_products()) == ["mug-11oz", "mug-15oz"]

    page.search.clear()
    qtbot.keyClicks(page.search, "no such product")
    assert page.visible_products() == []
    assert page.no_match.isVisibleTo(page) and not page.grid.isVisibleTo(page)


def test_clicking_the_jar_card_opens_a_new_project_on_it(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    page = controller(window).start_page
    index = page.product_index("jar-500")
    rect = page.grid.visualRect(index)
    assert rect.isValid()
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    session = window.session
    assert session is not None and session.template.id == "jar-500"
    assert session.path is None and not session.is_modified
    assert window.pages.currentWidget() is not page
    assert window.windowTitle() == "Straight jar 500 ml[*] — Studio"


def test_a_product_opens_from_the_keyboard(qtbot, window):
    page = controller(window).start_page
    page.set_category("drinkware")
    page.grid.setFocus()
    page.grid.setCurrentIndex(page.product_index("mug-11oz"))
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    assert window.session is not None and window.session.template.id == "mug-11oz"


def test_new_returns_to_the_start_page(window):
    controller(window).open_path(JAR_NAME)
    assert window.session is not None
    window.action_registry["file.new"].trigger()
    assert window.session is None
    assert window.pages.currentWidget() is controller(window).start_page


# -- open and save ---------------------------------------------------------------------------------
def test_save_writes_a_project_that_reads_back_the_same(tmp_path, monkeypatch, window):
    assert window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    session = window.session
    assert session is not None
    target = tmp_path / "x.studio"
    proposed = ask_save_as(monkeypatch, target)
    window.action_registry["file.save"].trigger()  # a design.json is saved as a .studio: Save As
    assert proposed == [str(JAR_NAME.parent / "jar-name.studio")]
    assert target.is_file() and session.path == target and not session.is_modified
    again = load_project(target, TemplateLibrary.default())
    original = load_project(JAR_NAME, TemplateLibrary.default())
    assert without_assets(again.design.model_dump()) == without_assets(original.design.model_dump())
    assert window.windowTitle() == "x[*] — Studio"


def test_save_as_changes_the_title_and_save_keeps_the_file(tmp_path, monkeypatch, window):
    page = controller(window).start_page
    page.product_chosen.emit(window.library.get("jar-500"))
    ask_save_as(monkeypatch, tmp_path / "first")  # the suffix is added
    window.action_registry["file.save_as"].trigger()
    assert window.windowTitle() == "first[*] — Studio"
    ask_save_as(monkeypatch, tmp_path / "second.studio")
    window.action_registry["file.save_as"].trigger()
    assert window.windowTitle() == "second[*] — Studio"
    moved(window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: pytest.fail("no dialog for a saved project"))
    window.action_registry["file.save"].trigger()
    assert not window.isWindowModified()
    assert (tmp_path / "first.studio").is_file() and (tmp_path / "second.studio").is_file()


def test_opening_a_broken_file_says_one_sentence_and_keeps_the_project(tmp_path, monkeypatch, window):
    assert window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    session = window.session
    broken = tmp_path / "broken.studio"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    assert not window.open_path(broken)  # type: ignore[attr-defined]
    assert window.session is session
    assert len(errors) == 1
    message = errors[0]
    assert "broken.studio" in message and "\n" not in message and message.endswith(".")
    assert "Traceback" not in message


def test_opening_a_missing_recent_file_takes_it_off_the_list(tmp_path, monkeypatch, window, settings):
    gone = tmp_path / "gone.studio"
    settings.add_recent(gone)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    controller(window).start_page.recent_chosen.emit(gone)
    assert errors and "gone.studio" in errors[0]
    assert gone.resolve() not in settings.recent_files


def test_recent_files_update_survive_a_restart_and_clear(tmp_path, monkeypatch, window, settings):
    target = tmp_path / "honey.studio"
    window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    ask_save_as(monkeypatch, target)
    window.action_registry["file.save"].trigger()
    menu = window.menu("recent")
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert labels[0] == "&1 honey.studio" and labels[1] == "&2 jar-name/design.json"
    assert Settings(settings.path).recent_files[:2] == [target.resolve(), JAR_NAME.resolve()]
    page = controller(window).start_page
    assert [page.recent_model.item(r).text() for r in range(page.recent_model.rowCount())][:2] == ["honey", "jar-name"]

    clear = next(a for a in menu.actions() if a.objectName() == "recent.clear")
    clear.trigger()
    assert Settings(settings.path).recent_files == []
    assert page.recent_model.rowCount() == 0 and page.no_recent.isVisibleTo(page)


def test_recent_menu_opens_a_file(window):
    window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    window.action_registry["file.close"].trigger()
    assert window.session is None
    entry = next(a for a in window.menu("recent").actions() if "jar-name" in a.text())
    entry.trigger()
    assert window.session is not None and window.session.path == JAR_NAME


def test_dropping_a_project_file_opens_it(qtbot, window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(JAR_NAME))])
    enter = QDragEnterEvent(
        QPoint(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: window.session is not None)
    assert window.session.path == JAR_NAME


def test_other_dropped_files_are_left_alone(window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ROOT / "examples" / "jar-name" / "photo.jpg"))])
    assert files.project_files(mime) == []


# -- autosave and recovery -------------------------------------------------------------------------
def test_a_change_starts_the_autosave_timer_and_the_copy_holds_the_change(window, settings):
    window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    autosaver = controller(window).autosaver
    assert not autosaver.timer.isActive()
    session = window.session
    assert session is not None
    session.push(SetVariable("name", "Margaux"))
    assert autosaver.timer.isActive() and autosaver.timer.interval() == settings.autosave_seconds * 1000

    copy = autosaver.autosave_now()  # what the timer does when it fires
    assert copy is not None and copy.parent == autosave_dir() and copy.is_file()
    assert JAR_NAME.read_bytes().count(b"Margaux") == 0  # the user's own file is untouched
    assert load_project(copy, TemplateLibrary.default()).design.variables["name"] == "Margaux"
    assert copy.with_suffix(".json").is_file()
    assert list_autosaves() == []  # owned by this window: nothing to recover

    moved(window)
    assert autosaver.timer.isActive()  # the next change starts the timer again


def test_saving_deletes_the_recovery_copy(tmp_path, monkeypatch, window):
    window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    moved(window)
    copy = controller(window).autosaver.autosave_now()
    assert copy is not None and copy.exists()
    ask_save_as(monkeypatch, tmp_path / "kept.studio")
    window.action_registry["file.save"].trigger()
    assert not copy.exists() and not copy.with_suffix(".json").exists()
    assert not controller(window).autosaver.timer.isActive()


def test_closing_without_saving_deletes_the_recovery_copy(monkeypatch, window):
    window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    moved(window)
    copy = controller(window).autosaver.autosave_now()
    assert copy is not None and copy.exists()
    monkeypatch.setattr(window, "confirm_discard", lambda: True)  # "Don't Save"
    window.action_registry["file.close"].trigger()
    assert window.session is None and not copy.exists()


def test_a_leftover_copy_is_offered_and_recovered_modified(qtbot, tmp_path, window):
    # What a crash leaves: a copy nobody owns, of a project saved as honey.studio, with a change.
    project = load_project(JAR_NAME, TemplateLibrary.default())
    original = tmp_path / "honey.studio"
    project.path = original
    project.design.variables["name"] = "Léa"
    write_autosave(project, autosave_id="leftover", title="honey")
    found = list_autosaves()
    assert [(a.id, a.original, a.title) for a in found] == [("leftover", original, "honey")]

    dialog = controller(window).offer_recovery()
    assert dialog is not None and dialog.list.count() == 1
    qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session is not None and session.is_modified
    assert session.path == original and session.title == "honey"
    assert session.design.variables["name"] == "Léa"
    assert window.isWindowModified()

    session.save()  # to its original file
    assert original.is_file() and list_autosaves() == []
    assert not (autosave_dir() / "leftover.studio").exists()


def test_discarding_a_leftover_copy_deletes_it(qtbot, window):
    project = load_project(JAR_NAME, TemplateLibrary.default())
    project.path = None
    write_autosave(project, autosave_id="new-0123", title="Straight jar 500 ml")
    dialog = controller(window).offer_recovery()
    assert dialog is not None
    assert "never saved" in dialog.list.item(0).text()
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert list_autosaves() == [] and not dialog.isVisible()
    assert window.session is None


def test_the_first_show_offers_recovery(qtbot, window):
    project = load_project(JAR_NAME, TemplateLibrary.default())
    write_autosave(project, autosave_id="crash", title="jar-name")
    window.show()
    qtbot.waitUntil(lambda: controller(window).recovery_offered)
    dialog = controller(window)._dialogs["recovery"]
    assert dialog.isVisible()
    dialog.reject()  # decide later: the copy stays
    assert [a.id for a in list_autosaves()] == ["crash"]


def test_no_copy_when_autosave_is_off(window, settings):
    settings.autosave_seconds = 0
    window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    moved(window)
    assert not controller(window).autosaver.timer.isActive()


def test_quitting_without_saving_deletes_the_recovery_copy(monkeypatch, window):
    window.open_path(JAR_NAME)  # type: ignore[attr-defined]
    moved(window)
    copy = controller(window).autosaver.autosave_now()
    assert copy is not None and copy.exists()
    monkeypatch.setattr(window, "confirm_discard", lambda: False)  # "Cancel": the window stays
    assert not window.close()
    assert copy.exists()
    monkeypatch.setattr(window, "confirm_discard", lambda: True)  # "Don't Save"
    assert window.close()
    assert not copy.exists()


def test_a_copy_locked_by_a_running_studio_is_not_offered(qtbot):
    project = load_project(JAR_NAME, TemplateLibrary.default())
    write_autosave(project, autosave_id="busy", title="jar-name")
    write_autosave(project, autosave_id="dead", title="jar-name")
    held = QLockFile(str(autosave_dir() / "busy.lock"))  # another window still editing it
    assert held.tryLock(0)
    # A lock left by a process that no longer runs does not hide its copy.
    (autosave_dir() / "dead.lock").write_text(f"{2**22 + 12345}\nstudio\n{QSysInfo.machineHostName()}\n")
    try:
        assert [a.id for a in list_autosaves()] == ["dead"]
    finally:
        held.unlock()
    assert sorted(a.id for a in list_autosaves()) == ["busy", "dead"]


def test_the_application_window_has_the_start_page_and_opens_products(qtbot, make_window):
    window = make_window()  # every part of the editor installed, as the application builds it
    assert isinstance(window.files, files.FileController)  # type: ignore[attr-defined]
    page = window.files.start_page  # type: ignore[attr-defined]
    assert window.pages.currentWidget() is page
    page.product_chosen.emit(window.library.get("jar-500"))
    assert window.session is not None and window.session.template.id == "jar-500"
    window.action_registry["file.close"].trigger()
    assert window.pages.currentWidget() is page
