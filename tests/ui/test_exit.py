"""Quitting after a copy ends the process cleanly (the clipboard's data is not deleted twice)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
from pathlib import Path
from PySide6.QtCore import QTimer
from studio.ui.app import build_window, create_application
from studio.ui.settings import Settings
app = create_application()
window = build_window(Settings())
window.show()
window.open_path(Path("examples/jar-name/design.json"))
session = window.session
session.select([session.layers()[-1].id])
window.action_registry["edit.copy"].trigger()
window.action_registry["edit.paste"].trigger()
assert len(session.layers()) == 15
session.stack.set_clean()
QTimer.singleShot(300, app.quit)
app.exec()
print("quit")
"""


def test_quit_after_copy_exits_cleanly(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STUDIO_USER_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("quit")
