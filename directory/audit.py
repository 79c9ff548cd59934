"""The audit trail: one row per changed field, grouped by change id; history.

Every change to the directory (chat edit, file import, CLI, staff and administrator management)
goes through `record_change`, so nothing is ever lost: the old value is kept and can be restored
(directory.revert).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from directory.clock import utc_now
from directory.models import AuditLog, Location, Phone, Service, ServiceArea

SERVICE_ENTITY: Final = "service"
# Proposals from staff held for an administrator, and the decisions (directory.verification);
# their entity id is the service's.
PENDING_CHANGE_ENTITY: Final = "pending_change"
# The marker row of a change that created a service (old value None, new value True).
CREATED_FIELD: Final = "created"
# Entities whose rows hold plain field values that `revert_change` knows how to restore.
REVERTIBLE_ENTITIES: Final = frozenset({SERVICE_ENTITY})


@dataclass(frozen=True)
class AuditEntry:
    """One audited field change, with its values decoded from JSON."""

    id: int
    change_id: str
    at: datetime
    actor: str
    entity: str
    entity_id: str
    field: str
    old_value: Any
    new_value: Any

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (timestamps as ISO 8601 in UTC)."""
        return {
            "id": self.id,
            "change_id": self.change_id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "field": self.field,
            "old_value": self.old_value,
            "new_value": self.new_value,
        }


def new_change_id() -> str:
    """A fresh identifier grouping the rows of one change."""
    return uuid.uuid4().hex


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def encode(value: Any) -> str | None:
    """The stored form of a value: JSON text (None stays SQL NULL)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def decode(stored: str | None) -> Any:
    """A stored JSON value back to Python (None for SQL NULL)."""
    if stored is None:
        return None
    return json.loads(stored)


def record_change(
    session: Session,
    *,
    actor: str,
    entity: str,
    entity_id: str,
    field: str,
    old_value: Any,
    new_value: Any,
    change_id: str,
    at: datetime | None = None,
) -> AuditLog:
    """Add one audit row to the session (committed with the change it describes)."""
    row = AuditLog(
        at=at or utc_now(),
        actor=actor,
        entity=entity,
        entity_id=entity_id,
        field=field,
        old_value=encode(old_value),
        new_value=encode(new_value),
        change_id=change_id,
    )
    session.add(row)
    return row


def _entry(row: AuditLog) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        change_id=row.change_id,
        at=row.at,
        actor=row.actor,
        entity=row.entity,
        entity_id=row.entity_id,
        field=row.field,
        old_value=decode(row.old_value),
        new_value=decode(row.new_value),
    )


def list_changes(
    session: Session, organization_id: str | None = None, limit: int | None = None
) -> list[AuditEntry]:
    """Audit rows, newest first; only those about one organisation and its services if given."""
    query = select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if organization_id is not None:
        service_ids = select(Service.id).where(Service.organization_id == organization_id)
        query = query.where(
            or_(
                AuditLog.entity.in_((SERVICE_ENTITY, PENDING_CHANGE_ENTITY))
                & AuditLog.entity_id.in_(service_ids),
                (AuditLog.entity.in_(("organization", "staff_invite", "staff_link")))
                & (AuditLog.entity_id == organization_id),
            )
        )
    if limit is not None:
        query = query.limit(limit)
    return [_entry(row) for row in session.scalars(query)]


def service_history(session: Session, service_id: str) -> list[AuditEntry]:
    """Everything recorded about one service (and its current phones, locations and areas),
    oldest first."""
    child_ids: dict[str, list[str]] = {
        "phone": [
            str(i) for i in session.scalars(select(Phone.id).filter_by(service_id=service_id))
        ],
        "location": [
            str(i) for i in session.scalars(select(Location.id).filter_by(service_id=service_id))
        ],
        "service_area": [
            str(i) for i in session.scalars(select(ServiceArea.id).filter_by(service_id=service_id))
        ],
    }
    conditions = [
        AuditLog.entity.in_((SERVICE_ENTITY, PENDING_CHANGE_ENTITY))
        & (AuditLog.entity_id == service_id)
    ]
    for entity, ids in child_ids.items():
        if ids:
            conditions.append((AuditLog.entity == entity) & AuditLog.entity_id.in_(ids))
    query = select(AuditLog).where(or_(*conditions)).order_by(AuditLog.at, AuditLog.id)
    return [_entry(row) for row in session.scalars(query)]


def change_rows(session: Session, change_id: str) -> list[AuditEntry]:
    """The rows of one change, in the order they were written."""
    query = select(AuditLog).where(AuditLog.change_id == change_id).order_by(AuditLog.id)
    return [_entry(row) for row in session.scalars(query)]


def summarise(entries: Sequence[AuditEntry]) -> list[str]:
    """One line per audit row, for the command line."""
    lines = []
    for entry in entries:
        lines.append(
            f"{entry.at:%Y-%m-%d %H:%M:%S}Z  {entry.change_id}  {entry.actor}  "
            f"{entry.entity}:{entry.entity_id}.{entry.field}: "
            f"{encode(entry.old_value)} -> {encode(entry.new_value)}"
        )
    return lines
