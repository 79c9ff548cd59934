"""Derive directory/data/place_extras.json from the project's own gazetteer.

Two things place resolution needs that the gazetteer states only implicitly, precomputed here so
that start-up stays as fast as it was (parsing every name's case forms costs 0.1 s, building the
powiat polygons 0.3 s):

- short forms of hyphenated towns and districts ("Kędzierzyn" for Kędzierzyn-Koźle, "Bielsko"
  for Bielsko-Biała, "Praga" for Warsaw's Praga-Południe and Praga-Północ), with their case
  forms taken from the first part of the full name's forms, and the other towns whose name
  starts with the same word ("Krynica" is also Krynica Morska);
- for every city with powiat rights, the powiats around it: the land powiat seated in the city
  ("krakowski" around Kraków); where none is, the land powiats bordering it (Warsaw); none for
  a city among cities only (Chorzów: near it is another city, and the city is the answer).
  Also every powiat bordering it, which narrows "a village near Płock".

Reads only directory/data/gazetteer.json.gz; a test fails when the committed file is stale.

Run from the repository root:  .venv/bin/python scripts/build_place_extras.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from directory.folding import fold  # noqa: E402
from directory.gazetteer import (  # noqa: E402
    RODZ_DELEGATURA,
    RODZ_WARSAW_DISTRICT,
    Gazetteer,
    load_gazetteer,
)

OUTPUT = REPO / "directory" / "data" / "place_extras.json"
# Boundaries are simplified; a hair of tolerance (about 300 m) lets neighbours touch.
TOUCH_DEGREES = 0.003


def _first_word(name: str) -> str:
    return fold(name).replace("-", " ").split(" ")[0]


def _adjective_forms(word: str) -> list[str]:
    """The case forms of a first part that is an adjective ("Piwniczna": w Piwnicznej,
    "Ruciane": w Rucianem), which the full name's forms do not always give."""
    if re.search(r"(?:[^aeiouy]|a)na$", word):
        return [word[:-1] + "ej"]
    if re.search(r"(?:[^aeiouy]|a)ne$", word):
        return [word[:-1] + ending for ending in ("ego", "emu", "ym", "em")]
    return []


def short_forms(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Hyphenated towns and districts whose first part is not a town's name of its own."""
    town_names = {t.name for t in gazetteer.towns}
    town_keys = {fold(name) for name in town_names}
    named: list[tuple[str, str, str]] = [
        (t.name, "city" if t.has_powiat_rights else "town", t.powiat_code)
        for t in gazetteer.towns
        if "-" in t.name
    ]
    named += [
        (u.name, "district", u.powiat_code)
        for u in gazetteer.units
        if u.rodz in (RODZ_WARSAW_DISTRICT, RODZ_DELEGATURA) and "-" in u.name
    ]
    names_by_key: dict[str, set[str]] = {}
    for other in gazetteer.match_keys:
        names_by_key.setdefault(fold(other), set()).add(other)
    found = []
    for name, kind, powiat in sorted(named):
        first = fold(name).split("-")[0]
        if first in town_keys:
            continue  # "Kraków-Nowa Huta": the first part is the city itself
        keys = gazetteer.match_keys.get(name) or [fold(name)]
        forms = [key.split("-")[0] for key in keys if "-" in key]
        # The first part declines as the same word elsewhere does: a village called "Jastrzębie"
        # has the locative "Jastrzębiu" that the combined name's forms miss.
        same_word = sorted(n for n in names_by_key.get(first, ()) if "-" not in n and " " not in n)
        for other in same_word:
            forms += gazetteer.match_keys.get(other, [])
        forms = list(dict.fromkeys([first, *forms, *_adjective_forms(first)]))
        shared = sorted(
            t for t in town_names if t != name and _first_word(t) == first and "-" not in t
        )
        found.append(
            {"name": name, "kind": kind, "powiat": powiat, "forms": forms, "shared_with": shared}
        )
    return found


def surroundings(gazetteer: Gazetteer) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """For every city with powiat rights: the powiats around it, and every powiat bordering it."""
    from shapely import STRtree
    from shapely.geometry import MultiPolygon, Polygon

    codes = [p.code for p in gazetteer.powiats]
    geometries = [
        MultiPolygon(
            [Polygon(rings[0], rings[1:]) for rings in gazetteer.powiat_polygons(code)]
        ).buffer(0)
        for code in codes
    ]
    tree = STRtree(geometries)
    around: dict[str, list[str]] = {}
    bordering: dict[str, list[str]] = {}
    for city in (p for p in gazetteer.powiats if p.is_city):
        zone = geometries[codes.index(city.code)].buffer(TOUCH_DEGREES)
        touching = sorted(
            codes[int(i)]
            for i in tree.query(zone, predicate="intersects")
            if codes[int(i)] != city.code
        )
        seated = sorted(p.code for p in gazetteer.powiats if not p.is_city and p.seat == city.name)
        land = [code for code in touching if not gazetteer.powiat(code).is_city]
        around[city.code] = seated or land
        bordering[city.code] = touching
    return around, bordering


def build(gazetteer: Gazetteer) -> dict[str, Any]:
    """The whole document."""
    around, bordering = surroundings(gazetteer)
    return {
        "attribution": gazetteer.attribution,
        "derived_from": "directory/data/gazetteer.json.gz by scripts/build_place_extras.py",
        "short_forms": short_forms(gazetteer),
        "around_city": around,
        "bordering_city": bordering,
    }


def main() -> None:
    """Write the file."""
    document = build(load_gazetteer())
    OUTPUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {OUTPUT}: {len(document['short_forms'])} short forms, "
        f"{len(document['around_city'])} cities"
    )


if __name__ == "__main__":
    main()
