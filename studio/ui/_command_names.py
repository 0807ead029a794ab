"""Names that reach the screen through a variable, declared here so that ``lupdate`` sees them.

Commands are named in English in the model (``Command.label``); the Edit menu ("Undo Move") and
the History panel translate that label at run time in the ``Commands`` context. ``lupdate``
cannot read a label built with an f-string or passed around in a variable, so every label is
listed once below. Add a line here when a new command label appears (a test checks that every
label literal of ``studio/commands`` and ``studio/ui`` is declared).

:data:`UNSEEN_ELSEWHERE` lists, for the same reason, strings that the code translates at run time
in a context ``lupdate`` cannot work out (a helper ``tr()`` function, ``tr()`` on a variable,
``other.tr()``); each entry says where it comes from. Remove an entry once its code passes a
literal to ``QCoreApplication.translate(context, "...")`` (or ``self.tr("...")`` in that class).
It is a stopgap and is empty today: write such calls literally instead.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP

COMMAND_NAMES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        # studio/commands/stack.py
        QT_TRANSLATE_NOOP("Commands", "Edit"),
        # studio/commands/edits.py — AddLayer: f"Add {layer.kind_label()}"
        QT_TRANSLATE_NOOP("Commands", "Add Text"),
        QT_TRANSLATE_NOOP("Commands", "Add Image"),
        QT_TRANSLATE_NOOP("Commands", "Add Vector"),
        QT_TRANSLATE_NOOP("Commands", "Add Shape"),
        QT_TRANSLATE_NOOP("Commands", "Add Group"),
        QT_TRANSLATE_NOOP("Commands", "Delete"),
        QT_TRANSLATE_NOOP("Commands", "Delete Layer"),
        QT_TRANSLATE_NOOP("Commands", "Change"),
        QT_TRANSLATE_NOOP("Commands", "Edit Text"),
        QT_TRANSLATE_NOOP("Commands", "Move"),
        QT_TRANSLATE_NOOP("Commands", "Transform"),
        QT_TRANSLATE_NOOP("Commands", "Change Order"),
        QT_TRANSLATE_NOOP("Commands", "Change Option"),
        QT_TRANSLATE_NOOP("Commands", "Recolour Part"),
        QT_TRANSLATE_NOOP("Commands", "Change Field"),
        QT_TRANSLATE_NOOP("Commands", "Change Background"),
        # studio/ui/canvas (controller, commands, gestures)
        QT_TRANSLATE_NOOP("Commands", "Cut"),
        QT_TRANSLATE_NOOP("Commands", "Paste"),
        QT_TRANSLATE_NOOP("Commands", "Duplicate"),
        QT_TRANSLATE_NOOP("Commands", "Group"),
        QT_TRANSLATE_NOOP("Commands", "Ungroup"),
        QT_TRANSLATE_NOOP("Commands", "Bring Forward"),
        QT_TRANSLATE_NOOP("Commands", "Send Backward"),
        QT_TRANSLATE_NOOP("Commands", "Bring to Front"),
        QT_TRANSLATE_NOOP("Commands", "Send to Back"),
        QT_TRANSLATE_NOOP("Commands", "Lock"),
        QT_TRANSLATE_NOOP("Commands", "Unlock"),
        QT_TRANSLATE_NOOP("Commands", "Hide"),
        QT_TRANSLATE_NOOP("Commands", "Align Left"),
        QT_TRANSLATE_NOOP("Commands", "Align Centres"),
        QT_TRANSLATE_NOOP("Commands", "Align Right"),
        QT_TRANSLATE_NOOP("Commands", "Align Top"),
        QT_TRANSLATE_NOOP("Commands", "Align Middles"),
        QT_TRANSLATE_NOOP("Commands", "Align Bottom"),
        QT_TRANSLATE_NOOP("Commands", "Distribute Horizontally"),
        QT_TRANSLATE_NOOP("Commands", "Distribute Vertically"),
        QT_TRANSLATE_NOOP("Commands", "Resize"),
        QT_TRANSLATE_NOOP("Commands", "Rotate"),
        # studio/ui/panels/layer_model.py
        QT_TRANSLATE_NOOP("Commands", "Rename Layer"),
        QT_TRANSLATE_NOOP("Commands", "Hide Layer"),
        QT_TRANSLATE_NOOP("Commands", "Show Layer"),
        QT_TRANSLATE_NOOP("Commands", "Lock Layer"),
        QT_TRANSLATE_NOOP("Commands", "Unlock Layer"),
        # studio/ui/panels/*_props.py
        QT_TRANSLATE_NOOP("Commands", "Change Opacity"),
        QT_TRANSLATE_NOOP("Commands", "Change Font"),
        QT_TRANSLATE_NOOP("Commands", "Change Colour"),
        QT_TRANSLATE_NOOP("Commands", "Change Size"),
        QT_TRANSLATE_NOOP("Commands", "Change Spacing"),
        QT_TRANSLATE_NOOP("Commands", "Change Line Height"),
        QT_TRANSLATE_NOOP("Commands", "Change Outline"),
        QT_TRANSLATE_NOOP("Commands", "Add Outline"),
        QT_TRANSLATE_NOOP("Commands", "Remove Outline"),
        QT_TRANSLATE_NOOP("Commands", "Align Text"),
        QT_TRANSLATE_NOOP("Commands", "Change Text Box"),
        QT_TRANSLATE_NOOP("Commands", "Change Arc"),
        QT_TRANSLATE_NOOP("Commands", "Change Hyphenation"),
        QT_TRANSLATE_NOOP("Commands", "Set Text on Arc"),
        QT_TRANSLATE_NOOP("Commands", "Straighten Text"),
        QT_TRANSLATE_NOOP("Commands", "Change Shape"),
        QT_TRANSLATE_NOOP("Commands", "Change Fill"),
        QT_TRANSLATE_NOOP("Commands", "Round Corners"),
        QT_TRANSLATE_NOOP("Commands", "Change Corners"),
        QT_TRANSLATE_NOOP("Commands", "Change Star"),
        QT_TRANSLATE_NOOP("Commands", "Change Fit"),
        QT_TRANSLATE_NOOP("Commands", "Flip"),
        QT_TRANSLATE_NOOP("Commands", "Crop"),
        QT_TRANSLATE_NOOP("Commands", "Replace Picture"),
    ),
)
"""Every command label, in English (the source) — see the module docstring."""


UNSEEN_ELSEWHERE: tuple[str, ...] = ()
"""Strings translated in a context lupdate cannot see — see the module docstring.

Empty: every such call now passes a literal in the context used at run time. Prefer fixing the
call over adding an entry here."""
