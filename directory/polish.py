"""Polish place names' case forms, generated at build time for matching inflected names.

Case-form generation (`build_form_table`) runs only at build time, with Morfeusz 2: it knows most
Polish place names; for the rest (most villages) each word is inflected by the paradigm of known
names sharing its ending. Multi-word names inflect word by word, agreeing in case, number and
gender ("Nowy Sącz" → "Nowym Sączu"). Folding for matching lives in `directory.folding`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from directory.morphology import analyser

OBLIQUE_CASES: Final = ("gen", "dat", "acc", "inst", "loc")
ALL_CASES: Final = ("nom", *OBLIQUE_CASES)
# Words after which the rest of a name does not inflect ("Nowe Miasto nad Pilicą").
_FIXED_AFTER: Final = frozenset({"nad", "pod", "przy", "w", "na", "z", "ze", "k.", "koło"})
_GEO_QUALIFIERS: Final = frozenset({"nazwa_geograficzna", "człon_nazwy_geograficznej"})


@dataclass
class _Reading:
    """One way to inflect a word: part of speech, number and gender of its nominative."""

    pos: str
    number: str
    gender: str
    geographic: bool
    forms: dict[str, list[str]] = field(default_factory=dict)
    # An adjective's whole paradigm by (number, case, gender), so that it can agree with a
    # head noun of another gender ("Ostrów" is also feminine: "w Ostrowi Wielkopolskiej").
    paradigm: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)

    def agreeing(self, number: str, gender: str) -> _Reading | None:
        """This adjective in another number and gender, if its paradigm has it."""
        forms = {
            case: self.paradigm[(number, case, gender)]
            for case in ALL_CASES
            if self.paradigm.get((number, case, gender))
        }
        if not forms.get("nom"):
            return None
        return _Reading(self.pos, number, gender, self.geographic, forms, self.paradigm)


def _split_tag(tag: str) -> list[str]:
    return tag.split(":")


def _genders(part: str) -> list[str]:
    return part.split(".")


def _paradigm(lemma: str, pos: str) -> dict[tuple[str, str, str], list[str]]:
    """Forms of `lemma` keyed by (number, case, gender) for one part of speech."""
    table: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    try:
        generated = analyser().generate(lemma)
    except (RuntimeError, KeyError):
        return {}
    for form, _lemma, tag, _names, qualifiers in generated:
        parts = _split_tag(tag)
        if parts[0] != pos or len(parts) < 4:
            continue
        if pos == "adj" and parts[-1] != "pos":
            continue
        if any("arch" in qualifier for qualifier in qualifiers):
            continue
        for number in parts[1].split("."):
            for case in parts[2].split("."):
                for gender in _genders(parts[3]):
                    bucket = table[(number, case, gender)]
                    if form not in bucket:
                        bucket.append(form)
    return dict(table)


def _word_readings(word: str) -> list[_Reading]:
    """The nominative readings Morfeusz knows for `word`, best first (place nouns first)."""
    readings: list[_Reading] = []
    seen: set[tuple[str, str, str, str]] = set()
    for _start, _end, (form, lemma, tag, names, _qualifiers) in analyser().analyse(word):
        if form != word and form.lower() != word.lower():
            continue
        parts = _split_tag(tag)
        if parts[0] not in {"subst", "adj"} or len(parts) < 4 or "nom" not in parts[2]:
            continue
        if parts[0] == "adj" and parts[-1] != "pos":
            continue
        geographic = bool(_GEO_QUALIFIERS & set(names))
        if parts[0] == "subst" and not geographic and word[:1].isupper() and "nazwisko" in names:
            continue
        paradigm = _paradigm(lemma, parts[0])
        for number in parts[1].split("."):
            for gender in _genders(parts[3]):
                key = (parts[0], number, gender, lemma)
                if key in seen:
                    continue
                seen.add(key)
                forms = {
                    case: paradigm.get((number, case, gender), [])
                    for case in ALL_CASES
                    if paradigm.get((number, case, gender))
                }
                if word.lower() not in (f.lower() for f in forms.get("nom", [])):
                    continue
                table = paradigm if parts[0] == "adj" else {}
                if word[:1].isupper():
                    table = {key: [_capitalised(f) for f in fs] for key, fs in table.items()}
                readings.append(_Reading(parts[0], number, gender, geographic, forms, table))
    readings.sort(key=lambda r: (not r.geographic, r.pos != "subst"))
    return readings


def _capitalised(form: str) -> str:
    return form[:1].upper() + form[1:]


# Endings of adjectives by the nominative singular's gender, for a stem ending in k/g ("soft",
# "Hornowski") or another consonant ("hard", "Tarnawacka" is soft, "Dolny" hard). The neuter
# "-em" is the older locative that official names keep ("w Wysokiem Mazowieckiem").
_ADJECTIVE_ENDINGS: Final = {
    "soft": {
        ("sg", "m3"): {
            "nom": ["i"],
            "gen": ["iego"],
            "dat": ["iemu"],
            "inst": ["im"],
            "loc": ["im"],
        },
        ("sg", "f"): {
            "nom": ["a"],
            "gen": ["iej"],
            "dat": ["iej"],
            "acc": ["ą"],
            "inst": ["ą"],
            "loc": ["iej"],
        },
        ("sg", "n"): {
            "nom": ["ie"],
            "gen": ["iego"],
            "dat": ["iemu"],
            "inst": ["im", "iem"],
            "loc": ["im", "iem"],
        },
        ("pl", "n"): {
            "nom": ["ie"],
            "gen": ["ich"],
            "dat": ["im"],
            "inst": ["imi"],
            "loc": ["ich"],
        },
    },
    "hard": {
        ("sg", "m3"): {"nom": ["y"], "gen": ["ego"], "dat": ["emu"], "inst": ["ym"], "loc": ["ym"]},
        ("sg", "f"): {
            "nom": ["a"],
            "gen": ["ej"],
            "dat": ["ej"],
            "acc": ["ą"],
            "inst": ["ą"],
            "loc": ["ej"],
        },
        ("sg", "n"): {
            "nom": ["e"],
            "gen": ["ego"],
            "dat": ["emu"],
            "inst": ["ym", "em"],
            "loc": ["ym", "em"],
        },
        ("pl", "n"): {"nom": ["e"], "gen": ["ych"], "dat": ["ym"], "inst": ["ymi"], "loc": ["ych"]},
    },
}
_ADJECTIVE_SUFFIXES: Final = ("sk", "ck", "dzk", "ow", "n", "ńsk")
_GENDERS_LIKE: Final = {"m3": ("m1", "m2", "m3"), "f": ("f",), "n": ("n",)}


def _rule_adjective(word: str) -> list[_Reading]:
    """Readings of a word Morfeusz does not know that has an adjective's ending ("Hornowski",
    "Mielęcka", "Tarnawackie"), with the whole paradigm so that it can agree with its noun."""
    lower = word.lower()
    for kind, nominative_endings in (("soft", ("i", "a", "ie")), ("hard", ("y", "a", "e"))):
        for ending in sorted(nominative_endings, key=len, reverse=True):
            stem = word[: len(word) - len(ending)]
            if not lower.endswith(ending) or not stem:
                continue
            soft_stem = stem.lower().endswith(("k", "g"))
            if (kind == "soft") != soft_stem:
                continue
            if not stem.lower().endswith(_ADJECTIVE_SUFFIXES) and not soft_stem:
                continue
            readings = _adjective_readings(word, _adjective_paradigm(stem, kind))
            if readings:
                return readings
    return []


def _adjective_paradigm(stem: str, kind: str) -> dict[tuple[str, str, str], list[str]]:
    """Every form of a (soft or hard) adjective with `stem`, by number, case and gender."""
    paradigm: dict[tuple[str, str, str], list[str]] = {}
    for (number, gender), by_case in _ADJECTIVE_ENDINGS[kind].items():
        for like in _GENDERS_LIKE[gender]:
            for case, endings in by_case.items():
                paradigm[(number, case, like)] = [stem + e for e in endings]
            if number == "pl":
                for other in ("m2", "m3", "f"):
                    for case, endings in by_case.items():
                        paradigm[(number, case, other)] = [stem + e for e in endings]
    return paradigm


def _adjective_readings(
    word: str, paradigm: dict[tuple[str, str, str], list[str]]
) -> list[_Reading]:
    """The readings of `word` as a nominative of the paradigm, one per number and gender."""
    own = [key[0::2] for key, forms in paradigm.items() if key[1] == "nom" and word in forms]
    readings = []
    for number, gender in own:
        reading = _Reading("adj", number, gender, False, {}, paradigm).agreeing(number, gender)
        if reading is not None:
            readings.append(reading)
    return readings


@dataclass(frozen=True)
class _SuffixRule:
    """Inflect by analogy: drop `strip` letters of the nominative and add each case's ending."""

    strip: int
    endings: tuple[tuple[str, str], ...]
    number: str
    gender: str


def _rule_from(nominative: str, reading: _Reading) -> _SuffixRule | None:
    endings: list[tuple[str, str]] = []
    strip = 0
    nominative = nominative.lower()
    forms = {
        case: reading.forms[case][0].lower() for case in OBLIQUE_CASES if case in reading.forms
    }
    if not forms:
        return None
    for form in forms.values():
        common = 0
        while common < min(len(form), len(nominative)) and form[common] == nominative[common]:
            common += 1
        strip = max(strip, len(nominative) - common)
    strip = min(strip, 3)
    stem = nominative[: len(nominative) - strip]
    for case, form in forms.items():
        if not form.startswith(stem):
            return None
        endings.append((case, form[len(stem) :]))
    return _SuffixRule(strip, tuple(endings), reading.number, reading.gender)


class _Analogy:
    """Suffix → most frequent inflection rule among geographic names Morfeusz knows."""

    def __init__(self) -> None:
        self._votes: dict[str, Counter[_SuffixRule]] = defaultdict(Counter)

    def learn(self, word: str, reading: _Reading) -> None:
        rule = _rule_from(word, reading)
        if rule is None:
            return
        lower = word.lower()
        for length in (2, 3, 4):
            if len(lower) > length:
                self._votes[lower[-length:]][rule] += 1

    def reading_for(self, word: str) -> _Reading | None:
        lower = word.lower()
        for length in (4, 3, 2):
            votes = self._votes.get(lower[-length:])
            if not votes:
                continue
            rule, count = votes.most_common(1)[0]
            if count < 2 and length > 2:
                continue
            stem = word[: len(word) - rule.strip]
            forms = {case: [stem + ending] for case, ending in rule.endings}
            forms["nom"] = [word]
            return _Reading("subst", rule.number, rule.gender, True, forms)
        return None


def _choose(readings: list[_Reading], number: str, gender: str) -> _Reading | None:
    for reading in readings:
        if reading.number == number and reading.gender == gender:
            return reading
    return None


def _combine(
    words: Sequence[str], chosen: Sequence[_Reading | None], result: dict[str, list[str]]
) -> None:
    for case in OBLIQUE_CASES:
        variants = [""]
        for word, reading in zip(words, chosen, strict=True):
            if reading is None:
                pieces = [word]
            else:
                pieces = reading.forms.get(case, [])[:2]
                if not pieces:
                    break
            variants = [f"{v}{p}" for v in variants for p in pieces][:4]
        else:
            bucket = result.setdefault(case, [])
            bucket.extend(v for v in variants if v not in bucket)


def _inflect_words(
    words: Sequence[str], readings: Sequence[list[_Reading]]
) -> dict[str, list[str]] | None:
    """Combine per-word readings into whole-name forms by case, agreeing with the head noun."""
    inflecting = [i for i, r in enumerate(readings) if r]
    if not inflecting:
        return None

    def is_noun(i: int) -> bool:
        return any(r.pos == "subst" for r in readings[i]) and not any(
            r.pos == "adj" for r in readings[i]
        )

    head = next(
        (i for i in inflecting if is_noun(i)),
        next((i for i in inflecting if readings[i][0].pos == "subst"), inflecting[0]),
    )
    head_readings = [r for r in readings[head] if r.pos == "subst"][:3] or readings[head][:1]
    combinations: list[list[_Reading | None]] = []
    for head_reading in head_readings:
        chosen: list[_Reading | None] = []
        # A word that is both a noun and an adjective ("Jeziorna") is also read as a noun.
        as_nouns: list[_Reading | None] = []
        for i, options in enumerate(readings):
            if not options:
                chosen.append(None)
                as_nouns.append(None)
                continue
            if i == head:
                chosen.append(head_reading)
                as_nouns.append(head_reading)
                continue
            adjectives = [r for r in options if r.pos == "adj"]
            nouns = [r for r in options if r.pos == "subst"]
            match = _choose(adjectives, head_reading.number, head_reading.gender)
            if match is None and adjectives:
                match = adjectives[0].agreeing(head_reading.number, head_reading.gender)
            own = match or _choose(options, head_reading.number, head_reading.gender) or options[0]
            chosen.append(own)
            after_hyphen = i > 0 and words[i - 1].endswith("-")
            as_nouns.append(nouns[0] if nouns and match is not None and after_hyphen else own)
        combinations.append(chosen)
        if as_nouns != chosen:
            combinations.append(as_nouns)
    result: dict[str, list[str]] = {}
    for chosen in combinations:
        _combine(words, chosen, result)
    return result


_TOKEN: Final = re.compile(r"(\s+|-)")


def _name_forms(name: str, analogy: _Analogy) -> list[str]:
    """Every oblique case form (lower case) of a (possibly multi-word, hyphenated) place name."""
    pieces = _TOKEN.split(name)
    words = pieces[0::2]
    separators = pieces[1::2]
    readings: list[list[_Reading]] = []
    fixed = False
    for word in words:
        # A one-word name that is also a preposition ("Koło") inflects like any noun.
        fixing = word.lower() in _FIXED_AFTER and len(words) > 1
        if fixed or fixing or not word.isalpha():
            fixed = fixed or fixing
            readings.append([])
            continue
        word_readings = _word_readings(word)
        if not word_readings and readings:
            word_readings = _rule_adjective(word)
        if not word_readings:
            guessed = analogy.reading_for(word)
            word_readings = [guessed] if guessed else []
        readings.append(word_readings)
    glued = [w + (separators[i] if i < len(separators) else "") for i, w in enumerate(words)]
    # The separators ride on the words so that the combination keeps spaces and hyphens.
    glued_readings = []
    for i, options in enumerate(readings):
        tail = separators[i] if i < len(separators) else ""
        glued_readings.append(
            [
                _Reading(
                    r.pos,
                    r.number,
                    r.gender,
                    r.geographic,
                    {case: [f + tail for f in forms] for case, forms in r.forms.items()},
                    {key: [f + tail for f in forms] for key, forms in r.paradigm.items()},
                )
                for r in options
            ]
        )
    by_case = _inflect_words(glued, glued_readings)
    if not by_case:
        return []
    forms: list[str] = []
    for case in OBLIQUE_CASES:
        found = list(by_case.get(case, []))
        if case in {"loc", "inst"}:
            found.extend(_old_neuter_forms(name, found))
        for form in found:
            lowered = form.lower()
            if lowered != name.lower() and lowered not in forms:
                forms.append(lowered)
    return forms


def _old_neuter_forms(name: str, forms: Sequence[str]) -> list[str]:
    """The older "-em" locative of neuter adjectival words that official names keep
    ("w Wysokiem Mazowieckiem", beside the everyday "w Wysokim Mazowieckim")."""
    nominative = re.split(r"[ -]", name)
    variants = []
    for form in forms:
        words = re.split(r"([ -])", form)
        if len(words[0::2]) != len(nominative):
            continue
        changed = [
            word[:-2] + ("iem" if word.endswith("im") else "em")
            if i % 2 == 0 and nominative[i // 2].endswith("e") and word.endswith(("im", "ym"))
            else word
            for i, word in enumerate(words)
        ]
        variant = "".join(changed)
        if variant != form:
            variants.append(variant)
    return variants


def _adjective_word_forms(word: str) -> list[str]:
    """Singular oblique forms of a masculine or neuter Polish adjective ("pruszkowski",
    "mazowieckie")."""
    if word.endswith("ie"):
        stem = word[:-2]
        return [stem + "iego", stem + "iemu", stem + "im"]
    if word.endswith("e"):
        stem = word[:-1]
        return [stem + "ego", stem + "emu", stem + "ym"]
    if word.endswith("i"):
        stem = word[:-1]
        return [stem + "iego", stem + "iemu", stem + "im"]
    if word.endswith("y"):
        stem = word[:-1]
        return [stem + "ego", stem + "emu", stem + "ym"]
    return []


def adjectival_name_forms(name: str) -> list[str]:
    """Case forms of a lower-case adjectival name (a land powiat: "łódzki wschodni").

    In a compound ("golubsko-dobrzyński") only the last part inflects. The short form of a
    compound ("golubski") is included, as residents often use it.
    """
    words = name.split(" ")
    per_word: list[list[str]] = []
    for word in words:
        head, _, last = word.rpartition("-")
        prefix = f"{head}-" if head else ""
        per_word.append([prefix + form for form in _adjective_word_forms(last)])
    forms: list[str] = []
    if all(per_word):
        forms = [" ".join(parts) for parts in zip(*per_word, strict=True)]
    first = words[0]
    if len(words) == 1 and "-" in first and first.split("-")[0].endswith("o"):
        short = first.split("-")[0][:-1] + "i"
        forms.append(short)
        forms.extend(_adjective_word_forms(short))
    return forms


def build_form_table(names: Iterable[str]) -> dict[str, list[str]]:
    """Map each name to its oblique case forms (build time; needs Morfeusz 2)."""
    analogy = _Analogy()
    unique = sorted(set(names))
    for name in unique:
        if " " in name or "-" in name:
            continue
        readings = _word_readings(name)
        if readings and readings[0].geographic and readings[0].pos == "subst":
            analogy.learn(name, readings[0])
    table: dict[str, list[str]] = {}
    for name in unique:
        if name.islower() and name.replace(" ", "").replace("-", "").isalpha():
            forms = adjectival_name_forms(name)
        else:
            forms = _name_forms(name, analogy)
        if forms:
            table[name] = forms
    return table
