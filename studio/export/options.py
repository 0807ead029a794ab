"""Options of the file exporters, shared by the GUI's dialogs and the command line.

Each exporter takes one frozen, keyword-only options object, so a call reads like the command
line that made it (``PdfOptions(cmyk=True, marks=True)``) and an options object can be kept,
compared and reused for a whole batch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def _check_bleed(bleed: float | None) -> None:
    if bleed is not None and not (math.isfinite(bleed) and 0.0 <= bleed <= 50.0):
        raise ValueError(f"bleed must be between 0 and 50 mm, got {bleed}")


@dataclass(frozen=True, kw_only=True)
class PdfOptions:
    """How to write a print PDF (see :func:`studio.export.pdf.export_pdf`)."""

    bleed: float | None = None
    """Bleed around the trim in mm; None takes each print area's own bleed from the template."""
    marks: bool = False
    """Add crop marks in a slug outside the bleed box (the MediaBox grows to hold them)."""
    cut_line: bool = False
    """Stroke the die line on top of the art in the spot colour ``CutContour``, for cutters."""
    cmyk: bool = False
    """Convert colours to CMYK through the bundled FOGRA39 profile and write PDF/X-4."""
    mirror: bool = False
    """Mirror the page content left to right (heat-transfer vinyl, sublimation paper)."""
    areas: tuple[str, ...] | None = None
    """Print areas to write, one page each, in this order; None writes all in template order."""

    def __post_init__(self) -> None:
        _check_bleed(self.bleed)
        if self.areas is not None and not self.areas:
            raise ValueError("areas must name at least one print area (or be None for all)")


@dataclass(frozen=True, kw_only=True)
class SvgOptions:
    """How to write an SVG of one print area."""

    area: str | None = None
    """The print area to write; None takes the first one."""
    bleed: float | None = 0.0
    """Bleed around the trim in mm; None takes the area's own bleed from the template."""
    mirror: bool = False
    """Mirror the art left to right."""
    cut_line: bool = False
    """Add the die line as a separate stroked path (id ``CutContour``)."""

    def __post_init__(self) -> None:
        _check_bleed(self.bleed)


@dataclass(frozen=True, kw_only=True)
class PngOptions:
    """How to write a PNG of one print area."""

    area: str | None = None
    """The print area to write; None takes the first one."""
    dpi: float = 300
    """Resolution in dots per inch."""
    transparent: bool = False
    """Leave what the design does not cover transparent instead of white."""
    bleed: float | None = 0.0
    """Bleed around the trim in mm; None takes the area's own bleed from the template."""
    mirror: bool = False
    """Mirror the image left to right."""

    def __post_init__(self) -> None:
        _check_bleed(self.bleed)
        if not (math.isfinite(self.dpi) and 10.0 <= self.dpi <= 2400.0):
            raise ValueError(f"dpi must be between 10 and 2400, got {self.dpi}")
