"""The SVG backend: valid, deterministic documents that render like the raster backend."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path as FsPath

import cairosvg
import numpy as np
import pytest
from fakes import FakeImage, FakeSvg
from PIL import Image
from requirements import require_tools, shared_fixture

from studio.model.color import Color
from studio.model.geometry import Affine, Path, Rect
from studio.render.display import DisplayList, DrawImage, DrawSvg, FillPath, Group, Item, StrokePath
from studio.render.qt import qimage_to_pil, render_image
from studio.render.svg import svg_document

NS = {"svg": "http://www.w3.org/2000/svg"}
TRIM = Rect(0.0, 0.0, 50.0, 30.0)
PAGE = TRIM.inflated(2.0)
RED = Color.of("#FF0000")

# Raster agreement: mean absolute difference per channel under 2 % of full scale.
MAX_MEAN_DIFF = 0.02 * 255

STAR = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36">
<path fill="#FFAC33" d="M27.287 34.627c-.404 0-.806-.124-1.152-.371L18 28.422l-8.135 5.834a1.97 1.97 0 0
1-2.312-.008 1.971 1.971 0 0 1-.721-2.194l3.034-9.792-8.062-5.681a1.98 1.98 0 0 1-.708-2.203 1.978 1.978 0 0 1
1.866-1.363L12.947 13l3.179-9.549a1.976 1.976 0 0 1 3.749 0L23 13l10.036.015a1.975 1.975 0 0 1 1.159
3.566l-8.062 5.681 3.034 9.792a1.97 1.97 0 0 1-.72 2.194 1.957 1.957 0 0 1-1.16.379z"/></svg>"""


def scene(*items: Item, page: Rect = PAGE, die_line: Path | None = None) -> DisplayList:
    return DisplayList(area_id="front", trim=TRIM, page=page, items=list(items), die_line=die_line)


def photo() -> FakeImage:
    im = Image.linear_gradient("L").resize((120, 80)).convert("RGB")
    return FakeImage(Image.merge("RGB", (im.getchannel(0), Image.new("L", im.size, 90), im.getchannel(0).rotate(180))))


def rich_scene() -> DisplayList:
    ring = Path.rectangle(30, 3, 16, 10).extend(Path.rectangle(34, 6, 8, 4))
    ring.fill_rule = "evenodd"
    return scene(
        FillPath(Path.rectangle(-2, -2, 54, 8), Color.of("#E8F0FF")),
        FillPath(Path.rectangle(5, 5, 10, 10), RED),
        FillPath(ring, Color.of("#2A7F3B")),
        StrokePath(Path.star(40, 21, 6, 6, 5, 0.45), Color.of("#0033AA"), 0.8, join="miter"),
        Group(
            [FillPath(Path.ellipse(22, 14, 7, 7), Color.of("#0000FF")), FillPath(Path.ellipse(27, 14, 7, 7), RED)],
            opacity=0.5,
        ),
        DrawImage(photo(), Affine.translation(3, 17) @ Affine.scaling(0.1), clip=Path.ellipse(9, 21, 5, 4)),
        DrawSvg(FakeSvg(STAR, (0, 0, 36, 36)), Affine.translation(16, 20) @ Affine.rotation(15) @ Affine.scaling(0.25)),
    )


def on_white(png: bytes) -> np.ndarray:
    im = Image.open(io.BytesIO(png)).convert("RGBA")
    white = Image.new("RGBA", im.size, "white")
    white.alpha_composite(im)
    return np.asarray(white.convert("RGB")).astype(int)


def by_cairosvg(text: str, width: int, height: int) -> np.ndarray:
    return on_white(cairosvg.svg2png(bytestring=text.encode(), output_width=width, output_height=height))


def by_rsvg(text: str, width: int, height: int, tmp_path: FsPath) -> np.ndarray:
    require_tools("rsvg-convert")
    exe = shutil.which("rsvg-convert")
    assert exe is not None
    src = tmp_path / "in.svg"
    src.write_text(text)
    out = subprocess.run([exe, "-w", str(width), "-h", str(height), str(src)], check=True, capture_output=True)
    return on_white(out.stdout)


def by_qt(dl: DisplayList, dpi: float, **kwargs: bool) -> np.ndarray:
    return np.asarray(qimage_to_pil(render_image(dl, dpi=dpi, **kwargs)).convert("RGB")).astype(int)


def ids(text: str) -> list[str]:
    return [el.get("id", "") for el in ET.fromstring(text).iter() if el.get("id")]


# -- structure ---------------------------------------------------------------------------------


def test_root_in_millimetres_covering_the_page() -> None:
    text = svg_document(scene(FillPath(Path.rectangle(5, 5, 10, 10), RED)))
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "54mm" and root.get("height") == "34mm"
    assert [float(v) for v in root.get("viewBox", "").split()] == [-2.0, -2.0, 54.0, 34.0]
    path = root.find(".//svg:path", NS)
    assert path is not None and path.get("fill") == "#FF0000"


def test_output_is_deterministic() -> None:
    assert svg_document(rich_scene()) == svg_document(rich_scene())


def test_attributes_of_paths_groups_and_clips() -> None:
    root = ET.fromstring(svg_document(rich_scene()))
    paths = root.findall(".//svg:g[@id='artwork']/svg:path", NS)
    assert paths[2].get("fill-rule") == "evenodd"
    stroke = paths[3]
    assert (stroke.get("stroke"), stroke.get("stroke-width"), stroke.get("stroke-linejoin")) == (
        "#0033AA",
        "0.8",
        "miter",
    )
    assert stroke.get("fill") == "none"
    assert root.find(".//svg:g[@opacity='0.5']", NS) is not None
    clip = root.find("svg:defs/svg:clipPath", NS)
    assert clip is not None and clip.get("clipPathUnits") == "userSpaceOnUse"
    assert root.find(f".//svg:g[@clip-path='url(#{clip.get('id')})']/svg:image", NS) is not None


def test_jpeg_passes_through_byte_for_byte() -> None:
    jpeg = FakeImage(Image.new("RGB", (40, 30), (200, 60, 20)), fmt="JPEG")
    text = svg_document(scene(DrawImage(jpeg, Affine.scaling(0.25))))
    href = ET.fromstring(text).find(".//svg:image", NS).get("{http://www.w3.org/1999/xlink}href")  # type: ignore[union-attr]
    assert href.startswith("data:image/jpeg;base64,")
    assert base64.b64decode(href.split(",", 1)[1]) == jpeg.data


def test_other_images_become_png() -> None:
    cmyk = FakeImage(Image.new("CMYK", (4, 4), (0, 100, 100, 0)), fmt="TIFF")
    text = svg_document(scene(DrawImage(cmyk, Affine.scaling(1.0))))
    href = ET.fromstring(text).find(".//svg:image", NS).get("{http://www.w3.org/1999/xlink}href")  # type: ignore[union-attr]
    assert href.startswith("data:image/png;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(href.split(",", 1)[1]))).mode == "RGB"


def test_cut_line_is_a_magenta_cutcontour_layer() -> None:
    die = Path.rounded_rectangle(0, 0, 50, 30, 4)
    root = ET.fromstring(svg_document(scene(die_line=die), cut_line=True))
    layer = root.find("svg:g[@id='CutContour']", NS)
    assert layer is not None
    assert layer.get("{http://www.inkscape.org/namespaces/inkscape}label") == "CutContour"
    path = layer.find("svg:path", NS)
    assert path is not None and path.get("stroke") == "#FF00FF" and path.get("fill") == "none"
    assert path.get("d") == die.to_svg()
    assert ET.fromstring(svg_document(scene(die_line=die))).find("svg:g[@id='CutContour']", NS) is None


def test_mirror_is_one_transform_on_the_root_group() -> None:
    root = ET.fromstring(svg_document(scene(FillPath(Path.rectangle(5, 5, 10, 10), RED)), mirror=True))
    assert root.find("svg:g[@id='artwork']", NS).get("transform") == "matrix(-1 0 0 1 50 0)"  # type: ignore[union-attr]


# -- rendering agrees with the raster backend ---------------------------------------------------


def assert_agree(ours: np.ndarray, theirs: np.ndarray) -> None:
    diff = np.abs(ours - theirs)
    assert diff.mean(axis=(0, 1)).max() < MAX_MEAN_DIFF, diff.mean(axis=(0, 1))


def key_pixels(px: np.ndarray) -> None:
    """Pixels of ``rich_scene`` at 10 px/mm (the page starts at -2 mm)."""
    assert tuple(px[120, 120]) == (255, 0, 0)  # red square at (10, 10) mm
    assert tuple(px[100, 400]) == (255, 255, 255)  # hole of the even-odd ring
    assert tuple(px[70, 340]) == (0x2A, 0x7F, 0x3B)  # the ring itself
    r, g, b = px[160, 190]  # blue half-transparent circle alone
    assert abs(r - 128) <= 3 and abs(g - 128) <= 3 and b == 255


def test_cairosvg_agrees_with_render_image() -> None:
    dl = rich_scene()
    ours = by_qt(dl, 254)
    theirs = by_cairosvg(svg_document(dl), 540, 340)
    assert_agree(ours, theirs)
    key_pixels(ours)
    key_pixels(theirs)


def test_rsvg_agrees_with_render_image(tmp_path: FsPath) -> None:
    dl = rich_scene()
    ours = by_qt(dl, 254)
    theirs = by_rsvg(svg_document(dl), 540, 340, tmp_path)
    assert_agree(ours, theirs)
    key_pixels(theirs)


def test_mirrored_renders_agree() -> None:
    dl = rich_scene()
    ours = by_qt(dl, 127, mirror=True)
    assert_agree(ours, by_cairosvg(svg_document(dl, mirror=True), 270, 170))
    assert_agree(ours, by_qt(dl, 127)[:, ::-1])


# -- placed vector art -------------------------------------------------------------------------


def fixture_text(name: str) -> str:
    return shared_fixture(f"svg/{name}").read_text()


def two_placements(text: str) -> DisplayList:
    """The art twice, each 20 mm square at 10 px/mm: at (0, 0) and at (25, 5) mm."""
    match = re.search(r'viewBox="([^"]+)"', text)
    assert match is not None
    x, y, w, h = (float(v) for v in match.group(1).replace(",", " ").split())
    source = FakeSvg(text, (x, y, w, h))
    k = 20.0 / w
    return scene(
        DrawSvg(source, Affine.scaling(k)),
        DrawSvg(source, Affine.translation(25.0, 5.0) @ Affine.scaling(k)),
        page=Rect(0.0, 0.0, 50.0, 30.0),
    )


@pytest.mark.parametrize("name", ["fluent-modern-rocket.svg", "fluent-modern-soccer-ball.svg"])
def test_two_placements_keep_ids_unique(name: str) -> None:
    text = svg_document(two_placements(fixture_text(name)))
    counts = Counter(ids(text))
    assert counts and max(counts.values()) == 1
    known = set(counts)
    for ref in re.findall(r"url\(#([^)]+)\)", text):
        assert ref in known


@pytest.mark.parametrize("name", ["fluent-modern-rocket.svg", "fluent-modern-four-leaf-clover.svg"])
def test_placed_art_renders_like_the_file_alone_in_cairosvg(name: str) -> None:
    art = fixture_text(name)
    whole = by_cairosvg(svg_document(two_placements(art)), 500, 300)
    alone = by_cairosvg(art, 200, 200)
    assert np.abs(whole[0:200, 0:200] - alone).mean() < 1.0
    assert np.abs(whole[50:250, 250:450] - alone).mean() < 1.0


@pytest.mark.parametrize("name", ["fluent-modern-rocket.svg", "fluent-modern-four-leaf-clover.svg"])
def test_placed_art_renders_like_the_file_alone_in_rsvg(name: str, tmp_path: FsPath) -> None:
    art = fixture_text(name)
    whole = by_rsvg(svg_document(two_placements(art)), 500, 300, tmp_path)
    alone = by_rsvg(art, 200, 200, tmp_path)
    assert np.abs(whole[0:200, 0:200] - alone).mean() < 1.0
    assert np.abs(whole[50:250, 250:450] - alone).mean() < 1.0


def test_placed_art_is_clipped_to_its_view_box() -> None:
    spill = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect x="-5" y="-5" width="30" height="30"/></svg>'
    )
    dl = scene(DrawSvg(FakeSvg(spill, (0, 0, 10, 10)), Affine.translation(10, 10)), page=TRIM)
    px = by_cairosvg(svg_document(dl), 500, 300)
    assert tuple(px[150, 150]) == (0, 0, 0)
    assert tuple(px[150, 250]) == (255, 255, 255)
    assert_agree(by_qt(dl, 254), px)


def test_stylesheets_stay_with_their_art() -> None:
    # Two files from the same design tool reuse class names with different colours; a type
    # selector in one must not reach our own paths.
    def art(color: str) -> FakeSvg:
        return FakeSvg(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            f"<style>.st0{{fill:{color}}} rect{{stroke:none}} path{{fill:#00FF00 !important}}</style>"
            '<rect class="st0" width="10" height="10" fill="#000"/><path d="M0 0h2v2H0z"/></svg>',
            (0, 0, 10, 10),
        )

    dl = scene(
        DrawSvg(art("#FF0000"), Affine.translation(0, 0)),
        DrawSvg(art("#0000FF"), Affine.translation(20, 0)),
        FillPath(Path.rectangle(40, 0, 10, 10), Color.of("#000000")),
        page=TRIM,
    )
    text = svg_document(dl)
    assert "<style" not in text
    px = by_cairosvg(text, 500, 300)
    assert tuple(px[50, 50]) == (255, 0, 0)
    assert tuple(px[50, 250]) == (0, 0, 255)
    assert tuple(px[10, 10]) == (0, 255, 0)
    assert tuple(px[50, 450]) == (0, 0, 0)
    assert_agree(by_qt(dl, 254), px)


def test_art_references_never_reach_our_ids() -> None:
    # The art points at "clip1", which is also the name of our first clip path.
    sneaky = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>'
        '<rect width="10" height="10" fill="url(#g)" clip-path="url(#clip1)"/><use xlink:href="#g"/></svg>'
    )
    dl = scene(
        DrawImage(photo(), Affine.scaling(0.1), clip=Path.rectangle(0, 0, 1, 1)),
        DrawSvg(FakeSvg(sneaky, (0, 0, 10, 10)), Affine.translation(20, 10)),
    )
    root = ET.fromstring(svg_document(dl))
    rect = root.find(".//svg:rect[@fill]", NS)
    assert rect is not None
    assert rect.get("fill") == "url(#art1-g)" and rect.get("clip-path") == "url(#art1-clip1)"
    use = root.find(".//svg:use", NS)
    assert use is not None and use.get("{http://www.w3.org/1999/xlink}href") == "#art1-g"
