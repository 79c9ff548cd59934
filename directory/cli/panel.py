"""`python -m directory panel-link --staff-user ID | --admin-user ID`: a one-time panel link."""

from __future__ import annotations

import argparse
import os
from typing import Any, Final

from directory.cli import UsageError, directory_session
from directory.panel_access import PanelRole, SignInError, create_sign_in_link

DEFAULT_PUBLIC_URL: Final = "http://127.0.0.1:8080"


def register(subparsers: Any) -> None:
    """Add the `panel-link` subcommand."""
    parser = subparsers.add_parser(
        "panel-link", help="print a one-time web panel sign-in link (15 minutes, single use)"
    )
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff-user", type=int, metavar="ID", help="Telegram id of linked staff")
    who.add_argument("--admin-user", type=int, metavar="ID", help="Telegram id of an administrator")
    parser.add_argument(
        "--base-url", help="the panel's public address (default: PUBLIC_URL from the environment)"
    )
    parser.set_defaults(handler=run_panel_link)


def configured_admin_ids() -> frozenset[int]:
    """ADMIN_TELEGRAM_IDS from the environment (malformed parts are a UsageError)."""
    ids: set[int] = set()
    for part in os.environ.get("ADMIN_TELEGRAM_IDS", "").replace(";", ",").split(","):
        if part.strip():
            try:
                ids.add(int(part))
            except ValueError:
                raise UsageError(f"ADMIN_TELEGRAM_IDS holds {part.strip()!r}, not an id") from None
    return frozenset(ids)


def run_panel_link(args: argparse.Namespace) -> int:
    """Issue a sign-in link for a linked staff member or an administrator and print it."""
    role = PanelRole.ADMIN if args.admin_user is not None else PanelRole.STAFF
    user = args.admin_user if args.admin_user is not None else args.staff_user
    base_url = (args.base_url or os.environ.get("PUBLIC_URL", "")).strip()
    with directory_session() as session:
        try:
            link = create_sign_in_link(session, user, role, admin_ids=configured_admin_ids())
        except SignInError:
            kind = "an administrator" if role is PanelRole.ADMIN else "linked to a help centre"
            raise UsageError(f"telegram user {user} is not {kind}") from None
    print(f"sign-in link: {link.url(base_url or DEFAULT_PUBLIC_URL)}")
    print(f"for: telegram user {user} ({role.value})")
    print(f"valid until: {link.expires_at:%Y-%m-%d %H:%M} UTC (single use)")
    if not base_url:
        print(f"note: set PUBLIC_URL to the panel's public address; {DEFAULT_PUBLIC_URL} assumed")
    return 0
