"""What every exporter shares: choosing the print area, and writing the file atomically."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studio.io.atomic import atomic_replace
from studio.model.errors import StudioError
from studio.render.display import SceneSource


def pick_area(doc: SceneSource, area: str | None) -> str:
    """``area``, checked against the document's print areas; the first area when None."""
    ids = doc.area_ids()
    if not ids:
        raise StudioError(f"{doc.title}: the document has no print area to export.")
    if area is None:
        return ids[0]
    if area not in ids:
        raise StudioError(f"{doc.title}: there is no print area {area!r}; choose one of {', '.join(ids)}.")
    return area


@contextmanager
def atomic_target(path: Path, kind: str) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` only if the block succeeds.

    A failed or interrupted export therefore leaves the previous file (if any) untouched and no
    partial file behind; a link at ``path`` keeps pointing to the new file, and a read-only file is
    refused (see :func:`studio.io.atomic.atomic_replace`). ``kind`` names the file in error
    messages ("PDF", "PNG"...).
    """
    path = Path(path)
    try:
        with atomic_replace(path, suffix=".part") as tmp:
            yield tmp
    except OSError as exc:
        raise StudioError(f"{path}: cannot write the {kind} file ({exc.strerror or exc}).") from exc


def write_atomically(path: Path, data: bytes, kind: str) -> None:
    """Write ``data`` to ``path`` through a synced temporary file and an atomic rename."""
    with atomic_target(path, kind) as tmp, open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
