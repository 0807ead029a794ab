"""Colours: sRGB in the model, with an optional CMYK override and an optional spot name."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

Percent = Annotated[float, Field(ge=0.0, le=100.0)]


class Color(BaseModel):
    """A flat colour.

    Written in files as ``"#RRGGBB"`` (the common case) or as an object when it carries a CMYK
    override or a spot name: ``{"hex": "#E30613", "cmyk": [0, 100, 100, 0], "spot": "Red 032"}``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    hex: str = Field(description="sRGB colour as #RRGGBB.")
    cmyk: tuple[Percent, Percent, Percent, Percent] | None = Field(
        default=None, description="Exact CMYK values in percent, used instead of converting the sRGB value."
    )
    spot: str | None = Field(default=None, max_length=127, description="Spot (named) ink, e.g. CutContour.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"hex": value}
        return value

    @field_validator("hex")
    @classmethod
    def _normalise_hex(cls, value: str) -> str:
        m = _HEX.match(value.strip())
        if not m:
            raise ValueError(f"expected a colour like #1A2B3C, got {value!r}")
        digits = m.group(1)
        if len(digits) == 3:
            digits = "".join(ch * 2 for ch in digits)
        return "#" + digits.upper()

    @model_serializer(mode="wrap")
    def _to_string(self, handler: SerializerFunctionWrapHandler) -> Any:
        if self.cmyk is None and self.spot is None:
            return self.hex
        data = handler(self)
        return {k: v for k, v in data.items() if v is not None}

    @staticmethod
    def of(value: str | Color) -> Color:
        return value if isinstance(value, Color) else Color(hex=value)

    @property
    def rgb(self) -> tuple[int, int, int]:
        h = self.hex
        return (int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16))

    @property
    def rgb_float(self) -> tuple[float, float, float]:
        r, g, b = self.rgb
        return (r / 255.0, g / 255.0, b / 255.0)

    def relative_luminance(self) -> float:
        def lin(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (lin(c) for c in self.rgb_float)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def __str__(self) -> str:
        return self.hex


BLACK = Color(hex="#000000")
WHITE = Color(hex="#FFFFFF")
