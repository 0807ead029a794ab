"""Rulers along the top and left of the canvas, in millimetres or inches, following zoom and scroll."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from studio.model.geometry import Rect
from studio.ui.units import MM_PER_UNIT

from . import style
from .view import CanvasView

__all__ = ["Ruler", "tick_steps"]

_MM_STEPS = (1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0)
_IN_STEPS = (1 / 16, 1 / 8, 1 / 4, 1 / 2, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)
_MIN_LABEL_PX = 56.0


def tick_steps(px_per_unit: float, units: str) -> tuple[float, int]:
    """The labelled step (in ``units``) and how many minor ticks divide it, for a zoom.

    Parameters
    ----------
    px_per_unit
        Screen pixels per unit (mm or inch).
    units
        ``mm`` or ``in``.

    Returns
    -------
    tuple
        ``(major_step, subdivisions)``: labels at least ~56 px apart, minor ticks at least ~5 px.
    """
    steps = _MM_STEPS if units == "mm" else _IN_STEPS
    major = next((s for s in steps if s * px_per_unit >= _MIN_LABEL_PX), steps[-1])
    for sub in (10, 8, 5, 4, 2):
        if units == "mm" and sub in (8, 4):
            continue
        if units == "in" and sub in (10, 5):
            continue
        if major * px_per_unit / sub >= 5.0:
            return major, sub
    return major, 1


class Ruler(QWidget):
    """A ruler for ``view``; horizontal along the top, vertical along the left.

    The page's extent is shown lighter, and the selection's extent and the pointer are marked.
    """

    def __init__(self, view: CanvasView, orientation: Qt.Orientation, units: Callable[[], str]) -> None:
        super().__init__()
        self.view = view
        self.orientation = orientation
        self._units = units
        self._cursor: float | None = None
        self._selection: tuple[float, float] | None = None
        horizontal = orientation == Qt.Orientation.Horizontal
        self.setObjectName("canvas.ruler.top" if horizontal else "canvas.ruler.left")
        self.setAccessibleName(self.tr("Horizontal ruler") if horizontal else self.tr("Vertical ruler"))
        if horizontal:
            self.setFixedHeight(style.RULER_PX)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        else:
            self.setFixedWidth(style.RULER_PX)
            self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        view.view_changed.connect(self.update)
        view.cursor_moved.connect(self._on_cursor)
        view.selection_extent_changed.connect(self._on_selection)

    def sizeHint(self) -> QSize:
        return QSize(style.RULER_PX, style.RULER_PX)

    def _on_cursor(self, x: float, y: float) -> None:
        self._cursor = x if self.orientation == Qt.Orientation.Horizontal else y
        self.update()

    def _on_selection(self, box: Rect | None) -> None:
        if box is None:
            self._selection = None
        elif self.orientation == Qt.Orientation.Horizontal:
            self._selection = (box.left, box.right)
        else:
            self._selection = (box.top, box.bottom)
        self.update()

    def _to_px(self, mm: float) -> float:
        """Widget coordinate of a page coordinate (mm)."""
        horizontal = self.orientation == Qt.Orientation.Horizontal
        exact = self.view.viewportTransform().map(QPointF(mm, mm))
        return exact.x() if horizontal else exact.y()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        horizontal = self.orientation == Qt.Orientation.Horizontal
        length = self.width() if horizontal else self.height()
        painter.fillRect(self.rect(), style.RULER_BACKGROUND)
        session = self.view.session
        if session is None:
            painter.end()
            return
        page = session.area.trim_rect
        a, b = (page.left, page.right) if horizontal else (page.top, page.bottom)
        self._band(painter, self._to_px(a), self._to_px(b), style.RULER_PAGE)
        if self._selection is not None:
            sel = style.ACCENT.lighter(185)
            self._band(painter, self._to_px(self._selection[0]), self._to_px(self._selection[1]), sel)
        units = self._units()
        unit_mm = MM_PER_UNIT[units]
        scale = self.view.px_per_mm
        px_per_unit = scale * unit_mm
        major, sub = tick_steps(px_per_unit, units)
        minor = major / sub
        # The page coordinate (in units) at each end of the ruler.
        start_mm = self._from_px(0.0)
        end_mm = self._from_px(float(length))
        first = math.floor(start_mm / unit_mm / minor) - 1
        last = math.ceil(end_mm / unit_mm / minor) + 1
        painter.setPen(QPen(style.RULER_TICK, 1.0))
        font = QFont(self.font())
        font.setPointSizeF(7.5)
        painter.setFont(font)
        thickness = style.RULER_PX
        locale = QLocale()
        for i in range(first, last + 1):
            value = i * minor
            pos = round(self._to_px(value * unit_mm)) + 0.5
            is_major = i % sub == 0
            half = sub % 2 == 0 and i % (sub // 2) == 0
            tick = thickness * (0.45 if is_major else 0.3 if half else 0.18)
            if horizontal:
                painter.drawLine(QPointF(pos, thickness - tick), QPointF(pos, thickness))
            else:
                painter.drawLine(QPointF(thickness - tick, pos), QPointF(thickness, pos))
            if is_major:
                decimals = 0 if abs(value - round(value)) < 1e-9 else 2
                text = locale.toString(float(value), "f", decimals)
                painter.setPen(style.RULER_TEXT)
                if horizontal:
                    painter.drawText(QRectF(pos + 3, 1, 80, thickness * 0.55), Qt.AlignmentFlag.AlignLeft, text)
                else:
                    painter.save()
                    painter.translate(1, pos - 3)
                    painter.rotate(-90)
                    painter.drawText(QRectF(0, 0, 80, thickness * 0.55), Qt.AlignmentFlag.AlignLeft, text)
                    painter.restore()
                painter.setPen(QPen(style.RULER_TICK, 1.0))
        if self._cursor is not None:
            painter.setPen(QPen(style.ACCENT, 1.0))
            c = round(self._to_px(self._cursor)) + 0.5
            if horizontal:
                painter.drawLine(QPointF(c, 0), QPointF(c, thickness))
            else:
                painter.drawLine(QPointF(0, c), QPointF(thickness, c))
        painter.setPen(QPen(style.RULER_TICK, 1.0))
        if horizontal:
            painter.drawLine(QPointF(0, thickness - 0.5), QPointF(length, thickness - 0.5))
        else:
            painter.drawLine(QPointF(thickness - 0.5, 0), QPointF(thickness - 0.5, length))
        painter.end()

    def _band(self, painter: QPainter, a: float, b: float, color: object) -> None:
        lo, hi = min(a, b), max(a, b)
        if self.orientation == Qt.Orientation.Horizontal:
            painter.fillRect(QRectF(lo, 0, hi - lo, self.height()), color)
        else:
            painter.fillRect(QRectF(0, lo, self.width(), hi - lo), color)

    def _from_px(self, px: float) -> float:
        inverse = self.view.viewportTransform().inverted()[0]
        p = inverse.map(QPointF(px, px))
        return p.x() if self.orientation == Qt.Orientation.Horizontal else p.y()
