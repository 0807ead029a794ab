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
