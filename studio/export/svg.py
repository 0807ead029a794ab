"""SVG export: one print area as an SVG document in millimetres."""

from __future__ import annotations

from pathlib import Path

from studio.export._files import pick_area, write_atomically
from studio.export.options import SvgOptions
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
    area_id = pick_area(doc, options.area)
    dl = doc.scene(area_id, bleed=options.bleed)
    text = svg_document(dl, mirror=options.mirror, cut_line=options.cut_line, title=doc.title or None)
    write_atomically(path, text.encode("utf-8"), "SVG")
    return path
