"""Small pictures of single layers for the layers list, drawn by the same renderer as the canvas.

A layer is laid out on its own, unrotated and centred, and fitted into a small image. Pictures
are cached by the layer's content (its JSON form), so an edit redraws only the layer it changed.
"""

from __future__ import annotations

import hashlib
import sys
from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QTransform

from studio.model.design import AnyLayer, AreaDesign, Design, GroupLayer, Transform
from studio.model.errors import StudioError
from studio.render.display import DisplayList
from studio.render.qt import draw_display_list
from studio.render.scene import Document, lay_out_layers

THUMB = QSize(36, 26)
_AREA = "thumbnail"
_NOT_DRAWN = {"transform", "visible", "locked", "name", "opacity"}


class LayerThumbnails:
    """Thumbnails of layers of one document, cached by content.

    Parameters
    ----------
    document
        Gives the resources (images, art), fonts and variables the layers need.
    limit
        How many pictures to keep.
    """

    def __init__(self, document: Document, *, limit: int = 400) -> None:
        self.document = document
        self._cache: OrderedDict[str, QPixmap | None] = OrderedDict()
        self._limit = limit

    def key(self, layer: AnyLayer) -> str:
        """What ``layer``'s picture depends on: its content and the variables, not where it lies."""
        if isinstance(layer, GroupLayer):
            return ""
        variables = {**self.document.design.variables, **self.document.variables}
        blob = layer.model_dump_json(exclude=_NOT_DRAWN)
        return hashlib.blake2b((blob + repr(sorted(variables.items()))).encode(), digest_size=12).hexdigest()

    def get(self, layer: AnyLayer, *, key: str | None = None) -> QPixmap | None:
        """A picture of ``layer``, or None when it draws nothing (an empty text, a broken asset).

        ``key`` is ``self.key(layer)`` when the caller already has it.
        """
        if isinstance(layer, GroupLayer):
            return None
        variables = {**self.document.design.variables, **self.document.variables}
        if key is None:
            key = self.key(layer)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        picture = self._render(layer, variables)
        self._cache[key] = picture
        if len(self._cache) > self._limit:
            self._cache.popitem(last=False)
        return picture

    def _render(self, layer: AnyLayer, variables: dict[str, str]) -> QPixmap | None:
        alone = layer.model_copy(deep=True)
        alone.transform = Transform(scale_x=1.0 if alone.transform.scale_x > 0 else -1.0)
        alone.visible = True
        alone.opacity = 1.0
        design = Design(template=self.document.design.template, areas={_AREA: AreaDesign(layers=[alone])})
        try:
            results = lay_out_layers(
                design, _AREA, resources=self.document.resources, fonts=self.document.fonts, variables=variables
            )
        except (StudioError, ValueError):
            return None
        if not results or results[0].error is not None or results[0].bounds is None:
            return None
        result = results[0]
        bounds = result.bounds
        assert bounds is not None
        ratio = 2.0
        width, height = THUMB.width() * ratio, THUMB.height() * ratio
        image = QImage(int(width), int(height), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        pad = 2 * ratio
        bw, bh = max(bounds.width, 1e-3), max(bounds.height, 1e-3)
        scale = min((width - 2 * pad) / bw, (height - 2 * pad) / bh)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        transform = QTransform.fromTranslate(-bounds.center[0], -bounds.center[1]) * QTransform.fromScale(scale, scale)
        transform = transform * QTransform.fromTranslate(width / 2, height / 2)
        painter.setWorldTransform(transform)
        dl = DisplayList(area_id=_AREA, trim=bounds, page=bounds, items=result.items)
        try:
            draw_display_list(painter, dl, pixel_scale=scale)
        except (StudioError, ValueError):
            painter.end()
            return None
        painter.end()
        if _coverage(image) < 0.01:
            return None  # a hairline frame or rule: the kind's icon says more
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap


def _coverage(image: QImage) -> float:
    """The fraction of the image's pixels that are not transparent."""
    view = image.constBits()
    data = np.frombuffer(view, dtype=np.uint8)
    alpha = data[3::4] if sys.byteorder == "little" else data[0::4]  # ARGB32 words in memory order
    return float(np.count_nonzero(alpha > 32)) / max(1, alpha.size)


def framed(picture: QPixmap | None, fallback: QPixmap) -> QPixmap:
    """``picture`` (or ``fallback``, an icon) centred on a light checkered tile with a hairline frame."""
    ratio = 2.0
    tile = QPixmap(int(THUMB.width() * ratio), int(THUMB.height() * ratio))
    tile.setDevicePixelRatio(ratio)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(0.5, 0.5, THUMB.width() - 1, THUMB.height() - 1)
    painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#EEEEEE"))
    painter.setClipRect(rect.adjusted(1, 1, -1, -1))
    for y in range(0, THUMB.height(), 4):
        for x in range((y // 4) % 2 * 4, THUMB.width(), 8):
            painter.drawRect(QRectF(x, y, 4, 4))
    painter.setClipping(False)
    shown = picture or fallback
    size = shown.deviceIndependentSize()
    x = round((THUMB.width() - size.width()) / 2)
    y = round((THUMB.height() - size.height()) / 2)
    painter.drawPixmap(QRectF(x, y, size.width(), size.height()), shown, QRectF(shown.rect()))
    painter.end()
    return tile
