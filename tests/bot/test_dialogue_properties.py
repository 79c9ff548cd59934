"""Property tests: any event on any state gets replies, never an exception, and help means 112."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from bot.conversation import LiveDirectory
from bot.dialogue import AMBIGUITY_CAP, DialogueState, Step, respond
from bot.events import Event, EventKind
from directory.crisis import CrisisType
from directory.db import open_database

NOW = datetime(2026, 3, 4, 22, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
PHONE_LIKE = re.compile(r"\+48\d{9}|\b116 ?\d{3}\b|\b800\b")


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDirectory]:
    """The real directory on a seeded SQLite file."""
    path: Path = tmp_path_factory.mktemp("properties") / "directory.db"
    engine: Engine = open_database(f"sqlite:///{path}")
    yield LiveDirectory(engine)
    engine.dispose()


button_data = st.one_of(
    st.text(max_size=70),
    st.sampled_from(
        ["more", "p0", "chp", "cht", "hf:1", "hf:0", "sos", "lang:pl", "lang:en", "pl:0:1421"]
    ),
    st.builds(lambda c: f"cr:{c}", st.sampled_from([c.value for c in CrisisType] + ["x"])),
    st.builds(lambda i, p: f"pl:{i}:{p}", st.integers(-2, 12), st.text(max_size=6)),
)

events = st.one_of(
    st.builds(
        lambda t, code: Event(kind=EventKind.TEXT, text=t, language_code=code),
        st.text(max_size=300),
        st.sampled_from(["pl", "en", None, "uk"]),
    ),
    st.builds(lambda d: Event(kind=EventKind.BUTTON, data=d, language_code="en"), button_data),
    st.builds(
        lambda lat, lon: Event(kind=EventKind.LOCATION, latitude=lat, longitude=lon),
        st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.floats(49, 55)),
        st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.floats(14, 24)),
    ),
    st.builds(
        lambda c, a: Event(kind=EventKind.COMMAND, command=c, args=a),
        st.one_of(
            st.sampled_from(["start", "help", "sos", "forget", "lang", "LANG@bot"]),
            st.text(max_size=20),
        ),
        st.text(max_size=20),
    ),
)

stored_states = st.one_of(
    st.none(),
    st.builds(
        DialogueState.from_dict,
        st.dictionaries(
            st.sampled_from(
                ["lang", "step", "powiat", "place_label", "candidates", "crisis", "page", "urgent"]
            ),
            st.one_of(
                st.text(max_size=10),
                st.integers(),
                st.booleans(),
                st.none(),
                st.lists(st.lists(st.text(max_size=6), max_size=3), max_size=10),
                st.sampled_from([*sorted(Step.ALL), "1421", "0201", "9999", "suicidal", "en"]),
            ),
        ),
    ),
    st.builds(
        DialogueState,
        lang=st.sampled_from(["pl", "en"]),
        step=st.sampled_from(sorted(Step.ALL)),
        powiat=st.one_of(st.none(), st.sampled_from(["1421", "1465", "0201", "9999", ""])),
        place_label=st.one_of(st.none(), st.text(max_size=30)),
        candidates=st.lists(
            st.tuples(st.sampled_from(["1421", "0201", "zz"]), st.text(max_size=20)),
            max_size=AMBIGUITY_CAP,
        ).map(tuple),
        crisis=st.one_of(st.none(), st.sampled_from([c.value for c in CrisisType])),
        page=st.integers(0, 50),
        urgent=st.booleans(),
    ),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(event=events, state=stored_states)
def test_any_event_on_any_state_gets_replies_and_help_always_includes_112(
    directory: LiveDirectory, event: Event, state: DialogueState | None
) -> None:
    outcome = respond(event, state, directory, NOW)
    assert outcome.replies
    assert all(len(reply.text) <= 4096 for reply in outcome.replies)
    assert all(
        len(button.data.encode("utf-8")) <= 64
        for reply in outcome.replies
        for row in reply.buttons
        for button in row
    )
    text = "\n".join(reply.text for reply in outcome.replies)
    if PHONE_LIKE.search(text):
        assert "112" in text
    restored = DialogueState.from_dict(outcome.state.to_dict())
    assert restored == outcome.state
