"""The content that ships with Studio: the jar-500 template and the example designs.

These files are data that users see first, so they are held to what a template author or a
preflight would demand: exact sizes, art that matches the placements, designs that validate and
keep their text inside the safe area.
"""

from __future__ import annotations

import importlib.util
import io
import json
import math
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.model.design import Design, ImageLayer, ShapeLayer, TextLayer, VectorLayer
from studio.model.template import Template, localize

ROOT = Path(__file__).resolve().parents[1]
JAR = ROOT / "templates" / "jar-500"
EXAMPLES = ROOT / "examples"
EXAMPLE_NAMES = ["jar-name", "lid-curved", "arabic-label"]
SHIPPED_FAMILIES = {
    "Inter", "Lato", "Open Sans", "Quicksand", "EB Garamond", "Roboto Slab", "Bebas Neue",
    "League Spartan", "Lobster", "Dancing Script", "Comfortaa", "Amiri",
}  # fmt: skip
SVG_NS = "{http://www.w3.org/2000/svg}"
EPS = 1e-6


def load_template() -> Template:
    with (JAR / "template.toml").open("rb") as f:
        return Template.model_validate(tomllib.load(f)).with_folder(JAR)


def view_box(svg: Path) -> tuple[float, float, float, float]:
    root = ET.parse(svg).getroot()
    x, y, w, h = (float(v) for v in re.split(r"[\s,]+", root.attrib["viewBox"].strip()))
    return x, y, w, h


def svg_ids(svg: Path) -> list[str]:
    return [el.attrib["id"] for el in ET.parse(svg).getroot().iter() if "id" in el.attrib]


def load_design(name: str) -> Design:
    return Design.model_validate(json.loads((EXAMPLES / name / "design.json").read_text(encoding="utf-8")))


# -- the template ------------------------------------------------------------------------------


def test_template_validates_with_the_product_sizes() -> None:
    t = load_template()
    assert t.id == "jar-500"
    assert t.product.category == "jars"
    assert localize(t.product.name, "en") == "Straight jar 500 ml"
    assert localize(t.product.name, "fr") == "Bocal droit 500 ml"
    assert [v.id for v in t.views] == ["front", "lid"]

    label = t.area("label")
    assert (label.width, label.height, label.bleed, label.safe_margin) == (236.0, 90.0, 3.0, 4.0)
    assert label.shape.kind == "rectangle"
    assert label.print_method == "digital"
    assert [(p.view, p.kind) for p in label.placements] == [("front", "cylinder")]

    lid = t.area("lid")
    assert (lid.width, lid.height, lid.bleed, lid.safe_margin) == (70.0, 70.0, 3.0, 4.0)
    assert lid.shape.kind == "ellipse"
    assert [(p.view, p.kind) for p in lid.placements] == [("lid", "flat")]


def test_every_name_has_english_and_french() -> None:
    t = load_template()
    named = [t.product, *t.views, *t.print_areas, *t.parts, *t.options]
    named += [c for p in t.parts for c in p.palette] + [c for o in t.options for c in o.choices]
    for item in named:
        assert isinstance(item.name, dict), item
        assert item.name.get("en") and item.name.get("fr"), item


def test_view_art_exists_and_stays_within_what_cairosvg_draws() -> None:
    t = load_template()
    for view in t.views:
        assert view.art is not None
        art = JAR / view.art
        assert art.is_file(), art
        text = art.read_text(encoding="utf-8")
        assert "<filter" not in text and "<!ENTITY" not in text
        for el in ET.parse(art).getroot().iter():
            for key, value in el.attrib.items():
                if key.endswith("href"):
                    assert value.startswith("#"), f"{art.name}: external reference {value}"
        ids = svg_ids(art)
        assert len(ids) == len(set(ids)), f"{art.name} repeats an id"


def test_placement_rects_lie_inside_their_view_art() -> None:
    t = load_template()
    for area in t.print_areas:
        assert area.placements, area.id
        for placement in area.placements:
            vx, vy, vw, vh = view_box(JAR / str(t.view(placement.view).art))
            x, y, w, h = placement.rect
            assert w > 0 and h > 0
            assert vx <= x and vy <= y and x + w <= vx + vw and y + h <= vy + vh, (area.id, placement.rect)


def test_placements_keep_the_print_proportions() -> None:
    """A flat placement shows the whole area; a cylinder shows the full height of the label."""
    t = load_template()
    lid = t.area("lid").placements[0]
    assert lid.rect[2] / lid.rect[3] == pytest.approx(70 / 70, rel=0.01)
    label = t.area("label").placements[0]
    mm_per_unit = 90.0 / label.rect[3]
    diameter = label.rect[2] * mm_per_unit
    # The label wraps most of the way round: 236 mm of a circumference a little longer.
    assert 236.0 < math.pi * diameter < 236.0 * 1.25


def test_part_elements_exist_in_the_art() -> None:
    t = load_template()
    ids = {i for v in t.views if v.art for i in svg_ids(JAR / v.art)}
    assert [p.id for p in t.parts] == ["lid"]
    for part in t.parts:
        missing = [e for e in part.elements if e not in ids]
        assert not missing, f"part {part.id!r}: no element with id {missing} in the view art"


def test_every_view_that_shows_the_lid_names_its_base_shapes() -> None:
    t = load_template()
    lid = t.parts[0]
    for view in t.views:
        assert "cap" in svg_ids(JAR / str(view.art)), view.id
    assert "cap-top" in lid.elements


def test_lid_palette_and_glass_option() -> None:
    t = load_template()
    lid = t.parts[0]
    assert len(lid.palette) >= 12
    english = {localize(c.name, "en").lower() for c in lid.palette}
    assert {"gold", "silver", "black", "white", "red", "copper"} <= english
    assert len({c.color.hex for c in lid.palette}) == len(lid.palette)
    assert localize(lid.palette[0].name, "en") == "Gold" and lid.default == lid.palette[0].color

    (glass,) = t.options
    assert glass.id == "glass" and glass.default == "clear"
    assert [c.id for c in glass.choices] == ["clear", "amber", "frosted"]
    assert all(c.color is not None for c in glass.choices)


def test_thumbnail_is_a_small_render_of_the_front() -> None:
    with Image.open(JAR / "thumbnail.png") as im:
        assert im.format == "PNG"
        assert 300 <= max(im.size) <= 600
        # Not blank: the jar covers a good part of it.
        alpha = im.convert("RGBA").getchannel("A")
        covered = float((np.asarray(alpha) > 128).mean())
        assert covered > 0.3


def test_art_renders_with_cairosvg() -> None:
    import cairosvg

    t = load_template()
    for view in t.views:
        png = cairosvg.svg2png(url=str(JAR / str(view.art)), output_width=200)
        with Image.open(io.BytesIO(png)) as im:
            assert im.getbbox() is not None


# -- the examples ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_validates_against_jar_500(name: str) -> None:
    design = load_design(name)
    t = load_template()
    assert design.template == "jar-500"
    assert design.template_version <= t.version
    assert set(design.areas) <= {a.id for a in t.print_areas}
    for option, choice in design.options.items():
        assert choice in {c.id for o in t.options if o.id == option for c in o.choices}
    assert set(design.part_colors) <= {p.id for p in t.parts}
    assert design.fields() <= set(design.variables), "a {field} has no example value"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_assets_exist_beside_the_design(name: str) -> None:
    folder = EXAMPLES / name
    design = load_design(name)
    for ref in design.assets():
        path = (folder / ref).resolve()
        assert path.is_relative_to(folder.resolve()), ref
        assert path.is_file(), f"{name}: {ref} is missing"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_fonts_are_shipped_families(name: str) -> None:
    for _area, layer in load_design(name).walk():
        if isinstance(layer, TextLayer):
            assert layer.font_family in SHIPPED_FAMILIES, layer.font_family
            assert layer.font_style in {"Regular", "Bold"}


def _frame(layer: ImageLayer | VectorLayer | ShapeLayer) -> tuple[float, float, float, float]:
    """The box that holds the layer's frame, turned as the layer is, and its stroke."""
    t = layer.transform
    a = math.radians(t.rotation)
    fw = layer.width * abs(t.scale_x) / 2
    fh = layer.height * abs(t.scale_y) / 2
    w = fw * abs(math.cos(a)) + fh * abs(math.sin(a))
    h = fw * abs(math.sin(a)) + fh * abs(math.cos(a))
    stroke = layer.stroke.width / 2 if isinstance(layer, ShapeLayer) and layer.stroke else 0.0
    return t.x - w - stroke, t.y - h - stroke, t.x + w + stroke, t.y + h + stroke


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_content_keeps_to_the_safe_area_or_reaches_the_bleed(name: str) -> None:
    """What crosses the trim runs on to the bleed; what stays inside keeps the safe margin."""
    t = load_template()
    design = load_design(name)
    for area_id, layer in design.walk():
        area = t.area(area_id)
        if isinstance(layer, TextLayer):
            if layer.arc is not None:
                assert (layer.transform.x, layer.transform.y) == (area.width / 2, area.height / 2)
                assert layer.arc.radius < min(area.width, area.height) / 2 - area.safe_margin - 3
            else:
                s = area.safe_rect
                assert s.x <= layer.transform.x <= s.x + s.width and s.y <= layer.transform.y <= s.y + s.height
                if layer.box_width:
                    assert layer.box_width <= s.width
            continue
        if not isinstance(layer, ImageLayer | VectorLayer | ShapeLayer):
            continue
        x0, y0, x1, y1 = _frame(layer)
        crosses = x0 < 0 or y0 < 0 or x1 > area.width or y1 > area.height
        if crosses:
            assert isinstance(layer, ImageLayer | ShapeLayer), f"{layer.id} is clipart over the trim"
            b = area.bleed
            for lo, hi, size in ((x0, x1, area.width), (y0, y1, area.height)):
                if lo < 0:
                    assert lo <= -b + EPS, f"{layer.id} stops short of the bleed"
                if hi > size:
                    assert hi >= size + b - EPS, f"{layer.id} stops short of the bleed"
        elif area.shape.kind == "ellipse":
            cx, cy = area.width / 2, area.height / 2
            rx, ry = cx - area.safe_margin, cy - area.safe_margin
            for px, py in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
                if isinstance(layer, ShapeLayer) and layer.shape == "ellipse":
                    continue
                assert ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1 + EPS, f"{layer.id} leaves the safe area"
            if isinstance(layer, ShapeLayer) and layer.shape == "ellipse":
                assert (x1 - x0) / 2 <= rx + EPS and (y1 - y0) / 2 <= ry + EPS, layer.id
        else:
            s = area.safe_rect
            assert s.x - EPS <= x0 and s.y - EPS <= y0, f"{layer.id} leaves the safe area"
            assert x1 <= s.x + s.width + EPS and y1 <= s.y + s.height + EPS, f"{layer.id} leaves the safe area"


def test_jar_name_has_the_expected_ingredients() -> None:
    design = load_design("jar-name")
    layers = [layer for _a, layer in design.walk()]
    kinds = {layer.kind for layer in layers}
    assert {"image", "text", "vector", "shape"} <= kinds
    assert design.variables == {"name": "Camille"}
    assert any(isinstance(la, TextLayer) and la.text == "{name}" for la in layers)
    assert design.areas["label"].background is not None


def test_lid_curved_has_text_on_both_arcs() -> None:
    design = load_design("lid-curved")
    sides = sorted(la.arc.side for _a, la in design.walk() if isinstance(la, TextLayer) and la.arc)
    assert sides == ["inside", "outside"]
    assert {a for a, _la in design.walk()} == {"lid"}


def test_arabic_label_sets_arabic_in_amiri() -> None:
    design = load_design("arabic-label")
    arabic = [la for _a, la in design.walk() if isinstance(la, TextLayer) and re.search("[\u0600-\u06ff]", la.text)]
    assert arabic and all(la.font_family == "Amiri" for la in arabic)
    assert any(isinstance(la, TextLayer) and re.search("[A-Za-z]{3}", la.text) for _a, la in design.walk())


def test_clipart_is_self_contained_svg() -> None:
    svgs = sorted(EXAMPLES.glob("*/*.svg"))
    assert svgs
    for svg in svgs:
        root = ET.parse(svg).getroot()
        assert root.tag == SVG_NS + "svg" and "viewBox" in root.attrib, svg
        assert "<!ENTITY" not in svg.read_text(encoding="utf-8")
        for el in root.iter():
            assert el.tag != SVG_NS + "image", f"{svg.name} embeds an image"
            for key, value in el.attrib.items():
                if key.endswith("href"):
                    assert value.startswith("#"), f"{svg.name}: external reference {value}"


def test_photo_is_a_real_jpeg_of_2400_by_1600() -> None:
    photo = EXAMPLES / "jar-name" / "photo.jpg"
    assert photo.stat().st_size < 800 * 1024
    with Image.open(photo) as im:
        assert im.format == "JPEG"
        assert im.size == (2400, 1600)
        assert im.mode == "RGB"
        im.load()
        # A photograph, not a flat fill: many colours, light and shade.
        small = im.resize((240, 160))
        pixels = np.asarray(small).reshape(-1, 3)
        assert len(np.unique(pixels, axis=0)) > 5000
        lo, hi = small.convert("L").getextrema()
        assert hi - lo > 120


@pytest.mark.slow
def test_make_photo_draws_the_same_picture(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_photo", EXAMPLES / "make_photo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.make_photo(tmp_path / "photo.jpg")
    with Image.open(out) as made, Image.open(EXAMPLES / "jar-name" / "photo.jpg") as shipped:
        assert made.size == shipped.size == (2400, 1600)
        a = np.asarray(made.convert("L").resize((120, 80)), dtype=np.int16)
        b = np.asarray(shipped.convert("L").resize((120, 80)), dtype=np.int16)
        assert int(np.abs(a - b).max()) <= 8


def test_product_names_differ_in_their_first_words_in_every_language():
    """A gallery card shows the first words of a name: two products must differ there."""
    from studio.io.templates import TemplateLibrary
    from studio.model.template import localize

    templates = TemplateLibrary.default().all()
    for lang in ("en", "fr"):
        starts: dict[str, str] = {}
        for t in templates:
            start = localize(t.product.name, lang)[:14]
            assert start not in starts, f"{t.id} and {starts[start]} both start with {start!r} in {lang}"
            starts[start] = t.id
