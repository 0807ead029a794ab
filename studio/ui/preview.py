"""The live mockup beside the canvas.

Every edit asks for a new picture; pictures are rendered off the GUI thread, one at a time, and
only the latest request is rendered when the worker comes free, so the editor never waits for the
preview and the preview never shows an old edit last. Clicking a colourable part of the product
(a sneaker's toe cap) selects it in the Product panel.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import numpy as np
from PIL import Image
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
from studio.model.errors import StudioError
from studio.model.template import Template, localize
from studio.render._art import ArtDocument, rasterise
from studio.render.mockup import MockupRenderer
from studio.render.scene import Document
from studio.ui.main_window import MainWindow
from studio.ui.session import EditorSession

MAX_SIDE = 1200
DEBOUNCE_MS = 30


@dataclass(frozen=True)
class _Request:
    generation: int
    doc: Document
    view_id: str
    size: int
    angle: float


class _Signals(QObject):
    done = Signal(int, QImage, str)  # generation, picture, error message


class _Job(QRunnable):
    def __init__(self, renderer: MockupRenderer, request: _Request, signals: _Signals) -> None:
        super().__init__()
        self.renderer = renderer
        self.request = request
        self.signals = signals

    def run(self) -> None:
        r = self.request
        try:
            picture = self.renderer.render(r.doc, r.view_id, size=r.size, angle=r.angle, background=None)
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
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._request)

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
        self._session = session
        self._renderer = MockupRenderer(session.template) if session else None
        self._parts = _PartMap(session.template) if session else None
        for button in self._view_group.buttons():
            self._view_group.removeButton(button)
            button.deleteLater()
        if session is None:
            self._picture.set_image(QImage())
            return
        session.design_changed.connect(self.refresh)
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
        """Ask for a new picture soon (edits in quick succession make one request)."""
        if self._session is not None and self._view_id:
            self._debounce.start()

    def _request(self) -> None:
        if self._busy:
            self._pending = True
            return
        session, renderer = self._session, self._renderer
        if session is None or renderer is None:
            return
        self._generation += 1
        ratio = self.devicePixelRatioF()
        size = int(min(MAX_SIDE, max(self._picture.width(), self._picture.height()) * ratio))
        # The worker reads a snapshot: the user keeps editing the live design meanwhile.
        snapshot = session.document.design.model_copy(deep=True)
        doc = Document(
            snapshot, session.template, session.document.resources, session.document.fonts, {}, session.title
        )
        request = _Request(self._generation, doc, self._view_id, max(size, 64), float(self._angle.value()))
        self._busy = True
        self._pool.start(_Job(renderer, request, self._signals))

    def _on_done(self, generation: int, image: QImage, error: str) -> None:
        self._busy = False
        if error:
            self._picture.set_message(error)
        elif generation > self._shown_generation:
            self._shown_generation = generation
            self._picture.set_image(image)
            self.rendered.emit()
        if self._pending:
            self._pending = False
            self._request()

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

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.refresh()


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
