"""A rotate cursor (Qt has none): a three-quarter circle with an arrow head, drawn once."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF


@cache
def rotate_cursor() -> QCursor:
    """The cursor shown over the rotate handle."""
    pixmap = QPixmap(24, 24)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.arcMoveTo(QRectF(5, 5, 14, 14), 90)
    path.arcTo(QRectF(5, 5, 14, 14), 90, 270)
    head = QPolygonF([QPointF(12, 1.5), QPointF(17, 5), QPointF(12, 8.5)])
    for color, width in ((QColor(255, 255, 255), 4.0), (QColor(20, 20, 20), 1.6)):
        painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setBrush(color)
        painter.drawPolygon(head)
    painter.end()
    return QCursor(pixmap, 12, 12)
