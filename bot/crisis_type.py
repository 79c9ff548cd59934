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

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final

from bot.crisis_lexicon import CONCEPTS, CUES, FITS, Cue, crisis_forms
from bot.language import detect_language, ordinary_latin_words
from bot.screening import Danger, Screening, normalise, screen
from bot.screening import concept_index as danger_index
from bot.screening_lexicon import CONCEPTS as SCREENING_CONCEPTS
from bot.understanding import (
    ConceptIndex,
    Found,
    Match,
    Word,
    apply_rules,
    form_table,
    read_words,
)
from bot.understanding.lemmas import FormTable, Reading
from directory.crisis import CrisisType, Need
from directory.morphology import analyser

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
# "Nothing else said" is at most this many words besides capitalised ones (places, names) and
# figures: a longer message names its topic in words the lexicon lacks, so the bot asks.
ON_THEIR_OWN_WORDS: Final = 6
# A Cyrillic word read one typo away from a stem counts from this length on.
LONG_EAST_TYPO: Final = 7
# The cues' rules as one table (apply_rules indexes a tuple once), and each cue by its rule.
_CUE_RULES: Final = tuple(item.rule for item in CUES)
_CUE_BY_NAME: Final[dict[str, Cue]] = {item.rule.name: item for item in CUES}
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
_OLDEST: Final = 100
# Words that make an age the writer's own ("mam 35 lat", "I'm 40", "мені 30").
_WRITER_AGE_WORDS: Final = frozenset(["mam", "im", "am", "jestem", "мені", "мне", "meni", "mne"])
# Children named right before their age in figures ("córka (7)", "syn 14").
_CHILD_NOUN_WORDS: Final = (
    "corka coreczka syn synek dziecko wnuk wnuczka daughter son kid child boy girl doch dochka "
    "donka sin sina dochu"
)
_CHILD_NOUNS: Final = frozenset(_CHILD_NOUN_WORDS.split())
# Words before a number that make it a length of time, not an age ("od 3 lat pije").
_DURATION_WORDS: Final = (
    "od przez po ponad prawie after for over since від протягом через за уже вже"
)
_DURATION_BEFORE: Final = frozenset(_DURATION_WORDS.split())
# An age written as one word with its age word ("5letni", "14latka", "10yo").
_GLUED_AGE: Final = re.compile(r"(\d{1,2})(?:lat|latk|letn|yo|year|rok|rik|let)\w*")
# A letter only Polish has among the languages read: the message is Polish, not transliterated.
_POLISH_LETTER: Final = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
_WORD_IN_TEXT: Final = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
# A capitalised word right after these is a place ("mieszkamy w Spale"), not a topic word.
_BEFORE_A_PLACE: Final = frozenset({"w", "we", "kolo", "pod", "okolicy", "gmina", "gminie"})
_PLACE_PREPOSITION_WORDS: Final = (
    "w we z ze u v na do pod kolo okolicach okolic okolicy okolice niedaleko obok przy spod "
    "in at near from"
)
# Words after which a word may be a place ("w przemyslu", "okolicach brzegu", "jestem z Łodzi").
_PLACE_PREPOSITIONS: Final = frozenset(_PLACE_PREPOSITION_WORDS.split())
_BEFORE_A_CYRILLIC_PLACE: Final = frozenset(
    [
        "в",
        "у",
        "під",
        "пiд",
        "под",
        "біля",
        "возле",
        "около",
        "поблизу",
        "з",
        "із",
        "зі",
        "из",
        "до",
        "від",
        "от",
    ]
)

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
def _both_tables() -> FormTable:
    # The screening's forms count as known words too, so a Polish word is never read as
    # Ukrainian ("był" is not "бил") whichever lexicon names it.
    return _merge(form_table(), crisis_forms())


@cache
def concept_index() -> ConceptIndex:
    """The crisis-type concepts over both form tables (built once)."""
    return ConceptIndex(CONCEPTS, _both_tables())


def _negated(
    cue: Cue, indices: Sequence[int], negations: Collection[int], words: Sequence[Word]
) -> bool:
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
    """An age under 18 ("córka ma 16 lat", "15-latek", "5letni", "my son is 14 years old"),
    not a length of time ("od 2 lat", "after 2 years sober")."""
    glued = (_GLUED_AGE.fullmatch(word.folded) for word in words)
    if any(match and int(match.group(1)) <= _CHILD_AGE for match in glued):
        return True
    # "córka (7)", "my son, 14,": a number right after a child named.
    if any(
        following.folded.isdigit()
        and int(following.folded) <= _CHILD_AGE
        and (word.folded in _CHILD_NOUNS or word.key in _CHILD_NOUNS)
        for word, following in itertools.pairwise(words)
    ):
        return True
    return any(
        word.folded.isdigit()
        and int(word.folded) <= _CHILD_AGE
        and (following.folded.startswith(_AGE_WORDS) or following.key.startswith(_AGE_WORDS))
        and not (index > 0 and words[index - 1].folded in _DURATION_BEFORE)
        and not (following.folded.startswith("year") and not _old_after(words, index + 1))
        for index, (word, following) in enumerate(itertools.pairwise(words))
    )


def _child_named_as_adult(words: Sequence[Word]) -> bool:
    """A son or daughter given an adult age ("syn ma 19 lat", "my daughter is 24"): no child.

    The writer's own age ("mam 35 lat i syn...") says nothing of the child's."""
    for index, (word, following) in enumerate(itertools.pairwise(words)):
        if not (word.folded.isdigit() and _CHILD_AGE < int(word.folded) < _OLDEST):
            continue
        if not (following.folded.startswith(_AGE_WORDS) or following.key.startswith(_AGE_WORDS)):
            continue
        before = words[max(0, index - 2) : index]
        if any(
            item.folded in _WRITER_AGE_WORDS or item.key in _WRITER_AGE_WORDS for item in before
        ):
            continue
        if any(item.folded in _CHILD_NOUNS or item.key in _CHILD_NOUNS for item in words):
            return True
    return False


def _old_after(words: Sequence[Word], index: int) -> bool:
    """Whether "old" follows the word at `index` ("14 years old", "a 15-year-old")."""
    return index + 1 < len(words) and words[index + 1].folded == "old"


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


@dataclass(frozen=True)
class _Message:
    """One message read once: its words, which are capitalised, its language, the crisis
    concepts that count and the cues they hold (negated or not)."""

    text: str
    words: tuple[Word, ...]
    capitals: frozenset[int]
    polish_or_english: bool
    found: tuple[Found, ...]
    matches: tuple[Match, ...]
    negations: frozenset[int]


def _read(text: str) -> _Message:
    """Read `text` once for the crisis type and for the place lookup."""
    words = read_words(text)
    capitals = _capitalised(text, words)
    polish_or_english = bool(words) and (
        detect_language(text) in {"pl", "en"} or _POLISH_LETTER.search(text) is not None
    )
    found = tuple(
        _plausible(words, capitals, polish_or_english, concept_index().find(words)) if words else ()
    )
    return _Message(
        text=text,
        words=words,
        capitals=capitals,
        polish_or_english=polish_or_english,
        found=found,
        matches=tuple(apply_rules(_CUE_RULES, found)),
        negations=frozenset(item.index for item in found if item.concept == "neg"),
    )


def read_crisis(text: str, screening: Screening | None = None) -> CrisisReading:
    """Read the crisis type and needs of `text`; `screening` is its danger screening if made."""
    message = _read(text)
    if not message.words:
        return NO_TOPIC
    return _reading(message, screening if screening is not None else screen(text))


def read_turn(
    text: str, screening: Screening | None = None
) -> tuple[CrisisReading, frozenset[str]]:
    """The crisis reading of `text` and the words the place lookup must not take for places,
    from one reading of its words and concepts (a text turn needs both)."""
    message = _read(text)
    if not message.words:
        return NO_TOPIC, frozenset()
    reading = _reading(message, screening if screening is not None else screen(text))
    return reading, _not_place_words(message)


def _plausible(
    words: Sequence[Word],
    capitals: frozenset[int],
    polish_or_english: bool,
    found: Sequence[Found],
) -> list[Found]:
    """The found concepts whose readings count (see `_counts`).

    A capitalised town name is never a topic word ("Piła" is not "she drank"), nor is a
    capitalised word right after "w" ("mieszkamy w Spale" is not "I will burn").
    """
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
    elif _child_named_as_adult(words):
        # A grown-up son's or daughter's trouble is theirs, not a child's.
        scores[CrisisType.CHILD] = 0.0
        reasons.append("grown-up child")
    return needs


def _reading(message: _Message, screening: Screening) -> CrisisReading:
    words, text = message.words, message.text
    scores: dict[CrisisType, float] = dict.fromkeys(PRIORITY, 0.0)
    suppressed: set[CrisisType] = set()
    reasons: list[str] = []
    needs: set[Need] = set()
    for match in message.matches:
        item = _CUE_BY_NAME[match.rule.name]
        if _negated(item, match.indices, message.negations, words):
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
    if not fitting and ON_THEIR_OWN.get(likeliest) in reasons and _says_little(message):
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


def _says_little(message: _Message) -> bool:
    """Whether the message is short enough that a child or fear named is all it says."""
    said = sum(
        1
        for word in message.words
        if word.index not in message.capitals and not word.folded.isdigit()
    )
    return said <= ON_THEIR_OWN_WORDS


def crisis_type(text: str, screening: Screening | None = None) -> CrisisType | None:
    """The crisis type `text` clearly speaks of, or None when it names none or is unsure."""
    return read_crisis(text, screening).crisis


def needs_in(text: str) -> frozenset[Need]:
    """The particulars of the resident's situation that `text` states."""
    return read_crisis(text).needs


def topic_word_indices(text: str) -> frozenset[int]:
    """The positions (in `read_words(text)`) of the words that told the topic, not places."""
    return _topic_indices(_read(text))


def _topic_indices(message: _Message) -> frozenset[int]:
    words = message.words
    # Every word of a concept that told the type: "ataki" and "paniki" both, not the first only.
    told: set[str] = set()
    for match in message.matches:
        if not _negated(_CUE_BY_NAME[match.rule.name], match.indices, message.negations, words):
            told.update(concept for slot in match.rule.slots for concept in slot)
    return frozenset(
        item.index
        for item in message.found
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
    message = _read(text)
    return _without(message, _crisis_word_indices(message))


def _without(message: _Message, dropped: set[int]) -> str:
    kept = " ".join(
        word.text if word.cyrillic else word.folded
        for word in message.words
        if word.index not in dropped
    )
    latin = _PEOPLE_WORDS.sub(" ", f" {kept} ")
    return " ".join(latin.split())


def _not_place_words(message: _Message) -> frozenset[str]:
    """The words of the message the place lookup must not read as places: the danger, crisis
    and family words (Latin ones as `normalise` spells them, Cyrillic ones in lower case), and
    the ordinary words the lexicons know."""
    dropped = _crisis_word_indices(message)
    kept = set(_without(message, dropped).split())
    latin = (word for word in normalise(message.text).split() if word not in kept)
    return (
        frozenset(latin)
        | _cyrillic_crisis(message, dropped)
        | _ordinary(message)
        | _idiom_words(message)
    )


@cache
def _country_words() -> frozenset[str]:
    # Read by the words themselves: a capitalised "Polski" is dropped as a possible town name
    # before the concepts are matched, and it is exactly the one to keep out of the lookup.
    country = next(item for item in CONCEPTS if item.name == "country")
    return frozenset((*country.words, *country.east_words))


@cache
def _idiom_phrases() -> tuple[tuple[str, ...], ...]:
    return next(item.phrases for item in CONCEPTS if item.name == "idiom")


def _idiom_words(message: _Message) -> frozenset[str]:
    """The words of idioms and countries that name no place ("z góry dziękuję", "do Polski")."""
    words = message.words
    countries = _country_words()
    found: set[str] = {
        word.text.lower() if word.cyrillic else word.folded
        for word in words
        if word.folded in countries or word.key in countries
    }
    for item in message.found:
        if item.concept != "idiom":
            continue
        for phrase in _idiom_phrases():
            span = words[item.index : item.index + len(phrase)]
            if tuple(word.folded for word in span) == phrase:
                found |= {word.folded for word in span}
    return frozenset(found)


def cyrillic_crisis_words(text: str) -> frozenset[str]:
    """The Cyrillic words (lower case, no apostrophes) that told the danger or crisis type.

    The place resolver romanises Cyrillic before reading it ("Хочу повеситься, Варшава"), so
    these must reach it as words that are no place, as the folded Latin ones do. A word right
    after a preposition of place, or a capitalised one read by a stem, stays a possible place:
    a Cyrillic stem reads many town names as topic words ("Любліні", "Білосток").
    """
    message = _read(text)
    return _cyrillic_crisis(message, _crisis_word_indices(message))


def _cyrillic_crisis(message: _Message, dropped: set[int]) -> frozenset[str]:
    words = message.words
    if not any(word.cyrillic for word in words):
        return frozenset()
    # A capitalised word stays a possible place unless the lexicon names it whole ("Хочу"):
    # a stem or a typo away is not enough ("Люблін").
    # A capital that starts a sentence says little: there a word the lexicons read exactly by a
    # stem goes too ("Режу себе"), unless it makes a clause of its own ("Люблін, ...").
    _latin, east_words, _stems = _exact_vocabulary()
    capitals = {
        index
        for index in message.capitals
        if words[index].key not in east_words
        and not (
            _starts_a_sentence(words, index)
            and _exactly_known(words[index])
            and not _own_clause(words, index)
        )
    }
    return frozenset(
        word.text
        for word in words
        if word.cyrillic
        and word.index in dropped
        and word.index not in capitals
        and not (
            word.index > 0
            and words[word.index - 1].text in _BEFORE_A_CYRILLIC_PLACE
            and not _exactly_known(word)
        )
    )


def _crisis_word_indices(message: _Message) -> set[int]:
    """The positions of the words that told a danger or the crisis type (no function words)."""
    words = message.words
    # A word read only one typo away ("Łodzi" near "lodzie") is more likely a place than not,
    # and so is a capitalised word read one typo away ("Chełmie", "Lublin").
    danger = _plausible(
        words, message.capitals, message.polish_or_english, danger_index().find(words)
    )
    dropped = {
        found.index
        for found in danger
        if found.concept not in _FUNCTION_CONCEPTS and not found.weak
    }
    # The words that told the crisis type go too.
    dropped |= _topic_indices(message)
    # A word right after a preposition of place that the lexicons read only one typo away
    # stays a possible place ("w przemyslu" is not "przemyśleć").
    return {
        index
        for index in dropped
        if not (
            index > 0
            and words[index - 1].folded in _PLACE_PREPOSITIONS
            and not _exactly_known(words[index])
        )
    }


def _own_clause(words: Sequence[Word], index: int) -> bool:
    """Whether the word makes a clause of its own ("Люблін, дитина не повернулася")."""
    return sum(1 for word in words if word.clause == words[index].clause) == 1


def _starts_a_sentence(words: Sequence[Word], index: int) -> bool:
    return index == 0 or words[index - 1].sentence != words[index].sentence


def _exactly_known(word: Word) -> bool:
    """Whether the lexicons name `word` as written (not one typo away)."""
    latin, east_words, stems = _exact_vocabulary()
    # A Latin word may be Ukrainian or Russian in transliteration ("v kazino").
    return (
        (not word.cyrillic and word.folded in latin)
        or word.key in east_words
        or word.key.startswith(stems)
    )


def ordinary_words(text: str) -> frozenset[str]:
    """The words of `text` the lexicons know as ordinary words, for place lookup (Latin ones
    folded, Cyrillic ones in lower case).

    Why: a word the crisis and danger lexicons know in that very form ("myśle", "chodzic",
    "tabletki") or a frequent word of the language detector's tables ("mozna", "duzhe") is that
    word, not a village one typo away (Mysze, Chodzież, Można, Duże). A capitalised word, or a
    town's word right after a preposition of place ("w pile"), stays a possible place.
    """
    return _ordinary(_read(text))


def _ordinary(message: _Message) -> frozenset[str]:
    words, capitals = message.words, message.capitals
    tables = ordinary_latin_words()
    east_words = _exact_vocabulary()[1]
    latin = frozenset(
        word.folded
        for word in words
        if not word.cyrillic
        and word.index not in capitals
        and word.folded not in _PLACE_PREPOSITIONS
        and not (
            word.index > 0
            and words[word.index - 1].folded in _PLACE_PREPOSITIONS
            and word.folded in _town_words()
        )
        and (word.folded in _exact_vocabulary()[0] or word.folded in tables)
    )
    # A Cyrillic word the lexicons read exactly ("Після", "домі") is that word, unless the
    # message points at a place: a capital inside a sentence, a clause of its own, a
    # preposition of place before it (unless the lexicons name the whole word: "до вечера").
    cyrillic = frozenset(
        word.text
        for word in words
        if word.cyrillic
        and _exactly_known(word)
        and not (word.index in capitals and not _starts_a_sentence(words, word.index))
        and not _own_clause(words, word.index)
        and not (
            word.index > 0
            and words[word.index - 1].text in _BEFORE_A_CYRILLIC_PLACE
            and word.key not in east_words
        )
    )
    return latin | cyrillic


def warm_up() -> None:
    """Build the crisis-type reader's tables now, so that a first message does not wait for them."""
    text = "mieszkam w Pruszkowie, mąż mnie bije"
    read_turn(text, screen(text))
