"""Signing in to the web panel: one-time links, sessions and CSRF tokens (no passwords anywhere).

A linked staff member or an administrator gets a sign-in link from the bot (`/panel`) or from
`python -m directory panel-link`. The link holds a random token valid for 15 minutes and usable
once; the database keeps only its SHA-256, as it keeps only the SHA-256 of the session cookie that
the link is exchanged for. What a session may do is worked out afresh on every request from the
staff links and administrator grants (directory.access), never from what it could do at sign-in:
a revoked link or grant ends the panel's rights at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final
from urllib.parse import quote

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from directory.access import Access, access_for
from directory.clock import utc_now
from directory.i18n import N_, TranslatedError
from directory.models import PanelSession, PanelSignInLink, use_once

SIGN_IN_LINK_TTL: Final = timedelta(minutes=15)
# A session ends after this much inactivity, and in any case this long after sign-in.
SESSION_IDLE_TIMEOUT: Final = timedelta(minutes=30)
SESSION_MAX_AGE: Final = timedelta(hours=8)
TOKEN_BYTES: Final = 32  # 256 bits: guessing is hopeless, so a fast unsalted hash is enough
MAX_TOKEN_CHARS: Final = 128
# Used links and ended sessions are deleted this long after they stop mattering.
KEEP_ENDED: Final = timedelta(days=1)
SIGN_IN_PATH: Final = "/panel/sign-in"
CSRF_CONTEXT: Final = b"drogowskaz panel csrf v1"


class PanelRole(StrEnum):
    """The most a panel session may do: its own organisations' entries, or everything."""

    STAFF = "staff"
    ADMIN = "admin"


class SignInError(TranslatedError):
    """A sign-in link cannot be used or issued; `text(lang)` says why in the person's language."""


INVALID_LINK: Final = N_("This sign-in link is not valid. Ask the bot for a new one with /panel.")
USED_LINK: Final = N_(
    "This sign-in link has already been used. Ask the bot for a new one with /panel."
)
EXPIRED_LINK: Final = N_("This sign-in link has expired. Ask the bot for a new one with /panel.")
NO_RIGHTS: Final = N_(
    "This account is no longer linked to a help centre or an administrator, so it cannot sign in."
)


@dataclass(frozen=True)
class SignInLink:
    """A freshly issued link: the token is shown once and never stored."""

    token: str
    telegram_user_id: int
    role: PanelRole
    expires_at: datetime

    def url(self, base_url: str, lang: str | None = None) -> str:
        """The link under the panel's public base URL (e.g. https://pomoc.example.org), opening
        the panel in `lang` if given."""
        return sign_in_url(base_url, self.token, lang)


@dataclass(frozen=True)
class NewSession:
    """A session just made from a sign-in link: the cookie value is shown once."""

    token: str
    telegram_user_id: int
    role: PanelRole
    expires_at: datetime


@dataclass(frozen=True)
class PanelUser:
    """Who a request comes from: the account, its session's role and what it may do now."""

    session_id: int
    telegram_user_id: int
    role: PanelRole
    access: Access
    expires_at: datetime
    language: str | None = None

    @property
    def is_admin(self) -> bool:
        """Whether this session may do everything an administrator may."""
        return self.access.is_admin

    @property
    def actor(self) -> str:
        """The audit trail's name for this person (the same form as in the chat)."""
        return f"{'admin' if self.is_admin else 'staff'}:{self.telegram_user_id}"


def hash_token(token: str) -> str:
    """SHA-256 of a token (what the database holds)."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_token() -> str:
    """A fresh random URL-safe token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def sign_in_url(base_url: str, token: str, lang: str | None = None) -> str:
    """The panel's sign-in page for `token` under `base_url` (in `lang` if given)."""
    url = f"{base_url.rstrip('/')}{SIGN_IN_PATH}?token={quote(token, safe='')}"
    return f"{url}&lang={quote(lang, safe='')}" if lang else url


def role_access(access: Access, role: PanelRole) -> Access:
    """What a session of `role` may do, given what its account may do now (never more)."""
    if role is PanelRole.ADMIN:
        return access
    return Access(is_admin=False, organization_ids=access.organization_ids)


def holds_role(access: Access, role: PanelRole) -> bool:
    """Whether an account with `access` may have a session of `role`."""
    return access.is_admin if role is PanelRole.ADMIN else access.is_staff


def best_role(access: Access) -> PanelRole | None:
    """The role a sign-in link from the bot gets: administrator if one, else staff, else None."""
    if access.is_admin:
        return PanelRole.ADMIN
    if access.is_staff:
        return PanelRole.STAFF
    return None


def create_sign_in_link(
    session: Session,
    telegram_user_id: int,
    role: PanelRole,
    *,
    admin_ids: Iterable[int] = (),
    now: datetime | None = None,
) -> SignInLink:
    """A new one-time link for an account that holds `role` now (SignInError otherwise)."""
    now = now or utc_now()
    if not holds_role(access_for(session, telegram_user_id, admin_ids), role):
        raise SignInError(NO_RIGHTS)
    purge_expired(session, now)
    token = new_token()
    row = PanelSignInLink(
        token_hash=hash_token(token),
        telegram_user_id=telegram_user_id,
        role=role.value,
        created_at=now,
        expires_at=now + SIGN_IN_LINK_TTL,
    )
    session.add(row)
    session.flush()
    return SignInLink(token, telegram_user_id, role, row.expires_at)


def redeem_sign_in_link(
    session: Session,
    token: str,
    *,
    admin_ids: Iterable[int] = (),
    now: datetime | None = None,
    language: str | None = None,
) -> NewSession:
    """Use a link once: a new session for its account (SignInError if not valid now).

    The link is consumed with one conditional UPDATE, so two requests racing with the same link
    cannot both get a session."""
    now = now or utc_now()
    token = token.strip()
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise SignInError(INVALID_LINK)
    link = session.scalar(
        select(PanelSignInLink).where(PanelSignInLink.token_hash == hash_token(token))
    )
    if link is None:
        raise SignInError(INVALID_LINK)
    if link.used_at is not None:
        raise SignInError(USED_LINK)
    if link.expires_at <= now:
        raise SignInError(EXPIRED_LINK)
    if not use_once(session, PanelSignInLink, link.id, now):
        raise SignInError(USED_LINK)
    role = PanelRole(link.role)
    if not holds_role(access_for(session, link.telegram_user_id, admin_ids), role):
        raise SignInError(NO_RIGHTS)
    session_token = new_token()
    row = PanelSession(
        token_hash=hash_token(session_token),
        telegram_user_id=link.telegram_user_id,
        role=role.value,
        created_at=now,
        last_seen_at=now,
        expires_at=min(now + SESSION_IDLE_TIMEOUT, now + SESSION_MAX_AGE),
        language=language,
    )
    session.add(row)
    session.flush()
    return NewSession(session_token, link.telegram_user_id, role, row.expires_at)


def resume_session(
    session: Session,
    token: str | None,
    *,
    admin_ids: Iterable[int] = (),
    now: datetime | None = None,
) -> PanelUser | None:
    """The signed-in user of a session cookie, with what they may do now; None if the session
    is unknown, ended, expired, or its account holds its role no longer. Extends an idle
    session (up to SESSION_MAX_AGE after sign-in)."""
    now = now or utc_now()
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    row = session.scalar(select(PanelSession).where(PanelSession.token_hash == hash_token(token)))
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    role = PanelRole(row.role)
    access = access_for(session, row.telegram_user_id, admin_ids)
    if not holds_role(access, role):
        row.ended_at = now
        session.flush()
        return None
    row.last_seen_at = now
    row.expires_at = min(now + SESSION_IDLE_TIMEOUT, row.created_at + SESSION_MAX_AGE)
    session.flush()
    return PanelUser(
        row.id,
        row.telegram_user_id,
        role,
        role_access(access, role),
        row.expires_at,
        row.language,
    )


def set_session_language(session: Session, session_id: int, language: str) -> None:
    """Remember the language a signed-in person chose for the panel."""
    row = session.get(PanelSession, session_id)
    if row is not None:
        row.language = language
        session.flush()


def end_session(session: Session, token: str | None, *, now: datetime | None = None) -> bool:
    """Sign out: the session cookie stops working; False if it was not a live session."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return False
    now = now or utc_now()
    ended = session.execute(
        update(PanelSession)
        .where(PanelSession.token_hash == hash_token(token), PanelSession.ended_at.is_(None))
        .values(ended_at=now)
        .execution_options(synchronize_session=False)
    )
    return getattr(ended, "rowcount", 0) == 1


def purge_expired(session: Session, now: datetime | None = None) -> int:
    """Delete links and sessions that ended or expired more than KEEP_ENDED ago."""
    cutoff = (now or utc_now()) - KEEP_ENDED
    links = session.execute(
        delete(PanelSignInLink)
        .where(or_(PanelSignInLink.expires_at < cutoff, PanelSignInLink.used_at < cutoff))
        .execution_options(synchronize_session=False)
    )
    sessions = session.execute(
        delete(PanelSession)
        .where(or_(PanelSession.expires_at < cutoff, PanelSession.ended_at < cutoff))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(links, "rowcount", 0)) + int(getattr(sessions, "rowcount", 0))


def csrf_token(session_token: str) -> str:
    """The CSRF token of a session: an HMAC keyed by its cookie, so it is never stored and a
    page of one session is useless to another."""
    return hmac.new(session_token.encode("utf-8"), CSRF_CONTEXT, hashlib.sha256).hexdigest()


def csrf_valid(session_token: str | None, given: str | None) -> bool:
    """Whether `given` is the CSRF token of `session_token` (constant-time comparison)."""
    if not session_token or not given:
        return False
    return hmac.compare_digest(csrf_token(session_token), given.strip())
