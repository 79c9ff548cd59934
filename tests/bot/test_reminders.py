"""Staff reminders: who is due, the message, its one-tap button, at most weekly, the daily job."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.reminders import JOB_NAME, due_reminders, reminder_reply, send_reminders, stale_reminders
from directory.db import session_scope
from directory.models import Service
from tests.bot.conftest import STATE_SECRET, StartBot
from tests.botapi.server import BotAccount
from tests.conftest import link_staff

TODAY = date(2026, 3, 4)
NOW = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)
STAFF = 620_001


def verify(engine: Engine, service_id: str, day: date | None, status: str | None = None) -> None:
    with session_scope(engine) as session:
        service = session.get(Service, service_id)
        assert service is not None
        service.verified_on = day
        if status:
            service.status = status


@pytest.mark.parametrize(
    ("verified_days_ago", "status", "revoked", "reminded"),
    [
        (None, "active", False, True),
        (91, "active", False, True),
        (90, "active", False, True),
        (89, "active", False, False),
        (0, "active", False, False),
        (None, "temporarily_closed", False, True),
        (None, "unverified", False, True),
        (None, "defunct", False, False),
        (None, "active", True, False),
    ],
)
def test_staff_are_reminded_only_of_entries_unverified_for_ninety_days(
    engine: Engine, verified_days_ago: int | None, status: str, revoked: bool, reminded: bool
) -> None:
    day = None if verified_days_ago is None else TODAY - timedelta(days=verified_days_ago)
    verify(engine, "B01", day, status)
    link_staff(engine, STAFF, "B01", revoked=revoked)
    with session_scope(engine) as session:
        found = stale_reminders(session, TODAY, 90)
    assert bool(found) is reminded
    if reminded:
        assert found[0].telegram_user_id == STAFF
        assert [entry.service_id for entry in found[0].entries] == ["B01"]


def test_a_person_is_reminded_at_most_once_a_week(engine: Engine) -> None:
    link_staff(engine, STAFF, "B01")
    settings = Settings(state_secret=STATE_SECRET)
    assert len(due_reminders(engine, settings, NOW)) == 1
    assert due_reminders(engine, settings, NOW + timedelta(days=6)) == []
    assert len(due_reminders(engine, settings, NOW + timedelta(days=7, minutes=1))) == 1


@pytest.mark.parametrize(
    ("lang", "question", "button"),
    [
        ("pl", "Czy Twój wpis w Drogowskazie jest nadal aktualny?", "Nadal aktualne"),
        ("en", "Is your entry in Drogowskaz still correct?", "Still correct"),
    ],
)
def test_the_reminder_asks_in_plain_words_with_a_one_tap_button(
    engine: Engine, lang: str, question: str, button: str
) -> None:
    link_staff(engine, STAFF, "B01")
    with session_scope(engine) as session:
        (reminder,) = stale_reminders(session, TODAY, 90)
    reply = reminder_reply(reminder, lang)
    assert question in reply.text
    assert "Ośrodek Interwencji Kryzysowej w Krakowie" in reply.text
    assert [(b.label, b.data) for row in reply.buttons for b in row] == [
        ("✅ " + button, "st:co:B01")
    ]


@pytest.mark.e2e
async def test_reminder_is_delivered_and_one_tap_confirms_the_entry(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    bot = await start_bot(sqlite_url)
    assert bot.application.job_queue is not None
    assert [job.name for job in bot.application.job_queue.get_jobs_by_name(JOB_NAME)] == [JOB_NAME]
    link_staff(bot.engine, STAFF, "B01")
    assert await send_reminders(bot.application, bot.engine, bot.settings) == 1
    message = (await telegram.wait_for_reply(STAFF, timeout=10.0))[0]
    assert "st:co:B01" in message.callback_data
    query_id = telegram.press_button(STAFF, "st:co:B01", language_code="en")
    confirmed = await telegram.wait_for_reply(STAFF, timeout=10.0)
    assert telegram.callback_answered(query_id)
    assert "Recorded as verified today" in confirmed[0].plain_text
    with session_scope(bot.engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert service.verified_by == "centre"
    # Verified now, and reminded this week: nothing more to send.
    assert await send_reminders(bot.application, bot.engine, bot.settings) == 0
