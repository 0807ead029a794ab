"""Preflight: does the design print as intended?

Each finding has a severity (``error`` stops a print job, ``warning`` deserves a look), the area
and layer concerned, and a message a user understands, with the figures that matter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from studio.model.color import Color
from studio.model.design import CodeLayer, ImageLayer, TextLayer, VectorLayer
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


# What each finding says about its layer, with {placeholders}. Kept as data so that the editor can
# show them in the user's language (the panel translates these templates in the "Preflight" context).
TEMPLATES = {
    "resolution-error": "the image prints at {dpi} DPI, under {minimum}: it will look pixelated.",
    "resolution-warning": "the image prints at {dpi} DPI; {good} is recommended.",
    "off-page": "it lies entirely outside the print area and will not print.",
    "bleed": "it reaches the {sides} trim edge but stops short of the bleed; extend it to the bleed edge or keep it inside the safe area.",
    "safe-area-text": "the text leaves the safe area ({margin} mm inside the trim) and may be cut.",
    "safe-area-art": "the art leaves the safe area ({margin} mm inside the trim) and may be cut.",
    "glyph": "the font {font} has no glyph for {chars}.",
    "asset": "{error}",
    "code-module": "its modules are {size} mm wide; scanners need at least {minimum} mm: make the code larger.",
    "code-contrast": "its modules do not stand out from the background; scanners need dark modules on a light background.",
    "safe-area-code": "the code leaves the safe area ({margin} mm inside the trim); a cut code may not scan.",
}

MIN_MODULE = {"qr": 0.33, "code128": 0.19, "ean13": 0.264}
"""Smallest module (mm) that scanners read reliably once printed: 0.33 mm for QR codes (common printer
guidance), 0.19 mm for Code 128, 0.264 mm for EAN-13 (80 % of its nominal 0.33 mm, GS1's smallest)."""
MIN_CONTRAST = 0.45
"""Smallest difference of relative luminance between a code's background and its modules."""


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

        def add(severity: Severity, code: str, template: str, **params: str) -> None:
            detail = TEMPLATES[template].format(**params)
            full = {**params, "area_name": area_name, "layer_name": name}  # noqa: B023
            message = f"{area_name}, layer '{name}': {detail}"  # noqa: B023
            out.append(Finding(severity, code, area.id, layer.id, message, template, full))  # noqa: B023

        if result.error is not None:
            add("error", "asset", "asset", error=str(result.error))
            continue
        for missing in result.missing_glyphs:
            chars = ", ".join(repr(c) for c in missing[1])
            add("error", "glyph", "glyph", font=missing[0], chars=chars)
        if result.bounds is None:
            continue
        bounds = result.bounds
        if isinstance(layer, ImageLayer):
            for dpi in _image_dpis(result.items):
                if dpi < MIN_DPI:
                    add("error", "resolution", "resolution-error", dpi=f"{dpi:.0f}", minimum=f"{MIN_DPI:.0f}")
                elif dpi < GOOD_DPI:
                    add("warning", "resolution", "resolution-warning", dpi=f"{dpi:.0f}", good=f"{GOOD_DPI:.0f}")
        if not bounds.intersects(page):
            add("warning", "off-page", "off-page")
            continue
        sides = _short_of_bleed(bounds, trim, page)
        if sides:
            add("warning", "bleed", "bleed", sides=" and ".join(sides))
        if isinstance(layer, TextLayer | VectorLayer) and not _inside_safe(bounds, area):
            template = "safe-area-text" if isinstance(layer, TextLayer) else "safe-area-art"
            add("warning", "safe-area", template, margin=f"{area.safe_margin:g}")
        if isinstance(layer, CodeLayer):
            module = _code_module(layer, variables)
            if module is not None and module < MIN_MODULE[layer.symbology] - 1e-9:
                add(
                    "warning",
                    "code-size",
                    "code-module",
                    size=f"{module:.2f}",
                    minimum=f"{MIN_MODULE[layer.symbology]:g}",
                )
            if not _readable_contrast(layer, _content_background(doc, area.id)):
                add("warning", "code-contrast", "code-contrast")
            if not _inside_safe(bounds, area):
                add("warning", "safe-area", "safe-area-code", margin=f"{area.safe_margin:g}")
    return out


def _code_module(layer: CodeLayer, variables: dict[str, str]) -> float | None:
    """The printed size of one module (mm), or None when the content cannot be encoded (reported already)."""
    from studio.render.codes import CodeError, encode, lay_out

    try:
        symbol = encode(layer.symbology, layer.resolved_data(variables), error_correction=layer.error_correction)
    except CodeError:
        return None
    drawing = lay_out(symbol, layer.width, layer.height, show_text=layer.show_text)
    return drawing.module * min(abs(v) for v in layer.transform.to_affine().scale_factors())


def _content_background(doc: Document, area_id: str) -> Color:
    """What lies under a layer at the least: the area's background, or white paper."""
    content = doc.design.areas.get(area_id)
    return content.background if content is not None and content.background is not None else Color(hex="#FFFFFF")


def _readable_contrast(layer: CodeLayer, under: Color) -> bool:
    light = layer.background if layer.background is not None else under
    return light.relative_luminance() - layer.color.relative_luminance() >= MIN_CONTRAST


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
