"""Every field of a service, once: how it is stored, checked, labelled, who may edit it, its CSV
column(s) and its HSDS name.

The rest is derived from this registry: validation (directory.editing.check_value), reading and
writing (editing.read_field/write_field, by shape), the field lists of the seed loader, the
file transfer and the staff menu, the CSV columns (whose table in docs/directory-csv.md a test
compares with CSV_COLUMNS) and the values both record mappings of directory.referral copy.
The registry is in the order of the CSV columns; values are checked, written and exported in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import chain
from typing import Any, Final

from directory.i18n import N_
from directory.validation import (
    AUDIENCES,
    CONFIDENCES,
    CONTACT_MODES,
    CRISIS_TYPES,
    KINDS,
    LOCATION_KEYS,
    MAX_ID_CHARS,
    MAX_NOTICE_CHARS,
    MAX_SHORT_TEXT_CHARS,
    SCOPES,
    STATUSES,
    TOPICS,
    Check,
    a_name,
    check_areas,
    check_date,
    check_each_phone_hours,
    check_email,
    check_language_codes,
    check_location,
    check_opening_hours,
    check_phones,
    check_strings,
    check_url,
    check_yes_no,
    check_yes_no_or_unknown,
    each_one_of,
    one_of,
    plain_text,
    text,
)


class Shape(StrEnum):
    """How a field is stored, which decides how it is read, written and put in a CSV cell."""

    TEXT = "text"  # a service column holding text (or None)
    ORGANIZATION = "organization"  # the organisation's id, on the service and its locations
    FLAG = "flag"  # a yes/no column
    LIST = "list"  # a JSON list of codes or texts
    DATE = "date"  # a date column, as YYYY-MM-DD
    PHONES = "phones"  # the numbers as published, one Phone row each
    PHONE_HOURS = "phone_hours"  # each Phone row's own hours, in phone order
    LOCATION = "location"  # the first Location row, as a dict of LOCATION_KEYS
    AREAS = "areas"  # ServiceArea rows, as kind:code


class Editor(StrEnum):
    """Who may change a field: a centre's staff (their own entries) or only an administrator."""

    STAFF = "staff"
    ADMIN = "administrator"


def _frozen(value: Any) -> frozenset[str]:
    return frozenset(value or ())


def _as_tuple(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def _as_date(value: Any) -> date | None:
    """A stored date, or a seed entry's YYYY-MM-DD."""
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def _kind_code(value: Any) -> str:
    return value or ""


def _unchanged(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class ServiceField:
    """One field of a service and everything the directory knows about it."""

    name: str
    shape: Shape
    check: Check
    # The staff's name for it in the chat and the panel ("address" is the location's), where
    # it differs from `name`, and its gettext-marked label there.
    label: str | None = None
    staff_name: str | None = None
    # Its place in the staff's edit menu (chat /edit, web panel); None: administrators only.
    staff_menu: int | None = None
    # The CSV column(s) holding it, in order; () for none (topics are not exchanged as CSV).
    csv: tuple[str, ...] | None = None
    # Columns added after files were first exchanged: a file without them leaves them unchanged.
    csv_optional: bool = False
    # The standard HSDS 3.0 service field holding the value unchanged (others are mapped by
    # directory.transfer: status, schedules, phones, languages, areas, locations, attributes).
    hsds: str | None = None
    # A new service cannot be created without it.
    required: bool = False
    # The bundled seed (directory.seed) carries it as a column of the service itself.
    seeded: bool = True
    # How the referral's ServiceRecord holds it (attribute of the same name); None: not held.
    record: Callable[[Any], Any] | None = None

    @property
    def editor(self) -> Editor:
        """Who may change it."""
        return Editor.ADMIN if self.staff_menu is None else Editor.STAFF

    @property
    def staff_key(self) -> str:
        """Its name in the staff's chat and panel."""
        return self.staff_name or self.name

    @property
    def columns(self) -> tuple[str, ...]:
        """Its CSV columns."""
        return (self.name,) if self.csv is None else self.csv


REGISTRY: Final[tuple[ServiceField, ...]] = (
    ServiceField(
        "organization_id",
        Shape.ORGANIZATION,
        text(required=True, limit=MAX_ID_CHARS),
        # The organisation's name travels beside its id (directory.transfer).
        csv=("organization_id", "organization_name"),
        hsds="organization_id",
        seeded=False,
    ),
    ServiceField(
        "name_pl", Shape.TEXT, a_name(required=True), hsds="name", required=True, record=_unchanged
    ),
    ServiceField("name_en", Shape.TEXT, a_name(), hsds="alternate_name", record=_unchanged),
    ServiceField("kind", Shape.TEXT, one_of(KINDS), required=True, record=_kind_code),
    ServiceField("scope", Shape.TEXT, one_of(SCOPES), required=True, record=_unchanged),
    ServiceField(
        "status",
        Shape.TEXT,
        one_of(STATUSES),
        label=N_("Status"),
        staff_menu=9,
        required=True,
        record=_unchanged,
    ),
    ServiceField("confidence", Shape.TEXT, one_of(CONFIDENCES), required=True, record=_unchanged),
    ServiceField(
        "crisis_types",
        Shape.LIST,
        each_one_of(CRISIS_TYPES),
        label=N_("Kinds of crisis"),
        staff_menu=4,
        record=_frozen,
    ),
    ServiceField(
        "audience",
        Shape.LIST,
        each_one_of(AUDIENCES),
        label=N_("Who it is for"),
        staff_menu=5,
        record=_frozen,
    ),
    ServiceField("topics", Shape.LIST, each_one_of(TOPICS), csv=(), record=_frozen),
    ServiceField(
        "languages",
        Shape.LIST,
        check_language_codes,
        label=N_("Languages"),
        staff_menu=6,
        record=_frozen,
    ),
    ServiceField("contact_modes", Shape.LIST, each_one_of(CONTACT_MODES)),
    ServiceField(
        "phones",
        Shape.PHONES,
        check_phones,
        label=N_("Phone numbers"),
        staff_menu=1,
        seeded=False,
    ),
    ServiceField(
        "phone_hours", Shape.PHONE_HOURS, check_each_phone_hours, csv_optional=True, seeded=False
    ),
    ServiceField(
        "hours",
        Shape.TEXT,
        check_opening_hours,
        label=N_("Opening hours"),
        staff_menu=2,
        record=_unchanged,
    ),
    ServiceField("hours_as_published", Shape.TEXT, text(), record=_unchanged),
    ServiceField(
        "url",
        Shape.TEXT,
        check_url,
        label=N_("Chat or web link"),
        staff_menu=7,
        hsds="url",
        record=_unchanged,
    ),
    ServiceField("email", Shape.TEXT, check_email, hsds="email"),
    ServiceField(
        "notice",
        Shape.TEXT,
        plain_text(limit=MAX_NOTICE_CHARS),
        label=N_("Temporary notice"),
        staff_menu=8,
        record=_unchanged,
    ),
    ServiceField("free_of_charge", Shape.FLAG, check_yes_no_or_unknown),
    ServiceField(
        "location",
        Shape.LOCATION,
        check_location,
        label=N_("Address"),
        staff_name="address",
        staff_menu=3,
        csv=LOCATION_KEYS,
        seeded=False,
    ),
    ServiceField("areas", Shape.AREAS, check_areas, seeded=False),
    ServiceField("source_urls", Shape.LIST, check_strings, record=_as_tuple),
    ServiceField("source_date", Shape.TEXT, text(limit=MAX_SHORT_TEXT_CHARS), record=_unchanged),
    ServiceField("verified_on", Shape.DATE, check_date, seeded=False, record=_as_date),
    ServiceField("verified_by", Shape.TEXT, text(limit=MAX_SHORT_TEXT_CHARS), seeded=False),
    ServiceField("caveats", Shape.TEXT, text()),
    ServiceField("description", Shape.TEXT, text(), hsds="description"),
    ServiceField("source_stale", Shape.FLAG, check_yes_no, csv_optional=True, record=bool),
    ServiceField("possibly_closed", Shape.FLAG, check_yes_no, csv_optional=True, record=bool),
    ServiceField("hidden_reason", Shape.TEXT, text(), csv_optional=True, record=_unchanged),
)
FIELDS_BY_NAME: Final[dict[str, ServiceField]] = {field.name: field for field in REGISTRY}

# Every field edits, imports and exports know, in the order they are checked and exported.
ALL_FIELDS: Final = tuple(field.name for field in REGISTRY)
FLAG_FIELDS: Final = tuple(field.name for field in REGISTRY if field.shape is Shape.FLAG)
# The columns of the service itself in the seed entries (its phones, locations and areas are
# rows of their own there).
SEED_FIELDS: Final = tuple(field.name for field in REGISTRY if field.seeded)
REQUIRED_FOR_NEW: Final = tuple(field.name for field in REGISTRY if field.required)

# What a centre's staff may change (the names shown in /edit and the panel, in menu order).
# "address" edits the street, postal code and town of the stored location.
_STAFF: Final = sorted(
    (field for field in REGISTRY if field.staff_menu is not None),
    key=lambda field: field.staff_menu or 0,
)
STAFF_FIELDS: Final = tuple(field.staff_key for field in _STAFF)
FIELD_LABELS: Final[dict[str, str]] = {
    field.staff_key: field.label for field in _STAFF if field.label
}
# The stored field behind each staff name.
STORED_FIELDS: Final[dict[str, str]] = {field.staff_key: field.name for field in _STAFF}

# The CSV columns, in order: the service's id, then each field's (docs/directory-csv.md).
CSV_COLUMNS: Final = ("id", *chain.from_iterable(field.columns for field in REGISTRY))
OPTIONAL_COLUMNS: Final = frozenset(
    chain.from_iterable(field.columns for field in REGISTRY if field.csv_optional)
)
# The fields whose value is a list of texts (in a CSV cell or typed: separated by "|").
TEXT_LIST_FIELDS: Final = frozenset(
    field.name for field in REGISTRY if field.shape in {Shape.LIST, Shape.PHONES, Shape.AREAS}
)


def record_values(value_of: Callable[[str], Any]) -> dict[str, Any]:
    """The ServiceRecord attributes held as a field, given each field's stored value (from a
    seed entry or a stored service)."""
    return {
        field.name: field.record(value_of(field.name))
        for field in REGISTRY
        if field.record is not None
    }
