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


def user_dir() -> Path:
    """The user's own Studio folder (added fonts, templates, settings, autosaves).

    ``STUDIO_USER_DIR`` overrides the platform's usual place (tests use it to stay isolated).
    """
    env = os.environ.get("STUDIO_USER_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("Studio", appauthor=False))


def user_cache_dir() -> Path:
    """Where Studio keeps what it can rebuild at any time (the font index).

    The platform's cache folder, or ``cache`` inside ``STUDIO_USER_DIR`` when that is set, so
    that tests and portable installs keep it with the rest of the user's files.
    """
    env = os.environ.get("STUDIO_USER_DIR")
    if env:
        return Path(env) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("Studio", appauthor=False))


def user_fonts_dir() -> Path:
    return user_dir() / "fonts"


def user_templates_dir() -> Path:
    return user_dir() / "templates"
