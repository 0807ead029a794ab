"""Printing through the system's print dialog (QPrinter), always at true size.

A label printed at home must come out at its real size, or it will not fit its jar: pages are
drawn with one millimetre of the design on one millimetre of paper, centred on the sheet the
printer uses, never scaled to fit. What does not fit the paper is cut off by the printer, as a
ruler would show; the caller warns before that happens.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QTransform
from PySide6.QtPrintSupport import QPrinter

from studio.render.display import DisplayList
from studio.render.qt import draw_display_list

MM_PER_INCH = 25.4


def new_printer() -> QPrinter:
    """A printer set up for true-size output: full page (no margins added), high resolution."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    return printer


def set_paper(printer: QPrinter, width_mm: float, height_mm: float) -> None:
    """Ask the printer for paper of this size (an imposed sheet is made for a given paper)."""
    size = QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setPageLayout(layout)


def print_pages(printer: QPrinter, pages: Iterable[DisplayList]) -> int:
    """Draw each display list on a page of its own at true size, centred on the paper; returns the pages printed."""
    printer.setFullPage(True)
    painter = QPainter()
    count = 0
    try:
        for dl in pages:
            if count == 0:
                if not painter.begin(printer):
                    raise OSError("the printer could not be opened")
            elif not printer.newPage():
                raise OSError("the printer refused a new page")
            count += 1
            paper = printer.pageLayout().fullRect(QPageLayout.Unit.Millimeter)
            dots_per_mm = printer.resolution() / MM_PER_INCH
            # Centre the page's rectangle on the paper, in millimetres, then scale to device dots.
            ox = (paper.width() - dl.page.width) / 2 - dl.page.x
            oy = (paper.height() - dl.page.height) / 2 - dl.page.y
            painter.setWorldTransform(QTransform.fromScale(dots_per_mm, dots_per_mm).translate(ox, oy))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # What lies beyond the page (art running into a bleed that was not asked for) is not printed.
            painter.setClipRect(QRectF(dl.page.x, dl.page.y, dl.page.width, dl.page.height))
            draw_display_list(painter, dl, pixel_scale=dots_per_mm)
    finally:
        if painter.isActive():
            painter.end()
    return count


def fits(printer: QPrinter, dl: DisplayList) -> bool:
    """Whether ``dl``'s page fits the printer's paper either way up."""
    paper = printer.pageLayout().fullRect(QPageLayout.Unit.Millimeter)
    w, h = dl.page.width, dl.page.height
    return w <= paper.width() + 0.01 and h <= paper.height() + 0.01
