"""The web panel's entry form: what a staff member submitted, read with the chat's own checks.

Every field goes through the same functions as a value typed in the chat's /edit
(directory.editing.parse_staff_input and check_value), so the panel cannot accept anything the
chat would refuse; saving goes through directory.editing.change_service, which authorises,
validates again and audits. Only the staff fields are read: anything else a forged form carries
is ignored, and what the person may not change is refused by change_service itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from directory.crisis import CRISIS_LABELS
from directory.editing import (
    AUDIENCE_LABELS,
    STAFF_STATUSES,
    STATUS_LABELS,
    EditError,
    InvalidValue,
    check_value,
    describe_value,
    format_address,
    parse_staff_input,
    read_field,
    stored_field,
)
from directory.fields import FIELDS_BY_NAME, STAFF_FIELDS, Shape
from directory.i18n import N_
from directory.models import Service, ServiceStatus

# The staff fields that are lists of codes, offered as boxes to tick.
CHOICE_FIELDS: Final = tuple(
    name for name in STAFF_FIELDS if FIELDS_BY_NAME[stored_field(name)].shape is Shape.LIST
)
# The languages offered as boxes to tick (those already stored are offered too).
LANGUAGE_CHOICES: Final = ("pl", "en", "uk", "ru", "de")
MAX_FIELD_CHARS: Final = 2000

FormData = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class FieldPreview:
    """One changed field: its label key, and the old and new value in words."""

    name: str
    before: str
    after: str


@dataclass
class EntryForm:
    """A submitted entry form: the text as typed (to show again), the valid changes and the
    reasons for refusing the rest."""

    raw: dict[str, str | list[str]] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, EditError] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """Whether every submitted field could be read."""
        return not self.errors


def choices(name: str, current: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(code, gettext-marked label) of the boxes of a choice field."""
    if name == "crisis_types":
        return list(CRISIS_LABELS.items())
    if name == "audience":
        return list(AUDIENCE_LABELS.items())
    codes = list(LANGUAGE_CHOICES) + [code for code in current if code not in LANGUAGE_CHOICES]
    return [(code, code) for code in codes]


def statuses_for(service: Service, is_admin: bool) -> list[str]:
    """The statuses this person may choose for the entry (empty: they may not change it)."""
    if is_admin:
        return [status.value for status in ServiceStatus]
    if service.status in STAFF_STATUSES:
        return [status for status in STATUS_LABELS if status in STAFF_STATUSES]
    return []


def initial_values(service: Service) -> dict[str, str | list[str]]:
    """The entry's current values as the form shows them."""
    values: dict[str, str | list[str]] = {
        "phones": ", ".join(read_field(service, "phones")),
        "hours": service.hours or "",
        "address": format_address(read_field(service, "location")),
        "url": service.url or "",
        "notice": service.notice or "",
        "status": service.status,
    }
    for name in CHOICE_FIELDS:
        values[name] = list(read_field(service, name))
    return values


def _text(form: FormData, name: str) -> str:
    values = form.get(name) or [""]
    return values[-1][:MAX_FIELD_CHARS]


def _unchanged_blank(service: Service, name: str, text: str) -> bool:
    """A field left empty that is empty now too (a centre with no phone or address on record)."""
    return not text.strip() and read_field(service, stored_field(name)) in (None, [], "")


def read_entry_form(service: Service, form: FormData) -> EntryForm:
    """Read the staff fields of a submitted form against the entry as it is now.

    A text field sent back exactly as the form showed it is left alone: a source may have
    recorded an address without its postal code, which the chat's check would refuse."""
    result = EntryForm()
    shown = initial_values(service)
    for name in STAFF_FIELDS:
        stored = stored_field(name)
        try:
            if name in CHOICE_FIELDS:
                items = [item[:16] for item in form.get(name, [])]
                result.raw[name] = items
                value = check_value(name, items)
                if name != "languages" and not value and read_field(service, stored):
                    raise InvalidValue(N_("Choose at least one."), name)
            elif name == "status":
                text = _text(form, name)
                result.raw[name] = text
                if not text:
                    continue
                stored, value = parse_staff_input(service, name, text)
            else:
                text = _text(form, name)
                result.raw[name] = text
                if text.strip() == shown[name] or _unchanged_blank(service, name, text):
                    continue
                if name in {"url", "notice"} and not text.strip():
                    value = check_value(name, None)
                else:
                    stored, value = parse_staff_input(service, name, text)
        except EditError as error:
            result.errors[name] = error
            continue
        if read_field(service, stored) != value:
            result.changes[stored] = value
    return result


def preview_changes(service: Service, changes: Mapping[str, Any], lang: str) -> list[FieldPreview]:
    """Each change in words, before and after, in the order of the form."""
    previews = []
    for name in STAFF_FIELDS:
        stored = stored_field(name)
        if stored not in changes:
            continue
        previews.append(
            FieldPreview(
                name,
                describe_value(stored, read_field(service, stored), lang),
                describe_value(stored, changes[stored], lang),
            )
        )
    return previews
