"""What reading a text turn's topic costs: the crisis type and the words kept from place lookup.

Usage: python bench/topic_reading.py [--repeat N]
Not a test. Over the messages of tests/data/understanding/dev.csv, each screened once beforehand
(as the dialogue does), it times per message:

- apart: `read_crisis`, then the words kept from place lookup as `bot.dialogue.crisis_words`
  gathered them before issue 13 round 3 (`without_crisis_words`, `cyrillic_crisis_words`,
  `ordinary_words`), each reading the words and the concepts of the message on its own;
- once: `read_turn`, which reads them once and gives both (when the branch has it).

Caches of single words (Morfeusz, typo lookups) are warmed by a first pass, so the figures are
what a message costs once the bot has run for a while.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEV = REPO / "tests" / "data" / "understanding" / "dev.csv"


def _time(label: str, run: Callable[[], object], messages: int, repeat: int) -> None:
    """Print the best of `repeat` passes, per message."""
    passes = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        passes.append((time.perf_counter() - started) / messages * 1000)
    print(
        f"{label:7} {min(passes):.3f} ms a message (best of {repeat}; "
        f"median {statistics.median(passes):.3f} ms)"
    )


def main() -> None:
    """Time both ways over dev.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from bot import crisis_type
    from bot.screening import normalise, screen

    def crisis_words(text: str) -> frozenset[str]:
        kept = set(crisis_type.without_crisis_words(text).split())
        latin = frozenset(word for word in normalise(text).split() if word not in kept)
        for name in ("cyrillic_crisis_words", "ordinary_words"):
            more = getattr(crisis_type, name, None)
            if more is not None:
                latin |= more(text)
        return latin

    with DEV.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    screened = [(text, screen(text)) for text in texts]

    def apart() -> None:
        for text, screening in screened:
            crisis_type.read_crisis(text, screening)
            crisis_words(text)

    read_turn = getattr(crisis_type, "read_turn", None)

    def once() -> None:
        assert read_turn is not None
        for text, screening in screened:
            read_turn(text, screening)

    apart()
    if read_turn is not None:
        once()
    _time("apart", apart, len(texts), args.repeat)
    if read_turn is not None:
        _time("once", once, len(texts), args.repeat)


if __name__ == "__main__":
    main()
