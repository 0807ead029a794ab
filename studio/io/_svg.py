"""SVG sanitising: what an imported drawing or a template's art may contain.

The document is parsed with defusedxml (no DOCTYPE, no entities), walked once, and written out
again from the tree, so comments, processing instructions (``<?xml-stylesheet?>``) and anything the
walk removed are gone from the stored copy. References must point inside the document (``#id``)
or be ``data:`` URIs of images, whose content is checked as an imported image would be.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
import urllib.parse
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

import defusedxml
import defusedxml.ElementTree as SafeET

from studio.io import limits
from studio.io._images import open_image
from studio.io._svg_bounds import check_drawing
from studio.model.errors import InvalidFile

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Qt's SVG renderer looks attributes up by their qualified name, so xlink keeps its usual prefix.
ET.register_namespace("xlink", XLINK_NS)

_DROPPED = frozenset(
    {
        "script",
        "foreignObject",
        "handler",
        "listener",
        # Animation means nothing in print, and <set>/<animate> can rewrite an href after the check.
        "animate",
        "animateColor",
        "animateMotion",
        "animateTransform",
        "set",
        "discard",
    }
)
_HREFS = ("href", f"{{{XLINK_NS}}}href")
_CSS_REF = re.compile(r"""(?:url|src)\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)
_RASTER_TYPES = frozenset({"image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp"})
_FONT_TYPES = frozenset(
    {"font/ttf", "font/otf", "font/woff", "font/woff2", "application/font-woff", "application/x-font-ttf"}
)
_UNITS_PX = {
    "": 1.0,
    "px": 1.0,
    "pt": 96.0 / 72.0,
    "pc": 16.0,
    "mm": 96.0 / 25.4,
    "cm": 96.0 / 2.54,
    "in": 96.0,
    "q": 96.0 / 101.6,
}
_LENGTH = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Z%]*)\s*$")


@dataclass(frozen=True)
class SvgAsset:
    """A sanitised SVG document (implements :class:`studio.render.sources.SvgSource`)."""

    data: bytes
    """The sanitised document, UTF-8 XML."""
    view_box: tuple[float, float, float, float]
    """``(x, y, width, height)`` of the user space: the viewBox, else width and height in px."""
    element_ids: frozenset[str] = frozenset()
    """Every ``id`` in the document (template parts refer to art elements by id)."""
    removed: tuple[str, ...] = ()
    """What sanitising took out, e.g. ``"<script>"``, for warnings."""
    key: str = field(init=False)
    """Content hash (sha256 hex) of :attr:`data`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", hashlib.sha256(self.data).hexdigest())


def sanitize_svg(data: bytes, source: str, *, _depth: int = 0) -> SvgAsset:
    """Check an SVG document and return a safe copy of it.

    Refused: DOCTYPE declarations and entities; references to anything but ``#fragment`` or a
    ``data:`` image (``href``, ``xlink:href``, ``url()`` in attributes and style sheets);
    ``@import``; documents beyond the size limits. Removed: ``<script>``, ``<foreignObject>``,
    animation elements, XHTML elements, ``on*`` event attributes, ``xml:base`` and links
    (``<a href>``) to outside pages. Gzip-compressed documents (``.svgz``) are accepted.

    Parameters
    ----------
    data
        The document's bytes.
    source
        How messages name the file, e.g. ``"art.svg"``.

    Returns
    -------
    SvgAsset

    Raises
    ------
    InvalidFile
        With one sentence naming ``source`` and, for a reference, the reference itself.
    """
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, source)
    if len(data) > limits.MAX_SVG_BYTES:
        raise InvalidFile(
            f"{source}: the drawing is {_mb(len(data))}, more than the {_mb(limits.MAX_SVG_BYTES)} limit."
        )
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise InvalidFile(
            f"{source}: the drawing declares a DOCTYPE or entities, which Studio refuses for safety."
        ) from None
    except ET.ParseError as err:
        raise InvalidFile(f"{source}: is not a readable SVG document ({err}).") from None
    if _local(root.tag) != "svg" or _namespace(root.tag) not in ("", SVG_NS):
        raise InvalidFile(f"{source}: is not an SVG document (its root element is <{_local(root.tag)}>).")
    cleaner = _Cleaner(source, _depth)
    cleaner.clean(root)
    view_box = _view_box(root, source)
    for element in root.iter():
        if _namespace(element.tag) == SVG_NS:
            element.tag = _local(element.tag)
    check_drawing(root, source, view_box)
    attributes = {"xmlns": SVG_NS, **root.attrib}
    root.attrib.clear()
    root.attrib.update(attributes)
    text = ET.tostring(root, encoding="unicode")
    return SvgAsset(
        data=('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8"),
        view_box=view_box,
        element_ids=frozenset(cleaner.ids),
        removed=tuple(dict.fromkeys(cleaner.removed)),
    )


class _Cleaner:
    def __init__(self, source: str, depth: int) -> None:
        self.source = source
        self.depth = depth
        self.ids: set[str] = set()
        self.removed: list[str] = []
        self.count = 0

    def clean(self, root: ET.Element) -> None:
        stack: list[tuple[ET.Element, int]] = [(root, 0)]
        while stack:
            element, level = stack.pop()
            self.count += 1
            if self.count > limits.MAX_SVG_ELEMENTS:
                raise InvalidFile(f"{self.source}: the drawing has more than {limits.MAX_SVG_ELEMENTS:,} elements.")
            if level > limits.MAX_SVG_DEPTH:
                raise InvalidFile(f"{self.source}: the drawing nests elements more than {limits.MAX_SVG_DEPTH} deep.")
            for child in list(element):
                if not isinstance(child.tag, str):
                    element.remove(child)  # comments and processing instructions, if a parser kept them
                elif self._unwanted(child):
                    self.removed.append(f"<{_local(child.tag)}>")
                    element.remove(child)
            self._attributes(element)
            if _local(element.tag) == "style":
                element.text = self._css(element.text or "", "its style sheet")
                for child in list(element):
                    element.remove(child)
            stack.extend((child, level + 1) for child in element)

    def _unwanted(self, element: ET.Element) -> bool:
        ns = _namespace(element.tag)
        return ns == XHTML_NS or (ns in ("", SVG_NS) and _local(element.tag) in _DROPPED)

    def _attributes(self, element: ET.Element) -> None:
        is_link = _local(element.tag) == "a"
        for name, value in list(element.attrib.items()):
            local = _local(name)
            if (_namespace(name) == "" and local.lower().startswith("on")) or name == f"{{{XML_NS}}}base":
                self.removed.append(f"the {local} attribute")
                del element.attrib[name]
            elif name in _HREFS:
                target = value.strip()
                if is_link and not target.startswith("#"):
                    self.removed.append("a link")
                    del element.attrib[name]
                else:
                    element.set(name, self._reference(target))
            elif name == "style":
                element.set(name, self._css(value, "a style attribute"))
            elif "(" in value:
                element.set(name, self._css(value, f"the {local} attribute"))
            if name == "id" and name in element.attrib:
                self.ids.add(value)

    def _reference(self, target: str) -> str:
        """The reference to keep (a data: SVG comes back sanitised), or InvalidFile."""
        if target == "" or target.startswith("#"):
            return target
        if target[:5].lower() == "data:":
            return self._data_uri(target)
        raise InvalidFile(
            f"{self.source}: refers to the outside file {_short(target)}; embed images as data: URIs instead."
        )

    def _css(self, text: str, where: str) -> str:
        decoded = _CSS_ESCAPE.sub(_unescape, text)
        if "@import" in decoded.lower():
            raise InvalidFile(f"{self.source}: {where} imports another style sheet (@import), which Studio refuses.")
        if "image-set(" in decoded.lower():
            raise InvalidFile(f"{self.source}: {where} uses image-set(), which Studio refuses; use a data: URI.")
        for match in _CSS_REF.finditer(decoded):
            target = next(g for g in match.groups() if g is not None).strip()
            if target == "" or target.startswith("#"):
                continue
            if target[:5].lower() != "data:":
                raise InvalidFile(
                    f"{self.source}: refers to the outside file {_short(target)}; embed images as data: URIs instead."
                )
            if _data_type(target) == "image/svg+xml":
                raise InvalidFile(f"{self.source}: {where} embeds an SVG document, which Studio refuses there.")
            self._data_uri(target)
        return decoded

    def _data_uri(self, uri: str) -> str:
        kind = _data_type(uri)
        payload = _data_payload(uri, self.source)
        if kind == "image/svg+xml":
            if self.depth + 1 > limits.MAX_SVG_NESTING:
                raise InvalidFile(
                    f"{self.source}: embeds SVG documents more than {limits.MAX_SVG_NESTING} levels deep."
                )
            inner = sanitize_svg(payload, f"{self.source} (an embedded drawing)", _depth=self.depth + 1)
            self.removed.extend(inner.removed)
            return "data:image/svg+xml;base64," + base64.b64encode(inner.data).decode("ascii")
        if kind in _RASTER_TYPES:
            open_image(payload, f"{self.source} (an embedded image)")
            return uri
        if kind in _FONT_TYPES:
            return uri  # only @font-face uses these, and no renderer of ours loads them
        raise InvalidFile(f"{self.source}: embeds a data: URI of type {kind!r}, which is not an image.")


def _data_type(uri: str) -> str:
    header = uri[5:].split(",", 1)[0]
    return header.split(";", 1)[0].strip().lower() or "text/plain"


def _data_payload(uri: str, source: str) -> bytes:
    header, sep, body = uri[5:].partition(",")
    if not sep:
        raise InvalidFile(f"{source}: has a malformed data: URI.")
    if ";base64" in header.lower():
        try:
            return base64.b64decode("".join(body.split()), validate=True)
        except (binascii.Error, ValueError):
            raise InvalidFile(f"{source}: has a data: URI whose base64 content is damaged.") from None
    return urllib.parse.unquote_to_bytes(body)


def _unescape(match: re.Match[str]) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return match.group(2)


def _view_box(root: ET.Element, source: str) -> tuple[float, float, float, float]:
    raw = root.get("viewBox")
    if raw:
        try:
            values = [float(v) for v in re.split(r"[\s,]+", raw.strip())]
        except ValueError:
            values = []
        if len(values) == 4 and all(math.isfinite(v) for v in values) and values[2] > 0 and values[3] > 0:
            low, high = limits.MIN_SVG_VIEWBOX, limits.MAX_SVG_COORDINATE
            if not (low <= values[2] <= high and low <= values[3] <= high and max(map(abs, values[:2])) <= high):
                raise InvalidFile(
                    f"{source}: the viewBox {raw.strip()[:60]!r} is degenerate: its width and height must be "
                    f"between {low:g} and {high:g}."
                )
            return (values[0], values[1], values[2], values[3])
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width is None or height is None:
        raise InvalidFile(
            f"{source}: the drawing has no usable viewBox, nor a width and height in absolute units, "
            "so its size is unknown."
        )
    return (0.0, 0.0, width, height)


def _length(value: str | None) -> float | None:
    """An SVG length in px user units, or None when absent or relative (%, em)."""
    if value is None:
        return None
    m = _LENGTH.match(value)
    if not m or m.group(2).lower() not in _UNITS_PX:
        return None
    px = float(m.group(1)) * _UNITS_PX[m.group(2).lower()]
    return px if math.isfinite(px) and limits.MIN_SVG_VIEWBOX <= px <= limits.MAX_SVG_COORDINATE else None


def _gunzip(data: bytes, source: str) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limits.MAX_SVG_BYTES + 1)
    except zlib.error:
        raise InvalidFile(f"{source}: the compressed drawing is damaged.") from None
    if len(out) > limits.MAX_SVG_BYTES:
        raise InvalidFile(f"{source}: the drawing unpacks to more than the {_mb(limits.MAX_SVG_BYTES)} limit.")
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _short(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"
