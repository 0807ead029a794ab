"""A library failing on a layer becomes one sentence naming the layer, in every backend."""

from __future__ import annotations

import io

import pikepdf
import pytest
from fakes import FakeSvg
from reportlab.pdfgen.canvas import Canvas

from studio.model.errors import RenderError
from studio.model.geometry import Affine, Path, Rect
from studio.render.display import DisplayList, DrawSvg, Item
from studio.render.pdf import PdfResources, draw_display_list, finish_pdf
from studio.render.qt import render_image
from studio.render.svg import svg_document

# Content the sanitiser refuses, handed to the renderers directly: each library fails on it.
CYCLE = FakeSvg(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><g id="a"><use href="#b"/></g>'
    '<g id="b"><use href="#a"/></g></defs><use href="#a"/></svg>',
    (0.0, 0.0, 10.0, 10.0),
)
NOT_XML = FakeSvg("<svg this is not xml", (0.0, 0.0, 10.0, 10.0))
TRIM = Rect(0.0, 0.0, 50.0, 30.0)


def scene(*items: Item) -> DisplayList:
    return DisplayList(area_id="front", trim=TRIM, page=TRIM, items=list(items))


def art(source: FakeSvg, layer: str = "Bee") -> DrawSvg:
    return DrawSvg(source, Affine.scaling(2.0), Path.rectangle(0, 0, 20, 20), layer=layer)


def check(error: RenderError, layer: str) -> None:
    message = str(error)
    assert error.layer == layer
    assert f"'{layer}'" in message and "\n" not in message and message.endswith("."), message
    assert error.__cause__ is not None  # kept for --debug


def test_raster_backend_names_the_layer() -> None:
    with pytest.raises(RenderError) as caught:
        render_image(scene(art(CYCLE, "Bee")), dpi=96)
    check(caught.value, "Bee")


def test_raster_backend_names_the_layer_without_a_clip() -> None:
    item = DrawSvg(NOT_XML, Affine.scaling(2.0), None, layer="Logo")
    with pytest.raises(RenderError) as caught:
        render_image(scene(item), dpi=96)
    check(caught.value, "Logo")


def test_pdf_backend_names_the_layer() -> None:
    resources = PdfResources()
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    draw_display_list(canvas, scene(art(CYCLE, "Flower")), image_cache=resources)
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf, pytest.raises(RenderError) as caught:
        finish_pdf(pdf, resources)
    check(caught.value, "Flower")


def test_svg_backend_names_the_layer() -> None:
    with pytest.raises(RenderError) as caught:
        svg_document(scene(art(NOT_XML, "Star")))
    check(caught.value, "Star")
