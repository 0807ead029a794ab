"""Errors a user sees: one sentence that names the file and what is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only named in annotations: the command line imports this module before it knows whether
    # it will read a design at all.
    from pydantic import ValidationError

_EXPECTED = {
    "union_tag_invalid": "a known kind",
    "finite_number": "a finite number",
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "an object",
    "model_type": "an object",
    "missing": "a value",
    "extra_forbidden": "no such field",
}


class StudioError(Exception):
    """An error with a message meant for the user (shown without a traceback)."""


class InvalidFile(StudioError):
    """A file that cannot be read as what it claims to be."""


def describe_validation_error(error: ValidationError, source: str) -> str:
    """One sentence for the first problem of ``error``, naming ``source`` and the field."""
    first = error.errors()[0]
    more = len(error.errors()) - 1
    tail = f" ({more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{source}: {_describe(first)}{tail}."


def describe_validation_errors(error: ValidationError, source: str) -> list[str]:
    """One sentence for each problem of ``error``, naming ``source`` and the field."""
    return [f"{source}: {_describe(item)}." for item in error.errors()]


def _describe(first: Any) -> str:
    loc = _location(first["loc"])
    kind = first["type"]
    given = first.get("input")
    if kind == "value_error":
        what = str(first.get("ctx", {}).get("error", first["msg"]))
    elif kind == "extra_forbidden":
        what = "this field is unknown"
    elif kind == "missing":
        what = "this field is required"
    elif kind == "union_tag_invalid":
        ctx = first.get("ctx", {})
        what = f"unknown kind {ctx.get('tag')!r}; expected one of {ctx.get('expected_tags')}"
    elif kind in _EXPECTED:
        what = f"expected {_EXPECTED[kind]}, got {_short(given)}"
    else:
        what = f"{first['msg'][:1].lower()}{first['msg'][1:]}, got {_short(given)}"
    where = f" at {loc}" if loc else ""
    return f"invalid value{where}: {what}"


_LAYER_KINDS = {"text", "image", "vector", "shape", "group"}


def _location(loc: tuple[int | str, ...]) -> str:
    """Dotted field path, without the layer-kind steps pydantic adds after a list index."""
    parts: list[str] = []
    for i, part in enumerate(loc):
        if part in _LAYER_KINDS and i > 0 and isinstance(loc[i - 1], int):
            continue
        parts.append(str(part))
    return ".".join(parts)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
