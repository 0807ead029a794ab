"""Editing a text layer's words in place.

A small editor opens just under the text on the canvas; the canvas itself shows the result as
it is typed (laid out with the layer's real font). The whole typing burst is one undo step:
``SetText`` commands merge, and the stack is sealed when editing ends (Esc, a click elsewhere,
or Ctrl+Enter).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QGraphicsDropShadowEffect, QPlainTextEdit, QWidget

from studio.commands import SetText
from studio.model.design import TextLayer
from studio.ui.session import EditorSession

__all__ = ["InlineTextEditor"]


class InlineTextEditor(QPlainTextEdit):
    """The in-place editor of one text layer, a child of the canvas viewport.

    Signals
    -------
    finished
        Editing ended (the editor hides itself; the canvas gets the focus back).
    """

    finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("canvas.text_editor")
        self.setAccessibleName(self.tr("Text of the layer"))
        self.setToolTip(self.tr("Type the text; Enter starts a new line, Esc or Ctrl+Enter finishes"))
        self.setPlaceholderText(self.tr("Type your text"))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(
            "QPlainTextEdit#canvas\\.text_editor { background: white; border: 1.5px solid #0d6efd;"
            " border-radius: 6px; padding: 2px 4px; color: #212529; }"
        )
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(14)
        shadow.setOffset(0, 2)
        shadow.setColor(QColor(0, 0, 0, 60))
        self.setGraphicsEffect(shadow)
        self.session: EditorSession | None = None
        self.layer_id: str | None = None
        self._loading = False
        self.textChanged.connect(self._typed)
        self.hide()

    def start(self, session: EditorSession, layer_id: str, below: QPointF, width: float, *, select_all: bool) -> None:
        """Edit ``layer_id``'s text, showing the editor with its top-left at ``below`` (viewport px)."""
        layer = session.layer(layer_id)
        if not isinstance(layer, TextLayer):
            return
        self.session = session
        self.layer_id = layer_id
        session.stack.seal()
        self._loading = True
        self.setPlainText(layer.text)
        self._loading = False
        lines = max(1, layer.text.count("\n") + 1)
        height = min(8, lines + 1) * self.fontMetrics().lineSpacing() + 12
        self.setGeometry(round(below.x()), round(below.y()), round(max(width, 220.0)), height)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if select_all:
            self.selectAll()
        else:
            cursor = self.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.setTextCursor(cursor)

    @property
    def editing(self) -> bool:
        return self.isVisible() and self.layer_id is not None

    def _typed(self) -> None:
        if self._loading or self.session is None or self.layer_id is None:
            return
        try:
            layer = self.session.layer(self.layer_id)
        except KeyError:
            self.finish()
            return
        text = self.toPlainText()
        if isinstance(layer, TextLayer) and text != layer.text:
            self.session.push(SetText(self.layer_id, text))

    def finish(self) -> None:
        """End editing: one undo step for everything typed."""
        if self.session is not None:
            self.session.stack.seal()
        self.layer_id = None
        self.session = None
        if self.isVisible():
            self.hide()
            self.finished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() == Qt.Key.Key_Escape or (enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.finish()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self.finish()
