"""The export, preferences and about dialogs, and the help actions, driven as a user would."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from studio.io.templates import TemplateLibrary
from studio.ui import files
from studio.ui._start import ui_language
from studio.ui.app import install_translators
from studio.ui.dialogs.about import bundled_fonts
from studio.ui.dialogs.export import FORMATS, ExportDialog, wait_for
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
JAR_NAME = ROOT / "examples" / "jar-name" / "design.json"


@pytest.fixture
def window(qapp, settings: Settings) -> Iterator[MainWindow]:
    """A main window with the file handling installed, showing the jar-name example."""
    win = MainWindow(settings, TemplateLibrary.default())
    files.install(win)
    assert win.open_path(JAR_NAME)  # type: ignore[attr-defined]
    yield win
    if win.session is not None:
        win.session.stack.set_clean()
    for child in win.findChildren(QDialog):
        child.close()
    win.close()
    win.deleteLater()
    QApplication.processEvents()


def export_dialog(window: MainWindow) -> ExportDialog:
    dialog = window.files.export_dialog()  # type: ignore[attr-defined]
    assert dialog is not None and dialog.isVisible()
    return dialog


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "partial" in p.name or p.name.endswith(".tmp"))


# -- export ----------------------------------------------------------------------------------------
def test_export_offers_each_format_and_a_default_name(window):
    dialog = export_dialog(window)
    assert [f.id for f in FORMATS][:3] == ["pdf", "svg", "png"]
    assert dialog.format_id == "pdf"
    assert dialog.output_path() == JAR_NAME.parent / "jar-name.pdf"
    dialog.set_format("png")
    assert dialog.output_path() == JAR_NAME.parent / "jar-name-label.png"
    dialog.png_area.setCurrentIndex(dialog.png_area.findData("lid"))
    assert dialog.output_path().name == "jar-name-lid.png"


@pytest.mark.tools("qpdf")
def test_pdf_export_runs_in_the_worker_and_writes_a_valid_pdf(qtbot, tmp_path, window):
    dialog = export_dialog(window)
    dialog.pdf_marks.setChecked(True)
    dialog.pdf_cut.setChecked(True)
    target = tmp_path / "honey.pdf"
    dialog.set_output_path(target)
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.progress_box.isVisible() and not dialog.export_button.isEnabled()
        assert dialog.close_button.text() == "Cancel"
    assert signal.args == [target]
    check = subprocess.run(["qpdf", "--check", str(target)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert dialog.show_button.isVisible() and "honey.pdf" in dialog.result_label.text()
    assert leftovers(tmp_path) == []


def test_show_in_folder_opens_the_folder(qtbot, tmp_path, monkeypatch, window):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = export_dialog(window)
    dialog.set_format("svg")
    dialog.set_output_path(tmp_path / "label.svg")
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.start_export()
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]


def test_png_export_has_the_chosen_resolution(qtbot, tmp_path, window):
    dialog = export_dialog(window)
    dialog.set_format("png")
    dialog.png_dpi.setValue(150)
    dialog.png_area.setCurrentIndex(dialog.png_area.findData("lid"))
    assert dialog.png_size.text() == "413 × 413 pixels"  # 70 mm at 150 dpi
    target = tmp_path / "lid.png"
    dialog.set_output_path(target)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.start_export()
    with Image.open(target) as image:
        assert image.size == (413, 413)
        assert image.info["dpi"] == pytest.approx((150, 150), abs=0.05)  # pHYs counts dots per metre


def test_cancel_leaves_no_file_and_keeps_a_file_it_would_replace(qtbot, tmp_path, window):
    dialog = export_dialog(window)
    new = tmp_path / "new.pdf"
    dialog.set_output_path(new)
    job = dialog.start_export()
    assert job is not None
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # "Cancel" while running
    assert dialog.job is None and dialog.isVisible() and "cancelled" in dialog.result_label.text()
    assert wait_for(job)
    qtbot.waitUntil(lambda: not job.temp.exists())
    assert not new.exists() and leftovers(tmp_path) == []

    existing = tmp_path / "existing.pdf"
    existing.write_bytes(b"the user's own file")
    dialog.set_output_path(existing)
    assert dialog.replace_note.isVisibleTo(dialog)
    job = dialog.start_export()
    assert job is not None
    dialog.cancel_export()
    assert wait_for(job)
    qtbot.waitUntil(lambda: not job.temp.exists())
    assert existing.read_bytes() == b"the user's own file"
    assert leftovers(tmp_path) == []


def test_an_export_error_is_one_sentence_in_the_dialog(qtbot, tmp_path, window):
    dialog = export_dialog(window)
    dialog.set_output_path(tmp_path / "no such folder" / "x.pdf")
    assert dialog.start_export() is None
    message = dialog.result_label.text()
    assert "no such folder" in message and message.endswith(".") and "\n" not in message


def test_the_pdf_options_follow_the_dialog(window, settings):
    settings.units = "in"
    dialog = export_dialog(window)
    dialog.pdf_areas.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.pdf_template_bleed.setChecked(False)
    dialog.pdf_bleed.setValue(0.125)
    dialog.pdf_cmyk.setChecked(True)
    options = dialog.options()
    assert options.areas == ("label",) and options.bleed == pytest.approx(3.175) and options.cmyk
    dialog.pdf_areas.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()  # nothing to export


def test_choose_path_asks_with_a_save_dialog(monkeypatch, tmp_path, window):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "picked"), ""))
    dialog = export_dialog(window)
    dialog.set_format("svg")
    dialog.choose_path()
    assert dialog.output_path() == tmp_path / "picked.svg"
    dialog.set_format("pdf")  # the chosen name stays, with the format's suffix
    assert dialog.output_path() == tmp_path / "picked.pdf"


def test_mockup_export_when_available(qtbot, tmp_path, window):
    assert "mockup" in [f.id for f in FORMATS]
    dialog = export_dialog(window)
    dialog.set_format("mockup")
    dialog.mockup_size.setValue(400)
    target = tmp_path / "front.png"
    dialog.set_output_path(target)
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        dialog.start_export()
    with Image.open(target) as image:
        assert max(image.size) == 400


# -- preferences ------------------------------------------------------------------------------------
def test_preferences_store_units_language_folders_and_autosave(qtbot, tmp_path, window, settings):
    dialog = window.files.preferences_dialog()  # type: ignore[attr-defined]
    dialog.units.setCurrentIndex(dialog.units.findData("in"))
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.autosave.setValue(60)
    dialog.add_template_folder(tmp_path)
    try:
        with qtbot.waitSignal(dialog.applied) as signal:
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert signal.args[0] == {"units", "language", "template_folders", "autosave_seconds"}
        again = Settings(settings.path)
        assert again.units == "in" and again.language == "fr"
        assert again.autosave_seconds == 60 and again.template_folders == [tmp_path]
        assert ui_language() == "fr"  # applied at once, without a restart
    finally:
        install_translators(QApplication.instance(), "en")


def test_cancelled_preferences_change_nothing(window, settings):
    dialog = window.files.preferences_dialog()  # type: ignore[attr-defined]
    dialog.units.setCurrentIndex(dialog.units.findData("in"))
    dialog.reject()
    assert Settings(settings.path).units == "mm"


# -- help ------------------------------------------------------------------------------------------
def test_about_lists_the_bundled_fonts_and_their_licences(window):
    fonts = bundled_fonts()
    assert ("Lobster", "OFL 1.1") in [(family, licence) for family, licence, _source in fonts]
    dialog = window.files.about_dialog()  # type: ignore[attr-defined]
    text = dialog.licences.toPlainText()
    assert "Open Sans" in text and "Apache 2.0" in text
    assert "0.1" in dialog.version.text()


def test_the_guide_opens_in_the_interface_language(monkeypatch, window):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.action_registry["help.guide"].trigger()
    assert opened == [str(ROOT / "docs" / "user-guide.md")]
    try:
        install_translators(QApplication.instance(), "fr")
        window.action_registry["help.guide"].trigger()
        assert opened[-1] == str(ROOT / "docs" / "fr" / "guide.md")
    finally:
        install_translators(QApplication.instance(), "en")


def test_only_the_areas_with_a_design_are_ticked(window):
    dialog = export_dialog(window)
    ticked = {
        dialog.pdf_areas.item(i).data(Qt.ItemDataRole.UserRole): dialog.pdf_areas.item(i).checkState()
        for i in range(dialog.pdf_areas.count())
    }
    # jar-name designs the wrap-around label only: its lid page would be blank.
    assert ticked == {"label": Qt.CheckState.Checked, "lid": Qt.CheckState.Unchecked}
    dialog.close()
