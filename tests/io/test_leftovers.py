"""Temporaries of interrupted saves and exports are removed for their target, and only those."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from studio.io.leftovers import ABANDONED_AFTER, remove_interrupted_saves


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _aged(path: Path, seconds: float) -> Path:
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def test_only_abandoned_temporaries_of_the_target_are_removed(tmp_path):
    project = tmp_path / "honey.studio"
    project.write_bytes(b"project")
    made = {
        "old_save": tmp_path / ".honey.studio.0123456789ab.tmp",
        "old_export": tmp_path / ".honey.studio.k2j4_x9z.part",
        "dead_writer": tmp_path / f".honey.studio.{_dead_pid()}-0123abcd.tmp",
        "recent_save": tmp_path / ".honey.studio.ba9876543210.tmp",
        "live_writer": tmp_path / f".honey.studio.{os.getpid()}-0123abcd.tmp",
        "user_file": tmp_path / ".honey.studio.notes.tmp",
        "other_project": tmp_path / ".other.studio.0123456789ab.tmp",
    }
    for name, path in made.items():
        path.write_bytes(name.encode())
    for name in ("old_save", "old_export", "user_file", "other_project"):
        _aged(made[name], ABANDONED_AFTER + 60)

    removed = remove_interrupted_saves(project)

    assert sorted(p.name for p in removed) == sorted(made[k].name for k in ("old_save", "old_export", "dead_writer"))
    left = sorted(p.name for p in tmp_path.iterdir())
    kept = [made[k].name for k in ("recent_save", "live_writer", "user_file", "other_project")]
    assert left == sorted([*kept, "honey.studio"])


def test_a_temporary_locked_by_its_writer_is_kept(tmp_path):
    import fcntl

    project = tmp_path / "honey.studio"
    temp = tmp_path / ".honey.studio.0123456789ab.tmp"
    temp.write_bytes(b"being written")
    _aged(temp, ABANDONED_AFTER + 60)
    fd = os.open(temp, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        script = (
            "import sys; from pathlib import Path; from studio.io.leftovers import remove_interrupted_saves;"
            "print(len(remove_interrupted_saves(Path(sys.argv[1]))))"
        )
        out = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "0" and temp.exists()
    finally:
        os.close(fd)
    assert remove_interrupted_saves(project) == [temp] and not temp.exists()


def test_a_missing_folder_is_nothing_to_clean(tmp_path):
    assert remove_interrupted_saves(tmp_path / "gone" / "honey.studio") == []
