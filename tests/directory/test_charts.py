"""The PNG pictures: valid images of the expected pixel size, hidden counts never drawn, and the
coverage map coloured by coverage."""

from __future__ import annotations

import io
import struct
from datetime import date, timedelta

import matplotlib.image
import pytest

from directory.charts import (
    COVERAGE_MAP_SIZE,
    USAGE_CHART_SIZE,
    coverage_map_png,
    usage_chart_png,
)
from directory.coverage import EntryFacts, compute_coverage
from directory.usage_report import Dimension, build_report

START = date(2025, 5, 1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def decoded_size(data: bytes) -> tuple[int, int]:
    pixels = matplotlib.image.imread(io.BytesIO(data), format="png")
    height, width = pixels.shape[:2]
    return width, height


def month_of_conversations(small: int, other: int = 5) -> dict[tuple[str, str], int]:
    """A month with busy days; on 3 May `small` suicidal and `other` other-crisis ones."""
    counts: dict[tuple[str, str], int] = {}
    for offset in range(30):
        day = (START + timedelta(days=offset)).isoformat()
        by_crisis = {"violence": 10 + offset % 7, "mental": 8 + offset % 5, "child": 6}
        by_crisis |= {"suicidal": 5, "bereavement": 5, "disaster": 5, "addiction": 5, "other": 5}
        if offset == 2:
            by_crisis["suicidal"] = small
            by_crisis["other"] = other
        for crisis, number in by_crisis.items():
            counts[(day, crisis)] = number
        counts[(day, "conversations")] = sum(by_crisis.values())
    return counts


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("dimension", [Dimension.DAY, Dimension.WEEK])
def test_usage_chart_is_a_png_of_the_expected_size(lang: str, dimension: Dimension) -> None:
    report = build_report(month_of_conversations(3), dimension, START, START + timedelta(days=29))
    data = usage_chart_png(report, lang)
    assert png_size(data) == USAGE_CHART_SIZE
    assert decoded_size(data) == USAGE_CHART_SIZE


def test_hidden_counts_are_not_drawn() -> None:
    # On 3 May 1 + 4 or 4 + 1 conversations in two hidden cells: the same published table,
    # so the same picture.
    end = START + timedelta(days=29)
    one = build_report(month_of_conversations(1, other=4), Dimension.DAY, START, end)
    four = build_report(month_of_conversations(4, other=1), Dimension.DAY, START, end)
    assert one.cell("2025-05-03", "suicidal").display == "<5"
    assert one.cell("2025-05-03", "other").display == "<5"
    assert usage_chart_png(one, "en") == usage_chart_png(four, "en")
    # Shown counts are drawn: 5 + 5 instead of 4 + 1 changes the picture.
    five = build_report(month_of_conversations(5, other=5), Dimension.DAY, START, end)
    assert usage_chart_png(five, "en") != usage_chart_png(four, "en")


def test_an_empty_period_still_gives_a_chart() -> None:
    report = build_report({}, Dimension.DAY, START, START)
    assert png_size(usage_chart_png(report, "pl")) == USAGE_CHART_SIZE


def test_the_usage_chart_is_over_time_only() -> None:
    report = build_report({}, Dimension.POWIAT, START, START)
    with pytest.raises(ValueError, match="by day or by week"):
        usage_chart_png(report, "en")


def test_usage_chart_labels_follow_the_language() -> None:
    report = build_report(
        month_of_conversations(3), Dimension.DAY, START, START + timedelta(days=6)
    )
    assert usage_chart_png(report, "pl") != usage_chart_png(report, "en")


def test_coverage_map_is_a_png_of_the_expected_size_and_shows_coverage() -> None:
    nothing = compute_coverage([], START)
    data = coverage_map_png(nothing, "pl")
    assert png_size(data) == COVERAGE_MAP_SIZE
    assert decoded_size(data) == COVERAGE_MAP_SIZE
    krakow = EntryFacts(
        id="k",
        kind="crisis_centre",
        scope="local",
        status="active",
        always_open=True,
        area_powiats=frozenset({"1261"}),
        points=((50.06, 19.94),),
    )
    covered = coverage_map_png(compute_coverage([krakow], START), "pl")
    assert covered != data
    # Beyond the legend's swatch, dark green ("centre and 24/7") fills Kraków.
    assert dark_green_pixels(covered) > dark_green_pixels(data) + 100


def dark_green_pixels(data: bytes) -> int:
    pixels = matplotlib.image.imread(io.BytesIO(data), format="png")
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    target = (0x1A / 255, 0x98 / 255, 0x50 / 255)
    close = (abs(red - target[0]) < 0.02) & (abs(green - target[1]) < 0.02)
    return int((close & (abs(blue - target[2]) < 0.02)).sum())
