"""The edits a user can make, one small command each.

Commands refer to layers by id (never by object), so that they stay valid across undo and redo
of other commands, and they replace lists rather than mutate them, so that model events fire.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from studio.commands.stack import Command
from studio.model.color import Color
from studio.model.design import AnyLayer, AreaDesign, Design, GroupLayer


def _owner_of(design: Design, layer_id: str) -> tuple[AreaDesign | GroupLayer, int]:
    """The area or group whose list holds ``layer_id``, and its index there."""

    def search(
        owner: AreaDesign | GroupLayer, layers: Sequence[AnyLayer]
    ) -> tuple[AreaDesign | GroupLayer, int] | None:
        for i, layer in enumerate(layers):
            if layer.id == layer_id:
                return owner, i
            if isinstance(layer, GroupLayer):
                found = search(layer, layer.children)
                if found:
                    return found
        return None

    for area in design.areas.values():
        found = search(area, area.layers)
        if found:
            return found
    raise KeyError(f"no layer with id {layer_id!r}")


def _children(owner: AreaDesign | GroupLayer) -> list[AnyLayer]:
    return list(owner.layers if isinstance(owner, AreaDesign) else owner.children)


def _set_children(owner: AreaDesign | GroupLayer, layers: list[AnyLayer]) -> None:
    if isinstance(owner, AreaDesign):
        owner.layers = layers
    else:
        owner.children = layers


def _resolve(obj: Any, dotted: str) -> tuple[Any, str]:
    *parents, name = dotted.split(".")
    for part in parents:
        obj = getattr(obj, part)
    return obj, name


class AddLayer(Command):
    """Put a new layer on an area (on top, unless ``index`` is given), or inside a group."""

    def __init__(
        self, area_id: str, layer: AnyLayer, *, index: int | None = None, parent_id: str | None = None
    ) -> None:
        self.area_id = area_id
        self.layer = layer
        self.index = index
        self.parent_id = parent_id
        self.label = f"Add {layer.kind_label()}"

    def _owner(self, design: Design) -> AreaDesign | GroupLayer:
        if self.parent_id is None:
            return design.ensure_area(self.area_id)
        parent = design.find_layer(self.parent_id)
        if not isinstance(parent, GroupLayer):
            raise ValueError(f"layer {self.parent_id!r} is not a group")
        return parent

    def do(self, design: Design) -> None:
        owner = self._owner(design)
        layers = _children(owner)
        index = len(layers) if self.index is None else max(0, min(self.index, len(layers)))
        layers.insert(index, self.layer)
        _set_children(owner, layers)

    def undo(self, design: Design) -> None:
        owner, i = _owner_of(design, self.layer.id)
        layers = _children(owner)
        del layers[i]
        _set_children(owner, layers)


class RemoveLayers(Command):
    def __init__(self, layer_ids: Sequence[str]) -> None:
        self.layer_ids = list(layer_ids)
        self.removed: list[tuple[AreaDesign | GroupLayer, int, AnyLayer]] = []
        self.label = "Delete" if len(self.layer_ids) != 1 else "Delete Layer"

    def do(self, design: Design) -> None:
        self.removed = []
        for layer_id in self.layer_ids:
            owner, i = _owner_of(design, layer_id)
            layers = _children(owner)
            self.removed.append((owner, i, layers.pop(i)))
            _set_children(owner, layers)

    def undo(self, design: Design) -> None:
        for owner, i, layer in reversed(self.removed):
            layers = _children(owner)
            layers.insert(i, layer)
            _set_children(owner, layers)


class SetLayerProperties(Command):
    """Set one or more fields of a layer (dotted names reach nested fields: ``transform.x``).

    With ``merge_key`` set, a following command with the same layer, fields and key merges into
    this one, so that a slider drag or a typing burst is a single undo step.
    """

    def __init__(self, layer_id: str, changes: dict[str, Any], *, label: str = "Change", merge_key: str | None = None):
        self.layer_id = layer_id
        self.changes = dict(changes)
        self.old: dict[str, Any] = {}
        self.label = label
        self.merge_key = merge_key

    def do(self, design: Design) -> None:
        layer = design.find_layer(self.layer_id)
        old: dict[str, Any] = {}
        try:
            for name, value in self.changes.items():
                target, attr = _resolve(layer, name)
                old[name] = copy.deepcopy(getattr(target, attr))
                setattr(target, attr, value)
        except Exception:
            # A rejected value leaves the layer as it was.
            for name, value in reversed(old.items()):
                target, attr = _resolve(layer, name)
                setattr(target, attr, value)
            raise
        self.old = old

    def undo(self, design: Design) -> None:
        layer = design.find_layer(self.layer_id)
        for name, value in reversed(self.old.items()):
            target, attr = _resolve(layer, name)
            setattr(target, attr, value)

    def merge(self, other: Command) -> bool:
        if (
            isinstance(other, SetLayerProperties)
            and self.merge_key is not None
            and other.merge_key == self.merge_key
            and other.layer_id == self.layer_id
            and other.changes.keys() == self.changes.keys()
        ):
            self.changes = other.changes
            return True
        return False


class SetText(SetLayerProperties):
    def __init__(self, layer_id: str, text: str) -> None:
        super().__init__(layer_id, {"text": text}, label="Edit Text", merge_key="typing")


class ReorderLayer(Command):
    """Move a layer to ``index`` in its list (0 is the bottom)."""

    def __init__(self, layer_id: str, index: int) -> None:
        self.layer_id = layer_id
        self.index = index
        self.old_index: int | None = None
        self.label = "Change Order"

    def _move(self, design: Design, index: int) -> int:
        owner, i = _owner_of(design, self.layer_id)
        layers = _children(owner)
        layer = layers.pop(i)
        index = max(0, min(index, len(layers)))
        layers.insert(index, layer)
        _set_children(owner, layers)
        return i

    def do(self, design: Design) -> None:
        self.old_index = self._move(design, self.index)

    def undo(self, design: Design) -> None:
        if self.old_index is not None:
            self._move(design, self.old_index)


class _SetMapping(Command):
    """Set one key of a design-level mapping (options, part colours, variables)."""

    field: str = ""

    def __init__(self, key: str, value: Any, *, label: str) -> None:
        self.key = key
        self.value = value
        self.had: bool = False
        self.old: Any = None
        self.label = label

    def do(self, design: Design) -> None:
        mapping = dict(getattr(design, self.field))
        self.had = self.key in mapping
        self.old = mapping.get(self.key)
        mapping[self.key] = self.value
        setattr(design, self.field, mapping)

    def undo(self, design: Design) -> None:
        mapping = dict(getattr(design, self.field))
        if self.had:
            mapping[self.key] = self.old
        else:
            mapping.pop(self.key, None)
        setattr(design, self.field, mapping)


class SetOption(_SetMapping):
    field = "options"

    def __init__(self, option_id: str, choice_id: str) -> None:
        super().__init__(option_id, choice_id, label="Change Option")


class RecolorPart(_SetMapping):
    field = "part_colors"

    def __init__(self, part_id: str, color: Color | str) -> None:
        super().__init__(part_id, Color.of(color), label="Recolour Part")


class SetVariable(_SetMapping):
    field = "variables"

    def __init__(self, name: str, value: str) -> None:
        super().__init__(name, value, label="Change Field")


class SetBackground(Command):
    def __init__(self, area_id: str, color: Color | str | None) -> None:
        self.area_id = area_id
        self.color = None if color is None else Color.of(color)
        self.old: Color | None = None
        self.label = "Change Background"

    def do(self, design: Design) -> None:
        area = design.ensure_area(self.area_id)
        self.old = area.background
        area.background = self.color

    def undo(self, design: Design) -> None:
        design.ensure_area(self.area_id).background = self.old


class SetLayersProperties(Command):
    """Set the same fields on several layers as one undo step.

    Parameters
    ----------
    layer_ids
        The layers to change.
    changes
        Dotted field names to new values, as for :class:`SetLayerProperties`.
    label
        Name of the step in the Edit menu and the history.
    merge_key
        Consecutive commands with the same key, layers and fields merge into one step.
    """

    def __init__(
        self, layer_ids: Sequence[str], changes: dict[str, Any], *, label: str = "Change", merge_key: str | None = None
    ) -> None:
        self.layer_ids = list(layer_ids)
        self.parts = [SetLayerProperties(i, changes, label=label) for i in self.layer_ids]
        self.changes = dict(changes)
        self.label = label
        self.merge_key = merge_key

    def do(self, design: Design) -> None:
        done: list[SetLayerProperties] = []
        try:
            for part in self.parts:
                part.do(design)
                done.append(part)
        except Exception:
            for part in reversed(done):
                part.undo(design)
            raise

    def undo(self, design: Design) -> None:
        for part in reversed(self.parts):
            part.undo(design)

    def merge(self, other: Command) -> bool:
        if (
            isinstance(other, SetLayersProperties)
            and self.merge_key is not None
            and other.merge_key == self.merge_key
            and other.layer_ids == self.layer_ids
            and other.changes.keys() == self.changes.keys()
        ):
            self.changes = other.changes
            for mine, theirs in zip(self.parts, other.parts, strict=True):
                mine.changes = theirs.changes
            return True
        return False


class TypeVariable(SetVariable):
    """A field value typed key by key: consecutive edits of the same field are one step."""

    def merge(self, other: Command) -> bool:
        if isinstance(other, TypeVariable) and other.key == self.key:
            self.value = other.value
            return True
        return False
