"""Webhook mode in process: the real PTB application behind our Starlette endpoint, served by
uvicorn on 127.0.0.1, with the local Bot API server delivering updates the way Telegram does."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import socket
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.logging_setup import configure_logging
from bot.telegram_app import build_application
from bot.telegram_send import AnyApplication
from bot.web.server import KEEP_ALIVE_SECONDS, REQUEST_READ_SECONDS, server_config
from bot.webhook import (
    MAX_BODY_BYTES,
    SECRET_HEADER,
    WEBHOOK_PATH,
    WebhookEndpoint,
    database_answers,
    register_webhook,
)
from directory.db import create_engine_for, open_database
from tests.bot.conftest import STATE_SECRET
from tests.botapi.server import BotAccount, BotApiServer

pytestmark = pytest.mark.e2e

WEBHOOK_SECRET = "webhook-secret-for-tests_0123456789"
DEAD_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:9/nowhere"


@dataclass
class WebhookBot:
    """The running application, its endpoint, where it listens and how many updates reached
    PTB's handlers (counted by a handler of our own in group -1, which sees every update)."""

    application: AnyApplication
    endpoint: WebhookEndpoint
    url: str
    handled: list[int]


@asynccontextmanager
async def webhook_bot(
    botapi: BotApiServer,
    telegram: BotAccount,
    database_url: str,
    *,
    open_db: bool = True,
    read_deadline: float = REQUEST_READ_SECONDS,
) -> AsyncIterator[WebhookBot]:
    """Start the application and its webhook endpoint; register the webhook with the server."""
    settings = Settings(
        database_url=database_url,
        telegram_bot_token=telegram.token,
        telegram_api_url=botapi.base_url,
        state_secret=STATE_SECRET,
        bot_mode="webhook",
    )
    engine = open_database(database_url) if open_db else None
    service = ConversationService(settings, engine=engine, extensions=standard_extensions())
    application = build_application(settings, service)
    handled: list[int] = []

    async def count(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        handled.append(update.update_id)

    application.add_handler(TypeHandler(Update, count), group=-1)
    probe_engine = create_engine_for(database_url)

    async def ready() -> bool:
        return await asyncio.to_thread(database_answers, probe_engine)

    endpoint = WebhookEndpoint(
        application, WEBHOOK_SECRET, ready_check=ready, read_deadline=read_deadline
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # The configuration `python -m bot --webhook` serves with (bounded reads, keep-alive).
    where = Settings(host="127.0.0.1", port=port)
    server = uvicorn.Server(server_config(endpoint.app, where, read_deadline_seconds=read_deadline))
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    await application.start()
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:  # noqa: ASYNC110 - uvicorn offers no event to await
            await asyncio.sleep(0.01)
        url = f"http://127.0.0.1:{port}"
        assert await register_webhook(application, url + WEBHOOK_PATH, WEBHOOK_SECRET)
        yield WebhookBot(application, endpoint, url, handled)
    finally:
        server.should_exit = True
        await task
        sock.close()
        await application.stop()
        await application.shutdown()
        probe_engine.dispose()
        service.close()
        if engine is not None:
            engine.dispose()


def update_json(update_id: int, chat_id: int, text: str) -> bytes:
    """A private-chat text update as Telegram posts it."""
    person = {"id": chat_id, "is_bot": False, "first_name": "Anna", "language_code": "pl"}
    message = {
        "message_id": 1,
        "from": person,
        "chat": {"id": chat_id, "type": "private", "first_name": "Anna"},
        "date": 1_770_000_000,
        "text": text,
    }
    return json.dumps({"update_id": update_id, "message": message}).encode()


async def test_updates_delivered_with_the_registered_secret_are_answered(
    botapi: BotApiServer, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    async with webhook_bot(botapi, telegram, seeded_sqlite_url) as bot:
        assert telegram.webhook["secret_token"] == WEBHOOK_SECRET
        assert telegram.webhook["url"] == bot.url + WEBHOOK_PATH
        chat = 5_100_001
        telegram.send_text(chat, "Pruszków")
        replies = await telegram.wait_for_reply(chat, timeout=10)
        assert "powiat pruszkowski" in replies[0].plain_text
        telegram.press_button(chat, "cr:violence")
        replies = await telegram.wait_for_reply(chat, timeout=10)
        assert "112" in " ".join(m.plain_text for m in replies)
        await telegram.wait_until_confirmed(timeout=5)
        assert all(status == 200 for _update, status in telegram.webhook_deliveries)
        assert len(bot.handled) == 2
        assert bot.endpoint.counters.accepted == 2


async def _chunks(data: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


REJECTIONS = [
    pytest.param({}, update_json(1, 5_100_002, "hej"), 403, id="no-secret"),
    pytest.param(
        {SECRET_HEADER: "guessed-secret"}, update_json(2, 5_100_002, "hej"), 403, id="wrong-secret"
    ),
    pytest.param(
        {SECRET_HEADER: WEBHOOK_SECRET[:-1]},
        update_json(3, 5_100_002, "hej"),
        403,
        id="secret-prefix",
    ),
    pytest.param(
        {SECRET_HEADER: WEBHOOK_SECRET},
        update_json(4, 5_100_002, "x" * (MAX_BODY_BYTES + 1)),
        413,
        id="oversized-declared",
    ),
    pytest.param({SECRET_HEADER: WEBHOOK_SECRET}, b"{not json", 400, id="malformed-json"),
    pytest.param({SECRET_HEADER: WEBHOOK_SECRET}, b"[1, 2, 3]", 400, id="json-not-an-object"),
    pytest.param({SECRET_HEADER: WEBHOOK_SECRET}, b'{"hello": 1}', 400, id="no-update-id"),
    pytest.param({SECRET_HEADER: WEBHOOK_SECRET}, b"\xff\xfe\x00", 400, id="not-utf8"),
]


@pytest.mark.parametrize(("headers", "body", "status"), REJECTIONS)
async def test_requests_that_are_not_telegrams_updates_never_reach_the_handlers(
    botapi: BotApiServer,
    telegram: BotAccount,
    seeded_sqlite_url: str,
    headers: dict[str, str],
    body: bytes,
    status: int,
) -> None:
    async with (
        webhook_bot(botapi, telegram, seeded_sqlite_url) as bot,
        httpx.AsyncClient() as client,
    ):
        response = await client.post(
            bot.url + WEBHOOK_PATH,
            content=body,
            headers={"Content-Type": "application/json", **headers},
        )
        assert response.status_code == status
        # A valid update afterwards is handled: the rejection did not break the endpoint.
        good = await client.post(
            bot.url + WEBHOOK_PATH,
            content=update_json(99, 5_100_003, "Pruszków"),
            headers={"Content-Type": "application/json", SECRET_HEADER: WEBHOOK_SECRET},
        )
        assert good.status_code == 200
    assert bot.handled == [99]
    assert telegram.transcript(5_100_002) == []
    assert telegram.calls["sendMessage"] == 1
    counters = bot.endpoint.counters
    assert counters.accepted == 1
    assert counters.forbidden + counters.too_large + counters.malformed == 1


async def test_a_streamed_body_over_the_limit_is_cut_off_without_a_content_length(
    botapi: BotApiServer, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    oversized = update_json(7, 5_100_004, "y" * (MAX_BODY_BYTES + 10))
    async with (
        webhook_bot(botapi, telegram, seeded_sqlite_url) as bot,
        httpx.AsyncClient() as client,
    ):
        # A generator body goes out chunked: no Content-Length for the server to trust.
        response = await client.post(
            bot.url + WEBHOOK_PATH,
            content=_chunks(oversized),
            headers={"Content-Type": "application/json", SECRET_HEADER: WEBHOOK_SECRET},
        )
        assert response.status_code == 413
        exactly_at_limit = update_json(8, 5_100_004, "z" * 1000)
        ok = await client.post(
            bot.url + WEBHOOK_PATH,
            content=_chunks(exactly_at_limit, 100),
            headers={"Content-Type": "application/json", SECRET_HEADER: WEBHOOK_SECRET},
        )
        assert ok.status_code == 200
    assert bot.handled == [8]
    assert bot.endpoint.counters.too_large == 1


async def test_health_and_readiness_probes(
    botapi: BotApiServer, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    async with (
        webhook_bot(botapi, telegram, seeded_sqlite_url) as bot,
        httpx.AsyncClient() as client,
    ):
        health = await client.get(bot.url + "/healthz")
        ready = await client.get(bot.url + "/readyz")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert ready.status_code == 200


@pytest.mark.slow
async def test_a_database_outage_fails_readiness_but_residents_still_get_112(
    botapi: BotApiServer, telegram: BotAccount
) -> None:
    async with (
        webhook_bot(botapi, telegram, DEAD_DATABASE, open_db=False) as bot,
        httpx.AsyncClient() as client,
    ):
        assert (await client.get(bot.url + "/healthz")).status_code == 200
        ready = await client.get(bot.url + "/readyz")
        assert ready.status_code == 503
        chat = 5_100_005
        telegram.send_text(chat, "Pruszków")
        replies = await telegram.wait_for_reply(chat, timeout=15)
    text = " ".join(m.plain_text for m in replies)
    assert "112" in text
    assert "116 123" in text or "116123" in text


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """configure_logging replaces the root handlers; give pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
async def test_debug_logs_hold_timings_but_no_token_secret_name_id_or_text(
    botapi: BotApiServer, telegram: BotAccount, seeded_sqlite_url: str
) -> None:
    stream = io.StringIO()
    configure_logging(
        "DEBUG", secret_values=(telegram.token, STATE_SECRET, WEBHOOK_SECRET), stream=stream
    )
    chat = 987_654_321
    async with webhook_bot(botapi, telegram, seeded_sqlite_url):
        # Log lines that would carry these if anything leaked: an error in a send, a retry.
        logging.getLogger("drogowskaz.test").debug(
            "url %s", f"{botapi.base_url}{telegram.token}/sendMessage"
        )
        for text in ("Pruszków", "mąż mnie bije, Zofia Kowalska"):
            telegram.send_text(chat, text)
            await telegram.wait_for_reply(chat, timeout=10)
        telegram.press_button(chat, "cr:violence")
        await telegram.wait_for_reply(chat, timeout=10)
    output = stream.getvalue()
    lines = [json.loads(line) for line in output.splitlines()]
    assert len(lines) > 10
    for forbidden in (
        telegram.token,
        telegram.token.split(":", 1)[1],
        STATE_SECRET,
        WEBHOOK_SECRET,
        str(chat),
        "Osoba",
        "Pruszk",
        "Kowalska",
        "mąż",
    ):
        assert forbidden not in output, forbidden
    update_lines = [line for line in lines if line["message"] == "update handled"]
    assert len(update_lines) == 3
    for line in update_lines:
        assert line["level"] == "INFO"
        assert line["outcome"] == "ok"
        assert {"queue_ms", "handle_ms", "send_ms", "total_ms"} <= line.keys()
        assert line["total_ms"] >= line["handle_ms"] + line["send_ms"] - 1
    assert len({line["update"] for line in update_lines}) == 3


# --- slow, vanishing and malformed clients (issue 11, finding 7) ---------------------------

SHORT_DEADLINE = 1.0


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]


async def closed_after(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, drip: bytes
) -> float:
    """Send `drip` a byte every 0.2 s until the server closes; seconds it took (at most 8)."""
    started = time.monotonic()
    for byte in drip * 100:
        try:
            writer.write(bytes([byte]))
            await writer.drain()
            data = await asyncio.wait_for(reader.read(1024), timeout=0.2)
        except TimeoutError:
            data = b"-"
        except ConnectionError:
            break
        if not data or time.monotonic() - started > 8:
            break
    writer.close()
    return time.monotonic() - started


def test_the_server_bounds_keep_alive_and_the_time_to_send_a_request() -> None:
    config = server_config(Starlette(), Settings())
    assert config.timeout_keep_alive == KEEP_ALIVE_SECONDS
    assert getattr(config.http, "read_deadline_seconds", None) == REQUEST_READ_SECONDS


async def test_a_client_dribbling_its_headers_is_cut_off_within_the_deadline(
    botapi: BotApiServer,
    telegram: BotAccount,
    seeded_sqlite_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    async with webhook_bot(
        botapi, telegram, seeded_sqlite_url, read_deadline=SHORT_DEADLINE
    ) as bot:
        host, port = bot.url.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(b"POST /telegram HTTP/1.1\r\nHost: x\r\n")
        seconds = await closed_after(reader, writer, b"X-Slow: aaaa")
    assert seconds < SHORT_DEADLINE + 1.5
    assert any("not received within" in r.getMessage() for r in caplog.records)
    assert errors_logged(caplog) == []


async def test_a_client_dribbling_its_body_is_cut_off_with_an_info_line_and_no_traceback(
    botapi: BotApiServer,
    telegram: BotAccount,
    seeded_sqlite_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    async with webhook_bot(
        botapi, telegram, seeded_sqlite_url, read_deadline=SHORT_DEADLINE
    ) as bot:
        host, port = bot.url.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        head = (
            f"POST {WEBHOOK_PATH} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {WEBHOOK_SECRET}\r\n"
            "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n"
        )
        writer.write(head.encode() + b'{"update_id": 1,')
        seconds = await closed_after(reader, writer, b" ")
        counters = bot.endpoint.counters
        for _ in range(50):
            if counters.disconnected or counters.too_slow:
                break
            await asyncio.sleep(0.05)
    assert seconds < SHORT_DEADLINE + 1.5
    # Cut off by the connection's deadline or, as under any other server, by the body's own.
    assert counters.disconnected + counters.too_slow == 1
    assert bot.handled == []
    assert errors_logged(caplog) == []


async def test_a_client_leaving_in_the_middle_of_the_body_is_an_info_line_not_an_error(
    botapi: BotApiServer,
    telegram: BotAccount,
    seeded_sqlite_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    async with webhook_bot(botapi, telegram, seeded_sqlite_url) as bot:
        host, port = bot.url.removeprefix("http://").split(":")
        for _ in range(3):
            _reader, writer = await asyncio.open_connection(host, int(port))
            writer.write(
                f"POST {WEBHOOK_PATH} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {WEBHOOK_SECRET}"
                '\r\nContent-Length: 300\r\n\r\n{"update_id": 2'.encode()
            )
            await writer.drain()
            await asyncio.sleep(0.1)
            writer.close()
        for _ in range(50):
            if bot.endpoint.counters.disconnected == 3:
                break
            await asyncio.sleep(0.05)
    assert bot.endpoint.counters.disconnected == 3
    assert errors_logged(caplog) == []
    infos = [r for r in caplog.records if "disconnected while sending" in r.getMessage()]
    assert [r.levelno for r in infos] == [logging.INFO] * 3


async def test_a_message_without_a_chat_is_answered_200_and_dropped_with_a_reason(
    botapi: BotApiServer,
    telegram: BotAccount,
    seeded_sqlite_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    chatless = {"update_id": 77, "message": {"message_id": 1, "date": 1, "text": "pomocy"}}
    async with (
        webhook_bot(botapi, telegram, seeded_sqlite_url) as bot,
        httpx.AsyncClient() as client,
    ):
        headers = {"Content-Type": "application/json", SECRET_HEADER: WEBHOOK_SECRET}
        dropped = await client.post(
            bot.url + WEBHOOK_PATH, content=json.dumps(chatless), headers=headers
        )
        good = await client.post(
            bot.url + WEBHOOK_PATH, content=update_json(78, 5_100_006, "Pruszków"), headers=headers
        )
    assert (dropped.status_code, good.status_code) == (200, 200)
    assert bot.endpoint.counters.dropped == 1
    assert bot.handled == [78]
    assert any("dropped (message without a chat)" in r.getMessage() for r in caplog.records)
    assert errors_logged(caplog) == []
