"""The user's preferences, stored in an INI file in the user's Studio folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from studio.resources import user_dir

MAX_RECENT = 10


class Settings:
    """Typed access to the preferences (units, language, template folders, autosave, recent files)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_dir() / "settings.ini"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str, default: object) -> object:
        return self._q.value(key, default)

    @property
    def units(self) -> str:
        value = str(self._get("units", "mm"))
        return value if value in ("mm", "in") else "mm"

    @units.setter
    def units(self, value: str) -> None:
        self._q.setValue("units", value)

    @property
    def language(self) -> str:
        """``system`` (the default), ``en`` or ``fr``."""
        value = str(self._get("language", "system"))
        return value if value in ("system", "en", "fr") else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("language", value)

    @property
    def template_folders(self) -> list[Path]:
        raw = self._get("template_folders", [])
        items = [raw] if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
        return [Path(str(p)) for p in items if str(p)]

    @template_folders.setter
    def template_folders(self, folders: list[Path]) -> None:
        self._q.setValue("template_folders", [str(p) for p in folders])

    @property
    def autosave_seconds(self) -> int:
        try:
            value = int(str(self._get("autosave_seconds", 30)))
        except ValueError:
            return 30
        return max(0, min(value, 3600))

    @autosave_seconds.setter
    def autosave_seconds(self, value: int) -> None:
        self._q.setValue("autosave_seconds", int(value))

    @property
    def recent_files(self) -> list[Path]:
        raw = self._get("recent_files", [])
        items = [raw] if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
        return [Path(str(p)) for p in items if str(p)]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [p for p in self.recent_files if p != path]
        self._q.setValue("recent_files", [str(p) for p in [path, *files][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        self._q.setValue("recent_files", [str(p) for p in self.recent_files if p != path])

    def value(self, key: str, default: object = None) -> object:
        return self._get(key, default)

    def set_value(self, key: str, value: object) -> None:
        self._q.setValue(key, value)

    def sync(self) -> None:
        self._q.sync()
