"""Cut files: die lines and contours around vector and raster art, as SVG and DXF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from ezdxf import recover
from PIL import Image, ImageDraw
from shapely.geometry import Point, Polygon

from studio.export.cut import art_shape, cut_pieces, write_cut_dxf, write_cut_svg
from studio.model.color import Color
from studio.model.geometry import Affine, Rect
from studio.model.geometry import Path as VPath
from studio.render.display import DisplayList, DrawImage, FillPath
from tests.fakes import FakeImage
from tests.studio_run import studio

BLACK = Color(hex="#000000")


def _dl(items: list, w: float = 100, h: float = 60) -> DisplayList:
    return DisplayList(area_id="a", trim=Rect(0, 0, w, h), page=Rect(0, 0, w, h), items=items)


def _check_offset(art, rings, offset: float) -> None:
    for ring in rings:
        assert ring[0] == ring[-1], "a cut path is closed"
        poly = Polygon(ring)
        assert poly.is_valid, "no self-intersections"
        # Every point of the contour lies at the offset from the art, within 0.1 mm.
        for x, y in ring:
            assert abs(art.distance(Point(x, y)) - offset) <= 0.1, (x, y, art.distance(Point(x, y)))
        # And the contour holds the art.
        assert poly.buffer(1e-6).contains(art.intersection(poly.buffer(offset + 1)))


def test_vector_contour_is_at_the_offset():
    # A circle and a letter-like shape with a hole (non-zero winding, hole wound the other way).
    ring = VPath.rectangle(10, 10, 20, 30)
    ring.extend(VPath.polygon([(15, 15), (15, 35), (25, 35), (25, 15)]))  # opposite winding
    dl = _dl([FillPath(VPath.ellipse(70, 30, 12, 12), BLACK), FillPath(ring, BLACK)])
    art = art_shape(dl)
    assert art.area == pytest.approx(20 * 30 - 10 * 20 + 3.14159 * 144, rel=0.01)
    rings = cut_pieces(dl, 3.0)
    assert len(rings) == 2
    _check_offset(art, rings, 3.0)
    # The cut goes round each piece's outside only: the frame's hole is not cut.
    frame = min(rings, key=lambda r: r[0][0])
    assert Polygon(frame).area == pytest.approx((20 + 6) * (30 + 6) - (4 - 3.14159) * 9, rel=0.005)


def test_pieces_closer_than_twice_the_offset_merge():
    dl = _dl([FillPath(VPath.rectangle(10, 10, 10, 10), BLACK), FillPath(VPath.rectangle(22, 10, 10, 10), BLACK)])
    assert len(cut_pieces(dl, 2.0)) == 1
    assert len(cut_pieces(dl, 0.5)) == 2


def test_raster_contour_is_traced_from_alpha():
    # A 40 x 20 mm image at 10 px/mm: an opaque disc of 8 mm radius and a speck, on transparency.
    img = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((120, 20, 280, 180), fill=(200, 30, 30, 255))
    draw.rectangle((10, 10, 13, 13), fill=(0, 0, 0, 255))  # 0.16 mm², under the speck size
    item = DrawImage(FakeImage(img), Affine.translation(10, 10) @ Affine.scaling(0.1))
    dl = _dl([item])
    art = art_shape(dl)
    assert len(getattr(art, "geoms", [art])) == 1, "the speck is dropped"
    # Pillow's box is inclusive: the disc spans pixels 120 to 280, 16.1 mm across.
    disc = Point(30.05, 20.05).buffer(8.05, quad_segs=64)
    assert art.symmetric_difference(disc).area < 0.05 * disc.area
    rings = cut_pieces(dl, 2.0)
    assert len(rings) == 1
    _check_offset(disc, rings, 2.0)


def test_die_line_when_no_offset():
    dl = _dl([])
    dl.die_line = VPath.rounded_rectangle(0, 0, 100, 60, 5)
    (ring,) = cut_pieces(dl, None)
    assert ring[0] == ring[-1]
    assert Polygon(ring).area == pytest.approx(100 * 60 - (4 - 3.14159) * 25, rel=0.001)
    # Flattened within the stated tolerance: the arcs stay within 0.05 mm of the true corner.
    corner = Point(5, 5)
    assert max(abs(corner.distance(Point(p)) - 5) for p in ring if p[0] < 5 and p[1] < 5) <= 0.05


def test_dxf_is_r12_polylines_in_mm(tmp_path: Path):
    rings = [[(10.0, 10.0), (30.0, 10.0), (30.0, 20.0), (10.0, 20.0), (10.0, 10.0)]]
    out = tmp_path / "c.dxf"
    write_cut_dxf(rings, Rect(0, 0, 100, 60), out, layer="CutContour")
    doc, auditor = recover.readfile(out)
    assert not auditor.has_errors
    assert doc.dxfversion == "AC1009"  # R12
    (entity,) = doc.modelspace()
    assert entity.dxftype() == "POLYLINE" and entity.is_closed
    pts = [tuple(v.dxf.location)[:2] for v in entity.vertices]
    # y points up in DXF: the ring sits 40 to 50 mm above the sheet's bottom edge.
    assert pts == [(10, 50), (30, 50), (30, 40), (10, 40)]
    assert "LWPOLYLINE" not in out.read_text()


def test_svg_strokes_in_the_spot_colour(tmp_path: Path):
    import io

    buf = io.StringIO()
    write_cut_svg([[(0.0, 0.0), (5.0, 0.0), (5.0, 5.0), (0.0, 0.0)]], Rect(0, 0, 50, 20), buf, spot="PerfCutContour")
    text = buf.getvalue()
    assert 'width="50mm" height="20mm"' in text
    assert re.search(r'<g id="PerfCutContour" fill="none" stroke="#ff00ff"', text)
    assert text.count("<path ") == 1 and " Z" in text


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "jar.studio"
    assert studio("new", "jar-500", "-o", project, "--set", "name=Camille").code == 0
    return project


def test_cli_writes_contour_dxf_and_svg(tmp_path: Path):
    project = _project(tmp_path)
    dxf = tmp_path / "cut.dxf"
    done = studio("export", project, "--format", "cut", "--offset", "2", "-o", dxf)
    assert done.code == 0, done.err
    doc, auditor = recover.readfile(dxf)
    assert not auditor.has_errors
    polylines = list(doc.modelspace().query("POLYLINE"))
    assert polylines and all(p.is_closed for p in polylines)
    for p in polylines:
        assert Polygon([tuple(v.dxf.location)[:2] for v in p.vertices]).is_valid
    svg = tmp_path / "cut.svg"
    done = studio("export", project, "--format", "cut", "-o", svg, "--mirror")
    assert done.code == 0, done.err
    assert 'id="CutContour"' in svg.read_text()
    # An independent reader draws it: rsvg-convert renders the magenta stroke.
    png = tmp_path / "cut.png"
    subprocess.run(["rsvg-convert", "-o", str(png), str(svg)], check=True)
    with Image.open(png) as drawn:
        pixels = list(drawn.convert("RGBA").getdata())
    assert any(p[3] > 0 and p[0] > 200 and p[1] < 80 and p[2] > 200 for p in pixels)
    # An earlier cut file is replaced without --force.
    assert studio("export", project, "--format", "cut", "-o", svg).code == 0


def test_cli_refuses_what_does_not_apply(tmp_path: Path):
    project = _project(tmp_path)
    bad = studio("export", project, "--format", "cut", "-o", tmp_path / "c.pdf")
    assert bad.code == 64 and "contradicts --format cut" in bad.err
    bad = studio("export", project, "--format", "png", "--offset", "2", "-o", tmp_path / "c.png")
    assert bad.code == 64 and "--offset does not apply to PNG exports (only to cut)" in bad.err
    bad = studio("export", project, "--format", "cut", "--offset", "-1", "-o", tmp_path / "c.svg")
    assert bad.code == 64 and "--offset must be between 0 and 50 mm" in bad.err
    assert not (tmp_path / "c.svg").exists()
