"""The Telegram channel: a thin python-telegram-bot adapter around ConversationService.

Updates become `bot.events.Event`s, the service answers with `Reply`s, and those become
Telegram messages. No conversation state lives here (no ConversationHandler, no persistence):
the service keeps it in the database, so a restarted process continues every conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import html
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

from telegram import (
    BotCommand,
    BotCommandScopeDefault,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.admin import schedule_retention
from bot.config import Settings
from bot.conversation import (
    Answer,
    ConversationService,
    LiveDirectory,
    is_single_writer,
)
from bot.crisis_type import warm_up as warm_crisis_reader
from bot.events import Event, EventKind, Reply
from bot.extensions import Extensions
from bot.logging_setup import timed_phase, timed_update
from bot.protocol import command_list, command_names
from bot.reminders import schedule_reminders
from bot.screening import Screening, screen
from bot.telegram_http import AiohttpRequest
from bot.telegram_send import (
    DEFAULT_DELIVERY,
    AnyApplication,
    DeliveryPolicy,
    send_reply,
)
from directory.i18n import N_, language_for, translator

logger = logging.getLogger(__name__)

CHANNEL: Final = "telegram"
ALLOWED_UPDATES: Final = (Update.MESSAGE, Update.CALLBACK_QUERY)
DEFAULT_CONCURRENT_UPDATES: Final = 8
MAX_BACKLOG: Final = 4096
# (Telegram language_code, our language): Russian-language clients get the Ukrainian menu (README).
MENU_LANGUAGES: Final = (("pl", "pl"), ("uk", "uk"), ("ru", "uk"), ("", "en"))
GROUP_NOTE: Final = N_(
    "I work only in a private chat: please write to me directly. In immediate danger, call 112."
)
SLOW_DOWN_NOTE: Final = N_(
    "You are writing faster than I can answer, so I skipped some of your messages. Please send "
    "your next message in a moment. If you are in danger right now, call 112."
)
DEFAULT_API_TIMEOUT_SECONDS: Final = 5.0


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of different chats run concurrently; those of one chat strictly one at a time.

    Two updates of one chat must never race on that chat's stored state. A chat waits for its
    turn *before* taking one of the shared `turns` slots, so a flooding chat cannot starve the
    others. The slot covers only the conversation turn, not sending: a reply waiting out a
    Telegram 429 or 5xx holds up its own chat and no other.
    """

    def __init__(self, max_concurrent_updates: int = DEFAULT_CONCURRENT_UPDATES) -> None:
        """Run up to `max_concurrent_updates` conversation turns at the same time."""
        # PTB holds its own slot while do_process_update waits; its limit is only a backlog
        # bound here, the real limit is `turns`, taken by the handler after the chat's turn.
        super().__init__(MAX_BACKLOG)
        self.turns = asyncio.Semaphore(max_concurrent_updates)
        self._chat_locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this chat's turn, then run the handlers."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            with timed_update() as timing:
                timing.start()
                await coroutine
            return
        lock, users = self._chat_locks.get(chat.id, (asyncio.Lock(), 0))
        self._chat_locks[chat.id] = (lock, users + 1)
        try:
            with timed_update() as timing:
                async with lock:
                    timing.start()
                    await coroutine
        finally:
            lock, users = self._chat_locks[chat.id]
            if users <= 1:
                del self._chat_locks[chat.id]
            else:
                self._chat_locks[chat.id] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


class Admission(Enum):
    """What to do with one update of a chat, by the flood gate."""

    ANSWER = "answer"
    WARN = "warn"
    DROP = "drop"


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False
    urgent_answered: bool = False


class FloodGate:
    """A token bucket per chat: a burst of `burst` updates, then `rate` per second.

    Beyond that a chat gets one polite "slow down" note (with 112) and the rest are dropped,
    until it has been calm long enough to refill the bucket. An update that screens as
    immediate danger (or /sos) still gets through once per flood: safety before fairness.
    """

    def __init__(
        self,
        burst: float = 8.0,
        rate: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        max_chats: int = 100_000,
    ) -> None:
        """Allow `burst` updates at once and `rate` per second after that, per chat."""
        self.burst = burst
        self.rate = rate
        self._clock = clock
        self._max_chats = max_chats
        self._buckets: dict[int, _Bucket] = {}

    def admit(self, chat_id: int, *, urgent: bool | Callable[[], bool] = False) -> Admission:
        """Take a token for one update of `chat_id`; say whether to answer, warn or drop it.

        `urgent` may be a callable: it is then asked only for a chat that is out of tokens, so
        the normal path does not screen every text twice (here and in the dialogue).
        """
        now = self._clock()
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            if len(self._buckets) >= self._max_chats:
                self._forget_calm_chats(now)
            bucket = self._buckets[chat_id] = _Bucket(tokens=self.burst, updated=now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= self.burst:
            bucket.warned = bucket.urgent_answered = False  # calm again: a new flood may warn
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return Admission.ANSWER
        if not bucket.urgent_answered and (urgent() if callable(urgent) else urgent):
            bucket.urgent_answered = True
            return Admission.ANSWER
        if not bucket.warned:
            bucket.warned = True
            return Admission.WARN
        return Admission.DROP

    def _forget_calm_chats(self, now: float) -> None:
        self._buckets = {
            chat: bucket
            for chat, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.updated) * self.rate < self.burst
        }


def is_urgent(event: Event, screening: Screening | None = None) -> bool:
    """/sos or a message that screens as immediate danger (`screening`, when it was already
    screened): never silently dropped."""
    if event.kind is EventKind.COMMAND:
        return event.command == "sos"
    return event.kind is EventKind.TEXT and (screening or screen(event.text)).immediate_danger


def file_url_for(api_url: str) -> str:
    """The file download base URL matching a Bot API base URL (…/bot → …/file/bot)."""
    if api_url.endswith("/bot"):
        return api_url[: -len("/bot")] + "/file/bot"
    return api_url.rstrip("/") + "/file/bot"


def command_from_message(message: Message) -> tuple[str, str] | None:
    """(command without slash or @botname, lowercased; args) when the message starts with one."""
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            head = message.parse_entity(entity)
            name = head[1:].split("@", 1)[0].lower()
            return name, text[len(head) :].strip()
    return None


def event_from_update(update: Update) -> Event | None:
    """The channel-independent event for a private-chat update; None for anything else."""
    user = update.effective_user
    language_code = user.language_code if user else None
    user_id = user.id if user else None
    query = update.callback_query
    if query is not None:
        return Event(
            kind=EventKind.BUTTON,
            data=query.data or "",
            language_code=language_code,
            channel=CHANNEL,
            user_id=user_id,
        )
    message = update.message
    if message is None:
        return None
    if message.location is not None:
        return Event(
            kind=EventKind.LOCATION,
            latitude=message.location.latitude,
            longitude=message.location.longitude,
            language_code=language_code,
            channel=CHANNEL,
            user_id=user_id,
        )
    command = command_from_message(message)
    if command is not None:
        name, args = command
        return Event(
            kind=EventKind.COMMAND,
            command=name,
            args=args,
            text=message.text or "",
            language_code=language_code,
            channel=CHANNEL,
            user_id=user_id,
        )
    # Stickers, photos and voice notes carry no text: they still get an answer (no dead end).
    return Event(
        kind=EventKind.TEXT,
        text=message.text or message.caption or "",
        language_code=language_code,
        channel=CHANNEL,
        user_id=user_id,
    )


def _service(context: ContextTypes.DEFAULT_TYPE) -> ConversationService:
    return _service_of(context.application)


def _service_of(application: AnyApplication) -> ConversationService:
    service: ConversationService = application.bot_data["service"]
    return service


def _turn_slot(application: AnyApplication) -> contextlib.AbstractAsyncContextManager[Any]:
    processor = application.update_processor
    if isinstance(processor, PerChatUpdateProcessor):
        return processor.turns
    return contextlib.nullcontext()


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE, event: Event) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    # The text's screening when the flood gate needed it: the turn gets it instead of screening
    # the same message again.
    screened: list[Screening] = []

    def urgent() -> bool:
        if event.kind is EventKind.TEXT and not screened:
            screened.append(screen(event.text))
        return is_urgent(event, screened[0] if screened else None)

    gate: FloodGate | None = context.bot_data.get("flood_gate")
    if gate is not None:
        admission = gate.admit(chat.id, urgent=urgent)
        if admission is Admission.DROP:
            logger.info("flood: update dropped")
            return
        if admission is Admission.WARN:
            logger.info("flood: chat asked to slow down")
            lang = language_for(event.language_code)
            note = Reply(text=html.escape(translator(lang).gettext(SLOW_DOWN_NOTE)))
            # Closed like every answer: 112 and a national 24/7 line (bundled: no database here).
            for reply in ConversationService.answer(Answer([note], lang)):
                await send_reply(context.application, chat.id, reply)
            return
    async with _turn_slot(context.application):
        with timed_phase("handle"):
            # One thread crossing: the turn runs on the service's worker, the loop just waits.
            replies = await _service(context).handle_async(
                chat.id, event, screened[0] if screened else None
            )
    with timed_phase("send"):
        for reply in replies:
            await send_reply(context.application, chat.id, reply)


async def on_private_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text, commands, shared locations and anything else a person sends in private chat."""
    event = event_from_update(update)
    if event is not None:
        logger.debug("update %s: %s", update.update_id, event.kind)
        await _answer(update, context, event)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed inline button: stop the spinner at once, then answer like any other event."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.answer()
    except TelegramError as error:
        # An expired query still deserves the reply; only the spinner is lost.
        logger.warning("callback answer failed: %s", type(error).__name__)
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    event = event_from_update(update)
    if event is not None:
        logger.debug("update %s: %s", update.update_id, event.kind)
        await _answer(update, context, event)


async def on_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Groups: one short note that the bot works only in private chat; the text is never read."""
    chat = update.effective_chat
    if chat is None:
        return
    user = update.effective_user
    lang = language_for(user.language_code if user else None)
    note = Reply(text=html.escape(translator(lang).gettext(GROUP_NOTE)))
    for reply in ConversationService.answer(Answer([note], lang)):
        await context.bot.send_message(chat.id, reply.text, parse_mode=ParseMode.HTML)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception type only: the update may hold what a person in crisis wrote."""
    logger.error("update handling failed: %s", type(context.error).__name__)


def command_menu(lang: str, extensions: Extensions) -> list[BotCommand]:
    """The resident command menu in `lang`, with the residents' commands of `extensions`."""
    commands = [BotCommand(name, description) for name, description in command_list(lang)]
    known = command_names()
    for name, description in extensions.describe(lang, "resident"):
        if name not in known and description:
            commands.append(BotCommand(name, description))
    return commands


async def set_command_menu(application: AnyApplication) -> None:
    """Publish the command menu: Polish, Ukrainian (uk and ru clients), English for the rest."""
    extensions = _service_of(application).extensions
    for language_code, lang in MENU_LANGUAGES:
        await application.bot.set_my_commands(
            command_menu(lang, extensions),
            scope=BotCommandScopeDefault(),
            language_code=language_code or None,
        )


def warm_up() -> None:
    """Load the place data now, then exempt everything loaded so far from the cyclic GC.

    The gazetteer and morphology are hundreds of thousands of long-lived objects; left to the
    collector, each full collection scans them all and stalls every reply for 100-600 ms.
    """
    try:
        LiveDirectory(None).find_place("Warszawa", "pl")
        warm_crisis_reader()
    except Exception as error:
        # The first real message will load it instead; starting must not depend on it.
        logger.warning("warm-up failed: %s", type(error).__name__)
    gc.collect()
    gc.freeze()


async def prepare(application: AnyApplication) -> None:
    """Before the first update: warm up off the event loop, then publish the command menu."""
    # Opening the database runs migrations: do it now, not inside the first resident's turn
    # (whose deadline it would overrun). A database that is down is retried by later turns.
    await asyncio.to_thread(_service_of(application).warm_up)
    await asyncio.to_thread(warm_up)
    await set_command_menu(application)


def quiet_token_loggers() -> None:
    """HTTP clients may log request URLs, and Bot API URLs contain the bot token."""
    logging.getLogger("aiohttp").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def concurrency_for(database_url: str | None) -> int:
    """How many chats to serve at once: one on SQLite, several on a server database.

    SQLite has a single writer, and two colliding writers make its busy handler sleep for up
    to 100 ms at a time (measured: p99 320 ms at 30 updates/s with 32 at once, 30 ms with one).
    """
    return 1 if is_single_writer(None, database_url) else DEFAULT_CONCURRENT_UPDATES


def api_request(timeout: float, connection_pool_size: int = 256) -> AiohttpRequest:
    """The Bot API transport with every phase of a call bounded by `timeout` seconds."""
    return AiohttpRequest(
        connection_pool_size=connection_pool_size,
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=timeout,
    )


def build_application(
    settings: Settings,
    service: ConversationService,
    *,
    concurrent_updates: int | None = None,
    delivery: DeliveryPolicy = DEFAULT_DELIVERY,
    api_timeout_seconds: float | None = None,
    flood_gate: FloodGate | None = None,
) -> AnyApplication:
    """The PTB Application wired to `service`; `settings.telegram_api_url` overrides the API URL.

    Bot API calls go through AiohttpRequest (bot/telegram_http.py); `api_timeout_seconds`
    bounds connecting, writing and reading each of them (5 s, as PTB's own default);
    `flood_gate` defaults to a FloodGate() per application.
    """
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is required for the Telegram channel")
    # Opt in to PTB's timedelta retry_after now; otherwise reading it warns on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    if concurrent_updates is None:
        concurrent_updates = concurrency_for(settings.database_url)
    quiet_token_loggers()
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .concurrent_updates(PerChatUpdateProcessor(concurrent_updates))
        .post_init(prepare)
    )
    if settings.telegram_api_url:
        builder = builder.base_url(settings.telegram_api_url).base_file_url(
            file_url_for(settings.telegram_api_url)
        )
    timeout = DEFAULT_API_TIMEOUT_SECONDS if api_timeout_seconds is None else api_timeout_seconds
    # getUpdates gets a pool of its own, as in PTB's default set-up: a long poll never waits
    # behind replies, nor replies behind it.
    builder = builder.request(api_request(timeout)).get_updates_request(
        api_request(timeout, connection_pool_size=1)
    )
    application = builder.build()
    application.bot_data["service"] = service
    application.bot_data["delivery"] = delivery
    application.bot_data["flood_gate"] = flood_gate if flood_gate is not None else FloodGate()
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(groups, on_group_message))
    application.add_handler(MessageHandler(private, on_private_message))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_error_handler(on_error)
    schedule_reminders(application, settings)
    schedule_retention(application, settings)
    return application


def run_polling(settings: Settings, service: ConversationService) -> None:
    """Serve Telegram by long polling through `service` until interrupted."""
    application = build_application(settings, service)
    logger.info("Telegram long polling starting")
    application.run_polling(allowed_updates=list(ALLOWED_UPDATES))
