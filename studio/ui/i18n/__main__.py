"""Refresh the translation sources from the code, then compile them (see the package docstring)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from studio.ui.i18n import LANGUAGES, qm_file, ts_file

UI = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or str(Path(sys.executable).parent / f"pyside6-{name}")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in UI.rglob("*.py") if "i18n" not in p.parts)


def update(language: str, *, ts: Path | None = None) -> Path:
    target = ts or ts_file(language)
    subprocess.run(
        [
            _tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            language,
            *sources(),
            "-ts",
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    return target


def release(language: str) -> Path:
    subprocess.run([_tool("lrelease"), "-silent", str(ts_file(language)), "-qm", str(qm_file(language))], check=True)
    return qm_file(language)


def main() -> int:
    for language in LANGUAGES:
        update(language)
        release(language)
        print(f"{ts_file(language).name} and {qm_file(language).name} updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
