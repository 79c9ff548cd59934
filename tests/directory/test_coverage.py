"""Coverage and freshness: local centre, 24/7 local option, nearest centre, stale and unverified
entries, per powiat and voivodeship; on synthetic entries and on the bundled seed in a database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from directory.coverage import (
    CoverageLevel,
    CoverageReport,
    EntryFacts,
    PowiatCoverage,
    compute_coverage,
    coverage_report,
    summary_lines,
)
from directory.db import open_database
from directory.gazetteer import distance_km, load_gazetteer
from directory.models import Service

TODAY = date(2025, 6, 1)
PRUSZKOW = "1421"
WARSZAWA = "1465"
KRAKOW = "1261"
KRAKOW_POINT = (50.0647, 19.9450)
SEED = Path(__file__).resolve().parents[2] / "directory" / "data" / "seed_directory.json"


def centre(entry_id: str, powiat: str, **fields: object) -> EntryFacts:
    entry = EntryFacts(
        id=entry_id,
        kind="crisis_centre",
        scope="local",
        status="active",
        always_open=False,
        area_powiats=frozenset({powiat}),
        location_powiats=frozenset({powiat}),
        verified_on=TODAY,
    )
    return replace(entry, **fields)


def powiat_of(report: CoverageReport, code: str) -> PowiatCoverage:
    return next(p for p in report.powiats if p.code == code)


@pytest.mark.parametrize(
    ("entries", "level"),
    [
        ([centre("a", PRUSZKOW, always_open=True)], CoverageLevel.CENTRE_24_7),
        ([centre("a", PRUSZKOW)], CoverageLevel.CENTRE),
        (
            [centre("a", PRUSZKOW), centre("s", PRUSZKOW, kind="shelter", always_open=True)],
            CoverageLevel.CENTRE_24_7,
        ),
        ([centre("s", PRUSZKOW, kind="shelter")], CoverageLevel.OTHER_LOCAL),
        ([centre("a", PRUSZKOW, status="unverified")], CoverageLevel.UNVERIFIED_ONLY),
        ([centre("a", PRUSZKOW, status="defunct")], CoverageLevel.NONE),
        ([centre("a", WARSZAWA, always_open=True)], CoverageLevel.NONE),
        ([], CoverageLevel.NONE),
    ],
)
def test_coverage_level_of_a_powiat(entries: list[EntryFacts], level: CoverageLevel) -> None:
    report = compute_coverage(entries, TODAY)
    assert powiat_of(report, PRUSZKOW).level is level


def test_a_centre_serving_a_land_powiat_from_the_city_counts_for_both_served_powiats() -> None:
    entry = centre("b", KRAKOW, area_powiats=frozenset({KRAKOW, "1206"}))
    report = compute_coverage([entry], TODAY)
    assert powiat_of(report, KRAKOW).local_centre
    assert powiat_of(report, "1206").local_centre
    assert report.summary.with_local_centre == 2
    assert report.summary.without_local_centre == 378


def test_nearest_centre_distance_is_from_the_powiat_centroid() -> None:
    entry = centre("k", KRAKOW, points=(KRAKOW_POINT,))
    report = compute_coverage([entry], TODAY)
    pruszkow = load_gazetteer().powiat(PRUSZKOW)
    expected = distance_km(pruszkow.lat, pruszkow.lon, *KRAKOW_POINT)
    assert powiat_of(report, PRUSZKOW).nearest_centre_km == pytest.approx(expected, abs=0.05)
    assert 200 < expected < 300
    # An unverified centre is not help a resident is shown: it does not count as nearest.
    unverified = centre("k", KRAKOW, points=(KRAKOW_POINT,), status="unverified")
    assert powiat_of(compute_coverage([unverified], TODAY), PRUSZKOW).nearest_centre_km is None


@pytest.mark.parametrize(
    ("verified_on", "status", "stale", "unverified"),
    [
        (TODAY, "active", 0, 0),
        (TODAY - timedelta(days=90), "active", 0, 0),
        (TODAY - timedelta(days=91), "active", 1, 0),
        (None, "active", 1, 0),
        (None, "unverified", 0, 1),
        (None, "defunct", 0, 0),
    ],
)
def test_freshness_counts(
    verified_on: date | None, status: str, stale: int, unverified: int
) -> None:
    entry = centre("a", PRUSZKOW, verified_on=verified_on, status=status)
    report = compute_coverage([entry], TODAY, stale_after_days=90)
    pruszkow = powiat_of(report, PRUSZKOW)
    assert (pruszkow.stale_entries, pruszkow.unverified_entries) == (stale, unverified)
    mazowieckie = next(v for v in report.voivodeships if v.code == "14")
    assert (mazowieckie.stale_entries, mazowieckie.unverified_entries) == (stale, unverified)
    assert (report.summary.stale_entries, report.summary.unverified_entries) == (
        stale,
        unverified,
    )


def test_voivodeship_sums_its_powiats() -> None:
    entries = [
        centre("a", PRUSZKOW, always_open=True, points=((52.17, 20.81),)),
        centre("b", WARSZAWA, points=((52.23, 21.01),)),
        centre("c", KRAKOW, always_open=True, points=(KRAKOW_POINT,)),
    ]
    report = compute_coverage(entries, TODAY)
    mazowieckie = next(v for v in report.voivodeships if v.code == "14")
    assert mazowieckie.powiats == 42
    assert (mazowieckie.with_local_centre, mazowieckie.with_local_24_7) == (2, 1)
    farthest = max(p.nearest_centre_km for p in report.powiats if p.voivodeship_code == "14")
    assert mazowieckie.farthest_nearest_centre_km == farthest
    assert len(report.voivodeships) == 16
    assert sum(v.powiats for v in report.voivodeships) == 380
    assert report.summary.active_centres == 3
    assert report.summary.active_centres_24_7 == 2


def test_summary_in_words() -> None:
    report = compute_coverage([centre("a", PRUSZKOW, always_open=True)], TODAY)
    lines = summary_lines(report.summary, "en")
    assert lines[0] == "Powiats without a local crisis centre: 379 of 380 (100%)"
    assert "1 of 1 (100%)" in lines[2]


def seed_expectations() -> tuple[int, int, int]:
    """From the seed file itself: powiats with an active centre, active centres, unverified."""
    services = json.loads(SEED.read_text(encoding="utf-8"))["services"]
    centres = [s for s in services if s["kind"] == "crisis_centre" and s["status"] == "active"]
    covered = {a["code"] for s in centres for a in s["areas"] if a["kind"] == "powiat"}
    unverified = sum(1 for s in services if s["status"] == "unverified")
    return len(covered), len(centres), unverified


def test_coverage_of_the_bundled_directory_on_the_database(seeded_database_url: str) -> None:
    engine = open_database(seeded_database_url)
    try:
        with Session(engine) as session:
            report = coverage_report(session, TODAY)
            stored = session.query(Service).count()
    finally:
        engine.dispose()
    covered, centres, unverified = seed_expectations()
    summary = report.summary
    assert summary.powiats == 380
    assert summary.with_local_centre == covered
    assert summary.active_centres == centres
    assert summary.unverified_entries == unverified
    # Nothing in the bundled directory has been verified by an administrator yet.
    assert summary.stale_entries == stored - unverified - sum(
        1
        for s in json.loads(SEED.read_text(encoding="utf-8"))["services"]
        if s["status"] not in {"active", "unverified"}
    )
    assert len(report.powiats) == 380
    assert all(p.nearest_centre_km is not None for p in report.powiats)
    assert max(p.nearest_centre_km or 0 for p in report.powiats) < 250
    assert any(p.level is CoverageLevel.CENTRE_24_7 for p in report.powiats)
    assert any(p.level is CoverageLevel.UNVERIFIED_ONLY for p in report.powiats)
