"""What each command loads: a command imports only the libraries its work needs.

Start-up time is mostly imports, so these tests pin the structure (which modules a real
``studio`` process imported, read from ``python -X importtime``) rather than timing anything;
the timings are in ``benchmarks/single_export_bench.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
HEAVY = {"PySide6", "numpy", "cairocffi", "cairosvg", "reportlab", "pikepdf"}


def _imported(args: list[str], user_dir: Path) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """Top-level packages a ``studio`` process imported while running ``args``."""
    env = dict(os.environ, STUDIO_USER_DIR=str(user_dir))
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "studio", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    modules = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "studio" in modules, proc.stderr[-2000:]
    return modules, proc


def test_importing_the_command_line_loads_no_heavy_library(tmp_path: Path) -> None:
    code = "import sys, studio.cli; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, timeout=120
    ).stdout.split()
    assert "studio" in out
    assert not (HEAVY | {"pydantic", "fontTools", "PIL", "uharfbuzz"}) & set(out)


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_heavy_library(tmp_path: Path, flag: str) -> None:
    modules, proc = _imported([flag], tmp_path)
    assert proc.returncode == 0
    assert "studio" in proc.stdout
    assert not (HEAVY | {"pydantic", "psygnal", "fontTools", "PIL", "uharfbuzz"}) & modules


def test_pdf_export_needs_neither_qt_nor_numpy(tmp_path: Path) -> None:
    out = tmp_path / "label.pdf"
    modules, proc = _imported(
        ["export", str(EXAMPLES / "arabic-label" / "design.json"), "--format", "pdf", "-o", str(out)], tmp_path
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.read_bytes().startswith(b"%PDF-")
    assert {"reportlab", "pikepdf"} <= modules
    assert not {"PySide6", "numpy", "cairocffi", "cairosvg"} & modules


def test_svg_export_needs_no_pdf_library_qt_or_cairo(tmp_path: Path) -> None:
    out = tmp_path / "label.svg"
    design = EXAMPLES / "jar-name" / "design.json"  # with vector art: it is copied, not converted
    modules, proc = _imported(["export", str(design), "--format", "svg", "-o", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.read_bytes().lstrip().startswith(b"<")
    assert not HEAVY & modules


def test_png_export_needs_qt_but_no_pdf_library_or_numpy(tmp_path: Path) -> None:
    out = tmp_path / "label.png"
    design = EXAMPLES / "arabic-label" / "design.json"
    modules, proc = _imported(["export", str(design), "--format", "png", "--dpi", "50", "-o", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.read_bytes().startswith(b"\x89PNG")
    assert "PySide6" in modules
    assert not {"reportlab", "pikepdf", "numpy", "cairocffi", "cairosvg"} & modules


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_vector_art_is_converted_once_then_read_from_the_cache(tmp_path: Path, fmt: str) -> None:
    design = EXAMPLES / "jar-name" / "design.json"  # a bee and a sprig of flowers as SVG
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"
    extra = ["--dpi", "60"] if fmt == "png" else []
    modules, proc = _imported(["export", str(design), "--format", fmt, "-o", str(first), *extra], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "cairosvg" in modules
    assert list((tmp_path / "cache" / "art").rglob("*")), "nothing was cached"
    modules, proc = _imported(["export", str(design), "--format", fmt, "-o", str(second), *extra], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not {"cairosvg", "cairocffi"} & modules
    assert _pixels(first) == _pixels(second)


def _pixels(path: Path) -> bytes:
    from PIL import Image

    if path.suffix == ".pdf":
        png = path.with_suffix(".page")
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(path), str(png)], check=True)
        path = png.with_suffix(".page.png") if png.with_suffix(".page.png").exists() else Path(f"{png}.png")
    with Image.open(path) as im:
        return im.convert("RGBA").tobytes()
