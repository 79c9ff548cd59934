"""Webhook mode: Telegram posts updates to us (python-telegram-bot's custom-webhook pattern).

A Starlette app served by uvicorn takes `POST /telegram`, checks the secret header Telegram
sends, the body size and the JSON, and only then hands the update to the PTB Application (through
its per-chat update processor, so one chat's updates still run one at a time). The request is
answered once the update is handled, so an update whose process dies is posted again by Telegram
instead of being lost. `/healthz` says the process serves; `/readyz` that the database answers.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Update

from bot.config import (
    WEBHOOK_SECRET_FILE,
    Settings,
    check_webhook_settings,
    data_dir,
    load_or_create_secret,
)
from bot.conversation import ConversationService
from bot.logging_setup import received_update
from bot.telegram_app import ALLOWED_UPDATES, build_application
from bot.telegram_send import AnyApplication
from bot.web.server import REQUEST_READ_SECONDS, GracefulServer, database_answers, server_config
from directory.db import create_engine_for, database_url_from_env

logger = logging.getLogger(__name__)

WEBHOOK_PATH: Final = "/telegram"
SECRET_HEADER: Final = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# Telegram's updates are a few kilobytes; anything near this is not from Telegram.
MAX_BODY_BYTES: Final = 1_000_000
# Telegram gives up on a webhook request after about a minute and posts the update again; a
# turn still running by then (a long 429 retry_after) is acknowledged and finishes on its own.
ACKNOWLEDGE_AFTER_SECONDS: Final = 50.0
READY_TIMEOUT_SECONDS: Final = 3.0
# Messages whose update must name a chat: without one, PTB's chat filters raise inside the
# application (AttributeError) instead of ignoring the update.
CHAT_MESSAGES: Final = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_message",
    "edited_business_message",
)
SET_WEBHOOK_ATTEMPTS: Final = 5
GRACEFUL_SHUTDOWN_SECONDS: Final = 25


@dataclass
class WebhookCounters:
    """What the webhook endpoint did, per outcome (for tests and operators)."""

    accepted: int = 0
    forbidden: int = 0
    too_large: int = 0
    malformed: int = 0
    dropped: int = 0
    disconnected: int = 0
    too_slow: int = 0


class BodyTooLargeError(Exception):
    """The request body exceeds MAX_BODY_BYTES."""


def webhook_secret_for(settings: Settings) -> str:
    """WEBHOOK_SECRET, or one generated once and kept in the data directory (mode 0600)."""
    if settings.webhook_secret:
        return settings.webhook_secret
    return load_or_create_secret(data_dir(), WEBHOOK_SECRET_FILE)


async def read_limited_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body, refusing more than `limit` bytes by header and by bytes received."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise ValueError("malformed Content-Length")
        if int(declared) > limit:
            raise BodyTooLargeError
    body = bytearray()
    # Counted as it streams: a chunked body or a lying Content-Length is cut off at the limit.
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise BodyTooLargeError
    return bytes(body)


def why_unprocessable(payload: dict[str, object]) -> str | None:
    """Why an update cannot be handled although it parses (None when it can): a message
    without a chat, which Telegram never sends but anyone who knows the secret could."""
    for kind in CHAT_MESSAGES:
        if kind in payload:
            message = payload[kind]
            chat = message.get("chat") if isinstance(message, dict) else None
            if not isinstance(chat, dict) or not isinstance(chat.get("id"), int):
                return f"{kind} without a chat"
    query = payload.get("callback_query")
    if isinstance(query, dict) and "message" in query:
        message = query["message"]
        chat = message.get("chat") if isinstance(message, dict) else None
        if not isinstance(chat, dict) or not isinstance(chat.get("id"), int):
            return "callback_query message without a chat"
    return None


class WebhookEndpoint:
    """The Starlette app of webhook mode, feeding updates to a PTB Application."""

    def __init__(
        self,
        application: AnyApplication,
        secret: str,
        *,
        ready_check: Callable[[], Awaitable[bool]] | None = None,
        max_body_bytes: int = MAX_BODY_BYTES,
        acknowledge_after: float = ACKNOWLEDGE_AFTER_SECONDS,
        read_deadline: float = REQUEST_READ_SECONDS,
    ) -> None:
        """Accept updates carrying `secret` in the secret header; `ready_check` backs /readyz."""
        if not secret:
            raise ValueError("the webhook secret must not be empty")
        self.application = application
        self.counters = WebhookCounters()
        self._secret = secret.encode("utf-8")
        self._ready_check = ready_check
        self._max_body_bytes = max_body_bytes
        self._acknowledge_after = acknowledge_after
        self._read_deadline = read_deadline
        self._in_flight: set[asyncio.Task[None]] = set()
        self.routes: list[BaseRoute] = [
            Route(WEBHOOK_PATH, self.receive, methods=["POST"]),
            Route("/healthz", self.healthz, methods=["GET"]),
            Route("/readyz", self.readyz, methods=["GET"]),
        ]
        # The webhook alone; serve_webhook mounts these routes on the web app when the web
        # chat is on (WEB_CHAT), so Telegram and residents' browsers share one server.
        self.app = Starlette(routes=self.routes)

    def _secret_matches(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8")
        return hmac.compare_digest(given, self._secret)

    async def receive(self, request: Request) -> Response:
        """One update from Telegram: 403 wrong secret, 413 too large, 400 not an update."""
        if not self._secret_matches(request):
            self.counters.forbidden += 1
            return PlainTextResponse("forbidden", status_code=403)
        try:
            async with asyncio.timeout(self._read_deadline):
                body = await read_limited_body(request, self._max_body_bytes)
        except BodyTooLargeError:
            self.counters.too_large += 1
            return PlainTextResponse("request body too large", status_code=413)
        except ValueError:
            self.counters.malformed += 1
            return PlainTextResponse("bad request", status_code=400)
        except TimeoutError:
            # Under any server, not only ours (DeadlineH11Protocol): a body sent too slowly.
            self.counters.too_slow += 1
            logger.info("webhook: request body not received in time")
            return PlainTextResponse("request timeout", status_code=408)
        except ClientDisconnect:
            # The client went away mid-body (or was cut off as too slow): nothing to answer
            # and nothing wrong here, so no traceback.
            self.counters.disconnected += 1
            logger.info("webhook: client disconnected while sending the request")
            return Response(status_code=400)
        try:
            payload = json.loads(body)
            if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
                raise ValueError("not an update")
            reason = why_unprocessable(payload)
            update = None if reason else Update.de_json(payload, self.application.bot)
        except Exception:
            # Privacy: nothing of the body is logged, it may hold what someone wrote.
            self.counters.malformed += 1
            return PlainTextResponse("bad request", status_code=400)
        if update is None:
            # 200, so that it is not posted again: it can never be handled.
            self.counters.dropped += 1
            logger.info("webhook: update dropped (%s)", reason)
            return Response(status_code=200)
        self.counters.accepted += 1
        received_update()
        task = asyncio.ensure_future(self._process(update))
        self._in_flight.add(task)
        task.add_done_callback(self._in_flight.discard)
        try:
            await asyncio.wait_for(asyncio.shield(task), self._acknowledge_after)
        except TimeoutError:
            logger.warning("update still in progress; acknowledged so Telegram does not resend")
        return Response(status_code=200)

    async def _process(self, update: Update) -> None:
        application = self.application
        await application.update_processor.process_update(
            update, application.process_update(update)
        )

    async def finish_in_flight(self, seconds: float) -> None:
        """Wait (up to `seconds`) for updates still being handled."""
        pending = set(self._in_flight)
        if pending:
            await asyncio.wait(pending, timeout=seconds)

    async def healthz(self, request: Request) -> Response:
        """Liveness: the process serves HTTP (a database outage does not make it unhealthy)."""
        return JSONResponse({"status": "ok"})

    async def readyz(self, request: Request) -> Response:
        """Readiness: the database answers. Residents are answered even when it does not."""
        ready = True
        if self._ready_check is not None:
            try:
                ready = await asyncio.wait_for(self._ready_check(), READY_TIMEOUT_SECONDS)
            except TimeoutError:
                ready = False
        status = {"status": "ok" if ready else "database unreachable"}
        return JSONResponse(status, status_code=200 if ready else 503)


async def register_webhook(application: AnyApplication, url: str, secret: str) -> bool:
    """setWebhook with the secret token, retried with back-off; False if it never succeeded."""
    delay = 1.0
    for attempt in range(1, SET_WEBHOOK_ATTEMPTS + 1):
        try:
            await application.bot.set_webhook(
                url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES)
            )
        except Exception as error:
            logger.error(
                "setWebhook failed (attempt %d of %d): %s",
                attempt,
                SET_WEBHOOK_ATTEMPTS,
                type(error).__name__,
            )
            if attempt < SET_WEBHOOK_ATTEMPTS:
                await asyncio.sleep(delay)
                delay *= 2
            continue
        logger.info("webhook registered")
        return True
    return False


async def serve_webhook(settings: Settings, service: ConversationService) -> None:
    """Register the webhook and serve it on HOST:PORT through `service` until SIGTERM/SIGINT."""
    check_webhook_settings(settings)
    assert settings.webhook_url is not None  # checked above
    secret = webhook_secret_for(settings)
    application = build_application(settings, service)
    # Its own small engine: a probe must never wait behind residents' turns for a connection.
    probe_engine = create_engine_for(settings.database_url or database_url_from_env())

    async def ready_check() -> bool:
        return await asyncio.to_thread(database_answers, probe_engine)

    endpoint = WebhookEndpoint(application, secret, ready_check=ready_check)
    app = endpoint.app
    if settings.web_chat:
        from bot.web.app import build_web_app
        from bot.web.common import web_context

        app = build_web_app(web_context(settings, service), endpoint.routes)
    server = GracefulServer(server_config(app, settings))
    started = time.perf_counter()
    async with application:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        await register_webhook(application, settings.webhook_url, secret)
        logger.info(
            "webhook mode serving",
            extra={"port": settings.port, "start_ms": round((time.perf_counter() - started) * 1e3)},
        )
        try:
            await server.serve()
        finally:
            # In-flight replies finish before the application stops (SIGTERM during a deploy).
            await endpoint.finish_in_flight(GRACEFUL_SHUTDOWN_SECONDS)
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
    probe_engine.dispose()
    logger.info("webhook mode stopped")


def run_webhook(settings: Settings, service: ConversationService) -> None:
    """Serve Telegram through the webhook and `service` until interrupted."""
    asyncio.run(serve_webhook(settings, service))
