"""Concepts found in words (lemmas, stems, phrases, typos) and rules combining them."""

from __future__ import annotations

from bot.understanding import (
    ConceptIndex,
    Found,
    apply_rules,
    concept,
    form_table,
    read_words,
    rule,
)

CONCEPTS = (
    concept("kill", pl="zabić", en="kill", east="вбит убь", east_words="вбє убьет"),
    concept("water", east="вод"),
    concept("self", words="sie myself", east_words="себе себя"),
    concept("me", words="mnie me", east_words="мене меня"),
    concept("neg", words="nie not dont", east_words="не"),
    concept("hit", pl="bić", en="hit"),
    concept("past", phrases="used to, lat temu", words="kiedys"),
    concept("recent", phrases="godzine temu"),
    concept("kitchen", words="kuchni"),
)
INDEX = ConceptIndex(CONCEPTS, form_table())


def found(text: str) -> list[Found]:
    return INDEX.find(read_words(text))


def names(text: str) -> list[str]:
    return [item.concept for item in found(text)]


def test_every_inflected_form_of_a_lemma_carries_its_concept() -> None:
    assert names("zabiję") == names("zabije") == names("zabiłam") == ["kill"]
    assert names("killing") == ["kill"]


def test_cyrillic_stems_match_cyrillic_and_transliteration() -> None:
    assert names("вбити") == names("vbyty") == ["kill"]
    assert names("він мене вб'є") == names("vin mene vbye") == ["me", "kill"]


def test_a_short_stem_matches_the_start_of_cyrillic_words_only() -> None:
    # "вод" (water) starts "водою" but must not start the Polish "Wodzisław".
    assert names("водою") == ["water"]
    assert names("vod") == ["water"]
    assert names("Wodzisław") == []


def test_a_phrase_is_found_at_its_first_word() -> None:
    [item] = [f for f in found("he used to hit me") if f.concept == "past"]
    assert item.index == 1


def test_a_typo_in_a_long_word_is_read_and_in_a_short_one_is_weak() -> None:
    assert INDEX.concepts_of("zabuć") == {"kill"}
    [typo] = found("zabuć")
    assert typo.weak  # five letters: it needs an exact word beside it in a rule


RULES = (
    rule("suicidal", "kill self", window=2, unless="past"),
    rule("violence", "hit me", window=3, unless="past kitchen"),
    rule("neg_kill", "neg kill self", window=4),
)


def labels(text: str) -> list[str]:
    return [match.rule.label for match in apply_rules(RULES, found(text))]


def test_a_rule_holds_in_any_word_order_within_its_window() -> None:
    assert labels("chcę się zabić") == ["suicidal"]
    assert labels("zabiję się") == ["suicidal"]
    assert labels("zabiję go jak znowu się spóźni") == []


def test_negation_is_a_concept_a_rule_can_ask_for() -> None:
    assert labels("nie chcę się zabić") == ["suicidal", "neg_kill"]


def test_the_past_cancels_a_rule_only_in_its_own_clause_and_not_when_recent() -> None:
    assert labels("kiedyś mnie bił") == []
    assert labels("kiedyś było źle, mnie bije") == ["violence"]
    assert labels("bił mnie godzinę temu") == ["violence"]


def test_a_rule_never_combines_words_across_sentences() -> None:
    assert labels("Mnie nikt nie słucha. Bije zegar.") == []


def test_a_rule_holds_on_a_typo_when_another_word_is_exact() -> None:
    assert labels("zabuć się") == ["suicidal"]
