"""The web chat in a real browser: Debian's chromium driven by Playwright against the real server
on 127.0.0.1 (real SQLite, and one PostgreSQL run), with JavaScript on and off, a 360-px phone
and a desktop screen; axe-core checks accessibility; screenshots go to test-artifacts/screenshots.

Nothing is downloaded: the browser is /usr/bin/chromium (scripts/test.sh installs it), axe-core
comes from npm (tests/bot/web/axe, `npm ci` in scripts/test.sh) and is injected into the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from directory.crisis import CrisisType
from directory.crisis import crisis_label as label_in
from directory.i18n import translator
from tests.bot.web.chat_server import ChatServer, running_chat
from tests.conftest import postgres_required

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Playwright gives every launch a fresh, empty profile (user-data-dir) of its own. Without the
# background-networking flags chromium keeps trying to reach Google on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
LOCALES = {"pl": "pl-PL", "en": "en-GB"}
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
TIMEOUT_MS = 10_000


def missing_tool(what: str) -> None:
    """Fail where the browser tests must run (CI), skip elsewhere."""
    if postgres_required():
        pytest.fail(f"{what} is required here (CI): run scripts/test.sh to install it")
    pytest.skip(f"{what} is not installed (scripts/test.sh installs it)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, once for the module."""
    if not CHROMIUM.exists():
        missing_tool("/usr/bin/chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def chat(seeded_sqlite_url: str) -> Iterator[ChatServer]:
    """The web chat on a fresh seeded SQLite database."""
    with running_chat(seeded_sqlite_url) as server:
        yield server


def open_context(
    browser: Browser,
    lang: str = "pl",
    *,
    javascript: bool = True,
    viewport: dict[str, int] = PHONE,
    **options: Any,
) -> BrowserContext:
    """A fresh browser window: its own cookies, the language, JavaScript on or off."""
    context = browser.new_context(
        locale=LOCALES[lang],
        java_script_enabled=javascript,
        viewport=viewport,  # type: ignore[arg-type]
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def crisis_label(crisis: CrisisType, lang: str) -> str:
    """The crisis button's label as the page shows it."""
    return label_in(crisis, translator(lang).gettext)


def send(page: Page, text: str) -> None:
    """Type a message and press Enter, as a person does (a plain post without JavaScript)."""
    turns = page.locator("#log article.turn").count()
    page.fill("#message", text)
    page.press("#message", "Enter")
    wait_for_turn(page, turns)


def press(page: Page, label: str) -> None:
    """Press the last button with this label."""
    turns = page.locator("#log article.turn").count()
    page.get_by_role("button", name=label, exact=True).last.click()
    wait_for_turn(page, turns)


def wait_for_turn(page: Page, turns_before: int) -> None:
    """Wait for the answer: a new turn added (fetch) or a new page loaded (plain post)."""
    page.wait_for_load_state()
    page.wait_for_function(
        "(before) => { const log = document.getElementById('log');"
        " return log && log.getAttribute('aria-busy') !== 'true'"
        " && (log.querySelectorAll('article.turn').length !== before"
        " || performance.getEntriesByType('navigation').length > 0); }",
        arg=turns_before,
    )


def last_turn_phones(page: Page) -> list[str]:
    """The tel: links of the last turn, in order."""
    links = page.locator("#log article.turn").last.locator("a.tel")
    return [str(links.nth(index).get_attribute("href")) for index in range(links.count())]


def shot(page: Page, name: str) -> Path:
    """Save what the person sees now (the screen, not the whole page: the 112 bar stays on top
    and the newest turn is scrolled to) for review, in a git-ignored folder."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not AXE.exists():
        missing_tool("axe-core (npm ci --prefix tests/bot/web/axe)")
    # Evaluated by the driver, not added as a <script>: the page's CSP rightly forbids that.
    page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def assert_112_on_top(page: Page) -> None:
    """The 112 bar is at the top of the screen, visible, and dials 112."""
    bar = page.locator("a.call-112")
    expect(bar).to_be_visible()
    assert bar.get_attribute("href") == "tel:112"
    box = bar.bounding_box()
    assert box is not None
    assert box["y"] < 20


@pytest.mark.parametrize(
    ("lang", "javascript"),
    [("pl", True), ("pl", False), ("en", True), ("en", False)],
    ids=["pl-js", "pl-nojs", "en-js", "en-nojs"],
)
def test_a_resident_reaches_a_referral_with_112_first(
    browser: Browser, chat: ChatServer, lang: str, javascript: bool
) -> None:
    context = open_context(browser, lang, javascript=javascript)
    try:
        page = context.new_page()
        page.goto(chat.base_url + "/")
        assert_112_on_top(page)
        send(page, "Pruszków")
        expect(page.locator("#log article.turn").last).to_contain_text("powiat pruszkowski")
        press(page, crisis_label(CrisisType.SUICIDAL, lang))
        phones = last_turn_phones(page)
        assert phones[0] == "tel:112"
        assert "tel:116123" in phones
        assert_112_on_top(page)
        turns = page.locator("#log article.turn").count()
        # With JavaScript each turn is added to the page; without it each post is a new page.
        assert turns == (3 if javascript else 1)
        assert page.evaluate("document.documentElement.lang") == lang
    finally:
        context.close()


@pytest.mark.postgres
def test_a_resident_reaches_a_referral_on_postgresql(
    browser: Browser, seeded_postgres_url: str
) -> None:
    with running_chat(seeded_postgres_url) as chat:
        context = open_context(browser, "pl")
        try:
            page = context.new_page()
            page.goto(chat.base_url + "/")
            send(page, "Gdańsk")
            press(page, crisis_label(CrisisType.VIOLENCE, "pl"))
            assert last_turn_phones(page)[0] == "tel:112"
            assert len(chat.state_keys()) == 1
        finally:
            context.close()


def test_the_erase_button_forgets_the_conversation(browser: Browser, chat: ChatServer) -> None:
    context = open_context(browser, "pl")
    try:
        page = context.new_page()
        page.goto(chat.base_url + "/chat")
        send(page, "Pruszków")
        press(page, crisis_label(CrisisType.VIOLENCE, "pl"))
        assert len(chat.state_keys()) == 1
        before = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
        press(page, "🗑 Usuń tę rozmowę")
        assert chat.state_keys() == []
        assert page.locator("#log article.turn").count() == 1, "the page forgets it too"
        after = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
        assert after.keys() == before.keys()
        assert after != before, "a new session: nothing links on to the erased one"
        send(page, "Gdańsk")
        expect(page.locator("#log article.turn").last).to_contain_text("Miejsce: Gdańsk")
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_danger_message_leads_with_112(
    browser: Browser, chat: ChatServer, javascript: bool
) -> None:
    context = open_context(browser, "pl", javascript=javascript)
    try:
        page = context.new_page()
        page.goto(chat.base_url + "/")
        send(page, "nie chcę już żyć, mam tabletki")
        turn = page.locator("#log article.turn").last
        first_line = turn.locator(".reply p").first
        expect(first_line).to_contain_text("112")
        assert first_line.locator("a.tel").first.get_attribute("href") == "tel:112"
        assert last_turn_phones(page)[0] == "tel:112"
    finally:
        context.close()


def test_the_error_page_shows_112_and_the_national_lines(
    browser: Browser, chat: ChatServer
) -> None:
    context = open_context(browser, "en", javascript=False)
    try:
        page = context.new_page()
        response = page.goto(chat.base_url + "/no-such-page")
        assert response is not None
        assert response.status == 404
        assert_112_on_top(page)
        links = page.locator("a.tel")
        hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
        assert hrefs[0] == "tel:112"
        assert "tel:116123" in hrefs
        page.get_by_role("link", name="Back to the chat").click()
        expect(page.locator("#message")).to_be_visible()
    finally:
        context.close()


def test_a_language_button_shows_the_whole_page_in_that_language(
    browser: Browser, chat: ChatServer
) -> None:
    context = open_context(browser, "pl")
    try:
        page = context.new_page()
        page.goto(chat.base_url + "/")
        send(page, "Pruszków")
        with page.expect_navigation():
            page.get_by_role("button", name="🌐 English").last.click()
        assert page.evaluate("document.documentElement.lang") == "en"
        expect(page.locator("label[for=message]")).to_have_text("Your message")
        expect(page.locator("#log article.turn").last).to_contain_text("What is happening?")
    finally:
        context.close()


GEOLOCATION_SPY = """
window.__geolocationAsked = 0;
const ask = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
navigator.geolocation.getCurrentPosition = (...args) => {
  window.__geolocationAsked += 1;
  return ask(...args);
};
"""


def test_the_location_is_asked_of_the_browser_only_on_a_tap(
    browser: Browser, chat: ChatServer
) -> None:
    context = open_context(
        browser,
        "pl",
        geolocation={"latitude": 52.17, "longitude": 20.81},
        permissions=["geolocation"],
    )
    try:
        page = context.new_page()
        page.add_init_script(GEOLOCATION_SPY)
        page.goto(chat.base_url + "/")
        button = page.get_by_role("button", name="📍 Udostępnij moją lokalizację")
        expect(button).to_be_visible()
        assert page.evaluate("window.__geolocationAsked") == 0
        turns = page.locator("#log article.turn").count()
        button.click()
        wait_for_turn(page, turns)
        expect(page.locator("#log article.turn").last).to_contain_text("powiat pruszkowski")
        assert page.evaluate("window.__geolocationAsked") == 1
    finally:
        context.close()


def test_without_javascript_the_location_button_gives_way_to_a_hint(
    browser: Browser, chat: ChatServer
) -> None:
    context = open_context(browser, "pl", javascript=False)
    try:
        page = context.new_page()
        page.goto(chat.base_url + "/")
        expect(page.locator("button.locate")).to_be_hidden()
        expect(page.locator("p.hint").first).to_contain_text("JavaScript")
    finally:
        context.close()


def test_the_chat_fits_a_360_px_screen_with_large_tap_targets(
    browser: Browser, chat: ChatServer
) -> None:
    context = open_context(browser, "pl", viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(chat.base_url + "/")
        send(page, "Pruszków")
        press(page, crisis_label(CrisisType.VIOLENCE, "pl"))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        small = page.evaluate(
            "() => [...document.querySelectorAll('button, a.tel, .button-link, #message')]"
            ".filter(e => e.offsetParent !== null)"
            ".map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])"
            ".filter(([, height]) => height < 44)"
        )
        assert small == [], f"tap targets under 44 px: {small}"
    finally:
        context.close()


MAIN_PAGES = ("greeting", "crisis-question", "referral", "danger", "error-404")


def visit_main_pages(page: Page, base_url: str, lang: str) -> Iterator[str]:
    """Walk through the main pages, yielding each one's name when it is on screen."""
    page.goto(base_url + "/")
    yield "greeting"
    send(page, "Pruszków")
    yield "crisis-question"
    press(page, crisis_label(CrisisType.VIOLENCE, lang))
    yield "referral"
    send(page, "mój mąż mnie bije, boję się o życie")
    yield "danger"
    page.goto(base_url + "/no-such-page")
    yield "error-404"


@pytest.mark.parametrize(
    ("width", "viewport", "lang"), [("360", PHONE, "pl"), ("desktop", DESKTOP, "en")]
)
def test_axe_finds_no_serious_or_critical_violation_and_screenshots_are_written(
    browser: Browser, chat: ChatServer, width: str, viewport: dict[str, int], lang: str
) -> None:
    context = open_context(browser, lang, viewport=viewport)
    found: dict[str, list[dict[str, Any]]] = {}
    written = []
    try:
        page = context.new_page()
        for name in visit_main_pages(page, chat.base_url, lang):
            assert_112_on_top(page)
            found[name] = axe_violations(page)
            written.append(shot(page, f"{name}-{width}-{lang}"))
    finally:
        context.close()
    assert [name for name, _violations in found.items()] == list(MAIN_PAGES)
    blocking = {name: violations for name, violations in found.items() if violations}
    assert not blocking, json.dumps(blocking, indent=1, ensure_ascii=False)
    assert all(path.stat().st_size > 10_000 for path in written)
