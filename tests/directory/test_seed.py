"""The bundled seed directory: counts, what is shown to residents, sources, and loading it."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from directory.crisis import CrisisType
from directory.db import create_engine_for, open_database, session_scope, upgrade
from directory.hours import parse as parse_hours
from directory.models import AuditLog, Phone, Service, ServiceArea
from directory.phones import normalise_phone
from directory.referral import OptionsRequest, Scope, rank_options, record_from_entry
from directory.seed import load_seed, seed_entries, seed_organizations

ENTRIES = {e["id"]: e for e in seed_entries()}
FLAGS = ("STALE", "NOT OPERATIONAL", "NOT VERIFIED")
BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_seed.py"


def build_script() -> ModuleType:
    """The seed build script as a module (its pure helpers; nothing here reads ../shared)."""
    spec = importlib.util.spec_from_file_location("build_seed", BUILD_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = build_script()


def test_every_reference_row_is_in_the_seed_once() -> None:
    helplines = [i for i in ENTRIES if i.startswith("H")]
    centres = [i for i in ENTRIES if i.startswith("B")]
    assert (len(helplines), len(centres)) == (25, 112)
    assert len(ENTRIES) == len(seed_entries())
    assert {o["id"] for o in seed_organizations()} == set(ENTRIES)


def test_active_and_unverified_counts() -> None:
    statuses = [e["status"] for e in ENTRIES.values()]
    assert (statuses.count("active"), statuses.count("unverified")) == (52, 158)


@pytest.mark.parametrize("entry", ENTRIES.values(), ids=list(ENTRIES))
def test_only_well_sourced_phoned_unflagged_entries_are_active(entry: dict[str, Any]) -> None:
    flagged = any(flag in entry["confidence_as_recorded"].upper() for flag in FLAGS)
    dialable = any(p["dial"] for p in entry["phones"])
    if entry["status"] == "active":
        assert entry["confidence"] in {"high", "medium"}
        assert dialable
        assert not flagged
    if entry["confidence"] == "low" or not dialable or flagged:
        assert entry["status"] == "unverified"


@pytest.mark.parametrize("entry", ENTRIES.values(), ids=list(ENTRIES))
def test_every_fact_keeps_its_sources_and_confidence(entry: dict[str, Any]) -> None:
    if entry["phones"] or entry["locations"] or entry["hours"]:
        assert entry["source_urls"]
        assert all(url.startswith("http") for url in entry["source_urls"])
    assert entry["confidence"] in {"high", "medium", "low"}
    assert entry["confidence_as_recorded"]
    assert set(entry["crisis_types"]) <= {c.value for c in CrisisType}
    assert entry["crisis_types"]


@pytest.mark.parametrize("entry", ENTRIES.values(), ids=list(ENTRIES))
def test_hours_are_valid_and_keep_the_published_text(entry: dict[str, Any]) -> None:
    if entry["hours"] is not None:
        parse_hours(entry["hours"])
        assert entry["hours_as_published"]


def test_phones_normalise_or_say_why_not() -> None:
    for entry in ENTRIES.values():
        for phone in entry["phones"]:
            normalised = normalise_phone(phone["number_as_published"])
            assert (normalised.e164, normalised.dial) == (phone["e164"], phone["dial"])
            assert phone["dial"] is not None or normalised.note is not None


@pytest.mark.parametrize(
    ("service_id", "status", "hours", "reason"),
    [
        ("H01", "active", "24/7", "112"),
        ("H02", "active", "24/7", "116 123: newest sources say 24/7"),
        ("H06", "unverified", "24/7", "800 70 2222 not confirmed after 2021"),
        ("H09", "active", "Mo-Fr 09:30-15:30; PH off", "KGP order hours chosen"),
        ("B33", "active", "Mo-Fr 08:00-20:00; PH off", "phone added by the update"),
        ("B14", "active", "24/7", "24/7 phone added by the update"),
        ("B24", "unverified", "24/7", "STALE"),
        ("B82", "unverified", None, "planned, not verified as operating"),
        ("B107", "unverified", "24/7", "low-medium: a social-work line"),
        ("B46", "active", "Mo-Fr 08:00-18:00; PH off", "24h short lines not verified"),
        ("B94", "unverified", None, "its only phone is also its fax"),
        ("B68", "active", None, "residential shelter, phone with hours not stated"),
    ],
)
def test_notable_decisions(service_id: str, status: str, hours: str | None, reason: str) -> None:
    entry = ENTRIES[service_id]
    assert (entry["status"], entry["hours"]) == (status, hours), reason


def test_112_is_the_emergency_service_for_every_crisis() -> None:
    entry = ENTRIES["H01"]
    assert entry["scope"] == "emergency"
    assert set(entry["crisis_types"]) == {c.value for c in CrisisType}


@pytest.mark.parametrize(
    ("service_id", "areas"),
    [
        ("B27", [("powiat", "0209")]),  # OIK of powiat legnicki sits in m. Legnica
        ("B03", [("powiat", "1263"), ("powiat", "1216")]),  # update: also powiat tarnowski
        ("B31", [("powiat", "0210"), ("powiat", "0225"), ("powiat", "0206")]),
        ("B75", [("powiat", "1018")]),  # in powiat kępiński, serves wieruszowski (łódzkie)
        ("H25", [("voivodeship", "04")]),
        ("H24", [("powiat", "1465")]),
    ],
)
def test_service_areas_route_by_whom_a_centre_serves(
    service_id: str, areas: list[tuple[str, str]]
) -> None:
    assert [(a["kind"], a["code"]) for a in ENTRIES[service_id]["areas"]] == areas


def test_update_rows_keep_the_sources_of_both_rows() -> None:
    b22 = ENTRIES["B22"]
    assert any("se.pl" in url for url in b22["source_urls"])
    assert any("woik.waw.pl" in url for url in b22["source_urls"])
    assert [p["display"] for p in b22["phones"]] == ["511 200 200", "22 855 44 32", "514 202 619"]


def test_seed_file_is_valid_utf8_json_with_attribution() -> None:
    from directory.seed import SEED_PATH

    document = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    assert "GUS TERYT" in document["attribution"]


def test_loading_the_seed_is_idempotent_and_audited(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade(engine)
        assert load_seed(engine) == len(ENTRIES)
        assert load_seed(engine) == 0
        with session_scope(engine) as session:
            assert session.scalar(select(func.count()).select_from(Service)) == len(ENTRIES)
            phones = sum(len(e["phones"]) for e in ENTRIES.values())
            assert session.scalar(select(func.count()).select_from(Phone)) == phones
            areas = sum(len(e["areas"]) for e in ENTRIES.values())
            assert session.scalar(select(func.count()).select_from(ServiceArea)) == areas
            actors = set(session.scalars(select(AuditLog.actor)).all())
            assert actors == {"seed"}
            audited = session.scalars(
                select(AuditLog.entity).where(AuditLog.entity_id == "H02").distinct()
            ).all()
            assert set(audited) == {"organization", "service"}
            h02 = session.get(Service, "H02")
            assert h02 is not None
            assert h02.hours == "24/7"
            assert h02.source_urls == ENTRIES["H02"]["source_urls"]
    finally:
        engine.dispose()


def test_open_database_migrates_and_seeds_a_fresh_file(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            active = session.scalar(
                select(func.count()).select_from(Service).where(Service.status == "active")
            )
        assert active == 52
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("text", "faxes"),
    [
        ("fax (42) 640 65 91", {"+48426406591"}),
        ("skype: sowzduny; Fax: 22 123 45 67", {"+48221234567"}),
        ("faks (33) 802 00 68", {"+48338020068"}),
        ("85 7445027 (tel/fax)", set()),
        ("tel./fax 0-59 86 28 106 in an older page", set()),
        ("014 670 33 42 (tel./fax)", set()),
        ("tel. (42) 640 65 91", set()),
        ("the fax number is not stated", set()),
    ],
)
def test_only_numbers_labelled_as_a_fax_alone_count_as_faxes(text: str, faxes: set[str]) -> None:
    assert BUILD.fax_numbers(text) == faxes


def _phone(published: str, e164: str) -> dict[str, Any]:
    return {"number_as_published": published, "e164": e164}


@pytest.mark.parametrize(
    ("phones", "faxes", "kept", "unverified_note"),
    [
        ([("(42) 640 65 91", "+48426406591")], {"+48426406591"}, [], True),
        (
            [("(33) 874 21 01", "+48338742101")],
            {"+48338020068"},
            ["(33) 874 21 01"],
            False,
        ),
        (
            [("85 7445027 (tel/fax)", "+48857445027"), ("85 7445028", "+48857445028")],
            set(),
            ["85 7445028", "85 7445027 (tel/fax)"],
            False,
        ),
        (
            [("22 111 11 11", "+48221111111"), ("22 222 22 22", "+48222222222")],
            {"+48222222222"},
            ["22 111 11 11"],
            False,
        ),
    ],
)
def test_a_fax_is_never_a_residents_phone_and_tel_fax_lines_come_last(
    phones: list[tuple[str, str]], faxes: set[str], kept: list[str], unverified_note: bool
) -> None:
    rows = [_phone(published, e164) for published, e164 in phones]
    left, notes = BUILD.without_fax_numbers(rows, faxes)
    assert [p["number_as_published"] for p in left] == kept
    assert len(notes) == len(phones) - len(kept) + (1 if unverified_note else 0)
    assert (BUILD.NO_VOICE_PHONE_NOTE in notes) is unverified_note


@pytest.mark.parametrize("entry", ENTRIES.values(), ids=list(ENTRIES))
def test_no_entry_offers_a_number_its_source_gives_as_a_fax(entry: dict[str, Any]) -> None:
    faxes = BUILD.fax_numbers(entry["caveats"] or "", entry["description"] or "")
    assert not faxes & {p["e164"] for p in entry["phones"]}


def test_the_lodz_shelter_whose_only_phone_is_its_fax_is_unverified_and_says_why() -> None:
    b94 = ENTRIES["B94"]
    assert b94["phones"] == []
    assert b94["status"] == "unverified"
    assert "fax" in b94["caveats"]
    assert "unverified until a voice number is confirmed" in b94["caveats"]
    assert b94["locations"][0]["address"] == "ul. Franciszkańska 85"


@pytest.mark.parametrize("service_id", ["B17", "B72", "B108", "B99"])
def test_published_tel_fax_lines_and_phones_beside_a_separate_fax_stay(service_id: str) -> None:
    assert ENTRIES[service_id]["phones"]


def test_a_shelter_admitting_people_from_all_of_poland_is_not_a_national_line() -> None:
    b68 = ENTRIES["B68"]
    assert (b68["kind"], b68["scope"]) == ("shelter", "local")
    assert b68["areas"] == [{"kind": "powiat", "code": "3012"}]  # krotoszyński, where it is
    assert "zasięg ogólnopolski" in b68["caveats"]
    assert "all over Poland" in b68["caveats"]


def test_only_helplines_and_112_are_nationwide() -> None:
    nationwide = {
        e["id"] for e in ENTRIES.values() if any(a["kind"] == "country" for a in e["areas"])
    }
    assert all(ENTRIES[i]["kind"] in {"helpline", "emergency"} for i in nationwide)
    assert all(ENTRIES[i]["scope"] in {"national", "emergency"} for i in nationwide)


ACTIVE_RECORDS = [record_from_entry(e) for e in ENTRIES.values() if e["status"] == "active"]
WEDNESDAY_MORNING = datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))


@pytest.mark.parametrize(
    ("powiat", "listed_as"),
    [
        ("1421", None),  # pruszkowski, 250 km away: not a "nationwide line" there
        ("2261", None),  # m. Gdańsk
        ("3012", Scope.LOCAL),  # krotoszyński, where it stands
    ],
)
def test_the_zduny_shelter_is_listed_only_where_it_is_a_local_resource(
    powiat: str, listed_as: Scope | None
) -> None:
    options = rank_options(
        ACTIVE_RECORDS,
        OptionsRequest(powiat, CrisisType.VIOLENCE, WEDNESDAY_MORNING, "pl", urgent=True),
    )
    scopes = {o.scope for o in options if o.service_id == "B68"}
    assert scopes == ({listed_as} if listed_as else set())
    helplines = [i for i, o in enumerate(options) if o.service_id in {"H07", "H02"}]
    shelter = [i for i, o in enumerate(options) if o.service_id == "B68"]
    assert all(h < s for h in helplines for s in shelter)


@pytest.mark.parametrize(
    ("published", "codes"),
    [
        (
            "Polish, English, Russian, Ukrainian (czewa24.pl citing police)",
            ["pl", "en", "uk", "ru"],
        ),
        ("Polish; Ukrainian and Russian-speaking experts on duty", ["pl", "uk", "ru"]),
        ("not stated (UA web form exists for Ukrainian missing persons)", []),
        ("Historical (2016): English Mondays and Russian Tuesdays 18:00-22:00", []),
    ],
)
def test_a_line_answers_in_the_languages_its_source_states_now(
    published: str, codes: list[str]
) -> None:
    assert BUILD.languages_of(published) == codes
