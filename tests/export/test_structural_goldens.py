"""Structural goldens: the SVG and PDF of each shipped example, normalised, against reviewed text files.

Pixels forgive what structure does not: a colour one level off, a layer drawn twice under itself, an
image stored again, a box a tenth of a point out. Each export is reduced to a stable text (ids and
dates normalised, embedded data replaced by its digest, numbers rounded to 0.01 of the file's unit)
and compared line by line with ``tests/golden/structure``. ``STUDIO_UPDATE_GOLDEN=1`` rewrites them;
a person reads the diff before committing it.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import os
import re
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest

from studio.export.document import open_document
from studio.export.options import PdfOptions, SvgOptions
from studio.export.pdf import export_pdf
from studio.export.svg import export_svg

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "structure"
EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/design.json"))

NUMBER = re.compile(r"-?\d+\.\d+")
DATA_URI = re.compile(r"data:([\w/+.-]+);base64,([A-Za-z0-9+/=\s]+)")


def _cases() -> list[tuple[str, str]]:
    cases = []
    for name in EXAMPLES:
        doc = open_document(ROOT / "examples" / name / "design.json")
        cases.extend((name, area) for area in doc.designed_area_ids())
    return cases


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _round(match: re.Match[str]) -> str:
    value = round(float(match.group(0)), 2)
    return f"{value:g}" if value != 0 else "0"


def normalised_svg(text: str) -> str:
    text = DATA_URI.sub(lambda m: f"data:{m.group(1)};sha256,{_digest(base64.b64decode(m.group(2)))}", text)
    text = NUMBER.sub(_round, text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def _operand(value: object) -> str:
    if isinstance(value, Decimal | float):
        number = round(float(value), 2)
        return f"{number:g}" if number != 0 else "0"
    if isinstance(value, pikepdf.Array):
        return "[" + " ".join(_operand(v) for v in value) + "]"
    return str(value)


def _content(lines: list[str], indent: str, stream: pikepdf.Object | pikepdf.Page) -> None:
    for operands, operator in pikepdf.parse_content_stream(stream):
        lines.append(indent + " ".join([*(_operand(v) for v in operands), str(operator)]))


def _xobjects(lines: list[str], indent: str, resources: pikepdf.Dictionary, seen: set[tuple[int, int]]) -> None:
    for name, xobject in sorted(resources.get("/XObject", {}).items()):
        key = xobject.objgen
        if key in seen:
            lines.append(f"{indent}{name}: (again)")
            continue
        seen.add(key)
        if xobject.Subtype == "/Image":
            lines.append(
                f"{indent}{name}: image {int(xobject.Width)}x{int(xobject.Height)} "
                f"{xobject.get('/ColorSpace', '')} {xobject.get('/Filter', '')} "
                f"smask={'/SMask' in xobject} data={_digest(xobject.read_raw_bytes())}"
            )
        else:
            lines.append(f"{indent}{name}: form bbox {_operand(xobject.BBox)}")
            _content(lines, indent + "    ", xobject)
            _xobjects(lines, indent + "  ", xobject.get("/Resources", pikepdf.Dictionary()), seen)


def normalised_pdf(path: Path) -> str:
    lines: list[str] = []
    with pikepdf.open(path) as pdf:
        info = pdf.docinfo
        lines.append(f"info: {sorted(k for k in info if k not in ('/CreationDate', '/ModDate'))}")
        intents = pdf.Root.get("/OutputIntents")
        lines.append(f"output intents: {len(intents) if intents is not None else 0}")
        seen: set[tuple[int, int]] = set()
        for number, page in enumerate(pdf.pages, 1):
            lines.append(f"page {number}")
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                if box in page.obj:
                    lines.append(f"  {box[1:]} {_operand(page.obj[box])}")
            for name, space in sorted(page.Resources.get("/ColorSpace", {}).items()):
                lines.append(
                    f"  colorspace {name}: {_operand(space[1]) if isinstance(space, pikepdf.Array) else space}"
                )
            _content(lines, "    ", page)
            _xobjects(lines, "  ", page.Resources, seen)
    return "\n".join(lines) + "\n"


def _check(actual: str, golden: Path) -> None:
    if os.environ.get("STUDIO_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual)
        return
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}; run with STUDIO_UPDATE_GOLDEN=1 and review it")
    expected = golden.read_text()
    if actual != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden", "now", lineterm="", n=1))
        shown = "\n".join(diff[:40])
        pytest.fail(f"{golden.name} changed ({len(diff)} diff lines):\n{shown}", pytrace=False)


@pytest.mark.parametrize(("example", "area"), _cases())
def test_svg_structure(tmp_path, example, area):
    doc = open_document(ROOT / "examples" / example / "design.json")
    out = export_svg(doc, tmp_path / "a.svg", options=SvgOptions(area=area, bleed=doc.print_area(area).bleed))
    _check(normalised_svg(out.read_text()), GOLDEN / f"{example}-{area}.svg.txt")


@pytest.mark.parametrize(("example", "area"), _cases())
def test_pdf_structure(tmp_path, example, area):
    doc = open_document(ROOT / "examples" / example / "design.json")
    out = export_pdf(doc, tmp_path / "a.pdf", options=PdfOptions(areas=(area,), marks=True, cut_line=True))
    _check(normalised_pdf(out), GOLDEN / f"{example}-{area}.pdf.txt")
