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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

# Whether a folded Latin key exists (0 no, 1 local places only, 2 a town, city or powiat), and
# whether any key starts with a prefix.
KeyProbe = Callable[[str], int]
PrefixProbe = Callable[[str], bool]

_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_WORD: Final = re.compile(r"[\w'ʼ’\-]+")
_MAX_VARIANTS: Final = 48
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
    "и": (("y", 0), ("i", 0)),
    # Ukrainian writes Polish o/ó as і in a closed syllable (Kraków → Краків, Sanok → Сянік).
    "і": (("i", 0), ("y", 1), ("o", 1)),
    "ї": (("ji", 0), ("i", 0)),
    "й": (("j", 0),),
    "к": (("k", 0),),
    "л": (("l", 0),),
    "м": (("m", 0),),
    "н": (("n", 0),),
    "о": (("o", 0),),
    "п": (("p", 0),),
    "р": (("r", 0),),
    "с": (("s", 0),),
    "т": (("t", 0),),
    "у": (("u", 0), ("o", 0)),
    "ф": (("f", 0),),
    "х": (("ch", 0), ("h", 0)),
    "ц": (("c", 0),),
    "ч": (("cz", 0),),
    "ш": (("sz", 0), ("s", 1)),
    "щ": (("szcz", 0),),
    "ъ": (("", 0),),
    "ы": (("y", 0),),
    "ь": (("", 0), ("i", 1)),
    "э": (("e", 0),),
    "ю": (("iu", 0), ("ju", 0), ("u", 0)),
    "я": (("ia", 0), ("ja", 0), ("a", 1)),
    "'": (("", 0),),
    "ʼ": (("", 0),),
    "’": (("", 0),),
    "-": (("-", 0), (" ", 0)),
}
_VOWELS: Final = frozenset("аеєёиіїоуыэюя")
# Polish nasal vowels: ę → ен/ем, ą → он/ом before a consonant ("Częstochowa" → Ченстохова).
_NASALS: Final = {"е": "e", "о": "a"}

# Ukrainian and Russian case endings, and the Polish endings the name may have instead (the
# nominative, or the Polish case form the index also knows). Longest endings are tried first.
_ENDINGS: Final[dict[str, tuple[str, ...]]] = {
    # Adjectives of multi-word names ("Гожув-Велькопольський", "у Новому Сончі").
    "ий": ("y", "i"),
    "ій": ("i", "y", "iej", "ej", "a"),
    "ый": ("y",),
    "ого": ("iego", "ego", "i", "y"),
    "ому": ("im", "ym", "i", "y"),
    "ім": ("im", "i"),
    "ой": ("iej", "ej", "a"),
    "ої": ("iej", "ej", "a"),
    "ою": ("a",),
    "ею": ("a", "ia"),
    "ей": ("a", "e"),
    "ом": ("", "o", "e"),
    "ем": ("", "e", "o"),
    "ах": ("ach", "y", "e", "i"),
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
}

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
    (re.compile(r"^(зелен(а|ій|ої|у|ою)|зелёна|зелёной)$"), "zielona"),
)

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
    "недалеко": "kolo",
    "неподалік": "kolo",
    "неподалеку": "kolo",
    "рядом": "kolo",
    "поруч": "kolo",
    "близько": "kolo",
}
_CUES: Final = {
    **dict.fromkeys(
        _listed("село селі селе селища селище селищі деревня деревне поселок посёлок поселке"),
        "wies",
    ),
    **dict.fromkeys(
        _listed("місто місті міста містечко містечку город городе города городок городке"),
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
        _listed("околиці околицях околиця окрестности окрестностях передмісті пригороде"),
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
    будь ласка пожалуйста привіт привет добрий день вечір"""
    )
)

# Latin transliteration of Ukrainian/Russian back to Cyrillic, longest first ("Krakovi",
# "Vrotslav", "Zhytomyr"); applied only to Latin words the index does not know.
_LATIN_TO_CYRILLIC: Final = (
    ("shch", "щ"),
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
_LATIN_MARKERS: Final = re.compile(r"v|kh|zh|sh|ts|ya|yu|ye|yi|[oe]vi$")
_LATIN_PREPOSITIONS: Final = {
    "u": "w",
    "v": "w",
    "vo": "w",
    "iz": "z",
    "pid": "pod",
    "bilya": "kolo",
}


@dataclass(frozen=True)
class _Found:
    key: str
    words: int
    rank: int
    cost: int


def _foreign_name(word: str) -> str | None:
    for pattern, latin in _FOREIGN:
        if pattern.match(word):
            return latin
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
    out = []
    position = 0
    lowered = word.lower()
    while position < len(lowered):
        for latin, cyrillic in _LATIN_TO_CYRILLIC:
            if lowered.startswith(latin, position):
                out.append(cyrillic)
                position += len(latin)
                break
        else:
            out.append(lowered[position])
            position += 1
    return "".join(out)


def _letter_options(word: str, position: int) -> list[tuple[str, int, int]]:
    """Spellings of the letters at `position`: (Polish text, cost, letters consumed)."""
    letter = word[position]
    following = word[position + 1] if position + 1 < len(word) else ""
    after = word[position + 2] if position + 2 < len(word) else ""
    options: list[tuple[str, int, int]] = []
    if letter == "ь" and following == "о":
        options.append(("io", 0, 2))
    if letter in _NASALS and following in "нм" and after and after not in _VOWELS | {"ь"}:
        options.append((_NASALS[letter], 1, 2))
    if letter == "і" and following == "в" and position + 2 == len(word):
        options.append(("ow", 0, 2))
    known = _LETTERS.get(letter)
    if known is None:
        options.append((letter if letter.isascii() else "", 0, 1))
    else:
        options.extend((spelling, cost, 1) for spelling, cost in known)
    return options


def _spellings(
    word: str, prefix: str, has_prefix: PrefixProbe, limit: int = _MAX_VARIANTS
) -> list[tuple[str, int]]:
    """Polish spellings of a Cyrillic `word` that some key starting with `prefix` continues."""
    found: list[tuple[str, int]] = []

    def walk(position: int, built: str, cost: int) -> None:
        if len(found) >= limit or cost > 3:
            return
        if position == len(word):
            found.append((built, cost))
            return
        for spelling, extra, consumed in _letter_options(word, position):
            candidate = built + spelling
            if len(prefix) + len(candidate) >= 3 and not has_prefix(prefix + candidate):
                continue
            walk(position + consumed, candidate, cost + extra)

    walk(0, "", 0)
    return found


def _word_forms(word: str, prefix: str, has_prefix: PrefixProbe) -> list[tuple[str, int]]:
    """Polish spellings of a whole inflected word: as written, and with its ending replaced."""
    for pattern, latin in _EXONYMS:
        if pattern.match(word):
            return [(latin, 0)]
    forms = list(_spellings(word, prefix, has_prefix))
    for length in (3, 2, 1):
        ending = word[-length:]
        if len(word) - length < 2 or ending not in _ENDINGS:
            continue
        stems = _spellings(word[:-length], prefix, has_prefix)
        for stem, cost in stems:
            forms.extend((stem + replacement, cost + 1) for replacement in _ENDINGS[ending])
    seen: dict[str, int] = {}
    for form, cost in forms:
        if form not in seen or cost < seen[form]:
            seen[form] = cost
    return sorted(seen.items(), key=lambda item: item[1])


def _best_reading(words: Sequence[str], probe: KeyProbe, has_prefix: PrefixProbe) -> _Found | None:
    """The best Polish key for the longest run of `words` (1 to 3) that names a place."""
    best: _Found | None = None
    for length in range(min(_MAX_SPAN, len(words)), 0, -1):
        span = words[:length]
        prefixes: list[tuple[str, int]] = [("", 0)]
        for number, word in enumerate(span):
            last = number == length - 1
            extended: list[tuple[str, int]] = []
            for prefix, cost in prefixes:
                for form, extra in _word_forms(word, prefix, has_prefix):
                    for separator in ("",) if last else (" ", "-"):
                        candidate = prefix + form + separator
                        if last or has_prefix(candidate):
                            extended.append((candidate, cost + extra))
            prefixes = sorted(extended, key=lambda item: item[1])[: _MAX_VARIANTS * 2]
        for key, cost in prefixes:
            rank = probe(key)
            if rank and (best is None or (rank, -cost) > (best.rank, -best.cost)):
                best = _Found(key, length, rank, cost)
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


def romanise(
    text: str,
    probe: KeyProbe,
    has_prefix: PrefixProbe,
    is_nominative: Callable[[str], bool] | None = None,
) -> str:
    """The text with its Cyrillic (or Latin-transliterated) place words in Polish spelling.

    Prepositions and words such as "місто" become their Polish equivalents; other Cyrillic words
    without place evidence are left out.
    """
    raw = _WORD.findall(text)
    lowered = [w.lower() for w in raw]
    converted: list[str | None] = []
    for number, word in enumerate(lowered):
        if has_cyrillic(word):
            converted.append(word)
        elif (
            not probe(word)
            and len(word) >= 3
            and (
                _LATIN_MARKERS.search(word)
                or (number > 0 and lowered[number - 1] in _LATIN_PREPOSITIONS)
            )
        ):
            converted.append(_latin_to_cyrillic(word))
        else:
            converted.append(None)
    content = [
        n
        for n, word in enumerate(converted)
        if word is not None
        and word not in _PREPOSITIONS
        and word not in _CUES
        and word not in _FUNCTION_WORDS
    ]
    out: list[str] = []
    position = 0
    while position < len(raw):
        word = converted[position]
        if word is None:
            latin = lowered[position]
            following = converted[position + 1] if position + 1 < len(raw) else None
            out.append(
                _LATIN_PREPOSITIONS[latin]
                if latin in _LATIN_PREPOSITIONS and following is not None
                else raw[position]
            )
            position += 1
            continue
        if word in _PREPOSITIONS:
            out.append(_PREPOSITIONS[word])
            position += 1
            continue
        if word in _CUES:
            out.append(_CUES[word])
            position += 1
            continue
        previous = lowered[position - 1] if position > 0 else ""
        evidence = (
            previous in _PREPOSITIONS
            or previous in _CUES
            or previous in _LATIN_PREPOSITIONS
            or (position > 0 and raw[position][:1].isupper())
            or content == [position]
        )
        if word in _FUNCTION_WORDS or (not evidence and not raw[position][:1].isupper()):
            if not has_cyrillic(raw[position]):
                out.append(raw[position])
            position += 1
            continue
        foreign = _foreign_name(word)
        if foreign is not None:
            out.append(foreign)
            position += 1
            continue
        run = [position]
        while (
            len(run) < _MAX_SPAN
            and run[-1] + 1 < len(raw)
            and converted[run[-1] + 1] is not None
            and converted[run[-1] + 1] not in _PREPOSITIONS
            and converted[run[-1] + 1] not in _CUES
            and converted[run[-1] + 1] not in _FUNCTION_WORDS
        ):
            run.append(run[-1] + 1)
        found = _best_reading([converted[n] or "" for n in run], probe, has_prefix)
        # Being the only content word is weak evidence for a lower-case word ("погано"): it
        # counts for a town, city or powiat spelt out, not for a village or a guess.
        strong = evidence and (
            previous in _PREPOSITIONS
            or previous in _CUES
            or previous in _LATIN_PREPOSITIONS
            or raw[position][:1].isupper()
        )
        if found is not None and (strong or found.rank >= 2):
            # "у Сопоті" read as "in Sopot": after "w" the resolver would prefer a village whose
            # case form is "sopot"; the Cyrillic ending already told the case. "in" keeps the
            # preposition's evidence that this is where the resident is.
            if (
                is_nominative is not None
                and out
                and out[-1] in _PLAIN_PREPOSITIONS
                and is_nominative(found.key)
            ):
                out[-1] = "in"
            out.append(found.key.title() if raw[position][:1].isupper() else found.key)
            position += found.words
        elif not has_cyrillic(raw[position]):
            # A Latin word that no transliteration explains stays as typed (a Polish typo).
            out.append(raw[position])
            position += 1
        elif strong:
            out.append(_fallback(word))
            position += 1
        else:
            position += 1
    return " ".join(out)
