"""Whether the desktop editor has a screen to open on, checked before Qt is started.

Qt ends the process with a core dump when its platform plugin cannot connect to a display;
``studio`` with no subcommand therefore looks first and says so in one sentence.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from pathlib import Path

_X_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")


def display_problem() -> str | None:
    """Why no window can be shown here, or None when one can (or when this cannot be known)."""
    if sys.platform in ("win32", "darwin"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs...: the user chose a platform that needs no display server
    wayland = os.environ.get("WAYLAND_DISPLAY", "").strip()
    x11 = os.environ.get("DISPLAY", "").strip()
    if wayland and _wayland_reachable(wayland):
        return None
    if x11 and _x11_reachable(x11):
        return None
    if not wayland and not x11:
        return "no display is available (DISPLAY and WAYLAND_DISPLAY are not set)"
    shown = " or ".join(f"{name}={value}" for name, value in (("WAYLAND_DISPLAY", wayland), ("DISPLAY", x11)) if value)
    return f"the display {shown} cannot be reached"


def _wayland_reachable(name: str) -> bool:
    path = Path(name) if name.startswith("/") else Path(os.environ.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    return _connects(socket.AF_UNIX, str(path))


def _x11_reachable(display: str) -> bool:
    m = _X_DISPLAY.match(display)
    if m is None:
        return True  # a form this check does not know (e.g. a launchd path): let Qt decide
    host, number = m.group("host"), int(m.group("number"))
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        if _connects(socket.AF_UNIX, path):
            return True
        # Linux also offers the same socket in the abstract namespace.
        return sys.platform.startswith("linux") and _connects(socket.AF_UNIX, "\0" + path)
    if host.startswith("/"):
        return True
    return _connects(socket.AF_INET, (host, 6000 + number))


def _connects(family: int, address: str | tuple[str, int]) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(1.0)
            s.connect(address)
    except OSError:
        return False
    return True
