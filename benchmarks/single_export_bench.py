"""One label, one export: ``studio export`` against Inkscape on the same label, and start-up.

The label (``benchmarks/peers``) is the 236 x 90 mm jar label with its 3 mm bleed: a 2000 x 1500
JPEG photo (drawn by this script), a vector flower, a name in Lato Bold at 28 pt and a 12 pt
subtitle. ``design.json`` is Studio's design of it, ``label.svg`` the same label for Inkscape,
which finds Lato in Studio's bundled fonts through a fontconfig file made for the run.

Every run is a new process, timed from spawn to exit (wall clock; the processor time it used is
shown too), Studio and Inkscape taking turns so that both see the same machine load. *Cold-ish*: each program's own font cache is
emptied before every run (Studio's font index; Inkscape's fontconfig cache for the bundled
fonts); the system's file cache stays warm. *Warm*: the caches are kept. Both export the whole
page with the bleed: the PDF as each program writes it, the PNG at 300 DPI (2858 x 1134 pixels).

    python benchmarks/single_export_bench.py [--runs 9] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = Path(__file__).resolve().parent / "peers"


def make_photo(path: Path) -> None:
    """A 2000 x 1500 JPEG: a sky-to-meadow gradient with grain (the same bytes on every run)."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(2025)
    y, x = np.mgrid[0:1500, 0:2000].astype(np.float32)
    t = y / 1500
    sky = np.stack([120 + 100 * t, 170 + 60 * t, 230 - 120 * t], axis=-1)
    hills = (y > 700 + 120 * np.sin(x / 260)).astype(np.float32)[..., None]
    meadow = np.stack([90 + 40 * np.sin(x / 90), 150 + 30 * t, 50 + 0 * x], axis=-1)
    pixels = sky * (1 - hills) + meadow * hills + rng.normal(0, 9, (1500, 2000, 3))
    Image.fromarray(np.clip(pixels, 0, 255).astype("uint8"), "RGB").save(path, quality=90)


def _fontconfig(work: Path) -> Path:
    conf = work / "fonts.conf"
    conf.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{ROOT / "assets" / "fonts"}</dir>
  <cachedir>{work / "fc-cache"}</cachedir>
</fontconfig>
"""
    )
    return conf


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and processor time (user + system) of one run, in seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command and cache state (default 9)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    inkscape = shutil.which("inkscape")
    if inkscape is None:
        raise SystemExit("inkscape is not installed (Debian: apt-get install inkscape)")
    studio = str(Path(sys.executable).parent / "studio")

    with tempfile.TemporaryDirectory(prefix="single-export-") as tmp:
        work = Path(tmp)
        for name in ("design.json", "flower.svg", "label.svg"):
            shutil.copy(PEERS / name, work / name)
        make_photo(work / "photo.jpg")
        user = work / "studio-user"
        home = work / "home"
        home.mkdir()
        env = dict(os.environ, STUDIO_USER_DIR=str(user), HOME=str(home), FONTCONFIG_FILE=str(_fontconfig(work)))
        env.pop("QT_QPA_PLATFORM", None)  # Studio sets up its headless rendering itself
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules are kept
        design, label = str(work / "design.json"), str(work / "label.svg")

        def studio_cache() -> None:
            shutil.rmtree(user / "cache", ignore_errors=True)

        def inkscape_cache() -> None:
            shutil.rmtree(work / "fc-cache", ignore_errors=True)

        cases: list[tuple[str, str, list[str], Callable[[], None] | None]] = [
            ("PDF", "studio", [studio, "export", design, "--format", "pdf", "-o", str(work / "s.pdf")], studio_cache),
            (
                "PDF",
                "inkscape",
                [inkscape, label, "--export-type=pdf", f"--export-filename={work / 'i.pdf'}"],
                inkscape_cache,
            ),
            (
                "PNG 300 DPI",
                "studio",
                [
                    studio,
                    "export",
                    design,
                    "--format",
                    "png",
                    "--dpi",
                    "300",
                    "--bleed",
                    "3",
                    "-o",
                    str(work / "s.png"),
                ],
                studio_cache,
            ),
            (
                "PNG 300 DPI",
                "inkscape",
                [inkscape, label, "--export-type=png", "--export-dpi=300", f"--export-filename={work / 'i.png'}"],
                inkscape_cache,
            ),
            ("--version", "studio", [studio, "--version"], None),
            ("--help", "studio", [studio, "--help"], None),
        ]
        # First runs write Inkscape's preferences and both font caches; they are not counted.
        for _what, _who, cmd, _clear in cases:
            _run(cmd, env)
        times: dict[tuple[str, str, str], list[float]] = {}
        cpus: dict[tuple[str, str, str], list[float]] = {}
        rng = random.Random(1)
        for _ in range(args.runs):
            order = list(cases)
            rng.shuffle(order)  # neither program always runs right after the other
            for what, who, cmd, clear in order:
                states = ("cold-ish", "warm") if clear is not None else ("warm",)
                for state in states:
                    if state == "cold-ish" and clear is not None:
                        clear()
                    elapsed, cpu = _run(cmd, env)
                    times.setdefault((what, who, state), []).append(elapsed)
                    cpus.setdefault((what, who, state), []).append(cpu)

        from PIL import Image

        with Image.open(work / "s.png") as a, Image.open(work / "i.png") as b:
            sizes = (a.size, b.size)

    rows = []
    for (what, who, state), values in times.items():
        rows.append(
            {
                "export": what,
                "program": who,
                "caches": state,
                "median_s": round(statistics.median(values), 3),
                "min_s": round(min(values), 3),
                "cpu_s": round(statistics.median(cpus[(what, who, state)]), 3),
                "runs": len(values),
            }
        )
    rows.sort(key=lambda r: (r["export"], r["caches"], r["program"]))
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"PNG sizes: studio {sizes[0][0]}x{sizes[0][1]}, inkscape {sizes[1][0]}x{sizes[1][1]}")
    print(f"{'export':12} {'caches':9} {'program':9} {'median':>9} {'min':>9} {'cpu':>9}")
    for r in rows:
        print(
            f"{r['export']:12} {r['caches']:9} {r['program']:9} {r['median_s'] * 1000:6.0f} ms "
            f"{r['min_s'] * 1000:6.0f} ms {r['cpu_s'] * 1000:6.0f} ms"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
