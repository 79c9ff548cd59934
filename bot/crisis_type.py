"""The crisis type a resident's free text speaks of, with a score per type, and their needs.

One place for the fact: the dialogue, the place lookup (which words told the topic) and the
bench all read a message's topic here. Built on the language layer of the danger screening
(bot/understanding: folded words, Polish and English lemmas, Ukrainian and Russian stems in
Cyrillic or Latin letters, one typo tolerated) with its own lexicon (bot/crisis_lexicon.py):
concepts give words a meaning, cues say which type concepts speak for and how strongly.

How a type is chosen, by the labelling rule of tests/data/understanding/README.md: every type
whose cues add up to FITS fits, and the first that fits in the order suicidal > violence >
disaster > addiction > bereavement > child > mental > other wins ("mąż pije i mnie bije" is
violence). Then the reading is sure. When none fits, the highest score is only the likeliest
("nie radzę sobie", a screening alarm on its own): the dialogue asks, with that type first.
A child named, or fear, with nothing else said is sure of its type (ON_THEIR_OWN).
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

from bot.crisis_lexicon import CONCEPTS, CUES, FITS, Cue
from bot.language import detect_language
from bot.screening import Danger, Screening, screen
from bot.screening import concept_index as danger_index
from bot.screening_lexicon import CONCEPTS as SCREENING_CONCEPTS
from bot.understanding import ConceptIndex, Found, Word, apply_rules, form_table, read_words
from bot.understanding.lemmas import FormTable, Reading, parse_table
from directory.crisis import CrisisType, Need
from directory.morphology import analyser

FORMS_PATH: Final = Path(__file__).resolve().parent / "data" / "crisis_forms.json.gz"

# The labelling rule's order: the first type that fits wins.
PRIORITY: Final = (
    CrisisType.SUICIDAL,
    CrisisType.VIOLENCE,
    CrisisType.DISASTER,
    CrisisType.ADDICTION,
    CrisisType.BEREAVEMENT,
    CrisisType.CHILD,
    CrisisType.MENTAL,
    CrisisType.OTHER,
)

# What a danger the screening found says of the type. Only a hint: the screening favours recall
# ("nie daję już rady" is screened as suicidal so that 112 comes first), so on its own it makes
# a type the likeliest, never sure; the words of the message decide.
DANGER_HINTS: Final[dict[Danger, tuple[CrisisType, float]]] = {
    Danger.SUICIDAL: (CrisisType.SUICIDAL, 0.6),
    Danger.PLAN_MEANS: (CrisisType.SUICIDAL, 0.6),
    Danger.SELF_HARM: (CrisisType.SUICIDAL, 0.6),
    Danger.OVERDOSE: (CrisisType.SUICIDAL, 0.6),
    Danger.VIOLENCE: (CrisisType.VIOLENCE, 0.6),
    Danger.DISASTER: (CrisisType.DISASTER, 0.6),
    Danger.MISSING: (CrisisType.CHILD, 0.6),
    Danger.CHILD: (CrisisType.CHILD, 0.3),
}

# Hints that make their type sure when nothing else is said (bot/crisis_lexicon.py): a child
# named, fear. Beside another type's words they only hint ("I can't pay rent and I'm scared").
ON_THEIR_OWN: Final[dict[CrisisType, str]] = {
    CrisisType.CHILD: "child:child",
    CrisisType.MENTAL: "mental:fear",
}
# A Cyrillic word read one typo away from a stem counts from this length on.
LONG_EAST_TYPO: Final = 7
# Words a cue may hold on that still help the place lookup ("mieszkam w domu w Pruszkowie").
_KEPT_FOR_PLACES: Final = frozenset({"w", "z", "we", "ze", "na", "u", "v", "in", "at"})
# A negation cancels a negatable cue right before its word ("nie piję", "I don't drink"), or
# one word earlier across one of these ("nie mam depresji", "mnie nie bije", "już nie pije");
# "I can't stop drinking" is not negated.
_BRIDGES: Final = "mam ma masz mamy maja mnie mi go jej juz wcale jest sa byl bylo have has am is"
NEGATION_BRIDGES: Final = frozenset(_BRIDGES.split())
# The age words after a number that make it a person's age ("15 lat", "16-latka", "7 років").
_AGE_WORDS: Final = ("lat", "latk", "letn", "year", "yo", "let", "rok", "rik", "roc", "hod")
_CHILD_AGE: Final = 17
# A letter only Polish has among the languages read: the message is Polish, not transliterated.
_POLISH_LETTER: Final = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
_WORD_IN_TEXT: Final = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
# A capitalised word right after these is a place ("mieszkamy w Spale"), not a topic word.
_BEFORE_A_PLACE: Final = frozenset({"w", "we", "kolo", "pod", "okolicy", "gmina", "gminie"})

_NEEDS_OF_CONCEPT: Final[dict[str, Need]] = {
    "alcohol": Need.ALCOHOL,
    "drugs": Need.DRUGS,
    "gambling": Need.GAMBLING,
    "bets": Need.GAMBLING,
    "lose_money": Need.GAMBLING,
    "play": Need.GAMBLING,
    "missing": Need.MISSING,
    "run_away": Need.MISSING,
}

_AGE: Final = r"(?:[5-9]|1[0-7])"
# The writer's own age only ("mam 15 lat", "I'm 16"): "mój syn ma 15 lat" is a parent writing.
# Matched against the message's folded words joined by spaces.
_YOUNG_LATIN: Final = re.compile(
    rf"\b(?:mam {_AGE} (?:lat|lata|latka)|mam (?:nascie|kilkanascie) lat|"
    rf"im {_AGE}|i am {_AGE}|jestem nastolat\w*|jestem w (?:[1-8] )?klasie|"
    rf"jestem uczni\w*|jestem uczennic\w*|jestem dzieckiem|im a (?:teen|kid|child)\w*|"
    rf"i am a (?:teen|kid|child)\w*|meni {_AGE} (?:rok|rik)\w*|mne {_AGE} (?:let|hod|god)\w*)\b"
)
_YOUNG_CYRILLIC: Final = re.compile(rf"(?:мені|мне) {_AGE}(?!\d)")


@dataclass(frozen=True)
class CrisisReading:
    """What one message says of the crisis: a score per type, the type, and how sure."""

    scores: dict[CrisisType, float] = field(default_factory=dict)
    # The type that fits first by the labelling rule, else the highest score; None: no topic.
    likeliest: CrisisType | None = None
    # Whether `likeliest` fits (its cues reach FITS): then the dialogue uses it without asking.
    sure: bool = False
    # The particulars that decide which lines fit (codes, never text).
    needs: frozenset[Need] = frozenset()
    # Names of the cues that held (for the bench and tests; never stored or logged).
    reasons: tuple[str, ...] = ()

    @property
    def crisis(self) -> CrisisType | None:
        """The type when sure, else None."""
        return self.likeliest if self.sure else None


NO_TOPIC: Final = CrisisReading()


def _merge(*tables: FormTable) -> FormTable:
    forms: dict[str, tuple[Reading, ...]] = {}
    for table in tables:
        for form, readings in table.forms.items():
            forms[form] = tuple(dict.fromkeys((*forms.get(form, ()), *readings)))
    return FormTable(forms)


@cache
def crisis_forms() -> FormTable:
    """The bundled form table of the crisis lexicon's lemmas (loaded once)."""
    with gzip.open(FORMS_PATH, "rt", encoding="utf-8") as handle:
        return parse_table(json.load(handle))


@cache
def _both_tables() -> FormTable:
    # The screening's forms count as known words too, so a Polish word is never read as
    # Ukrainian ("był" is not "бил") whichever lexicon names it.
    return _merge(form_table(), crisis_forms())


@cache
def concept_index() -> ConceptIndex:
    """The crisis-type concepts over both form tables (built once)."""
    return ConceptIndex(CONCEPTS, _both_tables())


def _negated(cue: Cue, indices: Sequence[int], negations: set[int], words: Sequence[Word]) -> bool:
    """Whether a negation stands just before the cue's words in their clause ("nie piję")."""
    if not cue.negatable:
        return False
    for index in indices:
        if index - 1 in negations and words[index - 1].clause == words[index].clause:
            return True
        if (
            index - 2 in negations
            and words[index - 2].clause == words[index].clause
            and words[index - 1].folded in NEGATION_BRIDGES
        ):
            return True
    return False


def _names_a_young_person(words: Sequence[Word]) -> bool:
    """An age under 18 ("córka ma 16 lat", "15-latek", "my son is 14 years old")."""
    return any(
        word.folded.isdigit()
        and int(word.folded) <= _CHILD_AGE
        and (following.folded.startswith(_AGE_WORDS) or following.key.startswith(_AGE_WORDS))
        for word, following in itertools.pairwise(words)
    )


def _capitalised(text: str, words: Sequence[Word]) -> frozenset[int]:
    """The positions of the words written with a capital (a place, more likely than a typo)."""
    surfaces = [match.group(0) for match in _WORD_IN_TEXT.finditer(text)]
    if len(surfaces) != len(words):
        return frozenset()
    return frozenset(index for index, surface in enumerate(surfaces) if surface[:1].isupper())


@cache
def _exact_vocabulary() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(Latin forms and words, whole Ukrainian/Russian words, their stems) read exactly."""
    # Both lexicons: the screening's readings are checked the same way for the place lookup.
    concepts = (*CONCEPTS, *SCREENING_CONCEPTS)
    latin = set(_both_tables().forms) | {word for item in concepts for word in item.words}
    latin |= {phrase[0] for item in concepts for phrase in item.phrases}
    east_words = {word for item in concepts for word in item.east_words}
    east_words |= {phrase[0] for item in concepts for phrase in item.phrases}
    stems = tuple(sorted({stem for item in concepts for stem in item.east}))
    return frozenset(latin), frozenset(east_words), stems


@lru_cache(maxsize=65536)
def _polish_word(surface: str) -> bool:
    """Whether Morfeusz knows `surface` as a Polish word or name."""
    if not surface.isalpha():
        return False
    return any(tag != "ign" for _s, _e, (_f, _l, tag, _n, _q) in analyser().analyse(surface))


def _counts(word: Word, capitalised: bool, polish_or_english: bool) -> bool:
    """Whether the concepts read in `word` count: read exactly, or plausibly a typo or Ukrainian.

    A Latin word the lexicon names as written counts. Any other reading of it (one typo away,
    or a Ukrainian/Russian stem in transliteration) does not when the word is capitalised (a
    place more often than a misspelling: "Zakopane" is not "zalane", "Pradze" not "prądzie")
    or when Morfeusz knows it as a Polish word in a message written in Polish or English
    ("piątym", "mam", "siniaki" are those words, not "pijatym", "мам" or "сина"; in
    "ne hochu zhit" they are Russian). A Cyrillic word read by a stem counts; one read one
    typo away only when it is long and not capitalised ("ходити" is not "горить").
    """
    latin, east_words, stems = _exact_vocabulary()
    if word.cyrillic:
        if word.key in east_words or word.key.startswith(stems):
            return True
        # One typo away counts only in a long word: "ходити" is not "горить".
        return not capitalised and len(word.key) >= LONG_EAST_TYPO
    if word.folded in latin:
        return True
    return not capitalised and not (polish_or_english and _polish_word(word.text))


def _writer_is_young(words: Sequence[Word], text: str) -> bool:
    joined = " ".join(word.key if word.cyrillic else word.folded for word in words)
    return bool(_YOUNG_LATIN.search(joined) or _YOUNG_CYRILLIC.search(text.lower()))


def read_crisis(text: str, screening: Screening | None = None) -> CrisisReading:
    """Read the crisis type and needs of `text`; `screening` is its danger screening if made."""
    words = read_words(text)
    if not words:
        return NO_TOPIC
    found = _found(text, words)
    return _reading(words, text, found, screening if screening is not None else screen(text))


def _found(text: str, words: Sequence[Word]) -> list[Found]:
    """The concepts of the crisis lexicon in `words` (read from `text`) that count."""
    return plausible_readings(text, words, concept_index().find(words))


def plausible_readings(text: str, words: Sequence[Word], found: Sequence[Found]) -> list[Found]:
    """The concepts found in `words` (read from `text`) whose readings count (see `_counts`).

    A capitalised town name is never a topic word ("Piła" is not "she drank"), nor is a
    capitalised word right after "w" ("mieszkamy w Spale" is not "I will burn").
    """
    capitals = _capitalised(text, words)
    polish_or_english = (
        detect_language(text) in {"pl", "en"} or _POLISH_LETTER.search(text) is not None
    )
    towns = _town_words()
    named_places = {
        index
        for index in capitals
        if words[index].folded in towns
        or (index > 0 and words[index - 1].folded in _BEFORE_A_PLACE)
    }
    return [
        item
        for item in found
        if item.index not in named_places
        and _counts(words[item.index], item.index in capitals, polish_or_english)
    ]


@cache
def _town_words() -> frozenset[str]:
    """Every folded word of every town's name in any case ("pila", "pile", "gorze")."""
    from directory.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    return frozenset(
        word
        for town in gazetteer.towns
        for key in gazetteer.match_keys.get(town.name, ())
        for word in key.split()
    )


def _add_context(
    words: Sequence[Word],
    text: str,
    screening: Screening,
    scores: dict[CrisisType, float],
    reasons: list[str],
) -> set[Need]:
    """Add what the danger screening and the writer's age say to `scores`; the needs they show."""
    needs: set[Need] = set()
    hinted: dict[CrisisType, float] = {}
    for danger in screening.dangers:
        hint = DANGER_HINTS.get(danger)
        if hint is not None:
            hinted[hint[0]] = max(hinted.get(hint[0], 0.0), hint[1])
            reasons.append(f"screening {danger.value}")
    # Two alarms of one type (suicidal and overdose) are still one hint, never a sure type.
    for crisis, weight in hinted.items():
        scores[crisis] += weight
    if Danger.MISSING in screening.dangers:
        needs.add(Need.MISSING)
    if _writer_is_young(words, text):
        needs.add(Need.YOUNG)
        scores[CrisisType.CHILD] += FITS
        reasons.append("young writer")
    elif _names_a_young_person(words):
        scores[CrisisType.CHILD] += FITS
        reasons.append("young person")
    return needs


def _reading(
    words: Sequence[Word], text: str, found: list[Found], screening: Screening
) -> CrisisReading:
    negations = {item.index for item in found if item.concept == "neg"}
    by_name = {item.rule.name: item for item in CUES}
    scores: dict[CrisisType, float] = dict.fromkeys(PRIORITY, 0.0)
    suppressed: set[CrisisType] = set()
    reasons: list[str] = []
    needs: set[Need] = set()
    for match in apply_rules([item.rule for item in CUES], found):
        item = by_name[match.rule.name]
        if _negated(item, match.indices, negations, words):
            continue
        if item.same_clause and len({words[index].clause for index in match.indices}) > 1:
            continue
        scores[item.crisis] += item.weight
        reasons.append(item.rule.name)
        if item.suppresses is not None:
            suppressed.add(item.suppresses)
        for slot in item.rule.slots:
            needs |= {_NEEDS_OF_CONCEPT[name] for name in slot if name in _NEEDS_OF_CONCEPT}
    needs |= _add_context(words, text, screening, scores, reasons)
    for crisis in suppressed:
        scores[crisis] = 0.0
    fitting = [crisis for crisis in PRIORITY if scores[crisis] >= FITS]
    best = max(scores.values())
    if best <= 0:
        return CrisisReading(reasons=tuple(reasons), needs=frozenset(needs))
    likeliest = fitting[0] if fitting else next(c for c in PRIORITY if scores[c] == best)
    if not fitting and ON_THEIR_OWN.get(likeliest) in reasons:
        # A child named and nothing else said ("mój syn ma problem", "my kid"): a child's
        # trouble; fear and nothing else ("I'm scared", "ciągle się boję"): the resident's own.
        fitting = [likeliest]
    return CrisisReading(
        scores={crisis: score for crisis, score in scores.items() if score > 0},
        likeliest=likeliest,
        sure=bool(fitting),
        needs=frozenset(needs),
        reasons=tuple(reasons),
    )


def crisis_type(text: str, screening: Screening | None = None) -> CrisisType | None:
    """The crisis type `text` clearly speaks of, or None when it names none or is unsure."""
    return read_crisis(text, screening).crisis


def needs_in(text: str) -> frozenset[Need]:
    """The particulars of the resident's situation that `text` states."""
    return read_crisis(text).needs


def topic_word_indices(text: str) -> frozenset[int]:
    """The positions (in `read_words(text)`) of the words that told the topic, not places."""
    words = read_words(text)
    if not words:
        return frozenset()
    found = _found(text, words)
    negations = {item.index for item in found if item.concept == "neg"}
    by_name = {item.rule.name: item for item in CUES}
    # Every word of a concept that told the type: "ataki" and "paniki" both, not the first only.
    told: set[str] = set()
    for match in apply_rules([item.rule for item in CUES], found):
        if not _negated(by_name[match.rule.name], match.indices, negations, words):
            told.update(concept for slot in match.rule.slots for concept in slot)
    return frozenset(
        item.index
        for item in found
        if item.concept in told
        and not item.weak
        and words[item.index].folded not in _KEPT_FOR_PLACES
    )


# People a resident names when describing what happens; never read as places ("mąż" is not Maże).
_PEOPLE_WORDS: Final = re.compile(
    r"\b(maz|meza|mezem|zona|zony|zona|partner\w*|chlopak\w*|dziewczyn\w*|mama|mamy|mame|"
    r"matka|matki|tata|taty|ojciec|ojca|brat\w*|siostr\w*|ojczym\w*|macoch\w*|tesc\w*|"
    r"sasiad\w*|husband|wife|boyfriend|girlfriend|father|mother|dad|mum|mom|brother|sister|"
    r"neighbou?r)\b"
)
# Concepts whose words stay for the place lookup ("jestem w Pruszkowie", "na moście w Płocku");
# every other word a concept reads ("będzie", "mnie", "jutro") goes, or it may read as a village.
_FUNCTION_CONCEPTS: Final = frozenset(
    {
        "seek",
        "i_am",
        "i_first",
        "stand",
        "into",
        "under",
        "number",
        "number_word",
        "now_state",
        "what",
        "obj_pron",
        "if_cond",
        "me_gen",
        "a_little",
        "almost",
    }
)


def without_crisis_words(text: str) -> str:
    """The message with danger, crisis and family words removed, for place lookup.

    Why: place names are matched without diacritics, so "zabić" reads as the village Żabice and
    "mąż" as Maże; words that already told us what is happening must not also name a place.
    Latin words come back folded, Cyrillic ones in lower case (the place resolver reads both).
    """
    words = read_words(text)
    # A word read only one typo away ("Łodzi" near "lodzie") is more likely a place than not,
    # and so is a capitalised word read one typo away ("Chełmie", "Lublin").
    dropped = {
        found.index
        for found in plausible_readings(text, words, danger_index().find(words))
        if found.concept not in _FUNCTION_CONCEPTS and not found.weak
    }
    # The words that told the crisis type go too.

    dropped |= topic_word_indices(text)
    kept = " ".join(
        word.text if word.cyrillic else word.folded for word in words if word.index not in dropped
    )
    latin = _PEOPLE_WORDS.sub(" ", f" {kept} ")
    return " ".join(latin.split())


def warm_up() -> None:
    """Build the crisis-type reader's tables now, so that a first message does not wait for them."""
    text = "mieszkam w Pruszkowie, mąż mnie bije"
    read_crisis(text, screen(text))
    without_crisis_words(text)
