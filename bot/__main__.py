"""`python -m bot`: Telegram when TELEGRAM_BOT_TOKEN is set, else the console conversation."""

from __future__ import annotations

import logging
import sys

from bot.config import ConfigError, Settings


def main() -> int:
    """Start the right channel for the environment; a clear message and exit 2 on bad settings."""
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        print(f"drogowskaz: configuration error: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=getattr(logging, settings.log_level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if settings.telegram_bot_token:
        from bot import telegram_app

        telegram_app.run(settings)
        return 0
    # The console is for trying the bot: keep library chatter off the conversation.
    logging.getLogger().setLevel(logging.WARNING)
    from bot.console import run

    return run(settings)


if __name__ == "__main__":
    sys.exit(main())
