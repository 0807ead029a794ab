"""Spreading a batch job over a Dask distributed cluster (the optional ``cluster`` extra).

No shared disk is assumed: the project (with the files a ``design.json`` refers to), the data file
and the photos its rows name travel with the job, once per worker (``scatter(broadcast=True)``).
Each task makes one row range into a part in a private folder on its worker and sends the part's
bytes back; the caller joins the parts as it joins local ones.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from studio.model.errors import StudioError

if TYPE_CHECKING:
    from studio.export.batch.run import JobSpec, PartResult, _Job

__all__ = ["run_on_cluster"]

CONNECT_TIMEOUT = "20s"


def _relative(value: str) -> str | None:
    """``value`` as a safe relative POSIX path (no absolute path, no ``..``), or None."""
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or not path.parts or ".." in path.parts:
        return None
    return str(path)


def _payload(spec: JobSpec, job: _Job) -> JobSpec:
    """The job with its files as bytes, so that workers need none of this machine's disk."""
    project_files: dict[str, bytes] = {}
    if spec.project.suffix.lower() != ".studio":
        folder = spec.project.resolve().parent
        for ref in sorted(job.doc.design.assets()):
            rel = _relative(ref)
            if rel is not None and (folder / rel).is_file():
                project_files[rel] = (folder / rel).read_bytes()
    photos: dict[str, bytes] = {}
    data_dir = spec.data.resolve().parent
    fields = set(job.binding.image_layers.values())
    for _, record in job.records:
        for name in fields:
            column = job.binding.columns.get(name)
            value = record.values.get(column or "", "").strip()
            rel = _relative(value) if value else None
            if rel is not None and rel not in photos and (data_dir / rel).is_file():
                photos[rel] = (data_dir / rel).read_bytes()
    options = replace(spec.options, scheduler=None, workers=1, split=None)
    return replace(
        spec,
        options=options,
        project_bytes=spec.project.read_bytes(),
        data_bytes=spec.data.read_bytes(),
        photos={**{f"project/{k}": v for k, v in project_files.items()}, **{f"data/{k}": v for k, v in photos.items()}},
    )


def _remote_part(payload: JobSpec, start: int, end: int) -> tuple[PartResult, dict[str, bytes]]:
    """Run on a worker: lay the job's files out in a private folder, make the part, return its bytes."""
    from studio.export.batch.run import _Job, make_part

    with tempfile.TemporaryDirectory(prefix="studio-batch-") as tmp:
        root = Path(tmp)
        project = root / "project" / payload.project.name
        data = root / "data" / payload.data.name
        project.parent.mkdir()
        data.parent.mkdir()
        project.write_bytes(payload.project_bytes or b"")
        data.write_bytes(payload.data_bytes or b"")
        for rel, content in (payload.photos or {}).items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        job = _Job(replace(payload, project=project, data=data, project_bytes=None, data_bytes=None, photos=None))
        per_file = payload.options.per_row is not None or payload.options.format != "pdf"
        out = root / "part"
        if per_file:
            out.mkdir()
        else:
            out = root / "part.pdf"
        result = make_part(job, start, end, out)
        files: dict[str, bytes] = {}
        if per_file:
            files = {name: (out / name).read_bytes() for name in result.names}
        elif out.exists():
            result.pdf = out.read_bytes()
        return result, files


def run_on_cluster(
    spec: JobSpec,
    job: _Job,
    count: int,
    staging: Path,
    per_file: bool,
    progress: Callable[[int, int], None] | None,
) -> list[PartResult]:
    """Make the job's parts on the Dask cluster at ``spec.options.scheduler``; parts land in ``staging``."""
    try:
        from distributed import Client
    except ImportError:
        raise StudioError(
            "--scheduler needs Dask's distributed scheduler; install it with pip install 'studio[cluster]'."
        ) from None
    options = spec.options
    address = options.scheduler or ""
    payload = _payload(spec, job)
    size = options.split or max(50, -(-count // 16))
    ranges = [(a, min(count, a + size)) for a in range(0, count, size)] or [(0, 0)]
    try:
        client: Any = Client(address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise StudioError(f"{address}: cannot reach the Dask scheduler ({error}).") from None
    results: list[PartResult] = []
    try:
        shared = client.scatter(payload, broadcast=True)
        futures = [client.submit(_remote_part, shared, a, b, pure=False) for a, b in ranges]
        done = 0
        for index, ((a, b), future) in enumerate(zip(ranges, futures, strict=True)):
            part, files = future.result()
            if per_file:
                folder = staging / str(index)
                folder.mkdir()
                for name, content in files.items():
                    (folder / name).write_bytes(content)
            elif part.pdf is not None:
                (staging / f"{index}.pdf").write_bytes(part.pdf)
                part.pdf = None
            results.append(part)
            done += b - a
            if progress is not None:
                progress(done, count)
    finally:
        client.close()
    return results
