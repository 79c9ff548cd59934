"""The dialogue core driven with an in-memory directory: the bundled seed, ranked, no database.

`InMemoryDirectory` implements the directory protocol the dialogue uses (bot.dialogue.Directory)
over the pure rules (directory.referral, directory.emergency) and the bundled data files, the way
a channel without a database could; the dialogue must give the same safety guarantees with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from bot.dialogue import DialogueState, Outcome, Step, respond
from bot.events import Event, EventKind, Reply
from bot.gazetteer_places import GazetteerPlaces
from directory.clock import WARSAW
from directory.crisis import CrisisType
from directory.emergency import emergency_options
from directory.gazetteer import load_gazetteer
from directory.referral import (
    PAGE_SIZE,
    Handover,
    Option,
    OptionsRequest,
    ServiceRecord,
    rank_handover_points,
    rank_options,
    record_from_entry,
    unconfirmed_powiats,
)
from directory.seed_data import seed_entries
from directory.visibility import WITHDRAWN_STATUSES

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=WARSAW)  # a Wednesday morning
PRUSZKOW_POWIAT = "1421"


@dataclass
class InMemoryDirectory(GazetteerPlaces):
    """The directory the dialogue reads, held in memory: the services as records, no storage
    (places from the bundled gazetteer, as the running bot finds them)."""

    records: list[ServiceRecord] = field(default_factory=list)

    @classmethod
    def from_bundled_seed(cls) -> InMemoryDirectory:
        """Every bundled service that is not withdrawn, as the seeded database would hold it."""
        return cls([record_from_entry(entry) for entry in seed_entries()])

    @property
    def active(self) -> list[ServiceRecord]:
        """What residents may be shown: the active services, as the store loads them."""
        return [record for record in self.records if record.status == "active"]

    def options_for(self, request: OptionsRequest) -> Sequence[Option]:
        """The ranked options, by the same rule the database-backed store applies."""
        return rank_options(self.active, request)

    def emergency_options(self, lang: str) -> Sequence[Option]:
        """112 and the national 24/7 lines among the active services."""
        return emergency_options(lang, services=self.active)

    def has_unconfirmed_local(self, powiat: str) -> bool:
        """Whether a local entry serving `powiat` waits for an administrator's verification."""
        candidates = [r for r in self.records if r.status not in WITHDRAWN_STATUSES]
        return powiat in unconfirmed_powiats(candidates, NOW.date())

    def handover_points(
        self, powiat: str, origin: tuple[float, float] | None, at: datetime, lang: str
    ) -> Handover:
        """Where a responder can hand a person over now; from the powiat's seat by default."""
        if origin is None:
            seat = load_gazetteer().powiat(powiat)
            origin = (seat.lat, seat.lon)
        return rank_handover_points(self.active, origin, at, lang, powiat=powiat)


@pytest.fixture(scope="module")
def directory() -> InMemoryDirectory:
    """The bundled directory in memory, shared by this module's tests (none changes it)."""
    return InMemoryDirectory.from_bundled_seed()


def text(value: str, lang: str = "pl") -> Event:
    return Event(kind=EventKind.TEXT, text=value, language_code=lang)


def press(data: str, lang: str = "pl") -> Event:
    return Event(kind=EventKind.BUTTON, data=data, language_code=lang)


def command(name: str, lang: str = "pl") -> Event:
    return Event(kind=EventKind.COMMAND, command=name, language_code=lang)


def run(directory: InMemoryDirectory, *events: Event) -> Outcome:
    state: DialogueState | None = None
    outcome: Outcome | None = None
    for event in events:
        outcome = respond(event, state, directory, NOW)
        state = outcome.state
    assert outcome is not None
    return outcome


def all_text(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def first_line(reply: Reply) -> str:
    return re.sub(r"<[^>]+>", "", reply.text.splitlines()[0])


@pytest.mark.parametrize(
    "message",
    ["jestem w Pruszkowie, mąż mnie bije", "chcę się zabić", "zaginęło dziecko"],
)
def test_a_danger_message_leads_with_112_on_its_first_line(
    directory: InMemoryDirectory, message: str
) -> None:
    outcome = run(directory, text(message))
    assert "112" in first_line(outcome.replies[0])
    assert outcome.usage[0].emergency_first


def test_danger_with_a_place_goes_on_to_the_local_list_after_the_block(
    directory: InMemoryDirectory,
) -> None:
    outcome = run(directory, text("jestem w Pruszkowie, mąż mnie bije"))
    assert outcome.state.powiat == PRUSZKOW_POWIAT
    assert outcome.state.crisis == "violence"
    assert outcome.state.step == Step.RESULTS
    assert "powiat pruszkowski" in all_text(outcome.replies[1:])


def test_a_place_and_a_crisis_list_the_ranked_options_in_their_order(
    directory: InMemoryDirectory,
) -> None:
    outcome = run(directory, command("start"), text("Pruszków"), press("cr:mental"))
    ranked = rank_options(
        directory.active, OptionsRequest(PRUSZKOW_POWIAT, CrisisType.MENTAL, NOW, "pl")
    )
    body = all_text(outcome.replies)
    first_page = ranked[:PAGE_SIZE]
    positions = [body.find(option.short_name) for option in first_page]
    assert -1 not in positions, [o.short_name for o in first_page]
    assert positions == sorted(positions)
    assert outcome.state.step == Step.RESULTS
    assert outcome.usage[-1].options_shown == len(first_page)


def test_every_list_the_resident_reaches_holds_112_and_a_national_24_7_line(
    directory: InMemoryDirectory,
) -> None:
    outcome = run(directory, command("start"), text("Pruszków"), press("cr:bereavement"))
    body = all_text(outcome.replies)
    assert "112" in body
    assert "116 123" in body


def test_an_unknown_place_is_no_dead_end_it_gives_the_national_lines(
    directory: InMemoryDirectory,
) -> None:
    outcome = run(directory, command("start"), text("qwxzv"))
    body = all_text(outcome.replies)
    assert "Nie znalazłem" in body
    assert "112" in body
    assert "116 123" in body
    assert outcome.state.powiat is None


def test_a_line_withdrawn_from_the_directory_leaves_the_emergency_block(
    directory: InMemoryDirectory,
) -> None:
    violence_line = "+48800120002"  # 800 120 002, seed id H07
    assert violence_line in run(directory, text("mąż mnie bije")).replies[0].text
    withdrawn = InMemoryDirectory(
        [r if r.id != "H07" else _with_status(r, "defunct") for r in directory.records]
    )
    outcome = run(withdrawn, text("mąż mnie bije"))
    block = outcome.replies[0].text
    assert "112" in first_line(outcome.replies[0])
    assert violence_line not in block
    assert "116 123" in block


def _with_status(record: ServiceRecord, status: str) -> ServiceRecord:
    return ServiceRecord(**{**record.__dict__, "status": status})
