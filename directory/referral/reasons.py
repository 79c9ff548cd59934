"""Why an option is listed: its geographic scope and the reasons shown with it, in words."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from directory.i18n import N_


class Scope(StrEnum):
    """Why an option is relevant geographically."""

    EMERGENCY = "emergency"
    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"
    NEARBY = "nearby"


class Reason(StrEnum):
    """A reason an option is shown, in the order it was decided."""

    EMERGENCY_FIRST = "EMERGENCY_FIRST"
    EMERGENCY = "EMERGENCY"
    OPEN_24_7 = "OPEN_24_7"
    OPEN_NOW = "OPEN_NOW"
    OPENS_LATER = "OPENS_LATER"
    HOURS_UNKNOWN = "HOURS_UNKNOWN"
    SERVES_POWIAT = "SERVES_POWIAT"
    SERVES_VOIVODESHIP = "SERVES_VOIVODESHIP"
    NATIONAL = "NATIONAL"
    NEARBY = "NEARBY"
    FALLBACK = "FALLBACK"
    FOR_CHILDREN = "FOR_CHILDREN"
    FOR_CHILDREN_AND_PARENTS = "FOR_CHILDREN_AND_PARENTS"
    FOR_PARENTS = "FOR_PARENTS"
    ANSWERS_UKRAINIAN = "ANSWERS_UKRAINIAN"
    ANSWERS_RUSSIAN = "ANSWERS_RUSSIAN"


# Reasons whose words restate the opening hours; a view that shows the hours leaves them out.
HOURS_REASONS: Final = frozenset(
    {Reason.OPEN_24_7, Reason.OPEN_NOW, Reason.OPENS_LATER, Reason.HOURS_UNKNOWN, Reason.FALLBACK}
)


REASON_TEXT: Final[dict[Reason, str]] = {
    Reason.EMERGENCY_FIRST: N_("life may be at risk: call 112 first"),
    Reason.EMERGENCY: N_("emergency number: ambulance, police, fire brigade"),
    Reason.OPEN_24_7: N_("open 24/7"),
    Reason.OPEN_NOW: N_("open now"),
    Reason.OPENS_LATER: N_("closed now, opens later"),
    Reason.HOURS_UNKNOWN: N_("opening hours not confirmed, call to check"),
    Reason.SERVES_POWIAT: N_("serves your powiat"),
    Reason.SERVES_VOIVODESHIP: N_("serves your voivodeship"),
    Reason.NATIONAL: N_("nationwide line"),
    Reason.NEARBY: N_("nearest centre outside your powiat (about %(km)d km)"),
    Reason.FALLBACK: N_("always listed: a national line open 24/7"),
    Reason.FOR_CHILDREN: N_("for children and young people"),
    Reason.FOR_CHILDREN_AND_PARENTS: N_("for children, young people and parents"),
    Reason.FOR_PARENTS: N_("for parents"),
    Reason.ANSWERS_UKRAINIAN: N_("answers in Ukrainian"),
    Reason.ANSWERS_RUSSIAN: N_("answers in Russian"),
}
# The languages a resident reading `lang` also understands on the phone, best first: Ukrainian
# speakers (Russian-script writers are answered in Ukrainian too) get the lines whose sources
# say they answer in Ukrainian, or else in Russian, first within their tier.
SPOKEN_FIRST: Final[dict[str, tuple[tuple[str, Reason], ...]]] = {
    "uk": (("uk", Reason.ANSWERS_UKRAINIAN), ("ru", Reason.ANSWERS_RUSSIAN)),
}
