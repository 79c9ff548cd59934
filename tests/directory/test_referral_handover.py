"""The responders' ranking (rank_handover_points): the points open now, nearest first, within
60 km; at night only what is open, on a public holiday no office hours, and nothing within reach
said plainly with the nearest open point anyway."""

from __future__ import annotations

from datetime import datetime

import pytest

from directory.gazetteer import distance_km
from directory.hours import WARSAW
from directory.kinds import HANDOVER_KINDS
from directory.models import ServiceKind
from directory.phones import normalise_phone
from directory.referral import (
    HANDOVER_BEYOND_REACH_COUNT,
    HANDOVER_MAX_COUNT,
    HANDOVER_REACH_KM,
    PhoneRecord,
    Reason,
    ServiceRecord,
    opening_order,
    rank_handover_points,
)

WROCLAW = (51.1100, 17.0320)  # Rynek
SUNDAY_NIGHT = datetime(2026, 11, 22, 2, 0, tzinfo=WARSAW)
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=WARSAW)
INDEPENDENCE_DAY_NOON = datetime(2026, 11, 11, 12, 0, tzinfo=WARSAW)  # a Wednesday, a holiday
OFFICE_HOURS = "Mo-Fr 08:00-18:00; PH off"


def north_of(origin: tuple[float, float], km: float) -> tuple[float, float]:
    """A point `km` kilometres due north (one degree of latitude is about 111.2 km)."""
    return (origin[0] + km / 111.195, origin[1])


def point(
    service_id: str,
    km: float,
    *,
    hours: str | None = "24/7",
    kind: ServiceKind = ServiceKind.CRISIS_CENTRE,
    number: str | None = None,
    located: bool = True,
) -> ServiceRecord:
    """A visible service `km` north of Wrocław's market square."""
    digits = f"{sum(map(ord, service_id)) % 1000:03d} {len(service_id) * 1111 % 10000:04d}"
    number = number or f"71 {digits}"
    normalised = normalise_phone(number)
    return ServiceRecord(
        id=service_id,
        name_pl=f"Punkt {service_id}",
        name_en=f"Point {service_id}",
        scope="local",
        hours=hours,
        hours_as_published=hours,
        crisis_types=frozenset({"mental", "suicidal", "violence", "other"}),
        phones=(PhoneRecord(number, normalised.e164, normalised.dial, None),),
        confidence="medium",
        audience=frozenset({"adults"}),
        area_powiats=frozenset({"0264"}),
        point=north_of(WROCLAW, km) if located else None,
        source_urls=("https://example.org/source",),
        source_date="2024-05",
        kind=kind.value,
    )


NIGHT_AND_DAY = [
    point("OIK24", 30.0),
    point("CZP", 5.0, hours=OFFICE_HOURS, kind=ServiceKind.CZP_INTAKE),
    point("IZBA", 45.0, kind=ServiceKind.PSYCHIATRIC_ADMISSION),
    point("SOW", 12.0, hours="Mo-Fr 09:00-15:00; PH off", kind=ServiceKind.SHELTER),
    point("UNSURE", 3.0, hours=None),
]


@pytest.mark.parametrize(
    ("moment", "listed", "not_open", "next_to_open"),
    [
        pytest.param(SUNDAY_NIGHT, ["OIK24", "IZBA"], 3, "CZP", id="night: only 24/7"),
        pytest.param(MONDAY_NOON, ["CZP", "SOW", "OIK24", "IZBA"], 1, None, id="day: nearest"),
        pytest.param(
            INDEPENDENCE_DAY_NOON, ["OIK24", "IZBA"], 3, "CZP", id="public holiday: no office"
        ),
    ],
)
def test_only_points_open_now_are_listed_nearest_first(
    moment: datetime, listed: list[str], not_open: int, next_to_open: str | None
) -> None:
    handover = rank_handover_points(NIGHT_AND_DAY, WROCLAW, moment, "en", powiat="0264")
    assert [o.service_id for o in handover.points] == listed
    assert all(o.open_now for o in handover.points)
    distances = [o.distance_km or 0.0 for o in handover.points]
    assert distances == sorted(distances)
    assert not handover.beyond_reach
    assert handover.not_open_within_reach == not_open
    following = handover.next_to_open
    assert (following.service_id if following else None) == next_to_open
    assert handover.nearest_unconfirmed is not None
    assert handover.nearest_unconfirmed.service_id == "UNSURE"


def test_the_next_to_open_on_a_sunday_night_opens_on_monday_morning() -> None:
    handover = rank_handover_points(NIGHT_AND_DAY, WROCLAW, SUNDAY_NIGHT, "en")
    assert handover.next_to_open is not None
    assert handover.next_to_open.next_open == datetime(2026, 11, 23, 8, 0, tzinfo=WARSAW)


def test_nothing_within_60_km_says_so_and_gives_the_nearest_open_anyway() -> None:
    services = [
        point("FAR", 150.0),
        point("NEARER", 80.0),
        point("FARTHEST", 300.0),
        point("CLOSED_NEAR", 10.0, hours=OFFICE_HOURS),
    ]
    handover = rank_handover_points(services, WROCLAW, SUNDAY_NIGHT, "pl")
    assert handover.beyond_reach
    assert handover.reach_km == HANDOVER_REACH_KM == 60.0
    assert [o.service_id for o in handover.points] == ["NEARER", "FAR"]
    assert len(handover.points) == HANDOVER_BEYOND_REACH_COUNT
    assert handover.not_open_within_reach == 1


def test_nothing_open_anywhere_lists_nothing_and_says_nothing_is_within_reach() -> None:
    services = [point("CLOSED", 10.0, hours=OFFICE_HOURS)]
    handover = rank_handover_points(services, WROCLAW, SUNDAY_NIGHT, "pl")
    assert handover.points == ()
    assert handover.beyond_reach
    assert handover.next_to_open is not None


def test_a_point_just_inside_the_reach_counts_as_within_it() -> None:
    services = [point("EDGE", 59.5), point("FAR", 61.0)]
    handover = rank_handover_points(services, WROCLAW, SUNDAY_NIGHT, "pl")
    assert [o.service_id for o in handover.points] == ["EDGE"]
    assert not handover.beyond_reach


def test_the_list_fits_one_screen_however_many_are_open() -> None:
    services = [point(f"P{n}", float(n)) for n in range(1, 12)]
    handover = rank_handover_points(services, WROCLAW, MONDAY_NOON, "pl")
    assert [o.service_id for o in handover.points] == ["P1", "P2", "P3", "P4"]
    assert len(handover.points) == HANDOVER_MAX_COUNT


def test_helplines_and_points_without_an_address_point_or_a_phone_are_not_handover_points() -> None:
    no_phone = point("NOPHONE", 2.0)
    no_phone = ServiceRecord(**{**no_phone.__dict__, "phones": ()})
    services = [
        point("LINE", 1.0, kind=ServiceKind.HELPLINE),
        point("NOWHERE", 1.0, located=False),
        no_phone,
        point("OIK", 20.0),
    ]
    handover = rank_handover_points(services, WROCLAW, SUNDAY_NIGHT, "pl")
    assert [o.service_id for o in handover.points] == ["OIK"]
    assert ServiceKind.HELPLINE not in HANDOVER_KINDS


def test_a_number_listed_once_is_not_listed_again_for_a_second_entry() -> None:
    services = [point("A", 5.0, number="71 111 22 33"), point("B", 6.0, number="71 111 22 33")]
    handover = rank_handover_points(services, WROCLAW, SUNDAY_NIGHT, "pl")
    assert [o.service_id for o in handover.points] == ["A"]


def test_distances_are_measured_from_the_responder_and_carry_the_kind_and_address() -> None:
    [centre] = rank_handover_points([point("OIK", 25.0)], WROCLAW, MONDAY_NOON, "pl").points
    expected = distance_km(*WROCLAW, *north_of(WROCLAW, 25.0))
    assert centre.distance_km == pytest.approx(expected, abs=0.1)
    assert centre.distance_km == pytest.approx(25.0, abs=0.2)
    assert centre.kind == ServiceKind.CRISIS_CENTRE.value
    assert centre.reasons == (Reason.OPEN_24_7,)


def test_the_responders_order_is_the_residents_open_closed_order() -> None:
    options = rank_handover_points(NIGHT_AND_DAY, WROCLAW, MONDAY_NOON, "pl").points
    # One rule: every listed point is open by `opening_order`, the residents' ranking's key.
    assert [opening_order(o)[1] for o in options] == [0.0] * len(options)
    assert {opening_order(o)[0] for o in options} <= {Reason.OPEN_24_7, Reason.OPEN_NOW}
