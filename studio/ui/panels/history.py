"""The History panel: every step of the undo stack; clicking one goes back (or forward) to it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from studio.ui.panels._session import SessionPanel
from studio.ui.session import EditorSession

STEP_ROLE = Qt.ItemDataRole.UserRole + 1


def command_label(label: str) -> str:
    """A command's label in the interface's language (commands are named in English)."""
    return QCoreApplication.translate("Commands", label)


class HistoryPanel(SessionPanel):
    """The History dock's content: the opened state, then each step; steps that can be redone are greyed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel.history")
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(self.tr("History"))
        self.list.setToolTip(self.tr("Click a step to undo or redo back to it"))
        self.list.setUniformItemSizes(True)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.setFocusProxy(self.list)
        self._entries: list[str] = []
        self._current = -1
        self._busy = False
        self.refresh()

    def attach(self, session: EditorSession) -> None:
        self.listen(session.design_changed, self.refresh)

    def refresh(self) -> None:
        if self._busy:
            return
        session = self.session
        if session is None:
            self.list.clear()
            self._entries = []
            self._current = -1
            return
        stack = session.stack
        done, undone = stack.labels(), stack.redo_labels()
        entries = [self.tr("Opened"), *done, *undone]
        current = stack.index
        if entries == self._entries and current == self._current:
            # The stack merged the command into the last step (a drag, typing): only that row
            # may read differently.
            if current > 0:
                item = self.list.item(current)
                text = command_label(entries[current])
                if item is not None and item.text() != text:
                    item.setText(text)
            return
        if entries != self._entries:
            self.list.clear()
            for step, label in enumerate(entries):
                item = QListWidgetItem(label if step == 0 else command_label(label))
                item.setData(STEP_ROLE, step)
                self.list.addItem(item)
            self._entries = entries
        self._current = current
        disabled = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for step in range(self.list.count()):
            item = self.list.item(step)
            font = QFont(self.list.font())
            font.setBold(step == current)
            font.setItalic(step > current)
            item.setFont(font)
            item.setForeground(QColor(disabled) if step > current else self.palette().color(QPalette.ColorRole.Text))
            item.setToolTip(
                self.tr("The state now")
                if step == current
                else self.tr("Click to redo up to here")
                if step > current
                else self.tr("Click to undo back to here")
            )
        self.list.setCurrentRow(current)
        self.list.scrollToItem(self.list.item(current))

    def go_to(self, step: int) -> None:
        """Undo or redo until ``step`` commands are done (0: the state when the project opened)."""
        session = self.session
        if session is None:
            return
        stack = session.stack
        self._busy = True
        try:
            while stack.index > step and stack.can_undo():
                session.undo()
            while stack.index < step and stack.can_redo():
                session.redo()
        finally:
            self._busy = False
        self.refresh()

    def _clicked(self, item: QListWidgetItem) -> None:
        step = item.data(STEP_ROLE)
        if isinstance(step, int):
            self.go_to(step)
