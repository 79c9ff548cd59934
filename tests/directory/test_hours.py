"""Opening hours in Warsaw time: 24/7, weekdays, Polish holidays, DST, hours past midnight."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from directory.hours import WARSAW, InvalidHours, is_valid, parse


def warsaw(text: str) -> datetime:
    """A Warsaw wall-clock time from an ISO string without offset."""
    return datetime.fromisoformat(text).replace(tzinfo=WARSAW)


def elapsed_hours(start: datetime, end: datetime) -> float:
    """Real elapsed hours (same-zone subtraction in Python ignores DST, so go through UTC)."""
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600


WEEKDAYS = "Mo-Fr 08:00-20:00; PH off"
NIGHTS = "Fr-Sa 20:00-02:00"


@pytest.mark.parametrize(
    ("expression", "at", "is_open"),
    [
        ("24/7", "2026-11-22T03:00", True),
        ("24/7", "2026-11-11T12:00", True),
        (WEEKDAYS, "2026-11-12T10:00", True),  # Thursday
        (WEEKDAYS, "2026-11-12T07:59", False),
        (WEEKDAYS, "2026-11-12T20:00", False),
        (WEEKDAYS, "2026-11-14T10:00", False),  # Saturday
        (WEEKDAYS, "2026-11-11T10:00", False),  # Independence Day, a Wednesday
        (WEEKDAYS, "2026-04-06T10:00", False),  # Easter Monday
        (WEEKDAYS, "2026-04-07T10:00", True),
        (WEEKDAYS, "2026-12-24T10:00", False),  # Wigilia: a public holiday from 2025
        (NIGHTS, "2026-11-13T23:00", True),  # Friday night
        (NIGHTS, "2026-11-14T01:30", True),  # past midnight into Saturday
        (NIGHTS, "2026-11-15T01:30", True),  # past midnight into Sunday
        (NIGHTS, "2026-11-15T03:00", False),
        (NIGHTS, "2026-11-16T01:30", False),  # Sunday night is not covered
        ("Mo-Su 08:00-20:00", "2026-03-29T12:00", True),  # spring DST day
        ("Mo-Su 08:00-20:00", "2026-10-25T07:30", False),  # autumn DST day
    ],
)
def test_open_or_closed_at_a_given_moment(expression: str, at: str, is_open: bool) -> None:
    assert parse(expression).is_open(warsaw(at)) is is_open


def test_moments_in_other_timezones_are_converted_to_warsaw() -> None:
    # 07:30 UTC is 08:30 in Warsaw in November (UTC+1).
    assert parse(WEEKDAYS).is_open(datetime(2026, 11, 12, 7, 30, tzinfo=UTC))
    assert not parse(WEEKDAYS).is_open(datetime(2026, 11, 12, 6, 30, tzinfo=UTC))


@pytest.mark.parametrize(
    ("expression", "at", "next_open"),
    [
        (WEEKDAYS, "2026-11-13T21:00", "2026-11-16T08:00"),  # Friday evening → Monday
        (WEEKDAYS, "2026-11-14T03:00", "2026-11-16T08:00"),  # over the weekend
        (WEEKDAYS, "2026-11-10T21:00", "2026-11-12T08:00"),  # skips 11 November
        (WEEKDAYS, "2026-04-03T21:00", "2026-04-07T08:00"),  # skips Easter Monday
        (WEEKDAYS, "2026-11-12T10:00", "2026-11-12T10:00"),  # open now: now
        (NIGHTS, "2026-11-16T12:00", "2026-11-20T20:00"),
        ("Mo-Su 08:00-20:00", "2026-03-29T03:30", "2026-03-29T08:00"),
        ("Mo-Su 08:00-20:00", "2026-10-25T02:30", "2026-10-25T08:00"),
    ],
)
def test_next_opening(expression: str, at: str, next_open: str) -> None:
    assert parse(expression).next_open(warsaw(at)) == warsaw(next_open)


def test_next_opening_across_dst_counts_real_elapsed_time() -> None:
    # The night of the last Sunday of March loses an hour: 20:00 → 08:00 is 11 hours, not 12.
    closed_at = warsaw("2026-03-28T20:00")
    opens = parse("Mo-Su 08:00-20:00").next_open(closed_at)
    assert opens is not None
    assert elapsed_hours(closed_at, opens) == 11
    # The last Sunday of October gains one: 13 hours.
    closed_at = warsaw("2026-10-24T20:00")
    opens = parse("Mo-Su 08:00-20:00").next_open(closed_at)
    assert opens is not None
    assert elapsed_hours(closed_at, opens) == 13


@pytest.mark.parametrize(
    ("expression", "at", "closes_at"),
    [
        (WEEKDAYS, "2026-11-12T10:00", "2026-11-12T20:00"),
        (NIGHTS, "2026-11-13T23:00", "2026-11-14T02:00"),
        (NIGHTS, "2026-11-14T21:00", "2026-11-15T02:00"),
    ],
)
def test_closing_time_while_open(expression: str, at: str, closes_at: str) -> None:
    assert parse(expression).closes_at(warsaw(at)) == warsaw(closes_at)


@pytest.mark.parametrize(
    ("expression", "at"),
    [("24/7", "2026-11-12T10:00"), (WEEKDAYS, "2026-11-14T10:00")],
)
def test_no_closing_time_when_always_open_or_closed(expression: str, at: str) -> None:
    assert parse(expression).closes_at(warsaw(at)) is None


def test_round_the_clock_is_always_open_and_others_are_not() -> None:
    assert parse("24/7").always_open
    assert not parse(WEEKDAYS).always_open


@pytest.mark.parametrize("text", ["", "   ", "Mon–Fri 8–20", "od 8 do 20", "Mo-Fr 25:00-26:00x"])
def test_invalid_hours_are_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(InvalidHours, match="opening"):
        parse(text)
    assert not is_valid(text)


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse(WEEKDAYS).is_open(datetime(2026, 11, 12, 10, 0))
