"""Resolve what a resident types ("jestem w Pruszkowie", "near Lodz") or a shared point to a powiat.

Safety rule: a confidently wrong powiat sends a person in crisis to the wrong place, so whenever
several powiats remain equally plausible the answer is `ambiguous` (the chat asks), never a guess.

`resolve_place` is meant for whole chat messages as well as bare names: filler and crisis words
around the place are ignored. `resolve_point` maps a (lat, lon) to the powiat containing it.
"""

from __future__ import annotations

import csv
import json
import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from directory.cyrillic import has_cyrillic, may_be_transliterated, romanise
from directory.gazetteer import (
    RODZ_DELEGATURA,
    RODZ_RURAL,
    RODZ_URBAN_RURAL,
    RODZ_WARSAW_DISTRICT,
    Gazetteer,
    distance_km,
    load_gazetteer,
)
from directory.polish import fold, normalise

Status = Literal["match", "ambiguous", "none"]
DATA_DIR: Final = Path(__file__).resolve().parent / "data"
# Derived from the gazetteer by scripts/build_place_extras.py (short forms, cities' surroundings).
PLACE_EXTRAS_PATH: Final = DATA_DIR / "place_extras.json"
# Kept by hand, each name with its source: colloquial names and abbreviations ("Wawa").
PLACE_NAMES_PATH: Final = DATA_DIR / "place_names.csv"
MAX_CANDIDATES: Final = 8
# Bump when the index's content or layout changes; a stale stored index is rebuilt at start.
PLACE_INDEX_VERSION: Final = 1
# Keys are stored in groups by their first letters.
_KEY_GROUP: Final = 3
MAX_SPAN_TOKENS: Final = 6
NEAR_POLAND_KM: Final = 30.0

# Ranking tiers: lower wins. Towns, cities, Warsaw districts, delegatury and powiats outrank
# gminas and localities of the same name; a rural gmina is named after one of its villages, so
# it ranks with them (two equal readings in different powiats mean we ask).
TIER_MAJOR: Final = 0
TIER_LOCAL: Final = 1
# Polish prepositions after which a place name is in an oblique case ("w Jaworze" is Jawor).
_OBLIQUE_PREPOSITIONS: Final = frozenset(
    [
        "w",
        "we",
        "z",
        "ze",
        "na",
        "do",
        "kolo",
        "pod",
        "przy",
        "od",
        "spod",
        "zza",
        "nad",
        "obok",
        "niedaleko",
        "okolice",
        "okolic",
        "k",
        "blisko",
        "nieopodal",
        "poblizu",
        "okolica",
        "okolicach",
        "okolicy",
        "obrzezach",
        "obrzeza",
        "przedmiescia",
        "przedmiesciach",
    ]
)


def _words(text: str) -> list[str]:
    return text.split()


# Words that put the resident near a place rather than in it ("pod Krakowem", "near Gdansk"),
# alone or after the word in the pair ("w pobliżu", "close to").
_NEAR_CUES: Final = frozenset(
    [
        "pod",
        "kolo",
        "k",
        "okolice",
        "okolic",
        "okolica",
        "okolicach",
        "okolicy",
        "niedaleko",
        "nieopodal",
        "blisko",
        "obok",
        "obrzezach",
        "przedmiescia",
        "przedmiesciach",
        "near",
        "around",
        "outside",
        "nearby",
    ]
)
_NEAR_PAIRS: Final = frozenset([("w", "poblizu"), ("close", "to"), ("next", "to")])
# A verb of living before the preposition makes the next word a place ("mieszkam w Ostrowie").
_RESIDENCE: Final = frozenset(
    [
        "mieszkam",
        "mieszkamy",
        "mieszka",
        "mieszkasz",
        "mieszkacie",
        "mieszkaja",
        "pochodze",
        "pochodzimy",
        "zamieszkuje",
        "zamieszkala",
        "zamieszkaly",
        "live",
        "living",
        "lives",
    ]
)
# "jestem w …": where the resident is, said of a town ("jestem w pile"), not of a village
# named like a thing ("jestem w ciąży", "jestem w lesie").
_BEING: Final = frozenset(["jestem", "jestesmy", "przebywam", "przebywamy", "im", "am", "were"])
# Short function words of Polish and English: never (part of) a misspelt place name.
_FUNCTION_WORDS: Final = frozenset(
    _words(
        """and or but with for to on by so if as it its this that there here he she they you was
        were be been being have has had do does did not dont can could would will need want very
        really just now when what who how why sie ze ale bo czy co jak gdzie kiedy bardzo tylko
        tez juz jeszcze ten ta tego tej mnie mi mna ja ty ona ono oni one nas nam wam go jej ich
        jego sobie siebie jest sa byl byla bylo jestem mam"""
    )
)
_KIND_ORDER: Final = {
    "city": 0,
    "district": 1,
    "town": 2,
    "powiat": 3,
    "gmina": 4,
    "village": 5,
    "point": 6,
}
# Readings with a name of their own in TERYT: another name that is also one of these asks.
_NAMED_UNIT_KINDS: Final = frozenset({"city", "town", "district", "powiat", "gmina"})
_KIND_LABEL: Final = {
    "city": "city",
    "district": "district",
    "town": "town",
    "powiat": "powiat",
    "gmina": "gmina",
    "village": "village",
    "point": "point",
}

# Words that introduce or surround a place but never name one on their own (folded).
_PLACE_CUES: Final = frozenset(
    [
        "w",
        "we",
        "z",
        "ze",
        "na",
        "do",
        "kolo",
        "pod",
        "przy",
        "obok",
        "niedaleko",
        "okolice",
        "okolic",
        "okolica",
        "okolicach",
        "okolicy",
        "k",
        "blisko",
        "nieopodal",
        "poblizu",
        "obrzezach",
        "obrzeza",
        "przedmiescia",
        "przedmiesciach",
        "in",
        "near",
        "from",
        "at",
        "around",
        "nearby",
        "outside",
        "wies",
        "wsi",
        "wioska",
        "wiosce",
        "miasto",
        "miasta",
        "miescie",
        "miejscowosc",
        "miejscowosci",
        "village",
        "town",
        "city",
        "osiedle",
        "osiedlu",
        "dzielnica",
        "dzielnicy",
    ]
)
_POWIAT_CUES: Final = frozenset(["powiat", "pow", "powiecie", "powiatu", "powiatem", "county"])
_GMINA_CUES: Final = frozenset(
    ["gmina", "gm", "gminie", "gminy", "gmine", "gmine", "commune", "municipality"]
)
_VOIVODESHIP_CUES: Final = frozenset(
    ["woj", "wojewodztwo", "wojewodztwie", "wojewodztwa", "voivodeship", "province", "region"]
)
_FILLER: Final = frozenset(
    [
        "jestem",
        "mieszkam",
        "mieszkamy",
        "jestesmy",
        "pochodze",
        "mam",
        "moj",
        "moja",
        "moje",
        "tu",
        "tutaj",
        "teraz",
        "obecnie",
        "i",
        "a",
        "oraz",
        "prosze",
        "pomocy",
        "pomoc",
        "help",
        "please",
        "live",
        "living",
        "lives",
        "im",
        "m",
        "am",
        "i'm",
        "is",
        "are",
        "me",
        "my",
        "we",
        "the",
        "of",
        "poland",
        "polska",
        "polsce",
        "pl",
        "sos",
        "hej",
        "hello",
        "hi",
        # Answers and small words around a place ("nie, w Ostrowie", "tuż pod Krakowem").
        "nie",
        "tak",
        "no",
        "yes",
        "nope",
        "tuz",
        "just",
        "close",
        "next",
        "to",
        "area",
    ]
)
_STRUCTURAL: Final = _PLACE_CUES | _POWIAT_CUES | _GMINA_CUES | _VOIVODESHIP_CUES | _FILLER

# Well-known foreign cities (folded, Polish and English names). Some Polish villages share
# these names; a resident writing "Berlin" most likely means the city abroad, so a village
# reading alone is offered as a suggestion, never as a match.
_FOREIGN_CITIES: Final = frozenset(
    [
        "londyn",
        "london",
        "berlin",
        "paryz",
        "paris",
        "wieden",
        "vienna",
        "rzym",
        "rome",
        "madryt",
        "madrid",
        "moskwa",
        "moscow",
        "kijow",
        "kyiv",
        "kiev",
        "lwow",
        "lviv",
        "lvov",
        "wilno",
        "vilnius",
        "bruksela",
        "brussels",
        "amsterdam",
        "dublin",
        "oslo",
        "sztokholm",
        "stockholm",
        "kopenhaga",
        "copenhagen",
        "helsinki",
        "budapeszt",
        "budapest",
        "bratyslawa",
        "bratislava",
        "monachium",
        "munich",
        "hamburg",
        "frankfurt",
        "drezno",
        "dresden",
        "ryga",
        "riga",
        "tallin",
        "tallinn",
        "rotterdam",
        "barcelona",
        "mediolan",
        "milan",
        "ateny",
        "athens",
        "lizbona",
        "lisbon",
        "edynburg",
        "edinburgh",
        "manchester",
        "birmingham",
        "glasgow",
        "chicago",
        "toronto",
        "charkow",
        "kharkiv",
        "odessa",
        "odesa",
        "dniepr",
        "dnipro",
        "zytomierz",
        "zhytomyr",
        "tarnopol",
        "ternopil",
        "grodno",
        "hrodna",
        "kowno",
        "kaunas",
    ]
)

# Real English exonyms of Polish places (folded), mapped to the Polish name's folded key.
_EXONYMS: Final = {
    "warsaw": "warszawa",
    "cracow": "krakow",
    "breslau": "wroclaw",
}

# Voivodeship names, adjectives, region nouns and common abbreviations (folded), by TERYT code.
# The official names ("mazowieckie") and their case forms are added from the gazetteer.
_VOIVODESHIP_ALIASES: Final = {
    "02": "dolnoslaski, dolnoslaska, dolny slask, dolnym slasku, dolnego slaska, lower silesia,"
    " lower silesian, dolnosl",
    "04": "kujawsko-pomorski, kujawsko-pomorska, kujawy, kujawach, kuyavian-pomeranian,"
    " kuyavia-pomerania, kuj-pom",
    "06": "lubelski, lubelska, lubelszczyzna, lubelszczyznie, lublin voivodeship, lubel",
    "08": "lubuski, lubuska, ziemia lubuska, ziemi lubuskiej, lubusz, lubuskie voivodeship",
    "10": "lodzki, lodzka, lodz voivodeship, lodzkie voivodeship",
    "12": "malopolski, malopolska, malopolsce, lesser poland, malop",
    "14": "mazowiecki, mazowiecka, mazowsze, mazowszu, mazowsza, masovia, mazovia, masovian,"
    " mazovian, maz",
    "16": "opolski, opolska, opolszczyzna, opolszczyznie, opole voivodeship, opolskie voivodeship",
    "18": "podkarpacki, podkarpacka, podkarpacie, podkarpaciu, subcarpathia, subcarpathian,"
    " podkarp",
    "20": "podlaski, podlaska, podlasie, podlasiu, podlachia",
    "22": "pomorski, pomorska, pomorze, pomorzu, pomerania, pomeranian, pom",
    "24": "slaski, slaska, slask, slasku, silesia, silesian, sl",
    "26": "swietokrzyski, swietokrzyska, kielecczyzna, holy cross, swietokrz",
    "28": "warminsko-mazurski, warminsko-mazurska, warmia, mazury, mazurach, warmia-masuria,"
    " warmian-masurian, masuria, warm-maz",
    "30": "wielkopolski, wielkopolska, wielkopolsce, greater poland, wlkp, wielkop",
    "32": "zachodniopomorski, zachodniopomorska, zachodnie pomorze, zachodnim pomorzu,"
    " west pomerania, west pomeranian, zach-pom, zachpom",
}

# Abbreviations of the adjectives in multi-word town names ("Grodzisk Maz.", "Ostrów Wlkp."),
# by the folded stem they replace in any case form.
_ADJECTIVE_ABBREVIATIONS: Final = (
    ("mazowieck", ("maz",)),
    ("wielkopolsk", ("wlkp", "wielkop")),
    ("slask", ("sl",)),
    ("gdansk", ("gd",)),
    ("kujawsk", ("kuj",)),
    ("lubelsk", ("lub",)),
    ("pomorsk", ("pom",)),
    ("podlask", ("podl",)),
    ("krolewsk", ("krol",)),
    ("zdroj", ("zdr",)),
    ("wielk", ("wlk",)),
)


@dataclass(frozen=True)
class Candidate:
    """One reading of the text: a powiat, with the place that led to it."""

    powiat: str
    powiat_name: str
    voivodeship: str
    matched: str
    score: float
    place_name: str = ""
    kind: str = "powiat"
    gmina_name: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with every field."""
        return {
            "powiat": self.powiat,
            "powiat_name": self.powiat_name,
            "voivodeship": self.voivodeship,
            "matched": self.matched,
            "score": round(self.score, 1),
            "place_name": self.place_name,
            "kind": self.kind,
            "gmina_name": self.gmina_name,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True)
class Resolution:
    """The answer: `match` (first candidate), `ambiguous` (ask which) or `none`."""

    status: Status
    candidates: tuple[Candidate, ...] = ()

    @property
    def best(self) -> Candidate | None:
        """The answer for `match`, else None."""
        return self.candidates[0] if self.status == "match" and self.candidates else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: status and candidates."""
        return {"status": self.status, "candidates": [c.to_json() for c in self.candidates]}


NO_PLACE: Final = Resolution("none")


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    name: str
    powiat: str
    gmina: str | None
    tier: int
    lat: float | None
    lon: float | None


@dataclass
class _Index:
    gazetteer: Gazetteer
    entries: list[_Entry] = field(default_factory=list)
    # Two levels keep start-up fast: folded key → names, name → entries (many share a name).
    # Most keys belong to one name, stored bare to save memory; shared keys hold a list.
    names_by_key: dict[str, str | list[str]] = field(default_factory=dict)
    entries_by_name: dict[str, list[int]] = field(default_factory=dict)
    voivodeships: dict[str, str] = field(default_factory=dict)
    fuzzy_buckets: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    nominatives: set[str] = field(default_factory=set)
    memo: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def add(self, entry: _Entry, *names: str) -> None:
        number = len(self.entries)
        self.entries.append(entry)
        for name in names:
            numbers = self.entries_by_name.get(name)
            if numbers is None:
                self.entries_by_name[name] = [number]
                keys, _nominative_count = _name_keys(self.gazetteer, name, self.memo)
                by_key = self.names_by_key
                for key in keys:
                    present = by_key.get(key)
                    if present is None:
                        by_key[key] = name
                    elif isinstance(present, str):
                        if present != name:
                            by_key[key] = [present, name]
                    elif name not in present:
                        present.append(name)
            else:
                numbers.append(number)

    def lookup(self, key: str) -> tuple[list[int], list[int]]:
        """Entries whose name is `key` (nominative) and those with `key` as a case form."""
        nominative: list[int] = []
        oblique: list[int] = []
        present = self.names_by_key.get(key)
        if present is None:
            return nominative, oblique
        for name in (present,) if isinstance(present, str) else present:
            keys, nominative_count = self.memo[name]
            is_nominative = key in keys[:nominative_count]
            (nominative if is_nominative else oblique).extend(self.entries_by_name[name])
        return nominative, oblique


# Folded stems of the qualifiers that residents leave out of a town's name ("Grodzisk" for
# Grodzisk Mazowiecki or Grodzisk Wielkopolski): regions, and "Zdrój" of spa towns.
_DROPPED_QUALIFIERS: Final = (
    "mazowieck",
    "wielkopolsk",
    "slask",
    "lubelsk",
    "kujawsk",
    "podlask",
    "gdansk",
    "pomorsk",
    "malopolsk",
    "kaszubsk",
    "warminsk",
    "mazursk",
    "opolsk",
    "lubusk",
    "krajensk",
    "swietokrzysk",
    "zdroj",
)


def _short_name(name: str) -> str | None:
    """A town's everyday short name without its regional qualifier, if it has one."""
    words = name.replace("-", " ").split(" ")
    if len(words) == 2 and fold(words[1]).startswith(_DROPPED_QUALIFIERS):
        return words[0]
    return None


def _spelt_as_typed(name: str, typed: str) -> bool:
    """Whether `typed` is the name, or its short name, letter for letter (diacritics too)."""
    return typed in _spellings(name)


@cache
def _spellings(name: str) -> tuple[str, ...]:
    short = _short_name(name)
    return (normalise(name), normalise(short)) if short else (normalise(name),)


def _abbreviated(key: str) -> list[str]:
    words = key.split(" ")
    variants = []
    for position in range(1, len(words)):
        for stem, shorts in _ADJECTIVE_ABBREVIATIONS:
            if words[position].startswith(stem):
                for short in shorts:
                    variants.append(" ".join([*words[:position], short, *words[position + 1 :]]))
                break
    return variants


def _name_keys(
    gazetteer: Gazetteer, name: str, cache: dict[str, tuple[list[str], int]]
) -> tuple[list[str], int]:
    """Folded keys of a name, nominative ones first, and how many are nominative."""
    found = cache.get(name)
    if found is None:
        keys = list(gazetteer.match_keys.get(name) or [fold(name)])
        nominative = [keys[0]]
        oblique = keys[1:]
        if " " in name:
            nominative.extend(_abbreviated(keys[0]))
            oblique.extend(short for key in keys[1:] for short in _abbreviated(key))
        found = ([*nominative, *oblique], len(nominative))
        cache[name] = found
    return found


@cache
def _index() -> _CompactIndex:
    """The lookup index: precomputed in the gazetteer file, or built here if that is stale."""
    gazetteer = load_gazetteer()
    data = gazetteer.place_index
    if data is None or data.get("version") != PLACE_INDEX_VERSION:
        data = build_place_index(gazetteer)
    index = _CompactIndex(gazetteer, data)
    _add_other_names(index)
    return index


def _add_other_names(index: _CompactIndex) -> None:
    """Names people use that TERYT does not: short forms of hyphenated towns ("Kędzierzyn") and
    colloquial names ("Wawa", "Trójmiasto"), from place_extras.json and place_names.csv.

    Such a name reads as its town (towns beat villages of the same name) unless it is also the
    name or a case form of another town, gmina, powiat or district, or other towns' names start
    with the same word ("Krynica"): then every reading ranks with the villages, and we ask.
    """
    extras = json.loads(PLACE_EXTRAS_PATH.read_text(encoding="utf-8"))
    index.around = extras["around_city"]
    index.bordering = extras["bordering_city"]
    for short in extras["short_forms"]:
        towns = [short["name"], *short["shared_with"]]
        index.add_name(short["forms"], towns, ranked_as_town=not short["shared_with"])
    with PLACE_NAMES_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            forms = [fold(form) for form in row["forms"].split("|")]
            index.add_name(forms, row["places"].split("|"), ranked_as_town=True)


def build_place_index(gazetteer: Gazetteer) -> dict[str, Any]:
    """The lookup index in its stored form (built by scripts/build_gazetteer.py at build time).

    Text blobs, split lazily at run time: entries one per line; keys and typo buckets grouped
    by prefix, so a query parses only the few groups it touches.
    """
    index = _build_index(gazetteer)
    kind_codes = {kind: number for number, kind in enumerate(_KIND_ORDER)}
    entries = "\n".join(
        "\t".join(
            [
                str(kind_codes[e.kind]),
                e.name,
                e.powiat,
                e.gmina or "",
                str(e.tier),
                *_stored_point(gazetteer, e),
            ]
        )
        for e in index.entries
    )
    key_groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(index.names_by_key):
        nominative, oblique = index.lookup(key)
        line = f"{key}\t{','.join(map(str, nominative))}\t{','.join(map(str, oblique))}"
        key_groups[key[:_KEY_GROUP]].append(line + "\n")
    fuzzy = {
        f"{letter}|{length}": "\n".join(keys)
        for (letter, length), keys in index.fuzzy_buckets.items()
    }
    return {
        "version": PLACE_INDEX_VERSION,
        "kinds": list(_KIND_ORDER),
        "entries": entries,
        "keys": {group: "\n" + "".join(lines) for group, lines in sorted(key_groups.items())},
        "fuzzy": dict(sorted(fuzzy.items())),
        "voivodeships": dict(sorted(index.voivodeships.items())),
    }


class _CompactIndex:
    """The stored index, parsed piece by piece as queries need it."""

    def __init__(self, gazetteer: Gazetteer, data: dict[str, Any]) -> None:
        self.gazetteer = gazetteer
        self.entries = _StoredEntries(gazetteer, data["entries"].split("\n"), data["kinds"])
        self.voivodeships: dict[str, str] = data["voivodeships"]
        # Each group is one string of "\nkey\tnominative entries\toblique entries" lines: a
        # lookup finds its line in place, so nothing is parsed or kept beyond the answer.
        self._key_groups: dict[str, str] = data["keys"]
        self._fuzzy_groups: dict[str, str] = data["fuzzy"]
        self._fuzzy: dict[tuple[str, int], list[str]] = {}
        self._group_keys: dict[str, list[str]] = {}
        # Names added at start-up (see `_add_other_names`): key → (nominative, oblique) entries.
        self._other: dict[str, tuple[list[int], list[int]]] = {}
        self._major: dict[int, int] = {}
        # City with powiat rights → the powiats around it, and every powiat bordering it.
        self.around: dict[str, list[str]] = {}
        self.bordering: dict[str, list[str]] = {}

    def lookup(self, key: str) -> tuple[list[int], list[int]]:
        """Entries whose name is `key` (nominative) and those with `key` as a case form."""
        nominative, oblique = self._stored(key)
        other = self._other.get(key)
        if other is not None:
            nominative = nominative + other[0]
            oblique = oblique + other[1]
        return nominative, oblique

    def _stored(self, key: str) -> tuple[list[int], list[int]]:
        group = self._key_groups.get(key[:_KEY_GROUP])
        if group is None or "\n" in key or "\t" in key:
            return [], []
        start = group.find(f"\n{key}\t")
        if start < 0:
            return [], []
        start += len(key) + 2
        nominative, oblique = group[start : group.index("\n", start)].split("\t")
        return _numbers(nominative), _numbers(oblique)

    def add_name(self, forms: Sequence[str], towns: Sequence[str], *, ranked_as_town: bool) -> None:
        """Make `forms` (the nominative first, then case forms) another name of `towns`."""
        readings = [n for town in towns for n in self._town_entries(town)]
        if not readings:
            raise ValueError(f"no town or district called {towns}")
        names = set(towns)
        for position, key in enumerate(forms):
            nominative, oblique = self._stored(key)
            # The name itself clashes with other units' names; a case form with their forms too.
            clashing = [
                self.entries[n]
                for n in (nominative if position == 0 else nominative + oblique)
                if self.entries[n].kind in _NAMED_UNIT_KINDS and self.entries[n].name not in names
            ]
            # Weighed equally with what it clashes with: a town's case form ("w Jastrzębiu":
            # Jastrząb) is asked about beside it, a gmina's ("w Bielsku": Bielsk) with the villages.
            tier = min((e.tier for e in clashing), default=TIER_MAJOR if ranked_as_town else None)
            if tier is None or tier != TIER_MAJOR:
                tier = TIER_LOCAL
            if tier == TIER_MAJOR:
                numbers = readings
            else:
                numbers = [
                    self.entries.append(replace(self.entries[n], tier=TIER_LOCAL)) for n in readings
                ]
            entry = self._other.setdefault(key, ([], []))
            entry[0 if position == 0 else 1].extend(numbers)
            group = key[:_KEY_GROUP]
            if group in self._group_keys and key not in self._group_keys[group]:
                insort(self._group_keys[group], key)

    def as_major(self, number: int) -> int:
        """The same reading ranked as a town's full name (made once, then reused)."""
        major = self._major.get(number)
        if major is None:
            entry = self.entries[number]
            major = (
                number
                if entry.tier == TIER_MAJOR
                else self.entries.append(replace(entry, tier=TIER_MAJOR))
            )
            self._major[number] = major
        return major

    def _town_entries(self, name: str) -> list[int]:
        nominative, _oblique = self._stored(fold(name))
        return [
            n
            for n in nominative
            if self.entries[n].name == name
            and self.entries[n].kind in {"city", "town", "district"}
            and self.entries[n].tier == TIER_MAJOR
        ]

    def key_rank(self, text: str) -> int:
        """0 if no place has `text` as a key, 2 if a town, city, district or powiat does, else 1."""
        nominative, oblique = self.lookup(fold(text))
        numbers = nominative + oblique
        if not numbers:
            return 0
        return 2 if any(self.entries[n].tier == TIER_MAJOR for n in numbers) else 1

    def case_ranks(self, text: str) -> tuple[int, int]:
        """`key_rank` of the places named `text`, and of those with `text` as a case form."""
        nominative, oblique = self.lookup(fold(text))

        def rank(numbers: list[int]) -> int:
            if not numbers:
                return 0
            return 2 if any(self.entries[n].tier == TIER_MAJOR for n in numbers) else 1

        return rank(nominative), rank(oblique)

    def towns(self, text: str) -> frozenset[str]:
        """The names of the towns, cities, districts and powiats with `text` as a key."""
        nominative, oblique = self.lookup(fold(text))
        return frozenset(
            self.entries[n].name for n in nominative + oblique if self.entries[n].tier == TIER_MAJOR
        )

    def is_nominative(self, text: str) -> bool:
        """Whether `text` is the name itself (not only a case form) of some place."""
        return bool(self.lookup(fold(text))[0])

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with `prefix` (folded)."""
        keys = self._sorted_keys(prefix[:_KEY_GROUP])
        position = bisect_left(keys, prefix)
        return position < len(keys) and keys[position].startswith(prefix)

    def _sorted_keys(self, group: str) -> list[str]:
        keys = self._group_keys.get(group)
        if keys is None:
            blob = self._key_groups.get(group, "")
            keys = [line.split("\t", 1)[0] for line in blob.split("\n") if line]
            keys = sorted({*keys, *(k for k in self._other if k[:_KEY_GROUP] == group)})
            self._group_keys[group] = keys
        return keys

    def fuzzy_keys(self, letter: str, length: int) -> list[str]:
        """Keys (names, and case forms of major places) starting with `letter`, of `length`."""
        bucket = self._fuzzy.get((letter, length))
        if bucket is None:
            blob = self._fuzzy_groups.get(f"{letter}|{length}")
            bucket = blob.split("\n") if blob else []
            self._fuzzy[(letter, length)] = bucket
        return bucket


def _stored_point(gazetteer: Gazetteer, entry: _Entry) -> list[str]:
    """The entry's point; "=" when it is its gmina's (most villages), which keeps the file small."""
    if entry.gmina is not None:
        gmina = gazetteer.unit(entry.gmina)
        if (gmina.lat, gmina.lon) == (entry.lat, entry.lon):
            return ["=", "="]
    return [
        "" if entry.lat is None else repr(entry.lat),
        "" if entry.lon is None else repr(entry.lon),
    ]


def _coordinate(text: str, gmina_value: float | None) -> float | None:
    if text == "=":
        return gmina_value
    return float(text) if text else None


def _numbers(text: str) -> list[int]:
    return [int(n) for n in text.split(",")] if text else []


class _StoredEntries:
    """Entries by number, each parsed from its stored line on first use."""

    def __init__(self, gazetteer: Gazetteer, lines: list[str], kinds: list[str]) -> None:
        self._gazetteer = gazetteer
        self._lines = lines
        self._kinds = kinds
        self._parsed: dict[int, _Entry] = {}
        self._appended = 0

    def append(self, entry: _Entry) -> int:
        """Add an entry after the stored ones; returns its number."""
        number = len(self._lines) + self._appended
        self._appended += 1
        self._parsed[number] = entry
        return number

    def __getitem__(self, number: int) -> _Entry:
        entry = self._parsed.get(number)
        if entry is None:
            kind, name, powiat, gmina, tier, lat, lon = self._lines[number].split("\t")
            unit = self._gazetteer.unit(gmina) if gmina else None
            entry = _Entry(
                self._kinds[int(kind)],
                name,
                powiat,
                gmina or None,
                int(tier),
                _coordinate(lat, unit.lat if unit else None),
                _coordinate(lon, unit.lon if unit else None),
            )
            self._parsed[number] = entry
        return entry


def _build_index(gazetteer: Gazetteer) -> _Index:
    """Index every name and case form of the gazetteer (build time, or a stale file)."""
    index = _Index(gazetteer)
    for town in gazetteer.towns:
        kind = "city" if town.has_powiat_rights else "town"
        entry = _Entry(kind, town.name, town.powiat_code, town.gmina_code, 0, town.lat, town.lon)
        index.add(entry, town.name)
    for town in gazetteer.towns:
        short = _short_name(town.name)
        if short:
            # Residents drop the regional adjective ("Grodzisk", "Tomaszów", "Busko"); the short
            # name is ranked with the villages that bear it, so that the resident is asked.
            entry = _Entry(
                "town", town.name, town.powiat_code, town.gmina_code, TIER_LOCAL, town.lat, town.lon
            )
            if short not in gazetteer.match_keys and short not in index.memo:
                # Its case forms are those of the full name without the qualifier ("w Busku").
                full = gazetteer.match_keys.get(town.name, [])
                forms = [f.replace("-", " ").split(" ")[0] for f in full[1:]]
                keys = list(dict.fromkeys([fold(short), *forms]))
                index.memo[short] = (keys, 1)
            index.add(entry, short)
    for unit in gazetteer.units:
        if unit.rodz in (RODZ_RURAL, RODZ_URBAN_RURAL):
            entry = _Entry(
                "gmina", unit.name, unit.powiat_code, unit.code, TIER_LOCAL, unit.lat, unit.lon
            )
            index.add(entry, unit.name)
        elif unit.rodz in (RODZ_WARSAW_DISTRICT, RODZ_DELEGATURA):
            names = [unit.name]
            if "-" in unit.name:
                names.append(unit.name.split("-", 1)[1])
            entry = _Entry(
                "district", unit.name, unit.powiat_code, unit.gmina_code, 0, unit.lat, unit.lon
            )
            index.add(entry, *names)
    for powiat in gazetteer.powiats:
        if not powiat.is_city:
            entry = _Entry("powiat", powiat.name, powiat.code, None, 0, powiat.lat, powiat.lon)
            index.add(entry, powiat.name)
    major_keys = set(index.names_by_key)
    for locality in gazetteer.localities:
        if locality.kind in {"miasto", "delegatura", "dzielnica"}:
            continue
        gmina = gazetteer.unit(locality.gmina_code)
        entry = _Entry(
            "village",
            locality.name,
            gmina.powiat_code,
            gmina.code,
            TIER_LOCAL,
            gmina.lat,
            gmina.lon,
        )
        index.add(entry, locality.name)
    for code, aliases in _VOIVODESHIP_ALIASES.items():
        for alias in aliases.split(","):
            index.voivodeships[fold(alias)] = code
    for code, name in gazetteer.voivodeships.items():
        for key in gazetteer.match_keys.get(name, [fold(name)]):
            index.voivodeships[key] = code
    index.nominatives.update(keys[0] for keys, _count in index.memo.values())
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    # Typos are matched against every name and against the case forms of major places only.
    for key in index.names_by_key:
        if len(key) >= 4 and (key in major_keys or key in index.nominatives):
            buckets[(key[0], len(key))].append(key)
    index.fuzzy_buckets = dict(buckets)
    return index


@cache
def _morfeusz() -> Any:
    import morfeusz2

    return morfeusz2.Morfeusz(expand_tags=False)


@cache
def _is_common_word(token: str) -> bool:
    """Whether Morfeusz knows `token` as an ordinary word (not only as a name)."""
    if "-" in token or not token.isalpha():
        return False
    for _start, _end, (_form, _lemma, tag, names, _q) in _morfeusz().analyse(token):
        if tag == "ign":
            continue
        proper = {"nazwa_geograficzna", "człon_nazwy_geograficznej", "nazwisko", "imię"}
        if not names or not set(names) <= proper:
            return True
    return False


@cache
def _is_known_geographic(token: str) -> bool:
    """Whether Morfeusz knows `token` as a geographic name (foreign ones included)."""
    for _start, _end, (_form, _lemma, _tag, names, _q) in _morfeusz().analyse(token):
        if "nazwa_geograficzna" in names:
            return True
    return False


@dataclass
class _Span:
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

    def covers(self, other: _Span) -> bool:
        return (
            self.start <= other.start
            and other.end <= self.end
            and (self.end - self.start) > (other.end - other.start)
        )


def _tokens(text: str) -> list[str]:
    folded = fold(text)
    tokens = [t for t in folded.split(" ") if t]
    return [_EXONYMS.get(t, t) for t in tokens]


def _spans(
    index: _CompactIndex, tokens: Sequence[str], blocked: frozenset[int] = frozenset()
) -> tuple[list[_Span], list[_Span]]:
    """Exact place spans and voivodeship spans, minus spans inside longer ones."""
    places: list[_Span] = []
    regions: list[_Span] = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + MAX_SPAN_TOKENS) + 1):
            if end - 1 in blocked:
                break
            words = tokens[start:end]
            cue_as_name = (
                len(words) == 1
                and words[0] in _PLACE_CUES
                and all(t in _STRUCTURAL for t in tokens[end:])
            )
            if all(w in _STRUCTURAL for w in words) and not cue_as_name:
                continue
            key = " ".join(words)
            nominative, oblique = index.lookup(key)
            if not (nominative or oblique) and len(words) > 1:
                # "bielsko biala" for Bielsko-Biała.
                nominative, oblique = index.lookup("-".join(words))
            if cue_as_name:
                # "Koło" the town, when the word introduces nothing after it.
                nominative = [n for n in nominative if index.entries[n].tier == TIER_MAJOR]
                oblique = [n for n in oblique if index.entries[n].tier == TIER_MAJOR]
            if nominative or oblique:
                # After a preposition the name is inflected ("w Jaworze" is Jawor, not Jaworze);
                # a bare name is a nominative ("Jaworzna" the villages, not Jaworzno).
                after_preposition = start > 0 and tokens[start - 1] in _OBLIQUE_PREPOSITIONS
                readings, flat = _readings(index, nominative, oblique, after_preposition)
                if start == 0 or tokens[start - 1] not in _PLACE_CUES | _GMINA_CUES:
                    # "Chełm" alone is the city or the rural gmina around it: ask. "w Chełmie"
                    # and "gmina Chełm" say which.
                    surrounding = _gmina_around_city(index, nominative)
                    if surrounding:
                        cities = {index.entries[n].name for n in surrounding}
                        readings = [
                            n
                            for n in nominative
                            if index.entries[n].kind == "city" and index.entries[n].name in cities
                        ] + surrounding
                        flat = True
                span = _Span(start, end, key, readings, flat=flat, nominative=nominative)
                # A bare word that is only a case form of villages ("Brzósek", genitive of
                # Brzóski) is more likely a misspelt name: ask.
                span.uncertain = (
                    not after_preposition
                    and not nominative
                    and all(index.entries[n].tier != TIER_MAJOR for n in readings)
                )
                places.append(span)
            if key in index.voivodeships:
                regions.append(_Span(start, end, key, []))
    # SIMC has village parts named with a preposition ("W Lasku", "Pod Górą"); "w Łasku" is the
    # town Łask after "w", so such a name does not hide a town's case form inside it.
    places = [
        s
        for s in places
        if not (
            tokens[s.start] in _OBLIQUE_PREPOSITIONS
            and all(index.entries[n].tier != TIER_MAJOR for n in s.entries)
            and any(
                o.start == s.start + 1
                and o.end == s.end
                and any(index.entries[n].tier == TIER_MAJOR for n in o.entries)
                for o in places
            )
        )
    ]
    places += _with_qualifier(index, tokens, places, blocked)
    everything = places + regions
    places = [s for s in places if not any(o.covers(s) for o in everything)]
    regions = [s for s in regions if not any(o.covers(s) for o in everything)]
    return places, regions


def _with_qualifier(
    index: _CompactIndex, tokens: Sequence[str], spans: Sequence[_Span], blocked: frozenset[int]
) -> list[_Span]:
    """A town's short name followed by its qualifier in another case than the index knows ("w
    Ostrowie Mazowieckiej", as Ostrów is often declined): the town, over both words."""
    found = []
    exact = {(s.start, s.end) for s in spans}
    for span in spans:
        if span.end >= len(tokens) or span.end in blocked or (span.start, span.end + 1) in exact:
            continue
        following = tokens[span.end]
        stem = next((q for q in _DROPPED_QUALIFIERS if following.startswith(q)), None)
        if stem is None:
            continue
        towns = [
            n
            for n in span.entries
            if index.entries[n].kind in {"town", "city"}
            and _short_name(index.entries[n].name) is not None
            and fold(index.entries[n].name.split(" ")[-1]).startswith(stem)
        ]
        if towns:
            numbers = [index.as_major(n) for n in towns]
            found.append(_Span(span.start, span.end + 1, span.key + " " + following, numbers))
    return found


def _readings(
    index: _CompactIndex, nominative: list[int], oblique: list[int], after_preposition: bool
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


def _fuzzy_spans(
    index: _CompactIndex, tokens: Sequence[str], unknown: set[int], usable: set[int]
) -> list[_Span]:
    """Typo-tolerant spans over `usable` tokens that contain at least one `unknown` token (not a
    place, not an ordinary word): one edit, two for long names, and one more for a town.

    A longer misspelt name beats the pieces inside it ("Podkowa Lesna", not a village "Podkowa").
    A reading two edits away from a short name, or a village that is one edit closer than a
    town, is only a guess: such spans are `uncertain`, so the resident is asked.
    """
    found: list[_Span] = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + 3) + 1):
            if not all(i in usable for i in range(start, end)):
                break
            if not any(i in unknown for i in range(start, end)):
                continue
            query = " ".join(tokens[start:end])
            limit = 2 if len(query) >= 9 else 1 if len(query) >= 5 else 0
            major_limit = min(2, limit + 1) if len(query) >= 6 else limit
            if major_limit == 0:
                continue
            choices: list[str] = []
            for length in range(len(query) - major_limit, len(query) + major_limit + 1):
                choices.extend(index.fuzzy_keys(query[0], length))
                if len(query) >= 6:
                    choices.extend(
                        k
                        for k in index.fuzzy_keys(query[1], length)
                        if len(k) > 1 and k[1] == query[0]
                    )
            if not choices:
                continue
            for key, distance, _ in process.extract(
                query, choices, scorer=OSA.distance, score_cutoff=major_limit, limit=None
            ):
                nominative, oblique = index.lookup(key)
                numbers = nominative + oblique
                if distance > limit:
                    numbers = [n for n in numbers if index.entries[n].tier == TIER_MAJOR]
                if numbers:
                    span = _Span(start, end, key, numbers, int(distance))
                    span.nominative = [n for n in nominative if n in numbers]
                    span.uncertain = distance >= 2 and len(query) < 9
                    found.append(span)
    if not found:
        return []
    found = [f for f in found if not any(o.covers(f) for o in found)]
    best = min(s.distance for s in found)
    merged: dict[tuple[int, int], _Span] = {}
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
    for span in merged.values():
        # A bare misspelt word whose best reading is a town's case form, not its name.
        bare_case_form = not (
            span.start > 0 and tokens[span.start - 1] in _OBLIQUE_PREPOSITIONS
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
    return list(merged.values())


def _cue_before(tokens: Sequence[str], span: _Span, cues: frozenset[str]) -> bool:
    return span.start > 0 and tokens[span.start - 1] in cues


def _cue_after(tokens: Sequence[str], span: _Span, cues: frozenset[str]) -> bool:
    return span.end < len(tokens) and tokens[span.end] in cues


def _weak(index: _CompactIndex, tokens: Sequence[str], raw: Sequence[str], span: _Span) -> bool:
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
        return _is_ordinary(tokens, raw, span.start)
    if any(index.entries[n].tier == TIER_MAJOR for n in span.entries):
        return False
    return (
        span.end - span.start == 2
        and tokens[span.start] in _OBLIQUE_PREPOSITIONS
        and _is_ordinary(tokens, raw, span.start + 1)
    )


def _place_evidence(
    index: _CompactIndex, tokens: Sequence[str], capitalised: Sequence[bool], span: _Span
) -> bool:
    """Whether the message says that an ordinary word is a place: written with a capital inside
    a sentence ("nie mam już siły, jestem w Ostrowie"), or after a verb of living and a
    preposition ("mieszkam w ostrowie"); for a town, also after "jestem w" ("jestem w pile").
    "ciągle", "siły", "stoję na brzegu" say nothing."""
    if capitalised[span.start]:
        return True
    before = span.start - 1
    if before < 1 or tokens[before] not in _OBLIQUE_PREPOSITIONS | {"in", "at", "near"}:
        return False
    if tokens[before - 1] in _RESIDENCE:
        return True
    return tokens[before - 1] in _BEING and any(
        index.entries[n].kind in {"town", "city", "district"} for n in span.entries
    )


def _is_ordinary(tokens: Sequence[str], raw: Sequence[str], position: int) -> bool:
    """Whether the word is an ordinary Polish word, judged with its diacritics where typed
    ("ciąży" is pregnancy even though "ciazy" folded is unknown)."""
    return _is_common_word(tokens[position]) or (
        len(raw) == len(tokens) and _is_common_word(raw[position])
    )


def _ordinary_word_may_be_place(
    index: _CompactIndex, tokens: Sequence[str], capitalised: Sequence[bool], span: _Span
) -> bool:
    """An ordinary word alone names a place when it is the place's own name ("Las") or a town's
    case form ("Płocku"), or a case form after a preposition of a town or gmina ("w Grodzisku")
    or of a name written with a capital ("w Ogonach"); not "ratunku", "w ciąży", "w lesie"."""
    if tokens[span.start] in _OBLIQUE_PREPOSITIONS and span.end - span.start > 1:
        return span.end - span.start == 2 and capitalised[span.start + 1]
    if span.start > 0 and tokens[span.start - 1] in _OBLIQUE_PREPOSITIONS:
        return capitalised[span.start] or any(
            index.entries[n].kind in _NAMED_UNIT_KINDS for n in span.entries
        )
    # Alone, a town's case form is the town ("Płocku"); a village needs its own name ("Las").
    return bool(span.nominative) or any(
        index.entries[n].kind in _NAMED_UNIT_KINDS for n in span.entries
    )


_SENTENCE_END: Final = re.compile(r"[.!?…\n]+")
_CLAUSE_END: Final = re.compile(r"[,;:().!?…\n]+|\s[-–—]+\s")
_SPACED_DASH: Final = re.compile(r"\s[-–—]+\s")


def _clauses(text: str, count: int) -> list[int] | None:
    """For each of the `count` words, the number of its clause (split at punctuation)."""
    numbers: list[int] = []
    for number, clause in enumerate(_CLAUSE_END.split(text)):
        numbers.extend(number for _word in _tokens(clause))
    return numbers if len(numbers) == count else None


def _whole_clause(
    index: _CompactIndex, tokens: Sequence[str], clauses: Sequence[int] | None, span: _Span
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
    return all(span.start <= i < span.end or tokens[i] in _STRUCTURAL for i in words)


def _capitalised_words(text: str, count: int) -> list[bool]:
    """For each of the `count` words, whether it was written with a capital letter where a
    sentence does not start; all False when capitals tell nothing (ALL CAPS, Every Word)."""
    flags: list[bool] = []
    inside = 0  # words not starting a sentence
    for sentence in _SENTENCE_END.split(text):
        words = [w for w in normalise(sentence, keep_case=True).split(" ") if w]
        flags.extend(position > 0 and word[:1].isupper() for position, word in enumerate(words))
        inside += max(len(words) - 1, 0)
    title_case = inside >= 3 and sum(flags) == inside
    if len(flags) != count or title_case or not any(ch.islower() for ch in text):
        return [False] * count
    return flags


def _raw_tokens(text: str) -> list[str]:
    """The words as typed (lower case, diacritics kept), aligned with `_tokens` when possible."""
    return [t for t in normalise(text).split(" ") if t]


def _candidate(index: _CompactIndex, entry: _Entry, score: float) -> Candidate:
    gazetteer = index.gazetteer
    powiat = gazetteer.powiat(entry.powiat)
    gmina_name = None
    if entry.gmina is not None:
        gmina_name = gazetteer.unit(entry.gmina).name
    label = _KIND_LABEL[entry.kind]
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


def _by_powiat(index: _CompactIndex, numbers: Iterable[int], typed: str = "") -> list[_Entry]:
    """The best entry per powiat, best first (names spelt exactly as typed before others)."""
    best: dict[str, _Entry] = {}
    for number in numbers:
        entry = index.entries[number]
        current = best.get(entry.powiat)
        if current is None or (entry.tier, _KIND_ORDER[entry.kind]) < (
            current.tier,
            _KIND_ORDER[current.kind],
        ):
            best[entry.powiat] = entry
    return sorted(
        best.values(),
        key=lambda e: (e.tier, _KIND_ORDER[e.kind], not _spelt_as_typed(e.name, typed), e.powiat),
    )


def _decide(
    index: _CompactIndex,
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
    index: _CompactIndex,
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


def _code(entry: _Entry) -> str:
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
    index = _index()
    if has_cyrillic(text) or may_be_transliterated(text):
        # Ukrainian/Russian spellings ("у Кракові", "u Krakovi") → the Polish names they mean.
        romanised = romanise(text, index)
        resolution = _resolve(index, romanised.text, not_places, romanised.guessed)
        if has_cyrillic(text):
            return resolution
    else:
        resolution = _resolve(index, text, not_places)
    unsure = resolution.status == "none" or (
        resolution.status == "ambiguous" and all(c.score < 100.0 for c in resolution.candidates)
    )
    if lang == "uk" and unsure and not set(_tokens(text)) & _FOREIGN_CITIES:
        # A Ukrainian speaker's romanisation without tell-tale letters ("Zelena hura",
        # "Bilostok"): read that way only where it names a place exactly and Polish spelling
        # found nothing sure.
        transliterated = romanise(text, index, latin=True)
        if transliterated.text != text:
            alternative = _resolve(index, transliterated.text, not_places)
            if alternative.status == "match" or (
                alternative.status == "ambiguous" and resolution.status == "none"
            ):
                return alternative
    return resolution


def _resolve(
    index: _CompactIndex,
    text: str,
    not_places: Collection[str] = (),
    guessed: Collection[str] = (),
) -> Resolution:
    """Resolve Latin text (see `resolve_place`); places read from `guessed` words are asked."""
    # A dash between spaces separates clauses ("Lublin - mam ataki paniki"); "Bielsko - Biała"
    # is still found, as words are also tried joined by a hyphen.
    text = _SPACED_DASH.sub(" , ", text)
    tokens = _tokens(text)
    if not tokens:
        return NO_PLACE
    blocked = frozenset(_blocked_positions(tokens, not_places))
    places, regions = _spans(index, tokens, blocked)
    for span in places:
        if any(tokens[i] in guessed for i in range(span.start, span.end)):
            span.uncertain = True

    powiat_spans: list[_Span] = []
    gmina_spans: list[_Span] = []
    place_spans: list[_Span] = []
    for span in places:
        kinds = {index.entries[n].kind for n in span.entries}
        if _cue_before(tokens, span, _POWIAT_CUES) or _cue_after(tokens, span, _POWIAT_CUES):
            powiat_numbers = [n for n in span.entries if index.entries[n].kind == "powiat"]
            if powiat_numbers:
                powiat_spans.append(_Span(span.start, span.end, span.key, powiat_numbers))
                continue
        if _cue_before(tokens, span, _GMINA_CUES):
            # The name after "gmina"/"w gminie" stays in the nominative ("gmina Wieliczki" is
            # not the genitive of Wieliczka).
            gmina_kinds = {"gmina", "town", "city"}
            gmina_numbers = [
                n for n in span.nominative if index.entries[n].kind in gmina_kinds
            ] or [n for n in span.entries if index.entries[n].kind in gmina_kinds]
            if gmina_numbers:
                gmina_numbers = _gmina_around_city(index, gmina_numbers) or gmina_numbers
                gmina_spans.append(_Span(span.start, span.end, span.key, gmina_numbers))
                continue
        if kinds == {"powiat"}:
            powiat_spans.append(span)
        else:
            place_spans.append(span)

    raw = _raw_tokens(text)
    capitalised = _capitalised_words(text, len(tokens))
    clauses = _clauses(text, len(tokens))

    def evident(span: _Span, spans: Sequence[_Span]) -> bool:
        return (
            not _weak(index, tokens, raw, span)
            or _place_evidence(index, tokens, capitalised, span)
            or _whole_clause(index, tokens, clauses, span)
            # Being among the only words of the message ("Piastów koło Pruszkowa").
            or (
                _only_place(tokens, spans)
                and _ordinary_word_may_be_place(index, tokens, capitalised, span)
            )
        )

    strong = [s for s in place_spans if evident(s, place_spans)]
    covered = {i for s in places + regions for i in range(s.start, s.end)}
    unknown = {
        i
        for i, token in enumerate(tokens)
        if i not in covered
        and i not in blocked
        and token not in _STRUCTURAL
        and token not in _FUNCTION_WORDS
        # A short word counts only beside a place word ("Noa Ruda"): "mąż" is not "Maże".
        and (len(token) >= 4 or (len(token) == 3 and {i - 1, i + 1} & covered))
        and token not in _FOREIGN_CITIES
        and not _is_ordinary(tokens, raw, i)
        and not ("-" not in token and _is_known_geographic(token))
    }
    if unknown:
        usable = {
            i
            for i, token in enumerate(tokens)
            if token not in _STRUCTURAL and token not in _FUNCTION_WORDS and i not in blocked
        }
        fuzzy = _fuzzy_spans(index, tokens, unknown, usable)
        # A typo next to a word that happens to be a name ("Rawa Mezowiecka"): the longer
        # fuzzy reading replaces the short exact one.
        longer = [f for f in fuzzy if any(f.covers(s) for s in place_spans)]
        if longer:
            place_spans = [s for s in place_spans if not any(f.covers(s) for f in longer)]
            place_spans += longer
            strong = [s for s in place_spans if evident(s, place_spans)]
        elif fuzzy and not strong:
            place_spans = strong = fuzzy
    if strong:
        place_spans = strong
    elif place_spans and not _only_place(tokens, place_spans):
        place_spans = []
    else:
        place_spans = [
            s for s in place_spans if _ordinary_word_may_be_place(index, tokens, capitalised, s)
        ]
    # A voivodeship word inside the place itself ("opolski") does not narrow it.
    named = {i for s in place_spans + powiat_spans + gmina_spans for i in range(s.start, s.end)}
    regions = [s for s in regions if not any(i in named for i in range(s.start, s.end))]
    regions = [
        s
        for s in regions
        if not (s.end - s.start == 1 and len(s.key) <= 4 and _is_ordinary(tokens, raw, s.start))
    ]
    voivodeships = {index.voivodeships[s.key] for s in regions} or None

    powiat_filter = (
        {index.entries[n].powiat for s in powiat_spans for n in s.entries} if powiat_spans else None
    )
    gmina_filter = (
        {index.entries[n].gmina or "" for s in gmina_spans for n in s.entries}
        if gmina_spans
        else None
    )
    # "pod Krakowem, w Skawinie": the other place is where the resident is, and "near the
    # city" narrows its readings to the city and the powiats around and beside it.
    near = [s for s in place_spans if _near_cue(tokens, s)]
    area: set[str] | None = None
    if near and (len(near) < len(place_spans) or gmina_spans or powiat_spans):
        area = {p for s in near for p in _area(index, s)}
        place_spans = [s for s in place_spans if s not in near]

    if place_spans:
        numbers, main = _primary(index, tokens, place_spans)
        flat = main.flat
        # Names spelt exactly as typed are listed first (the list is capped); the others stay,
        # as diacritics are often left out or misplaced.
        typed = " ".join(raw[main.start : main.end]) if len(raw) == len(tokens) else ""
        distance = min(s.distance for s in place_spans)
        numbers = _filter(
            index,
            numbers,
            powiats=powiat_filter,
            gminas=gmina_filter,
            voivodeships=voivodeships,
        )
        numbers = _filter(index, numbers, powiats=area, gminas=None, voivodeships=None)
        score = 100.0 - 12.0 * distance
        resolution = _decide(index, numbers, score=score, flat=flat, typed=typed)
        if _foreign_city_only(index, numbers):
            return Resolution("none", _as_suggestions(resolution.candidates))
        unnarrowed = (
            powiat_filter is None and gmina_filter is None and voivodeships is None and not area
        )
        if resolution.status == "match" and unnarrowed and main.uncertain:
            # "Did you mean …?": a guess from a misspelling is confirmed by the resident.
            return Resolution("ambiguous", resolution.candidates)
        if resolution.status == "match" and unnarrowed and main in near:
            return _near_city(index, resolution)
        return resolution
    if gmina_spans:
        numbers = [n for s in gmina_spans for n in s.entries]
        numbers = _filter(
            index, numbers, powiats=powiat_filter, gminas=None, voivodeships=voivodeships
        )
        numbers = _filter(index, numbers, powiats=area, gminas=None, voivodeships=None)
        return _decide(index, numbers, score=95.0)
    if powiat_spans:
        numbers = [n for s in powiat_spans for n in s.entries]
        numbers = _filter(index, numbers, powiats=None, gminas=None, voivodeships=voivodeships)
        numbers = _filter(index, numbers, powiats=area, gminas=None, voivodeships=None)
        return _decide(index, numbers, score=95.0)
    if voivodeships and any(len(s.key) > 4 for s in regions):
        # An abbreviation alone ("maz", "pom") narrows a place but is no answer by itself.
        return _voivodeship_only(index, voivodeships)
    return NO_PLACE


def _blocked_positions(tokens: Sequence[str], not_places: Collection[str]) -> list[int]:
    """Positions of the words that must not be read as places (each part of "a-b" counts)."""
    if not not_places:
        return []
    words = set(not_places)
    return [i for i, token in enumerate(tokens) if words & {token, *token.split("-")}]


def _near_cue(tokens: Sequence[str], span: _Span) -> bool:
    """Whether the words before the place put the resident near it ("pod Krakowem")."""
    if span.start == 0:
        return False
    if tokens[span.start - 1] in _NEAR_CUES:
        return True
    return span.start >= 2 and (tokens[span.start - 2], tokens[span.start - 1]) in _NEAR_PAIRS


def _area(index: _CompactIndex, span: _Span) -> set[str]:
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


def _near_city(index: _CompactIndex, resolution: Resolution) -> Resolution:
    """Near a city with powiat rights the resident is most likely in the land powiat around it,
    whose help may differ: ask, offering the city and the powiat(s) around it."""
    best = resolution.candidates[0]
    around = index.around.get(best.powiat, [])
    if best.kind != "city" or not around:
        return resolution
    gazetteer = index.gazetteer
    others = tuple(
        Candidate(
            powiat=powiat.code,
            powiat_name=powiat.name,
            voivodeship=powiat.voivodeship,
            matched=f"{powiat.label()} (around {best.place_name})",
            score=best.score,
            place_name=powiat.name,
            kind="city" if powiat.is_city else "powiat",
            lat=powiat.lat,
            lon=powiat.lon,
        )
        for powiat in (gazetteer.powiat(code) for code in around)
    )
    return Resolution("ambiguous", (best, *others)[:MAX_CANDIDATES])


def _gmina_around_city(index: _CompactIndex, numbers: Sequence[int]) -> list[int]:
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


def _city_powiat(entries: Sequence[_Entry], name: str) -> str:
    return next(e.powiat for e in entries if e.kind == "city" and e.name == name)


def _foreign_city_only(index: _CompactIndex, numbers: Sequence[int]) -> bool:
    """Whether the text names a foreign city that only shares its name with Polish villages."""
    names = {fold(index.entries[n].name) for n in numbers}
    return bool(names & _FOREIGN_CITIES) and all(
        index.entries[n].tier != TIER_MAJOR for n in numbers
    )


def _as_suggestions(candidates: Sequence[Candidate]) -> tuple[Candidate, ...]:
    return tuple(replace(c, score=min(c.score, 30.0)) for c in candidates)


def find_place_in_message(
    text: str, lang: str = "pl", *, not_places: Collection[str] = ()
) -> Resolution:
    """Find the place in a whole chat message; the same as `resolve_place`, which copes with it."""
    return resolve_place(text, lang, not_places=not_places)


def _only_place(tokens: Sequence[str], spans: Sequence[_Span]) -> bool:
    """Whether the text is just the (weak) place word plus cue and filler words."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    return all(i in covered or t in _STRUCTURAL for i, t in enumerate(tokens))


def _primary(
    index: _CompactIndex, tokens: Sequence[str], spans: Sequence[_Span]
) -> tuple[list[int], _Span]:
    """The readings of the place the text is about, using the other places to narrow it."""
    if len(spans) == 1:
        return list(spans[0].entries), spans[0]
    powiat_sets = [{index.entries[n].powiat for n in s.entries} for s in spans]
    shared = set.intersection(*powiat_sets)
    # "Piastów koło Pruszkowa": the place near which the resident is is not where they are.
    chosen = [s for s in spans if not _near_cue(tokens, s)] or list(spans)
    # A place read for certain before one that is only a guess from a misspelling.
    chosen = [s for s in chosen if not s.uncertain] or chosen
    cued = [s for s in chosen if _cue_before(tokens, s, _PLACE_CUES)]
    main = cued[0] if cued else max(chosen, key=lambda s: (s.end - s.start, -s.start))
    if shared:
        return [n for n in main.entries if index.entries[n].powiat in shared], main
    return list(main.entries), main


def _voivodeship_only(index: _CompactIndex, codes: set[str]) -> Resolution:
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


# --- points --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PolygonIndex:
    tree: Any
    geometries: tuple[Any, ...]
    codes: tuple[str, ...]


@cache
def _polygon_index() -> _PolygonIndex:
    from shapely import STRtree
    from shapely.geometry import MultiPolygon, Polygon

    gazetteer = load_gazetteer()
    geometries = []
    codes = []
    for powiat in gazetteer.powiats:
        parts = [Polygon(rings[0], rings[1:]) for rings in gazetteer.powiat_polygons(powiat.code)]
        if parts:
            geometries.append(MultiPolygon(parts))
            codes.append(powiat.code)
    return _PolygonIndex(STRtree(geometries), tuple(geometries), tuple(codes))


def _point_candidate(code: str, lat: float, lon: float, score: float, note: str) -> Candidate:
    powiat = load_gazetteer().powiat(code)
    return Candidate(
        powiat=powiat.code,
        powiat_name=powiat.name,
        voivodeship=powiat.voivodeship,
        matched=f"point {lat:.5f}, {lon:.5f} {note} {powiat.label()}",
        score=score,
        place_name=powiat.name,
        kind="point",
        lat=lat,
        lon=lon,
    )


def resolve_point(lat: float, lon: float) -> Resolution:
    """The powiat containing (lat, lon); the nearest within ~30 km of Poland; else none."""
    from shapely import Point
    from shapely.ops import nearest_points

    polygons = _polygon_index()
    point = Point(lon, lat)
    for position in polygons.tree.query(point, predicate="intersects"):
        code = polygons.codes[int(position)]
        return Resolution("match", (_point_candidate(code, lat, lon, 100.0, "in"),))
    position = polygons.tree.nearest(point)
    if position is None:
        return NO_PLACE
    geometry = polygons.geometries[int(position)]
    nearest = nearest_points(geometry, point)[0]
    away = distance_km(lat, lon, nearest.y, nearest.x)
    if away > NEAR_POLAND_KM:
        return NO_PLACE
    code = polygons.codes[int(position)]
    score = max(50.0, 90.0 - away)
    return Resolution("match", (_point_candidate(code, lat, lon, score, "nearest to"),))
