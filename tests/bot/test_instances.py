"""Two real `python -m bot --webhook` processes on one PostgreSQL database.

Updates of one conversation go alternately to each instance (posted by the test with the secret
header, as Telegram would), and pairs of updates of one chat are fired at both at the same
moment: the state lives in the database, read per update, and the chat's row lock serialises them.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from bot.state import state_key
from bot.webhook import SECRET_HEADER, WEBHOOK_PATH
from directory.db import open_database
from directory.models import ConversationState
from tests.botapi.server import BotAccount, BotApiServer

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
STATE_SECRET = "instances-state-secret-0123456789abcdef"
WEBHOOK_SECRET = "instances-webhook-secret-0123456789"
START_TIMEOUT = 90.0
_update_ids = itertools.count(1)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Instance:
    """One bot process in webhook mode."""

    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    def log(self) -> str:
        """Everything the process logged so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def webhook_environment(
    botapi: BotApiServer, telegram: BotAccount, database_url: str, port: int, data_dir: Path
) -> dict[str, str]:
    """The environment a deployment would give the bot, pointed at the local Bot API server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "BOT_"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "TELEGRAM_BOT_TOKEN": telegram.token,
            "TELEGRAM_API_URL": botapi.base_url,
            "WEBHOOK_URL": f"http://127.0.0.1:{port}{WEBHOOK_PATH}",
            "WEBHOOK_SECRET": WEBHOOK_SECRET,
            "STATE_SECRET": STATE_SECRET,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "LOG_LEVEL": "DEBUG",
            "DROGOWSKAZ_DATA_DIR": str(data_dir),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


async def wait_until_serving(instance: Instance, limit: float = START_TIMEOUT) -> float:
    """Poll /healthz until it answers 200; returns the seconds it took."""
    began = time.monotonic()
    async with httpx.AsyncClient(timeout=2) as client:
        while time.monotonic() - began < limit:
            if instance.process.poll() is not None:
                raise AssertionError(f"bot exited early:\n{instance.log()[-3000:]}")
            try:
                if (await client.get(instance.url + "/healthz")).status_code == 200:
                    return time.monotonic() - began
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"bot did not serve within {limit}s:\n{instance.log()[-3000:]}")


def stop(instance: Instance, timeout: float = 30) -> int:
    """SIGTERM, as a deploy does; returns the exit code."""
    if instance.process.poll() is None:
        instance.process.send_signal(signal.SIGTERM)
        try:
            instance.process.wait(timeout)
        except subprocess.TimeoutExpired:
            instance.process.kill()
            instance.process.wait(5)
    return instance.process.returncode


@asynccontextmanager
async def two_instances(
    botapi: BotApiServer, telegram: BotAccount, database_url: str, tmp_path: Path
) -> AsyncIterator[tuple[Instance, Instance]]:
    """Two webhook processes on one database, serving; both stopped (SIGTERM) afterwards."""
    # Migrated once beforehand, as the container's start script does before the bot starts.
    open_database(database_url).dispose()
    instances: list[Instance] = []
    try:
        for name in ("a", "b"):
            port = free_port()
            data_dir = tmp_path / name
            data_dir.mkdir()
            log_path = tmp_path / f"{name}.log"
            with log_path.open("wb") as log:
                process = subprocess.Popen(  # noqa: ASYNC220 - returns at once
                    [sys.executable, "-m", "bot", "--webhook"],
                    cwd=REPO,
                    env=webhook_environment(botapi, telegram, database_url, port, data_dir),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            instances.append(Instance(process, f"http://127.0.0.1:{port}", log_path))
        await asyncio.gather(*(wait_until_serving(instance) for instance in instances))
        yield instances[0], instances[1]
    finally:
        codes = [stop(instance) for instance in instances]
        assert codes == [0] * len(instances), [i.log()[-2000:] for i in instances]


def text_update(chat_id: int, text: str) -> dict[str, Any]:
    """A private-chat message update, with the bot_command entity for a leading command."""
    person = {
        "id": chat_id,
        "is_bot": False,
        "first_name": f"Osoba{chat_id}",
        "language_code": "pl",
    }
    message: dict[str, Any] = {
        "message_id": next(_update_ids),
        "from": person,
        "chat": {"id": chat_id, "type": "private", "first_name": f"Osoba{chat_id}"},
        "date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        length = len(text.split(" ", 1)[0])
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": next(_update_ids), "message": message}


async def post(
    client: httpx.AsyncClient, instance: Instance, update: dict[str, Any]
) -> tuple[float, float]:
    """POST an update like Telegram does; (sent, answered) once the instance has handled it."""
    sent = time.perf_counter()
    response = await client.post(
        instance.url + WEBHOOK_PATH, json=update, headers={SECRET_HEADER: WEBHOOK_SECRET}
    )
    assert response.status_code == 200
    return sent, time.perf_counter()


def stored_state(database_url: str, chat_id: int) -> dict[str, Any] | None:
    """The chat's state as stored (read straight from the table)."""
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            row = session.get(ConversationState, state_key(STATE_SECRET, chat_id))
            return dict(row.data) if row is not None and row.data else None
    finally:
        engine.dispose()


# Each step: (instance index, what the person writes, text the reply must contain).
# Steps 3 and 5 can only pass if that instance read what the *other* one saved.
CONVERSATION = (
    (0, "/start", "Drogowskaz"),
    (1, "Pruszków", "powiat pruszkowski"),
    (0, "mąż mnie bije", "powiat pruszkowski"),
    (1, "/lang en", "Language: English"),
    (0, "/help", "this help"),
    (1, "/sos", "112"),
)


@pytest.fixture
def chats() -> itertools.count[int]:
    """Distinctive chat ids, so a leaked id would stand out in the logs."""
    return itertools.count(731_000_001)


async def test_a_conversation_alternating_between_two_instances_continues_and_races_are_serialised(
    botapi: BotApiServer,
    telegram: BotAccount,
    seeded_postgres_url: str,
    tmp_path: Path,
    chats: itertools.count[int],
) -> None:
    conversations, race_trials = 10, 25
    used_chats: list[int] = []
    async with (
        two_instances(botapi, telegram, seeded_postgres_url, tmp_path) as instances,
        httpx.AsyncClient(timeout=30) as client,
    ):
        # --- alternating: ten conversations at once, each step on the other instance ---

        async def converse(chat: int) -> int:
            answered = 0
            for index, text, expected in CONVERSATION:
                await post(client, instances[index], text_update(chat, text))
                replies = await telegram.wait_for_reply(chat, timeout=10, quiet=0.05)
                joined = "\n".join(m.plain_text for m in replies)
                assert expected in joined, (text, joined[:500])
                answered += 1
            return answered

        alternating_chats = [next(chats) for _ in range(conversations)]
        used_chats += alternating_chats
        answered = await asyncio.gather(*(converse(chat) for chat in alternating_chats))
        assert sum(answered) == conversations * len(CONVERSATION)
        for chat in alternating_chats:
            state = stored_state(seeded_postgres_url, chat)
            assert state is not None
            assert (state["lang"], state["powiat"], state["crisis"]) == ("en", "1421", "violence")

        # --- races: two updates of one chat at both instances at the same moment ---
        overlapping = 0
        for trial in range(race_trials):
            chat = next(chats)
            used_chats.append(chat)
            # The chat already has a stored state, so both must read and rewrite the same row.
            await post(client, instances[trial % 2], text_update(chat, "/start"))
            telegram.mark_read(chat)
            place, language = text_update(chat, "Pruszków"), text_update(chat, "/lang en")
            timings = await asyncio.gather(
                post(client, instances[0], place), post(client, instances[1], language)
            )
            # Both requests were in flight together: the first answer came after both were sent.
            overlapping += max(sent for sent, _ in timings) < min(done for _, done in timings)
            # Both were answered before their requests were (acknowledged after sending): the
            # place reply and the language reply (its note plus the current step) are all there.
            replies = telegram.unread(chat)
            telegram.mark_read(chat)
            assert len(replies) >= 3
            texts = [m.plain_text for m in replies]
            assert sum("Language: English" in t for t in texts) == 1
            # Whichever ran second saw the first one's effect: the place, shown in English.
            assert any("Place: Pruszków — powiat pruszkowski" in t for t in texts), texts
            state = stored_state(seeded_postgres_url, chat)
            assert state is not None
            assert (state["lang"], state["powiat"]) == ("en", "1421")
        assert overlapping == race_trials
    logs = instances[0].log() + instances[1].log()
    assert logs.count('"update handled"') == conversations * len(CONVERSATION) + 3 * race_trials
    for forbidden in (telegram.token, STATE_SECRET, WEBHOOK_SECRET, "Osoba", "Pruszk", "mąż"):
        assert forbidden not in logs, forbidden
    for chat in used_chats:
        assert str(chat) not in logs
