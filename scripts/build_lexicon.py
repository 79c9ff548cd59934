"""Build the form table of the language layer: bot/understanding/data/forms.json.gz.

Every Polish lemma the screening concepts name (bot/screening_lexicon.py) is inflected with
Morfeusz 2's generator (the SGJP dictionary), every English lemma with a few regular rules and
the irregular forms listed below; each form is folded (no diacritics) and stored with its lemma
and tense. Past forms also get the person endings Morfeusz keeps apart ("zabiła" + "m" →
"zabiłam"), and conditional ones ("zabiłbym").

Run from the repository root after changing a concept's lemmas:
    .venv/bin/python scripts/build_lexicon.py
tests/bot/understanding/test_lemmas.py checks that every lemma the concepts name is in the table.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.understanding.lemmas import (  # noqa: E402
    CONDITIONAL,
    FORMAT_VERSION,
    FUTURE,
    IMPERATIVE,
    INFINITIVE,
    OTHER,
    PAST,
    PRESENT,
    TABLE_PATH,
)
from bot.understanding.words import fold_word  # noqa: E402

# English forms that the rules below do not make.
ENGLISH_IRREGULAR: dict[str, tuple[tuple[str, str], ...]] = {
    "drive": (("drove", PAST), ("driven", PAST), ("driving", PRESENT)),
    "take": (("took", PAST), ("taken", PAST), ("taking", PRESENT)),
    "die": (("died", PAST), ("dying", PRESENT), ("dies", PRESENT)),
    "cut": (("cut", PAST), ("cutting", PRESENT)),
    "hit": (("hit", PAST), ("hitting", PRESENT)),
    "beat": (("beat", PAST), ("beaten", PAST), ("beating", PRESENT)),
    "bleed": (("bled", PAST),),
    "burn": (("burnt", PAST),),
    "choke": (("choking", PRESENT),),
    "drink": (("drank", PAST), ("drunk", PAST)),
    "eat": (("ate", PAST), ("eaten", PAST)),
    "fall": (("fell", PAST), ("fallen", PAST)),
    "give": (("gave", PAST), ("given", PAST), ("giving", PRESENT)),
    "hang": (("hung", PAST), ("hanged", PAST)),
    "know": (("knew", PAST), ("known", PAST)),
    "leave": (("left", PAST), ("leaving", PRESENT)),
    "lose": (("lost", PAST), ("losing", PRESENT)),
    "shoot": (("shot", PAST),),
    "stab": (("stabbed", PAST), ("stabbing", PRESENT)),
    "break": (("broke", PAST), ("broken", PAST)),
    "buy": (("bought", PAST),),
    "have": (("has", PRESENT), ("had", PAST), ("having", PRESENT), ("got", PRESENT)),
    "say": (("said", PAST),),
    "tell": (("told", PAST),),
    "wake": (("woke", PAST), ("woken", PAST), ("waking", PRESENT)),
    "write": (("wrote", PAST), ("written", PAST), ("writing", PRESENT)),
    "sit": (("sat", PAST), ("sitting", PRESENT)),
    "stand": (("stood", PAST),),
    "swallow": (),
    "pop": (("popped", PAST), ("popping", PRESENT)),
    "slit": (("slitting", PRESENT),),
    "drag": (("dragged", PAST), ("dragging", PRESENT)),
    "grab": (("grabbed", PAST), ("grabbing", PRESENT)),
    "run": (("ran", PAST), ("running", PRESENT)),
    "see": (("saw", PAST), ("seen", PAST)),
    "go": (("went", PAST), ("gone", PAST), ("goes", PRESENT)),
    "be": (("am", PRESENT), ("is", PRESENT), ("are", PRESENT), ("was", PAST), ("were", PAST)),
    "get": (("got", PAST), ("gotten", PAST), ("getting", PRESENT)),
    "shake": (("shook", PAST), ("shaken", PAST)),
    "drown": (),
    "throw": (("threw", PAST), ("thrown", PAST)),
    "can": (("could", PAST),),
    "will": (("would", CONDITIONAL),),
    "feel": (("felt", PAST),),
}
# Morfeusz tags → tense, by the tag's first part (the aspect decides what "fin" means).
TAG_TENSES = {
    "praet": PAST,
    "imps": PAST,
    "bedzie": FUTURE,
    "inf": INFINITIVE,
    "impt": IMPERATIVE,
}


def english_forms(lemma: str) -> list[tuple[str, str]]:
    """The regular inflected forms of an English lemma, with their tense (nouns get plurals)."""
    # The base form is the infinitive as well as the present ("want to live", "I live").
    forms = [(lemma, PRESENT), (lemma, INFINITIVE)]
    if lemma.endswith("e"):
        forms += [(lemma + "s", PRESENT), (lemma + "d", PAST), (lemma[:-1] + "ing", PRESENT)]
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms += [(lemma[:-1] + "ies", PRESENT), (lemma[:-1] + "ied", PAST)]
        forms += [(lemma + "ing", PRESENT)]
    else:
        plural = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
        forms += [(plural, PRESENT), (lemma + "ed", PAST), (lemma + "ing", PRESENT)]
    forms += list(ENGLISH_IRREGULAR.get(lemma, ()))
    return forms


def polish_tense(tag: str) -> str:
    """The tense of a Morfeusz tag such as "fin:sg:pri:perf"."""
    parts = tag.split(":")
    if parts[0] == "fin":
        return FUTURE if "perf" in parts else PRESENT
    return TAG_TENSES.get(parts[0], OTHER)


def past_person_forms(form: str) -> list[tuple[str, str]]:
    """The forms Morfeusz splits off a past form: person endings and the conditional."""
    if form.endswith("ł"):
        endings = [("em", PAST), ("eś", PAST)]
    else:
        endings = [("m", PAST), ("ś", PAST), ("śmy", PAST), ("ście", PAST)]
    endings += [(ending, CONDITIONAL) for ending in ("by", "bym", "byś", "byśmy", "byście")]
    return [(form + ending, tense) for ending, tense in endings]


def polish_forms(generator: object, lemma: str) -> list[tuple[str, str]]:
    """Every form Morfeusz generates for `lemma`, with person endings; the lemma itself at least."""
    found: list[tuple[str, str]] = [(lemma, OTHER)]
    try:
        generated = generator.generate(lemma)  # type: ignore[attr-defined]
    except RuntimeError:
        generated = []
    for form, _lemma, tag, _name, _qualifiers in generated:
        tense = polish_tense(tag)
        found.append((form, tense))
        if tag.startswith("praet"):
            found += past_person_forms(form)
    return found


def vocabularies() -> tuple[list[str], list[str]]:
    """(Polish lemmas, English lemmas) named by every concept list the project has."""
    from bot.screening_lexicon import CONCEPTS

    polish = sorted({lemma for item in CONCEPTS for lemma in item.pl})
    english = sorted({lemma for item in CONCEPTS for lemma in item.en})
    return polish, english


def build(polish: Iterable[str], english: Iterable[str]) -> dict[str, list[str]]:
    """Folded form → sorted "lemma|tense" readings."""
    import morfeusz2

    generator = morfeusz2.Morfeusz(analyse=False, generate=True)
    table: dict[str, set[str]] = defaultdict(set)
    for lemma in polish:
        for form, tense in polish_forms(generator, lemma):
            # One-letter forms are abbreviations ("o." for "ojciec"), not words people type.
            if len(form) > 1:
                table[fold_word(form)].add(f"{lemma}|{tense}")
    for lemma in english:
        for form, tense in english_forms(lemma):
            table[fold_word(form)].add(f"{lemma}|{tense}")
    return {form: sorted(readings) for form, readings in sorted(table.items())}


def main() -> None:
    """Write the table and say how big it is."""
    polish, english = vocabularies()
    forms = build(polish, english)
    TABLE_PATH.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(
        {"version": FORMAT_VERSION, "forms": forms}, ensure_ascii=False, separators=(",", ":")
    )
    with gzip.GzipFile(TABLE_PATH, "wb", mtime=0) as handle:
        handle.write(payload.encode("utf-8"))
    print(
        f"{len(polish)} Polish and {len(english)} English lemmas → {len(forms)} forms, "
        f"{TABLE_PATH.stat().st_size} bytes in {TABLE_PATH.relative_to(REPO)}"
    )


if __name__ == "__main__":
    main()
