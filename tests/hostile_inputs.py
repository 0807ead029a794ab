"""Hostile inputs that once exhausted time or memory, made in a folder in well under a second each.

Shared by ``tests/cli/test_hostile_inputs.py`` (each is refused in one sentence) and
``benchmarks/hostile_bench.py`` (how long and how much memory the refusal takes).
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'


@dataclass(frozen=True)
class Case:
    """One hostile input: how to make it, the command that meets it, and the refusal expected."""

    name: str
    make: Callable[[Path], list[str]]
    """Writes the input under the folder given; returns the ``studio`` arguments that use it."""
    expect: str
    """A fragment of the one-sentence refusal."""


_HEAD = '{"schema_version":1,"template":"jar-500","areas":{"label":{"layers":['
_TAIL = "]}}}"


def _design(layers: list[dict[str, object]], **extra: object) -> dict[str, object]:
    return {"schema_version": 1, "template": "jar-500", "areas": {"label": {"layers": layers}}, **extra}


def _write(folder: Path, design: dict[str, object], name: str = "design.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(design, separators=(",", ":")), encoding="utf-8")
    return path


def _export(project: Path, fmt: str = "pdf", *extra: str) -> list[str]:
    return ["export", str(project), "--format", fmt, "-o", str(project.parent / f"out.{fmt}"), *extra]


def text_layers_200k(folder: Path) -> list[str]:
    """A 15 MB design.json of 200,000 short text layers."""
    layer = '{"kind":"text","text":"Name %06d","size":8,"transform":{"x":%d,"y":%d}}'
    body = ",".join(layer % (i, i % 200, i % 90) for i in range(200_000))
    path = folder / "design.json"
    path.write_text(_HEAD + body + _TAIL)
    return _export(path)


def star_layers_100k(folder: Path) -> list[str]:
    """100,000 star layers of 100 tips each."""
    layer = '{"kind":"shape","shape":"star","sides":100,"width":5,"height":5,"transform":{"x":%d,"y":%d}}'
    body = ",".join(layer % (i % 200, i % 90) for i in range(100_000))
    path = folder / "design.json"
    path.write_text(_HEAD + body + _TAIL)
    return _export(path)


def layers_20k(folder: Path) -> list[str]:
    """20,000 rectangles on one area."""
    layers = [{"kind": "shape", "shape": "rectangle", "width": 2, "height": 2} for _ in range(20_000)]
    return _export(_write(folder, _design(layers)), "png")


def layers_1500(folder: Path) -> list[str]:
    """1,500 rectangles on one area: fewer than a design may hold, more than one area may."""
    layers = [{"kind": "shape", "shape": "rectangle", "width": 2, "height": 2} for _ in range(1_500)]
    return _export(_write(folder, _design(layers)), "png")


def long_texts(folder: Path) -> list[str]:
    """1,000 text layers of 10,000 characters each (10 MB, within the file size limit)."""
    text = ("Lorem ipsum dolor sit amet " * 371)[:10_000]
    layer = {"kind": "text", "text": text, "font_family": "Lobster", "size": 8, "box_width": 200}
    return _export(_write(folder, _design([layer] * 1_000)))


def _vector(folder: Path, svg: bytes, fmt: str = "png") -> list[str]:
    (folder / "art.svg").write_bytes(svg)
    layer = {"kind": "vector", "asset": "art.svg", "width": 40, "height": 40, "transform": {"x": 60, "y": 45}}
    return _export(_write(folder, _design([layer])), fmt)


def svg_path_30mb(folder: Path) -> list[str]:
    """One SVG path of 2.75 million segments (30 MB)."""
    return _vector(folder, (SVG + '<path d="M0 0' + " l1.5 -2.25" * 2_750_000 + '"/></svg>').encode())


def svg_dashes(folder: Path) -> list[str]:
    """A dash of half a unit along 9.6 million units of path: 19 million dashes."""
    d = "M0 0" + " L100 100 L0 100 L100 0 L0 0" * 20_000
    svg = SVG + f'<path d="{d}" stroke="black" stroke-width="0.2" stroke-dasharray="0.5" fill="none"/></svg>'
    return _vector(folder, svg.encode())


def svg_use_fan_out(folder: Path) -> list[str]:
    """Eight levels of ten ``<use>`` each: 100 million rectangles from 1 KB."""
    groups = "".join(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 9))
    svg = SVG + f'<defs><g id="l0"><rect width="1" height="1"/></g>{groups}</defs><use href="#l8"/></svg>'
    return _vector(folder, svg.encode())


def archive_20mb(folder: Path) -> list[str]:
    """A 20 MB project whose design.json unpacks to 40 MB (random text, which compresses 2:1)."""
    path = folder / "big.studio"
    filler = os.urandom(20 * 1024 * 1024).hex()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/x-studio-project", compress_type=zipfile.ZIP_STORED)
        zf.writestr("design.json", json.dumps(_design([], variables={"note": filler})))
    return _export(path)


def archive_declared_total(folder: Path) -> list[str]:
    """Four members of 136 MB that each compress 60 : 1 (under the ratio limit): 543 MB in all."""
    path = folder / "many.studio"
    noise = os.urandom(32 * 42_000)
    block = b"".join(noise[i * 32 : (i + 1) * 32] + bytes(3200) for i in range(42_000))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("mimetype", "application/x-studio-project", compress_type=zipfile.ZIP_STORED)
        zf.writestr("design.json", json.dumps(_design([])))
        for i in range(4):
            zf.writestr(f"assets/extra{i}.bin", block)
    return _export(path)


def mockup_8000(folder: Path) -> list[str]:
    """The jar as an 8,000 px mockup."""
    layer = {"kind": "text", "text": "Camille", "font_family": "Lobster", "size": 30, "transform": {"x": 118, "y": 45}}
    path = _write(folder, _design([layer]))
    return ["export", str(path), "--format", "mockup", "--size", "8000", "-o", str(folder / "mockup.png")]


def png_2400_dpi(folder: Path) -> list[str]:
    """The jar label as a PNG at 2,400 dpi (190 megapixels)."""
    layer = {"kind": "text", "text": "Camille", "font_family": "Lobster", "size": 30, "transform": {"x": 118, "y": 45}}
    return _export(_write(folder, _design([layer])), "png", "--dpi", "2400")


CASES = [
    Case("design.json of 15 MB with 200,000 text layers", text_layers_200k, "more than 2,000 layers"),
    Case("100,000 star layers", star_layers_100k, "more than 2,000 layers"),
    Case("20,000 layers on one area", layers_20k, "more than 1,000 layers"),  # the per-area limit
    Case("1,500 layers on one area", layers_1500, "more than 1,000 layers"),
    Case("1,000 texts of 10,000 characters", long_texts, "characters of text"),
    Case("SVG path of 30 MB", svg_path_30mb, "segments"),
    Case("SVG dash pattern of 19 million dashes", svg_dashes, "dashes"),
    Case("SVG <use> fan-out of 100 million elements", svg_use_fan_out, "elements"),
    Case("archive of 20 MB, design.json of 40 MB", archive_20mb, "larger than the 16 MiB"),
    Case("archive announcing 543 MB of members", archive_declared_total, "512 MiB"),
    Case("mockup of 8,000 px", mockup_8000, "megapixels"),
    Case("PNG at 2,400 dpi", png_2400_dpi, "megapixels"),
]
