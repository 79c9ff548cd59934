"""`python -m directory card`: the printable one-page card of a powiat, for responders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from directory.card import FORMATS, build_card, render_card
from directory.cli import UsageError
from directory.cli.refer import parse_moment
from directory.db import open_database
from directory.gazetteer import load_gazetteer
from directory.i18n import SUPPORTED_LANGUAGES
from directory.store import DirectoryStore


def register(subparsers: Any) -> None:
    """Add the `card` subcommand."""
    parser = subparsers.add_parser(
        "card", help="a one-page card of a powiat's 24/7 handover points, to print or pin"
    )
    parser.add_argument("--powiat", required=True, help="powiat TERYT code, e.g. 0264")
    parser.add_argument("--format", choices=FORMATS, default="txt", help="pdf, png or txt")
    parser.add_argument("--lang", default="pl", help="pl or en")
    parser.add_argument(
        "--out", help="file to write (default: card-POWIAT-LANG.FORMAT; txt: standard output)"
    )
    parser.add_argument("--at", help="the moment the card is made, ISO (default: now)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Build the card from the database and write it."""
    powiat = args.powiat.strip()
    if not load_gazetteer().has_powiat(powiat):
        raise UsageError(f"--powiat: unknown powiat TERYT code {powiat!r} (4 digits, e.g. 0264)")
    if args.lang not in SUPPORTED_LANGUAGES:
        raise UsageError(f"--lang: expected one of {', '.join(SUPPORTED_LANGUAGES)}")
    made_at = parse_moment(args.at)
    engine = open_database()
    try:
        services = DirectoryStore(engine).active_services()
    finally:
        engine.dispose()
    content = render_card(build_card(services, powiat, made_at, args.lang), args.format)
    if args.out is None and args.format == "txt":
        sys.stdout.write(content.decode("utf-8"))
        return 0
    target = Path(args.out or f"card-{powiat}-{args.lang}.{args.format}")
    target.write_bytes(content)
    print(f"wrote {target} ({len(content)} bytes)")
    return 0
