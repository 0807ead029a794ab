"""The canvas's pure parts: snapping, alignment, distribution, grouping commands (no window)."""

from __future__ import annotations

import pytest

from studio.commands import CommandStack
from studio.commands.arrange import (
    GroupLayers,
    TransformLayers,
    UngroupLayer,
    align_offsets,
    decompose,
    distribute_offsets,
)
from studio.model.design import AreaDesign, Design, GroupLayer, ShapeLayer, Transform
from studio.model.geometry import Affine, Rect
from studio.ui.canvas.snapping import snap_box, targets_for


def _design() -> Design:
    layers = [
        ShapeLayer(id="a", width=10, height=10, transform=Transform(x=20, y=20)),
        ShapeLayer(id="b", width=10, height=10, transform=Transform(x=50, y=30, rotation=30, scale_x=2)),
        ShapeLayer(id="c", width=10, height=10, transform=Transform(x=80, y=60)),
    ]
    return Design(template="jar-500", areas={"label": AreaDesign(layers=layers)})


def test_snap_to_the_nearest_target_within_tolerance():
    xs, ys = targets_for(Rect(0, 0, 100, 50), Rect(5, 5, 90, 40), [Rect(60, 10, 10, 10)])
    result = snap_box(Rect(4.6, 30, 10, 10), xs, ys, 1.0)
    assert result.dx == pytest.approx(0.4)
    assert any(g.vertical and g.value == 5 for g in result.guides)
    # Centre lines count too; nothing within reach means no correction.
    assert snap_box(Rect(44.8, 20.2, 10, 10), xs, ys, 0.5).dx == pytest.approx(0.2)
    far = snap_box(Rect(30, 30, 3, 3), xs, ys, 0.5)
    assert (far.dx, far.dy, far.guides) == (0.0, 0.0, [])


def test_align_and_distribute_offsets():
    boxes = {"a": Rect(0, 0, 10, 10), "b": Rect(30, 5, 20, 10), "c": Rect(70, 0, 10, 30)}
    assert align_offsets(boxes, "left") == {"a": (0, 0), "b": (-30, 0), "c": (-70, 0)}
    assert align_offsets(boxes, "bottom")["a"] == (0, 20)
    assert align_offsets({"a": boxes["a"]}, "hcenter", target=Rect(0, 0, 100, 100))["a"] == (45, 0)
    offsets = distribute_offsets(boxes, "h")
    # Span 0..80 holds 40 mm of boxes: gaps of 20 mm.
    assert offsets == {"a": (0, 0), "b": (0, 0), "c": (0, 0)}
    boxes["b"] = Rect(12, 5, 20, 10)
    assert distribute_offsets(boxes, "h")["b"] == (pytest.approx(18.0), 0.0)


def test_decompose_inverts_transform_to_affine():
    t = Transform(x=12, y=-4, rotation=33, scale_x=1.5, scale_y=-0.5)
    back = decompose(t.to_affine())
    assert back.to_affine().as_tuple() == pytest.approx(t.to_affine().as_tuple())


def test_group_and_ungroup_keep_every_layer_in_place():
    design = _design()
    stack = CommandStack(design)
    before = {x.id: x.transform.to_affine() for x in design.area("label").layers}
    stack.push(GroupLayers("label", ["a", "b"], center=(40, 30), group_id="g"))
    layers = design.area("label").layers
    assert [x.id for x in layers] == ["g", "c"]
    group = layers[0]
    assert isinstance(group, GroupLayer)
    for child in group.children:
        placed = group.transform.to_affine() @ child.transform.to_affine()
        assert placed.as_tuple() == pytest.approx(before[child.id].as_tuple())
    stack.push(TransformLayers({"g": Transform(x=45, y=30)}))
    ungroup = UngroupLayer("label", "g")
    stack.push(ungroup)
    assert ungroup.child_ids == ["a", "b"]
    moved = Affine.translation(5, 0)
    for layer in design.area("label").layers[:2]:
        assert layer.transform.to_affine().as_tuple() == pytest.approx((moved @ before[layer.id]).as_tuple())
    stack.undo()
    stack.undo()
    stack.undo()
    assert [x.id for x in design.area("label").layers] == ["a", "b", "c"]
    assert design.find_layer("b").transform.to_affine().as_tuple() == pytest.approx(before["b"].as_tuple())


def test_transform_layers_merge_into_one_step():
    design = _design()
    stack = CommandStack(design)
    for x in (21, 22, 23):
        stack.push(TransformLayers({"a": Transform(x=x, y=20)}, label="Resize"))
    assert stack.index == 1
    stack.undo()
    assert design.find_layer("a").transform.x == 20
