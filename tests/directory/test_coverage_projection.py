"""The coverage report's "if the queue were verified as it stands": powiats that would gain a
local option and a 24/7 one, in total and per voivodeship (pure, and in the CLI's formats)."""

from __future__ import annotations

import csv
import io
from datetime import date

from directory.cli.report import coverage_csv, coverage_json, coverage_table
from directory.coverage import EntryFacts, compute_coverage

TODAY = date(2026, 12, 7)


def entry(entry_id: str, powiat: str, **fields: object) -> EntryFacts:
    values: dict[str, object] = {
        "id": entry_id,
        "kind": "crisis_centre",
        "scope": "local",
        "status": "unverified",
        "always_open": False,
        "area_powiats": frozenset({powiat}),
        "shown": False,
    }
    values.update(fields)
    return EntryFacts(**values)  # type: ignore[arg-type]


ENTRIES = [
    entry("live", "1421", status="active", shown=True),
    entry("waits-24-7", "1465", always_open=True, shown_if_verified=True),
    entry("waits", "1261", shown_if_verified=True),
    entry("no-phone", "0264"),  # hidden, and verifying it as it stands would not show it
    entry("same-powiat", "1421", always_open=True, shown_if_verified=True),
]


def test_the_projection_counts_powiats_that_would_gain_a_local_and_a_24_7_option() -> None:
    projection = compute_coverage(ENTRIES, TODAY).if_queue_verified
    assert projection is not None
    assert (projection.local_option_now, projection.local_option_after) == (1, 3)
    assert projection.gain_local == ("1261", "1465")
    assert (projection.local_24_7_now, projection.local_24_7_after) == (0, 2)
    assert projection.gain_24_7 == ("1421", "1465")
    assert projection.entries_shown_after == 3
    rows = {v.code: v for v in projection.voivodeships}
    assert (rows["14"].local_option_now, rows["14"].local_option_after) == (1, 2)
    assert (rows["12"].local_option_now, rows["12"].local_option_after) == (0, 1)
    assert (rows["02"].local_option_now, rows["02"].local_option_after) == (0, 0)
    assert sum(v.powiats for v in projection.voivodeships) == 380


def test_every_report_format_carries_the_projection() -> None:
    report = compute_coverage(ENTRIES, TODAY)
    table = coverage_table(report, "en")
    assert "If the verification queue were verified as it stands:" in table
    assert "Powiats with any local option: 1 → 3 (+2)" in table
    assert "…if the queue were verified" in table
    document = coverage_json(report, "en")["if_queue_verified"]
    assert document["powiats_gaining_local_option"] == ["1261", "1465"]
    assert document["powiats_with_local_24_7_after"] == 2
    rows = list(csv.DictReader(io.StringIO(coverage_csv(report))))
    warsaw = next(r for r in rows if r["level"] == "powiat" and r["code"] == "1465")
    assert (
        warsaw["powiats_with_local_option"],
        warsaw["powiats_with_local_option_if_verified"],
    ) == (
        "0",
        "1",
    )
    mazowieckie = next(r for r in rows if r["level"] == "voivodeship" and r["code"] == "14")
    assert mazowieckie["powiats_with_local_option_if_verified"] == "2"
    assert "Powiaty z jakąkolwiek pomocą lokalną: 1 → 3 (+2)" in coverage_table(report, "pl")
