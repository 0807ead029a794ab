"""What items are printed on: papers (cut sheets and rolls) and label-sheet products.

All lengths are millimetres; a sheet's coordinates have their origin at the top-left corner of the
paper, y down, like a print area's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from studio.model.geometry import Affine, Path

MarksAt = Literal["items", "edges"]

DEFAULT_MARGIN = 10.0
"""Paper left blank at the edges of a cut sheet (mm): what home and office printers cannot reach, with room for marks."""
DEFAULT_ROLL_MARGIN = 5.0
"""Film or paper left blank at the sides, top and end of a roll (mm)."""
DEFAULT_GAP = 5.0
"""Space between the items' bleed boxes (mm): room to cut between them, and for crop marks."""


def mm(value: float) -> str:
    """A length for people: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Paper:
    """A blank sheet or roll on which items are placed in a grid.

    ``height`` is None for a roll: the sheet is as long as the items placed on it need.
    """

    name: str
    width: float
    height: float | None
    margin: float = DEFAULT_MARGIN
    gap: float = DEFAULT_GAP
    allow_rotate: bool = True
    marks_at: MarksAt = "items"

    @property
    def is_roll(self) -> bool:
        return self.height is None

    def describe(self) -> str:
        if self.height is None:
            return f"{self.name}: roll {mm(self.width)} mm wide"
        return f"{self.name}: {mm(self.width)} × {mm(self.height)} mm"


@dataclass(frozen=True, slots=True)
class LabelShape:
    """The die-cut shape of the labels of a label sheet (from the label-sheet database)."""

    kind: Literal["rect", "round", "ellipse", "cd"]
    width: float
    height: float
    corner_radius: float = 0.0
    hole: float = 0.0
    """Diameter of the centre hole of a CD/DVD label."""
    diameter: float = 0.0
    """Diameter of the disc of a CD/DVD label cut straight at its sides (business-card CDs); 0 when it is not."""
    waste: tuple[float, float] = (0.0, 0.0)
    """How far printing may run past the label's edge, across and down (the database's ``waste``)."""

    def outline(self, x: float = 0.0, y: float = 0.0) -> Path:
        """The cut line of one label whose bounding box has its top-left corner at (``x``, ``y``)."""
        w, h = self.width, self.height
        if self.kind == "rect":
            return Path.rounded_rectangle(x, y, w, h, min(self.corner_radius, w / 2, h / 2))
        if self.kind == "cd" and self.diameter > max(w, h):
            # A disc with straight sides: the circle with its points held inside the label's width.
            r = self.diameter / 2
            steps = 144
            points = [
                (
                    min(max(x + w / 2 + r * math.cos(2 * math.pi * i / steps), x), x + w),
                    min(max(y + h / 2 + r * math.sin(2 * math.pi * i / steps), y), y + h),
                )
                for i in range(steps)
            ]
            path = Path.polygon(points)
        else:
            path = Path.ellipse(x + w / 2, y + h / 2, w / 2, h / 2)
        if self.kind == "cd" and self.hole > 0.0:
            path.extend(Path.ellipse(x + w / 2, y + h / 2, self.hole / 2, self.hole / 2))
        return path

    def describe(self) -> str:
        if self.kind in ("round", "cd"):
            return f"round {mm(self.width)} mm"
        kind = "oval" if self.kind == "ellipse" else "rectangular"
        return f"{kind} {mm(self.width)} × {mm(self.height)} mm"


@dataclass(frozen=True, slots=True)
class LabelSheet:
    """A label-sheet product: a page with labels die-cut at fixed positions."""

    brand: str
    part: str
    description: str
    width: float
    height: float
    shape: LabelShape
    positions: tuple[tuple[float, float], ...]
    """Top-left corner of each label's bounding box on the page, in reading order."""
    paper: str | None = None
    aliases: tuple[str, ...] = ()
    """Other part numbers of the maker sold with the same layout."""
    categories: tuple[str, ...] = ()
    roll: bool = False
    """A roll of labels for a label printer: one label per page."""
    marks_at: MarksAt = "items"

    @property
    def name(self) -> str:
        return f"{self.brand} {self.part}"

    @property
    def names(self) -> list[str]:
        return [self.name, *(f"{self.brand} {alias}" for alias in self.aliases)]

    def describe(self) -> str:
        paper = self.paper or f"{mm(self.width)} × {mm(self.height)} mm"
        return f"{self.name}: {len(self.positions)} {self.shape.describe()} labels on {paper}"


Sheet = Paper | LabelSheet


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one item goes on a sheet.

    ``x``, ``y`` are the top-left corner of the item's trim box as placed, and ``width``,
    ``height`` its size there (swapped when the item is turned). A turned item is rotated 90°
    clockwise.
    """

    x: float
    y: float
    width: float
    height: float
    rotated: bool = False
    page: int = 0
    """Index of the sheet (page) the item is on."""
    bleed: float = 0.0
    """How far the item's art may show beyond its trim here (mm)."""
    cut: Path | None = field(default=None, compare=False)
    """The cut line at this place, in sheet millimetres, when the sheet defines it (label sheets)."""

    def transform(self) -> Affine:
        """Maps the item's own millimetres (trim top-left at the origin, y down) onto the sheet."""
        if self.rotated:
            # Turned clockwise, the item's left edge becomes its top edge: shift right by its height.
            return Affine.translation(self.x + self.width, self.y) @ Affine.rotation(90.0)
        return Affine.translation(self.x, self.y)


@dataclass(frozen=True, slots=True)
class LayoutSummary:
    """How a set of items used the paper."""

    sheet: str
    items: int
    sheets: int
    per_sheet: int
    sheet_size: tuple[float, float]
    """Width and height of one sheet (mm); for a roll, the length used."""
    paper_area: float
    """Paper used, in mm² (all sheets, or the length of roll used)."""
    item_area: float
    """Area of the items' trim boxes, in mm²."""

    @property
    def waste(self) -> float:
        """Fraction of the paper that the items' trim boxes do not cover (0..1)."""
        return 0.0 if self.paper_area <= 0 else max(0.0, 1.0 - self.item_area / self.paper_area)

    def describe(self) -> str:
        w, h = self.sheet_size
        plural = "s" if self.sheets != 1 else ""
        return (
            f"{self.items} item{'s' if self.items != 1 else ''} on {self.sheets} sheet{plural} of {self.sheet} "
            f"({mm(w)} × {mm(h)} mm, up to {self.per_sheet} a sheet); {self.waste:.0%} of the paper is waste."
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "items": self.items,
            "sheets": self.sheets,
            "per_sheet": self.per_sheet,
            "sheet_size_mm": list(self.sheet_size),
            "paper_area_mm2": round(self.paper_area, 2),
            "item_area_mm2": round(self.item_area, 2),
            "waste": round(self.waste, 4),
        }
