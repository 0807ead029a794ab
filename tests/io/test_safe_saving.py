"""Saving a project never destroys what it was not asked to replace, and cleans up after killed saves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from studio.io import limits
from studio.io.assets import AssetStore
from studio.io.project import Project, clean_stale_temporaries, new_design, save_project
from studio.io.templates import TemplateLibrary
from studio.model.design import GroupLayer, TextLayer
from studio.model.errors import StudioError


@pytest.fixture
def project(library: TemplateLibrary) -> Project:
    template = library.get("mini-jar")
    return Project(design=new_design(template), template=template, assets=AssetStore())


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_clean_stale_temporaries_removes_only_abandoned_ones_of_its_target(tmp_path: Path) -> None:
    target = tmp_path / "jar.studio"
    target.write_bytes(b"the project")
    dead = _dead_pid()
    abandoned = [tmp_path / f".jar.studio.{dead}-0123abcd.tmp", tmp_path / f".jar.studio.{dead}-89abcdef.part"]
    alive = tmp_path / f".jar.studio.{os.getppid()}-00000000.tmp"  # a running process's (ours' parent)
    other = [tmp_path / f".pot.studio.{dead}-0123abcd.tmp", tmp_path / ".jar.studio.backup", tmp_path / "jar.tmp"]
    young_earlier = tmp_path / ".jar.studio.0123456789ab.tmp"
    old_earlier = tmp_path / ".jar.studio.ba9876543210.tmp"
    for path in [*abandoned, alive, *other, young_earlier, old_earlier]:
        path.write_bytes(b"x")
    os.utime(old_earlier, (time.time() - 7200, time.time() - 7200))
    removed = clean_stale_temporaries(target)
    assert sorted(removed) == sorted([*abandoned, old_earlier])
    assert all(p.exists() for p in [alive, *other, young_earlier, target])


def test_a_link_is_saved_through(project: Project, tmp_path: Path) -> None:
    real = tmp_path / "real.studio"
    save_project(project, real)
    link = tmp_path / "link.studio"
    link.symlink_to(real)
    project.design.variables = {"name": "Zoé"}
    save_project(project, link)
    assert link.is_symlink()
    with zipfile.ZipFile(real) as zf:
        assert "Zoé".encode() in zf.read("design.json")


def test_a_read_only_project_is_not_replaced(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "jar.studio"
    path.write_bytes(b"kept")
    os.chmod(path, 0o444)
    with pytest.raises(StudioError, match="read-only"):
        save_project(project, path)
    assert path.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "templates") == ["jar.studio"]


def test_saving_groups_nested_too_deeply_is_a_clear_message(project: Project, tmp_path: Path) -> None:
    layer: TextLayer | GroupLayer = TextLayer(text="x")
    for _ in range(limits.MAX_GROUP_DEPTH + 1):
        layer = GroupLayer(children=[layer])
    project.design.areas["label"].layers = [layer]
    with pytest.raises(StudioError, match=rf"nested {limits.MAX_GROUP_DEPTH + 1} levels deep.*ungroup"):
        save_project(project, tmp_path / "deep.studio")
    assert not (tmp_path / "deep.studio").exists()


def test_a_snapshot_keeps_every_variant_and_opens_again(tmp_path):
    """Autosave writes from a snapshot: it must hold the whole project, not only the current design."""
    from studio.io.project import load_project, snapshot_project, write_snapshot
    from studio.io.templates import TemplateLibrary
    from studio.model.variants import Variant, VariantSet

    library = TemplateLibrary.default()
    project = load_project(Path(__file__).resolve().parents[2] / "examples" / "jar-name" / "design.json", library)
    other = project.design.model_copy(deep=True)
    other.variables = {**other.variables, "name": "Louis"}
    project.variants = VariantSet(
        variants=[Variant(name="A", design=project.design), Variant(name="B", design=other)], current="A"
    )
    target = tmp_path / "copy.studio"
    write_snapshot(snapshot_project(project), target)
    again = load_project(target, library)
    names = [(v.name, v.design.variables["name"]) for v in again.variant_set().variants]
    assert names == [("A", "Camille"), ("B", "Louis")]
