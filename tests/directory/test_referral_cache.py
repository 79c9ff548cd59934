"""The in-memory copy of the directory behind referrals: every change shows in the next referral,
on SQLite and PostgreSQL, from this instance or another one sharing the database."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from directory.access import Access
from directory.audit import list_changes
from directory.crisis import CrisisType
from directory.db import create_engine_for, session_scope
from directory.editing import change_service, confirm_service
from directory.fields import CSV_COLUMNS
from directory.models import Service, ServiceStatus
from directory.phones import normalise_phone
from directory.referral import Option, OptionsRequest
from directory.revert import revert_change
from directory.store import DirectoryStore, directory_version
from directory.transfer import export_csv, import_file

ADMIN = Access(is_admin=True)
MONDAY_NOON = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)
NEW_NUMBER = "22 123 45 67"


@pytest.fixture
def engine(both_engine: Engine) -> Engine:
    """The seeded directory in a fresh database, on SQLite and on PostgreSQL."""
    return both_engine


def a_local_centre(engine: Engine) -> tuple[str, str, CrisisType]:
    """(service id, its powiat, a crisis it takes) for an active local centre with a phone."""
    with session_scope(engine) as session:
        services = session.scalars(
            select(Service)
            .where(Service.status == ServiceStatus.ACTIVE.value, Service.scope == "local")
            .order_by(Service.id)
        )
        for service in services:
            powiats = [a.code for a in service.areas if a.kind == "powiat"]
            if powiats and service.phones and service.crisis_types:
                return service.id, powiats[0], CrisisType(service.crisis_types[0])
    raise AssertionError("the seed has no active local centre with a phone")


def referral(engine: Engine, powiat: str, crisis: CrisisType) -> list[Option]:
    """What a resident is shown, through a new store as the bot makes one per referral."""
    return DirectoryStore(engine).options_for(OptionsRequest(powiat, crisis, MONDAY_NOON, "pl"))


def shown(options: list[Option], service_id: str) -> Option | None:
    """The option for `service_id`, if it is in the list."""
    return next((o for o in options if o.service_id == service_id), None)


def dials(option: Option | None) -> list[str | None]:
    """The numbers an option offers, as dialled."""
    assert option is not None
    return [phone.dial for phone in option.phones]


def edit_phones(engine: Engine, service_id: str, numbers: list[str]) -> None:
    """A staff edit of the phone numbers, stamped verified today, committed."""
    with session_scope(engine) as session:
        change_service(
            session, service_id, {"phones": numbers}, actor="test", access=ADMIN, today=TODAY
        )


def test_a_phone_edit_shows_in_the_next_referral(engine: Engine) -> None:
    service_id, powiat, crisis = a_local_centre(engine)
    assert NEW_NUMBER not in str(dials(shown(referral(engine, powiat, crisis), service_id)))
    edit_phones(engine, service_id, [NEW_NUMBER])
    assert dials(shown(referral(engine, powiat, crisis), service_id)) == [
        normalise_phone(NEW_NUMBER).dial
    ]


def test_a_phone_edit_on_an_entry_verified_today_shows_in_the_next_referral(
    engine: Engine,
) -> None:
    service_id, powiat, crisis = a_local_centre(engine)
    with session_scope(engine) as session:
        confirm_service(session, service_id, actor="test", access=ADMIN, today=TODAY)
    referral(engine, powiat, crisis)
    # Nothing on the service row itself changes: only its phones table does.
    edit_phones(engine, service_id, [NEW_NUMBER])
    assert dials(shown(referral(engine, powiat, crisis), service_id)) == [
        normalise_phone(NEW_NUMBER).dial
    ]


def test_a_reverted_edit_shows_in_the_next_referral(engine: Engine) -> None:
    service_id, powiat, crisis = a_local_centre(engine)
    before = dials(shown(referral(engine, powiat, crisis), service_id))
    edit_phones(engine, service_id, [NEW_NUMBER])
    referral(engine, powiat, crisis)
    with session_scope(engine) as session:
        phone_change = next(e for e in list_changes(session, service_id) if e.field == "phones")
        revert_change(session, phone_change.change_id, "test")
    assert dials(shown(referral(engine, powiat, crisis), service_id)) == before


def test_a_closed_centre_leaves_the_next_referral(engine: Engine) -> None:
    service_id, powiat, crisis = a_local_centre(engine)
    assert shown(referral(engine, powiat, crisis), service_id) is not None
    with session_scope(engine) as session:
        change_service(
            session,
            service_id,
            {"status": ServiceStatus.TEMPORARILY_CLOSED.value},
            actor="test",
            access=ADMIN,
            today=TODAY,
        )
    assert shown(referral(engine, powiat, crisis), service_id) is None


def test_an_import_shows_in_the_next_referral(engine: Engine, tmp_path: Path) -> None:
    service_id, powiat, crisis = a_local_centre(engine)
    referral(engine, powiat, crisis)
    with session_scope(engine) as session:
        rows = list(csv.DictReader(io.StringIO(export_csv(session))))
    for row in rows:
        if row["id"] == service_id:
            row["phones"] = NEW_NUMBER
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "centres.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with session_scope(engine) as session:
        plan = import_file(session, path)
    assert plan.applied, plan.summary_lines()
    assert dials(shown(referral(engine, powiat, crisis), service_id)) == [
        normalise_phone(NEW_NUMBER).dial
    ]


def test_an_edit_by_another_instance_shows_in_the_next_referral(engine: Engine) -> None:
    service_id, powiat, crisis = a_local_centre(engine)
    other_instance = create_engine_for(engine.url.render_as_string(hide_password=False))
    try:
        referral(engine, powiat, crisis)
        edit_phones(other_instance, service_id, [NEW_NUMBER])
    finally:
        other_instance.dispose()
    assert dials(shown(referral(engine, powiat, crisis), service_id)) == [
        normalise_phone(NEW_NUMBER).dial
    ]


def test_the_version_changes_with_every_edit_and_only_then(engine: Engine) -> None:
    service_id, _powiat, _crisis = a_local_centre(engine)
    first = directory_version(engine)
    assert directory_version(engine) == first
    edit_phones(engine, service_id, [NEW_NUMBER])
    second = directory_version(engine)
    assert second != first
    with session_scope(engine) as session:
        session.delete(session.get(Service, service_id))
    assert directory_version(engine) not in {first, second}
