"""Build the project's compact gazetteer from the shared GUS TERYT extract.

Reads ../shared/data/teryt (or the directory given as the first argument) and writes
directory/data/gazetteer.json.gz: voivodeships, powiats, gmina-level units, towns, SIMC
localities, points and simplified powiat polygons, plus the Polish case forms of every name
(generated with Morfeusz 2 where it knows the name, by paradigm analogy otherwise).

Run from the repository root:  .venv/bin/python scripts/build_gazetteer.py [TERYT_DIR]
After changing place resolution's indexing only:  ... scripts/build_gazetteer.py --index-only
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from directory import ATTRIBUTION_TERYT  # noqa: E402
from directory.folding import fold  # noqa: E402
from directory.polish import build_form_table  # noqa: E402

DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "teryt"
OUTPUT = REPO / "directory" / "data" / "gazetteer.json.gz"
FORMAT_VERSION = 3
# Coordinates are stored as integers of 1e-5 degree (about 1 m): plenty for a simplified map.
SCALE = 100_000

# SIMC locality kinds (WMRODZ), stored as small integers.
SIMC_KINDS = (
    "wieś",
    "osada",
    "kolonia",
    "osada leśna",
    "przysiółek",
    "część",
    "część miasta",
    "miasto",
    "osiedle",
    "schronisko turystyczne",
    "delegatura",
    "dzielnica",
)


def read_csv(path: Path) -> list[dict[str, str]]:
    """All rows of a UTF-8 CSV file with a header."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def scaled(value: str | float | None) -> int | None:
    """A coordinate as an integer of 1e-5 degree, or None when unknown."""
    if value in (None, ""):
        return None
    return round(float(value) * SCALE)


def polygons_of(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A (Multi)Polygon as a list of polygons, each a list of flat [lon, lat, lon, lat…] rings."""
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        coordinates = [coordinates]
    result = []
    for polygon in coordinates:
        rings = []
        for ring in polygon:
            flat: list[int] = []
            for lon, lat in ring:
                flat.extend((round(lon * SCALE), round(lat * SCALE)))
            rings.append(flat)
        result.append(rings)
    return result


def build(source: Path) -> dict[str, Any]:
    """Read the TERYT extract and return the gazetteer document."""
    voivodeships = [[row["teryt"], row["name"]] for row in read_csv(source / "wojewodztwa.csv")]
    powiat_points = {
        row["teryt"]: (row["lat"], row["lon"])
        for row in read_csv(source / "coords_powiaty_centroids.csv")
    }
    powiats = []
    for row in read_csv(source / "powiaty.csv"):
        lat, lon = powiat_points[row["teryt"]]
        powiats.append(
            [
                row["teryt"],
                row["name"],
                1 if row["kind"] == "miasto na prawach powiatu" else 0,
                row["woj_teryt"],
                row["seat"],
                scaled(lat),
                scaled(lon),
            ]
        )

    gmina_points = {
        row["teryt"]: (row["lat"], row["lon"])
        for row in read_csv(source / "coords_gminy_centroids.csv")
    }
    district_points = {
        row["teryt"]: (row["lat"], row["lon"])
        for row in read_csv(source / "coords_warszawa_dzielnice.csv")
    }
    town_rows = read_csv(source / "miasta.csv")
    town_points = {row["teryt"]: (row["lat"], row["lon"]) for row in town_rows}

    units = []
    for row in read_csv(source / "gminy.csv"):
        code = row["teryt"]
        point = (
            gmina_points.get(code)
            or town_points.get(code)
            or district_points.get(code)
            or gmina_points.get(row["gmina_teryt"])
        )
        lat, lon = point if point else (None, None)
        units.append(
            [
                code,
                row["name"],
                int(row["rodz"]),
                row["gmina_teryt"],
                row["powiat_teryt"],
                scaled(lat),
                scaled(lon),
            ]
        )

    towns = [
        [
            row["teryt"],
            row["name"],
            row["gmina_teryt"],
            row["powiat_teryt"],
            scaled(row["lat"]),
            scaled(row["lon"]),
            1 if row["city_with_powiat_rights"] == "1" else 0,
            row["simc_sym"],
        ]
        for row in town_rows
    ]

    kind_index = {kind: number for number, kind in enumerate(SIMC_KINDS)}
    localities = []
    for row in read_csv(source / "simc.csv"):
        localities.append(
            [
                row["sym"],
                row["name"],
                kind_index[row["kind"]],
                row["gmina_teryt"],
                row["sympod"] if row["sympod"] != row["sym"] else "",
            ]
        )

    with (source / "geo" / "powiaty_prg.geojson").open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    polygons = {
        feature["properties"]["teryt"]: polygons_of(feature["geometry"]) for feature in features
    }

    names = sorted(
        {row[1] for row in units}
        | {row[1] for row in towns}
        | {row[1] for row in localities}
        | {row[1] for row in powiats}
        | {row[1] for row in voivodeships}
    )
    started = time.monotonic()
    # Stored folded (lower case, no diacritics), the nominative first: that is how they match.
    table = build_form_table(names)
    # A compound powiat's short form ("strzelecki" for strzelecko-drezdenecki) is dropped where
    # it would collide with another powiat's own name or forms.
    powiat_names = {row[1] for row in powiats}
    claimed: dict[str, set[str]] = {}
    for name in powiat_names:
        for form in [name, *table.get(name, [])]:
            claimed.setdefault(fold(form), set()).add(name)
    for name in powiat_names:
        if "-" in name:
            table[name] = [f for f in table.get(name, []) if claimed[fold(f)] == {name}]
    match_keys = {}
    for name in names:
        keys = [fold(name), *(fold(form) for form in table.get(name, []))]
        match_keys[name] = list(dict.fromkeys(key for key in keys if key))
    print(f"case forms for {len(names)} names in {time.monotonic() - started:.1f} s")

    return {
        "format": FORMAT_VERSION,
        "attribution": ATTRIBUTION_TERYT,
        "coordinate_scale": SCALE,
        "simc_kinds": list(SIMC_KINDS),
        "voivodeships": voivodeships,
        "powiats": powiats,
        "units": units,
        "towns": towns,
        "localities": localities,
        "powiat_polygons": polygons,
        "match_keys": match_keys,
    }


def compact(document: dict[str, Any]) -> dict[str, Any]:
    """The document as written: bulky sections as JSON text (parsed lazily at run time) and
    the place-resolution index precomputed, so that start-up does no indexing."""
    from directory.gazetteer import Gazetteer
    from directory.places import build_place_index

    written = dict(document)
    for name in ("localities", "match_keys", "powiat_polygons"):
        written[name] = json.dumps(document[name], ensure_ascii=False, separators=(",", ":"))
    started = time.monotonic()
    written["place_index"] = build_place_index(Gazetteer(written))
    print(f"place index in {time.monotonic() - started:.1f} s")
    return written


def refresh_place_index() -> dict[str, Any]:
    """The committed document with only its place index rebuilt (no TERYT or Morfeusz needed)."""
    from directory.gazetteer import Gazetteer
    from directory.places import build_place_index

    with gzip.open(OUTPUT, "rb") as handle:
        document: dict[str, Any] = json.loads(handle.read())
    document["place_index"] = build_place_index(Gazetteer(document))
    return document


def main() -> None:
    """Build and write the gazetteer file (`--index-only`: refresh just the place index)."""
    if sys.argv[1:] == ["--index-only"]:
        document = refresh_place_index()
    else:
        source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
        document = compact(build(source))
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the committed file byte-identical across rebuilds of the same data.
    with OUTPUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(payload)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size / 1e6:.2f} MB, {len(payload) / 1e6:.1f} MB raw)")


if __name__ == "__main__":
    main()
