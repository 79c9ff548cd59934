"""Issue 13's ranking rules: one order with 112 and the nearby centres on page one, and only
lines that fit the resident (audience, topics) — table-tested and over the seeded directory."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from directory.crisis import CrisisType, Need
from directory.db import open_database
from directory.gazetteer import load_gazetteer
from directory.hours import WARSAW
from directory.referral import PAGE_SIZE, Option, OptionsRequest, Scope, audience_level, topics_fit
from directory.store import DirectoryStore

# Wednesday 14:49: the Zielona Góra case, a centre 92 km away closes at 15:00.
CLOSING_SOON = datetime(2026, 3, 4, 14, 49, tzinfo=WARSAW)
NIGHT = datetime(2026, 11, 22, 3, 0, tzinfo=WARSAW)
CHILD_ONLY = frozenset({"children_youth"})
CHILD_AND_PARENTS = frozenset({"children_youth", "parents"})
ADULTS = frozenset({"adults"})


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> DirectoryStore:
    """The bundled directory in a fresh SQLite file."""
    path: Path = tmp_path_factory.mktemp("fit") / "drogowskaz.db"
    return DirectoryStore(open_database(f"sqlite:///{path}"))


def ids(options: list[Option]) -> list[str]:
    return [option.service_id for option in options]


@pytest.mark.parametrize(
    ("audience", "crisis", "needs", "level"),
    [
        (ADULTS, CrisisType.SUICIDAL, frozenset(), 0),
        (CHILD_ONLY, CrisisType.SUICIDAL, frozenset(), None),
        (CHILD_AND_PARENTS, CrisisType.MENTAL, frozenset(), None),
        (CHILD_ONLY, CrisisType.SUICIDAL, frozenset({Need.YOUNG}), 0),
        (ADULTS, CrisisType.SUICIDAL, frozenset({Need.YOUNG}), 1),
        (frozenset({"everyone"}), CrisisType.MENTAL, frozenset({Need.YOUNG}), 0),
        (CHILD_ONLY, CrisisType.CHILD, frozenset(), 0),
        (ADULTS, CrisisType.CHILD, frozenset(), 1),
    ],
)
def test_a_childrens_line_is_only_for_a_child_or_a_young_person(
    audience: frozenset[str], crisis: CrisisType, needs: frozenset[str], level: int | None
) -> None:
    assert audience_level(audience, crisis, needs) == level


@pytest.mark.parametrize(
    ("topics", "crisis", "needs", "fits"),
    [
        (frozenset(), CrisisType.ADDICTION, frozenset({Need.ALCOHOL}), True),
        (frozenset({"drugs"}), CrisisType.ADDICTION, frozenset({Need.ALCOHOL}), False),
        (frozenset({"drugs"}), CrisisType.ADDICTION, frozenset({Need.DRUGS}), True),
        (frozenset({"drugs"}), CrisisType.ADDICTION, frozenset(), True),
        (frozenset({"gambling"}), CrisisType.ADDICTION, frozenset({Need.ALCOHOL}), False),
        (frozenset({"alcohol", "drugs"}), CrisisType.ADDICTION, frozenset({Need.ALCOHOL}), True),
        (frozenset({"missing"}), CrisisType.CHILD, frozenset(), False),
        (frozenset({"missing"}), CrisisType.CHILD, frozenset({Need.YOUNG}), False),
        (frozenset({"missing"}), CrisisType.CHILD, frozenset({Need.MISSING}), True),
        (frozenset({"bereavement"}), CrisisType.CHILD, frozenset(), False),
        (frozenset({"bereavement"}), CrisisType.BEREAVEMENT, frozenset(), True),
    ],
)
def test_a_line_for_some_situations_fits_only_those(
    topics: frozenset[str], crisis: CrisisType, needs: frozenset[str], fits: bool
) -> None:
    assert topics_fit(topics, crisis, needs) is fits


@pytest.mark.parametrize("crisis", [CrisisType.BEREAVEMENT, CrisisType.DISASTER, CrisisType.MENTAL])
def test_zielona_gora_a_centre_92_km_away_closing_soon_is_below_116_123(
    store: DirectoryStore, crisis: CrisisType
) -> None:
    options = store.options_for(OptionsRequest("0862", crisis, CLOSING_SOON, "pl"))
    nearby = [i for i, option in enumerate(options) if option.scope is Scope.NEARBY]
    assert nearby, ids(options)
    assert ids(options).index("H02") < nearby[0]
    assert ids(options).index("H01") < PAGE_SIZE


@pytest.mark.parametrize("crisis", list(CrisisType))
def test_ursynow_has_112_on_the_first_page(store: DirectoryStore, crisis: CrisisType) -> None:
    options = store.options_for(OptionsRequest("1465", crisis, CLOSING_SOON, "pl"))
    assert "H01" in ids(options[:PAGE_SIZE])


def test_every_powiat_has_112_and_every_nearby_centre_on_page_one(store: DirectoryStore) -> None:
    services = store.active_services()
    from directory.referral import rank_options

    checked = 0
    for powiat in load_gazetteer().powiats:
        for crisis in CrisisType:
            options = rank_options(services, OptionsRequest(powiat.code, crisis, NIGHT, "pl"))
            kept = [i for i, o in enumerate(options) if o.scope in {Scope.EMERGENCY, Scope.NEARBY}]
            assert kept, (powiat.code, crisis)
            assert max(kept) < PAGE_SIZE, (powiat.code, crisis, ids(options))
            checked += 1
    assert checked == 380 * len(CrisisType)


def test_no_designer_drugs_line_for_alcohol(store: DirectoryStore) -> None:
    alcohol = store.options_for(
        OptionsRequest("1465", CrisisType.ADDICTION, NIGHT, "pl", needs={Need.ALCOHOL})
    )
    assert "H13" not in ids(alcohol)
    assert "H11" in ids(alcohol)
    drugs = store.options_for(
        OptionsRequest("1465", CrisisType.ADDICTION, NIGHT, "pl", needs={Need.DRUGS})
    )
    assert "H13" in ids(drugs)


def test_the_missing_child_line_only_when_someone_is_missing(store: DirectoryStore) -> None:
    shouted_at = store.options_for(
        OptionsRequest("1465", CrisisType.CHILD, NIGHT, "pl", needs={Need.YOUNG})
    )
    assert "H05" not in ids(shouted_at)
    missing = store.options_for(
        OptionsRequest("1465", CrisisType.CHILD, NIGHT, "pl", needs={Need.MISSING})
    )
    assert "H05" in ids(missing)


def test_childrens_lines_for_a_young_person_not_for_an_adult(store: DirectoryStore) -> None:
    adult = store.options_for(OptionsRequest("1465", CrisisType.SUICIDAL, NIGHT, "pl"))
    assert not {"H03", "H04"} & set(ids(adult))
    young = store.options_for(
        OptionsRequest("1465", CrisisType.SUICIDAL, NIGHT, "pl", needs={Need.YOUNG})
    )
    assert {"H03", "H04"} <= set(ids(young))
    assert ids(young).index("H03") < ids(young).index("H02")
