"""Words of a message: sentences, folded forms and a sound key for Cyrillic and its transliteration.

Folding reuses the place resolver's (`directory.folding.strip_diacritics`): "Chcę się ZABIĆ" and
"chce sie zabic" give the same words. Ukrainian and Russian are written in Cyrillic or, on a Latin
keyboard, in a loose transliteration ("ne khochu zhyty", "hochu umeret", "vin mene vbye"); both
are reduced to one lossy sound key (`east_key`) so one list of Cyrillic stems serves all of them:
г/ґ/х/g/h/kh → h, и/і/ї/й/ы/y/j → i, я/ya/ja → a, ю/yu → u, є/ё/ye/yie/yo → e, ц/ts → c,
ж/zh → x, ш/щ/sh/shch → w, ч/ch → q, soft and hard signs and apostrophes dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from directory.folding import strip_diacritics

# Letters and digits, with an apostrophe inside a word kept to the word ("don't", "б'є").
_WORD: Final = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
# Where one sentence ends and the next begins: rules never combine words across it.
_SENTENCE_END: Final = re.compile(r"[.!?…;\n]+")
# Where a clause ends inside a sentence: "kiedyś mnie bił, teraz mieszkam sama" says "kiedyś"
# of the first clause only.
_CLAUSE_END: Final = re.compile(r"[,:()\u2013\u2014]+|\s-\s")
_APOSTROPHES: Final = str.maketrans("", "", "'’ʼ`")
_CYRILLIC_LETTER: Final = re.compile(r"[\u0400-\u04ff]")

_CYRILLIC_KEY: Final = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "h",
        "ґ": "h",
        "д": "d",
        "е": "e",
        "є": "e",
        "ё": "e",
        "ж": "x",
        "з": "z",
        "и": "i",
        "і": "i",
        "ї": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "c",
        "ч": "q",
        "ш": "w",
        "щ": "w",
        "ъ": "",
        "ы": "i",
        "ь": "",
        "э": "e",
        "ю": "u",
        "я": "a",
    }
)
# Latin transliterations, longest first; each sound is one letter of the key (ж x, ш/щ w, ч q),
# so one typo in a word is one edit of its key. Digraphs become upper-case marks first, so the
# letter-by-letter step after them (w → v, y → i) leaves them alone.
_LATIN_KEY: Final = (
    ("shch", "W"),
    ("szcz", "W"),
    ("sch", "W"),
    ("sz", "W"),
    ("sh", "W"),
    ("cz", "Q"),
    ("ch", "Q"),
    ("zh", "X"),
    ("rz", "X"),
    ("kh", "H"),
    ("ts", "C"),
    ("ya", "A"),
    ("ja", "A"),
    ("ia", "A"),
    ("yu", "U"),
    ("ju", "U"),
    ("iu", "U"),
    ("ye", "E"),
    ("je", "E"),
    ("yo", "E"),
    ("yie", "E"),
    ("jo", "E"),
)
_LATIN_LETTERS: Final = str.maketrans({"y": "i", "j": "i", "w": "v", "g": "h", "q": "k", "x": "ks"})
_LATIN_PATTERN: Final = re.compile("|".join(latin for latin, _key in _LATIN_KEY))
_LATIN_MAP: Final = dict(_LATIN_KEY)


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a message, in the forms the matchers need."""

    text: str  # lower case as written, apostrophes dropped ("б'є" → "бє", "don't" → "dont")
    folded: str  # without diacritics ("zabiję" → "zabije")
    key: str  # the sound key shared by Cyrillic and its Latin transliteration
    cyrillic: bool
    index: int  # position in the message
    sentence: int  # which sentence of the message it is in
    clause: int  # which clause of the message (sentences split at commas and dashes)


def fold_word(text: str) -> str:
    """A word in lower case, without diacritics or apostrophes: "Zabiję" → "zabije"."""
    return strip_diacritics(text.lower().translate(_APOSTROPHES))


@lru_cache(maxsize=65536)
def east_key(word: str) -> str:
    """The sound key of a Ukrainian or Russian word in Cyrillic or Latin letters.

    "вб'є", "vbye" → "vbe"; "хочу", "khochu", "hochu" → "hoqu"; "жити", "zhyty" → "xiti".
    """
    lowered = word.lower().translate(_APOSTROPHES)
    if _CYRILLIC_LETTER.search(lowered):
        return lowered.translate(_CYRILLIC_KEY)
    latin = strip_diacritics(lowered)
    latin = _LATIN_PATTERN.sub(lambda match: _LATIN_MAP[match.group(0)], latin)
    return latin.translate(_LATIN_LETTERS).lower()


def read_words(text: str) -> tuple[Word, ...]:
    """The words of `text`, in order, each with its sentence and clause number."""
    words: list[Word] = []
    clause = 0
    for sentence, part in enumerate(_SENTENCE_END.split(text)):
        for piece in _CLAUSE_END.split(part):
            for match in _WORD.finditer(piece):
                surface = match.group(0).lower().translate(_APOSTROPHES)
                words.append(
                    Word(
                        text=surface,
                        folded=strip_diacritics(surface),
                        key=east_key(surface),
                        cyrillic=_CYRILLIC_LETTER.search(surface) is not None,
                        index=len(words),
                        sentence=sentence,
                        clause=clause,
                    )
                )
            clause += 1
    return tuple(words)
