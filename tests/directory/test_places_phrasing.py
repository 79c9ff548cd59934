"""Place resolution: how Poles write town names, "near" and gminas (issue 14, second round),
with our own examples (not the evaluation rows)."""

from __future__ import annotations

import pytest

from directory.places import resolve_place
from tests.directory.place_checks import assert_match, powiats


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Piotrków Tryb.", "1062"),
        ("Głogów Młp", "1816"),
        ("Krosno Odrz.", "0802"),  # not the city Krosno
        ("Nowe Miasto Lub.", "2812"),  # not the village Nowe Miasto
        ("Strzelce Opol.", "1611"),
        ("Strzelce Kraj.", "0806"),
        ("Skarżysko-Kam.", "2610"),
        ("Kędzierzyn-K.", "1603"),
        ("Lądek Zdr.", "0208"),
        ("w Piotrkowie Tryb.", "1062"),
        ("z Dąbrowy Górn.", "2465"),
    ],
)
def test_a_town_with_its_last_word_abbreviated_is_that_town(text: str, powiat: str) -> None:
    assert_match(text, powiat)


def test_a_word_after_a_city_that_abbreviates_no_town_leaves_the_city() -> None:
    assert_match("mieszkam w Krakowie sama", "1261")
    assert_match("w Nowym Sączu mam problem", "1262")


@pytest.mark.parametrize(
    "text",
    [
        "near to Lublin",
        "just outside of Lublin",
        "on the outskirts of Lublin",
        "a few km from Lublin",
        "I live 20 minutes from Lublin",
        "przy Lublinie",
        "pod samym Lublinem",
        "20 km od Lublina",
        "parę kilometrów od Lublina",
        "niedaleko od Lublina",
        "na przedmieściach Lublina",
    ],
)
def test_every_way_of_saying_near_a_city_asks_the_city_or_the_powiat_around(text: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", (text, resolution)
    assert powiats(resolution)[:2] == ["0663", "0609"]


def test_near_a_name_shared_by_a_city_and_a_town_offers_the_powiat_around_the_city() -> None:
    resolution = resolve_place("pod Olsztynem")
    assert resolution.status == "ambiguous"
    assert {"2862", "2814", "2404"} <= set(powiats(resolution))


@pytest.mark.parametrize(
    "text", ["gmina wiejska Chełm", "w gminie wiejskiej Chełm", "gmina miejsko-wiejska Chełm"]
)
def test_a_rural_gmina_said_so_is_the_gmina(text: str) -> None:
    assert_match(text, "0603")


def test_after_gmina_a_rural_gmina_beats_the_city_with_powiat_rights_of_that_name() -> None:
    assert_match("gmina Leszno", "1432")  # near Warsaw, not the city Leszno
    assert_match("gm. Lublin", "0663")  # no rural gmina of that name: the city


def test_the_tricity_may_be_written_with_a_digit() -> None:
    for text in ("3miasto", "w 3mieście", "3-city"):
        resolution = resolve_place(text)
        assert resolution.status == "ambiguous", text
        assert set(powiats(resolution)) == {"2261", "2262", "2264"}


def test_a_digit_elsewhere_names_no_place() -> None:
    assert resolve_place("mam 3 dzieci").status == "none"


def test_gop_asks_among_the_cities_of_the_upper_silesian_industrial_region() -> None:
    resolution = resolve_place("mieszkam na terenie GOP-u")
    assert resolution.status == "ambiguous"
    # Encyklopedia PWN's 14 cities (Będzin and Czeladź are both in powiat będziński, 2401).
    gop = {"2401", "2462", "2463", "2465", "2466", "2469", "2470", "2472", "2474", "2475"}
    gop |= {"2476", "2477", "2478"}
    assert len(resolution.candidates) >= 2
    assert set(powiats(resolution)) <= gop


def test_the_capital_is_warsaw_unless_it_is_said_whose_capital_it_is() -> None:
    assert_match("mieszkam w stolicy, pomocy", "1465")
    assert "1465" not in powiats(resolve_place("w stolicy Podlasia"))
    assert resolve_place("stolica województwa").status == "none"


def test_where_the_resident_is_beats_the_city_abroad_they_came_from() -> None:
    assert_match("z Kijowa, teraz w Lublinie", "0663")


def test_near_a_city_whose_name_begins_like_a_village_part_is_near_the_city() -> None:
    # SIMC has a village part "Pod Dąbrową"; "pod Dąbrową Górniczą" is near the city.
    resolution = resolve_place("mieszkam pod Dąbrową Górniczą")
    assert resolution.status == "ambiguous"
    assert powiats(resolution)[0] == "2465"


@pytest.mark.parametrize("text", ["w Niemczech", "na Ukrainie", "w Czechach", "na Węgrzech"])
def test_a_country_abroad_is_no_polish_village_of_its_name(text: str) -> None:
    assert resolve_place(text).status == "none"


@pytest.mark.parametrize(
    ("text", "powiat"), [("w Piwnicznej", "1210"), ("w Rucianem", "2816"), ("z Rucianego", "2816")]
)
def test_the_short_form_of_a_hyphenated_town_declines_as_the_adjective_it_is(
    text: str, powiat: str
) -> None:
    assert_match(text, powiat)


def test_w_pradze_is_prague_and_na_pradze_the_warsaw_district() -> None:
    assert resolve_place("w Pradze").status == "none"
    assert resolve_place("in Prague").status == "none"
    assert_match("na Pradze", "1465")


# Issue 14, third round.


@pytest.mark.parametrize(
    "text",
    [
        "tuż za Lublinem",
        "zaraz za Lublinem mieszkam",
        "5 km za Lublinem",
        "w rejonie Lublina",
        "not far from Lublin",
        "a short drive from Lublin",
        "Lublin area",
        "the Lublin region",
        "niedaleko miasta Lublin",
        "near the city of Lublin",
        "mieszkam w małej wsi pod Lublinem",
        "w jakiejś wiosce koło Lublina",
    ],
)
def test_more_ways_of_saying_near_a_city_ask_the_city_or_the_powiat_around(text: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", (text, resolution)
    assert powiats(resolution)[:2] == ["0663", "0609"]


def test_a_village_named_with_capitals_near_a_town_stays_a_name() -> None:
    resolution = resolve_place("mieszkam w Małej Wsi koło Grójca")
    assert resolution.status == "ambiguous"
    assert "1406" in powiats(resolution)  # a Mała Wieś in powiat grójecki


def test_a_settlement_word_without_nearness_is_read_as_before() -> None:
    assert resolve_place("mieszkam w małej wsi").status == "ambiguous"


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Nowe Miasto n/Pilicą", "1406"),
        ("w Nowym Mieście n. Pilicą", "1406"),
        ("Rudnik n. Sanem", "1812"),
        ("N. Sącz", "1262"),
        ("w St. Sączu", "1210"),
        ("Tarnowskie G.", "2413"),
    ],
)
def test_nad_and_a_first_or_last_word_abbreviated_name_the_town(text: str, powiat: str) -> None:
    assert_match(text, powiat)


def test_one_letter_after_a_city_that_abbreviates_no_single_town_leaves_the_city() -> None:
    assert_match("w Poznaniu p", "3064")


@pytest.mark.parametrize("text", ["pod Drohobyczem", "niedaleko Winnicy", "z Tarnopola"])
def test_near_or_from_a_city_abroad_in_its_polish_name_is_no_polish_place(text: str) -> None:
    assert resolve_place(text).status == "none"


def test_a_village_named_like_a_city_abroad_is_that_village_where_the_message_says_so() -> None:
    assert_match("w Winnicy koło Pułtuska", "1424")
    assert resolve_place("w Równem").status == "ambiguous"  # the Polish villages, asked


@pytest.mark.parametrize(
    "text",
    [
        "w podlubelskiej wsi",
        "podlubelskie miasteczko",
        "mieszkam w podlubelskiej miejscowości",
        "in the vicinity of Lublin",
        "on the edge of Lublin",
        "kawałek za Lublinem",
        "kawałek od Lublina",
        "w sąsiedztwie Lublina",
        "mieszkamy za miastem, pod Lublinem",
    ],
)
def test_near_a_city_in_an_adjective_and_more_phrasings(text: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", (text, resolution)
    assert powiats(resolution)[:2] == ["0663", "0609"]


@pytest.mark.parametrize(
    ("text", "city"),
    [("podwarszawska wieś", "1465"), ("podgdański", "2261"), ("podbiałostocka gmina", "2061")],
)
def test_the_adjective_comes_from_the_city_or_the_land_powiat_seated_in_it(
    text: str, city: str
) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", (text, resolution)
    assert powiats(resolution)[0] == city


def test_podlaska_is_the_region_and_podkowa_a_town_not_near_a_city() -> None:
    # The voivodeship's powiats, not Białystok and the powiat around it.
    region = powiats(resolve_place("podlaska wieś"))
    assert len(region) > 2
    assert all(code.startswith("20") for code in region)
    assert resolve_place("podkowa leśna").status == "match"


def test_m_st_is_the_capital_city_not_stara() -> None:
    assert_match("m.st. Warszawa", "1465")
    assert_match("Urząd m. st. Warszawy", "1465")


@pytest.mark.parametrize(
    "text",
    [
        "suburbs of Lublin",
        "Lublin metro area",
        "Lublin i okolice",
        "w aglomeracji lubelskiej",
        "aglomeracja lubelska",
    ],
)
def test_the_area_around_a_city_after_its_name_or_as_an_agglomeration(text: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", (text, resolution)
    assert powiats(resolution)[:2] == ["0663", "0609"]


def test_the_city_and_around_it_with_the_town_named_is_the_town() -> None:
    # Not Świdniki: "okolice" before the comma does not put "Świdnik" in the genitive.
    assert_match("Lublin i okolice, Świdnik", "0617")
    assert_match("okolice, Świdnik", "0617")


def test_surroundings_after_a_city_at_the_end_of_the_message() -> None:
    resolution = resolve_place("Lublin okolice")
    assert powiats(resolution)[:2] == ["0663", "0609"]
    assert_match("Lublin pod", "0663")  # only words for surroundings, not prepositions


@pytest.mark.parametrize(
    ("text", "powiat"),
    [("Piotrków", "1062"), ("w Piotrkowie", "1062"), ("w Dąbrowie", "2465"), ("Dąbrowa", "1204")],
)
def test_a_town_mostly_called_without_its_qualifier_is_offered(text: str, powiat: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous"  # other towns and villages bear the short name
    assert powiat in powiats(resolution)[:3], (text, resolution)


@pytest.mark.parametrize(
    "text", ["pod samą Łodzią", "tuż pod samiutką Łodzią", "mieszkam pod samym Łodzią"]
)
def test_sam_between_near_and_the_city_still_asks_city_or_powiat_around(text: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", resolution
    assert {"1061", "1006"} <= set(powiats(resolution))


@pytest.mark.parametrize(
    ("text", "powiat"),
    [("w Sz-nie", "3262"), ("z B-stoku", "2061"), ("Cz-wa", "2464"), ("we Wr-wiu", "0264")],
)
def test_a_city_contracted_to_its_first_and_last_letters_is_that_city(
    text: str, powiat: str
) -> None:
    assert_match(text, powiat)


def test_a_contraction_two_cities_fit_asks_between_them() -> None:
    resolution = resolve_place("K-ce")
    assert resolution.status == "ambiguous"
    assert set(powiats(resolution)) == {"2469", "2661"}  # Katowice, Kielce


@pytest.mark.parametrize("text", ["wyślij e-mail", "co-to jest", "sms-a dostałam"])
def test_hyphenated_words_that_contract_no_city_name_no_place(text: str) -> None:
    assert resolve_place(text).status == "none"


@pytest.mark.parametrize("text", ["Stalowa W.", "mieszkam w Stalowej W.", "koło Stalowej W"])
def test_a_one_letter_last_word_after_a_word_no_place_is_named_by_alone(text: str) -> None:
    assert_match(text, "1818")  # Stalowa Wola


@pytest.mark.parametrize(
    ("text", "powiat"),
    [("w Kozim Grodzie", "0663"), ("z grodu Kraka", "1261"), ("w Warszawce", "1465")],
)
def test_nicknames_with_a_recorded_source_name_their_city(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("kolonia pod opolem", "1661"),  # not a village Kolonia
        ("wynajmuje pokoj kolo opola", "1661"),  # the room, not the gmina Pokój
        ("mam pokój pod Poznaniem", "3064"),
        ("mieszkam w malej miejscowosci kolo torunia", "0463"),  # not the village Mała
        ("jestem na osiedlu pod rzeszowem", "1863"),
    ],
)
def test_common_nouns_beside_a_near_city_phrase_are_not_places(text: str, city: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "ambiguous", resolution
    assert powiats(resolution)[0] == city


def test_a_common_noun_with_a_capital_is_still_the_place_near_a_city() -> None:
    # "w Pokoju" with a capital puts the resident in the gmina Pokój.
    assert_match("mieszkam w Pokoju koło Opola", "1606")


def test_a_common_noun_after_a_preposition_names_no_place_far_from_the_city() -> None:
    # The villages Blok are nowhere near Kielce: "w bloku" is a block of flats.
    resolution = resolve_place("mieszkam w bloku koło kielc")
    assert resolution.status == "ambiguous", resolution
    assert powiats(resolution)[0] == "2661"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("a farm near Opole, opolskie", "en"), ("mieszkam pod Opolem, woj. opolskie", "pl")],
)
def test_near_a_city_with_its_voivodeship_still_asks_city_or_powiat_around(
    text: str, lang: str
) -> None:
    resolution = resolve_place(text, lang)
    assert resolution.status == "ambiguous", resolution
    assert powiats(resolution)[:2] == ["1661", "1609"]


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("wynajmuje pokoj pod zakopanem", "1217"),  # near a town: not the gmina Pokój
        ("mam dzialke kolo piaseczna", "1418"),  # działkę: two diacritics left out
        ("mieszkam w chatce w gorach kolo zakopanego", "1217"),  # not the village W Górach
    ],
)
def test_common_nouns_beside_near_a_town_are_not_places(text: str, powiat: str) -> None:
    assert_match(text, powiat)


def test_common_nouns_beside_near_a_city_with_two_diacritics_left_out() -> None:
    resolution = resolve_place("mam dzialke pod lublinem")
    assert resolution.status == "ambiguous", resolution
    assert powiats(resolution)[0] == "0663"


@pytest.mark.parametrize(
    "text", ["w stanisławowie na ukrainie", "z Równego na Ukrainie", "Brest in Belarus"]
)
def test_a_country_abroad_after_the_place_says_it_is_the_city_abroad(text: str) -> None:
    resolution = resolve_place(text)
    assert resolution.status == "none", (text, resolution)
    assert all(c.score <= 30.0 for c in resolution.candidates)


def test_a_country_abroad_elsewhere_in_the_message_leaves_the_place() -> None:
    assert_match("mieszkam w Przemyślu, mąż jest na Ukrainie", "1862")
