"""`python -m directory verify`: the queue from the command line, interactive and one action at
a time (list, show, approve with edits, hide, reject), every decision audited."""

from __future__ import annotations

import argparse
import io
import json

import pytest

from directory import cli
from directory.cli.verify import run_interactive
from directory.db import create_engine_for, session_scope
from directory.models import AuditLog, Service

OWN_SUBCOMMANDS = ("directory.cli.verify",)


@pytest.fixture(autouse=True)
def database(seeded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A seeded SQLite copy named by DATABASE_URL, and only the subcommand under test."""
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", OWN_SUBCOMMANDS)
    return seeded_sqlite_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored(url: str, service_id: str) -> tuple[str, str | None, str | None]:
    engine = create_engine_for(url)
    try:
        with session_scope(engine) as session:
            service = session.get(Service, service_id)
            assert service is not None
            return service.status, service.verified_by, service.hidden_reason
    finally:
        engine.dispose()


def test_list_prints_the_queue_with_what_verifying_it_would_give(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = run(capsys, "verify", "list", "--lang", "en", "--limit", "5")
    assert code == 0
    assert out.startswith("Verification queue: ")
    assert "Powiats with any local option: " in out
    assert "first local option:" in out
    code, out, _err = run(capsys, "verify", "list", "--json")
    document = json.loads(out)
    assert document["entries"] == len(document["queue"])
    assert document["queue"][0]["position"] == 1
    assert document["queue"][0]["gains_first_local_option"]


def test_show_prints_every_source_and_caveat(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "verify", "show", "P032", "--lang", "en")
    assert code == 0
    assert "https://wsnlc.pl/oddzialy/izba-przyjec/" in out
    assert "Caveats: teryt=2407." in out
    code, out, _err = run(capsys, "verify", "show", "P032", "--json")
    assert json.loads(out)["queue"]["gains_first_local_option"] == ["2407"]
    code, _out, err = run(capsys, "verify", "show", "NOPE")
    assert (code, err.strip()) == (2, "error: no service with id 'NOPE'")


def test_approve_with_an_edit_and_hide_are_audited(
    capsys: pytest.CaptureFixture[str], database: str
) -> None:
    code, out, _err = run(
        capsys, "verify", "approve", "P032", "--set", "hours=24/7", "--actor", "admin:anna"
    )
    assert (code, out.split(" (")[0]) == (0, "verified P032")
    assert stored(database, "P032") == ("active", "administrator", None)
    code, _out, err = run(capsys, "verify", "approve", "B26")
    assert code == 2
    assert "no phone number residents could call" in err
    code, _out, err = run(capsys, "verify", "approve", "P033", "--set", "hours=whenever")
    assert code == 2
    assert "hours:" in err
    assert stored(database, "P033") == ("unverified", None, None)
    code, out, _err = run(capsys, "verify", "hide", "B26", "--reason", "no phone in any source")
    assert code == 0
    assert stored(database, "B26")[2] == "no phone in any source"
    engine = create_engine_for(database)
    try:
        with session_scope(engine) as session:
            actors = {
                (row.actor, row.entity_id, row.field)
                for row in session.query(AuditLog).filter(AuditLog.actor != "seed")
            }
    finally:
        engine.dispose()
    assert ("admin:anna", "P032", "status") in actors
    assert ("cli", "B26", "hidden_reason") in actors


def test_reject_without_a_pending_change_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "verify", "reject", "B01", "--reason", "no")
    assert code == 2
    assert "No change waits for approval" in err


def test_the_interactive_walk_verifies_skips_and_hides(
    capsys: pytest.CaptureFixture[str], database: str
) -> None:
    args = argparse.Namespace(lang="en", actor="admin:interactive")
    answers = io.StringIO("s\nv\nh\nclosed since 2024\nq\n")
    assert run_interactive(args, answers) == 0
    out = capsys.readouterr().out
    assert out.count("[v]erify, [e]dit and verify, [h]ide, [s]kip, [q]uit > ") == 4
    assert "Decided: 2." in out
    engine = create_engine_for(database)
    try:
        with session_scope(engine) as session:
            decided = {
                row.entity_id: row.field
                for row in session.query(AuditLog).filter(AuditLog.actor == "admin:interactive")
                if row.field in {"status", "hidden_reason"}
            }
    finally:
        engine.dispose()
    assert sorted(decided.values()) == ["hidden_reason", "status"]
