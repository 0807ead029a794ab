"""QR codes and barcodes as vector paths.

The symbols come from maintained encoders — segno for QR codes (ISO/IEC 18004, it chooses the
version and mask), python-barcode for Code 128 (it chooses code sets B/C for the shortest symbol)
and EAN-13 — and only their module patterns are used: Studio draws the dark modules as one path
of rectangles, so the canvas, PDF, SVG and PNG show the same sharp code at any size.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studio.model.codes import SYMBOLOGY_NAMES, code_problem, ean13_digits
from studio.model.errors import StudioError
from studio.model.geometry import Affine, Path, Rect
from studio.render.display import FillPath, Item

if TYPE_CHECKING:
    from studio.model.design import CodeLayer
    from studio.text import FontRegistry

QR_QUIET = 4
"""Light modules around a QR code (ISO/IEC 18004)."""
CODE128_QUIET = 10
"""Light modules left and right of a Code 128 (ISO/IEC 15417)."""
EAN13_QUIET = (11, 7)
"""Light modules left and right of an EAN-13 (GS1 General Specifications)."""
TEXT_SHARE = 0.18
"""Part of a barcode's height given to the text under the bars."""


class CodeError(StudioError):
    """Content that the chosen symbology cannot hold."""


@dataclass(frozen=True, slots=True)
class Symbol:
    """The modules of an encoded symbol: rows of dark (True) and light modules, quiet zones excluded.

    A linear barcode has one row (its bars run the whole height).
    """

    rows: tuple[tuple[bool, ...], ...]
    quiet: tuple[int, int]
    """Light modules to keep left and right (top and bottom too for a QR code)."""
    text: str
    """Human-readable text of a barcode."""

    @property
    def linear(self) -> bool:
        return len(self.rows) == 1

    @property
    def width(self) -> int:
        return len(self.rows[0])


@functools.lru_cache(maxsize=1024)
def encode(symbology: str, data: str, *, error_correction: str = "M") -> Symbol:
    """Encode ``data`` (remembered: the editor redraws a code on every edit, and a QR code costs about 12 ms,
    most of it segno trying the eight masks to pick the one scanners read best).

    Raises
    ------
    CodeError
        When the content does not fit the symbology (one sentence saying why).
    """
    problem = code_problem(symbology, data)
    if problem is not None:
        raise CodeError(problem[:1].upper() + problem[1:] + ".")
    if symbology == "qr":
        import segno

        try:
            qr = segno.make_qr(data, error=error_correction.lower(), boost_error=False)
        except segno.DataOverflowError as error:
            raise CodeError(
                f"{len(data.encode())} bytes are too many for a QR code at error correction {error_correction}; "
                "shorten the content or lower the error correction."
            ) from error
        rows = tuple(tuple(bool(v) for v in row) for row in qr.matrix)
        return Symbol(rows, (QR_QUIET, QR_QUIET), data)
    if symbology == "code128":
        from barcode.codex import Code128

        bars = Code128(data).build()[0]
        return Symbol((tuple(c == "1" for c in bars),), (CODE128_QUIET, CODE128_QUIET), data)
    if symbology == "ean13":
        from barcode.ean import EAN13

        digits = ean13_digits(data)
        bars = EAN13(digits[:12]).build()[0]
        return Symbol((tuple(c == "1" for c in bars),), EAN13_QUIET, f"{digits[0]} {digits[1:7]} {digits[7:]}")
    raise CodeError(f"unknown kind of code {symbology!r}; the kinds are {', '.join(SYMBOLOGY_NAMES)}.")


@dataclass(frozen=True, slots=True)
class CodeDrawing:
    """A symbol laid out in a frame centred on the origin (mm)."""

    modules: Path
    """The dark modules (or bars), one rectangle per horizontal run."""
    quiet_box: Rect
    """The symbol with its quiet zones: what must stay light for a scanner."""
    text_box: Rect | None
    """Where the human-readable text goes under the bars (barcodes)."""
    module: float
    """Size of one module (mm)."""


def lay_out(symbol: Symbol, width: float, height: float, *, show_text: bool = True) -> CodeDrawing:
    """Fit ``symbol`` and its quiet zones in a ``width`` × ``height`` frame centred on the origin."""
    left_q, right_q = symbol.quiet
    path = Path()
    if symbol.linear:
        total = symbol.width + left_q + right_q
        module = width / total
        text_h = height * TEXT_SHARE if show_text else 0.0
        bar_h = height - text_h
        x0, y0 = -width / 2 + left_q * module, -height / 2
        for start, run in _runs(symbol.rows[0]):
            path.extend(Path.rectangle(x0 + start * module, y0, run * module, bar_h))
        quiet = Rect(-width / 2, -height / 2, width, height)
        text_box = Rect(x0, y0 + bar_h, symbol.width * module, text_h) if show_text else None
        return CodeDrawing(path, quiet, text_box, module)
    n = len(symbol.rows)
    total = n + left_q + right_q
    side = min(width, height)
    module = side / total
    x0 = y0 = -side / 2 + left_q * module
    for r, row in enumerate(symbol.rows):
        for start, run in _runs(row):
            path.extend(Path.rectangle(x0 + start * module, y0 + r * module, run * module, module))
    return CodeDrawing(path, Rect(-side / 2, -side / 2, side, side), None, module)


def _runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules."""
    out: list[tuple[int, int]] = []
    start = -1
    for i, dark in enumerate((*row, False)):
        if dark and start < 0:
            start = i
        elif not dark and start >= 0:
            out.append((start, i - start))
            start = -1
    return out


def code_items(
    layer: CodeLayer, m: Affine, fonts: FontRegistry, variables: Mapping[str, str]
) -> tuple[list[Item], Rect | None]:
    """Display-list items of a code layer placed by ``m``, and their bounds (area mm)."""
    symbol = encode(layer.symbology, layer.resolved_data(variables), error_correction=layer.error_correction)
    drawing = lay_out(symbol, layer.width, layer.height, show_text=layer.show_text)
    items: list[Item] = []
    box = drawing.quiet_box
    if layer.background is not None:
        items.append(FillPath(Path.rectangle(box.x, box.y, box.width, box.height).transformed(m), layer.background))
    items.append(FillPath(drawing.modules.transformed(m), layer.color))
    if drawing.text_box is not None and symbol.text:
        text = _caption(symbol.text, drawing.text_box, fonts)
        if text is not None:
            items.append(FillPath(text.transformed(m), layer.color))
    return items, box.transformed(m)


CAPTION_FONT = ("Inter", "Regular")
"""The face of the human-readable line under barcodes: a plain sans that every install has."""


def _caption(text: str, box: Rect, fonts: FontRegistry) -> Path | None:
    from studio.model.design import TextLayer
    from studio.text import layout_text

    size_pt = box.height * 0.8 / (25.4 / 72.0)
    if size_pt < 0.5:
        return None
    caption = TextLayer(
        text=text.replace("{", "{{").replace("}", "}}"),
        font_family=CAPTION_FONT[0],
        font_style=CAPTION_FONT[1],
        size=min(size_pt, 2000.0),
        box_width=box.width,
        box_height=box.height,
        fit="shrink",
        align="center",
    )
    layout = layout_text(caption, fonts, {})
    if layout.path.is_empty():
        return None
    ink = layout.ink_bounds
    cx, cy = box.center
    ix, iy = ink.center
    return layout.path.transformed(Affine.translation(cx - ix, cy - iy))
