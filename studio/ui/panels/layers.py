"""The Layers panel: the current area's layers, top first, with visibility, lock and order.

Click the eye or the padlock to show/hide or lock/unlock a layer; double-click a name (or press
F2) to rename it; drag rows to change the order; Delete removes the selected layers. The
selection is the editor's selection: choosing rows here selects on the canvas, and the other way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studio.commands import RemoveLayers, ReorderLayer
from studio.model.design import GroupLayer
from studio.model.template import localize
from studio.ui.panels import _icons
from studio.ui.panels._session import SessionPanel, ui_language
from studio.ui.panels._thumbnails import THUMB
from studio.ui.panels.layer_model import LayerListModel
from studio.ui.session import EditorSession

_DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class _NameDelegate(QStyledItemDelegate):
    """Edits a layer's name in a line edit as long as the model allows."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(200)
        editor.setAccessibleName(self.tr("Layer name"))
        editor.setFrame(False)
        return editor


class LayerTreeView(QTreeView):
    """The tree of layers; clicks on the eye and padlock columns toggle without selecting."""

    def __init__(self, panel: LayersPanel) -> None:
        super().__init__(panel)
        self._panel = panel
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setUniformRowHeights(True)
        self.setIconSize(THUMB)
        self.setAllColumnsShowFocus(True)
        self.setAlternatingRowColors(False)
        self.setExpandsOnDoubleClick(False)
        self.setIndentation(14)
        self.setAccessibleName(self.tr("Layers"))
        self.setToolTip(self.tr("Layers, top first. Drag to reorder; double-click a name to rename it."))

    def setModel(self, model: LayerListModel) -> None:  # type: ignore[override]
        super().setModel(model)
        self.setItemDelegateForColumn(LayerListModel.NAME, _NameDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(LayerListModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (LayerListModel.VISIBLE, LayerListModel.LOCKED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 26)
        # Eye and padlock first, as in most design programs; the tree's branches stay with the names.
        header.moveSection(header.visualIndex(LayerListModel.VISIBLE), 0)
        header.moveSection(header.visualIndex(LayerListModel.LOCKED), 1)
        self.setTreePosition(LayerListModel.NAME)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self._model().session is not None:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(16, 24, -16, -16)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(
                rect, int(flags), self.tr("No layers yet. Add text, a photo or clipart from the Insert menu.")
            )
            painter.end()

    def _model(self) -> LayerListModel:
        model = self.model()
        assert isinstance(model, LayerListModel)
        return model

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            if index.column() == LayerListModel.VISIBLE:
                self._model().toggle_visible(index)
                return
            if index.column() == LayerListModel.LOCKED:
                self._model().toggle_locked(index)
                return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.column() != LayerListModel.NAME:
            return  # a quick second click on the eye is a second toggle, handled on press
        if index.isValid() and isinstance(self._model().layer_at(index), GroupLayer) and event.position().x() < 40:
            self.setExpanded(index, not self.isExpanded(index))
            return
        super().mouseDoubleClickEvent(event)

    def event(self, event: QEvent) -> bool:
        # Delete and Backspace belong to this list while it has focus (the window's Delete action
        # would otherwise take them as shortcuts).
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _DELETE_KEYS
            and self.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _DELETE_KEYS and self.state() != QAbstractItemView.State.EditingState:
            self._panel.delete_selected()
            return
        if event.key() == Qt.Key.Key_F2:
            current = self.currentIndex()
            if current.isValid():
                self.edit(current.siblingAtColumn(LayerListModel.NAME))
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        layer = self._model().layer_at(index)
        if layer is None:
            return
        menu = QMenu(self)
        rename = menu.addAction(self.tr("Rename"))
        rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename.triggered.connect(lambda: self.edit(index.siblingAtColumn(LayerListModel.NAME)))
        hide = menu.addAction(
            _icons.icon("eye-off" if layer.visible else "eye"), self.tr("Hide") if layer.visible else self.tr("Show")
        )
        hide.triggered.connect(lambda: self._model().toggle_visible(index))
        lock = menu.addAction(
            _icons.icon("unlock" if layer.locked else "lock"), self.tr("Unlock") if layer.locked else self.tr("Lock")
        )
        lock.triggered.connect(lambda: self._model().toggle_locked(index))
        menu.addSeparator()
        raise_ = menu.addAction(_icons.icon("raise"), self.tr("Bring Forward"))
        raise_.triggered.connect(lambda: self._panel.step_order(+1))
        lower = menu.addAction(_icons.icon("lower"), self.tr("Send Backward"))
        lower.triggered.connect(lambda: self._panel.step_order(-1))
        menu.addSeparator()
        delete = menu.addAction(_icons.icon("delete"), self.tr("Delete"))
        delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        delete.triggered.connect(self._panel.delete_selected)
        menu.exec(event.globalPos())


class LayersPanel(SessionPanel):
    """The Layers dock's content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel.layers")
        self.model = LayerListModel(self)
        self.view = LayerTreeView(self)
        self.view.setModel(self.model)
        self._syncing = False

        self.caption = QLabel()
        self.caption.setObjectName("layers.caption")
        self.caption.setContentsMargins(8, 6, 8, 2)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 4)
        bar.setSpacing(2)
        self.raise_button = self._tool("raise", self.tr("Bring forward"), lambda: self.step_order(+1))
        self.lower_button = self._tool("lower", self.tr("Send backward"), lambda: self.step_order(-1))
        self.delete_button = self._tool("delete", self.tr("Delete the selected layers (Del)"), self.delete_selected)
        bar.addWidget(self.raise_button)
        bar.addWidget(self.lower_button)
        bar.addStretch(1)
        bar.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.setFocusProxy(self.view)

        self.view.selectionModel().selectionChanged.connect(self._view_selection_changed)
        self.model.rowsInserted.connect(self._expand_inserted)
        self.refresh()

    def _tool(self, icon: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(_icons.icon(icon))
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- session ----------------------------------------------------------------------------------
    def attach(self, session: EditorSession) -> None:
        self.listen(session.design_changed, self._design_changed)
        self.listen(session.selection_changed, self._session_selection_changed)
        self.listen(session.area_changed, self._area_changed)

    def refresh(self) -> None:
        self.model.set_session(self.session)
        self.view.expandAll()
        self._update_chrome()
        self._session_selection_changed()

    def _design_changed(self) -> None:
        if self.model.sync():
            # Rows came, went or moved: select them again. (A change that leaves the rows in
            # place, such as a layer dragged on the canvas, keeps the selection as it is.)
            self._session_selection_changed()
        else:
            self._update_chrome()

    def _area_changed(self, _area_id: str) -> None:
        self.model.reset()
        self.view.expandAll()
        self._update_chrome()

    def _update_chrome(self) -> None:
        session = self.session
        layers = session.design.area(session.area_id).layers if session is not None else []
        has_groups = any(isinstance(layer, GroupLayer) for layer in layers)
        if has_groups != self.view.rootIsDecorated():
            self.view.setRootIsDecorated(has_groups)
        if session is None:
            self.caption.setText("")
        else:
            count = len(layers)
            area = localize(session.area.name, ui_language())
            text = self.tr("1 layer on {area}") if count == 1 else self.tr("{count} layers on {area}")
            self.caption.setText(text.format(count=count, area=area))
        has_selection = bool(session and session.selection)
        for button in (self.raise_button, self.lower_button, self.delete_button):
            button.setEnabled(has_selection)

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self.view.expand(self.model.index(row, 0, parent))

    # -- selection, both ways -----------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows(LayerListModel.NAME)
        rows.sort(key=lambda index: self._visual_order(index))
        return [i for i in (self.model.layer_id(index) for index in rows) if i is not None]

    def _visual_order(self, index: QModelIndex) -> tuple[int, ...]:
        path: list[int] = []
        while index.isValid():
            path.insert(0, index.row())
            index = index.parent()
        return tuple(path)

    def _view_selection_changed(self) -> None:
        if self._syncing or self.session is None:
            return
        self._syncing = True
        try:
            self.session.select(self.selected_ids())
        finally:
            self._syncing = False
        self._update_chrome()

    def _session_selection_changed(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            selection = QItemSelection()
            last = QModelIndex()
            for layer_id in self.session.selection if self.session is not None else []:
                index = self.model.index_of(layer_id)
                if index.isValid():
                    selection.select(index, index.siblingAtColumn(LayerListModel.LOCKED))
                    last = index
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            model = self.view.selectionModel()
            model.select(selection, flags)
            if last.isValid():
                model.setCurrentIndex(last, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.view.scrollTo(last)
        finally:
            self._syncing = False
        self._update_chrome()

    # -- edits ------------------------------------------------------------------------------------
    def delete_selected(self) -> None:
        """Delete the selected layers (one undo step)."""
        if self.session is None or not self.session.selection:
            return
        chosen = set(self.session.selection)
        ids = [i for i in self.session.selection if not self._has_chosen_ancestor(i, chosen)]
        self.session.push(RemoveLayers(ids))
        self.session.select([])

    def _has_chosen_ancestor(self, layer_id: str, chosen: set[str]) -> bool:
        # A group's children go with it; naming them too would delete them twice.
        index = self.model.index_of(layer_id).parent()
        while index.isValid():
            if self.model.layer_id(index) in chosen:
                return True
            index = index.parent()
        return False

    def step_order(self, step: int) -> None:
        """Move the selected layer one place up (+1) or down (-1) in its list."""
        session = self.session
        if session is None or len(session.selection) != 1:
            return
        index = self.model.index_of(session.selection[0])
        if not index.isValid():
            return
        siblings = self.model.rowCount(index.parent())
        new_row = index.row() - step  # rows are top first
        if 0 <= new_row < siblings:
            session.push(ReorderLayer(session.selection[0], siblings - 1 - new_row))
