"""The design's ``{fields}``: the values that text layers show in place of ``{name}``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit

from studio.commands import TypeVariable
from studio.model.design import AnyLayer, TextLayer
from studio.ui.panels._widgets import Section

if TYPE_CHECKING:
    from studio.ui.panels.properties import PropertiesPanel


class FieldsSection(Section):
    """One line per field used in the design's text; typing a value is one undo step per burst."""

    def __init__(self, panel: PropertiesPanel) -> None:
        super().__init__(self.tr("Fields"), panel)
        self.panel = panel
        self.edits: dict[str, QLineEdit] = {}
        self.hint = QLabel(
            self.tr("Text layers show these values in place of {field}. A batch run fills them from a spreadsheet.")
        )
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.form.addRow(self.hint)

    def applies_to(self, layers: list[AnyLayer]) -> bool:
        session = self.panel.session
        if session is None or not session.design.fields():
            return False
        return not layers or all(isinstance(layer, TextLayer) for layer in layers)

    def update_values(self) -> None:
        session = self.panel.session
        if session is None:
            return
        names = sorted(session.design.fields(), key=str.casefold)
        if names != list(self.edits):
            self._rebuild(names)
        for name, edit in self.edits.items():
            value = session.design.variables.get(name, "")
            if edit.text() != value and not edit.hasFocus():
                edit.setText(value)

    def _rebuild(self, names: list[str]) -> None:
        while self.form.rowCount() > 1:
            self.form.removeRow(1)
        self.edits = {}
        for name in names:
            edit = QLineEdit()
            edit.setMaxLength(10_000)
            edit.setClearButtonEnabled(True)
            edit.setPlaceholderText(self.tr("Value of {{{name}}}").format(name=name))
            edit.setToolTip(self.tr("Shown wherever the text says {{{name}}}").format(name=name))
            edit.setAccessibleName(self.tr("Field {name}").format(name=name))
            edit.textEdited.connect(lambda text, n=name: self._typed(n, text))
            edit.editingFinished.connect(self._finished)
            self.edits[name] = edit
            self.add_row(name, edit)

    def _typed(self, name: str, text: str) -> None:
        session = self.panel.session
        if session is not None:
            session.push(TypeVariable(name, text))

    def _finished(self) -> None:
        if self.panel.session is not None:
            self.panel.session.stack.seal()
