"""The whole catalogue: every product template with its example design, as a client would see it.

Each template folder validates; every view of every product renders a mockup in which the example's
print changes the pixels inside its placement's mask (and only there); every example passes
preflight and exports to a PDF whose trim boxes are its print areas; and the geometry that makes a
mockup believable holds: a mug's wrap turned by its placement angle shows the right part of the
print next to the handle, a conical label's arcs are the cup's circumferences, and every print area
lies inside the art of the views it is placed on. Renders are small, so the file stays quick.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.export.document import open_document
from studio.export.pdf import export_pdf
from studio.io.templates import load_template, validate_template_folder
from studio.model import Design
from studio.model.template import Template
from studio.preflight import run_preflight
from studio.render._art import ArtDocument, rasterise
from studio.render.mockup import MockupRenderer
from studio.render.scene import Document
from studio.text import FontRegistry

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
EXAMPLES = ROOT / "examples"
TEMPLATE_IDS = sorted(p.name for p in TEMPLATES.iterdir() if (p / "template.toml").is_file())
EXAMPLE_IDS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "design.json").is_file())
SIZE = 240
MM_TO_PT = 72 / 25.4


@cache
def example(name: str) -> Document:
    return open_document(EXAMPLES / name / "design.json")


@cache
def template(template_id: str) -> Template:
    return load_template(TEMPLATES / template_id)


@cache
def renderer(template_id: str) -> MockupRenderer:
    return MockupRenderer(template(template_id))


def examples_of(template_id: str) -> list[str]:
    return [name for name in EXAMPLE_IDS if example(name).template.id == template_id]


def printed_areas(doc: Document) -> set[str]:
    return {area_id for area_id, area in doc.design.areas.items() if area.layers}


def view_cases() -> list[tuple[str, str]]:
    return [(t, v.id) for t in TEMPLATE_IDS for v in template(t).views if v.art is not None]


class NoAssets:
    def image(self, ref: str) -> object:
        raise AssertionError(ref)

    def svg(self, ref: str) -> object:
        raise AssertionError(ref)


def blank(doc: Document) -> Document:
    """The same product, options and colours, with nothing printed."""
    data = doc.design.model_dump(mode="json")
    data["areas"] = {}
    return Document(Design.model_validate(data), doc.template, NoAssets(), FontRegistry.default())  # type: ignore[arg-type]


def mask_of(t: Template, view_id: str, element: str, size: tuple[int, int]) -> np.ndarray:
    assert t.folder is not None
    art = ArtDocument((t.folder / str(t.view(view_id).art)).read_bytes())
    svg = art.alone(element, silhouette=True)
    assert svg is not None, element
    return rasterise(svg, *size)[..., 3]


# -- templates -------------------------------------------------------------------------------------


def test_the_catalogue_has_every_product_and_an_example_for_each() -> None:
    assert len(TEMPLATE_IDS) >= 11
    for template_id in TEMPLATE_IDS:
        assert examples_of(template_id), f"{template_id} has no example design"


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_template_folder_validates(template_id: str) -> None:
    problems = validate_template_folder(TEMPLATES / template_id)
    assert problems == [], [str(p) for p in problems]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_print_areas_lie_inside_the_views_they_are_placed_on(template_id: str) -> None:
    t = template(template_id)
    assert t.folder is not None
    for area in t.print_areas:
        for p in area.placements:
            svg = (t.folder / str(t.view(p.view).art)).read_text(encoding="utf-8")
            match = re.search(r'viewBox="([^"]+)"', svg)
            assert match is not None
            vx, vy, vw, vh = (float(v) for v in re.split(r"[\s,]+", match.group(1).strip()))
            x, y, w, h = p.rect
            assert vx <= x and vy <= y and x + w <= vx + vw + 1e-6 and y + h <= vy + vh + 1e-6, (area.id, p.view)
            for qx, qy in p.quad or ():
                assert x - 1e-6 <= qx <= x + w + 1e-6 and y - 1e-6 <= qy <= y + h + 1e-6, (area.id, p.view)


@pytest.mark.parametrize(
    "template_id", [t for t in TEMPLATE_IDS if any(a.shape.kind == "cone" for a in template(t).print_areas)]
)
def test_conical_die_line_arcs_are_the_circumferences(template_id: str) -> None:
    for area in template(template_id).print_areas:
        if area.shape.kind != "cone":
            continue
        cone = area.shape.cone()
        covered = cone.coverage * math.pi
        assert cone.outer_radius * cone.sweep == pytest.approx(covered * max(cone.top_diameter, cone.bottom_diameter))
        assert cone.inner_radius * cone.sweep == pytest.approx(covered * min(cone.top_diameter, cone.bottom_diameter))
        assert cone.outer_radius - cone.inner_radius == pytest.approx(cone.slant)
        assert (area.width, area.height) == pytest.approx(cone.size, abs=1e-3)


# -- every view renders its example -----------------------------------------------------------------


@pytest.mark.parametrize(("template_id", "view_id"), view_cases())
def test_every_view_shows_its_example_inside_the_placement_masks(template_id: str, view_id: str) -> None:
    t = template(template_id)
    placed = {a.id: [p for p in a.placements if p.view == view_id] for a in t.print_areas}
    names = [n for n in examples_of(template_id) if any(placed[a] for a in printed_areas(example(n)))]
    assert names, f"no example prints on the view {view_id!r} of {template_id}"
    doc = example(names[0])
    r = renderer(template_id)
    im = r.render(doc, view_id, size=SIZE)
    assert max(im.size) == SIZE
    empty = r.render(blank(doc), view_id, size=SIZE)
    diff = np.abs(np.asarray(im, dtype=np.int16) - np.asarray(empty, dtype=np.int16)).max(axis=2)
    changed = diff > 24
    assert changed.sum() > 30, "the print does not show"
    size = (im.width, im.height)
    masks = np.zeros(changed.shape, dtype=bool)
    for area_id in printed_areas(doc):
        for p in placed.get(area_id, []):
            assert p.mask is not None
            masks |= mask_of(t, view_id, p.mask, size) > 0.02
    # Allow the one-pixel fringe of anti-aliasing round the masks.
    fringe = masks.copy()
    fringe[1:, :] |= masks[:-1, :]
    fringe[:-1, :] |= masks[1:, :]
    fringe[:, 1:] |= masks[:, :-1]
    fringe[:, :-1] |= masks[:, 1:]
    assert not (changed & ~fringe).any(), "the print shows outside its masks"


# -- every example prints ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_IDS)
def test_every_example_passes_preflight(name: str) -> None:
    findings = run_preflight(example(name))
    assert [f for f in findings if f.severity == "error"] == [], [f.message for f in findings]


@pytest.mark.tools("pdfinfo")
@pytest.mark.parametrize("name", EXAMPLE_IDS)
def test_every_example_exports_a_pdf_with_its_trim_boxes(name: str, tmp_path: Path) -> None:
    doc = example(name)
    out = export_pdf(doc, tmp_path / f"{name}.pdf")
    info = subprocess.run(
        ["pdfinfo", "-box", "-f", "1", "-l", "99", str(out)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C"},
    ).stdout
    boxes = [
        tuple(float(v) for v in m.groups()) for m in re.finditer(r"TrimBox:\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", info)
    ]
    areas = [doc.template.area(a) for a in doc.area_ids()]
    assert len(boxes) == len(areas) >= 1
    for (x0, y0, x1, y1), area in zip(boxes, areas, strict=True):
        assert x1 - x0 == pytest.approx(area.width * MM_TO_PT, abs=0.05), area.id
        assert y1 - y0 == pytest.approx(area.height * MM_TO_PT, abs=0.05), area.id


# -- a mug seen with its handle on the right ------------------------------------------------------------

# mug-11oz front.svg: 800 units; the wrap's band is x 203.2..596.8 (axis 400), y 220..647.


def halves(t: Template) -> Document:
    area = t.area("wrap")

    def rect(x: float, w: float, colour: str, layer_id: str) -> dict[str, object]:
        return {
            "id": layer_id,
            "kind": "shape",
            "shape": "rectangle",
            "width": w,
            "height": area.height + 6,
            "fill": colour,
            "transform": {"x": x + w / 2, "y": area.height / 2},
        }

    half = area.width / 2
    layers = [rect(-3, half + 3, "#FF0000", "red"), rect(half, half + 3, "#0000FF", "blue")]
    data = {"template": t.id, "areas": {"wrap": {"layers": layers}}}
    return Document(Design.model_validate(data), t, NoAssets(), FontRegistry.default())  # type: ignore[arg-type]


def colour_at(im: Image.Image, x_art: float, y_art: float = 433.0) -> str:
    s = im.width / 800
    r, g, b = im.getpixel((int(x_art * s), int(y_art * s)))[:3]
    if r > 120 and r > 2 * g and r > 2 * b:
        return "red"
    if b > 120 and b > 2 * r and b > 2 * g:
        return "blue"
    return "bare" if min(r, g, b) > 110 and max(r, g, b) - min(r, g, b) < 20 else "other"


def test_mug_placement_angle_turns_the_right_half_of_the_wrap_to_the_viewer() -> None:
    t = template("mug-11oz")
    (placement,) = t.area("wrap").placements
    assert placement.angle == 90.0
    im = renderer("mug-11oz").render(halves(t), "front", size=400)
    # The viewer faces x = 179 mm (blue); the middle of the wrap is on the left silhouette.
    assert colour_at(im, 400) == "blue"
    assert colour_at(im, 400 - 0.85 * 196.8) == "blue"
    # Next to the handle (the right silhouette) the wrap's right end stops: the bare keep-clear band.
    assert colour_at(im, 400 + 0.9 * 196.8) == "blue"
    assert colour_at(im, 400 + 0.985 * 196.8) == "bare"


def test_the_mockup_angle_adds_to_the_placement_angle() -> None:
    t = template("mug-11oz")
    r = renderer("mug-11oz")
    # Turned back by a quarter: the middle of the wrap faces the viewer, red left and blue right.
    im = r.render(halves(t), "front", size=400, angle=-90)
    assert colour_at(im, 400 - 0.7 * 196.8) == "red" and colour_at(im, 400 + 0.7 * 196.8) == "blue"
    # By a half turn: the other face, x = 50 mm, in the red half.
    im = r.render(halves(t), "front", size=400, angle=-180)
    assert colour_at(im, 400) == "red"
    assert colour_at(im, 400 - 0.985 * 196.8) == "bare"
