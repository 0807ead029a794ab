"""Assets: the images, SVG drawings and fonts a design uses, checked by content.

An :class:`AssetStore` holds a project's assets and implements
:class:`studio.render.sources.Resources`. Inside a ``.studio`` project an asset is named by its
content, ``assets/<sha256>.<ext>``; a store rooted at a folder (the ``design.json`` scripting form)
also resolves relative paths inside that folder, and nowhere else.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Literal

from studio.io import limits
from studio.io._fonts import FontInfo, check_font, looks_like_font
from studio.io._images import EXTENSIONS, ImageAsset, load_image
from studio.io._paths import path_problem, shown
from studio.io._svg import SvgAsset, sanitize_svg
from studio.model.errors import InvalidFile

__all__ = [
    "AssetKind",
    "AssetStore",
    "FontInfo",
    "ImageAsset",
    "SvgAsset",
    "check_font",
    "content_ref",
    "load_image",
    "sanitize_svg",
]

AssetKind = Literal["image", "svg", "font"]

_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
_KIND_WORD = {"image": "image", "svg": "drawing", "font": "font file"}


def content_ref(data: bytes, extension: str) -> str:
    """The name of an asset inside a project: ``assets/<sha256 of data>.<extension>``."""
    return f"assets/{hashlib.sha256(data).hexdigest()}.{extension}"


def sniff(data: bytes) -> AssetKind | None:
    """What ``data`` looks like from its first bytes (nothing is checked yet)."""
    if looks_like_font(data):
        return "font"
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:2] == b"\x1f\x8b" or head.startswith(b"<"):
        return "svg"
    return None


class AssetStore:
    """The assets of one project (implements :class:`studio.render.sources.Resources`).

    Parameters
    ----------
    root
        For the ``design.json`` form: the folder that relative asset paths start from. Paths that
        are absolute, climb out with ``..`` or follow a symbolic link out of it are refused.
    label
        How messages name the project, e.g. ``"labels.studio"``.
    """

    def __init__(self, root: Path | None = None, *, label: str = "") -> None:
        self._root = root
        self._real_root = root.resolve() if root is not None else None
        self._label = label
        self._blobs: dict[str, bytes] = {}
        self._images: dict[str, ImageAsset] = {}
        self._svgs: dict[str, SvgAsset] = {}
        self._fonts: dict[str, FontInfo] = {}
        self._lock = threading.RLock()

    @property
    def root(self) -> Path | None:
        """The folder relative asset paths start from, if any."""
        return self._root

    @property
    def label(self) -> str:
        """How messages name the project."""
        return self._label

    # -- adding ---------------------------------------------------------------------------------
    def add_bytes(self, data: bytes, filename: str) -> str:
        """Check a file by its content and keep it.

        Parameters
        ----------
        data
            An image (JPEG, PNG, WebP, TIFF, GIF, BMP), an SVG drawing (sanitised; the safe copy is
            what is kept) or a font (TrueType, OpenType, WOFF, WOFF2).
        filename
            The file's name, for messages only: the content decides what it is.

        Returns
        -------
        str
            The reference for a layer: ``assets/<sha256>.<ext>``.

        Raises
        ------
        InvalidFile
            Naming ``filename``.
        """
        kind = sniff(data)
        if kind == "font":
            info = check_font(data, filename)
            ref = content_ref(data, info.extension)
            with self._lock:
                self._fonts[ref] = info
        elif kind == "image":
            image = load_image(data, filename)
            ref = content_ref(data, EXTENSIONS[image.format])
            with self._lock:
                self._images[ref] = image
        elif kind == "svg":
            svg = sanitize_svg(data, filename)
            data = svg.data
            ref = content_ref(data, "svg")
            with self._lock:
                self._svgs[ref] = svg
        else:
            raise InvalidFile(f"{filename}: is not an image, an SVG drawing or a font file that Studio can read.")
        with self._lock:
            self._blobs[ref] = data
        return ref

    def add_file(self, path: Path) -> str:
        """Read a file and :meth:`add_bytes` it; returns its reference."""
        return self.add_bytes(_read_file(path, shown(path)), path.name)

    def put(self, ref: str, data: bytes) -> None:
        """Keep ``data`` under ``ref`` as read from a project file; it is checked when first used."""
        with self._lock:
            self._blobs[ref] = data
            self._images.pop(ref, None)
            self._svgs.pop(ref, None)
            self._fonts.pop(ref, None)

    # -- reading --------------------------------------------------------------------------------
    def __contains__(self, ref: object) -> bool:
        """Whether ``ref`` names an asset; an unsafe path raises :class:`InvalidFile`."""
        if not isinstance(ref, str):
            return False
        with self._lock:
            if ref in self._blobs:
                return True
        if self._root is None:
            return False
        return self._resolve(ref).is_file()

    def refs(self) -> list[str]:
        """The references held in memory (added, or read from a project), sorted."""
        with self._lock:
            return sorted(self._blobs)

    def data(self, ref: str) -> bytes:
        """The bytes of an asset (for an SVG, the file as stored).

        Raises
        ------
        InvalidFile
            When ``ref`` is missing or, in a folder, an unsafe path.
        """
        with self._lock:
            blob = self._blobs.get(ref)
        if blob is not None:
            return blob
        if self._root is not None:
            path = self._resolve(ref)
            if path.is_file():
                blob = _read_file(path, self._name(ref))
                with self._lock:
                    return self._blobs.setdefault(ref, blob)
        raise InvalidFile(f"{self._prefix()}the asset {ref!r} is missing.")

    def image(self, ref: str) -> ImageAsset:
        """The checked image for ``ref`` (cached); InvalidFile naming it if unusable."""
        with self._lock:
            found = self._images.get(ref)
        if found is None:
            data = self._checked_data(ref, "image")
            found = load_image(data, self._name(ref))
            with self._lock:
                found = self._images.setdefault(ref, found)
        return found

    def svg(self, ref: str) -> SvgAsset:
        """The sanitised drawing for ``ref`` (cached); InvalidFile naming it if unusable."""
        with self._lock:
            found = self._svgs.get(ref)
        if found is None:
            data = self._checked_data(ref, "svg")
            found = sanitize_svg(data, self._name(ref))
            with self._lock:
                found = self._svgs.setdefault(ref, found)
        return found

    def font(self, ref: str) -> bytes:
        """The checked font file for ``ref``; InvalidFile naming it if unusable."""
        self.font_info(ref)
        return self.data(ref)

    def font_info(self, ref: str) -> FontInfo:
        """Family, style and type of the font for ``ref``."""
        with self._lock:
            found = self._fonts.get(ref)
        if found is None:
            data = self._checked_data(ref, "font")
            found = check_font(data, self._name(ref))
            with self._lock:
                found = self._fonts.setdefault(ref, found)
        return found

    def kind(self, ref: str) -> AssetKind:
        """Whether ``ref`` is an image, an SVG drawing or a font, by its content."""
        kind = sniff(self.data(ref))
        if kind is None:
            raise InvalidFile(
                f"{self._name(ref)}: is not an image, an SVG drawing or a font file that Studio can read."
            )
        return kind

    def stored(self, ref: str) -> tuple[str, bytes]:
        """The content name and bytes under which ``ref`` goes into a ``.studio`` project.

        Images and fonts keep their bytes; a drawing is stored as its sanitised copy.
        """
        data, extension = self.stored_data(ref)
        return content_ref(data, extension), data

    def stored_data(self, ref: str) -> tuple[bytes, str]:
        """The bytes :meth:`stored` keeps for ``ref`` and their extension, without hashing them."""
        kind = self.kind(ref)
        if kind == "image":
            image = self.image(ref)
            return image.data, EXTENSIONS[image.format]
        if kind == "svg":
            return self.svg(ref).data, "svg"
        return self.data(ref), self.font_info(ref).extension

    # -- helpers --------------------------------------------------------------------------------
    def _checked_data(self, ref: str, expected: AssetKind) -> bytes:
        data = self.data(ref)
        kind = sniff(data)
        if kind is None:
            raise InvalidFile(f"{self._name(ref)}: is not {_a(_KIND_WORD[expected])} that Studio can read.")
        if kind != expected:
            raise InvalidFile(f"{self._name(ref)}: is {_a(_KIND_WORD[kind])}, not {_a(_KIND_WORD[expected])}.")
        return data

    def _resolve(self, ref: str) -> Path:
        assert self._root is not None and self._real_root is not None
        problem = path_problem(ref)
        if problem is None and ref.endswith("/"):
            problem = "names a folder"
        if problem is not None:
            raise InvalidFile(f"{self._prefix()}the asset path {ref!r} {problem}; keep assets in the project's folder.")
        path = self._root / ref
        real = path.resolve()
        if not real.is_relative_to(self._real_root):
            raise InvalidFile(
                f"{self._prefix()}the asset path {ref!r} leads outside the project's folder; "
                "keep assets in it or below it."
            )
        return path

    def _prefix(self) -> str:
        return f"{self._label}: " if self._label else ""

    def _name(self, ref: str) -> str:
        return f"{self._label}: {ref}" if self._label else ref


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _read_file(path: Path, name: str) -> bytes:
    """A file's bytes, refusing what is larger than an asset may be."""
    try:
        with path.open("rb") as f:
            data = f.read(limits.MAX_ASSET_BYTES + 1)
    except FileNotFoundError:
        raise InvalidFile(f"{name}: no such file.") from None
    except IsADirectoryError:
        raise InvalidFile(f"{name}: is a folder, not a file.") from None
    except OSError as err:
        raise InvalidFile(f"{name}: cannot be read ({err.strerror or err}).") from None
    if len(data) > limits.MAX_ASSET_BYTES:
        raise InvalidFile(f"{name}: the file is larger than the {limits.MAX_ASSET_BYTES // (1024 * 1024)} MB limit.")
    return data
