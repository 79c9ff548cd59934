"""Where a text names places: exact spans (names, case forms) and typo-tolerant ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import OSA

from directory.folding import fold
from directory.places.index import TIER_MAJOR, CompactIndex, Entry, short_name
from directory.places.lexicon import (
    CAPITAL_WORDS,
    DROPPED_QUALIFIERS,
    EXONYMS,
    FIRST_WORD_ABBREVIATIONS,
    FUNCTION_WORDS,
    GMINA_CUES,
    INNER_ABBREVIATIONS,
    NUMERAL_PREFIXES,
    OBLIQUE_PREPOSITIONS,
    PLACE_CUES,
    STRUCTURAL,
    VOIVODESHIP_CUES,
)

MAX_SPAN_TOKENS: Final = 6


@dataclass
class Span:
    """Words `start`..`end` of the text read as a place: its key and readings (entry numbers)."""

    start: int
    end: int
    key: str
    entries: list[int]
    distance: int = 0
    # Readings of different kinds that must be weighed equally (see `_readings`).
    flat: bool = False
    # The readings where the words are the name itself, not one of its case forms.
    nominative: list[int] = field(default_factory=list)
    # A guess from a misspelling that is not certain enough to act on without asking.
    uncertain: bool = False
    # Read from a word that itself says "near the city" ("podkrakowska").
    near: bool = False

    def covers(self, other: Span) -> bool:
        """Whether this span holds `other` inside it and is longer."""
        return (
            self.start <= other.start
            and other.end <= self.end
            and (self.end - self.start) > (other.end - other.start)
        )


def tokenise(text: str) -> list[str]:
    """The folded words of `text`, English exonyms replaced by the Polish names."""
    folded = fold(text)
    tokens = [t for t in folded.split(" ") if t]
    # "m. st. Warszawa" is "miasto stołeczne" (the capital city), not "St." for Stara.
    return [
        "stoleczne" if t == "st" and i > 0 and tokens[i - 1] == "m" else EXONYMS.get(t, t)
        for i, t in enumerate(tokens)
    ]


def _lookup(index: CompactIndex, words: Sequence[str], key: str) -> tuple[list[int], list[int]]:
    """The entries named by `key` (nominative, oblique), hyphenated, with a numeral spelt out or
    with an abbreviated word written out ("N. Sącz", "Nowe Miasto n/Pilicą")."""
    nominative, oblique = _lookup_as_written(index, words, key)
    if (
        nominative
        or oblique
        or len(words) < 2
        or not (
            words[0] in FIRST_WORD_ABBREVIATIONS or any(w in INNER_ABBREVIATIONS for w in words)
        )
    ):
        return nominative, oblique
    inner = [
        INNER_ABBREVIATIONS.get(w, w) if 0 < i < len(words) - 1 else w for i, w in enumerate(words)
    ]
    for first in FIRST_WORD_ABBREVIATIONS.get(inner[0], (inner[0],)):
        expanded = [first, *inner[1:]]
        if expanded != list(words):
            nominative, oblique = _lookup_as_written(index, expanded, " ".join(expanded))
            if nominative or oblique:
                break
    return nominative, oblique


def _lookup_as_written(
    index: CompactIndex, words: Sequence[str], key: str
) -> tuple[list[int], list[int]]:
    nominative, oblique = index.lookup(key)
    if not (nominative or oblique) and len(words) > 1:
        # "bielsko biala" for Bielsko-Biała.
        nominative, oblique = index.lookup("-".join(words))
    for spelt in NUMERAL_PREFIXES.get(key[0], ()) if not (nominative or oblique) else ():
        nominative, oblique = index.lookup(spelt + key[1:].lstrip(" -"))
        if nominative or oblique:
            break
    return nominative, oblique


def find_spans(
    index: CompactIndex,
    tokens: Sequence[str],
    blocked: frozenset[int] = frozenset(),
    clauses: Sequence[int] | None = None,
) -> tuple[list[Span], list[Span]]:
    """Exact place spans and voivodeship spans, minus spans inside longer ones."""
    places: list[Span] = []
    regions: list[Span] = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + MAX_SPAN_TOKENS) + 1):
            if end - 1 in blocked:
                break
            words = tokens[start:end]
            cue_as_name = (
                len(words) == 1
                and words[0] in PLACE_CUES
                and all(t in STRUCTURAL for t in tokens[end:])
            )
            if all(w in STRUCTURAL for w in words) and not cue_as_name:
                continue
            key = " ".join(words)
            if key in CAPITAL_WORDS and _capital_of_something(tokens, end):
                continue
            nominative, oblique = _lookup(index, words, key)
            if cue_as_name:
                # "Koło" the town, when the word introduces nothing after it.
                nominative = [n for n in nominative if index.entries[n].tier == TIER_MAJOR]
                oblique = [n for n in oblique if index.entries[n].tier == TIER_MAJOR]
            if nominative or oblique:
                # After a preposition the name is inflected ("w Jaworze" is Jawor, not Jaworze);
                # a bare name is a nominative ("Jaworzna" the villages, not Jaworzno).
                # ... not across a comma ("Lublin i okolice, Świdnik"); the dot after an
                # abbreviation ("k. Radomia") is no clause's end.
                after_preposition = (
                    start > 0
                    and tokens[start - 1] in OBLIQUE_PREPOSITIONS
                    and (
                        clauses is None
                        or clauses[start - 1] == clauses[start]
                        or len(tokens[start - 1]) <= 3
                    )
                )
                readings, flat = _readings(index, nominative, oblique, after_preposition)
                if start == 0 or tokens[start - 1] not in PLACE_CUES | GMINA_CUES:
                    # "Chełm" alone is the city or the rural gmina around it: ask. "w Chełmie"
                    # and "gmina Chełm" say which.
                    surrounding = gmina_around_city(index, nominative)
                    if surrounding:
                        cities = {index.entries[n].name for n in surrounding}
                        readings = [
                            n
                            for n in nominative
                            if index.entries[n].kind == "city" and index.entries[n].name in cities
                        ] + surrounding
                        flat = True
                span = Span(start, end, key, readings, flat=flat, nominative=nominative)
                # A bare word that is only a case form of villages ("Brzósek", genitive of
                # Brzóski) is more likely a misspelt name: ask.
                span.uncertain = (
                    not after_preposition
                    and not nominative
                    and all(index.entries[n].tier != TIER_MAJOR for n in readings)
                )
                places.append(span)
            if key in index.voivodeships:
                regions.append(Span(start, end, key, []))
    # SIMC has village parts named with a preposition ("W Lasku", "Pod Górą"); "w Łasku" is the
    # town Łask after "w", so such a name does not hide a town's name or case form beginning
    # inside it.
    places = [
        s
        for s in places
        if not (
            tokens[s.start] in OBLIQUE_PREPOSITIONS
            and all(index.entries[n].tier != TIER_MAJOR for n in s.entries)
            and any(
                # "w Łasku"; also "pod Dąbrową Górniczą", not the village part "Pod Dąbrową"
                o.start == s.start + 1
                and o.end >= s.end
                and any(index.entries[n].tier == TIER_MAJOR for n in o.entries)
                for o in places
            )
        )
    ]
    places += _with_qualifier(index, tokens, places, blocked)
    places += _with_abbreviation(index, tokens, places, blocked)
    places += _contracted_cities(index, tokens, blocked)
    everything = places + regions
    places = [s for s in places if not any(o.covers(s) for o in everything)]
    regions = [s for s in regions if not any(o.covers(s) for o in everything)]
    return places, regions


def _capital_of_something(tokens: Sequence[str], end: int) -> bool:
    """Whether "stolica" is followed by what it is the capital of ("stolicy Podlasia")."""
    return end < len(tokens) and (
        tokens[end] in VOIVODESHIP_CUES or tokens[end] not in STRUCTURAL | FUNCTION_WORDS
    )


def _with_qualifier(
    index: CompactIndex, tokens: Sequence[str], spans: Sequence[Span], blocked: frozenset[int]
) -> list[Span]:
    """A town's short name followed by its qualifier in another case than the index knows ("w
    Ostrowie Mazowieckiej", as Ostrów is often declined): the town, over both words."""
    found = []
    exact = {(s.start, s.end) for s in spans}
    for span in spans:
        if span.end >= len(tokens) or span.end in blocked or (span.start, span.end + 1) in exact:
            continue
        following = tokens[span.end]
        stem = next((q for q in DROPPED_QUALIFIERS if following.startswith(q)), None)
        if stem is None:
            continue
        towns = [
            n
            for n in span.entries
            if index.entries[n].kind in {"town", "city"}
            and short_name(index.entries[n].name) is not None
            and fold(index.entries[n].name.split(" ")[-1]).startswith(stem)
        ]
        if towns:
            numbers = [index.as_major(n) for n in towns]
            found.append(Span(span.start, span.end + 1, span.key + " " + following, numbers))
    return found


def _with_abbreviation(
    index: CompactIndex, tokens: Sequence[str], spans: Sequence[Span], blocked: frozenset[int]
) -> list[Span]:
    """A town's name with its last word abbreviated as Poles write it ("Piotrków Tryb.",
    "Głogów Młp.", "Krosno Odrz.", "w Nowym Mieście Lub.", "Skarżysko-Kam."): the towns whose
    name (or case form) is the words before and one more word the abbreviation's letters
    begin and occur in, in order."""
    found = []
    exact = {(s.start, s.end) for s in spans}
    # The words before the abbreviation: a place's name, or a word no place is named by alone
    # ("Stalowa W.": there is no Stalowa).
    heads = [(span.start, span.end, span.key) for span in spans] + [
        (position, position + 1, token)
        for position, token in enumerate(tokens[:-1])
        if len(token) >= 4
        and token.isalpha()
        and token not in STRUCTURAL
        and not any(s.start == position for s in spans)
    ]
    for start, end, key in heads:
        if end >= len(tokens) or end in blocked or (start, end + 1) in exact:
            continue  # "Stare Króle" is a name as written
        short = tokens[end]
        if not short.isalpha() or not 1 <= len(short) <= 7 or short in FUNCTION_WORDS:
            continue
        # A preposition ends no message: "w Stalowej W." is the town's abbreviated name.
        if short in STRUCTURAL and not (len(short) == 1 and end == len(tokens) - 1):
            continue
        for separator in (" ", "-"):  # "Lądek Zdr." for Lądek-Zdrój
            found.extend(_abbreviated_towns(index, start, end + 1, key + separator, short))
    for position, token in enumerate(tokens):
        head, _dash, short = token.rpartition("-")
        if (
            head
            and short.isalpha()
            and len(short) <= 7
            and index.lookup(token) == ([], [])
            and index.lookup(head) != ([], [])
        ):
            found.extend(_abbreviated_towns(index, position, position + 1, head + "-", short))
    return found


def _contracted_cities(
    index: CompactIndex, tokens: Sequence[str], blocked: frozenset[int]
) -> list[Span]:
    """A city with powiat rights contracted to its first and last letters, as "W-wa" is
    Warszawa ("Cz-wa", "w Cz-wie", "B-stok", "Wr-w"; the pattern of Tuwim's "W-wa", cited in
    place_names.csv): the cities whose name or case form begins and ends so."""
    found = []
    for position, token in enumerate(tokens):
        head, dash, tail = token.partition("-")
        if (
            not dash
            or position in blocked
            or not (1 <= len(head) <= 3 and 1 <= len(tail) <= 5)
            or not (head.isalpha() and tail.isalpha())
            or index.lookup(token) != ([], [])
        ):
            continue
        nominative: list[int] = []
        oblique: list[int] = []
        for name in _city_names(index):
            if not name.startswith(head):
                continue
            for key in index.keys_with_prefix(name[:3]):
                if (
                    not key.startswith(head)
                    or not key.endswith(tail)
                    or len(key) < len(head) + len(tail) + 2
                    or " " in key
                    or "-" in key
                ):
                    continue
                key_nominative, key_oblique = index.lookup(key)
                nominative += [n for n in key_nominative if index.entries[n].kind == "city"]
                oblique += [n for n in key_oblique if index.entries[n].kind == "city"]
        numbers = list(dict.fromkeys(nominative + oblique))
        if numbers:
            found.append(Span(position, position + 1, token, numbers, nominative=nominative))
    return found


@cache
def _city_names(index: CompactIndex) -> tuple[str, ...]:
    """The folded one-word names of the cities with powiat rights."""
    return tuple(
        fold(p.name)
        for p in index.gazetteer.powiats
        if p.is_city and " " not in p.name and "-" not in p.name
    )


def _abbreviated_towns(
    index: CompactIndex, start: int, end: int, prefix: str, short: str
) -> list[Span]:
    """The span of the towns whose key is `prefix` and one word that `short` abbreviates."""
    nominative: list[int] = []
    oblique: list[int] = []
    # Only the keys whose next word starts as the abbreviation does.
    for key in index.keys_with_prefix(prefix + short[0]) if len(prefix) > 3 else []:
        word = key[len(prefix) :]
        if " " in word or "-" in word or not _abbreviates(short, word):
            continue
        key_nominative, key_oblique = index.lookup(key)
        nominative += [n for n in key_nominative if _is_town(index.entries[n])]
        oblique += [n for n in key_oblique if _is_town(index.entries[n])]
    numbers = list(dict.fromkeys(nominative + oblique))
    # One letter ("Tarnowskie G.") abbreviates only where it leaves a single town's name.
    if not numbers or (len(short) == 1 and len({index.entries[n].name for n in numbers}) != 1):
        return []
    return [Span(start, end, prefix + short, numbers, nominative=nominative)]


def _abbreviates(short: str, word: str) -> bool:
    """Whether `short` abbreviates `word`: its first letter, then its other letters in order
    ("wlkp": wielkopolski, "mlp": małopolski, "tryb": trybunalski)."""
    if short[0] != word[0] or len(word) < len(short) + 2:
        return False
    letters = iter(word[1:])
    return all(letter in letters for letter in short[1:])


def _is_town(entry: Entry) -> bool:
    return entry.tier == TIER_MAJOR and entry.kind in {"town", "city", "district"}


def _readings(
    index: CompactIndex, nominative: list[int], oblique: list[int], after_preposition: bool
) -> tuple[list[int], bool]:
    """Which readings of a word count: case forms after a preposition, nominatives otherwise.

    A bare word that is a village's name but also a case form of a town ("Brzozowie") keeps
    both readings, so that the resident is asked rather than sent to the village.
    """
    if after_preposition:
        return oblique or nominative, False
    if not nominative:
        return oblique, False
    major_oblique = [n for n in oblique if index.entries[n].tier == TIER_MAJOR]
    if not major_oblique or min(index.entries[n].tier for n in nominative) == TIER_MAJOR:
        return nominative, False
    return nominative + major_oblique, True


def fuzzy_spans(
    index: CompactIndex, tokens: Sequence[str], unknown: set[int], usable: set[int]
) -> list[Span]:
    """Typo-tolerant spans over `usable` tokens that contain at least one `unknown` token (not a
    place, not an ordinary word): one edit, two for long names, and one more for a town.

    A longer misspelt name beats the pieces inside it ("Podkowa Lesna", not a village "Podkowa").
    A reading two edits away from a short name, or a village that is one edit closer than a
    town, is only a guess: such spans are `uncertain`, so the resident is asked.
    """
    found: list[Span] = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + 3) + 1):
            if not all(i in usable for i in range(start, end)):
                break
            if any(i in unknown for i in range(start, end)):
                found.extend(_typo_readings(index, tokens, start, end))
    if not found:
        return []
    found = [f for f in found if not any(o.covers(f) for o in found)]
    best = min(s.distance for s in found)
    closest = _merge_closest(found, best)
    for span in closest:
        _add_towns_one_edit_further(index, tokens, span, found, best)
    return closest


def _typo_readings(index: CompactIndex, tokens: Sequence[str], start: int, end: int) -> list[Span]:
    """The readings of words `start`..`end` as a misspelt key, each a span with its distance."""
    query = " ".join(tokens[start:end])
    limit = 2 if len(query) >= 9 else 1 if len(query) >= 5 else 0
    major_limit = min(2, limit + 1) if len(query) >= 6 else limit
    if major_limit == 0:
        return []
    choices = _typo_choices(index, query, major_limit)
    if not choices:
        return []
    spans = []
    for key, distance, _ in process.extract(
        query, choices, scorer=OSA.distance, score_cutoff=major_limit, limit=None
    ):
        nominative, oblique = index.lookup(key)
        numbers = nominative + oblique
        if distance > limit:
            numbers = [n for n in numbers if index.entries[n].tier == TIER_MAJOR]
        if numbers:
            span = Span(start, end, key, numbers, int(distance))
            span.nominative = [n for n in nominative if n in numbers]
            span.uncertain = distance >= 2 and len(query) < 9
            spans.append(span)
    return spans


def _typo_choices(index: CompactIndex, query: str, edits: int) -> list[str]:
    """The keys within `edits` of `query` in length that start with its first letter (or, for
    longer words, with its first two letters swapped)."""
    choices: list[str] = []
    for length in range(len(query) - edits, len(query) + edits + 1):
        choices.extend(index.fuzzy_keys(query[0], length))
        if len(query) >= 6:
            choices.extend(
                k for k in index.fuzzy_keys(query[1], length) if len(k) > 1 and k[1] == query[0]
            )
    return choices


def _merge_closest(found: Sequence[Span], best: int) -> list[Span]:
    """The spans `best` edits away, the readings of each position merged into one span."""
    merged: dict[tuple[int, int], Span] = {}
    for span in found:
        if span.distance != best:
            continue
        same = merged.get((span.start, span.end))
        if same is None:
            merged[(span.start, span.end)] = span
        else:
            same.entries = same.entries + span.entries
            same.nominative = same.nominative + span.nominative
            same.uncertain = same.uncertain or span.uncertain
    return list(merged.values())


def _add_towns_one_edit_further(
    index: CompactIndex, tokens: Sequence[str], span: Span, found: Sequence[Span], best: int
) -> None:
    """Where the closest reading is only a village or a bare town's case form, also offer the
    towns one more edit away, and ask."""
    # A bare misspelt word whose best reading is a town's case form, not its name.
    bare_case_form = not (
        span.start > 0 and tokens[span.start - 1] in OBLIQUE_PREPOSITIONS
    ) and not any(index.entries[n].tier == TIER_MAJOR for n in span.nominative)
    if bare_case_form or all(index.entries[n].tier != TIER_MAJOR for n in span.entries):
        # A village one edit closer than a town, or a bare misspelt word nearest to a case
        # form ("Chojnei": Chojnie, or Chojnice?): the town one more edit away may be meant.
        towns = [
            n
            for other in found
            if (other.start, other.end) == (span.start, span.end) and other.distance == best + 1
            for n in other.entries
            if index.entries[n].tier == TIER_MAJOR
        ]
        if towns:
            span.entries = span.entries + towns
            span.flat = span.uncertain = True
        span.uncertain = span.uncertain or bare_case_form


def cue_before(tokens: Sequence[str], span: Span, cues: frozenset[str]) -> bool:
    """Whether the word before the span is one of `cues`."""
    return span.start > 0 and tokens[span.start - 1] in cues


def cue_after(tokens: Sequence[str], span: Span, cues: frozenset[str]) -> bool:
    """Whether the word after the span is one of `cues`."""
    return span.end < len(tokens) and tokens[span.end] in cues


def gmina_around_city(index: CompactIndex, numbers: Sequence[int]) -> list[int]:
    """The rural gminas named like the city they surround (gmina Chełm around Chełm) among the
    readings, when the city is one of them too; else nothing."""
    entries = [index.entries[n] for n in numbers]
    cities = {e.name for e in entries if e.kind == "city"}
    return [
        n
        for n, e in zip(numbers, entries, strict=True)
        if e.kind == "gmina"
        and e.name in cities
        and index.gazetteer.powiat(e.powiat).seat == e.name
        and e.powiat in index.around.get(_city_powiat(entries, e.name), ())
    ]


def _city_powiat(entries: Sequence[Entry], name: str) -> str:
    return next(e.powiat for e in entries if e.kind == "city" and e.name == name)
