"""JSON Schemas of ``design.json`` and ``template.toml``, generated from the model.

Run ``python -m studio.io.schema [FOLDER]`` to write ``design.schema.json`` and
``template.schema.json`` (into ``docs/schema`` of the source tree by default). Editors use them
to complete and check files; a test keeps the committed copies in step with the model.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studio.model.design import SCHEMA_VERSION, Design
from studio.model.template import Template
from studio.model.variants import VARIANT_NAME
from studio.resources import data_dir

_BASE = "https://studio.invalid/schema/"


def design_schema() -> dict[str, Any]:
    """The JSON Schema of ``design.json`` at the current schema version."""
    schema = _project_schema(Design.model_json_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_BASE}design.schema.json",
        "title": "Studio design (design.json)",
        "description": f"A design for one product template, schema version {SCHEMA_VERSION}. Lengths are millimetres.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _project_schema(design: dict[str, Any]) -> dict[str, Any]:
    """The schema of the project document: shared keys, then a list of variants (each a design)."""
    from studio.model.variants import Decision, Proof

    props = design["properties"]
    shared = ("schema_version", "template", "template_version")
    variant = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "pattern": VARIANT_NAME, "description": "The variant's name."},
            **{k: v for k, v in props.items() if k not in shared},
        },
    }
    defs = dict(design.get("$defs", {}))
    for model in (Proof, Decision):
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["template", "variants", "current"],
        "properties": {
            **{k: props[k] for k in shared},
            "current": {"type": "string", "pattern": VARIANT_NAME, "description": "The variant being edited."},
            "variants": {"type": "array", "minItems": 1, "items": variant},
            "proofs": {"type": "array", "items": {"$ref": "#/$defs/Proof"}},
            "decisions": {"type": "array", "items": {"$ref": "#/$defs/Decision"}},
        },
        "$defs": defs,
    }


def template_schema() -> dict[str, Any]:
    """The JSON Schema of ``template.toml`` (as the TOML document's data)."""
    schema = Template.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_BASE}template.schema.json",
        "title": "Studio product template (template.toml)",
        "description": "A product, its views, print areas, colourable parts and options. Lengths are millimetres.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def render(schema: dict[str, Any]) -> str:
    """The text written for a schema (stable, so that a diff shows real changes only)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write both schemas into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in (("design.schema.json", design_schema()), ("template.schema.json", template_schema())):
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m studio.io.schema [FOLDER]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else data_dir() / "docs" / "schema"
    for path in write_schemas(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
