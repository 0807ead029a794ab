"""Project files: ``NAME.studio`` archives and the ``design.json`` scripting form.

A ``.studio`` file is a zip archive holding ``mimetype``, ``design.json``, every asset the design
uses under ``assets/<sha256>.<ext>``, and ``thumbnail.png``. ``docs/file-format.md`` describes it;
this module reads it defensively (nothing is ever extracted to disk) and writes it atomically.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import secrets
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from studio.io import limits
from studio.io._json import parse_object
from studio.io._zip import open_archive
from studio.io.assets import AssetStore, content_ref
from studio.io.migrations import migrate
from studio.io.templates import TemplateLibrary
from studio.model.design import AreaDesign, Design, ImageLayer, VectorLayer
from studio.model.errors import InvalidFile, StudioError, describe_validation_error
from studio.model.template import Template

MIMETYPE = "application/x-studio-project"
"""Content of the first, uncompressed member, so that a file's type shows in its first bytes."""

DESIGN_MEMBER = "design.json"
THUMBNAIL_MEMBER = "thumbnail.png"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same design always gives the same bytes
_ALREADY_COMPRESSED = ("jpg", "png", "webp", "gif", "woff", "woff2")


@dataclass
class Project:
    """A design with the template it is for and the assets it uses."""

    design: Design
    template: Template
    assets: AssetStore
    path: Path | None = None
    """Where the project was read from (a ``.studio`` file or a ``design.json``), if anywhere."""


def new_design(
    template: Template,
    *,
    options: Mapping[str, str] | None = None,
    variables: Mapping[str, str] | None = None,
) -> Design:
    """A blank design for ``template``: default or chosen options, an empty page per print area.

    Parameters
    ----------
    template
        The product.
    options
        Option id to choice id; options not given take the template's default.
    variables
        Values for ``{fields}`` in text layers.

    Raises
    ------
    StudioError
        When an option or a choice is not in the template.
    """
    given = dict(options or {})
    known = {option.id: option for option in template.options}
    for option_id in given:
        if option_id not in known:
            listed = ", ".join(sorted(known)) or "none"
            raise StudioError(f"the template {template.id!r} has no option {option_id!r} (its options: {listed}).")
    chosen: dict[str, str] = {}
    for option in template.options:
        choice = given.get(option.id, option.default)
        choices = [c.id for c in option.choices]
        if choice not in choices:
            raise StudioError(
                f"the option {option.id!r} of the template {template.id!r} has no choice {choice!r} "
                f"(its choices: {', '.join(choices)})."
            )
        chosen[option.id] = choice
    return Design(
        template=template.id,
        template_version=template.version,
        options=chosen,
        variables=dict(variables or {}),
        areas={area.id: AreaDesign() for area in template.print_areas},
    )


# -- loading ---------------------------------------------------------------------------------------
def load_project(path: Path, library: TemplateLibrary) -> Project:
    """Read a project: a ``.studio`` archive, or a ``design.json`` (or a folder holding one).

    In the ``design.json`` form, asset references are paths relative to the file's folder; paths
    that leave that folder are refused.

    Parameters
    ----------
    path
        The file to read.
    library
        Where the design's template is looked up.

    Returns
    -------
    Project

    Raises
    ------
    InvalidFile
        One sentence naming the file, for anything wrong with it.
    StudioError
        When the design's template is not installed.
    """
    if path.is_dir() and (path / DESIGN_MEMBER).is_file():
        path = path / DESIGN_MEMBER
    if path.suffix.lower() == ".json":
        return _load_json_form(path, library)
    return _load_archive(path, library)


def _load_archive(path: Path, library: TemplateLibrary) -> Project:
    name = path.name
    store = AssetStore(label=name)
    with open_archive(path, name) as archive:
        if "mimetype" in archive:
            found = archive.read("mimetype", limit=256).decode("ascii", "replace").strip()
            if found != MIMETYPE:
                raise InvalidFile(f"{name}: is not a Studio project (its mimetype is {found[:60]!r}).")
        if DESIGN_MEMBER not in archive:
            raise InvalidFile(f"{name}: is not a Studio project (it has no design.json).")
        raw = archive.read(DESIGN_MEMBER, limit=limits.MAX_DESIGN_JSON_BYTES)
        design = _design_from_json(raw, f"{name}: {DESIGN_MEMBER}")
        for ref in sorted(design.assets()):
            if ref in archive:
                data = archive.read(ref, limit=limits.MAX_ASSET_BYTES)
                _check_content_name(ref, data, name)
                store.put(ref, data)
    return _finish(design, store, path, library)


def _load_json_form(path: Path, library: TemplateLibrary) -> Project:
    name = path.name
    try:
        with path.open("rb") as f:
            raw = f.read(limits.MAX_DESIGN_JSON_BYTES + 1)
    except FileNotFoundError:
        raise InvalidFile(f"{name}: no such file.") from None
    except OSError as err:
        raise InvalidFile(f"{name}: cannot be read ({err.strerror or err}).") from None
    if len(raw) > limits.MAX_DESIGN_JSON_BYTES:
        raise InvalidFile(f"{name}: is larger than the {limits.MAX_DESIGN_JSON_BYTES // 2**20} MB a design may be.")
    design = _design_from_json(raw, name)
    return _finish(design, AssetStore(path.parent, label=name), path, library)


def _design_from_json(raw: bytes, source: str) -> Design:
    data = migrate(parse_object(raw, source), source)
    try:
        return Design.model_validate(data)
    except ValidationError as err:
        raise InvalidFile(describe_validation_error(err, source)) from None


def _check_content_name(ref: str, data: bytes, name: str) -> None:
    """An ``assets/<sha256>.<ext>`` member must hold what its name says."""
    stem = ref.removeprefix("assets/").split(".", 1)[0]
    if ref.startswith("assets/") and len(stem) == 64 and stem != hashlib.sha256(data).hexdigest():
        raise InvalidFile(f"{name}: the asset {ref!r} does not match its content; the file is damaged.")


def _finish(design: Design, store: AssetStore, path: Path, library: TemplateLibrary) -> Project:
    name = path.name
    try:
        template = library.get(design.template)
    except StudioError:
        raise StudioError(
            f"{name}: uses the template {design.template!r}, which is not installed; "
            "`studio templates list` shows the installed ones."
        ) from None
    for _area, layer in design.walk():
        if isinstance(layer, ImageLayer | VectorLayer):
            what = "image" if isinstance(layer, ImageLayer) else "drawing"
            if layer.asset not in store:
                raise InvalidFile(
                    f"{name}: the {what} {layer.asset!r} used by layer {layer.display_name()!r} is missing."
                )
            if isinstance(layer, ImageLayer):
                store.image(layer.asset)
            else:
                store.svg(layer.asset)
    for font in design.fonts:
        if font.asset not in store:
            raise InvalidFile(f"{name}: the font file {font.asset!r} for {font.family} {font.style} is missing.")
        store.font(font.asset)
    return Project(design=design, template=template, assets=store, path=path)


# -- saving ----------------------------------------------------------------------------------------
def save_project(project: Project, path: Path, *, thumbnail_png: bytes | None = None) -> None:
    """Write ``project`` to ``path`` as a ``.studio`` archive, atomically.

    The archive is written to a temporary file in the same folder, flushed to disk, then renamed
    over ``path``: a crash or a full disk leaves the previous file as it was. Every asset the
    design uses is stored under its content name; asset references that were relative paths (the
    ``design.json`` form) are rewritten to those names in the file written, while ``project``
    itself is left unchanged.

    Parameters
    ----------
    project
        What to save.
    path
        Destination, usually ``NAME.studio``.
    thumbnail_png
        A PNG picture of the design for file browsers and the start page.

    Raises
    ------
    StudioError
        When the file cannot be written (naming it), or an asset is missing or unusable.
    """
    if thumbnail_png is not None and not thumbnail_png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("thumbnail_png is not a PNG image")
    renames: dict[str, str] = {}
    blobs: dict[str, bytes] = {}
    for ref in sorted(project.design.assets()):
        stored, data = project.assets.stored(ref)
        renames[ref] = stored
        blobs[stored] = data
    document = project.design.model_dump(mode="json")
    _rename_assets(document, renames)
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"

    members: list[tuple[str, bytes, int]] = [
        ("mimetype", MIMETYPE.encode("ascii"), zipfile.ZIP_STORED),
        (DESIGN_MEMBER, text.encode("utf-8"), zipfile.ZIP_DEFLATED),
    ]
    for ref, data in sorted(blobs.items()):
        ext = ref.rsplit(".", 1)[-1]
        members.append((ref, data, zipfile.ZIP_STORED if ext in _ALREADY_COMPRESSED else zipfile.ZIP_DEFLATED))
    if thumbnail_png is not None:
        members.append((THUMBNAIL_MEMBER, thumbnail_png, zipfile.ZIP_STORED))
    _write_atomically(path, members)


@dataclass(frozen=True)
class ProjectSnapshot:
    """What :func:`save_project` writes, taken at one moment and independent of later edits.

    Taking it is cheap (the design as plain JSON data, and references to the assets' immutable
    bytes); the slow part (naming assets by their content, compressing, writing) is left to
    :func:`write_snapshot`, which may run in another thread while the design is being edited.
    """

    document: dict[str, Any]
    """The design as JSON data, asset references as the design has them."""
    assets: Mapping[str, tuple[bytes, str]]
    """Each asset reference the design uses: the bytes to store and their file extension."""
    thumbnail_png: bytes | None = None


def snapshot_project(project: Project, *, thumbnail_png: bytes | None = None) -> ProjectSnapshot:
    """Take what :func:`save_project` would write, without writing it.

    Raises
    ------
    StudioError
        When an asset is missing or unusable.
    """
    if thumbnail_png is not None and not thumbnail_png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("thumbnail_png is not a PNG image")
    assets = {ref: project.assets.stored_data(ref) for ref in sorted(project.design.assets())}
    return ProjectSnapshot(project.design.model_dump(mode="json"), assets, thumbnail_png)


def write_snapshot(snapshot: ProjectSnapshot, path: Path) -> None:
    """Write a snapshot to ``path`` as a ``.studio`` archive, atomically, as :func:`save_project` does.

    Raises
    ------
    StudioError
        When the file cannot be written (naming it).
    """
    renames: dict[str, str] = {}
    blobs: dict[str, bytes] = {}
    for ref, (data, extension) in snapshot.assets.items():
        stored = content_ref(data, extension)
        renames[ref] = stored
        blobs[stored] = data
    document = copy.deepcopy(snapshot.document)
    _rename_assets(document, renames)
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    # The same members as save_project writes.
    members: list[tuple[str, bytes, int]] = [
        ("mimetype", MIMETYPE.encode("ascii"), zipfile.ZIP_STORED),
        (DESIGN_MEMBER, text.encode("utf-8"), zipfile.ZIP_DEFLATED),
    ]
    for ref, data in sorted(blobs.items()):
        ext = ref.rsplit(".", 1)[-1]
        members.append((ref, data, zipfile.ZIP_STORED if ext in _ALREADY_COMPRESSED else zipfile.ZIP_DEFLATED))
    if snapshot.thumbnail_png is not None:
        members.append((THUMBNAIL_MEMBER, snapshot.thumbnail_png, zipfile.ZIP_STORED))
    _write_atomically(path, members)


def _rename_assets(document: dict[str, Any], renames: Mapping[str, str]) -> None:
    def layers(items: list[dict[str, Any]]) -> None:
        for layer in items:
            if layer.get("kind") in ("image", "vector"):
                layer["asset"] = renames[layer["asset"]]
            layers(layer.get("children", []))

    for area in document["areas"].values():
        layers(area["layers"])
    for font in document["fonts"]:
        font["asset"] = renames[font["asset"]]


def _write_atomically(path: Path, members: list[tuple[str, bytes, int]]) -> None:
    folder = path.parent
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        # os.open with 0o666 lets the umask decide the permissions, as for any new file.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as err:
        raise StudioError(f"{path.name}: cannot be saved in {folder} ({err.strerror or err}).") from None
    try:
        with os.fdopen(fd, "wb") as f:
            with zipfile.ZipFile(f, "w") as zf:
                for name, data, method in members:
                    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
                    info.compress_type = method
                    info.external_attr = 0o644 << 16
                    zf.writestr(info, data, compress_type=method, compresslevel=6 if method else None)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, path.stat().st_mode & 0o7777)  # keep the permissions of the file replaced
        os.replace(temp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(err, OSError):
            raise StudioError(f"{path.name}: cannot be saved ({err.strerror or err}).") from err
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
