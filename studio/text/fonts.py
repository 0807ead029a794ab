"""Font files: reading, validating and finding them by family and style.

A :class:`FontFace` is one face of one font file. What choosing and laying out needs first —
names, metrics, the characters it covers — comes from the font index (see ``_font_index``), so
listing fonts opens none of them; the file's bytes, its fontTools font, HarfBuzz font and glyph
outlines are made on first use and kept, because a batch lays out the same few faces thousands
of times.

A :class:`FontRegistry` knows the faces Studio can use: the bundled ones in ``assets/fonts``,
the ones the user installed, and the ones a project carries. Family and style names come from
the font's own name table (typographic names, IDs 16/17, else IDs 1/2), so a face is called the
same in Studio as in any other program.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import uharfbuzz as hb

from studio import resources
from studio.model.errors import StudioError
from studio.text import _glyph_store
from studio.text._font_index import Coverage, FaceRecord, FileEntry, FontIndex
from studio.text._font_index import _replace_atomically as _write_atomically

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# fontTools is imported where a font's tables are read: a run whose fonts and glyphs all come
# from the caches (the font index, the glyph store) never loads it.

log = logging.getLogger(__name__)

# fontTools logs a warning for fonts whose 'head' dates are zero (several Google fonts); that is
# harmless, and a user adding fonts should not see it on the console.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")
"""File name endings the registry looks at when it scans a folder."""

MAX_FONT_BYTES = 64 * 1024 * 1024
"""Larger files are refused: no font people choose for a name comes near this."""

# The first four bytes of every font format fontTools reads.
_MAGIC = {
    b"\x00\x01\x00\x00": "TrueType",
    b"true": "TrueType",
    b"OTTO": "OpenType",
    b"ttcf": "font collection",
    b"wOFF": "WOFF",
    b"wOF2": "WOFF2",
}

# A glyph outline in font units, y up: ("M", x, y), ("L", x, y), ("Q", x1, y1, x, y),
# ("C", x1, y1, x2, y2, x, y) or ("Z",). Plain tuples: they are transformed in a tight loop.
GlyphOutline = tuple[tuple[Any, ...], ...]


class FontError(StudioError):
    """A font file that cannot be used; the message is one sentence naming the file."""


class MissingFont(FontError):
    """A family that no known font file provides."""


@dataclass(frozen=True, slots=True)
class GlyphShape:
    """The outline of one glyph in font units (y up) and what layout needs to know of it.

    ``points`` is a coarse flattening of the outline, used to bound rotated glyphs (arc text)
    without flattening every curve finely.
    """

    outline: GlyphOutline
    bounds: tuple[float, float, float, float] | None
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, eq=False)
class FontFace:
    """One face of a font file, with cached accessors for the objects that shape and draw it.

    Two faces are equal when they come from the same bytes (``key``). A face made from the
    font index holds no bytes until :attr:`data` (or anything that draws) is first asked for.
    """

    family: str
    style: str
    key: str
    """SHA-256 of the file's bytes (``#index`` appended for the later faces of a collection)."""
    path: Path | None
    units_per_em: int
    ascender: int
    descender: int
    index: int = 0
    """Position of the face inside a font collection (``.ttc``); 0 for plain font files."""
    weight: int = 400
    """OS/2 weight class (400 regular, 700 bold)."""
    italic: bool = False
    cap_height: int = 0
    """Height of capital letters in font units (0 when the font does not say)."""
    full_name: str = ""
    coverage: Coverage = field(default_factory=Coverage, repr=False)
    """The code points the face maps to glyphs (from its best Unicode cmap)."""
    source: bytes | None = field(default=None, repr=False)
    """The file's bytes when they are held in memory (a font embedded in a project, or a file
    just read); ``None`` for a face from the index, whose file is read when first needed."""

    # Outline cache: shared by all faces, keyed by (face key, glyph id). A dict per face would
    # do as well, but one bounded store keeps memory flat when a user browses 500 fonts.
    _shapes: ClassVar[dict[tuple[str, int], GlyphShape]] = {}
    _shapes_lock: ClassVar[threading.Lock] = threading.Lock()
    # fontTools decompiles tables lazily and is not safe to drive from two threads at once (a
    # batch worker and the canvas may both read new glyphs); reads are rare once cached.
    _read_lock: ClassVar[threading.RLock] = threading.RLock()
    _MAX_SHAPES: ClassVar[int] = 200_000

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FontFace) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def name(self) -> str:
        """``"Family Style"``, as shown to the user."""
        return f"{self.family} {self.style}"

    def has_char(self, ch: str) -> bool:
        """Whether the font maps the character ``ch`` to a glyph (answered without opening it)."""
        return len(ch) == 1 and ord(ch) in self.coverage

    @cached_property
    def data(self) -> bytes:
        """The font file's bytes.

        Raises
        ------
        FontError
            The file of an indexed face is gone or no longer holds what was indexed.
        """
        if self.source is not None:
            return self.source
        if self.path is None:  # pragma: no cover - every face has bytes or a path
            raise FontError(f"{self.full_name}: the font has neither a file nor data.")
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise FontError(f"{self.path.name}: cannot be read ({exc.strerror or exc}).") from exc
        if hashlib.sha256(data).hexdigest() != self.key.partition("#")[0]:
            raise FontError(f"{self.path.name}: the font file changed while Studio was running; open the design again.")
        return data

    @property
    def record(self) -> FaceRecord:
        """What the font index keeps of this face."""
        return FaceRecord(
            family=self.family,
            style=self.style,
            full_name=self.full_name,
            index=self.index,
            units_per_em=self.units_per_em,
            ascender=self.ascender,
            descender=self.descender,
            weight=self.weight,
            italic=self.italic,
            cap_height=self.cap_height,
            coverage=self.coverage,
        )

    @classmethod
    def from_record(cls, record: FaceRecord, *, sha256: str, path: Path) -> FontFace:
        """A face of the file ``path`` as the index describes it; nothing is read yet."""
        return cls(
            family=record.family,
            style=record.style,
            key=sha256 if record.index == 0 else f"{sha256}#{record.index}",
            path=path,
            units_per_em=record.units_per_em,
            ascender=record.ascender,
            descender=record.descender,
            index=record.index,
            weight=record.weight,
            italic=record.italic,
            cap_height=record.cap_height,
            full_name=record.full_name,
            coverage=record.coverage,
        )

    @cached_property
    def cmap(self) -> dict[int, str]:
        """Code point to glyph name (the font's best Unicode cmap)."""
        with self._read_lock:
            return dict(self.ttfont.getBestCmap() or {})

    @cached_property
    def sfnt(self) -> bytes:
        """The face as plain TrueType/OpenType bytes (WOFF and WOFF2 unpacked), for HarfBuzz."""
        return _plain_sfnt(self.data)

    @cached_property
    def ttfont(self) -> TTFont:
        """The fontTools font, with the font's own glyph names (tables are read lazily)."""
        from fontTools.ttLib import TTFont

        return TTFont(io.BytesIO(self.sfnt), fontNumber=self.index, lazy=True)

    @cached_property
    def _outline_font(self) -> TTFont:
        """The fontTools font that draws glyphs, which are asked for by id (HarfBuzz gives ids).

        A TrueType font is given plain names (``glyph00042``) instead of its own: those would
        cost parsing its whole ``post`` table and the Adobe glyph list for the few glyphs a
        label draws. A CFF font's names come with its charset, which drawing reads anyway.
        """
        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(self.sfnt), fontNumber=self.index, lazy=True)
        if "glyf" in font:
            font.setGlyphOrder([f"glyph{gid:05d}" for gid in range(int(font["maxp"].numGlyphs))])
        return font

    @cached_property
    def glyph_set(self) -> Any:
        """The fontTools glyph set (TrueType and CFF outlines alike), keyed by :attr:`_glyph_names`."""
        return self._outline_font.getGlyphSet()

    @cached_property
    def glyph_order(self) -> list[str]:
        """The font's own glyph names by glyph id."""
        with self._read_lock:
            return list(self.ttfont.getGlyphOrder())

    @cached_property
    def _glyph_names(self) -> list[str]:
        """Names of :attr:`glyph_set`'s glyphs by glyph id."""
        with self._read_lock:
            return list(self._outline_font.getGlyphOrder())

    @cached_property
    def hb_font(self) -> hb.Font:
        """The HarfBuzz font, scaled to font units so that positions come out in font units."""
        font = hb.Font(hb.Face(hb.Blob(self.sfnt), self.index))
        font.scale = (self.units_per_em, self.units_per_em)
        return font

    def glyph(self, glyph_id: int) -> GlyphShape:
        """The outline and bounds of glyph ``glyph_id`` in font units.

        Cached in memory, and between runs in the user's cache folder: a label's usual glyphs
        come from there without reading the font's tables.
        """
        cache_key = (self.key, glyph_id)
        shape = self._shapes.get(cache_key)
        if shape is not None:
            return shape
        stored = _glyph_store.lookup(self.key, glyph_id)
        if stored is not None:
            shape = GlyphShape(*stored)
        else:
            with self._read_lock:
                shape = self._read_glyph(glyph_id)
            _glyph_store.remember(self.key, glyph_id, (shape.outline, shape.bounds, shape.points))
        with self._shapes_lock:
            if len(self._shapes) >= self._MAX_SHAPES:
                self._shapes.clear()  # rare; rebuilding is cheap compared to unbounded growth
            self._shapes[cache_key] = shape
        return shape

    def _read_glyph(self, glyph_id: int) -> GlyphShape:
        order = self._glyph_names
        if not 0 <= glyph_id < len(order):
            return GlyphShape((), None, ())
        glyph_set = self.glyph_set
        name = order[glyph_id]
        from fontTools.pens.boundsPen import BoundsPen

        from studio.text._outline import OutlinePen

        pen = OutlinePen(glyph_set, flatten_step=self.units_per_em / 64.0)
        bounds_pen = BoundsPen(glyph_set)
        glyph_set[name].draw(pen)
        glyph_set[name].draw(bounds_pen)
        return GlyphShape(tuple(pen.segments), bounds_pen.bounds, tuple(pen.points))


# -- reading font files -----------------------------------------------------------------------


def _name(font: TTFont, *ids: int) -> str:
    table = font.get("name", None)
    if table is None:
        return ""
    for name_id in ids:
        value = table.getDebugName(name_id)
        if value and value.strip():
            return str(value).strip()
    return ""


# Optical-size fonts (EB Garamond 12, Garamond Premier "Caption"...) put the size before the
# style in the typographic subfamily ("12 Regular"); the size is not a style people choose.
_OPTICAL_PREFIX = re.compile(r"^\d+(?:pt)?\s+(?=\S)")


def _clean_style(style: str) -> str:
    return _OPTICAL_PREFIX.sub("", style).strip() or "Regular"


def _metrics(font: TTFont) -> tuple[int, int]:
    """Ascender and descender (font units), as browsers and word processors pick them."""
    os2 = font.get("OS/2", None)
    hhea = font.get("hhea", None)
    if os2 is not None and getattr(os2, "fsSelection", 0) & (1 << 7):  # USE_TYPO_METRICS
        return int(os2.sTypoAscender), int(os2.sTypoDescender)
    if hhea is not None and (hhea.ascent or hhea.descent):
        return int(hhea.ascent), int(hhea.descent)
    if os2 is not None:
        return int(os2.sTypoAscender), int(os2.sTypoDescender)
    upem = int(font["head"].unitsPerEm)
    return int(upem * 0.8), -int(upem * 0.2)


def read_faces(data: bytes, source_name: str, path: Path | None = None) -> list[FontFace]:
    """Every face of a font file, validated.

    Parameters
    ----------
    data
        The file's bytes (TrueType, OpenType/CFF, collection, WOFF or WOFF2).
    source_name
        The name used in error messages, usually the file name.
    path
        Where the file lives, if it is a file.

    Raises
    ------
    FontError
        The bytes are not a usable font; the message names ``source_name``.
    """
    if len(data) > MAX_FONT_BYTES:
        raise FontError(f"{source_name}: not a font file (larger than {MAX_FONT_BYTES // (1024 * 1024)} MB).")
    kind = _MAGIC.get(data[:4])
    if kind is None:
        raise FontError(f"{source_name}: not a font file (it does not start like a TrueType or OpenType font).")
    digest = hashlib.sha256(data).hexdigest()
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if kind == "font collection":
            count = len(TTCollection(io.BytesIO(data), lazy=True).fonts)
            fonts = [TTFont(io.BytesIO(data), fontNumber=i, lazy=True) for i in range(count)]
        else:
            fonts = [TTFont(io.BytesIO(data), lazy=True)]
        faces = [_face_from(font, data, digest, i, path, source_name) for i, font in enumerate(fonts)]
    except FontError:
        raise
    except (TTLibError, KeyError, ValueError, TypeError, IndexError, AssertionError, EOFError, OSError) as exc:
        reason = str(exc).strip().rstrip(".") or exc.__class__.__name__
        raise FontError(f"{source_name}: not a font file ({kind} data that cannot be read: {reason[:120]}).") from exc
    if not faces:
        raise FontError(f"{source_name}: not a font file (the collection holds no font).")
    return faces


def _plain_sfnt(data: bytes) -> bytes:
    """A font file as plain TrueType/OpenType bytes (WOFF and WOFF2 unpacked)."""
    if data[:4] not in (b"wOFF", b"wOF2"):
        return data
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data))
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _face_from(font: TTFont, data: bytes, digest: str, index: int, path: Path | None, source: str) -> FontFace:
    for table in ("head", "cmap", "hmtx", "maxp"):
        if table not in font:
            raise FontError(f"{source}: not a font file (the {table!r} table is missing).")
    if not any(t in font for t in ("glyf", "CFF ", "CFF2")):
        raise FontError(f"{source}: the font has no outlines (bitmap-only fonts cannot be printed sharply).")
    family = _name(font, 16, 1)
    if not family:
        raise FontError(f"{source}: the font has no family name.")
    style = _clean_style(_name(font, 17, 2) or "Regular")
    upem = int(font["head"].unitsPerEm)
    if not 16 <= upem <= 16384:
        raise FontError(f"{source}: not a font file (units per em {upem} is out of range).")
    # HarfBuzz must accept it too (it reads some tables fontTools reads lazily). Its character
    # map is the one shaping uses, so the coverage comes from it (and costs no glyph names).
    hb_face = hb.Face(hb.Blob(_plain_sfnt(data)), index)
    if hb_face.upem != upem:
        raise FontError(f"{source}: not a font file (HarfBuzz cannot read it).")
    coverage = Coverage.from_codepoints(hb_face.unicodes)
    if not coverage:
        raise FontError(f"{source}: the font maps no characters to glyphs.")
    ascender, descender = _metrics(font)
    os2 = font.get("OS/2", None)
    weight = int(getattr(os2, "usWeightClass", 400) or 400)
    italic = bool(getattr(os2, "fsSelection", 0) & 1) or bool(font["head"].macStyle & 2)
    cap = int(getattr(os2, "sCapHeight", 0) or 0)
    key = digest if index == 0 else f"{digest}#{index}"
    face = FontFace(
        family=family,
        style=style,
        source=data,
        key=key,
        path=path,
        units_per_em=upem,
        ascender=ascender,
        descender=descender,
        index=index,
        weight=weight,
        italic=italic,
        cap_height=cap,
        full_name=_name(font, 4) or f"{family} {style}",
        coverage=coverage,
    )
    return face


# -- choosing a style ---------------------------------------------------------------------------

_WEIGHT_WORDS = {
    "thin": 100,
    "hairline": 100,
    "extralight": 200,
    "ultralight": 200,
    "light": 300,
    "book": 400,
    "regular": 400,
    "normal": 400,
    "roman": 400,
    "medium": 500,
    "semibold": 600,
    "demibold": 600,
    "bold": 700,
    "extrabold": 800,
    "ultrabold": 800,
    "heavy": 900,
    "black": 900,
}
_ITALIC_WORDS = ("italic", "oblique", "slanted", "kursiv", "cursive")


def parse_style(style: str) -> tuple[int, bool]:
    """Weight and italic-ness a style name asks for: ``"Bold Italic"`` → ``(700, True)``."""
    text = style.lower().replace("-", " ").replace("_", " ")
    italic = any(word in text for word in _ITALIC_WORDS)
    for word in _ITALIC_WORDS:
        text = text.replace(word, " ")
    squashed = re.sub(r"\s+", "", text)
    weight = 400
    # Longest words first, so that "semibold" is not read as "bold".
    for word, value in sorted(_WEIGHT_WORDS.items(), key=lambda kv: -len(kv[0])):
        if word in squashed:
            weight = value
            break
    return weight, italic


def _style_key(style: str) -> str:
    return re.sub(r"[\s_-]+", "", style.lower())


# -- the registry -----------------------------------------------------------------------------

# Scans of read-only folders (the bundled fonts) are kept across registries so that a test or a
# batch worker can make a fresh registry cheaply. The key includes each file's size and time.
_scan_cache: dict[tuple[str, tuple[tuple[str, int, int], ...]], tuple[list[FontFace], list[str]]] = {}
_scan_lock = threading.Lock()


def _font_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def _index_file(file: Path, size: int, mtime_ns: int) -> tuple[FileEntry, list[FontFace]]:
    """Read a font file for the index: its entry, and its faces (holding the bytes just read).

    Raises
    ------
    OSError
        The file cannot be read.
    """
    data = file.read_bytes()
    try:
        faces = read_faces(data, file.name, file)
    except FontError as exc:
        digest = hashlib.sha256(data).hexdigest()
        return FileEntry(size=size, mtime_ns=mtime_ns, sha256=digest, faces=(), problem=str(exc)), []
    digest = faces[0].key.partition("#")[0]
    return FileEntry(size=size, mtime_ns=mtime_ns, sha256=digest, faces=tuple(f.record for f in faces)), faces


def _scan(folder: Path) -> tuple[list[FontFace], list[str]]:
    """The faces in ``folder`` and a sentence per unusable file, from the font index where it is current."""
    folder = folder.resolve()
    stamps: list[tuple[Path, int, int]] = []
    for file in _font_files(folder):
        try:
            info = file.stat()
        except OSError:
            continue  # removed since it was listed
        stamps.append((file, info.st_size, info.st_mtime_ns))
    cache_key = (str(folder), tuple((str(p), size, mtime) for p, size, mtime in stamps))
    with _scan_lock:
        cached = _scan_cache.get(cache_key)
    if cached is not None:
        return cached
    index = FontIndex() if stamps else None
    faces: list[FontFace] = []
    problems: list[str] = []
    for file, size, mtime in stamps:
        assert index is not None
        entry = index.lookup(file, size, mtime)
        if entry is None:
            try:
                entry, entry_faces = _index_file(file, size, mtime)
            except OSError as exc:
                # Not remembered: a file that cannot be read now may be readable next time.
                message = f"{file.name}: cannot be read ({exc.strerror or exc})."
                problems.append(message)
                log.warning("%s", message)
                continue
            index.put(file, entry)
            # The faces just read keep their bytes; the next run makes them from the index.
            faces.extend(entry_faces)
        else:
            faces.extend(FontFace.from_record(record, sha256=entry.sha256, path=file) for record in entry.faces)
        if entry.problem is not None:
            # One bad file in a folder must not hide the others; the UI lists the problems.
            problems.append(entry.problem)
            log.warning("%s", entry.problem)
    if index is not None and index.dirty:
        index.save()
    with _scan_lock:
        _scan_cache[cache_key] = (faces, problems)
    return faces, problems


class FontRegistry:
    """The faces Studio can use, by family and style.

    Parameters
    ----------
    folders
        Folders scanned (with their subfolders) for ``.ttf``, ``.otf``, ``.ttc``, ``.woff`` and
        ``.woff2`` files. Files that are not usable fonts are skipped and listed in
        :attr:`problems`.

    Notes
    -----
    When two files give the same family and style, the one added last wins: a project's
    embedded font replaces an installed one of the same name, so the project looks as it did.
    """

    _default: ClassVar[tuple[tuple[Path, Path], FontRegistry] | None] = None

    def __init__(self, folders: Sequence[Path] = ()) -> None:
        self._families: dict[str, dict[str, FontFace]] = {}  # casefolded family -> style key -> face
        self._family_names: dict[str, str] = {}  # casefolded family -> name as the font spells it
        self._by_key: dict[str, FontFace] = {}
        self.problems: list[str] = []
        """One sentence per font file that was skipped during scanning."""
        for folder in folders:
            faces, problems = _scan(Path(folder))
            self._add_faces(faces)
            self.problems.extend(problems)

    @classmethod
    def default(cls) -> FontRegistry:
        """The bundled fonts plus the user's installed fonts.

        The same registry is returned while the user font folder stays the same; scanning is
        cached per folder, so a new one (as each test makes) costs little.
        """
        bundled = resources.assets_dir() / "fonts"
        user = resources.user_fonts_dir()
        where = (bundled, user)
        current = cls._default
        if current is not None and current[0] == where:
            return current[1]
        registry = cls([bundled, user])
        cls._default = (where, registry)
        return registry

    @classmethod
    def default_copy(cls) -> FontRegistry:
        """A registry of its own holding what :meth:`default` holds.

        A document adds its project's fonts to such a copy, so that they do not leak into other
        documents through the shared default.
        """
        return cls.default().copy()

    def copy(self) -> FontRegistry:
        """A new registry with the same faces; adding to either does not change the other."""
        other = FontRegistry()
        other._families = {fam: dict(styles) for fam, styles in self._families.items()}
        other._family_names = dict(self._family_names)
        other._by_key = dict(self._by_key)
        other.problems = list(self.problems)
        return other

    # -- adding --------------------------------------------------------------------------------
    def add_file(self, path: Path) -> list[FontFace]:
        """Read a font file and make its faces available.

        Raises
        ------
        FontError
            The file cannot be read or is not a usable font; the message names the file.
        """
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > MAX_FONT_BYTES:
                raise FontError(f"{path.name}: not a font file (larger than {MAX_FONT_BYTES // (1024 * 1024)} MB).")
            data = path.read_bytes()
        except OSError as exc:
            raise FontError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from exc
        faces = read_faces(data, path.name, path)
        self._add_faces(faces)
        return faces

    def add_bytes(self, data: bytes, source_name: str) -> list[FontFace]:
        """Make the faces of a font held in memory available (a font embedded in a project).

        Raises
        ------
        FontError
            ``data`` is not a usable font; the message names ``source_name``.
        """
        faces = read_faces(bytes(data), source_name)
        self._add_faces(faces)
        return faces

    def install_user_font(self, path: Path) -> list[FontFace]:
        """Validate a font file, copy it into the user's font folder and make it available.

        A file of the same name but different content is kept under a new name; installing the
        same file twice changes nothing.

        Raises
        ------
        FontError
            The file is not a usable font, or it cannot be copied.
        """
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FontError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from exc
        read_faces(data, path.name)  # validate before anything is written
        folder = resources.user_fonts_dir()
        target = folder / _safe_file_name(path.name)
        stem, suffix = target.stem, target.suffix
        n = 1
        while target.exists() and target.read_bytes() != data:
            n += 1
            target = folder / f"{stem}-{n}{suffix}"
        if not target.exists():
            try:
                folder.mkdir(parents=True, exist_ok=True)
                _write_atomically(target, data)
            except OSError as exc:
                raise FontError(f"{path.name}: cannot be copied to {folder} ({exc.strerror or exc}).") from exc
        faces = read_faces(data, target.name, target)
        self._add_faces(faces)
        return faces

    def _add_faces(self, faces: Iterable[FontFace]) -> None:
        for face in faces:
            fam = face.family.casefold()
            self._family_names.setdefault(fam, face.family)
            self._families.setdefault(fam, {})[_style_key(face.style)] = face
            self._by_key[face.key] = face

    # -- finding -------------------------------------------------------------------------------
    def families(self) -> list[str]:
        """Every family name, sorted as a person would."""
        return sorted(self._family_names.values(), key=str.casefold)

    def styles(self, family: str) -> list[str]:
        """The styles of ``family``, lightest upright first; empty for an unknown family."""
        faces = self._families.get(family.casefold(), {})
        return [f.style for f in sorted(faces.values(), key=lambda f: (f.italic, f.weight, f.style))]

    def faces(self) -> list[FontFace]:
        """Every face, by family then style."""
        return [self.face(family, style) for family in self.families() for style in self.styles(family)]

    def covering(self, ch: str) -> list[FontFace]:
        """Every face that maps the character ``ch`` to a glyph, by family then style.

        Answered from each face's coverage (the font index), so no font file is opened: this is
        what a fallback chain asks for a character the chosen face lacks.
        """
        if len(ch) != 1:
            return []
        cp = ord(ch)
        return [face for face in self.faces() if cp in face.coverage]

    def by_key(self, key: str) -> FontFace | None:
        """The face whose file has this content hash, if known."""
        return self._by_key.get(key)

    def __contains__(self, family: object) -> bool:
        return isinstance(family, str) and family.casefold() in self._families

    def face(self, family: str, style: str = "Regular") -> FontFace:
        """The face of ``family`` in ``style``, or the closest style the family has.

        The closest style keeps the weight before the slant (Bold Italic, then Bold, then
        Regular): a bold name that loses its slant reads closer to what was asked than a
        light italic.

        Raises
        ------
        MissingFont
            No face of ``family`` is known.
        """
        faces = self._families.get(family.casefold())
        if not faces:
            raise MissingFont(f"The font {family!r} is not installed; add its font file or choose another font.")
        exact = faces.get(_style_key(style))
        if exact is not None:
            return exact
        want_weight, want_italic = parse_style(style)

        def distance(face: FontFace) -> tuple[int, int, int, str]:
            got_weight, got_italic = parse_style(face.style)
            # Between two equally distant weights prefer the heavier for bold requests, the
            # lighter otherwise (as CSS does).
            heavier = 0 if (got_weight > want_weight) == (want_weight >= 500) else 1
            return (abs(got_weight - want_weight), int(got_italic != want_italic), heavier, face.style)

        return min(faces.values(), key=distance)


def _safe_file_name(name: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._ -]+", "_", Path(name).name).strip(" .") or "font"
    return name[:120]


__all__ = [
    "FONT_SUFFIXES",
    "FontError",
    "FontFace",
    "FontRegistry",
    "GlyphShape",
    "MissingFont",
    "parse_style",
    "read_faces",
]
