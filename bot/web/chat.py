"""The residents' web chat at `/` and `/chat`: the same dialogue and ConversationService as
Telegram, as server-rendered pages with plain form posts (a little script makes them fetches).

A visitor gets a random session id in a session cookie; the conversation state is stored, as
for Telegram, under an HMAC of it (bot.state) and expires after STATE_TTL_HOURS of silence. The
page shows only the current turn: no transcript is stored anywhere, and with JavaScript on the
earlier turns live only in the open page.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.conversation import LiveDirectory, fallback_replies
from bot.dialogue import respond
from bot.events import Button, ButtonKind, Event, EventKind, Reply, typed_event
from bot.protocol import resident_command_names
from bot.web.common import (
    FormError,
    WebContext,
    csrf_matches,
    csrf_token,
    error_response,
    html_response,
    page_language,
    read_form,
    render_page,
    requested_language,
    same_origin,
    set_session_cookie,
    telegram_html_to_web,
    wants_fragment,
)
from directory.clock import utc_now
from directory.i18n import SUPPORTED_LANGUAGES

logger = logging.getLogger(__name__)

CHANNEL: Final = "web"
SESSION_COOKIE: Final = "drogowskaz_chat"
_SESSION_ID: Final = re.compile(r"^[0-9a-f]{32}$")
# Web conversations are keyed like Telegram chats (an HMAC of a number): theirs start far above
# any Telegram chat id (those stay below 2**52), so the two can never share a state row.
WEB_CHAT_ID_BASE: Final = 1 << 128
# What the page's own buttons may ask for; anything else typed with a slash goes through the
# dialogue like on Telegram.
PAGE_COMMANDS: Final = resident_command_names()
LANGUAGE_HEADER: Final = "X-Chat-Lang"
RESET_HEADER: Final = "X-Chat-Reset"
CSRF_HEADER: Final = "X-Chat-Csrf"


def new_session_id() -> str:
    """A fresh opaque session id: 128 random bits as hex."""
    return secrets.token_hex(16)


def session_of(request: Request) -> str | None:
    """The session id in the request's cookie, if it is a well-formed one."""
    value = request.cookies.get(SESSION_COOKIE, "")
    return value if _SESSION_ID.match(value) else None


def chat_id_for(session_id: str) -> int:
    """The conversation number of a session (only ever stored as its keyed hash)."""
    return WEB_CHAT_ID_BASE + int(session_id, 16)


@dataclass(frozen=True)
class ButtonView:
    """A reply button as the page shows it: kind is callback, text, location or url."""

    kind: str
    label: str
    value: str = ""
    url: str = ""


@dataclass(frozen=True)
class ReplyView:
    """A reply as page HTML with its rows of buttons."""

    html: Markup
    rows: tuple[tuple[ButtonView, ...], ...]


def button_view(button: Button) -> ButtonView | None:
    """How a dialogue button is shown; None for one the web cannot offer (a non-http link)."""
    if button.kind is ButtonKind.CALLBACK:
        return ButtonView("callback", button.label, value=button.data)
    if button.kind is ButtonKind.TEXT:
        return ButtonView("text", button.label, value=button.label)
    if button.kind is ButtonKind.LOCATION:
        return ButtonView("location", button.label)
    if button.url.startswith(("https://", "http://")):
        return ButtonView("url", button.label, url=button.url)
    return None


def reply_views(replies: Sequence[Reply]) -> list[ReplyView]:
    """The replies of a turn as the page shows them."""
    views = []
    for reply in replies:
        rows = []
        for row in reply.buttons:
            shown = tuple(view for view in map(button_view, row) if view is not None)
            if shown:
                rows.append(shown)
        views.append(ReplyView(html=telegram_html_to_web(reply.text), rows=tuple(rows)))
    return views


def _coordinate(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if value == value else None  # NaN is no place


def event_from_form(form: Mapping[str, str], language_code: str) -> Event:
    """The event a posted form stands for: a page command, a button, a location, or text."""
    command = form.get("command", "").strip().lower()
    if command in PAGE_COMMANDS:
        return Event(
            kind=EventKind.COMMAND,
            command=command,
            text="/" + command,
            language_code=language_code,
            channel=CHANNEL,
        )
    if "b" in form:
        return Event(
            kind=EventKind.BUTTON, data=form["b"][:64], language_code=language_code, channel=CHANNEL
        )
    if "lat" in form or "lon" in form:
        return Event(
            kind=EventKind.LOCATION,
            latitude=_coordinate(form.get("lat", "")),
            longitude=_coordinate(form.get("lon", "")),
            language_code=language_code,
            channel=CHANNEL,
        )
    text = form.get("text", "").strip()
    # Typed commands work as on Telegram and in the console ("/sos", "/lang en").
    return typed_event(text, language_code, CHANNEL)


def greeting(lang: str) -> tuple[list[Reply], str]:
    """The first page of a new visitor: the dialogue's greeting, with nothing stored yet (a
    visitor who never writes leaves no state behind)."""
    event = Event(kind=EventKind.TEXT, text="", language_code=lang, channel=CHANNEL)
    try:
        outcome = respond(event, None, LiveDirectory(None), utc_now())
    except Exception as error:
        logger.error("greeting failed: %s", type(error).__name__)
        return fallback_replies(lang), lang
    return outcome.replies, outcome.state.lang or lang


class ChatEndpoints:
    """GET shows where the conversation is; POST takes one turn."""

    def __init__(self, web: WebContext) -> None:
        """Serve the chat with `web`'s service, secret and limits."""
        self.web = web

    def _page(
        self,
        request: Request,
        *,
        lang: str,
        replies: Sequence[Reply],
        session_id: str,
        said: str = "",
        status_code: int = 200,
    ) -> Response:
        context = {
            "said": said,
            "replies": reply_views(replies),
            "csrf": csrf_token(self.web.secret, session_id),
            "ttl_hours": self.web.settings.state_ttl_hours,
        }
        if wants_fragment(request):
            body = render_page("_turn.html", lang, **context)
        else:
            body = render_page("chat.html", lang, **context)
        return html_response(body, status_code, {LANGUAGE_HEADER: lang})

    async def show(self, request: Request) -> Response:
        """The chat page: a new visitor's greeting, or the current step of a conversation (in
        the language a `?lang=` link asks for)."""
        lang_hint = page_language(request)
        session_id = session_of(request)
        if session_id is None:
            session_id = new_session_id()
            replies, lang = greeting(lang_hint)
            response = self._page(request, lang=lang, replies=replies, session_id=session_id)
            set_session_cookie(response, request, SESSION_COOKIE, session_id)
            return response
        wanted = requested_language(request)
        event = (
            Event(
                kind=EventKind.BUTTON,
                data=f"lang:{wanted}",
                language_code=lang_hint,
                channel=CHANNEL,
            )
            if wanted
            else Event(kind=EventKind.TEXT, text="", language_code=lang_hint, channel=CHANNEL)
        )
        replies, lang = await self.web.service.handle_async_in_language(
            chat_id_for(session_id), event
        )
        return self._page(request, lang=lang, replies=replies, session_id=session_id)

    async def turn(self, request: Request) -> Response:
        """One message, button, location or command from the page's forms."""
        session_id = session_of(request)
        try:
            form = await read_form(request)
        except FormError:
            return await error_response(self.web, request, 400)
        if (
            session_id is None
            or not same_origin(request)
            or not csrf_matches(self.web.secret, session_id, form.get("csrf", ""))
        ):
            # Safety rule: even a forged or stale post gets 112 and the lines (the 403 page).
            return await error_response(self.web, request, 403)
        limiter = self.web.session_limiter
        if limiter is not None and not limiter.allow(session_id):
            response = await error_response(self.web, request, 429)
            response.headers["Retry-After"] = str(limiter.retry_after(session_id))
            return response
        # The language the page was in (a `?lang=` link, the browser's): the dialogue uses it
        # only while nothing is stored yet, i.e. for the first message after the greeting.
        form_lang = form.get("lang", "")
        event = event_from_form(
            form, form_lang if form_lang in SUPPORTED_LANGUAGES else page_language(request)
        )
        replies, lang = await self.web.service.handle_async_in_language(
            chat_id_for(session_id), event
        )
        said = event.text if event.kind is EventKind.TEXT else ""
        forgotten = event.kind is EventKind.COMMAND and event.command == "forget"
        if forgotten:
            # Erased means nothing links the next message to the old conversation either.
            session_id = new_session_id()
        response = self._page(request, lang=lang, replies=replies, session_id=session_id, said=said)
        if forgotten:
            set_session_cookie(response, request, SESSION_COOKIE, session_id)
            response.headers[RESET_HEADER] = "1"
            response.headers[CSRF_HEADER] = csrf_token(self.web.secret, session_id)
        return response


def routes(web: WebContext) -> list[BaseRoute]:
    """The chat's routes: `/` and `/chat` (GET shows, POST /chat takes a turn)."""
    chat = ChatEndpoints(web)
    return [
        Route("/", chat.show, methods=["GET"]),
        Route("/chat", chat.show, methods=["GET"]),
        Route("/chat", chat.turn, methods=["POST"]),
    ]
