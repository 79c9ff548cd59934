"""`python -m directory refer` and `db`: JSON shape, human output, and errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from directory import cli

OWN_SUBCOMMANDS = ("directory.cli.refer", "directory.cli.db")


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets a fresh SQLite file via DROGOWSKAZ_DATA_DIR, like a fresh clone."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DROGOWSKAZ_DATA_DIR", str(tmp_path))
    # Only the subcommands under test, so these tests do not depend on modules built in parallel.
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", OWN_SUBCOMMANDS)
    return tmp_path


def test_refer_json_lists_112_first_for_suicidal_at_night(
    capsys: pytest.CaptureFixture[str], fresh_data_dir: Path
) -> None:
    code = cli.main(
        ["refer", "--powiat", "1421", "--crisis", "suicidal",
         "--at", "2026-11-22T03:00:00+01:00", "--lang", "en", "--json"]
    )  # fmt: skip
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    options = document["options"]
    assert options[0]["name"] == "European emergency number 112"
    # "hours": a number's own hours where they differ from the service's (issue 11, finding 8).
    assert options[0]["phones"] == [{"display": "112", "e164": None, "hours": None}]
    assert set(options[0]) == {
        "name", "phones", "always_open", "open_now", "hours", "next_open", "scope",
        "distance_km", "kind", "sources", "source_date", "verified_on", "confidence",
        "standing", "provenance", "caveat", "why",
    }  # fmt: skip
    assert any(o["phones"][0]["display"] == "116 123" for o in options)
    assert all(isinstance(o["sources"], list) and o["sources"] for o in options)
    assert all(o["why"] for o in options)
    assert (fresh_data_dir / "drogowskaz.db").exists()


def test_refer_json_shows_when_a_closed_line_opens(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(
        ["refer", "--powiat", "1261", "--crisis", "addiction",
         "--at", "2026-11-22T03:00:00+01:00", "--json"]
    )  # fmt: skip
    assert code == 0
    options = json.loads(capsys.readouterr().out)["options"]
    by_phone = {o["phones"][0]["display"]: o for o in options}
    assert by_phone["800 199 990"]["open_now"] is False
    assert by_phone["800 199 990"]["next_open"] == "2026-11-22T16:00:00+01:00"
    # 112 closes the lines open 24/7, above a line that is closed now.
    scopes = [o["scope"] for o in options]
    assert scopes.index("emergency") < options.index(by_phone["800 199 990"])


def test_refer_prints_readable_text_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["refer", "--powiat", "1261", "--crisis", "violence", "--urgent"])
    assert code == 0
    output = capsys.readouterr().out
    assert output.startswith("1. Europejski numer alarmowy 112: 112")
    assert "800 120 002" in output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--powiat", "9999", "--crisis", "suicidal"], "unknown powiat"),
        (["--powiat", "1421", "--crisis", "sad"], "unknown crisis type"),
        (["--powiat", "1421", "--crisis", "child", "--at", "yesterday"], "not an ISO date"),
        (["--powiat", "1421", "--crisis", "child", "--lang", "de"], "--lang"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_error(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    assert cli.main(["refer", *arguments]) == 2
    assert message in capsys.readouterr().err


def test_db_upgrade_then_seed_then_seed_again(
    capsys: pytest.CaptureFixture[str], fresh_data_dir: Path
) -> None:
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["db", "seed"]) == 0
    assert cli.main(["db", "seed"]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output == [
        "database upgraded to head",
        "seed: 210 services added",
        "seed: directory not empty, nothing added",
    ]
