"""Running the real ``studio`` command in a child process, as a user or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """The non-empty lines of stderr."""
        return [line for line in self.err.splitlines() if line.strip()]


def studio(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """``studio ARGS...`` with the test's environment (isolated user folder, offscreen Qt)."""
    done = subprocess.run(
        [sys.executable, "-m", "studio", *map(str, args)],
        cwd=cwd or ROOT,
        env=env if env is not None else dict(os.environ),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)
