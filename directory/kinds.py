"""The kinds of help: how each is labelled, which are places to hand a person over to, which
crises and audiences each fits, and what a resident must know about it.

One place for these facts. The resident list, the responders' view (/services) and the printable
powiat card name a point's kind from KIND_LABELS; the responders' ranking lists HANDOVER_KINDS.
The seed build takes an entry's crisis types and audience from its KIND_PROFILES entry (researched
in the reference czp_psych_NOTES.md), ranking asks whether a kind needs 112 said first, and the
resident views show the kind's caveat under each entry.
(The kind list itself is directory.models.ServiceKind, the stored column's values.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from directory.crisis import CrisisType
from directory.i18n import N_, translator
from directory.vocabulary import ServiceKind

KIND_LABELS: Final[dict[ServiceKind, str]] = {
    ServiceKind.EMERGENCY: N_("emergency number"),
    ServiceKind.HELPLINE: N_("helpline"),
    ServiceKind.CRISIS_CENTRE: N_("crisis intervention centre (OIK)"),
    ServiceKind.SHELTER: N_("shelter for victims of violence (SOW)"),
    ServiceKind.FAMILY_SUPPORT_OFFICE: N_("family support office (PCPR/MOPR)"),
    ServiceKind.CZP_INTAKE: N_("mental health centre intake point (CZP)"),
    ServiceKind.PSYCHIATRIC_ADMISSION: N_("psychiatric admission room"),
    ServiceKind.YOUTH_CENTRE: N_("children's and youth mental health centre"),
    ServiceKind.HOSPITAL_INFORMATION: N_("psychiatric hospital information"),
}

# Places a person in crisis can be taken to in person: what police officers and paramedics
# look for. Helplines, 112, offices and information numbers are not; the lines are listed
# separately as the national lines.
HANDOVER_KINDS: Final = frozenset(
    {
        ServiceKind.CRISIS_CENTRE,
        ServiceKind.SHELTER,
        ServiceKind.PSYCHIATRIC_ADMISSION,
        ServiceKind.CZP_INTAKE,
        ServiceKind.YOUTH_CENTRE,
    }
)

# What a whole kind says about access, in the few words a responder's line has room for, where
# the research notes say it for every point of the kind (czp_psych_NOTES.md, "What a
# resident-facing service must know"). A kind with nothing sourced says nothing.
KIND_ACCESS: Final[dict[ServiceKind, str]] = {
    ServiceKind.CZP_INTAKE: N_("adults 18+ of its area, no referral needed"),
    ServiceKind.PSYCHIATRIC_ADMISSION: N_(
        "no referral needed when life is at risk; in immediate danger call 112 first"
    ),
    ServiceKind.YOUTH_CENTRE: N_(
        "up to 21 in school, no referral; under 18 with a guardian's consent"
    ),
}


def parse_kind(value: str | None) -> ServiceKind | None:
    """The kind named by a stored value, or None for an unknown one."""
    try:
        return ServiceKind(value or "")
    except ValueError:
        return None


def is_handover_kind(value: str | None) -> bool:
    """Whether a service of this stored kind is a place to hand a person over to."""
    return parse_kind(value) in HANDOVER_KINDS


def kind_label(value: str | None, lang: str) -> str:
    """The kind in words, in `lang` ("crisis intervention centre (OIK)"); empty when unknown."""
    kind = parse_kind(value)
    return translator(lang).gettext(KIND_LABELS[kind]) if kind is not None else ""


def access_label(value: str | None, lang: str) -> str:
    """What the kind's sources say about access ("no referral needed"), or empty."""
    kind = parse_kind(value)
    text = KIND_ACCESS.get(kind) if kind is not None else None
    return translator(lang).gettext(text) if text else ""


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
