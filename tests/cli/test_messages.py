"""Messages that help: damaged projects, no Python words, nesting limits (through the real command)."""

from __future__ import annotations

import json
from pathlib import Path

from studio_run import studio

from studio.io import limits


def test_a_truncated_project_is_damaged_and_its_recovery_copy_is_offered(tmp_path: Path, monkeypatch) -> None:
    project = tmp_path / "honey.studio"
    assert studio("new", "jar-500", "-o", project).code == 0
    whole = project.read_bytes()
    project.write_bytes(whole[: len(whole) // 2])
    done = studio("export", project, "--format", "pdf", "-o", tmp_path / "x.pdf")
    assert done.code == 1 and len(done.lines) == 1, done.err
    line = done.lines[0]
    assert "honey.studio" in line and "damaged" in line and "not a Studio project" not in line
    assert "recovery copy" not in line

    # The editor's recovery copies live in <user folder>/autosave with a note naming the original.
    import os

    autosave = Path(os.environ["STUDIO_USER_DIR"]) / "autosave"
    autosave.mkdir(parents=True)
    (autosave / "0123456789abcdef.studio").write_bytes(whole)
    note = {"format": 1, "original": str(project), "title": "honey", "template": "jar-500"}
    (autosave / "0123456789abcdef.json").write_text(json.dumps(note), encoding="utf-8")
    done = studio("preflight", project)
    assert done.code == 3 and len(done.lines) == 1, done.err
    assert "damaged" in done.lines[0] and str(autosave / "0123456789abcdef.studio") in done.lines[0]


def test_no_python_words_in_messages(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    huge.write_text('{"schema_version": 1' + "1" * 5000 + "}", encoding="utf-8")
    listing = tmp_path / "list.json"
    listing.write_text("[1, 2]", encoding="utf-8")
    for path in (huge, listing):
        done = studio("export", path, "--format", "pdf", "-o", tmp_path / "x.pdf")
        assert done.code == 1 and len(done.lines) == 1, done.err
        line = done.lines[0]
        for jargon in ("integer", "digits)", "str", "int", "list'", "Error", "Exception"):
            assert jargon not in line, line
        assert path.name in line


def _nested(depth: int) -> dict:
    layer: dict = {"kind": "text", "text": "x", "transform": {"x": 50, "y": 40}}
    for _ in range(depth):
        layer = {"kind": "group", "children": [layer]}
    return {"schema_version": 1, "template": "jar-500", "areas": {"label": {"layers": [layer]}}}


def test_groups_nested_too_deeply_are_one_sentence(tmp_path: Path) -> None:
    for depth in (limits.MAX_GROUP_DEPTH + 1, 120, 400):
        path = tmp_path / f"deep{depth}.json"
        path.write_text(json.dumps(_nested(depth)), encoding="utf-8")
        done = studio("export", path, "--format", "svg", "-o", tmp_path / "x.svg")
        assert done.code == 1 and len(done.lines) == 1, done.err
        assert f"nested {depth} levels deep" in done.lines[0], done.lines[0]
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps(_nested(limits.MAX_GROUP_DEPTH)), encoding="utf-8")
    done = studio("export", ok, "--format", "svg", "-o", tmp_path / "ok.svg")
    assert done.code == 0, done.err
