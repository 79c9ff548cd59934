"""Issue 13's first messages through python-telegram-bot over HTTP against the local Bot API server:
the real Application, the real ConversationService and the bundled directory; nothing mocked."""

from __future__ import annotations

import pytest

from tests.bot.conftest import StartBot
from tests.bot.test_telegram_e2e import assert_every_send_accepted, data_of, press, say, text_of
from tests.botapi.server import BotAccount

pytestmark = pytest.mark.e2e


async def test_an_english_first_message_is_answered_in_english_with_the_switch_to_polish(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    await start_bot(seeded_sqlite_url)
    # Telegram says the app is in Polish; the message itself is English, and that wins.
    replies = await say(telegram, 31, "I want to kill myself, I'm in Gdansk", lang="pl")
    said = text_of(replies)
    assert said.splitlines()[0].startswith("🆘")
    assert "112" in said.splitlines()[0]
    assert "Place: Gdańsk" in said
    assert "Miejsce" not in said
    assert "lang:pl" in data_of(replies)
    # A bare place name afterwards keeps the conversation in English.
    again = await say(telegram, 31, "Wroclaw", lang="pl")
    assert "Place: Wrocław" in text_of(again)
    assert_every_send_accepted(telegram)


async def test_no_dead_ends_over_telegram_help_refusal_postcode_and_feedback(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    await start_bot(seeded_sqlite_url)
    chat = 32
    helped = await say(telegram, chat, "pomocy")
    assert "116 123" in text_of(helped)
    assert "Co się dzieje?" in text_of(helped)
    assert "cr:violence" in data_of(helped)
    refused = await say(telegram, chat, "nie powiem gdzie jestem")
    assert "nie musisz mówić, gdzie jesteś" in text_of(refused)
    national = await press(telegram, chat, "cr:violence")
    said = text_of(national)
    assert "Telefony dla całej Polski" in said
    assert "+48800120002" in said
    assert "112" in said
    postcode = await say(telegram, chat, "00-950")
    assert "Nie umiem jeszcze odczytać kodu pocztowego" in text_of(postcode)
    assert "116 123" in text_of(postcode)
    await say(telegram, chat, "Pruszków")
    await press(telegram, chat, "cr:violence")
    after = await press(telegram, chat, "hf:0")
    assert {"cht", "chp", "sos"} <= set(data_of(after))
    assert "116 123" in text_of(after)
    assert_every_send_accepted(telegram)
