"""Fidelity: for each shipped example, the PNG export, the PDF (rasterised by pdftoppm) and the
SVG (rasterised by cairosvg) show the same picture, and the PNG matches its reviewed golden file.

Tolerance between renderers: the three antialias edges and resample photos differently, so we
compare pixels at 50 DPI and allow a mean absolute difference of 3/255 per channel, with fewer than
2 % of pixels differing by more than 64/255 (an edge pixel). Against the golden file the PNG is held
much tighter (``golden_compare``): a 1 mm move, a swapped font or a changed colour fails. ``STUDIO_UPDATE_GOLDEN=1`` rewrites the golden files, which a
person then looks at before committing them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import cairosvg
import numpy as np
import pytest
from golden_compare import assert_matches_golden
from PIL import Image

from studio.export.document import open_document
from studio.export.options import PdfOptions, PngOptions, SvgOptions
from studio.export.pdf import export_pdf
from studio.export.png import export_png
from studio.export.svg import export_svg

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
DPI = 50
GOLDEN_DPI = 100  # fine enough that a 10 pt subtitle in another font shows
EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/design.json"))

pytestmark = pytest.mark.tools("pdftoppm")


def _cases() -> list[tuple[str, str]]:
    cases = []
    for name in EXAMPLES:
        doc = open_document(ROOT / "examples" / name / "design.json")
        cases.extend((name, area) for area in doc.designed_area_ids())
    return cases


def _rgb(img: Image.Image) -> np.ndarray:
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        white = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, img)
    return np.asarray(img.convert("RGB"), dtype=np.int16)


def _compare(a: np.ndarray, b: np.ndarray, what: str) -> None:
    assert a.shape == b.shape, f"{what}: sizes differ {a.shape} != {b.shape}"
    diff = np.abs(a - b)
    mean = diff.mean()
    far = (diff.max(axis=2) > 64).mean()
    print(f"{what}: mean {mean:.2f}/255, far {far:.2%}")
    assert mean < 3.0, f"{what}: mean difference {mean:.2f}/255"
    assert far < 0.02, f"{what}: {far:.1%} of pixels differ by more than 64/255"


@pytest.mark.parametrize(("example", "area"), _cases())
def test_png_pdf_and_svg_agree(tmp_path, example, area):
    doc = open_document(ROOT / "examples" / example / "design.json")
    bleed = doc.print_area(area).bleed
    png = export_png(doc, tmp_path / "a.png", options=PngOptions(area=area, dpi=DPI, bleed=bleed))
    pdf = export_pdf(doc, tmp_path / "a.pdf", options=PdfOptions(areas=(area,)))
    svg = export_svg(doc, tmp_path / "a.svg", options=SvgOptions(area=area, bleed=bleed))

    reference = _rgb(Image.open(png))
    h, w = reference.shape[:2]
    size = ["-scale-to-x", str(w), "-scale-to-y", str(h)]
    subprocess.run(["pdftoppm", *size, "-png", "-singlefile", str(pdf), str(tmp_path / "pdf")], check=True)
    from_pdf = Image.open(tmp_path / "pdf.png")
    from_svg = Image.open(io.BytesIO(cairosvg.svg2png(url=str(svg), output_width=w, output_height=h)))

    _compare(reference, _rgb(from_pdf), f"{example}/{area} PDF vs PNG")
    _compare(reference, _rgb(from_svg), f"{example}/{area} SVG vs PNG")


@pytest.mark.parametrize(("example", "area"), _cases())
def test_png_matches_its_golden_file(tmp_path, example, area):
    doc = open_document(ROOT / "examples" / example / "design.json")
    bleed = doc.print_area(area).bleed
    png = export_png(doc, tmp_path / "a.png", options=PngOptions(area=area, dpi=GOLDEN_DPI, bleed=bleed))
    golden = GOLDEN / f"{example}-{area}.png"
    if os.environ.get("STUDIO_UPDATE_GOLDEN") == "1" or not golden.exists():
        if os.environ.get("STUDIO_UPDATE_GOLDEN") != "1":
            pytest.fail(f"no golden file {golden.name}; run with STUDIO_UPDATE_GOLDEN=1 and review it")
        GOLDEN.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, golden)
    assert_matches_golden(_rgb(Image.open(png)), _rgb(Image.open(golden)), f"{example}/{area} PNG vs golden")
