"""Structured logs (JSON lines) without personal data, and one timed line per update.

Privacy: a log line never holds a chat or user id, a name, or what a person wrote. Libraries
that echo whole requests (python-telegram-bot and httpx at DEBUG, SQLAlchemy's SQL echo, the
uvicorn access log) are held above DEBUG whatever LOG_LEVEL says, and every line passes a
redactor that blanks the bot token, the configured secrets and anything shaped like a token.
"""

from __future__ import annotations

import contextvars
import itertools
import json
import logging
import re
import secrets
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any, Final

REDACTED: Final = "[redacted]"
# A Bot API token: "<bot id>:<35 characters>"; matched loosely so test tokens are caught too.
TOKEN_PATTERN: Final = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{8,}")
# The token also appears in Bot API URL paths: /bot<token>/method, /file/bot<token>/path.
BOT_URL_PATTERN: Final = re.compile(r"/bot[^/\s\"']+")
# Loggers that log request or SQL payloads (message text, names, chat ids) below these levels.
QUIETED_LOGGERS: Final = {
    "aiohttp": logging.WARNING,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "telegram": logging.INFO,
    "sqlalchemy": logging.WARNING,
    "uvicorn.access": logging.WARNING,
    "hpack": logging.WARNING,
}
# Attributes every LogRecord has; anything else was passed with `extra=` and is a field.
_RECORD_ATTRIBUTES: Final = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys() | {"message", "asctime"}
)
_PROCESS_TAG: Final = secrets.token_hex(3)
_update_numbers = itertools.count(1)


def redact(text: str, secret_values: Iterable[str] = ()) -> str:
    """`text` with every secret value, Bot API token and /bot<token> URL part blanked."""
    for value in secret_values:
        if value:
            text = text.replace(value, REDACTED)
    text = BOT_URL_PATTERN.sub("/bot" + REDACTED, text)
    return TOKEN_PATTERN.sub(REDACTED, text)


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, `extra=` fields; redacted."""

    def __init__(self, secret_values: Iterable[str] = ()) -> None:
        """Blank `secret_values` (token, secrets) wherever they would appear."""
        super().__init__()
        self.secret_values = tuple(sorted({v for v in secret_values if v}, key=len, reverse=True))

    def format(self, record: logging.LogRecord) -> str:
        """The record as one redacted JSON line."""
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            # Tracebacks may quote a request URL (with the token); the redactor covers them too.
            entry["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, ensure_ascii=False, default=str), self.secret_values)


class RedactingFilter(logging.Filter):
    """Defence in depth: rewrites a record's message redacted before any handler formats it."""

    def __init__(self, secret_values: Iterable[str] = ()) -> None:
        """Blank `secret_values` (token, secrets) in every record's message."""
        super().__init__()
        self.secret_values = tuple(sorted({v for v in secret_values if v}, key=len, reverse=True))

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the message with its redacted rendering; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        record.msg = redact(message, self.secret_values)
        record.args = None
        return True


def configure_logging(
    level: str = "INFO", secret_values: Iterable[str] = (), stream: IO[str] | None = None
) -> logging.Handler:
    """Send every log line as redacted JSON to `stream` (stderr); returns the handler installed."""
    values = tuple(secret_values)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLinesFormatter(values))
    handler.addFilter(RedactingFilter(values))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(logging.getLevelNamesMapping().get(level.upper(), logging.INFO))
    quiet_chatty_loggers()
    return handler


def quiet_chatty_loggers() -> None:
    """Hold the libraries that log payloads (texts, names, token URLs) above DEBUG."""
    for name, minimum in QUIETED_LOGGERS.items():
        library = logging.getLogger(name)
        if library.level == logging.NOTSET or library.level < minimum:
            library.setLevel(minimum)


# --- one timed line per update -------------------------------------------------------------------


def opaque_update_id() -> str:
    """A per-process id for one update: not the Telegram update id, chat id or anything personal."""
    return f"{_PROCESS_TAG}-{next(_update_numbers)}"


@dataclass
class UpdateTiming:
    """When an update arrived and how long its phases took (milliseconds), for its log line."""

    received_at: float = field(default_factory=time.perf_counter)
    update_id: str = field(default_factory=opaque_update_id)
    started_at: float | None = None
    phases_ms: dict[str, float] = field(default_factory=dict)
    outcome: str = "ok"

    def start(self) -> None:
        """The update's turn has come (its chat's previous update is done and a slot is free)."""
        self.started_at = time.perf_counter()

    def fields(self) -> dict[str, Any]:
        """The log fields: opaque id, queue wait, each phase, total."""
        now = time.perf_counter()
        started = self.started_at if self.started_at is not None else now
        result: dict[str, Any] = {
            "update": self.update_id,
            "queue_ms": round((started - self.received_at) * 1000, 1),
        }
        for name, spent in self.phases_ms.items():
            result[f"{name}_ms"] = round(spent, 1)
        result["total_ms"] = round((now - self.received_at) * 1000, 1)
        result["outcome"] = self.outcome
        return result


_current_timing: contextvars.ContextVar[UpdateTiming | None] = contextvars.ContextVar(
    "drogowskaz_update_timing", default=None
)
update_logger = logging.getLogger("bot.updates")


def received_update() -> UpdateTiming:
    """Mark that an update arrived now (webhook request, poll); its line is written later."""
    timing = UpdateTiming()
    _current_timing.set(timing)
    return timing


@contextmanager
def timed_update() -> Iterator[UpdateTiming]:
    """Around the handling of one update: continues the arrival's clock (or starts one), and
    writes the INFO line with the opaque id and timings when it is done. Call `start()` on the
    timing when the update's turn comes; the wait before that is its queue time."""
    timing = _current_timing.get()
    token = None
    if timing is None or timing.started_at is not None:
        timing = UpdateTiming()
        token = _current_timing.set(timing)
    try:
        yield timing
    except BaseException:
        timing.outcome = "error"
        raise
    finally:
        update_logger.info("update handled", extra=timing.fields())
        if token is not None:
            _current_timing.reset(token)


@contextmanager
def timed_phase(name: str) -> Iterator[None]:
    """Add the time spent in the block to the current update's `name` phase (no-op outside one)."""
    timing = _current_timing.get()
    began = time.perf_counter()
    try:
        yield
    finally:
        if timing is not None:
            spent = (time.perf_counter() - began) * 1000
            timing.phases_ms[name] = timing.phases_ms.get(name, 0.0) + spent
