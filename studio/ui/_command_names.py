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


UNSEEN_ELSEWHERE: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        # studio/ui/actions.py: ``_t(text)`` passes a variable to QT_TRANSLATE_NOOP, so lupdate
        # extracts none of the ActionSpec texts and tips (only MENUS, which are literal).
        QT_TRANSLATE_NOOP("Actions", "&New…"),
        QT_TRANSLATE_NOOP("Actions", "Start a design on a product"),
        QT_TRANSLATE_NOOP("Actions", "&Open…"),
        QT_TRANSLATE_NOOP("Actions", "Open a project"),
        QT_TRANSLATE_NOOP("Actions", "&Save"),
        QT_TRANSLATE_NOOP("Actions", "Save the project"),
        QT_TRANSLATE_NOOP("Actions", "Save &As…"),
        QT_TRANSLATE_NOOP("Actions", "&Export…"),
        QT_TRANSLATE_NOOP("Actions", "Export print files and mockups"),
        QT_TRANSLATE_NOOP("Actions", "&Close Project"),
        QT_TRANSLATE_NOOP("Actions", "Pre&ferences…"),
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        QT_TRANSLATE_NOOP("Actions", "&Undo"),
        QT_TRANSLATE_NOOP("Actions", "&Redo"),
        QT_TRANSLATE_NOOP("Actions", "Cu&t"),
        QT_TRANSLATE_NOOP("Actions", "&Copy"),
        QT_TRANSLATE_NOOP("Actions", "&Paste"),
        QT_TRANSLATE_NOOP("Actions", "D&uplicate"),
        QT_TRANSLATE_NOOP("Actions", "&Delete"),
        QT_TRANSLATE_NOOP("Actions", "Select &All"),
        QT_TRANSLATE_NOOP("Actions", "Select &None"),
        QT_TRANSLATE_NOOP("Actions", "&Text"),
        QT_TRANSLATE_NOOP("Actions", "Add a line of text"),
        QT_TRANSLATE_NOOP("Actions", "&Image…"),
        QT_TRANSLATE_NOOP("Actions", "Add a photo or picture"),
        QT_TRANSLATE_NOOP("Actions", "&Clipart…"),
        QT_TRANSLATE_NOOP("Actions", "Browse the clipart library"),
        QT_TRANSLATE_NOOP("Actions", "&Rectangle"),
        QT_TRANSLATE_NOOP("Actions", "&Ellipse"),
        QT_TRANSLATE_NOOP("Actions", "&Star"),
        QT_TRANSLATE_NOOP("Actions", "&Line"),
        QT_TRANSLATE_NOOP("Actions", "&Group"),
        QT_TRANSLATE_NOOP("Actions", "&Ungroup"),
        QT_TRANSLATE_NOOP("Actions", "Bring &Forward"),
        QT_TRANSLATE_NOOP("Actions", "Send &Backward"),
        QT_TRANSLATE_NOOP("Actions", "Bring to Fron&t"),
        QT_TRANSLATE_NOOP("Actions", "Send to Bac&k"),
        QT_TRANSLATE_NOOP("Actions", "Align &Left"),
        QT_TRANSLATE_NOOP("Actions", "Align &Centres Horizontally"),
        QT_TRANSLATE_NOOP("Actions", "Align &Right"),
        QT_TRANSLATE_NOOP("Actions", "Align &Top"),
        QT_TRANSLATE_NOOP("Actions", "Align Centres &Vertically"),
        QT_TRANSLATE_NOOP("Actions", "Align &Bottom"),
        QT_TRANSLATE_NOOP("Actions", "Distribute &Horizontally"),
        QT_TRANSLATE_NOOP("Actions", "Distribute V&ertically"),
        QT_TRANSLATE_NOOP("Actions", "&Lock"),
        QT_TRANSLATE_NOOP("Actions", "&Hide"),
        QT_TRANSLATE_NOOP("Actions", "Zoom &In"),
        QT_TRANSLATE_NOOP("Actions", "Zoom &Out"),
        QT_TRANSLATE_NOOP("Actions", "Zoom to &Fit"),
        QT_TRANSLATE_NOOP("Actions", "&Actual Size"),
        QT_TRANSLATE_NOOP("Actions", "Real size on this screen"),
        QT_TRANSLATE_NOOP("Actions", "&Guides"),
        QT_TRANSLATE_NOOP("Actions", "Trim, bleed and safe-area guides"),
        QT_TRANSLATE_NOOP("Actions", "&Rulers"),
        QT_TRANSLATE_NOOP("Actions", "&Snap"),
        QT_TRANSLATE_NOOP("Actions", "Snap to guides and other layers"),
        QT_TRANSLATE_NOOP("Actions", "User &Guide"),
        QT_TRANSLATE_NOOP("Actions", "&About Studio"),
        # studio/ui/panels/__init__.py: ``tr()`` translates in "Panels" (lupdate files it under "").
        QT_TRANSLATE_NOOP("Panels", "Layers"),
        QT_TRANSLATE_NOOP("Panels", "Properties"),
        QT_TRANSLATE_NOOP("Panels", "Product"),
        QT_TRANSLATE_NOOP("Panels", "Preflight"),
        QT_TRANSLATE_NOOP("Panels", "History"),
        # studio/ui/canvas/controller.py: ``tr()`` translates in "Canvas" (lupdate files it under "");
        # "Your text" is DEFAULT_TEXT, passed to tr() as a variable.
        QT_TRANSLATE_NOOP("Canvas", "Your text"),
        QT_TRANSLATE_NOOP("Canvas", "Add a line of text (T); double-click a text to edit it"),
        QT_TRANSLATE_NOOP("Canvas", "Add a rectangle (R)"),
        QT_TRANSLATE_NOOP("Canvas", "Add an ellipse (E)"),
        QT_TRANSLATE_NOOP("Canvas", "Add a star"),
        QT_TRANSLATE_NOOP("Canvas", "Add a line (L)"),
        QT_TRANSLATE_NOOP("Canvas", "Zoom"),
        QT_TRANSLATE_NOOP("Canvas", "Rectangle"),
        QT_TRANSLATE_NOOP("Canvas", "Ellipse"),
        QT_TRANSLATE_NOOP("Canvas", "Star"),
        QT_TRANSLATE_NOOP("Canvas", "Line"),
        QT_TRANSLATE_NOOP("Canvas", "Images and drawings ({patterns})"),
        QT_TRANSLATE_NOOP("Canvas", "Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff)"),
        QT_TRANSLATE_NOOP("Canvas", "SVG drawings (*.svg *.svgz)"),
        QT_TRANSLATE_NOOP("Canvas", "Add an image"),
        # studio/ui/panels/image_props.py:139 and :141: ``self.tr('...')`` inside an f-string.
        QT_TRANSLATE_NOOP("ImageSection", "too low, will look pixelated"),
        QT_TRANSLATE_NOOP("ImageSection", "300 recommended"),
        # studio/ui/panels/product.py (PartRow): ``panel.tr()`` runs in ProductPanel's context
        # (lupdate files it under "panel").
        QT_TRANSLATE_NOOP("ProductPanel", "Colour of {part}"),
        QT_TRANSLATE_NOOP("ProductPanel", "Custom…"),
    ),
)
"""Strings translated in a context lupdate cannot see — see the module docstring."""
