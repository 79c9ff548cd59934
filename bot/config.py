"""Runtime settings, read once from the environment."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

STATE_SECRET_FILE: Final = "state_secret"  # noqa: S105 - a file name, not a secret
WEBHOOK_SECRET_FILE: Final = "webhook_secret"  # noqa: S105 - a file name, not a secret
BOT_MODES: Final = ("polling", "webhook")
# In a container the webhook must be reachable from outside it; behind a proxy set HOST.
DEFAULT_HOST: Final = "0.0.0.0"  # noqa: S104
# Telegram accepts only these characters in setWebhook's secret_token, 1-256 of them.
WEBHOOK_SECRET_PATTERN: Final = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
SWITCH_ON: Final = frozenset({"on", "1", "true", "yes"})
SWITCH_OFF: Final = frozenset({"off", "0", "false", "no"})


class ConfigError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where local files (SQLite database, generated secret) live: DROGOWSKAZ_DATA_DIR or cwd."""
    env = os.environ if environ is None else environ
    return Path(env.get("DROGOWSKAZ_DATA_DIR") or Path.cwd())


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None


def _non_negative(env: Mapping[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value < 0:
        raise ConfigError(f"{name} must be 0 (no limit) or more, got {value}")
    return value


def _admin_ids(raw: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ConfigError(
                f"ADMIN_TELEGRAM_IDS must be a comma-separated list of numeric ids, got {part!r}"
            ) from None
    return frozenset(ids)


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in SWITCH_ON:
        return True
    if raw in SWITCH_OFF:
        return False
    raise ConfigError(f"{name} must be 'on' or 'off', got {raw!r}")


def _addresses(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.replace(";", ",").split(",") if part.strip())


def load_or_create_state_secret(directory: Path) -> str:
    """The state secret kept in `directory` (mode 0600), created on first use."""
    return load_or_create_secret(directory, STATE_SECRET_FILE)


def load_or_create_secret(directory: Path, filename: str) -> str:
    """A random secret kept in `directory/filename` (mode 0600), created on first use."""
    path = directory / filename
    if path.exists():
        existing = path.read_text(encoding="ascii").strip()
        if existing:
            return existing
    directory.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    # Created with 0600 from the start so the secret is never briefly world-readable.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    path.chmod(0o600)
    return value


@dataclass(frozen=True)
class Settings:
    """Everything the bot needs to run; secrets are excluded from repr so they never reach logs."""

    database_url: str | None = None
    telegram_bot_token: str | None = field(default=None, repr=False)
    telegram_api_url: str | None = None
    bot_mode: str = "polling"
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    port: int = 8080
    host: str = DEFAULT_HOST
    state_secret: str = field(default="", repr=False)
    state_ttl_hours: int = 24
    admin_telegram_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    usage_retention_days: int = 730
    suppression_k: int = 5
    stale_after_days: int = 90
    # The web chat (bot/web): on by default whenever a token is set, or with `--web`.
    web_chat: bool = False
    web_rate_per_session: int = 30
    web_rate_per_address: int = 600
    trusted_proxies: tuple[str, ...] = ()
    public_url: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from the environment, failing with a clear ConfigError."""
        env = os.environ if environ is None else environ

        def text(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        bot_mode = (text("BOT_MODE") or "polling").lower()
        if bot_mode not in BOT_MODES:
            raise ConfigError(f"BOT_MODE must be 'polling' or 'webhook', got {bot_mode!r}")
        state_secret = text("STATE_SECRET")
        if state_secret is None:
            if bot_mode == "webhook":
                raise ConfigError(
                    "STATE_SECRET must be set in webhook mode (a long random string, e.g. "
                    "`python -c 'import secrets; print(secrets.token_hex(32))'`); it keys the "
                    "conversation state and must stay the same across restarts and instances"
                )
            state_secret = load_or_create_state_secret(data_dir(env))
        ttl = _int(env, "STATE_TTL_HOURS", 24)
        if ttl <= 0:
            raise ConfigError("STATE_TTL_HOURS must be positive")
        return cls(
            database_url=text("DATABASE_URL"),
            telegram_bot_token=text("TELEGRAM_BOT_TOKEN"),
            telegram_api_url=text("TELEGRAM_API_URL"),
            bot_mode=bot_mode,
            webhook_url=text("WEBHOOK_URL"),
            webhook_secret=text("WEBHOOK_SECRET"),
            port=_int(env, "PORT", 8080),
            host=text("HOST") or DEFAULT_HOST,
            state_secret=state_secret,
            state_ttl_hours=ttl,
            admin_telegram_ids=_admin_ids(env.get("ADMIN_TELEGRAM_IDS", "")),
            log_level=(text("LOG_LEVEL") or "INFO").upper(),
            usage_retention_days=_int(env, "USAGE_RETENTION_DAYS", 730),
            suppression_k=_int(env, "SUPPRESSION_K", 5),
            stale_after_days=_int(env, "STALE_AFTER_DAYS", 90),
            web_chat=_switch(env, "WEB_CHAT", default=text("TELEGRAM_BOT_TOKEN") is not None),
            web_rate_per_session=_non_negative(env, "WEB_RATE_PER_SESSION", 30),
            web_rate_per_address=_non_negative(env, "WEB_RATE_PER_ADDRESS", 600),
            trusted_proxies=_addresses(env.get("TRUSTED_PROXIES", "")),
            public_url=text("PUBLIC_URL"),
        )


def public_base_url(settings: Settings) -> str:
    """Where people reach the web chat and panel: PUBLIC_URL, else the webhook's origin, else
    this machine's HOST:PORT (for trying it locally)."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    if settings.webhook_url:
        parts = urlsplit(settings.webhook_url)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    host = "127.0.0.1" if settings.host in {"0.0.0.0", "::", ""} else settings.host  # noqa: S104
    return f"http://{host}:{settings.port}"


def check_webhook_settings(settings: Settings) -> None:
    """Refuse webhook mode without what it needs; the ConfigError says what to set."""
    if not settings.telegram_bot_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN must be set in webhook mode")
    if not settings.state_secret:
        raise ConfigError("STATE_SECRET must be set in webhook mode")
    url = settings.webhook_url or ""
    if not url.startswith(("https://", "http://")):
        raise ConfigError(
            "WEBHOOK_URL must be set in webhook mode: the public https:// address Telegram "
            "posts updates to (ending in /telegram, e.g. https://bot.example.org/telegram)"
        )
    secret = settings.webhook_secret
    if secret is not None and not WEBHOOK_SECRET_PATTERN.match(secret):
        raise ConfigError(
            "WEBHOOK_SECRET may hold only letters, digits, _ and -, at most 256 of them"
        )
    if not 0 < settings.port < 65536:
        raise ConfigError(f"PORT must be between 1 and 65535, got {settings.port}")
