"""Placed SVG art is drawn completely in PNG and PDF: a conformance subset and real emoji with blur.

The conformance subset is ``tests/data/svg-suite`` (from resvg's test suite; see
``tests/svg_suite.py`` for how it was chosen): gradients, patterns, clip paths, masks, opacity,
blend modes, filters (Gaussian blur, drop shadow, offset, flood, composite, colour matrix),
markers, ``use``/``symbol``, transforms and stroking. Tolerance: a pixel differs when a channel
is more than 24 levels (of 255) outside that channel's range over the reference pixel's 3 x 3
neighbourhood (strict in flat areas, an anti-aliasing allowance along edges); a test matches when
at most 1 % of its pixels differ. The bar: at least 95 % of the subset matches, through Studio's
own PNG export and through its PDF rasterised by pdftoppm.

To keep the suite quick, the tests run every fourth case of the subset in name order (133 of
530, spread over every feature folder); ``STUDIO_SVG_SUITE=all`` runs all of them, and
``benchmarks/svg_suite_bench.py`` measures the whole subset for Studio and its peers.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import studio_svg_case
import svg_suite
from PIL import Image
from requirements import require_tools, shared_fixture

from studio.export.options import PdfOptions, PngOptions
from studio.export.pdf import export_pdf
from studio.export.png import export_png
from studio.preflight import run_preflight
from studio.render.svgart import inspect_svg, pdf_ready_svg

BAR = 0.95


def _pass_rate(kind: str) -> tuple[float, list[str]]:
    cases = svg_suite.cases()
    assert len(cases) >= 500, "the conformance subset is missing from tests/data/svg-suite"
    if os.environ.get("STUDIO_SVG_SUITE") != "all":
        cases = cases[::4]
    # Fresh interpreters, not forks: this process has Qt's threads running, which a fork would copy locked.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max(1, min(2, os.cpu_count() or 1)), mp_context=context) as pool:
        results = list(pool.map(studio_svg_case.check, [(kind, c) for c in cases], chunksize=16))
    failures = [f"{name} ({share:.1%})" for name, share in results if share > svg_suite.SHARE]
    return 1.0 - len(failures) / len(cases), failures


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_conformance_subset_pass_rate(kind: str) -> None:
    require_tools("pdftoppm")
    rate, failures = _pass_rate(kind)
    assert rate >= BAR, f"{kind}: {rate:.1%} of the subset matches; failing: " + ", ".join(failures)


# -- real emoji whose soft shading is a blur filter -----------------------------------------------


def _without_filters(svg: bytes) -> bytes:
    return re.sub(rb'\sfilter="url\([^)]*\)"', b"", svg)


def _rsvg(svg: bytes, width: int) -> np.ndarray:
    out = subprocess.run(
        ["rsvg-convert", "--width", str(width), "--height", str(width)], input=svg, capture_output=True, check=True
    )
    return svg_suite.png_array(out.stdout).astype(np.int16)


@pytest.mark.parametrize(
    "name", ["fluent-modern-rocket.svg", "fluent-modern-four-leaf-clover.svg", "fluent-modern-birthday-cake.svg"]
)
def test_blur_shading_of_emoji_is_drawn_in_png_and_pdf(name: str, tmp_path: Path) -> None:
    require_tools("rsvg-convert", "pdftoppm")
    svg = shared_fixture(f"svg/{name}").read_bytes()
    width = 400
    # Independent reference: librsvg draws the filters; the same file without them shows where they matter.
    with_blur = _rsvg(svg, width)
    without = _rsvg(_without_filters(svg), width)
    shadow = np.abs(with_blur - without).max(axis=2) > 24
    assert shadow.sum() > 500, "the fixture no longer has visible filter shading"

    doc = studio_svg_case.document(svg, width, width)
    png = export_png(doc, tmp_path / "a.png", options=PngOptions(dpi=width * 25.4 / studio_svg_case.AREA_WIDTH))
    pdf = export_pdf(doc, tmp_path / "a.pdf", options=PdfOptions(bleed=0.0))
    with Image.open(png) as im:
        from_png = svg_suite.on_white(im).astype(np.int16)
    from_pdf = studio_svg_case.pdftoppm(pdf, width, width).astype(np.int16)
    for label, actual in (("PNG", from_png), ("PDF", from_pdf)):
        to_blur = np.abs(actual - with_blur).max(axis=2)[shadow].mean()
        to_plain = np.abs(actual - without).max(axis=2)[shadow].mean()
        # Where the shading is, Studio's pixels are those of the filtered drawing, not of the plain one.
        assert to_blur < 20, f"{label}: {to_blur:.1f} levels from the filtered drawing where the blur is"
        assert to_plain > 2 * to_blur, f"{label}: the blur shading is missing ({to_plain:.1f} vs {to_blur:.1f})"


def test_pdf_keeps_vectors_and_rasterises_only_the_filters(tmp_path: Path) -> None:
    import pikepdf

    svg = shared_fixture("svg/fluent-modern-rocket.svg").read_bytes()
    doc = studio_svg_case.document(svg, 400, 400)
    pdf = export_pdf(doc, tmp_path / "a.pdf", options=PdfOptions(bleed=0.0))
    images, paths = [], 0
    with pikepdf.open(pdf) as opened:
        for obj in opened.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
                images.append((int(obj.Width), int(obj.Height)))
            elif isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Form:
                paths += len(re.findall(rb"\bf\*?\n", obj.read_bytes()))
    assert paths > 10, "the art's shapes are not vector paths"
    assert images, "the blur filters are not drawn at all"
    # The whole art (80 mm at 300 dpi) would be 945 pixels wide: the filtered parts are smaller, at that resolution.
    assert max(w for w, _ in images) < 945
    assert any(w > 60 for w, _ in images)


def test_preflight_says_what_is_drawn_as_an_image(tmp_path: Path) -> None:
    svg = shared_fixture("svg/fluent-modern-rocket.svg").read_bytes()
    doc = studio_svg_case.document(svg, 400, 400)
    findings = [f for f in run_preflight(doc) if f.code == "svg-raster"]
    assert len(findings) == 1
    assert findings[0].severity == "info"  # a note: the art is drawn, only not as vectors
    assert "drawn as an image at 300 DPI because of its blur filter" in findings[0].message


def test_preflight_names_what_no_output_draws() -> None:
    svg = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
      <filter id="f"><feBlend in="SourceGraphic" in2="BackgroundImage" mode="multiply"/></filter>
      <rect width="10" height="10" filter="url(#f)" style="clip-path: circle(40%)"/></svg>"""
    report = inspect_svg(svg)
    assert report.unsupported == ("filter input BackgroundImage", "clip-path: circle()")
    doc = studio_svg_case.document(svg, 100, 100)
    messages = [f.message for f in run_preflight(doc) if f.code == "svg-unsupported"]
    assert messages == [
        "Art, layer 'Art': the art uses filter input BackgroundImage, clip-path: circle(), "
        "which Studio cannot draw: every output shows the art without them."
    ]


def test_plain_art_is_all_vector_and_preflight_is_quiet(tmp_path: Path) -> None:
    import pikepdf

    svg = shared_fixture("svg/twemoji-star.svg").read_bytes()
    assert inspect_svg(svg).rasterised == ()
    doc = studio_svg_case.document(svg, 100, 100)
    assert [f for f in run_preflight(doc) if f.code.startswith("svg")] == []
    pdf = export_pdf(doc, tmp_path / "a.pdf", options=PdfOptions(bleed=0.0))
    with pikepdf.open(pdf) as opened:
        assert not any(
            isinstance(o, pikepdf.Stream) and o.get("/Subtype") == pikepdf.Name.Image for o in opened.objects
        )


def test_repeating_gradient_is_rasterised_alone_for_pdf() -> None:
    from defusedxml.ElementTree import fromstring

    svg = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
      <linearGradient id="g" spreadMethod="reflect" x2="0.2"><stop stop-color="red"/><stop offset="1" stop-color="blue"/></linearGradient>
      <linearGradient id="h" href="#g"/>
      <rect id="a" width="10" height="5" fill="url(#h)"/><rect id="b" y="5" width="10" height="5" fill="green"/></svg>"""
    assert inspect_svg(svg).rasterised == ("repeating gradient",)
    root = pdf_ready_svg(fromstring(svg))
    wrapped = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("filter")]
    assert [child.get("id") for g in wrapped for child in g] == ["a"]


def test_renderers_get_no_file_system_access(tmp_path: Path) -> None:
    """An href to a file never reaches a renderer: the sanitiser refuses it on import."""
    from studio.model.errors import InvalidFile

    secret = tmp_path / "secret.png"
    Image.new("RGB", (4, 4), "red").save(secret)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><image href="{secret}" width="4" height="4"/></svg>'
    )
    with pytest.raises(InvalidFile, match="outside file"):
        studio_svg_case.document(svg.encode(), 10, 10)


def test_focal_radius_art_is_one_image_at_print_resolution(tmp_path: Path) -> None:
    import pikepdf

    svg = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">
      <radialGradient id="g" fr="0.3"><stop stop-color="red"/><stop offset="1" stop-color="blue"/></radialGradient>
      <rect width="200" height="200" fill="url(#g)"/></svg>"""
    doc = studio_svg_case.document(svg, 400, 400)
    pdf = export_pdf(doc, tmp_path / "a.pdf", options=PdfOptions(bleed=0.0))
    with pikepdf.open(pdf) as opened:
        sizes = [
            (int(o.Width), int(o.Height))
            for o in opened.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == pikepdf.Name.Image
        ]
        shadings = [o for o in opened.objects if isinstance(o, pikepdf.Dictionary) and "/ShadingType" in o]
    # 80 mm at 300 dpi.
    assert sizes == [(945, 945)] and shadings == []
    [finding] = [f for f in run_preflight(doc) if f.code == "svg-raster"]
    assert "at 300 DPI because of its gradient focal radius" in finding.message
