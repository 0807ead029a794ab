"""Arranging commands: group, ungroup, align, distribute and moves, each undone exactly."""

from __future__ import annotations

import pytest

from studio.commands import (
    AddLayer,
    AlignLayers,
    CommandStack,
    DistributeLayers,
    GroupLayers,
    MoveLayers,
    TransformLayers,
    UngroupLayer,
)
from studio.model import Design
from studio.model.design import GroupLayer, ShapeLayer, Transform
from studio.model.geometry import Rect


@pytest.fixture
def stack() -> CommandStack:
    design = Design.model_validate({"template": "jar-500"})
    s = CommandStack(design)
    for layer_id, x in (("a", 10.0), ("b", 50.0), ("c", 120.0)):
        s.push(AddLayer("label", ShapeLayer(id=layer_id, transform=Transform(x=x, y=20.0))))
    return s


def dump(design: Design) -> object:
    return design.model_dump(mode="json")


def test_reading_an_area_changes_nothing():
    design = Design.model_validate({"template": "jar-500"})
    fired = []
    design.events.areas.connect(lambda *a: fired.append(a))
    assert design.area("lid").layers == []
    assert "lid" not in design.areas and fired == []


def test_group_then_ungroup_puts_layers_back_in_place(stack):
    before = dump(stack.design)
    stack.push(GroupLayers("label", ["a", "b"], center=(30.0, 20.0), group_id="g"))
    (group, c) = stack.design.areas["label"].layers
    assert isinstance(group, GroupLayer) and [x.id for x in group.children] == ["a", "b"] and c.id == "c"
    assert (group.children[0].transform.x, group.children[1].transform.x) == (-20.0, 20.0)
    stack.push(UngroupLayer("label", "g"))
    assert [x.transform.x for x in stack.design.areas["label"].layers] == [10.0, 50.0, 120.0]
    stack.undo()
    stack.undo()
    assert dump(stack.design) == before


def test_ungrouping_a_hidden_locked_group_keeps_its_children_hidden_and_locked(stack):
    stack.push(GroupLayers("label", ["a", "b"], center=(30.0, 20.0), group_id="g"))
    group = stack.design.find_layer("g")
    group.visible = False
    group.locked = True
    hidden_locked = dump(stack.design)
    stack.push(UngroupLayer("label", "g"))
    a, b, _c = stack.design.areas["label"].layers
    assert (a.visible, a.locked, b.visible, b.locked) == (False, True, False, True)
    stack.undo()
    assert dump(stack.design) == hidden_locked


def test_ungroup_composes_the_group_transform(stack):
    stack.push(GroupLayers("label", ["a", "b"], center=(30.0, 20.0), group_id="g"))
    stack.push(TransformLayers({"g": Transform(x=30.0, y=20.0, rotation=90.0)}, label="Rotate"))
    stack.push(UngroupLayer("label", "g"))
    a = stack.design.find_layer("a")
    assert (round(a.transform.x, 9), round(a.transform.y, 9), a.transform.rotation) == (30.0, 0.0, 90.0)


def test_moves_of_one_drag_merge_into_one_step(stack):
    for _ in range(5):
        stack.push(MoveLayers(["a", "b"], 1.0, 0.5))
    assert stack.design.find_layer("a").transform.x == 15.0
    stack.undo()
    assert (stack.design.find_layer("a").transform.x, stack.design.find_layer("b").transform.y) == (10.0, 20.0)


def test_align_and_distribute(stack):
    bounds = {
        "a": Rect(0.0, 10.0, 20.0, 20.0),
        "b": Rect(40.0, 15.0, 20.0, 10.0),
        "c": Rect(110.0, 10.0, 20.0, 20.0),
    }
    stack.push(AlignLayers(bounds, "top"))
    assert stack.design.find_layer("b").transform.y == 15.0
    stack.undo()
    stack.push(DistributeLayers(bounds, "h"))
    # Span 0..130 holds 60 mm of boxes: gaps of 35 mm put b's left edge at 55 (moved 15 mm).
    assert stack.design.find_layer("b").transform.x == 65.0
    stack.undo()
    assert stack.design.find_layer("b").transform.x == 50.0
