"""Panel sign-in links and sessions on SQLite and PostgreSQL: one use, 15 minutes, hashes only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from directory.access import grant_admin
from directory.db import session_scope
from directory.models import PanelSession, PanelSignInLink
from directory.panel_access import (
    EXPIRED_LINK,
    INVALID_LINK,
    NO_RIGHTS,
    SESSION_IDLE_TIMEOUT,
    SESSION_MAX_AGE,
    SIGN_IN_LINK_TTL,
    USED_LINK,
    PanelRole,
    SignInError,
    create_sign_in_link,
    csrf_token,
    csrf_valid,
    end_session,
    hash_token,
    purge_expired,
    redeem_sign_in_link,
    resume_session,
    sign_in_url,
)
from directory.staff import revoke_link
from tests.conftest import link_staff

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
STAFF = 501
ADMIN = 502
STRANGER = 503


def issue(engine: Engine, user: int, role: PanelRole, now: datetime = NOW) -> str:
    with session_scope(engine) as session:
        return create_sign_in_link(session, user, role, now=now).token


def redeem(engine: Engine, token: str, now: datetime = NOW) -> str:
    with session_scope(engine) as session:
        return redeem_sign_in_link(session, token, now=now).token


def refused(engine: Engine, token: str, now: datetime) -> str:
    with pytest.raises(SignInError) as caught, session_scope(engine) as session:
        redeem_sign_in_link(session, token, now=now)
    return caught.value.message


def test_a_linked_staff_member_signs_in_once_and_only_a_hash_is_stored(
    both_engine: Engine,
) -> None:
    link_staff(both_engine, STAFF, "B01")
    token = issue(both_engine, STAFF, PanelRole.STAFF)
    cookie = redeem(both_engine, token)
    with session_scope(both_engine) as session:
        stored_links = list(session.scalars(select(PanelSignInLink.token_hash)))
        stored_sessions = list(session.scalars(select(PanelSession.token_hash)))
        user = resume_session(session, cookie, now=NOW + timedelta(minutes=1))
    assert stored_links == [hash_token(token)]
    assert stored_sessions == [hash_token(cookie)]
    assert token not in stored_links
    assert cookie not in stored_sessions
    assert user is not None
    assert user.role is PanelRole.STAFF
    assert user.access.organization_ids == frozenset({"B01"})
    assert not user.is_admin
    assert user.actor == f"staff:{STAFF}"


def test_a_used_link_is_refused_the_second_time(both_engine: Engine) -> None:
    link_staff(both_engine, STAFF, "B01")
    token = issue(both_engine, STAFF, PanelRole.STAFF)
    redeem(both_engine, token)
    assert refused(both_engine, token, NOW + timedelta(minutes=1)) == USED_LINK


def test_a_link_expires_after_fifteen_minutes(both_engine: Engine) -> None:
    link_staff(both_engine, STAFF, "B01")
    token = issue(both_engine, STAFF, PanelRole.STAFF)
    assert timedelta(minutes=15) == SIGN_IN_LINK_TTL
    assert refused(both_engine, token, NOW + SIGN_IN_LINK_TTL) == EXPIRED_LINK
    fresh = issue(both_engine, STAFF, PanelRole.STAFF)
    assert redeem(both_engine, fresh, NOW + SIGN_IN_LINK_TTL - timedelta(seconds=1))


@pytest.mark.parametrize("token", ["", "nonsense", "x" * 500, "\x00"])
def test_an_unknown_or_malformed_link_is_refused(both_engine: Engine, token: str) -> None:
    assert refused(both_engine, token, NOW) == INVALID_LINK


def test_no_link_is_issued_to_someone_without_the_role(both_engine: Engine) -> None:
    link_staff(both_engine, STAFF, "B01")
    with pytest.raises(SignInError) as caught, session_scope(both_engine) as session:
        create_sign_in_link(session, STRANGER, PanelRole.STAFF, now=NOW)
    assert caught.value.message == NO_RIGHTS
    with pytest.raises(SignInError), session_scope(both_engine) as session:
        create_sign_in_link(session, STAFF, PanelRole.ADMIN, now=NOW)


def test_a_link_of_someone_unlinked_meanwhile_is_refused(both_engine: Engine) -> None:
    link_staff(both_engine, STAFF, "B01")
    token = issue(both_engine, STAFF, PanelRole.STAFF)
    with session_scope(both_engine) as session:
        revoke_link(session, STAFF, now=NOW)
    assert refused(both_engine, token, NOW + timedelta(minutes=1)) == NO_RIGHTS


def test_a_session_ends_when_the_staff_link_is_revoked(both_engine: Engine) -> None:
    link_staff(both_engine, STAFF, "B01")
    cookie = redeem(both_engine, issue(both_engine, STAFF, PanelRole.STAFF))
    with session_scope(both_engine) as session:
        revoke_link(session, STAFF, now=NOW)
    with session_scope(both_engine) as session:
        assert resume_session(session, cookie, now=NOW + timedelta(minutes=1)) is None


def test_an_administrator_link_gives_everything_and_a_staff_link_of_an_admin_does_not(
    both_engine: Engine,
) -> None:
    link_staff(both_engine, ADMIN, "B05")
    with session_scope(both_engine) as session:
        grant_admin(session, ADMIN, granted_by="test")
    admin_cookie = redeem(both_engine, issue(both_engine, ADMIN, PanelRole.ADMIN))
    staff_cookie = redeem(both_engine, issue(both_engine, ADMIN, PanelRole.STAFF))
    with session_scope(both_engine) as session:
        admin = resume_session(session, admin_cookie, now=NOW)
        staff = resume_session(session, staff_cookie, now=NOW)
    assert admin is not None
    assert admin.is_admin
    assert admin.actor == f"admin:{ADMIN}"
    assert staff is not None
    assert not staff.is_admin
    assert staff.access.may_edit_organization("B05")
    assert not staff.access.may_edit_organization("B01")


def test_configured_administrators_get_links_too(both_engine: Engine) -> None:
    with session_scope(both_engine) as session:
        link = create_sign_in_link(session, ADMIN, PanelRole.ADMIN, admin_ids={ADMIN}, now=NOW)
    with session_scope(both_engine) as session:
        new = redeem_sign_in_link(session, link.token, admin_ids={ADMIN}, now=NOW)
        user = resume_session(session, new.token, admin_ids={ADMIN}, now=NOW)
        assert user is not None
        assert user.is_admin
        # Taken out of ADMIN_TELEGRAM_IDS: the session no longer works.
        assert resume_session(session, new.token, admin_ids=(), now=NOW) is None


def test_a_session_expires_after_inactivity_and_at_most_eight_hours_after_sign_in(
    both_engine: Engine,
) -> None:
    link_staff(both_engine, STAFF, "B01")
    idle = redeem(both_engine, issue(both_engine, STAFF, PanelRole.STAFF))
    busy = redeem(both_engine, issue(both_engine, STAFF, PanelRole.STAFF))
    with session_scope(both_engine) as session:
        assert resume_session(session, idle, now=NOW + SESSION_IDLE_TIMEOUT) is None
        moment = NOW
        while moment < NOW + SESSION_MAX_AGE - timedelta(minutes=20):
            moment += timedelta(minutes=20)
            assert resume_session(session, busy, now=moment) is not None
        assert resume_session(session, busy, now=NOW + SESSION_MAX_AGE) is None


def test_a_signed_out_session_no_longer_works(both_engine: Engine) -> None:
    link_staff(both_engine, STAFF, "B01")
    cookie = redeem(both_engine, issue(both_engine, STAFF, PanelRole.STAFF))
    with session_scope(both_engine) as session:
        assert end_session(session, cookie, now=NOW)
        assert not end_session(session, cookie, now=NOW)
        assert resume_session(session, cookie, now=NOW) is None
        assert resume_session(session, "forged", now=NOW) is None
        assert resume_session(session, None, now=NOW) is None


def test_old_links_and_sessions_are_deleted(both_engine: Engine) -> None:
    link_staff(both_engine, STAFF, "B01")
    redeem(both_engine, issue(both_engine, STAFF, PanelRole.STAFF))
    issue(both_engine, STAFF, PanelRole.STAFF)
    with session_scope(both_engine) as session:
        assert purge_expired(session, NOW + timedelta(hours=1)) == 0
        assert purge_expired(session, NOW + timedelta(days=2)) == 3
        assert session.scalars(select(PanelSignInLink)).all() == []


def test_the_csrf_token_belongs_to_one_session() -> None:
    assert csrf_valid("cookie-a", csrf_token("cookie-a"))
    assert not csrf_valid("cookie-b", csrf_token("cookie-a"))
    assert not csrf_valid("cookie-a", "")
    assert not csrf_valid(None, csrf_token("cookie-a"))


def test_the_sign_in_url_carries_the_token_under_the_public_address() -> None:
    assert sign_in_url("https://pomoc.example.org/", "a-b_c") == (
        "https://pomoc.example.org/panel/sign-in?token=a-b_c"
    )
