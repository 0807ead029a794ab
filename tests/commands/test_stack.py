from __future__ import annotations

import pytest
from pydantic import ValidationError

from studio.commands import (
    AddLayer,
    CommandStack,
    MoveLayers,
    RecolorPart,
    RemoveLayers,
    ReorderLayer,
    SetLayerProperties,
    SetOption,
    SetText,
)
from studio.model import Design, ShapeLayer, TextLayer


@pytest.fixture
def stack() -> CommandStack:
    return CommandStack(Design(template="jar-500"))


def ids(stack: CommandStack, area: str = "label") -> list[str]:
    return [layer.id for layer in stack.design.area(area).layers]


def test_add_undo_redo(stack):
    stack.push(AddLayer("label", ShapeLayer(id="a")))
    stack.push(AddLayer("label", TextLayer(id="b", text="x"), index=0))
    assert ids(stack) == ["b", "a"]
    assert stack.undo_label() == "Add Text"
    stack.undo()
    assert ids(stack) == ["a"]
    stack.redo()
    assert ids(stack) == ["b", "a"]


def test_drag_is_one_step_and_seal_splits_gestures(stack):
    stack.push(AddLayer("label", ShapeLayer(id="a")))
    for _ in range(10):
        stack.push(MoveLayers(["a"], 1.0, 0.5))
    assert stack.design.find_layer("a").transform.x == pytest.approx(10)
    assert stack.labels() == ["Add Shape", "Move"]
    stack.seal()
    stack.push(MoveLayers(["a"], 5, 0))
    assert stack.labels() == ["Add Shape", "Move", "Move"]
    stack.undo()
    stack.undo()
    t = stack.design.find_layer("a").transform
    assert (t.x, t.y) == (0, 0)


def test_typing_burst_merges(stack):
    stack.push(AddLayer("label", TextLayer(id="t", text="")))
    for text in ["C", "Ca", "Cam"]:
        stack.push(SetText("t", text))
    stack.undo()
    assert stack.design.find_layer("t").text == ""


def test_group_is_one_step_and_rolls_back_on_error(stack):
    with stack.group("Add Title"):
        stack.push(AddLayer("label", ShapeLayer(id="a")))
        stack.push(AddLayer("label", ShapeLayer(id="b")))
    assert stack.labels() == ["Add Title"]
    stack.undo()
    assert ids(stack) == []
    with pytest.raises(ValidationError), stack.group("Broken"):
        stack.push(AddLayer("label", ShapeLayer(id="c")))
        stack.push(SetLayerProperties("c", {"width": -5}))
    assert ids(stack) == []
    assert stack.labels() == []


def test_rejected_value_leaves_layer_unchanged(stack):
    stack.push(AddLayer("label", ShapeLayer(id="a", width=10)))
    with pytest.raises(ValidationError):
        stack.push(SetLayerProperties("a", {"width": 20, "height": float("inf")}))
    assert stack.design.find_layer("a").width == 10
    assert stack.labels() == ["Add Shape"]


def test_nested_property_and_reorder_and_remove(stack):
    for name in "abc":
        stack.push(AddLayer("label", ShapeLayer(id=name)))
    stack.push(SetLayerProperties("b", {"transform.rotation": 45}, label="Rotate"))
    assert stack.design.find_layer("b").transform.rotation == 45
    stack.push(ReorderLayer("a", 2))
    assert ids(stack) == ["b", "c", "a"]
    stack.push(RemoveLayers(["c", "b"]))
    assert ids(stack) == ["a"]
    stack.undo()
    assert ids(stack) == ["b", "c", "a"]
    stack.undo()
    assert ids(stack) == ["a", "b", "c"]
    stack.undo()
    assert stack.design.find_layer("b").transform.rotation == 0


def test_design_level_edits(stack):
    stack.push(SetOption("glass", "amber"))
    stack.push(RecolorPart("lid", "#112233"))
    assert stack.design.options == {"glass": "amber"}
    assert stack.design.part_colors["lid"].hex == "#112233"
    stack.undo()
    stack.undo()
    assert stack.design.options == {} and stack.design.part_colors == {}


def test_clean_state_and_signals(stack):
    events = []
    stack.changed.connect(lambda: events.append(1))
    assert stack.is_clean()
    stack.push(AddLayer("label", ShapeLayer(id="a")))
    assert not stack.is_clean()
    stack.set_clean()
    stack.push(MoveLayers(["a"], 1, 0))
    stack.push(MoveLayers(["a"], 1, 0))
    stack.undo()
    assert stack.is_clean()  # the saved state is not merged into
    assert len(events) >= 4


def test_model_events_fire_for_views(stack):
    seen = []
    stack.design.ensure_area("label").events.layers.connect(lambda layers: seen.append(len(layers)))
    stack.push(AddLayer("label", ShapeLayer()))
    stack.undo()
    assert seen == [1, 0]


def test_reset_clean_marks_every_state_modified(stack):
    stack.push(AddLayer("label", ShapeLayer(id="a")))
    stack.set_clean()
    stack.reset_clean()
    assert not stack.is_clean()
    stack.undo()
    stack.redo()
    assert not stack.is_clean()


def test_redo_labels_next_first(stack):
    stack.push(AddLayer("label", ShapeLayer(id="a")))
    stack.push(MoveLayers(["a"], 1, 0))
    stack.undo()
    stack.undo()
    assert stack.redo_labels() == ["Add Shape", "Move"]


def test_same_change_on_several_layers_is_one_merged_step(stack):
    from studio.commands import SetLayersProperties, TypeVariable

    for name in "ab":
        stack.push(AddLayer("label", ShapeLayer(id=name, width=10)))
    for width in (11, 12, 13):
        stack.push(SetLayersProperties(["a", "b"], {"width": width}, label="Resize", merge_key="w"))
    assert [stack.design.find_layer(i).width for i in "ab"] == [13, 13]
    assert stack.labels()[-1] == "Resize" and len(stack.labels()) == 3
    stack.undo()
    assert [stack.design.find_layer(i).width for i in "ab"] == [10, 10]
    with pytest.raises(ValidationError):
        stack.push(SetLayersProperties(["a", "b"], {"width": -1}))
    assert [stack.design.find_layer(i).width for i in "ab"] == [10, 10]
    for text in ("C", "Ca", "Cam"):
        stack.push(TypeVariable("name", text))
    assert stack.design.variables == {"name": "Cam"}
    stack.undo()
    assert stack.design.variables == {}
