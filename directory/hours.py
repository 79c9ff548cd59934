"""Opening hours (OpenStreetMap `opening_hours` syntax) in Poland: Warsaw time, PL holidays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Final, Protocol, TypeVar

import opening_hours

from directory.clock import WARSAW

ALWAYS_OPEN: Final = "24/7"
# The opening_hours expression for "the source gives no hours" (a number's own hours unknown).
UNKNOWN: Final = "unknown"
# opening-hours-py ships the public-holiday calendar per ISO country code; "PL" makes `PH off` work.
COUNTRY: Final = "PL"
# Search horizon for the next opening: beyond a few weeks an entry is effectively closed.
MAX_CHANGES_SEARCHED: Final = 64


class InvalidHours(ValueError):  # noqa: N818 - the name the rest of the project uses
    """The text is not a valid opening_hours expression."""


def _require_aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required (naive times are ambiguous)")
    return at.astimezone(WARSAW)


class OpeningHours:
    """A parsed opening_hours expression, evaluated in Europe/Warsaw with Polish public holidays."""

    def __init__(self, text: str, expression: Any) -> None:
        """Wrap an already parsed expression; use `parse()` to build one."""
        self.text = text
        self._expression = expression

    def __repr__(self) -> str:
        """Show the expression."""
        return f"OpeningHours({self.text!r})"

    @property
    def always_open(self) -> bool:
        """Whether the expression means open around the clock, every day."""
        return self.text == ALWAYS_OPEN

    def is_open(self, at: datetime) -> bool:
        """Whether it is open at the moment `at`."""
        if self.always_open:
            return True
        return bool(self._expression.is_open(_require_aware(at)))

    def _next_change(self, at: datetime) -> datetime | None:
        change = self._expression.next_change(at)
        if change is None:
            return None
        result: datetime = change if change.tzinfo else change.replace(tzinfo=WARSAW)
        return result.astimezone(WARSAW)

    def next_open(self, at: datetime) -> datetime | None:
        """The first moment at or after `at` when it is open (`at` itself when open now)."""
        moment = _require_aware(at)
        if self.is_open(moment):
            return moment
        for _ in range(MAX_CHANGES_SEARCHED):
            change = self._next_change(moment)
            if change is None or change <= moment:
                return None
            if self._expression.is_open(change):
                return change
            moment = change
        return None

    def closes_at(self, at: datetime) -> datetime | None:
        """When it next closes, if open at `at`; None when closed or never closing."""
        moment = _require_aware(at)
        if self.always_open or not self.is_open(moment):
            return None
        return self._next_change(moment)


@lru_cache(maxsize=512)
def parse(text: str) -> OpeningHours:
    """Parse an opening_hours expression, raising InvalidHours with the parser's explanation."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidHours("opening hours are empty")
    try:
        expression = opening_hours.OpeningHours(cleaned, timezone=WARSAW, country=COUNTRY)
    # The stub does not declare ParserError, which the library raises on bad syntax.
    except (SyntaxError, opening_hours.ParserError) as error:  # type: ignore[attr-defined]
        raise InvalidHours(f"not a valid opening_hours expression {cleaned!r}: {error}") from None
    return OpeningHours(cleaned, expression)


def is_valid(text: str) -> bool:
    """Whether `text` parses as an opening_hours expression."""
    try:
        parse(text)
    except InvalidHours:
        return False
    return True


@dataclass(frozen=True)
class HoursNow:
    """A schedule's state at one moment: what a resident is told ("open 24/7", "opens at 8")."""

    hours: str | None
    hours_as_published: str | None
    always_open: bool
    open_now: bool
    next_open: datetime | None
    closes_at: datetime | None


def hours_now(hours: str | None, at: datetime, published: str | None = None) -> HoursNow:
    """The state of the opening_hours expression `hours` at `at` (None: hours not known)."""
    if not hours:
        return HoursNow(hours, published, False, False, None, None)
    parsed = parse(hours)
    open_now = parsed.is_open(at)
    return HoursNow(
        hours=hours,
        hours_as_published=published,
        always_open=parsed.always_open,
        open_now=open_now,
        next_open=None if open_now else parsed.next_open(at),
        closes_at=parsed.closes_at(at),
    )


class _HasHours(Protocol):
    @property
    def hours(self) -> str | None: ...


_Phone = TypeVar("_Phone", bound=_HasHours)


def phone_groups(
    phones: Sequence[_Phone], service_hours: str | None
) -> list[tuple[list[_Phone], str | None]] | None:
    """Phones in runs that share their hours, when some number's own hours differ from the
    service's (a 24-hour line beside an office number); None when every number keeps the
    service's hours, which are then said once for the whole entry.

    Safety rule: "open 24/7" is said of the numbers that answer round the clock only.
    """
    own = [phone.hours if phone.hours is not None else service_hours for phone in phones]
    if all(hours == service_hours for hours in own):
        return None
    groups: list[tuple[list[_Phone], str | None]] = []
    for phone, hours in zip(phones, own, strict=True):
        if groups and groups[-1][1] == hours:
            groups[-1][0].append(phone)
        else:
            groups.append(([phone], hours))
    return groups
