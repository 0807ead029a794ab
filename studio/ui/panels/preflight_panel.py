"""The Preflight panel: what would print differently from what the user sees, kept up to date.

Checks run a moment after the last edit (so typing stays fluid), on a copy of the design in a
worker thread; when edits come faster than checks, only the latest result is shown. Clicking a
finding shows its area and selects its layer.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.model.design import Design
from studio.model.errors import StudioError
from studio.model.template import localize
from studio.preflight import Finding, run_preflight
from studio.render.scene import Document
from studio.ui.actions import QT_TRANSLATE_NOOP
from studio.ui.panels import _icons
from studio.ui.panels._session import SessionPanel, owner_alive, ui_language
from studio.ui.session import EditorSession

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class _Results(QObject):
    done = Signal(int, object)


def check_in_worker(results: _Results, generation: int, document: Document | Callable[[], Document]) -> None:
    """Run :func:`run_preflight` (in a worker thread) and hand the findings to ``results``.

    ``document`` may be a function that makes the document (in the worker, from a snapshot).
    """
    try:
        if callable(document):
            document = document()
        findings: object = run_preflight(document)
    except StudioError as error:
        findings = error
    except Exception as error:
        findings = StudioError(f"The check could not finish: {error}")
    with contextlib.suppress(RuntimeError):  # the panel was closed while the check ran
        results.done.emit(generation, findings)


# What preflight says, for translation: the same templates as studio.preflight.TEMPLATES (a test
# keeps the two equal), declared here so that lupdate sees them.
TRANSLATABLE_TEMPLATES = {
    "resolution-error": QT_TRANSLATE_NOOP(
        "Preflight", "the image prints at {dpi} DPI, under {minimum}: it will look pixelated."
    ),
    "resolution-warning": QT_TRANSLATE_NOOP("Preflight", "the image prints at {dpi} DPI; {good} is recommended."),
    "off-page": QT_TRANSLATE_NOOP("Preflight", "it lies entirely outside the print area and will not print."),
    "mostly-off-page": QT_TRANSLATE_NOOP(
        "Preflight", "{percent} % of it lies outside the print area and will not print; move it onto the print area."
    ),
    "bleed": QT_TRANSLATE_NOOP(
        "Preflight",
        "it reaches the {sides} trim edge but stops short of the bleed; extend it to the bleed edge or keep it inside the safe area.",
    ),
    "safe-area-text": QT_TRANSLATE_NOOP(
        "Preflight", "the text comes closer than {margin} mm to the trim and may be cut; move it inside the safe area."
    ),
    "safe-area-art": QT_TRANSLATE_NOOP(
        "Preflight", "the art leaves the safe area ({margin} mm inside the trim) and may be cut."
    ),
    "glyph": QT_TRANSLATE_NOOP("Preflight", "no font has a glyph for {chars}: they will not print."),
    "fallback": QT_TRANSLATE_NOOP("Preflight", "the font {font} has no glyph for {chars}; they print in {fallback}."),
    "text-small": QT_TRANSLATE_NOOP(
        "Preflight", "the text prints at {size} pt, under the {minimum} pt that stays legible for {method}."
    ),
    "text-shrunk": QT_TRANSLATE_NOOP(
        "Preflight",
        "the text is shrunk from {requested} pt to {size} pt to fit its box, under the {minimum} pt that stays legible for {method}; shorten it or widen the box.",
    ),
    "empty": QT_TRANSLATE_NOOP("Preflight", "nothing on this print area will print."),
    "empty-design": QT_TRANSLATE_NOOP(
        "Preflight", "nothing on this print area will print, and no other area of the design has anything either."
    ),
    "svg-text": QT_TRANSLATE_NOOP(
        "Preflight",
        "the art contains text ({count} text elements): it is drawn with the fonts of the computer that shows or prints it, and exported as text in SVG files; convert the text to paths in your drawing program to be sure of its look.",
    ),
    "asset": QT_TRANSLATE_NOOP("Preflight", "{error}"),
}
_SIDES = (
    QT_TRANSLATE_NOOP("Preflight", "left"),
    QT_TRANSLATE_NOOP("Preflight", "top"),
    QT_TRANSLATE_NOOP("Preflight", "right"),
    QT_TRANSLATE_NOOP("Preflight", "bottom"),
    QT_TRANSLATE_NOOP("Preflight", "and"),
)
# Print method names as findings say them (studio.preflight.METHOD_NAMES).
_METHODS = (
    QT_TRANSLATE_NOOP("Preflight", "digital printing"),
    QT_TRANSLATE_NOOP("Preflight", "offset printing"),
    QT_TRANSLATE_NOOP("Preflight", "UV printing"),
    QT_TRANSLATE_NOOP("Preflight", "pad printing"),
    QT_TRANSLATE_NOOP("Preflight", "sublimation"),
    QT_TRANSLATE_NOOP("Preflight", "direct-to-garment printing"),
    QT_TRANSLATE_NOOP("Preflight", "screen printing"),
    QT_TRANSLATE_NOOP("Preflight", "cut vinyl"),
    QT_TRANSLATE_NOOP("Preflight", "embroidery"),
)


def translated_detail(finding: Finding) -> str:
    """What is wrong, in the user's language (without the area and layer)."""
    if not finding.template:
        return finding.message
    params = dict(finding.params or {})
    if "sides" in params:
        words = params["sides"].split(" ")
        params["sides"] = " ".join(QCoreApplication.translate("Preflight", word) for word in words)
    if "method" in params:
        params["method"] = QCoreApplication.translate("Preflight", params["method"])
    text = QCoreApplication.translate("Preflight", str(TRANSLATABLE_TEMPLATES[finding.template]))
    return text.format(**params)


class PreflightPanel(SessionPanel):
    """The Preflight dock's content.

    Attributes
    ----------
    delay_ms
        How long after the last change the check starts.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel.preflight")
        self.delay_ms = 400
        self.findings: list[Finding] = []
        self._generation = 0
        self._shown_generation = 0
        # The pool is the first child, so that closing the panel waits for a running check
        # before the object it reports to goes away.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._results = _Results(self)
        self._results.done.connect(self._finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run_now)

        self.summary_icon = QLabel()
        self.summary = QLabel()
        font = QFont(self.summary.font())
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.setAccessibleName(self.tr("Preflight summary"))
        self.state = QLabel()
        self.state.setEnabled(False)
        head = QHBoxLayout()
        head.setContentsMargins(8, 6, 8, 4)
        head.addWidget(self.summary_icon)
        head.addWidget(self.summary, 1)
        head.addWidget(self.state)

        self.list = QTreeWidget()
        self.list.setColumnCount(2)
        self.list.setHeaderLabels([self.tr("Problem"), self.tr("Area")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setWordWrap(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(self.tr("Preflight findings"))
        self.list.setToolTip(self.tr("Click a finding to select the layer concerned"))
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemClicked.connect(lambda item, _col: self.go_to(item))
        self.list.itemActivated.connect(lambda item, _col: self.go_to(item))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.list)
        self.refresh()

    # -- running ------------------------------------------------------------------------------------
    def attach(self, session: EditorSession) -> None:
        self.listen(session.design_changed, self.schedule)

    def refresh(self) -> None:
        self._timer.stop()
        self.findings = []
        self.list.clear()
        if self.session is None:
            self._show_summary(None)
            return
        self.run_now()

    def schedule(self) -> None:
        """Check again once the user pauses (restarts the wait on every change)."""
        checking = self.tr("Checking…")
        if self.state.text() != checking:
            self.state.setText(checking)
        self._timer.start(self.delay_ms)

    def run_now(self) -> None:
        """Start a check of the design as it is now."""
        session = self.session
        if session is None:
            return
        self._timer.stop()
        self._generation += 1
        doc = session.document
        # The worker gets its own copy: the user keeps editing the real design meanwhile. The GUI
        # thread only takes plain data (cheap); the worker rebuilds the design from it.
        data = session.design.model_dump()
        template, resources, fonts, variables, name = (
            doc.template,
            doc.resources,
            doc.fonts,
            dict(doc.variables),
            doc.name,
        )

        def snapshot() -> Document:
            return Document(Design.model_validate(data), template, resources, fonts, variables, name)

        self.state.setText(self.tr("Checking…"))
        self._pool.start(functools.partial(check_in_worker, self._results, self._generation, snapshot))

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for running checks (tests, closing); True if none is left running."""
        return self._pool.waitForDone(msecs)

    @property
    def is_current(self) -> bool:
        """Whether the findings shown are those of the design as it is now."""
        return self._shown_generation == self._generation and not self._timer.isActive()

    def _finished(self, generation: int, findings: object) -> None:
        if not owner_alive(self) or generation < self._generation or self.session is None:
            return  # a newer check is on its way
        self._shown_generation = generation
        self.state.setText("")
        if isinstance(findings, StudioError):
            self.findings = []
            self._show_list([])
            self.summary.setText(str(findings))
            self.summary_icon.setPixmap(_icons.pixmap("error", 18))
            return
        assert isinstance(findings, list)
        self.findings = findings
        self._show_list(findings)
        self._show_summary(findings)

    # -- showing ------------------------------------------------------------------------------------
    def _show_list(self, findings: list[Finding]) -> None:
        session = self.session
        lang = ui_language()
        selected = self._selected_key()
        self.list.clear()
        for finding in findings:
            area_name = finding.area
            message = translated_detail(finding)
            layer_name = (finding.params or {}).get("layer_name")
            if layer_name:
                message = QCoreApplication.translate("Preflight", "Layer “{layer}”: {problem}").format(
                    layer=layer_name, problem=message
                )
            if session is not None:
                with contextlib.suppress(KeyError):
                    area_name = localize(session.template.area(finding.area).name, lang)
            message = message[:1].upper() + message[1:]
            item = QTreeWidgetItem([message, area_name])
            item.setIcon(0, _icons.icon(finding.severity))
            severity = {"error": self.tr("Error"), "warning": self.tr("Warning")}.get(finding.severity, self.tr("Note"))
            item.setToolTip(0, f"{severity}: {message}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{severity}: {message}")
            item.setData(0, FINDING_ROLE, finding)
            self.list.addTopLevelItem(item)
            if selected == (finding.code, finding.area, finding.layer):
                item.setSelected(True)

    def _selected_key(self) -> tuple[str, str, str | None] | None:
        items = self.list.selectedItems()
        if not items:
            return None
        finding = items[0].data(0, FINDING_ROLE)
        return (finding.code, finding.area, finding.layer) if isinstance(finding, Finding) else None

    def _show_summary(self, findings: list[Finding] | None) -> None:
        if findings is None:
            self.summary.setText(self.tr("No project open"))
            self.summary_icon.clear()
            return
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")  # notes (info) only tell
        parts = []
        if errors:
            parts.append(self.tr("1 error") if errors == 1 else self.tr("{n} errors").format(n=errors))
        if warnings:
            parts.append(self.tr("1 warning") if warnings == 1 else self.tr("{n} warnings").format(n=warnings))
        self.summary.setText(", ".join(parts) if parts else self.tr("Ready to print"))
        icon = "error" if errors else "warning" if warnings else "ok"
        self.summary_icon.setPixmap(_icons.pixmap(icon, 18))
        self.summary.setToolTip(
            self.tr("Errors stop a print job; warnings deserve a look.") if parts else self.tr("No problems found")
        )

    # -- going to a finding ---------------------------------------------------------------------------
    def go_to(self, item: QTreeWidgetItem) -> None:
        """Show the finding's area and select its layer."""
        finding = item.data(0, FINDING_ROLE)
        session = self.session
        if session is None or not isinstance(finding, Finding):
            return
        try:
            session.set_area(finding.area)
        except KeyError:
            return
        if finding.layer is not None:
            try:
                session.layer(finding.layer)
            except KeyError:
                return
            session.select([finding.layer])
