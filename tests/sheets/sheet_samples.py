"""A round sticker template and designs on it, for tests that place items on sheets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROUND_TEMPLATE = """\
format = 1
version = 1

[product]
id = "round-sticker"
name = { en = "Round sticker", fr = "Autocollant rond" }
category = "stickers"

[[views]]
id = "front"
name = "Front"
art = "views/front.svg"

[[print_areas]]
id = "sticker"
name = "Sticker"
width = 63.5
height = 63.5
bleed = 1.0
shape = { kind = "ellipse" }

[[print_areas.placements]]
view = "front"
kind = "flat"
rect = [0, 0, 300, 300]
"""

FRONT_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 300"><circle cx="150" cy="150" r="140" fill="#eee"/></svg>'


def write_round_template(root: Path) -> Path:
    """A template folder under ``root`` (point ``STUDIO_TEMPLATE_PATH`` at ``root``)."""
    folder = root / "round-sticker"
    (folder / "views").mkdir(parents=True)
    (folder / "template.toml").write_text(ROUND_TEMPLATE, encoding="utf-8")
    (folder / "views" / "front.svg").write_text(FRONT_SVG, encoding="utf-8")
    return folder


def write_design(
    folder: Path, layers: list[dict[str, Any]], *, background: str | None = "#FFD54F", **extra: Any
) -> Path:
    area: dict[str, Any] = {"layers": layers}
    if background:
        area["background"] = background
    data = {"schema_version": 1, "template": "round-sticker", "areas": {"sticker": area}, **extra}
    path = folder / "design.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
