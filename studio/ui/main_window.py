"""The main window: menus and toolbar from the action list, a start page, the editor and its docks.

The window itself knows little: each part of the editor (canvas, panels, files and dialogs,
preview) is installed by its own ``install(window)`` function, which adds its widgets and binds
the actions it implements. They all follow :attr:`MainWindow.session`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from studio.io.templates import TemplateLibrary
from studio.ui.actions import ACTIONS, MENUS, ActionRegistry, translate
from studio.ui.session import EditorSession
from studio.ui.settings import Settings


class MainWindow(QMainWindow):
    """Studio's window.

    Signals
    -------
    session_changed(object)
        A project was opened or closed (the new :class:`EditorSession`, or None).
    """

    session_changed = Signal(object)

    def __init__(self, settings: Settings, library: TemplateLibrary) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.settings = settings
        self.library = library
        self.action_registry = ActionRegistry(self)
        self._session: EditorSession | None = None
        self.docks: dict[str, QDockWidget] = {}
        self._dock_titles: dict[str, tuple[str, str]] = {}
        """Each dock's title as (context, English source), re-translated when the language changes."""
        self._menus: dict[str, QMenu] = {}

        self.pages = QStackedWidget(self)
        self._placeholder: QLabel | None = QLabel(
            QCoreApplication.translate("MainWindow", "Choose a product to start.")
        )
        self._start: QWidget = self._placeholder
        self._editor: QWidget = QLabel()
        self.pages.addWidget(self._start)
        self.pages.addWidget(self._editor)
        self.setCentralWidget(self.pages)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.GroupedDragging
        )
        self._build_menus()
        self._build_toolbar()
        self._bind_history()
        self.statusBar()
        screen = self.screen()
        if screen is not None and not screen.availableGeometry().isEmpty():
            available = screen.availableGeometry().size()
            self.resize(min(1600, int(available.width() * 0.9)), min(1000, int(available.height() * 0.9)))
        else:
            self.resize(1440, 900)
        self._update_title()

    # -- structure ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        for menu_id, title in MENUS:
            if "." in menu_id:
                parent = self._menus[menu_id.split(".")[0]]
                menu = parent.addMenu(translate(title))
            else:
                menu = bar.addMenu(translate(title))
            menu.setObjectName(f"menu.{menu_id}")
            self._menus[menu_id] = menu
        separators_before = {"file.save", "file.export", "file.preferences", "file.quit", "edit.cut", "edit.select_all"}
        separators_before |= {
            "insert.rectangle",
            "insert.qr_code",
            "arrange.bring_forward",
            "arrange.lock",
            "view.guides",
        }
        for spec in ACTIONS:
            menu = self._menus[spec.menu]
            if spec.id in separators_before:
                menu.addSeparator()
            menu.addAction(self.action_registry[spec.id])
        recent = QMenu(_open_recent_title(), self)
        recent.setObjectName("menu.recent")
        self._menus["recent"] = recent
        self._menus["file"].insertMenu(self.action_registry["file.save"], recent)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(_toolbar_title(), self)
        toolbar.setObjectName("toolbar.main")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        groups = [("file.",), ("edit.",), ("insert.",)]
        for (prefix,) in groups:
            for spec in ACTIONS:
                if spec.toolbar and spec.id.startswith(prefix):
                    toolbar.addAction(self.action_registry[spec.id])
            toolbar.addSeparator()
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def menu(self, menu_id: str) -> QMenu:
        """A menu by id (``file``, ``edit``, ``insert``, ``arrange``, ``view``, ``help``, ``recent``)."""
        return self._menus[menu_id]

    def add_dock(
        self,
        dock_id: str,
        title: str | None,
        widget: QWidget,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
        *,
        tabify_with: str | None = None,
        title_source: tuple[str, str] | None = None,
    ) -> QDockWidget:
        """Add a dockable panel (shown only while a project is open).

        ``title_source`` is the title as ``(context, English source)``: the window translates it
        now and again whenever the language changes (``title`` may then be None). A plain, already
        translated ``title`` stays as given, unless the dock is one of :data:`_KNOWN_DOCK_TITLES`.
        """
        if title_source is None:
            known = _KNOWN_DOCK_TITLES.get(dock_id)
            if known is not None and title in (known[1], QCoreApplication.translate(*known)):
                title_source = known
        if title_source is not None:
            self._dock_titles[dock_id] = title_source
            title = QCoreApplication.translate(*title_source)
        dock = QDockWidget(title or "", self)
        dock.setObjectName(f"dock.{dock_id}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        if tabify_with is not None and tabify_with in self.docks:
            self.tabifyDockWidget(self.docks[tabify_with], dock)
            self.docks[tabify_with].raise_()
        self.docks[dock_id] = dock
        self._menus["view"].addAction(dock.toggleViewAction())
        dock.setVisible(self._session is not None)
        return dock

    def set_start_page(self, widget: QWidget) -> None:
        self.pages.removeWidget(self._start)
        self._start.deleteLater()
        self._start = widget
        self._placeholder = None
        self.pages.insertWidget(0, widget)
        if self._session is None:
            self.pages.setCurrentWidget(widget)

    def set_editor(self, widget: QWidget) -> None:
        """The central editor (the canvas and what surrounds it)."""
        self.pages.removeWidget(self._editor)
        self._editor.deleteLater()
        self._editor = widget
        self.pages.insertWidget(1, widget)
        if self._session is not None:
            self.pages.setCurrentWidget(widget)

    # -- the open project ---------------------------------------------------------------------
    @property
    def session(self) -> EditorSession | None:
        return self._session

    def open_session(self, session: EditorSession) -> None:
        """Show ``session`` in the editor (the caller has closed the previous one)."""
        if self._session is not None:
            self._session.deleteLater()
        self._session = session
        session.setParent(self)
        session.modified_changed.connect(lambda _m: self._update_title())
        session.file_changed.connect(self._update_title)
        session.design_changed.connect(self.action_registry.update)
        session.design_changed.connect(self._label_history)
        session.selection_changed.connect(self.action_registry.update)
        self.pages.setCurrentWidget(self._editor)
        for dock in self.docks.values():
            dock.setVisible(not dock.property("hidden_by_user"))
        self.session_changed.emit(session)
        self.action_registry.update()
        self._update_title()

    def close_session(self) -> bool:
        """Close the open project, asking about unsaved changes. False if the user cancelled."""
        session = self._session
        if session is None:
            return True
        if session.is_modified and not self.confirm_discard():
            return False
        self._session = None
        for dock in self.docks.values():
            dock.setVisible(False)
        self.pages.setCurrentWidget(self._start)
        self.session_changed.emit(None)
        session.deleteLater()
        self.action_registry.update()
        self._update_title()
        return True

    def confirm_discard(self) -> bool:
        """Ask what to do with unsaved changes; True when it is fine to go on."""
        session = self._session
        if session is None or not session.is_modified:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("MainWindow", "Unsaved changes"))
        box.setText(
            QCoreApplication.translate("MainWindow", "Save the changes to “{name}” before closing?").format(
                name=session.title
            )
        )
        box.setInformativeText(
            QCoreApplication.translate("MainWindow", "If you don't save, your changes will be lost.")
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            self.action_registry["file.save"].trigger()
            return not session.is_modified
        return answer == QMessageBox.StandardButton.Discard

    def status(self, message: str, msecs: int = 5000) -> None:
        self.statusBar().showMessage(message, msecs)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, QCoreApplication.translate("MainWindow", "Studio"), message)

    # -- undo and redo are the window's own ------------------------------------------------------
    def _bind_history(self) -> None:
        def can_undo() -> bool:
            return self._session is not None and self._session.stack.can_undo()

        def can_redo() -> bool:
            return self._session is not None and self._session.stack.can_redo()

        self.action_registry.bind("edit.undo", self._undo, can_undo)
        self.action_registry.bind("edit.redo", self._redo, can_redo)
        self.session_changed.connect(lambda _s: self._label_history())

    def _undo(self) -> None:
        if self._session is not None:
            self._session.undo()

    def _redo(self) -> None:
        if self._session is not None:
            self._session.redo()

    def _label_history(self) -> None:
        session = self._session
        undo, redo = self.action_registry["edit.undo"], self.action_registry["edit.redo"]
        undo_label = session.stack.undo_label() if session else None
        redo_label = session.stack.redo_label() if session else None
        undo.setText(
            QCoreApplication.translate("MainWindow", "&Undo {action}").format(action=_command_label(undo_label))
            if undo_label
            else QCoreApplication.translate("MainWindow", "&Undo")
        )
        redo.setText(
            QCoreApplication.translate("MainWindow", "&Redo {action}").format(action=_command_label(redo_label))
            if redo_label
            else QCoreApplication.translate("MainWindow", "&Redo")
        )

    def _update_title(self) -> None:
        session = self._session
        if session is None:
            self.setWindowTitle("Studio")
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{session.title}[*] — Studio")
        self.setWindowModified(session.is_modified)
        self._label_history()

    # -- Qt -----------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.action_registry.retranslate()
            self._label_history()
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """Menu titles, the toolbar's name and the dock titles in the current language."""
        for menu_id, title in MENUS:
            self._menus[menu_id].setTitle(translate(title))
        self._menus["recent"].setTitle(_open_recent_title())
        self.toolbar.setWindowTitle(_toolbar_title())
        for dock_id, source in self._dock_titles.items():
            dock = self.docks.get(dock_id)
            if dock is not None:
                dock.setWindowTitle(QCoreApplication.translate(*source))
        if self._placeholder is not None:
            self._placeholder.setText(QCoreApplication.translate("MainWindow", "Choose a product to start."))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._session is not None and self._session.is_modified and not self.confirm_discard():
            event.ignore()
            return
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/state", self.saveState())
        event.accept()


_KNOWN_DOCK_TITLES: dict[str, tuple[str, str]] = {
    "preview": ("PreviewPanel", "Mockup"),
    "clipart": ("ClipartBrowser", "Clipart"),
}
"""Titles of docks whose parts pass a plain, translated title (studio/ui/preview.py and clipart.py),
so that a language change re-translates them too."""


def _open_recent_title() -> str:
    return QCoreApplication.translate("MainWindow", "Open &Recent")


def _toolbar_title() -> str:
    return QCoreApplication.translate("MainWindow", "Main toolbar")


def _command_label(label: str) -> str:
    """A command's label in the current language (commands are named in English in the model)."""
    return QCoreApplication.translate("Commands", label)
