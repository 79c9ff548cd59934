"""`python -m directory export` and `import` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from directory import cli

OWN_SUBCOMMANDS = ("directory.cli.transfer", "directory.cli.audit")


@pytest.fixture(autouse=True)
def database(seeded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", OWN_SUBCOMMANDS)
    return seeded_sqlite_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_csv_to_stdout_has_the_documented_header(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "export", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("id,organization_id,organization_name,name_pl,")
    assert len(out.splitlines()) == 211


def test_export_hsds_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_path = tmp_path / "directory.json"
    code, _out, err = run(capsys, "export", "--format", "hsds", "--out", str(out_path))
    assert code == 0
    assert "exported to" in err
    assert json.loads(out_path.read_text(encoding="utf-8"))["hsds_version"] == "3.0"


def test_import_dry_run_then_import_then_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "directory.csv"
    run(capsys, "export", "--out", str(path))
    text = path.read_text(encoding="utf-8").replace(",12 421 92 82,", ",12 421 92 83,", 1)
    path.write_text(text, encoding="utf-8")
    code, out, _err = run(capsys, "import", str(path), "--dry-run")
    assert code == 0
    assert "dry run: nothing was written" in out
    assert "service B01.phones: ['12 421 92 82'] -> ['12 421 92 83']" in out
    code, out, _err = run(capsys, "import", str(path))
    assert code == 0
    assert "0 new, 1 changed, 209 unchanged" in out
    assert "import directory.csv" in run(capsys, "audit", "--limit", "1")[1]
    code, out, _err = run(capsys, "import", str(path))
    assert "0 new, 0 changed, 210 unchanged" in out


def test_an_invalid_file_exits_1_and_lists_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "directory.csv"
    run(capsys, "export", "--out", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",24/7,", ",sometimes,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", str(path))
    assert code == 1
    assert "1 problem(s); nothing was imported" in err
    assert "row 2, hours: I could not read these opening hours" in err


def test_a_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "import", "/no/such/file.csv")
    assert code == 2
    assert "no such file" in err
