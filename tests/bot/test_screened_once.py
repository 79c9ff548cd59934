"""Each resident message is screened once and its language worked out once, whatever path the
turn takes (console → conversation service → dialogue); the result is passed on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

import bot.conversation
import bot.dialogue
import bot.screening
import directory.i18n
from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.events import Event, EventKind

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
CHAT = 4242


def counted(calls: Counter[str], name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    """`real`, counting its calls under `name`."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return real(*args, **kwargs)

    return wrapper


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Calls of the real `screen` and `language_for`, wherever the bot's modules call them."""
    tally: Counter[str] = Counter()
    screen = counted(tally, "screen", bot.screening.screen)
    language_for = counted(tally, "language_for", directory.i18n.language_for)
    for module in (bot.conversation, bot.dialogue, bot.screening):
        monkeypatch.setattr(module, "screen", screen)
    for module in (bot.conversation, bot.dialogue, directory.i18n):
        monkeypatch.setattr(module, "language_for", language_for)
    return tally


def say(text: str) -> Event:
    """A resident's text message from the console."""
    return Event(kind=EventKind.TEXT, text=text, language_code="pl", channel="console")


@pytest.mark.parametrize(
    "text",
    [
        "Pruszków",  # a place
        "mąż mnie bije, jestem w Pruszkowie",  # a crisis with a place
        "chcę się zabić",  # immediate danger
        "/допомога",  # a typed alias
    ],
)
def test_a_message_is_screened_once_and_its_language_worked_out_once(
    seeded_sqlite_url: str, calls: Counter[str], text: str
) -> None:
    service = ConversationService(
        Settings(state_secret="screened-once", database_url=seeded_sqlite_url),
        clock=lambda: NOW,
        extensions=standard_extensions(),
    )
    service.warm_up()
    calls.clear()
    first = service.handle(CHAT, say(text))
    first_calls = dict(calls)
    calls.clear()
    again = service.handle(CHAT, say(text))  # now the chat has a state, as most turns do
    service.close()
    assert first
    assert again
    assert first_calls == {"screen": 1, "language_for": 1}
    assert dict(calls) == {"screen": 1, "language_for": 1}


def test_a_danger_message_during_an_outage_is_screened_once_and_leads_with_112(
    calls: Counter[str],
) -> None:
    service = ConversationService(
        Settings(
            state_secret="screened-once",
            database_url="postgresql+psycopg://postgres@127.0.0.1:9/x",
        ),
        extensions=standard_extensions(),
    )
    service.warm_up()  # the place index and screening tables load; the database does not open
    calls.clear()
    replies = service.handle(CHAT, say("chcę się zabić"))
    service.close()
    assert "112" in replies[0].text.splitlines()[0]
    assert dict(calls) == {"screen": 1, "language_for": 1}
