"""File ▸ Print Sheet…: copies of one print area on a paper, a roll or a label sheet, with a preview.

The dialog names a sheet as ``--sheet`` does (``a4``, ``300x450mm``, ``22in-roll``, ``Avery L7160``),
shows the first sheet as it will print (crop marks and cut lines included) with how many sheets
the copies take and how much paper is waste, and writes the PDF through the same exporter as
``studio export --sheet``, off the GUI thread, with the export dialog's worker (no partial file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QStringListModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.export.document import document_for
from studio.export.imposition import SheetOptions, export_sheet_pdf, sheet_with_marks
from studio.io.project import Project
from studio.model.color import Color
from studio.model.errors import StudioError
from studio.model.template import localize
from studio.render.display import StrokePath
from studio.render.qt import render_image
from studio.sheets import Imposition, Sheet, impose, label_sheets, papers, parse_sheet
from studio.ui._start import ui_language
from studio.ui.dialogs.export import _RUNNING, ExportJob
from studio.ui.session import EditorSession
from studio.ui.settings import Settings

PREVIEW_SIZE = 420
"""Longest side of the preview (pixels)."""
_MARKS = ("none", "items", "edges")


class PrintSheetDialog(QDialog):
    """Choose a sheet, see it, write it as a PDF.

    Signals
    -------
    exported(object)
        The path written.
    """

    exported = Signal(object)

    def __init__(self, session: EditorSession, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print Sheet"))
        self.session = session
        self.settings = settings
        self.job: ExportJob | None = None
        self.imposition: Imposition | None = None
        self.last_output: Path | None = None

        self.area = QComboBox()
        doc = self._document()
        designed = doc.designed_area_ids() or doc.area_ids()
        for area_id in designed:
            self.area.addItem(localize(doc.print_area(area_id).name, ui_language()), area_id)
        self.area.setCurrentIndex(max(0, self.area.findData(session.area_id)))

        self.sheet = QComboBox()
        self.sheet.setEditable(True)
        self.sheet.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for paper in papers():
            self.sheet.addItem(paper.name)
        self.sheet.setToolTip(
            self.tr(
                "A paper (a4, letter, 300x450mm), a roll (22in-roll) or a label sheet by maker and part (Avery L7160)"
            )
        )
        names = [name for s in label_sheets() for name in s.names]
        completer = QCompleter(QStringListModel([p.name for p in papers()] + names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.sheet.setCompleter(completer)
        self.sheet.setCurrentText(str(settings.value("sheet/name") or "a4"))

        self.copies = QSpinBox()
        self.copies.setRange(0, 100_000)
        self.copies.setSpecialValueText(self.tr("Fill the sheet"))
        self.copies.setToolTip(self.tr("How many copies; more than a sheet holds continue on more sheets"))
        self.marks = QComboBox()
        for value, text in zip(
            _MARKS, (self.tr("None"), self.tr("At each copy's corners"), self.tr("At the sheet's edges")), strict=True
        ):
            self.marks.addItem(text, value)
        self.cut_line = QCheckBox(self.tr("Cut line (CutContour) around each copy"))

        form = QFormLayout()
        form.addRow(self.tr("&Print area"), self.area)
        form.addRow(self.tr("&Sheet"), self.sheet)
        form.addRow(self.tr("&Copies"), self.copies)
        form.addRow(self.tr("Crop &marks"), self.marks)
        form.addRow("", self.cut_line)

        self.preview = QLabel()
        self.preview.setMinimumSize(PREVIEW_SIZE * 2 // 3, PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(self.tr("Preview of the first sheet"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #D93025")

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self.choose_and_save)
        self.print_button = self.buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setToolTip(self.tr("Print through the system's print dialog, at true size"))
        self.print_button.clicked.connect(self.print_sheets)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.summary)
        left.addWidget(self.problem)
        left.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.buttons)

        # Typing a sheet name redraws once the user pauses, not on every key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.update_preview)
        self.sheet.currentTextChanged.connect(lambda _t: self._timer.start())
        for signal in (self.area.currentIndexChanged, self.marks.currentIndexChanged, self.copies.valueChanged):
            signal.connect(lambda *_a: self._timer.start())
        self.cut_line.toggled.connect(lambda _on: self._timer.start())
        self.update_preview()

    # -- what is asked ---------------------------------------------------------------------------
    def _document(self) -> Any:
        design = self.session.design.model_copy(deep=True)
        project = Project(
            design=design, template=self.session.template, assets=self.session.project.assets, path=self.session.path
        )
        return document_for(project, name=self.session.title)

    def sheet_spec(self) -> Sheet:
        """The sheet asked for, with the marks chosen (raises StudioError when the name is unknown)."""
        text = self.sheet.currentText().strip()
        marks = self.marks.currentData()
        if marks == "edges":
            text += ",marks=edges"
        return parse_sheet(text)

    def options(self) -> SheetOptions:
        return SheetOptions(
            marks=self.marks.currentData() != "none",
            cut_line=self.cut_line.isChecked(),
            copies=self.copies.value() or None,
        )

    # -- preview ---------------------------------------------------------------------------------
    def update_preview(self) -> None:
        """Lay the copies out and draw the first sheet; say what is wrong instead when it cannot be."""
        self.imposition = None
        try:
            sheet = self.sheet_spec()
            doc = self._document()
            area_id = str(self.area.currentData())
            area = doc.print_area(area_id)
            dl = doc.scene(area_id, bleed=area.bleed)
            options = self.options()
            imposition = impose(dl.trim.width, dl.trim.height, sheet, bleed=area.bleed, count=options.copies)
            page = self._page(imposition, dl, options, 0)
        except StudioError as error:
            self.preview.clear()
            self.summary.clear()
            self.problem.setText(str(error))
            self.save_button.setEnabled(False)
            self.print_button.setEnabled(False)
            return
        width, height = imposition.page_size
        dpi = PREVIEW_SIZE / max(width, height) * 25.4
        self.preview.setPixmap(QPixmap.fromImage(render_image(page, dpi=dpi)))
        s = imposition.summary
        self.summary.setText(
            self.tr(
                "{items} copies on {sheets} sheet(s) of {sheet} ({per} a sheet); {waste} % of the paper is waste."
            ).format(items=s.items, sheets=s.sheets, sheet=s.sheet, per=s.per_sheet, waste=round(s.waste * 100))
        )
        self.problem.clear()
        self.imposition = imposition
        self.save_button.setEnabled(self.job is None)
        self.print_button.setEnabled(True)

    def _page(self, imposition: Imposition, dl: Any, options: SheetOptions, index: int) -> Any:
        """One sheet as a display list, with the crop marks and cut lines the PDF will have."""
        page = sheet_with_marks(imposition, [dl] * len(imposition.placements), index, options)
        if options.cut_line and page.die_line is not None:
            page.items.append(StrokePath(page.die_line, Color(hex="#EC008C"), 0.3))
        return page

    def print_sheets(self) -> int:
        """Print the sheets through the system's print dialog, at true size; returns the pages printed."""
        from PySide6.QtPrintSupport import QPrintDialog

        from studio.ui.printing import new_printer, print_pages, set_paper

        # What is printed is what the preview shows now, even if the last keystroke has not redrawn it yet.
        self._timer.stop()
        self.update_preview()
        if self.imposition is None:
            return 0
        try:
            options = self.options()
            doc = self._document()
            area_id = str(self.area.currentData())
            dl = doc.scene(area_id, bleed=doc.print_area(area_id).bleed)
            imposition = self.imposition
            pages = [self._page(imposition, dl, options, i) for i in range(imposition.pages)]
        except StudioError as error:
            self.problem.setText(str(error))
            return 0
        printer = new_printer()
        set_paper(printer, *imposition.page_size)
        printer.setDocName(self.session.title or "Studio")
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        try:
            return print_pages(printer, pages)
        except OSError as error:
            self.problem.setText(self.tr("Printing failed: {reason}.").format(reason=error))
            return 0

    # -- saving ----------------------------------------------------------------------------------
    def choose_and_save(self) -> ExportJob | None:
        """Ask where to save, then write the PDF in a worker thread."""
        folder = str(self.settings.value("export/folder") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        name = f"{self.session.title or 'sheet'}-{self.sheet.currentText().strip().replace(' ', '-')}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the sheet as"), str(Path(folder) / name), self.tr("PDF files (*.pdf)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        return self.save(target)

    def save(self, target: Path) -> ExportJob | None:
        """Write the sheet PDF to ``target`` off the GUI thread (None if it cannot start)."""
        if self.job is not None:
            return None
        try:
            sheet = self.sheet_spec()
            options = self.options()
        except (StudioError, ValueError) as error:
            self.problem.setText(str(error))
            return None
        area_id = str(self.area.currentData())

        def exporter(doc: Any, path: Path, *, options: SheetOptions) -> Path:
            export_sheet_pdf(doc, area_id, sheet, path, options=options)
            return path

        job = ExportJob(exporter, self._document(), target, options)
        job.signals.finished.connect(lambda j=job: self._finished(j))
        self.job = job
        _RUNNING.add(job)
        self.settings.set_value("sheet/name", self.sheet.currentText().strip())
        self.settings.set_value("export/folder", str(target.parent))
        self.save_button.setEnabled(False)
        self.summary.setText(self.tr("Writing {name}…").format(name=target.name))
        QThreadPool.globalInstance().start(job)
        return job

    def _finished(self, job: ExportJob) -> None:
        _RUNNING.discard(job)
        written = job.complete()
        self.job = None
        self.save_button.setEnabled(self.imposition is not None)
        if written is None:
            self.problem.setText(job.error or self.tr("The sheet could not be written."))
            return
        self.last_output = written
        self.summary.setText(self.tr("{name} written.").format(name=written.name))
        self.exported.emit(written)
