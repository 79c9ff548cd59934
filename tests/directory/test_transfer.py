"""Export and import: round trips change nothing, dry runs write nothing, and every malformed file
gets a clear error with its row and field and leaves the database untouched (SQLite, PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from directory.audit import list_changes
from directory.db import create_engine_for, session_scope
from directory.editing import change_service
from directory.fields import CSV_COLUMNS
from directory.models import AuditLog, Organization, Service
from directory.revert import revert_change
from directory.transfer import (
    MAX_IMPORT_BYTES,
    export_csv,
    export_hsds,
    export_hsds_text,
    import_file,
)
from tests.conftest import create_postgres_database, drop_postgres_database, postgres_url_for


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def shared_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One seeded database per backend for the tests that must leave it untouched."""
    name = None
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("seeded_sqlite_template")
        path = tmp_path_factory.mktemp("shared") / "shared.db"
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
    else:
        name = create_postgres_database(
            template=request.getfixturevalue("seeded_postgres_template")
        )
        url = postgres_url_for(name)
    opened = create_engine_for(url)
    yield opened
    opened.dispose()
    if name is not None:
        drop_postgres_database(name)


def snapshot(engine: Engine) -> tuple[str, int]:
    """The whole directory as CSV plus the number of audit rows."""
    with session_scope(engine) as session:
        return export_csv(session), session.scalar(select(func.count()).select_from(AuditLog)) or 0


def run_import(engine: Engine, path: Path, *, dry_run: bool = False):  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return import_file(session, path, dry_run=dry_run)


def csv_rows(engine: Engine) -> list[dict[str, str]]:
    text, _count = snapshot(engine)
    return list(csv.DictReader(io.StringIO(text)))


def write_rows(
    path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = CSV_COLUMNS
) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["csv", "hsds"])
def test_a_round_trip_changes_nothing(shared_engine: Engine, tmp_path: Path, fmt: str) -> None:
    before = snapshot(shared_engine)
    with session_scope(shared_engine) as session:
        text = export_csv(session) if fmt == "csv" else export_hsds_text(session)
    path = tmp_path / ("directory.csv" if fmt == "csv" else "directory.json")
    path.write_text(text, encoding="utf-8")
    plan = run_import(shared_engine, path)
    assert plan.ok, plan.problems
    assert (plan.created, plan.changed, plan.unchanged) == ([], {}, 210)
    assert snapshot(shared_engine) == before


def test_the_hsds_export_has_the_standard_shape(shared_engine: Engine) -> None:
    with session_scope(shared_engine) as session:
        document = export_hsds(session)
    assert document["hsds_version"] == "3.0"
    service = next(s for s in document["services"] if s["id"] == "B01")
    assert service["organization_id"] == "B01"
    assert service["status"] == "active"
    assert service["phones"][0]["number"] == "12 421 92 82"
    assert service["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Kraków"
    assert {a["taxonomy_term"]["code"] for a in service["attributes"]} >= {"suicidal"}
    unverified = next(s for s in document["services"] if s["id"] == "B02")
    assert unverified["status"] == "inactive"


def _bad_encoding(path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1250", errors="replace"))
    return path


def _edit(row_index: int, **values: str) -> Callable[[Path, list[dict[str, str]]], Path]:
    def make(path: Path, rows: list[dict[str, str]]) -> Path:
        rows[row_index].update(values)
        return write_rows(path, rows)

    return make


def _missing_column(path: Path, rows: list[dict[str, str]]) -> Path:
    return write_rows(path, rows, tuple(c for c in CSV_COLUMNS if c != "phones"))


def _duplicate_id(path: Path, rows: list[dict[str, str]]) -> Path:
    rows[3]["id"] = rows[1]["id"]
    return write_rows(path, rows)


def _huge(path: Path, rows: list[dict[str, str]]) -> Path:
    write_rows(path, rows)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("#" * (MAX_IMPORT_BYTES + 1))
    return path


def _bad_json(path: Path, _rows: list[dict[str, str]]) -> Path:
    path.write_text('{"services": [ {"id": "B01", ', encoding="utf-8")
    return path


def _one_good_one_bad(path: Path, rows: list[dict[str, str]]) -> Path:
    rows[0]["phones"] = "12 421 92 83"  # valid on its own
    rows[5]["hours"] = "Mo-Fr 8-16"
    return write_rows(path, rows)


def _ragged_row(path: Path, rows: list[dict[str, str]]) -> Path:
    write_rows(path, rows)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("X99,too,few,cells\n")
    return path


MALFORMED = [
    pytest.param(_bad_encoding, "file: the file is not UTF-8", id="wrong-encoding"),
    pytest.param(_missing_column, "row 1: missing columns: phones", id="missing-columns"),
    pytest.param(
        _edit(0, phones="12 421"), "row 2, phones: “12 421” is not a Polish", id="bad-phone"
    ),
    pytest.param(_edit(2, hours="every day"), "row 4, hours: I could not read", id="bad-hours"),
    pytest.param(
        _edit(1, powiat="9999"), "row 3, powiat: Unknown powiat code “9999”", id="unknown-powiat"
    ),
    pytest.param(
        _edit(1, areas="powiat:0001"), "row 3, areas: Unknown powiat code", id="unknown-area"
    ),
    pytest.param(_duplicate_id, "row 5, id: duplicate id", id="duplicate-ids"),
    pytest.param(_huge, "file: the file is too large", id="huge-file"),
    pytest.param(_bad_json, "file: not valid JSON", id="broken-json"),
    pytest.param(_edit(4, status="open"), "row 6, status: “open” is not allowed", id="bad-status"),
    pytest.param(
        _edit(0, organization_id="NEW1", organization_name=""),
        "row 2, organization_name",
        id="org-without-name",
    ),
    pytest.param(_one_good_one_bad, "row 7, hours", id="all-or-nothing"),
    pytest.param(_ragged_row, "row 212: wrong number of cells", id="ragged-row"),
]


@pytest.mark.parametrize(("make_file", "expected"), MALFORMED)
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_a_malformed_file_gets_a_clear_error_and_writes_nothing(
    shared_engine: Engine,
    tmp_path: Path,
    make_file: Callable[[Path, list[dict[str, str]]], Path],
    expected: str,
    dry_run: bool,
) -> None:
    before = snapshot(shared_engine)
    suffix = ".json" if make_file is _bad_json else ".csv"
    path = make_file(tmp_path / f"directory{suffix}", csv_rows(shared_engine))
    plan = run_import(shared_engine, path, dry_run=dry_run)
    assert not plan.ok
    assert any(expected in str(problem) for problem in plan.problems), plan.problems
    assert snapshot(shared_engine) == before


def test_every_problem_in_a_file_is_reported_at_once(engine: Engine, tmp_path: Path) -> None:
    rows = csv_rows(engine)
    rows[0]["phones"] = "123"
    rows[1]["hours"] = "never"
    rows[2]["crisis_types"] = "sadness"
    plan = run_import(engine, write_rows(tmp_path / "d.csv", rows))
    assert [(p.row, p.field) for p in plan.problems] == [
        (2, "phones"),
        (3, "hours"),
        (4, "crisis_types"),
    ]


def test_a_dry_run_shows_the_change_and_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    rows = csv_rows(engine)
    rows[0]["notice"] = "closed until 2 January"
    before = snapshot(engine)
    plan = run_import(engine, write_rows(tmp_path / "d.csv", rows), dry_run=True)
    assert plan.ok
    assert "service B01.notice: None -> 'closed until 2 January'" in plan.summary_lines()
    assert plan.summary_lines()[-1] == "0 new, 1 would change, 209 unchanged"
    assert snapshot(engine) == before


def test_an_import_writes_audited_changes_that_can_be_reverted(
    engine: Engine, tmp_path: Path
) -> None:
    rows = csv_rows(engine)
    rows[0]["phones"] = "12 421 92 83|116 123"
    plan = run_import(engine, write_rows(tmp_path / "centres.csv", rows))
    assert plan.ok
    assert plan.applied
    with session_scope(engine) as session:
        entries = [e for e in list_changes(session, "B01") if e.actor == "import centres.csv"]
        assert [(e.field, e.new_value) for e in entries] == [
            ("phones", ["12 421 92 83", "116 123"])
        ]
        service = session.get(Service, "B01")
        assert service is not None
        assert [p.e164 or p.dial for p in service.phones] == ["+48124219283", "116123"]
        revert_change(session, entries[0].change_id, "cli")
    with session_scope(engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert [p.number_as_published for p in service.phones] == ["12 421 92 82"]


def test_a_new_row_creates_the_service_and_its_organisation(engine: Engine, tmp_path: Path) -> None:
    rows = csv_rows(engine)
    new = dict(rows[0])
    new.update(
        id="N01", organization_id="N01", organization_name="Nowy Ośrodek", status="unverified"
    )
    plan = run_import(engine, write_rows(tmp_path / "d.csv", [*rows, new]))
    assert plan.ok
    assert plan.created == ["N01"]
    with session_scope(engine) as session:
        assert session.get(Organization, "N01") is not None
        service = session.get(Service, "N01")
        assert service is not None
        assert service.status == "unverified"
        assert [p.number_as_published for p in service.phones] == ["12 421 92 82"]


def test_an_organisation_renamed_or_created_by_an_import_is_audited_with_its_old_name(
    engine: Engine, tmp_path: Path
) -> None:
    rows = csv_rows(engine)
    with session_scope(engine) as session:
        organization = session.get(Organization, "B01")
        assert organization is not None
        old_name = organization.name
    for row in rows:
        if row["organization_id"] == "B01":
            row["organization_name"] = "Ośrodek po zmianie nazwy"
    new = dict(rows[0])
    new.update(id="N01", organization_id="N01", organization_name="Nowy Ośrodek")
    plan = run_import(engine, write_rows(tmp_path / "d.csv", [*rows, new]))
    assert plan.ok
    with session_scope(engine) as session:
        renamed = [
            e
            for e in list_changes(session, "B01")
            if e.entity == "organization" and e.actor == "import d.csv"
        ]
        created = [
            e
            for e in list_changes(session, "N01")
            if e.entity == "organization" and e.actor == "import d.csv"
        ]
        organization = session.get(Organization, "B01")
        assert organization is not None
        assert organization.name == "Ośrodek po zmianie nazwy"
    assert [(e.field, e.old_value, e.new_value) for e in renamed] == [
        ("name", old_name, "Ośrodek po zmianie nazwy")
    ]
    assert [(e.field, e.old_value, e.new_value) for e in created] == [
        ("name", None, "Nowy Ośrodek")
    ]


def test_a_plain_hsds_file_without_our_extension_is_validated_too(
    engine: Engine, tmp_path: Path
) -> None:
    with session_scope(engine) as session:
        document = export_hsds(session)
    for service in document["services"]:
        del service["x_drogowskaz"]
    document["services"][0]["phones"] = [{"number": "555"}]
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    plan = run_import(engine, path)
    assert any(p.row == 1 and p.field == "phones" for p in plan.problems)


@pytest.mark.parametrize(
    ("phones", "message"),
    [
        ("12 421 92 82|701 234 567", "is a premium-rate number (70x)"),
        ("801 123 456", "is a shared-cost number (801)"),
        ("118 913", "is a paid directory enquiries number"),
        ("998", "is an emergency number"),
    ],
)
def test_an_import_refuses_a_paid_or_emergency_number_for_a_centre(
    shared_engine: Engine, tmp_path: Path, phones: str, message: str
) -> None:
    before = snapshot(shared_engine)
    rows = csv_rows(shared_engine)
    index = next(i for i, row in enumerate(rows) if row["id"] == "B01")
    rows[index]["phones"] = phones
    plan = run_import(shared_engine, write_rows(tmp_path / "d.csv", rows))
    assert not plan.ok
    assert any(
        p.row == index + 2 and p.field == "phones" and message in p.message for p in plan.problems
    ), plan.problems
    assert snapshot(shared_engine) == before


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_cells_a_spreadsheet_would_run_are_exported_as_text_and_read_back_exactly(
    engine: Engine, tmp_path: Path
) -> None:
    planted = '=HYPERLINK("https://evil.example","Zamknięte")'
    with session_scope(engine) as session:
        # As old data or a direct database edit could hold them: free text is not refused.
        change_service(
            session, "B01", {"description": planted, "caveats": "-1+2"}, actor="cli", access=None
        )
        organization = session.get(Organization, "B01")
        assert organization is not None
        organization.name = "@SUM(1)"
    with session_scope(engine) as session:
        exported = export_csv(session)
    records = list(csv.reader(io.StringIO(exported)))
    assert not [cell for row in records for cell in row if cell.startswith(FORMULA_STARTS)]
    b01 = next(dict(zip(records[0], row, strict=True)) for row in records if row[0] == "B01")
    assert b01["description"] == "'" + planted
    assert b01["caveats"] == "'-1+2"
    assert b01["organization_name"] == "'@SUM(1)"
    phones = [dict(zip(records[0], row, strict=True))["phones"] for row in records[1:]]
    assert "'+48 222 309 900" in phones  # a phone published as "+48 …" is text, not a sum
    # Read back, the marks go and nothing changes (names refuse formulas: see below).
    with session_scope(engine) as session:
        organization = session.get(Organization, "B01")
        assert organization is not None
        organization.name = "Ośrodek Interwencji Kryzysowej w Krakowie"
    with session_scope(engine) as session:
        exported = export_csv(session)
    path = tmp_path / "d.csv"
    path.write_text(exported, encoding="utf-8")
    plan = run_import(engine, path)
    assert plan.ok, plan.problems
    assert (plan.created, plan.changed) == ([], {})


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("notice", '=HYPERLINK("https://evil.example","Zamknięte")', "must not start with = + -"),
        ("notice", "@SUM(A1)", "must not start with = + -"),
        ("name_pl", "+Ośrodek", "must not start with = + -"),
        ("name_en", "-Centre", "must not start with = + -"),
        ("organization_name", "=1+1", "must not start with = + -"),
        ("name_pl", "Ośrodek <b>24h</b>", "without HTML tags"),
        ("organization_name", "Ośrodek\x07", "control characters"),
    ],
)
def test_an_import_refuses_a_formula_or_markup_in_names_and_notices(
    shared_engine: Engine, tmp_path: Path, column: str, value: str, message: str
) -> None:
    before = snapshot(shared_engine)
    rows = csv_rows(shared_engine)
    index = next(i for i, row in enumerate(rows) if row["id"] == "B01")
    rows[index][column] = value
    plan = run_import(shared_engine, write_rows(tmp_path / "d.csv", rows))
    assert any(
        p.row == index + 2 and p.field == column and message in p.message for p in plan.problems
    ), plan.problems
    assert snapshot(shared_engine) == before


def test_a_phone_starting_with_plus_48_still_imports(engine: Engine, tmp_path: Path) -> None:
    rows = csv_rows(engine)
    index = next(i for i, row in enumerate(rows) if row["id"] == "B01")
    rows[index]["phones"] = "+48 12 421 92 83"  # as a person types it, without the mark
    plan = run_import(engine, write_rows(tmp_path / "d.csv", rows))
    assert plan.ok, plan.problems
    with session_scope(engine) as session:
        service = session.get(Service, "B01")
        assert service is not None
        assert [p.number_as_published for p in service.phones] == ["+48 12 421 92 83"]


def test_the_summary_counts_new_organisations(engine: Engine, tmp_path: Path) -> None:
    rows = csv_rows(engine)
    new = dict(rows[0])
    new.update(id="N01", organization_id="N01", organization_name="Nowy Ośrodek")
    other = dict(rows[1])
    other.update(id="N02", organization_id="N01", organization_name="Nowy Ośrodek")
    plan = run_import(engine, write_rows(tmp_path / "d.csv", [*rows, new, other]), dry_run=True)
    assert plan.ok, plan.problems
    assert plan.new_organizations == ["N01"]
    assert "new organization N01" in plan.summary_lines()
    assert "organisations: 1 new, 0 would be renamed" in plan.summary_lines()
