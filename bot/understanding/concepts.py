"""Concepts: named sets of lemmas, words, phrases and Cyrillic stems, found in a message's words.

A concept is what a rule talks about ("kill", "self", "negation", "now"), written once for all
four languages: Polish and English lemmas match every inflected form in the form table;
Ukrainian and Russian stems match any word whose sound key starts with the stem's, in Cyrillic or
Latin letters ("вби" matches "вбити", "vbyty"); a word one typo away from a known form or stem
matches too (rapidfuzz, `bot.understanding.lemmas.NearestForm`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import OSA

from bot.understanding.lemmas import MIN_FUZZY_LENGTH, FormTable, NearestForm
from bot.understanding.words import Word, east_key, fold_word, read_words

# Stems shorter than this match only whole words (a two-letter stem would match half the text).
MIN_STEM: Final = 3
# A word misspelt by one letter counts alone from this length on; shorter, it needs a word read
# exactly beside it in the rule ("zajął" is one letter from "zalał", "ходить" from "горить").
STRONG_TYPO_LENGTH: Final = 6
# Two swapped letters or a doubled one are undone in words of at least this many letters ("dei").
MIN_SWAP_LENGTH: Final = 3
# The shortest romanised stem a transliterated word is compared with letter by letter.
LATIN_TYPO_STEM: Final = 6
# The shortest stem a word in Latin letters is matched against by its start.
MIN_LATIN_STEM: Final = 4
# The concept every number carries ("30 tabletek", "10 piętro").
NUMBER: Final = "number"
# Common English and Polish words whose sound key is also a Ukrainian/Russian word or stem
# ("but" sounds like "бьют", "be" like "б'є"): never read as Ukrainian or Russian.
LATIN_NOT_EAST: Final = frozenset(
    [
        "a",
        "i",
        "o",
        "u",
        "be",
        "but",
        "bit",
        "by",
        "to",
        "te",
        "ten",
        "ta",
        "no",
        "na",
        "ni",
        "nie",
        "mi",
        "me",
        "my",
        "mu",
        "on",
        "ona",
        "ono",
        "se",
        "si",
        "so",
        "do",
        "od",
        "po",
        "za",
        "ze",
        "we",
        "is",
        "it",
        "in",
        "at",
        "as",
        "an",
        "and",
        "or",
        "of",
        "the",
        "she",
        "he",
        "us",
        "you",
        "bo",
        "co",
    ]
)


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_ROMAN: Final = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye",
        "ё": "yo", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
        "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "'": "", "ʼ": "",
    }
)  # fmt: skip


def romanise(cyrillic: str) -> str:
    """One common Latin spelling of a Ukrainian or Russian word: "поконч" → "pokonch"."""
    return cyrillic.lower().translate(_ROMAN)


@dataclass(frozen=True)
class Concept:
    """One thing a rule may look for, in every language.

    `pl` and `en` are lemmas (every form matches); `words` are exact words in any Latin-script
    language (slang, particles, set forms); `east` are Ukrainian/Russian stems in Cyrillic (any
    word starting with one matches) and `east_words` whole Ukrainian/Russian words; `phrases`
    are runs of words ("used to", "lat temu", "років тому"), matched on folded words or sound
    keys. `tenses`, when set, keeps only Polish/English forms in those tenses.
    """

    name: str
    pl: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    east: tuple[str, ...] = ()
    east_words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    tenses: frozenset[str] | None = None
    # The `east` stems romanised ("поконч" → "pokonch"), for typos in transliteration.
    east_latin: tuple[str, ...] = ()


def concept(
    name: str,
    *,
    pl: str = "",
    en: str = "",
    words: str = "",
    east: str = "",
    east_words: str = "",
    phrases: str = "",
    tenses: Iterable[str] | None = None,
) -> Concept:
    """A Concept from space-separated lists; `phrases` separated by commas."""
    return Concept(
        name=name,
        pl=_split(pl),
        en=_split(en),
        words=tuple(fold_word(word) for word in _split(words)),
        east=tuple(east_key(stem) for stem in _split(east)),
        east_words=tuple(east_key(word) for word in _split(east_words)),
        phrases=tuple(
            tuple(word.key if word.cyrillic else word.folded for word in read_words(phrase))
            for phrase in phrases.split(",")
            if phrase.strip()
        ),
        tenses=None if tenses is None else frozenset(tenses),
        east_latin=tuple(romanise(stem) for stem in _split(east)),
    )


@dataclass(frozen=True, slots=True)
class Found:
    """A concept found at one word (the first word of a phrase)."""

    concept: str
    index: int
    sentence: int
    clause: int = 0
    # Read one typo away in a short word: too weak to make a rule hold on its own.
    weak: bool = False
    # Read one typo away at all: it may help a rule hold, never cancel one ("gaping" is not
    # "gaming", so it must not make "I cut my arm open" fiction).
    guessed: bool = False


def _deletions(text: str) -> set[str]:
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def _latin_forms(concepts: Sequence[Concept], table: FormTable) -> dict[str, frozenset[str]]:
    """Folded Latin form → the concepts it carries (every form of a lemma, and exact words)."""
    by_lemma: dict[str, list[Concept]] = defaultdict(list)
    for item in concepts:
        for lemma in (*item.pl, *item.en):
            by_lemma[lemma].append(item)
    forms: dict[str, set[str]] = defaultdict(set)
    for form, readings in table.forms.items():
        for reading in readings:
            for item in by_lemma.get(reading.lemma, ()):
                if item.tenses is None or reading.tense in item.tenses:
                    forms[form].add(item.name)
    for item in concepts:
        for word in item.words:
            forms[word].add(item.name)
    return {form: frozenset(names) for form, names in forms.items()}


def _phrase_index(concepts: Sequence[Concept]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word of a phrase → (the phrase, its concept)."""
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for item in concepts:
        for phrase in item.phrases:
            if phrase:
                phrases[phrase[0]].append((phrase, item.name))
    return phrases


class _EastIndex:
    """Ukrainian and Russian words and stems by sound key, exactly and one typo away."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.stems: dict[str, set[str]] = defaultdict(set)
        self._near: dict[str, set[str]] = defaultdict(set)
        # Romanised stems of LATIN_TYPO_STEM letters and more, by their deletions: a typo in a
        # transliterated word is a typo in letters, not in sound keys ("pokoschu" is
        # "pokonchu" with one letter changed, but its key is two letters from "pokonq").
        self._latin: dict[str, set[str]] = defaultdict(set)
        self._latin_near: dict[str, set[str]] = defaultdict(set)
        for item in concepts:
            for word in item.east_words:
                self.exact[word].add(item.name)
            for stem in item.east:
                self._add_stem(stem, item.name)
            for latin in item.east_latin:
                if len(latin) >= LATIN_TYPO_STEM:
                    self._latin[latin].add(item.name)
                    for variant in {latin} | _deletions(latin):
                        self._latin_near[variant].add(latin)
        self._latin_lengths = tuple(sorted({len(latin) for latin in self._latin}))
        self.stem_lengths = tuple(sorted({len(stem) for stem in self.stems}))
        # Whole Ukrainian/Russian words, one typo away ("помогитэ"), by their deletions too.
        self._word_near: dict[str, set[str]] = defaultdict(set)
        for word in self.exact:
            if len(word) >= MIN_FUZZY_LENGTH:
                for variant in {word} | _deletions(word):
                    self._word_near[variant].add(word)

    def _add_stem(self, stem: str, name: str) -> None:
        if len(stem) < MIN_STEM:
            self.exact[stem].add(name)
            return
        self.stems[stem].add(name)
        if len(stem) >= MIN_FUZZY_LENGTH:
            for variant in {stem} | _deletions(stem):
                self._near[variant].add(stem)

    def read(self, key: str, cyrillic: bool, shortest: int = MIN_LATIN_STEM) -> set[str]:
        """Concepts of a key read exactly: a whole word, or a word starting with a stem (of at
        least `shortest` letters in a Latin word)."""
        names = set(self.exact.get(key, ()))
        for length in self.stem_lengths:
            if length > len(key):
                break
            # A Latin word needs a longer stem: "lod" (лід, ice) must not read "Lodz".
            if cyrillic or length >= shortest or length == len(key):
                names |= self.stems.get(key[:length], set())
        return names

    def longest_stem(self, key: str) -> int:
        """The length of the longest stem the key starts with (0 if none)."""
        return max(
            (length for length in self.stem_lengths if key[:length] in self.stems),
            default=0,
        )

    def near(self, key: str) -> set[str]:
        """Concepts of a key one typo away from a known word or stem."""
        if len(key) < MIN_FUZZY_LENGTH:
            return set()
        names: set[str] = set()
        for variant in {key} | _deletions(key):
            for word in self._word_near.get(variant, ()):
                if word[0] == key[0] and OSA.distance(word, key) <= 1:
                    names |= self.exact[word]
        for stem in self._near_stems(key):
            distance = min(
                OSA.distance(stem, key[:size])
                for size in (len(stem) - 1, len(stem), len(stem) + 1)
                if size <= len(key)
            )
            if distance <= 1:
                names |= self.stems[stem]
        return names

    def near_latin(self, folded: str) -> set[str]:
        """Concepts of a Latin word whose start is one typo from a romanised stem."""
        candidates: set[str] = set()
        for length in self._latin_lengths:
            for size in (length - 1, length, length + 1):
                if size > len(folded):
                    continue
                prefix = folded[:size]
                for variant in {prefix} | _deletions(prefix):
                    candidates |= self._latin_near.get(variant, set())
        names: set[str] = set()
        for latin in candidates:
            if latin[0] != folded[0]:
                continue
            sizes = (len(latin) - 1, len(latin), len(latin) + 1)
            if min(OSA.distance(latin, folded[:size]) for size in sizes) <= 1:
                names |= self._latin[latin]
        return names

    def _near_stems(self, key: str) -> set[str]:
        stems: set[str] = set()
        for length in self.stem_lengths:
            if length < MIN_FUZZY_LENGTH or length > len(key) + 1:
                continue
            for size in (length - 1, length, length + 1):
                prefix = key[:size]
                if len(prefix) == size:
                    for variant in {prefix} | _deletions(prefix):
                        stems |= self._near.get(variant, set())
        return {stem for stem in stems if stem[0] == key[0]}


_REPEATED: Final = re.compile(r"(.)\1+")
# An infinitive ending: a long Cyrillic verb read only one typo away is mostly an ordinary verb
# ("поїхати" is not "пожежа", "поверить" is not "повеситься"), so the guess is weak — it helps a
# rule hold beside a word read exactly ("пкончить с жизнью"), never on its own.
_INFINITIVE: Final = re.compile(r"(?:ити|ати|яти|іти|їти|ети|ить|ать|ять|еть|ыть|уть|ути)$")
_INFINITIVE_GUESS_MIN: Final = 7


def _an_infinitive(word: Word) -> bool:
    """A long Cyrillic word with an infinitive ending."""
    return (
        word.cyrillic
        and len(word.folded) >= _INFINITIVE_GUESS_MIN
        and bool(_INFINITIVE.search(word.folded))
    )


def _swaps_and_doubles(word: str) -> list[str]:
    """The word with one doubled letter undone, or two neighbouring letters swapped back, or
    every repeated letter written once ("zyyyyc", "dieeee")."""
    variants = [word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]]
    if _REPEATED.search(word):
        variants.append(_REPEATED.sub(r"\1", word))
    variants += [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(1, len(word) - 1)
        if word[i] != word[i + 1]
    ]
    return variants


def _never_a_typo(_folded: str) -> bool:
    return False


def _phrase_part(word: Word, by_key: bool) -> str:
    """The form of `word` a phrase part is compared with (see `ConceptIndex._phrases_at`)."""
    if word.cyrillic or by_key:
        return word.key
    return word.folded


class ConceptIndex:
    """Finds concepts in words: exact forms, stems and phrases, then one typo away.

    `is_word` says whether a folded Latin word is a real word of its own (a dictionary word or
    a place name: "powodu", "Zakopanem"); such a word is never read as a typo of another.
    `common_east` are Cyrillic words never read as concepts although their sound key is one
    ("был" sounds like "бил"). A word glued to its negation ("niechce", "нехочу") reads as both.
    """

    def __init__(
        self,
        concepts: Sequence[Concept],
        table: FormTable,
        *,
        is_word: Callable[[str], bool] = _never_a_typo,
        common_east: Iterable[str] = (),
        negation: str = "neg",
    ) -> None:
        """Index `concepts` over the form table `table`."""
        self.concepts = {item.name: item for item in concepts}
        self._forms = _latin_forms(concepts, table)
        # Every form of the table counts as known (an exact word is never "corrected"), and a
        # known Polish or English word is never read as Ukrainian or Russian ("był" is not "бил").
        self._table_forms = frozenset(table.forms)
        self._known = self._table_forms | frozenset(self._forms)
        self._nearest_form = NearestForm(self._forms)
        self._east = _EastIndex(concepts)
        self._phrases = _phrase_index(concepts)
        self._is_word = is_word
        self._common_east = frozenset(word.lower() for word in common_east)
        # The same words in Latin letters ("nachalnik"), matched by their sound key.
        self._common_east_keys = frozenset(east_key(word.lower()) for word in common_east)
        self._negation = negation
        self._lookup = lru_cache(maxsize=65536)(self._word_concepts)

    def find(self, words: Sequence[Word]) -> list[Found]:
        """Every concept found in `words`, in word order."""
        found: list[Found] = []
        for word in words:
            # A common Cyrillic word carries no concept of its own, but may begin a phrase
            # ("просто эмоции", "было давно").
            if not self._common_word(word):
                names, fuzzy = self._lookup(word.folded, word.key, word.cyrillic, word.text)
                weak = fuzzy and (
                    len(word.key if word.cyrillic else word.folded) < STRONG_TYPO_LENGTH
                    or _an_infinitive(word)
                )
                found.extend(
                    Found(name, word.index, word.sentence, word.clause, weak, fuzzy)
                    for name in names
                )
            found.extend(self._phrases_at(words, word))
        return found

    def _common_word(self, word: Word) -> bool:
        """A common Ukrainian or Russian word, in Cyrillic or Latin letters (not a Polish or
        English word that sounds the same: "może")."""
        if word.cyrillic:
            return word.text in self._common_east
        return word.key in self._common_east_keys and word.folded not in self._table_forms

    def _phrases_at(self, words: Sequence[Word], word: Word) -> list[Found]:
        """The phrases starting at `word`: Latin words by their folded form, Cyrillic ones by
        their sound key, and Latin ones by their sound key too, for a Ukrainian or Russian
        phrase in transliteration ("krashche b mene ne bulo")."""
        found: list[Found] = []
        names: set[str] = set()
        for by_key in (False,) if word.cyrillic else (False, True):
            for phrase, name in self._phrases.get(_phrase_part(word, by_key), ()):
                end = word.index + len(phrase)
                if name in names or end > len(words):
                    continue
                if all(
                    _phrase_part(other, by_key) == part
                    for other, part in zip(words[word.index : end], phrase, strict=True)
                ):
                    names.add(name)
                    found.append(Found(name, word.index, word.sentence, word.clause))
        return found

    def concepts_of(self, text: str) -> frozenset[str]:
        """The concepts one word carries, exactly or one typo away (for tests and tools)."""
        words = read_words(text)
        if len(words) != 1:
            raise ValueError("one word expected")
        word = words[0]
        if word.cyrillic and word.text in self._common_east:
            return frozenset()
        return self._lookup(word.folded, word.key, word.cyrillic, word.text)[0]

    def _word_concepts(
        self, folded: str, key: str, cyrillic: bool, typed: str = ""
    ) -> tuple[frozenset[str], bool]:
        if cyrillic:
            return self._cyrillic_concepts(folded, key)
        names = set(self._forms.get(folded, frozenset()))
        if folded.isdigit():
            names.add(NUMBER)
        if folded in self._table_forms:
            # A known Polish or English word is never read as Ukrainian or Russian.
            return frozenset(names), False
        if folded not in LATIN_NOT_EAST:
            names |= self._east.read(key, cyrillic=False)
        if folded in self._known:
            return frozenset(names), False
        if self._a_word_of_its_own(folded, typed):
            # Not a typo ("powodu" is not "powodzi")... unless a letter fell out of a longer
            # known word: "pistole" is a rare word but mostly "pistolet".
            dropped: set[str] = set()
            for nearest in self._nearest_form.nearest(folded):
                if len(nearest) == len(folded) + 1:
                    dropped |= self._forms.get(nearest, frozenset())
            return frozenset(names | dropped), bool(dropped) and not names
        if names:
            # Transliterated Ukrainian/Russian or a misspelt Polish or English word ("brathing"
            # starts like "брат" but is "breathing"): both readings count.
            for nearest in self._nearest_form.nearest(folded):
                names |= self._forms.get(nearest, frozenset())
            return frozenset(names), False
        glued = self._glued_negation(folded, "nie")
        if glued:
            return glued
        return self._latin_typo(folded, key)

    def _a_word_of_its_own(self, folded: str, typed: str) -> bool:
        # Short words are not asked: the dictionary knows most three-letter strings ("dei").
        if len(folded) < MIN_FUZZY_LENGTH:
            return False
        return self._is_word(folded) or (typed != folded and self._is_word(typed))

    def _cyrillic_concepts(self, folded: str, key: str) -> tuple[frozenset[str], bool]:
        names = self._east.read(key, cyrillic=True)
        if names and self._east.longest_stem(key) * 2 < len(key) >= MIN_FUZZY_LENGTH * 2:
            # A long word read only by a short stem may be a typo of a longer one:
            # "світомості" starts like "світ" (world) but is "свідомості" (consciousness).
            names |= self._east.near(key)
        if names:
            return frozenset(names), False
        if folded.startswith("не") and len(folded) > len("не") + 2:
            rest = folded[2:]
            rest_names, fuzzy = self._lookup(rest, east_key(rest), True, rest)
            if rest_names:
                return rest_names | {self._negation}, fuzzy
        once = _REPEATED.sub(r"\1", key)
        if once != key:
            # "помогиииите", "дааа": every repeated letter written once.
            names = self._east.read(once, cyrillic=True)
            if names:
                return frozenset(names), False
        near = self._east.near(key)
        return frozenset(near), bool(near)

    def _glued_negation(self, folded: str, prefix: str) -> tuple[frozenset[str], bool] | None:
        """ "niechce" → negation and "chce", when the rest is a word the concepts know."""
        if not folded.startswith(prefix) or len(folded) < len(prefix) + 3:
            return None
        rest = folded[len(prefix) :]
        names, fuzzy = self._lookup(rest, east_key(rest), False, rest)
        if not names or rest not in self._known:
            return None
        return names | {self._negation}, fuzzy

    def _latin_typo(self, folded: str, key: str) -> tuple[frozenset[str], bool]:
        """A Latin word one typo away: a misspelt Polish or English word ("brathing" is
        "breathing") or transliterated Ukrainian/Russian ("pokocnhu" is "pokonchu")."""
        swapped: set[str] = set()
        # Two letters swapped or one doubled, in words too short for a general typo ("wnat").
        if len(folded) >= MIN_SWAP_LENGTH:
            for variant in _swaps_and_doubles(folded):
                swapped |= self._forms.get(variant, frozenset())
                # Only long stems: "started" swapped is "statred", which starts like "стат".
                swapped |= self._east.read(east_key(variant), False, shortest=MIN_FUZZY_LENGTH)
        typo = set(swapped)
        for nearest in self._nearest_form.nearest(folded):
            typo |= self._forms.get(nearest, frozenset())
        typo |= self._east.near(key)
        if len(folded) >= LATIN_TYPO_STEM:
            typo |= self._east.near_latin(folded)
        # Undoing a swap or a double is surer than any other correction: from four letters on
        # it reads like the word itself ("bjie" is "bije").
        surer = bool(swapped) and len(folded) > MIN_SWAP_LENGTH
        return frozenset(typo), bool(typo) and not surer
