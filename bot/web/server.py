"""Serving the web app with uvicorn: on its own (`python -m bot --web` without a token), or
beside Telegram long polling in one process (the webhook mode mounts it on its own server)."""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Generator
from contextlib import contextmanager
from typing import Any, Final

import uvicorn
from sqlalchemy import text
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from bot.config import Settings
from bot.conversation import ConversationService
from bot.web.app import build_web_app
from bot.web.common import web_context

logger = logging.getLogger(__name__)

GRACEFUL_SHUTDOWN_SECONDS: Final = 25
READY_TIMEOUT_SECONDS: Final = 3.0
# Telegram sends an update in one go, a browser a form post: in milliseconds. A client that
# takes longer than this to send a request's headers and body (a byte at a time, say) is cut
# off: it would hold a connection, and its slot, for as long as it liked (no secret or session
# is needed to connect).
REQUEST_READ_SECONDS: Final = 10.0
# Idle keep-alive connections between requests are closed after this (uvicorn's default, set
# here so that it is a decision and not an accident).
KEEP_ALIVE_SECONDS: Final = 5


def database_answers(engine: Engine) -> bool:
    """Whether `SELECT 1` succeeds on `engine` (for /readyz)."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        logger.warning("readiness: database unreachable (%s)", type(error).__name__)
        return False
    return True


class GracefulServer(uvicorn.Server):
    """uvicorn, but SIGTERM/SIGINT only end serving, so what runs beside it stops cleanly."""

    @contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        """Stop serving on SIGTERM/SIGINT without re-raising the signal after the shutdown."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        original = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)


class _ReadDeadline:
    """A deadline for receiving each whole request, for uvicorn's HTTP protocols.

    uvicorn bounds a connection only once a response has been sent (keep-alive timeout): a
    client that connects and then sends its headers or body a byte at a time keeps the
    connection open as long as it likes. Here every request, headers and body, must have
    arrived within `read_deadline_seconds` of the connection opening or of the previous
    response; otherwise the connection is closed (an INFO line, no traceback).
    """

    read_deadline_seconds: float = REQUEST_READ_SECONDS
    # Provided by the uvicorn protocol this is mixed into.
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    cycle: Any

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Start the clock for the first request."""
        self._read_deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)  # type: ignore[misc]
        self._arm_read_deadline()

    def data_received(self, data: bytes) -> None:
        """Feed uvicorn; stop the clock once the whole request has arrived."""
        super().data_received(data)  # type: ignore[misc]
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete and not cycle.more_body:
            self._disarm_read_deadline()

    def on_response_complete(self) -> None:
        """The next request on this connection gets the same deadline."""
        super().on_response_complete()  # type: ignore[misc]
        if not self.transport.is_closing():
            self._arm_read_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        """No clock for a closed connection."""
        self._disarm_read_deadline()
        super().connection_lost(exc)  # type: ignore[misc]

    def _arm_read_deadline(self) -> None:
        self._disarm_read_deadline()
        self._read_deadline = self.loop.call_later(
            self.read_deadline_seconds, self._request_too_slow
        )

    def _disarm_read_deadline(self) -> None:
        if self._read_deadline is not None:
            self._read_deadline.cancel()
            self._read_deadline = None

    def _request_too_slow(self) -> None:
        self._read_deadline = None
        if not self.transport.is_closing():
            # Nothing of the request is logged: it may hold what someone wrote.
            logger.info(
                "request not received within %.0f s; connection closed",
                self.read_deadline_seconds,
            )
            self.transport.close()


class DeadlineHttpToolsProtocol(_ReadDeadline, HttpToolsProtocol):
    """uvicorn's httptools (C parser) protocol with the request deadline."""


def deadline_protocol(read_deadline_seconds: float) -> type[DeadlineHttpToolsProtocol]:
    """The protocol class with another deadline (tests use a short one)."""
    return type(
        "DeadlineHttpToolsProtocol",
        (DeadlineHttpToolsProtocol,),
        {"read_deadline_seconds": read_deadline_seconds},
    )


def server_config(
    app: Starlette, settings: Settings, *, read_deadline_seconds: float = REQUEST_READ_SECONDS
) -> uvicorn.Config:
    """uvicorn's settings: HOST:PORT, no access log (addresses and paths are personal data),
    X-Forwarded-For / -Proto believed only from TRUSTED_PROXIES, each request read within a
    deadline and idle keep-alive connections closed."""
    trusted = list(settings.trusted_proxies)
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        http=deadline_protocol(read_deadline_seconds),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        log_config=None,
        access_log=False,
        lifespan="off",
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
        server_header=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )


def health_routes(ready_check: Callable[[], Awaitable[bool]]) -> list[BaseRoute]:
    """`/healthz` (the process serves) and `/readyz` (the database answers), as in webhook mode."""

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            ready = await asyncio.wait_for(ready_check(), READY_TIMEOUT_SECONDS)
        except TimeoutError:
            ready = False
        status = {"status": "ok" if ready else "database unreachable"}
        return JSONResponse(status, status_code=200 if ready else 503)

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
    ]


def web_app_for(settings: Settings, service: ConversationService) -> Starlette:
    """The web app with its health probes, over `service`."""
    from directory.db import create_engine_for, database_url_from_env

    # Its own small engine: a probe must never wait behind residents' turns for a connection.
    probe_engine = create_engine_for(settings.database_url or database_url_from_env())

    async def ready_check() -> bool:
        return await asyncio.to_thread(database_answers, probe_engine)

    app = build_web_app(web_context(settings, service), health_routes(ready_check))
    app.state.probe_engine = probe_engine
    return app


async def serve_web(settings: Settings, service: ConversationService) -> None:
    """The web chat alone on HOST:PORT through `service` until SIGTERM/SIGINT."""
    # Migrate, seed and load the place index before the first visitor, not during their turn.
    await asyncio.to_thread(service.warm_up)
    app = web_app_for(settings, service)
    server = GracefulServer(server_config(app, settings))
    logger.info("web chat serving", extra={"port": settings.port})
    try:
        await server.serve()
    finally:
        app.state.probe_engine.dispose()
    logger.info("web chat stopped")


def bind_web_socket(settings: Settings) -> socket.socket | None:
    """A listening socket on HOST:PORT for the web chat beside polling; None (logged) when the
    address is taken: Telegram keeps serving residents even if the web chat cannot."""
    try:
        family, kind, protocol, _name, address = socket.getaddrinfo(
            settings.host, settings.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, protocol)
    except OSError as error:
        logger.error("web chat not served: %s", type(error).__name__)
        return None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as error:
        sock.close()
        logger.error(
            "web chat not served: cannot listen on port %d (%s); Telegram goes on without it",
            settings.port,
            type(error).__name__,
        )
        return None
    return sock


async def serve_polling_with_web(
    settings: Settings, sock: socket.socket, service: ConversationService
) -> None:
    """Telegram by long polling and the web chat on `sock` (bind_web_socket), in one process
    and event loop, sharing one ConversationService, until SIGTERM/SIGINT."""
    from bot.telegram_app import ALLOWED_UPDATES, build_application

    application = build_application(settings, service)
    app = web_app_for(settings, service)
    server = GracefulServer(server_config(app, settings))
    started = time.perf_counter()
    async with application:
        if application.post_init is not None:
            await application.post_init(application)
        updater = application.updater
        assert updater is not None  # build_application keeps PTB's updater
        await updater.start_polling(allowed_updates=list(ALLOWED_UPDATES))
        await application.start()
        logger.info(
            "long polling and web chat serving",
            extra={"port": settings.port, "start_ms": round((time.perf_counter() - started) * 1e3)},
        )
        try:
            await server.serve(sockets=[sock])
        finally:
            sock.close()
            await updater.stop()
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
    app.state.probe_engine.dispose()
    logger.info("long polling and web chat stopped")


def run_web(settings: Settings, service: ConversationService) -> None:
    """Serve the web chat alone through `service` until interrupted."""
    asyncio.run(serve_web(settings, service))


def run_polling_with_web(
    settings: Settings, sock: socket.socket, service: ConversationService
) -> None:
    """Serve Telegram (long polling) and the web chat on `sock` through `service` until
    interrupted."""
    asyncio.run(serve_polling_with_web(settings, sock, service))
