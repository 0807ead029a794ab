"""Snapping a moving box to the print area's guides and to other layers (no Qt here).

The canvas asks :func:`snap_box` where a dragged selection should go; it answers with the
correction to apply and the smart guides to draw (magenta lines through the edges that met).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from studio.model.geometry import Rect

__all__ = ["SnapGuide", "SnapResult", "SnapTarget", "snap_box", "targets_for"]


@dataclass(frozen=True, slots=True)
class SnapTarget:
    """A line something may snap to: ``value`` along one axis, spanning ``start..end`` on the other."""

    value: float
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class SnapGuide:
    """A smart guide to draw: vertical (``x`` fixed) when ``vertical``, else horizontal."""

    vertical: bool
    value: float
    start: float
    end: float


@dataclass(slots=True)
class SnapResult:
    """The correction to add to the box's position, and the guides that explain it."""

    dx: float = 0.0
    dy: float = 0.0
    guides: list[SnapGuide] = field(default_factory=list)


def targets_for(trim: Rect, safe: Rect | None, others: Iterable[Rect]) -> tuple[list[SnapTarget], list[SnapTarget]]:
    """Vertical and horizontal snap lines of a print area and of the other layers' boxes.

    Parameters
    ----------
    trim
        The trim box (its edges and centre lines are targets).
    safe
        The safe area's box, if it differs from the trim.
    others
        Bounds of the layers that are not moving (edges and centres).

    Returns
    -------
    tuple of lists
        ``(x_targets, y_targets)``.
    """
    xs = [SnapTarget(v, trim.top, trim.bottom) for v in (trim.left, trim.center[0], trim.right)]
    ys = [SnapTarget(v, trim.left, trim.right) for v in (trim.top, trim.center[1], trim.bottom)]
    if safe is not None and not safe.is_empty:
        xs += [SnapTarget(v, trim.top, trim.bottom) for v in (safe.left, safe.right)]
        ys += [SnapTarget(v, trim.left, trim.right) for v in (safe.top, safe.bottom)]
    for box in others:
        xs += [SnapTarget(v, box.top, box.bottom) for v in (box.left, box.center[0], box.right)]
        ys += [SnapTarget(v, box.left, box.right) for v in (box.top, box.center[1], box.bottom)]
    return xs, ys


def _axis(edges: tuple[float, ...], targets: list[SnapTarget], tolerance: float) -> tuple[float, list[SnapTarget]]:
    best: float | None = None
    for target in targets:
        for edge in edges:
            d = target.value - edge
            if abs(d) <= tolerance and (best is None or abs(d) < abs(best)):
                best = d
    if best is None:
        return 0.0, []
    hits = [t for t in targets if any(abs(t.value - e - best) < 1e-6 for e in edges)]
    return best, hits


def snap_box(
    box: Rect, x_targets: list[SnapTarget], y_targets: list[SnapTarget], tolerance: float, *, axes: str = "xy"
) -> SnapResult:
    """Where ``box`` should move so that one of its edges or centre lines meets a target.

    Parameters
    ----------
    box
        The moving selection's bounds where the pointer would put them (mm).
    x_targets, y_targets
        From :func:`targets_for`.
    tolerance
        How far (mm) an edge may be from a target and still snap: a few screen pixels at the
        current zoom.
    axes
        Which axes may snap (``"x"``, ``"y"`` or ``"xy"``).

    Returns
    -------
    SnapResult
        The offsets to add and the guides to draw (spanning the box and what it met).
    """
    result = SnapResult()
    if "x" in axes:
        result.dx, hits = _axis((box.left, box.center[0], box.right), x_targets, tolerance)
        top, bottom = box.top, box.bottom
        for t in hits:
            result.guides.append(SnapGuide(True, t.value, min(t.start, top), max(t.end, bottom)))
    if "y" in axes:
        result.dy, hits = _axis((box.top, box.center[1], box.bottom), y_targets, tolerance)
        left, right = box.left + result.dx, box.right + result.dx
        for t in hits:
            result.guides.append(SnapGuide(False, t.value, min(t.start, left), max(t.end, right)))
    # Vertical guides were measured before the vertical correction: stretch them to the final box.
    if result.dy:
        result.guides = [
            SnapGuide(g.vertical, g.value, min(g.start, box.top + result.dy), max(g.end, box.bottom + result.dy))
            if g.vertical
            else g
            for g in result.guides
        ]
    return result
