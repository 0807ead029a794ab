"""The canvas view: zoom, pan, pointer and keyboard handling over a :class:`PageScene`.

Conventions, as in Figma and Inkscape: the wheel scrolls (Shift+wheel sideways) and Ctrl+wheel
(or a pinch) zooms about the pointer; the middle button or Space+drag pans; Ctrl while dragging
turns snapping off; arrows nudge by 1 mm, Shift+arrows by 10 mm.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QCursor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QMenu, QWidget

from studio.commands import MoveLayers
from studio.model.design import TextLayer
from studio.model.errors import StudioError
from studio.model.geometry import Affine, Rect
from studio.ui.session import EditorSession

from . import style
from ._cursors import rotate_cursor
from .gestures import Gesture, MoveGesture, PanGesture, RotateGesture, RubberBandGesture, ScaleGesture
from .handles import Frame
from .page import PageScene

__all__ = ["IMPORTABLE", "CanvasView"]

IMPORTABLE = {".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff", ".gif", ".bmp", ".svg", ".svgz"}
"""File name endings that can be dropped on the canvas."""

MIN_ZOOM, MAX_ZOOM = 0.02, 64.0
"""Zoom limits, as fractions of real size."""
ZOOM_STEP = math.sqrt(2.0)


class CanvasView(QGraphicsView):
    """Shows one print area and turns pointer and keys into commands.

    Signals
    -------
    view_changed
        The visible part of the page moved or was zoomed (rulers follow).
    zoom_changed(float)
        The zoom, as a fraction of real size (1.0 is 100 %).
    cursor_moved(float, float)
        The pointer's position on the page (mm).
    selection_extent_changed(object)
        The selection's bounds (:class:`Rect`) or None.
    edit_text_requested(str)
        A text layer was double-clicked.
    """

    view_changed = Signal()
    zoom_changed = Signal(float)
    cursor_moved = Signal(float, float)
    selection_extent_changed = Signal(object)
    edit_text_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.page = PageScene()
        super().__init__(self.page, parent)
        self.page.setParent(self)
        self.setObjectName("canvas.view")
        self.setAccessibleName(self.tr("Design canvas"))
        self.setAccessibleDescription(self.tr("The print area being designed, with its layers"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session: EditorSession | None = None
        self.snapping = True
        self.units = "mm"
        self.context_menu_actions: Callable[[bool], Sequence[object]] | None = None
        """Builds the context menu's entries (QActions, None for a separator); True on a layer."""
        self.error_handler: Callable[[str], None] = lambda _message: None
        self._gesture: Gesture | None = None
        self._pending: tuple[str, QPoint, QPointF, str | None] | None = None
        self._space = False
        self._fit_mode = True
        self._nudging = False
        self.page.layers_changed.connect(self.refresh_overlay)

    # -- session ------------------------------------------------------------------------------
    def set_session(self, session: EditorSession | None) -> None:
        """Show ``session``'s current print area."""
        if self.session is not None:
            try:
                self.session.selection_changed.disconnect(self._on_selection_changed)
                self.session.area_changed.disconnect(self._on_area_changed)
            except (RuntimeError, TypeError):
                pass
        self.session = session
        self._gesture = None
        self._pending = None
        self.page.overlay.hover = None
        self.page.set_session(session)
        if session is not None:
            session.selection_changed.connect(self._on_selection_changed)
            session.area_changed.connect(self._on_area_changed)
            self.zoom_fit()
        self.refresh_overlay()

    def _on_selection_changed(self) -> None:
        self.page.overlay.hover = None
        self.refresh_overlay()

    def _on_area_changed(self, _area_id: str) -> None:
        self._gesture = None
        self.page.overlay.hover = None
        self.page.rebuild()
        self.zoom_fit()
        self.refresh_overlay()

    # -- zoom -----------------------------------------------------------------------------------
    @property
    def px_per_mm(self) -> float:
        """Screen pixels per millimetre."""
        return self.transform().m11()

    @property
    def mm_per_px(self) -> float:
        return 1.0 / self.px_per_mm if self.px_per_mm > 0 else 1.0

    def actual_scale(self) -> float:
        """Pixels per millimetre at real size on this screen (its logical DPI)."""
        return self.logicalDpiX() / 25.4

    @property
    def zoom(self) -> float:
        """The zoom as a fraction of real size."""
        return self.px_per_mm / self.actual_scale()

    def zoom_to(self, scale: float, anchor: QPointF | None = None) -> None:
        """Set the zoom to ``scale`` px/mm, keeping the page point under ``anchor`` (viewport px) still."""
        self._fit_mode = False
        real = self.actual_scale()
        scale = min(max(scale, MIN_ZOOM * real), MAX_ZOOM * real)
        anchor = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        precise = self.viewportTransform().inverted()[0].map(anchor)
        self.setTransform(QTransform.fromScale(scale, scale))
        self._scroll_to(precise, anchor)
        self._zoomed()

    def _scroll_to(self, scene_point: QPointF, view_point: QPointF) -> None:
        """Scroll so that ``scene_point`` shows at ``view_point``."""
        mapped = self.transform().map(scene_point)
        self.horizontalScrollBar().setValue(round(mapped.x() - view_point.x()))
        self.verticalScrollBar().setValue(round(mapped.y() - view_point.y()))

    def _zoomed(self) -> None:
        self.page.set_pixel_size(self.mm_per_px)
        self.refresh_overlay()
        self.zoom_changed.emit(self.zoom)
        self.view_changed.emit()

    def zoom_in(self) -> None:
        self.zoom_to(self.px_per_mm * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_to(self.px_per_mm / ZOOM_STEP)

    def zoom_actual(self) -> None:
        """100 %: a millimetre on the page is a millimetre on this screen."""
        self._fit_mode = False
        center = self.page.page_rect().center()
        self.setTransform(QTransform.fromScale(self.actual_scale(), self.actual_scale()))
        self.centerOn(center)
        self._zoomed()

    def zoom_fit(self) -> None:
        """Show the whole page (bleed included) with a margin."""
        self._fit_mode = True
        page = self.page.page_rect()
        if page.isEmpty():
            return
        vp = self.viewport().rect()
        margin = 36
        sx = (vp.width() - 2 * margin) / page.width()
        sy = (vp.height() - 2 * margin) / page.height()
        real = self.actual_scale()
        scale = min(max(min(sx, sy), MIN_ZOOM * real), MAX_ZOOM * real)
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(page.center())
        self._zoomed()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._fit_mode and self.session is not None:
            self.zoom_fit()
        else:
            self.view_changed.emit()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.view_changed.emit()

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # -- overlay --------------------------------------------------------------------------------
    def selection_frame(self) -> Frame | None:
        """The frame the handles are drawn on, for the current selection."""
        session = self.session
        if session is None:
            return None
        items = [it for i in session.selection if (it := self.page.item(i)) is not None and it.isVisible()]
        bounds = items[0].local_bounds if len(items) == 1 else None
        if bounds is not None:
            item = items[0]
            layer = session.layer(item.layer_id)
            return Frame(bounds, item.affine, sides=not isinstance(layer, TextLayer))
        boxes = [b for it in items if (b := it.scene_bounds()) is not None]
        if not boxes:
            return None
        union = boxes[0]
        for b in boxes[1:]:
            union = union.union(b)
        return Frame(union, Affine())

    def refresh_overlay(self) -> None:
        """Redraw the selection frame and handles after a change of selection, layout or zoom."""
        overlay = self.page.overlay
        session = self.session
        frame = self.selection_frame()
        overlay.frame = frame
        overlay.outlines = []
        overlay.show_handles = True
        if session is not None and frame is not None:
            ids = session.selection
            if len(ids) > 1:
                for i in ids:
                    item = self.page.item(i)
                    if item is not None and item.isVisible() and item.local_bounds is not None:
                        overlay.outlines.append([item.affine.apply(x, y) for x, y in item.local_bounds.corners()])
            overlay.show_handles = bool(self.movable_selection())
        overlay.refresh()
        self.selection_extent_changed.emit(frame.scene_bounds() if frame is not None else None)

    def movable_selection(self) -> list[str]:
        """Selected layers that may be moved (not locked), on this area."""
        session = self.session
        if session is None:
            return []
        return [i for i in session.selection if (it := self.page.item(i)) is not None and not it.locked]

    def handle_at(self, view_pos: QPoint) -> str | None:
        """The handle under a viewport position: a compass name, ``rotate``, or None."""
        frame = self.page.overlay.frame
        if frame is None or not self.page.overlay.show_handles:
            return None
        p = QPointF(view_pos)

        def near(point: tuple[float, float]) -> bool:
            q = self.mapFromScene(QPointF(*point))
            return abs(q.x() - p.x()) <= style.HIT_PX and abs(q.y() - p.y()) <= style.HIT_PX

        if near(frame.rotate_handle(self.mm_per_px)):
            return "rotate"
        for name in frame.handle_names():
            if near(frame.point(name)):
                return name
        return None

    def _cursor_for(self, handle: str | None) -> QCursor:
        if handle is None:
            return QCursor(Qt.CursorShape.ArrowCursor)
        if handle == "rotate":
            return rotate_cursor()
        frame = self.page.overlay.frame
        assert frame is not None
        cx, cy = frame.center()
        x, y = frame.point(handle)
        angle = math.degrees(math.atan2(y - cy, x - cx)) % 180.0
        shapes = [
            Qt.CursorShape.SizeHorCursor,
            Qt.CursorShape.SizeFDiagCursor,
            Qt.CursorShape.SizeVerCursor,
            Qt.CursorShape.SizeBDiagCursor,
        ]
        return QCursor(shapes[round(angle / 45.0) % 4])

    # -- pointer -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        session = self.session
        if session is None:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position().toPoint()
        scene = self.mapToScene(pos)
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        ):
            self._gesture = PanGesture(self, pos)
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if event.button() == Qt.MouseButton.RightButton:
            hit = self.page.layer_at(scene.x(), scene.y(), 2 * self.mm_per_px)
            if hit is not None and hit not in session.selection:
                session.select([hit])
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        mods = event.modifiers()
        handle = self.handle_at(pos)
        if handle is not None:
            frame = self.page.overlay.frame
            assert frame is not None
            ids = self.movable_selection()
            if handle == "rotate":
                self._gesture = RotateGesture(self, ids, frame, scene)
            else:
                self._gesture = ScaleGesture(self, ids, frame, handle)
            return
        add = bool(mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier))
        hit = self.page.layer_at(scene.x(), scene.y(), 2 * self.mm_per_px)
        selection = session.selection
        if hit is not None:
            if add:
                if hit in selection:
                    session.select([i for i in selection if i != hit])
                    return
                session.select([*selection, hit])
                self._pending = ("move", pos, scene, None)
            else:
                if hit not in selection:
                    session.select([hit])
                    self._pending = ("move", pos, scene, None)
                else:
                    self._pending = ("move", pos, scene, hit)
            return
        frame = self.page.overlay.frame
        if (
            frame is not None
            and len(selection) > 1
            and not add
            and frame.scene_bounds().contains_point(scene.x(), scene.y())
        ):
            self._pending = ("move", pos, scene, None)
            return
        if not add:
            session.select([])
        self._pending = ("band", pos, scene, None)
        self._band_add = add

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        scene = self.mapToScene(pos)
        self.cursor_moved.emit(scene.x(), scene.y())
        mods = event.modifiers()
        if isinstance(self._gesture, PanGesture):
            self._gesture.move_view(pos)
            return
        if self._gesture is not None:
            self._gesture.move(self._precise(event), mods)
            return
        if self._pending is not None:
            kind, start, start_scene, _ = self._pending
            if (pos - start).manhattanLength() < style.DRAG_START_PX:
                return
            self._pending = None
            if kind == "move":
                self._gesture = MoveGesture(self, self.movable_selection(), start_scene)
            else:
                self._gesture = RubberBandGesture(self, start_scene, add=getattr(self, "_band_add", False))
            self._gesture.move(self._precise(event), mods)
            return
        self._hover(pos, scene)

    def _precise(self, event: QMouseEvent) -> QPointF:
        """The pointer's page position with sub-pixel precision."""
        p = event.position()
        inverse = self.viewportTransform().inverted()[0]
        return inverse.map(p)

    def _hover(self, pos: QPoint, scene: QPointF) -> None:
        if self._space:
            return
        handle = self.handle_at(pos)
        self.viewport().setCursor(self._cursor_for(handle))
        overlay = self.page.overlay
        hover = None
        session = self.session
        if handle is None and session is not None:
            hit = self.page.layer_at(scene.x(), scene.y(), 2 * self.mm_per_px)
            item = self.page.item(hit) if hit is not None else None
            if item is not None and hit not in session.selection and item.local_bounds is not None:
                hover = [item.affine.apply(x, y) for x, y in item.local_bounds.corners()]
        if hover != overlay.hover:
            overlay.hover = hover
            overlay.refresh()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture, self._gesture = self._gesture, None
        pending, self._pending = self._pending, None
        if gesture is not None:
            gesture.release(self._precise(event), event.modifiers())
            if isinstance(gesture, PanGesture):
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            return
        session = self.session
        if pending is not None and session is not None and pending[3] is not None:
            # A click (no drag) on a layer of a multiple selection selects it alone.
            session.select([pending[3]])

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        session = self.session
        if session is None or event.button() != Qt.MouseButton.LeftButton:
            return
        scene = self.mapToScene(event.position().toPoint())
        hit = self.page.layer_at(scene.x(), scene.y(), 2 * self.mm_per_px)
        if hit is not None and isinstance(session.layer(hit), TextLayer):
            session.select([hit])
            self.edit_text_requested.emit(hit)

    def wheelEvent(self, event: QWheelEvent) -> None:
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps == 0:
                steps = event.pixelDelta().y() / 50.0
            self.zoom_to(self.px_per_mm * 1.25**steps, event.position())
            event.accept()
            return
        delta = event.pixelDelta() if not event.pixelDelta().isNull() else event.angleDelta() / 3
        dx, dy = delta.x(), delta.y()
        if mods & Qt.KeyboardModifier.ShiftModifier and dx == 0:
            dx, dy = dy, 0
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - dy)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.NativeGesture:
            from PySide6.QtGui import QNativeGestureEvent

            if isinstance(event, QNativeGestureEvent) and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_to(self.px_per_mm * (1.0 + event.value()), event.position())
                return True
        return super().event(event)

    # -- keys -------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        session = self.session
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        arrows = {
            Qt.Key.Key_Left: (-1.0, 0.0),
            Qt.Key.Key_Right: (1.0, 0.0),
            Qt.Key.Key_Up: (0.0, -1.0),
            Qt.Key.Key_Down: (0.0, 1.0),
        }
        if key in arrows and session is not None:
            ids = self.movable_selection()
            if ids:
                step = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
                dx, dy = arrows[Qt.Key(key)]
                if not event.isAutoRepeat() and not self._nudging:
                    session.stack.seal()
                self._nudging = True
                session.push(MoveLayers(ids, dx * step, dy * step))
            return
        if key == Qt.Key.Key_Escape:
            if self._gesture is not None:
                gesture, self._gesture = self._gesture, None
                self._pending = None
                gesture.cancel()
                return
            if session is not None:
                session.select([])
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.isAutoRepeat():
            return
        if event.key() == Qt.Key.Key_Space:
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            # One key held down is one undo step; the next press starts another.
            self._nudging = False
            if self.session is not None:
                self.session.stack.seal()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: object) -> None:
        self._space = False
        super().focusOutEvent(event)  # type: ignore[arg-type]

    # -- context menu -------------------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self.session is None or self.context_menu_actions is None:
            return
        scene = self.mapToScene(event.pos())
        hit = self.page.layer_at(scene.x(), scene.y(), 2 * self.mm_per_px, include_locked=True)
        if hit is not None and hit not in self.session.selection:
            self.session.select([hit])
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Canvas menu"))
        for entry in self.context_menu_actions(hit is not None):
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, QMenu):
                menu.addMenu(entry)
            else:
                menu.addAction(entry)  # type: ignore[call-overload]
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- files dropped from the desktop ---------------------------------------------------------------
    @staticmethod
    def _dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in IMPORTABLE]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.session is not None and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.session is not None and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        session = self.session
        paths = self._dropped_paths(event)
        if session is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        at = self.mapToScene(event.position().toPoint())
        self.import_files(paths, (at.x(), at.y()))

    def import_files(self, paths: list[Path], at: tuple[float, float] | None) -> list[str]:
        """Add image or SVG files as layers (each 5 mm further than the last); returns their ids."""
        session = self.session
        added: list[str] = []
        if session is None:
            return added
        for i, path in enumerate(paths):
            place = None if at is None else (at[0] + 5.0 * i, at[1] + 5.0 * i)
            try:
                added.append(session.import_file(path, at=place).id)
            except StudioError as error:
                self.error_handler(str(error))
        if added:
            session.select(added)
            self.setFocus()
        return added

    def page_bounds(self) -> Rect | None:
        return None if self.session is None else self.session.area.bleed_rect()
