"""Convert gLabels' template database into Studio's label-sheet data (``assets/sheets/``).

gLabels (https://github.com/jimevins/glabels-qt) keeps its label-sheet products in
``templates/*.xml`` under an MIT-style licence that is separate from the program's GPL (its
``templates/LICENSE``). This script reads those XML files and writes one compact JSON file
that :mod:`studio.sheets` loads: every length in millimetres, each product's other part numbers
folded into its ``aliases``. Run it again when the database is updated::

    python tools/import_label_sheets.py /path/to/glabels-qt/templates --source "glabels-qt COMMIT"

It copies the licence beside the JSON file. Label kinds Studio cannot place (continuous rolls
and free-form paths) are counted and left out.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

_UNITS = {"pt": 25.4 / 72.0, "in": 25.4, "mm": 1.0, "cm": 10.0, "pc": 25.4 / 6.0}
_LENGTH = re.compile(r"^\s*(-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\s*([a-z]*)\s*$")
REPAIRED: list[str] = []
"""Lengths that could not be read (and were taken as missing), reported at the end."""
_SHAPES = {"Label-rectangle": "rect", "Label-round": "round", "Label-ellipse": "ellipse", "Label-cd": "cd"}


def length(text: str | None, default: float = 0.0) -> float:
    """A gLabels length in mm (a bare number is in points, as gLabels reads it)."""
    if text is None or not text.strip():
        return default
    m = _LENGTH.match(text)
    if not m or m.group(2) not in ("", *_UNITS):
        # gLabels reads what it cannot parse as nothing; a few entries have such typos ('in').
        REPAIRED.append(text)
        return default
    return float(m.group(1)) * _UNITS[m.group(2) or "pt"]


def _mm(value: float) -> float:
    return round(value, 4)


def read_papers(folder: Path) -> dict[str, list[float]]:
    root = _without_namespaces(ElementTree.parse(folder / "paper-sizes.xml").getroot())
    return {
        p.get("id"): [_mm(length(p.get("width"))), _mm(length(p.get("height")))]
        for p in root.iter("Paper-size")
        if p.get("id")
    }


def _without_namespaces(root: Any) -> Any:
    """Some files declare gLabels' XML namespace, others do not: read both alike."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]
    return root


def _label(element: Any) -> dict[str, Any]:
    shape = _SHAPES[element.tag]
    out: dict[str, Any] = {"shape": shape}
    if shape == "rect":
        out["w"], out["h"] = _mm(length(element.get("width"))), _mm(length(element.get("height")))
        out["r"] = _mm(length(element.get("round")))
    elif shape == "ellipse":
        out["w"], out["h"] = _mm(length(element.get("width"))), _mm(length(element.get("height")))
    else:
        radius = length(element.get("radius"))
        out["w"] = out["h"] = _mm(2 * radius)
        if shape == "cd":
            out["hole"] = _mm(2 * length(element.get("hole")))
            # Business-card CDs are a disc clipped to a rectangle: width and height say where.
            if element.get("width") or element.get("height"):
                out["clip"] = [
                    _mm(length(element.get("width"), 2 * radius)),
                    _mm(length(element.get("height"), 2 * radius)),
                ]
    waste = length(element.get("waste"))
    x_waste, y_waste = length(element.get("x_waste"), waste), length(element.get("y_waste"), waste)
    if x_waste or y_waste:
        out["waste"] = [_mm(x_waste), _mm(y_waste)]
    layouts = []
    for lay in element.iter("Layout"):
        layouts.append(
            [
                int(lay.get("nx", "1")),
                int(lay.get("ny", "1")),
                _mm(length(lay.get("x0"))),
                _mm(length(lay.get("y0"))),
                _mm(length(lay.get("dx"))),
                _mm(length(lay.get("dy"))),
            ]
        )
    out["layouts"] = layouts
    return out


def read_sheets(folder: Path, papers: dict[str, list[float]]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    sheets: dict[tuple[str, str], dict[str, Any]] = {}
    aliases: list[tuple[str, str, str]] = []
    skipped: dict[str, int] = {}
    for xml in sorted(folder.glob("*-templates.xml")):
        root = _without_namespaces(ElementTree.parse(xml).getroot())
        for tpl in root.iter("Template"):
            brand, part = tpl.get("brand", "").strip(), tpl.get("part", "").strip()
            if not brand or not part:
                continue
            equiv = tpl.get("equiv")
            if equiv:
                aliases.append((brand, part, equiv.strip()))
                continue
            labels = [child for child in tpl if isinstance(child.tag, str) and child.tag.startswith("Label-")]
            kinds = [child.tag for child in labels]
            unknown = [k for k in kinds if k not in _SHAPES]
            if not labels or unknown:
                for k in unknown or ["no label"]:
                    skipped[k] = skipped.get(k, 0) + 1
                continue
            size = tpl.get("size", "")
            if size in papers:
                paper: str | None = size
                width, height = papers[size]
            else:
                paper = None
                width, height = _mm(length(tpl.get("width"))), _mm(length(tpl.get("height")))
            if width <= 0 or height <= 0:
                skipped["no page size"] = skipped.get("no page size", 0) + 1
                continue
            entry: dict[str, Any] = {
                "brand": brand,
                "part": part,
                "aliases": [],
                "description": (tpl.get("_description") or tpl.get("description") or "").strip(),
                "paper": paper,
                "size": [width, height],
                "categories": [m.get("category") for m in tpl.iter("Meta") if m.get("category")],
                "labels": [_label(label) for label in labels],
            }
            if size == "roll":
                entry["roll"] = True
            sheets[(brand.lower(), part.lower())] = entry
    for brand, part, equiv in aliases:
        target = sheets.get((brand.lower(), equiv.lower()))
        if target is None:
            key = f"alias {brand} {part} of an unknown part {equiv}"
            skipped[key] = skipped.get(key, 0) + 1
            continue
        target["aliases"].append(part)
    ordered = sorted(sheets.values(), key=lambda s: (s["brand"].lower(), s["part"].lower()))
    return ordered, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("templates", type=Path, help="gLabels' templates folder")
    parser.add_argument("--source", required=True, help="where the database came from (repository and commit)")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path(__file__).resolve().parent.parent / "assets" / "sheets"
    )
    args = parser.parse_args(argv)
    papers = read_papers(args.templates)
    sheets, skipped = read_sheets(args.templates, papers)
    args.output.mkdir(parents=True, exist_ok=True)
    data = {
        "source": args.source,
        "licence": "LICENSE (MIT-style, the gLabels template database's own licence)",
        "units": "mm",
        "papers": papers,
        "sheets": sheets,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One product per line: small diffs when the database changes, and still compact.
    text = text.replace('},{"brand"', '},\n{"brand"')
    (args.output / "label-sheets.json").write_text(text + "\n", encoding="utf-8")
    shutil.copyfile(args.templates / "LICENSE", args.output / "LICENSE")
    layouts = sum(len(s["labels"]) for s in sheets)
    names = len(sheets) + sum(len(s["aliases"]) for s in sheets)
    brands = len({s["brand"].lower() for s in sheets})
    print(
        f"{len(sheets)} sheets ({layouts} layouts, {names} product names, {brands} makers); left out: {skipped}; unreadable lengths taken as missing: {REPAIRED}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
