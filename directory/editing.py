"""Validated, audited, all-or-nothing changes to a service's fields (chat, CLI and file import).

Every value is checked before anything is written, so a refused change leaves the entry exactly as
it was; what is written is audited field by field under one change id. Staff may change only
their own organisation's entries and only the fields they know best; administrators may change
anything, including verifying an `unverified` entry so that residents see it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final

from babel.dates import format_date
from sqlalchemy.orm import Session

from directory.access import Access
from directory.audit import SERVICE_ENTITY, new_change_id, record_change
from directory.clock import WARSAW, utc_now
from directory.crisis import crisis_label
from directory.fields import FIELDS_BY_NAME, STAFF_FIELDS, STORED_FIELDS, Shape
from directory.hours import UNKNOWN as UNKNOWN_HOURS
from directory.hours import OpeningHours
from directory.hours import parse as parse_hours
from directory.i18n import N_, translator
from directory.models import (
    Location,
    Organization,
    Phone,
    Service,
    ServiceArea,
    ServiceStatus,
    data_columns,
)
from directory.pending import APPROVAL_FIELDS, propose_change
from directory.phones import normalise_phone, split_phones
from directory.validation import (
    LOCATION_KEYS,
    MAX_SHORT_TEXT_CHARS,
    CheckContext,
    check_phone_hours_fit,
    check_text,
)
from directory.validation import EditError as EditError
from directory.validation import InvalidValue as InvalidValue
from directory.vocabulary import AUDIENCE_LABELS as AUDIENCE_LABELS

STAFF_STATUSES: Final = frozenset({ServiceStatus.ACTIVE.value, ServiceStatus.TEMPORARILY_CLOSED})
STATUS_LABELS: Final[dict[str, str]] = {
    ServiceStatus.ACTIVE.value: N_("active (shown to residents)"),
    ServiceStatus.TEMPORARILY_CLOSED.value: N_("temporarily closed"),
    ServiceStatus.UNVERIFIED.value: N_("unverified (hidden until checked)"),
    ServiceStatus.DEFUNCT.value: N_("no longer operating"),
}
POSTAL_CODE: Final = re.compile(r"\b(\d{2}-\d{3})\b")
CLEAR_WORDS: Final = frozenset({"-", "—", "brak", "none", "usuń", "usun", "remove", "clear"})
VERIFIED_BY_CENTRE: Final = "centre"
VERIFIED_BY_ADMIN: Final = "administrator"
# A week without Polish public holidays, used to read opening hours back in words.
REFERENCE_MONDAY: Final = datetime(2025, 3, 10, tzinfo=WARSAW)


class EditRefused(EditError):  # noqa: N818 - reads as what happened
    """The person may not make this change (another organisation's entry, an admin-only field)."""


@dataclass(frozen=True)
class FieldChange:
    """One field of one service: its value before and after."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ChangeResult:
    """What a saved change did: its audit change id and the fields it changed."""

    change_id: str
    service_id: str
    changes: tuple[FieldChange, ...] = field(default=())
    # Values held for an administrator's approval (directory.verification), not yet live.
    pending: tuple[FieldChange, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return bool(self.changes)


# --- reading and writing the canonical form of every field ------------------------------------


def location_dict(location: Location) -> dict[str, Any]:
    """A stored location as the canonical dict of LOCATION_KEYS."""
    return {key: getattr(location, key) for key in LOCATION_KEYS}


def _read_phone_hours(service: Service, name: str) -> list[str | None]:
    # One entry per phone, in order, None where the number keeps the service's hours; [] when
    # every number does.
    hours = [phone.hours for phone in service.phones]
    return hours if any(entry is not None for entry in hours) else []


_READERS: Final[dict[Shape, Callable[[Service, str], Any]]] = {
    Shape.TEXT: getattr,
    Shape.ORGANIZATION: getattr,
    Shape.FLAG: getattr,
    Shape.LIST: lambda service, name: list(getattr(service, name) or []),
    Shape.DATE: lambda service, name: (
        getattr(service, name).isoformat() if getattr(service, name) else None
    ),
    Shape.PHONES: lambda service, name: [phone.number_as_published for phone in service.phones],
    Shape.PHONE_HOURS: _read_phone_hours,
    Shape.LOCATION: lambda service, name: (
        location_dict(service.locations[0]) if service.locations else None
    ),
    Shape.AREAS: lambda service, name: [f"{area.kind}:{area.code}" for area in service.areas],
}


def read_field(service: Service, name: str) -> Any:
    """The current value of a field in its canonical JSON-ready form."""
    service_field = FIELDS_BY_NAME.get(name)
    if service_field is None:
        raise KeyError(f"unknown field {name!r}")
    return _READERS[service_field.shape](service, name)


def _write_organization(service: Service, name: str, value: Any) -> None:
    service.organization_id = value
    for location in service.locations:
        location.organization_id = value


def _write_phone_hours(service: Service, name: str, value: Any) -> None:
    hours = list(value or [])
    for index, phone in enumerate(service.phones):
        phone.hours = hours[index] if index < len(hours) else None


_WRITERS: Final[dict[Shape, Callable[[Service, str, Any], None]]] = {
    Shape.TEXT: setattr,
    Shape.ORGANIZATION: _write_organization,
    Shape.FLAG: setattr,
    Shape.LIST: lambda service, name, value: setattr(service, name, list(value or [])),
    Shape.DATE: lambda service, name, value: setattr(
        service, name, date.fromisoformat(value) if value else None
    ),
    Shape.PHONES: lambda service, name, value: _write_phones(service, list(value or [])),
    Shape.PHONE_HOURS: _write_phone_hours,
    Shape.LOCATION: lambda service, name, value: _write_location(service, value),
    Shape.AREAS: lambda service, name, value: setattr(
        service, "areas", [ServiceArea(kind=kind, code=code) for kind, code in _split_areas(value)]
    ),
}


def write_field(session: Session, service: Service, name: str, value: Any) -> None:
    """Store an already validated canonical value (no audit: callers record the change)."""
    service_field = FIELDS_BY_NAME.get(name)
    if service_field is None:
        raise KeyError(f"unknown field {name!r}")
    _WRITERS[service_field.shape](service, name, value)
    # Phones, areas and the location live in their own tables: stamping the service itself is
    # what makes every edit (and every revert) reach the referral cache at once.
    service.updated_at = utc_now()
    session.flush()


# A phone's own columns (not its key or service): what a kept number carries over.
_PHONE_COLUMNS: Final = data_columns(Phone)


def _write_phones(service: Service, numbers: list[str]) -> None:
    # Numbers that stay keep what the source recorded about them (24/7 flag, description).
    kept = {phone.number_as_published: phone for phone in service.phones}
    rows = []
    for number in numbers:
        old = kept.get(number)
        if old is not None:
            rows.append(Phone(**{name: getattr(old, name) for name in _PHONE_COLUMNS}))
            continue
        normalised = normalise_phone(number)
        rows.append(Phone(number_as_published=number, e164=normalised.e164, dial=normalised.dial))
    service.phones = rows


def _hours_after(service: Service, numbers: Sequence[str] | None) -> list[str | None]:
    """The per-phone hours once `numbers` replace the phones (kept numbers keep theirs)."""
    if numbers is None:
        return list(read_field(service, "phone_hours"))
    kept = {phone.number_as_published: phone.hours for phone in service.phones}
    hours = [kept.get(number) for number in numbers]
    return hours if any(entry is not None for entry in hours) else []


def _write_location(service: Service, value: Mapping[str, Any] | None) -> None:
    if value is None:
        service.locations = []
        return
    if service.locations:
        target = service.locations[0]
    else:
        target = Location(organization_id=service.organization_id)
        service.locations.append(target)
    for key in LOCATION_KEYS:
        setattr(target, key, value.get(key))


def _split_areas(value: Sequence[str] | None) -> list[tuple[str, str]]:
    return [tuple(item.split(":", 1)) for item in value or []]  # type: ignore[misc]


# --- validation --------------------------------------------------------------------------------


def check_value(
    name: str,
    value: Any,
    *,
    known_phones: frozenset[str] = frozenset(),
    service_kind: str | None = None,
) -> Any:
    """`value` cleaned into the canonical form of field `name`, or InvalidValue saying why.

    Phones are checked for the kind of service they belong to (`service_kind`, None: a centre).
    """
    service_field = FIELDS_BY_NAME.get(name)
    if service_field is None:
        raise InvalidValue(N_("Unknown field “%(name)s”."), name, name=name)
    return service_field.check(name, value, CheckContext(known_phones, service_kind))


# --- what staff type in the chat --------------------------------------------------------------


def format_address(location: Mapping[str, Any] | None) -> str:
    """'ul. Olsztyńska 3, 11-040 Dobre Miasto' from a canonical location."""
    if not location:
        return ""
    street = location.get("address") or ""
    town = " ".join(part for part in (location.get("postal_code"), location.get("town")) if part)
    return ", ".join(part for part in (street, town) if part)


def parse_address(text: str, current: Mapping[str, Any] | None) -> dict[str, Any]:
    """A typed address ('ul. Długa 5, 00-001 Warszawa') merged into the current location."""
    cleaned = check_text("address", text, required=True, limit=MAX_SHORT_TEXT_CHARS)
    match = POSTAL_CODE.search(cleaned)
    if match is None:
        raise InvalidValue(
            N_(
                "Please write the street, the postal code and the town, "
                "e.g. ul. Długa 5, 00-001 Warszawa."
            ),
            "address",
        )
    street = cleaned[: match.start()].strip(" ,")
    town = cleaned[match.end() :].strip(" ,")
    if not street or not town:
        raise InvalidValue(
            N_(
                "Please write the street, the postal code and the town, "
                "e.g. ul. Długa 5, 00-001 Warszawa."
            ),
            "address",
        )
    merged: dict[str, Any] = dict.fromkeys(LOCATION_KEYS)
    if current:
        merged.update(current)
    merged.update({"address": street, "postal_code": match.group(1), "town": town})
    return merged


def parse_staff_input(service: Service, name: str, text: str) -> tuple[str, Any]:
    """(stored field, canonical value) for what a staff member typed for chat field `name`."""
    stripped = text.strip()
    clear = stripped.lower() in CLEAR_WORDS
    if name == "phones":
        numbers = split_phones(stripped)
        if not numbers:
            raise InvalidValue(N_("Please write at least one phone number."), name)
        known = frozenset(read_field(service, "phones"))
        return name, check_value(name, numbers, known_phones=known, service_kind=service.kind)
    if name == "hours":
        return name, check_value(name, stripped)
    if name == "address":
        return "location", check_value(
            "location", parse_address(stripped, read_field(service, "location"))
        )
    if name in {"crisis_types", "audience", "languages"}:
        items = [item.strip() for item in re.split(r"[,;\s]+", stripped) if item.strip()]
        value = check_value(name, items)
        if name != "languages" and not value:
            raise InvalidValue(N_("Choose at least one."), name)
        return name, value
    if name in {"url", "notice"}:
        return name, check_value(name, None if clear else stripped)
    if name == "status":
        return name, check_value(name, stripped)
    raise InvalidValue(N_("Unknown field “%(name)s”."), name, name=name)


# --- authorising and saving ------------------------------------------------------------------


def stored_field(name: str) -> str:
    """The stored field behind a chat field name ('address' is the location)."""
    return STORED_FIELDS.get(name, name)


def authorise(service: Service | None, access: Access | None, fields: Sequence[str]) -> Service:
    """The service if `access` may change `fields` of it; EditRefused otherwise.

    `access` None is a trusted operator (command line, file import)."""
    if service is None:
        raise EditRefused(N_("This entry does not exist (any more)."))
    if access is None or access.is_admin:
        return service
    if not access.may_edit_organization(service.organization_id):
        raise EditRefused(
            N_("You can change only the entries of your own organisation."), "organization_id"
        )
    allowed = {stored_field(name) for name in STAFF_FIELDS}
    for name in fields:
        if name not in allowed:
            raise EditRefused(N_("Only an administrator can change this field."), name)
    return service


def _check_status_change(service: Service, new_status: Any, access: Access | None) -> None:
    if access is None or access.is_admin:
        return
    if service.status not in STAFF_STATUSES or new_status not in STAFF_STATUSES:
        raise EditRefused(
            N_(
                "Only an administrator can make this status change (an unverified entry is "
                "checked by the Drogowskaz team before residents see it)."
            ),
            "status",
        )


def _verified_by(access: Access | None) -> str:
    return VERIFIED_BY_ADMIN if access is not None and access.is_admin else VERIFIED_BY_CENTRE


def change_service(
    session: Session,
    service_id: str,
    values: Mapping[str, Any],
    *,
    actor: str,
    access: Access | None,
    today: date | None = None,
    change_id: str | None = None,
    stamp_verified: bool = True,
    validated: bool = False,
) -> ChangeResult:
    """Validate, then write and audit `values` (stored field → value) for one service.

    Nothing is written unless every value is valid and allowed. A saved edit by staff or an
    administrator also stamps "verified today" (`stamp_verified`). A new phone from staff is
    not written but held for an administrator's approval (`ChangeResult.pending`)."""
    service = authorise(session.get(Service, service_id), access, list(values))
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if validated:
            cleaned[name] = value
            continue
        known = frozenset(read_field(service, "phones")) if name == "phones" else frozenset()
        kind = values.get("kind", service.kind)
        cleaned[name] = check_value(
            name, value, known_phones=known, service_kind=kind if isinstance(kind, str) else None
        )
    if "phone_hours" in cleaned:
        phones = cleaned.get("phones", read_field(service, "phones"))
        check_phone_hours_fit(phones, cleaned["phone_hours"])
    if "status" in cleaned and cleaned["status"] != service.status:
        _check_status_change(service, cleaned["status"], access)
    if (
        "organization_id" in cleaned
        and session.get(Organization, cleaned["organization_id"]) is None
    ):
        raise InvalidValue(
            N_("Unknown organisation “%(value)s”."),
            "organization_id",
            value=cleaned["organization_id"],
        )
    changes = [
        FieldChange(name, read_field(service, name), value)
        for name, value in cleaned.items()
        if read_field(service, name) != value
        # Hours given with new numbers are written after them, if the numbers' own would differ.
        or (name == "phone_hours" and _hours_after(service, cleaned.get("phones")) != value)
    ]
    change_id = change_id or new_change_id()
    held: list[FieldChange] = []
    if access is not None and not access.is_admin:
        # A number from staff reaches residents only after an administrator approves it. The
        # proposal has its own change id, so the live part of the edit stays revertible.
        proposal_id = new_change_id()
        for change in [c for c in changes if c.field in APPROVAL_FIELDS]:
            changes.remove(change)
            propose_change(
                session,
                service_id,
                change.field,
                change.new,
                live=change.old,
                actor=actor,
                change_id=proposal_id,
            )
            held.append(change)
    if changes and stamp_verified:
        day = (today or date.today()).isoformat()
        for name, value in (("verified_on", day), ("verified_by", _verified_by(access))):
            if name not in cleaned and read_field(service, name) != value:
                changes.append(FieldChange(name, read_field(service, name), value))
    for change in changes:
        write_field(session, service, change.field, change.new)
        record_change(
            session,
            actor=actor,
            entity=SERVICE_ENTITY,
            entity_id=service_id,
            field=change.field,
            old_value=change.old,
            new_value=change.new,
            change_id=change_id,
        )
    session.flush()
    return ChangeResult(change_id, service_id, tuple(changes), tuple(held))


def confirm_service(
    session: Session, service_id: str, *, actor: str, access: Access | None, today: date
) -> ChangeResult:
    """Stamp "verified today" (by the centre, or by an administrator) without changing anything."""
    service = authorise(session.get(Service, service_id), access, [])
    values = {"verified_on": today.isoformat(), "verified_by": _verified_by(access)}
    change_id = new_change_id()
    changes = []
    for name, value in values.items():
        old = read_field(service, name)
        if old == value:
            continue
        write_field(session, service, name, value)
        record_change(
            session,
            actor=actor,
            entity=SERVICE_ENTITY,
            entity_id=service_id,
            field=name,
            old_value=old,
            new_value=value,
            change_id=change_id,
        )
        changes.append(FieldChange(name, old, value))
    session.flush()
    return ChangeResult(change_id, service_id, tuple(changes))


# --- reading values back in words -------------------------------------------------------------


def _weekday(day: datetime, lang: str) -> str:
    return format_date(day.date(), "EEE", locale=lang)


def _openings_by_day(hours: OpeningHours) -> list[list[str]]:
    """Each day's openings ('08:00–16:00') in the reference week, Monday first."""
    week_end = REFERENCE_MONDAY + timedelta(days=7)
    per_day: list[list[str]] = [[] for _day in range(7)]
    moment = REFERENCE_MONDAY
    if hours.is_open(moment) and hours.is_open(moment - timedelta(minutes=1)):
        # The tail of Sunday night's opening belongs to Sunday, not to Monday.
        moment = hours.closes_at(moment) or week_end
    for _step in range(200):
        start = hours.next_open(moment)
        if start is None or start >= week_end:
            break
        end = hours.closes_at(start)
        day = (start.date() - REFERENCE_MONDAY.date()).days
        if end is None:
            per_day[day].append(f"{start:%H:%M}–")
            break
        if end <= start:
            break
        moment = end
        # Openings longer than a day are shown day by day.
        while end - start > timedelta(days=1) and day < 7:
            per_day[day].append(f"{start:%H:%M}–24:00")
            start = datetime.combine(start.date() + timedelta(days=1), datetime.min.time(), WARSAW)
            day += 1
        if day >= 7:
            break
        midnight = end.time() == datetime.min.time() and end.date() > start.date()
        per_day[day].append(f"{start:%H:%M}–{'24:00' if midnight else f'{end:%H:%M}'}")
    return per_day


def _day_groups(per_day: list[list[str]], closed: str) -> list[tuple[int, int, str]]:
    """Runs of days with the same openings: (first day, last day, openings)."""
    groups: list[tuple[int, int, str]] = []
    for index, intervals in enumerate(per_day):
        spans = ", ".join(intervals) if intervals else closed
        if groups and groups[-1][2] == spans and groups[-1][1] == index - 1:
            groups[-1] = (groups[-1][0], index, spans)
        else:
            groups.append((index, index, spans))
    return groups


def describe_hours(text: str | None, lang: str) -> str:
    """Opening hours read back in words for one week, e.g. 'Mon–Fri 08:00–16:00; Sat, Sun:
    closed'."""
    _ = translator(lang).gettext
    if not text or text == UNKNOWN_HOURS:
        return _("hours not known")
    hours = parse_hours(text)
    if hours.always_open or (
        hours.is_open(REFERENCE_MONDAY) and hours.closes_at(REFERENCE_MONDAY) is None
    ):
        return _("open around the clock, every day")
    parts = []
    for first, last, spans in _day_groups(_openings_by_day(hours), _("closed")):
        first_name = _weekday(REFERENCE_MONDAY + timedelta(days=first), lang)
        if first == last:
            days = first_name
        else:
            last_name = _weekday(REFERENCE_MONDAY + timedelta(days=last), lang)
            days = f"{first_name}–{last_name}"
        parts.append(f"{days} {spans}")
    return "; ".join(parts)


def describe_value(name: str, value: Any, lang: str) -> str:
    """A field's value in words for the staff member (preview and /entry)."""
    _ = translator(lang).gettext
    if value in (None, [], ""):
        return _("(none)")
    if name == "hours":
        return f"{value} — {describe_hours(value, lang)}"
    if name in {"location", "address"}:
        return format_address(value)
    if name == "crisis_types":
        return ", ".join(crisis_label(item, _) for item in value)
    if name == "audience":
        return ", ".join(_(AUDIENCE_LABELS.get(item, item)) for item in value)
    if name == "status":
        return _(STATUS_LABELS.get(value, value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
