"""Preflight: does the design print as intended?

Each finding has a severity (``error`` stops a print job, ``warning`` deserves a look), the area
and layer concerned, and a message a user understands, with the figures that matter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from studio.model.design import ImageLayer, TextLayer, VectorLayer
from studio.model.geometry import MM_PER_INCH, Rect
from studio.model.template import PrintArea, localize
from studio.render.display import DrawImage, Group, Item
from studio.render.scene import Document, lay_out_layers

Severity = Literal["error", "warning"]

MIN_DPI = 150.0
"""Below this effective resolution an image prints visibly pixelated."""
GOOD_DPI = 300.0
"""What print shops ask for."""
EDGE = 0.5
"""Content closer than this to the trim (mm) counts as reaching it."""


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    area: str
    layer: str | None
    message: str

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def run_preflight(doc: Document, *, bleed: float | None = None) -> list[Finding]:
    """Every finding for every print area of ``doc``, errors first."""
    findings: list[Finding] = []
    for area_id in doc.area_ids():
        findings.extend(_check_area(doc, doc.print_area(area_id), bleed))
    findings.sort(key=lambda f: 0 if f.severity == "error" else 1)
    return findings


def exit_code(findings: Iterable[Finding]) -> int:
    """0 clean, 1 warnings only, 2 errors (the ``studio preflight`` contract)."""
    severities = {f.severity for f in findings}
    return 2 if "error" in severities else 1 if severities else 0


def _check_area(doc: Document, area: PrintArea, bleed: float | None) -> list[Finding]:
    out: list[Finding] = []
    area_name = localize(area.name)
    page = area.bleed_rect(bleed)
    trim = area.trim_rect
    variables = {**doc.design.variables, **doc.variables}
    results = lay_out_layers(doc.design, area.id, resources=doc.resources, fonts=doc.fonts, variables=variables)
    for result in results:
        layer = result.layer
        name = layer.display_name()

        def add(severity: Severity, code: str, message: str) -> None:
            out.append(Finding(severity, code, area.id, layer.id, f"{area_name}, layer '{name}': {message}"))  # noqa: B023

        if result.error is not None:
            add("error", "asset", str(result.error))
            continue
        for warning in result.warnings:
            out.append(Finding("error", "glyph", area.id, layer.id, f"{area_name}: {warning.removeprefix('Layer ')}"))
        if result.bounds is None:
            continue
        bounds = result.bounds
        if isinstance(layer, ImageLayer):
            for dpi in _image_dpis(result.items):
                if dpi < MIN_DPI:
                    add(
                        "error",
                        "resolution",
                        f"the image prints at {dpi:.0f} DPI, under {MIN_DPI:.0f}: it will look pixelated.",
                    )
                elif dpi < GOOD_DPI:
                    add("warning", "resolution", f"the image prints at {dpi:.0f} DPI; {GOOD_DPI:.0f} is recommended.")
        if not bounds.intersects(page):
            add("warning", "off-page", "it lies entirely outside the print area and will not print.")
            continue
        sides = _short_of_bleed(bounds, trim, page)
        if sides:
            add(
                "warning",
                "bleed",
                f"it reaches the {' and '.join(sides)} trim edge but stops short of the bleed; "
                "extend it to the bleed edge or keep it inside the safe area.",
            )
        if isinstance(layer, TextLayer | VectorLayer) and not _inside_safe(bounds, area):
            what = "text" if isinstance(layer, TextLayer) else "art"
            add(
                "warning",
                "safe-area",
                f"the {what} leaves the safe area ({area.safe_margin:g} mm inside the trim) and may be cut.",
            )
    return out


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
