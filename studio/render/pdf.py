"""PDF backend: draws a display list on a reportlab canvas.

Paths, colours, clips and transforms are written as PDF operators straight into the page (through
the canvas's public ``addLiteral``), so the backend controls number formatting, fill rules and
colour spaces exactly. Everything that needs a PDF object of its own — images, SVG vector art,
transparency groups, graphics states, spot colours — is drawn as a reference to a short
resource name (``/SIm1 Do``, ``/SGs2 gs``, ``/SCs1 cs``) recorded in a :class:`PdfResources`.
After the canvas is saved, :func:`finish_pdf` opens the file with pikepdf and puts those objects
in, each one once for the whole file, and removes the Helvetica that reportlab references on
every page. Doing the embedding ourselves is what lets a JPEG go in byte for byte, an image used on
a thousand pages be stored once without hashing its pixels on every page, and an SVG stay vector
(cairosvg's PDF page becomes a Form XObject).

Typical use (what :func:`studio.export.pdf.export_pdf` does)::

    resources = PdfResources()
    canvas = Canvas(buffer, invariant=1, pageCompression=0)
    ...  # set the page size and a transform to area millimetres, y down
    draw_display_list(canvas, display_list, image_cache=resources)
    canvas.showPage(); canvas.save()
    with pikepdf.open(buffer) as pdf:
        finish_pdf(pdf, resources)
        pdf.save(path)
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import weakref
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

import pikepdf
from PIL import Image, ImageCms

from studio import _cache
from studio.model.color import Color
from studio.model.geometry import Affine, Path, Rect
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, StrokePath
from studio.render.sources import ImageSource, SvgSource

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

__all__ = [
    "ColorConverter",
    "PdfResources",
    "default_cmyk_profile",
    "draw_display_list",
    "finish_pdf",
    "format_number",
    "path_operators",
    "resources_for",
]

CMYK = tuple[float, float, float, float]

# Opacity closer to 1 than this is drawn opaque: no graphics state, no transparency group.
_OPAQUE = 1.0 - 1e-6
# A placed SVG whose colours cannot be converted to CMYK as vectors is rasterised at this resolution.
_FALLBACK_DPI = 300.0
# One cairosvg user unit (CSS pixel) is this many points in its PDF output (96 px per inch).
_PT_PER_SVG_UNIT = 0.75

_JOIN = {"miter": 0, "round": 1, "bevel": 2}
_CAP = {"butt": 0, "round": 1, "square": 2}
_RESOURCE_NAME = re.compile(rb"/(S(?:Im|Sv|Fm|Gs|Cs)\d+)(?![A-Za-z0-9])")
_CATEGORY = {"Im": "/XObject", "Sv": "/XObject", "Fm": "/XObject", "Gs": "/ExtGState", "Cs": "/ColorSpace"}
# What reportlab writes at the top of every page so that text could be drawn in Helvetica.
_REPORTLAB_PREAMBLE = re.compile(rb"BT /F\d+ [0-9.]+ Tf [0-9.]+ TL ET")


def format_number(value: float) -> str:
    """A number as PDF content wants it: at most four decimals, no exponent, no ``-0``."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_n = format_number


def _matrix(m: Affine) -> str:
    return f"{_n(m.a)} {_n(m.b)} {_n(m.c)} {_n(m.d)} {_n(m.e)} {_n(m.f)} cm"


def path_operators(path: Path) -> str:
    """The PDF path construction operators for ``path`` (no painting operator).

    Quadratic segments become cubics (PDF has no quadratic curve).
    """
    parts: list[str] = []
    cx = cy = sx = sy = 0.0
    for seg in path.segments:
        op = seg[0]
        if op == "M":
            cx, cy = sx, sy = seg[1], seg[2]  # type: ignore[misc]
            parts.append(f"{_n(cx)} {_n(cy)} m")
        elif op == "L":
            cx, cy = seg[1], seg[2]  # type: ignore[misc]
            parts.append(f"{_n(cx)} {_n(cy)} l")
        elif op == "C":
            x1, y1, x2, y2, cx, cy = seg[1:]  # type: ignore[misc]
            parts.append(f"{_n(x1)} {_n(y1)} {_n(x2)} {_n(y2)} {_n(cx)} {_n(cy)} c")
        elif op == "Q":
            qx, qy, x, y = seg[1:]  # type: ignore[misc]
            parts.append(
                f"{_n(cx + 2 / 3 * (qx - cx))} {_n(cy + 2 / 3 * (qy - cy))} "
                f"{_n(x + 2 / 3 * (qx - x))} {_n(y + 2 / 3 * (qy - y))} {_n(x)} {_n(y)} c"
            )
            cx, cy = x, y
        else:
            parts.append("h")
            cx, cy = sx, sy
    return " ".join(parts)


# -- colour management --------------------------------------------------------------------------


def default_cmyk_profile() -> FsPath:
    """The bundled CMYK output profile (FOGRA39, coated paper; see ``assets/icc/README.md``)."""
    from studio.resources import assets_dir

    return assets_dir() / "icc" / "FOGRA39L-argyll.icc"


class ColorConverter:
    """Converts sRGB colours and images to the CMYK of an ICC output profile.

    Relative colorimetric intent with black point compensation: what prepress tools use for
    artwork, it keeps in-gamut colours exact and maps the paper white to no ink.

    Parameters
    ----------
    profile
        The ICC profile of the press condition (a CMYK output profile), as bytes or a path.
    identifier
        The registered name of the condition (``OutputConditionIdentifier`` of PDF/X).
    """

    def __init__(self, profile: bytes | FsPath, *, identifier: str = "FOGRA39") -> None:
        self.profile = profile.read_bytes() if isinstance(profile, FsPath) else profile
        self.identifier = identifier
        self._cms = ImageCms.ImageCmsProfile(io.BytesIO(self.profile))
        if self._cms.profile.xcolor_space.strip() != "CMYK":
            raise ValueError("the output profile is not a CMYK profile")
        self._colors: dict[tuple[int, int, int], CMYK] = {}
        self._transforms: dict[bytes, ImageCms.ImageCmsTransform] = {}

    @classmethod
    def fogra39(cls) -> ColorConverter:
        """A converter for the bundled FOGRA39 profile (ISO coated, offset and most digital presses)."""
        return cls(default_cmyk_profile(), identifier="FOGRA39")

    @property
    def description(self) -> str:
        """The profile's own description."""
        return ImageCms.getProfileDescription(self._cms).strip()

    def _transform(self, mode: str, source_profile: bytes | None) -> ImageCms.ImageCmsTransform:
        key = mode.encode() + b":" + (hashlib.sha256(source_profile).digest() if source_profile else b"sRGB")
        transform = self._transforms.get(key)
        if transform is None:
            src: Any = (
                ImageCms.ImageCmsProfile(io.BytesIO(source_profile))
                if source_profile
                else ImageCms.createProfile("sRGB")
            )
            transform = ImageCms.buildTransform(
                src,
                self._cms,
                mode,
                "CMYK",
                renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
            )
            self._transforms[key] = transform
        return transform

    def rgb(self, rgb: tuple[int, int, int]) -> CMYK:
        """CMYK (0..1) of an 8-bit sRGB triple."""
        cached = self._colors.get(rgb)
        if cached is None:
            pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), self._transform("RGB", None))
            assert pixel is not None
            value = pixel.getpixel((0, 0))
            assert isinstance(value, tuple)
            cached = (value[0] / 255.0, value[1] / 255.0, value[2] / 255.0, value[3] / 255.0)
            self._colors[rgb] = cached
        return cached

    def rgb_float(self, r: float, g: float, b: float) -> CMYK:
        """CMYK (0..1) of an sRGB colour given as floats 0..1."""
        return self.rgb(tuple(max(0, min(255, round(v * 255.0))) for v in (r, g, b)))  # type: ignore[arg-type]

    def color(self, color: Color) -> CMYK:
        """CMYK (0..1) of a model colour: its CMYK override exactly, else its sRGB value converted."""
        if color.cmyk is not None:
            c, m, y, k = color.cmyk
            return (c / 100.0, m / 100.0, y / 100.0, k / 100.0)
        return self.rgb(color.rgb)

    def image(self, image: Image.Image) -> Image.Image:
        """``image`` (RGB or L, optionally with an embedded ICC profile) as a CMYK image."""
        if image.mode == "CMYK":
            return image
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        source_profile = image.info.get("icc_profile") or None
        try:
            out = ImageCms.applyTransform(image, self._transform(image.mode, source_profile))
        except (ImageCms.PyCMSError, OSError):
            # A broken or mismatched embedded profile: treat the pixels as sRGB, as browsers do.
            out = ImageCms.applyTransform(image.convert("RGB"), self._transform("RGB", None))
        assert out is not None
        return out


# -- resources ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Separation:
    ink: str
    alternate: str  # "/DeviceCMYK" or "/DeviceRGB"
    full: tuple[float, ...]  # the alternate colour at 100 % tint


@dataclass(frozen=True, slots=True)
class _GState:
    alpha: float
    overprint: bool


@dataclass(frozen=True, slots=True)
class _Form:
    content: bytes
    bbox: tuple[float, float, float, float]


@dataclass(slots=True)
class _Svg:
    source: SvgSource
    # Largest size of one user unit on the page (mm), to choose a resolution if it must be rasterised.
    mm_per_unit: float = 0.0


class PdfResources:
    """The objects that drawn content refers to by name, embedded into the file by :func:`finish_pdf`.

    One instance serves a whole document (or several, one after the other): an image or an SVG
    is registered once by its content key however many times and on however many pages it is
    drawn, and stored once in the file.
    """

    def __init__(self) -> None:
        self._specs: dict[str, object] = {}
        self._names: dict[object, str] = {}
        self._counts: dict[str, int] = {}
        # Objects already put in the file being finished (by resource name, or "icc:<hash>").
        self._embedded: dict[str, pikepdf.Object] = {}

    def _name(self, prefix: str, key: object, spec: object) -> str:
        name = self._names.get(key)
        if name is None:
            self._counts[prefix] = count = self._counts.get(prefix, 0) + 1
            name = f"S{prefix}{count}"
            self._names[key] = name
            self._specs[name] = spec
        return name

    def image(self, source: ImageSource) -> str:
        """The XObject name of an image (registered on first use, keyed by its content hash)."""
        return self._name("Im", ("image", source.key), source)

    def svg(self, source: SvgSource, *, mm_per_unit: float = 0.0) -> str:
        """The XObject name of an SVG document's vector art."""
        name = self._name("Sv", ("svg", source.key), _Svg(source))
        spec = self._specs[name]
        assert isinstance(spec, _Svg)
        spec.mm_per_unit = max(spec.mm_per_unit, mm_per_unit)
        return name

    def gstate(self, alpha: float = 1.0, *, overprint: bool = False) -> str:
        """The ExtGState name for a fill and stroke ``alpha`` (and overprint, for spot inks)."""
        spec = _GState(round(max(0.0, min(1.0, alpha)), 4), overprint)
        return self._name("Gs", spec, spec)

    def separation(self, ink: str, alternate: Sequence[float]) -> str:
        """The colour space name of a spot ``ink``, shown as ``alternate`` (CMYK or RGB, 0..1) at 100 %."""
        space = "/DeviceCMYK" if len(alternate) == 4 else "/DeviceRGB"
        spec = _Separation(ink, space, tuple(round(v, 4) for v in alternate))
        return self._name("Cs", ("sep", ink), spec)

    def form(self, content: bytes, bbox: Rect) -> str:
        """The XObject name of a transparency group drawing ``content`` (same content: same form)."""
        spec = _Form(content, (bbox.left, bbox.top, bbox.right, bbox.bottom))
        return self._name("Fm", ("form", hashlib.sha256(content).digest(), spec.bbox), spec)

    @property
    def image_count(self) -> int:
        """How many distinct images have been registered."""
        return self._counts.get("Im", 0)


_CANVAS_RESOURCES: weakref.WeakKeyDictionary[Canvas, PdfResources] = weakref.WeakKeyDictionary()


def resources_for(canvas: Canvas) -> PdfResources:
    """The resources that :func:`draw_display_list` records for ``canvas`` when given none."""
    res = _CANVAS_RESOURCES.get(canvas)
    if res is None:
        res = _CANVAS_RESOURCES[canvas] = PdfResources()
    return res


# -- drawing ------------------------------------------------------------------------------------


def _leaf_count(items: Iterable[Item], limit: int = 2) -> int:
    """How many drawn items (not groups) there are, counting no further than ``limit``."""
    count = 0
    for item in items:
        count += _leaf_count(item.items, limit - count) if isinstance(item, Group) else 1
        if count >= limit:
            break
    return count


class _ContentWriter:
    """Turns display-list items into PDF operators, in the caller's coordinate system (mm, y down)."""

    def __init__(self, resources: PdfResources, cmyk: ColorConverter | None, bbox: Rect) -> None:
        self.res = resources
        self.cmyk = cmyk
        self.bbox = bbox
        self.out: list[str] = []

    def color(self, color: Color, *, stroke: bool) -> str:
        if color.spot:
            alternate: Sequence[float] = self.cmyk.color(color) if self.cmyk else color.rgb_float
            name = self.res.separation(color.spot, alternate)
            return f"/{name} CS 1 SCN" if stroke else f"/{name} cs 1 scn"
        if self.cmyk is not None:
            c, m, y, k = self.cmyk.color(color)
            return f"{_n(c)} {_n(m)} {_n(y)} {_n(k)} {'K' if stroke else 'k'}"
        r, g, b = color.rgb_float
        return f"{_n(r)} {_n(g)} {_n(b)} {'RG' if stroke else 'rg'}"

    def clip(self, path: Path) -> None:
        self.out.append(f"{path_operators(path)} {'W*' if path.fill_rule == 'evenodd' else 'W'} n")

    def alpha(self, alpha: float) -> None:
        self.out.append(f"/{self.res.gstate(alpha)} gs")

    def items(self, items: Iterable[Item], alpha: float) -> None:
        for item in items:
            if isinstance(item, FillPath):
                self.fill(item, alpha)
            elif isinstance(item, StrokePath):
                self.stroke(item, alpha)
            elif isinstance(item, DrawImage):
                self.image(item, alpha)
            elif isinstance(item, DrawSvg):
                self.svg(item, alpha)
            else:
                self.group(item, alpha)

    def fill(self, item: FillPath, alpha: float) -> None:
        a = alpha * item.opacity
        if a <= 0.0 or item.path.is_empty():
            return
        paint = "f*" if item.path.fill_rule == "evenodd" else "f"
        ops = f"{self.color(item.color, stroke=False)} {path_operators(item.path)} {paint}"
        if a < _OPAQUE:
            self.out.append(f"q /{self.res.gstate(a)} gs {ops} Q")
        else:
            self.out.append(ops)

    def stroke(self, item: StrokePath, alpha: float) -> None:
        a = alpha * item.opacity
        if a <= 0.0 or item.width <= 0.0 or item.path.is_empty():
            return
        # The miter limit is SVG's default, so that sharp corners are cut where the SVG and
        # canvas backends cut them.
        ops = (
            f"q {self.color(item.color, stroke=True)} {_n(item.width)} w {_JOIN[item.join]} j "
            f"{_CAP[item.cap]} J 4 M {path_operators(item.path)} S Q"
        )
        if a < _OPAQUE:
            ops = f"q /{self.res.gstate(a)} gs {ops} Q"
        self.out.append(ops)

    def image(self, item: DrawImage, alpha: float) -> None:
        a = alpha * item.opacity
        w, h = item.source.size
        if a <= 0.0 or w <= 0 or h <= 0:
            return
        name = self.res.image(item.source)
        self.out.append("q")
        if item.clip is not None:
            self.clip(item.clip)
        if a < _OPAQUE:
            self.alpha(a)
        # An image XObject fills the unit square with its first row at the top (v = 1); the
        # display list places the pixel grid, y down.
        unit_to_area = item.transform @ Affine(float(w), 0.0, 0.0, -float(h), 0.0, float(h))
        self.out.append(f"{_matrix(unit_to_area)} /{name} Do Q")

    def svg(self, item: DrawSvg, alpha: float) -> None:
        a = alpha * item.opacity
        if a <= 0.0:
            return
        name = self.res.svg(item.source, mm_per_unit=max(item.transform.scale_factors()))
        self.out.append("q")
        if item.clip is not None:
            self.clip(item.clip)
        if a < _OPAQUE:
            self.alpha(a)
        self.out.append(f"{_matrix(item.transform)} /{name} Do Q")

    def group(self, item: Group, alpha: float) -> None:
        a = alpha * item.opacity
        if a <= 0.0 or not item.items:
            return
        self.out.append("q")
        if item.clip is not None:
            self.clip(item.clip)
        if a < _OPAQUE and _leaf_count(item.items) > 1:
            # Overlapping members must be composited together and then faded, as one picture:
            # that is a transparency group (a Form XObject with /Group), painted with the alpha.
            inner = _ContentWriter(self.res, self.cmyk, self.bbox)
            inner.items(item.items, 1.0)
            form = self.res.form("\n".join(inner.out).encode("latin-1"), self.bbox)
            self.out.append(f"/{self.res.gstate(a)} gs /{form} Do")
        else:
            # A single member can take the group's opacity itself, which renders identically.
            self.items(item.items, a)
        self.out.append("Q")


def draw_display_list(
    canvas: Canvas,
    dl: DisplayList,
    *,
    cmyk: ColorConverter | None = None,
    image_cache: PdfResources | None = None,
) -> None:
    """Draw a display list on the current page of ``canvas``.

    Parameters
    ----------
    canvas
        A reportlab canvas whose current coordinate system the caller has set to the print area's
        millimetres, y down (origin at the top-left of the trim box).
    dl
        The display list of one print area.
    cmyk
        Convert colours to CMYK with this converter (colours with a CMYK override keep it
        exactly); None writes sRGB colours.
    image_cache
        The :class:`PdfResources` that records the images, SVG art and other objects drawn;
        share one across pages so that each is stored once. None uses the one kept for this
        canvas (:func:`resources_for`).

    Notes
    -----
    The page refers to its images, art and graphics states by name only: the file is complete
    once :func:`finish_pdf` has been run on it with the same resources.
    """
    resources = image_cache if image_cache is not None else resources_for(canvas)
    writer = _ContentWriter(resources, cmyk, dl.page)
    writer.items(dl.items, 1.0)
    if writer.out:
        canvas.addLiteral("q\n" + "\n".join(writer.out) + "\nQ")


# -- embedding ----------------------------------------------------------------------------------


def finish_pdf(pdf: pikepdf.Pdf, resources: PdfResources, *, cmyk: ColorConverter | None = None) -> None:
    """Complete a PDF written by reportlab with :func:`draw_display_list`.

    Adds to each page (and each transparency group) the objects its content refers to, each
    object created once for the whole file, and removes the Helvetica font that reportlab
    references on every page although no text is drawn.

    Parameters
    ----------
    pdf
        The saved canvas, opened with pikepdf; it is changed in place.
    resources
        The resources the pages were drawn with.
    cmyk
        The converter the pages were drawn with: images and SVG art are converted with it too.
    """
    resources._embedded = {}
    embedder = _Embedder(pdf, resources, cmyk)
    for page in pdf.pages:
        obj = page.obj
        contents = obj.get("/Contents")
        if contents is None:
            continue
        if isinstance(contents, pikepdf.Array):
            page.contents_coalesce()
            contents = obj.Contents
        data = contents.read_bytes()
        cleaned = _REPORTLAB_PREAMBLE.sub(b"", data, count=1)
        if cleaned != data:
            contents.write(cleaned)
        page_resources = obj.get("/Resources")
        if not isinstance(page_resources, pikepdf.Dictionary):
            obj.Resources = page_resources = pikepdf.Dictionary()
        if "/Font" in page_resources:
            del page_resources["/Font"]
        embedder.add_resources(page_resources, cleaned)


class _Unconvertible(Exception):
    """SVG art holding something whose colours cannot be converted to CMYK as vectors."""


class _Embedder:
    def __init__(self, pdf: pikepdf.Pdf, resources: PdfResources, cmyk: ColorConverter | None) -> None:
        self.pdf = pdf
        self.res = resources
        self.cmyk = cmyk

    def add_resources(self, target: pikepdf.Dictionary, content: bytes) -> None:
        for raw in sorted(set(_RESOURCE_NAME.findall(content))):
            name = raw.decode("ascii")
            if name not in self.res._specs:
                continue
            category = _CATEGORY[name[1:3]]
            group = target.get(category)
            if group is None:
                target[category] = group = pikepdf.Dictionary()
            group["/" + name] = self.object(name)

    def object(self, name: str) -> pikepdf.Object:
        obj = self.res._embedded.get(name)
        if obj is None:
            spec = self.res._specs[name]
            if isinstance(spec, _GState):
                obj = self._gstate(spec)
            elif isinstance(spec, _Separation):
                obj = self._separation(spec)
            elif isinstance(spec, _Form):
                obj = self._form(spec)
            elif isinstance(spec, _Svg):
                obj = self._svg(spec)
            else:
                obj = self._image(spec)  # type: ignore[arg-type]
            self.res._embedded[name] = obj
        return obj

    # graphics states and colour spaces

    def _gstate(self, spec: _GState) -> pikepdf.Object:
        d = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=spec.alpha, CA=spec.alpha)
        if spec.overprint:
            # OPM 1: zero components of a CMYK colour leave the inks below untouched.
            d.OP = True
            d.op = True
            d.OPM = 1
        return self.pdf.make_indirect(d)

    def _separation(self, spec: _Separation) -> pikepdf.Object:
        zero = [0.0] * len(spec.full) if spec.alternate == "/DeviceCMYK" else [1.0] * len(spec.full)
        tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=zero, C1=list(spec.full), N=1)
        return self.pdf.make_indirect(
            pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/" + spec.ink), pikepdf.Name(spec.alternate), tint])
        )

    def _form(self, spec: _Form) -> pikepdf.Object:
        resources = pikepdf.Dictionary()
        self.add_resources(resources, spec.content)
        group = pikepdf.Dictionary(Type=pikepdf.Name.Group, S=pikepdf.Name.Transparency)
        if self.cmyk is not None:
            group.CS = pikepdf.Name.DeviceCMYK
        stream = pikepdf.Stream(self.pdf, spec.content)
        stream.Type = pikepdf.Name.XObject
        stream.Subtype = pikepdf.Name.Form
        stream.BBox = list(spec.bbox)
        stream.Group = group
        stream.Resources = resources
        return self.pdf.make_indirect(stream)

    # images

    def _image(self, source: ImageSource) -> pikepdf.Object:
        if source.passthrough and source.format == "JPEG":
            stream = self._jpeg(source)
            if stream is not None:
                return stream
        image = source.image()
        return self._image_from_pixels(image, lossy=source.format == "JPEG")

    def _jpeg(self, source: ImageSource) -> pikepdf.Object | None:
        """The JPEG file itself as an image XObject, or None if it must be converted."""
        data = source.data
        with Image.open(io.BytesIO(data)) as header:  # reads the header only
            mode, (width, height) = header.mode, header.size
            info = dict(header.info)
        if mode not in ("L", "RGB", "CMYK") or (self.cmyk is not None and mode == "RGB"):
            return None
        stream = pikepdf.Stream(self.pdf, data)
        stream.Type = pikepdf.Name.XObject
        stream.Subtype = pikepdf.Name.Image
        stream.Width, stream.Height, stream.BitsPerComponent = width, height, 8
        stream.Filter = pikepdf.Name.DCTDecode
        icc = info.get("icc_profile")
        if mode == "RGB" and icc:
            # Keep the photo's own colour space (Adobe RGB, Display P3...) rather than calling it sRGB.
            stream.ColorSpace = pikepdf.Array([pikepdf.Name.ICCBased, self._icc_stream(icc, 3)])
        else:
            stream.ColorSpace = pikepdf.Name({"L": "/DeviceGray", "RGB": "/DeviceRGB", "CMYK": "/DeviceCMYK"}[mode])
        if mode == "CMYK" and "adobe" in info:
            # Adobe's CMYK JPEGs store inverted values (Pillow writes them so too).
            stream.Decode = [1, 0] * 4
        return self.pdf.make_indirect(stream)

    def _icc_stream(self, profile: bytes, components: int) -> pikepdf.Object:
        key = "icc:" + hashlib.sha256(profile).hexdigest()
        obj = self.res._embedded.get(key)
        if obj is None:
            stream = pikepdf.Stream(self.pdf, zlib.compress(profile))
            stream.N = components
            stream.Filter = pikepdf.Name.FlateDecode
            obj = self.res._embedded[key] = self.pdf.make_indirect(stream)
        return obj

    def _image_from_pixels(self, image: Image.Image, *, lossy: bool) -> pikepdf.Object:
        alpha: Image.Image | None = None
        if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (image.mode == "P" and "transparency" in image.info):
            image = image.convert("RGBA") if image.mode in ("P", "PA", "RGBa") else image
            alpha = image.getchannel("A")
            if alpha.getextrema() == (255, 255):
                alpha = None  # fully opaque: no soft mask needed
            image = image.convert("L" if image.mode in ("LA", "La") else "RGB")
        elif image.mode not in ("L", "RGB", "CMYK"):
            image = image.convert("L" if image.mode in ("1", "I", "I;16", "F") else "RGB")
        icc = image.info.get("icc_profile")
        if self.cmyk is not None and image.mode == "RGB":
            image = self.cmyk.image(image)
            icc = None
        stream = self._pixels_stream(image, lossy=lossy)
        if image.mode == "RGB" and icc:
            stream.ColorSpace = pikepdf.Array([pikepdf.Name.ICCBased, self._icc_stream(icc, 3)])
        if alpha is not None:
            stream.SMask = self._pixels_stream(alpha, lossy=False)
        return stream

    def _pixels_stream(self, image: Image.Image, *, lossy: bool) -> pikepdf.Object:
        space = {"L": "/DeviceGray", "RGB": "/DeviceRGB", "CMYK": "/DeviceCMYK"}[image.mode]
        if lossy:
            # A photo that had to be converted stays a JPEG: Flate would make it several times larger.
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=95, subsampling=0)
            stream = pikepdf.Stream(self.pdf, buf.getvalue())
            stream.Filter = pikepdf.Name.DCTDecode
            if image.mode == "CMYK":
                stream.Decode = [1, 0] * 4
        else:
            stream = pikepdf.Stream(self.pdf, zlib.compress(image.tobytes(), 6))
            stream.Filter = pikepdf.Name.FlateDecode
        stream.Type = pikepdf.Name.XObject
        stream.Subtype = pikepdf.Name.Image
        stream.Width, stream.Height = image.size
        stream.BitsPerComponent = 8
        stream.ColorSpace = pikepdf.Name(space)
        return self.pdf.make_indirect(stream)

    # SVG art

    def _svg(self, spec: _Svg) -> pikepdf.Object:
        vx, vy, vw, vh = spec.source.view_box

        def convert() -> bytes:
            import cairosvg

            # Rendering at the viewBox's own size makes one user unit exactly 0.75 pt on cairo's
            # page, whatever width, height and preserveAspectRatio the document declares.
            out: bytes = cairosvg.svg2pdf(bytestring=spec.source.data, output_width=vw, output_height=vh)
            return out

        version = _cache.converter_version("cairosvg", "cairocffi")
        key = _cache.key("svg2pdf", version, spec.source.key, vw, vh)
        pdf_bytes = _cache.cached("art", key, convert, check=lambda data: data.startswith(b"%PDF-"))
        with pikepdf.open(io.BytesIO(pdf_bytes)) as art:
            page = art.pages[0]
            if self.cmyk is not None:
                try:
                    _CmykRewriter(self.cmyk).page(page)
                except _Unconvertible:
                    return self._svg_raster(spec)
            form = self.pdf.copy_foreign(page.as_form_xobject())
        if self.cmyk is not None and "/Group" in form:
            form.Group.CS = pikepdf.Name.DeviceCMYK
        # Cairo's page is in points, y up, with the viewBox's top-left corner at the top-left of
        # the page: map it back to SVG user units, which the content's transform places.
        s = 1.0 / _PT_PER_SVG_UNIT
        form.Matrix = [s, 0, 0, -s, vx, vy + vh]
        return form

    def _svg_raster(self, spec: _Svg) -> pikepdf.Object:
        """The art as a CMYK image in a form with the vector form's geometry (last resort)."""
        import cairosvg

        vx, vy, vw, vh = spec.source.view_box
        mm = max(spec.mm_per_unit, 0.01)
        width = max(1, min(20000, math.ceil(vw * mm / 25.4 * _FALLBACK_DPI)))
        height = max(1, min(20000, math.ceil(vh * mm / 25.4 * _FALLBACK_DPI)))
        png = cairosvg.svg2png(bytestring=spec.source.data, output_width=width, output_height=height)
        with Image.open(io.BytesIO(png)) as im:
            image = self._image_from_pixels(im.convert("RGBA"), lossy=False)
        pw, ph = vw * _PT_PER_SVG_UNIT, vh * _PT_PER_SVG_UNIT
        stream = pikepdf.Stream(self.pdf, f"q {_n(pw)} 0 0 {_n(ph)} 0 0 cm /Im0 Do Q".encode())
        stream.Type = pikepdf.Name.XObject
        stream.Subtype = pikepdf.Name.Form
        stream.BBox = [0, 0, pw, ph]
        stream.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        s = 1.0 / _PT_PER_SVG_UNIT
        stream.Matrix = [s, 0, 0, -s, vx, vy + vh]
        return self.pdf.make_indirect(stream)


class _CmykRewriter:
    """Rewrites the DeviceRGB colours of cairosvg's PDF page (content, images, shadings) as CMYK.

    Soft masks keep their meaning: colours inside a luminosity mask become grey levels rather
    than CMYK, so the mask's shape and strength do not change.
    """

    def __init__(self, converter: ColorConverter) -> None:
        self.conv = converter
        self.seen: set[tuple[int, int]] = set()

    def page(self, page: pikepdf.Page) -> None:
        page.contents_coalesce()
        self.content(page.obj.Contents, page.obj.get("/Resources"), gray=False)
        if "/Group" in page.obj:
            page.obj.Group.CS = pikepdf.Name.DeviceCMYK

    def _once(self, obj: pikepdf.Object) -> bool:
        if not obj.is_indirect:
            return True
        key = obj.objgen
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _color(self, values: Sequence[Any], gray: bool) -> list[float]:
        r, g, b = (float(v) for v in values)
        if gray:
            return [0.2126 * r + 0.7152 * g + 0.0722 * b]
        return list(self.conv.rgb_float(r, g, b))

    def content(self, stream: pikepdf.Object, resources: pikepdf.Object | None, *, gray: bool) -> None:
        device = pikepdf.Name.DeviceGray if gray else pikepdf.Name.DeviceCMYK
        ops: list[tuple[Sequence[Any], pikepdf.Operator]] = []
        rgb_fill = rgb_stroke = False
        named = _named_rgb_spaces(resources)
        for instruction in pikepdf.parse_content_stream(stream):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                raise _Unconvertible("inline image")
            operands: Sequence[Any] = list(instruction.operands)
            op = instruction.operator
            name = str(op)
            if name in ("rg", "RG"):
                stroke = name == "RG"
                new_op = ("G" if stroke else "g") if gray else ("K" if stroke else "k")
                ops.append((self._color(operands, gray), pikepdf.Operator(new_op)))
                continue
            if name in ("cs", "CS"):
                is_rgb = operands[0] == pikepdf.Name.DeviceRGB or str(operands[0]) in named
                if name == "cs":
                    rgb_fill = is_rgb
                else:
                    rgb_stroke = is_rgb
                if is_rgb:
                    operands = [device]
            elif name in ("sc", "scn", "SC", "SCN") and (rgb_stroke if name.isupper() else rgb_fill):
                if len(operands) != 3 or not all(isinstance(v, (int, float, pikepdf.Object)) for v in operands):
                    raise _Unconvertible("pattern in an RGB colour space")
                operands = self._color(operands, gray)
            ops.append((operands, op))
        stream.write(pikepdf.unparse_content_stream(ops))
        if resources is not None:
            self.resources(resources, gray=gray)

    def resources(self, res: pikepdf.Object, *, gray: bool) -> None:
        spaces = res.get("/ColorSpace")
        if spaces is not None:
            for key, space in list(spaces.items()):
                if space == pikepdf.Name.DeviceRGB:
                    spaces[key] = pikepdf.Name.DeviceGray if gray else pikepdf.Name.DeviceCMYK
                elif _is_rgb_space(space):
                    raise _Unconvertible("ICC-based RGB colour space")
        for _, xobj in res.get("/XObject", {}).items():
            if not self._once(xobj):
                continue
            if xobj.get("/Subtype") == pikepdf.Name.Image:
                self.image(xobj, gray=gray)
            elif xobj.get("/Subtype") == pikepdf.Name.Form:
                self.form(xobj, gray=gray)
        for _, pattern in res.get("/Pattern", {}).items():
            if not self._once(pattern):
                continue
            if pattern.get("/PatternType") == 1:
                self.content(pattern, pattern.get("/Resources"), gray=gray)
            elif "/Shading" in pattern:
                self.shading(pattern.Shading, gray=gray)
        for _, shading in res.get("/Shading", {}).items():
            if self._once(shading):
                self.shading(shading, gray=gray)
        for _, gs in res.get("/ExtGState", {}).items():
            smask = gs.get("/SMask")
            if isinstance(smask, pikepdf.Dictionary) and "/G" in smask and self._once(smask.G):
                # A luminosity mask: its colours are mask values, kept as grey levels.
                self.form(smask.G, gray=True)

    def form(self, form: pikepdf.Object, *, gray: bool) -> None:
        group = form.get("/Group")
        if group is not None and group.get("/CS") == pikepdf.Name.DeviceRGB:
            group.CS = pikepdf.Name.DeviceGray if gray else pikepdf.Name.DeviceCMYK
        self.content(form, form.get("/Resources"), gray=gray)

    def shading(self, shading: pikepdf.Object, *, gray: bool) -> None:
        if shading.get("/ColorSpace") != pikepdf.Name.DeviceRGB:
            if _is_rgb_space(shading.get("/ColorSpace")):
                raise _Unconvertible("shading in an ICC-based RGB space")
            return
        if "/Function" not in shading or isinstance(shading, pikepdf.Stream):
            raise _Unconvertible("mesh shading")
        shading.ColorSpace = pikepdf.Name.DeviceGray if gray else pikepdf.Name.DeviceCMYK
        shading.Function = self.function(shading.Function, gray=gray)
        if "/Background" in shading:
            shading.Background = self._color(list(shading.Background), gray)

    def function(self, fn: pikepdf.Object, *, gray: bool) -> pikepdf.Object:
        if isinstance(fn, (pikepdf.Array, pikepdf.Stream)):
            raise _Unconvertible("sampled or per-component shading function")
        kind = int(fn.FunctionType)
        copy = pikepdf.Dictionary({k: v for k, v in fn.items()})
        if kind == 2:
            copy.C0 = self._color(list(fn.get("/C0", [0, 0, 0])), gray)
            copy.C1 = self._color(list(fn.get("/C1", [1, 1, 1])), gray)
        elif kind == 3:
            copy.Functions = [self.function(f, gray=gray) for f in fn.Functions]
        else:
            raise _Unconvertible(f"shading function of type {kind}")
        if "/Range" in copy:
            del copy["/Range"]
        return copy

    def image(self, xobj: pikepdf.Object, *, gray: bool) -> None:
        if not _is_rgb_space(xobj.get("/ColorSpace")):
            return
        assert isinstance(xobj, pikepdf.Stream)
        pil = pikepdf.PdfImage(xobj).as_pil_image()
        if pil.mode != "RGB":
            pil = pil.convert("RGB")
        out = pil.convert("L") if gray else self.conv.image(pil)
        xobj.write(zlib.compress(out.tobytes(), 6), filter=pikepdf.Name.FlateDecode)
        xobj.ColorSpace = pikepdf.Name.DeviceGray if gray else pikepdf.Name.DeviceCMYK
        xobj.BitsPerComponent = 8
        for key in ("/Decode", "/DecodeParms"):
            if key in xobj:
                del xobj[key]


def _is_rgb_space(space: pikepdf.Object | None) -> bool:
    if space is None:
        return False
    if space == pikepdf.Name.DeviceRGB:
        return True
    if isinstance(space, pikepdf.Array) and len(space) >= 2 and space[0] == pikepdf.Name.ICCBased:
        return int(space[1].get("/N", 0)) == 3
    return False


def _named_rgb_spaces(resources: pikepdf.Object | None) -> set[str]:
    if resources is None or "/ColorSpace" not in resources:
        return set()
    return {str(k) for k, v in resources.ColorSpace.items() if v == pikepdf.Name.DeviceRGB}
