"""A real HTTP Telegram Bot API server on 127.0.0.1 for end-to-end tests, faults and benchmarks.

It implements the part of the Bot API that python-telegram-bot 22 and Drogowskaz use, validates
what the bot sends the way Telegram does (HTML entities, lengths, callback data, button URLs),
keeps per-chat transcripts, lets a test inject what a person does (text, command, button press,
shared location, group message) and wait for the bot's replies, and can inject faults per method
(429 with retry_after, 500, 502, a hang past the client's timeout) while counting every call.

The server runs uvicorn in a background thread with its own event loop, so it keeps answering
while the bot under test (on the test's loop) is busy; every public method is thread-safe.
"""

# Test helpers take plain `timeout` seconds, as the Bot API and PTB do.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import email.policy
import html
import itertools
import json
import os
import random
import re
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.parser import BytesParser
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

JSON = dict[str, Any]

# This server answers 429 with retry_after; PTB 22 then warns (an error under
# filterwarnings=error) unless the process opts in to its future timedelta behaviour.
os.environ.setdefault("PTB_TIMEDELTA", "true")

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
UPDATE_TYPES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "callback_query",
    "inline_query",
    "chosen_inline_result",
    "my_chat_member",
    "chat_member",
)
# Telegram's HTML parse mode: these tags and nothing else (span only as a spoiler).
ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
ALLOWED_LINK_SCHEMES = ("http://", "https://", "tg://", "tel:", "mailto:")
# Inline keyboard URL buttons accept only these; tel: there is rejected with BUTTON_URL_INVALID.
ALLOWED_BUTTON_URL_SCHEMES = ("http://", "https://", "tg://")
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
TAG_OR_ENTITY = re.compile(r"<|&")
START_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))*)\s*>"
)
END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
ATTRIBUTE = re.compile(r"([^\s=>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
ENTITY = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot);")


class ApiError(Exception):
    """A Bot API error answer: HTTP status, Telegram's description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def bad_request(detail: str) -> ApiError:
    """A 400 answer worded as Telegram words it."""
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True)
class Fault:
    """One injected failure of one API call."""

    status: int
    retry_after: int | None = None
    hang_seconds: float = 0.0
    # For a hang: whether the call takes effect before the connection hangs. A client that
    # times out and retries then produces a duplicate, which is exactly what a test must catch.
    takes_effect: bool = False

    @classmethod
    def too_many_requests(cls, retry_after: int = 1) -> Fault:
        """HTTP 429 with `parameters.retry_after`, as Telegram's flood control answers."""
        return cls(status=429, retry_after=retry_after)

    @classmethod
    def server_error(cls) -> Fault:
        """HTTP 500 with a JSON error body."""
        return cls(status=500)

    @classmethod
    def bad_gateway(cls) -> Fault:
        """HTTP 502 with nginx's HTML page, as seen when Telegram's front end loses its backend."""
        return cls(status=502)

    @classmethod
    def hang(cls, seconds: float = 30.0, *, takes_effect: bool = False) -> Fault:
        """No answer for `seconds` (set it past the client's read timeout), then a 504."""
        return cls(status=504, hang_seconds=seconds, takes_effect=takes_effect)


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made: method, decoded parameters, HTTP status and when (perf_counter)."""

    method: str
    params: JSON
    status: int
    at: float
    fault: Fault | None = None


@dataclass
class SentMessage:
    """A message the bot sent into a chat, as it stands now (edits update it in place)."""

    message_id: int
    chat_id: int
    text: str
    parse_mode: str | None
    reply_markup: JSON | None
    sent_at: float
    photo: bytes | None = field(default=None, repr=False)
    edit_count: int = 0

    @property
    def plain_text(self) -> str:
        """The text as a person reads it: tags removed, entities decoded."""
        if self.parse_mode and self.parse_mode.upper() == "HTML":
            return parse_telegram_html(self.text)
        return self.text

    @property
    def inline_buttons(self) -> list[JSON]:
        """All inline keyboard buttons, row by row flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def callback_data(self) -> list[str]:
        """The callback data of every inline button, in order."""
        return [b["callback_data"] for b in self.inline_buttons if "callback_data" in b]

    @property
    def keyboard_buttons(self) -> list[JSON]:
        """All reply-keyboard buttons (the ones under the input field)."""
        rows = (self.reply_markup or {}).get("keyboard") or []
        return [{"text": b} if isinstance(b, str) else b for row in rows for b in row]

    @property
    def requests_location(self) -> bool:
        """Whether a reply-keyboard button asks the person to share their location."""
        return any(b.get("request_location") for b in self.keyboard_buttons)

    def json(self, chat: JSON, bot_user: JSON) -> JSON:
        """The Message object as the Bot API returns it."""
        message: JSON = {
            "message_id": self.message_id,
            "from": bot_user,
            "chat": chat,
            "date": int(time.time()),
        }
        if self.photo is not None:
            width, height = png_size(self.photo)
            message["photo"] = [
                {
                    "file_id": f"photo-{self.message_id}",
                    "file_unique_id": f"u{self.message_id}",
                    "width": width,
                    "height": height,
                    "file_size": len(self.photo),
                }
            ]
            if self.text:
                message["caption"] = self.plain_text
        else:
            message["text"] = self.plain_text
        if self.edit_count:
            message["edit_date"] = int(time.time())
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


@dataclass
class _QueuedUpdate:
    update_id: int
    payload: JSON
    kind: str
    injected_at: float


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG header; (1, 1) for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return 1, 1


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts text in."""
    return len(text.encode("utf-16-le")) // 2


def parse_telegram_html(source: str) -> str:
    """Validate Telegram-HTML and return its plain text; raise ApiError as Telegram would."""
    out: list[str] = []
    open_tags: list[tuple[str, int]] = []
    position = 0

    def byte_offset(index: int) -> int:
        return len(source[:index].encode("utf-8"))

    while True:
        match = TAG_OR_ENTITY.search(source, position)
        if match is None:
            out.append(source[position:])
            break
        index = match.start()
        out.append(source[position:index])
        if source[index] == "&":
            entity = ENTITY.match(source, index)
            if entity is None:
                # Telegram keeps an '&' that starts no known entity as a literal character.
                out.append("&")
                position = index + 1
            else:
                out.append(html.unescape(entity.group(0)))
                position = entity.end()
            continue
        end = END_TAG.match(source, index)
        if end is not None:
            name = end.group(1).lower()
            if not open_tags:
                raise bad_request(
                    f"can't parse entities: Unexpected end tag at byte offset {byte_offset(index)}"
                )
            expected, _ = open_tags.pop()
            if name != expected:
                raise bad_request(
                    "can't parse entities: Unmatched end tag at byte offset "
                    f'{byte_offset(index)}, expected "</{expected}>", found "</{name}>"'
                )
            position = end.end()
            continue
        start = START_TAG.match(source, index)
        if start is None:
            name_match = re.match(r"<([^\s>/]*)", source[index:])
            name = name_match.group(1) if name_match else ""
            if not name:
                raise bad_request(
                    'can\'t parse entities: Unsupported start tag "" at byte offset '
                    f"{byte_offset(index)}"
                )
            raise bad_request(
                f'can\'t parse entities: Unsupported start tag "{name}" at byte offset '
                f"{byte_offset(index)}"
            )
        name = start.group(1).lower()
        if name not in ALLOWED_TAGS:
            raise bad_request(
                f'can\'t parse entities: Unsupported start tag "{name}" at byte offset '
                f"{byte_offset(index)}"
            )
        attributes = {
            m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in ATTRIBUTE.finditer(start.group(2))
        }
        if name == "a":
            href = attributes.get("href", "")
            if href and not href.lower().startswith(ALLOWED_LINK_SCHEMES):
                raise bad_request(f'can\'t parse entities: Wrong HTTP URL "{href}"')
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise bad_request(
                'can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte '
                f"offset {byte_offset(index)}"
            )
        open_tags.append((name, index))
        position = start.end()
    if open_tags:
        name, _ = open_tags[-1]
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{name}\""
        )
    return "".join(out)


class _Waiters:
    """Wakes coroutines on other event loops whenever the account's state changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    def subscribe(self) -> asyncio.Event:
        event = asyncio.Event()
        with self._lock:
            self._events.append((asyncio.get_running_loop(), event))
        return event

    def unsubscribe(self, event: asyncio.Event) -> None:
        with self._lock:
            self._events = [(loop, e) for loop, e in self._events if e is not event]

    def notify(self) -> None:
        with self._lock:
            targets = list(self._events)
        for loop, event in targets:
            with contextlib.suppress(RuntimeError):  # that loop has closed
                loop.call_soon_threadsafe(event.set)


class BotAccount:
    """One bot (one token) on the server: its updates, transcripts, faults and call counters."""

    def __init__(self, server: BotApiServer, token: str, username: str, bot_id: int) -> None:
        self.server = server
        self.token = token
        self.username = username
        self.bot_id = bot_id
        self.bot_user: JSON = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Drogowskaz test",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._lock = threading.RLock()
        self._waiters = _Waiters()
        self._update_ids = itertools.count(1)
        self._user_message_ids = itertools.count(1_000_000)
        self._bot_message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._updates: deque[_QueuedUpdate] = deque()
        self._allowed_updates: tuple[str, ...] = ()
        self._poll_generation = 0
        self._chats: dict[int, JSON] = {}
        self._transcripts: dict[int, list[SentMessage]] = defaultdict(list)
        self._read_upto: dict[int, int] = defaultdict(int)
        self._callbacks: dict[str, JSON] = {}
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._random_faults: dict[str, tuple[float, tuple[Fault, ...], random.Random]] = {}
        self.calls: Counter[str] = Counter()
        self.call_log: list[ApiCall] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.callback_answers: list[JSON] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.webhook: JSON = {}
        self.webhook_deliveries: list[tuple[int, int]] = []
        self.closed = False
        self.logged_out = False
        # Loop-side machinery, created on the server loop.
        self._update_event: asyncio.Event | None = None
        self._webhook_task: asyncio.Task[None] | None = None

    # ----- what a person does -----------------------------------------------------------

    def user(self, user_id: int, language_code: str | None = "pl") -> JSON:
        """The User object of the person writing from private chat `user_id`."""
        user: JSON = {"id": user_id, "is_bot": False, "first_name": f"Osoba{user_id}"}
        if language_code:
            user["language_code"] = language_code
        return user

    def private_chat(self, chat_id: int) -> JSON:
        """The Chat object of a private chat."""
        return {"id": chat_id, "type": "private", "first_name": f"Osoba{chat_id}"}

    def _message(self, chat: JSON, from_user: JSON, extra: JSON) -> JSON:
        message: JSON = {
            "message_id": next(self._user_message_ids),
            "from": from_user,
            "chat": chat,
            "date": int(time.time()),
        }
        message.update(extra)
        return message

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        language_code: str | None = "pl",
        entities: list[JSON] | None = None,
    ) -> int:
        """A person writes `text` in their private chat; returns the update_id."""
        extra: JSON = {"text": text}
        if entities:
            extra["entities"] = entities
        chat = self.private_chat(chat_id)
        return self.inject_update(
            {"message": self._message(chat, self.user(chat_id, language_code), extra)}
        )

    def send_command(
        self,
        chat_id: int,
        command: str,
        args: str = "",
        *,
        language_code: str | None = "pl",
        mention_bot: bool = False,
    ) -> int:
        """A person sends `/command[@bot] args` with the bot_command entity Telegram attaches."""
        head = "/" + command.lstrip("/")
        if mention_bot:
            head += "@" + self.username
        text = f"{head} {args}" if args else head
        entity = {"type": "bot_command", "offset": 0, "length": utf16_length(head)}
        return self.send_text(chat_id, text, language_code=language_code, entities=[entity])

    def send_location(
        self, chat_id: int, latitude: float, longitude: float, *, language_code: str | None = "pl"
    ) -> int:
        """A person shares their location (the request_location button or the attachment menu)."""
        extra = {"location": {"latitude": latitude, "longitude": longitude}}
        chat = self.private_chat(chat_id)
        return self.inject_update(
            {"message": self._message(chat, self.user(chat_id, language_code), extra)}
        )

    def send_group_text(
        self, chat_id: int, text: str, *, user_id: int = 4242, chat_type: str = "group"
    ) -> int:
        """Someone writes `text` in a group (or supergroup/channel) chat the bot was added to."""
        if chat_id > 0:
            raise ValueError("group chat ids are negative")
        chat = {"id": chat_id, "type": chat_type, "title": "Grupa testowa"}
        if chat_type == "channel":
            post = {
                "message_id": next(self._user_message_ids),
                "chat": chat,
                "date": int(time.time()),
                "text": text,
            }
            return self.inject_update({"channel_post": post})
        return self.inject_update(
            {"message": self._message(chat, self.user(user_id), {"text": text})}
        )

    def press_button(
        self,
        chat_id: int,
        data: str | None = None,
        *,
        label: str | None = None,
        language_code: str | None = "pl",
    ) -> str:
        """A person presses an inline button the bot sent (by callback data or label substring).

        The newest message offering such a button is used. Pressing a button the bot never sent
        is a bug in the test, so it raises LookupError. Returns the callback query id.
        """
        with self._lock:
            for message in reversed(self._transcripts.get(chat_id, [])):
                for button in message.inline_buttons:
                    if "callback_data" not in button:
                        continue
                    if data is not None and button["callback_data"] != data:
                        continue
                    if label is not None and label.lower() not in button["text"].lower():
                        continue
                    return self._press(chat_id, message, button["callback_data"], language_code)
            offered = [b for m in self._transcripts.get(chat_id, []) for b in m.inline_buttons]
        raise LookupError(f"no inline button with data={data!r} label={label!r}; sent: {offered}")

    def _press(
        self, chat_id: int, message: SentMessage, data: str, language_code: str | None
    ) -> str:
        query_id = f"cq{self.bot_id}-{next(self._callback_ids)}"
        chat = self._chats.get(chat_id) or self.private_chat(chat_id)
        query = {
            "id": query_id,
            "from": self.user(chat_id, language_code),
            "message": message.json(chat, self.bot_user),
            "chat_instance": f"ci{chat_id}",
            "data": data,
        }
        self._callbacks[query_id] = {"pressed_at": time.perf_counter(), "answered": False}
        self.inject_update({"callback_query": query})
        return query_id

    def inject_update(self, update: JSON) -> int:
        """Queue a raw Update (without update_id) for getUpdates or the webhook; returns its id."""
        kind = next((k for k in UPDATE_TYPES if k in update), "unknown")
        with self._lock:
            update_id = next(self._update_ids)
            payload = {"update_id": update_id, **update}
            message = update.get("message") or update.get("channel_post")
            if message:
                self._chats[message["chat"]["id"]] = message["chat"]
            self._updates.append(_QueuedUpdate(update_id, payload, kind, time.perf_counter()))
        self.server.call_in_loop(self._updates_changed)
        return update_id

    def injected_at(self, update_id: int) -> float:
        """When (perf_counter) an update was injected; KeyError once it is confirmed."""
        with self._lock:
            for queued in self._updates:
                if queued.update_id == update_id:
                    return queued.injected_at
        raise KeyError(update_id)

    # ----- what the bot did ---------------------------------------------------------------

    def transcript(self, chat_id: int) -> list[SentMessage]:
        """Everything the bot sent into `chat_id` so far, oldest first."""
        with self._lock:
            return list(self._transcripts.get(chat_id, []))

    def chats_with_messages(self) -> list[int]:
        """The chats the bot has written to."""
        with self._lock:
            return [chat for chat, messages in self._transcripts.items() if messages]

    def unread(self, chat_id: int) -> list[SentMessage]:
        """Messages in `chat_id` not yet returned by a wait_* call (does not mark them read)."""
        with self._lock:
            return list(self._transcripts.get(chat_id, [])[self._read_upto[chat_id] :])

    def mark_read(self, chat_id: int) -> None:
        """Forget about unread messages in `chat_id`."""
        with self._lock:
            self._read_upto[chat_id] = len(self._transcripts.get(chat_id, []))

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> None:
        """Wait (on the caller's loop) until `predicate()` holds; TimeoutError after `timeout`."""
        event = self._waiters.subscribe()
        try:
            async with asyncio.timeout(timeout):
                while True:
                    event.clear()
                    if predicate():
                        return
                    await event.wait()
        finally:
            self._waiters.unsubscribe(event)

    async def wait_for_messages(
        self, chat_id: int, count: int = 1, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Wait for `count` unread messages in `chat_id`, return them and mark them read."""
        try:
            await self.wait_until(lambda: len(self.unread(chat_id)) >= count, timeout)
        except TimeoutError:
            got = [m.plain_text[:200] for m in self.unread(chat_id)]
            raise TimeoutError(
                f"chat {chat_id}: expected {count} new message(s) in {timeout}s, got {got}"
            ) from None
        with self._lock:
            start = self._read_upto[chat_id]
            self._read_upto[chat_id] = start + count
            return self._transcripts[chat_id][start : start + count]

    async def wait_for_reply(
        self, chat_id: int, *, timeout: float = 5.0, quiet: float = 0.15
    ) -> list[SentMessage]:
        """Wait for at least one new message, then until `quiet` seconds pass with no more.

        For steps where the number of messages is not the point of the test. Returns and marks
        read all of them.
        """
        try:
            await self.wait_until(lambda: bool(self.unread(chat_id)), timeout)
        except TimeoutError:
            raise TimeoutError(f"chat {chat_id}: no reply within {timeout}s") from None
        while True:
            seen = len(self.transcript(chat_id))
            try:
                await self.wait_until(
                    lambda seen=seen: len(self.transcript(chat_id)) > seen,  # type: ignore[misc]
                    quiet,
                )
            except TimeoutError:
                break
        with self._lock:
            start = self._read_upto[chat_id]
            self._read_upto[chat_id] = len(self._transcripts[chat_id])
            return self._transcripts[chat_id][start:]

    async def wait_for_calls(self, method: str, count: int, timeout: float = 5.0) -> None:
        """Wait until the bot has called `method` at least `count` times (faulted calls count)."""
        await self.wait_until(lambda: self.calls[method] >= count, timeout)

    def pending_update_count(self) -> int:
        """Updates injected but not yet confirmed by the bot (offset) or the webhook."""
        with self._lock:
            return len(self._updates)

    async def wait_until_confirmed(self, timeout: float = 5.0) -> None:
        """Wait until the bot has confirmed (acknowledged) every injected update."""
        await self.wait_until(lambda: self.pending_update_count() == 0, timeout)

    def callback_answered(self, query_id: str) -> bool:
        """Whether the bot answered the callback query (stops the spinner on the button)."""
        with self._lock:
            return bool(self._callbacks.get(query_id, {}).get("answered"))

    # ----- faults ---------------------------------------------------------------------------

    def inject_fault(self, method: str, fault: Fault, times: int = 1) -> None:
        """Make the next `times` calls of `method` fail with `fault` (queued, in order)."""
        with self._lock:
            self._faults[method].extend([fault] * times)

    def inject_random_faults(
        self, method: str, probability: float, faults: Sequence[Fault], seed: int = 0
    ) -> None:
        """Make each call of `method` fail with `probability`, with a fault drawn from `faults`."""
        with self._lock:
            self._random_faults[method] = (probability, tuple(faults), random.Random(seed))

    def clear_faults(self) -> None:
        """Remove every queued and random fault."""
        with self._lock:
            self._faults.clear()
            self._random_faults.clear()

    def faults_served(self, method: str | None = None) -> list[ApiCall]:
        """The calls that were answered with an injected fault."""
        with self._lock:
            return [
                c
                for c in self.call_log
                if c.fault is not None and (method is None or c.method == method)
            ]

    def _next_fault(self, method: str) -> Fault | None:
        with self._lock:
            queue = self._faults.get(method)
            if queue:
                return queue.popleft()
            chance = self._random_faults.get(method)
            if chance is not None:
                probability, faults, rng = chance
                if rng.random() < probability:
                    return rng.choice(faults)
        return None

    # ----- server-loop side -----------------------------------------------------------------

    def _loop_event(self) -> asyncio.Event:
        if self._update_event is None:
            self._update_event = asyncio.Event()
        return self._update_event

    def _updates_changed(self) -> None:
        self._loop_event().set()
        if self.webhook.get("url") and (self._webhook_task is None or self._webhook_task.done()):
            self._webhook_task = asyncio.get_running_loop().create_task(self._deliver_webhook())

    def _record(self, method: str, params: JSON, status: int, fault: Fault | None) -> None:
        with self._lock:
            self.calls[method] += 1
            self.call_log.append(ApiCall(method, params, status, time.perf_counter(), fault))
        self._waiters.notify()

    def _visible_updates(self, limit: int) -> list[JSON]:
        with self._lock:
            allowed = self._allowed_updates
            chosen = [
                q.payload
                for q in self._updates
                if not allowed or q.kind in allowed or q.kind == "unknown"
            ]
            return chosen[:limit]

    def _confirm_below(self, offset: int) -> None:
        with self._lock:
            while self._updates and self._updates[0].update_id < offset:
                self._updates.popleft()
        self._waiters.notify()

    async def get_updates(self, params: JSON) -> list[JSON]:
        """getUpdates: confirm below offset, then long-poll up to `timeout` seconds."""
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = int_param(params, "offset", 0)
        limit = max(1, min(100, int_param(params, "limit", 100)))
        timeout = max(0.0, float(params.get("timeout") or 0))
        allowed = json_param(params, "allowed_updates")
        if allowed is not None:
            with self._lock:
                self._allowed_updates = tuple(allowed)
        if offset < 0:
            with self._lock:
                keep = list(self._updates)[offset:]
                self._updates = deque(keep)
        elif offset:
            self._confirm_below(offset)
        with self._lock:
            self._poll_generation += 1
            generation = self._poll_generation
        event = self._loop_event()
        event.set()  # wake an older poll so it sees it has been superseded
        await asyncio.sleep(0)
        deadline = time.monotonic() + timeout
        while True:
            event.clear()
            if self._poll_generation != generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
            updates = self._visible_updates(limit)
            remaining = deadline - time.monotonic()
            if updates or remaining <= 0 or self.closed or self.server.stopping:
                return updates
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def _deliver_webhook(self) -> None:
        """POST queued updates to the webhook one at a time, retrying failures like Telegram."""
        async with httpx.AsyncClient(timeout=10) as client:
            while self.webhook.get("url"):
                updates = self._visible_updates(1)
                if not updates:
                    return
                update = updates[0]
                headers = {"Content-Type": "application/json"}
                if self.webhook.get("secret_token"):
                    headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
                try:
                    response = await client.post(
                        self.webhook["url"], content=json.dumps(update), headers=headers
                    )
                    status = response.status_code
                except httpx.HTTPError as error:
                    status = 0
                    self.webhook["last_error_message"] = type(error).__name__
                with self._lock:
                    self.webhook_deliveries.append((update["update_id"], status))
                if 200 <= status < 300:
                    self._confirm_below(update["update_id"] + 1)
                else:
                    self.webhook["last_error_date"] = int(time.time())
                    if status:
                        self.webhook["last_error_message"] = (
                            f"Wrong response from the webhook: {status}"
                        )
                    self._waiters.notify()
                    await asyncio.sleep(self.server.webhook_retry_delay)

    def record_sent(
        self,
        chat_id: int,
        text: str,
        parse_mode: str | None,
        reply_markup: JSON | None,
        photo: bytes | None = None,
    ) -> SentMessage:
        """Store a message the bot sent and wake whoever waits for it."""
        with self._lock:
            message = SentMessage(
                message_id=next(self._bot_message_ids),
                chat_id=chat_id,
                text=text,
                parse_mode=parse_mode,
                reply_markup=reply_markup,
                sent_at=time.perf_counter(),
                photo=photo,
            )
            self._transcripts[chat_id].append(message)
        self._waiters.notify()
        return message

    def chat_json(self, chat_id: int) -> JSON:
        """The Chat object for `chat_id`, private unless a group update introduced it."""
        with self._lock:
            return self._chats.get(chat_id) or self.private_chat(chat_id)

    def find_message(self, chat_id: int, message_id: int) -> SentMessage:
        """The bot's message `message_id` in `chat_id`, or the 400 Telegram gives."""
        with self._lock:
            for message in self._transcripts.get(chat_id, []):
                if message.message_id == message_id:
                    return message
        raise bad_request("message to edit not found")

    def answer_callback(self, query_id: str, params: JSON) -> None:
        """Mark a callback query answered, rejecting unknown or repeated answers like Telegram."""
        with self._lock:
            query = self._callbacks.get(query_id)
            if query is None or query["answered"]:
                raise bad_request(
                    "query is too old and response timeout expired or query ID is invalid"
                )
            query["answered"] = True
            query["answered_at"] = time.perf_counter()
            self.callback_answers.append({"callback_query_id": query_id, **params})
        self._waiters.notify()


def int_param(params: JSON, name: str, default: int | None = None) -> int:
    """An integer parameter (form values arrive as strings)."""
    value = params.get(name)
    if value is None or value == "":
        if default is None:
            raise bad_request(f"{name} is empty" if name != "chat_id" else "chat_id is empty")
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def json_param(params: JSON, name: str) -> Any:
    """A structured parameter: JSON text in form bodies, already decoded in JSON bodies."""
    value = params.get(name)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise bad_request(f"can't parse {name} JSON object") from None
    return value


def bool_param(params: JSON, name: str) -> bool:
    """A boolean parameter (form values arrive as 'true'/'false')."""
    value = params.get(name)
    if isinstance(value, str):
        return value.lower() in {"true", "1"}
    return bool(value)


def validate_reply_markup(markup: Any) -> JSON | None:
    """Check a reply_markup the way Telegram does; return it decoded."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            if not button.get("text"):
                raise bad_request("BUTTON_TEXT_INVALID")
            if "callback_data" in button:
                size = len(str(button["callback_data"]).encode("utf-8"))
                if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                    raise bad_request("BUTTON_DATA_INVALID")
            elif "url" in button:
                if not str(button["url"]).lower().startswith(ALLOWED_BUTTON_URL_SCHEMES):
                    raise bad_request("BUTTON_URL_INVALID")
            else:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the "
                    "inline keyboard"
                )
    for row in markup.get("keyboard") or []:
        for button in row:
            if not (button if isinstance(button, str) else button.get("text")):
                raise bad_request("BUTTON_TEXT_INVALID")
    return markup


class BotApiServer:
    """The Bot API over HTTP on 127.0.0.1, in a background thread; start(), then point PTB at it.

    `base_url` and `base_file_url` go to ApplicationBuilder().base_url()/base_file_url().
    """

    def __init__(
        self,
        token: str = "123456789:TEST-drogowskaz-token",
        username: str = "drogowskaz_test_bot",
        webhook_retry_delay: float = 0.2,
    ) -> None:
        self.webhook_retry_delay = webhook_retry_delay
        self.stopping = False
        self._accounts: dict[str, BotAccount] = {}
        self._bot_ids = itertools.count(int(token.split(":", 1)[0]))
        self.account = self.add_bot(token, username)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._uvicorn: uvicorn.Server | None = None
        self.port = 0

    def add_bot(self, token: str, username: str) -> BotAccount:
        """Register another bot token (each has its own updates, transcripts and faults)."""
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        account = BotAccount(self, token, username, bot_id)
        self._accounts[token] = account
        return account

    @property
    def base_url(self) -> str:
        """The Bot API base URL for PTB (token appended by PTB)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """The file download base URL for PTB."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ----- lifecycle ------------------------------------------------------------------------

    def start(self) -> BotApiServer:
        """Bind a free port on 127.0.0.1 and serve in a daemon thread until stop()."""
        # proto must be IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted
        # connections only then, and without it every response stalls ~40 ms (Nagle plus
        # delayed ACK), which would swamp the latencies the benchmark measures.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.asgi_app(),
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=60,
            timeout_graceful_shutdown=1,
            # The bot under test must never be slowed down by the server's bookkeeping.
            limit_concurrency=None,
        )
        self._uvicorn = uvicorn.Server(config)
        started = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            loop.call_soon(started.set)
            try:
                assert self._uvicorn is not None
                loop.run_until_complete(self._uvicorn.serve(sockets=[sock]))
            finally:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()
                sock.close()

        self._thread = threading.Thread(target=serve, name="botapi-server", daemon=True)
        self._thread.start()
        started.wait(5)
        deadline = time.monotonic() + 5
        while not self._uvicorn.started:
            if time.monotonic() > deadline:
                raise RuntimeError("Bot API test server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving; hanging requests are cut off."""
        self.stopping = True
        for account in self._accounts.values():
            # Long polls return at once instead of being cut off mid-request.
            self.call_in_loop(account._updates_changed)
        if self._uvicorn is not None:
            self._uvicorn.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self._thread = None
        self._loop = None

    def __enter__(self) -> BotApiServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def call_in_loop(self, callback: Callable[[], None]) -> None:
        """Run `callback` on the server's loop (thread-safe); a no-op before start."""
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(callback)

    # ----- HTTP -----------------------------------------------------------------------------

    def asgi_app(self) -> Starlette:
        """The Starlette application serving /bot<token>/<method> and /file/bot<token>/<path>."""
        return Starlette(
            routes=[
                Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._file, methods=["GET"]),
            ]
        )

    async def _file(self, request: Request) -> Response:
        return JSONResponse(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404
        )

    async def _endpoint(self, request: Request) -> Response:
        account = self._accounts.get(request.path_params["token"])
        method = request.path_params["method"]
        if account is None:
            return _error_response(ApiError(401, "Unauthorized"))
        try:
            params = await _read_params(request)
        except ApiError as error:
            return _error_response(error)
        fault = account._next_fault(method)
        if fault is not None:
            return await self._serve_fault(account, method, params, fault)
        handler = _METHODS.get(method.lower())
        if handler is None:
            account._record(method, params, 404, None)
            return _error_response(ApiError(404, "Not Found"))
        try:
            result = await handler(account, params)
        except ApiError as error:
            account._record(method, _loggable(params), error.status, None)
            return _error_response(error)
        account._record(method, _loggable(params), 200, None)
        return JSONResponse({"ok": True, "result": result})

    async def _serve_fault(
        self, account: BotAccount, method: str, params: JSON, fault: Fault
    ) -> Response:
        account._record(method, _loggable(params), fault.status, fault)
        if fault.hang_seconds:
            handler = _METHODS.get(method.lower())
            if fault.takes_effect and handler is not None:
                with contextlib.suppress(ApiError):
                    await handler(account, params)
            await asyncio.sleep(fault.hang_seconds)
            return Response("Gateway Time-out", status_code=504)
        if fault.status == 429:
            retry_after = fault.retry_after or 1
            return _error_response(
                ApiError(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after},
                )
            )
        if fault.status == 502:
            return Response(
                "<html><head><title>502 Bad Gateway</title></head><body><center>"
                "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
                status_code=502,
                media_type="text/html",
            )
        return _error_response(ApiError(fault.status, "Internal Server Error"))


def _loggable(params: JSON) -> JSON:
    return {k: ("<file>" if isinstance(v, bytes) else v) for k, v in params.items()}


def _error_response(error: ApiError) -> JSONResponse:
    body: JSON = {"ok": False, "error_code": error.status, "description": error.description}
    if error.parameters:
        body["parameters"] = error.parameters
    return JSONResponse(body, status_code=error.status)


async def _read_params(request: Request) -> JSON:
    params: JSON = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if request.method == "POST":
        if content_type.startswith("application/json"):
            body = await request.body()
            if body:
                try:
                    decoded = json.loads(body)
                except json.JSONDecodeError:
                    raise bad_request("can't parse JSON body") from None
                if isinstance(decoded, dict):
                    params.update(decoded)
        elif content_type.startswith("application/x-www-form-urlencoded"):
            body = (await request.body()).decode("utf-8")
            params.update(urllib.parse.parse_qsl(body, keep_blank_values=True))
        elif content_type.startswith("multipart/form-data"):
            params.update(parse_multipart(content_type, await request.body()))
    return params


def parse_multipart(content_type: str, body: bytes) -> JSON:
    """Decode a multipart/form-data body with the standard library: text fields and file bytes."""
    # The stdlib MIME parser needs the Content-Type header in front of the body.
    message = BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields: JSON = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        if part.get_filename() is not None:
            fields[name] = data
        else:
            fields[name] = data.decode(part.get_content_charset() or "utf-8")
    return fields


async def _get_me(account: BotAccount, params: JSON) -> JSON:
    return account.bot_user


async def _get_updates(account: BotAccount, params: JSON) -> list[JSON]:
    return await account.get_updates(params)


def _text_checked(text: Any, parse_mode: str | None, limit: int, empty_ok: bool = False) -> str:
    if text is None or text == "":
        if empty_ok:
            return ""
        raise bad_request("message text is empty")
    source = str(text)
    plain = parse_telegram_html(source) if (parse_mode or "").upper() == "HTML" else source
    if not plain.strip() and not empty_ok:
        raise bad_request("message text is empty")
    if utf16_length(plain) > limit:
        raise bad_request(
            "message is too long" if limit == MAX_TEXT_LENGTH else "message caption is too long"
        )
    return source


def _chat_id(account: BotAccount, params: JSON) -> int:
    chat_id = int_param(params, "chat_id")
    if chat_id == 0:
        raise bad_request("chat not found")
    return chat_id


async def _send_message(account: BotAccount, params: JSON) -> JSON:
    chat_id = _chat_id(account, params)
    parse_mode = params.get("parse_mode")
    text = _text_checked(params.get("text"), parse_mode, MAX_TEXT_LENGTH)
    markup = validate_reply_markup(json_param(params, "reply_markup"))
    message = account.record_sent(chat_id, text, parse_mode, markup)
    return message.json(account.chat_json(chat_id), account.bot_user)


async def _send_photo(account: BotAccount, params: JSON) -> JSON:
    chat_id = _chat_id(account, params)
    photo = params.get("photo")
    if isinstance(photo, str):
        # A file_id or URL: we keep no files, so only the reference is recorded.
        photo = photo.encode()
    if not photo:
        raise bad_request("there is no photo in the request")
    parse_mode = params.get("parse_mode")
    caption = _text_checked(params.get("caption"), parse_mode, MAX_CAPTION_LENGTH, empty_ok=True)
    markup = validate_reply_markup(json_param(params, "reply_markup"))
    message = account.record_sent(chat_id, caption, parse_mode, markup, photo=photo)
    return message.json(account.chat_json(chat_id), account.bot_user)


async def _edit_message_text(account: BotAccount, params: JSON) -> JSON:
    chat_id = _chat_id(account, params)
    message = account.find_message(chat_id, int_param(params, "message_id"))
    if message.photo is not None:
        raise bad_request("there is no text in the message to edit")
    parse_mode = params.get("parse_mode")
    text = _text_checked(params.get("text"), parse_mode, MAX_TEXT_LENGTH)
    markup = validate_reply_markup(json_param(params, "reply_markup"))
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    new_plain = parse_telegram_html(text) if (parse_mode or "").upper() == "HTML" else text
    if new_plain == message.plain_text and markup == message.reply_markup:
        raise bad_request(
            "message is not modified: specified new message content and reply markup are "
            "exactly the same as a current content and reply markup of the message"
        )
    with account._lock:
        message.text, message.parse_mode, message.reply_markup = text, parse_mode, markup
        message.edit_count += 1
    account._waiters.notify()
    return message.json(account.chat_json(chat_id), account.bot_user)


async def _edit_message_reply_markup(account: BotAccount, params: JSON) -> JSON:
    chat_id = _chat_id(account, params)
    message = account.find_message(chat_id, int_param(params, "message_id"))
    markup = validate_reply_markup(json_param(params, "reply_markup"))
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    if markup == message.reply_markup or (not markup and not message.reply_markup):
        raise bad_request(
            "message is not modified: specified new message content and reply markup are "
            "exactly the same as a current content and reply markup of the message"
        )
    with account._lock:
        message.reply_markup = markup
        message.edit_count += 1
    account._waiters.notify()
    return message.json(account.chat_json(chat_id), account.bot_user)


async def _answer_callback_query(account: BotAccount, params: JSON) -> bool:
    query_id = str(params.get("callback_query_id") or "")
    text = params.get("text")
    if text and len(str(text)) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    account.answer_callback(query_id, {k: v for k, v in params.items() if k != "callback_query_id"})
    return True


def _scope_key(params: JSON) -> tuple[str, str]:
    scope = json_param(params, "scope") or {"type": "default"}
    return str(scope.get("type", "default")), str(params.get("language_code") or "")


async def _set_my_commands(account: BotAccount, params: JSON) -> bool:
    commands = json_param(params, "commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not COMMAND_NAME.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    language = str(params.get("language_code") or "")
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("LANG_CODE_INVALID")
    with account._lock:
        account.commands[_scope_key(params)] = commands
    return True


async def _get_my_commands(account: BotAccount, params: JSON) -> list[JSON]:
    with account._lock:
        return list(account.commands.get(_scope_key(params), []))


async def _delete_my_commands(account: BotAccount, params: JSON) -> bool:
    with account._lock:
        account.commands.pop(_scope_key(params), None)
    return True


async def _set_webhook(account: BotAccount, params: JSON) -> bool:
    url = str(params.get("url") or "")
    if url and not url.startswith(("https://", "http://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
        raise bad_request("bad webhook: Secret token contains unallowed characters")
    allowed = json_param(params, "allowed_updates")
    with account._lock:
        if bool_param(params, "drop_pending_updates"):
            account._updates.clear()
        if allowed is not None:
            account._allowed_updates = tuple(allowed)
        account.webhook = {"url": url, "secret_token": secret} if url else {}
    account._updates_changed()
    return True


async def _delete_webhook(account: BotAccount, params: JSON) -> bool:
    with account._lock:
        if bool_param(params, "drop_pending_updates"):
            account._updates.clear()
        account.webhook = {}
    return True


async def _get_webhook_info(account: BotAccount, params: JSON) -> JSON:
    with account._lock:
        info: JSON = {
            "url": account.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(account._updates),
        }
        for key in ("last_error_date", "last_error_message"):
            if key in account.webhook:
                info[key] = account.webhook[key]
        if account._allowed_updates:
            info["allowed_updates"] = list(account._allowed_updates)
    return info


async def _send_chat_action(account: BotAccount, params: JSON) -> bool:
    chat_id = _chat_id(account, params)
    action = str(params.get("action") or "")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    with account._lock:
        account.chat_actions.append((chat_id, action))
    return True


async def _close(account: BotAccount, params: JSON) -> bool:
    account.closed = True
    account._loop_event().set()
    return True


async def _log_out(account: BotAccount, params: JSON) -> bool:
    account.logged_out = True
    return await _close(account, params)


_METHODS: dict[str, Callable[[BotAccount, JSON], Any]] = {
    "getme": _get_me,
    "getupdates": _get_updates,
    "sendmessage": _send_message,
    "sendphoto": _send_photo,
    "editmessagetext": _edit_message_text,
    "editmessagereplymarkup": _edit_message_reply_markup,
    "answercallbackquery": _answer_callback_query,
    "setmycommands": _set_my_commands,
    "getmycommands": _get_my_commands,
    "deletemycommands": _delete_my_commands,
    "setwebhook": _set_webhook,
    "deletewebhook": _delete_webhook,
    "getwebhookinfo": _get_webhook_info,
    "sendchataction": _send_chat_action,
    "close": _close,
    "logout": _log_out,
}


def button_texts(messages: Iterable[SentMessage]) -> list[str]:
    """The labels of all inline and keyboard buttons in `messages`, in order."""
    return [
        button["text"]
        for message in messages
        for button in (*message.inline_buttons, *message.keyboard_buttons)
    ]
