"""What each section of the Properties panel shares: the layers it edits and how it pushes edits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.model.design import AnyLayer
from studio.ui.panels._edits import set_layer_properties
from studio.ui.panels._widgets import Section

if TYPE_CHECKING:
    from studio.ui.panels.properties import PropertiesPanel


class PropertySection(Section):
    """A section of the Properties panel that edits the selected layers it applies to.

    Subclasses implement :meth:`applies_to` and :meth:`show_layers`; their widgets call
    :meth:`apply` on user edits and :meth:`seal` when a gesture ends.
    """

    def __init__(self, title: str, panel: PropertiesPanel) -> None:
        super().__init__(title, panel)
        self.panel = panel
        self.layers: list[AnyLayer] = []

    def applies_to(self, layers: list[AnyLayer]) -> bool:
        """Whether the section is shown for this selection (override)."""
        raise NotImplementedError

    def show_layers(self, layers: list[AnyLayer]) -> None:
        """Show the values of ``layers`` (the first one's when they differ) without editing anything."""
        self.layers = layers
        self.update_values()

    def update_values(self) -> None:
        """Set the widgets from :attr:`layers` (override); called on every design change."""

    @property
    def units(self) -> str:
        return self.panel.units

    def apply(self, changes: dict[str, Any], *, label: str, merge_key: str | None = None) -> bool:
        """Set ``changes`` on the section's layers as one undo step.

        ``merge_key`` makes a run of edits of the same fields (a spin box held down, a slider
        dragged) a single step until :meth:`seal`. A value the model refuses is not applied, and
        the widgets show the model's value again.
        """
        session = self.panel.session
        if session is None or not self.layers:
            return False
        ok = set_layer_properties(
            session, [layer.id for layer in self.layers], changes, label=label, merge_key=merge_key
        )
        if not ok:
            self.panel.refresh()
        return ok

    def seal(self) -> None:
        """End the current gesture: the next edit is a step of its own."""
        if self.panel.session is not None:
            self.panel.session.stack.seal()
