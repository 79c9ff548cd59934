"""Validated, audited, all-or-nothing changes to a service's fields (chat, CLI and file import).

Every value is checked before anything is written, so a refused change leaves the entry exactly as
it was; what is written is audited field by field under one change id. Staff may change only
their own organisation's entries and only the fields they know best; administrators may change
anything, including verifying an `unverified` entry so that residents see it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final

from babel.dates import format_date
from sqlalchemy.orm import Session

from directory.access import Access
from directory.audit import SERVICE_ENTITY, new_change_id, record_change
from directory.clock import WARSAW, utc_now
from directory.crisis import CrisisType, Need
from directory.gazetteer import load_gazetteer
from directory.hours import ALWAYS_OPEN, InvalidHours
from directory.hours import UNKNOWN as UNKNOWN_HOURS
from directory.hours import parse as parse_hours
from directory.i18n import N_, translator
from directory.models import (
    AreaKind,
    Location,
    Organization,
    Phone,
    Service,
    ServiceArea,
    ServiceKind,
    ServiceScope,
    ServiceStatus,
    data_columns,
)
from directory.phones import PhoneKind, normalise_phone, phone_kind, split_phones
from directory.spreadsheet import starts_like_formula

# Every field of a service that edits, imports and exports know, in the order they are checked
# (so problems are reported in this order) and exported.
ALL_FIELDS: Final = (
    "organization_id",
    "name_pl",
    "name_en",
    "description",
    "kind",
    "scope",
    "status",
    "confidence",
    "hours",
    "hours_as_published",
    "crisis_types",
    "audience",
    "topics",
    "languages",
    "contact_modes",
    "phones",
    "phone_hours",
    "url",
    "email",
    "notice",
    "free_of_charge",
    "location",
    "areas",
    "source_urls",
    "source_date",
    "verified_on",
    "verified_by",
    "caveats",
    "source_stale",
    "possibly_closed",
    "hidden_reason",
)
LIST_FIELDS: Final = (
    "crisis_types",
    "audience",
    "topics",
    "languages",
    "contact_modes",
    "source_urls",
)
FLAG_FIELDS: Final = ("free_of_charge", "source_stale", "possibly_closed")
OTHER_FIELDS: Final = (
    *FLAG_FIELDS,
    "verified_on",
    "phones",
    "phone_hours",
    "location",
    "areas",
)
TEXT_FIELDS: Final = tuple(
    name for name in ALL_FIELDS if name not in LIST_FIELDS and name not in OTHER_FIELDS
)
LOCATION_KEYS: Final = data_columns(Location)

# What a centre's staff may change in the chat (the names shown in /edit). "address" edits the
# street, postal code and town of the stored location; the powiat and map point stay.
STAFF_FIELDS: Final = (
    "phones",
    "hours",
    "address",
    "crisis_types",
    "audience",
    "languages",
    "url",
    "notice",
    "status",
)
FIELD_LABELS: Final[dict[str, str]] = {
    "phones": N_("Phone numbers"),
    "hours": N_("Opening hours"),
    "address": N_("Address"),
    "crisis_types": N_("Kinds of crisis"),
    "audience": N_("Who it is for"),
    "languages": N_("Languages"),
    "url": N_("Chat or web link"),
    "notice": N_("Temporary notice"),
    "status": N_("Status"),
}
STAFF_STATUSES: Final = frozenset({ServiceStatus.ACTIVE.value, ServiceStatus.TEMPORARILY_CLOSED})
STATUS_LABELS: Final[dict[str, str]] = {
    ServiceStatus.ACTIVE.value: N_("active (shown to residents)"),
    ServiceStatus.TEMPORARILY_CLOSED.value: N_("temporarily closed"),
    ServiceStatus.UNVERIFIED.value: N_("unverified (hidden until checked)"),
    ServiceStatus.DEFUNCT.value: N_("no longer operating"),
}
# The same words as the resident's crisis buttons (bot.dialogue), so one translation serves both.
CRISIS_NAMES: Final[dict[str, str]] = {
    CrisisType.SUICIDAL.value: N_("Thoughts of suicide"),
    CrisisType.VIOLENCE.value: N_("Violence or abuse"),
    CrisisType.CHILD.value: N_("A child or teenager"),
    CrisisType.MENTAL.value: N_("Mental health, anxiety"),
    CrisisType.BEREAVEMENT.value: N_("Loss of someone close"),
    CrisisType.DISASTER.value: N_("Accident, fire, flood"),
    CrisisType.ADDICTION.value: N_("Alcohol, drugs, gambling"),
    CrisisType.OTHER.value: N_("Something else"),
}
AUDIENCES: Final = ("everyone", "adults", "children_youth", "parents")
AUDIENCE_LABELS: Final[dict[str, str]] = {
    "everyone": N_("everyone"),
    "adults": N_("adults"),
    "children_youth": N_("children and young people"),
    "parents": N_("parents"),
}
CONTACT_MODES: Final = frozenset({"phone", "chat", "email", "web", "in_person"})
CONFIDENCES: Final = frozenset({"high", "medium", "low"})
KINDS: Final = frozenset(kind.value for kind in ServiceKind)
LANGUAGE_CODE: Final = re.compile(r"^[a-z]{2,3}$")
POSTAL_CODE: Final = re.compile(r"\b(\d{2}-\d{3})\b")
URL: Final = re.compile(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$", re.IGNORECASE)
EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CLEAR_WORDS: Final = frozenset({"-", "—", "brak", "none", "usuń", "usun", "remove", "clear"})
ALWAYS_OPEN_WORDS: Final = frozenset(
    {"24/7", "24h", "24 h", "całodobowo", "calodobowo", "całą dobę", "always", "24 hours"}
)
MAX_NOTICE_CHARS: Final = 300
MAX_NAME_CHARS: Final = 300
# Markup in a name: residents and administrators would see tags (or, in a careless viewer, bold
# and links) in what should be a plain name.
HTML_TAG: Final = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")
MAX_TEXT_CHARS: Final = 2000
MAX_PHONES: Final = 8
VERIFIED_BY_CENTRE: Final = "centre"
VERIFIED_BY_ADMIN: Final = "administrator"
# A week without Polish public holidays, used to read opening hours back in words.
REFERENCE_MONDAY: Final = datetime(2025, 3, 10, tzinfo=WARSAW)


class EditError(ValueError):
    """A change was refused; `text(lang)` says why in the person's language."""

    def __init__(self, message: str, field: str | None = None, **params: Any) -> None:
        """`message` is a gettext-marked English text with %(name)s placeholders."""
        self.message = message
        self.field = field
        self.params = params
        super().__init__(message % params if params else message)

    def text(self, lang: str) -> str:
        """The reason in `lang`."""
        translated = translator(lang).gettext(self.message)
        return translated % self.params if self.params else translated


class InvalidValue(EditError):  # noqa: N818 - reads as what happened, like InvalidHours
    """A value that cannot be stored (bad phone, bad hours, unknown powiat, …)."""


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


def read_field(service: Service, name: str) -> Any:
    """The current value of a field in its canonical JSON-ready form."""
    if name in TEXT_FIELDS or name in FLAG_FIELDS:
        return getattr(service, name)
    if name in LIST_FIELDS:
        return list(getattr(service, name) or [])
    if name == "verified_on":
        return service.verified_on.isoformat() if service.verified_on else None
    if name == "phones":
        return [phone.number_as_published for phone in service.phones]
    if name == "phone_hours":
        # One entry per phone, in order, None where the number keeps the service's hours;
        # [] when every number does.
        hours = [phone.hours for phone in service.phones]
        return hours if any(entry is not None for entry in hours) else []
    if name == "location":
        return location_dict(service.locations[0]) if service.locations else None
    if name == "areas":
        return [f"{area.kind}:{area.code}" for area in service.areas]
    raise KeyError(f"unknown field {name!r}")


def write_field(session: Session, service: Service, name: str, value: Any) -> None:
    """Store an already validated canonical value (no audit: callers record the change)."""
    if name == "organization_id":
        service.organization_id = value
        for location in service.locations:
            location.organization_id = value
    elif name in TEXT_FIELDS or name in FLAG_FIELDS:
        setattr(service, name, value)
    elif name in LIST_FIELDS:
        setattr(service, name, list(value or []))
    elif name == "verified_on":
        service.verified_on = date.fromisoformat(value) if value else None
    elif name == "phones":
        _write_phones(service, list(value or []))
    elif name == "phone_hours":
        hours = list(value or [])
        for index, phone in enumerate(service.phones):
            phone.hours = hours[index] if index < len(hours) else None
    elif name == "location":
        _write_location(service, value)
    elif name == "areas":
        service.areas = [ServiceArea(kind=kind, code=code) for kind, code in _split_areas(value)]
    else:
        raise KeyError(f"unknown field {name!r}")
    # Phones, areas and the location live in their own tables: stamping the service itself is
    # what makes every edit (and every revert) reach the referral cache at once.
    service.updated_at = utc_now()
    session.flush()


def _write_phones(service: Service, numbers: list[str]) -> None:
    # Numbers that stay keep what the source recorded about them (24/7 flag, description).
    kept = {phone.number_as_published: phone for phone in service.phones}
    rows = []
    for number in numbers:
        old = kept.get(number)
        if old is not None:
            rows.append(
                Phone(
                    number_as_published=number,
                    e164=old.e164,
                    dial=old.dial,
                    description=old.description,
                    is_24_7=old.is_24_7,
                    hours=old.hours,
                )
            )
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


def _text(name: str, value: Any, *, required: bool = False, limit: int = MAX_TEXT_CHARS) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidValue(N_("This field must not be empty."), name)
        return None
    if not isinstance(value, str):
        raise InvalidValue(N_("Expected text."), name)
    cleaned = value.strip()
    if len(cleaned) > limit:
        raise InvalidValue(
            N_("This text is too long (at most %(limit)d characters)."), name, limit=limit
        )
    if any(ord(char) < 32 and char not in "\n\t" for char in cleaned):
        raise InvalidValue(N_("This text contains control characters."), name)
    if any(0xD800 <= ord(char) <= 0xDFFF for char in cleaned):
        # Lone UTF-16 halves (JSON "\ud800"): no database or terminal can store or show them.
        raise InvalidValue(N_("This text contains characters that are not valid text."), name)
    return cleaned


def _plain_text(
    name: str, value: Any, *, required: bool = False, limit: int = MAX_TEXT_CHARS
) -> Any:
    """Text shown as a name or a notice: not a spreadsheet formula (exports are opened in
    spreadsheets: `=HYPERLINK(...)` would run there)."""
    text = _text(name, value, required=required, limit=limit)
    if text is not None and starts_like_formula(text):
        raise InvalidValue(
            N_(
                "This text must not start with = + - or @ (a spreadsheet would run it as a "
                "formula)."
            ),
            name,
        )
    return text


def check_name(name: str, value: Any, *, required: bool = False) -> str | None:
    """A name (of a service or an organisation): plain text, no formula, no HTML tags."""
    text = _plain_text(name, value, required=required, limit=MAX_NAME_CHARS)
    if text is not None and HTML_TAG.search(text):
        raise InvalidValue(N_("A name must be plain text, without HTML tags."), name)
    return text if text is None else str(text)


def _choice(name: str, value: Any, allowed: Collection[str]) -> str:
    if value not in allowed:
        raise InvalidValue(
            N_("“%(value)s” is not allowed here; use one of: %(allowed)s."),
            name,
            value=value,
            allowed=", ".join(sorted(allowed)),
        )
    return str(value)


def _string_list(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise InvalidValue(N_("Expected a list of values."), name)
    return [v.strip() for v in value if v.strip()]


# Numbers a person in crisis must never be sent to, by kind, and why (the clear message).
# Safety rule: a call that costs a lot (70x), costs the caller part (801), reaches paid
# directory enquiries (118 xxx) or an emergency service instead of the centre (112, 997, 998,
# 999: 112 is always given separately) is refused as a service's number.
REFUSED_PHONE_KINDS: Final[dict[PhoneKind, str]] = {
    PhoneKind.PREMIUM_RATE: N_(
        "“%(number)s” is a premium-rate number (70x): a call costs far more than usual. "
        "A help line must be an ordinary or a free number."
    ),
    PhoneKind.SHARED_COST: N_(
        "“%(number)s” is a shared-cost number (801): the caller pays part of the call. "
        "A centre's number must be an ordinary or a free number."
    ),
    PhoneKind.PAID_ENQUIRIES: N_(
        "“%(number)s” is a paid directory enquiries number (118…), not a centre's number."
    ),
    PhoneKind.EMERGENCY: N_(
        "“%(number)s” is an emergency number (112, 997, 998, 999). Residents are always given "
        "112 on its own; write the centre's own number."
    ),
}
# Nationwide helplines publish shared-cost numbers (801 889 880 in the sources); 112 itself is
# the emergency service's number.
ALLOWED_PHONE_KINDS: Final[dict[str, frozenset[PhoneKind]]] = {
    ServiceKind.HELPLINE.value: frozenset({PhoneKind.SHARED_COST}),
    ServiceKind.EMERGENCY.value: frozenset({PhoneKind.EMERGENCY}),
}


def check_phone(
    number: str,
    known: frozenset[str] = frozenset(),
    name: str = "phones",
    service_kind: str | None = None,
) -> str:
    """A phone as published if it can be dialled from Poland (E.164 or a short number) and is
    not a paid or emergency number for a service of `service_kind` (None: a centre); numbers
    already stored exactly so are kept as the source published them."""
    if number.strip() in known:
        return number.strip()
    cleaned = " ".join(number.split())
    normalised = normalise_phone(cleaned)
    if normalised.dial is None:
        raise InvalidValue(
            N_(
                "“%(number)s” is not a Polish phone number I can dial. Write 9 digits, "
                "e.g. 22 123 45 67, or a short number such as 116 123."
            ),
            name,
            number=cleaned,
        )
    kind = phone_kind(normalised)
    allowed = ALLOWED_PHONE_KINDS.get(service_kind or "", frozenset())
    if kind in REFUSED_PHONE_KINDS and kind not in allowed:
        raise InvalidValue(REFUSED_PHONE_KINDS[kind], name, number=cleaned)
    return cleaned


def check_hours(value: Any, name: str = "hours") -> str | None:
    """A valid opening_hours expression (or 24/7), or None for unknown hours."""
    text = _text(name, value)
    if text is None:
        return None
    if text.lower() in ALWAYS_OPEN_WORDS:
        return ALWAYS_OPEN
    try:
        parse_hours(text)
    except InvalidHours:
        raise InvalidValue(
            N_(
                "I could not read these opening hours: “%(hours)s”. Write them like "
                "Mo-Fr 08:00-16:00 (days Mo Tu We Th Fr Sa Su, 24-hour times, several "
                "rules separated by ;) or 24/7."
            ),
            name,
            hours=text,
        ) from None
    return str(text)


def check_powiat(code: Any, name: str = "powiat") -> str:
    """A known powiat TERYT code (4 digits)."""
    text = str(code or "").strip()
    if not load_gazetteer().has_powiat(text):
        raise InvalidValue(N_("Unknown powiat code “%(code)s”."), name, code=text)
    return text


def _location(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidValue(N_("Expected an address."), "location")
    unknown = set(value) - set(LOCATION_KEYS)
    if unknown:
        raise InvalidValue(N_("Unknown address parts: %(keys)s."), "location", keys=sorted(unknown))
    result: dict[str, Any] = {key: value.get(key) for key in LOCATION_KEYS}
    for key in ("address", "town", "point_source"):
        result[key] = _text(key, result[key], limit=300)
    postal = _text("postal_code", result["postal_code"], limit=16)
    if postal is not None and not re.fullmatch(r"\d{2}-\d{3}", postal):
        raise InvalidValue(
            N_("“%(code)s” is not a Polish postal code (NN-NNN)."), "postal_code", code=postal
        )
    result["postal_code"] = postal
    if result["powiat"] not in (None, ""):
        result["powiat"] = check_powiat(result["powiat"])
    else:
        result["powiat"] = None
    for key, low, high in (("latitude", 49.0, 55.0), ("longitude", 14.0, 24.2)):
        raw = result[key]
        if raw is None or raw == "":
            result[key] = None
            continue
        try:
            number = float(raw)
        except (TypeError, ValueError):
            raise InvalidValue(N_("“%(value)s” is not a number."), key, value=raw) from None
        if not low <= number <= high:
            raise InvalidValue(N_("%(value)s is outside Poland."), key, value=raw)
        result[key] = number
    if (result["latitude"] is None) != (result["longitude"] is None):
        raise InvalidValue(N_("Give both latitude and longitude, or neither."), "latitude")
    if all(result[key] is None for key in LOCATION_KEYS):
        return None
    return result


def _areas(value: Any) -> list[str]:
    items = _string_list("areas", value)
    gazetteer = load_gazetteer()
    result = []
    for item in items:
        kind, _, code = item.partition(":")
        if (kind == AreaKind.COUNTRY and code == "PL") or (
            kind == AreaKind.VOIVODESHIP and code in gazetteer.voivodeships
        ):
            pass
        elif kind == AreaKind.POWIAT:
            check_powiat(code, "areas")
        else:
            raise InvalidValue(N_("Unknown service area “%(area)s”."), "areas", area=item)
        if item not in result:
            result.append(item)
    return result


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
    if name == "name_pl":
        return check_name(name, value, required=True)
    if name == "name_en":
        return check_name(name, value)
    if name == "organization_id":
        return _text(name, value, required=True, limit=32)
    if name in {"verified_by", "source_date"}:
        return _text(name, value, limit=300)
    if name in {"description", "caveats", "hours_as_published", "hidden_reason"}:
        return _text(name, value)
    if name == "kind":
        return _choice(name, _text(name, value, required=True), KINDS)
    if name == "scope":
        return _choice(name, _text(name, value, required=True), {s.value for s in ServiceScope})
    if name == "status":
        return _choice(name, _text(name, value, required=True), {s.value for s in ServiceStatus})
    if name == "confidence":
        return _choice(name, _text(name, value, required=True), CONFIDENCES)
    if name == "hours":
        return check_hours(value)
    if name == "url":
        url = _text(name, value, limit=500)
        if url is not None and not URL.match(url):
            raise InvalidValue(
                N_("“%(url)s” is not a web link; it must start with https://."), name, url=url
            )
        return url
    if name == "email":
        email = _text(name, value, limit=300)
        if email is not None and not EMAIL.match(email):
            raise InvalidValue(N_("“%(email)s” is not an e-mail address."), name, email=email)
        return email
    if name == "notice":
        return _plain_text(name, value, limit=MAX_NOTICE_CHARS)
    if name == "crisis_types":
        items = _string_list(name, value)
        for item in items:
            _choice(name, item, {c.value for c in CrisisType})
        return list(dict.fromkeys(items))
    if name == "audience":
        items = _string_list(name, value)
        for item in items:
            _choice(name, item, AUDIENCES)
        return list(dict.fromkeys(items))
    if name == "topics":
        items = _string_list(name, value)
        for item in items:
            _choice(name, item, {n.value for n in Need} | {c.value for c in CrisisType})
        return list(dict.fromkeys(items))
    if name == "contact_modes":
        items = _string_list(name, value)
        for item in items:
            _choice(name, item, CONTACT_MODES)
        return list(dict.fromkeys(items))
    if name == "languages":
        items = [item.lower() for item in _string_list(name, value)]
        for item in items:
            if not LANGUAGE_CODE.match(item):
                raise InvalidValue(
                    N_("“%(value)s” is not a language code such as pl, en or uk."),
                    name,
                    value=item,
                )
        return list(dict.fromkeys(items))
    if name == "source_urls":
        return _string_list(name, value)
    if name == "free_of_charge":
        if value is None or isinstance(value, bool):
            return value
        raise InvalidValue(N_("Expected yes or no."), name)
    if name in {"source_stale", "possibly_closed"}:
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        raise InvalidValue(N_("Expected yes or no."), name)
    if name == "verified_on":
        if value in (None, ""):
            return None
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            raise InvalidValue(
                N_("“%(value)s” is not a date (YYYY-MM-DD)."), name, value=value
            ) from None
        return day.isoformat()
    if name == "phones":
        numbers = _string_list(name, value)
        if len(numbers) > MAX_PHONES:
            raise InvalidValue(N_("At most %(limit)d numbers."), name, limit=MAX_PHONES)
        return list(
            dict.fromkeys(check_phone(n, known_phones, service_kind=service_kind) for n in numbers)
        )
    if name == "phone_hours":
        return check_phone_hours(value)
    if name == "location":
        return _location(value)
    if name == "areas":
        return _areas(value)
    raise InvalidValue(N_("Unknown field “%(name)s”."), name, name=name)


def check_phone_hours(value: Any, name: str = "phone_hours") -> list[str | None]:
    """Each phone's own hours, in phone order: an opening_hours expression ("24/7", "unknown"
    when the source gives none), or None/empty for the service's hours; [] for all the same."""
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise InvalidValue(N_("Expected a list of values."), name)
    if len(value) > MAX_PHONES:
        raise InvalidValue(N_("At most %(limit)d numbers."), name, limit=MAX_PHONES)
    hours: list[str | None] = []
    for entry in value:
        if entry is not None and not isinstance(entry, str):
            raise InvalidValue(N_("Expected a list of values."), name)
        hours.append(check_hours(entry, name) if entry and entry.strip() else None)
    return hours if any(entry is not None for entry in hours) else []


def check_phone_hours_fit(phones: Sequence[str], hours: Sequence[str | None]) -> None:
    """Refuse per-phone hours that do not line up with the phones, one entry each."""
    if hours and len(hours) != len(phones):
        raise InvalidValue(
            N_("Give one entry of hours per phone number (%(count)d), or none."),
            "phone_hours",
            count=len(phones),
        )


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
    cleaned = _text("address", text, required=True, limit=300)
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
    return "location" if name == "address" else name


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
        from directory.verification import APPROVAL_FIELDS, propose_change

        proposal_id = new_change_id()
        for change in [c for c in changes if c.field in APPROVAL_FIELDS]:
            changes.remove(change)
            held.append(
                propose_change(
                    session, service, change.field, change.new, actor=actor, change_id=proposal_id
                )
            )
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
    groups: list[tuple[int, int, str]] = []
    for index, intervals in enumerate(per_day):
        spans = ", ".join(intervals) if intervals else _("closed")
        if groups and groups[-1][2] == spans and groups[-1][1] == index - 1:
            groups[-1] = (groups[-1][0], index, spans)
        else:
            groups.append((index, index, spans))
    parts = []
    for first, last, spans in groups:
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
        return ", ".join(_(CRISIS_NAMES.get(item, item)) for item in value)
    if name == "audience":
        return ", ".join(_(AUDIENCE_LABELS.get(item, item)) for item in value)
    if name == "status":
        return _(STATUS_LABELS.get(value, value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
