"""The kinds of help: how each kind is labelled, and which are places to hand a person over to.

One place for these facts. The resident list, the responders' view (/services) and the printable
powiat card name a point's kind from KIND_LABELS; the responders' ranking lists HANDOVER_KINDS.
(The kind list itself is directory.models.ServiceKind, the stored column's values.)
"""

from __future__ import annotations

from typing import Final

from directory.i18n import N_, translator
from directory.models import ServiceKind

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
