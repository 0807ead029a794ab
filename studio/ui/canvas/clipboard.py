"""Copying layers between print areas and projects, and pasting pictures from other programs.

Layers go on the clipboard under :data:`MIME_TYPE` as JSON: each layer's ``model_dump`` plus the
bytes of the assets they use (base64), so that a paste into another project carries its images
and drawings with it. Pasted layers get new ids; assets are added to the target project's store
by content (an image already there is not stored twice).
"""

from __future__ import annotations

import base64
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QImage

from studio.model.design import AnyLayer, GroupLayer, ImageLayer, Layer, TextLayer, VectorLayer, new_id
from studio.model.errors import InvalidFile
from studio.ui.session import EditorSession

__all__ = ["MIME_TYPE", "layers_from_mime", "layers_to_mime", "pasted_image_path"]

MIME_TYPE = "application/x-studio-layers"
FORMAT = 1
_LAYER = TypeAdapter(Layer)


def _walk(layer: AnyLayer) -> Iterator[AnyLayer]:
    yield layer
    if isinstance(layer, GroupLayer):
        for child in layer.children:
            yield from _walk(child)


def layers_to_mime(session: EditorSession, layer_ids: list[str]) -> QMimeData | None:
    """The clipboard contents for the given top-level layers (kept in their stacking order).

    Returns None if none of them is on the current area.
    """
    order = {layer.id: i for i, layer in enumerate(session.layers())}
    layers = sorted((session.layer(i) for i in layer_ids if i in order), key=lambda layer: order[layer.id])
    if not layers:
        return None
    assets: dict[str, str] = {}
    for layer in layers:
        for part in _walk(layer):
            if isinstance(part, ImageLayer | VectorLayer) and part.asset not in assets:
                _name, data = session.project.assets.stored(part.asset)
                assets[part.asset] = base64.b64encode(data).decode("ascii")
    payload = {
        "format": FORMAT,
        "area": session.area_id,
        "layers": [layer.model_dump(mode="json") for layer in layers],
        "assets": assets,
    }
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(payload).encode("utf-8"))
    words = [part.text for layer in layers for part in _walk(layer) if isinstance(part, TextLayer)]
    if words:
        mime.setText("\n".join(words))
    return mime


def _renamed(data: Any, refs: dict[str, str]) -> Any:
    """A layer dump with new ids (children too) and asset references of the target project."""
    out = dict(data)
    out["id"] = new_id()
    if "asset" in out:
        out["asset"] = refs.get(out["asset"], out["asset"])
    if out.get("kind") == "group":
        out["children"] = [_renamed(child, refs) for child in out.get("children", [])]
    return out


def layers_from_mime(mime: QMimeData, session: EditorSession) -> list[AnyLayer]:
    """Layers from clipboard contents made by :func:`layers_to_mime`, ready for ``session``.

    Raises
    ------
    InvalidFile
        When the contents are damaged or an asset in them cannot be used.
    """
    raw = bytes(mime.data(MIME_TYPE).data())
    try:
        payload = json.loads(raw.decode("utf-8"))
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise ValueError("unknown format")
        refs: dict[str, str] = {}
        for ref, encoded in payload.get("assets", {}).items():
            refs[ref] = session.project.assets.add_bytes(base64.b64decode(encoded), Path(ref).name)
        return [_LAYER.validate_python(_renamed(d, refs)) for d in payload.get("layers", [])]
    except InvalidFile:
        raise
    except (ValueError, TypeError, KeyError) as error:
        raise InvalidFile(f"The clipboard holds layers that Studio cannot read ({error}).") from error


def source_area(mime: QMimeData) -> str | None:
    """The area the layers were copied from."""
    try:
        return str(json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8")).get("area"))
    except (ValueError, AttributeError):
        return None


def pasted_image_path(image: QImage) -> Path:
    """Save a pasted picture as a PNG in a private temporary folder, to import it like a file."""
    folder = Path(tempfile.mkdtemp(prefix="studio-paste-"))
    path = folder / "Pasted image.png"
    if not image.save(str(path)):  # the format follows the .png suffix
        raise InvalidFile("The picture on the clipboard could not be read.")
    return path
