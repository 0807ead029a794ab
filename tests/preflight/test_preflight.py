"""Preflight finds what would print badly, with the figures, and nothing on a good design."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from studio.cli import main
from studio.export.document import open_document
from studio.preflight import exit_code, run_preflight

ROOT = Path(__file__).resolve().parents[2]


def make(tmp_path: Path, layers: list[dict], area: str = "label", template: str = "jar-500") -> Path:
    Image.new("RGB", (600, 400), (90, 140, 60)).save(tmp_path / "photo.jpg", quality=90)
    data = {"template": template, "areas": {area: {"background": "#FFFFFF", "layers": layers}}}
    path = tmp_path / "design.json"
    path.write_text(json.dumps(data))
    return path


def findings(path: Path, *, notes: bool = False):
    """The findings for a design; notes (severity info, such as an empty lid) only when asked."""
    return [f for f in run_preflight(open_document(path)) if notes or f.severity != "info"]


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
        {"kind": "text", "text": "Hi 名", "font_family": "Lobster", "transform": {"x": 118, "y": 45}},
        {"kind": "text", "text": "Hi", "font_family": "No Such Font", "transform": {"x": 118, "y": 30}},
    ]
    found = findings(make(tmp_path, layers))
    assert [f.severity for f in found] == ["error", "error"]
    assert "名" in found[0].message and "No Such Font" in found[1].message
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


# -- layers inside groups ---------------------------------------------------------------------


def test_a_layer_inside_a_group_is_checked_like_any_other(tmp_path):
    # The same text near the top trim, alone and inside a group that puts it in the same place.
    text = {"kind": "text", "id": "name", "text": "Camille", "font_family": "Lato", "size": 24}
    alone = dict(text, transform={"x": 118, "y": 5})
    group = {
        "kind": "group",
        "id": "g",
        "transform": {"x": 100, "y": 2},
        "children": [dict(text, transform={"x": 18, "y": 3})],
    }
    for layers in ([alone], [group]):
        (found,) = findings(make(tmp_path, layers))
        assert (found.code, found.layer) == ("safe-area", "name")


def test_an_image_inside_a_nested_group_has_its_resolution_checked(tmp_path):
    inner = {"kind": "group", "children": [dict(photo(120, 0), id="pic", transform={"x": 0, "y": 0})]}
    outer = {"kind": "group", "transform": {"x": 118, "y": 45}, "children": [inner]}
    found = [f for f in findings(make(tmp_path, [outer])) if f.code == "resolution"]
    assert [(f.severity, f.layer) for f in found] == [("error", "pic")]
    assert "127 DPI" in found[0].message


# -- empty areas ----------------------------------------------------------------------------------


def test_a_design_with_nothing_on_it_is_not_ready_to_print(tmp_path):
    path = tmp_path / "design.json"
    path.write_text(json.dumps({"template": "jar-500", "areas": {}}))
    found = findings(path)
    assert {(f.severity, f.code, f.area) for f in found} == {("error", "empty", "label"), ("error", "empty", "lid")}
    assert exit_code(found) == 2
    # Layers that all lie off the page print nothing either.
    parked = {"kind": "shape", "width": 5, "height": 5, "transform": {"x": -50, "y": -50}}
    path.write_text(json.dumps({"template": "jar-500", "areas": {"label": {"layers": [parked]}}}))
    assert ("error", "empty", "label") in {(f.severity, f.code, f.area) for f in findings(path)}


def test_an_empty_lid_beside_a_designed_label_is_only_a_note(tmp_path):
    found = findings(make(tmp_path, [photo(40, 118)]), notes=True)
    assert [(f.severity, f.code, f.area) for f in found] == [("info", "empty", "lid")]
    assert exit_code(found) == 0


def test_cli_says_an_empty_design_is_not_ready(tmp_path):
    path = tmp_path / "design.json"
    path.write_text(json.dumps({"template": "jar-500", "areas": {}}))
    run = subprocess.run([sys.executable, "-m", "studio", "preflight", str(path)], capture_output=True, text=True)
    assert run.returncode == 2
    assert "ready to print" not in run.stdout
    assert "error: Wrap-around label: nothing on this print area will print" in run.stdout


# -- art outside the print area -----------------------------------------------------------------


@pytest.mark.parametrize(("x", "expected"), [(-8.0, "error"), (2.0, None), (-40.0, "warning")])
def test_art_mostly_outside_the_print_area_is_an_error(tmp_path, x, expected):
    # A 20 mm square centred at x: at -8 mm, 18 - 3 (bleed) = 15 of its 20 mm are off the page.
    square = {"kind": "shape", "width": 20, "height": 20, "transform": {"x": x, "y": 45}}
    codes = {f.code: f.severity for f in findings(make(tmp_path, [square]))}
    if expected == "error":
        assert codes.get("mostly-off-page") == "error"
        (f,) = [f for f in findings(make(tmp_path, [square])) if f.code == "mostly-off-page"]
        assert "75 % of it lies outside" in f.message
    elif expected == "warning":
        assert codes == {"off-page": "warning"}
    else:
        assert "mostly-off-page" not in codes


# -- text near the trim ---------------------------------------------------------------------------


def test_text_near_the_trim_is_told_to_move_inside_not_to_bleed(tmp_path):
    # Text reaching the left trim: the advice for art (extend to the bleed) is wrong for text.
    text = {"kind": "text", "text": "Camille", "font_family": "Lato", "size": 24, "transform": {"x": 14, "y": 45}}
    found = findings(make(tmp_path, [text]))
    assert [f.code for f in found] == ["safe-area"]
    assert "move it inside the safe area" in found[0].message
    assert "bleed" not in found[0].message


# -- text size ------------------------------------------------------------------------------------


def test_shrinking_under_a_legible_size_is_a_warning(tmp_path):
    name = "Alexandrina Montague-Fitzwilliam"
    long = {"kind": "text", "text": name, "font_family": "Lato", "size": 52, "box_width": 30, "fit": "shrink"}
    (f,) = [f for f in findings(make(tmp_path, [dict(long, transform={"x": 118, "y": 45})])) if f.code == "text-size"]
    assert f.severity == "warning"
    assert (
        "shrunk from 52.0 pt to" in f.message and "under the 6 pt that stays legible for digital printing" in f.message
    )
    size = float(f.params["size"])
    assert 3.0 < size < 6.0
    # The same name in a wider box stays legible on paper.
    wide = dict(long, box_width=60, transform={"x": 118, "y": 45})
    assert not [f for f in findings(make(tmp_path, [wide])) if f.code == "text-size"]


def test_the_legible_size_depends_on_the_print_method(tmp_path):
    # 7 pt reads on a paper label but not on a t-shirt printed direct-to-garment (8 pt).
    text = {"kind": "text", "text": "Camille", "font_family": "Lato", "size": 7, "transform": {"x": 150, "y": 200}}
    on_label = findings(make(tmp_path, [dict(text, transform={"x": 118, "y": 45})]))
    assert not [f for f in on_label if f.code == "text-size"]
    on_shirt = findings(make(tmp_path, [text], area="front", template="tshirt-unisex"))
    (f,) = [f for f in on_shirt if f.code == "text-size"]
    assert "prints at 7.0 pt, under the 8 pt that stays legible for direct-to-garment printing" in f.message


def test_a_scaled_layer_prints_at_its_scaled_size(tmp_path):
    text = {"kind": "text", "text": "Camille", "font_family": "Lato", "size": 10, "transform": {"x": 118, "y": 45}}
    text["transform"]["scale_x"] = text["transform"]["scale_y"] = 0.5
    (f,) = [f for f in findings(make(tmp_path, [text])) if f.code == "text-size"]
    assert f.params["size"] == "5.0"


# -- fallback fonts ---------------------------------------------------------------------------------


def test_characters_that_fall_back_are_noted_with_their_font(tmp_path):
    text = {"kind": "text", "id": "t", "name": "Name", "text": "Léa 🐝 שלום", "font_family": "Lato"}
    found = [
        f
        for f in findings(make(tmp_path, [dict(text, transform={"x": 118, "y": 45})]), notes=True)
        if f.code == "fallback"
    ]
    assert [(f.severity, f.layer) for f in found] == [("info", "t"), ("info", "t")]
    assert "the font Lato has no glyph for '🐝'; they print in Twemoji Mozilla." in found[0].message
    assert "'ש', 'ל', 'ו', 'ם'" in found[1].message and "Ezra SIL" in found[1].message
    assert found[0].message.startswith("Wrap-around label, layer 'Name':")
    assert exit_code(found) == 0


# -- text inside placed SVG art ---------------------------------------------------------------------


def test_text_in_placed_svg_art_is_reported(tmp_path):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40">'
        '<rect width="100" height="40" fill="#eee"/><text x="10" y="30" font-family="Comic Sans MS">Hello</text></svg>'
    )
    (tmp_path / "art.svg").write_text(svg)
    art = {"kind": "vector", "asset": "art.svg", "width": 50, "height": 20, "transform": {"x": 118, "y": 45}}
    found = [f for f in findings(make(tmp_path, [art])) if f.code == "svg-text"]
    assert [f.severity for f in found] == ["warning"]
    assert "1 text elements" in found[0].message and "convert the text to paths" in found[0].message
    (tmp_path / "art.svg").write_text(svg.replace('<text x="10" y="30" font-family="Comic Sans MS">Hello</text>', ""))
    assert not [f for f in findings(make(tmp_path, [art])) if f.code == "svg-text"]


def test_art_that_runs_edge_to_edge_may_hang_outside(tmp_path):
    # A photo enlarged to crop it, and an arc cut from a large circle, cross the whole label.
    cropped = photo(600, 118)
    arc = {"kind": "shape", "shape": "ellipse", "fill": None, "stroke": {"width": 1}, "width": 500, "height": 500}
    arc["transform"] = {"x": 118, "y": 270}
    for layer in (cropped, arc):
        assert not [f for f in findings(make(tmp_path, [layer])) if f.code == "mostly-off-page"]


def test_cli_reports_a_grouped_layer_near_the_edge(tmp_path):
    text = {"kind": "text", "id": "name", "name": "Name", "text": "Camille", "font_family": "Lato", "size": 24}
    group = {"kind": "group", "transform": {"x": 100, "y": 2}, "children": [dict(text, transform={"x": 18, "y": 3})]}
    path = make(tmp_path, [group])
    run = subprocess.run(
        [sys.executable, "-m", "studio", "preflight", str(path), "--json"], capture_output=True, text=True
    )
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    warnings = [f for f in report["findings"] if f["severity"] == "warning"]
    assert [(f["code"], f["layer"]) for f in warnings] == [("safe-area", "name")]
    assert "layer 'Name'" in warnings[0]["message"] and "move it inside the safe area" in warnings[0]["message"]
