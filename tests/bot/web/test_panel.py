"""The web panel over real HTTP (uvicorn on 127.0.0.1) on SQLite and PostgreSQL: signing in,
every authorisation rule (also against forged URLs and forms), CSRF, and the staff edit with the
chat's validation, preview and audit."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from directory.audit import service_history
from directory.db import session_scope
from directory.models import AuditLog, Service, StaffInvite, utc_now
from directory.panel_access import PanelRole, create_sign_in_link
from directory.validation import InvalidValue, check_hours, check_phone
from tests.bot.web.conftest import (
    ADMIN,
    OTHER_ORG,
    STAFF,
    STAFF_ORG,
    PanelServer,
    csrf_of,
)

ADMIN_PAGES = (
    "/panel/admin/queue",
    "/panel/admin/queue/B02",
    "/panel/admin/entries",
    "/panel/admin/usage",
    "/panel/admin/usage.png",
    "/panel/admin/coverage",
    "/panel/admin/coverage.png",
    "/panel/admin/audit",
    "/panel/admin/invites",
)
ADMIN_POSTS = (
    ("/panel/admin/queue/B02", {"action": "verify"}),
    ("/panel/admin/queue/B01", {"action": "hide", "reason": "forged"}),
    ("/panel/admin/audit/revert", {"change_id": "x"}),
    ("/panel/admin/invites", {"organization_id": STAFF_ORG, "action": "create"}),
    ("/panel/admin/invites", {"invite_id": "1", "action": "revoke"}),
)


def entry_form(panel: PanelServer, service_id: str) -> dict[str, str | list[str]]:
    """The entry's form as the page pre-fills it (what a browser would post unchanged)."""
    from directory.panel_form import initial_values

    with session_scope(panel.engine) as session:
        service = session.get(Service, service_id)
        assert service is not None
        return dict(initial_values(service))


def phones_of(panel: PanelServer, service_id: str) -> list[str]:
    with session_scope(panel.engine) as session:
        service = session.get(Service, service_id)
        assert service is not None
        return [phone.number_as_published for phone in service.phones]


def audit_rows(panel: PanelServer) -> int:
    with session_scope(panel.engine) as session:
        return len(session.scalars(select(AuditLog.id)).all())


def test_a_staff_member_signs_in_by_link_and_sees_only_their_own_entries(
    panel: PanelServer,
) -> None:
    with panel.signed_in(STAFF) as client:
        home = client.get("/panel")
    assert home.status_code == 200
    assert 'href="/panel/entries/B01"' in home.text
    assert "/panel/entries/B05" not in home.text
    assert "/panel/admin/" not in home.text
    assert 'href="tel:112"' in home.text


def test_the_session_cookie_is_httponly_strict_and_scoped_to_the_panel(
    panel: PanelServer,
) -> None:
    with panel.client() as client:
        link = panel.link(STAFF, PanelRole.STAFF)
        answer = client.post("/panel/sign-in", data={"token": link.split("token=")[1]})
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    assert "path=/panel" in cookie
    assert "expires" not in cookie
    assert "max-age" not in cookie


def test_opening_the_link_page_does_not_use_the_link_up(panel: PanelServer) -> None:
    link = panel.link(STAFF, PanelRole.STAFF)
    with panel.client() as client:
        for _ in range(3):
            page = client.get(link)
            assert page.status_code == 200
            assert 'type="submit"' in page.text
        answer = client.post("/panel/sign-in", data={"token": link.split("token=")[1]})
    assert answer.status_code == 303


def test_a_reused_link_is_refused(panel: PanelServer) -> None:
    link = panel.link(STAFF, PanelRole.STAFF)
    token = link.split("token=")[1]
    with panel.client() as first:
        assert first.post("/panel/sign-in", data={"token": token}).status_code == 303
    with panel.client() as second:
        again = second.post("/panel/sign-in", data={"token": token, "lang": "en"})
        assert again.status_code == 403
        assert "already been used" in again.text
        assert "set-cookie" not in again.headers
        assert second.get("/panel").status_code == 401


def test_an_expired_link_is_refused(panel: PanelServer) -> None:
    with session_scope(panel.engine) as session:
        old = create_sign_in_link(
            session, STAFF, PanelRole.STAFF, now=utc_now() - timedelta(minutes=16)
        )
    with panel.client() as client:
        answer = client.post("/panel/sign-in", data={"token": old.token, "lang": "en"})
        assert answer.status_code == 403
        assert "has expired" in answer.text
        assert client.get("/panel").status_code == 401


def test_without_a_session_every_page_asks_to_sign_in(panel: PanelServer) -> None:
    with panel.client() as client:
        client.cookies.set("drogowskaz_panel", "forged-cookie", path="/panel")
        for path in ("/panel", "/panel/entries/B01", *ADMIN_PAGES):
            page = client.get(path, headers={"accept-language": "en"})
            assert page.status_code == 401, path
            assert "Please sign in" in page.text
            assert 'href="tel:112"' in page.text


def test_without_a_session_no_form_changes_anything(panel: PanelServer) -> None:
    before = phones_of(panel, STAFF_ORG)
    with panel.client() as client:
        for path, data in (
            ("/panel/entries/B01", {"phones": "22 111 22 33", "action": "save"}),
            ("/panel/confirm", {"service_id": "B01"}),
            *ADMIN_POSTS,
        ):
            assert client.post(path, data=data).status_code == 401
    assert phones_of(panel, STAFF_ORG) == before


def test_staff_cannot_open_or_change_another_organisations_entry(panel: PanelServer) -> None:
    before = phones_of(panel, OTHER_ORG)
    rows = audit_rows(panel)
    with panel.signed_in(STAFF) as client:
        page = client.get(f"/panel/entries/{OTHER_ORG}")
        assert page.status_code == 403
        assert "only the entries of your own organisation" in page.text
        csrf = csrf_of(client.get("/panel").text)
        form = {**entry_form(panel, OTHER_ORG), "phones": "22 111 22 33", "csrf": csrf}
        for action in ("preview", "save"):
            answer = client.post(f"/panel/entries/{OTHER_ORG}", data={**form, "action": action})
            assert answer.status_code == 403
    assert phones_of(panel, OTHER_ORG) == before
    assert audit_rows(panel) == rows


def test_a_forged_service_id_in_the_still_correct_form_is_refused(panel: PanelServer) -> None:
    rows = audit_rows(panel)
    with panel.signed_in(STAFF) as client:
        csrf = csrf_of(client.get("/panel").text)
        answer = client.post("/panel/confirm", data={"csrf": csrf, "service_id": OTHER_ORG})
        missing = client.post("/panel/confirm", data={"csrf": csrf, "service_id": "NOPE"})
    assert answer.status_code == 403
    assert missing.status_code == 404
    assert audit_rows(panel) == rows


def test_staff_cannot_open_the_admin_pages(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as client:
        for path in ADMIN_PAGES:
            page = client.get(path)
            assert page.status_code == 403, path
            assert "only for the directory" in page.text


def test_staff_cannot_use_the_admin_forms(panel: PanelServer) -> None:
    with session_scope(panel.engine) as session:
        invites = len(session.scalars(select(StaffInvite.id)).all())
    rows = audit_rows(panel)
    with panel.signed_in(STAFF) as client:
        csrf = csrf_of(client.get("/panel").text)
        for path, data in ADMIN_POSTS:
            assert client.post(path, data={**data, "csrf": csrf}).status_code == 403
    with session_scope(panel.engine) as session:
        assert len(session.scalars(select(StaffInvite.id)).all()) == invites
    assert audit_rows(panel) == rows


def test_an_admin_staff_session_is_only_staff(panel: PanelServer) -> None:
    with panel.signed_in(ADMIN, PanelRole.ADMIN) as admin:
        assert admin.get("/panel/admin/audit").status_code == 200
        assert admin.get(f"/panel/entries/{OTHER_ORG}").status_code == 200


def test_a_form_without_the_csrf_token_or_with_another_sessions_token_changes_nothing(
    panel: PanelServer,
) -> None:
    before = phones_of(panel, STAFF_ORG)
    with panel.signed_in(STAFF) as client, panel.signed_in(STAFF) as other:
        foreign = csrf_of(other.get("/panel").text)
        form = {**entry_form(panel, STAFF_ORG), "phones": "22 111 22 33", "action": "save"}
        assert client.post("/panel/entries/B01", data=form).status_code == 403
        answer = client.post("/panel/entries/B01", data={**form, "csrf": foreign})
        assert answer.status_code == 403
        assert "Nothing was changed" in answer.text
        assert client.post("/panel/confirm", data={"service_id": "B01"}).status_code == 403
    assert phones_of(panel, STAFF_ORG) == before


def save(client: httpx.Client, panel: PanelServer, service_id: str, **changes: str) -> str:
    """Fill the entry's form with `changes`, check the preview, save; the page it ends on."""
    csrf = csrf_of(client.get(f"/panel/entries/{service_id}").text)
    form = {**entry_form(panel, service_id), "csrf": csrf, **changes}
    preview = client.post(f"/panel/entries/{service_id}", data={**form, "action": "preview"})
    assert preview.status_code == 200
    assert "Please check the change" in preview.text
    version = re.search(r'name="version" value="([^"]*)"', preview.text)
    assert version is not None
    saved = client.post(
        f"/panel/entries/{service_id}", data={**form, "action": "save", "version": version[1]}
    )
    assert saved.status_code == 303
    return str(saved.headers["location"])


def test_a_phone_change_waits_for_an_administrator_then_goes_live(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as client:
        landing = save(client, panel, STAFF_ORG, phones="12 421 92 82, 600 100 200")
        assert landing == "/panel/entries/B01?saved=pending"
        page = client.get(landing).text
    assert "wait for an administrator" in page
    assert "600 100 200" in page
    assert 'href="tel:+48600100200"' not in page
    assert phones_of(panel, STAFF_ORG) == ["12 421 92 82"]
    with panel.signed_in(ADMIN, PanelRole.ADMIN) as admin:
        queue = admin.get("/panel/admin/queue").text
        assert 'href="/panel/admin/queue/B01"' in queue
        entry = admin.get("/panel/admin/queue/B01")
        assert "600 100 200" in entry.text
        decided = admin.post(
            "/panel/admin/queue/B01", data={"csrf": csrf_of(entry.text), "action": "verify"}
        )
        assert decided.status_code == 303
    assert phones_of(panel, STAFF_ORG) == ["12 421 92 82", "600 100 200"]
    with session_scope(panel.engine) as session:
        history = service_history(session, STAFF_ORG)
    actors = {(row.field, row.actor) for row in history}
    assert ("phones", f"admin:{ADMIN}") in actors


def test_a_notice_change_is_live_at_once_with_the_chats_audit(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as client:
        landing = save(client, panel, STAFF_ORG, notice="Nieczynne 24 grudnia")
        assert landing == "/panel/entries/B01?saved=1"
        page = client.get(landing).text
    assert "Residents now see the entry as below" in page
    assert "Nieczynne 24 grudnia" in page
    with session_scope(panel.engine) as session:
        history = service_history(session, STAFF_ORG)
    fields = {(row.field, row.actor) for row in history[-3:]}
    assert ("notice", f"staff:{STAFF}") in fields
    assert ("verified_by", f"staff:{STAFF}") in fields


def test_an_administrator_hides_an_entry_only_with_a_reason(panel: PanelServer) -> None:
    with panel.signed_in(ADMIN, PanelRole.ADMIN) as admin:
        csrf = csrf_of(admin.get("/panel/admin/queue/B02").text)
        refused = admin.post("/panel/admin/queue/B02", data={"csrf": csrf, "action": "hide"})
        assert refused.status_code == 422
        assert "Please give a reason" in refused.text
        hidden = admin.post(
            "/panel/admin/queue/B02",
            data={"csrf": csrf, "action": "hide", "reason": "closed in 2024 per the powiat"},
        )
        assert hidden.status_code == 303
        no_phone = admin.post("/panel/admin/queue/B03", data={"csrf": csrf, "action": "verify"})
        assert no_phone.status_code == 422
        assert "no phone number" in no_phone.text
    with session_scope(panel.engine) as session:
        service = session.get(Service, "B02")
        assert service is not None
        assert service.hidden_reason == "closed in 2024 per the powiat"


def test_a_preview_of_an_entry_changed_meanwhile_is_not_saved(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as client:
        csrf = csrf_of(client.get("/panel/entries/B01").text)
        form = {**entry_form(panel, STAFF_ORG), "csrf": csrf, "phones": "600 100 200"}
        answer = client.post(
            "/panel/entries/B01", data={**form, "action": "save", "version": "2000-01-01"}
        )
    assert answer.status_code == 200
    assert "changed meanwhile" in answer.text
    assert phones_of(panel, STAFF_ORG) == ["12 421 92 82"]


def test_bad_values_are_refused_with_the_chats_own_messages(panel: PanelServer) -> None:
    with pytest.raises(InvalidValue) as hours_error:
        check_hours("Mo-Fr 25:00-26:00")
    with pytest.raises(InvalidValue) as phone_error:
        check_phone("12 34")
    with panel.signed_in(STAFF) as client:
        csrf = csrf_of(client.get("/panel/entries/B01").text)
        form = {
            **entry_form(panel, STAFF_ORG),
            "csrf": csrf,
            "hours": "Mo-Fr 25:00-26:00",
            "phones": "12 34",
            "action": "preview",
        }
        answer = client.post("/panel/entries/B01", data=form)
    assert answer.status_code == 422
    assert "Nothing was changed" in answer.text
    text = answer.text.replace("&#34;", '"')
    for error in (hours_error.value, phone_error.value):
        message = error.text("en")
        assert message.split("“")[0] in text
    assert 'aria-invalid="true"' in answer.text
    assert phones_of(panel, STAFF_ORG) == ["12 421 92 82"]


def test_forged_admin_fields_are_ignored_and_a_forged_status_is_refused(
    panel: PanelServer,
) -> None:
    from tests.conftest import link_staff

    link_staff(panel.engine, STAFF, "B02")  # an unverified entry: only an administrator opens it
    rows = audit_rows(panel)
    with panel.signed_in(STAFF) as client:
        page = client.get("/panel/entries/B02")
        assert 'name="status"' not in page.text
        csrf = csrf_of(page.text)
        form = {**entry_form(panel, "B02"), "csrf": csrf, "status": "active"}
        forged = {**form, "confidence": "high", "organization_id": STAFF_ORG, "kind": "helpline"}
        answer = client.post("/panel/entries/B02", data={**forged, "action": "preview"})
        assert answer.status_code == 200
        version = re.search(r'name="version" value="([^"]*)"', answer.text)
        assert version is not None
        saved = client.post(
            "/panel/entries/B02",
            data={**forged, "action": "save", "version": version.group(1)},
        )
    assert saved.status_code == 403
    assert "Only an administrator can make this status change" in saved.text
    with session_scope(panel.engine) as session:
        service = session.get(Service, "B02")
        assert service is not None
        assert service.status == "unverified"
        assert service.confidence == "low"
        assert service.organization_id == "B02"
    assert audit_rows(panel) == rows


def test_still_correct_stamps_verified_today_by_the_centre(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as client:
        csrf = csrf_of(client.get("/panel").text)
        answer = client.post("/panel/confirm", data={"csrf": csrf, "service_id": "B01"})
        assert answer.status_code == 303
        assert "Recorded as verified today" in client.get(answer.headers["location"]).text
    with session_scope(panel.engine) as session:
        service = session.get(Service, STAFF_ORG)
        assert service is not None
        assert service.verified_by == "centre"
        assert service.verified_on is not None


def test_signing_out_ends_the_session_for_good(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as client:
        cookie = client.cookies.get("drogowskaz_panel")
        csrf = csrf_of(client.get("/panel").text)
        assert client.post("/panel/sign-out", data={"csrf": csrf}).status_code == 303
        assert client.get("/panel").status_code == 401
    with panel.client() as replay:
        replay.cookies.set("drogowskaz_panel", cookie or "", path="/panel")
        assert replay.get("/panel").status_code == 401


def test_a_revoked_staff_link_ends_the_panel_session_at_once(panel: PanelServer) -> None:
    from directory.staff import revoke_link

    with panel.signed_in(STAFF) as client:
        assert client.get("/panel").status_code == 200
        with session_scope(panel.engine) as session:
            revoke_link(session, STAFF)
        assert client.get("/panel/entries/B01").status_code == 401


def test_an_administrator_reverts_a_staff_change(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as staff:
        save(staff, panel, STAFF_ORG, notice="Zamknięte do 2 stycznia")
    with session_scope(panel.engine) as session:
        change_id = service_history(session, STAFF_ORG)[-1].change_id
    with panel.signed_in(ADMIN, PanelRole.ADMIN) as admin:
        audit = admin.get("/panel/admin/audit?service=B01")
        assert change_id in audit.text
        csrf = csrf_of(audit.text)
        answer = admin.post(
            "/panel/admin/audit/revert", data={"csrf": csrf, "change_id": change_id}
        )
        assert answer.status_code == 303
        assert "Reverted" in admin.get(answer.headers["location"]).text
        again = admin.post("/panel/admin/audit/revert", data={"csrf": csrf, "change_id": change_id})
        assert again.status_code == 409
    with session_scope(panel.engine) as session:
        service = session.get(Service, STAFF_ORG)
        assert service is not None
        assert service.notice is None


def test_an_administrator_creates_an_invite_shown_once_and_cancels_it(panel: PanelServer) -> None:
    with panel.signed_in(ADMIN, PanelRole.ADMIN) as admin:
        csrf = csrf_of(admin.get("/panel/admin/invites").text)
        made = admin.post(
            "/panel/admin/invites",
            data={"csrf": csrf, "organization_id": OTHER_ORG, "expires": "1d", "action": "create"},
        )
        code = re.search(r"<code>([A-Z0-9]{16})</code>", made.text)
        assert code is not None
        listing = admin.get("/panel/admin/invites")
        assert code.group(1) not in listing.text
        with session_scope(panel.engine) as session:
            invite = session.scalars(select(StaffInvite)).one()
        cancelled = admin.post(
            "/panel/admin/invites",
            data={"csrf": csrf, "invite_id": str(invite.id), "action": "revoke"},
        )
        assert cancelled.status_code == 303
        unknown = admin.post(
            "/panel/admin/invites",
            data={"csrf": csrf, "organization_id": "NOPE", "action": "create"},
        )
        assert unknown.status_code == 422
    with session_scope(panel.engine) as session:
        stored = session.scalars(select(StaffInvite)).one()
        assert stored.expires_at <= utc_now()


def test_every_panel_page_has_a_strict_content_security_policy(panel: PanelServer) -> None:
    with panel.signed_in(ADMIN, PanelRole.ADMIN) as admin:
        for path in ("/panel", "/panel/entries/B01", *ADMIN_PAGES):
            headers = admin.get(path).headers
            assert "default-src 'none'" in headers["content-security-policy"]
            assert "unsafe" not in headers["content-security-policy"]
            assert "http" not in headers["content-security-policy"]
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["cache-control"] == "no-store"


def test_the_panel_speaks_polish_english_and_ukrainian(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as client:
        csrf = csrf_of(client.get("/panel").text)
        seen = {}
        for lang in ("pl", "en", "uk"):
            client.post("/panel/language", data={"csrf": csrf, "lang": lang, "back": "/panel"})
            page = client.get("/panel")
            assert f'<html lang="{lang}">' in page.text
            seen[lang] = re.search(r"<h1>(.*?)</h1>", page.text)
    titles = {lang: found.group(1) for lang, found in seen.items() if found}
    assert len(set(titles.values())) == 3


def test_a_body_too_large_is_refused(panel: PanelServer) -> None:
    with panel.signed_in(STAFF) as client:
        answer = client.post("/panel/confirm", content=b"a=" + b"x" * 70_000)
    assert answer.status_code == 413


def test_a_forged_back_link_after_a_language_change_stays_on_the_panel(
    panel: PanelServer,
) -> None:
    with panel.signed_in(STAFF) as client:
        csrf = csrf_of(client.get("/panel").text)
        answer = client.post(
            "/panel/language", data={"csrf": csrf, "lang": "en", "back": "//evil.example/x"}
        )
    assert answer.headers["location"] == "/panel"
