"""Opening the database: several instances starting at once on an empty database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from directory.db import create_engine_for, session_scope
from directory.models import AuditLog, Service
from directory.seed import seed_entries

REPO = Path(__file__).resolve().parents[2]
OPEN = "import sys; from directory.db import open_database; open_database(sys.argv[1]).dispose()"


def test_instances_starting_together_on_an_empty_database_migrate_and_seed_it_once(
    database_url: str,
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    starts = [
        subprocess.Popen([sys.executable, "-c", OPEN, database_url], env=env, cwd=REPO)
        for _ in range(3)
    ]
    assert [start.wait(timeout=120) for start in starts] == [0, 0, 0]
    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            services = session.scalar(select(func.count()).select_from(Service))
            seed_changes = session.scalar(
                select(func.count(func.distinct(AuditLog.change_id))).where(
                    AuditLog.actor == "seed"
                )
            )
    finally:
        engine.dispose()
    assert services == len(seed_entries())
    assert seed_changes == 1
