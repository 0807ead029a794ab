"""The command line end to end, checked with independent tools (qpdf, pdfinfo, pdffonts)."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from studio import __version__
from studio.cli import main
from studio.model.geometry import mm_to_pt

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*/design.json"))
needs_poppler = pytest.mark.tools("pdfinfo", "pdffonts", "pdftoppm")
needs_qpdf = pytest.mark.tools("qpdf")


def boxes(pdf: Path) -> list[dict[str, tuple[float, ...]]]:
    out = subprocess.run(
        ["pdfinfo", "-box", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True
    )
    pages: dict[int, dict[str, tuple[float, ...]]] = {}
    for m in re.finditer(r"Page\s+(\d+) (\w+)Box:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out.stdout):
        pages.setdefault(int(m.group(1)), {})[m.group(2)] = tuple(float(m.group(i)) for i in range(3, 7))
    return [pages[k] for k in sorted(pages)]


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"studio {__version__}"


def test_templates_list_json(capsys):
    assert main(["templates", "list", "--json"]) == 0
    data = {t["id"]: t for t in json.loads(capsys.readouterr().out)}
    jar = data["jar-500"]
    label = {a["id"]: a for a in jar["print_areas"]}
    assert (label["label"]["width_mm"], label["label"]["height_mm"], label["label"]["bleed_mm"]) == (236, 90, 3)
    assert label["lid"]["shape"] == "ellipse" and label["lid"]["width_mm"] == 70


def test_templates_validate_reports_problems(tmp_path, capsys):
    assert main(["templates", "validate", str(ROOT / "templates" / "jar-500")]) == 0
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "template.toml").write_text('[product]\nid = "broken"\nname = "X"\ncategory = "jars"\nviews = 3\n')
    capsys.readouterr()
    assert main(["templates", "validate", str(broken)]) == 1
    assert "template.toml" in capsys.readouterr().out


def test_new_creates_a_project_that_exports(tmp_path, capsys):
    project = tmp_path / "honey.studio"
    assert main(["new", "jar-500", "-o", str(project), "--set", "glass=amber", "--set", "name=Camille"]) == 0
    with zipfile.ZipFile(project) as zf:
        design = json.loads(zf.read("design.json"))["variants"][0]
        assert "thumbnail.png" in zf.namelist()
    assert design["options"]["glass"] == "amber" and design["variables"]["name"] == "Camille"
    assert set(design["areas"]) == {"label", "lid"}
    assert main(["new", "no-such-product", "-o", str(tmp_path / "x.studio")]) == 1
    assert "no-such-product" in capsys.readouterr().err


@needs_poppler
@needs_qpdf
@pytest.mark.parametrize("design", EXAMPLES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("flags", [[], ["--marks", "--cut-line"], ["--cmyk", "--marks"], ["--mirror", "--bleed", "5"]])
def test_examples_export_print_ready_pdfs(tmp_path, design, flags):
    out = tmp_path / "out.pdf"
    assert main(["export", str(design), "--format", "pdf", "-o", str(out), *flags]) == 0
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(fonts) == 2, "a font is referenced: " + "\n".join(fonts)  # header lines only
    from studio.io.templates import TemplateLibrary

    data = json.loads(design.read_text())
    template = TemplateLibrary.default().get(data["template"])
    content = data["areas"]
    designed = [
        a
        for a in template.print_areas
        if a.id in content and (content[a.id].get("background") or content[a.id].get("layers"))
    ]
    pages = boxes(out)
    assert len(pages) == len(designed)
    for page, area in zip(pages, designed, strict=True):
        trim = page["Trim"]
        assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx(
            (mm_to_pt(area.width), mm_to_pt(area.height)), abs=0.02
        )
        b = 5.0 if "--bleed" in flags else area.bleed
        expect_bleed = (trim[0] - mm_to_pt(b), trim[1] - mm_to_pt(b), trim[2] + mm_to_pt(b), trim[3] + mm_to_pt(b))
        assert page["Bleed"] == pytest.approx(expect_bleed, abs=0.02)
        media = page["Media"]
        if "--marks" in flags:
            assert media[0] < page["Bleed"][0] - mm_to_pt(3) and media[2] > page["Bleed"][2] + mm_to_pt(3)
        else:
            assert media == pytest.approx(page["Bleed"], abs=0.02)


@needs_poppler
def test_export_keeps_the_photo_untouched(tmp_path):
    design = ROOT / "examples" / "jar-name" / "design.json"
    out = tmp_path / "out.pdf"
    assert main(["export", str(design), "--format", "pdf", "-o", str(out)]) == 0
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    jpegs = [line for line in listing.splitlines()[2:] if " jpeg " in line]
    assert len(jpegs) == 1
    assert "2400  1600" in jpegs[0]


def test_png_and_svg_sizes(tmp_path):
    design = ROOT / "examples" / "jar-name" / "design.json"
    png = tmp_path / "label.png"
    assert main(["export", str(design), "--format", "png", "--dpi", "150", "-o", str(png)]) == 0
    with Image.open(png) as img:
        assert img.size == (round(236 / 25.4 * 150), round(90 / 25.4 * 150))
        assert round(img.info["dpi"][0]) == 150 and "icc_profile" in img.info
    svg = tmp_path / "label.svg"
    assert main(["export", str(design), "--format", "svg", "--bleed", "3", "-o", str(svg)]) == 0
    head = svg.read_text()[:600]
    assert 'width="242mm"' in head and 'height="96mm"' in head and 'viewBox="-3 -3 242 96"' in head


def test_set_fills_fields_at_export(tmp_path):
    design = ROOT / "examples" / "jar-name" / "design.json"
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    assert main(["export", str(design), "--format", "svg", "-o", str(a)]) == 0
    assert main(["export", str(design), "--format", "svg", "--set", "name=Bartholomew", "-o", str(b)]) == 0
    assert a.read_text() != b.read_text()


def test_unknown_area_is_a_usage_error(tmp_path, capsys):
    design = ROOT / "examples" / "jar-name" / "design.json"
    assert main(["export", str(design), "--format", "png", "--area", "sleeve", "-o", str(tmp_path / "x.png")]) != 0
    err = capsys.readouterr().err
    assert "sleeve" in err and "label, lid" in err


def test_mockup_export_formats_and_sheet(tmp_path):
    design = ROOT / "examples" / "jar-name" / "design.json"
    jpg = tmp_path / "front.jpg"
    assert main(["export", str(design), "--format", "mockup", "--size", "400", "--angle", "45", "-o", str(jpg)]) == 0
    with Image.open(jpg) as img:
        assert img.format == "JPEG" and max(img.size) == 400
    png = tmp_path / "lid.png"
    assert (
        main(
            [
                "export",
                str(design),
                "--format",
                "mockup",
                "--view",
                "lid",
                "--size",
                "300",
                "--transparent",
                "-o",
                str(png),
            ]
        )
        == 0
    )
    with Image.open(png) as img:
        assert img.mode == "RGBA" and img.getpixel((0, 0))[3] == 0
    sheet = tmp_path / "sheet.png"
    args = ["export", str(design), "--format", "mockup", "--sheet", "--size", "200", "--colorway", "glass=clear,amber"]
    assert main([*args, "-o", str(sheet)]) == 0
    with Image.open(sheet) as img:
        # two views side by side, two colourways one under the other
        assert img.width > img.height * 0.8 and img.height > 400
