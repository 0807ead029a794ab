"""SVG export: one print area to a file, with the options the CLI and dialogs pass."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path as FsPath

import pytest
from fakes import FakeDocument

from studio.export.options import SvgOptions
from studio.export.svg import export_svg
from studio.model.color import Color
from studio.model.errors import StudioError
from studio.model.geometry import Path
from studio.model.template import AreaShape, PrintArea
from studio.render.display import DisplayList, FillPath

NS = {"svg": "http://www.w3.org/2000/svg"}


def document() -> FakeDocument:
    front = PrintArea(id="front", name="Front", width=60.0, height=40.0, bleed=2.0, shape=AreaShape(kind="ellipse"))
    back = PrintArea(id="back", name="Back", width=20.0, height=20.0)
    square = FillPath(Path.rectangle(5, 5, 10, 10), Color.of("#FF0000"))
    scenes = {
        a.id: DisplayList(area_id=a.id, trim=a.trim_rect, page=a.trim_rect, items=[square], die_line=a.outline())
        for a in (front, back)
    }
    return FakeDocument(areas={"front": front, "back": back}, scenes=scenes, title="Sticker")


def test_defaults_first_area_trim_only(tmp_path: FsPath) -> None:
    doc = document()
    out = export_svg(doc, tmp_path / "s.svg")
    assert out == tmp_path / "s.svg"
    assert doc.calls == [("front", 0.0)]
    root = ET.parse(out).getroot()
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("60mm", "40mm", "0 0 60 40")
    assert root.findtext("svg:title", namespaces=NS) == "Sticker"
    assert root.find("svg:g[@id='CutContour']", NS) is None


def test_options_reach_the_document(tmp_path: FsPath) -> None:
    doc = document()
    out = export_svg(doc, tmp_path / "s.svg", options=SvgOptions(bleed=None, cut_line=True, mirror=True))
    assert doc.calls == [("front", None)]
    root = ET.parse(out).getroot()
    assert root.get("viewBox") == "-2 -2 64 44"
    cut = root.find("svg:g[@id='CutContour']/svg:path", NS)
    assert cut is not None and cut.get("d") == doc.areas["front"].outline().to_svg()
    assert root.find("svg:g[@id='artwork']", NS).get("transform") == "matrix(-1 0 0 1 60 0)"  # type: ignore[union-attr]


def test_other_area(tmp_path: FsPath) -> None:
    doc = document()
    out = export_svg(doc, tmp_path / "b.svg", options=SvgOptions(area="back"))
    assert doc.calls == [("back", 0.0)]
    assert ET.parse(out).getroot().get("width") == "20mm"


def test_unknown_area_is_a_user_error(tmp_path: FsPath) -> None:
    with pytest.raises(StudioError, match="no print area 'lid'"):
        export_svg(document(), tmp_path / "x.svg", options=SvgOptions(area="lid"))
    assert not list(tmp_path.iterdir())


def test_file_is_utf8_xml_and_atomic(tmp_path: FsPath) -> None:
    target = tmp_path / "s.svg"
    target.write_text("old")
    export_svg(document(), target)
    data = target.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert [p.name for p in tmp_path.iterdir()] == ["s.svg"]
