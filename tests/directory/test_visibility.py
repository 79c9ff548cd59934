"""The one visibility rule and the provenance wording (directory.visibility)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from directory.visibility import (
    STALE_AFTER_DAYS,
    HiddenBecause,
    Provenance,
    Standing,
    format_source_date,
    hidden_because,
    provenance_line,
    standing,
)

TODAY = date(2026, 12, 4)
SHOWN = Provenance(status="active", confidence="medium", has_phone=True, source_date="2024-10")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, Standing.UNCONFIRMED),
        ({"confidence": "high"}, Standing.UNCONFIRMED),
        ({"confidence": "low"}, Standing.HIDDEN),
        ({"source_stale": True}, Standing.HIDDEN),
        ({"possibly_closed": True}, Standing.HIDDEN),
        ({"has_phone": False}, Standing.HIDDEN),
        ({"status": "unverified"}, Standing.HIDDEN),
        ({"status": "defunct", "verified_on": TODAY}, Standing.HIDDEN),
        ({"hidden_reason": "closed in 2025", "verified_on": TODAY}, Standing.HIDDEN),
        ({"confidence": "low", "verified_on": TODAY}, Standing.VERIFIED),
        ({"source_stale": True, "verified_on": TODAY}, Standing.VERIFIED),
        (
            {"verified_on": TODAY - timedelta(days=STALE_AFTER_DAYS + 1)},
            Standing.VERIFIED_STALE,
        ),
        ({"verified_on": TODAY - timedelta(days=STALE_AFTER_DAYS)}, Standing.VERIFIED),
        ({"has_phone": False, "verified_on": TODAY}, Standing.HIDDEN),
    ],
)
def test_the_rule_shows_sourced_phoned_entries_and_hides_the_rest_until_verified(
    changes: dict[str, object], expected: Standing
) -> None:
    provenance = Provenance(**{**SHOWN.__dict__, **changes})  # type: ignore[arg-type]
    assert standing(provenance, TODAY) is expected


def test_the_rule_says_why_it_hides_an_entry() -> None:
    low = Provenance(**{**SHOWN.__dict__, "confidence": "low"})
    assert hidden_because(low, TODAY) is HiddenBecause.LOW_CONFIDENCE
    assert hidden_because(SHOWN, TODAY) is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2018-11-13 ; 2018-10", "en", "Nov 13, 2018"),
        ("2024-10 ; 2022-10-20", "en", "October 2024"),
        ("2021", "pl", "2021"),
        ("undated (stats to 2016)", "en", None),
        ("undated ; 2022-11-08", "en", "Nov 8, 2022"),
        (None, "en", None),
    ],
)
def test_the_newest_dated_source_is_the_date_residents_see(
    text: str | None, lang: str, expected: str | None
) -> None:
    assert format_source_date(text, lang) == expected


def test_the_wording_says_checked_or_from_a_public_page() -> None:
    assert provenance_line(Standing.VERIFIED, TODAY, "2024-10", "en") == "checked on Dec 4, 2026"
    assert provenance_line(Standing.UNCONFIRMED, None, "2024-10", "en") == (
        "not yet confirmed by the centre; from a public page of October 2024"
    )
    assert provenance_line(Standing.UNCONFIRMED, None, "undated", "en", local=False) == (
        "from an undated public page"
    )
    assert provenance_line(Standing.UNCONFIRMED, None, "2024-10", "pl") == (
        "jeszcze niepotwierdzone przez ośrodek; ze strony publicznej z października 2024"
    )
