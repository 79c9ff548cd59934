"""The lines every referral list ends with: 112 and the national 24/7 floor lines.

One place for the fact: 112 plus the national 24/7 lines with strong sources (reference NOTES.md):
116 123 (adults), 116 111 and 800 12 12 12 (children and youth), 800 120 002 (domestic violence).
Ranking (directory.referral.ranking) uses these records to guarantee that every list ends with
112 and one of these lines; the immediate-danger block (directory.emergency) picks and orders
them for the kind of danger. Read from the directory's active services when given, else from
the bundled seed, which needs no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Final

from directory.crisis import CrisisType
from directory.referral.records import ServiceRecord, record_from_entry
from directory.seed_data import seed_entries

EMERGENCY_SERVICE_ID: Final = "H01"
ADULT_LINE_ID: Final = "H02"  # 116 123
CHILD_LINE_IDS: Final = ("H03", "H04")  # 116 111, 800 12 12 12
VIOLENCE_LINE_ID: Final = "H07"  # 800 120 002
FLOOR_SERVICE_IDS: Final = frozenset({ADULT_LINE_ID, *CHILD_LINE_IDS, VIOLENCE_LINE_ID})
FALLBACK_ORDER: Final = (EMERGENCY_SERVICE_ID, ADULT_LINE_ID, *CHILD_LINE_IDS, VIOLENCE_LINE_ID)


@cache
def bundled_records() -> dict[str, ServiceRecord]:
    """The lines by seed id as bundled (no database); the seed must hold every one."""
    wanted = set(FALLBACK_ORDER)
    records = {str(e["id"]): record_from_entry(e) for e in seed_entries() if e["id"] in wanted}
    missing = wanted - set(records)
    if missing:
        raise RuntimeError(f"bundled seed lacks the emergency lines {sorted(missing)}")
    return records


def emergency_records(services: Sequence[ServiceRecord] | None = None) -> dict[str, ServiceRecord]:
    """The block's lines by seed id: those among `services` (the active directory), else bundled.

    `None` means the directory could not be read. A line absent from `services` was withdrawn
    (not active) and stays out, unless none of the national lines is left; 112 is never absent.
    """
    bundled = bundled_records()
    if services is None:
        return bundled
    found = {s.id: s for s in services if s.id in bundled}
    if not FLOOR_SERVICE_IDS.intersection(found):
        return bundled
    found.setdefault(EMERGENCY_SERVICE_ID, bundled[EMERGENCY_SERVICE_ID])
    return {service_id: found[service_id] for service_id in FALLBACK_ORDER if service_id in found}


def emergency_record(services: Sequence[ServiceRecord] | None = None) -> ServiceRecord:
    """112, from the directory when given."""
    return emergency_records(services)[EMERGENCY_SERVICE_ID]


def floor_record(
    crisis: CrisisType, services: Sequence[ServiceRecord] | None = None
) -> ServiceRecord:
    """The national 24/7 line always listed for `crisis` when nothing better is.

    The crisis's own line first; when that was withdrawn, the next one still active.
    """
    if crisis is CrisisType.CHILD:
        preferred: tuple[str, ...] = (*CHILD_LINE_IDS, ADULT_LINE_ID)
    elif crisis is CrisisType.VIOLENCE:
        preferred = (VIOLENCE_LINE_ID, ADULT_LINE_ID)
    else:
        preferred = (ADULT_LINE_ID,)
    records = emergency_records(services)
    order = (*preferred, ADULT_LINE_ID, VIOLENCE_LINE_ID, *CHILD_LINE_IDS)
    return next(records[service_id] for service_id in order if service_id in records)
