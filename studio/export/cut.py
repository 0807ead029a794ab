"""Cut files: the die line of a print area, or a contour around its artwork, as SVG or DXF.

The contour is built from what the display list draws:

- vector items (filled and stroked paths, text outlines included) are flattened to
  :data:`TOLERANCE` mm and turned into polygons (fill rules honoured, strokes buffered by half
  their width, group clips applied);
- raster items (placed images and SVG art) are rendered alone to an alpha mask at
  :data:`TRACE_PX_PER_MM`, traced with marching squares at half opacity, and smoothed;
- islands and holes smaller than :data:`SPECK_MM2` are dropped;
- the union is grown by the offset with round joins (chord error within the tolerance), and each
  piece is cut along its outer edge: one closed path per piece, holes are not cut.

DXF files are R12 (AutoCAD 12) with closed ``POLYLINE`` entities in millimetres, the form that
vinyl cutters and Silhouette Studio's basic edition read. SVG files are sized in millimetres with
the path stroked in the spot colour ``CutContour`` (``PerfCutContour`` for perforation).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from studio.export._files import atomic_target, pick_area
from studio.model.errors import StudioError
from studio.model.geometry import Path as VectorPath
from studio.model.geometry import Rect
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, SceneSource, StrokePath

__all__ = ["CutOptions", "art_shape", "cut_pieces", "export_cut", "write_cut_dxf", "write_cut_svg"]

TOLERANCE = 0.05
"""Largest distance (mm) between a curve and the straight segments that replace it."""

TRACE_PX_PER_MM = 20.0
"""Resolution of the alpha mask traced for raster art (a pixel is 0.05 mm)."""

SPECK_MM2 = 0.5
"""Islands and holes of traced or vector art smaller than this (mm²) are ignored."""


@dataclass(frozen=True)
class CutOptions:
    """What a cut file holds.

    ``offset`` None cuts the print area's die line; a number cuts around the artwork at that
    distance (mm, 0 allowed). ``spot`` names the SVG stroke colour (``CutContour`` or
    ``PerfCutContour``).
    """

    area: str | None = None
    offset: float | None = None
    mirror: bool = False
    spot: str = "CutContour"


def _shapely() -> Any:
    import shapely

    return shapely


def _rings(path: VectorPath) -> list[list[tuple[float, float]]]:
    return [p for p in path.flatten(TOLERANCE) if len(p) >= 3]


def _fill_geometry(path: VectorPath) -> Any:
    """The area a filled path covers, with its fill rule."""
    shapely = _shapely()
    from shapely.geometry import Polygon

    rings = [Polygon(r).buffer(0) for r in _rings(path)]
    rings = [r for r in rings if not r.is_empty]
    if not rings:
        return Polygon()
    if path.fill_rule == "evenodd":
        out = rings[0]
        for r in rings[1:]:
            out = out.symmetric_difference(r)
        return out
    # Non-zero: outlines wound one way add, the other way cut (fonts and most drawings wind holes
    # against their outline). The winding of the largest ring decides which way adds.
    signed = [(_signed_area(r), r) for r in _rings(path)]
    main = max(signed, key=lambda s: abs(s[0]))[0]
    adds = [Polygon(r).buffer(0) for a, r in signed if a * main > 0]
    cuts = [Polygon(r).buffer(0) for a, r in signed if a * main < 0]
    out = shapely.union_all(adds)
    if cuts:
        out = out.difference(shapely.union_all(cuts))
    return out


def _signed_area(ring: Sequence[tuple[float, float]]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True))


def _stroke_geometry(item: StrokePath) -> Any:
    from shapely.geometry import LineString, MultiLineString

    lines = [p for p in item.path.flatten(TOLERANCE) if len(p) >= 2]
    if not lines or item.width <= 0:
        return LineString()
    cap = {"butt": "flat", "round": "round", "square": "square"}[item.cap]
    return MultiLineString(lines).buffer(
        item.width / 2, quad_segs=_quad_segs(item.width / 2), cap_style=cap, join_style=item.join
    )


def _quad_segs(radius: float) -> int:
    """Segments per quarter circle so that the chord error stays within :data:`TOLERANCE`."""
    if radius <= TOLERANCE:
        return 2
    step = 2 * math.acos(1 - TOLERANCE / radius)
    return max(2, math.ceil((math.pi / 2) / step))


def _vector_parts(items: Iterable[Item], clip: Any, out: list[Any]) -> bool:
    """Append the vector geometry of ``items`` to ``out``; say whether any raster item was met."""
    raster = False
    for item in items:
        if isinstance(item, FillPath):
            geom = _fill_geometry(item.path)
        elif isinstance(item, StrokePath):
            geom = _stroke_geometry(item)
        elif isinstance(item, Group):
            inner = clip
            if item.clip is not None:
                g = _fill_geometry(item.clip)
                inner = g if clip is None else clip.intersection(g)
            raster = _vector_parts(item.items, inner, out) or raster
            continue
        else:
            raster = True
            continue
        if item.opacity <= 0:
            continue
        if clip is not None:
            geom = clip.intersection(geom)
        if not geom.is_empty:
            out.append(geom)
    return raster


def _raster_only(items: Sequence[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        if isinstance(item, DrawImage | DrawSvg):
            out.append(item)
        elif isinstance(item, Group):
            inner = _raster_only(item.items)
            if inner:
                out.append(replace(item, items=inner))
    return out


def _traced_raster(dl: DisplayList) -> Any:
    """The opaque part of the raster items, traced from their alpha at :data:`TRACE_PX_PER_MM`."""
    import numpy as np
    from contourpy import contour_generator
    from shapely.geometry import Polygon

    from studio.render.qt import qimage_to_pil, render_image

    shapely = _shapely()
    only = replace(dl, items=_raster_only(dl.items), die_line=None)
    region = dl.page
    image = render_image(only, dpi=TRACE_PX_PER_MM * 25.4, transparent=True, region=region)
    alpha = np.asarray(qimage_to_pil(image, alpha=True).getchannel("A"), dtype=np.float32) / 255.0
    del image
    height, width = alpha.shape
    # A transparent frame closes every contour that touches the edge.
    padded = np.pad(alpha, 1)
    sx = region.width / width
    sy = region.height / height
    rings = []
    lines: list[Any] = list(contour_generator(z=padded, line_type="Separate").lines(0.5))
    for contour in lines:
        if len(contour) < 4:
            continue
        # Contours come as (column, row) of pixel centres, the frame adding one to each.
        pts = [(region.x + (c - 0.5) * sx, region.y + (r - 0.5) * sy) for c, r in contour.tolist()]
        poly = Polygon(pts).buffer(0)
        if not poly.is_empty:
            rings.append(poly)
    if not rings:
        return Polygon()
    out = rings[0]
    for r in rings[1:]:
        out = out.symmetric_difference(r)
    # Smooth the pixel steps (a quarter pixel either way) without moving straight edges.
    px = max(sx, sy)
    out = out.buffer(px / 4, quad_segs=4).buffer(-px / 4, quad_segs=4).simplify(TOLERANCE / 2)
    return shapely.make_valid(out)


def _drop_specks(geom: Any) -> Any:
    from shapely.geometry import MultiPolygon, Polygon

    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon)]
    kept = []
    for p in polys:
        if p.area < SPECK_MM2:
            continue
        holes = [h for h in p.interiors if Polygon(h).area >= SPECK_MM2]
        kept.append(Polygon(p.exterior, holes))
    return MultiPolygon(kept) if kept else Polygon()


def art_shape(dl: DisplayList) -> Any:
    """The area the artwork of ``dl`` covers (a shapely geometry, mm), clipped to the page."""
    shapely = _shapely()
    from shapely.geometry import box

    parts: list[Any] = []
    raster = _vector_parts(dl.items, None, parts)
    if raster:
        parts.append(_traced_raster(dl))
    page = dl.page
    union = shapely.union_all([shapely.make_valid(p) for p in parts]) if parts else box(0, 0, 0, 0)
    union = union.intersection(box(page.x, page.y, page.x + page.width, page.y + page.height))
    return _drop_specks(union)


def cut_pieces(dl: DisplayList, offset: float | None) -> list[list[tuple[float, float]]]:
    """Closed polylines (first point repeated last) to cut, in the area's millimetres.

    ``offset`` None: the die line (or the trim box when the area has none). Otherwise the outer
    edge of each piece of the artwork grown by ``offset`` mm.
    """
    from shapely.geometry import Polygon

    if offset is None:
        die = dl.die_line if dl.die_line is not None else VectorPath.rectangle(0, 0, dl.trim.width, dl.trim.height)
        rings = []
        for r in _rings(die):
            ring = list(r)
            if ring[0] != ring[-1]:
                ring.append(ring[0])
            rings.append(ring)
        return rings
    art = art_shape(dl)
    if art.is_empty:
        raise StudioError(f"print area {dl.area_id!r} has no artwork to cut around; omit --offset to cut its die line.")
    grown = art.buffer(offset, quad_segs=_quad_segs(max(offset, TOLERANCE)), join_style="round") if offset else art
    pieces = []
    for poly in getattr(grown, "geoms", [grown]):
        if not isinstance(poly, Polygon) or poly.is_empty:
            continue
        outer = Polygon(poly.exterior)
        if not outer.is_valid:
            outer = outer.buffer(0)
        pieces.append([(float(x), float(y)) for x, y in outer.exterior.coords])
    pieces.sort(key=lambda ring: (min(p[1] for p in ring), min(p[0] for p in ring)))
    return pieces


def _mirrored(rings: list[list[tuple[float, float]]], trim: Rect) -> list[list[tuple[float, float]]]:
    axis = trim.x * 2 + trim.width
    return [[(axis - x, y) for x, y in ring] for ring in rings]


def write_cut_svg(
    rings: Sequence[Sequence[tuple[float, float]]], page: Rect, out: io.TextIOBase | io.StringIO, *, spot: str
) -> None:
    """An SVG sized in millimetres whose paths are stroked in the spot colour ``spot``."""
    from xml.sax.saxutils import quoteattr

    # Cutting RIPs read the spot name from the stroke's colour name (an id on a swatch gradient,
    # as Illustrator and Inkscape write it) and draw it magenta on screen.
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{page.width:g}mm" height="{page.height:g}mm" '
        f'viewBox="{page.x:g} {page.y:g} {page.width:g} {page.height:g}">\n'
    )
    out.write(
        f'<defs><linearGradient id={quoteattr(spot)} osb:paint="solid" '
        'xmlns:osb="http://www.openswatchbook.org/uri/2009/osb">'
        '<stop offset="0" stop-color="#ff00ff"/></linearGradient></defs>\n'
    )
    out.write(f'<g id={quoteattr(spot)} fill="none" stroke="#ff00ff" stroke-width="0.25">\n')
    for ring in rings:
        d = "M" + " L".join(f"{x:.4f} {y:.4f}" for x, y in ring[:-1]) + " Z"
        out.write(f'<path class={quoteattr(spot)} d="{d}"/>\n')
    out.write("</g>\n</svg>\n")


def write_cut_dxf(rings: Sequence[Sequence[tuple[float, float]]], page: Rect, path: Path, *, layer: str) -> None:
    """An R12 DXF in millimetres: one closed ``POLYLINE`` per ring, y pointing up."""
    import ezdxf  # type: ignore[import-untyped,unused-ignore]

    doc = ezdxf.new("R12")  # type: ignore[attr-defined,unused-ignore]
    # R12 has no $INSUNITS header: its units are a convention, and cutters read R12 as millimetres.
    doc.layers.add(layer, color=6)
    msp = doc.modelspace()
    top = page.y + page.height
    for ring in rings:
        pts = [(x - page.x, top - y) for x, y in ring[:-1]]
        msp.add_polyline2d(pts, close=True, dxfattribs={"layer": layer})
    doc.saveas(path)


def export_cut(doc: SceneSource, path: Path, *, options: CutOptions = CutOptions()) -> Path:
    """Write the cut file of one print area; ``.dxf`` writes DXF, anything else SVG.

    Raises
    ------
    StudioError
        If the area is unknown, has no artwork to cut around, or the file cannot be written.
    """
    area_id = pick_area(doc, options.area)
    dl = doc.scene(area_id, bleed=0.0)
    rings = cut_pieces(dl, options.offset)
    if options.mirror:
        rings = _mirrored(rings, dl.trim)
    # The sheet covers the trim box and whatever the contour adds around it.
    xs = [x for r in rings for x, _ in r] + [dl.trim.x, dl.trim.x + dl.trim.width]
    ys = [y for r in rings for _, y in r] + [dl.trim.y, dl.trim.y + dl.trim.height]
    page = Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    dxf = path.suffix.lower() == ".dxf"
    with atomic_target(path, "DXF file" if dxf else "SVG") as temp:
        if dxf:
            write_cut_dxf(rings, page, temp, layer=options.spot)
        else:
            buf = io.StringIO()
            write_cut_svg(rings, page, buf, spot=options.spot)
            temp.write_text(buf.getvalue(), encoding="utf-8")
    return path
