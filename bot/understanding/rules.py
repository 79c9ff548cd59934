"""Rules over concepts: all of some concepts within a few words of one sentence, unless others.

Polish word order is free ("zabiję się", "się zabiję", "chcę się dziś zabić"), so a rule names
concepts, not a sequence: it holds where one word of each slot lies within `window` words of the
others in one sentence. Negation is a concept like any other ("nie" + "chcieć" + "żyć"), so it is
part of the rule where it matters. `unless` concepts in the same sentence cancel the rule (a
kitchen beside a knife, a film beside a jump); the concept PAST cancels it only in the clause of
the words it holds on, and only when that clause has no RECENT one ("kiedyś mnie bił" is past;
"bił mnie godzinę temu" is not). A word read one typo away in a short word is weak: a rule needs
at least one word that is not; a word read one typo away never cancels a rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from bot.understanding.concepts import Found

PAST = "past"
RECENT = "recent"
# A former partner named beside a time in the past ("mój były mnie bił, ale to było dwa lata
# temu") puts the whole sentence in the past, not only the clause that holds the time.
FORMER = "former"
AGAIN = "again"
# "To było dziesięć lat temu", "это было давно": a clause that puts the sentence's others in the
# past, unless the sentence also speaks of now ("to było dawno, a teraz znowu…").
LOOKING_BACK = "looking_back"
NOW = "now"


@dataclass(frozen=True)
class Rule:
    """Concepts that together mean something (`label`), within `window` words of one sentence."""

    name: str
    label: str
    slots: tuple[frozenset[str], ...]
    window: int = 5
    unless: frozenset[str] = frozenset()
    # Concepts that cancel the rule only in a clause of the words it holds on ("ten egzamin
    # mnie zabije" is an idiom; "piszę z pracy, …, mówi że mnie zabije" is not).
    unless_clause: frozenset[str] = frozenset()


def rule(
    label: str,
    slots: str,
    *,
    window: int = 5,
    unless: str = "",
    unless_clause: str = "",
    name: str = "",
) -> Rule:
    """A Rule from text: slots separated by spaces, alternatives in a slot by "|"."""
    parsed = tuple(frozenset(slot.split("|")) for slot in slots.split())
    return Rule(
        name=name or f"{label}:{slots}",
        label=label,
        slots=parsed,
        window=window,
        unless=frozenset(unless.split()),
        unless_clause=frozenset(unless_clause.split()),
    )


@dataclass(frozen=True, slots=True)
class Match:
    """A rule that holds, and the words it holds on."""

    rule: Rule
    sentence: int
    indices: tuple[int, ...]


@dataclass
class _Sentence:
    positions: dict[str, list[tuple[int, bool]]]  # concept → (word index, weak)
    clauses: dict[str, set[int]]  # concept → clauses it is in, read exactly (it may cancel)


def _sentences(found: Iterable[Found]) -> dict[int, _Sentence]:
    by_sentence: dict[int, _Sentence] = {}
    for item in found:
        sentence = by_sentence.get(item.sentence)
        if sentence is None:
            sentence = by_sentence[item.sentence] = _Sentence(defaultdict(list), defaultdict(set))
        sentence.positions[item.concept].append((item.index, item.weak))
        if not item.guessed:
            sentence.clauses[item.concept].add(item.clause)
    return by_sentence


def _cancelled(rule: Rule, sentence: _Sentence, clauses: set[int]) -> bool:
    if any(sentence.clauses.get(name, set()) & clauses for name in rule.unless_clause):
        return True
    for name in rule.unless:
        if name == PAST:
            # Tense lives in the clause: "bił mnie w dzieciństwie, teraz…" is past, and
            # "kiedyś…, a dziś znowu mnie bije" is not.
            past = sentence.clauses.get(PAST, set()) & clauses
            # "again" beside the past time is not over ("tried years ago and tonight again").
            recent = sentence.clauses.get(RECENT, set()) | sentence.clauses.get(AGAIN, set())
            if past and not recent & clauses:
                return True
            if _former_in_past(sentence):
                return True
        elif sentence.clauses.get(name):
            return True
    return False


def _former_in_past(sentence: _Sentence) -> bool:
    """Whether the sentence tells of a former partner, or looks back, at a past time only."""
    clauses = sentence.clauses
    if not clauses.get(PAST) or clauses.get(RECENT) or clauses.get(AGAIN):
        return False
    return bool(clauses.get(FORMER) or (clauses.get(LOOKING_BACK) and not clauses.get(NOW)))


def _within(slots: Sequence[list[tuple[int, bool]]], window: int) -> tuple[int, ...] | None:
    """One position per slot, all within `window` words, at least one of them not weak."""
    starts = sorted({position for slot in slots for position, _weak in slot})
    for start in starts:
        chosen: list[tuple[int, bool]] = []
        for slot in slots:
            inside = [item for item in slot if start <= item[0] <= start + window]
            if not inside:
                break
            strong = [item for item in inside if not item[1]]
            chosen.append(strong[0] if strong else inside[0])
        else:
            if any(not weak for _position, weak in chosen):
                return tuple(position for position, _weak in chosen)
    return None


# Which rules each concept may start, by the position of the rule in its table: a rule holds
# only where a concept of its first slot is present (a rule without slots never holds).
_RuleIndex = dict[str, tuple[int, ...]]


def _build_index(rules: Sequence[Rule]) -> _RuleIndex:
    by_first_concept: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(rules):
        for name in item.slots[0] if item.slots else ():
            by_first_concept[name].append(number)
    return {name: tuple(numbers) for name, numbers in by_first_concept.items()}


# The index of each rule table (a tuple: it cannot change), by the table's identity; the
# running bot has two tables, so a few places are enough (more are indexed call by call).
_indexes: dict[int, tuple[Sequence[Rule], _RuleIndex]] = {}
_INDEXED_TABLES_MAX: Final = 8


def _candidates(rules: Sequence[Rule], present: set[str]) -> list[Rule]:
    """The rules whose first slot is present, in table order: a message names a handful of
    concepts, and the screening's table has hundreds of rules (looked at once per message)."""
    cached = _indexes.get(id(rules))
    if cached is not None and cached[0] is rules:
        index = cached[1]
    else:
        index = _build_index(rules)
        if isinstance(rules, tuple) and len(_indexes) < _INDEXED_TABLES_MAX:
            _indexes[id(rules)] = (rules, index)
    chosen: set[int] = set()
    for name in present:
        chosen.update(index.get(name, ()))
    return [rules[number] for number in sorted(chosen)]


def apply_rules(rules: Sequence[Rule], found: Iterable[Found]) -> list[Match]:
    """Every rule that holds somewhere in the message (at most one match per rule), in the
    order of `rules`."""
    items = list(found)
    present = {item.concept for item in items}
    by_sentence: dict[int, _Sentence] | None = None
    clause_of: dict[int, int] = {}
    matches: list[Match] = []
    for item in _candidates(rules, present):
        if not all(slot & present for slot in item.slots):
            continue
        if by_sentence is None:
            by_sentence = _sentences(items)
            clause_of = {found_item.index: found_item.clause for found_item in items}
        for number, sentence in by_sentence.items():
            slots = []
            for slot in item.slots:
                positions = sorted(p for name in slot for p in sentence.positions.get(name, ()))
                if not positions:
                    break
                slots.append(positions)
            else:
                indices = _within(slots, item.window)
                if indices is None:
                    continue
                clauses = {clause_of[index] for index in indices}
                if not _cancelled(item, sentence, clauses):
                    matches.append(Match(rule=item, sentence=number, indices=indices))
                    break
    return matches
