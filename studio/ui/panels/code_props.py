"""QR codes and barcodes: kind, content (fixed or from a field), error correction, colours, text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from studio.model.codes import code_problem, ean13_check_digit
from studio.model.design import AnyLayer, CodeLayer
from studio.ui.panels._props_base import PropertySection
from studio.ui.panels.color_button import ColorField

if TYPE_CHECKING:
    from studio.ui.panels.properties import PropertiesPanel

SAMPLES = {"qr": "https://example.com", "code128": "12345678", "ean13": "400638133393"}
"""Content given when the current one cannot be encoded in the kind of code chosen."""


def _may_hold(symbology: str, data: str) -> bool:
    """Whether a code of ``symbology`` can hold ``data``; with fields, whether its fixed text can be part of it."""
    literal = re.sub(r"\{[^{}]*\}", "", data)
    if literal == data:
        return code_problem(symbology, data) is None
    if symbology == "ean13":
        return literal.replace(" ", "").replace("-", "").isdigit() or not literal.strip(" -")
    if symbology == "code128":
        return all(32 <= ord(c) <= 126 for c in literal)
    return True


class CodeSection(PropertySection):
    """A code layer's symbology, content, error-correction level, colours and caption."""

    def __init__(self, panel: PropertiesPanel) -> None:
        super().__init__(self.tr("Code"), panel)
        self.kind = QComboBox()
        for value, text in (("qr", self.tr("QR code")), ("code128", self.tr("Code 128")), ("ean13", self.tr("EAN-13"))):
            self.kind.addItem(text, value)
        self.kind.setToolTip(self.tr("Kind of code"))
        self.kind.activated.connect(lambda _i: self._set_kind(self.kind.currentData()))

        self.data = QLineEdit()
        self.data.setAccessibleName(self.tr("Content"))
        self.data.setToolTip(
            self.tr("What the code holds: fixed text, or {field} to take it from a field (a column in batch work)")
        )
        self.data.editingFinished.connect(self._data_edited)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #D93025")

        self.level = QComboBox()
        for value, text in (
            ("L", self.tr("Low (7 %)")),
            ("M", self.tr("Medium (15 %)")),
            ("Q", self.tr("Quartile (25 %)")),
            ("H", self.tr("High (30 %)")),
        ):
            self.level.addItem(text, value)
        self.level.setToolTip(self.tr("How much of the code may be damaged or covered and still read"))
        self.level.activated.connect(
            lambda _i: self.apply({"error_correction": self.level.currentData()}, label="Change Error Correction")
        )

        self.color = ColorField(title=self.tr("Code colour"))
        self.color.color_chosen.connect(lambda c: c is not None and self.apply({"color": c}, label="Change Colour"))
        self.background = ColorField(allow_none=True, title=self.tr("Background colour"))
        self.background.color_chosen.connect(lambda c: self.apply({"background": c}, label="Change Background"))

        self.show_text = QCheckBox(self.tr("Print the content under the bars"))
        self.show_text.toggled.connect(self._text_toggled)

        self.add_row(self.tr("&Kind"), self.kind)
        self.add_row(self.tr("C&ontent"), self.data)
        self.add_row("", self.problem)
        self.add_row(self.tr("&Error correction"), self.level)
        self.add_row(self.tr("Co&lour"), self.color)
        self.add_row(self.tr("&Background"), self.background)
        self.add_row(self.tr("Te&xt"), self.show_text)
        self._updating = False

    def applies_to(self, layers: list[AnyLayer]) -> bool:
        return bool(layers) and all(isinstance(layer, CodeLayer) for layer in layers)

    def update_values(self) -> None:
        if not self.layers:
            return
        first = self.layers[0]
        assert isinstance(first, CodeLayer)
        self._updating = True
        try:
            self.kind.setCurrentIndex(max(0, self.kind.findData(first.symbology)))
            if not self.data.hasFocus() or self.data.text() == first.data:
                self.data.setText(first.data)
                self.problem.clear()
            self.set_row_visible(self.problem, bool(self.problem.text()))
            self.level.setCurrentIndex(max(0, self.level.findData(first.error_correction)))
            self.set_row_visible(self.level, first.symbology == "qr")
            self.color.set_color(first.color)
            self.background.set_color(first.background)
            self.show_text.setChecked(first.show_text)
            self.set_row_visible(self.show_text, first.symbology != "qr")
        finally:
            self._updating = False

    def _set_kind(self, symbology: str) -> None:
        first = self.layers[0] if self.layers else None
        if not isinstance(first, CodeLayer) or symbology == first.symbology:
            return
        changes: dict[str, object] = {}
        if not _may_hold(symbology, first.data):
            # The content first, so that the layer is never a kind of code that cannot hold its content.
            changes["data"] = SAMPLES[symbology]
        changes["symbology"] = symbology
        self.apply(changes, label="Change Code Kind")

    def _data_edited(self) -> None:
        if self._updating or not self.layers:
            return
        first = self.layers[0]
        assert isinstance(first, CodeLayer)
        text = self.data.text()
        if text == first.data:
            return
        problem = self._problem(first.symbology, text)
        if problem is not None:
            # The model refuses it too; say why instead of silently showing the old content again.
            self.problem.setText(problem)
            self.set_row_visible(self.problem, True)
            return
        self.problem.clear()
        self.set_row_visible(self.problem, False)
        self.apply({"data": text}, label="Change Code")

    def _problem(self, symbology: str, text: str) -> str | None:
        """Why ``text`` cannot be encoded, in the interface's language (the model's rules, see studio.model.codes)."""
        if not text:
            return self.tr("The code needs some content.")
        if "{" in text or code_problem(symbology, text) is None:
            return None
        if symbology == "ean13":
            digits = text.replace(" ", "").replace("-", "")
            if len(digits) == 13 and digits.isascii() and digits.isdigit():
                return self.tr("The check digit is wrong: this EAN-13 should end in {digit}.").format(
                    digit=ean13_check_digit(digits[:12])
                )
            return self.tr("An EAN-13 is 12 digits, or 13 with its check digit.")
        if symbology == "code128" and len(text) > 80:
            return self.tr("A Code 128 this long is hard to scan; keep it to 80 characters.")
        if symbology == "code128":
            bad = ", ".join(sorted({c for c in text if not 32 <= ord(c) <= 126}))
            return self.tr("A Code 128 holds plain ASCII letters, digits and signs; {chars} cannot be encoded.").format(
                chars=bad
            )
        return self.tr("This content cannot be encoded.")

    def _text_toggled(self, on: bool) -> None:
        if not self._updating:
            self.apply({"show_text": on}, label="Show Code Text" if on else "Hide Code Text")
