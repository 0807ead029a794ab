"""Product art for mockups: recolouring, showing one group alone, and rasterising with cairosvg.

The template's view art is a sanitised SVG (see :func:`studio.io.templates.load_art`). A mockup
needs several rasters of it: the base (parts recoloured, the light groups and masks hidden), the
``shading`` and ``highlights`` groups each alone, and each placement's mask as a silhouette. They
are made by editing a copy of the element tree and rasterising it; rasters are premultiplied
float32 RGBA arrays of shape ``(height, width, 4)``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from xml.etree import ElementTree as ET

import cairosvg
import numpy as np
from defusedxml.ElementTree import fromstring
from numpy.typing import NDArray
from PIL import Image

SVG_NS = "http://www.w3.org/2000/svg"
SHADING_ID = "shading"
HIGHLIGHTS_ID = "highlights"

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

Raster = NDArray[np.float32]

_SHAPES = {"path", "rect", "circle", "ellipse", "polygon", "polyline", "line", "text", "use", "g"}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class ArtDocument:
    """One view's SVG, parsed once; every variant is made from a fresh copy of its text.

    Parameters
    ----------
    data
        The sanitised SVG document.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        root = fromstring(data)
        self.ids: frozenset[str] = frozenset(el.get("id", "") for el in root.iter()) - {""}

    def _tree(self) -> tuple[ET.Element, dict[str, ET.Element], dict[ET.Element, ET.Element]]:
        root = fromstring(self._data)
        by_id = {el.get("id", ""): el for el in root.iter() if el.get("id")}
        parents = {child: parent for parent in root.iter() for child in parent}
        return root, by_id, parents

    def base(self, colours: Mapping[str, str], hidden: Iterable[str]) -> bytes:
        """The art with ``colours`` (element id to ``#RRGGBB``) applied and ``hidden`` ids not drawn."""
        root, by_id, _ = self._tree()
        for element_id, colour in colours.items():
            el = by_id.get(element_id)
            if el is not None:
                _recolour(el, colour)
        for element_id in hidden:
            el = by_id.get(element_id)
            if el is not None:
                _set_style(el, "display", "none")
        return ET.tostring(root)

    def alone(self, element_id: str, *, silhouette: bool = False) -> bytes | None:
        """The art showing only ``element_id`` (with its ancestors' transforms and clips).

        With ``silhouette`` the element is filled opaque black and not stroked, whatever its own
        paint: a mask's fill is ignored. None when the art has no such element.
        """
        root, by_id, parents = self._tree()
        target = by_id.get(element_id)
        if target is None:
            return None
        chain = [target]
        while chain[-1] in parents:
            chain.append(parents[chain[-1]])
        on_chain = set(chain)
        for ancestor in chain[1:]:
            for child in ancestor:
                if child not in on_chain and _local(child.tag) not in {"defs", "style"}:
                    _set_style(child, "display", "none")
        for el in chain:
            _set_style(el, "display", "inline")
            _set_style(el, "visibility", "visible")
        for ancestor in chain[1:]:
            # A silhouette must not be faded by a parent group's opacity.
            if silhouette:
                _set_style(ancestor, "opacity", "1")
        if silhouette:
            for el in target.iter():
                if _local(el.tag) in _SHAPES:
                    _set_style(el, "fill", "#000000")
                    _set_style(el, "fill-opacity", "1")
                    _set_style(el, "stroke", "none")
                    _set_style(el, "opacity", "1")
                    if el.get("display") == "none":
                        _set_style(el, "display", "inline")
        return ET.tostring(root)


def _recolour(el: ET.Element, colour: str) -> None:
    """Give ``el`` (and the painted shapes inside a group) the flat colour ``colour``."""
    _set_style(el, "fill", colour)
    for child in el.iter():
        if child is el:
            continue
        fill = child.get("fill")
        if fill is not None and fill != "none" and not fill.startswith("url("):
            _set_style(child, "fill", colour)


_STYLE_DECL = re.compile(r"\s*([-\w]+)\s*:\s*([^;]*)")


def _set_style(el: ET.Element, prop: str, value: str) -> None:
    """Set a presentation attribute, removing the same property from ``style`` (which would win)."""
    style = el.get("style")
    if style:
        kept = [m.group(0).strip() for m in _STYLE_DECL.finditer(style) if m.group(1).strip() != prop]
        if kept:
            el.set("style", ";".join(kept))
        else:
            del el.attrib["style"]
    el.set(prop, value)


def rasterise(svg: bytes, width: int, height: int) -> Raster:
    """Rasterise an SVG document to a premultiplied float32 RGBA array ``(height, width, 4)``."""
    png = cairosvg.svg2png(bytestring=svg, output_width=width, output_height=height, unsafe=False)
    with Image.open(io.BytesIO(png)) as im:
        rgba = im.convert("RGBA")
        if rgba.size != (width, height):
            rgba = rgba.resize((width, height), Image.Resampling.BILINEAR)
        arr = np.asarray(rgba, dtype=np.float32) / np.float32(255.0)
    arr[..., :3] *= arr[..., 3:4]
    return arr
