"""The last-resort help list, built from the bundled seed without touching the database.

One place for the fact: 112 plus the national 24/7 lines with strong sources (reference NOTES.md):
116 123 (adults), 116 111 and 800 12 12 12 (children and youth), 800 120 002 (domestic violence).
Ranking uses the same records to guarantee that every list ends with 112 and one of these lines,
and the immediate-danger block picks and orders them for the kind of danger (`EmergencyKind`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Final, Protocol, TypeVar

from directory.crisis import CrisisType
from directory.referral import Option, Reason, Scope, ServiceRecord, build_option, record_from_entry
from directory.seed import seed_entries

EMERGENCY_SERVICE_ID: Final = "H01"
ADULT_LINE_ID: Final = "H02"  # 116 123
CHILD_LINE_IDS: Final = ("H03", "H04")  # 116 111, 800 12 12 12
VIOLENCE_LINE_ID: Final = "H07"  # 800 120 002
FLOOR_SERVICE_IDS: Final = frozenset({ADULT_LINE_ID, *CHILD_LINE_IDS, VIOLENCE_LINE_ID})
FALLBACK_ORDER: Final = (EMERGENCY_SERVICE_ID, ADULT_LINE_ID, *CHILD_LINE_IDS, VIOLENCE_LINE_ID)


class EmergencyKind(StrEnum):
    """What the immediate-danger block is for; GENERAL when the kind is not known (/sos)."""

    GENERAL = "general"
    SELF_HARM = "self_harm"  # suicidal intent, an overdose taken
    VIOLENCE = "violence"  # violence happening now
    LIFE_AT_RISK = "life_at_risk"  # someone not breathing, fire, flood: 112 and nothing before it


# Safety rule: after 112, the lines for the danger at hand come first ("lead"), then the others
# that still fit ("then"); several kinds in one message merge as all leads, then all thens, so a
# person writing about violence and suicide sees 800 120 002 and 116 123 before the child lines.
# 116 123 is in every variant: every block holds 112 and a national 24/7 line for adults.
_KIND_LINES: Final[dict[EmergencyKind, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    EmergencyKind.SELF_HARM: ((ADULT_LINE_ID,), CHILD_LINE_IDS),
    EmergencyKind.VIOLENCE: ((VIOLENCE_LINE_ID,), (ADULT_LINE_ID,)),
    EmergencyKind.LIFE_AT_RISK: ((), (ADULT_LINE_ID,)),
}
KIND_PRIORITY: Final = (EmergencyKind.SELF_HARM, EmergencyKind.VIOLENCE, EmergencyKind.LIFE_AT_RISK)


class _Identified(Protocol):
    @property
    def service_id(self) -> str: ...


_Line = TypeVar("_Line", bound=_Identified)


def emergency_line_ids(kinds: Iterable[EmergencyKind] = ()) -> tuple[str, ...]:
    """The seed ids of the block for these kinds of danger, 112 first (GENERAL when none known)."""
    wanted = set(kinds)
    known = [kind for kind in KIND_PRIORITY if kind in wanted]
    if not known:
        return FALLBACK_ORDER
    ordered = [EMERGENCY_SERVICE_ID]
    ordered += [line for kind in known for line in _KIND_LINES[kind][0]]
    ordered += [line for kind in known for line in _KIND_LINES[kind][1]]
    return tuple(dict.fromkeys(ordered))


def arrange_for_danger(options: Sequence[_Line], kinds: Iterable[EmergencyKind]) -> list[_Line]:
    """Pick and order the general emergency list for these kinds of danger.

    If the given list lacks any line the variant needs, it is returned whole: a longer list is
    a safe error, a block without 112 or a 24/7 line is not.
    """
    by_id = {option.service_id: option for option in options}
    wanted = emergency_line_ids(kinds)
    if not all(service_id in by_id for service_id in wanted):
        return list(options)
    return [by_id[service_id] for service_id in wanted]


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


def emergency_options(lang: str, kinds: Iterable[EmergencyKind] = ()) -> list[Option]:
    """112 and the strong national 24/7 lines for these kinds of danger, from the bundled seed.

    Works with the database down. No kinds (or only GENERAL) gives the whole general list.
    """
    return arrange_for_danger(_options(lang), kinds)
