"""Imposed sheets: print areas placed many times on papers, rolls and label sheets.

:mod:`studio.sheets` decides where each item goes; this module turns that into page plans for the
page-plan writer (:mod:`studio.export.pages`), which every multi-page export shares. Each distinct
display list becomes one Form XObject painted at every place it goes (a sheet of 21 labels stores
the label's art once), clipped to the bleed the sheet allows. Crop marks are drawn per item, in the
gaps and clear of every neighbour's bleed, or once at the sheet's edges in line with the trims;
cut lines are drawn per item in the spot colour ``CutContour`` (the label's die shape on a label
sheet, the print area's die line on a paper). The page is the paper: MediaBox, BleedBox and TrimBox
are the sheet itself.

:func:`sheet_pages` places any :class:`~studio.export.pages.ItemArt` (a batch gives one per data
row, streamed); :func:`write_sheets_pdf` does it for display lists; :func:`export_sheet_pdf` and
:func:`export_sheet_png` fill a sheet with copies of one design.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path as FsPath

from studio.export._files import atomic_target, write_atomically
from studio.export._print import CUT_CONTOUR, HAIRLINE_PT
from studio.export.pages import ItemArt, PagePlan, PdfPageWriter, PlacedItem, SharedResources
from studio.model.color import Color
from studio.model.errors import StudioError
from studio.model.geometry import PT_PER_MM, Affine, Path, Rect
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, SceneSource, StrokePath
from studio.render.pdf import ColorConverter, display_list_operators, format_number, path_operators
from studio.sheets import Imposition, LayoutSummary, Placement, Sheet, impose

__all__ = [
    "SheetOptions",
    "SheetStream",
    "crop_marks",
    "export_sheet_pdf",
    "export_sheet_png",
    "export_sheet_svg",
    "sheet_display_list",
    "sheet_pages",
    "write_sheets_pdf",
]

MARK_OFFSET = 1.0
"""Distance (mm) from an item's bleed box to the start of its crop marks."""
MARK_LENGTH = 5.0
"""Longest crop mark (mm); marks between items are shortened to stay clear of the neighbours."""
MARK_CLEARANCE = 0.5
"""Closest a mark comes to another item's bleed box (mm)."""
MIN_MARK = 1.0
"""A mark shorter than this (mm) would not guide a cut, and is left out."""


@dataclass(frozen=True, kw_only=True)
class SheetOptions:
    """How to write an imposed sheet (see :func:`export_sheet_pdf`)."""

    bleed: float | None = None
    """Bleed drawn around each item (mm); None takes the print area's own from the template."""
    marks: bool = False
    """Crop marks, on each item or at the sheet's edges as the sheet says (``marks=items|edges``)."""
    cut_line: bool = False
    """Each item's cut line in the spot colour ``CutContour``."""
    cmyk: bool = False
    """Convert colours to CMYK (FOGRA39) and write PDF/X-4."""
    mirror: bool = False
    """Mirror each item left to right (transfers printed face down)."""
    copies: int | None = None
    """How many copies; None fills one sheet (on a roll, one row)."""

    def __post_init__(self) -> None:
        if self.bleed is not None and not (math.isfinite(self.bleed) and 0.0 <= self.bleed <= 50.0):
            raise ValueError(f"bleed must be between 0 and 50 mm, got {self.bleed}")
        if self.copies is not None and self.copies < 1:
            raise ValueError(f"copies must be at least 1, got {self.copies}")


# -- geometry shared by every output ---------------------------------------------------------------


def item_transform(placement: Placement, trim: Rect, *, mirror: bool = False) -> Affine:
    """Maps an item's millimetres (its trim's top-left at the origin) onto the sheet."""
    m = placement.transform()
    if mirror:
        m = m @ Affine(-1.0, 0.0, 0.0, 1.0, trim.width, 0.0)
    return m


def _bleed_rect(dl: DisplayList, placement: Placement) -> Rect:
    """What shows of an item (its own mm): its trim grown by the bleed the sheet allows, within what was laid out."""
    grown = dl.trim.inflated(placement.bleed)
    return grown.intersection(dl.page) or dl.trim


def crop_marks(placements: Sequence[Placement], page_size: tuple[float, float], at: str) -> list[tuple[Point, Point]]:
    """Crop-mark segments (sheet mm) for the items on one page.

    ``at`` is ``"items"`` (marks at each item's trim corners, in the gaps, each shortened so that
    it stays clear of every other item's bleed) or ``"edges"`` (marks in the sheet's margins, in
    line with every trim edge, outside the band that holds the items).

    Raises
    ------
    StudioError
        When there is no room for any mark.
    """
    if not placements:
        return []
    trims = [Rect(p.x, p.y, p.width, p.height) for p in placements]
    bleeds = [t.inflated(p.bleed) for t, p in zip(trims, placements, strict=True)]
    page = Rect(0.0, 0.0, page_size[0], page_size[1])
    segments: list[tuple[Point, Point]] = []
    if at == "edges":
        band = bleeds[0]
        for b in bleeds[1:]:
            band = band.union(b)
        xs = sorted({round(v, 4) for t in trims for v in (t.left, t.right)})
        ys = sorted({round(v, 4) for t in trims for v in (t.top, t.bottom)})
        for x in xs:
            segments += _clear((x, band.top - MARK_OFFSET), (0.0, -1.0), [], page)
            segments += _clear((x, band.bottom + MARK_OFFSET), (0.0, 1.0), [], page)
        for y in ys:
            segments += _clear((band.left - MARK_OFFSET, y), (-1.0, 0.0), [], page)
            segments += _clear((band.right + MARK_OFFSET, y), (1.0, 0.0), [], page)
        if not segments:
            raise StudioError("the sheet's margins leave no room for crop marks; use wider margins (margin=MM).")
        return segments
    for i, (t, b) in enumerate(zip(trims, bleeds, strict=True)):
        others = [o.inflated(MARK_CLEARANCE) for j, o in enumerate(bleeds) if j != i and _near(o, b)]
        for x, dx in ((t.left, -1.0), (t.right, 1.0)):
            for y, dy in ((t.top, -1.0), (t.bottom, 1.0)):
                # A horizontal mark in line with the trim's top or bottom edge, and a vertical one.
                start_x = (b.left if dx < 0 else b.right) + dx * MARK_OFFSET
                start_y = (b.top if dy < 0 else b.bottom) + dy * MARK_OFFSET
                segments += _clear((start_x, y), (dx, 0.0), others, page)
                segments += _clear((x, start_y), (0.0, dy), others, page)
    if not segments:
        raise StudioError(
            "there is no room around the items for crop marks; use a wider gap (gap=MM), wider margins (margin=MM) "
            "or marks at the sheet's edges (marks=edges)."
        )
    return segments


Point = tuple[float, float]


def _near(other: Rect, rect: Rect) -> bool:
    reach = MARK_OFFSET + MARK_LENGTH + MARK_CLEARANCE
    return other.intersects(rect.inflated(reach))


def _clear(start: Point, direction: Point, obstacles: list[Rect], page: Rect) -> list[tuple[Point, Point]]:
    """The mark from ``start`` along ``direction``, cut short before any obstacle and at the page edge."""
    x, y = start
    dx, dy = direction
    if not page.contains_point(x, y):
        return []
    length = MARK_LENGTH
    # Stay on the page.
    if dx > 0:
        length = min(length, page.right - x)
    elif dx < 0:
        length = min(length, x - page.left)
    elif dy > 0:
        length = min(length, page.bottom - y)
    else:
        length = min(length, y - page.top)
    for r in obstacles:
        if dx != 0:
            if not (r.top <= y <= r.bottom):
                continue
            if r.left <= x <= r.right:
                return []
            d = (r.left - x) if dx > 0 else (x - r.right)
        else:
            if not (r.left <= x <= r.right):
                continue
            if r.top <= y <= r.bottom:
                return []
            d = (r.top - y) if dy > 0 else (y - r.bottom)
        if d >= 0:
            length = min(length, d)
    if length < MIN_MARK:
        return []
    return [((x, y), (x + dx * length, y + dy * length))]


# -- PDF -------------------------------------------------------------------------------------------


def sheet_pages(
    imposition: Imposition,
    arts: Iterable[ItemArt],
    resources: SharedResources,
    *,
    marks: bool = False,
    cut_line: bool = False,
    mirror: bool = False,
) -> Iterator[PagePlan]:
    """The page plans of ``imposition``, the i-th art at the i-th placement, one page as soon as it is full.

    ``arts`` may be a generator (a batch makes one art per data row): only one page of them is held.
    Each art is clipped to the bleed its place allows; cut lines (the label's shape on a label
    sheet, else the art's die line) and crop marks are drawn over the items in sheet millimetres.
    """
    width, height = imposition.page_size
    sheet = Rect(0.0, 0.0, width, height)
    pending: list[tuple[Placement, ItemArt]] = []
    page = 0
    for placement, art in zip(imposition.placements, arts, strict=True):
        if placement.page != page and pending:
            yield _plan(imposition, sheet, pending, resources, marks=marks, cut_line=cut_line, mirror=mirror)
            pending = []
        page = placement.page
        pending.append((placement, art))
    if pending:
        yield _plan(imposition, sheet, pending, resources, marks=marks, cut_line=cut_line, mirror=mirror)


def _plan(
    imposition: Imposition,
    sheet: Rect,
    placed: list[tuple[Placement, ItemArt]],
    resources: SharedResources,
    *,
    marks: bool,
    cut_line: bool,
    mirror: bool,
) -> PagePlan:
    n = format_number
    hairline = n(HAIRLINE_PT / PT_PER_MM)
    items: list[PlacedItem] = []
    cuts: list[Path] = []
    for placement, art in placed:
        m = item_transform(placement, art.trim, mirror=mirror)
        shown = art.trim.inflated(placement.bleed).intersection(art.page) or art.trim
        items.append(PlacedItem(replace(art, page=shown), m))
        if cut_line:
            cut = placement.cut if placement.cut is not None else art.die_line.transformed(m)
            if not cut.is_empty():
                cuts.append(cut)
    overlay: list[str] = []
    if cuts:
        space = resources.separation(CUT_CONTOUR, (0.0, 1.0, 0.0, 0.0))
        gstate = resources.gstate(1.0, overprint=True)
        lines = " ".join(path_operators(c) for c in cuts)
        overlay.append(f"q /{gstate} gs /{space} CS 1 SCN {hairline} w 1 j 1 J {lines} S Q")
    if marks:
        segments = crop_marks([p for p, _art in placed], (sheet.width, sheet.height), imposition.sheet.marks_at)
        space = resources.separation("All", (1.0, 1.0, 1.0, 1.0))
        lines = " ".join(f"{n(a[0])} {n(a[1])} m {n(b[0])} {n(b[1])} l" for a, b in segments)
        overlay.append(f"q /{space} CS 1 SCN {hairline} w 0 J {lines} S Q")
    if overlay:
        # Marks and cut lines are art of the sheet itself, drawn over every item and never clipped.
        sheet_art = ItemArt("\n".join(overlay).encode("latin-1"), sheet, sheet, Path())
        items.append(PlacedItem(sheet_art, Affine(), clip=False))
    return PagePlan(sheet.width, sheet.height, tuple(items), trim=sheet, bleed=sheet)


class SheetStream:
    """Places art on sheets as it comes (a batch's rows, one after the other) and writes each sheet when full.

    Items of different sizes (a label and a lid) go on sheets of their own. Only the art of the sheets
    being filled is held in memory.

    Parameters
    ----------
    sheet
        The paper, roll or label sheet.
    writer
        The page-plan writer the sheets are added to.
    resources
        The resources the art was drawn with (the writer's).
    """

    def __init__(
        self,
        sheet: Sheet,
        writer: PdfPageWriter,
        resources: SharedResources,
        *,
        marks: bool = False,
        cut_line: bool = False,
        mirror: bool = False,
    ) -> None:
        self.sheet = sheet
        self.writer = writer
        self.resources = resources
        self.options = {"marks": marks, "cut_line": cut_line, "mirror": mirror}
        self._pending: dict[tuple[float, float, float], list[ItemArt]] = {}
        self._capacity: dict[tuple[float, float, float], int] = {}
        self.summaries: list[LayoutSummary] = []

    def add(self, art: ItemArt) -> int:
        """Place ``art``; returns the sheets written because of it (0 or 1)."""
        bleed = max(0.0, (art.page.width - art.trim.width) / 2)
        key = (round(art.trim.width, 3), round(art.trim.height, 3), round(bleed, 3))
        if key not in self._capacity:
            self._capacity[key] = impose(key[0], key[1], self.sheet, bleed=bleed, count=1).capacity
        pending = self._pending.setdefault(key, [])
        pending.append(art)
        if len(pending) < self._capacity[key]:
            return 0
        return self._flush(key)

    def close(self) -> int:
        """Write the sheets that are not full; returns how many."""
        return sum(self._flush(key) for key in list(self._pending) if self._pending[key])

    def _flush(self, key: tuple[float, float, float]) -> int:
        arts = self._pending.pop(key)
        imposition = impose(key[0], key[1], self.sheet, bleed=key[2], count=len(arts))
        self.summaries.append(imposition.summary)
        written = 0
        for plan in sheet_pages(imposition, arts, self.resources, **self.options):
            self.writer.add_page(plan)
            written += 1
        return written


def write_sheets_pdf(
    imposition: Imposition,
    displays: Sequence[DisplayList],
    path: FsPath,
    *,
    options: SheetOptions,
    title: str = "",
) -> FsPath:
    """Write ``imposition`` as a PDF, drawing ``displays[i]`` at ``imposition.placements[i]``.

    Written through the page-plan writer (:mod:`studio.export.pages`); the same display list
    object given for several placements is drawn once, as a Form XObject painted at each place.

    Raises
    ------
    StudioError
        When the lists do not match, marks have no room, or the file cannot be written.
    """
    placements = imposition.placements
    if len(displays) != len(placements):
        raise StudioError(f"{len(displays)} items for {len(placements)} places on the sheet.")
    converter = ColorConverter.fogra39() if options.cmyk else None
    resources = SharedResources()
    arts: dict[int, ItemArt] = {}

    def art_of(dl: DisplayList) -> ItemArt:
        art = arts.get(id(dl))
        if art is None:
            content = display_list_operators(dl, resources, cmyk=converter).encode("latin-1")
            form = resources.form(content, dl.page)
            die_line = dl.die_line if dl.die_line is not None else Path()
            art = arts[id(dl)] = ItemArt(f"/{form} Do".encode("latin-1"), dl.page, dl.trim, die_line)
        return art

    plans = sheet_pages(
        imposition,
        (art_of(dl) for dl in displays),
        resources,
        marks=options.marks,
        cut_line=options.cut_line,
        mirror=options.mirror,
    )
    with atomic_target(FsPath(path), "PDF") as tmp, open(tmp, "wb") as out:
        with PdfPageWriter(out, resources=resources, cmyk=converter, title=title or imposition.sheet.name) as writer:
            for plan in plans:
                writer.add_page(plan)
        out.flush()
        os.fsync(out.fileno())
    return FsPath(path)


# -- one design, many copies -----------------------------------------------------------------------


def _impose_area(doc: SceneSource, area_id: str, sheet: Sheet, options: SheetOptions) -> tuple[Imposition, DisplayList]:
    area = doc.print_area(area_id)
    bleed = area.bleed if options.bleed is None else options.bleed
    dl = doc.scene(area_id, bleed=bleed)
    imposition = impose(dl.trim.width, dl.trim.height, sheet, bleed=bleed, count=options.copies)
    return imposition, dl


def export_sheet_pdf(
    doc: SceneSource, area_id: str, sheet: Sheet, path: FsPath, *, options: SheetOptions
) -> LayoutSummary:
    """Copies of one print area of ``doc`` on ``sheet``, as a PDF (as many as fit, or ``options.copies``).

    Returns
    -------
    LayoutSummary
        Sheets used and paper wasted.

    Raises
    ------
    StudioError
        When the item does not fit the sheet, marks have no room, or the file cannot be written.
    """
    imposition, dl = _impose_area(doc, area_id, sheet, options)
    write_sheets_pdf(imposition, [dl] * len(imposition.placements), path, options=options, title=doc.title)
    return imposition.summary


# -- raster and display lists ----------------------------------------------------------------------


def sheet_display_list(
    imposition: Imposition, displays: Sequence[DisplayList], page: int = 0, *, mirror: bool = False
) -> DisplayList:
    """One page of an imposition as a single display list (sheet mm), for the raster and SVG backends.

    Each item's content is moved to its place and clipped to the bleed the sheet allows.
    """
    width, height = imposition.page_size
    sheet = Rect(0.0, 0.0, width, height)
    out = DisplayList(area_id=f"sheet-{page + 1}", trim=sheet, page=sheet)
    for placement, dl in zip(imposition.placements, displays, strict=True):
        if placement.page != page:
            continue
        m = item_transform(placement, dl.trim, mirror=mirror)
        clip = Path.rectangle(*_xywh(_bleed_rect(dl, placement))).transformed(m)
        out.items.append(Group([_moved(item, m) for item in dl.items], clip=clip))
    return out


def _xywh(r: Rect) -> tuple[float, float, float, float]:
    return (r.x, r.y, r.width, r.height)


def _moved(item: Item, m: Affine) -> Item:
    if isinstance(item, FillPath):
        return FillPath(item.path.transformed(m), item.color, item.opacity)
    if isinstance(item, StrokePath):
        scale = math.sqrt(abs(m.determinant))
        return StrokePath(item.path.transformed(m), item.color, item.width * scale, item.opacity, item.join, item.cap)
    if isinstance(item, DrawImage | DrawSvg):
        clip = item.clip.transformed(m) if item.clip is not None else None
        return type(item)(item.source, m @ item.transform, clip, item.opacity)  # type: ignore[arg-type]
    clip = item.clip.transformed(m) if item.clip is not None else None
    return Group([_moved(child, m) for child in item.items], item.opacity, clip)


def sheet_with_marks(
    imposition: Imposition, displays: Sequence[DisplayList], page: int, options: SheetOptions
) -> DisplayList:
    """One page as a display list with its crop marks drawn in and every item's cut line as its die line."""
    out = sheet_display_list(imposition, displays, page, mirror=options.mirror)
    placed = [(p, dl) for p, dl in zip(imposition.placements, displays, strict=True) if p.page == page]
    if options.marks:
        black = Color(hex="#000000")
        for a, b in crop_marks([p for p, _dl in placed], imposition.page_size, imposition.sheet.marks_at):
            out.items.append(StrokePath(Path().move_to(*a).line_to(*b), black, HAIRLINE_PT / PT_PER_MM))
    cuts = Path()
    for p, dl in placed:
        if p.cut is not None:
            cuts.extend(p.cut)
        elif dl.die_line is not None:
            cuts.extend(dl.die_line.transformed(item_transform(p, dl.trim, mirror=options.mirror)))
    out.die_line = cuts
    return out


def export_sheet_svg(
    doc: SceneSource, area_id: str, sheet: Sheet, path: FsPath, *, options: SheetOptions
) -> LayoutSummary:
    """Copies of one print area on one sheet as an SVG (millimetres), cut lines in a ``CutContour`` layer.

    For print-and-cut software that takes SVG; only one sheet fits in a file.
    """
    from studio.render.svg import svg_document

    imposition, dl = _impose_area(doc, area_id, sheet, options)
    if imposition.pages > 1:
        raise StudioError(
            f"{path}: {imposition.summary.items} copies need {imposition.pages} sheets of {imposition.sheet.name}, "
            "and an SVG holds one; ask for fewer copies, a roll, or a PDF."
        )
    page = sheet_with_marks(imposition, [dl] * len(imposition.placements), 0, options)
    text = svg_document(page, cut_line=options.cut_line, title=doc.title or imposition.sheet.name)
    write_atomically(FsPath(path), text.encode("utf-8"), "SVG")
    return imposition.summary


def export_sheet_png(
    doc: SceneSource,
    area_id: str,
    sheet: Sheet,
    path: FsPath,
    *,
    options: SheetOptions,
    dpi: float = 300.0,
    transparent: bool = False,
) -> LayoutSummary:
    """Copies of one print area on one sheet (a DTF gang sheet on a roll, say) as a PNG.

    Only the first sheet is written when the copies need more than one; the summary says how many.
    """
    from PIL.PngImagePlugin import PngInfo

    from studio.export.png import srgb_icc_profile
    from studio.render.qt import qimage_to_pil, render_image

    imposition, dl = _impose_area(doc, area_id, sheet, options)
    if imposition.pages > 1:
        raise StudioError(
            f"{path}: {imposition.summary.items} copies need {imposition.pages} sheets of {imposition.sheet.name}, "
            "and a PNG holds one; ask for fewer copies, a roll, or a PDF."
        )
    page_dl = sheet_display_list(imposition, [dl] * len(imposition.placements), mirror=options.mirror)
    try:
        qimage = render_image(page_dl, dpi=dpi, transparent=transparent)
    except MemoryError as exc:
        raise StudioError(f"{path}: the sheet is too large to render at {dpi:g} dpi; lower the resolution.") from exc
    pil = qimage_to_pil(qimage, alpha=transparent)
    del qimage
    info = PngInfo()
    info.add_text("Title", doc.title or imposition.sheet.name)
    info.add_text("Software", "Studio")
    buf = io.BytesIO()
    pil.save(buf, "PNG", dpi=(dpi, dpi), icc_profile=srgb_icc_profile(), pnginfo=info)
    write_atomically(path, buf.getvalue(), "PNG")
    return imposition.summary
