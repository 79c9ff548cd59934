"""`python -m directory audit [--org ID] [--json]`, `audit history SERVICE_ID`,
`audit revert CHANGE_ID`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from directory.audit import AuditEntry, list_changes, service_history, summarise
from directory.cli import UsageError, directory_session
from directory.models import Service
from directory.revert import RevertError, revert_change


def register(subparsers: Any) -> None:
    """Add the `audit` subcommand (list by default; `history` and `revert`)."""
    parser = subparsers.add_parser("audit", help="who changed what, an entry's history, revert")
    parser.add_argument("--org", help="only changes about this organisation and its services")
    parser.add_argument("--json", action="store_true", help="one JSON array")
    parser.add_argument("--limit", type=int, default=None, help="newest N rows only")
    parser.set_defaults(handler=run_list)
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTION")
    history = actions.add_parser("history", help="everything recorded about one service")
    history.add_argument("service_id", metavar="SERVICE_ID")
    history.add_argument("--json", action="store_true", help="one JSON array")
    history.set_defaults(handler=run_history)
    revert = actions.add_parser("revert", help="restore the old values of one change")
    revert.add_argument("change_id", metavar="CHANGE_ID")
    revert.add_argument(
        "--force", action="store_true", help="even if a field was changed again since"
    )
    revert.set_defaults(handler=run_revert)


def _print_entries(entries: Sequence[AuditEntry], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps([entry.to_json() for entry in entries], ensure_ascii=False))
    else:
        for line in summarise(entries):
            print(line)


def run_list(args: argparse.Namespace) -> int:
    """Print audit rows, newest first."""
    with directory_session() as session:
        entries = list_changes(session, args.org, args.limit)
    _print_entries(entries, as_json=args.json)
    return 0


def run_history(args: argparse.Namespace) -> int:
    """Print one service's history, oldest first."""
    with directory_session() as session:
        if session.get(Service, args.service_id) is None:
            raise UsageError(f"no service with id {args.service_id!r}")
        entries = service_history(session, args.service_id)
    _print_entries(entries, as_json=args.json)
    return 0


def run_revert(args: argparse.Namespace) -> int:
    """Revert one change (all its fields, in one transaction)."""
    with directory_session() as session:
        try:
            revert_id = revert_change(session, args.change_id, "cli", force=args.force)
        except RevertError as error:
            raise UsageError(str(error)) from None
    print(f"reverted {args.change_id}; the revert is change {revert_id}")
    return 0
