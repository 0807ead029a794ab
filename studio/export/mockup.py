"""Mockup export: one view of the product with the design on it, or a contact sheet, as an image."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from studio.export._files import write_atomically
from studio.export.png import srgb_icc_profile
from studio.model.template import localize
from studio.render.mockup import MockupRenderer, contact_sheet
from studio.render.scene import Document

__all__ = ["MockupOptions", "export_mockup"]


@dataclass(frozen=True, kw_only=True)
class MockupOptions:
    """What a mockup export shows and how large it is."""

    view: str | None = None
    """The view to show; None: the template's first view. Ignored for a sheet (it shows them all)."""
    size: int = 1200
    """Longer side of the image in pixels (of each cell for a sheet)."""
    angle: float = 0.0
    """Degrees the product is turned about its axis (jars, bottles, mugs); 180 shows the back."""
    background: str | None = "#FFFFFF"
    """``#RRGGBB`` behind the product; None for a transparent PNG (a JPEG then gets white)."""
    sheet: bool = False
    """Write a contact sheet: every view in every colourway, captioned."""
    colorways: Mapping[str, tuple[str, ...]] | None = None
    """Sheet rows: option id to choice ids, or part id to colours; None varies every colour option."""
    lang: str = "en"
    """Language of a sheet's captions."""


_DEFAULTS = MockupOptions()


def export_mockup(doc: Document, path: Path, *, options: MockupOptions = _DEFAULTS) -> Path:
    """Write a mockup image of ``doc``.

    The format follows the suffix: ``.jpg``/``.jpeg`` writes a JPEG (quality 92, on white when no
    background is given), anything else a PNG. Both carry an sRGB ICC profile.

    Parameters
    ----------
    doc
        The design to show.
    path
        The file to write (replaced atomically if it exists).
    options
        View, size, angle, background, or a contact sheet and its colourways.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    StudioError
        For an unknown view, option or choice, unreadable assets, or a file that cannot be written.
    """
    path = Path(path)
    template = doc.template
    renderer = MockupRenderer(template)
    if options.sheet:
        image = contact_sheet(
            doc,
            size=options.size,
            angle=options.angle,
            colorways=options.colorways,
            background=options.background,
            renderer=renderer,
            lang=options.lang,
        )
        what = "contact sheet"
    else:
        view_id = options.view if options.view is not None else template.views[0].id
        image = renderer.render(doc, view_id, size=options.size, angle=options.angle, background=options.background)
        what = localize(template.view(view_id).name, options.lang)
    jpeg = path.suffix.lower() in (".jpg", ".jpeg")
    buf = io.BytesIO()
    if jpeg:
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image.save(buf, "JPEG", quality=92, optimize=True, icc_profile=srgb_icc_profile())
    else:
        info = PngInfo()
        info.add_text("Title", f"{doc.title} — {what}")
        info.add_text("Software", "Studio")
        image.save(buf, "PNG", icc_profile=srgb_icc_profile(), pnginfo=info)
    write_atomically(path, buf.getvalue(), "mockup image")
    return path
