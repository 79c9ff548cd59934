"""Loading the bundled seed directory (directory.seed_data) into the database."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import Engine, func, select

from directory.fields import SEED_FIELDS
from directory.models import (
    AuditLog,
    Location,
    Organization,
    Phone,
    Service,
    ServiceArea,
    data_columns,
)
from directory.seed_data import SEED_PATH as SEED_PATH
from directory.seed_data import seed_document as seed_document
from directory.seed_data import seed_entries as seed_entries
from directory.seed_data import seed_organizations as seed_organizations
from directory.sessions import hold_schema_lock, session_scope

SEED_ACTOR: Final = "seed"

SERVICE_FIELDS: Final = SEED_FIELDS
ORGANIZATION_FIELDS: Final = data_columns(Organization)
PHONE_FIELDS: Final = data_columns(Phone)
LOCATION_FIELDS: Final = data_columns(Location)


def _audit(
    rows: list[AuditLog], entity: str, entity_id: str, values: dict[str, Any], change_id: str
) -> None:
    at = datetime.now(UTC)
    for field_name, value in values.items():
        rows.append(
            AuditLog(
                at=at,
                actor=SEED_ACTOR,
                entity=entity,
                entity_id=entity_id,
                field=field_name,
                old_value=None,
                new_value=json.dumps(value, ensure_ascii=False),
                change_id=change_id,
            )
        )


def load_seed(engine: Engine) -> int:
    """Load the bundled directory if the database holds no services yet; return services added."""
    with session_scope(engine) as session:
        hold_schema_lock(session.connection())
        if session.scalar(select(func.count()).select_from(Service)):
            return 0
        change_id = f"seed-{uuid.uuid4().hex}"
        audit_rows: list[AuditLog] = []
        for org in seed_organizations():
            values = {name: org.get(name) for name in ORGANIZATION_FIELDS}
            session.add(Organization(id=org["id"], **values))
            _audit(audit_rows, "organization", org["id"], values, change_id)
        session.flush()
        for entry in seed_entries():
            values = {name: entry.get(name) for name in SERVICE_FIELDS}
            service = Service(id=entry["id"], organization_id=entry["organization_id"], **values)
            _audit(audit_rows, "service", entry["id"], values, change_id)
            for phone in entry["phones"]:
                service.phones.append(Phone(**{name: phone.get(name) for name in PHONE_FIELDS}))
            for location in entry["locations"]:
                service.locations.append(
                    Location(
                        organization_id=entry["organization_id"],
                        **{name: location.get(name) for name in LOCATION_FIELDS},
                    )
                )
            for area in entry["areas"]:
                service.areas.append(ServiceArea(kind=area["kind"], code=area["code"]))
            session.add(service)
        session.flush()
        for entry in seed_entries():
            stored = session.get(Service, entry["id"])
            assert stored is not None
            for phone_row in stored.phones:
                _audit(
                    audit_rows,
                    "phone",
                    str(phone_row.id),
                    {name: getattr(phone_row, name) for name in PHONE_FIELDS},
                    change_id,
                )
            for location_row in stored.locations:
                _audit(
                    audit_rows,
                    "location",
                    str(location_row.id),
                    {name: getattr(location_row, name) for name in LOCATION_FIELDS},
                    change_id,
                )
            for area_row in stored.areas:
                _audit(
                    audit_rows,
                    "service_area",
                    str(area_row.id),
                    {"kind": area_row.kind, "code": area_row.code},
                    change_id,
                )
        session.add_all(audit_rows)
        return len(seed_entries())
