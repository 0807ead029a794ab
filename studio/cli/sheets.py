"""``studio sheets list`` and ``studio export --sheet``: papers, label sheets and imposed print files."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from studio.model.errors import StudioError

if TYPE_CHECKING:
    from studio.render.scene import Document
    from studio.sheets import LabelSheet, Paper

OPTIONS_HELP = (
    "after a comma: margin=MM, gap=MM, landscape, no-rotate (papers), marks=items|edges (crop marks on each item "
    "or at the sheet's edges)"
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``studio sheets`` to the command line."""
    sheets = sub.add_parser("sheets", help="papers and label sheets that --sheet accepts", parents=[common])
    ssub = sheets.add_subparsers(title="sheets commands", metavar="ACTION")
    slist = ssub.add_parser("list", help="papers, rolls and label sheets by maker and part number", parents=[common])
    slist.add_argument("--json", action="store_true", help="machine-readable output")
    slist.add_argument("--search", metavar="TEXT", default="", help="only sheets whose names contain every word")
    slist.set_defaults(handler=cmd_sheets_list)


def _paper_dict(paper: Paper) -> dict[str, Any]:
    return {
        "name": paper.name,
        "kind": "roll" if paper.is_roll else "paper",
        "width_mm": paper.width,
        "height_mm": paper.height,
        "margin_mm": paper.margin,
        "gap_mm": paper.gap,
    }


def _label_dict(sheet: LabelSheet) -> dict[str, Any]:
    shape = sheet.shape
    return {
        "name": sheet.name,
        "maker": sheet.brand,
        "part": sheet.part,
        "aliases": [f"{sheet.brand} {a}" for a in sheet.aliases],
        "description": sheet.description,
        "paper": sheet.paper,
        "width_mm": sheet.width,
        "height_mm": sheet.height,
        "labels": len(sheet.positions),
        "shape": shape.kind,
        "label_width_mm": shape.width,
        "label_height_mm": shape.height,
        "corner_radius_mm": shape.corner_radius,
        "positions_mm": [list(p) for p in sheet.positions],
    }


def cmd_sheets_list(args: argparse.Namespace) -> int:
    from studio.sheets import papers, search_label_sheets

    words = [w.casefold() for w in args.search.split()]
    paper_list = [p for p in papers() if all(w in p.name.casefold() or w in ("paper", "roll") for w in words)]
    labels = search_label_sheets(args.search)
    if args.json:
        data = {
            "papers": [_paper_dict(p) for p in paper_list],
            "label_sheets": [_label_dict(s) for s in labels],
            "options": OPTIONS_HELP,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if paper_list:
        print("Papers (any WxHmm or WxHin works too):")
        for p in paper_list:
            size = f"roll {p.width:g} mm wide, as long as needed" if p.is_roll else f"{p.width:g} × {p.height:g} mm"
            print(f"  {p.name:<12} {size}")
    if labels:
        print(f"Label sheets ({len(labels)}):")
        for s in labels:
            shape = s.shape
            aliases = f" (also {', '.join(s.aliases)})" if s.aliases else ""
            paper = s.paper or f"{s.width:g} × {s.height:g} mm"
            print(f"  {s.name}{aliases}: {len(s.positions)} {shape.describe()} labels on {paper} — {s.description}")
    if not paper_list and not labels:
        print(f"studio: no paper or label sheet matches {args.search!r}.", file=sys.stderr)
        return 1
    print(f"Options {OPTIONS_HELP}.")
    return 0


def export_on_sheet(doc: Document, args: argparse.Namespace, area_id: str) -> None:
    """``studio export --format pdf|svg|png --sheet SHEET``: copies of one print area on a sheet."""
    from studio.cli import UsageError
    from studio.export.imposition import SheetOptions, export_sheet_pdf, export_sheet_png, export_sheet_svg
    from studio.sheets import SheetError, parse_sheet

    try:
        sheet = parse_sheet(args.sheet)
    except SheetError as error:
        raise UsageError(str(error)) from None
    copies = getattr(args, "copies", None)
    options = SheetOptions(
        bleed=args.bleed,
        marks=args.marks,
        cut_line=args.cut_line,
        cmyk=args.cmyk,
        mirror=args.mirror,
        copies=copies,
    )
    if args.format == "pdf":
        summary = export_sheet_pdf(doc, area_id, sheet, args.output, options=options)
    elif args.format == "svg":
        if args.cmyk:
            raise StudioError("--cmyk applies to PDF sheets; an SVG sheet is sRGB.")
        summary = export_sheet_svg(doc, area_id, sheet, args.output, options=options)
    else:
        if args.cmyk or args.marks or args.cut_line:
            raise StudioError("--cmyk, --marks and --cut-line apply to PDF sheets; a PNG sheet is the art alone.")
        summary = export_sheet_png(
            doc,
            area_id,
            sheet,
            args.output,
            options=options,
            dpi=300.0 if args.dpi is None else args.dpi,
            transparent=args.transparent,
        )
    print(f"{args.output}: {summary.describe()}")
