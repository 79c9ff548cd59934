"""The audit trail: listing by organisation, a service's history, reverting (and refusing to)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from directory.access import Access
from directory.audit import list_changes, service_history
from directory.db import session_scope
from directory.editing import change_service, read_field
from directory.models import Service
from directory.revert import RevertError, revert_change

STAFF_B01 = Access(organization_ids=frozenset({"B01"}))
ADMIN = Access(is_admin=True)
TODAY = date(2026, 3, 4)


def edit(engine: Engine, values: dict[str, object], access: Access = STAFF_B01) -> str:
    actor = "admin:9" if access.is_admin else "staff:1"
    with session_scope(engine) as session:
        return change_service(
            session, "B01", values, actor=actor, access=access, today=TODAY
        ).change_id


def test_changes_are_listed_newest_first_for_one_organisation(engine: Engine) -> None:
    change_id = edit(engine, {"notice": "closed until 2 January"})
    with session_scope(engine) as session:
        entries = list_changes(session, "B01")
        others = list_changes(session, "B02")
    assert entries[0].change_id == change_id
    assert {(e.field, e.old_value, e.new_value) for e in entries if e.change_id == change_id} >= {
        ("notice", None, "closed until 2 January")
    }
    assert all(e.change_id != change_id for e in others)
    assert entries[0].to_json()["actor"] == "staff:1"


def test_history_holds_the_seed_and_every_later_change(engine: Engine) -> None:
    # An administrator's phone edit is live at once (a staff one waits for approval, below).
    edit(engine, {"phones": ["12 421 92 83"]}, ADMIN)
    with session_scope(engine) as session:
        history = service_history(session, "B01")
    assert history[0].actor == "seed"
    assert history[-1].actor == "admin:9"
    assert any(e.field == "phones" and e.new_value == ["12 421 92 83"] for e in history)


def test_history_holds_a_staff_phone_proposal_and_the_live_part_stays_revertible(
    engine: Engine,
) -> None:
    change_id = edit(engine, {"phones": ["12 421 92 83"], "notice": "closed on Monday"})
    with session_scope(engine) as session:
        history = service_history(session, "B01")
        assert any(
            e.entity == "pending_change"
            and e.field == "phones.proposed"
            and e.old_value == ["12 421 92 82"]
            and e.new_value == ["12 421 92 83"]
            for e in history
        )
        assert {e.field for e in list_changes(session, "B01") if e.change_id == change_id} == {
            "notice",
            "verified_on",
            "verified_by",
        }
        revert_change(session, change_id, "cli")
    with session_scope(engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert (service.notice, read_field(service, "phones")) == (None, ["12 421 92 82"])


def test_revert_restores_every_field_of_a_change_and_is_itself_audited(both_engine: Engine) -> None:
    change_id = edit(both_engine, {"phones": ["12 421 92 83"], "hours": "Mo-Fr 08:00-16:00"}, ADMIN)
    with session_scope(both_engine) as session:
        revert_id = revert_change(session, change_id, "cli")
    with session_scope(both_engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert read_field(service, "phones") == ["12 421 92 82"]
        assert service.hours == "24/7"
        assert service.verified_on is None
        assert {e.field for e in list_changes(session, "B01") if e.change_id == revert_id} == {
            "phones",
            "hours",
            "verified_on",
            "verified_by",
        }


def test_revert_refuses_when_a_later_change_touched_the_field(engine: Engine) -> None:
    first = edit(engine, {"notice": "closed until 2 January"})
    edit(engine, {"notice": "closed until 9 January"})
    with pytest.raises(RevertError, match="changed again"), session_scope(engine) as session:
        revert_change(session, first, "cli")
    with session_scope(engine) as session:
        revert_change(session, first, "cli", force=True)
        service = session.get(Service, "B01")
        assert service is not None
        assert service.notice is None


@pytest.mark.parametrize("change_id", ["no-such-change", ""])
def test_revert_of_an_unknown_change_is_refused(engine: Engine, change_id: str) -> None:
    with pytest.raises(RevertError), session_scope(engine) as session:
        revert_change(session, change_id, "cli")


def test_seed_rows_are_not_revertible(engine: Engine) -> None:
    with session_scope(engine) as session:
        seed_change = next(
            e.change_id for e in list_changes(session) if e.actor == "seed" and e.entity == "phone"
        )
        with pytest.raises(RevertError, match="only service field changes"):
            revert_change(session, seed_change, "cli")
