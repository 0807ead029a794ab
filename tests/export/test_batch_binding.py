"""Placeholders of batch text: defaults, numbers and braces, filled without touching the design."""

from __future__ import annotations

import pytest

from studio.export.batch import fill, placeholders
from studio.export.batch.binding import Placeholder


@pytest.mark.parametrize(
    ("text", "values", "number", "expected"),
    [
        ("{name}", {"name": "Zoé"}, 1, "Zoé"),
        ("Hello {name|Friend}!", {"name": ""}, 1, "Hello Friend!"),
        ("Hello {name|Friend}!", {}, 1, "Hello Friend!"),
        ("Hello {name|Friend}!", {"name": "Łukasz"}, 1, "Hello Łukasz!"),
        ("#{#:04} of {total}", {"total": "300"}, 7, "#0007 of 300"),
        ("{#}", {}, 12, "12"),
        ("{{name}} is {name}", {"name": "Jo"}, 1, "{name} is Jo"),
        ("{unknown} stays", {}, 1, "{unknown} stays"),
        ("{#:zz} stays as typed", {}, 3, "{#:zz} stays as typed"),
        ("{first name} {Last-Name}", {"first name": "Anaïs", "Last-Name": "Faÿ"}, 1, "Anaïs Faÿ"),
    ],
)
def test_fill(text: str, values: dict[str, str], number: int, expected: str) -> None:
    assert fill(text, values, number) == expected


def test_placeholders() -> None:
    assert placeholders("{name|Friend} n°{#:03} ({order}) {{x}}") == [
        Placeholder("name", "Friend"),
        Placeholder("#", spec="03"),
        Placeholder("order"),
    ]


def test_options_parts_and_colours_are_checked_per_row(tmp_path) -> None:
    from studio.export.batch import bind
    from studio.io.data import DataRow
    from studio.io.templates import TemplateLibrary
    from studio.model.design import TextLayer

    template = TemplateLibrary.default().get("jar-500")
    layers = {"label": [TextLayer(id="title", text="{name}")]}
    headers = ("name", "glass", "lid", "color:title", "Qty")
    binding = bind(layers, template, headers, mapping={"quantity": "Qty"}, data_dir=tmp_path)
    assert binding.problems == []
    assert binding.columns["glass"] == "glass" and binding.columns["quantity"] == "Qty"
    good = binding.row(DataRow(2, {"name": "Zoé", "glass": "Amber", "lid": "Or", "color:title": "#c00", "Qty": "3"}), 1)
    assert good.ok, good.problems
    assert good.options == {"glass": "amber"}  # the choice's name, in any case, gives its id
    assert good.part_colors["lid"].hex == "#D6AB3E"  # a palette colour by its French name
    assert good.colors["title"].hex == "#CC0000" and good.copies == 3
    bad = binding.row(
        DataRow(7, {"name": "", "glass": "purple", "lid": "plaid", "color:title": "#12", "Qty": "2.5"}), 6
    )
    messages = [p.message for p in bad.problems]
    assert {p.row for p in bad.problems} == {7} and len(messages) == 5, messages
    assert any("no choice 'purple'" in m for m in messages)
    assert any("'plaid'" in m for m in messages) and any("'#12'" in m for m in messages)
    assert any("whole number of copies" in m for m in messages) and any("is empty" in m for m in messages)
