"""Strict JSON reading: UTF-8, no NaN or Infinity, no repeated keys, an object at the top."""

from __future__ import annotations

import json
from typing import Any

from studio.model.errors import InvalidFile

_KIND: dict[type, str] = {list: "a list", str: "text", int: "a number", float: "a number", bool: "true or false"}
_KIND[type(None)] = "null"


class _Refused(ValueError):
    pass


class _NonFinite:
    """Stands for NaN or Infinity while parsing, so that the message can say where it was."""

    def __init__(self, name: str) -> None:
        self.name = name


def _find_non_finite(value: Any, path: tuple[str, ...] = ()) -> tuple[tuple[str, ...], str] | None:
    stack: list[tuple[Any, tuple[str, ...]]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, _NonFinite):
            return where, item.name
        if isinstance(item, dict):
            stack.extend((v, (*where, str(k))) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((v, (*where, str(i))) for i, v in reversed(list(enumerate(item))))
    return None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"has the key {key!r} twice in one object")
        out[key] = value
    return out


def parse_object(data: bytes, source: str) -> dict[str, Any]:
    """Parse a JSON document whose top level is an object.

    Parameters
    ----------
    data
        UTF-8 text (a byte-order mark is allowed).
    source
        How messages name the document, e.g. ``"labels.studio: design.json"``.

    Raises
    ------
    InvalidFile
        One sentence naming ``source`` and, for syntax errors, the line and column.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InvalidFile(f"{source}: is not UTF-8 text (byte {err.start + 1} is invalid).") from None
    try:
        value = json.loads(text, parse_constant=_NonFinite, object_pairs_hook=_unique_keys)
    except _Refused as err:
        raise InvalidFile(f"{source}: {err}.") from None
    except json.JSONDecodeError as err:
        raise InvalidFile(
            f"{source}, line {err.lineno}, column {err.colno}: {err.msg[:1].lower()}{err.msg[1:]}."
        ) from None
    except RecursionError:
        raise InvalidFile(f"{source}: nests lists or objects too deeply.") from None
    except ValueError:  # an integer with more digits than Python converts
        raise InvalidFile(f"{source}: holds a number with more digits than Studio reads.") from None
    found = _find_non_finite(value)
    if found is not None:
        where = f" at {'.'.join(found[0])}" if found[0] else ""
        raise InvalidFile(f"{source}: invalid value{where}: {found[1]} is not a number JSON allows.")
    if not isinstance(value, dict):
        raise InvalidFile(f"{source}: should hold a JSON object at the top, not {_KIND.get(type(value), 'a value')}.")
    return value
