"""The container's start-up, run here without Docker: the Dockerfile's ENTRYPOINT and CMD, with its
ENV, on a temporary data directory and SQLite: it migrates, seeds, registers the webhook, serves
/healthz (also through the HEALTHCHECK command itself), and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.botapi.server import BotApiServer

REPO = Path(__file__).resolve().parents[1]
DOCKERFILE = REPO / "Dockerfile"
APP_DIR = "/app"  # WORKDIR in the image; the repository root here


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, rest = line.partition(" ")
            result.append((name.upper(), rest.strip()))
    return result


def final_stage() -> list[tuple[str, str]]:
    """The instructions of the last stage (the image that runs)."""
    found = instructions()
    last_from = max(i for i, (name, _) in enumerate(found) if name == "FROM")
    return found[last_from:]


def exec_form(arguments: str) -> list[str]:
    """An exec-form (JSON array) ENTRYPOINT/CMD."""
    value = json.loads(arguments)
    assert isinstance(value, list)
    return [str(part) for part in value]


def image_environment() -> dict[str, str]:
    """The ENV of the final stage (KEY=VALUE pairs, $PATH left to the caller)."""
    env: dict[str, str] = {}
    for name, arguments in final_stage():
        if name == "ENV":
            for pair in shlex.split(arguments):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def local_path(image_path: str) -> str:
    """A path inside the image as a path in this repository."""
    if image_path.startswith(APP_DIR + "/"):
        return str(REPO / image_path[len(APP_DIR) + 1 :])
    return image_path


def test_the_image_is_slim_multi_stage_non_root_with_a_healthcheck() -> None:
    found = instructions()
    stages = [arguments for name, arguments in found if name == "FROM"]
    assert len(stages) >= 2
    assert all(stage.startswith("python:3.11-slim") for stage in stages)
    final = dict(final_stage())
    user = final["USER"].split(":")[0]
    assert user not in {"root", "0"}
    assert "/healthz" in final["HEALTHCHECK"]
    for name, arguments in found:
        if name == "COPY" and "--from" not in arguments:
            for source in shlex.split(arguments)[:-1]:
                assert (REPO / source).exists(), f"COPY source missing: {source}"
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", ".git", "*.db", "state_secret", "webhook_secret"} <= set(ignored)


@pytest.fixture
def botapi() -> Iterator[BotApiServer]:
    with BotApiServer(token="424242:DOCKER-start-up-token") as server:
        yield server


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.slow
def test_the_start_up_sequence_migrates_and_serves_health_then_stops_on_sigterm(
    botapi: BotApiServer, tmp_path: Path
) -> None:
    final = dict(final_stage())
    command = [local_path(part) for part in exec_form(final["ENTRYPOINT"])]
    command += exec_form(final["CMD"])
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "BOT_"))}
    env.pop("DATABASE_URL", None)
    env.update(image_environment())
    env.update(
        {
            # The image's /opt/venv is this test's interpreter environment.
            "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
            "DROGOWSKAZ_DATA_DIR": str(tmp_path),
            "PORT": str(port),
            "HOST": "127.0.0.1",
            "TELEGRAM_BOT_TOKEN": botapi.account.token,
            "TELEGRAM_API_URL": botapi.base_url,
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "STATE_SECRET": "docker-start-up-state-secret-0123456789",
        }
    )
    log_path = tmp_path / "container.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    began = time.monotonic()
    try:
        serving = False
        while time.monotonic() - began < 120 and process.poll() is None:
            try:
                serving = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).is_success
            except httpx.TransportError:
                serving = False
            if serving:
                break
            time.sleep(0.2)
        output = log_path.read_text(encoding="utf-8", errors="replace")
        assert serving, output[-3000:]
        assert "database upgraded to head" in output
        healthcheck = exec_form(final["HEALTHCHECK"].split(" CMD ", 1)[1])
        probe = subprocess.run(healthcheck, env=env, timeout=10, check=False)
        assert probe.returncode == 0
        assert httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
        # The webhook was registered with a secret generated and kept in the data directory.
        secret = (tmp_path / "webhook_secret").read_text(encoding="ascii").strip()
        assert botapi.account.webhook == {
            "url": f"http://127.0.0.1:{port}/telegram",
            "secret_token": secret,
        }
        with sqlite3.connect(tmp_path / "drogowskaz.db") as database:
            (version,) = database.execute("SELECT version_num FROM alembic_version").fetchone()
            (services,) = database.execute("SELECT count(*) FROM services").fetchone()
        assert version
        assert services > 0
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(30)
    assert code == 0, log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
    lines = log_path.read_text(encoding="utf-8").splitlines()
    logged = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(line["message"] == "webhook registered" for line in logged)
    assert botapi.account.token not in log_path.read_text(encoding="utf-8")
