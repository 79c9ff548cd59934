"""Issue 13's first messages and issue 14's places and Ukrainian referral through
python-telegram-bot over HTTP against the local Bot API server: the real Application, the real
ConversationService and the bundled directory; nothing mocked."""

from __future__ import annotations

import pytest

from tests.bot.conftest import StartBot
from tests.bot.test_telegram_e2e import (
    assert_every_send_accepted,
    data_of,
    press,
    say,
    text_of,
)
from tests.botapi.server import BotAccount, SentMessage

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


OSTROW_MESSAGE = "mieszkam w Ostrowie, mam 15 lat i rodzice na mnie krzyczą, nie mam już siły"


def readings(replies: list[SentMessage]) -> list[str]:
    return [data for data in data_of(replies) if data.startswith("pl:")]


async def test_a_teenager_in_ostrow_is_asked_which_ostrow_and_nie_w_ostrowie_asks_again(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    """Issue 13 finding 1: the towns called Ostrów, never the village Siła, and no dead end."""
    await start_bot(seeded_sqlite_url)
    first = await say(telegram, 41, OSTROW_MESSAGE)
    assert readings(first)[:3] == ["pl:0:0608", "pl:1:1416", "pl:2:3017"]
    assert "Siła" not in text_of(first)
    again = await say(telegram, 41, "nie, w Ostrowie")
    assert readings(again)[:3] == ["pl:0:0608", "pl:1:1416", "pl:2:3017"]
    assert "Nie znalazłem" not in text_of(again)
    chosen = await press(telegram, 41, "pl:1:1416")
    assert "Ostrów Mazowiecka" in text_of(chosen)
    # Finding 4: the crisis words around the place were kept, so the topic is not asked again.
    assert "(Dziecko lub nastolatek)" in text_of(chosen)
    assert_every_send_accepted(telegram)


async def test_panic_attacks_are_mental_health_not_violence(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    """Issue 13 finding 4: "panic attacks" was read as violence."""
    await start_bot(seeded_sqlite_url)
    replies = await say(telegram, 43, "I'm in Wroclaw and I have panic attacks", lang="pl")
    said = text_of(replies)
    assert "Place: Wrocław" in said
    assert "(Mental health, anxiety)" in said
    assert "(Violence or abuse)" not in said
    assert_every_send_accepted(telegram)


async def test_a_rural_gmina_named_like_a_city_is_its_powiat_and_the_bare_name_asks(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    """Issue 13 finding 2: "gmina Chełm" is powiat chełmski; "Chełm" alone asks which."""
    await start_bot(seeded_sqlite_url)
    gmina = await say(telegram, 42, "mieszkam w gminie Chełm")
    assert "powiat chełmski" in text_of(gmina)
    assert "pl:0:0662" not in data_of(gmina)
    bare = await say(telegram, 43, "Chełm")
    assert readings(bare) == ["pl:0:0662", "pl:1:0603"]
    assert_every_send_accepted(telegram)


async def test_near_a_city_asks_the_city_or_the_land_powiat_around_it(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    """Issue 14 item 4: "pod Krakowem" offers Kraków and powiat krakowski."""
    await start_bot(seeded_sqlite_url)
    asked = await say(telegram, 44, "pod Krakowem")
    assert readings(asked) == ["pl:0:1261", "pl:1:1206"]
    chosen = await press(telegram, 44, "pl:1:1206")
    assert "powiat krakowski" in text_of(chosen)
    assert_every_send_accepted(telegram)


async def test_a_ukrainian_speaker_in_wroclaw_gets_a_ukrainian_referral_with_112_first(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    """Issue 14: Wrocław from a Ukrainian sentence, answered in Ukrainian; the referral starts
    with 112 and names the line that answers in Ukrainian."""
    await start_bot(seeded_sqlite_url)
    placed = await say(telegram, 45, "я у Вроцлаві, мені дуже погано", lang="uk")
    said = text_of(placed)
    assert "Місце: Wrocław" in said
    assert "lang:pl" in data_of(placed)
    results = await press(telegram, 45, "cr:violence", lang="uk")
    listed = text_of(results)
    lines = [line for line in listed.splitlines() if line.strip()]
    # The place, the header, then the first option: 112.
    first_option = next(i for i, line in enumerate(lines) if line.startswith("☎"))
    assert lines[first_option] == "☎ 112"
    assert "відповідають українською" in listed
    assert listed.index("☎ 112") < listed.index("відповідають українською")
    assert "контакт" in listed
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


async def test_one_order_and_only_lines_that_fit_over_telegram(
    start_bot: StartBot, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    """Issue 13 findings 5 and 6 as Telegram shows them: 112 itself on Ursynów's first page, no
    designer-drugs line for a husband who drinks, no missing-child line for a teenager."""
    await start_bot(seeded_sqlite_url)
    await say(telegram, 44, "mieszkam na Ursynowie")
    listed = await press(telegram, 44, "cr:mental")
    assert "Europejski numer alarmowy 112" in text_of(listed)

    drinking = await say(telegram, 45, "jestem w Warszawie, mąż pije od miesiąca")
    if "cr:addiction" in data_of(drinking):
        drinking = await press(telegram, 45, "cr:addiction")
    numbers = text_of(drinking).replace(" ", "")
    assert "800199990" in numbers
    assert "800060800" not in numbers

    shouted = await say(telegram, 46, "mam 15 lat, Warszawa, rodzice ciągle na mnie krzyczą")
    if "cr:child" in data_of(shouted):
        shouted = await press(telegram, 46, "cr:child")
    said = text_of(shouted)
    assert "116 111" in said
    assert "116000" not in said.replace(" ", "")
    assert_every_send_accepted(telegram)
