"""Events: input is bounded to Telegram's text limit once, keeping its start and its end."""

from __future__ import annotations

import time

from bot.events import CLIP_MARK, TELEGRAM_TEXT_LIMIT, Event, EventKind, clip_text, typed_event
from bot.screening import screen


def test_text_within_the_limit_is_kept_whole() -> None:
    message = "x" * TELEGRAM_TEXT_LIMIT
    assert clip_text(message) == message


def test_text_over_the_limit_keeps_its_start_and_its_end() -> None:
    message = "START " + "y" * 100_000 + " END"
    clipped = clip_text(message)
    assert len(clipped) == TELEGRAM_TEXT_LIMIT
    assert clipped.startswith("START ")
    assert clipped.endswith(" END")
    assert CLIP_MARK in clipped


def test_every_event_is_clipped_before_anything_reads_it() -> None:
    event = Event(kind=EventKind.TEXT, text="a" * 100_000, args="b" * 10_000)
    assert len(event.text) == TELEGRAM_TEXT_LIMIT
    assert len(event.args) == TELEGRAM_TEXT_LIMIT


def test_screening_a_100_kb_message_costs_no_more_than_a_4096_character_one() -> None:
    huge = Event(kind=EventKind.TEXT, text="nie wiem co robić, " * 6000 + "chcę się zabić")
    limit = "nie wiem co robić, " * 214 + "chcę się zabić"
    assert len(limit) <= 4096

    # CPU time, best of three: the claim is about the work done, not the machine's load.
    def cost(text: str) -> float:
        timings = []
        for _ in range(3):
            started = time.process_time()
            result = screen(text)
            timings.append(time.process_time() - started)
            assert result.immediate_danger
        return min(timings)

    assert cost(huge.text) < 2 * cost(limit) + 0.01


def test_a_typed_line_starting_with_a_slash_is_a_command_with_its_arguments() -> None:
    event = typed_event("/lang  en ", "pl", "web")
    assert (event.kind, event.command, event.args, event.channel) == (
        EventKind.COMMAND,
        "lang",
        "en",
        "web",
    )


def test_a_typed_line_without_a_slash_or_a_bare_slash_is_text() -> None:
    assert typed_event("pomocy", None, "console").kind is EventKind.TEXT
    assert typed_event("/", None, "console").text == "/"
    assert typed_event("/", None, "console").kind is EventKind.TEXT
