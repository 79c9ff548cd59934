"""/verify in the chat (dialogue level, the real ConversationService on the seeded directory):
one entry at a time with its sources and buttons, verify / hide / skip / decline, refusals; staff
see their entry's queue state; residents are told "no confirmed centre" where one is researched."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService, LiveDirectory
from bot.dialogue import DialogueState, Outcome, respond
from bot.events import Event, EventKind, Reply
from directory.db import session_scope
from directory.models import Service
from directory.staff import create_invite
from directory.verification import list_queue

SECRET = "verify-test-secret"
ADMIN = 7001
RESIDENT = 7002
STAFF = 7003
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
NIGHT = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)


@pytest.fixture
def service(engine: Engine) -> ConversationService:
    settings = Settings(state_secret=SECRET, admin_telegram_ids=frozenset({ADMIN}))
    return ConversationService(
        settings, engine=engine, clock=lambda: NOW, extensions=standard_extensions()
    )


def event(kind: EventKind, user: int, lang: str, **values: str) -> Event:
    return Event(kind=kind, language_code=lang, user_id=user, channel="telegram", **values)


def command(
    service: ConversationService, user: int, name: str, args: str = "", lang: str = "en"
) -> list[Reply]:
    return service.handle(user, event(EventKind.COMMAND, user, lang, command=name, args=args))


def press(service: ConversationService, user: int, data: str, lang: str = "en") -> list[Reply]:
    return service.handle(user, event(EventKind.BUTTON, user, lang, data=data))


def say(service: ConversationService, user: int, text: str, lang: str = "en") -> list[Reply]:
    return service.handle(user, event(EventKind.TEXT, user, lang, text=text))


def text_of(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def data_of(replies: list[Reply]) -> list[str]:
    return [button.data for reply in replies for row in reply.buttons for button in row]


def first_in_queue(engine: Engine, skipped: int = 0) -> str:
    with session_scope(engine) as session:
        return list_queue(session, NOW.date()).entries[skipped].service_id


def test_verify_shows_the_first_entry_with_its_sources_and_three_buttons(
    service: ConversationService, engine: Engine
) -> None:
    first = first_in_queue(engine)
    replies = command(service, ADMIN, "verify")
    text = text_of(replies)
    assert f"[{first}]" in text
    assert "Verification queue: " in text
    assert "Sources:" in text
    assert "Verifying it gives its first local option to:" in text
    assert data_of(replies)[:3] == [f"vf:ok:{first}", f"vf:h:{first}", f"vf:s:{first}"]
    assert all(len(reply.text) <= 4096 for reply in replies)


def test_skip_shows_the_next_entry_and_verify_takes_one_live(
    service: ConversationService, engine: Engine
) -> None:
    first, second = first_in_queue(engine), first_in_queue(engine, 1)
    command(service, ADMIN, "verify")
    skipped = press(service, ADMIN, f"vf:s:{first}")
    assert f"[{second}]" in text_of(skipped)
    verified = press(service, ADMIN, f"vf:ok:{second}")
    assert "Verified. Residents now see:" in text_of(verified)
    assert "checked on" in text_of(verified)
    # The next entry follows, and the skipped one is not offered again this round.
    assert f"[{first}]" not in text_of(verified).split("Verification queue")[-1]
    with session_scope(engine) as session:
        stored = session.get(Service, second)
        assert stored is not None
        assert (stored.status, stored.verified_by) == ("active", "administrator")


def test_verify_by_id_opens_that_entry(service: ConversationService) -> None:
    replies = command(service, ADMIN, "verify", "P032")
    assert "[P032]" in text_of(replies)
    assert "https://wsnlc.pl/oddzialy/izba-przyjec/" in text_of(replies)
    assert "There is no entry with the id NOPE." in text_of(
        command(service, ADMIN, "verify", "NOPE")
    )


def test_hide_asks_for_a_reason_by_button_or_typed(
    service: ConversationService, engine: Engine
) -> None:
    prompt = press(service, ADMIN, "vf:h:B26")
    assert "Why hide it?" in text_of(prompt)
    assert "vf:hr:0:B26" in data_of(prompt)
    hidden = press(service, ADMIN, "vf:hr:0:B26")
    assert "Hidden from residents: No phone number in any source" in text_of(hidden)
    press(service, ADMIN, "vf:h:B30")
    typed = say(service, ADMIN, "the PCPR says the centre closed in 2024")
    assert "Hidden from residents: the PCPR says the centre closed in 2024" in text_of(typed)
    with session_scope(engine) as session:
        assert session.get(Service, "B26").hidden_reason == "No phone number in any source"  # type: ignore[union-attr]
        assert session.get(Service, "B30").hidden_reason == (  # type: ignore[union-attr]
            "the PCPR says the centre closed in 2024"
        )
    # After the reason, text is the resident dialogue again, not another reason.
    assert "Hidden from residents" not in text_of(say(service, ADMIN, "Kraków"))


def test_verifying_an_entry_without_a_phone_says_what_to_do(service: ConversationService) -> None:
    refused = press(service, ADMIN, "vf:ok:B26")
    assert "no phone number residents could call" in text_of(refused)


@pytest.mark.parametrize("data", ["vf:ok:P032", "vf:h:P032", "vf:s:P032", "vf:hr:0:P032"])
def test_residents_and_staff_are_refused_with_112(
    service: ConversationService, engine: Engine, data: str
) -> None:
    assert "112" in text_of(command(service, RESIDENT, "verify"))
    refused = press(service, RESIDENT, data)
    assert "only for the directory's administrators" in text_of(refused)
    assert "112" in text_of(refused)
    with session_scope(engine) as session:
        stored = session.get(Service, "P032")
        assert stored is not None
        assert (stored.status, stored.hidden_reason) == ("unverified", None)


def test_the_queue_is_in_polish_and_ukrainian_too(service: ConversationService) -> None:
    assert "Kolejka weryfikacji" in text_of(command(service, ADMIN, "verify", "P032", "pl"))
    assert "Черга перевірки" in text_of(command(service, ADMIN, "verify", "P032", "uk"))


# --- staff: their own entry's queue state, confirm or correct in one step ----------------------


def link(service: ConversationService, engine: Engine, organization: str) -> list[Reply]:
    with session_scope(engine) as session:
        code = create_invite(session, organization, now=NOW).code
    return command(service, STAFF, "staff", code)


def test_staff_see_their_entrys_queue_state_when_they_link_and_can_confirm_it_in_one_step(
    service: ConversationService, engine: Engine
) -> None:
    welcome = link(service, engine, "P032")
    text = text_of(welcome)
    assert "Not shown to residents now: it waits for verification by the Drogowskaz team." in text
    assert "In the verification queue: place" in text
    assert data_of(welcome)[-2:] == ["st:c:P032", "st:e:P032"]
    confirmed = press(service, STAFF, "st:c:P032")
    assert "residents do not see it yet" in text_of(confirmed)
    entry = text_of(command(service, STAFF, "entry"))
    assert "an administrator takes it live next" in entry
    # The administrator sees it first in the queue, as confirmed by its centre.
    assert "[P032]" in text_of(command(service, ADMIN, "verify"))
    assert "its centre confirmed it" in text_of(command(service, ADMIN, "verify"))


def test_correct_it_opens_the_edit_of_that_entry(
    service: ConversationService, engine: Engine
) -> None:
    link(service, engine, "P032")
    fields = press(service, STAFF, "st:e:P032")
    assert "What do you want to change?" in text_of(fields)
    assert "st:f:phones" in data_of(fields)


# --- residents: honest about a researched, unconfirmed centre ----------------------------------


def run(directory: LiveDirectory, *events: Event, at: datetime = NOW) -> Outcome:
    state: DialogueState | None = None
    outcome: Outcome | None = None
    for item in events:
        outcome = respond(item, state, directory, at)
        state = outcome.state
    assert outcome is not None
    return outcome


@pytest.mark.parametrize("place", ["Wrocław", "Zielona Góra", "Kłodzko"])
def test_a_powiat_with_a_researched_unconfirmed_centre_is_told_no_confirmed_centre(
    engine: Engine, place: str
) -> None:
    outcome = run(
        LiveDirectory(engine),
        Event(kind=EventKind.TEXT, text=place, language_code="en"),
        Event(kind=EventKind.BUTTON, data="cr:violence", language_code="en"),
    )
    text = text_of(outcome.replies)
    assert "There is no confirmed centre in your powiat yet" in text
    assert "There is no centre in your powiat" not in text


def test_a_powiat_with_nothing_researched_is_still_told_no_centre(engine: Engine) -> None:
    outcome = run(
        LiveDirectory(engine),
        Event(kind=EventKind.TEXT, text="powiat górowski", language_code="pl"),
        Event(kind=EventKind.BUTTON, data="cr:violence", language_code="pl"),
    )
    text = text_of(outcome.replies)
    assert "W Twoim powiecie nie ma ośrodka" in text
    assert "potwierdzonego" not in text
