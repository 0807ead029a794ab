"""Preferences: units, language, template folders and autosave, stored in the user's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.ui.settings import Settings

LANGUAGES: tuple[tuple[str, str], ...] = (("system", ""), ("en", "English"), ("fr", "Français"))
"""Language codes and their names; a language is named in itself, so anyone can find theirs."""


class PreferencesDialog(QDialog):
    """Edits :class:`~studio.ui.settings.Settings`; OK stores and applies the changes.

    A new language is applied at once (Qt sends every widget a ``LanguageChange`` event).

    Parameters
    ----------
    settings
        The window's settings.
    parent
        The main window.

    Signals
    -------
    applied(object)
        After OK, the set of the settings that changed (``units``, ``language``,
        ``template_folders``, ``autosave_seconds``).
    """

    applied = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PreferencesDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.settings = settings

        self.units = QComboBox()
        self.units.addItem("", "mm")
        self.units.addItem("", "in")
        self.units.setCurrentIndex(max(0, self.units.findData(settings.units)))
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.folders = QListWidget()
        self.folders.setObjectName("templateFolders")
        self.folders.setMinimumHeight(96)
        self.folders.setMaximumHeight(150)
        for folder in settings.template_folders:
            self.folders.addItem(str(folder))
        self.add_folder_button = QPushButton()
        self.add_folder_button.clicked.connect(self._ask_folder)
        self.remove_folder_button = QPushButton()
        self.remove_folder_button.clicked.connect(self.remove_selected_folder)
        self.folders.currentRowChanged.connect(lambda row: self.remove_folder_button.setEnabled(row >= 0))
        self.remove_folder_button.setEnabled(False)
        self.autosave = QSpinBox()
        self.autosave.setRange(0, 3600)
        self.autosave.setSingleStep(10)
        self.autosave.setValue(settings.autosave_seconds)
        self.autosave_note = QLabel()
        self.autosave_note.setWordWrap(True)
        self.autosave_note.setEnabled(False)  # greyed: a hint, not a control

        folder_buttons = QVBoxLayout()
        folder_buttons.addWidget(self.add_folder_button)
        folder_buttons.addWidget(self.remove_folder_button)
        folder_buttons.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folders, 1)
        folder_row.addLayout(folder_buttons)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.units_label = QLabel()
        self.language_label = QLabel()
        self.folders_label = QLabel()
        self.autosave_label = QLabel()
        for label, field in (
            (self.units_label, self.units),
            (self.language_label, self.language),
            (self.autosave_label, self.autosave),
        ):
            label.setBuddy(field)
        self.folders_label.setBuddy(self.folders)
        self.form.addRow(self.units_label, self.units)
        self.form.addRow(self.language_label, self.language)
        self.form.addRow(self.autosave_label, self.autosave)
        self.form.addRow("", self.autosave_note)
        self.form.addRow(self.folders_label, folder_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.resize(580, 330)
        self.retranslate()

    # -- template folders ----------------------------------------------------------------------
    def folder_list(self) -> list[Path]:
        return [Path(self.folders.item(row).text()) for row in range(self.folders.count())]

    def add_template_folder(self, folder: Path) -> None:
        """Add ``folder`` to the list (once)."""
        if folder not in self.folder_list():
            self.folders.addItem(str(folder))
            self.folders.setCurrentRow(self.folders.count() - 1)

    def remove_selected_folder(self) -> None:
        row = self.folders.currentRow()
        if row >= 0:
            self.folders.takeItem(row)

    def _ask_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Add Template Folder"))
        if chosen:
            self.add_template_folder(Path(chosen))

    # -- storing -------------------------------------------------------------------------------
    def accept(self) -> None:
        """Store the changes, apply a new language, and close."""
        settings = self.settings
        changed: set[str] = set()
        units = str(self.units.currentData())
        if units != settings.units:
            settings.units = units
            changed.add("units")
        language = str(self.language.currentData())
        if language != settings.language:
            settings.language = language
            changed.add("language")
        folders = self.folder_list()
        if folders != settings.template_folders:
            settings.template_folders = folders
            changed.add("template_folders")
        if self.autosave.value() != settings.autosave_seconds:
            settings.autosave_seconds = self.autosave.value()
            changed.add("autosave_seconds")
        settings.sync()
        super().accept()
        if "language" in changed:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                from studio.ui.app import install_translators

                install_translators(app, language)
        self.applied.emit(changed)

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.units.setItemText(0, self.tr("Millimetres (mm)"))
        self.units.setItemText(1, self.tr("Inches (in)"))
        self.language.setItemText(0, self.tr("Same as the system"))
        self.units_label.setText(self.tr("&Units:"))
        self.language_label.setText(self.tr("&Language:"))
        self.autosave_label.setText(self.tr("&Keep a recovery copy every:"))
        self.autosave.setSuffix(self.tr(" s"))
        self.autosave.setSpecialValueText(self.tr("Never"))
        self.autosave_note.setText(
            self.tr("While a project has unsaved changes, Studio keeps a copy to offer back after a crash.")
        )
        self.folders_label.setText(self.tr("&Template folders:"))
        self.folders.setAccessibleName(self.tr("Template folders"))
        self.folders.setToolTip(self.tr("Folders of product templates, besides the ones that come with Studio"))
        self.add_folder_button.setText(self.tr("&Add…"))
        self.remove_folder_button.setText(self.tr("&Remove"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
