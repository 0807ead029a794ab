"""Units and plane geometry in millimetres.

Every coordinate in the model is a float in millimetres, in the coordinate system of one print
area: origin at the top-left corner of the trim box, x to the right, y down (as in Qt and SVG).

`Affine` is the 2-D affine transform ``x' = a*x + c*y + e``, ``y' = b*x + d*y + f`` — the same
six numbers, in the same order, as SVG's ``matrix(a b c d e f)`` and Qt's ``QTransform(m11, m12,
m21, m22, dx, dy)``, so every backend can pass it on unchanged.

`Path` is a list of segments (move, line, cubic, quadratic, close). Arcs, ellipses and rounded
corners are turned into cubic Béziers when they are added, which every backend draws natively.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

MM_PER_INCH = 25.4
PT_PER_MM = 72.0 / MM_PER_INCH


def mm_to_pt(mm: float) -> float:
    """Millimetres to PostScript points (1/72 inch)."""
    return mm * PT_PER_MM


def pt_to_mm(pt: float) -> float:
    """PostScript points to millimetres."""
    return pt / PT_PER_MM


def mm_to_px(mm: float, dpi: float) -> float:
    """Millimetres to pixels at ``dpi`` dots per inch."""
    return mm * dpi / MM_PER_INCH


# A cubic Bézier with control points at this fraction of the radius approximates a quarter circle
# to within 0.03 % of the radius.
KAPPA = 4.0 * (math.sqrt(2.0) - 1.0) / 3.0


@dataclass(frozen=True, slots=True)
class Affine:
    """A 2-D affine transform (see the module docstring for the convention)."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    @staticmethod
    def identity() -> Affine:
        return Affine()

    @staticmethod
    def translation(tx: float, ty: float) -> Affine:
        return Affine(1.0, 0.0, 0.0, 1.0, tx, ty)

    @staticmethod
    def scaling(sx: float, sy: float | None = None) -> Affine:
        return Affine(sx, 0.0, 0.0, sx if sy is None else sy, 0.0, 0.0)

    @staticmethod
    def rotation(degrees: float) -> Affine:
        """Rotation by ``degrees``; positive turns clockwise on screen (y points down)."""
        r = math.radians(degrees)
        cos, sin = math.cos(r), math.sin(r)
        # Snap the common right angles so that rotated rectangles stay exactly axis-aligned.
        cos = round(cos) if abs(cos - round(cos)) < 1e-12 else cos
        sin = round(sin) if abs(sin - round(sin)) < 1e-12 else sin
        return Affine(cos, sin, -sin, cos, 0.0, 0.0)

    def __matmul__(self, other: Affine) -> Affine:
        """``self @ other`` applies ``other`` first, then ``self``."""
        s, o = self, other
        return Affine(
            s.a * o.a + s.c * o.b,
            s.b * o.a + s.d * o.b,
            s.a * o.c + s.c * o.d,
            s.b * o.c + s.d * o.d,
            s.a * o.e + s.c * o.f + s.e,
            s.b * o.e + s.d * o.f + s.f,
        )

    def then(self, other: Affine) -> Affine:
        """This transform followed by ``other``."""
        return other @ self

    @property
    def determinant(self) -> float:
        return self.a * self.d - self.b * self.c

    def inverse(self) -> Affine:
        det = self.determinant
        if abs(det) < 1e-15:
            raise ValueError("transform is not invertible")
        a, b, c, d = self.d / det, -self.b / det, -self.c / det, self.a / det
        return Affine(a, b, c, d, -(a * self.e + c * self.f), -(b * self.e + d * self.f))

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)

    def is_identity(self, tol: float = 1e-12) -> bool:
        return all(abs(p - q) <= tol for p, q in zip(self.as_tuple(), (1, 0, 0, 1, 0, 0), strict=True))

    def scale_factors(self) -> tuple[float, float]:
        """Lengths of the images of the unit x and y vectors."""
        return (math.hypot(self.a, self.b), math.hypot(self.c, self.d))

    def as_tuple(self) -> tuple[float, float, float, float, float, float]:
        return (self.a, self.b, self.c, self.d, self.e, self.f)


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle: top-left corner ``(x, y)``, ``width`` and ``height`` (mm)."""

    x: float
    y: float
    width: float
    height: float

    @staticmethod
    def from_points(points: Iterable[tuple[float, float]]) -> Rect:
        xs, ys = [], []
        for px, py in points:
            xs.append(px)
            ys.append(py)
        if not xs:
            return Rect(0.0, 0.0, 0.0, 0.0)
        return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    @property
    def left(self) -> float:
        return self.x

    @property
    def top(self) -> float:
        return self.y

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.width / 2.0, self.y + self.height / 2.0)

    @property
    def is_empty(self) -> bool:
        return self.width <= 0.0 or self.height <= 0.0

    def corners(self) -> list[tuple[float, float]]:
        return [(self.left, self.top), (self.right, self.top), (self.right, self.bottom), (self.left, self.bottom)]

    def inflated(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x - dx, self.y - dy, self.width + 2 * dx, self.height + 2 * dy)

    def union(self, other: Rect) -> Rect:
        if self.is_empty and self.width == 0 and self.height == 0:
            return other
        left, top = min(self.left, other.left), min(self.top, other.top)
        return Rect(left, top, max(self.right, other.right) - left, max(self.bottom, other.bottom) - top)

    def intersection(self, other: Rect) -> Rect | None:
        left, top = max(self.left, other.left), max(self.top, other.top)
        right, bottom = min(self.right, other.right), min(self.bottom, other.bottom)
        if right <= left or bottom <= top:
            return None
        return Rect(left, top, right - left, bottom - top)

    def intersects(self, other: Rect) -> bool:
        return self.intersection(other) is not None

    def contains_point(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    def contains_rect(self, other: Rect, tol: float = 1e-9) -> bool:
        return (
            other.left >= self.left - tol
            and other.top >= self.top - tol
            and other.right <= self.right + tol
            and other.bottom <= self.bottom + tol
        )

    def transformed(self, m: Affine) -> Rect:
        """Bounding box of this rectangle after ``m``."""
        return Rect.from_points(m.apply(x, y) for x, y in self.corners())


Segment = (
    tuple[Literal["M"], float, float]
    | tuple[Literal["L"], float, float]
    | tuple[Literal["Q"], float, float, float, float]
    | tuple[Literal["C"], float, float, float, float, float, float]
    | tuple[Literal["Z"]]
)
FillRule = Literal["nonzero", "evenodd"]


@dataclass(slots=True)
class Path:
    """A vector path made of subpaths of lines and Bézier curves (mm).

    Build it with the chainable methods (``move_to``, ``line_to``, ``curve_to``, ``quad_to``,
    ``arc``, ``close``) or the shape constructors (``rectangle``, ``ellipse``, ...).
    """

    segments: list[Segment] = field(default_factory=list)
    fill_rule: FillRule = "nonzero"

    # -- building -----------------------------------------------------------------------------
    def move_to(self, x: float, y: float) -> Path:
        self.segments.append(("M", x, y))
        return self

    def line_to(self, x: float, y: float) -> Path:
        self.segments.append(("L", x, y))
        return self

    def quad_to(self, x1: float, y1: float, x: float, y: float) -> Path:
        self.segments.append(("Q", x1, y1, x, y))
        return self

    def curve_to(self, x1: float, y1: float, x2: float, y2: float, x: float, y: float) -> Path:
        self.segments.append(("C", x1, y1, x2, y2, x, y))
        return self

    def close(self) -> Path:
        self.segments.append(("Z",))
        return self

    def extend(self, other: Path) -> Path:
        self.segments.extend(other.segments)
        return self

    def current_point(self) -> tuple[float, float] | None:
        start: tuple[float, float] | None = None
        point: tuple[float, float] | None = None
        for seg in self.segments:
            if seg[0] == "Z":
                point = start
            else:
                point = (seg[-2], seg[-1])
                if seg[0] == "M":
                    start = point
        return point

    def arc(
        self,
        cx: float,
        cy: float,
        rx: float,
        ry: float,
        start_deg: float,
        sweep_deg: float,
        *,
        connect: bool = True,
    ) -> Path:
        """Add an elliptical arc around ``(cx, cy)`` from ``start_deg`` sweeping ``sweep_deg``.

        Angles are measured from the x axis towards y (clockwise on screen). With ``connect``
        the arc is joined to the current point by a line, otherwise it starts a new subpath.
        """
        n = max(1, math.ceil(abs(sweep_deg) / 90.0 - 1e-9))
        step = math.radians(sweep_deg) / n
        t0 = math.radians(start_deg)
        x0, y0 = cx + rx * math.cos(t0), cy + ry * math.sin(t0)
        if connect and self.segments and self.segments[-1][0] != "Z":
            self.line_to(x0, y0)
        else:
            self.move_to(x0, y0)
        k = 4.0 / 3.0 * math.tan(step / 4.0)
        for i in range(n):
            a0 = t0 + i * step
            a1 = a0 + step
            c0, s0, c1, s1 = math.cos(a0), math.sin(a0), math.cos(a1), math.sin(a1)
            self.curve_to(
                cx + rx * (c0 - k * s0),
                cy + ry * (s0 + k * c0),
                cx + rx * (c1 + k * s1),
                cy + ry * (s1 - k * c1),
                cx + rx * c1,
                cy + ry * s1,
            )
        return self

    # -- shapes -------------------------------------------------------------------------------
    @staticmethod
    def rectangle(x: float, y: float, w: float, h: float) -> Path:
        return Path().move_to(x, y).line_to(x + w, y).line_to(x + w, y + h).line_to(x, y + h).close()

    @staticmethod
    def rounded_rectangle(x: float, y: float, w: float, h: float, r: float) -> Path:
        r = max(0.0, min(r, w / 2.0, h / 2.0))
        if r == 0.0:
            return Path.rectangle(x, y, w, h)
        p = Path().move_to(x + r, y).line_to(x + w - r, y)
        p.arc(x + w - r, y + r, r, r, -90, 90)
        p.line_to(x + w, y + h - r)
        p.arc(x + w - r, y + h - r, r, r, 0, 90)
        p.line_to(x + r, y + h)
        p.arc(x + r, y + h - r, r, r, 90, 90)
        p.line_to(x, y + r)
        p.arc(x + r, y + r, r, r, 180, 90)
        return p.close()

    @staticmethod
    def ellipse(cx: float, cy: float, rx: float, ry: float) -> Path:
        return Path().arc(cx, cy, rx, ry, 0, 360, connect=False).close()

    @staticmethod
    def polygon(points: Sequence[tuple[float, float]], *, closed: bool = True) -> Path:
        p = Path()
        for i, (x, y) in enumerate(points):
            if i == 0:
                p.move_to(x, y)
            else:
                p.line_to(x, y)
        if closed and points:
            p.close()
        return p

    @staticmethod
    def regular_polygon(cx: float, cy: float, rx: float, ry: float, sides: int) -> Path:
        """A polygon with ``sides`` corners inscribed in the ellipse, first corner at the top."""
        pts = [
            (cx + rx * math.sin(2 * math.pi * i / sides), cy - ry * math.cos(2 * math.pi * i / sides))
            for i in range(sides)
        ]
        return Path.polygon(pts)

    @staticmethod
    def star(cx: float, cy: float, rx: float, ry: float, points: int, inner_ratio: float) -> Path:
        """A star with ``points`` tips on the ellipse and its inner corners at ``inner_ratio``."""
        pts = []
        for i in range(2 * points):
            r = 1.0 if i % 2 == 0 else inner_ratio
            t = math.pi * i / points
            pts.append((cx + rx * r * math.sin(t), cy - ry * r * math.cos(t)))
        return Path.polygon(pts)

    # -- queries ------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(seg[0] not in ("M", "Z") for seg in self.segments)

    def transformed(self, m: Affine) -> Path:
        if m.is_identity():
            return Path(list(self.segments), self.fill_rule)
        out: list[Segment] = []
        for seg in self.segments:
            op = seg[0]
            if op == "Z":
                out.append(seg)
                continue
            coords = seg[1:]
            mapped: list[float] = []
            for i in range(0, len(coords), 2):
                mapped.extend(m.apply(coords[i], coords[i + 1]))
            out.append((op, *mapped))  # type: ignore[arg-type]
        return Path(out, self.fill_rule)

    def reversed_subpaths(self) -> Path:
        """The same outline drawn in the opposite direction (used to punch holes in nonzero fills)."""
        out = Path(fill_rule=self.fill_rule)
        for sub in self.subpaths():
            pts = sub.flatten(0.01)
            for poly in pts:
                out.extend(Path.polygon(list(reversed(poly))))
        return out

    def subpaths(self) -> Iterator[Path]:
        current: list[Segment] = []
        for seg in self.segments:
            if seg[0] == "M" and current:
                yield Path(current, self.fill_rule)
                current = []
            current.append(seg)
        if current:
            yield Path(current, self.fill_rule)

    def flatten(self, tolerance: float = 0.05) -> list[list[tuple[float, float]]]:
        """Polylines approximating each subpath to within about ``tolerance`` mm."""
        polys: list[list[tuple[float, float]]] = []
        poly: list[tuple[float, float]] = []
        start = (0.0, 0.0)
        cur = (0.0, 0.0)
        for seg in self.segments:
            op = seg[0]
            if op == "M":
                if len(poly) > 1:
                    polys.append(poly)
                cur = start = (seg[1], seg[2])  # type: ignore[misc]
                poly = [cur]
            elif op == "L":
                cur = (seg[1], seg[2])  # type: ignore[misc]
                poly.append(cur)
            elif op == "Q":
                x1, y1, x, y = seg[1:]  # type: ignore[misc]
                n = _curve_steps([cur, (x1, y1), (x, y)], tolerance)
                for i in range(1, n + 1):
                    t = i / n
                    u = 1 - t
                    poly.append(
                        (u * u * cur[0] + 2 * u * t * x1 + t * t * x, u * u * cur[1] + 2 * u * t * y1 + t * t * y)
                    )
                cur = (x, y)
            elif op == "C":
                x1, y1, x2, y2, x, y = seg[1:]  # type: ignore[misc]
                n = _curve_steps([cur, (x1, y1), (x2, y2), (x, y)], tolerance)
                for i in range(1, n + 1):
                    t = i / n
                    u = 1 - t
                    poly.append(
                        (
                            u**3 * cur[0] + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x,
                            u**3 * cur[1] + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y,
                        )
                    )
                cur = (x, y)
            else:  # Z
                if poly and poly[-1] != start:
                    poly.append(start)
                if len(poly) > 1:
                    polys.append(poly)
                poly = [start]
                cur = start
        if len(poly) > 1:
            polys.append(poly)
        return polys

    def bounds(self) -> Rect:
        """The tight bounding box (curves are flattened finely enough for 0.01 mm accuracy)."""
        return Rect.from_points(p for poly in self.flatten(0.01) for p in poly)

    def contains(self, x: float, y: float, tolerance: float = 0.02) -> bool:
        """Whether ``(x, y)`` is inside the filled path, by its fill rule."""
        winding = 0
        crossings = 0
        for poly in self.flatten(tolerance):
            pts = poly if poly[0] == poly[-1] else [*poly, poly[0]]
            for (x0, y0), (x1, y1) in pairwise(pts):
                if y0 <= y < y1 or y1 <= y < y0:
                    xi = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                    if xi > x:
                        crossings += 1
                        winding += 1 if y1 > y0 else -1
        if self.fill_rule == "evenodd":
            return crossings % 2 == 1
        return winding != 0

    def length(self, tolerance: float = 0.01) -> float:
        return sum(math.hypot(q[0] - p[0], q[1] - p[1]) for poly in self.flatten(tolerance) for p, q in pairwise(poly))

    # -- SVG path data ------------------------------------------------------------------------
    def to_svg(self, precision: int = 4) -> str:
        def fmt(v: float) -> str:
            s = f"{v:.{precision}f}".rstrip("0").rstrip(".")
            return "0" if s in ("-0", "") else s

        parts = []
        for seg in self.segments:
            parts.append(seg[0] + " ".join(fmt(v) for v in seg[1:]))
        return " ".join(parts)

    @staticmethod
    def from_svg(d: str) -> Path:
        """Parse SVG path data (all commands, absolute and relative, arcs included)."""
        return _parse_svg_path(d)


def _curve_steps(points: list[tuple[float, float]], tolerance: float) -> int:
    span = sum(math.hypot(q[0] - p[0], q[1] - p[1]) for p, q in pairwise(points))
    return max(2, min(256, math.ceil(math.sqrt(span / max(tolerance, 1e-6)) * 0.6)))


_SVG_TOKEN = re.compile(r"[MmZzLlHhVvCcSsQqTtAa]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


class PathSyntaxError(ValueError):
    """SVG path data that cannot be read."""


def _parse_svg_path(d: str) -> Path:
    tokens = _SVG_TOKEN.findall(d)
    leftover = _SVG_TOKEN.sub("", d).replace(",", "").strip()
    if leftover:
        raise PathSyntaxError(f"unexpected characters {leftover[:20]!r} in path data")
    path = Path()
    i = 0
    cmd = ""
    cx = cy = sx = sy = 0.0
    last_ctrl: tuple[float, float] | None = None
    last_cmd = ""
    while i < len(tokens):
        tok = tokens[i]
        if tok.isalpha():
            cmd = tok
            i += 1
            if cmd in "Zz":
                path.close()
                cx, cy = sx, sy
                last_cmd = "Z"
                continue
        elif not cmd:
            raise PathSyntaxError("path data must start with a command")
        upper = cmd.upper()
        n = _ARGS[upper]
        if n == 0:
            raise PathSyntaxError("numbers after Z")
        if i + n > len(tokens) or any(t.isalpha() for t in tokens[i : i + n]):
            raise PathSyntaxError(f"command {cmd} needs {n} numbers")
        v = [float(t) for t in tokens[i : i + n]]
        i += n
        rel = cmd.islower()
        ox, oy = (cx, cy) if rel else (0.0, 0.0)
        ctrl: tuple[float, float] | None = None
        if upper == "M":
            cx, cy = ox + v[0], oy + v[1]
            sx, sy = cx, cy
            path.move_to(cx, cy)
            cmd = "l" if rel else "L"  # further pairs are implicit line-tos
        elif upper == "L":
            cx, cy = ox + v[0], oy + v[1]
            path.line_to(cx, cy)
        elif upper == "H":
            cx = ox + v[0]
            path.line_to(cx, cy)
        elif upper == "V":
            cy = oy + v[0]
            path.line_to(cx, cy)
        elif upper == "C":
            x1, y1, x2, y2 = ox + v[0], oy + v[1], ox + v[2], oy + v[3]
            cx, cy = ox + v[4], oy + v[5]
            path.curve_to(x1, y1, x2, y2, cx, cy)
            ctrl = (x2, y2)
        elif upper == "S":
            x1, y1 = (2 * cx - last_ctrl[0], 2 * cy - last_ctrl[1]) if last_ctrl and last_cmd in "CS" else (cx, cy)
            x2, y2 = ox + v[0], oy + v[1]
            cx, cy = ox + v[2], oy + v[3]
            path.curve_to(x1, y1, x2, y2, cx, cy)
            ctrl = (x2, y2)
        elif upper == "Q":
            x1, y1 = ox + v[0], oy + v[1]
            cx, cy = ox + v[2], oy + v[3]
            path.quad_to(x1, y1, cx, cy)
            ctrl = (x1, y1)
        elif upper == "T":
            x1, y1 = (2 * cx - last_ctrl[0], 2 * cy - last_ctrl[1]) if last_ctrl and last_cmd in "QT" else (cx, cy)
            cx, cy = ox + v[0], oy + v[1]
            path.quad_to(x1, y1, cx, cy)
            ctrl = (x1, y1)
        elif upper == "A":
            x, y = ox + v[5], oy + v[6]
            _svg_arc(path, cx, cy, v[0], v[1], v[2], bool(v[3]), bool(v[4]), x, y)
            cx, cy = x, y
        last_ctrl = ctrl
        last_cmd = upper
    return path


def _svg_arc(
    path: Path,
    x1: float,
    y1: float,
    rx: float,
    ry: float,
    phi_deg: float,
    large: bool,
    sweep: bool,
    x2: float,
    y2: float,
) -> None:
    """Endpoint-parameterised SVG arc to cubic Béziers (SVG 1.1, appendix F.6)."""
    if (x1, y1) == (x2, y2):
        return
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        path.line_to(x2, y2)
        return
    phi = math.radians(phi_deg % 360)
    cos_p, sin_p = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    x1p = cos_p * dx + sin_p * dy
    y1p = -sin_p * dx + cos_p * dy
    lam = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    coef = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        coef = -coef
    cxp, cyp = coef * rx * y1p / ry, -coef * ry * x1p / rx
    ccx = cos_p * cxp - sin_p * cyp + (x1 + x2) / 2
    ccy = sin_p * cxp + cos_p * cyp + (y1 + y2) / 2

    def angle(ux: float, uy: float, vx: float, vy: float) -> float:
        a = math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)
        return a

    t1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    dt = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and dt > 0:
        dt -= 2 * math.pi
    elif sweep and dt < 0:
        dt += 2 * math.pi
    n = max(1, math.ceil(abs(dt) / (math.pi / 2) - 1e-9))
    step = dt / n
    k = 4.0 / 3.0 * math.tan(step / 4)

    def pt(t: float) -> tuple[float, float]:
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        return (cos_p * ex - sin_p * ey + ccx, sin_p * ex + cos_p * ey + ccy)

    def deriv(t: float) -> tuple[float, float]:
        ex, ey = -rx * math.sin(t), ry * math.cos(t)
        return (cos_p * ex - sin_p * ey, sin_p * ex + cos_p * ey)

    for i in range(n):
        a0, a1 = t1 + i * step, t1 + (i + 1) * step
        p0, p1 = pt(a0), pt(a1)
        d0, d1 = deriv(a0), deriv(a1)
        path.curve_to(p0[0] + k * d0[0], p0[1] + k * d0[1], p1[0] - k * d1[0], p1[1] - k * d1[1], p1[0], p1[1])
