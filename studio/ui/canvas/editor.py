"""The editor's central widget: rulers, the canvas, the area strip and a small status line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from studio.ui.session import EditorSession
from studio.ui.units import format_length

from . import style
from .area_strip import AreaStrip
from .rulers import Ruler
from .text_edit import InlineTextEditor
from .view import CanvasView

__all__ = ["CanvasEditor"]


class CanvasEditor(QWidget):
    """Everything around the canvas.

    Parameters
    ----------
    units
        Returns the user's length units (``mm`` or ``in``), read when drawing.
    """

    def __init__(self, units: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: object | None = None  # the canvas controller, kept alive by its editor
        self.setObjectName("canvas.editor")
        self.setAccessibleName(self.tr("Editor"))
        self._units = units
        self.view = CanvasView(self)
        self.view.units = units()
        self.top_ruler = Ruler(self.view, Qt.Orientation.Horizontal, units)
        self.left_ruler = Ruler(self.view, Qt.Orientation.Vertical, units)
        self.corner = QLabel(self)
        self.corner.setObjectName("canvas.ruler.corner")
        self.corner.setAccessibleName(self.tr("Ruler units"))
        self.corner.setFixedSize(style.RULER_PX, style.RULER_PX)
        self.corner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.corner.setStyleSheet(
            "QLabel { background: #f4f5f7; color: #5c6370; font-size: 7pt;"
            " border-right: 1px solid #9aa1ad; border-bottom: 1px solid #9aa1ad; }"
        )
        self.text_editor = InlineTextEditor(self.view.viewport())
        self.areas = AreaStrip(self)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self.corner, 0, 0)
        grid.addWidget(self.top_ruler, 0, 1)
        grid.addWidget(self.left_ruler, 1, 0)
        grid.addWidget(self.view, 1, 1)

        self.position = QLabel(self)
        self.position.setObjectName("canvas.position")
        self.position.setAccessibleName(self.tr("Pointer position"))
        self.position.setMinimumWidth(150)
        self.zoom_button = QToolButton(self)
        self.zoom_button.setObjectName("canvas.zoom")
        self.zoom_button.setAccessibleName(self.tr("Zoom"))
        self.zoom_button.setToolTip(self.tr("Zoom (Ctrl+wheel zooms at the pointer)"))
        self.zoom_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.zoom_button.setAutoRaise(True)
        self.zoom_button.setMinimumWidth(64)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 2, 8, 2)
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(self.zoom_button)
        status = QWidget(self)
        status.setObjectName("canvas.statusline")
        status.setAccessibleName(self.tr("Canvas status"))
        status.setStyleSheet("QWidget#canvas\\.statusline { background: #f4f5f7; border-top: 1px solid #d0d4da; }")
        status.setLayout(bar)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(grid, 1)
        layout.addWidget(self.areas)
        layout.addWidget(status)

        self.view.zoom_changed.connect(self._show_zoom)
        self.view.cursor_moved.connect(self._show_position)
        self.view.edit_text_requested.connect(self.edit_text)
        self.text_editor.finished.connect(lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
        self.view.view_changed.connect(self._place_text_editor)
        self.set_units(units())

    def set_session(self, session: EditorSession | None) -> None:
        self.text_editor.finish()
        self.view.set_session(session)
        self.areas.set_session(session)
        self.top_ruler.update()
        self.left_ruler.update()

    def set_units(self, units: str) -> None:
        self.view.units = units
        self.corner.setText(units)
        self.top_ruler.update()
        self.left_ruler.update()

    def set_rulers_visible(self, visible: bool) -> None:
        for widget in (self.top_ruler, self.left_ruler, self.corner):
            widget.setVisible(visible)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_button.setText(f"{zoom * 100:.0f} %")

    def _show_position(self, x: float, y: float) -> None:
        units = self._units()
        self.view.units = units
        self.position.setText(f"X {format_length(x, units)}   Y {format_length(y, units)}")

    # -- text editing ------------------------------------------------------------------------------
    def edit_text(self, layer_id: str, *, select_all: bool = False) -> None:
        """Open the in-place editor on a text layer."""
        session = self.view.session
        if session is None:
            return
        self.view.page.flush()
        below, width = self._editor_place(layer_id)
        self.text_editor.start(session, layer_id, below, width, select_all=select_all)

    def _editor_place(self, layer_id: str) -> tuple[QPointF, float]:
        item = self.view.page.item(layer_id)
        box = item.scene_bounds() if item is not None else None
        if box is None:
            return QPointF(20, 20), 240.0
        top_left = self.view.mapFromScene(QPointF(box.left, box.bottom))
        right = self.view.mapFromScene(QPointF(box.right, box.bottom))
        return QPointF(top_left.x(), top_left.y() + 10), float(right.x() - top_left.x())

    def _place_text_editor(self) -> None:
        if self.text_editor.editing and self.text_editor.layer_id is not None:
            below, _width = self._editor_place(self.text_editor.layer_id)
            self.text_editor.move(round(below.x()), round(below.y()))
