"""Files the bot writes beside itself at run time never end up in a commit."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import pytest

from bot.config import STATE_SECRET_FILE, WEBHOOK_SECRET_FILE
from directory.db import DEFAULT_DB_FILENAME

ROOT = Path(__file__).resolve().parents[1]


def ignored(name: str) -> bool:
    patterns = [
        line.strip()
        for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return any(fnmatch(name, pattern.lstrip("/")) for pattern in patterns)


@pytest.mark.parametrize(
    "name",
    [
        DEFAULT_DB_FILENAME,
        DEFAULT_DB_FILENAME + "-wal",
        DEFAULT_DB_FILENAME + "-shm",
        DEFAULT_DB_FILENAME + "-journal",
        STATE_SECRET_FILE,
        WEBHOOK_SECRET_FILE,
    ],
)
def test_the_database_its_side_files_and_the_generated_secrets_are_ignored(name: str) -> None:
    assert ignored(name)
