"""The SVG conformance subset in ``tests/data/svg-suite`` and how a rendering is compared with it.

The subset comes from resvg's test suite (MIT, see ``tests/data/svg-suite/README.md``): every test
of the feature folders that real artwork uses, less those that draw text, load outside files, or
that the suite marks as undefined behaviour. Each test is a 200 x 200 viewBox (a few are 200 x 100)
and its reference PNG is 500 pixels wide.

Tolerance (stated once, used by the tests and by ``benchmarks/svg_suite_bench.py``): both images
are composited over white; a pixel *differs* when one of its channels lies more than ``LEVELS``
(of 255) outside the range of that channel over the reference pixel's 3 x 3 neighbourhood. In
flat areas that is a plain 24-level tolerance; along an edge it is the anti-aliasing allowance
(an edge up to one pixel apart, or smoothed or snapped differently, is not a difference). A
rendering *matches* when at most ``SHARE`` of its pixels differ.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "data" / "svg-suite"
LEVELS = 24
SHARE = 0.01
WIDTH = 500


@dataclass(frozen=True)
class Case:
    name: str
    """``folder/feature/test``, without extension."""
    svg: Path
    png: Path


def cases(suite: Path = SUITE) -> list[Case]:
    """Every test of the subset, sorted by name."""
    out = []
    for svg in sorted(suite.rglob("*.svg")):
        png = svg.with_suffix(".png")
        if png.exists():
            out.append(Case(svg.relative_to(suite).with_suffix("").as_posix(), svg, png))
    return out


def on_white(image: Image.Image) -> np.ndarray:
    """An image as an RGB uint8 array, composited over white."""
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return np.asarray(Image.alpha_composite(white, rgba).convert("RGB"))


def reference(case: Case) -> np.ndarray:
    with Image.open(case.png) as im:
        return on_white(im)


def differing_share(actual: np.ndarray, expected: np.ndarray) -> float:
    """The share of pixels of ``actual`` that differ from ``expected`` (see the module's tolerance)."""
    if actual.shape != expected.shape:
        return 1.0
    a = actual.astype(np.int16)
    e = np.pad(expected.astype(np.int16), ((1, 1), (1, 1), (0, 0)), mode="edge")
    h, w = a.shape[:2]
    shifted = [e[dy : dy + h, dx : dx + w] for dy in (0, 1, 2) for dx in (0, 1, 2)]
    low = np.minimum.reduce(shifted) - LEVELS
    high = np.maximum.reduce(shifted) + LEVELS
    outside = ((a < low) | (a > high)).any(axis=2)
    return float(np.count_nonzero(outside)) / (h * w)


def matches(actual: np.ndarray, expected: np.ndarray) -> bool:
    return differing_share(actual, expected) <= SHARE


def png_array(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as im:
        return on_white(im)
