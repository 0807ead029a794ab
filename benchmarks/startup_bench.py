"""Start-up: from launching the process to the main window shown, and the memory it then holds.

    python benchmarks/startup_bench.py [--repeat 7] [--project examples/jar-name/design.json]

The child process builds the real window (every installed part of the editor), shows it on the
offscreen platform, waits for the first paint, prints a line and exits; the parent measures the
wall time from spawning it to that line. Median of the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from studio.ui.app import build_window, create_application
from studio.ui.settings import Settings
app = create_application()
window = build_window(Settings())
window.show()
if len(sys.argv) > 1 and hasattr(window, "open_path"):
    window.open_path(Path(sys.argv[1]))
def shown():
    rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:"))
    print(f"shown {rss}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    times, rss = [], []
    with tempfile.TemporaryDirectory() as home:
        env["STUDIO_USER_DIR"] = home
        extra = [str(args.project)] if args.project else []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD, *extra], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
            )
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("shown"):
                    times.append(time.perf_counter() - t0)
                    rss.append(int(line.split()[1]) / 1024)
                    break
            proc.wait()
    what = f"with {args.project}" if args.project else "start page"
    print(
        f"start-up ({what}): median {statistics.median(times) * 1000:.0f} ms, "
        f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms; resident {statistics.median(rss):.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
