"""Preflight finds what would print badly, with the figures, and nothing on a good design."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from studio.cli import main
from studio.export.document import open_document
from studio.preflight import exit_code, run_preflight

ROOT = Path(__file__).resolve().parents[2]


def make(tmp_path: Path, layers: list[dict], area: str = "label") -> Path:
    Image.new("RGB", (600, 400), (90, 140, 60)).save(tmp_path / "photo.jpg", quality=90)
    data = {"template": "jar-500", "areas": {area: {"background": "#FFFFFF", "layers": layers}}}
    path = tmp_path / "design.json"
    path.write_text(json.dumps(data))
    return path


def findings(path: Path):
    return run_preflight(open_document(path))


def photo(width: float, x: float, y: float = 45) -> dict:
    return {
        "kind": "image",
        "asset": "photo.jpg",
        "width": width,
        "height": width * 2 / 3,
        "transform": {"x": x, "y": y},
    }


@pytest.mark.parametrize(
    ("width", "severity", "dpi"),
    [(40.0, None, 381), (60.0, "warning", 254), (120.0, "error", 127)],
)
def test_image_resolution(tmp_path, width, severity, dpi):
    found = [f for f in findings(make(tmp_path, [photo(width, 118)])) if f.code == "resolution"]
    if severity is None:
        assert found == []
    else:
        (f,) = found
        assert f.severity == severity
        assert f"{dpi} DPI" in f.message


def test_content_reaching_the_trim_but_not_the_bleed(tmp_path):
    # 40 mm wide centred at x = 20: from 0 to 40 mm, exactly on the left trim, not into the bleed.
    found = [f for f in findings(make(tmp_path, [photo(40, 20)])) if f.code == "bleed"]
    assert len(found) == 1 and "left" in found[0].message
    # Extended to the bleed (-3 mm), nothing to say.
    assert not [f for f in findings(make(tmp_path, [photo(46, 20)])) if f.code == "bleed"]


def test_text_outside_the_safe_area(tmp_path):
    near_edge = {"kind": "text", "text": "Camille", "font_family": "Lato", "size": 24, "transform": {"x": 118, "y": 5}}
    inside = dict(near_edge, transform={"x": 118, "y": 45})
    assert [f.code for f in findings(make(tmp_path, [near_edge]))] == ["safe-area"]
    assert findings(make(tmp_path, [inside])) == []


def test_round_safe_area_on_the_lid(tmp_path):
    # In the corner of the lid's bounding box: inside the square, outside the circle.
    corner = {"kind": "shape", "width": 5, "height": 5, "transform": {"x": 8, "y": 8}}
    text = {"kind": "text", "text": "A", "font_family": "Lato", "size": 10, "transform": {"x": 9, "y": 9}}
    codes = [f.code for f in findings(make(tmp_path, [corner, text], area="lid"))]
    assert codes == ["safe-area"]


def test_missing_glyph_and_missing_asset_are_errors(tmp_path):
    layers = [
        {"kind": "text", "text": "Hi ☃", "font_family": "Lobster", "transform": {"x": 118, "y": 45}},
        {"kind": "text", "text": "Hi", "font_family": "No Such Font", "transform": {"x": 118, "y": 30}},
    ]
    found = findings(make(tmp_path, layers))
    assert [f.severity for f in found] == ["error", "error"]
    assert "☃" in found[0].message and "No Such Font" in found[1].message
    assert exit_code(found) == 2


def test_cli_exit_codes_and_json(tmp_path, capsys):
    clean = ROOT / "examples" / "jar-name" / "design.json"
    assert main(["preflight", str(clean)]) == 0
    capsys.readouterr()
    warn = make(tmp_path, [photo(60, 118)])
    assert main(["preflight", str(warn), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "warnings"
    assert report["findings"][0]["code"] == "resolution" and report["findings"][0]["area"] == "label"
