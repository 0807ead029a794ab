"""design.json and archives are measured before the slow work: values, depth, layers, declared sizes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from studio.io import limits
from studio.io.project import MIMETYPE, load_project
from studio.io.templates import TemplateLibrary
from studio.model.errors import InvalidFile


def _design(layers: list[Any], **extra: Any) -> dict[str, Any]:
    return {"schema_version": 1, "template": "mini-jar", "areas": {"label": {"layers": layers}}, **extra}


def _refused(path: Path, library: TemplateLibrary) -> str:
    with pytest.raises(InvalidFile) as caught:
        load_project(path, library)
    message = str(caught.value)
    assert path.name in message and "\n" not in message, message
    return message


def _json(folder: Path, data: Any) -> Path:
    path = folder / "design.json"
    path.write_text(json.dumps(data))
    return path


RECT = {"kind": "shape", "shape": "rectangle", "width": 2, "height": 2}


def test_layers_per_area(tmp_path: Path, library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_LAYERS_PER_AREA", 5)
    load_project(_json(tmp_path, _design([RECT] * 5)), library)
    message = _refused(_json(tmp_path, _design([RECT] * 3 + [{"kind": "group", "children": [RECT] * 3}])), library)
    assert "'label' has more than 5 layers" in message


def test_layers_in_all(tmp_path: Path, library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_LAYERS", 5)
    data = _design([RECT] * 3)
    data["areas"]["lid"] = {"layers": [RECT] * 3}
    assert "more than 5 layers" in _refused(_json(tmp_path, data), library)


def test_group_depth(tmp_path: Path, library: TemplateLibrary) -> None:
    layer: dict[str, Any] = RECT
    for _ in range(limits.MAX_GROUP_DEPTH + 1):
        layer = {"kind": "group", "children": [layer]}
    message = _refused(_json(tmp_path, _design([layer])), library)
    assert f"more than the {limits.MAX_GROUP_DEPTH}" in message


def test_json_values(tmp_path: Path, library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_JSON_VALUES", 1000)
    message = _refused(_json(tmp_path, _design([], variables={f"v{i}": "x" for i in range(1000)})), library)
    assert "more than 1,000 values" in message


def test_an_oversized_member_is_refused_from_its_declared_size(
    tmp_path: Path, library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of a member larger than its limit is inflated: the central directory says its size."""
    path = tmp_path / "big.studio"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        zf.writestr("design.json", json.dumps(_design([], variables={"note": "x" * 200_000})))
    monkeypatch.setattr(limits, "MAX_DESIGN_JSON_BYTES", 100_000)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    assert "the member 'design.json' is larger than the" in _refused(path, library)
    assert "design.json" not in opened
