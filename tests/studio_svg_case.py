"""One SVG placed full-size in a print area and exported through Studio's own PNG and PDF exporters.

The design is what a user makes: a template with one print area, the SVG imported into the
project's assets (sanitised on the way in) as a vector layer filling the area. The PNG export is
made at the resolution that gives the reference's width; the PDF is rasterised by ``pdftoppm``.
"""

from __future__ import annotations

import subprocess
import tempfile
import tomllib
from pathlib import Path

import numpy as np
import svg_suite
from PIL import Image

from studio.export.options import PdfOptions, PngOptions
from studio.export.pdf import export_pdf
from studio.export.png import export_png as studio_export_png
from studio.io.assets import AssetStore
from studio.io.project import new_design
from studio.model.design import Transform, VectorLayer
from studio.model.template import Template
from studio.render.scene import Document
from studio.text import FontRegistry

AREA_WIDTH = 80.0  # mm

_TEMPLATE = """\
format = 1
[product]
id = "svg-suite"
name = "SVG suite"
category = "other"
[[views]]
id = "front"
name = "Front"
art = "views/front.svg"
[[print_areas]]
id = "art"
name = "Art"
width = {width}
height = {height}
bleed = 0
"""


def document(svg: bytes, width_px: int, height_px: int) -> Document:
    """A design whose only layer is ``svg`` filling an area of the reference's proportions."""
    height = AREA_WIDTH * height_px / width_px
    template = Template.model_validate(tomllib.loads(_TEMPLATE.format(width=AREA_WIDTH, height=height)))
    store = AssetStore()
    ref = store.add_bytes(svg, "art.svg")
    design = new_design(template)
    design.areas["art"].layers = [
        VectorLayer(
            name="Art",
            asset=ref,
            width=AREA_WIDTH,
            height=height,
            transform=Transform(x=AREA_WIDTH / 2, y=height / 2),
        )
    ]
    return Document(design, template, store, FontRegistry.default())


def _dpi(width_px: int) -> float:
    return width_px * 25.4 / AREA_WIDTH


def export_png(case: svg_suite.Case, width: int, height: int, folder: Path | None = None) -> np.ndarray:
    """The case through Studio's PNG export, ``width`` x ``height`` pixels, over white."""
    doc = document(case.svg.read_bytes(), width, height)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        out = studio_export_png(doc, Path(tmp) / "a.png", options=PngOptions(dpi=_dpi(width)))
        with Image.open(out) as im:
            return svg_suite.on_white(im)


def export_pdf_raster(case: svg_suite.Case, width: int, height: int, folder: Path | None = None) -> np.ndarray:
    """The case through Studio's PDF export, rasterised by pdftoppm to ``width`` x ``height``."""
    doc = document(case.svg.read_bytes(), width, height)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        pdf = export_pdf(doc, Path(tmp) / "a.pdf", options=PdfOptions(bleed=0.0))
        return pdftoppm(pdf, width, height)


def pdftoppm(pdf: Path, width: int, height: int) -> np.ndarray:
    out = pdf.with_name("page")
    subprocess.run(
        ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(width), "-scale-to-y", str(height), str(pdf), str(out)],
        check=True,
        capture_output=True,
    )
    with Image.open(out.with_suffix(".png")) as im:
        return svg_suite.on_white(im)


def check(job: tuple[str, svg_suite.Case]) -> tuple[str, float]:
    """``(name, share of differing pixels)`` of one case through the PNG (``"png"``) or PDF export."""
    kind, case = job
    with Image.open(case.png) as im:
        width, height = im.size
    render = export_png if kind == "png" else export_pdf_raster
    try:
        actual = render(case, width, height)
    except Exception as error:  # a case Studio refuses counts as a failure, with its reason
        return f"{case.name} [{type(error).__name__}: {error}]", 1.0
    return case.name, svg_suite.differing_share(actual, svg_suite.reference(case))
