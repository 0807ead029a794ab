"""Warp maps: where each pixel of a mockup looks in a print area, and sampling the print there.

A map is computed once per (placement, image size, angle) and reused for every re-render: the
surface functions give, for every destination pixel of the placement's bounding box, the point
of the print area (millimetres, trim coordinates) seen there; :class:`Sampler` turns those points
into gather indices and bilinear weights for a small pyramid of the print raster, so that a
re-render is a few numpy gathers. Pixels where the surface compresses the print (the sides of a
jar) read a coarser level of the pyramid, which keeps fine text from sparkling.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from studio.model.template import ConeLabel

F32 = NDArray[np.float32]
U8 = NDArray[np.uint8]
F64 = NDArray[np.float64]
Idx = NDArray[np.intp]

# Levels of the print pyramid: full resolution, then halves.
MAX_LEVEL = 3


@dataclass(frozen=True)
class Box:
    """A rectangle of destination pixels: columns ``x0:x1``, rows ``y0:y1``."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def shape(self) -> tuple[int, int]:
        return self.y1 - self.y0, self.x1 - self.x0

    @staticmethod
    def around(left: float, top: float, right: float, bottom: float, width: int, height: int) -> Box:
        """The pixels touching ``left..right`` x ``top..bottom`` (pixels), with a one-pixel margin."""
        x0 = max(0, math.floor(left) - 1)
        y0 = max(0, math.floor(top) - 1)
        x1 = min(width, math.ceil(right) + 1)
        y1 = min(height, math.ceil(bottom) + 1)
        return Box(x0, y0, max(x0, x1), max(y0, y1))

    def centres(self, scale: float, origin: tuple[float, float]) -> tuple[F64, F64]:
        """Art coordinates of the pixel centres (2-D arrays)."""
        xs = origin[0] + (np.arange(self.x0, self.x1, dtype=np.float64) + 0.5) / scale
        ys = origin[1] + (np.arange(self.y0, self.y1, dtype=np.float64) + 0.5) / scale
        return np.meshgrid(xs, ys)


@dataclass(frozen=True)
class Surface:
    """Print coordinates (mm) seen at each pixel of ``box``; NaN where the print cannot be."""

    box: Box
    u: F64
    v: F64
    coverage: F64
    """Fraction of each pixel inside the object's silhouette (anti-aliased edges)."""


def flat(box: Box, x: F64, y: F64, rect: tuple[float, float, float, float], size: tuple[float, float]) -> Surface:
    """An affine map of the trim box (``size`` mm) onto ``rect`` (art units)."""
    rx, ry, rw, rh = rect
    u = (x - rx) / rw * size[0]
    v = (y - ry) / rh * size[1]
    return Surface(box, u, v, np.ones_like(u))


@dataclass(frozen=True)
class Turned:
    """A body of revolution seen from the side: cylinder (top = bottom) or cone.

    ``rect`` is the visible band in art units (its width is the object's width at the label's top
    edge, ``bottom_width`` at its bottom edge); ``ellipse`` is the depth of the curve of a
    horizontal circle over the visible width (0: seen exactly from the side).
    """

    rect: tuple[float, float, float, float]
    bottom_width: float
    ellipse: float
    turn: float
    """Radians the object is turned by: the part of the print at this arc angle faces the viewer."""

    def geometry(self, x: F64, y: F64, scale: float, *, back: bool) -> tuple[F64, F64, F64]:
        """Arc angle from the front, fraction down the label, and silhouette coverage per pixel."""
        rx, ry, rw, rh = self.rect
        cx = rx + rw / 2
        depth = self.ellipse * rw
        t = (y - ry) / rh
        half = self._half_width(t)
        xn = np.clip((x - cx) / half, -1.0, 1.0)
        # A horizontal circle seen from above: its front is lowest, its back highest.
        lift = depth * (1.0 + np.sqrt(1.0 - xn * xn)) if back else depth * (1.0 - np.sqrt(1.0 - xn * xn))
        t = (y - ry + lift) / rh
        half = self._half_width(t)
        xn = np.clip((x - cx) / half, -1.0, 1.0)
        theta = np.arcsin(xn)
        phi = (math.pi - theta if back else theta) + self.turn
        phi = np.mod(phi + math.pi, 2 * math.pi) - math.pi
        coverage = np.clip((half - np.abs(x - cx)) * scale + 0.5, 0.0, 1.0)
        return phi, t, coverage

    def _half_width(self, t: F64) -> F64:
        rw = self.rect[2]
        return np.maximum((rw + (self.bottom_width - rw) * t) / 2, 1e-6)


def cylinder(
    box: Box, x: F64, y: F64, scale: float, body: Turned, size: tuple[float, float], diameter: float, *, back: bool
) -> Surface:
    """The label of a cylinder: a column at ``x`` from the axis shows arc ``asin(x / r)·R``."""
    phi, t, coverage = body.geometry(x, y, scale, back=back)
    radius = diameter / 2
    circumference = math.pi * diameter
    d = phi * radius
    if circumference < size[0]:  # a label longer than the round overlaps itself: show its top end
        d = np.mod(d + size[0] / 2, circumference) - size[0] / 2
    u = size[0] / 2 + d
    v = t * size[1]
    return Surface(box, u, v, coverage)


def cone(box: Box, x: F64, y: F64, scale: float, body: Turned, label: ConeLabel, *, back: bool) -> Surface:
    """The label of a frustum, sampled from its unrolled ring sector."""
    phi, t, coverage = body.geometry(x, y, scale, back=back)
    # Around the axis, an angle phi covers phi·R mm; on the flat sector that is phi·R/rho radians,
    # and R/rho is the same at every height (the sine of the cone's half-angle).
    big = max(label.top_diameter, label.bottom_diameter)
    ratio = big / 2 / label.outer_radius
    psi = phi * ratio
    if label.wide_at_top:
        rho = label.outer_radius - t * label.slant
        ax, ay = label.apex
        u = ax + rho * np.sin(psi)
        v = ay - rho * np.cos(psi)
    else:
        rho = label.inner_radius + t * label.slant
        ax, ay = label.apex
        u = ax + rho * np.sin(psi)
        v = ay + rho * np.cos(psi)
    outside = np.abs(phi) > label.coverage * math.pi + 1e-9
    u = np.where(outside, np.nan, u)
    return Surface(box, u, v, coverage)


def homography(
    src: list[tuple[float, float]],
    dst: list[tuple[float, float]],
) -> F64:
    """The 3x3 projective matrix taking the four ``src`` points onto the four ``dst`` points."""
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for k, ((sx, sy), (dx, dy)) in enumerate(zip(src, dst, strict=True)):
        a[2 * k] = [sx, sy, 1, 0, 0, 0, -dx * sx, -dx * sy]
        a[2 * k + 1] = [0, 0, 0, sx, sy, 1, -dy * sx, -dy * sy]
        b[2 * k] = dx
        b[2 * k + 1] = dy
    h = np.linalg.solve(a, b)
    return np.append(h, 1.0).reshape(3, 3)


def perspective(
    box: Box,
    x: F64,
    y: F64,
    quad: tuple[tuple[float, float], ...],
    size: tuple[float, float],
) -> Surface:
    """A projective map of the trim box onto ``quad`` (TL, TR, BR, BL in art units)."""
    w, h = size
    to_print = homography(list(quad), [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)])
    den = to_print[2, 0] * x + to_print[2, 1] * y + to_print[2, 2]
    den = np.where(np.abs(den) < 1e-12, 1e-12, den)
    u = (to_print[0, 0] * x + to_print[0, 1] * y + to_print[0, 2]) / den
    v = (to_print[1, 0] * x + to_print[1, 1] * y + to_print[1, 2]) / den
    return Surface(box, u, v, np.ones_like(u))


@dataclass(frozen=True)
class Level:
    """The pixels of a map that read one pyramid level, with their gather indices and weights."""

    level: int
    pixels: Idx
    """Positions in the map's pixel list."""
    base: Idx
    """Flat index of the top-left neighbour in the padded level raster."""
    ax: F32
    ay: F32
    weight: F32
    """How much this level contributes (levels are blended between powers of two)."""
    whole: bool
    """Every pixel reads only this level (weights all 1)."""


@dataclass(frozen=True)
class Sampler:
    """Gathers a print raster at the points of a surface.

    ``pixels`` are flat indices into the destination image; ``coverage`` multiplies what is read
    (the silhouette's and the art mask's edges).
    """

    pixels: Idx
    coverage: F32
    levels: tuple[Level, ...]
    shapes: tuple[tuple[int, int], ...]
    """Padded (height, width) of each pyramid level the indices were computed for."""

    @staticmethod
    def build(
        surface: Surface,
        image_width: int,
        print_px: tuple[int, int],
        size: tuple[float, float],
        mask: F32 | None,
        oversample: float = 1.0,
    ) -> Sampler:
        """Precompute the sampling of a ``print_px`` (width, height) raster of a ``size`` mm print.

        ``oversample`` is how many print pixels per destination pixel the raster has where the
        surface is seen head-on; coarser levels are read only where the surface compresses more.
        """
        box = surface.box
        u, v = surface.u, surface.v
        wpx, hpx = print_px
        sx, sy = wpx / size[0], hpx / size[1]
        # Footprint of one destination pixel in print pixels, from the map's derivatives.
        with np.errstate(invalid="ignore"):
            if u.shape[0] > 1 and u.shape[1] > 1:
                du_dy, du_dx = np.gradient(u * sx)
                dv_dy, dv_dx = np.gradient(v * sy)
                footprint = np.maximum(np.hypot(du_dx, dv_dx), np.hypot(du_dy, dv_dy))
            else:
                footprint = np.ones_like(u)
            footprint = np.where(np.isfinite(footprint), footprint, 1.0)
            level = np.clip(np.log2(np.maximum(footprint / oversample, 1.0)), 0.0, MAX_LEVEL)
            inside = np.isfinite(u) & np.isfinite(v)
            margin_u, margin_v = 2.0 / sx * 2**MAX_LEVEL, 2.0 / sy * 2**MAX_LEVEL
            inside &= (u > -margin_u) & (u < size[0] + margin_u) & (v > -margin_v) & (v < size[1] + margin_v)
        coverage = surface.coverage
        if mask is not None:
            coverage = coverage * mask[box.y0 : box.y1, box.x0 : box.x1]
        inside &= coverage > 0
        rows, cols = np.nonzero(inside)
        pixels = ((rows + box.y0) * image_width + cols + box.x0).astype(np.intp)
        uu, vv, lv = u[rows, cols], v[rows, cols], level[rows, cols]
        shapes = tuple(_padded_shape(wpx, hpx, k) for k in range(MAX_LEVEL + 1))
        levels: list[Level] = []
        # Blend two levels only in the upper half of each octave: most pixels read one level.
        lo = np.floor(lv).astype(np.intp)
        frac = np.clip((lv - lo - 0.5) * 2.0, 0.0, 1.0).astype(np.float32)
        for k in range(MAX_LEVEL + 1):
            for sel, weight in ((lo == k, 1.0 - frac), (lo == k - 1, frac)):
                chosen = np.nonzero(sel & (weight > 1e-3))[0]
                if chosen.size:
                    scale = (sx / 2**k, sy / 2**k)
                    levels.append(_level(k, chosen, uu[chosen], vv[chosen], weight[chosen], shapes[k], scale))
        return Sampler(pixels, coverage[rows, cols].astype(np.float32), tuple(levels), shapes)

    @property
    def needed_levels(self) -> int:
        """How many pyramid levels the sampling reads (1: the full resolution only)."""
        return 1 + max((lvl.level for lvl in self.levels), default=0)

    def sample(self, pyramid: list[U8]) -> F32:
        """Read premultiplied RGBA (0..1) at every pixel, from the padded levels of :func:`pyramid`."""
        out = np.zeros((self.pixels.size, 4), dtype=np.float32)
        for lvl in self.levels:
            level = pyramid[lvl.level]
            src = level.view(np.uint32).reshape(-1)
            stride = level.shape[1]
            b = lvl.base

            def read(index: Idx, src: NDArray[np.uint32] = src) -> F32:
                return src[index].view(np.uint8).reshape(-1, 4).astype(np.float32)

            ax = lvl.ax[:, None]
            ay = lvl.ay[:, None]
            p00 = read(b)
            top = p00 + (read(b + 1) - p00) * ax
            p10 = read(b + stride)
            bottom = p10 + (read(b + stride + 1) - p10) * ax
            value = top + (bottom - top) * ay
            if lvl.whole:
                out[lvl.pixels] = value
            else:
                out[lvl.pixels] += value * lvl.weight[:, None]
        out *= (self.coverage * np.float32(1.0 / 255.0))[:, None]
        return out


def _padded_shape(wpx: int, hpx: int, k: int) -> tuple[int, int]:
    f = 2**k
    return -(-hpx // f) + 2, -(-wpx // f) + 2


def _level(
    k: int, chosen: Idx, u: F64, v: F64, weight: F64 | F32, shape: tuple[int, int], scale: tuple[float, float]
) -> Level:
    hp, wp = shape
    # Pixel centres sit at half-integers; the one-pixel transparent border shifts indices by one.
    fx = u * scale[0] + 0.5
    fy = v * scale[1] + 0.5
    ix = np.clip(np.floor(fx), 0, wp - 2)
    iy = np.clip(np.floor(fy), 0, hp - 2)
    ax = np.clip(fx - ix, 0.0, 1.0).astype(np.float32)
    ay = np.clip(fy - iy, 0.0, 1.0).astype(np.float32)
    base = (iy.astype(np.intp) * wp + ix.astype(np.intp)).astype(np.intp)
    w = np.asarray(weight, dtype=np.float32)
    return Level(k, chosen.astype(np.intp), base, ax, ay, w, bool(np.all(w >= 1.0 - 1e-6)))


def pyramid(raster: U8, levels: int = MAX_LEVEL + 1) -> list[U8]:
    """``levels`` levels of a premultiplied uint8 RGBA raster: itself, then halvings.

    Each level has a one-pixel transparent border, so samples beyond the print fade out.
    """
    out: list[U8] = []
    current = raster
    for k in range(levels):
        if k > 0:
            h, w = current.shape[:2]
            wide = current.astype(np.uint16)
            if h % 2 or w % 2:
                wide = np.pad(wide, ((0, h % 2), (0, w % 2), (0, 0)), mode="edge")
            current = ((wide[0::2, 0::2] + wide[1::2, 0::2] + wide[0::2, 1::2] + wide[1::2, 1::2] + 2) >> 2).astype(
                np.uint8
            )
        h, w = current.shape[:2]
        padded = np.zeros((h + 2, w + 2, 4), dtype=np.uint8)
        padded[1:-1, 1:-1] = current
        out.append(padded)
    return out
