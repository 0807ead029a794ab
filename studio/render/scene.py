"""From a design to display lists: one per print area, drawn alike by every backend.

:class:`Document` bundles what a layout needs (the design, its template, the assets, the fonts)
and is what the exporters take. :func:`build_scene` does the work: it places every visible
layer, turns text into outlines, and records where each layer's content lies, for preflight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from studio.model.color import Color
from studio.model.design import (
    AnyLayer,
    Design,
    GroupLayer,
    ImageLayer,
    ShapeLayer,
    TextLayer,
    VectorLayer,
)
from studio.model.errors import StudioError
from studio.model.geometry import Affine, Path, Rect
from studio.model.template import PrintArea, Template, localize
from studio.render.display import (
    DisplayList,
    DrawImage,
    DrawSvg,
    FillPath,
    Group,
    Item,
    LayerExtent,
    StrokePath,
)
from studio.render.sources import Resources
from studio.text import FontRegistry, layout_text


@dataclass
class Document:
    """A design ready to be laid out: what exporters and previews are given.

    ``variables`` are merged over the design's own (a batch run sets one record's values).
    """

    design: Design
    template: Template
    resources: Resources
    fonts: FontRegistry
    variables: Mapping[str, str] = field(default_factory=dict)
    name: str = ""

    def area_ids(self) -> list[str]:
        return [area.id for area in self.template.print_areas]

    def print_area(self, area_id: str) -> PrintArea:
        return self.template.area(area_id)

    def designed_area_ids(self) -> list[str]:
        """The areas that have something on them (a background or a visible layer), in template order."""
        out = []
        for area_id in self.area_ids():
            content = self.design.areas.get(area_id)
            if content is not None and (content.background is not None or any(x.visible for x in content.layers)):
                out.append(area_id)
        return out

    def scene(self, area_id: str, *, bleed: float | None = None) -> DisplayList:
        return build_scene(
            self.design,
            self.template,
            area_id,
            resources=self.resources,
            fonts=self.fonts,
            bleed=bleed,
            variables={**self.design.variables, **self.variables},
        )

    def with_variables(self, variables: Mapping[str, str], *, name: str | None = None) -> Document:
        return Document(self.design, self.template, self.resources, self.fonts, dict(variables), name or self.name)

    @property
    def title(self) -> str:
        return self.name or localize(self.template.product.name)


def build_scene(
    design: Design,
    template: Template,
    area_id: str,
    *,
    resources: Resources,
    fonts: FontRegistry,
    bleed: float | None = None,
    variables: Mapping[str, str] | None = None,
) -> DisplayList:
    """The display list of one print area.

    Parameters
    ----------
    bleed
        Bleed around the trim in mm; None takes the template's.
    variables
        Values for ``{fields}`` in text; defaults to the design's own.

    Raises
    ------
    studio.model.errors.StudioError
        When an asset the design uses cannot be read (the message names it).
    """
    area = template.area(area_id)
    page = area.bleed_rect(bleed)
    dl = DisplayList(area_id=area_id, trim=area.trim_rect, page=page, die_line=area.outline())
    content = design.areas.get(area_id)
    if content is None:
        return dl
    if content.background is not None:
        # The background covers the bleed too: a trimmed print then shows no white edge.
        dl.items.append(FillPath(Path.rectangle(page.x, page.y, page.width, page.height), content.background))
    vars_ = design.variables if variables is None else variables
    for result in lay_out_layers(design, area_id, resources=resources, fonts=fonts, variables=vars_):
        if result.error is not None:
            raise result.error
        dl.items.extend(result.items)
        dl.warnings.extend(result.warnings)
        if result.bounds is not None:
            dl.extents.append(LayerExtent(result.layer.id, result.bounds))
    return dl


@dataclass
class LayerResult:
    """One top-level layer laid out: its items, the bounds of its content, and what went wrong."""

    layer: AnyLayer
    items: list[Item]
    bounds: Rect | None
    warnings: list[str]
    error: StudioError | None = None
    missing_glyphs: list[tuple[str, list[str]]] = field(default_factory=list)
    """For each text with characters no font can draw: the font's name and those characters."""
    leaves: list[LeafResult] = field(default_factory=list)
    """Every layer drawn, groups opened (a group's children, placed by the group): what preflight
    checks one by one."""


@dataclass
class LeafResult:
    """One layer that is not a group, laid out where its groups place it (area mm)."""

    layer: AnyLayer
    items: list[Item]
    bounds: Rect | None
    transform: Affine
    """The layer's whole placement: its own transform after its groups'."""
    text_size: float | None = None
    """For text: the size (pt) laid out, after fit-to-box, before the placement's scaling."""
    text_overflow: bool = False
    """For text in a box: whether it was made smaller than asked so that it fits the box."""
    fallbacks: list[tuple[str, str]] = field(default_factory=list)
    """For text: characters its font lacks and the fallback face that draws each."""
    missing: list[str] = field(default_factory=list)
    """For text: characters no face can draw (not drawn)."""

    @property
    def printed_size(self) -> float | None:
        """For text: the size (pt) it prints at, its placement's scaling included."""
        if self.text_size is None:
            return None
        sx, sy = self.transform.scale_factors()
        return self.text_size * float(abs(sx * sy) ** 0.5)


def lay_out_layers(
    design: Design,
    area_id: str,
    *,
    resources: Resources,
    fonts: FontRegistry,
    variables: Mapping[str, str],
) -> list[LayerResult]:
    """Each visible top-level layer of an area, laid out on its own; errors are caught per layer.

    Preflight uses this to report every problem at once; :func:`build_scene` stops at the first.
    """
    content = design.areas.get(area_id)
    results: list[LayerResult] = []
    if content is None:
        return results
    for layer in content.layers:
        if not layer.visible:
            continue
        builder = _Builder(resources, fonts, variables)
        try:
            items, bounds = builder.layer(layer, Affine())
        except StudioError as error:
            results.append(LayerResult(layer, [], None, builder.warnings, error, builder.missing, builder.leaves))
            continue
        results.append(LayerResult(layer, items, bounds, builder.warnings, None, builder.missing, builder.leaves))
    return results


def lay_out_layer(
    layer: AnyLayer, *, resources: Resources, fonts: FontRegistry, variables: Mapping[str, str]
) -> LayerResult:
    """One layer laid out on its own (a batch run lays out only the layers a data row changes)."""
    builder = _Builder(resources, fonts, variables)
    try:
        items, bounds = builder.layer(layer, Affine())
    except StudioError as error:
        return LayerResult(layer, [], None, builder.warnings, error, builder.missing)
    return LayerResult(layer, items, bounds, builder.warnings, None, builder.missing)


class _Builder:
    def __init__(self, resources: Resources, fonts: FontRegistry, variables: Mapping[str, str]) -> None:
        self.resources = resources
        self.fonts = fonts
        self.variables = variables
        self.warnings: list[str] = []
        self.missing: list[tuple[str, list[str]]] = []
        self.leaves: list[LeafResult] = []
        self._text_facts: tuple[float, bool, list[tuple[str, str]], list[str]] = (0.0, False, [], [])

    def layer(self, layer: AnyLayer, parent: Affine) -> tuple[list[Item], Rect | None]:
        """Items for ``layer`` placed by ``parent @ layer.transform``, and their bounds in area mm."""
        m = parent @ layer.transform.to_affine()
        if isinstance(layer, TextLayer):
            items, bounds = self._text(layer, m)
        elif isinstance(layer, ImageLayer):
            items, bounds = self._image(layer, m)
        elif isinstance(layer, VectorLayer):
            items, bounds = self._vector(layer, m)
        elif isinstance(layer, ShapeLayer):
            items, bounds = self._shape(layer, m)
        else:
            items, bounds = self._group(layer, m)
        if not isinstance(layer, GroupLayer):
            leaf = LeafResult(layer, list(items), bounds, m)
            if isinstance(layer, TextLayer):
                leaf.text_size, leaf.text_overflow, leaf.fallbacks, leaf.missing = self._text_facts
            self.leaves.append(leaf)
        if layer.opacity < 1.0 and items:
            if len(items) == 1 and isinstance(items[0], DrawImage | DrawSvg | FillPath | StrokePath):
                items[0].opacity *= layer.opacity
            else:
                items = [Group(items, opacity=layer.opacity)]
        return items, bounds

    def _text(self, layer: TextLayer, m: Affine) -> tuple[list[Item], Rect | None]:
        layout = layout_text(layer, self.fonts, self.variables)
        self._text_facts = (layout.size, layout.overflow, list(layout.fallbacks), list(layout.missing))
        if layout.missing:
            self.missing.append((f"{layer.font_family} {layer.font_style}", list(layout.missing)))
            chars = ", ".join(repr(c) for c in layout.missing)
            self.warnings.append(
                f"Layer '{layer.display_name()}': no font has a glyph for {chars} (the font {layer.font_family} "
                f"{layer.font_style} and the fallback fonts were tried)."
            )
        if layout.path.is_empty() and not layout.colors:
            return [], None
        path = layout.path.transformed(m)
        items: list[Item] = []
        if layer.stroke is not None:
            # The outline is drawn under the letters at twice its width, so the letters keep their
            # shape and the visible outline is as wide as asked.
            scale = min(abs(v) for v in m.scale_factors())
            outline = layout.outline().transformed(m)
            items.append(
                StrokePath(outline, layer.stroke.color, 2 * layer.stroke.width * scale, join=layer.stroke.join)
            )
        if not path.is_empty():
            items.append(FillPath(path, layer.color))
        # Colour glyphs (emoji): each layer filled with its own colour, above the plain letters.
        for colored in layout.colors:
            color = layer.color if colored.color is None else Color(hex=colored.color)
            items.append(FillPath(colored.path.transformed(m), color, colored.alpha))
        bounds = layout.ink_bounds.transformed(m)
        if layer.stroke is not None:
            bounds = bounds.inflated(layer.stroke.width)
        return items, bounds

    def _image(self, layer: ImageLayer, m: Affine) -> tuple[list[Item], Rect | None]:
        source = self.resources.image(layer.asset)
        sw, sh = source.size
        crop = layer.crop
        cx, cy = crop.left * sw, crop.top * sh
        cw, ch = sw * (1 - crop.left - crop.right), sh * (1 - crop.top - crop.bottom)
        w, h = layer.width, layer.height
        if layer.fit == "stretch":
            sx, sy = w / cw, h / ch
        elif layer.fit == "fill":
            sx = sy = max(w / cw, h / ch)
        else:
            sx = sy = min(w / cw, h / ch)
        flip = Affine.scaling(-1.0 if layer.flip_h else 1.0, -1.0 if layer.flip_v else 1.0)
        local = flip @ Affine.scaling(sx, sy) @ Affine.translation(-cx - cw / 2, -cy - ch / 2)
        shown_w, shown_h = min(w, cw * sx), min(h, ch * sy)
        clip_local = Path.rectangle(-shown_w / 2, -shown_h / 2, shown_w, shown_h)
        clip = clip_local.transformed(m)
        needs_clip = not crop.is_identity or layer.fit == "fill"
        item = DrawImage(source, m @ local, clip if needs_clip else None)
        return [item], clip.bounds()

    def _vector(self, layer: VectorLayer, m: Affine) -> tuple[list[Item], Rect | None]:
        source = self.resources.svg(layer.asset)
        vx, vy, vw, vh = source.view_box
        s = min(layer.width / vw, layer.height / vh)
        flip = Affine.scaling(-1.0 if layer.flip_h else 1.0, -1.0 if layer.flip_v else 1.0)
        local = flip @ Affine.scaling(s) @ Affine.translation(-vx - vw / 2, -vy - vh / 2)
        frame = Path.rectangle(-vw * s / 2, -vh * s / 2, vw * s, vh * s).transformed(m)
        return [DrawSvg(source, m @ local, frame)], frame.bounds()

    def _shape(self, layer: ShapeLayer, m: Affine) -> tuple[list[Item], Rect | None]:
        w, h = layer.width, layer.height
        if layer.shape == "rectangle":
            local = Path.rounded_rectangle(-w / 2, -h / 2, w, h, layer.corner_radius)
        elif layer.shape == "ellipse":
            local = Path.ellipse(0, 0, w / 2, h / 2)
        elif layer.shape == "polygon":
            local = Path.regular_polygon(0, 0, w / 2, h / 2, layer.sides)
        elif layer.shape == "star":
            local = Path.star(0, 0, w / 2, h / 2, layer.sides, layer.inner_ratio)
        else:
            local = Path().move_to(-w / 2, -h / 2).line_to(w / 2, h / 2)
        path = local.transformed(m)
        items: list[Item] = []
        if layer.fill is not None and layer.shape != "line":
            items.append(FillPath(path, layer.fill))
        width = 0.0
        if layer.stroke is not None:
            scale = min(abs(v) for v in m.scale_factors())
            width = layer.stroke.width * scale
            items.append(
                StrokePath(
                    path,
                    layer.stroke.color,
                    width,
                    join=layer.stroke.join,
                    cap="round" if layer.shape == "line" else "butt",
                )
            )
        if not items:
            return [], None
        return items, path.bounds().inflated(width / 2)

    def _group(self, layer: GroupLayer, m: Affine) -> tuple[list[Item], Rect | None]:
        items: list[Item] = []
        bounds: Rect | None = None
        for child in layer.children:
            if not child.visible:
                continue
            child_items, child_bounds = self.layer(child, m)
            items.extend(child_items)
            if child_bounds is not None:
                bounds = child_bounds if bounds is None else bounds.union(child_bounds)
        return items, bounds
