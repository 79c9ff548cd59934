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
from typing import Final

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.config import Settings
from bot.conversation import ConversationService
from bot.web.app import build_web_app
from bot.web.common import web_context

logger = logging.getLogger(__name__)

GRACEFUL_SHUTDOWN_SECONDS: Final = 25
READY_TIMEOUT_SECONDS: Final = 3.0


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


def server_config(app: Starlette, settings: Settings) -> uvicorn.Config:
    """uvicorn's settings: HOST:PORT, no access log (addresses and paths are personal data),
    and X-Forwarded-For / -Proto believed only from TRUSTED_PROXIES."""
    trusted = list(settings.trusted_proxies)
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
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
    from bot.webhook import database_answers
    from directory.db import create_engine_for, database_url_from_env

    # Its own small engine: a probe must never wait behind residents' turns for a connection.
    probe_engine = create_engine_for(settings.database_url or database_url_from_env())

    async def ready_check() -> bool:
        return await asyncio.to_thread(database_answers, probe_engine)

    app = build_web_app(web_context(settings, service), health_routes(ready_check))
    app.state.probe_engine = probe_engine
    return app


async def serve_web(settings: Settings) -> None:
    """The web chat alone on HOST:PORT until SIGTERM/SIGINT."""
    service = ConversationService(settings)
    # Migrate, seed and load the place index before the first visitor, not during their turn.
    await asyncio.to_thread(service.warm_up)
    app = web_app_for(settings, service)
    server = GracefulServer(server_config(app, settings))
    logger.info("web chat serving", extra={"port": settings.port})
    try:
        await server.serve()
    finally:
        app.state.probe_engine.dispose()
        await asyncio.to_thread(service.close)
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


async def serve_polling_with_web(settings: Settings, sock: socket.socket) -> None:
    """Telegram by long polling and the web chat on `sock` (bind_web_socket), in one process
    and event loop, sharing one ConversationService, until SIGTERM/SIGINT."""
    from bot.telegram_app import ALLOWED_UPDATES, build_application

    service = ConversationService(settings)
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
    await asyncio.to_thread(service.close)
    logger.info("long polling and web chat stopped")


def run_web(settings: Settings) -> None:
    """Serve the web chat alone until interrupted."""
    asyncio.run(serve_web(settings))


def run_polling_with_web(settings: Settings, sock: socket.socket) -> None:
    """Serve Telegram (long polling) and the web chat on `sock` until interrupted."""
    asyncio.run(serve_polling_with_web(settings, sock))
