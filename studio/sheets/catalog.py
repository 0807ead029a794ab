"""The papers and label sheets that ``--sheet`` accepts, and how a sheet is named.

Label sheets come from gLabels' template database, converted by ``tools/import_label_sheets.py``
into ``assets/sheets/label-sheets.json`` (its licence is beside it). A sheet is named as people
say it: ``a4``, ``letter``, ``300x450mm``, ``8.5x14in``, ``22in-roll``, or a maker and part
number, ``Avery L7160``. Options follow after commas: ``a4,landscape,margin=8,gap=3,no-rotate,
marks=edges``.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from studio.model.errors import StudioError
from studio.resources import assets_dir
from studio.sheets.model import (
    DEFAULT_GAP,
    DEFAULT_MARGIN,
    DEFAULT_ROLL_MARGIN,
    LabelShape,
    LabelSheet,
    MarksAt,
    Paper,
    Sheet,
)

MM_PER_INCH = 25.4

PAPERS: dict[str, tuple[float, float]] = {
    "a3": (297.0, 420.0),
    "a4": (210.0, 297.0),
    "a5": (148.0, 210.0),
    "a6": (105.0, 148.0),
    "sra3": (320.0, 450.0),
    "sra4": (225.0, 320.0),
    "letter": (215.9, 279.4),
    "legal": (215.9, 355.6),
    "tabloid": (279.4, 431.8),
    "ledger": (431.8, 279.4),
}
"""Named cut-sheet papers (portrait width and height, mm)."""

_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in)$")
_ROLL = re.compile(r"^(\d+(?:\.\d+)?)\s*(mm|cm|in)[- ]roll$")
_UNIT = {"mm": 1.0, "cm": 10.0, "in": MM_PER_INCH}
_LARGEST = 5000.0  # mm: a 5 m wide sheet is beyond any printer; a typo more likely
_OPTIONS = ("margin=MM", "gap=MM", "landscape", "no-rotate", "marks=items|edges")


class SheetError(StudioError):
    """A sheet name or option that Studio does not know."""


def _key(text: str) -> str:
    """A name reduced to letters and digits, so that 'Avery L7160', 'avery-l7160' and 'AVERY L 7160' match."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


@functools.cache
def label_sheets() -> tuple[LabelSheet, ...]:
    """Every label sheet of the bundled database, sorted by maker and part."""
    path = assets_dir() / "sheets" / "label-sheets.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StudioError(f"{path}: the label-sheet database cannot be read ({error}).") from error
    out: list[LabelSheet] = []
    for entry in data["sheets"]:
        out.extend(_sheets_of(entry))
    return tuple(out)


def _sheets_of(entry: dict[str, Any]) -> Iterable[LabelSheet]:
    # A product with two kinds of labels on one page (rare) is listed once per kind.
    labels = entry["labels"]
    for index, label in enumerate(labels):
        kind = label["shape"]
        width, height = float(label["w"]), float(label["h"])
        diameter = 0.0
        if "clip" in label:
            diameter = width
            width, height = float(label["clip"][0]), float(label["clip"][1])
        waste = label.get("waste", (0.0, 0.0))
        shape = LabelShape(
            kind=kind,
            width=width,
            height=height,
            corner_radius=float(label.get("r", 0.0)),
            hole=float(label.get("hole", 0.0)),
            diameter=diameter,
            waste=(float(waste[0]), float(waste[1])),
        )
        positions = sorted(
            (
                (round(x0 + ix * dx, 4), round(y0 + iy * dy, 4))
                for nx, ny, x0, y0, dx, dy in label["layouts"]
                for iy in range(ny)
                for ix in range(nx)
            ),
            key=lambda p: (p[1], p[0]),
        )
        suffix = f" ({index + 1})" if len(labels) > 1 else ""
        yield LabelSheet(
            brand=entry["brand"],
            part=entry["part"] + suffix,
            description=entry["description"],
            width=float(entry["size"][0]),
            height=float(entry["size"][1]),
            shape=shape,
            positions=tuple(positions),
            paper=entry.get("paper"),
            aliases=tuple(a + suffix for a in entry["aliases"]),
            categories=tuple(entry.get("categories", ())),
            roll=bool(entry.get("roll", False)),
        )


@functools.cache
def _label_index() -> dict[str, LabelSheet]:
    index: dict[str, LabelSheet] = {}
    for sheet in label_sheets():
        for name in sheet.names:
            index.setdefault(_key(name), sheet)
    return index


def find_label_sheet(name: str) -> LabelSheet | None:
    """The label sheet called ``name`` (maker and part number, any case and spacing), or None."""
    return _label_index().get(_key(name))


def search_label_sheets(text: str = "") -> list[LabelSheet]:
    """Label sheets whose maker, part numbers or description contain every word of ``text``."""
    words = [_key(w) for w in text.split() if _key(w)]
    out = []
    for sheet in label_sheets():
        haystack = _key(" ".join([*sheet.names, sheet.description, sheet.shape.kind, *sheet.categories]))
        if all(w in haystack for w in words):
            out.append(sheet)
    return out


def papers() -> list[Paper]:
    """The named papers and the rolls most used for gang sheets."""
    named = [Paper(name, w, h) for name, (w, h) in PAPERS.items()]
    rolls = [
        Paper(f"{inches}in-roll", inches * MM_PER_INCH, None, margin=DEFAULT_ROLL_MARGIN) for inches in (13, 22, 24)
    ]
    return named + rolls


def parse_sheet(spec: str) -> Sheet:
    """The sheet that ``spec`` names, with its options applied.

    Raises
    ------
    SheetError
        When the name is unknown or an option is not understood; the message lists what is accepted.
    """
    name, *options = [part.strip() for part in spec.split(",")]
    if not name:
        raise SheetError("--sheet needs a paper (a4, letter, 300x450mm, 22in-roll...) or a label sheet (Avery L7160).")
    sheet = _named(name)
    return _with_options(sheet, options, spec)


def _named(name: str) -> Sheet:
    lowered = name.casefold().replace(" ", "")
    if lowered in PAPERS:
        w, h = PAPERS[lowered]
        return Paper(lowered, w, h)
    m = _SIZE.match(lowered)
    if m:
        unit = _UNIT[m.group(3)]
        w, h = float(m.group(1)) * unit, float(m.group(2)) * unit
        _check_size(name, w, h)
        return Paper(lowered, w, h)
    m = _ROLL.match(lowered)
    if m:
        w = float(m.group(1)) * _UNIT[m.group(2)]
        _check_size(name, w, w)
        return Paper(lowered, w, None, margin=DEFAULT_ROLL_MARGIN)
    found = find_label_sheet(name)
    if found is not None:
        return found
    raise SheetError(f"unknown sheet {name!r}; {_suggestion(name)}")


def _check_size(name: str, w: float, h: float) -> None:
    if not (10.0 <= w <= _LARGEST and 10.0 <= h <= _LARGEST):
        raise SheetError(f"the sheet {name!r} is {w:g} × {h:g} mm; a sheet must be 10 to {_LARGEST:g} mm on each side.")


def _suggestion(name: str) -> str:
    key = _key(name)
    brands = {_key(s.brand): s.brand for s in label_sheets()}
    if key in brands:
        return f"give the part number too (studio sheets list --search {brands[key].lower()} lists them)"
    names = {_key(p.name): p.name for p in papers()}
    names.update((_key(n), n) for s in label_sheets() for n in s.names)
    close = [names[k] for k in difflib.get_close_matches(key, list(names), n=4, cutoff=0.75)]
    if close:
        return f"did you mean {' or '.join(close)}? (studio sheets list --search TEXT shows them all)"
    return (
        "give a paper (a4, a3, letter, tabloid, sra3, WxHmm, WxHin, 22in-roll) or a label sheet "
        "by maker and part number (studio sheets list --search avery)"
    )


def _with_options(sheet: Sheet, options: list[str], spec: str) -> Sheet:
    for option in options:
        key, sep, value = (s.strip() for s in option.partition("="))
        key = key.casefold()
        if key == "marks" and sep:
            if value not in ("items", "edges"):
                raise SheetError(f"{spec!r}: marks= takes 'items' or 'edges', not {value!r}.")
            marks: MarksAt = "items" if value == "items" else "edges"
            sheet = replace(sheet, marks_at=marks)
            continue
        if isinstance(sheet, LabelSheet):
            raise SheetError(
                f"{spec!r}: the option {option!r} does not apply to a label sheet, whose labels are where its maker cut them."
            )
        if key in ("margin", "gap") and sep:
            number = _length(value, spec, key)
            sheet = replace(sheet, margin=number) if key == "margin" else replace(sheet, gap=number)
        elif key == "landscape" and not sep:
            if sheet.height is None:
                raise SheetError(f"{spec!r}: a roll has no landscape orientation.")
            sheet = replace(sheet, width=max(sheet.width, sheet.height), height=min(sheet.width, sheet.height))
        elif key == "no-rotate" and not sep:
            sheet = replace(sheet, allow_rotate=False)
        else:
            raise SheetError(f"{spec!r}: unknown option {option!r}; the options are {', '.join(_OPTIONS)}.")
    return sheet


def _length(value: str, spec: str, key: str) -> float:
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(mm|cm|in)?$", value.casefold())
    if not m:
        raise SheetError(f"{spec!r}: {key}= takes a length in mm (or with 'in'), not {value!r}.")
    number = float(m.group(1)) * _UNIT[m.group(2) or "mm"]
    if not math.isfinite(number) or number > 500.0:
        raise SheetError(f"{spec!r}: {key}={value} is more than 500 mm.")
    return number


__all__ = [
    "DEFAULT_GAP",
    "DEFAULT_MARGIN",
    "PAPERS",
    "SheetError",
    "find_label_sheet",
    "label_sheets",
    "papers",
    "parse_sheet",
    "search_label_sheets",
]
