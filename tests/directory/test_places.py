"""Place resolution: each rule, table-driven with our own examples (not the evaluation rows)."""

from __future__ import annotations

import pytest

from directory.folding import fold
from directory.places import (
    Resolution,
    find_place_in_message,
    resolve_place,
    resolve_point,
)
from directory.polish import build_form_table
from tests.directory.place_checks import assert_match, powiats


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Poznań", "3064"),
        ("poznan", "3064"),
        ("LUBLIN", "0663"),
        ("lodz", "1061"),
        ("swinoujscie", "3263"),
        ("Bielsko-Biała", "2461"),
        ("bielsko biala", "2461"),
    ],
)
def test_names_match_without_diacritics_in_any_case(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("w Gdańsku", "2261"),
        ("we Wrocławiu", "0264"),
        ("z Katowic", "2469"),
        ("ze Świnoujścia", "3263"),
        ("w Zielonej Górze", "0862"),
        ("w Tarnowskich Górach", "2413"),
        ("w Bielsku-Białej", "2461"),
        ("w Kędzierzynie-Koźlu", "1603"),
        ("w Ostrowie Wielkopolskim", "3017"),
        ("z Kielc", "2661"),
        ("w Suwałkach", "2063"),
        ("mieszkam na Ursynowie", "1465"),
        ("jestem z Piaseczna", "1418"),
    ],
)
def test_locative_and_genitive_forms_after_prepositions(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("powiat piaseczyński", "1418"),
        ("pow. piaseczyński", "1418"),
        ("w powiecie piaseczyńskim", "1418"),
        ("piaseczynski county", "1418"),
        ("powiat łódzki wschodni", "1006"),
        ("w powiecie warszawskim zachodnim", "1432"),
        ("powiatu legionowskiego", "1408"),
        ("w powiecie kędzierzyńskim", "1603"),
        ("powiat ropczycki", "1815"),
    ],
)
def test_powiat_forms(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "powiat", "gmina"),
    [
        ("gm. Lesznowola", "1418", "Lesznowola"),
        ("gmina Lesznowola", "1418", "Lesznowola"),
        ("w gminie Lesznowola", "1418", "Lesznowola"),
    ],
)
def test_gmina_forms(text: str, powiat: str, gmina: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "match"
    assert resolution.candidates[0].powiat == powiat
    assert resolution.candidates[0].gmina_name == gmina


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Mińsk Maz.", "1412"),
        ("Ostrów Wlkp.", "3017"),
        ("Pruszcz Gd.", "2204"),
        ("w Grodzisku Maz.", "1405"),
        ("powiat brzeski woj. opolskie", "1601"),
        ("pow. brzeski, Małopolska", "1202"),
    ],
)
def test_abbreviations(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Warsaw", "1465"),
        ("Cracow", "1261"),
        ("I live in Krakow, Poland", "1261"),
        ("help, I'm in Gdansk", "2261"),
        ("Lodz, Poland", "1061"),
    ],
)
def test_english_phrasing_and_exonyms(text: str, powiat: str) -> None:
    assert_match(text, powiat, lang="en")


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Piasczno", "1418"),
        ("Wrocłwa", "0264"),
        ("Kołobrzg", "3208"),
        ("Szczeicn", "3262"),
        ("Grodzisk Mazowieki", "1405"),
    ],
)
def test_typos_of_one_or_two_edits(text: str, powiat: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "match", resolution
    assert resolution.candidates[0].powiat == powiat
    assert resolution.candidates[0].score < 100.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("powiat brzeski", {"1202": "małopolskie", "1601": "opolskie"}),
        ("grodziski", {"1405": "mazowieckie", "3005": "wielkopolskie"}),
        ("Dobra", {"3027": "wielkopolskie", "3218": "zachodniopomorskie"}),
    ],
)
def test_homonyms_are_ambiguous_and_labelled_with_their_voivodeship(
    text: str, expected: dict[str, str]
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous"
    assert {c.powiat: c.voivodeship for c in resolution.candidates} == expected


def test_many_same_named_villages_are_ambiguous_and_capped() -> None:
    resolution = resolve_place("Nowa Wieś")
    assert resolution.status == "ambiguous"
    assert 2 <= len(resolution.candidates) <= 8
    assert len(set(powiats(resolution))) == len(resolution.candidates)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Młochów gm. Nadarzyn", "1421"),
        ("powiat brzeski opolskie", "1601"),
        ("Dziadkowo wielkopolskie", "3003"),
        ("Dziadkowo, Dolny Śląsk", "0213"),
        ("Nowa Wieś, gmina Michałowice", "1421"),
        ("Piastów koło Pruszkowa", "1421"),
        ("Dąbrowa, powiat mławski", "1413"),
    ],
)
def test_other_place_words_disambiguate(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "powiat", "kind"),
    [
        ("Kielce", "2661", "city"),
        ("Piaseczno", "1418", "town"),
        ("Bemowo", "1465", "district"),
        ("mokotow", "1465", "district"),
        ("Nowa Huta", "1261", "district"),
        ("Krzyki", "0264", "district"),
    ],
)
def test_towns_and_districts_beat_villages_of_the_same_name(
    text: str, powiat: str, kind: str
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "match"
    assert (resolution.candidates[0].powiat, resolution.candidates[0].kind) == (powiat, kind)


def test_a_unique_village_matches_with_its_gmina() -> None:
    resolution = resolve_place("mieszkam we wsi Wola Kamocka")
    assert resolution.status == "match"
    best = resolution.candidates[0]
    assert (best.powiat, best.kind, best.place_name) == ("1010", "village", "Wola Kamocka")
    assert best.gmina_name is not None


@pytest.mark.parametrize(
    "text",
    [
        "nie wiem",
        "Londyn",
        "London",
        "Berlin",
        "Paris",
        "Wilno",
        "hello",
        "pies",
        "mam problem",
        "jestem w domu",
        "qwerty",
        "!!!",
        "",
    ],
)
def test_text_naming_no_place_in_poland_is_none(text: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "none", resolution
    assert all(c.score <= 30.0 for c in resolution.candidates)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("jestem w Gdyni i potrzebuję pomocy", "2262"),
        ("mieszkam w Sopocie, mąż mnie bije", "2264"),
        ("pomocy, jestem w Radomiu, boję się wrócić do domu", "1463"),
        ("I'm in Lublin and I need help tonight", "0663"),
    ],
)
def test_whole_messages_find_the_place_and_ignore_crisis_words(text: str, powiat: str) -> None:
    assert_match(text, powiat)
    resolution = find_place_in_message(text)
    assert resolution.status == "match"
    assert resolution.candidates[0].powiat == powiat


def test_candidates_carry_every_field_the_chat_needs() -> None:
    best = resolve_place("w Piastowie").candidates[0]
    assert (best.powiat, best.powiat_name, best.voivodeship) == (
        "1421",
        "pruszkowski",
        "mazowieckie",
    )
    assert (best.place_name, best.kind, best.gmina_name) == ("Piastów", "town", "Piastów")
    assert best.lat is not None
    assert best.lon is not None
    assert "Piastów" in best.matched
    assert "pruszkowski" in best.matched
    assert 0.0 <= best.score <= 100.0


@pytest.mark.parametrize(
    ("lat", "lon", "powiat"),
    [
        (52.2297, 21.0122, "1465"),  # central Warsaw
        (51.1079, 17.0385, "0264"),  # Wrocław market square
        (52.1640, 20.7970, "1421"),  # Pruszków, a land powiat
        (49.2992, 19.9496, "1217"),  # Zakopane, powiat tatrzański
    ],
)
def test_point_inside_a_powiat(lat: float, lon: float, powiat: str) -> None:
    resolution = resolve_point(lat, lon)
    assert resolution.status == "match"
    assert resolution.candidates[0].powiat == powiat
    assert resolution.candidates[0].kind == "point"


def test_point_off_the_coast_gets_the_nearest_powiat() -> None:
    resolution = resolve_point(54.90, 18.50)  # Baltic, north of the Hel peninsula
    assert resolution.status == "match"
    assert resolution.candidates[0].powiat == "2211"


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(52.52, 13.405), (54.687, 25.279), (51.507, -0.128), (48.857, 2.352)],
)
def test_point_abroad_is_none(lat: float, lon: float) -> None:
    assert resolve_point(lat, lon).status == "none"


@pytest.mark.parametrize(
    ("text", "key"),
    [("Łódź", "lodz"), ("  Bielsko - Biała! ", "bielsko-biala"), ("ŻÓŁW", "zolw")],
)
def test_fold_lowercases_and_strips_diacritics(text: str, key: str) -> None:
    assert fold(text) == key


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Nowy Sącz", {"nowym sączu", "nowego sącza"}),
        ("Siemianowice Śląskie", {"siemianowicach śląskich", "siemianowic śląskich"}),
        ("pruszkowski", {"pruszkowskim", "pruszkowskiego"}),
        ("Gołaszyny", {"gołaszynach"}),
    ],
)
def test_case_forms_inflect_word_by_word(name: str, forms: set[str]) -> None:
    assert forms <= set(build_form_table([name])[name])


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        # Adjectives agree with every gender reading of the head ("Ostrów" is also feminine).
        ("Ostrów Lubelski", {"ostrowie lubelskim", "ostrowi lubelskiej"}),
        # A hyphenated second part that is an adjective agrees too, and is also read as a noun.
        ("Konstancin-Jeziorna", {"konstancina-jeziornego", "konstancinie-jeziornie"}),
        # The older neuter locative of official names, next to the everyday one.
        ("Wysokie Mazowieckie", {"wysokiem mazowieckiem", "wysokim mazowieckim"}),
        # Adjectives Morfeusz does not know inflect by their ending.
        ("Grzybów Hornowski", {"grzybowie hornowskim", "grzybowa hornowskiego"}),
        ("Szklarka Mielęcka", {"szklarce mielęckiej", "szklarki mielęckiej"}),
        # A one-word name that is also a preposition still inflects.
        ("Koło", {"kole", "koła"}),
    ],
)
def test_case_forms_of_multi_word_and_unknown_names(name: str, forms: set[str]) -> None:
    assert forms <= set(build_form_table([name])[name])


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("mieszkam w Ostrowi Lubelskiej", "0608"),
        ("w Ostrowi Mazowieckiej", "1416"),
        ("pochodzę z Konstancina-Jeziornego", "1418"),
        ("w Wysokiem Mazowieckiem", "2013"),
        ("jestem w Wysokim Mazowieckim", "2013"),
        ("mieszkam w Grzybowie Hornowskim", "1002"),
        ("mieszkam w Dąbrowie Tarnawackiej", "0618"),
        ("jestem w Kole", "3009"),
        ("Koło", "3009"),
        ("mieszkam w Busku", "2601"),
    ],
)
def test_case_forms_of_multi_word_hyphenated_and_adjectival_names(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        # SIMC has village parts called "W Lasku", "W Górze": after "w" the town's form wins.
        ("mieszkam w Łasku", "1003"),
        ("jestem w Górze", "0204"),
        # After "gmina" the name is a nominative, not a genitive of a town (Wieliczka, Tuczno).
        ("gmina Wieliczki", "2813"),
        ("w gminie Tuczna", "0601"),
        # A capitalised name after a preposition, even if it is also an ordinary word.
        ("mieszkam w Ogonach", "1411"),
    ],
)
def test_prepositions_and_gmina_words_choose_the_right_case(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "powiats"),
    [
        ("Grodzisk", {"1405", "3005"}),
        ("w Tomaszowie", {"0618", "1016"}),
        # Krynica-Zdrój or Krynica Morska.
        ("Krynica", {"1210", "2210"}),
    ],
)
def test_short_town_names_without_their_qualifier_are_asked_about(
    text: str, powiats: set[str]
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous"
    assert powiats <= set(powiats_of(resolution)[:3])


def powiats_of(resolution: Resolution) -> list[str]:
    return [c.powiat for c in resolution.candidates]


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Noa Ruda", "0208"),
        ("Muroowana Goślina", "3021"),
        ("Środa Ślska", "0218"),
        ("Podkowa Lśna", "1405"),
    ],
)
def test_a_misspelt_multi_word_name_beats_the_words_inside_it(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        # Two edits in a short name, or a town one edit further than a case form: ask.
        ("Nisssko", "1812"),
        ("Chojnei", "2202"),
    ],
)
def test_uncertain_typo_guesses_are_confirmed_by_asking(text: str, powiat: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", resolution
    assert powiat in powiats_of(resolution)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("jestem w Pruszkowie, mąż mnie bije", "1421"),
        ("chcę się zabić, mieszkam w Kutnie", "1002"),
        ("I'm in Gdansk and my husband hits me", "2261"),
        ("mój mąż mnie bije, mieszkam w Pruszkowie", "1421"),
        ("help me please I am in Wroclaw, he beats me", "0264"),
        ("chcę się zabić, jestem w Zakopanem", "1217"),
        ("mieszkam w lesie koło Kutna, mąż pije", "1002"),
        ("przemoc w rodzinie, Łódź", "1061"),
    ],
)
def test_crisis_messages_with_a_place_find_it(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    "text",
    [
        "pomocy nie wiem gdzie jestem",
        "mąż mnie bije",
        "pomóżcie, jestem w ciąży i on mnie bije",
        "ratunku",
        "gwałt",
        "pożar",
        "boli mnie głowa",
        "jestem w lesie",
        "nie chcę żyć",
        "boję się, on pije i bije dzieci",
        "I want to kill myself",
        "Charków",
    ],
)
def test_crisis_words_are_never_taken_for_villages(text: str) -> None:
    assert resolve_place(text).status == "none"


def test_names_spelt_exactly_as_typed_are_listed_first() -> None:
    resolution = resolve_place("Miedźna")
    assert resolution.status == "ambiguous"
    assert resolution.candidates[0].place_name == "Miedźna"
    assert {"1433", "2410"} <= set(powiats_of(resolution))


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Вроцлав", "0264"),
        ("я у Вроцлаві, мені дуже погано", "0264"),
        ("Краків", "1261"),
        ("у Кракові", "1261"),
        ("в Варшаве", "1465"),
        ("з Любліна", "0663"),
        ("живу в Ополі", "1661"),
        ("я зараз у Торуні", "0463"),
        ("в Гданьске", "2261"),
        ("у Зеленій Гурі", "0862"),
        ("у Новому Сончі", "1262"),
        ("Бельско-Бяла", "2461"),
        ("Домброва-Гурнича", "2465"),
        ("Ченстохова", "2464"),
        ("у Тарнові", "1263"),
    ],
)
def test_cyrillic_spellings_and_case_endings_resolve_to_the_polish_place(
    text: str, powiat: str
) -> None:
    assert_match(text, powiat, lang="uk")


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Білосток", "2061"),
        ("у Білостоці", "2061"),
        ("в Белостоке", "2061"),
        ("Ряшів", "1863"),
        ("Жешув", "1863"),
        ("з Перемишля", "1862"),
    ],
)
def test_established_exonyms_of_big_cities(text: str, powiat: str) -> None:
    assert_match(text, powiat, lang="uk")


@pytest.mark.parametrize(
    ("text", "powiat"),
    [("Krakovi", "1261"), ("ya zhyvu u Vrotslavi", "0264"), ("ya v Varshavi", "1465")],
)
def test_latin_transliteration_of_ukrainian_resolves(text: str, powiat: str) -> None:
    assert_match(text, powiat, lang="uk")


@pytest.mark.parametrize(
    "text", ["мені дуже погано", "погано", "я у Львові", "в Житомирі", "Харків"]
)
def test_cyrillic_words_without_a_polish_place_are_not_places(text: str) -> None:
    assert resolve_place(text, "uk").status == "none"


def test_cyrillic_short_name_of_several_towns_asks() -> None:
    resolution = resolve_place("Томашів", "uk")
    assert resolution.status == "ambiguous"
    assert {"0618", "1016"} <= set(powiats(resolution))


# --- issue 13 finding 1: a common word is a place only with place evidence ---------------------

OSTRÓW_TOWNS = {"0608", "1416", "3017"}


@pytest.mark.parametrize(
    "text",
    [
        "ciągle mnie bije, nie mam już siły",
        "on ciągle robi mi krzywdę",
        "nie mam już siły",
        "stoję na brzegu i boję się",
        "I need the police",
        "wolę nie mówić gdzie mieszkam",
    ],
)
def test_a_common_word_that_is_also_a_place_name_needs_place_evidence(text: str) -> None:
    assert resolve_place(text).status == "none"


@pytest.mark.parametrize(
    "text",
    [
        "mieszkam w Ostrowie, mam 15 lat i rodzice na mnie krzyczą, nie mam już siły",
        "nie, w Ostrowie",
        "mieszkam w ostrowie i nie mam siły",
        "rodzice krzyczą. Jestem w Ostrowie",
    ],
)
def test_the_towns_of_a_common_word_are_offered_when_the_sentence_makes_it_a_place(
    text: str,
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous"
    # The towns first, before the gmina and villages of that name; never the village Siła.
    assert set(powiats(resolution)[:3]) == OSTRÓW_TOWNS
    assert all(c.place_name != "Siła" for c in resolution.candidates)


def test_words_already_read_as_the_crisis_are_not_places_yet_count_as_the_message() -> None:
    assert resolve_place("ciągle").status == "ambiguous"  # the only word: Ciągłe, asked
    assert resolve_place("ciągle bije", not_places={"bije"}).status == "none"
    assert_match_with(
        "chcę się zabić, jestem w Kutnie", "1002", not_places={"chce", "sie", "zabic"}
    )


def assert_match_with(text: str, powiat: str, *, not_places: set[str]) -> None:
    resolution = resolve_place(text, not_places=not_places)
    assert resolution.status == "match", resolution
    assert resolution.candidates[0].powiat == powiat


# --- issue 13 finding 2: a rural gmina named like the city it surrounds ------------------------


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("gmina Chełm", "0603"),
        ("mieszkam w gminie Chełm", "0603"),
        ("gmina Siedlce", "1426"),
        ("gm. Tarnów", "1216"),
        ("гміна Холм", "0603"),
    ],
)
def test_a_gmina_named_like_the_city_it_surrounds_is_the_land_powiat(
    text: str, powiat: str
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "match", resolution
    assert (resolution.candidates[0].powiat, resolution.candidates[0].kind) == (powiat, "gmina")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chełm", ["0662", "0603"]),
        ("Siedlce", ["1464", "1426"]),
        ("Zamość", ["0664", "0620"]),
        ("Холм", ["0662", "0603"]),
        ("Тарнів", ["1263", "1216"]),
    ],
)
def test_a_city_named_like_the_gmina_around_it_asks_which_city_first(
    text: str, expected: list[str]
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous"
    assert powiats(resolution) == expected
    assert [c.kind for c in resolution.candidates] == ["city", "gmina"]


@pytest.mark.parametrize(
    ("text", "powiat"), [("w Chełmie", "0662"), ("z Siedlec", "1464"), ("у Холмі", "0662")]
)
def test_the_city_in_a_case_form_after_a_preposition_is_the_city(text: str, powiat: str) -> None:
    assert_match(text, powiat)


# --- issue 14 item 4: colloquial names, short forms, near the city ------------------------------


@pytest.mark.parametrize("text", ["Wawa", "mieszkam w Wawie", "z Wawy", "W-wa", "w W-wie", "Wwa"])
def test_colloquial_names_and_abbreviations_of_warsaw(text: str) -> None:
    assert_match(text, "1465")


@pytest.mark.parametrize("text", ["Trójmiasto", "w Trójmieście", "trojmiasto", "Tricity"])
def test_an_agglomeration_asks_which_of_its_cities(text: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous"
    assert powiats(resolution) == ["2261", "2262", "2264"]


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Bielsko", "2461"),
        ("Kędzierzyn", "1603"),
        ("w Kędzierzynie", "1603"),
        ("Skarżysko", "2610"),
        ("w Czechowicach", "2402"),
        ("Polanica", "0208"),
        ("na Pradze", "1465"),
    ],
)
def test_the_short_form_of_a_hyphenated_town_is_the_town_when_no_other_has_it(
    text: str, powiat: str
) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "both"),
    [
        # Bielsko-Biała or Bielsk Podlaski ("w Bielsku"); Jastrzębie-Zdrój or Jastrząb.
        ("w Bielsku", {"2461", "2003"}),
        ("w Jastrzębiu", {"2467", "1430"}),
    ],
)
def test_a_short_form_that_is_another_towns_case_form_asks(text: str, both: set[str]) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous"
    assert set(powiats(resolution)[:2]) == both


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pod Krakowem", ["1261", "1206"]),
        ("okolice Rzeszowa", ["1863", "1816"]),
        ("w okolicach Tarnowa, mąż mnie bije", ["1263", "1216"]),
        ("near Torun please help", ["0463", "0415"]),
        ("koło Wrocławia", ["0264", "0223"]),
        # No land powiat is seated in Warsaw: the seven around it.
        ("pod Warszawą", ["1465", "1408", "1412", "1417", "1418", "1421", "1432", "1434"]),
    ],
)
def test_near_a_city_with_powiat_rights_asks_the_city_or_the_powiat_around_it(
    text: str, expected: list[str]
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous"
    assert powiats(resolution) == expected
    assert [c.kind for c in resolution.candidates][:2] == ["city", "powiat"]


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        # A city among cities only: near it is another city, and the city is the answer.
        ("near Swietochlowice please help", "2476"),
        # Near a town without powiat rights: its powiat.
        ("koło Pruszkowa", "1421"),
        # The place named beside "near the city" is where the resident is.
        ("mieszkam pod Krakowem, w Skawinie", "1206"),
        ("wieś koło Wrocławia, gmina Kobierzyce", "0223"),
        ("koło Płocka, wieś Radzanowo", "1419"),
        ("pod Poznaniem, Swarzędz", "3021"),
    ],
)
def test_near_a_town_or_with_the_place_named_there_is_one_answer(text: str, powiat: str) -> None:
    assert_match(text, powiat)


# --- issue 14 item 2: Cyrillic typos, Russian undeclined names, romanised Ukrainian ------------


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        # One letter too many, left out or swapped inside the Cyrillic word.
        ("у Гливциях", "2466"),
        ("Келльце", "2661"),
        ("в Ченстоххове", "2464"),
        # Consonants softened before the ending (г → з), nasal "ię", Russian initial "je".
        ("у Ельблонзі", "2861"),
        ("Освенцим", "1213"),
        ("Еленя-Гура", "0261"),
        # Russian leaves the name or its adjective undeclined.
        ("в Хойнице", "2202"),
        ("я живу в Гожуве-Велькопольски", "0861"),
        # "krz" heard as "кш"; old exonyms write "ie" as и and "rz" as р.
        ("у Островці-Свентокшиському", "2607"),
        ("у Сандомирі", "2609"),
        # A word read as written keeps its case: the genitive of Tarnów, not a village Tarnowa.
        ("з Тарнова", "1263"),
    ],
)
def test_cyrillic_typos_and_spellings_of_whole_towns_resolve(text: str, powiat: str) -> None:
    assert_match(text, powiat, lang="uk")


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        # A corrected short word is confirmed, not assumed.
        ("Гидня", "2262"),
        # A village spelt exactly, a town one letter away: asked, never matched.
        ("з Хома", "1207"),
    ],
)
def test_a_cyrillic_guess_is_confirmed_by_asking(text: str, powiat: str) -> None:
    resolution = resolve_place(text, "uk")
    assert resolution.status == "ambiguous", resolution
    assert powiat in powiats(resolution)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Zelena hura", "0862"),
        ("Riashiv", "1863"),
        ("u radomi", "1463"),
        ("Novyi sonch", "1262"),
        ("Bilostok", "2061"),
        ("u bilii pidliaskii", "0661"),
    ],
)
def test_romanised_ukrainian_without_tell_tale_letters_resolves_for_ukrainian_speakers(
    text: str, powiat: str
) -> None:
    assert_match(text, powiat, lang="uk")


def test_polish_text_is_not_reread_as_romanised_ukrainian() -> None:
    # A misspelt village in Polish must not become Warsaw's Wola through a Ukrainian reading.
    assert resolve_place("mieszkam w Wolej Idzikowskiej", "pl").status == "none"
    assert resolve_place("Paris", "uk").status == "none"


def test_an_ordinary_word_with_its_last_diacritic_left_out_needs_place_evidence() -> None:
    # "w sobote" is on Saturday (sobotę), not the village Sobota; "chodzic" is chodzić.
    assert resolve_place("pochowalismy tate w sobote, teraz cisza").status == "none"
    assert resolve_place("syn nie chce chodzic do szkoly", not_places={"szkoly"}).status == "none"
    # A misspelt part of a multi-word name is still read as one.
    assert_match("Podkowa Lsna", "1405")


def test_living_near_a_town_is_place_evidence_for_an_ordinary_word() -> None:
    assert_match("szukam odwyku dla ojca w okolicach brzegu", "1601")


def test_a_lower_case_word_one_typo_from_a_name_needs_the_message_to_point_at_it() -> None:
    # "ciagly" (ciągły) is not the village Ciągłe, "wrazenie" (wrażenie) not Września.
    assert resolve_place("ciagly stres w pracy, placze codziennie").status == "none"
    assert resolve_place("mam wrazenie ze ktos mnie obserwuje").status == "none"
    # After a preposition, alone or with a capital a misspelt town is still read.
    assert_match("jestem w wrzesni", "3030")
    assert_match("krakuw", "1261")


def test_an_ordinary_word_missing_both_end_diacritics_is_no_village() -> None:
    # "spie" is śpię, not the village Spie; the town named in its own clause wins.
    assert_match("od tygodni spie po 3 godziny, Łowicz", "1005")


def test_ze_without_its_diacritic_is_that_not_a_preposition_before_a_misspelt_name() -> None:
    # "że roześle" (that he will send out), not a misspelt Orzesze.
    assert resolve_place("brat mnie szantazuje ze rozesle moje nagrania").status == "none"


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("truskawiec", "1011"),
        ("w nowogródku", "0415"),
        ("Nowogródek", "0415"),
        ("w Pińsku", "0410"),
    ],
)
def test_a_village_named_like_a_well_known_city_abroad_is_asked_never_matched(
    text: str, powiat: str
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", resolution
    assert [c.powiat for c in resolution.candidates] == [powiat]


def test_the_village_named_like_a_city_abroad_matches_when_the_message_says_where() -> None:
    resolution = resolve_place("Nowogródek koło Torunia")
    assert (resolution.status, resolution.candidates[0].powiat) == ("match", "0415")
