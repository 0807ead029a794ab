"""The scene of one print area: the page, one item per top-level layer, guides and overlay.

The scene listens to the model (psygnal events of the design, the area and every layer) and
keeps its items in step: a moved layer's item only changes its transform; a layer whose content
changed is laid out again, alone; the rest are left as they are. Pending layouts are done when
the session reports the end of a command (``design_changed``), or on the next turn of the event
loop for changes made outside the undo stack.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from typing import Any

from psygnal import EmissionInfo, EventedModel
from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from studio.model.design import AnyLayer, AreaDesign
from studio.model.errors import StudioError
from studio.model.geometry import Rect
from studio.render.mockup import MockupRenderer
from studio.ui.session import EditorSession

from . import style
from .handles import SelectionOverlay
from .items import GuidesItem, LayerItem, PageItem, VeilItem, lay_out_layer, qrect

__all__ = ["PageScene"]

_Disconnect = Callable[[], None]


class PageScene(QGraphicsScene):
    """Items for the session's current print area, kept in step with the model.

    Signals
    -------
    layers_changed
        Some layer item was laid out again, moved, added or removed (the overlay follows).
    layout_failed(str)
        A layer could not be drawn (a missing asset, an unreadable font); the message says why.
    """

    layers_changed = Signal()
    layout_failed = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(style.PASTEBOARD)
        self.page = PageItem()
        self.veil = VeilItem()
        self.guides = GuidesItem()
        self.guides_wanted = True  # View > Guides; the page shows them whenever it shows an area
        self._substrates: MockupRenderer | None = None  # the product's colours under each area
        self.overlay = SelectionOverlay()
        for item in (self.page, self.veil, self.guides, self.overlay):
            self.addItem(item)
        self.session: EditorSession | None = None
        self._items: dict[str, LayerItem] = {}
        self._objects: dict[str, AnyLayer] = {}
        self._layer_watches: dict[str, list[_Disconnect]] = {}
        self._transform_watches: dict[str, _Disconnect] = {}
        self._model_watches: list[_Disconnect] = []
        self._dirty: set[str] = set()
        self._restack = False
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(250)
        self._settle_timer.timeout.connect(self._settle)

    # -- session ------------------------------------------------------------------------------
    def set_session(self, session: EditorSession | None) -> None:
        """Show ``session``'s current area (or nothing)."""
        if self.session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.session.design_changed.disconnect(self.flush)
        self.session = session
        if session is not None:
            session.design_changed.connect(self.flush)
        self.rebuild()

    def rebuild(self) -> None:
        """Forget every item and build the current area again."""
        self._unwatch_all()
        for item in self._items.values():
            self.removeItem(item)
        self._items.clear()
        self._objects.clear()
        self._dirty.clear()
        session = self.session
        if session is None:
            self.page.hide()
            self.guides.hide()
            self.veil.hide()
            return
        area = session.area
        content = session.design.area(session.area_id)
        self.page.set_page(area, content.background)
        self._show_substrate()
        self.guides.set_area(area)
        self.guides.setVisible(self.guides_wanted)
        page = qrect(area.bleed_rect())
        margin = max(area.width, area.height) * 1.5
        outer = page.adjusted(-margin, -margin, margin, margin)
        self.veil.set_rects(page, outer)
        self.setSceneRect(outer)
        self.page.show()
        self.veil.show()
        self._watch_model(session, content)
        self._restack = True
        self.flush()

    def set_guides_wanted(self, wanted: bool) -> None:
        """Show or hide the trim, bleed and safe-area guides, now and for every area shown later."""
        self.guides_wanted = wanted
        self.guides.setVisible(wanted and self.session is not None)

    # -- queries ------------------------------------------------------------------------------
    def item(self, layer_id: str) -> LayerItem | None:
        return self._items.get(layer_id)

    def layer_items(self) -> list[LayerItem]:
        """Items bottom to top."""
        return sorted(self._items.values(), key=lambda i: i.zValue())

    def layer_at(self, x: float, y: float, tolerance: float = 0.0, *, include_locked: bool = False) -> str | None:
        """The topmost visible layer under a point (area mm); locked layers are skipped."""
        self.flush()
        for item in reversed(self.layer_items()):
            if not item.isVisible() or (item.locked and not include_locked):
                continue
            if item.hit(x, y, tolerance):
                return item.layer_id
        return None

    def bounds_of(self, layer_ids: list[str]) -> dict[str, Rect]:
        """Current bounds (area mm) of the given layers that have content."""
        self.flush()
        out: dict[str, Rect] = {}
        for layer_id in layer_ids:
            item = self._items.get(layer_id)
            box = item.scene_bounds() if item is not None else None
            if box is not None:
                out[layer_id] = box
        return out

    # -- keeping items in step ------------------------------------------------------------------
    def flush(self) -> None:
        """Do pending layouts and restacking now."""
        session = self.session
        if session is None or (not self._dirty and not self._restack):
            return
        if self._restack:
            self._restack = False
            self._sync_items(session)
        dirty, self._dirty = self._dirty, set()
        area = session.area
        for layer_id in dirty:
            item = self._items.get(layer_id)
            layer = self._objects.get(layer_id)
            if item is None or layer is None:
                continue
            self._watch_layer(layer)
            result = lay_out_layer(session.document, layer)
            item.set_layout(result, area)
            if result.error is not None:
                self.layout_failed.emit(str(result.error))
        self.layers_changed.emit()

    def _sync_items(self, session: EditorSession) -> None:
        layers = session.layers()
        seen: set[str] = set()
        for z, layer in enumerate(layers):
            seen.add(layer.id)
            item = self._items.get(layer.id)
            if item is None:
                item = LayerItem(layer.id)
                self._items[layer.id] = item
                self.addItem(item)
            if self._objects.get(layer.id) is not layer:
                self._objects[layer.id] = layer
                self._dirty.add(layer.id)
            item.setZValue(z)
        for layer_id in list(self._items):
            if layer_id not in seen:
                self.removeItem(self._items.pop(layer_id))
                self._objects.pop(layer_id, None)
                self._unwatch_layer(layer_id)
                self._dirty.discard(layer_id)

    def _schedule(self) -> None:
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _settle(self) -> None:
        """After a scale gesture, lay out again what was only stretched (stroke widths)."""
        stretched = [
            layer_id
            for layer_id, item in self._items.items()
            if (obj := self._objects.get(layer_id)) is not None and item.needs_settle(obj.transform)
        ]
        if stretched:
            self._dirty.update(stretched)
            self.flush()

    # -- model events -----------------------------------------------------------------------------
    def _watch_model(self, session: EditorSession, content: AreaDesign) -> None:
        design = session.design
        self._model_watches = [
            _connect(design.events.areas, self._on_areas),
            _connect(design.events.variables, self._on_everything),
            _connect(design.events.fonts, self._on_everything),
            _connect(content.events.layers, self._on_layers),
            _connect(content.events.background, self._on_background),
            _connect(design.events.options, self._show_substrate),
            _connect(design.events.part_colors, self._show_substrate),
        ]

    def _unwatch_all(self) -> None:
        for off in self._model_watches:
            off()
        self._model_watches = []
        for layer_id in list(self._layer_watches):
            self._unwatch_layer(layer_id)

    def _show_substrate(self, *_args: object) -> None:
        """Paint the page in the colour it is printed on: a navy shirt, a gold heel tab, white paper."""
        session = self.session
        if session is None:
            return
        template = session.template
        if self._substrates is None or self._substrates.template is not template:
            self._substrates = MockupRenderer(template)
        try:
            colour = self._substrates.substrate(session.design, session.area_id)
        except StudioError:  # product art that cannot be read: the paper stays white
            colour = None
        self.page.set_paper(colour)

    def substrate(self) -> QColor:
        """The colour the page shows under the design."""
        return self.page.paper

    def _on_areas(self, *_args: object) -> None:
        # The area object itself may have been replaced: start over from the model.
        self.rebuild()

    def _on_everything(self, *_args: object) -> None:
        self._dirty.update(self._items)
        self._schedule()

    def _on_layers(self, *_args: object) -> None:
        self._restack = True
        self._schedule()

    def _on_background(self, value: Any = None) -> None:
        self.page.set_background(value)

    def _watch_layer(self, layer: AnyLayer) -> None:
        self._unwatch_layer(layer.id)
        offs: list[_Disconnect] = []

        def visit(model: EventedModel) -> None:
            offs.append(_connect(model.events, partial(self._on_layer_event, layer.id, model)))
            for name in type(model).model_fields:
                value = getattr(model, name)
                if value is layer.transform:
                    continue  # watched on its own: it is replaced at every step of a drag
                if isinstance(value, EventedModel):
                    visit(value)
                elif isinstance(value, list):
                    for v in value:
                        if isinstance(v, EventedModel):
                            visit(v)

        visit(layer)
        self._layer_watches[layer.id] = offs
        self._watch_transform(layer)

    def _watch_transform(self, layer: AnyLayer) -> None:
        off = self._transform_watches.pop(layer.id, None)
        if off is not None:
            off()
        self._transform_watches[layer.id] = _connect(
            layer.transform.events, partial(self._on_layer_event, layer.id, layer.transform)
        )

    def _unwatch_layer(self, layer_id: str) -> None:
        for off in self._layer_watches.pop(layer_id, []):
            off()
        watch = self._transform_watches.pop(layer_id, None)
        if watch is not None:
            watch()

    def _on_layer_event(self, layer_id: str, model: EventedModel, info: EmissionInfo) -> None:
        layer = self._objects.get(layer_id)
        item = self._items.get(layer_id)
        if layer is None or item is None:
            return
        moved = (model is layer and info.signal.name == "transform") or model is layer.transform
        if moved and layer_id not in self._dirty:
            if model is layer:
                self._watch_transform(layer)
            item.set_affine(layer.transform.to_affine())
            if item.needs_settle(layer.transform):
                self._settle_timer.start()
            self.layers_changed.emit()
            return
        self._dirty.add(layer_id)
        self._schedule()

    # -- view support -------------------------------------------------------------------------------
    def set_pixel_size(self, mm_per_px: float) -> None:
        """Tell zoom-dependent chrome how many millimetres a screen pixel covers."""
        self.page.set_pixel_size(mm_per_px)
        self.overlay.set_pixel_size(mm_per_px)

    def page_rect(self) -> QRectF:
        if self.session is None:
            return QRectF()
        return qrect(self.session.area.bleed_rect())


def _connect(signal: Any, callback: Callable[..., Any]) -> _Disconnect:
    signal.connect(callback)

    def off() -> None:
        with contextlib.suppress(Exception):
            signal.disconnect(callback)

    return off
