"""Every command of the editor, declared once as data.

Menus, toolbars, shortcuts and tooltips all come from :data:`ACTIONS`, so a shortcut is never
defined twice. Behaviour is attached separately: a part of the editor binds a handler (and
optionally an enablement test) to an action id with :meth:`ActionRegistry.bind`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP as _QT_TRANSLATE_NOOP
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], _QT_TRANSLATE_NOOP)
"""Qt's marker for ``lupdate`` (returns the text unchanged), typed for the specs below.

Every text and tip is written literally as ``QT_TRANSLATE_NOOP("Actions", "...")`` so that
``lupdate`` extracts it; it is translated at run time with :func:`translate`.
"""


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    """Menu text (English source; translated in the ``Actions`` context)."""
    menu: str
    shortcuts: tuple[QKeySequence.StandardKey | str, ...] = ()
    tip: str = ""
    checkable: bool = False
    toolbar: bool = False
    icon: str | None = None
    """Name of a freedesktop theme icon, when there is a fitting one."""


Key = QKeySequence.StandardKey

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "file.new",
        QT_TRANSLATE_NOOP("Actions", "&New…"),
        "file",
        (Key.New,),
        QT_TRANSLATE_NOOP("Actions", "Start a design on a product"),
        toolbar=True,
        icon="document-new",
    ),
    ActionSpec(
        "file.open",
        QT_TRANSLATE_NOOP("Actions", "&Open…"),
        "file",
        (Key.Open,),
        QT_TRANSLATE_NOOP("Actions", "Open a project"),
        toolbar=True,
        icon="document-open",
    ),
    ActionSpec(
        "file.save",
        QT_TRANSLATE_NOOP("Actions", "&Save"),
        "file",
        (Key.Save,),
        QT_TRANSLATE_NOOP("Actions", "Save the project"),
        toolbar=True,
        icon="document-save",
    ),
    ActionSpec(
        "file.save_as", QT_TRANSLATE_NOOP("Actions", "Save &As…"), "file", ("Ctrl+Shift+S",), icon="document-save-as"
    ),
    ActionSpec(
        "file.export",
        QT_TRANSLATE_NOOP("Actions", "&Export…"),
        "file",
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("Actions", "Export print files and mockups"),
        toolbar=True,
        icon="document-export",
    ),
    ActionSpec(
        "file.print",
        QT_TRANSLATE_NOOP("Actions", "&Print…"),
        "file",
        (Key.Print,),
        QT_TRANSLATE_NOOP("Actions", "Print the design at its true size"),
        icon="document-print",
    ),
    ActionSpec(
        "file.print_sheet",
        QT_TRANSLATE_NOOP("Actions", "Print S&heet…"),
        "file",
        ("Ctrl+Shift+P",),
        QT_TRANSLATE_NOOP("Actions", "Copies on a paper, a roll or a label sheet, as a PDF"),
    ),
    ActionSpec("file.close", QT_TRANSLATE_NOOP("Actions", "&Close Project"), "file", (Key.Close,)),
    ActionSpec(
        "file.preferences",
        QT_TRANSLATE_NOOP("Actions", "Pre&ferences…"),
        "file",
        ("Ctrl+,",),
        icon="preferences-system",
    ),
    ActionSpec("file.quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "file", (Key.Quit,), icon="application-exit"),
    # Edit
    ActionSpec("edit.undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), "edit", (Key.Undo,), toolbar=True, icon="edit-undo"),
    ActionSpec(
        "edit.redo",
        QT_TRANSLATE_NOOP("Actions", "&Redo"),
        "edit",
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        toolbar=True,
        icon="edit-redo",
    ),
    ActionSpec("edit.cut", QT_TRANSLATE_NOOP("Actions", "Cu&t"), "edit", (Key.Cut,), icon="edit-cut"),
    ActionSpec("edit.copy", QT_TRANSLATE_NOOP("Actions", "&Copy"), "edit", (Key.Copy,), icon="edit-copy"),
    ActionSpec("edit.paste", QT_TRANSLATE_NOOP("Actions", "&Paste"), "edit", (Key.Paste,), icon="edit-paste"),
    ActionSpec("edit.duplicate", QT_TRANSLATE_NOOP("Actions", "D&uplicate"), "edit", ("Ctrl+D",)),
    ActionSpec(
        "edit.delete", QT_TRANSLATE_NOOP("Actions", "&Delete"), "edit", ("Del", "Backspace"), icon="edit-delete"
    ),
    ActionSpec(
        "edit.select_all", QT_TRANSLATE_NOOP("Actions", "Select &All"), "edit", (Key.SelectAll,), icon="edit-select-all"
    ),
    ActionSpec("edit.deselect", QT_TRANSLATE_NOOP("Actions", "Select &None"), "edit", ("Ctrl+Shift+A",)),
    # Insert
    ActionSpec(
        "insert.text",
        QT_TRANSLATE_NOOP("Actions", "&Text"),
        "insert",
        ("T",),
        QT_TRANSLATE_NOOP("Actions", "Add a line of text"),
        toolbar=True,
    ),
    ActionSpec(
        "insert.image",
        QT_TRANSLATE_NOOP("Actions", "&Image…"),
        "insert",
        ("Ctrl+Shift+I",),
        QT_TRANSLATE_NOOP("Actions", "Add a photo or picture"),
        toolbar=True,
    ),
    ActionSpec(
        "insert.clipart",
        QT_TRANSLATE_NOOP("Actions", "&Clipart…"),
        "insert",
        ("Ctrl+Shift+K",),
        QT_TRANSLATE_NOOP("Actions", "Browse the clipart library"),
        toolbar=True,
    ),
    ActionSpec("insert.rectangle", QT_TRANSLATE_NOOP("Actions", "&Rectangle"), "insert", ("R",)),
    ActionSpec("insert.ellipse", QT_TRANSLATE_NOOP("Actions", "&Ellipse"), "insert", ("E",)),
    ActionSpec("insert.star", QT_TRANSLATE_NOOP("Actions", "&Star"), "insert", ()),
    ActionSpec("insert.line", QT_TRANSLATE_NOOP("Actions", "&Line"), "insert", ("L",)),
    ActionSpec("insert.qr_code", QT_TRANSLATE_NOOP("Actions", "&QR Code"), "insert", ()),
    ActionSpec("insert.barcode", QT_TRANSLATE_NOOP("Actions", "&Barcode"), "insert", ()),
    # Arrange
    ActionSpec("arrange.group", QT_TRANSLATE_NOOP("Actions", "&Group"), "arrange", ("Ctrl+G",)),
    ActionSpec("arrange.ungroup", QT_TRANSLATE_NOOP("Actions", "&Ungroup"), "arrange", ("Ctrl+Shift+G",)),
    ActionSpec("arrange.bring_forward", QT_TRANSLATE_NOOP("Actions", "Bring &Forward"), "arrange", ("Ctrl+]",)),
    ActionSpec("arrange.send_backward", QT_TRANSLATE_NOOP("Actions", "Send &Backward"), "arrange", ("Ctrl+[",)),
    ActionSpec("arrange.bring_to_front", QT_TRANSLATE_NOOP("Actions", "Bring to Fron&t"), "arrange", ("Ctrl+Shift+]",)),
    ActionSpec("arrange.send_to_back", QT_TRANSLATE_NOOP("Actions", "Send to Bac&k"), "arrange", ("Ctrl+Shift+[",)),
    ActionSpec("arrange.align_left", QT_TRANSLATE_NOOP("Actions", "Align &Left"), "arrange.align", ()),
    ActionSpec(
        "arrange.align_hcenter", QT_TRANSLATE_NOOP("Actions", "Align &Centres Horizontally"), "arrange.align", ()
    ),
    ActionSpec("arrange.align_right", QT_TRANSLATE_NOOP("Actions", "Align &Right"), "arrange.align", ()),
    ActionSpec("arrange.align_top", QT_TRANSLATE_NOOP("Actions", "Align &Top"), "arrange.align", ()),
    ActionSpec("arrange.align_vcenter", QT_TRANSLATE_NOOP("Actions", "Align Centres &Vertically"), "arrange.align", ()),
    ActionSpec("arrange.align_bottom", QT_TRANSLATE_NOOP("Actions", "Align &Bottom"), "arrange.align", ()),
    ActionSpec("arrange.distribute_h", QT_TRANSLATE_NOOP("Actions", "Distribute &Horizontally"), "arrange.align", ()),
    ActionSpec("arrange.distribute_v", QT_TRANSLATE_NOOP("Actions", "Distribute V&ertically"), "arrange.align", ()),
    ActionSpec("arrange.lock", QT_TRANSLATE_NOOP("Actions", "&Lock"), "arrange", ("Ctrl+L",), checkable=True),
    ActionSpec("arrange.hide", QT_TRANSLATE_NOOP("Actions", "&Hide"), "arrange", ("Ctrl+Shift+H",)),
    # View
    ActionSpec(
        "view.zoom_in", QT_TRANSLATE_NOOP("Actions", "Zoom &In"), "view", (Key.ZoomIn, "Ctrl+="), icon="zoom-in"
    ),
    ActionSpec("view.zoom_out", QT_TRANSLATE_NOOP("Actions", "Zoom &Out"), "view", (Key.ZoomOut,), icon="zoom-out"),
    ActionSpec(
        "view.zoom_fit", QT_TRANSLATE_NOOP("Actions", "Zoom to &Fit"), "view", ("Ctrl+0",), icon="zoom-fit-best"
    ),
    ActionSpec(
        "view.zoom_actual",
        QT_TRANSLATE_NOOP("Actions", "&Actual Size"),
        "view",
        ("Ctrl+1",),
        QT_TRANSLATE_NOOP("Actions", "Real size on this screen"),
        icon="zoom-original",
    ),
    ActionSpec(
        "view.guides",
        QT_TRANSLATE_NOOP("Actions", "&Guides"),
        "view",
        ("Ctrl+;",),
        QT_TRANSLATE_NOOP("Actions", "Trim, bleed and safe-area guides"),
        checkable=True,
    ),
    ActionSpec("view.rulers", QT_TRANSLATE_NOOP("Actions", "&Rulers"), "view", ("Ctrl+R",), checkable=True),
    ActionSpec(
        "view.snap",
        QT_TRANSLATE_NOOP("Actions", "&Snap"),
        "view",
        ("Ctrl+Shift+;",),
        QT_TRANSLATE_NOOP("Actions", "Snap to guides and other layers"),
        checkable=True,
    ),
    # Help
    ActionSpec(
        "help.guide", QT_TRANSLATE_NOOP("Actions", "User &Guide"), "help", (Key.HelpContents,), icon="help-contents"
    ),
    ActionSpec("help.about", QT_TRANSLATE_NOOP("Actions", "&About Studio"), "help", (), icon="help-about"),
)

MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("Actions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("Actions", "&Edit")),
    ("insert", QT_TRANSLATE_NOOP("Actions", "&Insert")),
    ("arrange", QT_TRANSLATE_NOOP("Actions", "&Arrange")),
    ("arrange.align", QT_TRANSLATE_NOOP("Actions", "Align and &Distribute")),
    ("view", QT_TRANSLATE_NOOP("Actions", "&View")),
    ("help", QT_TRANSLATE_NOOP("Actions", "&Help")),
)


def translate(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def plain(text: str) -> str:
    """Menu text without its mnemonic and ellipsis, for tooltips and labels."""
    return text.replace("&", "").removesuffix("…")


class ActionRegistry(QObject):
    """The QActions of one window, built from :data:`ACTIONS`."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        self._enabled: dict[str, Callable[[], bool]] = {}
        self._specs = {spec.id: spec for spec in ACTIONS}
        for spec in ACTIONS:
            action = QAction(translate(spec.text), parent)
            action.setObjectName(spec.id)
            if spec.shortcuts:
                action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
            tip = translate(spec.tip) if spec.tip else plain(translate(spec.text))
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            action.setStatusTip(tip)
            action.setCheckable(spec.checkable)
            if spec.icon:
                from PySide6.QtGui import QIcon

                action.setIcon(QIcon.fromTheme(spec.icon))
            action.setEnabled(False)  # nothing works until something binds it
            self._actions[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def spec(self, action_id: str) -> ActionSpec:
        return self._specs[action_id]

    def ids(self) -> list[str]:
        return list(self._actions)

    def bind(self, action_id: str, handler: Callable[[], object], enabled: Callable[[], bool] | None = None) -> None:
        """Run ``handler`` when the action triggers; ``enabled`` decides when it is available."""
        action = self._actions[action_id]
        action.triggered.connect(lambda _checked=False: handler())
        if enabled is not None:
            self._enabled[action_id] = enabled
        action.setEnabled(True if enabled is None else bool(enabled()))

    def update(self) -> None:
        """Re-evaluate every enablement test (after a selection or design change)."""
        for action_id, test in self._enabled.items():
            self._actions[action_id].setEnabled(bool(test()))

    def retranslate(self) -> None:
        for spec in ACTIONS:
            action = self._actions[spec.id]
            action.setText(translate(spec.text))
            tip = translate(spec.tip) if spec.tip else plain(translate(spec.text))
            action.setStatusTip(tip)
