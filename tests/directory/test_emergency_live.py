"""The emergency block and the floor lines come from the database (SQLite and PostgreSQL):
an administrator's change shows in the next reply, a withdrawn number disappears everywhere."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from directory.access import Access
from directory.crisis import CrisisType
from directory.db import create_engine_for, open_database, session_scope
from directory.editing import change_service
from directory.emergency import emergency_line_ids
from directory.referral import OptionsRequest
from directory.store import DirectoryStore, current_emergency_options

ADMIN = Access(is_admin=True)
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
POWIATS = ("1421", "0261", "2862")  # Pruszków, Jelenia Góra, Olsztyn


@pytest.fixture
def engine(seeded_database_url: str) -> Iterator[Engine]:
    """The seeded directory, once on SQLite and once on PostgreSQL."""
    opened = open_database(seeded_database_url)
    yield opened
    opened.dispose()


def administrator_sets(engine: Engine, service_id: str, **values: object) -> None:
    with session_scope(engine) as session:
        change_service(session, service_id, values, actor="admin:1", access=ADMIN)


def dials(options: object) -> set[str]:
    return {phone.dial for option in options for phone in option.phones if phone.dial}  # type: ignore[attr-defined]


def test_withdrawn_national_lines_disappear_from_the_block_and_every_list(engine: Engine) -> None:
    administrator_sets(engine, "H02", status="defunct")  # 116 123
    administrator_sets(engine, "H07", status="defunct")  # 800 120 002
    for kinds in ((), ("self_harm",), ("violence",), ("life_at_risk",)):
        block = current_emergency_options(engine, "pl", kinds)  # type: ignore[arg-type]
        assert "116123" not in dials(block)
        assert "+48800120002" not in dials(block)
        assert "112" in dials(block)
        assert len(block) >= 2  # 112 and a national line still answering
    store = DirectoryStore(engine)
    for powiat in POWIATS:
        for crisis in CrisisType:
            shown = dials(store.options_for(OptionsRequest(powiat, crisis, NOW, "pl")))
            assert "116123" not in shown, (powiat, crisis)
            assert "+48800120002" not in shown, (powiat, crisis)
            assert "112" in shown


def test_a_changed_national_number_shows_in_the_next_block_and_never_beside_the_old(
    engine: Engine,
) -> None:
    assert "+48800120002" in dials(current_emergency_options(engine, "pl"))
    administrator_sets(engine, "H07", phones=["800 120 003"])
    block = current_emergency_options(engine, "pl", ("violence",))  # type: ignore[arg-type]
    assert "+48800120003" in dials(block)
    assert "+48800120002" not in dials(block)
    listed = dials(
        DirectoryStore(engine).options_for(OptionsRequest("1421", CrisisType.VIOLENCE, NOW, "pl"))
    )
    assert "+48800120003" in listed
    assert "+48800120002" not in listed


def test_the_bundled_block_is_used_only_when_the_database_cannot_be_read() -> None:
    unreadable = create_engine_for("sqlite:////nonexistent-directory/drogowskaz.db")
    try:
        block = current_emergency_options(unreadable, "pl")
    finally:
        unreadable.dispose()
    assert [option.service_id for option in block] == list(emergency_line_ids())
