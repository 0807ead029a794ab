"""The Clipart panel: browse, search and add the bundled drawings.

The panel is a dock beside the layers: a search field (names and keywords in English and
French, ignoring accents), a category list, and a grid of thumbnails. A click (or Enter)
adds the drawing to the print area being edited; dragging it onto the canvas adds it where it is
dropped (the drag carries the file as ``text/uri-list``, which the canvas imports).

Thumbnails are rasterised with cairosvg on a worker thread when the grid first shows them, and
kept for the rest of the session.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

import cairosvg
from PySide6.QtCore import (
    QAbstractListModel,
    QElapsedTimer,
    QEvent,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from studio.model.errors import StudioError
from studio.ui._clipart_index import Clipart, ClipartLibrary, load_library
from studio.ui.main_window import MainWindow

__all__ = ["ClipartModel", "ClipartPanel", "install", "render_thumbnail"]

THUMBNAIL_SIZE = 72
"""Side of a thumbnail in device-independent pixels."""

_ModelIndex = QModelIndex | QPersistentModelIndex


def render_thumbnail(path: Path, size: int) -> QImage:
    """The drawing in ``path`` rasterised to fit a ``size`` × ``size`` square, centred.

    Safe to call on any thread (only QImage is used). A drawing that cannot be read gives a
    transparent image.
    """
    square = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    square.fill(Qt.GlobalColor.transparent)
    try:
        png = cairosvg.svg2png(url=str(path), output_width=size, unsafe=False)
        image = QImage.fromData(png, "PNG")  # type: ignore[arg-type]
        if image.height() > size:
            png = cairosvg.svg2png(url=str(path), output_height=size, unsafe=False)
            image = QImage.fromData(png, "PNG")  # type: ignore[arg-type]
    except Exception:  # a broken drawing shows as an empty cell, never as a crash
        return square
    painter = QPainter(square)
    painter.drawImage((size - image.width()) // 2, (size - image.height()) // 2, image)
    painter.end()
    return square


class _Relay(QObject):
    """Carries finished thumbnails from the worker threads to the GUI thread."""

    done = Signal(str, int, QImage)


class _ThumbnailJob(QRunnable):
    def __init__(self, path: Path, size: int, relay: _Relay) -> None:
        super().__init__()
        self._path = path
        self._size = size
        self._relay = relay

    def run(self) -> None:
        try:
            image = render_thumbnail(self._path, self._size)
        except Exception:  # a worker must not let an error escape into the thread pool
            image = QImage()
        with contextlib.suppress(RuntimeError):  # the browser was closed while this ran
            self._relay.done.emit(str(self._path), self._size, image)


class ThumbnailCache(QObject):
    """Thumbnails of drawings, rendered off the GUI thread on first request and then kept.

    Signals
    -------
    ready(str)
        The thumbnail for this file path is now available.
    """

    ready = Signal(str)

    def __init__(self, size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self._pixmaps: dict[str, QPixmap] = {}
        self._pending: set[str] = set()
        # The pool is made first so that it is destroyed first, waiting for renders under way
        # while the relay they report to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)

    @property
    def pixel_size(self) -> int:
        """Side of the rendered images in device pixels."""
        return self._size

    def pixmap(self, path: Path) -> QPixmap | None:
        """The thumbnail of ``path`` if it is ready; otherwise start rendering it and return None."""
        key = str(path)
        found = self._pixmaps.get(key)
        if found is not None:
            return found
        if key not in self._pending:
            self._pending.add(key)
            self._pool.start(_ThumbnailJob(path, self._size, self._relay))
        return None

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the renders under way (for tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def _on_done(self, key: str, size: int, image: QImage) -> None:
        self._pending.discard(key)
        if size != self._size:
            return
        self._pixmaps[key] = QPixmap.fromImage(image)
        self.ready.emit(key)


class ClipartModel(QAbstractListModel):
    """The drawings that match the current search and category, with names and thumbnails.

    Parameters
    ----------
    library
        The drawings to show.
    thumbnails
        Where thumbnails come from.
    language
        ``"en"`` or ``"fr"``: the language of names shown.
    """

    PathRole = Qt.ItemDataRole.UserRole + 1
    CategoryRole = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self, library: ClipartLibrary, thumbnails: ThumbnailCache, language: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._thumbnails = thumbnails
        self._language = language
        self._items: list[Clipart] = list(library.items)
        self._query = ""
        self._category: str | None = None
        blank = QPixmap(thumbnails.pixel_size, thumbnails.pixel_size)
        blank.fill(Qt.GlobalColor.transparent)
        self._placeholder = QIcon(blank)
        thumbnails.ready.connect(self._on_thumbnail)

    # -- filtering -----------------------------------------------------------------------------
    @property
    def library(self) -> ClipartLibrary:
        return self._library

    def items(self) -> list[Clipart]:
        """The drawings shown, in order."""
        return list(self._items)

    def item(self, row: int) -> Clipart:
        return self._items[row]

    def set_filter(self, query: str, category: str | None) -> None:
        """Show the drawings of ``category`` (all when None) that match ``query``."""
        if query == self._query and category == self._category:
            return
        self.beginResetModel()
        self._query = query
        self._category = category
        self._items = self._library.search(query, category)
        self.endResetModel()

    def set_language(self, language: str) -> None:
        """Show names in ``language``."""
        self._language = language
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.name(self._language)
        if role == Qt.ItemDataRole.DecorationRole:
            pixmap = self._thumbnails.pixmap(item.path)
            return QIcon(pixmap) if pixmap is not None else self._placeholder
        if role == self.PathRole:
            return str(item.path)
        if role == self.CategoryRole:
            return item.category
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The dragged drawings as file URLs (``text/uri-list``), which the canvas imports."""
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setUrls([QUrl.fromLocalFile(str(self._items[r].path)) for r in rows])
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def _on_thumbnail(self, key: str) -> None:
        for row, item in enumerate(self._items):
            if str(item.path) == key:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class _CellDelegate(QStyledItemDelegate):
    """Every cell the same size: the thumbnail and two lines of name.

    A fixed size lets the grid lay out without asking every drawing for its thumbnail, so
    thumbnails are rendered only when their cells come into view.
    """

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        lines = option.fontMetrics.lineSpacing() * 2
        return QSize(THUMBNAIL_SIZE + 24, THUMBNAIL_SIZE + lines + 12)

    def initStyleOption(self, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        super().initStyleOption(option, index)
        option.displayAlignment = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop


class ClipartPanel(QWidget):
    """Search field, category choice and thumbnail grid of the clipart library.

    Signals
    -------
    chosen(object)
        The user asked to add this :class:`~studio.ui._clipart_index.Clipart` (a click or Enter).
    """

    chosen = Signal(object)

    def __init__(self, library: ClipartLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipart.panel")
        self._library = library
        self._language = _language()
        ratio = self.devicePixelRatioF() if self.devicePixelRatioF() > 0 else 1.0
        self.thumbnails = ThumbnailCache(round(THUMBNAIL_SIZE * ratio), self)

        self.search = QLineEdit(self)
        self.search.setObjectName("clipart.search")
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox(self)
        self.category.setObjectName("clipart.category")
        self.model = ClipartModel(library, self.thumbnails, self._language, self)
        self.view = QListView(self)
        self.view.setObjectName("clipart.grid")
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.view.setItemDelegate(_CellDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setSpacing(2)
        self.empty = QLabel(self)
        self.empty.setObjectName("clipart.empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.category)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

        self._fill_categories()
        self._retranslate()
        self.search.textChanged.connect(self._apply_filter)
        self.search.returnPressed.connect(self._choose_first)
        self.category.currentIndexChanged.connect(self._apply_filter)
        # One click inserts (as in Canva); the second click of a double-click adds nothing more.
        self.view.clicked.connect(self._click)
        self._last_click = (-1, QElapsedTimer())
        self.view.installEventFilter(self)

    # -- what the user sees ------------------------------------------------------------------------
    def set_category(self, category: str | None) -> None:
        """Show one category (None: every category)."""
        row = self.category.findData(category) if category is not None else 0
        if row >= 0:
            self.category.setCurrentIndex(row)

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _fill_categories(self) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for category in self._library.categories:
            if any(item.category == category for item in self._library.items):
                self.category.addItem(self._library.category_name(category, self._language), category)
        row = self.category.findData(current) if current is not None else 0
        self.category.setCurrentIndex(max(row, 0))
        self.category.blockSignals(False)

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search clipart (heart, fleur…)"))
        self.search.setAccessibleName(self.tr("Search clipart"))
        self.search.setToolTip(self.tr("Search by name or keyword, in English or French"))
        self.category.setAccessibleName(self.tr("Clipart category"))
        self.category.setToolTip(self.tr("Show one category of clipart"))
        self.view.setAccessibleName(self.tr("Clipart"))
        self.view.setAccessibleDescription(
            self.tr("Click a drawing to add it to the design, or drag it onto the canvas.")
        )
        self.empty.setText(self.tr("No clipart matches this search."))
        self.category.setItemText(0, self.tr("All categories"))
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.setWindowTitle(self.tr("Clipart"))
            dock.setAccessibleName(self.tr("Clipart"))

    def _apply_filter(self) -> None:
        self.model.set_filter(self.search.text(), self.category.currentData())
        nothing = self.model.rowCount() == 0
        self.empty.setVisible(nothing)
        self.view.setVisible(not nothing)

    def _click(self, index: QModelIndex) -> None:
        row, timer = self._last_click
        if index.row() == row and timer.isValid() and timer.elapsed() < QApplication.doubleClickInterval():
            return
        fresh = QElapsedTimer()
        fresh.start()
        self._last_click = (index.row(), fresh)
        self._choose_index(index)

    def _choose_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self.model.item(index.row()))

    def _choose_first(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self._choose_index(current)
        elif self.model.rowCount() > 0:
            self._choose_index(self.model.index(0))

    # -- Qt ------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._choose_index(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._language = _language()
            self.model.set_language(self._language)
            self._fill_categories()
            self._retranslate()
        super().changeEvent(event)


class ClipartBrowser(QObject):
    """The Clipart dock of one window, and the ``insert.clipart`` action.

    Parameters
    ----------
    window
        The main window to install into.
    library
        The drawings to offer (the bundled library by default).
    """

    def __init__(self, window: MainWindow, library: ClipartLibrary | None = None) -> None:
        super().__init__(window)
        self.setObjectName("clipart.browser")
        self.window = window
        self.panel = ClipartPanel(library if library is not None else _bundled_library(window), window)
        area = Qt.DockWidgetArea.LeftDockWidgetArea
        tabify_with: str | None = None
        layers = window.docks.get("layers")
        if layers is not None:
            tabify_with = "layers"
            found = window.dockWidgetArea(layers)
            if found != Qt.DockWidgetArea.NoDockWidgetArea:
                area = found
        self.dock: QDockWidget = window.add_dock(
            "clipart", self.tr("Clipart"), self.panel, area, tabify_with=tabify_with
        )
        self.dock.setAccessibleName(self.tr("Clipart"))
        self.panel.chosen.connect(self.insert)
        window.action_registry.bind("insert.clipart", self.show_browser, lambda: window.session is not None)

    def show_browser(self) -> None:
        """Show and raise the dock, and put the cursor in its search field."""
        self.dock.setProperty("hidden_by_user", False)
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_search()

    def insert(self, clipart: Clipart) -> None:
        """Add ``clipart`` to the print area being edited, as one undoable step."""
        session = self.window.session
        if session is None:
            return
        try:
            session.import_file(clipart.path, name=clipart.name(_language()))
        except StudioError as err:
            self.window.show_error(str(err))
            return
        self.window.status(self.tr("Added “{name}”.").format(name=clipart.name(_language())))


def _language() -> str:
    """The language names are shown in: ``fr`` when the interface is French, else ``en``."""
    return "fr" if QLocale().name().startswith("fr") else "en"


def _bundled_library(window: MainWindow) -> ClipartLibrary:
    try:
        return load_library()
    except StudioError as err:
        window.status(str(err))
        return ClipartLibrary({}, ())


def install(window: MainWindow) -> ClipartBrowser:
    """Add the Clipart dock to ``window`` and bind ``insert.clipart``."""
    return ClipartBrowser(window)
