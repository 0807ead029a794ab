"""One broken template never disables Studio: it is skipped with a warning naming its folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from studio_run import ROOT, studio

from studio.io.templates import TemplateLibrary

JAR = ROOT / "examples" / "jar-name" / "design.json"


@pytest.fixture
def broken_folder(tmp_path: Path) -> Path:
    """A user templates folder with a template.toml of 500 nested '[' and one that is not UTF-8."""
    root = tmp_path / "my-templates"
    (root / "nested").mkdir(parents=True)
    (root / "nested" / "template.toml").write_text("x = " + "[" * 500 + "\n", encoding="utf-8")
    (root / "latin1").mkdir()
    (root / "latin1" / "template.toml").write_bytes(b'[product]\nid = "latin1"\nname = "Caf\xe9"\n')
    return root


def _env(folder: Path) -> dict[str, str]:
    return dict(os.environ, STUDIO_TEMPLATE_PATH=str(folder))


def _warnings(lines: list[str]) -> list[str]:
    assert all("warning: error" not in line for line in lines), lines
    return [line for line in lines if "warning:" in line]


def test_every_command_skips_a_broken_template_and_names_its_folder(broken_folder: Path, tmp_path: Path) -> None:
    env = _env(broken_folder)
    listed = studio("templates", "list", env=env)
    assert listed.code == 0, listed.err
    assert "jar-500" in listed.out
    warnings = _warnings(listed.lines)
    assert len(warnings) == 2, listed.err
    assert any("nested" in w and "skipped" in w and "too deeply" in w for w in warnings), warnings
    assert any("latin1" in w and "skipped" in w and "UTF-8" in w for w in warnings), warnings

    new = studio("new", "jar-500", "-o", tmp_path / "a.studio", env=env)
    assert new.code == 0, new.err
    assert len(_warnings(new.lines)) == 2
    export = studio("export", JAR, "--format", "pdf", "-o", tmp_path / "a.pdf", env=env)
    assert export.code == 0, export.err
    assert len(_warnings(export.lines)) == 2
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")


def test_the_library_the_editor_uses_keeps_the_good_templates(broken_folder: Path) -> None:
    library = TemplateLibrary([ROOT / "templates", broken_folder])
    ids = [t.id for t in library.all()]
    assert "jar-500" in ids and "nested" not in ids
    messages = [p.message for p in library.problems]
    assert len(messages) == 2 and any(str(Path("my-templates") / "nested") in m or "nested" in m for m in messages)


def test_validate_explains_a_deeply_nested_template(broken_folder: Path) -> None:
    done = studio("templates", "validate", broken_folder / "nested")
    assert done.code == 1
    assert "Traceback" not in done.err and "internal error" not in done.err
    assert "error:" in done.out and "too deeply" in done.out


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    folder = tmp_path / "mug"
    folder.mkdir()
    (folder / "template.toml").write_text(
        "\n".join(
            [
                "[product]",
                'id = "mug"',
                'name = "Mug"',
                'category = "mugs"',
                "colour = 3",
                "[[views]]",
                'id = "front"',
                'name = "Front"',
                "[[print_areas]]",
                'id = "wrap"',
                'name = "Wrap"',
                'width = "wide"',
                "height = 90",
            ]
        ),
        encoding="utf-8",
    )
    done = studio("templates", "validate", folder)
    assert done.code == 1
    errors = [line for line in done.out.splitlines() if line.startswith("error:")]
    assert len(errors) >= 2, done.out
    assert any("colour" in e for e in errors) and any("width" in e for e in errors), errors


def test_validate_checks_the_starter_design(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "jar-500"
    shutil.copytree(ROOT / "templates" / "jar-500", folder)
    assert studio("templates", "validate", folder).code == 0
    text = (folder / "starter.json").read_text(encoding="utf-8").replace('"label": {', '"lable": {', 1)
    (folder / "starter.json").write_text(text, encoding="utf-8")
    done = studio("templates", "validate", folder)
    assert done.code == 1
    assert "starter.json" in done.out and "lable" in done.out
