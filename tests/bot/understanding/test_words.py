"""Words of a message: folding, sentences and clauses, and one sound key for Cyrillic and Latin."""

from __future__ import annotations

import pytest

from bot.understanding import east_key, fold_word, read_words


def test_folding_drops_case_diacritics_and_apostrophes() -> None:
    assert fold_word("Zabiję") == "zabije"
    assert fold_word("ŁÓDŹ") == "lodz"
    assert fold_word("don't") == "dont"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("хочу", "khochu"),
        ("хочу", "hochu"),
        ("жити", "zhyty"),
        ("вб'є", "vbye"),
        ("убьёт", "ubyet"),
        ("дихає", "dykhaye"),
        ("чоловік", "cholovik"),
        ("покончу", "pokonchu"),
        ("сообщение", "soobshchenie"),
        ("горит", "gorit"),
        ("горить", "horyt"),
    ],
)
def test_cyrillic_and_its_latin_transliteration_share_one_key(cyrillic: str, latin: str) -> None:
    assert east_key(cyrillic) == east_key(latin)


def test_every_sound_is_one_letter_of_the_key_so_a_typo_is_one_edit() -> None:
    assert len(east_key("щ")) == len(east_key("ж")) == len(east_key("ч")) == 1
    assert east_key("shch") == east_key("щ")


def test_words_carry_their_sentence_and_clause() -> None:
    words = read_words("Kiedyś mnie bił, teraz jest dobrze. Dziś znowu!")
    folded = ["kiedys", "mnie", "bil", "teraz", "jest", "dobrze", "dzis", "znowu"]
    assert [w.folded for w in words] == folded
    assert [w.sentence for w in words] == [0, 0, 0, 0, 0, 0, 1, 1]
    assert words[2].clause != words[3].clause
    assert [w.index for w in words] == list(range(8))


def test_cyrillic_words_are_marked_and_keep_their_letters() -> None:
    [word] = read_words("Б'Є")
    assert word.cyrillic
    assert word.text == "бє"
    assert not read_words("bije")[0].cyrillic


def test_an_empty_or_punctuation_only_message_has_no_words() -> None:
    assert read_words("") == ()
    assert read_words("?!… —") == ()
