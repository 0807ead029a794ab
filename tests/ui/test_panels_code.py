"""Insert ▸ QR Code / Barcode and the Code section of the Properties panel."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_panels_support import jar_session, panel, save_picture

from studio.export.document import document_for
from studio.model.design import CodeLayer
from studio.render.qt import qimage_to_pil, render_image
from studio.ui.panels.properties import PropertiesPanel


@pytest.fixture
def editor(make_window, monkeypatch):
    """The whole editor (canvas, menus and panels) on the jar-name example; returns (window, session)."""
    window = make_window()
    monkeypatch.setattr(window, "confirm_discard", lambda: True)
    window.resize(1400, 900)
    window.show()
    session = jar_session()
    window.open_session(session)
    QApplication.processEvents()
    return window, session


def _decode(session, tmp_path) -> list[str]:
    """What zbarimg reads on the current print area, drawn as the canvas draws it."""
    assert shutil.which("zbarimg"), "zbarimg (Debian zbar-tools) is needed to decode the codes"
    doc = document_for(session.project)
    png = tmp_path / "area.png"
    qimage_to_pil(render_image(doc.scene(session.area_id, bleed=0.0), dpi=300)).save(png)
    done = subprocess.run(["zbarimg", "-q", str(png)], capture_output=True, text=True)
    return sorted(line for line in done.stdout.splitlines() if line)


def _choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def test_insert_a_qr_code_and_edit_it(editor, qtbot, tmp_path):
    window, session = editor
    props = panel(window, "properties")
    assert isinstance(props, PropertiesPanel)
    window.action_registry["insert.qr_code"].trigger()
    (layer_id,) = session.selection
    layer = session.layer(layer_id)
    assert isinstance(layer, CodeLayer) and layer.symbology == "qr"
    assert layer.data == "{name}"  # the design's field: the code follows each batch row
    assert props.code.isVisible() and not props.shape.isVisible()
    assert _decode(session, tmp_path) == ["QR-Code:Camille"]

    props.code.data.setFocus()
    props.code.data.selectAll()
    qtbot.keyClicks(props.code.data, "https://shop.example/{name}")
    qtbot.keyClick(props.code.data, Qt.Key.Key_Return)
    assert session.layer(layer_id).data == "https://shop.example/{name}"
    _choose(props.code.level, "H")
    assert session.layer(layer_id).error_correction == "H"
    assert _decode(session, tmp_path) == ["QR-Code:https://shop.example/Camille"]
    save_picture(window.docks["properties"], tmp_path / "properties-code.png")

    # A barcode kind that cannot hold a URL gets a sample it can hold, in one undo step.
    steps = session.stack.index
    _choose(props.code.kind, "ean13")
    layer = session.layer(layer_id)
    assert (layer.symbology, layer.data) == ("ean13", "400638133393")
    assert session.stack.index == steps + 1
    assert not props.code.level.isVisible() and props.code.show_text.isVisible()
    assert _decode(session, tmp_path) == ["EAN-13:4006381333931"]
    session.undo()
    assert (session.layer(layer_id).symbology, session.layer(layer_id).data) == ("qr", "https://shop.example/{name}")


def test_a_wrong_ean13_is_explained_and_not_applied(editor, qtbot):
    window, session = editor
    props = panel(window, "properties")
    window.action_registry["insert.barcode"].trigger()
    (layer_id,) = session.selection
    _choose(props.code.kind, "ean13")
    props.code.data.setFocus()
    props.code.data.selectAll()
    qtbot.keyClicks(props.code.data, "4006381333932")
    qtbot.keyClick(props.code.data, Qt.Key.Key_Return)
    assert session.layer(layer_id).data == "{name}"  # the design's field, untouched
    assert props.code.problem.isVisible()
    assert props.code.problem.text() == "The check digit is wrong: this EAN-13 should end in 1."
    props.code.data.selectAll()
    qtbot.keyClicks(props.code.data, "4006381333931")
    qtbot.keyClick(props.code.data, Qt.Key.Key_Return)
    assert session.layer(layer_id).data == "4006381333931"
    assert not props.code.problem.isVisible()
