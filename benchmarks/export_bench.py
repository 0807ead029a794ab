"""Export benchmarks: each shipped example to PDF, SVG and 300-DPI PNG, and a label with a
24-megapixel photo.

Each measurement runs in a fresh Python process (so peak memory is that export's alone), a few
times; the median wall time and the peak resident memory are reported.

    python benchmarks/export_bench.py [--repeat 5] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import sys, time
from pathlib import Path
t0 = time.perf_counter()
from studio.cli import main
code = main(sys.argv[1:])
elapsed = time.perf_counter() - t0
# VmHWM is this process's own high-water mark (ru_maxrss would carry the parent's over exec).
peak_kb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(f"{elapsed:.4f} {peak_kb}")
sys.exit(code)
"""


def _measure(args: list[str], repeat: int) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            raise SystemExit(f"failed: studio {' '.join(args)}\n{out.stderr}")
        elapsed, peak = out.stdout.strip().splitlines()[-1].split()
        times.append(float(elapsed))
        peaks.append(int(peak) / 1024)
    return statistics.median(times), max(peaks)


def _big_photo_example(tmp: Path) -> Path:
    """The jar-name example with its photo replaced by a 6000 x 4000 (24 MP) JPEG."""
    import numpy as np
    from PIL import Image

    src = ROOT / "examples" / "jar-name"
    dst = tmp / "jar-name-24mp"
    shutil.copytree(src, dst)
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:4000, 0:6000]
    base = np.stack([(x / 6000 * 200 + 30), (y / 4000 * 150 + 60), ((x + y) / 10000 * 120 + 80)], axis=-1)
    noise = rng.normal(0, 18, base.shape)
    pixels = np.clip(base + noise, 0, 255).astype("uint8")
    Image.fromarray(pixels, "RGB").save(dst / "photo.jpg", quality=90)
    return dst / "design.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        designs = sorted((ROOT / "examples").glob("*/design.json"))
        designs.append(_big_photo_example(tmp))
        for design in designs:
            name = design.parent.name
            for fmt, extra in (("pdf", []), ("svg", []), ("png", ["--dpi", "300"])):
                out = tmp / f"{name}.{fmt}"
                median, peak = _measure(["export", str(design), "--format", fmt, "-o", str(out), *extra], args.repeat)
                size = out.stat().st_size
                rows.append(
                    {
                        "design": name,
                        "format": fmt,
                        "median_s": round(median, 3),
                        "peak_mb": round(peak, 1),
                        "bytes": size,
                    }
                )
                print(f"{name:18} {fmt:4} median {median * 1000:8.0f} ms   peak {peak:7.1f} MB   {size / 1e6:7.2f} MB")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
