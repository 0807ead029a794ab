"""The low-top sneaker template: parts, print areas and art that the mockup renderer can rely on.

The art follows docs/decisions/mockups.md: every colourable part is an element with a flat fill,
the modelling lives in the ``shading`` and ``highlights`` groups, and each print area has a mask
element. These tests read the folder the way the loader and the renderer do.
"""

from __future__ import annotations

import io
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.model.template import MockupPlacement, Template, localize

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "templates" / "sneaker-low"
SVG_NS = "http://www.w3.org/2000/svg"

PARTS = [
    "toe-cap", "vamp", "quarter", "heel-counter", "eyestay", "tongue",
    "laces", "stripe", "collar-lining", "midsole", "outsole",
]  # fmt: skip
AREAS = ["heel-tab", "tongue-label", "decal-lateral", "decal-medial"]
VIEWS = ["lateral", "medial", "back"]


def load() -> Template:
    with (FOLDER / "template.toml").open("rb") as f:
        return Template.model_validate(tomllib.load(f)).with_folder(FOLDER)


def art_path(t: Template, view_id: str) -> Path:
    art = t.view(view_id).art
    assert art is not None, view_id
    return FOLDER / art


def root_of(t: Template, view_id: str) -> ET.Element:
    return ET.parse(art_path(t, view_id)).getroot()


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in re.split(r"[\s,]+", root.attrib["viewBox"].strip()))
    return x, y, w, h


def elements_by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {el.attrib["id"]: el for el in root.iter() if "id" in el.attrib}


def silhouette(t: Template, view_id: str, element_id: str, scale: float = 1.0) -> np.ndarray:
    """The element alone, filled opaque, as a boolean raster in art units (times ``scale``)."""
    import cairosvg

    root = root_of(t, view_id)
    el = elements_by_id(root)[element_id]
    x, y, w, h = view_box(root)
    d = el.attrib["d"]
    svg = (
        f'<svg xmlns="{SVG_NS}" viewBox="{x} {y} {w} {h}" width="{w * scale:g}" height="{h * scale:g}">'
        f'<path d="{d}" fill="#000"/></svg>'
    )
    png = cairosvg.svg2png(bytestring=svg.encode())
    with Image.open(io.BytesIO(png)) as im:
        return np.asarray(im.convert("RGBA").getchannel("A")) > 127


def inside(mask: np.ndarray, point: tuple[float, float], origin: tuple[float, float] = (0.0, 0.0)) -> bool:
    col, row = round(point[0] - origin[0]), round(point[1] - origin[1])
    return 0 <= row < mask.shape[0] and 0 <= col < mask.shape[1] and bool(mask[row, col])


def placements() -> list[tuple[str, MockupPlacement]]:
    t = load()
    return [(area.id, p) for area in t.print_areas for p in area.placements]


# -- the template ---------------------------------------------------------------------------------
def test_template_validates_with_its_parts_views_and_areas() -> None:
    t = load()
    assert t.id == "sneaker-low" == FOLDER.name
    assert t.product.category == "shoes"
    assert localize(t.product.name, "en") == "Low-top sneaker"
    assert localize(t.product.name, "fr") == "Basket basse"
    assert [v.id for v in t.views] == VIEWS
    assert [p.id for p in t.parts] == PARTS
    assert [a.id for a in t.print_areas] == AREAS
    assert all(p.custom for p in t.parts)


def test_every_name_has_english_and_french() -> None:
    t = load()
    named = [t.product, *t.views, *t.print_areas, *t.parts, *(c for p in t.parts for c in p.palette)]
    for item in named:
        assert isinstance(item.name, dict), item
        assert item.name.get("en") and item.name.get("fr"), item


def test_every_palette_has_at_least_twelve_distinct_colours_and_starts_with_the_default() -> None:
    for part in load().parts:
        assert len(part.palette) >= 12, part.id
        assert len({c.color.hex for c in part.palette}) == len(part.palette), part.id
        names = [localize(c.name, "en").lower() for c in part.palette]
        assert len(set(names)) == len(names), part.id
        assert part.palette[0].color == part.default, part.id
        assert "black" in names, part.id


def test_heel_tab_fits_ten_characters() -> None:
    tab = load().area("heel-tab")
    assert tab.width >= 35.0
    assert tab.print_method in ("pad", "uv")
    assert tab.shape.kind == "rectangle"
    # Ten capitals at about 3.3 mm each fit between the safe margins.
    assert tab.width - 2 * tab.safe_margin >= 10 * 3.3
    assert [(p.view, p.kind) for p in tab.placements] == [("back", "perspective")]


def test_print_areas_have_small_print_bleed_and_margins() -> None:
    t = load()
    for area in t.print_areas:
        assert 1.0 <= area.bleed <= 2.0, area.id
        assert 1.5 <= area.safe_margin <= 3.0, area.id
        assert area.placements, area.id
    assert t.area("tongue-label").shape.kind == "rounded_rectangle"
    assert {p.view for p in t.area("tongue-label").placements} == {"lateral", "medial"}
    assert [p.view for p in t.area("decal-lateral").placements] == ["lateral"]
    assert [p.view for p in t.area("decal-medial").placements] == ["medial"]


# -- the art ----------------------------------------------------------------------------------------
def test_art_is_safe_svg_with_unique_ids() -> None:
    t = load()
    for view in VIEWS:
        path = art_path(t, view)
        text = path.read_text(encoding="utf-8")
        assert "<filter" not in text and "<!ENTITY" not in text and "<image" not in text, view
        root = ET.fromstring(text)
        for el in root.iter():
            for key, value in el.attrib.items():
                if key.endswith("href"):
                    assert value.startswith("#"), f"{path.name}: external reference {value}"
        ids = [el.attrib["id"] for el in root.iter() if "id" in el.attrib]
        assert len(ids) == len(set(ids)), f"{path.name} repeats an id"


def test_every_part_element_exists_in_some_view() -> None:
    t = load()
    known = {i for view in VIEWS for i in elements_by_id(root_of(t, view))}
    for part in t.parts:
        missing = [e for e in part.elements if e not in known]
        assert not missing, f"part {part.id!r}: no element with id {missing} in the art"


def test_side_views_show_every_part_as_a_flat_filled_shape() -> None:
    t = load()
    for view in ("lateral", "medial"):
        els = elements_by_id(root_of(t, view))
        for part in t.parts:
            el = els.get(part.elements[0])
            assert el is not None, (view, part.id)
            assert el.tag == f"{{{SVG_NS}}}path", (view, part.id)
            assert re.fullmatch(r"#[0-9A-Fa-f]{6}", el.attrib.get("fill", "")), (view, part.id)
            assert el.attrib["fill"].upper() == part.default.hex, (view, part.id)


def test_shading_and_highlights_are_drawn_last_and_hold_no_part() -> None:
    t = load()
    part_ids = {e for p in t.parts for e in p.elements}
    for view in VIEWS:
        root = root_of(t, view)
        top = [el.attrib.get("id") for el in root if el.tag != f"{{{SVG_NS}}}defs" and not el.tag.endswith("title")]
        assert top[-2:] == ["shading", "highlights"], view
        for group in top[-2:]:
            inner = {el.attrib.get("id") for el in elements_by_id(root)[group].iter()} - {group, None}
            assert not inner & part_ids, (view, group)


def test_placements_lie_inside_the_view_and_name_an_existing_mask() -> None:
    t = load()
    for area_id, p in placements():
        root = root_of(t, p.view)
        vx, vy, vw, vh = view_box(root)
        x, y, w, h = p.rect
        assert w > 0 and h > 0, area_id
        assert vx <= x and vy <= y and x + w <= vx + vw and y + h <= vy + vh, (area_id, p.view)
        assert p.kind in ("perspective", "fabric"), area_id
        assert p.quad is not None, area_id
        for qx, qy in p.quad:
            assert x - 1e-6 <= qx <= x + w + 1e-6 and y - 1e-6 <= qy <= y + h + 1e-6, (area_id, p.view)
        assert p.mask is not None and p.mask in elements_by_id(root), (area_id, p.view, p.mask)


def test_quads_are_convex_and_keep_the_print_upright() -> None:
    for area_id, p in placements():
        assert p.quad is not None
        q = np.array(p.quad)
        edges = np.roll(q, -1, axis=0) - q
        turns = edges[:, 0] * np.roll(edges, -1, axis=0)[:, 1] - edges[:, 1] * np.roll(edges, -1, axis=0)[:, 0]
        assert np.all(turns > 0), f"{area_id} on {p.view}: the quad is not convex and clockwise"
        tl, tr, br, bl = q
        assert tl[0] < tr[0] and bl[0] < br[0] and tl[1] < bl[1] and tr[1] < br[1], (area_id, p.view)


@pytest.mark.parametrize(("area_id", "panel"), [
    ("heel-tab", "heel-patch"), ("tongue-label", "tongue"), ("decal-lateral", "quarter"), ("decal-medial", "quarter"),
])  # fmt: skip
def test_quad_corners_lie_on_their_panel(area_id: str, panel: str) -> None:
    t = load()
    for p in t.area(area_id).placements:
        assert p.quad is not None and p.mask is not None
        origin = view_box(root_of(t, p.view))[:2]
        panel_raster = silhouette(t, p.view, panel)
        mask_raster = silhouette(t, p.view, p.mask)
        for corner in p.quad:
            assert inside(panel_raster, corner, origin), f"{area_id} on {p.view}: corner {corner} is off the {panel}"
        centre = tuple(np.mean(np.array(p.quad), axis=0))
        assert inside(mask_raster, centre, origin), f"{area_id} on {p.view}: the mask misses the print's centre"


def test_decal_sits_on_visible_quarter_leather() -> None:
    """Most of the decal's quad is inside its mask (the quarter panel's visible leather)."""
    t = load()
    for area_id in ("decal-lateral", "decal-medial"):
        (p,) = t.area(area_id).placements
        assert p.quad is not None and p.mask is not None
        mask = silhouette(t, p.view, p.mask)
        q = np.array(p.quad)
        inside_count = total = 0
        for u in np.linspace(0.02, 0.98, 15):
            for v in np.linspace(0.02, 0.98, 10):
                top = q[0] + (q[1] - q[0]) * u
                bottom = q[3] + (q[2] - q[3]) * u
                point = top + (bottom - top) * v
                total += 1
                inside_count += inside(mask, (float(point[0]), float(point[1])))
        assert inside_count / total > 0.97, area_id
        # The print keeps roughly its proportions on the panel (a side panel is seen almost square on).
        width = (np.linalg.norm(q[1] - q[0]) + np.linalg.norm(q[2] - q[3])) / 2
        height = (np.linalg.norm(q[3] - q[0]) + np.linalg.norm(q[2] - q[1])) / 2
        area = t.area(area_id)
        assert width / height == pytest.approx(area.width / area.height, rel=0.12)


def test_masks_are_invisible_in_the_art() -> None:
    t = load()
    for area_id, p in placements():
        el = elements_by_id(root_of(t, p.view))[str(p.mask)]
        assert el.attrib.get("fill-opacity") == "0" or el.attrib.get("opacity") == "0", (area_id, p.mask)


def test_recolouring_keeps_the_modelling() -> None:
    """Parts painted black or white still show shading: the relief does not live in the fills."""
    import cairosvg

    t = load()
    for view in ("lateral", "back"):
        for colour in ("#FFFFFF", "#1E1E1E"):
            root = root_of(t, view)
            els = elements_by_id(root)
            for part in t.parts:
                for e in part.elements:
                    if e in els:
                        els[e].set("fill", colour)
            png = cairosvg.svg2png(bytestring=ET.tostring(root), output_width=600, background_color="white")
            with Image.open(io.BytesIO(png)) as im:
                grey = np.asarray(im.convert("L"), dtype=float)
            w = view_box(root)[2]
            quarter = silhouette(t, view, "quarter", scale=600 / w)
            values = grey[quarter[: grey.shape[0], : grey.shape[1]]]
            # Shading and highlights give a spread of tones even on a single flat colour.
            assert values.std() > 6.0, (view, colour)
            assert np.percentile(values, 95) - np.percentile(values, 5) > 20, (view, colour)


def test_art_renders_with_cairosvg() -> None:
    import cairosvg

    t = load()
    for view in VIEWS:
        png = cairosvg.svg2png(url=str(art_path(t, view)), output_width=300)
        with Image.open(io.BytesIO(png)) as im:
            bbox = im.getbbox()
            assert bbox is not None, view
            assert (bbox[2] - bbox[0]) > 100, view


def test_thumbnail_is_a_small_render_of_the_lateral_view() -> None:
    with Image.open(FOLDER / "thumbnail.png") as im:
        assert im.format == "PNG"
        assert 300 <= im.size[0] <= 600
        alpha = np.asarray(im.convert("RGBA").getchannel("A"))
        assert 0.2 < float((alpha > 128).mean()) < 0.9


def test_folder_validates_without_problems() -> None:
    from studio.io import templates

    assert templates.validate_template_folder(FOLDER) == []
