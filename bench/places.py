"""Measure place resolution on an evaluation CSV (text,lang,expect,gold,note): score, errors, speed.

Usage: python bench/places.py [CSV] [--show-failures] [--by-category]
Project sets (scripts/make_place_sets.py): tests/data/places/cyrillic_dev.csv and
colloquial_dev.csv, cyrillic_held_out.csv and colloquial_held_out.csv, since issue 14's third
round cyrillic_held_out_2.csv and colloquial_held_out_2.csv, since its fourth the `_3` sets and
since its fifth the `_4` sets too (all tuned on; the blind sets are kept apart and measured by the
lead).
Default CSV: shared/eval/places_dev.csv next to the repository (or next to a parent directory,
for a worktree). Not a test.
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_CSV = next(
    (
        base / "shared" / "eval" / "places_dev.csv"
        for base in REPO.parents
        if (base / "shared" / "eval" / "places_dev.csv").is_file()
    ),
    REPO.parent / "shared" / "eval" / "places_dev.csv",
)


def score_row(expect: str, gold: set[str], status: str, powiats: list[str]) -> tuple[float, str]:
    """The row's score and outcome: right, half, wrong or confidently-wrong."""
    if expect == "none":
        if status == "none":
            return 1.0, "right"
        return 0.0, "confidently-wrong" if status == "match" else "wrong"
    if status == "match":
        if powiats and powiats[0] in gold:
            return (1.0, "right") if len(gold) == 1 else (0.0, "wrong")
        return 0.0, "confidently-wrong"
    if status == "ambiguous":
        if gold <= set(powiats):
            return (1.0, "right") if len(gold) > 1 else (0.5, "half")
        return 0.0, "wrong"
    return 0.0, "wrong"


@dataclass
class StartUp:
    """Seconds to load the gazetteer, build the index and load Morfeusz, and in all."""

    gazetteer: float
    index: float
    morphology: float
    total: float


@dataclass
class Tally:
    """What the rows scored, how long each took, and the failing rows."""

    rows: int = 0
    total: float = 0.0
    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # Per category (the note without its trailing detail): [rows, points, confidently wrong].
    categories: dict[str, list[float]] = field(default_factory=dict)

    def add(self, row: dict[str, str], status: str, powiats: list[str]) -> None:
        """Score one row's answer."""
        gold = {code for code in row["gold"].split("|") if code}
        points, outcome = score_row(row["expect"], gold, status, powiats)
        self.rows += 1
        self.total += points
        self.outcomes[(row["expect"], outcome)] += 1
        category = self.categories.setdefault(row["note"], [0, 0.0, 0])
        category[0] += 1
        category[1] += points
        category[2] += outcome == "confidently-wrong"
        if points < 1.0:
            self.failures.append(
                f"  {outcome:17} {row['text']!r} expect={row['expect']} gold={row['gold']} "
                f"got={status} {powiats} ({row['note']})"
            )


def start_up() -> StartUp:
    """Import and load everything resolution needs, timing each part."""
    started = time.perf_counter()
    from directory.gazetteer import load_gazetteer
    from directory.places import place_index, resolve_place

    load_gazetteer()
    loaded = time.perf_counter()
    place_index()
    indexed = time.perf_counter()
    resolve_place("jestem w Pruszkowie, qwrtz")  # loads Morfeusz too
    ready = time.perf_counter()
    return StartUp(loaded - started, indexed - loaded, ready - indexed, ready - started)


def evaluate(rows: list[dict[str, str]]) -> Tally:
    """Resolve every row, timing each."""
    from directory.places import resolve_place

    tally = Tally()
    for row in rows:
        before = time.perf_counter()
        resolution = resolve_place(row["text"], row["lang"])
        tally.latencies.append((time.perf_counter() - before) * 1000)
        tally.add(row, resolution.status, [c.powiat for c in resolution.candidates])
    tally.latencies.sort()
    return tally


def report(args: argparse.Namespace, tally: Tally, ready: StartUp) -> None:
    """Print the figures."""
    rows, outcomes, latencies = tally.rows, tally.outcomes, tally.latencies
    confidently_wrong = sum(v for (_, o), v in outcomes.items() if o == "confidently-wrong")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows: {rows}  file: {args.csv}")
    print(f"mean score: {tally.total / rows:.4f}")
    print(f"confidently wrong: {confidently_wrong} ({100 * confidently_wrong / rows:.2f}%)")
    for expect in ("match", "ambiguous", "none"):
        counts = {o: outcomes[(expect, o)] for o in ("right", "half", "wrong", "confidently-wrong")}
        print(f"  {expect:9} " + "  ".join(f"{k}={v}" for k, v in counts.items()))
    if args.by_category:
        for note, (count, points_sum, wrong) in sorted(tally.categories.items()):
            print(
                f"    {note:32} rows={count:4}  score={points_sum / count:.3f}"
                f"  confidently-wrong={wrong} ({100 * wrong / count:.1f}%)"
            )
    print(
        f"latency per query: p50 {statistics.median(latencies):.2f} ms, "
        f"p99 {latencies[int(0.99 * (len(latencies) - 1))]:.2f} ms, max {latencies[-1]:.2f} ms"
    )
    print(
        f"start-up: gazetteer load {ready.gazetteer:.2f} s, index {ready.index:.2f} s, "
        f"morphology {ready.morphology:.2f} s, total {ready.total:.2f} s; "
        f"max RSS {rss_mb:.0f} MB"
    )
    if tally.failures:
        print(
            f"failing rows: {len(tally.failures)}"
            + ("" if args.show_failures else " (--show-failures)")
        )
        if args.show_failures:
            print("\n".join(tally.failures))


def main() -> None:
    """Run the evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV))
    parser.add_argument("--show-failures", action="store_true", help="print every failing row")
    parser.add_argument("--by-category", action="store_true", help="figures per note category")
    args = parser.parse_args()

    ready = start_up()
    with open(args.csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    report(args, evaluate(rows), ready)


if __name__ == "__main__":
    main()
