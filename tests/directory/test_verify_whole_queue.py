"""Done-when of issue 17: verifying the whole queue in a test database, entry by entry as an
administrator would (verify what can be verified as it stands, skip what needs a phone first),
raises the number of powiats with a local option to what the coverage report promised
(SQLite and PostgreSQL; the figures are in docs/measurements.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from directory.coverage import coverage_report
from directory.db import session_scope
from directory.verification import QueueReason, approve, list_queue

TODAY = date(2026, 12, 7)


def test_verifying_the_whole_queue_raises_the_powiats_with_a_local_option(
    both_engine: Engine,
) -> None:
    with session_scope(both_engine) as session:
        before = coverage_report(session, TODAY)
        queue = list_queue(session, TODAY)
    promised = before.if_queue_verified
    assert promised is not None
    verified = skipped = 0
    for entry in queue.entries:
        if not entry.would_show:
            skipped += 1  # an administrator would look for a phone in the sources first
            continue
        with session_scope(both_engine) as session:
            approve(session, entry.service_id, actor="admin:script", access=None, today=TODAY)
        verified += 1
    with session_scope(both_engine) as session:
        after = coverage_report(session, TODAY)
        left = list_queue(session, TODAY)
    print(
        f"\n[{both_engine.dialect.name}] queue {len(queue)}: verified {verified}, skipped "
        f"{skipped}; powiats with a local option {before.summary.with_local_option} -> "
        f"{after.summary.with_local_option}; with a local 24/7 option "
        f"{before.summary.with_local_24_7} -> {after.summary.with_local_24_7}"
    )
    assert after.summary.with_local_option > before.summary.with_local_option
    assert after.summary.with_local_option == promised.local_option_after
    assert after.summary.with_local_24_7 == promised.local_24_7_after
    assert after.summary.with_local_24_7 > before.summary.with_local_24_7
    # What is left waits for a phone (or for a hide with a reason).
    assert len(left) == skipped
    assert all(e.reason is QueueReason.HIDDEN and not e.would_show for e in left.entries)
    assert after.if_queue_verified is not None
    assert after.if_queue_verified.gain_local == ()
