"""Draw the meadow photo used by the jar-name example.

A soft-focus wildflower meadow at golden hour, made from gradients, noise, blurred grass and
bokeh so that the examples ship with a photograph that nobody else owns. Run it from anywhere:

    python examples/make_photo.py

It writes ``examples/jar-name/photo.jpg`` (2400 x 1600 px, JPEG quality 90). The picture is the
same on every run (fixed random seed).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 2400, 1600
HORIZON = 0.50
SUN = (0.70, 0.36)
OUT = Path(__file__).resolve().parent / "jar-name" / "photo.jpg"


def _to_image(a: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(a * 255.0, 0, 255).astype(np.uint8))


def _to_array(im: Image.Image) -> np.ndarray:
    return np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0


def _blur(a: np.ndarray, radius: float) -> np.ndarray:
    return _to_array(_to_image(a).filter(ImageFilter.GaussianBlur(radius)))


def _smooth_noise(rng: np.random.Generator, n: int, scale: int) -> np.ndarray:
    """1-D value noise: random points joined by a cosine curve, in 0..1."""
    points = rng.random(n // scale + 3)
    x = np.arange(n) / scale
    i = x.astype(int)
    t = (1 - np.cos((x - i) * math.pi)) / 2
    return points[i] * (1 - t) + points[i + 1] * t


def sky_and_sun(yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    v = yy / HORIZON
    top = np.array([0.55, 0.66, 0.78])
    mid = np.array([0.96, 0.80, 0.56])
    low = np.array([1.00, 0.88, 0.62])
    t = np.clip(v, 0, 1)[..., None]
    sky = np.where(t < 0.65, top + (mid - top) * (t / 0.65), mid + (low - mid) * ((t - 0.65) / 0.35))
    d = np.hypot((xx - SUN[0]) * WIDTH / HEIGHT, yy - SUN[1])
    glow = np.exp(-((d / 0.22) ** 2))[..., None] * np.array([1.0, 0.86, 0.55]) * 0.55
    core = np.exp(-((d / 0.035) ** 2))[..., None] * np.array([1.0, 0.98, 0.9])
    return sky + glow + core


def treeline(rng: np.random.Generator, img: np.ndarray, yy: np.ndarray) -> np.ndarray:
    """Hazy hills and a row of trees on the horizon, far out of focus."""
    profile = HORIZON - 0.035 - 0.05 * _smooth_noise(rng, WIDTH, 420) - 0.025 * _smooth_noise(rng, WIDTH, 90)
    hills = (yy > profile[None, :]).astype(np.float32)[..., None]
    haze = np.array([0.70, 0.66, 0.55])
    img = img * (1 - hills * 0.85) + haze * hills * 0.85
    crowns = HORIZON - 0.012 - 0.06 * _smooth_noise(rng, WIDTH, 60) ** 2
    trees = (yy > crowns[None, :]).astype(np.float32)[..., None]
    img = img * (1 - trees * 0.8) + np.array([0.42, 0.42, 0.28]) * trees * 0.8
    return _blur(img, 18)


def meadow(img: np.ndarray, yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    ground = (yy > HORIZON).astype(np.float32)
    ground = _to_array(_to_image(np.repeat(ground[..., None], 3, axis=2)).filter(ImageFilter.GaussianBlur(6)))[..., :1]
    depth = np.clip((yy - HORIZON) / (1 - HORIZON), 0, 1)[..., None]
    far = np.array([0.62, 0.62, 0.32])
    near = np.array([0.22, 0.34, 0.10])
    grass = far + (near - far) * depth**0.7
    # light from the low sun behind the meadow
    d = np.abs(xx - SUN[0])[..., None]
    grass = grass + np.exp(-((d / 0.3) ** 2)) * (1 - depth) * np.array([0.30, 0.22, 0.06])
    return img * (1 - ground) + grass * ground


def grass_layer(
    rng: np.random.Generator,
    count: int,
    y_range: tuple[float, float],
    length: tuple[float, float],
    width: tuple[int, int],
    colors: list[tuple[int, int, int]],
    blur: float,
) -> Image.Image:
    layer = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(count):
        x = rng.uniform(-50, WIDTH + 50)
        y = rng.uniform(*y_range) * HEIGHT
        h = rng.uniform(*length) * HEIGHT
        lean = rng.normal(0, 0.25)
        r, g, b = colors[rng.integers(len(colors))]
        alpha = int(rng.uniform(150, 255))
        pts = []
        for k in range(7):
            t = k / 6
            pts.append((x + lean * h * t * t, y - h * t))
        draw.line(pts, fill=(r, g, b, alpha), width=int(rng.integers(width[0], width[1] + 1)), joint="curve")
        # a bright rim where the sun catches the tip
        draw.line(pts[4:], fill=(255, 226, 150, alpha // 2), width=max(1, width[0] // 2))
    return layer.filter(ImageFilter.GaussianBlur(blur))


def flower_layer(
    rng: np.random.Generator, count: int, y_range: tuple[float, float], size: tuple[float, float], blur: float
) -> Image.Image:
    """Daisies, buttercups and clover heads: petals seen a little from the side."""
    layer = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    palette = [(255, 214, 64), (255, 244, 232), (250, 196, 48), (206, 150, 226), (255, 250, 240), (255, 244, 232)]
    for _ in range(count):
        x = rng.uniform(0, WIDTH)
        y = rng.uniform(*y_range) * HEIGHT
        s = rng.uniform(*size) * (0.5 + (y / HEIGHT))
        r, g, b = palette[rng.integers(len(palette))]
        draw.line([(x, y), (x + rng.normal(0, 6), y + s * 6)], fill=(70, 100, 30, 220), width=max(2, int(s / 5)))
        petals = int(rng.integers(8, 14))
        turn = rng.uniform(0, math.pi)
        tilt = rng.uniform(0.45, 0.8)  # seen from the side, the flower is an ellipse
        for k in range(petals):
            a = turn + 2 * math.pi * k / petals
            px, py = x + math.cos(a) * s * 0.62, y + math.sin(a) * s * 0.62 * tilt
            shade = 0.82 + 0.18 * math.sin(a)
            pr = s * 0.42
            draw.ellipse(
                [px - pr, py - pr * tilt, px + pr, py + pr * tilt],
                fill=(int(r * shade), int(g * shade), int(b * shade), 235),
            )
        c = s * 0.3
        draw.ellipse([x - c, y - c * tilt, x + c, y + c * tilt], fill=(226, 150, 18, 255))
    return layer.filter(ImageFilter.GaussianBlur(blur))


def bokeh(rng: np.random.Generator, img: np.ndarray) -> np.ndarray:
    """Out-of-focus highlights: soft discs with a brighter rim, added to the light."""
    light = Image.new("RGB", (WIDTH, HEIGHT), (0, 0, 0))
    draw = ImageDraw.Draw(light)
    for _ in range(70):
        x = rng.normal(SUN[0], 0.22) * WIDTH
        y = rng.normal(0.52, 0.14) * HEIGHT
        r = rng.uniform(18, 75)
        k = rng.uniform(0.25, 0.7)
        tint = np.array([255, 210, 130]) * k
        draw.ellipse(
            [x - r, y - r, x + r, y + r],
            fill=tuple(int(c) for c in tint),
            outline=tuple(int(min(255, c * 1.4)) for c in tint),
            width=3,
        )
    light = light.filter(ImageFilter.GaussianBlur(3.5))
    a = _to_array(light)
    return 1 - (1 - img) * (1 - a * 0.55)  # screen blend


def finish(rng: np.random.Generator, img: np.ndarray, yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    bloom = _blur(np.clip(img - 0.75, 0, 1) * 2.0, 40)
    img = 1 - (1 - img) * (1 - bloom * 0.6)
    # warm grade, lifted blacks, gentle vignette
    img = img * np.array([1.04, 1.0, 0.9]) + np.array([0.025, 0.02, 0.0])
    vignette = 1 - 0.35 * (np.hypot(xx - 0.5, (yy - 0.5) * 0.8) / 0.62) ** 2.2
    img = img * np.clip(vignette, 0, 1)[..., None]
    grain = rng.normal(0, 0.008, (HEIGHT, WIDTH, 1)).astype(np.float32)
    return np.clip(img + grain, 0, 1)


def make_photo(path: Path = OUT) -> Path:
    rng = np.random.default_rng(2025)
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    yy /= HEIGHT
    xx /= WIDTH
    img = sky_and_sun(yy, xx)
    img = treeline(rng, img, yy)
    img = meadow(img, yy, xx)
    base = _to_image(img).convert("RGBA")
    greens = [(120, 130, 50), (150, 150, 60), (96, 116, 40), (170, 160, 80)]
    base.alpha_composite(grass_layer(rng, 5000, (0.52, 0.80), (0.02, 0.08), (2, 3), greens, 5))
    base.alpha_composite(flower_layer(rng, 420, (0.56, 0.85), (5, 10), 3))
    dark = [(60, 86, 24), (78, 104, 30), (48, 70, 20), (96, 120, 36)]
    base.alpha_composite(grass_layer(rng, 1800, (0.80, 1.10), (0.12, 0.35), (5, 9), dark, 2.2))
    base.alpha_composite(flower_layer(rng, 30, (0.70, 0.90), (16, 24), 1.0))
    base.alpha_composite(flower_layer(rng, 6, (0.95, 1.05), (40, 60), 14))
    base.alpha_composite(grass_layer(rng, 90, (0.95, 1.15), (0.3, 0.6), (12, 22), dark, 16))
    img = _to_array(base)
    img = bokeh(rng, img)
    img = finish(rng, img, yy, xx)
    path.parent.mkdir(parents=True, exist_ok=True)
    _to_image(img).save(path, "JPEG", quality=90, optimize=True)
    return path


if __name__ == "__main__":
    written = make_photo()
    print(f"{written} ({written.stat().st_size // 1024} KB)")
