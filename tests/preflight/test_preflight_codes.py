"""Preflight of QR codes and barcodes: modules too small to scan, too little contrast, cut by the trim."""

from __future__ import annotations

import json
from pathlib import Path

from studio.cli import main
from studio.export.document import open_document
from studio.preflight import run_preflight


def make(tmp_path: Path, *codes: dict, background: str = "#FFFFFF", variables: dict | None = None) -> Path:
    layers = [{"kind": "code", "id": f"c{i}", **code} for i, code in enumerate(codes)]
    data = {"template": "jar-500", "areas": {"label": {"background": background, "layers": layers}}}
    if variables:
        data["variables"] = variables
    path = tmp_path / "design.json"
    path.write_text(json.dumps(data))
    return path


def codes_found(path: Path) -> list[tuple[str, str, str]]:
    """Errors and warnings (notes, such as the empty lid area of these designs, only inform)."""
    return [(f.severity, f.code, f.detail()) for f in run_preflight(open_document(path)) if f.severity != "info"]


def test_a_code_large_enough_on_white_is_clean(tmp_path):
    path = make(
        tmp_path, {"data": "https://example.com/o/1", "width": 30, "height": 30, "transform": {"x": 60, "y": 45}}
    )
    assert codes_found(path) == []


def test_modules_too_small_to_scan_are_reported_with_their_size(tmp_path):
    # 25 × 25 modules + 8 of quiet zone in 10 mm: 0.30 mm modules, under 0.33 mm.
    small_qr = {"data": "https://example.com/o/1", "width": 10, "height": 10, "transform": {"x": 60, "y": 45}}
    # 95 modules + 18 of quiet zone in 25 mm: 0.22 mm, under EAN-13's 0.264 mm.
    small_ean = {
        "symbology": "ean13",
        "data": "400638133393",
        "width": 25,
        "height": 12,
        "transform": {"x": 150, "y": 45},
    }
    found = codes_found(make(tmp_path, small_qr, small_ean))
    assert (
        "warning",
        "code-size",
        "its modules are 0.30 mm wide; scanners need at least 0.33 mm: make the code larger.",
    ) in found
    assert (
        "warning",
        "code-size",
        "its modules are 0.22 mm wide; scanners need at least 0.264 mm: make the code larger.",
    ) in found
    # Scaling the layer up makes the modules larger: no warning any more.
    small_qr["transform"] = {"x": 60, "y": 45, "scale_x": 1.2, "scale_y": 1.2}
    found = codes_found(make(tmp_path, small_qr))
    assert not [f for f in found if f[1] == "code-size"]


def test_light_modules_or_a_dark_area_without_code_background_are_reported(tmp_path):
    light = {"data": "x", "color": "#FFE082", "width": 30, "height": 30, "transform": {"x": 60, "y": 45}}
    assert ("warning", "code-contrast") in [f[:2] for f in codes_found(make(tmp_path, light))]
    clear = {"data": "x", "background": None, "width": 30, "height": 30, "transform": {"x": 60, "y": 45}}
    assert ("warning", "code-contrast") in [f[:2] for f in codes_found(make(tmp_path, clear, background="#1A237E"))]
    assert codes_found(make(tmp_path, clear, background="#FFF8E1")) == []


def test_a_code_cut_by_the_trim_and_a_field_it_cannot_hold(tmp_path, capsys):
    edge = {"data": "x", "width": 30, "height": 30, "transform": {"x": 5, "y": 45}}
    sku = {"symbology": "code128", "data": "{sku}", "width": 40, "height": 10, "transform": {"x": 120, "y": 45}}
    path = make(tmp_path, edge, sku, variables={"sku": "Zoé-1"})
    found = codes_found(path)
    assert ("warning", "safe-area") in [f[:2] for f in found]
    assert (
        "error",
        "asset",
        "Layer 'Code 128': a Code 128 holds letters, digits and signs of plain ASCII; 'é' cannot be encoded.",
    ) in found
    assert main(["preflight", str(path)]) == 2
