"""The `python -m directory` command line: each subcommand lives in its own module."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

from directory.db import open_database, session_scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Each module exposes `register(subparsers)`, adding its subcommand(s) with a `handler` default
# that takes the parsed namespace and returns an exit code.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "directory.cli.resolve",
    "directory.cli.refer",
    "directory.cli.db",
    "directory.cli.report",
    "directory.cli.staff",
    "directory.cli.audit",
    "directory.cli.transfer",
    "directory.cli.card",
    "directory.cli.panel",
    "directory.cli.verify",
)


class UsageError(Exception):
    """A bad argument the user can fix: printed without a traceback, exit code 2."""


@contextmanager
def directory_session() -> Iterator[Session]:
    """A session on the database named by the environment (migrated and seeded first) that
    commits when the block ends normally; the engine is disposed afterwards."""
    engine = open_database()
    try:
        with session_scope(engine) as session:
            yield session
    finally:
        engine.dispose()


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m directory",
        description="Drogowskaz directory: places, help options, data maintenance and reports.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in SUBCOMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(subparsers)
    return parser


# What a shell reports for a command killed by SIGPIPE (128 + 13): `… | head` stopped reading.
BROKEN_PIPE_EXIT: Final = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`python -m directory audit | head`): not an error of ours, so no
        # traceback. Python would flush stdout again at exit and complain; point it at devnull.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE_EXIT
    return code


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return code
