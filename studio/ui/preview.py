"""The live mockup beside the canvas.

Every edit asks for a new picture; pictures are rendered off the GUI thread, one at a time: a
request is started at once when the worker is idle, and while it is busy only the latest request
is remembered ("latest edit wins") and started once the worker has rested a moment after its
picture (as long as the picture took: the worker's Python code shares the interpreter lock with
the GUI thread, which a drag needs). So the preview follows a drag continuously, the editor never
waits for it, and it never shows an old edit last. The GUI thread only takes a plain snapshot of
the design (``model_dump``, a fraction of a millisecond); the worker brings its own copy of the
design up to date from it before rendering. Clicking a colourable part of the product
(a sneaker's toe cap) selects it in the Product panel.
"""

from __future__ import annotations

import contextlib
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image
from pydantic import TypeAdapter
from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.io.templates import load_art
from studio.model.design import Design, Layer
from studio.model.errors import StudioError
from studio.model.template import Template, localize
from studio.render._art import ArtDocument, rasterise
from studio.render.mockup import MockupRenderer
from studio.render.scene import Document
from studio.ui.main_window import MainWindow
from studio.ui.session import EditorSession

if TYPE_CHECKING:
    from studio.render.sources import Resources
    from studio.text.fonts import FontRegistry

MAX_SIDE = 1200
REST = 1.0
"""While edits keep coming, the worker rests this many times as long as the last picture took."""
MAX_REST_MS = 250
_LAYER: TypeAdapter[Any] = TypeAdapter(Layer)


class _Replica:
    """The worker's own copy of the design, brought up to date from snapshots (``model_dump()``).

    Only the layers whose data changed are built again; the rest of the copy is kept. Building
    the whole design for every picture would leave tens of thousands of objects in reference
    cycles (the models' signal groups) behind each time, and Python's full garbage collections
    of them (about 200 ms, holding the interpreter lock) would stall the GUI thread mid-drag.
    Used by one thread at a time (the preview's worker).
    """

    def __init__(self) -> None:
        self._design: Design | None = None
        self._data: dict[str, Any] | None = None

    def update(self, data: dict[str, Any]) -> Design:
        try:
            return self._update(data)
        except BaseException:
            self._design = self._data = None  # a half-updated copy is not trusted again
            raise

    def _update(self, data: dict[str, Any]) -> Design:
        design, old = self._design, self._data
        if design is None or old is None or not _same_outline(old, data):
            design = Design.model_validate(data)
        else:
            for area_id, area in data["areas"].items():
                old_layers, new_layers = old["areas"][area_id]["layers"], area["layers"]
                if old_layers == new_layers:
                    continue
                live = list(design.areas[area_id].layers)
                for i, (before, after) in enumerate(zip(old_layers, new_layers, strict=True)):
                    if before != after:
                        live[i] = _LAYER.validate_python(after)
                design.areas[area_id].layers = live
        self._design, self._data = design, data
        return design


def _same_outline(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two snapshots differ at most inside layers (same areas, same layer ids in order)."""
    if old.keys() != new.keys() or any(old[k] != new[k] for k in old if k != "areas"):
        return False
    old_areas, new_areas = old["areas"], new["areas"]
    if old_areas.keys() != new_areas.keys():
        return False
    for area_id, area in new_areas.items():
        before = old_areas[area_id]
        if before.keys() != area.keys() or any(before[k] != area[k] for k in area if k != "layers"):
            return False
        if [layer["id"] for layer in before["layers"]] != [layer["id"] for layer in area["layers"]]:
            return False
    return True


@dataclass(frozen=True)
class _Request:
    generation: int
    design: dict[str, Any]  # ``Design.model_dump()``: the worker's replica is brought up to date with it
    template: Template
    resources: Resources
    fonts: FontRegistry
    name: str
    view_id: str
    size: int
    angle: float


class _Signals(QObject):
    done = Signal(int, QImage, str)  # generation, picture, error message


class _Job(QRunnable):
    def __init__(self, renderer: MockupRenderer, replica: _Replica, request: _Request, signals: _Signals) -> None:
        super().__init__()
        self.renderer = renderer
        self.replica = replica
        self.request = request
        self.signals = signals

    def run(self) -> None:
        r = self.request
        try:
            design = self.replica.update(r.design)
            doc = Document(design, r.template, r.resources, r.fonts, {}, r.name)
            picture = self.renderer.render(doc, r.view_id, size=r.size, angle=r.angle, background=None)
            image, message = _to_qimage(picture), ""
        except StudioError as error:
            image, message = QImage(), str(error)
        except Exception as error:  # a worker must never let an error escape into the thread pool
            image = QImage()
            message = QCoreApplication.translate("PreviewPanel", "The mockup could not be drawn ({error}).")
            message = message.format(error=f"{type(error).__name__}: {error}")
        with contextlib.suppress(RuntimeError):  # the panel was closed while this ran
            self.signals.done.emit(r.generation, image, message)


def _to_qimage(picture: Image.Image) -> QImage:
    rgba = picture.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    image = QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return image.copy()  # own the pixels: ``data`` goes away with this frame


class _Picture(QWidget):
    """Shows the mockup scaled to fit, and reports clicks in the picture's own pixels."""

    clicked = Signal(QPointF)
    hovered = Signal(QPointF)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self._message = ""
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(200, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage) -> None:
        self._pixmap = QPixmap.fromImage(image)
        self._pixmap.setDevicePixelRatio(1.0)
        self._message = ""
        self.update()

    def set_message(self, message: str) -> None:
        self._message = message
        self.update()

    def image_size(self) -> QSize:
        return self._pixmap.size()

    def _target(self) -> QRectF:
        if self._pixmap.isNull():
            return QRectF()
        w, h = self._pixmap.width(), self._pixmap.height()
        scale = min(self.width() / w, self.height() / h)
        tw, th = w * scale, h * scale
        return QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)

    def to_image(self, pos: QPointF) -> QPointF | None:
        target = self._target()
        if target.isEmpty() or not target.contains(pos):
            return None
        scale = self._pixmap.width() / target.width()
        return QPointF((pos.x() - target.x()) * scale, (pos.y() - target.y()) * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._pixmap.isNull():
            painter.drawPixmap(self._target(), self._pixmap, QRectF(self._pixmap.rect()))
        if self._message:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._message,
            )
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        point = self.to_image(event.position())
        if point is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(point)
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.to_image(event.position())
        if point is not None:
            self.hovered.emit(point)
        super().mouseMoveEvent(event)


class _PartMap:
    """Which colourable part lies under a pixel of a view's picture (topmost part wins)."""

    def __init__(self, template: Template) -> None:
        self._template = template
        self._cache: dict[tuple[str, int, int], np.ndarray | None] = {}

    def part_at(self, view_id: str, size: QSize, x: float, y: float) -> str | None:
        key = (view_id, size.width(), size.height())
        if key not in self._cache:
            self._cache[key] = self._build(view_id, size.width(), size.height())
        index = self._cache[key]
        if index is None:
            return None
        ix, iy = int(x), int(y)
        if not (0 <= iy < index.shape[0] and 0 <= ix < index.shape[1]):
            return None
        value = int(index[iy, ix])
        return self._template.parts[value - 1].id if value > 0 else None

    def _build(self, view_id: str, width: int, height: int) -> np.ndarray | None:
        view = self._template.view(view_id)
        folder = self._template.folder
        if not self._template.parts or view.art is None or folder is None:
            return None
        try:
            data = load_art(folder, view.art).data
        except StudioError:
            return None
        art = ArtDocument(data)
        # Paint part numbers in document order so that a part drawn later (on top) wins.
        order = {el.get("id"): i for i, el in enumerate(ET.fromstring(data).iter()) if el.get("id")}
        entries = []
        for number, part in enumerate(self._template.parts, start=1):
            for element_id in part.elements:
                if element_id in art.ids:
                    entries.append((order.get(element_id, 0), number, element_id))
        if not entries:
            return None
        index = np.zeros((height, width), dtype=np.uint8)
        for _order, number, element_id in sorted(entries):
            svg = art.alone(element_id, silhouette=True)
            if svg is None:
                continue
            alpha = rasterise(svg, width, height)[..., 3]
            index[alpha > 0.5] = number
        return index


class PreviewPanel(QWidget):
    """The mockup dock: the product with the design on it, its views, and the angle of round products.

    Signals
    -------
    part_clicked(str)
        A colourable part was clicked in the picture.
    rendered()
        A new picture is shown (used by tests and benchmarks).
    """

    part_clicked = Signal(str)
    rendered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MockupPreview")
        self.setAccessibleName(self.tr("Mockup preview"))
        self._session: EditorSession | None = None
        self._renderer: MockupRenderer | None = None
        self._replica = _Replica()
        self._parts: _PartMap | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._generation = 0
        self._busy = False
        self._pending = False
        self._shown_generation = 0
        self._view_id = ""
        self.requests = 0  # pictures asked of the worker (tests, benchmarks)
        self.rest = REST
        self._started = 0.0

        self._views = QHBoxLayout()
        self._views.setSpacing(4)
        self._view_group = QButtonGroup(self)
        self._view_group.setExclusive(True)
        self._view_group.idClicked.connect(self._on_view_clicked)
        self._angle = QSlider(Qt.Orientation.Horizontal)
        self._angle.setRange(-180, 180)
        self._angle.setSingleStep(5)
        self._angle.setPageStep(45)
        self._angle.setAccessibleName(self.tr("Turn the product"))
        self._angle.setToolTip(self.tr("Turn the product to see all of a wrap-around label"))
        self._angle.valueChanged.connect(lambda _v: self.refresh())
        self._angle_label = QLabel(self.tr("Turn"))
        self._picture = _Picture(self)
        self._picture.setAccessibleName(self.tr("Mockup picture"))
        self._picture.clicked.connect(self._on_picture_clicked)
        self._picture.hovered.connect(self._on_hover)
        # Changes made in one turn of the event loop (a grouped command, a resize) make one request.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._request)

        top = QHBoxLayout()
        top.addLayout(self._views)
        top.addStretch(1)
        angle_row = QHBoxLayout()
        angle_row.addWidget(self._angle_label)
        angle_row.addWidget(self._angle, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self._picture, 1)
        layout.addLayout(angle_row)

    # -- following the session --------------------------------------------------------------
    def set_session(self, session: EditorSession | None) -> None:
        if self._session is not None:
            self._session.design_changed.disconnect(self.refresh)
            self._session.area_changed.disconnect(self._follow_area)
        self._session = session
        self._renderer = MockupRenderer(session.template) if session else None
        self._replica = _Replica()  # a new one per session: the running job keeps its own
        self._parts = _PartMap(session.template) if session else None
        for button in self._view_group.buttons():
            self._view_group.removeButton(button)
            button.deleteLater()
        if session is None:
            self._picture.set_image(QImage())
            return
        session.design_changed.connect(self.refresh)
        session.area_changed.connect(self._follow_area)
        views = [v for v in session.template.views if v.art]
        for i, view in enumerate(views):
            button = QToolButton(self)
            button.setText(localize(view.name, _language()))
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setProperty("view_id", view.id)
            button.setAccessibleName(self.tr("View: {name}").format(name=button.text()))
            self._view_group.addButton(button, i)
            self._views.addWidget(button)
        self._view_id = views[0].id if views else ""
        if views:
            self._view_group.button(0).setChecked(True)
        self._update_angle_visibility()
        self.refresh()

    @property
    def view_id(self) -> str:
        return self._view_id

    def set_view(self, view_id: str) -> None:
        for button in self._view_group.buttons():
            if button.property("view_id") == view_id:
                button.setChecked(True)
                self._view_id = view_id
                self._update_angle_visibility()
                self.refresh()
                return
        raise KeyError(view_id)

    def _follow_area(self, area_id: str) -> None:
        """Show a view where the area being edited appears (the lid label shows the lid)."""
        if self._session is None:
            return
        placed = [p.view for p in self._session.template.area(area_id).placements]
        offered = {str(b.property("view_id")) for b in self._view_group.buttons()}  # views with art
        shown = [view for view in placed if view in offered]
        if shown and self._view_id not in shown:
            self.set_view(shown[0])

    def set_angle(self, degrees: float) -> None:
        self._angle.setValue(round(degrees))

    def _on_view_clicked(self, index: int) -> None:
        button = self._view_group.button(index)
        self._view_id = str(button.property("view_id"))
        self._update_angle_visibility()
        self.refresh()

    def _update_angle_visibility(self) -> None:
        round_view = False
        if self._session is not None and self._view_id:
            for area in self._session.template.print_areas:
                round_view |= any(p.view == self._view_id and p.kind in ("cylinder", "cone") for p in area.placements)
        self._angle.setVisible(round_view)
        self._angle_label.setVisible(round_view)

    # -- rendering --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask for a picture of the design as it is now.

        It is started on the next turn of the event loop if the worker is idle; otherwise it
        replaces any request already waiting, and starts when the worker comes free.
        """
        if self._session is None or not self._view_id:
            return
        if self._busy:
            self._pending = True
        elif not self._soon.isActive():  # (while it rests, the coming request takes this edit)
            self._soon.start(0)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the picture being rendered (tests, closing); True if none is left running."""
        return self._pool.waitForDone(msecs)

    def _request(self) -> None:
        self._soon.stop()
        if self._busy:
            self._pending = True
            return
        self._pending = False
        session, renderer = self._session, self._renderer
        if session is None or renderer is None or not self._view_id:
            return
        self._generation += 1
        ratio = self.devicePixelRatioF()
        size = int(min(MAX_SIDE, max(self._picture.width(), self._picture.height()) * ratio))
        # The worker reads a snapshot (plain data, cheap to take): the user keeps editing the
        # live design meanwhile, and the worker rebuilds a Design from it.
        document = session.document
        request = _Request(
            self._generation,
            document.design.model_dump(),
            session.template,
            document.resources,
            document.fonts,
            session.title,
            self._view_id,
            max(size, 64),
            float(self._angle.value()),
        )
        self._busy = True
        self.requests += 1
        self._started = time.perf_counter()
        self._pool.start(_Job(renderer, self._replica, request, self._signals))

    def _on_done(self, generation: int, image: QImage, error: str) -> None:
        if not _alive(self):
            return
        self._busy = False
        if generation > self._shown_generation:
            self._shown_generation = generation
            if error:
                self._picture.set_message(error)
            else:
                self._picture.set_image(image)
                self.rendered.emit()
        if self._pending:
            # The latest edit, as it is when the worker has rested: edits that keep coming (a
            # drag) get a picture every so often, and the GUI thread the interpreter to itself
            # in between (the worker's Python code shares one interpreter lock with it).
            self._pending = False
            took_ms = (time.perf_counter() - self._started) * 1000.0
            self._soon.start(round(min(self.rest * took_ms, MAX_REST_MS)))

    # -- parts --------------------------------------------------------------------------------
    def _part_at(self, point: QPointF) -> str | None:
        if self._parts is None or not self._view_id:
            return None
        return self._parts.part_at(self._view_id, self._picture.image_size(), point.x(), point.y())

    def _on_picture_clicked(self, point: QPointF) -> None:
        part = self._part_at(point)
        if part is not None:
            self.part_clicked.emit(part)

    def _on_hover(self, point: QPointF) -> None:
        part = self._part_at(point) if self._session and self._session.template.parts else None
        if part is None:
            self._picture.unsetCursor()
            self._picture.setToolTip("")
            return
        self._picture.setCursor(Qt.CursorShape.PointingHandCursor)
        name = next(localize(p.name, _language()) for p in self._session.template.parts if p.id == part)  # type: ignore[union-attr]
        self._picture.setToolTip(self.tr("Click to recolour: {part}").format(part=name))

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.refresh()


def _alive(obj: QObject) -> bool:
    """Whether the C++ side of ``obj`` still exists (a queued result may outlive the panel)."""
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True


def _language() -> str:
    from PySide6.QtCore import QLocale

    return QLocale().name().split("_")[0] or "en"


def install(window: MainWindow) -> None:
    """Add the mockup preview dock to ``window``."""
    panel = PreviewPanel()
    window.add_dock(
        "preview", QCoreApplication.translate("PreviewPanel", "Mockup"), panel, Qt.DockWidgetArea.RightDockWidgetArea
    )
    window.session_changed.connect(panel.set_session)

    def select_part(part_id: str) -> None:
        product = window.docks.get("product")
        target = product.widget() if product is not None else None
        if target is not None and hasattr(target, "select_part"):
            product.raise_()  # type: ignore[union-attr]
            target.select_part(part_id)

    panel.part_clicked.connect(select_part)
    window.preview = panel  # type: ignore[attr-defined]
