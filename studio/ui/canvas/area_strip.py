"""A strip of print-area thumbnails under the canvas: click one to edit that area.

Thumbnails are rendered from the areas' display lists (the same drawing as exports) and redrawn
a moment after edits stop, so that typing or dragging never waits for them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from studio.model.errors import StudioError
from studio.model.template import localize
from studio.render.mockup import MockupRenderer
from studio.render.qt import qpainter_path, render_image
from studio.ui.session import EditorSession

__all__ = ["AreaStrip"]

THUMB = QSize(112, 64)
REFRESH_MS = 600


class AreaStrip(QListWidget):
    """Thumbnails of the session's print areas; the current one is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas.areas")
        self.setAccessibleName(self.tr("Print areas"))
        self.setToolTip(self.tr("Print areas of this product: click one to design it"))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(THUMB)
        self.setSpacing(4)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(THUMB.height() + 44)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setStyleSheet(
            "QListWidget#canvas\\.areas { background: #eceef1; border-top: 1px solid #d0d4da; }"
            "QListWidget#canvas\\.areas::item { border-radius: 6px; padding: 4px; color: #343a40; }"
            "QListWidget#canvas\\.areas::item:selected { background: #dbe7ff; color: #0b3d91; }"
        )
        self.session: EditorSession | None = None
        self._stale: set[str] = set()
        self._substrates: MockupRenderer | None = None
        self._product_colours: object = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.itemClicked.connect(self._clicked)

    def set_session(self, session: EditorSession | None) -> None:
        if self.session is not None:
            try:
                self.session.design_changed.disconnect(self._on_design_changed)
                self.session.area_changed.disconnect(self._on_area_changed)
            except (RuntimeError, TypeError):
                pass
        self.session = session
        self.clear()
        if session is None:
            return
        session.design_changed.connect(self._on_design_changed)
        session.area_changed.connect(self._on_area_changed)
        for area in session.template.print_areas:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, area.id)
            item.setSizeHint(QSize(THUMB.width() + 16, THUMB.height() + 34))
            self.addItem(item)
        self._name_areas()
        self._stale = set(session.document.area_ids())
        self._on_area_changed(session.area_id)
        self.setVisible(len(session.template.print_areas) > 1)
        self.refresh()

    def _name_areas(self) -> None:
        """Label each thumbnail with its area's name in the interface language."""
        if self.session is None:
            return
        lang = QLocale().name()[:2]
        names = {area.id: localize(area.name, lang) for area in self.session.template.print_areas}
        for i in range(self.count()):
            item = self.item(i)
            name = names.get(str(item.data(Qt.ItemDataRole.UserRole)), "")
            item.setText(name)
            item.setToolTip(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("Print areas"))
            self.setToolTip(self.tr("Print areas of this product: click one to design it"))
            self._name_areas()
        super().changeEvent(event)

    def _on_area_changed(self, area_id: str) -> None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == area_id:
                self.setCurrentItem(item)

    def _on_design_changed(self) -> None:
        # Edits happen on the current area; design-wide changes (fields, fonts) are rare and
        # caught up with when the user switches.
        if self.session is not None:
            self._stale.add(self.session.area_id)
            design = self.session.design
            colours = (dict(design.options), {k: v.hex for k, v in design.part_colors.items()})
            if colours != self._product_colours:  # a new garment colour shows under every area
                self._product_colours = colours
                self._stale.update(self.session.document.area_ids())
            self._timer.start()

    def _clicked(self, item: QListWidgetItem) -> None:
        if self.session is not None:
            self.session.set_area(str(item.data(Qt.ItemDataRole.UserRole)))

    def refresh(self) -> None:
        """Redraw the thumbnails of the areas edited since the last refresh."""
        session = self.session
        if session is None:
            return
        stale, self._stale = self._stale, set()
        for i in range(self.count()):
            item = self.item(i)
            area_id = str(item.data(Qt.ItemDataRole.UserRole))
            if area_id in stale:
                item.setIcon(QIcon(self._thumbnail(session, area_id)))

    def _paper(self, session: EditorSession, area_id: str) -> str:
        """What the area is printed on, as the canvas shows it."""
        if self._substrates is None or self._substrates.template is not session.template:
            self._substrates = MockupRenderer(session.template)
        try:
            return self._substrates.substrate(session.design, area_id) or "#FFFFFF"
        except StudioError:
            return "#FFFFFF"

    def _thumbnail(self, session: EditorSession, area_id: str) -> QPixmap:
        area = session.template.area(area_id)
        page = area.bleed_rect()
        dpr = self.devicePixelRatioF()
        scale = min(THUMB.width() / page.width, THUMB.height() / page.height)
        dpi = scale * 25.4 * dpr
        try:
            image = render_image(session.document.scene(area_id), dpi=dpi, transparent=True)
        except StudioError:
            image = QImage(
                max(1, round(page.width * scale * dpr)),
                max(1, round(page.height * scale * dpr)),
                QImage.Format.Format_ARGB32,
            )
            image.fill(QColor("#f8d7da"))
        canvas = QPixmap(round(THUMB.width() * dpr), round(THUMB.height() * dpr))
        canvas.setDevicePixelRatio(dpr)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        image.setDevicePixelRatio(dpr)
        w, h = image.width() / dpr, image.height() / dpr
        x, y = (THUMB.width() - w) / 2, (THUMB.height() - h) / 2
        painter.fillRect(round(x) + 1, round(y) + 2, round(w), round(h), QColor(0, 0, 0, 40))
        painter.fillRect(round(x), round(y), round(w), round(h), QColor(self._paper(session, area_id)))
        painter.drawImage(round(x), round(y), image)
        if area.shape.kind != "rectangle":
            # Shaped areas show their die line, so an empty lid still reads as a circle.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(x, y)
            painter.scale(scale, scale)
            painter.translate(-page.x, -page.y)
            pen = QPen(QColor("#adb5bd"), 1.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawPath(qpainter_path(area.outline()))
        painter.end()
        return canvas
