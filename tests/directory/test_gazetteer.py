"""The committed gazetteer: counts from TERYT, powiat records, points, polygons, start-up cost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from directory import ATTRIBUTION_TERYT
from directory.gazetteer import GAZETTEER_PATH, distance_km, load_gazetteer

REPO = Path(__file__).resolve().parent.parent.parent


def test_gazetteer_counts_match_teryt() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer.voivodeships) == 16
    assert len(gazetteer.powiats) == 380
    assert sum(p.is_city for p in gazetteer.powiats) == 66
    assert sum(not p.is_city for p in gazetteer.powiats) == 314
    assert len(gazetteer.gminas) == 2477
    assert len(gazetteer.towns) == 1013
    assert len(gazetteer.warsaw_districts) == 18
    assert len(gazetteer.delegatury) == 19
    assert len(gazetteer.localities) == 102_311


def test_gazetteer_file_carries_its_attribution() -> None:
    assert load_gazetteer().attribution == ATTRIBUTION_TERYT
    # Includes the precomputed place index (about 3 MB) that keeps start-up fast.
    assert GAZETTEER_PATH.stat().st_size < 6_000_000


def test_gazetteer_is_loaded_once_per_process() -> None:
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.parametrize(
    ("code", "name", "is_city", "voivodeship", "seat", "label"),
    [
        (
            "1421",
            "pruszkowski",
            False,
            "mazowieckie",
            "Pruszków",
            "powiat pruszkowski, mazowieckie",
        ),
        ("0264", "Wrocław", True, "dolnośląskie", "Wrocław", "Wrocław, dolnośląskie"),
        ("2204", "gdański", False, "pomorskie", "Pruszcz Gdański", "powiat gdański, pomorskie"),
        ("1006", "łódzki wschodni", False, "łódzkie", "Łódź", "powiat łódzki wschodni, łódzkie"),
    ],
)
def test_powiat_records_have_name_seat_and_label(
    code: str, name: str, is_city: bool, voivodeship: str, seat: str, label: str
) -> None:
    powiat = load_gazetteer().powiat(code)
    assert (powiat.code, powiat.name, powiat.is_city) == (code, name, is_city)
    assert (powiat.voivodeship, powiat.voivodeship_code, powiat.seat) == (
        voivodeship,
        code[:2],
        seat,
    )
    assert powiat.label() == label
    assert 49.0 < powiat.lat < 55.0
    assert 14.0 < powiat.lon < 24.2


def test_unknown_powiat_code_raises_key_error() -> None:
    gazetteer = load_gazetteer()
    assert not gazetteer.has_powiat("9999")
    assert gazetteer.has_powiat("1465")
    with pytest.raises(KeyError):
        gazetteer.powiat("9999")


def test_every_powiat_code_is_four_digits_in_its_voivodeship() -> None:
    gazetteer = load_gazetteer()
    for powiat in gazetteer.powiats:
        assert len(powiat.code) == 4
        assert powiat.code.isdigit()
        assert gazetteer.voivodeships[powiat.voivodeship_code] == powiat.voivodeship


@pytest.mark.parametrize(
    ("name", "powiat", "near", "within_km"),
    [
        ("Piastów", "1421", (52.184, 20.839), 3.0),
        ("piastow", "1421", (52.184, 20.839), 3.0),
        ("Mokotów", "1465", (52.19, 21.02), 5.0),
        ("Nadarzyn", "1421", (52.09, 20.80), 10.0),
        ("Sopot", "2264", (54.44, 18.56), 3.0),
    ],
)
def test_town_point_is_near_the_real_place(
    name: str, powiat: str, near: tuple[float, float], within_km: float
) -> None:
    point = load_gazetteer().town_point(name, powiat)
    assert point is not None
    assert distance_km(point[0], point[1], near[0], near[1]) < within_km


def test_town_point_is_none_for_a_place_outside_that_powiat() -> None:
    assert load_gazetteer().town_point("Piastów", "0264") is None
    assert load_gazetteer().town_point("Atlantyda", "1421") is None


def test_powiat_polygons_are_closed_lon_lat_rings_around_the_centroid() -> None:
    gazetteer = load_gazetteer()
    powiat = gazetteer.powiat("1421")
    polygons = gazetteer.powiat_polygons("1421")
    assert polygons
    outer = polygons[0][0]
    assert outer[0] == outer[-1]
    lons = [lon for lon, _ in outer]
    lats = [lat for _, lat in outer]
    assert min(lons) < powiat.lon < max(lons)
    assert min(lats) < powiat.lat < max(lats)
    assert all(gazetteer.powiat_polygons(p.code) for p in gazetteer.powiats)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((52.2297, 21.0122), (50.0647, 19.9450), 252.0),
        ((54.352, 18.6466), (54.352, 18.6466), 0.0),
        ((51.1079, 17.0385), (52.4064, 16.9252), 145.0),
    ],
)
def test_distance_km_is_the_great_circle_distance(
    a: tuple[float, float], b: tuple[float, float], km: float
) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=2.0)


def test_start_up_with_the_whole_index_is_fast_and_small() -> None:
    """Sanity bounds, looser than the targets (2 s, 200 MB) so a busy machine does not fail."""
    # VmHWM, not ru_maxrss: on Linux a forked child's ru_maxrss starts at the parent's (pytest's).
    code = (
        "import re, time\n"
        "t = time.perf_counter()\n"
        "from directory.places import resolve_place\n"
        "assert resolve_place('Pruszków').status == 'match'\n"
        "status = open('/proc/self/status').read()\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1)\n"
        "print(time.perf_counter() - t, hwm)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert time.perf_counter() - started < 15.0
    seconds, max_rss_kb = result.stdout.split()
    assert float(seconds) < 4.0
    assert int(max_rss_kb) / 1024 < 250


def test_committed_place_index_is_up_to_date_with_the_gazetteer_and_the_code() -> None:
    """Start-up reads the precomputed index; rebuild it with build_gazetteer.py --index-only."""
    from directory.places import PLACE_INDEX_VERSION, build_place_index

    gazetteer = load_gazetteer()
    assert gazetteer.place_index is not None
    assert gazetteer.place_index["version"] == PLACE_INDEX_VERSION
    assert build_place_index(gazetteer) == gazetteer.place_index
