"""Usage reports: counting by Warsaw day, week, place, crisis and language; k-anonymity with
complementary suppression, checked against a brute-force reader who tries every possible table."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from directory.models import USAGE_KEY_COLUMNS, UsageEvent
from directory.usage_counters import add_to_counters, counter_rows
from directory.usage_report import (
    CRISIS_COLUMNS,
    DEFAULT_K,
    TOTAL,
    UNKNOWN,
    Dimension,
    Line,
    Measure,
    Suppression,
    UsageReport,
    build_nested_reports,
    build_report,
    columns_for,
    count_usage,
    row_label,
    suppress,
    suppression_note,
    usage_report,
    warsaw_midnight,
    week_key,
)

START = date(2025, 3, 1)
END = date(2025, 3, 7)


def column(values: list[int], k: int = DEFAULT_K) -> dict[str, str]:
    """Suppress one column of parts with its total; returns {row: reason} for hidden cells."""
    cells = {(str(index), "c"): value for index, value in enumerate(values)}
    cells[(TOTAL, "c")] = sum(values)
    line = Line(parts=tuple((str(index), "c") for index in range(len(values))), total=(TOTAL, "c"))
    return {row: reason.value for (row, _c), reason in suppress(cells, [line], k).items()}


@pytest.mark.parametrize(
    ("values", "hidden"),
    [
        # A cell of 4 is hidden; the total would give it away, so the next-smallest goes too.
        ([4, 10, 20], {"0": "small", "1": "complementary"}),
        # A cell of 5 is shown: exactly k events are enough.
        ([5, 10, 20], {}),
        # Two hidden cells hide each other: 7 = 4 + 3 = 3 + 4 = …
        ([4, 3, 20], {"0": "small", "1": "small"}),
        # …unless the pair is forced: 8 from two cells under 5 can only be 4 + 4.
        ([4, 4, 20], {"0": "small", "1": "small", "2": "complementary"}),
        # Hiding the 5 would not help (0 + "*" = 5 forces 0 and 5): the 20 is hidden instead.
        ([0, 5, 20], {"0": "small", "2": "complementary"}),
        # Only cells of exactly k beside hidden zeros: hiding any of them helps nothing, so the
        # total goes (no cascade through every 5).
        ([0, 5, 5], {"0": "small", TOTAL: "complementary"}),
        # All hidden, total shown: 8 = 4 + 4 + 0 = 4 + 0 + 4 = … is not recoverable.
        ([4, 4, 0], {"0": "small", "1": "small", "2": "small"}),
        # All hidden and a small total: the total is hidden as well.
        ([1, 2, 0], {"0": "small", "1": "small", "2": "small", TOTAL: "small"}),
        # Zero events: every cell and the total are "<5".
        ([0, 0, 0], {"0": "small", "1": "small", "2": "small", TOTAL: "small"}),
        # A single part equals its total; both small, both hidden.
        ([3], {"0": "small", TOTAL: "small"}),
        ([12], {}),
        # No parts at all: only the (zero) total.
        ([], {TOTAL: "small"}),
    ],
)
def test_suppression_edge_cases(values: list[int], hidden: dict[str, str]) -> None:
    assert column(values) == hidden


@pytest.mark.parametrize(
    ("values", "k", "hidden"),
    [
        ([9, 10, 30], 10, {"0": "small", "1": "complementary"}),
        ([4, 10, 30], 3, {}),
        ([2, 10, 30], 3, {"0": "small", "1": "complementary"}),
    ],
)
def test_k_is_configurable(values: list[int], k: int, hidden: dict[str, str]) -> None:
    assert column(values, k) == hidden


def possible_values(values: list[int], hidden: dict[str, str], k: int) -> dict[str, set[int]]:
    """What a reader of the published column can deduce: every value each hidden cell can take,
    knowing the shown cells, the shown total, "<k" ⇒ 0…k-1 and "*" ⇒ at least k."""
    total = sum(values)
    total_shown = TOTAL not in hidden
    names = [str(index) for index in range(len(values))]
    ranges = []
    for name, value in zip(names, values, strict=True):
        reason = hidden.get(name)
        if reason is None:
            ranges.append([value])
        elif reason == "small":
            ranges.append(list(range(k)))
        else:
            # "*" says only "at least k"; beyond the total, when the total is hidden too.
            ranges.append(list(range(k, total + (1 if total_shown else 2 * k + 1))))
    found: dict[str, set[int]] = {name: set() for name in names if name in hidden}
    for combination in itertools.product(*ranges):
        if total_shown and sum(combination) != total:
            continue
        if not total_shown and not (
            sum(combination) < k if hidden[TOTAL] == "small" else sum(combination) >= k
        ):
            continue
        for name, value in zip(names, combination, strict=True):
            if name in found:
                found[name].add(value)
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=4))
def test_no_hidden_cell_of_a_column_can_be_worked_out(values: list[int]) -> None:
    hidden = column(values)
    assert all(hidden.get(str(i)) == "small" for i, v in enumerate(values) if v < DEFAULT_K)
    for name, candidates in possible_values(values, hidden, DEFAULT_K).items():
        assert len(candidates) >= 2, (values, hidden, name, candidates)


def report(
    counts: dict[tuple[str, str], int], dimension: Dimension = Dimension.DAY, days: int = 7
) -> UsageReport:
    return build_report(counts, dimension, START, START + timedelta(days=days - 1))


def conversations(day: str, by_crisis: dict[str, int]) -> dict[tuple[str, str], int]:
    counts = {(day, crisis): number for crisis, number in by_crisis.items()}
    counts[(day, Measure.CONVERSATIONS.value)] = sum(by_crisis.values())
    return counts


def test_a_single_small_crisis_cell_in_a_day_hides_the_next_smallest_of_that_day() -> None:
    by_crisis = {"violence": 20, "suicidal": 3, "mental": 8, "child": 6, "other": 9}
    by_crisis |= {"bereavement": 5, "disaster": 7, "addiction": 11}
    result = report(conversations("2025-03-01", by_crisis), days=1)
    assert result.cell("2025-03-01", "suicidal").display == "<5"
    assert result.cell("2025-03-01", "bereavement").display == "*"
    assert result.cell("2025-03-01", "mental").display == "8"
    assert result.cell("2025-03-01", Measure.CONVERSATIONS).display == "69"


def test_hidden_zeros_already_cover_a_small_cell_so_nothing_more_is_hidden() -> None:
    # 3 suicidal + 0 child + 0 other… = 3: the reader cannot tell which of them holds it.
    result = report(conversations("2025-03-01", {"violence": 20, "suicidal": 3}), days=1)
    assert result.cell("2025-03-01", "suicidal").display == "<5"
    assert result.cell("2025-03-01", "child").display == "<5"
    assert result.cell("2025-03-01", "violence").display == "20"


def test_a_lone_visible_cell_among_hidden_zeros_is_hidden_too() -> None:
    # Showing 20 on one day out of seven would tell that the six "<5" days are all 0.
    result = report(conversations("2025-03-01", {"violence": 20, "suicidal": 3}))
    assert result.cell("2025-03-01", "violence").display == "*"
    assert result.cell(TOTAL, "violence").display == "20"


def test_crosstab_rows_and_columns_never_reveal_a_hidden_cell() -> None:
    counts: dict[tuple[str, str], int] = {}
    counts |= conversations("2025-03-01", {"violence": 20, "suicidal": 3, "mental": 8})
    counts |= conversations("2025-03-02", {"violence": 9, "suicidal": 12, "mental": 7})
    counts |= conversations("2025-03-03", {"violence": 6, "suicidal": 6, "mental": 30})
    result = report(counts)
    table = {
        (row.key, c): row.cells[c] for row in (*result.rows, result.total) for c in result.columns
    }
    lines = [[(row.key, c) for row in result.rows] + [(TOTAL, c)] for c in result.columns] + [
        [(row.key, c) for c in CRISIS_COLUMNS] + [(row.key, Measure.CONVERSATIONS.value)]
        for row in (*result.rows, result.total)
    ]
    for line in lines:
        hidden = [cell for cell in line if table[cell].suppressed]
        assert len(hidden) != 1, line
    assert table[("2025-03-01", "suicidal")].display == "<5"


def test_cells_that_cannot_hold_events_show_a_dash_and_do_not_count_as_hidden() -> None:
    counts = {
        ("1421", Measure.CONVERSATIONS.value): 9,
        ("1421", "violence"): 9,
        (UNKNOWN, Measure.PLACE_NOT_FOUND.value): 7,
    }
    result = report(counts, Dimension.POWIAT)
    # Events of a place not found carry no powiat: for a powiat the cell is "–", not "<5".
    assert result.cell("1421", Measure.PLACE_NOT_FOUND).display == "–"
    assert result.cell("1421", Measure.PLACE_NOT_FOUND).suppression is Suppression.NOT_APPLICABLE
    assert result.cell(UNKNOWN, Measure.PLACE_NOT_FOUND).display == "7"
    assert result.cell(TOTAL, Measure.PLACE_NOT_FOUND).display == "7"
    # Every conversation has a powiat: no "unknown" cell can hide a share of the total.
    assert result.cell(UNKNOWN, Measure.CONVERSATIONS).display == "–"
    # Hidden zeros of the other 379 powiats: showing 9 next to them would tell they are all 0.
    assert result.cell("1421", Measure.CONVERSATIONS).display == "*"
    assert result.cell(TOTAL, Measure.CONVERSATIONS).display == "9"


def test_zero_events_give_a_report_of_hidden_cells_only() -> None:
    result = report({})
    assert [row.key for row in result.rows] == [
        (START + timedelta(days=n)).isoformat() for n in range(7)
    ]
    shown = {row.cells[c].display for row in (*result.rows, result.total) for c in result.columns}
    assert shown == {"<5"}
    assert result.total.cells["conversations"].as_json() == {
        "count": None,
        "suppressed": True,
        "display": "<5",
    }


def test_visible_cells_carry_their_count_in_json() -> None:
    result = report(conversations("2025-03-01", {"violence": 9, "suicidal": 12}), days=1)
    assert result.cell("2025-03-01", "suicidal").as_json() == {
        "count": 12,
        "suppressed": False,
        "display": "12",
    }
    assert result.cell("2025-03-01", "violence").as_json() == {
        "count": None,
        "suppressed": True,
        "display": "*",
    }


@pytest.mark.parametrize(
    ("dimension", "first_rows", "has_unknown"),
    [
        (Dimension.DAY, ["2025-03-01", "2025-03-02"], False),
        (Dimension.WEEK, ["2025-W09", "2025-W10"], False),
        (Dimension.POWIAT, ["0201", "0202"], True),
        (Dimension.VOIVODESHIP, ["02", "04"], True),
        (Dimension.CRISIS, ["suicidal", "violence"], True),
        (Dimension.LANGUAGE, ["pl", "en"], True),
    ],
)
def test_rows_of_each_dimension(
    dimension: Dimension, first_rows: list[str], has_unknown: bool
) -> None:
    result = report({}, dimension)
    keys = [row.key for row in result.rows]
    assert keys[:2] == first_rows
    assert (keys[-1] == UNKNOWN) is has_unknown
    if dimension is Dimension.POWIAT:
        assert len(keys) == 381
    if dimension is Dimension.CRISIS:
        assert not set(CRISIS_COLUMNS) & set(result.columns)
    else:
        assert set(CRISIS_COLUMNS) <= set(result.columns)


@pytest.mark.parametrize(
    ("dimension", "key", "lang", "label"),
    [
        (Dimension.POWIAT, "1421", "pl", "powiat pruszkowski, mazowieckie"),
        (Dimension.VOIVODESHIP, "14", "en", "mazowieckie"),
        (Dimension.CRISIS, "violence", "pl", "Przemoc"),
        (Dimension.CRISIS, "violence", "en", "Violence"),
        (Dimension.LANGUAGE, "pl", "pl", "polski"),
        (Dimension.DAY, TOTAL, "pl", "Razem"),
        (Dimension.POWIAT, UNKNOWN, "en", "not known"),
    ],
)
def test_row_labels_are_translated(dimension: Dimension, key: str, lang: str, label: str) -> None:
    assert row_label(dimension, key, lang) == label


def test_the_suppression_note_uses_k() -> None:
    assert "<7" in suppression_note(7, "en")
    assert "<7" in suppression_note(7, "pl")


def test_k_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        build_report({}, Dimension.DAY, START, END, k=1)


def test_week_keys_follow_iso_weeks() -> None:
    assert week_key(date(2024, 12, 30)) == "2025-W01"
    assert week_key(date(2025, 3, 2)) == "2025-W09"


# --- on the database --------------------------------------------------------------------------


@pytest.fixture
def engine(migrated_engine: Engine) -> Engine:
    """A migrated database without the directory, on SQLite and on PostgreSQL."""
    return migrated_engine


def event(hour: datetime, kind: str = "results", **fields: object) -> UsageEvent:
    values: dict[str, object] = {"channel": "telegram", "language": "pl", "event": kind}
    values.update(fields)
    return UsageEvent(hour=hour, **values)


def add_events(engine: Engine, events: list[UsageEvent]) -> None:
    """Count the events into the stored hourly counters, as the bot does."""
    rows = counter_rows(
        {name: getattr(item, name) for name in USAGE_KEY_COLUMNS} for item in events
    )
    with engine.begin() as connection:
        add_to_counters(connection, rows)


def test_days_are_warsaw_days_and_the_period_is_inclusive(engine: Engine) -> None:
    # 23:00 UTC on 1 March is already 2 March in Warsaw (UTC+1 in winter).
    late = datetime(2025, 3, 1, 23, 0, tzinfo=UTC)
    add_events(engine, [event(late, powiat="1421", crisis="violence") for _ in range(6)])
    # Outside the period on both sides: the last hour before and the first hour after.
    before = warsaw_midnight(START) - timedelta(hours=1)
    after = warsaw_midnight(END + timedelta(days=1))
    add_events(engine, [event(before, crisis="violence"), event(after, crisis="violence")])
    with Session(engine) as session:
        counts = count_usage(session, START, END, Dimension.DAY)
    assert counts == {("2025-03-02", "conversations"): 6, ("2025-03-02", "violence"): 6}


def test_usage_report_by_crisis_on_the_database(engine: Engine) -> None:
    noon = datetime(2025, 3, 3, 11, 0, tzinfo=UTC)
    events = [event(noon, powiat="1421", crisis="violence") for _ in range(12)]
    events += [event(noon, powiat="1465", crisis="suicidal") for _ in range(4)]
    others = {"child": 6, "mental": 7, "bereavement": 8, "disaster": 9, "addiction": 10}
    others["other"] = 11
    for crisis, number in others.items():
        events += [event(noon, powiat="1465", crisis=crisis) for _ in range(number)]
    events += [event(noon, "danger", emergency_first=True) for _ in range(5)]
    events += [event(noon, "place", place_outcome="none") for _ in range(2)]
    events += [event(noon, "helpful", helpful=True, crisis="violence") for _ in range(6)]
    events += [event(noon, "place", place_outcome="match", powiat="1421") for _ in range(9)]
    add_events(engine, events)
    with Session(engine) as session:
        result = usage_report(session, START, END, Dimension.CRISIS)
    assert result.cell("violence", "conversations").display == "12"
    assert result.cell("suicidal", "conversations").display == "<5"
    # The only hidden crisis type would follow from the total: the next-smallest goes too.
    assert result.cell("child", "conversations").display == "*"
    assert result.cell("mental", "conversations").display == "7"
    assert result.cell(TOTAL, "conversations").display == "67"
    assert result.cell(TOTAL, Measure.EMERGENCY_FIRST).display == "5"
    assert result.cell(TOTAL, Measure.PLACE_NOT_FOUND).display == "<5"
    assert result.cell(TOTAL, Measure.PLACE_FOUND).display == "9"
    # Helpful answers for one crisis type only: the total shows them, the row may not.
    assert result.cell(TOTAL, Measure.HELPFUL_YES).display == "6"
    assert result.cell("violence", Measure.HELPFUL_YES).display == "*"


def test_usage_report_by_powiat_and_voivodeship_on_the_database(engine: Engine) -> None:
    noon = datetime(2025, 3, 3, 11, 0, tzinfo=UTC)
    events = [event(noon, powiat="1421", crisis="violence") for _ in range(8)]
    events += [event(noon, powiat="1465", crisis="violence") for _ in range(6)]
    events += [event(noon, powiat="1261", crisis="mental") for _ in range(6)]
    add_events(engine, events)
    with Session(engine) as session:
        by_voivodeship = usage_report(session, START, END, Dimension.VOIVODESHIP)
        by_week = usage_report(session, START, END, Dimension.WEEK)
    assert by_voivodeship.cell("14", "conversations").display == "14"
    # The 14 other voivodeships hold hidden zeros; the smallest shown count covers them.
    assert by_voivodeship.cell("12", "conversations").display == "*"
    assert by_voivodeship.cell(TOTAL, "conversations").display == "20"
    # Two weeks, one of them empty: showing 20 would tell that the "<5" week holds 0.
    assert by_week.cell("2025-W09", "conversations").display == "<5"
    assert by_week.cell("2025-W10", "conversations").display == "*"
    assert by_week.cell(TOTAL, "conversations").display == "20"
    assert columns_for(Dimension.WEEK)[0] == "conversations"


def test_cells_of_exactly_k_beside_an_empty_day_do_not_set_off_a_cascade() -> None:
    # Thirty days of 5 conversations in each crisis type, and one day with none at all.
    counts: dict[tuple[str, str], int] = {}
    for offset in range(30):
        day = (START + timedelta(days=offset)).isoformat()
        number = 0 if offset == 9 else 5
        counts |= conversations(day, dict.fromkeys(CRISIS_COLUMNS, number))
    result = build_report(counts, Dimension.DAY, START, START + timedelta(days=29))
    shown = [
        row.cells[crisis].count
        for row in result.rows
        for crisis in CRISIS_COLUMNS
        if row.key != "2025-03-10"
    ]
    # Hiding a 5 beside a hidden 0 tells nothing new (0 + "*" = 5): the totals go instead.
    assert all(result.cell(TOTAL, c).display == "*" for c in CRISIS_COLUMNS)
    assert all(result.cell("2025-03-10", c).display == "<5" for c in CRISIS_COLUMNS)
    # Only the day that covers the empty day's conversations (a 40) needs one partner in its row.
    assert shown.count(5) == 29 * 8 - 1
    assert result.cell("2025-03-01", "conversations").display == "*"


def by_crisis(numbers: dict[str, int]) -> dict[tuple[str, str], int]:
    counts = {(crisis, "conversations"): number for crisis, number in numbers.items()}
    counts[(UNKNOWN, Measure.EMERGENCY_FIRST.value)] = 7
    return counts


WEEK = (date(2025, 3, 24), date(2025, 3, 30))
MONTH = (date(2025, 3, 1), date(2025, 3, 30))


@pytest.mark.parametrize(
    ("week_violence", "month_violence", "week_shown", "month_shown"),
    [
        # 11 - 9 = 2 violence conversations earlier in the month: one of the two must go.
        (9, 11, "*", "11"),
        # 15 - 9 = 6: nothing small to give away.
        (9, 15, "9", "15"),
        # Equal counts say "none earlier", and 0 is below k too.
        (9, 9, "*", "9"),
    ],
)
def test_nested_periods_never_give_away_a_small_difference(
    week_violence: int, month_violence: int, week_shown: str, month_shown: str
) -> None:
    week = by_crisis(dict.fromkeys(CRISIS_COLUMNS, 10) | {"violence": week_violence})
    month = by_crisis(dict.fromkeys(CRISIS_COLUMNS, 30) | {"violence": month_violence})
    week_report, month_report = build_nested_reports(week, month, Dimension.CRISIS, WEEK, MONTH)
    assert week_report.cell("violence", "conversations").display == week_shown
    assert month_report.cell("violence", "conversations").display == month_shown
    assert (week_report.start, month_report.start) == (WEEK[0], MONTH[0])
    # 7 in the week and 7 in the month would say "none earlier": one of them is hidden.
    assert {
        week_report.cell(TOTAL, Measure.EMERGENCY_FIRST).display,
        month_report.cell(TOTAL, Measure.EMERGENCY_FIRST).display,
    } == {"7", "*"}
    week_rows = (*week_report.rows, week_report.total)
    for week_row, month_row in zip(
        week_rows, (*month_report.rows, month_report.total), strict=True
    ):
        for column in week_report.columns:
            shown_week = week_row.cells[column].count
            shown_month = month_row.cells[column].count
            if shown_week is not None and shown_month is not None:
                assert shown_month - shown_week >= DEFAULT_K


def test_nested_reports_are_not_for_time_rows() -> None:
    with pytest.raises(ValueError, match="not time"):
        build_nested_reports({}, {}, Dimension.DAY, WEEK, MONTH)
