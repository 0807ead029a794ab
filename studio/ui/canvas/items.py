"""Graphics items of the page: the sheet of paper, one item per layer, and the print guides.

Scene units are millimetres in the print area's frame (origin at the trim's top-left, y down),
so the display lists of :mod:`studio.render.scene` are drawn as they are. A layer item keeps the
display list laid out for the transform its layer had then; when only the transform changes (a
drag), the item is given the difference as its own transform and nothing is laid out again.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from studio.model.design import AnyLayer, ShapeLayer, Transform
from studio.model.geometry import Affine, Path, Rect
from studio.model.template import PrintArea
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, StrokePath
from studio.render.qt import draw_display_list, qpainter_path
from studio.render.scene import Document, LayerResult, lay_out_layers

from . import style

__all__ = ["GuidesItem", "LayerItem", "PageItem", "VeilItem", "lay_out_layer", "qrect", "qtransform"]


def qtransform(m: Affine) -> QTransform:
    """The QTransform of an affine matrix (same convention as :mod:`studio.render.qt`)."""
    return QTransform(m.a, m.b, m.c, m.d, m.e, m.f)


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.width, r.height)


def lay_out_layer(document: Document, layer: AnyLayer) -> LayerResult:
    """Lay out one top-level layer on its own, as :func:`lay_out_layers` does for a whole area.

    The area's other layers are not touched, which is what makes an edit cost one layer's layout.
    """
    # lay_out_layers only reads ``design.areas[area].layers``: hand it an area holding this layer.
    one = SimpleNamespace(areas={"_": SimpleNamespace(layers=[layer])})
    variables = {**document.design.variables, **document.variables}
    results = lay_out_layers(one, "_", resources=document.resources, fonts=document.fonts, variables=variables)  # type: ignore[arg-type]
    if results:
        return results[0]
    return LayerResult(layer, [], None, [])


def _local_bounds(items: list[Item], inv: Affine) -> Rect | None:
    """Bounds of ``items`` in the layer's own frame (``inv`` maps area mm back into it)."""
    out: Rect | None = None

    def add(r: Rect | None) -> None:
        nonlocal out
        if r is not None:
            out = r if out is None else out.union(r)

    for item in items:
        if isinstance(item, FillPath):
            add(None if item.path.is_empty() else item.path.transformed(inv).bounds())
        elif isinstance(item, StrokePath):
            if not item.path.is_empty():
                box = item.path.transformed(inv).bounds()
                k = min(inv.scale_factors()) * item.width / 2
                add(box.inflated(k))
        elif isinstance(item, DrawImage | DrawSvg):
            if item.clip is not None:
                add(item.clip.transformed(inv).bounds())
            else:
                w, h = item.source.size if isinstance(item, DrawImage) else item.source.view_box[2:]
                x0, y0 = (0.0, 0.0) if isinstance(item, DrawImage) else item.source.view_box[:2]
                add(Rect(x0, y0, float(w), float(h)).transformed(inv @ item.transform))
        elif isinstance(item, Group):
            if item.clip is not None:
                add(item.clip.transformed(inv).bounds())
            else:
                add(_local_bounds(item.items, inv))
    return out


class LayerItem(QGraphicsItem):
    """Draws one top-level layer's display list.

    Parameters
    ----------
    layer_id
        The layer shown.
    """

    def __init__(self, layer_id: str) -> None:
        super().__init__()
        self.layer_id = layer_id
        self._dl: DisplayList | None = None
        self._rect = QRectF()
        self._base = Affine()
        self._current = Affine()
        self._base_scale = (1.0, 1.0)
        self._hollow: float | None = None
        self.bounds: Rect | None = None
        """Bounds of the content in area mm when it was laid out."""
        self.local_bounds: Rect | None = None
        """Bounds of the content in the layer's own frame (unchanged by moves, turns and scales)."""
        self.error: str | None = None
        self.locked = False
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, False)

    # -- content ------------------------------------------------------------------------------
    def set_layout(self, result: LayerResult, area: PrintArea) -> None:
        """Show a fresh layout of the layer (laid out with its current transform)."""
        self.prepareGeometryChange()
        layer = result.layer
        self._base = layer.transform.to_affine()
        self._base_scale = (layer.transform.scale_x, layer.transform.scale_y)
        self._current = self._base
        self.locked = layer.locked
        # An unfilled shape (a frame) is picked by its outline only, so what it surrounds stays clickable.
        hollow = isinstance(layer, ShapeLayer) and layer.fill is None and layer.shape != "line"
        self._hollow = (layer.stroke.width if layer.stroke is not None else 0.0) if hollow else None  # type: ignore[union-attr]
        self.error = str(result.error) if result.error is not None else None
        self._dl = DisplayList(area_id=area.id, trim=area.trim_rect, page=area.bleed_rect(), items=result.items)
        self.bounds = result.bounds
        try:
            inv = self._base.inverse()
        except ValueError:
            inv = Affine()
        self.local_bounds = _local_bounds(result.items, inv) if result.items else None
        if self.local_bounds is None:
            # Empty text keeps a small target where it stands, so it can still be found and edited.
            self.local_bounds = Rect(-3.0, -3.0, 6.0, 6.0)
        self._rect = qrect(result.bounds.inflated(0.5)) if result.bounds is not None else QRectF()
        self.setTransform(QTransform())
        self.setVisible(layer.visible)
        self.update()

    def set_affine(self, affine: Affine) -> None:
        """Follow a new layer transform without laying out again."""
        self._current = affine
        delta = affine @ self._base.inverse()
        self.setTransform(qtransform(delta))

    def needs_settle(self, transform: Transform) -> bool:
        """Whether the layer was stretched since its layout (its strokes would be stretched too)."""
        return (transform.scale_x, transform.scale_y) != self._base_scale

    @property
    def affine(self) -> Affine:
        """The layer's current transform (layer frame to area mm)."""
        return self._current

    def scene_bounds(self) -> Rect | None:
        """Axis-aligned bounds of the content now (area mm)."""
        if self.bounds is None:
            if self.local_bounds is None:
                return None
            return self.local_bounds.transformed(self._current)
        return self.bounds.transformed(self._current @ self._base.inverse())

    def hit(self, x: float, y: float, tolerance: float = 0.0) -> bool:
        """Whether the point (area mm) is on the layer's box."""
        if self.local_bounds is None or not self.isVisible():
            return False
        try:
            lx, ly = self._current.inverse().apply(x, y)
        except ValueError:
            return False
        sx, sy = self._current.scale_factors()
        tx, ty = tolerance / max(sx, 1e-9), tolerance / max(sy, 1e-9)
        if not self.local_bounds.inflated(tx, ty).contains_point(lx, ly):
            return False
        if self._hollow is not None:
            inner = self.local_bounds.inflated(-(tx + self._hollow), -(ty + self._hollow))
            if not inner.is_empty and inner.contains_point(lx, ly):
                return False
        return True

    # -- QGraphicsItem --------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._dl is None or not self._dl.items:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        draw_display_list(painter, self._dl, pixel_scale=max(scale, 1e-3))


class PageItem(QGraphicsItem):
    """The sheet: paper (or stock colour) and the design's background over the bleed box, with a soft shadow."""

    def __init__(self) -> None:
        super().__init__()
        self._page = QRectF()
        self._paper = QColor(Qt.GlobalColor.white)
        self._background: QColor | None = None
        self._mm_per_px = 0.25
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(-1000)

    def set_page(self, area: PrintArea, background: Any) -> None:
        self.prepareGeometryChange()
        self._page = qrect(area.bleed_rect())
        self._paper = QColor(area.background.hex) if area.background is not None else QColor(Qt.GlobalColor.white)
        self._background = QColor(background.hex) if background is not None else None
        self.update()

    def set_paper(self, colour: str | None) -> None:
        """What the area is printed on (``#RRGGBB``); None keeps the area's stock or white paper."""
        if colour is not None:
            self._paper = QColor(colour)
            self.update()

    @property
    def paper(self) -> QColor:
        return QColor(self._paper)

    def set_background(self, background: Any) -> None:
        self._background = QColor(background.hex) if background is not None else None
        self.update()

    def set_pixel_size(self, mm_per_px: float) -> None:
        """Keep the shadow a fixed number of screen pixels wide."""
        self.prepareGeometryChange()
        self._mm_per_px = mm_per_px

    def boundingRect(self) -> QRectF:
        m = style.SHADOW_PX * 2 * self._mm_per_px
        return self._page.adjusted(-m, -m, m, m)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        page = painter.worldTransform().mapRect(self._page)
        painter.save()
        painter.resetTransform()
        painter.setPen(Qt.PenStyle.NoPen)
        # A soft shadow: concentric rounded rectangles, fainter as they spread, offset downwards.
        steps = style.SHADOW_PX
        for i in range(steps, 0, -1):
            alpha = int(style.SHADOW_ALPHA * (1 - i / (steps + 1)) ** 2)
            painter.setBrush(QColor(0, 0, 0, alpha))
            painter.drawRoundedRect(page.adjusted(-i, -i + 2, i, i + 2), i, i)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(page, self._paper)
        if self._background is not None:
            painter.fillRect(page, self._background)
        painter.restore()


class VeilItem(QGraphicsItem):
    """The pasteboard seen through: content outside the bleed box shows faded, as in Affinity."""

    def __init__(self) -> None:
        super().__init__()
        self._page = QRectF()
        self._outer = QRectF()
        self.setZValue(5000)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rects(self, page: QRectF, outer: QRectF) -> None:
        self.prepareGeometryChange()
        self._page, self._outer = page, outer

    def boundingRect(self) -> QRectF:
        return self._outer

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        path.addRect(self._outer)
        path.addRect(self._page)
        painter.fillPath(path, style.VEIL)


class GuidesItem(QGraphicsItem):
    """Trim (solid), bleed (dashed red), safe area (dashed green) and the die line of shaped areas.

    Cosmetic pens keep every line one or two screen pixels wide at any zoom. This item is part of
    the canvas only: exports draw display lists, which never contain guides.
    """

    def __init__(self) -> None:
        super().__init__()
        self._trim = QPainterPath()
        self._bleed = QPainterPath()
        self._safe = QPainterPath()
        self._die: QPainterPath | None = None
        self._rect = QRectF()
        self.setZValue(6000)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_area(self, area: PrintArea) -> None:
        self.prepareGeometryChange()
        trim = area.trim_rect
        self._trim = qpainter_path(Path.rectangle(trim.x, trim.y, trim.width, trim.height))
        b = area.bleed_rect()
        self._bleed = qpainter_path(Path.rectangle(b.x, b.y, b.width, b.height))
        self._safe = qpainter_path(area.safe_outline())
        self._die = qpainter_path(area.outline()) if area.shape.kind != "rectangle" else None
        self._rect = qrect(b.union(area.outline().bounds())).adjusted(-1, -1, 1, 1)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(style.BLEED, 1.0, dashed=True))
        painter.drawPath(self._bleed)
        painter.setPen(_pen(style.TRIM, 1.0))
        painter.drawPath(self._trim)
        painter.setPen(_pen(style.SAFE, 1.0, dashed=True))
        painter.drawPath(self._safe)
        if self._die is not None:
            painter.setPen(_pen(style.DIE_LINE, 1.5))
            painter.drawPath(self._die)


def _pen(color: QColor, width: float, *, dashed: bool = False) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)
    if dashed:
        pen.setDashPattern([5.0, 4.0])
    return pen


def device_point(painter: QPainter, x: float, y: float) -> QPointF:
    """Where a scene point lands on the device (for drawing fixed-size marks)."""
    return painter.worldTransform().map(QPointF(x, y))


def unit(dx: float, dy: float) -> tuple[float, float]:
    n = math.hypot(dx, dy)
    return (0.0, -1.0) if n < 1e-12 else (dx / n, dy / n)
