"""Product templates: reading ``<id>/template.toml``, checking a template folder, the library.

A template is data: ``template.toml`` (validated into :class:`studio.model.template.Template`)
plus the SVG art its views name. :func:`validate_template_folder` is what
``studio templates validate DIR`` runs; it reports every problem it finds, in the words of the
template format, rather than stopping at the first.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from studio.io import limits
from studio.io._paths import path_problem, shown
from studio.io._svg import SvgAsset, sanitize_svg
from studio.model.errors import InvalidFile, StudioError, describe_validation_error, describe_validation_errors
from studio.model.geometry import Rect
from studio.model.template import Template
from studio.resources import templates_dir, user_templates_dir

TEMPLATE_FILE = "template.toml"
STARTER_FILE = "starter.json"
"""A template's optional starter design, beside its ``template.toml`` (see ``docs/templates.md``)."""
_log = logging.getLogger(__name__)
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True)
class TemplateProblem:
    """Something wrong with a template folder, in words a template author understands."""

    severity: Literal["error", "warning"]
    """``error``: the template cannot be used as it is; ``warning``: it can, but looks unintended."""
    message: str
    """One sentence naming the file or the element concerned."""

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


class _InvalidTemplate(InvalidFile):
    """A ``template.toml`` that does not validate, with every problem found."""

    def __init__(self, messages: list[str], first: str) -> None:
        super().__init__(first)
        self.messages = messages


def load_template(folder: Path) -> Template:
    """Read and validate ``folder/template.toml``.

    Parameters
    ----------
    folder
        A template folder; its name must be the product id.

    Returns
    -------
    Template
        With :attr:`Template.folder` set, so that art paths can be resolved.

    Raises
    ------
    InvalidFile
        Naming ``template.toml`` with the line (syntax errors) or the field (schema errors).
    """
    template = _read(folder)
    if template.id != folder.name:
        raise InvalidFile(_id_mismatch(folder, template))
    return template


def _read(folder: Path) -> Template:
    file = folder / TEMPLATE_FILE
    name = shown(file)
    try:
        with file.open("rb") as f:
            raw = f.read(limits.MAX_TEMPLATE_TOML_BYTES + 1)
    except FileNotFoundError:
        raise InvalidFile(f"{shown(folder)}: is not a template folder (it has no {TEMPLATE_FILE}).") from None
    except OSError as err:
        raise InvalidFile(f"{name}: cannot be read ({err.strerror or err}).") from None
    if len(raw) > limits.MAX_TEMPLATE_TOML_BYTES:
        raise InvalidFile(f"{name}: is larger than the {limits.MAX_TEMPLATE_TOML_BYTES // 1024} KB a template may be.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InvalidFile(f"{name}, line {line}: the text is not UTF-8.") from None
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InvalidFile(_toml_message(name, str(err))) from None
    except RecursionError:
        raise InvalidFile(f"{name}: nests tables or lists too deeply to be a template.") from None
    try:
        template = Template.model_validate(data)
    except ValidationError as err:
        raise _InvalidTemplate(describe_validation_errors(err, name), describe_validation_error(err, name)) from None
    except RecursionError:
        raise InvalidFile(f"{name}: nests tables or lists too deeply to be a template.") from None
    return template.with_folder(folder)


def _toml_message(name: str, message: str) -> str:
    m = _TOML_POSITION.search(message)
    if m:
        where = f"{name}, line {m.group(1)}"
        message = message[: m.start()]
    elif _TOML_END.search(message):
        where = f"{name}, at the end"
        message = _TOML_END.sub("", message)
    else:
        where = name
    message = message.strip().rstrip(".")
    return f"{where}: {message[:1].lower()}{message[1:]}."


def _id_mismatch(folder: Path, template: Template) -> str:
    return (
        f"{shown(folder / TEMPLATE_FILE)}: the product id {template.id!r} differs from the folder name "
        f"{folder.name!r}; rename one so that they match."
    )


# -- checking a folder -----------------------------------------------------------------------------
def validate_template_folder(folder: Path) -> list[TemplateProblem]:
    """Every problem found in a template folder, errors first.

    Checked: ``template.toml`` reads and validates; the product id equals the folder name; each
    view's art exists inside the folder and is a safe SVG; each part's elements exist in some view's
    art; each mockup placement lies inside its view's art; each die line lies inside its trim box
    and is closed; each part offers a colour.

    Parameters
    ----------
    folder
        The template folder.

    Returns
    -------
    list of TemplateProblem
        Empty when the template is fine.
    """
    if not folder.is_dir():
        return [TemplateProblem("error", f"{shown(folder)}: is not a folder.")]
    try:
        template = _read(folder)
    except _InvalidTemplate as err:
        return [TemplateProblem("error", message) for message in err.messages]
    except InvalidFile as err:
        return [TemplateProblem("error", str(err))]
    problems: list[TemplateProblem] = []
    if template.id != folder.name:
        problems.append(TemplateProblem("error", _id_mismatch(folder, template)))
    toml = shown(folder / TEMPLATE_FILE)

    arts: dict[str, SvgAsset] = {}
    for view in template.views:
        if view.art is None:
            problems.append(
                TemplateProblem("warning", f"{toml}: the view {view.id!r} has no art, so its mockup is blank.")
            )
            continue
        try:
            art = load_art(folder, view.art)
        except InvalidFile as err:
            problems.append(TemplateProblem("error", f"{str(err).rstrip('.')} (the art of the view {view.id!r})."))
            continue
        arts[view.id] = art
        for removed in art.removed:
            problems.append(
                TemplateProblem("warning", f"{view.art}: {removed} was removed from the art; Studio ignores it.")
            )

    known_ids = set().union(*(art.element_ids for art in arts.values())) if arts else set()
    for part in template.parts:
        for element in part.elements:
            if arts and element not in known_ids:
                problems.append(
                    TemplateProblem(
                        "error",
                        f"{toml}: the part {part.id!r} colours the element {element!r}, but no view's art has an "
                        f'element with id="{element}".',
                    )
                )
        if not part.palette and not part.custom:
            problems.append(
                TemplateProblem(
                    "error", f"{toml}: the part {part.id!r} offers no colour; give it a palette or set custom = true."
                )
            )

    for area in template.print_areas:
        for placement in area.placements:
            view = template.view(placement.view)
            view_art = arts.get(view.id)
            if view_art is None:
                if view.art is None:
                    problems.append(
                        TemplateProblem(
                            "error",
                            f"{toml}: the print area {area.id!r} is placed on the view {view.id!r}, which has no art.",
                        )
                    )
                continue
            x, y, w, h = placement.rect
            vx, vy, vw, vh = view_art.view_box
            tol = 1e-6 * max(vw, vh)
            if w <= 0 or h <= 0:
                problems.append(
                    TemplateProblem(
                        "error", f"{toml}: the placement of {area.id!r} on {view.id!r} has no width or height."
                    )
                )
            elif x < vx - tol or y < vy - tol or x + w > vx + vw + tol or y + h > vy + vh + tol:
                problems.append(
                    TemplateProblem(
                        "error",
                        f"{toml}: the print area {area.id!r} is placed at {_numbers(placement.rect)} on the view "
                        f"{view.id!r}, outside its art (viewBox {_numbers(view_art.view_box)}).",
                    )
                )
        if area.shape.kind == "path":
            outline = area.outline()
            bounds = outline.bounds()
            trim = area.trim_rect
            if not trim.inflated(0.01).contains_rect(bounds):
                problems.append(
                    TemplateProblem(
                        "warning",
                        f"{toml}: the die line of the print area {area.id!r} reaches outside its "
                        f"{_mm(area.width)} x {_mm(area.height)} mm trim box (it spans {_rect(bounds)}).",
                    )
                )
            if not all(_closed(sub.segments) for sub in outline.subpaths()):
                problems.append(
                    TemplateProblem(
                        "warning", f"{toml}: the die line of the print area {area.id!r} is not closed (end it with Z)."
                    )
                )
    if (folder / STARTER_FILE).exists():
        # Imported here: the project module reads templates through this one.
        from studio.io.project import read_starter

        try:
            read_starter(folder, template)
        except InvalidFile as err:
            problems.append(TemplateProblem("error", str(err)))
    problems.sort(key=lambda p: p.severity != "error")
    return problems


def load_art(folder: Path, art: str) -> SvgAsset:
    """Read and sanitise one art file of a template, refusing paths that leave the folder.

    Raises
    ------
    InvalidFile
        Naming the art file.
    """
    problem = path_problem(art)
    if problem is not None:
        raise InvalidFile(f"{art}: the art path {problem}; art files belong inside the template folder.")
    path = folder / art
    if not path.resolve().is_relative_to(folder.resolve()):
        raise InvalidFile(f"{art}: the art path leads outside the template folder.")
    try:
        with path.open("rb") as f:
            data = f.read(limits.MAX_SVG_BYTES + 1)
    except FileNotFoundError:
        raise InvalidFile(f"{shown(path)}: the art file is missing.") from None
    except OSError as err:
        raise InvalidFile(f"{shown(path)}: cannot be read ({err.strerror or err}).") from None
    return sanitize_svg(data, shown(path))


def _closed(segments: Sequence[tuple[Any, ...]]) -> bool:
    if len(segments) < 2 or segments[-1][0] == "Z":
        return True
    start, end = segments[0][1:3], segments[-1][-2:]
    return bool(abs(start[0] - end[0]) < 1e-6 and abs(start[1] - end[1]) < 1e-6)


def _numbers(values: Sequence[float]) -> str:
    return " ".join(f"{v:g}" for v in values)


def _mm(value: float) -> str:
    return f"{value:g}"


def _rect(r: Rect) -> str:
    return f"x {r.left:g} to {r.right:g}, y {r.top:g} to {r.bottom:g} mm"


# -- the library -----------------------------------------------------------------------------------
class TemplateLibrary:
    """The installed templates, found in a list of folders.

    Each folder holds template folders (or is one). When two folders hold a template with the
    same id, the later folder wins, so that user templates can replace bundled ones. A broken
    template does not stop the others from loading; it is listed in :attr:`problems`.

    Parameters
    ----------
    folders
        Where to look, in increasing priority; missing folders are skipped.
    """

    def __init__(self, folders: Sequence[Path]) -> None:
        self._folders = list(folders)
        self._templates: dict[str, Template] | None = None
        self._problems: list[TemplateProblem] = []
        self._single: dict[str, Template] = {}  # found by get() before any full scan

    @classmethod
    def default(cls) -> TemplateLibrary:
        """Bundled templates, then the user's, then each folder of ``STUDIO_TEMPLATE_PATH``."""
        folders = [templates_dir(), user_templates_dir()]
        extra = os.environ.get("STUDIO_TEMPLATE_PATH", "")
        folders.extend(Path(p) for p in extra.split(os.pathsep) if p.strip())
        return cls(folders)

    @property
    def folders(self) -> list[Path]:
        """Where templates are looked for."""
        return list(self._folders)

    @property
    def problems(self) -> list[TemplateProblem]:
        """Templates that could not be loaded and are skipped, one warning each naming the folder."""
        self._scan()
        return list(self._problems)

    def reload(self) -> None:
        """Forget what was read, so that the next call looks at the folders again."""
        self._templates = None
        self._problems = []
        self._single = {}

    def get(self, template_id: str) -> Template:
        """The template with this id.

        Raises
        ------
        StudioError
            When no installed template has this id.
        """
        if self._templates is None:
            single = self._single.get(template_id) or self._find_one(template_id)
            if single is not None:
                self._single[template_id] = single
                return single
        templates = self._scan()
        try:
            return templates[template_id]
        except KeyError:
            raise StudioError(
                f"unknown template {template_id!r}; `studio templates list` shows the installed ones."
            ) from None

    def all(self) -> list[Template]:
        """Every template that loaded, sorted by id."""
        templates = self._scan()
        return [templates[key] for key in sorted(templates)]

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._scan()

    def _find_one(self, template_id: str) -> Template | None:
        """The template ``template_id`` as a full scan would find it, reading only its own file.

        A template's folder is named after its id (:func:`load_template` refuses any other), so
        the winner is the last folder holding a loadable ``<id>/template.toml``. Opening a
        project then costs one template, not every installed one.
        """
        if not template_id or template_id.startswith(".") or Path(template_id).name != template_id:
            return None
        for root in reversed(self._folders):
            folder = root if (root / TEMPLATE_FILE).is_file() else root / template_id
            if folder.name != template_id or not (folder / TEMPLATE_FILE).is_file():
                continue
            try:
                return load_template(folder)
            except InvalidFile:
                continue  # as in a full scan: listed among the problems, an earlier folder's copy wins
        return None

    def _scan(self) -> dict[str, Template]:
        if self._templates is not None:
            return self._templates
        found: dict[str, Template] = {}
        problems: list[TemplateProblem] = []
        for root in self._folders:
            try:
                if (root / TEMPLATE_FILE).is_file():
                    candidates = [root]
                else:
                    candidates = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
            except OSError:
                continue  # a folder that is not there (yet), or not ours to read, holds no templates
            for folder in candidates:
                try:
                    if not (folder / TEMPLATE_FILE).is_file():
                        continue
                except OSError:
                    continue
                single = self._single.get(folder.name)
                if single is not None and single.folder == folder:
                    found[single.id] = single  # already read by get(): the same object
                    continue
                try:
                    template = load_template(folder)
                except Exception as err:  # one broken template must never stop the others
                    reason = str(err) if isinstance(err, InvalidFile) else f"it cannot be read ({err})"
                    problem = TemplateProblem(
                        "warning", f"the template in {shown(folder)} is skipped: {reason.rstrip('.')}."
                    )
                    _log.warning("%s", problem.message)
                    problems.append(problem)
                    continue
                found[template.id] = template
        self._templates = found
        self._problems = problems
        return found
