"""Invites: hashed, single-use, expiring codes; links; revocation; durations and deep links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from directory.access import access_for
from directory.db import session_scope
from directory.models import StaffInvite
from directory.staff import (
    InviteError,
    create_invite,
    deep_link,
    hash_code,
    list_invites,
    list_links,
    normalise_code,
    parse_duration,
    redeem_invite,
    revoke_invite,
    revoke_link,
)

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7d", timedelta(days=7)), ("12h", timedelta(hours=12)), ("30M", timedelta(minutes=30))],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "7", "0d", "-1d", "91d", "a week"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"expected a duration|between"):
        parse_duration(text)


@pytest.mark.parametrize("typed", ["abcd-efgh", " staff-ABCDEFGH ", "AB CD EF GH"])
def test_codes_are_compared_without_case_spaces_dashes_or_link_prefix(typed: str) -> None:
    assert normalise_code(typed) == "ABCDEFGH"
    assert hash_code(typed) == hash_code("ABCDEFGH")


def test_deep_link_form() -> None:
    assert deep_link("@drogowskaz_bot", "ABC") == "https://t.me/drogowskaz_bot?start=staff-ABC"


def test_a_code_is_stored_only_hashed_and_links_once(both_engine: Engine) -> None:
    with session_scope(both_engine) as session:
        invite = create_invite(session, "B01", now=NOW)
    with session_scope(both_engine) as session:
        stored = session.scalars(select(StaffInvite.code_hash)).all()
        assert stored == [hash_code(invite.code)]
        assert invite.code not in stored
        link = redeem_invite(session, invite.code.lower(), 77, now=NOW + timedelta(hours=1))
        assert link.organization_id == "B01"
    with session_scope(both_engine) as session:
        assert access_for(session, 77).organization_ids == frozenset({"B01"})
        with pytest.raises(InviteError, match="already been used"):
            redeem_invite(session, invite.code, 78, now=NOW + timedelta(hours=2))
        assert list_invites(session)[0].state(NOW) == "used"


@pytest.mark.parametrize(
    ("redeemed_after", "message"),
    [(timedelta(days=7, seconds=1), "expired"), (timedelta(days=8), "expired")],
)
def test_an_expired_code_is_refused(
    engine: Engine, redeemed_after: timedelta, message: str
) -> None:
    with session_scope(engine) as session:
        invite = create_invite(session, "B01", now=NOW)
    with pytest.raises(InviteError, match=message), session_scope(engine) as session:
        redeem_invite(session, invite.code, 77, now=NOW + redeemed_after)


@pytest.mark.parametrize("code", ["", "WRONGCODE", "x" * 200])
def test_unknown_codes_are_refused_in_both_languages(engine: Engine, code: str) -> None:
    with pytest.raises(InviteError) as refused, session_scope(engine) as session:
        redeem_invite(session, code, 77, now=NOW)
    assert refused.value.text("en") == "This invite code is not valid."
    assert refused.value.text("pl") == "Ten kod zaproszenia jest nieprawidłowy."


def test_invites_need_an_existing_organisation(engine: Engine) -> None:
    with pytest.raises(ValueError, match="no organisation"), session_scope(engine) as session:
        create_invite(session, "NOPE")


def test_a_revoked_invite_and_a_revoked_link_stop_working(engine: Engine) -> None:
    with session_scope(engine) as session:
        unused = create_invite(session, "B01", now=NOW)
        used = create_invite(session, "B02", now=NOW)
        redeem_invite(session, used.code, 77, now=NOW)
    with session_scope(engine) as session:
        assert revoke_invite(session, unused.id, now=NOW + timedelta(minutes=1))
        assert not revoke_invite(session, unused.id, now=NOW + timedelta(minutes=2))
        with pytest.raises(InviteError, match="expired"):
            redeem_invite(session, unused.code, 77, now=NOW + timedelta(minutes=3))
    with session_scope(engine) as session:
        assert [link.telegram_user_id for link in list_links(session, "B02")] == [77]
        assert revoke_link(session, 77) == 1
        assert access_for(session, 77).organization_ids == frozenset()
        assert revoke_link(session, 77) == 0
