"""The emergency block and the national floor lines: from the directory, bundled as a fallback.

One place for the fact: 112 plus the national 24/7 lines with strong sources (reference NOTES.md):
116 123 (adults), 116 111 and 800 12 12 12 (children and youth), 800 120 002 (domestic violence).
Ranking uses the same records to guarantee that every list ends with 112 and one of these lines,
and the immediate-danger block picks and orders them for the kind of danger (`EmergencyKind`).

The lines are read from the database's active services (`current_emergency_options`), so an
administrator's change shows in the next reply and a withdrawn number disappears everywhere.
The bundled seed is used only when the database cannot be read, or holds none of the national
lines at all (a directory without them is broken, and 112 alone is not enough to send).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Final, Protocol, TypeVar

from sqlalchemy import Engine
from sqlalchemy import exc as sqlalchemy_errors

from directory.crisis import CrisisType
from directory.referral import (
    DirectoryStore,
    Option,
    Reason,
    Scope,
    ServiceRecord,
    build_option,
    record_from_entry,
)
from directory.seed import seed_entries

logger = logging.getLogger(__name__)

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
    CHILD = "child"  # a child in danger: the children's lines before the adults' one
    LIFE_AT_RISK = "life_at_risk"  # someone not breathing, fire, flood: 112 and nothing before it


# Safety rule: after 112, the lines for the danger at hand come first ("lead"), then the others
# that still fit ("then"); several kinds in one message merge as all leads, then all thens, so a
# person writing about violence and suicide sees 800 120 002 and 116 123 before the child lines.
# 116 123 is in every variant: every block holds 112 and a national 24/7 line for adults.
_KIND_LINES: Final[dict[EmergencyKind, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    EmergencyKind.SELF_HARM: ((ADULT_LINE_ID,), CHILD_LINE_IDS),
    EmergencyKind.VIOLENCE: ((VIOLENCE_LINE_ID,), (ADULT_LINE_ID,)),
    EmergencyKind.CHILD: (CHILD_LINE_IDS, (ADULT_LINE_ID,)),
    EmergencyKind.LIFE_AT_RISK: ((), (ADULT_LINE_ID,)),
}
KIND_PRIORITY: Final = (
    EmergencyKind.SELF_HARM,
    EmergencyKind.VIOLENCE,
    EmergencyKind.CHILD,
    EmergencyKind.LIFE_AT_RISK,
)


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

    A line the variant needs but the list lacks (withdrawn from the directory) is skipped; if
    that leaves no 112 or no national line, the list is returned whole: a longer list is a safe
    error, a block without 112 or a 24/7 line is not.
    """
    by_id = {option.service_id: option for option in options}
    wanted = [service_id for service_id in emergency_line_ids(kinds) if service_id in by_id]
    if EMERGENCY_SERVICE_ID not in wanted or not FLOOR_SERVICE_IDS.intersection(wanted):
        return list(options)
    return [by_id[service_id] for service_id in wanted]


@cache
def _bundled_records() -> dict[str, ServiceRecord]:
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
    bundled = _bundled_records()
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


def _build_options(records: Mapping[str, ServiceRecord], lang: str) -> tuple[Option, ...]:
    # Every line here is open 24/7, so the moment only matters for the open/closed fields.
    now = datetime.now(UTC)
    options = []
    for service_id, record in records.items():
        reasons: tuple[Reason, ...]
        if service_id == EMERGENCY_SERVICE_ID:
            reasons = (Reason.EMERGENCY, Reason.OPEN_24_7)
            scope = Scope.EMERGENCY
        else:
            reasons = (Reason.FALLBACK, Reason.OPEN_24_7, Reason.NATIONAL)
            scope = Scope.NATIONAL
        options.append(build_option(record, now, lang, scope, reasons))
    return tuple(options)


@cache
def _bundled_options(lang: str) -> tuple[Option, ...]:
    return _build_options(_bundled_records(), lang)


def emergency_options(
    lang: str,
    kinds: Iterable[EmergencyKind] = (),
    services: Sequence[ServiceRecord] | None = None,
) -> list[Option]:
    """112 and the strong national 24/7 lines for these kinds of danger.

    From `services` (the active directory) when given, else from the bundled seed, which works
    with the database down. No kinds (or only GENERAL) gives the whole general list.
    """
    if services is None:
        return arrange_for_danger(_bundled_options(lang), kinds)
    return arrange_for_danger(_build_options(emergency_records(services), lang), kinds)


def current_emergency_options(
    engine: Engine | None, lang: str, kinds: Iterable[EmergencyKind] = ()
) -> list[Option]:
    """The block as the database has it now; the bundled copy when it cannot be read."""
    if engine is None:
        return emergency_options(lang, kinds)
    try:
        services = DirectoryStore(engine).active_services()
    except (sqlalchemy_errors.SQLAlchemyError, OSError) as error:
        logger.warning("emergency lines from the bundled copy: %s", type(error).__name__)
        return emergency_options(lang, kinds)
    return emergency_options(lang, kinds, services)
