"""Preflight findings reach the user in the interface's language."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from studio.preflight import TEMPLATES, Finding
from studio.ui.app import install_translators
from studio.ui.panels.preflight_panel import TRANSLATABLE_TEMPLATES, translated_detail


def test_the_panel_declares_every_preflight_template():
    assert TRANSLATABLE_TEMPLATES == TEMPLATES


def test_findings_are_shown_in_french():
    finding = Finding(
        "warning",
        "bleed",
        "label",
        "x",
        "Label, layer 'Photo': it reaches the left and top trim edge ...",
        "bleed",
        {"sides": "left and top", "layer_name": "Photo", "area_name": "Label"},
    )
    app = QApplication.instance()
    try:
        install_translators(app, "fr")
        text = translated_detail(finding)
        assert "gauche et haut" in text and "fond perdu" in text
    finally:
        install_translators(app, "en")
    assert translated_detail(finding) == TEMPLATES["bleed"].format(sides="left and top")


def test_text_size_and_fallback_findings_are_shown_in_french():
    small = Finding(
        "warning",
        "text-size",
        "front",
        "x",
        "...",
        "text-small",
        {
            "size": "7.0",
            "minimum": "8",
            "method": "direct-to-garment printing",
            "layer_name": "Name",
            "area_name": "Front",
        },
    )
    fallback = Finding(
        "info",
        "fallback",
        "label",
        "x",
        "...",
        "fallback",
        {"font": "Lato", "chars": "'🐝'", "fallback": "Twemoji Mozilla"},
    )
    app = QApplication.instance()
    try:
        install_translators(app, "fr")
        assert (
            translated_detail(small)
            == "le texte s’imprime en 7.0 pt, sous les 8 pt qui restent lisibles en impression directe sur textile."
        )
        assert (
            translated_detail(fallback)
            == "la police Lato ne sait pas dessiner '🐝'\u00a0; ils s’impriment en Twemoji Mozilla."
        )
    finally:
        install_translators(app, "en")
    assert translated_detail(small).endswith("stays legible for direct-to-garment printing.")
