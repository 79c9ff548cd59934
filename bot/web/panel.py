"""The web panel at /panel: centre staff keep their entries, administrators run the directory.

Server-rendered HTML, plain form posts, no JavaScript needed. Sign-in is by a one-time link
(directory.panel_access); the session cookie is HttpOnly, SameSite=Strict and scoped to /panel.
Every request re-reads who the person is and what they may do now; every POST carries the
session's CSRF token; every route checks the organisation of what it touches, whatever the URL
or the form says. Changes go through directory.editing (the chat's own validation and audit).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final
from urllib.parse import parse_qs, quote, urlencode

from babel.dates import format_date, format_datetime
from markupsafe import Markup
from sqlalchemy import or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.config import Settings
from bot.render import phone_text, render_emergency_block
from bot.web.common import (
    EmergencyLines,
    WebContext,
    bundled_lines,
    page_language,
    render_page,
    same_origin,
    static_url,
    telegram_html_to_web,
)
from bot.webhook import BodyTooLargeError, read_limited_body
from directory.audit import (
    REVERTIBLE_ENTITIES,
    AuditEntry,
    change_rows,
    list_changes,
    service_history,
)
from directory.clock import WARSAW, utc_now
from directory.coverage import LEVEL_LABELS, coverage_report, summary_lines
from directory.db import session_scope
from directory.editing import (
    STATUS_LABELS,
    EditError,
    change_service,
    confirm_service,
    describe_hours,
    describe_value,
    read_field,
)
from directory.fields import FIELD_LABELS
from directory.i18n import N_, SUPPORTED_LANGUAGES, normalise_language, translator
from directory.kinds import kind_label
from directory.models import Organization, Service, ServiceStatus
from directory.panel_access import (
    PanelUser,
    SignInError,
    csrf_token,
    csrf_valid,
    end_session,
    redeem_sign_in_link,
    resume_session,
    set_session_language,
)
from directory.panel_form import (
    CHOICE_FIELDS,
    FormData,
    choices,
    initial_values,
    preview_changes,
    read_entry_form,
    statuses_for,
)
from directory.referral import Scope, build_option, record_from_service
from directory.revert import RevertError, revert_change
from directory.staff import (
    DEFAULT_EXPIRY,
    create_invite,
    list_invites,
    list_links,
    parse_duration,
    revoke_invite,
)
from directory.usage_report import (
    MIN_K,
    Dimension,
    UsageReport,
    column_label,
    last_days,
    row_label,
    suppression_note,
    usage_report,
)
from directory.verification import (
    QUEUE_REASON_LABELS,
    approve,
    describe_entry,
    describe_lines,
    hide,
    list_queue,
    pending_changes,
    powiat_names,
    reject_pending,
)
from directory.visibility import hidden_because, hidden_label

logger = logging.getLogger(__name__)

PREFIX: Final = "/panel"
COOKIE_NAME: Final = "drogowskaz_panel"
MAX_FORM_BYTES: Final = 64_000
MAX_FORM_FIELDS: Final = 200
AUDIT_PAGE: Final = 200
USAGE_DAYS: Final = 30
QUEUE_PAGE: Final = 100
LANGUAGE_NAMES: Final = {"pl": "Polski", "en": "English", "uk": "Українська"}
INVITE_STATES: Final = {"open": N_("open"), "used": N_("used"), "expired": N_("expired")}
VERIFIED_BY_LABELS: Final = {
    "centre": N_("by the centre"),
    "administrator": N_("by an administrator"),
}
FORBIDDEN: Final = N_("You may not open this page")
NOT_FOUND: Final = N_("This entry does not exist (any more).")
OTHER_ORGANISATION: Final = N_("You can change only the entries of your own organisation.")
ADMIN_ONLY: Final = N_("This page is only for the directory's administrators.")
STALE_FORM: Final = N_(
    "This page was out of date: the form was sent without its security token, or from a "
    "session that has ended. Nothing was changed; please try again."
)
SERVER_ERROR: Final = N_("Something went wrong on our side. Nothing was changed.")
BAD_FORM: Final = N_("This form could not be read. Nothing was changed; please try again.")
ERROR_TITLES: Final = {
    400: N_("Bad request"),
    403: FORBIDDEN,
    404: N_("Not found"),
    500: N_("Error"),
}


@dataclass(frozen=True)
class PanelContext:
    """One signed-in request: the database session, the person, their language and the form."""

    request: Request
    db: Session
    user: PanelUser
    lang: str
    now: datetime
    form: FormData
    csrf: str

    def text(self, message: str) -> str:
        """`message` in the person's language."""
        return translator(self.lang).gettext(message)

    def value(self, name: str) -> str:
        """The last value of form field `name` ('' if absent)."""
        values = self.form.get(name) or [""]
        return values[-1]


@dataclass
class Page:
    """What a handler returns: a template and its values (or a ready response)."""

    template: str
    values: dict[str, Any] = field(default_factory=dict)
    status: int = 200


Handler = Callable[[PanelContext], Page | Response]


def _today(now: datetime) -> date:
    return now.astimezone(WARSAW).date()


def parse_form(body: bytes) -> dict[str, list[str]]:
    """An application/x-www-form-urlencoded body as lists of values (ValueError if malformed)."""
    text = body.decode("utf-8")
    return parse_qs(
        text, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS, strict_parsing=False
    )


def request_language(request: Request) -> str:
    """The language before sign-in: ?lang=, else the browser's Accept-Language."""
    return page_language(request)


class PanelSite:
    """The /panel routes on the directory database; the web app mounts `routes`."""

    def __init__(
        self,
        engine: Callable[[], Engine],
        settings: Settings,
        *,
        lines: EmergencyLines | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """Serve the panel from the engine `engine()` gives; `lines` are 112 and the national
        lines every page ends with (the bundled copy without them)."""
        self._engine = engine
        self.settings = settings
        self.lines = lines
        self.clock = clock

    @property
    def engine(self) -> Engine:
        """The directory database."""
        return self._engine()

    @property
    def routes(self) -> list[BaseRoute]:
        """Every panel route."""
        get, post = ["GET"], ["POST"]
        admin_get: list[tuple[str, Handler]] = [
            ("/admin/queue", self.queue),
            ("/admin/queue/{service_id}", self.queue_entry),
            ("/admin/entries", self.admin_entries),
            ("/admin/usage", self.usage),
            ("/admin/usage.png", self.usage_png),
            ("/admin/coverage", self.coverage),
            ("/admin/coverage.png", self.coverage_png),
            ("/admin/audit", self.audit),
            ("/admin/invites", self.invites),
        ]
        admin_post: list[tuple[str, Handler]] = [
            ("/admin/queue/{service_id}", self.queue_decision),
            ("/admin/audit/revert", self.revert),
            ("/admin/invites", self.invite_post),
        ]
        return [
            Route(PREFIX, self._get(self.home), methods=get),
            Route(PREFIX + "/", self._get(self.home), methods=get),
            Route(PREFIX + "/sign-in", self.sign_in_page, methods=get),
            Route(PREFIX + "/sign-in", self.sign_in, methods=post),
            Route(PREFIX + "/sign-out", self.sign_out, methods=post),
            Route(PREFIX + "/language", self._post(self.language), methods=post),
            Route(PREFIX + "/entries/{service_id}", self._get(self.entry), methods=get),
            Route(PREFIX + "/entries/{service_id}", self._post(self.entry_post), methods=post),
            Route(PREFIX + "/confirm", self._post(self.confirm), methods=post),
            *(Route(PREFIX + path, self._get(h, admin=True), methods=get) for path, h in admin_get),
            *(
                Route(PREFIX + path, self._post(h, admin=True), methods=post)
                for path, h in admin_post
            ),
        ]

    # --- plumbing: who is asking, CSRF, rendering -------------------------------------------

    async def _emergency_blocks(self) -> dict[str, Markup]:
        """112 and the national 24/7 lines in every language (cached by EmergencyLines)."""
        blocks = {}
        for lang in SUPPORTED_LANGUAGES:
            if self.lines is not None:
                blocks[lang] = await self.lines.block(lang)
            else:
                blocks[lang] = telegram_html_to_web(
                    render_emergency_block(bundled_lines(lang), lang)
                )
        return blocks

    def _get(
        self, handler: Handler, *, admin: bool = False
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            blocks = await self._emergency_blocks()
            return await asyncio.to_thread(self._run, request, {}, handler, admin, blocks)

        return endpoint

    def _post(
        self, handler: Handler, *, admin: bool = False
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            blocks = await self._emergency_blocks()
            form = await self._read_form(request)
            if form is None:
                return self._error(request, blocks, request_language(request), BAD_FORM, 400)
            return await asyncio.to_thread(self._run, request, form, handler, admin, blocks)

        return endpoint

    async def _read_form(self, request: Request) -> dict[str, list[str]] | None:
        try:
            return parse_form(await read_limited_body(request, MAX_FORM_BYTES))
        except (BodyTooLargeError, ValueError, UnicodeDecodeError):
            return None

    def _run(
        self,
        request: Request,
        form: FormData,
        handler: Handler,
        admin: bool,
        blocks: Mapping[str, Markup],
    ) -> Response:
        lang = request_language(request)
        cookie = request.cookies.get(COOKIE_NAME)
        try:
            with session_scope(self.engine) as db:
                now = self.clock()
                user = resume_session(
                    db, cookie, admin_ids=self.settings.admin_telegram_ids, now=now
                )
                if user is None:
                    return self._signed_out(request, blocks, lang, status=401)
                lang = normalise_language(user.language or lang)
                assert cookie is not None  # a session was found for it
                csrf = csrf_token(cookie)
                # A form from another site fails both: the browser sends its Origin, and it
                # cannot know this session's token.
                if request.method == "POST" and not (
                    same_origin(request) and csrf_valid(cookie, (form.get("csrf") or [""])[-1])
                ):
                    return self._error(request, blocks, lang, STALE_FORM, 403, user, csrf)
                if admin and not user.is_admin:
                    return self._error(request, blocks, lang, ADMIN_ONLY, 403, user, csrf)
                context = PanelContext(request, db, user, lang, now, form, csrf)
                result = handler(context)
                if isinstance(result, Response):
                    return result
                return self._render(request, blocks, result, lang, user, csrf)
        except Exception as error:
            # Only the type: a message could hold what someone typed into the form.
            logger.error("panel request failed: %s", type(error).__name__)
            return self._error(request, blocks, lang, SERVER_ERROR, 500)

    def _render(
        self,
        request: Request,
        blocks: Mapping[str, Markup],
        page: Page,
        lang: str,
        user: PanelUser | None = None,
        csrf: str = "",
    ) -> Response:
        html = render_page(
            page.template,
            lang,
            languages=LANGUAGE_NAMES,
            user=user,
            csrf=csrf,
            path=request.url.path,
            emergency=blocks.get(lang) or blocks.get("pl", Markup("")),
            prefix=PREFIX,
            panel_css=static_url("panel.css"),
            **page.values,
        )
        return HTMLResponse(html, status_code=page.status)

    def _error(
        self,
        request: Request,
        blocks: Mapping[str, Markup],
        lang: str,
        message: str,
        status: int,
        user: PanelUser | None = None,
        csrf: str = "",
    ) -> Response:
        page = Page(
            "panel/error.html",
            {"title": ERROR_TITLES.get(status, ERROR_TITLES[500]), "message": message},
            status,
        )
        return self._render(request, blocks, page, lang, user, csrf)

    def _signed_out(
        self,
        request: Request,
        blocks: Mapping[str, Markup],
        lang: str,
        *,
        status: int = 200,
        problem: str | None = None,
    ) -> Response:
        page = Page("panel/signed_out.html", {"problem": problem}, status)
        response = self._render(request, blocks, page, lang)
        if request.cookies.get(COOKIE_NAME):
            response.delete_cookie(COOKIE_NAME, path=PREFIX)
        return response

    # --- signing in and out -----------------------------------------------------------------

    async def sign_in_page(self, request: Request) -> Response:
        """The page a sign-in link opens: one button that uses the link (a GET never does, so
        link previews and scanners cannot use it up)."""
        lang = request_language(request)
        token = request.query_params.get("token", "")
        page = Page("panel/sign_in.html", {"token": token[:200]})
        return self._render(request, await self._emergency_blocks(), page, lang)

    async def sign_in(self, request: Request) -> Response:
        """Use the link: start a session and set its cookie, or say why not."""
        blocks = await self._emergency_blocks()
        form = await self._read_form(request)
        lang = request_language(request)
        if form is None or not same_origin(request):
            return self._error(request, blocks, lang, BAD_FORM, 400)
        token = (form.get("token") or [""])[-1]
        chosen = (form.get("lang") or [""])[-1]
        lang = chosen if chosen in SUPPORTED_LANGUAGES else lang
        return await asyncio.to_thread(self._sign_in, request, blocks, token, lang)

    def _sign_in(
        self, request: Request, blocks: Mapping[str, Markup], token: str, lang: str
    ) -> Response:
        try:
            with session_scope(self.engine) as db:
                new = redeem_sign_in_link(
                    db,
                    token,
                    admin_ids=self.settings.admin_telegram_ids,
                    now=self.clock(),
                    language=lang,
                )
        except SignInError as error:
            return self._signed_out(request, blocks, lang, status=403, problem=error.message)
        response = RedirectResponse(PREFIX, status_code=303)
        # Strict and scoped to /panel: unlike the chat's cookie, it is never sent to any page
        # outside the panel, nor with any request another site starts.
        response.set_cookie(
            COOKIE_NAME,
            new.token,
            path=PREFIX,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    async def sign_out(self, request: Request) -> Response:
        """End the session (with its CSRF token) and forget the cookie."""
        form = await self._read_form(request) or {}
        cookie = request.cookies.get(COOKIE_NAME)
        if cookie and same_origin(request) and csrf_valid(cookie, (form.get("csrf") or [""])[-1]):
            await asyncio.to_thread(self._end, cookie)
        response = RedirectResponse(PREFIX, status_code=303)
        response.delete_cookie(COOKIE_NAME, path=PREFIX)
        return response

    def _end(self, cookie: str) -> None:
        with session_scope(self.engine) as db:
            end_session(db, cookie, now=self.clock())

    def language(self, context: PanelContext) -> Response:
        """Switch the panel's language for this session."""
        chosen = context.value("lang")
        if chosen in SUPPORTED_LANGUAGES:
            set_session_language(context.db, context.user.session_id, chosen)
        back = context.value("back")
        target = back if back.startswith(PREFIX) and "//" not in back else PREFIX
        return RedirectResponse(target, status_code=303)

    # --- staff: their entries -----------------------------------------------------------------

    def _own_services(self, context: PanelContext) -> list[Service]:
        ids = sorted(context.user.access.organization_ids)
        if not ids:
            return []
        query = (
            select(Service)
            .where(Service.organization_id.in_(ids))
            .options(selectinload(Service.phones), selectinload(Service.locations))
            .order_by(Service.id)
        )
        return list(context.db.scalars(query))

    def home(self, context: PanelContext) -> Page:
        """The person's own entries, each with edit and "still correct"."""
        services = self._own_services(context)
        return Page(
            "panel/home.html",
            {
                "services": [self._summary(context, s) for s in services],
                "request_confirmed": context.request.query_params.get("confirmed", "") != "",
            },
        )

    def _summary(self, context: PanelContext, service: Service) -> dict[str, Any]:
        _ = translator(context.lang).gettext
        return {
            "id": service.id,
            "name": service.name_pl,
            "organization": service.organization_id,
            "status": service.status,
            "status_label": _(STATUS_LABELS.get(service.status, service.status)),
            "shown": service.status == ServiceStatus.ACTIVE.value,
            "phones": ", ".join(read_field(service, "phones")),
            "verified": self._verified_text(context, service),
        }

    def _verified_text(self, context: PanelContext, service: Service) -> str:
        _ = translator(context.lang).gettext
        if service.verified_on is None:
            return _("Last verified: never")
        day = format_date(service.verified_on, format="medium", locale=context.lang)
        by = (
            _(VERIFIED_BY_LABELS[service.verified_by])
            if service.verified_by in VERIFIED_BY_LABELS
            else service.verified_by or ""
        )
        return (_("Last verified: %(date)s %(by)s") % {"date": day, "by": by}).strip()

    def _editable(self, context: PanelContext, service_id: str) -> Service | Page:
        """The service if this person may change it; an error page otherwise."""
        service = context.db.get(Service, service_id)
        if service is None:
            return Page("panel/error.html", {"title": N_("Not found"), "message": NOT_FOUND}, 404)
        if not context.user.access.may_edit_organization(service.organization_id):
            return Page(
                "panel/error.html", {"title": FORBIDDEN, "message": OTHER_ORGANISATION}, 403
            )
        return service

    def entry(self, context: PanelContext) -> Page:
        """The entry's form, with what residents see and where the facts come from."""
        service = self._editable(context, context.request.path_params["service_id"])
        if isinstance(service, Page):
            return service
        saved = context.request.query_params.get("saved", "")
        confirmed = context.request.query_params.get("confirmed") == "1"
        return self._entry_page(
            context, service, initial_values(service), saved=saved, confirmed=confirmed
        )

    def _entry_page(
        self,
        context: PanelContext,
        service: Service,
        values: Mapping[str, Any],
        *,
        errors: Mapping[str, EditError] | None = None,
        previews: Sequence[Any] = (),
        saved: str = "",
        confirmed: bool = False,
        notice: str | None = None,
        status: int = 200,
    ) -> Page:
        _ = translator(context.lang).gettext
        record = record_from_service(service)
        option = build_option(record, context.now, context.lang, Scope(service.scope), ())
        errors = errors or {}
        hours_words = ""
        if isinstance(values.get("hours"), str) and "hours" not in errors:
            try:
                hours_words = describe_hours(values["hours"] or None, context.lang)
            except Exception:
                hours_words = ""
        field_choices = {
            name: [
                (code, _(label) if name != "languages" else label)
                for code, label in choices(name, service.languages or [])
            ]
            for name in CHOICE_FIELDS
        }
        statuses = [
            (code, _(STATUS_LABELS[code])) for code in statuses_for(service, context.user.is_admin)
        ]
        return Page(
            "panel/entry.html",
            {
                "service": service,
                "option": option,
                "phones_shown": [phone_text(phone) for phone in option.phones],
                "values": values,
                "errors": {name: error.text(context.lang) for name, error in errors.items()},
                "labels": {name: _(label) for name, label in FIELD_LABELS.items()},
                "choices": field_choices,
                "statuses": statuses,
                "status_label": _(STATUS_LABELS.get(service.status, service.status)),
                "hours_words": hours_words,
                "previews": previews,
                "saved": saved,
                "confirmed": confirmed,
                "notice": notice,
                "verified": self._verified_text(context, service),
                "version": service.updated_at.isoformat() if service.updated_at else "",
                "history": self._recent_history(context, service) if context.user.is_admin else [],
                "pending": [
                    {
                        "field": _(FIELD_LABELS.get(item.field, item.field)),
                        "value": describe_value(item.field, item.value, context.lang),
                    }
                    for item in pending_changes(context.db, service.id)
                ],
                "hidden_because": self._hidden_text(context, service),
            },
            status,
        )

    def _hidden_text(self, context: PanelContext, service: Service) -> str:
        """Why residents do not see the entry now (the one visibility rule), or ''."""
        why = hidden_because(record_from_service(service).provenance, _today(context.now))
        return hidden_label(why, context.lang, service.hidden_reason) if why else ""

    def _recent_history(self, context: PanelContext, service: Service) -> list[AuditEntry]:
        return list(reversed(service_history(context.db, service.id)))[:20]

    def entry_post(self, context: PanelContext) -> Page | Response:
        """Check the form and show the change (action=preview), or save it (action=save)."""
        service = self._editable(context, context.request.path_params["service_id"])
        if isinstance(service, Page):
            return service
        # Anything a forged form carries besides the staff fields is ignored here, and
        # change_service refuses what this person may not change.
        form = read_entry_form(service, context.form)
        values: dict[str, Any] = dict(form.raw)
        if not form.valid:
            return self._entry_page(context, service, values, errors=form.errors, status=422)
        if not form.changes:
            return self._entry_page(
                context, service, values, notice=N_("That is the same as now; nothing to change.")
            )
        previews = preview_changes(service, form.changes, context.lang)
        version = service.updated_at.isoformat() if service.updated_at else ""
        if context.value("action") != "save" or context.value("version") != version:
            notice = None
            if context.value("action") == "save":
                notice = N_("The entry was changed meanwhile; please check the change again.")
            return self._entry_page(context, service, values, previews=previews, notice=notice)
        try:
            result = change_service(
                context.db,
                service.id,
                form.changes,
                actor=context.user.actor,
                access=context.user.access,
                today=_today(context.now),
            )
        except EditError as error:
            context.db.rollback()
            key = error.field if error.field in values else "status"
            return self._entry_page(
                context,
                service,
                values,
                errors={key: error},
                status=403 if error.__class__.__name__ == "EditRefused" else 422,
            )
        outcome = "pending" if result.pending else "1"
        return RedirectResponse(
            f"{PREFIX}/entries/{quote(service.id)}?saved={outcome}", status_code=303
        )

    def confirm(self, context: PanelContext) -> Page | Response:
        """ "Still correct": stamp verified today, for one entry or all of the person's own."""
        target = context.value("service_id")
        if target == "*":
            services = self._own_services(context)
        else:
            found = self._editable(context, target)
            if isinstance(found, Page):
                return found
            services = [found]
        for service in services:
            confirm_service(
                context.db,
                service.id,
                actor=context.user.actor,
                access=context.user.access,
                today=_today(context.now),
            )
        if target != "*" and context.value("back") == "entry":
            return RedirectResponse(
                f"{PREFIX}/entries/{quote(target)}?confirmed=1", status_code=303
            )
        return RedirectResponse(f"{PREFIX}?confirmed={len(services)}", status_code=303)

    # --- administrators -------------------------------------------------------------------------

    def admin_entries(self, context: PanelContext) -> Page:
        """Every entry, filtered by a word and a status."""
        wanted = context.request.query_params.get("q", "").strip()[:100]
        status = context.request.query_params.get("status", "")
        query = select(Service).options(selectinload(Service.phones)).order_by(Service.id)
        if wanted:
            like = f"%{wanted}%"
            query = query.where(
                or_(
                    Service.id.ilike(like),
                    Service.name_pl.ilike(like),
                    Service.organization_id.ilike(like),
                )
            )
        if status in {s.value for s in ServiceStatus}:
            query = query.where(Service.status == status)
        services = list(context.db.scalars(query.limit(300)))
        _ = translator(context.lang).gettext
        return Page(
            "panel/admin_entries.html",
            {
                "services": [self._summary(context, s) for s in services],
                "q": wanted,
                "status": status,
                "statuses": [(s.value, _(STATUS_LABELS[s.value])) for s in ServiceStatus],
            },
        )

    def _usage_report(self, context: PanelContext) -> UsageReport:
        start, end = last_days(USAGE_DAYS, context.now)
        dimension_name = context.request.query_params.get("by", Dimension.CRISIS.value)
        dimension = (
            Dimension(dimension_name)
            if dimension_name in {d.value for d in Dimension}
            else Dimension.CRISIS
        )
        k = max(MIN_K, self.settings.suppression_k)
        return usage_report(context.db, start, end, dimension, k)

    def usage(self, context: PanelContext) -> Page:
        """The anonymised usage of the last 30 days as a table (small counts hidden) and a chart."""
        report = self._usage_report(context)
        lang = context.lang
        rows = [
            (
                row_label(report.dimension, row.key, lang),
                [row.cells[c].display for c in report.columns],
            )
            for row in (*report.rows, report.total)
        ]
        return Page(
            "panel/admin_usage.html",
            {
                "report": report,
                "columns": [column_label(c, lang) for c in report.columns],
                "rows": rows,
                "note": suppression_note(report.k, lang),
                "dimensions": [
                    (d.value, translator(lang).gettext(DIMENSION_NAMES[d])) for d in DIMENSION_NAMES
                ],
                "by": report.dimension.value,
            },
        )

    def usage_png(self, context: PanelContext) -> Response:
        """The usage chart (by day) as a PNG."""
        # Imported here: matplotlib is heavy and only administrators open the charts.
        from directory.charts import usage_chart_png

        start, end = last_days(USAGE_DAYS, context.now)
        report = usage_report(
            context.db, start, end, Dimension.DAY, max(MIN_K, self.settings.suppression_k)
        )
        return Response(usage_chart_png(report, context.lang), media_type="image/png")

    def coverage(self, context: PanelContext) -> Page:
        """Coverage of the 380 powiats: the national figures, the map and per voivodeship."""
        report = coverage_report(context.db, _today(context.now), self.settings.stale_after_days)
        _ = translator(context.lang).gettext
        gaps = [p for p in report.powiats if not p.local_centre]
        return Page(
            "panel/admin_coverage.html",
            {
                "summary": summary_lines(report.summary, context.lang),
                "voivodeships": report.voivodeships,
                "gaps": sorted(gaps, key=lambda p: -(p.nearest_centre_km or 0))[:50],
                "gap_count": len(gaps),
                "levels": {level: _(label) for level, label in LEVEL_LABELS.items()},
                "as_of": _today(context.now).isoformat(),
            },
        )

    def coverage_png(self, context: PanelContext) -> Response:
        """The powiat map as a PNG."""
        # Imported here: matplotlib is heavy and only administrators open the charts.
        from directory.charts import coverage_map_png

        report = coverage_report(context.db, _today(context.now), self.settings.stale_after_days)
        return Response(coverage_map_png(report, context.lang), media_type="image/png")

    def audit(self, context: PanelContext) -> Page:
        """The audit trail, newest first (one organisation's, or one entry's), with revert."""
        organization = context.request.query_params.get("org", "").strip()[:32] or None
        service_id = context.request.query_params.get("service", "").strip()[:32]
        if service_id:
            entries = list(reversed(service_history(context.db, service_id)))[:AUDIT_PAGE]
        else:
            entries = list_changes(context.db, organization, limit=AUDIT_PAGE)
        return Page(
            "panel/admin_audit.html",
            {
                "groups": self._audit_groups(context, entries),
                "org": organization or "",
                "service": service_id,
                "reverted": context.request.query_params.get("reverted", ""),
                "problem": None,
            },
        )

    def _audit_groups(
        self, context: PanelContext, entries: Sequence[AuditEntry]
    ) -> list[dict[str, Any]]:
        groups: dict[str, dict[str, Any]] = {}
        for entry in entries:
            group = groups.setdefault(
                entry.change_id,
                {
                    "change_id": entry.change_id,
                    "at": format_datetime(
                        entry.at.astimezone(WARSAW), "yyyy-MM-dd HH:mm", locale=context.lang
                    ),
                    "actor": entry.actor,
                    "rows": [],
                    "revertible": True,
                },
            )
            group["rows"].append(
                {
                    "target": f"{entry.entity}:{entry.entity_id}",
                    "field": entry.field,
                    "old": self._audit_value(context, entry.field, entry.old_value),
                    "new": self._audit_value(context, entry.field, entry.new_value),
                }
            )
            if entry.entity not in REVERTIBLE_ENTITIES or entry.field == "created":
                group["revertible"] = False
        return list(groups.values())

    def _audit_value(self, context: PanelContext, name: str, value: Any) -> str:
        try:
            text = describe_value(name, value, context.lang)
        except Exception:
            text = str(value)
        return text if len(text) <= 300 else text[:299] + "…"

    def revert(self, context: PanelContext) -> Page | Response:
        """Undo one change (refused when a field has been changed again since)."""
        change_id = context.value("change_id").strip()[:64]
        _ = translator(context.lang).gettext
        try:
            rows = change_rows(context.db, change_id)
            revert_id = revert_change(context.db, change_id, context.user.actor)
        except RevertError as error:
            context.db.rollback()
            entries = list_changes(context.db, None, limit=AUDIT_PAGE)
            message = _("This change cannot be reverted: %(reason)s") % {"reason": str(error)}
            return Page(
                "panel/admin_audit.html",
                {
                    "groups": self._audit_groups(context, entries),
                    "org": "",
                    "service": "",
                    "reverted": "",
                    "problem": message,
                },
                409,
            )
        service = rows[0].entity_id if rows else ""
        return RedirectResponse(
            f"{PREFIX}/admin/audit?{urlencode({'service': service, 'reverted': revert_id})}",
            status_code=303,
        )

    def queue(self, context: PanelContext) -> Page:
        """The verification queue in order: what verifying each entry would give residents."""
        _ = translator(context.lang).gettext
        queue = list_queue(context.db, _today(context.now))
        entries = [
            {
                "position": entry.position,
                "id": entry.service_id,
                "name": entry.name,
                "kind": kind_label(entry.kind, context.lang) or entry.kind,
                "reason": _(QUEUE_REASON_LABELS[entry.reason]),
                "gains_local": powiat_names(entry.gains_local),
                "gains_24_7": powiat_names(entry.gains_24_7),
                "would_show": entry.would_show,
                "pending": len(entry.pending),
            }
            for entry in queue.entries[:QUEUE_PAGE]
        ]
        return Page(
            "panel/admin_queue.html",
            {
                "entries": entries,
                "total": len(queue),
                "gaining_local": queue.gaining_local,
                "with_local": queue.powiats_with_local_option,
                "with_24_7": queue.powiats_with_local_24_7,
                "decided": context.request.query_params.get("decided", ""),
            },
        )

    def queue_entry(self, context: PanelContext) -> Page:
        """One entry in full for a decision: sources, caveats, conflicts, proposed changes."""
        return self._queue_entry_page(context, context.request.path_params["service_id"])

    def _queue_entry_page(
        self, context: PanelContext, service_id: str, *, problem: str = "", status: int = 200
    ) -> Page:
        description = describe_entry(context.db, service_id, _today(context.now))
        if description is None:
            return Page("panel/error.html", {"title": N_("Not found"), "message": NOT_FOUND}, 404)
        _ = translator(context.lang).gettext
        return Page(
            "panel/admin_queue_entry.html",
            {
                "entry": description,
                "lines": describe_lines(description, context.lang),
                "conflicts": [conflict.text(context.lang) for conflict in description.conflicts],
                "pending": [
                    {
                        "field": _(FIELD_LABELS.get(item.field, item.field)),
                        "value": describe_value(item.field, item.value, context.lang),
                        "based_on": describe_value(item.field, item.based_on, context.lang),
                        "by": item.proposed_by,
                        "at": item.proposed_at.date().isoformat(),
                    }
                    for item in description.pending
                ],
                "problem": problem,
            },
            status,
        )

    def queue_decision(self, context: PanelContext) -> Page | Response:
        """Verify, hide (with a reason) or decline a centre's proposed change."""
        service_id = context.request.path_params["service_id"]
        action = context.value("action")
        reason = context.value("reason")
        try:
            if action == "verify":
                approve(
                    context.db,
                    service_id,
                    actor=context.user.actor,
                    access=context.user.access,
                    today=_today(context.now),
                )
            elif action == "hide":
                hide(
                    context.db,
                    service_id,
                    actor=context.user.actor,
                    access=context.user.access,
                    reason=reason,
                )
            elif action == "reject":
                reject_pending(
                    context.db,
                    service_id,
                    actor=context.user.actor,
                    access=context.user.access,
                    reason=reason,
                )
            else:
                return self._queue_entry_page(
                    context, service_id, problem=context.text(BAD_FORM), status=400
                )
        except EditError as error:
            context.db.rollback()
            return self._queue_entry_page(
                context, service_id, problem=error.text(context.lang), status=422
            )
        return RedirectResponse(
            f"{PREFIX}/admin/queue?{urlencode({'decided': service_id})}", status_code=303
        )

    def invites(self, context: PanelContext) -> Page:
        """Invite codes (never shown again: only hashes are kept) and linked staff."""
        return self._invites_page(context)

    def _invites_page(
        self,
        context: PanelContext,
        *,
        new_code: Any = None,
        problem: str | None = None,
        status: int = 200,
    ) -> Page:
        now = context.now
        invites = list_invites(context.db)
        organizations = list(context.db.scalars(select(Organization).order_by(Organization.id)))
        return Page(
            "panel/admin_invites.html",
            {
                "invites": [(invite, invite.state(now)) for invite in invites[:200]],
                "links": list_links(context.db),
                "organizations": organizations,
                "new_code": new_code,
                "problem": problem,
                "state_labels": INVITE_STATES,
            },
            status,
        )

    def invite_post(self, context: PanelContext) -> Page | Response:
        """Create an invite (its code is shown this once) or cancel an open one."""
        _ = translator(context.lang).gettext
        if context.value("action") == "revoke":
            try:
                invite_id = int(context.value("invite_id"))
            except ValueError:
                return self._invites_page(context, problem=_("No such open invite."), status=422)
            if not revoke_invite(context.db, invite_id, actor=context.user.actor, now=context.now):
                return self._invites_page(context, problem=_("No such open invite."), status=422)
            return RedirectResponse(f"{PREFIX}/admin/invites", status_code=303)
        organization_id = context.value("organization_id").strip()[:32]
        try:
            expires_in = parse_duration(context.value("expires") or "7d")
        except ValueError:
            expires_in = DEFAULT_EXPIRY
        try:
            invite = create_invite(
                context.db,
                organization_id,
                expires_in=expires_in,
                created_by=context.user.actor,
                now=context.now,
            )
        except ValueError:
            return self._invites_page(
                context,
                problem=_("Unknown organisation “%(value)s”.") % {"value": organization_id},
                status=422,
            )
        return self._invites_page(context, new_code=invite)


DIMENSION_NAMES: Final = {
    Dimension.CRISIS: N_("Crisis type"),
    Dimension.DAY: N_("Day"),
    Dimension.WEEK: N_("Week"),
    Dimension.VOIVODESHIP: N_("Voivodeship"),
    Dimension.POWIAT: N_("Powiat"),
    Dimension.LANGUAGE: N_("Language"),
}


def routes(web: WebContext) -> list[BaseRoute]:
    """The panel's routes for the web app (bot.web.app loads this module as an extension)."""
    return PanelSite(web.service.database_engine, web.settings, lines=web.lines).routes
