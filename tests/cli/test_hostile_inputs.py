"""Work is bounded: each input that once took minutes and gigabytes is refused in one sentence,
quickly, through the real ``studio`` command, and nothing is written."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_inputs import CASES, Case

# Generous for a loaded CI machine: each took 9 to 306 s before (see benchmarks/README.md for
# the figures measured on an idle one).
TIME_BOUND = 30.0


@pytest.mark.parametrize("case", CASES, ids=[c.make.__name__ for c in CASES])
def test_hostile_input_is_refused_quickly(case: Case, tmp_path: Path) -> None:
    args = case.make(tmp_path)
    before = set(tmp_path.rglob("*"))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "studio", *args], capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1, done.stderr
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert case.expect in lines[0], lines[0]
    assert Path(args[1]).name in lines[0], lines[0]
    assert set(tmp_path.rglob("*")) == before, "something was written"
    assert elapsed < TIME_BOUND, f"{case.name}: refused after {elapsed:.1f} s"
