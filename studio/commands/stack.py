"""Command and CommandStack: plain-Python undo and redo.

A command keeps only its inputs and what it needs to undo itself; ``do`` applies it to the
design, ``undo`` takes it back. The stack runs commands, groups several into one step (one
gesture = one step), merges consecutive commands that say they can be merged (a drag, a typing
burst), and tells listeners through psygnal signals.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from psygnal import Signal

from studio.model.design import Design


class Command:
    """One undoable edit. Subclasses set ``label`` and implement ``do`` and ``undo``."""

    label: str = "Edit"

    def do(self, design: Design) -> None:
        raise NotImplementedError

    def undo(self, design: Design) -> None:
        raise NotImplementedError

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (which has just been done) into this command; True if it did.

        Used for gestures that arrive as many small edits, such as a drag.
        """
        return False


class CompoundCommand(Command):
    """Several commands that are done and undone as one step."""

    def __init__(self, label: str, commands: list[Command] | None = None) -> None:
        self.label = label
        self.commands: list[Command] = list(commands or [])

    def do(self, design: Design) -> None:
        for command in self.commands:
            command.do(design)

    def undo(self, design: Design) -> None:
        for command in reversed(self.commands):
            command.undo(design)


class CommandStack:
    """The undo history of one design.

    Signals
    -------
    changed()
        After every do, undo, redo or clean-state change.
    """

    changed = Signal()

    def __init__(self, design: Design, *, limit: int = 500) -> None:
        self.design = design
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit
        self._groups: list[CompoundCommand] = []
        self._clean_index: int | None = 0
        self._merge_open = True

    # -- running ------------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do ``command`` and record it (inside an open group, as part of that group)."""
        command.do(self.design)
        if self._groups:
            self._groups[-1].commands.append(command)
            return
        self._record(command)

    def _record(self, command: Command) -> None:
        if self._undone:
            self._undone.clear()
            if self._clean_index is not None and self._clean_index > len(self._done):
                self._clean_index = None
        if self._merge_open and self._done and len(self._done) != self._clean_index and self._done[-1].merge(command):
            self.changed.emit()
            return
        self._done.append(command)
        self._merge_open = True
        if len(self._done) > self._limit:
            del self._done[0]
            self._clean_index = None if self._clean_index in (None, 0) else self._clean_index - 1
        self.changed.emit()

    @contextmanager
    def group(self, label: str) -> Iterator[CompoundCommand]:
        """Record every command pushed inside the ``with`` block as one undo step.

        If the block raises, what it did is undone and nothing is recorded.
        """
        compound = CompoundCommand(label)
        self._groups.append(compound)
        try:
            yield compound
        except BaseException:
            self._groups.pop()
            compound.undo(self.design)
            raise
        self._groups.pop()
        if not compound.commands:
            return
        if self._groups:
            self._groups[-1].commands.append(compound)
        else:
            self._record(compound)

    def seal(self) -> None:
        """End the current gesture: the next command will not merge into the last one."""
        self._merge_open = False

    # -- history ------------------------------------------------------------------------------
    def can_undo(self) -> bool:
        return bool(self._done) and not self._groups

    def can_redo(self) -> bool:
        return bool(self._undone) and not self._groups

    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def undo(self) -> None:
        if not self.can_undo():
            return
        command = self._done.pop()
        command.undo(self.design)
        self._undone.append(command)
        self._merge_open = False
        self.changed.emit()

    def discard(self) -> None:
        """Undo the last step and forget it: a gesture cancelled before it ended leaves no trace."""
        if not self.can_undo():
            return
        command = self._done.pop()
        command.undo(self.design)
        if self._clean_index is not None and self._clean_index > len(self._done):
            self._clean_index = None
        self._merge_open = False
        self.changed.emit()

    def redo(self) -> None:
        if not self.can_redo():
            return
        command = self._undone.pop()
        command.do(self.design)
        self._done.append(command)
        self._merge_open = False
        self.changed.emit()

    def labels(self) -> list[str]:
        """Labels of the done commands, oldest first (for a history panel)."""
        return [c.label for c in self._done]

    def redo_labels(self) -> list[str]:
        """Labels of the undone commands, the next one to redo first (for a history panel)."""
        return [c.label for c in reversed(self._undone)]

    @property
    def index(self) -> int:
        return len(self._done)

    # -- saved state --------------------------------------------------------------------------
    def set_clean(self) -> None:
        """Mark the current state as the saved one."""
        self._clean_index = len(self._done)
        self._merge_open = False
        self.changed.emit()

    def reset_clean(self) -> None:
        """Mark the project as differing from any saved state (a recovered or imported project)."""
        self._clean_index = None
        self._merge_open = False
        self.changed.emit()

    def is_clean(self) -> bool:
        return self._clean_index == len(self._done)
