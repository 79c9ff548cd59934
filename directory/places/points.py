"""Resolve a shared point (lat, lon) to the powiat containing it, or the nearest one near Poland."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from directory.gazetteer import distance_km, load_gazetteer
from directory.places.answer import NO_PLACE, Candidate, Resolution

NEAR_POLAND_KM: Final = 30.0


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
