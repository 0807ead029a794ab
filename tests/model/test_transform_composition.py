"""How a layer's transform is composed: scale first, then rotation, then translation to its centre.

Pinned in plain numbers, so that no backend or gesture can quietly change the order. The area's y
axis points down, so a positive rotation turns clockwise on screen.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from studio.model import Design
from studio.model.design import Transform
from studio.model.geometry import Affine
from studio.model.template import Template
from studio.render.display import FillPath
from studio.render.scene import build_scene
from studio.text import FontRegistry

ROOT = Path(__file__).resolve().parents[2]


def point(m: Affine, x: float, y: float) -> tuple[float, float]:
    px, py = m.apply(x, y)
    return round(px, 9), round(py, 9)


def test_translation_moves_the_centre():
    assert point(Transform(x=10, y=20).to_affine(), 0, 0) == (10, 20)


def test_positive_rotation_turns_clockwise_on_screen():
    # The x axis turns towards +y, which points down the page.
    assert point(Transform(rotation=90).to_affine(), 1, 0) == (0, 1)
    assert point(Transform(rotation=-90).to_affine(), 1, 0) == (0, -1)


def test_scale_applies_before_rotation():
    # Scaled along the layer's own x axis first (2, 0), then turned to (0, 2): the layer stretches
    # along its own width whatever its rotation.
    m = Transform(rotation=90, scale_x=2, scale_y=1).to_affine()
    assert point(m, 1, 0) == (0, 2)
    assert point(m, 0, 1) == (-1, 0)


def test_translation_applies_last():
    m = Transform(x=10, y=20, rotation=90, scale_x=2, scale_y=3).to_affine()
    assert point(m, 1, 0) == (10, 22)
    assert point(m, 0, 1) == (7, 20)


def test_affine_product_applies_the_right_operand_first():
    m = Affine.translation(5, 0) @ Affine.scaling(2)
    assert point(m, 1, 1) == (7, 2)


def test_negative_scale_mirrors_about_the_layer_centre():
    m = Transform(x=50, y=50, scale_x=-1).to_affine()
    assert point(m, 10, 0) == (40, 50)


@pytest.fixture(scope="module")
def template() -> Template:
    with open(ROOT / "templates" / "jar-500" / "template.toml", "rb") as f:
        return Template.model_validate(tomllib.load(f))


def test_a_group_transform_wraps_its_children(template):
    # A 20 x 10 mm rectangle 10 mm right of its group's centre; the group is turned 90 degrees and
    # placed at (100, 40): the rectangle ends up 10 mm below the group's centre, 10 wide and 20 high.
    child = {"kind": "shape", "id": "r", "shape": "rectangle", "width": 20, "height": 10, "transform": {"x": 10}}
    group = {"kind": "group", "id": "g", "children": [child], "transform": {"x": 100, "y": 40, "rotation": 90}}
    design = Design.model_validate({"template": "jar-500", "areas": {"label": {"layers": [group]}}})
    dl = build_scene(design, template, "label", resources=None, fonts=FontRegistry.default())  # type: ignore[arg-type]
    (fill,) = [item for item in dl.items if isinstance(item, FillPath)]
    box = fill.path.bounds()
    assert (round(box.x, 6), round(box.y, 6), round(box.width, 6), round(box.height, 6)) == (95, 40, 10, 20)
