"""Issue 17 item 4: one rule decides what a resident sees, and the referral, the responders'
view, the coverage report, the verification queue and the staff/administrator views all ask it
(directory.visibility). The case from the issue: Wrocław's centre imported as `active` with no
phone, and a low-confidence centre made `active` without a check."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from directory.coverage import coverage_report
from directory.crisis import CrisisType
from directory.db import session_scope
from directory.editing import change_service
from directory.gazetteer import load_gazetteer
from directory.referral import OptionsRequest
from directory.store import DirectoryStore
from directory.verification import describe_entry, describe_lines, list_queue
from directory.visibility import HiddenBecause

NIGHT = datetime(2026, 12, 7, 3, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
TODAY = NIGHT.date()


@pytest.mark.parametrize(
    ("service_id", "powiat", "why"),
    [
        ("B26", "0264", HiddenBecause.NO_PHONE),  # Wrocław: active, but no phone
        ("B24", "1463", HiddenBecause.LOW_CONFIDENCE),  # Radom: active, low, never checked
    ],
)
def test_an_entry_the_rule_hides_is_hidden_from_every_view(
    engine: Engine, service_id: str, powiat: str, why: HiddenBecause
) -> None:
    with session_scope(engine) as session:
        # As an import by the command line would do it: a trusted operator, no verification.
        change_service(
            session, service_id, {"status": "active"}, actor="import", access=None,
            stamp_verified=False,
        )  # fmt: skip
    store = DirectoryStore(engine)
    options = store.options_for(OptionsRequest(powiat, CrisisType.VIOLENCE, NIGHT, "en"))
    assert service_id not in [o.service_id for o in options]
    seat = load_gazetteer().powiat(powiat)
    handover = store.handover_points((seat.lat, seat.lon), NIGHT, "en", powiat=powiat)
    assert service_id not in [o.service_id for o in handover.points]
    assert store.has_unconfirmed_local(powiat)
    with session_scope(engine) as session:
        report = coverage_report(session, TODAY)
        (row,) = [p for p in report.powiats if p.code == powiat]
        assert (row.local_centre, row.local_24_7, row.other_local) == (False, False, False)
        queue = list_queue(session, TODAY)
        entry = queue.find(service_id)
        assert entry is not None
        assert entry.hidden_because is why
        description = describe_entry(session, service_id, TODAY, queue)
        assert description is not None
        assert description.hidden_because is why
        assert "Residents do not see it now:" in "\n".join(describe_lines(description, "en"))
