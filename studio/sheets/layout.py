"""Placing items on sheets: as many as fit on a paper, or at the label sheet's own positions.

An item is a print area: its trim box is ``item_w`` × ``item_h`` mm, and its art may run ``bleed``
mm beyond. On a paper the items' bleed boxes are set out in a grid inside the margins with
``gap`` mm between them, turned a quarter when more fit that way (or when a strip of turned items
fills what an upright grid leaves). On a roll the grid is as long as the items need. On a label
sheet each item is centred on a label, at the positions the label-sheet database gives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studio.model.errors import StudioError
from studio.sheets.model import LabelSheet, LayoutSummary, Paper, Placement, Sheet, mm

FIT_TOLERANCE = 0.5
"""How much larger than a label (mm) an item may be and still be placed on it (database rounding, die tolerance)."""
MAX_ITEMS = 1_000_000
MAX_ROLL_LENGTH = 5000.0
"""Longest sheet cut from a roll (mm): PDF pages stop at 200 inches (5,080 mm) in most readers and RIPs."""

_EPS = 1e-6


class LayoutError(StudioError):
    """Items that cannot be placed on the sheet asked for."""


@dataclass(frozen=True, slots=True)
class Imposition:
    """Where every item goes, on how many sheets of what size."""

    sheet: Sheet
    placements: list[Placement]
    page_size: tuple[float, float]
    """Width and height of each page (mm); a roll's height is the length its items need."""
    pages: int
    per_sheet: int
    summary: LayoutSummary
    capacity: int = 0
    """How many items one sheet holds when full (a roll: at its longest sheet)."""


def layout(
    item_w: float,
    item_h: float,
    sheet: Sheet,
    *,
    margins: float | None = None,
    gap: float | None = None,
    allow_rotate: bool | None = None,
    bleed: float = 0.0,
    count: int | None = None,
) -> list[Placement]:
    """Where ``count`` items (as many as one sheet holds when None) go; see :func:`impose`."""
    return impose(
        item_w, item_h, sheet, margins=margins, gap=gap, allow_rotate=allow_rotate, bleed=bleed, count=count
    ).placements


def impose(
    item_w: float,
    item_h: float,
    sheet: Sheet,
    *,
    margins: float | None = None,
    gap: float | None = None,
    allow_rotate: bool | None = None,
    bleed: float = 0.0,
    count: int | None = None,
) -> Imposition:
    """Place items of ``item_w`` × ``item_h`` mm (their trim) on ``sheet``.

    Parameters
    ----------
    margins, gap, allow_rotate
        Override the paper's own (ignored by label sheets, whose labels are where they are cut).
    bleed
        How far each item's art runs beyond its trim (mm); on a paper the bleed boxes are spaced
        ``gap`` apart, on a label sheet the bleed is limited to what the labels allow.
    count
        How many items; None fills one sheet (a roll: one row). More than a sheet holds continue
        on further sheets (``Placement.page``).

    Raises
    ------
    LayoutError
        When not one item fits.
    """
    if not (item_w > 0 and item_h > 0 and math.isfinite(item_w) and math.isfinite(item_h)):
        raise LayoutError(f"an item must have a size, got {item_w:g} × {item_h:g} mm.")
    if count is not None and not 1 <= count <= MAX_ITEMS:
        raise LayoutError(f"the number of copies must be between 1 and {MAX_ITEMS:,}, got {count}.")
    if isinstance(sheet, LabelSheet):
        return _on_labels(item_w, item_h, sheet, bleed, count)
    paper = sheet
    margin = paper.margin if margins is None else margins
    spacing = paper.gap if gap is None else gap
    rotate = paper.allow_rotate if allow_rotate is None else allow_rotate
    if margin < 0 or spacing < 0 or bleed < 0:
        raise LayoutError("margins, gaps and bleed cannot be negative.")
    cell = (item_w + 2 * bleed, item_h + 2 * bleed)
    if paper.height is None:
        return _on_roll(item_w, item_h, paper, margin, spacing, rotate, bleed, cell, count)
    return _on_paper(item_w, item_h, paper, paper.height, margin, spacing, rotate, bleed, cell, count)


# -- papers ------------------------------------------------------------------------------------


def _fit(length: float, cell: float, gap: float) -> int:
    """How many cells fit in ``length`` with ``gap`` between them."""
    if cell > length + _EPS:
        return 0
    return int((length + gap + _EPS) // (cell + gap))


@dataclass(frozen=True, slots=True)
class _Block:
    """A grid of cells, all upright or all turned, at an offset inside the printable area."""

    x: float
    y: float
    cols: int
    rows: int
    rotated: bool


def _arrangements(aw: float, ah: float, cw: float, ch: float, gap: float, rotate: bool) -> list[list[_Block]]:
    """Candidate arrangements, simplest first: upright grid, turned grid, upright grid plus a turned strip."""
    cols_u, rows_u = _fit(aw, cw, gap), _fit(ah, ch, gap)
    out = [[_Block(0.0, 0.0, cols_u, rows_u, False)]]
    if not rotate:
        return out
    cols_r, rows_r = _fit(aw, ch, gap), _fit(ah, cw, gap)
    out.append([_Block(0.0, 0.0, cols_r, rows_r, True)])
    for k in range(1, cols_u + 1):
        x = k * (cw + gap)
        extra = _fit(aw - x, ch, gap)
        out.append([_Block(0.0, 0.0, k, rows_u, False), _Block(x, 0.0, extra, rows_r, True)])
    for k in range(1, rows_u + 1):
        y = k * (ch + gap)
        extra = _fit(ah - y, cw, gap)
        out.append([_Block(0.0, 0.0, cols_u, k, False), _Block(0.0, y, cols_r, extra, True)])
    return out


def _count(blocks: list[_Block]) -> int:
    return sum(b.cols * b.rows for b in blocks)


def _cells(blocks: list[_Block], cw: float, ch: float, gap: float) -> list[tuple[float, float, bool]]:
    """Top-left corner of each cell (relative to the arrangement) and whether it is turned."""
    out = []
    for b in blocks:
        w, h = (ch, cw) if b.rotated else (cw, ch)
        for row in range(b.rows):
            for col in range(b.cols):
                out.append((b.x + col * (w + gap), b.y + row * (h + gap), b.rotated))
    return out


def _on_paper(
    item_w: float,
    item_h: float,
    paper: Paper,
    height: float,
    margin: float,
    gap: float,
    rotate: bool,
    bleed: float,
    cell: tuple[float, float],
    count: int | None,
) -> Imposition:
    cw, ch = cell
    aw, ah = paper.width - 2 * margin, height - 2 * margin
    best = max(_arrangements(aw, ah, cw, ch, gap, rotate), key=_count)  # max keeps the first (simplest) of equals
    per_sheet = _count(best)
    if per_sheet == 0:
        raise LayoutError(_too_big(item_w, item_h, bleed, paper, margin))
    cells = _cells(best, cw, ch, gap)
    # Centre the arrangement on the paper: even margins are what a person trimming by hand expects.
    used_w = max(x + (ch if r else cw) for x, _y, r in cells)
    used_h = max(y + (cw if r else ch) for _x, y, r in cells)
    ox, oy = margin + (aw - used_w) / 2, margin + (ah - used_h) / 2
    total = per_sheet if count is None else count
    placements = []
    for i in range(total):
        x, y, turned = cells[i % per_sheet]
        w, h = (item_h, item_w) if turned else (item_w, item_h)
        placements.append(Placement(ox + x + bleed, oy + y + bleed, w, h, turned, page=i // per_sheet, bleed=bleed))
    pages = math.ceil(total / per_sheet)
    return _result(paper, placements, (paper.width, height), pages, per_sheet, item_w * item_h)


def _on_roll(
    item_w: float,
    item_h: float,
    paper: Paper,
    margin: float,
    gap: float,
    rotate: bool,
    bleed: float,
    cell: tuple[float, float],
    count: int | None,
) -> Imposition:
    cw, ch = cell
    aw = paper.width - 2 * margin
    options = [(False, _fit(aw, cw, gap), cw, ch)]
    if rotate:
        options.append((True, _fit(aw, ch, gap), ch, cw))
    options = [o for o in options if o[1] > 0]
    if not options:
        raise LayoutError(_too_big(item_w, item_h, bleed, paper, margin))

    def length(option: tuple[bool, int, float, float]) -> float:
        _turned, per_row, _w, h = option
        rows = math.ceil((count or per_row) / per_row)
        return rows * (h + gap) - gap

    turned, per_row, w, h = min(options, key=length)  # min keeps the first (upright) of equals
    total = count or per_row
    # A longer roll is cut into sheets of at most MAX_ROLL_LENGTH: what PDF readers and RIPs open.
    rows_per_sheet = max(1, _fit(MAX_ROLL_LENGTH - 2 * margin, h, gap))
    rows = min(math.ceil(total / per_row), rows_per_sheet)
    used_w = min(total, per_row) * (w + gap) - gap
    ox = margin + (aw - used_w) / 2
    per_sheet = per_row * rows_per_sheet
    placements = []
    for i in range(total):
        page, index = divmod(i, per_sheet)
        row, col = divmod(index, per_row)
        pw, ph = (item_h, item_w) if turned else (item_w, item_h)
        x, y = ox + col * (w + gap) + bleed, margin + row * (h + gap) + bleed
        placements.append(Placement(x, y, pw, ph, turned, page=page, bleed=bleed))
    roll_length = 2 * margin + rows * (h + gap) - gap
    pages = math.ceil(total / per_sheet)
    return _result(
        paper, placements, (paper.width, roll_length), pages, min(total, per_sheet), item_w * item_h, per_sheet
    )


def _too_big(item_w: float, item_h: float, bleed: float, paper: Paper, margin: float) -> str:
    size = f"{mm(item_w)} × {mm(item_h)} mm" + (f" with {mm(bleed)} mm of bleed" if bleed else "")
    if paper.height is None:
        room = f"the {mm(paper.width - 2 * margin)} mm between its margins"
    else:
        room = f"the {mm(paper.width - 2 * margin)} × {mm(paper.height - 2 * margin)} mm inside its {mm(margin)} mm margins"
    return f"an item of {size} does not fit on {paper.name} ({room}); choose a larger sheet or smaller margins."


# -- label sheets --------------------------------------------------------------------------------


def _on_labels(item_w: float, item_h: float, sheet: LabelSheet, bleed: float, count: int | None) -> Imposition:
    shape = sheet.shape
    lw, lh = shape.width, shape.height
    if item_w <= lw + FIT_TOLERANCE and item_h <= lh + FIT_TOLERANCE:
        turned = False
    elif item_h <= lw + FIT_TOLERANCE and item_w <= lh + FIT_TOLERANCE:
        turned = True
    else:
        raise LayoutError(
            f"the design is {mm(item_w)} × {mm(item_h)} mm but the labels of {sheet.name} are {mm(lw)} × {mm(lh)} mm; "
            "choose a label sheet that fits the design, or a paper."
        )
    # Art may run past a label's edge only as far as the sheet allows (its "waste"), never onto a neighbour.
    allowed = min(bleed, *shape.waste) if bleed > 0 else 0.0
    w, h = (item_h, item_w) if turned else (item_w, item_h)
    per_sheet = len(sheet.positions)
    total = per_sheet if count is None else count
    placements = []
    for i in range(total):
        lx, ly = sheet.positions[i % per_sheet]
        placements.append(
            Placement(
                lx + (lw - w) / 2,
                ly + (lh - h) / 2,
                w,
                h,
                turned,
                page=i // per_sheet,
                bleed=allowed,
                cut=shape.outline(lx, ly),
            )
        )
    pages = math.ceil(total / per_sheet)
    return _result(sheet, placements, (sheet.width, sheet.height), pages, per_sheet, item_w * item_h)


def _result(
    sheet: Sheet,
    placements: list[Placement],
    size: tuple[float, float],
    pages: int,
    per_sheet: int,
    item_area: float,
    capacity: int | None = None,
) -> Imposition:
    name = sheet.name
    summary = LayoutSummary(
        sheet=name,
        items=len(placements),
        sheets=pages,
        per_sheet=per_sheet,
        sheet_size=(round(size[0], 4), round(size[1], 4)),
        paper_area=size[0] * size[1] * pages,
        item_area=item_area * len(placements),
    )
    return Imposition(sheet, placements, size, pages, per_sheet, summary, capacity or per_sheet)
