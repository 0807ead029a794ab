"""The data model: geometry, colours, templates and designs. No Qt, no reportlab."""

from studio.model.color import Color
from studio.model.design import (
    SCHEMA_VERSION,
    AnyLayer,
    Arc,
    AreaDesign,
    CodeLayer,
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
    "CodeLayer",
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
