"""Fuzzed turns through the dialogue and the conversation service (issue 11; not a test).

Random events on random states: texts (places, crisis words, calls for help, refusals, postal
codes, emoji, random Unicode, up to 100 KB), buttons (real ones and junk, forged `st:*` ones),
commands (resident, staff, administrator, unknown), locations (in Poland, abroad, NaN), from
residents, a linked staff member, an administrator and nobody. It counts:

- dialogue: turns through `bot.dialogue.respond` on random stored states; crashes (an exception
  out of `respond`); answers whose last message lacks 112 or a national 24/7 line as the
  dialogue rendered it, and after `bot.render.close_turn` (what leaves the service);
- service: sequences of turns through the real ConversationService on a seeded SQLite file, with
  staff and administrator commands registered; crashes (a turn that failed inside and was
  answered with the fallback: logged "conversation turn failed"); answers without 112 or a
  national line; the same with the database down (every turn an outage).

Run: `.venv/bin/python -m bench.hardening [--dialogue N] [--service N] [--outage N] [--seed S]`.
"""

from __future__ import annotations

import argparse
import logging
import math
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService, LiveDirectory
from bot.dialogue import DialogueState, Step, respond
from bot.events import Event, EventKind, Reply
from bot.render import close_turn
from directory.clock import WARSAW
from directory.crisis import CrisisType
from directory.db import open_database
from tests.conftest import link_staff

EMERGENCY = re.compile(r"(?<![\d+])112(?!\d)")
NATIONAL = re.compile(r"116 ?123|116 ?111|\+48800121212|\+48800120002")
RESIDENT, STAFF, ADMIN = 7001, 7002, 7003
DEAD_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:9/none"

TEXTS = [
    "Pruszków", "pruszkow", "w Krakowie", "Gdańsk", "Nowa Wieś", "gmina Chełm", "powiat sejneński",
    "mąż mnie bije", "chcę się zabić", "nie mam już siły", "mój tata nie oddycha", "pali się dom",
    "I want to kill myself, I'm in Gdansk", "panic attacks in Wroclaw", "я в Києві, мені погано",
    "help", "pomocy", "Pomóż mi!", "😢", "🙏🙏", "...", "?", "nie powiem gdzie", "wolę nie mówić",
    "I won't say where I am", "не скажу", "00-950", "62-800", "62-800 Kalisz", "English",
    "🌐 Polski", "Українська", "/допомога", "/мова en", "12345", "22 123 45 67", "-", "24/7",
    "ul. Długa 5, 00-001 Warszawa", "=HYPERLINK(\"x\")", "<b>bold</b>", "a" * 5000,
]  # fmt: skip
BUTTONS = [
    "more", "p0", "chp", "cht", "hf:1", "hf:0", "sos", "lang:pl", "lang:en", "lang:uk", "lang:xx",
    "cr:violence", "cr:suicidal", "cr:child", "cr:x", "pl:0:1421", "pl:9:0201", "pl:x", "st:x",
    "st:f:phones", "st:f:hours", "st:f:notice", "st:s:B01", "st:ok", "st:c:*", "st:c:B01",
    "st:co:B01", "st:h:24/7", "st:t:en", "st:d", "st:v:active", "st:v:defunct", "",
]  # fmt: skip
COMMANDS = [
    "start", "help", "sos", "lang", "forget", "services", "sluzby", "staff", "entry", "edit",
    "confirm", "cancel", "stats", "nosuchcommand", "LANG@bot",
]  # fmt: skip
ARGS = ["", "en", "uk", "B01", "B05", "H02", "WRONG-CODE", "staff-WRONG", "*", "x" * 300]


def random_text(rng: random.Random) -> str:
    """Mostly realistic, sometimes random Unicode, sometimes very long."""
    roll = rng.random()
    if roll < 0.7:
        text = rng.choice(TEXTS)
        return text if rng.random() < 0.8 else text + ", " + rng.choice(TEXTS)
    if roll < 0.95:
        return "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(0, 40)))
    return rng.choice(TEXTS) * rng.randint(100, 2000)


def random_event(rng: random.Random, user: int | None) -> Event:
    """One event of any kind."""
    lang = rng.choice(["pl", "en", "uk", "ru", None, "de"])
    kind = rng.random()
    if kind < 0.5:
        return Event(kind=EventKind.TEXT, text=random_text(rng), language_code=lang, user_id=user)
    if kind < 0.75:
        data = rng.choice(BUTTONS) if rng.random() < 0.9 else random_text(rng)[:80]
        return Event(kind=EventKind.BUTTON, data=data, language_code=lang, user_id=user)
    if kind < 0.95:
        args = rng.choice(ARGS) if rng.random() < 0.8 else random_text(rng)[:50]
        return Event(
            kind=EventKind.COMMAND,
            command=rng.choice(COMMANDS),
            args=args,
            language_code=lang,
            user_id=user,
        )
    point = rng.choice(
        [(52.17, 20.81), (50.06, 19.94), (48.85, 2.35), (math.nan, 20.0), (91.0, 0.0)]
    )
    return Event(
        kind=EventKind.LOCATION,
        latitude=point[0],
        longitude=point[1],
        language_code=lang,
        user_id=user,
    )


def random_state(rng: random.Random) -> DialogueState | None:
    """A stored state, possibly odd (a powiat that does not exist, a page far out)."""
    if rng.random() < 0.2:
        return None
    return DialogueState(
        lang=rng.choice(["pl", "en", "uk", ""]),
        step=rng.choice(sorted(Step.ALL)),
        powiat=rng.choice([None, "1421", "1465", "2814", "0201", "9999"]),
        place_label=rng.choice([None, "Pruszków — powiat pruszkowski, mazowieckie"]),
        crisis=rng.choice([None, *(c.value for c in CrisisType)]),
        page=rng.randint(0, 5),
        urgent=rng.random() < 0.2,
        responder=rng.random() < 0.1,
        without_place=rng.random() < 0.1,
    )


def carries_lifeline(replies: list[Reply]) -> bool:
    """The last message shows 112 and a national 24/7 line."""
    if not replies:
        return False
    last = replies[-1].text
    return bool(EMERGENCY.search(last) and NATIONAL.search(last))


@dataclass
class Tally:
    """What one run found."""

    turns: int = 0
    crashes: int = 0
    without_lifeline: int = 0
    without_lifeline_before_closing: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)


def fuzz_dialogue(turns: int, rng: random.Random, directory: LiveDirectory) -> Tally:
    """Random events on random states straight through `respond`."""
    tally = Tally()
    started = time.perf_counter()
    now = datetime(2026, 3, 4, 22, 30, tzinfo=WARSAW)
    for _ in range(turns):
        event = random_event(rng, None)
        state = random_state(rng)
        tally.turns += 1
        try:
            outcome = respond(event, state, directory, now)
        except Exception as error:
            tally.crashes += 1
            tally.examples.append(f"{type(error).__name__}: {event!r:.120}")
            continue
        if not carries_lifeline(outcome.replies):
            tally.without_lifeline_before_closing += 1
        lines = outcome.lines or directory.emergency_options(outcome.state.lang or "pl")
        if not carries_lifeline(close_turn(outcome.replies, lines, outcome.state.lang or "pl")):
            tally.without_lifeline += 1
        now += timedelta(minutes=rng.randint(0, 90))
    tally.seconds = time.perf_counter() - started
    return tally


class _FailedTurns(logging.Handler):
    """Counts turns that failed inside the service (answered with the fallback)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("conversation turn failed"):
            self.count += 1


def fuzz_service(turns: int, rng: random.Random, service: ConversationService) -> Tally:
    """Sequences of up to eight turns per chat, from residents, staff, an admin and nobody."""
    tally = Tally()
    failed = _FailedTurns()
    logging.getLogger("bot.conversation").addHandler(failed)
    started = time.perf_counter()
    chat = 1
    try:
        while tally.turns < turns:
            chat += 1
            user = rng.choice([RESIDENT, STAFF, ADMIN, None])
            for _ in range(rng.randint(1, 8)):
                replies = service.handle(chat, random_event(rng, user))
                tally.turns += 1
                if not carries_lifeline(replies):
                    tally.without_lifeline += 1
                    tally.examples.append(replies[-1].text[:200] if replies else "(nothing)")
    finally:
        logging.getLogger("bot.conversation").removeHandler(failed)
    tally.crashes = failed.count
    tally.seconds = time.perf_counter() - started
    return tally


def report(name: str, tally: Tally) -> None:
    """One line of figures, then any examples."""
    print(
        f"{name}: {tally.turns} turns in {tally.seconds:.1f} s; crashes {tally.crashes}; "
        f"answers without 112 or a national line {tally.without_lifeline}"
        + (
            f" (as the dialogue rendered them, before closing: "
            f"{tally.without_lifeline_before_closing})"
            if name == "dialogue"
            else ""
        )
    )
    for example in tally.examples[:5]:
        print("   ", example)


def main(argv: list[str] | None = None) -> int:
    """Run the three fuzz runs; exit 1 if any crash or answer without the lifeline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dialogue", type=int, default=20_000)
    parser.add_argument("--service", type=int, default=3_000)
    parser.add_argument("--outage", type=int, default=500)
    parser.add_argument("--seed", type=int, default=11)
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)
    rng = random.Random(arguments.seed)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'directory.db'}"
        engine = open_database(url)
        link_staff(engine, STAFF, "B01")
        dialogue = fuzz_dialogue(arguments.dialogue, rng, LiveDirectory(engine))
        report("dialogue", dialogue)
        settings = Settings(state_secret="bench", admin_telegram_ids=frozenset({ADMIN}))
        service = ConversationService(settings, engine=engine, extensions=standard_extensions())
        live = fuzz_service(arguments.service, rng, service)
        service.close()
        report("service", live)
        engine.dispose()
    down = ConversationService(
        Settings(
            state_secret="bench", database_url=DEAD_DATABASE, admin_telegram_ids=frozenset({ADMIN})
        ),
        database_retry_seconds=0.05,
        extensions=standard_extensions(),
    )
    outage = fuzz_service(arguments.outage, rng, down)
    down.close()
    report("service, database down", outage)
    bad = sum(t.crashes + t.without_lifeline for t in (dialogue, live, outage))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
