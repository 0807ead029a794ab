"""How much work an SVG drawing asks of a renderer, measured before any renderer sees it.

:func:`check_drawing` runs on the sanitised tree and refuses, in one sentence naming the file,
what would stop or swamp a renderer (cairosvg, resvg, librsvg or a browser alike):

- reference cycles: a ``<use>`` of its own ancestor, a pattern, marker, mask or clip path that
  paints with itself, gradients or filters whose ``href`` chain loops;
- fan-out: more elements instantiated through ``<use>``, patterns, markers, masks and clip paths
  than :data:`~studio.io.limits.MAX_SVG_INSTANCES`;
- numbers that are not finite or beyond :data:`~studio.io.limits.MAX_SVG_COORDINATE`, transforms
  that scale (alone or nested) beyond :data:`~studio.io.limits.MAX_SVG_SCALE`, degenerate viewBoxes,
  pattern tiles too large to draw;
- more path segments than a renderer draws in seconds, and dash patterns that would cut the
  strokes into more dashes than :data:`~studio.io.limits.MAX_SVG_DASHES`.

Values come from attributes, ``style`` attributes and ``<style>`` sheets alike, since renderers
read geometry and paint from all three. Every walk is iterative: a file cannot exhaust the stack.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

import cssselect2
import tinycss2

from studio.io import limits
from studio.model.errors import InvalidFile

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_NON_FINITE = re.compile(r"(?<![A-Za-z])(?:nan|inf(?:inity)?)(?![A-Za-z])", re.IGNORECASE)
_BIG = re.compile(r"\d{9,}|[eE]\+?\d")  # numbers that may exceed MAX_SVG_COORDINATE
_URL_ID = re.compile(r"""url\(\s*["']?#([^"')\s]+)["']?\s*\)""", re.IGNORECASE)
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)", re.IGNORECASE)
_PATH_TOKEN = re.compile(r"([MmZzLlHhVvCcSsQqTtAa])|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")
_LENGTH_UNIT = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Z%]*)\s*$")

# Attributes (and CSS properties) that hold numbers a renderer computes with.
_NUMERIC = frozenset(
    {
        "x",
        "y",
        "width",
        "height",
        "rx",
        "ry",
        "cx",
        "cy",
        "r",
        "fx",
        "fy",
        "fr",
        "x1",
        "y1",
        "x2",
        "y2",
        "dx",
        "dy",
        "refx",
        "refy",
        "markerwidth",
        "markerheight",
        "stroke-width",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-miterlimit",
        "font-size",
        "letter-spacing",
        "word-spacing",
        "stddeviation",
        "offset",
        "opacity",
        "fill-opacity",
        "stroke-opacity",
        "stop-opacity",
        "pathlength",
        "startoffset",
        "textlength",
        "viewbox",
        "transform",
        "gradienttransform",
        "patterntransform",
        "rotate",
        "radius",
        "scale",
        "basefrequency",
        "numoctaves",
        "k1",
        "k2",
        "k3",
        "k4",
    }
)
# Paint properties children inherit: a shape inside a pattern painted "url(#that pattern)" by an
# ancestor of the pattern draws the pattern inside itself.
_INHERITED_REFS = ("fill", "stroke", "marker", "marker-start", "marker-mid", "marker-end")
_OWN_REFS = ("clip-path", "mask", "filter")
_MARKERS = ("marker", "marker-start", "marker-mid", "marker-end")
_SHAPES = frozenset({"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath"})
_VIEWPORTS = frozenset({"svg", "symbol", "marker", "pattern", "view"})
_HREF_NAMES = ("href", "{http://www.w3.org/1999/xlink}href")
_UNITS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, "q": 96 / 101.6}
_CAP = 1 << 62  # counts saturate here, so that sums over a hostile graph stay small integers


@dataclass
class _Node:
    element: ET.Element
    tag: str
    props: dict[str, list[str]]
    children: list[int] = field(default_factory=list)
    refs: list[tuple[int, int]] = field(default_factory=list)
    """(node, how many times it is drawn per drawing of this node)."""
    segments: int = 0
    length: float = 0.0
    """Upper bound of the length of the element's own outline (user units)."""
    dashes: int = 0
    dash_ratio: float = 0.0
    """For a ``<use>`` with a dash array: dashes per unit of length of what it draws."""
    scale_max: float = 1.0
    scale_min: float = 1.0


def check_drawing(root: ET.Element, source: str, view_box: tuple[float, float, float, float]) -> None:
    """Refuse a sanitised SVG tree whose drawing no renderer could finish, or finish in time.

    Parameters
    ----------
    root
        The ``<svg>`` element, tags already stripped of the SVG namespace.
    source
        How messages name the file.
    view_box
        The document's user space ``(x, y, width, height)``.

    Raises
    ------
    InvalidFile
        One sentence naming ``source`` and what is wrong.
    """
    _Checker(root, source, view_box).run()


class _Checker:
    def __init__(self, root: ET.Element, source: str, view_box: tuple[float, float, float, float]) -> None:
        self.root = root
        self.source = source
        self.extent = max(view_box[2], view_box[3])
        self.diagonal = math.hypot(view_box[2], view_box[3]) / math.sqrt(2)
        self.nodes: list[_Node] = []
        self.by_id: dict[str, list[int]] = {}
        self.segments = 0

    def fail(self, what: str) -> InvalidFile:
        return InvalidFile(f"{self.source}: {what}")

    # -- building the graph -----------------------------------------------------------------------
    def run(self) -> None:
        sheet = _stylesheet_properties(self.root)
        self._index(sheet)
        # Lengths matter only for dashes: without any, paths are counted, not measured.
        self.dashed = any("stroke-dasharray" in node.props for node in self.nodes)
        for index, node in enumerate(self.nodes):
            self._check_node(index, node)
        self._link()
        self._walk_graph()

    def _index(self, sheet: dict[ET.Element, dict[str, list[str]]]) -> None:
        stack: list[tuple[ET.Element, int, dict[str, str]]] = [(self.root, -1, {})]
        while stack:
            element, parent, inherited = stack.pop()
            if not isinstance(element.tag, str) or element.tag.startswith("{"):
                continue  # another vocabulary (Inkscape's, a font's): renderers skip it
            props: dict[str, list[str]] = {}
            for name, value in element.attrib.items():
                if not name.startswith("{"):
                    props.setdefault(name.lower(), []).append(value)
            for name, values in sheet.get(element, {}).items():
                props.setdefault(name, []).extend(values)
            style = element.get("style")
            if style:
                for name, value in _declarations(style):
                    props.setdefault(name, []).append(value)
            index = len(self.nodes)
            node = _Node(element, element.tag, props)
            self.nodes.append(node)
            if parent >= 0:
                self.nodes[parent].children.append(index)
            if "id" in element.attrib:
                self.by_id.setdefault(element.attrib["id"], []).append(index)
            mine = dict(inherited)
            for name in _INHERITED_REFS:
                for value in props.get(name, ()):
                    mine[name] = value
            node.props["#inherited"] = [f"{k}\0{v}" for k, v in mine.items()]
            for child in reversed(list(element)):
                stack.append((child, index, mine))

    def _check_node(self, index: int, node: _Node) -> None:
        for name, values in node.props.items():
            if name not in _NUMERIC or name == "stroke-dasharray":
                continue
            for value in values:
                self._check_numbers(value, name, node.tag)
        for name in ("transform", "gradienttransform", "patterntransform"):
            for value in node.props.get(name, ()):
                low, high = _transform_scales(value)
                if not (low >= 1 / limits.MAX_SVG_SCALE and high <= limits.MAX_SVG_SCALE):
                    raise self.fail(
                        f"an element <{node.tag}> is transformed by {_short(value)}, a scale no renderer can draw."
                    )
                node.scale_max *= high
                node.scale_min *= low
        if node.tag in _VIEWPORTS:
            for value in node.props.get("viewbox", ()):
                self._check_view_box(value, node.tag)
        if node.tag == "pattern":
            self._check_pattern(node)
        self._geometry(node)

    def _check_numbers(self, value: str, name: str, tag: str) -> None:
        if _NON_FINITE.search(value):
            raise self.fail(f"the {name} of an element <{tag}> is {_short(value)}, which is not a number.")
        for match in _NUMBER.finditer(value):
            number = float(match.group(0))
            if not math.isfinite(number) or abs(number) > limits.MAX_SVG_COORDINATE:
                raise self.fail(
                    f"the {name} of an element <{tag}> is {match.group(0)}, "
                    f"beyond the {limits.MAX_SVG_COORDINATE:g} a drawing may use."
                )

    def _check_view_box(self, value: str, tag: str) -> None:
        numbers = [float(m.group(0)) for m in _NUMBER.finditer(value)]
        if len(numbers) != 4:
            return  # renderers ignore a malformed viewBox
        w, h = numbers[2], numbers[3]
        if not (limits.MIN_SVG_VIEWBOX <= w <= limits.MAX_SVG_COORDINATE) or not (
            limits.MIN_SVG_VIEWBOX <= h <= limits.MAX_SVG_COORDINATE
        ):
            raise self.fail(
                f"the viewBox {_short(value)} of an element <{tag}> is degenerate: its width and height must be "
                f"between {limits.MIN_SVG_VIEWBOX:g} and {limits.MAX_SVG_COORDINATE:g}."
            )

    def _check_pattern(self, node: _Node) -> None:
        bbox_units = "userSpaceOnUse" not in node.props.get("patternunits", ())
        size = []
        for name in ("width", "height"):
            value = _length(node.props.get(name, ["0"])[-1], 0.0)
            size.append(abs(value) * (self.extent if bbox_units else 1.0))
        if size[0] * size[1] > limits.MAX_SVG_PATTERN_PIXELS:
            raise self.fail(
                f"a pattern tile of {size[0]:g} x {size[1]:g} units is too large to draw "
                f"(at most {limits.MAX_SVG_PATTERN_PIXELS:,} square units)."
            )

    # -- geometry ------------------------------------------------------------------------------
    def _geometry(self, node: _Node) -> None:
        tag = node.tag
        length = 0.0
        if tag == "path":
            d = " ".join(node.props.get("d", ()))
            segments, length = self._path(d) if self.dashed else (self._count_points(d, "a path"), 0.0)
        elif tag in ("polyline", "polygon"):
            points = " ".join(node.props.get("points", ()))
            segments, length = self._points(points) if self.dashed else (self._count_points(points, "a shape"), 0.0)
        elif tag == "rect":
            w, h = self._size(node, "width"), self._size(node, "height")
            segments, length = 8, 2 * (w + h)
        elif tag in ("circle", "ellipse"):
            r = max(self._size(node, "r"), self._size(node, "rx"), self._size(node, "ry"))
            segments, length = 4, 2 * math.pi * r
        elif tag == "line":
            segments = 1
            length = math.hypot(
                self._size(node, "x2") - self._size(node, "x1"), self._size(node, "y2") - self._size(node, "y1")
            )
        elif tag in ("text", "tspan", "textPath"):
            chars = len(node.element.text or "")
            segments = 0
            length = chars * 4 * max(self._size(node, "font-size"), 16.0)
        else:
            if tag == "use":
                dasharray = self._effective(node, "stroke-dasharray")
                if dasharray is not None:
                    node.dash_ratio = self._dash_ratio(dasharray)
            return
        node.segments = segments
        node.length = length
        self.segments += segments
        if self.segments > limits.MAX_SVG_SEGMENTS:
            raise self._too_many_segments()
        dasharray = self._effective(node, "stroke-dasharray")
        if dasharray is not None and length > 0:
            node.dashes = self._dashes(dasharray, length, node)

    def _effective(self, node: _Node, name: str) -> str | None:
        """The value of an inherited property for ``node``: its own, else the nearest ancestor's."""
        own = node.props.get(name)
        if own:
            return own[-1]
        element = node.element
        for ancestor in self._ancestors(element):
            values = ancestor.props.get(name)
            if values:
                return values[-1]
        return None

    def _ancestors(self, element: ET.Element) -> Iterator[_Node]:
        parents = self._parents()
        index = parents.get(id(element))
        while index is not None and index >= 0:
            yield self.nodes[index]
            index = parents.get(id(self.nodes[index].element))

    def _parents(self) -> dict[int, int]:
        cached: dict[int, int] | None = getattr(self, "_parent_map", None)
        if cached is None:
            cached = {}
            for i, node in enumerate(self.nodes):
                for child in node.children:
                    cached[id(self.nodes[child].element)] = i
            self._parent_map = cached
        return cached

    def _dashes(self, value: str, length: float, node: _Node) -> int:
        ratio = self._dash_ratio(value)
        path_length = _length(node.props.get("pathlength", ["0"])[-1], 0.0)
        count = max(length, path_length) * ratio
        if count > limits.MAX_SVG_DASHES:
            raise self._too_many_dashes()
        return int(count) + 1 if ratio else 0

    def _dash_ratio(self, value: str) -> float:
        """Dashes per unit of length for a ``stroke-dasharray`` value (0: drawn solid)."""
        parts = [p for p in re.split(r"[\s,]+", value.strip()) if p]
        if not parts or parts[0].lower() in ("none", "inherit", "initial"):
            return 0.0
        entries = []
        for part in parts:
            m = _LENGTH_UNIT.match(part)
            if m is None:
                return 0.0  # renderers ignore an invalid dash array and draw the line solid
            number, unit = float(m.group(1)), m.group(2).lower()
            if unit == "%":
                number = number / 100 * self.diagonal
            elif unit in ("em", "rem"):
                number *= 16
            elif unit == "ex":
                number *= 8
            else:
                number *= _UNITS.get(unit, 1.0)
            if number < 0 or not math.isfinite(number):
                return 0.0
            entries.append(number)
        period = sum(entries)
        if period <= 0:
            return 0.0
        return len(entries) / period

    def _size(self, node: _Node, name: str) -> float:
        values = node.props.get(name)
        if not values:
            return 0.0
        return abs(_length(values[-1], self.extent))

    def _path(self, d: str) -> tuple[int, float]:
        """Segments and an upper bound of the length of a path's data."""
        per_path = limits.MAX_SVG_PATH_SEGMENTS
        count = 0
        length = 0.0
        x = y = sx = sy = 0.0
        command = "M"
        args: list[float] = []
        arity = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
        for match in _PATH_TOKEN.finditer(d):
            letter, number = match.group(1), match.group(2)
            if letter is not None:
                command = letter
                args = []
                if letter in "Zz":
                    length += math.hypot(sx - x, sy - y)
                    x, y = sx, sy
                    count += 1
                continue
            value = float(number)
            if not math.isfinite(value) or abs(value) > limits.MAX_SVG_COORDINATE:
                raise self.fail(
                    f"a path has the number {number}, beyond the {limits.MAX_SVG_COORDINATE:g} a drawing may use."
                )
            args.append(value)
            upper = command.upper()
            need = arity.get(upper, 2)
            if need == 0 or len(args) < need:
                continue
            relative = command.islower()
            ox, oy = (x, y) if relative else (0.0, 0.0)
            if upper == "H":
                nx, ny = args[0] + (x if relative else 0.0), y
                seg = abs(nx - x)
            elif upper == "V":
                nx, ny = x, args[0] + (y if relative else 0.0)
                seg = abs(ny - y)
            elif upper == "A":
                nx, ny = args[5] + ox, args[6] + oy
                chord = math.hypot(nx - x, ny - y)
                large = args[3] != 0
                seg = 2 * math.pi * max(abs(args[0]), abs(args[1]), chord / 2) if large else math.pi * chord
            else:
                pts = [(args[i] + ox, args[i + 1] + oy) for i in range(0, need, 2)]
                seg = 0.0
                px, py = x, y
                for qx, qy in pts:
                    seg += math.hypot(qx - px, qy - py)
                    px, py = qx, qy
                nx, ny = pts[-1]
            if upper == "M":
                sx, sy = nx, ny
                seg = 0.0
                command = "l" if relative else "L"  # further pairs are lines
            length += seg
            x, y = nx, ny
            args = []
            count += 1
            if count > per_path:
                raise self.fail(
                    f"a path has more than {per_path:,} segments, more than Studio draws in a few seconds; "
                    "simplify it in a drawing program."
                )
        return count, length

    def _count_points(self, d: str, what: str) -> int:
        """About how many segments path data draws (one per pair of numbers), checking the numbers."""
        per_path = limits.MAX_SVG_PATH_SEGMENTS
        if len(d) // 4 <= per_path:
            count = len(_NUMBER.findall(d)) // 2  # a number and its separator take two characters
        else:
            count = 0
            for count, _match in enumerate(_NUMBER.finditer(d), start=1):
                if count > 2 * per_path + 2:
                    break
            count //= 2
        if count > per_path:
            raise self.fail(
                f"{what} has more than {per_path:,} segments, more than Studio draws in a few seconds; "
                "simplify it in a drawing program."
            )
        if _BIG.search(d):
            for match in _NUMBER.finditer(d):
                value = float(match.group(0))
                if not math.isfinite(value) or abs(value) > limits.MAX_SVG_COORDINATE:
                    raise self.fail(
                        f"{what} has the number {match.group(0)}, beyond the {limits.MAX_SVG_COORDINATE:g} "
                        "a drawing may use."
                    )
        return count

    def _points(self, points: str) -> tuple[int, float]:
        values: list[float] = []
        for match in _NUMBER.finditer(points):
            value = float(match.group(0))
            if not math.isfinite(value) or abs(value) > limits.MAX_SVG_COORDINATE:
                raise self.fail(
                    f"a shape has the number {match.group(0)}, beyond the {limits.MAX_SVG_COORDINATE:g} "
                    "a drawing may use."
                )
            values.append(value)
            if len(values) > 2 * limits.MAX_SVG_PATH_SEGMENTS + 2:
                raise self.fail(
                    f"a shape has more than {limits.MAX_SVG_PATH_SEGMENTS:,} segments, more than Studio draws "
                    "in a few seconds; simplify it in a drawing program."
                )
        pts = list(zip(values[0::2], values[1::2], strict=False))
        length = sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(pts))
        if pts:
            length += math.hypot(pts[0][0] - pts[-1][0], pts[0][1] - pts[-1][1])
        return len(pts), length

    # -- references ----------------------------------------------------------------------------
    def _link(self) -> None:
        for node in self.nodes:
            targets: list[tuple[str, int]] = []
            for name in _HREF_NAMES:
                value = node.element.get(name, "")
                if value.startswith("#"):
                    targets.append((value[1:], 1))
            for name in _OWN_REFS:
                for value in node.props.get(name, ()):
                    targets.extend((m, 1) for m in _URL_ID.findall(value))
            for name in ("fill", "stroke"):
                for value in node.props.get(name, ()):
                    targets.extend((m, 1) for m in _URL_ID.findall(value))
            if node.tag in _SHAPES or node.tag == "use":
                vertices = max(node.segments + 1, 1)
                for pair in node.props.get("#inherited", ()):
                    name, _, value = pair.partition("\0")
                    times = vertices if name in _MARKERS else 1
                    targets.extend((m, times) for m in _URL_ID.findall(value))
            # feImage and friends reference by href too: handled above.
            for target_id, times in targets:
                for target in self.by_id.get(target_id, ()):
                    node.refs.append((target, times))

    def _walk_graph(self) -> None:
        """Post-order over children and references: cycles, instances, segments, dashes, scale."""
        n = len(self.nodes)
        state = [0] * n  # 0 new, 1 on the path, 2 done
        instances = [0] * n
        segments = [0] * n
        dashes = [0] * n
        lengths = [0.0] * n
        high = [1.0] * n
        low = [1.0] * n
        stack: list[tuple[int, int]] = [(0, 0)]
        state[0] = 1
        while stack:
            index, step = stack[-1]
            node = self.nodes[index]
            edges = len(node.children) + len(node.refs)
            if step < edges:
                stack[-1] = (index, step + 1)
                nxt = node.children[step] if step < len(node.children) else node.refs[step - len(node.children)][0]
                if state[nxt] == 1:
                    raise self._cycle(node, self.nodes[nxt])
                if state[nxt] == 0:
                    state[nxt] = 1
                    stack.append((nxt, 0))
                continue
            stack.pop()
            state[index] = 2
            count, segs, dash, length = 1, node.segments, node.dashes, node.length
            top, bottom = 1.0, 1.0
            for child in node.children:
                count += instances[child]
                segs += segments[child]
                dash += dashes[child]
                length += lengths[child]
                top, bottom = max(top, high[child]), min(bottom, low[child])
            for target, times in node.refs:
                count += instances[target] * times
                segs += segments[target] * times
                dash += dashes[target] * times
                length += lengths[target] * times
                if node.dash_ratio:
                    dash += int(lengths[target] * node.dash_ratio)
                top, bottom = max(top, high[target]), min(bottom, low[target])
            instances[index] = min(count, _CAP)
            segments[index] = min(segs, _CAP)
            dashes[index] = min(dash, _CAP)
            lengths[index] = min(length, 1e300)
            high[index] = min(node.scale_max * top, 1e300)
            low[index] = max(node.scale_min * bottom, 1e-300)
            if instances[index] > limits.MAX_SVG_INSTANCES:
                raise self.fail(
                    f"its <use> elements, patterns and markers would draw more than {limits.MAX_SVG_INSTANCES:,} "
                    "elements, more than a drawing may."
                )
            if segments[index] > limits.MAX_SVG_SEGMENTS:
                raise self._too_many_segments()
            if dashes[index] > limits.MAX_SVG_DASHES:
                raise self._too_many_dashes()
        # Unreached nodes (none: every element is a child of the root) need no visit.
        base = 1000.0 / self.extent if self.extent > 0 else 1.0
        if not (base * low[0] >= 1 / limits.MAX_SVG_SCALE and base * high[0] <= limits.MAX_SVG_SCALE):
            raise self.fail(
                "its nested transforms scale the art by more than a factor of "
                f"{limits.MAX_SVG_SCALE:g}, which no renderer can draw."
            )

    def _cycle(self, node: _Node, target: _Node) -> InvalidFile:
        name = target.element.get("id")
        what = f"the element {name!r}" if name else f"an element <{target.tag}>"
        return self.fail(f"{what} refers to itself through its references (a reference cycle), so it cannot be drawn.")

    def _too_many_segments(self) -> InvalidFile:
        return self.fail(
            f"the drawing has more than {limits.MAX_SVG_SEGMENTS:,} path segments, more than Studio draws "
            "in a few seconds; simplify it in a drawing program."
        )

    def _too_many_dashes(self) -> InvalidFile:
        return self.fail(
            f"its dash patterns would cut the lines into more than {limits.MAX_SVG_DASHES:,} dashes; "
            "use longer dashes or a solid line."
        )


def _stylesheet_properties(root: ET.Element) -> dict[ET.Element, dict[str, list[str]]]:
    """Declarations that ``<style>`` sheets give each element (every matching rule, any order)."""
    sheets = [el.text for el in root.iter("style") if el.text]
    if not sheets:
        return {}
    matcher = cssselect2.Matcher()
    for sheet in sheets:
        for rule in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            declarations = _declaration_tokens(rule.content)
            if not declarations:
                continue
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue
            for selector in selectors:
                if selector.pseudo_element is None and not selector.never_matches:
                    matcher.add_selector(selector, declarations)
    out: dict[ET.Element, dict[str, list[str]]] = {}
    for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        for _spec, _order, _pseudo, declarations in matcher.match(wrapper):
            props = out.setdefault(wrapper.etree_element, {})
            for name, value in declarations:
                props.setdefault(name, []).append(value)
    return out


def _declarations(style: str) -> list[tuple[str, str]]:
    return _declaration_tokens(style)


def _declaration_tokens(tokens: object) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for decl in tinycss2.parse_declaration_list(tokens, skip_comments=True, skip_whitespace=True):
        if decl.type == "declaration":
            out.append((decl.lower_name, tinycss2.serialize(decl.value).strip()))
    return out


def _transform_scales(value: str) -> tuple[float, float]:
    """The smallest and largest factor by which a transform list scales lengths."""
    a, b, c, d = 1.0, 0.0, 0.0, 1.0
    for name, raw in _TRANSFORM.findall(value):
        args = [float(m.group(0)) for m in _NUMBER.finditer(raw)]
        kind = name.lower()
        if kind == "matrix" and len(args) == 6:
            m = (args[0], args[1], args[2], args[3])
        elif kind == "scale" and args:
            m = (args[0], 0.0, 0.0, args[1] if len(args) > 1 else args[0])
        elif kind == "skewx" and args:
            m = (1.0, 0.0, math.tan(math.radians(args[0])), 1.0)
        elif kind == "skewy" and args:
            m = (1.0, math.tan(math.radians(args[0])), 0.0, 1.0)
        else:
            continue  # translate and rotate keep lengths
        a, b, c, d = a * m[0] + c * m[1], b * m[0] + d * m[1], a * m[2] + c * m[3], b * m[2] + d * m[3]
    if not all(math.isfinite(v) for v in (a, b, c, d)):
        return 0.0, math.inf
    # Singular values of [[a, c], [b, d]].
    s = a * a + b * b + c * c + d * d
    det = abs(a * d - b * c)
    root = math.sqrt(max(s * s - 4 * det * det, 0.0))
    high = math.sqrt((s + root) / 2)
    low = det / high if high > 0 else 0.0
    return low, high


def _length(value: str, reference: float) -> float:
    """A length in user units (percentages of ``reference``); 0 when unreadable."""
    m = _LENGTH_UNIT.match(value)
    if m is None:
        return 0.0
    number, unit = float(m.group(1)), m.group(2).lower()
    if unit == "%":
        return number / 100 * reference
    if not math.isfinite(number):
        return 0.0
    return number * _UNITS.get(unit, 16.0 if unit in ("em", "rem") else 1.0)


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")
