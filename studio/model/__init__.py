"""The data model: geometry, colours, templates and designs. No Qt, no reportlab."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studio.model.color import Color
    from studio.model.design import (
        SCHEMA_VERSION,
        AnyLayer,
        Arc,
        AreaDesign,
        Crop,
        Design,
        FontRef,
        GroupLayer,
        ImageLayer,
        Layer,
        ShapeLayer,
        Stroke,
        TextLayer,
        Transform,
        VectorLayer,
    )
    from studio.model.geometry import Affine, Path, Rect
    from studio.model.template import PrintArea, Template

__all__ = [
    "SCHEMA_VERSION",
    "Affine",
    "AnyLayer",
    "Arc",
    "AreaDesign",
    "Color",
    "Crop",
    "Design",
    "FontRef",
    "GroupLayer",
    "ImageLayer",
    "Layer",
    "Path",
    "PrintArea",
    "Rect",
    "ShapeLayer",
    "Stroke",
    "Template",
    "TextLayer",
    "Transform",
    "VectorLayer",
]

# Importing a submodule (``studio.model.errors`` for the command line's error type) runs this
# file first; the names below are imported when first used, so that it does not cost the
# pydantic models of the whole package.
_HOMES = {
    "SCHEMA_VERSION": "design",
    "AnyLayer": "design",
    "Arc": "design",
    "AreaDesign": "design",
    "Crop": "design",
    "Design": "design",
    "FontRef": "design",
    "GroupLayer": "design",
    "ImageLayer": "design",
    "Layer": "design",
    "ShapeLayer": "design",
    "Stroke": "design",
    "TextLayer": "design",
    "Transform": "design",
    "VectorLayer": "design",
    "Color": "color",
    "Affine": "geometry",
    "Path": "geometry",
    "Rect": "geometry",
    "PrintArea": "template",
    "Template": "template",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'studio.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"studio.model.{home}"), name)
    globals()[name] = value
    return value
