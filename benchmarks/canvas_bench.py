"""Canvas frame time while dragging one layer in a busy design.

A design of 100 layers on a jar label (five 24-megapixel JPEG photos, text in several fonts,
shapes) is opened in the editor window (offscreen), one text layer lying over a photo is
dragged over 60 pointer moves, and each frame is timed from the move event to the repaint
done. Two figures per frame:

* *frame*: the move event, then the event loop until Qt has painted what changed (what a user
  sees: Qt repaints only the regions the moved layer left and entered);
* *full repaint*: the move event, then ``viewport.repaint()`` of the whole canvas (worst case).

Run::

    .venv/bin/python benchmarks/canvas_bench.py [--moves 60] [--keep] [--full] [--photos DIR]
        [--profile] [--frames]

It prints the median and 95th percentile of each, and the process's resident memory. With
``--full`` the window is the whole editor (layers, properties, history, preflight, the live
mockup); it also prints how many mockup pictures the preview showed while each drag went on
(the preview follows a drag: it must be more than 0). ``--photos DIR`` keeps the generated
photos in ``DIR`` and reuses them next time; ``--profile`` prints a cProfile of the first drag
(GUI thread only) and ``--frames`` every frame's time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PIL import Image

PHOTO_SIZE = (6000, 4000)  # 24 megapixels


def make_photo(path: Path, seed: int) -> None:
    """A 24-megapixel JPEG: smooth colour fields with grain (so it compresses like a photo)."""
    w, h = PHOTO_SIZE
    rng = np.random.default_rng(seed)
    y = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None]
    x = np.linspace(0.0, 1.0, w, dtype=np.float32)[None, :]
    a, b, c = rng.random(3) * 6
    img = np.empty((h, w, 3), dtype=np.uint8)
    for channel, phase in enumerate((a, b, c)):
        field = 0.5 + 0.35 * np.sin(phase + 3 * x + 2 * y * (channel + 1)) * np.cos(phase * 2 + 4 * y - x)
        grain = rng.normal(0.0, 0.03, size=(h // 4, w // 4)).astype(np.float32)
        field += np.kron(grain, np.ones((4, 4), dtype=np.float32))
        img[..., channel] = np.clip(field * 255.0, 0, 255).astype(np.uint8)
    Image.fromarray(img).save(path, quality=88)


def rss_mb() -> tuple[float, float]:
    """Resident memory now and at its peak (MB), from /proc."""
    now = peak = 0.0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return now, peak


def build_project(folder: Path):
    from studio.io.assets import AssetStore
    from studio.io.project import Project, new_design
    from studio.io.templates import TemplateLibrary
    from studio.model.color import Color
    from studio.model.design import ImageLayer, ShapeLayer, Stroke, TextLayer, Transform

    template = TemplateLibrary.default().get("jar-500")
    design = new_design(template)
    area = template.print_areas[0]
    store = AssetStore(label="bench")
    layers = []
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"photo{i}.jpg" for i in range(5)]
    missing = [(p, i) for i, p in enumerate(paths) if not p.exists()]
    # Made in child processes, so that this process's peak memory is the editor's own.
    if missing:
        with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(make_photo, *zip(*missing, strict=True)))
    for i, path in enumerate(paths):
        ref = store.add_file(path)
        layers.append(
            ImageLayer(
                id=f"photo{i}",
                asset=ref,
                width=area.width / 5,
                height=area.height,
                transform=Transform(x=area.width / 10 * (2 * i + 1), y=area.height / 2),
            )
        )
    fonts = [("Inter", "Regular"), ("Lobster", "Regular"), ("Lato", "Bold"), ("Bebas Neue", "Regular")]
    rng = np.random.default_rng(7)
    shapes = ("rectangle", "ellipse", "star", "polygon")
    while len(layers) < 99:
        n = len(layers)
        x, y = float(rng.uniform(10, area.width - 10)), float(rng.uniform(8, area.height - 8))
        if n % 2:
            family, style = fonts[n % len(fonts)]
            layers.append(
                TextLayer(
                    id=f"text{n}",
                    text=f"Name {n}",
                    font_family=family,
                    font_style=style,
                    size=float(rng.uniform(10, 28)),
                    color=Color(hex="#7a3e00"),
                    transform=Transform(x=x, y=y, rotation=float(rng.uniform(-20, 20))),
                )
            )
        else:
            layers.append(
                ShapeLayer(
                    id=f"shape{n}",
                    shape=shapes[n % len(shapes)],  # type: ignore[arg-type]
                    width=float(rng.uniform(5, 25)),
                    height=float(rng.uniform(5, 25)),
                    fill=Color(hex="#f2c14e"),
                    stroke=Stroke(color=Color(hex="#c98a0c"), width=0.4),
                    transform=Transform(x=x, y=y),
                )
            )
    # The dragged layer: a big title on top of everything, over the photos.
    layers.append(
        TextLayer(
            id="title",
            text="Camille",
            font_family="Lobster",
            size=60.0,
            color=Color(hex="#ffffff"),
            transform=Transform(x=60.0, y=45.0),
        )
    )
    design.area(area.id).layers = layers
    return Project(design=design, template=template, assets=store), area


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=60)
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the generated photos")
    parser.add_argument(
        "--photos", type=Path, default=None, help="a folder to keep the generated photos in and reuse them from"
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the first drag")
    parser.add_argument("--frames", action="store_true", help="print every frame's time (ms) of the first drag")
    parser.add_argument(
        "--full",
        action="store_true",
        help="the whole editor (layers panel, properties, preview) instead of the canvas alone",
    )
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from studio.io.templates import TemplateLibrary
    from studio.ui import canvas
    from studio.ui.app import build_window, create_application
    from studio.ui.canvas.view import CanvasView
    from studio.ui.main_window import MainWindow
    from studio.ui.session import EditorSession
    from studio.ui.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="studio-canvas-bench-"))
    t0 = time.perf_counter()
    project, area = build_project(args.photos or folder)
    made = time.perf_counter() - t0
    app = create_application()
    settings = Settings(folder / "settings.ini")
    if args.full:
        window = build_window(settings)
    else:
        window = MainWindow(settings, TemplateLibrary.default())
        canvas.install(window)
    window.resize(args.width, args.height)
    window.show()
    t0 = time.perf_counter()
    session = EditorSession(project)
    window.open_session(session)
    view = window.findChild(CanvasView)
    assert view is not None
    view.zoom_fit()
    app.processEvents()
    view.viewport().repaint()
    opened = time.perf_counter() - t0
    vp = view.viewport()
    layers = len(session.layers())

    def send(kind: QEvent.Type, pos: QPoint, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(
            kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(vp, event)

    preview = getattr(window, "preview", None)
    pictures: list[int] = []  # preview pictures shown during each drag (pointer pressed)
    if preview is not None:
        # The preview of the opened design first, so that the drag starts with the worker idle.
        deadline = time.perf_counter() + 60
        while (preview._shown_generation == 0 or preview._busy) and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.005)

    def drag(full: bool) -> list[float]:
        shown = [0]

        def count() -> None:
            shown[0] += 1

        if preview is not None:
            preview.rendered.connect(count)
        start = view.mapFromScene(QPointF(60.0, 45.0))
        send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
        app.processEvents()
        times: list[float] = []
        for i in range(1, args.moves + 1):
            # A sweep to the right and back, a few pixels a frame, as a hand drags.
            step = i if i <= args.moves // 2 else args.moves - i
            pos = start + QPoint(7 * step, round(3 * np.sin(i / 5)))
            t = time.perf_counter()
            send(QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
            app.processEvents()
            if full:
                vp.repaint()
            times.append((time.perf_counter() - t) * 1000.0)
        if preview is not None:
            preview.rendered.disconnect(count)
            pictures.append(shown[0])
        send(QEvent.Type.MouseButtonRelease, start, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
        app.processEvents()
        return times

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        frames = drag(full=False)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    else:
        frames = drag(full=False)
    steps_after_first = session.stack.index
    full = drag(full=True)
    now, peak = rss_mb()
    print(f"window: {'the whole editor' if args.full else 'the canvas alone'}")
    print(
        f"design: {layers} layers (5 photos of {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} px), label {area.width} x {area.height} mm"
    )
    print(f"viewport: {vp.width()} x {vp.height()} px at {view.zoom * 100:.0f} %  (photos generated in {made:.1f} s)")
    print(f"open and first paint: {opened * 1000:.0f} ms")
    print(
        f"frame (move -> Qt repaints what changed): median {statistics.median(frames):.2f} ms, "
        f"p95 {percentile(frames, 95):.2f} ms, max {max(frames):.2f} ms over {len(frames)} moves"
    )
    print(
        f"full repaint (move -> viewport.repaint()): median {statistics.median(full):.2f} ms, "
        f"p95 {percentile(full, 95):.2f} ms, max {max(full):.2f} ms"
    )
    if args.frames:
        print("frames (ms):", " ".join(f"{t:.0f}" for t in frames))
    print(f"undo steps for the first drag: {steps_after_first}")
    if preview is not None:
        print(f"preview pictures shown during the drags: {pictures[0]} (frame), {pictures[1]} (full repaint)")
    print(f"memory: {now:.0f} MB resident, peak {peak:.0f} MB")
    session.stack.set_clean()
    if preview is not None:
        preview._pool.waitForDone(30_000)  # the last picture, before the window goes
    window.close()
    if not args.keep:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()
    return 0 if statistics.median(frames) < 16.0 else 1


if __name__ == "__main__":
    sys.exit(main())
