"""Polish place names written in Cyrillic (Ukrainian, Russian) or in their Latin transliteration.

Ukrainian and Russian writers spell a Polish name by its sound: rz/ż → ж, sz → ш, cz → ч,
ó → у (Ukrainian also і: Kraków → Краків), ł → л, ę/ą → ен/он, ie → е/є, and they inflect it by
their own grammar ("у Кракові", "в Варшаве", "з Любліна"). Going back is ambiguous letter by
letter (г is g or h, ж is rz or ż, у is u or ó), so `romanise` walks the possible Polish spellings
of each word and keeps those that the place index knows, pruning every spelling that no key
starts with. The result is Latin text that the Polish resolver reads with its own ranking,
homonym and confidence rules. Nothing is added to the index: measured against generating
Cyrillic keys for every locality, this keeps start-up and memory as they were
(docs/measurements.md).

Cyrillic words count as a place only with place evidence — after a preposition or a word such
as "місто"/"гміна", written with a capital, or being the only word with content — so that
"мені дуже погано" is never read as villages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Final, Protocol

from rapidfuzz.distance import OSA

# Whether a folded Latin key exists (0 no, 1 local places only, 2 a town, city or powiat), and
# whether any key starts with a prefix.
KeyProbe = Callable[[str], int]
PrefixProbe = Callable[[str], bool]

_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER: Final = re.compile(r"[A-Za-z]")
# Latin letters that look like Cyrillic ones, typed into a Cyrillic word.
_LOOK_ALIKES: Final = str.maketrans("aceiopxyABCEHIKMOPTXY", "асеіорхуАВСЕНІКМОРТХУ")
_WORD: Final = re.compile(r"[\w'ʼ’\-]+")
_MAX_VARIANTS: Final = 48
_WALK_BUDGET: Final = 400
_MAX_SPAN: Final = 3

# Each Cyrillic letter's Polish spellings (folded: no diacritics), with a cost for the rarer ones.
_LETTERS: Final[dict[str, tuple[tuple[str, int], ...]]] = {
    "а": (("a", 0),),
    "б": (("b", 0),),
    "в": (("w", 0),),
    "г": (("g", 0), ("h", 0)),
    "ґ": (("g", 0),),
    "д": (("d", 0),),
    "е": (("e", 0), ("ie", 0)),
    "є": (("ie", 0), ("je", 0), ("e", 1)),
    "ё": (("io", 0), ("o", 0)),
    "ж": (("rz", 0), ("z", 0)),
    "з": (("z", 0),),
    # Old exonyms write Polish "ie" as и ("Сандомир": Sandomierz).
    "и": (("y", 0), ("i", 0), ("ie", 1)),
    # Ukrainian writes Polish o/ó as і in a closed syllable (Kraków → Краків, Sanok → Сянік).
    "і": (("i", 0), ("y", 1), ("o", 1), ("ia", 1), ("ie", 1)),
    "ї": (("ji", 0), ("i", 0)),
    "й": (("j", 0), ("i", 1)),
    "к": (("k", 0),),
    "л": (("l", 0),),
    "м": (("m", 0),),
    "н": (("n", 0),),
    "о": (("o", 0),),
    "п": (("p", 0),),
    # Polish "rz" is written р in old exonyms ("Сандомир", "Казимир").
    "р": (("r", 0), ("rz", 1)),
    "с": (("s", 0),),
    "т": (("t", 0),),
    "у": (("u", 0), ("o", 0)),
    "ф": (("f", 0),),
    "х": (("ch", 0), ("h", 0)),
    "ц": (("c", 0),),
    "ч": (("cz", 0),),
    "ш": (("sz", 0), ("s", 1)),
    # Polish "ści" is also heard as щ ("Щинава": Ścinawa), a costlier reading.
    "щ": (("szcz", 0), ("sc", 1)),
    "ъ": (("", 0),),
    "ы": (("y", 0),),
    "ь": (("", 0), ("i", 1)),
    "э": (("e", 0),),
    # Polish "ió" after a soft consonant is ю too ("Дзержонюв": Dzierżoniów).
    "ю": (("iu", 0), ("ju", 0), ("u", 0), ("io", 1)),
    "я": (("ia", 0), ("ja", 0), ("a", 1)),
    "'": (("", 0),),
    "ʼ": (("", 0),),
    "’": (("", 0),),
    "-": (("-", 0), (" ", 0)),
}
_VOWELS: Final = frozenset("аеєёиіїоуыэюя")
# Polish nasal vowels: ę → ен/ем, ą → он/ом before a consonant ("Częstochowa" → Ченстохова).
# "є" is "ie" or, after a vowel, "je": "Паєнчно" (Pajęczno), "Свєнтно" (Świętno).
_NASALS: Final = {"е": ("e", "ie"), "є": ("ie", "je"), "о": ("a",)}
# Endings of a Polish adjective, for the adjective of a name that Russian leaves undeclined
# ("в Гожуве-Велькопольски": in Gorzów Wielkopolski) or that is spelt with another ending.
_ADJECTIVE_ENDINGS: Final = ("i", "y", "iego", "iemu", "im", "iej", "a", "ie", "ich", "ym", "ej")
_ADJECTIVE_STEMS: Final = ("ськ", "ск", "цьк", "цк")
# Parts of names Ukrainian translates rather than transliterates, and the Cyrillic spelling of
# the Polish part.
_TRANSLATED_STEMS: Final = (
    ("великоп", "велькоп"),
    # Russian is often typed with е for ё: "Руда Сленская" for Руда-Слёнска (Śląska).
    ("сленск", "слёнск"),
    # Ukrainian "Долішні", "Горішні" for Polish Dolne, Górne: Ustrzyki Dolne is "Устрики
    # Долішні" in Ukrainian, "Устрики Дольные" in Russian (https://pl.wikipedia.org/wiki/
    # Ustrzyki_Dolne; https://en.wikipedia.org/wiki/Ustrzyki_Dolne).
    ("долішн", "дольн"),
    ("горішн", "гурн"),
    # Ukrainian Олександр is Polish Aleksander: "Олександрув-Куявський" is Aleksandrów Kujawski.
    ("олександр", "александр"),
)
# Ukrainian "місто" (town) and its case forms: inside a name, Polish "Miasto".
_CITY_WORD: Final = re.compile(r"^міст(о|і|а|ом|у)$")
# Ukrainian and Russian soften a stem's last consonant before -і/-е ("Прага" → "у Празі",
# "Ельблонг" → "в Ельблонзі"): the Polish stem has the hard one.
_SOFTENED: Final = {"з": "г", "ц": "к", "с": "х"}
# Letters and digraphs a typo may have left out of a word (Polish spelling, folded).
_MISSING: Final = (*"abcdefghijklmnoprstuwyz", "sz", "cz", "rz", "ch", "ie", "-")

# Ukrainian and Russian case endings, and the Polish endings the name may have instead (the
# nominative, or the Polish case form the index also knows). Longest endings are tried first.
_ENDINGS: Final[dict[str, tuple[str, ...]]] = {
    # Adjectives of multi-word names ("Гожув-Велькопольський", "у Новому Сончі").
    "ий": ("y", "i"),
    "ій": ("i", "y", "iej", "ej", "a"),
    "ый": ("y",),
    "ого": ("iego", "ego", "i", "y"),
    # ... and of a neuter name in its nominative ("у Новому Місті": Nowe Miasto).
    "ому": ("im", "ym", "i", "y", "e"),
    "ім": ("im", "i"),
    "ой": ("iej", "ej", "a"),
    "ої": ("iej", "ej", "a"),
    "ою": ("a",),
    "ею": ("a", "ia"),
    "ей": ("a", "e"),
    "ом": ("", "o", "e"),
    "ем": ("", "e", "o"),
    "ах": ("ach", "y", "e", "i"),
    # Plural adjectives of two-word names ("в Устриках-Долішніх": Ustrzyki Dolne).
    "их": ("ych", "ich", "e", "y", "i"),
    "іх": ("ich", "e", "i"),
    "ые": ("e", "y"),
    "ых": ("ych", "e", "y"),
    "ях": ("ach", "e", "i"),
    "ами": ("y", "e", "i"),
    # Ukrainian -ів for Polish -ów (Тарнів, Грубешів).
    "ів": ("ow",),
    "і": ("", "a", "o", "e", "ie", "iu", "y"),
    "и": ("", "a", "y", "e", "i"),
    "е": ("", "a", "o", "u"),
    "у": ("", "a", "o"),
    "ю": ("", "a", "ia"),
    "а": ("", "o", "e"),
    "я": ("", "ia", "e"),
    "ы": ("a", "y", ""),
    # Ukrainian -ева, -еві for Polish -owa, -owie after a soft consonant ("з Любачева").
    "ева": ("owa", "ow"),
    "еві": ("owie", "ow"),
    "евом": ("owem", "ow"),
    "ї": ("",),
    "є": ("",),
}
# After a vowel, these endings follow a stem ending in й ("у Білгораї", "в Здруе": Biłgoraj,
# Zdrój).
_AFTER_J: Final = frozenset(["ї", "є", "я", "ю", "е", "і", "ем"])

# Established exonyms that sound-based spelling does not reach, with their case forms:
# Ukrainian names from the Ukrainian Wikipedia article titles (Білосток, Ряшів, Перемишль, Холм,
# Замостя, Сянік, Зелена Гура), Russian ones from the Russian Wikipedia (Белосток, Перемышль).
_EXONYMS: Final = (
    (re.compile(r"^б[іе]лосто[кц]\w{0,3}$"), "bialystok"),
    (re.compile(r"^ряш[іе]в\w{0,3}$"), "rzeszow"),
    (re.compile(r"^перем[иы]шл[ьяіеюо]\w{0,2}$|^перем[иы]шль$"), "przemysl"),
    (re.compile(r"^холм(а|і|е|у|ом|і)?$"), "chelm"),
    (re.compile(r"^замост(я|і|ю|ям)$"), "zamosc"),
    (re.compile(r"^сян[іо]к(а|у|ом)?$|^сянок\w{0,2}$"), "sanok"),
    # Lesko: Лісько in the Ukrainian Wikipedia; "Lisko" its old Ruthenian name
    # (https://polskaprowincja.pl/index.php/defaultgmina/category/gmina_lesko).
    (re.compile(r"^ліс[ь]?к(о|а|у|ом|ові)$"), "lesko"),
    (re.compile(r"^(зелен(а|ій|ої|у|ою)|зелёна|зелёной)$"), "zielona"),
)

# The exonyms' common forms, for correcting a typo in one ("Ряшіів", "Перемишдь").
_EXONYM_FORMS: Final = {
    **dict.fromkeys(str.split("ряшів ряшева ряшеві ряшевом ряшеве"), "rzeszow"),
    **dict.fromkeys(
        str.split("білосток білостока білостоці белосток белостока белостоке"), "bialystok"
    ),
    **dict.fromkeys(
        str.split("перемишль перемишля перемишлі перемышль перемышля перемышле"), "przemysl"
    ),
    **dict.fromkeys(str.split("замостя замості"), "zamosc"),
    **dict.fromkeys(str.split("сянік сянока сяноку"), "sanok"),
}

# Cities abroad that residents name in Cyrillic, by the Polish name the resolver knows as foreign
# ("у Львові" is Lviv, not the village Liw).
_FOREIGN: Final = (
    (re.compile(r"^льв(ів|ов|ова|ові|ове|ову|овом)$"), "lwow"),
    (re.compile(r"^(київ|києва|києві|києвом|киев|киева|киеве|киевом)$"), "kijow"),
    (re.compile(r"^харк(ів|ова|ові|ов|ове|овом)$"), "charkow"),
    (re.compile(r"^одес(а|и|і|у|ою|са|сы|се|су|сой)$"), "odessa"),
    (re.compile(r"^москв(а|и|і|у|ою|ы|е)$"), "moskwa"),
    (re.compile(r"^вільн(юс|юсі|юса)$|^вильн(юс|юсе|юса)$"), "wilno"),
    (re.compile(r"^житомир(а|і|е|і)?$"), "zytomierz"),
    (re.compile(r"^тернопол?(іль|ь|я|і|е|ю)$"), "tarnopol"),
    (re.compile(r"^(дніпр|днепр)(о|а|і|е)$"), "dnipro"),
    (re.compile(r"^берлін(а|і|е)?$|^берлин(а|е)?$"), "berlin"),
    (re.compile(r"^лондон(а|і|е)?$"), "londyn"),
)


def _listed(words: str) -> list[str]:
    return words.split()


# Prepositions dropped before a name given in the nominative (not "pod"/"kolo": near a place).
_PLAIN_PREPOSITIONS: Final = frozenset({"w", "z", "do", "na"})
# The Polish words near-city prepositions are written as ("під Щецином" → "pod").
_NEAR_WORDS: Final = frozenset({"pod", "kolo", "niedaleko", "okolice"})

# Cyrillic words that introduce a place (mapped to the Polish word the resolver knows).
_PREPOSITIONS: Final = {
    "у": "w",
    "в": "w",
    "во": "w",
    "з": "z",
    "із": "z",
    "зі": "z",
    "зо": "z",
    "из": "z",
    "изо": "z",
    "с": "z",
    "со": "z",
    "до": "do",
    "на": "na",
    "під": "pod",
    "под": "pod",
    "біля": "kolo",
    "коло": "kolo",
    "около": "kolo",
    "возле": "kolo",
    "поблизу": "kolo",
    "недалеко": "niedaleko",
    "неподалік": "kolo",
    "неподалеку": "kolo",
    "рядом": "kolo",
    "поруч": "kolo",
    "поряд": "kolo",
    "близько": "kolo",
    # "недалеко від Кракова": from, after a word of nearness.
    "від": "od",
    # "30 км від Вроцлава": a distance, as in Polish "30 km od Wrocławia".
    "км": "km",
    "кілометрів": "km",
    "километров": "km",
    "од": "od",
    "от": "od",
}
# "в районі Ольштина": in the area of the place named next (near it), not a raion.
_AREA_WORDS: Final = frozenset({"районі", "районе", "раіоні", "раионі", "раіоне"})
_CUES: Final = {
    **dict.fromkeys(
        _listed("село селі селе селища селище селищі деревня деревне поселок посёлок поселке"),
        "wies",
    ),
    **dict.fromkeys(
        _listed(
            """місто місті міста містом містечко містечку город городе города городом городок
            городке"""
        ),
        "miasto",
    ),
    **dict.fromkeys(_listed("гміна гміні гміни гміну гмина гмине гмины гмину"), "gmina"),
    **dict.fromkeys(
        _listed("повіт повіті повіту повят повяте повята повет повете район районі районе"),
        "powiat",
    ),
    **dict.fromkeys(
        _listed("воєводство воєводстві воеводство воеводстве область області области"),
        "wojewodztwo",
    ),
    **dict.fromkeys(
        _listed(
            """околиці околицях околиця окрестности окрестностях передмісті передмістях
            передмістя передмістю
            пригороде пригороді пригородах пригороду предместье предместьях"""
        ),
        "okolice",
    ),
}
# Words around a place that carry no content for finding it ("я живу зараз у …").
_FUNCTION_WORDS: Final = frozenset(
    _listed(
        """я ми мы ти ты він она вона вони они мене меня мені мне нас ми наш мій моє моя мой моя
    живу живемо живем живём живёт живе мешкаю проживаю проживаем зараз тепер тепер сейчас
    теперь тут здесь там знаходжусь знаходжуся перебуваю нахожусь находимся находжусь
    польща польщі польша польше польщу і и й та а але но або или це это є есть
    сам сама самим самою самої самого самій самой самым самом самому самі
    будь ласка пожалуйста привіт привет добрий день вечір"""
    )
)

# Verbs of living and being, as the Polish verbs the resolver takes as evidence of a place.
_RESIDENCE: Final = {
    **dict.fromkeys(
        _listed("живу живемо живем живём мешкаю мешкаємо проживаю проживаємо проживаем"),
        "mieszkam",
    ),
    **dict.fromkeys(
        _listed("знаходжусь знаходжуся перебуваю нахожусь находимся находжусь знаходимося"),
        "jestem",
    ),
}
_APOSTROPHES: Final = str.maketrans("", "", "'’ʼ`")
# Latin transliteration of Ukrainian/Russian back to Cyrillic, longest first ("Krakovi",
# "Vrotslav", "Zhytomyr"); applied only to Latin words the index does not know.
_LATIN_TO_CYRILLIC: Final = (
    ("shch", "щ"),
    # The national romanisation writes зг as "zgh" (so as not to read "zh"), and Polish "trz"
    # comes out as "tsh" (тш), not ц + г.
    ("zgh", "зг"),
    ("tsh", "тш"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("ya", "я"),
    ("yu", "ю"),
    ("ye", "є"),
    ("yi", "ї"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("w", "в"),
    ("h", "г"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("y", "и"),
    ("i", "і"),
    ("j", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("c", "ц"),
    ("x", "кс"),
)
# Inside a word, the national romanisation writes я, ю, є as "ia", "iu", "ie" ("Riashiv").
_SOFT_VOWELS: Final = {"ia": "я", "iu": "ю", "ie": "є"}
_LATIN_MARKERS: Final = re.compile(r"v|kh|zh|sh|ts|ya|yu|ye|yi|[oe]vi$")
_LATIN_PREPOSITIONS: Final = {
    "u": "w",
    "v": "w",
    "vo": "w",
    "iz": "z",
    "zi": "z",
    "pid": "pod",
    "bilya": "kolo",
    "bilia": "kolo",
    "vid": "od",
    # "nedaleko vid Lublina", "nepodalik Lublina", "poruch z", "poriad z": near.
    "nedaleko": "niedaleko",
    "nepodalik": "kolo",
    "poruch": "kolo",
    "poriad": "kolo",
}


@dataclass(frozen=True)
class _Found:
    key: str
    words: int
    rank: int
    cost: int
    # The last word read as written, case ending and all ("Тарнова" → "tarnowa"), rather than
    # with its ending replaced by the nominative's: then the case tells how to read the key.
    written: bool = True
    # Letters corrected for a typo (0 or 1).
    edits: int = 0
    # Another key of a town was as close (a typo that may mean either).
    contested: bool = False


@dataclass(frozen=True)
class Romanised:
    """A text with its Ukrainian/Russian place words in Polish spelling, and which of the
    words are guesses (a typo corrected in a short word, a spelling no place has): places read
    from those are confirmed with the resident."""

    text: str
    guessed: frozenset[str] = frozenset()
    # Cities abroad the text names (in their English spelling): never a Polish place, even
    # where one is spelt so ("Мінськ" is Minsk, not Mińsk Mazowiecki).
    abroad: frozenset[str] = frozenset()


class PlaceKeys(Protocol):
    """What romanising needs from the place index."""

    def key_rank(self, text: str) -> int:
        """0 if no place has `text` as a key, 2 for a town, city or powiat, else 1."""
        ...

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with `prefix`."""
        ...

    def is_nominative(self, text: str) -> bool:
        """Whether `text` is the name itself of some place."""
        ...

    def towns(self, text: str) -> frozenset[str]:
        """The names of the towns, cities, districts and powiats with `text` as a key."""
        ...

    def case_ranks(self, text: str) -> tuple[int, int]:
        """`key_rank` of the places with `text` as their name, and of those with it as a case
        form."""
        ...


# More cities of Ukraine, Belarus and Russia that residents come from, many spelt like Polish
# villages or towns ("Миколаїв" like Mikołajów, "Мінськ" like miński, "Ірпінь" like Rypin):
# "English name: Ukrainian and Russian nominatives / the stems their case endings follow".
# From "yaroslavl" on (issue 14, round 5): larger cities of Russia (Rosstat's cities, as listed
# by ruxpert.ru "Города России"), Ukraine (statisticstimes.com, UN WPP 2019; kartaukrainy.com.ua/en/
# cities) and Belarus, spelt unlike how Polish names are transliterated (Jarosław is Ярослав, Różan
# Ружан, Lubieszów Любешув; not Ярославль, Рязань, Любешів). Left out where a Polish place is
# spelt so (Васильків is also Wasilków, Іваново Iwanowo, Пенза Pęza, Жлобин Żłobin): those ask.
_FOREIGN_CITIES: Final = """
mykolaiv: миколаїв николаев / миколаєв николаев
lyman: лиман / лиман
minsk: мінськ минск / мінськ минск
kherson: херсон / херсон
zaporizhzhia: запоріжжя запорожье / запоріжж запорож
poltava: полтава / полтав
chernihiv: чернігів чернигов / чернігов чернигов
sumy: суми сумы / сум
rivne: рівне ровно / рівн ровн
lutsk: луцьк луцк / луцьк луцк
uzhhorod: ужгород / ужгород
ivano-frankivsk: івано-франківськ ивано-франковск / івано-франківськ ивано-франковск
vinnytsia: вінниця винница / вінниц винниц
cherkasy: черкаси черкассы / черкас черкасс
kryvyi-rih: кривий-ріг кривой-рог / кривому-розі кривого-рогу
mariupol: маріуполь мариуполь / маріупол мариупол
donetsk: донецьк донецк / донецьк донецк
luhansk: луганськ луганск / луганськ луганск
kramatorsk: краматорськ краматорск / краматорськ краматорск
berdiansk: бердянськ бердянск / бердянськ бердянск
melitopol: мелітополь мелитополь / мелітопол мелитопол
kremenchuk: кременчук кременчуг / кременчук кременчуг
khmelnytskyi: хмельницький хмельницкий / хмельницьк хмельницк
chernivtsi: чернівці черновцы / чернівц черновц
bucha: буча / буч
irpin: ірпінь ирпень / ірпен ирпен ірпін
brovary: бровари бровары / бровар
kovel: ковель / ковел
volyn: волинь волынь / волині волыни волинськ волынск
drohobych: дрогобич дрогобыч / дрогобич дрогобыч
stryi: стрий / стри стрию стриї стрия
mukachevo: мукачево мукачів / мукачев
kalush: калуш / калуш
kolomyia: коломия коломыя / коломи коломы
sambir: самбір самбор / самбор
boryslav: борислав / борислав
uman: умань / уман
pavlohrad: павлоград / павлоград
nikopol: нікополь никополь / нікопол никопол
bakhmut: бахмут / бахмут
izium: ізюм изюм / ізюм изюм
sloviansk: слов'янськ славянск словʼянськ слов’янськ / слов'янськ славянск словʼянськ слов’янськ
kropyvnytskyi: кропивницький кропивницкий / кропивницьк кропивницк
kamianske: кам'янське каменское / кам'янськ каменск
bila-tserkva: біла-церква белая-церковь / білій-церкві білої-церкви
nizhyn: ніжин нежин / ніжин нежин
konotop: конотоп / конотоп
shostka: шостка / шостк
okhtyrka: охтирка ахтырка / охтирк ахтырк
lubny: лубни лубны / лубн
sokal: сокаль / сокал
yavoriv: яворів яворов / яворов
zhovkva: жовква жолква / жовкв жолкв
zolochiv: золочів золочев / золочев
chervonohrad: червоноград / червоноград
truskavets: трускавець трускавец / трускавц
berdychiv: бердичів бердичев / бердичев
kamianets-podilskyi: кам'янець-подільський каменец-подольский / кам'янця-подільськ каменца-подольск
kamianets-podilskyi: кам’янець-подільський / кам’янця-подільськ кам’янці-подільськ
kamianets-podilskyi: кам'янці-подільському / кам'янці-подільськ
korosten: коростень / коростен
pokrovsk: покровськ покровск / покровськ покровск
podilsk: подільськ подольск / подільськ подольск
lozova: лозова лозовая / лозов
horlivka: горлівка горловка / горлівк горловк
smila: сміла смела / сміл смел
pryluky: прилуки / прилук
hlukhiv: глухів глухов / глухов
tulchyn: тульчин / тульчин
kalynivka: калинівка калиновка / калинівк калиновк
busk: буськ буск / буськ буск
kremenets: кременець кременец / кременц
dubno: дубно / дубн
ostroh: острог / острог
liuboml: любомль / любомл
kamin-kashyrskyi: камінь-каширський / каменя-каширськ камені-каширськ
sarny: сарни сарны / сарн
varash: вараш / вараш
chortkiv: чортків чортков / чортков
buchach: бучач / бучач
zalishchyky: заліщики залещики / заліщик залещик
bolekhiv: болехів болехов / болехов
kosiv: косів косов / косов
tiachiv: тячів тячев / тячев
berehove: берегове берегово / берегов
vynohradiv: виноградів виноградов / виноградов
maladzechna: молодечно / молодечн
khmilnyk: хмільник / хмільник
vyshhorod: вишгород / вишгород
zviahel: звягель новоград-волинський / звягел новограда-волинськ новограде-волынск
shepetivka: шепетівка шепетовка / шепетівк шепетовк
rava-ruska: рава-руська рава-русская рави-руської / раві-руськ рава-руськ раве-русск рава-русск
bilhorod-dnistrovskyi: білгород-дністровський / білгорода-дністровськ білгороді-дністровськ
bilhorod-dnistrovskyi: белгород-днестровский / белгорода-днестровск белгороде-днестровск
kharkiv-oblast: харківщина харьковщина / харківщин харьковщин
kyiv-oblast: київщина киевщина / київщин киевщин
homel: гомель / гомел
mahiliou: могильов могилёв могилев / могильов могилёв могилев
vitsebsk: вітебськ витебск / вітебськ витебск
brest: брест / брест
babruisk: бобруйськ бобруйск / бобруйськ бобруйск
baranavichy: барановичі барановичи / баранович
barysau: борисов борисів / борисов
pinsk: пінськ пинск / пінськ пинск
orsha: орша / орш
mazyr: мозир мозырь / мозир мозыр
lida: ліда лида / лід лид
salihorsk: солігорськ солигорск / солігорськ солигорск
polatsk: полоцьк полоцк / полоцьк полоцк
slonim: слонім слоним / слонім слоним
kishinev: кишинів кишинев / кишинев кишинів
sankt-peterburg: петербург санкт-петербург / петербург санкт-петербург
kaliningrad: калінінград калининград / калінінград калининград
smolensk: смоленськ смоленск / смоленськ смоленск
bryansk: брянськ брянск / брянськ брянск
kursk: курськ курск / курськ курск
belgorod: бєлгород белгород / бєлгород белгород
voronezh: воронеж / воронеж
krasnodar: краснодар / краснодар
yaroslavl: ярославль / ярославл
nizhny-novgorod: нижній-новгород нижний-новгород / нижньому-новгороді нижнем-новгороде
nizhny-novgorod: нижнього-новгорода / нижнего-новгорода
veliky-novgorod: новгород великий-новгород / новгород
kazan: казань / казан
samara: самара / самар
saratov: саратов / саратов
volgograd: волгоград / волгоград
rostov: ростов ростов-на-дону / ростов ростові-на-дону ростове-на-дону
perm: перм пермь / перм
ufa: уфа / уф
omsk: омськ омск / омськ омск
tomsk: томськ томск / томськ томск
novosibirsk: новосибірськ новосибирск / новосибірськ новосибирск
yekaterinburg: єкатеринбург екатеринбург / єкатеринбург екатеринбург
chelyabinsk: челябінськ челябинск / челябінськ челябинск
krasnoyarsk: красноярськ красноярск / красноярськ красноярск
tula: тула / тул
ryazan: рязань / рязан
tver: твер тверь / твер
lipetsk: липецьк липецк / липецьк липецк
kaluga: калуга / калуг калузі калуге
pskov: псков / псков
kostroma: кострома / костром
vologda: вологда / вологд
arkhangelsk: архангельськ архангельск / архангельськ архангельск
murmansk: мурманськ мурманск / мурманськ мурманск
sochi: сочі сочи / соч
stavropol: ставрополь / ставропол
astrakhan: астрахань / астрахан
tambov: тамбов / тамбов
cheboksary: чебоксари чебоксары / чебоксар
orenburg: оренбург / оренбург
krasnohrad: красноград / красноград
liubeshiv: любешів любешов / любешов
volodymyr: володимир-волинський владимир-волынский / володимир-волинськ владимир-волынск
novovolynsk: нововолинськ нововолынск / нововолинськ нововолынск
kostopil: костопіль костополь / костопол
zdolbuniv: здолбунів здолбунов / здолбунов
radekhiv: радехів радехов / радехов
zhydachiv: жидачів жидачов / жидачов
myrhorod: миргород / миргород
romny: ромни ромны / ромн
boryspil: бориспіль борисполь / борисопол борисполь бориспол
fastiv: фастів фастов / фастов
obukhiv: обухів обухов / обухов
slavutych: славутич / славутич
koziatyn: козятин казатин / козятин казатин
zhmerynka: жмеринка / жмеринк
haisyn: гайсин / гайсин
izmail: ізмаїл измаил / ізмаїл измаил
chornomorsk: чорноморськ черноморск / чорноморськ черноморск
oleksandriia: олександрія александрия / олександрі александри
svitlovodsk: світловодськ светловодск / світловодськ светловодск
enerhodar: енергодар энергодар / енергодар энергодар
tokmak: токмак / токмак
marhanets: марганець марганец / марганц
druzhkivka: дружківка дружковка / дружківк дружковк
kostiantynivka: костянтинівка константиновка / костянтинівк константиновк
lysychansk: лисичанськ лисичанск / лисичанськ лисичанск
sievierodonetsk: сєвєродонецьк северодонецк / сєвєродонецьк северодонецк
starobilsk: старобільськ старобельск / старобільськ старобельск
stebnyk: стебник / стебник
mostyska: мостиська мостиска / мостиськ мостиск
skole: сколе / скол
khodoriv: ходорів ходоров / ходоров
peremyshliany: перемишляни перемышляны / перемишлян перемышлян
berezhany: бережани бережаны / бережан
zbarazh: збараж / збараж
terebovlia: теребовля / теребовл
pochaiv: почаїв почаев / почаєв почаев
iziaslav: ізяслав изяслав / ізяслав изяслав
polonne: полонне полонное / полонн
starokostiantyniv: старокостянтинів староконстантинов / старокостянтинов староконстантинов
slavuta: славута / славут
netishyn: нетішин нетешин / нетішин нетешин
kamianka-buzka: кам'янка-бузька каменка-бугская / кам'янці-бузьк кам'янки-бузьк
belz: белз / белз
uhniv: угнів угнев / угнев
navahrudak: новогрудок навагрудак / новогрудк навагрудк
slutsk: слуцьк слуцк / слуцьк слуцк
rechytsa: речиця речица / речиц
svetlahorsk: світлогорськ светлогорск / світлогорськ светлогорск
kobryn: кобринь кобрин / кобрин
vawkavysk: вовковиськ волковыск / вовковиськ волковыск
smarhon: сморгонь / сморгон
zhodzina: жодино / жодин
vileyka: вілейка вилейка / вілейк вилейк
novopolotsk: новополоцьк новополоцк / новополоцьк новополоцк
nova-kakhovka: нова-каховка новая-каховка / новій-каховц нової-каховк новой-каховк нову-каховк
kakhovka: каховка / каховк
khust: хуст / хуст
izhevsk: іжевськ ижевск / іжевськ ижевск
tolyatti: тольятті тольятти / тольятт
oryol: орел орёл / орл
husiatyn: гусятин / гусятин
yaremche: яремче / яремч
ivanychi: іваничі иваничи / іванич иванич
tiraspol: тирасполь / тираспол
balti: бєльці бельці бельцы / бєльц бельц
balta: балта / балт
bolhrad: болград / болград
novoselytsia: новоселиця новоселица / новоселиц
khotyn: хотин / хотин
vyzhnytsia: вижниця вижница / вижниц
putyla: путила / путил
pidhaitsi: підгайці подгайцы / підгайц подгайц
korets: корець корец / корц
berezne: березне / березн
dubrovytsia: дубровиця дубровица / дубровиц
rokytne: рокитне рокитное / рокитн
lokachi: локачі локачи / локач
horokhiv: горохів / горохов
kivertsi: ківерці киверцы / ківерц киверц
rozhyshche: рожище / рожищ
bibrka: бібрка бобрка / бібрк бобрк
dolyna: долина / долин
sniatyn: снятин / снятин
horodenka: городенка / городенк
tlumach: тлумач / тлумач
tysmenytsia: тисмениця тысменица / тисмениц тысменниц
"""
_FOREIGN_ENDINGS: Final = (
    *("а", "у", "і", "е", "и", "ы", "я", "ю", "ї", "ом", "ем", "ою", "ею", "ой", "ій", "ів"),
    # Russian feminine instrumental ("под Винницей", "под Полтавой").
    *("ей", "ью"),
    *("ого", "ому", "ім", "ах", "ях", "ам", "ям"),
)


@cache
def _foreign_forms() -> dict[str, str]:
    """Each case form of the cities above (and of hyphenated ones, spelt with a space too)."""
    forms: dict[str, str] = {}
    for line in _FOREIGN_CITIES.strip().splitlines():
        latin, spellings = line.split(": ")
        nominatives, stems = (part.split() for part in spellings.split(" / "))
        for nominative in nominatives:
            forms[nominative] = latin
        for stem in stems:
            forms[stem] = latin
            for ending in _FOREIGN_ENDINGS:
                forms.setdefault(stem + ending, latin)
    return forms


def _foreign_name(word: str) -> str | None:
    for pattern, latin in _FOREIGN:
        if pattern.match(word):
            return latin
    forms = _foreign_forms()
    # Latin spelling read back as Ukrainian loses Russian "и" and the soft sign ("v Pinske":
    # в Пинске, "Rava-Ruska": Рава-Руська).
    for spelling in (word, word.replace("і", "и"), word.replace("ск", "ськ")):
        if spelling in forms:
            return forms[spelling]
    return None


def has_cyrillic(text: str) -> bool:
    """Whether the text has any Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


def may_be_transliterated(text: str) -> bool:
    """Whether a Latin text may hold Ukrainian/Russian written in Latin letters ("u Krakovi")."""
    lowered = text.lower()
    return _LATIN_MARKERS.search(lowered) is not None or bool(
        set(_WORD.findall(lowered)) & _LATIN_PREPOSITIONS.keys()
    )


def _latin_to_cyrillic(word: str) -> str:
    """Back to Cyrillic from the Ukrainian national romanisation or English-style spelling:
    "ia", "iu", "ie" inside a word are я, ю, є; "i" after a vowel and "yi" at the end are й."""
    out = []
    position = 0
    lowered = word.lower()
    while position < len(lowered):
        rest = lowered[position:]
        after_vowel = position > 0 and lowered[position - 1] in "aeiouy"
        if rest.startswith("yi") and position > 0 and (len(rest) == 2 or rest[2] not in "aeiou"):
            out.append("ий")
            position += 2
            continue
        if rest[0] == "i" and after_vowel and (len(rest) == 1 or rest[1] not in "aeiou"):
            out.append("й")
            position += 1
            continue
        if rest[:2] in _SOFT_VOWELS and (position > 0 or rest[2:3] not in tuple("aeiouy")):
            out.append(_SOFT_VOWELS[rest[:2]])
            position += 2
            continue
        for latin, cyrillic in _LATIN_TO_CYRILLIC:
            if lowered.startswith(latin, position):
                out.append(cyrillic)
                position += len(latin)
                break
        else:
            out.append(lowered[position])
            position += 1
    return "".join(out)


def _soft_and_nasal_options(word: str, position: int) -> list[tuple[str, int, int]]:
    """A soft sign before o, ё, and nasal vowels before н/м."""
    letter = word[position]
    following = word[position + 1] if position + 1 < len(word) else ""
    after = word[position + 2] if position + 2 < len(word) else ""
    options: list[tuple[str, int, int]] = []
    if letter == "ь" and following == "о":
        options.append(("io", 0, 2))
        if after in "нм" and position + 3 < len(word) and word[position + 3] not in _VOWELS:
            # "ią" after a soft consonant: "Грудзьондз" (Grudziądz).
            options.append(("ia", 1, 3))
    if letter == "ё" and following in "нм" and after and after not in _VOWELS:
        # ą after a soft consonant: "Грудзёндз" (Grudziądz), "Слёнски" (Śląski)
        options.extend((("ia", 1, 2), ("a", 1, 2)))
    if letter in _NASALS and following in "нм" and after and after not in _VOWELS | {"ь"}:
        options.extend((nasal, 1, 2) for nasal in _NASALS[letter])
    return options


def _positional_options(word: str, position: int) -> list[tuple[str, int, int]]:
    """Letters read by their neighbours or place: кш, an initial е, a final ів."""
    letter = word[position]
    following = word[position + 1] if position + 1 < len(word) else ""
    options: list[tuple[str, int, int]] = []
    if letter == "ш" and position > 0 and word[position - 1] in "кптх":
        # "krz", "prz", "trz", "chrz" sound as "кш", "пш", "тш": "Свентокшиський", "Пшеворськ".
        options.append(("rz", 0, 1))
    if letter == "е" and (position == 0 or word[position - 1] in _VOWELS):
        # Russian writes "je" as "е" at the start and after a vowel ("Еленя-Гура": Jelenia
        # Góra; "Груец", "Граево": Grójec, Grajewo).
        options.append(("je", 0, 1))
    if letter == "ю" and position > 0 and word[position - 1] in _VOWELS:
        # "jó" after a vowel ("Радзеюв": Radziejów).
        options.append(("jo", 1, 1))
    if letter in "яю" and position > 0 and word[position - 1] == "л":
        # Polish l is soft: "la", "lu" are written "ля", "лю" ("Подляський": Podlaski).
        options.append(("a" if letter == "я" else "u", 0, 1))
    if letter == "і" and following == "в" and position + 2 == len(word):
        options.append(("ow", 0, 2))
    return options


def _borrowed_options(word: str, position: int) -> list[tuple[str, int, int]]:
    """Spellings a Latin transliteration or Ukrainian usage leaves: zią, zh, пере-, ав/ев."""
    letter = word[position]
    following = word[position + 1] if position + 1 < len(word) else ""
    after = word[position + 2] if position + 2 < len(word) else ""
    options: list[tuple[str, int, int]] = []
    if letter == "о" and position > 0 and word[position - 1] in "зсцн":
        # "zią", "sio", "nio" whose soft sign a Latin transliteration dropped ("Hrudzondz").
        options.append(("io", 1, 1))
        if following in "нм" and after and after not in _VOWELS:
            options.append(("ia", 2, 2))
    if letter == "ж" and position == 0:
        # "zh" in a Latin transliteration may stand for зг ("Zhezh": Zgierz).
        options.append(("zg", 1, 1))
    if letter == "п" and position == 0 and word.startswith("пере"):
        # Ukrainian "пере-" for Polish "prze-" (Переворськ: Przeworsk).
        options.append(("prze", 1, 4))
    if letter == "в" and position > 0 and word[position - 1] in "ае" and following:
        # Polish "au", "eu" are written "ав", "ев" before a consonant (Августів: Augustów).
        options.extend([("u", 1, 1)] if following not in _VOWELS else [])
    return options


@lru_cache(maxsize=8192)
def _letter_options(word: str, position: int) -> tuple[tuple[str, int, int], ...]:
    """Spellings of the letters at `position`: (Polish text, cost, letters consumed)."""
    options = [
        *_soft_and_nasal_options(word, position),
        *_positional_options(word, position),
        *_borrowed_options(word, position),
    ]
    letter = word[position]
    known = _LETTERS.get(letter)
    if known is None:
        options.append((letter if letter.isascii() else "", 0, 1))
    else:
        options.extend((spelling, cost, 1) for spelling, cost in known)
    return tuple(options)


def _spellings(
    word: str, prefix: str, has_prefix: PrefixProbe, limit: int = _MAX_VARIANTS, edits: int = 0
) -> list[tuple[str, int, int]]:
    """Polish spellings of a Cyrillic `word` that some key starting with `prefix` continues:
    (spelling, cost, letters corrected). With `edits`, up to that many typos are corrected: a
    letter too many, two letters swapped, a letter left out."""
    found: list[tuple[str, int, int]] = []
    deepest = 0
    # Steps a walk may take: bounds the time a long misspelt word can cost.
    budget = _WALK_BUDGET
    # A typo is where correct spellings stop being any place's beginning, or just before it:
    # the exact walk finds that point, and only there are letters corrected.
    first_edit = len(word)

    # This walk is where a misspelt Cyrillic name spends its time: no helper call per letter.
    short = 3 - len(prefix)  # spellings shorter than this are viable without asking

    def walk(text: str, position: int, built: str, cost: int, used: int) -> None:
        nonlocal deepest, budget
        if position > deepest:
            deepest = position
        budget -= 1
        if len(found) >= limit or cost > 3 or budget < 0:
            return
        if position == len(text):
            found.append((built, cost, used))
            return
        for spelling, extra, consumed in _letter_options(text, position):
            candidate = built + spelling
            if len(candidate) < short or has_prefix(prefix + candidate):
                walk(text, position + consumed, candidate, cost + extra, used)
        if used >= edits or position < first_edit:
            return
        walk(text, position + 1, built, cost, used + 1)
        if position + 1 < len(text) and text[position] != text[position + 1]:
            swapped = text[:position] + text[position + 1] + text[position] + text[position + 2 :]
            walk(swapped, position, built, cost, used + 1)
        for missing in _MISSING:
            candidate = built + missing
            if len(candidate) < short or has_prefix(prefix + candidate):
                walk(text, position, candidate, cost, used + 1)
                if len(text) >= 5:
                    # a letter typed in place of another (a neighbour on the keyboard); in a
                    # short word that reaches too many names
                    walk(text, position + 1, candidate, cost + 1, used + 1)

    walk(word, 0, "", 0, 0)
    if edits:
        # Where some spelling went all the way (a village's name), the typo may be anywhere.
        first_edit = 0 if found else max(deepest - 4, 0)
        budget = _WALK_BUDGET
        walk(word, 0, "", 0, 0)
        # Ties keep the walk's order, which tries the likelier spelling of each letter first.
        found = sorted(dict.fromkeys(found), key=lambda item: (item[2], item[1]))
    return found


def _exonym_reading(word: str, edits: int) -> list[tuple[str, int, int, bool]] | None:
    """An established exonym ("Варшава"), or one with a typo ("Ряшіів") when `edits` allows."""
    for pattern, latin in _EXONYMS:
        if pattern.match(word):
            return [(latin, 0, 0, False)]
    if edits and len(word) >= 5:
        for form, latin in _EXONYM_FORMS.items():
            if abs(len(form) - len(word)) <= 1 and OSA.distance(word, form, score_cutoff=1) <= 1:
                # An exonym with a typo: sound-based spelling cannot reach it.
                return [(latin, 0, 1, False)]
    return None


def _stem_words(word: str, length: int) -> list[str]:
    """The stems left when the last `length` letters are a case ending (softened, or with й)."""
    ending = word[-length:]
    stem_words = [word[:-length]]
    if ending in {"і", "е"} and word[-length - 1] in _SOFTENED:
        stem_words.append(word[: -length - 1] + _SOFTENED[word[-length - 1]])
    if ending in _AFTER_J and word[-length - 1] in _VOWELS:
        stem_words.append(word[:-length] + "й")
    return stem_words


def _ending_forms(
    word: str, prefix: str, has_prefix: PrefixProbe, edits: int
) -> list[tuple[str, int, int, bool]]:
    """Polish spellings of `word` with its Ukrainian or Russian case ending replaced."""
    forms: list[tuple[str, int, int, bool]] = []
    for length in (4, 3, 2, 1):
        ending = word[-length:]
        if len(word) - length < 2 or ending not in _ENDINGS:
            continue
        replacements = _ENDINGS[ending]
        if word[:-length].endswith(_ADJECTIVE_STEMS):
            replacements = tuple(dict.fromkeys((*replacements, *_ADJECTIVE_ENDINGS)))
        for stem_word in _stem_words(word, length):
            for stem, cost, used in _spellings(stem_word, prefix, has_prefix, edits=edits):
                forms.extend(
                    (stem + replacement, cost + 1, used, False) for replacement in replacements
                )
    return forms


def _word_forms(
    word: str, prefix: str, has_prefix: PrefixProbe, edits: int = 0
) -> list[tuple[str, int, int, bool]]:
    """Polish spellings of a whole inflected word: as written, and with its ending replaced.

    Each is (spelling, cost, letters corrected, read as written).
    """
    exonym = _exonym_reading(word, edits)
    if exonym is not None:
        return exonym
    if _CITY_WORD.match(word):
        # "Місто" inside a name translates Polish "Miasto" ("Нове Місто Любавське").
        word = "мяст" + word[4:]
    for ukrainian, polish_like in _TRANSLATED_STEMS:
        # "Гожуві-Великопольському": Ukrainian says "велико-" where Polish has "wielko-".
        word = word.replace(ukrainian, polish_like)
    forms = [
        (f, cost, used, True) for f, cost, used in _spellings(word, prefix, has_prefix, edits=edits)
    ]
    forms += _ending_forms(word, prefix, has_prefix, edits)
    seen: dict[str, tuple[str, int, int, bool]] = {}
    for reading in forms:
        known = seen.get(reading[0])
        if known is None or (reading[2], reading[1]) < (known[2], known[1]):
            seen[reading[0]] = reading
    return sorted(seen.values(), key=lambda item: (item[2], item[1]))


def _best_reading(
    words: Sequence[str],
    probe: KeyProbe,
    has_prefix: PrefixProbe,
    edits: int = 0,
    towns: Callable[[str], frozenset[str]] | None = None,
    nominative: Callable[[str], bool] | None = None,
) -> _Found | None:
    """The best Polish key for the longest run of `words` (1 to 3) that names a place; with
    `edits`, a typo of that many letters in the run is corrected."""
    best: _Found | None = None
    forms = cache(_word_forms)
    for length in range(min(_MAX_SPAN, len(words)), 0, -1):
        span = words[:length]
        # (key so far, cost, letters corrected, last word as written)
        prefixes: list[tuple[str, int, int, bool]] = [("", 0, 0, True)]
        for number, word in enumerate(span):
            last = number == length - 1
            extended: list[tuple[str, int, int, bool]] = []
            for prefix, cost, used, _written in prefixes:
                for form, extra, corrected, written in forms(
                    word, prefix, has_prefix, edits - used
                ):
                    for separator in ("",) if last else (" ", "-"):
                        candidate = prefix + form + separator
                        if last or has_prefix(candidate):
                            extended.append((candidate, cost + extra, used + corrected, written))
            prefixes = sorted(extended, key=lambda item: (item[2], item[1]))[: _MAX_VARIANTS * 2]
        for key, cost, used, written in prefixes:
            rank = probe(key)
            if rank and (
                best is None
                or (rank, -used, -cost) > (best.rank, -best.edits, -best.cost)
                # A bare word is read as a name rather than as a case form of it
                # ("Скерневиці": Skierniewice, not the genitive "Skierniewic").
                or (
                    nominative is not None
                    and (rank, used, cost) == (best.rank, best.edits, best.cost)
                    and nominative(key)
                    and not nominative(best.key)
                )
            ):
                best = _Found(key, length, rank, cost, written, used)
        if best is not None and best.edits and towns is not None:
            named = {
                town
                for key, cost, used, _written in prefixes
                if used == best.edits and cost <= best.cost + 1 and probe(key) >= 2
                for town in towns(key)
            }
            if len(named) > 1:
                best = replace(best, contested=True)
        if best is not None:
            return best
    return None


def _fallback(word: str) -> str:
    """The likeliest Polish spelling of a word no key matches, its ending dropped (for typos)."""
    for length in (3, 2, 1):
        ending = word[-length:]
        if len(word) - length >= 3 and "" in _ENDINGS.get(ending, ()):
            word = word[:-length]
            break
    return "".join(_LETTERS[letter][0][0] if letter in _LETTERS else letter for letter in word)


@dataclass
class _Romanising:
    """One text being romanised: its words at each stage, and what has been written so far."""

    keys: PlaceKeys
    probe: KeyProbe
    has_prefix: PrefixProbe
    latin: bool
    raw: list[str]
    lowered: list[str]
    # Each word in Cyrillic (as written, or transliterated back), or None for a Latin word kept.
    converted: list[str | None]
    # Positions of the words with content (not prepositions, cues or function words).
    content: list[int]
    out: list[str] = field(default_factory=list)
    guessed: set[str] = field(default_factory=set)
    abroad: set[str] = field(default_factory=set)
    # The position after a word with content that named no town (-1: none).
    unread_at: int = -1
    # Cyrillic words (lower case, no apostrophes) already read as something else: no place.
    not_places: frozenset[str] = frozenset()


def romanise(
    text: str, keys: PlaceKeys, *, latin: bool = False, not_places: Collection[str] = ()
) -> Romanised:
    """The text with its Cyrillic (or Latin-transliterated) place words in Polish spelling.

    Prepositions and words such as "місто" become their Polish equivalents; other Cyrillic words
    without place evidence are left out. With `latin`, every Latin word that names no town is
    read as a possible transliteration ("Zelena hura"), for a text Polish spelling did not
    explain. `not_places` are Cyrillic words already read as something else (the crisis):
    never spelt as a place ("хочу" is not Choczu).
    """
    # Many spellings share prefixes (each ending tried, each span length): ask the index once.
    probe, has_prefix = cache(keys.key_rank), cache(keys.has_prefix)
    raw: list[str] = []
    # Positions of the second parts of hyphenated names: one content word with the first.
    joined: set[int] = set()
    for word in map(_unmixed, _WORD.findall(text)):
        parts = _hyphenated_parts(word)
        joined.update(range(len(raw) + 1, len(raw) + len(parts)))
        raw.extend(parts)
    lowered = [w.lower() for w in raw]
    converted = _converted_words(lowered, probe, latin=latin, joined=joined)
    content = [
        n
        for n, word in enumerate(converted)
        if word is not None and not _structural(word) and n not in joined
    ]
    state = _Romanising(keys, probe, has_prefix, latin, raw, lowered, converted, content)
    state.not_places = frozenset(word for word in not_places if has_cyrillic(word))
    position = 0
    while position < len(raw):
        position += _read_word(state, position)
    return Romanised(" ".join(state.out), frozenset(state.guessed), frozenset(state.abroad))


def _unmixed(word: str) -> str:
    """A Cyrillic word with Latin look-alike letters typed into it ("у Краковi", "Львовi": a
    keyboard without і) written in Cyrillic throughout."""
    if not has_cyrillic(word) or not _LATIN_LETTER.search(word):
        return word
    return word.translate(_LOOK_ALIKES)


def _hyphenated_parts(word: str) -> list[str]:
    """A hyphenated Cyrillic name in its parts, as each is declined ("в Сталёвой-Воле"); a word
    whose hyphen a typo moved ("Елен-яГуры") stays whole."""
    parts = word.split("-")
    if (
        len(parts) < 2
        or not (has_cyrillic(word) or _LATIN_MARKERS.search(word.lower()))
        or any(len(part) < 3 for part in parts)
        or len({part[:1].isupper() for part in parts}) > 1
    ):
        return [word]
    return parts


def _structural(word: str) -> bool:
    """Whether a Cyrillic word is a preposition, a place cue or a function word."""
    return word in _PREPOSITIONS or word in _CUES or word in _FUNCTION_WORDS


def _converted_words(
    lowered: Sequence[str], probe: KeyProbe, *, latin: bool, joined: Collection[int] = ()
) -> list[str | None]:
    """Each word in Cyrillic: as written, or a Latin word read as transliterated Ukrainian or
    Russian (Latin markers, after a preposition, or with `latin`); None for a Latin word kept."""
    converted: list[str | None] = []
    for number, word in enumerate(lowered):
        after_preposition = number > 0 and (
            lowered[number - 1] in _LATIN_PREPOSITIONS
            # "v raioni Krakova": the name after the word for an area
            or converted[-1] in _AREA_WORDS
            # the next word of a transliterated name after a preposition ("u bilii pidliaskii")
            or (
                number > 1
                and lowered[number - 2] in _LATIN_PREPOSITIONS
                and converted[-1] is not None
                and not has_cyrillic(lowered[number - 1])
            )
        )
        if has_cyrillic(word):
            converted.append(word)
        elif number in joined and converted[-1] is not None:
            # the second part of a transliterated hyphenated name ("kendzezhyni-kozli")
            converted.append(_latin_to_cyrillic(word))
        elif len(word) >= 3 and (
            (not probe(word) and (_LATIN_MARKERS.search(word) or after_preposition))
            # "u radomi": the Ukrainian case form, even where a village has that spelling.
            or ((after_preposition or latin) and probe(word) < 2)
        ):
            converted.append(_latin_to_cyrillic(word))
        else:
            converted.append(None)
    return converted


def _read_word(state: _Romanising, position: int) -> int:
    """Write the word at `position` (or the place name starting there); the words it took."""
    raw, word = state.raw, state.converted[position]
    if word is None:
        state.out.append(_latin_word(state, position))
        return 1
    if word in _PREPOSITIONS:
        state.out.append(_PREPOSITIONS[word])
        return 1
    previous = state.lowered[position - 1] if position > 0 else ""
    after_w = _PREPOSITIONS.get(previous) == "w" or _LATIN_PREPOSITIONS.get(previous) == "w"
    if word in _AREA_WORDS and after_w and _named_next(state, position):
        state.out.append("rejonie")
        return 1
    if word in _CUES:
        state.out.append(_CUES[word])
        return 1
    if word == "над" and position + 1 < len(raw) and raw[position + 1][:1].isupper():
        # "Нове Місто над Пилицею": a river named after "nad" inside a town's name.
        state.out.append("nad")
        return 1
    cued = (
        previous in _PREPOSITIONS
        or previous in _CUES
        or previous in _LATIN_PREPOSITIONS
        or previous in _PLAIN_PREPOSITIONS
    )
    capital = raw[position][:1].isupper()
    evidence = cued or (position > 0 and capital) or state.content == [position]
    if word in _RESIDENCE:
        # "я живу в ніссі": the verb says the next word is where the resident lives.
        state.out.append(_RESIDENCE[word])
        return 1
    if (
        word in _FUNCTION_WORDS
        or (not evidence and not capital)
        or state.lowered[position].translate(_APOSTROPHES) in state.not_places
    ):
        if not has_cyrillic(raw[position]):
            state.out.append(raw[position])
        return 1
    following = state.converted[position + 1] if position + 1 < len(raw) else None
    if following is not None and (foreign := _foreign_name(f"{word}-{following}")):
        # "Біла Церква", "Кривий Ріг": a city abroad named in two words.
        state.out.append(foreign)
        state.abroad.add(foreign)
        return 2
    foreign = _foreign_name(word)
    if foreign is not None and not _polish_two_words(state, word, following):
        state.out.append(foreign)
        state.abroad.add(foreign)
        return 1
    # Being the only content word is weak evidence for a lower-case word ("погано"): it
    # counts for a town, city or powiat spelt out, not for a village or a guess.
    strong = evidence and (cued or capital)
    return _read_place(state, position, word, strong=strong)


def _named_next(state: _Romanising, position: int) -> bool:
    """Whether a word that is no preposition, cue or function word follows `position`."""
    if position + 1 >= len(state.raw):
        return False
    following = state.converted[position + 1]
    if following is None:  # a Latin word kept as typed ("v raioni Olecka")
        return state.lowered[position + 1] not in _LATIN_PREPOSITIONS
    return not _structural(following)


def _polish_two_words(state: _Romanising, word: str, following: str | None) -> bool:
    """Whether a word and the next name a Polish town together ("Мінськ Мазовецький")."""
    if following is None or _structural(following):
        return False
    found = _best_reading([word, following], state.probe, state.has_prefix)
    return found is not None and found.words == 2 and found.rank >= 2


def _latin_word(state: _Romanising, position: int) -> str:
    """A Latin word kept as typed; a Latin preposition before a place in Polish."""
    latin_word = state.lowered[position]
    following = state.converted[position + 1] if position + 1 < len(state.raw) else None
    next_is_place = following is not None or (
        position + 1 < len(state.raw) and state.probe(state.lowered[position + 1]) >= 2
    )
    if latin_word in _LATIN_PREPOSITIONS and next_is_place:
        return _LATIN_PREPOSITIONS[latin_word]
    previous = state.lowered[position - 1] if position > 0 else ""
    if (previous in _LATIN_PREPOSITIONS or previous in _PLAIN_PREPOSITIONS) and state.probe(
        latin_word
    ) >= 2:
        # A town's name after a preposition in a transliterated text ("ya z kutna"): a capital
        # tells the resolver it is the place, as the writer's alphabet had none to give.
        return state.raw[position].title()
    return state.raw[position]


def _read_place(state: _Romanising, position: int, word: str, *, strong: bool) -> int:
    """Write the place name starting at `position` in Polish spelling; the words it took."""
    raw = state.raw
    run = [position]
    while (
        len(run) < _MAX_SPAN
        and run[-1] + 1 < len(raw)
        and (following := state.converted[run[-1] + 1]) is not None
        and (not _structural(following) or _town_word_in_name(state, run[-1] + 1))
    ):
        run.append(run[-1] + 1)
    words = [state.converted[n] or "" for n in run]
    previous = state.lowered[position - 1] if position > 0 else ""
    bare = not (
        previous in _PREPOSITIONS
        or previous in _LATIN_PREPOSITIONS
        or previous in _PLAIN_PREPOSITIONS
        # "в окрестностях Лодзи": the name after a word of nearness is in a case form.
        or _CUES.get(previous) == "okolice"
        or (position > 0 and state.converted[position - 1] in _AREA_WORDS)
        or previous == "над"
    )
    nominative = cache(state.keys.is_nominative) if bare else None
    found = _best_reading(words, state.probe, state.has_prefix, nominative=nominative)
    if (
        # Only a word written with a capital: "зі школи" is no misspelt town.
        raw[position][:1].isupper()
        and not state.latin
        and (
            found is None
            or found.rank < 2
            # the next word written with a capital may be the rest of a misspelt name
            or (found.words < len(run) and raw[run[found.words]][:1].isupper())
        )
    ):
        found = _with_typo_corrected(state, words, found, short=len(word) < 6, strong=strong)
    if found is not None and found.rank < 2 and not state.latin:
        # A village read from Cyrillic is confirmed: typos often hit a village's case form.
        state.guessed.update(found.key.replace("-", " ").split())
    if (
        found is not None
        and raw[position][:1].isupper()
        and _part_of_unread_name(state, run, found)
    ):
        # "Біла Підлчська", "Зелён-Гура": one word of a misspelt name read alone is only a
        # guess (Biała, Góra); the resident is asked.
        state.guessed.update(found.key.replace("-", " ").split())
    if found is not None and nominative is not None and not nominative(found.key):
        # A bare word read only as a case form ("Олесния": Oleśnie, of Olesno) is likelier a
        # misspelt name (Oleśnica): asked.
        state.guessed.update(found.key.replace("-", " ").split())
    if found is None or found.rank < 2 or found.key.replace("-", " ").split()[0] in state.guessed:
        state.unread_at = position + (found.words if found is not None else 1)
    if found is not None and (strong or found.rank >= 2):
        _keep_the_case(state, found)
        # A town's name read after a preposition is written with a capital, which tells the
        # resolver it is a place even where Polish has a word so spelt ("у нисі": Nysa, "nysy").
        capital = raw[position][:1].isupper() or (strong and found.rank >= 2)
        state.out.append(found.key.title() if capital else found.key)
        return found.words
    if not has_cyrillic(raw[position]):
        # A Latin word that no transliteration explains stays as typed (a Polish typo).
        state.out.append(raw[position])
    elif strong:
        spelling = _fallback(word)
        state.out.append(spelling)
        state.guessed.add(spelling)
    return 1


def _town_word_in_name(state: _Romanising, position: int) -> bool:
    """Whether "Місто" at `position` is written with a capital after a word with one: part of
    the name ("у Новому Місті Любавському", "у Новому Місті над Пилицею"), not the word for a
    town."""
    raw = state.raw
    return (
        position > 0
        and _CITY_WORD.match(state.converted[position] or "") is not None
        and all(raw[n][:1].isupper() for n in (position - 1, position))
        # after a neuter adjective (Нове, Нового, Новому, Новим; romanised "Nove"), not a
        # sentence's last word ("я живу в Кракові. Місто велике")
        and (state.converted[position - 1] or "").endswith(
            ("е", "ого", "ому", "им", "ім", "ом", "ым")
        )
    )


def _part_of_unread_name(state: _Romanising, run: Sequence[int], found: _Found) -> bool:
    """Whether the words read are next to a word with a capital (the same name) that names no
    town: the word before was not read, or the word after is not."""
    raw = state.raw
    if state.unread_at == run[0] and run[0] > 0 and raw[run[0] - 1][:1].isupper():
        return True
    if found.words >= len(run):
        # "у Новому Місті Любавському": a word such as "місто" written with a capital inside
        # the sentence is part of the name, which the words read do not complete.
        after = run[-1] + 1
        return (
            after + 1 < len(raw)
            and raw[after][:1].isupper()
            and (state.converted[after] or "") in _CUES
            and raw[after + 1][:1].isupper()
        )
    if not raw[run[found.words]][:1].isupper():
        return False
    rest = _best_reading([state.converted[run[found.words]] or ""], state.probe, state.has_prefix)
    return rest is None or rest.rank < 2


def _with_typo_corrected(
    state: _Romanising, words: Sequence[str], found: _Found | None, *, short: bool, strong: bool
) -> _Found | None:
    """The reading with one letter corrected, where it finds a town the spelling did not."""
    # A typo inside the word ("Гидня", "у Гливциях"): one letter corrected, towns only.
    # A village spelt exactly but a town one letter away ("у Прукові") is asked about;
    # so is a short word corrected. A longer name beats the word inside it ("Біла
    # Піідляська" is not the town Biała).
    corrected = _best_reading(words, state.probe, state.has_prefix, edits=1, towns=state.keys.towns)
    if (
        corrected is None
        or corrected.rank < 2
        or not corrected.edits
        or not (found is None or found.rank < 2 or corrected.words > found.words)
    ):
        return found
    if (
        (found is not None and found.words == corrected.words)
        or short
        or not strong
        or corrected.contested
        # The first letter is rarely the typo: a name that only another first letter makes
        # Polish is likelier a name abroad ("Яремче" is no misspelt Recz).
        or not _same_first_letter(words[0], corrected.key)
    ):
        state.guessed.update(corrected.key.replace("-", " ").split())
    return corrected


def _same_first_letter(word: str, key: str) -> bool:
    """Whether `key` (a Polish key) starts with a spelling of the Cyrillic `word`'s first letter."""
    # An initial iotated vowel is read with j ("Еленя-Гура": Jelenia Góra).
    firsts = {spelling[:1] for spelling, _cost in _LETTERS.get(word[:1], ((word[:1], 0),))}
    return key[:1] in firsts or (key[:1] == "j" and word[:1] in "еєяюї")


def _keep_the_case(state: _Romanising, found: _Found) -> None:
    """Turn the preposition before a place read as a town's name into "in", so that the resolver
    does not read the name as a village's case form."""
    # "у Сопоті" read as "in Sopot": after "w" the resolver would prefer a village whose
    # case form is "sopot"; the Cyrillic ending already told the case. "in" keeps the
    # preposition's evidence that this is where the resident is. A word read as written
    # keeps its case ("з Тарнова": the genitive of Tarnów, not the village Tarnowa).
    out = state.out
    # "під Щецином" read as "pod Szczecin": after "pod" the resolver would read a case form
    # of a village (Szczeciny); "near" keeps the nearness and reads the name as written. So
    # for "недалеко від", "рядом с" ("niedaleko od", "kolo z").
    near = bool(out) and (
        out[-1] in _NEAR_WORDS
        or (len(out) > 1 and out[-1] in {"od", "z"} and out[-2] in _NEAR_WORDS)
    )
    if state.out and (near or state.out[-1] in _PLAIN_PREPOSITIONS):
        nominative_rank, oblique_rank = state.keys.case_ranks(found.key)
        # Russian leaves some names undeclined ("в Хойнице"): a town's name after the
        # preposition is the town, not a village's case form.
        if (nominative_rank == 2 and oblique_rank < 2) or (not found.written and nominative_rank):
            state.out[-1] = "near" if near else "in"
