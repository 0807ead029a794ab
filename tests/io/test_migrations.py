"""The migration mechanism: steps run in order, newer files are refused."""

from __future__ import annotations

from typing import Any

import pytest

from studio.io import migrations
from studio.io.migrations import MIGRATIONS, migrate
from studio.model.design import SCHEMA_VERSION, Design
from studio.model.errors import InvalidFile


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    data["variables"] = data.pop("fields", {})
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    data["options"] = {"size": data.pop("size")} if "size" in data else {}
    return data


REGISTRY = {1: _v1_to_v2, 2: _v2_to_v3}


def test_steps_run_in_order_and_set_the_version() -> None:
    old = {"schema_version": 1, "template": "jar", "fields": {"name": "Ada"}, "size": "large"}
    new = migrate(old, "old.studio", target=3, registry=REGISTRY)
    assert new == {"schema_version": 3, "template": "jar", "variables": {"name": "Ada"}, "options": {"size": "large"}}
    assert old["fields"] == {"name": "Ada"}  # the input is left alone


def test_a_missing_version_means_the_first() -> None:
    new = migrate({"template": "jar", "size": "small"}, "x", target=3, registry=REGISTRY)
    assert new["schema_version"] == 3 and new["options"] == {"size": "small"}


def test_current_version_is_untouched() -> None:
    data = {"schema_version": 3, "template": "jar"}
    assert migrate(data, "x", target=3, registry=REGISTRY) is data


def test_newer_version_is_refused() -> None:
    with pytest.raises(InvalidFile, match=r"^new\.studio: was written by a newer Studio \(schema version 4; this one"):
        migrate({"schema_version": 4}, "new.studio", target=3, registry=REGISTRY)


def test_a_gap_in_the_registry_is_a_program_error() -> None:
    with pytest.raises(RuntimeError, match="no migration from design schema version 2"):
        migrate({"schema_version": 1}, "x", target=3, registry={1: _v1_to_v2})


def test_registered_migrations_reach_the_current_version() -> None:
    """Every version before the current one has a step, so any old file can be upgraded."""
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))
    current = Design(template="jar").model_dump(mode="json")
    assert Design.model_validate(migrate(current, "x")) == Design.model_validate(current)


def test_decorator_registers_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    migrations.migration(1)(_v1_to_v2)
    assert dict(migrations.MIGRATIONS) == {1: _v1_to_v2}
    with pytest.raises(ValueError, match="already registered"):
        migrations.migration(1)(_v2_to_v3)


def test_a_version_1_design_becomes_a_project_with_one_variant() -> None:
    from studio.model.variants import variant_set_from_document

    old = {
        "schema_version": 1,
        "template": "jar-500",
        "template_version": 2,
        "options": {"glass": "amber"},
        "variables": {"name": "Ada"},
        "areas": {"label": {"layers": []}},
    }
    new = migrate(old, "old.studio")
    assert new == {
        "schema_version": 2,
        "template": "jar-500",
        "template_version": 2,
        "current": "A",
        "variants": [
            {
                "name": "A",
                "options": {"glass": "amber"},
                "variables": {"name": "Ada"},
                "areas": {"label": {"layers": []}},
            }
        ],
        "proofs": [],
        "decisions": [],
    }
    variants = variant_set_from_document(new)
    assert variants.names() == ["A"] and variants.current == "A"
    design = variants.get("A").design
    assert design.template == "jar-500" and design.template_version == 2 and design.options == {"glass": "amber"}
    assert old["schema_version"] == 1 and "variants" not in old  # the input is not modified
