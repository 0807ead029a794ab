"""The apparel, bag and phone-case templates: sizes, print methods, colours and art that matches.

These templates are data a shop relies on as they are, so the tests read them the way the loader
and the mockup renderer do: the TOML validates, every placement lands inside its view's art, every
element an option, a part or a mask names exists, and the phone case's die line is exact.
"""

from __future__ import annotations

import io
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from studio.model.template import Template, localize

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
IDS = ["tshirt-unisex", "tote-canvas", "phone-case"]


def load(template_id: str) -> Template:
    folder = TEMPLATES / template_id
    with (folder / "template.toml").open("rb") as f:
        return Template.model_validate(tomllib.load(f)).with_folder(folder)


def art_root(template: Template, view_id: str) -> ET.Element:
    assert template.folder is not None
    art = template.view(view_id).art
    assert art is not None, view_id
    return ET.parse(template.folder / art).getroot()


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in re.split(r"[\s,]+", root.attrib["viewBox"].strip()))
    return x, y, w, h


def ids(root: ET.Element) -> list[str]:
    return [el.attrib["id"] for el in root.iter() if "id" in el.attrib]


def child_ids(root: ET.Element) -> set[str]:
    return {el.attrib["id"] for el in root if "id" in el.attrib}


# -- every template -------------------------------------------------------------------------------
@pytest.mark.parametrize("template_id", IDS)
def test_template_validates_and_names_its_folder(template_id: str) -> None:
    t = load(template_id)
    assert t.id == template_id
    named: list[Any] = [t.product, *t.views, *t.print_areas, *t.parts, *t.options]
    named += [c for p in t.parts for c in p.palette] + [c for o in t.options for c in o.choices]
    for item in named:
        assert isinstance(item.name, dict), item
        assert item.name.get("en") and item.name.get("fr"), item


@pytest.mark.parametrize("template_id", IDS)
def test_the_folder_passes_the_template_checker(template_id: str) -> None:
    from studio.io import templates

    problems = templates.validate_template_folder(TEMPLATES / template_id)
    assert problems == [], [str(p) for p in problems]


@pytest.mark.parametrize("template_id", IDS)
def test_art_is_plain_svg_with_unique_ids_and_light_groups(template_id: str) -> None:
    t = load(template_id)
    assert t.folder is not None
    for view in t.views:
        assert view.art is not None
        text = (t.folder / view.art).read_text(encoding="utf-8")
        assert "<filter" not in text and "<!ENTITY" not in text and "<image" not in text
        root = art_root(t, view.id)
        for el in root.iter():
            for key, value in el.attrib.items():
                if key.endswith("href"):
                    assert value.startswith("#"), f"{view.art}: external reference {value}"
        found = ids(root)
        assert len(found) == len(set(found)), f"{view.art} repeats an id"
        # The renderer shows these two groups alone, so they sit at the top level.
        assert {"shading", "highlights"} <= child_ids(root), view.art


@pytest.mark.parametrize("template_id", IDS)
def test_placements_lie_inside_their_view_and_their_masks_exist(template_id: str) -> None:
    t = load(template_id)
    for area in t.print_areas:
        assert area.placements, area.id
        for placement in area.placements:
            root = art_root(t, placement.view)
            vx, vy, vw, vh = view_box(root)
            x, y, w, h = placement.rect
            assert w > 0 and h > 0
            assert vx <= x and vy <= y and x + w <= vx + vw and y + h <= vy + vh, (area.id, placement.rect)
            if placement.quad is not None:
                for qx, qy in placement.quad:
                    assert vx <= qx <= vx + vw and vy <= qy <= vy + vh, (area.id, placement.quad)
                    assert x - 1e-6 <= qx <= x + w + 1e-6 and y - 1e-6 <= qy <= y + h + 1e-6, (area.id, "rect")
            assert placement.mask is not None, area.id
            assert placement.mask in ids(root), f"{area.id}: no mask {placement.mask!r} in {placement.view}"


@pytest.mark.parametrize("template_id", IDS)
def test_option_and_part_elements_exist_in_the_art(template_id: str) -> None:
    t = load(template_id)
    every = {i for v in t.views for i in ids(art_root(t, v.id))}
    holders: list[Any] = [*t.options, *t.parts]
    for holder in holders:
        assert holder.elements, holder.id
        missing = [e for e in holder.elements if e not in every]
        assert not missing, f"{holder.id}: no element with id {missing} in the art"


@pytest.mark.parametrize("template_id", IDS)
def test_thumbnail_is_a_small_render_that_is_not_blank(template_id: str) -> None:
    with Image.open(TEMPLATES / template_id / "thumbnail.png") as im:
        assert im.format == "PNG"
        assert 300 <= max(im.size) <= 600
        alpha = im.convert("RGBA").getchannel("A")
        covered = float((np.asarray(alpha) > 128).mean())
        assert covered > 0.25


@pytest.mark.parametrize("template_id", IDS)
def test_art_renders_with_cairosvg(template_id: str) -> None:
    import cairosvg

    t = load(template_id)
    assert t.folder is not None
    for view in t.views:
        png = cairosvg.svg2png(url=str(t.folder / str(view.art)), output_width=200)
        with Image.open(io.BytesIO(png)) as im:
            assert im.getbbox() is not None


# -- the T-shirt ----------------------------------------------------------------------------------
def test_tshirt_areas_sizes_and_print_methods() -> None:
    t = load("tshirt-unisex")
    assert t.product.category == "apparel"
    assert localize(t.product.name, "en") == "Unisex T-shirt"
    assert localize(t.product.name, "fr") == "T-shirt unisexe"
    assert [v.id for v in t.views] == ["front", "back", "left-sleeve"]

    front = t.area("front")
    assert (front.width, front.height, front.bleed) == (305.0, 406.0, 0.0)
    assert front.shape.kind == "rectangle" and front.print_method == "dtg"
    assert 8.0 <= front.safe_margin <= 12.0

    back = t.area("back")
    assert (back.width, back.height) == (305.0, 406.0)
    assert back.print_method == "screen" and back.max_colors == 6

    chest = t.area("left-chest")
    assert (chest.width, chest.height) == (102.0, 102.0)
    assert chest.print_method == "vinyl" and chest.max_colors == 2

    sleeve = t.area("sleeve")
    assert sleeve.print_method in {"dtg", "sublimation"}
    assert sleeve.width <= 120 and sleeve.height <= 120

    expected_views = {"front": "front", "back": "back", "left-chest": "front", "sleeve": "left-sleeve"}
    for area in t.print_areas:
        (placement,) = area.placements
        assert placement.view == expected_views[area.id]
        assert placement.kind == "fabric" and placement.quad is not None
        assert placement.blend == "multiply"
        assert 4.0 <= placement.displacement <= 14.0


def test_tshirt_placements_keep_the_print_proportions_and_one_scale() -> None:
    """Front and back print at the same scale on the same garment; the quads keep the area's shape."""
    t = load("tshirt-unisex")
    scales = {}
    for area in t.print_areas:
        quad = area.placements[0].quad
        assert quad is not None
        (x0, y0), (x1, _), (_, y2), _ = quad
        width, height = x1 - x0, y2 - y0
        assert width / height == pytest.approx(area.width / area.height, rel=0.05), area.id
        scales[area.id] = width / area.width
    assert scales["front"] == pytest.approx(scales["back"], rel=0.02)
    assert scales["left-chest"] == pytest.approx(scales["front"], rel=0.05)


def test_left_chest_sits_on_the_wearers_left_inside_the_front_print() -> None:
    t = load("tshirt-unisex")
    fx, fy, fw, fh = t.area("front").placements[0].rect
    cx, cy, cw, ch = t.area("left-chest").placements[0].rect
    assert cx + cw / 2 > fx + fw / 2  # the wearer's left is the viewer's right
    assert fy - 20 <= cy and cy + ch <= fy + fh / 2


def test_tshirt_offers_at_least_ten_distinct_garment_colours() -> None:
    t = load("tshirt-unisex")
    (color,) = t.options
    assert color.id == "color"
    assert len(color.choices) >= 10
    assert all(c.color is not None for c in color.choices)
    assert len({c.color.hex for c in color.choices if c.color}) == len(color.choices)
    english = {localize(c.name, "en").lower() for c in color.choices}
    assert {"white", "black", "heather grey", "navy", "red", "royal blue", "forest green", "maroon"} <= english
    assert {"body", "sleeve-left", "collar"} <= set(color.elements)
    for view in t.views:
        assert "body" in ids(art_root(t, view.id)), view.id


def test_tshirt_shading_draws_only_greys_and_highlights_only_light() -> None:
    """Multiply and screen layers: dark on transparent, light on transparent, never a hue."""
    t = load("tshirt-unisex")
    for view in t.views:
        root = art_root(t, view.id)
        groups = {el.attrib["id"]: el for el in root if "id" in el.attrib}
        for group_id, allowed in (("shading", {"#000", "#000000"}), ("highlights", {"#fff", "#ffffff"})):
            for el in groups[group_id].iter():
                for key in ("fill", "stroke"):
                    value = el.attrib.get(key, "none").lower()
                    assert value == "none" or value.startswith("url(") or value in allowed, (view.id, group_id, value)


# -- the tote -------------------------------------------------------------------------------------
def test_tote_area_and_colours() -> None:
    t = load("tote-canvas")
    assert t.product.category == "bags"
    assert localize(t.product.name, "fr") == "Sac cabas en toile"
    front = t.area("front")
    assert (front.width, front.height) == (280.0, 300.0)
    assert front.print_method == "screen" and front.max_colors == 4
    (placement,) = front.placements
    assert placement.kind == "fabric" and placement.blend == "multiply" and placement.displacement > 0
    (color,) = t.options
    assert [c.id for c in color.choices] == ["natural", "black", "navy"]
    assert color.default == "natural"
    assert {"bag", "handle-front"} <= set(color.elements)


# -- the phone case -------------------------------------------------------------------------------
def test_phone_case_die_line_is_72_by_148_with_a_camera_hole() -> None:
    t = load("phone-case")
    back = t.area("back")
    assert (back.width, back.height, back.bleed, back.safe_margin) == (72.0, 148.0, 2.0, 3.0)
    assert back.shape.kind == "path"
    die = back.outline()
    bounds = die.bounds()
    assert bounds.left == pytest.approx(0.0, abs=0.01) and bounds.top == pytest.approx(0.0, abs=0.01)
    assert bounds.right == pytest.approx(72.0, abs=0.01) and bounds.bottom == pytest.approx(148.0, abs=0.01)
    assert die.contains(36.0, 74.0)  # the middle of the back is printed
    assert die.contains(50.0, 20.0)  # beside the camera island
    assert not die.contains(20.0, 21.0)  # the camera cut-out is a hole
    assert not die.contains(80.0, 74.0)
    # Rounded corners: the very corner of the trim box is cut away.
    assert not die.contains(0.5, 0.5) and not die.contains(71.5, 147.5)


def test_phone_case_hole_stays_a_hole_under_the_even_odd_rule_too() -> None:
    t = load("phone-case")
    die = t.area("back").outline()
    die.fill_rule = "evenodd"
    assert die.contains(36.0, 74.0) and not die.contains(20.0, 21.0)


def test_phone_case_is_flat_printed_and_offers_twelve_case_colours() -> None:
    t = load("phone-case")
    assert t.product.category == "other"
    (placement,) = t.area("back").placements
    assert placement.kind == "flat" and placement.mask == "mask-back"
    _, _, w, h = placement.rect
    assert w / h == pytest.approx(72.0 / 148.0, rel=0.005)
    (case,) = t.parts
    assert case.id == "case"
    assert len(case.palette) >= 12
    assert len({c.color.hex for c in case.palette}) == len(case.palette)
    assert "bumper" in case.elements
