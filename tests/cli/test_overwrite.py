"""Commands never replace what the user did not ask them to replace (through the real command)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from studio_run import ROOT, studio

JAR = ROOT / "examples" / "jar-name"


@pytest.fixture
def jar(tmp_path: Path) -> Path:
    """A copy of the jar example (design.json, a photo and two drawings)."""
    folder = tmp_path / "jar"
    shutil.copytree(JAR, folder)
    return folder / "design.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "honey.studio"
    done = studio("new", "jar-500", "-o", path, "--set", "name=Camille")
    assert done.code == 0, done.err
    return path


def refused(done, *fragments: str) -> str:
    assert done.code == 1, (done.code, done.err)
    assert len(done.lines) == 1, done.err
    assert "Traceback" not in done.err
    for fragment in fragments:
        assert fragment in done.lines[0], done.lines[0]
    return done.lines[0]


# -- an export never writes over its input ----------------------------------------------------------
def test_export_over_the_project_itself_is_refused(project: Path) -> None:
    before = project.read_bytes()
    done = studio("export", project, "--format", "pdf", "-o", project)
    refused(done, "honey.studio", "the project being exported")
    assert project.read_bytes() == before
    assert zipfile.is_zipfile(project)


def test_export_over_design_json_is_refused(jar: Path) -> None:
    before = jar.read_bytes()
    refused(studio("export", jar, "--format", "svg", "-o", jar, "--force"), "the project being exported")
    assert jar.read_bytes() == before


def test_export_over_an_asset_of_the_design_is_refused_even_with_force(jar: Path) -> None:
    photo = jar.parent / "photo.jpg"
    before = photo.read_bytes()
    refused(studio("export", jar, "--format", "mockup", "-o", photo, "--force"), "a file the design uses (photo.jpg)")
    assert photo.read_bytes() == before


def test_export_over_an_asset_named_with_the_right_extension_is_refused(jar: Path) -> None:
    sprig = jar.parent / "sprig.svg"
    before = sprig.read_bytes()
    refused(studio("export", jar, "--format", "svg", "-o", sprig, "--force"), "a file the design uses (sprig.svg)")
    assert sprig.read_bytes() == before


def test_links_to_the_input_are_the_input(project: Path, tmp_path: Path) -> None:
    before = project.read_bytes()
    hard = tmp_path / "copy.pdf"
    os.link(project, hard)
    refused(studio("export", project, "--format", "pdf", "-o", hard, "--force"), "the project being exported")
    soft = tmp_path / "soft.pdf"
    soft.symlink_to(project)
    refused(studio("export", project, "--format", "pdf", "-o", soft, "--force"), "the project being exported")
    assert project.read_bytes() == before


# -- only an earlier export of the same kind is replaced without --force -----------------------------
def test_export_replaces_an_earlier_export_of_the_same_kind(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "label.pdf"
    out.write_bytes(b"%PDF-1.4\n% an earlier export\n")
    done = studio("export", project, "--format", "pdf", "-o", out)
    assert done.code == 0, done.err
    assert out.read_bytes().startswith(b"%PDF-") and b"an earlier export" not in out.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("photo.png", b"\xff\xd8\xff\xe0 a JPEG photo named .png", "png"),
        ("orders.pdf", b"PK\x03\x04 a spreadsheet named .pdf", "pdf"),
        ("label.svg", b"%PDF-1.7 a PDF named .svg", "svg"),
        ("shop.png", b"%PDF-1.7 a PDF where a mockup goes", "mockup"),
    ],
)
def test_export_never_replaces_another_kind_of_file_without_force(
    project: Path, tmp_path: Path, name: str, content: bytes, fmt: str
) -> None:
    out = tmp_path / name
    out.write_bytes(content)
    refused(studio("export", project, "--format", fmt, "-o", out), name, "--force")
    assert out.read_bytes() == content
    done = studio("export", project, "--format", fmt, "-o", out, "--force")
    assert done.code == 0, done.err
    assert out.read_bytes() != content


def test_new_refuses_an_existing_file_without_force(project: Path) -> None:
    with zipfile.ZipFile(project) as zf:
        assert b"Camille" in zf.read("design.json")
    before = project.read_bytes()
    refused(studio("new", "jar-500", "-o", project, "--set", "name=Zoe"), "already exists", "--force")
    assert project.read_bytes() == before
    done = studio("new", "jar-500", "-o", project, "--set", "name=Zoe", "--force")
    assert done.code == 0, done.err
    with zipfile.ZipFile(project) as zf:
        assert b"Zoe" in zf.read("design.json")


# -- read-only files and links ---------------------------------------------------------------------
def test_read_only_files_are_respected(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "final.pdf"
    out.write_bytes(b"%PDF-1.4\n% approved by the customer\n")
    os.chmod(out, 0o444)
    before = out.read_bytes()
    refused(studio("export", project, "--format", "pdf", "-o", out, "--force"), "read-only")
    assert out.read_bytes() == before
    os.chmod(project, 0o444)
    saved = project.read_bytes()
    refused(studio("new", "jar-500", "-o", project, "--force"), "read-only")
    assert project.read_bytes() == saved


def test_writing_through_a_symbolic_link_writes_its_target(project: Path, tmp_path: Path) -> None:
    real = tmp_path / "real" / "label.pdf"
    real.parent.mkdir()
    real.write_bytes(b"%PDF-1.4\n% old\n")
    link = tmp_path / "label.pdf"
    link.symlink_to(real)
    done = studio("export", project, "--format", "pdf", "-o", link)
    assert done.code == 0, done.err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.stat().st_size > 1000
    assert sorted(p.name for p in real.parent.iterdir()) == ["label.pdf"]

    real_project = tmp_path / "real" / "shop.studio"
    real_project.write_bytes(project.read_bytes())
    alias = tmp_path / "shop.studio"
    alias.symlink_to(real_project)
    done = studio("new", "jar-500", "-o", alias, "--set", "name=Zoe", "--force")
    assert done.code == 0, done.err
    assert alias.is_symlink()
    with zipfile.ZipFile(real_project) as zf:
        assert b"Zoe" in zf.read("design.json")


# -- temporaries left by interrupted runs ------------------------------------------------------------
_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from studio.io.atomic import atomic_replace
    target, mode = Path(sys.argv[1]), sys.argv[2]
    with atomic_replace(target, suffix=sys.argv[3]) as tmp:
        tmp.write_bytes(b"half of a file")
        print(tmp.name, flush=True)
        if mode == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        sys.stdin.readline()
    """
)


def _writer(target: Path, mode: str, suffix: str) -> tuple[subprocess.Popen[str], str]:
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target), mode, suffix],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    return child, child.stdout.readline().strip()


def test_an_export_removes_what_killed_exports_left_and_nothing_else(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "label.pdf"
    killed, left = _writer(out, "kill", ".part")
    assert killed.wait(30) == -signal.SIGKILL
    assert (tmp_path / left).exists()
    running, busy = _writer(out, "wait", ".part")
    unrelated = [tmp_path / ".label.pdf.notes", tmp_path / ".other.pdf.1-0000abcd.part"]
    for path in unrelated:
        path.write_bytes(b"not ours")
    try:
        done = studio("export", project, "--format", "pdf", "-o", out)
        assert done.code == 0, done.err
        assert not (tmp_path / left).exists(), "the killed export's temporary is still there"
        assert (tmp_path / busy).exists(), "the temporary of a running export was removed"
        assert all(path.exists() for path in unrelated)
    finally:
        assert running.stdin is not None
        running.stdin.write("\n")
        running.stdin.close()
        assert running.wait(30) == 0
    assert out.read_bytes() == b"half of a file"  # the running writer finished and won, intact


def test_a_save_removes_what_a_killed_save_left(project: Path, tmp_path: Path) -> None:
    killed, left = _writer(project, "kill", ".tmp")
    assert killed.wait(30) == -signal.SIGKILL
    assert (tmp_path / left).exists()
    # A hidden temporary in the form earlier versions used, abandoned long ago.
    earlier = tmp_path / ".honey.studio.0123456789ab.tmp"
    earlier.write_bytes(b"half")
    os.utime(earlier, (1, 1))
    done = studio("new", "jar-500", "-o", project, "--force")
    assert done.code == 0, done.err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert zipfile.is_zipfile(project)
