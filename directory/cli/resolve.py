"""`python -m directory resolve`: place text or a point to a powiat, for people and scripts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from directory.cli import UsageError
from directory.places import Resolution, resolve_place, resolve_point


def register(subparsers: Any) -> None:
    """Add the `resolve` subcommand."""
    parser = subparsers.add_parser(
        "resolve",
        help="resolve a place name or a point to a powiat",
        description=(
            "Resolve what a resident typed to a powiat. TEXT '-' reads one query per line "
            "from standard input."
        ),
    )
    parser.add_argument("text", nargs="?", help="place text, or '-' to read lines from stdin")
    parser.add_argument("--point", metavar="LAT,LON", help="resolve a point instead of text")
    parser.add_argument("--json", action="store_true", help="print JSON (one object per query)")
    parser.add_argument("--lang", default="pl", choices=("pl", "en"), help="resident's language")
    parser.set_defaults(handler=run)


def parse_point(value: str) -> tuple[float, float]:
    """Parse "LAT,LON" into floats, raising UsageError on anything else."""
    parts = value.replace(" ", "").split(",")
    if len(parts) != 2:
        raise UsageError(f"--point expects LAT,LON (e.g. 52.17,20.80), got {value!r}")
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise UsageError(f"--point expects two numbers LAT,LON, got {value!r}") from None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise UsageError(f"--point out of range: latitude -90..90, longitude -180..180: {value!r}")
    return lat, lon


def resolution_json(resolution: Resolution) -> dict[str, Any]:
    """The CLI's JSON object for one resolution."""
    return resolution.to_json()


def format_human(query: str, resolution: Resolution) -> str:
    """Readable lines: the status, then one line per candidate."""
    lines = [f"{query}: {resolution.status}"]
    for candidate in resolution.candidates:
        lines.append(f"  {candidate.powiat}  {candidate.matched}  (score {candidate.score:.0f})")
    return "\n".join(lines)


def _emit(query: str, resolution: Resolution, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(resolution_json(resolution), ensure_ascii=False) + "\n")
    else:
        out.write(format_human(query, resolution) + "\n")


def run(args: argparse.Namespace, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    """Handle `resolve`: one text, stdin lines, or a point."""
    stdin = stdin if stdin is not None else sys.stdin
    out = out if out is not None else sys.stdout
    if args.point is not None:
        if args.text is not None:
            raise UsageError("give either TEXT or --point, not both")
        lat, lon = parse_point(args.point)
        _emit(args.point, resolve_point(lat, lon), args.json, out)
        return 0
    if args.text is None:
        raise UsageError("give TEXT to resolve, '-' to read lines from stdin, or --point LAT,LON")
    if args.text == "-":
        for line in stdin:
            query = line.rstrip("\n")
            _emit(query, resolve_place(query, args.lang), args.json, out)
        return 0
    if not args.text.strip():
        raise UsageError("TEXT is empty")
    _emit(args.text, resolve_place(args.text, args.lang), args.json, out)
    return 0
