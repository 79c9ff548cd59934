"""ConversationService: state in the database, restarts, forgetting, usage, failures, extensions."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import TRY_LATER, ConversationService
from bot.events import Event, EventKind, Reply
from bot.extensions import CommandContext, Extensions
from bot.state import state_key
from directory.i18n import translator
from directory.models import ConversationState, UsageEvent

SECRET = "conversation-test-secret"
CHAT = 424242


class Clock:
    """A settable clock, starting on a Wednesday morning in Warsaw."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def engine(both_engine: Engine) -> Engine:
    """The seeded directory in a fresh database, on SQLite and on PostgreSQL."""
    return both_engine


def settings(url: str | None = None) -> Settings:
    return Settings(database_url=url, state_secret=SECRET)


def say(value: str) -> Event:
    return Event(kind=EventKind.TEXT, text=value, language_code="pl", channel="telegram")


def press(data: str) -> Event:
    return Event(kind=EventKind.BUTTON, data=data, language_code="pl", channel="telegram")


def command(name: str, user_id: int | None = None) -> Event:
    return Event(kind=EventKind.COMMAND, command=name, language_code="pl", user_id=user_id)


LIFELINE = "\n\n<i>W nagłym niebezpieczeństwie: 112 · całą dobę: 116 123</i>"


def body(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def test_a_whole_conversation_keeps_state_under_the_hmac_key(engine: Engine) -> None:
    service = ConversationService(settings(), engine, clock=Clock())
    service.handle(CHAT, command("start"))
    service.handle(CHAT, say("Pruszków"))
    replies = service.handle(CHAT, press("cr:violence"))
    assert "112" in body(replies)
    assert "powiat pruszkowski" in body(replies)
    with Session(engine) as session:
        keys = session.scalars(select(ConversationState.key)).all()
    assert keys == [state_key(SECRET, CHAT)]


def test_usage_is_recorded_without_ids_or_free_text(engine: Engine) -> None:
    service = ConversationService(settings(), engine, clock=Clock())
    service.handle(CHAT, say("jestem w Pruszkowie, mąż mnie bije"))
    service.handle(CHAT, press("hf:1"))
    with Session(engine) as session:
        events = session.scalars(select(UsageEvent).order_by(UsageEvent.bucket)).all()
        by_kind = {event.event: event for event in events}
        assert by_kind["danger"].emergency_first
        results = by_kind["results"]
        assert results.powiat == "1421"
        assert results.crisis == "violence"
        assert results.options_shown > 0
        assert sum(results.scopes.values()) == results.options_shown
        assert results.channel == "telegram"
        assert results.language == "pl"
        assert by_kind["helpful"].helpful is True
        hour = results.hour if results.hour.tzinfo else results.hour.replace(tzinfo=UTC)
        assert hour == datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
        dumped = " ".join(
            str(value)
            for event in events
            for value in vars(event).values()
            if not str(value).startswith("<")
        )
    assert str(CHAT) not in dumped
    assert "Pruszk" not in dumped
    assert "mąż" not in dumped


def test_a_restarted_service_continues_the_conversation(engine: Engine) -> None:
    clock = Clock()
    ConversationService(settings(), engine, clock=clock).handle(CHAT, say("Pruszków"))
    restarted = ConversationService(settings(), engine, clock=clock)
    replies = restarted.handle(CHAT, press("cr:bereavement"))
    assert "powiat pruszkowski" in body(replies)
    assert "kontakt" in body(replies)


def test_a_conversation_silent_for_24_hours_starts_afresh(engine: Engine) -> None:
    clock = Clock()
    service = ConversationService(settings(), engine, clock=clock)
    service.handle(CHAT, say("Pruszków"))
    clock.now += timedelta(hours=24, minutes=1)
    replies = service.handle(CHAT, press("cr:bereavement"))
    assert "Gdzie jesteś?" in body(replies)


def test_forget_deletes_the_row_and_says_so(engine: Engine) -> None:
    service = ConversationService(settings(), engine, clock=Clock())
    service.handle(CHAT, say("Pruszków"))
    replies = service.handle(CHAT, command("forget"))
    assert "Usunąłem" in body(replies)
    with Session(engine) as session:
        assert session.scalars(select(ConversationState)).all() == []
    stale = service.handle(CHAT, press("cr:violence"))
    assert "Gdzie jesteś?" in body(stale)


USAGE_FAILURES = {
    "table missing": {
        "sqlite": ["DROP TABLE usage_events"],
        "postgresql": ["DROP TABLE usage_events"],
    },
    "insert refused": {
        "sqlite": [
            "CREATE TRIGGER refuse_usage BEFORE INSERT ON usage_events "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        ],
        "postgresql": [
            "CREATE FUNCTION refuse_usage() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
            "CREATE TRIGGER refuse_usage BEFORE INSERT ON usage_events "
            "FOR EACH ROW EXECUTE FUNCTION refuse_usage()",
        ],
    },
}


@pytest.mark.parametrize("failure", sorted(USAGE_FAILURES))
def test_a_failure_to_record_usage_keeps_the_reply_and_the_state(
    engine: Engine, failure: str
) -> None:
    with engine.begin() as connection:
        for statement in USAGE_FAILURES[failure][engine.dialect.name]:
            connection.execute(text(statement))
    service = ConversationService(settings(), engine, clock=Clock())
    replies = service.handle(CHAT, say("Pruszków"))
    assert "Co się dzieje?" in body(replies)
    # The place saved in the same transaction as the failed insert is still known.
    results = service.handle(CHAT, press("cr:violence"))
    assert "powiat pruszkowski" in body(results)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres@127.0.0.1:9/drogowskaz",  # nothing listens on port 9
        "not-a-database-url",
    ],
)
def test_an_unreachable_database_still_answers_with_112_and_the_national_lines_fast(
    url: str,
) -> None:
    service = ConversationService(settings(url), clock=Clock())
    started = time.monotonic()
    replies = service.handle(CHAT, say("jestem w Pruszkowie, mąż mnie bije"))
    again = service.handle(CHAT, command("start"))
    elapsed = time.monotonic() - started
    for answer in (replies, again):
        assert "112" in body(answer)
        assert "116 123" in body(answer)
    assert elapsed < 5


def test_an_unreadable_sqlite_file_still_answers_with_112(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    service = ConversationService(settings(f"sqlite:///{broken}"), clock=Clock())
    replies = service.handle(CHAT, say("Pruszków"))
    assert "112" in body(replies)
    assert "116 123" in body(replies)


def test_forget_never_raises_when_the_database_is_down() -> None:
    service = ConversationService(settings("postgresql+psycopg://postgres@127.0.0.1:9/x"))
    assert service.forget(CHAT) is False


def _ping(context: CommandContext) -> list[Reply]:
    count = context.session.scalar(text("SELECT COUNT(*) FROM services"))
    return [Reply(text=f"pong {context.event.user_id} {count > 0} {context.lang}")]


def _claim_numbers(context: CommandContext) -> list[Reply] | None:
    if context.event.text.isdigit():
        return [Reply(text="number noted")]
    return None


def test_registered_commands_buttons_and_text_handlers_get_the_event_and_a_session(
    engine: Engine,
) -> None:
    extensions = Extensions()
    extensions.add_command("testping", _ping, description="test", audience="admin")
    extensions.add_button("tp:", _ping)
    extensions.add_text_handler(_claim_numbers)
    service = ConversationService(settings(), engine, clock=Clock(), extensions=extensions)
    # The service closes every answer with 112 and a national line (bot.render.close_turn).
    assert (
        body(service.handle(CHAT, command("testping", user_id=77))) == "pong 77 True pl" + LIFELINE
    )
    assert body(service.handle(CHAT, press("tp:anything"))).startswith("pong")
    assert body(service.handle(CHAT, say("12345"))) == "number noted" + LIFELINE
    danger = service.handle(CHAT, say("12345 chcę się zabić"))
    assert danger[0].text.startswith("🆘")


def test_unknown_commands_get_a_helpful_message(engine: Engine) -> None:
    service = ConversationService(settings(), engine, clock=Clock())
    replies = service.handle(CHAT, command("staffonlything"))
    assert "/help" in body(replies)


def test_reserved_commands_cannot_be_taken_over() -> None:
    with pytest.raises(ValueError, match="cannot register"):
        Extensions().add_command("sos", _ping)
    with pytest.raises(ValueError, match="cannot register"):
        Extensions().add_button("cr:mine", _ping)


def test_warm_up_prepares_the_database_and_reports_a_dead_one(engine: Engine) -> None:
    assert ConversationService(settings(), engine).warm_up() is True
    dead = ConversationService(settings("postgresql+psycopg://postgres@127.0.0.1:9/x"))
    assert dead.warm_up() is False


def test_close_disposes_the_engine_the_service_opened_itself(seeded_sqlite_url: str) -> None:
    service = ConversationService(settings(seeded_sqlite_url), clock=Clock())
    assert "powiat pruszkowski" in body(service.handle(CHAT, say("Pruszków")))
    engine = service._get_engine()
    assert engine.pool.checkedin() >= 1
    service.close()
    assert engine.pool.checkedin() == 0


def test_close_leaves_an_engine_it_was_given_to_its_owner(engine: Engine) -> None:
    service = ConversationService(settings(), engine, clock=Clock())
    service.handle(CHAT, say("Pruszków"))
    service.close()
    assert engine.pool.checkedin() >= 1


@pytest.fixture
def blackhole() -> Iterator[socket.socket]:
    """A listening socket that accepts TCP connections (in the backlog) and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    with listener:
        yield listener


async def test_a_staff_turn_during_an_outage_is_never_the_slow_recovery_probe(
    blackhole: socket.socket,
) -> None:
    port = blackhole.getsockname()[1]
    service = ConversationService(
        settings(f"postgresql+psycopg://postgres@127.0.0.1:{port}/drogowskaz"),
        clock=Clock(),
        database_retry_seconds=0.0,  # every turn may probe at once
        resident_deadline_seconds=0.3,
        staff_deadline_seconds=3.0,
        extensions=standard_extensions(),
    )
    started = time.monotonic()
    resident = await service.handle_async(CHAT, say("jestem w Pruszkowie, mąż mnie bije"))
    assert "116 123" in body(resident)
    assert 0.3 <= time.monotonic() - started < 1.5
    assert service.database_down

    started = time.monotonic()
    staff = await service.handle_async(CHAT + 1, command("entry", user_id=CHAT + 1))
    assert body(staff) == translator("pl").gettext(TRY_LATER) + LIFELINE
    assert time.monotonic() - started < 0.25

    blackhole.close()  # the overdue turn fails now; let it end inside the test
    service.close(wait_seconds=10)


def test_staff_alone_close_the_breaker_once_the_database_is_back(
    seeded_sqlite_url: str,
) -> None:
    database = Path(seeded_sqlite_url.removeprefix("sqlite:///"))
    original = database.read_bytes()
    database.write_bytes(b"this is not a database" * 100)
    service = ConversationService(
        settings(seeded_sqlite_url),
        clock=Clock(),
        database_retry_seconds=0.0,
        extensions=standard_extensions(),
    )
    resident = service.handle(CHAT, say("Pruszków"))
    assert "116 123" in body(resident)
    assert service.database_down

    database.write_bytes(original)
    try_later = translator("pl").gettext(TRY_LATER)
    staff = service.handle(CHAT + 1, command("entry", user_id=CHAT + 1))
    # Answered at once; the probe runs in the background.
    assert body(staff) == try_later + LIFELINE
    deadline = time.monotonic() + 5
    while service.database_down and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not service.database_down
    again = service.handle(CHAT + 1, command("entry", user_id=CHAT + 1))
    assert not body(again).startswith(try_later)
    service.close()


async def test_a_locked_sqlite_database_still_answers_with_112_by_the_resident_deadline(
    seeded_sqlite_url: str,
) -> None:
    service = ConversationService(
        settings(seeded_sqlite_url), clock=Clock(), resident_deadline_seconds=0.5
    )
    warm = await service.handle_async(CHAT, say("Pruszków"))
    assert "Co się dzieje?" in body(warm)
    # Another connection holds the write lock, as another process would: the turn waits in
    # SQLite's busy handler.
    blocker = sqlite3.connect(seeded_sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    gaps: list[float] = []

    async def tick() -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            gaps.append(time.monotonic() - last)
            last = time.monotonic()

    ticker = asyncio.create_task(tick())
    try:
        await asyncio.sleep(0.05)
        started = time.monotonic()
        replies = await service.handle_async(CHAT + 1, say("jestem w Gdańsku, mąż mnie bije"))
        elapsed = time.monotonic() - started
        await asyncio.sleep(0.05)  # the tick that spans the turn is counted
    finally:
        ticker.cancel()
        blocker.rollback()
        blocker.close()
    assert "112" in body(replies)
    assert "116 123" in body(replies)
    assert 0.5 <= elapsed < 1.5
    # On SQLite the loop waits on the spot, but never past the resident deadline.
    assert max(gaps) < 1.0
    service.close(wait_seconds=10)
