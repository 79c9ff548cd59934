"""A seeded SQLite directory built once per module and copied per test (fast, still real)."""

from __future__ import annotations

import shutil
from pathlib import Path

from directory.db import open_database


def seeded_template(directory: Path) -> Path:
    """Migrate and seed a SQLite file in `directory` once; returns its path."""
    path = directory / "seeded.db"
    engine = open_database(f"sqlite:///{path}")
    engine.dispose()
    return path


def copy_of(template: Path, directory: Path) -> str:
    """A fresh copy of the seeded file in `directory`, as a SQLAlchemy URL."""
    target = directory / "drogowskaz.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"
