"""The canvas, used as a person would: clicks, drags, keys, menus; checked on the model and on pixels."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from studio.commands import MoveLayers
from studio.export.document import open_document  # noqa: F401 - loads the export stack like the app does
from studio.io.project import load_project
from studio.io.templates import TemplateLibrary
from studio.model.design import GroupLayer, ImageLayer, TextLayer
from studio.ui.canvas import CanvasEditor, style
from studio.ui.canvas.view import CanvasView
from studio.ui.panels.properties import PropertiesPanel
from studio.ui.session import EditorSession

ROOT = Path(__file__).resolve().parents[2]
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def canvas(make_window, qtbot, monkeypatch):
    """A shown main window on the jar-name example; returns (window, session, view)."""
    window = make_window()
    # pytest-qt closes the window before fixtures tear down: no "save changes?" question then.
    monkeypatch.setattr(window, "confirm_discard", lambda: True)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    project = load_project(ROOT / "examples" / "jar-name" / "design.json", TemplateLibrary.default())
    session = EditorSession(project)
    window.open_session(session)
    view = window.findChild(CanvasView)
    assert view is not None
    QApplication.processEvents()
    view.zoom_fit()
    QApplication.processEvents()
    return window, session, view


def at(view: CanvasView, x: float, y: float) -> QPoint:
    """The viewport pixel showing page point (x, y) mm."""
    return view.mapFromScene(QPointF(x, y))


def drag(qtbot, view: CanvasView, start: QPoint, end: QPoint, mods=NONE, steps: int = 8) -> None:
    vp = view.viewport()
    qtbot.mousePress(vp, LEFT, mods, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        qtbot.mouseMove(vp, p)
        # QTest.mouseMove does not carry modifiers: send the move with them.
        if mods != NONE:
            from PySide6.QtCore import QEvent
            from PySide6.QtGui import QMouseEvent

            event = QMouseEvent(
                QEvent.Type.MouseMove, QPointF(p), QPointF(vp.mapToGlobal(p)), Qt.MouseButton.NoButton, LEFT, mods
            )
            QApplication.sendEvent(vp, event)
    qtbot.mouseRelease(vp, LEFT, mods, end)


def set_snap(window, on: bool) -> None:
    action = window.action_registry["view.snap"]
    if action.isChecked() != on:
        action.trigger()


def test_click_selects_the_layer_under_the_pointer(canvas, qtbot):
    _window, session, view = canvas
    qtbot.mouseClick(view.viewport(), LEFT, NONE, at(view, 118, 19.5))
    assert session.selection == ["bee"]
    # Inside the unfilled frame but on nothing else: the frame is picked by its outline only.
    qtbot.mouseClick(view.viewport(), LEFT, NONE, at(view, 78, 30))
    assert session.selection == []
    qtbot.mouseClick(view.viewport(), LEFT, NONE, at(view, 118, 19.5))
    qtbot.mouseClick(view.viewport(), LEFT, SHIFT, at(view, 205, 64))
    assert session.selection == ["bee", "raw"]


def test_drag_moves_by_the_dragged_distance_in_one_undo_step(canvas, qtbot):
    window, session, view = canvas
    set_snap(window, False)
    before = session.layer("bee").transform.model_copy()
    steps_before = session.stack.index
    start = at(view, 118, 19.5)
    end = start + QPoint(90, 45)
    drag(qtbot, view, start, end)
    t = session.layer("bee").transform
    assert t.x - before.x == pytest.approx(90 / view.px_per_mm, abs=0.5)
    assert t.y - before.y == pytest.approx(45 / view.px_per_mm, abs=0.5)
    assert session.stack.index == steps_before + 1
    assert session.stack.undo_label() == "Move"
    session.undo()
    assert session.layer("bee").transform.x == pytest.approx(before.x)
    assert session.layer("bee").transform.y == pytest.approx(before.y)


def test_escape_during_a_drag_puts_the_layer_back_and_records_nothing(canvas, qtbot):
    window, session, view = canvas
    set_snap(window, False)
    session.push(MoveLayers(["raw"], 1.0, 0.0))  # an earlier edit, still open for merging
    before = session.layer("bee").transform.model_copy()
    labels = session.stack.labels()
    start = at(view, 118, 19.5)
    vp = view.viewport()
    qtbot.mousePress(vp, LEFT, NONE, start)
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + QPoint(12 * i, 6 * i))
    assert session.layer("bee").transform.x != pytest.approx(before.x)
    qtbot.keyClick(vp, Qt.Key.Key_Escape)
    qtbot.mouseMove(vp, start + QPoint(90, 45))
    qtbot.mouseRelease(vp, LEFT, NONE, start + QPoint(90, 45))
    after = session.layer("bee").transform
    assert (after.x, after.y) == pytest.approx((before.x, before.y), abs=1e-9)
    assert session.stack.labels() == labels and not session.stack.can_redo()
    session.undo()  # the earlier edit is still there to undo, untouched
    assert session.layer("raw").transform.x == pytest.approx(205.0)


def test_dragging_snaps_to_the_safe_area_and_shows_smart_guides(canvas, qtbot):
    window, session, view = canvas
    set_snap(window, True)
    box = view.page.bounds_of(["bee"])["bee"]
    safe = session.area.safe_rect
    # Drag the bee's top-left corner to 0.3 mm (about a pixel) off the safe area's corner.
    dx, dy = safe.left + 0.3 - box.left, safe.top + 0.3 - box.top
    start = at(view, 118, 19.5)
    vp = view.viewport()
    qtbot.mousePress(vp, LEFT, NONE, start)
    for i in range(1, 9):
        qtbot.mouseMove(vp, start + QPoint(round(dx * view.px_per_mm * i / 8), round(dy * view.px_per_mm * i / 8)))
    guides = list(view.page.overlay.guides)
    qtbot.mouseRelease(vp, LEFT, NONE, start + QPoint(round(dx * view.px_per_mm), round(dy * view.px_per_mm)))
    box = view.page.bounds_of(["bee"])["bee"]
    assert (box.left, box.top) == pytest.approx((safe.left, safe.top), abs=1e-6)
    assert {(g.vertical, round(g.value, 6)) for g in guides} >= {(True, safe.left), (False, safe.top)}
    assert view.page.overlay.guides == []


def test_shift_drag_on_the_rotate_handle_snaps_to_15_degrees(canvas, qtbot):
    _window, session, view = canvas
    session.select(["bee"])
    QApplication.processEvents()
    frame = view.page.overlay.frame
    knob = view.mapFromScene(QPointF(*frame.rotate_handle(view.mm_per_px)))
    assert view.handle_at(knob) == "rotate"
    cx, cy = frame.center()
    centre = at(view, cx, cy)
    # Swing the handle about a third of a turn clockwise.
    radius = math.hypot(knob.x() - centre.x(), knob.y() - centre.y())
    end = centre + QPoint(
        round(radius * math.cos(math.radians(-90 + 37))), round(radius * math.sin(math.radians(-90 + 37)))
    )
    drag(qtbot, view, knob, end, SHIFT)
    rotation = session.layer("bee").transform.rotation
    assert rotation != 0
    assert rotation % 15 == pytest.approx(0, abs=1e-6)
    assert rotation == pytest.approx(30) or rotation == pytest.approx(45)
    assert session.stack.undo_label() == "Rotate"


def test_corner_handle_scales_keeping_the_proportions(canvas, qtbot):
    window, session, view = canvas
    set_snap(window, False)
    session.select(["bee"])
    QApplication.processEvents()
    frame = view.page.overlay.frame
    corner = view.mapFromScene(QPointF(*frame.point("se")))
    anchor = frame.point("nw")
    steps = session.stack.index
    drag(qtbot, view, corner, corner + QPoint(40, 10))
    t = session.layer("bee").transform
    assert t.scale_x > 1.2
    assert t.scale_x == pytest.approx(t.scale_y)
    # The opposite corner stays where it was.
    frame = view.selection_frame()
    assert frame.point("nw") == pytest.approx(anchor, abs=0.05)
    assert session.stack.index == steps + 1


def test_corner_resize_of_text_changes_its_font_size_not_its_scale(canvas, qtbot):
    window, session, view = canvas
    set_snap(window, False)
    layer_id = next(x.id for x in session.layers() if x.name == "Subtitle")
    session.select([layer_id])
    QApplication.processEvents()
    frame = view.page.overlay.frame
    corner = view.mapFromScene(QPointF(*frame.point("se")))
    anchor = frame.point("nw")
    drag(qtbot, view, corner, corner + QPoint(60, 6))
    layer = session.layer(layer_id)
    assert layer.size > 12.0
    assert (layer.transform.scale_x, layer.transform.scale_y) == (1.0, 1.0)
    assert view.selection_frame().point("nw") == pytest.approx(anchor, abs=0.1)
    props = window.findChild(PropertiesPanel)
    QApplication.processEvents()
    assert props.text.size_spin.value() == pytest.approx(layer.size, abs=0.05)
    session.undo()
    assert session.layer(layer_id).size == 10.0


def test_arrow_keys_nudge_by_1_mm_and_shift_by_10(canvas, qtbot):
    _window, session, view = canvas
    session.select(["bee"])
    view.setFocus()
    x, y = session.layer("bee").transform.x, session.layer("bee").transform.y
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert session.layer("bee").transform.x == pytest.approx(x + 1)
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    assert session.layer("bee").transform.y == pytest.approx(y + 10)
    session.undo()
    assert session.layer("bee").transform.y == pytest.approx(y)


def test_rubber_band_selects_the_layers_inside(canvas, qtbot):
    _window, session, view = canvas
    drag(qtbot, view, at(view, -6, -6), at(view, 63, 95))
    assert sorted(session.selection) == ["photo", "photo-edge"]


def test_locked_layers_cannot_be_picked_and_hidden_ones_are_not_drawn(canvas, qtbot):
    window, session, view = canvas
    session.select(["bee"])
    window.action_registry["arrange.lock"].trigger()
    assert session.layer("bee").locked
    assert window.action_registry["arrange.lock"].isChecked()
    session.select([])
    qtbot.mouseClick(view.viewport(), LEFT, NONE, at(view, 118, 19.5))
    assert "bee" not in session.selection
    session.select(["sprig"])
    window.action_registry["arrange.hide"].trigger()
    QApplication.processEvents()
    assert not session.layer("sprig").visible
    assert not view.page.item("sprig").isVisible()


def test_copy_paste_across_areas_gives_new_ids_and_the_same_content(canvas, qtbot):
    window, session, view = canvas
    session.select(["bee", "name"])
    window.action_registry["edit.copy"].trigger()
    session.set_area("lid")
    QApplication.processEvents()
    window.action_registry["edit.paste"].trigger()
    lid = session.design.area("lid").layers
    assert len(lid) == 2
    assert {x.id for x in lid}.isdisjoint({"bee", "name"})
    assert sorted(session.selection) == sorted(x.id for x in lid)
    bee, name = session.layer("bee"), session.layer("name")
    originals = {x.kind: x.model_dump(exclude={"id", "asset"}) for x in (bee, name)}
    for layer in lid:
        assert layer.model_dump(exclude={"id", "asset"}) == originals[layer.kind]
    # The drawing came along by content (a project file would store it as assets/<sha256>.svg).
    (pasted_bee,) = [x for x in lid if x.kind == "vector"]
    assets = session.project.assets
    assert assets.svg(pasted_bee.asset).data == assets.svg(bee.asset).data
    assert view.page.item(lid[0].id) is not None
    # One undo step takes the paste back.
    session.undo()
    assert session.design.area("lid").layers == []


def test_paste_on_the_same_area_offsets_and_duplicate_too(canvas, qtbot):
    window, session, _view = canvas
    session.select(["bee"])
    window.action_registry["edit.copy"].trigger()
    window.action_registry["edit.paste"].trigger()
    (pasted,) = session.selection
    assert session.layer(pasted).transform.x == pytest.approx(118 + 5)
    window.action_registry["edit.duplicate"].trigger()
    (dup,) = session.selection
    assert session.layer(dup).transform.y == pytest.approx(19.5 + 10)


def test_group_and_ungroup_round_trip(canvas, qtbot):
    window, session, view = canvas
    ids = ["bee", "name", "subtitle"]
    before = {i: view.page.bounds_of([i])[i] for i in ids}
    count = len(session.layers())
    session.select(ids)
    window.action_registry["arrange.group"].trigger()
    (group_id,) = session.selection
    group = session.layer(group_id)
    assert isinstance(group, GroupLayer)
    assert [c.id for c in group.children] == ids
    assert len(session.layers()) == count - 2
    box = view.page.bounds_of([group_id])[group_id]
    union = before["bee"].union(before["name"]).union(before["subtitle"])
    assert (box.x, box.y, box.width, box.height) == pytest.approx(
        (union.x, union.y, union.width, union.height), abs=0.01
    )
    # Move the group, then ungroup: the children keep their place on the page.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    window.action_registry["arrange.ungroup"].trigger()
    assert sorted(session.selection) == sorted(ids)
    assert len(session.layers()) == count
    after = view.page.bounds_of(ids)
    for i in ids:
        assert after[i].x == pytest.approx(before[i].x + 10, abs=0.01)
        assert after[i].y == pytest.approx(before[i].y, abs=0.01)


def test_align_left_lines_up_the_bounds(canvas, qtbot):
    window, session, view = canvas
    ids = ["bee", "subtitle", "raw"]
    session.select(ids)
    window.action_registry["arrange.align_left"].trigger()
    lefts = [b.left for b in view.page.bounds_of(ids).values()]
    assert max(lefts) - min(lefts) < 1e-6
    assert session.stack.undo_label() == "Align Left"
    # One layer aligns to the safe area.
    session.select(["bee"])
    window.action_registry["arrange.align_right"].trigger()
    assert view.page.bounds_of(["bee"])["bee"].right == pytest.approx(session.area.safe_rect.right)


def test_distribute_spaces_evenly(canvas, qtbot):
    window, session, view = canvas
    ids = ["bee", "subtitle", "raw"]
    session.select(ids)
    window.action_registry["arrange.distribute_v"].trigger()
    boxes = sorted(view.page.bounds_of(ids).values(), key=lambda b: b.top)
    gaps = [boxes[i + 1].top - boxes[i].bottom for i in range(2)]
    assert gaps[0] == pytest.approx(gaps[1], abs=1e-6)


def test_order_commands(canvas, qtbot):
    window, session, view = canvas
    session.select(["photo"])
    window.action_registry["arrange.bring_to_front"].trigger()
    assert session.layers()[-1].id == "photo"
    window.action_registry["arrange.send_backward"].trigger()
    assert session.layers()[-2].id == "photo"
    window.action_registry["arrange.send_to_back"].trigger()
    assert session.layers()[0].id == "photo"
    assert view.page.item("photo").zValue() < view.page.item("bee").zValue()


def test_zoom_actual_is_real_size_on_this_screen(canvas, qtbot):
    window, _session, view = canvas
    window.action_registry["view.zoom_actual"].trigger()
    a, b = view.mapFromScene(QPointF(0, 0)), view.mapFromScene(QPointF(100, 0))
    assert b.x() - a.x() == pytest.approx(100 * view.logicalDpiX() / 25.4, abs=1)
    window.action_registry["view.zoom_in"].trigger()
    assert view.zoom == pytest.approx(math.sqrt(2))
    window.action_registry["view.zoom_fit"].trigger()
    page = view.mapFromScene(view.page.page_rect()).boundingRect()
    assert view.viewport().rect().contains(page)


def test_ctrl_wheel_zooms_about_the_pointer(canvas, qtbot):
    from PySide6.QtGui import QWheelEvent

    _window, _session, view = canvas
    vp = view.viewport()
    p = at(view, 205, 64)
    before = view.px_per_mm
    event = QWheelEvent(
        QPointF(p), QPointF(vp.mapToGlobal(p)), QPoint(0, 0), QPoint(0, 240),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(vp, event)
    assert view.px_per_mm == pytest.approx(before * 1.25**2)
    after = view.mapToScene(p)
    assert (after.x(), after.y()) == pytest.approx((205, 64), abs=0.3)


def _pixel(image: QImage, p: QPoint) -> QColor:
    return image.pixelColor(p)


def test_pixels_page_background_and_pasteboard(canvas, qtbot):
    _window, session, view = canvas
    session.select([])
    QApplication.processEvents()
    shot = view.viewport().grab().toImage()
    label = _pixel(shot, at(view, 78, 30))
    assert (label.red(), label.green(), label.blue()) == pytest.approx((0xF6, 0xE7, 0xC1), abs=2)
    outside = _pixel(shot, QPoint(4, 4))
    assert outside.name() == style.PASTEBOARD.name()


def test_guides_toggle_changes_pixels_on_the_trim_line(canvas, qtbot):
    window, session, view = canvas
    session.select([])
    QApplication.processEvents()
    points = [at(view, 100, 0), at(view, 150, 0), at(view, 0, 45), at(view, 236, 45)]
    window.action_registry["view.guides"].setChecked(True)
    window.action_registry["view.guides"].trigger()  # off
    assert not window.action_registry["view.guides"].isChecked()
    off = view.viewport().grab().toImage()
    window.action_registry["view.guides"].trigger()  # on
    on = view.viewport().grab().toImage()
    changed = [p for p in points if _pixel(off, p) != _pixel(on, p)]
    assert len(changed) >= 3


def test_rulers_toggle(canvas, qtbot):
    window, _session, _view = canvas
    editor = window.findChild(CanvasEditor)
    assert editor.top_ruler.isVisible()
    window.action_registry["view.rulers"].trigger()
    assert not editor.top_ruler.isVisible() and not editor.left_ruler.isVisible()


def test_dropping_an_image_adds_a_layer_where_dropped(canvas, qtbot, tmp_path):
    _window, session, view = canvas
    path = tmp_path / "dot.png"
    Image.new("RGB", (40, 30), (200, 30, 30)).save(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    vp = view.viewport()
    p = at(view, 150, 30)
    enter = QDragEnterEvent(p, Qt.DropAction.CopyAction, mime, LEFT, NONE)
    QApplication.sendEvent(vp, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(p), Qt.DropAction.CopyAction, mime, LEFT, NONE)
    QApplication.sendEvent(vp, drop)
    top = session.layers()[-1]
    assert isinstance(top, ImageLayer)
    assert top.name == "dot"
    assert (top.transform.x, top.transform.y) == pytest.approx((150, 30), abs=0.5)
    assert session.selection == [top.id]


def test_insert_text_starts_editing_and_typing_is_one_step(canvas, qtbot):
    window, session, _view = canvas
    editor = window.findChild(CanvasEditor)
    window.action_registry["insert.text"].trigger()
    (layer_id,) = session.selection
    layer = session.layer(layer_id)
    assert isinstance(layer, TextLayer) and layer.text == "Your text" and layer.font_family == "Inter"
    assert editor.text_editor.editing
    steps = session.stack.index
    qtbot.keyClicks(editor.text_editor, "Tea Time")
    assert session.layer(layer_id).text == "Tea Time"
    assert session.stack.index == steps + 1
    qtbot.keyClick(editor.text_editor, Qt.Key.Key_Escape)
    assert not editor.text_editor.editing
    session.undo()
    assert session.layer(layer_id).text == "Your text"


def test_double_click_edits_a_text_in_place(canvas, qtbot):
    window, session, view = canvas
    editor = window.findChild(CanvasEditor)
    qtbot.mouseDClick(view.viewport(), LEFT, NONE, at(view, 205, 64))
    assert editor.text_editor.editing and editor.text_editor.layer_id == "raw"
    qtbot.keyClicks(editor.text_editor, "!")
    assert session.layer("raw").text == "RAW HONEY!"
    qtbot.mouseClick(view.viewport(), LEFT, NONE, at(view, 118, 19.5))
    assert not editor.text_editor.editing


def test_insert_shapes_in_the_safe_area(canvas, qtbot):
    window, session, _view = canvas
    for name in ("rectangle", "ellipse", "star", "line"):
        window.action_registry[f"insert.{name}"].trigger()
        layer = session.layer(session.selection[0])
        assert layer.shape == name
        assert (layer.transform.x, layer.transform.y) == pytest.approx(session.area.safe_rect.center)


def test_area_strip_switches_areas(canvas, qtbot):
    window, session, _view = canvas
    editor = window.findChild(CanvasEditor)
    strip = editor.areas
    assert strip.count() == 2
    lid = strip.item(1)
    qtbot.mouseClick(strip.viewport(), LEFT, NONE, strip.visualItemRect(lid).center())
    assert session.area_id == "lid"
    assert not lid.icon().isNull()


def test_every_canvas_widget_has_an_accessible_name(canvas):
    window, _session, _view = canvas
    editor = window.findChild(CanvasEditor)
    from PySide6.QtWidgets import QWidget

    for widget in [editor, *editor.findChildren(QWidget)]:
        if widget.objectName().startswith("canvas.") and widget.isVisible():
            assert widget.accessibleName(), widget.objectName()


def test_paste_a_picture_from_another_program(canvas, qtbot):
    window, session, _view = canvas
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    QApplication.clipboard().setImage(image)
    window.action_registry["edit.paste"].trigger()
    top = session.layers()[-1]
    assert isinstance(top, ImageLayer) and top.name == "Pasted image"
    assert session.project.assets.image(top.asset).size == (64, 48)


def test_middle_button_and_space_drag_pan(canvas, qtbot):
    _window, session, view = canvas
    vp = view.viewport()
    before = view.mapToScene(QPoint(100, 100))
    qtbot.mousePress(vp, Qt.MouseButton.MiddleButton, NONE, QPoint(300, 300))
    qtbot.mouseMove(vp, QPoint(340, 320))
    qtbot.mouseRelease(vp, Qt.MouseButton.MiddleButton, NONE, QPoint(340, 320))
    after = view.mapToScene(QPoint(100, 100))
    assert (before.x() - after.x()) * view.px_per_mm == pytest.approx(40, abs=1)
    assert (before.y() - after.y()) * view.px_per_mm == pytest.approx(20, abs=1)
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    layer_before = session.layer("bee").transform.x
    start = at(view, 118, 19.5)
    qtbot.mousePress(vp, LEFT, NONE, start)
    qtbot.mouseMove(vp, start + QPoint(-30, 0))
    qtbot.mouseRelease(vp, LEFT, NONE, start + QPoint(-30, 0))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert session.layer("bee").transform.x == layer_before
    assert view.mapToScene(QPoint(100, 100)).x() == pytest.approx(after.x() + 30 / view.px_per_mm, abs=0.5)


def test_context_menu_offers_the_layer_commands(canvas):
    _window, _session, view = canvas
    on_layer = [a.objectName() for a in view.context_menu_actions(True) if a is not None]
    assert {"edit.copy", "edit.delete", "arrange.bring_to_front", "arrange.group", "arrange.lock"} <= set(on_layer)
    on_page = [a.objectName() for a in view.context_menu_actions(False) if a is not None]
    assert "edit.paste" in on_page


def test_rulers_in_inches(canvas, settings):
    from studio.ui.canvas.rulers import tick_steps

    window, _session, _view = canvas
    settings.units = "in"
    editor = window.findChild(CanvasEditor)
    editor.set_units("in")
    assert editor.top_ruler.grab().width() > 0
    assert tick_steps(96.0, "in") == (1.0, 8)
    assert tick_steps(4.0, "mm") == (20.0, 10)
    major, _sub = tick_steps(0.5, "mm")
    assert major * 0.5 >= 56


def test_delete_cut_and_select_all(canvas, qtbot):
    window, session, _view = canvas
    window.action_registry["edit.select_all"].trigger()
    assert len(session.selection) == len(session.layers())
    window.action_registry["edit.deselect"].trigger()
    assert session.selection == []
    session.select(["bee"])
    window.action_registry["edit.cut"].trigger()
    assert "bee" not in {x.id for x in session.layers()}
    window.action_registry["edit.paste"].trigger()
    (pasted,) = session.selection
    # The original is gone: the cut layer comes back in place.
    assert session.layer(pasted).transform.x == pytest.approx(118)
    session.select(["raw"])
    window.action_registry["edit.delete"].trigger()
    assert "raw" not in {x.id for x in session.layers()}


def test_guides_stay_on_in_every_project_opened_after_the_first(canvas, qtbot):
    window, _session, view = canvas
    assert window.action_registry["view.guides"].isChecked()
    assert view.page.guides.isVisible()
    for example in ("mug-name", "jar-name"):
        assert window.close_session()
        project = load_project(ROOT / "examples" / example / "design.json", TemplateLibrary.default())
        window.open_session(EditorSession(project))
        QApplication.processEvents()
        assert view.page.guides.isVisible(), f"guides hidden after opening {example}"


def test_the_page_shows_what_it_is_printed_on_and_new_text_reads_on_it(canvas, qtbot):
    window, session, view = canvas
    assert view.page.substrate().name().upper() == "#FFFFFF"  # the jar's paper label
    window.action_registry["insert.text"].trigger()
    on_paper = session.layer(session.selection[0])
    assert on_paper.color.hex == "#1E1E1E"
    assert window.close_session()
    project = load_project(ROOT / "examples" / "tshirt-summit" / "design.json", TemplateLibrary.default())
    shirt = EditorSession(project)
    window.open_session(shirt)
    QApplication.processEvents()
    assert view.page.substrate().name().upper() == "#1F2A44"  # the navy shirt under the front print
    window.action_registry["insert.text"].trigger()
    QApplication.processEvents()
    text = shirt.layer(shirt.selection[0])
    assert text.color.hex == "#FFFFFF"
    assert text.size > 24  # in proportion to a 30 cm print area, not a label
    shot = view.viewport().grab().toImage()
    corner = shot.pixelColor(at(view, 3, 3))
    assert (corner.red(), corner.green(), corner.blue()) == pytest.approx((0x1F, 0x2A, 0x44), abs=3)
    from studio.commands import SetOption

    shirt.push(SetOption("color", "yellow"))
    QApplication.processEvents()
    assert view.page.substrate().name().upper() == "#F2C936"
