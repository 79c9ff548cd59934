"""Concepts found in words (lemmas, stems, phrases, typos) and rules combining them."""

from __future__ import annotations

from bot.understanding import (
    ConceptIndex,
    Found,
    apply_rules,
    concept,
    form_table,
    is_polish_word,
    read_words,
    romanise,
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
    concept("better_gone", phrases="краще б мене не було"),
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


def test_a_cyrillic_phrase_is_found_in_latin_transliteration_too() -> None:
    assert "better_gone" in names("krashche b mene ne bulo")
    assert "better_gone" in names("краще б мене не було")
    assert "better_gone" not in names("krashche b mene")


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


DICTIONARY_INDEX = ConceptIndex(
    (*CONCEPTS, concept("flood", pl="powódź"), concept("want", pl="chcieć", east_words="хочу")),
    form_table(),
    is_word=is_polish_word,
    common_east=["был"],
)


def test_a_word_of_its_own_is_not_read_as_a_typo_of_another() -> None:
    # "powodu" (of a reason) is one letter from "powodzi" (of a flood); "Zakopanem" is a town.
    assert DICTIONARY_INDEX.concepts_of("powodu") == frozenset()
    assert DICTIONARY_INDEX.concepts_of("Zakopanem") == frozenset()
    assert DICTIONARY_INDEX.concepts_of("powodz") == {"flood"}


def test_a_surname_does_not_count_as_a_word_of_its_own() -> None:
    # Morfeusz knows the surname "Podcielma"; "podcielm" is still a typo of "podcięłam".
    assert not is_polish_word("podcielm")
    assert is_polish_word("powodu")


def test_a_common_cyrillic_word_is_not_read_by_its_sound_key() -> None:
    # "был" (was) has the sound key of "бил" (hit).
    assert DICTIONARY_INDEX.concepts_of("был") == frozenset()


def test_two_swapped_letters_are_undone_even_in_short_words() -> None:
    assert DICTIONARY_INDEX.concepts_of("zabjić") == {"kill"}
    assert DICTIONARY_INDEX.concepts_of("klil") == {"kill"}
    [swapped] = DICTIONARY_INDEX.find(read_words("hti"))
    assert swapped.concept == "hit"
    assert swapped.weak  # three letters: still weak


def test_a_doubled_letter_is_undone() -> None:
    assert DICTIONARY_INDEX.concepts_of("zabicc") == {"kill"}


def test_a_negation_glued_to_its_verb_reads_as_both() -> None:
    assert DICTIONARY_INDEX.concepts_of("niechce") == {"neg", "want"}
    assert DICTIONARY_INDEX.concepts_of("нехочу") == {"neg", "want"}


def test_transliteration_with_two_letters_swapped_is_read() -> None:
    index = ConceptIndex((concept("end", east="поконч"),), form_table())
    assert index.concepts_of("pokocnhu") == {"end"}


def test_an_unless_clause_concept_cancels_only_in_its_own_clause() -> None:
    rules = (rule("violence", "kill me", window=4, unless_clause="kitchen"),)
    assert apply_rules(rules, found("w kuchni mnie zabije")) == []
    [match] = apply_rules(rules, found("w kuchni, a potem mnie zabije"))
    assert match.rule.label == "violence"


def test_a_letter_changed_in_a_transliterated_word_is_read_letter_by_letter() -> None:
    # "pokoschu" is one letter from "pokonchu", but its sound key is two from "поконч".
    index = ConceptIndex((concept("end", east="поконч"),), form_table())
    assert index.concepts_of("pokoschu") == {"end"}
    assert romanise("поконч") == "pokonch"


def test_a_word_read_one_typo_away_never_cancels_a_rule() -> None:
    index = ConceptIndex((*CONCEPTS, concept("kitchen", words="kuchnia")), form_table())
    rules = (rule("violence", "hit me", window=3, unless="kitchen"),)
    assert apply_rules(rules, index.find(read_words("bije mnie w kuchnia"))) == []
    # "kuchnio" is only one letter from "kuchnia": a guess, which may not cancel.
    [match] = apply_rules(rules, index.find(read_words("bije mnie kuchnio")))
    assert match.rule.label == "violence"


def test_rules_are_tried_in_table_order_whichever_concept_starts_them() -> None:
    # The table is indexed by each rule's first slot; a match list keeps the table's order,
    # from an indexed tuple and from a list alike; a rule without slots never holds.
    table = (
        rule("self_first", "self kill", window=4),
        rule("kill_first", "kill self", window=4),
        rule("unrelated", "hit me"),
        rule("never", ""),
    )
    text = found("nie chcę się zabić")
    expected = ["self_first", "kill_first"]
    assert [m.rule.label for m in apply_rules(table, text)] == expected
    assert [m.rule.label for m in apply_rules(table, text)] == expected  # indexed once, reused
    assert [m.rule.label for m in apply_rules(list(table), text)] == expected
