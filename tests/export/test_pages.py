"""The page plan and its streaming writer: items placed and turned on a sheet, shared objects once."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest

from studio.export.pages import ItemArt, PagePlan, PdfPageWriter, PlacedItem, SharedResources
from studio.model.geometry import Path as GeoPath
from studio.model.geometry import Rect, mm_to_pt


def art() -> ItemArt:
    """A 40 x 20 mm item with 2 mm bleed, its top-left corner painted red, the rest blue."""
    page = Rect(-2, -2, 44, 24)
    content = b"0 0 1 rg -2 -2 44 24 re f 1 0 0 rg -2 -2 10 6 re f"
    return ItemArt(content, page, Rect(0, 0, 40, 20), GeoPath.rectangle(0, 0, 40, 20))


def test_placed_items_land_where_asked_and_turn(tmp_path: Path) -> None:
    item = art()
    placed = PlacedItem.at(item, 10, 10)
    turned = PlacedItem.at(item, 100, 10, rotation=90, cut_line=True)
    assert item.page.transformed(placed.transform) == Rect(10, 10, 44, 24)
    bounds = item.page.transformed(turned.transform)
    assert (round(bounds.x, 6), round(bounds.y, 6), round(bounds.width, 6), round(bounds.height, 6)) == (
        100,
        10,
        24,
        44,
    )
    with pytest.raises(ValueError):
        PlacedItem.at(item, 0, 0, rotation=45)
    out = tmp_path / "sheet.pdf"
    with open(out, "wb") as handle, PdfPageWriter(handle, resources=SharedResources(), title="Sheet") as writer:
        writer.add_page(PagePlan(210, 297, (placed, turned), marks=((Rect(12, 12, 40, 20), Rect(10, 10, 44, 24)),)))
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        assert [round(float(v), 2) for v in page.MediaBox] == [0, 0, round(mm_to_pt(210), 2), round(mm_to_pt(297), 2)]
        names = set(page.Resources.ColorSpace.keys())
        assert len(names) == 2  # CutContour and the registration colour of the marks
    png = tmp_path / "sheet"
    subprocess.run(["pdftoppm", "-r", "50.8", "-png", "-singlefile", str(out), str(png)], check=True)  # 2 px / mm
    from PIL import Image

    with Image.open(f"{png}.png") as im:
        rgb = im.convert("RGB")
        # The unturned item: red corner at its top-left (10..20 mm, 10..16 mm), blue after.
        assert rgb.getpixel((30, 24)) == (255, 0, 0)
        assert rgb.getpixel((60, 40))[2] > 200
        # Turned a quarter clockwise, the red corner is at the top-right of its place.
        assert rgb.getpixel((238, 29)) == (255, 0, 0)
        assert rgb.getpixel((208, 60))[2] > 200 and rgb.getpixel((208, 60))[0] < 50


def test_parts_join_without_storing_a_shared_form_twice(tmp_path: Path) -> None:
    def part(title: str) -> bytes:
        res = SharedResources()
        buffer = io.BytesIO()
        with PdfPageWriter(buffer, resources=res, title=title) as writer:
            form = res.plain_form("Ar", ("art", "same"), lambda: (b"0 1 0 rg 0 0 40 20 re f", (0.0, 0.0, 40.0, 20.0)))
            item = ItemArt(
                f"/{form} Do".encode(), Rect(0, 0, 40, 20), Rect(0, 0, 40, 20), GeoPath.rectangle(0, 0, 40, 20)
            )
            for _ in range(3):
                writer.add_page(PagePlan(40, 20, (PlacedItem(item),)))
        return buffer.getvalue()

    out = tmp_path / "joined.pdf"
    with open(out, "wb") as handle, PdfPageWriter(handle, resources=SharedResources(), title="Joined") as writer:
        for title in ("a", "b", "c"):
            writer.add_part(io.BytesIO(part(title)))
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 9
        forms = {form.objgen for page in pdf.pages for _, form in page.Resources.XObject.items()}
        assert len(forms) == 1
