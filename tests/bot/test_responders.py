"""The responders' view (/services, /sluzby) through the dialogue core, on the seeded directory:
a location or a place, no crisis question, the points open now nearest first, on one screen."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine

from bot.conversation import LiveDirectory
from bot.dialogue import DialogueState, Outcome, Step, command_list, respond
from bot.events import ButtonKind, Event, EventKind, Reply
from bot.responders import render_point
from directory.db import open_database
from directory.describe import provenance_text
from directory.models import ServiceKind
from directory.referral import Option, rank_handover_points
from directory.store import DirectoryStore

WARSAW = ZoneInfo("Europe/Warsaw")
FRIDAY_NIGHT = datetime(2026, 12, 4, 2, 0, tzinfo=WARSAW)
FRIDAY_AFTERNOON = datetime(2026, 12, 4, 14, 0, tzinfo=WARSAW)
WROCLAW = (51.1100, 17.0320)
KRAKOW = (50.0614, 19.9366)
# One phone screen: about this many lines of text (the longest names wrap once or twice).
SCREEN_LINES = 30


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The bundled directory in a fresh SQLite file, shared by this module's tests."""
    path: Path = tmp_path_factory.mktemp("responders") / "directory.db"
    opened = open_database(f"sqlite:///{path}")
    yield opened
    opened.dispose()


@pytest.fixture(scope="module")
def directory(engine: Engine) -> LiveDirectory:
    """The dialogue's real directory."""
    return LiveDirectory(engine)


def command(name: str, lang: str = "pl") -> Event:
    return Event(kind=EventKind.COMMAND, command=name, language_code=lang)


def location(lat: float, lon: float, lang: str = "pl") -> Event:
    return Event(kind=EventKind.LOCATION, latitude=lat, longitude=lon, language_code=lang)


def text(value: str, lang: str = "pl") -> Event:
    return Event(kind=EventKind.TEXT, text=value, language_code=lang)


def run(directory: LiveDirectory, now: datetime, *events: Event) -> Outcome:
    state: DialogueState | None = None
    outcome: Outcome | None = None
    for event in events:
        outcome = respond(event, state, directory, now)
        state = outcome.state
    assert outcome is not None
    return outcome


def all_text(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def plain(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text)


def button_data(replies: list[Reply]) -> list[str]:
    return [button.data for reply in replies for row in reply.buttons for button in row]


@pytest.mark.parametrize(("name", "lang"), [("sluzby", "pl"), ("services", "en")])
def test_the_command_asks_only_for_a_location_or_a_place(
    directory: LiveDirectory, name: str, lang: str
) -> None:
    outcome = run(directory, FRIDAY_NIGHT, command(name, lang))
    [reply] = outcome.replies
    kinds = [button.kind for row in reply.buttons for button in row]
    assert ButtonKind.LOCATION in kinds
    assert not any(data.startswith("cr:") for data in button_data(outcome.replies))
    assert "112" in reply.text
    assert outcome.state.step == Step.SERVICES
    assert outcome.state.responder


def test_a_location_in_wroclaw_at_2am_lists_only_points_open_then_nearest_first(
    directory: LiveDirectory, engine: Engine
) -> None:
    outcome = run(directory, FRIDAY_NIGHT, command("sluzby"), location(*WROCLAW))
    shown = all_text(outcome.replies)
    expected = DirectoryStore(engine).handover_points(WROCLAW, FRIDAY_NIGHT, "pl", powiat="0264")
    assert expected.points, "some point in Poland is open at 2 a.m."
    assert all(point.open_now for point in expected.points)
    positions = [shown.index(point.short_name) for point in expected.points]
    assert positions == sorted(positions)
    for point in expected.points:
        assert point.phones[0].e164 is None or point.phones[0].e164 in shown
    if expected.beyond_reach:
        assert "W promieniu 60 km nic nie jest teraz czynne" in shown
    # Nothing closed at 2 a.m. is listed as a point: each listed one says it is open.
    blocks = plain(shown).split("\n\n")[1 : 1 + len(expected.points)]
    assert all("czynne" in block for block in blocks), blocks
    assert "112" in shown
    assert "116 123" in shown


def test_the_view_fits_one_phone_screen(directory: LiveDirectory) -> None:
    for now in (FRIDAY_NIGHT, FRIDAY_AFTERNOON):
        for where in (WROCLAW, KRAKOW):
            outcome = run(directory, now, command("sluzby"), location(*where))
            view = outcome.replies[-1].text
            assert len(outcome.replies) == 1
            assert len(plain(view).splitlines()) <= SCREEN_LINES, view
            assert len(plain(view)) <= 1600, view


def test_a_typed_place_gives_the_points_near_it_with_kind_distance_and_provenance(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, FRIDAY_NIGHT, command("services", "en"), text("Kraków", "en"))
    view = plain(all_text(outcome.replies))
    assert "Ośrodek Interwencji Kryzysowej w Krakowie" in view
    assert "crisis intervention centre (OIK)" in view
    assert re.search(r"\d+(\.\d)? km", view)
    assert "open 24/7" in view
    assert "from a public page of" in view or "checked on" in view
    assert "ul. Radziwiłłowska 8b, Kraków" in view
    assert "Nothing is open within" not in view


def test_no_usage_row_or_state_holds_the_location(directory: LiveDirectory) -> None:
    outcome = run(directory, FRIDAY_NIGHT, command("sluzby"), location(51.10937, 17.03281))
    stored = json.dumps(outcome.state.to_dict())
    notes = [note.__dict__ for note in outcome.usage]
    assert "51.10" not in stored
    assert "17.03" not in stored
    assert "51.10" not in json.dumps(notes)
    assert "17.03" not in json.dumps(notes)
    services = [note for note in outcome.usage if note.event == "services"]
    assert [note.powiat for note in services] == ["0264"]


def test_help_lists_the_command_under_its_name_in_each_language(directory: LiveDirectory) -> None:
    polish = all_text(run(directory, FRIDAY_NIGHT, command("help")).replies)
    english = all_text(run(directory, FRIDAY_NIGHT, command("help", "en")).replies)
    assert "/sluzby — dla policji" in polish
    assert "/services — for police" in english
    assert [name for name, _description in command_list("pl")][-1] == "sluzby"


def test_a_crisis_button_after_the_view_returns_to_the_resident_dialogue(
    directory: LiveDirectory,
) -> None:
    outcome = run(
        directory,
        FRIDAY_NIGHT,
        command("sluzby"),
        location(*WROCLAW),
        Event(kind=EventKind.BUTTON, data="cr:mental", language_code="pl"),
    )
    assert not outcome.state.responder
    assert outcome.state.step == Step.RESULTS


def test_a_danger_message_in_the_view_still_leads_with_112(directory: LiveDirectory) -> None:
    outcome = run(directory, FRIDAY_NIGHT, command("sluzby"), text("chcę się zabić"))
    assert "112" in outcome.replies[0].text.splitlines()[0]
    assert outcome.state.responder


def _option(engine: Engine, service_id: str) -> Option:
    points = rank_handover_points(
        DirectoryStore(engine).active_services(), KRAKOW, FRIDAY_NIGHT, "pl", limit=50
    ).points
    return next(point for point in points if point.service_id == service_id)


def test_a_point_says_checked_on_once_verified_and_from_a_public_page_before(
    engine: Engine,
) -> None:
    centre = _option(engine, "B01")
    assert centre.kind == ServiceKind.CRISIS_CENTRE.value
    assert provenance_text(centre, "en").startswith("from a public page of")
    verified = replace(centre, verified_on=date(2026, 12, 1))
    assert provenance_text(verified, "en") == "checked on Dec 1, 2026"
    assert provenance_text(verified, "pl") == "sprawdzono 1 gru 2026"
    block = plain(render_point(1, verified, FRIDAY_NIGHT, "en", lambda code: None))
    assert "checked on Dec 1, 2026" in block
    assert "adults" in block
