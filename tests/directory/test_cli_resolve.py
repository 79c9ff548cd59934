"""`python -m directory resolve`: JSON shape, stdin mode, points, human output and usage errors."""

from __future__ import annotations

import io
import json

import pytest

from directory import cli


@pytest.fixture(autouse=True)
def only_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the subcommand under test, so these tests do not depend on modules built in parallel."""
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", ("directory.cli.resolve",))


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_output_has_status_and_candidates_with_four_digit_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(["resolve", "--json", "jestem w Piasecznie"], capsys)
    assert code == 0
    payload = json.loads(out)
    assert payload["status"] == "match"
    first = payload["candidates"][0]
    assert {"powiat", "powiat_name", "voivodeship", "matched", "score"} <= set(first)
    assert first["powiat"] == "1418"
    assert isinstance(first["powiat"], str)
    assert len(first["powiat"]) == 4
    assert first["powiat_name"] == "piaseczyński"
    assert first["voivodeship"] == "mazowieckie"
    assert isinstance(first["score"], float)


def test_stdin_mode_prints_one_json_object_per_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Kielce\npowiat brzeski\nnie wiem\n"))
    code, out, _ = run_cli(["resolve", "--json", "-"], capsys)
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["status"] for line in lines] == ["match", "ambiguous", "none"]
    assert lines[0]["candidates"][0]["powiat"] == "2661"
    assert {c["powiat"] for c in lines[1]["candidates"]} == {"1202", "1601"}
    assert lines[2]["candidates"] == []


def test_point_mode_resolves_a_coordinate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["resolve", "--json", "--point", "52.2297,21.0122"], capsys)
    assert code == 0
    payload = json.loads(out)
    assert payload["status"] == "match"
    assert payload["candidates"][0]["powiat"] == "1465"


def test_point_abroad_is_none(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["resolve", "--json", "--point", "52.52,13.405"], capsys)
    assert code == 0
    assert json.loads(out)["status"] == "none"


def test_human_output_lists_each_reading_with_its_voivodeship(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(["resolve", "grodziski"], capsys)
    assert code == 0
    assert out.splitlines()[0] == "grodziski: ambiguous"
    assert "1405" in out
    assert "mazowieckie" in out
    assert "3005" in out
    assert "wielkopolskie" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["resolve"], "give TEXT"),
        (["resolve", "   "], "empty"),
        (["resolve", "--point", "abc"], "LAT,LON"),
        (["resolve", "--point", "52.1,x"], "two numbers"),
        (["resolve", "--point", "95,20"], "out of range"),
        (["resolve", "Kielce", "--point", "52,20"], "not both"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(argv, capsys)
    assert code == 2
    assert out == ""
    assert message in err
