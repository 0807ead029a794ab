"""The committed JSON Schemas match the model."""

from __future__ import annotations

import json
from pathlib import Path

from studio.io.schema import design_schema, main, render, template_schema

DOCS = Path(__file__).resolve().parents[2] / "docs" / "schema"


def test_committed_schemas_are_current() -> None:
    """If this fails, run ``python -m studio.io.schema`` and commit the result."""
    assert (DOCS / "design.schema.json").read_text(encoding="utf-8") == render(design_schema())
    assert (DOCS / "template.schema.json").read_text(encoding="utf-8") == render(template_schema())


def test_schema_command_writes_both(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 0
    design = json.loads((tmp_path / "design.schema.json").read_text(encoding="utf-8"))
    assert design["properties"]["schema_version"]["type"] == "integer"
    assert "template" in design["required"]
    assert json.loads((tmp_path / "template.schema.json").read_text(encoding="utf-8"))["title"].startswith("Studio")
