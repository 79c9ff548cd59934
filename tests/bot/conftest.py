"""Fixtures for end-to-end tests: the local Bot API server and the real bot talking HTTP to it."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.telegram_app import ALLOWED_UPDATES, build_application
from bot.telegram_send import AnyApplication
from directory.db import open_database
from tests.botapi.server import BotAccount, BotApiServer

STATE_SECRET = "e2e-state-secret-not-for-production"
# Short long-polls keep shutdown quick; the server answers at once when an update arrives.
POLL_TIMEOUT = 1
_tokens = itertools.count(700_000_001)


@pytest.fixture(scope="session")
def botapi() -> Iterator[BotApiServer]:
    """One local Bot API server for the session (each test gets its own bot token on it)."""
    with BotApiServer() as server:
        yield server


@pytest.fixture
def telegram(botapi: BotApiServer) -> BotAccount:
    """A fresh bot account: its own updates, transcripts, faults and counters."""
    number = next(_tokens)
    return botapi.add_bot(f"{number}:E2E-{number}", f"drogowskaz{number}_bot")


@dataclass
class RunningBot:
    """The real PTB Application polling the local server, with the real ConversationService."""

    settings: Settings
    application: AnyApplication
    service: ConversationService
    engine: Engine
    stopped: bool = field(default=False)

    async def stop(self) -> None:
        """Stop polling and shut the application down, as a SIGTERM would."""
        if self.stopped:
            return
        self.stopped = True
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        # Turns still running past their deadline finish before the engine goes.
        await asyncio.to_thread(self.service.close)
        self.engine.dispose()


StartBot = Callable[[str], Awaitable[RunningBot]]


def settings_for(botapi: BotApiServer, telegram: BotAccount, database_url: str) -> Settings:
    """Settings as `python -m bot` would read them, pointed at the local Bot API server."""
    return Settings(
        database_url=database_url,
        telegram_bot_token=telegram.token,
        telegram_api_url=botapi.base_url,
        state_secret=STATE_SECRET,
    )


async def start_application(
    settings: Settings, service: ConversationService | None = None, **build_options: Any
) -> RunningBot:
    """Build the application (opening the database for a new service unless one is given) and
    start it the way run_polling does; `build_options` go to build_application."""
    if service is None:
        service = ConversationService(
            settings, engine=open_database(settings.database_url), extensions=standard_extensions()
        )
    application = build_application(settings, service, **build_options)
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    updater = application.updater
    assert updater is not None
    await updater.start_polling(
        poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=list(ALLOWED_UPDATES)
    )
    await application.start()
    return RunningBot(settings, application, service, service._get_engine())


@pytest.fixture
async def start_bot(botapi: BotApiServer, telegram: BotAccount) -> AsyncIterator[StartBot]:
    """Start the bot on a database URL; every bot started is stopped after the test."""
    running: list[RunningBot] = []

    async def start(database_url: str) -> RunningBot:
        started = await start_application(settings_for(botapi, telegram, database_url))
        running.append(started)
        return started

    yield start
    for bot in running:
        await bot.stop()
