"""Screening of every message for a life at risk (the crisis type is read in bot.crisis_type).

One entry point, `screen(text) -> Screening`, run once on every message of a conversation (the
channel's ConversationService passes its result to the dialogue). Safety rule: it favours recall.
Showing 112 to someone who did not need it costs a line of text; missing a person whose life is
at risk costs far more, so when it is unsure ("ratunku", "nie chcę się zabić", a message the
model finds close to danger) it still leads with 112.

How it reads a message (bot/understanding): words are folded (no diacritics), Polish and English
words are read as lemmas with their tense (Morfeusz-generated form table), Ukrainian and Russian
words in Cyrillic or Latin letters by their sound key, and a word one typo away from a known one
counts as that word — unless it is a word or a place of its own (Morfeusz: "powodu" is not
"powodzi", "Zakopanem" not "затоп"); two swapped or one doubled letter are undone even in short
words ("wnat", "zycc"), and a negation glued to its verb reads as both ("niechce", "нехочу").
Concepts in bot/screening_lexicon.py give the words a meaning ("kill", "self", "negation",
"past") and rules combine meanings within a few words of one sentence ("kill" + "self" is
suicidal; "hit" + "me" is violence unless the sentence says it was years ago; "kill" + "me" is
an idiom when its clause names an exam). A short message is also read as one sentence, for
fragments ("cant. anymore. sorry"). A small naive Bayes model over character n-grams
(bot/screening_model.json, trained by scripts/train_screening.py on the tuning material only,
never on a blind set) is the second signal: a message no rule caught but the model finds close
to danger is screened as UNSURE. Calm readings are made here too: a year gone by is a past time,
and "better now" said in one clause is a recovery told of.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Final

from bot.screening_lexicon import COMMON_EAST_WORDS, CONCEPTS, RULES
from bot.screening_model import danger_probability, threshold
from bot.understanding import (
    ConceptIndex,
    Found,
    Word,
    apply_rules,
    form_table,
    is_polish_word,
    read_words,
)
from directory.folding import fold


class Danger(StrEnum):
    """Kinds of immediate danger the screen recognises; each has its own reply."""

    SUICIDAL = "suicidal"  # intent, direct or indirect
    PLAN_MEANS = "plan_means"  # a plan, means or a place (a rope, a bridge, pills saved up)
    SELF_HARM = "self_harm"  # self-harm, an injury
    OVERDOSE = "overdose"  # an overdose or poisoning taken
    VIOLENCE = "violence"  # violence in progress or threatened
    CHILD = "child_danger"  # a child in danger
    MEDICAL = "medical"  # not breathing, unconscious, a seizure, heavy bleeding
    DISASTER = "disaster"  # fire, flood, gas, a collapse in progress
    MISSING = "missing"  # someone missing
    UNSURE = "unsure"  # a cry for help, or close to danger: 112 first all the same


# Which danger the reply's first line speaks to when a message holds several: the one that
# needs 112 soonest first.
LEAD_ORDER: Final = (
    Danger.MEDICAL,
    Danger.DISASTER,
    Danger.OVERDOSE,
    Danger.SELF_HARM,
    Danger.VIOLENCE,
    Danger.CHILD,
    Danger.PLAN_MEANS,
    Danger.SUICIDAL,
    Danger.MISSING,
    Danger.UNSURE,
)

# The model alone speaks only for messages of at least this many words: on two or three words
# naive Bayes is sure of itself on one word ("zawsze w tygodniu", a staff member typing opening
# hours, read as "na zawsze"), and the rules read short messages word by word anyway.
MODEL_MIN_WORDS: Final = 4


@dataclass(frozen=True)
class Screening:
    """The outcome of screening one message."""

    dangers: frozenset[Danger]
    # Names of the rules that held (for the benchmark and tests; never stored or logged).
    reasons: tuple[str, ...] = ()
    # The model's probability that the message is a danger message.
    probability: float = 0.0

    @property
    def immediate_danger(self) -> bool:
        """True when 112 must come first."""
        return bool(self.dangers)

    @property
    def lead(self) -> Danger | None:
        """The danger the reply's first line speaks to."""
        return next((danger for danger in LEAD_ORDER if danger in self.dangers), None)


CALM: Final = Screening(dangers=frozenset())


@cache
def concept_index() -> ConceptIndex:
    """The screening concepts over the bundled form table (built once)."""
    return ConceptIndex(
        CONCEPTS, form_table(), is_word=is_polish_word, common_east=COMMON_EAST_WORDS
    )


_AGE_WORDS: Final = ("lat", "letn", "latk", "year", "yo", "let", "rok", "rik", "roc")
_CHILD_AGE: Final = 17
# "йому 10", "ей 9", "she's 12": a number right after "he/she is" or "to him/her" is an age.
_AGE_PRONOUNS: Final = frozenset(
    [
        "йому",
        "їй",
        "ему",
        "ей",
        "yomu",
        "jomu",
        "yij",
        "jij",
        "emu",
        "jemu",
        "ej",
        "jej",
        "hes",
        "shes",
    ]
)


def _an_age(word: Word, before: Word | None, following: Word | None) -> bool:
    """Whether a number under 18 is an age: before "lat/years/років", or after "йому/she's"."""
    if not (word.folded.isdigit() and int(word.folded) <= _CHILD_AGE):
        return False
    if following is not None and (
        following.folded.startswith(_AGE_WORDS) or following.key.startswith(_AGE_WORDS)
    ):
        return True
    return before is not None and (
        before.folded in _AGE_PRONOUNS or before.text.lower() in _AGE_PRONOUNS
    )


def _child_ages(words: tuple[Word, ...]) -> list[Word]:
    """The numbers that give an age under 18 ("ma 8 lat", "14-letni", "15 yo", "7 років",
    "йому 10")."""
    befores = (None, *words[:-1])
    followings = (*words[1:], None)
    return [
        word
        for before, word, following in zip(befores, words, followings, strict=True)
        if _an_age(word, before, following)
    ]


# "W 2015 przedawkowałam", "in 2019", "в 2020 году": a year gone by is a past time, like "lat
# temu". Only a year after "w/in/в/у" or before "roku/year/году" ("mam 2000 zł długu" is money,
# and "od 2020" — since — is not over).
_YEAR_BEFORE: Final = frozenset(["w", "we", "in", "в", "у", "u", "v"])
_YEAR_AFTER: Final = ("rok", "r", "year", "god", "rik", "roc")
_FIRST_YEAR: Final = 1950


def _past_years(words: tuple[Word, ...]) -> list[Found]:
    """A past time at every year gone by named as a time ("w 2015", "2019 roku")."""
    this_year = datetime.date.today().year
    found: list[Found] = []
    for index, word in enumerate(words):
        if not (word.folded.isdigit() and _FIRST_YEAR <= int(word.folded) < this_year):
            continue
        before = words[index - 1].folded if index else ""
        after = words[index + 1] if index + 1 < len(words) else None
        named_after = after is not None and (
            after.folded.startswith(_YEAR_AFTER) or after.key.startswith(_YEAR_AFTER)
        )
        if before in _YEAR_BEFORE or named_after:
            found.append(Found("past", word.index, word.sentence, word.clause))
    return found


def _names_a_child(words: tuple[Word, ...], concepts: set[str]) -> bool:
    """A child word, or an age under 18."""
    return "child" in concepts or bool(_child_ages(words))


def _with_ages_as_children(words: tuple[Word, ...], found: list[Found]) -> list[Found]:
    """The concepts found, with an age under 18 read as a child ("kuzynka ma 12 lat")."""
    ages = [Found("child", word.index, word.sentence, word.clause) for word in _child_ages(words)]
    return found + ages if ages else found


# "Pomocy!", "help me please": a call for help on its own, not "szukam pomocy" or "first aid".
_CRY_CLAUSE_WORDS: Final = 3
_NOT_A_CRY: Final = frozenset(["seek", "thanks", "what"])

# "Зараз їй набагато краще", "teraz jest dużo lepiej": better now, said in one clause, is a
# recovery told of (FINE_NOW) — unless the clause also speaks of dying, of everyone or of
# being without someone ("teraz wszystkim będzie lepiej beze mnie").
_BETTER_NOW: Final = frozenset(["now_state", "better"])
_NOT_RECOVERY: Final = frozenset(["without", "die", "all", "any_longer", "when_gone", "neg"])
# A sudden calm after a decision is a warning sign, not a recovery: "teraz jest mi lepiej, bo
# już wiem, jak to zrobię". No sentence that speaks of a decision or a plan reads as recovered.
_DECIDED: Final = frozenset(
    ["do_it", "decided", "plan", "know", "farewell", "goodbye", "last", "the_end", "prepare"]
)

_TIME_GONE_BY: Final = frozenset(["yesterday", "past"])


def _with_recovery(found: list[Found]) -> list[Found]:
    """The concepts found, with "better now" in one clause read as FINE_NOW, and no FINE_NOW in a
    sentence that speaks of a decision or a plan."""
    by_clause: dict[tuple[int, int], set[str]] = {}
    by_sentence: dict[int, set[str]] = {}
    first: dict[tuple[int, int], Found] = {}
    # "Last night", "last week" is a time gone by, not a last message or a last goodbye.
    times = {item.index for item in found if item.concept in _TIME_GONE_BY}
    for item in found:
        key = (item.sentence, item.clause)
        by_clause.setdefault(key, set()).add(item.concept)
        if not (item.concept == "last" and item.index in times):
            by_sentence.setdefault(item.sentence, set()).add(item.concept)
        first.setdefault(key, item)
    decided = {sentence for sentence, concepts in by_sentence.items() if concepts & _DECIDED}
    recovered = [
        Found("fine_now", first[key].index, key[0], key[1])
        for key, concepts in by_clause.items()
        if concepts >= _BETTER_NOW and not concepts & _NOT_RECOVERY and key[0] not in decided
    ]
    # "Jestem w porządku, już zdecydowałam": a "fine" beside a decision cancels nothing.
    kept = [item for item in found if item.concept != "fine_now" or item.sentence not in decided]
    return kept + recovered


# "He hit me last year and now he is back at the door with a knife": a past time told first
# ends where "now" or "again" begins; what follows is the present, which the past cancels not.
_PRESENT_AGAIN: Final = frozenset(["again"])


def _with_present_after_past(found: list[Found]) -> list[Found]:
    """The concepts found, without a sentence's past time when "now" or "again" follows it."""
    resumed = {(item.sentence, item.index) for item in found if item.concept in _PRESENT_AGAIN}
    return [
        item
        for item in found
        if item.concept != "past"
        or not any(sentence == item.sentence and index > item.index for sentence, index in resumed)
    ]


def _cries_for_help(words: tuple[Word, ...], found: list[Found]) -> bool:
    """Whether a short clause of its own is a call for help ("pomocy!", "help me please")."""
    sizes: dict[int, int] = {}
    for word in words:
        sizes[word.clause] = sizes.get(word.clause, 0) + 1
    # A help word read one typo away counts only as a clause of its own ("pomoc!!!"), not
    # beside other words ("czy mogę pomóc" is offering help).
    helps = {
        item.clause
        for item in found
        if item.concept == "help_word" and (not item.guessed or sizes[item.clause] == 1)
    }
    # "pomocy haha": a joke, not a call.
    if not helps or any(item.concept == "joke" for item in found):
        return False
    # "Szukam pomocy", "dziękuję za pomoc": asking where help is, or thanking for it.
    seeking = {item.clause for item in found if item.concept in _NOT_A_CRY}
    return any(sizes[clause] <= _CRY_CLAUSE_WORDS and clause not in seeking for clause in helps)


# A message this short is read as one sentence if no rule holds sentence by sentence: on a
# phone people type fragments ("cant. anymore. sorry").
FRAGMENTS_MAX_WORDS: Final = 8


def screen(text: str) -> Screening:
    """Screen one message for signs that a life may be at risk now."""
    words = read_words(text)
    if not words:
        return CALM
    found = _with_ages_as_children(words, concept_index().find(words)) + _past_years(words)
    found = _with_present_after_past(_with_recovery(found))

    matches = apply_rules(RULES, found)
    # A message already in one sentence would be read again as itself (most short messages:
    # a place name, "tak"), so only fragments across sentences are joined and read again.
    fragments = any(item.sentence != 0 for item in found)
    if not matches and fragments and len(words) <= FRAGMENTS_MAX_WORDS:
        found = [dataclasses.replace(item, sentence=0) for item in found]
        matches = apply_rules(RULES, found)
    dangers = {Danger(match.rule.label) for match in matches}
    reasons = tuple(match.rule.name for match in matches)
    if _cries_for_help(words, found):
        dangers.add(Danger.UNSURE)
        reasons += ("cry for help",)
    probability = danger_probability(words)
    if not dangers and len(words) >= MODEL_MIN_WORDS and probability >= model_threshold():
        dangers.add(Danger.UNSURE)
        reasons = ("model",)
    if dangers - {Danger.UNSURE} and _names_a_child(words, {f.concept for f in found}):
        dangers.add(Danger.CHILD)
    return Screening(dangers=frozenset(dangers), reasons=reasons, probability=probability)


def model_threshold() -> float:
    """The probability above which the model alone screens a message as UNSURE."""
    return threshold()


def normalise(text: str) -> str:
    """Lower case, no diacritics, apostrophes dropped, every other non-letter a single space."""
    return fold(text, latin_only=True)
