"""Take the screenshots kept in docs/images/ (the editor, offscreen, at 1440 x 900).

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py

Each picture is the real main window with the shipped examples open.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STUDIO_USER_DIR", tempfile.mkdtemp(prefix="studio-shots-"))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from studio.ui.app import build_window, create_application, install_translators  # noqa: E402
from studio.ui.dialogs.export import ExportDialog  # noqa: E402
from studio.ui.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"


def settle(app: QApplication, seconds: float = 1.5) -> None:
    """Let the canvas, thumbnails and the mockup preview finish drawing."""
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)


def shoot(example: str | None, name: str, *, select: int | None = None, language: str = "en") -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, language)
    window = build_window(Settings())
    window.resize(1440, 900)
    window.show()
    if example is not None:
        window.open_path(ROOT / "examples" / example / "design.json")  # type: ignore[attr-defined]
        session = window.session
        assert session is not None
        if select is not None:
            session.select([session.layers()[select].id])
        preview = getattr(window, "preview", None)
        if preview is not None:
            done: list[int] = []
            preview.rendered.connect(lambda: done.append(1))
            end = time.time() + 30
            while not done and time.time() < end:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    settle(app)
    window.grab().save(str(OUT / f"{name}.png"))
    if window.session is not None:
        window.session.stack.set_clean()
    window.close()
    window.deleteLater()
    settle(app, 0.3)


def shoot_export_dialog(example: str, name: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "en")
    window = build_window(Settings())
    window.resize(1440, 900)
    window.show()
    window.open_path(ROOT / "examples" / example / "design.json")  # type: ignore[attr-defined]
    assert window.session is not None
    dialog = ExportDialog(window.session, window.settings, window)
    dialog.show()
    settle(app, 0.8)
    dialog.grab().save(str(OUT / f"{name}.png"))
    dialog.close()
    window.session.stack.set_clean()
    window.close()
    settle(app, 0.3)


def main() -> int:
    create_application(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    shoot(None, "start")
    shoot("jar-name", "editor", select=-3)
    shoot("sneaker-camille", "editor-sneaker")
    shoot("tshirt-summit", "editor-tshirt")
    shoot("mug-name", "editor-mug")
    shoot("jar-name", "editor-fr", select=-3, language="fr")
    shoot(None, "start-fr", language="fr")
    shoot_export_dialog("jar-name", "export-dialog")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
