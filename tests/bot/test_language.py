"""The per-message language detector: clear messages decide; bare places and short replies not."""

from __future__ import annotations

import pytest

from bot.language import detect_language, language_scores


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("I'm in Wroclaw and I have panic attacks", "en"),
        ("I want to kill myself, I'm in Gdansk", "en"),
        ("I need help, my husband hits me", "en"),
        ("I'm in Łódź and I can't stop drinking", "en"),
        ("where can I find help in Kraków?", "en"),
        ("help me please", "en"),
        ("jestem w Pruszkowie, mąż mnie bije", "pl"),
        ("mieszkam w Gdańsku", "pl"),
        ("jestem z krakowa i nie mam sily", "pl"),
        ("mieszkam w Ostrowie, mam 15 lat i rodzice na mnie krzyczą", "pl"),
        ("chce sie zabic", "pl"),
        ("Gdańsk, mąż mnie bije", "pl"),
        ("Я у Варшаві, мені потрібна допомога", "uk"),
        ("Я в Варшаве, мне нужна помощь", "uk"),
        ("Вроцлав", "uk"),
    ],
)
def test_clear_messages_name_their_language(message: str, expected: str) -> None:
    assert detect_language(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "Wroclaw",
        "Gdansk",
        "Gdańsk",
        "Łódź",
        "w Gdańsku",
        "Nowa Wieś",
        "ok",
        "tak",
        "yes",
        "help",
        "pomocy",
        "1",
        "00-950",
        "👍",
        "Zielona Góra",
        "",
    ],
)
def test_bare_places_and_short_replies_say_nothing(message: str) -> None:
    assert detect_language(message) is None


def test_a_capitalised_polish_place_weighs_little_in_an_english_sentence() -> None:
    scores = language_scores("I live in Łódź")
    assert scores["en"] > scores["pl"]
    assert scores["pl"] < 1


def test_cyrillic_outweighs_latin_words_only_when_it_is_most_of_the_letters() -> None:
    assert detect_language("Я в Польщі, help") == "uk"
    assert detect_language("I'm in Warsaw, мне") == "en"


@pytest.mark.parametrize(
    "message",
    [
        "ya ne hochu zhyty, vse marno",
        "cholovik mene bye, ya u Varshavi",
        "syn pyje kozhen den, shcho robyty",
        "potribna dopomoha z zhytlom, nas vyhaniayut",
        "ne hochu bolshe zhit, vse nadoelo",
        "muzh b'et menya, ya v Krakove",
        "zdravstvuyte, mne nuzhna pomoshch",
        "u menya depressiya, nichego ne hochetsya",
    ],
)
def test_ukrainian_and_russian_in_latin_letters_are_answered_in_ukrainian(message: str) -> None:
    assert detect_language(message) == "uk"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("szukam pomocy", "pl"),
        ("mam problem, Kraśnik", "pl"),
        ("kim jesteś?", "pl"),
        ("komornik zajal mi pensje, Radom", "pl"),
        ("good morning", "en"),
        ("I bought a rope, Gdansk", "en"),
        ("I had a miscarriage last week, Bialystok", "en"),
    ],
)
def test_two_words_of_one_language_are_enough(message: str, expected: str) -> None:
    assert detect_language(message) == expected


def test_a_polish_word_that_is_also_a_transliteration_does_not_make_polish_ukrainian() -> None:
    # "syn", "mama", "brat" are Polish and Ukrainian alike; the Polish words decide.
    assert detect_language("mój syn pije, mama nie wie co robić") == "pl"
    assert detect_language("brat i mama mieszkają w Gdańsku") == "pl"


def test_polish_words_shared_with_transliteration_count_for_polish_only() -> None:
    # "nam" is a Polish word too: no evidence for Ukrainian.
    assert detect_language("podpalili nam stodole, Kętrzyn") == "pl"
    assert detect_language("syn sidit na narkotikah, pomogite") == "uk"


@pytest.mark.parametrize(
    "message",
    [
        "brat vypyvaye shchodnya, Lublin",
        "pozhar v dome, my na ulitse, Lodz",
        "pogibla mama v avarii",
    ],
)
def test_words_both_languages_write_alike_do_not_outweigh_transliteration(message: str) -> None:
    assert detect_language(message) == "uk"


def test_shared_function_words_leave_the_transliteration_to_decide() -> None:
    assert detect_language("u nas sgorela kvartira, my v Gdyni") == "uk"
    assert detect_language("hochu pokonchit s soboy") == "uk"
    assert detect_language("u nas w domu jest zimno") == "pl"


def test_a_ukrainian_spelling_of_a_place_name_says_a_little() -> None:
    assert detect_language("syn znyk, ne vidpovidaye na telefon, Krakiv") == "uk"
    # A Polish name says nothing of the kind.
    assert language_scores("Wrocław")["uk"] == 0


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("szukam syna, zaginął wczoraj", "pl"),
        ("my safety net is gone, I lost my job", "en"),
        ("cholovik mene bye", "uk"),
    ],
)
def test_words_of_two_languages_are_not_in_the_transliteration_list(
    message: str, expected: str
) -> None:
    assert detect_language(message) == expected


def test_nad_and_pod_are_ukrainian_too() -> None:
    assert detect_language("batko znushchayetsya nad namy") == "uk"


def test_zaraz_is_polish_as_well_as_ukrainian_in_latin_letters() -> None:
    # "зараз" (now) in Latin letters is also the Polish "zaraz" (any moment): a Polish threat
    # must not be left undecided because of it.
    assert detect_language("zaraz mnie zabije") == "pl"
    assert detect_language("ya zaraz doma") == "uk"
