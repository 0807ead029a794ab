"""Typos and impossible requests are refused in one sentence, with one exit status (the real command)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from requirements import require_tools
from studio_run import ROOT, studio

from studio.cli import EXIT_USAGE

JAR = ROOT / "examples" / "jar-name" / "design.json"


def usage_error(done, *fragments: str) -> str:
    assert done.code == EXIT_USAGE == 64, (done.code, done.err)
    assert len(done.lines) == 1, done.err
    assert "Traceback" not in done.err and "internal error" not in done.err
    for fragment in fragments:
        assert fragment in done.lines[0], done.lines[0]
    return done.lines[0]


def test_help_documents_the_exit_statuses() -> None:
    done = studio("--help")
    assert done.code == 0
    assert "64   usage error" in done.out and "3 the project cannot be read" in done.out


@pytest.mark.parametrize(
    "argv",
    [
        ["export"],
        ["export", JAR, "--format", "tiff", "-o", "x.tiff"],
        ["export", JAR, "--format", "pdf", "-o", "x.pdf", "--no-such-flag"],
        ["templates", "list", "--jsn"],
    ],
    ids=["missing-arguments", "bad-choice", "unknown-flag", "typo"],
)
def test_argparse_errors_exit_with_the_usage_status(tmp_path: Path, argv: list[object]) -> None:
    usage_error(studio(*argv, cwd=tmp_path), "studio")


def test_an_unknown_word_is_a_usage_error_not_the_editor() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    line = usage_error(studio("frobnicate", env=env), "'frobnicate'", "export")
    assert "display" not in line


def test_no_display_is_one_sentence_that_points_to_the_subcommands(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = studio(env=env)
    assert done.code == 1, (done.code, done.err)
    assert len(done.lines) == 1, done.err
    assert "no display" in done.lines[0] and "subcommands" in done.lines[0]
    env["DISPLAY"] = ":97"  # no X server listens there
    assert not Path("/tmp/.X11-unix/X97").exists()
    done = studio(env=env)
    assert done.code == 1 and len(done.lines) == 1, done.err
    assert "DISPLAY=:97" in done.lines[0] and "cannot be reached" in done.lines[0]


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--format", "svg", "-o", "x.svg", "--cmyk"], "--cmyk"),
        (["--format", "png", "-o", "x.png", "--marks"], "--marks"),
        (["--format", "png", "-o", "x.png", "--cut-line"], "--cut-line"),
        (["--format", "pdf", "-o", "x.pdf", "--dpi", "600"], "--dpi"),
        (["--format", "pdf", "-o", "x.pdf", "--angle", "30"], "--angle"),
        (["--format", "mockup", "-o", "x.png", "--mirror"], "--mirror"),
        (["--format", "mockup", "-o", "x.png", "--colorway", "glass=clear,amber"], "--colorway"),
        (["--format", "png", "-o", "x.webp"], "-o x.webp"),
        (["--format", "pdf", "-o", "x.png"], "-o x.png"),
        (["--format", "png", "-o", "x.png", "--dpi", "5"], "--dpi"),
        (["--format", "png", "-o", "x.png", "--dpi", "nan"], "--dpi"),
        (["--format", "mockup", "-o", "x.png", "--angle", "nan"], "--angle"),
        (["--format", "mockup", "-o", "x.png", "--angle", "inf"], "--angle"),
        (["--format", "mockup", "-o", "x.png", "--size", "big"], "--size"),
    ],
)
def test_options_that_cannot_apply_are_refused(tmp_path: Path, flags: list[str], named: str) -> None:
    usage_error(studio("export", JAR, *flags, cwd=tmp_path), named)
    assert list(tmp_path.iterdir()) == []


def test_export_writes_a_jpeg_mockup_for_jpg_and_accepts_a_name_without_extension(tmp_path: Path) -> None:
    done = studio("export", JAR, "--format", "mockup", "--size", "200", "-o", tmp_path / "shop.jpg")
    assert done.code == 0, done.err
    assert (tmp_path / "shop.jpg").read_bytes()[:3] == b"\xff\xd8\xff"
    done = studio("export", JAR, "--format", "png", "--dpi", "20", "-o", tmp_path / "proof")
    assert done.code == 0, done.err
    assert (tmp_path / "proof").read_bytes()[:4] == b"\x89PNG"


def test_debug_works_before_and_after_the_subcommand(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    plain = studio("export", missing, "--format", "pdf", "-o", tmp_path / "x.pdf")
    assert plain.code == 1 and "Traceback" not in plain.err
    for argv in (
        ["--debug", "export", missing, "--format", "pdf", "-o", tmp_path / "x.pdf"],
        ["export", missing, "--format", "pdf", "-o", tmp_path / "x.pdf", "--debug"],
    ):
        done = studio(*argv)
        assert done.code != 0
        assert "Traceback" in done.err, argv


# -- --set ---------------------------------------------------------------------------------------
def test_new_refuses_an_unknown_key_and_lists_the_valid_ones(tmp_path: Path) -> None:
    out = tmp_path / "x.studio"
    line = usage_error(studio("new", "jar-500", "-o", out, "--set", "glas=amber"), "glas")
    assert "glass (option)" in line and "name (field)" in line and "subtitle (field)" in line
    usage_error(studio("new", "jar-500", "-o", out, "--set", "glass=purple"), "purple", "clear, amber, frosted")
    assert not out.exists()


def _mockup_glass(path: Path) -> tuple[int, int, int]:
    """Mean colour of a strip of glass below the label of a 600 px jar mockup."""
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        w, h = rgb.size
        strip = np.asarray(rgb.crop((int(w * 0.30), int(h * 0.88), int(w * 0.70), int(h * 0.90))), dtype=float)
    r, g, b = strip.reshape(-1, 3).mean(axis=0)
    return int(r), int(g), int(b)


def test_export_set_chooses_an_option_as_new_does(tmp_path: Path) -> None:
    clear, amber = tmp_path / "clear.png", tmp_path / "amber.png"
    assert studio("export", JAR, "--format", "mockup", "--size", "600", "-o", clear).code == 0
    done = studio("export", JAR, "--format", "mockup", "--size", "600", "-o", amber, "--set", "glass=amber")
    assert done.code == 0, done.err
    r1, g1, b1 = _mockup_glass(clear)
    r2, g2, b2 = _mockup_glass(amber)
    assert (r2 - b2) > (r1 - b1) + 40, ((r1, g1, b1), (r2, g2, b2))  # amber glass is much warmer
    usage_error(studio("export", JAR, "--format", "png", "-o", tmp_path / "x.png", "--set", "glas=amber"), "glas")


def test_new_starts_from_the_starter_design_with_the_name_on_it(tmp_path: Path) -> None:
    require_tools("pdftoppm")
    pdftoppm = "pdftoppm"
    pages = {}
    for name in ("Camille", "Maximilien"):
        project = tmp_path / f"{name}.studio"
        assert studio("new", "jar-500", "--set", f"name={name}", "-o", project).code == 0
        pdf = tmp_path / f"{name}.pdf"
        done = studio("export", project, "--format", "pdf", "-o", pdf)
        assert done.code == 0, done.err
        subprocess.run([pdftoppm, "-r", "30", "-f", "1", "-l", "1", "-png", pdf, tmp_path / name], check=True)
        pages[name] = Image.open(next(tmp_path.glob(f"{name}-*.png"))).convert("RGB")
    camille = pages["Camille"]
    w, h = camille.size
    # The name is drawn in dark brown in the middle of the label; the rest of the page is light.
    box = (int(w * 0.35), int(h * 0.35), int(w * 0.65), int(h * 0.55))
    middle = np.asarray(camille.crop(box), dtype=int)
    dark = int((middle.sum(axis=2) < 300).sum())
    assert dark > 40, dark
    # And it is the name: another name draws other pixels there.
    other = np.asarray(pages["Maximilien"].crop(box), dtype=int)
    differing = int((np.abs(middle - other).sum(axis=2) > 60).sum())
    assert differing > 40, differing


# -- keys of a design checked against its template ------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda d: d["areas"].update(lable=d["areas"].pop("label")), ["areas.lable", "label, lid"]),
        (lambda d: d["options"].update(glas="amber"), ["options.glas", "glass"]),
        (lambda d: d["options"].update(glass="purple"), ["'purple'", "clear, amber, frosted"]),
        (lambda d: d["part_colors"].update(cap="#000000"), ["part_colors.cap", "lid"]),
    ],
    ids=["area", "option", "choice", "part"],
)
def test_unknown_keys_in_a_design_are_refused(tmp_path: Path, change, fragments: list[str]) -> None:
    folder = tmp_path / "jar"
    shutil.copytree(JAR.parent, folder)
    data = json.loads((folder / "design.json").read_text(encoding="utf-8"))
    change(data)
    (folder / "design.json").write_text(json.dumps(data), encoding="utf-8")
    done = studio("export", folder / "design.json", "--format", "pdf", "-o", tmp_path / "x.pdf")
    assert done.code == 1 and len(done.lines) == 1, done.err
    assert "design.json" in done.lines[0] and "jar-500" in done.lines[0]
    for fragment in fragments:
        assert fragment in done.lines[0], done.lines[0]
    assert not (tmp_path / "x.pdf").exists()
    assert studio("preflight", folder / "design.json").code == 3


# -- preflight statuses --------------------------------------------------------------------------------
def test_preflight_says_when_the_project_cannot_be_read(tmp_path: Path) -> None:
    missing = tmp_path / "missing.studio"
    done = studio("preflight", missing)
    assert done.code == 3 and len(done.lines) == 1 and "missing.studio" in done.lines[0], done.err
    done = studio("preflight", missing, "--json")
    assert done.code == 3
    report = json.loads(done.out)
    assert report["status"] == "unreadable" and "missing.studio" in report["error"]
    assert studio("preflight", JAR).code == 0


def _low_resolution_design(tmp_path: Path) -> Path:
    folder = tmp_path / "low"
    folder.mkdir()
    Image.new("RGB", (24, 16), (200, 80, 40)).save(folder / "tiny.png")
    layer = {"kind": "image", "asset": "tiny.png", "width": 120, "height": 80, "transform": {"x": 118, "y": 45}}
    design = {"schema_version": 1, "template": "jar-500", "areas": {"label": {"layers": [layer]}}}
    (folder / "design.json").write_text(json.dumps(design), encoding="utf-8")
    return folder / "design.json"


def test_export_summarises_preflight_errors_and_strict_makes_them_fatal(tmp_path: Path) -> None:
    design = _low_resolution_design(tmp_path)
    assert studio("preflight", design).code == 2
    out = tmp_path / "label.pdf"
    done = studio("export", design, "--format", "pdf", "-o", out)
    assert done.code == 0, done.err
    assert out.read_bytes().startswith(b"%PDF-")
    assert len(done.lines) == 1 and "preflight found 1 error" in done.lines[0] and "--strict" in done.lines[0]
    strict = tmp_path / "strict.pdf"
    done = studio("export", design, "--format", "pdf", "-o", strict, "--strict")
    assert done.code == 1 and len(done.lines) == 1, done.err
    assert "preflight found 1 error" in done.lines[0] and "wrote nothing" in done.lines[0]
    assert not strict.exists()
    assert studio("export", JAR, "--format", "pdf", "-o", tmp_path / "ok.pdf", "--strict").code == 0
