"""Running a batch job: check every row, then write pages, files or parts — nothing unless all is well.

A job is split into row ranges. Each range is checked and drawn by one worker (this process, a
local worker process, or a Dask worker) into a part: a PDF of its pages, or a folder of per-row
files, written in a staging area beside the output. The parts are joined into the output only when
no row stopped the job; otherwise the staging area is removed and nothing has been written.
Resource names come from content, so joining parts stores each shared image and outline once.
"""

from __future__ import annotations

import io
import math
import multiprocessing
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from studio.export._files import atomic_target
from studio.export.batch.binding import Binding, Problem, RowValues, bind
from studio.export.batch.rows import RowRenderer
from studio.export.pages import PagePlan, PdfPageWriter, SharedResources, single_item_page
from studio.io.data import DataTable, read_table
from studio.model.errors import StudioError
from studio.render.pdf import ColorConverter
from studio.render.scene import Document

__all__ = ["BatchOptions", "BatchResult", "run_batch"]

Format = Literal["pdf", "png", "svg"]
ROWS_PER_WORKER = 2500
"""Without --workers, one more worker process for each this many rows (up to one per core)."""
Progress = Callable[[int, int], None]
"""Called with (rows done, rows in the job) as the work goes on."""


@dataclass(frozen=True, kw_only=True)
class BatchOptions:
    """What a batch job makes (the command line's flags)."""

    format: Format = "pdf"
    per_row: str | None = None
    """A file name pattern (``{order}-{name}.pdf``): one file per row into the output folder."""
    marks: bool = False
    cut_line: bool = False
    cmyk: bool = False
    bleed: float | None = None
    dpi: float = 300.0
    mapping: dict[str, str] = field(default_factory=dict)
    data_sheet: str | None = None
    rows: tuple[int | None, int | None] | None = None
    """Records to make, by position in the data (first record = 1), both ends included."""
    workers: int | None = None
    """Local worker processes (None: one per core)."""
    scheduler: str | None = None
    """A Dask scheduler address (``tcp://host:8786``) to spread the work over."""
    split: int | None = None
    """Pages per part (the unit of work handed to a worker)."""
    strict: bool = False
    skip_bad_rows: bool = False
    dry_run: bool = False


@dataclass
class BatchResult:
    """What a job did: rows checked and written, pages made, the problems found."""

    rows: int = 0
    written: int = 0
    pages: int = 0
    files: list[Path] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stopped: bool = False
    """True when problems stopped the job before anything was written."""

    @property
    def exit_code(self) -> int:
        return 1 if self.stopped or self.skipped or any(p.severity == "error" for p in self.problems) else 0

    def as_dict(self) -> dict[str, object]:
        return {
            "status": "stopped" if self.stopped else ("partial" if self.skipped else "written"),
            "rows": self.rows,
            "written": self.written,
            "pages": self.pages,
            "files": [str(f) for f in self.files],
            "skipped_rows": self.skipped,
            "problems": [p.as_dict() for p in self.problems],
        }


# -- what a worker needs ------------------------------------------------------------------------


@dataclass(frozen=True)
class JobSpec:
    """Everything a worker needs to make any range of the job (picklable; paths or bytes)."""

    project: Path
    data: Path
    options: BatchOptions
    project_bytes: bytes | None = None
    data_bytes: bytes | None = None
    photos: dict[str, bytes] | None = None
    """Photo files by path relative to the data file, when the data's folder is not shared."""


class _Job:
    """A job opened in one process: document, data, binding and renderer."""

    def __init__(self, spec: JobSpec) -> None:
        from studio.export.document import open_document
        from studio.io.templates import TemplateLibrary

        self.spec = spec
        options = spec.options
        self.table: DataTable = read_table(spec.data, sheet=options.data_sheet)
        self.doc: Document = open_document(spec.project, library=TemplateLibrary.default())
        self.areas = self.doc.designed_area_ids() or self.doc.area_ids()
        content = {a: list(self.doc.design.areas[a].layers) for a in self.areas if a in self.doc.design.areas}
        self.binding: Binding = bind(
            content,
            self.doc.template,
            self.table.headers,
            mapping=options.mapping,
            data_dir=spec.data.resolve().parent,
        )
        bleed = options.bleed if options.format == "pdf" else (options.bleed or 0.0)
        self.cmyk = ColorConverter.fogra39() if options.cmyk and options.format == "pdf" else None
        self.resources = SharedResources()
        self.renderer = RowRenderer(
            self.doc, self.binding, self.areas, bleed=bleed, cmyk=self.cmyk, resources=self.resources
        )
        records = list(enumerate(self.table.rows, start=1))
        if options.rows is not None:
            start, end = options.rows
            records = [(i, r) for i, r in records if (start is None or i >= start) and (end is None or i <= end)]
        self.records = records

    def rows(self, start: int, end: int) -> Iterator[RowValues]:
        for index, record in self.records[start:end]:
            row = self.binding.row(record, index)
            if row.ok:
                self.renderer.check(row)
            yield row

    def blocking(self, row: RowValues) -> bool:
        strict = self.spec.options.strict
        return any(p.severity == "error" or (strict and p.severity == "warning") for p in row.problems)


@dataclass
class PartResult:
    problems: list[Problem]
    blocked: list[int]
    written: int
    pages: int
    names: list[str]
    """Per-row files written (names inside the part folder), in order."""
    pdf: bytes | None = None


def make_part(
    job: _Job, start: int, end: int, target: Path | None, progress: Callable[[int], None] | None = None
) -> PartResult:
    """Check (and, with a target, draw) the job's records ``start:end`` (list positions)."""
    options = job.spec.options
    result = PartResult([], [], 0, 0, [])
    writer: PdfPageWriter | None = None
    single_pdf = options.format == "pdf" and options.per_row is None
    with ExitStack() as stack:
        if target is not None and single_pdf:
            handle = stack.enter_context(open(target, "wb"))
            writer = PdfPageWriter(handle, resources=job.resources, cmyk=job.cmyk, title=job.doc.title)
        for row in job.rows(start, end):
            result.problems.extend(row.problems)
            if job.blocking(row):
                result.blocked.append(row.number)
            elif target is not None:
                result.written += 1
                if writer is not None:
                    for _ in range(row.copies):
                        for plan in _pages(job, row):
                            writer.add_page(plan)
                            result.pages += 1
                else:
                    result.names.extend(_row_files(job, row, target))
            if progress is not None:
                progress(1)
        if writer is not None:
            writer.close()
    return result


def _pages(job: _Job, row: RowValues) -> list[PagePlan]:
    options = job.spec.options
    return [single_item_page(art, marks=options.marks, cut_line=options.cut_line) for art in job.renderer.art(row)]


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def output_names(job: _Job, row: RowValues) -> list[str]:
    """The file names a row writes with ``--per-row`` (or as PNG/SVG), one per area."""
    options = job.spec.options
    pattern = options.per_row or "{#:04}"
    suffix = "." + options.format
    base = _UNSAFE.sub("_", row.fill(pattern)).strip().strip(".") or f"{row.index:04d}"
    if base.lower().endswith(suffix):
        base = base[: -len(suffix)]
    if len(job.areas) > 1 and options.format != "pdf":
        return [f"{base}-{area}{suffix}" for area in job.areas]
    return [base + suffix]


def _row_files(job: _Job, row: RowValues, folder: Path) -> list[str]:
    options = job.spec.options
    names = output_names(job, row)
    if options.format == "pdf":
        path = folder / names[0]
        with (
            open(path, "wb") as handle,
            PdfPageWriter(
                handle, resources=job.resources, cmyk=job.cmyk, title=f"{job.doc.title} {row.index}"
            ) as writer,
        ):
            for _ in range(row.copies):
                for plan in _pages(job, row):
                    writer.add_page(plan)
        return names
    scene = _RowScene(job, row)
    for area_id, name in zip(job.areas if len(names) > 1 else job.areas[:1], names, strict=True):
        if options.format == "png":
            from studio.export.options import PngOptions
            from studio.export.png import export_png

            export_png(
                scene, folder / name, options=PngOptions(area=area_id, dpi=options.dpi, bleed=options.bleed or 0.0)
            )
        else:
            from studio.export.options import SvgOptions
            from studio.export.svg import export_svg

            export_svg(
                scene,
                folder / name,
                options=SvgOptions(area=area_id, bleed=options.bleed or 0.0, cut_line=options.cut_line),
            )
    return names


class _RowScene:
    """A row as a :class:`~studio.render.display.SceneSource`, for the PNG and SVG exporters."""

    def __init__(self, job: _Job, row: RowValues) -> None:
        self.job = job
        self.row = row

    def area_ids(self) -> list[str]:
        return list(self.job.areas)

    def print_area(self, area_id: str):  # type: ignore[no-untyped-def]
        return self.job.doc.print_area(area_id)

    def scene(self, area_id: str, *, bleed: float | None = None):  # type: ignore[no-untyped-def]
        return self.job.renderer.display_list(self.row, area_id)

    @property
    def title(self) -> str:
        return self.job.doc.title


# -- local workers --------------------------------------------------------------------------------

_WORKER_JOB: _Job | None = None


def _worker_part(spec: JobSpec, start: int, end: int, target: str | None) -> PartResult:
    global _WORKER_JOB
    if _WORKER_JOB is None or _WORKER_JOB.spec != spec:
        _WORKER_JOB = _Job(spec)
    return make_part(_WORKER_JOB, start, end, Path(target) if target else None)


def _ranges(count: int, size: int) -> list[tuple[int, int]]:
    return [(i, min(count, i + size)) for i in range(0, count, size)]


def run_batch(
    project: Path,
    data: Path,
    out: Path,
    *,
    options: BatchOptions = BatchOptions(),
    progress: Progress | None = None,
) -> BatchResult:
    """Make a batch job: one page (or file) per row and print area, after checking every row.

    Raises
    ------
    StudioError
        For a project or data file that cannot be read, or an output that cannot be written.
    """
    global _WORKER_JOB
    spec = JobSpec(Path(project), Path(data), options)
    job = _Job(spec)
    _WORKER_JOB = job  # forked workers start with the job already open
    result = BatchResult(rows=len(job.records))
    result.problems.extend(job.binding.problems)
    if job.binding.problems:
        result.stopped = True
        return result
    count = len(job.records)
    if not count:
        what = "in the range --rows asks for" if options.rows is not None else "below its header row"
        result.problems.append(Problem("error", None, f"{data}: the data file has no rows {what}."))
        result.stopped = True
        return result
    per_file = options.per_row is not None or options.format != "pdf"
    if options.dry_run:
        part = make_part(job, 0, count, None, _counter(progress, count))
        result.problems.extend(part.problems)
        result.stopped = bool(part.blocked)
        result.skipped = part.blocked if options.skip_bad_rows else []
        return result

    made_folder = False
    if per_file:
        made_folder = not out.exists()
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".studio-batch-", dir=out))
    else:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".parts", dir=out.parent))
    try:
        parts = _make_parts(spec, job, count, staging, progress)
        for part in parts:
            result.problems.extend(part.problems)
            result.skipped.extend(part.blocked)
        if result.skipped and not options.skip_bad_rows:
            result.stopped = True
            result.skipped = []
            return result
        result.written = sum(p.written for p in parts)
        _check_unique_names(parts)
        if per_file:
            for index, part in enumerate(parts):
                for name in part.names:
                    target = out / name
                    os.replace(staging / str(index) / name, target)
                    result.files.append(target)
            result.pages = sum(p.pages for p in parts)
        else:
            with atomic_target(out, "PDF") as tmp, open(tmp, "wb") as handle:
                if len(parts) == 1 and (staging / "0.pdf").exists():
                    handle.close()
                    os.replace(staging / "0.pdf", tmp)
                    result.pages = parts[0].pages
                else:
                    writer = PdfPageWriter(handle, resources=SharedResources(), cmyk=job.cmyk, title=job.doc.title)
                    for index, part in enumerate(parts):
                        source = staging / f"{index}.pdf"
                        result.pages += writer.add_part(source if source.exists() else io.BytesIO(part.pdf or b""))
                    writer.close()
            result.files.append(out)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made_folder and not result.files:
            shutil.rmtree(out, ignore_errors=True)  # the folder this job made, and left empty


def _check_unique_names(parts: list[PartResult]) -> None:
    seen: set[str] = set()
    for part in parts:
        for name in part.names:
            if name in seen:
                raise StudioError(
                    f"two rows would write the same file {name!r}; make the --per-row pattern unique (add {{#}})."
                )
            seen.add(name)


def _counter(progress: Progress | None, total: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        progress(done[0], total)

    return step


def _make_parts(spec: JobSpec, job: _Job, count: int, staging: Path, progress: Progress | None) -> list[PartResult]:
    options = spec.options
    per_file = options.per_row is not None or options.format != "pdf"

    def target(index: int) -> Path:
        if per_file:
            folder = staging / str(index)
            folder.mkdir()
            return folder
        return staging / f"{index}.pdf"

    if options.scheduler:
        from studio.export.batch.cluster import run_on_cluster

        parts: list[PartResult] = run_on_cluster(spec, job, count, staging, per_file, progress)
        return parts
    # Below a few thousand rows one process is faster: forking, and joining the parts, cost more
    # than the rows (measured in benchmarks/batch_bench.py). --workers N asks for N regardless.
    workers = options.workers or min(os.cpu_count() or 1, max(1, count // ROWS_PER_WORKER))
    size = options.split or max(50, math.ceil(count / (workers * 4)))
    ranges = _ranges(count, size) or [(0, 0)]
    workers = min(workers, len(ranges))
    if workers <= 1:
        step = _counter(progress, count)
        if options.split is None:
            return [make_part(job, 0, count, target(0), step)]
        return [make_part(job, a, b, target(i), step) for i, (a, b) in enumerate(ranges)]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    results: list[PartResult] = []
    done = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_worker_part, spec, a, b, str(target(i))) for i, (a, b) in enumerate(ranges)]
        for (a, b), future in zip(ranges, futures, strict=True):
            results.append(future.result())
            done += b - a
            if progress is not None:
                progress(done, count)
    return results
