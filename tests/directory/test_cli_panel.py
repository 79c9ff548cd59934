"""`python -m directory panel-link`: a link only for linked staff or administrators."""

from __future__ import annotations

import re

import pytest

from directory import cli
from directory.db import create_engine_for, session_scope
from directory.panel_access import redeem_sign_in_link
from tests.conftest import link_staff


@pytest.fixture(autouse=True)
def database(seeded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A seeded SQLite copy named by DATABASE_URL; only the panel subcommand."""
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.delenv("ADMIN_TELEGRAM_IDS", raising=False)
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", ("directory.cli.panel",))
    return seeded_sqlite_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_staff_link_is_printed_under_the_public_url_and_signs_in_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    engine = create_engine_for(database)
    link_staff(engine, 77, "B01")
    monkeypatch.setenv("PUBLIC_URL", "https://pomoc.example.org")
    code, out, _err = run(capsys, "panel-link", "--staff-user", "77")
    assert code == 0
    found = re.search(r"https://pomoc\.example\.org/panel/sign-in\?token=([\w-]+)", out)
    assert found is not None
    assert "single use" in out
    assert "note:" not in out
    with session_scope(engine) as session:
        assert redeem_sign_in_link(session, found.group(1)).telegram_user_id == 77
    engine.dispose()


def test_a_configured_administrator_gets_an_admin_link_with_a_note_about_the_address(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADMIN_TELEGRAM_IDS", "5, 9")
    code, out, _err = run(capsys, "panel-link", "--admin-user", "9")
    assert code == 0
    assert "http://127.0.0.1:8080/panel/sign-in?token=" in out
    assert "(admin)" in out
    assert "PUBLIC_URL" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("panel-link", "--staff-user", "123"), "is not linked to a help centre"),
        (("panel-link", "--admin-user", "123"), "is not an administrator"),
    ],
)
def test_nobody_else_gets_a_link(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "token=" not in out
