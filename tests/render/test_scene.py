"""The scene builder: layers become the right primitives in the right places."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest
from fakes import FakeImage, FakeSvg
from PIL import Image

from studio.model import Design
from studio.model.errors import StudioError
from studio.model.template import Template
from studio.render.display import DrawImage, DrawSvg, FillPath, Group, StrokePath
from studio.render.scene import Document, build_scene
from studio.text import FontRegistry

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def template() -> Template:
    with open(ROOT / "templates" / "jar-500" / "template.toml", "rb") as f:
        return Template.model_validate(tomllib.load(f))


class Assets:
    def __init__(self) -> None:
        self.images = {"photo.jpg": FakeImage(Image.new("RGB", (3000, 2000), (10, 120, 200)), "JPEG")}
        self.svgs = {
            "bee.svg": FakeSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 100"/>', (0, 0, 50, 100))
        }

    def image(self, ref: str) -> FakeImage:
        if ref not in self.images:
            raise StudioError(f"the image {ref!r} is missing.")
        return self.images[ref]

    def svg(self, ref: str) -> FakeSvg:
        return self.svgs[ref]


def scene(template, layers, **kw):
    design = Design.model_validate(
        {"template": "jar-500", "areas": {"label": {"background": "#FFEEDD", "layers": layers}}}
    )
    return build_scene(design, template, "label", resources=Assets(), fonts=FontRegistry.default(), **kw)


def test_background_fills_the_bleed(template):
    dl = scene(template, [])
    assert dl.page.x == -3 and dl.page.width == 242
    (bg,) = dl.items
    assert isinstance(bg, FillPath)
    assert bg.path.bounds() == dl.page
    assert scene(template, [], bleed=0).items[0].path.bounds().width == 236


def test_image_fill_mode_covers_the_frame_and_clips(template):
    layer = {
        "kind": "image",
        "asset": "photo.jpg",
        "width": 60,
        "height": 60,
        "fit": "fill",
        "transform": {"x": 40, "y": 45},
    }
    dl = scene(template, [layer])
    image = dl.items[1]
    assert isinstance(image, DrawImage)
    # 3000 x 2000 px into 60 x 60 mm, covering: 60 mm / 2000 px high, cut at the sides.
    assert image.transform.scale_factors() == pytest.approx((0.03, 0.03))
    assert image.transform.apply(1500, 1000) == pytest.approx((40, 45))
    assert image.clip is not None and image.clip.bounds().width == pytest.approx(60)
    assert dl.extents[0].bounds.width == pytest.approx(60)


def test_image_fit_mode_and_crop_and_flip(template):
    layer = {
        "kind": "image",
        "asset": "photo.jpg",
        "width": 60,
        "height": 60,
        "fit": "fit",
        "flip_h": True,
        "crop": {"left": 0.5},
        "transform": {"x": 40, "y": 45},
    }
    image = scene(template, [layer]).items[1]
    # The right half (1500 x 2000 px) fits 60 mm high: 45 mm wide.
    assert image.clip.bounds().width == pytest.approx(45)
    assert image.clip.bounds().height == pytest.approx(60)
    # Flipped: the crop's right edge (px 3000) is now on the left.
    assert image.transform.apply(3000, 1000)[0] == pytest.approx(40 - 22.5)


def test_vector_art_keeps_its_proportions(template):
    layer = {
        "kind": "vector",
        "asset": "bee.svg",
        "width": 40,
        "height": 40,
        "transform": {"x": 100, "y": 45, "rotation": 90},
    }
    art = scene(template, [layer]).items[1]
    assert isinstance(art, DrawSvg)
    # 50 x 100 user units into a 40 mm square: 20 x 40 mm, then turned a quarter.
    b = art.clip.bounds()
    assert (b.width, b.height) == pytest.approx((40, 20))


def test_text_becomes_outlines_centred_on_its_position(template):
    layer = {"kind": "text", "text": "Camille", "font_family": "Lato", "size": 36, "transform": {"x": 118, "y": 45}}
    dl = scene(template, [layer])
    text = dl.items[1]
    assert isinstance(text, FillPath)
    cx, _cy = dl.extents[0].bounds.center
    assert cx == pytest.approx(118, abs=1.0)
    assert 30 < dl.extents[0].bounds.width < 60


def test_text_outline_is_drawn_under_the_letters(template):
    layer = {"kind": "text", "text": "Zoé", "font_family": "Lato", "stroke": {"color": "#FFFFFF", "width": 1}}
    items = scene(template, [layer]).items[1:]
    assert [type(i) for i in items] == [StrokePath, FillPath]
    assert items[0].width == pytest.approx(2.0)


def test_variables_and_missing_glyphs(template):
    # ☃ comes from a fallback font; no bundled font has CJK ideographs, so 名 is missing.
    layer = {"kind": "text", "text": "{name} ☃ 名", "font_family": "Lobster"}
    design = Design.model_validate(
        {"template": "jar-500", "variables": {"name": "Ana"}, "areas": {"label": {"layers": [layer]}}}
    )
    doc = Document(design, template, Assets(), FontRegistry.default(), {"name": "Bob"})
    dl = doc.scene("label")
    assert any("名" in w for w in dl.warnings)
    assert not any("☃" in w for w in dl.warnings)


def test_groups_and_opacity_and_hidden_layers(template):
    group = {
        "kind": "group",
        "opacity": 0.5,
        "transform": {"x": 100, "y": 40},
        "children": [
            {"kind": "shape", "shape": "ellipse", "width": 10, "height": 10, "transform": {"x": -10}},
            {"kind": "shape", "shape": "star", "width": 10, "height": 10, "transform": {"x": 10}},
            {"kind": "shape", "visible": False},
        ],
    }
    dl = scene(template, [group])
    (g,) = dl.items[1:]
    assert isinstance(g, Group) and g.opacity == 0.5 and len(g.items) == 2
    assert g.items[0].path.bounds().center == pytest.approx((90, 40))
    # From the circle's left edge (85) to the star's rightmost tip (110 + 5 sin 72°).
    assert dl.extents[0].bounds.width == pytest.approx(25 + 5 * math.sin(math.radians(72)), abs=0.01)


def test_a_missing_asset_names_it(template):
    layer = {"kind": "image", "asset": "gone.jpg", "width": 10, "height": 10}
    with pytest.raises(StudioError, match=r"gone\.jpg"):
        scene(template, [layer])
