"""The immediate-danger block: 112 and the national 24/7 lines, picked and ordered for the danger.

The lines themselves (which they are, from the directory or the bundled seed) are
directory.referral.floor's. The block is read from the database's active services by
directory.store (`current_emergency_options`), so an administrator's change shows in the next
reply and a withdrawn number disappears everywhere. The bundled seed is used only when the
database cannot be read, or holds none of the national lines at all (a directory without them is
broken, and 112 alone is not enough to send). Pure: no database here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Final, Protocol, TypeVar

from directory.referral import Option, Reason, Scope, ServiceRecord, build_option
from directory.referral.floor import ADULT_LINE_ID as ADULT_LINE_ID
from directory.referral.floor import CHILD_LINE_IDS as CHILD_LINE_IDS
from directory.referral.floor import EMERGENCY_SERVICE_ID as EMERGENCY_SERVICE_ID
from directory.referral.floor import FALLBACK_ORDER as FALLBACK_ORDER
from directory.referral.floor import FLOOR_SERVICE_IDS as FLOOR_SERVICE_IDS
from directory.referral.floor import VIOLENCE_LINE_ID as VIOLENCE_LINE_ID
from directory.referral.floor import bundled_records
from directory.referral.floor import emergency_record as emergency_record
from directory.referral.floor import emergency_records as emergency_records
from directory.referral.floor import floor_record as floor_record


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
    return _build_options(bundled_records(), lang)


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
    records = emergency_records(services)
    return arrange_for_danger(_options_of(tuple(records.items()), lang), kinds)


# Every answer's closing line reads these: built once per version of the lines and language.
@functools.lru_cache(maxsize=64)
def _options_of(records: tuple[tuple[str, ServiceRecord], ...], lang: str) -> tuple[Option, ...]:
    return _build_options(dict(records), lang)
