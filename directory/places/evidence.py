"""Whether a span that is also an ordinary word names a place: the evidence a message gives."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Final

from directory.folding import fold
from directory.morphology import analyser
from directory.places.index import NAMED_UNIT_KINDS, TIER_MAJOR, CompactIndex
from directory.places.lexicon import (
    BEING,
    FOREIGN_CITIES,
    FOREIGN_EXONYMS,
    OBLIQUE_PREPOSITIONS,
    RESIDENCE,
    STRUCTURAL,
)
from directory.places.spans import Span, tokenise

# Final letters people leave without their diacritics (verbs' "-ć", the accusative "-ę"), and
# first ones ("lazience" is łazience), and the letters they stand for; only those two places,
# so "jaslo" stays the town Jasło.
_RESTORED: Final = {"a": "ą", "c": "ć", "e": "ę", "n": "ń", "s": "ś", "z": "żź"}
_RESTORED_FIRST: Final = {"l": "ł", "s": "ś", "z": "żź", "c": "ć"}


@cache
def _is_common_word(token: str, restore: bool = False) -> bool:
    """Whether Morfeusz knows `token` as an ordinary word (not only as a name), as typed or,
    with `restore`, with its first or last letter's diacritic restored ("chodzic" is chodzić,
    "sobote" sobotę, "lazience" łazience)."""
    if "-" in token or not token.isalpha():
        return False
    if _is_common_as_typed(token):
        return True
    if not (restore and token.isascii()):
        return False
    firsts = [token[:1], *_RESTORED_FIRST.get(token[:1], "")]
    lasts = [token[-1:], *_RESTORED.get(token[-1:], "")]
    # Both ends at once too: "spie" is śpię.
    return any(
        _is_common_as_typed(first + token[1:-1] + last)
        for first in firsts
        for last in lasts
        if (first, last) != (token[:1], token[-1:])
    )


@cache
def _is_common_as_typed(token: str) -> bool:
    for _start, _end, (_form, _lemma, tag, names, _q) in analyser().analyse(token):
        if tag == "ign":
            continue
        proper = {"nazwa_geograficzna", "człon_nazwy_geograficznej", "nazwisko", "imię"}
        if not names or not set(names) <= proper:
            return True
    return False


# Each Polish letter a folded word may have lost, anywhere in it ("pokoj" is pokój).
_LOST_DIACRITICS: Final = {
    "a": "ą",
    "c": "ć",
    "e": "ę",
    "l": "ł",
    "n": "ń",
    "o": "ó",
    "s": "ś",
    "z": "żź",
}


@cache
def is_common_anywhere(token: str) -> bool:
    """Whether Morfeusz knows `token` as an ordinary word, as typed or with one letter's
    diacritic restored anywhere in it ("pokoj": pokój, "kolonia")."""
    if "-" in token or not token.isalpha():
        return False
    if _is_common_word(token, restore=True):
        return True
    if not token.isascii():
        return False
    # Two letters at most ("dzialke" is działkę).
    variants = [token]
    for _ in range(2):
        variants = [
            variant[:i] + accented + variant[i + 1 :]
            for variant in variants
            for i, letter in enumerate(variant)
            for accented in _LOST_DIACRITICS.get(letter, "")
        ]
        if any(_is_common_as_typed(variant) for variant in variants):
            return True
    return False


@cache
def is_known_geographic(token: str) -> bool:
    """Whether Morfeusz knows `token` as a geographic name (foreign ones included)."""
    for _start, _end, (_form, _lemma, _tag, names, _q) in analyser().analyse(token):
        if "nazwa_geograficzna" in names:
            return True
    return False


@cache
def _foreign_prefixes() -> frozenset[str]:
    return frozenset(name[:3] for name in FOREIGN_CITIES | FOREIGN_EXONYMS)


@cache
def foreign_city_form(token: str, typed: str) -> bool:
    """Whether Morfeusz reads the word (folded; `typed` as typed, in lower case), written with a
    capital, as a case form of a city abroad ("łuckiem": Łuck, "winnicy": Winnica), whatever else
    it may be."""
    if len(token) < 4 or token[:3] not in _foreign_prefixes():
        return False
    for word in {typed.capitalize(), *_with_diacritics(token)}:
        for _start, _end, (_form, lemma, _tag, names, _q) in analyser().analyse(word):
            city = fold(lemma.split(":")[0])
            if "nazwa_geograficzna" in names and (
                city in FOREIGN_CITIES or city in FOREIGN_EXONYMS
            ):
                return True
    return False


def _with_diacritics(token: str) -> list[str]:
    # The folded word lost its Polish letters; the common ones in these names.
    if token.startswith("l"):
        return ["Ł" + token[1:]]
    if token.startswith("z"):
        return ["Ż" + token[1:]]
    return []


def weak(index: CompactIndex, tokens: Sequence[str], raw: Sequence[str], span: Span) -> bool:
    """A single ordinary word ("dom", "trudna", "siły", "brzegu") names a place only with
    evidence that it does; so does a village part named like a phrase ("W Lesie": "jestem w
    lesie" is in a forest)."""
    if any(
        index.entries[n].kind == "city" and index.entries[n].tier == TIER_MAJOR
        for n in span.entries
    ):
        # A city with powiat rights is what its name means in any message ("w łodzi").
        return False
    if span.end - span.start == 1:
        return is_ordinary(tokens, raw, span.start, restore=True)
    if any(index.entries[n].tier == TIER_MAJOR for n in span.entries):
        return False
    return (
        span.end - span.start == 2
        and tokens[span.start] in OBLIQUE_PREPOSITIONS
        and is_ordinary(tokens, raw, span.start + 1, restore=True)
    )


def place_evidence(
    index: CompactIndex, tokens: Sequence[str], capitalised: Sequence[bool], span: Span
) -> bool:
    """Whether the message says that an ordinary word is a place: written with a capital inside
    a sentence ("nie mam już siły, jestem w Ostrowie"), or after a verb of living and a
    preposition ("mieszkam w ostrowie"); for a town, also after "jestem w" ("jestem w pile").
    "ciągle", "siły", "stoję na brzegu" say nothing."""
    if capitalised[span.start]:
        return True
    before = span.start - 1
    if before >= 0 and tokens[before] in _NEAR_A_TOWN and _a_town(index, span):
        # "w okolicach brzegu", "niedaleko pily": what one lives near is a town.
        return True
    if before < 1 or tokens[before] not in OBLIQUE_PREPOSITIONS | {"in", "at", "near"}:
        return False
    if tokens[before - 1] in RESIDENCE:
        return True
    return tokens[before - 1] in BEING and any(
        index.entries[n].kind in {"town", "city", "district"} for n in span.entries
    )


_NEAR_A_TOWN: Final = frozenset(
    {"okolicach", "okolic", "okolice", "okolicy", "niedaleko", "nieopodal", "kolo", "blisko"}
)


def _a_town(index: CompactIndex, span: Span) -> bool:
    return any(index.entries[n].kind in {"town", "city", "district"} for n in span.entries)


def is_ordinary(
    tokens: Sequence[str], raw: Sequence[str], position: int, *, restore: bool = False
) -> bool:
    """Whether the word is an ordinary Polish word, judged with its diacritics where typed
    ("ciąży" is pregnancy even though "ciazy" folded is unknown); with `restore`, also when
    its last letter's diacritic was left out (for a place name's weakness, not for a typo's:
    "Lśna" misspelt "lsna" is still read as a misspelt name)."""
    return _is_common_word(tokens[position], restore) or (
        len(raw) == len(tokens) and _is_common_word(raw[position], restore)
    )


def ordinary_word_may_be_place(
    index: CompactIndex, tokens: Sequence[str], capitalised: Sequence[bool], span: Span
) -> bool:
    """An ordinary word alone names a place when it is the place's own name ("Las") or a town's
    case form ("Płocku"), or a case form after a preposition of a town or gmina ("w Grodzisku")
    or of a name written with a capital ("w Ogonach"); not "ratunku", "w ciąży", "w lesie"."""
    if tokens[span.start] in OBLIQUE_PREPOSITIONS and span.end - span.start > 1:
        return span.end - span.start == 2 and capitalised[span.start + 1]
    if span.start > 0 and tokens[span.start - 1] in OBLIQUE_PREPOSITIONS:
        return capitalised[span.start] or any(
            index.entries[n].kind in NAMED_UNIT_KINDS for n in span.entries
        )
    # Alone, a town's case form is the town ("Płocku"); a village needs its own name ("Las").
    return bool(span.nominative) or any(
        index.entries[n].kind in NAMED_UNIT_KINDS for n in span.entries
    )


_SENTENCE_END: Final = re.compile(r"[.!?…\n]+")
_CLAUSE_END: Final = re.compile(r"[,;:().!?…\n]+|\s[-–—]+\s")
SPACED_DASH: Final = re.compile(r"\s[-–—]+\s")


def clauses_of(text: str, count: int) -> list[int] | None:
    """For each of the `count` words, the number of its clause (split at punctuation)."""
    numbers: list[int] = []
    for number, clause in enumerate(_CLAUSE_END.split(text)):
        numbers.extend(number for _word in tokenise(clause))
    return numbers if len(numbers) == count else None


def whole_clause(
    index: CompactIndex, tokens: Sequence[str], clauses: Sequence[int] | None, span: Span
) -> bool:
    """Whether a town's name makes a clause of its own, beside the rest of the message
    ("Zakopane, wypadek w górach", "nie daję już rady, Biała Podlaska"): a village's is not
    enough ("Siła, ...")."""
    if clauses is None or not any(
        index.entries[n].kind in {"town", "city", "district"} for n in span.entries
    ):
        return False
    clause = clauses[span.start]
    words = [i for i, number in enumerate(clauses) if number == clause]
    return all(span.start <= i < span.end or tokens[i] in STRUCTURAL for i in words)


def capitalised_words(text: str, count: int) -> list[bool]:
    """For each of the `count` words, whether it was written with a capital letter where a
    sentence does not start; all False when capitals tell nothing (ALL CAPS, Every Word)."""
    flags: list[bool] = []
    inside = 0  # words not starting a sentence
    for sentence in _SENTENCE_END.split(text):
        words = [w for w in fold(sentence, keep_diacritics=True, keep_case=True).split(" ") if w]
        flags.extend(position > 0 and word[:1].isupper() for position, word in enumerate(words))
        inside += max(len(words) - 1, 0)
    title_case = inside >= 3 and sum(flags) == inside
    if len(flags) != count or title_case or not any(ch.islower() for ch in text):
        return [False] * count
    return flags


def raw_tokens(text: str) -> list[str]:
    """The words as typed (lower case, diacritics kept), aligned with `tokenise` when possible."""
    return [t for t in fold(text, keep_diacritics=True).split(" ") if t]


def only_place(tokens: Sequence[str], spans: Sequence[Span]) -> bool:
    """Whether the text is just the (weak) place word plus cue and filler words."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    return all(i in covered or t in STRUCTURAL for i, t in enumerate(tokens))
