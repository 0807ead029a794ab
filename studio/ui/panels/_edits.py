"""How the panels push property edits on one layer or several."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from studio.commands import Command, SetLayerProperties, SetLayersProperties
from studio.ui.session import EditorSession


def set_layer_properties(
    session: EditorSession,
    layer_ids: Sequence[str],
    changes: dict[str, Any],
    *,
    label: str,
    merge_key: str | None = None,
) -> bool:
    """Push the edit that sets ``changes`` on ``layer_ids``; False if the model refused a value.

    A refused value (outside a field's range, a crop that removes the whole image) leaves the
    design as it was; the caller refreshes its widgets from the model.
    """
    ids = list(layer_ids)
    if not ids:
        return False
    command: Command
    if len(ids) == 1:
        command = SetLayerProperties(ids[0], changes, label=label, merge_key=merge_key)
    else:
        command = SetLayersProperties(ids, changes, label=label, merge_key=merge_key)
    try:
        session.push(command)
    except (ValidationError, ValueError):
        return False
    return True
