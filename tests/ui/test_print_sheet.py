"""File ▸ Print Sheet…: a sheet named as on the command line, a preview, and the PDF written off the GUI thread."""

from __future__ import annotations

import pikepdf
import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from test_panels_support import jar_session

from studio.ui.dialogs.print_sheet import PrintSheetDialog


@pytest.fixture
def dialog(make_window, monkeypatch, qtbot):
    window = make_window()
    monkeypatch.setattr(window, "confirm_discard", lambda: True)
    window.show()
    session = jar_session()
    window.open_session(session)
    QApplication.processEvents()
    window.action_registry["file.print_sheet"].trigger()
    found = window.findChild(PrintSheetDialog)
    assert found is not None and found.isVisible()
    yield found
    found.close()


def _ask(dialog: PrintSheetDialog, name: str) -> None:
    dialog.sheet.setCurrentText(name)
    dialog.update_preview()


def test_a3_preview_and_pdf(dialog, qtbot, tmp_path, monkeypatch):
    # The jar label (236 × 90 mm, 3 mm bleed) on A3: four copies.
    _ask(dialog, "a3")
    assert dialog.problem.text() == ""
    assert "4 copies on 1 sheet(s) of a3" in dialog.summary.text()
    pixmap = dialog.preview.pixmap()
    assert not pixmap.isNull()
    assert pixmap.height() == 420 and pixmap.width() == round(420 * 297 / 420)
    # The preview shows the label's art: a pixel inside the first copy is not paper white.
    image = pixmap.toImage()
    placement = dialog.imposition.placements[0]
    px = 420 / 420  # pixels per mm
    inside = image.pixelColor(round((placement.x + 150) * px), round((placement.y + 45) * px))
    assert inside.name() != "#ffffff"

    dialog.marks.setCurrentIndex(dialog.marks.findData("items"))
    dialog.cut_line.setChecked(True)
    dialog.copies.setValue(6)
    dialog.update_preview()
    assert "6 copies on 2 sheet(s) of a3" in dialog.summary.text()

    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "labels.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.choose_and_save()
    with pikepdf.open(target) as pdf:
        assert len(pdf.pages) == 2
        draws = [sum(1 for _ops, op in pikepdf.parse_content_stream(p) if str(op) == "Do") for p in pdf.pages]
        assert draws == [4, 2]
        assert [float(v) for v in pdf.pages[0].TrimBox] == pytest.approx([0, 0, 841.89, 1190.55], abs=0.01)
    assert [p.name for p in target.parent.iterdir()] == ["labels.pdf"]  # no partial file left


def test_an_unknown_or_too_small_sheet_is_explained(dialog):
    _ask(dialog, "a44")
    assert "unknown sheet 'a44'; did you mean a4?" in dialog.problem.text()
    assert not dialog.save_button.isEnabled()
    _ask(dialog, "Avery L7160")
    assert "the design is 236 × 90 mm but the labels of Avery 7160 are 63.99 × 38.1 mm" in dialog.problem.text()
    _ask(dialog, "a4")
    assert dialog.problem.text() == "" and dialog.save_button.isEnabled()
