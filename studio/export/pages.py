"""The page plan, and the PDF writer that streams it to a file.

Multi-page exports (batch runs, imposed sheets, proofs) describe their output as pages of placed
items: a :class:`PagePlan` is a sheet of paper (its size, boxes and marks) holding
:class:`PlacedItem` s, each an :class:`ItemArt` (a print area's drawing for one data row, as PDF
content in the area's millimetres) put somewhere on the page, possibly turned.

:class:`PdfPageWriter` writes pages one at a time straight into the file and keeps only object
numbers in memory, so a 100,000-page job uses the memory of a 1,000-page one. Everything pages
share is written once, the first time a page uses it, and referred to by name afterwards:
images (JPEGs byte for byte), SVG art, glyph outlines and the parts of a design that no data row
changes (as Form XObjects), graphics states, spot colours and the invisible font that carries the
searchable text. Resource names are derived from content (:class:`SharedResources`), so pages made
in other processes refer to the same objects by the same names and parts can be joined without
storing anything twice (:meth:`PdfPageWriter.add_part`).
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path as FsPath
from types import TracebackType
from typing import Any, BinaryIO

import pikepdf

from studio import __version__
from studio.export._pdfx import add_metadata, add_output_intent
from studio.export._print import CUT_CONTOUR, HAIRLINE_PT, MARK_GAP, MARK_LENGTH, SLUG_MARGIN, _creation_time
from studio.model.geometry import PT_PER_MM, Affine, Path, Rect
from studio.render.pdf import ColorConverter, PdfResources, _Embedder, format_number, path_operators

__all__ = [
    "ItemArt",
    "PagePlan",
    "PdfPageWriter",
    "PlacedItem",
    "SharedResources",
    "single_item_page",
]

_n = format_number

# Every resource name content may refer to: PdfResources' kinds plus the writer's own (glyph
# forms, forms of row-independent art, the invisible-text font).
_NAME = re.compile(rb"/(S(?:Im|Sv|Fm|Gs|Cs|Gl|Ar|Tx)\d+)(?![A-Za-z0-9])")
_CATEGORY = {
    "Im": "/XObject",
    "Sv": "/XObject",
    "Fm": "/XObject",
    "Gl": "/XObject",
    "Ar": "/XObject",
    "Gs": "/ExtGState",
    "Cs": "/ColorSpace",
    "Tx": "/Font",
}
TEXT_FONT = "STx1"
"""Resource name of the invisible font that carries the searchable text of every page."""


def stable_number(key: object) -> int:
    """A number derived from ``key`` alone: the same in every process and on every run."""
    return int.from_bytes(hashlib.sha256(repr(key).encode("utf-8")).digest()[:6], "big")


class SharedResources(PdfResources):
    """:class:`PdfResources` whose names come from what they name, not from the order of first use.

    Two processes that draw the same image, colour or art give it the same name, which is what
    lets the pages they wrote be joined into one file that stores it once.
    Also records the writer's own objects: glyph outlines and forms of row-independent art.
    """

    def __init__(self) -> None:
        super().__init__()
        self.extra: dict[str, tuple[bytes, tuple[float, float, float, float]]] = {}
        self._plain: dict[object, str] = {}

    def _name(self, prefix: str, key: object, spec: object) -> str:
        name = self._names.get(key)
        if name is None:
            name = f"S{prefix}{stable_number(key)}"
            self._names[key] = name
            self._specs[name] = spec
            self._counts[prefix] = self._counts.get(prefix, 0) + 1
        return name

    def plain_form(
        self,
        prefix: str,
        key: object,
        make: Callable[[], tuple[bytes, tuple[float, float, float, float]]],
    ) -> str:
        """The name of a Form XObject (no transparency group); ``make`` gives its content and bounding
        box the first time ``key`` is seen. ``prefix`` is ``Gl`` (a glyph) or ``Ar`` (art)."""
        name = self._plain.get(key)
        if name is None:
            name = self._plain[key] = f"S{prefix}{stable_number(key)}"
            self.extra[name] = make()
        return name


@dataclass(frozen=True, slots=True)
class ItemArt:
    """One print area drawn for one record: PDF operators in the area's millimetres (y down)."""

    content: bytes
    page: Rect
    """The rectangle the art covers: the trim grown by the bleed."""
    trim: Rect
    die_line: Path
    text: bytes = b""
    """Invisible-text operators (same coordinates), kept apart so they are drawn outside any clip."""


@dataclass(frozen=True, slots=True)
class PlacedItem:
    """An item on a page: ``transform`` maps the art's area millimetres to the page's (y down)."""

    art: ItemArt
    transform: Affine = field(default_factory=Affine)
    clip: bool = True
    """Clip the art to its bleed rectangle (what a print file does)."""
    cut_line: bool = False
    """Stroke the item's die line in the spot colour CutContour."""

    @staticmethod
    def at(art: ItemArt, x: float, y: float, *, rotation: int = 0, cut_line: bool = False) -> PlacedItem:
        """``art`` with the top-left corner of its bleed rectangle at ``(x, y)`` on the page, turned
        clockwise by ``rotation`` degrees (0, 90, 180 or 270)."""
        if rotation % 90:
            raise ValueError(f"items turn by quarter turns only, not {rotation} degrees")
        r = rotation % 360
        p = art.page
        turn = Affine.rotation(float(r))
        corners = [turn.apply(px, py) for px, py in ((p.left, p.top), (p.right, p.top), (p.left, p.bottom))]
        corners.append(turn.apply(p.right, p.bottom))
        min_x = min(c[0] for c in corners)
        min_y = min(c[1] for c in corners)
        return PlacedItem(art, Affine.translation(x - min_x, y - min_y) @ turn, cut_line=cut_line)


@dataclass(frozen=True, slots=True)
class PagePlan:
    """One sheet of output: its size (mm), its boxes (page mm, y down) and what is placed on it."""

    width: float
    height: float
    items: tuple[PlacedItem, ...]
    trim: Rect | None = None
    bleed: Rect | None = None
    marks: tuple[tuple[Rect, Rect], ...] = ()
    """Crop marks to draw: (trim, bleed) rectangles in page mm, marks start beyond the bleed."""
    mirror: bool = False


def single_item_page(art: ItemArt, *, marks: bool = False, cut_line: bool = False, mirror: bool = False) -> PagePlan:
    """A page holding one print area, laid out exactly as :func:`studio.export.pdf.export_pdf` lays it out."""
    slug = MARK_GAP + MARK_LENGTH + SLUG_MARGIN if marks else 0.0
    media = art.page.inflated(slug)
    to_page = Affine.translation(-media.x, -media.y)
    item = PlacedItem(art, to_page, cut_line=cut_line)
    trim = art.trim.transformed(to_page)
    bleed = art.page.transformed(to_page)
    return PagePlan(
        media.width,
        media.height,
        (item,),
        trim=trim,
        bleed=bleed,
        marks=((trim, bleed),) if marks else (),
        mirror=mirror,
    )


def _cm(m: Affine) -> str:
    return " ".join(_n(v) for v in m.as_tuple()) + " cm"


class PdfPageWriter:
    """Writes :class:`PagePlan` s to a PDF file as they come, storing shared resources once.

    Use as a context manager; the file is complete when the block ends without an error.

    Parameters
    ----------
    target
        A binary file open for writing (the caller writes it atomically).
    resources
        Where the pages' content registered its images, colours and forms.
    cmyk
        The converter the content was drawn with, for a PDF/X-4 file; None for sRGB.
    title
        The document title (Info and XMP).
    """

    def __init__(
        self,
        target: BinaryIO,
        *,
        resources: SharedResources,
        cmyk: ColorConverter | None = None,
        title: str = "",
        created: datetime | None = None,
    ) -> None:
        self.out = target
        self.res = resources
        self.cmyk = cmyk
        self.title = title
        self.created = created or _creation_time()
        self._offsets: list[int] = [0, 0, 0]  # object 0 is the free head; 1 catalog, 2 page tree
        self._pos = 0
        self._kids: list[int] = []
        self._written: dict[str, int] = {}
        self._digest = hashlib.sha256(title.encode("utf-8"))
        self._scratch = pikepdf.new()
        self._embedder = _Embedder(self._scratch, resources, cmyk)
        resources._embedded = {}
        self._foreign: dict[tuple[int, int, int], int] = {}
        self._part_serial = 0
        self._write(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")

    # -- low level ---------------------------------------------------------------------------

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self._pos += len(data)

    def _alloc(self) -> int:
        self._offsets.append(0)
        return len(self._offsets) - 1

    def _object(self, number: int, body: bytes) -> None:
        self._offsets[number] = self._pos
        self._write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def _stream(self, number: int, data: bytes, extra: str = "") -> None:
        packed = zlib.compress(data, 6)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode{extra} >>\nstream\n".encode("latin-1")
        self._object(number, head + packed + b"\nendstream")

    # -- pages -------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self._kids)

    def add_page(self, plan: PagePlan) -> None:
        """Write one page (and whatever shared resources it is the first to use)."""
        k = PT_PER_MM
        width_pt, height_pt = plan.width * k, plan.height * k
        to_page = Affine(k, 0.0, 0.0, -k, 0.0, height_pt)
        ops: list[str] = ["q"]
        if plan.mirror:
            ops.append(f"-1 0 0 1 {_n(width_pt)} 0 cm")
        ops.append(_cm(to_page))
        text: list[bytes] = []
        for item in plan.items:
            art = item.art
            ops.append("q " + _cm(item.transform))
            if item.clip:
                ops.append(
                    f"q {path_operators(Path.rectangle(art.page.x, art.page.y, art.page.width, art.page.height))} W n"
                )
            ops.append(art.content.decode("latin-1"))
            if item.clip:
                ops.append("Q")
            if item.cut_line:
                ops.append(self._cut_line(art.die_line))
            ops.append("Q")
            if art.text:
                text.append(b"q " + _cm(item.transform).encode() + b"\n" + art.text + b"\nQ")
        ops.append("Q")
        for trim, bleed in plan.marks:
            ops.append(self._crop_marks(trim, bleed, to_page))
        content = "\n".join(ops).encode("latin-1")
        if text:
            # After the artwork (so it is never hidden below it) and outside every clip.
            content += b"\nq " + _cm(to_page).encode() + b"\n" + b"\n".join(text) + b"\nQ"
        self._digest.update(content)
        resources = self._resources_for(content)
        contents = self._alloc()
        self._stream(contents, content)

        def box(r: Rect) -> str:
            return f"[{_n(r.left * k)} {_n(height_pt - r.bottom * k)} {_n(r.right * k)} {_n(height_pt - r.top * k)}]"

        media = f"[0 0 {_n(width_pt)} {_n(height_pt)}]"
        parts = [f"/Type /Page /Parent 2 0 R /MediaBox {media} /CropBox {media}"]
        if plan.bleed is not None:
            parts.append(f"/BleedBox {box(plan.bleed)}")
        if plan.trim is not None:
            parts.append(f"/TrimBox {box(plan.trim)}")
        parts.append(f"/Contents {contents} 0 R /Resources {resources}")
        if self.cmyk is not None:
            parts.append("/Group << /Type /Group /S /Transparency /CS /DeviceCMYK >>")
        page = self._alloc()
        self._object(page, ("<< " + " ".join(parts) + " >>").encode("latin-1"))
        self._kids.append(page)

    def _cut_line(self, die_line: Path) -> str:
        space = self.res.separation(CUT_CONTOUR, (0.0, 1.0, 0.0, 0.0))
        gstate = self.res.gstate(1.0, overprint=True)
        width = _n(HAIRLINE_PT / PT_PER_MM)
        return f"q /{gstate} gs /{space} CS 1 SCN {width} w 1 j 1 J {path_operators(die_line)} S Q"

    def _crop_marks(self, trim: Rect, bleed: Rect, to_page: Affine) -> str:
        space = self.res.separation("All", (1.0, 1.0, 1.0, 1.0))
        parts = ["q", _cm(to_page), f"/{space} CS 1 SCN {_n(HAIRLINE_PT / PT_PER_MM)} w 0 J"]
        gap_x, gap_y = trim.left - bleed.left + MARK_GAP, trim.top - bleed.top + MARK_GAP
        gap_x2, gap_y2 = bleed.right - trim.right + MARK_GAP, bleed.bottom - trim.bottom + MARK_GAP
        for x, sx, dx in ((trim.left, -1.0, gap_x), (trim.right, 1.0, gap_x2)):
            for y, sy, dy in ((trim.top, -1.0, gap_y), (trim.bottom, 1.0, gap_y2)):
                parts.append(f"{_n(x + sx * dx)} {_n(y)} m {_n(x + sx * (dx + MARK_LENGTH))} {_n(y)} l")
                parts.append(f"{_n(x)} {_n(y + sy * dy)} m {_n(x)} {_n(y + sy * (dy + MARK_LENGTH))} l")
        parts.append("S Q")
        return "\n".join(parts)

    # -- resources ---------------------------------------------------------------------------

    def _resources_for(self, content: bytes) -> str:
        groups: dict[str, list[str]] = {}
        for raw in sorted(set(_NAME.findall(content))):
            name = raw.decode("ascii")
            number = self._resource(name)
            if number is None:
                continue
            groups.setdefault(_CATEGORY[name[1:3]], []).append(f"/{name} {number} 0 R")
        return "<< " + " ".join(f"{cat} << {' '.join(entries)} >>" for cat, entries in sorted(groups.items())) + " >>"

    def _resource(self, name: str) -> int | None:
        number = self._written.get(name)
        if number is not None:
            return number
        if name == TEXT_FONT:
            number = self._text_font()
        elif name in self.res.extra:
            content, bbox = self.res.extra[name]
            resources = self._resources_for(content)
            number = self._alloc()
            self._written[name] = number
            bb = " ".join(_n(v) for v in bbox)
            self._stream(number, content, f" /Type /XObject /Subtype /Form /BBox [{bb}] /Resources {resources}")
            return number
        elif name in self.res._specs:
            obj = self._embedder.object(name)
            number = self._serialize_indirect(obj, self._scratch)
            # The scratch copy has been written: drop its data (a photo per row must not pile up).
            self.res._embedded.pop(name, None)
        else:
            return None
        self._written[name] = number
        return number

    def _serialize_indirect(self, obj: pikepdf.Object, owner: pikepdf.Pdf) -> int:
        # Parts are opened one after another, so a Pdf's id() may come back: key by part number.
        key = (0 if owner is self._scratch else self._part_serial, *obj.objgen)
        number = self._foreign.get(key)
        if number is not None:
            return number
        number = self._alloc()
        self._foreign[key] = number
        if isinstance(obj, pikepdf.Stream):
            raw = obj.read_raw_bytes()
            entries = {k: v for k, v in obj.stream_dict.items() if k != "/Length"}
            body = self._direct(pikepdf.Dictionary(entries), owner, top=True)
            self._object(number, body[:-2] + f" /Length {len(raw)} >>\nstream\n".encode() + raw + b"\nendstream")
        else:
            self._object(number, self._direct(obj, owner, top=True))
        return number

    def _direct(self, obj: Any, owner: pikepdf.Pdf, *, top: bool = False) -> bytes:
        if isinstance(obj, pikepdf.Object) and not top and obj.is_indirect:
            return b"%d 0 R" % self._serialize_indirect(obj, owner)
        if isinstance(obj, pikepdf.Dictionary) or (isinstance(obj, pikepdf.Stream) and not top):
            items = b" ".join(pikepdf.Name(k).unparse() + b" " + self._direct(v, owner) for k, v in obj.items())
            return b"<< " + items + b" >>"
        if isinstance(obj, pikepdf.Array):
            return b"[" + b" ".join(self._direct(v, owner) for v in obj) + b"]"
        if isinstance(obj, bool):
            return b"true" if obj else b"false"
        if isinstance(obj, int):
            return str(obj).encode()
        if isinstance(obj, float):
            return _n(obj).encode()
        if isinstance(obj, Decimal):
            return _n(float(obj)).encode()
        if isinstance(obj, str):
            return bytes(pikepdf.String(obj).unparse())
        return bytes(obj.unparse())

    def _text_font(self) -> int:
        """A font with one invisible glyph for every character, which pdftotext reads back as Unicode."""
        font_file = self._alloc()
        self._stream(font_file, _glyphless_font(), "")
        cid_map = self._alloc()
        self._stream(cid_map, b"\x00\x01" * 65536)
        to_unicode = self._alloc()
        self._stream(to_unicode, _TO_UNICODE)
        descriptor = self._alloc()
        self._object(
            descriptor,
            (
                f"<< /Type /FontDescriptor /FontName /StudioText /Flags 5 /FontBBox [0 0 500 1000] /ItalicAngle 0 "
                f"/Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 /FontFile2 {font_file} 0 R >>"
            ).encode(),
        )
        cid_font = self._alloc()
        self._object(
            cid_font,
            (
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /StudioText "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                f"/FontDescriptor {descriptor} 0 R /DW 500 /CIDToGIDMap {cid_map} 0 R >>"
            ).encode(),
        )
        font = self._alloc()
        self._object(
            font,
            (
                "<< /Type /Font /Subtype /Type0 /BaseFont /StudioText /Encoding /Identity-H "
                f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
            ).encode(),
        )
        return font

    # -- joining parts -----------------------------------------------------------------------

    def add_part(self, source: FsPath | BinaryIO) -> int:
        """Append every page of a PDF written by another :class:`PdfPageWriter` (a part of the job).

        Resources the part names like ones already in this file are not stored again; their names
        come from their content, so the same name is the same object. Returns the pages added.
        """
        self._part_serial += 1
        with pikepdf.open(source) as part:
            for page in part.pages:
                obj = page.obj
                stream = obj.Contents
                raw = stream.read_raw_bytes()
                self._digest.update(raw)
                res_parts: dict[str, list[str]] = {}
                for category, group in obj.get("/Resources", pikepdf.Dictionary()).items():
                    for name, target in group.items():
                        bare = name[1:]
                        number = self._written.get(bare)
                        if number is None:
                            number = self._serialize_indirect(target, part)
                            self._written[bare] = number
                        res_parts.setdefault(category, []).append(f"{name} {number} 0 R")
                resources = "<< " + " ".join(f"{c} << {' '.join(e)} >>" for c, e in sorted(res_parts.items())) + " >>"
                contents = self._alloc()
                if stream.get("/Filter") == pikepdf.Name.FlateDecode and "/DecodeParms" not in stream:
                    # Copied as compressed: joining parts costs no recompression.
                    head = f"<< /Length {len(raw)} /Filter /FlateDecode >>\nstream\n".encode()
                    self._object(contents, head + raw + b"\nendstream")
                else:
                    self._stream(contents, stream.read_bytes())
                boxes: list[str] = []
                for key in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox"):
                    if key in obj:
                        boxes.append(f"{key} [{' '.join(_n(float(v)) for v in obj[key])}]")
                blend = " /Group << /Type /Group /S /Transparency /CS /DeviceCMYK >>" if self.cmyk is not None else ""
                number = self._alloc()
                body = f"<< /Type /Page /Parent 2 0 R {' '.join(boxes)} /Contents {contents} 0 R /Resources {resources}{blend} >>"
                self._object(number, body.encode("latin-1"))
                self._kids.append(number)
            return len(part.pages)

    # -- the end -----------------------------------------------------------------------------

    def close(self) -> None:
        """Write the page tree, catalog, metadata, cross-reference table and trailer."""
        document_id = str(uuid.UUID(bytes=self._digest.digest()[:16], version=4))
        meta = self._scratch
        add_metadata(
            meta,
            title=self.title,
            created=self.created,
            creator=f"Studio {__version__}",
            pdfx=self.cmyk is not None,
            document_id=document_id,
        )
        catalog_extra = ""
        metadata = self._serialize_indirect(meta.Root.Metadata, meta)
        catalog_extra += f" /Metadata {metadata} 0 R"
        if self.cmyk is not None:
            add_output_intent(meta, self.cmyk)
            intents = self._direct(meta.Root.OutputIntents, meta).decode("latin-1")
            catalog_extra += f" /OutputIntents {intents}"
        info = self._serialize_indirect(meta.trailer.Info, meta)
        kids = " ".join(f"{k} 0 R" for k in self._kids)
        self._object(2, f"<< /Type /Pages /Kids [{kids}] /Count {len(self._kids)} >>".encode())
        self._object(1, f"<< /Type /Catalog /Pages 2 0 R{catalog_extra} >>".encode())
        xref = self._pos
        lines = [f"xref\n0 {len(self._offsets)}\n", "0000000000 65535 f \n"]
        lines.extend(f"{offset:010d} 00000 n \n" for offset in self._offsets[1:])
        self._write("".join(lines).encode())
        file_id = self._digest.hexdigest()[:32]
        self._write(
            (
                f"trailer\n<< /Size {len(self._offsets)} /Root 1 0 R /Info {info} 0 R "
                f"/ID [<{file_id}> <{file_id}>] >>\nstartxref\n{xref}\n%%EOF\n"
            ).encode()
        )
        self._scratch.close()

    def __enter__(self) -> PdfPageWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self._scratch.close()


# -- the invisible text font --------------------------------------------------------------------

_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMapResource defineresource pop
end
end
"""

_GLYPHLESS: list[bytes] = []


def _glyphless_font() -> bytes:
    """A TrueType font of two empty glyphs (made once): all text drawn with it is invisible."""
    if not _GLYPHLESS:
        from fontTools.fontBuilder import FontBuilder
        from fontTools.pens.ttGlyphPen import TTGlyphPen

        builder = FontBuilder(1000, isTTF=True)
        builder.setupGlyphOrder([".notdef", "blank"])
        builder.setupCharacterMap({})
        empty = TTGlyphPen(None).glyph()
        builder.setupGlyf({".notdef": empty, "blank": TTGlyphPen(None).glyph()})
        builder.setupHorizontalMetrics({".notdef": (500, 0), "blank": (500, 0)})
        builder.setupHorizontalHeader(ascent=1000, descent=0)
        builder.setupNameTable({"familyName": "StudioText", "styleName": "Regular"})
        builder.setupOS2(sTypoAscender=1000, sTypoDescender=0, usWinAscent=1000, usWinDescent=0)
        builder.setupPost()
        buffer = io.BytesIO()
        builder.save(buffer)
        _GLYPHLESS.append(buffer.getvalue())
    return _GLYPHLESS[0]


def text_operators(text: str, matrix: Affine, size: float, width: float) -> str:
    """Invisible text showing ``text`` from the baseline origin of ``matrix`` (area mm, y down).

    ``size`` is the font size in mm and ``width`` the width the visible line takes, so that a
    selection in a viewer covers the letters it selects.
    """
    units = text.encode("utf-16-be")
    count = len(units) // 2
    if not count:
        return ""
    scale = 100.0 * width / (count * 0.5 * size) if width > 0 and size > 0 else 100.0
    flip = matrix @ Affine(1.0, 0.0, 0.0, -1.0, 0.0, 0.0)
    tm = " ".join(_n(v) for v in flip.as_tuple())
    return f"BT 3 Tr /{TEXT_FONT} {_n(size)} Tf {_n(min(scale, 10000.0))} Tz {tm} Tm <{units.hex()}> Tj ET"


def iter_names(content: bytes) -> Iterable[str]:
    """The resource names ``content`` refers to."""
    return (raw.decode("ascii") for raw in _NAME.findall(content))
