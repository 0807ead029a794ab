"""Files in the editor: the start page, New/Open/Save/Close, recent files, drops, autosave and recovery.

:func:`install` adds a :class:`FileController` to the main window. It puts the start page in
place, binds the file and help actions, keeps the Open Recent menu, opens project files dropped
on the window, keeps recovery copies of unsaved work (:mod:`studio.ui._autosave`) and offers them
back after a crash, and opens the export, preferences and about dialogs.

The window gains two attributes: ``window.files`` (the controller) and ``window.open_path``
(what ``studio PROJECT`` and drops call).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStandardPaths, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QFileDialog

from studio.export.document import document_for
from studio.io.assets import AssetStore
from studio.io.project import Project, clean_stale_temporaries, load_project, new_design
from studio.model.errors import StudioError
from studio.model.template import Template
from studio.resources import data_dir
from studio.ui._autosave import Autosave, Autosaver, list_autosaves, load_autosave
from studio.ui._start import StartPage, ui_language
from studio.ui._tasks import TaskCancelled, run_in_background
from studio.ui._tasks import cancelled as task_cancelled
from studio.ui.session import EditorSession

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from studio.io.templates import TemplateLibrary
    from studio.ui.dialogs.export import ExportDialog
    from studio.ui.dialogs.preferences import PreferencesDialog
    from studio.ui.dialogs.print_sheet import PrintSheetDialog
    from studio.ui.dialogs.recovery import RecoveryDialog
    from studio.ui.main_window import MainWindow

PROJECT_SUFFIX = ".studio"
DESIGN_JSON = "design.json"


def is_project_file(path: Path) -> bool:
    """Whether ``path`` names something Studio opens as a project (a ``.studio`` or a ``design.json``)."""
    return path.suffix.lower() == PROJECT_SUFFIX or path.name.lower() == DESIGN_JSON


def project_files(mime: QMimeData) -> list[Path]:
    """The project files among dragged data (local files only)."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if is_project_file(p)]


def mark_modified(session: EditorSession) -> None:
    """Make ``session`` count as having unsaved changes (a recovered project differs from its file)."""
    session.stack.reset_clean()


class FileController(QObject):
    """Everything about files for one main window.

    Parameters
    ----------
    window
        The main window; the controller becomes its child.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.autosaver = Autosaver(window)
        self.recovery_offered = False
        self._shown_once = False
        self._dialogs: dict[str, QObject] = {}

        self.start_page = StartPage(lambda: window.library.all(), lambda: window.settings.recent_files)
        self.start_page.product_chosen.connect(self.new_project)
        self.start_page.recent_chosen.connect(self.open_path)
        self.start_page.open_requested.connect(self.open_dialog)
        self.start_page.remove_recent_requested.connect(self.remove_recent)
        self.start_page.clear_recent_requested.connect(self.clear_recent)
        window.set_start_page(self.start_page)

        has_session = self._has_session
        actions = window.action_registry
        actions.bind("file.new", self.show_start)
        actions.bind("file.open", self.open_dialog)
        actions.bind("file.save", self.save, has_session)
        actions.bind("file.save_as", self.save_as, has_session)
        actions.bind("file.export", self.export_dialog, has_session)
        actions.bind("file.print_sheet", self.print_sheet_dialog, has_session)
        actions.bind("file.print", self.print_design, has_session)
        actions.bind("file.close", self.close_project, has_session)
        actions.bind("file.preferences", self.preferences_dialog)
        actions.bind("file.quit", window.close)
        actions.bind("help.about", self.about_dialog)
        actions.bind("help.guide", self.open_guide)

        window.menu("recent").aboutToShow.connect(self.rebuild_recent_menu)
        self.rebuild_recent_menu()
        window.session_changed.connect(self._on_session_changed)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _has_session(self) -> bool:
        return self.window.session is not None

    # -- new and open -----------------------------------------------------------------------------
    def show_start(self) -> None:
        """Close the project (asking about unsaved changes) and show the start page."""
        if self.window.close_session():
            self.start_page.reload_recent()
            self.start_page.search.setFocus()

    def new_project(self, template: Template) -> EditorSession | None:
        """Start a blank design on ``template`` and open it. None if the user kept the open project."""
        try:
            design = new_design(template)
        except StudioError as err:
            self.window.show_error(str(err))
            return None
        project = Project(design=design, template=template, assets=AssetStore(label=template.id))
        if not self.window.close_session():
            return None
        session = EditorSession(project)
        self.window.open_session(session)
        return session

    def open_dialog(self) -> None:
        """Ask for a project file and open it."""
        filters = ";;".join(
            (
                self.tr("Studio projects (*.studio design.json)"),
                self.tr("Studio project (*.studio)"),
                self.tr("Design in JSON form (design.json)"),
            )
        )
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("Open Project"), str(self._last_folder()), filters
        )
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> bool:
        """Open the project at ``path`` (a ``.studio`` file, a ``design.json`` or its folder).

        Problems are shown to the user as one sentence, and the open project stays open.

        Returns
        -------
        bool
            True when the project is open in the window.
        """
        path = Path(path)
        session = self.window.session
        if session is not None and session.path is not None and _same_file(session.path, path):
            return True
        library = self.window.library
        try:
            # In a worker (with progress and Cancel when it lasts), after the open project's
            # recovery copy is up to date: a file that crashes a library costs nothing.
            project, layouts = run_in_background(
                self.window,
                self.tr("Opening “{name}”…").format(name=path.name),
                lambda: _load_and_lay_out(path, library),
                after=self.autosaver.save_before_risk(),
            )
        except TaskCancelled:
            return False
        except StudioError as err:
            self.window.show_error(str(err))
            if not path.exists():
                self.remove_recent(path)
            return False
        except OSError as err:
            self.window.show_error(self.tr("{name}: cannot be read ({reason}).").format(name=path.name, reason=err))
            return False
        if not self.window.close_session():
            return False
        clean_stale_temporaries(project.path or path)
        session = EditorSession(project)
        session.prepared_layouts = layouts
        self.window.open_session(session)
        self._remember(project.path or path)
        return True

    # -- save ------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the project where it came from, or ask where (new projects and ``design.json`` forms)."""
        session = self.window.session
        if session is None:
            return False
        if session.path is None or session.path.suffix.lower() != PROJECT_SUFFIX:
            return self.save_as()
        return self._save_to(session, session.path)

    def save_as(self, path: Path | None = None) -> bool:
        """Save the project under a new name (asked for when ``path`` is None)."""
        session = self.window.session
        if session is None:
            return False
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Save Project As"),
                str(self.suggested_path(session)),
                self.tr("Studio project (*.studio)"),
            )
            if not chosen:
                return False
            path = Path(chosen)
        if path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        return self._save_to(session, path)

    def suggested_path(self, session: EditorSession) -> Path:
        """Where Save As proposes to save ``session``."""
        current = session.path
        if current is not None and current.suffix.lower() == PROJECT_SUFFIX:
            return current
        if current is not None:  # a design.json: beside it, named after its folder
            return current.parent / f"{current.parent.name}{PROJECT_SUFFIX}"
        return self._last_folder() / f"{_safe_name(session.title)}{PROJECT_SUFFIX}"

    def _save_to(self, session: EditorSession, path: Path) -> bool:
        try:
            saved = session.save(path)
        except StudioError as err:
            self.window.show_error(str(err))
            return False
        self._remember(saved)
        self.window.status(self.tr("Saved “{name}”.").format(name=saved.name))
        return True

    def close_project(self) -> bool:
        """Close the project (asking about unsaved changes) and go back to the start page."""
        closed = self.window.close_session()
        if closed:
            self.start_page.reload_recent()
        return closed

    # -- recent files ----------------------------------------------------------------------------
    def _remember(self, path: Path) -> None:
        settings = self.window.settings
        settings.add_recent(path)
        settings.set_value("files/last_folder", str(path.resolve().parent))
        settings.sync()
        self.rebuild_recent_menu()
        self.start_page.reload_recent()

    def _last_folder(self) -> Path:
        folder = self.window.settings.value("files/last_folder")
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            return Path(folder)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def remove_recent(self, path: Path) -> None:
        """Take ``path`` off the recent files."""
        settings = self.window.settings
        with contextlib.suppress(OSError):
            path = path.resolve()
        settings.remove_recent(path)
        settings.sync()
        self.rebuild_recent_menu()
        self.start_page.reload_recent()

    def clear_recent(self) -> None:
        """Forget every recent file."""
        self.window.settings.set_value("recent_files", [])
        self.window.settings.sync()
        self.rebuild_recent_menu()
        self.start_page.reload_recent()

    def rebuild_recent_menu(self) -> None:
        """Fill Open Recent from the settings (missing files are shown but cannot be chosen)."""
        menu = self.window.menu("recent")
        menu.setTitle(self.tr("Open &Recent"))
        menu.clear()
        files = self.window.settings.recent_files
        for number, path in enumerate(files, start=1):
            name = path.name if path.suffix.lower() == PROJECT_SUFFIX else f"{path.parent.name}/{path.name}"
            label = f"&{number} {name}" if number < 10 else f"{number} {name}"
            action = menu.addAction(label.replace("&&", "&"))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
            if not path.exists():
                action.setEnabled(False)
                action.setText(self.tr("{name} (not found)").format(name=label))
        if not files:
            empty = menu.addAction(self.tr("No Recent Projects"))
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("&Clear Recent"), self.clear_recent)
        clear.setObjectName("recent.clear")
        clear.setEnabled(bool(files))

    # -- autosave and recovery -------------------------------------------------------------------
    def offer_recovery(self) -> RecoveryDialog | None:
        """Show the recovery dialog if a crash left recovery copies behind (None when there are none)."""
        self.recovery_offered = True
        found = list_autosaves()
        if not found:
            return None
        from studio.ui.dialogs.recovery import RecoveryDialog

        dialog = RecoveryDialog(found, self.window)
        dialog.recover_requested.connect(self.recover)
        self._dialogs["recovery"] = dialog
        dialog.open()
        return dialog

    def recover(self, autosave: Autosave) -> bool:
        """Open a recovery copy: modified, with its original file remembered.

        Returns
        -------
        bool
            True when the recovered project is open.
        """
        try:
            project = load_autosave(autosave, self.window.library)
        except StudioError as err:
            self.window.show_error(str(err))
            return False
        session = EditorSession(project)
        # The copy is this window's from now on: locked at once, so that no other Studio offers
        # it or deletes it while this one has not written a newer copy yet.
        if not self.autosaver.adopt(session, autosave):
            session.deleteLater()
            self.window.show_error(
                self.tr("“{name}” is being recovered in another Studio window.").format(name=autosave.title)
            )
            return False
        if not self.window.close_session():
            self.autosaver.release(autosave.id)
            session.deleteLater()
            return False
        mark_modified(session)
        self.window.open_session(session)
        self.window.status(self.tr("Recovered “{name}”. Save it to keep the changes.").format(name=session.title))
        return True

    def _on_session_changed(self, session: EditorSession | None) -> None:
        if session is None:
            self.start_page.reload_recent()

    # -- dialogs ---------------------------------------------------------------------------------
    def export_dialog(self) -> ExportDialog | None:
        """Open the export dialog for the open project (window-modal, not blocking)."""
        session = self.window.session
        if session is None:
            return None
        from studio.ui.dialogs.export import ExportDialog

        dialog = ExportDialog(session, self.window.settings, self.window, before_risk=self.autosaver.save_before_risk)
        self._dialogs["export"] = dialog
        dialog.open()
        return dialog

    def print_design(self) -> int:
        """File ▸ Print…: the print areas that carry a design, one a page, at true size; returns the pages printed."""
        session = self.window.session
        if session is None:
            return 0
        from PySide6.QtPrintSupport import QPrintDialog

        from studio.export.document import document_for
        from studio.ui.printing import fits, new_printer, print_pages

        project = Project(
            design=session.design.model_copy(deep=True),
            template=session.template,
            assets=session.project.assets,
            path=None,
        )
        doc = document_for(project, name=session.title)
        try:
            pages = [doc.scene(area_id, bleed=0.0) for area_id in (doc.designed_area_ids() or [session.area_id])]
        except StudioError as error:
            self.window.show_error(str(error))
            return 0
        printer = new_printer()
        printer.setDocName(session.title or "Studio")
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        too_big = [dl for dl in pages if not fits(printer, dl)]
        if too_big:
            # Never scaled to fit: a smaller label would not fit its product.
            dl = too_big[0]
            self.window.show_error(
                self.tr(
                    "The design is {width} × {height} mm, larger than the paper chosen; choose a larger paper."
                ).format(width=f"{dl.page.width:g}", height=f"{dl.page.height:g}")
            )
            return 0
        try:
            return print_pages(printer, pages)
        except OSError as error:
            self.window.show_error(self.tr("Printing failed: {reason}.").format(reason=error))
            return 0

    def print_sheet_dialog(self) -> PrintSheetDialog | None:
        """Open File ▸ Print Sheet… for the open project (window-modal, not blocking)."""
        session = self.window.session
        if session is None:
            return None
        from studio.ui.dialogs.print_sheet import PrintSheetDialog

        dialog = PrintSheetDialog(session, self.window.settings, self.window)
        self._dialogs["print_sheet"] = dialog
        dialog.open()
        return dialog

    def preferences_dialog(self) -> PreferencesDialog:
        """Open the preferences (window-modal, not blocking)."""
        from studio.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.window.settings, self.window)
        dialog.applied.connect(self._on_preferences_applied)
        self._dialogs["preferences"] = dialog
        dialog.open()
        return dialog

    def _on_preferences_applied(self, changed: set[str]) -> None:
        if "template_folders" in changed:
            from studio.io.templates import TemplateLibrary

            default = TemplateLibrary.default()
            self.window.library = TemplateLibrary([*default.folders, *self.window.settings.template_folders])
            self.start_page.reload_products()
        if "language" in changed:
            self.rebuild_recent_menu()

    def about_dialog(self) -> QObject:
        """Show the about box."""
        from studio.ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.window)
        self._dialogs["about"] = dialog
        dialog.open()
        return dialog

    def guide_path(self) -> Path:
        """The user guide in the interface's language."""
        docs = data_dir() / "docs"
        french = docs / "fr" / "guide.md"
        if ui_language() == "fr" and french.is_file():
            return french
        return docs / "user-guide.md"

    def open_guide(self) -> bool:
        """Open the user guide with the system's viewer."""
        path = self.guide_path()
        if not path.is_file():
            self.window.show_error(self.tr("The user guide is not installed ({path}).").format(path=path))
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.window.show_error(self.tr("No program is set up to show {name}.").format(name=path.name))
            return False
        return True

    # -- window events ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            drag: QDragEnterEvent = event  # type: ignore[assignment]
            if project_files(drag.mimeData()):
                drag.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            drop: QDropEvent = event  # type: ignore[assignment]
            paths = project_files(drop.mimeData())
            if paths:
                drop.acceptProposedAction()
                # Not inside the drop: the drag source waits until the handler returns, and
                # opening may ask about unsaved changes.
                QTimer.singleShot(0, lambda p=paths[0]: self.open_path(p))
                return True
        elif kind == QEvent.Type.Close:
            close: QCloseEvent = event  # type: ignore[assignment]
            self.window.closeEvent(close)
            if close.isAccepted():
                self.autosaver.discard_current()  # a normal quit: nothing to recover
            return True
        elif kind == QEvent.Type.Show and not self._shown_once:
            self._shown_once = True
            if not self.recovery_offered:
                QTimer.singleShot(0, self.offer_recovery)
        elif kind == QEvent.Type.LanguageChange:
            self.rebuild_recent_menu()
        return False


def _load_and_lay_out(path: Path, library: TemplateLibrary) -> tuple[Project, dict[str, object]]:
    """Read a project and lay out the layers of its first print area (in a worker thread).

    A large design then costs the GUI thread little more than creating the canvas items.
    """
    project = load_project(path, library)
    layouts: dict[str, object] = {}
    area = project.design.areas.get(project.template.print_areas[0].id)
    if area is not None:
        from studio.ui.canvas.items import prepare_layout

        document = document_for(project, name=path.stem)
        for layer in area.layers:
            if task_cancelled():
                break  # nobody will use them: let the thread go
            layouts[layer.id] = prepare_layout(document, layer)
    return project, layouts


def _same_file(a: Path, b: Path) -> bool:
    try:
        if b.is_dir():
            b = b / DESIGN_JSON
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _safe_name(title: str) -> str:
    cleaned = "".join("-" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in title).strip(" .")
    return cleaned or "Untitled"


def install(window: MainWindow) -> FileController:
    """Add the start page, file handling, autosave and the file and help dialogs to ``window``."""
    controller = FileController(window)
    window.files = controller  # type: ignore[attr-defined]
    window.open_path = controller.open_path  # type: ignore[attr-defined]
    return controller
