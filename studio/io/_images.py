"""Raster images: checked on import, decoded lazily, oriented, in a handful of pixel modes."""

from __future__ import annotations

import hashlib
import io
import struct
import threading
import warnings
import zlib
from collections import OrderedDict

from PIL import Image, ImageCms, UnidentifiedImageError

from studio.io import limits
from studio.model.errors import InvalidFile

FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP", "TIFF", "GIF", "BMP")
"""Pillow formats accepted (JPEG includes MPO, the multi-picture JPEG of some cameras, read as its
first picture). Others (EPS, PSD, ICO...) are refused: fewer parsers, fewer surprises."""

EXTENSIONS: dict[str, str] = {
    "JPEG": "jpg",
    "MPO": "jpg",
    "PNG": "png",
    "WEBP": "webp",
    "TIFF": "tif",
    "GIF": "gif",
    "BMP": "bmp",
}
"""File extension of an asset, by Pillow format."""

VERIFY_SIDE = 1024
"""Long side of the proxy decoded when an image is loaded, which also proves the file complete."""

_MODES = ("RGB", "RGBA", "L", "CMYK")
_PASSTHROUGH_MODES = ("RGB", "L", "CMYK")
_ORIENTATION_TAG = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# What Pillow raises on damaged data, besides its own UnidentifiedImageError.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, TypeError, KeyError, zlib.error)


class _DecodedCache:
    """Full-resolution decodes shared by every image, least recently used first out.

    Full decodes are big (a 24-megapixel photo is 72 MB in RGB) and only exports need them, so
    they are kept within a byte budget rather than for the lifetime of each asset.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._items: OrderedDict[str, Image.Image] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Image.Image | None:
        with self._lock:
            im = self._items.get(key)
            if im is not None:
                self._items.move_to_end(key)
            return im

    def put(self, key: str, im: Image.Image) -> None:
        with self._lock:
            self._items[key] = im
            self._items.move_to_end(key)
            while len(self._items) > 1 and sum(_nbytes(i) for i in self._items.values()) > self.budget:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _nbytes(im: Image.Image) -> int:
    return im.width * im.height * len(im.getbands())


DECODED = _DecodedCache(512 * 1024 * 1024)
"""The shared cache of full-resolution decodes."""


class ImageAsset:
    """A raster image asset (implements :class:`studio.render.sources.ImageSource`).

    Built by :func:`load_image`, which has already checked the header and decoded a proxy, so an
    ``ImageAsset`` is known to be complete. Full-resolution pixels are decoded on first use.
    """

    def __init__(
        self,
        data: bytes,
        source: str,
        *,
        format: str,
        size: tuple[int, int],
        passthrough: bool,
        mode: str,
        icc_profile: bytes | None,
        dpi: tuple[float, float] | None,
    ) -> None:
        self._data = data
        self._key = hashlib.sha256(data).hexdigest()
        self._source = source
        self._format = format
        self._size = size
        self._passthrough = passthrough
        self._mode = mode
        self._icc = icc_profile
        self._dpi = dpi
        self._proxies: dict[int, Image.Image] = {}
        self._verified: Image.Image | None = None
        """The decode that proved the file complete, until the first proxy is made from it."""
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"ImageAsset({self._source!r}, {self._format}, {self._size[0]}x{self._size[1]} {self._mode})"

    @property
    def key(self) -> str:
        """Content hash (sha256 hex) of the original file."""
        return self._key

    @property
    def data(self) -> bytes:
        """The original file, byte for byte."""
        return self._data

    @property
    def format(self) -> str:
        """Pillow's format name of the original (``JPEG``, ``PNG``...)."""
        return self._format

    @property
    def size(self) -> tuple[int, int]:
        """Pixel size once EXIF orientation is applied."""
        return self._size

    @property
    def passthrough(self) -> bool:
        """Whether ``data`` is a baseline JPEG in RGB, L or CMYK with nothing to rotate."""
        return self._passthrough

    @property
    def mode(self) -> str:
        """Pixel mode of :meth:`image`: ``RGB``, ``RGBA``, ``L`` or ``CMYK``."""
        return self._mode

    @property
    def icc_profile(self) -> bytes | None:
        """The embedded colour profile, if any."""
        return self._icc

    @property
    def dpi(self) -> tuple[float, float] | None:
        """Resolution recorded in the file, if any (often meaningless for photos)."""
        return self._dpi

    @property
    def source(self) -> str:
        """How messages name this image."""
        return self._source

    def image(self) -> Image.Image:
        """Full-resolution pixels, oriented, in RGB, RGBA, L or CMYK (8 bits per channel).

        Returns
        -------
        PIL.Image.Image
            A shared decode: copy it before changing it. Its ``info`` keeps ``icc_profile``.
        """
        cached = DECODED.get(self._key)
        if cached is not None:
            return cached
        with self._lock:
            cached = DECODED.get(self._key)
            if cached is None:
                cached, _orientation = _decode(self._data, self._source, reduce_to=None)
                DECODED.put(self._key, cached)
            return cached

    def proxy(self, max_side: int) -> Image.Image:
        """A downsampled RGB or RGBA copy whose longer side is at most ``max_side`` pixels.

        Parameters
        ----------
        max_side
            Longest side wanted, in pixels; the image is never enlarged.

        Returns
        -------
        PIL.Image.Image
            Cached per ``max_side``; colours converted to sRGB through the embedded profile.
        """
        if max_side < 1:
            raise ValueError("max_side must be positive")
        with self._lock:
            if self._verified is not None:
                # Made on first use: an export that draws the original (a PDF) never needs it.
                self._proxies[VERIFY_SIDE] = _display_copy(self._verified, VERIFY_SIDE)
                self._verified = None
            found = self._proxies.get(max_side)
            if found is not None:
                return found
            larger = [side for side in self._proxies if side > max_side]
            if larger:
                base = self._proxies[min(larger)]
            else:
                full = DECODED.get(self._key)
                base = full if full is not None else _decode(self._data, self._source, reduce_to=max_side)[0]
            proxy = _display_copy(base, max_side)
            self._proxies[max_side] = proxy
            return proxy


def load_image(data: bytes, source: str) -> ImageAsset:
    """Check an image file and make an asset of it.

    The header is read (format, size, orientation), the pixel count is held to
    :data:`~studio.io.limits.MAX_IMAGE_PIXELS`, and a proxy is decoded, which proves the data
    complete. Full-resolution pixels are decoded only when :meth:`ImageAsset.image` is called.

    Parameters
    ----------
    data
        The file's bytes.
    source
        How messages name the file, e.g. ``"photo.jpg"``.

    Returns
    -------
    ImageAsset

    Raises
    ------
    InvalidFile
        With one sentence naming ``source``: not an image, too many pixels, truncated or corrupt.
    """
    if len(data) > limits.MAX_ASSET_BYTES:
        raise InvalidFile(f"{source}: the file is {_mb(len(data))}, more than the {_mb(limits.MAX_ASSET_BYTES)} limit.")
    header = open_image(data, source)
    fmt = str(header.format)
    full_size = header.size
    progressive = bool(header.info.get("progressive") or header.info.get("progression"))
    proxy_base, orientation = _decode(data, source, reduce_to=VERIFY_SIDE)
    width, height = full_size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    dpi = header.info.get("dpi")
    asset = ImageAsset(
        data,
        source,
        format=fmt,
        size=(width, height),
        passthrough=fmt == "JPEG" and not progressive and header.mode in _PASSTHROUGH_MODES and orientation == 1,
        mode=_normal_mode(header.mode),
        icc_profile=header.info.get("icc_profile") or None,
        dpi=(float(dpi[0]), float(dpi[1])) if isinstance(dpi, tuple) and len(dpi) == 2 else None,
    )
    # The verification decode becomes the first proxy when one is asked for.
    asset._verified = proxy_base
    return asset


def open_image(data: bytes, source: str) -> Image.Image:
    """Read an image header (no pixels), refusing unknown formats and too many pixels.

    Raises
    ------
    InvalidFile
        Naming ``source``.
    """
    try:
        with warnings.catch_warnings():
            # Our own limit, checked below, replaces Pillow's warning threshold.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError:
        raise InvalidFile(_too_many_pixels(source, _probe_size(data))) from None
    except UnidentifiedImageError:
        raise InvalidFile(f"{source}: is not an image Studio can read (JPEG, PNG, WebP, TIFF, GIF or BMP).") from None
    except _DECODE_ERRORS:
        raise InvalidFile(f"{source}: the image is truncated or corrupt.") from None
    width, height = im.size
    if width < 1 or height < 1:
        raise InvalidFile(f"{source}: the image is truncated or corrupt.")
    if width * height > _pixel_limit():
        raise InvalidFile(_too_many_pixels(source, (width, height)))
    return im


def _pixel_limit() -> int:
    pillow = Image.MAX_IMAGE_PIXELS
    return limits.MAX_IMAGE_PIXELS if pillow is None else min(limits.MAX_IMAGE_PIXELS, 2 * pillow)


def _too_many_pixels(source: str, size: tuple[int, int] | None) -> str:
    megapixels = f"{_pixel_limit() / 1e6:.0f}-megapixel limit"
    if size is None:
        return f"{source}: the image has more pixels than the {megapixels}."
    return f"{source}: the image is {size[0]} x {size[1]} pixels, more than the {megapixels}."


def _probe_size(data: bytes) -> tuple[int, int] | None:
    """The size in an image header that Pillow refused to open, to say it in the message."""
    try:
        Image.init()
        for fmt in FORMATS:
            factory, accept = Image.OPEN[fmt]
            if accept is not None and not accept(data[:16]):
                continue
            size = factory(io.BytesIO(data), "").size
            return (int(size[0]), int(size[1]))
    except Exception:  # only a nicer message is at stake
        return None
    return None


def _decode(data: bytes, source: str, *, reduce_to: int | None) -> tuple[Image.Image, int]:
    """Decode pixels, oriented and in one of the four modes; returns them and the EXIF orientation.

    ``reduce_to`` lets a JPEG decode at 1/2, 1/4 or 1/8 scale (never below that side), which is
    several times faster and smaller than a full decode followed by a resize.
    """
    im = open_image(data, source)
    try:
        if reduce_to is not None and im.format in ("JPEG", "MPO"):
            im.draft(im.mode, (reduce_to, reduce_to))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im.load()
            orientation = im.getexif().get(_ORIENTATION_TAG, 1)
        if orientation not in _TRANSPOSE:
            orientation = 1
        out = _normalise(im, source)
        if orientation != 1:
            out = out.transpose(_TRANSPOSE[orientation])
    except InvalidFile:
        raise
    except Image.DecompressionBombError:
        raise InvalidFile(_too_many_pixels(source, None)) from None
    except _DECODE_ERRORS:
        raise InvalidFile(f"{source}: the image is truncated or corrupt.") from None
    icc = im.info.get("icc_profile")
    if icc:
        out.info["icc_profile"] = icc
    return out, int(orientation)


def _normal_mode(mode: str) -> str:
    if mode in _MODES:
        return mode
    if mode in ("1",) or mode.startswith("I") or mode == "F":
        return "L"
    if mode in ("P", "PA", "LA", "La", "RGBa"):
        return "RGBA"
    return "RGB"


def _normalise(im: Image.Image, source: str) -> Image.Image:
    """``im`` in RGB, RGBA, L or CMYK with 8 bits per channel (16-bit data is scaled, not clipped)."""
    mode = im.mode
    if mode in _MODES:
        return im
    if mode.startswith("I") or mode == "F":
        import numpy as np  # only 16-bit and float images need it

        arr = np.asarray(im).astype(np.float64)
        if mode.startswith("I;16") or (mode == "I" and arr.size and arr.max() > 255):
            arr = arr / 257.0
        elif mode == "F" and arr.size and arr.max() <= 1.0:
            arr = arr * 255.0
        return Image.fromarray(np.clip(np.rint(arr), 0, 255).astype(np.uint8), "L")
    try:
        return im.convert(_normal_mode(mode))
    except ValueError:
        raise InvalidFile(f"{source}: the image uses the {mode} colour mode, which Studio cannot read.") from None


_SRGB = ImageCms.createProfile("sRGB")


def _display_copy(im: Image.Image, max_side: int) -> Image.Image:
    """An sRGB RGB(A) copy no larger than ``max_side`` on its longer side."""
    width, height = im.size
    scale = min(1.0, max_side / max(width, height))
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        out = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    else:
        out = im.copy()
    target = "RGBA" if out.mode == "RGBA" else "RGB"
    icc = im.info.get("icc_profile")
    out.info.pop("icc_profile", None)
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(out, profile, _SRGB, outputMode=target)
            if converted is not None:
                converted.info.pop("icc_profile", None)
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: fall back to reading the numbers as sRGB
    return out if out.mode == target else out.convert(target)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"
