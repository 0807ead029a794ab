"""Bringing ``design.json`` written by older versions of Studio up to the current schema.

Each time the schema changes, :data:`studio.model.design.SCHEMA_VERSION` goes up by one and a
function is registered here under the version it upgrades *from*. The function takes the raw
JSON object of that version and returns the object of the next one; :func:`migrate` runs them in
order before validation, so the model only ever sees the current schema. A migration must not
read files or the template: it works on the JSON alone, and tests keep an example of every old
version.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from studio.model.design import SCHEMA_VERSION
from studio.model.errors import InvalidFile

JsonObject = dict[str, Any]
Migration = Callable[[JsonObject], JsonObject]

MIGRATIONS: dict[int, Migration] = {}
"""``{from_version: function}``; each function returns the object of ``from_version + 1``."""


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register the decorated function as the upgrade from ``from_version``."""

    def register(func: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"a migration from schema version {from_version} is already registered")
        MIGRATIONS[from_version] = func
        return func

    return register


def schema_version(data: Mapping[str, Any], source: str) -> int:
    """The ``schema_version`` of a raw design (1 when absent: the first format had one anyway).

    Raises
    ------
    InvalidFile
        When it is not a whole number from 1.
    """
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidFile(f"{source}: schema_version should be a whole number from 1, not {version!r}.")
    return version


def migrate(
    data: JsonObject,
    source: str,
    *,
    target: int = SCHEMA_VERSION,
    registry: Mapping[int, Migration] | None = None,
) -> JsonObject:
    """Upgrade a raw design to schema version ``target``.

    Parameters
    ----------
    data
        The parsed ``design.json``; it is not modified.
    source
        How messages name the document.
    target
        The version to reach (the program's own by default).
    registry
        The migrations to use (:data:`MIGRATIONS` by default; tests pass their own).

    Returns
    -------
    dict
        The object at version ``target`` (``data`` itself when it is already there).

    Raises
    ------
    InvalidFile
        When the document is newer than ``target`` or its version is malformed.
    """
    steps = MIGRATIONS if registry is None else registry
    version = schema_version(data, source)
    if version > target:
        raise InvalidFile(
            f"{source}: was written by a newer Studio (schema version {version}; this one reads up to {target}); "
            "update Studio to open it."
        )
    if version == target:
        return data
    data = copy.deepcopy(data)
    while version < target:
        step = steps.get(version)
        if step is None:
            raise RuntimeError(f"no migration from design schema version {version}")
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data


@migration(1)
def _variants(data: JsonObject) -> JsonObject:
    """Version 2: a project holds variants; a version 1 design becomes the project's one variant, A."""
    shared: JsonObject = {key: data[key] for key in ("template", "template_version") if key in data}
    body = {k: v for k, v in data.items() if k not in ("schema_version", "template", "template_version")}
    return {**shared, "current": "A", "variants": [{"name": "A", **body}], "proofs": [], "decisions": []}
