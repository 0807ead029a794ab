"""The QPainter backend: pixels land where the display list says, at the resolution asked."""

from __future__ import annotations

import io
import subprocess

import cairosvg
import numpy as np
import pytest
from fakes import FakeImage, FakeSvg
from PIL import Image
from PySide6.QtGui import QImage
from requirements import shared_fixture

from studio.model.color import Color
from studio.model.geometry import Affine, Path, Rect
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, StrokePath
from studio.render.qt import clear_caches, qimage_to_pil, render_image

TRIM = Rect(0.0, 0.0, 50.0, 30.0)
RED = Color.of("#FF0000")
BLUE = Color.of("#0000FF")


def scene(*items: Item, page: Rect = TRIM) -> DisplayList:
    return DisplayList(area_id="front", trim=TRIM, page=page, items=list(items))


def pixels(dl: DisplayList, **kwargs: object) -> np.ndarray:
    """RGBA array (rows, columns, 4) of a rendering at 254 dpi: 10 pixels per mm."""
    return np.asarray(qimage_to_pil(render_image(dl, dpi=254, **kwargs)).convert("RGBA")).astype(int)  # type: ignore[arg-type]


def red_square(x: float = 5.0, y: float = 5.0) -> FillPath:
    return FillPath(Path.rectangle(x, y, 10.0, 10.0), RED)


def columns_where(row: np.ndarray, rgb: tuple[int, int, int]) -> tuple[int, int]:
    hits = np.flatnonzero((np.abs(row[:, :3] - np.array(rgb)) <= 2).all(axis=1))
    return int(hits.min()), int(hits.max())


def test_image_size_format_and_resolution() -> None:
    img = render_image(scene(), dpi=254)
    assert (img.width(), img.height()) == (500, 300)
    assert img.format() == QImage.Format.Format_ARGB32_Premultiplied
    assert img.dotsPerMeterX() == 10_000


def test_square_lands_on_expected_pixels() -> None:
    px = pixels(scene(red_square()))
    assert columns_where(px[100], (255, 0, 0)) == (50, 149)
    rows = np.flatnonzero((px[:, 100, :3] == (255, 0, 0)).all(axis=1))
    assert (rows.min(), rows.max()) == (50, 149)
    assert tuple(px[10, 10, :3]) == (255, 255, 255)
    assert tuple(px[100, 160, :3]) == (255, 255, 255)


def test_page_bleed_moves_the_origin() -> None:
    px = pixels(scene(red_square(), page=TRIM.inflated(3.0)))
    assert px.shape[:2] == (360, 560)
    assert columns_where(px[130], (255, 0, 0)) == (80, 179)


def test_region_selects_what_is_covered() -> None:
    px = pixels(scene(red_square()), region=Rect(5.0, 5.0, 10.0, 10.0))
    assert px.shape[:2] == (100, 100)
    assert (px[:, :, :3] == (255, 0, 0)).all()


def test_transparent_background() -> None:
    px = pixels(scene(red_square()), transparent=True)
    assert px[10, 10, 3] == 0
    assert px[100, 100, 3] == 255
    assert pixels(scene(red_square()))[10, 10, 3] == 255


def test_mirror_moves_the_square() -> None:
    px = pixels(scene(red_square()), mirror=True)
    assert columns_where(px[100], (255, 0, 0)) == (350, 449)


def test_group_opacity_composites_once() -> None:
    # Two overlapping squares in a half-transparent group: the overlap is no darker.
    group = Group([red_square(5.0, 5.0), red_square(10.0, 5.0)], opacity=0.5)
    px = pixels(scene(group))
    for x in (70, 120, 170):
        r, g, b, _ = px[100, x]
        assert r == 255 and abs(g - 128) <= 2 and abs(b - 128) <= 2


def test_item_opacity() -> None:
    px = pixels(scene(FillPath(Path.rectangle(0, 0, 10, 10), BLUE, opacity=0.25)))
    assert abs(px[50, 50, 0] - 191) <= 2 and px[50, 50, 2] == 255


def test_group_clip_limits_content() -> None:
    group = Group([FillPath(Path.rectangle(0, 0, 50, 30), RED)], clip=Path.rectangle(10, 10, 5, 5))
    px = pixels(scene(group))
    assert tuple(px[120, 120, :3]) == (255, 0, 0)
    assert tuple(px[90, 120, :3]) == (255, 255, 255)
    assert columns_where(px[120], (255, 0, 0)) == (100, 149)


def test_clip_limits_an_image_with_antialiased_edges() -> None:
    blue = FakeImage(Image.new("RGB", (100, 100), (0, 0, 255)))
    clip = Path.ellipse(10.0, 10.0, 5.0, 5.0)
    item = DrawImage(blue, Affine.scaling(0.2), clip=clip)  # the image covers 0..20 mm
    px = pixels(scene(item))
    assert tuple(px[100, 100, :3]) == (0, 0, 255)
    assert tuple(px[100, 40, :3]) == (255, 255, 255)  # inside the image, outside the clip
    assert tuple(px[100, 160, :3]) == (255, 255, 255)
    # The circle's boundary crosses pixels partly: they blend instead of stair-stepping.
    edge = px[40:160, 40:160, 0]
    assert ((edge > 20) & (edge < 235)).sum() > 100


def test_evenodd_and_nonzero_fill_rules() -> None:
    ring = Path.rectangle(5, 5, 20, 20).extend(Path.rectangle(10, 10, 10, 10))
    ring.fill_rule = "evenodd"
    px = pixels(scene(FillPath(ring, RED)))
    assert tuple(px[150, 150, :3]) == (255, 255, 255)
    assert tuple(px[70, 70, :3]) == (255, 0, 0)
    ring.fill_rule = "nonzero"
    assert tuple(pixels(scene(FillPath(ring, RED)))[150, 150, :3]) == (255, 0, 0)


def test_stroke_width_in_millimetres() -> None:
    line = Path().move_to(5, 15).line_to(45, 15)
    px = pixels(scene(StrokePath(line, BLUE, width=1.0)))
    rows = np.flatnonzero(px[:, 250, 0] < 128)
    assert (rows.min(), rows.max()) == (145, 154)


def test_image_placed_through_its_transform() -> None:
    im = Image.new("RGB", (20, 10), (0, 255, 0))
    item = DrawImage(FakeImage(im), Affine.translation(20, 10) @ Affine.scaling(0.5))  # 10 x 5 mm
    px = pixels(scene(item))
    assert columns_where(px[120], (0, 255, 0)) == (200, 299)
    rows = np.flatnonzero((px[:, 250, :3] == (0, 255, 0)).all(axis=1))
    assert (rows.min(), rows.max()) == (100, 149)


@pytest.mark.parametrize("mode", ["L", "CMYK", "RGBA", "P"])
def test_image_modes(mode: str) -> None:
    im = Image.new("RGB", (10, 10), (204, 204, 204)).convert(mode)  # 204: a web-palette grey
    px = pixels(scene(DrawImage(FakeImage(im, fmt="TIFF" if mode == "CMYK" else "PNG"), Affine.scaling(1.0))))
    assert all(abs(v - 204) <= 3 for v in px[50, 50, :3])


class SpyImage(FakeImage):
    """Records which resolutions the renderer asked for."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.calls: list[object] = []

    def image(self) -> Image.Image:
        self.calls.append("image")
        return super().image()

    def proxy(self, max_side: int) -> Image.Image:
        self.calls.append(max_side)
        return super().proxy(max_side)


def big_photo() -> SpyImage:
    # ``data`` given: no need to encode 12 megapixels that no test decodes.
    return SpyImage(Image.new("RGB", (4000, 3000), (10, 120, 200)), fmt="JPEG", data=b"not encoded")


def test_low_resolution_uses_a_proxy() -> None:
    clear_caches()
    photo = big_photo()
    item = DrawImage(photo, Affine.scaling(40.0 / 4000))  # 40 x 30 mm
    img = render_image(scene(item), dpi=72)
    assert photo.calls and "image" not in photo.calls
    side = photo.calls[0]
    assert isinstance(side, int)
    needed = 40.0 * 72 / 25.4  # device pixels across the image
    assert needed <= side <= 1.5 * needed
    assert qimage_to_pil(img).getpixel((50, 40))[:3] == (10, 120, 200)


def test_device_resolution_decides_full_image() -> None:
    clear_caches()
    photo = big_photo()
    item = DrawImage(photo, Affine.scaling(40.0 / 4000))
    render_image(scene(item), dpi=2540)  # 100 px/mm: 4000 device pixels across
    assert photo.calls == ["image"]


def test_proxies_are_reused_between_draws() -> None:
    clear_caches()
    photo = big_photo()
    item = DrawImage(photo, Affine.scaling(40.0 / 4000))
    render_image(scene(item), dpi=72)
    render_image(scene(item), dpi=70)
    assert len(photo.calls) == 1


STAR = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36">
<path fill="#FFAC33" d="M27.287 34.627c-.404 0-.806-.124-1.152-.371L18 28.422l-8.135 5.834a1.97 1.97 0 0
1-2.312-.008 1.971 1.971 0 0 1-.721-2.194l3.034-9.792-8.062-5.681a1.98 1.98 0 0 1-.708-2.203 1.978 1.978 0 0 1
1.866-1.363L12.947 13l3.179-9.549a1.976 1.976 0 0 1 3.749 0L23 13l10.036.015a1.975 1.975 0 0 1 1.159
3.566l-8.062 5.681 3.034 9.792a1.97 1.97 0 0 1-.72 2.194 1.957 1.957 0 0 1-1.16.379z"/></svg>"""


def cairosvg_alone(text: str, size: int) -> np.ndarray:
    png = cairosvg.svg2png(bytestring=text.encode(), output_width=size, output_height=size)
    im = Image.open(io.BytesIO(png)).convert("RGBA")
    white = Image.new("RGBA", im.size, "white")
    white.alpha_composite(im)
    return np.asarray(white).astype(int)


def test_vector_art_matches_cairosvg_alone() -> None:
    art = DrawSvg(FakeSvg(STAR, (0.0, 0.0, 36.0, 36.0)), Affine.translation(10, 5) @ Affine.scaling(20.0 / 36))
    px = pixels(scene(art))
    ours = px[50:250, 100:300]
    reference = cairosvg_alone(STAR, 200)
    assert np.abs(ours[:, :, :3] - reference[:, :, :3]).mean() < 1.0
    assert tuple(ours[100, 100, :3]) == (0xFF, 0xAC, 0x33)


def rsvg_alone(text: str, size: int) -> np.ndarray:
    png = subprocess.run(
        ["rsvg-convert", "--width", str(size), "--height", str(size)],
        input=text.encode(),
        capture_output=True,
        check=True,
    ).stdout
    im = Image.open(io.BytesIO(png)).convert("RGBA")
    white = Image.new("RGBA", im.size, "white")
    white.alpha_composite(im)
    return np.asarray(white).astype(int)


@pytest.mark.parametrize("name", ["fluent-modern-rocket.svg", "fluent-modern-birthday-cake.svg"])
def test_fixture_art_matches_librsvg_alone(name: str) -> None:
    """The emoji's blur filters are drawn: librsvg, which draws them too, is the reference."""
    text = shared_fixture(f"svg/{name}").read_text()
    art = DrawSvg(FakeSvg(text, (0.0, 0.0, 32.0, 32.0)), Affine.translation(10, 5) @ Affine.scaling(20.0 / 32))
    ours = pixels(scene(art))[50:250, 100:300, :3]
    reference = rsvg_alone(text, 200)[:, :, :3]
    assert np.abs(ours - reference).mean() < 1.0


def test_vector_art_is_rasterised_at_device_resolution() -> None:
    clear_caches()
    art = DrawSvg(FakeSvg(STAR, (0.0, 0.0, 36.0, 36.0)), Affine.scaling(1.0))  # 36 mm
    high = render_image(scene(art), dpi=254, transparent=True)
    # At 10 px/mm the star's edges stay sharp: each crossing of a row is about one pixel of blend.
    alpha = np.asarray(qimage_to_pil(high))[200, :, 3].astype(int)
    assert alpha.max() == 255
    assert ((alpha > 10) & (alpha < 245)).sum() <= 6


def test_empty_and_invisible_items_draw_nothing() -> None:
    items: list[Item] = [
        FillPath(Path(), RED),
        FillPath(Path.rectangle(0, 0, 50, 30), RED, opacity=0.0),
        StrokePath(Path.rectangle(0, 0, 50, 30), RED, width=0.0),
        Group([], opacity=0.5),
        Group([red_square()], opacity=0.0),
    ]
    px = pixels(scene(*items))
    assert (px[:, :, :3] == 255).all()


def test_nested_groups_with_clip_and_opacity() -> None:
    inner = Group([FillPath(Path.rectangle(0, 0, 50, 30), BLUE)], clip=Path.rectangle(0, 0, 25, 30))
    outer = Group([inner], opacity=0.5, clip=Path.rectangle(0, 0, 50, 15))
    px = pixels(scene(outer))
    assert abs(px[50, 100, 0] - 128) <= 2 and px[50, 100, 2] == 255
    assert tuple(px[200, 100, :3]) == (255, 255, 255)
    assert tuple(px[50, 300, :3]) == (255, 255, 255)


def test_draw_display_list_on_a_high_dpi_device() -> None:
    # As on the canvas: the painter maps mm to logical pixels (5 per mm); the device has two
    # physical pixels per logical one, and clipped layers must keep that resolution.
    from PySide6.QtGui import QPainter, QTransform

    from studio.render.qt import draw_display_list

    image = QImage(500, 300, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(2.0)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setWorldTransform(QTransform.fromScale(5.0, 5.0))
    painter.setOpacity(0.5)  # the caller's opacity multiplies ours
    group = Group([FillPath(Path.rectangle(0, 0, 50, 30), BLUE)], clip=Path.rectangle(10, 10, 5.05, 5))
    draw_display_list(painter, scene(group), pixel_scale=10.0)
    painter.end()
    px = np.asarray(qimage_to_pil(image, alpha=False)).astype(int)
    assert abs(px[120, 120, 0] - 128) <= 2 and px[120, 120, 2] == 255
    assert columns_where(px[120], (127, 127, 255)) == (100, 149)
    assert abs(px[120, 150, 0] - 191) <= 3  # half covered by the clip, at half opacity: blended


def test_qimage_to_pil_modes() -> None:
    img = render_image(scene(red_square()), dpi=25.4, transparent=True)
    assert qimage_to_pil(img).mode == "RGBA"
    opaque = render_image(scene(red_square()), dpi=25.4)
    rgb = qimage_to_pil(opaque, alpha=False)
    assert rgb.mode == "RGB" and rgb.getpixel((10, 10)) == (255, 0, 0)
