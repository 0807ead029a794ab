"""The Layers panel: listing, selection both ways, visibility, renaming, reordering, deleting."""

from __future__ import annotations

import test_panels_support as support
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from test_panels_support import LEFT, jar_session, panel, save_picture

from studio.commands import AddLayer, SetLayerProperties
from studio.model.design import GroupLayer, ShapeLayer
from studio.ui.panels.layer_model import LayerListModel

panel_window = support.panel_window  # the fixture, shared by the panel tests

TOP_FIRST = ["From the garden", "Raw honey", "Wildflowers", "Handmade", "Subtitle", "Hexagon", "Rule", "Name"]


def _names(model: LayerListModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _cell(layers, row: int, column: int):
    index = layers.model.index(row, column)
    return index, layers.view.visualRect(index).center()


def test_lists_the_area_layers_top_first(panel_window, qtbot, tmp_path):
    session = jar_session()
    window = panel_window(session)
    layers = panel(window, "layers")
    assert _names(layers.model)[: len(TOP_FIRST)] == TOP_FIRST
    assert _names(layers.model)[-1] == "Meadow photo"
    assert layers.model.rowCount() == len(session.layers())
    save_picture(window.docks["layers"], tmp_path / "layers.png")


def test_clicking_a_row_selects_the_layer_and_the_other_way(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    layers = panel(window, "layers")
    _index, point = _cell(layers, 1, LayerListModel.NAME)
    qtbot.mouseClick(layers.view.viewport(), LEFT, pos=point)
    assert session.selection == ["raw"]
    _index, point = _cell(layers, 3, LayerListModel.NAME)
    qtbot.mouseClick(layers.view.viewport(), LEFT, Qt.KeyboardModifier.ControlModifier, pos=point)
    assert session.selection == ["raw", "handmade"]

    session.select(["name", "photo"])
    selected = {layers.model.layer_id(i) for i in layers.view.selectionModel().selectedRows()}
    assert selected == {"name", "photo"}


def test_the_eye_hides_the_layer_and_undo_shows_it(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    layers = panel(window, "layers")
    _index, point = _cell(layers, 0, LayerListModel.VISIBLE)
    qtbot.mouseClick(layers.view.viewport(), LEFT, pos=point)
    assert session.layer("garden").visible is False
    assert session.selection == []  # toggling does not select
    session.undo()
    assert session.layer("garden").visible is True
    _index, point = _cell(layers, 0, LayerListModel.LOCKED)
    qtbot.mouseClick(layers.view.viewport(), LEFT, pos=point)
    assert session.layer("garden").locked is True


def test_renaming_in_the_editor_renames_the_layer(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    layers = panel(window, "layers")
    _index, point = _cell(layers, 1, LayerListModel.NAME)
    qtbot.mouseClick(layers.view.viewport(), LEFT, pos=point)
    qtbot.keyClick(layers.view, Qt.Key.Key_F2)
    editor = layers.view.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Honey, raw")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn of the event loop
    qtbot.waitUntil(lambda: session.layer("raw").name == "Honey, raw", timeout=2000)
    assert session.stack.undo_label() == "Rename Layer"


def test_dropping_a_row_reorders_with_one_step(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    layers = panel(window, "layers")
    model = layers.model
    session.select(["raw"])
    # What the view hands the model when "Raw honey" is dragged above "From the garden".
    mime = model.mimeData([model.index(1, 0)])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [layer.id for layer in session.layers()][-2:] == ["garden", "raw"]
    assert _names(model)[:2] == ["Raw honey", "From the garden"]
    assert session.stack.undo_label() == "Change Order"
    assert session.selection == ["raw"]
    assert layers.model.layer_id(layers.view.selectionModel().selectedRows()[0]) == "raw"
    session.undo()
    assert _names(model)[:2] == ["From the garden", "Raw honey"]


def test_dropping_several_rows_keeps_their_order(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    model = panel(window, "layers").model
    mime = model.mimeData([model.index(0, 0), model.index(2, 0)])  # garden, sprig
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, model.rowCount(), 0, QModelIndex())
    assert _names(model)[-2:] == ["From the garden", "Wildflowers"]
    session.undo()
    assert _names(model)[:3] == ["From the garden", "Raw honey", "Wildflowers"]


def test_delete_key_removes_the_selected_layers(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    layers = panel(window, "layers")
    session.select(["rule", "rule-hex"])
    layers.view.setFocus()
    qtbot.keyClick(layers.view, Qt.Key.Key_Delete)
    ids = [layer.id for layer in session.layers()]
    assert "rule" not in ids and "rule-hex" not in ids
    assert layers.model.rowCount() == len(ids)
    session.undo()
    assert layers.model.index_of("rule").isValid()


def test_updates_keep_expanded_groups_and_selection(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    layers = panel(window, "layers")
    group = GroupLayer(
        id="badge", name="Badge", children=[ShapeLayer(id="dot", name="Dot"), ShapeLayer(id="ring", name="Ring")]
    )
    session.push(AddLayer(session.area_id, group))
    badge = layers.model.index_of("badge")
    assert layers.view.isExpanded(badge)
    assert [layers.model.index(r, 0, badge).data() for r in range(2)] == ["Ring", "Dot"]
    session.select(["dot"])
    session.push(SetLayerProperties("garden", {"name": "Garden"}))
    session.push(AddLayer(session.area_id, ShapeLayer(id="new", name="New")))
    assert layers.view.isExpanded(layers.model.index_of("badge"))
    assert layers.model.layer_id(layers.view.selectionModel().selectedRows()[0]) == "dot"
    assert _names(layers.model)[:3] == ["New", "Badge", "Garden"]
    QApplication.processEvents()


def test_the_model_finds_layers_by_id_without_walking_the_design(panel_window, qtbot, monkeypatch):
    session = jar_session()
    window = panel_window(session)
    model = panel(window, "layers").model
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole)
    for row in range(model.rowCount()):  # thumbnails drawn (their drawing builds a small design)
        model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole)
    walks = []
    design_type = type(session.design)
    original_find, original_walk = design_type.find_layer, design_type.walk
    live = session.design  # background checks walk their own copies of the design: those don't count

    def find_layer(self, i):
        if self is live:
            walks.append(i)
        return original_find(self, i)

    def walk(self):
        if self is live:
            walks.append("walk")
        return original_walk(self)

    monkeypatch.setattr(design_type, "find_layer", find_layer)
    monkeypatch.setattr(design_type, "walk", walk)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            model.flags(index)
            for role in roles:
                model.data(index, role)
    assert model.layer_at(model.index_of("raw")) is session.design.area(session.area_id).layers[-2]
    assert walks == []


def test_moving_a_layer_repaints_no_row_and_redraws_no_thumbnail(panel_window, qtbot, monkeypatch):
    from studio.commands import MoveLayers
    from studio.ui.panels import _thumbnails

    session = jar_session()
    window = panel_window(session)
    layers = panel(window, "layers")
    model = layers.model
    for row in range(model.rowCount()):  # every thumbnail drawn once, as the view would
        model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole)
    drawn = []
    original = _thumbnails.LayerThumbnails._render
    monkeypatch.setattr(
        _thumbnails.LayerThumbnails,
        "_render",
        lambda self, layer, v: drawn.append(layer.id) or original(self, layer, v),
    )
    changed, moved = [], []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    for signal in (model.rowsMoved, model.rowsInserted, model.rowsRemoved, model.modelReset):
        signal.connect(lambda *args: moved.append(args))
    for _step in range(5):
        session.push(MoveLayers(["raw"], 1.0, 0.5))
    model.refresh_thumbnails()  # what the timer does a moment after the last change
    for row in range(model.rowCount()):
        model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole)
    assert changed == [] and moved == [] and drawn == []

    # A change of content redraws that row's thumbnail, a moment after the change.
    session.push(SetLayerProperties("raw", {"text": "Honey"}))
    assert changed == []
    qtbot.waitUntil(lambda: changed == [(1, 1)], timeout=3000)
    model.data(model.index(1, 0), Qt.ItemDataRole.DecorationRole)
    assert drawn == ["raw"]
    # Renaming repaints the row at once.
    changed.clear()
    session.push(SetLayerProperties("garden", {"name": "Garden"}))
    assert changed[0] == (0, 0) and _names(model)[0] == "Garden"
