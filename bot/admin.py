"""Administrators' commands: /stats (anonymised usage), /coverage (summary and map) and
/verify (the verification queue, one entry at a time, with verify / hide / skip buttons).

Added to the conversation's extensions by `register` (called by the composition root,
bot.__main__). Every call is authorised afresh (directory.access): configured
ADMIN_TELEGRAM_IDS or the `admins` table. Anyone else gets a polite refusal
that still ends with 112 and the national 24/7 lines.

Also here: the daily job that deletes usage events older than the retention period.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from bot.config import Settings
from bot.events import Button, EventKind, Reply
from bot.extensions import CommandContext, Extensions
from bot.render import esc, render_emergency_block
from bot.staff import render_entry
from bot.state import put_state_row, state_key
from directory.access import Access, access_for
from directory.clock import WARSAW
from directory.coverage import coverage_report, projection_lines, summary_lines
from directory.crisis import CrisisType
from directory.db import create_engine_for, database_url_from_env
from directory.editing import EditError
from directory.i18n import N_, translator
from directory.models import ConversationState, Service
from directory.retention import purge_usage_events
from directory.store import current_emergency_options
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
from directory.verification import (
    EntryDescription,
    Queue,
    approve,
    describe_entry,
    describe_lines,
    hide,
    list_queue,
    reject_pending,
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
VERIFY_HINT: Final = N_("/verify: the verification queue, one entry at a time")
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
    lines.append("<i>" + esc(_(VERIFY_HINT)) + "</i>")
    return "\n".join(lines)


def on_coverage(context: CommandContext) -> list[Reply]:
    """/coverage: the national figures and the map of the 380 powiats."""
    if not _is_admin(context):
        return refusal(context)
    as_of = last_days(1, context.now)[1]
    report = coverage_report(context.session, as_of, context.settings.stale_after_days)
    facts = summary_lines(report.summary, context.lang)
    if report.if_queue_verified is not None:
        facts += projection_lines(report.if_queue_verified, context.lang)
    caption = coverage_caption(facts, as_of, context.lang)
    # Imported here: matplotlib is heavy and only administrators need it.
    from directory.charts import coverage_map_png

    return [Reply(text=caption, photo_png=coverage_map_png(report, context.lang))]


# --- /verify: the verification queue in the chat ----------------------------------------------

VERIFY_PREFIX: Final = "vf:"
VERIFY_STATE_PREFIX: Final = "verify-"
VERIFY_STATE_TTL: Final = timedelta(hours=2)
# A typed hide reason is taken only this soon after "Hide" was pressed: later text is the
# administrator trying the resident dialogue, not a reason.
HIDE_REASON_WINDOW: Final = timedelta(minutes=10)
VERIFY_DESCRIPTION: Final = N_("verification queue (administrators)")
# Offered when hiding; the English text is what the entry's hidden_reason records.
HIDE_REASONS: Final = (
    N_("No phone number in any source"),
    N_("Closed or no longer operating"),
    N_("A duplicate of another entry"),
    N_("Not a crisis service"),
)
DECLINE_REASON: Final = N_("Declined by an administrator")
# Telegram's limits: a message of 4,096 characters; the long parts are cut for the chat (the
# command line and the web panel show them whole).
CHAT_CAVEATS_CHARS: Final = 900
CHAT_SOURCES: Final = 8
CHAT_SOURCE_CHARS: Final = 160


def _verify_key(context: CommandContext) -> str | None:
    if context.event.user_id is None:
        return None
    return VERIFY_STATE_PREFIX + state_key(context.settings.state_secret, context.event.user_id)


def _load_verify_state(context: CommandContext) -> dict[str, Any]:
    key = _verify_key(context)
    row = context.session.get(ConversationState, key) if key else None
    if row is None or row.expires_at <= context.now:
        return {"skipped": [], "hiding": None}
    hiding = row.data.get("hiding")
    if hiding and row.updated_at < context.now - HIDE_REASON_WINDOW:
        hiding = None
    return {"skipped": list(row.data.get("skipped") or []), "hiding": hiding}


def _save_verify_state(context: CommandContext, state: dict[str, Any]) -> None:
    key = _verify_key(context)
    if key is None:
        return
    put_state_row(context.session, key, dict(state), context.now, VERIFY_STATE_TTL)


def _admin_access(context: CommandContext) -> Access | None:
    access = access_for(context.session, context.event.user_id, context.settings.admin_telegram_ids)
    return access if access.is_admin else None


def _verify_today(context: CommandContext) -> date:
    return context.now.astimezone(WARSAW).date()


def _chat_description(description: EntryDescription) -> EntryDescription:
    caveats = description.caveats
    if caveats and len(caveats) > CHAT_CAVEATS_CHARS:
        caveats = caveats[:CHAT_CAVEATS_CHARS].rstrip() + " …"
    sources = tuple(
        url if len(url) <= CHAT_SOURCE_CHARS else url[:CHAT_SOURCE_CHARS] + "…"
        for url in description.sources[:CHAT_SOURCES]
    )
    if len(description.sources) > CHAT_SOURCES:
        sources += (f"(+{len(description.sources) - CHAT_SOURCES})",)
    return replace(description, caveats=caveats, sources=sources)


def verify_entry_reply(description: EntryDescription, queue: Queue, lang: str) -> Reply:
    """One entry of the queue with every source, caveat and conflict, and its buttons."""
    _ = translator(lang).gettext
    lines = describe_lines(_chat_description(description), lang)
    header = _(
        "Verification queue: %(count)d entries, %(gaining)d give a powiat its first local option"
    ) % {
        "count": len(queue),
        "gaining": queue.gaining_local,
    }
    text = "🔎 <i>" + esc(header) + "</i>\n\n<b>" + esc(lines[0]) + "</b>\n"
    text += "\n".join(esc(line) for line in lines[1:])
    service_id = description.service_id
    rows: list[tuple[Button, ...]] = [
        (
            Button("✅ " + _("Verify"), f"{VERIFY_PREFIX}ok:{service_id}"),
            Button("🙈 " + _("Hide"), f"{VERIFY_PREFIX}h:{service_id}"),
        ),
        (
            Button("⏭ " + _("Skip"), f"{VERIFY_PREFIX}s:{service_id}"),
            Button("✏️ " + _("Edit first"), f"st:e:{service_id}"),
        ),
    ]
    if description.pending:
        rows.append((Button("✖ " + _("Decline the change"), f"{VERIFY_PREFIX}rj:{service_id}"),))
    return Reply(text=text, buttons=tuple(rows))


def _next_entry(context: CommandContext, skipped: list[str]) -> list[Reply]:
    _ = translator(context.lang).gettext
    today = _verify_today(context)
    queue = list_queue(context.session, today)
    entry = queue.first(skipped)
    if entry is None:
        if skipped and len(queue):
            return [Reply(text=esc(_("You have skipped every entry left. /verify starts again.")))]
        return [Reply(text="✅ " + esc(_("The verification queue is empty.")))]
    description = describe_entry(context.session, entry.service_id, today, queue)
    assert description is not None
    return [verify_entry_reply(description, queue, context.lang)]


def on_verify(context: CommandContext) -> list[Reply]:
    """/verify [SERVICE_ID]: the first entry of the queue (or that one) with its buttons."""
    if _admin_access(context) is None:
        return refusal(context)
    wanted = context.event.args.strip()
    if wanted:
        today = _verify_today(context)
        description = describe_entry(context.session, wanted, today)
        if description is None:
            _ = translator(context.lang).gettext
            return [Reply(text=esc(_("There is no entry with the id %(id)s.") % {"id": wanted}))]
        queue = list_queue(context.session, today)
        return [verify_entry_reply(description, queue, context.lang)]
    _save_verify_state(context, {"skipped": [], "hiding": None})
    return _next_entry(context, [])


def _shown_now(context: CommandContext, service_id: str) -> str:
    service = context.session.get(Service, service_id)
    return render_entry(service, context) if service is not None else ""


def _hide_prompt(context: CommandContext, service_id: str) -> list[Reply]:
    _ = translator(context.lang).gettext
    rows = tuple(
        (Button(_(reason), f"{VERIFY_PREFIX}hr:{index}:{service_id}"),)
        for index, reason in enumerate(HIDE_REASONS)
    )
    text = esc(_("Why hide it? Choose a reason or type your own."))
    return [Reply(text=text, buttons=rows)]


def _hide(context: CommandContext, access: Access, service_id: str, reason: str) -> list[Reply]:
    _ = translator(context.lang).gettext
    state = _load_verify_state(context)
    state["hiding"] = None
    _save_verify_state(context, state)
    try:
        hide(
            context.session,
            service_id,
            actor=f"admin:{context.event.user_id}",
            access=access,
            reason=reason,
        )
    except EditError as error:
        return [Reply(text="⛔ " + esc(error.text(context.lang)))]
    done = Reply(text="🙈 " + esc(_("Hidden from residents: %(reason)s") % {"reason": reason}))
    return [done, *_next_entry(context, state["skipped"])]


def on_verify_button(context: CommandContext) -> list[Reply]:
    """The /verify buttons (data starting with vf:): verify, hide (with a reason), skip, decline."""
    access = _admin_access(context)
    if access is None:
        return refusal(context)
    _ = translator(context.lang).gettext
    action, _sep, rest = context.event.data[len(VERIFY_PREFIX) :].partition(":")
    actor = f"admin:{context.event.user_id}"
    state = _load_verify_state(context)
    if action == "ok":
        try:
            approve(context.session, rest, actor=actor, access=access, today=_verify_today(context))
        except EditError as error:
            return [Reply(text="⛔ " + esc(error.text(context.lang)))]
        done = Reply(
            text="✅ <b>"
            + esc(_("Verified. Residents now see:"))
            + "</b>\n\n"
            + _shown_now(context, rest)
        )
        return [done, *_next_entry(context, state["skipped"])]
    if action == "h":
        state["hiding"] = rest
        _save_verify_state(context, state)
        return _hide_prompt(context, rest)
    if action == "hr":
        index, _sep, service_id = rest.partition(":")
        if index.isdigit() and int(index) < len(HIDE_REASONS):
            return _hide(context, access, service_id, HIDE_REASONS[int(index)])
    if action == "s":
        if rest not in state["skipped"]:
            state["skipped"].append(rest)
        _save_verify_state(context, state)
        return _next_entry(context, state["skipped"])
    if action == "rj":
        try:
            reject_pending(context.session, rest, actor=actor, access=access, reason=DECLINE_REASON)
        except EditError as error:
            return [Reply(text="⛔ " + esc(error.text(context.lang)))]
        done = Reply(text="✖ " + esc(_("Declined; residents keep seeing the current value.")))
        return [done, *_next_entry(context, state["skipped"])]
    return [Reply(text=esc(_("This button is no longer active. Start again with /verify.")))]


def on_verify_text(context: CommandContext) -> list[Reply] | None:
    """A typed reason for hiding the entry the administrator chose; None for anything else."""
    if context.event.kind is not EventKind.TEXT or context.event.user_id is None:
        return None
    state = _load_verify_state(context)
    service_id = state.get("hiding")
    if not service_id:
        return None
    access = _admin_access(context)
    if access is None:
        return None
    return _hide(context, access, str(service_id), context.event.text.strip())


def register(extensions: Extensions) -> None:
    """Add the administrators' commands, the verification buttons and text to `extensions`."""
    extensions.add_command("stats", on_stats, description=STATS_DESCRIPTION, audience="admin")
    extensions.add_command(
        "coverage", on_coverage, description=COVERAGE_DESCRIPTION, audience="admin"
    )
    extensions.add_command("verify", on_verify, description=VERIFY_DESCRIPTION, audience="admin")
    extensions.add_button(VERIFY_PREFIX, on_verify_button)
    extensions.add_text_handler(on_verify_text)


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
        logger.warning("no job queue: usage retention runs only in the service's housekeeping")
        return None
    job: Job[Any] = job_queue.run_repeating(
        _retention_job,
        interval=RETENTION_INTERVAL,
        first=first,
        name=RETENTION_JOB_NAME,
        data=settings,
    )
    return job
