"""Undoable edits: every change to a design is a Command run through a CommandStack."""

from studio.commands.edits import (
    AddLayer,
    MoveLayers,
    RecolorPart,
    RemoveLayers,
    ReorderLayer,
    SetBackground,
    SetLayerProperties,
    SetLayersProperties,
    SetOption,
    SetText,
    SetTransform,
    SetVariable,
    TypeVariable,
)
from studio.commands.stack import Command, CommandStack, CompoundCommand

__all__ = [
    "AddLayer",
    "Command",
    "CommandStack",
    "CompoundCommand",
    "MoveLayers",
    "RecolorPart",
    "RemoveLayers",
    "ReorderLayer",
    "SetBackground",
    "SetLayerProperties",
    "SetLayersProperties",
    "SetOption",
    "SetText",
    "SetTransform",
    "SetVariable",
    "TypeVariable",
]
