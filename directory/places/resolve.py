"""Resolve text to a powiat: find the spans, sort them by what they name, keep the evident ones,
narrow by powiat, gmina, voivodeship or area, and decide (match, or ask)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from typing import Final

from directory.cyrillic import has_cyrillic, may_be_transliterated, romanise
from directory.folding import fold
from directory.places.answer import MAX_CANDIDATES, NO_PLACE, Candidate, Resolution
from directory.places.evidence import (
    SPACED_DASH,
    capitalised_words,
    clauses_of,
    foreign_city_form,
    is_common_anywhere,
    is_known_geographic,
    is_ordinary,
    only_place,
    ordinary_word_may_be_place,
    place_evidence,
    raw_tokens,
    weak,
    whole_clause,
)
from directory.places.index import (
    KIND_LABEL,
    KIND_ORDER,
    TIER_MAJOR,
    CompactIndex,
    Entry,
    place_index,
    spelt_as_typed,
)
from directory.places.lexicon import (
    ABROAD_AFTER_W,
    ADJECTIVE_ENDINGS,
    AGGLOMERATION_WORDS,
    CITY_WORDS,
    COUNTRY_AFTER_PLACE,
    FOREIGN_CITIES,
    FOREIGN_EXONYMS,
    FUNCTION_WORDS,
    GMINA_CUES,
    LOCATED_CUES,
    NEAR_AFTER,
    NEAR_AFTER_PAIRS,
    NEAR_AFTER_SKIPPED,
    NEAR_CUES,
    NEAR_INTENSIFIERS,
    NEAR_PAIRS,
    OBLIQUE_PREPOSITIONS,
    PLACE_CUES,
    POWIAT_CUES,
    SETTLEMENT_WORDS,
    STRUCTURAL,
    SURROUNDINGS,
)
from directory.places.spans import (
    Span,
    cue_after,
    cue_before,
    find_spans,
    fuzzy_spans,
    gmina_around_city,
    tokenise,
)


def _candidate(index: CompactIndex, entry: Entry, score: float) -> Candidate:
    gazetteer = index.gazetteer
    powiat = gazetteer.powiat(entry.powiat)
    gmina_name = None
    if entry.gmina is not None:
        gmina_name = gazetteer.unit(entry.gmina).name
    label = KIND_LABEL[entry.kind]
    if entry.kind == "powiat":
        matched = powiat.label()
    elif entry.kind == "city":
        matched = f"{entry.name}, city, {powiat.voivodeship}"
    else:
        matched = f"{entry.name}, {label} in {powiat.label()}"
    return Candidate(
        powiat=powiat.code,
        powiat_name=powiat.name,
        voivodeship=powiat.voivodeship,
        matched=matched,
        score=score,
        place_name=entry.name,
        kind=entry.kind,
        gmina_name=gmina_name,
        lat=entry.lat,
        lon=entry.lon,
    )


def _by_powiat(index: CompactIndex, numbers: Iterable[int], typed: str = "") -> list[Entry]:
    """The best entry per powiat, best first (names spelt exactly as typed before others)."""
    best: dict[str, Entry] = {}
    for number in numbers:
        entry = index.entries[number]
        current = best.get(entry.powiat)
        if current is None or (entry.tier, KIND_ORDER[entry.kind]) < (
            current.tier,
            KIND_ORDER[current.kind],
        ):
            best[entry.powiat] = entry
    return sorted(
        best.values(),
        key=lambda e: (e.tier, KIND_ORDER[e.kind], not spelt_as_typed(e.name, typed), e.powiat),
    )


def _decide(
    index: CompactIndex,
    numbers: Sequence[int],
    *,
    score: float,
    flat: bool = False,
    typed: str = "",
) -> Resolution:
    """Rank the readings: the best tier wins; several powiats there means ask."""
    if not numbers:
        return NO_PLACE
    top_tier = min(index.entries[n].tier for n in numbers)
    top = [n for n in numbers if flat or index.entries[n].tier == top_tier]
    readings = _by_powiat(index, top, typed)
    candidates = tuple(_candidate(index, e, score) for e in readings[:MAX_CANDIDATES])
    if len(readings) == 1:
        return Resolution("match", candidates)
    return Resolution("ambiguous", candidates)


def _filter(
    index: CompactIndex,
    numbers: Sequence[int],
    *,
    powiats: set[str] | None,
    gminas: set[str] | None,
    voivodeships: set[str] | None,
) -> list[int]:
    """Keep the readings each named powiat/gmina/voivodeship allows; ignore one that allows none."""
    kept = list(numbers)
    for allowed, width in ((powiats, 4), (gminas, 7), (voivodeships, 2)):
        if allowed is None:
            continue
        narrowed = [n for n in kept if _code(index.entries[n])[:width] in allowed]
        if narrowed:
            kept = narrowed
    return kept


def _code(entry: Entry) -> str:
    return entry.gmina or entry.powiat


def resolve_place(text: str, lang: str = "pl", *, not_places: Collection[str] = ()) -> Resolution:
    """Resolve a place a resident typed (a name or a whole message) to a powiat.

    Handles case forms, missing diacritics, filler words, powiat/gmina/voivodeship words,
    abbreviations, colloquial names, English exonyms and small typos. `lang` is the resident's
    language; Polish and English phrasing are understood either way, and for Ukrainian speakers
    Latin words Polish spelling does not explain are also read as romanised Ukrainian.
    `not_places` are words (folded) already read as something else, such as the crisis: never a
    place, yet part of the message ("ciągle mnie bije" is not only the village Ciągłe).
    """
    index = place_index()
    if has_cyrillic(text) or may_be_transliterated(text):
        # Ukrainian/Russian spellings ("у Кракові", "u Krakovi") → the Polish names they mean.
        # Cyrillic words already read as something else are never spelt as Polish names.
        romanised = romanise(text, index, not_places=not_places)
        resolution = _resolve(
            index, romanised.text, {*not_places, *romanised.abroad}, romanised.guessed
        )
        if has_cyrillic(text):
            return resolution
    else:
        resolution = _resolve(index, text, not_places)
    if lang in {"uk", "ru"}:
        # Russian speakers romanise too ("Kamenna-Gura"), by the same sounds.
        return _romanised_ukrainian(index, text, resolution, not_places)
    return resolution


def _romanised_ukrainian(
    index: CompactIndex, text: str, resolution: Resolution, not_places: Collection[str]
) -> Resolution:
    """For a Ukrainian speaker, the Latin text read as romanised Ukrainian where that is surer."""
    # A reading that corrected a typo is unsure too: "z hdanska" is "з Гданська", not Hańsk.
    unsure = resolution.status == "none" or all(c.score < 100.0 for c in resolution.candidates)
    # "Nova Sul": one word of a romanised name read alone (Nowe, the village Sul) is no sure
    # reading when the whole, read as romanised, names a longer place.
    partial = resolution.status == "match" and may_be_transliterated(text)
    # "Radzyn-Podlyaski": read in Polish spelling, a word was guessed and we would ask.
    asked = resolution.status == "ambiguous"
    if not (unsure or partial or asked) or set(tokenise(text)) & FOREIGN_CITIES:
        return resolution
    # A Ukrainian speaker's romanisation without tell-tale letters ("Zelena hura",
    # "Bilostok"): read that way only where it names a place exactly and Polish spelling
    # found nothing sure.
    transliterated = romanise(text, index, latin=True)
    if transliterated.text == text:
        return resolution
    alternative = _resolve(index, transliterated.text, not_places)
    exact = bool(alternative.candidates) and alternative.candidates[0].score >= 100.0
    if asked and not unsure:
        return alternative if alternative.status == "match" and exact else resolution
    if not unsure:
        longer = exact and len(alternative.candidates[0].place_name.split()) > len(
            resolution.candidates[0].place_name.split()
        )
        return alternative if alternative.status == "match" and longer else resolution
    if (alternative.status == "match" and (resolution.status != "match" or exact)) or (
        alternative.status == "ambiguous" and resolution.status == "none"
    ):
        return alternative
    return resolution


@dataclass(frozen=True)
class _Message:
    """The words of a message as the stages read them."""

    tokens: list[str]
    # The words as typed (lower case, diacritics kept), when they align with `tokens`.
    raw: list[str]
    capitalised: list[bool]
    clauses: list[int] | None
    # Positions of words already read as something else (`not_places`).
    blocked: frozenset[int]
    # Positions of case forms of cities abroad after a preposition ("w okolicach Łucka").
    abroad: frozenset[int] = frozenset()


@dataclass
class _Named:
    """A message's spans sorted by what they name."""

    places: list[Span]
    powiats: list[Span]
    gminas: list[Span]
    regions: list[Span]


@dataclass(frozen=True)
class _Narrowing:
    """What a message says beside the place: powiat, gmina, voivodeship, or a place it is near."""

    powiats: set[str] | None
    gminas: set[str] | None
    voivodeships: set[str] | None
    # The powiats a resident "near" another place named in the message may be in.
    area: set[str] | None
    near: list[Span]

    @property
    def unnarrowed(self) -> bool:
        """Whether nothing but the place itself was said."""
        return (
            self.powiats is None
            and self.gminas is None
            and self.voivodeships is None
            and not self.area
        )


def _resolve(
    index: CompactIndex,
    text: str,
    not_places: Collection[str] = (),
    guessed: Collection[str] = (),
) -> Resolution:
    """Resolve Latin text (see `resolve_place`); places read from `guessed` words are asked."""
    # A dash between spaces separates clauses ("Lublin - mam ataki paniki"); "Bielsko - Biała"
    # is still found, as words are also tried joined by a hyphen.
    text = SPACED_DASH.sub(" , ", text)
    tokens = tokenise(text)
    if not tokens:
        return NO_PLACE
    capitalised = capitalised_words(text, len(tokens))
    raw = raw_tokens(text)
    abroad = _abroad(index, tokens, raw if len(raw) == len(tokens) else tokens)
    near_adjectives = _near_adjectives(index, tokens)
    # A city abroad that names no Polish place is no misspelt one ("pod Łuckiem").
    blocked = frozenset(
        _blocked_positions(tokens, not_places)
        + _settlement_words(tokens, capitalised, near=near_adjectives.keys())
        + [i for i in abroad if index.lookup(tokens[i]) == ([], [])]
    )
    clauses = clauses_of(text, len(tokens))
    places, regions = find_spans(index, tokens, blocked, clauses)
    places += [s for s in near_adjectives.values() if s.start not in blocked]
    for span in places:
        if any(tokens[i] in guessed for i in range(span.start, span.end)):
            span.uncertain = True
    message = _Message(
        tokens,
        raw,
        capitalised,
        clauses,
        blocked,
        frozenset(abroad),
    )
    named = _sort_by_kind(index, tokens, places, regions)
    covered = {i for s in places + regions for i in range(s.start, s.end)}
    named.places = _evident_places(index, message, named.places, covered)
    named.regions = _narrowing_regions(index, message, named)
    narrowing = _narrowing(index, tokens, named)
    if named.places:
        return _decide_place(index, message, named.places, narrowing)
    units = named.gminas or named.powiats
    if units:
        decided = _decide_unit(index, units, narrowing, narrowing.powiats if named.gminas else None)
        if decided.status == "match" and any(
            tokens[i] in guessed for s in units for i in range(s.start, s.end)
        ):
            # A powiat's name guessed from a misspelt word ("у Легницці": legnicki, or
            # Legnica?) is confirmed with the resident.
            return Resolution("ambiguous", decided.candidates)
        return decided
    if narrowing.voivodeships and any(len(s.key) > 4 for s in named.regions):
        # An abbreviation alone ("maz", "pom") narrows a place but is no answer by itself.
        return _voivodeship_only(index, narrowing.voivodeships)
    return NO_PLACE


def _sort_by_kind(
    index: CompactIndex, tokens: Sequence[str], places: Sequence[Span], regions: list[Span]
) -> _Named:
    """Sort the spans into powiats ("powiat X", or only a powiat's name), gminas ("gmina X")
    and other places."""
    named = _Named([], [], [], regions)
    for span in places:
        if cue_before(tokens, span, POWIAT_CUES) or cue_after(tokens, span, POWIAT_CUES):
            powiat_numbers = [n for n in span.entries if index.entries[n].kind == "powiat"]
            if powiat_numbers:
                named.powiats.append(Span(span.start, span.end, span.key, powiat_numbers))
                continue
        if cue_before(tokens, span, GMINA_CUES):
            gmina_numbers = _gmina_readings(index, span)
            if gmina_numbers:
                named.gminas.append(Span(span.start, span.end, span.key, gmina_numbers))
                continue
        if {index.entries[n].kind for n in span.entries} == {"powiat"}:
            named.powiats.append(span)
        else:
            named.places.append(span)
    return named


def _gmina_readings(index: CompactIndex, span: Span) -> list[int]:
    """The readings of a name after "gmina": gminas and the towns that give them their name."""
    # The name after "gmina"/"w gminie" stays in the nominative ("gmina Wieliczki" is
    # not the genitive of Wieliczka).
    gmina_kinds = {"gmina", "town", "city"}
    gmina_numbers = [n for n in span.nominative if index.entries[n].kind in gmina_kinds] or [
        n for n in span.entries if index.entries[n].kind in gmina_kinds
    ]
    around = gmina_around_city(index, gmina_numbers)
    if around:
        return around
    # "gmina Leszno" is the rural gmina (near Warsaw), not the city with powiat rights, which
    # nobody calls a gmina.
    if any(index.entries[n].kind == "gmina" for n in gmina_numbers):
        return [n for n in gmina_numbers if index.entries[n].kind != "city"]
    return gmina_numbers


def _evident(index: CompactIndex, message: _Message, span: Span, spans: Sequence[Span]) -> bool:
    """Whether the message shows that the span means a place (see `weak`)."""
    tokens = message.tokens
    return (
        not weak(index, tokens, message.raw, span)
        or place_evidence(index, tokens, message.capitalised, span)
        or whole_clause(index, tokens, message.clauses, span)
        # Being among the only words of the message ("Piastów koło Pruszkowa").
        or (
            only_place(tokens, spans)
            and ordinary_word_may_be_place(index, tokens, message.capitalised, span)
        )
    )


def _evident_places(
    index: CompactIndex, message: _Message, place_spans: list[Span], covered: set[int]
) -> list[Span]:
    """The place spans the message is about: the evident ones, misspelt names read with typos
    where no evident place is left, or a weak place word that is nearly all of the message."""
    place_spans = _without_common_nouns_beside_a_city(index, message, place_spans)
    strong = [s for s in place_spans if _evident(index, message, s, place_spans)]
    unknown = _unknown_words(message, covered)
    if unknown:
        fuzzy = fuzzy_spans(index, message.tokens, unknown, _usable_words(message))
        # A typo next to a word that happens to be a name ("Rawa Mezowiecka"): the longer
        # fuzzy reading replaces the short exact one.
        longer = [f for f in fuzzy if any(f.covers(s) for s in place_spans)]
        if longer:
            place_spans = [s for s in place_spans if not any(f.covers(s) for f in longer)]
            place_spans += longer
            strong = [s for s in place_spans if _evident(index, message, s, place_spans)]
        elif fuzzy and not strong:
            # A lower-case word inside a sentence read one typo from a name is an ordinary word
            # more often ("ciagly" is not Ciągłe, "wrazenie" not Września): a guess needs the
            # message to point at it.
            place_spans = strong = [s for s in fuzzy if _fuzzy_evident(message, s, fuzzy)]
    if strong:
        return strong
    if place_spans and not only_place(message.tokens, place_spans):
        return []
    return [
        s
        for s in place_spans
        if ordinary_word_may_be_place(index, message.tokens, message.capitalised, s)
    ]


def _without_common_nouns_beside_a_city(
    index: CompactIndex, message: _Message, place_spans: list[Span]
) -> list[Span]:
    """Near a town or city ("pod Kaliszem", "pod Zakopanem"), a lower-case ordinary word
    elsewhere ("kolonia", "wynajmuję pokój", "mam działkę") is that word, not the village or
    gmina of its name (Kolonia, Pokój, Działka); after a preposition of place ("w bloku pod
    Jelenią Górą", "w górach koło Nowego Sącza") only where a place of that name lies near
    it ("w pokoju koło Opola": the gmina Pokój)."""
    tokens = message.tokens
    near = [
        s
        for s in place_spans
        if any(index.entries[n].kind in {"city", "town"} for n in s.entries)
        and _near_cue(tokens, s)
    ]
    if not near:
        return place_spans
    area = set().union(*(_area(index, s) for s in near))
    return [s for s in place_spans if s in near or not _common_noun_away(index, message, s, area)]


def _common_noun_away(index: CompactIndex, message: _Message, span: Span, area: set[str]) -> bool:
    """Whether the span is a lower-case ordinary word (after a preposition, or not) that names
    no place in `area` or names one only without a preposition before it."""
    tokens = message.tokens
    word = span.start
    if span.end - span.start == 2 and tokens[span.start] in OBLIQUE_PREPOSITIONS:
        word = span.start + 1  # the village "W Górach"
    elif span.end - span.start != 1:
        return False
    if message.capitalised[word] or not is_common_anywhere(tokens[word]):
        return False
    after_preposition = word > 0 and tokens[word - 1] in OBLIQUE_PREPOSITIONS
    return not (after_preposition and any(index.entries[n].powiat in area for n in span.entries))


# Words after which a misspelt word is taken for a name ("w wrzesni", "pod krakowme").
# Not "ze": without its diacritics it is mostly "że" (that).
_BEFORE_A_GUESS: Final = (OBLIQUE_PREPOSITIONS | PLACE_CUES | NEAR_CUES | {"in", "at", "near"}) - {
    "ze"
}


def _fuzzy_evident(message: _Message, span: Span, spans: Sequence[Span]) -> bool:
    """Whether the message points at a misspelt name: a capital, a preposition or cue before
    it, a clause of its own, or nothing else in the message."""
    tokens = message.tokens
    if message.capitalised[span.start] or only_place(tokens, spans):
        return True
    if span.start > 0 and tokens[span.start - 1] in _BEFORE_A_GUESS:
        return True
    if message.clauses is None:
        return False
    clause = message.clauses[span.start]
    return all(
        span.start <= i < span.end or tokens[i] in STRUCTURAL
        for i, number in enumerate(message.clauses)
        if number == clause
    )


def _unknown_words(message: _Message, covered: set[int]) -> set[int]:
    """Positions of the words that may be misspelt names: not a place, not an ordinary word."""
    tokens = message.tokens
    return {
        i
        for i, token in enumerate(tokens)
        if i not in covered
        and i not in message.blocked
        and token not in STRUCTURAL
        and token not in FUNCTION_WORDS
        # A short word counts only beside a place word ("Noa Ruda"): "mąż" is not "Maże".
        and (len(token) >= 4 or (len(token) == 3 and {i - 1, i + 1} & covered))
        and token not in FOREIGN_CITIES
        # Beside a place word it may be part of a misspelt name ("Podkowa Lsna"); alone, an
        # ordinary word with a diacritic left out is that word ("chodzic" is not Chodzież).
        and not is_ordinary(tokens, message.raw, i, restore=not ({i - 1, i + 1} & covered))
        and not ("-" not in token and is_known_geographic(token))
    }


def _usable_words(message: _Message) -> set[int]:
    """Positions of the words a misspelt name may span."""
    return {
        i
        for i, token in enumerate(message.tokens)
        if token not in STRUCTURAL and token not in FUNCTION_WORDS and i not in message.blocked
    }


def _narrowing_regions(index: CompactIndex, message: _Message, named: _Named) -> list[Span]:
    """The voivodeship words that narrow the place: not inside a place's own name ("opolski"),
    nor a short ordinary word ("pom")."""
    spans = named.places + named.powiats + named.gminas
    inside = {i for s in spans for i in range(s.start, s.end)}
    regions = [s for s in named.regions if not any(i in inside for i in range(s.start, s.end))]
    return [
        s
        for s in regions
        if not (
            s.end - s.start == 1
            and len(s.key) <= 4
            and is_ordinary(message.tokens, message.raw, s.start)
        )
    ]


def _narrowing(index: CompactIndex, tokens: Sequence[str], named: _Named) -> _Narrowing:
    """What narrows the place; a place the resident is near is taken out of `named.places`."""
    voivodeships = {index.voivodeships[s.key] for s in named.regions} or None
    powiats = (
        {index.entries[n].powiat for s in named.powiats for n in s.entries}
        if named.powiats
        else None
    )
    gminas = (
        {index.entries[n].gmina or "" for s in named.gminas for n in s.entries}
        if named.gminas
        else None
    )
    # "pod Krakowem, w Skawinie": the other place is where the resident is, and "near the
    # city" narrows its readings to the city and the powiats around and beside it.
    near = [s for s in named.places if _near_cue(tokens, s)]
    area: set[str] | None = None
    if near and (len(near) < len(named.places) or named.gminas or named.powiats):
        area = {p for s in near for p in _area(index, s)}
        named.places = [s for s in named.places if s not in near]
    return _Narrowing(powiats, gminas, voivodeships, area, near)


def _decide_place(
    index: CompactIndex, message: _Message, place_spans: Sequence[Span], narrowing: _Narrowing
) -> Resolution:
    """The answer for the place the message names, narrowed by what else it says."""
    tokens, raw = message.tokens, message.raw
    numbers, main = _primary(index, tokens, place_spans)
    flat = main.flat
    # Names spelt exactly as typed are listed first (the list is capped); the others stay,
    # as diacritics are often left out or misplaced.
    typed = " ".join(raw[main.start : main.end]) if len(raw) == len(tokens) else ""
    distance = min(s.distance for s in place_spans)
    numbers = _filter(
        index,
        numbers,
        powiats=narrowing.powiats,
        gminas=narrowing.gminas,
        voivodeships=narrowing.voivodeships,
    )
    numbers = _filter(index, numbers, powiats=narrowing.area, gminas=None, voivodeships=None)
    score = 100.0 - 12.0 * distance
    resolution = _decide(index, numbers, score=score, flat=flat, typed=typed)
    if (
        _foreign_city_only(index, numbers)
        or tuple(tokens[main.end : main.end + 2]) in COUNTRY_AFTER_PLACE
        or (
            main.end - main.start == 1
            and main.start in message.abroad
            # "w Winnicy koło Pułtuska" is the village there.
            and narrowing.unnarrowed
            and all(index.entries[n].tier != TIER_MAJOR for n in numbers)
        )
    ):
        return Resolution("none", _as_suggestions(resolution.candidates))
    if (
        resolution.status == "match"
        and narrowing.unnarrowed
        and (main.uncertain or _abroad_name_of_village(index, message, main, numbers))
    ):
        # "Did you mean …?": a guess from a misspelling is confirmed by the resident; so is a
        # village named like a well-known city abroad ("w Nowogródku": Navahrudak, most likely).
        return Resolution("ambiguous", resolution.candidates)
    if main in narrowing.near and (
        narrowing.unnarrowed
        # "near Wałbrzych, Lower Silesia": the voivodeship only confirms the city.
        or (
            narrowing.powiats is None
            and narrowing.gminas is None
            and not narrowing.area
            and resolution.status == "match"
        )
    ):
        return _near_city(index, resolution)
    return resolution


def _decide_unit(
    index: CompactIndex, spans: Sequence[Span], narrowing: _Narrowing, powiats: set[str] | None
) -> Resolution:
    """The answer for a gmina or powiat named as such, within `powiats` and the voivodeship."""
    numbers = [n for s in spans for n in s.entries]
    numbers = _filter(
        index, numbers, powiats=powiats, gminas=None, voivodeships=narrowing.voivodeships
    )
    numbers = _filter(index, numbers, powiats=narrowing.area, gminas=None, voivodeships=None)
    return _decide(index, numbers, score=95.0)


def _blocked_positions(tokens: Sequence[str], not_places: Collection[str]) -> list[int]:
    """Positions of the words that must not be read as places (each part of "a-b" counts)."""
    # "na Ukrainie" is the country, never the village Ukraina that would narrow the place.
    abroad = [
        i
        for i, token in enumerate(tokens)
        if i > 0
        and (
            (token in ABROAD_AFTER_W and tokens[i - 1] in {"w", "we"})
            or (tokens[i - 1], token) in COUNTRY_AFTER_PLACE
        )
    ]
    if not not_places:
        return abroad
    words = set(not_places)
    return abroad + [i for i, token in enumerate(tokens) if words & {token, *token.split("-")}]


def _abroad(index: CompactIndex, tokens: Sequence[str], raw: Sequence[str]) -> list[int]:
    """Positions of case forms of cities abroad after a preposition other than "w"/"na" ("pod
    Łuckiem", "w okolicach Łucka", "z Tarnopola"), unless they are also a Polish town's name or
    case form."""
    return [
        i
        for i in range(1, len(tokens))
        # Near it or from it: "w Równem" may well be one of the Polish villages.
        if tokens[i - 1] in OBLIQUE_PREPOSITIONS
        and tokens[i - 1] not in LOCATED_CUES
        # A town's name or case form first: asking Morfeusz costs more.
        and not any(
            index.entries[n].tier == TIER_MAJOR for found in index.lookup(tokens[i]) for n in found
        )
        and foreign_city_form(tokens[i], raw[i])
        # "w Brześciu Kujawskim": the first word of a Polish town's name.
        and not (i + 1 < len(tokens) and any(index.lookup(f"{tokens[i]} {tokens[i + 1]}")))
    ]


def _near_after(tokens: Sequence[str], end: int) -> bool:
    """Whether the words after a place say around it ("Tarnobrzeg area", "Warsaw metro area",
    "Warszawa i okolice")."""
    following = tokens[end : end + 2]
    if following[:1] and following[0] in NEAR_AFTER_SKIPPED:
        following = following[1:]
    if (
        following
        and following[0] in SURROUNDINGS
        and all(t in STRUCTURAL for t in tokens[end + 1 :])
    ):
        return True  # "Kraków okolice", "Варшава та околиці", at the end
    return (bool(following) and following[0] in NEAR_AFTER) or tuple(
        tokens[end : end + 2]
    ) in NEAR_AFTER_PAIRS


@cache
def _near_adjective_stems(index: CompactIndex) -> dict[str, str]:
    """The stems of the adjectives of the cities with powiat rights that have land powiats
    around them ("krakowsk", "lubelsk", "bialostock": from the land powiat seated in the city,
    or from the city's name), each with the city's key."""
    gazetteer = index.gazetteer
    stems: dict[str, str] = {}
    for powiat in gazetteer.powiats:
        if not powiat.is_city or not index.around.get(powiat.code):
            continue
        city = fold(powiat.name)
        # "gdański", "płocki"; "warszawski", "radomski".
        stems[city if city.endswith(("sk", "ck")) else city.rstrip("aeiouy") + "sk"] = city
        for code in index.around[powiat.code]:
            land = gazetteer.powiat(code)
            if land.seat == powiat.name:
                stems[fold(land.name).split(" ")[0][:-1]] = city
    return stems


def _near_adjectives(index: CompactIndex, tokens: Sequence[str]) -> dict[int, Span]:
    """Words that say "near the city" by themselves ("podkrakowska wieś", "w podwarszawskiej
    miejscowości"): "pod" and the city's adjective, read as the city the resident is near."""
    found: dict[int, Span] = {}
    for position, token in enumerate(tokens):
        if token.startswith("pod") and len(token) >= 8:
            rest = token[3:]
        elif position > 0 and tokens[position - 1] in AGGLOMERATION_WORDS:
            rest = token  # "aglomeracja krakowska"
        else:
            continue
        city = next(
            (
                _near_adjective_stems(index)[rest[:-cut]]
                for cut in (1, 2, 3, 4)
                if rest[-cut:] in ADJECTIVE_ENDINGS and rest[:-cut] in _near_adjective_stems(index)
            ),
            None,
        )
        if city is not None:
            cities = [n for n in index.lookup(city)[0] if index.entries[n].kind == "city"]
            if cities:
                found[position] = Span(
                    position, position + 1, city, cities, nominative=cities, near=True
                )
    return found


def _near_cue(tokens: Sequence[str], span: Span) -> bool:
    """Whether the words around the place put the resident near it ("pod Krakowem", "tuż za
    Koninem", "niedaleko miasta Łomża", "Tarnobrzeg area", "podkrakowska")."""
    if span.near or _near_after(tokens, span.end):
        return True
    start = span.start
    while True:
        if start == 0:
            return False
        if tokens[start - 1] in NEAR_CUES or (
            start >= 2 and (tokens[start - 2], tokens[start - 1]) in NEAR_PAIRS
        ):
            return True
        if tokens[start - 1] not in CITY_WORDS and tokens[start - 1] not in NEAR_INTENSIFIERS:
            return False
        start -= 1


def _settlement_words(
    tokens: Sequence[str], capitalised: Sequence[bool], *, near: Collection[int] = ()
) -> list[int]:
    """Positions of words that say what kind of place the resident lives in, in a message that
    puts them near a place ("w małej wsi koło Białegostoku", "podkrakowska wieś"): not a name
    (Mała Wieś, Wieś)."""
    if not SETTLEMENT_WORDS.intersection(tokens) or (
        not near
        and not any(t in NEAR_CUES or t in NEAR_AFTER for t in tokens)
        and not any(pair in NEAR_PAIRS for pair in pairwise(tokens))
    ):
        return []
    found = []
    for i, token in enumerate(tokens):
        if token in SETTLEMENT_WORDS and not capitalised[i]:
            found.append(i)
            # The adjective before it ("małej", "jakiejś"), written in lower case, unless it
            # is the one that says near which city ("podkrakowskiej").
            if (
                i > 0
                and tokens[i - 1] not in STRUCTURAL
                and not capitalised[i - 1]
                and i - 1 not in near
            ):
                found.append(i - 1)
    return found


def _area(index: CompactIndex, span: Span) -> set[str]:
    """The powiats a resident "near" this place may be in: a city's own, those around it and
    those bordering it; a town's or village's own powiat (the border is rarely far)."""
    area: set[str] = set()
    for number in span.entries:
        entry = index.entries[number]
        area.add(entry.powiat)
        if entry.kind == "city":
            area.update(index.around.get(entry.powiat, ()))
            area.update(index.bordering.get(entry.powiat, ()))
    return area


def _near_city(index: CompactIndex, resolution: Resolution) -> Resolution:
    """Near a city with powiat rights the resident is most likely in the land powiat around it,
    whose help may differ: ask, offering the city and the powiat(s) around it."""
    # Each city among the readings ("pod Olsztynem": the city, or the town Olsztyn) is followed
    # by the powiats around it.
    gazetteer = index.gazetteer
    offered: dict[str, Candidate] = {}
    for reading in resolution.candidates:
        offered.setdefault(reading.powiat, reading)
        if reading.kind != "city":
            continue
        for powiat in (gazetteer.powiat(code) for code in index.around.get(reading.powiat, [])):
            offered.setdefault(
                powiat.code,
                Candidate(
                    powiat=powiat.code,
                    powiat_name=powiat.name,
                    voivodeship=powiat.voivodeship,
                    matched=f"{powiat.label()} (around {reading.place_name})",
                    score=reading.score,
                    place_name=powiat.name,
                    kind="city" if powiat.is_city else "powiat",
                    lat=powiat.lat,
                    lon=powiat.lon,
                ),
            )
    if len(offered) == len(resolution.candidates):
        return resolution
    return Resolution("ambiguous", tuple(offered.values())[:MAX_CANDIDATES])


def _foreign_city_only(index: CompactIndex, numbers: Sequence[int]) -> bool:
    """Whether the text names a foreign city that only shares its name with Polish villages."""
    names = {fold(index.entries[n].name) for n in numbers}
    return bool(names & FOREIGN_CITIES) and all(
        index.entries[n].tier != TIER_MAJOR for n in numbers
    )


def _abroad_name_of_village(
    index: CompactIndex, message: _Message, main: Span, numbers: Sequence[int]
) -> bool:
    """Whether the readings are only villages (or their parts) named like a well-known city
    abroad: its Polish name ("Nowogródek", "Truskawiec") or a case form of it ("w Pińsku" is
    Pinsk's locative and the village Pińsko's)."""
    if not numbers or any(index.entries[n].tier == TIER_MAJOR for n in numbers):
        return False
    if all(fold(index.entries[n].name) in FOREIGN_EXONYMS | FOREIGN_CITIES for n in numbers):
        return True
    tokens, raw = message.tokens, message.raw
    return (
        main.end - main.start == 1
        and len(raw) == len(tokens)
        and foreign_city_form(tokens[main.start], raw[main.start])
    )


def _as_suggestions(candidates: Sequence[Candidate]) -> tuple[Candidate, ...]:
    return tuple(replace(c, score=min(c.score, 30.0)) for c in candidates)


def find_place_in_message(
    text: str, lang: str = "pl", *, not_places: Collection[str] = ()
) -> Resolution:
    """Find the place in a whole chat message; the same as `resolve_place`, which copes with it."""
    return resolve_place(text, lang, not_places=not_places)


def _primary(
    index: CompactIndex, tokens: Sequence[str], spans: Sequence[Span]
) -> tuple[list[int], Span]:
    """The readings of the place the text is about, using the other places to narrow it."""
    if len(spans) == 1:
        return list(spans[0].entries), spans[0]
    # A place guessed from a misspelling ("z Krzemieńca": the resident's Kremenets) narrows
    # nothing.
    certain = [s for s in spans if not s.uncertain] or list(spans)
    powiat_sets = [{index.entries[n].powiat for n in s.entries} for s in certain]
    shared = set.intersection(*powiat_sets) if len(certain) > 1 else set()
    # "Piastów koło Pruszkowa": the place near which the resident is is not where they are.
    chosen = [s for s in spans if not _near_cue(tokens, s)] or list(spans)
    # "z Kijowa, teraz w Lublinie": the city abroad the resident came from is not where they are.
    chosen = [s for s in chosen if not _foreign_city_only(index, s.entries)] or chosen
    # A place read for certain before one that is only a guess from a misspelling.
    chosen = [s for s in chosen if not s.uncertain] or chosen
    cued = [s for s in chosen if cue_before(tokens, s, PLACE_CUES)]
    # "z Charkowa, teraz w Opolu": where the resident is, not where they come from.
    located = [s for s in cued if tokens[s.start - 1] in LOCATED_CUES]
    cued = located or cued
    main = cued[0] if cued else max(chosen, key=lambda s: (s.end - s.start, -s.start))
    if shared:
        return [n for n in main.entries if index.entries[n].powiat in shared], main
    return list(main.entries), main


def _voivodeship_only(index: CompactIndex, codes: set[str]) -> Resolution:
    gazetteer = index.gazetteer
    powiats = sorted(
        (p for p in gazetteer.powiats if p.voivodeship_code in codes),
        key=lambda p: (not p.is_city, p.code),
    )
    candidates = tuple(
        Candidate(
            powiat=p.code,
            powiat_name=p.name,
            voivodeship=p.voivodeship,
            matched=f"{p.label()} (voivodeship only)",
            score=40.0,
            place_name=p.name,
            kind="city" if p.is_city else "powiat",
            lat=p.lat,
            lon=p.lon,
        )
        for p in powiats[:MAX_CANDIDATES]
    )
    return Resolution("ambiguous", candidates)
