"""One open project in the editor: the design, its undo stack, the selection and the current area.

The session is the one object every part of the editor talks to. Widgets never edit the model
directly: they push commands here, and repaint when the session says the design changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from studio.commands import AddLayer, Command, CommandStack
from studio.export.document import document_for
from studio.export.thumbnail import thumbnail_png
from studio.io.project import Project, save_project
from studio.model.design import AnyLayer, Design, GroupLayer, ImageLayer, TextLayer, Transform, VectorLayer
from studio.model.template import PrintArea, Template
from studio.render.scene import Document


class EditorSession(QObject):
    """An open project.

    Signals
    -------
    design_changed
        After every command, undo or redo (the design may differ anywhere).
    selection_changed
        The selected layer ids changed.
    area_changed(str)
        Another print area is being edited.
    modified_changed(bool)
        The project became modified or saved.
    file_changed
        The project's file (and so the window title) changed.
    """

    design_changed = Signal()
    selection_changed = Signal()
    area_changed = Signal(str)
    modified_changed = Signal(bool)
    file_changed = Signal()

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.stack = CommandStack(project.design)
        self._document = document_for(project, name=self.title)
        self._area_id = project.template.print_areas[0].id
        self._selection: list[str] = []
        self._was_modified = False
        self.stack.changed.connect(self._on_stack_changed)

    # -- what is open -----------------------------------------------------------------------
    @property
    def design(self) -> Design:
        return self.project.design

    @property
    def template(self) -> Template:
        return self.project.template

    @property
    def document(self) -> Document:
        """The design ready for rendering (shares the design: always current)."""
        return self._document

    @property
    def path(self) -> Path | None:
        return self.project.path

    @property
    def title(self) -> str:
        """The file's name without extension, or the product's name for a new project."""
        if self.project.path is not None:
            return self.project.path.stem if self.project.path.suffix == ".studio" else self.project.path.parent.name
        from studio.model.template import localize

        return localize(self.template.product.name)

    @property
    def is_modified(self) -> bool:
        return not self.stack.is_clean()

    # -- the print area being edited -----------------------------------------------------------
    @property
    def area_id(self) -> str:
        return self._area_id

    @property
    def area(self) -> PrintArea:
        return self.template.area(self._area_id)

    def set_area(self, area_id: str) -> None:
        self.template.area(area_id)  # raises KeyError for an unknown area
        if area_id == self._area_id:
            return
        self._area_id = area_id
        self.select([])
        self.area_changed.emit(area_id)

    def layers(self) -> list[AnyLayer]:
        """Top-level layers of the current area, bottom to top."""
        return list(self.design.area(self._area_id).layers)

    def layer(self, layer_id: str) -> AnyLayer:
        return self.design.find_layer(layer_id)

    def area_of(self, layer_id: str) -> str:
        for area_id, layer in self.design.walk():
            if layer.id == layer_id:
                return area_id
        raise KeyError(layer_id)

    # -- selection -----------------------------------------------------------------------------
    @property
    def selection(self) -> list[str]:
        return list(self._selection)

    def selected_layers(self) -> list[AnyLayer]:
        out = []
        for layer_id in self._selection:
            try:
                out.append(self.design.find_layer(layer_id))
            except KeyError:
                continue
        return out

    def select(self, layer_ids: Sequence[str]) -> None:
        ids = list(dict.fromkeys(layer_ids))
        if ids != self._selection:
            self._selection = ids
            self.selection_changed.emit()

    # -- editing -------------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do ``command`` and record it for undo."""
        self.stack.push(command)

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()

    def add_layer(self, layer: AnyLayer, *, select: bool = True) -> None:
        """Put ``layer`` on top of the current area (centred if it has no position yet)."""
        if layer.transform.x == 0 and layer.transform.y == 0 and not isinstance(layer, GroupLayer):
            cx, cy = self.area.trim_rect.center
            layer.transform = Transform(x=cx, y=cy, rotation=layer.transform.rotation)
        self.push(AddLayer(self._area_id, layer))
        if select:
            self.select([layer.id])

    def import_file(self, path: Path, *, at: tuple[float, float] | None = None, name: str | None = None) -> AnyLayer:
        """Add an image or SVG file as a new layer sized to fit the safe area.

        The layer is named ``name``, or after the file.

        Raises :class:`studio.model.errors.StudioError` (naming the file) if it cannot be used.
        """
        ref = self.project.assets.add_file(path)
        safe = self.area.safe_rect
        layer: AnyLayer
        if ref.endswith(".svg"):
            _vx, _vy, vw, vh = self.project.assets.svg(ref).view_box
            scale = min(safe.width * 0.6 / vw, safe.height * 0.6 / vh)
            layer = VectorLayer(asset=ref, width=vw * scale, height=vh * scale, name=name or path.stem)
        else:
            w_px, h_px = self.project.assets.image(ref).size
            scale = min(safe.width / w_px, safe.height / h_px)
            layer = ImageLayer(asset=ref, width=w_px * scale, height=h_px * scale, name=name or path.stem, fit="fill")
        if at is not None:
            layer.transform = Transform(x=at[0], y=at[1])
        self.add_layer(layer)
        return layer

    def add_text(self, text: str, **fields: object) -> TextLayer:
        layer = TextLayer.model_validate({"text": text, **fields})
        self.add_layer(layer)
        return layer

    # -- files ---------------------------------------------------------------------------------
    def save(self, path: Path | None = None) -> Path:
        """Save atomically to ``path`` (or where the project came from, if it is a .studio file)."""
        target = path or self.project.path
        if target is None or target.suffix != ".studio":
            raise ValueError("a new project needs a file name")
        save_project(self.project, target, thumbnail_png=thumbnail_png(self._document))
        changed_file = target != self.project.path
        self.project.path = target
        self.stack.set_clean()
        if changed_file:
            self._document.name = self.title
            self.file_changed.emit()
        return target

    def _on_stack_changed(self) -> None:
        # Layers removed by an undo cannot stay selected.
        known = {layer.id for _a, layer in self.design.walk()}
        if any(layer_id not in known for layer_id in self._selection):
            self._selection = [i for i in self._selection if i in known]
            self.selection_changed.emit()
        self.design_changed.emit()
        modified = self.is_modified
        if modified != self._was_modified:
            self._was_modified = modified
            self.modified_changed.emit(modified)
