"""How long a recovery copy of a large project holds the editor's event loop.

Builds a project of about 134 MB (the jar-name example with large photos, stored as they are),
opens it in the editor's autosaver, and measures, over several copies:

- *before*: writing the copy in the GUI thread, as Studio did (``write_autosave``);
- *after*: what the GUI thread does now (taking the snapshot), the whole copy in the worker,
  and the longest gap of a 10 ms heartbeat timer while the copy is written.

Usage::

    .venv/bin/python benchmarks/autosave_bench.py [--megabytes 134] [--repeat 3]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _photo(seed: int, megabytes: float) -> bytes:
    """A JPEG of noise (incompressible, like a photo's pixels) of about ``megabytes``."""
    import io

    import numpy as np
    from PIL import Image

    side = int((megabytes * 2**20 / 3 / 0.39) ** 0.5)  # noise at quality 95: about 1.2 bytes a pixel
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, (side, side, 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=95)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=134.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        os.environ["STUDIO_USER_DIR"] = home
        from PySide6.QtCore import QElapsedTimer, QTimer
        from PySide6.QtWidgets import QApplication

        from studio.commands import SetVariable
        from studio.io.project import load_project, snapshot_project
        from studio.io.templates import TemplateLibrary
        from studio.model.design import ImageLayer
        from studio.ui import files
        from studio.ui._autosave import write_autosave
        from studio.ui.main_window import MainWindow
        from studio.ui.session import EditorSession
        from studio.ui.settings import Settings

        app = QApplication.instance() or QApplication([])
        project = load_project(ROOT / "examples" / "jar-name" / "design.json", TemplateLibrary.default())
        count = 8
        for i in range(count):
            ref = project.assets.add_bytes(_photo(i, args.megabytes / count), f"photo-{i}.jpg")
            project.design.area("label").layers.append(ImageLayer(asset=ref, width=40, height=30, name=f"photo {i}"))
        size = sum(len(project.assets.data(r)) for r in project.design.assets()) / 2**20

        window = MainWindow(Settings(Path(home) / "settings.ini"), TemplateLibrary.default())
        controller = files.install(window)
        session = EditorSession(project)
        window.open_session(session)
        autosaver = controller.autosaver

        before: list[float] = []
        snapshot: list[float] = []
        worker: list[float] = []
        gaps: list[float] = []
        for i in range(args.repeat):
            session.push(SetVariable("name", f"before {i}"))
            started = time.perf_counter()
            write_autosave(project, autosave_id="before", title="bench")
            before.append(time.perf_counter() - started)

            session.push(SetVariable("name", f"after {i}"))
            started = time.perf_counter()
            snapshot_project(project)
            snapshot.append(time.perf_counter() - started)

            ticks: list[float] = []
            clock = QElapsedTimer()
            heartbeat = QTimer()
            heartbeat.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
            heartbeat.start(10)
            clock.start()
            started = time.perf_counter()
            done = autosaver.start_copy()
            ticks.append(started)
            while not done.is_set():
                app.processEvents()
                time.sleep(0.001)
            ended = time.perf_counter()
            heartbeat.stop()
            ticks.append(ended)
            worker.append(ended - started)
            gaps.append(max(b - a for a, b in itertools.pairwise(ticks)))

        def ms(values: list[float]) -> str:
            return f"{statistics.median(values) * 1000:.0f} ms"

        print(f"project: {size:.0f} MB of photos, {args.repeat} copies each")
        print(f"before: copy written in the GUI thread        {ms(before)} (GUI frozen all along)")
        print(f"after:  snapshot taken in the GUI thread      {ms(snapshot)}")
        print(f"after:  copy written in the worker            {ms(worker)}")
        print(f"after:  longest event-loop gap while writing  {ms(gaps)}")
        session.stack.set_clean()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
