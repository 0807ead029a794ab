"""Drawing and checking one data row: the design with a row's values applied, without copying it.

:class:`RowRenderer` looks at the design once. The layers no row changes are laid out once per
print area and drawn as Form XObjects that every page reuses; the layers a row changes (its text,
its photo, its colours, the layers it hides) are laid out again for each row from a small copy of
that layer only. Text drawn on a page places glyph forms (each outline stored once in the file)
and carries the same words as invisible text, so that a 1,000-page file can be searched.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from studio.export.batch.binding import Binding, RowValues, escape_braces, placeholders
from studio.export.pages import ItemArt, SharedResources, text_operators
from studio.io._images import ImageAsset, load_image
from studio.model.color import Color
from studio.model.design import AnyLayer, GroupLayer, ImageLayer, ShapeLayer, TextLayer
from studio.model.errors import StudioError
from studio.model.geometry import MM_PER_INCH, Affine, Rect, pt_to_mm
from studio.model.geometry import Path as GeoPath
from studio.model.template import PrintArea
from studio.render.display import DisplayList, DrawImage, FillPath, Item
from studio.render.pdf import ColorConverter, _ContentWriter, format_number, path_operators
from studio.render.scene import Document, LayerResult, lay_out_layer
from studio.render.sources import ImageSource, Resources, SvgSource
from studio.text import layout_text
from studio.text.fonts import GlyphShape
from studio.text.layout import TextLayout

__all__ = ["MIN_DPI", "MIN_TEXT_PT", "RowRenderer"]

MIN_TEXT_PT = 6.0
"""Text that has to shrink below this size to fit its box is reported: it would be too small to read."""
MIN_DPI = 150.0
"""A photo printing under this resolution is an error (it prints visibly pixelated)."""
GOOD_DPI = 300.0
"""Under this a photo is worth a warning."""

_n = format_number
_ROW_ASSET = "batch-row:"


class _RowResources:
    """The design's assets, plus the photos a row substitutes (by a reference of their own)."""

    def __init__(self, base: Resources, photos: Mapping[str, ImageSource]) -> None:
        self.base = base
        self.photos = photos

    def image(self, ref: str) -> ImageSource:
        if ref.startswith(_ROW_ASSET):
            return self.photos[ref]
        return self.base.image(ref)

    def svg(self, ref: str) -> SvgSource:
        return self.base.svg(ref)


@dataclass
class _Static:
    """Consecutive layers no row changes: laid out once."""

    items: list[Item]
    text_ops: list[str]
    form: str | None = None


@dataclass
class _AreaPlan:
    area: PrintArea
    page: Rect
    background: Color | None
    background_varies: bool
    segments: list[_Static | AnyLayer] = field(default_factory=list)


class RowRenderer:
    """Lays out, checks and draws the rows of a batch job for some print areas of a document.

    Parameters
    ----------
    doc
        The document (design, template, assets, fonts).
    binding
        How the data's columns feed the design.
    areas
        The print areas each row makes a page of, in order.
    bleed
        Bleed in mm (None: the template's).
    cmyk
        The CMYK converter for a PDF/X file, or None.
    resources
        Where the drawn content registers images, colours and forms (shared by every row).
    """

    def __init__(
        self,
        doc: Document,
        binding: Binding,
        areas: list[str],
        *,
        bleed: float | None = None,
        cmyk: ColorConverter | None = None,
        resources: SharedResources | None = None,
    ) -> None:
        self.doc = doc
        self.binding = binding
        self.areas = areas
        self.bleed = bleed
        self.cmyk = cmyk
        self.res = resources or SharedResources()
        self._photos: OrderedDict[Path, ImageAsset | StudioError] = OrderedDict()
        # The layouts of the row being made: checking a row and drawing it lay out the same text.
        self._layouts: dict[tuple[str, str, str | None], TextLayout] = {}
        self._layout_row = -1
        self._plans = {area_id: self._plan(area_id) for area_id in areas}

    # -- planning: what varies ----------------------------------------------------------------

    def _varies(self, layer: AnyLayer) -> bool:
        if layer.field is not None or f"color:{layer.id}" in self.binding.columns:
            return True
        if isinstance(layer, TextLayer):
            return bool(placeholders(layer.text))
        if isinstance(layer, GroupLayer):
            return any(self._varies(child) for child in layer.children)
        return False

    def _plan(self, area_id: str) -> _AreaPlan:
        area = self.doc.print_area(area_id)
        page = area.bleed_rect(self.bleed)
        content = self.doc.design.areas.get(area_id)
        columns = self.binding.columns
        varies = "background" in columns or f"background:{area_id}" in columns
        plan = _AreaPlan(area, page, content.background if content else None, varies)
        static: _Static | None = None
        if plan.background is not None and not varies:
            static = _Static(
                [FillPath(GeoPath.rectangle(page.x, page.y, page.width, page.height), plan.background)], []
            )
        for layer in content.layers if content else []:
            if not layer.visible:
                continue
            if self._varies(layer):
                if static is not None:
                    plan.segments.append(static)
                    static = None
                plan.segments.append(layer)
                continue
            result = self._lay_out(layer, self.doc.resources, self.doc.design.variables)
            if result.error is not None:
                raise result.error
            if static is None:
                static = _Static([], [])
            static.items.extend(result.items)
            if isinstance(layer, TextLayer):
                static.text_ops.extend(
                    self._text_ops(layer, layout_text(layer, self.doc.fonts, self.doc.design.variables))
                )
        if static is not None:
            plan.segments.append(static)
        for segment in plan.segments:
            if isinstance(segment, _Static) and segment.items:
                writer = _ContentWriter(self.res, self.cmyk, page)
                writer.items(segment.items, 1.0)
                ops = "\n".join(writer.out).encode("latin-1")
                bbox = (page.left, page.top, page.right, page.bottom)
                made: tuple[bytes, tuple[float, float, float, float]] = (ops, bbox)
                segment.form = self.res.plain_form("Ar", ("art", self.cmyk is not None, ops), partial(_same, made))
        return plan

    def _lay_out(self, layer: AnyLayer, resources: Resources, variables: Mapping[str, str]) -> LayerResult:
        return lay_out_layer(layer, resources=resources, fonts=self.doc.fonts, variables=variables)

    # -- one row --------------------------------------------------------------------------------

    def _photo(self, path: Path) -> ImageAsset | StudioError:
        found = self._photos.get(path)
        if found is None:
            try:
                found = load_image(path.read_bytes(), path.name)
            except StudioError as error:
                found = error
            except OSError as error:
                found = StudioError(f"{path.name}: the photo cannot be read ({error.strerror or error}).")
            self._photos[path] = found
            if len(self._photos) > 32:  # a photo per row must not stay in memory for the whole job
                self._photos.popitem(last=False)
        else:
            self._photos.move_to_end(path)
        return found

    def _row_layer(self, layer: AnyLayer, row: RowValues, photos: dict[str, ImageSource]) -> AnyLayer | None:
        if layer.id in row.hidden or not layer.visible:
            return None
        update: dict[str, object] = {}
        color = row.colors.get(layer.id)
        if isinstance(layer, TextLayer):
            if placeholders(layer.text):
                update["text"] = escape_braces(row.fill(layer.text))
            if color is not None:
                update["color"] = color
        elif isinstance(layer, ShapeLayer) and color is not None:
            update["fill"] = color
        elif isinstance(layer, ImageLayer) and layer.id in row.images:
            photo = self._photo(row.images[layer.id])
            if isinstance(photo, StudioError):
                return None
            ref = _ROW_ASSET + layer.id
            photos[ref] = photo
            update["asset"] = ref
        elif isinstance(layer, GroupLayer):
            children = [c for c in (self._row_layer(child, row, photos) for child in layer.children) if c is not None]
            update["children"] = children
        return layer.model_copy(update=update) if update else layer

    def _layout(self, layer: TextLayer, row: RowValues) -> TextLayout:
        if row.index != self._layout_row:
            self._layouts.clear()
            self._layout_row = row.index
        key = (layer.id, layer.text, layer.color.hex)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = layout_text(layer, self.doc.fonts, {})
        return layout

    def check(self, row: RowValues) -> None:
        """Add to ``row.problems`` what would go wrong in print: photos, text that does not fit, glyphs."""
        for layer_id, path in row.images.items():
            photo = self._photo(path)
            if isinstance(photo, StudioError):
                row.error(
                    f"the photo {path.name} cannot be used: {_sentence(str(photo))}",
                    self.binding.image_layers[layer_id],
                )
        photos: dict[str, ImageSource] = {}
        for area_id in self.areas:
            plan = self._plans[area_id]
            for segment in plan.segments:
                if isinstance(segment, _Static):
                    continue
                layer = self._row_layer(segment, row, photos)
                if layer is None:
                    continue
                self._check_layer(layer, row, plan, _RowResources(self.doc.resources, photos), Affine())

    def _check_layer(self, layer: AnyLayer, row: RowValues, plan: _AreaPlan, res: Resources, parent: Affine) -> None:
        m = parent @ layer.transform.to_affine()
        if isinstance(layer, GroupLayer):
            for child in layer.children:
                if child.visible:
                    self._check_layer(child, row, plan, res, m)
            return
        if isinstance(layer, TextLayer):
            layout = self._layout(layer, row) if parent == Affine() else layout_text(layer, self.doc.fonts, {})
            shown = layout.text.replace("\n", " ").strip()
            name = layer.display_name()
            if layout.missing:
                chars = ", ".join(repr(c) for c in layout.missing)
                row.error(
                    f"the font {layer.font_family} {layer.font_style} has no glyph for {chars} in {shown!r} (layer '{name}')."
                )
            if layer.fit == "shrink" and layout.size < min(MIN_TEXT_PT, layer.size) - 1e-6:
                row.error(
                    f"the text {shown!r} does not fit its box in layer '{name}' even at {MIN_TEXT_PT:g} pt; shorten it or widen the box."
                )
            elif layer.box_height is not None and layout.ink_bounds.height > layer.box_height + 0.01:
                row.warning(f"the text {shown!r} is taller than its box in layer '{name}'.")
            ink = layout.ink_bounds.transformed(m)
            trim = plan.area.trim_rect
            if ink.width > 0 and (
                ink.left < trim.left or ink.right > trim.right or ink.top < trim.top or ink.bottom > trim.bottom
            ):
                row.warning(f"the text {shown!r} runs past the edge of the print area in layer '{name}'.")
            return
        if isinstance(layer, ImageLayer) and layer.asset.startswith(_ROW_ASSET):
            result = self._lay_out(layer, res, {})
            for item in result.items:
                if isinstance(item, DrawImage):
                    dpi = MM_PER_INCH / max(item.transform.scale_factors())
                    photo = row.images.get(layer.id)
                    label = photo.name if photo else layer.asset
                    if dpi < MIN_DPI:
                        row.error(
                            f"the photo {label} prints at {dpi:.0f} DPI, under {MIN_DPI:.0f}: it would look pixelated."
                        )
                    elif dpi < GOOD_DPI:
                        row.warning(f"the photo {label} prints at {dpi:.0f} DPI; {GOOD_DPI:.0f} is recommended.")

    def display_list(self, row: RowValues, area_id: str) -> DisplayList:
        """The row's complete display list of one area (for PNG and SVG output)."""
        plan = self._plans[area_id]
        page = plan.page
        dl = DisplayList(area_id=area_id, trim=plan.area.trim_rect, page=page, die_line=plan.area.outline())
        background = plan.background
        if plan.background_varies:
            background = row.backgrounds.get(area_id, background)
            if background is not None:
                dl.items.append(FillPath(GeoPath.rectangle(page.x, page.y, page.width, page.height), background))
        photos: dict[str, ImageSource] = {}
        for segment in plan.segments:
            if isinstance(segment, _Static):
                dl.items.extend(segment.items)
                continue
            layer = self._row_layer(segment, row, photos)
            if layer is None:
                continue
            result = self._lay_out(layer, _RowResources(self.doc.resources, photos), {})
            if result.error is not None:
                raise result.error
            dl.items.extend(result.items)
        return dl

    def art(self, row: RowValues) -> list[ItemArt]:
        """One :class:`ItemArt` per area: the page content of this row."""
        arts = []
        for area_id in self.areas:
            plan = self._plans[area_id]
            page = plan.page
            writer = _ContentWriter(self.res, self.cmyk, page)
            out = writer.out
            if plan.background_varies:
                background = row.backgrounds.get(area_id, plan.background)
                if background is not None:
                    writer.items(
                        [FillPath(GeoPath.rectangle(page.x, page.y, page.width, page.height), background)], 1.0
                    )
            text: list[str] = []
            photos: dict[str, ImageSource] = {}
            for segment in plan.segments:
                if isinstance(segment, _Static):
                    if segment.form is not None:
                        out.append(f"/{segment.form} Do")
                    text.extend(segment.text_ops)
                    continue
                layer = self._row_layer(segment, row, photos)
                if layer is None:
                    continue
                if isinstance(layer, TextLayer) and layer.stroke is None:
                    layout = self._layout(layer, row)
                    # Glyph forms for text in one face; colour glyphs (emoji) and letters from a
                    # fallback face are drawn as the plain outlines every export draws.
                    if not layout.colors and all(g.face_key in ("", layout.face_key) for g in layout.glyphs):
                        self._glyphs(writer, layer, layout)
                        text.extend(self._text_ops(layer, layout))
                        continue
                result = self._lay_out(layer, _RowResources(self.doc.resources, photos), {})
                if result.error is not None:
                    raise result.error
                writer.items(result.items, 1.0)
                for text_layer, matrix in _text_layers(layer, Affine()):
                    text.extend(self._text_ops(text_layer, layout_text(text_layer, self.doc.fonts, {}), matrix))
            arts.append(
                ItemArt(
                    "\n".join(out).encode("latin-1"),
                    page,
                    plan.area.trim_rect,
                    plan.area.outline(),
                    "\n".join(text).encode("latin-1"),
                )
            )
        return arts

    # -- text -------------------------------------------------------------------------------------

    def _glyphs(self, writer: _ContentWriter, layer: TextLayer, layout: TextLayout) -> None:
        """Glyphs as references to one form per glyph outline (stored once in the file)."""
        if not layout.glyphs:
            return
        face = self.doc.fonts.face(layer.font_family, layer.font_style)
        m = layer.transform.to_affine()
        out = writer.out
        head = ["q", writer.color(layer.color, stroke=False)]
        if layer.opacity < 1.0:
            head.append(f"/{self.res.gstate(layer.opacity)} gs")
        if layer.arc is None:
            # Straight text: the layer's transform once, then each glyph at its pen position with
            # the one scale all its glyphs share (font units to millimetres, y flipped).
            first = layout.glyphs[0].transform
            head.append(f"{_fine(m.a)} {_fine(m.b)} {_fine(m.c)} {_fine(m.d)} {_n(m.e)} {_n(m.f)} cm")
            scale = f"q {_fine(first.a)} 0 0 {_fine(first.d)} "
            out.append(" ".join(head))
            plain_form = self.res.plain_form
            for glyph in layout.glyphs:
                shape = face.glyph(glyph.glyph_id)
                if shape.bounds is None:
                    continue
                name = plain_form("Gl", ("glyph", face.key, glyph.glyph_id), partial(_glyph_form, shape))
                t = glyph.transform
                out.append(f"{scale}{_n(t.e)} {_n(t.f)} cm /{name} Do Q")
            out.append("Q")
            return
        out.append(" ".join(head))
        for glyph in layout.glyphs:
            shape = face.glyph(glyph.glyph_id)
            if shape.bounds is None:
                continue
            name = self.res.plain_form(
                "Gl",
                ("glyph", face.key, glyph.glyph_id),
                partial(_glyph_form, shape),
            )
            g = m @ glyph.transform
            # Font units are tiny in millimetres: the scale needs more digits than a position.
            out.append(f"q {_fine(g.a)} {_fine(g.b)} {_fine(g.c)} {_fine(g.d)} {_n(g.e)} {_n(g.f)} cm /{name} Do Q")
        out.append("Q")

    def _text_ops(self, layer: TextLayer, layout: TextLayout, parent: Affine | None = None) -> list[str]:
        """Invisible text for each line of a laid-out text layer (found by pdftotext, selectable)."""
        m = (parent or Affine()) @ layer.transform.to_affine()
        size = pt_to_mm(layout.size)
        ops: list[str] = []
        text = layout.text
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            glyphs = [g for g in layout.glyphs if start <= g.cluster < max(end, start + 1)]
            start = end + 1
            if not line.strip() or not glyphs:
                continue
            first = glyphs[0].transform
            x0 = min(g.transform.e for g in glyphs)
            x1 = max(g.transform.e + g.advance for g in glyphs)
            origin = (
                m @ Affine.translation(x0, first.f) if layer.arc is None else m @ Affine.translation(first.e, first.f)
            )
            ops.append(text_operators(line, origin, size, x1 - x0 if layer.arc is None else 0.0))
        return [op for op in ops if op]


def _same(value: tuple[bytes, tuple[float, float, float, float]]) -> tuple[bytes, tuple[float, float, float, float]]:
    return value


def _fine(value: float) -> str:
    """A matrix scale factor with eight significant digits (no exponent)."""
    if value == 0.0:
        return "0"
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text_layers(layer: AnyLayer, parent: Affine) -> list[tuple[TextLayer, Affine]]:
    if isinstance(layer, TextLayer):
        return [(layer, parent)]
    if isinstance(layer, GroupLayer):
        m = parent @ layer.transform.to_affine()
        return [pair for child in layer.children if child.visible for pair in _text_layers(child, m)]
    return []


def _glyph_form(shape: GlyphShape) -> tuple[bytes, tuple[float, float, float, float]]:
    assert shape.bounds is not None
    return _glyph_content(shape.outline), _bbox(shape.bounds)


def _glyph_content(outline: tuple[tuple[object, ...], ...]) -> bytes:
    path = GeoPath(segments=list(outline))  # type: ignore[arg-type]
    return (path_operators(path) + " f").encode("latin-1")


def _bbox(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = bounds
    return (x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."
