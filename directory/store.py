"""The directory as the database holds it now, for referrals: what residents may see, kept in
memory per database and reloaded when the directory's version changes; and the emergency lines
as stored, with the bundled copy when the database cannot be read.

The rules themselves are pure (directory.referral, directory.emergency); this module reads.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import Engine, Select, func, select
from sqlalchemy import exc as sqlalchemy_errors
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from directory.emergency import EmergencyKind, emergency_options
from directory.models import Service, ServiceStatus, services_with_details
from directory.referral import (
    Handover,
    Option,
    OptionsRequest,
    PhoneRecord,
    ServiceRecord,
    rank_handover_points,
    rank_options,
    record_from_service,
    unconfirmed_powiats,
)
from directory.sessions import session_scope
from directory.visibility import WITHDRAWN_STATUSES

logger = logging.getLogger(__name__)

# The active services are kept in memory between referrals and reloaded when the directory's
# version (see `directory_version`) changes, and at the latest this often: a backstop for
# changes made behind the ORM's back (hand-written SQL) or timestamps from a skewed clock.
ACTIVE_SERVICES_MAX_AGE_SECONDS: Final = 30.0


@functools.cache
def _version_query(dialect: str) -> Select[Any]:
    """Count, latest `updated_at` and, where the backend can add timestamps, their sum."""
    columns: list[ColumnElement[Any]] = [func.count(), func.max(Service.updated_at)]
    if dialect == "sqlite":
        columns.append(func.sum(func.julianday(Service.updated_at)))
    elif dialect == "postgresql":
        columns.append(func.sum(func.extract("epoch", Service.updated_at)))
    return select(*columns).select_from(Service)


# Within one conversation turn the directory is read at one version: the turn reads the
# services for its list and again for the lines that close its answer, and the second check
# would only cost another query (`one_version_per_turn`).
_turn_versions: contextvars.ContextVar[dict[int, tuple[object, ...]] | None] = (
    contextvars.ContextVar("turn_versions", default=None)
)


@contextlib.contextmanager
def one_version_per_turn() -> Iterator[None]:
    """Check the directory's version once in this block (one conversation turn), not per read."""
    token = _turn_versions.set({})
    try:
        yield
    finally:
        _turn_versions.reset(token)


def directory_version(engine: Engine) -> tuple[object, ...]:
    """A cheap fingerprint of the services table that changes whenever a service does.

    Every edit (directory.editing, used by staff, administrators and imports) and every new
    service stamps `services.updated_at`; a status change is an edit. The count sees deletions,
    the latest stamp sees edits, and the sum of all stamps sees an edit whose stamp is older
    than the latest one (two staff edits committed in the other order, another instance's clock).
    """
    memo = _turn_versions.get()
    if memo is not None and id(engine) in memo:
        return memo[id(engine)]
    with engine.connect() as connection:
        version = tuple(connection.execute(_version_query(engine.dialect.name)).one())
    if memo is not None:
        memo[id(engine)] = version
    return version


@dataclass(frozen=True)
class _Snapshot:
    version: tuple[object, ...]
    loaded_at: float
    services: tuple[ServiceRecord, ...]
    # Powiats with a researched local entry that the rule hides until it is verified.
    unconfirmed_powiats: frozenset[str] = frozenset()


# One snapshot per engine (per database), shared by every DirectoryStore on it: the bot builds
# a store per referral. Weak keys: a disposed, forgotten engine takes its snapshot with it.
_snapshots: weakref.WeakKeyDictionary[Engine, _Snapshot] = weakref.WeakKeyDictionary()
_reload_lock = threading.Lock()


def _load_active_services(engine: Engine) -> tuple[ServiceRecord, ...]:
    query = services_with_details().where(Service.status == ServiceStatus.ACTIVE.value)
    with session_scope(engine) as session:
        return tuple(record_from_service(row) for row in session.scalars(query))


def _load_unconfirmed_powiats(engine: Engine) -> frozenset[str]:
    query = (
        select(Service)
        .where(Service.scope == "local", Service.status.not_in(sorted(WITHDRAWN_STATUSES)))
        .options(selectinload(Service.phones), selectinload(Service.areas))
    )
    with session_scope(engine) as session:
        records = [_unconfirmed_candidate(row) for row in session.scalars(query)]
    return unconfirmed_powiats(records, date.today())


def _unconfirmed_candidate(row: Service) -> ServiceRecord:
    """The few facts `unconfirmed_powiats` reads (no locations needed)."""
    return ServiceRecord(
        id=row.id,
        name_pl=row.name_pl,
        name_en=row.name_en,
        scope=row.scope,
        hours=None,
        hours_as_published=None,
        crisis_types=frozenset(row.crisis_types),
        phones=tuple(
            PhoneRecord(p.number_as_published, p.e164, p.dial, p.is_24_7) for p in row.phones
        ),
        confidence=row.confidence,
        area_powiats=frozenset(a.code for a in row.areas if a.kind == "powiat"),
        verified_on=row.verified_on,
        status=row.status,
        source_stale=row.source_stale,
        possibly_closed=row.possibly_closed,
        hidden_reason=row.hidden_reason,
    )


class DirectoryStore:
    """Loads what residents may see (status active) from the database and ranks it."""

    def __init__(self, engine: Engine) -> None:
        """Use `engine` for every query."""
        self.engine = engine

    def active_services(self) -> list[ServiceRecord]:
        """Every active service with its phones, areas and location point.

        Served from memory while the directory's version is unchanged (one small query per
        call, so an edit made by any instance on the same database shows in the next referral)
        and no older than ACTIVE_SERVICES_MAX_AGE_SECONDS.
        """
        return list(self._snapshot().services)

    def has_unconfirmed_local(self, powiat: str) -> bool:
        """Whether a researched local entry serves `powiat` but waits for verification (so a
        resident is told "no confirmed centre", not "no centre")."""
        return powiat in self._snapshot().unconfirmed_powiats

    def _snapshot(self) -> _Snapshot:
        version = directory_version(self.engine)
        snapshot = _snapshots.get(self.engine)
        if snapshot is None or not self._fresh(snapshot, version):
            with _reload_lock:
                snapshot = _snapshots.get(self.engine)
                if snapshot is None or not self._fresh(snapshot, version):
                    # The version is read before the services: the copy is at least that new,
                    # and a change committed in between only causes one more reload.
                    snapshot = _Snapshot(
                        version,
                        time.monotonic(),
                        _load_active_services(self.engine),
                        _load_unconfirmed_powiats(self.engine),
                    )
                    _snapshots[self.engine] = snapshot
        return snapshot

    @staticmethod
    def _fresh(snapshot: _Snapshot, version: tuple[object, ...]) -> bool:
        age = time.monotonic() - snapshot.loaded_at
        return snapshot.version == version and age < ACTIVE_SERVICES_MAX_AGE_SECONDS

    def options_for(self, request: OptionsRequest) -> list[Option]:
        """The ranked options for `request` among the stored active services."""
        return rank_options(self.active_services(), request)

    def handover_points(
        self, origin: tuple[float, float], at: datetime, lang: str, *, powiat: str | None = None
    ) -> Handover:
        """Where a responder at `origin` can hand a person over at `at` (same visibility)."""
        return rank_handover_points(self.active_services(), origin, at, lang, powiat=powiat)


def current_emergency_options(
    engine: Engine | None, lang: str, kinds: Iterable[EmergencyKind] = ()
) -> list[Option]:
    """The block as the database has it now; the bundled copy when it cannot be read."""
    if engine is None:
        return emergency_options(lang, kinds)
    try:
        services = DirectoryStore(engine).active_services()
    except (sqlalchemy_errors.SQLAlchemyError, OSError) as error:
        logger.warning("emergency lines from the bundled copy: %s", type(error).__name__)
        return emergency_options(lang, kinds)
    return emergency_options(lang, kinds, services)
