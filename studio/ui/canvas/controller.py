"""The canvas's share of the window's actions: edit, insert, arrange and view commands.

Each action of :data:`studio.ui.actions.ACTIONS` that concerns the canvas is bound here to a
handler and an enablement test; menus, toolbar, shortcuts and the context menu all use the same
QActions.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from studio.commands import (
    AddLayer,
    AlignLayers,
    DistributeLayers,
    GroupLayers,
    RemoveLayers,
    ReorderLayer,
    SetLayerProperties,
    UngroupLayer,
)
from studio.model.color import Color
from studio.model.design import AnyLayer, CodeLayer, GroupLayer, ShapeLayer, Stroke, TextLayer, Transform, new_id
from studio.model.errors import StudioError
from studio.ui.actions import QT_TRANSLATE_NOOP
from studio.ui.main_window import MainWindow
from studio.ui.session import EditorSession

from .clipboard import MIME_TYPE, layers_from_mime, layers_to_mime, pasted_image_path
from .editor import CanvasEditor
from .view import IMPORTABLE

__all__ = ["DEFAULT_TEXT", "SHAPE_FILL", "CanvasController"]

DEFAULT_TEXT = QT_TRANSLATE_NOOP("Canvas", "Your text")
"""The text of a new text layer (English source; translated in the ``Canvas`` context when used)."""
SHAPE_FILL = "#8a9bb0"
"""A quiet blue-grey for new shapes, easy to recolour (Canva and Figma start from a neutral grey)."""
DUPLICATE_OFFSET_MM = 5.0


def _flag(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def readable_on(background: str) -> str:
    """Near-black or white, whichever reads better on ``background`` (#RRGGBB), by WCAG luminance."""
    channels = [int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with white is (1.05) / (L + 0.05), with near-black (L + 0.05) / 0.0621: pick the larger.
    return "#FFFFFF" if 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.0621 else "#1E1E1E"


class CanvasController:
    """Binds the canvas actions of ``window`` to ``editor``."""

    def __init__(self, window: MainWindow, editor: CanvasEditor) -> None:
        self.window = window
        self.editor = editor
        self.view = editor.view
        self.view.error_handler = lambda message: window.show_error(message)
        self.view.before_risk = self._before_risk
        self.view.context_menu_actions = self._context_entries
        self.view.page.layout_failed.connect(lambda message: window.status(message))
        # Queued: the scene reports from inside a paint, where no dialog may open.
        self.view.page.paint_failed.connect(self._on_paint_failed, Qt.ConnectionType.QueuedConnection)
        self._paint_failures: set[tuple[str, str]] = set()
        self._bind()
        window.session_changed.connect(self._on_session)

    @property
    def session(self) -> EditorSession | None:
        return self.window.session

    def _before_risk(self) -> threading.Event | None:
        """Bring the recovery copy up to date (the files part keeps it) before an import."""
        files = getattr(self.window, "files", None)
        return files.autosaver.save_before_risk() if files is not None else None

    def _on_paint_failed(self, layer_id: str, name: str, reason: str) -> None:
        """Say once, in one sentence, which layer of which project could not be drawn."""
        if (layer_id, reason) in self._paint_failures:
            return
        self._paint_failures.add((layer_id, reason))
        session = self.session
        project = (session.path.name if session.path is not None else session.title) if session else ""
        self.window.show_error(
            QCoreApplication.translate(
                "Canvas", "{project}: the layer “{layer}” cannot be drawn ({reason}); it is shown as a crossed box."
            ).format(project=project, layer=name, reason=reason)
        )

    # -- binding ------------------------------------------------------------------------------
    def _bind(self) -> None:
        a = self.window.action_registry
        has = self._has_session
        sel = self._has_selection
        bind: list[tuple[str, Callable[[], object], Callable[[], bool] | None]] = [
            ("edit.cut", self.cut, sel),
            ("edit.copy", self.copy, sel),
            ("edit.paste", self.paste, has),
            ("edit.duplicate", self.duplicate, sel),
            ("edit.delete", self.delete, sel),
            ("edit.select_all", self.select_all, has),
            ("edit.deselect", self._deselect, sel),
            ("insert.text", self.insert_text, has),
            ("insert.image", self.insert_image, has),
            ("insert.rectangle", lambda: self.insert_shape("rectangle"), has),
            ("insert.ellipse", lambda: self.insert_shape("ellipse"), has),
            ("insert.star", lambda: self.insert_shape("star"), has),
            ("insert.line", lambda: self.insert_shape("line"), has),
            ("insert.qr_code", lambda: self.insert_code("qr"), has),
            ("insert.barcode", lambda: self.insert_code("code128"), has),
            ("arrange.group", self.group, lambda: len(self._top_level_selection()) >= 2),
            ("arrange.ungroup", self.ungroup, lambda: bool(self._selected_groups())),
            ("arrange.bring_forward", lambda: self.restack("forward"), sel),
            ("arrange.send_backward", lambda: self.restack("backward"), sel),
            ("arrange.bring_to_front", lambda: self.restack("front"), sel),
            ("arrange.send_to_back", lambda: self.restack("back"), sel),
            ("arrange.lock", self.toggle_lock, sel),
            ("arrange.hide", self.hide, sel),
            ("view.zoom_in", self.view.zoom_in, has),
            ("view.zoom_out", self.view.zoom_out, has),
            ("view.zoom_fit", self.view.zoom_fit, has),
            ("view.zoom_actual", self.view.zoom_actual, has),
            ("view.guides", self._toggle_guides, has),
            ("view.rulers", self._toggle_rulers, has),
            ("view.snap", self._toggle_snap, has),
        ]
        for edge in ("left", "hcenter", "right", "top", "vcenter", "bottom"):
            bind.append((f"arrange.align_{edge}", partial(self.align, edge), sel))
        bind.append(("arrange.distribute_h", lambda: self.distribute("h"), lambda: len(self._movable()) >= 3))
        bind.append(("arrange.distribute_v", lambda: self.distribute("v"), lambda: len(self._movable()) >= 3))
        for action_id, handler, enabled in bind:
            a.bind(action_id, handler, enabled)
        settings = self.window.settings
        for action_id, key in (("view.guides", "guides"), ("view.rulers", "rulers"), ("view.snap", "snap")):
            a[action_id].setChecked(_flag(settings.value(f"canvas/{key}"), True))
        self._apply_view_flags()
        self._build_zoom_menu()
        a["insert.text"].setToolTip(
            QCoreApplication.translate("Canvas", "Add a line of text (T); double-click a text to edit it")
        )
        a["insert.rectangle"].setToolTip(QCoreApplication.translate("Canvas", "Add a rectangle (R)"))
        a["insert.ellipse"].setToolTip(QCoreApplication.translate("Canvas", "Add an ellipse (E)"))
        a["insert.star"].setToolTip(QCoreApplication.translate("Canvas", "Add a star"))
        a["insert.line"].setToolTip(QCoreApplication.translate("Canvas", "Add a line (L)"))
        a["insert.qr_code"].setToolTip(
            QCoreApplication.translate("Canvas", "Add a QR code, from fixed text or a field")
        )
        a["insert.barcode"].setToolTip(
            QCoreApplication.translate("Canvas", "Add a barcode (Code 128 or EAN-13), from fixed text or a field")
        )

    def _build_zoom_menu(self) -> None:
        a = self.window.action_registry
        menu = QMenu(self.editor.zoom_button)
        menu.setAccessibleName(QCoreApplication.translate("Canvas", "Zoom"))
        for action_id in ("view.zoom_in", "view.zoom_out", "view.zoom_fit", "view.zoom_actual"):
            menu.addAction(a[action_id])
        menu.addSeparator()
        for percent in (25, 50, 100, 200, 400, 800):
            preset = menu.addAction(f"{percent} %")
            preset.triggered.connect(lambda _c=False, z=percent / 100: self._zoom_preset(z))
        self.editor.zoom_button.setMenu(menu)

    def _zoom_preset(self, zoom: float) -> None:
        self.view.zoom_to(self.view.actual_scale() * zoom)

    def _on_session(self, session: EditorSession | None) -> None:
        self.editor.set_session(session)
        if session is not None:
            session.selection_changed.connect(self._sync_lock)
            session.design_changed.connect(self._sync_lock)
        self._sync_lock()

    def _sync_lock(self) -> None:
        session = self.session
        locked = bool(session and session.selected_layers() and all(x.locked for x in session.selected_layers()))
        self.window.action_registry["arrange.lock"].setChecked(locked)

    # -- enablement ---------------------------------------------------------------------------
    def _has_session(self) -> bool:
        return self.session is not None

    def _has_selection(self) -> bool:
        return bool(self.session and self.session.selection)

    def _top_level_selection(self) -> list[str]:
        session = self.session
        if session is None:
            return []
        top = {layer.id for layer in session.layers()}
        return [i for i in session.selection if i in top]

    def _movable(self) -> list[str]:
        session = self.session
        if session is None:
            return []
        return [x.id for x in session.selected_layers() if not x.locked]

    def _selected_groups(self) -> list[str]:
        session = self.session
        if session is None:
            return []
        return [i for i in self._top_level_selection() if isinstance(session.layer(i), GroupLayer)]

    # -- edit ---------------------------------------------------------------------------------
    def copy(self) -> None:
        session = self.session
        if session is None:
            return
        mime = layers_to_mime(session, self._top_level_selection())
        if mime is not None:
            QApplication.clipboard().setMimeData(mime)

    def cut(self) -> None:
        self.copy()
        session = self.session
        if session is not None and self._top_level_selection():
            session.push(_labelled(RemoveLayers(self._top_level_selection()), "Cut"))

    def paste(self) -> None:
        session = self.session
        if session is None:
            return
        mime = QApplication.clipboard().mimeData()
        try:
            if mime.hasFormat(MIME_TYPE):
                layers = layers_from_mime(mime, session)
                self._paste_layers(session, layers, self._paste_offset(session, mime))
            elif mime.hasImage():
                path = pasted_image_path(mime.imageData())
                try:
                    self.view.import_files([path], None)
                finally:
                    # The project's store holds the bytes now.
                    shutil.rmtree(path.parent, ignore_errors=True)
            elif mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
                paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
                self.view.import_files([p for p in paths if p.suffix.lower() in IMPORTABLE], None)
            elif mime.hasText() and mime.text().strip():
                self._add_text(session, mime.text().strip()[:10_000])
        except StudioError as error:
            self.window.show_error(str(error))

    @staticmethod
    def _paste_offset(session: EditorSession, mime: object) -> float:
        """Paste in place, unless the originals are still there on this very area (then offset)."""
        try:
            payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))  # type: ignore[attr-defined]
        except ValueError:
            return 0.0
        here = {layer.id for layer in session.layers()}
        originals = [d.get("id") for d in payload.get("layers", [])]
        return (
            DUPLICATE_OFFSET_MM if payload.get("area") == session.area_id and any(i in here for i in originals) else 0.0
        )

    def _paste_layers(self, session: EditorSession, layers: list[AnyLayer], offset: float) -> None:
        if not layers:
            return
        with session.stack.group("Paste"):
            for layer in layers:
                if offset:
                    t = layer.transform
                    layer.transform = Transform(
                        x=t.x + offset, y=t.y + offset, rotation=t.rotation, scale_x=t.scale_x, scale_y=t.scale_y
                    )
                session.push(AddLayer(session.area_id, layer))
        session.select([layer.id for layer in layers])

    def duplicate(self) -> None:
        session = self.session
        if session is None:
            return
        ids = self._top_level_selection()
        if not ids:
            return
        order = {layer.id: i for i, layer in enumerate(session.layers())}
        copies: list[str] = []
        with session.stack.group("Duplicate"):
            # From the top down, so that the indices below stay right.
            for layer_id in sorted(ids, key=lambda i: -order[i]):
                original = session.layer(layer_id)
                copy = _fresh_copy(original)
                t = original.transform
                copy.transform = Transform(
                    x=t.x + DUPLICATE_OFFSET_MM,
                    y=t.y + DUPLICATE_OFFSET_MM,
                    rotation=t.rotation,
                    scale_x=t.scale_x,
                    scale_y=t.scale_y,
                )
                session.push(AddLayer(session.area_id, copy, index=order[layer_id] + 1))
                copies.append(copy.id)
        session.select(list(reversed(copies)))

    def delete(self) -> None:
        session = self.session
        if session is not None and session.selection:
            session.push(RemoveLayers(session.selection))

    def _deselect(self) -> None:
        if self.session is not None:
            self.session.select([])

    def select_all(self) -> None:
        session = self.session
        if session is not None:
            session.select([x.id for x in session.layers() if x.visible and not x.locked])

    # -- insert -------------------------------------------------------------------------------
    def _add_text(self, session: EditorSession, text: str) -> TextLayer:
        safe = session.area.safe_rect
        cx, cy = safe.center
        # Sized to the area (a heel tab is not a t-shirt) and coloured to read on what it is printed on.
        size_mm = min(0.6 * safe.width / max(1, len(text)) * 2.0, 0.2 * safe.height)
        size = round(min(max(size_mm * 72 / 25.4, 6.0), 144.0))
        background = session.design.area(session.area_id).background
        under = background.hex if background is not None else self.view.page.substrate().name()
        layer = TextLayer(
            text=text,
            font_family="Inter",
            font_style="Regular",
            size=float(size),
            color=Color(hex=readable_on(under)),
            transform=Transform(x=cx, y=cy),
        )
        session.add_layer(layer)
        return layer

    def insert_text(self) -> None:
        session = self.session
        if session is None:
            return
        layer = self._add_text(session, QCoreApplication.translate("Canvas", DEFAULT_TEXT))
        self.editor.edit_text(layer.id, select_all=True)

    def insert_shape(self, shape: str) -> None:
        session = self.session
        if session is None:
            return
        safe = session.area.safe_rect
        cx, cy = safe.center
        side = max(5.0, min(40.0, 0.4 * min(safe.width, safe.height)))
        fill = Color(hex=SHAPE_FILL)
        if shape == "line":
            layer = ShapeLayer(
                shape="line",
                width=side * 1.5,
                height=0.0,
                fill=None,
                stroke=Stroke(color=Color(hex="#212529"), width=0.5),
                transform=Transform(x=cx, y=cy),
            )
        else:
            layer = ShapeLayer(shape=shape, width=side, height=side, fill=fill, transform=Transform(x=cx, y=cy))  # type: ignore[arg-type]
        layer.name = {
            "rectangle": QCoreApplication.translate("Canvas", "Rectangle"),
            "ellipse": QCoreApplication.translate("Canvas", "Ellipse"),
            "star": QCoreApplication.translate("Canvas", "Star"),
            "line": QCoreApplication.translate("Canvas", "Line"),
        }[shape]
        session.add_layer(layer)
        self.view.setFocus()

    def insert_code(self, symbology: str) -> None:
        """Add a QR code or a barcode in the middle of the safe area, holding the design's first field if it has one."""
        session = self.session
        if session is None:
            return
        safe = session.area.safe_rect
        cx, cy = safe.center
        fields = sorted(session.design.fields())
        if symbology == "qr":
            side = max(10.0, min(30.0, 0.4 * min(safe.width, safe.height)))
            data = "{" + fields[0] + "}" if fields else "https://example.com"
            layer = CodeLayer(symbology="qr", data=data, width=side, height=side, transform=Transform(x=cx, y=cy))
            layer.name = QCoreApplication.translate("Canvas", "QR code")
        else:
            width = max(20.0, min(50.0, 0.6 * safe.width))
            data = "{" + fields[0] + "}" if fields else "12345678"
            layer = CodeLayer(
                symbology="code128", data=data, width=width, height=width * 0.3, transform=Transform(x=cx, y=cy)
            )
            layer.name = QCoreApplication.translate("Canvas", "Barcode")
        session.add_layer(layer)
        self.view.setFocus()

    def insert_image(self) -> None:
        if self.session is None:
            return
        patterns = " ".join(f"*{ext}" for ext in sorted(IMPORTABLE))
        filters = ";;".join(
            [
                QCoreApplication.translate("Canvas", "Images and drawings ({patterns})").format(patterns=patterns),
                QCoreApplication.translate("Canvas", "Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff)"),
                QCoreApplication.translate("Canvas", "SVG drawings (*.svg *.svgz)"),
            ]
        )
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, QCoreApplication.translate("Canvas", "Add an image"), "", filters
        )
        if paths:
            self.view.import_files([Path(p) for p in paths], None)

    # -- arrange ------------------------------------------------------------------------------
    def group(self) -> None:
        session = self.session
        ids = self._top_level_selection()
        if session is None or len(ids) < 2:
            return
        bounds = self.view.page.bounds_of(ids)
        boxes = list(bounds.values())
        if boxes:
            union = boxes[0]
            for b in boxes[1:]:
                union = union.union(b)
            center = union.center
        else:
            center = session.area.trim_rect.center
        group_id = new_id()
        session.push(GroupLayers(session.area_id, ids, center=center, group_id=group_id))
        session.select([group_id])

    def ungroup(self) -> None:
        session = self.session
        groups = self._selected_groups()
        if session is None or not groups:
            return
        children: list[str] = []
        with session.stack.group("Ungroup"):
            for group_id in groups:
                command = UngroupLayer(session.area_id, group_id)
                session.push(command)
                children += command.child_ids
        session.select(children)

    def restack(self, where: str) -> None:
        session = self.session
        if session is None:
            return
        ids = set(self._top_level_selection())
        if not ids:
            return
        labels = {
            "forward": "Bring Forward",
            "backward": "Send Backward",
            "front": "Bring to Front",
            "back": "Send to Back",
        }
        with session.stack.group(labels[where]):
            order = [x.id for x in session.layers()]
            n = len(order)
            if where == "front":
                for layer_id in [i for i in order if i in ids]:
                    session.push(ReorderLayer(layer_id, n - 1))
            elif where == "back":
                for layer_id in reversed([i for i in order if i in ids]):
                    session.push(ReorderLayer(layer_id, 0))
            elif where == "forward":
                for index in range(n - 2, -1, -1):
                    if order[index] in ids and order[index + 1] not in ids:
                        session.push(ReorderLayer(order[index], index + 1))
                        order[index], order[index + 1] = order[index + 1], order[index]
            else:
                for index in range(1, n):
                    if order[index] in ids and order[index - 1] not in ids:
                        session.push(ReorderLayer(order[index], index - 1))
                        order[index], order[index - 1] = order[index - 1], order[index]

    def align(self, edge: str) -> None:
        session = self.session
        ids = self._movable()
        if session is None or not ids:
            return
        bounds = self.view.page.bounds_of(ids)
        target = session.area.safe_rect if len(bounds) == 1 else None
        command = AlignLayers(bounds, edge, target=target)
        if command.offsets:
            session.push(command)

    def distribute(self, axis: str) -> None:
        session = self.session
        ids = self._movable()
        if session is None or len(ids) < 3:
            return
        command = DistributeLayers(self.view.page.bounds_of(ids), axis)
        if any(abs(dx) > 1e-9 or abs(dy) > 1e-9 for dx, dy in command.offsets.values()):
            session.push(command)

    def toggle_lock(self) -> None:
        session = self.session
        if session is None or not session.selection:
            return
        layers = session.selected_layers()
        lock = not all(x.locked for x in layers)
        with session.stack.group("Lock" if lock else "Unlock"):
            for layer in layers:
                if layer.locked != lock:
                    session.push(SetLayerProperties(layer.id, {"locked": lock}, label="Lock" if lock else "Unlock"))
        self._sync_lock()
        self.view.refresh_overlay()

    def hide(self) -> None:
        session = self.session
        if session is None or not session.selection:
            return
        with session.stack.group("Hide"):
            for layer in session.selected_layers():
                if layer.visible:
                    session.push(SetLayerProperties(layer.id, {"visible": False}, label="Hide"))
        session.select([])

    # -- view ---------------------------------------------------------------------------------
    def _apply_view_flags(self) -> None:
        a = self.window.action_registry
        self.view.page.set_guides_wanted(a["view.guides"].isChecked())
        self.editor.set_rulers_visible(a["view.rulers"].isChecked())
        self.view.snapping = a["view.snap"].isChecked()

    def _toggle(self, action_id: str, key: str) -> None:
        self.window.settings.set_value(f"canvas/{key}", self.window.action_registry[action_id].isChecked())
        self._apply_view_flags()

    def _toggle_guides(self) -> None:
        self._toggle("view.guides", "guides")

    def _toggle_rulers(self) -> None:
        self._toggle("view.rulers", "rulers")

    def _toggle_snap(self) -> None:
        self._toggle("view.snap", "snap")

    def show_guides(self) -> None:
        """Apply the guides setting (after a session opens, the page exists)."""
        self._apply_view_flags()

    # -- context menu -------------------------------------------------------------------------
    def _context_entries(self, on_layer: bool) -> list[QAction | None]:
        a = self.window.action_registry
        if not on_layer:
            return [a["edit.paste"], a["edit.select_all"], None, a["view.zoom_fit"], a["view.zoom_actual"]]
        ids = [
            "edit.cut", "edit.copy", "edit.paste", "edit.duplicate", "edit.delete", None,
            "arrange.bring_to_front", "arrange.bring_forward", "arrange.send_backward", "arrange.send_to_back", None,
            "arrange.group", "arrange.ungroup", None, "arrange.lock", "arrange.hide",
        ]  # fmt: skip
        return [None if i is None else a[i] for i in ids]


def _labelled(command: RemoveLayers, label: str) -> RemoveLayers:
    command.label = label
    return command


def _fresh_copy(layer: AnyLayer) -> AnyLayer:
    """A deep copy of a layer with new ids throughout."""
    copy = layer.model_copy(deep=True)

    def renew(x: AnyLayer) -> None:
        x.id = new_id()
        if isinstance(x, GroupLayer):
            for child in x.children:
                renew(child)

    renew(copy)
    return copy
