"""Laying out an area is bounded: layers, group depth, characters and path segments."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from studio.io import limits
from studio.model import Design
from studio.model.errors import LimitExceeded
from studio.model.template import Template
from studio.render.scene import build_scene, lay_out_layers
from studio.text import FontRegistry

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def template() -> Template:
    with open(ROOT / "templates" / "jar-500" / "template.toml", "rb") as f:
        return Template.model_validate(tomllib.load(f))


def design(layers: list[dict[str, object]]) -> Design:
    return Design.model_validate({"template": "jar-500", "areas": {"label": {"layers": layers}}})


def star(**extra: object) -> dict[str, object]:
    return {"kind": "shape", "shape": "star", "sides": 100, "width": 5, "height": 5, **extra}


def build(template: Template, d: Design):
    return build_scene(d, template, "label", resources=None, fonts=FontRegistry.default())  # type: ignore[arg-type]


def test_too_many_layers_on_an_area(template, monkeypatch):
    monkeypatch.setattr(limits, "MAX_LAYERS_PER_AREA", 10)
    build(template, design([star()] * 10))
    with pytest.raises(LimitExceeded, match="'label' has more than 10 layers"):
        build(template, design([star()] * 5 + [{"kind": "group", "children": [star()] * 6}]))


def test_groups_nested_too_deep(template, monkeypatch):
    monkeypatch.setattr(limits, "MAX_GROUP_DEPTH", 3)
    layer: dict[str, object] = star()
    for _ in range(3):
        layer = {"kind": "group", "children": [layer]}
    build(template, design([layer]))
    layer = {"kind": "group", "children": [layer]}
    with pytest.raises(LimitExceeded, match="nests groups more than 3 deep"):
        build(template, design([layer]))


def test_too_much_text_is_refused_before_layout(template, monkeypatch):
    monkeypatch.setattr(limits, "MAX_AREA_CHARACTERS", 100)
    text = {"kind": "text", "text": "x" * 60, "font_family": "Lobster"}
    build(template, design([text]))
    with pytest.raises(LimitExceeded, match="more than 100 characters"):
        build(template, design([text, text]))


def test_path_segment_budget_names_the_layer_that_crosses_it(template, monkeypatch):
    monkeypatch.setattr(limits, "MAX_SCENE_SEGMENTS", 1000)
    layers = [star(name=f"Star {i}") for i in range(8)]  # about 200 segments each
    with pytest.raises(LimitExceeded, match="'Star 4'"):
        build(template, design(layers))
    results = lay_out_layers(design(layers), "label", resources=None, fonts=FontRegistry.default(), variables={})  # type: ignore[arg-type]
    assert [r.error is None for r in results] == [True] * 4 + [False]
