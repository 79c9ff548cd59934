"""Published Polish phone numbers: normalised to E.164 where certain, else kept as published."""

from __future__ import annotations

import pytest

from directory.phones import (
    PhoneKind,
    normalise_phone,
    normalise_phones,
    phone_kind,
    split_phones,
    tel_uri,
)


@pytest.mark.parametrize(
    ("published", "display", "e164", "dial", "extension"),
    [
        ("12 421 92 82", "12 421 92 82", "+48124219282", "+48124219282", None),
        ("(077) 455 63 90", "77 455 63 90", "+48774556390", "+48774556390", None),
        ("(18) 352 51 01", "18 352 51 01", "+48183525101", "+48183525101", None),
        ("25 79430 10", "25 79430 10", "+48257943010", "+48257943010", None),
        ("17 863-53-89", "17 863 53 89", "+48178635389", "+48178635389", None),
        ("+48 222 309 900", "+48 222 309 900", "+48222309900", "+48222309900", None),
        ("+48/68/470-14-44", "68 470 14 44", "+48684701444", "+48684701444", None),
        ("71/392 37 36", "71 392 37 36", "+48713923736", "+48713923736", None),
        ("0 48 36 22 745", "48 362 27 45", "+48483622745", "+48483622745", None),
        ("014 670 33 42 (tel./fax)", "14 670 33 42", "+48146703342", "+48146703342", None),
        ("12 421 92 82 wew. 12", "12 421 92 82 wew. 12", "+48124219282", "+48124219282", "12"),
        (
            "(82) 565 82 59 (wew. 217)",
            "82 565 82 59 wew. 217",
            "+48825658259",
            "+48825658259",
            "217",
        ),
        ("(077) 455 63 92 „wew. 3”", "77 455 63 92 wew. 3", "+48774556392", "+48774556392", "3"),
        ("800 12 12 12", "800 12 12 12", "+48800121212", "+48800121212", None),
        ("116 123", "116 123", None, "116123", None),
        ("116 111", "116 111", None, "116111", None),
        ("112", "112", None, "112", None),
        ("195 13", "195 13", None, "19513", None),
    ],
)
def test_published_numbers_normalise(
    published: str, display: str, e164: str | None, dial: str, extension: str | None
) -> None:
    phone = normalise_phone(published)
    assert (phone.display, phone.e164, phone.dial, phone.extension) == (
        display,
        e164,
        dial,
        extension,
    )
    assert phone.as_published == published
    assert phone.note is None


@pytest.mark.parametrize(
    ("published", "reason"),
    [
        ("33 19288", "neither a 9-digit number nor a known short number"),
        ("infolinia 92 88", "neither a 9-digit number nor a known short number"),
        ("+44 20 7946 0000", "foreign number"),
        ("numer w sekretariacie", "no digits"),
        ("12 421 92 82 1", "not a 9-digit Polish number"),
    ],
)
def test_uncertain_numbers_are_kept_as_published_with_a_reason(published: str, reason: str) -> None:
    phone = normalise_phone(published)
    assert phone.display == published
    assert phone.e164 is None
    assert phone.dial is None
    assert phone.tel_uri is None
    assert phone.note == reason


@pytest.mark.parametrize(
    ("field", "parts"),
    [
        ("(18) 352 51 01; 511 469 305", ["(18) 352 51 01", "511 469 305"]),
        ("58 511 01 21, 58 511 01 22", ["58 511 01 21", "58 511 01 22"]),
        ("22 855 44 32 lub 514 202 619", ["22 855 44 32", "514 202 619"]),
        (
            "087 565 92 85 (contact person, pok. 4); 87 520 34 30",
            ["087 565 92 85 (contact person, pok. 4)", "87 520 34 30"],
        ),
        ("112", ["112"]),
        ("", []),
    ],
)
def test_fields_with_several_numbers_are_split(field: str, parts: list[str]) -> None:
    assert split_phones(field) == parts


def test_a_comment_in_parentheses_is_kept_apart_from_the_number() -> None:
    phones = normalise_phones("(32) 298-93-87 (Szymanowskiego 5a); 691 300 349 (PCPR)")
    assert [(p.e164, p.comment) for p in phones] == [
        ("+48322989387", "Szymanowskiego 5a"),
        ("+48691300349", "PCPR"),
    ]


@pytest.mark.parametrize(
    ("dial", "extension", "uri"),
    [
        ("+48124219282", None, "tel:+48124219282"),
        ("+48124219282", "12", "tel:+48124219282;ext=12"),
        ("112", None, "tel:112"),
        (None, None, None),
    ],
)
def test_tel_uri(dial: str | None, extension: str | None, uri: str | None) -> None:
    assert tel_uri(dial, extension) == uri


@pytest.mark.parametrize(
    ("published", "kind"),
    [
        ("22 123 45 67", PhoneKind.ORDINARY),
        ("511 200 200", PhoneKind.ORDINARY),
        ("800 120 002", PhoneKind.TOLL_FREE),
        ("116 123", PhoneKind.HARMONISED),
        ("195 13", PhoneKind.SHORT),
        ("112", PhoneKind.EMERGENCY),
        ("997", PhoneKind.EMERGENCY),
        ("998", PhoneKind.EMERGENCY),
        ("999", PhoneKind.EMERGENCY),
        ("701 234 567", PhoneKind.PREMIUM_RATE),
        ("704 123 456", PhoneKind.PREMIUM_RATE),
        ("801 889 880", PhoneKind.SHARED_COST),
        ("118 913", PhoneKind.PAID_ENQUIRIES),
        ("22 123", PhoneKind.UNKNOWN),
    ],
)
def test_every_number_is_told_apart_by_what_calling_it_costs_or_reaches(
    published: str, kind: PhoneKind
) -> None:
    assert phone_kind(normalise_phone(published)) is kind
