"""Staff in the chat, dialogue level: linking, /entry, /edit step by step, /confirm, refusals.

The real ConversationService answers from the real seeded directory; nothing of ours is mocked.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.events import Event, EventKind, Reply
from directory.crisis import CrisisType
from directory.db import session_scope
from directory.models import (
    AuditLog,
    ConversationState,
    PanelSignInLink,
    Service,
    UsageEvent,
)
from directory.panel_access import PanelRole, redeem_sign_in_link
from directory.referral import OptionsRequest
from directory.staff import create_invite, revoke_link
from directory.store import DirectoryStore

SECRET = "staff-test-secret"
STAFF = 5001
OTHER_STAFF = 5002
RESIDENT = 5003
ADMIN = 5004
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # a Wednesday morning in Warsaw


@pytest.fixture
def service(engine: Engine) -> ConversationService:
    """The conversation service with one configured administrator."""
    settings = Settings(state_secret=SECRET, admin_telegram_ids=frozenset({ADMIN}))
    return ConversationService(
        settings, engine=engine, clock=lambda: NOW, extensions=standard_extensions()
    )


def invite(engine: Engine, organization_id: str) -> str:
    with session_scope(engine) as session:
        return create_invite(session, organization_id, now=NOW).code


def command(
    service: ConversationService, user: int, name: str, args: str = "", lang: str = "pl"
) -> list[Reply]:
    event = Event(
        kind=EventKind.COMMAND,
        command=name,
        args=args,
        language_code=lang,
        user_id=user,
        channel="telegram",
    )
    return service.handle(user, event)


def press(service: ConversationService, user: int, data: str, lang: str = "pl") -> list[Reply]:
    event = Event(
        kind=EventKind.BUTTON, data=data, language_code=lang, user_id=user, channel="telegram"
    )
    return service.handle(user, event)


def say(service: ConversationService, user: int, text: str, lang: str = "pl") -> list[Reply]:
    event = Event(
        kind=EventKind.TEXT, text=text, language_code=lang, user_id=user, channel="telegram"
    )
    return service.handle(user, event)


def text_of(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def data_of(replies: list[Reply]) -> list[str]:
    return [button.data for reply in replies for row in reply.buttons for button in row]


def linked(
    service: ConversationService, engine: Engine, user: int, org: str, lang: str = "pl"
) -> str:
    return text_of(command(service, user, "staff", invite(engine, org), lang))


def test_a_deep_link_links_staff_and_the_welcome_says_they_are_identified(
    service: ConversationService, engine: Engine
) -> None:
    code = invite(engine, "B01")
    welcome = text_of(command(service, STAFF, "start", f"staff-{code}", "en"))
    assert "You are now linked as staff of Ośrodek Interwencji Kryzysowej w Krakowie" in welcome
    assert "staff are identified" in welcome
    again = text_of(command(service, OTHER_STAFF, "start", f"staff-{code}", "en"))
    assert "already been used" in again


def test_staff_command_links_in_polish_and_bad_codes_are_refused_clearly(
    service: ConversationService, engine: Engine
) -> None:
    assert "Jesteś teraz" in linked(service, engine, STAFF, "B01")
    assert "nieprawidłowy" in text_of(command(service, RESIDENT, "staff", "NOPE-NOPE"))
    assert "/staff" in text_of(command(service, RESIDENT, "staff"))


def test_entry_shows_the_resident_view_with_source_confidence_and_verification(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, STAFF, "B01", "en")
    entry = text_of(command(service, STAFF, "entry", lang="en"))
    assert "+48124219282" in entry
    assert "open 24/7" in entry
    assert "Source: https://www.krakow.pl" in entry
    assert "Confidence: high" in entry
    assert "Last verified: never" in entry


def test_residents_get_a_clear_refusal_for_staff_commands(
    service: ConversationService,
) -> None:
    for name in ("entry", "edit", "confirm"):
        assert "for staff of help centres" in text_of(command(service, RESIDENT, name, lang="en"))


def test_editing_a_phone_walks_through_preview_and_waits_for_an_administrator(
    service: ConversationService, engine: Engine
) -> None:
    # Issue 11 finding 2: the new number is held until an administrator approves it in
    # /verify; residents keep the live one meanwhile (it used to go live at once).
    linked(service, engine, STAFF, "B01", "en")
    fields = command(service, STAFF, "edit", lang="en")
    assert "st:f:phones" in data_of(fields)
    prompt = press(service, STAFF, "st:f:phones", "en")
    assert "Now: 12 421 92 82" in text_of(prompt)
    preview = say(service, STAFF, "12 421 92 83", "en")
    assert "Before: 12 421 92 82" in text_of(preview)
    assert "After: 12 421 92 83" in text_of(preview)
    assert "st:ok" in data_of(preview)
    saved = press(service, STAFF, "st:ok", "en")
    assert "waits for an administrator's approval" in text_of(saved)
    assert "Phone numbers → 12 421 92 83" in text_of(saved)

    def live_phones() -> list[str | None]:
        options = DirectoryStore(engine).options_for(
            OptionsRequest("1261", CrisisType.SUICIDAL, NOW, "pl")
        )
        return [p.e164 for o in options if o.service_id == "B01" for p in o.phones]

    assert live_phones() == ["+48124219282"]

    queue = command(service, ADMIN, "verify", lang="en")
    assert "[B01]" in text_of(queue)  # a proposed change is first in the queue
    assert "Proposed by staff:5001" in text_of(queue)
    approved = press(service, ADMIN, "vf:ok:B01", "en")
    assert "Verified. Residents now see:" in text_of(approved)
    assert "+48124219283" in text_of(approved)
    assert live_phones() == ["+48124219283"]
    with session_scope(engine) as session:
        rows = session.scalars(
            select(AuditLog).where(
                AuditLog.entity.in_(("service", "pending_change")), AuditLog.entity_id == "B01"
            )
        ).all()
        assert {(row.entity, row.field, row.actor) for row in rows if row.actor != "seed"} == {
            ("pending_change", "phones.proposed", f"staff:{STAFF}"),
            ("service", "phones", f"admin:{ADMIN}"),
            ("service", "verified_on", f"admin:{ADMIN}"),
            ("service", "verified_by", f"admin:{ADMIN}"),
            ("pending_change", "phones.approved", f"admin:{ADMIN}"),
        }
        stored = session.get(Service, "B01")
        assert stored is not None
        assert (stored.verified_on, stored.verified_by) == (date(2026, 3, 4), "administrator")
        # Privacy: staff turns never reach the anonymous usage records.
        assert session.scalars(select(UsageEvent)).all() == []


@pytest.mark.parametrize(
    ("lang", "value", "message"),
    [
        ("pl", "123", "nie jest polskim numerem"),
        ("en", "123", "is not a Polish phone number"),
        ("pl", "22 123 45", "nie jest polskim numerem"),
    ],
)
def test_a_bad_phone_is_refused_in_the_staff_language_and_asked_again(
    service: ConversationService, engine: Engine, lang: str, value: str, message: str
) -> None:
    linked(service, engine, STAFF, "B01", lang)
    command(service, STAFF, "edit", lang=lang)
    press(service, STAFF, "st:f:phones", lang)
    refused = say(service, STAFF, value, lang)
    assert message in text_of(refused)
    assert "st:x" in data_of(refused)
    with session_scope(engine) as session:
        stored = session.get(Service, "B01")
        assert stored is not None
        assert [p.number_as_published for p in stored.phones] == ["12 421 92 82"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("701 234 567", "is a premium-rate number (70x)"),
        ("22 123 45 67, 801 123 456", "is a shared-cost number (801)"),
        ("118 913", "is a paid directory enquiries number (118…)"),
        ("997", "is an emergency number (112, 997, 998, 999)"),
        ("112", "is an emergency number (112, 997, 998, 999)"),
    ],
)
def test_staff_cannot_give_their_centre_a_paid_or_an_emergency_number(
    service: ConversationService, engine: Engine, typed: str, message: str
) -> None:
    linked(service, engine, STAFF, "B01", "en")
    command(service, STAFF, "edit", lang="en")
    press(service, STAFF, "st:f:phones", "en")
    refused = say(service, STAFF, typed, "en")
    assert message in text_of(refused)
    assert "st:ok" not in data_of(refused)  # no preview, nothing to save
    assert "st:x" in data_of(refused)  # asked again, with a way out
    with session_scope(engine) as session:
        stored = session.get(Service, "B01")
        assert stored is not None
        assert [p.number_as_published for p in stored.phones] == ["12 421 92 82"]


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        (
            "en",
            "Mo-Fr 08:00-16:00; Sa 10:00-14:00",
            "Mon–Fri 08:00–16:00; Sat 10:00–14:00; Sun closed",
        ),
        ("pl", "Mo-Fr 08:00-16:00", "pon.–pt. 08:00–16:00; sob.–niedz. zamknięte"),
        ("en", "całodobowo", "open around the clock, every day"),
    ],
)
def test_hours_are_read_back_in_words_before_saving(
    service: ConversationService, engine: Engine, lang: str, typed: str, expected: str
) -> None:
    linked(service, engine, STAFF, "B01", lang)
    command(service, STAFF, "edit", lang=lang)
    prompt = press(service, STAFF, "st:f:hours", lang)
    assert "st:h:24/7" in data_of(prompt)
    assert "st:h:Mo-Fr 08:00-16:00" in data_of(prompt)
    preview = say(service, STAFF, typed, lang)
    assert expected in text_of(preview)


def test_a_common_hours_button_leads_to_the_preview(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, STAFF, "B01", "en")
    command(service, STAFF, "edit", lang="en")
    press(service, STAFF, "st:f:hours", "en")
    preview = press(service, STAFF, "st:h:Mo-Fr 08:00-16:00", "en")
    assert "After: Mo-Fr 08:00-16:00 — Mon–Fri 08:00–16:00" in text_of(preview)


def test_bad_hours_are_refused_with_the_expected_form(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, STAFF, "B01", "en")
    command(service, STAFF, "edit", lang="en")
    press(service, STAFF, "st:f:hours", "en")
    assert "Mo-Fr 08:00-16:00" in text_of(say(service, STAFF, "mondays sometimes", "en"))


def test_cancel_anywhere_leaves_the_entry_as_it_was(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, STAFF, "B01", "en")
    command(service, STAFF, "edit", lang="en")
    press(service, STAFF, "st:f:notice", "en")
    say(service, STAFF, "closed until 2 January", "en")
    assert "nothing was changed" in text_of(press(service, STAFF, "st:x", "en"))
    with session_scope(engine) as session:
        stored = session.get(Service, "B01")
        assert stored is not None
        assert stored.notice is None
        assert session.scalars(select(ConversationState)).all() == []
    # After cancelling, typed text is the resident conversation again.
    assert "st:ok" not in data_of(say(service, STAFF, "hello", "en"))


def test_toggles_change_crisis_types(service: ConversationService, engine: Engine) -> None:
    linked(service, engine, STAFF, "B01", "en")
    command(service, STAFF, "edit", lang="en")
    prompt = press(service, STAFF, "st:f:crisis_types", "en")
    assert "✅ Thoughts of suicide" in text_of(
        [Reply(b.label) for r in prompt for row in r.buttons for b in row]
    )
    press(service, STAFF, "st:t:addiction", "en")
    preview = press(service, STAFF, "st:d", "en")
    assert "Alcohol, drugs, gambling" in text_of(preview)
    press(service, STAFF, "st:ok", "en")
    with session_scope(engine) as session:
        stored = session.get(Service, "B01")
        assert stored is not None
        assert "addiction" in stored.crisis_types


def test_staff_of_another_organisation_is_refused_at_every_step(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, OTHER_STAFF, "B02", "en")
    refused = "only the entries of your own organisation"
    assert refused in text_of(command(service, OTHER_STAFF, "edit", "B01", "en"))
    assert refused in text_of(command(service, OTHER_STAFF, "confirm", "B01", "en"))
    assert refused in text_of(command(service, OTHER_STAFF, "entry", "B01", "en"))
    command(service, OTHER_STAFF, "edit", lang="en")
    # A crafted button for another organisation's entry is refused too.
    assert refused in text_of(press(service, OTHER_STAFF, "st:s:B01", "en"))


def test_a_link_revoked_mid_edit_stops_the_save(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, STAFF, "B01", "en")
    command(service, STAFF, "edit", lang="en")
    press(service, STAFF, "st:f:phones", "en")
    say(service, STAFF, "12 421 92 83", "en")
    with session_scope(engine) as session:
        revoke_link(session, STAFF)
    assert "for staff of help centres" in text_of(press(service, STAFF, "st:ok", "en"))
    with session_scope(engine) as session:
        stored = session.get(Service, "B01")
        assert stored is not None
        assert [p.number_as_published for p in stored.phones] == ["12 421 92 82"]


def test_staff_cannot_activate_an_unverified_entry_but_an_administrator_can(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, OTHER_STAFF, "B02", "en")
    command(service, OTHER_STAFF, "edit", lang="en")
    prompt = press(service, OTHER_STAFF, "st:f:status", "en")
    assert "st:v:active" in data_of(prompt)
    assert "st:ok" in data_of(press(service, OTHER_STAFF, "st:v:active", "en"))
    assert "Only an administrator" in text_of(press(service, OTHER_STAFF, "st:ok", "en"))
    with session_scope(engine) as session:
        stored = session.get(Service, "B02")
        assert stored is not None
        assert stored.status == "unverified"
    command(service, ADMIN, "edit", "B02", "en")
    press(service, ADMIN, "st:f:status", "en")
    press(service, ADMIN, "st:v:active", "en")
    assert "Saved" in text_of(press(service, ADMIN, "st:ok", "en"))
    with session_scope(engine) as session:
        stored = session.get(Service, "B02")
        assert stored is not None
        assert stored.status == "active"
        assert stored.verified_by == "administrator"


def test_confirm_stamps_verified_today_by_the_centre(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, STAFF, "B01", "en")
    confirmed = text_of(command(service, STAFF, "confirm", lang="en"))
    assert "verified today" in confirmed
    entry = text_of(command(service, STAFF, "entry", lang="en"))
    assert "Last verified: Mar 4, 2026 by the centre" in entry


def test_staff_cannot_plant_a_spreadsheet_formula_in_the_notice(
    service: ConversationService, engine: Engine
) -> None:
    linked(service, engine, STAFF, "B01", "en")
    command(service, STAFF, "edit", lang="en")
    press(service, STAFF, "st:f:notice", "en")
    refused = say(service, STAFF, '=HYPERLINK("https://evil.example","Closed")', "en")
    assert "must not start with = + - or @" in text_of(refused)
    assert "st:ok" not in data_of(refused)
    with session_scope(engine) as session:
        stored = session.get(Service, "B01")
        assert stored is not None
        assert stored.notice is None


def test_panel_gives_staff_a_one_time_sign_in_link_under_the_public_address(
    engine: Engine,
) -> None:
    settings = Settings(
        state_secret=SECRET,
        admin_telegram_ids=frozenset({ADMIN}),
        public_url="https://pomoc.example.org/",
    )
    service = ConversationService(
        settings, engine=engine, clock=lambda: NOW, extensions=standard_extensions()
    )
    linked(service, engine, STAFF, "B01")
    text = text_of(command(service, STAFF, "panel", lang="en"))
    found = re.search(r"https://pomoc\.example\.org/panel/sign-in\?token=([\w-]+)", text)
    assert found is not None
    assert "15 minutes" in text
    with session_scope(engine) as session:
        signed_in = redeem_sign_in_link(session, found.group(1), now=NOW)
    assert signed_in.role is PanelRole.STAFF


def test_panel_gives_an_administrator_an_administrator_link(
    service: ConversationService, engine: Engine
) -> None:
    text = text_of(command(service, ADMIN, "panel"))
    found = re.search(r"/panel/sign-in\?token=([\w-]+)", text)
    assert found is not None
    with session_scope(engine) as session:
        signed_in = redeem_sign_in_link(session, found.group(1), admin_ids={ADMIN}, now=NOW)
    assert signed_in.role is PanelRole.ADMIN


def test_panel_gives_residents_no_link(service: ConversationService, engine: Engine) -> None:
    text = text_of(command(service, RESIDENT, "panel", lang="en"))
    assert "token=" not in text
    assert "/sos" in text
    with session_scope(engine) as session:
        assert session.scalars(select(PanelSignInLink)).all() == []
