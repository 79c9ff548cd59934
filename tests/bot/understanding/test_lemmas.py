"""Lemmas and tense from the Morfeusz-generated form table, and the nearest form for a typo."""

from __future__ import annotations

import pytest

from bot.screening_lexicon import CONCEPTS
from bot.understanding import NearestForm, form_table
from bot.understanding.lemmas import FUTURE, INFINITIVE, PAST, PRESENT


@pytest.mark.parametrize(
    ("form", "lemma", "tense"),
    [
        ("zabije", "zabić", FUTURE),  # "zabiję" / "zabije" without diacritics
        ("zabilam", "zabić", PAST),  # past with the person ending Morfeusz keeps apart
        ("zabic", "zabić", INFINITIVE),
        ("bije", "bić", PRESENT),
        ("polknelam", "połknąć", PAST),
        ("sie", "się", "other"),
        ("took", "take", PAST),
        ("killing", "kill", PRESENT),
    ],
)
def test_a_folded_form_reads_as_its_lemma_with_its_tense(form: str, lemma: str, tense: str) -> None:
    readings = form_table().readings(form)
    assert any(r.lemma == lemma and r.tense == tense for r in readings), readings


def test_every_lemma_the_concepts_name_is_in_the_table() -> None:
    # scripts/build_lexicon.py must be run after a concept gains a lemma.
    lemmas = {reading.lemma for readings in form_table().forms.values() for reading in readings}
    named = {lemma for item in CONCEPTS for lemma in (*item.pl, *item.en)}
    assert named - lemmas == set()


def test_one_typo_finds_the_nearest_known_words() -> None:
    nearest = NearestForm(["zabic", "zabil", "umrzec", "oddychac"])
    assert nearest.nearest("zabuc") == ("zabic",)
    assert nearest.nearest("umzrec") == ("umrzec",)  # two letters swapped
    assert nearest.nearest("odychac") == ("oddychac",)  # one left out


def test_short_known_and_far_words_are_never_corrected() -> None:
    nearest = NearestForm(["zabic", "bije"])
    assert nearest.nearest("pije") == ()  # four letters: too short to guess
    assert nearest.nearest("zabic") == ()  # already known
    assert nearest.nearest("xabic") == ()  # the first letter is kept
    assert nearest.nearest("zupka") == ()
