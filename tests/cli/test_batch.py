"""``studio batch`` end to end, on real-looking order files, checked with qpdf and poppler."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "jar-name"
needs_tools = pytest.mark.tools("pdfinfo", "pdftotext", "pdftoppm", "pdfimages", "qpdf", "pdffonts")

NAMES = ["Zoé Lefèvre", "Hélène", "François-Xavier de la Rochefoucauld", "Łukasz Dvořák", "Jo"]


def studio(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.run(
        [sys.executable, "-m", "studio", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=600
    )


def make_job(folder: Path, *, portrait: bool = True) -> Path:
    """The jar label example with a name, an order number, a band colour and a photo per row."""
    job = folder / "job"
    shutil.copytree(EXAMPLE, job)
    design = json.loads((job / "design.json").read_text(encoding="utf-8"))
    layers = design["areas"]["label"]["layers"]
    for layer in layers:
        if layer["id"] == "subtitle":
            layer["text"] = "Order {order|none} · label {#:03}"
    if portrait:
        layers.append(
            {
                "id": "portrait",
                "kind": "image",
                "name": "Portrait",
                "asset": "photo.jpg",
                "field": "photo",
                "width": 24,
                "height": 24,
                "transform": {"x": 150, "y": 20},
            }
        )
    (job / "design.json").write_text(json.dumps(design, indent=1), encoding="utf-8")
    photos = folder / "photos"
    photos.mkdir()
    Image.new("RGB", (600, 600), (200, 40, 90)).save(photos / "red.jpg", quality=90)
    Image.new("RGB", (600, 600), (30, 60, 200)).save(photos / "blue.png")
    Image.new("RGB", (40, 40), (10, 200, 10)).save(photos / "tiny.jpg")
    (photos / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not a whole JPEG")
    return job / "design.json"


def pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def boxes(pdf: Path, page: int) -> dict[str, tuple[float, ...]]:
    out = subprocess.run(
        ["pdfinfo", "-box", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return {
        m.group(1): tuple(float(m.group(i)) for i in range(2, 6))
        for m in re.finditer(r"Page\s+\d+ (\w+)Box:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out)
    }


def images(pdf: Path) -> set[int]:
    """The distinct image objects the pages draw (pdfimages lists every use)."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {int(line.split()[10]) for line in out.splitlines()[2:] if line.split()[2] == "image"}


def qpdf_ok(pdf: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def raster(pdf: Path, page: int, tmp: Path, dpi: int = 60) -> Image.Image:
    stem = tmp / f"r{page}-{pdf.stem}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return Image.open(f"{stem}.png").convert("RGB")


@needs_tools
def test_windows_1252_semicolon_orders_make_one_searchable_pdf(tmp_path: Path) -> None:
    project = make_job(tmp_path)
    rows = [
        "Prénom;order;photo;Quantité;color:band",
        f"{NAMES[0]};A-1;photos/red.jpg;2;#3366CC",
        f"{NAMES[1]};;;1;rouge",  # no order (default), no photo (layer hidden), a colour by name
        f"{NAMES[2]};A-3;photos/blue.png;1;",
        "",
        "",
    ]
    data = tmp_path / "commandes.csv"
    data.write_bytes("\r\n".join(rows).encode("cp1252"))
    out = tmp_path / "labels.pdf"
    result = studio(
        "batch", project, data, "-o", out, "--map", "name=Prénom", "--map", "quantity=Quantité", "--marks", "--cut-line"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # quiet when piped, nothing to report
    qpdf_ok(out)
    assert page_count(out) == 4  # the first row twice
    texts = pages_text(out)
    assert NAMES[0] in texts[0] and NAMES[0] in texts[1] and "Order A-1" in texts[0]
    assert "label 001" in texts[0] and "label 002" in texts[2] and "Order none" in texts[2]
    assert NAMES[1] in texts[2] and NAMES[1] not in texts[0]
    assert re.search(r"François-Xavier\s+de\s+la\s+Rochefoucauld", texts[3])
    # Boxes exactly as a single export makes them.
    single = tmp_path / "single.pdf"
    assert studio("export", project, "--format", "pdf", "--marks", "--cut-line", "-o", single).returncode == 0
    assert boxes(out, 3) == boxes(single, 1)
    # The background photo once, and each row's photo once (the first row's two copies share it).
    listed = images(out)
    assert len(listed) == 3, listed
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "StudioText" in fonts and "Helvetica" not in fonts
    # Row colours: the band is blue on page 1 and red on page 3 (the area's right end).
    blue = raster(out, 1, tmp_path).getpixel((470, 60))
    red = raster(out, 3, tmp_path).getpixel((470, 60))
    assert blue[2] > 150 > blue[0] and red[0] > 150 > red[2] + 60, (blue, red)


@needs_tools
def test_a_batch_page_is_what_export_makes(tmp_path: Path) -> None:
    project = make_job(tmp_path, portrait=False)
    data = tmp_path / "n.csv"
    data.write_text("name,order\nZoé Lefèvre,B-7\n", encoding="utf-8")
    out = tmp_path / "b.pdf"
    assert studio("batch", project, data, "-o", out, "--cmyk", "--marks").returncode == 0
    design = json.loads(project.read_text(encoding="utf-8"))
    for layer in design["areas"]["label"]["layers"]:
        if layer["id"] == "subtitle":
            layer["text"] = "Order {order} · label 001"
    project.write_text(json.dumps(design), encoding="utf-8")
    single = tmp_path / "e.pdf"
    result = studio(
        "export",
        project,
        "--format",
        "pdf",
        "--cmyk",
        "--marks",
        "--set",
        "name=Zoé Lefèvre",
        "--set",
        "order=B-7",
        "-o",
        single,
    )
    assert result.returncode == 0, result.stderr
    qpdf_ok(out)
    assert boxes(out, 1) == boxes(single, 1)
    a, b = raster(out, 1, tmp_path, 100), raster(single, 1, tmp_path, 100)
    assert a.size == b.size
    # Glyphs drawn one by one (each outline stored once) anti-alias their overlaps a shade apart
    # from one merged outline: edge pixels may differ, nothing else.
    diff = ImageChops.difference(a, b).convert("L")
    histogram = diff.histogram()
    assert sum(histogram[41:]) < a.width * a.height / 1000, sum(histogram[41:])
    assert sum(histogram[9:]) < a.width * a.height / 200
    info = subprocess.run(["pdfinfo", "-meta", str(out)], capture_output=True, text=True, check=True).stdout
    assert "GTS_PDFXVersion" in info and "PDF/X-4" in info


@needs_tools
def test_problem_rows_stop_the_job_before_anything_is_written(tmp_path: Path) -> None:
    project = make_job(tmp_path)
    long_name = "Wolfeschlegelsteinhausenbergerdorff " * 6
    rows = [
        ["name", "order", "photo"],
        ["Zoé", "1", "photos/red.jpg"],  # row 2: fine
        ["", "2", ""],  # row 3: empty required name
        ["Hélène", "3", "photos/missing.jpg"],  # row 4: missing photo
        [long_name.strip(), "4", ""],  # row 5: does not fit even at the minimum size
        ["山田", "5", ""],  # row 6: glyphs the font does not have
        ["Jo", "6", "photos/tiny.jpg"],  # row 7: 40 px over 24 mm: too coarse
        ["Ana", "7", "photos/broken.jpg"],  # row 8: unreadable photo
    ]
    data = tmp_path / "orders.csv"
    data.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "labels.pdf"
    report = tmp_path / "report.json"
    result = studio("batch", project, data, "-o", out, "--report", report)
    assert result.returncode == 1
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left behind
    found = json.loads(report.read_text(encoding="utf-8"))
    by_row: dict[int, list[str]] = {}
    for problem in found["problems"]:
        by_row.setdefault(problem["row"], []).append(problem["message"])
    assert sorted(by_row) == [3, 4, 5, 6, 7, 8], found
    assert "'name'" in by_row[3][0] and "empty" in by_row[3][0]
    assert "missing.jpg" in by_row[4][0] and "does not exist" in by_row[4][0]
    assert "does not fit" in by_row[5][0]
    assert "no glyph" in by_row[6][0] and "'山'" in by_row[6][0]
    assert "DPI" in by_row[7][0]
    assert "broken.jpg" in by_row[8][0]
    assert "row 5:" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr

    # --dry-run checks the same and writes nothing.
    dry = studio("batch", project, data, "-o", out, "--dry-run")
    assert dry.returncode == 1 and not out.exists() and "row 6:" in dry.stderr

    # --skip-bad-rows writes the good row and lists the others.
    skipped = studio("batch", project, data, "-o", out, "--skip-bad-rows", "--report", report)
    assert skipped.returncode == 1
    qpdf_ok(out)
    assert page_count(out) == 1 and "Zoé" in pages_text(out)[0]
    assert json.loads(report.read_text(encoding="utf-8"))["skipped_rows"] == [3, 4, 5, 6, 7, 8]
    assert "skipped row(s) 3, 4, 5, 6, 7, 8" in skipped.stderr


@needs_tools
def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    project = make_job(tmp_path)
    Image.new("RGB", (200, 200), (200, 200, 10)).save(tmp_path / "photos" / "soft.jpg")  # ~210 DPI at 24 mm
    data = tmp_path / "d.csv"
    data.write_text("name,order,photo\nZoé,1,photos/soft.jpg\n", encoding="utf-8")
    out = tmp_path / "o.pdf"
    ok = studio("batch", project, data, "-o", out)
    assert ok.returncode == 0 and "warning: row 2: the photo soft.jpg prints at" in ok.stderr
    assert out.exists()
    out.unlink()
    strict = studio("batch", project, data, "-o", out, "--strict")
    assert strict.returncode == 1 and not out.exists()


@needs_tools
def test_unmapped_field_and_map(tmp_path: Path) -> None:
    project = make_job(tmp_path, portrait=False)
    data = tmp_path / "d.csv"
    data.write_text("Prénom,Commande\nZoé,9\n", encoding="utf-8")
    out = tmp_path / "o.pdf"
    missing = studio("batch", project, data, "-o", out)
    assert missing.returncode == 1 and not out.exists()
    assert "field 'name' has no column in the data" in missing.stderr and "--map name=COLUMN" in missing.stderr
    typo = studio("batch", project, data, "-o", out, "--map", "name=Prenom")
    assert typo.returncode == 1 and "no column 'Prenom'" in typo.stderr
    unknown = studio("batch", project, data, "-o", out, "--map", "nmae=Prénom")
    assert unknown.returncode == 1 and "no field 'nmae'" in unknown.stderr
    mapped = studio("batch", project, data, "-o", out, "--map", "name=Prénom", "--map", "order=Commande")
    assert mapped.returncode == 0, mapped.stderr
    assert "Order 9" in pages_text(out)[0]
    assert studio("batch", project, data, "-o", out, "--map", "name").returncode == 64
    assert studio("batch", project, data, "-o", out, "--rows", "5:2").returncode == 64
    bad = studio("batch", project, tmp_path / "d.json", "-o", out)
    assert bad.returncode == 64 and "Traceback" not in bad.stderr


@needs_tools
@pytest.mark.parametrize("kind", ["xlsx", "ods", "utf16"])
def test_workbooks_and_unicode_text(tmp_path: Path, kind: str) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "io"))
    from test_data_files import write_ods, write_xlsx

    project = make_job(tmp_path, portrait=False)
    rows: list[list[object]] = [["name", "order"], *[[n, 100 + i] for i, n in enumerate(NAMES)]]
    if kind == "xlsx":
        data = write_xlsx(tmp_path / "o.xlsx", rows)
    elif kind == "ods":
        data = write_ods(tmp_path / "o.ods", rows)
    else:
        data = tmp_path / "o.txt"
        data.write_bytes("\r\n".join("\t".join(map(str, r)) for r in rows).encode("utf-16"))
    out = tmp_path / "o.pdf"
    result = studio("batch", project, data, "-o", out, "--rows", "2:4")
    assert result.returncode == 0, result.stderr
    texts = pages_text(out)
    assert len(texts) == 3
    assert "Hélène" in texts[0] and "Order 101" in texts[0] and "101.0" not in texts[0]
    assert "Łukasz Dvořák" in texts[2] and "label 004" in texts[2]


@needs_tools
def test_per_row_files_pdf_and_png(tmp_path: Path) -> None:
    project = make_job(tmp_path, portrait=False)
    data = tmp_path / "d.csv"
    data.write_text("name,order\nZoé,A/1\nHélène,A2\n", encoding="utf-8")
    folder = tmp_path / "out"
    result = studio("batch", project, data, "-o", folder, "--per-row", "{order}-{name}.pdf")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["A2-Hélène.pdf", "A_1-Zoé.pdf"]
    for name in names:
        qpdf_ok(folder / name)
        assert page_count(folder / name) == 1
    assert "Hélène" in pages_text(folder / "A2-Hélène.pdf")[0]
    pngs = tmp_path / "png"
    result = studio("batch", project, data, "-o", pngs, "--format", "png", "--dpi", "50")
    assert result.returncode == 0, result.stderr
    files = sorted(pngs.iterdir())
    assert [p.name for p in files] == ["0001.png", "0002.png"]
    with Image.open(files[0]) as im:
        assert im.size == (round(236 / 25.4 * 50), round(90 / 25.4 * 50))
    duplicate = studio("batch", project, data, "-o", tmp_path / "dup", "--per-row", "same")
    assert duplicate.returncode == 1 and "same.pdf" in duplicate.stderr


@needs_tools
def test_workers_and_parts_store_shared_images_once(tmp_path: Path) -> None:
    project = make_job(tmp_path, portrait=False)
    data = tmp_path / "d.csv"
    data.write_text("name,order\n" + "\n".join(f"{n},{i}" for i, n in enumerate(NAMES * 4)) + "\n", encoding="utf-8")
    one = tmp_path / "one.pdf"
    many = tmp_path / "many.pdf"
    assert studio("batch", project, data, "-o", one, "--workers", "1").returncode == 0
    result = studio("batch", project, data, "-o", many, "--workers", "2", "--split", "3")
    assert result.returncode == 0, result.stderr
    qpdf_ok(many)
    assert page_count(many) == page_count(one) == 20
    assert pages_text(many) == pages_text(one)
    assert len(images(many)) == len(images(one)) == 1
    # Joining parts adds nothing per part: the sizes agree within a few kilobytes.
    assert abs(many.stat().st_size - one.stat().st_size) < 8_000, (many.stat().st_size, one.stat().st_size)
    assert ImageChops.difference(raster(many, 17, tmp_path), raster(one, 17, tmp_path)).getbbox() is None


@needs_tools
def test_dask_cluster_result_equals_the_local_one(tmp_path: Path) -> None:
    """A scheduler and two workers on 127.0.0.1; the job's files travel with it (no shared folder)."""
    from distributed import LocalCluster

    project = make_job(tmp_path)
    data = tmp_path / "d.csv"
    photos = ["photos/red.jpg", "photos/blue.png", ""]
    lines = [f"{n},{i},{photos[i % 3]}" for i, n in enumerate(NAMES * 2)]
    data.write_text("name,order,photo\n" + "\n".join(lines) + "\n", encoding="utf-8")
    local = tmp_path / "local.pdf"
    assert studio("batch", project, data, "-o", local, "--workers", "1").returncode == 0
    # The workers run in a folder of their own: they can see neither the project nor the photos.
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        local_directory=str(tmp_path / "dask"),
    ) as cluster:
        remote = tmp_path / "remote.pdf"
        result = studio("batch", project, data, "-o", remote, "--scheduler", cluster.scheduler_address, "--split", "3")
    assert result.returncode == 0, result.stderr
    qpdf_ok(remote)
    assert page_count(remote) == page_count(local) == 10
    assert pages_text(remote) == pages_text(local)
    assert len(images(remote)) == len(images(local)) == 3
    assert abs(remote.stat().st_size - local.stat().st_size) < 8_000
    for page in (1, 2, 9):
        assert ImageChops.difference(raster(remote, page, tmp_path), raster(local, page, tmp_path)).getbbox() is None


def test_unreachable_scheduler_is_one_sentence(tmp_path: Path) -> None:
    project = make_job(tmp_path, portrait=False)
    data = tmp_path / "d.csv"
    data.write_text("name,order\nZoé,1\n", encoding="utf-8")
    result = studio("batch", project, data, "-o", tmp_path / "o.pdf", "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 1
    assert "tcp://127.0.0.1:9: cannot reach the Dask scheduler" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "o.pdf").exists()


def test_progress_bar_shows_rows_rate_and_time_left() -> None:
    import io

    from studio.cli.batch import _ProgressBar

    stream = io.StringIO()
    bar = _ProgressBar(stream)
    bar(1, 4)
    bar(4, 4)
    bar.finish()
    shown = stream.getvalue()
    assert "\r[#######-----------------------] 1/4 rows" in shown
    assert "\r[##############################] 4/4 rows" in shown and "rows/s" in shown and "s left" in shown
    assert shown.endswith("\n")


def test_output_kind_mismatch_is_a_usage_error(tmp_path: Path) -> None:
    project = make_job(tmp_path, portrait=False)
    data = tmp_path / "d.csv"
    data.write_text("name,order\nZoé,1\n", encoding="utf-8")
    afile = tmp_path / "a.pdf"
    afile.write_bytes(b"keep me")
    result = studio("batch", project, data, "-o", afile, "--format", "png")
    assert result.returncode == 64 and "OUT is a folder" in result.stderr
    assert afile.read_bytes() == b"keep me"
    result = studio("batch", project, data, "-o", tmp_path, "--format", "pdf")
    assert result.returncode == 64 and "is a folder" in result.stderr


def test_nothing_to_make_and_a_stopped_per_row_job_leave_nothing(tmp_path: Path) -> None:
    project = make_job(tmp_path, portrait=False)
    empty = tmp_path / "empty.csv"
    empty.write_text("name,order\n\n\n", encoding="utf-8")
    out = tmp_path / "o.pdf"
    result = studio("batch", project, empty, "-o", out)
    assert result.returncode == 1 and "has no rows below its header row" in result.stderr and not out.exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,order\n,1\n", encoding="utf-8")
    folder = tmp_path / "labels"
    result = studio("batch", project, bad, "-o", folder, "--per-row", "{#}")
    assert result.returncode == 1 and "row 2:" in result.stderr
    assert not folder.exists()


def test_the_output_never_replaces_an_input_or_a_stranger(tmp_path: Path) -> None:
    project = make_job(tmp_path, portrait=False)
    data = tmp_path / "d.csv"
    data.write_text("name,order\nZoé,1\n", encoding="utf-8")
    result = studio("batch", project, data, "-o", data)
    assert result.returncode == 1 and "d.csv" in result.stderr
    assert data.read_text(encoding="utf-8") == "name,order\nZoé,1\n"
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes, not a PDF", encoding="utf-8")
    refused = studio("batch", project, data, "-o", notes)
    assert refused.returncode == 1 and notes.read_text(encoding="utf-8") == "my notes, not a PDF"
    assert studio("batch", project, data, "-o", notes, "--force").returncode == 0
    assert notes.read_bytes().startswith(b"%PDF-")
    # An earlier batch output is replaced without --force.
    assert studio("batch", project, data, "-o", notes).returncode == 0
