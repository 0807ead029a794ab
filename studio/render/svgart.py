"""Placed SVG art: rasterising with resvg, converting to PDF with svg2pdf, and what each output loses.

resvg draws the whole of SVG 1.1 static art that artwork uses — filters (blur, drop shadow, colour
matrix...), masks, patterns, blend modes — and svg2pdf (typst's, built on the same parser) keeps it
vector in PDF, rasterising only the parts PDF cannot say (filters) at the resolution it is asked
for. See ``docs/decisions/svg-rendering.md`` for the figures that chose them.

Both see only the sanitised document (:func:`studio.io.sanitize_svg` refuses every reference
that is not ``#fragment`` or a ``data:`` image), no system fonts (only Studio's bundled ones, and
only when the document has text) and no resource folder.

The PDF path also knows what PDF vectors draw wrongly (a gradient that repeats or reflects, a
radial gradient with a focal radius, a pattern fill, which common viewers draw out of phase):
those elements are
wrapped in a filter that changes nothing, so svg2pdf rasterises them with resvg, as it does
filters. :func:`inspect_svg` says which parts are drawn as images and which features no renderer
of Studio draws, for preflight.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from defusedxml.ElementTree import fromstring

from studio import resources

__all__ = [
    "SvgReport",
    "inspect_svg",
    "needs_whole_image",
    "pdf_ready_svg",
    "raster_resolution",
    "rasterise_png",
    "svg_to_pdf",
]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_RASTER_FILTER_ID = "studio-rasterise"
PRINT_DPI = 300.0
"""The resolution at which a PDF draws what it cannot keep vector (filters), on the placed size."""
PATTERN_DPI = 600.0
"""The resolution of those images when the art has pattern fills: resvg snaps pattern tiles to
whole pixels, and at 300 dpi the tiles drift visibly out of place over a large fill (measured on
the conformance subset: all 28 pattern tests match at 600 dpi, 16 at 300)."""
MAX_RASTER_SIDE = 16000
"""The longest side (pixels) of such an image: very large art gets a lower resolution."""

# Filter primitives and how a message names the effect.
_FILTER_NAMES = {
    "feGaussianBlur": "blur filter",
    "feDropShadow": "drop shadow",
}
_URL = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)['\"]?\s*\)")
_STYLE_DECL = re.compile(r"\s*([-\w]+)\s*:\s*([^;]*)")
_BASIC_SHAPE = re.compile(r"^\s*(circle|ellipse|inset|polygon|path)\(", re.IGNORECASE)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _prop(el: ET.Element, name: str) -> str | None:
    """A presentation property, from ``style`` (which wins) or the attribute."""
    style = el.get("style")
    if style:
        for m in _STYLE_DECL.finditer(style):
            if m.group(1).strip() == name:
                return m.group(2).strip()
    return el.get(name)


@dataclass(frozen=True)
class SvgReport:
    """What becomes of an SVG document in the outputs, for preflight."""

    rasterised: tuple[str, ...] = ()
    """Why parts of the art are drawn as an image in PDF, e.g. ``"blur filter"`` (empty: all vector)."""
    unsupported: tuple[str, ...] = ()
    """Features that no output draws, e.g. ``"clip-path: circle()"``."""


def _with_size(data: bytes, view_box: tuple[float, float, float, float]) -> tuple[ET.Element, str]:
    """The document's root with ``width``/``height`` set to the viewBox (one user unit = one px)."""
    root = fromstring(data)
    vx, vy, vw, vh = view_box
    root.set("width", repr(vw))
    root.set("height", repr(vh))
    root.set("viewBox", f"{vx!r} {vy!r} {vw!r} {vh!r}")
    root.set("preserveAspectRatio", "none")
    return root, ET.tostring(root, encoding="unicode")


def _has_text(root: ET.Element) -> bool:
    return any(_local(el.tag) in ("text", "tspan", "textPath") for el in root.iter())


def _font_dirs() -> list[str]:
    return [str(resources.assets_dir() / "fonts")]


def rasterise_png(data: bytes, view_box: tuple[float, float, float, float], width: int) -> bytes:
    """The viewBox of a sanitised document drawn by resvg, ``width`` pixels wide, as PNG bytes.

    The height is the viewBox's aspect ratio times ``width``, rounded.
    """
    import resvg_py

    root, text = _with_size(data, view_box)
    fonts = _font_dirs() if _has_text(root) else None
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=text,
            width=max(1, int(width)),
            skip_system_fonts=True,
            font_dirs=fonts,
            font_family="Inter",
            sans_serif_family="Inter",
        )
    )


def svg_to_pdf(data: bytes, view_box: tuple[float, float, float, float], *, raster_scale: float) -> bytes:
    """The viewBox of a sanitised document as a one-page PDF from svg2pdf.

    One user unit is one point on the page (the page is the viewBox). Filters, and what
    :func:`pdf_ready_svg` marks, are drawn as images of ``raster_scale`` pixels per user unit.
    """
    import svg2pdf_py

    root, _ = _with_size(data, view_box)
    text = ET.tostring(pdf_ready_svg(root), encoding="unicode")
    fonts = svg2pdf_py.FontDatabase()
    if _has_text(root):
        for folder in _font_dirs():
            fonts.load_fonts_dir(folder)
    options = svg2pdf_py.ConversionOptions(compress=True, raster_scale=float(raster_scale), embed_text=True)
    return bytes(svg2pdf_py.svg_to_pdf(text, fonts, options))


def raster_resolution(
    data: bytes, view_box: tuple[float, float, float, float], mm_per_unit: float
) -> tuple[float, float]:
    """``(pixels per user unit, dpi)`` of what a PDF rasterises in art placed at ``mm_per_unit``.

    :data:`PRINT_DPI` on the placed size (:data:`PATTERN_DPI` when the art has pattern fills),
    lower only when the viewBox would exceed :data:`MAX_RASTER_SIDE` pixels.
    """
    mm = max(mm_per_unit, 1e-3)
    dpi = PATTERN_DPI if b"<pattern" in data and "pattern fill" in inspect_svg(data).rasterised else PRINT_DPI
    scale = dpi * mm / 25.4
    longest = max(view_box[2], view_box[3], 1e-6)
    scale = min(scale, MAX_RASTER_SIDE / longest)
    return scale, scale * 25.4 / mm


# -- what PDF cannot say -----------------------------------------------------------------------


def _gradient_chain(el: ET.Element, by_id: dict[str, ET.Element]) -> Iterator[ET.Element]:
    """A gradient and the ones it inherits attributes from through ``href``."""
    seen: set[int] = set()
    current: ET.Element | None = el
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        href = current.get("href") or current.get(XLINK_HREF) or ""
        current = by_id.get(href[1:]) if href.startswith("#") else None


def _inherited(el: ET.Element, name: str, by_id: dict[str, ET.Element]) -> str | None:
    for g in _gradient_chain(el, by_id):
        if _local(g.tag) not in ("linearGradient", "radialGradient"):
            return None
        value = g.get(name)
        if value is not None:
            return value.strip()
    return None


def _raster_servers(root: ET.Element, by_id: dict[str, ET.Element]) -> dict[str, str]:
    """Ids of paint servers and masks that PDF vectors draw wrongly, with the reason."""
    out: dict[str, str] = {}
    for el in root.iter():
        kind = _local(el.tag)
        el_id = el.get("id")
        if not el_id:
            continue
        if kind in ("linearGradient", "radialGradient"):
            if (_inherited(el, "spreadMethod", by_id) or "pad") in ("reflect", "repeat"):
                out[el_id] = "repeating gradient"
            elif kind == "radialGradient" and _inherited(el, "fr", by_id) not in (None, "", "0", "0%"):
                out[el_id] = "gradient focal radius"
        elif kind == "pattern":
            # Tiling patterns inside a placed form are drawn out of phase by poppler (pdftoppm,
            # Evince, Okular) at most scales; as images they look the same in every viewer.
            out[el_id] = "pattern fill"
    return out


def _references(el: ET.Element) -> set[str]:
    ids: set[str] = set()
    for name in ("fill", "stroke", "mask"):
        value = _prop(el, name)
        if value:
            ids.update(_URL.findall(value))
    return ids


def pdf_ready_svg(root: ET.Element) -> ET.Element:
    """The document with every element that PDF vectors would draw wrongly wrapped in a no-op filter.

    svg2pdf rasterises filtered content with resvg: the wrapped element is drawn right, as an
    image, and everything else stays vector. Elements inside clip paths are left alone (a clip
    path takes only shapes).
    """
    by_id = {el.get("id", ""): el for el in root.iter() if el.get("id")}
    servers = _raster_servers(root, by_id)
    if not servers:
        return root
    parents = {child: parent for parent in root.iter() for child in parent}
    targets = []
    for el in root.iter():
        if _local(el.tag) in ("linearGradient", "radialGradient", "mask", "pattern", "clipPath", "filter"):
            continue
        if _references(el) & servers.keys() and not _inside(el, parents, "clipPath"):
            targets.append(el)
    for el in targets:
        parent = parents[el]
        index = list(parent).index(el)
        wrapper = ET.Element(f"{{{SVG_NS}}}g" if el.tag.startswith("{") else "g")
        wrapper.set("filter", f"url(#{_RASTER_FILTER_ID})")
        parent.remove(el)
        wrapper.append(el)
        parent.insert(index, wrapper)
        parents[el] = wrapper
        parents[wrapper] = parent
    ns = f"{{{SVG_NS}}}" if root.tag.startswith("{") else ""
    defs = ET.SubElement(root, f"{ns}defs")
    # The region is the whole viewBox in user units, so the image's pixels line up with the page's
    # (a region around each element's box starts between pixels and shifts the picture).
    vb = [float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "0 0 100 100").strip())]
    flt = ET.SubElement(
        defs,
        f"{ns}filter",
        {
            "id": _RASTER_FILTER_ID,
            "filterUnits": "userSpaceOnUse",
            "x": repr(vb[0]),
            "y": repr(vb[1]),
            "width": repr(vb[2]),
            "height": repr(vb[3]),
            "color-interpolation-filters": "sRGB",
        },
    )
    ET.SubElement(flt, f"{ns}feOffset", {"dx": "0", "dy": "0"})
    return root


def _inside(el: ET.Element, parents: dict[ET.Element, ET.Element], kind: str) -> bool:
    node: ET.Element | None = parents.get(el)
    while node is not None:
        if _local(node.tag) == kind:
            return True
        node = parents.get(node)
    return False


# What svg2pdf's own rasteriser (an older resvg) draws wrongly even as an image: art that uses it is
# drawn whole by resvg at print resolution instead.
_WHOLE_IMAGE_REASONS = frozenset({"gradient focal radius"})


def needs_whole_image(data: bytes) -> bool:
    """Whether the PDF must draw the whole document as one image (see :data:`_WHOLE_IMAGE_REASONS`)."""
    if b"fr=" not in data:
        return False
    root = fromstring(data)
    by_id = {el.get("id", ""): el for el in root.iter() if el.get("id")}
    used = _used_ids(root)
    return any(r in _WHOLE_IMAGE_REASONS and i in used for i, r in _raster_servers(root, by_id).items())


def inspect_svg(data: bytes) -> SvgReport:
    """Which parts of a sanitised document PDF draws as images, and what no output draws."""
    root = fromstring(data)
    by_id = {el.get("id", ""): el for el in root.iter() if el.get("id")}
    used = _used_ids(root)
    rasterised: list[str] = []
    unsupported: list[str] = []
    for el in root.iter():
        kind = _local(el.tag)
        if kind == "filter" and el.get("id") in used:
            primitives = [_local(p.tag) for p in el]
            named = [_FILTER_NAMES[p] for p in primitives if p in _FILTER_NAMES]
            rasterised.extend(named or ["filter effects"])
            for p in el:
                if p.get("in") in ("BackgroundImage", "BackgroundAlpha") or p.get("in2") in (
                    "BackgroundImage",
                    "BackgroundAlpha",
                ):
                    unsupported.append("filter input BackgroundImage")
        if kind == "mask" and el.get("id") in used and _prop(el, "color-interpolation") == "linearRGB":
            unsupported.append("linearRGB masks")
        clip = _prop(el, "clip-path")
        if clip and _BASIC_SHAPE.match(clip):
            unsupported.append(f"clip-path: {clip.split('(', 1)[0].strip()}()")
        if _prop(el, "filter") and not _URL.search(_prop(el, "filter") or "") and _prop(el, "filter") != "none":
            rasterised.append("filter effects")
    for el_id, reason in _raster_servers(root, by_id).items():
        if el_id in used:
            rasterised.append(reason)
    return SvgReport(tuple(dict.fromkeys(rasterised)), tuple(dict.fromkeys(unsupported)))


def _used_ids(root: ET.Element) -> set[str]:
    """Ids referenced by ``url(#…)`` anywhere in the document (attributes and style)."""
    used: set[str] = set()
    for el in root.iter():
        for value in el.attrib.values():
            if "url(" in value:
                used.update(_URL.findall(value))
        if _local(el.tag) == "style" and el.text:
            used.update(_URL.findall(el.text))
    return used
