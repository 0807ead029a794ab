"""Preflight: does the design print as intended?

Each finding has a severity (``error`` stops a print job, ``warning`` deserves a look), the area
and layer concerned, and a message a user understands, with the figures that matter.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Literal

import defusedxml.ElementTree as SafeET

from studio.model.design import ImageLayer, TextLayer, VectorLayer
from studio.model.geometry import MM_PER_INCH, Rect
from studio.model.template import PrintArea, localize
from studio.render.display import DrawImage, DrawSvg, Group, Item
from studio.render.scene import Document, LeafResult, lay_out_layers

Severity = Literal["error", "warning", "info"]
"""``error`` stops a print job, ``warning`` deserves a look, ``info`` only tells (it does not
change the exit status)."""

MIN_DPI = 150.0
"""Below this effective resolution an image prints visibly pixelated."""
GOOD_DPI = 300.0
"""What print shops ask for."""
EDGE = 0.5
"""Content closer than this to the trim (mm) counts as reaching it."""
MOSTLY_OUTSIDE = 0.5
"""Art with more than this share of its area outside the print area (bleed included) is an error,
unless what shows of it runs from edge to edge (a cropped photo, a background, a band)."""

LEGIBLE_PT = {
    "digital": 6.0,
    "offset": 6.0,
    "uv": 6.0,
    "pad": 7.0,
    "sublimation": 7.0,
    "dtg": 8.0,
    "screen": 8.0,
    "vinyl": 18.0,
    "embroidery": 26.0,
}
"""Smallest text size (pt, as printed) that stays legible, by print method.

Paper labels and hard goods printed digitally, offset or UV hold 6 pt (capitals about 1.5 mm);
pad printing and sublimation spread a little (7 pt); direct-to-garment ink soaks into fibres and a
screen mesh cannot hold finer strokes (8 pt, capitals about 2 mm); cut vinyl is weeded by hand
(18 pt, capitals about 4.5 mm); embroidery needs letters about 6.5 mm tall (26 pt).
"""


# What each finding says about its layer, with {placeholders}. Kept as data so that the editor can
# show them in the user's language (the panel translates these templates in the "Preflight" context).
TEMPLATES = {
    "resolution-error": "the image prints at {dpi} DPI, under {minimum}: it will look pixelated.",
    "resolution-warning": "the image prints at {dpi} DPI; {good} is recommended.",
    "off-page": "it lies entirely outside the print area and will not print.",
    "mostly-off-page": "{percent} % of it lies outside the print area and will not print; move it onto the print area.",
    "bleed": "it reaches the {sides} trim edge but stops short of the bleed; extend it to the bleed edge or keep it inside the safe area.",
    "safe-area-text": "the text comes closer than {margin} mm to the trim and may be cut; move it inside the safe area.",
    "safe-area-art": "the art leaves the safe area ({margin} mm inside the trim) and may be cut.",
    "glyph": "no font has a glyph for {chars}: they will not print.",
    "fallback": "the font {font} has no glyph for {chars}; they print in {fallback}.",
    "text-small": "the text prints at {size} pt, under the {minimum} pt that stays legible for {method}.",
    "text-shrunk": "the text is shrunk from {requested} pt to {size} pt to fit its box, under the {minimum} pt that stays legible for {method}; shorten it or widen the box.",
    "empty": "nothing on this print area will print.",
    "empty-design": "nothing on this print area will print, and no other area of the design has anything either.",
    "svg-text": "the art contains text ({count} text elements): it is drawn with the fonts of the computer that shows or prints it, and exported as text in SVG files; convert the text to paths in your drawing program to be sure of its look.",
    "asset": "{error}",
}

METHOD_NAMES = {
    "digital": "digital printing",
    "offset": "offset printing",
    "uv": "UV printing",
    "pad": "pad printing",
    "sublimation": "sublimation",
    "dtg": "direct-to-garment printing",
    "screen": "screen printing",
    "vinyl": "cut vinyl",
    "embroidery": "embroidery",
}
"""How a print method is named in findings (the editor translates these words)."""


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    area: str
    layer: str | None
    message: str
    """The whole sentence in English: area, layer and what is wrong."""
    template: str = ""
    """Key of :data:`TEMPLATES` for what is wrong (without area and layer), for translation."""
    params: dict[str, str] | None = None
    """Values of the template's placeholders (plus ``area_name`` and ``layer_name``)."""

    def detail(self) -> str:
        """What is wrong, in English, without the area and layer."""
        return TEMPLATES[self.template].format(**(self.params or {})) if self.template else self.message

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("template")
        data.pop("params")
        return data


def run_preflight(doc: Document, *, bleed: float | None = None) -> list[Finding]:
    """Every finding for every print area of ``doc``: errors first, then warnings, then notes."""
    findings: list[Finding] = []
    empty: list[Finding] = []
    for area_id in doc.area_ids():
        area_findings, prints = _check_area(doc, doc.print_area(area_id), bleed)
        findings.extend(area_findings)
        if not prints:
            name = localize(doc.print_area(area_id).name)
            empty.append(
                Finding("info", "empty", area_id, None, f"{name}: {TEMPLATES['empty']}", "empty", {"area_name": name})
            )
    if empty and len(empty) == len(doc.area_ids()):
        # Nothing prints anywhere: not "ready to print".
        empty = [
            Finding(
                "error",
                "empty",
                f.area,
                None,
                f"{(f.params or {})['area_name']}: {TEMPLATES['empty-design']}",
                "empty-design",
                f.params,
            )
            for f in empty
        ]
    findings.extend(empty)
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: order[f.severity])
    return findings


def exit_code(findings: Iterable[Finding]) -> int:
    """0 clean, 1 warnings only, 2 errors (the ``studio preflight`` contract); notes do not count."""
    severities = {f.severity for f in findings}
    return 2 if "error" in severities else 1 if "warning" in severities else 0


def _check_area(doc: Document, area: PrintArea, bleed: float | None) -> tuple[list[Finding], bool]:
    """The findings of one area, and whether anything on it prints."""
    out: list[Finding] = []
    area_name = localize(area.name)
    page = area.bleed_rect(bleed)
    trim = area.trim_rect
    variables = {**doc.design.variables, **doc.variables}
    content = doc.design.areas.get(area.id)
    prints = content is not None and content.background is not None
    results = lay_out_layers(doc.design, area.id, resources=doc.resources, fonts=doc.fonts, variables=variables)

    def adder(layer_id: str, name: str) -> Callable[..., None]:
        def add(severity: Severity, code: str, template: str, **params: str) -> None:
            detail = TEMPLATES[template].format(**params)
            full = {**params, "area_name": area_name, "layer_name": name}
            message = f"{area_name}, layer '{name}': {detail}"
            out.append(Finding(severity, code, area.id, layer_id, message, template, full))

        return add

    for result in results:
        if result.error is not None:
            adder(result.layer.id, result.layer.display_name())("error", "asset", "asset", error=str(result.error))
            continue
        # Layers inside groups are checked one by one, where their groups place them.
        for leaf in result.leaves:
            add = adder(leaf.layer.id, leaf.layer.display_name())
            prints = _check_leaf(leaf, area, page, trim, add) or prints
    return out, prints


def _check_leaf(leaf: LeafResult, area: PrintArea, page: Rect, trim: Rect, add: Callable[..., None]) -> bool:
    """Check one layer; returns whether any of it prints."""
    layer = leaf.layer
    if isinstance(layer, TextLayer):
        if leaf.missing:
            add("error", "glyph", "glyph", chars=_chars(leaf.missing))
        by_face: dict[str, list[str]] = {}
        for chars, face in leaf.fallbacks:
            by_face.setdefault(face, []).append(chars)
        for face, clusters in by_face.items():
            add("info", "fallback", "fallback", font=layer.font_family, chars=_chars(clusters), fallback=face)
        _check_text_size(leaf, area, add)
    if isinstance(layer, VectorLayer):
        count = sum(_svg_text_count(item) for item in leaf.items)
        if count:
            add("warning", "svg-text", "svg-text", count=str(count))
    bounds = leaf.bounds
    if bounds is None:
        return False
    if isinstance(layer, ImageLayer):
        for dpi in _image_dpis(leaf.items):
            if dpi < MIN_DPI:
                add("error", "resolution", "resolution-error", dpi=f"{dpi:.0f}", minimum=f"{MIN_DPI:.0f}")
            elif dpi < GOOD_DPI:
                add("warning", "resolution", "resolution-warning", dpi=f"{dpi:.0f}", good=f"{GOOD_DPI:.0f}")
    if not bounds.intersects(page):
        add("warning", "off-page", "off-page")
        return False
    outside = _outside_share(bounds, page)
    if outside > MOSTLY_OUTSIDE and not _spans(bounds, page, trim):
        add("error", "mostly-off-page", "mostly-off-page", percent=f"{outside * 100:.0f}")
    if isinstance(layer, TextLayer):
        # Text belongs inside the safe area; extending it to the bleed makes no sense.
        if not _inside_safe(bounds, area):
            add("warning", "safe-area", "safe-area-text", margin=f"{area.safe_margin:g}")
        return True
    sides = _short_of_bleed(bounds, trim, page)
    if sides:
        add("warning", "bleed", "bleed", sides=" and ".join(sides))
    if isinstance(layer, VectorLayer) and not _inside_safe(bounds, area):
        add("warning", "safe-area", "safe-area-art", margin=f"{area.safe_margin:g}")
    return True


def _chars(chars: Iterable[str]) -> str:
    return ", ".join(repr(c) for c in chars)


def _check_text_size(leaf: LeafResult, area: PrintArea, add: Callable[..., None]) -> None:
    printed = leaf.printed_size
    layer = leaf.layer
    if printed is None or leaf.bounds is None or not isinstance(layer, TextLayer):
        return
    minimum = LEGIBLE_PT.get(area.print_method, LEGIBLE_PT["digital"])
    if printed >= minimum - 0.05:
        return
    method = METHOD_NAMES.get(area.print_method, area.print_method)
    figures = {"size": f"{printed:.1f}", "minimum": f"{minimum:g}", "method": method}
    requested = printed * layer.size / leaf.text_size if leaf.text_size else printed
    if requested - printed > 0.05:
        add("warning", "text-size", "text-shrunk", requested=f"{requested:.1f}", **figures)
    else:
        add("warning", "text-size", "text-small", **figures)


def _outside_share(bounds: Rect, page: Rect) -> float:
    """The share of a rectangle's area outside the page (lines count by their length)."""
    inside = bounds.intersection(page)
    if inside is None:
        return 1.0
    eps = 1e-6
    total = max(bounds.width, eps) * max(bounds.height, eps)
    kept = max(inside.width, eps if bounds.width < eps else 0.0) * max(
        inside.height, eps if bounds.height < eps else 0.0
    )
    return max(0.0, 1.0 - kept / total)


def _spans(bounds: Rect, page: Rect, trim: Rect) -> bool:
    """Whether what shows of the art crosses the whole trim one way or the other.

    A photo enlarged to crop it, a background, a band or an arc cut from a large circle hang far
    outside the print area on purpose: what prints of them runs from edge to edge.
    """
    inside = bounds.intersection(page)
    if inside is None:
        return False
    return (inside.left <= trim.left + EDGE and inside.right >= trim.right - EDGE) or (
        inside.top <= trim.top + EDGE and inside.bottom >= trim.bottom - EDGE
    )


def _svg_text_count(item: Item) -> int:
    if isinstance(item, Group):
        return sum(_svg_text_count(child) for child in item.items)
    if isinstance(item, DrawSvg):
        return _text_elements(item.source.key, item.source.data)
    return 0


@functools.lru_cache(maxsize=256)
def _text_elements(key: str, data: bytes) -> int:
    """How many ``<text>`` elements an SVG document has (it is already sanitised: no entities)."""
    try:
        root = SafeET.fromstring(data)
    except (ET.ParseError, ValueError):
        return 0
    return sum(1 for el in root.iter() if isinstance(el.tag, str) and el.tag.rpartition("}")[2] == "text")


def _image_dpis(items: list[Item]) -> list[float]:
    dpis: list[float] = []
    for item in items:
        if isinstance(item, Group):
            dpis.extend(_image_dpis(item.items))
        elif isinstance(item, DrawImage):
            mm_per_px = max(item.transform.scale_factors())
            dpis.append(MM_PER_INCH / mm_per_px)
    return dpis


def _short_of_bleed(bounds: Rect, trim: Rect, page: Rect) -> list[str]:
    sides = []
    checks = (
        ("left", bounds.left <= trim.left + EDGE, bounds.left > page.left + 0.01),
        ("top", bounds.top <= trim.top + EDGE, bounds.top > page.top + 0.01),
        ("right", bounds.right >= trim.right - EDGE, bounds.right < page.right - 0.01),
        ("bottom", bounds.bottom >= trim.bottom - EDGE, bounds.bottom < page.bottom - 0.01),
    )
    for side, reaches, short in checks:
        if reaches and short and page != trim:
            sides.append(side)
    return sides


def _inside_safe(bounds: Rect, area: PrintArea) -> bool:
    if area.shape.kind in ("rectangle", "rounded_rectangle") or area.shape.kind == "path":
        if not area.safe_rect.contains_rect(bounds, tol=0.01):
            return False
        if area.shape.kind != "rounded_rectangle":
            return True
    safe = area.safe_outline()
    return all(safe.contains(x, y) for x, y in bounds.corners())
