"""The raster backend: draws a display list with QPainter.

Used by the canvas, PNG export, thumbnails and mockups. The painter is given millimetres; this
module picks image proxies and rasterises vector art at the resolution the device actually needs,
so a 24-megapixel photo shown in a thumbnail never gets decoded in full.

Clips are applied through an offscreen layer and an antialiased mask rather than
``QPainter.setClipPath``, whose raster clip is aliased: a circular photo frame must have the same
smooth edge here as in the PDF and SVG exports.
"""

from __future__ import annotations

import math
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen, QTransform

from studio import _cache
from studio.model.geometry import Affine, Path, Rect
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, StrokePath

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

    from studio.render.sources import ImageSource, SvgSource

__all__ = ["draw_display_list", "qimage_to_pil", "qpainter_path", "render_image"]

# Proxies are requested in steps of √2 so that a zoom or a resize reuses the proxy an image
# source has cached, while never handing the device fewer pixels than it shows.
_PROXY_MIN_SIDE = 64
# The largest raster (pixels) vector art is rasterised to; beyond it the art is scaled up.
_MAX_SVG_PIXELS = 64_000_000
_CACHE_BUDGET = 160 * 1024 * 1024

_JOINS = {"miter": Qt.PenJoinStyle.SvgMiterJoin, "round": Qt.PenJoinStyle.RoundJoin, "bevel": Qt.PenJoinStyle.BevelJoin}
_CAPS = {"butt": Qt.PenCapStyle.FlatCap, "round": Qt.PenCapStyle.RoundCap, "square": Qt.PenCapStyle.SquareCap}
_FILL_RULES = {"nonzero": Qt.FillRule.WindingFill, "evenodd": Qt.FillRule.OddEvenFill}


class _ImageCache:
    """A least-recently-used cache of QImages bounded by their total size in bytes."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._items: OrderedDict[tuple[str, int, int], QImage] = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int, int]) -> QImage | None:
        with self._lock:
            image = self._items.get(key)
            if image is not None:
                self._items.move_to_end(key)
            return image

    def put(self, key: tuple[str, int, int], image: QImage) -> None:
        size = image.sizeInBytes()
        if size > self._budget // 2:
            return  # a full-resolution export raster would only push everything else out
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._used -= old.sizeInBytes()
            self._items[key] = image
            self._used += size
            while self._used > self._budget and self._items:
                _, dropped = self._items.popitem(last=False)
                self._used -= dropped.sizeInBytes()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._used = 0


_images = _ImageCache(_CACHE_BUDGET)
_svgs = _ImageCache(_CACHE_BUDGET)


def clear_caches() -> None:
    """Forget the decoded images and rasterised vector art kept between draws."""
    _images.clear()
    _svgs.clear()


# -- public API --------------------------------------------------------------------------------


def render_image(
    dl: DisplayList,
    *,
    dpi: float,
    transparent: bool = False,
    mirror: bool = False,
    region: Rect | None = None,
) -> QImage:
    """Render a display list to a new image.

    Parameters
    ----------
    dl
        What to draw.
    dpi
        Resolution in dots per inch.
    transparent
        Leave the background transparent instead of white paper.
    mirror
        Flip the picture left to right (for transfers printed face down).
    region
        The rectangle to cover, in the area's millimetres; ``dl.page`` when None.

    Returns
    -------
    QImage
        ``Format_ARGB32_Premultiplied``, ``round(mm * dpi / 25.4)`` pixels on each side, with its
        dots-per-metre set from ``dpi``. The region's edges map exactly onto the image's edges.
    """
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    _ensure_gui_application()
    rect = dl.page if region is None else region
    width = max(1, round(rect.width * dpi / 25.4))
    height = max(1, round(rect.height * dpi / 25.4))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise MemoryError(f"cannot allocate a {width} x {height} pixel image")
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor(255, 255, 255))
    sx = width / rect.width if rect.width > 0 else 1.0
    sy = height / rect.height if rect.height > 0 else 1.0
    transform = QTransform.fromTranslate(-rect.x, -rect.y) * QTransform.fromScale(sx, sy)
    if mirror:
        transform = transform * QTransform(-1.0, 0.0, 0.0, 1.0, float(width), 0.0)
    painter = QPainter(image)
    try:
        _set_hints(painter)
        painter.setWorldTransform(transform)
        draw_display_list(painter, dl, pixel_scale=max(sx, sy))
    finally:
        painter.end()
    return image


def draw_display_list(painter: QPainter, dl: DisplayList, *, pixel_scale: float) -> None:
    """Draw every item of ``dl`` with ``painter``.

    Parameters
    ----------
    painter
        An active painter whose world transform maps the area's millimetres onto the device.
    dl
        What to draw.
    pixel_scale
        Device pixels per millimetre. The resolution of images and vector art is chosen from the
        painter's full transform (which also knows about rotation and the device pixel ratio);
        ``pixel_scale`` is the floor used when that transform is degenerate.
    """
    _Drawer(painter, pixel_scale).items(dl.items)


def qimage_to_pil(img: QImage, *, alpha: bool | None = None) -> PilImage:
    """Convert a QImage to a Pillow image.

    Parameters
    ----------
    img
        The image.
    alpha
        Make an RGBA image (True) or an RGB one (False: alpha is dropped, so only opaque images
        should be converted so); None follows whether ``img`` has an alpha channel.

    Returns
    -------
    PIL.Image.Image
        A new image that does not share memory with ``img``.
    """
    from PIL import Image

    if alpha is None:
        alpha = img.hasAlphaChannel()
    if alpha:
        converted = img.convertToFormat(QImage.Format.Format_RGBA8888)
        mode = "RGBA"
    else:
        converted = img.convertToFormat(QImage.Format.Format_RGB888)
        mode = "RGB"
    size = (converted.width(), converted.height())
    data = bytes(converted.constBits())
    # ``data`` is an immutable copy, so the Pillow image may keep referring to it.
    return Image.frombuffer(mode, size, data, "raw", mode, converted.bytesPerLine(), 1)


def qpainter_path(path: Path) -> QPainterPath:
    """The QPainterPath of a geometry path, with its fill rule."""
    out = QPainterPath()
    for seg in path.segments:
        op = seg[0]
        if op == "M":
            out.moveTo(seg[1], seg[2])  # type: ignore[misc]
        elif op == "L":
            out.lineTo(seg[1], seg[2])  # type: ignore[misc]
        elif op == "C":
            out.cubicTo(seg[1], seg[2], seg[3], seg[4], seg[5], seg[6])  # type: ignore[misc]
        elif op == "Q":
            out.quadTo(seg[1], seg[2], seg[3], seg[4])  # type: ignore[misc]
        else:
            out.closeSubpath()
    out.setFillRule(_FILL_RULES[path.fill_rule])
    return out


# -- drawing -----------------------------------------------------------------------------------


def _ensure_gui_application() -> None:
    """Make sure a QGuiApplication exists (headless when there is no display to talk to)."""
    if QGuiApplication.instance() is not None:
        return
    if (
        sys.platform.startswith("linux")
        and "QT_QPA_PLATFORM" not in os.environ
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    global _app
    _app = QGuiApplication([])


_app: QGuiApplication | None = None


def _set_hints(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)


def _qtransform(m: Affine) -> QTransform:
    return QTransform(m.a, m.b, m.c, m.d, m.e, m.f)


def _qcolor(item: FillPath | StrokePath) -> QColor:
    r, g, b = item.color.rgb
    return QColor(r, g, b)


def _control_bounds(path: Path) -> Rect:
    """A box holding every point of ``path`` (curves lie inside their control points)."""
    xs: list[float] = []
    ys: list[float] = []
    for seg in path.segments:
        coords = seg[1:]
        xs.extend(coords[0::2])
        ys.extend(coords[1::2])
    if not xs:
        return Rect(0.0, 0.0, 0.0, 0.0)
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _item_bounds(item: Item) -> Rect | None:
    """Where ``item`` may paint (area mm), or None if it paints nothing."""
    if isinstance(item, FillPath):
        return None if item.path.is_empty() else _control_bounds(item.path)
    if isinstance(item, StrokePath):
        # Miter joins reach at most miterlimit/2 = 2 widths beyond the path.
        return _control_bounds(item.path).inflated(2.0 * item.width)
    if isinstance(item, DrawImage):
        iw, ih = item.source.size
        box = Rect(0.0, 0.0, float(iw), float(ih)).transformed(item.transform)
    elif isinstance(item, DrawSvg):
        vx, vy, vw, vh = item.source.view_box
        box = Rect(vx, vy, vw, vh).transformed(item.transform)
    else:
        box_or_none: Rect | None = None
        for child in item.items:
            child_box = _item_bounds(child)
            if child_box is not None:
                box_or_none = child_box if box_or_none is None else box_or_none.union(child_box)
        if box_or_none is None:
            return None
        box = box_or_none
    if item.clip is not None:
        return box.intersection(_control_bounds(item.clip))
    return box


def _device_rect(painter: QPainter) -> QRectF:
    """The device's extent in the painter's logical pixels (before any world transform)."""
    device = painter.device()
    if isinstance(device, QImage):
        size: QSizeF = device.deviceIndependentSize()
        return QRectF(0.0, 0.0, size.width(), size.height())
    return QRectF(0.0, 0.0, float(device.width()), float(device.height()))


def _quantised_side(needed: float) -> int:
    """The smallest √2 step at or above ``needed`` pixels."""
    if needed <= _PROXY_MIN_SIDE:
        return _PROXY_MIN_SIDE
    steps: int = math.ceil(2.0 * math.log2(needed / _PROXY_MIN_SIDE) - 1e-9)
    side: int = math.ceil(_PROXY_MIN_SIDE * 2.0 ** (steps / 2.0))
    return side


class _Drawer:
    def __init__(self, painter: QPainter, pixel_scale: float) -> None:
        self.painter = painter
        self.pixel_scale = pixel_scale

    # Device pixels per unit along each axis of ``m`` once drawn through the painter.
    def _device_scale(self, painter: QPainter, m: Affine) -> tuple[float, float]:
        world = painter.worldTransform()
        full = _qtransform(m) * world
        dpr = painter.device().devicePixelRatioF()
        sx = math.hypot(full.m11(), full.m12()) * dpr
        sy = math.hypot(full.m21(), full.m22()) * dpr
        if not (sx > 0 and sy > 0):
            mx, my = m.scale_factors()
            sx, sy = mx * self.pixel_scale, my * self.pixel_scale
        return sx, sy

    def items(self, items: list[Item], painter: QPainter | None = None) -> None:
        p = painter or self.painter
        for item in items:
            self.item(p, item)

    def item(self, painter: QPainter, item: Item) -> None:
        if isinstance(item, FillPath):
            self._fill(painter, item)
        elif isinstance(item, StrokePath):
            self._stroke(painter, item)
        elif isinstance(item, Group):
            if not item.items or item.opacity <= 0.0:
                return
            if item.clip is None and item.opacity >= 1.0:
                self.items(item.items, painter)
            else:
                self._layer(painter, item, lambda lp: self.items(item.items, lp), opacity=item.opacity)
        elif isinstance(item, DrawImage | DrawSvg):
            if item.opacity <= 0.0:
                return
            draw = self._image if isinstance(item, DrawImage) else self._svg
            if item.clip is None:
                draw(painter, item, item.opacity)  # type: ignore[arg-type]
            else:
                self._layer(painter, item, lambda lp: draw(lp, item, 1.0), opacity=item.opacity)  # type: ignore[arg-type]

    def _fill(self, painter: QPainter, item: FillPath) -> None:
        if item.opacity <= 0.0 or item.path.is_empty():
            return
        painter.save()
        painter.setOpacity(painter.opacity() * item.opacity)
        painter.fillPath(qpainter_path(item.path), QBrush(_qcolor(item)))
        painter.restore()

    def _stroke(self, painter: QPainter, item: StrokePath) -> None:
        if item.opacity <= 0.0 or item.width <= 0.0 or item.path.is_empty():
            return
        pen = QPen(_qcolor(item))
        pen.setWidthF(item.width)
        pen.setJoinStyle(_JOINS[item.join])
        pen.setCapStyle(_CAPS[item.cap])
        # With SvgMiterJoin, Qt's limit is SVG's ratio (measured: corners beyond it bevel alike);
        # 4 is the SVG and PDF default, so every backend cuts the same corners.
        pen.setMiterLimit(4.0)
        painter.save()
        painter.setOpacity(painter.opacity() * item.opacity)
        painter.strokePath(qpainter_path(item.path), pen)
        painter.restore()

    def _layer(
        self, painter: QPainter, item: Group | DrawImage | DrawSvg, draw: Callable[[QPainter], None], *, opacity: float
    ) -> None:
        """Draw into an offscreen layer, mask it with the item's clip, composite with ``opacity``."""
        bounds = _item_bounds(item)
        if bounds is None or bounds.is_empty:
            return
        world = painter.worldTransform()
        target = world.mapRect(QRectF(bounds.x, bounds.y, bounds.width, bounds.height)).intersected(
            _device_rect(painter)
        )
        if target.isEmpty():
            return
        # One pixel of margin keeps antialiased edges whole.
        box: QRect = target.toAlignedRect().adjusted(-1, -1, 1, 1)
        dpr = painter.device().devicePixelRatioF()
        layer = QImage(
            max(1, math.ceil(box.width() * dpr)),
            max(1, math.ceil(box.height() * dpr)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        layer.setDevicePixelRatio(dpr)
        layer.fill(Qt.GlobalColor.transparent)
        layer_world = world * QTransform.fromTranslate(-box.x(), -box.y())
        lp = QPainter(layer)
        try:
            _set_hints(lp)
            lp.setWorldTransform(layer_world)
            draw(lp)
            if item.clip is not None:
                mask = QImage(layer.size(), QImage.Format.Format_ARGB32_Premultiplied)
                mask.setDevicePixelRatio(dpr)
                mask.fill(Qt.GlobalColor.transparent)
                mp = QPainter(mask)
                _set_hints(mp)
                mp.setWorldTransform(layer_world)
                mp.fillPath(qpainter_path(item.clip), QBrush(QColor(0, 0, 0)))
                mp.end()
                lp.resetTransform()
                lp.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
                lp.drawImage(QPointF(0.0, 0.0), mask)
        finally:
            lp.end()
        painter.save()
        painter.resetTransform()
        painter.setOpacity(painter.opacity() * opacity)
        painter.drawImage(QPointF(box.x(), box.y()), layer)
        painter.restore()

    def _image(self, painter: QPainter, item: DrawImage, opacity: float) -> None:
        source = item.source
        w, h = source.size
        if w <= 0 or h <= 0:
            return
        sx, sy = self._device_scale(painter, item.transform)
        longest = max(w, h)
        needed = longest * max(sx, sy)
        side = _quantised_side(needed)
        qimage = _source_qimage(source, None if side >= longest else side)
        painter.save()
        painter.setOpacity(painter.opacity() * opacity)
        scale = QTransform.fromScale(w / qimage.width(), h / qimage.height())
        painter.setWorldTransform(scale * _qtransform(item.transform) * painter.worldTransform())
        painter.drawImage(QPointF(0.0, 0.0), qimage)
        painter.restore()

    def _svg(self, painter: QPainter, item: DrawSvg, opacity: float) -> None:
        source = item.source
        vx, vy, vw, vh = source.view_box
        if vw <= 0 or vh <= 0:
            return
        sx, sy = self._device_scale(painter, item.transform)
        pw, ph = vw * sx, vh * sy
        if pw * ph > _MAX_SVG_PIXELS:
            k = math.sqrt(_MAX_SVG_PIXELS / (pw * ph))
            pw, ph = pw * k, ph * k
        width, height = max(1, math.ceil(pw - 1e-6)), max(1, math.ceil(ph - 1e-6))
        raster = _svg_qimage(source, width, height)
        if raster is None:
            return
        painter.save()
        painter.setOpacity(painter.opacity() * opacity)
        place = QTransform.fromScale(vw / width, vh / height) * QTransform.fromTranslate(vx, vy)
        painter.setWorldTransform(place * _qtransform(item.transform) * painter.worldTransform())
        painter.drawImage(QPointF(0.0, 0.0), raster)
        painter.restore()


# -- assets to QImage --------------------------------------------------------------------------


def _source_qimage(source: ImageSource, max_side: int | None) -> QImage:
    """The image (or a proxy of it no longer than ``max_side``) as a QImage, cached."""
    key = (source.key, max_side or 0, 0)
    cached = _images.get(key)
    if cached is not None:
        return cached
    pil = source.image() if max_side is None else source.proxy(max_side)
    qimage = pil_to_qimage(pil)
    _images.put(key, qimage)
    return qimage


def pil_to_qimage(pil: PilImage) -> QImage:
    """Convert a Pillow image to a QImage (CMYK and palette images become RGB or RGBA)."""
    mode = pil.mode
    if mode == "CMYK" or mode not in ("RGB", "RGBA", "L"):
        has_alpha = mode in ("LA", "PA", "RGBa", "La") or (mode == "P" and "transparency" in pil.info)
        pil = pil.convert("RGBA" if has_alpha else "RGB")
        mode = pil.mode
    formats = {
        "RGB": (QImage.Format.Format_RGB888, 3),
        "RGBA": (QImage.Format.Format_RGBA8888, 4),
        "L": (QImage.Format.Format_Grayscale8, 1),
    }
    fmt, bpp = formats[mode]
    w, h = pil.size
    data = pil.tobytes()
    return QImage(data, w, h, w * bpp, fmt).copy()


def _svg_qimage(source: SvgSource, width: int, height: int) -> QImage | None:
    """Vector art rasterised by cairosvg to exactly ``width`` x ``height`` pixels, cached."""
    key = (source.key, width, height)
    cached = _svgs.get(key)
    if cached is not None:
        return cached

    def convert() -> bytes:
        import cairosvg  # only art that is not in the cache yet pays for loading cairo

        out: bytes = cairosvg.svg2png(bytestring=source.data, output_width=width, output_height=height) or b""
        return out

    version = _cache.converter_version("cairosvg", "cairocffi")
    disk_key = _cache.key("svg2png", version, source.key, width, height)
    png = _cache.cached("art", disk_key, convert)
    if not png:
        return None
    qimage = QImage.fromData(png)
    if qimage.isNull():
        return None
    qimage = qimage.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    _svgs.put(key, qimage)
    return qimage
