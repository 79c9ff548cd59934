"""The directory's stored values (status, kind, scope, area, audience), without its storage.

The tables in directory.models hold these values; the pure rules (ranking, visibility, kinds)
read them from here so that they do not need SQLAlchemy.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from directory.i18n import N_


class ServiceStatus(StrEnum):
    """Whether a service is shown to residents: only `active` ones are."""

    ACTIVE = "active"
    UNVERIFIED = "unverified"
    TEMPORARILY_CLOSED = "temporarily_closed"
    DEFUNCT = "defunct"


class ServiceKind(StrEnum):
    """What kind of help a service is (directory.kinds says what each fits)."""

    EMERGENCY = "emergency"
    HELPLINE = "helpline"
    CRISIS_CENTRE = "crisis_centre"
    SHELTER = "shelter"
    FAMILY_SUPPORT_OFFICE = "family_support_office"  # PCPR / MOPR: the body responsible
    CZP_INTAKE = "czp_intake"  # CZP punkt zgłoszeniowo-koordynacyjny (adults)
    PSYCHIATRIC_ADMISSION = "psychiatric_admission"  # izba przyjęć of a psychiatric hospital
    YOUTH_CENTRE = "youth_centre"  # children's and youth mental-health centre
    HOSPITAL_INFORMATION = "hospital_information"  # a hospital's general information number


class ServiceScope(StrEnum):
    """Whom a service serves, geographically."""

    EMERGENCY = "emergency"
    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"


class AreaKind(StrEnum):
    """The kind of territory a service area names."""

    COUNTRY = "country"
    VOIVODESHIP = "voivodeship"
    POWIAT = "powiat"


AUDIENCE_LABELS: Final[dict[str, str]] = {
    "everyone": N_("everyone"),
    "adults": N_("adults"),
    "children_youth": N_("children and young people"),
    "parents": N_("parents"),
}

# The data columns of a stored location (directory.models.Location), in table order: the keys of
# a service's location wherever it travels as a dict (edits, CSV, seed). A test holds the two equal.
LOCATION_KEYS: Final = (
    "address",
    "postal_code",
    "town",
    "powiat",
    "latitude",
    "longitude",
    "point_source",
)
