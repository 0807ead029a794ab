"""Codes in batch work: each row's QR code and barcode carry that row's values, and a bad EAN-13 stops the job."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "sheets"))
from sheet_samples import write_design, write_round_template  # noqa: E402

LAYERS = [
    {"kind": "code", "id": "qr", "data": "https://example.com/o/{order}", "width": 26, "height": 26,
     "transform": {"x": 31.75, "y": 20}},
    {"kind": "code", "id": "ean", "symbology": "ean13", "data": "{ean}", "width": 40, "height": 14,
     "transform": {"x": 31.75, "y": 45}},
]  # fmt: skip


def run(tmp_path: Path, csv: str, *args: str) -> subprocess.CompletedProcess[str]:
    templates = tmp_path / "templates"
    if not templates.exists():
        write_round_template(templates)
    design = write_design(tmp_path, LAYERS)
    data = tmp_path / "orders.csv"
    data.write_text(csv, encoding="utf-8")
    env = {**os.environ, "STUDIO_TEMPLATE_PATH": str(templates)}
    return subprocess.run(
        [sys.executable, "-m", "studio", "batch", str(design), str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def zbar(png: Path) -> list[str]:
    assert shutil.which("zbarimg"), "zbarimg (Debian zbar-tools) is needed to decode the codes"
    done = subprocess.run(["zbarimg", "-q", str(png)], capture_output=True, text=True)
    return sorted(line for line in done.stdout.splitlines() if line)


def test_each_page_carries_its_rows_codes(tmp_path):
    out = tmp_path / "labels.pdf"
    done = run(tmp_path, "order,ean\nA-1,400638133393\nB-22,5012345678900\nC-333,4006381333931\n", "-o", str(out))
    assert done.returncode == 0, done.stderr
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert [zbar(p) for p in pages] == [
        ["EAN-13:4006381333931", "QR-Code:https://example.com/o/A-1"],
        ["EAN-13:5012345678900", "QR-Code:https://example.com/o/B-22"],
        ["EAN-13:4006381333931", "QR-Code:https://example.com/o/C-333"],
    ]


def test_a_row_with_a_wrong_check_digit_stops_the_job_before_anything_is_written(tmp_path):
    out = tmp_path / "labels.pdf"
    done = run(tmp_path, "order,ean\nA-1,400638133393\nB-22,5012345678901\n", "-o", str(out))
    assert done.returncode == 1
    assert "row 3" in done.stderr.lower()
    assert "the EAN-13 5012345678901 has a wrong check digit: it ends in 1 but should end in 0" in done.stderr
    assert not out.exists()


def test_rows_on_a_label_sheet_each_label_its_own_row(tmp_path):
    from PIL import Image

    from studio.sheets import parse_sheet

    rows = "".join(f"R-{i},400638133393\n" for i in range(1, 15))
    out = tmp_path / "sheets.pdf"
    done = run(tmp_path, "order,ean\n" + rows, "-o", str(out), "--sheet", "Avery 5194", "--cut-line")
    assert done.returncode == 0, done.stderr
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(out), str(tmp_path / "sheet")], check=True)
    pages = sorted(tmp_path.glob("sheet-*.png"))
    assert len(pages) == 2  # 12 labels a sheet: 12 + 2
    sheet = parse_sheet("Avery 5194")
    d, px = sheet.shape.width, 200 / 25.4
    found = []
    for page in pages:
        with Image.open(page) as im:
            for i, (x, y) in enumerate(sheet.positions):
                label = tmp_path / f"label-{page.stem}-{i}.png"
                im.crop((round(x * px), round(y * px), round((x + d) * px), round((y + d) * px))).save(label)
                qr = [c for c in zbar(label) if c.startswith("QR-Code:")]
                found.extend(c.rsplit("/", 1)[1] for c in qr)
    assert found == [f"R-{i}" for i in range(1, 15)]


def test_sheet_goes_with_one_pdf_only(tmp_path):
    done = run(tmp_path, "order,ean\nA,400638133393\n", "-o", str(tmp_path / "out"), "--sheet", "a4", "--format", "png")
    assert done.returncode != 0 and "--sheet makes one PDF of sheets" in done.stderr
    done = run(tmp_path, "order,ean\nA,400638133393\n", "-o", str(tmp_path / "o.pdf"), "--sheet", "a44")
    assert done.returncode != 0 and "unknown sheet 'a44'; did you mean a4?" in done.stderr
