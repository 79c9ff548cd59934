"""`python -m directory staff invite|list|revoke` and `admin grant|revoke|list`."""

from __future__ import annotations

import argparse
import os
from typing import Any, Final

from directory.access import grant_admin, granted_admins, revoke_admin
from directory.cli import UsageError, directory_session
from directory.clock import utc_now
from directory.staff import (
    DEFAULT_EXPIRY,
    create_invite,
    deep_link,
    list_invites,
    list_links,
    parse_duration,
    revoke_invite,
    revoke_link,
)

BOT_USERNAME_PLACEHOLDER: Final = "YOUR_BOT"
CLI_ACTOR: Final = "cli"


def register(subparsers: Any) -> None:
    """Add the `staff` and `admin` subcommands."""
    staff = subparsers.add_parser("staff", help="link centre staff to their organisation")
    actions = staff.add_subparsers(dest="staff_action", metavar="ACTION")
    actions.required = True
    invite = actions.add_parser("invite", help="print a one-time invite code for an organisation")
    invite.add_argument("--org", required=True, help="organisation id")
    invite.add_argument("--expires", default="7d", help="how long it stays valid (7d, 12h, 30m)")
    invite.set_defaults(handler=run_invite)
    listing = actions.add_parser("list", help="linked staff and invites")
    listing.add_argument("--org", help="only this organisation")
    listing.set_defaults(handler=run_list)
    revoke = actions.add_parser("revoke", help="unlink a Telegram user, or cancel an invite")
    target = revoke.add_mutually_exclusive_group(required=True)
    target.add_argument("--user", type=int, help="Telegram user id to unlink")
    target.add_argument("--invite", type=int, help="invite id to cancel (from `staff list`)")
    revoke.add_argument("--org", help="unlink from this organisation only")
    revoke.set_defaults(handler=run_revoke)

    admin = subparsers.add_parser("admin", help="administrators named by Telegram user id")
    admin_actions = admin.add_subparsers(dest="admin_action", metavar="ACTION")
    admin_actions.required = True
    for name, handler, text in (
        ("grant", run_admin_grant, "make a Telegram user an administrator"),
        ("revoke", run_admin_revoke, "remove a granted administrator"),
    ):
        parser = admin_actions.add_parser(name, help=text)
        parser.add_argument("telegram_id", type=int, metavar="TELEGRAM_ID")
        parser.set_defaults(handler=handler)
    admin_list = admin_actions.add_parser("list", help="granted and configured administrators")
    admin_list.set_defaults(handler=run_admin_list)


def run_invite(args: argparse.Namespace) -> int:
    """Create an invite and print the code and the deep link."""
    try:
        expires_in = parse_duration(args.expires) if args.expires else DEFAULT_EXPIRY
    except ValueError as error:
        raise UsageError(str(error)) from None
    with directory_session() as session:
        try:
            invite = create_invite(session, args.org, expires_in=expires_in, created_by=CLI_ACTOR)
        except ValueError as error:
            raise UsageError(str(error)) from None
    username = os.environ.get("TELEGRAM_BOT_USERNAME", "").strip()
    print(f"invite code: {invite.code}")
    print(f"organisation: {invite.organization_id}")
    print(f"valid until: {invite.expires_at:%Y-%m-%d %H:%M} UTC (single use)")
    print(f"in Telegram: /staff {invite.code}")
    print(f"link: {deep_link(username or BOT_USERNAME_PLACEHOLDER, invite.code)}")
    if not username:
        print(
            f"note: set TELEGRAM_BOT_USERNAME to print the real link; replace "
            f"{BOT_USERNAME_PLACEHOLDER} with the bot's username"
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print linked staff and invites (codes are never shown again: only hashes are stored)."""
    now = utc_now()
    with directory_session() as session:
        links = list_links(session, args.org)
        invites = list_invites(session, args.org)
        print("linked staff:" if links else "linked staff: none")
        for link in links:
            print(
                f"  telegram {link.telegram_user_id}  organisation {link.organization_id}  "
                f"since {link.linked_at:%Y-%m-%d}"
            )
        print("invites:" if invites else "invites: none")
        for invite in invites:
            print(
                f"  #{invite.id}  organisation {invite.organization_id}  "
                f"{invite.state(now)}  expires {invite.expires_at:%Y-%m-%d %H:%M} UTC"
            )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    """Unlink a user (from one or all organisations) or cancel an open invite."""
    with directory_session() as session:
        if args.invite is not None:
            if not revoke_invite(session, args.invite, actor=CLI_ACTOR):
                raise UsageError(f"no open invite #{args.invite}")
            print(f"invite #{args.invite} cancelled")
            return 0
        count = revoke_link(session, args.user, args.org, actor=CLI_ACTOR)
        if not count:
            raise UsageError(f"telegram user {args.user} is not linked as staff")
        print(f"telegram user {args.user} unlinked from {count} organisation(s)")
    return 0


def run_admin_grant(args: argparse.Namespace) -> int:
    """Grant administrator rights."""
    with directory_session() as session:
        added = grant_admin(session, args.telegram_id, granted_by=CLI_ACTOR)
    print(f"{args.telegram_id} is {'now' if added else 'already'} an administrator")
    return 0


def run_admin_revoke(args: argparse.Namespace) -> int:
    """Revoke granted administrator rights."""
    with directory_session() as session:
        removed = revoke_admin(session, args.telegram_id, actor=CLI_ACTOR)
    if not removed:
        raise UsageError(f"{args.telegram_id} is not a granted administrator")
    print(f"{args.telegram_id} is no longer an administrator")
    return 0


def run_admin_list(_args: argparse.Namespace) -> int:
    """List granted administrators and those named in ADMIN_TELEGRAM_IDS."""
    with directory_session() as session:
        admins = granted_admins(session)
        for admin in admins:
            print(f"{admin.telegram_user_id}  granted {admin.granted_at:%Y-%m-%d}")
    configured = os.environ.get("ADMIN_TELEGRAM_IDS", "").strip()
    if configured:
        print(f"configured (ADMIN_TELEGRAM_IDS): {configured}")
    if not admins and not configured:
        print("no administrators")
    return 0
