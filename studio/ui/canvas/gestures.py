"""What a press-drag-release does on the canvas: move, resize, rotate, select with a band, pan.

A gesture pushes commands as the pointer moves; commands of one gesture merge (``MoveLayers``
with itself, :class:`TransformLayers` with itself) and the stack is sealed on release, so one
drag is one undo step.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt

from studio.commands import MoveLayers, TransformLayers
from studio.model.design import TextLayer, Transform
from studio.model.geometry import Affine, Rect
from studio.ui.units import format_length

from .handles import CORNERS, OPPOSITE, Frame
from .snapping import snap_box, targets_for

if TYPE_CHECKING:
    from .view import CanvasView

__all__ = ["Gesture", "MoveGesture", "PanGesture", "RotateGesture", "RubberBandGesture", "ScaleGesture"]

Mods = Qt.KeyboardModifier
MIN_SIZE_MM = 0.5
MIN_TEXT_PT, MAX_TEXT_PT = 0.5, 2000.0  # the text layer's own limits


def _union(boxes: list[Rect]) -> Rect | None:
    if not boxes:
        return None
    out = boxes[0]
    for box in boxes[1:]:
        out = out.union(box)
    return out


class Gesture:
    """A drag in progress; ``move`` is called with scene positions (mm)."""

    def __init__(self, view: CanvasView) -> None:
        self.view = view
        session = view.session
        # A gesture starts a new undo step, so that cancelling it takes back its own edits only.
        if session is not None:
            session.stack.seal()
        self._start = session.stack.index if session is not None else 0

    def move(self, pos: QPointF, mods: Qt.KeyboardModifier) -> None:
        """The pointer moved to ``pos`` (mm) with ``mods`` held."""

    def release(self, pos: QPointF, mods: Qt.KeyboardModifier) -> None:
        """The button was released: finish the gesture."""
        self.finish()

    def cancel(self) -> None:
        """Escape during the drag: put everything back as it was and record nothing."""
        session = self.view.session
        if session is not None and session.stack.index > self._start:
            session.stack.discard()
        self.finish()

    def finish(self) -> None:
        session = self.view.session
        if session is not None:
            session.stack.seal()
        overlay = self.view.page.overlay
        overlay.guides = []
        overlay.badge = None
        overlay.band = None
        self.view.refresh_overlay()


class MoveGesture(Gesture):
    """Drag the selected layers, snapping their bounds to guides and other layers."""

    def __init__(self, view: CanvasView, layer_ids: list[str], press: QPointF) -> None:
        super().__init__(view)
        self.ids = layer_ids
        self.press = press
        self.applied = (0.0, 0.0)
        page = view.page
        bounds = page.bounds_of(layer_ids)
        self.box = _union(list(bounds.values()))
        session = view.session
        assert session is not None
        area = session.area
        chosen = set(layer_ids)
        others = [
            box
            for item in page.layer_items()
            if item.layer_id not in chosen and item.isVisible() and (box := item.scene_bounds()) is not None
        ]
        safe = area.safe_rect if area.safe_margin > 0 else None
        self.targets = targets_for(area.trim_rect, safe, others)

    def move(self, pos: QPointF, mods: Qt.KeyboardModifier) -> None:
        session = self.view.session
        if session is None or not self.ids:
            return
        dx, dy = pos.x() - self.press.x(), pos.y() - self.press.y()
        if mods & Mods.ShiftModifier:
            if abs(dx) > abs(dy):
                dy = 0.0
            else:
                dx = 0.0
        guides = []
        if self.view.snapping and self.box is not None and not mods & Mods.ControlModifier:
            moved = Rect(self.box.x + dx, self.box.y + dy, self.box.width, self.box.height)
            axes = "x" if mods & Mods.ShiftModifier and dy == 0 else "y" if mods & Mods.ShiftModifier else "xy"
            result = snap_box(moved, *self.targets, self.view.mm_per_px * _snap_px(), axes=axes)
            dx += result.dx
            dy += result.dy
            guides = result.guides
        step = (dx - self.applied[0], dy - self.applied[1])
        if abs(step[0]) > 1e-9 or abs(step[1]) > 1e-9:
            session.push(MoveLayers(self.ids, step[0], step[1]))
            self.applied = (dx, dy)
        self.view.page.overlay.guides = guides
        self.view.refresh_overlay()


def _snap_px() -> float:
    from . import style

    return style.SNAP_PX


class ScaleGesture(Gesture):
    """Drag a scale handle: corners keep the proportions (Shift frees them), Alt scales from the centre."""

    def __init__(self, view: CanvasView, layer_ids: list[str], frame: Frame, handle: str) -> None:
        super().__init__(view)
        session = view.session
        assert session is not None
        self.ids = layer_ids
        self.frame = frame
        self.handle = handle
        self.start = {i: session.layer(i).transform.model_copy() for i in layer_ids}
        # Text keeps a scale of one: a proportional resize changes its font size (and box width),
        # which is what Properties shows and what a designer means.
        self.text_start = {
            i: (layer.size, layer.box_width)
            for i in layer_ids
            if isinstance(layer := session.layer(i), TextLayer) and layer.arc is None
        }
        self.single = len(layer_ids) == 1
        try:
            self.inverse = frame.affine.inverse()
        except ValueError:
            self.inverse = Affine()

    def move(self, pos: QPointF, mods: Qt.KeyboardModifier) -> None:
        session = self.view.session
        if session is None:
            return
        frame, handle = self.frame, self.handle
        centred = bool(mods & Mods.AltModifier)
        ax, ay = frame.box.center if centred else frame.local(OPPOSITE[handle])
        hx, hy = frame.local(handle)
        qx, qy = self.inverse.apply(pos.x(), pos.y())
        fx = (qx - ax) / (hx - ax) if abs(hx - ax) > 1e-9 else 1.0
        fy = (qy - ay) / (hy - ay) if abs(hy - ay) > 1e-9 else 1.0
        if handle in ("n", "s"):
            fx = 1.0
        if handle in ("e", "w"):
            fy = 1.0
        keep = handle in CORNERS and not mods & Mods.ShiftModifier
        if keep or not self.single:
            if handle in CORNERS:
                # Project the pointer on the diagonal: smooth, and the corner follows the pointer.
                vx, vy = hx - ax, hy - ay
                f = ((qx - ax) * vx + (qy - ay) * vy) / (vx * vx + vy * vy or 1.0)
            else:
                f = fx if handle in ("e", "w") else fy
            fx = fy = f
        w, h = frame.box.width, frame.box.height
        fx = max(fx, MIN_SIZE_MM / w) if w > 0 else 1.0
        fy = max(fy, MIN_SIZE_MM / h) if h > 0 else 1.0
        anchor = frame.affine.apply(ax, ay)
        transforms: dict[str, Transform] = {}
        fields: dict[str, dict[str, object]] = {}
        uniform = abs(fx - fy) < 1e-12
        for layer_id, t in self.start.items():
            f = fx
            text = self.text_start.get(layer_id) if uniform else None
            if text is not None:
                size, box_width = text
                f = min(max(size * fx, MIN_TEXT_PT), MAX_TEXT_PT) / size
                fields[layer_id] = {"size": round(size * f, 2)}
                if box_width is not None:
                    fields[layer_id]["box_width"] = box_width * f
            fy_layer = f if text is not None else fy
            if self.single:
                sx, sy = t.scale_x * f, t.scale_y * fy_layer
                m = Affine.rotation(t.rotation) @ Affine.scaling(sx, sy)
                lx, ly = m.apply(ax, ay)
                x, y = anchor[0] - lx, anchor[1] - ly
            else:
                sx, sy = t.scale_x * f, t.scale_y * fy_layer
                x = anchor[0] + (t.x - anchor[0]) * f
                y = anchor[1] + (t.y - anchor[1]) * fy_layer
            if text is not None:
                sx, sy = t.scale_x, t.scale_y  # the size grows instead
            transforms[layer_id] = Transform(x=x, y=y, rotation=t.rotation, scale_x=sx, scale_y=sy)
        session.push(TransformLayers(transforms, label="Resize", fields=fields))
        units = self.view.units
        self.view.page.overlay.badge = (
            f"{format_length(w * abs(fx) * abs(self._base_scale()[0]), units)} × "
            f"{format_length(h * abs(fy) * abs(self._base_scale()[1]), units)}",
            pos.x(),
            pos.y(),
        )
        self.view.refresh_overlay()

    def _base_scale(self) -> tuple[float, float]:
        if not self.single:
            return (1.0, 1.0)
        t = next(iter(self.start.values()))
        return (t.scale_x, t.scale_y)


class RotateGesture(Gesture):
    """Turn the selection about the centre of its frame; Shift snaps to 15° steps."""

    STEP = 15.0

    def __init__(self, view: CanvasView, layer_ids: list[str], frame: Frame, press: QPointF) -> None:
        super().__init__(view)
        session = view.session
        assert session is not None
        self.ids = layer_ids
        self.pivot = frame.center()
        self.start = {i: session.layer(i).transform.model_copy() for i in layer_ids}
        self.angle0 = self._angle(press)

    def _angle(self, p: QPointF) -> float:
        return math.degrees(math.atan2(p.y() - self.pivot[1], p.x() - self.pivot[0]))

    def move(self, pos: QPointF, mods: Qt.KeyboardModifier) -> None:
        session = self.view.session
        if session is None or not self.start:
            return
        delta = self._angle(pos) - self.angle0
        first = next(iter(self.start.values())).rotation
        if mods & Mods.ShiftModifier:
            delta = round((first + delta) / self.STEP) * self.STEP - first
        turn = (
            Affine.translation(*self.pivot)
            @ Affine.rotation(delta)
            @ Affine.translation(-self.pivot[0], -self.pivot[1])
        )
        transforms: dict[str, Transform] = {}
        for layer_id, t in self.start.items():
            x, y = turn.apply(t.x, t.y)
            rotation = _normalised(t.rotation + delta)
            transforms[layer_id] = Transform(x=x, y=y, rotation=rotation, scale_x=t.scale_x, scale_y=t.scale_y)
        session.push(TransformLayers(transforms, label="Rotate"))
        shown = _normalised(first + delta)
        self.view.page.overlay.badge = (
            f"{shown:.0f}°" if mods & Mods.ShiftModifier else f"{shown:.1f}°",
            pos.x(),
            pos.y(),
        )
        self.view.refresh_overlay()


def _normalised(degrees: float) -> float:
    """An angle in (-180, 180]."""
    d = math.fmod(degrees, 360.0)
    if d > 180.0:
        d -= 360.0
    elif d <= -180.0:
        d += 360.0
    return round(d, 9)


class RubberBandGesture(Gesture):
    """Select the layers that lie wholly inside a rectangle (Shift or Ctrl adds to the selection)."""

    def __init__(self, view: CanvasView, press: QPointF, *, add: bool) -> None:
        super().__init__(view)
        self.press = press
        session = view.session
        self.before = session.selection if (session is not None and add) else []

    def _rect(self, pos: QPointF) -> Rect:
        return Rect.from_points([(self.press.x(), self.press.y()), (pos.x(), pos.y())])

    def move(self, pos: QPointF, mods: Qt.KeyboardModifier) -> None:
        session = self.view.session
        if session is None:
            return
        band = self._rect(pos)
        inside = [
            item.layer_id
            for item in self.view.page.layer_items()
            if item.isVisible()
            and not item.locked
            and (box := item.scene_bounds()) is not None
            and band.contains_rect(box)
        ]
        session.select([*self.before, *inside])
        self.view.page.overlay.band = band
        self.view.refresh_overlay()


class PanGesture(Gesture):
    """Scroll the view with the pointer (middle button, or Space held)."""

    def __init__(self, view: CanvasView, press: QPoint) -> None:
        super().__init__(view)
        self.last = press

    def move_view(self, pos: QPoint) -> None:
        delta = pos - self.last
        self.last = pos
        bars = (self.view.horizontalScrollBar(), self.view.verticalScrollBar())
        bars[0].setValue(bars[0].value() - delta.x())
        bars[1].setValue(bars[1].value() - delta.y())

    def finish(self) -> None:
        self.view.refresh_overlay()
