"""Roles: configured and granted administrators, linked (and revoked) centre staff."""

from __future__ import annotations

from sqlalchemy import Engine

from directory.access import (
    Access,
    access_for,
    grant_admin,
    granted_admins,
    may_edit_service,
    revoke_admin,
)
from directory.db import session_scope
from tests.conftest import link_staff


def test_a_stranger_has_no_access(engine: Engine) -> None:
    with session_scope(engine) as session:
        access = access_for(session, 555, admin_ids=[1])
    assert access == Access(is_admin=False, organization_ids=frozenset())
    assert not access.is_privileged


def test_no_user_id_means_no_access_even_with_configured_admins(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert access_for(session, None, admin_ids=[1]) == Access()


def test_configured_admin_may_edit_every_organization(engine: Engine) -> None:
    with session_scope(engine) as session:
        access = access_for(session, 42, admin_ids=(42, 43))
        assert access.is_admin
        assert access.may_edit_organization("H01")
        assert may_edit_service(session, access, "H01")


def test_granted_admin_is_an_admin_until_revoked(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert grant_admin(session, 7, granted_by="cli")
        assert not grant_admin(session, 7, granted_by="cli")
    with session_scope(engine) as session:
        assert access_for(session, 7).is_admin
        assert [admin.telegram_user_id for admin in granted_admins(session)] == [7]
        assert revoke_admin(session, 7)
        assert not revoke_admin(session, 7)
    with session_scope(engine) as session:
        assert not access_for(session, 7).is_admin


def test_staff_may_edit_only_their_own_organizations(both_engine: Engine) -> None:
    link_staff(both_engine, 100, "H02")
    link_staff(both_engine, 100, "H01", revoked=True)
    with session_scope(both_engine) as session:
        access = access_for(session, 100)
        assert access == Access(is_admin=False, organization_ids=frozenset({"H02"}))
        assert access.is_staff
        assert may_edit_service(session, access, "H02")
        assert not may_edit_service(session, access, "H01")
        assert not may_edit_service(session, access, "no-such-service")
