"""Opening a project or design.json as a :class:`~studio.render.scene.Document` ready to export."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from studio.io.project import Project, load_project
from studio.io.templates import TemplateLibrary
from studio.render.scene import Document
from studio.text import FontRegistry


def open_document(
    path: Path,
    *,
    library: TemplateLibrary | None = None,
    variables: Mapping[str, str] | None = None,
) -> Document:
    """Load ``path`` (a ``.studio`` project or a ``design.json``) with its template, assets and fonts.

    Raises
    ------
    studio.model.errors.StudioError
        With one sentence naming the file and the problem.
    """
    project = load_project(path, library or TemplateLibrary.default())
    return document_for(project, variables=variables, name=path.stem if path.suffix == ".studio" else path.parent.name)


def document_for(project: Project, *, variables: Mapping[str, str] | None = None, name: str = "") -> Document:
    """The document of an open project, with the fonts it carries registered."""
    fonts = FontRegistry.default()
    if project.design.fonts:
        # The project's own fonts go into a copy, so that they never leak into other documents.
        fonts = FontRegistry.default_copy()
        source = project.path.name if project.path is not None else "design.json"
        for ref in project.design.fonts:
            fonts.add_bytes(project.assets.font(ref.asset), f"{source}: {ref.asset}")
    return Document(project.design, project.template, project.assets, fonts, dict(variables or {}), name=name)
