"""Hostile inputs: how long, and how much memory, Studio takes to refuse each one.

Each input of ``tests/hostile_inputs.py`` is made in a temporary folder and met by the real
``studio`` command in a fresh process under ``/usr/bin/time -v``: wall time, CPU time and the
process's peak resident memory. For the SVG inputs, librsvg's ``rsvg-convert`` draws the same
file alone, as a peer (it has limits of its own), with a time-out.

Usage::

    .venv/bin/python benchmarks/hostile_bench.py [--only NAME] [--peer-timeout 60]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile_inputs import CASES, SVG, _design, _export, _write  # noqa: E402

LABEL = {"kind": "text", "text": "Camille", "font_family": "Lobster", "size": 30, "transform": {"x": 118, "y": 45}}


def _at_limit_layers(folder: Path) -> list[str]:
    texts = [
        {"kind": "text", "text": f"Name {i}", "size": 8, "transform": {"x": 5 + i % 23 * 10, "y": 5 + i // 23 % 9 * 10}}
        for i in range(1_000)
    ]
    return _export(_write(folder, _design(texts)))


def _at_limit_dashes(folder: Path) -> list[str]:
    d = "M0 0" + " L100 100 L0 100 L100 0 L0 0" * 500  # 240,000 units of path, 480,000 dashes of 0.5
    svg = SVG + f'<path d="{d}" stroke="black" stroke-width="0.2" stroke-dasharray="0.5" fill="none"/></svg>'
    (folder / "art.svg").write_text(svg)
    layer = {"kind": "vector", "asset": "art.svg", "width": 40, "height": 40, "transform": {"x": 60, "y": 45}}
    return _export(_write(folder, _design([layer])), "png")


def _at_limit_mockup(folder: Path) -> list[str]:
    path = _write(folder, _design([LABEL]))
    return ["export", str(path), "--format", "mockup", "--size", "2235", "-o", str(folder / "mockup.png")]


def _at_limit_png(folder: Path) -> list[str]:
    return _export(_write(folder, _design([LABEL])), "png", "--dpi", "1232")


# The largest inputs the limits accept, which must export within 10 s and 1 GB.
ACCEPTED = [
    ("1,000 text layers on one area (PDF)", _at_limit_layers),
    ("SVG of 480,000 dashes (PNG)", _at_limit_dashes),
    ("mockup of 2,235 px (4 MP)", _at_limit_mockup),
    ("PNG at 1,232 dpi (50 MP)", _at_limit_png),
]


def timed(command: list[str], timeout: float) -> tuple[int | None, float, float, float, str]:
    """(exit status or None on time-out, wall s, CPU s, peak MB, last line of stderr)."""
    try:
        done = subprocess.run(
            ["/usr/bin/time", "-v", *command], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return None, timeout, float("nan"), float("nan"), f"still running after {timeout:.0f} s"
    report = done.stderr
    wall = _field(report, r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)")
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    cpu = float(_field(report, r"User time \(seconds\): ([\d.]+)")) + float(
        _field(report, r"System time \(seconds\): ([\d.]+)")
    )
    peak = float(_field(report, r"Maximum resident set size \(kbytes\): (\d+)")) / 1024
    lines = [line for line in report.splitlines() if line.strip() and not line.startswith("\t")]
    lines = [line for line in lines if not line.startswith("Command ")]
    return done.returncode, seconds, cpu, peak, lines[0] if lines else ""


def _field(text: str, pattern: str) -> str:
    m = re.search(pattern, text)
    return m.group(1) if m else "0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the cases whose maker's name contains this")
    parser.add_argument("--peer-timeout", type=float, default=60.0)
    args = parser.parse_args()
    rsvg = shutil.which("rsvg-convert")
    rows = []
    # The fixed cost of any refusal (start-up, imports, reading the template), for comparison.
    with tempfile.TemporaryDirectory() as tmp:
        command = ["export", str(Path(tmp) / "missing.json"), "--format", "pdf", "-o", str(Path(tmp) / "x.pdf")]
        status, wall, cpu, peak, message = timed([sys.executable, "-m", "studio", *command], 120.0)
        rows.append(("(reference) a design.json that does not exist", status, wall, cpu, peak, message, ""))
    for case in CASES:
        if args.only and args.only not in case.make.__name__:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            command = case.make(folder)
            status, wall, cpu, peak, message = timed([sys.executable, "-m", "studio", *command], 120.0)
            peer = ""
            art = folder / "art.svg"
            if rsvg and art.exists():
                p_status, p_wall, _p_cpu, p_peak, _p_message = timed(
                    [rsvg, "-w", "472", "-o", str(folder / "peer.png"), str(art)], args.peer_timeout
                )
                outcome = "drawn" if p_status == 0 else ("timed out" if p_status is None else "refused")
                peer = f"{outcome}, {p_wall:.1f} s, {p_peak:.0f} MB"
        rows.append((case.name, status, wall, cpu, peak, message, peer))
        print(f"{case.name}: exit {status}, {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MB | {message}", flush=True)
    accepted = []
    for name, make in ACCEPTED:
        if args.only and args.only not in make.__name__:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            command = make(Path(tmp))
            status, wall, cpu, peak, message = timed([sys.executable, "-m", "studio", *command], 300.0)
        accepted.append((name, status, wall, cpu, peak))
        print(f"{name}: exit {status}, {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MB {message}", flush=True)
    print()
    print("| accepted at the limit | exit | wall | CPU | peak memory |")
    print("|---|---:|---:|---:|---:|")
    for name, status, wall, cpu, peak in accepted:
        print(f"| {name} | {status} | {wall:.2f} s | {cpu:.2f} s | {peak:.0f} MB |")
    print()
    print("| input | exit | wall | CPU | peak memory | rsvg-convert on the same SVG |")
    print("|---|---:|---:|---:|---:|---|")
    for name, status, wall, cpu, peak, _message, peer in rows:
        print(f"| {name} | {status} | {wall:.2f} s | {cpu:.2f} s | {peak:.0f} MB | {peer or '—'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
