"""Text never disappears: characters the chosen font lacks print from the fallback fonts, emoji
in colour, in the PNG, the PDF (rasterised by pdftoppm) and the SVG alike."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.export.document import open_document
from studio.export.options import PdfOptions, PngOptions, SvgOptions
from studio.export.pdf import export_pdf
from studio.export.png import export_png
from studio.export.svg import export_svg
from studio.render.display import FillPath

DPI = 100
BEE_YELLOW = (0xFF, 0xCC, 0x4D)
"""The bee's stripes in the bundled emoji font's palette."""
BEE_DARK = (0x31, 0x37, 0x3D)


def design(tmp_path: Path, layers: list[dict]) -> Path:
    path = tmp_path / "design.json"
    path.write_text(
        json.dumps({"template": "jar-500", "areas": {"label": {"background": "#FFFFFF", "layers": layers}}})
    )
    return path


def text(content: str, **fields: object) -> dict:
    return {
        "kind": "text",
        "text": content,
        "font_family": "Lato",
        "size": 60,
        "transform": {"x": 118, "y": 45},
        **fields,
    }


def png_pixels(doc, tmp_path: Path) -> np.ndarray:
    out = export_png(doc, tmp_path / "a.png", options=PngOptions(area="label", dpi=DPI))
    return np.asarray(Image.open(out).convert("RGB"), dtype=np.int16)


def pdf_pixels(doc, tmp_path: Path) -> np.ndarray:
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed"
    pdf = export_pdf(doc, tmp_path / "a.pdf", options=PdfOptions(areas=("label",)))
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(tmp_path / "pdf")], check=True)
    return np.asarray(Image.open(tmp_path / "pdf.png").convert("RGB"), dtype=np.int16)


def count_near(pixels: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 24) -> int:
    return int((np.abs(pixels - np.array(rgb)).max(axis=2) <= tolerance).sum())


def test_the_emoji_prints_in_colour_in_png_and_pdf(tmp_path):
    doc = open_document(design(tmp_path, [text("Léa 🐝")]))
    for pixels in (png_pixels(doc, tmp_path), pdf_pixels(doc, tmp_path)):
        # At 60 pt and 100 dpi the bee is about 80 px wide: hundreds of pixels of each colour.
        assert count_near(pixels, BEE_YELLOW) > 300
        assert count_near(pixels, BEE_DARK) > 300
    # Without the bee, none of its yellow.
    plain = open_document(design(tmp_path, [text("Léa")]))
    assert count_near(png_pixels(plain, tmp_path), BEE_YELLOW) == 0


def test_the_emoji_layers_are_filled_paths_with_their_colours(tmp_path):
    doc = open_document(design(tmp_path, [text("🐝", color="#123456")]))
    dl = doc.scene("label")
    colours = [item.color.hex for item in dl.items if isinstance(item, FillPath)][1:]  # after the background
    assert colours == ["#31373D", "#FFCC4D", "#CCD6DD", "#99AAB5"]
    svg = export_svg(doc, tmp_path / "a.svg", options=SvgOptions(area="label")).read_text()
    assert 'fill="#FFCC4D"' in svg and "<text" not in svg


def test_hebrew_in_a_latin_font_is_drawn(tmp_path):
    doc = open_document(design(tmp_path, [text("שלום")]))
    for pixels in (png_pixels(doc, tmp_path), pdf_pixels(doc, tmp_path)):
        assert count_near(pixels, (0, 0, 0), tolerance=60) > 500


def test_a_character_no_font_has_is_an_error_not_a_silent_gap(tmp_path):
    from studio.preflight import run_preflight

    # No CJK font is bundled (see docs/decisions/font-fallback.md): a user adds one.
    doc = open_document(design(tmp_path, [text("Léa 名")]))
    (finding,) = [f for f in run_preflight(doc) if f.code == "glyph"]
    assert finding.severity == "error" and "no font has a glyph for '名'" in finding.message


@pytest.mark.parametrize("family", ["Lobster", "EB Garamond", "Amiri"])
def test_fallback_glyphs_sit_on_the_same_baseline(tmp_path, family):
    from studio.model.design import TextLayer
    from studio.text import FontRegistry, layout_text

    out = layout_text(TextLayer(text="Ab ✓", font_family=family, size=40), FontRegistry.default())
    assert out.fallbacks == [("✓", "Noto Sans Symbols2")]
    assert len({round(g.baseline_center[1], 6) for g in out.glyphs}) == 1
