"""What a test needs from outside the project: checker tools and the shared fixtures.

A test whose tool or input is missing fails with a sentence saying what to install; it never skips,
so a machine without poppler or without the fixtures cannot pass the suite by testing less.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"

# The Debian package that brings each tool, for the failure message.
PACKAGES = {
    "qpdf": "qpdf",
    "pdfinfo": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdfimages": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "gs": "ghostscript",
    "rsvg-convert": "librsvg2-bin",
    "zbarimg": "zbar-tools",
}


def require_tools(*tools: str) -> None:
    """Fail the running test unless every tool is on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        packages = sorted({PACKAGES.get(tool, tool) for tool in missing})
        pytest.fail(f"this test needs {', '.join(missing)}: install {' '.join(packages)} (.ci/run does)", pytrace=False)


def shared_fixture(name: str) -> Path:
    """The path of a file in ``../shared/fixtures``; fail the running test when it is not there."""
    path = FIXTURES / name
    if not path.is_file():
        pytest.fail(f"the shared fixture {path} is missing: tests need ../shared beside the checkout", pytrace=False)
    return path
