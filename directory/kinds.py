"""The kinds of help: which crises and audiences each fits, and what a resident must know about it.

One place for these facts (researched in the reference czp_psych_NOTES.md): the seed build takes
an entry's crisis types and audience from its kind, ranking asks whether a kind needs 112 said
first, and the views show the kind's caveat under each entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from directory.crisis import CrisisType
from directory.i18n import N_
from directory.models import ServiceKind

C = CrisisType
CENTRE_CRISES: Final = (C.SUICIDAL, C.VIOLENCE, C.MENTAL, C.BEREAVEMENT, C.DISASTER, C.OTHER)


@dataclass(frozen=True)
class KindProfile:
    """What a kind of help is for."""

    kind: ServiceKind
    crisis_types: tuple[CrisisType, ...]
    audience: tuple[str, ...]
    # Safety rule: a place for acute danger (an admission room) is never a substitute for 112,
    # so wherever it is listed 112 comes first.
    emergency_first: bool = False
    caveat: str | None = None  # gettext-marked; shown with every entry of this kind


KIND_PROFILES: Final[dict[ServiceKind, KindProfile]] = {
    profile.kind: profile
    for profile in (
        KindProfile(ServiceKind.EMERGENCY, tuple(CrisisType), ("everyone",)),
        KindProfile(ServiceKind.HELPLINE, (), ("adults",)),
        KindProfile(ServiceKind.CRISIS_CENTRE, CENTRE_CRISES, ("adults",)),
        KindProfile(ServiceKind.SHELTER, (C.VIOLENCE,), ("adults",)),
        KindProfile(
            ServiceKind.FAMILY_SUPPORT_OFFICE,
            (C.VIOLENCE, C.BEREAVEMENT, C.DISASTER, C.OTHER),
            ("adults",),
            caveat=N_(
                "The office responsible for crisis help in this powiat (not a crisis line): "
                "office hours; ask where to go."
            ),
        ),
        KindProfile(
            ServiceKind.CZP_INTAKE,
            (C.SUICIDAL, C.MENTAL, C.BEREAVEMENT, C.DISASTER, C.OTHER),
            ("adults",),
            caveat=N_(
                "Mental health centre intake point: adults (18+) living in its area, no "
                "referral needed, office hours; not an emergency service."
            ),
        ),
        KindProfile(
            ServiceKind.PSYCHIATRIC_ADMISSION,
            (C.SUICIDAL, C.MENTAL),
            ("adults",),
            emergency_first=True,
            caveat=N_(
                "Psychiatric admission room: no referral needed when life or health is at "
                "risk. In immediate danger call 112 first."
            ),
        ),
        KindProfile(
            ServiceKind.YOUTH_CENTRE,
            (C.CHILD, C.MENTAL, C.SUICIDAL, C.VIOLENCE),
            ("children_youth", "parents"),
            caveat=N_(
                "Mental health centre for children and young people (up to 18, or 21 while "
                "at school): under 18 with a parent's or guardian's consent; office hours, "
                "not an emergency service."
            ),
        ),
        KindProfile(
            ServiceKind.HOSPITAL_INFORMATION,
            (C.MENTAL,),
            ("adults",),
            caveat=N_(
                "A psychiatric hospital's information number: ask for the admission room or "
                "the intake point."
            ),
        ),
    )
}


def kind_profile(kind: str) -> KindProfile:
    """The profile of a stored kind (an unknown kind is treated as a crisis centre)."""
    try:
        return KIND_PROFILES[ServiceKind(kind)]
    except ValueError:
        return KIND_PROFILES[ServiceKind.CRISIS_CENTRE]


def kind_caveat(kind: str) -> str | None:
    """The gettext-marked caveat residents see with every entry of this kind."""
    return kind_profile(kind).caveat


def needs_emergency_first(kind: str) -> bool:
    """Whether listing this kind means 112 must come first."""
    return kind_profile(kind).emergency_first
