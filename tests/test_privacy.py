"""Privacy, proven: scripted conversations with distinctive ids, names, usernames and texts, then
every column of every row of every table, and every log record, is searched for them.

Staff and administrators, unlike residents, are identified, so their Telegram user ids are stored
by design in exactly these places: `staff_links` (the staff member), `admins` (an administrator
granted in the database) and, because every change records who made it (issue 4), the `actor`
and `entity_id` of `audit_log` rows. A resident's id is stored nowhere. Nothing may hold a name,
a username or anything a person wrote; conversation state is keyed by an HMAC of the chat id.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.events import Event, EventKind
from directory.access import grant_admin
from directory.db import open_database, session_scope
from directory.models import ConversationState, Organization
from directory.staff import create_invite
from tests.bot.conftest import settings_for, start_application
from tests.botapi.server import BotAccount, BotApiServer

RESIDENT_ID = 987654321123
STAFF_ID = 987654321124
ADMIN_ID = 987654321125
CONFIGURED_ADMIN_ID = 987654321126
FIRST_NAME = "Zenobiusz"
LAST_NAME = "Kwiatkowski-Test"
FULL_NAME = f"{FIRST_NAME} {LAST_NAME}"
USERNAME = "zkw_unique_handle"
MARKER = "MarkerXYZ-private-text"
SECRET = "privacy-test-secret"
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)

PERSONAL = (FIRST_NAME, LAST_NAME, USERNAME, MARKER)
IDS = {RESIDENT_ID, STAFF_ID, ADMIN_ID, CONFIGURED_ADMIN_ID}
# Where an id may be stored by design (table, column), and whose.
ALLOWED_IDS = {
    ("staff_links", "telegram_user_id"): {STAFF_ID},
    ("admins", "telegram_user_id"): {ADMIN_ID},
    ("audit_log", "actor"): {STAFF_ID, ADMIN_ID},
    ("audit_log", "entity_id"): {STAFF_ID, ADMIN_ID},
}
OUR_LOGGERS = ("bot", "directory")


def settings(url: str) -> Settings:
    return Settings(
        database_url=url,
        state_secret=SECRET,
        admin_telegram_ids=frozenset({CONFIGURED_ADMIN_ID}),
    )


def text_event(value: str, user_id: int) -> Event:
    return Event(
        kind=EventKind.TEXT, text=value, language_code="pl", channel="telegram", user_id=user_id
    )


def button(data: str, user_id: int) -> Event:
    return Event(
        kind=EventKind.BUTTON, data=data, language_code="pl", channel="telegram", user_id=user_id
    )


def command(name: str, user_id: int, args: str = "") -> Event:
    return Event(
        kind=EventKind.COMMAND,
        command=name,
        args=args,
        text=f"/{name} {args}".strip(),
        language_code="pl",
        channel="telegram",
        user_id=user_id,
    )


def every_value(engine: Engine) -> dict[tuple[str, str], list[str]]:
    """Every column of every row of every table, as text, by (table, column)."""
    found: dict[tuple[str, str], list[str]] = {}
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            result = connection.execute(text(f'SELECT * FROM "{table}"'))
            columns = list(result.keys())
            for column in columns:
                found.setdefault((table, column), [])
            for row in result:
                for column, value in zip(columns, row, strict=True):
                    if value is not None:
                        shown = value if isinstance(value, str) else json.dumps(value, default=str)
                        found[(table, column)].append(shown)
    return found


def assert_nothing_personal(engine: Engine, log_text: str) -> None:
    """No name, username, text or (outside the places allowed by design) id anywhere."""
    columns = every_value(engine)
    tables = {table for table, _column in columns}
    assert {"usage_events", "conversation_state", "audit_log", "staff_links", "admins"} <= tables
    for place, values in columns.items():
        for value in values:
            for personal in PERSONAL:
                assert personal.lower() not in value.lower(), (place, value)
            for user_id in IDS - ALLOWED_IDS.get(place, set()):
                assert str(user_id) not in value, (place, value)
    # The exceptions, asserted explicitly: the staff and admin ids are there, by design.
    assert str(STAFF_ID) in columns[("staff_links", "telegram_user_id")]
    assert str(ADMIN_ID) in columns[("admins", "telegram_user_id")]
    assert f"staff:{STAFF_ID}" in columns[("audit_log", "actor")]
    # And a resident is never among them.
    assert all(str(RESIDENT_ID) not in v for values in columns.values() for v in values)
    for personal in (*PERSONAL, *map(str, IDS)):
        assert personal.lower() not in log_text.lower(), personal


def assert_state_keyed_by_hmac(engine: Engine, chat_ids: set[int]) -> None:
    with Session(engine) as session:
        keys = list(session.scalars(select(ConversationState.key)))
    assert keys
    for key in keys:
        for chat_id in chat_ids:
            assert str(chat_id) not in key


def captured_text(caplog: pytest.LogCaptureFixture) -> str:
    """Every captured record: formatted message, arguments and exception text."""
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        if record.exc_text:
            parts.append(record.exc_text)
    return "\n".join(parts)


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Our loggers at DEBUG (everything else at its default level) into caplog."""
    for name in OUR_LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def invite_code(engine: Engine) -> str:
    with session_scope(engine) as session:
        organization = session.scalars(select(Organization).order_by(Organization.id)).first()
        assert organization is not None
        return create_invite(session, organization.id).code


@pytest.mark.postgres
def test_conversations_staff_links_and_admin_commands_leave_nothing_personal(
    seeded_database_url: str, debug_logs: pytest.LogCaptureFixture
) -> None:
    engine = open_database(seeded_database_url)
    try:
        code = invite_code(engine)
        with session_scope(engine) as session:
            grant_admin(session, ADMIN_ID, granted_by="cli")
        service = ConversationService(
            settings(seeded_database_url),
            engine,
            clock=lambda: NOW,
            extensions=standard_extensions(),
        )
        script = [
            command("start", RESIDENT_ID),
            text_event(f"Jestem w Pruszkowie {MARKER}", RESIDENT_ID),
            button("cr:violence", RESIDENT_ID),
            button("more", RESIDENT_ID),
            button("hf:1", RESIDENT_ID),
            button("chp", RESIDENT_ID),
            text_event(f"{MARKER} {FULL_NAME} {USERNAME}", RESIDENT_ID),
            text_event(f"chcę się zabić {MARKER}", RESIDENT_ID),
            command("sos", RESIDENT_ID),
            command("stats", RESIDENT_ID),
            command("start", STAFF_ID, f"staff-{code}"),
            command("entry", STAFF_ID),
            text_event(f"{MARKER} from staff", STAFF_ID),
            command("stats", ADMIN_ID),
            command("coverage", ADMIN_ID),
            command("stats", CONFIGURED_ADMIN_ID),
        ]
        for event in script:
            assert event.user_id is not None
            replies = service.handle(event.user_id, event)
            assert replies
        service.handle(RESIDENT_ID, command("forget", RESIDENT_ID))
        service.handle(RESIDENT_ID, text_event(f"Kraków {MARKER}", RESIDENT_ID))
        assert_nothing_personal(engine, captured_text(debug_logs))
        assert_state_keyed_by_hmac(engine, IDS)
        with Session(engine) as session:
            usage = session.execute(text("SELECT SUM(count) FROM usage_events")).scalar_one()
        assert usage > 5
    finally:
        engine.dispose()


def personal_update(
    account: BotAccount, message: dict[str, object], user_id: int = RESIDENT_ID
) -> None:
    """A private-chat message from a person with a full name and a username."""
    person = {
        "id": user_id,
        "is_bot": False,
        "first_name": FIRST_NAME,
        "last_name": LAST_NAME,
        "username": USERNAME,
        "language_code": "pl",
    }
    chat = {
        "id": user_id,
        "type": "private",
        "first_name": FIRST_NAME,
        "last_name": LAST_NAME,
        "username": USERNAME,
    }
    account.inject_update(
        {"message": {"message_id": next(MESSAGE_IDS), "date": 1_772_600_000, "chat": chat,
                     "from": person, **message}}
    )  # fmt: skip


MESSAGE_IDS = iter(range(5_000_000, 6_000_000))


def command_message(name: str, args: str = "") -> dict[str, object]:
    head = f"/{name}"
    return {
        "text": f"{head} {args}".strip(),
        "entities": [{"type": "bot_command", "offset": 0, "length": len(head)}],
    }


@pytest.fixture(scope="module")
def own_botapi() -> Iterator[BotApiServer]:
    """A local Bot API server for this module (the bot tests' fixtures live in tests/bot)."""
    with BotApiServer() as server:
        yield server


@pytest.fixture
def own_telegram(own_botapi: BotApiServer) -> BotAccount:
    return own_botapi.add_bot("710000001:PRIVACY-TEST", "drogowskaz_privacy_bot")


@pytest.mark.e2e
async def test_the_telegram_channel_stores_and_logs_nothing_personal(
    own_botapi: BotApiServer,
    own_telegram: BotAccount,
    sqlite_url: str,
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    telegram = own_telegram
    engine = open_database(sqlite_url)
    try:
        code = invite_code(engine)
        with session_scope(engine) as session:
            grant_admin(session, ADMIN_ID)
        bot_settings = replace(
            settings_for(own_botapi, telegram, sqlite_url),
            admin_telegram_ids=frozenset({CONFIGURED_ADMIN_ID}),
        )
        running = await start_application(bot_settings)
        try:
            personal_update(telegram, command_message("start"))
            await telegram.wait_for_reply(RESIDENT_ID, timeout=20.0)
            personal_update(telegram, {"text": f"Jestem w Pruszkowie {MARKER}"})
            await telegram.wait_for_reply(RESIDENT_ID, timeout=20.0)
            telegram.press_button(RESIDENT_ID, "cr:violence")
            await telegram.wait_for_reply(RESIDENT_ID, timeout=20.0)
            personal_update(telegram, {"text": f"{MARKER} {FULL_NAME}"})
            await telegram.wait_for_reply(RESIDENT_ID, timeout=20.0)
            personal_update(telegram, command_message("stats"))
            refusal = await telegram.wait_for_reply(RESIDENT_ID, timeout=20.0)
            assert "112" in refusal[-1].plain_text
            personal_update(telegram, command_message("staff", code), user_id=STAFF_ID)
            linked = await telegram.wait_for_reply(STAFF_ID, timeout=20.0)
            assert "/edit" in linked[0].plain_text
            personal_update(telegram, command_message("stats"), user_id=ADMIN_ID)
            stats = await telegram.wait_for_reply(ADMIN_ID, timeout=20.0)
            assert "Usage" in stats[0].plain_text or "Statystyki" in stats[0].plain_text
        finally:
            await running.stop()
        # The scan is not vacuous: our DEBUG records of these very updates were captured.
        assert any(
            r.name.startswith("bot.") and r.levelno == logging.DEBUG for r in debug_logs.records
        )
        assert_nothing_personal(engine, captured_text(debug_logs))
        assert_state_keyed_by_hmac(engine, IDS)
    finally:
        engine.dispose()
