"""Opening hours (OpenStreetMap `opening_hours` syntax) in Poland: Warsaw time, PL holidays."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any, Final
from zoneinfo import ZoneInfo

import opening_hours

WARSAW: Final = ZoneInfo("Europe/Warsaw")
ALWAYS_OPEN: Final = "24/7"
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
