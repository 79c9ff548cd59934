"""Poland's territorial division (GUS TERYT), loaded from the project's compact gazetteer file.

The file is derived by scripts/build_gazetteer.py and committed in directory/data/; it holds
voivodeships, powiats, gmina-level units, towns, SIMC localities, points, simplified powiat
polygons and the Polish case forms of every name (folded, for matching).
"""

from __future__ import annotations

import gzip
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Final

from directory.folding import fold

GAZETTEER_PATH: Final = Path(__file__).resolve().parent / "data" / "gazetteer.json.gz"
EARTH_RADIUS_KM: Final = 6371.0088

# TERC unit types (RODZ) of gmina-level units.
RODZ_URBAN: Final = 1
RODZ_RURAL: Final = 2
RODZ_URBAN_RURAL: Final = 3
RODZ_WARSAW_DISTRICT: Final = 8
RODZ_DELEGATURA: Final = 9
GMINA_RODZ: Final = frozenset({RODZ_URBAN, RODZ_RURAL, RODZ_URBAN_RURAL})

Point = tuple[float, float]
Ring = list[tuple[float, float]]
Polygon = list[Ring]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance between two WGS84 points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Powiat:
    """A powiat: a land powiat ("pruszkowski") or a city with powiat rights ("Wrocław")."""

    code: str
    name: str
    is_city: bool
    voivodeship: str
    voivodeship_code: str
    seat: str
    lat: float
    lon: float

    def label(self) -> str:
        """Polish label used in both languages: "powiat pruszkowski, mazowieckie"."""
        if self.is_city:
            return f"{self.name}, {self.voivodeship}"
        return f"powiat {self.name}, {self.voivodeship}"


@dataclass(frozen=True, slots=True)
class Unit:
    """A gmina-level TERC unit: a gmina (rodz 1–3), town/rural part (4/5), district (8/9)."""

    code: str
    name: str
    rodz: int
    gmina_code: str
    powiat_code: str
    lat: float | None
    lon: float | None

    @property
    def is_gmina(self) -> bool:
        """Whether this is a real gmina (rodz 1, 2 or 3)."""
        return self.rodz in GMINA_RODZ


@dataclass(frozen=True, slots=True)
class Town:
    """A town (gmina miejska or the town of an urban-rural gmina) with its point."""

    code: str
    name: str
    gmina_code: str
    powiat_code: str
    lat: float
    lon: float
    has_powiat_rights: bool


@dataclass(frozen=True, slots=True)
class Locality:
    """A SIMC locality: village, settlement, part of a town…; `parent` is set for parts."""

    sym: str
    name: str
    kind: str
    gmina_code: str
    parent: str

    @property
    def powiat_code(self) -> str:
        """The powiat of the locality's 2024 gmina."""
        return self.gmina_code[:4]


class Gazetteer:
    """Read-only index of Poland's territorial units; build one with `load_gazetteer()`."""

    def __init__(self, document: dict[str, Any]) -> None:
        scale = float(document["coordinate_scale"])
        self.attribution: str = document["attribution"]
        self._scale = scale
        self.voivodeships: dict[str, str] = dict(document["voivodeships"])
        self.powiats: tuple[Powiat, ...] = tuple(
            Powiat(
                code=code,
                name=name,
                is_city=bool(is_city),
                voivodeship=self.voivodeships[woj],
                voivodeship_code=woj,
                seat=seat,
                lat=lat / scale,
                lon=lon / scale,
            )
            for code, name, is_city, woj, seat, lat, lon in document["powiats"]
        )
        self._powiat_by_code = {p.code: p for p in self.powiats}
        self.units: tuple[Unit, ...] = tuple(
            Unit(
                code,
                name,
                rodz,
                gmina,
                powiat,
                None if lat is None else lat / scale,
                None if lon is None else lon / scale,
            )
            for code, name, rodz, gmina, powiat, lat, lon in document["units"]
        )
        self._unit_by_code = {u.code: u for u in self.units}
        self.towns: tuple[Town, ...] = tuple(
            Town(code, name, gmina, powiat, lat / scale, lon / scale, bool(rights))
            for code, name, gmina, powiat, lat, lon, rights, _sym in document["towns"]
        )
        self._simc_kinds: list[str] = document["simc_kinds"]
        # The bulky sections are stored as JSON text and parsed on first use, which keeps
        # start-up fast: place resolution reads its own precomputed index instead.
        self._sections: dict[str, Any] = {
            name: document[name] for name in ("localities", "match_keys", "powiat_polygons")
        }
        self.place_index: dict[str, Any] | None = document.get("place_index")

    def _section(self, name: str) -> Any:
        value = self._sections[name]
        return json.loads(value) if isinstance(value, str) else value

    @cached_property
    def localities(self) -> tuple[Locality, ...]:
        """The 102,311 SIMC localities (parsed on first use)."""
        kinds = self._simc_kinds
        return tuple(
            Locality(sym, name, kinds[kind], gmina, parent)
            for sym, name, kind, gmina, parent in self._section("localities")
        )

    @cached_property
    def match_keys(self) -> dict[str, list[str]]:
        """Name → its folded matching keys: the nominative first, then its Polish case forms."""
        keys: dict[str, list[str]] = self._section("match_keys")
        return keys

    @cached_property
    def _raw_polygons(self) -> dict[str, list[list[list[int]]]]:
        polygons: dict[str, list[list[list[int]]]] = self._section("powiat_polygons")
        return polygons

    # --- powiats ---------------------------------------------------------------------------

    def powiat(self, code: str) -> Powiat:
        """The powiat with TERYT code `code` ("1421"); KeyError if unknown."""
        return self._powiat_by_code[code]

    def has_powiat(self, code: str) -> bool:
        """Whether `code` is a powiat TERYT code."""
        return code in self._powiat_by_code

    def unit(self, code: str) -> Unit:
        """The gmina-level unit with 7-digit TERYT code `code`; KeyError if unknown."""
        return self._unit_by_code[code]

    @cached_property
    def gminas(self) -> tuple[Unit, ...]:
        """The 2477 gminas (rodz 1, 2, 3)."""
        return tuple(u for u in self.units if u.is_gmina)

    @cached_property
    def warsaw_districts(self) -> tuple[Unit, ...]:
        """The 18 districts (dzielnice) of Warsaw."""
        return tuple(u for u in self.units if u.rodz == RODZ_WARSAW_DISTRICT)

    @cached_property
    def delegatury(self) -> tuple[Unit, ...]:
        """The 19 delegatury of Kraków, Łódź, Poznań and Wrocław."""
        return tuple(u for u in self.units if u.rodz == RODZ_DELEGATURA)

    # --- points ----------------------------------------------------------------------------

    @cached_property
    def _points_by_powiat(self) -> dict[str, dict[str, Point]]:
        points: dict[str, dict[str, Point]] = defaultdict(dict)
        # Least precise first, so that better points overwrite them: localities get their
        # gmina's centroid (SIMC has no coordinates), then gminas, districts and towns.
        for locality in self.localities:
            gmina = self._unit_by_code.get(locality.gmina_code)
            if gmina is not None and gmina.lat is not None and gmina.lon is not None:
                points[gmina.powiat_code].setdefault(fold(locality.name), (gmina.lat, gmina.lon))
        for unit in self.units:
            if unit.lat is not None and unit.lon is not None:
                points[unit.powiat_code][fold(unit.name)] = (unit.lat, unit.lon)
        for town in self.towns:
            points[town.powiat_code][fold(town.name)] = (town.lat, town.lon)
        return dict(points)

    def town_point(self, name: str, powiat_code: str) -> Point | None:
        """(lat, lon) of a town or locality called `name` in that powiat, if known.

        Towns and Warsaw districts have their own point; a gmina or village gets its gmina's
        centroid, which is approximate (a few km).
        """
        return self._points_by_powiat.get(powiat_code, {}).get(fold(name))

    # --- polygons --------------------------------------------------------------------------

    def powiat_polygons(self, code: str) -> list[Polygon]:
        """The simplified boundary of a powiat: polygons, each a list of (lon, lat) rings."""
        if code not in self._powiat_by_code:
            raise KeyError(code)
        return [
            [
                [(ring[i] / self._scale, ring[i + 1] / self._scale) for i in range(0, len(ring), 2)]
                for ring in polygon
            ]
            for polygon in self._raw_polygons.get(code, [])
        ]


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, loaded from the committed file once per process."""
    with gzip.open(GAZETTEER_PATH, "rb") as handle:
        document = json.loads(handle.read())
    return Gazetteer(document)
