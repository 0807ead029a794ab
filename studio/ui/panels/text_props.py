"""Text layers: the words, font, size, colour, outline, spacing, alignment, box and arc."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from studio.commands import SetText
from studio.model.color import Color
from studio.model.design import AnyLayer, Arc, Stroke, TextLayer
from studio.text.fonts import FontError
from studio.ui.panels import _icons
from studio.ui.panels._props_base import PropertySection
from studio.ui.panels._widgets import LengthSpin, NumberSpin
from studio.ui.panels.color_button import ColorButton, ColorField
from studio.ui.panels.font_picker import FontPicker

if TYPE_CHECKING:
    from studio.ui.panels.properties import PropertiesPanel


class _TextBox(QPlainTextEdit):
    """The words of a text layer; a few lines high, Tab moves on to the next field."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        lines = QFontMetrics(self.font()).lineSpacing()
        self.setFixedHeight(lines * 3 + 14)


class TextSection(PropertySection):
    """Everything about the look of text; with several text layers selected, all but the words."""

    def __init__(self, panel: PropertiesPanel) -> None:
        super().__init__(self.tr("Text"), panel)
        self.text = _TextBox()
        self.text.setAccessibleName(self.tr("Text"))
        self.text.setToolTip(self.tr("The words; {field} is replaced by a field's value (see Fields)"))
        self.text.setPlaceholderText(self.tr("Type the text…"))
        self.text.textChanged.connect(self._typed)
        self.text.installEventFilter(self)

        self.font_picker = FontPicker()
        self.font_picker.family_chosen.connect(self._family_chosen)
        self.style_box = QComboBox()
        self.style_box.setToolTip(self.tr("Weight and slant of the font"))
        self.style_box.activated.connect(self._style_chosen)

        self.size_spin = NumberSpin(0.5, 2000, decimals=1, step=1, suffix=" pt", tip=self.tr("Font size in points"))
        self.color = ColorField(title=self.tr("Text colour"))
        self.color.color_chosen.connect(self._color_chosen)

        self.outline = QCheckBox()
        self.outline.setToolTip(self.tr("Draw an outline around the letters"))
        self.outline.setAccessibleName(self.tr("Outline"))
        self.outline.toggled.connect(self._outline_toggled)
        self.outline_color = ColorButton(title=self.tr("Outline colour"))
        self.outline_color.color_chosen.connect(
            lambda c: c is not None and self.apply({"stroke.color": c}, label="Change Outline")
        )
        self.outline_width = LengthSpin(minimum_mm=0.05, maximum_mm=100, fine=True, tip=self.tr("Outline width"))
        self.outline_width.edited_mm.connect(
            lambda mm: self.apply({"stroke.width": mm}, label="Change Outline", merge_key="props.stroke.width")
        )

        self.spacing = NumberSpin(
            -500, 5000, decimals=0, step=10, tip=self.tr("Space between letters, in thousandths of an em")
        )
        self.spacing.setSuffix(self.tr(" /1000 em"))
        self.line_height = NumberSpin(
            0.3,
            10,
            decimals=2,
            step=0.05,
            suffix=" ×",
            tip=self.tr("Distance between lines, as a multiple of the size"),
        )

        self.align_group = QButtonGroup(self)
        align_row = QWidget()
        align_layout = QHBoxLayout(align_row)
        align_layout.setContentsMargins(0, 0, 0, 0)
        align_layout.setSpacing(2)
        self.align_buttons: dict[str, QToolButton] = {}
        for value, tip in (
            ("left", self.tr("Align left")),
            ("center", self.tr("Centre")),
            ("right", self.tr("Align right")),
        ):
            button = QToolButton()
            button.setCheckable(True)
            button.setIcon(_icons.icon(f"align-{value}"))
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _c=False, v=value: self.apply({"align": v}, label="Align Text"))
            self.align_group.addButton(button)
            align_layout.addWidget(button)
            self.align_buttons[value] = button
        align_layout.addStretch(1)

        self.box = QCheckBox(self.tr("Fixed width"))
        self.box.setToolTip(self.tr("Wrap or shrink the text to a box of this width"))
        self.box.toggled.connect(self._box_toggled)
        self.box_width = LengthSpin(minimum_mm=1, maximum_mm=10_000, tip=self.tr("Width of the text box"))
        self.box_width.setAccessibleName(self.tr("Box width"))
        self.box_width.edited_mm.connect(
            lambda mm: self.apply({"box_width": mm}, label="Change Text Box", merge_key="props.box_width")
        )
        self.shrink = QCheckBox(self.tr("Shrink to fit"))
        self.shrink.setToolTip(self.tr("Make the text smaller until it fits the box (long names stay on one line)"))
        self.shrink.toggled.connect(
            lambda on: self._user_edit() and self.apply({"fit": "shrink" if on else "none"}, label="Change Text Box")
        )

        self.hyphenation = QComboBox()
        self.hyphenation.setToolTip(
            self.tr("Words too long for the box are split by the rules of this language; off: never split")
        )
        self.hyphenation.setAccessibleName(self.tr("Hyphenation language"))
        self.hyphenation.addItem(self.tr("Off"), None)
        for code, name in (
            ("en", self.tr("English")),
            ("fr", self.tr("French")),
            ("de", self.tr("German")),
            ("es", self.tr("Spanish")),
            ("it", self.tr("Italian")),
            ("nl", self.tr("Dutch")),
            ("pt", self.tr("Portuguese")),
        ):
            self.hyphenation.addItem(name, code)
        self.hyphenation.activated.connect(
            lambda _i: self.apply({"language": self.hyphenation.currentData()}, label="Change Hyphenation")
        )

        self.arc = QCheckBox(self.tr("Along a circle"))
        self.arc.setToolTip(self.tr("Set the text on an arc (round labels, lids)"))
        self.arc.toggled.connect(self._arc_toggled)
        self.arc_radius = LengthSpin(minimum_mm=0.2, maximum_mm=10_000, tip=self.tr("Radius of the circle"))
        self.arc_radius.setAccessibleName(self.tr("Arc radius"))
        self.arc_radius.edited_mm.connect(
            lambda mm: self.apply({"arc.radius": mm}, label="Change Arc", merge_key="props.arc.radius")
        )
        self.arc_side = QComboBox()
        self.arc_side.addItem(self.tr("Outside (reads along the top)"), "outside")
        self.arc_side.addItem(self.tr("Inside (reads along the bottom)"), "inside")
        self.arc_side.setAccessibleName(self.tr("Arc side"))
        self.arc_side.activated.connect(
            lambda _i: self.apply({"arc.side": self.arc_side.currentData()}, label="Change Arc")
        )

        self.text_label = self.add_row(self.tr("&Text"), self.text)
        self.add_row(self.tr("&Font"), self.font_picker)
        self.add_row(self.tr("St&yle"), self.style_box)
        self.add_row(self.tr("Si&ze"), self.size_spin)
        self.add_row(self.tr("&Colour"), self.color)
        self.add_row(self.tr("Outline"), self._line(self.outline, self.outline_color, self.outline_width))
        self.add_row(self.tr("Letter spacing"), self.spacing)
        self.add_row(self.tr("Line height"), self.line_height)
        self.add_row(self.tr("Alignment"), align_row)
        self.add_row(self.tr("Box"), self._line(self.box, self.box_width))
        self.add_row("", self.shrink)
        self.add_row(self.tr("Hyphenation"), self.hyphenation)
        self.add_row(self.tr("Arc"), self._line(self.arc, self.arc_radius))
        self.add_row("", self.arc_side)

        self.size_spin.edited.connect(lambda v: self.apply({"size": v}, label="Change Size", merge_key="props.size"))
        self.spacing.edited.connect(
            lambda v: self.apply({"letter_spacing": v}, label="Change Spacing", merge_key="props.letter_spacing")
        )
        self.line_height.edited.connect(
            lambda v: self.apply({"line_height": v}, label="Change Line Height", merge_key="props.line_height")
        )
        for spin in (
            self.size_spin,
            self.spacing,
            self.line_height,
            self.outline_width,
            self.box_width,
            self.arc_radius,
        ):
            spin.finished.connect(self.seal)
        self._updating = False

    @staticmethod
    def _line(*widgets: QWidget) -> QWidget:
        holder = QWidget()
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, LengthSpin) else 0)
        return holder

    def _user_edit(self) -> bool:
        return not self._updating

    # -- showing ----------------------------------------------------------------------------------
    def applies_to(self, layers: list[AnyLayer]) -> bool:
        return bool(layers) and all(isinstance(layer, TextLayer) for layer in layers)

    def update_values(self) -> None:
        if not self.layers:
            return
        first = self.layers[0]
        assert isinstance(first, TextLayer)
        self._updating = True
        try:
            single = len(self.layers) == 1
            self.set_row_visible(self.text, single)
            if single and self.text.toPlainText() != first.text:
                self.text.setPlainText(first.text)
            registry = self.panel.fonts()
            if registry is not self.font_picker.registry:
                self.font_picker.reload(registry)
            self.font_picker.set_family(first.font_family)
            self.style_box.clear()
            styles = registry.styles(first.font_family) or [first.font_style]
            self.style_box.addItems(styles)
            if first.font_style not in styles:
                self.style_box.addItem(first.font_style)
            self.style_box.setCurrentText(first.font_style)
            self.size_spin.set_value(first.size)
            self.color.set_color(first.color)
            for spin in (self.outline_width, self.box_width, self.arc_radius):
                if spin.units != self.units:
                    spin.set_units(self.units)
            self.outline.setChecked(first.stroke is not None)
            self.outline_color.setEnabled(first.stroke is not None)
            self.outline_width.setEnabled(first.stroke is not None)
            if first.stroke is not None:
                self.outline_color.set_color(first.stroke.color)
                self.outline_width.set_value_mm(first.stroke.width)
            self.spacing.set_value(first.letter_spacing)
            self.line_height.set_value(first.line_height)
            self.align_buttons[first.align].setChecked(True)
            self.box.setChecked(first.box_width is not None)
            self.box_width.setEnabled(first.box_width is not None)
            self.shrink.setEnabled(first.box_width is not None)
            self.box_width.set_value_mm(first.box_width if first.box_width is not None else self._default_box())
            self.shrink.setChecked(first.fit == "shrink")
            self.hyphenation.setEnabled(first.box_width is not None and first.fit != "shrink")
            index = self.hyphenation.findData(first.language)
            if index < 0:  # a language set in the file that the list does not offer: show it as it is
                self.hyphenation.addItem(first.language or "", first.language)
                index = self.hyphenation.count() - 1
            self.hyphenation.setCurrentIndex(index)
            self.arc.setChecked(first.arc is not None)
            self.arc_radius.setEnabled(first.arc is not None)
            self.arc_side.setEnabled(first.arc is not None)
            self.arc_radius.set_value_mm(first.arc.radius if first.arc is not None else self._default_radius())
            self.arc_side.setCurrentIndex(0 if first.arc is None or first.arc.side == "outside" else 1)
        finally:
            self._updating = False

    # -- editing ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.FocusOut:
            self.seal()  # the typing burst is over
        return super().eventFilter(watched, event)

    def _typed(self) -> None:
        session = self.panel.session
        if self._updating or session is None or len(self.layers) != 1:
            return
        text = self.text.toPlainText()
        if text != getattr(self.layers[0], "text", text):
            session.push(SetText(self.layers[0].id, text))

    def _family_chosen(self, family: str) -> None:
        registry = self.panel.fonts()
        first = self.layers[0] if self.layers else None
        style = first.font_style if isinstance(first, TextLayer) else "Regular"
        with contextlib.suppress(FontError):
            style = registry.face(family, style).style
        self.apply({"font_family": family, "font_style": style}, label="Change Font")

    def _style_chosen(self, _index: int) -> None:
        style = self.style_box.currentText()
        if style:
            self.apply({"font_style": style}, label="Change Font")

    def _color_chosen(self, color: Color | None) -> None:
        if color is not None:
            self.apply({"color": color}, label="Change Colour")

    def _outline_toggled(self, on: bool) -> None:
        if self._updating:
            return
        first = self.layers[0] if self.layers else None
        if not isinstance(first, TextLayer):
            return
        if on:
            color = self.outline_color.color() or Color(
                hex="#FFFFFF" if first.color.relative_luminance() < 0.5 else "#000000"
            )
            stroke = Stroke(color=color, width=max(0.2, first.size * 0.02))
            self.apply({"stroke": stroke}, label="Add Outline")
        else:
            self.apply({"stroke": None}, label="Remove Outline")

    def _box_toggled(self, on: bool) -> None:
        if self._updating:
            return
        if on:
            self.apply({"box_width": self._default_box()}, label="Change Text Box")
        else:
            self.apply({"box_width": None, "fit": "none"}, label="Change Text Box")

    def _default_box(self) -> float:
        """A text box as wide as the safe area, up to 80 mm."""
        session = self.panel.session
        return round(min(80.0, session.area.safe_rect.width), 1) if session is not None else 80.0

    def _default_radius(self) -> float:
        """An arc that fits the safe area (a round lid's label reads along its edge)."""
        session = self.panel.session
        if session is None:
            return 40.0
        safe = session.area.safe_rect
        return max(5.0, round(min(safe.width, safe.height) / 2, 1))

    def _arc_toggled(self, on: bool) -> None:
        if self._updating:
            return
        if on:
            self.apply({"arc": Arc(radius=self._default_radius())}, label="Set Text on Arc")
        else:
            self.apply({"arc": None}, label="Straighten Text")
