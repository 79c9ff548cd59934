"""Polish phone numbers as published in sources: split, normalise to E.164, keep what cannot be."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import phonenumbers
from phonenumbers import PhoneNumberFormat, shortnumberinfo

REGION: Final = "PL"
# Polish subscriber numbers have nine digits; shorter ones that phonenumbers accepts are old
# local forms we cannot dial with certainty, so they are kept as published instead.
NATIONAL_DIGITS: Final = 9
SEPARATORS: Final = re.compile(r"\s*;\s*|\s*,\s*|\s+lub\s+", re.IGNORECASE)
EXTENSION: Final = re.compile(r"[(„\"]*\s*wew\.?\s*(\d+)\s*[)”\"]*", re.IGNORECASE)
AREA_CODE: Final = re.compile(r"\(\s*(0?\d{2,3})\s*\)")
COMMENT: Final = re.compile(r"\([^)]*\)")
PLAIN_PUBLISHED: Final = re.compile(r"(\+48 )?\d[\d ]*\d")


@dataclass(frozen=True)
class NormalisedPhone:
    """One number: how to show it, its E.164 form (None for short or unparseable numbers), what
    to dial, an extension, and why it was not normalised when it was not."""

    as_published: str
    display: str
    e164: str | None
    dial: str | None
    extension: str | None = None
    note: str | None = None
    comment: str | None = None

    @property
    def tel_uri(self) -> str | None:
        """The RFC 3966 `tel:` URI, or None when there is nothing certain to dial."""
        return tel_uri(self.dial, self.extension)


def tel_uri(dial: str | None, extension: str | None = None) -> str | None:
    """A `tel:` URI for a dialable number (E.164 or a short number), with `;ext=` if any."""
    if not dial:
        return None
    uri = f"tel:{dial}"
    if extension:
        uri += f";ext={extension}"
    return uri


def split_phones(field: str) -> list[str]:
    """Split a published field holding several numbers (`;`, `,` or ` lub `) into single ones;
    separators inside parentheses belong to a comment and do not split."""
    parts: list[str] = []
    depth = 0
    start = 0
    position = 0
    while position < len(field):
        char = field[position]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            separator = SEPARATORS.match(field, position)
            if separator and separator.end() > position:
                parts.append(field[start:position])
                start = position = separator.end()
                continue
        position += 1
    parts.append(field[start:])
    return [part.strip() for part in parts if part.strip()]


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _is_short_number(digits: str) -> bool:
    try:
        number = phonenumbers.parse(digits, REGION)
    except phonenumbers.NumberParseException:
        return False
    return bool(shortnumberinfo.is_valid_short_number_for_region(number, REGION))


def _kept(as_published: str, note: str, extension: str | None = None) -> NormalisedPhone:
    return NormalisedPhone(as_published, as_published, None, None, extension, note, None)


def _without_extension_and_comments(as_published: str) -> tuple[str, str | None, str | None]:
    """The number's text without its extension and bracketed comments, with those two."""
    text = as_published.strip()
    extension: str | None = None
    match = EXTENSION.search(text)
    if match:
        extension = match.group(1)
        text = (text[: match.start()] + " " + text[match.end() :]).strip()
    text = AREA_CODE.sub(lambda m: m.group(1) + " ", text)
    comments = [m.group(0)[1:-1].strip() for m in COMMENT.finditer(text)]
    comment = "; ".join(c for c in comments if c) or None
    return " ".join(COMMENT.sub(" ", text).split()), extension, comment


def _national_digits(digits: str, has_plus: bool) -> str | None:
    """The national part of the digits (None for a foreign number)."""
    if has_plus:
        if not digits.startswith("48"):
            return None
        digits = digits[2:]
    # Old published forms wrote the trunk prefix: "(077) …", "0 48 …", "014 …".
    if len(digits) == NATIONAL_DIGITS + 1 and digits.startswith("0"):
        return digits[1:]
    return digits


def normalise_phone(as_published: str) -> NormalisedPhone:
    """Normalise one published number (region PL); short numbers (112, 116 123) stay short."""
    text, extension, comment = _without_extension_and_comments(as_published)
    has_plus = text.startswith("+")
    digits = _digits(text)
    if not digits:
        return _kept(as_published, "no digits", extension)
    national = _national_digits(digits, has_plus)
    if national is None:
        return _kept(as_published, "foreign number", extension)
    if len(national) < NATIONAL_DIGITS and not has_plus:
        if _is_short_number(national):
            display = text if _digits(text) == national else national
            return NormalisedPhone(as_published, display, None, national, extension, None, comment)
        return _kept(as_published, "neither a 9-digit number nor a known short number", extension)
    if len(national) != NATIONAL_DIGITS:
        return _kept(as_published, "not a 9-digit Polish number", extension)
    number = phonenumbers.parse(national, REGION)
    if not phonenumbers.is_valid_number(number):
        return _kept(as_published, "not a valid Polish number", extension)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if PLAIN_PUBLISHED.fullmatch(text) and _digits(text) in {national, "48" + national}:
        display = text
    else:
        display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    if extension:
        display = f"{display} wew. {extension}"
    return NormalisedPhone(as_published, display, e164, e164, extension, None, comment)


def normalise_phones(field: str) -> list[NormalisedPhone]:
    """Normalise every number in a published field."""
    return [normalise_phone(part) for part in split_phones(field)]


class PhoneKind(StrEnum):
    """What calling a number costs or reaches (phonenumbers' type plus Polish numbering rules)."""

    ORDINARY = "ordinary"  # a fixed line or a mobile, at the caller's normal rate
    TOLL_FREE = "toll_free"  # 800: free for the caller
    HARMONISED = "harmonised"  # 116 xxx: the EU's free helplines (116 123, 116 111)
    SHORT = "short"  # another short number (local lines such as 195 13)
    EMERGENCY = "emergency"  # 112, 997, 998, 999
    PREMIUM_RATE = "premium_rate"  # 70x: charged far above the normal rate
    SHARED_COST = "shared_cost"  # 801: the caller pays part of the cost
    PAID_ENQUIRIES = "paid_enquiries"  # 118 xxx: paid directory enquiries
    UNKNOWN = "unknown"  # not dialable with certainty (kept as published)


# The Polish emergency numbers (UKE): 112 and the services' own 997 (police), 998 (fire
# brigade) and 999 (ambulance); phonenumbers knows them too, this keeps the rule readable.
EMERGENCY_NUMBERS: Final = frozenset({"112", "997", "998", "999"})
PAID_ENQUIRIES_PREFIX: Final = "118"


def phone_kind(phone: NormalisedPhone) -> PhoneKind:
    """What kind of number `phone` is (see PhoneKind)."""
    if phone.e164 is not None:
        number = phonenumbers.parse(phone.e164, None)
        number_type = phonenumbers.number_type(number)
        if number_type == phonenumbers.PhoneNumberType.PREMIUM_RATE:
            return PhoneKind.PREMIUM_RATE
        if number_type == phonenumbers.PhoneNumberType.SHARED_COST:
            return PhoneKind.SHARED_COST
        if number_type == phonenumbers.PhoneNumberType.TOLL_FREE:
            return PhoneKind.TOLL_FREE
        return PhoneKind.ORDINARY
    dial = phone.dial
    if not dial:
        return PhoneKind.UNKNOWN
    if dial in EMERGENCY_NUMBERS or shortnumberinfo.is_emergency_number(dial, REGION):
        return PhoneKind.EMERGENCY
    if dial.startswith(PAID_ENQUIRIES_PREFIX) and len(dial) == 6:
        return PhoneKind.PAID_ENQUIRIES
    if dial.startswith("116") and len(dial) == 6:
        return PhoneKind.HARMONISED
    return PhoneKind.SHORT
