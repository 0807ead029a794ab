"""Editor memory: a project with ten 24-megapixel photos open in the editor.

    python benchmarks/editor_memory_bench.py

Generates ten 6000 x 4000 JPEGs, places them on the jar label, opens the project in the real main
window (offscreen), lets the canvas, the area thumbnails and the mockup preview draw, and reports
the process's resident memory (VmRSS) and its high-water mark (VmHWM). Target: under 800 MB — the
canvas and previews work on downsampled proxies, never on the full pixels.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop
from studio.ui.app import build_window, create_application
from studio.ui.settings import Settings
app = create_application()
window = build_window(Settings())
window.resize(1600, 1000)
window.show()
window.open_path(Path(sys.argv[1]))
deadline = time.time() + 60
preview = getattr(window, "preview", None)
done = []
if preview is not None:
    preview.rendered.connect(lambda: done.append(1))
while time.time() < deadline and (preview is not None and not done):
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
for _ in range(20):
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    time.sleep(0.05)
window.grab()
status = {l.split(":")[0]: int(l.split()[1]) for l in open("/proc/self/status") if l.startswith(("VmRSS", "VmHWM"))}
print(f"rss {status['VmRSS']} hwm {status['VmHWM']}", flush=True)
window.session.stack.set_clean()
"""


def _photos(folder: Path, count: int) -> list[str]:
    import numpy as np
    from PIL import Image

    names = []
    y, x = np.mgrid[0:4000, 0:6000].astype(np.float32)
    for i in range(count):
        r = (x / 6000 * 180 + 40 + i * 7) % 256
        g = (y / 4000 * 160 + 50) % 256
        b = ((x + y) / 10000 * 140 + 60 + i * 11) % 256
        pixels = np.stack([r, g, b], axis=-1).astype(np.uint8)
        name = f"photo{i}.jpg"
        Image.fromarray(pixels, "RGB").save(folder / name, quality=88)
        names.append(name)
    return names


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        photos = _photos(tmp, 10)
        layers = [
            {
                "kind": "image",
                "name": f"Photo {i + 1}",
                "asset": name,
                "width": 45,
                "height": 30,
                "transform": {"x": 25 + (i % 5) * 46, "y": 25 + (i // 5) * 40},
            }
            for i, name in enumerate(photos)
        ]
        design = {"template": "jar-500", "areas": {"label": {"background": "#F6E7C1", "layers": layers}}}
        (tmp / "design.json").write_text(json.dumps(design))
        home = tmp / "home"
        home.mkdir()
        env = {"QT_QPA_PLATFORM": "offscreen", "STUDIO_USER_DIR": str(home), "PATH": "/usr/bin:/bin"}
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(tmp / "design.json")], capture_output=True, text=True, env=env, cwd=ROOT
        )
        line = next((text for text in out.stdout.splitlines() if text.startswith("rss")), None)
        if line is None:
            print(out.stderr[-2000:])
            return 1
        rss, hwm = int(line.split()[1]) / 1024, int(line.split()[3]) / 1024
        print(f"ten 24-megapixel photos open in the editor: resident {rss:.0f} MB, peak {hwm:.0f} MB (target < 800 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
