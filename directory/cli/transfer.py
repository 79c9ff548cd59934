"""`python -m directory export --format csv|hsds [--out PATH]` and `import PATH [--dry-run]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from directory.cli import UsageError, directory_session
from directory.db import open_database, session_scope
from directory.transfer import import_file, write_export


class _RollbackRequestError(Exception):
    """Raised to roll the dry run's session back (nothing may be written)."""


def register(subparsers: Any) -> None:
    """Add the `export` and `import` subcommands."""
    export = subparsers.add_parser("export", help="the whole directory as CSV or HSDS 3.0 JSON")
    export.add_argument("--format", choices=("csv", "hsds"), default="csv")
    export.add_argument("--out", type=Path, help="write here instead of standard output")
    export.set_defaults(handler=run_export)
    importer = subparsers.add_parser("import", help="CSV or HSDS JSON; all rows or nothing")
    importer.add_argument("path", type=Path, metavar="PATH")
    importer.add_argument("--dry-run", action="store_true", help="show what would change only")
    importer.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Export the directory."""
    with directory_session() as session:
        text = write_export(session, args.format, args.out)
    if args.out is None:
        sys.stdout.write(text)
    else:
        print(f"exported to {args.out}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import a file: exit 1 with every problem listed if any row is invalid (nothing written)."""
    path: Path = args.path
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    engine = open_database()
    try:
        try:
            with session_scope(engine) as session:
                plan = import_file(session, path, dry_run=args.dry_run)
                if not plan.ok or args.dry_run:
                    raise _RollbackRequestError
        except _RollbackRequestError:
            pass
        except Exception as error:
            # Whatever a file does, the answer is a sentence, not a traceback; the session
            # rolled everything back. (tests/directory/test_import_fuzz.py makes sure this
            # line is never what a malformed file gets.)
            print(
                f"{path}: the import failed ({type(error).__name__}); nothing was imported",
                file=sys.stderr,
            )
            return 1
    finally:
        engine.dispose()
    if not plan.ok:
        print(f"{path}: {len(plan.problems)} problem(s); nothing was imported", file=sys.stderr)
        for problem in plan.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if args.dry_run:
        print("dry run: nothing was written")
    for line in plan.summary_lines():
        print(line)
    return 0
