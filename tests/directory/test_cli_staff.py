"""`python -m directory staff …`, `admin …` and `audit …` from the command line."""

from __future__ import annotations

import json
import re

import pytest

from directory import cli
from directory.db import create_engine_for, session_scope
from directory.staff import redeem_invite

OWN_SUBCOMMANDS = ("directory.cli.staff", "directory.cli.audit")


@pytest.fixture(autouse=True)
def database(seeded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A seeded SQLite copy named by DATABASE_URL, and only the subcommands under test."""
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
    monkeypatch.delenv("TELEGRAM_BOT_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_TELEGRAM_IDS", raising=False)
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", OWN_SUBCOMMANDS)
    return seeded_sqlite_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_invite_prints_the_code_and_the_deep_link(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "drogowskaz_bot")
    code, out, _err = run(capsys, "staff", "invite", "--org", "B01", "--expires", "2d")
    assert code == 0
    invite = re.search(r"invite code: ([A-Z0-9]{16})", out)
    assert invite is not None
    assert f"https://t.me/drogowskaz_bot?start=staff-{invite.group(1)}" in out
    assert "note:" not in out


def test_without_a_bot_username_the_link_has_a_placeholder_and_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, out, _err = run(capsys, "staff", "invite", "--org", "B01")
    assert "https://t.me/YOUR_BOT?start=staff-" in out
    assert "TELEGRAM_BOT_USERNAME" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("staff", "invite", "--org", "NOPE"), "no organisation with id 'NOPE'"),
        (("staff", "invite", "--org", "B01", "--expires", "forever"), "expected a duration"),
        (("staff", "revoke", "--user", "123"), "is not linked as staff"),
        (("staff", "revoke", "--invite", "99"), "no open invite #99"),
        (("admin", "revoke", "123"), "is not a granted administrator"),
        (("audit", "history", "NOPE"), "no service with id 'NOPE'"),
        (("audit", "revert", "nope"), "no change with id 'nope'"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_error(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert message in err


def test_list_and_revoke_a_linked_staff_member(
    capsys: pytest.CaptureFixture[str], database: str
) -> None:
    _code, out, _err = run(capsys, "staff", "invite", "--org", "B01")
    match = re.search(r"invite code: (\S+)", out)
    assert match is not None
    engine = create_engine_for(database)
    with session_scope(engine) as session:
        redeem_invite(session, match.group(1), 4242)
    engine.dispose()
    _code, listing, _err = run(capsys, "staff", "list", "--org", "B01")
    assert "telegram 4242  organisation B01" in listing
    assert "used" in listing
    code, out, _err = run(capsys, "staff", "revoke", "--user", "4242")
    assert code == 0
    assert "unlinked from 1 organisation" in out
    assert "linked staff: none" in run(capsys, "staff", "list")[1]


def test_admin_grant_list_revoke(capsys: pytest.CaptureFixture[str]) -> None:
    assert "is now an administrator" in run(capsys, "admin", "grant", "777")[1]
    assert "is already an administrator" in run(capsys, "admin", "grant", "777")[1]
    assert "777  granted" in run(capsys, "admin", "list")[1]
    assert "no longer an administrator" in run(capsys, "admin", "revoke", "777")[1]
    assert "no administrators" in run(capsys, "admin", "list")[1]


def test_audit_lists_json_and_reads_history(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "admin", "grant", "777")
    code, out, _err = run(capsys, "audit", "--json", "--limit", "1")
    assert code == 0
    (entry,) = json.loads(out)
    assert (entry["entity"], entry["entity_id"], entry["new_value"]) == ("admin", "777", True)
    _code, history, _err = run(capsys, "audit", "history", "B01")
    assert "seed  service:B01.name_pl" in history
    _code, org_only, _err = run(capsys, "audit", "--org", "B02")
    assert "B01" not in org_only
