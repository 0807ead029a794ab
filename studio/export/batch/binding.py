"""How the columns of a data file feed a design: fields, photos, colours, options and copies.

A design says what it takes from a row: ``{field}`` placeholders in its text layers (``{name|Friend}``
gives a default for an empty cell, ``{#}`` or ``{#:04}`` the record's number), layers marked with a
``field`` (an image layer's photo, or any layer left out when the field is empty), and, by name, the
template's options (``glass``), parts (``lid``: a colour), area backgrounds (``background`` or
``background:label``), layer colours (``color:<layer id>``) and the number of copies (``quantity``).
A column feeds the field of the same name (letter case and spaces aside) unless ``--map`` says
otherwise. :func:`bind` checks the mapping once; :meth:`Binding.row` turns each record into a
:class:`RowValues` — the set of values a page is made from, applied without copying the design.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from studio.io.data import DataRow
from studio.model.color import Color
from studio.model.design import AnyLayer, GroupLayer, ImageLayer, ShapeLayer, TextLayer
from studio.model.template import Template

__all__ = ["Binding", "Placeholder", "Problem", "RowValues", "bind", "fill", "placeholders"]

Severity = Literal["error", "warning"]

QUANTITY_FIELDS = ("quantity", "qty", "copies")
MAX_COPIES = 10_000

# Colour names anyone may type, besides the template's palettes (CSS's basic sixteen, and French).
_BASIC_COLORS = {
    "black": "#000000", "noir": "#000000", "white": "#FFFFFF", "blanc": "#FFFFFF",
    "red": "#FF0000", "rouge": "#FF0000", "green": "#008000", "vert": "#008000",
    "blue": "#0000FF", "bleu": "#0000FF", "yellow": "#FFFF00", "jaune": "#FFFF00",
    "orange": "#FFA500", "purple": "#800080", "violet": "#800080", "pink": "#FFC0CB", "rose": "#FFC0CB",
    "gray": "#808080", "grey": "#808080", "gris": "#808080", "navy": "#000080", "marine": "#000080",
    "silver": "#C0C0C0", "argent": "#C0C0C0", "gold": "#FFD700", "or": "#FFD700",
    "maroon": "#800000", "olive": "#808000", "teal": "#008080", "aqua": "#00FFFF", "fuchsia": "#FF00FF",
    "lime": "#00FF00", "brown": "#A52A2A", "marron": "#A52A2A",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the job (``row`` None) or with one row, as a person counts rows."""

    severity: Severity
    row: int | None
    message: str
    field: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"severity": self.severity, "row": self.row, "field": self.field, "message": self.message}

    def __str__(self) -> str:
        where = f"row {self.row}: " if self.row is not None else ""
        return f"{self.severity}: {where}{self.message}"


# -- placeholders -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placeholder:
    """``{name}``, ``{name|default}``, ``{#}`` or ``{#:04}`` in a text."""

    name: str
    default: str | None = None
    spec: str = ""


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_ -]{0,63}$")
_SPEC = re.compile(r"^[<>^=]?[+ -]?0?\d{0,3}[dxXob]?$")


def _tokens(text: str) -> Iterator[str | Placeholder]:
    """Literal text and placeholders; ``{{`` and ``}}`` are braces, anything else in braces stays as typed."""
    i, n = 0, len(text)
    literal: list[str] = []
    while i < n:
        ch = text[i]
        if ch in "{}" and text[i : i + 2] in ("{{", "}}"):
            literal.append(ch)
            i += 2
            continue
        if ch == "{":
            end = text.find("}", i + 1)
            inner = text[i + 1 : end] if end > 0 else ""
            ph = _placeholder(inner) if end > 0 and "{" not in inner else None
            if ph is not None:
                if literal:
                    yield "".join(literal)
                    literal = []
                yield ph
                i = end + 1
                continue
        literal.append(ch)
        i += 1
    if literal:
        yield "".join(literal)


def _placeholder(inner: str) -> Placeholder | None:
    if inner.startswith("#"):
        spec = inner[1:]
        if spec == "":
            return Placeholder("#")
        if spec.startswith(":") and _SPEC.match(spec[1:]):
            return Placeholder("#", spec=spec[1:])
        return None
    name, bar, default = inner.partition("|")
    name = name.strip()
    if not _NAME.match(name):
        return None
    return Placeholder(name, default if bar else None)


def placeholders(text: str) -> list[Placeholder]:
    """The placeholders of ``text``, in order."""
    return [t for t in _tokens(text) if isinstance(t, Placeholder)]


def fill(text: str, values: Mapping[str, str], number: int) -> str:
    """``text`` with its placeholders replaced (an unknown field stays as typed)."""
    out: list[str] = []
    for token in _tokens(text):
        if isinstance(token, str):
            out.append(token)
        elif token.name == "#":
            out.append(format(number, token.spec or "d"))
        else:
            value = values.get(token.name)
            if value:
                out.append(value)
            elif token.default is not None:
                out.append(token.default)
            else:
                out.append("" if value is not None else "{" + token.name + "}")
    return "".join(out)


def _escape(text: str) -> str:
    """Text to hand to a layer whose own placeholders have already been filled."""
    return text.replace("{", "{{").replace("}", "}}")


# -- the binding -----------------------------------------------------------------------------------


@dataclass
class RowValues:
    """What one record changes in the design: the page is the design with these applied."""

    number: int
    """Row number as the spreadsheet shows it (header = 1)."""
    index: int
    """Position of the record in the data (first record = 1): the value of ``{#}``."""
    values: dict[str, str]
    """Every cell of the row by field name (mapped fields) and by column header."""
    images: dict[str, Path] = field(default_factory=dict)
    """Layer id to the photo file it shows in this row."""
    hidden: set[str] = field(default_factory=set)
    """Layers left out of this row (their field is empty)."""
    colors: dict[str, Color] = field(default_factory=dict)
    """Layer id to its colour in this row (text colour or shape fill)."""
    backgrounds: dict[str, Color] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)
    part_colors: dict[str, Color] = field(default_factory=dict)
    copies: int = 1
    problems: list[Problem] = field(default_factory=list)

    def error(self, message: str, field_name: str | None = None) -> None:
        self.problems.append(Problem("error", self.number, message, field_name))

    def warning(self, message: str, field_name: str | None = None) -> None:
        self.problems.append(Problem("warning", self.number, message, field_name))

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def fill(self, text: str) -> str:
        return fill(text, self.values, self.index)


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _walk(layers: list[AnyLayer]) -> Iterator[AnyLayer]:
    for layer in layers:
        yield layer
        if isinstance(layer, GroupLayer):
            yield from _walk(layer.children)


@dataclass
class Binding:
    """The columns each field of a design takes its values from (checked against one data file)."""

    template: Template
    data_dir: Path
    columns: dict[str, str]
    """Field name to the column it reads."""
    required: set[str]
    """Text fields with no default, used outside optional layers: an empty cell is an error."""
    image_layers: dict[str, str]
    """Image layer id to its field."""
    layer_fields: dict[str, str]
    """Layer id to its ``field`` (hidden when empty), image layers included."""
    problems: list[Problem]

    def row(self, record: DataRow, index: int) -> RowValues:
        """The values of one record, with the problems found without drawing anything."""
        values = dict(record.values)
        for name, column in self.columns.items():
            values[name] = record.values.get(column, "")
        row = RowValues(record.number, index, values)
        for name in sorted(self.required):
            if name in self.columns and not values.get(name, "").strip():
                row.error(f"the {self._label(name)} is empty.", name)
        for layer_id, name in self.layer_fields.items():
            if name not in self.columns:
                continue
            if not values.get(name, "").strip():
                row.hidden.add(layer_id)
        for layer_id, name in self.image_layers.items():
            if layer_id in row.hidden or name not in self.columns:
                continue
            self._photo(row, layer_id, name, values[name].strip())
        for name, column in self.columns.items():
            value = values[name].strip()
            if not value:
                continue
            kind, _, key = name.partition(":")
            if name in QUANTITY_FIELDS:
                self._copies(row, name, value)
            elif kind == "color" and key:
                color = self._color(row, name, value, self._palette())
                if color is not None:
                    row.colors[key] = color
            elif kind == "background":
                color = self._color(row, name, value, self._palette())
                if color is not None:
                    for area in [key] if key else [a.id for a in self.template.print_areas]:
                        row.backgrounds[area] = color
            elif name in self._options():
                self._option(row, name, value)
            elif name in self._parts():
                color = self._color(row, name, value, self._palette(name))
                if color is not None:
                    row.part_colors[name] = color
            del column
        return row

    def _label(self, name: str) -> str:
        column = self.columns.get(name, name)
        return f"field {name!r} (column {column!r})" if column != name else f"column {column!r}"

    def _photo(self, row: RowValues, layer_id: str, name: str, value: str) -> None:
        path = Path(value)
        if not path.is_absolute():
            path = self.data_dir / path
        try:
            resolved = path.resolve()
        except OSError:
            resolved = path
        if not resolved.is_file():
            row.error(f"the photo {value!r} ({self._label(name)}) does not exist beside the data file.", name)
            return
        row.images[layer_id] = resolved

    def _copies(self, row: RowValues, name: str, value: str) -> None:
        text = value.replace(" ", "")
        if text.endswith(".0"):
            text = text[:-2]
        if not text.isdigit() or not 0 <= int(text) <= MAX_COPIES:
            row.error(
                f"the {self._label(name)} should be a whole number of copies from 0 to {MAX_COPIES}, not {value!r}.",
                name,
            )
            return
        row.copies = int(text)

    def _options(self) -> dict[str, set[str]]:
        return {o.id: {c.id for c in o.choices} for o in self.template.options}

    def _parts(self) -> set[str]:
        return {p.id for p in self.template.parts}

    def _option(self, row: RowValues, name: str, value: str) -> None:
        option = next(o for o in self.template.options if o.id == name)
        by_name: dict[str, str] = {}
        for choice in option.choices:
            by_name[_fold(choice.id)] = choice.id
            for label in _names(choice.name):
                by_name.setdefault(_fold(label), choice.id)
        choice_id = by_name.get(_fold(value))
        if choice_id is None:
            choices = ", ".join(c.id for c in option.choices)
            row.error(f"the option {name!r} has no choice {value!r}; the choices are {choices}.", name)
            return
        row.options[name] = choice_id

    def _palette(self, part: str | None = None) -> dict[str, Color]:
        out: dict[str, Color] = {}
        for p in self.template.parts:
            if part is not None and p.id != part:
                continue
            for named in p.palette:
                for label in _names(named.name):
                    out.setdefault(_fold(label), named.color)
        return out

    def _color(self, row: RowValues, name: str, value: str, palette: dict[str, Color]) -> Color | None:
        known = palette.get(_fold(value))
        if known is not None:
            return known
        hex_value = _BASIC_COLORS.get(_fold(value))
        try:
            return Color(hex=hex_value or value)
        except ValueError:
            row.error(f"the {self._label(name)} should be a colour like #1A2B3C or a colour name, not {value!r}.", name)
            return None


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [str(v) for v in value.values()]
    return []


def bind(
    layers_by_area: Mapping[str, list[AnyLayer]],
    template: Template,
    headers: tuple[str, ...],
    *,
    mapping: Mapping[str, str],
    data_dir: Path,
) -> Binding:
    """Match a design's fields to a data file's columns.

    Parameters
    ----------
    layers_by_area
        The design's layers by print area (the areas the job writes).
    template
        The design's template (options, parts and their palettes).
    headers
        The data file's column names.
    mapping
        ``--map`` choices: field name to column header.
    data_dir
        The data file's folder: photo paths are relative to it.
    """
    problems: list[Problem] = []
    text_fields: dict[str, bool] = {}  # field -> required somewhere
    image_layers: dict[str, str] = {}
    layer_fields: dict[str, str] = {}
    layer_ids: set[str] = set()

    def visit(layer: AnyLayer, optional: bool) -> None:
        layer_ids.add(layer.id)
        if layer.field is not None:
            layer_fields[layer.id] = layer.field
            if isinstance(layer, ImageLayer):
                image_layers[layer.id] = layer.field
            optional = True
        if isinstance(layer, TextLayer):
            for ph in placeholders(layer.text):
                if ph.name == "#":
                    continue
                needed = ph.default is None and not optional
                text_fields[ph.name] = text_fields.get(ph.name, False) or needed
        if isinstance(layer, GroupLayer):
            for child in layer.children:
                visit(child, optional)

    for layers in layers_by_area.values():
        for layer in layers:
            visit(layer, False)

    by_fold = {_fold(h): h for h in headers}
    columns: dict[str, str] = {}
    for name, column in mapping.items():
        if column not in headers:
            near = by_fold.get(_fold(column))
            hint = f" (did you mean {near!r}?)" if near else f"; the columns are {', '.join(map(repr, headers))}"
            problems.append(Problem("error", None, f"--map {name}={column}: the data has no column {column!r}{hint}."))
            continue
        columns[name] = column
    known_fields = set(text_fields) | set(layer_fields.values())
    optional_fields = {o.id for o in template.options} | {p.id for p in template.parts}
    optional_fields |= {"background", *QUANTITY_FIELDS}
    optional_fields |= {f"background:{a.id}" for a in template.print_areas}
    colorable = {
        layer.id
        for layers in layers_by_area.values()
        for layer in _walk(layers)
        if isinstance(layer, TextLayer | ShapeLayer)
    }
    optional_fields |= {f"color:{layer_id}" for layer_id in colorable}
    for name in mapping:
        if name not in known_fields and name not in optional_fields:
            problems.append(
                Problem(
                    "error",
                    None,
                    f"--map {name}=...: the design has no field {name!r}; its fields are "
                    f"{', '.join(sorted(known_fields)) or 'none'}.",
                )
            )
    explicit = set(columns.values())
    for name in sorted(known_fields | optional_fields):
        if name in columns:
            continue
        header = by_fold.get(_fold(name))
        if header is not None and header not in explicit:
            columns[name] = header
    # One column of copies: quantity, qty or copies, whichever comes first.
    copies = [name for name in QUANTITY_FIELDS if name in columns]
    for name in copies[1:]:
        del columns[name]
    for name, needed in sorted(text_fields.items()):
        if name not in columns and needed:
            problems.append(
                Problem(
                    "error",
                    None,
                    f"the design's field {name!r} has no column in the data; add one or map it with --map {name}=COLUMN.",
                    name,
                )
            )
    for name in sorted(set(layer_fields.values())):
        if name not in columns:
            problems.append(
                Problem(
                    "error",
                    None,
                    f"the layer field {name!r} has no column in the data; add one or map it with --map {name}=COLUMN.",
                    name,
                )
            )
    required = {name for name, needed in text_fields.items() if needed}
    return Binding(template, data_dir, columns, required, image_layers, layer_fields, problems)


def escape_braces(text: str) -> str:
    """``text`` made literal for a text layer (placeholders already filled)."""
    return _escape(text)
