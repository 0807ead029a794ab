"""The Product, Preflight and History panels."""

from __future__ import annotations

import test_panels_support as support
from PySide6.QtCore import QPoint
from test_panels_support import LEFT, jar_session, panel, save_picture, sneaker_session

from studio.commands import MoveLayers, SetLayerProperties
from studio.model.color import Color

panel_window = support.panel_window  # the fixture, shared by the panel tests


def test_option_swatch_sets_the_option(panel_window, qtbot, tmp_path):
    session = jar_session()
    window = panel_window(session)
    product = panel(window, "product")
    assert product.option_buttons["glass"]["clear"].isChecked()
    qtbot.mouseClick(product.option_buttons["glass"]["amber"], LEFT)
    assert session.design.options["glass"] == "amber"
    assert product.option_buttons["glass"]["amber"].isChecked()
    session.undo()
    assert product.option_buttons["glass"]["clear"].isChecked()
    save_picture(window.docks["product"], tmp_path / "product-jar.png")


def test_part_swatches_recolour_parts(panel_window, qtbot, tmp_path):
    session = sneaker_session()
    window = panel_window(session)
    product = panel(window, "product")
    assert list(product.part_rows)[:3] == ["toe-cap", "vamp", "quarter"]
    row = product.part_rows["vamp"]
    swatch = row.swatches[2]
    qtbot.mouseClick(swatch, LEFT)
    assert session.design.part_colors["vamp"] == swatch.swatch_color
    assert swatch.isChecked()
    assert row.custom is not None
    row.custom.choose(Color(hex="#123456"))
    assert session.design.part_colors["vamp"] == Color(hex="#123456")
    assert row.value.text() == "#123456"
    save_picture(window.docks["product"], tmp_path / "product-sneaker.png")


def test_select_part_scrolls_to_and_highlights_it(panel_window, qtbot):
    session = sneaker_session()
    window = panel_window(session)
    product = panel(window, "product")
    product.select_part("collar-lining")
    assert product.highlighted_part == "collar-lining"
    row = product.part_rows["collar-lining"]
    qtbot.waitUntil(
        lambda: product.scroll_area.viewport().rect().contains(row.mapTo(product.scroll_area.viewport(), QPoint(0, 0)))
    )
    product.select_part("laces")
    assert product.highlighted_part == "laces"
    assert row.name.font().bold() is False


def test_preflight_finds_a_layer_outside_the_safe_area_and_selects_it(panel_window, qtbot, tmp_path):
    session = jar_session()
    window = panel_window(session)
    preflight = panel(window, "preflight")
    preflight.delay_ms = 10
    qtbot.waitUntil(lambda: preflight.is_current, timeout=5000)
    assert preflight.summary.text() == "Ready to print"
    # Down into the label's bottom margin, still on the label (30 mm would put most of it off the
    # label: an error of its own).
    session.push(MoveLayers(["raw"], 0, 22))
    qtbot.waitUntil(lambda: preflight.is_current and preflight.list.topLevelItemCount() > 0, timeout=5000)
    assert preflight.summary.text() == "1 warning"
    item = preflight.list.topLevelItem(0)
    assert "Raw honey" in item.text(0) and item.text(1) == "Wrap-around label"
    session.select([])
    rect = preflight.list.visualItemRect(item)
    qtbot.mouseClick(preflight.list.viewport(), LEFT, pos=rect.center())
    assert session.selection == ["raw"]
    save_picture(window.docks["preflight"], tmp_path / "preflight.png")


def test_preflight_shows_only_the_latest_check(panel_window, qtbot):
    session = jar_session()
    window = panel_window(session)
    preflight = panel(window, "preflight")
    preflight.delay_ms = 10
    for dy in (30, -30, 30, -30):
        session.push(MoveLayers(["raw"], 0, dy))
        preflight.run_now()
    qtbot.waitUntil(lambda: preflight.is_current, timeout=5000)
    assert preflight.summary.text() == "Ready to print"


def test_history_click_goes_back_to_that_step(panel_window, qtbot, tmp_path):
    session = jar_session()
    window = panel_window(session)
    history = panel(window, "history")
    session.push(SetLayerProperties("raw", {"name": "One"}, label="Rename Layer"))
    session.push(SetLayerProperties("raw", {"name": "Two"}, label="Rename Layer"))
    session.push(MoveLayers(["raw"], 1, 0))
    assert [history.list.item(i).text() for i in range(history.list.count())] == [
        "Opened",
        "Rename Layer",
        "Rename Layer",
        "Move",
    ]
    assert history.list.currentRow() == 3
    item = history.list.item(1)
    qtbot.mouseClick(history.list.viewport(), LEFT, pos=history.list.visualItemRect(item).center())
    assert session.layer("raw").name == "One"
    assert session.stack.index == 1
    assert history.list.count() == 4 and history.list.item(3).font().italic()
    item = history.list.item(3)
    qtbot.mouseClick(history.list.viewport(), LEFT, pos=history.list.visualItemRect(item).center())
    assert session.layer("raw").name == "Two" and session.stack.index == 3
    save_picture(window.docks["history"], tmp_path / "history.png")
