"""The local Bot API server behaves like Telegram for the calls PTB makes, faults included."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, Conflict, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from tests.botapi import fixtures
from tests.botapi.fixtures import PNG_1X1
from tests.botapi.server import BotAccount, BotApiServer, Fault, parse_telegram_html

# The shared fixtures (pytest finds fixtures by module attribute).
server = fixtures.server
account = fixtures.account


@pytest.fixture
async def bot(server: BotApiServer, account: BotAccount) -> AsyncIterator[Bot]:
    """A real PTB Bot pointed at the server."""
    request = HTTPXRequest(read_timeout=2, connect_timeout=2)
    async with Bot(
        account.token,
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        request=request,
        get_updates_request=HTTPXRequest(read_timeout=5),
    ) as started:
        yield started


async def test_get_me_names_the_bot(bot: Bot, account: BotAccount) -> None:
    me = await bot.get_me()
    assert me.username == account.username
    assert me.is_bot


async def test_unknown_token_is_unauthorised(server: BotApiServer) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{server.base_url}999:nope/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_injected_text_arrives_through_get_updates_and_offset_confirms_it(
    bot: Bot, account: BotAccount
) -> None:
    first = account.send_text(5, "cześć", language_code="pl")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first]
    assert updates[0].effective_message is not None
    assert updates[0].effective_message.text == "cześć"
    assert updates[0].effective_user is not None
    assert updates[0].effective_user.language_code == "pl"
    assert account.pending_update_count() == 1
    assert await bot.get_updates(offset=first + 1, timeout=0) == ()
    assert account.pending_update_count() == 0


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    bot: Bot, account: BotAccount
) -> None:
    async def inject_later() -> None:
        await asyncio.sleep(0.2)
        account.send_text(5, "hej")

    started = time.monotonic()
    task = asyncio.create_task(inject_later())
    updates = await bot.get_updates(timeout=3)
    await task
    assert len(updates) == 1
    assert 0.15 < time.monotonic() - started < 1.5


async def test_long_poll_with_nothing_to_deliver_waits_the_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=0.3) == ()
    assert time.monotonic() - started >= 0.28


async def test_a_second_poller_terminates_the_first_with_conflict(
    bot: Bot, account: BotAccount
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=2))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(bot.get_updates(timeout=0.2))
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first
    assert await second == ()


async def test_allowed_updates_filter_out_other_kinds(bot: Bot, account: BotAccount) -> None:
    account.send_text(5, "tekst")
    account.send_group_text(-100, "w grupie", chat_type="channel")
    updates = await bot.get_updates(timeout=0, allowed_updates=["channel_post"])
    assert [u.channel_post is not None for u in updates] == [True]


async def test_command_carries_a_bot_command_entity(bot: Bot, account: BotAccount) -> None:
    account.send_command(5, "start", "abc", mention_bot=True)
    (update,) = await bot.get_updates(timeout=0)
    message = update.effective_message
    assert message is not None
    assert message.text == f"/start@{account.username} abc"
    assert message.parse_entities(["bot_command"]).popitem()[1] == f"/start@{account.username}"


async def test_location_and_group_messages_are_delivered_with_their_chat(
    bot: Bot, account: BotAccount
) -> None:
    account.send_location(5, 52.16, 20.8)
    account.send_group_text(-4321, "hej")
    location_update, group_update = await bot.get_updates(timeout=0)
    assert location_update.effective_message is not None
    assert location_update.effective_message.location is not None
    assert location_update.effective_message.location.latitude == pytest.approx(52.16)
    assert group_update.effective_chat is not None
    assert group_update.effective_chat.type == "group"


async def test_sent_message_lands_in_the_chat_transcript(bot: Bot, account: BotAccount) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Tak", callback_data="yes")]])
    sent = await bot.send_message(
        7,
        '<b>Zadzwoń</b> na 112 &amp; <a href="tel:+48112">112</a>',
        parse_mode="HTML",
        reply_markup=keyboard,
    )
    assert sent.text == "Zadzwoń na 112 & 112"
    (message,) = await account.wait_for_messages(7, 1, timeout=1)
    assert message.plain_text == "Zadzwoń na 112 & 112"
    assert message.callback_data == ["yes"]


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<p>akapit</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>pogrubione", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ('<a href="javascript:alert(1)">x</a>', "Wrong HTTP URL"),
        ('<span style="color:red">x</span>', 'must have class "tg-spoiler"'),
    ],
)
def test_malformed_html_is_rejected_as_telegram_does(html: str, error: str) -> None:
    with pytest.raises(Exception, match="can't parse entities") as raised:
        parse_telegram_html(html)
    assert error in str(raised.value)


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<b>a</b> <i>b</i> <code>c</code>", "a b c"),
        ("&lt;tag&gt; &quot;q&quot; &#261;", '<tag> "q" ą'),
        ("AT&T", "AT&T"),
        ('<a href="https://example.org/?a=1&amp;b=2">link</a>', "link"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
    ],
)
def test_well_formed_html_yields_its_plain_text(html: str, plain: str) -> None:
    assert parse_telegram_html(html) == plain


async def test_text_over_4096_characters_is_rejected(bot: Bot, account: BotAccount) -> None:
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(7, "x" * 4097)
    await bot.send_message(7, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert len(account.transcript(7)) == 1


async def test_empty_text_is_rejected(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(7, "<b> </b>", parse_mode="HTML")


@pytest.mark.parametrize(
    ("button", "error"),
    [
        (InlineKeyboardButton("x", callback_data="d" * 65), "Button_data_invalid"),
        (InlineKeyboardButton("x", url="tel:+48112"), "Button_url_invalid"),
    ],
)
async def test_invalid_inline_buttons_are_rejected(
    bot: Bot, button: InlineKeyboardButton, error: str
) -> None:
    with pytest.raises(BadRequest, match=error):
        await bot.send_message(7, "x", reply_markup=InlineKeyboardMarkup([[button]]))


async def test_location_keyboard_is_recorded(bot: Bot, account: BotAccount) -> None:
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("Udostępnij", request_location=True)]], one_time_keyboard=True
    )
    await bot.send_message(7, "Gdzie jesteś?", reply_markup=keyboard)
    assert account.transcript(7)[0].requests_location


async def test_pressing_a_sent_button_delivers_its_callback_and_answer_is_recorded(
    bot: Bot, account: BotAccount
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Przemoc", callback_data="c:v")]])
    await bot.send_message(7, "Co się dzieje?", reply_markup=keyboard)
    query_id = account.press_button(7, label="przemoc")
    (update,) = await bot.get_updates(timeout=0)
    assert update.callback_query is not None
    assert update.callback_query.data == "c:v"
    assert update.callback_query.message is not None
    assert update.callback_query.message.chat.id == 7
    assert not account.callback_answered(query_id)
    await update.callback_query.answer()
    assert account.callback_answered(query_id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)


def test_pressing_a_button_never_sent_is_a_test_error(account: BotAccount) -> None:
    with pytest.raises(LookupError):
        account.press_button(7, "nothing")


async def test_edit_changes_the_message_and_refuses_a_no_op(bot: Bot, account: BotAccount) -> None:
    sent = await bot.send_message(7, "pierwsza")
    await bot.edit_message_text("druga", chat_id=7, message_id=sent.message_id)
    assert account.transcript(7)[0].plain_text == "druga"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("druga", chat_id=7, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=7, message_id=999)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="a")]])
    await bot.edit_message_reply_markup(7, sent.message_id, reply_markup=keyboard)
    assert account.transcript(7)[0].callback_data == ["a"]


async def test_photo_upload_is_kept_in_the_transcript(bot: Bot, account: BotAccount) -> None:
    sent = await bot.send_photo(7, PNG_1X1, caption="<i>mapa</i>", parse_mode="HTML")
    assert sent.photo[0].width == 1
    assert sent.caption == "mapa"
    assert account.transcript(7)[0].photo == PNG_1X1


async def test_commands_are_kept_per_language(bot: Bot, account: BotAccount) -> None:
    await bot.set_my_commands([BotCommand("sos", "Pomoc teraz")], language_code="pl")
    await bot.set_my_commands([BotCommand("sos", "Help now")])
    assert [c.description for c in await bot.get_my_commands(language_code="pl")] == ["Pomoc teraz"]
    assert [c.description for c in await bot.get_my_commands()] == ["Help now"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_chat_action_webhook_info_and_close_are_answered(
    bot: Bot, account: BotAccount
) -> None:
    assert await bot.send_chat_action(7, "typing")
    assert account.chat_actions == [(7, "typing")]
    assert await bot.delete_webhook()
    info = await bot.get_webhook_info()
    assert info.url == ""
    assert await bot.close()


async def test_get_updates_conflicts_while_a_webhook_is_set(bot: Bot) -> None:
    assert await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="s3cret")
    assert (await bot.get_webhook_info()).url == "http://127.0.0.1:9/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()


@contextlib.contextmanager
def webhook_receiver(statuses: list[int]) -> Iterator[tuple[str, list[tuple[str | None, int]]]]:
    """A real HTTP endpoint answering deliveries with `statuses` in turn (then 200)."""
    received: list[tuple[str | None, int]] = []

    async def hook(request: Request) -> Response:
        body = await request.json()
        received.append((request.headers.get("x-telegram-bot-api-secret-token"), body["update_id"]))
        return Response(status_code=statuses.pop(0) if statuses else 200)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    # Listening before uvicorn starts: a delivery that comes first waits in the backlog
    # instead of being refused (which the server would record as a failed delivery).
    sock.listen(16)
    app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    receiver = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=receiver.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/hook", received
    finally:
        receiver.should_exit = True
        thread.join(5)


async def test_webhook_receives_updates_with_the_secret_header_and_retries_failures(
    bot: Bot, account: BotAccount
) -> None:
    with webhook_receiver([500]) as (url, received):
        await bot.set_webhook(url, secret_token="s3cret")
        update_id = account.send_text(5, "przez webhook")
        await account.wait_until_confirmed(timeout=5)
        await bot.delete_webhook()
    assert received == [("s3cret", update_id), ("s3cret", update_id)]
    assert [status for _, status in account.webhook_deliveries] == [500, 200]


async def test_queued_429_carries_retry_after_and_counts_the_call(
    bot: Bot, account: BotAccount
) -> None:
    account.inject_fault("sendMessage", Fault.too_many_requests(retry_after=3))
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(7, "x")
    assert raised.value.retry_after == datetime.timedelta(seconds=3)
    await bot.send_message(7, "x")
    assert account.calls["sendMessage"] == 2
    assert len(account.faults_served("sendMessage")) == 1
    assert len(account.transcript(7)) == 1


@pytest.mark.parametrize(
    ("fault", "error"),
    [(Fault.server_error(), "Internal Server Error"), (Fault.bad_gateway(), "Bad Gateway")],
)
async def test_server_errors_surface_as_network_errors(
    bot: Bot, account: BotAccount, fault: Fault, error: str
) -> None:
    account.inject_fault("sendMessage", fault)
    with pytest.raises(NetworkError, match=error):
        await bot.send_message(7, "x")
    assert account.transcript(7) == []


@pytest.mark.parametrize("takes_effect", [False, True])
async def test_a_hang_past_the_client_timeout_times_out(
    server: BotApiServer, account: BotAccount, takes_effect: bool
) -> None:
    account.inject_fault("sendMessage", Fault.hang(1.0, takes_effect=takes_effect))
    async with Bot(
        account.token, base_url=server.base_url, request=HTTPXRequest(read_timeout=0.2)
    ) as impatient:
        with pytest.raises(TimedOut):
            await impatient.send_message(7, "x")
    assert len(account.transcript(7)) == (1 if takes_effect else 0)


async def test_random_faults_hit_about_the_requested_share(bot: Bot, account: BotAccount) -> None:
    account.inject_random_faults("sendChatAction", 0.3, [Fault.server_error()], seed=1)
    failures = 0
    for _ in range(100):
        try:
            await bot.send_chat_action(7, "typing")
        except NetworkError:
            failures += 1
    assert 15 <= failures <= 45
    assert failures == len(account.faults_served("sendChatAction"))
    account.clear_faults()
    assert await bot.send_chat_action(7, "typing")


async def test_wait_for_messages_times_out_with_what_arrived(account: BotAccount) -> None:
    with pytest.raises(TimeoutError, match="expected 1 new message"):
        await account.wait_for_messages(7, 1, timeout=0.1)
