"""Comparing a render with its reviewed golden file.

Two machines may antialias an edge a little differently, or place it half a pixel apart; a person
would never notice. A layer moved by a millimetre, a swapped font, a changed colour or a missing
layer changes whole runs of pixels by far more. So each pixel of the render is compared with the
closest-matching pixel of the golden file within one pixel of it, and the render fails when more than
a handful of pixels still differ by more than ``LEVEL`` (on 0-255 channels) after that allowance.
"""

from __future__ import annotations

import numpy as np

LEVEL = 40  # a clearly visible difference on one channel, well above antialiasing noise
MAX_BAD = 0.0002  # share of pixels allowed past LEVEL: a few stray edge pixels, never a shape


def bad_pixels(render: np.ndarray, golden: np.ndarray) -> np.ndarray:
    """Boolean map of the pixels that differ by more than LEVEL from every golden pixel within one pixel."""
    if render.shape != golden.shape:
        raise AssertionError(f"sizes differ: {render.shape} != {golden.shape}")
    a = render.astype(np.int16)
    padded = np.pad(golden.astype(np.int16), ((1, 1), (1, 1), (0, 0)), mode="edge")
    h, w = a.shape[:2]
    best = np.full((h, w), 255, dtype=np.int16)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            diff = np.abs(a - padded[dy : dy + h, dx : dx + w]).max(axis=2)
            np.minimum(best, diff, out=best)
    result: np.ndarray = best > LEVEL
    return result


def assert_matches_golden(render: np.ndarray, golden: np.ndarray, what: str) -> None:
    bad = bad_pixels(render, golden)
    share = float(bad.mean())
    if share > MAX_BAD:
        ys, xs = np.nonzero(bad)
        raise AssertionError(
            f"{what}: {int(bad.sum())} pixels ({share:.3%}) differ visibly from the golden file, "
            f"within x {xs.min()}-{xs.max()}, y {ys.min()}-{ys.max()}"
        )
