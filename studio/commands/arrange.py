"""Arranging layers: transform, move each, align, distribute, group and ungroup.

Each is a small :class:`~studio.commands.Command` that keeps only its inputs and what it needs to
undo itself, and refers to layers by id. Geometry the canvas measures (laid-out bounds) is turned
into plain numbers before a command is built, so the commands know nothing of layout or Qt.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from studio.commands.stack import Command
from studio.model.design import AnyLayer, AreaDesign, Design, GroupLayer, Transform
from studio.model.geometry import Affine, Rect

__all__ = [
    "AlignLayers",
    "DistributeLayers",
    "GroupLayers",
    "MoveEach",
    "MoveLayers",
    "TransformLayers",
    "UngroupLayer",
    "align_offsets",
    "decompose",
    "distribute_offsets",
]


def decompose(m: Affine) -> Transform:
    """The :class:`Transform` (translate, rotate, scale) closest to an affine matrix.

    Exact when ``m`` has no shear, which is the case for every product of layer transforms
    unless a group is scaled unevenly around a rotated child.
    """
    a, b, c, d, e, f = m.as_tuple()
    sx = math.hypot(a, b)
    rotation = math.degrees(math.atan2(b, a))
    det = a * d - b * c
    sy = det / sx if sx else math.hypot(c, d)
    return Transform(x=e, y=f, rotation=round(rotation, 9), scale_x=sx, scale_y=sy)


class TransformLayers(Command):
    """Give layers new transforms (a scale or rotate gesture on one or several layers).

    Consecutive commands for the same layers with the same label merge, so that a drag of a
    handle is one undo step.
    """

    def __init__(
        self,
        transforms: Mapping[str, Transform],
        *,
        label: str = "Transform",
        fields: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.transforms = {k: v.model_copy() for k, v in transforms.items()}
        # Other fields that change with the gesture: resizing text sets its size, not a scale.
        self.fields = {k: dict(v) for k, v in (fields or {}).items()}
        self.old: dict[str, Transform] = {}
        self.old_fields: dict[str, dict[str, Any]] = {}
        self.label = label

    def do(self, design: Design) -> None:
        for layer_id, transform in self.transforms.items():
            layer = design.find_layer(layer_id)
            self.old.setdefault(layer_id, layer.transform.model_copy())
            layer.transform = transform.model_copy()
        for layer_id, values in self.fields.items():
            layer = design.find_layer(layer_id)
            old = self.old_fields.setdefault(layer_id, {})
            for name, value in values.items():
                old.setdefault(name, getattr(layer, name))
                setattr(layer, name, value)

    def undo(self, design: Design) -> None:
        for layer_id, transform in self.old.items():
            design.find_layer(layer_id).transform = transform.model_copy()
        for layer_id, values in self.old_fields.items():
            layer = design.find_layer(layer_id)
            for name, value in values.items():
                setattr(layer, name, value)

    def merge(self, other: Command) -> bool:
        if (
            isinstance(other, TransformLayers)
            and other.label == self.label
            and other.transforms.keys() == self.transforms.keys()
            and other.fields.keys() == self.fields.keys()
        ):
            self.transforms = other.transforms
            self.fields = other.fields
            return True
        return False


class MoveEach(Command):
    """Move each layer by its own offset (mm)."""

    def __init__(self, offsets: Mapping[str, tuple[float, float]], *, label: str = "Move") -> None:
        self.offsets = {k: (float(dx), float(dy)) for k, (dx, dy) in offsets.items() if dx or dy}
        self.label = label

    def _apply(self, design: Design, sign: float) -> None:
        for layer_id, (dx, dy) in self.offsets.items():
            layer = design.find_layer(layer_id)
            layer.transform = layer.transform.moved(sign * dx, sign * dy)

    def do(self, design: Design) -> None:
        self._apply(design, 1.0)

    def undo(self, design: Design) -> None:
        self._apply(design, -1.0)


class MoveLayers(MoveEach):
    """Move layers by ``(dx, dy)`` mm; consecutive moves of the same layers merge (one drag)."""

    def __init__(self, layer_ids: Sequence[str], dx: float, dy: float) -> None:
        self.layer_ids = list(layer_ids)
        self.dx = dx
        self.dy = dy
        super().__init__({layer_id: (dx, dy) for layer_id in self.layer_ids})

    def merge(self, other: Command) -> bool:
        if isinstance(other, MoveLayers) and other.layer_ids == self.layer_ids:
            self.dx += other.dx
            self.dy += other.dy
            self.offsets = {layer_id: (self.dx, self.dy) for layer_id in self.layer_ids}
            return True
        return False


class AlignLayers(MoveEach):
    """Line layers up (see :func:`align_offsets`)."""

    _LABELS: ClassVar[dict[str, str]] = {
        "left": "Align Left",
        "hcenter": "Align Centres",
        "right": "Align Right",
        "top": "Align Top",
        "vcenter": "Align Middles",
        "bottom": "Align Bottom",
    }

    def __init__(self, bounds: Mapping[str, Rect], edge: str, *, target: Rect | None = None) -> None:
        super().__init__(align_offsets(bounds, edge, target=target), label=self._LABELS[edge])


class DistributeLayers(MoveEach):
    """Space layers evenly (see :func:`distribute_offsets`)."""

    def __init__(self, bounds: Mapping[str, Rect], axis: str) -> None:
        label = "Distribute Horizontally" if axis == "h" else "Distribute Vertically"
        super().__init__(distribute_offsets(bounds, axis), label=label)


def align_offsets(
    bounds: Mapping[str, Rect], edge: str, *, target: Rect | None = None
) -> dict[str, tuple[float, float]]:
    """Offsets that put every box's ``edge`` where the reference box has it.

    Parameters
    ----------
    bounds
        Each layer's box in area millimetres.
    edge
        ``left``, ``hcenter``, ``right``, ``top``, ``vcenter`` or ``bottom``.
    target
        The reference box; None takes the union of ``bounds`` (aligning layers to each other).

    Returns
    -------
    dict
        Layer id to ``(dx, dy)``.
    """
    if not bounds:
        return {}
    ref = target
    if ref is None:
        boxes = list(bounds.values())
        ref = boxes[0]
        for box in boxes[1:]:
            ref = ref.union(box)
    out: dict[str, tuple[float, float]] = {}
    for layer_id, box in bounds.items():
        dx = dy = 0.0
        if edge == "left":
            dx = ref.left - box.left
        elif edge == "right":
            dx = ref.right - box.right
        elif edge == "hcenter":
            dx = ref.center[0] - box.center[0]
        elif edge == "top":
            dy = ref.top - box.top
        elif edge == "bottom":
            dy = ref.bottom - box.bottom
        elif edge == "vcenter":
            dy = ref.center[1] - box.center[1]
        else:
            raise ValueError(f"unknown edge {edge!r}")
        out[layer_id] = (dx, dy)
    return out


def distribute_offsets(bounds: Mapping[str, Rect], axis: str) -> dict[str, tuple[float, float]]:
    """Offsets that leave equal gaps between boxes along ``axis`` (``h`` or ``v``).

    The first and last boxes (by position) stay where they are, as in Figma and Inkscape.
    """
    horizontal = axis == "h"
    order = sorted(bounds, key=lambda k: bounds[k].center[0 if horizontal else 1])
    if len(order) < 3:
        return {k: (0.0, 0.0) for k in order}

    def start(r: Rect) -> float:
        return r.left if horizontal else r.top

    def size(r: Rect) -> float:
        return r.width if horizontal else r.height

    first, last = bounds[order[0]], bounds[order[-1]]
    span = start(last) + size(last) - start(first)
    gap = (span - sum(size(bounds[k]) for k in order)) / (len(order) - 1)
    out: dict[str, tuple[float, float]] = {}
    pos = start(first)
    for k in order:
        delta = pos - start(bounds[k])
        out[k] = (delta, 0.0) if horizontal else (0.0, delta)
        pos += size(bounds[k]) + gap
    return out


def _owner_list(design: Design, area_id: str) -> AreaDesign:
    return design.ensure_area(area_id)


class GroupLayers(Command):
    """Put top-level layers of an area into a new group, placed where the topmost of them was.

    The group's origin is the centre of ``center`` (the layers' laid-out bounds), so that it
    rotates and scales about its middle; the children keep their place on the page.
    """

    def __init__(self, area_id: str, layer_ids: Sequence[str], *, center: tuple[float, float], group_id: str) -> None:
        self.area_id = area_id
        self.layer_ids = list(layer_ids)
        self.center = center
        self.group_id = group_id
        self.before: list[AnyLayer] = []
        self.label = "Group"

    def do(self, design: Design) -> None:
        area = _owner_list(design, self.area_id)
        layers: list[AnyLayer] = list(area.layers)
        self.before = list(layers)
        wanted = set(self.layer_ids)
        members = [layer for layer in layers if layer.id in wanted]
        if len(members) != len(wanted):
            raise KeyError("every layer to group must be at the top level of the area")
        cx, cy = self.center
        children = []
        for layer in members:
            child = layer.model_copy(deep=True)
            child.transform = layer.transform.moved(-cx, -cy)
            children.append(child)
        group = GroupLayer(id=self.group_id, name="Group", children=children, transform=Transform(x=cx, y=cy))
        top = max(i for i, layer in enumerate(layers) if layer.id in wanted)
        out: list[AnyLayer] = []
        for i, layer in enumerate(layers):
            if i == top:
                out.append(group)
            elif layer.id not in wanted:
                out.append(layer)
        area.layers = out

    def undo(self, design: Design) -> None:
        _owner_list(design, self.area_id).layers = list(self.before)


class UngroupLayer(Command):
    """Replace a top-level group by its children, each keeping its place on the page."""

    def __init__(self, area_id: str, group_id: str) -> None:
        self.area_id = area_id
        self.group_id = group_id
        self.before: list[AnyLayer] = []
        self.child_ids: list[str] = []
        self.label = "Ungroup"

    def do(self, design: Design) -> None:
        area = _owner_list(design, self.area_id)
        layers: list[AnyLayer] = list(area.layers)
        self.before = list(layers)
        out: list[AnyLayer] = []
        found = False
        for layer in layers:
            if layer.id != self.group_id:
                out.append(layer)
                continue
            if not isinstance(layer, GroupLayer):
                raise ValueError(f"layer {self.group_id!r} is not a group")
            found = True
            self.child_ids = [child.id for child in layer.children]
            g = layer.transform.to_affine()
            for child in layer.children:
                copy = child.model_copy(deep=True)
                copy.transform = decompose(g @ child.transform.to_affine())
                if layer.opacity < 1.0:
                    copy.opacity = copy.opacity * layer.opacity
                # What the group hid or locked stays hidden or locked once it is gone.
                copy.visible = child.visible and layer.visible
                copy.locked = child.locked or layer.locked
                out.append(copy)
        if not found:
            raise KeyError(self.group_id)
        area.layers = out

    def undo(self, design: Design) -> None:
        _owner_list(design, self.area_id).layers = list(self.before)
