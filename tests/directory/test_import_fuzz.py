"""No file makes `python -m directory import` crash (issue 11, finding 6).

Hypothesis writes malformed HSDS JSON (any JSON value where a field belongs, deep nesting,
huge numbers, lone surrogates) and malformed CSV (right header, random cells; random bytes)
and runs the command-line entry on each: every one gets exit status 1 with the problems
listed (never a traceback, never the last-resort "import failed" line) and the database is
left exactly as it was.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from directory import cli
from directory.db import create_engine_for
from directory.fields import CSV_COLUMNS
from directory.transfer import MAX_JSON_DEPTH

OWN_SUBCOMMANDS = ("directory.cli.transfer",)
LAST_RESORT = "the import failed ("


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, seeded_sqlite_template: Path) -> str:
    """One seeded SQLite copy for the module: no file may change it."""
    import shutil

    path = tmp_path_factory.mktemp("fuzz") / "directory.db"
    shutil.copyfile(seeded_sqlite_template, path)
    return f"sqlite:///{path}"


def fingerprint(url: str) -> tuple[object, ...]:
    """Counts and latest stamps of what an import could write."""
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            return tuple(
                connection.execute(text(query)).one()
                for query in (
                    "SELECT COUNT(*), MAX(updated_at) FROM services",
                    "SELECT COUNT(*), MAX(updated_at) FROM organizations",
                    "SELECT COUNT(*) FROM audit_log",
                    "SELECT COUNT(*) FROM phones",
                )
            )
    finally:
        engine.dispose()


def run_import(
    database: str, path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    monkeypatch.setenv("DATABASE_URL", database)
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", OWN_SUBCOMMANDS)
    code = cli.main(["import", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_refused_cleanly(code: int, output: str) -> None:
    assert code == 1, output
    assert "nothing was imported" in output
    assert LAST_RESORT not in output, output
    assert "Traceback" not in output


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["B01", "H01", "N01", "active", "24/7", "112", "1421", "powiat:1421", ""]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=20,
)
SERVICE_KEYS = [
    "id", "organization_id", "name", "alternate_name", "status", "phones", "schedules",
    "languages", "attributes", "service_areas", "service_at_locations", "x_drogowskaz", "url",
]  # fmt: skip
EXACT_KEYS = [
    "organization_id", "name_pl", "kind", "scope", "status", "confidence", "phones", "hours",
    "location", "areas", "crisis_types", "verified_on", "free_of_charge", "notice",
]  # fmt: skip
services = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["B01", "N01", "H02"]), json_values)},
    optional={
        **{key: json_values for key in SERVICE_KEYS if key != "id"},
        "x_drogowskaz": st.dictionaries(st.sampled_from(EXACT_KEYS), json_values, max_size=8),
    },
)
documents = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"services": st.one_of(st.lists(services, max_size=3), json_values)},
        optional={
            "organizations": st.one_of(
                json_values,
                st.lists(
                    st.fixed_dictionaries(
                        {"id": st.one_of(st.just("N01"), json_values), "name": json_values}
                    ),
                    max_size=3,
                ),
            ),
            "hsds_version": json_values,
        },
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=documents)
def test_any_malformed_json_is_refused_cleanly_and_changes_nothing(
    database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    document: Any,
) -> None:
    before = fingerprint(database)
    path = tmp_path / "directory.json"
    path.write_text(
        json.dumps(document, ensure_ascii=False), encoding="utf-8", errors="surrogatepass"
    )
    code, output = run_import(database, path, capsys, monkeypatch)
    assert_refused_cleanly(code, output)
    assert fingerprint(database) == before


csv_cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["B01", "N01", "active", "crisis_centre", "+48 12 421 92 82", "=1+1", "'", ""]),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(
        st.one_of(
            st.just(list(CSV_COLUMNS)),
            st.lists(st.sampled_from(CSV_COLUMNS), max_size=8),
        )
    )
    rows = draw(st.lists(st.lists(csv_cells, max_size=len(CSV_COLUMNS) + 2), max_size=4))
    lines = [",".join(header)] + [",".join(json.dumps(cell) for cell in row) for row in rows]
    body = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    return draw(st.one_of(st.just(body), st.binary(max_size=200), st.just(body + b"\xff\x00")))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=csv_files())
def test_any_malformed_csv_is_refused_cleanly_and_changes_nothing(
    database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
) -> None:
    before = fingerprint(database)
    path = tmp_path / "directory.csv"
    path.write_bytes(data)
    code, output = run_import(database, path, capsys, monkeypatch)
    assert_refused_cleanly(code, output)
    assert fingerprint(database) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, f"nests deeper than {MAX_JSON_DEPTH} levels"),
        ('{"services": [' + "{" * 50 + "}" * 50 + "]}", f"nests deeper than {MAX_JSON_DEPTH}"),
        ('{"services": [{"id": "B01", "latitude": ' + "9" * 5000 + "}]}", "cannot read this JSON"),
        (
            '{"organizations": [{"id": "N01", "name": {"pl": "x"}}], "services": [{"id": "N01",'
            ' "organization_id": "N01", "name": "Nowy", "status": "inactive"}]}',
            "organization_name: Expected text.",
        ),
        (
            '{"organizations": [{"id": "N01", "name": "<b>Nowy</b>"}], "services": [{"id": "N01",'
            ' "organization_id": "N01", "name": "Nowy", "status": "inactive"}]}',
            "organization_name: A name must be plain text, without HTML tags.",
        ),
        (
            '{"organizations": [{"id": "N01", "name": "=HYPERLINK(1)"}], "services": [{"id": '
            '"N01", "organization_id": "N01", "name": "Nowy", "status": "inactive"}]}',
            "organization_name: This text must not start with = + - or @",
        ),
        (
            '{"organizations": [{"id": "N01", "name": "Nowy\\u0007"}], "services": [{"id": '
            '"N01", "organization_id": "N01", "name": "Nowy", "status": "inactive"}]}',
            "organization_name: This text contains control characters.",
        ),
        ('{"organizations": 5, "services": []}', "organizations: expected a list"),
        ('{"services": [{"id": ["B01"]}]}', "id: expected the service id as text"),
        ('{"services": [{"id": "B01", "name": "\\ud800"}]}', "characters that are not valid text"),
    ],
    ids=[
        "deep-array", "deep-service", "huge-number", "name-object", "name-html", "name-formula",
        "name-control", "organizations-number", "id-list", "lone-surrogate",
    ],
)  # fmt: skip
def test_a_hostile_json_file_gets_its_reason_and_no_traceback(
    database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    expected: str,
) -> None:
    before = fingerprint(database)
    path = tmp_path / "hostile.json"
    path.write_text(content, encoding="utf-8")
    code, output = run_import(database, path, capsys, monkeypatch)
    assert_refused_cleanly(code, output)
    assert expected in output
    assert fingerprint(database) == before


@pytest.mark.slow
def test_the_real_command_answers_a_deeply_nested_file_without_a_traceback(
    database: str, tmp_path: Path
) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"services": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    before = fingerprint(database)
    done = subprocess.run(
        [sys.executable, "-m", "directory", "import", str(path)],
        capture_output=True,
        text=True,
        env={"DATABASE_URL": database, "PATH": ""},
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "nests deeper than" in done.stderr
    assert fingerprint(database) == before
