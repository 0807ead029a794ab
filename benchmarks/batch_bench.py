"""Batch benchmark: 1,000 personalised jar labels into one print PDF, Studio against its peers.

    python benchmarks/batch_bench.py [--rows 1000] [--big 10000] [--inkscape 100] [--repeat 3]

Writes the job of ``benchmarks/peers`` (see ``peers/make_job.py``) into a temporary folder and,
in the same run, times (wall clock, start-up included, best of ``--repeat``) and measures (peak
resident memory of the process, file size):

- ``studio batch`` with one worker and with the default (one per core);
- the plain reportlab script ``peers/reportlab_labels.py`` drawing the same labels;
- Inkscape 1.x's ``--shell`` exporting the label as one PDF per name (``--inkscape`` names,
  the time scaled to ``--rows``), when ``inkscape`` is installed;
- Studio's memory at ``--big`` rows against ``--rows`` rows (the target: at most 1.2 x).

Prints a Markdown table for ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable


def run(cmd: list[str], *, cwd: Path, stdin: str | None = None) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KB) of ``cmd``, through GNU time."""
    timed = ["/usr/bin/time", "-f", "%M", *cmd]
    start = time.perf_counter()
    done = subprocess.run(timed, cwd=cwd, input=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    rss = int(done.stderr.strip().splitlines()[-1])
    return elapsed, rss


def best(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    results = [run(cmd, cwd=cwd) for _ in range(repeat)]
    return min(r[0] for r in results), max(r[1] for r in results)


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Pages:\s+(\d+)", info)
    return int(match.group(1)) if match else 0


def inkscape_job(job: Path, names: list[str]) -> str:
    """Commands for ``inkscape --shell``: one SVG per name, exported as PDF (what a script does)."""
    photo = (job / "photo.jpg").as_uri()
    flower = (job / "flower.svg").read_text(encoding="utf-8").split("\n", 1)[1].rsplit("</svg>", 1)[0]
    lines = []
    for i, name in enumerate(names):
        svg = job / f"ink-{i}.svg"
        svg.write_text(
            f"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  width="242mm" height="96mm" viewBox="-3 -3 242 96">
  <rect x="-3" y="-3" width="242" height="96" fill="#FBF3DF"/>
  <clipPath id="c"><rect x="-3" y="-3" width="79" height="96"/></clipPath>
  <image clip-path="url(#c)" xlink:href="{photo}" x="-3" y="-3" width="79" height="96" preserveAspectRatio="xMidYMid slice"/>
  <g transform="translate(188 17) scale(0.4)">{flower}</g>
  <text x="152" y="44" font-family="Open Sans" font-weight="bold" font-size="9.88" text-anchor="middle" fill="#5A2D0C">{name}</text>
  <text x="152" y="61.5" font-family="Open Sans" font-size="4.23" text-anchor="middle" fill="#5A2D0C">Miel de fleurs sauvages · récolte 2026</text>
</svg>
""",
            encoding="utf-8",
        )
        lines.append(f"file-open:{svg}; export-type:pdf; export-filename:{job / f'ink-{i}.pdf'}; export-do; file-close")
    return "\n".join(lines) + "\nquit\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10000)
    parser.add_argument("--inkscape", type=int, default=100, help="labels Inkscape makes (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        job = Path(tmp)
        subprocess.run(
            [PY, str(HERE / "peers" / "make_job.py"), str(job), "--rows", str(args.rows), "--rows", str(args.big)],
            check=True,
            capture_output=True,
        )
        names = job / f"names-{args.rows}.csv"
        rows: list[tuple[str, float, int, int, int]] = []

        def studio(label: str, out: str, *extra: str, data: Path = names, repeat: int = args.repeat) -> None:
            cmd = [PY, "-m", "studio", "batch", "design.json", str(data), "-o", out, *extra]
            seconds, rss = best(cmd, job, repeat)
            rows.append((label, seconds, rss, (job / out).stat().st_size, pages(job / out)))

        studio("Studio `batch --workers 1`", "s1.pdf", "--workers", "1")
        studio(f"Studio `batch` (default workers; {os.cpu_count()} cores)", "sn.pdf")
        seconds, rss = best(
            [PY, str(HERE / "peers" / "reportlab_labels.py"), ".", str(names), "rl.pdf"], job, args.repeat
        )
        rows.append(("plain reportlab script", seconds, rss, (job / "rl.pdf").stat().st_size, pages(job / "rl.pdf")))
        if args.inkscape and shutil.which("inkscape"):
            count = args.inkscape
            script = inkscape_job(
                job, (job / f"names-{args.rows}.csv").read_text(encoding="utf-8").split("\n")[1 : count + 1]
            )
            start = time.perf_counter()
            subprocess.run(["inkscape", "--shell"], input=script, text=True, cwd=job, capture_output=True, check=True)
            elapsed = time.perf_counter() - start
            made = sorted(job.glob("ink-*.pdf"))
            size = sum(p.stat().st_size for p in made)
            rows.append(
                (
                    f"Inkscape `--shell` ({len(made)} labels, time and size scaled to {args.rows})",
                    elapsed * args.rows / max(1, len(made)),
                    0,
                    size * args.rows // max(1, len(made)),
                    len(made),
                )
            )
        base = next(r[1] for r in rows if r[0] == "plain reportlab script")
        print(f"| tool ({args.rows} labels, one PDF) | time (s) | vs reportlab | peak RSS (MB) | file (MB) | pages |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, seconds, rss, size, count in rows:
            memory = f"{rss / 1024:.0f}" if rss else "n/a"
            print(f"| {label} | {seconds:.2f} | {seconds / base:.2f} x | {memory} | {size / 1e6:.2f} | {count} |")
        small = run([PY, "-m", "studio", "batch", "design.json", str(names), "-o", "m1.pdf", "--workers", "1"], cwd=job)
        big_csv = job / f"names-{args.big}.csv"
        large = run(
            [PY, "-m", "studio", "batch", "design.json", str(big_csv), "-o", "m2.pdf", "--workers", "1"], cwd=job
        )
        print()
        print(
            f"Memory (one worker): {args.rows} rows {small[1] / 1024:.0f} MB in {small[0]:.1f} s; "
            f"{args.big} rows {large[1] / 1024:.0f} MB in {large[0]:.1f} s "
            f"({(job / 'm2.pdf').stat().st_size / 1e6:.1f} MB file): ratio {large[1] / small[1]:.2f} (target <= 1.2)."
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
