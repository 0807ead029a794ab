"""The small picture stored in a project file, shown by file browsers and the start screen."""

from __future__ import annotations

import io

from studio.render.qt import qimage_to_pil, render_image
from studio.render.scene import Document


def thumbnail_png(doc: Document, *, max_side: int = 512) -> bytes | None:
    """A PNG of the first print area that carries a design (or the product's own thumbnail).

    Returns None when there is nothing to show.
    """
    designed = doc.designed_area_ids()
    if designed:
        area = doc.print_area(designed[0])
        dpi = max_side / max(area.width, area.height) * 25.4
        image = qimage_to_pil(render_image(doc.scene(area.id, bleed=0.0), dpi=dpi))
        buf = io.BytesIO()
        image.save(buf, "PNG", optimize=True)
        return buf.getvalue()
    folder = doc.template.folder
    if folder is not None and (folder / "thumbnail.png").is_file():
        return (folder / "thumbnail.png").read_bytes()
    return None
