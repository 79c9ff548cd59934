"""`python -m directory report usage|coverage`: anonymised usage and directory coverage reports.

Every format of the usage report carries the same suppressed cells ("<5", "*", "–"); the exact
counts never leave directory.usage_report.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, Final

from directory.charts import coverage_map_png, usage_chart_png
from directory.cli import UsageError, directory_session
from directory.coverage import (
    DEFAULT_STALE_AFTER_DAYS,
    LEVEL_LABELS,
    CoverageReport,
    QueueProjection,
    coverage_report,
    projection_lines,
    summary_lines,
)
from directory.db import open_database, session_scope
from directory.i18n import DEFAULT_LANGUAGE, N_, SUPPORTED_LANGUAGES, translator
from directory.spreadsheet import safe_cell
from directory.usage_report import (
    DEFAULT_K,
    DIMENSION_LABELS,
    MIN_K,
    TIME_DIMENSIONS,
    Dimension,
    ReportRow,
    UsageReport,
    column_label,
    row_label,
    suppression_note,
    usage_report,
    warsaw_today,
)

FORMATS: Final = ("table", "csv", "json", "png")
DEFAULT_DAYS: Final = 30
# A day-by-day chart stays readable up to about two months; beyond that, weeks.
MAX_DAYS_PER_DAY_CHART: Final = 62

USAGE_TITLE: Final = N_("Usage from %(start)s to %(end)s")
COVERAGE_TITLE: Final = N_("Coverage and freshness of the directory, as of %(date)s")
YES: Final = N_("yes")
NO: Final = N_("no")
POWIAT_HEADERS: Final = (
    N_("Powiat"),
    N_("Local centre"),
    N_("24/7 local option"),
    N_("Nearest centre (km)"),
    N_("Not verified for %(days)d days"),
    N_("Unverified"),
)
VOIVODESHIP_HEADERS: Final = (
    N_("Voivodeship"),
    N_("Powiats"),
    N_("With a local centre"),
    N_("With a 24/7 local option"),
    N_("Farthest from a centre (km)"),
    N_("Not verified for %(days)d days"),
    N_("Unverified"),
)
PROJECTION_HEADERS: Final = (
    N_("Voivodeship"),
    N_("Powiats"),
    N_("With a local option"),
    N_("…if the queue were verified"),
    N_("With a 24/7 local option"),
    N_("…if the queue were verified"),
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _default_k() -> int:
    raw = os.environ.get("SUPPRESSION_K", "").strip()
    return int(raw) if raw.isdigit() else DEFAULT_K


def register(subparsers: Any) -> None:
    """Add the `report` subcommand with `usage` and `coverage`."""
    parser = subparsers.add_parser("report", help="anonymised usage and coverage reports")
    kinds = parser.add_subparsers(dest="report_kind", metavar="REPORT")
    kinds.required = True

    usage = kinds.add_parser("usage", help="anonymised usage counts (small counts hidden)")
    usage.add_argument("--from", dest="start", type=_date, help="first day (default: 30 days ago)")
    usage.add_argument("--to", dest="end", type=_date, help="last day (default: today, Warsaw)")
    usage.add_argument("--by", choices=[d.value for d in Dimension], default=None)
    _common(usage)
    usage.add_argument(
        "--k",
        type=int,
        default=_default_k(),
        help="hide counts below k (default: SUPPRESSION_K or 5)",
    )
    usage.set_defaults(handler=run_usage)

    coverage = kinds.add_parser("coverage", help="coverage and freshness per voivodeship, powiat")
    _common(coverage)
    coverage.add_argument(
        "--stale-days",
        type=int,
        default=DEFAULT_STALE_AFTER_DAYS,
        help="entries not verified for this many days count as stale (default: 90)",
    )
    coverage.add_argument(
        "--as-of", type=_date, help="the day to judge freshness on (default: today)"
    )
    coverage.set_defaults(handler=run_coverage)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument("--out", help="write to this file (required for png; '-' is stdout)")
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default=DEFAULT_LANGUAGE)


# --- output ---------------------------------------------------------------------------------


def _write(args: argparse.Namespace, payload: str | bytes) -> None:
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    if args.out and args.out != "-":
        with open(args.out, "wb") as handle:
            handle.write(data)
        return
    if isinstance(payload, bytes) and args.out != "-":
        raise UsageError("--format png writes an image: give --out PATH (or --out - for stdout)")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned with spaces: the first left-aligned, the rest right-aligned."""
    widths = [len(cell) for cell in header]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = []
    for row in [list(header), *rows]:
        cells = [
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV text whose every cell a spreadsheet shows as text (directory/spreadsheet.py)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in (header, *rows):
        writer.writerow([_safe(cell) for cell in row])
    return buffer.getvalue()


def _safe(cell: object) -> object:
    if cell is None or isinstance(cell, int | float):
        return cell
    return safe_cell(str(cell))


# --- usage ----------------------------------------------------------------------------------


def usage_period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The reporting period: the 30 days ending `end` (default today) unless `start` is given."""
    last = end or today
    first = start or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    return first, last


def usage_dimension(by: str | None, output_format: str, start: date, end: date) -> Dimension:
    """The rows of the report; the chart is over time, by day or (for long periods) by week."""
    if by is not None:
        dimension = Dimension(by)
        if output_format == "png" and dimension not in TIME_DIMENSIONS:
            raise UsageError("the png chart shows conversations over time: use --by day or week")
        return dimension
    if output_format == "png" and (end - start).days + 1 > MAX_DAYS_PER_DAY_CHART:
        return Dimension.WEEK
    return Dimension.DAY


def _usage_row(report: UsageReport, row: ReportRow, lang: str) -> list[str]:
    return [row_label(report.dimension, row.key, lang)] + [
        row.cells[column].display for column in report.columns
    ]


def usage_table(report: UsageReport, lang: str) -> str:
    """The report as an aligned text table with a title and the suppression legend."""
    _ = translator(lang).gettext
    header = [_(DIMENSION_LABELS[report.dimension])] + [
        column_label(column, lang) for column in report.columns
    ]
    rows = [_usage_row(report, row, lang) for row in (*report.rows, report.total)]
    title = _(USAGE_TITLE) % {"start": report.start.isoformat(), "end": report.end.isoformat()}
    return (
        "\n".join([title, "", text_table(header, rows), "", suppression_note(report.k, lang)])
        + "\n"
    )


def usage_csv(report: UsageReport, lang: str) -> str:
    """CSV: the row key, its label, then one column per measure (displayed values)."""
    header = [report.dimension.value, "label", *report.columns]
    rows = [[row.key, *_usage_row(report, row, lang)] for row in (*report.rows, report.total)]
    return _csv(header, rows)


def usage_json(report: UsageReport, lang: str) -> dict[str, Any]:
    """JSON: every cell as {"count", "suppressed", "display"} (count null when hidden)."""

    def row_json(row: ReportRow) -> dict[str, Any]:
        return {
            "key": row.key,
            "label": row_label(report.dimension, row.key, lang),
            "cells": {column: row.cells[column].as_json() for column in report.columns},
        }

    return {
        "report": "usage",
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "by": report.dimension.value,
        "k": report.k,
        "columns": [
            {"key": column, "label": column_label(column, lang)} for column in report.columns
        ],
        "rows": [row_json(row) for row in report.rows],
        "total": row_json(report.total),
        "note": suppression_note(report.k, lang),
    }


def run_usage(args: argparse.Namespace) -> int:
    """Build the suppressed usage report and write it in the chosen format."""
    if args.k < MIN_K:
        raise UsageError(f"--k must be at least {MIN_K}")
    start, end = usage_period(args.start, args.end, warsaw_today())
    dimension = usage_dimension(args.by, args.format, start, end)
    if args.format == "png" and not args.out:
        raise UsageError("--format png writes an image: give --out PATH (or --out - for stdout)")
    # Usage needs the schema only: no reason to load the seed directory for it.
    engine = open_database(seed=False)
    try:
        with session_scope(engine) as session:
            report = usage_report(session, start, end, dimension, args.k)
    finally:
        engine.dispose()
    if args.format == "png":
        _write(args, usage_chart_png(report, args.lang))
    elif args.format == "csv":
        _write(args, usage_csv(report, args.lang))
    elif args.format == "json":
        _write(args, json.dumps(usage_json(report, args.lang), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(args, usage_table(report, args.lang))
    return 0


# --- coverage -------------------------------------------------------------------------------


def _km(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def coverage_table(report: CoverageReport, lang: str) -> str:
    """The summary, then a table per voivodeship and a table per powiat."""
    _ = translator(lang).gettext
    days = {"days": report.summary.stale_after_days}
    yes, no = _(YES), _(NO)
    voivodeship_rows = [
        [
            v.name,
            str(v.powiats),
            str(v.with_local_centre),
            str(v.with_local_24_7),
            _km(v.farthest_nearest_centre_km),
            str(v.stale_entries),
            str(v.unverified_entries),
        ]
        for v in report.voivodeships
    ]
    powiat_rows = [
        [
            p.name,
            yes if p.local_centre else no,
            yes if p.local_24_7 else no,
            _km(p.nearest_centre_km),
            str(p.stale_entries),
            str(p.unverified_entries),
        ]
        for p in report.powiats
    ]
    parts = [
        _(COVERAGE_TITLE) % {"date": report.summary.as_of.isoformat()},
        "",
        *summary_lines(report.summary, lang),
        "",
        text_table(
            [_(h) % days if "%(" in h else _(h) for h in VOIVODESHIP_HEADERS], voivodeship_rows
        ),
        "",
        *projection_section(report.if_queue_verified, lang),
        text_table([_(h) % days if "%(" in h else _(h) for h in POWIAT_HEADERS], powiat_rows),
    ]
    return "\n".join(parts) + "\n"


def projection_section(projection: QueueProjection | None, lang: str) -> list[str]:
    """What verifying the queue as it stands would give: the figures and a per-voivodeship
    table (then an empty line); nothing without a projection."""
    if projection is None:
        return []
    _ = translator(lang).gettext
    rows = [
        [
            v.name,
            str(v.powiats),
            str(v.local_option_now),
            str(v.local_option_after),
            str(v.local_24_7_now),
            str(v.local_24_7_after),
        ]
        for v in projection.voivodeships
    ]
    return [
        *projection_lines(projection, lang),
        "",
        text_table([_(h) for h in PROJECTION_HEADERS], rows),
        "",
    ]


COVERAGE_CSV_HEADER: Final = (
    "level",
    "code",
    "name",
    "powiats",
    "powiats_with_local_centre",
    "powiats_with_local_24_7",
    "local_centre",
    "local_24_7",
    "nearest_centre_km",
    "stale_entries",
    "unverified_entries",
    "coverage",
    "powiats_with_local_option",
    "powiats_with_local_option_if_verified",
    "powiats_with_local_24_7_if_verified",
)


def coverage_csv(report: CoverageReport) -> str:
    """CSV: one row per voivodeship (level=voivodeship), then one per powiat (level=powiat)."""
    rows: list[list[object]] = []
    projection = report.if_queue_verified
    projected = {v.code: v for v in projection.voivodeships} if projection else {}
    gain_local = set(projection.gain_local) if projection else set()
    gain_24_7 = set(projection.gain_24_7) if projection else set()
    for v in report.voivodeships:
        after = projected.get(v.code)
        rows.append(
            ["voivodeship", v.code, v.name, v.powiats, v.with_local_centre, v.with_local_24_7,
             "", "", _km(v.farthest_nearest_centre_km), v.stale_entries, v.unverified_entries, "",
             after.local_option_now if after else "", after.local_option_after if after else "",
             after.local_24_7_after if after else ""]
        )  # fmt: skip
    for p in report.powiats:
        rows.append(
            ["powiat", p.code, p.name, 1, int(p.local_centre), int(p.local_24_7),
             "yes" if p.local_centre else "no", "yes" if p.local_24_7 else "no",
             _km(p.nearest_centre_km), p.stale_entries, p.unverified_entries, p.level.value,
             int(p.other_local), int(p.other_local or p.code in gain_local),
             int(p.local_24_7 or p.code in gain_24_7)]
        )  # fmt: skip
    return _csv(COVERAGE_CSV_HEADER, rows)


def coverage_json(report: CoverageReport, lang: str) -> dict[str, Any]:
    """JSON: the summary, the voivodeships and the powiats."""
    _ = translator(lang).gettext
    summary = report.summary
    return {
        "report": "coverage",
        "as_of": summary.as_of.isoformat(),
        "stale_after_days": summary.stale_after_days,
        "summary": {
            "powiats": summary.powiats,
            "powiats_with_local_centre": summary.with_local_centre,
            "powiats_without_local_centre": summary.without_local_centre,
            "powiats_with_local_24_7": summary.with_local_24_7,
            "active_centres": summary.active_centres,
            "active_centres_24_7": summary.active_centres_24_7,
            "stale_entries": summary.stale_entries,
            "unverified_entries": summary.unverified_entries,
            "powiats_with_local_option": summary.with_local_option,
            "text": summary_lines(summary, lang),
        },
        "if_queue_verified": projection_json(report.if_queue_verified, lang),
        "voivodeships": [
            {
                "code": v.code,
                "name": v.name,
                "powiats": v.powiats,
                "powiats_with_local_centre": v.with_local_centre,
                "powiats_with_local_24_7": v.with_local_24_7,
                "farthest_nearest_centre_km": v.farthest_nearest_centre_km,
                "stale_entries": v.stale_entries,
                "unverified_entries": v.unverified_entries,
            }
            for v in report.voivodeships
        ],
        "powiats": [
            {
                "code": p.code,
                "name": p.name,
                "voivodeship": p.voivodeship_code,
                "local_centre": p.local_centre,
                "local_24_7": p.local_24_7,
                "nearest_centre_km": p.nearest_centre_km,
                "stale_entries": p.stale_entries,
                "unverified_entries": p.unverified_entries,
                "coverage": p.level.value,
                "coverage_label": _(LEVEL_LABELS[p.level]),
            }
            for p in report.powiats
        ],
    }


def projection_json(projection: QueueProjection | None, lang: str) -> dict[str, Any] | None:
    """JSON of what verifying the queue as it stands would give (None without a projection)."""
    if projection is None:
        return None
    return {
        "powiats_with_local_option": projection.local_option_now,
        "powiats_with_local_option_after": projection.local_option_after,
        "powiats_with_local_24_7": projection.local_24_7_now,
        "powiats_with_local_24_7_after": projection.local_24_7_after,
        "powiats_gaining_local_option": list(projection.gain_local),
        "powiats_gaining_local_24_7": list(projection.gain_24_7),
        "entries_shown_after": projection.entries_shown_after,
        "text": projection_lines(projection, lang),
        "voivodeships": [
            {
                "code": v.code,
                "name": v.name,
                "powiats": v.powiats,
                "powiats_with_local_option": v.local_option_now,
                "powiats_with_local_option_after": v.local_option_after,
                "powiats_with_local_24_7": v.local_24_7_now,
                "powiats_with_local_24_7_after": v.local_24_7_after,
            }
            for v in projection.voivodeships
        ],
    }


def run_coverage(args: argparse.Namespace) -> int:
    """Build the coverage report and write it in the chosen format."""
    if args.stale_days < 1:
        raise UsageError("--stale-days must be at least 1")
    if args.format == "png" and not args.out:
        raise UsageError("--format png writes an image: give --out PATH (or --out - for stdout)")
    as_of = args.as_of or warsaw_today()
    with directory_session() as session:
        report = coverage_report(session, as_of, args.stale_days)
    if args.format == "png":
        _write(args, coverage_map_png(report, args.lang))
    elif args.format == "csv":
        _write(args, coverage_csv(report))
    elif args.format == "json":
        _write(
            args, json.dumps(coverage_json(report, args.lang), ensure_ascii=False, indent=2) + "\n"
        )
    else:
        _write(args, coverage_table(report, args.lang))
    return 0
