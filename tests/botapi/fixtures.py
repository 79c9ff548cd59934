"""Fixtures for tests that call the local Bot API server directly: import them into the module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.botapi.server import BotAccount, BotApiServer

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000200a1e5b3a90000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def server() -> Iterator[BotApiServer]:
    """One server for the module; each test uses its own bot token."""
    with BotApiServer() as running:
        yield running


@pytest.fixture
def account(server: BotApiServer, request: pytest.FixtureRequest) -> BotAccount:
    """A fresh bot account so tests do not see each other's updates."""
    number = abs(hash(request.node.name)) % 10**8 + 10**8
    return server.add_bot(f"{number}:T{number}", f"test{number}_bot")
