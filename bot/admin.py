"""Administrators' commands: /stats (anonymised usage) and /coverage (summary and map).

Registered with the conversation's command registry on import. Every call is authorised afresh
(directory.access): configured ADMIN_TELEGRAM_IDS or the `admins` table. Anyone else gets a
polite refusal that still ends with 112 and the national 24/7 lines.

Also here: the daily job that deletes usage events older than the retention period.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from bot.config import Settings
from bot.conversation import CommandContext, register_command
from bot.events import Reply
from bot.render import esc, render_emergency_block
from directory.access import access_for
from directory.coverage import coverage_report, summary_lines
from directory.crisis import CrisisType
from directory.db import create_engine_for, database_url_from_env
from directory.emergency import current_emergency_options
from directory.i18n import N_, translator
from directory.retention import purge_usage_events
from directory.usage_report import (
    MIN_K,
    Dimension,
    Measure,
    UsageReport,
    column_label,
    last_days,
    nested_usage_reports,
    suppression_note,
)

if TYPE_CHECKING:
    from telegram.ext import CallbackContext, Job

logger = logging.getLogger(__name__)

STATS_PERIODS: Final = (7, 30)
RETENTION_JOB_NAME: Final = "usage-retention"
RETENTION_INTERVAL: Final = timedelta(days=1)
RETENTION_FIRST_RUN: Final = timedelta(minutes=5)

REFUSAL: Final = N_(
    "Sorry, this command is only for the directory's administrators. "
    "If you are looking for help, here is where to find it right now:"
)
STATS_TITLE: Final = N_("Usage statistics")
STATS_PERIOD: Final = N_("Last %(days)d days (%(start)s – %(end)s)")
COVERAGE_TITLE: Final = N_("Coverage of the directory, as of %(date)s")
COVERAGE_DETAILS: Final = N_(
    "Per powiat and voivodeship: python -m directory report coverage --format csv"
)
STATS_DESCRIPTION: Final = N_("usage statistics (administrators)")
COVERAGE_DESCRIPTION: Final = N_("coverage map (administrators)")


def refusal(context: CommandContext) -> list[Reply]:
    """The answer to someone who is not an administrator: polite, with 112 and the 24/7 lines
    as the directory has them now."""
    lang = context.lang
    text = esc(translator(lang).gettext(REFUSAL))
    lines = current_emergency_options(context.session.get_bind().engine, lang)
    block = render_emergency_block(lines, lang)
    return [Reply(text=text + "\n\n" + block)]


def _is_admin(context: CommandContext) -> bool:
    access = access_for(context.session, context.event.user_id, context.settings.admin_telegram_ids)
    return access.is_admin


def _line(label: str, display: str) -> str:
    return f"{esc(label)}: <b>{esc(display)}</b>"


def stats_section(report: UsageReport, lang: str) -> str:
    """One period of /stats: conversations by crisis type and the other counts (suppressed)."""
    _ = translator(lang).gettext
    period = _(STATS_PERIOD) % {
        "days": (report.end - report.start).days + 1,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
    }
    total = report.total.cells
    lines = [
        "<b>" + esc(period) + "</b>",
        _line(column_label(Measure.CONVERSATIONS, lang), total[Measure.CONVERSATIONS].display),
    ]
    for crisis in CrisisType:
        cell = report.cell(crisis.value, Measure.CONVERSATIONS)
        lines.append("  • " + _line(column_label(crisis.value, lang), cell.display))
    for measure in (
        Measure.EMERGENCY_FIRST,
        Measure.PLACE_NOT_FOUND,
        Measure.MORE_OPTIONS,
        Measure.CHANGE_PLACE,
        Measure.HELPFUL_YES,
        Measure.HELPFUL_NO,
    ):
        lines.append(_line(column_label(measure, lang), total[measure].display))
    return "\n".join(lines)


def stats_text(reports: list[UsageReport], lang: str) -> str:
    """The whole /stats message."""
    _ = translator(lang).gettext
    sections = ["📊 <b>" + esc(_(STATS_TITLE)) + "</b>"]
    sections += [stats_section(report, lang) for report in reports]
    sections.append("<i>" + esc(suppression_note(reports[0].k, lang)) + "</i>")
    return "\n\n".join(sections)


def on_stats(context: CommandContext) -> list[Reply]:
    """/stats: the last 7 and 30 days, by crisis type, with small counts hidden."""
    if not _is_admin(context):
        return refusal(context)
    k = max(MIN_K, context.settings.suppression_k)
    # Suppressed together: 30 days minus 7 days must not reveal a small count either.
    reports = nested_usage_reports(context.session, STATS_PERIODS, context.now, Dimension.CRISIS, k)
    return [Reply(text=stats_text(list(reports), context.lang))]


def coverage_caption(summary_text: list[str], as_of: date, lang: str) -> str:
    """The caption under the coverage map (fits Telegram's 1024 characters)."""
    _ = translator(lang).gettext
    lines = ["🗺 <b>" + esc(_(COVERAGE_TITLE) % {"date": as_of.isoformat()}) + "</b>"]
    lines += [esc(line) for line in summary_text]
    lines.append("<i>" + esc(_(COVERAGE_DETAILS)) + "</i>")
    return "\n".join(lines)


def on_coverage(context: CommandContext) -> list[Reply]:
    """/coverage: the national figures and the map of the 380 powiats."""
    if not _is_admin(context):
        return refusal(context)
    as_of = last_days(1, context.now)[1]
    report = coverage_report(context.session, as_of, context.settings.stale_after_days)
    caption = coverage_caption(summary_lines(report.summary, context.lang), as_of, context.lang)
    # Imported here: matplotlib is heavy and only administrators need it.
    from directory.charts import coverage_map_png

    return [Reply(text=caption, photo_png=coverage_map_png(report, context.lang))]


register_command("stats", on_stats, description=STATS_DESCRIPTION, audience="admin")
register_command("coverage", on_coverage, description=COVERAGE_DESCRIPTION, audience="admin")


# --- usage retention ------------------------------------------------------------------------


def run_retention(settings: Settings, now: datetime) -> int:
    """Delete usage events older than USAGE_RETENTION_DAYS; never raises (returns -1 on failure)."""
    engine = create_engine_for(settings.database_url or database_url_from_env())
    try:
        return purge_usage_events(engine, now, settings.usage_retention_days)
    except Exception as error:
        logger.warning("usage retention failed: %s", type(error).__name__)
        return -1
    finally:
        engine.dispose()


async def _retention_job(context: CallbackContext[Any, Any, Any, Any]) -> None:
    job = context.job
    if job is None or not isinstance(job.data, Settings):
        return
    settings: Settings = job.data
    deleted = await asyncio.to_thread(run_retention, settings, datetime.now(UTC))
    if deleted >= 0:
        logger.info(
            "usage retention: %d events older than %d days deleted",
            deleted,
            settings.usage_retention_days,
        )


def schedule_retention(
    application: Any, settings: Settings, *, first: timedelta = RETENTION_FIRST_RUN
) -> Job[Any] | None:
    """Run the usage retention once a day on the application's JobQueue (first soon after start)."""
    job_queue = getattr(application, "job_queue", None)
    if job_queue is None:
        logger.warning("no job queue: usage retention runs only alongside conversations")
        return None
    job: Job[Any] = job_queue.run_repeating(
        _retention_job,
        interval=RETENTION_INTERVAL,
        first=first,
        name=RETENTION_JOB_NAME,
        data=settings,
    )
    return job
