"""What every web page shares: the layout with 112 in a fixed top bar, security headers, request
limits, CSRF, the session cookie, the page language, and error pages that still show 112 and the
national 24/7 lines (no dead end, even for a 404, a 413, a 429 or a crash).

The residents' chat (bot/web/chat.py) and the staff panel build on these; their names are kept
stable for both.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qsl, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.config import Settings
from bot.conversation import ConversationService
from bot.render import OptionLike, render_emergency_block
from directory.emergency import emergency_options
from directory.i18n import N_, translator

logger = logging.getLogger(__name__)

WEB_DIR: Final = Path(__file__).resolve().parent
TEMPLATES_DIR: Final = WEB_DIR / "templates"
STATIC_DIR: Final = WEB_DIR / "static"
STATIC_PREFIX: Final = "/static/"

# No third-party asset, no inline script or style: everything comes from our own origin.
CONTENT_SECURITY_POLICY: Final = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)
SECURITY_HEADERS: Final = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    # Not "no-referrer": with it a browser sends `Origin: null` on a form post, and the origin
    # check below could no longer tell our own forms from a forged one. Other sites still get
    # no referrer, so nobody learns that a visitor came from a crisis chat.
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "geolocation=(self), camera=(), microphone=(), payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
HSTS: Final = ("Strict-Transport-Security", "max-age=31536000")
# A typed message is at most 4,096 characters (bot.events.clip_text); URL-encoded, Cyrillic or
# emoji take up to 9 bytes each. Nothing a person writes comes near this.
MAX_BODY_BYTES: Final = 64 * 1024
MAX_FORM_FIELDS: Final = 20
# Paths with limits of their own (the webhook: Telegram's secret and 1 MB) or none needed.
UNLIMITED_PATHS: Final = ("/telegram", "/healthz", "/readyz", STATIC_PREFIX)
FETCH_HEADER: Final = "X-Requested-With"
FETCH_VALUE: Final = "fetch"
LINES_CACHE_SECONDS: Final = 30.0
LINES_FALLBACK_CACHE_SECONDS: Final = 5.0
BODY_METHODS: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# --- templates ---------------------------------------------------------------------------------


@cache
def static_url(name: str) -> str:
    """`/static/NAME?v=HASH`: the hash changes with the file, so browsers may cache it long."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]
    return f"{STATIC_PREFIX}{name}?v={digest}"


templates: Final = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)
templates.globals["static_url"] = static_url


def render_page(template: str, lang: str, **context: Any) -> str:
    """Render `template` in `lang`: `_` and `ngettext` translate, `lang` is the page language."""
    translations = translator(lang)
    return templates.get_template(template).render(
        lang=lang, _=translations.gettext, ngettext=translations.ngettext, **context
    )


def html_response(
    body: str, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> HTMLResponse:
    """An HTML page (the security headers are added by SecurityHeadersMiddleware)."""
    return HTMLResponse(body, status_code=status_code, headers=dict(headers or {}))


# --- language ----------------------------------------------------------------------------------

# Russian-language browsers get Ukrainian, as in Telegram (README, "Languages").
_LANGUAGE_OF_CODE: Final = {"pl": "pl", "en": "en", "uk": "uk", "ru": "uk"}
_QUALITY: Final = re.compile(r"^q=([01](?:\.\d{0,3})?)$")


def requested_language(request: Request) -> str | None:
    """The language a link asks for (`?lang=en`), if it is one we have."""
    code = request.query_params.get("lang", "").strip().lower()[:8]
    return _LANGUAGE_OF_CODE.get(code.split("-", 1)[0]) if code else None


def accepted_language(header: str | None) -> str:
    """Our language for an Accept-Language header: the first supported by preference; Polish
    when the browser says nothing, English when it prefers only languages we lack."""
    if not header or not header.strip():
        return "pl"
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header[:500].split(",")):
        code, _sep, parameters = part.strip().partition(";")
        quality = 1.0
        match = _QUALITY.match(parameters.strip().replace(" ", ""))
        if match:
            quality = float(match.group(1))
        primary = code.strip().lower().split("-", 1)[0]
        if primary in _LANGUAGE_OF_CODE and quality > 0:
            ranked.append((-quality, position, _LANGUAGE_OF_CODE[primary]))
    return min(ranked)[2] if ranked else "en"


def page_language(request: Request) -> str:
    """The language of a page before any conversation says otherwise: `?lang=`, then the
    browser's Accept-Language."""
    return requested_language(request) or accepted_language(request.headers.get("accept-language"))


# --- who is asking, and are they allowed to -----------------------------------------------------


def client_address(scope: Scope) -> str:
    """The client's address (the proxy's X-Forwarded-For only when TRUSTED_PROXIES lists it:
    uvicorn rewrites the scope then)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def derived_key(secret: str, purpose: str) -> bytes:
    """A key for one purpose derived from the state secret, so no two uses share a key."""
    return hmac.new(secret.encode("utf-8"), purpose.encode("utf-8"), hashlib.sha256).digest()


def csrf_token(secret: str, session_id: str) -> str:
    """The form token of a session: an HMAC of its id, so no server-side store is needed."""
    key = derived_key(secret, "drogowskaz web csrf")
    return hmac.new(key, session_id.encode("utf-8"), hashlib.sha256).hexdigest()


def csrf_matches(secret: str, session_id: str, given: str) -> bool:
    """Whether `given` is the form token of `session_id` (constant-time)."""
    expected = csrf_token(secret, session_id).encode("ascii")
    return hmac.compare_digest(expected, given.encode("utf-8", "replace"))


def same_origin(request: Request) -> bool:
    """Whether a state-changing request comes from one of our own pages: its Origin names the
    host the request was sent to (Host, or a proxy's X-Forwarded-Host).

    The scheme is not compared: behind a TLS proxy the app may see http while the browser says
    https. Browsers send Origin on every POST; a request without it (an old browser, a privacy
    extension) is judged by its CSRF token alone.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return True
    given = urlsplit(origin.strip()).netloc.lower()
    hosts = {request.headers.get("host", ""), request.headers.get("x-forwarded-host", "")}
    return any(host and hmac.compare_digest(given, host.strip().lower()) for host in hosts)


def wants_fragment(request: Request) -> bool:
    """Whether the page's script asked (by fetch) for a fragment instead of a whole page."""
    return request.headers.get(FETCH_HEADER, "").lower() == FETCH_VALUE


def set_session_cookie(response: Response, request: Request, name: str, value: str) -> None:
    """Set a session cookie: no expiry (gone when the browser closes), HttpOnly, SameSite=Lax
    (Strict would drop it when a person follows a link to us from an OIK's site), Secure over
    https."""
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


class FormError(ValueError):
    """A form body that is not a small URL-encoded form."""


async def read_form(request: Request) -> dict[str, str]:
    """The URL-encoded form of a POST (its size is bounded by RequestLimitsMiddleware); the last
    value of a repeated field wins. Multipart bodies are refused: no form of ours sends one."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise FormError("not a URL-encoded form")
    body = await request.body()
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=False,
            max_num_fields=MAX_FORM_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise FormError(type(error).__name__) from error
    return dict(pairs)


# --- rate limits -------------------------------------------------------------------------------


class RateLimiter:
    """Token buckets per client key: `per_minute` requests a minute on average, bursts of up to
    `burst`. The least recently seen keys are dropped beyond `max_keys` (memory stays bounded)."""

    def __init__(
        self,
        per_minute: int,
        burst: int | None = None,
        *,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Allow `per_minute` requests a minute per key, `burst` at once (a third by default)."""
        if per_minute <= 0:
            raise ValueError("per_minute must be positive (use no limiter for no limit)")
        self.per_minute = per_minute
        self.burst = float(burst if burst is not None else max(5, per_minute // 3))
        self._rate = per_minute / 60.0
        self._max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one request from `key`'s bucket; False when it is empty."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self._rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
            return allowed

    def retry_after(self, key: str) -> int:
        """Whole seconds until `key` may send again (for the Retry-After header)."""
        with self._lock:
            tokens, _last = self._buckets.get(key, (self.burst, 0.0))
        return max(1, math.ceil((1.0 - tokens) / self._rate))


def limiter_for(per_minute: int) -> RateLimiter | None:
    """A limiter for a setting, None when the setting is 0 (no limit: benchmarks)."""
    return RateLimiter(per_minute) if per_minute > 0 else None


# --- 112 and the national lines, for every page ------------------------------------------------

_E164: Final = r"\+\d{8,15}"
# Short numbers as they are published (112, 116 123, 195 13); never a distance ("112 km").
_SHORT: Final = r"(?<![\d+.,:/-])(?:112|116 ?\d{3}|19\d ?\d{2})(?!\d)(?!\s?km)"
_PHONE: Final = re.compile(f"{_E164}|{_SHORT}")
_INLINE_TAGS: Final = {
    "b": "strong",
    "strong": "strong",
    "i": "em",
    "em": "em",
    "code": "code",
    "u": "u",
    "s": "s",
}
# An address line may hold a house number that looks like a short number ("ul. Długa 112").
_ADDRESS_MARK: Final = "📍"
# "• 116 123 — Kryzysowy Telefon Zaufania 116 123": the number before the dash is the line's
# phone, the one after it part of the name.
_BULLET_MARK: Final = "•"
_NAME_DASH: Final = " — "


def tel_href(number: str) -> str:
    """The `tel:` URL of a phone number as shown ("116 123" → "tel:116123")."""
    return "tel:" + re.sub(r"[^\d+]", "", number)


def linked_phones(text: str) -> str:
    """Plain text as HTML with every phone number a `tel:` link (large, for a thumb)."""
    parts: list[str] = []
    position = 0
    for match in _PHONE.finditer(text):
        parts.append(html.escape(text[position : match.start()], quote=False))
        number = match.group(0)
        parts.append(
            f'<a class="tel" href="{tel_href(number)}">{html.escape(number, quote=False)}</a>'
        )
        position = match.end()
    parts.append(html.escape(text[position:], quote=False))
    return "".join(parts)


_Token = tuple[str, str, bool]  # (kind: open/close/text, html or text, inside a link)


class _TelegramHtmlToWeb(HTMLParser):
    """Telegram HTML (b, i, a, code and newlines) as page HTML: paragraphs, `tel:` links, and
    only http(s) links; any other tag is dropped and its text kept, escaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, str]] = []
        self._tokens: list[_Token] = []
        self._open: list[tuple[str, str, str]] = []  # (telegram tag, opening html, closing html)
        self._in_link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        opening = closing = ""
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("https://", "http://")):
                opening = (
                    f'<a href="{html.escape(href, quote=True)}" rel="noopener noreferrer" '
                    'target="_blank">'
                )
                closing = "</a>"
                self._in_link += 1
        elif tag in _INLINE_TAGS:
            opening, closing = f"<{_INLINE_TAGS[tag]}>", f"</{_INLINE_TAGS[tag]}>"
        self._open.append((tag, opening, closing))
        if opening:
            self._tokens.append(("open", opening, False))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                _tag, opening, closing = self._open.pop(index)
                if closing:
                    self._tokens.append(("close", closing, False))
                if tag == "a" and opening:
                    self._in_link -= 1
                return

    def handle_data(self, data: str) -> None:
        for index, part in enumerate(data.split("\n")):
            if index:
                self.end_line()
            if part:
                self._tokens.append(("text", part, self._in_link > 0))

    def end_line(self) -> None:
        """Close the tags open on this line (reopened on the next) and start a new line."""
        tokens = self._tokens
        tokens += [("close", closing, False) for _t, o, closing in reversed(self._open) if o]
        self.lines.append(_line_html(tokens))
        self._tokens = [("open", opening, False) for _t, opening, _c in self._open if opening]


def _line_html(tokens: list[_Token]) -> tuple[str, str]:
    """(page HTML, plain text) of one line; which numbers become links depends on the line."""
    plain = "".join(value for kind, value, _link in tokens if kind == "text")
    start = plain.lstrip()
    # A line that is one bold name ("Kryzysowy Telefon Zaufania 116 123") is a title: its
    # number is the one on the ☎ line below, where it is a link.
    title = (
        len(tokens) >= 2
        and tokens[0][:2] == ("open", "<strong>")
        and tokens[-1][:2] == ("close", "</strong>")
    )
    linking = not title and not start.startswith(_ADDRESS_MARK)
    bullet = start.startswith(_BULLET_MARK)
    parts: list[str] = []
    for kind, value, in_link in tokens:
        if kind != "text":
            parts.append(value)
        elif not linking or in_link:
            parts.append(html.escape(value, quote=False))
        elif bullet and _NAME_DASH in value:
            number, dash, name = value.partition(_NAME_DASH)
            parts.append(linked_phones(number) + html.escape(dash + name, quote=False))
            linking = False
        else:
            parts.append(linked_phones(value))
    return "".join(parts), plain


def telegram_html_to_web(text: str) -> Markup:
    """A reply's Telegram HTML as safe page HTML: one <p> per block, <br> between lines."""
    parser = _TelegramHtmlToWeb()
    parser.feed(text)
    parser.close()
    parser.end_line()
    paragraphs: list[list[str]] = [[]]
    for markup, plain in parser.lines:
        if plain.strip():
            paragraphs[-1].append(markup)
        elif paragraphs[-1]:
            paragraphs.append([])
    joined = "".join("<p>" + "<br>".join(lines) + "</p>" for lines in paragraphs if lines)
    return Markup(joined)  # noqa: S704 - escaped text and our own tags only


LinesSource = Callable[[str], Awaitable[Sequence[OptionLike]]]


def bundled_lines(lang: str) -> list[OptionLike]:
    """112 and the national 24/7 lines from the bundled directory (no database)."""
    return list(emergency_options(lang))


class EmergencyLines:
    """112 and the national 24/7 lines for every page, as the database has them (read at most
    every 30 s, so a flood of 429 pages costs the database nothing), else the bundled copy."""

    def __init__(
        self,
        source: LinesSource,
        *,
        ttl: float = LINES_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Read the lines with `source(lang)`; keep them `ttl` seconds."""
        self._source = source
        self._ttl = ttl
        self._clock = clock
        self._cached: dict[str, tuple[float, Sequence[OptionLike]]] = {}

    async def options(self, lang: str) -> Sequence[OptionLike]:
        """The lines in `lang`; never raises."""
        now = self._clock()
        cached = self._cached.get(lang)
        if cached is not None and cached[0] > now:
            return cached[1]
        try:
            options = list(await self._source(lang))
            keep = self._ttl
        except Exception as error:
            logger.warning("emergency lines from the bundled copy: %s", type(error).__name__)
            options, keep = bundled_lines(lang), LINES_FALLBACK_CACHE_SECONDS
        self._cached[lang] = (now + keep, options)
        return options

    async def block(self, lang: str) -> Markup:
        """The emergency block (112 first, then the 24/7 lines) as page HTML; never raises."""
        try:
            return telegram_html_to_web(render_emergency_block(await self.options(lang), lang))
        except Exception as error:
            logger.error("emergency block failed: %s", type(error).__name__)
            return Markup('<p><strong><a class="tel" href="tel:112">112</a></strong></p>')


# --- the shared context of every web route ------------------------------------------------------


@dataclass
class WebContext:
    """What every web route needs: settings, the conversation service, the lines for error
    pages, and the rate limiters (None: no limit)."""

    settings: Settings
    service: ConversationService
    lines: EmergencyLines
    address_limiter: RateLimiter | None
    session_limiter: RateLimiter | None

    @property
    def secret(self) -> str:
        """The state secret: keys the session hashes and the CSRF tokens."""
        return self.settings.state_secret


def web_context(settings: Settings, service: ConversationService) -> WebContext:
    """The context for `settings` and `service`, with the limits the settings give."""
    return WebContext(
        settings=settings,
        service=service,
        lines=EmergencyLines(service.emergency_options_async),
        address_limiter=limiter_for(settings.web_rate_per_address),
        session_limiter=limiter_for(settings.web_rate_per_session),
    )


# --- error pages: never a dead end -------------------------------------------------------------

ERROR_TEXTS: Final[dict[int, tuple[str, str]]] = {
    400: (N_("This request was not understood"), N_("Please go back to the chat and try again.")),
    403: (
        N_("This page has expired"),
        N_("Please go back to the chat and send your message again."),
    ),
    404: (N_("There is no page here"), N_("The chat is one tap away.")),
    405: (N_("This request was not understood"), N_("Please go back to the chat and try again.")),
    413: (
        N_("That message is too long"),
        N_("Please write it in fewer words and send it again."),
    ),
    429: (
        N_("Too many messages in a short time"),
        N_("Please wait a moment and try again."),
    ),
    500: (N_("Something went wrong on our side"), N_("Please try again in a moment.")),
}


def error_texts(status: int, lang: str) -> tuple[str, str]:
    """(title, what to do) for an error status, translated."""
    title, advice = ERROR_TEXTS.get(status, ERROR_TEXTS[500])
    _ = translator(lang).gettext
    return _(title), _(advice)


def plain_error_page(lang: str, status: int) -> str:
    """The error page without templates or database: 112 and the bundled lines, escaped by hand.

    For when rendering the real page failed; it must not fail itself.
    """
    title, advice = ERROR_TEXTS.get(status, ERROR_TEXTS[500])
    lines = ['<li><a href="tel:112">112</a></li>']
    try:
        for option in bundled_lines(lang):
            for phone in option.phones:
                number = phone.display or phone.dial or ""
                if number and number != "112":
                    lines.append(
                        f'<li><a href="{html.escape(tel_href(number))}">'
                        f"{html.escape(number)}</a> — {html.escape(option.short_name)}</li>"
                    )
    except Exception as error:
        logger.error("bundled lines unavailable: %s", type(error).__name__)
    return (
        f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head><body>"
        f'<p><a href="tel:112"><strong>112</strong></a></p><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(advice)}</p><ul>{''.join(lines)}</ul>"
        '<p><a href="/">Drogowskaz</a></p></body></html>'
    )


async def error_response(web: WebContext | None, request: Request, status: int) -> Response:
    """The error page for `status` (a fragment for the page's script): what happened, what to
    do, 112 and the national 24/7 lines, and the way back to the chat."""
    lang = page_language(request)
    headers: dict[str, str] = {}
    try:
        block = await web.lines.block(lang) if web is not None else None
        if block is None:
            block = telegram_html_to_web(render_emergency_block(bundled_lines(lang), lang))
        title, advice = error_texts(status, lang)
        template = "_error.html" if wants_fragment(request) else "error.html"
        body = render_page(
            template, lang, status=status, title=title, advice=advice, emergency=block
        )
    except Exception as error:
        logger.error("error page failed: %s", type(error).__name__)
        body = plain_error_page(lang, status)
    return html_response(body, status, headers)


# --- middleware --------------------------------------------------------------------------------


class SecurityHeadersMiddleware:
    """Adds the strict CSP and the other security headers to every response that lacks them;
    pages are not cached (they may show a conversation), our static files are."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap `app`."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve `scope`, adding the headers to its response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"
        static = str(scope.get("path", "")).startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
                if https:
                    headers.setdefault(*HSTS)
                headers.setdefault(
                    "Cache-Control", "public, max-age=604800, immutable" if static else "no-store"
                )
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestLimitsMiddleware:
    """Per-client rate limit and request size limit for the web pages (not for the webhook,
    which has its own): a 429 or 413 page, with 112 and the national lines, instead."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        web: WebContext | None,
        max_body_bytes: int = MAX_BODY_BYTES,
        unlimited_paths: Sequence[str] = UNLIMITED_PATHS,
    ) -> None:
        """Wrap `app`; `web` gives the per-address limiter and the error pages."""
        self.app = app
        self.web = web
        self.max_body_bytes = max_body_bytes
        self.unlimited_paths = tuple(unlimited_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a client over its rate or a body over the limit; pass everything else on."""
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or path.startswith(self.unlimited_paths):
            await self.app(scope, receive, send)
            return
        limiter = self.web.address_limiter if self.web is not None else None
        address = client_address(scope)
        if limiter is not None and not limiter.allow(address):
            response = await error_response(self.web, Request(scope), 429)
            response.headers["Retry-After"] = str(limiter.retry_after(address))
            await response(scope, receive, send)
            return
        if scope.get("method", "GET") not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        body = await self._bounded_body(scope, receive)
        if body is None:
            response = await error_response(self.web, Request(scope), 413)
            # The rest of an oversized body is not read: the connection closes after this.
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _bounded_body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or None when it is (or says it is) larger than the limit."""
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                declared = value.decode("latin-1").strip()
                if not declared.isdigit() or int(declared) > self.max_body_bytes:
                    return None
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return bytes(body)
            body.extend(message.get("body", b""))
            if len(body) > self.max_body_bytes:
                return None
            if not message.get("more_body", False):
                return bytes(body)


class ServerErrorPageMiddleware:
    """A crash in any page becomes the 500 page (112 and the lines), with only the exception's
    type logged: its message or traceback could hold what someone wrote."""

    def __init__(self, app: ASGIApp, *, web: WebContext | None) -> None:
        """Wrap `app`; `web` gives the lines for the error page."""
        self.app = app
        self.web = web

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve `scope`; on an exception before the response started, send the 500 page."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            logger.error("web request failed: %s", type(error).__name__)
            if started:
                return
            response = await error_response(self.web, Request(scope), 500)
            await response(scope, receive, send)
