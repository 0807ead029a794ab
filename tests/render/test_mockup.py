"""Mockups: the print lands where the product's geometry says, lit by the product's art."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.io.templates import load_template
from studio.model import Design
from studio.model.errors import StudioError
from studio.model.template import Template
from studio.render.mockup import MockupRenderer, contact_sheet
from studio.render.scene import Document
from studio.text import FontRegistry

ROOT = Path(__file__).resolve().parents[2]
# front.svg: 800 x 1000 units; the label band is x 166..634, y 360..855 (5.5 units per mm).
AXIS, HALF, MID_Y = 400.0, 234.0, 607.5


class NoAssets:
    def image(self, ref: str) -> object:
        raise StudioError(f"{ref}: no such image")

    def svg(self, ref: str) -> object:
        raise StudioError(f"{ref}: no such SVG")


@pytest.fixture(scope="module")
def jar() -> Template:
    return load_template(ROOT / "templates" / "jar-500")


@pytest.fixture(scope="module")
def renderer(jar: Template) -> MockupRenderer:
    return MockupRenderer(jar)


def rect(x: float, y: float, w: float, h: float, colour: str, layer_id: str) -> dict[str, object]:
    return {
        "id": layer_id,
        "kind": "shape",
        "shape": "rectangle",
        "width": w,
        "height": h,
        "fill": colour,
        "transform": {"x": x + w / 2, "y": y + h / 2},
    }


def document(template: Template, areas: dict[str, list[dict[str, object]]], **design: object) -> Document:
    data = {"template": template.id, "areas": {k: {"layers": v} for k, v in areas.items()}, **design}
    return Document(Design.model_validate(data), template, NoAssets(), FontRegistry.default())  # type: ignore[arg-type]


def halves(template: Template) -> Document:
    return document(
        template, {"label": [rect(-3, -3, 121, 96, "#FF0000", "red"), rect(118, -3, 121, 96, "#0000FF", "blue")]}
    )


def pixel(im: Image.Image, x_art: float, y_art: float, scale: float = 1.2) -> tuple[int, ...]:
    value = im.getpixel((int(x_art * scale), int(y_art * scale)))
    assert isinstance(value, tuple)
    return value


def is_red(p: tuple[int, ...]) -> bool:
    return p[0] > 120 and p[0] > 2 * p[1] and p[0] > 2 * p[2]


def is_blue(p: tuple[int, ...]) -> bool:
    return p[2] > 120 and p[2] > 2 * p[0] and p[2] > 2 * p[1]


def test_label_halves_land_left_and_right_with_the_centre_on_the_axis(jar, renderer):
    im = renderer.render(halves(jar), "front")
    assert im.size == (960, 1200) and im.mode == "RGB"
    assert is_red(pixel(im, AXIS - 0.7 * HALF, MID_Y))
    assert is_blue(pixel(im, AXIS + 0.7 * HALF, MID_Y))
    # The boundary at x = 118 mm (the label's centre) sits on the jar's axis.
    assert is_red(pixel(im, AXIS - 4, MID_Y))
    assert is_blue(pixel(im, AXIS + 4, MID_Y))


def test_the_label_reaches_the_silhouette_and_its_top_and_bottom_edges(jar, renderer):
    im = renderer.render(halves(jar), "front")
    assert is_red(pixel(im, 166 + 4, MID_Y))
    assert is_blue(pixel(im, 634 - 5, MID_Y))
    assert not is_red(pixel(im, 166 - 6, MID_Y))
    assert is_red(pixel(im, AXIS - 60, 364)) and is_red(pixel(im, AXIS - 60, 851))
    assert not is_red(pixel(im, AXIS - 60, 352)) and not is_red(pixel(im, AXIS - 60, 866))


def test_at_180_degrees_the_label_ends_meet_at_the_back(jar, renderer):
    im = renderer.render(halves(jar), "front", angle=180)
    # 236 mm of label on a 267 mm round: the 31 mm gap faces the viewer, the glass shows there.
    middle = pixel(im, AXIS, MID_Y)
    assert not is_red(middle) and not is_blue(middle)
    assert is_blue(pixel(im, AXIS - 0.6 * HALF, MID_Y))  # the label's right end, now on the left
    assert is_red(pixel(im, AXIS + 0.6 * HALF, MID_Y))


def test_a_quarter_turn_brings_the_right_part_of_the_label_to_the_front(jar, renderer):
    im = renderer.render(halves(jar), "front", angle=90)
    assert is_blue(pixel(im, AXIS, MID_Y))
    assert is_blue(pixel(im, AXIS - 0.3 * HALF, MID_Y))


def test_stripes_are_foreshortened_towards_the_sides(jar, renderer):
    stripes = [rect(x - 0.6, -3, 1.2, 96, "#000000", f"s{x}") for x in range(5, 236, 10)]
    im = renderer.render(document(jar, {"label": stripes}), "front")
    row = np.asarray(im.convert("L"), dtype=np.float64)[int(MID_Y * 1.2)]
    left, right = int(166 * 1.2), int(634 * 1.2)
    dark = row[left:right] < 110
    # Centres of the dark runs.
    edges = np.flatnonzero(np.diff(dark.astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    centres = (starts[: len(ends)] + ends) / 2 + left
    gaps = np.diff(centres)
    assert len(centres) >= 10
    middle = gaps[len(gaps) // 2 - 1 : len(gaps) // 2 + 1].mean()
    assert middle > 1.8 * gaps[0] and middle > 1.8 * gaps[-1]
    # 10 mm at the centre of an 85 mm jar drawn 468 units wide, 1.2 px a unit: about 66 px.
    assert middle == pytest.approx(10 * 468 / 85 * 1.2, rel=0.05)


def test_sides_are_darker_than_the_middle(jar, renderer):
    white = document(jar, {"label": [rect(-3, -3, 242, 96, "#FFFFFF", "paper")]})
    im = renderer.render(white, "front").convert("L")
    centre = pixel(im.convert("RGB"), AXIS + 40, MID_Y)[0]
    side = pixel(im.convert("RGB"), 166 + 6, MID_Y)[0]
    assert side < centre - 40


def test_the_cap_takes_the_part_colour(jar, renderer):
    gold = renderer.render(document(jar, {}), "front")
    red = renderer.render(document(jar, {}, part_colors={"lid": "#B3202A"}), "front")
    cap = pixel(red, 420, 215)
    assert cap[0] > cap[1] + 60 and cap[0] > cap[2] + 60
    assert pixel(gold, 420, 215) != cap
    # The label and the glass do not change.
    assert pixel(gold, AXIS, MID_Y) == pixel(red, AXIS, MID_Y)


def test_the_glass_takes_the_option_colour(jar, renderer):
    clear = renderer.render(document(jar, {}), "front")
    amber = renderer.render(document(jar, {}, options={"glass": "amber"}), "front")
    c, a = pixel(clear, 300, 340), pixel(amber, 300, 340)
    assert a[0] - a[2] > c[0] - c[2] + 30


def test_transparent_background_keeps_the_corners_clear(jar, renderer):
    im = renderer.render(halves(jar), "front", background=None, size=400)
    assert im.mode == "RGBA" and max(im.size) == 400
    for corner in ((0, 0), (im.width - 1, 0), (0, im.height - 1), (im.width - 1, im.height - 1)):
        assert im.getpixel(corner)[3] == 0
    assert im.getpixel((im.width // 2, int(MID_Y * 0.4)))[3] == 255


def test_an_edit_changes_only_pixels_inside_the_label_mask(jar, renderer):
    def doc(text: str) -> Document:
        layer = {"id": "name", "kind": "text", "text": text, "size": 60, "transform": {"x": 118, "y": 45}}
        return document(jar, {"label": [rect(-3, -3, 242, 96, "#F6E7C1", "bg"), layer]})

    before = np.asarray(renderer.render(doc("Camille"), "front"), dtype=np.int16)
    after = np.asarray(renderer.render(doc("Zoé"), "front"), dtype=np.int16)
    rows, cols = np.nonzero(np.abs(after - before).max(axis=2))
    assert rows.size > 0
    # label-mask in front.svg: x 166..634, y 344..858.
    assert cols.min() >= 166 * 1.2 and cols.max() <= 634 * 1.2
    assert rows.min() >= 344 * 1.2 and rows.max() <= 858 * 1.2


def test_flat_placement_puts_the_lid_label_centre_on_the_mask_centre(jar, renderer):
    dot = {
        "id": "dot",
        "kind": "shape",
        "shape": "ellipse",
        "width": 6,
        "height": 6,
        "fill": "#FF0000",
        "transform": {"x": 35, "y": 35},
    }
    im = renderer.render(document(jar, {"lid": [dot]}), "lid", size=800)
    rgb = np.asarray(im, dtype=np.int16)
    red = (rgb[..., 0] > 150) & (rgb[..., 1] < 90) & (rgb[..., 2] < 90)
    ys, xs = np.nonzero(red)
    # lid.svg: 800 units, the mask circle is centred at (400, 400); the dot is 6 mm = 48 units.
    assert xs.mean() == pytest.approx(400, abs=1.0) and ys.mean() == pytest.approx(400, abs=1.0)
    assert xs.max() - xs.min() == pytest.approx(48, abs=3)


def test_lid_label_is_clipped_to_its_round_mask(jar, renderer):
    im = renderer.render(document(jar, {"lid": [rect(-3, -3, 76, 76, "#0000FF", "all")]}), "lid", size=800)
    assert is_blue(pixel(im, 400, 400, 1.0)) and is_blue(pixel(im, 400 + 270, 400, 1.0))
    # A corner of the square trim box lies outside the round label: the cap shows there.
    assert not is_blue(pixel(im, 400 + 0.8 * 280, 400 + 0.8 * 280, 1.0))


def test_unknown_view_is_a_user_error(jar, renderer):
    with pytest.raises(StudioError, match=r"no view 'back'.*front, lid"):
        renderer.render(document(jar, {}), "back")


def test_contact_sheet_has_a_cell_per_view_and_colourway(jar, renderer):
    doc = halves(jar)
    sheet = contact_sheet(doc, size=200, colorways={"glass": ["clear", "amber", "frosted"]}, renderer=renderer)
    assert sheet.width > 2 * 200 and sheet.width < 3 * 200
    assert sheet.height > 3 * 200 and sheet.height < 4 * 200 + 200
    grey = np.asarray(sheet.convert("L"))
    # Each cell holds a product: the middle of every cell is not plain background.
    cols, rows = 2, 3
    cell_w, cell_h = sheet.width / cols, sheet.height / rows
    for r in range(rows):
        for c in range(cols):
            y, x = int((r + 0.45) * cell_h), int((c + 0.5) * cell_w)
            assert grey[y - 60 : y + 60, x - 60 : x + 60].std() > 10


def test_contact_sheet_rejects_unknown_choices(jar, renderer):
    with pytest.raises(StudioError, match="no choice 'blue'"):
        contact_sheet(halves(jar), size=100, colorways={"glass": ["blue"]}, renderer=renderer)


def test_cache_serves_a_second_size_and_angle_independently(jar, renderer):
    small = renderer.render(halves(jar), "front", size=300, angle=45)
    large = renderer.render(halves(jar), "front", size=600, angle=45)
    assert small.size == (240, 300) and large.size == (480, 600)
    a = np.asarray(small.resize(large.size, Image.Resampling.BILINEAR), dtype=np.int16)
    b = np.asarray(large, dtype=np.int16)
    assert np.abs(a - b).mean() < 8


# -- other kinds of placement, on small templates drawn here --------------------------------


def make_template(
    tmp_path: Path, placement: str, shape: str = '{ kind = "rectangle" }', size: str = "100.0, 50.0"
) -> Template:
    folder = tmp_path / "thing"
    folder.mkdir()
    (folder / "view.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400">'
        '<rect id="body" x="0" y="0" width="400" height="400" fill="#808080"/>'
        '<rect id="print-mask" x="0" y="0" width="400" height="400" fill="#fff"/></svg>'
    )
    w, h = (float(v) for v in size.split(","))
    (folder / "template.toml").write_text(
        f"""
[product]
id = "thing"
name = "Thing"
category = "other"

[[views]]
id = "side"
name = "Side"
art = "view.svg"

[[print_areas]]
id = "print"
name = "Print"
width = {w}
height = {h}
bleed = 0.0
safe_margin = 1.0
shape = {shape}
placements = [{placement}]
"""
    )
    return load_template(folder)


def test_perspective_maps_the_corners_onto_the_quad(tmp_path):
    t = make_template(
        tmp_path,
        '{ view = "side", kind = "perspective", rect = [50.0, 50.0, 300.0, 300.0], '
        "quad = [[100.0, 50.0], [300.0, 100.0], [300.0, 300.0], [100.0, 350.0]] }",
    )
    doc = document(t, {"print": [rect(0, 0, 50, 50, "#FF0000", "r"), rect(50, 0, 50, 50, "#0000FF", "b")]})
    im = MockupRenderer(t).render(doc, "side", size=400)
    assert is_red(pixel(im, 110, 200, 1.0)) and is_blue(pixel(im, 290, 200, 1.0))
    # The top edge slopes from (100, 50) down to (300, 100).
    assert (
        is_red(pixel(im, 105, 58, 1.0)) and not is_blue(pixel(im, 290, 90, 1.0)) and is_blue(pixel(im, 290, 106, 1.0))
    )
    assert not is_red(pixel(im, 60, 200, 1.0))


def test_cone_label_wraps_a_tapered_body(tmp_path):
    t = make_template(
        tmp_path,
        '{ view = "side", kind = "cone", rect = [100.0, 100.0, 200.0, 200.0], bottom_width = 150.0 }',
        shape='{ kind = "cone", top_diameter = 80.0, bottom_diameter = 60.0, cone_height = 80.0, coverage = 0.9 }',
    )
    area = t.area("print")
    doc = document(
        t,
        {
            "print": [
                rect(-1, -1, area.width / 2 + 1, area.height + 2, "#FF0000", "r"),
                rect(area.width / 2, -1, area.width / 2 + 1, area.height + 2, "#0000FF", "b"),
            ]
        },
    )
    im = MockupRenderer(t).render(doc, "side", size=400)
    assert is_red(pixel(im, 150, 200, 1.0)) and is_blue(pixel(im, 250, 200, 1.0))
    assert is_red(pixel(im, 135, 290, 1.0)) and not is_red(pixel(im, 115, 290, 1.0))  # narrower at the bottom
    assert math.isclose(area.width, t.area("print").width)


# -- ink on products ------------------------------------------------------------------------------


def test_a_print_on_a_black_shirt_sits_on_an_underbase_and_keeps_its_colour():
    shirt = load_template(ROOT / "templates" / "tshirt-unisex")
    r = MockupRenderer(shirt)
    white = [rect(50, 100, 205, 200, "#FFFFFF", "white"), rect(50, 300, 205, 60, "#F2B33D", "gold")]
    for garment in ("black", "navy", "white"):
        im = r.render(document(shirt, {"front": white}, options={"color": garment}), "front", size=500)
        s = 500 / 1200  # front.svg is 1000 x 1200 units
        # The middle of the white block (art x 500, y ~ 296 + 200 mm * 1.12): white, lit by the shirt.
        p = pixel(im, 500, 296 + 200 * 1.123, s)
        assert min(p[:3]) > 170, (garment, p)
        gold = pixel(im, 500, 296 + 330 * 1.123, s)
        assert gold[0] > 170 and gold[2] < 120, (garment, gold)


def test_a_print_follows_the_folds_without_tearing():
    shirt = load_template(ROOT / "templates" / "tshirt-unisex")
    stripes = [rect(x, 0, 2, 406, "#000000", f"s{x}") for x in range(10, 300, 20)]
    im = MockupRenderer(shirt).render(document(shirt, {"front": stripes}), "front", size=1200)
    grey = np.asarray(im.convert("L"), dtype=np.float64)
    # Each stripe stays one unbroken dark run on every row of the print: no duplicated edges.
    for y in range(360, 700, 40):
        dark = grey[y, 332:668] < 90
        runs = np.count_nonzero(np.diff(dark.astype(np.int8)) == 1)
        assert runs == len(stripes), y


def test_pad_print_has_the_product_beneath_not_paper():
    shoe = load_template(ROOT / "templates" / "sneaker-low")
    dot = {
        "id": "dot",
        "kind": "shape",
        "shape": "ellipse",
        "width": 4,
        "height": 4,
        "fill": "#FF0000",
        "transform": {"x": 5, "y": 6},
    }
    doc = document(shoe, {"heel-tab": [dot]}, part_colors={"heel-counter": "#1E1E1E"})
    im = MockupRenderer(shoe).render(doc, "back", size=1200)
    # back.svg is 1200 units; the tab spans x 510..690, y 250..303. Its middle is bare: black leather.
    middle = pixel(im, 600, 276, 1.0)
    assert max(middle[:3]) < 90, middle
    assert is_red(pixel(im, 514 + 5 * 4.3, 250 + 6 * 4.4, 1.0))
