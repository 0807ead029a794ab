"""Where Studio's bundled data lives: fonts, colour profiles, clipart and templates.

In a source checkout (and an editable install) they sit beside the package; a frozen build
or a system package may point ``STUDIO_DATA_DIR`` at the folder holding ``assets/`` and
``templates/``.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder that holds ``assets/`` and ``templates/``."""
    env = os.environ.get("STUDIO_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return data_dir() / "assets"


def templates_dir() -> Path:
    return data_dir() / "templates"


def examples_dir() -> Path:
    return data_dir() / "examples"
