"""Edits: validation of every staff field, authorisation, all-or-nothing writes with audit rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select

from directory.access import Access
from directory.db import session_scope
from directory.editing import (
    EditRefused,
    InvalidValue,
    change_service,
    check_value,
    confirm_service,
    describe_hours,
    parse_address,
    read_field,
)
from directory.fields import ALL_FIELDS
from directory.models import AuditLog, PendingChange, Service, data_columns

STAFF_B01 = Access(organization_ids=frozenset({"B01"}))
ADMIN = Access(is_admin=True)
TODAY = date(2026, 3, 4)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("phones", ["22 123 45 67", "116 123"], ["22 123 45 67", "116 123"]),
        ("phones", ["+48 22 123 45 67"], ["+48 22 123 45 67"]),
        ("hours", "24/7", "24/7"),
        ("hours", "całodobowo", "24/7"),
        ("hours", "Mo-Fr 08:00-16:00; Sa 10:00-14:00", "Mo-Fr 08:00-16:00; Sa 10:00-14:00"),
        ("hours", "", None),
        ("crisis_types", ["violence", "violence", "mental"], ["violence", "mental"]),
        ("audience", ["adults", "parents"], ["adults", "parents"]),
        ("languages", ["PL", "uk"], ["pl", "uk"]),
        ("url", "https://oik.example.pl/czat", "https://oik.example.pl/czat"),
        ("url", None, None),
        ("notice", "  closed until 2 January ", "closed until 2 January"),
        ("status", "temporarily_closed", "temporarily_closed"),
        (
            "areas",
            ["powiat:1421", "voivodeship:14", "country:PL"],
            ["powiat:1421", "voivodeship:14", "country:PL"],
        ),
        ("verified_on", "2026-01-02", "2026-01-02"),
    ],
)
def test_valid_values_are_cleaned_into_their_stored_form(
    field: str, value: Any, expected: Any
) -> None:
    assert check_value(field, value) == expected


@pytest.mark.parametrize(
    ("field", "value", "english", "polish"),
    [
        ("phones", ["123"], "is not a Polish phone number", "nie jest polskim numerem"),
        ("phones", ["22 123 45"], "is not a Polish phone number", "nie jest polskim numerem"),
        (
            "phones",
            ["+44 20 7946 0958"],
            "is not a Polish phone number",
            "nie jest polskim numerem",
        ),
        ("hours", "Mo-Fr 8-16", "I could not read these opening hours", "Nie rozumiem tych godzin"),
        ("crisis_types", ["sadness"], "is not allowed here", "jest tu niedozwolone"),
        ("audience", ["pets"], "is not allowed here", "jest tu niedozwolone"),
        ("languages", ["polish"], "is not a language code", "nie jest kodem języka"),
        ("url", "oik.example.pl", "is not a web link", "nie jest linkiem"),
        ("url", "javascript:alert(1)", "is not a web link", "nie jest linkiem"),
        ("notice", "x" * 301, "too long", "za długi"),
        ("status", "open", "is not allowed here", "jest tu niedozwolone"),
        ("areas", ["powiat:9999"], "Unknown powiat code", "Nieznany kod powiatu"),
        ("location", {"powiat": "0000"}, "Unknown powiat code", "Nieznany kod powiatu"),
        (
            "location",
            {"postal_code": "00001"},
            "is not a Polish postal code",
            "nie jest polskim kodem",
        ),
        ("verified_on", "yesterday", "is not a date", "nie jest datą"),
    ],
)
def test_invalid_values_are_refused_with_a_clear_message_in_both_languages(
    field: str, value: Any, english: str, polish: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        check_value(field, value)
    assert english in refused.value.text("en")
    assert polish in refused.value.text("pl")


@pytest.mark.parametrize(
    ("hours", "lang", "words"),
    [
        ("24/7", "en", "open around the clock, every day"),
        ("Mo-Fr 08:00-16:00", "en", "Mon–Fri 08:00–16:00; Sat–Sun closed"),
        ("Mo-Fr 08:00-16:00", "pl", "pon.–pt. 08:00–16:00; sob.–niedz. zamknięte"),
        ("Mo-Su 20:00-02:00", "en", "Mon–Sun 20:00–02:00"),
        ("Mo,We 08:00-12:00,13:00-17:00", "en", "Mon 08:00–12:00, 13:00–17:00; Tue closed;"),
        ("Mo-Su 00:00-24:00", "en", "open around the clock, every day"),
    ],
)
def test_hours_are_read_back_in_words(hours: str, lang: str, words: str) -> None:
    assert words in describe_hours(hours, lang)


def test_a_typed_address_keeps_the_powiat_and_map_point() -> None:
    current = {
        "address": "ul. Stara 1",
        "postal_code": None,
        "town": "Kraków",
        "powiat": "1261",
        "latitude": 50.0,
        "longitude": 19.9,
        "point_source": "town point",
    }
    merged = parse_address("ul. Długa 5, 31-147 Kraków", current)
    assert merged == {**current, "address": "ul. Długa 5", "postal_code": "31-147"}
    with pytest.raises(InvalidValue):
        parse_address("somewhere in Kraków", current)


def _audit_fields(engine: Engine, change_id: str) -> set[str]:
    with session_scope(engine) as session:
        return set(session.scalars(select(AuditLog.field).where(AuditLog.change_id == change_id)))


def test_a_staff_edit_is_written_audited_and_stamped_verified_by_the_centre(
    both_engine: Engine,
) -> None:
    with session_scope(both_engine) as session:
        result = change_service(
            session,
            "B01",
            {"hours": "Mo-Fr 08:00-20:00"},
            actor="staff:1",
            access=STAFF_B01,
            today=TODAY,
        )
    assert _audit_fields(both_engine, result.change_id) == {"hours", "verified_on", "verified_by"}
    with session_scope(both_engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert service.hours == "Mo-Fr 08:00-20:00"
        assert (service.verified_on, service.verified_by) == (TODAY, "centre")


def test_a_new_phone_from_staff_waits_for_approval_and_the_live_one_stays(
    both_engine: Engine,
) -> None:
    # Issue 11 finding 2: a number from staff reaches residents only after an administrator
    # approves it (directory.verification); this test replaces the one where it went live.
    with session_scope(both_engine) as session:
        result = change_service(
            session,
            "B01",
            {"phones": ["12 421 92 83"]},
            actor="staff:1",
            access=STAFF_B01,
            today=TODAY,
        )
    assert not result.changed
    assert [(c.field, c.old, c.new) for c in result.pending] == [
        ("phones", ["12 421 92 82"], ["12 421 92 83"])
    ]
    with session_scope(both_engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert [(p.number_as_published, p.e164) for p in service.phones] == [
            ("12 421 92 82", "+48124219282")
        ]
        assert service.verified_on is None
        pending = session.scalars(select(PendingChange)).all()
        assert [(p.service_id, p.field, p.proposed_by) for p in pending] == [
            ("B01", "phones", "staff:1")
        ]


def test_a_new_phone_from_an_administrator_is_live_at_once(both_engine: Engine) -> None:
    with session_scope(both_engine) as session:
        result = change_service(
            session, "B01", {"phones": ["12 421 92 83"]}, actor="admin:9", access=ADMIN, today=TODAY
        )
    assert result.pending == ()
    assert _audit_fields(both_engine, result.change_id) == {"phones", "verified_on", "verified_by"}
    with session_scope(both_engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert [p.e164 for p in service.phones] == ["+48124219283"]
        assert session.scalars(select(PendingChange)).all() == []


def test_one_bad_value_leaves_the_whole_entry_as_it_was(both_engine: Engine) -> None:
    with session_scope(both_engine) as session:
        before = {
            name: read_field(session.get(Service, "B01"), name) for name in ("phones", "hours")
        }  # type: ignore[arg-type]
    with pytest.raises(InvalidValue), session_scope(both_engine) as session:
        change_service(
            session,
            "B01",
            {"phones": ["12 421 92 83"], "hours": "nonsense"},
            actor="staff:1",
            access=STAFF_B01,
            today=TODAY,
        )
    with session_scope(both_engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert {name: read_field(service, name) for name in ("phones", "hours")} == before
        assert service.verified_on is None


@pytest.mark.parametrize(
    ("service_id", "values", "access"),
    [
        ("B02", {"notice": "closed"}, STAFF_B01),  # another organisation's entry
        ("B01", {"name_pl": "Inna nazwa"}, STAFF_B01),  # a field only administrators change
        ("B01", {"status": "defunct"}, STAFF_B01),  # admin-only status
        ("B01", {"notice": "x"}, Access()),  # nobody
    ],
)
def test_staff_refusals(
    engine: Engine, service_id: str, values: dict[str, Any], access: Access
) -> None:
    with pytest.raises(EditRefused), session_scope(engine) as session:
        change_service(session, service_id, values, actor="staff:1", access=access, today=TODAY)


def test_only_an_administrator_turns_an_unverified_entry_active(engine: Engine) -> None:
    staff_b02 = Access(organization_ids=frozenset({"B02"}))
    with pytest.raises(EditRefused), session_scope(engine) as session:
        change_service(
            session, "B02", {"status": "active"}, actor="staff:2", access=staff_b02, today=TODAY
        )
    with session_scope(engine) as session:
        change_service(
            session, "B02", {"status": "active"}, actor="admin:9", access=ADMIN, today=TODAY
        )
    with session_scope(engine) as session:
        service = session.get(Service, "B02")
        assert service is not None
        assert (service.status, service.verified_by) == ("active", "administrator")


def test_confirm_changes_nothing_but_the_verification_stamp(engine: Engine) -> None:
    with session_scope(engine) as session:
        result = confirm_service(session, "B01", actor="staff:1", access=STAFF_B01, today=TODAY)
    assert {c.field for c in result.changes} == {"verified_on", "verified_by"}
    with session_scope(engine) as session:
        again = confirm_service(session, "B01", actor="staff:1", access=STAFF_B01, today=TODAY)
    assert not again.changed


def test_every_stored_service_column_is_a_field_edits_and_imports_know() -> None:
    stored = set(data_columns(Service)) | {
        "organization_id",
        "phones",
        "phone_hours",
        "location",
        "areas",
    }
    assert set(ALL_FIELDS) == stored


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("701 234 567", "is a premium-rate number (70x)"),
        ("+48 708 123 456", "is a premium-rate number (70x)"),
        ("801 123 456", "is a shared-cost number (801)"),
        ("118 913", "is a paid directory enquiries number (118…)"),
        ("118 000", "is a paid directory enquiries number (118…)"),
        ("997", "is an emergency number"),
        ("998", "is an emergency number"),
        ("999", "is an emergency number"),
        ("112", "is an emergency number"),
    ],
)
def test_a_paid_or_emergency_number_is_refused_for_a_centre_with_a_clear_message(
    number: str, message: str
) -> None:
    for kind in (None, "crisis_centre", "shelter", "psychiatric_admission"):
        with pytest.raises(InvalidValue) as refused:
            check_value("phones", ["22 123 45 67", number], service_kind=kind)
        assert refused.value.field == "phones"
        assert message in refused.value.text("en")
        assert number.split()[0] in refused.value.text("pl")


@pytest.mark.parametrize(
    ("kind", "number"),
    [
        ("helpline", "801 889 880"),  # a nationwide line's published shared-cost number
        ("emergency", "112"),
        ("crisis_centre", "800 120 002"),
        ("crisis_centre", "116 123"),
        ("crisis_centre", "511 200 200"),
        ("crisis_centre", "195 13"),
    ],
)
def test_free_ordinary_and_sourced_numbers_are_kept_for_their_kind_of_service(
    kind: str, number: str
) -> None:
    assert check_value("phones", [number], service_kind=kind) == [number]


def test_a_number_already_stored_as_published_stays_whatever_its_kind(engine: Engine) -> None:
    # H12 publishes 801 889 880 in its sources: an export and import must keep it.
    with session_scope(engine) as session:
        result = change_service(
            session, "H12", {"phones": ["801 889 880"]}, actor="cli", access=None
        )
        assert not result.changed
        with pytest.raises(InvalidValue, match="shared-cost"):
            change_service(session, "B01", {"phones": ["801 889 880"]}, actor="cli", access=None)
