"""Small in-memory stand-ins for assets, for tests that build display lists by hand."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

from PIL import Image

from studio.model.template import PrintArea
from studio.render.display import DisplayList


@dataclass
class FakeImage:
    """An ImageSource made from a Pillow image (encoded once as ``fmt``)."""

    pil: Image.Image
    fmt: str = "PNG"
    data: bytes = b""
    key: str = ""

    def __post_init__(self) -> None:
        if not self.data:
            buf = io.BytesIO()
            self.pil.save(buf, self.fmt, quality=92) if self.fmt == "JPEG" else self.pil.save(buf, self.fmt)
            self.data = buf.getvalue()
        self.key = hashlib.sha256(self.data).hexdigest()

    @property
    def format(self) -> str:
        return self.fmt

    @property
    def size(self) -> tuple[int, int]:
        return self.pil.size

    @property
    def passthrough(self) -> bool:
        return self.fmt == "JPEG"

    def image(self) -> Image.Image:
        return self.pil

    def proxy(self, max_side: int) -> Image.Image:
        im = self.pil.copy()
        im.thumbnail((max_side, max_side))
        return im


@dataclass
class FakeSvg:
    """An SvgSource from SVG text (assumed safe)."""

    text: str
    view_box: tuple[float, float, float, float] = (0.0, 0.0, 100.0, 100.0)
    key: str = ""

    def __post_init__(self) -> None:
        self.key = hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def data(self) -> bytes:
        return self.text.encode()


@dataclass
class FakeDocument:
    """A SceneSource that hands out prebuilt display lists."""

    areas: dict[str, PrintArea]
    scenes: dict[str, DisplayList]
    title: str = "Test document"
    calls: list[tuple[str, float | None]] = field(default_factory=list)

    def area_ids(self) -> list[str]:
        return list(self.areas)

    def print_area(self, area_id: str) -> PrintArea:
        return self.areas[area_id]

    def scene(self, area_id: str, *, bleed: float | None = None) -> DisplayList:
        self.calls.append((area_id, bleed))
        dl = self.scenes[area_id]
        area = self.areas[area_id]
        return DisplayList(
            area_id=dl.area_id,
            trim=dl.trim,
            page=area.bleed_rect(bleed),
            items=dl.items,
            extents=dl.extents,
            die_line=dl.die_line,
        )
