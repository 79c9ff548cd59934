"""How well the bot understands a whole first message: the place, the language, the crisis type.

Usage: python bench/understanding.py [--show-failures] [CSV ...]
Default: tests/data/understanding/dev.csv and heldout.csv, reported separately. Not a test.

Each message is the first a resident sends, run through the real dialogue (bot.dialogue.respond)
over the real gazetteer and the bundled directory in a throw-away SQLite file, so the place is
found however the dialogue finds it:

- place: the dialogue's outcome (a powiat chosen, readings offered, or none), scored as
  bench/places.py scores a resolution (an ambiguous answer for a single gold powiat is half right);
- language: the detector alone (bot.language.detect_language against the label, "cannot tell"
  counting as right only where the label is empty), and the language the dialogue answers in when
  the Telegram app says the other language (the text must win; a bare place keeps the app's);
- crisis type: bot.crisis_type.crisis_type against the label (empty = none, and so is a
  reading that is not sure, for which the dialogue asks with the likeliest type first). Beside
  it, how the wrong ones went: asked with the labelled type first (the resident taps it), asked
  with another first, or sure and wrong (the one that costs: a list for another crisis).
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.places import score_row  # noqa: E402 - after the path is set

DATA = REPO / "tests" / "data" / "understanding"
DEFAULT_FILES = (DATA / "dev.csv", DATA / "heldout.csv")
# A Wednesday morning: the moment only changes which centres are open, not what is understood.
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
# The bot answers Russian-script messages in Ukrainian.
ANSWER_LANGUAGE = {"ru": "uk"}


@dataclass
class Figures:
    """Counts for one file."""

    rows: int = 0
    place_points: float = 0.0
    place_outcomes: Counter[str] = field(default_factory=Counter)
    detector_right: int = 0
    answer_right: int = 0
    crisis_right: int = 0
    # How the crisis type went wrong: "asked, right first", "asked, other first", "sure, wrong".
    crisis_misses: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        """One summary line."""

        def share(count: float) -> str:
            return f"{100 * count / (self.rows or 1):5.1f}%"

        wrong = self.place_outcomes["confidently-wrong"]
        return (
            f"{name:10} rows {self.rows:4}  place {share(self.place_points)} "
            f"(confidently wrong {wrong})  language: detector {share(self.detector_right)}, "
            f"answer {share(self.answer_right)}  crisis {share(self.crisis_right)} "
            f"(asked, right first {self.crisis_misses['asked, right first']}; "
            f"asked, other first {self.crisis_misses['asked, other first']}; "
            f"sure, wrong {self.crisis_misses['sure, wrong']})"
        )


def crisis_function() -> Callable[[str], object]:
    """The crisis-type function: bot.crisis_type's, or the screening module's on older branches."""
    import importlib

    for module_name in ("bot.crisis_type", "bot.screening"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in ("crisis_type", "detect_crisis_type", "detect_crisis"):
            found = getattr(module, name, None)
            if callable(found):
                return found  # type: ignore[no-any-return]
    raise SystemExit("no crisis-type function on this branch")


def crisis_miss(text: str, gold: str) -> str:
    """How a wrong crisis type went: asked with the labelled type first, asked with another, or
    sure and wrong; "" on branches whose reader says nothing of the likeliest type."""
    try:
        from bot.crisis_type import read_crisis
    except ImportError:
        return ""
    reading = read_crisis(text)
    sure = getattr(reading, "crisis", None)
    if sure is not None:
        return "sure, wrong"
    likeliest = getattr(reading, "likeliest", None)
    if gold and likeliest is not None and str(likeliest) == gold:
        return "asked, right first"
    return "asked, other first"


def place_outcome(state: object) -> tuple[str, list[str]]:
    """The dialogue's reading of the place: ('match', [powiat]), ('ambiguous', [...]) or none."""
    powiat = getattr(state, "powiat", None)
    if powiat:
        return "match", [powiat]
    candidates = getattr(state, "candidates", ())
    if candidates:
        return "ambiguous", [code for code, _label in candidates]
    return "none", []


def measure(path: Path, directory: object, figures: Figures) -> None:
    """Run every message of `path` as a first message and count what was understood."""
    from bot.dialogue import respond
    from bot.events import Event, EventKind
    from bot.language import detect_language

    detect_crisis = crisis_function()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        text, label = row["text"], row["lang"]
        figures.rows += 1
        wanted = ANSWER_LANGUAGE.get(label, label)
        # The app's language is the other one, so only the text can make the answer right.
        app = "en" if wanted == "pl" else "pl"
        outcome = respond(
            Event(kind=EventKind.TEXT, text=text, language_code=app),
            None,
            directory,
            NOW,  # type: ignore[arg-type]
        )
        status, powiats = place_outcome(outcome.state)
        gold = {code for code in row["gold"].split("|") if code}
        points, verdict = score_row(row["expect"], gold, status, powiats)
        figures.place_points += points
        figures.place_outcomes[verdict] += 1
        detected = detect_language(text)
        detector_ok = (detected or "") == wanted
        answer_ok = outcome.state.lang == (wanted or app)
        crisis = detect_crisis(text)
        crisis_ok = (str(crisis) if crisis is not None else "") == row["crisis"]
        figures.detector_right += detector_ok
        figures.answer_right += answer_ok
        figures.crisis_right += crisis_ok
        if not crisis_ok:
            figures.crisis_misses[crisis_miss(text, row["crisis"])] += 1
        problems = []
        if points < 1.0:
            problems.append(f"place {verdict}: {status} {powiats} (gold {row['gold'] or '-'})")
        if not detector_ok or not answer_ok:
            problems.append(
                f"language: detector {detected}, answer {outcome.state.lang} (gold {label or '-'})"
            )
        if not crisis_ok:
            problems.append(f"crisis: {crisis} (gold {row['crisis'] or '-'})")
        if problems:
            figures.failures.append(f"  {text!r}: " + "; ".join(problems))


def main() -> None:
    """Measure each file and print the figures, dev and held-out apart."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    parser.add_argument("--show-failures", action="store_true", help="print every failing row")
    args = parser.parse_args()

    from bot.conversation import LiveDirectory
    from directory.db import open_database

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        engine = open_database(f"sqlite:///{Path(scratch) / 'bench.db'}")
        try:
            directory = LiveDirectory(engine)
            directory.find_place("Warszawa", "pl")  # loads the index and morphology once
            for path in args.files:
                figures = Figures()
                measure(path, directory, figures)
                print(figures.line(path.stem))
                if args.show_failures and figures.failures:
                    print("\n".join(figures.failures))
        finally:
            engine.dispose()
    print(f"({time.perf_counter() - started:.1f} s; the machine was shared)")


if __name__ == "__main__":
    main()
