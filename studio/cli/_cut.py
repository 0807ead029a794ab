"""``studio export --format cut``: the options it adds and the export itself."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from studio.cli._usage import UsageError, check_range, finite_number

if TYPE_CHECKING:
    from studio.render.scene import Document


def add_cut_options(export: argparse.ArgumentParser) -> None:
    """Add the cut file's options to the ``export`` parser."""
    export.add_argument(
        "--offset",
        type=finite_number,
        metavar="MM",
        help="cut: a contour around the artwork at MM millimetres (0 to 50) instead of the die line",
    )
    export.add_argument(
        "--perforate", action="store_true", help="cut: stroke in the spot colour PerfCutContour (perforation)"
    )


def export_cut_file(doc: Document, args: argparse.Namespace, area: str | None) -> None:
    """Write the cut file that ``args`` asks for (SVG, or DXF for a ``.dxf`` output)."""
    from studio.export.cut import CutOptions, export_cut

    check_range("--offset", args.offset, 0, 50, "mm")
    if args.perforate and args.output.suffix.lower() == ".dxf":
        raise UsageError("--perforate names an SVG spot colour; a DXF has none, write the cut file as .svg")
    options = CutOptions(
        area=area,
        offset=args.offset,
        mirror=args.mirror,
        spot="PerfCutContour" if args.perforate else "CutContour",
    )
    export_cut(doc, args.output, options=options)
