"""Project files: ``NAME.studio`` archives and the ``design.json`` scripting form.

A ``.studio`` file is a zip archive holding ``mimetype``, ``design.json``, every asset the design
uses under ``assets/<sha256>.<ext>``, and ``thumbnail.png``. ``docs/file-format.md`` describes it;
this module reads it defensively (nothing is ever extracted to disk) and writes it atomically.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from studio.io import atomic, limits
from studio.io._json import parse_object
from studio.io._paths import shown
from studio.io._zip import NotAnArchive, open_archive
from studio.io.assets import AssetStore, content_ref
from studio.io.atomic import atomic_replace
from studio.io.migrations import migrate
from studio.io.recovery import recovery_copies
from studio.io.templates import STARTER_FILE, TemplateLibrary
from studio.model.design import AreaDesign, Design, GroupLayer, ImageLayer, VectorLayer
from studio.model.errors import InvalidFile, StudioError, describe_validation_error
from studio.model.template import Template
from studio.model.variants import VariantSet, document_of, single, variant_set_from_document

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
    variants: VariantSet | None = None
    """Every variant (``design`` is the current one's), proofs and decisions; None: ``design`` alone."""

    def variant_set(self) -> VariantSet:
        """The variants, with ``design`` as the current variant's design (made on first use)."""
        if self.variants is None:
            self.variants = single(self.design)
        current = self.variants.get(self.variants.current)
        if current.design is not self.design:
            current.design = self.design
        return self.variants

    def select(self, name: str) -> None:
        """Make the variant ``name`` the current one (``design`` becomes its design).

        Raises
        ------
        StudioError
            Naming the variants, when there is none called ``name``.
        """
        variants = self.variant_set()
        try:
            variant = variants.get(name)
        except KeyError:
            where = self.path.name if self.path is not None else "the project"
            raise StudioError(
                f"{where}: has no variant {name!r}; its variants are {', '.join(variants.names())}."
            ) from None
        variants.current = variant.name
        self.design = variant.design

    def all_designs(self) -> list[Design]:
        """The design of every variant, the current one first."""
        variants = self.variant_set()
        return [self.design, *(v.design for v in variants.variants if v.design is not self.design)]


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


def starter_project(
    template: Template,
    *,
    options: Mapping[str, str] | None = None,
    variables: Mapping[str, str] | None = None,
) -> Project:
    """A new project on ``template``: its starter design if it ships one, else a blank design.

    A starter is a ``design.json`` (its ``template`` may be left out) whose assets are paths
    relative to the template folder; its ``variables`` are the values its ``{fields}`` show until
    the user gives others.

    Parameters
    ----------
    template
        The product.
    options
        Option id to choice id, over the starter's (or the template's defaults).
    variables
        Values for ``{fields}``, over the starter's.

    Raises
    ------
    StudioError
        When an option or a choice is not in the template.
    InvalidFile
        When the starter cannot be read or does not fit its template.
    """
    folder = template.folder
    if folder is None or not (folder / STARTER_FILE).is_file():
        design = new_design(template, options=options, variables=variables)
        return Project(design=design, template=template, assets=AssetStore(label=template.id))
    design, store = read_starter(folder, template)
    blank = new_design(template, options={**design.options, **(options or {})})
    design.options = dict(blank.options)
    design.variables = {**design.variables, **(variables or {})}
    design.areas = {**blank.areas, **design.areas}
    return Project(design=design, template=template, assets=store)


def read_starter(folder: Path, template: Template) -> tuple[Design, AssetStore]:
    """Read and check ``folder/starter.json`` against ``template``.

    Raises
    ------
    InvalidFile
        Naming the file, for anything wrong with it (including an asset that is missing).
    """
    file = folder / STARTER_FILE
    source = shown(file)
    try:
        with file.open("rb") as f:
            raw = f.read(limits.MAX_DESIGN_JSON_BYTES + 1)
    except OSError as err:
        raise InvalidFile(f"{source}: cannot be read ({err.strerror or err}).") from None
    if len(raw) > limits.MAX_DESIGN_JSON_BYTES:
        raise InvalidFile(f"{source}: is larger than the {limits.MAX_DESIGN_JSON_BYTES // 2**20} MB a design may be.")
    data = parse_object(raw, source)
    data.setdefault("template", template.id)
    if data["template"] != template.id:
        raise InvalidFile(f"{source}: is a design for {data['template']!r}, not for the template {template.id!r}.")
    read = _variants_from_json(json.dumps(data).encode("utf-8"), source)
    design = read.get(read.current).design
    check_against_template(design, template, source)
    store = AssetStore(folder, label=source)
    for ref in sorted(design.assets()):
        try:
            store.stored(ref)
        except StudioError as err:
            raise InvalidFile(f"{source}: {str(err).rstrip('.')} (an asset of the starter design).") from None
    return design, store


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
    try:
        opened = open_archive(path, name)
    except NotAnArchive:
        if _begins_like_a_project(path):
            raise InvalidFile(damaged_message(path)) from None
        raise
    with opened as archive:
        if "mimetype" in archive:
            found = archive.read("mimetype", limit=256).decode("ascii", "replace").strip()
            if found != MIMETYPE:
                raise InvalidFile(f"{name}: is not a Studio project (its mimetype is {found[:60]!r}).")
        if DESIGN_MEMBER not in archive:
            raise InvalidFile(f"{name}: is not a Studio project (it has no design.json).")
        raw = archive.read(DESIGN_MEMBER, limit=limits.MAX_DESIGN_JSON_BYTES)
        variants = _variants_from_json(raw, f"{name}: {DESIGN_MEMBER}")
        for ref in sorted(set().union(*(v.design.assets() for v in variants.variants))):
            if ref in archive:
                data = archive.read(ref, limit=limits.MAX_ASSET_BYTES)
                _check_content_name(ref, data, name)
                store.put(ref, data)
    return _finish(variants, store, path, library)


def _begins_like_a_project(path: Path) -> bool:
    """Whether ``path`` starts as Studio writes projects (a zip whose first member is our mimetype)."""
    try:
        with path.open("rb") as f:
            head = f.read(30 + len("mimetype") + len(MIMETYPE))
    except OSError:
        return False
    return head.startswith(b"PK\x03\x04") and head[30:].startswith(b"mimetype" + MIMETYPE.encode("ascii"))


def damaged_message(path: Path) -> str:
    """One sentence for a project that is ours but cannot be read, offering its recovery copy."""
    copies = recovery_copies(path)
    if copies:
        hint = f"a recovery copy of it is in {copies[0]}, and the editor offers it when it starts"
    else:
        hint = "restore it from a backup if you have one"
    return f"{path.name}: is a Studio project but it is damaged (the file is cut short or garbled); {hint}."


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
    variants = _variants_from_json(raw, name)
    return _finish(variants, AssetStore(path.parent, label=name), path, library)


def _variants_from_json(raw: bytes, source: str) -> VariantSet:
    # Every layer has a "kind" key: counting them in the raw bytes refuses a file of 200,000
    # layers before it is parsed (a "kind" inside a text is escaped, \"kind\", and not counted).
    if raw.count(b'"kind"') > limits.MAX_LAYERS * limits.MAX_VARIANTS:
        raise InvalidFile(f"{source}: the design has more than {limits.MAX_LAYERS:,} layers.")
    data = parse_object(raw, source)
    # Checked before migrating: copying a hostile nesting would exhaust the stack.
    raw_variants = data.get("variants")
    for variant in raw_variants if isinstance(raw_variants, list) else [data]:
        depth = _raw_group_depth(variant) if isinstance(variant, dict) else 0
        if depth > limits.MAX_GROUP_DEPTH:
            raise InvalidFile(
                f"{source}: groups are nested {depth} levels deep, more than the {limits.MAX_GROUP_DEPTH} "
                "a design may have."
            )
    single_design = "variants" not in data
    data = migrate(data, source)
    for variant in data.get("variants") or []:
        if isinstance(variant, dict):
            design = variant.get("design")
            _check_layer_counts(design if isinstance(design, dict) else variant, source)
    try:
        return variant_set_from_document(data)
    except ValidationError as err:
        message = describe_validation_error(err, source)
        # Name the place as the file has it: a one-design file has no variants list.
        message = message.replace(" variants.0.design.", " ") if single_design else message
        raise InvalidFile(message.replace(".design.", ".")) from None
    except ValueError as err:
        raise InvalidFile(f"{source}: {err}.") from None


def _check_layer_counts(data: dict[str, Any], source: str) -> None:
    """Refuse more layers, or deeper groups, than the limits allow, before the slow validation."""
    areas = data.get("areas")
    if not isinstance(areas, dict):
        return  # validation says what is wrong
    total = 0
    for area_id, area in areas.items():
        layers = area.get("layers") if isinstance(area, dict) else None
        if not isinstance(layers, list):
            continue
        count = 0
        stack = [(layer, 1) for layer in layers]
        while stack:
            layer, depth = stack.pop()
            count += 1
            total += 1
            if count > limits.MAX_LAYERS_PER_AREA:
                raise InvalidFile(
                    f"{source}: the print area {str(area_id)[:40]!r} has more than {limits.MAX_LAYERS_PER_AREA:,} "
                    "layers, more than Studio draws on one area."
                )
            if total > limits.MAX_LAYERS:
                raise InvalidFile(f"{source}: the design has more than {limits.MAX_LAYERS:,} layers.")
            children = layer.get("children") if isinstance(layer, dict) else None
            if isinstance(children, list) and children:  # their depth is checked above
                stack.extend((child, depth + 1) for child in children)


def _raw_group_depth(data: dict[str, Any]) -> int:
    """How deep groups nest in a raw design object (before validation, which would recurse)."""
    deepest = 0
    areas = data.get("areas")
    stack: list[tuple[Any, int]] = []
    if isinstance(areas, dict):
        stack.extend((area.get("layers"), 0) for area in areas.values() if isinstance(area, dict))
    while stack:
        layers, depth = stack.pop()
        if not isinstance(layers, list):
            continue
        for layer in layers:
            if isinstance(layer, dict) and "children" in layer:
                deepest = max(deepest, depth + 1)
                stack.append((layer["children"], depth + 1))
    return deepest


def group_depth(design: Design) -> int:
    """How deep groups nest in ``design`` (0: no group)."""
    deepest = 0
    stack: list[tuple[list[Any], int]] = [(area.layers, 0) for area in design.areas.values()]
    while stack:
        layers, depth = stack.pop()
        for layer in layers:
            if isinstance(layer, GroupLayer):
                deepest = max(deepest, depth + 1)
                stack.append((layer.children, depth + 1))
    return deepest


def check_against_template(design: Design, template: Template, source: str) -> None:
    """Refuse a design that names a print area, option, choice or part its template does not have.

    A misspelt key would otherwise be ignored (a page left blank, a colour not applied) while the
    design looked fine.

    Raises
    ------
    InvalidFile
        Naming ``source``, the key and the valid choices.
    """
    areas = [a.id for a in template.print_areas]
    for area_id in design.areas:
        if area_id not in areas:
            raise InvalidFile(
                f"{source}: areas.{area_id}: the template {template.id} has no print area {area_id!r} "
                f"(its print areas: {', '.join(areas)})."
            )
    options = {o.id: o for o in template.options}
    for option_id, choice in design.options.items():
        option = options.get(option_id)
        if option is None:
            listed = ", ".join(options) or "none"
            raise InvalidFile(
                f"{source}: options.{option_id}: the template {template.id} has no option {option_id!r} "
                f"(its options: {listed})."
            )
        choices = [c.id for c in option.choices]
        if choice not in choices:
            raise InvalidFile(
                f"{source}: options.{option_id}: the option {option_id!r} of the template {template.id} has no "
                f"choice {choice!r} (its choices: {', '.join(choices)})."
            )
    parts = [p.id for p in template.parts]
    for part_id in design.part_colors:
        if part_id not in parts:
            raise InvalidFile(
                f"{source}: part_colors.{part_id}: the template {template.id} has no part {part_id!r} "
                f"(its parts: {', '.join(parts) or 'none'})."
            )


def _check_content_name(ref: str, data: bytes, name: str) -> None:
    """An ``assets/<sha256>.<ext>`` member must hold what its name says."""
    stem = ref.removeprefix("assets/").split(".", 1)[0]
    if ref.startswith("assets/") and len(stem) == 64 and stem != hashlib.sha256(data).hexdigest():
        raise InvalidFile(f"{name}: the asset {ref!r} does not match its content; the file is damaged.")


def _finish(variants: VariantSet, store: AssetStore, path: Path, library: TemplateLibrary) -> Project:
    name = path.name
    for variant in variants.variants:
        if variant.name != variants.current:
            source = f"{name} (variant {variant.name})"
            _finish_design(variant.design, store, path, library, source)
    design = variants.get(variants.current).design
    project = _finish_design(design, store, path, library, name)
    project.variants = variants
    return project


def _finish_design(design: Design, store: AssetStore, path: Path, library: TemplateLibrary, name: str) -> Project:
    try:
        template = library.get(design.template)
    except StudioError:
        raise StudioError(
            f"{name}: uses the template {design.template!r}, which is not installed; "
            "`studio templates list` shows the installed ones."
        ) from None
    check_against_template(design, template, name)
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
    variants = project.variant_set()
    depth = max(group_depth(v.design) for v in variants.variants)
    if depth > limits.MAX_GROUP_DEPTH:
        raise StudioError(
            f"{path.name}: cannot be saved: its groups are nested {depth} levels deep, more than the "
            f"{limits.MAX_GROUP_DEPTH} a project may hold; ungroup some layers first."
        )
    renames: dict[str, str] = {}
    blobs: dict[str, bytes] = {}
    for ref in sorted(set().union(*(v.design.assets() for v in variants.variants))):
        stored, data = project.assets.stored(ref)
        renames[ref] = stored
        blobs[stored] = data
    document = document_of(variants)
    for variant in document["variants"]:  # type: ignore[attr-defined]
        _rename_assets(variant, renames)
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
    variants = project.variant_set()
    refs = sorted(set().union(*(v.design.assets() for v in variants.variants)))
    assets = {ref: project.assets.stored_data(ref) for ref in refs}
    # The whole project, every variant with its decisions, as save_project writes it.
    return ProjectSnapshot(document_of(variants), assets, thumbnail_png)


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
    for variant in document["variants"]:
        _rename_assets(variant, renames)
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
    try:
        with atomic_replace(path, suffix=".tmp") as temp, open(temp, "wb") as f:
            with zipfile.ZipFile(f, "w") as zf:
                for name, data, method in members:
                    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
                    info.compress_type = method
                    info.external_attr = 0o644 << 16
                    zf.writestr(info, data, compress_type=method, compresslevel=6 if method else None)
            f.flush()
            os.fsync(f.fileno())
    except OSError as err:
        raise StudioError(f"{path.name}: cannot be saved ({err.strerror or err}).") from None


def clean_stale_temporaries(path: Path) -> list[Path]:
    """Remove what interrupted saves and exports left beside ``path``; the editor calls it on opening.

    A killed save leaves a hidden ``.NAME.studio.<pid>-<hex>.tmp`` beside the project (an export,
    ``.part``). This removes those for ``path`` whose writer is gone, and nothing else (see
    :func:`studio.io.atomic.clean_stale_temporaries`). Never raises for files it cannot remove.

    Returns
    -------
    list of Path
        The temporaries removed.
    """
    return atomic.clean_stale_temporaries(path)
