"""`python -m directory refer`: the ranked help options for a powiat and a crisis."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from directory.cli import UsageError
from directory.clock import WARSAW
from directory.crisis import CrisisType, parse_crisis
from directory.db import open_database
from directory.gazetteer import load_gazetteer
from directory.i18n import SUPPORTED_LANGUAGES
from directory.referral import Option, OptionsRequest
from directory.store import DirectoryStore


def register(subparsers: Any) -> None:
    """Add the `refer` subcommand."""
    parser = subparsers.add_parser("refer", help="rank the help options for a powiat and crisis")
    parser.add_argument("--powiat", required=True, help="powiat TERYT code, e.g. 1421")
    parser.add_argument(
        "--crisis", required=True, help="one of: " + ", ".join(c.value for c in CrisisType)
    )
    parser.add_argument("--at", help="ISO moment, e.g. 2026-11-22T03:00:00+01:00 (default: now)")
    parser.add_argument("--lang", default="pl", help="pl or en")
    parser.add_argument("--urgent", action="store_true", help="the resident says life is at risk")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def parse_moment(text: str | None) -> datetime:
    """The moment given on the command line (Warsaw time when no offset is given), or now."""
    if text is None:
        return datetime.now(WARSAW)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--at: not an ISO date and time: {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WARSAW)
    return moment


def option_json(option: Option, lang: str) -> dict[str, Any]:
    """The JSON shape of one option."""
    return {
        "name": option.name,
        # "hours": the number's own hours where they differ from the service's (else null).
        "phones": [{"display": p.display, "e164": p.e164, "hours": p.hours} for p in option.phones],
        "always_open": option.always_open,
        "open_now": option.open_now,
        "hours": option.hours,
        "next_open": option.next_open.isoformat() if option.next_open else None,
        "scope": option.scope.value,
        "distance_km": option.distance_km,
        "kind": option.kind or None,
        "sources": list(option.sources),
        "source_date": option.source_date,
        "verified_on": option.verified_on.isoformat() if option.verified_on else None,
        "confidence": option.confidence,
        "standing": option.standing.value,
        "provenance": option.provenance(lang),
        "caveat": option.caveat(lang),
        "why": option.why(lang),
    }


def option_text(index: int, option: Option, lang: str) -> str:
    """A human-readable block for one option."""
    phones = ", ".join(
        p.display + (f" ({p.hours})" if p.hours and p.hours != option.hours else "")
        for p in option.phones
    )
    lines = [f"{index}. {option.name}: {phones}", f"   {option.why(lang)}"]
    lines.append(f"   {option.provenance(lang)}")
    lines.append("   sources: " + ", ".join(option.sources))
    if option.hours_as_published and not option.always_open:
        lines.append(f"   hours: {option.hours_as_published}")
    if option.next_open and not option.open_now:
        lines.append(f"   next open: {option.next_open.isoformat()}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Validate the arguments, rank the options and print them."""
    powiat = args.powiat.strip()
    if not load_gazetteer().has_powiat(powiat):
        raise UsageError(f"--powiat: unknown powiat TERYT code {powiat!r} (4 digits, e.g. 1421)")
    try:
        crisis = parse_crisis(args.crisis)
    except ValueError as error:
        raise UsageError(f"--crisis: {error}") from None
    if args.lang not in SUPPORTED_LANGUAGES:
        raise UsageError(f"--lang: expected one of {', '.join(SUPPORTED_LANGUAGES)}")
    at = parse_moment(args.at)
    engine = open_database()
    try:
        request = OptionsRequest(powiat, crisis, at, args.lang, urgent=args.urgent)
        options = DirectoryStore(engine).options_for(request)
    finally:
        engine.dispose()
    if args.json:
        document = {"options": [option_json(o, args.lang) for o in options]}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print("\n".join(option_text(i, o, args.lang) for i, o in enumerate(options, 1)))
    return 0
