from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.model.geometry import Affine, Path, PathSyntaxError, Rect, mm_to_pt, mm_to_px

finite = st.floats(min_value=-1000, max_value=1000, allow_nan=False)


def test_units():
    assert mm_to_pt(25.4) == pytest.approx(72.0)
    assert mm_to_px(25.4, 300) == pytest.approx(300.0)


def test_affine_composition_order():
    m = Affine.translation(10, 0) @ Affine.rotation(90)
    # rotate (1, 0) by 90 degrees clockwise on screen -> (0, 1), then move right by 10
    assert m.apply(1, 0) == pytest.approx((10, 1))
    assert Affine.rotation(90).then(Affine.translation(10, 0)) == m


@given(finite, finite, st.floats(-360, 360), st.floats(0.1, 10), finite, finite)
def test_affine_inverse_round_trip(tx, ty, angle, scale, x, y):
    m = Affine.translation(tx, ty) @ Affine.rotation(angle) @ Affine.scaling(scale, scale * 2)
    px, py = m.inverse().apply(*m.apply(x, y))
    assert px == pytest.approx(x, abs=1e-6)
    assert py == pytest.approx(y, abs=1e-6)


def test_singular_transform_has_no_inverse():
    with pytest.raises(ValueError):
        Affine.scaling(0, 1).inverse()


def test_rect_operations():
    a, b = Rect(0, 0, 10, 10), Rect(5, 5, 10, 10)
    assert a.union(b) == Rect(0, 0, 15, 15)
    assert a.intersection(b) == Rect(5, 5, 5, 5)
    assert a.intersection(Rect(20, 20, 1, 1)) is None
    assert Rect(0, 0, 10, 20).transformed(Affine.rotation(90)) == Rect(-20, 0, 20, 10)


def test_circle_arc_accuracy():
    circle = Path.ellipse(0, 0, 50, 50)
    for poly in circle.flatten(0.001):
        for x, y in poly:
            assert math.hypot(x, y) == pytest.approx(50, abs=0.02)
    assert circle.length() == pytest.approx(2 * math.pi * 50, rel=1e-3)


def test_rounded_rectangle_bounds_and_area_hit():
    p = Path.rounded_rectangle(0, 0, 40, 20, 5)
    assert p.bounds() == Rect(0, 0, 40, 20) or p.bounds().width == pytest.approx(40, abs=0.01)
    assert p.contains(20, 10)
    assert not p.contains(0.3, 0.3)  # cut off by the rounded corner
    assert p.contains(5, 0.5)


def test_evenodd_hole():
    ring = Path.rectangle(0, 0, 10, 10).extend(Path.rectangle(3, 3, 4, 4))
    ring.fill_rule = "evenodd"
    assert ring.contains(1, 1)
    assert not ring.contains(5, 5)
    ring.fill_rule = "nonzero"
    assert ring.contains(5, 5)  # same direction: the hole is filled


def test_star_and_polygon_corners():
    star = Path.star(0, 0, 10, 10, 5, 0.5)
    pts = star.flatten()[0][:-1]
    assert len(pts) == 10
    radii = sorted(round(math.hypot(x, y), 6) for x, y in pts)
    assert radii[:5] == [5.0] * 5 and radii[5:] == [10.0] * 5
    tri = Path.regular_polygon(0, 0, 10, 10, 3)
    assert tri.flatten()[0][0] == pytest.approx((0, -10))


def test_svg_path_round_trip_and_relative_commands():
    p = Path.from_svg("M10 10 h 20 v 10 H10 z m 5 5 l 1 1")
    assert p.segments[:4] == [("M", 10, 10), ("L", 30, 10), ("L", 30, 20), ("L", 10, 20)]
    assert p.segments[5] == ("M", 15, 15)
    again = Path.from_svg(p.to_svg())
    assert again.segments == p.segments


def test_svg_arc_command_matches_circle():
    p = Path.from_svg("M 0 50 A 50 50 0 0 1 100 50 A 50 50 0 0 1 0 50 Z")
    b = p.bounds()
    assert (b.x, b.y, b.width, b.height) == pytest.approx((0, 0, 100, 100), abs=0.02)


def test_smooth_curves_reflect_control_point():
    p = Path.from_svg("M0 0 C 0 10 10 10 10 0 S 20 -10 20 0")
    assert p.segments[2][1:3] == (10, -10)


@pytest.mark.parametrize("bad", ["10 10 L 5 5", "M 10", "M 1 2 L 3 4 Z 5", "M 1 2 X 3"])
def test_bad_path_data(bad):
    with pytest.raises(PathSyntaxError):
        Path.from_svg(bad)


def test_transformed_path_bounds():
    p = Path.rectangle(0, 0, 10, 5).transformed(Affine.translation(5, 5) @ Affine.scaling(2))
    assert p.bounds() == Rect(5, 5, 20, 10)
