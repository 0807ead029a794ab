"""The SVG backend: writes a display list as an SVG 1.1 document in millimetres.

The output is meant to open the same in browsers, Inkscape, librsvg and cairosvg, and in the
cutting software of vinyl-cutter users, so it sticks to what all of them read:

- paths with ``fill-rule``, hex colours and ``opacity`` attributes; strokes in millimetres;
- groups as ``<g opacity clip-path>``; clip paths in one ``<defs>`` with ``clipPathUnits`` in
  user space and the clip's own ``clip-rule``;
- images as ``data:`` URIs (JPEG bytes unchanged when the source allows it, otherwise PNG);
- placed vector art inlined as plain groups under the placement's transform, clipped to its
  viewBox, with every id renamed ``artN-…`` (references updated) and its CSS turned into
  ``style`` attributes, so two placements — of the same file or of two files exported by the same
  tool — never collide with each other or with our own ids (see docs/decisions/raster-and-svg.md);
- the cut line as a magenta hairline in a layer named ``CutContour``.

Ids come from counters, so the same display list always gives the same text.
"""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import cssselect2
import defusedxml.ElementTree as SafeET
import tinycss2

from studio.model.geometry import Affine, Path
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, StrokePath
from studio.render.failures import drawing

if TYPE_CHECKING:
    from studio.render.sources import ImageSource, SvgSource

__all__ = ["CUT_CONTOUR", "CUT_LINE_COLOR", "CUT_LINE_WIDTH", "svg_document"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
INKSCAPE_NS = "http://www.inkscape.org/namespaces/inkscape"

CUT_CONTOUR = "CutContour"
CUT_LINE_COLOR = "#FF00FF"
# A 0.25 pt hairline, what cutter RIPs expect of a contour stroke.
CUT_LINE_WIDTH = 0.25 * 25.4 / 72.0

# Attributes of an art's root <svg> that only place it (we place it ourselves) or declare names.
_ROOT_PLACEMENT = {
    "x",
    "y",
    "width",
    "height",
    "viewBox",
    "preserveAspectRatio",
    "version",
    "baseProfile",
    "zoomAndPan",
}
_DROPPED_ELEMENTS = {"script", "metadata", "style", "foreignObject"}
_URL_REF = re.compile(r"""url\(\s*(['"]?)#([^)'"\s]+)\1\s*\)""")


def svg_document(dl: DisplayList, *, mirror: bool = False, cut_line: bool = False, title: str | None = None) -> str:
    """Write a display list as an SVG document.

    Parameters
    ----------
    dl
        What to draw.
    mirror
        Flip everything (the cut line too) left to right about the page's centre.
    cut_line
        Add the die line as a ``CutContour`` stroke, above the artwork.
    title
        Text of the document's ``<title>``.

    Returns
    -------
    str
        The document, UTF-8 XML with declaration: ``width``/``height`` in millimetres and a
        ``viewBox`` in millimetres covering ``dl.page``, so one user unit is one millimetre.
    """
    return _SvgWriter(dl).write(mirror=mirror, cut_line=cut_line, title=title)


# -- formatting --------------------------------------------------------------------------------


def _num(value: float) -> str:
    """A short, stable decimal for a coordinate or a factor."""
    text = f"{round(value, 6):.10g}"
    return "0" if text == "-0" else text


def _matrix(m: Affine) -> str:
    return "matrix(" + " ".join(_num(v) for v in m.as_tuple()) + ")"


def _local(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return None, tag


# -- the writer --------------------------------------------------------------------------------


class _SvgWriter:
    def __init__(self, dl: DisplayList) -> None:
        self.dl = dl
        self.defs = ET.Element("defs")
        self.clip_count = 0
        self.art_count = 0
        self.image_count = 0
        # Subtrees written as the art has them: re-indenting could change text spacing.
        self.verbatim: set[int] = set()

    def write(self, *, mirror: bool, cut_line: bool, title: str | None) -> str:
        page = self.dl.page
        root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NS,
                "xmlns:xlink": XLINK_NS,
                "xmlns:inkscape": INKSCAPE_NS,
                "version": "1.1",
                "width": f"{_num(page.width)}mm",
                "height": f"{_num(page.height)}mm",
                "viewBox": " ".join(_num(v) for v in (page.x, page.y, page.width, page.height)),
            },
        )
        if title:
            ET.SubElement(root, "title").text = title
        root.append(self.defs)
        content = ET.SubElement(
            root, "g", {"id": "artwork", "inkscape:groupmode": "layer", "inkscape:label": "Artwork"}
        )
        if mirror:
            content.set("transform", _matrix(Affine(-1.0, 0.0, 0.0, 1.0, 2.0 * page.x + page.width, 0.0)))
        for item in self.dl.items:
            self.item(content, item)
        if cut_line:
            die = (
                self.dl.die_line
                if self.dl.die_line is not None
                else Path.rectangle(self.dl.trim.x, self.dl.trim.y, self.dl.trim.width, self.dl.trim.height)
            )
            layer = ET.SubElement(
                root, "g", {"id": CUT_CONTOUR, "inkscape:groupmode": "layer", "inkscape:label": CUT_CONTOUR}
            )
            if mirror:
                layer.set("transform", content.get("transform", ""))
            ET.SubElement(
                layer,
                "path",
                {
                    "id": f"{CUT_CONTOUR}-path",
                    "d": die.to_svg(),
                    "fill": "none",
                    "stroke": CUT_LINE_COLOR,
                    "stroke-width": _num(CUT_LINE_WIDTH),
                    "stroke-linejoin": "round",
                },
            )
        if len(self.defs) == 0:
            root.remove(self.defs)
        self._indent(root, 0)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def _indent(self, element: ET.Element, level: int) -> None:
        if id(element) in self.verbatim or len(element) == 0:
            return
        inner = "\n" + "  " * (level + 1)
        if not (element.text and element.text.strip()):
            element.text = inner
        for child in element:
            self._indent(child, level + 1)
            if not (child.tail and child.tail.strip()):
                child.tail = inner
        element[-1].tail = "\n" + "  " * level

    # -- items ---------------------------------------------------------------------------------
    def item(self, parent: ET.Element, item: Item) -> None:
        if isinstance(item, FillPath):
            if item.opacity > 0.0 and not item.path.is_empty():
                attrs = {"d": item.path.to_svg(), "fill": item.color.hex}
                if item.path.fill_rule == "evenodd":
                    attrs["fill-rule"] = "evenodd"
                self._opacity(attrs, item.opacity)
                ET.SubElement(parent, "path", attrs)
        elif isinstance(item, StrokePath):
            if item.opacity > 0.0 and item.width > 0.0 and not item.path.is_empty():
                attrs = {
                    "d": item.path.to_svg(),
                    "fill": "none",
                    "stroke": item.color.hex,
                    "stroke-width": _num(item.width),
                    "stroke-linejoin": item.join,
                    "stroke-linecap": item.cap,
                }
                self._opacity(attrs, item.opacity)
                ET.SubElement(parent, "path", attrs)
        elif isinstance(item, Group):
            if item.opacity > 0.0 and item.items:
                g = self._wrapper(parent, item.clip, item.opacity)
                for child in item.items:
                    self.item(g, child)
        elif isinstance(item, DrawImage):
            if item.opacity > 0.0:
                self._image(parent, item)
        elif item.opacity > 0.0:
            self._art(parent, item)

    @staticmethod
    def _opacity(attrs: dict[str, str], opacity: float) -> None:
        if opacity < 1.0:
            attrs["opacity"] = _num(opacity)

    def _wrapper(self, parent: ET.Element, clip: Path | None, opacity: float) -> ET.Element:
        """A group carrying a clip and an opacity, or ``parent`` itself when neither is needed."""
        attrs: dict[str, str] = {}
        if clip is not None:
            attrs["clip-path"] = f"url(#{self._clip_path(clip)})"
        self._opacity(attrs, opacity)
        return ET.SubElement(parent, "g", attrs) if attrs else parent

    def _clip_path(self, clip: Path) -> str:
        self.clip_count += 1
        ident = f"clip{self.clip_count}"
        node = ET.SubElement(self.defs, "clipPath", {"id": ident, "clipPathUnits": "userSpaceOnUse"})
        attrs = {"d": clip.to_svg()}
        if clip.fill_rule == "evenodd":
            attrs["clip-rule"] = "evenodd"
        ET.SubElement(node, "path", attrs)
        return ident

    def _image(self, parent: ET.Element, item: DrawImage) -> None:
        w, h = item.source.size
        if w <= 0 or h <= 0:
            return
        self.image_count += 1
        target = self._wrapper(parent, item.clip, item.opacity)
        ET.SubElement(
            target,
            "image",
            {
                "id": f"image{self.image_count}",
                "width": str(w),
                "height": str(h),
                "preserveAspectRatio": "none",
                "transform": _matrix(item.transform),
                "xlink:href": image_data_uri(item.source),
            },
        )

    def _art(self, parent: ET.Element, item: DrawSvg) -> None:
        self.art_count += 1
        prefix = f"art{self.art_count}-"
        with drawing(item.layer):
            art = _parse_art(item.source)
        vx, vy, vw, vh = item.source.view_box
        outer = self._wrapper(parent, item.clip, item.opacity)
        placed = ET.SubElement(outer, "g", {"transform": _matrix(item.transform)})
        # The file alone shows only its viewBox; so does every placement of it.
        view_clip = f"view{self.art_count}"
        clip = ET.SubElement(placed, "clipPath", {"id": view_clip, "clipPathUnits": "userSpaceOnUse"})
        ET.SubElement(clip, "rect", {"x": _num(vx), "y": _num(vy), "width": _num(vw), "height": _num(vh)})
        body = _import_art(art, prefix)
        body.set("clip-path", f"url(#{view_clip})")
        placed.append(body)
        self.verbatim.add(id(body))


def image_data_uri(source: ImageSource) -> str:
    """A ``data:`` URI of an image: the original JPEG when it can pass through, else a PNG."""
    if source.passthrough and source.format == "JPEG" and _jpeg_is_rgb(source.data):
        return "data:image/jpeg;base64," + base64.b64encode(source.data).decode("ascii")
    pil = source.image()
    if pil.mode not in ("RGB", "RGBA", "L", "LA"):
        has_alpha = "A" in pil.mode or "transparency" in pil.info
        pil = pil.convert("RGBA" if has_alpha else "RGB")
    buf = io.BytesIO()
    pil.save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _jpeg_is_rgb(data: bytes) -> bool:
    """Whether a JPEG holds RGB or grey pixels (CMYK JPEGs show wrongly in browsers)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            return im.mode in ("RGB", "L")
    except OSError:
        return False


# -- placed vector art -------------------------------------------------------------------------


def _parse_art(source: SvgSource) -> ET.Element:
    root: ET.Element = SafeET.fromstring(source.data)
    return root


def _import_art(root: ET.Element, prefix: str) -> ET.Element:
    """The art's content as a ``<g>`` in our document: styles inlined, names made unique."""
    _inline_stylesheets(root)
    body = ET.Element("g")
    for name, value in root.attrib.items():
        ns, local = _local(name)
        if ns is None and local not in _ROOT_PLACEMENT:
            body.set(local, value)
    for child in root:
        converted = _convert(child)
        if converted is not None:
            body.append(converted)
    _rename_ids(body, prefix)
    return body


def _convert(element: ET.Element) -> ET.Element | None:
    """A copy of ``element`` with plain SVG tag names; foreign and unsafe content left out."""
    if not isinstance(element.tag, str):
        return None  # comments and processing instructions
    ns, local = _local(element.tag)
    if ns not in (None, SVG_NS) or local in _DROPPED_ELEMENTS:
        return None
    attrs: dict[str, str] = {}
    for name, value in element.attrib.items():
        ans, alocal = _local(name)
        if ans is None:
            if not alocal.lower().startswith("on"):
                attrs[alocal] = value
        elif ans == XLINK_NS:
            attrs["xlink:" + alocal] = value
        elif ans == XML_NS:
            attrs["xml:" + alocal] = value
    out = ET.Element(local, attrs)
    out.text = element.text
    for child in element:
        converted = _convert(child)
        if converted is not None:
            converted.tail = child.tail
            out.append(converted)
    return out


def _rename_ids(body: ET.Element, prefix: str) -> None:
    """Prefix every id and every local reference (``url(#…)``, ``href="#…"``) with ``prefix``."""
    for element in body.iter():
        for name, value in list(element.attrib.items()):
            if name == "id":
                element.set(name, prefix + value)
            elif name in ("href", "xlink:href"):
                if value.startswith("#"):
                    element.set(name, "#" + prefix + value[1:])
            elif "url(" in value:
                element.set(name, _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(2)})", value))


def _inline_stylesheets(root: ET.Element) -> None:
    """Move the rules of ``<style>`` sheets into ``style`` attributes, as cairosvg applies them.

    Selectors would otherwise reach across placements (Illustrator names every file's classes
    ``st0``, ``st1``…) and into our own elements.
    """
    sheets = [el.text for el in root.iter(f"{{{SVG_NS}}}style") if el.text and el.get("type", "text/css") == "text/css"]
    if not sheets:
        return
    normal = cssselect2.Matcher()
    important = cssselect2.Matcher()
    for sheet in sheets:
        for rule in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue  # @media, @font-face, @import: not applied by cairosvg either
            plain, strong = _declarations(rule.content)
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue
            for selector in selectors:
                if selector.pseudo_element is not None or selector.never_matches:
                    continue
                if plain:
                    normal.add_selector(selector, plain)
                if strong:
                    important.add_selector(selector, strong)
    wrapper = cssselect2.ElementWrapper.from_xml_root(root)
    for node in wrapper.iter_subtree():
        element = node.etree_element
        declared: dict[str, str] = {}
        for matcher in (normal,):
            for decls in _matched(matcher, node):
                declared.update(decls)
        own, own_important = _declarations(tinycss2.parse_blocks_contents(element.get("style", "")))
        declared.update(own)
        for decls in _matched(important, node):
            declared.update(decls)
        declared.update(own_important)
        if declared:
            element.set("style", ";".join(f"{k}:{v}" for k, v in declared.items()))


def _matched(matcher: Any, node: Any) -> Iterator[list[tuple[str, str]]]:
    """Declarations of the rules matching ``node``, lowest specificity first, then by order."""
    matches = matcher.match(node)
    for _specificity, _order, _pseudo, payload in sorted(matches, key=lambda m: (m[0], m[1])):
        yield payload


def _declarations(tokens: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    plain: list[tuple[str, str]] = []
    strong: list[tuple[str, str]] = []
    for decl in tinycss2.parse_declaration_list(tokens, skip_comments=True, skip_whitespace=True):
        if decl.type == "declaration" and not decl.name.startswith("-"):
            value = tinycss2.serialize(decl.value).strip()
            (strong if decl.important else plain).append((decl.lower_name, value))
    return plain, strong
