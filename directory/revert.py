"""Reverting an audited change: its fields' old values written back through directory.editing.

Above both directory.audit (the trail it reads and appends to) and directory.editing (which
records its own changes through the trail), so that neither imports the other.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from directory.audit import (
    CREATED_FIELD,
    REVERTIBLE_ENTITIES,
    SERVICE_ENTITY,
    change_rows,
    new_change_id,
    record_change,
)
from directory.editing import read_field, write_field
from directory.models import Service


class RevertError(ValueError):
    """A change cannot be reverted (unknown, not revertible, or overtaken by a later change)."""


def revert_change(session: Session, change_id: str, actor: str, *, force: bool = False) -> str:
    """Restore the old values of every field a change set; returns the new change's id.

    Refuses (RevertError) when a field has been changed again since, unless `force`: silently
    overwriting a later correction could put a wrong number back in front of residents.
    """
    rows = change_rows(session, change_id)
    if not rows:
        raise RevertError(f"no change with id {change_id!r}")
    unsupported = sorted({row.entity for row in rows} - REVERTIBLE_ENTITIES)
    if unsupported:
        raise RevertError(
            f"change {change_id} touches {', '.join(unsupported)}; only service field changes "
            "can be reverted"
        )
    if any(row.field == CREATED_FIELD for row in rows):
        raise RevertError(
            f"change {change_id} created service {rows[0].entity_id}; to take it off the "
            "directory, set its status to defunct instead"
        )
    revert_id = new_change_id()
    for row in rows:
        service = session.get(Service, row.entity_id)
        if service is None:
            raise RevertError(f"service {row.entity_id} no longer exists")
        current = read_field(service, row.field)
        if not force and current != row.new_value:
            raise RevertError(
                f"service {row.entity_id} field {row.field} was changed again after {change_id}; "
                "revert the later change first or use --force"
            )
        if current == row.old_value:
            continue
        write_field(session, service, row.field, row.old_value)
        record_change(
            session,
            actor=f"{actor} (revert {change_id})",
            entity=SERVICE_ENTITY,
            entity_id=row.entity_id,
            field=row.field,
            old_value=current,
            new_value=row.old_value,
            change_id=revert_id,
        )
    session.flush()
    return revert_id
