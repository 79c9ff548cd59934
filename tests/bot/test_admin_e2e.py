"""/stats and /coverage end to end: the real PTB application over HTTP against the local Bot API
server, with an administrator from ADMIN_TELEGRAM_IDS and a resident who is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from directory.db import open_database, session_scope
from directory.models import UsageEvent
from tests.bot.conftest import RunningBot, settings_for, start_application
from tests.botapi.server import BotAccount, BotApiServer, SentMessage, png_size

pytestmark = pytest.mark.e2e

REPLY_TIMEOUT = 20.0
ADMIN = 61_000_001
RESIDENT = 61_000_002


def text_of(messages: list[SentMessage]) -> str:
    return "\n".join(message.plain_text for message in messages)


async def send(
    telegram: BotAccount, chat_id: int, name: str, lang: str = "en"
) -> list[SentMessage]:
    telegram.send_command(chat_id, name, language_code=lang)
    return await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)


@pytest.fixture
async def admin_bot(
    botapi: BotApiServer, telegram: BotAccount, seeded_database_url: str
) -> RunningBot:
    """The bot with one configured administrator and a day of usage in the database."""
    engine = open_database(seeded_database_url)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with session_scope(engine) as session:
        session.add(
            UsageEvent(hour=yesterday, channel="telegram", language="pl", event="results",
                       powiat="1421", crisis="violence", count=8)
        )  # fmt: skip
    engine.dispose()
    settings: Settings = replace(
        settings_for(botapi, telegram, seeded_database_url), admin_telegram_ids=frozenset({ADMIN})
    )
    running = await start_application(settings)
    yield running  # type: ignore[misc]
    await running.stop()


async def test_an_administrator_gets_stats_and_the_coverage_map(
    admin_bot: RunningBot, telegram: BotAccount
) -> None:
    stats = await send(telegram, ADMIN, "stats")
    text = text_of(stats)
    assert "Last 7 days" in text
    assert "Last 30 days" in text
    assert "Conversations: 8" in text
    # All eight were about violence: with the other types hidden as "<5" (they are 0), showing
    # 8 next to the total would tell those are 0, so it is hidden as well.
    assert "Violence: *" in text
    assert "Suicidal thoughts: <5" in text

    coverage = await send(telegram, ADMIN, "coverage")
    photos = [message for message in coverage if message.photo is not None]
    assert len(photos) == 1
    photo = photos[0].photo
    assert photo is not None
    assert png_size(photo) == (1000, 1150)
    assert "Powiats without a local crisis centre" in photos[0].plain_text
    rejected = [c for c in telegram.call_log if c.method.startswith("send") and c.status != 200]
    assert rejected == []


async def test_a_resident_is_refused_politely_over_telegram(
    admin_bot: RunningBot, telegram: BotAccount
) -> None:
    for name in ("stats", "coverage"):
        refused = await send(telegram, RESIDENT, name, "pl")
        text = text_of(refused)
        assert "112" in text
        assert all(message.photo is None for message in refused)
        assert "administrator" in text
        assert "Conversations" not in text
        assert "Rozmowy" not in text
    assert telegram.calls["sendPhoto"] == 0
