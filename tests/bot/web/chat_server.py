"""The real web chat (uvicorn in a thread, on 127.0.0.1) over the real ConversationService on a
seeded database, and what the tests read back from its pages."""

from __future__ import annotations

import dataclasses
import re
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from sqlalchemy import Engine, select
from starlette.routing import BaseRoute

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.state import state_key
from bot.web.app import build_web_app
from bot.web.chat import chat_id_for
from bot.web.common import web_context
from directory.db import open_database
from directory.models import ConversationState

STATE_SECRET = "web-chat-test-secret-not-for-production"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')
TEL = re.compile(r'<a class="tel" href="tel:([+\d]+)">')
TURN = re.compile(r'<article class="turn[^"]*"[^>]*>(.*?)</article>', re.DOTALL)


@dataclass
class ChatServer:
    """The running chat: where it listens, its service, settings and database."""

    base_url: str
    service: ConversationService
    engine: Engine
    settings: Settings

    def client(self, **options: Any) -> httpx.Client:
        """A browser-like client: keeps the session cookie, follows nothing by itself."""
        headers = {"Accept-Language": "pl-PL,pl;q=0.9", **options.pop("headers", {})}
        return httpx.Client(base_url=self.base_url, timeout=10, headers=headers, **options)

    def state_keys(self) -> list[str]:
        """The keys of every stored conversation state."""
        with self.engine.connect() as connection:
            return list(connection.scalars(select(ConversationState.key)))

    def state_key_of(self, session_id: str) -> str:
        """The storage key of a web session's state (HMAC of its conversation number)."""
        return state_key(STATE_SECRET, chat_id_for(session_id))


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve `app` with uvicorn on a free local port in a thread; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="web-chat-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web chat server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def running_chat(
    database_url: str, extra_routes: Sequence[BaseRoute] = (), **settings: Any
) -> Iterator[ChatServer]:
    """The web chat on `database_url` (already seeded), as `python -m bot --web` serves it."""
    engine = open_database(database_url)
    configured = Settings(database_url=database_url, state_secret=STATE_SECRET, web_chat=True)
    configured = dataclasses.replace(configured, **settings)
    service = ConversationService(configured, engine=engine, extensions=standard_extensions())
    service.warm_up()
    app = build_web_app(web_context(configured, service), extra_routes)
    try:
        with serving(app) as base_url:
            yield ChatServer(base_url, service, engine, configured)
    finally:
        service.close()
        engine.dispose()


def csrf_of(page: str) -> str:
    """The CSRF token the page's forms carry."""
    found = CSRF.search(page)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def last_turn(page: str) -> str:
    """The HTML of the last turn on a page."""
    turns = TURN.findall(page)
    assert turns, "no turn on the page"
    return str(turns[-1])


def phones_in(fragment: str) -> list[str]:
    """The tap-to-call numbers in a piece of HTML, in order."""
    return TEL.findall(fragment)


def visible_text(fragment: str) -> str:
    """The text of some HTML, tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
