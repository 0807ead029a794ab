"""PNG export: one print area rendered at a resolution, tagged sRGB with its DPI."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ImageCms
from PIL.PngImagePlugin import PngInfo

from studio.export._files import pick_area, write_atomically
from studio.export.options import PngOptions
from studio.model.errors import StudioError
from studio.render.display import SceneSource
from studio.render.qt import qimage_to_pil, render_image

_DEFAULTS = PngOptions()

__all__ = ["export_png"]

_SRGB_ICC: bytes | None = None


def srgb_icc_profile() -> bytes:
    """An sRGB ICC profile (built by LittleCMS, so nothing has to ship with the program)."""
    global _SRGB_ICC
    if _SRGB_ICC is None:
        _SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _SRGB_ICC


PNG_COMPRESS_LEVEL = 1
"""zlib level of written PNGs (see docs/decisions/start-up.md for the figures)."""


def export_png(doc: SceneSource, path: Path, *, options: PngOptions = _DEFAULTS) -> Path:
    """Write one print area of ``doc`` as a PNG image.

    The image covers the trim box grown by the requested bleed, ``round(mm * dpi / 25.4)``
    pixels on each side; it stores its resolution (pHYs) and an sRGB ICC profile, and is RGBA
    when ``options.transparent`` is set, RGB on white otherwise.

    Parameters
    ----------
    doc
        The document to lay out.
    path
        The file to write (replaced atomically if it exists).
    options
        The area, resolution, background, bleed and mirroring.

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
    try:
        qimage = render_image(dl, dpi=options.dpi, transparent=options.transparent, mirror=options.mirror)
    except MemoryError as exc:
        raise StudioError(
            f"{path}: the image is too large to render at {options.dpi:g} dpi; lower the resolution."
        ) from exc
    pil = qimage_to_pil(qimage, alpha=options.transparent)
    del qimage
    info = PngInfo()
    if doc.title:
        info.add_text("Title", doc.title)
    info.add_text("Software", "Studio")
    buf = io.BytesIO()
    # zlib's fastest level: a 300-DPI label encodes 2.5 times faster than at the default (6)
    # for a file about a fifth larger (still smaller than Inkscape's), and PNG stays lossless.
    pil.save(
        buf,
        "PNG",
        dpi=(options.dpi, options.dpi),
        icc_profile=srgb_icc_profile(),
        pnginfo=info,
        compress_level=PNG_COMPRESS_LEVEL,
    )
    write_atomically(path, buf.getvalue(), "PNG")
    return path
