"""The selection overlay: frames, scale and rotate handles, hover outline, smart guides, rubber band.

Everything here is drawn at a fixed size in screen pixels on top of the page, and none of it is
part of a display list, so no export ever sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from studio.model.geometry import Affine, Rect

from . import style
from .snapping import SnapGuide

__all__ = ["HANDLES", "Frame", "SelectionOverlay"]

HANDLES: dict[str, tuple[float, float]] = {
    "nw": (0.0, 0.0),
    "n": (0.5, 0.0),
    "ne": (1.0, 0.0),
    "e": (1.0, 0.5),
    "se": (1.0, 1.0),
    "s": (0.5, 1.0),
    "sw": (0.0, 1.0),
    "w": (0.0, 0.5),
}
"""Scale handles by compass name, as fractions of the frame's width and height."""
OPPOSITE = {"nw": "se", "n": "s", "ne": "sw", "e": "w", "se": "nw", "s": "n", "sw": "ne", "w": "e"}
CORNERS = ("nw", "ne", "se", "sw")


@dataclass(frozen=True)
class Frame:
    """The box handles are drawn on: ``box`` in a frame that ``affine`` maps onto the page.

    For one layer, that is the layer's own frame (so handles turn with it); for several, the page
    itself and the union of their bounds.
    """

    box: Rect
    affine: Affine
    sides: bool = True

    def local(self, name: str) -> tuple[float, float]:
        fx, fy = HANDLES[name]
        return (self.box.x + fx * self.box.width, self.box.y + fy * self.box.height)

    def point(self, name: str) -> tuple[float, float]:
        """A handle's position on the page (mm)."""
        return self.affine.apply(*self.local(name))

    def center(self) -> tuple[float, float]:
        return self.affine.apply(*self.box.center)

    def polygon(self) -> list[tuple[float, float]]:
        return [self.point(n) for n in CORNERS]

    def up(self) -> tuple[float, float]:
        """The unit direction from the frame's top edge outwards, on the page."""
        x0, y0 = self.affine.apply(self.box.center[0], self.box.top)
        x1, y1 = self.affine.apply(self.box.center[0], self.box.top - 1.0)
        dx, dy = x1 - x0, y1 - y0
        n = math.hypot(dx, dy)
        return (0.0, -1.0) if n < 1e-12 else (dx / n, dy / n)

    def rotate_handle(self, mm_per_px: float) -> tuple[float, float]:
        x, y = self.point("n")
        ux, uy = self.up()
        d = style.ROTATE_OFFSET_PX * mm_per_px
        return (x + ux * d, y + uy * d)

    def handle_names(self) -> list[str]:
        return list(HANDLES) if self.sides else list(CORNERS)

    def scene_bounds(self) -> Rect:
        return Rect.from_points(self.polygon())


def _poly(points: list[tuple[float, float]]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


class SelectionOverlay(QGraphicsItem):
    """Draws the selection, hover outline, smart guides, rubber band and a size/angle badge."""

    def __init__(self) -> None:
        super().__init__()
        self.frame: Frame | None = None
        self.outlines: list[list[tuple[float, float]]] = []
        self.hover: list[tuple[float, float]] | None = None
        self.guides: list[SnapGuide] = []
        self.band: Rect | None = None
        self.badge: tuple[str, float, float] | None = None
        self.show_handles = True
        self._mm_per_px = 0.25
        self._rect = QRectF()
        self.setZValue(10_000)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_pixel_size(self, mm_per_px: float) -> None:
        self._mm_per_px = mm_per_px
        self.refresh()

    @property
    def mm_per_px(self) -> float:
        return self._mm_per_px

    def refresh(self) -> None:
        """Recompute the area to repaint after any of the public fields changed."""
        points: list[tuple[float, float]] = []
        if self.frame is not None:
            points += self.frame.polygon()
            points.append(self.frame.rotate_handle(self._mm_per_px))
        for outline in self.outlines:
            points += outline
        if self.hover:
            points += self.hover
        for g in self.guides:
            points += [(g.value, g.start), (g.value, g.end)] if g.vertical else [(g.start, g.value), (g.end, g.value)]
        if self.band is not None:
            points += self.band.corners()
        if self.badge is not None:
            _text, bx, by = self.badge
            points += [
                (bx - 160 * self._mm_per_px, by - 60 * self._mm_per_px),
                (bx + 160 * self._mm_per_px, by + 60 * self._mm_per_px),
            ]
        self.prepareGeometryChange()
        if points:
            r = Rect.from_points(points)
            m = (style.HANDLE_PX + 4) * self._mm_per_px
            self._rect = QRectF(r.x - m, r.y - m, r.width + 2 * m, r.height + 2 * m)
        else:
            self._rect = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        world = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

        def dev(points: list[tuple[float, float]]) -> QPolygonF:
            return world.map(_poly(points))

        if self.band is not None:
            painter.setPen(QPen(style.ACCENT, 1.0))
            painter.setBrush(style.RUBBER_FILL)
            painter.drawRect(world.mapRect(QRectF(self.band.x, self.band.y, self.band.width, self.band.height)))
        if self.hover:
            painter.setPen(QPen(style.HOVER, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(dev(self.hover))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        thin = QPen(style.ACCENT, 1.0)
        for outline in self.outlines:
            painter.setPen(thin)
            painter.drawPolygon(dev(outline))
        if self.frame is not None:
            painter.setPen(QPen(style.ACCENT, 1.5))
            painter.drawPolygon(dev(self.frame.polygon()))
            if self.show_handles:
                self._paint_handles(painter, world)
        if self.guides:
            pen = QPen(style.SMART_GUIDE, 1.0)
            painter.setPen(pen)
            for g in self.guides:
                a = (g.value, g.start) if g.vertical else (g.start, g.value)
                b = (g.value, g.end) if g.vertical else (g.end, g.value)
                pa, pb = world.map(QPointF(*a)), world.map(QPointF(*b))
                painter.drawLine(pa, pb)
                for p in (pa, pb):
                    painter.drawLine(p + QPointF(-3, -3), p + QPointF(3, 3))
                    painter.drawLine(p + QPointF(-3, 3), p + QPointF(3, -3))
        if self.badge is not None:
            self._paint_badge(painter, world)
        painter.restore()

    def _paint_handles(self, painter: QPainter, world: object) -> None:
        frame = self.frame
        assert frame is not None
        s = style.HANDLE_PX
        top = world.map(QPointF(*frame.point("n")))  # type: ignore[attr-defined]
        knob = world.map(QPointF(*frame.rotate_handle(self._mm_per_px)))  # type: ignore[attr-defined]
        painter.setPen(QPen(style.ACCENT, 1.0))
        painter.drawLine(top, knob)
        painter.setBrush(QBrush(Qt.GlobalColor.white))
        painter.setPen(QPen(style.ACCENT, 1.5))
        painter.drawEllipse(knob, s / 2 + 1, s / 2 + 1)
        for name in frame.handle_names():
            p = world.map(QPointF(*frame.point(name)))  # type: ignore[attr-defined]
            painter.drawRect(QRectF(p.x() - s / 2, p.y() - s / 2, s, s))

    def _paint_badge(self, painter: QPainter, world: object) -> None:
        assert self.badge is not None
        text, x, y = self.badge
        p = world.map(QPointF(x, y))  # type: ignore[attr-defined]
        font = QFont(painter.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        w, h = metrics.horizontalAdvance(text) + 12, metrics.height() + 6
        box = QRectF(p.x() + 14, p.y() + 18, w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(33, 37, 41, 230))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor(Qt.GlobalColor.white))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
