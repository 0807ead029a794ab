"""Offering back the work a crash interrupted: recover or discard recovery copies."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.resources import assets_dir
from studio.ui._autosave import Autosave, discard_autosave


class RecoveryDialog(QDialog):
    """Lists recovery copies left by a crash, with Recover and Discard.

    Parameters
    ----------
    autosaves
        The copies found (see :func:`studio.ui._autosave.list_autosaves`).
    parent
        The main window.

    Signals
    -------
    recover_requested(object)
        Recover was pressed on a copy (an :class:`~studio.ui._autosave.Autosave`); the dialog
        closes when the receiver has opened it (:meth:`recovered`) or right away otherwise.
    """

    recover_requested = Signal(object)

    def __init__(self, autosaves: list[Autosave], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.autosaves = list(autosaves)
        self.icon = QLabel()
        self.icon.setPixmap(QIcon(str(assets_dir() / "icons" / "studio.svg")).pixmap(48, 48))
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("recoveryList")
        self.list.setAlternatingRowColors(True)
        self.list.itemDoubleClicked.connect(lambda _item: self.recover_selected())
        self.recover_button = QPushButton()
        self.recover_button.setDefault(True)
        self.recover_button.clicked.connect(self.recover_selected)
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button = QPushButton()
        self.later_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.addWidget(self.heading)
        texts.addWidget(self.explanation)
        top.addLayout(texts, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.recover_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(560, 340)
        self.retranslate()
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        locale = QLocale()
        for autosave in self.autosaves:
            where = str(autosave.original) if autosave.original else self.tr("never saved")
            when = ""
            if autosave.saved is not None:
                moment = QDateTime.fromSecsSinceEpoch(int(autosave.saved.timestamp()))
                when = locale.toString(moment, QLocale.FormatType.ShortFormat)
            item = QListWidgetItem(f"{autosave.title}\n{where} · {when}" if when else f"{autosave.title}\n{where}")
            item.setToolTip(str(autosave.file))
            self.list.addItem(item)
        if self.autosaves:
            self.list.setCurrentRow(0)
        self.recover_button.setEnabled(bool(self.autosaves))
        self.discard_button.setEnabled(bool(self.autosaves))

    def selected(self) -> Autosave | None:
        """The copy chosen in the list."""
        row = self.list.currentRow()
        return self.autosaves[row] if 0 <= row < len(self.autosaves) else None

    def recover_selected(self) -> None:
        """Ask for the chosen copy to be opened, and close."""
        autosave = self.selected()
        if autosave is None:
            return
        self.accept()
        self.recover_requested.emit(autosave)

    def discard_selected(self) -> None:
        """Delete the chosen copy; close when none is left."""
        autosave = self.selected()
        if autosave is None:
            return
        if not discard_autosave(autosave):
            self.explanation.setText(
                self.tr("“{name}” is open in another Studio window; it was left as it is.").format(name=autosave.title)
            )
        self.autosaves.remove(autosave)
        self._fill()
        if not self.autosaves:
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recover Unsaved Work"))
        self.heading.setText(self.tr("Studio closed before your work was saved"))
        self.explanation.setText(
            self.tr(
                "Copies of the projects you were working on were kept. Recover one to open it with its "
                "unsaved changes, or discard the copies you no longer need."
            )
        )
        self.list.setAccessibleName(self.tr("Unsaved projects"))
        self.recover_button.setText(self.tr("&Recover"))
        self.discard_button.setText(self.tr("&Discard"))
        self.later_button.setText(self.tr("Decide &Later"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
