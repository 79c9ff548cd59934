"""A daily reminder to linked staff whose entries have not been verified for a while.

One message per staff member and organisation, with a one-tap "still correct" button (handled by
bot.staff, which authorises the press again). A person is reminded at most once a week, tracked
in the conversation-state table under an HMAC key, so no Telegram id is stored in clear.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Final

from babel.dates import format_date
from sqlalchemy import or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.events import Button, Reply
from bot.render import close_turn, esc
from bot.state import state_key
from bot.telegram_send import send_reply
from directory.clock import WARSAW, utc_now
from directory.i18n import DEFAULT_LANGUAGE, translator
from directory.models import ConversationState, Service, ServiceStatus, StaffLink
from directory.store import current_emergency_options

if TYPE_CHECKING:
    from bot.telegram_send import AnyApplication

logger = logging.getLogger(__name__)

JOB_NAME: Final = "staff-reminders"
DEFAULT_TIME: Final = time(9, 0, tzinfo=WARSAW)
REMIND_EVERY: Final = timedelta(days=7)
KEY_PREFIX: Final = "remind-"
BUTTON_PREFIX: Final = "st:co:"
# Entries residents may see, or that a centre could bring back: defunct ones need no reminder.
REMINDED_STATUSES: Final = (
    ServiceStatus.ACTIVE.value,
    ServiceStatus.TEMPORARILY_CLOSED.value,
    ServiceStatus.UNVERIFIED.value,
)


@dataclass(frozen=True)
class StaleEntry:
    """One service whose last verification is too old (or missing)."""

    service_id: str
    name: str
    verified_on: date | None


@dataclass(frozen=True)
class Reminder:
    """What to send one staff member about one organisation."""

    telegram_user_id: int
    organization_id: str
    entries: tuple[StaleEntry, ...]


def stale_reminders(session: Session, today: date, stale_after_days: int) -> list[Reminder]:
    """Every (linked staff member, organisation) with entries not verified for
    `stale_after_days` days."""
    cutoff = today - timedelta(days=stale_after_days)
    stale = session.scalars(
        select(Service)
        .where(
            Service.status.in_(REMINDED_STATUSES),
            or_(Service.verified_on.is_(None), Service.verified_on <= cutoff),
        )
        .order_by(Service.id)
    ).all()
    by_org: dict[str, list[StaleEntry]] = {}
    for service in stale:
        by_org.setdefault(service.organization_id, []).append(
            StaleEntry(service.id, service.name_pl, service.verified_on)
        )
    links = session.scalars(
        select(StaffLink)
        .where(StaffLink.revoked_at.is_(None), StaffLink.organization_id.in_(sorted(by_org)))
        .order_by(StaffLink.telegram_user_id, StaffLink.organization_id)
    ).all()
    return [
        Reminder(link.telegram_user_id, link.organization_id, tuple(by_org[link.organization_id]))
        for link in links
    ]


def reminder_reply(reminder: Reminder, lang: str = DEFAULT_LANGUAGE) -> Reply:
    """The reminder message with its one-tap "still correct" button."""
    _ = translator(lang).gettext
    lines = [
        "⏰ <b>" + esc(_("Is your entry in Drogowskaz still correct?")) + "</b>",
        esc(
            _(
                "Residents in crisis rely on these details. They have not been confirmed "
                "for a while:"
            )
        ),
    ]
    for entry in reminder.entries:
        if entry.verified_on is None:
            when = _("never verified")
        else:
            when = _("last verified: %(date)s") % {
                "date": format_date(entry.verified_on, format="medium", locale=lang)
            }
        lines.append(f"• {esc(entry.name)} ({esc(when)})")
    lines.append(esc(_("If something has changed, use /edit. To see the entry: /entry.")))
    button = Button("✅ " + _("Still correct"), BUTTON_PREFIX + reminder.organization_id)
    return Reply(text="\n".join(lines), buttons=((button,),))


def _reminded_key(settings: Settings, reminder: Reminder) -> str:
    return (
        KEY_PREFIX
        + state_key(settings.state_secret, reminder.telegram_user_id)[:48]
        + "-"
        + reminder.organization_id[:32]
    )


def due_reminders(engine: Engine, settings: Settings, now: datetime) -> list[Reminder]:
    """Reminders to send now, marking each as sent (at most one a week per person and centre)."""
    today = now.astimezone(WARSAW).date()
    due = []
    with Session(engine) as session, session.begin():
        for reminder in stale_reminders(session, today, settings.stale_after_days):
            key = _reminded_key(settings, reminder)
            row = session.get(ConversationState, key)
            if row is not None and row.expires_at > now:
                continue
            if row is None:
                session.add(
                    ConversationState(
                        key=key, data={}, updated_at=now, expires_at=now + REMIND_EVERY
                    )
                )
            else:
                row.updated_at = now
                row.expires_at = now + REMIND_EVERY
            due.append(reminder)
    return due


async def send_reminders(
    application: AnyApplication,
    engine: Engine,
    settings: Settings,
    now: datetime | None = None,
) -> int:
    """Message every staff member with stale entries; returns how many messages were sent."""
    moment = now or utc_now()
    due = await asyncio.to_thread(due_reminders, engine, settings, moment)
    if not due:
        return 0
    # Like every message of the bot, a reminder ends with 112 and a national 24/7 line.
    lines = await asyncio.to_thread(current_emergency_options, engine, DEFAULT_LANGUAGE)
    sent = 0
    for reminder in due:
        try:
            for reply in close_turn([reminder_reply(reminder)], lines, DEFAULT_LANGUAGE):
                await send_reply(application, reminder.telegram_user_id, reply)
            sent += 1
        except Exception as error:
            # A blocked bot or a deleted account must not stop the others' reminders.
            logger.warning("reminder not delivered: %s", type(error).__name__)
    return sent


def _engine_for(application: AnyApplication, settings: Settings) -> Engine:
    engine: Engine | None = application.bot_data.get("reminder_engine")
    if engine is None:
        from directory.db import open_database

        engine = open_database(settings.database_url)
        application.bot_data["reminder_engine"] = engine
    return engine


def schedule_reminders(
    application: AnyApplication,
    settings: Settings,
    engine: Engine | None = None,
    *,
    at: time = DEFAULT_TIME,
) -> Any:
    """Run `send_reminders` every day at `at` (Warsaw time) on PTB's JobQueue; returns the Job."""
    job_queue = application.job_queue
    if job_queue is None:
        logger.warning("no JobQueue (install python-telegram-bot[job-queue]): no staff reminders")
        return None

    async def job(_context: Any) -> None:
        try:
            target = (
                engine
                if engine is not None
                else await asyncio.to_thread(_engine_for, application, settings)
            )
            await send_reminders(application, target, settings)
        except Exception as error:
            logger.error("staff reminders failed: %s", type(error).__name__)

    return job_queue.run_daily(job, time=at, name=JOB_NAME)
