"""The Product panel: the template's options (garment colour, glass) and its colourable parts.

Options are swatch buttons with their names; each part (a sneaker's toe cap, vamp, laces…) has
its palette as swatches and, when the template allows, a custom colour. The mockup preview
calls :meth:`ProductPanel.select_part` when the user clicks a part of the product.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.commands import RecolorPart, SetOption
from studio.model.color import Color
from studio.model.template import OptionChoice, Part, ProductOption, localize
from studio.ui.panels._session import SessionPanel, ui_language
from studio.ui.panels._widgets import FlowLayout
from studio.ui.panels.color_button import ColorButton, Swatch, swatch_icon
from studio.ui.session import EditorSession


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class ChoiceButton(QToolButton):
    """One choice of a product option: its colour above its name."""

    def __init__(self, choice: OptionChoice, name: str) -> None:
        super().__init__()
        self.choice = choice
        self.setCheckable(True)
        self.setText(name)
        self.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextUnderIcon
            if choice.color is not None
            else Qt.ToolButtonStyle.ToolButtonTextOnly
        )
        if choice.color is not None:
            self.setIcon(swatch_icon(choice.color, QSize(34, 22), radius=4))
            self.setIconSize(QSize(34, 22))
        self.setMinimumWidth(64)
        self.setToolTip(name if choice.color is None else f"{name} ({choice.color.hex})")
        self.setAccessibleName(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class PartRow(QFrame):
    """A colourable part: its name, current colour, palette swatches and Custom…."""

    def __init__(self, panel: ProductPanel, part: Part, lang: str) -> None:
        super().__init__()
        self.part = part
        self.setObjectName(f"part.{part.id}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setAccessibleName(localize(part.name, lang))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        head = QHBoxLayout()
        self.current = QLabel()
        self.name = QLabel(localize(part.name, lang))
        self.value = QLabel()
        self.value.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        head.addWidget(self.current)
        head.addWidget(self.name, 1)
        head.addWidget(self.value)
        layout.addLayout(head)
        swatches = QWidget()
        flow = FlowLayout(swatches, spacing=3)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.swatches: list[Swatch] = []
        for named in part.palette:
            swatch = Swatch(named.color, localize(named.name, lang), size=18)
            swatch.clicked.connect(lambda _c=False, c=named.color: panel.recolor(part.id, c))
            flow.add(swatch)
            self.swatches.append(swatch)
        self.custom: ColorButton | None = None
        if part.custom:
            title = QCoreApplication.translate("ProductPanel", "Colour of {part}").format(
                part=localize(part.name, lang)
            )
            self.custom = ColorButton(title=title)
            self.custom.setText(QCoreApplication.translate("ProductPanel", "Custom…"))
            self.custom.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.custom.setIconSize(QSize(14, 14))
            self.custom.suggestions = [named.color for named in part.palette]
            self.custom.color_chosen.connect(lambda c: panel.recolor(part.id, c) if c is not None else None)
            flow.add(self.custom)
        layout.addWidget(swatches)

    def show_color(self, color: Color) -> None:
        self.current.setPixmap(swatch_icon(color, QSize(16, 16), radius=8).pixmap(QSize(16, 16)))
        named = next((n for n in self.part.palette if n.color.hex == color.hex), None)
        self.value.setText(localize(named.name, ui_language()) if named is not None else color.hex)
        for swatch in self.swatches:
            swatch.setChecked(swatch.swatch_color == color)
        if self.custom is not None:
            self.custom.set_color(color)

    def set_highlighted(self, on: bool) -> None:
        role = QPalette.ColorRole.AlternateBase if on else QPalette.ColorRole.Window
        self.setBackgroundRole(role)
        self.setFrameShape(QFrame.Shape.StyledPanel if on else QFrame.Shape.NoFrame)
        font = QFont(self.name.font())
        font.setBold(on)
        self.name.setFont(font)


class ProductPanel(SessionPanel):
    """The Product dock's content: options first, then the parts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel.product")
        self.option_groups: dict[str, QButtonGroup] = {}
        self.option_buttons: dict[str, dict[str, ChoiceButton]] = {}
        self.part_rows: dict[str, PartRow] = {}
        self._template_id: str | None = None
        self._highlighted: str | None = None

        self.title = _bold(QLabel())
        self.title.setContentsMargins(10, 8, 10, 0)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setContentsMargins(10, 0, 10, 6)
        self.description.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addWidget(self.scroll_area, 1)
        self.refresh()

    # -- session ----------------------------------------------------------------------------------
    def attach(self, session: EditorSession) -> None:
        self.listen(session.design_changed, self.update_values)

    def refresh(self) -> None:
        session = self.session
        template_id = session.template.id if session is not None else None
        if template_id != self._template_id or session is None:
            self._template_id = template_id
            self._build()
        self.update_values()

    def _clear(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.option_groups, self.option_buttons, self.part_rows = {}, {}, {}
        self._highlighted = None

    def _build(self) -> None:
        self._clear()
        session = self.session
        if session is None:
            self.title.setText(self.tr("No project open"))
            self.description.setText("")
            return
        lang = ui_language()
        template = session.template
        self.title.setText(localize(template.product.name, lang))
        self.description.setText(localize(template.product.description, lang))
        for option in template.options:
            self.body_layout.addWidget(self._option_box(option, lang))
        if template.parts:
            heading = _bold(QLabel(self.tr("Colours")))
            heading.setContentsMargins(10, 10, 10, 2)
            self.body_layout.addWidget(heading)
            for part in template.parts:
                row = PartRow(self, part, lang)
                self.part_rows[part.id] = row
                self.body_layout.addWidget(row)
        if not template.options and not template.parts:
            empty = QLabel(self.tr("This product has no options or colourable parts."))
            empty.setWordWrap(True)
            empty.setContentsMargins(10, 10, 10, 10)
            empty.setEnabled(False)
            self.body_layout.addWidget(empty)
        self.body_layout.addStretch(1)

    def _option_box(self, option: ProductOption, lang: str) -> QWidget:
        box = QWidget()
        box.setObjectName(f"option.{option.id}")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(_bold(QLabel(localize(option.name, lang))))
        holder = QWidget()
        holder.setAccessibleName(localize(option.name, lang))
        flow = FlowLayout(holder, spacing=4)
        group = QButtonGroup(box)
        group.setExclusive(True)
        buttons: dict[str, ChoiceButton] = {}
        for choice in option.choices:
            button = ChoiceButton(choice, localize(choice.name, lang))
            button.clicked.connect(lambda _c=False, o=option.id, c=choice.id: self.choose_option(o, c))
            group.addButton(button)
            flow.add(button)
            buttons[choice.id] = button
        layout.addWidget(holder)
        self.option_groups[option.id] = group
        self.option_buttons[option.id] = buttons
        return box

    def update_values(self) -> None:
        session = self.session
        if session is None:
            return
        for option in session.template.options:
            chosen = session.design.options.get(option.id, option.default)
            button = self.option_buttons.get(option.id, {}).get(chosen)
            if button is not None:
                button.setChecked(True)
        for part in session.template.parts:
            row = self.part_rows.get(part.id)
            if row is not None:
                row.show_color(session.design.part_colors.get(part.id, part.default))

    # -- edits ------------------------------------------------------------------------------------
    def choose_option(self, option_id: str, choice_id: str) -> None:
        session = self.session
        if session is not None and session.design.options.get(option_id) != choice_id:
            session.push(SetOption(option_id, choice_id))

    def recolor(self, part_id: str, color: Color) -> None:
        session = self.session
        if session is None:
            return
        part = next(p for p in session.template.parts if p.id == part_id)
        if session.design.part_colors.get(part_id, part.default) != color:
            session.push(RecolorPart(part_id, color))

    def select_part(self, part_id: str) -> None:
        """Scroll to the part ``part_id`` and highlight it (the user clicked it on the mockup)."""
        row = self.part_rows.get(part_id)
        if row is None:
            return
        if self._highlighted is not None and self._highlighted in self.part_rows:
            self.part_rows[self._highlighted].set_highlighted(False)
        self._highlighted = part_id
        row.set_highlighted(True)
        dock = self.parentWidget()
        if dock is not None and hasattr(dock, "raise_"):
            dock.raise_()
        # The body may not be laid out yet when the panel was hidden behind another tab.
        QTimer.singleShot(0, self._scroll_to_highlight)
        first = next((s for s in row.swatches if s.isChecked()), row.swatches[0] if row.swatches else row.custom)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scroll_to_highlight(self) -> None:
        row = self.part_rows.get(self._highlighted or "")
        if row is not None:
            self.scroll_area.ensureWidgetVisible(row, 0, 24)

    @property
    def highlighted_part(self) -> str | None:
        return self._highlighted

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._template_id = None  # names are localized when the rows are built
            self.refresh()
        super().changeEvent(event)
