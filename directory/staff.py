"""Linking centre staff to their organisation: one-time invite codes (stored hashed) and links."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.audit import new_change_id, record_change
from directory.clock import utc_now
from directory.i18n import N_, TranslatedError
from directory.models import Organization, StaffInvite, StaffLink, use_once

DEEP_LINK_PREFIX: Final = "staff-"
# No 0/O, 1/I/L: codes are read aloud and typed by hand.
CODE_ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH: Final = 16  # about 79 bits: guessing is hopeless, so a fast hash is enough
DEFAULT_EXPIRY: Final = timedelta(days=7)
MAX_EXPIRY: Final = timedelta(days=90)
DURATION: Final = re.compile(r"^\s*(\d+)\s*([dhm])\s*$", re.IGNORECASE)


class InviteError(TranslatedError):
    """An invite code cannot be used; `text(lang)` says why in the person's language."""


@dataclass(frozen=True)
class Invite:
    """A freshly created invite: the code is shown once and never stored."""

    id: int
    code: str
    organization_id: str
    expires_at: datetime


@dataclass(frozen=True)
class InviteView:
    """A stored invite as administrators see it (no code: only its hash is kept)."""

    id: int
    organization_id: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    created_by: str | None

    def state(self, now: datetime) -> str:
        """'used', 'expired' or 'open'."""
        if self.used_at is not None:
            return "used"
        return "expired" if self.expires_at <= now else "open"


def normalise_code(code: str) -> str:
    """The code as stored before hashing: without the deep-link prefix, spaces or dashes."""
    text = code.strip()
    if text.lower().startswith(DEEP_LINK_PREFIX):
        text = text[len(DEEP_LINK_PREFIX) :]
    return re.sub(r"[\s\-]", "", text).upper()


def hash_code(code: str) -> str:
    """SHA-256 of the normalised code (what the database holds)."""
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()


def parse_duration(text: str) -> timedelta:
    """'7d', '12h' or '30m' as a timedelta; ValueError if malformed or beyond MAX_EXPIRY."""
    match = DURATION.match(text)
    if match is None:
        raise ValueError(f"expected a duration like 7d, 12h or 30m, got {text!r}")
    amount = int(match.group(1))
    unit = match.group(2).lower()
    duration = {
        "d": timedelta(days=amount),
        "h": timedelta(hours=amount),
        "m": timedelta(minutes=amount),
    }[unit]
    if duration <= timedelta(0) or duration > MAX_EXPIRY:
        raise ValueError(f"the expiry must be between 1 minute and {MAX_EXPIRY.days} days")
    return duration


def deep_link(bot_username: str, code: str) -> str:
    """The t.me link that starts the bot with the invite (`/start staff-CODE`)."""
    return f"https://t.me/{bot_username.lstrip('@')}?start={DEEP_LINK_PREFIX}{code}"


def create_invite(
    session: Session,
    organization_id: str,
    *,
    expires_in: timedelta = DEFAULT_EXPIRY,
    created_by: str = "cli",
    now: datetime | None = None,
) -> Invite:
    """A new single-use code for `organization_id`; ValueError if no such organisation."""
    if session.get(Organization, organization_id) is None:
        raise ValueError(f"no organisation with id {organization_id!r}")
    now = now or utc_now()
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    row = StaffInvite(
        organization_id=organization_id,
        code_hash=hash_code(code),
        created_at=now,
        expires_at=now + expires_in,
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    record_change(
        session,
        actor=created_by,
        entity="staff_invite",
        entity_id=organization_id,
        field="invite",
        old_value=None,
        new_value={"invite_id": row.id, "expires_at": row.expires_at.isoformat()},
        change_id=new_change_id(),
        at=now,
    )
    return Invite(row.id, code, organization_id, row.expires_at)


def redeem_invite(
    session: Session, code: str, telegram_user_id: int, *, now: datetime | None = None
) -> StaffLink:
    """Use a code: link the Telegram user to the invite's organisation (InviteError if not valid).

    The code is consumed with one conditional UPDATE, so two people racing with the same code
    cannot both succeed."""
    now = now or utc_now()
    normalised = normalise_code(code)
    if not normalised or len(normalised) > 64:
        raise InviteError(N_("This invite code is not valid."))
    invite = session.scalar(select(StaffInvite).where(StaffInvite.code_hash == hash_code(code)))
    if invite is None:
        raise InviteError(N_("This invite code is not valid."))
    if invite.used_at is not None:
        raise InviteError(N_("This invite code has already been used. Ask for a new one."))
    if invite.expires_at <= now:
        raise InviteError(N_("This invite code has expired. Ask for a new one."))
    if not use_once(session, StaffInvite, invite.id, now):
        raise InviteError(N_("This invite code has already been used. Ask for a new one."))
    session.expire(invite)
    existing = session.scalar(
        select(StaffLink).where(
            StaffLink.telegram_user_id == telegram_user_id,
            StaffLink.organization_id == invite.organization_id,
            StaffLink.revoked_at.is_(None),
        )
    )
    link = existing or StaffLink(
        telegram_user_id=telegram_user_id, organization_id=invite.organization_id, linked_at=now
    )
    session.add(link)
    session.flush()
    record_change(
        session,
        actor=f"staff:{telegram_user_id}",
        entity="staff_link",
        entity_id=invite.organization_id,
        field="linked",
        old_value=None,
        new_value={"link_id": link.id, "invite_id": invite.id},
        change_id=new_change_id(),
        at=now,
    )
    return link


def list_links(
    session: Session, organization_id: str | None = None, *, include_revoked: bool = False
) -> list[StaffLink]:
    """Staff links, oldest first; one organisation's if given."""
    query = select(StaffLink).order_by(StaffLink.linked_at, StaffLink.id)
    if organization_id is not None:
        query = query.where(StaffLink.organization_id == organization_id)
    if not include_revoked:
        query = query.where(StaffLink.revoked_at.is_(None))
    return list(session.scalars(query))


def list_invites(session: Session, organization_id: str | None = None) -> list[InviteView]:
    """Invites (without codes), newest first; one organisation's if given."""
    query = select(StaffInvite).order_by(StaffInvite.created_at.desc(), StaffInvite.id.desc())
    if organization_id is not None:
        query = query.where(StaffInvite.organization_id == organization_id)
    return [
        InviteView(
            row.id, row.organization_id, row.created_at, row.expires_at, row.used_at, row.created_by
        )
        for row in session.scalars(query)
    ]


def revoke_link(
    session: Session,
    telegram_user_id: int,
    organization_id: str | None = None,
    *,
    actor: str = "cli",
    now: datetime | None = None,
) -> int:
    """End a user's staff links (for one organisation, or all); returns how many were ended."""
    now = now or utc_now()
    links = [
        link
        for link in list_links(session, organization_id)
        if link.telegram_user_id == telegram_user_id
    ]
    change_id = new_change_id()
    for link in links:
        link.revoked_at = now
        record_change(
            session,
            actor=actor,
            entity="staff_link",
            entity_id=link.organization_id,
            field="revoked",
            old_value={"link_id": link.id},
            new_value=None,
            change_id=change_id,
            at=now,
        )
    session.flush()
    return len(links)


def revoke_invite(
    session: Session, invite_id: int, *, actor: str = "cli", now: datetime | None = None
) -> bool:
    """Make an unused invite expire now; False if there is no such open invite."""
    now = now or utc_now()
    invite = session.get(StaffInvite, invite_id)
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return False
    old_expiry = invite.expires_at
    invite.expires_at = now
    record_change(
        session,
        actor=actor,
        entity="staff_invite",
        entity_id=invite.organization_id,
        field="revoked",
        old_value={"invite_id": invite.id, "expires_at": old_expiry.isoformat()},
        new_value={"invite_id": invite.id, "expires_at": now.isoformat()},
        change_id=new_change_id(),
        at=now,
    )
    session.flush()
    return True
