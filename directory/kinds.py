"""The kinds of help in the directory, and how each is labelled and whom it takes: one place.

The resident list, the responders' view (/services) and the printable powiat card all name a
point's kind and say whom it accepts from here, so that they can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final

from directory.i18n import N_, translator


class ServiceKind(StrEnum):
    """What sort of help a service is (stored in `services.kind`)."""

    EMERGENCY = "emergency"
    HELPLINE = "helpline"
    CRISIS_CENTRE = "crisis_centre"
    SHELTER = "shelter"
    PSYCHIATRIC_ADMISSION = "psychiatric_admission"
    CZP_INTAKE = "czp_intake"
    YOUTH_CENTRE = "youth_centre"


KIND_LABELS: Final[dict[ServiceKind, str]] = {
    ServiceKind.EMERGENCY: N_("emergency number"),
    ServiceKind.HELPLINE: N_("helpline"),
    ServiceKind.CRISIS_CENTRE: N_("crisis intervention centre (OIK)"),
    ServiceKind.SHELTER: N_("shelter for victims of violence (SOW)"),
    ServiceKind.PSYCHIATRIC_ADMISSION: N_("psychiatric admission room"),
    ServiceKind.CZP_INTAKE: N_("mental health centre intake point (CZP)"),
    ServiceKind.YOUTH_CENTRE: N_("children's and youth mental health centre"),
}

# Places a person in crisis can be taken to in person: what police officers and paramedics
# look for. Helplines and 112 are not places; they are listed separately as the national lines.
HANDOVER_KINDS: Final = frozenset(
    {
        ServiceKind.CRISIS_CENTRE,
        ServiceKind.SHELTER,
        ServiceKind.PSYCHIATRIC_ADMISSION,
        ServiceKind.CZP_INTAKE,
        ServiceKind.YOUTH_CENTRE,
    }
)

# What a whole kind says about access, where the research notes say it for every point of the
# kind (czp_psych_NOTES.md, "What a resident-facing service must know"). A kind with nothing
# sourced says nothing: no guessing about referrals.
KIND_ACCESS: Final[dict[ServiceKind, str]] = {
    ServiceKind.CZP_INTAKE: N_("adults 18+ of its area, no referral needed"),
    ServiceKind.PSYCHIATRIC_ADMISSION: N_(
        "no referral needed when life is at risk; in immediate danger call 112 first"
    ),
    ServiceKind.YOUTH_CENTRE: N_(
        "up to 21 in school, no referral; under 18 with a guardian's consent"
    ),
}

AUDIENCE_LABELS: Final[dict[str, str]] = {
    "everyone": N_("everyone"),
    "adults": N_("adults"),
    "children_youth": N_("children and young people"),
    "parents": N_("parents"),
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


def audience_label(audience: Iterable[str], lang: str) -> str:
    """Whom a service is for, in words ("adults", "children and young people"); empty: everyone."""
    gettext = translator(lang).gettext
    known = [AUDIENCE_LABELS[a] for a in sorted(set(audience)) if a in AUDIENCE_LABELS]
    return ", ".join(gettext(label) for label in known)


def access_label(value: str | None, lang: str) -> str:
    """What the kind's sources say about access ("no referral needed"), or empty."""
    kind = parse_kind(value)
    text = KIND_ACCESS.get(kind) if kind is not None else None
    return translator(lang).gettext(text) if text else ""
