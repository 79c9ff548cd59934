"""Issue 14 item 3: lines whose sources say they answer in Ukrainian (or Russian) come first for a
Ukrainian speaker, within their tier and never above 112 or a more urgent tier, named as such;
over table records and the seeded directory (whose flags come from the reference data's
`languages` column only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from bot.render import render_option
from directory.crisis import CrisisType
from directory.db import open_database
from directory.hours import WARSAW
from directory.referral import Option, OptionsRequest, Reason, ServiceRecord, rank_options
from directory.seed import seed_entries
from directory.store import DirectoryStore
from tests.directory.test_referral import EMERGENCY, KRAKOW, NIGHT, service

MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=WARSAW)
POLISH_ONLY = replace(
    service("H90", scope="national", nationwide=True, number="800 100 100"),
    languages=frozenset({"pl"}),
)
UKRAINIAN = replace(
    service("H91", scope="national", nationwide=True, number="800 100 101"),
    languages=frozenset({"pl", "uk", "ru"}),
)
RUSSIAN = replace(
    service("H92", scope="national", nationwide=True, number="800 100 102"),
    languages=frozenset({"ru"}),
)
# Open in office hours only: a lower tier than the 24/7 lines, whatever language it speaks.
UKRAINIAN_DAYTIME = replace(
    service(
        "H93", scope="national", hours="Mo-Fr 08:00-16:00", nationwide=True, number="800 100 103"
    ),
    languages=frozenset({"uk"}),
)
RECORDS: tuple[ServiceRecord, ...] = (EMERGENCY, POLISH_ONLY, RUSSIAN, UKRAINIAN, UKRAINIAN_DAYTIME)


def ids(options: list[Option]) -> list[str]:
    return [o.service_id for o in options]


def test_a_ukrainian_speaker_gets_the_lines_that_answer_in_ukrainian_first_within_the_tier() -> (
    None
):
    ukrainian = ids(
        rank_options(RECORDS, OptionsRequest(KRAKOW, CrisisType.VIOLENCE, MONDAY_NOON, "uk"))
    )
    polish = ids(
        rank_options(RECORDS, OptionsRequest(KRAKOW, CrisisType.VIOLENCE, MONDAY_NOON, "pl"))
    )
    # 112 first (violence), then Ukrainian, then Russian, then the rest of the 24/7 tier and
    # the bundled national floor line (H07); the daytime line stays below every 24/7 line
    # although it speaks Ukrainian.
    assert ukrainian == ["H01", "H91", "H92", "H90", "H07", "H93"]
    assert polish == ["H01", "H90", "H91", "H92", "H07", "H93"]


def test_the_language_is_named_only_to_those_who_read_ukrainian() -> None:
    for_ukrainian = rank_options(
        RECORDS, OptionsRequest(KRAKOW, CrisisType.VIOLENCE, MONDAY_NOON, "uk")
    )
    by_id = {o.service_id: o for o in for_ukrainian}
    assert Reason.ANSWERS_UKRAINIAN in by_id["H91"].reasons
    assert Reason.ANSWERS_RUSSIAN in by_id["H92"].reasons
    assert "відповідають українською" in render_option(by_id["H91"], MONDAY_NOON, "uk")
    assert "відповідають російською" in render_option(by_id["H92"], MONDAY_NOON, "uk")
    for option in rank_options(
        RECORDS, OptionsRequest(KRAKOW, CrisisType.VIOLENCE, MONDAY_NOON, "pl")
    ):
        assert not {Reason.ANSWERS_UKRAINIAN, Reason.ANSWERS_RUSSIAN} & set(option.reasons)


def test_112_stays_above_a_line_in_ukrainian_when_the_resident_says_it_is_urgent() -> None:
    options = rank_options(
        RECORDS, OptionsRequest(KRAKOW, CrisisType.MENTAL, NIGHT, "uk", urgent=True)
    )
    assert ids(options)[:2] == ["H01", "H91"]


def test_only_lines_whose_sources_say_so_are_flagged_in_the_bundled_directory() -> None:
    flagged = {e["id"] for e in seed_entries() if {"uk", "ru"} & set(e["languages"])}
    # 116 111 and 800 12 12 12 (Ukrainian/Russian-speaking staff), Linia Pomocy Pokrzywdzonym;
    # not 116 000 ("not stated") nor Niebieska Linia (a 2016 statement, not verified since).
    assert flagged == {"H03", "H04", "H10"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> DirectoryStore:
    """The bundled directory in a fresh SQLite file."""
    path: Path = tmp_path_factory.mktemp("languages") / "drogowskaz.db"
    return DirectoryStore(open_database(f"sqlite:///{path}"))


def test_in_wroclaw_a_ukrainian_speaker_in_danger_reads_112_then_the_line_in_ukrainian(
    store: DirectoryStore,
) -> None:
    options = store.options_for(OptionsRequest("0264", CrisisType.VIOLENCE, NIGHT, "uk"))
    assert [o.service_id for o in options[:2]] == ["H01", "H10"]
    assert "відповідають українською" in render_option(options[1], NIGHT, "uk")
    polish = store.options_for(OptionsRequest("0264", CrisisType.VIOLENCE, NIGHT, "pl"))
    assert polish[0].service_id == "H01"
    assert "odpowiadają po ukraińsku" not in render_option(polish[1], NIGHT, "pl")
