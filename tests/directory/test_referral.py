"""Referral ranking: 112 first when life may be at risk, 24/7 before open-now before closed,
lines for the crisis's audience first within a tier, nearby centres right after the best-fitting
24/7 lines when a powiat has none, and the 112 + national 24/7 floor everywhere."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from directory.crisis import LIFE_THREATENING, CrisisType
from directory.db import open_database
from directory.emergency import FLOOR_SERVICE_IDS
from directory.gazetteer import load_gazetteer
from directory.hours import WARSAW
from directory.i18n import translator
from directory.phones import normalise_phone
from directory.referral import (
    HOURS_REASONS,
    REASON_TEXT,
    Option,
    OptionsRequest,
    PhoneRecord,
    Reason,
    Scope,
    ServiceRecord,
    audience_fits,
    rank_options,
    says_residents_only,
    short_name,
)
from directory.store import DirectoryStore

NIGHT = datetime(2026, 11, 22, 3, 0, tzinfo=WARSAW)  # Sunday night
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=WARSAW)
KRAKOW = "1261"
KRAKOW_LAND = "1206"
MIECHOW = "1208"  # powiat miechowski: no centre of its own in these records
MIECHOW_TOWN = (50.357, 20.028)
MONDAY_EVENING = datetime(2026, 11, 23, 16, 0, tzinfo=WARSAW)


def service(
    service_id: str,
    *,
    scope: str = "local",
    hours: str | None = "24/7",
    crises: frozenset[str] = frozenset({"suicidal", "violence", "mental", "other"}),
    powiats: frozenset[str] = frozenset(),
    voivodeships: frozenset[str] = frozenset(),
    nationwide: bool = False,
    point: tuple[float, float] | None = None,
    number: str = "12 421 92 82",
    audience: frozenset[str] = frozenset({"adults"}),
) -> ServiceRecord:
    """A service record with sensible defaults for the case at hand."""
    normalised = normalise_phone(number)
    return ServiceRecord(
        id=service_id,
        name_pl=f"Usługa {service_id}",
        name_en=f"Service {service_id}",
        scope=scope,
        hours=hours,
        hours_as_published=hours,
        crisis_types=crises,
        phones=(PhoneRecord(number, normalised.e164, normalised.dial, None),),
        confidence="high",
        audience=audience,
        area_powiats=powiats,
        area_voivodeships=voivodeships,
        nationwide=nationwide,
        point=point,
        source_urls=("https://example.org/source",),
    )


ALL = frozenset(c.value for c in CrisisType)
EMERGENCY = service("H01", scope="emergency", crises=ALL, nationwide=True, number="112")
ADULT_LINE = service(
    "H02", scope="national", crises=frozenset({"suicidal", "mental", "other"}), nationwide=True,
    number="116 123",
)  # fmt: skip
CHILD_LINE = service(
    "H03", scope="national", crises=frozenset({"child", "suicidal"}), nationwide=True,
    number="116 111", audience=frozenset({"children_youth"}),
)  # fmt: skip
VIOLENCE_LINE = service(
    "H07", scope="national", crises=frozenset({"violence"}), nationwide=True, number="800 120 002"
)
ADDICTION_DAYTIME = service(
    "H11", scope="national", hours="Mo-Su 16:00-21:00", crises=frozenset({"addiction"}),
    nationwide=True, number="800 199 990",
)  # fmt: skip
CITY_CENTRE = service("B01", powiats=frozenset({KRAKOW, KRAKOW_LAND}), point=(50.06, 19.94))
OFFICE_HOURS_CENTRE = service(
    "B07", hours="Mo-Fr 07:00-15:00; PH off", powiats=frozenset({KRAKOW}), number="32 643 39 41"
)
UNKNOWN_HOURS_CENTRE = service(
    "B18", hours=None, powiats=frozenset({KRAKOW}), number="17 863 53 89"
)
REGIONAL_LINE = service(
    "H25", scope="regional", voivodeships=frozenset({"12"}),
    number="800 154 030",
)  # fmt: skip
RECORDS = (
    EMERGENCY, ADULT_LINE, CHILD_LINE, VIOLENCE_LINE, ADDICTION_DAYTIME, CITY_CENTRE,
    OFFICE_HOURS_CENTRE, UNKNOWN_HOURS_CENTRE, REGIONAL_LINE,
)  # fmt: skip


def ids(options: list[Option]) -> list[str]:
    """Service ids in order."""
    return [o.service_id for o in options]


@pytest.mark.parametrize("crisis", sorted(LIFE_THREATENING))
def test_112_comes_first_when_life_may_be_at_risk(crisis: CrisisType) -> None:
    options = rank_options(RECORDS, OptionsRequest(KRAKOW, crisis, NIGHT, "pl"))
    assert options[0].service_id == "H01"
    assert options[0].reasons[0] is Reason.EMERGENCY_FIRST
    assert options[0].scope is Scope.EMERGENCY


@pytest.mark.parametrize("crisis", [c for c in CrisisType if c not in LIFE_THREATENING])
def test_112_closes_the_24_7_lines_otherwise_and_comes_first_when_urgent(
    crisis: CrisisType,
) -> None:
    calm = rank_options(RECORDS, OptionsRequest(KRAKOW, crisis, NIGHT, "pl"))
    place = ids(calm).index("H01")
    assert calm[place].reasons[0] is Reason.EMERGENCY
    assert all(option.always_open for option in calm[:place])
    assert not any(option.always_open for option in calm[place + 1 :])
    urgent = rank_options(RECORDS, OptionsRequest(KRAKOW, crisis, NIGHT, "pl", urgent=True))
    assert urgent[0].service_id == "H01"
    assert ids(urgent[1:]) == [i for i in ids(calm) if i != "H01"]


@pytest.mark.parametrize(
    ("crisis", "at", "expected"),
    [
        # local 24/7, regional 24/7, national 24/7, 112, then open now, then closed/unknown;
        # the children's line 116 111 is not for an adult's crisis
        (CrisisType.MENTAL, MONDAY_NOON, ["B01", "H25", "H02", "H01", "B07", "B18"]),
        (CrisisType.MENTAL, NIGHT, ["B01", "H25", "H02", "H01", "B07", "B18"]),
        (CrisisType.SUICIDAL, NIGHT, ["H01", "B01", "H25", "H02", "B07", "B18"]),
        (CrisisType.VIOLENCE, NIGHT, ["H01", "B01", "H25", "H07", "B07", "B18"]),
        (CrisisType.OTHER, NIGHT, ["B01", "H25", "H02", "H01", "B07", "B18"]),
        # no 24/7 addiction line: 116 123 as the floor is a 24/7 line, before what is open now
        (CrisisType.ADDICTION, NIGHT, ["H02", "H01", "H11"]),
        (CrisisType.ADDICTION, datetime(2026, 11, 22, 17, 0, tzinfo=WARSAW), ["H02", "H01", "H11"]),
        (CrisisType.CHILD, NIGHT, ["H03", "H01"]),
        (CrisisType.BEREAVEMENT, NIGHT, ["H02", "H01"]),
    ],
)
def test_order_by_crisis_and_time(crisis: CrisisType, at: datetime, expected: list[str]) -> None:
    assert ids(rank_options(RECORDS, OptionsRequest(KRAKOW, crisis, at, "pl"))) == expected


def test_open_24_7_before_open_now_before_closed_with_next_opening() -> None:
    options = rank_options(RECORDS, OptionsRequest(KRAKOW, CrisisType.MENTAL, MONDAY_NOON, "en"))
    by_id = {o.service_id: o for o in options}
    assert by_id["B01"].always_open
    assert by_id["B01"].reasons[:2] == (Reason.OPEN_24_7, Reason.SERVES_POWIAT)
    assert by_id["B07"].open_now
    assert by_id["B07"].closes_at == datetime(2026, 11, 23, 15, 0, tzinfo=WARSAW)
    assert by_id["B18"].reasons[0] is Reason.HOURS_UNKNOWN
    night = {
        o.service_id: o
        for o in rank_options(RECORDS, OptionsRequest(KRAKOW, CrisisType.MENTAL, NIGHT, "en"))
    }
    assert not night["B07"].open_now
    assert night["B07"].next_open == datetime(2026, 11, 23, 7, 0, tzinfo=WARSAW)
    assert night["B07"].reasons[0] is Reason.OPENS_LATER
    assert night["H25"].reasons[1] is Reason.SERVES_VOIVODESHIP


def test_addiction_line_reports_when_it_opens() -> None:
    options = rank_options(RECORDS, OptionsRequest(KRAKOW, CrisisType.ADDICTION, NIGHT, "en"))
    by_id = {o.service_id: o for o in options}
    assert by_id["H11"].next_open == datetime(2026, 11, 22, 16, 0, tzinfo=WARSAW)
    assert by_id["H11"].reasons[0] is Reason.OPENS_LATER
    assert by_id["H02"].reasons[0] is Reason.FALLBACK


def test_a_powiat_without_a_centre_gets_the_nearest_ones_with_distance() -> None:
    options = rank_options(RECORDS, OptionsRequest(MIECHOW, CrisisType.MENTAL, NIGHT, "en"))
    nearby = [o for o in options if o.scope is Scope.NEARBY]
    assert [o.service_id for o in nearby] == ["B01"]
    assert nearby[0].distance_km is not None
    assert 20 < nearby[0].distance_km < 60
    assert Reason.NEARBY in nearby[0].reasons
    assert "km" in nearby[0].why("en")


def test_no_nearby_centres_when_the_powiat_has_its_own() -> None:
    options = rank_options(RECORDS, OptionsRequest(KRAKOW_LAND, CrisisType.MENTAL, NIGHT, "en"))
    assert all(o.scope is not Scope.NEARBY for o in options)
    assert options[0].service_id == "B01"


def test_nearby_centres_are_limited_in_number_and_distance() -> None:
    far = service("B99", powiats=frozenset({"3261"}), point=(53.43, 14.55))  # Szczecin
    close = [
        service(f"B9{i}", powiats=frozenset({KRAKOW}), point=(50.06 + i / 100, 19.94),
                number=f"12 421 92 8{i}")
        for i in range(5)
    ]  # fmt: skip
    options = rank_options(
        (*RECORDS, far, *close), OptionsRequest(MIECHOW, CrisisType.MENTAL, NIGHT, "en")
    )
    nearby = [o for o in options if o.scope is Scope.NEARBY]
    assert len(nearby) == 3
    assert "B99" not in ids(nearby)
    distances = [o.distance_km for o in nearby]
    assert None not in distances
    assert distances == sorted(d for d in distances if d is not None)


def test_a_number_is_never_listed_twice() -> None:
    duplicate = service("B22", powiats=frozenset({KRAKOW}), number="116 123")
    options = rank_options(
        (*RECORDS, duplicate), OptionsRequest(KRAKOW, CrisisType.MENTAL, NIGHT, "en")
    )
    dials = [p.dial for o in options for p in o.phones]
    assert len(dials) == len(set(dials))


def test_the_floor_holds_even_with_an_empty_directory() -> None:
    options = rank_options((), OptionsRequest(KRAKOW, CrisisType.SUICIDAL, NIGHT, "pl"))
    assert ids(options) == ["H01", "H02"]
    assert options[1].phones[0].tel_uri == "tel:116123"


def test_reasons_are_in_words_in_both_languages() -> None:
    option = rank_options(RECORDS, OptionsRequest(KRAKOW, CrisisType.SUICIDAL, NIGHT, "en"))[0]
    assert "112" in option.why("en")
    assert option.why("pl")


def test_names_follow_the_language_with_polish_as_fallback() -> None:
    no_english = service("B50", powiats=frozenset({KRAKOW}))
    no_english = ServiceRecord(**{**no_english.__dict__, "name_en": None})
    options = rank_options((no_english,), OptionsRequest(KRAKOW, CrisisType.MENTAL, NIGHT, "en"))
    assert options[0].name == "Usługa B50"
    assert (
        rank_options(RECORDS, OptionsRequest(KRAKOW, CrisisType.MENTAL, NIGHT, "en"))[0].name
        == "Service B01"
    )


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> DirectoryStore:
    """A SQLite database created, migrated and seeded like a fresh clone's."""
    path: Path = tmp_path_factory.mktemp("seeded") / "drogowskaz.db"
    return DirectoryStore(open_database(f"sqlite:///{path}"))


def test_every_powiat_and_crisis_gets_112_and_a_national_24_7_line(
    seeded_store: DirectoryStore,
) -> None:
    services = seeded_store.active_services()
    started = time.perf_counter()
    for powiat in load_gazetteer().powiats:
        for crisis in CrisisType:
            options = rank_options(services, OptionsRequest(powiat.code, crisis, NIGHT, "pl"))
            assert "H01" in ids(options), (powiat.code, crisis)
            assert any(
                o.service_id in FLOOR_SERVICE_IDS and o.always_open and o.scope is Scope.NATIONAL
                for o in options
            ), (powiat.code, crisis)
            if crisis in LIFE_THREATENING:
                assert options[0].service_id == "H01"
            assert all(o.phones for o in options)
            assert all(o.reasons for o in options)
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(
    ("powiat", "crisis", "first_local"),
    [
        ("1261", CrisisType.SUICIDAL, "B01"),  # Kraków OIK
        ("1206", CrisisType.VIOLENCE, "B01"),  # powiat krakowski, by agreement
        ("0209", CrisisType.MENTAL, "B27"),  # powiat legnicki, OIK sits in Legnica
        ("1465", CrisisType.SUICIDAL, "H24"),  # Warsaw 511 200 200
    ],
)
def test_seeded_directory_routes_by_service_area(
    seeded_store: DirectoryStore, powiat: str, crisis: CrisisType, first_local: str
) -> None:
    options = seeded_store.options_for(OptionsRequest(powiat, crisis, MONDAY_NOON, "pl"))
    local = [o for o in options if o.scope is Scope.LOCAL]
    assert local
    assert local[0].service_id == first_local


def test_unverified_entries_are_never_shown(seeded_store: DirectoryStore) -> None:
    shown = {
        o.service_id
        for crisis in CrisisType
        for powiat in ("1261", "1465", "0264", "3262", "1463")
        for o in seeded_store.options_for(OptionsRequest(powiat, crisis, NIGHT, "pl"))
    }
    assert "H06" not in shown  # 800 70 2222
    assert "B24" not in shown  # STALE
    assert "B26" not in shown  # no phone


# --- audience, nearby placement, floor placement ---------------------------------------------

OIK_CRISES = frozenset({"suicidal", "violence", "mental", "bereavement", "disaster", "other"})
CHILD_AND_PARENTS_LINE = service(
    "H04", scope="national", crises=frozenset({"child", "suicidal", "violence", "mental"}),
    nationwide=True, number="800 12 12 12", audience=frozenset({"children_youth", "parents"}),
)  # fmt: skip
ADULTS_CHILD_CRISIS_LINE = service(
    "H30", scope="national", crises=frozenset({"child"}), nationwide=True, number="800 100 100",
)  # fmt: skip
DAYTIME_MENTAL_LINE = service(
    "H17", scope="national", hours="Mo-Fr 15:00-20:00", crises=frozenset({"mental"}),
    nationwide=True, number="22 484 88 01",
)  # fmt: skip
DAYTIME_BEREAVEMENT_LINE = service(
    "H14", scope="national", hours="Mo-Fr 10:00-14:00", crises=frozenset({"bereavement"}),
    nationwide=True, number="800 108 108",
)  # fmt: skip
NEARBY_24_7 = service(
    "B01", crises=OIK_CRISES, powiats=frozenset({KRAKOW}), point=(50.06, 19.94)
)  # about 34 km from Miechów
NEARBY_OFFICE_HOURS = service(
    "B33",
    hours="Mo-Fr 08:00-15:00; PH off",
    crises=OIK_CRISES,
    powiats=frozenset({"1212"}),
    point=(50.45, 20.03),
    number="32 643 39 41",
)  # about 10 km from Miechów
BORDER_RECORDS = (
    EMERGENCY, ADULT_LINE, CHILD_LINE, CHILD_AND_PARENTS_LINE, ADULTS_CHILD_CRISIS_LINE,
    VIOLENCE_LINE, DAYTIME_MENTAL_LINE, DAYTIME_BEREAVEMENT_LINE, NEARBY_24_7, NEARBY_OFFICE_HOURS,
)  # fmt: skip


@pytest.mark.parametrize(
    ("crisis", "at", "expected"),
    [
        # fitting 24/7 line, nearby centres (open first, then nearest), 112, the rest; no
        # children's lines for an adult's crisis
        (CrisisType.MENTAL, NIGHT, ["H02", "B01", "B33", "H01", "H17"]),
        (CrisisType.MENTAL, MONDAY_NOON, ["H02", "B33", "B01", "H01", "H17"]),
        (CrisisType.MENTAL, MONDAY_EVENING, ["H02", "B01", "B33", "H01", "H17"]),
        (CrisisType.SUICIDAL, NIGHT, ["H01", "H02", "B01", "B33"]),
        (CrisisType.VIOLENCE, NIGHT, ["H01", "H07", "B01", "B33"]),
        # the floor 116 123 is a 24/7 line: above a centre 90 km away (issue 13, Zielona Góra)
        (CrisisType.DISASTER, NIGHT, ["H01", "H02", "B01", "B33"]),
        # children's and parents' lines first, the adults' line for a child's crisis after 112
        (CrisisType.CHILD, NIGHT, ["H03", "H04", "H01", "H30"]),
        (CrisisType.BEREAVEMENT, NIGHT, ["H02", "B01", "B33", "H01", "H14"]),
        (CrisisType.BEREAVEMENT, MONDAY_NOON, ["H02", "B33", "B01", "H01", "H14"]),
    ],
)
def test_order_beyond_the_border_by_crisis_and_time(
    crisis: CrisisType, at: datetime, expected: list[str]
) -> None:
    options = rank_options(
        BORDER_RECORDS, OptionsRequest(MIECHOW, crisis, at, "pl"), origin=MIECHOW_TOWN
    )
    assert ids(options) == expected


@pytest.mark.parametrize(
    ("audience", "crisis", "fits"),
    [
        (frozenset({"adults"}), CrisisType.SUICIDAL, True),
        (frozenset({"everyone"}), CrisisType.VIOLENCE, True),
        (frozenset(), CrisisType.MENTAL, True),
        (frozenset({"children_youth"}), CrisisType.SUICIDAL, False),
        (frozenset({"children_youth", "parents"}), CrisisType.VIOLENCE, False),
        (frozenset({"parents"}), CrisisType.BEREAVEMENT, False),
        (frozenset({"children_youth", "adults"}), CrisisType.MENTAL, True),
        (frozenset({"children_youth"}), CrisisType.CHILD, True),
        (frozenset({"parents"}), CrisisType.CHILD, True),
        (frozenset({"adults"}), CrisisType.CHILD, False),
        (frozenset({"everyone"}), CrisisType.CHILD, False),
        (frozenset(), CrisisType.CHILD, True),
    ],
)
def test_audience_fits_the_crisis(audience: frozenset[str], crisis: CrisisType, fits: bool) -> None:
    assert audience_fits(audience, crisis) is fits


@pytest.mark.parametrize(
    ("crisis", "service_id", "lang", "expected"),
    [
        (CrisisType.SUICIDAL, "H01", "en", "life may be at risk: call 112 first"),
        (CrisisType.MENTAL, "H01", "en", "emergency number: ambulance, police, fire brigade"),
        (CrisisType.MENTAL, "H02", "en", "nationwide line"),
        (CrisisType.MENTAL, "B01", "en", "nearest centre outside your powiat (about 34 km)"),
        (CrisisType.MENTAL, "B01", "pl", "najbliższy ośrodek poza Twoim powiatem (ok. 34 km)"),
        (
            CrisisType.CHILD,
            "H04",
            "en",
            "nationwide line · for children, young people and parents",
        ),
        (CrisisType.CHILD, "H03", "pl", "numer ogólnopolski · dla dzieci i młodzieży"),
        (CrisisType.BEREAVEMENT, "H02", "en", "nationwide line"),
        (CrisisType.MENTAL, "H17", "en", "nationwide line"),
    ],
)
def test_the_why_line_says_where_and_whom_without_repeating_the_hours(
    crisis: CrisisType, service_id: str, lang: str, expected: str
) -> None:
    options = rank_options(
        BORDER_RECORDS, OptionsRequest(MIECHOW, crisis, NIGHT, lang), origin=MIECHOW_TOWN
    )
    option = next(o for o in options if o.service_id == service_id)
    assert option.why(lang, with_hours=False) == expected


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("crisis", list(CrisisType))
def test_each_reason_is_said_once_and_hours_only_when_asked(lang: str, crisis: CrisisType) -> None:
    gettext = translator(lang).gettext
    hours_words = [gettext(REASON_TEXT[reason]) for reason in HOURS_REASONS]
    for option in rank_options(
        BORDER_RECORDS, OptionsRequest(MIECHOW, crisis, NIGHT, lang), origin=MIECHOW_TOWN
    ):
        without = option.why(lang, with_hours=False)
        assert not any(words in without for words in hours_words), option.service_id
        parts = option.why(lang).split(" · ")
        assert len(parts) == len(set(parts)), option.service_id
        assert sum(part in hours_words for part in parts) == 1, option.service_id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Kryzysowy Telefon Zaufania 116 123 (telefon zaufania dla osób dorosłych w kryzysie "
            "emocjonalnym)",
            "Kryzysowy Telefon Zaufania 116 123",
        ),
        (
            "Ogólnopolskie Pogotowie dla Ofiar Przemocy w Rodzinie „Niebieska Linia” - "
            "Ogólnopolski Telefon dla Ofiar Przemocy w Rodzinie",
            "Ogólnopolskie Pogotowie dla Ofiar Przemocy w Rodzinie „Niebieska Linia”",
        ),
        (
            "Ogólnopolski Telefon Zaufania Uzależnienia (dawniej: Ogólnopolski Telefon Zaufania "
            "„Narkotyki – Narkomania”)",
            "Ogólnopolski Telefon Zaufania Uzależnienia",
        ),
        # proper names, places and short glosses in parentheses are part of the name
        ("Warszawski Ośrodek Interwencji Kryzysowej (WOIK)", None),
        ("Ośrodek Interwencji Kryzysowej (Centrum Usług Socjalnych i Wsparcia w Sosnowcu)", None),
        ("Telefon wsparcia dla osób po stracie bliskich (Fundacja Nagle Sami)", None),
        ("Infolinia Głównego Inspektora Sanitarnego (dopalacze / NSP)", None),
        # a dash without a quoted name before it may separate two halves of the name
        ("Punkt Interwencji Kryzysowej - Miejskie Centrum Interwencji Kryzysowej w Poznaniu", None),
        ("Crisis Helpline for adults 116 123", None),
    ],
)
def test_short_names_drop_only_descriptions(name: str, expected: str | None) -> None:
    assert short_name(name) == (expected or name)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Ośrodek Interwencji Kryzysowej dla mieszkańców powiatu wyszkowskiego",), True),
        ((None, "Pomoc tylko dla mieszkańców gminy"), True),
        (("OIK", None, "Serves residents only."), True),
        (("Warszawski Ośrodek Interwencji Kryzysowej (WOIK)", "OIK (miejski)", None), False),
        (("Centrum", "callers include teenagers, adults and seniors", ""), False),
    ],
)
def test_residents_only_is_read_from_the_source_wording(
    texts: tuple[str | None, ...], expected: bool
) -> None:
    assert says_residents_only(*texts) is expected


def test_a_residents_only_centre_beyond_the_border_carries_the_caveat() -> None:
    only_residents = replace(NEARBY_OFFICE_HOURS, residents_only=True)
    records = (*BORDER_RECORDS[:-1], only_residents)
    options = rank_options(
        records, OptionsRequest(MIECHOW, CrisisType.MENTAL, NIGHT, "pl"), origin=MIECHOW_TOWN
    )
    caveated = {o.service_id for o in options if o.residents_only}
    assert caveated == {"B33"}


def test_every_nearby_centre_follows_right_after_the_best_fitting_24_7_lines(
    seeded_store: DirectoryStore,
) -> None:
    services = seeded_store.active_services()
    powiats_with_nearby = 0
    for powiat in load_gazetteer().powiats:
        for crisis in (CrisisType.SUICIDAL, CrisisType.VIOLENCE, CrisisType.MENTAL):
            options = rank_options(services, OptionsRequest(powiat.code, crisis, NIGHT, "pl"))
            places = [i for i, o in enumerate(options) if o.scope is Scope.NEARBY]
            if not places:
                continue
            powiats_with_nearby += 1
            assert places == list(range(places[0], places[-1] + 1)), (powiat.code, crisis)
            before = options[: places[0]]
            assert all(o.always_open for o in before), (powiat.code, crisis)
            assert all(o.service_id not in {"H03", "H04"} for o in before), (powiat.code, crisis)
    assert powiats_with_nearby > 100


def test_a_seeded_centre_for_residents_only_is_flagged(seeded_store: DirectoryStore) -> None:
    pruszkow = seeded_store.options_for(OptionsRequest("1421", CrisisType.SUICIDAL, NIGHT, "pl"))
    nearby = {o.service_id: o.residents_only for o in pruszkow if o.scope is Scope.NEARBY}
    assert nearby == {"B22": False, "B57": True}
