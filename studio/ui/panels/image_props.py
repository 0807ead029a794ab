"""Photos and artwork: crop, fit, flip, replacing the file, and the resolution it will print at."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from studio.commands import SetLayerProperties
from studio.model.design import AnyLayer, ImageLayer, VectorLayer
from studio.model.errors import StudioError
from studio.preflight import GOOD_DPI, MIN_DPI
from studio.ui.panels import _icons
from studio.ui.panels._props_base import PropertySection
from studio.ui.panels._widgets import SliderSpin

if TYPE_CHECKING:
    from studio.ui.panels.properties import PropertiesPanel

_SIDES = ("left", "top", "right", "bottom")


def effective_dpi(layer: ImageLayer, pixels: tuple[int, int]) -> float:
    """The resolution ``layer``'s image prints at, from its pixels, crop, fit and printed size."""
    px_w, px_h = pixels
    crop = layer.crop
    visible_w = max(px_w * (1.0 - crop.left - crop.right), 1.0)
    visible_h = max(px_h * (1.0 - crop.top - crop.bottom), 1.0)
    frame_w = layer.width * abs(layer.transform.scale_x)
    frame_h = layer.height * abs(layer.transform.scale_y)
    per_px = (frame_w / visible_w, frame_h / visible_h)
    mm_per_px = min(per_px) if layer.fit == "fit" else max(per_px)
    return 25.4 / mm_per_px


class ImageSection(PropertySection):
    """Crop (per side, in percent), fit mode and flips of a photo; flips and Replace… for artwork."""

    def __init__(self, panel: PropertiesPanel) -> None:
        super().__init__(self.tr("Picture"), panel)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setAccessibleName(self.tr("Picture information"))
        self.replace_button = QPushButton(self.tr("&Replace…"))
        self.replace_button.setToolTip(self.tr("Use another file in the same frame"))
        self.replace_button.clicked.connect(self.ask_replace)

        self.crop: dict[str, SliderSpin] = {}
        names = {
            "left": self.tr("Crop left"),
            "top": self.tr("Crop top"),
            "right": self.tr("Crop right"),
            "bottom": self.tr("Crop bottom"),
        }
        for side in _SIDES:
            slider = SliderSpin(0, 95, tip=self.tr("Part of the picture cut away on this side"))
            slider.setAccessibleName(names[side])
            slider.edited.connect(lambda v, s=side: self._crop(s, v))
            slider.finished.connect(self.seal)
            self.crop[side] = slider

        self.fit = QComboBox()
        self.fit.addItem(self.tr("Fill the frame (cut the excess)"), "fill")
        self.fit.addItem(self.tr("Fit inside the frame"), "fit")
        self.fit.addItem(self.tr("Stretch to the frame"), "stretch")
        self.fit.setToolTip(self.tr("How the picture sits in its frame"))
        self.fit.activated.connect(lambda _i: self.apply({"fit": self.fit.currentData()}, label="Change Fit"))

        self.flip_h = self._flip("flip-h", self.tr("Flip horizontally"), "flip_h")
        self.flip_v = self._flip("flip-v", self.tr("Flip vertically"), "flip_v")
        flips = QWidget()
        row = QHBoxLayout(flips)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.flip_h)
        row.addWidget(self.flip_v)
        row.addStretch(1)
        row.addWidget(self.replace_button)

        self.add_row(self.tr("File"), self.info)
        rows = {
            "left": self.tr("Crop &left"),
            "top": self.tr("Crop &top"),
            "right": self.tr("Crop ri&ght"),
            "bottom": self.tr("Crop &bottom"),
        }
        for side in _SIDES:
            self.add_row(rows[side], self.crop[side])
        self.add_row(self.tr("F&it"), self.fit)
        self.add_row(self.tr("Flip"), flips)

    def _flip(self, icon: str, tip: str, field: str) -> QToolButton:
        button = QToolButton()
        button.setCheckable(True)
        button.setIcon(_icons.icon(icon))
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(lambda on: self.apply({field: on}, label="Flip"))
        return button

    def applies_to(self, layers: list[AnyLayer]) -> bool:
        return bool(layers) and all(isinstance(layer, ImageLayer | VectorLayer) for layer in layers)

    def update_values(self) -> None:
        if not self.layers:
            return
        first = self.layers[0]
        assert isinstance(first, ImageLayer | VectorLayer)
        photo = all(isinstance(layer, ImageLayer) for layer in self.layers)
        for side in _SIDES:
            self.set_row_visible(self.crop[side], photo)
        self.set_row_visible(self.fit, photo)
        self.set_row_visible(self.info, len(self.layers) == 1)
        self.replace_button.setVisible(len(self.layers) == 1)
        self.title.setText(self.tr("Photo") if photo else self.tr("Artwork"))
        if isinstance(first, ImageLayer):
            for side in _SIDES:
                self.crop[side].set_value(round(getattr(first.crop, side) * 100.0))
            self.fit.setCurrentIndex(max(0, self.fit.findData(first.fit)))
        self.flip_h.setChecked(first.flip_h)
        self.flip_v.setChecked(first.flip_v)
        self.info.setText(self._describe(first))

    def _describe(self, layer: ImageLayer | VectorLayer) -> str:
        session = self.panel.session
        if session is None:
            return ""
        name = Path(layer.asset).name
        if isinstance(layer, VectorLayer):
            return self.tr("{name} — vector artwork, sharp at any size").format(name=name)
        try:
            pixels = session.project.assets.image(layer.asset).size
        except StudioError as error:
            return f"<span style='color:#D93025'>{error}</span>"
        dpi = effective_dpi(layer, pixels)
        text = self.tr("{w} × {h} px, prints at {dpi} DPI").format(w=pixels[0], h=pixels[1], dpi=round(dpi))
        if dpi < MIN_DPI:
            warning = self.tr("too low, will look pixelated")
            return f"<span style='color:#D93025'>{text} — {warning}</span>"
        if dpi < GOOD_DPI:
            advice = self.tr("300 recommended")
            return f"<span style='color:#B26B00'>{text} — {advice}</span>"
        return text

    def _crop(self, side: str, percent: float) -> None:
        self.apply({f"crop.{side}": percent / 100.0}, label="Crop", merge_key=f"props.crop.{side}")

    # -- replacing the file ------------------------------------------------------------------------
    def ask_replace(self) -> None:
        """Ask for a file and put it in the selected layer's frame."""
        if not self.layers:
            return
        vector = isinstance(self.layers[0], VectorLayer)
        filters = (
            self.tr("SVG artwork (*.svg)")
            if vector
            else self.tr("Pictures (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.gif *.bmp)")
        )
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Replace Picture"), "", filters)
        if path:
            self.replace_asset(Path(path))

    def replace_asset(self, path: Path) -> bool:
        """Put the file at ``path`` in the selected layer's frame, keeping size, crop and position.

        Returns False (after telling the user why) when the file cannot be used.
        """
        session = self.panel.session
        if session is None or len(self.layers) != 1:
            return False
        layer = self.layers[0]
        try:
            ref = session.project.assets.add_file(path)
            vector = ref.endswith(".svg")
            if vector != isinstance(layer, VectorLayer):
                kind = self.tr("an SVG file") if isinstance(layer, VectorLayer) else self.tr("a photo or picture")
                raise StudioError(self.tr("{name}: choose {kind} for this layer.").format(name=path.name, kind=kind))
            if vector:
                session.project.assets.svg(ref)
            else:
                session.project.assets.image(ref)
        except StudioError as error:
            self.panel.show_error(str(error))
            return False
        session.push(SetLayerProperties(layer.id, {"asset": ref}, label="Replace Picture"))
        return True
