"""Bad input never ends in a traceback: one sentence naming the file, a non-zero exit, and
nothing written but the output file (which is not written either)."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from studio.cli import main

GOOD_LAYER = {"kind": "text", "text": "Camille", "font_family": "Lobster", "size": 30, "transform": {"x": 118, "y": 45}}


def design(layers=None, **extra):
    data = {"schema_version": 1, "template": "jar-500", "areas": {"label": {"layers": layers or [GOOD_LAYER]}}}
    data.update(extra)
    return data


def write_json(folder: Path, data, name="design.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def run(capsys, project: Path, out: Path) -> tuple[int, str]:
    code = main(["export", str(project), "--format", "pdf", "-o", str(out)])
    err = capsys.readouterr().err
    return code, err


def assert_refused(capsys, project: Path, tmp_path: Path, *fragments: str) -> str:
    out_dir = tmp_path / "out"
    out_dir.mkdir(exist_ok=True)
    before = {p for p in tmp_path.rglob("*")}
    code, err = run(capsys, project, out_dir / "x.pdf")
    assert code != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert project.name in lines[0], lines[0]
    for fragment in fragments:
        assert fragment.lower() in lines[0].lower(), lines[0]
    assert {p for p in tmp_path.rglob("*")} == before, "something was written"
    return lines[0]


def studio_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_project_that_is_not_a_zip(capsys, tmp_path):
    p = tmp_path / "order.studio"
    p.write_bytes(b"this is not a zip file at all")
    assert_refused(capsys, p, tmp_path, "zip")


def test_zip_member_escaping_the_folder(capsys, tmp_path):
    p = studio_zip(tmp_path / "evil.studio", {"design.json": json.dumps(design()).encode(), "../escaped.txt": b"x"})
    assert_refused(capsys, p, tmp_path)
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_zip_bomb(capsys, tmp_path):
    p = tmp_path / "bomb.studio"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("design.json", json.dumps(design()))
        with zf.open("assets/" + "0" * 64 + ".png", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(400):
                member.write(chunk)
    assert p.stat().st_size < 2_000_000
    assert_refused(capsys, p, tmp_path)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (design([{"kind": "text", "text": 42}]), "text"),
        (design([{"kind": "hologram"}]), "hologram"),
        (
            '{"schema_version": 1, "template": "jar-500", "areas": {"label": {"layers": [{"kind": "shape", "width": NaN}]}}}',
            "width",
        ),
        (design([{"kind": "shape", "width": 1e308}]), "width"),
        (design(schema_version=99), "newer"),
        ("{not json", "json"),
    ],
    ids=["wrong-type", "unknown-kind", "nan", "huge", "newer-schema", "not-json"],
)
def test_broken_design_json(capsys, tmp_path, data, fragment):
    p = write_json(tmp_path, data)
    assert_refused(capsys, p, tmp_path, fragment)


def _image_design(tmp_path: Path, name: str, payload: bytes) -> Path:
    (tmp_path / name).write_bytes(payload)
    layer = {"kind": "image", "asset": name, "width": 50, "height": 50, "transform": {"x": 60, "y": 45}}
    return write_json(tmp_path, design([layer]))


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 120, 40)).save(buf, "JPEG")
    return buf.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("truncated.jpg", _jpeg()[:400]),
        ("bomb.png", _png_header_only(60000, 60000)),
        ("notes.jpg", b"Dear customer, this is a text file.\n" * 20),
    ],
    ids=["truncated", "decompression-bomb", "not-an-image"],
)
def test_bad_images(capsys, tmp_path, name, payload):
    p = _image_design(tmp_path, name, payload)
    line = assert_refused(capsys, p, tmp_path)
    assert name in line


@pytest.mark.parametrize(
    ("svg", "fragment"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "boom">]>'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&x;</text></svg>',
            "",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
            '<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>',
            "file:///etc/passwd",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="../x.png" width="10" height="10"/></svg>',
            "../x.png",
        ),
    ],
    ids=["entity", "local-file", "relative-file"],
)
def test_hostile_svg(capsys, tmp_path, svg, fragment):
    (tmp_path / "art.svg").write_text(svg)
    layer = {"kind": "vector", "asset": "art.svg", "width": 20, "height": 20, "transform": {"x": 60, "y": 45}}
    p = write_json(tmp_path, design([layer]))
    line = assert_refused(capsys, p, tmp_path, fragment)
    assert "art.svg" in line


def test_font_file_that_is_not_a_font(capsys, tmp_path):
    (tmp_path / "Fancy.ttf").write_bytes(b"<html>not a font</html>" * 10)
    data = design(fonts=[{"family": "Fancy", "style": "Regular", "asset": "Fancy.ttf"}])
    p = write_json(tmp_path, data)
    line = assert_refused(capsys, p, tmp_path)
    assert "Fancy.ttf" in line


def test_missing_font_family_is_named(capsys, tmp_path):
    layer = dict(GOOD_LAYER, font_family="Nonexistent Sans")
    p = write_json(tmp_path, design([layer]))
    assert_refused(capsys, p, tmp_path, "Nonexistent Sans")


def test_output_folder_missing(capsys, tmp_path):
    p = write_json(tmp_path, design())
    code = main(["export", str(p), "--format", "pdf", "-o", str(tmp_path / "nowhere" / "x.pdf")])
    err = capsys.readouterr().err
    assert code != 0 and "nowhere" in err and "does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "nowhere").exists()


def test_output_folder_not_writable(capsys, tmp_path):
    target = Path("/proc/studio-test.pdf")  # /proc takes no new files, even from root
    p = write_json(tmp_path, design())
    code = main(["export", str(p), "--format", "pdf", "-o", str(target)])
    err = capsys.readouterr().err
    assert code != 0 and str(target) in err and "Traceback" not in err


def test_failed_export_keeps_an_existing_output(capsys, tmp_path):
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"previous export")
    p = write_json(tmp_path, design([{"kind": "hologram"}]))
    assert main(["export", str(p), "--format", "pdf", "-o", str(out)]) != 0
    assert out.read_bytes() == b"previous export"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["design.json", "keep.pdf"]
