"""Pass rates of SVG renderers on the conformance subset in ``tests/data/svg-suite``.

Each renderer draws every test 500 pixels wide; the result is compared with the reference PNG
at the tolerance stated in ``tests/svg_suite.py`` (a pixel differs when a channel lies more than
24 levels outside that channel's range over the reference pixel's 3 x 3 neighbourhood; a test
passes when at most 1 % of its pixels differ). Renderers:

- ``studio-png``: Studio's own PNG export of a design with the SVG placed full-size in a print area;
- ``studio-pdf``: Studio's print PDF of the same design, rasterised by ``pdftoppm``;
- ``resvg``: resvg through its Python bindings (``resvg-py``), alone;
- ``svg2pdf``: typst's svg2pdf (``svg2pdf-py``), its PDF rasterised by ``pdftoppm``;
- ``cairosvg``: CairoSVG;
- ``rsvg-convert``: librsvg's command line tool.

    python benchmarks/svg_suite_bench.py [--suite DIR] [--only NAME ...] [--list-failures] [--workers N]
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import svg_suite  # noqa: E402


def _size(case: svg_suite.Case) -> tuple[int, int]:
    with Image.open(case.png) as im:
        return im.size


def _pdftoppm(pdf: Path, width: int, height: int) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(width), "-scale-to-y", str(height), pdf, out],
            check=True,
            capture_output=True,
        )
        with Image.open(out.with_suffix(".png")) as im:
            return svg_suite.on_white(im)


def render_resvg(case: svg_suite.Case, width: int, height: int) -> np.ndarray:
    import resvg_py

    data = resvg_py.svg_to_bytes(svg_string=case.svg.read_text(), width=width, skip_system_fonts=True)
    return svg_suite.png_array(bytes(data))


def render_svg2pdf(case: svg_suite.Case, width: int, height: int) -> np.ndarray:
    import svg2pdf_py

    pdf = svg2pdf_py.svg_to_pdf(case.svg.read_text(), svg2pdf_py.FontDatabase(), svg2pdf_py.ConversionOptions())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.pdf"
        path.write_bytes(pdf)
        return _pdftoppm(path, width, height)


def render_cairosvg(case: svg_suite.Case, width: int, height: int) -> np.ndarray:
    import cairosvg

    return svg_suite.png_array(cairosvg.svg2png(url=str(case.svg), output_width=width, output_height=height))


def render_rsvg(case: svg_suite.Case, width: int, height: int) -> np.ndarray:
    out = subprocess.run(
        ["rsvg-convert", "--width", str(width), "--height", str(height), str(case.svg)],
        check=True,
        capture_output=True,
    )
    return svg_suite.png_array(out.stdout)


def render_studio_png(case: svg_suite.Case, width: int, height: int) -> np.ndarray:
    import studio_svg_case

    return studio_svg_case.export_png(case, width, height)


def render_studio_pdf(case: svg_suite.Case, width: int, height: int) -> np.ndarray:
    import studio_svg_case

    return studio_svg_case.export_pdf_raster(case, width, height)


RENDERERS: dict[str, Callable[[svg_suite.Case, int, int], np.ndarray]] = {
    "studio-png": render_studio_png,
    "studio-pdf": render_studio_pdf,
    "resvg": render_resvg,
    "svg2pdf": render_svg2pdf,
    "cairosvg": render_cairosvg,
    "rsvg-convert": render_rsvg,
}


def _run(job: tuple[str, svg_suite.Case]) -> tuple[str, str, bool, float]:
    name, case = job
    width, height = _size(case)
    try:
        actual = RENDERERS[name](case, width, height)
    except Exception:  # a renderer that refuses or crashes on a test fails that test
        return name, case.name, False, 1.0
    share = svg_suite.differing_share(actual, svg_suite.reference(case))
    return name, case.name, share <= svg_suite.SHARE, share


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=svg_suite.SUITE)
    parser.add_argument("--only", nargs="*", choices=sorted(RENDERERS), default=list(RENDERERS))
    parser.add_argument("--list-failures", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    cases = svg_suite.cases(args.suite)
    jobs = [(name, case) for name in args.only for case in cases]
    passed: dict[str, int] = collections.Counter()
    by_feature: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    failures: dict[str, list[tuple[str, float]]] = collections.defaultdict(list)
    elapsed: dict[str, float] = collections.Counter()
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        for name, case_name, ok, share in pool.map(_run, jobs, chunksize=8):
            passed[name] += ok
            feature = case_name.rsplit("/", 1)[0].split("/", 1)[0]
            by_feature[(name, feature)][0] += ok
            by_feature[(name, feature)][1] += 1
            if not ok:
                failures[name].append((case_name, share))
    elapsed["all"] = time.perf_counter() - t0

    features = sorted({f for _, f in by_feature})
    print(
        f"{len(cases)} tests; tolerance: {svg_suite.LEVELS} levels beyond the 3 x 3 range, ≤ {svg_suite.SHARE:.0%} of pixels\n"
    )
    print("| renderer | passed | rate | " + " | ".join(features) + " |")
    print("|---|---:|---:|" + "---:|" * len(features))
    for name in args.only:
        cells = [f"{by_feature[(name, f)][0]}/{by_feature[(name, f)][1]}" for f in features]
        print(f"| {name} | {passed[name]}/{len(cases)} | {passed[name] / len(cases):.1%} | " + " | ".join(cells) + " |")
    print(f"\n{elapsed['all']:.0f} s in all")
    if args.list_failures:
        for name in args.only:
            print(f"\n{name} fails:")
            for case_name, share in failures[name]:
                print(f"  {case_name}  {share:.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
