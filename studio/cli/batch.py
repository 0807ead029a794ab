"""``studio batch``: a design filled from each row of a spreadsheet, checked first, then written."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TextIO

from studio.model.errors import StudioError

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Register ``studio batch`` on the command line's subcommands."""
    p = sub.add_parser(
        "batch",
        help="one page or file per row of a spreadsheet (CSV, TSV, XLSX, ODS)",
        parents=[common],
        description="Fill the design's fields from each row of DATA, check every row, then write OUT.",
    )
    p.add_argument("project", type=Path, metavar="PROJECT")
    p.add_argument("data", type=Path, metavar="DATA")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    p.add_argument("--format", choices=("pdf", "png", "svg"), default="pdf")
    p.add_argument("--per-row", metavar="PATTERN", help="one file per row into the folder OUT, named by PATTERN")
    p.add_argument("--marks", action="store_true", help="PDF: crop marks outside the bleed")
    p.add_argument("--cut-line", action="store_true", help="stroke the die line in the spot colour CutContour")
    p.add_argument("--cmyk", action="store_true", help="PDF: CMYK through the FOGRA39 profile, PDF/X-4")
    p.add_argument("--bleed", type=float, metavar="MM", help="bleed in mm (PDF default: the template's)")
    p.add_argument("--dpi", type=float, default=300.0, help="PNG resolution (default 300)")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN", help="the column a field reads")
    p.add_argument("--data-sheet", metavar="NAME", help="the workbook sheet to read (default the first)")
    p.add_argument("--rows", metavar="START:END", help="only these records (1 = the first below the header)")
    p.add_argument(
        "--workers", type=int, metavar="N", help="worker processes (default: one per 2,500 rows, up to one per core)"
    )
    p.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler, tcp://HOST:PORT")
    p.add_argument("--split", type=int, metavar="PAGES", help="rows per part handed to a worker")
    p.add_argument("--strict", action="store_true", help="stop on warnings too")
    p.add_argument("--skip-bad-rows", action="store_true", help="write the good rows, list the others")
    p.add_argument("--report", type=Path, metavar="REPORT.json", help="write the report as JSON")
    p.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    p.add_argument("--force", action="store_true", help="replace OUT even if it is not an earlier export")
    p.set_defaults(handler=_cmd_batch)


def _rows(text: str | None) -> tuple[int | None, int | None] | None:
    from studio.cli import UsageError

    if text is None:
        return None
    start, sep, end = text.partition(":")
    try:
        a = int(start) if start.strip() else None
        b = int(end) if end.strip() else None
    except ValueError:
        a = b = -1
    if not sep or (a is not None and a < 1) or (b is not None and b < 1) or (a and b and b < a):
        raise UsageError(f"--rows expects START:END with 1 <= START <= END (either may be left out), got {text!r}")
    return (a, b)


def _mapping(items: list[str]) -> dict[str, str]:
    from studio.cli import UsageError

    out: dict[str, str] = {}
    for item in items:
        name, sep, column = item.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise UsageError(f"--map expects FIELD=COLUMN, got {item!r}")
        out[name.strip()] = column.strip()
    return out


def _cmd_batch(args: argparse.Namespace) -> int:
    from studio.cli import UsageError
    from studio.export.batch import BatchOptions, run_batch
    from studio.io.data import DATA_SUFFIXES

    if args.data.suffix.lower() not in DATA_SUFFIXES:
        raise UsageError(f"{args.data}: the data file should be one of {', '.join(DATA_SUFFIXES)}")
    if args.bleed is not None and not 0 <= args.bleed <= 50:
        raise UsageError("--bleed must be between 0 and 50 mm")
    if not 10 <= args.dpi <= 2400:
        raise UsageError("--dpi must be between 10 and 2400")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.split is not None and args.split < 1:
        raise UsageError("--split must be at least 1")
    if args.scheduler is not None and not args.scheduler.startswith(
        ("tcp://", "tls://", "inproc://", "ws://", "wss://")
    ):
        raise UsageError(f"--scheduler expects an address like tcp://HOST:8786, got {args.scheduler!r}")
    per_file = args.per_row is not None or args.format != "pdf"
    if args.format != "pdf" and (args.marks or args.cmyk):
        raise UsageError("--marks and --cmyk apply to PDF output only")
    out: Path = args.output
    if per_file:
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out}: is a file; with --per-row or --format {args.format}, OUT is a folder")
        if not out.parent.is_dir() and str(out.parent):
            raise StudioError(f"{out}: the folder {out.parent} does not exist.")
    else:
        from studio.cli._output import check_export_output

        if out.is_dir():
            raise UsageError(f"{out}: is a folder; give a file name (or use --per-row for one file per row)")
        # The rules of studio export: never an input, never a file that is not an earlier export
        # unless --force.
        check_export_output(out, "pdf", project=args.project, assets=(args.data,), force=args.force)
    options = BatchOptions(
        format=args.format,
        per_row=args.per_row,
        marks=args.marks,
        cut_line=args.cut_line,
        cmyk=args.cmyk,
        bleed=args.bleed,
        dpi=args.dpi,
        mapping=_mapping(args.map),
        data_sheet=args.data_sheet,
        rows=_rows(args.rows),
        workers=args.workers,
        scheduler=args.scheduler,
        split=args.split,
        strict=args.strict,
        skip_bad_rows=args.skip_bad_rows,
        dry_run=args.dry_run,
    )
    bar = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    result = run_batch(args.project, args.data, out, options=options, progress=bar)
    if bar is not None:
        bar.finish()
    for problem in result.problems:
        print(f"{args.data}: {problem}", file=sys.stderr)
    if args.report is not None:
        report = {"project": str(args.project), "data": str(args.data), "output": str(out), **result.as_dict()}
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    errors = sum(1 for p in result.problems if p.severity == "error")
    warnings = len(result.problems) - errors
    if result.stopped:
        what = "checked; nothing was written" if not options.dry_run else "checked"
        print(
            f"{args.data}: {result.rows} rows {what}: {errors} error(s), {warnings} warning(s)"
            + ("" if options.dry_run else "; fix them, or use --skip-bad-rows to write the other rows")
            + ".",
            file=sys.stderr,
        )
        return 1
    if options.dry_run:
        print(f"{args.data}: {result.rows} rows checked, {warnings} warning(s), nothing written.", file=sys.stderr)
        return result.exit_code
    if result.skipped:
        rows = ", ".join(str(n) for n in result.skipped)
        print(f"{args.data}: skipped row(s) {rows}; {result.written} rows written.", file=sys.stderr)
    if sys.stdout.isatty():
        print(f"{out}: {result.written} rows, {result.pages} pages written.")
    return result.exit_code


class _ProgressBar:
    """Rows done, rate and time left, redrawn in place on a terminal (at most ten times a second)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate > 0 else 0.0
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} rows  {rate:,.0f} rows/s  {left:,.0f} s left ")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
