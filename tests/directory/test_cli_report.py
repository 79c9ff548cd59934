"""`python -m directory report usage|coverage`: every format, the same suppressed cells, errors."""

from __future__ import annotations

import csv
import io
import json
import struct
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from directory import cli
from directory.db import open_database, session_scope
from directory.models import UsageEvent

NOON = datetime(2025, 3, 3, 11, 0, tzinfo=UTC)
PERIOD = ["--from", "2025-03-01", "--to", "2025-03-07"]


@pytest.fixture(autouse=True)
def only_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the subcommand under test, so these tests do not depend on modules built in parallel."""
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", ("directory.cli.report",))
    monkeypatch.delenv("SUPPRESSION_K", raising=False)


@pytest.fixture
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite database named by DATABASE_URL with a few days of usage events."""
    return prepare(sqlite_url, monkeypatch)


@pytest.fixture
def any_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The same on SQLite and on PostgreSQL."""
    return prepare(database_url, monkeypatch)


def prepare(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Migrate the database at `database_url`, add usage events, name it in DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    engine = open_database(database_url, seed=False)
    events = []
    for crisis, number in {"violence": 12, "suicidal": 3, "mental": 7, "child": 6}.items():
        events.append(
            UsageEvent(hour=NOON, channel="telegram", language="pl", event="results",
                       powiat="1421", crisis=crisis, count=number)
        )  # fmt: skip
    events.append(
        UsageEvent(hour=NOON + timedelta(days=1), channel="telegram", language="en",
                   event="place", place_outcome="none", count=4)
    )  # fmt: skip
    with session_scope(engine) as session:
        session.add_all(events)
    engine.dispose()
    return database_url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_usage_json_by_crisis_hides_small_cells(
    any_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "report", "usage", *PERIOD, "--by", "crisis",
                          "--format", "json", "--lang", "en")  # fmt: skip
    assert code == 0
    document = json.loads(out)
    assert document["by"] == "crisis"
    assert document["k"] == 5
    rows = {row["key"]: row["cells"] for row in document["rows"]}
    assert rows["suicidal"]["conversations"] == {"count": None, "suppressed": True, "display": "<5"}
    assert rows["violence"]["conversations"] == {"count": 12, "suppressed": False, "display": "12"}
    assert document["total"]["cells"]["conversations"]["display"] == "28"
    assert document["total"]["cells"]["place_not_found"]["display"] == "<5"
    assert document["columns"][0] == {"key": "conversations", "label": "Conversations"}
    # The hidden 3 appears nowhere in the output (the only 3 would be that cell).
    assert '"count": 3' not in out


def test_usage_csv_and_table_show_the_same_cells_as_json(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, as_json, _err = run(
        capsys, "report", "usage", *PERIOD, "--by", "day", "--format", "json"
    )
    _code, as_csv, _err = run(capsys, "report", "usage", *PERIOD, "--by", "day", "--format", "csv")
    _code, as_table, _err = run(capsys, "report", "usage", *PERIOD, "--by", "day", "--lang", "en")
    document = json.loads(as_json)
    csv_rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert [row["day"] for row in csv_rows] == [r["key"] for r in document["rows"]] + ["total"]
    for csv_row, json_row in zip(csv_rows, [*document["rows"], document["total"]], strict=True):
        for column, cell in json_row["cells"].items():
            assert csv_row[column] == cell["display"]
    table_lines = as_table.splitlines()
    assert table_lines[0] == "Usage from 2025-03-01 to 2025-03-07"
    day = next(line for line in table_lines if line.startswith("2025-03-03"))
    assert day.split()[1] == document["rows"][2]["cells"]["conversations"]["display"]
    assert "<5" in day
    assert "fewer than 5 events" in as_table


def test_usage_k_is_configurable(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "report", "usage", *PERIOD, "--by", "crisis",
                           "--format", "json", "--k", "10")  # fmt: skip
    rows = {row["key"]: row["cells"] for row in json.loads(out)["rows"]}
    assert rows["mental"]["conversations"]["display"] == "<10"
    assert rows["violence"]["conversations"]["display"] == "12"


def test_usage_png_is_written_to_the_given_file(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "usage.png"
    code, stdout, _err = run(capsys, "report", "usage", *PERIOD, "--format", "png",
                             "--out", str(out), "--lang", "pl")  # fmt: skip
    assert code == 0
    assert stdout == ""
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 700)


def test_coverage_in_every_format(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, as_json, _err = run(capsys, "report", "coverage", "--format", "json",
                              "--as-of", "2025-06-01")  # fmt: skip
    assert code == 0
    document = json.loads(as_json)
    assert document["as_of"] == "2025-06-01"
    assert len(document["powiats"]) == 380
    assert len(document["voivodeships"]) == 16
    summary = document["summary"]
    assert summary["powiats_without_local_centre"] + summary["powiats_with_local_centre"] == 380
    krakow = next(p for p in document["powiats"] if p["code"] == "1261")
    assert krakow["local_centre"] is True
    assert krakow["local_24_7"] is True

    _code, as_csv, _err = run(capsys, "report", "coverage", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert [row["level"] for row in rows].count("powiat") == 380
    assert next(r for r in rows if r["code"] == "1261")["local_centre"] == "yes"

    _code, as_table, _err = run(capsys, "report", "coverage", "--lang", "en")
    assert "Powiats without a local crisis centre" in as_table
    assert "powiat pruszkowski, mazowieckie" in as_table

    out = tmp_path / "map.png"
    code, _out, _err = run(capsys, "report", "coverage", "--format", "png", "--out", str(out))
    assert code == 0
    assert struct.unpack(">II", out.read_bytes()[16:24]) == (1000, 1150)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "usage", "--format", "png"], "give --out"),
        (["report", "usage", "--by", "powiat", "--format", "png", "--out", "x.png"], "over time"),
        (["report", "usage", "--from", "2025-03-08", "--to", "2025-03-01"], "is after"),
        (["report", "usage", "--k", "1"], "at least 2"),
        (["report", "coverage", "--format", "png"], "give --out"),
        (["report", "coverage", "--stale-days", "0"], "at least 1"),
    ],
)
def test_bad_arguments_exit_with_code_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("DROGOWSKAZ_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert message in err


def test_a_malformed_date_is_an_argparse_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["report", "usage", "--from", "1 March"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_default_period_is_the_last_30_days(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DROGOWSKAZ_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    _code, out, _err = run(capsys, "report", "usage", "--format", "json")
    document = json.loads(out)
    first, last = date.fromisoformat(document["from"]), date.fromisoformat(document["to"])
    assert (last - first).days == 29
    assert len(document["rows"]) == 30


def test_report_csv_cells_are_never_read_as_formulas() -> None:
    from directory.cli.report import _csv

    text = _csv(["Powiat", "=count"], [["-Nowy", 5], ["@x", None], ["+1", 2.5]])
    assert text.splitlines() == ["Powiat,'=count", "'-Nowy,5", "'@x,", "'+1,2.5"]
