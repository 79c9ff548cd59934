"""Every `python -m directory` command stops quietly when its reader goes away (`… | head`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from directory.cli import BROKEN_PIPE_EXIT

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["audit"],
        ["export", "--format", "csv"],
        ["refer", "--powiat", "1465", "--crisis", "suicidal"],
        ["report", "coverage"],
        ["resolve", "Nowa Wieś"],
        ["--help"],
    ],
)
def test_a_closed_pipe_ends_the_command_without_a_traceback(
    argv: list[str], seeded_sqlite_url: str, tmp_path: Path
) -> None:
    environ = {**os.environ, "DATABASE_URL": seeded_sqlite_url, "PYTHONPATH": str(ROOT)}
    environ["DROGOWSKAZ_DATA_DIR"] = str(tmp_path)
    read_end, write_end = os.pipe()
    # The reader is gone before the command writes a byte: its first print meets a broken pipe.
    os.close(read_end)
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "directory", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env=environ,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in finished.stderr
    assert "BrokenPipeError" not in finished.stderr
    assert finished.returncode in {0, BROKEN_PIPE_EXIT}
    if argv != ["--help"]:
        assert finished.returncode == BROKEN_PIPE_EXIT
