"""The bundled emergency list: 112 and the strong national 24/7 lines, with no database."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import pytest

from directory.crisis import CrisisType
from directory.emergency import (
    FLOOR_SERVICE_IDS,
    EmergencyKind,
    arrange_for_danger,
    emergency_line_ids,
    emergency_options,
    emergency_record,
    floor_record,
)
from directory.referral import Scope

# Every combination the screen can report in one message, and none at all (/sos).
EVERY_VARIANT = [
    frozenset(kinds)
    for size in range(len(EmergencyKind) + 1)
    for kinds in combinations(EmergencyKind, size)
]


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


def dials(kinds: frozenset[EmergencyKind], lang: str = "pl") -> list[str | None]:
    return [phone.dial for option in emergency_options(lang, kinds) for phone in option.phones]


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ((), ["112", "116123", "116111", "+48800121212", "+48800120002"]),
        ((EmergencyKind.GENERAL,), ["112", "116123", "116111", "+48800121212", "+48800120002"]),
        ((EmergencyKind.SELF_HARM,), ["112", "116123", "116111", "+48800121212"]),
        ((EmergencyKind.VIOLENCE,), ["112", "+48800120002", "116123"]),
        ((EmergencyKind.LIFE_AT_RISK,), ["112", "116123"]),
        ((EmergencyKind.CHILD,), ["112", "116111", "+48800121212", "116123"]),
        (
            (EmergencyKind.VIOLENCE, EmergencyKind.CHILD),
            ["112", "+48800120002", "116111", "+48800121212", "116123"],
        ),
        (
            (EmergencyKind.VIOLENCE, EmergencyKind.SELF_HARM),
            ["112", "116123", "+48800120002", "116111", "+48800121212"],
        ),
        ((EmergencyKind.LIFE_AT_RISK, EmergencyKind.VIOLENCE), ["112", "+48800120002", "116123"]),
        ((EmergencyKind.GENERAL, EmergencyKind.VIOLENCE), ["112", "+48800120002", "116123"]),
    ],
)
def test_the_block_fits_the_kind_of_danger(
    kinds: tuple[EmergencyKind, ...], expected: list[str]
) -> None:
    assert dials(frozenset(kinds)) == expected


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("kinds", EVERY_VARIANT, ids=lambda k: "+".join(sorted(k)) or "none")
def test_every_variant_starts_with_112_and_holds_a_national_24_7_line(
    kinds: frozenset[EmergencyKind], lang: str
) -> None:
    options = emergency_options(lang, kinds)
    assert options[0].scope is Scope.EMERGENCY
    assert [p.dial for p in options[0].phones] == ["112"]
    assert any(
        o.service_id in FLOOR_SERVICE_IDS and o.scope is Scope.NATIONAL and o.always_open
        for o in options
    )
    assert len({o.service_id for o in options}) == len(options)


@dataclass(frozen=True)
class Line:
    service_id: str


def test_a_line_the_variant_needs_but_the_list_lacks_is_skipped() -> None:
    # 800 120 002 withdrawn: the violence block still holds 112 and 116 123.
    partial = [Line("H01"), Line("H02"), Line("X9")]
    assert arrange_for_danger(partial, {EmergencyKind.VIOLENCE}) == [Line("H01"), Line("H02")]


def test_a_list_left_without_a_national_line_for_the_variant_is_kept_whole() -> None:
    partial = [Line("H01"), Line("H03"), Line("X9")]
    assert arrange_for_danger(partial, {EmergencyKind.LIFE_AT_RISK}) == partial


def test_arranging_picks_from_the_list_it_is_given() -> None:
    general = [Line(service_id) for service_id in emergency_line_ids()]
    arranged = arrange_for_danger(general, {EmergencyKind.LIFE_AT_RISK})
    assert arranged == [Line("H01"), Line("H02")]
    assert all(any(line is given for given in general) for line in arranged)
