"""The print PDF: one page per print area, with bleed, boxes, marks, cut line and PDF/X-4.

A page is the print area's trim grown by its bleed (the BleedBox); the TrimBox is the finished size.
With crop marks the MediaBox grows by a slug that holds them, outside the bleed box, so that no mark
is ever printed on the product. The page content is clipped to the bleed box.

An sRGB file is what on-demand printers ask for. With ``cmyk`` every colour is converted through the
bundled FOGRA39 profile (CMYK overrides are kept exactly) and the file is marked PDF/X-4 with that
profile as its OutputIntent, which is what offset and most commercial presses accept as it is.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path as FsPath

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from studio import __version__
from studio.export._files import atomic_target
from studio.export._pdfx import add_metadata, add_output_intent
from studio.export._print import CUT_CONTOUR, HAIRLINE_PT, MARK_GAP, MARK_LENGTH, SLUG_MARGIN, _creation_time
from studio.export.options import PdfOptions
from studio.model.errors import StudioError
from studio.model.geometry import PT_PER_MM, Affine, Path, Rect
from studio.model.template import PrintArea
from studio.render.display import DisplayList, SceneSource
from studio.render.pdf import (
    ColorConverter,
    PdfResources,
    draw_display_list,
    finish_pdf,
    format_number,
    path_operators,
)

__all__ = ["CUT_CONTOUR", "export_pdf"]

_DEFAULT_OPTIONS = PdfOptions()


@dataclass(frozen=True, slots=True)
class _PageBoxes:
    media: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]
    trim: tuple[float, float, float, float]


def export_pdf(doc: SceneSource, path: FsPath, *, options: PdfOptions = _DEFAULT_OPTIONS) -> FsPath:
    """Write a print-ready PDF of ``doc``, one page per print area.

    Parameters
    ----------
    doc
        The document to lay out (a :class:`studio.render.display.SceneSource`).
    path
        Where to write; the file is replaced atomically once complete.
    options
        Bleed, crop marks, cut line, CMYK/PDF-X, mirroring and which print areas to write.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    StudioError
        If an area asked for does not exist or the file cannot be written.
    """
    path = FsPath(path)
    area_ids = _area_ids(doc, options)
    converter = ColorConverter.fogra39() if options.cmyk else None
    resources = PdfResources()

    buffer = io.BytesIO()
    # invariant: no time stamp or random id from reportlab (the final /ID comes from the content);
    # pageCompression off: pikepdf compresses once, after the pages have been completed.
    canvas = Canvas(buffer, invariant=1, pageCompression=0)
    boxes: list[_PageBoxes] = []
    for area_id in area_ids:
        area = doc.print_area(area_id)
        dl = doc.scene(area_id, bleed=options.bleed)
        boxes.append(_draw_page(canvas, area, dl, options, converter, resources))
        canvas.showPage()
    canvas.save()

    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        finish_pdf(pdf, resources, cmyk=converter)
        for page, box in zip(pdf.pages, boxes, strict=True):
            _set_boxes(page.obj, box, cmyk=converter is not None)
        created = _creation_time()
        add_metadata(
            pdf,
            title=doc.title,
            created=created,
            creator=f"Studio {__version__}",
            pdfx=converter is not None,
            document_id=_document_id(pdf, doc.title, created),
        )
        if converter is not None:
            add_output_intent(pdf, converter)
        _save(pdf, path, pdfx=converter is not None)
    return path


def _area_ids(doc: SceneSource, options: PdfOptions) -> list[str]:
    known = doc.area_ids()
    if options.areas is None:
        return known
    for area_id in options.areas:
        if area_id not in known:
            raise StudioError(
                f"{doc.title!r} has no print area {area_id!r}; its print areas are {', '.join(known) or 'none'}."
            )
    return list(options.areas)


def _draw_page(
    canvas: Canvas,
    area: PrintArea,
    dl: DisplayList,
    options: PdfOptions,
    converter: ColorConverter | None,
    resources: PdfResources,
) -> _PageBoxes:
    k = PT_PER_MM
    bleed_rect = dl.page
    slug = MARK_GAP + MARK_LENGTH + SLUG_MARGIN if options.marks else 0.0
    media = bleed_rect.inflated(slug)
    width_pt, height_pt = media.width * k, media.height * k
    canvas.setPageSize((width_pt, height_pt))
    # Area millimetres (y down) to page points (y up, origin at the MediaBox's bottom-left).
    to_page = Affine(k, 0.0, 0.0, -k, -media.x * k, media.bottom * k)

    ops = ["q"]
    if options.mirror:
        # Mirrored about the page's vertical centre line, which is also the trim's: boxes stay put.
        ops.append(f"-1 0 0 1 {format_number(width_pt)} 0 cm")
    ops.append(_cm(to_page))
    ops.append(f"q {path_operators(_rect_path(bleed_rect))} W n")
    canvas.addLiteral("\n".join(ops))
    draw_display_list(canvas, dl, cmyk=converter, image_cache=resources)
    tail = ["Q"]
    if options.cut_line:
        tail.append(_cut_line_ops(dl, area, resources, converter))
    tail.append("Q")
    if options.marks:
        tail.append(_crop_mark_ops(dl.trim, bleed_rect, to_page, resources))
    canvas.addLiteral("\n".join(tail))

    def box(r: Rect) -> tuple[float, float, float, float]:
        return (
            (r.left - media.x) * k,
            (media.bottom - r.bottom) * k,
            (r.right - media.x) * k,
            (media.bottom - r.top) * k,
        )

    return _PageBoxes(media=(0.0, 0.0, width_pt, height_pt), bleed=box(bleed_rect), trim=box(dl.trim))


def _cm(m: Affine) -> str:
    return " ".join(format_number(v) for v in m.as_tuple()) + " cm"


def _rect_path(r: Rect) -> Path:
    return Path.rectangle(r.x, r.y, r.width, r.height)


def _cut_line_ops(dl: DisplayList, area: PrintArea, resources: PdfResources, converter: ColorConverter | None) -> str:
    """The die line as a hairline in the ``CutContour`` spot colour, overprinting.

    Overprint keeps the line from knocking a white gap out of the art below when a RIP prints the
    file without the cut plate; 100 % magenta is the alternate that every cutter workflow expects.
    """
    die_line = dl.die_line if dl.die_line is not None else area.outline()
    space = resources.separation(CUT_CONTOUR, (0.0, 1.0, 0.0, 0.0))
    gstate = resources.gstate(1.0, overprint=True)
    width = format_number(HAIRLINE_PT / PT_PER_MM)
    return f"q /{gstate} gs /{space} CS 1 SCN {width} w 1 j 1 J {path_operators(die_line)} S Q"


def _crop_mark_ops(trim: Rect, bleed: Rect, to_page: Affine, resources: PdfResources) -> str:
    """Crop marks at the four trim corners, beyond the bleed box, in the registration colour.

    Registration (the ``All`` separation) prints on every plate, so the marks show on each one and
    the sheets can be trimmed and registered whatever inks the job uses.
    """
    space = resources.separation("All", (1.0, 1.0, 1.0, 1.0))
    parts = ["q", _cm(to_page), f"/{space} CS 1 SCN {format_number(HAIRLINE_PT / PT_PER_MM)} w 0 J"]
    gap_x, gap_y = trim.left - bleed.left + MARK_GAP, trim.top - bleed.top + MARK_GAP
    gap_x2, gap_y2 = bleed.right - trim.right + MARK_GAP, bleed.bottom - trim.bottom + MARK_GAP
    n = format_number
    for x, sx, dx in ((trim.left, -1.0, gap_x), (trim.right, 1.0, gap_x2)):
        for y, sy, dy in ((trim.top, -1.0, gap_y), (trim.bottom, 1.0, gap_y2)):
            parts.append(f"{n(x + sx * dx)} {n(y)} m {n(x + sx * (dx + MARK_LENGTH))} {n(y)} l")
            parts.append(f"{n(x)} {n(y + sy * dy)} m {n(x)} {n(y + sy * (dy + MARK_LENGTH))} l")
    parts.append("S Q")
    return "\n".join(parts)


def _set_boxes(page: pikepdf.Dictionary, boxes: _PageBoxes, *, cmyk: bool) -> None:
    page.MediaBox = _box(boxes.media)
    page.CropBox = _box(boxes.media)
    page.BleedBox = _box(boxes.bleed)
    page.TrimBox = _box(boxes.trim)
    if "/Trans" in page:
        del page["/Trans"]  # reportlab's empty page transition dictionary
    if cmyk:
        # The blending space of the page's transparency is the press's, not the screen's.
        page.Group = pikepdf.Dictionary(
            Type=pikepdf.Name.Group, S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceCMYK
        )


def _box(values: tuple[float, float, float, float]) -> pikepdf.Array:
    # Four decimals of a point are far below what any RIP resolves, and keep the file stable.
    return pikepdf.Array([round(v, 4) for v in values])


def _document_id(pdf: pikepdf.Pdf, title: str, created: datetime) -> str:
    digest = hashlib.sha256(f"{title}\0{created.isoformat()}".encode())
    for page in pdf.pages:
        digest.update(page.obj.Contents.read_raw_bytes())
    return str(uuid.UUID(bytes=digest.digest()[:16], version=4))


def _save(pdf: pikepdf.Pdf, path: FsPath, *, pdfx: bool) -> None:
    version: dict[str, str] = {"force_version": "1.6"} if pdfx else {}
    with atomic_target(path, "PDF") as tmp:
        pdf.save(
            tmp,
            compress_streams=True,
            deterministic_id=True,
            # Our XMP states no pdf:PDFVersion, so pikepdf's fix would only parse it (with lxml).
            fix_metadata_version=False,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            # PDF/X-4 is defined on PDF 1.6; transparency needs at least 1.4.
            min_version="1.4",
            **version,  # type: ignore[arg-type]
        )
