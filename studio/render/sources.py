"""What the renderer needs from assets, as protocols (implemented by :mod:`studio.io.assets`).

The render layer never reads files itself: a :class:`Resources` object hands it decoded,
already-sanitised images and SVG documents by the reference a layer holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PIL.Image import Image


class ImageSource(Protocol):
    """A raster image asset."""

    @property
    def key(self) -> str:
        """Content hash (sha256 hex) of the original file: equal keys mean the same pixels."""

    @property
    def data(self) -> bytes:
        """The original file, byte for byte."""

    @property
    def format(self) -> str:
        """Pillow's format name of the original: ``JPEG``, ``PNG``, ``WEBP``, ``TIFF``..."""

    @property
    def size(self) -> tuple[int, int]:
        """Pixel size once EXIF orientation is applied."""

    @property
    def passthrough(self) -> bool:
        """Whether ``data`` can be embedded unchanged (a baseline JPEG with no rotation to apply)."""

    def image(self) -> Image:
        """Decoded pixels, oriented, in RGB, RGBA, L or CMYK mode (cached by the implementation)."""

    def proxy(self, max_side: int) -> Image:
        """A downsampled RGB(A) copy whose longer side is at most ``max_side`` pixels (cached)."""


class SvgSource(Protocol):
    """A sanitised SVG document: no entities, no external references."""

    @property
    def key(self) -> str:
        """Content hash of the sanitised document."""

    @property
    def data(self) -> bytes:
        """The sanitised SVG document (UTF-8 XML)."""

    @property
    def view_box(self) -> tuple[float, float, float, float]:
        """``(x, y, width, height)`` of the document's user space."""


class Resources(Protocol):
    """Looks up a layer's asset reference."""

    def image(self, ref: str) -> ImageSource:
        """The image for ``ref``; raises :class:`studio.model.errors.StudioError` naming it if unusable."""

    def svg(self, ref: str) -> SvgSource:
        """The SVG document for ``ref``; raises :class:`studio.model.errors.StudioError` if unusable."""
