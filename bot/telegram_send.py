"""Sending to Telegram: one `Reply` as HTML text, inline buttons, a location keyboard or a photo,
every Bot API call retried through `deliver` (429s, 5xx answers, timeouts). Below both the
adapter (`bot.telegram_app`) and the staff reminders (`bot.reminders`), which send with it.
"""

from __future__ import annotations

import asyncio
import functools
import html
import logging
import random
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final, TypeAlias, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    ReplyKeyboardMarkup,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import Application

from bot.events import Button, ButtonKind, Reply
from bot.protocol import TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT

logger = logging.getLogger(__name__)

AnyApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]

# Inline URL buttons accept only these schemes; Telegram rejects tel: there (BUTTON_URL_INVALID).
BUTTON_URL_SCHEMES: Final = ("https://", "http://", "tg://")
# Buttons under the input field (a reply keyboard) rather than under a message.
KEYBOARD_KINDS: Final = frozenset({ButtonKind.LOCATION, ButtonKind.TEXT})
_TAG: Final = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class DeliveryPolicy:
    """How hard to try one Bot API call: bounded attempts, Telegram's retry_after honoured,
    exponential backoff with a cap for 5xx answers and network errors."""

    max_attempts: int = 8
    first_backoff_seconds: float = 0.5
    max_backoff_seconds: float = 10.0
    # A longer flood wait is not worth holding the chat for; the failure is logged instead.
    max_retry_after_seconds: float = 120.0


DEFAULT_DELIVERY: Final = DeliveryPolicy()
T = TypeVar("T")


def retry_after_seconds(error: RetryAfter) -> float:
    """Telegram's retry_after in seconds (PTB gives an int or, opted in, a timedelta)."""
    value: object = error.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)  # type: ignore[arg-type]


async def deliver(call: Callable[[], Awaitable[T]], policy: DeliveryPolicy = DEFAULT_DELIVERY) -> T:
    """Make one Bot API call, retrying what Telegram did not act on (429, 5xx, network errors).

    At-least-once by design: a timeout after the request was sent is ambiguous (Telegram has no
    idempotency key), and for a crisis line a repeated message is cheaper than a lost one.
    BadRequest and Forbidden are final and raised at once.
    """
    attempt = 1
    while True:
        try:
            return await call()
        except RetryAfter as error:
            delay = retry_after_seconds(error)
            if attempt >= policy.max_attempts or delay > policy.max_retry_after_seconds:
                raise
            logger.warning("Telegram flood control: retry %d in %.1f s", attempt, delay)
        except BadRequest:
            raise
        except NetworkError as error:
            if attempt >= policy.max_attempts:
                raise
            ceiling = min(
                policy.max_backoff_seconds, policy.first_backoff_seconds * 2 ** (attempt - 1)
            )
            # Jitter spreads the retries of many chats so a recovering API is not hit at once.
            delay = random.uniform(ceiling / 2, ceiling)
            logger.warning(
                "Telegram call failed (%s): retry %d in %.2f s",
                type(error).__name__,
                attempt,
                delay,
            )
        await asyncio.sleep(delay)
        attempt += 1


# Keyboards repeat (the crisis buttons, the results' follow-ups): PTB's markup objects are
# immutable, so each distinct one is built once instead of for every message.
@functools.lru_cache(maxsize=512)
def inline_keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """The inline keyboard for callback and URL buttons (location buttons cannot be inline)."""
    keyboard: list[list[InlineKeyboardButton]] = []
    for row in rows:
        line: list[InlineKeyboardButton] = []
        for button in row:
            if button.kind is ButtonKind.CALLBACK:
                line.append(InlineKeyboardButton(button.label, callback_data=button.data))
            elif button.kind is ButtonKind.URL:
                if button.url.lower().startswith(BUTTON_URL_SCHEMES):
                    line.append(InlineKeyboardButton(button.label, url=button.url))
                else:
                    # A rejected button would lose the whole message; the number is in the text.
                    logger.warning("dropped an inline URL button with an unsupported scheme")
        if line:
            keyboard.append(line)
    return InlineKeyboardMarkup(keyboard) if keyboard else None


@functools.lru_cache(maxsize=64)
def reply_keyboard(rows: tuple[tuple[Button, ...], ...]) -> ReplyKeyboardMarkup | None:
    """A one-time keyboard under the input field for the reply's location and text buttons."""
    keyboard = [
        [
            KeyboardButton(
                button.label, request_location=True if button.kind is ButtonKind.LOCATION else None
            )
            for button in row
            if button.kind in KEYBOARD_KINDS
        ]
        for row in rows
    ]
    keyboard = [row for row in keyboard if row]
    if not keyboard:
        return None
    return ReplyKeyboardMarkup(keyboard, resize_keyboard=True, one_time_keyboard=True)


def plain_chunks(telegram_html: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """The text without markup, in pieces Telegram accepts (the last-resort way to deliver)."""
    text = html.unescape(_TAG.sub("", telegram_html)).strip() or "112"
    return [text[start : start + limit] for start in range(0, len(text), limit)]


async def send_reply(application: AnyApplication, chat_id: int, reply: Reply) -> None:
    """Send one Reply: HTML text, inline buttons, a location keyboard, or a photo.

    Every call goes through `deliver`: 429s, 5xx answers and timeouts are retried.
    """
    bot = application.bot
    policy: DeliveryPolicy = application.bot_data.get("delivery", DEFAULT_DELIVERY)
    inline = inline_keyboard(reply.buttons)
    keyboard = reply_keyboard(reply.buttons)
    if reply.photo_png is not None:
        caption_fits = len(reply.text) <= TELEGRAM_CAPTION_LIMIT
        photo = reply.photo_png
        await deliver(
            lambda: bot.send_photo(
                chat_id,
                photo,
                caption=reply.text if caption_fits else None,
                parse_mode=ParseMode.HTML,
                reply_markup=inline if caption_fits else None,
            ),
            policy,
        )
        if caption_fits:
            return
    markup = inline or keyboard
    try:
        await deliver(
            lambda: bot.send_message(
                chat_id,
                reply.text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            ),
            policy,
        )
    except BadRequest as error:
        # A rendering bug must not keep 112 from a person in crisis: send the words plainly.
        logger.error("reply rejected (%s); sending it as plain text", type(error).__name__)
        # Keep the buttons only when the markup was not what Telegram refused.
        keep = markup if "parse entities" in error.message.lower() else None
        for chunk in plain_chunks(reply.text):
            await deliver(
                functools.partial(bot.send_message, chat_id, chunk, reply_markup=keep),
                policy,
            )
    if inline is not None and keyboard is not None:
        # One message carries one keyboard: the location request follows under its own label.
        label = next(b.label for row in reply.buttons for b in row if b.kind in KEYBOARD_KINDS)
        await deliver(
            lambda: bot.send_message(chat_id, html.escape(label), reply_markup=keyboard), policy
        )
