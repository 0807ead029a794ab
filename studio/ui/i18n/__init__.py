"""Translations of the editor.

``studio_fr.ts`` is the French translation (Qt Linguist format), ``studio_fr.qm`` its compiled form
loaded at run time. After changing visible strings, refresh and compile with::

    python -m studio.ui.i18n

which runs Qt's ``lupdate`` over ``studio/ui`` (keeping existing translations) and ``lrelease``.
A test fails while a string is left untranslated.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ("fr",)


def ts_file(language: str) -> Path:
    return HERE / f"studio_{language}.ts"


def qm_file(language: str) -> Path:
    return HERE / f"studio_{language}.qm"
