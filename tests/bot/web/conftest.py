"""A real panel server (uvicorn in a thread, on 127.0.0.1) on a seeded database, and helpers to
sign in through it exactly as a person does: a link from the directory, the page, the button."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine
from starlette.applications import Starlette

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.web.app import build_web_app
from bot.web.common import web_context
from bot.web.panel import PanelSite
from directory.db import create_engine_for, session_scope
from directory.panel_access import PanelRole, create_sign_in_link

ADMIN = 9001
STAFF = 9002
OTHER_STAFF = 9003
STAFF_ORG = "B01"
OTHER_ORG = "B05"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


@dataclass
class PanelServer:
    """The running server: its address and the engine on the same database."""

    base_url: str
    engine: Engine
    site: PanelSite

    def link(self, user: int, role: PanelRole) -> str:
        """A fresh sign-in link for `user` (as /panel or panel-link would make it)."""
        with session_scope(self.engine) as session:
            made = create_sign_in_link(
                session, user, role, admin_ids=self.site.settings.admin_telegram_ids
            )
        return made.url(self.base_url)

    def client(self) -> httpx.Client:
        """A browser-like client: keeps cookies, does not follow redirects by itself."""
        return httpx.Client(base_url=self.base_url, timeout=10)

    @contextmanager
    def signed_in(self, user: int, role: PanelRole = PanelRole.STAFF) -> Iterator[httpx.Client]:
        """A client signed in as `user` through the link page and its button."""
        with self.client() as client:
            link = self.link(user, role)
            token = link.split("token=", 1)[1]
            page = client.get(link)
            assert page.status_code == 200
            answer = client.post("/panel/sign-in", data={"token": token, "lang": "en"})
            assert answer.status_code == 303
            yield client


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = CSRF.search(html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(app: Starlette) -> Iterator[str]:
    """Serve `app` with uvicorn on a free local port until the generator is closed."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the panel server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def start_panel(database_url: str) -> Iterator[PanelServer]:
    """The panel on `database_url`, with ADMIN configured and two staff members linked."""
    from tests.conftest import link_staff

    engine = create_engine_for(database_url)
    link_staff(engine, STAFF, STAFF_ORG)
    link_staff(engine, OTHER_STAFF, OTHER_ORG)
    settings = Settings(
        database_url=database_url,
        state_secret="panel-test-secret",
        admin_telegram_ids=frozenset({ADMIN}),
        web_rate_per_address=0,
    )
    service = ConversationService(settings, engine=engine, extensions=standard_extensions())
    web = web_context(settings, service)
    # The whole web app, as `python -m bot --web` serves it: the panel is one of its extensions.
    app = build_web_app(web)
    site = PanelSite(service.database_engine, settings, lines=web.lines)
    try:
        for base_url in serve(app):
            yield PanelServer(base_url, engine, site)
    finally:
        service.close()
        engine.dispose()


@pytest.fixture
def panel(seeded_database_url: str) -> Iterator[PanelServer]:
    """The panel on a fresh seeded database, on SQLite and on PostgreSQL."""
    yield from start_panel(seeded_database_url)


@pytest.fixture
def sqlite_panel(seeded_sqlite_url: str) -> Iterator[PanelServer]:
    """The panel on a fresh seeded SQLite database."""
    yield from start_panel(seeded_sqlite_url)
