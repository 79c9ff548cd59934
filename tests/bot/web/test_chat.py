"""The web chat over HTTP: a real server on 127.0.0.1, the real ConversationService, real SQLite
and PostgreSQL; what a browser sends, and what it gets back."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import Engine, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.web.app import build_web_app
from bot.web.chat import CSRF_HEADER, LANGUAGE_HEADER, RESET_HEADER, SESSION_COOKIE, chat_id_for
from bot.web.common import CONTENT_SECURITY_POLICY, MAX_BODY_BYTES, web_context
from directory.access import Access
from directory.db import session_scope
from directory.editing import change_service
from directory.models import ConversationState, UsageEvent
from tests.bot.web.chat_server import (
    STATE_SECRET,
    ChatServer,
    csrf_of,
    last_turn,
    phones_in,
    running_chat,
    serving,
    visible_text,
)
from tests.test_privacy import MARKER, OUR_LOGGERS, captured_text, every_value

DEAD_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:9/nowhere"
PRUSZKOW = ("52.1700", "20.8100")


@pytest.fixture
def chat(seeded_database_url: str) -> Iterator[ChatServer]:
    """The web chat on a fresh seeded database, on SQLite and on PostgreSQL."""
    with running_chat(seeded_database_url) as server:
        yield server


@pytest.fixture
def sqlite_chat(seeded_sqlite_url: str) -> Iterator[ChatServer]:
    """The web chat on a fresh seeded SQLite database."""
    with running_chat(seeded_sqlite_url) as server:
        yield server


class Visitor:
    """One browser: its cookie jar, the page it has, and what it posts from that page."""

    def __init__(self, chat: ChatServer, client: httpx.Client) -> None:
        self.chat = chat
        self.client = client
        self.page = ""

    def open(self, path: str = "/") -> httpx.Response:
        """GET a page, keeping it as the current one."""
        response = self.client.get(path)
        self.page = response.text
        return response

    def post(self, **fields: str) -> httpx.Response:
        """Post one of the page's forms (with its CSRF token, from our own origin)."""
        data = {"csrf": csrf_of(self.page), **fields}
        response = self.client.post("/chat", data=data, headers={"Origin": self.chat.base_url})
        if response.status_code == 200:
            self.page = response.text
        return response

    @property
    def session(self) -> str:
        """The session id in the cookie jar."""
        return str(self.client.cookies[SESSION_COOKIE])


@pytest.fixture
def visitor(chat: ChatServer) -> Iterator[Visitor]:
    """A Polish browser on the chat (SQLite and PostgreSQL)."""
    with chat.client() as client:
        yield Visitor(chat, client)


@pytest.fixture
def sqlite_visitor(sqlite_chat: ChatServer) -> Iterator[Visitor]:
    """A Polish browser on the chat (SQLite)."""
    with sqlite_chat.client() as client:
        yield Visitor(sqlite_chat, client)


def first_paragraph(turn: str) -> str:
    """The first paragraph of the first reply of a turn."""
    reply = turn.split('<div class="reply', 1)[1]
    return reply.split("<p>", 1)[1].split("</p>", 1)[0]


def test_a_new_visitor_gets_the_greeting_under_112_and_a_session_cookie_but_no_stored_state(
    sqlite_visitor: Visitor,
) -> None:
    response = sqlite_visitor.open("/")
    assert response.status_code == 200
    page = response.text
    assert page.index('class="top-bar"') < page.index('<a class="call-112" href="tel:112">')
    assert page.index('href="tel:112"') < page.index("<main")
    assert "Cześć, jestem Drogowskaz." in visible_text(page)
    cookies = response.headers.get_list("set-cookie")
    assert len(cookies) == 1
    attributes = {part.strip().split("=", 1)[0].lower() for part in cookies[0].split(";")}
    assert attributes == {SESSION_COOKIE, "httponly", "path", "samesite"}
    assert "samesite=lax" in cookies[0].lower()
    assert re.fullmatch(r"[0-9a-f]{32}", sqlite_visitor.session)
    assert sqlite_visitor.chat.state_keys() == [], "a visitor who never writes leaves nothing"
    again = sqlite_visitor.open("/chat")
    assert again.status_code == 200
    assert "set-cookie" not in again.headers, "the session is kept, not replaced"


def test_a_resident_reaches_a_referral_with_112_first_and_state_under_a_keyed_hash(
    visitor: Visitor,
) -> None:
    visitor.open("/")
    place = visitor.post(text="jestem w Pruszkowie")
    assert place.status_code == 200
    assert "powiat pruszkowski" in visible_text(last_turn(place.text))
    referral = visitor.post(b="cr:suicidal")
    turn = last_turn(referral.text)
    assert phones_in(turn)[0] == "112"
    assert "116123" in phones_in(turn)
    assert "Myśli samobójcze" in visible_text(turn)
    keys = visitor.chat.state_keys()
    assert keys == [visitor.chat.state_key_of(visitor.session)]
    assert visitor.session not in keys[0]
    with visitor.chat.engine.connect() as connection:
        row = connection.execute(select(ConversationState)).one()
    assert row.expires_at - row.updated_at == timedelta(hours=24)
    assert "jestem" not in str(row.data), "the place is stored as resolved, never as typed"


def test_usage_records_the_web_channel_and_nothing_a_resident_wrote(
    sqlite_visitor: Visitor,
) -> None:
    sqlite_visitor.open("/")
    sqlite_visitor.post(text="Pruszków")
    sqlite_visitor.post(b="cr:violence")
    with sqlite_visitor.chat.engine.connect() as connection:
        rows = connection.execute(select(UsageEvent)).all()
    assert {row.channel for row in rows} == {"web"}
    assert {row.event for row in rows} >= {"place", "results"}
    assert "Pruszk" not in repr(rows)
    assert sqlite_visitor.session not in repr(rows)


@pytest.mark.parametrize(
    "message", ["chcę się zabić", "mój mąż mnie bije i grozi mi nożem", "mój tata nie oddycha"]
)
def test_a_danger_message_leads_with_112_on_any_turn(sqlite_visitor: Visitor, message: str) -> None:
    sqlite_visitor.open("/")
    first = sqlite_visitor.post(text=message)
    assert "tel:112" in first_paragraph(last_turn(first.text))
    sqlite_visitor.post(text="Pruszków")
    sqlite_visitor.post(b="cr:mental")
    later = sqlite_visitor.post(text=message)
    assert "tel:112" in first_paragraph(last_turn(later.text))


def test_the_erase_button_deletes_the_state_and_starts_a_new_session(
    sqlite_visitor: Visitor,
) -> None:
    sqlite_visitor.open("/")
    sqlite_visitor.post(text="Pruszków")
    sqlite_visitor.post(b="cr:violence")
    old_session, old_page = sqlite_visitor.session, sqlite_visitor.page
    assert len(sqlite_visitor.chat.state_keys()) == 1
    erased = sqlite_visitor.post(command="forget")
    assert erased.status_code == 200
    assert sqlite_visitor.chat.state_keys() == []
    assert "Usunąłem" in visible_text(last_turn(erased.text)) or "usun" in erased.text.lower()
    assert sqlite_visitor.session != old_session
    assert csrf_of(erased.text) != csrf_of(old_page)
    # The old page's forms belong to the erased session: they no longer post.
    stale = sqlite_visitor.client.post(
        "/chat",
        data={"csrf": csrf_of(old_page), "text": "Pruszków"},
        headers={"Origin": sqlite_visitor.chat.base_url},
    )
    assert stale.status_code == 403
    fresh = sqlite_visitor.post(text="Gdańsk")
    assert fresh.status_code == 200
    assert "Miejsce" in visible_text(last_turn(fresh.text))


def test_the_page_script_gets_one_turn_its_language_and_after_erasing_a_new_token(
    sqlite_visitor: Visitor,
) -> None:
    sqlite_visitor.open("/")
    token = csrf_of(sqlite_visitor.page)
    headers = {"Origin": sqlite_visitor.chat.base_url, "X-Requested-With": "fetch"}
    turn = sqlite_visitor.client.post(
        "/chat", data={"csrf": token, "text": "Pruszków"}, headers=headers
    )
    assert turn.text.lstrip().startswith('<article class="turn"')
    assert turn.headers[LANGUAGE_HEADER] == "pl"
    assert RESET_HEADER not in turn.headers
    erased = sqlite_visitor.client.post(
        "/chat", data={"csrf": token, "command": "forget"}, headers=headers
    )
    assert erased.headers[RESET_HEADER] == "1"
    new_token = erased.headers[CSRF_HEADER]
    assert new_token != token
    after = sqlite_visitor.client.post(
        "/chat", data={"csrf": new_token, "text": "Gdańsk"}, headers=headers
    )
    assert after.status_code == 200


def test_forged_or_stale_posts_are_refused_with_112_and_the_national_lines(
    sqlite_visitor: Visitor,
) -> None:
    sqlite_visitor.open("/")
    chat = sqlite_visitor.chat
    token = csrf_of(sqlite_visitor.page)
    own = {"Origin": chat.base_url}
    refused = [
        sqlite_visitor.client.post("/chat", data={"text": "Pruszków"}, headers=own),
        sqlite_visitor.client.post("/chat", data={"csrf": "0" * 64, "text": "x"}, headers=own),
        sqlite_visitor.client.post(
            "/chat",
            data={"csrf": token, "text": "Pruszków"},
            headers={"Origin": "https://attacker.example"},
        ),
    ]
    with httpx.Client(base_url=chat.base_url) as no_cookie:
        refused.append(no_cookie.post("/chat", data={"csrf": token, "text": "x"}, headers=own))
    for response in refused:
        assert response.status_code == 403
        assert phones_in(response.text)[:2] == ["112", "112"]
        assert "116123" in phones_in(response.text)
    assert chat.state_keys() == []


def test_a_body_over_the_limit_gets_the_413_page_with_112(sqlite_visitor: Visitor) -> None:
    sqlite_visitor.open("/")
    too_long = sqlite_visitor.post(text="a" * (MAX_BODY_BYTES + 1))
    assert too_long.status_code == 413
    assert "116123" in phones_in(too_long.text)

    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 1000 + 2):
            yield b"text=" + b"b" * 995

    streamed = sqlite_visitor.client.post(
        "/chat",
        content=chunks(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert streamed.status_code == 413
    assert "tel:112" in streamed.text


def test_a_client_over_its_rate_gets_the_429_page_with_112_and_retry_after(
    seeded_sqlite_url: str,
) -> None:
    with (
        running_chat(seeded_sqlite_url, web_rate_per_address=1) as chat,
        chat.client() as client,
    ):
        statuses = [client.get("/").status_code for _ in range(7)]
        assert statuses[:5] == [200] * 5
        limited = client.get("/")
        assert limited.status_code == 429
        assert int(limited.headers["Retry-After"]) >= 1
        assert "116123" in phones_in(limited.text)
        assert "tel:112" in limited.text


def test_one_session_over_its_rate_gets_the_429_page(seeded_sqlite_url: str) -> None:
    with (
        running_chat(seeded_sqlite_url, web_rate_per_session=1, web_rate_per_address=0) as chat,
        chat.client() as client,
    ):
        visitor = Visitor(chat, client)
        visitor.open("/")
        statuses = [visitor.post(text="Pruszków").status_code for _ in range(6)]
        assert statuses[:5] == [200] * 5
        assert statuses[5] == 429


def administrator_sets(engine: Engine, service_id: str, **values: object) -> None:
    with session_scope(engine) as session:
        change_service(session, service_id, values, actor="admin:1", access=Access(is_admin=True))


def test_error_pages_show_the_national_lines_as_the_database_has_them(chat: ChatServer) -> None:
    administrator_sets(chat.engine, "H03", status="defunct")
    with chat.client() as client:
        missing = client.get("/no-such-page")
    assert missing.status_code == 404
    phones = phones_in(missing.text)
    assert phones[0] == "112"
    assert "116123" in phones
    assert "116111" not in phones, "a withdrawn line is not offered, not even on an error page"
    assert 'href="/chat"' in missing.text


def test_without_a_database_the_greeting_turns_and_error_pages_still_show_112(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    settings = Settings(database_url=DEAD_DATABASE, state_secret=STATE_SECRET, web_chat=True)
    service = ConversationService(settings, extensions=standard_extensions())
    try:
        app = build_web_app(web_context(settings, service))
        with serving(app) as base_url, httpx.Client(base_url=base_url, timeout=15) as client:
            greeting = client.get("/")
            assert greeting.status_code == 200
            turn = client.post(
                "/chat",
                data={"csrf": csrf_of(greeting.text), "text": "Pruszków"},
                headers={"Origin": base_url},
            )
            assert turn.status_code == 200
            assert phones_in(last_turn(turn.text))[0] == "112"
            assert "116123" in phones_in(last_turn(turn.text))
            missing = client.get("/nope")
            assert missing.status_code == 404
            assert "116123" in phones_in(missing.text)
    finally:
        service.close(wait_seconds=0)


def test_a_crash_in_a_page_gets_the_500_page_with_112_and_the_lines(
    seeded_sqlite_url: str,
) -> None:
    async def broken(request: Request) -> Response:
        raise RuntimeError("a bug in some page")

    with (
        running_chat(seeded_sqlite_url, extra_routes=[Route("/broken", broken)]) as chat,
        chat.client() as client,
    ):
        crashed = client.get("/broken")
    assert crashed.status_code == 500
    assert phones_in(crashed.text)[0] == "112"
    assert "116123" in phones_in(crashed.text)
    assert crashed.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_other_methods_get_an_error_page_with_112(sqlite_chat: ChatServer) -> None:
    with sqlite_chat.client() as client:
        response = client.put("/chat", content=b"x")
    assert response.status_code == 405
    assert "tel:112" in response.text


def test_every_response_carries_the_strict_security_headers(sqlite_visitor: Visitor) -> None:
    responses = {
        "page": sqlite_visitor.open("/"),
        "turn": sqlite_visitor.post(text="Pruszków"),
        "404": sqlite_visitor.client.get("/nope"),
        "static": sqlite_visitor.client.get("/static/site.css"),
    }
    for name, response in responses.items():
        headers = response.headers
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, name
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["X-Frame-Options"] == "DENY", name
        assert headers["Referrer-Policy"] == "same-origin", name
        assert "geolocation=(self)" in headers["Permissions-Policy"], name
        assert "Strict-Transport-Security" not in headers, f"{name}: plain http here"
    assert responses["page"].headers["Cache-Control"] == "no-store"
    assert responses["turn"].headers["Cache-Control"] == "no-store"
    assert responses["static"].headers["Cache-Control"].startswith("public")
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_the_pages_load_nothing_from_elsewhere_and_nothing_inline(sqlite_visitor: Visitor) -> None:
    pages = [
        sqlite_visitor.open("/").text,
        sqlite_visitor.post(text="Pruszków").text,
        sqlite_visitor.post(b="cr:violence").text,
        sqlite_visitor.client.get("/nope").text,
    ]
    for page in pages:
        assets = re.findall(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="([^"]*)"', page)
        assert assets, "every page has its stylesheet"
        assert all(url.startswith("/static/") for url in assets), assets
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), "no inline script"
        assert "<style" not in page
        assert " style=" not in page
        assert not re.search(r"\son[a-z]+=", page), "no inline event handler"


def test_the_chat_answers_in_the_language_of_the_link_or_the_browser(
    sqlite_chat: ChatServer,
) -> None:
    with sqlite_chat.client() as client:
        ukrainian = client.get("/?lang=uk")
        assert '<html lang="uk">' in ukrainian.text
        assert "Drogowskaz" in ukrainian.text
        assert "Ваше повідомлення" in ukrainian.text
    with sqlite_chat.client(headers={"Accept-Language": "en-GB,en;q=0.8"}) as client:
        english = client.get("/")
        assert '<html lang="en">' in english.text
        assert "Hello, I am Drogowskaz." in english.text
    with sqlite_chat.client() as client:
        visitor = Visitor(sqlite_chat, client)
        visitor.open("/?lang=en")
        answered = visitor.post(text="Pruszków", lang="en")
        assert '<html lang="en">' in answered.text
        assert "Place: Pruszków" in visible_text(last_turn(answered.text))


def test_a_shared_location_and_typed_commands_work_as_on_telegram(
    sqlite_visitor: Visitor,
) -> None:
    sqlite_visitor.open("/")
    located = sqlite_visitor.post(lat=PRUSZKOW[0], lon=PRUSZKOW[1])
    assert "powiat pruszkowski" in visible_text(last_turn(located.text))
    sos = sqlite_visitor.post(text="/sos")
    assert phones_in(last_turn(sos.text))[:2] == ["112", "112"]
    nowhere = sqlite_visitor.post(lat="nan", lon="1e999")
    assert phones_in(last_turn(nowhere.text))[0] == "112"


def test_a_malformed_session_cookie_gets_a_fresh_session(sqlite_chat: ChatServer) -> None:
    with sqlite_chat.client(cookies={SESSION_COOKIE: "../../etc/passwd"}) as client:
        response = client.get("/")
    assert response.status_code == 200
    fresh = response.cookies[SESSION_COOKIE]
    assert re.fullmatch(r"[0-9a-f]{32}", fresh)


def test_a_web_conversation_stores_and_logs_no_text_and_no_session_id(
    sqlite_visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    for name in OUR_LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    sqlite_visitor.open("/")
    sqlite_visitor.post(text=f"{MARKER} jestem w Pruszkowie")
    sqlite_visitor.post(b="cr:violence")
    sqlite_visitor.post(text=MARKER)
    sqlite_visitor.post(lat=PRUSZKOW[0], lon=PRUSZKOW[1])
    session = sqlite_visitor.session
    number = str(chat_id_for(session))
    stored = every_value(sqlite_visitor.chat.engine)
    assert stored[("usage_events", "channel")]
    for place, values in stored.items():
        for value in values:
            assert MARKER.lower() not in value.lower(), place
            assert session not in value, place
            assert number not in value, place
            assert PRUSZKOW[0] not in value, place
    logs = captured_text(caplog)
    for secret in (MARKER, session, number, csrf_of(sqlite_visitor.page)):
        assert secret not in logs
