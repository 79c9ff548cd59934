"""Which Polish lemmatiser the screening should use: Morfeusz 2 or simplemma at run time, or the
form table generated from Morfeusz at build time (bot/understanding/data/forms.json.gz).

Usage: python bench/lemmas.py   (simplemma is measured only when installed; it is not a dependency)
Not a test. Over the Polish danger messages of tests/data/screening/tuning.csv: for every word
the form table reads as one of the screening's lemmas, does each lemmatiser give that lemma — as
written, and with the Polish letters taken out (as many people type)? Also: load time, memory
after loading (max RSS growth) and microseconds per word.
"""

from __future__ import annotations

import csv
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.understanding import form_table, read_words  # noqa: E402
from directory.folding import strip_diacritics  # noqa: E402

TUNING = REPO / "tests" / "data" / "screening" / "tuning.csv"


def rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def words_to_check() -> list[tuple[str, str]]:
    """(word as written, the lemma the screening reads it as) for the Polish danger messages."""
    table = form_table()
    found = []
    with TUNING.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["label"] != "danger" or row["language"] != "pl":
                continue
            for word in read_words(row["text"]):
                lemmas = table.lemmas(word.folded)
                if lemmas and any(ch in "ąćęłńóśźż" for ch in word.text):
                    found.append((word.text, sorted(lemmas)[0]))
    return found


def measure(name: str, load: Callable[[], Callable[[str], set[str]]], pairs: list) -> None:  # type: ignore[type-arg]
    """Print recall as written and without Polish letters, load time, memory and speed."""
    before = rss_mb()
    started = time.perf_counter()
    lemmatise = load()
    lemmatise("zabić")
    loading = time.perf_counter() - started
    memory = rss_mb() - before
    written = sum(lemma in lemmatise(word) for word, lemma in pairs) / len(pairs)
    folded = sum(lemma in lemmatise(strip_diacritics(word)) for word, lemma in pairs) / len(pairs)
    words = [word for word, _lemma in pairs] * 20
    started = time.perf_counter()
    for word in words:
        lemmatise(word)
    per_word = (time.perf_counter() - started) / len(words) * 1e6
    print(
        f"| {name} | {written:.1%} | {folded:.1%} | {loading:.2f} s | +{memory:.0f} MB "
        f"| {per_word:.2f} µs |"
    )


def generated_table() -> Callable[[str], set[str]]:
    # Loaded again for the timing (its memory was taken already: see docs/measurements.md).
    form_table.cache_clear()
    table = form_table()
    return lambda word: set(table.lemmas(strip_diacritics(word.lower())))


def morfeusz() -> Callable[[str], set[str]]:
    import morfeusz2

    analyser = morfeusz2.Morfeusz(generate=False)
    return lambda word: {i[2][1].split(":")[0] for i in analyser.analyse(word)}


def simplemma() -> Callable[[str], set[str]]:
    import simplemma as library

    return lambda word: {library.lemmatize(word, lang="pl")}


def main() -> None:
    """One table row per lemmatiser (each loaded in turn, so memory growth adds up in order)."""
    pairs = words_to_check()
    print(f"{len(pairs)} words with Polish letters in the Polish danger messages\n")
    print("| lemmatiser | lemma as written | without Polish letters | load | memory | per word |")
    print("| --- | --- | --- | --- | --- | --- |")
    measure("form table from Morfeusz (build time)", generated_table, pairs)
    measure("Morfeusz 2 at run time", morfeusz, pairs)
    try:
        measure("simplemma at run time", simplemma, pairs)
    except ImportError:
        print("| simplemma | not installed | | | | |")


if __name__ == "__main__":
    main()
