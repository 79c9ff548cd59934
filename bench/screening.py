"""How well the danger screening does: recall and false alarms per language and category, and speed.

Usage: python bench/screening.py [--show] [--held-out-2] [--held-out-3] [--blind FILE] [--repeat N]
Not a test. Reads the tuning material of tests/data/screening — tuning.csv, held_out.csv (the
first round's held-out set, seen and tuned on since the second round), tuning_2.csv, tuning_3.csv,
tuning_4.csv, held_out_4.csv (the fourth round's blind set, seen and tuned on since the fifth),
tuning_5.csv, held_out_5.csv (the fifth round's blind set, seen and tuned on since the sixth) and
tuning_6.csv — and, with --held-out-2 / --held-out-3, held_out_2.csv (the second round's blind
set, seen and tuned on since the third round) and held_out_3.csv (the third round's blind set, seen
and tuned on since the fourth), and with --blind FILE (repeatable) a blind set of that name in
tests/data/screening, and reports each file separately:

- recall: the share of danger messages screened as danger (any category: the reply then leads
  with 112), per language, per category and per style;
- category: the share of caught danger messages whose labelled category is among those found
  (a child in danger also counts when the message speaks of a child);
- false alarms: the share of calm messages screened as danger, per language;
- time per message, p50 and p99, over every message, repeated --repeat times (the first pass
  warms the caches, as a running bot's would be).

--show prints the tuning material's misses and false alarms with their text. For the files behind
--held-out-2, --held-out-3 and --blind only the ids of misses and false alarms are printed, at the
very end (whoever tunes the screening must not read a blind set's texts).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.screening import Danger, Screening, screen  # noqa: E402

DATA = REPO / "tests" / "data" / "screening"
LANGUAGES = ("pl", "en", "uk", "ru")
# Everything the rules, lexicons and the model may be tuned on.
TUNING_FILES = (
    "tuning.csv",
    "held_out.csv",
    "tuning_2.csv",
    "tuning_3.csv",
    "tuning_4.csv",
    "held_out_4.csv",
    "tuning_5.csv",
    "held_out_5.csv",
    "tuning_6.csv",
)
HELD_OUT = "held_out_2.csv"
HELD_OUT_3 = "held_out_3.csv"


@dataclass
class Tally:
    """Hits out of a total."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += hit
        self.total += 1

    def __str__(self) -> str:
        if not self.total:
            return "—"
        return f"{self.hits / self.total:6.1%} ({self.hits}/{self.total})"


@dataclass
class Figures:
    """Everything measured on one file."""

    recall: Tally = field(default_factory=Tally)
    recall_by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall_by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall_by_style: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    category: Tally = field(default_factory=Tally)
    false_alarms: Tally = field(default_factory=Tally)
    false_alarms_by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    hard_calm_false_alarms: Tally = field(default_factory=Tally)
    by_model: int = 0
    misses: list[dict[str, str]] = field(default_factory=list)
    alarms: list[tuple[dict[str, str], Screening]] = field(default_factory=list)


def read(name: str) -> list[dict[str, str]]:
    """The rows of one screening data file."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def category_fits(row: dict[str, str], result: Screening) -> bool:
    """Whether the labelled category is among those the screen found."""
    found = {danger.value for danger in result.dangers}
    if row["category"] == "child_danger" and Danger.MISSING in result.dangers:
        return True
    return row["category"] in found


def measure(rows: list[dict[str, str]]) -> Figures:
    """Screen every row once and tally."""
    figures = Figures()
    for row in rows:
        result = screen(row["text"])
        if row["label"] == "danger":
            hit = result.immediate_danger
            figures.recall.add(hit)
            figures.recall_by_language[row["language"]].add(hit)
            figures.recall_by_category[row["category"]].add(hit)
            figures.recall_by_style[row["style"]].add(hit)
            if hit:
                figures.category.add(category_fits(row, result))
                figures.by_model += result.reasons == ("model",)
            else:
                figures.misses.append(row)
        else:
            alarm = result.immediate_danger
            figures.false_alarms.add(alarm)
            figures.false_alarms_by_language[row["language"]].add(alarm)
            if row["style"] == "hard_calm":
                figures.hard_calm_false_alarms.add(alarm)
            if alarm:
                figures.alarms.append((row, result))
    return figures


def timings(rows: list[dict[str, str]], repeat: int) -> dict[str, tuple[float, float, float]]:
    """(p50, p99, max) ms per message, wall clock and this thread's CPU time, over `repeat`
    passes after one warm-up pass. CPU time is the screen's own cost; wall time also holds
    whatever else the machine was doing (the CI and developer machines are shared)."""
    texts = [row["text"] for row in rows]
    for text in texts:
        screen(text)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        for text in texts:
            started, started_cpu = time.perf_counter(), time.thread_time()
            screen(text)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)

    def summary(samples: list[float]) -> tuple[float, float, float]:
        samples.sort()
        p99 = samples[min(len(samples) - 1, int(0.99 * len(samples)))]
        return statistics.median(samples), p99, samples[-1]

    return {"wall": summary(wall), "cpu": summary(cpu)}


def report(name: str, figures: Figures) -> None:
    """Print one file's table."""
    print(f"\n## {name}\n")
    print(f"recall (danger → 112 first): {figures.recall}")
    print(f"category among those found:  {figures.category}")
    print(f"false alarms (calm → 112):   {figures.false_alarms}")
    print(f"  of them hard calm:         {figures.hard_calm_false_alarms}")
    print(f"caught by the model alone:   {figures.by_model}")
    print("\n| language | recall | false alarms |\n| --- | --- | --- |")
    for language in LANGUAGES:
        recall = figures.recall_by_language.get(language, Tally())
        alarms = figures.false_alarms_by_language.get(language, Tally())
        print(f"| {language} | {recall} | {alarms} |")
    print("\n| category | recall |\n| --- | --- |")
    for category, tally in sorted(figures.recall_by_category.items()):
        print(f"| {category} | {tally} |")
    print("\n| style | recall |\n| --- | --- |")
    for style, tally in sorted(figures.recall_by_style.items()):
        print(f"| {style} | {tally} |")


def show(name: str, figures: Figures) -> None:
    """Print one tuning file's misses and false alarms with their text."""
    print(f"\n{name} missed:")
    for row in figures.misses:
        print(f"  {row['id']} {row['language']} {row['category']}: {row['text']}")
    print(f"{name} false alarms:")
    for row, result in figures.alarms:
        print(f"  {row['id']} {row['language']}: {row['text']}  ← {', '.join(result.reasons)}")


def main() -> None:
    """Measure the tuning material (and the blind set when asked) and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="tuning misses, with their text")
    parser.add_argument("--held-out-2", action="store_true", help=f"also measure {HELD_OUT}")
    parser.add_argument("--held-out-3", action="store_true", help=f"also measure {HELD_OUT_3}")
    parser.add_argument(
        "--blind",
        action="append",
        default=[],
        metavar="FILE",
        help="also measure this blind set of tests/data/screening (ids only; repeatable)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timing passes (default 5)")
    args = parser.parse_args()

    started = time.perf_counter()
    screen("rozgrzewka")
    loading = time.perf_counter() - started
    print(f"first screen (loads the form table and the model): {loading:.2f} s")

    everything: list[dict[str, str]] = []
    for name in TUNING_FILES:
        rows = read(name)
        figures = measure(rows)
        report(name, figures)
        if args.show:
            show(name, figures)
        everything += rows
    chosen = ((HELD_OUT, args.held_out_2), (HELD_OUT_3, args.held_out_3))
    blind = [name for name, wanted in chosen if wanted] + list(args.blind)
    held: list[tuple[str, Figures]] = []
    for name in blind:
        rows = read(name)
        held.append((name, measure(rows)))
        report(name, held[-1][1])
        everything += rows
    print(f"\ntime per message over {len(everything)} messages × {args.repeat}:")
    for clock, (p50, p99, worst) in timings(everything, args.repeat).items():
        print(f"  {clock:4}: p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {worst:.3f} ms")
    for name, figures in held:
        # Ids and labels only: whoever tunes the screening must not read these texts.
        print(f"\n{name} misses (not tuned on):")
        for row in figures.misses:
            print(f"  {row['id']} {row['language']} {row['category']} {row['style']}")
        print(f"{name} false alarms:")
        for row, result in figures.alarms:
            reasons = ", ".join(reason.split(":")[0] for reason in result.reasons)
            print(f"  {row['id']} {row['language']} {row['style']} ← {reasons}")


if __name__ == "__main__":
    main()
