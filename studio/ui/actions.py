"""Every command of the editor, declared once as data.

Menus, toolbars, shortcuts and tooltips all come from :data:`ACTIONS`, so a shortcut is never
defined twice. Behaviour is attached separately: a part of the editor binds a handler (and
optionally an enablement test) to an action id with :meth:`ActionRegistry.bind`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


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


def _t(text: str) -> str:
    return QT_TRANSLATE_NOOP("Actions", text)  # type: ignore[no-any-return]


Key = QKeySequence.StandardKey

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "file.new",
        _t("&New…"),
        "file",
        (Key.New,),
        _t("Start a design on a product"),
        toolbar=True,
        icon="document-new",
    ),
    ActionSpec(
        "file.open", _t("&Open…"), "file", (Key.Open,), _t("Open a project"), toolbar=True, icon="document-open"
    ),
    ActionSpec(
        "file.save", _t("&Save"), "file", (Key.Save,), _t("Save the project"), toolbar=True, icon="document-save"
    ),
    ActionSpec("file.save_as", _t("Save &As…"), "file", ("Ctrl+Shift+S",), icon="document-save-as"),
    ActionSpec(
        "file.export",
        _t("&Export…"),
        "file",
        ("Ctrl+E",),
        _t("Export print files and mockups"),
        toolbar=True,
        icon="document-export",
    ),
    ActionSpec("file.close", _t("&Close Project"), "file", (Key.Close,)),
    ActionSpec("file.preferences", _t("Pre&ferences…"), "file", ("Ctrl+,",), icon="preferences-system"),
    ActionSpec("file.quit", _t("&Quit"), "file", (Key.Quit,), icon="application-exit"),
    # Edit
    ActionSpec("edit.undo", _t("&Undo"), "edit", (Key.Undo,), toolbar=True, icon="edit-undo"),
    ActionSpec("edit.redo", _t("&Redo"), "edit", ("Ctrl+Shift+Z", "Ctrl+Y"), toolbar=True, icon="edit-redo"),
    ActionSpec("edit.cut", _t("Cu&t"), "edit", (Key.Cut,), icon="edit-cut"),
    ActionSpec("edit.copy", _t("&Copy"), "edit", (Key.Copy,), icon="edit-copy"),
    ActionSpec("edit.paste", _t("&Paste"), "edit", (Key.Paste,), icon="edit-paste"),
    ActionSpec("edit.duplicate", _t("D&uplicate"), "edit", ("Ctrl+D",)),
    ActionSpec("edit.delete", _t("&Delete"), "edit", ("Del", "Backspace"), icon="edit-delete"),
    ActionSpec("edit.select_all", _t("Select &All"), "edit", (Key.SelectAll,), icon="edit-select-all"),
    ActionSpec("edit.deselect", _t("Select &None"), "edit", ("Ctrl+Shift+A",)),
    # Insert
    ActionSpec("insert.text", _t("&Text"), "insert", ("T",), _t("Add a line of text"), toolbar=True),
    ActionSpec("insert.image", _t("&Image…"), "insert", ("Ctrl+Shift+I",), _t("Add a photo or picture"), toolbar=True),
    ActionSpec(
        "insert.clipart", _t("&Clipart…"), "insert", ("Ctrl+Shift+K",), _t("Browse the clipart library"), toolbar=True
    ),
    ActionSpec("insert.rectangle", _t("&Rectangle"), "insert", ("R",)),
    ActionSpec("insert.ellipse", _t("&Ellipse"), "insert", ("E",)),
    ActionSpec("insert.star", _t("&Star"), "insert", ()),
    ActionSpec("insert.line", _t("&Line"), "insert", ("L",)),
    # Arrange
    ActionSpec("arrange.group", _t("&Group"), "arrange", ("Ctrl+G",)),
    ActionSpec("arrange.ungroup", _t("&Ungroup"), "arrange", ("Ctrl+Shift+G",)),
    ActionSpec("arrange.bring_forward", _t("Bring &Forward"), "arrange", ("Ctrl+]",)),
    ActionSpec("arrange.send_backward", _t("Send &Backward"), "arrange", ("Ctrl+[",)),
    ActionSpec("arrange.bring_to_front", _t("Bring to Fron&t"), "arrange", ("Ctrl+Shift+]",)),
    ActionSpec("arrange.send_to_back", _t("Send to Bac&k"), "arrange", ("Ctrl+Shift+[",)),
    ActionSpec("arrange.align_left", _t("Align &Left"), "arrange.align", ()),
    ActionSpec("arrange.align_hcenter", _t("Align &Centres Horizontally"), "arrange.align", ()),
    ActionSpec("arrange.align_right", _t("Align &Right"), "arrange.align", ()),
    ActionSpec("arrange.align_top", _t("Align &Top"), "arrange.align", ()),
    ActionSpec("arrange.align_vcenter", _t("Align Centres &Vertically"), "arrange.align", ()),
    ActionSpec("arrange.align_bottom", _t("Align &Bottom"), "arrange.align", ()),
    ActionSpec("arrange.distribute_h", _t("Distribute &Horizontally"), "arrange.align", ()),
    ActionSpec("arrange.distribute_v", _t("Distribute V&ertically"), "arrange.align", ()),
    ActionSpec("arrange.lock", _t("&Lock"), "arrange", ("Ctrl+L",), checkable=True),
    ActionSpec("arrange.hide", _t("&Hide"), "arrange", ("Ctrl+Shift+H",)),
    # View
    ActionSpec("view.zoom_in", _t("Zoom &In"), "view", (Key.ZoomIn, "Ctrl+="), icon="zoom-in"),
    ActionSpec("view.zoom_out", _t("Zoom &Out"), "view", (Key.ZoomOut,), icon="zoom-out"),
    ActionSpec("view.zoom_fit", _t("Zoom to &Fit"), "view", ("Ctrl+0",), icon="zoom-fit-best"),
    ActionSpec(
        "view.zoom_actual",
        _t("&Actual Size"),
        "view",
        ("Ctrl+1",),
        _t("Real size on this screen"),
        icon="zoom-original",
    ),
    ActionSpec(
        "view.guides", _t("&Guides"), "view", ("Ctrl+;",), _t("Trim, bleed and safe-area guides"), checkable=True
    ),
    ActionSpec("view.rulers", _t("&Rulers"), "view", ("Ctrl+R",), checkable=True),
    ActionSpec(
        "view.snap", _t("&Snap"), "view", ("Ctrl+Shift+;",), _t("Snap to guides and other layers"), checkable=True
    ),
    # Help
    ActionSpec("help.guide", _t("User &Guide"), "help", (Key.HelpContents,), icon="help-contents"),
    ActionSpec("help.about", _t("&About Studio"), "help", (), icon="help-about"),
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
