"""Every answer the bot can send ends with 112 and a national 24/7 line (issue 11, finding 4).

The real ConversationService answers from the real seeded directory. Hypothesis plays any
sequence of resident, staff and administrator events (commands, `st:*` buttons from people
who are not staff, invite codes right and wrong, typed values mid-edit) and checks the last
message of every answer; then the same with the database down, where staff and administrators
get "try later". `bot.render.close_turn`, applied where answers leave the service, is the rule.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.events import Event, EventKind, Reply
from bot.render import close_turn, lifeline_text
from directory.db import session_scope
from directory.staff import create_invite
from directory.store import current_emergency_options
from tests.conftest import link_staff

SECRET = "lifeline-test-secret"
RESIDENT, STAFF, ADMIN = 6001, 6002, 6003
NOW = datetime(2026, 3, 4, 23, 10, tzinfo=UTC)  # night: most centres closed
EMERGENCY = re.compile(r"(?<![\d+])112(?!\d)")
NATIONAL = re.compile(r"116 ?123|116 ?111|\+48800121212|\+48800120002")
DEAD_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:9/none"
_chats = itertools.count(1)


def assert_closed(replies: list[Reply]) -> None:
    """The answer is not empty and its last message shows 112 and a national 24/7 line."""
    assert replies
    last = replies[-1].text
    assert EMERGENCY.search(last), last
    assert NATIONAL.search(last), last
    assert all(len(reply.text) <= 4096 for reply in replies)


users = st.sampled_from([RESIDENT, STAFF, ADMIN, None])
texts = st.one_of(
    st.sampled_from(
        [
            "Pruszków",
            "jestem w Krakowie, mąż mnie bije",
            "22 123 45 67",
            "701 234 567",
            "-",
            "24/7",
            "ul. Długa 5, 00-001 Warszawa",
            "pomocy",
            "😢",
            "00-950",
            "nie powiem gdzie",
            "chcę się zabić",
        ]
    ),
    st.text(max_size=60),
)
command_names = st.sampled_from(
    [
        "start", "help", "sos", "lang", "forget", "services", "staff", "entry", "edit",
        "confirm", "cancel", "stats", "nosuchcommand",
    ]
)  # fmt: skip
command_args = st.one_of(
    st.sampled_from(["", "B01", "B05", "H02", "WRONG-CODE", "staff-WRONG", "en", "*"]),
    st.text(max_size=12),
)
button_data = st.one_of(
    st.sampled_from(
        [
            "st:x", "st:f:phones", "st:f:hours", "st:f:notice", "st:s:B01", "st:s:B05",
            "st:ok", "st:c:*", "st:c:B01", "st:co:B01", "st:h:24/7", "st:t:en", "st:d",
            "st:v:active", "more", "p0", "chp", "cht", "hf:1", "hf:0", "sos", "lang:en",
            "cr:violence", "cr:suicidal", "pl:0:1421",
        ]
    ),
    st.text(max_size=20).map(lambda rest: "st:" + rest),
)  # fmt: skip


def _event(kind: str, user: int | None, value: str, args: str, lang: str) -> Event:
    if kind == "text":
        return Event(kind=EventKind.TEXT, text=value, user_id=user, language_code=lang)
    if kind == "button":
        return Event(kind=EventKind.BUTTON, data=value, user_id=user, language_code=lang)
    if kind == "location":
        return Event(
            kind=EventKind.LOCATION,
            latitude=52.17,
            longitude=20.81,
            user_id=user,
            language_code=lang,
        )
    return Event(kind=EventKind.COMMAND, command=value, args=args, user_id=user, language_code=lang)


events = st.one_of(
    st.builds(_event, st.just("text"), users, texts, st.just(""), st.sampled_from(["pl", "en"])),
    st.builds(_event, st.just("button"), users, button_data, st.just(""), st.just("pl")),
    st.builds(_event, st.just("location"), users, st.just(""), st.just(""), st.just("uk")),
    st.builds(
        _event,
        st.just("command"),
        users,
        command_names,
        command_args,
        st.sampled_from(["pl", "en"]),
    ),
)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ConversationService, Engine]]:
    """A service on a seeded SQLite directory with one linked staff member and one admin."""
    from directory.db import open_database

    path = tmp_path_factory.mktemp("lifeline") / "directory.db"
    engine = open_database(f"sqlite:///{path}")
    link_staff(engine, STAFF, "B01")
    service = ConversationService(
        Settings(state_secret=SECRET, admin_telegram_ids=frozenset({ADMIN})),
        engine=engine,
        clock=lambda: NOW,
        extensions=standard_extensions(),
    )
    yield service, engine
    service.close()
    engine.dispose()


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sequence=st.lists(events, min_size=1, max_size=5))
def test_every_answer_to_residents_staff_and_administrators_ends_with_112_and_a_line(
    live: tuple[ConversationService, Engine], sequence: list[Event]
) -> None:
    service, _engine = live
    chat = next(_chats)
    for event in sequence:
        assert_closed(service.handle(chat, event))


def test_staff_commands_and_invite_links_each_end_with_112_and_a_line(
    live: tuple[ConversationService, Engine],
) -> None:
    service, engine = live
    with session_scope(engine) as session:
        code = create_invite(session, "B05", now=NOW).code
    chat = next(_chats)
    answers = [
        service.handle(chat, _event("command", RESIDENT, "staff", "", "pl")),
        service.handle(chat, _event("command", RESIDENT, "staff", "NOPE-NOPE", "pl")),
        service.handle(chat, _event("command", RESIDENT, "start", "staff-NOPE", "pl")),
        service.handle(chat, _event("command", RESIDENT, "start", f"staff-{code}", "pl")),
        service.handle(chat, _event("command", RESIDENT, "entry", "", "en")),
        service.handle(chat, _event("command", RESIDENT, "edit", "B05", "en")),
        service.handle(chat, _event("button", RESIDENT, "st:f:phones", "", "pl")),
        service.handle(chat, _event("text", RESIDENT, "22 123 45 67", "", "pl")),
        service.handle(chat, _event("command", RESIDENT, "confirm", "B05", "pl")),
        service.handle(chat, _event("command", RESIDENT, "cancel", "", "pl")),
        # Buttons of the staff flow forged by someone who is not staff.
        service.handle(chat, _event("button", None, "st:ok", "", "pl")),
        service.handle(chat, _event("button", 424242, "st:c:*", "", "en")),
        service.handle(chat, _event("command", ADMIN, "stats", "", "pl")),
        service.handle(chat, _event("command", ADMIN, "coverage", "", "pl")),
        service.handle(chat, _event("command", STAFF, "stats", "", "pl")),
    ]
    for replies in answers:
        assert_closed(replies)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(event=events)
def test_with_the_database_down_every_answer_still_ends_with_112_and_a_line(
    outage: ConversationService, event: Event
) -> None:
    assert_closed(outage.handle(next(_chats), event))


@pytest.fixture(scope="module")
def outage() -> Iterator[ConversationService]:
    """A service whose database refuses every connection."""
    service = ConversationService(
        Settings(
            state_secret=SECRET,
            database_url=DEAD_DATABASE,
            admin_telegram_ids=frozenset({ADMIN}),
        ),
        clock=lambda: NOW,
        database_retry_seconds=0.05,
        extensions=standard_extensions(),
    )
    yield service
    service.close()


def test_close_turn_adds_the_lifeline_once_and_moves_the_buttons_when_there_is_no_room(
    engine: Engine,
) -> None:
    lines = current_emergency_options(engine, "pl")
    footer = lifeline_text(lines, "pl")
    assert footer == "<i>W nagłym niebezpieczeństwie: 112 · całą dobę: 116 123</i>"
    closed = close_turn([Reply(text="ok")], lines, "pl")
    assert [reply.text for reply in closed] == ["ok\n\n" + footer]
    assert close_turn(closed, lines, "pl") == closed  # already closed: unchanged
    assert close_turn([], lines, "pl")[0].text == footer
    from bot.events import Button

    long = Reply(text="x" * 4090, buttons=((Button("b", "more"),),))
    split = close_turn([long], lines, "pl")
    assert [reply.text for reply in split] == ["x" * 4090, footer]
    assert split[0].buttons == ()
    assert split[1].buttons == long.buttons
