"""A danger message typed mid-conversation leads with 112 on the first line, end to end: the real
python-telegram-bot Application over HTTP against the local Bot API server, the real
ConversationService and the bundled directory on SQLite. Nothing of ours is mocked."""

from __future__ import annotations

import pytest

from tests.bot.conftest import StartBot
from tests.bot.test_telegram_e2e import (
    assert_every_send_accepted,
    command,
    data_of,
    press,
    say,
    text_of,
)
from tests.botapi.server import BotAccount

pytestmark = pytest.mark.e2e


def first_line(messages: list) -> str:  # type: ignore[type-arg]
    """The first line the person reads of the bot's answer."""
    return text_of(messages).splitlines()[0]


async def test_danger_typed_in_answer_to_where_are_you_leads_with_112(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    await start_bot(seeded_sqlite_url)
    greeting = await command(telegram, 41, "start")
    assert "Gdzie jesteś?" in text_of(greeting)
    # Not a place: indirect, without Polish letters.
    replies = await say(telegram, 41, "juz mnie tu nie bedzie jutro")
    assert first_line(replies).startswith("🆘")
    assert "112" in first_line(replies)
    # Then it still asks where, so local help can follow.
    assert "Gdzie jesteś?" in text_of(replies)
    assert_every_send_accepted(telegram)


async def test_danger_typed_after_a_referral_leads_with_112_in_ukrainian(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    await start_bot(seeded_sqlite_url)
    await say(telegram, 42, "Pruszków")
    results = await press(telegram, 42, "cr:mental")
    assert "112" in text_of(results)
    replies = await say(telegram, 42, "він мене вб'є", lang="uk")
    assert first_line(replies).startswith("🆘")
    assert "112" in first_line(replies)
    # The referral goes on: the violence line follows 112, and the results' buttons come back.
    assert "+48800120002" in text_of(replies)
    assert "cht" in data_of(replies)
    assert_every_send_accepted(telegram)


async def test_danger_typed_in_the_responders_view_leads_with_112(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    await start_bot(seeded_sqlite_url)
    await command(telegram, 43, "sluzby")
    replies = await say(telegram, 43, "he is not breathing", lang="en")
    assert first_line(replies).startswith("🆘")
    assert "112" in first_line(replies)
    assert_every_send_accepted(telegram)
