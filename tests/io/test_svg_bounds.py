"""What the sanitiser accepts, every renderer can draw: hostile drawings are refused at import."""

from __future__ import annotations

import time

import cairosvg
import pytest

from studio.io import limits
from studio.io._svg import sanitize_svg
from studio.model.errors import InvalidFile

S = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">'


def fan_out(levels: int, width: int = 10) -> str:
    groups = "".join(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * width + "</g>" for i in range(1, levels + 1))
    return S + f'<defs><g id="l0"><rect width="1" height="1"/></g>{groups}</defs><use href="#l{levels}"/></svg>'


HOSTILE = {
    "use-cycle": (
        S + '<defs><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></defs><use href="#a"/></svg>',
        "reference cycle",
    ),
    "use-of-ancestor": (S + '<g id="top"><rect width="1" height="1"/><use xlink:href="#top"/></g></svg>', "'top'"),
    "pattern-self": (
        S + '<defs><pattern id="p" width="10" height="10" patternUnits="userSpaceOnUse">'
        '<rect width="10" height="10" fill="url(#p)"/></pattern></defs><rect width="100" height="100" fill="url(#p)"/></svg>',
        "'p'",
    ),
    "pattern-inherited-fill": (
        S + '<g fill="url(#p)"><defs><pattern id="p" width="10" height="10" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5"/></pattern></defs><rect width="100" height="100"/></g></svg>',
        "reference cycle",
    ),
    "pattern-in-stylesheet": (
        S + "<style>.t{fill:url(#p)}</style><defs><pattern id='p' width='10' height='10' patternUnits='userSpaceOnUse'>"
        "<rect class='t' width='10' height='10'/></pattern></defs><rect width='100' height='100' fill='url(#p)'/></svg>",
        "reference cycle",
    ),
    "gradient-href-chain": (
        S + '<defs><linearGradient id="g1" href="#g2"/><linearGradient id="g2" xlink:href="#g1"/></defs>'
        '<rect width="10" height="10" fill="url(#g1)"/></svg>',
        "reference cycle",
    ),
    "mask-self": (
        S + '<defs><mask id="m"><rect width="10" height="10" fill="white" mask="url(#m)"/></mask></defs>'
        '<rect width="10" height="10" mask="url(#m)"/></svg>',
        "reference cycle",
    ),
    "clip-self": (
        S + '<defs><clipPath id="c"><rect width="10" height="10" clip-path="url(#c)"/></clipPath></defs>'
        '<rect width="10" height="10" clip-path="url(#c)"/></svg>',
        "reference cycle",
    ),
    "marker-self": (
        S + '<defs><marker id="m" markerWidth="4" markerHeight="4"><path d="M0 0L4 4" marker-end="url(#m)"/></marker>'
        '</defs><path d="M0 0L50 50" marker-end="url(#m)"/></svg>',
        "reference cycle",
    ),
    "filter-feimage-self": (
        S
        + '<defs><filter id="f"><feImage href="#r"/></filter></defs><rect id="r" width="10" height="10" filter="url(#f)"/></svg>',
        "reference cycle",
    ),
    "viewbox-huge": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e308 1e308"><rect width="5" height="5"/></svg>',
        "viewBox",
    ),
    "viewbox-tiny": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e-300 1e-300"><rect width="5" height="5"/></svg>',
        "viewBox",
    ),
    "nested-viewbox": (
        S + '<svg width="10" height="10" viewBox="0 0 1e-200 1e-200"><rect width="1" height="1"/></svg></svg>',
        "viewBox",
    ),
    "width-huge-no-viewbox": ('<svg xmlns="http://www.w3.org/2000/svg" width="1e308" height="10"><rect/></svg>', ""),
    "nan": (S + '<rect width="NaN" height="10"/></svg>', "not a number"),
    "infinity-in-style": (S + '<rect width="10" height="10" style="stroke-width: Infinity"/></svg>', "not a number"),
    "overflowing-number": (S + '<rect width="1e400" height="10"/></svg>', "1e400"),
    "path-overflow": (S + '<path d="M0 0 L1e309 5"/></svg>', "1e309"),
    "scale-absurd": (S + '<g transform="scale(1e7)"><rect width="10" height="10"/></g></svg>', "transform"),
    "scale-zero": (S + '<g transform="matrix(1 0 0 0 0 0)"><rect width="10" height="10"/></g></svg>', "transform"),
    "scale-nested": (
        S
        + '<g transform="scale(1000)"><g transform="scale(1000)"><g transform="scale(1000)"><rect width="1" height="1"/>'
        "</g></g></g></svg>",
        "nested transforms",
    ),
    "scale-through-use": (
        S + '<defs><g id="a" transform="scale(900)"><rect width="1" height="1"/></g>'
        '<g id="b" transform="scale(900)"><use href="#a"/></g></defs><use href="#b" transform="scale(900)"/></svg>',
        "nested transforms",
    ),
    "scale-in-style": (S + '<g style="transform: scale(1e-9)"><rect width="10" height="10"/></g></svg>', "transform"),
    "gradient-transform-singular": (
        S + '<defs><linearGradient id="g" gradientTransform="scale(0)"><stop offset="0"/></linearGradient></defs>'
        '<rect width="10" height="10" fill="url(#g)"/></svg>',
        "transform",
    ),
    "pattern-tile-huge": (
        S
        + '<defs><pattern id="p" width="1e7" height="1e7" patternUnits="userSpaceOnUse"><rect width="10" height="10"/>'
        '</pattern></defs><rect width="100" height="100" fill="url(#p)"/></svg>',
        "pattern tile",
    ),
    "use-fan-out": (fan_out(8), "more than 50,000 elements"),
    "pattern-fan-out": (
        S
        + "<defs>"
        + "".join(
            f'<pattern id="p{i}" width="10" height="10" patternUnits="userSpaceOnUse">'
            + f'<rect width="1" height="1" fill="url(#p{i + 1})"/>' * 10
            + "</pattern>"
            for i in range(8)
        )
        + '<pattern id="p8" width="1" height="1"><rect width="1" height="1"/></pattern></defs>'
        '<rect width="100" height="100" fill="url(#p0)"/></svg>',
        "more than 50,000 elements",
    ),
    "marker-fan-out": (
        S
        + '<defs><marker id="m"><path d="'
        + "M0 0"
        + " L1 1" * 100
        + '"/></marker></defs><path d="M0 0'
        + " L1 1" * 5000
        + '" marker-mid="url(#m)"/></svg>',
        "",
    ),
    "tiny-dash": (S + '<path d="M0 0 L100 100 L0 100 Z" stroke="black" stroke-dasharray="0.0001"/></svg>', "dashes"),
    "dash-inherited": (
        S + '<g stroke-dasharray="0.01 0.01"><path d="M0 0' + " L100 100 L0 0" * 50 + '" stroke="black"/></g></svg>',
        "dashes",
    ),
    "dash-in-stylesheet": (
        S + '<style>path{stroke-dasharray:.0001}</style><path d="M0 0 L100 100" stroke="black"/></svg>',
        "dashes",
    ),
    "dash-through-use": (
        S + '<defs><path id="long" d="M0 0' + " L100 100 L0 0" * 50 + '"/></defs>'
        '<use href="#long" stroke="black" stroke-dasharray="0.01"/></svg>',
        "dashes",
    ),
    "dash-percent": (S + '<rect width="100" height="100" stroke="black" stroke-dasharray="0.0001%"/></svg>', "dashes"),
    "path-too-many-segments": (
        S + '<path d="M0 0' + " l1 1" * (limits.MAX_SVG_PATH_SEGMENTS + 1) + '"/></svg>',
        "segments",
    ),
    "polyline-too-many-points": (
        S + '<polyline points="' + " 1,1" * (limits.MAX_SVG_PATH_SEGMENTS + 2) + '"/></svg>',
        "segments",
    ),
    "segments-through-use": (
        S + '<defs><path id="p" d="M0 0' + " l1 1" * 10_000 + '"/></defs>' + '<use href="#p"/>' * 30 + "</svg>",
        "path segments",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_drawing_is_refused_in_one_sentence(name: str) -> None:
    svg, fragment = HOSTILE[name]
    start = time.perf_counter()
    with pytest.raises(InvalidFile) as caught:
        sanitize_svg(svg.encode(), "art.svg")
    elapsed = time.perf_counter() - start
    message = str(caught.value)
    assert message.startswith("art.svg: "), message
    assert fragment in message, message
    assert message.endswith(".") and "\n" not in message
    assert elapsed < 30, f"refusing took {elapsed:.1f} s"


def test_a_30_mb_path_is_refused_quickly() -> None:
    d = "M0 0" + " l1.5 -2.25" * 2_750_000
    svg = (S + f'<path d="{d}"/></svg>').encode()
    assert len(svg) > 30_000_000
    start = time.perf_counter()
    with pytest.raises(InvalidFile, match="segments"):
        sanitize_svg(svg, "traced.svg")
    assert time.perf_counter() - start < 30  # generous: CI machines are shared


GOOD = {
    "gradients-from-stylesheet": S + "<style>.a{fill:url(#g)}</style><defs><linearGradient id='g'>"
    "<stop offset='0' stop-color='red'/><stop offset='1' stop-color='blue'/></linearGradient></defs>"
    "<rect class='a' width='50' height='50'/></svg>",
    "gradient-href": S + '<defs><linearGradient id="base"><stop offset="0"/><stop offset="1" stop-color="red"/>'
    '</linearGradient><linearGradient id="g" href="#base" x2="0.5"/></defs><rect width="50" height="50" fill="url(#g)"/></svg>',
    "use-and-symbol": S
    + '<defs><symbol id="s" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></symbol></defs>'
    + '<use href="#s" width="20" height="20"/>' * 20
    + "</svg>",
    "pattern": S + '<defs><pattern id="p" width="10" height="10" patternUnits="userSpaceOnUse">'
    '<circle cx="5" cy="5" r="3" fill="green"/></pattern></defs><rect width="100" height="100" fill="url(#p)"/></svg>',
    "dashed-cut-guide": S
    + '<rect x="5" y="5" width="90" height="90" fill="none" stroke="black" stroke-dasharray="2 1"/></svg>',
    "clip-and-mask": S + '<defs><clipPath id="c"><circle cx="50" cy="50" r="40"/></clipPath>'
    '<mask id="m"><rect width="100" height="100" fill="white"/></mask></defs>'
    '<g clip-path="url(#c)" mask="url(#m)"><rect width="100" height="100" fill="red"/></g></svg>',
    "markers": S + '<defs><marker id="arrow" markerWidth="6" markerHeight="6" refX="3" refY="3">'
    '<path d="M0 0L6 3L0 6z"/></marker></defs><path d="M10 10L90 90" stroke="black" marker-end="url(#arrow)"/></svg>',
    "ordinary-transforms": S
    + '<g transform="translate(10 10) rotate(30) scale(0.5) skewX(10)"><rect width="10" height="10"/></g></svg>',
    "large-user-units": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100000 100000"><rect width="50000" height="50000"/></svg>',
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_ordinary_drawings_pass_and_render(name: str) -> None:
    asset = sanitize_svg(GOOD[name].encode(), "art.svg")
    png = cairosvg.svg2png(bytestring=asset.data, output_width=64, output_height=64)
    assert png.startswith(b"\x89PNG")


def test_refused_drawings_are_ones_a_renderer_fails_on() -> None:
    """The cycles and degenerate scales refused above are what stopped exports before."""
    for name in ("use-cycle", "pattern-self", "viewbox-tiny"):
        with pytest.raises((RecursionError, ValueError, MemoryError, Exception)):
            cairosvg.svg2png(bytestring=HOSTILE[name][0].encode(), output_width=64, output_height=64)
