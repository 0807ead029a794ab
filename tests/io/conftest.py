"""Fixtures for the io tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_samples import write_template

from studio.io.templates import TemplateLibrary


@pytest.fixture
def template_folder(tmp_path: Path) -> Path:
    return write_template(tmp_path / "templates")


@pytest.fixture
def library(template_folder: Path) -> TemplateLibrary:
    return TemplateLibrary([template_folder.parent])
