"""The installed Qt bindings do not corrupt the interpreter (see docs/decisions/qt-version.md)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter, QPainterPath


def test_qt_calls_keep_references_to_none():
    path = QPainterPath()
    image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    before = sys.getrefcount(None)
    for _ in range(2000):
        path.moveTo(1.0, 2.0)
        path.lineTo(QPointF(3.0, 4.0))
        image.fill(0)
        painter = QPainter(image)
        painter.save()
        painter.restore()
        painter.end()
    # A count that drifts up is harmless; one that goes down ends in "deallocating None".
    assert sys.getrefcount(None) - before > -100
