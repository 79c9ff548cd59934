"""A small Telegram Bot API server for end-to-end tests, fault injection and benchmarks."""

from tests.botapi.server import ApiCall, BotAccount, BotApiServer, Fault, SentMessage

__all__ = ["ApiCall", "BotAccount", "BotApiServer", "Fault", "SentMessage"]
