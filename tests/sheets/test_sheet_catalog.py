"""Naming sheets: papers, sizes, rolls, label sheets and their options."""

from __future__ import annotations

import json

import pytest

from studio.resources import assets_dir
from studio.sheets import LabelSheet, Paper, SheetError, label_sheets, parse_sheet, search_label_sheets


def test_the_database_is_gLabels_with_its_licence_beside_it():
    folder = assets_dir() / "sheets"
    licence = (folder / "LICENSE").read_text()
    assert "Permission is hereby granted, free of charge" in licence and "Jim Evins" in licence
    data = json.loads((folder / "label-sheets.json").read_text())
    assert "glabels" in data["source"]
    sheets = label_sheets()
    assert len(sheets) > 1000
    assert len({s.brand for s in sheets}) > 50
    kinds = {s.shape.kind for s in sheets}
    assert kinds == {"rect", "round", "ellipse", "cd"}


@pytest.mark.parametrize(
    ("spec", "size"),
    [
        ("a4", (210, 297)),
        ("A3", (297, 420)),
        ("letter", (215.9, 279.4)),
        ("tabloid", (279.4, 431.8)),
        ("sra3", (320, 450)),
        ("300x450mm", (300, 450)),
        ("8.5x14in", (215.9, 355.6)),
        ("a4,landscape", (297, 210)),
    ],
)
def test_papers(spec, size):
    sheet = parse_sheet(spec)
    assert isinstance(sheet, Paper)
    assert (sheet.width, sheet.height) == pytest.approx(size)


def test_options_apply_to_papers():
    sheet = parse_sheet("a4, margin=8, gap=0.25in, no-rotate, marks=edges")
    assert isinstance(sheet, Paper)
    assert (sheet.margin, sheet.gap, sheet.allow_rotate, sheet.marks_at) == (8, pytest.approx(6.35), False, "edges")
    assert parse_sheet("24in-roll").height is None


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("a44", "unknown sheet 'a44'; did you mean a4?"),
        ("Avery", "give the part number too"),
        ("avery l7610", "did you mean"),
        ("a4,margin=wide", "margin= takes a length"),
        ("a4,bleed=3", "unknown option 'bleed=3'; the options are"),
        ("Avery L7160,gap=2", "does not apply to a label sheet"),
        ("22in-roll,landscape", "a roll has no landscape"),
        ("2x2mm", "must be 10 to 5000 mm"),
        ("a4,marks=everywhere", "marks= takes 'items' or 'edges'"),
    ],
)
def test_bad_sheet_names_get_one_sentence(spec, message):
    with pytest.raises(SheetError) as info:
        parse_sheet(spec)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_search_finds_makers_parts_and_shapes():
    found = search_label_sheets("avery L7160")
    assert [s.name for s in found] == ["Avery 7160"]
    rounds = search_label_sheets("avery round")
    assert rounds and all(isinstance(s, LabelSheet) and s.brand == "Avery" for s in rounds)
    assert all(s.shape.kind == "round" or "round" in s.description.lower() for s in rounds)
    assert search_label_sheets("no such maker zzz") == []
