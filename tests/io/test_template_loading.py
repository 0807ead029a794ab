"""Template folders: loading, checking in an author's terms, and the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_samples import FRONT_SVG, TEMPLATE_TOML, write_template

from studio.io.templates import TemplateLibrary, TemplateProblem, load_template, validate_template_folder
from studio.model.errors import InvalidFile, StudioError
from studio.model.template import Template


def _errors(problems: list[TemplateProblem]) -> list[str]:
    return [p.message for p in problems if p.severity == "error"]


def test_load_template(template_folder: Path) -> None:
    template = load_template(template_folder)
    assert template.id == "mini-jar"
    assert template.folder == template_folder
    assert template.area("label").width == 100
    assert template.area("label").placements[0].kind == "cylinder"


def test_a_good_folder_has_no_problems(template_folder: Path) -> None:
    assert validate_template_folder(template_folder) == []


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    toml = TEMPLATE_TOML.replace('category = "jars"', "category = jars")
    folder = write_template(tmp_path, toml=toml)
    with pytest.raises(InvalidFile) as err:
        load_template(folder)
    message = str(err.value)
    assert "mini-jar/template.toml, line 7: " in message
    assert message.endswith(".")
    assert _errors(validate_template_folder(folder)) == [message]


def test_schema_error_names_the_field(tmp_path: Path) -> None:
    folder = write_template(tmp_path, toml=TEMPLATE_TOML.replace("width = 100", 'width = "wide"'))
    with pytest.raises(InvalidFile, match=r"template\.toml: invalid value at print_areas\.0\.width: expected a number"):
        load_template(folder)


def test_id_must_equal_the_folder_name(tmp_path: Path) -> None:
    folder = write_template(tmp_path, template_id="jar-copy")
    with pytest.raises(InvalidFile, match=r"the product id 'mini-jar' differs from the folder name 'jar-copy'"):
        load_template(folder)
    assert any("differs from the folder name" in m for m in _errors(validate_template_folder(folder)))


def test_missing_and_unsafe_art(tmp_path: Path) -> None:
    folder = write_template(tmp_path)
    (folder / "views" / "front.svg").unlink()
    assert any("front.svg: the art file is missing" in m for m in _errors(validate_template_folder(folder)))

    other = write_template(
        tmp_path / "b", art='<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/passwd"/></svg>'
    )
    messages = _errors(validate_template_folder(other))
    assert any("refers to the outside file '/etc/passwd'" in m and "view 'front'" in m for m in messages)

    toml = TEMPLATE_TOML.replace('art = "views/front.svg"', 'art = "../../secret.svg"')
    escaping = write_template(tmp_path / "c", toml=toml)
    assert any("climbs out of its folder" in m for m in _errors(validate_template_folder(escaping)))


def test_part_elements_must_exist_in_the_art(tmp_path: Path) -> None:
    folder = write_template(tmp_path, toml=TEMPLATE_TOML.replace('elements = ["lid"]', 'elements = ["lid", "cap"]'))
    messages = _errors(validate_template_folder(folder))
    assert messages == [
        f"{folder / 'template.toml'}: the part 'lid' colours the element 'cap', but no view's art has an element "
        'with id="cap".'
    ]


def test_placement_must_lie_inside_the_art(tmp_path: Path) -> None:
    folder = write_template(
        tmp_path, toml=TEMPLATE_TOML.replace("rect = [50, 60, 200, 100]", "rect = [150, 60, 200, 100]")
    )
    messages = _errors(validate_template_folder(folder))
    assert len(messages) == 1
    assert (
        "print area 'label' is placed at 150 60 200 100 on the view 'front', outside its art (viewBox 0 0 300 300)"
        in (messages[0])
    )


def test_die_line_checks(tmp_path: Path) -> None:
    bad = TEMPLATE_TOML.replace(
        'shape = { kind = "rounded_rectangle", radius = 4 }', 'shape = { kind = "path", path = "M 0 0 L x" }'
    )
    folder = write_template(tmp_path / "a", toml=bad)
    assert any("print_areas.0" in m and "in path data" in m for m in _errors(validate_template_folder(folder)))

    open_line = TEMPLATE_TOML.replace(
        'shape = { kind = "rounded_rectangle", radius = 4 }',
        'shape = { kind = "path", path = "M 0 0 L 120 0 L 100 50" }',
    )
    problems = validate_template_folder(write_template(tmp_path / "b", toml=open_line))
    warnings = [p.message for p in problems if p.severity == "warning"]
    assert any("reaches outside its 100 x 50 mm trim box" in w for w in warnings)
    assert any("is not closed" in w for w in warnings)
    assert _errors(problems) == []


def test_dropped_art_content_is_a_warning(tmp_path: Path) -> None:
    art = FRONT_SVG.replace("</svg>", "<script>alert(1)</script></svg>")
    problems = validate_template_folder(write_template(tmp_path, art=art))
    assert [p.severity for p in problems] == ["warning"]
    assert "<script> was removed" in problems[0].message


def test_not_a_template_folder(tmp_path: Path) -> None:
    assert "is not a template folder" in _errors(validate_template_folder(tmp_path))[0]
    assert "is not a folder" in _errors(validate_template_folder(tmp_path / "nothing"))[0]


# -- the library -----------------------------------------------------------------------------------
def test_library_lists_and_gets(library: TemplateLibrary) -> None:
    assert [t.id for t in library.all()] == ["mini-jar"]
    assert library.get("mini-jar").product.category == "jars"
    assert "mini-jar" in library
    assert library.problems == []


def test_unknown_template_message(library: TemplateLibrary) -> None:
    with pytest.raises(StudioError) as err:
        library.get("teapot")
    assert str(err.value) == "unknown template 'teapot'; `studio templates list` shows the installed ones."


def test_broken_folder_is_reported_but_does_not_hide_the_others(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    write_template(root)
    write_template(root, template_id="broken", toml="this is = = not toml")
    (root / "notes").mkdir()  # not a template: ignored
    library = TemplateLibrary([root, tmp_path / "missing"])
    assert [t.id for t in library.all()] == ["mini-jar"]
    assert len(library.problems) == 1
    assert "broken/template.toml, line 1" in library.problems[0].message


def test_later_folders_win_and_a_folder_may_be_a_template(tmp_path: Path) -> None:
    first = write_template(tmp_path / "bundled")
    second = write_template(tmp_path / "user", toml=TEMPLATE_TOML.replace("version = 2", "version = 3"))
    library = TemplateLibrary([first.parent, second])
    assert library.get("mini-jar").version == 3
    assert library.get("mini-jar").folder == second


def test_default_library_reads_user_folder_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    user = tmp_path / "user"
    monkeypatch.setenv("STUDIO_USER_DIR", str(user))
    write_template(user / "templates", template_id="user-mug", toml=TEMPLATE_TOML.replace('"mini-jar"', '"user-mug"'))
    extra_a = write_template(tmp_path / "a", template_id="a-tee", toml=TEMPLATE_TOML.replace('"mini-jar"', '"a-tee"'))
    extra_b = write_template(tmp_path / "b", template_id="b-bag", toml=TEMPLATE_TOML.replace('"mini-jar"', '"b-bag"'))
    monkeypatch.setenv("STUDIO_TEMPLATE_PATH", os.pathsep.join([str(extra_a.parent), "", str(extra_b)]))
    library = TemplateLibrary.default()
    ids = {t.id for t in library.all()}
    assert {"user-mug", "a-tee", "b-bag"} <= ids


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from studio.io import templates as module

    read: list[str] = []
    real = module.load_template

    def spy(folder: Path) -> Template:
        read.append(folder.name)
        return real(folder)

    monkeypatch.setattr(module, "load_template", spy)
    return read


def test_get_reads_only_the_template_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "templates"
    write_template(root)
    write_template(root, template_id="other-mug", toml=TEMPLATE_TOML.replace('"mini-jar"', '"other-mug"'))
    write_template(root, template_id="broken", toml="this is = = not toml")
    library = TemplateLibrary([root])
    read = _count_reads(monkeypatch)
    template = library.get("mini-jar")
    assert read == ["mini-jar"]
    assert library.get("mini-jar") is template and read == ["mini-jar"]
    # A full scan afterwards reuses it (the same object) and reads the others.
    assert {t.id for t in library.all()} == {"mini-jar", "other-mug"}
    assert library.get("mini-jar") is template
    assert sorted(read) == ["broken", "mini-jar", "other-mug"]


def test_get_before_a_scan_agrees_with_the_scan(tmp_path: Path) -> None:
    bundled = write_template(tmp_path / "bundled")
    broken_user = write_template(tmp_path / "user", toml="this is = = not toml")
    newer = write_template(tmp_path / "newer", toml=TEMPLATE_TOML.replace("version = 2", "version = 3"))
    # The last folder holding a usable copy wins...
    assert TemplateLibrary([bundled.parent, newer.parent]).get("mini-jar").folder == newer
    # ...a broken copy in a later folder leaves the earlier one in use, as a full scan does...
    quick = TemplateLibrary([bundled.parent, broken_user.parent]).get("mini-jar")
    scanned = TemplateLibrary([bundled.parent, broken_user.parent])
    scanned.all()
    assert quick.folder == scanned.get("mini-jar").folder == bundled
    # ...and an id that names no folder, or a path, is the usual unknown-template error.
    for wrong in ("teapot", "../bundled/mini-jar", ".hidden", ""):
        with pytest.raises(StudioError, match="unknown template"):
            TemplateLibrary([bundled.parent]).get(wrong)
