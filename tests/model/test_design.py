from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from studio.model import Color, Design, ShapeLayer, TextLayer
from studio.model.design import substitute
from studio.model.errors import describe_validation_error
from studio.model.template import PrintArea, Template


def _design(**layers):
    return Design.model_validate({"template": "jar-500", "areas": {"label": {"layers": list(layers.values())}}})


def test_layers_round_trip_through_json_with_their_kind():
    d = _design(a={"kind": "text", "text": "Hi {name}"}, b={"kind": "group", "children": [{"kind": "shape"}]})
    data = json.loads(d.model_dump_json())
    again = Design.model_validate(data)
    assert [layer["kind"] for layer in data["areas"]["label"]["layers"]] == ["text", "group"]
    assert again.model_dump() == d.model_dump()


def test_color_forms():
    assert Color.model_validate("#abc").hex == "#AABBCC"
    c = Color.model_validate({"hex": "#ff0000", "cmyk": [0, 100, 100, 0], "spot": "Red"})
    assert c.model_dump() == {"hex": "#FF0000", "cmyk": (0.0, 100.0, 100.0, 0.0), "spot": "Red"}
    assert Color.model_validate("#123456").model_dump() == "#123456"
    with pytest.raises(ValidationError):
        Color.model_validate("red")


@pytest.mark.parametrize(
    ("layer", "fragment"),
    [
        ({"kind": "blob"}, "unknown kind 'blob'"),
        ({"kind": "text", "text": "x", "size": "big"}, "areas.label.layers.0.size: expected a number"),
        ({"kind": "text", "text": "x", "size": float("nan")}, "expected a finite number"),
        ({"kind": "shape", "width": 1e300}, "areas.label.layers.0.width"),
        ({"kind": "shape", "colour": "#fff"}, "this field is unknown"),
    ],
)
def test_validation_messages_name_the_field(layer, fragment):
    with pytest.raises(ValidationError) as err:
        _design(a=layer)
    message = describe_validation_error(err.value, "order.studio")
    assert message.startswith("order.studio: ")
    assert fragment in message


def test_newer_schema_is_refused_with_a_reason():
    with pytest.raises(ValidationError) as err:
        Design.model_validate({"template": "jar-500", "schema_version": 99})
    assert "newer than this program" in describe_validation_error(err.value, "x.studio")


def test_duplicate_layer_ids_are_refused():
    with pytest.raises(ValidationError):
        _design(a={"kind": "shape", "id": "same"}, b={"kind": "shape", "id": "same"})


def test_assignment_is_validated_and_emits_events():
    layer = TextLayer(text="Anna")
    seen = []
    layer.events.size.connect(seen.append)
    layer.size = 30
    assert seen == [30]
    with pytest.raises(ValidationError):
        layer.size = -1
    assert layer.size == 30


def test_fields_and_substitution():
    d = _design(a={"kind": "text", "text": "{name} & {city}"}, b={"kind": "text", "text": "{{literal}}"})
    assert d.fields() == {"name", "city"}
    assert substitute("{name} & {city} {{x}}", {"name": "Zoé"}) == "Zoé & {city} {x}"


def test_walk_finds_nested_layers():
    d = _design(a={"kind": "group", "id": "g", "children": [{"kind": "shape", "id": "s"}]})
    assert [layer.id for _area, layer in d.walk()] == ["g", "s"]
    assert isinstance(d.find_layer("s"), ShapeLayer)


def test_transform_rotates_about_centre():
    layer = ShapeLayer(transform={"x": 50, "y": 20, "rotation": 90})
    assert layer.transform.to_affine().apply(10, 0) == pytest.approx((50, 30))


def test_print_area_shapes():
    area = PrintArea(id="lid", name="Lid", width=70, height=70, bleed=3, safe_margin=4, shape={"kind": "ellipse"})
    b = area.outline().bounds()
    assert (b.width, b.height) == pytest.approx((70, 70), abs=0.01)
    assert area.bleed_rect().width == 76
    assert area.safe_outline().bounds().width == pytest.approx(62, abs=0.01)
    with pytest.raises(ValidationError):
        PrintArea(id="x", name="X", width=10, height=10, safe_margin=6)


def test_template_references_are_checked():
    base = {
        "product": {"id": "mug", "name": {"en": "Mug", "fr": "Tasse"}, "category": "drinkware"},
        "views": [{"id": "front", "name": "Front"}],
        "print_areas": [
            {
                "id": "wrap",
                "name": "Wrap",
                "width": 229,
                "height": 89,
                "placements": [{"view": "side", "rect": [0, 0, 1, 1]}],
            }
        ],
    }
    with pytest.raises(ValidationError, match="view 'side'"):
        Template.model_validate(base)


def test_cone_label_unrolls_to_the_circumferences():
    import math

    area = PrintArea.model_validate(
        {
            "id": "cup",
            "name": "Cup",
            "shape": {"kind": "cone", "top_diameter": 90, "bottom_diameter": 60, "cone_height": 80},
        }
    )
    cone = area.shape.cone()
    # The arcs are exactly as long as the circumferences they wrap.
    assert cone.outer_radius * cone.sweep == pytest.approx(math.pi * 90, rel=1e-9)
    assert cone.inner_radius * cone.sweep == pytest.approx(math.pi * 60, rel=1e-9)
    # The distance between the arcs is the slant height: sqrt(80^2 + 15^2).
    assert cone.outer_radius - cone.inner_radius == pytest.approx(math.hypot(80, 15))
    bounds = area.outline().bounds()
    assert (bounds.width, bounds.height) == pytest.approx((area.width, area.height), abs=1e-3)
    # The die line's length: both arcs plus the two slanted sides.
    expected = math.pi * 90 + math.pi * 60 + 2 * math.hypot(80, 15)
    assert area.outline().length(0.001) == pytest.approx(expected, rel=1e-4)
    # The top of the arch is the middle of the wide edge.
    assert area.outline().contains(area.width / 2, 0.5)
    assert area.safe_outline().bounds().width < bounds.width
