"""Raster images: orientation, pixel modes, passthrough, and refusal of broken or huge files."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from io_samples import image_bytes
from PIL import Image

from studio.io import limits
from studio.io.assets import ImageAsset, load_image
from studio.model.errors import InvalidFile
from studio.render.sources import ImageSource


def _jpeg_with_orientation(orientation: int, size: tuple[int, int] = (40, 20)) -> bytes:
    im = Image.new("RGB", size, "white")
    im.paste((255, 0, 0), (0, 0, size[0] // 2, size[1] // 2))  # red top-left quarter
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95, exif=exif.tobytes())
    return buf.getvalue()


def _png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims ``width`` x ``height`` (with a correct CRC) and holds almost nothing."""
    data = bytearray(image_bytes("PNG", (4, 4)))
    ihdr = bytearray(data[12:29])  # type + 13 data bytes
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)


def test_image_asset_satisfies_the_render_protocol() -> None:
    asset: ImageSource = load_image(image_bytes(), "a.png")
    assert isinstance(asset, ImageAsset)


def test_baseline_jpeg_passes_through_with_its_bytes() -> None:
    data = image_bytes("JPEG", (64, 48), quality=90)
    asset = load_image(data, "photo.jpg")
    assert asset.format == "JPEG"
    assert asset.size == (64, 48)
    assert asset.passthrough is True
    assert asset.data is data
    assert asset.image().mode == "RGB"


def test_exif_rotated_jpeg_has_swapped_size_and_no_passthrough() -> None:
    asset = load_image(_jpeg_with_orientation(6), "rotated.jpg")
    assert asset.size == (20, 40)
    assert asset.passthrough is False
    im = asset.image()
    assert im.size == (20, 40)
    # Orientation 6 means "rotate 90° clockwise to display": the red top-left corner goes top-right.
    red, green, _blue = im.convert("RGB").getpixel((17, 2))  # type: ignore[misc]
    assert red > 200 and green < 60
    _red, green, _blue = im.convert("RGB").getpixel((2, 2))  # type: ignore[misc]
    assert green > 200
    assert asset.proxy(10).size == (5, 10)


def test_progressive_jpeg_is_not_passed_through() -> None:
    asset = load_image(image_bytes("JPEG", (32, 32), progressive=True), "p.jpg")
    assert asset.passthrough is False


def test_cmyk_jpeg_loads_and_passes_through() -> None:
    data = image_bytes("JPEG", (30, 20), mode="CMYK")
    asset = load_image(data, "cmyk.jpg")
    assert asset.mode == "CMYK"
    assert asset.image().mode == "CMYK"
    assert asset.passthrough is True
    assert asset.proxy(15).mode == "RGB"
    assert asset.proxy(15).size == (15, 10)


def test_16_bit_png_is_scaled_to_8_bits() -> None:
    values = np.array([[0, 257 * 128, 65535]], dtype=np.uint16)
    buf = io.BytesIO()
    Image.fromarray(values).save(buf, "PNG")
    asset = load_image(buf.getvalue(), "deep.png")
    im = asset.image()
    assert im.mode == "L"
    assert [im.getpixel((x, 0)) for x in range(3)] == [0, 128, 255]


def test_palette_png_becomes_rgba() -> None:
    asset = load_image(image_bytes("PNG", mode="P"), "palette.png")
    assert asset.image().mode == "RGBA"
    assert asset.mode == "RGBA"


def test_gif_and_webp_load() -> None:
    assert load_image(image_bytes("GIF"), "a.gif").format == "GIF"
    assert load_image(image_bytes("WEBP"), "a.webp").format == "WEBP"


def test_proxy_is_cached_and_never_enlarges() -> None:
    asset = load_image(image_bytes("PNG", (400, 100)), "wide.png")
    first = asset.proxy(100)
    assert first.size == (100, 25)
    assert asset.proxy(100) is first
    assert asset.proxy(5000).size == (400, 100)


def test_truncated_jpeg_is_refused() -> None:
    data = image_bytes("JPEG", (300, 200), quality=95)
    with pytest.raises(InvalidFile) as err:
        load_image(data[: len(data) // 2], "photo.jpg")
    assert str(err.value) == "photo.jpg: the image is truncated or corrupt."


def test_truncated_png_is_refused() -> None:
    data = image_bytes("PNG", (300, 200))
    with pytest.raises(InvalidFile, match=r"^shot\.png: the image is truncated or corrupt\.$"):
        load_image(data[: len(data) - 40], "shot.png")


def test_decompression_bomb_is_refused_without_decoding() -> None:
    with pytest.raises(InvalidFile) as err:
        load_image(_png_header_claiming(30000, 30000), "bomb.png")
    assert str(err.value) == "bomb.png: the image is 30000 x 30000 pixels, more than the 150-megapixel limit."


def test_image_just_over_our_limit_is_refused_by_our_check() -> None:
    # 156 megapixels: under Pillow's own error threshold, over ours.
    with pytest.raises(InvalidFile, match=r"big\.png: the image is 12500 x 12500 pixels, more than"):
        load_image(_png_header_claiming(12500, 12500), "big.png")


def test_pixel_limit_can_be_lowered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(InvalidFile, match=r"a\.png: the image is 40 x 20 pixels"):
        load_image(image_bytes(), "a.png")


def test_text_is_not_an_image() -> None:
    with pytest.raises(InvalidFile, match=r"^notes\.txt: is not an image Studio can read"):
        load_image(b"hello, world", "notes.txt")


def test_unlisted_formats_are_refused() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "ICO")
    with pytest.raises(InvalidFile, match=r"icon\.ico: is not an image"):
        load_image(buf.getvalue(), "icon.ico")


def test_icc_profile_is_kept() -> None:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    asset = load_image(image_bytes("PNG", icc_profile=profile), "tagged.png")
    assert asset.icc_profile == profile
    assert asset.image().info.get("icc_profile") == profile
    assert asset.proxy(10).mode == "RGB"
