"""Done-when of issue 17, end to end: the real PTB application over HTTP against the local Bot
API server. An administrator verifies a psychiatric admission room with /verify and its button;
a resident of that powiat asking at night about a mental-health crisis then sees 112 first and
that room right after it, with its "checked on" date."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from directory.db import open_database, session_scope
from directory.models import Service
from tests.bot.conftest import RunningBot, settings_for, start_application
from tests.botapi.server import BotAccount, BotApiServer, SentMessage

pytestmark = pytest.mark.e2e

REPLY_TIMEOUT = 20.0
ADMIN = 62_000_001
RESIDENT = 62_000_002
# 02:30 on a Thursday night in Warsaw: only round-the-clock help is open.
NIGHT = datetime(2026, 3, 5, 2, 30, tzinfo=ZoneInfo("Europe/Warsaw"))


def text_of(messages: list[SentMessage]) -> str:
    return "\n".join(message.plain_text for message in messages)


@pytest.fixture
async def night_bot(
    botapi: BotApiServer, telegram: BotAccount, seeded_database_url: str
) -> RunningBot:
    """The bot at night, with one configured administrator."""
    settings: Settings = replace(
        settings_for(botapi, telegram, seeded_database_url), admin_telegram_ids=frozenset({ADMIN})
    )
    service = ConversationService(
        settings,
        engine=open_database(seeded_database_url),
        clock=lambda: NIGHT,
        extensions=standard_extensions(),
    )
    running = await start_application(settings, service)
    yield running  # type: ignore[misc]
    await running.stop()


async def press(telegram: BotAccount, chat_id: int, data: str, lang: str) -> list[SentMessage]:
    query_id = telegram.press_button(chat_id, data, language_code=lang)
    replies = await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)
    assert telegram.callback_answered(query_id)
    return replies


async def test_an_administrator_verifies_an_admission_room_and_a_resident_sees_it_after_112(
    night_bot: RunningBot, telegram: BotAccount
) -> None:
    # Before: residents of powiat lubliniecki do not see the room (it waits in the queue).
    telegram.send_text(RESIDENT, "Lubliniec", language_code="en")
    await telegram.wait_for_reply(RESIDENT, timeout=REPLY_TIMEOUT)
    before = await press(telegram, RESIDENT, "cr:mental", "en")
    assert "Izba Przyjęć" not in text_of(before)

    telegram.send_command(ADMIN, "verify", "P032", language_code="en")
    shown = await telegram.wait_for_reply(ADMIN, timeout=REPLY_TIMEOUT)
    card = text_of(shown)
    assert "Izba Przyjęć – Wojewódzki Szpital Neuropsychiatryczny (WSN) w Lublińcu [P032]" in card
    assert "https://wsnlc.pl/oddzialy/izba-przyjec/" in card
    assert "Verifying it gives its first local option to: powiat lubliniecki, śląskie" in card
    assert "vf:ok:P032" in shown[-1].callback_data
    verified = await press(telegram, ADMIN, "vf:ok:P032", "en")
    assert "Verified. Residents now see:" in text_of(verified)
    assert "checked on Mar 5, 2026" in text_of(verified)
    with session_scope(night_bot.engine) as session:
        stored = session.get(Service, "P032")
        assert stored is not None
        assert (stored.status, stored.verified_by) == ("active", "administrator")

    telegram.send_command(RESIDENT, "start", language_code="en")
    await telegram.wait_for_reply(RESIDENT, timeout=REPLY_TIMEOUT)
    telegram.send_text(RESIDENT, "Lubliniec", language_code="en")
    await telegram.wait_for_reply(RESIDENT, timeout=REPLY_TIMEOUT)
    results = await press(telegram, RESIDENT, "cr:mental", "en")
    text = text_of(results)
    blocks = results[-1].plain_text.split("\n\n")
    # The list: its header, then 112, then the room with its "checked on" date.
    assert blocks[1].startswith("European emergency number 112\n☎ 112")
    assert blocks[2].startswith("Izba Przyjęć – Wojewódzki Szpital Neuropsychiatryczny (WSN)")
    assert "open 24/7" in blocks[2]
    assert "+48343532856" in blocks[2]
    assert blocks[2].endswith("checked on Mar 5, 2026")
    assert text.index("112") < text.index("Izba Przyjęć")
    rejected = [c for c in telegram.call_log if c.method.startswith("send") and c.status != 200]
    assert rejected == []
