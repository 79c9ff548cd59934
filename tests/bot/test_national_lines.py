"""/sos and danger turns read the national lines from the database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from bot.conversation import LiveDirectory
from bot.dialogue import respond
from bot.events import Event, EventKind
from directory.access import Access
from directory.db import open_database, session_scope
from directory.editing import change_service

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))


@pytest.fixture
def engine(seeded_database_url: str) -> Iterator[Engine]:
    """The seeded directory, once on SQLite and once on PostgreSQL."""
    opened = open_database(seeded_database_url)
    yield opened
    opened.dispose()


def administrator_sets(engine: Engine, service_id: str, **values: object) -> None:
    with session_scope(engine) as session:
        change_service(session, service_id, values, actor="admin:1", access=Access(is_admin=True))


def test_sos_drops_a_withdrawn_line_and_shows_a_changed_number_at_once(engine: Engine) -> None:
    directory = LiveDirectory(engine)
    sos = Event(kind=EventKind.COMMAND, command="sos", language_code="pl")
    assert "116 123" in respond(sos, None, directory, NOW).replies[0].text
    administrator_sets(engine, "H02", status="defunct")
    administrator_sets(engine, "H07", phones=["800 120 003"])
    text = respond(sos, None, directory, NOW).replies[0].text
    assert "116 123" not in text
    assert "+48800120003" in text
    assert "+48800120002" not in text
    assert "112" in text.split("\n")[0]


def test_a_danger_turn_never_shows_an_old_and_a_new_number_together(engine: Engine) -> None:
    administrator_sets(engine, "H07", phones=["800 120 003"])
    directory = LiveDirectory(engine)
    place = respond(Event(kind=EventKind.TEXT, text="Pruszków"), None, directory, NOW)
    danger = Event(kind=EventKind.TEXT, text="mąż mnie bije, boję się że mnie zabije")
    outcome = respond(danger, place.state, directory, NOW)
    text = "\n".join(reply.text for reply in outcome.replies)
    assert "112" in outcome.replies[0].text.split("\n")[0]
    assert "+48800120003" in text
    assert "+48800120002" not in text
