"""Where items go on papers, rolls and label sheets."""

from __future__ import annotations

import itertools

import pytest

from studio.model.geometry import Rect
from studio.sheets import LayoutError, Paper, impose, layout, parse_sheet

PT = 25.4 / 72.0  # gLabels writes bare numbers in points
IN = 25.4


def trim(p):
    return Rect(p.x, p.y, p.width, p.height)


def assert_no_overlap(placements, gap=0.0):
    for a, b in itertools.combinations(placements, 2):
        if a.page != b.page:
            continue
        ra, rb = trim(a).inflated(a.bleed + gap / 2 - 1e-6), trim(b).inflated(b.bleed + gap / 2 - 1e-6)
        assert not ra.intersects(rb), (a, b)


def test_avery_l7160_places_21_labels_where_the_database_says():
    # avery-iso-templates.xml: <Label-rectangle width="181.4" height="108.0" round="5">
    #   <Layout nx="3" ny="7" x0="21.2" y0="43.9" dx="187.2" dy="108.0"/>, on A4; L7160 and J8160 are equivalents.
    sheet = parse_sheet("Avery L7160")
    assert sheet.name == "Avery 7160" and {"L7160", "J8160"} <= set(sheet.aliases)
    assert (sheet.width, sheet.height) == (210.0, 297.0)
    assert sheet.shape.kind == "rect"
    assert sheet.shape.width == pytest.approx(181.4 * PT, abs=1e-3)
    assert sheet.shape.height == pytest.approx(108.0 * PT, abs=1e-3)
    w, h = sheet.shape.width, sheet.shape.height
    placements = layout(w, h, sheet)
    assert len(placements) == 21
    expected = [((21.2 + ix * 187.2) * PT, (43.9 + iy * 108.0) * PT) for iy in range(7) for ix in range(3)]
    for p, (x, y) in zip(placements, expected, strict=True):
        assert (p.x, p.y) == (pytest.approx(x, abs=1e-3), pytest.approx(y, abs=1e-3))
        assert not p.rotated and p.page == 0
        # The cut line is the label's rounded rectangle at its place.
        bounds = p.cut.bounds()
        assert (bounds.x, bounds.y, bounds.width, bounds.height) == pytest.approx((x, y, w, h), abs=1e-3)


def test_a_slightly_smaller_design_is_centred_on_each_label():
    sheet = parse_sheet("avery-l7160")
    placements = layout(63.5, 38.1, sheet)
    first = placements[0]
    assert first.x == pytest.approx(21.2 * PT + (sheet.shape.width - 63.5) / 2, abs=1e-3)
    assert first.y == pytest.approx(43.9 * PT, abs=1e-3)


def test_avery_5160_and_its_equivalents_are_one_letter_sheet():
    # avery-us-templates.xml: width="2.625in" height="1in"; Layout nx=3 ny=10 x0=0.15625in y0=0.5in dx=2.78125in dy=1in
    sheet = parse_sheet("Avery 5160")
    assert parse_sheet("AVERY 8160") == sheet
    assert sheet.paper == "US-Letter"
    placements = layout(2.625 * IN, 1 * IN, sheet)
    assert len(placements) == 30
    last = placements[-1]
    assert (last.x, last.y) == (
        pytest.approx((0.15625 + 2 * 2.78125) * IN, abs=1e-3),
        pytest.approx((0.5 + 9) * IN, abs=1e-3),
    )


def test_round_labels_have_circular_cut_lines_at_their_positions():
    # avery-us-templates.xml, 5294: <Label-round radius="1.25in"> <Layout nx="3" ny="4" x0="0.3125in" y0="0.625in"
    # dx="2.6875in" dy="2.5in"/> ... read from the database itself and checked against the circle drawn.
    sheet = parse_sheet("Avery 5194")
    assert sheet.shape.kind == "round"
    d = sheet.shape.width
    placements = layout(d, d, sheet)
    assert len(placements) == len(sheet.positions) == 12
    for p, (x, y) in zip(placements, sheet.positions, strict=True):
        cut = p.cut
        b = cut.bounds()
        assert (b.x, b.y, b.width, b.height) == pytest.approx((x, y, d, d), abs=1e-3)
        # A circle: its centre is inside, a label corner is outside.
        assert cut.contains(x + d / 2, y + d / 2)
        assert not cut.contains(x + 0.5, y + 0.5)
    assert_no_overlap(placements)


def test_a_design_too_large_for_the_labels_is_refused_in_one_sentence():
    with pytest.raises(LayoutError, match=r"labels of Avery 7160 are 63\.99 × 38\.1 mm") as info:
        layout(100, 50, parse_sheet("Avery L7160"))
    assert str(info.value).count(". ") == 0


def test_a_turned_design_fits_a_label_when_only_turned_it_fits():
    sheet = parse_sheet("Avery L7160")
    placements = layout(38.1, 63.5, sheet)
    assert all(p.rotated for p in placements)
    assert (placements[0].width, placements[0].height) == (63.5, 38.1)


def test_a4_fills_with_turned_items_when_more_fit():
    a4 = parse_sheet("a4")
    # Inside 10 mm margins (190 × 277) with 5 mm gaps: upright 2 × 6 = 12, turned 4 × 4 = 16.
    placements = layout(63.5, 38.1, a4)
    assert len(placements) == 16 and all(p.rotated for p in placements)
    assert len(layout(63.5, 38.1, a4, allow_rotate=False)) == 12
    assert len(layout(63.5, 38.1, parse_sheet("a4,no-rotate"))) == 12
    inside = Rect(10, 10, 190, 277)
    for p in placements:
        assert inside.contains_rect(trim(p), tol=1e-6)
    assert_no_overlap(placements, gap=5.0)


def test_a_strip_of_turned_items_fills_what_an_upright_grid_leaves():
    square = Paper("test", 100.0, 100.0, margin=0.0, gap=0.0)
    # Upright 60 × 40: 1 column of 2; turned: 2 columns of 1; one upright column plus a turned one: 3.
    placements = layout(60, 40, square)
    assert len(placements) == 3
    assert sorted(p.rotated for p in placements) == [False, False, True]
    assert_no_overlap(placements)
    for p in placements:
        assert Rect(0, 0, 100, 100).contains_rect(trim(p), tol=1e-6)


def test_the_arrangement_is_centred_and_bleed_keeps_the_gap_between_bleed_boxes():
    a4 = parse_sheet("a4,margin=10,gap=4")
    im = impose(90, 50, a4, bleed=3)
    # Cells (bleed boxes) are 96 × 56 mm; whatever the arrangement, it sits in the middle of the paper.
    placements = im.placements
    assert_no_overlap(placements, gap=4.0)
    left = min(p.x - p.bleed for p in placements)
    right = max(p.x + p.width + p.bleed for p in placements)
    top = min(p.y - p.bleed for p in placements)
    bottom = max(p.y + p.height + p.bleed for p in placements)
    assert left == pytest.approx(210 - right)
    assert top == pytest.approx(297 - bottom)
    assert left >= 10 - 1e-9 and top >= 10 - 1e-9


def test_more_copies_than_a_sheet_holds_continue_on_more_sheets_and_the_summary_counts_the_waste():
    im = impose(63.5, 38.1, parse_sheet("a4"), count=40)
    assert im.per_sheet == 16 and im.pages == 3
    assert [sum(1 for p in im.placements if p.page == k) for k in range(3)] == [16, 16, 8]
    s = im.summary
    assert (s.items, s.sheets) == (40, 3)
    assert s.waste == pytest.approx(1 - 40 * 63.5 * 38.1 / (3 * 210 * 297))
    assert "40 items on 3 sheets of a4" in s.describe()


def test_a_roll_grows_to_fit_the_copies():
    roll = parse_sheet("22in-roll")
    assert roll.width == pytest.approx(558.8) and roll.height is None
    im = impose(100, 80, roll, count=50, bleed=2)
    # 5 mm margins and gaps: 548.8 mm across holds 5 upright cells of 104 × 84 mm (10 rows: 885 mm)
    # or 6 turned ones of 84 × 104 mm (9 rows: 976 mm); the shorter roll wins.
    assert im.per_sheet == 50 and im.pages == 1
    assert not any(p.rotated for p in im.placements)
    assert im.page_size == (pytest.approx(558.8), pytest.approx(2 * 5 + 10 * (84 + 5) - 5))
    assert im.summary.sheet_size == (pytest.approx(558.8), pytest.approx(895))
    for p in im.placements:
        assert p.x - p.bleed >= 5 - 1e-9 and p.x + p.width + p.bleed <= 558.8 - 5 + 1e-9
    assert_no_overlap(im.placements, gap=5.0)


def test_an_item_larger_than_the_paper_is_refused():
    with pytest.raises(LayoutError, match=r"does not fit on a4 \(the 190 × 277 mm inside its 10 mm margins\)"):
        layout(300, 300, parse_sheet("a4"))
    with pytest.raises(LayoutError, match="between 1 and"):
        layout(10, 10, parse_sheet("a4"), count=0)


def test_a_very_long_roll_is_cut_into_sheets_a_reader_can_open():
    im = impose(100, 100, parse_sheet("13in-roll"), count=200)
    # 330.2 mm across: 3 a row (105 mm cells); 5 m hold 47 rows of 105 mm (5 mm margins).
    assert im.per_sheet == 3 * 47
    assert im.pages == 2
    assert im.page_size[1] == pytest.approx(2 * 5 + 47 * 105 - 5)
    assert im.page_size[1] <= 5000
    assert sum(1 for p in im.placements if p.page == 1) == 200 - 141
    assert_no_overlap(im.placements, gap=5.0)
