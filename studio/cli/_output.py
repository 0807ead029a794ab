"""Which files a command may replace.

- An export never writes over its own input: the project, its ``design.json`` or a file the
  design uses (compared as files, so another path, a symbolic or a hard link to them counts).
- An export may replace an earlier export of the same kind (a PDF over a PDF, recognised by its
  content, not its name); anything else is replaced only with ``--force``.
- ``studio new`` replaces an existing file only with ``--force``.
- A file marked read-only is never replaced (:func:`studio.io.atomic.check_writable`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from studio.io.atomic import check_writable, real_target
from studio.model.errors import StudioError

_SVG_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.DOTALL
)
_KIND_NAMES = {
    "proof": "proof PDF",
    "result": "result PDF",
    "proof-html": "HTML proof",
    "pdf": "PDF",
    "svg": "SVG",
    "png": "PNG image",
    "mockup": "mockup image",
    "cut": "cut file",
}


def looks_like(fmt: str, head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file) starts a file of export format ``fmt``."""
    png = head.startswith(b"\x89PNG\r\n\x1a\n")
    if fmt in ("pdf", "proof", "result"):
        return head.startswith(b"%PDF-")
    if fmt == "proof-html":
        return head.lstrip().lower().startswith(b"<!doctype html")
    if fmt == "png":
        return png
    if fmt == "svg":
        return _SVG_ROOT.match(head) is not None
    if fmt == "mockup":
        return png or head.startswith(b"\xff\xd8\xff")
    if fmt == "cut":  # an SVG, or an R12 DXF (ASCII group codes: 0 then SECTION)
        return _SVG_ROOT.match(head) is not None or re.match(rb"\s*0\s*\r?\nSECTION\b", head) is not None
    return False


def check_folder(path: Path) -> None:
    """The output's folder exists and the output is not a folder."""
    target = real_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise StudioError(f"{path}: the folder {folder} does not exist.")
    if target.is_dir():
        raise StudioError(f"{path}: is a folder; give a file name.")
    check_writable(path)


def check_new_output(path: Path, *, force: bool) -> None:
    """Refuse to replace an existing file with a new project unless ``force``."""
    check_folder(path)
    if not force and (path.exists() or path.is_symlink()):
        raise StudioError(f"{path}: already exists; add --force to replace it with a new project.")


def check_export_output(path: Path, fmt: str, *, project: Path, assets: Iterable[Path], force: bool) -> None:
    """Refuse an output that is one of ``inputs``, or an existing file that is not an earlier export.

    Parameters
    ----------
    path
        The output.
    fmt
        The export format (``pdf``, ``svg``, ``png``, ``mockup``).
    project
        The project file (a ``.studio`` archive or a ``design.json``).
    assets
        The files beside a ``design.json`` that it uses.
    force
        Replace an existing file whatever it holds (never an input, never a read-only file).
    """
    check_folder(path)
    target = real_target(path)
    try:
        out_stat = os.stat(target)
    except FileNotFoundError:
        return
    for source, what in [
        (project, "the project being exported"),
        *((a, f"a file the design uses ({a.name})") for a in assets),
    ]:
        try:
            same = os.path.samestat(out_stat, os.stat(source))
        except OSError:
            continue
        if same:
            raise StudioError(f"{path}: is {what}; choose another output file.")
    if force:
        return
    try:
        with open(target, "rb") as f:
            head = f.read(4096)
    except OSError as err:
        raise StudioError(
            f"{path}: exists and cannot be read ({err.strerror or err}); Studio leaves it alone."
        ) from None
    if not looks_like(fmt, head):
        kind = _KIND_NAMES.get(fmt, fmt)
        raise StudioError(
            f"{path}: exists and is not a {kind} written earlier; add --force to replace it, or choose another name."
        )
