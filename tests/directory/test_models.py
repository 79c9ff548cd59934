"""Storage: URLs from the environment, engine settings, sessions and timezone-aware timestamps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from directory.db import (
    create_engine_for,
    database_url_from_env,
    normalise_database_url,
    session_scope,
    upgrade,
)
from directory.models import (
    AuditLog,
    ConversationState,
    Organization,
    PanelSignInLink,
    Phone,
    Service,
    use_once,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_postgres_urls_are_rewritten_to_the_psycopg_driver(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


def test_database_url_defaults_to_a_sqlite_file_in_the_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DROGOWSKAZ_DATA_DIR", str(tmp_path))
    assert database_url_from_env() == f"sqlite:///{tmp_path.resolve() / 'drogowskaz.db'}"


def test_database_url_defaults_to_the_current_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DROGOWSKAZ_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url_from_env() == f"sqlite:///{tmp_path.resolve() / 'drogowskaz.db'}"


def test_database_url_from_env_wins_and_is_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1/prod")
    assert database_url_from_env() == "postgresql+psycopg://postgres@127.0.0.1/prod"


def test_sqlite_engine_enforces_foreign_keys_and_uses_wal(sqlite_url: str) -> None:
    engine = create_engine_for(sqlite_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    finally:
        engine.dispose()


def _organization_with_service() -> Organization:
    organization = Organization(id="B99", name="Ośrodek testowy")
    organization.services.append(
        Service(
            id="B99",
            name_pl="Ośrodek testowy",
            kind="crisis_centre",
            scope="local",
            status="unverified",
            confidence="low",
            crisis_types=["violence", "other"],
            source_urls=["https://example.org/oik"],
            phones=[Phone(number_as_published="12 421 92 82", e164="+48124219282")],
        )
    )
    return organization


def test_a_service_round_trips_with_its_json_lists_and_phones(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            session.add(_organization_with_service())
        with session_scope(engine) as session:
            service = session.get(Service, "B99")
            assert service is not None
            assert service.crisis_types == ["violence", "other"]
            assert [p.e164 for p in service.phones] == ["+48124219282"]
            assert service.created_at.tzinfo is not None
    finally:
        engine.dispose()


def _add_then_fail(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(_organization_with_service())
        session.flush()
        raise RuntimeError("boom")


def _add_state(engine: Engine, state: ConversationState) -> None:
    with session_scope(engine) as session:
        session.add(state)


def test_session_scope_rolls_back_when_the_block_fails(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade(engine)
        with pytest.raises(RuntimeError, match="boom"):
            _add_then_fail(engine)
        with session_scope(engine) as session:
            assert session.scalars(select(Service)).all() == []
    finally:
        engine.dispose()


def test_a_phone_of_a_missing_service_is_refused(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade(engine)
        with pytest.raises(IntegrityError), session_scope(engine) as session:
            session.add(Phone(service_id="nope", number_as_published="112"))
    finally:
        engine.dispose()


def test_timestamps_come_back_timezone_aware_and_equal(database_url: str) -> None:
    warsaw_winter = timezone(timedelta(hours=1))
    at = datetime(2026, 11, 22, 3, 0, tzinfo=warsaw_winter)
    engine = create_engine_for(database_url)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            session.add(ConversationState(key="ab" * 32, data={"step": "place"}, expires_at=at))
            session.add(
                AuditLog(
                    actor="cli",
                    entity="service",
                    entity_id="B99",
                    field="status",
                    old_value='"unverified"',
                    new_value='"active"',
                    change_id="c1",
                    at=at,
                )
            )
        with session_scope(engine) as session:
            state = session.get(ConversationState, "ab" * 32)
            assert state is not None
            assert state.expires_at == at
            assert state.expires_at.tzinfo is not None
            assert state.data == {"step": "place"}
            entry = session.scalars(select(AuditLog)).one()
            assert entry.at == at.astimezone(UTC)
    finally:
        engine.dispose()


def test_naive_timestamps_are_refused(sqlite_url: str) -> None:
    engine = create_engine_for(sqlite_url)
    try:
        upgrade(engine)
        naive = datetime(2026, 1, 1)
        with pytest.raises(StatementError, match="naive datetime"):
            _add_state(engine, ConversationState(key="k", data={}, expires_at=naive))
    finally:
        engine.dispose()


def test_a_single_use_link_is_used_once_and_a_second_use_is_refused(database_url: str) -> None:
    engine = create_engine_for(database_url)
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            link = PanelSignInLink(
                token_hash="a" * 64,
                telegram_user_id=42,
                role="staff",
                expires_at=now + timedelta(minutes=15),
            )
            session.add(link)
            session.flush()
            link_id = link.id
        with session_scope(engine) as session:
            assert use_once(session, PanelSignInLink, link_id, now)
        with session_scope(engine) as session:
            assert not use_once(session, PanelSignInLink, link_id, now + timedelta(seconds=1))
            stored = session.get(PanelSignInLink, link_id)
            assert stored is not None
            assert stored.used_at == now
    finally:
        engine.dispose()
