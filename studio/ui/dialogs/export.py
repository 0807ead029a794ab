"""The export dialog: print PDF, SVG, PNG and mockup images, written off the GUI thread.

The dialog gathers an options object (:mod:`studio.export.options`) and calls the same exporter
function as the command line, in a :class:`QThreadPool` worker. The exporter writes a hidden
file beside the destination; only when the work is done, and was not cancelled, is that file
renamed over the destination. Cancelling therefore never leaves a partial file, nor touches a
file the export would have replaced.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QSize, QStandardPaths, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QIcon, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.export.document import document_for
from studio.export.options import PdfOptions, PngOptions, SvgOptions
from studio.export.pdf import export_pdf
from studio.export.png import export_png
from studio.export.svg import export_svg
from studio.io.project import Project
from studio.model.errors import RenderError, StudioError
from studio.model.template import localize
from studio.resources import assets_dir
from studio.ui import units as ui_units
from studio.ui._start import ui_language
from studio.ui.session import EditorSession, check_drawable, failure_reason
from studio.ui.settings import Settings

try:  # the mockup exporter is optional: without it the dialog simply has no Mockup page
    from studio.export.mockup import MockupOptions, export_mockup
except ImportError:  # pragma: no cover - depends on the installation
    MockupOptions = None  # type: ignore[assignment,misc]
    export_mockup = None  # type: ignore[assignment]

Exporter = Callable[..., Path]

_RUNNING: set[ExportJob] = set()
"""Jobs in flight, kept alive until they report (the dialog may close first)."""


@dataclass(frozen=True)
class ExportFormat:
    id: str
    suffix: str
    icon: str


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("pdf", ".pdf", "export-pdf.svg"),
    ExportFormat("svg", ".svg", "export-svg.svg"),
    ExportFormat("png", ".png", "export-png.svg"),
    *((ExportFormat("mockup", ".png", "export-mockup.svg"),) if export_mockup is not None else ()),
)


def exporter_for(format_id: str) -> Exporter:
    """The exporter function of a format id."""
    table: dict[str, Any] = {"pdf": export_pdf, "svg": export_svg, "png": export_png, "mockup": export_mockup}
    exporter = table.get(format_id)
    if exporter is None:
        raise KeyError(format_id)
    return exporter  # type: ignore[no-any-return]


# -- the worker ------------------------------------------------------------------------------------
class _JobSignals(QObject):
    finished = Signal()


class ExportJob(QRunnable):
    """Runs one exporter into a hidden file beside ``target``; :meth:`complete` puts it in place.

    Parameters
    ----------
    exporter
        ``exporter(doc, path, options=options)``.
    doc
        A snapshot of the document, so that edits made meanwhile cannot reach the worker.
    target
        The file the user asked for.
    options
        The exporter's options object.
    """

    def __init__(
        self, exporter: Exporter, doc: object, target: Path, options: object, *, after: threading.Event | None = None
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _JobSignals()
        self.exporter = exporter
        self.doc = doc
        self.target = target
        self.options = options
        self.after = after
        """Waited for before the export starts (the recovery copy being brought up to date)."""
        self.temp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.partial{target.suffix}")
        self.error: str | None = None
        self.cancelled = False
        self.done = threading.Event()

    def run(self) -> None:
        try:
            if self.after is not None:
                self.after.wait()
            if not self.cancelled:
                self.exporter(self.doc, self.temp, options=self.options)
        except RenderError as err:  # a library failed on a layer: name it, with the library's reason
            self.error = f"{self.target.name}: the layer “{err.layer}” cannot be drawn ({failure_reason(err)}); nothing was written."
        except StudioError as err:
            self.error = str(err)
        except MemoryError:
            self.error = f"{self.target.name}: there is not enough memory to export it; try a lower resolution."
        except Exception as err:  # a bug must still end the job and reach the user as a sentence
            self.error = self._describe(err)
        if self.error is not None:
            self.temp.unlink(missing_ok=True)
        self.done.set()
        self.signals.finished.emit()

    def _describe(self, error: Exception) -> str:
        """One sentence naming the file and, when one is to blame, the layer that could not be drawn."""
        design = getattr(self.doc, "design", None)
        if design is not None:
            for _area, layer in design.walk():
                try:
                    check_drawable(self.doc, layer, layer.display_name())  # type: ignore[arg-type]
                except StudioError:
                    return (
                        f"{self.target.name}: the layer “{layer.display_name()}” cannot be drawn "
                        f"({failure_reason(error)}); nothing was written."
                    )
                except Exception:  # diagnosing must never fail on its own
                    break
        return f"{self.target.name}: the export failed ({failure_reason(error)}); nothing was written."

    def cancel(self) -> None:
        """Ask for the output to be thrown away (the exporter itself finishes its work)."""
        self.cancelled = True

    def complete(self) -> Path | None:
        """In the GUI thread, after the run: move the output in place, or delete it if cancelled.

        Returns
        -------
        Path or None
            The file written, or None (cancelled or failed).
        """
        if self.cancelled or self.error is not None:
            self.temp.unlink(missing_ok=True)
            return None
        try:
            os.replace(self.temp, self.target)
        except OSError as err:
            self.temp.unlink(missing_ok=True)
            self.error = f"{self.target.name}: cannot be written in {self.target.parent} ({err.strerror or err})."
            return None
        return self.target


# -- the dialog ------------------------------------------------------------------------------------
class ExportDialog(QDialog):
    """Options of each export format, an output file, and Export with progress and Cancel.

    Parameters
    ----------
    session
        The open project.
    settings
        Units, and where the last export went.
    parent
        The main window.

    Signals
    -------
    exported(object)
        The file written (a :class:`~pathlib.Path`).
    failed(str)
        The export failed; one sentence.
    cancelled
        The user cancelled an export; nothing was written.
    """

    exported = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        session: EditorSession,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        before_risk: Callable[[], threading.Event] | None = None,
    ) -> None:
        super().__init__(parent)
        self.before_risk = before_risk
        """Brings the recovery copy up to date; the export waits for it (a library may crash)."""
        self.setObjectName("ExportDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.session = session
        self.settings = settings
        self.template = session.template
        self.units = settings.units
        self.lang = ui_language()
        self.job: ExportJob | None = None
        self.last_output: Path | None = None
        self.last_error: str | None = None
        self._custom_path: Path | None = None
        self._background = QColor("#FFFFFF")

        # -- formats ---------------------------------------------------------------------------
        self.formats = QListWidget()
        self.formats.setObjectName("exportFormats")
        self.formats.setIconSize(QSize(28, 28))
        self.formats.setFixedWidth(190)
        self.formats.setSpacing(2)
        for fmt in FORMATS:
            item = QListWidgetItem(QIcon(str(assets_dir() / "icons" / fmt.icon)), "")
            item.setData(Qt.ItemDataRole.UserRole, fmt.id)
            item.setSizeHint(QSize(170, 48))
            self.formats.addItem(item)
        self.pages = QStackedWidget()
        self.page_title = QLabel()
        self.page_title.setObjectName("pageTitle")
        title_font = self.page_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.page_title.setFont(title_font)
        self.page_note = QLabel()
        self.page_note.setObjectName("pageNote")
        self.page_note.setWordWrap(True)
        self._build_pdf_page()
        self._build_svg_page()
        self._build_png_page()
        if export_mockup is not None:
            self._build_mockup_page()

        # -- output ----------------------------------------------------------------------------
        self.path_label = QLabel()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("outputPath")
        self.path_edit.textEdited.connect(self._on_path_edited)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_path)
        self.replace_note = QLabel()
        self.replace_note.setObjectName("replaceNote")

        # -- progress and result ----------------------------------------------------------------
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # exporters report no steps: a busy indicator
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress_label = QLabel()
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = QPushButton()
        self.show_button.clicked.connect(self.show_in_folder)
        self.status_box = QFrame()
        self.status_box.setObjectName("statusBox")
        status = QHBoxLayout(self.status_box)
        status.setContentsMargins(12, 8, 8, 8)
        self.progress_box = QWidget()
        progress_col = QVBoxLayout(self.progress_box)
        progress_col.setContentsMargins(0, 0, 0, 0)
        progress_col.setSpacing(4)
        progress_col.addWidget(self.progress_label)
        progress_col.addWidget(self.progress)
        status.addWidget(self.progress_box, 1)
        status.addWidget(self.result_label, 1)
        status.addWidget(self.show_button)

        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)

        # -- layout ------------------------------------------------------------------------------
        page_column = QVBoxLayout()
        page_column.setContentsMargins(8, 4, 4, 0)
        page_column.setSpacing(4)
        page_column.addWidget(self.page_title)
        page_column.addWidget(self.page_note)
        page_column.addSpacing(10)
        page_column.addWidget(self.pages, 1)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.formats)
        top.addLayout(page_column, 1)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_label)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(top, 1)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(separator)
        layout.addLayout(path_row)
        layout.addWidget(self.replace_note)
        layout.addWidget(self.status_box)
        layout.addLayout(buttons)

        self.formats.currentRowChanged.connect(self._on_format_changed)
        self._apply_style()
        self.retranslate()
        last = str(settings.value("export/format", "pdf"))
        ids = [f.id for f in FORMATS]
        self.formats.setCurrentRow(ids.index(last) if last in ids else 0)
        self._set_state("idle")
        self.resize(760, 560)

    # -- pages -------------------------------------------------------------------------------------
    def _new_page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.pages.addWidget(page)
        return page, form

    def _bleed_spin(self, mm: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setDecimals(ui_units.DECIMALS[self.units])
        spin.setRange(0.0, ui_units.from_mm(50.0, self.units))
        spin.setSingleStep(1.0 if self.units == "mm" else 0.0625)
        spin.setSuffix(ui_units.suffix(self.units))
        spin.setValue(ui_units.from_mm(mm, self.units))
        return spin

    def _area_combo(self) -> QComboBox:
        combo = QComboBox()
        for area in self.template.print_areas:
            combo.addItem(localize(area.name, self.lang), area.id)
        index = combo.findData(self.session.area_id)
        combo.setCurrentIndex(max(0, index))
        combo.currentIndexChanged.connect(self._update_path)
        return combo

    def _build_pdf_page(self) -> None:
        _page, form = self._new_page()
        self.pdf_areas = QListWidget()
        self.pdf_areas.setObjectName("pdfAreas")
        # Areas that carry a design are ticked (a blank page helps nobody); all of them if none do.
        designed = set(self.session.document.designed_area_ids()) or {a.id for a in self.template.print_areas}
        for area in self.template.print_areas:
            size = (
                f"{ui_units.format_length(area.width, self.units)} × {ui_units.format_length(area.height, self.units)}"
            )
            item = QListWidgetItem(f"{localize(area.name, self.lang)}  ({size})")
            item.setData(Qt.ItemDataRole.UserRole, area.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if area.id in designed else Qt.CheckState.Unchecked)
            self.pdf_areas.addItem(item)
        rows = max(1, min(len(self.template.print_areas), 5))
        self.pdf_areas.setFixedHeight(rows * 30 + 12)
        self.pdf_areas.itemChanged.connect(lambda _item: self._update_enabled())
        self.pdf_template_bleed = QCheckBox()
        self.pdf_template_bleed.setChecked(True)
        self.pdf_bleed = self._bleed_spin(self.template.print_areas[0].bleed)
        self.pdf_bleed.setEnabled(False)
        self.pdf_template_bleed.toggled.connect(lambda on: self.pdf_bleed.setEnabled(not on))
        bleed_row = QHBoxLayout()
        bleed_row.addWidget(self.pdf_template_bleed)
        bleed_row.addWidget(self.pdf_bleed)
        bleed_row.addStretch(1)
        self.pdf_marks = QCheckBox()
        self.pdf_cut = QCheckBox()
        self.pdf_cmyk = QCheckBox()
        self.pdf_mirror = QCheckBox()
        self.pdf_labels = [QLabel(), QLabel(), QLabel()]
        self.pdf_labels[0].setBuddy(self.pdf_areas)
        self.pdf_labels[1].setBuddy(self.pdf_template_bleed)
        form.addRow(self.pdf_labels[0], self.pdf_areas)
        form.addRow(self.pdf_labels[1], bleed_row)
        form.addRow(self.pdf_labels[2], self.pdf_marks)
        form.addRow("", self.pdf_cut)
        form.addRow("", self.pdf_cmyk)
        form.addRow("", self.pdf_mirror)

    def _build_svg_page(self) -> None:
        _page, form = self._new_page()
        self.svg_area = self._area_combo()
        self.svg_bleed = self._bleed_spin(0.0)
        self.svg_cut = QCheckBox()
        self.svg_mirror = QCheckBox()
        self.svg_labels = [QLabel(), QLabel(), QLabel()]
        self.svg_labels[0].setBuddy(self.svg_area)
        self.svg_labels[1].setBuddy(self.svg_bleed)
        form.addRow(self.svg_labels[0], self.svg_area)
        form.addRow(self.svg_labels[1], self.svg_bleed)
        form.addRow(self.svg_labels[2], self.svg_cut)
        form.addRow("", self.svg_mirror)

    def _build_png_page(self) -> None:
        _page, form = self._new_page()
        self.png_area = self._area_combo()
        self.png_dpi = QSpinBox()
        self.png_dpi.setRange(10, 2400)
        self.png_dpi.setSingleStep(50)
        self.png_dpi.setValue(300)
        self.png_size = QLabel()
        self.png_size.setObjectName("pixelSize")
        dpi_row = QHBoxLayout()
        dpi_row.setSpacing(12)
        dpi_row.addWidget(self.png_dpi)
        dpi_row.addWidget(self.png_size, 1)
        self.png_bleed = self._bleed_spin(0.0)
        self.png_transparent = QCheckBox()
        self.png_mirror = QCheckBox()
        for signal in (self.png_dpi.valueChanged, self.png_bleed.valueChanged, self.png_area.currentIndexChanged):
            signal.connect(self._update_pixel_size)
        self.png_labels = [QLabel(), QLabel(), QLabel(), QLabel()]
        self.png_labels[0].setBuddy(self.png_area)
        self.png_labels[1].setBuddy(self.png_dpi)
        self.png_labels[2].setBuddy(self.png_bleed)
        form.addRow(self.png_labels[0], self.png_area)
        form.addRow(self.png_labels[1], dpi_row)
        form.addRow(self.png_labels[2], self.png_bleed)
        form.addRow(self.png_labels[3], self.png_transparent)
        form.addRow("", self.png_mirror)

    def _build_mockup_page(self) -> None:
        _page, form = self._new_page()
        self.mockup_view = QComboBox()
        for view in self.template.views:
            self.mockup_view.addItem(localize(view.name, self.lang), view.id)
        self.mockup_view.currentIndexChanged.connect(self._update_path)
        self.mockup_size = QSpinBox()
        self.mockup_size.setRange(200, 6000)
        self.mockup_size.setSingleStep(100)
        self.mockup_size.setValue(1200)
        self.mockup_angle = QSpinBox()
        self.mockup_angle.setRange(-180, 180)
        self.mockup_angle.setSingleStep(15)
        self.mockup_angle.setWrapping(True)
        self.mockup_color = QPushButton()
        self.mockup_color.setObjectName("colorSwatch")
        self.mockup_color.setFixedSize(QSize(44, 26))
        self.mockup_color.clicked.connect(self._choose_background)
        self.mockup_transparent = QCheckBox()
        self.mockup_transparent.toggled.connect(lambda on: self.mockup_color.setEnabled(not on))
        background_row = QHBoxLayout()
        background_row.addWidget(self.mockup_color)
        background_row.addWidget(self.mockup_transparent)
        background_row.addStretch(1)
        self.mockup_sheet = QCheckBox()
        self.mockup_sheet.toggled.connect(lambda on: self.mockup_view.setEnabled(not on))
        self.mockup_sheet.toggled.connect(lambda _on: self._update_path())
        self.mockup_labels = [QLabel(), QLabel(), QLabel(), QLabel(), QLabel()]
        for label, field in zip(
            self.mockup_labels, (self.mockup_view, self.mockup_size, self.mockup_angle, self.mockup_color), strict=False
        ):
            label.setBuddy(field)
        form.addRow(self.mockup_labels[0], self.mockup_view)
        form.addRow(self.mockup_labels[1], self.mockup_size)
        form.addRow(self.mockup_labels[2], self.mockup_angle)
        form.addRow(self.mockup_labels[3], background_row)
        form.addRow(self.mockup_labels[4], self.mockup_sheet)
        self._paint_swatch()

    def _choose_background(self) -> None:
        dialog = QColorDialog(self._background, self)
        dialog.setWindowTitle(self.tr("Background Colour"))
        dialog.colorSelected.connect(self.set_background)
        dialog.open()

    def set_background(self, color: QColor) -> None:
        """The mockup's background colour."""
        if color.isValid():
            self._background = QColor(color)
            self._paint_swatch()

    def _paint_swatch(self) -> None:
        name = self._background.name()
        self.mockup_color.setStyleSheet(
            f"QPushButton#colorSwatch {{ background: {name}; border: 1px solid palette(mid); border-radius: 5px; }}"
        )
        self.mockup_color.setAccessibleName(self.tr("Background colour {color}").format(color=name.upper()))
        self.mockup_color.setToolTip(name.upper())

    # -- what to export ------------------------------------------------------------------------------
    @property
    def format_id(self) -> str:
        item = self.formats.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else "pdf"

    def set_format(self, format_id: str) -> None:
        """Show the page of ``format_id`` (``pdf``, ``svg``, ``png`` or ``mockup``)."""
        ids = [f.id for f in FORMATS]
        self.formats.setCurrentRow(ids.index(format_id))

    def _bleed_mm(self, spin: QDoubleSpinBox) -> float:
        return round(ui_units.to_mm(spin.value(), self.units), 4)

    def options(self) -> object:
        """The options object of the current format, as the exporter takes it."""
        fmt = self.format_id
        if fmt == "pdf":
            areas = tuple(
                str(self.pdf_areas.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.pdf_areas.count())
                if self.pdf_areas.item(row).checkState() == Qt.CheckState.Checked
            )
            return PdfOptions(
                bleed=None if self.pdf_template_bleed.isChecked() else self._bleed_mm(self.pdf_bleed),
                marks=self.pdf_marks.isChecked(),
                cut_line=self.pdf_cut.isChecked(),
                cmyk=self.pdf_cmyk.isChecked(),
                mirror=self.pdf_mirror.isChecked(),
                areas=areas or None,
            )
        if fmt == "svg":
            return SvgOptions(
                area=str(self.svg_area.currentData()),
                bleed=self._bleed_mm(self.svg_bleed),
                mirror=self.svg_mirror.isChecked(),
                cut_line=self.svg_cut.isChecked(),
            )
        if fmt == "png":
            return PngOptions(
                area=str(self.png_area.currentData()),
                dpi=self.png_dpi.value(),
                transparent=self.png_transparent.isChecked(),
                bleed=self._bleed_mm(self.png_bleed),
                mirror=self.png_mirror.isChecked(),
            )
        assert MockupOptions is not None
        return MockupOptions(
            view=str(self.mockup_view.currentData()),
            size=self.mockup_size.value(),
            angle=float(self.mockup_angle.value()),
            background=None if self.mockup_transparent.isChecked() else self._background.name().upper(),
            sheet=self.mockup_sheet.isChecked(),
            lang=self.lang,
        )

    # -- the output file -----------------------------------------------------------------------------
    def default_path(self) -> Path:
        """Where the current format's file goes unless the user picks another."""
        fmt = next(f for f in FORMATS if f.id == self.format_id)
        if self._custom_path is not None:
            return self._custom_path.with_suffix(self._suffix_for(fmt))
        folder = self._default_folder()
        stem = _file_stem(self.session.title)
        several = len(self.template.print_areas) > 1
        if fmt.id == "svg" and several:
            stem += f"-{self.svg_area.currentData()}"
        elif fmt.id == "png" and several:
            stem += f"-{self.png_area.currentData()}"
        elif fmt.id == "mockup":
            stem += "-mockups" if self.mockup_sheet.isChecked() else f"-{self.mockup_view.currentData()}"
        return folder / f"{stem}{fmt.suffix}"

    def _suffix_for(self, fmt: ExportFormat) -> str:
        if (
            fmt.id == "mockup"
            and self._custom_path is not None
            and self._custom_path.suffix.lower() in (".jpg", ".jpeg")
        ):
            return self._custom_path.suffix
        return fmt.suffix

    def _default_folder(self) -> Path:
        path = self.session.path
        if path is not None and path.parent.is_dir():
            return path.parent
        last = self.settings.value("export/folder")
        if isinstance(last, str) and last and Path(last).is_dir():
            return Path(last)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def output_path(self) -> Path:
        """The file the export will write."""
        return Path(self.path_edit.text().strip()).expanduser()

    def set_output_path(self, path: Path) -> None:
        """Export to ``path`` (its name is kept when the format changes; the suffix follows the format)."""
        self._custom_path = Path(path)
        self.path_edit.setText(str(path))
        self._update_enabled()

    def _on_path_edited(self, text: str) -> None:
        self._custom_path = Path(text.strip()).expanduser() if text.strip() else None
        self._update_enabled()

    def _update_path(self) -> None:
        if not hasattr(self, "path_edit"):
            return
        self.path_edit.setText(str(self.default_path()))
        self._update_enabled()

    def choose_path(self) -> None:
        """Ask where to export (a save dialog, which asks before replacing a file)."""
        fmt = self.format_id
        filters = {
            "pdf": self.tr("PDF document (*.pdf)"),
            "svg": self.tr("SVG drawing (*.svg)"),
            "png": self.tr("PNG image (*.png)"),
            "mockup": self.tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg)"),
        }[fmt]
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Export To"), str(self.output_path()), filters)
        if chosen:
            path = Path(chosen)
            expected = next(f for f in FORMATS if f.id == fmt).suffix
            allowed = (".png", ".jpg", ".jpeg") if fmt == "mockup" else (expected,)
            if path.suffix.lower() not in allowed:
                path = path.with_name(path.name + expected)
            self.set_output_path(path)

    # -- running -------------------------------------------------------------------------------------
    def start_export(self) -> ExportJob | None:
        """Start exporting in a worker thread (None, with a message, if it cannot start)."""
        if self.job is not None:
            return None
        target = self.output_path()
        problem = self._path_problem(target)
        if problem:
            self._show_error(problem)
            return None
        try:
            options = self.options()
        except ValueError as err:
            self._show_error(self.tr("The options are not valid: {reason}.").format(reason=err))
            return None
        design = self.session.design.model_copy(deep=True)
        project = Project(
            design=design, template=self.session.template, assets=self.session.project.assets, path=self.session.path
        )
        doc = document_for(project, name=self.session.title)
        after = self.before_risk() if self.before_risk is not None else None
        job = ExportJob(exporter_for(self.format_id), doc, target, options, after=after)
        job.signals.finished.connect(lambda j=job: self._on_job_finished(j))
        self.job = job
        _RUNNING.add(job)
        self.settings.set_value("export/format", self.format_id)
        self.settings.set_value("export/folder", str(target.parent))
        self._set_state("running", target)
        QThreadPool.globalInstance().start(job)
        return job

    def _path_problem(self, target: Path) -> str | None:
        if not str(target) or target.name in ("", ".", ".."):
            return self.tr("Choose a file to export to.")
        if not target.parent.is_dir():
            return self.tr("{folder}: no such folder.").format(folder=target.parent)
        if target.is_dir():
            return self.tr("{path}: is a folder; choose a file name.").format(path=target)
        return None

    def cancel_export(self) -> None:
        """Stop waiting for the running export and throw its output away."""
        job = self.job
        if job is None:
            return
        job.cancel()
        self.job = None
        self._set_state("cancelled")
        self.cancelled.emit()

    def _on_job_finished(self, job: ExportJob) -> None:
        _RUNNING.discard(job)
        written = job.complete()
        if job.cancelled:
            return  # the dialog has moved on already
        self.job = None
        if written is not None:
            self.last_output = written
            self._set_state("done", written)
            self.exported.emit(written)
        else:
            self.last_error = job.error or self.tr("The export failed.")
            self._show_error(self.last_error)
            self.failed.emit(self.last_error)

    def show_in_folder(self) -> None:
        """Open the folder of the exported file in the file manager."""
        if self.last_output is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_output.parent)))

    # -- state -----------------------------------------------------------------------------------
    def _set_state(self, state: str, path: Path | None = None) -> None:
        running = state == "running"
        self.progress_box.setVisible(running)
        self.result_label.setVisible(not running)
        self.show_button.setVisible(state == "done")
        self.status_box.setProperty("state", state)
        self.status_box.setVisible(state != "idle")
        self.status_box.style().unpolish(self.status_box)
        self.status_box.style().polish(self.status_box)
        for widget in (self.formats, self.pages, self.path_edit, self.browse_button):
            widget.setEnabled(not running)
        self.close_button.setText(self.tr("Cancel") if running else self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Cancel the export") if running else self.tr("Close"))
        if running and path is not None:
            self.progress_label.setText(self.tr("Exporting “{name}”…").format(name=path.name))
        elif state == "done" and path is not None:
            self.result_label.setText(self.tr("✓  Exported “{name}”.").format(name=path.name))
        elif state == "cancelled":
            self.result_label.setText(self.tr("Export cancelled. Nothing was written."))
        self._update_enabled()

    def _show_error(self, message: str) -> None:
        self.last_error = message
        self._set_state("error")
        self.result_label.setText(message)

    def _update_enabled(self) -> None:
        if not hasattr(self, "export_button"):
            return
        ready = self.job is None and bool(self.path_edit.text().strip())
        if self.format_id == "pdf":
            ready = ready and any(
                self.pdf_areas.item(row).checkState() == Qt.CheckState.Checked for row in range(self.pdf_areas.count())
            )
        self.export_button.setEnabled(ready)
        target = self.output_path() if self.path_edit.text().strip() else None
        exists = target is not None and target.is_file()
        finished = self.status_box.property("state") == "done"
        self.replace_note.setVisible(exists and self.job is None and not finished)
        if exists and target is not None:
            self.replace_note.setText(self.tr("“{name}” exists and will be replaced.").format(name=target.name))

    def _update_pixel_size(self) -> None:
        area = self.template.area(str(self.png_area.currentData()))
        bleed = self._bleed_mm(self.png_bleed)
        dpi = self.png_dpi.value()
        width = round((area.width + 2 * bleed) * dpi / 25.4)
        height = round((area.height + 2 * bleed) * dpi / 25.4)
        self.png_size.setText(self.tr("{width} × {height} pixels").format(width=width, height=height))

    def _on_format_changed(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        self._retranslate_page_title()
        self._update_path()
        if self.status_box.property("state") in ("done", "error", "cancelled"):
            self._set_state("idle")

    def reject(self) -> None:
        """Close; a running export is cancelled (nothing is left behind)."""
        if self.job is not None:
            self.cancel_export()
            return
        super().reject()

    # -- texts and look ------------------------------------------------------------------------------
    def _format_texts(self) -> dict[str, tuple[str, str]]:
        return {
            "pdf": (
                self.tr("Print PDF"),
                self.tr("One page per print area, with bleed, ready for a printer or a print shop."),
            ),
            "svg": (
                self.tr("SVG"),
                self.tr("One print area as a vector drawing, for cutters and other design programs."),
            ),
            "png": (self.tr("PNG image"), self.tr("One print area as an image at the resolution you choose.")),
            "mockup": (
                self.tr("Mockup"),
                self.tr("A realistic picture of the product with your design, for a shop listing or a client."),
            ),
        }

    def _retranslate_page_title(self) -> None:
        title, note = self._format_texts()[self.format_id]
        self.page_title.setText(title)
        self.page_note.setText(note)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export “{name}”").format(name=self.session.title))
        texts = self._format_texts()
        for row in range(self.formats.count()):
            item = self.formats.item(row)
            title, note = texts[str(item.data(Qt.ItemDataRole.UserRole))]
            item.setText(title)
            item.setToolTip(note)
        self.formats.setAccessibleName(self.tr("Format"))
        self._retranslate_page_title()
        bleed = ui_units.format_length(self.template.print_areas[0].bleed, self.units)
        self.pdf_labels[0].setText(self.tr("Print &areas:"))
        self.pdf_labels[1].setText(self.tr("&Bleed:"))
        self.pdf_labels[2].setText(self.tr("Marks and colour:"))
        self.pdf_template_bleed.setText(self.tr("The product's own ({bleed})").format(bleed=bleed))
        self.pdf_bleed.setAccessibleName(self.tr("Bleed"))
        self.pdf_marks.setText(self.tr("Crop &marks"))
        self.pdf_cut.setText(self.tr("C&ut line (CutContour spot colour)"))
        self.pdf_cmyk.setText(self.tr("CM&YK for offset print (PDF/X-4)"))
        self.pdf_mirror.setText(self.tr("M&irror (heat transfer, sublimation)"))
        self.svg_labels[0].setText(self.tr("Print &area:"))
        self.svg_labels[1].setText(self.tr("&Bleed:"))
        self.svg_labels[2].setText(self.tr("Options:"))
        self.svg_cut.setText(self.tr("C&ut line as a separate path"))
        self.svg_mirror.setText(self.tr("M&irror"))
        self.png_labels[0].setText(self.tr("Print &area:"))
        self.png_labels[1].setText(self.tr("&Resolution:"))
        self.png_labels[2].setText(self.tr("&Bleed:"))
        self.png_labels[3].setText(self.tr("Options:"))
        self.png_dpi.setSuffix(self.tr(" dpi"))
        self.png_transparent.setText(self.tr("&Transparent background"))
        self.png_mirror.setText(self.tr("M&irror"))
        self._update_pixel_size()
        if export_mockup is not None:
            self.mockup_labels[0].setText(self.tr("&View:"))
            self.mockup_labels[1].setText(self.tr("&Size:"))
            self.mockup_labels[2].setText(self.tr("&Turn:"))
            self.mockup_labels[3].setText(self.tr("Back&ground:"))
            self.mockup_labels[4].setText(self.tr("Layout:"))
            self.mockup_size.setSuffix(self.tr(" px (longer side)"))
            self.mockup_angle.setSuffix(self.tr("°"))
            self.mockup_transparent.setText(self.tr("Transparent"))
            self.mockup_sheet.setText(self.tr("&Contact sheet: every view in every colourway"))
            self._paint_swatch()
        self.path_label.setText(self.tr("&Save to:"))
        self.path_edit.setAccessibleName(self.tr("File to export to"))
        self.browse_button.setText(self.tr("C&hoose…"))
        self.show_button.setText(self.tr("Show in &Folder"))
        self.export_button.setText(self.tr("&Export"))
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.close_button.setText(self.tr("Cancel") if self.job is not None else self.tr("Close"))

    def _apply_style(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text)
        muted.setAlpha(150)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        soft = QColor(highlight)
        soft.setAlpha(40)
        ok = QColor("#2E9E5B")
        ok_bg = QColor(ok)
        ok_bg.setAlpha(30)
        bad = QColor("#C62828")
        bad_bg = QColor(bad)
        bad_bg.setAlpha(26)
        line = QColor(text)
        line.setAlpha(45)

        def rgba(c: QColor) -> str:
            return f"rgba({c.red()}, {c.green()}, {c.blue()}, {c.alpha()})"

        self.setStyleSheet(
            f"""
            QListWidget#exportFormats {{
                border: none; border-radius: 10px; padding: 6px; background: palette(window);
                font-weight: 600;
            }}
            QListWidget#exportFormats {{ outline: 0; }}
            QListWidget#exportFormats::item {{ border-radius: 8px; padding: 4px 6px; color: palette(text); }}
            QListWidget#exportFormats::item:hover {{ background: {rgba(soft)}; }}
            QListWidget#exportFormats::item:selected {{
                background: palette(highlight); color: palette(highlighted-text);
            }}
            QListWidget#pdfAreas {{
                border: 1px solid {rgba(line)}; border-radius: 6px; padding: 4px; background: palette(base);
            }}
            QListWidget#pdfAreas::item {{ padding: 3px 2px; }}
            QLabel#pageNote, QLabel#pixelSize {{ color: {rgba(muted)}; }}
            QLabel#replaceNote {{ color: {rgba(muted)}; font-style: italic; }}
            QFrame#statusBox {{ border-radius: 8px; background: {rgba(soft)}; }}
            QFrame#statusBox[state="done"] {{ background: {rgba(ok_bg)}; }}
            QFrame#statusBox[state="done"] QLabel {{ color: {ok.darker(130).name()}; font-weight: 600; }}
            QFrame#statusBox[state="error"] {{ background: {rgba(bad_bg)}; }}
            QFrame#statusBox[state="error"] QLabel {{ color: {bad.name()}; }}
            QPushButton#exportButton {{
                background: palette(highlight); color: palette(highlighted-text); border: none;
                border-radius: 6px; padding: 7px 22px; font-weight: 600;
            }}
            QPushButton#exportButton:disabled {{ background: palette(mid); }}
            """
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _file_stem(title: str) -> str:
    cleaned = "".join("-" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in title).strip(" .")
    return cleaned or "export"


def wait_for(job: ExportJob, timeout: float = 120.0) -> bool:
    """Block until ``job`` has run (for scripts and tests); its result is delivered by the event loop."""
    return job.done.wait(timeout)
