"""Small line icons drawn with QPainter, so that the panels look the same on every platform.

Freedesktop theme icons are missing on Windows, macOS and headless runs; these few glyphs are
drawn in the palette's text colour (or a colour of their own for severities) at twice the
device pixel ratio, so they stay crisp on high-density screens.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

Drawing = Callable[[QPainter, QColor], None]
"""Draws on a 16 × 16 canvas with the given ink."""

ERROR_RED = QColor("#D93025")
WARNING_AMBER = QColor("#E8A317")
OK_GREEN = QColor("#1E8E3E")
INFO_BLUE = QColor("#1A73E8")


def _ink(disabled: bool = False) -> QColor:
    palette = QGuiApplication.palette()
    group = QPalette.ColorGroup.Disabled if disabled else QPalette.ColorGroup.Active
    return palette.color(group, QPalette.ColorRole.WindowText)


def _pixmap(draw: Drawing, ink: QColor, size: int = 16) -> QPixmap:
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 16.0, size / 16.0)
    draw(painter, ink)
    painter.end()
    return pixmap


def _pen(ink: QColor, width: float = 1.4) -> QPen:
    pen = QPen(ink, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def icon(name: str) -> QIcon:
    """The named icon, with a greyed variant for disabled buttons."""
    return _icon(name, _ink().name())


@cache
def _icon(name: str, _ink_key: str) -> QIcon:
    draw = _DRAWINGS[name]
    result = QIcon()
    for size in (16, 24):
        result.addPixmap(_pixmap(draw, _ink(), size), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(draw, _ink(disabled=True), size), QIcon.Mode.Disabled)
    return result


def pixmap(name: str, size: int = 16) -> QPixmap:
    """The named icon as a pixmap of ``size`` logical pixels."""
    return _pixmap(_DRAWINGS[name], _ink(), size)


# -- drawings ----------------------------------------------------------------------------------------
def _eye(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink))
    path = QPainterPath(QPointF(1.5, 8))
    path.quadTo(8, 0.5, 14.5, 8)
    path.quadTo(8, 15.5, 1.5, 8)
    p.drawPath(path)
    p.setBrush(ink)
    p.drawEllipse(QPointF(8, 8), 2.2, 2.2)


def _eye_off(p: QPainter, ink: QColor) -> None:
    faint = QColor(ink)
    faint.setAlphaF(0.45)
    p.setPen(_pen(faint))
    path = QPainterPath(QPointF(1.5, 8))
    path.quadTo(8, 15.5, 14.5, 8)
    p.drawPath(path)
    for x in (4.5, 8.0, 11.5):
        p.drawLine(QPointF(x, 11.3), QPointF(x + (x - 8) * 0.15, 13.4))


def _lock(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink))
    p.setBrush(ink)
    p.drawRoundedRect(QRectF(3.5, 7.5, 9, 7), 1.2, 1.2)
    p.setBrush(Qt.BrushStyle.NoBrush)
    arc = QPainterPath(QPointF(5.5, 7.5))
    arc.lineTo(5.5, 5)
    arc.arcTo(QRectF(5.5, 2, 5, 5), 180, -180)
    arc.lineTo(10.5, 7.5)
    p.drawPath(arc)


def _unlock(p: QPainter, ink: QColor) -> None:
    faint = QColor(ink)
    faint.setAlphaF(0.35)
    p.setPen(_pen(faint))
    p.drawRoundedRect(QRectF(3.5, 7.5, 9, 7), 1.2, 1.2)
    arc = QPainterPath(QPointF(10.5, 7.5))
    arc.lineTo(10.5, 5)
    arc.arcTo(QRectF(10.5, 2, 5, 5), 180, -180)
    p.drawPath(arc)


def _letter(text: str, *, serif: bool = False) -> Drawing:
    def draw(p: QPainter, ink: QColor) -> None:
        font = QFont("Serif" if serif else "Sans")
        font.setPixelSize(13)
        font.setBold(True)
        p.setFont(font)
        p.setPen(ink)
        p.drawText(QRectF(0, 0, 16, 16), Qt.AlignmentFlag.AlignCenter, text)

    return draw


def _image(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.2))
    p.drawRoundedRect(QRectF(1.5, 2.5, 13, 11), 1.5, 1.5)
    hills = QPainterPath(QPointF(2, 12.5))
    hills.lineTo(6, 8)
    hills.lineTo(9, 11)
    hills.lineTo(11, 9)
    hills.lineTo(14, 12.5)
    p.drawPath(hills)
    p.setBrush(ink)
    p.drawEllipse(QPointF(10.5, 5.8), 1.2, 1.2)


def _shape(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.2))
    p.drawRect(QRectF(1.5, 5.5, 8, 8))
    p.setBrush(QBrush(ink))
    p.drawEllipse(QPointF(10.5, 5.5), 4, 4)


def _vector(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.2))
    curve = QPainterPath(QPointF(2, 13))
    curve.cubicTo(4, 2, 12, 14, 14, 3)
    p.drawPath(curve)
    p.setBrush(ink)
    for x, y in ((2, 13), (14, 3)):
        p.drawRect(QRectF(x - 1.5, y - 1.5, 3, 3))


def _group(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.2))
    folder = QPainterPath(QPointF(1.5, 13.5))
    folder.lineTo(1.5, 3.5)
    folder.lineTo(6, 3.5)
    folder.lineTo(7.5, 5.5)
    folder.lineTo(14.5, 5.5)
    folder.lineTo(14.5, 13.5)
    folder.closeSubpath()
    p.drawPath(folder)


def _severity(kind: str) -> Drawing:
    def draw(p: QPainter, _ink_: QColor) -> None:
        white = _pen(QColor("white"), 1.8)
        if kind == "warning":
            tri = QPainterPath(QPointF(8, 1.2))
            tri.lineTo(15.2, 14.2)
            tri.lineTo(0.8, 14.2)
            tri.closeSubpath()
            p.setPen(_pen(WARNING_AMBER, 1.0))
            p.setBrush(WARNING_AMBER)
            p.drawPath(tri)
            p.setPen(white)
            p.drawLine(QPointF(8, 5.8), QPointF(8, 9.6))
            p.drawPoint(QPointF(8, 12))
        elif kind == "error":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(ERROR_RED)
            p.drawEllipse(QPointF(8, 8), 7, 7)
            p.setPen(white)
            p.drawLine(QPointF(5.3, 5.3), QPointF(10.7, 10.7))
            p.drawLine(QPointF(10.7, 5.3), QPointF(5.3, 10.7))
        elif kind == "info":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(INFO_BLUE)
            p.drawEllipse(QPointF(8, 8), 7, 7)
            p.setPen(white)
            p.drawLine(QPointF(8, 7), QPointF(8, 11.6))
            p.drawPoint(QPointF(8, 4.4))
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(OK_GREEN)
            p.drawEllipse(QPointF(8, 8), 7, 7)
            p.setPen(white)
            tick = QPainterPath(QPointF(4.6, 8.2))
            tick.lineTo(7, 10.6)
            tick.lineTo(11.4, 5.6)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(tick)

    return draw


def _align(where: str) -> Drawing:
    def draw(p: QPainter, ink: QColor) -> None:
        p.setPen(_pen(ink, 1.4))
        for y, length in ((3.5, 12.0), (6.5, 8.0), (9.5, 12.0), (12.5, 7.0)):
            if where == "left":
                x0 = 2.0
            elif where == "right":
                x0 = 14.0 - length
            else:
                x0 = 8.0 - length / 2
            p.drawLine(QPointF(x0, y), QPointF(x0 + length, y))

    return draw


def _flip(vertical: bool) -> Drawing:
    def draw(p: QPainter, ink: QColor) -> None:
        if vertical:
            p.translate(16, 0)
            p.rotate(90)
        dashed = _pen(ink, 1.0)
        dashed.setDashPattern([1.5, 1.5])
        p.setPen(dashed)
        p.drawLine(QPointF(8, 1), QPointF(8, 15))
        p.setPen(_pen(ink, 1.2))
        left = QPainterPath(QPointF(6, 3))
        left.lineTo(1.5, 13)
        left.lineTo(6, 13)
        left.closeSubpath()
        p.setBrush(ink)
        p.drawPath(left)
        right = QPainterPath(QPointF(10, 3))
        right.lineTo(14.5, 13)
        right.lineTo(10, 13)
        right.closeSubpath()
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(right)

    return draw


def _arrow(up: bool) -> Drawing:
    def draw(p: QPainter, ink: QColor) -> None:
        if not up:
            p.translate(0, 16)
            p.scale(1, -1)
        p.setPen(_pen(ink, 1.5))
        p.drawLine(QPointF(8, 13.5), QPointF(8, 2.5))
        p.drawLine(QPointF(3.5, 7), QPointF(8, 2.5))
        p.drawLine(QPointF(12.5, 7), QPointF(8, 2.5))

    return draw


def _trash(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.2))
    p.drawLine(QPointF(2, 4), QPointF(14, 4))
    p.drawLine(QPointF(6, 4), QPointF(6.5, 2))
    p.drawLine(QPointF(6.5, 2), QPointF(9.5, 2))
    p.drawLine(QPointF(9.5, 2), QPointF(10, 4))
    body = QPainterPath(QPointF(3.5, 4))
    body.lineTo(4.5, 14.5)
    body.lineTo(11.5, 14.5)
    body.lineTo(12.5, 4)
    p.drawPath(body)
    for x in (6.5, 9.5):
        p.drawLine(QPointF(x, 6.5), QPointF(x, 12))


def _link(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.4))
    p.drawRoundedRect(QRectF(1.5, 5.5, 7, 5), 2.5, 2.5)
    p.drawRoundedRect(QRectF(7.5, 5.5, 7, 5), 2.5, 2.5)


def _none_swatch(p: QPainter, _ink_: QColor) -> None:
    p.setPen(_pen(QColor("#888888"), 1.0))
    p.setBrush(QColor("white"))
    p.drawRect(QRectF(1.5, 1.5, 13, 13))
    p.setPen(_pen(ERROR_RED, 1.4))
    p.drawLine(QPointF(2.5, 13.5), QPointF(13.5, 2.5))


def _history_origin(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.2))
    p.drawRoundedRect(QRectF(3, 1.5, 10, 13), 1.2, 1.2)
    for y in (5.0, 8.0, 11.0):
        p.drawLine(QPointF(5.5, y), QPointF(10.5, y))


_DRAWINGS: dict[str, Drawing] = {
    "eye": _eye,
    "eye-off": _eye_off,
    "lock": _lock,
    "unlock": _unlock,
    "text": _letter("T", serif=True),
    "image": _image,
    "shape": _shape,
    "vector": _vector,
    "group": _group,
    "error": _severity("error"),
    "warning": _severity("warning"),
    "info": _severity("info"),
    "ok": _severity("ok"),
    "align-left": _align("left"),
    "align-center": _align("center"),
    "align-right": _align("right"),
    "flip-h": _flip(False),
    "flip-v": _flip(True),
    "raise": _arrow(True),
    "lower": _arrow(False),
    "delete": _trash,
    "link": _link,
    "none": _none_swatch,
    "document": _history_origin,
}
