"""Centre staff in the chat: link with an invite, see the entry as residents do, edit, confirm.

Staff, unlike residents, are identified by their Telegram user id, and every handler here checks
what that id may do on every call (never only at the start of a flow): a link revoked mid-edit
stops the edit. The /edit step lives in the conversation-state table under its own HMAC key, so
the resident state of the same chat is untouched and no user id is stored in clear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from babel.dates import format_date
from sqlalchemy.orm import Session

from bot.config import public_base_url
from bot.events import Button, EventKind, Reply
from bot.extensions import CommandContext, Extensions
from bot.render import esc, render_option
from bot.state import put_state_row, state_key
from directory.access import Access, access_for
from directory.clock import WARSAW
from directory.crisis import CRISIS_LABELS
from directory.editing import (
    AUDIENCE_LABELS,
    STAFF_STATUSES,
    STATUS_LABELS,
    EditError,
    change_service,
    check_value,
    confirm_service,
    describe_value,
    format_address,
    parse_staff_input,
    read_field,
    stored_field,
)
from directory.fields import FIELD_LABELS, STAFF_FIELDS
from directory.i18n import N_, translator
from directory.models import (
    ConversationState,
    Organization,
    Service,
    ServiceStatus,
    services_with_details,
)
from directory.panel_access import (
    SIGN_IN_LINK_TTL,
    SignInError,
    best_role,
    create_sign_in_link,
)
from directory.referral import Scope, build_option, record_from_service
from directory.staff import DEEP_LINK_PREFIX, InviteError, redeem_invite
from directory.verification import QueueReason, QueueState, queue_states
from directory.visibility import Standing, hidden_because, hidden_label

PREFIX: Final = "st:"
STATE_PREFIX: Final = "staff-"
STATE_TTL: Final = timedelta(hours=2)
HOURS_SHORTCUTS: Final = ("24/7", "Mo-Fr 08:00-16:00", "Mo-Fr 08:00-20:00", "Mo-Fr 09:00-17:00")
LANGUAGE_CHOICES: Final = ("pl", "en", "uk", "ru", "de")
TOGGLE_FIELDS: Final = frozenset({"crisis_types", "audience", "languages"})
TYPED_FIELDS: Final = frozenset({"phones", "hours", "address", "url", "notice"})
NOT_STAFF: Final = N_(
    "This command is for staff of help centres linked with an invite code. "
    "If you need help yourself, write /start or /sos."
)


def _today(context: CommandContext) -> date:
    return context.now.astimezone(WARSAW).date()


def _access(context: CommandContext) -> Access:
    # Authorised afresh on every call: a revoked link or admin grant takes effect at once.
    return access_for(context.session, context.event.user_id, context.settings.admin_telegram_ids)


def _actor(context: CommandContext, access: Access) -> str:
    role = "admin" if access.is_admin else "staff"
    return f"{role}:{context.event.user_id}"


def _say(text: str, buttons: Sequence[Sequence[Button]] = ()) -> list[Reply]:
    return [Reply(text=text, buttons=tuple(tuple(row) for row in buttons))]


def _cancel_row(lang: str) -> list[Button]:
    return [Button(translator(lang).gettext("Cancel"), PREFIX + "x")]


# --- the /edit state, keyed by an HMAC of the user id ------------------------------------------


@dataclass
class EditState:
    """Where a staff member is in /edit (stored as JSON)."""

    step: str = ""
    service_id: str = ""
    field: str = ""
    value: Any = None
    selection: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The stored form."""
        return {
            "step": self.step,
            "service_id": self.service_id,
            "field": self.field,
            "value": self.value,
            "selection": self.selection,
        }


def _state_row_key(context: CommandContext) -> str | None:
    if context.event.user_id is None:
        return None
    return STATE_PREFIX + state_key(context.settings.state_secret, context.event.user_id)


def load_edit_state(context: CommandContext) -> EditState | None:
    """The staff member's /edit state, if any and not expired."""
    key = _state_row_key(context)
    if key is None:
        return None
    row = context.session.get(ConversationState, key)
    if row is None:
        return None
    if row.expires_at <= context.now:
        context.session.delete(row)
        return None
    data = dict(row.data)
    return EditState(
        step=str(data.get("step", "")),
        service_id=str(data.get("service_id", "")),
        field=str(data.get("field", "")),
        value=data.get("value"),
        selection=data.get("selection"),
    )


def save_edit_state(context: CommandContext, state: EditState) -> None:
    """Store the /edit state (in the handler's transaction)."""
    key = _state_row_key(context)
    if key is None:
        return
    put_state_row(context.session, key, state.to_dict(), context.now, STATE_TTL)


def clear_edit_state(context: CommandContext) -> None:
    """End the /edit flow."""
    key = _state_row_key(context)
    if key is None:
        return
    row = context.session.get(ConversationState, key)
    if row is not None:
        context.session.delete(row)


# --- linking -----------------------------------------------------------------------------------


def _welcome(context: CommandContext, organization_name: str) -> list[Reply]:
    _ = translator(context.lang).gettext
    text = "\n".join(
        [
            "✅ <b>"
            + esc(_("You are now linked as staff of %(org)s.") % {"org": organization_name})
            + "</b>",
            esc(
                _(
                    "Unlike residents, staff are identified: the bot knows your Telegram account, "
                    "and every change you make is recorded with it."
                )
            ),
            esc(_("/entry shows your entries as residents see them.")),
            esc(_("/edit changes a phone, hours, address or other details.")),
            esc(_("/confirm records that everything is still correct today.")),
        ]
    )
    return _say(text)


def link_with_code(context: CommandContext, code: str) -> list[Reply]:
    """Redeem an invite code for the sender."""
    _ = translator(context.lang).gettext
    if context.event.user_id is None:
        return _say(esc(_("Staff linking works only in Telegram.")))
    if not code.strip():
        return _say(esc(_("Please send the invite code after the command: /staff CODE")))
    try:
        link = redeem_invite(context.session, code, context.event.user_id, now=context.now)
    except InviteError as error:
        return _say(esc(error.text(context.lang)))
    organization = context.session.get(Organization, link.organization_id)
    replies = _welcome(context, organization.name if organization else link.organization_id)
    services = _services_for(
        context.session, Access(organization_ids=frozenset({link.organization_id}))
    )
    return replies + entry_replies(context, services)


def on_staff_command(context: CommandContext) -> list[Reply]:
    """/staff CODE."""
    return link_with_code(context, context.event.args)


def on_start_payload(context: CommandContext) -> list[Reply]:
    """/start staff-CODE (the t.me deep link)."""
    return link_with_code(context, context.event.args[len(DEEP_LINK_PREFIX) :])


# --- /entry ------------------------------------------------------------------------------------


def _services_for(session: Session, access: Access, wanted: str = "") -> list[Service]:
    query = services_with_details()
    if wanted:
        query = query.where((Service.id == wanted) | (Service.organization_id == wanted))
    elif not access.is_admin or access.organization_ids:
        query = query.where(Service.organization_id.in_(sorted(access.organization_ids)))
    else:
        return []
    return [s for s in session.scalars(query) if access.may_edit_organization(s.organization_id)]


def render_entry(service: Service, context: CommandContext, state: QueueState | None = None) -> str:
    """A service exactly as residents see it, whether they see it at all (the one visibility
    rule) and where it stands in the verification queue, then its source, confidence and last
    verification."""
    _ = translator(context.lang).gettext
    record = record_from_service(service)
    option = build_option(record, context.now, context.lang, Scope(service.scope), ())
    lines = [render_option(option, context.now, context.lang)]
    why = hidden_because(record.provenance, _today(context))
    if why is not None:
        lines.append(
            "⛔ "
            + esc(
                _("Not shown to residents now: %(why)s.")
                % {"why": hidden_label(why, context.lang, service.hidden_reason)}
            )
        )
    if state is not None:
        lines.extend(_queue_lines(state, context))
    lines.append(esc(_("Address: %(address)s") % {"address": _address_text(service, context)}))
    sources = ", ".join(service.source_urls) or _("(none)")
    lines.append(esc(_("Source: %(source)s") % {"source": sources}))
    if service.source_date:
        lines.append(esc(_("Source date: %(date)s") % {"date": service.source_date}))
    lines.append(esc(_("Confidence: %(level)s") % {"level": service.confidence}))
    if service.verified_on is not None:
        day = format_date(service.verified_on, format="medium", locale=context.lang)
        by = (
            _("by the centre")
            if service.verified_by == "centre"
            else _("by an administrator")
            if service.verified_by == "administrator"
            else service.verified_by or ""
        )
        lines.append(esc(_("Last verified: %(date)s %(by)s") % {"date": day, "by": by}).strip())
    else:
        lines.append(esc(_("Last verified: never")))
    lines.append(f"<code>{esc(service.id)}</code>")
    return "\n".join(lines)


def _queue_lines(state: QueueState, context: CommandContext) -> list[str]:
    """Where the entry stands in the verification queue, for its centre's staff."""
    _ = translator(context.lang).gettext
    lines = []
    for item in state.pending:
        lines.append(
            "⏳ "
            + esc(
                _(
                    "Waiting for an administrator's approval: %(field)s → %(value)s. Residents "
                    "see the current value until then."
                )
                % {
                    "field": _(FIELD_LABELS.get(item.field, item.field)),
                    "value": describe_value(item.field, item.value, context.lang),
                }
            )
        )
    entry = state.queue_entry
    if entry is not None and entry.reason in {
        QueueReason.HIDDEN,
        QueueReason.CONFIRMED_BY_CENTRE,
    }:
        lines.append(
            "⏳ "
            + esc(
                _("In the verification queue: place %(position)d of %(total)d.")
                % {"position": entry.position, "total": state.queue_length}
            )
        )
        if state.confirmed_by_centre_on is not None:
            day = format_date(state.confirmed_by_centre_on, format="medium", locale=context.lang)
            lines.append(
                esc(
                    _("You confirmed it on %(date)s; an administrator takes it live next.")
                    % {"date": day}
                )
            )
        else:
            lines.append(
                esc(
                    _(
                        "If it is right, press “All correct”: an administrator then takes it "
                        "live. If not, press “Correct it”."
                    )
                )
            )
    elif state.standing is Standing.UNCONFIRMED:
        lines.append(
            esc(
                _(
                    "Residents see it labelled “not yet confirmed by the centre”. If it is "
                    "right, press “All correct”."
                )
            )
        )
    return lines


def entry_buttons(service: Service, lang: str) -> tuple[tuple[Button, ...], ...]:
    """Confirm or correct one entry in one step."""
    _ = translator(lang).gettext
    return (
        (
            Button("✅ " + _("All correct"), f"{PREFIX}c:{service.id}"),
            Button("✏️ " + _("Correct it"), f"{PREFIX}e:{service.id}"),
        ),
    )


def entry_replies(context: CommandContext, services: Sequence[Service]) -> list[Reply]:
    """Each entry as residents see it, with its queue state and the confirm/correct buttons."""
    states = queue_states(context.session, [s.id for s in services], _today(context))
    return [
        Reply(
            text=render_entry(service, context, states.get(service.id)),
            buttons=entry_buttons(service, context.lang),
        )
        for service in services
    ]


def _address_text(service: Service, context: CommandContext) -> str:
    return format_address(read_field(service, "location")) or translator(context.lang).gettext(
        "(none)"
    )


def _named_services(context: CommandContext, usage: str) -> tuple[list[Service], list[Reply]]:
    """The services a staff command's argument names (the sender's own when it names none),
    or else the answer instead: not staff, not their organisation's, or `usage` (gettext-marked)
    when they have none."""
    _ = translator(context.lang).gettext
    access = _access(context)
    if not access.is_privileged:
        return [], _say(esc(_(NOT_STAFF)))
    wanted = context.event.args.strip()
    services = _services_for(context.session, access, wanted)
    if wanted and not services:
        return [], _say(esc(_("You can change only the entries of your own organisation.")))
    if not services:
        return [], _say(esc(_(usage)))
    return services, []


def on_entry(context: CommandContext) -> list[Reply]:
    """/entry [SERVICE_OR_ORG_ID]: the organisation's services as residents see them."""
    usage = N_("Write /entry followed by a service or organisation id.")
    services, instead = _named_services(context, usage)
    return instead or entry_replies(context, services)


# --- /edit -------------------------------------------------------------------------------------


def _field_buttons(lang: str) -> list[list[Button]]:
    _ = translator(lang).gettext
    buttons = [Button(_(FIELD_LABELS[name]), f"{PREFIX}f:{name}") for name in STAFF_FIELDS]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    return [*rows, _cancel_row(lang)]


def _ask_field(context: CommandContext, service: Service) -> list[Reply]:
    _ = translator(context.lang).gettext
    save_edit_state(context, EditState(step="field", service_id=service.id))
    name = service.name_en if context.lang == "en" and service.name_en else service.name_pl
    text = "<b>" + esc(name) + "</b>\n" + esc(_("What do you want to change?"))
    return _say(text, _field_buttons(context.lang))


def on_edit(context: CommandContext) -> list[Reply]:
    """/edit [SERVICE_ID]: choose the service, then the field."""
    _ = translator(context.lang).gettext
    services, instead = _named_services(context, N_("Write /edit followed by a service id."))
    if instead:
        return instead
    if len(services) == 1:
        return _ask_field(context, services[0])
    save_edit_state(context, EditState(step="service"))
    buttons = [[Button(s.name_pl[:60], f"{PREFIX}s:{s.id}")] for s in services[:30]]
    return _say(esc(_("Which entry do you want to change?")), [*buttons, _cancel_row(context.lang)])


def _prompt_value(context: CommandContext, service: Service, state: EditState) -> list[Reply]:
    _ = translator(context.lang).gettext
    name = state.field
    current = describe_value(
        name, read_field(service, stored_field(name)) if name != "address" else None, context.lang
    )
    if name == "address":
        current = _address_text(service, context)
    lines = [
        "<b>" + esc(_(FIELD_LABELS[name])) + "</b>",
        esc(_("Now: %(value)s") % {"value": current}),
    ]
    buttons: list[list[Button]] = []
    if name == "phones":
        lines.append(
            esc(
                _(
                    "Send the numbers to show, separated by commas, "
                    "e.g. 22 123 45 67, 116 123. They replace the current ones."
                )
            )
        )
    elif name == "hours":
        lines.append(
            esc(
                _(
                    "Choose a common case or send the hours like Mo-Fr 08:00-16:00; "
                    "Sa 10:00-14:00 (or 24/7)."
                )
            )
        )
        buttons = [[Button(h, f"{PREFIX}h:{h}")] for h in HOURS_SHORTCUTS]
    elif name == "address":
        lines.append(esc(_("Send the address like: ul. Długa 5, 00-001 Warszawa.")))
    elif name == "url":
        lines.append(esc(_("Send the link (https://…), or - to remove it.")))
    elif name == "notice":
        lines.append(
            esc(
                _(
                    "Send a short notice for residents, e.g. “closed until 2 January”, "
                    "or - to remove it."
                )
            )
        )
    elif name in TOGGLE_FIELDS:
        lines.append(esc(_("Tap to switch each on or off, then press Done.")))
        buttons = _toggle_buttons(context.lang, name, state.selection or [])
    elif name == "status":
        access = _access(context)
        allowed = (
            [s.value for s in ServiceStatus]
            if access.is_admin
            else [s for s in STATUS_LABELS if s in STAFF_STATUSES]
        )
        buttons = [[Button(_(STATUS_LABELS[s]), f"{PREFIX}v:{s}")] for s in allowed]
    buttons.append(_cancel_row(context.lang))
    return _say("\n".join(lines), buttons)


def _choices(name: str) -> list[tuple[str, str]]:
    if name == "crisis_types":
        return list(CRISIS_LABELS.items())
    if name == "audience":
        return list(AUDIENCE_LABELS.items())
    return [(code, code) for code in LANGUAGE_CHOICES]


def _toggle_buttons(lang: str, name: str, selection: Sequence[str]) -> list[list[Button]]:
    _ = translator(lang).gettext
    rows = []
    for code, label in _choices(name):
        mark = "✅ " if code in selection else "▫️ "
        rows.append(
            [Button(mark + (_(label) if name != "languages" else label), f"{PREFIX}t:{code}")]
        )
    rows.append([Button(_("Done"), PREFIX + "d")])
    return rows


def _preview(context: CommandContext, service: Service, state: EditState) -> list[Reply]:
    _ = translator(context.lang).gettext
    stored = stored_field(state.field)
    old = read_field(service, stored)
    lines = [
        "<b>" + esc(_("Please check the change")) + "</b>",
        esc(service.name_pl),
        esc(_(FIELD_LABELS[state.field])),
        esc(_("Before: %(value)s") % {"value": describe_value(stored, old, context.lang)}),
        "<b>"
        + esc(_("After: %(value)s") % {"value": describe_value(stored, state.value, context.lang)})
        + "</b>",
    ]
    buttons = [[Button(_("Save"), PREFIX + "ok")], _cancel_row(context.lang)]
    return _say("\n".join(lines), buttons)


def _accept_value(context: CommandContext, state: EditState, raw: str | list[str]) -> list[Reply]:
    """Validate a value; on success show the preview, else say why and ask again."""
    service = _editable_service(context, state.service_id)
    if isinstance(service, list):
        return service
    try:
        if isinstance(raw, list):
            stored, value = state.field, check_value(state.field, raw)
            if state.field != "languages" and not value:
                raise EditError(N_("Choose at least one."), state.field)
        else:
            stored, value = parse_staff_input(service, state.field, raw)
    except EditError as error:
        _ = translator(context.lang).gettext
        replies = _say("⚠️ " + esc(error.text(context.lang)))
        return replies + _prompt_value(context, service, state)
    if read_field(service, stored) == value:
        _ = translator(context.lang).gettext
        replies = _say(esc(_("That is the same as now; nothing to change.")))
        return replies + _prompt_value(context, service, state)
    state.step = "preview"
    state.value = value
    save_edit_state(context, state)
    return _preview(context, service, state)


def _editable_service(context: CommandContext, service_id: str) -> Service | list[Reply]:
    """The service if the sender may still edit it; otherwise a refusal (and the flow ends)."""
    _ = translator(context.lang).gettext
    access = _access(context)
    service = context.session.get(Service, service_id)
    if service is None or not access.may_edit_organization(service.organization_id):
        clear_edit_state(context)
        if not access.is_privileged:
            return _say(esc(_(NOT_STAFF)))
        return _say(esc(_("You can change only the entries of your own organisation.")))
    return service


def _save(context: CommandContext, state: EditState) -> list[Reply]:
    _ = translator(context.lang).gettext
    access = _access(context)
    service = _editable_service(context, state.service_id)
    if isinstance(service, list):
        return service
    try:
        result = change_service(
            context.session,
            service.id,
            {stored_field(state.field): state.value},
            actor=_actor(context, access),
            access=access,
            today=_today(context),
        )
    except EditError as error:
        clear_edit_state(context)
        return _say("⛔ " + esc(error.text(context.lang)))
    clear_edit_state(context)
    context.session.refresh(service)
    states = queue_states(context.session, [service.id], _today(context))
    if result.pending:
        heading = _(
            "Saved. The new value waits for an administrator's approval; until then residents "
            "see the current one:"
        )
    else:
        heading = _("Saved. Residents now see:")
    text = (
        "✅ <b>"
        + esc(heading)
        + "</b>\n\n"
        + render_entry(service, context, states.get(service.id))
    )
    return _say(text)


def on_button(context: CommandContext) -> list[Reply]:
    """Every staff button (data starting with st:)."""
    _ = translator(context.lang).gettext
    data = context.event.data[len(PREFIX) :]
    access = _access(context)
    if not access.is_privileged:
        clear_edit_state(context)
        return _say(esc(_(NOT_STAFF)))
    if data == "x":
        clear_edit_state(context)
        return _say(esc(_("Cancelled; nothing was changed.")))
    if data.startswith("co:"):
        return _confirm_organization(context, access, data[3:])
    if data.startswith("c:"):
        return _confirm(context, access, data[2:])
    if data.startswith("e:"):
        return _start_editing(context, data[2:])
    state = load_edit_state(context)
    if state is None:
        return _say(esc(_("This edit has expired. Start again with /edit.")))
    replies = _edit_button(context, state, data)
    if replies is None:
        return _say(esc(_("This button is no longer active. Start again with /edit.")))
    return replies


def _start_editing(context: CommandContext, service_id: str) -> list[Reply]:
    service = _editable_service(context, service_id)
    if isinstance(service, list):
        return service
    return _ask_field(context, service)


def _edit_button(context: CommandContext, state: EditState, data: str) -> list[Reply] | None:
    """A button of an /edit in progress; None when it no longer fits the edit's step."""
    if data.startswith("s:"):
        return _start_editing(context, data[2:])
    if data.startswith("f:") and data[2:] in STAFF_FIELDS and state.service_id:
        return _choose_field(context, state, data[2:])
    if state.step == "value":
        return _value_button(context, state, data)
    if state.step == "preview" and data == "ok":
        return _save(context, state)
    return None


def _choose_field(context: CommandContext, state: EditState, field: str) -> list[Reply]:
    service = _editable_service(context, state.service_id)
    if isinstance(service, list):
        return service
    state.field = field
    state.step = "value"
    state.selection = list(read_field(service, field)) if field in TOGGLE_FIELDS else None
    save_edit_state(context, state)
    return _prompt_value(context, service, state)


def _value_button(context: CommandContext, state: EditState, data: str) -> list[Reply] | None:
    """A button while a value is asked for: hours, a status, a toggle, or done."""
    if data.startswith("h:") and state.field == "hours":
        return _accept_value(context, state, data[2:])
    if data.startswith("v:") and state.field == "status":
        return _accept_value(context, state, data[2:])
    if data.startswith("t:") and state.field in TOGGLE_FIELDS:
        return _toggle(context, state, data[2:])
    if data == "d" and state.field in TOGGLE_FIELDS:
        return _accept_value(context, state, list(state.selection or []))
    return None


def _toggle(context: CommandContext, state: EditState, code: str) -> list[Reply]:
    service = _editable_service(context, state.service_id)
    if isinstance(service, list):
        return service
    selection = list(state.selection or [])
    if code in selection:
        selection.remove(code)
    elif code in dict(_choices(state.field)):
        selection.append(code)
    state.selection = selection
    save_edit_state(context, state)
    return _prompt_value(context, service, state)


def on_text(context: CommandContext) -> list[Reply] | None:
    """Typed values during /edit; None (the resident dialogue) for anything else."""
    if context.event.kind is not EventKind.TEXT or context.event.user_id is None:
        return None
    state = load_edit_state(context)
    if state is None or state.step != "value" or state.field not in TYPED_FIELDS:
        return None
    return _accept_value(context, state, context.event.text)


def on_cancel(context: CommandContext) -> list[Reply]:
    """/cancel: leave /edit without changing anything."""
    _ = translator(context.lang).gettext
    clear_edit_state(context)
    return _say(esc(_("Cancelled; nothing was changed.")))


# --- /confirm ----------------------------------------------------------------------------------


def _confirm(context: CommandContext, access: Access, target: str) -> list[Reply]:
    _ = translator(context.lang).gettext
    if target == "*":
        services = _services_for(context.session, access)
    else:
        service = _editable_service(context, target)
        if isinstance(service, list):
            return service
        services = [service]
    if not services:
        return _say(esc(_("You can change only the entries of your own organisation.")))
    return _confirm_services(context, access, services)


def _confirm_services(
    context: CommandContext, access: Access, services: Sequence[Service]
) -> list[Reply]:
    _ = translator(context.lang).gettext
    for service in services:
        confirm_service(
            context.session,
            service.id,
            actor=_actor(context, access),
            access=access,
            today=_today(context),
        )
    day = format_date(_today(context), format="medium", locale=context.lang)
    lines = []
    for service in services:
        context.session.refresh(service)
        line = "• " + esc(service.name_pl)
        why = hidden_because(record_from_service(service).provenance, _today(context))
        if why is not None:
            line += " — " + esc(
                _("residents do not see it yet: %(why)s")
                % {"why": hidden_label(why, context.lang, service.hidden_reason)}
            )
        lines.append(line)
    return _say(
        "✅ "
        + esc(_("Thank you. Recorded as verified today (%(date)s) by the centre:") % {"date": day})
        + "\n"
        + "\n".join(lines)
    )


def _confirm_organization(
    context: CommandContext, access: Access, organization_id: str
) -> list[Reply]:
    """The reminder's "still correct": every entry of one organisation, if still allowed."""
    _ = translator(context.lang).gettext
    if not access.may_edit_organization(organization_id):
        return _say(esc(_("You can change only the entries of your own organisation.")))
    services = _services_for(context.session, access, organization_id)
    if not services:
        return _say(esc(_("This entry does not exist (any more).")))
    return _confirm_services(context, access, services)


def on_confirm(context: CommandContext) -> list[Reply]:
    """/confirm [SERVICE_ID]: stamp "verified today by the centre" without changing anything."""
    _ = translator(context.lang).gettext
    access = _access(context)
    if not access.is_privileged:
        return _say(esc(_(NOT_STAFF)))
    wanted = context.event.args.strip()
    if wanted:
        return _confirm(context, access, wanted)
    services = _services_for(context.session, access)
    if not services:
        return _say(esc(_("Write /confirm followed by a service id.")))
    if len(services) == 1:
        return _confirm(context, access, services[0].id)
    buttons = [[Button(s.name_pl[:60], f"{PREFIX}c:{s.id}")] for s in services[:30]]
    buttons.append([Button(_("All of them are correct"), PREFIX + "c:*")])
    return _say(esc(_("Which entry is still correct?")), buttons)


# --- /panel -------------------------------------------------------------------------------------


def on_panel(context: CommandContext) -> list[Reply]:
    """/panel: a one-time sign-in link to the web panel (staff and administrators)."""
    _ = translator(context.lang).gettext
    access = _access(context)
    role = best_role(access)
    if role is None or context.event.user_id is None:
        return _say(esc(_(NOT_STAFF)))
    try:
        link = create_sign_in_link(
            context.session,
            context.event.user_id,
            role,
            admin_ids=context.settings.admin_telegram_ids,
            now=context.now,
        )
    except SignInError as error:
        return _say(esc(error.text(context.lang)))
    url = link.url(public_base_url(context.settings), context.lang)
    minutes = int(SIGN_IN_LINK_TTL.total_seconds() // 60)
    text = "\n".join(
        [
            "🔐 <b>" + esc(_("Your sign-in link to the web panel")) + "</b>",
            f'<a href="{esc(url)}">{esc(url)}</a>',
            esc(
                _(
                    "It works once, for %(minutes)d minutes. Do not forward it: whoever opens it "
                    "can change your centre's entry in your name."
                )
                % {"minutes": minutes}
            ),
        ]
    )
    return _say(text)


def register(extensions: Extensions) -> None:
    """Add the staff commands, buttons, deep link and text handler to `extensions`."""
    extensions.add_command(
        "staff", on_staff_command, description=N_("link your centre (invite code)")
    )
    extensions.add_command(
        "entry", on_entry, description=N_("your centre's entry as residents see it")
    )
    extensions.add_command("edit", on_edit, description=N_("change your centre's entry"))
    extensions.add_command("confirm", on_confirm, description=N_("everything is still correct"))
    extensions.add_command("cancel", on_cancel, description=N_("stop editing"))
    extensions.add_command("panel", on_panel, description=N_("sign in to the web panel"))
    extensions.add_button(PREFIX, on_button)
    extensions.add_start_payload(DEEP_LINK_PREFIX, on_start_payload)
    extensions.add_text_handler(on_text)
