"""Who may change the directory: administrators (configured or granted) and linked centre staff."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.audit import new_change_id, record_change
from directory.clock import utc_now
from directory.models import Admin, Service, StaffLink


@dataclass(frozen=True)
class Access:
    """What one Telegram user may do: everything (administrator) or edit some organisations."""

    is_admin: bool = False
    organization_ids: frozenset[str] = frozenset()

    @property
    def is_staff(self) -> bool:
        """Whether the user is linked to at least one organisation."""
        return bool(self.organization_ids)

    @property
    def is_privileged(self) -> bool:
        """Whether the user is an administrator or staff of any organisation."""
        return self.is_admin or self.is_staff

    def may_edit_organization(self, organization_id: str) -> bool:
        """Whether the user may change the entries of `organization_id`."""
        return self.is_admin or organization_id in self.organization_ids


NO_ACCESS = Access()


def is_admin(session: Session, user_id: int | None, admin_ids: Iterable[int] = ()) -> bool:
    """Whether `user_id` is named in configuration (`admin_ids`) or granted in the database."""
    if user_id is None:
        return False
    if user_id in set(admin_ids):
        return True
    return session.get(Admin, user_id) is not None


def staff_organizations(session: Session, user_id: int | None) -> frozenset[str]:
    """The organisations `user_id` is currently (not revoked) linked to as staff."""
    if user_id is None:
        return frozenset()
    rows = session.scalars(
        select(StaffLink.organization_id).where(
            StaffLink.telegram_user_id == user_id, StaffLink.revoked_at.is_(None)
        )
    )
    return frozenset(rows)


def access_for(session: Session, user_id: int | None, admin_ids: Iterable[int] = ()) -> Access:
    """The roles of Telegram user `user_id`; `admin_ids` are the configured ADMIN_TELEGRAM_IDS."""
    if user_id is None:
        return NO_ACCESS
    return Access(
        is_admin=is_admin(session, user_id, admin_ids),
        organization_ids=staff_organizations(session, user_id),
    )


def may_edit_service(session: Session, access: Access, service_id: str) -> bool:
    """Whether `access` allows changing service `service_id` (False if it does not exist)."""
    service = session.get(Service, service_id)
    if service is None:
        return False
    return access.may_edit_organization(service.organization_id)


def _audit_admin(session: Session, user_id: int, *, granted: bool, actor: str) -> None:
    record_change(
        session,
        actor=actor,
        entity="admin",
        entity_id=str(user_id),
        field="admin",
        old_value=not granted,
        new_value=granted,
        change_id=new_change_id(),
    )


def grant_admin(session: Session, user_id: int, granted_by: str | None = None) -> bool:
    """Make `user_id` an administrator; False if they already were one."""
    if session.get(Admin, user_id) is not None:
        return False
    session.add(Admin(telegram_user_id=user_id, granted_at=utc_now(), granted_by=granted_by))
    _audit_admin(session, user_id, granted=True, actor=granted_by or "cli")
    session.flush()
    return True


def revoke_admin(session: Session, user_id: int, actor: str = "cli") -> bool:
    """Remove `user_id` from the granted administrators; False if they were not one."""
    admin = session.get(Admin, user_id)
    if admin is None:
        return False
    session.delete(admin)
    _audit_admin(session, user_id, granted=False, actor=actor)
    session.flush()
    return True


def granted_admins(session: Session) -> list[Admin]:
    """The administrators granted in the database (not those named in configuration)."""
    return list(session.scalars(select(Admin).order_by(Admin.telegram_user_id)))
