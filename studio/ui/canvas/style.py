"""Colours and sizes of the canvas chrome, in one place."""

from __future__ import annotations

from PySide6.QtGui import QColor

PASTEBOARD = QColor("#d9dbe0")
"""Neutral grey around the page (the pasteboard)."""
VEIL = QColor(217, 219, 224, 205)
"""The pasteboard laid over content that sticks out of the page."""
SHADOW_PX = 10
SHADOW_ALPHA = 95

TRIM = QColor("#5c6370")
BLEED = QColor("#e03131")
SAFE = QColor("#2f9e44")
DIE_LINE = QColor("#f08c00")
# A layer that could not be drawn (crossed box).
ERROR = QColor("#c92a2a")

ACCENT = QColor("#0d6efd")
"""Selection frames and handles."""
HOVER = QColor(13, 110, 253, 150)
SMART_GUIDE = QColor("#e64980")
"""Snapping guides (magenta, as in Illustrator and Figma)."""
RUBBER_FILL = QColor(13, 110, 253, 28)

HANDLE_PX = 8.0
"""Side of a scale handle (screen pixels)."""
ROTATE_OFFSET_PX = 22.0
"""Distance of the rotate handle above the frame (screen pixels)."""
HIT_PX = 6.0
"""How close to a handle the pointer must be (screen pixels)."""
SNAP_PX = 6.0
"""How close to a guide an edge snaps (screen pixels)."""
DRAG_START_PX = 3.0
"""How far the pointer goes before a press becomes a drag (screen pixels)."""

RULER_PX = 22
RULER_BACKGROUND = QColor("#f4f5f7")
RULER_TEXT = QColor("#5c6370")
RULER_TICK = QColor("#9aa1ad")
RULER_PAGE = QColor("#ffffff")
