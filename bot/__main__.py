"""`python -m bot`: Telegram when TELEGRAM_BOT_TOKEN is set, else the console conversation.

`--webhook` (or BOT_MODE=webhook) serves Telegram's webhook on PORT; `--polling` forces long
polling. The web chat is served on HOST:PORT beside Telegram unless WEB_CHAT=off; `--web`
without a token serves the web chat alone instead of the console. Every setting comes from the
environment (docs/operations.md).

This is the composition root: the one place that builds the conversation service with its
extensions (staff and administrator commands) and hands it to the channel that runs.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings, check_webhook_settings
from bot.logging_setup import configure_logging

if TYPE_CHECKING:
    # Imported when a channel starts, so that a configuration error is reported at once.
    from bot.conversation import ConversationService
    from bot.extensions import Extensions


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line: only the mode; everything else is configured by environment variables."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--webhook", action="store_true", help="serve Telegram's webhook on PORT")
    mode.add_argument("--polling", action="store_true", help="long polling (the default)")
    parser.add_argument(
        "--web",
        action="store_true",
        help="serve the web chat on HOST:PORT (alone when no TELEGRAM_BOT_TOKEN is set)",
    )
    return parser.parse_args(argv)


def standard_extensions() -> Extensions:
    """The staff and administrator commands, buttons, deep links and text handlers."""
    from bot import admin, staff
    from bot.extensions import Extensions

    extensions = Extensions()
    staff.register(extensions)
    admin.register(extensions)
    return extensions


def conversation_service(settings: Settings) -> ConversationService:
    """The conversation service every channel of this process shares, with the extensions."""
    from bot.conversation import ConversationService

    return ConversationService(settings, extensions=standard_extensions())


def serve(settings: Settings) -> int:
    """Run the channel the settings ask for through one service; its exit status."""
    if not settings.telegram_bot_token and not settings.web_chat:
        # The console is for trying the bot: keep library chatter off the conversation.
        logging.getLogger().setLevel(logging.WARNING)
    service = conversation_service(settings)
    # Housekeeping runs as a job beside the channel, never inside a resident's turn.
    service.housekeeping.start()
    try:
        if settings.telegram_bot_token:
            return serve_telegram(settings, service)
        if settings.web_chat:
            from bot.web.server import run_web

            run_web(settings, service)
            return 0
        from bot.console import run

        return run(service)
    finally:
        service.close()


def serve_telegram(settings: Settings, service: ConversationService) -> int:
    """Telegram through the webhook (BOT_MODE=webhook) or long polling, with the web chat on
    HOST:PORT beside it unless WEB_CHAT=off."""
    if settings.bot_mode == "webhook":
        from bot.webhook import run_webhook

        run_webhook(settings, service)
        return 0
    if settings.web_chat:
        from bot.web.server import bind_web_socket, run_polling_with_web

        sock = bind_web_socket(settings)
        if sock is not None:
            run_polling_with_web(settings, sock, service)
            return 0
    from bot.telegram_app import run_polling

    run_polling(settings, service)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Start the right channel for the environment; a clear message and exit 2 on bad settings."""
    arguments = parse_arguments(argv)
    environ = dict(os.environ)
    if arguments.webhook:
        environ["BOT_MODE"] = "webhook"
    elif arguments.polling:
        environ["BOT_MODE"] = "polling"
    if arguments.web:
        environ["WEB_CHAT"] = "on"
    try:
        settings = Settings.from_env(environ)
        if settings.bot_mode == "webhook":
            check_webhook_settings(settings)
            from bot.webhook import webhook_secret_for

            # Resolved now (generated once if unset) so the log redactor knows it too.
            settings = replace(settings, webhook_secret=webhook_secret_for(settings))
    except ConfigError as error:
        print(f"drogowskaz: configuration error: {error}", file=sys.stderr)
        return 2
    configure_logging(
        settings.log_level,
        secret_values=(
            settings.telegram_bot_token or "",
            settings.state_secret,
            settings.webhook_secret or "",
        ),
    )
    return serve(settings)


if __name__ == "__main__":
    sys.exit(main())
