"""PNG pictures for administrators: usage over time by crisis type, and the coverage map.

Drawn with matplotlib's Agg canvas directly (no pyplot, so no global state and safe from worker
threads). Images have a fixed pixel size: nothing is cropped to content.
"""

from __future__ import annotations

import io
import math
from typing import Final

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

from directory.coverage import LEVEL_LABELS, CoverageLevel, CoverageReport, summary_lines
from directory.crisis import CrisisType
from directory.gazetteer import load_gazetteer
from directory.i18n import N_, translator
from directory.usage_report import (
    DIMENSION_LABELS,
    TIME_DIMENSIONS,
    Measure,
    UsageReport,
    column_label,
    row_label,
    suppression_note,
)

DPI: Final = 100
USAGE_CHART_SIZE: Final = (1200, 700)
COVERAGE_MAP_SIZE: Final = (1000, 1150)
MAX_TICK_LABELS: Final = 31
MOVETO: Final = int(Path.MOVETO)
LINETO: Final = int(Path.LINETO)
CLOSEPOLY: Final = int(Path.CLOSEPOLY)
# Okabe–Ito colours: distinguishable with the common kinds of colour blindness.
CRISIS_COLOURS: Final[dict[CrisisType, str]] = {
    CrisisType.SUICIDAL: "#D55E00",
    CrisisType.VIOLENCE: "#CC79A7",
    CrisisType.CHILD: "#E69F00",
    CrisisType.MENTAL: "#0072B2",
    CrisisType.BEREAVEMENT: "#56B4E9",
    CrisisType.DISASTER: "#F0E442",
    CrisisType.ADDICTION: "#009E73",
    CrisisType.OTHER: "#999999",
}
LEVEL_COLOURS: Final[dict[CoverageLevel, str]] = {
    CoverageLevel.CENTRE_24_7: "#1a9850",
    CoverageLevel.CENTRE: "#91cf60",
    CoverageLevel.OTHER_LOCAL: "#d9ef8b",
    CoverageLevel.UNVERIFIED_ONLY: "#fdae61",
    CoverageLevel.NONE: "#d73027",
}
USAGE_TITLE: Final = N_("Conversations over time by crisis type")
USAGE_SUBTITLE: Final = N_("%(start)s – %(end)s; the number above a bar is the total")
USAGE_EMPTY: Final = N_("Hidden counts are not drawn.")
MAP_TITLE: Final = N_("Crisis help by powiat")
MAP_AS_OF: Final = N_("As of %(date)s")


def _figure(size: tuple[int, int]) -> Figure:
    width, height = size
    return Figure(figsize=(width / DPI, height / DPI), dpi=DPI)


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def usage_chart_png(report: UsageReport, lang: str) -> bytes:
    """Stacked bars of conversations per day or week by crisis type; hidden cells not drawn."""
    if report.dimension not in TIME_DIMENSIONS:
        raise ValueError("the usage chart shows time: build the report by day or by week")
    _ = translator(lang).gettext
    figure = _figure(USAGE_CHART_SIZE)
    axes = figure.add_axes((0.07, 0.2, 0.7, 0.68))
    positions = list(range(len(report.rows)))
    bottoms = [0.0] * len(report.rows)
    for crisis in CrisisType:
        heights = []
        for row in report.rows:
            count = row.cells[crisis.value].count
            heights.append(float(count) if count is not None else 0.0)
        axes.bar(
            positions,
            heights,
            bottom=bottoms,
            color=CRISIS_COLOURS[crisis],
            edgecolor="white",
            linewidth=0.5,
            label=column_label(crisis.value, lang),
        )
        bottoms = [bottom + height for bottom, height in zip(bottoms, heights, strict=True)]
    tallest = max(bottoms, default=0.0)
    top = max(tallest * 1.15, 5.0)
    axes.set_ylim(0, top)
    for position, bottom, row in zip(positions, bottoms, report.rows, strict=True):
        cell = row.cells[Measure.CONVERSATIONS.value]
        # Hidden totals are printed as their marker ("<5", "*"), never as a drawn value.
        axes.annotate(
            cell.display,
            (position, bottom),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7 if len(report.rows) > MAX_TICK_LABELS else 8,
            fontstyle="normal" if cell.count is not None else "italic",
        )
    step = max(1, math.ceil(len(report.rows) / MAX_TICK_LABELS))
    axes.set_xticks(positions[::step])
    axes.set_xticklabels(
        [row_label(report.dimension, row.key, lang) for row in report.rows][::step],
        rotation=60,
        ha="right",
        fontsize=8,
    )
    axes.set_xlim(-0.6, max(len(report.rows) - 0.4, 0.6))
    axes.set_xlabel(_(DIMENSION_LABELS[report.dimension]))
    axes.set_ylabel(column_label(Measure.CONVERSATIONS.value, lang))
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.suptitle(_(USAGE_TITLE), x=0.07, ha="left", fontsize=15, fontweight="bold")
    axes.set_title(
        _(USAGE_SUBTITLE) % {"start": report.start.isoformat(), "end": report.end.isoformat()},
        loc="left",
        fontsize=10,
    )
    axes.legend(
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        frameon=False,
        fontsize=9,
        title=_("Crisis type"),
    )
    figure.text(
        0.07,
        0.03,
        suppression_note(report.k, lang) + " " + _(USAGE_EMPTY),
        fontsize=8,
        color="#444444",
        wrap=True,
    )
    return _png(figure)


def _powiat_path(code: str) -> Path | None:
    """One compound path per powiat; holes wound the other way so they stay empty."""
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for rings in load_gazetteer().powiat_polygons(code):
        if not rings or len(rings[0]) < 3:
            continue
        shape = orient(Polygon(rings[0], [r for r in rings[1:] if len(r) >= 3]), sign=1.0)
        for ring in [shape.exterior, *shape.interiors]:
            points = list(ring.coords)
            vertices.extend(points)
            codes.extend([MOVETO] + [LINETO] * (len(points) - 2) + [CLOSEPOLY])
    if not vertices:
        return None
    return Path(vertices, codes)


def coverage_map_png(report: CoverageReport, lang: str) -> bytes:
    """The 380 powiats shaded by coverage level, with a legend and the national figures."""
    _ = translator(lang).gettext
    gazetteer = load_gazetteer()
    figure = _figure(COVERAGE_MAP_SIZE)
    axes = figure.add_axes((0.03, 0.25, 0.94, 0.68))
    patches: list[PathPatch] = []
    colours: list[str] = []
    # Cities with powiat rights (codes x61 and up) are drawn last, over the land powiat around.
    for powiat in sorted(report.powiats, key=lambda p: (p.code[2:] >= "61", p.code)):
        path = _powiat_path(powiat.code)
        if path is None:
            continue
        patches.append(PathPatch(path))
        colours.append(LEVEL_COLOURS[powiat.level])
    collection = PatchCollection(patches, facecolors=colours, edgecolors="#555555", linewidths=0.3)
    axes.add_collection(collection)
    axes.autoscale_view()
    # Equirectangular with the scale of Poland's middle latitude: shapes look right.
    axes.set_aspect(1.0 / math.cos(math.radians(52.0)))
    axes.set_axis_off()
    figure.suptitle(_(MAP_TITLE), x=0.03, ha="left", fontsize=18, fontweight="bold")
    figure.text(
        0.03,
        0.935,
        _(MAP_AS_OF) % {"date": report.summary.as_of.isoformat()},
        fontsize=10,
        color="#444444",
    )
    counts = dict.fromkeys(CoverageLevel, 0)
    for powiat in report.powiats:
        counts[powiat.level] += 1
    handles = [
        Rectangle((0, 0), 1, 1, facecolor=LEVEL_COLOURS[level], edgecolor="#555555")
        for level in CoverageLevel
    ]
    labels = [f"{_(LEVEL_LABELS[level])} ({counts[level]})" for level in CoverageLevel]
    figure.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(0.03, 0.245),
        frameon=False,
        fontsize=11,
    )
    figure.text(
        0.03,
        0.02,
        "\n".join(summary_lines(report.summary, lang)) + "\n" + gazetteer.attribution,
        fontsize=9,
        color="#333333",
        va="bottom",
    )
    return _png(figure)
