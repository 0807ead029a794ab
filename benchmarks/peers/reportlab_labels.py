"""The benchmark label drawn with reportlab alone: the baseline Studio's batch must not be slower than.

    python benchmarks/peers/reportlab_labels.py JOB_FOLDER NAMES.csv OUT.pdf

A plain, competent reportlab script: one page per name at the bleed size with TrimBox and BleedBox,
the background, the photo cropped to its frame (one ImageReader, stored once, JPEG passed through),
the flower drawn with canvas paths (all of these once, in a form that every page places), the name in Open Sans Bold 28 pt shrunk to fit its 100 mm box,
and the subtitle in Open Sans Regular 12 pt (TrueType fonts embedded as subsets).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from reportlab import rl_config

rl_config.useA85 = 0  # JPEG passes through byte for byte (see DESIGN.md)

from reportlab.lib.units import mm  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "OpenSans"
W, H, BLEED = 236.0, 90.0, 3.0


def flower(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    """The flower of flower.svg (viewBox 100 x 140) fitted into the frame centred at (x, y) mm (y up)."""
    s = min(w / 100.0, h / 140.0) * mm
    c.saveState()
    c.translate(x * mm - 50 * s, y * mm + 70 * s)
    c.scale(s, -s)  # SVG user space, y down
    c.setStrokeColorRGB(0x3F / 255, 0x7D / 255, 0x3A / 255)
    c.setLineWidth(4)
    p = c.beginPath()
    p.moveTo(50, 60)
    p.curveTo(48, 90, 52, 110, 50, 138)
    c.drawPath(p, stroke=1, fill=0)
    c.setFillColorRGB(0x5F / 255, 0xA0 / 255, 0x52 / 255)
    for pts in (((50, 100), (30, 92, 22, 80, 20, 70), (36, 72, 46, 84, 50, 100)),
                ((50, 112), (70, 104, 78, 92, 80, 82), (64, 84, 54, 96, 50, 112))):  # fmt: skip
        p = c.beginPath()
        p.moveTo(*pts[0])
        p.curveTo(*pts[1])
        p.curveTo(*pts[2])
        p.close()
        c.drawPath(p, stroke=0, fill=1)
    c.setFillColorRGB(0xE8 / 255, 0x6A / 255, 0x92 / 255)
    for angle in range(0, 360, 60):
        c.saveState()
        c.translate(50, 45)
        c.rotate(angle)
        c.ellipse(-11, -35, 11, 5, stroke=0, fill=1)
        c.restoreState()
    c.setFillColorRGB(0xF6 / 255, 0xC4 / 255, 0x45 / 255)
    c.circle(50, 45, 10, stroke=0, fill=1)
    c.restoreState()


def main(job: Path, names_csv: Path, out: Path) -> None:
    pdfmetrics.registerFont(TTFont("OpenSans-Bold", str(FONTS / "OpenSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("OpenSans", str(FONTS / "OpenSans-Regular.ttf")))
    with open(names_csv, encoding="utf-8", newline="") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    photo = ImageReader(str(job / "photo.jpg"))
    pw, ph = photo.getSize()
    page_w, page_h = (W + 2 * BLEED) * mm, (H + 2 * BLEED) * mm
    c = Canvas(str(out), pagesize=(page_w, page_h), initialFontName="OpenSans")
    # The frame of the photo: centre (36.5, 45) mm, 79 x 96 mm, filled (cropped, not distorted).
    fx, fy, fw, fh = 36.5 - 79 / 2 + BLEED, 90 - 45 - 96 / 2 + BLEED, 79.0, 96.0
    scale = max(fw / pw, fh / ph)
    dw, dh = pw * scale, ph * scale
    # What every label shares is drawn once, as a form, and placed on each page: how a careful
    # reportlab user makes many copies (drawImage alone hashes the whole image again on every call).
    c.beginForm("label")
    c.setFillColorRGB(0xFB / 255, 0xF3 / 255, 0xDF / 255)
    c.rect(0, 0, page_w, page_h, stroke=0, fill=1)
    c.saveState()
    p = c.beginPath()
    p.rect(fx * mm, fy * mm, fw * mm, fh * mm)
    c.clipPath(p, stroke=0, fill=0)
    c.drawImage(photo, (fx + (fw - dw) / 2) * mm, (fy + (fh - dh) / 2) * mm, dw * mm, dh * mm)
    c.restoreState()
    flower(c, 208 + BLEED, 90 - 45 + BLEED, 40, 56)
    c.setFillColorRGB(0x5A / 255, 0x2D / 255, 0x0C / 255)
    c.setFont("OpenSans", 12)
    c.drawCentredString(
        (152 + BLEED) * mm, (90 - 60 + BLEED) * mm - 12 * 0.35, "Miel de fleurs sauvages · récolte 2026"
    )
    c.endForm()
    for name in names:
        c.setTrimBox((BLEED * mm, BLEED * mm, (W + BLEED) * mm, (H + BLEED) * mm))
        c.setBleedBox((0, 0, page_w, page_h))
        c.doForm("label")
        c.setFillColorRGB(0x5A / 255, 0x2D / 255, 0x0C / 255)
        size = 28.0
        width = pdfmetrics.stringWidth(name, "OpenSans-Bold", size)
        if width > 100 * mm:
            size *= 100 * mm / width
        c.setFont("OpenSans-Bold", size)
        c.drawCentredString((152 + BLEED) * mm, (90 - 42 + BLEED) * mm - size * 0.35, name)
        c.showPage()
    c.save()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
