"""What every web page shares, table-tested: reply HTML, phone links, languages, rate limits,
CSRF tokens and the error page that must not fail."""

from __future__ import annotations

import pytest

from bot.render import render_emergency_block
from bot.web.common import (
    RateLimiter,
    accepted_language,
    bundled_lines,
    csrf_matches,
    csrf_token,
    plain_error_page,
    tel_href,
    telegram_html_to_web,
)

SECRET = "common-test-secret"


@pytest.mark.parametrize(
    ("telegram_html", "page_html"),
    [
        ("<b>Hello</b>", "<p><strong>Hello</strong></p>"),
        ("one\ntwo\n\nthree", "<p>one<br>two</p><p>three</p>"),
        ("<i>a &amp; b &lt;c&gt;</i>", "<p><em>a &amp; b &lt;c&gt;</em></p>"),
        (
            '<a href="https://www.woik.waw.pl">site</a>',
            '<p><a href="https://www.woik.waw.pl" rel="noopener noreferrer" target="_blank">'
            "site</a></p>",
        ),
        ('<a href="javascript:alert(1)">x</a>', "<p>x</p>"),
        ("<script>alert(1)</script>", "<p>alert(1)</p>"),
        ("<b>two\nlines</b>", "<p><strong>two</strong><br><strong>lines</strong></p>"),
    ],
)
def test_telegram_html_becomes_safe_page_html(telegram_html: str, page_html: str) -> None:
    assert str(telegram_html_to_web(telegram_html)) == page_html


@pytest.mark.parametrize(
    ("line", "linked"),
    [
        ("☎ +48222309900, +48511200200", ["tel:+48222309900", "tel:+48511200200"]),
        ("In immediate danger, call 112.", ["tel:112"]),
        ("National 24/7 lines: 116 123 · 116 111", ["tel:116123", "tel:116111"]),
        ("• <b>116 123</b> — Kryzysowy Telefon Zaufania 116 123", ["tel:116123"]),
        ("☎ 195 13", ["tel:19513"]),
        ("<b>Kryzysowy Telefon Zaufania 116 123</b>", []),
        ("📍 ul. Długa 112, Pruszków", []),
        ("najbliższy ośrodek (ok. 112 km)", []),
        ("page 1 of 2, opens 2026-11-22", []),
    ],
)
def test_phone_numbers_become_tap_to_call_links_and_nothing_else_does(
    line: str, linked: list[str]
) -> None:
    page = str(telegram_html_to_web(line))
    assert [part.split('"', 1)[0] for part in page.split('href="')[1:]] == linked


def test_tel_links_keep_only_digits_and_the_plus() -> None:
    assert tel_href("+48 22 230 99 00") == "tel:+48222309900"
    assert tel_href("116 123") == "tel:116123"


def test_the_emergency_block_on_a_page_starts_with_112() -> None:
    block = str(telegram_html_to_web(render_emergency_block(bundled_lines("pl"), "pl")))
    first_link = block.split('href="', 1)[1].split('"', 1)[0]
    assert first_link == "tel:112"
    assert "tel:116123" in block


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "pl"),
        ("", "pl"),
        ("en-GB,en;q=0.9", "en"),
        ("de-DE,de;q=0.9,pl;q=0.8", "pl"),
        ("de-DE,fr;q=0.5", "en"),
        ("ru-RU,ru;q=0.9", "uk"),
        ("uk", "uk"),
        ("en;q=0.3, pl;q=0.7", "pl"),
        ("pl;q=0, en", "en"),
        ("xx;q=abc, en-US", "en"),
    ],
)
def test_the_page_language_follows_the_browser_preference(header: str | None, lang: str) -> None:
    assert accepted_language(header) == lang


def test_a_client_gets_its_burst_then_waits_for_its_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(60, burst=3, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b"), "another client has its own bucket"
    assert limiter.retry_after("a") == 1
    now[0] += 1.0
    assert limiter.allow("a")
    assert not limiter.allow("a")


def test_the_rate_limiter_forgets_the_least_recent_clients_beyond_its_size() -> None:
    limiter = RateLimiter(60, burst=1, max_keys=2)
    assert limiter.allow("a")
    assert limiter.allow("b")
    assert limiter.allow("c")
    assert len(limiter._buckets) == 2
    assert limiter.allow("a"), "a was forgotten, so it starts with a full bucket"


def test_a_csrf_token_belongs_to_its_session_alone() -> None:
    token = csrf_token(SECRET, "a" * 32)
    assert csrf_matches(SECRET, "a" * 32, token)
    assert not csrf_matches(SECRET, "b" * 32, token)
    assert not csrf_matches("another secret", "a" * 32, token)
    assert not csrf_matches(SECRET, "a" * 32, "")
    assert not csrf_matches(SECRET, "a" * 32, "żółć")


@pytest.mark.parametrize("lang", ["pl", "en", "uk"])
def test_the_last_resort_error_page_shows_112_and_the_national_lines(lang: str) -> None:
    page = plain_error_page(lang, 500)
    assert page.index('href="tel:112"') < page.index('href="tel:116123"')
    assert f'lang="{lang}"' in page
