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
