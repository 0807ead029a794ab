"""The live mockup follows edits off the GUI thread, and a click on a part selects it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF

from studio.commands import RecolorPart, SetBackground
from studio.io.assets import AssetStore
from studio.io.project import Project, load_project, new_design
from studio.io.templates import TemplateLibrary
from studio.ui.preview import PreviewPanel
from studio.ui.session import EditorSession

ROOT = Path(__file__).resolve().parents[2]


def _array(panel: PreviewPanel) -> np.ndarray:
    image = panel._picture._pixmap.toImage().convertToFormat(panel._picture._pixmap.toImage().Format.Format_RGBA8888)
    ptr = image.constBits()
    return np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width()].copy()


def test_preview_follows_an_edit(qtbot):
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 520)
    panel.show()
    session = EditorSession(load_project(ROOT / "examples" / "jar-name" / "design.json", TemplateLibrary.default()))
    with qtbot.waitSignal(panel.rendered, timeout=20_000):
        panel.set_session(session)
    before = _array(panel)
    assert before[..., 3].max() == 255  # the jar is drawn
    with qtbot.waitSignal(panel.rendered, timeout=20_000):
        session.push(SetBackground("label", "#1030C0"))
    after = _array(panel)
    changed = np.abs(after.astype(int) - before.astype(int)).max(axis=2) > 40
    assert changed.mean() > 0.01  # the label changed colour on the jar
    h = changed.shape[0]
    assert not changed[: h // 8].any()  # the cap, at the top, did not


def test_clicking_a_part_reports_it(qtbot):
    library = TemplateLibrary.default()
    template = library.get("sneaker-low")
    session = EditorSession(Project(new_design(template), template, AssetStore(), None))
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 420)
    panel.show()
    with qtbot.waitSignal(panel.rendered, timeout=30_000):
        panel.set_session(session)
    image = panel._picture.image_size()
    # Find a pixel of the outsole: the lowest opaque band of the picture, in the middle.
    alpha = _array(panel)[..., 3]
    rows = np.nonzero(alpha[:, image.width() // 2] > 200)[0]
    hits = []
    panel.part_clicked.connect(hits.append)
    for y in range(rows.max(), rows.min(), -2):
        panel._on_picture_clicked(QPointF(image.width() / 2, y))
        if hits:
            break
    assert hits and hits[0] in {"outsole", "midsole"}
    with qtbot.waitSignal(panel.rendered, timeout=30_000):
        session.push(RecolorPart(hits[0], "#FF0000"))


def test_preview_follows_a_stream_of_edits_and_shows_the_last_one_last(qtbot):
    from PySide6.QtWidgets import QApplication

    session = EditorSession(load_project(ROOT / "examples" / "jar-name" / "design.json", TemplateLibrary.default()))
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 360)
    panel.show()
    with qtbot.waitSignal(panel.rendered, timeout=20_000):
        panel.set_session(session)
    shown = []
    panel.rendered.connect(lambda: shown.append(session.design.area("label").background))
    colours = ["#1030C0", "#C01030", "#10C030", "#C0C010", "#30C0C0", "#C030C0", "#808080", "#203040"]
    deadline_ms = 1500  # a drag's worth of edits, one every 20 ms, longer than a picture takes
    step = 0
    import time

    start = time.perf_counter()
    while (time.perf_counter() - start) * 1000 < deadline_ms:
        session.push(SetBackground("label", colours[step % len(colours)]))
        step += 1
        qtbot.wait(20)
    during = len(shown)
    assert during >= 1  # pictures while the edits went on, not only once they stopped
    qtbot.waitUntil(lambda: not panel._busy and not panel._pending and not panel._soon.isActive(), timeout=20_000)
    assert panel.wait()
    QApplication.processEvents()
    final = _array(panel)

    # The last picture is the design as it ended: the same as a fresh preview of it.
    fresh = PreviewPanel()
    qtbot.addWidget(fresh)
    fresh.resize(300, 360)
    fresh.show()
    with qtbot.waitSignal(fresh.rendered, timeout=20_000):
        fresh.set_session(session)
    assert np.array_equal(final, _array(fresh))


def test_the_worker_copy_of_the_design_keeps_up_with_edits():
    from studio.commands import AddLayer, MoveLayers, RemoveLayers, SetLayerProperties
    from studio.model.design import ShapeLayer
    from studio.ui.preview import _Replica

    session = EditorSession(load_project(ROOT / "examples" / "jar-name" / "design.json", TemplateLibrary.default()))
    replica = _Replica()
    copy = replica.update(session.design.model_dump())
    assert copy is not session.design and copy.model_dump() == session.design.model_dump()
    edits = [
        MoveLayers(["raw"], 3.0, -1.0),
        SetLayerProperties("garden", {"name": "Garden", "visible": False}),
        AddLayer(session.area_id, ShapeLayer(id="dot", name="Dot")),
        SetBackground("label", "#102030"),
        RemoveLayers(["rule"]),
    ]
    for edit in edits:
        session.push(edit)
        kept = {layer.id: layer for layer in copy.area(session.area_id).layers}
        again = replica.update(session.design.model_dump())
        assert again.model_dump() == session.design.model_dump()
        if isinstance(edit, MoveLayers):  # only the moved layer was built again
            assert again is copy
            rebuilt = [layer.id for layer in again.area(session.area_id).layers if kept.get(layer.id) is not layer]
            assert rebuilt == ["raw"]
        copy = again


def test_the_preview_follows_the_area_being_edited(qtbot):
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    session = EditorSession(load_project(ROOT / "examples" / "jar-name" / "design.json", TemplateLibrary.default()))
    panel.set_session(session)
    assert panel.view_id == "front"
    session.set_area("lid")
    assert panel.view_id == "lid"
    session.set_area("label")
    assert panel.view_id == "front"
    panel.set_view("lid")  # a view the user chose that shows the area stays
    session.set_area("lid")
    assert panel.view_id == "lid"
