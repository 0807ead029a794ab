"""Checks on relative paths found in untrusted files (archive members, asset references)."""

from __future__ import annotations

import os
import re
from pathlib import Path

_DRIVE = re.compile(r"^[A-Za-z]:")


def path_problem(name: str) -> str | None:
    """Why ``name`` is not a safe relative POSIX path, or None when it is.

    A safe path is relative, uses ``/`` only, and never climbs with ``..``; a trailing ``/`` (a
    folder entry in a zip archive) is allowed.
    """
    if not name:
        return "is empty"
    if "\x00" in name:
        return "contains a NUL character"
    if "\\" in name:
        return "contains a backslash"
    if name.startswith("/"):
        return "is an absolute path"
    if _DRIVE.match(name):
        return "starts with a drive letter"
    parts = name.removesuffix("/").split("/")
    if any(part == ".." for part in parts):
        return "climbs out of its folder with '..'"
    if any(part == "" for part in parts):
        return "contains an empty folder name"
    return None


def shown(path: Path) -> str:
    """``path`` as a user should read it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel
