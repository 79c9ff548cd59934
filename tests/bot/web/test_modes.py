"""Where the web chat runs: `python -m bot --web` alone, beside Telegram long polling (the default
whenever a token is set), and on the webhook's own server — each as a real child process."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.config import ConfigError, Settings
from bot.webhook import SECRET_HEADER, WEBHOOK_PATH
from tests.bot.web.chat_server import STATE_SECRET, free_port, phones_in
from tests.botapi.server import BotAccount, BotApiServer

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 60.0
WEBHOOK_SECRET = "web-modes-webhook-secret-0123456789"


def test_the_web_chat_is_on_beside_telegram_by_default_and_off_for_the_console() -> None:
    assert Settings.from_env({"STATE_SECRET": "x", "TELEGRAM_BOT_TOKEN": "1:a"}).web_chat
    assert not Settings.from_env({"STATE_SECRET": "x"}).web_chat
    assert Settings.from_env({"STATE_SECRET": "x", "WEB_CHAT": "on"}).web_chat
    off = {"STATE_SECRET": "x", "TELEGRAM_BOT_TOKEN": "1:a", "WEB_CHAT": "off"}
    assert not Settings.from_env(off).web_chat


def test_web_settings_are_read_and_bad_ones_named() -> None:
    settings = Settings.from_env(
        {
            "STATE_SECRET": "x",
            "WEB_RATE_PER_SESSION": "10",
            "WEB_RATE_PER_ADDRESS": "0",
            "TRUSTED_PROXIES": "127.0.0.1, 10.0.0.2",
        }
    )
    assert settings.web_rate_per_session == 10
    assert settings.web_rate_per_address == 0
    assert settings.trusted_proxies == ("127.0.0.1", "10.0.0.2")
    defaults = Settings.from_env({"STATE_SECRET": "x"})
    assert (defaults.web_rate_per_session, defaults.web_rate_per_address) == (30, 600)
    with pytest.raises(ConfigError, match="WEB_CHAT"):
        Settings.from_env({"STATE_SECRET": "x", "WEB_CHAT": "maybe"})
    with pytest.raises(ConfigError, match="WEB_RATE_PER_SESSION"):
        Settings.from_env({"STATE_SECRET": "x", "WEB_RATE_PER_SESSION": "-1"})


@dataclass
class BotProcess:
    """`python -m bot …` as a child process, and where its web server listens."""

    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def log(self) -> str:
        """Everything the process printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def wait_until_serving(self) -> None:
        """Poll /healthz until it answers 200."""
        began = time.monotonic()
        async with httpx.AsyncClient(timeout=2) as client:
            while time.monotonic() - began < START_TIMEOUT:
                if self.process.poll() is not None:
                    raise AssertionError(f"exited early:\n{self.log()[-3000:]}")
                try:
                    if (await client.get(self.base_url + "/healthz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        raise AssertionError(f"not serving within {START_TIMEOUT}s:\n{self.log()[-3000:]}")

    def stop(self) -> int:
        """SIGTERM, as a deploy does; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode


@contextmanager
def bot_process(
    arguments: list[str], database_url: str, data_dir: Path, port: int, **env: str
) -> Iterator[BotProcess]:
    """Start `python -m bot ARGUMENTS` configured only by the environment; killed afterwards."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "WEBHOOK_", "BOT_", "WEB_"))
    }
    environment.update(
        {
            "DATABASE_URL": database_url,
            "STATE_SECRET": STATE_SECRET,
            "DROGOWSKAZ_DATA_DIR": str(data_dir),
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
    )
    log_path = data_dir / "bot.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", *arguments],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=log,
        )
    running = BotProcess(process, f"http://127.0.0.1:{port}", log_path)
    try:
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


async def assert_chat_page_with_112(base_url: str) -> None:
    """The chat page answers, with 112 on top."""
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
        page = await client.get("/", headers={"Accept-Language": "pl"})
    assert page.status_code == 200
    assert '<a class="call-112" href="tel:112">' in page.text
    assert phones_in(page.text)[0] == "112"


@pytest.mark.slow
async def test_python_m_bot_web_without_a_token_serves_the_chat_alone(
    seeded_sqlite_url: str, tmp_path: Path
) -> None:
    with bot_process(["--web"], seeded_sqlite_url, tmp_path, free_port()) as bot:
        await bot.wait_until_serving()
        await assert_chat_page_with_112(bot.base_url)
        async with httpx.AsyncClient(base_url=bot.base_url, timeout=10) as client:
            assert (await client.get("/readyz")).status_code == 200
        assert bot.stop() == 0


@pytest.mark.e2e
@pytest.mark.slow
async def test_with_a_token_telegram_and_the_web_chat_run_in_one_process(
    botapi: BotApiServer, telegram: BotAccount, seeded_sqlite_url: str, tmp_path: Path
) -> None:
    with bot_process(
        [],
        seeded_sqlite_url,
        tmp_path,
        free_port(),
        TELEGRAM_BOT_TOKEN=telegram.token,
        TELEGRAM_API_URL=botapi.base_url,
    ) as bot:
        await bot.wait_until_serving()
        telegram.send_text(7_100_001, "Pruszków")
        replies = await telegram.wait_for_reply(7_100_001, timeout=20)
        assert "powiat pruszkowski" in replies[0].plain_text
        await assert_chat_page_with_112(bot.base_url)
        assert bot.stop() == 0


@pytest.mark.e2e
@pytest.mark.slow
async def test_telegram_goes_on_when_the_web_chat_port_is_taken(
    botapi: BotApiServer, telegram: BotAccount, seeded_sqlite_url: str, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with bot_process(
            [],
            seeded_sqlite_url,
            tmp_path,
            port,
            TELEGRAM_BOT_TOKEN=telegram.token,
            TELEGRAM_API_URL=botapi.base_url,
        ) as bot:
            telegram.send_text(7_100_002, "Pruszków")
            replies = await telegram.wait_for_reply(7_100_002, timeout=START_TIMEOUT)
            assert "powiat pruszkowski" in replies[0].plain_text
            assert "web chat not served" in bot.log()
            assert bot.stop() == 0


@pytest.mark.e2e
@pytest.mark.slow
async def test_in_webhook_mode_telegram_and_the_web_chat_share_one_server(
    botapi: BotApiServer, telegram: BotAccount, seeded_sqlite_url: str, tmp_path: Path
) -> None:
    port = free_port()
    with bot_process(
        ["--webhook"],
        seeded_sqlite_url,
        tmp_path,
        port,
        TELEGRAM_BOT_TOKEN=telegram.token,
        TELEGRAM_API_URL=botapi.base_url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}{WEBHOOK_PATH}",
        WEBHOOK_SECRET=WEBHOOK_SECRET,
    ) as bot:
        await bot.wait_until_serving()
        telegram.send_text(7_100_003, "Pruszków")
        replies = await telegram.wait_for_reply(7_100_003, timeout=20)
        assert "powiat pruszkowski" in replies[0].plain_text
        await assert_chat_page_with_112(bot.base_url)
        async with httpx.AsyncClient(base_url=bot.base_url, timeout=10) as client:
            forged = await client.post(
                WEBHOOK_PATH, content=b"{}", headers={SECRET_HEADER: "wrong"}
            )
        assert forged.status_code == 403, "the webhook keeps its own secret check"
        assert bot.stop() == 0
