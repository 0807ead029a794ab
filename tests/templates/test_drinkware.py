"""The drinkware, jar, bottle and sticker templates: sizes, die lines and art that match.

Each template is held to what its product needs: the mug wraps leave the handle bare, the
conical label unrolls to the cup's circumferences, the sticker sheet's shapes lie apart inside
the A4 trim, and every placement, mask, part and option names something the art really has.
"""

from __future__ import annotations

import io
import math
import re
import tomllib
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.model.template import Template, localize

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
IDS = ["mug-11oz", "mug-15oz", "jar-250-jam", "cup-tapered", "bottle-750", "sticker-sheet-a4"]


def load(template_id: str) -> Template:
    folder = TEMPLATES / template_id
    with (folder / "template.toml").open("rb") as f:
        return Template.model_validate(tomllib.load(f)).with_folder(folder)


def view_box(svg: Path) -> tuple[float, float, float, float]:
    root = ET.parse(svg).getroot()
    x, y, w, h = (float(v) for v in re.split(r"[\s,]+", root.attrib["viewBox"].strip()))
    return x, y, w, h


def svg_ids(svg: Path) -> set[str]:
    return {el.attrib["id"] for el in ET.parse(svg).getroot().iter() if "id" in el.attrib}


def art_ids(t: Template) -> set[str]:
    assert t.folder is not None
    return set().union(*(svg_ids(t.folder / v.art) for v in t.views if v.art))


# -- sizes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template_id", "category"),
    [
        ("mug-11oz", "drinkware"),
        ("mug-15oz", "drinkware"),
        ("jar-250-jam", "jars"),
        ("cup-tapered", "drinkware"),
        ("bottle-750", "bottles"),
        ("sticker-sheet-a4", "stickers"),
    ],
)
def test_template_validates_with_its_id_and_category(template_id: str, category: str) -> None:
    t = load(template_id)
    assert t.id == template_id
    assert t.product.category == category


@pytest.mark.parametrize(
    ("template_id", "width", "height", "diameter"),
    [("mug-11oz", 229.0, 89.0, 82.0), ("mug-15oz", 240.0, 102.0, 87.0)],
)
def test_mug_wrap_leaves_the_handle_zone_bare(template_id: str, width: float, height: float, diameter: float) -> None:
    wrap = load(template_id).area("wrap")
    assert (wrap.width, wrap.height, wrap.bleed, wrap.safe_margin) == (width, height, 2.0, 5.0)
    assert wrap.print_method == "sublimation"
    (placement,) = wrap.placements
    assert (placement.view, placement.kind, placement.diameter) == ("front", "cylinder", diameter)
    assert placement.ellipse == pytest.approx(0.06)
    # The wrap, bleed included, stops well short of going all the way round: the rest is the
    # handle's keep-clear band (at least 20 mm).
    assert math.pi * diameter - (width + 2 * wrap.bleed) >= 20.0
    # The placement's scale is the same across and down: the visible width is the diameter.
    _x, _y, w, h = placement.rect
    assert w / diameter == pytest.approx(h / height, rel=1e-3)


def test_mug_inside_colours() -> None:
    for template_id in ("mug-11oz", "mug-15oz"):
        t = load(template_id)
        (inside,) = [o for o in t.options if o.id == "inside"]
        assert {"white", "black", "red", "blue"} <= {c.id for c in inside.choices}
        assert inside.default == "white"
        assert all(c.color is not None for c in inside.choices)
        assert "inside" in inside.elements


def test_jam_jar_labels_and_cap_colours() -> None:
    t = load("jar-250-jam")
    label, lid = t.area("label"), t.area("lid")
    assert (label.width, label.height) == (200.0, 60.0)
    assert (lid.width, lid.height, lid.shape.kind) == (60.0, 60.0, "ellipse")
    assert [(p.view, p.kind) for p in label.placements] == [("front", "cylinder")]
    assert [(p.view, p.kind) for p in lid.placements] == [("lid", "flat")]
    diameter = label.placements[0].diameter
    assert diameter is not None and label.width < math.pi * diameter
    (cap,) = t.parts
    assert len(cap.palette) >= 12
    assert len({c.color.hex for c in cap.palette}) == len(cap.palette)
    assert cap.default == cap.palette[0].color


def test_bottle_labels_and_glass() -> None:
    t = load("bottle-750")
    body, neck = t.area("body"), t.area("neck")
    assert (body.width, body.height) == (90.0, 120.0)
    assert (neck.width, neck.height) == (70.0, 35.0)
    (bp,), (np_,) = body.placements, neck.placements
    assert bp.kind == np_.kind == "cylinder"
    assert bp.diameter == 75.0
    assert np_.diameter is not None and np_.diameter < bp.diameter
    for area, p in ((body, bp), (neck, np_)):
        assert p.diameter is not None
        assert p.rect[2] / p.diameter == pytest.approx(p.rect[3] / area.height, rel=1e-3)
    (glass,) = [o for o in t.options if o.id == "glass"]
    assert [c.id for c in glass.choices] == ["green", "amber", "flint"]
    assert glass.elements == ["glass"]


# -- the conical label -----------------------------------------------------------------------------


def test_cone_label_unrolls_to_the_cup_circumferences() -> None:
    wrap = load("cup-tapered").area("wrap")
    assert wrap.shape.kind == "cone"
    assert (wrap.shape.top_diameter, wrap.shape.bottom_diameter, wrap.shape.cone_height) == (90.0, 62.0, 80.0)
    assert (wrap.bleed, wrap.safe_margin) == (2.0, 4.0)
    cone = wrap.shape.cone()
    assert cone.wide_at_top
    assert cone.outer_radius * cone.sweep == pytest.approx(math.pi * 90.0)
    assert cone.inner_radius * cone.sweep == pytest.approx(math.pi * 62.0)
    assert cone.outer_radius - cone.inner_radius == pytest.approx(math.hypot(80.0, 14.0))
    # The area's size is the unrolled sector's bounding box, and the die line fills it.
    assert (wrap.width, wrap.height) == pytest.approx(cone.size, abs=1e-3)
    bounds = wrap.outline().bounds()
    assert (bounds.left, bounds.top) == pytest.approx((0.0, 0.0), abs=0.02)
    assert (bounds.right, bounds.bottom) == pytest.approx((wrap.width, wrap.height), abs=0.02)


def test_cone_placement_matches_the_diameters() -> None:
    wrap = load("cup-tapered").area("wrap")
    (p,) = wrap.placements
    assert p.kind == "cone" and p.diameter == 90.0
    assert p.bottom_width is not None
    units_per_mm = p.rect[2] / 90.0
    assert p.bottom_width / units_per_mm == pytest.approx(62.0, rel=1e-3)


# -- the sticker sheet -----------------------------------------------------------------------------


def test_sticker_sheet_die_line_holds_apart_shapes_inside_the_trim() -> None:
    sheet = load("sticker-sheet-a4").area("sheet")
    assert (sheet.width, sheet.height, sheet.bleed) == (210.0, 297.0, 2.0)
    assert sheet.shape.kind == "path"
    outline = sheet.outline()
    subpaths = list(outline.subpaths())
    assert len(subpaths) == 11
    for sub in subpaths:
        assert sub.segments[-1][0] == "Z", "every sticker's cut is closed"
    boxes = [sub.bounds() for sub in subpaths]
    for b in boxes:
        assert b.left >= 0 and b.top >= 0 and b.right <= 210.0 and b.bottom <= 297.0, b
    for a, b in combinations(boxes, 2):
        gap = max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom)
        assert gap >= 8.0 - 1e-6, (a, b)
    sizes = sorted((round(b.width, 1), round(b.height, 1)) for b in boxes)
    assert sizes == [(55.0, 55.0)] * 4 + [(60.0, 60.0)] * 5 + [(90.0, 50.0)] * 2


def test_sticker_sheet_lies_flat_on_its_view() -> None:
    t = load("sticker-sheet-a4")
    (p,) = t.area("sheet").placements
    assert (p.view, p.kind) == ("sheet", "flat")
    assert p.rect[2] / p.rect[3] == pytest.approx(210 / 297, rel=1e-3)


# -- art -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", IDS)
def test_every_name_has_english_and_french(template_id: str) -> None:
    t = load(template_id)
    named = [t.product, *t.views, *t.print_areas, *t.parts, *t.options]
    named += [c for p in t.parts for c in p.palette] + [c for o in t.options for c in o.choices]
    for item in named:
        assert isinstance(item.name, dict), item
        assert item.name.get("en") and item.name.get("fr"), item
    assert localize(t.product.description, "en") and localize(t.product.description, "fr")


@pytest.mark.parametrize("template_id", IDS)
def test_placements_lie_inside_their_view_art(template_id: str) -> None:
    t = load(template_id)
    assert t.folder is not None
    for area in t.print_areas:
        assert area.placements, area.id
        for p in area.placements:
            vx, vy, vw, vh = view_box(t.folder / str(t.view(p.view).art))
            x, y, w, h = p.rect
            assert w > 0 and h > 0
            assert vx <= x and vy <= y and x + w <= vx + vw and y + h <= vy + vh, (area.id, p.rect)
            if p.kind == "cone":
                assert p.bottom_width is not None and p.bottom_width < w


@pytest.mark.parametrize("template_id", IDS)
def test_masks_parts_and_options_name_elements_of_the_art(template_id: str) -> None:
    t = load(template_id)
    assert t.folder is not None
    ids = art_ids(t)
    for area in t.print_areas:
        for p in area.placements:
            assert p.mask is not None, f"{area.id} on {p.view} has no mask"
            assert p.mask in svg_ids(t.folder / str(t.view(p.view).art)), p.mask
    for part in t.parts:
        assert set(part.elements) <= ids, part.id
    for option in t.options:
        assert set(option.elements) <= ids, option.id


@pytest.mark.parametrize("template_id", IDS)
def test_view_art_follows_the_mockup_conventions(template_id: str) -> None:
    t = load(template_id)
    assert t.folder is not None
    for view in t.views:
        art = t.folder / str(view.art)
        text = art.read_text(encoding="utf-8")
        assert "<filter" not in text and "<!ENTITY" not in text
        root = ET.parse(art).getroot()
        ids = [el.attrib["id"] for el in root.iter() if "id" in el.attrib]
        assert len(ids) == len(set(ids)), f"{art.name} repeats an id"
        for el in root.iter():
            for key, value in el.attrib.items():
                if key.endswith("href"):
                    assert value.startswith("#"), f"{art.name}: external reference {value}"
        # Light comes last: the shading and highlights groups are the top two children.
        top = [el.attrib.get("id") for el in root if not el.tag.endswith(("defs", "title"))]
        assert top[-2:] == ["shading", "highlights"], art.name


@pytest.mark.parametrize("template_id", IDS)
def test_thumbnail_and_art_render(template_id: str) -> None:
    import cairosvg

    t = load(template_id)
    assert t.folder is not None
    with Image.open(t.folder / "thumbnail.png") as im:
        assert im.format == "PNG"
        assert 300 <= max(im.size) <= 600
        alpha = np.asarray(im.convert("RGBA").getchannel("A"))
        assert float((alpha > 128).mean()) > 0.25
    for view in t.views:
        png = cairosvg.svg2png(url=str(t.folder / str(view.art)), output_width=200)
        with Image.open(io.BytesIO(png)) as im:
            assert im.getbbox() is not None


@pytest.mark.parametrize("template_id", IDS)
def test_template_folder_passes_validation(template_id: str) -> None:
    from studio.io import templates

    problems = templates.validate_template_folder(TEMPLATES / template_id)
    assert problems == [], [str(p) for p in problems]
