"""The print PDF, checked with tools that share no code with it: qpdf, poppler, Ghostscript, pikepdf."""

from __future__ import annotations

import io
import re
import subprocess
import time
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from fakes import FakeDocument, FakeImage, FakeSvg
from PIL import Image

from studio.export.options import PdfOptions
from studio.export.pdf import MARK_GAP, MARK_LENGTH, SLUG_MARGIN, export_pdf
from studio.model.color import Color
from studio.model.errors import StudioError
from studio.model.geometry import PT_PER_MM, Affine
from studio.model.geometry import Path as P
from studio.model.template import AreaShape, PrintArea
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Item
from studio.render.pdf import default_cmyk_profile

pytestmark = pytest.mark.tools("qpdf", "pdfinfo", "pdffonts", "pdfimages", "pdftoppm", "gs")

W, H, BLEED = 80.0, 50.0, 3.0
SLUG = MARK_GAP + MARK_LENGTH + SLUG_MARGIN
YELLOW = Color(hex="#FFFF00")
RED = Color(hex="#FF0000")


def area(area_id: str = "front", **kw: object) -> PrintArea:
    fields: dict[str, object] = {"id": area_id, "name": area_id.title(), "width": W, "height": H, "bleed": BLEED}
    fields.update(kw)
    return PrintArea.model_validate(fields)


def document(items: list[Item], *, areas: list[PrintArea] | None = None, die_line: P | None = None) -> FakeDocument:
    areas = areas or [area()]
    scenes = {
        a.id: DisplayList(area_id=a.id, trim=a.trim_rect, page=a.bleed_rect(), items=items, die_line=die_line)
        for a in areas
    }
    return FakeDocument(areas={a.id: a for a in areas}, scenes=scenes, title="Jar label")


def full_bleed_background(color: Color = YELLOW, bleed: float = BLEED) -> FillPath:
    return FillPath(P.rectangle(-bleed, -bleed, W + 2 * bleed, H + 2 * bleed), color)


def red_square() -> FillPath:
    return FillPath(P.rectangle(10, 10, 10, 10), RED)


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def boxes(pdf: Path, page: int = 1) -> dict[str, tuple[float, ...]]:
    out = run("pdfinfo", "-box", "-f", str(page), "-l", str(page), pdf)
    found = {}
    for m in re.finditer(r"^Page\s+\d+\s+(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out, re.M):
        found[m.group(1)] = tuple(float(v) for v in m.groups()[1:])
    return found


def render(pdf: Path, dpi: int = 72, page: int = 1) -> np.ndarray:
    """The page as an RGB array (row 0 at the top of the MediaBox)."""
    png = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def px(mm: float, origin: float, dpi: int) -> int:
    """Pixel index of an area coordinate when the page starts at ``origin`` mm in area coordinates."""
    return int((mm - origin) * dpi / 25.4)


def assert_close(box: tuple[float, ...], expected_mm: tuple[float, float, float, float], tol: float = 0.01) -> None:
    expected = tuple(v * PT_PER_MM for v in expected_mm)
    assert box == pytest.approx(expected, abs=tol), (box, expected)


def content_of(pdf: pikepdf.Pdf, page: int = 0) -> bytes:
    return pdf.pages[page].obj.Contents.read_bytes()


def qpdf_check(path: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


# -- pages and boxes ------------------------------------------------------------------------------


def test_boxes_without_marks(tmp_path: Path) -> None:
    out = export_pdf(document([full_bleed_background()]), tmp_path / "label.pdf")
    b = boxes(out)
    assert_close(b["MediaBox"], (0, 0, W + 2 * BLEED, H + 2 * BLEED))
    assert_close(b["CropBox"], (0, 0, W + 2 * BLEED, H + 2 * BLEED))
    assert_close(b["BleedBox"], (0, 0, W + 2 * BLEED, H + 2 * BLEED))
    assert_close(b["TrimBox"], (BLEED, BLEED, BLEED + W, BLEED + H))


def test_boxes_with_marks_and_custom_bleed(tmp_path: Path) -> None:
    bleed = 5.0
    out = export_pdf(document([]), tmp_path / "label.pdf", options=PdfOptions(marks=True, bleed=bleed))
    b = boxes(out)
    media = (0, 0, W + 2 * (bleed + SLUG), H + 2 * (bleed + SLUG))
    assert_close(b["MediaBox"], media)
    assert_close(b["CropBox"], media)
    assert_close(b["BleedBox"], (SLUG, SLUG, SLUG + W + 2 * bleed, SLUG + H + 2 * bleed))
    assert_close(b["TrimBox"], (SLUG + bleed, SLUG + bleed, SLUG + bleed + W, SLUG + bleed + H))


def test_one_page_per_area_in_template_order(tmp_path: Path) -> None:
    doc = document([red_square()], areas=[area("front"), area("back", width=40.0, height=30.0), area("lid")])
    out = export_pdf(doc, tmp_path / "jar.pdf")
    assert "Pages:           3" in run("pdfinfo", out)
    assert_close(boxes(out, 2)["TrimBox"], (BLEED, BLEED, BLEED + 40, BLEED + 30))
    assert [c[0] for c in doc.calls] == ["front", "back", "lid"]


def test_chosen_areas_in_the_order_given(tmp_path: Path) -> None:
    doc = document([], areas=[area("front"), area("back", width=40.0, height=30.0)])
    out = export_pdf(doc, tmp_path / "jar.pdf", options=PdfOptions(areas=("back",)))
    assert "Pages:           1" in run("pdfinfo", out)
    assert_close(boxes(out)["TrimBox"], (BLEED, BLEED, BLEED + 40, BLEED + 30))


def test_unknown_area_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(StudioError, match="no print area 'side'"):
        export_pdf(document([]), tmp_path / "x.pdf", options=PdfOptions(areas=("side",)))
    assert not list(tmp_path.iterdir())


def test_unwritable_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(StudioError, match="cannot write the PDF file"):
        export_pdf(document([]), tmp_path / "missing" / "x.pdf")


# -- validity, fonts, determinism -----------------------------------------------------------------

SVG = FakeSvg(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
    '<rect x="0" y="0" width="100" height="100" fill="#0000FF"/></svg>'
)


def rich_items() -> list[Item]:
    photo = FakeImage(Image.linear_gradient("L").convert("RGB"), fmt="JPEG")
    logo = FakeImage(Image.new("RGBA", (20, 20), (0, 128, 0, 100)))
    return [
        full_bleed_background(),
        red_square(),
        DrawImage(photo, Affine.scaling(0.1).then(Affine.translation(30, 5)), clip=P.ellipse(42, 17, 10, 8)),
        DrawImage(logo, Affine.translation(60, 30)),
        DrawSvg(SVG, Affine.scaling(0.1).then(Affine.translation(5, 30))),
        FillPath(P.ellipse(50, 40, 5, 5), Color(hex="#00FF00", spot="Green 1")),
    ]


@pytest.mark.parametrize(
    "options",
    [
        PdfOptions(),
        PdfOptions(marks=True, cut_line=True),
        PdfOptions(mirror=True, bleed=0.0),
        PdfOptions(cmyk=True, marks=True, cut_line=True, mirror=True),
    ],
    ids=["plain", "marks-cut", "mirror-nobleed", "cmyk-all"],
)
def test_qpdf_check_and_no_fonts(tmp_path: Path, options: PdfOptions) -> None:
    out = export_pdf(document(rich_items(), areas=[area("a"), area("b")]), tmp_path / "x.pdf", options=options)
    qpdf_check(out)
    fonts = run("pdffonts", out).splitlines()
    assert len(fonts) == 2, "pdffonts lists a font: " + "\n".join(fonts)


def test_same_input_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    options = PdfOptions(cmyk=True, marks=True, cut_line=True)
    a = export_pdf(document(rich_items()), tmp_path / "a.pdf", options=options).read_bytes()
    b = export_pdf(document(rich_items()), tmp_path / "b.pdf", options=options).read_bytes()
    assert a == b
    with pikepdf.open(tmp_path / "a.pdf") as pdf:
        assert len(pdf.trailer.ID) == 2
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320+00'00'"
        assert str(pdf.docinfo.Title) == "Jar label"


# -- pixels -------------------------------------------------------------------------------------


def test_red_square_and_full_bleed_background(tmp_path: Path) -> None:
    out = export_pdf(document([full_bleed_background(), red_square()]), tmp_path / "x.pdf")
    dpi = 150
    img = render(out, dpi)
    origin = -BLEED
    assert img.shape[:2] == (round((H + 2 * BLEED) * dpi / 25.4), round((W + 2 * BLEED) * dpi / 25.4))
    assert tuple(img[px(15, origin, dpi), px(15, origin, dpi)]) == (255, 0, 0)
    assert tuple(img[px(25, origin, dpi), px(25, origin, dpi)]) == (255, 255, 0)
    # The bleed, outside the trim on every side, is covered by the background.
    for y, x in ((1, 1), (1, img.shape[1] - 2), (img.shape[0] - 2, 1), (img.shape[0] - 2, img.shape[1] - 2)):
        assert tuple(img[y, x]) == (255, 255, 0)


def test_content_is_clipped_to_the_bleed_box(tmp_path: Path) -> None:
    huge = FillPath(P.rectangle(-50, -50, W + 100, H + 100), RED)
    out = export_pdf(document([huge]), tmp_path / "x.pdf", options=PdfOptions(marks=True))
    img = render(out, 72)
    assert tuple(img[2, 2]) == (255, 255, 255)
    assert tuple(img[img.shape[0] // 2, img.shape[1] // 2]) == (255, 0, 0)


def test_crop_marks_stay_out_of_the_bleed_box(tmp_path: Path) -> None:
    dpi = 150
    out = export_pdf(document([full_bleed_background()]), tmp_path / "x.pdf", options=PdfOptions(marks=True))
    img = render(out, dpi)
    origin = -(BLEED + SLUG)
    top, left = px(-BLEED, origin, dpi), px(-BLEED, origin, dpi)
    bottom, right = px(H + BLEED, origin, dpi), px(W + BLEED, origin, dpi)
    bleed_box = img[top:bottom, left:right]
    assert (bleed_box.sum(axis=2) > 450).all(), "something dark was drawn inside the bleed box"
    assert (bleed_box == (255, 255, 0)).all(axis=2).mean() > 0.99
    dark = img.sum(axis=2) < 200
    # A horizontal mark on the trim's top edge, left of the bleed, and a vertical one above it.
    mark_y = px(0, origin, dpi)
    mark_x0, mark_x1 = px(-BLEED - MARK_GAP - MARK_LENGTH, origin, dpi), px(-BLEED - MARK_GAP, origin, dpi)
    assert dark[mark_y - 1 : mark_y + 2, mark_x0 + 2 : mark_x1 - 2].any(axis=0).all()
    assert dark[px(-BLEED - MARK_GAP - 1, origin, dpi), px(0, origin, dpi) - 1 : px(0, origin, dpi) + 2].any()
    # Nothing dark in the slug between the marks' ends and the bleed box.
    gap = dark[mark_y - 3 : mark_y + 4, px(-BLEED - MARK_GAP + 0.5, origin, dpi) : left]
    assert not gap.any()


def test_mirror_flips_the_content_not_the_boxes(tmp_path: Path) -> None:
    doc = document([red_square()])
    plain = export_pdf(doc, tmp_path / "plain.pdf")
    mirrored = export_pdf(doc, tmp_path / "mirror.pdf", options=PdfOptions(mirror=True))
    assert boxes(plain) == boxes(mirrored)
    dpi, origin = 150, -BLEED
    a, b = render(plain, dpi), render(mirrored, dpi)
    y = px(15, origin, dpi)
    assert tuple(a[y, px(15, origin, dpi)]) == (255, 0, 0)
    assert tuple(b[y, px(15, origin, dpi)]) == (255, 255, 255)
    assert tuple(b[y, px(W - 15, origin, dpi)]) == (255, 0, 0)
    assert np.array_equal(a[:, ::-1], b) or np.abs(a[:, ::-1] - b).max(axis=2).mean() < 1


# -- cut line -------------------------------------------------------------------------------------


def test_cut_line_is_a_separation_on_its_own_plate(tmp_path: Path) -> None:
    oval = area(shape=AreaShape(kind="ellipse"))
    out = export_pdf(
        document([full_bleed_background()], areas=[oval]), tmp_path / "x.pdf", options=PdfOptions(cut_line=True)
    )
    with pikepdf.open(out) as pdf:
        spaces = pdf.pages[0].Resources.ColorSpace
        seps = [cs for cs in spaces.values() if cs[0] == pikepdf.Name.Separation]
        assert [str(cs[1]) for cs in seps] == ["/CutContour"]
        assert seps[0][2] == pikepdf.Name.DeviceCMYK
        assert list(seps[0][3].C1) == [0, 1, 0, 0]
        gstates = [g for g in pdf.pages[0].Resources.ExtGState.values() if g.get("/OP")]
        assert gstates and gstates[0].op is True
    seps_dir = tmp_path / "seps"
    seps_dir.mkdir()
    subprocess.run(
        [
            "gs",
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-sDEVICE=tiffsep",
            "-r72",
            f"-sOutputFile={seps_dir / 'p.tif'}",
            str(out),
        ],
        check=True,
    )
    plate = np.asarray(Image.open(seps_dir / "p(CutContour).tif"))
    inked = plate < 128
    assert inked.any()
    # The die line is the ellipse: ink at its left and top extremes, none at the trim's corners.
    dpi, origin = 72, -BLEED
    cy, cx = px(H / 2, origin, dpi), px(0, origin, dpi)
    assert inked[cy - 2 : cy + 3, cx - 2 : cx + 3].any()
    assert not inked[px(1, origin, dpi), px(1, origin, dpi)]
    # Overprinting: the yellow under the line is still printed.
    yellow = np.asarray(Image.open(seps_dir / "p(Yellow).tif"))
    assert (yellow[cy - 2 : cy + 3, cx - 2 : cx + 3] < 128).all()


def test_cut_line_uses_the_scene_die_line(tmp_path: Path) -> None:
    die = P.rectangle(20, 10, 40, 30)
    out = export_pdf(document([], die_line=die), tmp_path / "x.pdf", options=PdfOptions(cut_line=True))
    img = render(out, 150)
    origin, dpi = -BLEED, 150
    row = img[px(25, origin, dpi)]
    assert (row[px(20, origin, dpi) - 2 : px(20, origin, dpi) + 3].sum(axis=1) < 700).any()
    assert (img[px(25, origin, dpi), px(5, origin, dpi)] == 255).all()


# -- images ---------------------------------------------------------------------------------------


def test_jpeg_embedded_byte_for_byte_and_stored_once(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    photo = FakeImage(Image.fromarray(rng.integers(0, 255, (120, 160, 3), dtype=np.uint8)), fmt="JPEG")
    items: list[Item] = [DrawImage(photo, Affine.scaling(0.25)), DrawImage(photo, Affine.translation(40, 0))]
    doc = document(items, areas=[area("a"), area("b"), area("c")])
    out = export_pdf(doc, tmp_path / "x.pdf")
    listing = run("pdfimages", "-list", out).splitlines()[2:]
    assert len(listing) == 6  # drawn twice on each of three pages
    assert {line.split()[10] for line in listing} == {listing[0].split()[10]}, "one object for all uses"
    assert all(line.split()[8] == "jpeg" for line in listing)
    with pikepdf.open(out) as pdf:
        images = {
            obj.objgen: obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
        }
        assert len(images) == 1
        (stream,) = images.values()
        assert stream.read_raw_bytes() == photo.data
        assert stream.Filter == pikepdf.Name.DCTDecode


def test_thousand_labels_share_one_photo(tmp_path: Path) -> None:
    photo = FakeImage(Image.new("RGB", (1200, 900), (200, 100, 50)), fmt="JPEG")
    areas = [area(f"l{i}") for i in range(1000)]
    items: list[Item] = [
        full_bleed_background(),
        DrawImage(photo, Affine.scaling(0.05), clip=P.ellipse(30, 22, 20, 15)),
        *[FillPath(P.star(10 + 5 * j, 40, 2, 3, 5, 0.5), Color(hex="#202020")) for j in range(12)],
    ]
    start = time.perf_counter()
    out = export_pdf(document(items, areas=areas), tmp_path / "batch.pdf")
    elapsed = time.perf_counter() - start
    assert elapsed < 10.0
    size = out.stat().st_size
    assert size < len(photo.data) + 1000 * 4000, f"{size} bytes: the photo is stored more than once"


# -- CMYK and PDF/X-4 -----------------------------------------------------------------------------

_RGB_OPERATOR = re.compile(rb"(?<![A-Za-z])(rg|RG)(?![A-Za-z])")


def all_content_streams(pdf: pikepdf.Pdf) -> list[bytes]:
    """Every page and form content stream in the file."""
    streams = [page.obj.Contents.read_bytes() for page in pdf.pages]
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            streams.append(obj.read_bytes())
    return streams


def colour_operators(pdf: pikepdf.Pdf) -> set[str]:
    ops = set()
    for page in pdf.pages:
        for instruction in pikepdf.parse_content_stream(page):
            ops.add(str(instruction.operator))
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            for instruction in pikepdf.parse_content_stream(obj):
                ops.add(str(instruction.operator))
    return ops & {"rg", "RG", "k", "K", "g", "G", "sc", "scn", "SC", "SCN", "cs", "CS"}


def test_cmyk_is_pdfx4(tmp_path: Path) -> None:
    out = export_pdf(document(rich_items()), tmp_path / "x.pdf", options=PdfOptions(cmyk=True))
    qpdf_check(out)
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.6"
        assert len(pdf.trailer.ID) == 2
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert intent.DestOutputProfile.read_bytes() == default_cmyk_profile().read_bytes()
        assert intent.DestOutputProfile.N == 4
        assert pdf.docinfo.Trapped == pikepdf.Name("/False")
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
        assert "<pdf:Trapped>False</pdf:Trapped>" in xmp
        with pdf.open_metadata() as meta:
            assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
            assert meta["dc:title"] == "Jar label"
        for stream in all_content_streams(pdf):
            assert not _RGB_OPERATOR.search(stream), stream[:300]
        assert {"k", "K"} & colour_operators(pdf)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image" and "/SMask" not in obj:
                assert obj.ColorSpace in (pikepdf.Name.DeviceCMYK, pikepdf.Name.DeviceGray)
    listing = run("pdfimages", "-list", out)
    assert " rgb " not in listing


def test_cmyk_override_is_used_exactly(tmp_path: Path) -> None:
    exact = Color(hex="#FF0000", cmyk=(0.0, 95.0, 85.0, 5.0))
    items: list[Item] = [FillPath(P.rectangle(0, 0, 10, 10), exact), FillPath(P.rectangle(10, 0, 10, 10), RED)]
    out = export_pdf(document(items), tmp_path / "x.pdf", options=PdfOptions(cmyk=True))
    with pikepdf.open(out) as pdf:
        fills = [
            [float(v) for v in i.operands] for i in pikepdf.parse_content_stream(pdf.pages[0]) if str(i.operator) == "k"
        ]
    assert fills[0] == pytest.approx([0.0, 0.95, 0.85, 0.05])
    c, m, y, k = fills[1]  # converted through FOGRA39: a press red, not the override
    assert c < 0.05 and m > 0.85 and y > 0.85 and k < 0.05
    assert fills[1] != pytest.approx([0.0, 0.95, 0.85, 0.05])


def test_cmyk_spot_colour_is_a_separation_named_after_it(tmp_path: Path) -> None:
    spot = Color(hex="#E30613", cmyk=(0.0, 100.0, 100.0, 0.0), spot="Red 032")
    out = export_pdf(
        document([FillPath(P.rectangle(5, 5, 20, 20), spot)]), tmp_path / "x.pdf", options=PdfOptions(cmyk=True)
    )
    with pikepdf.open(out) as pdf:
        (sep,) = pdf.pages[0].Resources.ColorSpace.values()
        assert sep[0] == pikepdf.Name.Separation
        assert str(sep[1]) == "/Red 032"
        assert sep[2] == pikepdf.Name.DeviceCMYK
        assert list(sep[3].C1) == [0, 1, 1, 0]
    seps = tmp_path / "seps"
    seps.mkdir()
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiffsep", "-r36", f"-sOutputFile={seps / 'p.tif'}", str(out)],
        check=True,
    )
    assert any("Red" in p.name and "032" in p.name for p in seps.iterdir())


def test_cmyk_svg_stays_vector(tmp_path: Path) -> None:
    gradient = FakeSvg(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#FF0000"/>'
        '<stop offset="1" stop-color="#0000FF"/></linearGradient></defs>'
        '<rect width="100" height="50" fill="url(#g)"/><circle cx="50" cy="75" r="20" fill="#00AA00"/></svg>'
    )
    items: list[Item] = [DrawSvg(gradient, Affine.scaling(0.4))]
    out = export_pdf(document(items), tmp_path / "x.pdf", options=PdfOptions(cmyk=True))
    assert len(run("pdfimages", "-list", out).splitlines()) == 2, "the SVG was rasterised"
    with pikepdf.open(out) as pdf:
        ops = colour_operators(pdf)
        # CMYK fills, as `k` or as `scn` in DeviceCMYK (svg2pdf sets colour spaces by name).
        assert ops & {"k", "scn"} and "rg" not in ops
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and "/ShadingType" in obj:
                assert obj.ColorSpace == pikepdf.Name.DeviceCMYK
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and "/ColorSpace" in obj:
                spaces = obj.ColorSpace
                values = list(spaces.values()) if isinstance(spaces, pikepdf.Dictionary) else [spaces]
                assert pikepdf.Name.DeviceRGB not in values
    img = render(out, 72)
    origin = -BLEED
    r, g, b = img[px(30, origin, 72), px(20, origin, 72)]
    assert g > r and g > b, "the green circle is where the SVG puts it"


def test_cmyk_jpeg_passes_through_rgb_jpeg_is_converted(tmp_path: Path) -> None:
    cmyk_photo = FakeImage(Image.new("CMYK", (64, 48), (10, 200, 30, 0)), fmt="JPEG")
    rgb_photo = FakeImage(Image.new("RGB", (64, 48), (30, 60, 200)), fmt="JPEG")
    items: list[Item] = [
        DrawImage(cmyk_photo, Affine.scaling(0.3)),
        DrawImage(rgb_photo, Affine.scaling(0.3).then(Affine.translation(30, 0))),
    ]
    out = export_pdf(document(items), tmp_path / "x.pdf", options=PdfOptions(cmyk=True))
    with pikepdf.open(out) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        raw = {bytes(o.read_raw_bytes()) for o in images}
        assert cmyk_photo.data in raw
        assert rgb_photo.data not in raw
        assert all(o.ColorSpace == pikepdf.Name.DeviceCMYK for o in images)
    img = render(out, 72)
    origin = -BLEED
    r, g, b = img[px(5, origin, 72), px(5, origin, 72)]
    assert r > 150 and g < 100, "the CMYK JPEG renders magenta-red (Adobe inverted values decoded right)"
    r, g, b = img[px(5, origin, 72), px(35, origin, 72)]
    assert b > r and b > g


def test_cmyk_runs_without_rgb_in_transparency(tmp_path: Path) -> None:
    out = export_pdf(document(rich_items()), tmp_path / "x.pdf", options=PdfOptions(cmyk=True))
    with pikepdf.open(out) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and obj.get("/S") == pikepdf.Name.Transparency:
                assert obj.get("/CS") in (None, pikepdf.Name.DeviceCMYK, pikepdf.Name.DeviceGray)


def test_area_page_rect_is_taken_from_the_scene(tmp_path: Path) -> None:
    # A scene may ask for no bleed at all: the bleed box is then the trim box.
    out = export_pdf(document([full_bleed_background(bleed=0.0)]), tmp_path / "x.pdf", options=PdfOptions(bleed=0.0))
    b = boxes(out)
    assert b["BleedBox"] == b["TrimBox"] == b["MediaBox"]
    assert b["TrimBox"][2] - b["TrimBox"][0] == pytest.approx(W * PT_PER_MM, abs=0.01)
