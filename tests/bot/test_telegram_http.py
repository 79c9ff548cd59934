"""AiohttpRequest: PTB's Bot calls over aiohttp against the local Bot API server."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.telegram_http import AiohttpRequest, sum_or_none
from tests.botapi import fixtures
from tests.botapi.fixtures import PNG_1X1
from tests.botapi.server import BotAccount, BotApiServer, Fault

# The shared fixtures (pytest finds fixtures by module attribute).
server = fixtures.server
account = fixtures.account


@pytest.fixture
async def bot(server: BotApiServer, account: BotAccount) -> AsyncIterator[Bot]:
    """A PTB Bot whose calls go through AiohttpRequest."""
    request = AiohttpRequest(read_timeout=1, write_timeout=1, connect_timeout=1)
    async with Bot(
        account.token,
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        request=request,
        get_updates_request=AiohttpRequest(connection_pool_size=1),
    ) as opened:
        yield opened


async def test_a_message_with_buttons_arrives_as_sent(bot: Bot, account: BotAccount) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Zażółć", callback_data="cr:x")]])
    sent = await bot.send_message(7, "<b>gęślą</b> jaźń", parse_mode="HTML", reply_markup=keyboard)
    [message] = account.transcript(7)
    assert message.plain_text == "gęślą jaźń"
    assert message.callback_data == ["cr:x"]
    assert sent.message_id == message.message_id
    assert account.call_log[-1].method == "sendMessage"


async def test_a_photo_is_uploaded_as_multipart(bot: Bot, account: BotAccount) -> None:
    await bot.send_photo(8, PNG_1X1, caption="mapa")
    [message] = account.transcript(8)
    assert message.photo == PNG_1X1
    assert message.text == "mapa"


async def test_errors_keep_their_telegram_meaning(bot: Bot, account: BotAccount) -> None:
    account.inject_fault("sendMessage", Fault.too_many_requests(retry_after=3))
    with pytest.raises(RetryAfter):
        await bot.send_message(9, "a")
    with pytest.raises(BadRequest):
        await bot.send_message(9, "<b>unclosed", parse_mode="HTML")
    account.inject_fault("sendMessage", Fault.bad_gateway())
    with pytest.raises(NetworkError):
        await bot.send_message(9, "b")


async def test_a_hanging_call_times_out_within_its_limits(bot: Bot, account: BotAccount) -> None:
    account.inject_fault("sendMessage", Fault.hang(seconds=10))
    started = time.monotonic()
    with pytest.raises(TimedOut):
        await bot.send_message(10, "c")
    # read 1 s (+ connect and write, which bound the whole call): well before the 10 s hang.
    assert time.monotonic() - started < 4


async def test_a_refused_connection_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest(connect_timeout=1)
    await request.initialize()
    try:
        with pytest.raises(NetworkError):
            await request.post(f"http://127.0.0.1:{port}/botX/getMe")
    finally:
        await request.shutdown()


@pytest.mark.parametrize(
    ("environment", "url", "proxy"),
    [
        ({}, "https://api.telegram.org/botX/getMe", None),
        (
            {"https_proxy": "http://proxy:3128"},
            "https://api.telegram.org/botX/getMe",
            "http://proxy:3128",
        ),
        ({"https_proxy": "http://proxy:3128"}, "http://127.0.0.1:8081/botX/getMe", None),
        (
            {"http_proxy": "http://proxy:3128", "no_proxy": "127.0.0.1"},
            "http://127.0.0.1:8081/botX/getMe",
            None,
        ),
        (
            {"http_proxy": "http://proxy:3128"},
            "http://bots.example:8081/botX/getMe",
            "http://proxy:3128",
        ),
    ],
)
def test_the_proxy_comes_from_the_environment_as_for_httpx(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], url: str, proxy: str | None
) -> None:
    for name in ("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert AiohttpRequest()._proxy_for(url) == proxy


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [((1.0, 2.0, 3.0), 6.0), ((1.0, None), None), ((), 0.0), ((0.5,), 0.5)],
)
def test_timeouts_add_up_unless_one_is_unlimited(
    seconds: tuple[float | None, ...], expected: float | None
) -> None:
    assert sum_or_none(*seconds) == expected
