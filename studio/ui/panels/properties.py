"""The Properties panel: what can be changed about the selection, or about the area when nothing is selected.

The panel stacks sections (layout, text, picture, shape, fields); each shows itself when it
applies to every selected layer, so a mixed selection offers only what the layers share.
Edits go through commands; a spin box held down or a slider dragged is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QStyle, QVBoxLayout, QWidget

from studio.commands import SetBackground
from studio.model.color import Color
from studio.model.design import AnyLayer
from studio.model.template import localize
from studio.text import FontRegistry
from studio.ui.panels import _icons
from studio.ui.panels._props_base import PropertySection
from studio.ui.panels._session import SessionPanel, ui_language
from studio.ui.panels._widgets import Section
from studio.ui.panels.code_props import CodeSection
from studio.ui.panels.color_button import ColorField
from studio.ui.panels.fields_props import FieldsSection
from studio.ui.panels.image_props import ImageSection
from studio.ui.panels.layer_model import LayerListModel
from studio.ui.panels.shape_props import ShapeSection
from studio.ui.panels.text_props import TextSection
from studio.ui.panels.transform_props import TransformSection
from studio.ui.session import EditorSession

PREFERRED_WIDTH = 300
PREFERRED_HEIGHT = 420
"""The Properties dock's size when the window has room (px); it works down to about 220 px wide."""


class BackgroundSection(Section):
    """The print area's background colour (shown when nothing is selected)."""

    def __init__(self, panel: PropertiesPanel) -> None:
        super().__init__(self.tr("Background"), panel)
        self.panel = panel
        self.color = ColorField(allow_none=True, title=self.tr("Background colour"))
        self.color.color_chosen.connect(self._chosen)
        self.add_row(self.tr("&Colour"), self.color)
        hint = QLabel(self.tr("Covers the whole area, bleed included. Select a layer to edit it."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.form.addRow(hint)

    def update_values(self) -> None:
        session = self.panel.session
        if session is not None:
            self.color.set_color(session.design.area(session.area_id).background)

    def _chosen(self, color: Color | None) -> None:
        session = self.panel.session
        if session is not None:
            session.push(SetBackground(session.area_id, color))


class PropertiesPanel(SessionPanel):
    """The Properties dock's content.

    Parameters
    ----------
    units
        Returns the user's length units (``mm`` or ``in``) each time the panel refreshes.
    show_error
        Tells the user about a file that cannot be used.
    """

    def __init__(
        self,
        *,
        units: Callable[[], str] = lambda: "mm",
        show_error: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.properties")
        self._units = units
        self._show_error = show_error
        self._namer = LayerListModel(self)

        self.header_icon = QLabel()
        self.header = QLabel()
        font = QFont(self.header.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.header.setFont(font)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.header.setWordWrap(True)  # long layer names and translations: no wide dock
        self.subheader = QLabel()
        self.subheader.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.subheader.setWordWrap(True)
        head = QWidget()
        head_layout = QHBoxLayout(head)
        head_layout.setContentsMargins(10, 8, 10, 4)
        head_layout.addWidget(self.header_icon)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.header)
        titles.addWidget(self.subheader)
        head_layout.addLayout(titles, 1)

        self.transform = TransformSection(self)
        self.text = TextSection(self)
        self.image = ImageSection(self)
        self.shape = ShapeSection(self)
        self.code = CodeSection(self)
        self.sections: list[PropertySection] = [self.transform, self.text, self.image, self.shape, self.code]
        self.fields = FieldsSection(self)
        self.background = BackgroundSection(self)

        body = QWidget()
        body.setObjectName("properties.body")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for section in (*self.sections, self.background, self.fields):
            column.addWidget(section)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(body)
        body.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(head)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(rule)
        layout.addWidget(self.scroll_area, 1)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.widget() and event.type() == QEvent.Type.Resize:
            self._fit_sections()
        return super().eventFilter(watched, event)

    def _fit_sections(self) -> None:
        """Labels above the fields in every section, or beside them in every one (a narrow dock)."""
        shown = [s for s in (*self.sections, self.background, self.fields) if not s.isHidden()]
        width = max((section.side_by_side_width() for section in shown), default=0)
        for section in (*self.sections, self.background, self.fields):
            section.set_wrap_width(width)

    def sizeHint(self) -> QSize:
        # Room for labels beside the fields when the window has it; narrower docks wrap them.
        hint = super().sizeHint()
        return QSize(max(hint.width(), PREFERRED_WIDTH), max(hint.height(), PREFERRED_HEIGHT))

    # -- what the sections ask for -------------------------------------------------------------------
    @property
    def units(self) -> str:
        return self._units()

    def fonts(self) -> FontRegistry:
        """The fonts the open document can use (bundled, installed and the project's own)."""
        return self.session.document.fonts if self.session is not None else FontRegistry.default()

    def show_error(self, message: str) -> None:
        if self._show_error is not None:
            self._show_error(message)

    # -- following the session ----------------------------------------------------------------------
    def attach(self, session: EditorSession) -> None:
        self.listen(session.design_changed, self.refresh)
        self.listen(session.selection_changed, self.refresh)
        self.listen(session.area_changed, lambda _a: self.refresh())

    def refresh(self) -> None:
        session = self.session
        layers: list[AnyLayer] = session.selected_layers() if session is not None else []
        self.setEnabled(session is not None)
        self._show_header(layers)
        for section in self.sections:
            visible = section.applies_to(layers)
            if visible:
                section.show_layers(layers)
            section.setVisible(visible)
        fields = self.fields.applies_to(layers)
        if fields:
            self.fields.update_values()
        self.fields.setVisible(fields)
        self.background.setVisible(session is not None and not layers)
        if session is not None and not layers:
            self.background.update_values()
        self._fit_sections()
        # The fields never scroll sideways: the dock is at least as wide as the widest section
        # needs with its labels above the fields (about 250 px), whatever is selected.
        needed = max(section.minimumSizeHint().width() for section in (*self.sections, self.background, self.fields))
        bar = self.scroll_area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.scroll_area)
        self.scroll_area.setMinimumWidth(needed + bar + 2 * self.scroll_area.frameWidth())

    def _show_header(self, layers: list[AnyLayer]) -> None:
        session = self.session
        if session is None:
            self.header.setText(self.tr("No project open"))
            self.subheader.setText("")
            self.header_icon.clear()
        elif not layers:
            self.header.setText(localize(session.area.name, ui_language()))
            self.subheader.setText(self.tr("Print area — nothing selected"))
            self.header_icon.setPixmap(_icons.pixmap("document", 22))
        elif len(layers) == 1:
            layer = layers[0]
            self.header.setText(layer.name or self._namer.kind_name(layer))
            self.subheader.setText(self._namer.kind_name(layer) + (self.tr(" · locked") if layer.locked else ""))
            self.header_icon.setPixmap(_icons.pixmap(layer.kind, 22))
        else:
            self.header.setText(self.tr("{count} layers").format(count=len(layers)))
            self.subheader.setText(self.tr("Only what they have in common is shown"))
            kinds = {layer.kind for layer in layers}
            self.header_icon.setPixmap(_icons.pixmap(kinds.pop() if len(kinds) == 1 else "group", 22))
