"""The place index: every name and case form of the gazetteer, stored compactly, parsed lazily."""

from __future__ import annotations

import csv
import json
import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Final

from directory.folding import fold
from directory.gazetteer import (
    RODZ_DELEGATURA,
    RODZ_RURAL,
    RODZ_URBAN_RURAL,
    RODZ_WARSAW_DISTRICT,
    Gazetteer,
    load_gazetteer,
)
from directory.places.lexicon import (
    ADJECTIVE_ABBREVIATIONS,
    DROPPED_QUALIFIERS,
    VOIVODESHIP_ALIASES,
)

DATA_DIR: Final = Path(__file__).resolve().parent.parent / "data"
# Derived from the gazetteer by scripts/build_place_extras.py (short forms, cities' surroundings).
PLACE_EXTRAS_PATH: Final = DATA_DIR / "place_extras.json"
# Kept by hand, each name with its source: colloquial names and abbreviations ("Wawa").
PLACE_NAMES_PATH: Final = DATA_DIR / "place_names.csv"
# Bump when the index's content or layout changes; a stale stored index is rebuilt at start.
PLACE_INDEX_VERSION: Final = 2
# Keys are stored in groups by their first letters.
_KEY_GROUP: Final = 3
# A key at the start of a line of a stored key group ("key\tnominative\toblique"), whose lines
# are sorted by key.
_KEY_AT_LINE_START: Final = re.compile(r"^([^\t\n]*)\t", re.MULTILINE)

# Ranking tiers: lower wins. Towns, cities, Warsaw districts, delegatury and powiats outrank
# gminas and localities of the same name; a rural gmina is named after one of its villages, so
# it ranks with them (two equal readings in different powiats mean we ask).
TIER_MAJOR: Final = 0
TIER_LOCAL: Final = 1
KIND_ORDER: Final = {
    "city": 0,
    "district": 1,
    "town": 2,
    "powiat": 3,
    "gmina": 4,
    "village": 5,
    "point": 6,
}
# Readings with a name of their own in TERYT: another name that is also one of these asks.
NAMED_UNIT_KINDS: Final = frozenset({"city", "town", "district", "powiat", "gmina"})
KIND_LABEL: Final = {
    "city": "city",
    "district": "district",
    "town": "town",
    "powiat": "powiat",
    "gmina": "gmina",
    "village": "village",
    "point": "point",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a name: a place of some kind and tier, in a powiat (and gmina)."""

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
    entries: list[Entry] = field(default_factory=list)
    # Two levels keep start-up fast: folded key → names, name → entries (many share a name).
    # Most keys belong to one name, stored bare to save memory; shared keys hold a list.
    names_by_key: dict[str, str | list[str]] = field(default_factory=dict)
    entries_by_name: dict[str, list[int]] = field(default_factory=dict)
    voivodeships: dict[str, str] = field(default_factory=dict)
    fuzzy_buckets: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    nominatives: set[str] = field(default_factory=set)
    memo: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def add(self, entry: Entry, *names: str) -> None:
        """Add `entry` under each of `names` and their keys."""
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


def short_name(name: str) -> str | None:
    """A town's everyday short name without its regional qualifier, if it has one."""
    words = name.replace("-", " ").split(" ")
    if len(words) == 2 and fold(words[1]).startswith(DROPPED_QUALIFIERS):
        return words[0]
    return None


def spelt_as_typed(name: str, typed: str) -> bool:
    """Whether `typed` is the name, or its short name, letter for letter (diacritics too)."""
    return typed in _spellings(name)


@cache
def _spellings(name: str) -> tuple[str, ...]:
    names = (name, short) if (short := short_name(name)) else (name,)
    return tuple(fold(n, keep_diacritics=True) for n in names)


def _abbreviated(key: str) -> list[str]:
    words = key.split(" ")
    variants = []
    for position in range(1, len(words)):
        for stem, shorts in ADJECTIVE_ABBREVIATIONS:
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
def place_index() -> CompactIndex:
    """The lookup index: precomputed in the gazetteer file, or built here if that is stale."""
    gazetteer = load_gazetteer()
    data = gazetteer.place_index
    if data is None or data.get("version") != PLACE_INDEX_VERSION:
        data = build_place_index(gazetteer)
    index = CompactIndex(gazetteer, data)
    _add_other_names(index)
    return index


def _add_other_names(index: CompactIndex) -> None:
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
    kind_codes = {kind: number for number, kind in enumerate(KIND_ORDER)}
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
        "kinds": list(KIND_ORDER),
        "entries": entries,
        "keys": {group: "\n" + "".join(lines) for group, lines in sorted(key_groups.items())},
        "fuzzy": dict(sorted(fuzzy.items())),
        "voivodeships": dict(sorted(index.voivodeships.items())),
    }


class CompactIndex:
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
        # The same keys by their group (first letters), for building a group's sorted keys.
        self._other_groups: dict[str, list[str]] = {}
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
        keys = self._group_keys.get(key[:_KEY_GROUP])
        if keys is not None:
            # The group's keys are sorted already (prefix searches built them): a key that is
            # not there needs no search through the group's text, which is long for "now", "sta".
            position = bisect_left(keys, key)
            if position == len(keys) or keys[position] != key:
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
                if self.entries[n].kind in NAMED_UNIT_KINDS and self.entries[n].name not in names
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
            if key not in self._other:
                self._other_groups.setdefault(key[:_KEY_GROUP], []).append(key)
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

    def keys_with_prefix(self, prefix: str) -> list[str]:
        """Every key that starts with `prefix` (folded, at least three letters)."""
        # Read from the stored group in place (its lines are sorted): no list of the group's
        # keys is built, which would cost a first query a few milliseconds.
        group = self._key_groups.get(prefix[:_KEY_GROUP], "")
        found = [key for key in self._other if key.startswith(prefix)]
        start = group.find("\n" + prefix)
        while start >= 0:
            end = group.find("\t", start + 1)
            key = group[start + 1 : end]
            if not key.startswith(prefix):
                break
            found.append(key)
            start = group.find("\n", end)
            start = start if start + 1 < len(group) else -1
        return found

    def _sorted_keys(self, group: str) -> list[str]:
        keys = self._group_keys.get(group)
        if keys is None:
            blob = self._key_groups.get(group, "")
            other = self._other_groups.get(group, ())
            # Most groups a misspelt word's spellings reach hold no key at all.
            keys = _KEY_AT_LINE_START.findall(blob) if blob else []
            keys = sorted({*keys, *other}) if other else keys
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


def _stored_point(gazetteer: Gazetteer, entry: Entry) -> list[str]:
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
        self._parsed: dict[int, Entry] = {}
        self._appended = 0

    def append(self, entry: Entry) -> int:
        """Add an entry after the stored ones; returns its number."""
        number = len(self._lines) + self._appended
        self._appended += 1
        self._parsed[number] = entry
        return number

    def __getitem__(self, number: int) -> Entry:
        entry = self._parsed.get(number)
        if entry is None:
            kind, name, powiat, gmina, tier, lat, lon = self._lines[number].split("\t")
            unit = self._gazetteer.unit(gmina) if gmina else None
            entry = Entry(
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
    _add_towns(index)
    _add_short_names(index)
    _add_units(index)
    _add_powiats(index)
    major_keys = set(index.names_by_key)
    _add_villages(index)
    _add_voivodeships(index)
    index.nominatives.update(keys[0] for keys, _count in index.memo.values())
    index.fuzzy_buckets = _fuzzy_buckets(index, major_keys)
    return index


def _add_towns(index: _Index) -> None:
    """Towns and cities (with powiat rights), by their names."""
    for town in index.gazetteer.towns:
        kind = "city" if town.has_powiat_rights else "town"
        entry = Entry(kind, town.name, town.powiat_code, town.gmina_code, 0, town.lat, town.lon)
        index.add(entry, town.name)


def _add_short_names(index: _Index) -> None:
    """Towns by their short names ("Grodzisk" for Grodzisk Mazowiecki), ranked with villages."""
    gazetteer = index.gazetteer
    for town in gazetteer.towns:
        short = short_name(town.name)
        if short:
            # Residents drop the regional adjective ("Grodzisk", "Tomaszów", "Busko"); the short
            # name is ranked with the villages that bear it, so that the resident is asked.
            entry = Entry(
                "town", town.name, town.powiat_code, town.gmina_code, TIER_LOCAL, town.lat, town.lon
            )
            if short not in gazetteer.match_keys and short not in index.memo:
                # Its case forms are those of the full name without the qualifier ("w Busku").
                full = gazetteer.match_keys.get(town.name, [])
                forms = [f.replace("-", " ").split(" ")[0] for f in full[1:]]
                keys = list(dict.fromkeys([fold(short), *forms]))
                index.memo[short] = (keys, 1)
            index.add(entry, short)


def _add_units(index: _Index) -> None:
    """Rural and urban-rural gminas; Warsaw districts and delegatury (also by their last part)."""
    for unit in index.gazetteer.units:
        if unit.rodz in (RODZ_RURAL, RODZ_URBAN_RURAL):
            entry = Entry(
                "gmina", unit.name, unit.powiat_code, unit.code, TIER_LOCAL, unit.lat, unit.lon
            )
            index.add(entry, unit.name)
        elif unit.rodz in (RODZ_WARSAW_DISTRICT, RODZ_DELEGATURA):
            names = [unit.name]
            if "-" in unit.name:
                names.append(unit.name.split("-", 1)[1])
            entry = Entry(
                "district", unit.name, unit.powiat_code, unit.gmina_code, 0, unit.lat, unit.lon
            )
            index.add(entry, *names)


def _add_powiats(index: _Index) -> None:
    """Land powiats by their names (a city's powiat is the city)."""
    for powiat in index.gazetteer.powiats:
        if not powiat.is_city:
            entry = Entry("powiat", powiat.name, powiat.code, None, 0, powiat.lat, powiat.lon)
            index.add(entry, powiat.name)


def _add_villages(index: _Index) -> None:
    """Every other SIMC locality, at its gmina's point."""
    gazetteer = index.gazetteer
    for locality in gazetteer.localities:
        if locality.kind in {"miasto", "delegatura", "dzielnica"}:
            continue
        gmina = gazetteer.unit(locality.gmina_code)
        entry = Entry(
            "village",
            locality.name,
            gmina.powiat_code,
            gmina.code,
            TIER_LOCAL,
            gmina.lat,
            gmina.lon,
        )
        index.add(entry, locality.name)


def _add_voivodeships(index: _Index) -> None:
    """Voivodeship words: aliases and abbreviations, then the official names and case forms."""
    for code, aliases in VOIVODESHIP_ALIASES.items():
        for alias in aliases.split(","):
            index.voivodeships[fold(alias)] = code
    gazetteer = index.gazetteer
    for code, name in gazetteer.voivodeships.items():
        for key in gazetteer.match_keys.get(name, [fold(name)]):
            index.voivodeships[key] = code


def _fuzzy_buckets(index: _Index, major_keys: set[str]) -> dict[tuple[str, int], list[str]]:
    """The keys typos are matched against, by first letter and length."""
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    # Typos are matched against every name and against the case forms of major places only.
    for key in index.names_by_key:
        if len(key) >= 4 and (key in major_keys or key in index.nominatives):
            buckets[(key[0], len(key))].append(key)
    return dict(buckets)
