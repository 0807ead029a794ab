"""The Properties panel: text size, font, colour, fields, picture, shape, background, multi-selection."""

from __future__ import annotations

import test_panels_support as support
from PySide6.QtCore import Qt
from test_panels_support import LEFT, ROOT, jar_session, panel, save_picture

from studio.model.color import Color
from studio.ui.panels.color_button import RecentColors
from studio.ui.panels.properties import PropertiesPanel

panel_window = support.panel_window  # the fixture, shared by the panel tests


def _properties(window) -> PropertiesPanel:
    widget = panel(window, "properties")
    assert isinstance(widget, PropertiesPanel)
    return widget


def test_size_spinbox_steps_are_one_undo_step(panel_window, qtbot, tmp_path):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["subtitle"])
    assert props.text.isVisible() and not props.image.isVisible()
    steps_before = len(session.stack.labels())
    props.text.size_spin.setFocus()
    for _ in range(4):
        qtbot.keyClick(props.text.size_spin, Qt.Key.Key_Up)
    assert session.layer("subtitle").size == 14
    assert len(session.stack.labels()) == steps_before + 1
    qtbot.keyClick(props.text.size_spin, Qt.Key.Key_Return)  # the gesture ends
    qtbot.keyClick(props.text.size_spin, Qt.Key.Key_Up)
    assert len(session.stack.labels()) == steps_before + 2
    session.undo()
    session.undo()
    assert session.layer("subtitle").size == 10
    assert props.text.size_spin.value() == 10
    save_picture(window.docks["properties"], tmp_path / "properties-text.png")


def test_font_picker_lists_bundled_families_and_sets_the_family(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["garden"])
    picker = props.text.font_picker
    families = picker.families()
    for family in ("Lobster", "Bebas Neue", "Dancing Script", "Inter", "Lato"):
        assert family in families
    assert picker.family() == "Dancing Script"
    picker.showPopup()
    row = families.index("Lobster")
    view = picker.view()
    view.setCurrentIndex(picker.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert session.layer("garden").font_family == "Lobster"
    assert session.layer("garden").font_style == "Regular"


def test_colour_choice_sets_the_text_colour_and_is_remembered(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["name"])
    props.text.color.choose(Color(hex="#1F2A44"))
    assert session.layer("name").color == Color(hex="#1F2A44")
    assert RecentColors.shared().hexes()[0] == "#1F2A44"
    props.text.color.hex.setFocus()
    props.text.color.hex.selectAll()
    qtbot.keyClicks(props.text.color.hex, "#B3202A")
    qtbot.keyClick(props.text.color.hex, Qt.Key.Key_Return)
    assert session.layer("name").color == Color(hex="#B3202A")


def test_typing_text_and_fields(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["raw"])
    props.text.text.selectAll()
    qtbot.keyClicks(props.text.text, "PURE HONEY")
    assert session.layer("raw").text == "PURE HONEY"
    assert session.stack.labels()[-1] == "Edit Text"
    assert len(session.stack.labels()) == 1  # one typing burst, one step

    session.select(["name"])
    edit = props.fields.edits["name"]
    assert edit.text() == "Camille"
    edit.selectAll()
    qtbot.keyClicks(edit, "Lea")  # QTest types ASCII only
    assert session.design.variables["name"] == "Lea"
    assert session.stack.labels()[-1] == "Change Field" and len(session.stack.labels()) == 2


def test_picture_crop_and_flip(panel_window, qtbot, tmp_path):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["photo"])
    assert props.image.isVisible() and not props.text.isVisible()
    assert "DPI" in props.image.info.text()
    slider = props.image.crop["left"].slider
    slider.setFocus()
    for _ in range(10):
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert abs(session.layer("photo").crop.left - 0.10) < 1e-9
    qtbot.mouseClick(props.image.flip_h, LEFT)
    assert session.layer("photo").flip_h is True
    save_picture(window.docks["properties"], tmp_path / "properties-photo.png")


def test_replacing_the_picture_keeps_its_frame(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["photo"])
    before = session.layer("photo")
    width, height, x = before.width, before.height, before.transform.x
    errors: list[str] = []
    props.show_error = errors.append  # type: ignore[method-assign]
    assert props.image.replace_asset(ROOT / "examples" / "README.md") is False
    assert errors and "README.md" in errors[0]
    assert props.image.replace_asset(ROOT / "examples" / "jar-name" / "photo.jpg")
    after = session.layer("photo")
    assert after.asset != "photo.jpg" and (after.width, after.height, after.transform.x) == (width, height, x)


def test_shape_fill_and_corners(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["rule-hex"])
    assert props.shape.isVisible()
    props.shape.fill.choose(None)
    assert session.layer("rule-hex").fill is None
    props.shape.sides.setFocus()
    qtbot.keyClick(props.shape.sides, Qt.Key.Key_Up)
    assert session.layer("rule-hex").sides == 7


def test_several_layers_show_common_fields_only(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["raw", "handmade"])
    assert props.text.isVisible()
    assert not props.transform.position_row.isVisible()
    assert not props.text.text.isVisible()
    props.transform.opacity.spin.setFocus()
    qtbot.keyClick(props.transform.opacity.spin, Qt.Key.Key_Down)
    qtbot.keyClick(props.transform.opacity.spin, Qt.Key.Key_Down)
    assert session.layer("raw").opacity == session.layer("handmade").opacity == 0.98
    assert len(session.stack.labels()) == 1
    session.select(["raw", "photo"])
    assert not props.text.isVisible() and not props.image.isVisible() and props.transform.isVisible()


def test_background_when_nothing_is_selected(panel_window, qtbot, tmp_path):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select([])
    assert props.background.isVisible() and not props.transform.isVisible()
    props.background.color.choose(Color(hex="#FFFFFF"))
    assert session.design.areas["label"].background == Color(hex="#FFFFFF")
    props.background.color.choose(None)
    assert session.design.areas["label"].background is None
    save_picture(window.docks["properties"], tmp_path / "properties-area.png")


def test_position_in_inches(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    window.settings.units = "in"
    props = _properties(window)
    session.select(["bee"])
    assert props.transform.x_spin.suffix() == " in"
    assert abs(props.transform.x_spin.value() - 118 / 25.4) < 1e-3
    props.transform.x_spin.set_value(5.0)
    props.transform.x_spin.edited.emit(5.0)
    assert abs(session.layer("bee").transform.x - 127.0) < 1e-9


def test_hyphenation_language_is_chosen_for_a_text_box(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    props = _properties(window)
    session.select(["raw"])
    combo = props.text.hyphenation
    assert not combo.isEnabled()  # no box: nothing to hyphenate
    props.text.box.setChecked(True)
    assert combo.isEnabled() and combo.currentData() is None
    combo.setCurrentIndex(combo.findData("fr"))
    combo.activated.emit(combo.currentIndex())
    assert session.layer("raw").language == "fr"
    assert session.stack.labels()[-1] == "Change Hyphenation"
    session.undo()
    assert session.layer("raw").language is None and combo.currentData() is None
