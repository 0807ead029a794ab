"""QR codes and barcodes: drawn as vector paths by every backend, and read back by a real decoder (zbarimg)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from studio.model.design import CodeLayer, Design
from studio.render.codes import CodeError, encode, lay_out
from studio.sheets import parse_sheet

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "sheets"))
from sheet_samples import write_design, write_round_template  # noqa: E402


def zbar(png: Path) -> list[str]:
    """Every symbol zbarimg finds, as 'TYPE:data' (the test fails if zbarimg is missing)."""
    assert shutil.which("zbarimg"), "zbarimg (Debian zbar-tools) is needed to decode the codes"
    done = subprocess.run(["zbarimg", "-q", str(png)], capture_output=True, text=True)
    return sorted(line for line in done.stdout.splitlines() if line)


def studio(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args], capture_output=True, text=True, env={**os.environ, **env}, cwd=ROOT
    )


@pytest.fixture
def project(tmp_path):
    templates = tmp_path / "templates"
    write_round_template(templates)
    layers = [
        {"kind": "code", "id": "qr", "symbology": "qr", "data": "https://example.com/o/{order}", "error_correction": "H",
         "width": 26, "height": 26, "transform": {"x": 31.75, "y": 17}},
        {"kind": "code", "id": "ean", "symbology": "ean13", "data": "400638133393", "width": 40, "height": 14,
         "transform": {"x": 31.75, "y": 38}},
        {"kind": "code", "id": "sku", "symbology": "code128", "data": "SKU-{order}", "width": 40, "height": 10,
         "transform": {"x": 31.75, "y": 53}, "show_text": False},
    ]  # fmt: skip
    path = write_design(tmp_path, layers, variables={"order": "A-1042"})
    return path, {"STUDIO_TEMPLATE_PATH": str(templates)}


EXPECTED = ["CODE-128:SKU-B-77", "EAN-13:4006381333931", "QR-Code:https://example.com/o/B-77"]


def test_png_export_decodes(project, tmp_path):
    design, env = project
    out = tmp_path / "codes.png"
    done = studio(
        "export", str(design), "--format", "png", "--dpi", "300", "--set", "order=B-77", "-o", str(out), env=env
    )
    assert done.returncode == 0, done.stderr
    assert zbar(out) == EXPECTED


def test_pdf_export_decodes_and_is_vector(project, tmp_path):
    design, env = project
    out = tmp_path / "codes.pdf"
    done = studio("export", str(design), "--format", "pdf", "--set", "order=B-77", "-o", str(out), env=env)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert len(listed.strip().splitlines()) == 2  # the header only: no raster image in the file
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(out), str(tmp_path / "page")], check=True)
    assert zbar(tmp_path / "page-1.png") == EXPECTED


def test_svg_export_decodes(project, tmp_path):
    design, env = project
    out = tmp_path / "codes.svg"
    done = studio("export", str(design), "--format", "svg", "--set", "order=B-77", "-o", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "<image" not in out.read_text()
    png = tmp_path / "svg.png"
    subprocess.run(["rsvg-convert", "-d", "300", "-p", "300", str(out), "-o", str(png)], check=True)
    assert zbar(png) == EXPECTED


def test_codes_on_a_label_sheet_each_decode(project, tmp_path):
    design, env = project
    out = tmp_path / "sheet.pdf"
    done = studio("export", str(design), "--format", "pdf", "--sheet", "Avery 5194", "-o", str(out), env=env)
    assert done.returncode == 0, done.stderr
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(out), str(tmp_path / "sheet")], check=True)
    # Each label cut out of the page at the database's position holds all three codes.
    sheet = parse_sheet("Avery 5194")
    px = 200 / 25.4
    with Image.open(tmp_path / "sheet-1.png") as page:
        for i, (x, y) in enumerate(sheet.positions):
            d = sheet.shape.width
            label = tmp_path / f"label-{i}.png"
            page.crop((round(x * px), round(y * px), round((x + d) * px), round((y + d) * px))).save(label)
            assert zbar(label) == [
                "CODE-128:SKU-A-1042",
                "EAN-13:4006381333931",
                "QR-Code:https://example.com/o/A-1042",
            ]
    assert len(sheet.positions) == 12


def test_a_bad_ean13_is_refused_in_one_sentence(tmp_path):
    templates = tmp_path / "templates"
    write_round_template(templates)
    bad = {"kind": "code", "symbology": "ean13", "data": "4006381333932", "width": 40, "height": 14}
    design = write_design(tmp_path, [bad])
    out = tmp_path / "x.png"
    done = studio(
        "export", str(design), "--format", "png", "-o", str(out), env={"STUDIO_TEMPLATE_PATH": str(templates)}
    )
    assert done.returncode == 1
    assert "the EAN-13 4006381333932 has a wrong check digit: it ends in 2 but should end in 1" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not out.exists()


def test_a_field_that_cannot_be_encoded_is_named_with_its_layer(project, tmp_path):
    design, env = project
    out = tmp_path / "x.pdf"
    done = studio("export", str(design), "--format", "pdf", "--set", "order=Zoé", "-o", str(out), env=env)
    assert done.returncode == 1
    assert (
        "layer 'Code 128': a Code 128 holds letters, digits and signs of plain ASCII; 'é' cannot be encoded."
        in done.stderr
    )
    assert done.stderr.count("\n") == 1 and not out.exists()


def test_error_correction_level_changes_the_symbol():
    data = "https://example.com/orders/2025/000123"
    sizes = {level: encode("qr", data, error_correction=level).width for level in "LMQH"}
    assert sizes["L"] < sizes["H"]
    assert list(sizes.values()) == sorted(sizes.values())
    with pytest.raises(CodeError, match="too many for a QR code at error correction H"):
        encode("qr", "x" * 2000, error_correction="H")


def test_ean13_check_digit_is_added_and_verified():
    assert encode("ean13", "400638133393").text == "4 006381 333931"
    assert encode("ean13", "4006381333931").text == "4 006381 333931"
    for bad, message in [("4006381333932", "should end in 1"), ("40063813", "12 digits, or 13"), ("ABC", "12 digits")]:
        with pytest.raises(CodeError, match=message):
            encode("ean13", bad)
    with pytest.raises(ValueError, match="wrong check digit"):
        CodeLayer(symbology="ean13", data="4006381333932")
    # Content with a field is checked once the field has a value.
    assert CodeLayer(symbology="ean13", data="{ean}").data == "{ean}"


def test_modules_fill_the_frame_with_their_quiet_zones():
    symbol = encode("qr", "hello", error_correction="L")
    drawing = lay_out(symbol, 30, 40)
    n = symbol.width + 8
    assert drawing.module == pytest.approx(30 / n)
    bounds = drawing.modules.bounds()
    assert bounds.left == pytest.approx(-15 + 4 * drawing.module)
    assert bounds.right == pytest.approx(15 - 4 * drawing.module)
    bars = lay_out(encode("code128", "ABC"), 50, 10, show_text=False)
    assert bars.modules.bounds().height == pytest.approx(10)
    assert bars.modules.bounds().left == pytest.approx(-25 + 10 * bars.module)


def test_code_fields_are_design_fields():
    design = Design.model_validate(
        {"template": "x", "areas": {"a": {"layers": [{"kind": "code", "data": "{order}-{name}"}]}}}
    )
    assert design.fields() == {"order", "name"}
