"""Anonymised usage reports: counts of usage events by day, week, place, crisis or language.

Counting
    A *conversation* is counted each time a resident is shown the first page of a list of help
    (`results` events); its crisis type splits it into the eight crisis columns. The other
    columns count: 112 shown first (an immediate-danger message or /sos), places found, places
    with several readings, places not found, "more options" and "change place" presses, and the
    one-tap "this helped" / "not helpful" answers. Days and weeks are Europe/Warsaw calendar days
    and ISO weeks (Monday first).

Suppression (k-anonymity with complementary suppression)
    Every cell with fewer than `k` events (default 5, zero included) is *primary-suppressed* and
    shown as "<k" (e.g. "<5") in every format. Counts are additive along two kinds of lines: each
    column sums to the Total row, and in every row the crisis columns sum to "conversations". A
    reader who knows every part but one of such a line can subtract, so we apply the standard
    complementary-suppression rule, checked line by line until nothing changes:

    * a reader of a line knows each visible count exactly, each "<k" cell to lie in 0…k-1 and
      each complementary cell ("*") to be at least k;
    * for every hidden cell we compute the values the line still allows; when only one value is
      left (one hidden cell next to a visible total; two hidden cells that must both be 0 or
      both k-1; a 0 hidden next to a complement that must then be exactly k…), the smallest
      visible cell of that line that removes the certainty is hidden too (shown as "*"): the
      next-smallest cell as a rule, a larger one when hiding a cell of exactly k would leave
      the line as certain as before, and the line's total when no part would do.

    Cells that cannot hold events by construction (e.g. "place not found" for a powiat: such
    events carry no powiat) are shown as "–" and count as known zeros; hiding them as "<5" would
    not protect anything, because a reader who knows they are always 0 could subtract them.

    Reports shown together for nested periods (/stats: the last 7 and the last 30 days) are
    suppressed together: their difference (days 8–30) is never shown, and a difference below k
    that two visible numbers would give away hides one of them (`build_nested_reports`).

    The check covers each line on its own, the usual heuristic for published tables. Reports of
    overlapping periods run separately (say 1–30 and 2–30 June) can still be compared with each
    other; reports are for administrators only, and the stored events carry no identity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.clock import WARSAW
from directory.crisis import CrisisType
from directory.gazetteer import load_gazetteer
from directory.i18n import N_, SUPPORTED_LANGUAGES, translator
from directory.models import UsageEvent

DEFAULT_K: Final = 5
# k = 1 would print single events; below 2 there is no anonymity left to speak of.
MIN_K: Final = 2
UNKNOWN: Final = "unknown"
TOTAL: Final = "total"
NOT_APPLICABLE: Final = "–"
COMPLEMENT_MARK: Final = "*"
INFINITY: Final = float("inf")

PLACE_FOUND_OUTCOMES: Final = frozenset({"match", "point", "chosen"})


class Dimension(StrEnum):
    """What the rows of a usage report are."""

    DAY = "day"
    WEEK = "week"
    POWIAT = "powiat"
    VOIVODESHIP = "voivodeship"
    CRISIS = "crisis"
    LANGUAGE = "language"


TIME_DIMENSIONS: Final = frozenset({Dimension.DAY, Dimension.WEEK})


class Measure(StrEnum):
    """A column of a usage report (the crisis columns use the crisis type values)."""

    CONVERSATIONS = "conversations"
    EMERGENCY_FIRST = "emergency_first"
    PLACE_FOUND = "place_found"
    PLACE_AMBIGUOUS = "place_ambiguous"
    PLACE_NOT_FOUND = "place_not_found"
    MORE_OPTIONS = "more_options"
    CHANGE_PLACE = "change_place"
    HELPFUL_YES = "helpful_yes"
    HELPFUL_NO = "helpful_no"


CRISIS_COLUMNS: Final = tuple(crisis.value for crisis in CrisisType)
TRAILING_MEASURES: Final = tuple(m.value for m in Measure if m is not Measure.CONVERSATIONS)


class Presence(StrEnum):
    """Whether the events counted in a column carry an attribute (a powiat, a crisis type)."""

    ALWAYS = "always"
    NEVER = "never"
    SOMETIMES = "sometimes"


# What the dialogue records with each kind of event (bot.dialogue's UsageNote): the source of the
# "–" cells. Language and time are always recorded.
POWIAT_PRESENCE: Final[dict[str, Presence]] = {
    Measure.CONVERSATIONS: Presence.ALWAYS,
    Measure.EMERGENCY_FIRST: Presence.NEVER,
    Measure.PLACE_FOUND: Presence.ALWAYS,
    Measure.PLACE_AMBIGUOUS: Presence.NEVER,
    Measure.PLACE_NOT_FOUND: Presence.NEVER,
    Measure.MORE_OPTIONS: Presence.ALWAYS,
    Measure.CHANGE_PLACE: Presence.NEVER,
    Measure.HELPFUL_YES: Presence.SOMETIMES,
    Measure.HELPFUL_NO: Presence.SOMETIMES,
}
CRISIS_PRESENCE: Final[dict[str, Presence]] = {
    Measure.CONVERSATIONS: Presence.ALWAYS,
    Measure.EMERGENCY_FIRST: Presence.NEVER,
    Measure.PLACE_FOUND: Presence.NEVER,
    Measure.PLACE_AMBIGUOUS: Presence.NEVER,
    Measure.PLACE_NOT_FOUND: Presence.NEVER,
    Measure.MORE_OPTIONS: Presence.ALWAYS,
    Measure.CHANGE_PLACE: Presence.NEVER,
    Measure.HELPFUL_YES: Presence.SOMETIMES,
    Measure.HELPFUL_NO: Presence.SOMETIMES,
}
for _crisis_column in CRISIS_COLUMNS:
    POWIAT_PRESENCE[_crisis_column] = Presence.ALWAYS
    CRISIS_PRESENCE[_crisis_column] = Presence.ALWAYS


class Suppression(StrEnum):
    """Why a cell is not shown as a number."""

    NONE = "none"
    SMALL = "small"  # fewer than k events
    COMPLEMENTARY = "complementary"  # hidden so that a small cell cannot be worked out
    NOT_APPLICABLE = "not_applicable"  # cannot hold events by construction
    UNPUBLISHED = "unpublished"  # never shown (a difference of two shown counts)


@dataclass(frozen=True)
class Cell:
    """One published count: the number, or None when it is hidden or not applicable."""

    count: int | None
    suppression: Suppression
    display: str

    @property
    def suppressed(self) -> bool:
        """Whether the count is hidden (fewer than k, or complementary)."""
        return self.suppression in {Suppression.SMALL, Suppression.COMPLEMENTARY}

    def as_json(self) -> dict[str, object]:
        """{"count": 12, "suppressed": false, "display": "12"} ("count": null when hidden)."""
        return {"count": self.count, "suppressed": self.suppressed, "display": self.display}


@dataclass(frozen=True)
class ReportRow:
    """One row of a report: its key ("2025-03-01", "1421", "violence", "total"…) and cells."""

    key: str
    cells: Mapping[str, Cell]


@dataclass(frozen=True)
class UsageReport:
    """A suppressed usage table, safe to show to an administrator in any format."""

    dimension: Dimension
    start: date
    end: date
    k: int
    columns: tuple[str, ...]
    rows: tuple[ReportRow, ...]
    total: ReportRow

    def cell(self, row_key: str, column: str) -> Cell:
        """The cell at (`row_key`, `column`); `row_key` may be "total"."""
        if row_key == TOTAL:
            return self.total.cells[column]
        for row in self.rows:
            if row.key == row_key:
                return row.cells[column]
        raise KeyError(row_key)


# --- the suppression algorithm (pure) ---------------------------------------------------------

# (row key, column): rows are "2025-03-01", "1421", "total"…; columns are measures.
CellId = tuple[str, str]


@dataclass(frozen=True)
class Line:
    """An additive constraint a reader can use: the parts sum to the total."""

    parts: tuple[CellId, ...]
    total: CellId


def _bounds(cell: CellId, hidden: Mapping[CellId, Suppression], k: int) -> tuple[float, float]:
    if hidden[cell] is Suppression.SMALL:
        return 0.0, float(k - 1)
    if hidden[cell] is Suppression.UNPUBLISHED:
        return 0.0, INFINITY
    return float(k), INFINITY


def _determined_cells(
    line: Line,
    values: Mapping[CellId, int],
    hidden: Mapping[CellId, Suppression],
    k: int,
) -> list[CellId]:
    """The hidden cells of `line` whose value the line and the shown bounds pin down."""
    members = [(part, 1) for part in line.parts] + [(line.total, -1)]
    known = 0
    # For each hidden cell, the least and greatest contribution sign*x it can make.
    terms: list[tuple[CellId, int, float, float, float, float]] = []
    for member, sign in members:
        if member in hidden:
            low, high = _bounds(member, hidden, k)
            least, greatest = (low, high) if sign > 0 else (-high, -low)
            terms.append((member, sign, low, high, least, greatest))
        else:
            known += sign * values[member]
    finite_least = sum(t[4] for t in terms if t[4] != -INFINITY)
    infinite_least = sum(1 for t in terms if t[4] == -INFINITY)
    finite_greatest = sum(t[5] for t in terms if t[5] != INFINITY)
    infinite_greatest = sum(1 for t in terms if t[5] == INFINITY)
    determined = []
    for member, sign, low, high, least, greatest in terms:
        # The other hidden cells' contributions sum to something in [others_least, others_greatest].
        if least == -INFINITY:
            others_least = -INFINITY if infinite_least > 1 else finite_least
        else:
            others_least = -INFINITY if infinite_least else finite_least - least
        if greatest == INFINITY:
            others_greatest = INFINITY if infinite_greatest > 1 else finite_greatest
        else:
            others_greatest = INFINITY if infinite_greatest else finite_greatest - greatest
        # sign*x = -known - (the others' contributions)
        if sign > 0:
            allowed = (-known - others_greatest, -known - others_least)
        else:
            allowed = (known + others_least, known + others_greatest)
        if max(low, allowed[0]) == min(high, allowed[1]):
            determined.append(member)
    return determined


def _gives_away(
    line: Line, values: Mapping[CellId, int], hidden: Mapping[CellId, Suppression], k: int
) -> bool:
    """Whether the line pins down a hidden cell (a large unpublished count being known is fine)."""
    return any(
        not (hidden[cell] is Suppression.UNPUBLISHED and values[cell] >= k)
        for cell in _determined_cells(line, values, hidden, k)
    )


def _complement_for(
    line: Line, values: Mapping[CellId, int], hidden: Mapping[CellId, Suppression], k: int
) -> CellId | None:
    """The cell to hide next in a line that gives a hidden cell away.

    The next-smallest visible part, unless hiding it would not help: a part of exactly k adds no
    doubt next to hidden zeros (0 + 0 + "*" = 5 still forces 0, 0, 5), which would otherwise set
    off a cascade through every such cell. Then the smallest part that does help, else the total.
    """
    candidates = sorted(
        (part for part in line.parts if part not in hidden), key=lambda part: values[part]
    )
    if line.total not in hidden:
        candidates.append(line.total)
    if not candidates:
        return None
    for candidate in candidates:
        trial = {**hidden, candidate: Suppression.COMPLEMENTARY}
        if not _gives_away(line, values, trial, k):
            return candidate
    return candidates[0]


def suppress(
    values: Mapping[CellId, int],
    lines: Sequence[Line],
    k: int,
    unpublished: frozenset[CellId] = frozenset(),
) -> dict[CellId, Suppression]:
    """Which cells to hide, and why: primary (< k) and complementary (see the module doc).

    `values` holds every cell that takes part (cells not applicable are left out or given as
    visible zeros by the caller); the result maps each hidden published cell to its reason.
    `unpublished` cells (e.g. the difference of two nested periods) are never shown; the reader
    knows only that they are not negative, and one below k must not be given away either.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    hidden: dict[CellId, Suppression] = {
        cell: Suppression.SMALL for cell, count in values.items() if count < k
    }
    hidden |= dict.fromkeys(unpublished, Suppression.UNPUBLISHED)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if not any(member in hidden for member in (*line.parts, line.total)):
                continue
            if not _gives_away(line, values, hidden, k):
                continue
            complement = _complement_for(line, values, hidden, k)
            if complement is None:
                continue
            hidden[complement] = Suppression.COMPLEMENTARY
            changed = True
    return {cell: hidden[cell] for cell in values if cell in hidden and cell not in unpublished}


# --- counting -------------------------------------------------------------------------------


def warsaw_midnight(day: date) -> datetime:
    """The UTC instant at which `day` starts in Warsaw."""
    return datetime.combine(day, time(0), tzinfo=WARSAW).astimezone(UTC)


def warsaw_today(now: datetime | None = None) -> date:
    """Today's date in Warsaw."""
    return (now or datetime.now(UTC)).astimezone(WARSAW).date()


def week_key(day: date) -> str:
    """The ISO week of `day`: "2025-W09"."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _row_keys(dimension: Dimension, start: date, end: date) -> list[str]:
    if dimension is Dimension.DAY:
        return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
    if dimension is Dimension.WEEK:
        keys: list[str] = []
        day = start
        while day <= end:
            key = week_key(day)
            if key not in keys:
                keys.append(key)
            day += timedelta(days=1)
        return keys
    if dimension is Dimension.POWIAT:
        return [p.code for p in sorted(load_gazetteer().powiats, key=lambda p: p.code)]
    if dimension is Dimension.VOIVODESHIP:
        return sorted(load_gazetteer().voivodeships)
    if dimension is Dimension.CRISIS:
        return list(CRISIS_COLUMNS)
    return list(SUPPORTED_LANGUAGES)


def columns_for(dimension: Dimension) -> tuple[str, ...]:
    """The columns of a report by `dimension` (no crisis split when the rows are crisis types)."""
    if dimension is Dimension.CRISIS:
        return (Measure.CONVERSATIONS.value, *TRAILING_MEASURES)
    return (Measure.CONVERSATIONS.value, *CRISIS_COLUMNS, *TRAILING_MEASURES)


def _measures_of(
    event: str, place_outcome: str | None, crisis: str | None, helpful: bool | None
) -> list[str]:
    if event == "results":
        return [Measure.CONVERSATIONS.value] + ([crisis] if crisis in CRISIS_COLUMNS else [])
    if event in {"danger", "sos"}:
        return [Measure.EMERGENCY_FIRST.value]
    if event == "place":
        if place_outcome in PLACE_FOUND_OUTCOMES:
            return [Measure.PLACE_FOUND.value]
        if place_outcome == "ambiguous":
            return [Measure.PLACE_AMBIGUOUS.value]
        if place_outcome == "none":
            return [Measure.PLACE_NOT_FOUND.value]
        return []
    if event == "more":
        return [Measure.MORE_OPTIONS.value]
    if event == "change_place":
        return [Measure.CHANGE_PLACE.value]
    if event == "helpful" and helpful is not None:
        return [Measure.HELPFUL_YES.value if helpful else Measure.HELPFUL_NO.value]
    return []


def _row_of(
    dimension: Dimension, hour: datetime, powiat: str | None, crisis: str | None, lang: str | None
) -> str:
    if dimension is Dimension.DAY:
        return hour.astimezone(WARSAW).date().isoformat()
    if dimension is Dimension.WEEK:
        return week_key(hour.astimezone(WARSAW).date())
    if dimension is Dimension.POWIAT:
        return powiat if powiat and load_gazetteer().has_powiat(powiat) else UNKNOWN
    if dimension is Dimension.VOIVODESHIP:
        return powiat[:2] if powiat and load_gazetteer().has_powiat(powiat) else UNKNOWN
    if dimension is Dimension.CRISIS:
        return crisis if crisis in CRISIS_COLUMNS else UNKNOWN
    return lang if lang in SUPPORTED_LANGUAGES else UNKNOWN


def count_usage(
    session: Session, start: date, end: date, dimension: Dimension
) -> dict[tuple[str, str], int]:
    """Exact counts per (row key, column) for Warsaw days `start`…`end`. Never shown as such."""
    if end < start:
        raise ValueError("the end date is before the start date")
    grouped_by = (
        UsageEvent.hour,
        UsageEvent.event,
        UsageEvent.place_outcome,
        UsageEvent.powiat,
        UsageEvent.crisis,
        UsageEvent.language,
        UsageEvent.helpful,
    )
    query = (
        # Each row is an hourly counter (directory.models.UsageEvent).
        select(*grouped_by, func.sum(UsageEvent.count))
        .where(
            UsageEvent.hour >= warsaw_midnight(start),
            UsageEvent.hour < warsaw_midnight(end + timedelta(days=1)),
        )
        .group_by(*grouped_by)
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for hour, event, outcome, powiat, crisis, lang, helpful, number in session.execute(query):
        row = _row_of(dimension, hour, powiat, crisis, lang)
        for measure in _measures_of(event, outcome, crisis, helpful):
            counts[(row, measure)] += int(number)
    return dict(counts)


def _not_applicable(dimension: Dimension, row: str, column: str) -> bool:
    """Whether the cell cannot hold events by construction (see POWIAT_PRESENCE)."""
    if dimension in {Dimension.POWIAT, Dimension.VOIVODESHIP}:
        presence = POWIAT_PRESENCE[column]
    elif dimension is Dimension.CRISIS:
        presence = CRISIS_PRESENCE[column]
    elif dimension is Dimension.LANGUAGE:
        presence = Presence.ALWAYS
    else:
        return False
    if row == UNKNOWN:
        return presence is Presence.ALWAYS
    return presence is Presence.NEVER


@dataclass(frozen=True)
class _Layout:
    """A report's table before suppression: exact values, which cells apply, additive lines."""

    columns: tuple[str, ...]
    row_keys: tuple[str, ...]
    values: dict[CellId, int]
    applicable: dict[CellId, bool]
    lines: tuple[Line, ...]


def _layout(
    counts: Mapping[tuple[str, str], int], dimension: Dimension, start: date, end: date
) -> _Layout:
    columns = columns_for(dimension)
    row_keys = _row_keys(dimension, start, end)
    if dimension not in TIME_DIMENSIONS:
        row_keys.append(UNKNOWN)
    # Events outside the expected rows (e.g. a week key from a rounding edge) still count.
    row_keys += sorted({row for row, _column in counts if row not in row_keys})
    values: dict[CellId, int] = {}
    applicable: dict[CellId, bool] = {}
    for column in columns:
        for row in row_keys:
            count = counts.get((row, column), 0)
            values[(row, column)] = count
            applicable[(row, column)] = count > 0 or not _not_applicable(dimension, row, column)
        values[(TOTAL, column)] = sum(values[(row, column)] for row in row_keys)
        applicable[(TOTAL, column)] = True
    lines: list[Line] = []
    for column in columns:
        parts = tuple((row, column) for row in row_keys if applicable[(row, column)])
        lines.append(Line(parts=parts, total=(TOTAL, column)))
    if Measure.CONVERSATIONS.value in columns and CRISIS_COLUMNS[0] in columns:
        for row in [*row_keys, TOTAL]:
            parts = tuple((row, c) for c in CRISIS_COLUMNS if applicable[(row, c)])
            if applicable[(row, Measure.CONVERSATIONS.value)]:
                lines.append(Line(parts=parts, total=(row, Measure.CONVERSATIONS.value)))
    return _Layout(columns, tuple(row_keys), values, applicable, tuple(lines))


def _assemble(
    layout: _Layout,
    hidden: Mapping[CellId, Suppression],
    dimension: Dimension,
    start: date,
    end: date,
    k: int,
) -> UsageReport:
    def cell(row: str, column: str) -> Cell:
        if not layout.applicable[(row, column)]:
            return Cell(None, Suppression.NOT_APPLICABLE, NOT_APPLICABLE)
        reason = hidden.get((row, column))
        if reason is Suppression.SMALL:
            return Cell(None, reason, f"<{k}")
        if reason is Suppression.COMPLEMENTARY:
            return Cell(None, reason, COMPLEMENT_MARK)
        count = layout.values[(row, column)]
        return Cell(count, Suppression.NONE, str(count))

    columns = layout.columns
    rows = tuple(
        ReportRow(key=row, cells={column: cell(row, column) for column in columns})
        for row in layout.row_keys
    )
    total = ReportRow(key=TOTAL, cells={column: cell(TOTAL, column) for column in columns})
    return UsageReport(
        dimension=dimension, start=start, end=end, k=k, columns=columns, rows=rows, total=total
    )


def _considered(layout: _Layout) -> dict[CellId, int]:
    return {cell: count for cell, count in layout.values.items() if layout.applicable[cell]}


def build_report(
    counts: Mapping[tuple[str, str], int],
    dimension: Dimension,
    start: date,
    end: date,
    k: int = DEFAULT_K,
) -> UsageReport:
    """Lay exact counts out as a table and suppress it (pure; see the module doc)."""
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    layout = _layout(counts, dimension, start, end)
    hidden = suppress(_considered(layout), layout.lines, k)
    return _assemble(layout, hidden, dimension, start, end, k)


def _tagged(tag: str, cell: CellId) -> CellId:
    return (f"{tag}\x1f{cell[0]}", cell[1])


def _untagged(tag: str, hidden: Mapping[CellId, Suppression]) -> dict[CellId, Suppression]:
    prefix = f"{tag}\x1f"
    return {
        (row[len(prefix) :], column): reason
        for (row, column), reason in hidden.items()
        if row.startswith(prefix)
    }


def build_nested_reports(
    inner_counts: Mapping[tuple[str, str], int],
    outer_counts: Mapping[tuple[str, str], int],
    dimension: Dimension,
    inner: tuple[date, date],
    outer: tuple[date, date],
    k: int = DEFAULT_K,
) -> tuple[UsageReport, UsageReport]:
    """Two reports of nested periods (e.g. the last 7 and 30 days) shown side by side.

    Subtracting one from the other gives the counts of the days in the outer period only; those
    are never shown, but they are protected like any hidden cell: a difference below k that
    both visible numbers would give away makes one of them hidden too.
    """
    if dimension in TIME_DIMENSIONS:
        raise ValueError("nested reports compare places, crisis types or languages, not time")
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    outer_layout = _layout(outer_counts, dimension, *outer)
    inner_layout = _layout(inner_counts, dimension, *inner)
    # What cannot occur in the longer period cannot occur in the shorter one either.
    inner_layout = replace(inner_layout, applicable=dict(outer_layout.applicable))
    values: dict[CellId, int] = {}
    lines: list[Line] = []
    for tag, layout in (("inner", inner_layout), ("outer", outer_layout)):
        values |= {_tagged(tag, cell): count for cell, count in _considered(layout).items()}
        lines += [
            Line(tuple(_tagged(tag, part) for part in line.parts), _tagged(tag, line.total))
            for line in layout.lines
        ]
    unpublished: set[CellId] = set()
    for cell, count in _considered(outer_layout).items():
        difference = _tagged("difference", cell)
        values[difference] = count - inner_layout.values.get(cell, 0)
        unpublished.add(difference)
        lines.append(Line((_tagged("inner", cell), difference), _tagged("outer", cell)))
    hidden = suppress(values, lines, k, unpublished=frozenset(unpublished))
    return (
        _assemble(inner_layout, _untagged("inner", hidden), dimension, *inner, k),
        _assemble(outer_layout, _untagged("outer", hidden), dimension, *outer, k),
    )


def nested_usage_reports(
    session: Session,
    periods_days: tuple[int, int],
    now: datetime,
    dimension: Dimension = Dimension.CRISIS,
    k: int = DEFAULT_K,
) -> tuple[UsageReport, UsageReport]:
    """The last `periods_days` days (e.g. 7 and 30), suppressed together."""
    inner, outer = last_days(periods_days[0], now), last_days(periods_days[1], now)
    return build_nested_reports(
        count_usage(session, *inner, dimension),
        count_usage(session, *outer, dimension),
        dimension,
        inner,
        outer,
        k,
    )


def usage_report(
    session: Session,
    start: date,
    end: date,
    dimension: Dimension = Dimension.DAY,
    k: int = DEFAULT_K,
) -> UsageReport:
    """The suppressed usage report for Warsaw days `start`…`end` (inclusive)."""
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    return build_report(count_usage(session, start, end, dimension), dimension, start, end, k)


def last_days(days: int, now: datetime | None = None) -> tuple[date, date]:
    """(first, last) Warsaw dates of the `days` days ending today."""
    today = warsaw_today(now)
    return today - timedelta(days=days - 1), today


# --- labels (shared by the CLI, the charts and the bot) --------------------------------------

COLUMN_LABELS: Final[dict[str, str]] = {
    Measure.CONVERSATIONS: N_("Conversations"),
    CrisisType.SUICIDAL: N_("Suicidal thoughts"),
    CrisisType.VIOLENCE: N_("Violence"),
    CrisisType.CHILD: N_("Child or teenager"),
    CrisisType.MENTAL: N_("Mental health"),
    CrisisType.BEREAVEMENT: N_("Bereavement"),
    CrisisType.DISASTER: N_("Accident or disaster"),
    CrisisType.ADDICTION: N_("Addiction"),
    CrisisType.OTHER: N_("Other crisis"),
    Measure.EMERGENCY_FIRST: N_("112 shown first"),
    Measure.PLACE_FOUND: N_("Place found"),
    Measure.PLACE_AMBIGUOUS: N_("Place ambiguous"),
    Measure.PLACE_NOT_FOUND: N_("Place not found"),
    Measure.MORE_OPTIONS: N_("More options"),
    Measure.CHANGE_PLACE: N_("Change place"),
    Measure.HELPFUL_YES: N_("Helpful"),
    Measure.HELPFUL_NO: N_("Not helpful"),
}
DIMENSION_LABELS: Final[dict[Dimension, str]] = {
    Dimension.DAY: N_("Day"),
    Dimension.WEEK: N_("Week"),
    Dimension.POWIAT: N_("Powiat"),
    Dimension.VOIVODESHIP: N_("Voivodeship"),
    Dimension.CRISIS: N_("Crisis type"),
    Dimension.LANGUAGE: N_("Language"),
}
LANGUAGE_LABELS: Final[dict[str, str]] = {
    "pl": N_("Polish"),
    "en": N_("English"),
    "uk": N_("Ukrainian"),
}
UNKNOWN_LABEL: Final = N_("not known")
TOTAL_LABEL: Final = N_("Total")
SUPPRESSION_NOTE: Final = N_(
    "“<%(k)d”: fewer than %(k)d events. “*”: hidden so that a small count cannot be worked out "
    "from the totals. “–”: cannot occur."
)


def column_label(column: str, lang: str) -> str:
    """The translated header of a column."""
    return translator(lang).gettext(COLUMN_LABELS[column])


def row_label(dimension: Dimension, key: str, lang: str) -> str:
    """The translated label of a row: a date, a week, a powiat, a crisis type…"""
    _ = translator(lang).gettext
    if key == TOTAL:
        return _(TOTAL_LABEL)
    if key == UNKNOWN:
        return _(UNKNOWN_LABEL)
    gazetteer = load_gazetteer()
    if dimension is Dimension.POWIAT and gazetteer.has_powiat(key):
        return gazetteer.powiat(key).label()
    if dimension is Dimension.VOIVODESHIP and key in gazetteer.voivodeships:
        return gazetteer.voivodeships[key]
    if dimension is Dimension.CRISIS and key in COLUMN_LABELS:
        return _(COLUMN_LABELS[key])
    if dimension is Dimension.LANGUAGE and key in LANGUAGE_LABELS:
        return _(LANGUAGE_LABELS[key])
    return key


def suppression_note(k: int, lang: str) -> str:
    """The legend of "<k", "*" and "–"."""
    return translator(lang).gettext(SUPPRESSION_NOTE) % {"k": k}
