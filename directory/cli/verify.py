"""`python -m directory verify`: the verification queue for administrators.

Without an action it walks the queue interactively (verify, verify with edits, hide with a
reason, skip, quit); `list`, `show`, `approve`, `hide` and `reject` do one thing each, for
scripts and tests. Every decision is directory.verification's, audited as actor `--actor`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from sqlalchemy import Engine

from directory.cli import UsageError
from directory.db import open_database, session_scope
from directory.editing import EditError, InvalidValue
from directory.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, translator
from directory.models import Service
from directory.usage_report import warsaw_today
from directory.verification import (
    Queue,
    QueueEntry,
    approve,
    describe_entry,
    describe_lines,
    hide,
    list_queue,
    parse_edit,
    powiat_names,
    reject_pending,
)

DEFAULT_ACTOR = "cli"


def register(subparsers: Any) -> None:
    """Add the `verify` subcommand (interactive by default; list, show, approve, hide, reject)."""
    parser = subparsers.add_parser(
        "verify", help="the verification queue: list, show, verify, hide (interactive by default)"
    )
    _common(parser)
    parser.set_defaults(handler=run_interactive)
    actions = parser.add_subparsers(dest="verify_action", metavar="ACTION")
    listing = actions.add_parser("list", help="the queue in order, with what each entry gives")
    _common(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object")
    listing.add_argument("--limit", type=int, default=None, help="the first N entries only")
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="one entry with every source, caveat and conflict")
    _common(show)
    show.add_argument("service_id", metavar="SERVICE_ID")
    show.add_argument("--json", action="store_true", help="one JSON object")
    show.set_defaults(handler=run_show)
    approve_parser = actions.add_parser(
        "approve", help="verify an entry (and apply its centre's pending change)"
    )
    _common(approve_parser)
    approve_parser.add_argument("service_id", metavar="SERVICE_ID")
    approve_parser.add_argument(
        "--set",
        dest="edits",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="an edit made with the verification (repeatable; lists separated by |)",
    )
    approve_parser.set_defaults(handler=run_approve)
    hide_parser = actions.add_parser("hide", help="keep an entry from residents, with a reason")
    _common(hide_parser)
    hide_parser.add_argument("service_id", metavar="SERVICE_ID")
    hide_parser.add_argument("--reason", required=True, help="why (recorded and shown to staff)")
    hide_parser.set_defaults(handler=run_hide)
    reject = actions.add_parser("reject", help="decline a change a centre proposed")
    _common(reject)
    reject.add_argument("service_id", metavar="SERVICE_ID")
    reject.add_argument("--reason", required=True, help="why (recorded)")
    reject.set_defaults(handler=run_reject)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=SUPPORTED_LANGUAGES, default=DEFAULT_LANGUAGE, help="language of output"
    )
    parser.add_argument(
        "--actor",
        default=DEFAULT_ACTOR,
        help=f"who decides, for the audit (default {DEFAULT_ACTOR})",
    )


def _engine() -> Engine:
    return open_database()


def _with_session(work: Callable[[Any], int]) -> int:
    engine = _engine()
    try:
        with session_scope(engine) as session:
            return work(session)
    finally:
        engine.dispose()


def queue_heading(queue: Queue, lang: str) -> list[str]:
    """The queue's size and what verifying it as it stands would give."""
    _ = translator(lang).gettext
    after = queue.powiats_with_local_option + sum(len(e.gains_local) for e in queue.entries)
    after_24_7 = queue.powiats_with_local_24_7 + sum(len(e.gains_24_7) for e in queue.entries)
    return [
        _("Verification queue: %(count)d entries, %(gaining)d give a powiat its first local option")
        % {"count": len(queue), "gaining": queue.gaining_local},
        _("Powiats with any local option: %(now)d → %(after)d (+%(gain)d)")
        % {
            "now": queue.powiats_with_local_option,
            "after": after,
            "gain": after - queue.powiats_with_local_option,
        },
        _("Powiats with a local option open 24/7: %(now)d → %(after)d (+%(gain)d)")
        % {
            "now": queue.powiats_with_local_24_7,
            "after": after_24_7,
            "gain": after_24_7 - queue.powiats_with_local_24_7,
        },
    ]


def entry_line(entry: QueueEntry, lang: str) -> str:
    """One queue entry on one line: place, id, kind, what it gives, name."""
    _ = translator(lang).gettext
    gives = ""
    if entry.gains_local:
        gives = _("first local option: %(powiats)s") % {"powiats": powiat_names(entry.gains_local)}
    elif entry.pending:
        gives = _("pending change: %(fields)s") % {
            "fields": ", ".join(p.field for p in entry.pending)
        }
    elif not entry.would_show:
        gives = _("needs a phone")
    return f"{entry.position:>4}  {entry.service_id:<8} {entry.kind:<22} {entry.name}" + (
        f"  [{gives}]" if gives else ""
    )


def run_list(args: argparse.Namespace) -> int:
    """Print the queue in order."""

    def work(session: Any) -> int:
        queue = list_queue(session, warsaw_today())
        entries = queue.entries[: args.limit] if args.limit is not None else queue.entries
        if args.json:
            document = {
                "entries": len(queue),
                "powiats_with_local_option": queue.powiats_with_local_option,
                "powiats_with_local_24_7": queue.powiats_with_local_24_7,
                "queue": [entry.to_json() for entry in entries],
            }
            print(json.dumps(document, ensure_ascii=False))
            return 0
        for line in queue_heading(queue, args.lang):
            print(line)
        print()
        for entry in entries:
            print(entry_line(entry, args.lang))
        return 0

    return _with_session(work)


def run_show(args: argparse.Namespace) -> int:
    """Print one entry in full."""

    def work(session: Any) -> int:
        description = describe_entry(session, args.service_id, warsaw_today())
        if description is None:
            raise UsageError(f"no service with id {args.service_id!r}")
        if args.json:
            print(json.dumps(description.to_json(args.lang), ensure_ascii=False))
        else:
            print("\n".join(describe_lines(description, args.lang)))
        return 0

    return _with_session(work)


def _edits(session: Any, service_id: str, texts: Sequence[str]) -> dict[str, Any]:
    service = session.get(Service, service_id)
    edits: dict[str, Any] = {}
    for text in texts:
        name, value = parse_edit(text, service)
        edits[name] = value
    return edits


def _refused(error: EditError) -> UsageError:
    where = f"{error.field}: " if error.field else ""
    return UsageError(where + error.text("en"))


def run_approve(args: argparse.Namespace) -> int:
    """Verify one entry (with edits); nothing is written if an edit is invalid."""

    def work(session: Any) -> int:
        try:
            edits = _edits(session, args.service_id, args.edits)
            result = approve(
                session,
                args.service_id,
                actor=args.actor,
                access=None,
                today=warsaw_today(),
                edits=edits,
            )
        except EditError as error:
            raise _refused(error) from None
        fields = ", ".join(c.field for c in result.changes) or "nothing"
        print(f"verified {args.service_id} (change {result.change_id}: {fields})")
        return 0

    return _with_session(work)


def run_hide(args: argparse.Namespace) -> int:
    """Hide one entry with a reason."""

    def work(session: Any) -> int:
        try:
            result = hide(
                session, args.service_id, actor=args.actor, access=None, reason=args.reason
            )
        except EditError as error:
            raise _refused(error) from None
        print(f"hidden {args.service_id} (change {result.change_id})")
        return 0

    return _with_session(work)


def run_reject(args: argparse.Namespace) -> int:
    """Decline the changes a centre proposed for one entry."""

    def work(session: Any) -> int:
        try:
            count = reject_pending(
                session, args.service_id, actor=args.actor, access=None, reason=args.reason
            )
        except EditError as error:
            raise _refused(error) from None
        print(f"declined {count} pending change(s) of {args.service_id}")
        return 0

    return _with_session(work)


# --- interactive -------------------------------------------------------------------------------


def _ask(prompt: str, source: TextIO) -> str | None:
    print(prompt, end="", flush=True)
    line = source.readline()
    if not line:
        return None
    return line.strip()


def run_interactive(args: argparse.Namespace, source: TextIO | None = None) -> int:
    """Walk the queue: each entry in full, then verify, edit and verify, hide, skip or quit."""
    source = source or sys.stdin
    _ = translator(args.lang).gettext
    engine = _engine()
    skipped: set[str] = set()
    decided = 0
    try:
        while True:
            with session_scope(engine) as session:
                today = warsaw_today()
                queue = list_queue(session, today)
                entry = queue.first(skipped)
                if entry is None:
                    print(_("Nothing left to decide in the queue."))
                    break
                if not decided and not skipped:
                    print("\n".join(queue_heading(queue, args.lang)))
                description = describe_entry(session, entry.service_id, today, queue)
                assert description is not None
                print()
                print("\n".join(describe_lines(description, args.lang)))
            choice = _ask(_("[v]erify, [e]dit and verify, [h]ide, [s]kip, [q]uit > "), source)
            if choice is None or choice.lower().startswith("q"):
                break
            try:
                with session_scope(engine) as session:
                    if _decide(session, choice.lower()[:1], entry.service_id, args, source):
                        decided += 1
                    else:
                        skipped.add(entry.service_id)
            except EditError as error:
                print("⛔ " + error.text(args.lang))
                skipped.add(entry.service_id)
    finally:
        engine.dispose()
    print(_("Decided: %(count)d.") % {"count": decided})
    return 0


def _decide(
    session: Any, choice: str, service_id: str, args: argparse.Namespace, source: TextIO
) -> bool:
    """Carry out one interactive choice; False when the entry is skipped."""
    _ = translator(args.lang).gettext
    if choice in {"v", "e"}:
        edits: dict[str, Any] = {}
        if choice == "e":
            print(_("One edit a line as field=value (lists separated by |); an empty line ends."))
            while True:
                line = _ask("  > ", source)
                if not line:
                    break
                try:
                    name, value = parse_edit(line, session.get(Service, service_id))
                except InvalidValue as error:
                    print("⛔ " + error.text(args.lang))
                    continue
                edits[name] = value
        approve(
            session, service_id, actor=args.actor, access=None, today=warsaw_today(), edits=edits
        )
        print("✅ " + _("Verified."))
        return True
    if choice == "h":
        reason = _ask(_("Reason for hiding it: "), source) or ""
        hide(session, service_id, actor=args.actor, access=None, reason=reason)
        print("🙈 " + _("Hidden."))
        return True
    return False
