"""The verification queue: its order, one entry in full, and every decision (verify, verify with
edits, hide, decline a centre's change), audited, on real SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, select

from directory.access import Access
from directory.audit import service_history
from directory.coverage import coverage_report
from directory.db import session_scope
from directory.editing import InvalidValue, change_service, confirm_service, read_field
from directory.models import PendingChange, Service
from directory.revert import revert_change
from directory.verification import (
    Candidate,
    Pending,
    QueueReason,
    VerificationRefused,
    approve,
    caveat_conflicts,
    describe_entry,
    describe_lines,
    hide,
    list_queue,
    order_queue,
    parse_edit,
    reject_pending,
)
from directory.visibility import HiddenBecause, Standing

TODAY = date(2026, 12, 7)
ADMIN = Access(is_admin=True)
STAFF_B01 = Access(organization_ids=frozenset({"B01"}))
STAFF_P032 = Access(organization_ids=frozenset({"P032"}))


def candidate(
    service_id: str,
    powiats: set[str],
    *,
    standing: Standing = Standing.HIDDEN,
    why: HiddenBecause | None = HiddenBecause.AWAITING_VERIFICATION,
    would_show: bool = True,
    always_open: bool = False,
    confirmed: bool = False,
    pending: bool = False,
) -> Candidate:
    proposal = Pending(1, service_id, "phones", ["22 1"], ["22 2"], "staff:1", datetime.now(UTC))
    return Candidate(
        service_id=service_id,
        name=service_id,
        kind="crisis_centre",
        scope="local",
        standing=standing,
        hidden_because=why if standing is Standing.HIDDEN else None,
        would_show=would_show,
        always_open=always_open,
        area_powiats=frozenset(powiats),
        confirmed_by_centre=confirmed,
        pending=(proposal,) if pending else (),
    )


def test_the_queue_puts_changes_first_then_confirmed_then_the_most_powiats_gained() -> None:
    ordered = order_queue(
        [
            candidate("covered", {"1465"}),
            candidate("two", {"0201", "0202"}),
            candidate("one-24-7", {"0203"}, always_open=True),
            candidate("one", {"0204"}),
            candidate(
                "no-phone", {"0205", "0206", "0207"}, why=HiddenBecause.NO_PHONE, would_show=False
            ),
            candidate("shown", {"1465"}, standing=Standing.UNCONFIRMED),
            candidate("confirmed", {"0208"}, confirmed=True),
            candidate("change", {"1465"}, standing=Standing.VERIFIED, pending=True),
            candidate("withdrawn", {"0209"}, why=HiddenBecause.WITHDRAWN),
            candidate("hidden-by-admin", {"0210"}, why=HiddenBecause.HIDDEN_BY_ADMINISTRATOR),
            candidate("checked", {"0211"}, standing=Standing.VERIFIED),
        ],
        covered_local={"1465"},
        covered_24_7=set(),
    )
    assert [e.service_id for e in ordered] == [
        "change",
        "confirmed",
        "two",
        "one-24-7",
        "one",
        "covered",
        "shown",
        "no-phone",
    ]
    assert [e.position for e in ordered] == list(range(1, 9))
    assert ordered[0].reason is QueueReason.PENDING_CHANGE
    assert ordered[2].gains_local == ("0201", "0202")
    assert ordered[3].gains_24_7 == ("0203",)
    # Gains are counted greedily and only for entries verifying would show.
    assert ordered[5].gains_local == ()
    assert ordered[7].gains_local == ()


def test_a_second_entry_for_the_same_powiat_gains_nothing_more() -> None:
    first, second = order_queue(
        [candidate("a", {"0201"}), candidate("b", {"0201"})], covered_local=(), covered_24_7=()
    )
    assert (first.gains_local, second.gains_local) == (("0201",), ())


def test_the_bundled_queue_starts_with_powiats_that_would_gain_their_first_local_option(
    engine: Engine,
) -> None:
    with session_scope(engine) as session:
        queue = list_queue(session, TODAY)
        report = coverage_report(session, TODAY)
    projection = report.if_queue_verified
    assert projection is not None
    assert queue.powiats_with_local_option == report.summary.with_local_option
    assert queue.powiats_with_local_24_7 == report.summary.with_local_24_7
    # The queue's greedy gains and the coverage report's projection are the same figures.
    assert sorted(p for e in queue.entries for p in e.gains_local) == sorted(projection.gain_local)
    assert sorted(p for e in queue.entries for p in e.gains_24_7) == sorted(projection.gain_24_7)
    gains = [len(e.gains_local) for e in queue.entries]
    assert gains[0] > 0
    assert gains == sorted(gains, reverse=True)
    room = queue.find("P032")
    assert room is not None
    assert room.gains_local == ("2407",)
    assert room.gains_24_7 == ("2407",)
    ids = {e.service_id for e in queue.entries}
    assert "E112" not in ids  # 112 is never "waiting"
    assert all(e.reason is not QueueReason.PENDING_CHANGE for e in queue.entries)


def test_one_entry_in_full_has_every_source_caveat_and_conflict(engine: Engine) -> None:
    with session_scope(engine) as session:
        description = describe_entry(session, "H11", TODAY)
        room = describe_entry(session, "P032", TODAY)
    assert description is not None
    assert room is not None
    assert len(description.sources) == 3
    assert [c.code for c in description.conflicts] == ["source"]
    assert "801 199 990" in description.conflicts[0].text("en")
    lines = "\n".join(describe_lines(room, "en"))
    assert "https://wsnlc.pl/oddzialy/izba-przyjec/" in lines
    assert "Verifying it gives its first local option to: powiat lubliniecki, śląskie" in lines
    assert "teryt=2407" in lines
    assert "34/ 35 32 856 (Izba Przyjęć)" in lines
    assert describe_entry(session, "NOPE", TODAY) is None


def test_caveat_conflicts_pick_the_sentences_where_sources_disagree() -> None:
    text = (
        "Opened 2019. sownowasarzyna.pl says 8-22 - conflicts with the 2020 order. "
        "Two numbers appear: 800 199 990 vs 801 199 990. Free."
    )
    assert caveat_conflicts(text) == [
        "sownowasarzyna.pl says 8-22 - conflicts with the 2020 order.",
        "Two numbers appear: 800 199 990 vs 801 199 990.",
    ]
    assert caveat_conflicts(None) == []


def test_verifying_takes_an_entry_live_with_an_audited_checked_on_date(both_engine: Engine) -> None:
    with session_scope(both_engine) as session:
        result = approve(session, "P032", actor="admin:9", access=ADMIN, today=TODAY)
    assert {c.field for c in result.changes} == {"status", "verified_on", "verified_by"}
    with session_scope(both_engine) as session:
        service = session.get(Service, "P032")
        assert service is not None
        assert (service.status, service.verified_on, service.verified_by) == (
            "active",
            TODAY,
            "administrator",
        )
        assert list_queue(session, TODAY).find("P032") is None
        history = service_history(session, "P032")
        assert {(e.actor, e.field) for e in history if e.change_id == result.change_id} == {
            ("admin:9", "status"),
            ("admin:9", "verified_on"),
            ("admin:9", "verified_by"),
        }
        # An approval is an ordinary change: it can be reverted.
        revert_change(session, result.change_id, "cli")
    with session_scope(both_engine) as session:
        service = session.get(Service, "P032")
        assert service is not None
        assert (service.status, service.verified_on) == ("unverified", None)


def test_an_entry_without_a_phone_is_verified_only_with_one(engine: Engine) -> None:
    with pytest.raises(VerificationRefused, match="no phone"), session_scope(engine) as session:
        approve(session, "B26", actor="admin:9", access=ADMIN, today=TODAY)
    with session_scope(engine) as session:
        assert session.get(Service, "B26").status == "unverified"  # type: ignore[union-attr]
        name, value = parse_edit("phones=71 123 45 67|116 123", session.get(Service, "B26"))
        approve(session, "B26", actor="admin:9", access=ADMIN, today=TODAY, edits={name: value})
    with session_scope(engine) as session:
        service = session.get(Service, "B26")
        assert service is not None
        assert [p.dial for p in service.phones] == ["+48711234567", "116123"]
        assert service.status == "active"


def test_a_bad_edit_leaves_the_entry_as_it_was(engine: Engine) -> None:
    with pytest.raises(InvalidValue), session_scope(engine) as session:
        approve(
            session, "P032", actor="admin:9", access=ADMIN, today=TODAY, edits={"hours": "nonsense"}
        )
    with session_scope(engine) as session:
        service = session.get(Service, "P032")
        assert service is not None
        assert (service.status, service.hours, service.verified_on) == ("unverified", "24/7", None)


def test_hiding_needs_a_reason_and_takes_the_entry_out_of_the_queue(engine: Engine) -> None:
    with pytest.raises(InvalidValue), session_scope(engine) as session:
        hide(session, "B26", actor="admin:9", access=ADMIN, reason="  ")
    with session_scope(engine) as session:
        hide(session, "B26", actor="admin:9", access=ADMIN, reason="No phone number in any source")
    with session_scope(engine) as session:
        service = session.get(Service, "B26")
        assert service is not None
        assert service.hidden_reason == "No phone number in any source"
        assert list_queue(session, TODAY).find("B26") is None
        description = describe_entry(session, "B26", TODAY)
        assert description is not None
        assert "an administrator hid it: No phone number in any source" in "\n".join(
            describe_lines(description, "en")
        )


@pytest.mark.parametrize("access", [STAFF_B01, Access()])
def test_only_an_administrator_decides(engine: Engine, access: Access) -> None:
    with pytest.raises(VerificationRefused), session_scope(engine) as session:
        approve(session, "P032", actor="staff:1", access=access, today=TODAY)
    with pytest.raises(VerificationRefused), session_scope(engine) as session:
        hide(session, "P032", actor="staff:1", access=access, reason="no")


def propose(engine: Engine, numbers: list[str]) -> None:
    with session_scope(engine) as session:
        change_service(
            session, "B01", {"phones": numbers}, actor="staff:1", access=STAFF_B01, today=TODAY
        )


def test_a_centres_phone_change_is_first_in_the_queue_and_applied_on_approval(
    both_engine: Engine,
) -> None:
    propose(both_engine, ["12 421 92 80"])
    propose(both_engine, ["12 421 92 83"])  # the newer proposal replaces the older one
    with session_scope(both_engine) as session:
        queue = list_queue(session, TODAY)
        first = queue.entries[0]
        assert (first.service_id, first.reason) == ("B01", QueueReason.PENDING_CHANGE)
        assert [(p.value, p.based_on) for p in first.pending] == [
            (["12 421 92 83"], ["12 421 92 82"])
        ]
        assert read_field(session.get(Service, "B01"), "phones") == ["12 421 92 82"]  # type: ignore[arg-type]
        approve(session, "B01", actor="admin:9", access=ADMIN, today=TODAY)
    with session_scope(both_engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert read_field(service, "phones") == ["12 421 92 83"]
        assert session.scalars(select(PendingChange)).all() == []
        decisions = [
            e.field for e in service_history(session, "B01") if e.entity == "pending_change"
        ]
        assert decisions == [
            "phones.proposed",
            "phones.superseded",
            "phones.proposed",
            "phones.approved",
        ]


def test_a_declined_change_leaves_the_live_number(engine: Engine) -> None:
    propose(engine, ["12 421 92 83"])
    with session_scope(engine) as session:
        assert (
            reject_pending(
                session, "B01", actor="admin:9", access=ADMIN, reason="not the centre's number"
            )
            == 1
        )
    with session_scope(engine) as session:
        assert read_field(session.get(Service, "B01"), "phones") == ["12 421 92 82"]  # type: ignore[arg-type]
        assert list_queue(session, TODAY).find("B01") is not None  # still unconfirmed
        assert list_queue(session, TODAY).entries[0].reason is not QueueReason.PENDING_CHANGE
        with pytest.raises(VerificationRefused):
            reject_pending(session, "B01", actor="admin:9", access=ADMIN, reason="again")


def test_a_live_value_changed_since_the_proposal_is_shown_as_a_conflict(engine: Engine) -> None:
    propose(engine, ["12 421 92 83"])
    with session_scope(engine) as session:
        change_service(
            session, "B01", {"phones": ["12 421 92 84"]}, actor="admin:9", access=ADMIN, today=TODAY
        )
        description = describe_entry(session, "B01", TODAY)
    assert description is not None
    assert "changed_since" in [c.code for c in description.conflicts]


def test_an_entry_its_centre_confirmed_comes_before_the_rest_but_stays_hidden(
    engine: Engine,
) -> None:
    with session_scope(engine) as session:
        confirm_service(session, "P032", actor="staff:7", access=STAFF_P032, today=TODAY)
    with session_scope(engine) as session:
        queue = list_queue(session, TODAY)
        entry = queue.entries[0]
        assert (entry.service_id, entry.reason) == ("P032", QueueReason.CONFIRMED_BY_CENTRE)
        assert entry.standing is Standing.HIDDEN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("phones=22 123 45 67|116 123", ("phones", ["22 123 45 67", "116 123"])),
        ("hours=24/7", ("hours", "24/7")),
        ("url=", ("url", None)),
        ("possibly_closed=no", ("possibly_closed", False)),
        ("crisis_types=mental|suicidal", ("crisis_types", ["mental", "suicidal"])),
    ],
)
def test_edits_are_typed_as_field_equals_value(text: str, expected: tuple[str, object]) -> None:
    assert parse_edit(text) == expected


def test_an_edit_without_an_equals_sign_is_refused() -> None:
    with pytest.raises(InvalidValue):
        parse_edit("phones 22 123 45 67")
