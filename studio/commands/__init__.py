"""Undoable edits: every change to a design is a Command run through a CommandStack."""

from studio.commands.arrange import (
    AlignLayers,
    DistributeLayers,
    GroupLayers,
    MoveEach,
    MoveLayers,
    TransformLayers,
    UngroupLayer,
)
from studio.commands.edits import (
    AddLayer,
    RecolorPart,
    RemoveLayers,
    ReorderLayer,
    SetBackground,
    SetLayerProperties,
    SetLayersProperties,
    SetOption,
    SetText,
    SetVariable,
    TypeVariable,
)
from studio.commands.stack import Command, CommandStack, CompoundCommand

__all__ = [
    "AddLayer",
    "AlignLayers",
    "Command",
    "CommandStack",
    "CompoundCommand",
    "DistributeLayers",
    "GroupLayers",
    "MoveEach",
    "MoveLayers",
    "RecolorPart",
    "RemoveLayers",
    "ReorderLayer",
    "SetBackground",
    "SetLayerProperties",
    "SetLayersProperties",
    "SetOption",
    "SetText",
    "SetVariable",
    "TransformLayers",
    "TypeVariable",
    "UngroupLayer",
]
