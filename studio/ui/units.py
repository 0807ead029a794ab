"""Lengths shown to the user in millimetres or inches (the model is always in millimetres)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

MM_PER_UNIT = {"mm": 1.0, "in": 25.4}
DECIMALS = {"mm": 1, "in": 3}


def to_mm(value: float, units: str) -> float:
    return value * MM_PER_UNIT[units]


def from_mm(mm: float, units: str) -> float:
    return mm / MM_PER_UNIT[units]


def suffix(units: str) -> str:
    """The unit after a number, with its leading space: `` mm``, or `` in`` (`` po`` in French)."""
    return " mm" if units == "mm" else QCoreApplication.translate("Units", " in")


def format_length(mm: float, units: str) -> str:
    """``mm`` in the user's units, with the locale's decimal separator: ``236 mm``, ``9.291 in`` (``9,291 po`` in French)."""
    value = from_mm(mm, units)
    text = QLocale().toString(value, "f", DECIMALS[units])
    decimal = QLocale().decimalPoint()
    if decimal in text:
        text = text.rstrip("0").rstrip(decimal)
    return text + suffix(units)
