"""`python -m directory db upgrade|seed`: migrate the database and load the bundled directory."""

from __future__ import annotations

import argparse
from typing import Any

from directory.db import create_engine_for, database_url_from_env, upgrade
from directory.seed import load_seed


def register(subparsers: Any) -> None:
    """Add the `db` subcommand with `upgrade` and `seed`."""
    parser = subparsers.add_parser("db", help="database maintenance")
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION")
    actions.required = True
    upgrade_parser = actions.add_parser("upgrade", help="apply migrations (alembic upgrade head)")
    upgrade_parser.set_defaults(handler=run_upgrade)
    seed_parser = actions.add_parser("seed", help="load the bundled directory if empty")
    seed_parser.set_defaults(handler=run_seed)


def run_upgrade(_args: argparse.Namespace) -> int:
    """Migrate the database named by the environment to the newest schema."""
    engine = create_engine_for(database_url_from_env())
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    print("database upgraded to head")
    return 0


def run_seed(_args: argparse.Namespace) -> int:
    """Migrate, then load the bundled directory if the database holds no services."""
    engine = create_engine_for(database_url_from_env())
    try:
        upgrade(engine)
        added = load_seed(engine)
    finally:
        engine.dispose()
    print(f"seed: {added} services added" if added else "seed: directory not empty, nothing added")
    return 0
