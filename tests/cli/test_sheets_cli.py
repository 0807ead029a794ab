"""``studio sheets list`` and ``studio export --sheet``, through the real command, checked with qpdf and poppler."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from studio.model.geometry import Rect

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "sheets"))
from sheet_samples import write_design, write_round_template  # noqa: E402

PT = 72 / 25.4


def studio(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        timeout=120,
    )


def pdf_boxes(path: Path) -> dict[str, tuple[float, ...]]:
    out = subprocess.run(["pdfinfo", "-box", str(path)], capture_output=True, text=True, check=True).stdout
    return {
        m[0]: tuple(float(v) for v in m[1:])
        for m in re.findall(r"(\w+)Box:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out)
    }


def qpdf_ok(path: Path) -> None:
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def strokes_in(page: pikepdf.Page, ink: str) -> list[list[tuple[str, list[float]]]]:
    """The stroked paths drawn in the separation ``ink``, each as its path operators.

    A sheet's content is drawn in sheet millimetres, y down (one ``cm`` at the start of the page).
    """
    spaces = {str(k): v for k, v in page.Resources.get("/ColorSpace", {}).items()}
    names = {k for k, v in spaces.items() if str(v[1]) == f"/{ink}"}
    out: list[list[tuple[str, list[float]]]] = []
    current_space = None
    path: list[tuple[str, list[float]]] = []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "CS":
            current_space = str(operands[0])
        elif op in ("m", "l", "c", "re", "h"):
            path.append((op, [float(v) for v in operands]))
        elif op in ("S", "f", "f*", "n", "B", "b"):
            if op == "S" and current_space in names:
                out.append(path)
            path = []
        elif op == "Q":
            pass
    return out


def subpaths(ops: list[tuple[str, list[float]]]) -> int:
    return sum(1 for op, _ in ops if op == "m")


@pytest.fixture
def round_design(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    write_round_template(templates)
    monkeypatch.setenv("STUDIO_TEMPLATE_PATH", str(templates))
    text = {"kind": "text", "text": "Honey", "font_family": "Inter", "size": 20, "transform": {"x": 31.75, "y": 31.75}}
    return write_design(tmp_path, [text])


def test_sheets_list_finds_label_sheets_by_maker_and_part():
    done = studio("sheets", "list", "--search", "avery l7160")
    assert done.returncode == 0, done.stderr
    assert re.search(r"Avery 7160 \(also L7160, J8160\): 21 rectangular 63\.99 × 38\.1 mm labels on A4", done.stdout)
    done = studio("sheets", "list", "--json", "--search", "avery 5160")
    data = json.loads(done.stdout)
    (sheet,) = [s for s in data["label_sheets"] if s["name"] == "Avery 5160"]
    assert sheet["labels"] == 30 and "Avery 8160" in sheet["aliases"]
    assert sheet["positions_mm"][0] == pytest.approx([0.15625 * 25.4, 0.5 * 25.4], abs=1e-3)
    papers = {p["name"]: p for p in json.loads(studio("sheets", "list", "--json").stdout)["papers"]}
    assert papers["a4"]["width_mm"] == 210 and papers["22in-roll"]["height_mm"] is None
    done = studio("sheets", "list", "--search", "zzz no such")
    assert done.returncode == 1 and done.stderr.count("\n") == 1


def test_round_labels_on_a_label_sheet_with_one_die_line_each(round_design, tmp_path):
    out = tmp_path / "labels.pdf"
    done = studio("export", str(round_design), "--format", "pdf", "--sheet", "Avery 5194", "--cut-line", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "12 items on 1 sheet of Avery 5194" in done.stdout
    qpdf_ok(out)
    boxes = pdf_boxes(out)
    for box in ("Media", "Trim", "Bleed"):
        assert boxes[box] == pytest.approx((0, 0, 612, 792), abs=0.01)
    with pikepdf.open(out) as pdf:
        (page,) = pdf.pages
        # The label is stored once and painted twelve times.
        forms = [k for k, v in page.Resources.XObject.items() if v.Subtype == "/Form"]
        assert len(forms) == 1
        dos = [ops for ops, op in pikepdf.parse_content_stream(page) if str(op) == "Do"]
        assert len(dos) == 12
        (cut,) = strokes_in(page, "CutContour")
        assert subpaths(cut) == 12
        matrices = [[float(v) for v in ops] for ops, op in pikepdf.parse_content_stream(page) if str(op) == "cm"]
        first = next(m for m in matrices if m != [1, 0, 0, 1, 0, 0])
        assert first == pytest.approx([PT, 0, 0, -PT, 0, 792], abs=1e-3)
        # The circles' extreme points are the labels' boxes from the database (gLabels' 5294: x0 0.3125in...).
        from studio.sheets import parse_sheet

        sheet = parse_sheet("Avery 5194")
        xs = [v for op, vals in cut for v in vals[0::2]]
        ys = [v for op, vals in cut for v in vals[1::2]]
        d = sheet.shape.width
        assert min(xs) == pytest.approx(min(x for x, _ in sheet.positions), abs=0.01)
        assert max(xs) == pytest.approx(max(x for x, _ in sheet.positions) + d, abs=0.01)
        assert min(ys) == pytest.approx(min(y for _, y in sheet.positions), abs=0.01)
        assert max(ys) == pytest.approx(max(y for _, y in sheet.positions) + d, abs=0.01)
    # Ghostscript puts the cut lines on a plate of their own; every inked pixel of it lies on one of the
    # twelve label circles, and every circle is inked.
    subprocess.run(["gs", "-q", "-sDEVICE=tiffsep", "-r50", "-o", str(tmp_path / "sep.tif"), str(out)], check=True)
    with Image.open(tmp_path / "sep(CutContour).tif") as plate:
        ink = np.argwhere(np.asarray(plate.convert("L")) < 200)  # rows, columns
    px = 50 / 25.4
    centres = np.array([((y + d / 2) * px, (x + d / 2) * px) for x, y in sheet.positions])
    distance = np.linalg.norm(ink[:, None, :] - centres[None, :, :], axis=2)  # pixel × circle
    nearest = distance.argmin(axis=1)
    off_circle = np.abs(distance[np.arange(len(ink)), nearest] - d / 2 * px)
    assert len(ink) > 0 and off_circle.max() <= 2.0
    assert sorted(set(nearest.tolist())) == list(range(12))


def test_copies_on_a4_with_crop_marks_clear_of_every_item(tmp_path):
    out = tmp_path / "lids.pdf"
    lid = ROOT / "examples" / "lid-curved" / "design.json"
    done = studio(
        "export", str(lid), "--format", "pdf", "--area", "lid", "--sheet", "a4", "--marks", "--cut-line", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    # 70 mm lids with 3 mm bleed: 76 mm cells, 5 mm gaps, inside 190 × 277 mm: 2 × 3.
    assert "6 items on 1 sheet of a4" in done.stdout
    qpdf_ok(out)
    assert pdf_boxes(out)["Trim"] == pytest.approx((0, 0, 595.28, 841.89), abs=0.01)
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        (cut,) = strokes_in(page, "CutContour")
        assert subpaths(cut) == 6
        (marks,) = strokes_in(page, "All")
    segments = []
    for i in range(0, len(marks), 2):
        (m, a), (l_, b) = marks[i], marks[i + 1]
        assert (m, l_) == ("m", "l")
        segments.append(((a[0], a[1]), (b[0], b[1])))
    assert len(segments) == 6 * 8
    # Cells: 76 mm, 5 mm gaps, centred: x from (210 - 157) / 2, y from (297 - 238) / 2; trims 3 mm inside.
    x0, y0 = (210 - 157) / 2, (297 - 238) / 2
    trims = [Rect(x0 + 3 + c * 81, y0 + 3 + r * 81, 70, 70) for r in range(3) for c in range(2)]
    edges_x = {round(t.left, 2) for t in trims} | {round(t.right, 2) for t in trims}
    edges_y = {round(t.top, 2) for t in trims} | {round(t.bottom, 2) for t in trims}
    for (ax, ay), (bx, by) in segments:
        if abs(ax - bx) < 1e-3:
            assert round(ax, 2) in edges_x
        else:
            assert abs(ay - by) < 1e-3 and round(ay, 2) in edges_y
        for t in trims:
            bleed = t.inflated(3)
            mid = ((ax + bx) / 2, (ay + by) / 2)
            assert (
                not bleed.contains_point(*mid) and not bleed.contains_point(ax, ay) and not bleed.contains_point(bx, by)
            )


def test_marks_at_the_sheet_edges_stay_in_the_margins(tmp_path):
    out = tmp_path / "edges.pdf"
    lid = ROOT / "examples" / "lid-curved" / "design.json"
    done = studio(
        "export", str(lid), "--format", "pdf", "--area", "lid", "--sheet", "a4,marks=edges", "--marks", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    with pikepdf.open(out) as pdf:
        (marks,) = strokes_in(pdf.pages[0], "All")
    points = [(v[0], v[1]) for _op, v in marks]
    # 4 trim edges across (2 columns) × top and bottom, 6 down (3 rows) × left and right.
    assert len(points) == 2 * (4 * 2 + 6 * 2)
    x0, y0 = (210 - 157) / 2, (297 - 238) / 2
    band = Rect(x0, y0, 157, 238)
    for x, y in points:
        assert not band.inflated(-1e-6).contains_point(x, y)
        assert 0 <= x <= 210 and 0 <= y <= 297


def test_a_gang_sheet_on_a_roll_as_a_transparent_png(round_design, tmp_path):
    out = tmp_path / "gang.png"
    done = studio(
        "export", str(round_design), "--format", "png", "--sheet", "22in-roll", "--copies", "20",
        "--transparent", "--dpi", "50", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # 65.5 mm cells (1 mm bleed), 5 mm gaps and margins: 7 a row across 548.8 mm, 3 rows.
    length = 2 * 5 + 3 * (65.5 + 5) - 5
    assert "20 items on 1 sheet of 22in-roll" in done.stdout
    with Image.open(out) as im:
        assert im.mode == "RGBA"
        assert im.size == (round(558.8 / 25.4 * 50), round(length / 25.4 * 50))
        assert im.getpixel((2, 2))[3] == 0
        # The first sticker's centre is painted (its yellow background).
        cx = (5 + (548.8 - (7 * 70.5 - 5)) / 2 + 65.5 / 2) / 25.4 * 50
        cy = (5 + 65.5 / 2) / 25.4 * 50
        r, g, b, a = im.getpixel((round(cx) - 8, round(cy) - 8))
        assert a == 255 and (r, g, b) == pytest.approx((0xFF, 0xD5, 0x4F), abs=3)


def test_cmyk_sheets_are_pdf_x(round_design, tmp_path):
    out = tmp_path / "cmyk.pdf"
    done = studio("export", str(round_design), "--format", "pdf", "--sheet", "a4", "--cmyk", "-o", str(out))
    assert done.returncode == 0, done.stderr
    qpdf_ok(out)
    with pikepdf.open(out) as pdf:
        assert "/OutputIntents" in pdf.Root
        assert pdf.pdf_version == "1.6"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sheet", "a44"], "unknown sheet 'a44'; did you mean a4?"),
        (["--sheet", "Avery L7160"], "the design is 63.5 × 63.5 mm but the labels of Avery 7160 are 63.99 × 38.1 mm"),
        (["--sheet", "a6,margin=40"], "does not fit on a6"),
        (["--sheet", "66x66mm,margin=0,gap=0", "--marks"], "there is no room around the items for crop marks"),
        (
            ["--sheet"],
            "--sheet needs a sheet with --format pdf, svg or png: a paper (a4, letter, 300x450mm, 22in-roll)",
        ),
        (["--copies", "3"], "--copies goes with --sheet SHEET"),
        (["--sheet", "a4", "--transparent"], "--transparent does not apply to PDF exports"),
    ],
)
def test_bad_sheets_are_refused_in_one_sentence_and_nothing_is_written(round_design, tmp_path, args, message):
    out = tmp_path / "out" / "x.pdf"
    out.parent.mkdir()
    done = studio("export", str(round_design), "--format", "pdf", *args, "-o", str(out))
    assert done.returncode != 0
    assert message in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert list(out.parent.iterdir()) == []


def test_an_svg_sheet_for_print_and_cut_software(round_design, tmp_path):
    out = tmp_path / "labels.svg"
    done = studio("export", str(round_design), "--format", "svg", "--sheet", "Avery 5194", "--cut-line", "-o", str(out))
    assert done.returncode == 0, done.stderr
    from defusedxml import ElementTree

    root = ElementTree.parse(out).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert (root.get("width"), root.get("height")) == ("215.9mm", "279.4mm")
    (cut_layer,) = [g for g in root.iter(f"{ns}g") if g.get("id") == "CutContour"]
    (cut,) = cut_layer.iter(f"{ns}path")
    assert cut.get("d").count("M") == 12
    png = tmp_path / "labels.png"
    subprocess.run(["rsvg-convert", "-d", "50", "-p", "50", str(out), "-o", str(png)], check=True)
    with Image.open(png) as im:
        assert im.size == (round(215.9 / 25.4 * 50), round(279.4 / 25.4 * 50))
        # The first label's centre is its yellow background.
        from studio.sheets import parse_sheet

        x, y = parse_sheet("Avery 5194").positions[0]
        r, g, b = im.convert("RGB").getpixel((round((x + 20) / 25.4 * 50), round((y + 20) / 25.4 * 50)))
        assert (r, g, b) == pytest.approx((0xFF, 0xD5, 0x4F), abs=4)
