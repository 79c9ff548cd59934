"""The directory's storage schema (SQLAlchemy 2 typed ORM), with Open Referral HSDS names."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Text,
    false,
    select,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)
from sqlalchemy.types import TypeDecorator

from directory.clock import utc_now

# The stored values live with the pure rules; imported from here by the code that stores them.
from directory.vocabulary import AreaKind as AreaKind
from directory.vocabulary import ServiceKind as ServiceKind
from directory.vocabulary import ServiceScope as ServiceScope
from directory.vocabulary import ServiceStatus as ServiceStatus

# Explicit constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored in UTC; SQLite drops the zone, so it is restored."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes (their meaning is ambiguous) and store UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a timezone-aware column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return an aware datetime in UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of every directory table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UtcDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Organization(Base):
    """A body that runs one or more services (HSDS organization)."""

    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    services: Mapped[list[Service]] = relationship(back_populates="organization")


class Service(Base):
    """One way to get help: a helpline, a crisis centre, a shelter, 112 (HSDS service)."""

    __tablename__ = "services"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name_pl: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24), index=True)
    hours: Mapped[str | None] = mapped_column(Text)
    hours_as_published: Mapped[str | None] = mapped_column(Text)
    crisis_types: Mapped[list[str]] = mapped_column(default=list)
    audience: Mapped[list[str]] = mapped_column(default=list)
    # The situations a line is only or mainly for (directory.crisis.Need values or crisis types),
    # from its published topics; empty: any situation of its crisis types (directory.referral).
    topics: Mapped[list[str]] = mapped_column(default=list)
    languages: Mapped[list[str]] = mapped_column(default=list)
    contact_modes: Mapped[list[str]] = mapped_column(default=list)
    url: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    notice: Mapped[str | None] = mapped_column(Text)
    free_of_charge: Mapped[bool | None] = mapped_column(Boolean)
    confidence: Mapped[str] = mapped_column(String(16))
    source_urls: Mapped[list[str]] = mapped_column(default=list)
    source_date: Mapped[str | None] = mapped_column(Text)
    verified_on: Mapped[date | None] = mapped_column(Date)
    verified_by: Mapped[str | None] = mapped_column(Text)
    caveats: Mapped[str | None] = mapped_column(Text)
    # The researcher's flags (directory.visibility): a source older than the stale limit, and a
    # centre that may have closed (planned, project-funded, announced but not confirmed open).
    source_stale: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    possibly_closed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Why an administrator (or the build) keeps the entry from residents; it leaves the queue.
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    organization: Mapped[Organization] = relationship(back_populates="services")
    phones: Mapped[list[Phone]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Phone.id"
    )
    locations: Mapped[list[Location]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Location.id"
    )
    areas: Mapped[list[ServiceArea]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServiceArea.id"
    )

    __table_args__ = (Index("ix_services_status_scope", "status", "scope"),)


class Location(Base):
    """Where a service (or its organization) can be found in person."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    service_id: Mapped[str | None] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    address: Mapped[str | None] = mapped_column(Text)
    postal_code: Mapped[str | None] = mapped_column(String(16))
    town: Mapped[str | None] = mapped_column(Text)
    powiat: Mapped[str | None] = mapped_column(String(4), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    point_source: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service | None] = relationship(back_populates="locations")


class Phone(Base):
    """A number to call, as published and normalised."""

    __tablename__ = "phones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    number_as_published: Mapped[str] = mapped_column(Text)
    e164: Mapped[str | None] = mapped_column(String(32))
    dial: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    is_24_7: Mapped[bool | None] = mapped_column(Boolean)
    # This number's own opening hours (an opening_hours expression; "unknown" when the source
    # gives none) where they differ from the service's, as HSDS puts a schedule on a phone:
    # a 24-hour line beside an office number. NULL: the service's hours.
    hours: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="phones")


class ServiceArea(Base):
    """A territory a service serves: the whole country, a voivodeship or a powiat (TERYT code)."""

    __tablename__ = "service_areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(8))

    service: Mapped[Service] = relationship(back_populates="areas")

    __table_args__ = (Index("ix_service_areas_kind_code", "kind", "code"),)


class PendingChange(Base):
    """A value proposed for a service that residents do not see until an administrator approves
    it (a phone number from a centre's staff); the live value stays in place meanwhile."""

    __tablename__ = "pending_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(64))
    # Canonical values as JSON text (directory.audit.encode): the proposal, and the live value
    # it was proposed against (a later change to the live value is shown as a conflict).
    value: Mapped[str | None] = mapped_column(Text)
    based_on: Mapped[str | None] = mapped_column(Text)
    proposed_by: Mapped[str] = mapped_column(Text)
    proposed_at: Mapped[datetime] = mapped_column(default=utc_now)
    change_id: Mapped[str] = mapped_column(String(64))


class AuditLog(Base):
    """One changed field of one entity: who, when, old and new value (JSON text)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    change_id: Mapped[str] = mapped_column(String(64), index=True)

    __table_args__ = (Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),)


class ConversationState(Base):
    """A resident's dialogue state, keyed by an HMAC of the chat id (never the id itself)."""

    __tablename__ = "conversation_state"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    expires_at: Mapped[datetime] = mapped_column(index=True)


# What a usage counter counts: events with equal values in these columns, in the same hour,
# are one row with a count (docs/privacy.md, "Usage without linkage").
USAGE_KEY_COLUMNS: tuple[str, ...] = (
    "hour",
    "channel",
    "language",
    "event",
    "place_outcome",
    "powiat",
    "crisis",
    "emergency_first",
    "options_shown",
    "scopes",
    "more_pressed",
    "change_place_pressed",
    "helpful",
)
# What a counter's column holds when an event does not say (the columns' own defaults).
USAGE_DEFAULTS: dict[str, Any] = {
    "emergency_first": False,
    "options_shown": 0,
    "scopes": {},
    "more_pressed": False,
    "change_place_pressed": False,
}


def usage_bucket(values: Mapping[str, Any]) -> str:
    """The counter's key for these column values: a hash of them, never a sequence number.

    Privacy: the key says nothing about when in the hour, or after which other event, the
    events happened; equal events of one hour share it, whoever caused them.
    """
    canonical: dict[str, Any] = {}
    for name in USAGE_KEY_COLUMNS:
        value = values.get(name)
        if value is None:
            value = USAGE_DEFAULTS.get(name)
        if isinstance(value, datetime):
            aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
            value = aware.astimezone(UTC).isoformat()
        canonical[name] = value
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _default_bucket(context: Any) -> str:
    return usage_bucket(context.get_current_parameters())


class UsageEvent(Base):
    """An anonymous usage counter: how many events of one kind happened in one hour.

    Privacy: no chat id, user id, name or free text, ever; and no sequence: events are counted
    into hourly buckets, so the rows cannot be put back together into one person's session.
    """

    __tablename__ = "usage_events"
    # SQLite keeps such a table in key order (a hash), not in the order rows were added.
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy reads it

    bucket: Mapped[str] = mapped_column(String(64), primary_key=True, default=_default_bucket)
    count: Mapped[int] = mapped_column(Integer, default=1)
    hour: Mapped[datetime] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    event: Mapped[str] = mapped_column(String(32), index=True)
    place_outcome: Mapped[str | None] = mapped_column(String(16))
    powiat: Mapped[str | None] = mapped_column(String(4))
    crisis: Mapped[str | None] = mapped_column(String(16))
    emergency_first: Mapped[bool] = mapped_column(Boolean, default=False)
    options_shown: Mapped[int] = mapped_column(Integer, default=0)
    scopes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    more_pressed: Mapped[bool] = mapped_column(Boolean, default=False)
    change_place_pressed: Mapped[bool] = mapped_column(Boolean, default=False)
    helpful: Mapped[bool | None] = mapped_column(Boolean)


class StaffInvite(Base):
    """A one-time code (stored hashed) that links a Telegram account to an organization's staff."""

    __tablename__ = "staff_invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
    created_by: Mapped[str | None] = mapped_column(Text)


class StaffLink(Base):
    """A Telegram account allowed to edit one organization's entries."""

    __tablename__ = "staff_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    linked_at: Mapped[datetime] = mapped_column(default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column()


class Admin(Base):
    """A Telegram account allowed to verify and edit any entry."""

    __tablename__ = "admins"

    telegram_user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    granted_at: Mapped[datetime] = mapped_column(default=utc_now)
    granted_by: Mapped[str | None] = mapped_column(Text)


class PanelSignInLink(Base):
    """A one-time web panel sign-in link (only its SHA-256 is kept), for one Telegram account."""

    __tablename__ = "panel_sign_in_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # "staff" or "admin": the most the session made from this link may do.
    role: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None] = mapped_column()


class PanelSession(Base):
    """A signed-in web panel session (only the SHA-256 of its cookie is kept)."""

    __tablename__ = "panel_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    role: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None] = mapped_column()
    language: Mapped[str | None] = mapped_column(String(8))


ROW_BOOKKEEPING = frozenset({"created_at", "updated_at"})


def data_columns(model: type[Base]) -> tuple[str, ...]:
    """The names of `model`'s columns that hold its data, in table order: not its key, not links
    to other rows, not the created/updated timestamps."""
    return tuple(
        column.name
        for column in model.__table__.columns
        if not (column.primary_key or column.foreign_keys or column.name in ROW_BOOKKEEPING)
    )


def use_once(
    session: Session, model: type[StaffInvite] | type[PanelSignInLink], row_id: int, now: datetime
) -> bool:
    """Mark a single-use invite or sign-in link used at `now`; False when another request did."""
    # One conditional UPDATE, so two requests racing with the same code cannot both succeed.
    consumed = session.execute(
        update(model)
        .where(model.id == row_id, model.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return getattr(consumed, "rowcount", 0) == 1


def services_with_details() -> Select[Service]:
    """Services in id order with their phones, locations, areas and organisation, loaded in a few
    queries (not one per service and relationship)."""
    return (
        select(Service)
        .options(
            selectinload(Service.phones),
            selectinload(Service.locations),
            selectinload(Service.areas),
            selectinload(Service.organization),
        )
        .order_by(Service.id)
    )
