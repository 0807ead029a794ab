"""Printing through QPrinter at true size: 1 mm of design on 1 mm of paper, centred, never scaled to fit."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from PIL import Image
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog
from test_panels_support import jar_session

from studio.model.color import Color
from studio.model.geometry import Path, Rect
from studio.render.display import DisplayList, FillPath
from studio.ui.dialogs.print_sheet import PrintSheetDialog
from studio.ui.printing import new_printer, print_pages, set_paper


def ink_box(pdf, page: int = 1, dpi: int = 254) -> tuple[int, int, int, int, tuple[int, int]]:
    """Bounds (left, top, right, bottom; pixels at ``dpi``) of what is not white on a page, and its size."""
    out = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(pdf), str(out)], check=True
    )
    png = next(out.parent.glob(f"{out.name}-*{page}.png"))
    with Image.open(png) as im:
        a = np.asarray(im.convert("L"))
    ys, xs = np.nonzero(a < 200)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1, (a.shape[1], a.shape[0])


def pdf_printer(path) -> QPrinter:
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_a_page_prints_at_true_size_centred(tmp_path):
    dl = DisplayList("a", Rect(0, 0, 100, 50), Rect(0, 0, 100, 50))
    dl.items.append(FillPath(Path.rectangle(0, 0, 100, 50), Color(hex="#000000")))
    printer = pdf_printer(tmp_path / "out.pdf")
    set_paper(printer, 210, 297)
    assert print_pages(printer, [dl, dl]) == 2
    left, top, right, bottom, size = ink_box(tmp_path / "out.pdf")  # 10 pixels a millimetre
    assert size == (pytest.approx(2100, abs=1), pytest.approx(2970, abs=1))
    assert (right - left, bottom - top) == (pytest.approx(1000, abs=2), pytest.approx(500, abs=2))
    assert (left, top) == (pytest.approx(550, abs=2), pytest.approx(1235, abs=2))


@pytest.fixture
def editor(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(window, "confirm_discard", lambda: True)
    window.show()
    window.open_session(jar_session())
    QApplication.processEvents()
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    return window, errors


def _print_dialog_answers(monkeypatch, target, *, landscape: bool = False) -> None:
    """The system print dialog, answered: print to a PDF file (and turn the paper if asked)."""

    def exec_(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        if landscape:
            printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)


def test_file_print_refuses_to_shrink_and_prints_at_true_size(editor, monkeypatch, tmp_path):
    window, errors = editor
    target = tmp_path / "printed.pdf"
    _print_dialog_answers(monkeypatch, target)
    window.action_registry["file.print"].trigger()
    # The jar label is 236 mm wide: it does not fit portrait A4 or Letter, and is not shrunk to.
    assert errors and "larger than the paper chosen" in errors[0]
    assert not target.exists()
    _print_dialog_answers(monkeypatch, target, landscape=True)
    window.action_registry["file.print"].trigger()
    assert target.exists()
    left, top, right, bottom, size = ink_box(target, dpi=127)  # 5 pixels a millimetre
    assert size[0] > size[1]  # landscape
    # The label's art covers its whole trim (a background colour): 236 × 90 mm.
    assert (right - left, bottom - top) == (pytest.approx(1180, abs=3), pytest.approx(450, abs=3))


def test_print_sheet_prints_each_sheet_on_its_paper(editor, monkeypatch, tmp_path):
    window, _errors = editor
    window.action_registry["file.print_sheet"].trigger()
    dialog = window.findChild(PrintSheetDialog)
    try:
        dialog.sheet.setCurrentText("a3")
        dialog.copies.setValue(6)
        dialog.update_preview()
        target = tmp_path / "sheets.pdf"
        _print_dialog_answers(monkeypatch, target)
        assert dialog.print_sheets() == 2
        # Qt gives A3 as 842 × 1191 points (whole points): within half a millimetre of 297 × 420 mm.
        left, _top, right, _bottom, size = ink_box(target, dpi=50)
        assert size == (pytest.approx(297 / 25.4 * 50, abs=2), pytest.approx(420 / 25.4 * 50, abs=2))
        # Four labels of 236 × 90 mm (3 mm bleed) centred on the sheet: the art spans 242 mm across.
        assert right - left == pytest.approx(242 / 25.4 * 50, abs=3)
    finally:
        dialog.close()
