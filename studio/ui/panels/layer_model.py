"""The layers of the print area being edited, as a Qt item model (top layer first, groups as branches).

The model follows the session: after every design change it works out what moved, appeared or
went away and tells the views row by row (``rowsRemoved``, ``rowsMoved``, ``rowsInserted``), so
that the tree keeps its expanded groups, its selection and its scroll position. Edits made
through the model (renaming, showing, locking, dragging rows) are pushed as commands.

Dragging a layer on the canvas changes the design on every pointer move, so a change costs the
model little: it keeps the area's layers by id (looked up on every ``data()`` call, never by
walking the design), repaints only the rows whose name, visibility or lock changed (a move
repaints nothing), and redraws thumbnails a moment after the last change, only those whose
content changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from studio.commands import ReorderLayer, SetLayerProperties
from studio.model.design import AnyLayer, CodeLayer, GroupLayer, ImageLayer, ShapeLayer, TextLayer, VectorLayer
from studio.ui.panels import _icons
from studio.ui.panels._thumbnails import LayerThumbnails, framed
from studio.ui.session import EditorSession

MIME_TYPE = "application/x-studio-layers"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
THUMBNAIL_DELAY_MS = 500
"""How long after the last change the thumbnails of changed layers are redrawn."""


def _row_look(layer: AnyLayer) -> tuple[object, ...]:
    """What a row shows of a layer apart from its thumbnail (a move changes none of it)."""
    return (type(layer), layer.name, layer.visible, layer.locked, getattr(layer, "shape", None))


class _Node:
    """One row: a layer id, the row above it in the tree, and its rows (top first)."""

    __slots__ = ("children", "layer_id", "parent")

    def __init__(self, layer_id: str | None) -> None:
        self.layer_id = layer_id
        self.parent: _Node | None = None
        self.children: list[_Node] = []

    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


class LayerListModel(QAbstractItemModel):
    """The current area's layers: column 0 the name (with a thumbnail), 1 visibility, 2 lock.

    Rows are top layer first (the reverse of the model's bottom-to-top lists), as every design
    program shows them.
    """

    NAME, VISIBLE, LOCKED = 0, 1, 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session: EditorSession | None = None
        self._root = _Node(None)
        self._nodes: dict[str, _Node] = {}
        self._thumbnails: LayerThumbnails | None = None
        # The shown area's layers by id, and what their rows show: refreshed on every change.
        self._layers: dict[str, AnyLayer] = {}
        self._looks: dict[str, tuple[object, ...]] = {}
        self._structure: dict[str | None, list[str]] = {}
        # Thumbnails as drawn in the rows, with the content key they were drawn for.
        self._decorations: dict[str, tuple[str, QPixmap]] = {}
        self._thumbnail_timer = QTimer(self)
        self._thumbnail_timer.setSingleShot(True)
        self._thumbnail_timer.setInterval(THUMBNAIL_DELAY_MS)
        self._thumbnail_timer.timeout.connect(self.refresh_thumbnails)

    # -- following the session ----------------------------------------------------------------------
    @property
    def session(self) -> EditorSession | None:
        return self._session

    def set_session(self, session: EditorSession | None) -> None:
        """Show ``session``'s current area (or nothing)."""
        self.beginResetModel()
        self._thumbnail_timer.stop()
        if session is not self._session:
            self._decorations = {}
        self._session = session
        self._thumbnails = LayerThumbnails(session.document) if session is not None else None
        self._root = _Node(None)
        self._nodes = {}
        self._layers = {}
        self._looks = {}
        self._structure = {}
        if session is not None:
            wanted = self._wanted()
            self._fill(self._root, wanted)
            self._structure = wanted
            self._looks = {layer_id: _row_look(layer) for layer_id, layer in self._layers.items()}
        self.endResetModel()

    def reset(self) -> None:
        """Rebuild from scratch (another area is shown)."""
        self.set_session(self._session)

    def sync(self) -> bool:
        """Bring the rows in line with the design, row by row; True if rows came, went or moved.

        Rows whose look did not change (a layer that was only moved) are not repainted; the
        thumbnails of layers whose content changed are redrawn a moment after the last change.
        """
        if self._session is None:
            return False
        wanted = self._wanted()
        structure_changed = wanted != self._structure
        if structure_changed:
            self._prune(self._root, wanted)
            self._graft(self._root, wanted)
            self._structure = wanted
        for layer_id, layer in self._layers.items():
            look = _row_look(layer)
            if self._looks.get(layer_id) != look:
                self._looks[layer_id] = look
                if not structure_changed:
                    self._row_changed(layer_id)
        if len(self._looks) > len(self._layers):
            self._looks = {i: look for i, look in self._looks.items() if i in self._layers}
        if structure_changed:
            self._refresh(self._root)
        self._thumbnail_timer.start()
        return structure_changed

    def _row_changed(self, layer_id: str, first: int = 0, last: int = LOCKED) -> None:
        node = self._nodes.get(layer_id)
        if node is not None and node.parent is not None:
            row = node.row()
            self.dataChanged.emit(self.createIndex(row, first, node), self.createIndex(row, last, node))

    def refresh_thumbnails(self) -> None:
        """Redraw the thumbnails of the layers whose content changed since they were drawn."""
        self._thumbnail_timer.stop()
        if self._thumbnails is None:
            return
        for layer_id, (key, _picture) in list(self._decorations.items()):
            layer = self._layers.get(layer_id)
            if layer is None:
                del self._decorations[layer_id]
            elif self._thumbnails.key(layer) != key:
                del self._decorations[layer_id]
                self._row_changed(layer_id, self.NAME, self.NAME)

    def _wanted(self) -> dict[str | None, list[str]]:
        """Layer ids under each parent (None: the area), top first; refreshes the id to layer map."""
        assert self._session is not None
        out: dict[str | None, list[str]] = {}
        layers_by_id: dict[str, AnyLayer] = {}

        def visit(key: str | None, layers: Sequence[AnyLayer]) -> None:
            out[key] = [layer.id for layer in reversed(layers)]
            for layer in layers:
                layers_by_id[layer.id] = layer
                if isinstance(layer, GroupLayer):
                    visit(layer.id, layer.children)

        visit(None, self._session.design.area(self._session.area_id).layers)
        self._layers = layers_by_id
        return out

    def _node(self, layer_id: str) -> _Node:
        node = self._nodes.get(layer_id)
        if node is None:
            node = self._nodes[layer_id] = _Node(layer_id)
        return node

    def _fill(self, node: _Node, wanted: dict[str | None, list[str]]) -> None:
        node.children = []
        for layer_id in wanted.get(node.layer_id, []):
            child = self._node(layer_id)
            child.parent = node
            self._fill(child, wanted)
            node.children.append(child)

    def _prune(self, node: _Node, wanted: dict[str | None, list[str]]) -> None:
        """Remove rows that left ``node`` and put the remaining ones in their new order."""
        keep = wanted.get(node.layer_id, [])
        keep_set = set(keep)
        parent = self._index_of_node(node)
        for row in reversed(range(len(node.children))):
            if node.children[row].layer_id not in keep_set:
                self.beginRemoveRows(parent, row, row)
                node.children.pop(row).parent = None
                self.endRemoveRows()
        present = {child.layer_id for child in node.children}
        target = [layer_id for layer_id in keep if layer_id in present]
        for pos, layer_id in enumerate(target):
            current = next(i for i, c in enumerate(node.children) if c.layer_id == layer_id)
            if current != pos:
                self.beginMoveRows(parent, current, current, parent, pos)
                node.children.insert(pos, node.children.pop(current))
                self.endMoveRows()
        for child in node.children:
            self._prune(child, wanted)

    def _graft(self, node: _Node, wanted: dict[str | None, list[str]]) -> None:
        """Insert the rows that are new under ``node`` (after :meth:`_prune`)."""
        parent = self._index_of_node(node)
        inserted: set[str] = set()
        for pos, layer_id in enumerate(wanted.get(node.layer_id, [])):
            if pos < len(node.children) and node.children[pos].layer_id == layer_id:
                continue
            child = self._node(layer_id)
            self.beginInsertRows(parent, pos, pos)
            child.parent = node
            self._fill(child, wanted)
            node.children.insert(pos, child)
            self.endInsertRows()
            inserted.add(layer_id)
        for child in node.children:
            if child.layer_id not in inserted:
                self._graft(child, wanted)

    def _refresh(self, node: _Node) -> None:
        if node.children:
            parent = self._index_of_node(node)
            last = len(node.children) - 1
            self.dataChanged.emit(self.index(0, 0, parent), self.index(last, self.LOCKED, parent))
            for child in node.children:
                self._refresh(child)

    # -- looking things up ------------------------------------------------------------------------------
    def _index_of_node(self, node: _Node, column: int = 0) -> QModelIndex:
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), column, node)

    def _node_at(self, index: Index) -> _Node:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, _Node)
        return node

    def index_of(self, layer_id: str, column: int = 0) -> QModelIndex:
        """The index of a layer's row (invalid if it is not shown)."""
        node = self._nodes.get(layer_id)
        if node is None or node.parent is None or not self._attached(node):
            return QModelIndex()
        return self._index_of_node(node, column)

    def _attached(self, node: _Node) -> bool:
        while node.parent is not None:
            if node not in node.parent.children:
                return False
            node = node.parent
        return node is self._root

    def layer_id(self, index: Index) -> str | None:
        return self._node_at(index).layer_id if index.isValid() else None

    def layer_at(self, index: Index) -> AnyLayer | None:
        layer_id = self.layer_id(index)
        if layer_id is None or self._session is None:
            return None
        return self._layers.get(layer_id)

    def layer_ids(self) -> list[str]:
        """Every row's layer id, depth first, top first."""
        out: list[str] = []

        def visit(node: _Node) -> None:
            for child in node.children:
                assert child.layer_id is not None
                out.append(child.layer_id)
                visit(child)

        visit(self._root)
        return out

    # -- QAbstractItemModel -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node_at(parent)
        if 0 <= row < len(node.children) and 0 <= column < 3:
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self._node_at(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self._index_of_node(up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node_at(parent).children)

    def columnCount(self, _parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsEditable
        if isinstance(self.layer_at(index), GroupLayer):
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        layer = self.layer_at(index)
        if layer is None:
            return None
        column = index.column()
        if role == ID_ROLE:
            return layer.id
        if column == self.NAME:
            return self._name_data(layer, role)
        if column == self.VISIBLE:
            if role == Qt.ItemDataRole.DecorationRole:
                return _icons.icon("eye" if layer.visible else "eye-off")
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("Hide this layer") if layer.visible else self.tr("Show this layer")
        if column == self.LOCKED:
            if role == Qt.ItemDataRole.DecorationRole:
                return _icons.icon("lock" if layer.locked else "unlock")
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("Unlock this layer") if layer.locked else self.tr("Lock this layer")
        return None

    def _name_data(self, layer: AnyLayer, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return layer.name or self.kind_name(layer)
        if role == Qt.ItemDataRole.EditRole:
            return layer.name or self.kind_name(layer)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(layer)
        if role == Qt.ItemDataRole.ToolTipRole:
            states = []
            if not layer.visible:
                states.append(self.tr("hidden"))
            if layer.locked:
                states.append(self.tr("locked"))
            suffix = f" ({', '.join(states)})" if states else ""
            return f"{self.kind_name(layer)}: {layer.display_name()}{suffix}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.kind_name(layer)} {layer.display_name()}"
        if role == Qt.ItemDataRole.ForegroundRole and not layer.visible:
            color = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return QColor(color)
        if role == Qt.ItemDataRole.FontRole and not layer.visible:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _decoration(self, layer: AnyLayer) -> QPixmap:
        drawn = self._decorations.get(layer.id)
        if drawn is not None:
            return drawn[1]
        fallback = _icons.pixmap(layer.kind, 18)
        if self._thumbnails is None:
            return framed(None, fallback)
        key = self._thumbnails.key(layer)
        tile = framed(self._thumbnails.get(layer, key=key), fallback)
        self._decorations[layer.id] = (key, tile)
        return tile

    def kind_name(self, layer: AnyLayer) -> str:
        """What kind of layer this is, in the interface's language."""
        if isinstance(layer, TextLayer):
            return self.tr("Text")
        if isinstance(layer, ImageLayer):
            return self.tr("Photo")
        if isinstance(layer, VectorLayer):
            return self.tr("Artwork")
        if isinstance(layer, ShapeLayer):
            names = {
                "rectangle": self.tr("Rectangle"),
                "ellipse": self.tr("Ellipse"),
                "polygon": self.tr("Polygon"),
                "star": self.tr("Star"),
                "line": self.tr("Line"),
            }
            return names[layer.shape]
        if isinstance(layer, CodeLayer):
            return self.tr("QR code") if layer.symbology == "qr" else self.tr("Barcode")
        return self.tr("Group")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        layer = self.layer_at(index)
        if layer is None or self._session is None:
            return False
        if role == Qt.ItemDataRole.EditRole and index.column() == self.NAME:
            name = str(value).strip()[:200]
            if name == layer.name or (not layer.name and name == self.kind_name(layer)):
                return False
            self._session.push(SetLayerProperties(layer.id, {"name": name}, label="Rename Layer"))
            return True
        return False

    # -- toggles --------------------------------------------------------------------------------------
    def toggle_visible(self, index: Index) -> None:
        layer = self.layer_at(index)
        if layer is not None and self._session is not None:
            label = "Hide Layer" if layer.visible else "Show Layer"
            self._session.push(SetLayerProperties(layer.id, {"visible": not layer.visible}, label=label))

    def toggle_locked(self, index: Index) -> None:
        layer = self.layer_at(index)
        if layer is not None and self._session is not None:
            label = "Unlock Layer" if layer.locked else "Lock Layer"
            self._session.push(SetLayerProperties(layer.id, {"locked": not layer.locked}, label=label))

    # -- drag and drop ------------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(i for i in (self.layer_id(index) for index in indexes) if i is not None))
        mime = QMimeData()
        area = self._session.area_id if self._session is not None else ""
        mime.setData(MIME_TYPE, json.dumps({"area": area, "ids": ids}).encode())
        return mime

    def _dragged(self, data: QMimeData) -> list[str]:
        if self._session is None or not data.hasFormat(MIME_TYPE):
            return []
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        except (ValueError, UnicodeDecodeError):
            return []
        if not isinstance(payload, dict) or payload.get("area") != self._session.area_id:
            return []
        return [i for i in payload.get("ids", []) if isinstance(i, str) and i in self._nodes]

    def _drop_target(self, ids: list[str], row: int, parent: Index) -> tuple[_Node, int] | None:
        """Where a drop lands: the parent row and the position in it, or None if refused.

        Layers are reordered within their own list; moving them into or out of a group by
        dragging is not offered (Group and Ungroup do that).
        """
        if not ids:
            return None
        owners = {self._nodes[i].parent for i in ids}
        if len(owners) != 1:
            return None
        owner = owners.pop()
        target = self._node_at(parent)
        if row < 0 and parent.isValid() and target is not owner:
            # Dropped onto a row: put the layers above it, in that row's list.
            row, target = target.row(), target.parent if target.parent is not None else self._root
        if row < 0:
            row = 0
        if target is not owner:
            return None
        return owner, row

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and self._drop_target(self._dragged(data), row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        ids = self._dragged(data)
        found = self._drop_target(ids, row, parent)
        if found is None or self._session is None:
            return False
        owner, row = found
        self.move_rows(owner, ids, row)
        return True

    def move_layers(self, layer_ids: Sequence[str], row: int) -> None:
        """Move layers that share a list to ``row`` of that list (rows counted top first)."""
        ids = [i for i in layer_ids if i in self._nodes]
        found = self._drop_target(ids, row, self._index_of_node(self._nodes[ids[0]].parent or self._root))
        if found is not None:
            self.move_rows(found[0], ids, found[1])

    def move_rows(self, owner: _Node, ids: Sequence[str], row: int) -> None:
        """Push the commands that put ``ids`` (rows of ``owner``) before row ``row``."""
        assert self._session is not None
        order = [c.layer_id for c in owner.children if c.layer_id is not None]
        moving = [i for i in order if i in set(ids)]
        before = sum(1 for i in order[:row] if i not in set(ids))
        rest = [i for i in order if i not in set(ids)]
        new_order = [*rest[:before], *moving, *rest[before:]]
        if new_order == order:
            return
        count = len(order)
        bottom_first = list(reversed(new_order))
        if len(moving) == 1:
            self._session.push(ReorderLayer(moving[0], bottom_first.index(moving[0])))
            return
        current = list(reversed(order))
        with self._session.stack.group("Change Order"):
            for position in range(count):
                wanted = bottom_first[position]
                if current[position] != wanted:
                    self._session.push(ReorderLayer(wanted, position))
                    current.insert(position, current.pop(current.index(wanted)))
