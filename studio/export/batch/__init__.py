"""Batch personalisation: a design filled from each row of a spreadsheet of orders.

:func:`run_batch` checks every row (:mod:`.binding` maps the columns to the design's fields,
:mod:`.rows` lays out what a row changes and checks it will print), then writes one PDF of pages
through the page plan (:mod:`studio.export.pages`), or a file per row, using local worker
processes or a Dask cluster for large jobs (:mod:`.run`, :mod:`.cluster`).
"""

from __future__ import annotations

from studio.export.batch.binding import Binding, Problem, RowValues, bind, fill, placeholders
from studio.export.batch.run import BatchOptions, BatchResult, run_batch

__all__ = [
    "BatchOptions",
    "BatchResult",
    "Binding",
    "Problem",
    "RowValues",
    "bind",
    "fill",
    "placeholders",
    "run_batch",
]
