"""Sheets: the papers, rolls and label-sheet products that items are printed on, and imposition.

Pure data and geometry (no Qt, no PDF): :func:`parse_sheet` turns what a person types after
``--sheet`` into a :class:`Paper` or :class:`LabelSheet`; :func:`impose` (or :func:`layout`)
says where each item goes; the exporters draw them (:mod:`studio.export.imposition`).
"""

from __future__ import annotations

from studio.sheets.catalog import (
    PAPERS,
    SheetError,
    find_label_sheet,
    label_sheets,
    papers,
    parse_sheet,
    search_label_sheets,
)
from studio.sheets.layout import Imposition, LayoutError, impose, layout
from studio.sheets.model import LabelShape, LabelSheet, LayoutSummary, Paper, Placement, Sheet

__all__ = [
    "PAPERS",
    "Imposition",
    "LabelShape",
    "LabelSheet",
    "LayoutError",
    "LayoutSummary",
    "Paper",
    "Placement",
    "Sheet",
    "SheetError",
    "find_label_sheet",
    "impose",
    "label_sheets",
    "layout",
    "papers",
    "parse_sheet",
    "search_label_sheets",
]
