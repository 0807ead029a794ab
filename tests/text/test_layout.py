"""Layout of text layers: shaping, lines, boxes, fit-to-box, arcs, missing glyphs."""

from __future__ import annotations

import math
from typing import Any

import pytest

from studio import resources
from studio.model.design import Arc, TextLayer
from studio.model.geometry import pt_to_mm
from studio.text import FontRegistry, TextLayout, layout_text


@pytest.fixture(scope="module")
def fonts() -> FontRegistry:
    return FontRegistry([resources.assets_dir() / "fonts"])


def lay(fonts: FontRegistry, text: str, **fields: Any) -> TextLayout:
    return layout_text(TextLayer(text=text, **fields), fonts)


def test_plain_text_is_centred_on_the_origin(fonts: FontRegistry) -> None:
    out = lay(fonts, "Hello", size=36)
    assert out.bounds.center == pytest.approx((0.0, 0.0))
    assert out.bounds.height == pytest.approx(pt_to_mm(36) * 1.2)
    assert out.lines == 1 and out.size == 36 and out.missing == []
    assert out.path.fill_rule == "nonzero" and not out.path.is_empty()
    assert out.bounds.contains_rect(out.ink_bounds)
    assert out.face_key == fonts.face("Inter").key


def test_ink_bounds_are_tight(fonts: FontRegistry) -> None:
    out = lay(fonts, "Wäg fi", font_family="Lato", size=30)
    exact = out.path.bounds()
    for got, want in zip(
        (out.ink_bounds.x, out.ink_bounds.y, out.ink_bounds.right, out.ink_bounds.bottom),
        (exact.x, exact.y, exact.right, exact.bottom),
        strict=True,
    ):
        assert got == pytest.approx(want, abs=0.02)


def test_kerning_tightens_av(fonts: FontRegistry) -> None:
    def width(text: str) -> float:
        return lay(fonts, text, font_family="Lato", size=100).bounds.width

    assert width("AV") < width("A") + width("V") - 1.0


def test_fi_ligature_draws_one_glyph(fonts: FontRegistry) -> None:
    face = fonts.face("Lato")
    out = lay(fonts, "fi", font_family="Lato")
    assert len(out.glyphs) == 1
    assert out.glyphs[0].cluster == 0
    assert face.glyph_order[out.glyphs[0].glyph_id] == "uniFB01"
    assert len(lay(fonts, "f i", font_family="Lato").glyphs) == 3


def test_letter_spacing_goes_between_clusters(fonts: FontRegistry) -> None:
    plain = lay(fonts, "office", font_family="Lato", size=20)
    tracked = lay(fonts, "office", font_family="Lato", size=20, letter_spacing=100)
    # "office" has the ffi ligature: o, ffi, c, e -> 4 clusters, 3 gaps of 0.1 em.
    assert len(tracked.glyphs) == 4
    assert tracked.bounds.width - plain.bounds.width == pytest.approx(3 * 0.1 * pt_to_mm(20), abs=1e-6)


def test_arabic_reads_right_to_left(fonts: FontRegistry) -> None:
    text = "سلام"
    out = lay(fonts, text, font_family="Amiri", size=40)
    assert out.missing == []
    first = [g for g in out.glyphs if g.cluster == 0]
    last = [g for g in out.glyphs if g.cluster == len(text) - 1]
    assert first and last
    assert min(g.baseline_center[0] for g in first) > max(g.baseline_center[0] for g in out.glyphs if g.cluster > 0)
    assert max(g.baseline_center[0] for g in last) < min(g.baseline_center[0] for g in first)


def test_mixed_directions_keep_latin_left_to_right(fonts: FontRegistry) -> None:
    text = "abc سلام"
    out = lay(fonts, text, font_family="Amiri", size=30)
    x = {g.cluster: g.baseline_center[0] for g in out.glyphs}
    assert x[0] < x[1] < x[2]  # Latin first, left to right
    assert x[4] > x[7] > x[2]  # then the Arabic word, right to left


def test_cff_outlines_match_the_cap_height(fonts: FontRegistry) -> None:
    face = fonts.face("EB Garamond")
    out = lay(fonts, "H", font_family="EB Garamond", size=72)
    assert len(out.path.segments) > 10
    assert any(seg[0] == "C" for seg in out.path.segments)  # cubic outlines, drawn as cubics
    cap = face.cap_height / face.units_per_em * pt_to_mm(72)
    assert out.ink_bounds.height == pytest.approx(cap, rel=0.03)
    # y grows downward: capitals sit above the baseline, so the ink is above the line box's centre.
    assert out.ink_bounds.top < 0


def test_truetype_quadratics_are_kept(fonts: FontRegistry) -> None:
    out = lay(fonts, "o", font_family="Lato")
    assert any(seg[0] == "Q" for seg in out.path.segments)


def test_lines_and_line_height(fonts: FontRegistry) -> None:
    out = lay(fonts, "One\nTwo\nThree", size=10, line_height=1.5)
    assert out.lines == 3
    assert out.bounds.height == pytest.approx(3 * 1.5 * pt_to_mm(10))
    ys = sorted({round(g.baseline_center[1], 6) for g in out.glyphs})
    assert len(ys) == 3
    assert ys[1] - ys[0] == pytest.approx(1.5 * pt_to_mm(10))


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_box_alignment(fonts: FontRegistry, align: str) -> None:
    out = lay(fonts, "Hi", size=12, box_width=80, box_height=40, align=align)
    assert (out.bounds.width, out.bounds.height) == pytest.approx((80, 40))
    assert out.bounds.center == pytest.approx((0, 0))
    first = out.glyphs[0].transform.e
    if align == "left":
        assert first == pytest.approx(-40, abs=1.0)
    elif align == "right":
        assert out.ink_bounds.right == pytest.approx(40, abs=1.0)
    else:
        assert out.ink_bounds.center[0] == pytest.approx(0, abs=1.0)


def test_words_wrap_inside_the_box(fonts: FontRegistry) -> None:
    out = lay(fonts, "The quick brown fox jumps over the lazy dog", size=14, box_width=40)
    assert out.lines > 2
    assert out.ink_bounds.width <= 40
    assert out.size == 14
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in out.text.split("\n"))


def test_a_word_wider_than_the_box_is_never_cut(fonts: FontRegistry) -> None:
    # No language: no hyphenation, so the text is made smaller until the word fits the box.
    out = lay(fonts, "Supercalifragilistic", size=30, box_width=30)
    assert out.lines == 1 and out.text == "Supercalifragilistic"
    assert out.overflow and out.size < 30
    assert out.ink_bounds.width <= 30.0
    assert out.ink_bounds.width > 29.0  # made just small enough


def test_long_name_shrinks_to_fit(fonts: FontRegistry) -> None:
    name = "Alexandrina Montague"
    assert len(name) == 20
    out = lay(fonts, name, font_family="Lobster", size=40, box_width=50, fit="shrink")
    assert out.size < 40
    assert out.ink_bounds.width <= 50.0
    assert out.ink_bounds.width > 45.0  # shrunk just enough
    assert out.lines == 1


def test_short_name_keeps_its_size(fonts: FontRegistry) -> None:
    out = lay(fonts, "Ann", font_family="Lobster", size=40, box_width=50, fit="shrink")
    assert out.size == 40


def test_shrink_to_box_height(fonts: FontRegistry) -> None:
    out = lay(fonts, "A\nB\nC", size=40, box_width=50, box_height=20, fit="shrink")
    assert out.size < 40
    assert out.bounds.contains_rect(out.ink_bounds)


def test_variables_are_substituted(fonts: FontRegistry) -> None:
    layer = TextLayer(text="Jam by {name}")
    out = layout_text(layer, fonts, {"name": "Zoé"})
    assert out.text == "Jam by Zoé"
    assert len(out.glyphs) == len("Jam by Zoé")


def test_missing_glyphs_are_reported_and_not_drawn(fonts: FontRegistry) -> None:
    # No bundled font has CJK ideographs (see docs/decisions/font-fallback.md).
    plain = lay(fonts, "Ann", font_family="Lobster")
    out = lay(fonts, "Ann名字名", font_family="Lobster")
    assert out.missing == ["名", "字"]
    assert out.path.segments == plain.path.segments
    assert out.bounds.width == pytest.approx(plain.bounds.width)
    inner = lay(fonts, "A名n", font_family="Lobster")
    assert inner.missing == ["名"]
    assert [g.cluster for g in inner.glyphs] == [0, 2]


def test_empty_text(fonts: FontRegistry) -> None:
    out = lay(fonts, "")
    assert out.path.is_empty() and out.lines == 1 and out.missing == []


def arc_points(out: TextLayout) -> list[tuple[float, float]]:
    return [p for poly in out.path.flatten(0.02) for p in poly]


@pytest.mark.parametrize("side", ["outside", "inside"])
def test_arc_glyphs_sit_on_the_circle(fonts: FontRegistry, side: str) -> None:
    out = lay(fonts, "HAPPY DAYS", size=24, arc=Arc(radius=40, side=side))
    assert len(out.glyphs) == 10  # the space is placed too, with nothing to draw
    for glyph in out.glyphs:
        assert math.hypot(*glyph.baseline_center) == pytest.approx(40, abs=0.05)
        # The glyph's own baseline, at its advance centre, is the point on the circle.
        origin_x = glyph.transform.apply(0, 0)
        assert math.hypot(*origin_x) == pytest.approx(math.hypot(40, glyph.advance / 2), abs=0.5)
    distances = [math.hypot(x, y) for x, y in arc_points(out)]
    cap = pt_to_mm(24) * 0.7
    # Round letters overshoot the baseline by about 1 % of the em (0.1 mm here).
    if side == "outside":
        assert min(distances) >= 40 - 0.15
        assert max(distances) > 40 + cap * 0.9
        assert out.ink_bounds.bottom < 0  # around 12 o'clock
    else:
        assert max(distances) <= 40 + 0.15
        assert min(distances) < 40 - cap * 0.9
        assert out.ink_bounds.top > 0  # around 6 o'clock


@pytest.mark.parametrize("side", ["outside", "inside"])
def test_arc_reads_left_to_right_and_is_centred(fonts: FontRegistry, side: str) -> None:
    out = lay(fonts, "ABCDE", size=24, arc=Arc(radius=30, side=side))
    xs = [g.baseline_center[0] for g in sorted(out.glyphs, key=lambda g: g.cluster)]
    assert xs == sorted(xs)
    middle = out.glyphs[2].baseline_center  # "C"
    assert middle[0] == pytest.approx(0, abs=0.6)
    assert middle[1] == pytest.approx(-30 if side == "outside" else 30, abs=0.05)


def test_arc_is_single_line(fonts: FontRegistry) -> None:
    out = lay(fonts, "A\nB", arc=Arc(radius=20))
    assert out.lines == 1 and out.text == "A B"


def test_arc_ink_bounds_are_tight(fonts: FontRegistry) -> None:
    out = lay(fonts, "Curved", font_family="Lato", size=30, arc=Arc(radius=25))
    exact = out.path.bounds()
    assert out.ink_bounds.x == pytest.approx(exact.x, abs=0.1)
    assert out.ink_bounds.bottom == pytest.approx(exact.bottom, abs=0.1)


def test_many_short_names_are_quick(fonts: FontRegistry) -> None:
    import time

    layers = [TextLayer(text=f"Name {i:04d}", font_family="Lato", box_width=50, fit="shrink") for i in range(300)]
    start = time.perf_counter()
    for layer in layers:
        layout_text(layer, fonts)
    # About 0.2 ms each here; the bound is loose so that only a real regression trips it.
    assert time.perf_counter() - start < 3.0
