"""The web panel in a real browser: Debian's chromium driven by Playwright against the whole web
app on 127.0.0.1 (chat and panel, real SQLite): signing in by link, a staff phone change that an
administrator approves and the resident's next web referral shows, refusals of forged URLs and
forms, refused sign-in links, axe-core on every main panel page, and screenshots of them.

A staff member's new phone waits for an administrator (directory.verification, issue 11 finding
2), so the phone test also approves it as an administrator, in a browser of their own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from directory.crisis import CrisisType
from directory.db import session_scope
from directory.models import Service, utc_now
from directory.panel_access import PanelRole, create_sign_in_link
from tests.bot.web.chat_server import ChatServer, running_chat
from tests.bot.web.test_browser import (
    DESKTOP,
    PHONE,
    assert_112_on_top,
    axe_violations,
    browser,
    crisis_label,
    open_context,
    press,
    send,
    shot,
)
from tests.conftest import link_staff

pytestmark = pytest.mark.browser

ADMIN = 9101
STAFF = 9102
STAFF_ORG = "B01"  # Kraków's crisis intervention centre, open around the clock
OTHER_ORG = "B05"
NEW_PHONE = "600 100 200"
__all__ = ["browser"]  # the module-scoped chromium of the chat's browser tests


@pytest.fixture
def site(seeded_sqlite_url: str) -> Iterator[ChatServer]:
    """The whole web app (chat and panel) on a fresh seeded SQLite database, with a configured
    administrator and a centre's staff member linked to B01."""
    with running_chat(seeded_sqlite_url, admin_telegram_ids=frozenset({ADMIN})) as server:
        link_staff(server.engine, STAFF, STAFF_ORG)
        yield server


def sign_in_link(server: ChatServer, user: int, role: PanelRole, **when: Any) -> str:
    """A one-time link, as /panel in the chat or `python -m directory panel-link` makes it."""
    with session_scope(server.engine) as session:
        link = create_sign_in_link(
            session, user, role, admin_ids=server.settings.admin_telegram_ids, **when
        )
    return link.url(server.base_url, "en")


def sign_in(page: Page, link: str) -> None:
    """Open the link and press its button, as a person does."""
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def signed_in_page(
    browser: Browser, server: ChatServer, user: int, role: PanelRole, **options: Any
) -> tuple[BrowserContext, Page]:
    context = open_context(browser, "en", **options)
    page = context.new_page()
    sign_in(page, sign_in_link(server, user, role))
    expect(page.get_by_role("heading", level=1)).to_have_text("My entries")
    return context, page


def phones_of(server: ChatServer, service_id: str) -> list[str]:
    with session_scope(server.engine) as session:
        service = session.get(Service, service_id)
        assert service is not None
        return [phone.number_as_published for phone in service.phones]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_staff_phone_change_approved_by_an_administrator_reaches_the_next_web_referral(
    browser: Browser, site: ChatServer, javascript: bool
) -> None:
    staff, page = signed_in_page(browser, site, STAFF, PanelRole.STAFF, javascript=javascript)
    try:
        page.get_by_role("link", name=re.compile("^Change")).first.click()
        page.get_by_label("Phone numbers").fill(f"12 421 92 82, {NEW_PHONE}")
        page.get_by_role("button", name="Check the change").click()
        expect(page.get_by_role("heading", name="Please check the change")).to_be_visible()
        expect(page.locator(".preview")).to_contain_text(NEW_PHONE)
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_role("status").first).to_contain_text("administrator's approval")
        assert_112_on_top(page)
    finally:
        staff.close()
    assert NEW_PHONE not in phones_of(site, STAFF_ORG)

    admin, page = signed_in_page(browser, site, ADMIN, PanelRole.ADMIN, javascript=javascript)
    try:
        page.get_by_role("link", name="Verification queue").click()
        page.locator(f'a[href="/panel/admin/queue/{STAFF_ORG}"]').click()
        expect(page.locator("main")).to_contain_text(NEW_PHONE)
        page.get_by_role("button", name="Verify", exact=True).click()
        expect(page.get_by_role("status").first).to_contain_text(STAFF_ORG)
    finally:
        admin.close()
    assert NEW_PHONE in phones_of(site, STAFF_ORG)

    resident = open_context(browser, "en", javascript=javascript)
    try:
        page = resident.new_page()
        page.goto(site.base_url + "/")
        send(page, "Kraków")
        press(page, crisis_label(CrisisType.SUICIDAL, "en"))
        turn = page.locator("#log article.turn").last
        expect(turn.locator('a.tel[href="tel:+48600100200"]')).to_have_count(1)
        assert turn.locator("a.tel").first.get_attribute("href") == "tel:112"
    finally:
        resident.close()


def test_staff_cannot_open_another_organisations_entry_or_the_admin_pages(
    browser: Browser, site: ChatServer
) -> None:
    before = phones_of(site, OTHER_ORG)
    context, page = signed_in_page(browser, site, STAFF, PanelRole.STAFF)
    try:
        expect(page.locator(f'a[href="/panel/entries/{OTHER_ORG}"]')).to_have_count(0)
        expect(page.locator('a[href^="/panel/admin/"]')).to_have_count(0)
        for path in (f"/panel/entries/{OTHER_ORG}", "/panel/admin/queue", "/panel/admin/audit"):
            answer = page.goto(site.base_url + path)
            assert answer is not None
            assert answer.status == 403
            assert_112_on_top(page)
        # A forged form: the "still correct" button of the own entry pointed at another one.
        page.goto(site.base_url + "/panel")
        page.locator('input[name="service_id"][value="B01"]').evaluate(
            "(input, other) => { input.value = other; }", OTHER_ORG
        )
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name=re.compile("^Still correct")).first.click()
        assert navigation.value is not None
        assert navigation.value.status == 403
        expect(page.locator("main")).to_contain_text("only the entries of your own organisation")
        # A forged edit: the own entry's form sent to another organisation's address.
        page.goto(site.base_url + f"/panel/entries/{STAFF_ORG}")
        page.get_by_label("Phone numbers").fill("22 111 22 33")
        page.locator("form:has(#phones)").evaluate(
            "(form, other) => { form.action = '/panel/entries/' + other; }", OTHER_ORG
        )
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Check the change").click()
        assert navigation.value is not None
        assert navigation.value.status == 403
        shot(page, "panel-refused-360-en")
    finally:
        context.close()
    assert phones_of(site, OTHER_ORG) == before


def test_an_expired_or_reused_sign_in_link_is_refused(browser: Browser, site: ChatServer) -> None:
    expired = sign_in_link(
        site, STAFF, PanelRole.STAFF, now=utc_now() - timedelta(minutes=15, seconds=1)
    )
    used = sign_in_link(site, STAFF, PanelRole.STAFF)
    first = open_context(browser, "en")
    try:
        sign_in(first.new_page(), used)
    finally:
        first.close()
    context = open_context(browser, "en")
    try:
        page = context.new_page()
        sign_in(page, expired)
        expect(page.get_by_role("alert")).to_contain_text("has expired")
        assert_112_on_top(page)
        shot(page, "panel-link-expired-360-en")
        sign_in(page, used)
        expect(page.get_by_role("alert")).to_contain_text("already been used")
        assert page.goto(site.base_url + "/panel") is not None
        expect(page.get_by_role("heading", level=1)).to_have_text("Please sign in")
        assert context.cookies() == []
    finally:
        context.close()


def visit_panel_pages(page: Page, server: ChatServer) -> Iterator[str]:
    """Walk through the panel's main pages as staff, then as an administrator."""
    page.goto(sign_in_link(server, STAFF, PanelRole.STAFF))
    yield "sign-in"
    page.get_by_role("button", name="Sign in").click()
    yield "staff-entries"
    page.goto(server.base_url + f"/panel/entries/{STAFF_ORG}")
    yield "entry-form"
    page.get_by_label("Opening hours").fill("weekdays from 8 to 4")
    page.get_by_role("button", name="Check the change").click()
    yield "entry-error"
    page.get_by_label("Opening hours").fill("Mo-Fr 08:00-20:00")
    page.get_by_role("button", name="Check the change").click()
    yield "entry-preview"
    page.get_by_role("button", name="Sign out").click()
    yield "signed-out"
    page.goto(sign_in_link(server, ADMIN, PanelRole.ADMIN))
    page.get_by_role("button", name="Sign in").click()
    for name in ("queue", "usage", "coverage", "audit", "invites"):
        page.goto(server.base_url + f"/panel/admin/{name}")
        yield f"admin-{name}"
    page.goto(server.base_url + "/panel/admin/queue/B02")
    yield "admin-queue-entry"


PANEL_PAGES = (
    "sign-in",
    "staff-entries",
    "entry-form",
    "entry-error",
    "entry-preview",
    "signed-out",
    "admin-queue",
    "admin-usage",
    "admin-coverage",
    "admin-audit",
    "admin-invites",
    "admin-queue-entry",
)


@pytest.mark.parametrize(("width", "viewport"), [("360", PHONE), ("desktop", DESKTOP)])
def test_axe_finds_no_serious_or_critical_violation_on_the_panel_and_screenshots_are_written(
    browser: Browser, site: ChatServer, width: str, viewport: dict[str, int]
) -> None:
    context = open_context(browser, "en", viewport=viewport)
    found: dict[str, list[dict[str, Any]]] = {}
    written = []
    try:
        page = context.new_page()
        for name in visit_panel_pages(page, site):
            page.wait_for_load_state()
            assert_112_on_top(page)
            found[name] = axe_violations(page)
            written.append(shot(page, f"panel-{name}-{width}-en"))
    finally:
        context.close()
    assert tuple(found) == PANEL_PAGES
    blocking = {name: violations for name, violations in found.items() if violations}
    assert not blocking, json.dumps(blocking, indent=1, ensure_ascii=False)
    assert all(path.stat().st_size > 10_000 for path in written)
