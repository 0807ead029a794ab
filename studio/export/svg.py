"""SVG export: one print area as an SVG document in millimetres."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from studio.export.options import SvgOptions
from studio.model.errors import StudioError
from studio.render.display import SceneSource
from studio.render.svg import svg_document

_DEFAULTS = SvgOptions()

__all__ = ["export_svg"]


def export_svg(doc: SceneSource, path: Path, *, options: SvgOptions = _DEFAULTS) -> Path:
    """Write one print area of ``doc`` as an SVG file.

    Parameters
    ----------
    doc
        The document to lay out.
    path
        The file to write (replaced atomically if it exists).
    options
        The area, bleed, mirroring and cut line.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    StudioError
        If the document has no such print area, or the file cannot be written.
    """
    area_id = _area_id(doc, options.area)
    dl = doc.scene(area_id, bleed=options.bleed)
    text = svg_document(dl, mirror=options.mirror, cut_line=options.cut_line, title=doc.title or None)
    _write_atomically(path, text.encode("utf-8"))
    return path


def _area_id(doc: SceneSource, area: str | None) -> str:
    ids = doc.area_ids()
    if not ids:
        raise StudioError(f"{doc.title}: the document has no print area to export.")
    if area is None:
        return ids[0]
    if area not in ids:
        raise StudioError(f"{doc.title}: there is no print area {area!r}; choose one of {', '.join(ids)}.")
    return area


def _write_atomically(path: Path, data: bytes) -> None:
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StudioError(f"{path}: cannot write the SVG file ({exc.strerror or exc}).") from exc
