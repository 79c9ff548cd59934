"""Database outages through the real PTB stack: PostgreSQL behind a cuttable TCP proxy (the
shared server itself is never stopped) and a SQLite file that stops being a database.

Residents must still get 112 and the national 24/7 lines within the normal reply time, staff
and administrators a clear "try later", and the bot must recover by itself once the database
is back. Each test prints its measured reply times and recovery time (run with -s).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import TRY_LATER, ConversationService
from directory.db import open_database
from directory.i18n import translator
from tests.bot import test_faults
from tests.bot.conftest import STATE_SECRET, settings_for
from tests.bot.test_faults import StartFaultBot
from tests.botapi.server import BotAccount, BotApiServer, SentMessage
from tests.tcp_proxy import CutMode, TcpProxy

pytestmark = pytest.mark.e2e
fault_bot = test_faults.fault_bot  # the same fixture: short API timeouts and fast retries

ADMIN = 2900
STAFF_DEADLINE = 3.0
# "The normal reply time" a resident may wait, even with the database black-holing.
REPLY_BUDGET = 2.0
RECOVERY_BUDGET = 5.0


@pytest.fixture
def proxy(seeded_postgres_url: str) -> Iterator[TcpProxy]:
    """A TCP proxy in front of the shared PostgreSQL server (the database already seeded)."""
    target = make_url(seeded_postgres_url)
    with TcpProxy(target.host or "127.0.0.1", target.port or 5432) as started:
        yield started


def bot_settings(botapi: BotApiServer, telegram: BotAccount, database_url: str) -> Settings:
    """Settings as `python -m bot` reads them, with one administrator."""
    return replace(
        settings_for(botapi, telegram, database_url), admin_telegram_ids=frozenset({ADMIN})
    )


async def timed_reply(telegram: BotAccount, chat_id: int, send: str) -> tuple[float, str]:
    """Send `send` (text, or /command) and return (seconds to the first reply, all its text)."""
    started = time.perf_counter()
    if send.startswith("/"):
        telegram.send_command(chat_id, send[1:])
    else:
        telegram.send_text(chat_id, send)
    first = await telegram.wait_for_messages(chat_id, 1, timeout=15)
    more = await _rest(telegram, chat_id)
    return first[0].sent_at - started, "\n".join(m.plain_text for m in first + more)


async def _rest(telegram: BotAccount, chat_id: int) -> list[SentMessage]:
    try:
        return await telegram.wait_for_reply(chat_id, timeout=0.2, quiet=0.1)
    except TimeoutError:
        return []


async def outage_and_recovery(
    telegram: BotAccount, cut: object, restore: object, label: str
) -> None:
    """The shared scenario: serve, cut, check residents/staff/admin, restore, time recovery."""
    seconds, before = await timed_reply(telegram, 2001, "Pruszków")
    assert "powiat pruszkowski" in before

    cut()  # type: ignore[operator]
    cut_at = time.perf_counter()
    latencies: list[float] = []
    for chat in range(2002, 2008):
        seconds, during = await timed_reply(telegram, chat, "Pruszków, mąż mnie bije")
        latencies.append(seconds)
        assert "112" in during
        assert "116 123" in during
    try_later = translator("pl").gettext(TRY_LATER)
    admin_seconds, admin_reply = await timed_reply(telegram, ADMIN, "/stats")
    staff_seconds, staff_reply = await timed_reply(telegram, 2010, "/entry")
    # "Try later", closed like every answer with 112 and a national 24/7 line (issue 11, 4).
    for reply in (admin_reply, staff_reply):
        assert reply.startswith(try_later)
        assert "112" in reply.removeprefix(try_later)
        assert "116 123" in reply
    sos_seconds, sos = await timed_reply(telegram, 2011, "/sos")
    assert "116 123" in sos

    restore()  # type: ignore[operator]
    restored_at = time.perf_counter()
    recovered_after: float | None = None
    attempts = 0
    while time.perf_counter() - restored_at < 15:
        attempts += 1
        _seconds, after = await timed_reply(telegram, 2020 + attempts, "Pruszków")
        if "powiat pruszkowski" in after:
            recovered_after = time.perf_counter() - restored_at
            break
        await asyncio.sleep(0.1)
    print(
        f"\nDB {label}: outage {restored_at - cut_at:.1f} s; resident replies "
        f"{', '.join(f'{s * 1000:.0f}' for s in latencies)} ms (first one pays the deadline); "
        f"/sos {sos_seconds * 1000:.0f} ms; admin 'try later' {admin_seconds * 1000:.0f} ms, "
        f"staff {staff_seconds * 1000:.0f} ms; recovered {recovered_after} s after restore "
        f"({attempts} messages)"
    )
    assert max(latencies) < REPLY_BUDGET
    assert max(admin_seconds, staff_seconds, sos_seconds) < REPLY_BUDGET
    assert recovered_after is not None
    assert recovered_after < RECOVERY_BUDGET


@pytest.mark.postgres
@pytest.mark.parametrize("mode", ["blackhole", "refuse"])
async def test_postgres_outage_still_answers_residents_with_112_and_recovers_by_itself(
    fault_bot: StartFaultBot,
    botapi: BotApiServer,
    telegram: BotAccount,
    seeded_postgres_url: str,
    proxy: TcpProxy,
    mode: CutMode,
) -> None:
    settings = bot_settings(botapi, telegram, proxy.url_for(seeded_postgres_url))
    # The production path: the service opens the database itself from the URL.
    service = ConversationService(
        settings, staff_deadline_seconds=STAFF_DEADLINE, extensions=standard_extensions()
    )
    await fault_bot(seeded_postgres_url, service, settings=settings)
    await outage_and_recovery(telegram, lambda: proxy.cut(mode), proxy.restore, f"postgres {mode}")


@pytest.mark.postgres
async def test_the_bot_sessions_carry_a_statement_timeout_and_keepalives(
    seeded_postgres_url: str, proxy: TcpProxy
) -> None:
    settings = Settings(database_url=proxy.url_for(seeded_postgres_url), state_secret=STATE_SECRET)
    service = ConversationService(settings, extensions=standard_extensions())
    assert service.warm_up()
    try:
        with service._get_engine().connect() as connection:
            assert connection.scalar(text("SHOW statement_timeout")) == "5s"
    finally:
        service.close()


class UnreadableFile:
    """Make a SQLite file unreadable in place (every open connection sees it) and restore it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = b""

    def cut(self) -> None:
        self.original = self.path.read_bytes()
        with self.path.open("r+b") as handle:
            handle.write(b"this is not a database any more " * (len(self.original) // 32))

    def restore(self) -> None:
        self.path.write_bytes(self.original)


async def test_unreadable_sqlite_file_still_answers_residents_with_112_and_recovers_by_itself(
    fault_bot: StartFaultBot, botapi: BotApiServer, telegram: BotAccount, tmp_path: Path
) -> None:
    database = tmp_path / "drogowskaz.db"
    url = f"sqlite:///{database}"
    engine = open_database(url)
    with engine.begin() as connection:
        # Everything in the main file, so overwriting it really takes the data away.
        connection.execute(text("PRAGMA journal_mode=DELETE"))
    engine.dispose()
    settings = bot_settings(botapi, telegram, url)
    service = ConversationService(
        settings, staff_deadline_seconds=STAFF_DEADLINE, extensions=standard_extensions()
    )
    await fault_bot(url, service, settings=settings)
    file = UnreadableFile(database)
    await outage_and_recovery(telegram, file.cut, file.restore, "sqlite unreadable file")
