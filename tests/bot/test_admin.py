"""/stats and /coverage through the real ConversationService: administrators (configured or
granted) get suppressed figures and the map; everyone else a polite refusal with 112."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.__main__ import standard_extensions
from bot.admin import RETENTION_JOB_NAME, run_retention, schedule_retention
from bot.config import Settings
from bot.conversation import ConversationService
from bot.events import Event, EventKind, Reply
from bot.telegram_app import build_application
from directory.access import grant_admin
from directory.db import open_database, session_scope
from directory.models import ConversationState, UsageEvent

SECRET = "admin-test-secret"
ADMIN = 5550001
GRANTED = 5550002
RESIDENT = 5550003
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    """A migrated SQLite database (usage and administrators need no directory entries)."""
    opened = open_database(sqlite_url, seed=False)
    yield opened
    opened.dispose()


@pytest.fixture
def any_engine(migrated_engine: Engine) -> Engine:
    """The same on SQLite and on PostgreSQL."""
    return migrated_engine


@pytest.fixture
def seeded_engine(sqlite_url: str) -> Iterator[Engine]:
    """The bundled directory, for coverage."""
    opened = open_database(sqlite_url)
    yield opened
    opened.dispose()


def settings(url: str | None = None, **fields: object) -> Settings:
    values: dict[str, object] = {
        "database_url": url,
        "state_secret": SECRET,
        "admin_telegram_ids": frozenset({ADMIN}),
    }
    values.update(fields)
    return Settings(**values)  # type: ignore[arg-type]


def service(engine: Engine, **fields: object) -> ConversationService:
    return ConversationService(
        settings(**fields), engine, clock=lambda: NOW, extensions=standard_extensions()
    )


def command(name: str, user_id: int | None, lang: str = "en") -> Event:
    return Event(
        kind=EventKind.COMMAND,
        command=name,
        language_code=lang,
        user_id=user_id,
        channel="telegram",
    )


def body(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def add_usage(engine: Engine) -> None:
    yesterday = NOW - timedelta(days=1)
    three_weeks_ago = NOW - timedelta(days=21)
    # Hourly counters (directory.models.UsageEvent): nine, two and six events.
    rows = [
        UsageEvent(hour=yesterday, channel="telegram", language="pl", event="results",
                   powiat="1421", crisis="violence", count=9),
        UsageEvent(hour=yesterday, channel="telegram", language="pl", event="results",
                   powiat="1421", crisis="suicidal", count=2),
        UsageEvent(hour=three_weeks_ago, channel="telegram", language="en", event="results",
                   powiat="1261", crisis="violence", count=6),
    ]  # fmt: skip
    with session_scope(engine) as session:
        session.add_all(rows)


def test_admin_commands_are_registered() -> None:
    commands = standard_extensions().commands
    assert commands["stats"].audience == "admin"
    assert commands["coverage"].audience == "admin"


def test_stats_for_a_configured_administrator_hides_small_counts(any_engine: Engine) -> None:
    add_usage(any_engine)
    replies = service(any_engine).handle(ADMIN, command("stats", ADMIN))
    text = body(replies)
    assert "Last 7 days (2026-02-26 – 2026-03-04)" in text
    assert "Last 30 days (2026-02-03 – 2026-03-04)" in text
    seven, thirty = text.split("Last 30 days")
    assert "Conversations: <b>11</b>" in seven
    assert "Violence: <b>9</b>" in seven
    assert "Suicidal thoughts: <b>&lt;5</b>" in seven
    assert "Conversations: <b>17</b>" in thirty
    assert "Violence: <b>15</b>" in thirty
    assert "fewer than 5 events" in text


def test_stats_uses_the_configured_k(engine: Engine) -> None:
    add_usage(engine)
    text = body(service(engine, suppression_k=10).handle(ADMIN, command("stats", ADMIN)))
    seven = text.split("Last 30 days")[0]
    assert "Violence: <b>&lt;10</b>" in seven


def test_an_administrator_granted_in_the_database_gets_stats_in_polish(
    any_engine: Engine,
) -> None:
    with session_scope(any_engine) as session:
        grant_admin(session, GRANTED, granted_by="test")
    text = body(service(any_engine).handle(GRANTED, command("stats", GRANTED, "pl")))
    assert "Ostatnie 7 dni" in text


@pytest.mark.parametrize("name", ["stats", "coverage"])
@pytest.mark.parametrize("user_id", [RESIDENT, None])
def test_anyone_else_is_refused_politely_with_112(
    engine: Engine, name: str, user_id: int | None
) -> None:
    add_usage(engine)
    replies = service(engine).handle(RESIDENT, command(name, user_id))
    text = body(replies)
    assert "only for the directory's administrators" in text
    assert "112" in text
    assert "116 123" in text
    assert all(reply.photo_png is None for reply in replies)
    assert "Conversations" not in text


def test_authorisation_is_checked_on_every_call(engine: Engine) -> None:
    bot = service(engine, admin_telegram_ids=frozenset())
    with session_scope(engine) as session:
        grant_admin(session, GRANTED)
    assert "Usage statistics" in body(bot.handle(GRANTED, command("stats", GRANTED)))
    with session_scope(engine) as session:
        from directory.access import revoke_admin

        revoke_admin(session, GRANTED)
    assert "administrators" in body(bot.handle(GRANTED, command("stats", GRANTED)))


def test_coverage_sends_the_summary_and_the_map(seeded_engine: Engine) -> None:
    replies = service(seeded_engine).handle(ADMIN, command("coverage", ADMIN))
    assert len(replies) == 1
    reply = replies[0]
    assert reply.photo_png is not None
    assert reply.photo_png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", reply.photo_png[16:24]) == (1000, 1150)
    assert "Powiats without a local crisis centre" in reply.text
    assert "as of 2026-03-04" in reply.text
    assert len(reply.text) <= 1024


def test_admin_commands_leave_no_state_and_no_usage(engine: Engine) -> None:
    bot = service(engine)
    bot.handle(ADMIN, command("stats", ADMIN))
    bot.handle(RESIDENT, command("coverage", RESIDENT))
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(UsageEvent)) == 0
        assert session.scalar(select(func.count()).select_from(ConversationState)) == 0


def test_retention_run_deletes_old_usage(any_engine: Engine, database_url: str) -> None:
    with session_scope(any_engine) as session:
        session.add_all(
            UsageEvent(hour=hour, channel="telegram", language="pl", event="results")
            for hour in (NOW - timedelta(days=800), NOW - timedelta(days=10))
        )
    assert run_retention(settings(database_url), NOW) == 1
    with Session(any_engine) as session:
        assert session.scalar(select(func.count()).select_from(UsageEvent)) == 1


def test_retention_failure_is_reported_not_raised() -> None:
    broken = settings("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert run_retention(broken, NOW) == -1


async def test_the_telegram_application_schedules_a_daily_retention_job(
    engine: Engine, sqlite_url: str
) -> None:
    with session_scope(engine) as session:
        session.add(UsageEvent(hour=NOW - timedelta(days=3000), channel="t", event="results"))
    bot_settings = settings(sqlite_url, telegram_bot_token="1:TEST")
    application = build_application(
        bot_settings, ConversationService(bot_settings, engine, extensions=standard_extensions())
    )
    assert application.job_queue is not None
    jobs = application.job_queue.get_jobs_by_name(RETENTION_JOB_NAME)
    assert len(jobs) == 1
    assert schedule_retention(object(), bot_settings) is None
    # Run the scheduled callback itself, as the JobQueue would once a day.
    await jobs[0].run(application)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(UsageEvent)) == 0
