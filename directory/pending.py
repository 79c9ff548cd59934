"""Changes a centre's staff proposed, held until an administrator decides (directory.verification).

Below directory.editing, which holds a staff member's new numbers here, and directory.verification,
which decides on them: neither imports the other for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.audit import PENDING_CHANGE_ENTITY, decode, encode, new_change_id, record_change
from directory.models import PendingChange

PENDING_ENTITY: Final = PENDING_CHANGE_ENTITY
# What a centre's staff may change only with an administrator's approval: a number residents
# would call (a mistyped or paid number must not reach a person in crisis unchecked).
APPROVAL_FIELDS: Final = frozenset({"phones"})


def pending_rows(session: Session, service_id: str | None = None) -> list[PendingChange]:
    """The stored proposals (of one service when given), oldest first."""
    query = select(PendingChange).order_by(PendingChange.proposed_at, PendingChange.id)
    if service_id is not None:
        query = query.where(PendingChange.service_id == service_id)
    return list(session.scalars(query))


def decide_pending(
    session: Session,
    rows: Sequence[PendingChange],
    *,
    actor: str,
    decision: str,
    reason: str | None,
) -> None:
    """Record the decision on these proposals (approved, rejected, superseded) and drop them."""
    change_id = new_change_id()
    for row in rows:
        record_change(
            session,
            actor=actor,
            entity=PENDING_ENTITY,
            entity_id=row.service_id,
            field=f"{row.field}.{decision}",
            old_value=decode(row.value),
            new_value=reason,
            change_id=change_id,
        )
        session.delete(row)
    session.flush()


def propose_change(
    session: Session,
    service_id: str,
    name: str,
    value: Any,
    *,
    live: Any,
    actor: str,
    change_id: str,
) -> None:
    """Hold a validated value from a centre's staff until an administrator approves it.

    `live` is the field's value now, which stays untouched; a newer proposal for the same field
    replaces the older one.
    """
    for older in pending_rows(session, service_id):
        if older.field == name:
            decide_pending(session, [older], actor=actor, decision="superseded", reason=None)
    session.add(
        PendingChange(
            service_id=service_id,
            field=name,
            value=encode(value),
            based_on=encode(live),
            proposed_by=actor,
            change_id=change_id,
        )
    )
    record_change(
        session,
        actor=actor,
        entity=PENDING_ENTITY,
        entity_id=service_id,
        field=f"{name}.proposed",
        old_value=live,
        new_value=value,
        change_id=change_id,
    )
    session.flush()
