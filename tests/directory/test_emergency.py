"""The bundled emergency list: 112 and the strong national 24/7 lines, with no database."""

from __future__ import annotations

import pytest

from directory.crisis import CrisisType
from directory.emergency import emergency_options, emergency_record, floor_record
from directory.referral import Scope


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_emergency_list_is_112_then_the_national_24_7_lines(lang: str) -> None:
    options = emergency_options(lang)
    assert [p.dial for o in options for p in o.phones] == [
        "112",
        "116123",
        "116111",
        "+48800121212",
        "+48800120002",
    ]
    assert options[0].scope is Scope.EMERGENCY
    assert all(o.always_open and o.open_now for o in options)
    assert all(o.source for o in options)
    assert all(o.why(lang) for o in options)


def test_english_names_are_used_in_english() -> None:
    assert emergency_options("en")[0].name == "European emergency number 112"


def test_the_list_is_cached_but_callers_get_their_own_copy() -> None:
    first = emergency_options("pl")
    first.clear()
    assert len(emergency_options("pl")) == 5


@pytest.mark.parametrize(
    ("crisis", "dial"),
    [
        (CrisisType.CHILD, "116111"),
        (CrisisType.VIOLENCE, "+48800120002"),
        (CrisisType.SUICIDAL, "116123"),
        (CrisisType.ADDICTION, "116123"),
        (CrisisType.BEREAVEMENT, "116123"),
        (CrisisType.OTHER, "116123"),
    ],
)
def test_floor_line_per_crisis(crisis: CrisisType, dial: str) -> None:
    assert floor_record(crisis).phones[0].dial == dial
    assert floor_record(crisis).hours == "24/7"


def test_emergency_record_is_112() -> None:
    assert emergency_record().phones[0].dial == "112"
