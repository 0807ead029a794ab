"""What QR codes and barcodes can hold: checks that give one sentence a person understands.

The encoders themselves live in :mod:`studio.render.codes`; the model only knows the rules, so a
design with an EAN-13 of the wrong check digit is refused when it is read, not when it prints.
"""

from __future__ import annotations

from typing import Literal

Symbology = Literal["qr", "code128", "ean13"]

SYMBOLOGY_NAMES: dict[str, str] = {"qr": "QR code", "code128": "Code 128", "ean13": "EAN-13"}


def ean13_check_digit(first12: str) -> int:
    """The check digit of the 12 first digits of an EAN-13 (GS1: weights 1 and 3 from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def code_problem(symbology: str, data: str) -> str | None:
    """Why ``data`` cannot be encoded as ``symbology`` (one sentence without a final stop), or None."""
    name = SYMBOLOGY_NAMES.get(symbology, symbology)
    if not data:
        return f"a {name} needs some content"
    if symbology == "ean13":
        digits = data.replace(" ", "").replace("-", "")
        if not digits.isascii() or not digits.isdigit() or len(digits) not in (12, 13):
            return f"an EAN-13 is 12 digits, or 13 with its check digit; {data!r} is not"
        if len(digits) == 13:
            expected = ean13_check_digit(digits[:12])
            if int(digits[12]) != expected:
                return (
                    f"the EAN-13 {digits} has a wrong check digit: it ends in {digits[12]} but should end in {expected}"
                )
    elif symbology == "code128":
        bad = sorted({c for c in data if not (32 <= ord(c) <= 126)})
        if bad:
            shown = ", ".join(repr(c) for c in bad[:5])
            return f"a Code 128 holds letters, digits and signs of plain ASCII; {shown} cannot be encoded"
        if len(data) > 80:
            return f"a Code 128 of {len(data)} characters is too long to scan; keep it to 80"
    return None


def ean13_digits(data: str) -> str:
    """The 13 digits of a valid EAN-13 given with or without its check digit (spaces and dashes dropped)."""
    digits = data.replace(" ", "").replace("-", "")
    return digits if len(digits) == 13 else digits + str(ean13_check_digit(digits))
