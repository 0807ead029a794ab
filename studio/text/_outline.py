"""Recording a glyph's outline from fontTools as plain segments (imported when a glyph is read)."""

from __future__ import annotations

from typing import Any

from fontTools.pens.basePen import BasePen


class OutlinePen(BasePen):  # type: ignore[misc]
    """Records an outline as plain segments; BasePen resolves TrueType's implied points."""

    def __init__(self, glyph_set: Any, flatten_step: float) -> None:
        super().__init__(glyph_set)
        self.segments: list[tuple[Any, ...]] = []
        self.points: list[tuple[float, float]] = []
        self._step = flatten_step

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.segments.append(("M", float(pt[0]), float(pt[1])))
        self.points.append((pt[0], pt[1]))

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.segments.append(("L", float(pt[0]), float(pt[1])))
        self.points.append((pt[0], pt[1]))

    def _qCurveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float]) -> None:
        x0, y0 = self._getCurrentPoint()
        self.segments.append(("Q", float(pt1[0]), float(pt1[1]), float(pt2[0]), float(pt2[1])))
        n = self._steps(x0, y0, pt2[0], pt2[1], pt1)
        for i in range(1, n + 1):
            t = i / n
            u = 1.0 - t
            self.points.append(
                (u * u * x0 + 2 * u * t * pt1[0] + t * t * pt2[0], u * u * y0 + 2 * u * t * pt1[1] + t * t * pt2[1])
            )

    def _curveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float], pt3: tuple[float, float]) -> None:
        x0, y0 = self._getCurrentPoint()
        self.segments.append(
            ("C", float(pt1[0]), float(pt1[1]), float(pt2[0]), float(pt2[1]), float(pt3[0]), float(pt3[1]))
        )
        n = self._steps(x0, y0, pt3[0], pt3[1], pt1, pt2)
        for i in range(1, n + 1):
            t = i / n
            u = 1.0 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            self.points.append(
                (
                    a * x0 + b * pt1[0] + c * pt2[0] + d * pt3[0],
                    a * y0 + b * pt1[1] + c * pt2[1] + d * pt3[1],
                )
            )

    def _closePath(self) -> None:
        self.segments.append(("Z",))

    def _endPath(self) -> None:
        # An open contour fills as if closed; say so explicitly so every backend agrees.
        self.segments.append(("Z",))

    def _steps(self, x0: float, y0: float, x1: float, y1: float, *ctrl: tuple[float, float]) -> int:
        span = abs(x1 - x0) + abs(y1 - y0) + sum(abs(cx - x0) + abs(cy - y0) for cx, cy in ctrl)
        return max(2, min(16, int(span / self._step) + 1))
