"""Cyrillic and romanised Ukrainian place names: the rules of directory/cyrillic.py, through the
resolver, with our own examples (not the evaluation rows)."""

from __future__ import annotations

import pytest

from directory.cyrillic import romanise
from directory.places import place_index, resolve_place
from tests.directory.place_checks import assert_match as check_match
from tests.directory.place_checks import powiats


def assert_match(text: str, powiat: str, lang: str = "uk") -> None:
    check_match(text, powiat, lang)


@pytest.mark.parametrize(
    "text",
    [
        "Мінськ",  # not Mińsk Mazowiecki
        "я з Мінська",
        "в Минске",
        "Миколаїв",  # not the villages Mikołajów
        "з Миколаєва",
        "Николаев",
        "Ірпінь",  # not Rypin
        "Пінськ",  # not Pieńsk
        "Хмельницький",  # not Chmielnik
        "Калуш",  # not Kalisz
        "Біла Церква",  # not Biała
        "з Кривого Рогу",
        "Лиман",  # not Limanowa
        "Ковель, Волинь",  # Volhynia, not Wolin
        "я з Волині",
    ],
)
def test_cities_of_ukraine_and_belarus_are_never_polish_places(text: str) -> None:
    resolution = resolve_place(text, "uk")
    assert resolution.status == "none", (text, resolution)


def test_the_polish_town_named_like_a_city_abroad_is_still_found_with_its_qualifier() -> None:
    assert_match("Мінськ Мазовецький", "1412")
    assert_match("у Мінську-Мазовецькому", "1412")


def test_where_the_resident_is_beats_the_city_abroad_they_came_from() -> None:
    assert_match("я з Харкова, тепер живу в Ополі", "1661")
    assert_match("ми з Бучі, зараз у Любліні", "0663")


def test_city_abroad_is_reported_so_that_it_is_never_read_as_a_place() -> None:
    assert romanise("я з Мінська", place_index()).abroad == frozenset({"minsk"})


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("я сейчас в Сталёвой-Воле", "1818"),  # each part of the name declined
        ("из Сталёвой-Воли", "1818"),
        ("живу в Ястшембе-Здруї", "2467"),
        ("из Ястшембе-Здруя", "2467"),
    ],
)
def test_hyphenated_names_are_read_part_by_part(text: str, powiat: str) -> None:
    assert_match(text, powiat)


def test_a_hyphen_a_typo_moved_keeps_the_word_whole() -> None:
    assert_match("из Елен-яГуры", "0261", "ru")
    assert_match("из еленя-гуры", "0261", "ru")


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("у Білгораї", "0602"),  # й + і
        ("в Билгорае", "0602"),  # й + е
        ("з Любачева", "1809"),  # -ева for -owa
        ("з Переворська", "1814"),  # пере- for prze-
        ("Августів", "2001"),  # ав for au
    ],
)
def test_ukrainian_spelling_rules_lead_back_to_the_polish_name(text: str, powiat: str) -> None:
    assert_match(text, powiat)


def test_ą_after_a_soft_consonant_is_read_from_ьо_and_ё() -> None:
    for text in ("у Грудзьондзі", "в Грудзёндзе"):
        assert_match(text, "0462")


def test_a_bare_name_asks_like_the_polish_one_rather_than_reading_a_case_form() -> None:
    resolution = resolve_place("Скерневиці", "uk")
    assert resolution.status == "ambiguous"
    assert set(powiats(resolution)) == {"1063", "1015"}


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("ya z kutna, dopomozhit", "1002"),  # a town after "z" in a romanised sentence
        ("ia zaraz u nysi", "1607"),  # the town, not the Polish word "nysa"
        ("ya zhyvu v meltsi", "1811"),  # "zhyvu" is "mieszkam"
        ("u kendzezhyni-kozli", "1603"),  # both parts of a hyphenated name
        ("u zghezhi", "1020"),  # зг written "zgh"
        ("ya zhyvu v iastshembe-zdrui", "2467"),  # тш written "tsh"
        ("Hrudzondz", "0462"),  # a soft sign the romanisation dropped
        ("z hdanska", "2261"),  # Gdańsk, not the typo-near Hańsk
    ],
)
def test_romanised_ukrainian_is_read_like_the_cyrillic(text: str, powiat: str) -> None:
    resolution = resolve_place(text, "uk")
    assert powiat in powiats(resolution), (text, resolution)
    assert resolution.status in {"match", "ambiguous"}
    if text != "Hrudzondz":  # a bare city with a rural gmina of its name asks
        assert resolution.status == "match", (text, resolution)


@pytest.mark.parametrize(
    ("text", "around"),
    [
        ("недалеко від Любліна", "0609"),
        ("недалеко от Люблина", "0609"),
        ("bilia Krakova", "1206"),
    ],
)
def test_near_a_city_in_ukrainian_or_russian_asks_like_the_polish_form(
    text: str, around: str
) -> None:
    resolution = resolve_place(text, "uk")
    assert resolution.status == "ambiguous", (text, resolution)
    assert around in powiats(resolution)


def test_a_ukrainian_word_after_a_preposition_that_names_no_town_is_no_place() -> None:
    assert resolve_place("я в лікарні", "uk").status == "none"


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("я живу в Ополн", "1661"),  # і typed as the key beside it
        ("з Кошадіна", "3261"),  # л typed as д
    ],
)
def test_a_letter_typed_in_place_of_its_neighbour_is_corrected(text: str, powiat: str) -> None:
    resolution = resolve_place(text, "uk")
    assert powiat in powiats(resolution), (text, resolution)


@pytest.mark.parametrize(("text", "powiat"), [("Ряшіів", "1863"), ("у Перемишді", "1862")])
def test_a_typo_in_an_exonym_is_corrected_to_the_exonym(text: str, powiat: str) -> None:
    assert_match(text, powiat)


@pytest.mark.parametrize(
    "text",
    [
        "Біла Підлчська",  # not the town Biała
        "Зелён-Гура",  # not the town Góra
        "з Ястшембе-Здоря",  # not the village Jastrzębie
        "я живу у Новому Соечі",  # not the town Nowe
    ],
)
def test_one_word_of_a_misspelt_name_read_alone_is_only_asked(text: str) -> None:
    assert resolve_place(text, "uk").status != "match"


def test_a_bare_word_read_only_as_a_case_form_is_asked() -> None:
    # "Олесния" (Oleśnica, a letter dropped) reads as Oleśnie, a case form of Olesno.
    assert resolve_place("Олесния", "uk").status == "ambiguous"


def test_a_powiat_guessed_from_a_misspelt_city_is_asked() -> None:
    # "у Легницці": one letter too many reads as legnicki (the powiat), or Legnica.
    assert resolve_place("я живу у Легницці", "uk").status == "ambiguous"


def test_a_place_guessed_from_a_misspelling_does_not_narrow_where_the_resident_is() -> None:
    # "Кременця" (Kremenets) reads as a guessed Polish village; Tarnów stays the city.
    assert_match("ми приїхали з Кременця, зараз у Тарнові", "1263")


@pytest.mark.parametrize(
    ("text", "powiat"), [("Водзислав-Слёнски", "2415"), ("в Пекарах-Слёнских", "2471")]
)
def test_russian_слён_is_polish_śląsk(text: str, powiat: str) -> None:
    assert_match(text, powiat, "ru")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("я живу під Любліном", "uk"),
        ("рядом с Люблином", "ru"),
        ("в окрестностях Люблина", "ru"),
        ("у передмісті Любліна", "uk"),
        ("в пригороді Любліна", "uk"),
    ],
)
def test_more_ways_of_saying_near_a_city_in_cyrillic_ask_the_city_or_the_powiat(
    text: str, lang: str
) -> None:
    resolution = resolve_place(text, lang)
    assert resolution.status == "ambiguous", (text, resolution)
    assert [c.powiat for c in resolution.candidates][:2] == ["0663", "0609"]


def test_a_city_after_pod_is_not_a_village_whose_case_form_it_spells() -> None:
    # "Щецином" spelt as written is "szczecinom", the dative of the village Szczeciny.
    resolution = resolve_place("мы живём под Щецином", "ru")
    assert resolution.status == "ambiguous"
    assert "3262" in [c.powiat for c in resolution.candidates]


def test_lesko_in_its_ukrainian_name_and_old_romanised_one() -> None:
    for text in ("я живу в Ліську", "Лісько", "u Lisku"):
        resolution = resolve_place(text, "uk")
        assert (resolution.status, resolution.candidates[0].powiat) == ("match", "1821"), text


def test_russian_typed_with_e_for_yo_in_silesian_names() -> None:
    resolution = resolve_place("мы в Пекарах-Сленских", "ru")
    assert (resolution.status, resolution.candidates[0].powiat) == ("match", "2471")


def test_a_romanised_two_word_name_beats_one_of_its_words_read_alone() -> None:
    # "Nova" alone could be the town Nowe; the two words are Nowa Ruda.
    resolution = resolve_place("Nova Ruda", "uk")
    assert (resolution.status, resolution.candidates[0].powiat) == ("match", "0208")


def test_a_capitalised_city_word_inside_a_name_continues_the_name() -> None:
    # "Новому" alone reads as the town Nowe; "Місті" with a capital continues the name, whose
    # Polish word is "Miasto" (round 4: read, no longer only asked).
    assert_match("ми зараз у Новому Місті Любавському", "2812")
    assert resolve_place("у Новому Місті", "uk").status == "ambiguous"  # which Nowe Miasto
    assert_match("я живу в Кракові. Місто велике", "1261")


def test_poriad_z_is_near() -> None:
    resolution = resolve_place("поряд з Любліном", "uk")
    assert resolution.status == "ambiguous"
    assert [c.powiat for c in resolution.candidates][:2] == ["0663", "0609"]


def test_peredmistia_is_near() -> None:
    resolution = resolve_place("передмістя Любліна", "uk")
    assert [c.powiat for c in resolution.candidates][:2] == ["0663", "0609"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Люблін та околиці", "uk"),
        ("30 км від Любліна", "uk"),
        ("в 20 км от Люблина", "ru"),
        ("рядом с городом Люблин", "ru"),
    ],
)
def test_surroundings_distances_and_the_word_city_in_cyrillic(text: str, lang: str) -> None:
    resolution = resolve_place(text, lang)
    assert resolution.status == "ambiguous", (text, resolution)
    assert [c.powiat for c in resolution.candidates][:2] == ["0663", "0609"]


@pytest.mark.parametrize(
    ("text", "powiat"),
    [("у Любліні", "0663"), ("у Люблiнi", "0663"), ("в Гданьскy", "2261"), ("в Kракові", "1261")],
)
def test_latin_look_alike_letters_typed_into_a_cyrillic_word(text: str, powiat: str) -> None:
    resolution = resolve_place(text, "uk")
    assert (resolution.status, resolution.candidates[0].powiat) == ("match", powiat)


def test_lviv_with_a_latin_i_is_still_abroad() -> None:
    assert resolve_place("у Львовi", "uk").status == "none"


@pytest.mark.parametrize("text", ["nepodalik Lublina", "nedaleko vid Lublina", "poruch z Lublinom"])
def test_romanised_ukrainian_words_of_nearness(text: str) -> None:
    resolution = resolve_place(text, "uk")
    assert [c.powiat for c in resolution.candidates][:2] == ["0663", "0609"]


def test_romanised_zi_is_from() -> None:
    resolution = resolve_place("ya zi Svidnyka", "uk")
    assert (resolution.status, resolution.candidates[0].powiat) == ("match", "0617")


@pytest.mark.parametrize(
    ("text", "powiat", "lang"),
    [
        ("в Голенюве", "3204", "ru"),  # ю for Polish "ió": Goleniów
        ("в Паенчно", "1009", "ru"),  # е after a vowel is "je": Pajęczno
        ("Радзеюв", "0411", "uk"),  # ю after a vowel is "jó": Radziejów
        ("Устрики Долішні", "1801", "uk"),  # Долішні is Dolne
        ("в Устриках Дольных", "1801", "ru"),
        ("у Тарновських Горах", "2413", "uk"),  # a plural adjective's -их
        ("Bielsk-Podlyaski", "2003", "ru"),  # ля is Polish "la"
        ("Kamenna Gura", "0207", "ru"),  # Russian speakers romanise too
    ],
)
def test_spellings_ukrainian_and_russian_writers_use(text: str, powiat: str, lang: str) -> None:
    assert_match(text, powiat, lang)


def test_v_raioni_before_a_town_is_its_area_and_after_an_adjective_the_powiat() -> None:
    assert_match("в районі Кротошина", "3012")
    resolution = resolve_place("в Олецькому районі", "uk")
    assert resolution.status == "match"
    assert resolution.candidates[0].kind == "powiat"


@pytest.mark.parametrize(
    "text",
    [
        "із Червонограда",
        "з Сокаля",
        "я з Яворова",
        "из Золочева",
        "в Трускавце",
        "з Рави-Руської",
        "у Кам’янці-Подільському",
        "з Коростеня",
        "з Вишгорода",
        "з Чорткова",
        "з Любомля",
    ],
)
def test_towns_of_western_ukraine_spelt_like_polish_villages_are_abroad(text: str) -> None:
    assert resolve_place(text, "uk").status == "none"


@pytest.mark.parametrize(
    ("text", "powiat", "lang"),
    [
        ("з Нового Міста Любавського", "2812", "uk"),
        ("Нове Місто Любавське", "2812", "uk"),
        ("у Новому Місті над Пилицею", "1406", "uk"),  # not the town Nowe
        ("в Новом Мясте над Пилицей", "1406", "ru"),
        ("Nove Misto Lubavske", "2812", "uk"),  # romanised: not Nowe Miasteczko
    ],
)
def test_misto_with_a_capital_inside_a_name_is_polish_miasto(
    text: str, powiat: str, lang: str
) -> None:
    assert_match(text, powiat, lang)


def test_nad_before_a_lower_case_word_names_no_river_town() -> None:
    assert resolve_place("живу над морем", "uk").status == "none"


def test_a_polish_town_in_its_own_ukrainian_spelling_is_not_the_city_abroad_like_it() -> None:
    # Вишгород (Ukraine) is abroad; Wyszogród and Chmielnik as Ukrainians spell them are not.
    assert_match("в Вышогроде", "1419", "ru")
    assert_match("живу в Хмельнику", "2604")


@pytest.mark.parametrize(
    "text", ["під самою Варшавою", "под самой Варшавой", "в районі Варшави", "v raioni Varshavy"]
)
def test_sam_and_v_raioni_before_a_city_are_near_it(text: str) -> None:
    resolution = resolve_place(text, "uk")
    assert resolution.status == "ambiguous", resolution
    assert {"1465", "1432"} <= set(powiats(resolution))  # Warszawa, warszawski zachodni


@pytest.mark.parametrize(
    "text",
    [
        "із Ярославля",  # Yaroslavl, not Jarosław (Ярослав)
        "я з Рязані",  # Ryazan, not Różan (Ружан)
        "в Нижнем Новгороде",
        "живу в Пермі",
        "из Калуги",
        "з Перемишлян",  # not Przemyśl
        "в Слуцке",
        "з Краснограда",
        "у Любешові",
        "з Новогрудка",
        "у Новій Каховці",
        "в Орле",
        "з Гусятина",  # was confidently Gostyń (a typo corrected)
        "у Яремчі",  # was confidently Recz
        "з Іваничів",  # was confidently Iwonicz-Zdrój
    ],
)
def test_larger_cities_of_russia_ukraine_and_belarus_are_abroad(text: str) -> None:
    assert resolve_place(text, "uk").status == "none"


@pytest.mark.parametrize(
    ("text", "place"),
    [("з Ярослава", "Jarosław"), ("у Ружані", "Różan"), ("Новогруд", "Nowogród")],
)
def test_polish_towns_spelt_as_ukrainians_spell_them_are_not_the_cities_abroad(
    text: str, place: str
) -> None:
    resolution = resolve_place(text, "uk")
    assert resolution.status == "match", resolution
    assert resolution.candidates[0].place_name == place


def test_shcha_may_stand_for_polish_sci_where_no_szcz_name_fits() -> None:
    assert_match("з Щинави", "0211")  # Ścinawa
    assert_match("з Щецина", "3262")  # Szczecin still first


@pytest.mark.parametrize("text", ["у Паєнчні", "Pajenczno", "z Paienchna"])
def test_ye_before_n_and_a_consonant_is_a_polish_nasal(text: str) -> None:
    assert_match(text, "1009")  # Pajęczno


@pytest.mark.parametrize("text", ["Кливице", "Фроцлав"])
def test_a_name_corrected_at_its_first_letter_is_asked_not_answered(text: str) -> None:
    # A place abroad is likelier than a typo in the first letter ("Яремче" was Recz).
    resolution = resolve_place(text, "uk")
    assert resolution.status == "ambiguous", resolution


def test_an_initial_iotated_vowel_read_with_j_is_no_corrected_first_letter() -> None:
    assert_match("Еленя-Гура", "0261")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Russian romanised: "и" and the soft sign are lost in Latin letters (not the town Pieńsk).
        ("v Pinske", "ru"),
        ("Rava-Ruska", "uk"),
        ("з Білгорода-Дністровського", "uk"),
        ("у Навагрудку", "uk"),
    ],
)
def test_cities_abroad_romanised_or_in_two_declined_words_are_none(text: str, lang: str) -> None:
    resolution = resolve_place(text, lang)
    assert resolution.status == "none", (text, resolution)


@pytest.mark.parametrize(
    ("text", "powiat"),
    [
        ("Олександрув-Куявський", "0401"),
        ("Oleksandruv-Kuiavskyi", "0401"),
        ("в Олександруві-Куявському", "0401"),
        ("Олександрів-Лодзький", "1020"),
    ],
)
def test_ukrainian_oleksandr_is_polish_aleksander(text: str, powiat: str) -> None:
    resolution = resolve_place(text, "uk")
    assert (resolution.status, resolution.candidates[0].powiat) == ("match", powiat)


def test_the_ukrainian_city_oleksandriia_is_still_abroad() -> None:
    assert resolve_place("з Олександрії", "uk").status == "none"


def test_wolin_is_still_wolin_beside_volhynia_which_is_abroad() -> None:
    assert_match("Волін", "3207")
    assert_match("у Воліні", "3207")
