"""Whole conversations through python-telegram-bot over HTTP against the local Bot API server.

The real Application polls the server, the real ConversationService answers from the real
bundled directory on a fresh database, and the server checks every message the way Telegram
does (HTML, lengths, buttons). Nothing of ours is mocked.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest

from bot.state import StateStore
from tests.bot.conftest import STATE_SECRET, RunningBot, StartBot
from tests.botapi.server import BotAccount, SentMessage

pytestmark = pytest.mark.e2e

# The first place lookup warms up the gazetteer and morphology: allow for it.
REPLY_TIMEOUT = 15.0
INTERNATIONAL_PHONE = re.compile(r"\+48\d{9}")
KRAKOW = (50.0614, 19.9366)


async def say(telegram: BotAccount, chat_id: int, text: str, lang: str = "pl") -> list[SentMessage]:
    """A person writes `text`; returns every message the bot answers with."""
    telegram.send_text(chat_id, text, language_code=lang)
    return await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)


async def command(
    telegram: BotAccount, chat_id: int, name: str, lang: str = "pl", *, mention_bot: bool = False
) -> list[SentMessage]:
    """A person sends /name; returns the bot's answer."""
    telegram.send_command(chat_id, name, language_code=lang, mention_bot=mention_bot)
    return await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)


async def press(
    telegram: BotAccount,
    chat_id: int,
    data: str | None = None,
    *,
    label: str | None = None,
    lang: str = "pl",
) -> list[SentMessage]:
    """A person presses an inline button the bot sent; checks the spinner was stopped."""
    query_id = telegram.press_button(chat_id, data, label=label, language_code=lang)
    replies = await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)
    assert telegram.callback_answered(query_id)
    return replies


def text_of(messages: list[SentMessage]) -> str:
    """What the person reads, all messages together."""
    return "\n".join(message.plain_text for message in messages)


def data_of(messages: list[SentMessage]) -> list[str]:
    """The callback data of every inline button in `messages`."""
    return [data for message in messages for data in message.callback_data]


def assert_results_with_help(messages: list[SentMessage]) -> None:
    """Ranked results: 112, at least one line in international form, and the follow-up buttons."""
    text = text_of(messages)
    assert "112" in text
    assert INTERNATIONAL_PHONE.search(text), text
    assert {"chp", "cht"} <= set(data_of(messages))


def assert_every_send_accepted(telegram: BotAccount) -> None:
    """Telegram would have accepted every message: no 4xx from the strict server."""
    rejected = [
        (call.method, call.status)
        for call in telegram.call_log
        if call.method.startswith(("send", "edit")) and call.status != 200
    ]
    assert rejected == []


@pytest.mark.postgres
async def test_polish_conversation_reaches_results_with_112(
    start_bot: StartBot, telegram: BotAccount, seeded_database_url: str
) -> None:
    await start_bot(seeded_database_url)
    greeting = await command(telegram, 11, "start")
    assert "112" in text_of(greeting)
    # One message: the location request and the language switch share its keyboard.
    [message] = greeting
    assert message.requests_location
    assert [b["text"] for b in message.keyboard_buttons] == [
        "📍 Udostępnij moją lokalizację",
        "🌐 English",
        "🌐 Українська",
    ]

    place = await say(telegram, 11, "Pruszków")
    assert "Pruszków — powiat pruszkowski, mazowieckie" in text_of(place)
    assert "cr:violence" in data_of(place)

    results = await press(telegram, 11, "cr:violence")
    assert_results_with_help(results)
    assert_every_send_accepted(telegram)


async def test_the_language_key_on_the_first_reply_switches_to_english(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    await start_bot(sqlite_url)
    [greeting] = await command(telegram, 15, "start")
    [key] = [b["text"] for b in greeting.keyboard_buttons if b["text"] == "🌐 English"]
    [english] = await say(telegram, 15, key)
    assert "Where are you?" in english.plain_text
    assert [b["text"] for b in english.keyboard_buttons] == [
        "📍 Share my location",
        "🌐 Polski",
        "🌐 Українська",
    ]
    place = await say(telegram, 15, "Pruszków")
    assert "Place: Pruszków" in text_of(place)


async def test_english_conversation_reaches_results_with_112(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    await start_bot(sqlite_url)
    greeting = await command(telegram, 12, "start", "en")
    assert "Hello, I am Drogowskaz" in text_of(greeting)
    place = await say(telegram, 12, "Pruszkow", "en")
    assert "Place: Pruszków" in text_of(place)
    results = await press(telegram, 12, label="Thoughts of suicide", lang="en")
    assert_results_with_help(results)
    assert text_of(results).index("112") < text_of(results).index("+48")
    assert_every_send_accepted(telegram)


async def test_ambiguous_place_offers_readings_and_a_pressed_reading_leads_to_results(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    await start_bot(sqlite_url)
    await command(telegram, 13, "start")
    readings = await say(telegram, 13, "Nowa Wieś")
    reading_data = [data for data in data_of(readings) if data.startswith("pl:")]
    assert len(reading_data) > 1
    # Each reading names its powiat, so the person can tell them apart.
    assert all("powiat" in button["text"] for m in readings for button in m.inline_buttons)

    confirmed = await press(telegram, 13, reading_data[0])
    assert "Nowa Wieś" in text_of(confirmed)
    results = await press(telegram, 13, "cr:mental")
    assert_results_with_help(results)
    assert_every_send_accepted(telegram)


async def test_shared_location_is_named_and_leads_to_results(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    await start_bot(sqlite_url)
    greeting = await command(telegram, 14, "start")
    assert any(message.requests_location for message in greeting)
    telegram.send_location(14, *KRAKOW)
    place = await telegram.wait_for_reply(14, timeout=REPLY_TIMEOUT)
    assert "Kraków" in text_of(place)
    results = await press(telegram, 14, "cr:bereavement")
    assert_results_with_help(results)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("chcę się zabić", "pl"), ("chce sie zabic", "pl"), ("I took too many pills", "en")],
)
async def test_immediate_danger_as_the_very_first_message_is_answered_with_112_first(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str, text: str, lang: str
) -> None:
    await start_bot(sqlite_url)
    first = await say(telegram, 15, text, lang)
    assert "112" in first[0].plain_text.splitlines()[0]
    assert INTERNATIONAL_PHONE.search(first[0].plain_text) or "116 123" in first[0].plain_text


async def test_sos_with_the_bot_mentioned_lists_112_and_the_national_lines(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    await start_bot(sqlite_url)
    sos = await command(telegram, 16, "sos", mention_bot=True)
    assert "112" in sos[0].plain_text.splitlines()[0]
    assert "116 123" in text_of(sos)


async def test_forget_erases_the_stored_conversation_and_says_so(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    running = await start_bot(sqlite_url)
    await command(telegram, 17, "start")
    await say(telegram, 17, "Pruszków")
    store = StateStore(running.service._get_engine(), STATE_SECRET, timedelta(hours=24))
    assert store.load(17) is not None

    forgotten = await command(telegram, 17, "forget")
    assert "/start" in text_of(forgotten)
    assert "112" in text_of(forgotten)
    assert store.load(17) is None
    # The crisis buttons from before no longer lead anywhere stale: the bot asks again.
    after = await press(telegram, 17, "cr:violence")
    assert "112" in text_of(after)


@pytest.mark.postgres
async def test_restart_mid_conversation_continues_where_it_stopped(
    start_bot: StartBot, telegram: BotAccount, seeded_database_url: str
) -> None:
    first: RunningBot = await start_bot(seeded_database_url)
    await command(telegram, 18, "start")
    await say(telegram, 18, "Pruszków")
    await first.stop()

    await start_bot(seeded_database_url)
    # The crisis buttons were sent by the first process; the second one answers the press.
    results = await press(telegram, 18, "cr:child")
    assert_results_with_help(results)
    assert "Pruszk" in text_of(results) or "pruszkow" in text_of(results).lower()


async def test_five_thousand_random_characters_get_a_reply_and_nothing_breaks(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    await start_bot(sqlite_url)
    rng = random.Random(5000)
    alphabet = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż <>&\"'/\\\n\t;:{}[]0123456789😀🆘\u200b\u202e"
    noise = "".join(rng.choice(alphabet) for _ in range(5000))
    replies = await say(telegram, 19, noise)
    assert replies
    assert all(len(message.plain_text) <= 4096 for message in replies)
    sos = await command(telegram, 19, "sos")
    assert "112" in text_of(sos)
    assert_every_send_accepted(telegram)


async def test_group_message_gets_one_polite_note_and_is_never_processed(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    running = await start_bot(sqlite_url)
    telegram.send_group_text(-100_555, "jestem w Pruszkowie, mąż mnie bije")
    (note,) = await telegram.wait_for_reply(-100_555, timeout=REPLY_TIMEOUT)
    assert "prywatnej rozmowie" in note.plain_text
    assert "112" in note.plain_text
    assert "116 123" in note.plain_text  # closed like every answer (issue 11, finding 4)
    assert note.reply_markup is None
    await telegram.wait_until_confirmed()
    assert telegram.chats_with_messages() == [-100_555]
    store = StateStore(running.service._get_engine(), STATE_SECRET, timedelta(hours=24))
    assert store.load(-100_555) is None


async def test_command_menu_is_published_in_polish_and_english_at_start(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    await start_bot(sqlite_url)
    polish = telegram.commands[("default", "pl")]
    english = telegram.commands[("default", "")]
    names = ["start", "sos", "help", "lang", "forget"]
    assert [c["command"] for c in polish][:5] == names
    assert [c["command"] for c in english][:5] == names
    assert polish[0]["description"] != english[0]["description"]


async def test_two_chats_keep_separate_conversations(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    await start_bot(sqlite_url)
    telegram.send_text(21, "Pruszków", language_code="pl")
    telegram.send_location(22, *KRAKOW, language_code="en")
    first = await telegram.wait_for_reply(21, timeout=REPLY_TIMEOUT)
    second = await telegram.wait_for_reply(22, timeout=REPLY_TIMEOUT)
    assert "Pruszków" in text_of(first)
    assert "Kraków" in text_of(second)
    assert "Pruszków" not in text_of(second)
