"""The PDF backend on its own: display lists drawn on a bare reportlab canvas, checked with poppler and pikepdf."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from fakes import FakeImage, FakeSvg
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from studio.model.color import Color
from studio.model.geometry import PT_PER_MM, Affine, Rect
from studio.model.geometry import Path as P
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, StrokePath
from studio.render.pdf import (
    ColorConverter,
    PdfResources,
    draw_display_list,
    finish_pdf,
    format_number,
    path_operators,
    resources_for,
)

pytestmark = pytest.mark.tools("pdftoppm", "pdfimages", "pdffonts", "qpdf")

# At 254 dpi one millimetre is ten pixels, which keeps the pixel arithmetic readable.
DPI = 254
W, H = 40.0, 30.0
RED, BLUE, BLACK = Color(hex="#FF0000"), Color(hex="#0000FF"), Color(hex="#000000")


def display_list(items: list[Item]) -> DisplayList:
    trim = Rect(0, 0, W, H)
    return DisplayList(area_id="a", trim=trim, page=trim, items=items)


def write_pdf(path: Path, pages: list[list[Item]], *, cmyk: ColorConverter | None = None) -> Path:
    """Draw each list of items on its own page, as the print exporter does but with no extras."""
    k = PT_PER_MM
    resources = PdfResources()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=0)
    for items in pages:
        canvas.setPageSize((W * k, H * k))
        canvas.addLiteral(f"{k} 0 0 {-k} 0 {H * k} cm")  # millimetres, y down
        draw_display_list(canvas, display_list(items), cmyk=cmyk, image_cache=resources)
        canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        finish_pdf(pdf, resources, cmyk=cmyk)
        pdf.save(path)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    return path


def render(path: Path, page: int = 1) -> np.ndarray:
    png = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(page), "-l", str(page), str(path)],
        check=True,
        capture_output=True,
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def at(img: np.ndarray, x_mm: float, y_mm: float) -> tuple[int, ...]:
    return tuple(int(v) for v in img[int(y_mm * DPI / 25.4), int(x_mm * DPI / 25.4)])


def near(rgb: tuple[int, ...], expected: tuple[int, int, int], tol: int = 6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb, expected, strict=True))


def images_in(pdf: pikepdf.Pdf) -> list[pikepdf.Stream]:
    return [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == pikepdf.Name.Image]


# -- operators ------------------------------------------------------------------------------------


def test_numbers_are_short_and_plain() -> None:
    assert [format_number(v) for v in (0.0, -0.00001, 1.0, 2.5, 1 / 3, 1e-7, 12345.678912)] == [
        "0",
        "0",
        "1",
        "2.5",
        "0.3333",
        "0",
        "12345.6789",
    ]


def test_quadratic_segments_become_cubics() -> None:
    ops = path_operators(P().move_to(0, 0).quad_to(3, 3, 6, 0).close())
    assert ops == "0 0 m 2 2 4 2 6 0 c h"


# -- paths ----------------------------------------------------------------------------------------


def test_fill_position_and_colour(tmp_path: Path) -> None:
    img = render(write_pdf(tmp_path / "x.pdf", [[FillPath(P.rectangle(10, 10, 10, 10), RED)]]))
    assert at(img, 15, 15) == (255, 0, 0)
    assert at(img, 9, 15) == (255, 255, 255)
    assert at(img, 21, 15) == (255, 255, 255)
    assert at(img, 15, 9.5) == (255, 255, 255)


def test_fill_rule_is_honoured(tmp_path: Path) -> None:
    ring = P.rectangle(5, 5, 20, 20).extend(P.rectangle(10, 10, 10, 10))
    ring.fill_rule = "evenodd"
    same_direction = P.rectangle(5, 5, 20, 20).extend(P.rectangle(10, 10, 10, 10))
    img = render(
        write_pdf(
            tmp_path / "x.pdf",
            [[FillPath(ring, RED), FillPath(same_direction.transformed(Affine.translation(12, 0)), BLUE)]],
        )
    )
    assert at(img, 7, 7) == (255, 0, 0)
    assert at(img, 15, 15) == (255, 255, 255), "even-odd leaves the inner square empty"
    assert at(img, 27, 15) == (0, 0, 255), "non-zero fills it (same winding)"


def test_stroke_width_in_millimetres(tmp_path: Path) -> None:
    line = StrokePath(P().move_to(5, 15).line_to(35, 15), BLACK, width=2.0, cap="butt")
    img = render(write_pdf(tmp_path / "x.pdf", [[line]]))
    assert at(img, 20, 14.2) == (0, 0, 0) and at(img, 20, 15.8) == (0, 0, 0)
    assert at(img, 20, 13.7) == (255, 255, 255) and at(img, 20, 16.3) == (255, 255, 255)
    assert at(img, 4.5, 15) == (255, 255, 255), "butt caps end at the path's end"


def test_opacity_uses_an_extgstate(tmp_path: Path) -> None:
    out = write_pdf(tmp_path / "x.pdf", [[FillPath(P.rectangle(10, 10, 10, 10), BLACK, opacity=0.5)]])
    assert near(at(render(out), 15, 15), (128, 128, 128), 3)
    with pikepdf.open(out) as pdf:
        (gs,) = pdf.pages[0].Resources.ExtGState.values()
        assert float(gs.ca) == 0.5 and float(gs.CA) == 0.5


def test_group_opacity_composites_the_group_as_one(tmp_path: Path) -> None:
    group = Group(
        [FillPath(P.rectangle(5, 5, 15, 15), BLUE), FillPath(P.rectangle(12, 12, 15, 15), BLUE)],
        opacity=0.5,
    )
    out = write_pdf(tmp_path / "x.pdf", [[group]])
    img = render(out)
    alone, overlap = at(img, 7, 7), at(img, 15, 15)
    assert near(alone, (127, 127, 255), 3)
    assert near(overlap, alone, 2), "overlapping members do not add up inside a faded group"
    with pikepdf.open(out) as pdf:
        forms = [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == pikepdf.Name.Form]
        assert len(forms) == 1
        assert pikepdf.Name.Transparency == forms[0].Group.S


def test_single_member_group_takes_the_opacity_itself(tmp_path: Path) -> None:
    group = Group([FillPath(P.rectangle(5, 5, 15, 15), BLACK, opacity=0.5)], opacity=0.5)
    out = write_pdf(tmp_path / "x.pdf", [[group]])
    assert near(at(render(out), 10, 10), (191, 191, 191), 3)
    with pikepdf.open(out) as pdf:
        assert "/XObject" not in pdf.pages[0].Resources


def test_group_clip(tmp_path: Path) -> None:
    group = Group([FillPath(P.rectangle(0, 0, W, H), RED)], clip=P.ellipse(20, 15, 10, 5))
    img = render(write_pdf(tmp_path / "x.pdf", [[group]]))
    assert at(img, 20, 15) == (255, 0, 0)
    assert at(img, 20, 8) == (255, 255, 255)
    assert at(img, 5, 15) == (255, 255, 255)


def test_spot_colour_is_a_separation(tmp_path: Path) -> None:
    gold = Color(hex="#D4AF37", spot="Gold 871")
    out = write_pdf(tmp_path / "x.pdf", [[FillPath(P.rectangle(5, 5, 10, 10), gold)]])
    with pikepdf.open(out) as pdf:
        (sep,) = pdf.pages[0].Resources.ColorSpace.values()
        assert [str(sep[0]), str(sep[1]), str(sep[2])] == ["/Separation", "/Gold 871", "/DeviceRGB"]
    assert near(at(render(out), 10, 10), (0xD4, 0xAF, 0x37), 2)


# -- images ---------------------------------------------------------------------------------------


def two_tone(fmt: str) -> FakeImage:
    """Red on top, blue below: shows whether rows end up the right way up."""
    im = Image.new("RGB", (40, 20), (255, 0, 0))
    im.paste((0, 0, 255), (0, 10, 40, 20))
    return FakeImage(im, fmt=fmt)


def test_image_orientation_and_placement(tmp_path: Path) -> None:
    # 40 x 20 px placed at 0.5 mm per pixel from (10, 5): covers 10..30 mm by 5..15 mm.
    item = DrawImage(two_tone("PNG"), Affine.scaling(0.5).then(Affine.translation(10, 5)))
    img = render(write_pdf(tmp_path / "x.pdf", [[item]]))
    assert at(img, 20, 7) == (255, 0, 0)
    assert at(img, 20, 13) == (0, 0, 255)
    assert at(img, 9, 10) == (255, 255, 255) and at(img, 31, 10) == (255, 255, 255)


def test_image_clip(tmp_path: Path) -> None:
    item = DrawImage(
        two_tone("PNG"), Affine.scaling(0.5).then(Affine.translation(10, 5)), clip=P.rectangle(0, 0, 20, H)
    )
    img = render(write_pdf(tmp_path / "x.pdf", [[item]]))
    assert at(img, 15, 7) == (255, 0, 0)
    assert at(img, 25, 7) == (255, 255, 255)


def test_jpeg_is_embedded_byte_for_byte(tmp_path: Path) -> None:
    photo = two_tone("JPEG")
    out = write_pdf(tmp_path / "x.pdf", [[DrawImage(photo, Affine.scaling(0.5))]])
    with pikepdf.open(out) as pdf:
        (image,) = images_in(pdf)
        assert image.Filter == pikepdf.Name.DCTDecode
        assert image.read_raw_bytes() == photo.data
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert listing.splitlines()[2].split()[8] == "jpeg"


def test_png_becomes_lossless_flate(tmp_path: Path) -> None:
    out = write_pdf(tmp_path / "x.pdf", [[DrawImage(two_tone("PNG"), Affine.scaling(0.5))]])
    with pikepdf.open(out) as pdf:
        (image,) = images_in(pdf)
        assert image.Filter == pikepdf.Name.FlateDecode
        decoded = pikepdf.PdfImage(image).as_pil_image()
        assert decoded.getpixel((0, 0)) == (255, 0, 0) and decoded.getpixel((0, 19)) == (0, 0, 255)


def test_alpha_becomes_a_soft_mask(tmp_path: Path) -> None:
    im = Image.new("RGBA", (20, 20), (0, 0, 255, 128))
    im.paste((255, 0, 0, 0), (0, 0, 10, 20))
    out = write_pdf(tmp_path / "x.pdf", [[DrawImage(FakeImage(im), Affine.translation(10, 5))]])
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert [line.split()[2] for line in listing.splitlines()[2:]] == ["image", "smask"]
    img = render(out)
    assert at(img, 15, 15) == (255, 255, 255), "transparent pixels show what is below"
    assert near(at(img, 25, 15), (127, 127, 255), 3)


def test_image_stored_once_across_pages(tmp_path: Path) -> None:
    photo = two_tone("JPEG")
    pages: list[list[Item]] = [[DrawImage(photo, Affine.scaling(0.3 + i / 10))] for i in range(3)]
    out = write_pdf(tmp_path / "x.pdf", pages)
    with pikepdf.open(out) as pdf:
        assert len(images_in(pdf)) == 1
        names = {tuple(p.Resources.XObject.keys()) for p in pdf.pages}
        assert len(names) == 1


def test_default_resources_belong_to_the_canvas() -> None:
    canvas = Canvas(io.BytesIO())
    photo = two_tone("PNG")
    draw_display_list(canvas, display_list([DrawImage(photo, Affine())]))
    draw_display_list(canvas, display_list([DrawImage(photo, Affine())]))
    assert resources_for(canvas).image_count == 1
    assert resources_for(Canvas(io.BytesIO())).image_count == 0


# -- SVG ------------------------------------------------------------------------------------------

SQUARE_SVG = FakeSvg(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'
    '<rect x="50" y="0" width="50" height="50" fill="#FF0000"/></svg>',
    view_box=(0.0, 0.0, 100.0, 50.0),
)


def test_svg_stays_vector_and_lands_where_the_transform_puts_it(tmp_path: Path) -> None:
    # 100 x 50 user units at 0.2 mm each, from (10, 5): the red right half covers 20..30 mm by 5..15 mm.
    item = DrawSvg(SQUARE_SVG, Affine.scaling(0.2).then(Affine.translation(10, 5)))
    out = write_pdf(tmp_path / "x.pdf", [[item]])
    with pikepdf.open(out) as pdf:
        assert images_in(pdf) == []
        (form,) = pdf.pages[0].Resources.XObject.values()
        assert form.Subtype == pikepdf.Name.Form
        operators = {str(i.operator) for i in pikepdf.parse_content_stream(form)}
        assert {"re", "f"} <= operators or {"m", "l", "f"} <= operators
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert len(fonts.splitlines()) == 2
    img = render(out)
    assert at(img, 25, 10) == (255, 0, 0)
    assert at(img, 19, 10) == (255, 255, 255)
    assert at(img, 31, 10) == (255, 255, 255)
    assert at(img, 25, 16) == (255, 255, 255)


def test_svg_size_attributes_do_not_move_the_art(tmp_path: Path) -> None:
    # The document says 10 cm by 1 cm (another aspect ratio); the viewBox is what the transform maps.
    odd = FakeSvg(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10cm" height="1cm" viewBox="20 10 100 50">'
        '<rect x="70" y="10" width="50" height="50" fill="#0000FF"/></svg>',
        view_box=(20.0, 10.0, 100.0, 50.0),
    )
    place = Affine.translation(-20, -10).then(Affine.scaling(0.2)).then(Affine.translation(10, 5))
    img = render(write_pdf(tmp_path / "x.pdf", [[DrawSvg(odd, place)]]))
    assert at(img, 25, 10) == (0, 0, 255)
    assert at(img, 19, 10) == (255, 255, 255)


def test_svg_drawn_twice_is_stored_once_and_clipped(tmp_path: Path) -> None:
    a = DrawSvg(SQUARE_SVG, Affine.scaling(0.2), clip=P.rectangle(0, 0, 15, 5))
    b = DrawSvg(SQUARE_SVG, Affine.scaling(0.2).then(Affine.translation(0, 15)), opacity=0.5)
    out = write_pdf(tmp_path / "x.pdf", [[a, b], [b]])
    with pikepdf.open(out) as pdf:
        forms = {x.objgen for p in pdf.pages for x in p.Resources.XObject.values()}
        assert len(forms) == 1
    img = render(out)
    assert at(img, 12, 2) == (255, 0, 0)
    assert at(img, 17, 2) == (255, 255, 255), "clipped away"
    assert near(at(img, 15, 17), (255, 127, 127), 3)


def test_cmyk_converts_vector_art_and_images(tmp_path: Path) -> None:
    converter = ColorConverter.fogra39()
    items: list[Item] = [
        FillPath(P.rectangle(0, 0, 5, 5), RED),
        StrokePath(P.rectangle(6, 0, 5, 5), BLUE, width=0.5),
        DrawImage(two_tone("PNG"), Affine.scaling(0.2).then(Affine.translation(0, 10))),
        DrawSvg(SQUARE_SVG, Affine.scaling(0.2).then(Affine.translation(10, 10))),
    ]
    out = write_pdf(tmp_path / "x.pdf", [items], cmyk=converter)
    with pikepdf.open(out) as pdf:
        streams = [pdf.pages[0]] + [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == "/Form"]
        ops = {str(i.operator) for s in streams for i in pikepdf.parse_content_stream(s)}
        assert not ops & {"rg", "RG"}
        assert {"k", "K"} <= ops
        assert all(i.ColorSpace == pikepdf.Name.DeviceCMYK for i in images_in(pdf))
    img = render(out)
    r, g, b = at(img, 2, 2)
    assert r > 200 and g < 80 and b < 80
