"""The last-resort help list, built from the bundled seed without touching the database.

One place for the fact: 112 plus the national 24/7 lines with strong sources (reference NOTES.md):
116 123 (adults), 116 111 and 800 12 12 12 (children and youth), 800 120 002 (domestic violence).
Ranking uses the same records to guarantee that every list ends with 112 and one of these lines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Final

from directory.crisis import CrisisType
from directory.referral import Option, Reason, Scope, ServiceRecord, build_option, record_from_entry
from directory.seed import seed_entries

EMERGENCY_SERVICE_ID: Final = "H01"
ADULT_LINE_ID: Final = "H02"  # 116 123
CHILD_LINE_IDS: Final = ("H03", "H04")  # 116 111, 800 12 12 12
VIOLENCE_LINE_ID: Final = "H07"  # 800 120 002
FLOOR_SERVICE_IDS: Final = frozenset({ADULT_LINE_ID, *CHILD_LINE_IDS, VIOLENCE_LINE_ID})
FALLBACK_ORDER: Final = (EMERGENCY_SERVICE_ID, ADULT_LINE_ID, *CHILD_LINE_IDS, VIOLENCE_LINE_ID)


@cache
def _records() -> dict[str, ServiceRecord]:
    wanted = set(FALLBACK_ORDER)
    records = {str(e["id"]): record_from_entry(e) for e in seed_entries() if e["id"] in wanted}
    missing = wanted - set(records)
    if missing:
        raise RuntimeError(f"bundled seed lacks the emergency lines {sorted(missing)}")
    return records


def emergency_record() -> ServiceRecord:
    """112, as bundled."""
    return _records()[EMERGENCY_SERVICE_ID]


def floor_record(crisis: CrisisType) -> ServiceRecord:
    """The national 24/7 line always listed for `crisis` when nothing better is."""
    if crisis is CrisisType.CHILD:
        return _records()[CHILD_LINE_IDS[0]]
    if crisis is CrisisType.VIOLENCE:
        return _records()[VIOLENCE_LINE_ID]
    return _records()[ADULT_LINE_ID]


@cache
def _options(lang: str) -> tuple[Option, ...]:
    # Every line here is open 24/7, so the moment only matters for the open/closed fields.
    now = datetime.now(UTC)
    options = []
    for service_id in FALLBACK_ORDER:
        record = _records()[service_id]
        reasons: tuple[Reason, ...]
        if service_id == EMERGENCY_SERVICE_ID:
            reasons = (Reason.EMERGENCY, Reason.OPEN_24_7)
            scope = Scope.EMERGENCY
        else:
            reasons = (Reason.FALLBACK, Reason.OPEN_24_7, Reason.NATIONAL)
            scope = Scope.NATIONAL
        options.append(build_option(record, now, lang, scope, reasons))
    return tuple(options)


def emergency_options(lang: str) -> list[Option]:
    """112 and the strong national 24/7 lines, from the bundled seed (works with the DB down)."""
    return list(_options(lang))
