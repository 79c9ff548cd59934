"""The checks every value of a service passes before it is stored, and the error that says why
one is refused (in the person's language).

Each check takes the field's name (for the message), the value and a `CheckContext`, and returns
the value in its canonical form or raises InvalidValue; directory.fields names the check of every
field, so the chat, the web panel, the command line and file imports refuse the same values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from directory.crisis import CrisisType, Need
from directory.gazetteer import load_gazetteer
from directory.hours import ALWAYS_OPEN, InvalidHours
from directory.hours import parse as parse_hours
from directory.i18n import N_, translator
from directory.phones import PhoneKind, normalise_phone, phone_kind
from directory.spreadsheet import starts_like_formula
from directory.vocabulary import LOCATION_KEYS as LOCATION_KEYS
from directory.vocabulary import AreaKind, ServiceKind, ServiceScope, ServiceStatus

AUDIENCES: Final = ("everyone", "adults", "children_youth", "parents")
CONTACT_MODES: Final = frozenset({"phone", "chat", "email", "web", "in_person"})
CONFIDENCES: Final = frozenset({"high", "medium", "low"})
KINDS: Final = frozenset(kind.value for kind in ServiceKind)
SCOPES: Final = frozenset(scope.value for scope in ServiceScope)
STATUSES: Final = frozenset(status.value for status in ServiceStatus)
CRISIS_TYPES: Final = frozenset(crisis.value for crisis in CrisisType)
# A line's topics: the situations it is only or mainly for (directory.crisis).
TOPICS: Final = frozenset(need.value for need in Need) | CRISIS_TYPES
LANGUAGE_CODE: Final = re.compile(r"^[a-z]{2,3}$")
POSTAL_CODE_FORM: Final = re.compile(r"\d{2}-\d{3}")
URL: Final = re.compile(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$", re.IGNORECASE)
EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ALWAYS_OPEN_WORDS: Final = frozenset(
    {"24/7", "24h", "24 h", "całodobowo", "calodobowo", "całą dobę", "always", "24 hours"}
)
MAX_NOTICE_CHARS: Final = 300
MAX_NAME_CHARS: Final = 300
MAX_SHORT_TEXT_CHARS: Final = 300
MAX_ID_CHARS: Final = 32
MAX_URL_CHARS: Final = 500
# Markup in a name: residents and administrators would see tags (or, in a careless viewer, bold
# and links) in what should be a plain name.
HTML_TAG: Final = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")
MAX_TEXT_CHARS: Final = 2000
MAX_PHONES: Final = 8
# Where a map point may lie: Poland's extent in degrees (latitude, longitude).
POLAND_BOUNDS: Final = (("latitude", 49.0, 55.0), ("longitude", 14.0, 24.2))


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


@dataclass(frozen=True)
class CheckContext:
    """What a check may need beyond the value: the numbers the service has now (kept as
    published) and its kind (a helpline may keep a shared-cost number)."""

    known_phones: frozenset[str] = frozenset()
    service_kind: str | None = None


# A field's check: (field name, value, context) -> the canonical value, or InvalidValue.
Check = Callable[[str, Any, CheckContext], Any]


# --- the ways a value is checked ---------------------------------------------------------------


def check_text(
    name: str, value: Any, *, required: bool = False, limit: int = MAX_TEXT_CHARS
) -> Any:
    """Trimmed text of at most `limit` characters (None when empty, unless `required`)."""
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
    text = check_text(name, value, required=required, limit=limit)
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
    text = check_text(name, value)
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


def _location_text(result: dict[str, Any]) -> None:
    for key in ("address", "town", "point_source"):
        result[key] = check_text(key, result[key], limit=MAX_SHORT_TEXT_CHARS)
    postal = check_text("postal_code", result["postal_code"], limit=16)
    if postal is not None and not POSTAL_CODE_FORM.fullmatch(postal):
        raise InvalidValue(
            N_("“%(code)s” is not a Polish postal code (NN-NNN)."), "postal_code", code=postal
        )
    result["postal_code"] = postal
    result["powiat"] = (
        check_powiat(result["powiat"]) if result["powiat"] not in (None, "") else None
    )


def _location_point(result: dict[str, Any]) -> None:
    for key, low, high in POLAND_BOUNDS:
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


def check_location(name: str, value: Any, context: CheckContext) -> dict[str, Any] | None:
    """An address and map point as the dict of LOCATION_KEYS (None when every part is empty)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidValue(N_("Expected an address."), name)
    unknown = set(value) - set(LOCATION_KEYS)
    if unknown:
        raise InvalidValue(N_("Unknown address parts: %(keys)s."), name, keys=sorted(unknown))
    result: dict[str, Any] = {key: value.get(key) for key in LOCATION_KEYS}
    _location_text(result)
    _location_point(result)
    if all(result[key] is None for key in LOCATION_KEYS):
        return None
    return result


def check_areas(name: str, value: Any, context: CheckContext) -> list[str]:
    """Service areas as `kind:code` (country:PL, voivodeship:NN, powiat:NNNN), each once."""
    items = _string_list(name, value)
    gazetteer = load_gazetteer()
    result = []
    for item in items:
        kind, _, code = item.partition(":")
        if (kind == AreaKind.COUNTRY and code == "PL") or (
            kind == AreaKind.VOIVODESHIP and code in gazetteer.voivodeships
        ):
            pass
        elif kind == AreaKind.POWIAT:
            check_powiat(code, name)
        else:
            raise InvalidValue(N_("Unknown service area “%(area)s”."), name, area=item)
        if item not in result:
            result.append(item)
    return result


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


# --- the checks the fields name (directory.fields) ---------------------------------------------


def text(*, required: bool = False, limit: int = MAX_TEXT_CHARS) -> Check:
    """Free text of at most `limit` characters."""

    def check(name: str, value: Any, context: CheckContext) -> Any:
        return check_text(name, value, required=required, limit=limit)

    return check


def plain_text(*, limit: int) -> Check:
    """Text residents see as it is (a notice): no spreadsheet formula."""

    def check(name: str, value: Any, context: CheckContext) -> Any:
        return _plain_text(name, value, limit=limit)

    return check


def a_name(*, required: bool = False) -> Check:
    """A name: plain text, no formula, no HTML tags (see check_name)."""

    def check(name: str, value: Any, context: CheckContext) -> str | None:
        return check_name(name, value, required=required)

    return check


def one_of(allowed: Collection[str]) -> Check:
    """One required code out of `allowed`."""

    def check(name: str, value: Any, context: CheckContext) -> str:
        return _choice(name, check_text(name, value, required=True), allowed)

    return check


def each_one_of(allowed: Collection[str]) -> Check:
    """A list of codes out of `allowed`, each once, in the order given."""

    def check(name: str, value: Any, context: CheckContext) -> list[str]:
        items = _string_list(name, value)
        for item in items:
            _choice(name, item, allowed)
        return list(dict.fromkeys(items))

    return check


def check_strings(name: str, value: Any, context: CheckContext) -> list[str]:
    """A list of texts (a service's sources), kept in order."""
    return _string_list(name, value)


def check_language_codes(name: str, value: Any, context: CheckContext) -> list[str]:
    """ISO 639 codes (pl, en, uk, …) in lower case, each once."""
    items = [item.lower() for item in _string_list(name, value)]
    for item in items:
        if not LANGUAGE_CODE.match(item):
            raise InvalidValue(
                N_("“%(value)s” is not a language code such as pl, en or uk."), name, value=item
            )
    return list(dict.fromkeys(items))


def check_url(name: str, value: Any, context: CheckContext) -> str | None:
    """A web link (http or https), or None."""
    url = check_text(name, value, limit=MAX_URL_CHARS)
    if url is not None and not URL.match(url):
        raise InvalidValue(
            N_("“%(url)s” is not a web link; it must start with https://."), name, url=url
        )
    return url if url is None else str(url)


def check_email(name: str, value: Any, context: CheckContext) -> str | None:
    """An e-mail address, or None."""
    email = check_text(name, value, limit=MAX_SHORT_TEXT_CHARS)
    if email is not None and not EMAIL.match(email):
        raise InvalidValue(N_("“%(email)s” is not an e-mail address."), name, email=email)
    return email if email is None else str(email)


def check_yes_no_or_unknown(name: str, value: Any, context: CheckContext) -> bool | None:
    """Yes, no, or None for not known."""
    if value is None or isinstance(value, bool):
        return value
    raise InvalidValue(N_("Expected yes or no."), name)


def check_yes_no(name: str, value: Any, context: CheckContext) -> bool:
    """Yes or no; None is no."""
    return bool(check_yes_no_or_unknown(name, value, context))


def check_date(name: str, value: Any, context: CheckContext) -> str | None:
    """A date as YYYY-MM-DD, or None."""
    if value in (None, ""):
        return None
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise InvalidValue(
            N_("“%(value)s” is not a date (YYYY-MM-DD)."), name, value=value
        ) from None
    return day.isoformat()


def check_opening_hours(name: str, value: Any, context: CheckContext) -> str | None:
    """Opening hours (see check_hours)."""
    return check_hours(value, name)


def check_phones(name: str, value: Any, context: CheckContext) -> list[str]:
    """At most MAX_PHONES numbers, each dialable and allowed for the service's kind, each once."""
    numbers = _string_list(name, value)
    if len(numbers) > MAX_PHONES:
        raise InvalidValue(N_("At most %(limit)d numbers."), name, limit=MAX_PHONES)
    return list(
        dict.fromkeys(
            check_phone(number, context.known_phones, name, context.service_kind)
            for number in numbers
        )
    )


def check_each_phone_hours(name: str, value: Any, context: CheckContext) -> list[str | None]:
    """Each phone's own hours (see check_phone_hours)."""
    return check_phone_hours(value, name)
