"""The about box: version, what Studio is built with, and the licences of the bundled fonts."""

from __future__ import annotations

import html
from pathlib import Path

import PySide6
from PySide6.QtCore import QEvent, QSize, Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from studio import __version__
from studio.resources import assets_dir


def bundled_fonts(readme: Path | None = None) -> list[tuple[str, str, str]]:
    """Family, licence and source of each bundled font, from the table in ``assets/fonts/README.md``."""
    readme = readme or assets_dir() / "fonts" / "README.md"
    try:
        lines = readme.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    rows: list[tuple[str, str, str]] = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.lstrip().startswith("|") or len(cells) < 6:
            continue
        family, source, licence = cells[0], cells[4], cells[5]
        if family.lower() == "family" or set(family) <= {"-", ":", " "}:
            continue
        rows.append((family, licence, source.replace("`", "")))
    return rows


class AboutDialog(QDialog):
    """Studio's name, version and licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.logo = QLabel()
        self.logo.setPixmap(QIcon(str(assets_dir() / "icons" / "studio.svg")).pixmap(QSize(72, 72)))
        self.name = QLabel("Studio")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.name.setFont(font)
        self.version = QLabel()
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.licences = QTextBrowser()
        self.licences.setObjectName("licences")
        self.licences.setOpenExternalLinks(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.name)
        heading.addWidget(self.version)
        heading.addWidget(self.summary)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 22, 22, 16)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.licences, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Studio"))
        self.version.setText(self.tr("Version {version}").format(version=__version__))
        self.summary.setText(
            self.tr("Personalise products on templates and export print-ready files, mockups and cut files.")
        )
        rows = "".join(
            f"<tr><td>{html.escape(family)}</td><td>{html.escape(licence)}</td><td>{html.escape(source)}</td></tr>"
            for family, licence, source in bundled_fonts()
        )
        self.licences.setAccessibleName(self.tr("Licences"))
        self.licences.setHtml(
            "<h3>{fonts}</h3><p>{fonts_note}</p>"
            "<table cellspacing='0' cellpadding='3' width='100%'>"
            "<tr><th align='left'>{family}</th><th align='left'>{licence}</th><th align='left'>{source}</th></tr>"
            "{rows}</table>"
            "<h3>{built}</h3><p>Qt {qt} · PySide6 {pyside}</p>".format(
                fonts=html.escape(self.tr("Bundled fonts")),
                fonts_note=html.escape(
                    self.tr(
                        "These typefaces ship unmodified with their licence files, in the fonts folder "
                        "of Studio's assets. OFL 1.1: SIL Open Font License; Apache 2.0: Apache License."
                    )
                ),
                family=html.escape(self.tr("Family")),
                licence=html.escape(self.tr("Licence")),
                source=html.escape(self.tr("Source")),
                rows=rows,
                built=html.escape(self.tr("Built with")),
                qt=qVersion(),
                pyside=PySide6.__version__,
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
