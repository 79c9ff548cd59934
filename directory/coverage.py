"""Coverage and freshness of the directory, per powiat and per voivodeship.

Definitions (what residents actually get: only entries the one visibility rule shows count as
coverage, see directory.visibility; "active" below means shown by that rule):

* *local centre*: an active crisis centre (OIK) whose service area names the powiat;
* *24/7 local option*: an active local service of any kind (centre, shelter, local line) whose
  service area names the powiat and which is open 24/7;
* *nearest centre*: great-circle distance from the powiat's centroid to the closest active
  crisis centre with a known point (its own included);
* *not verified for N days* (default 90): active entries whose `verified_on` is missing or older;
* *unverified*: entries with status `unverified`, which residents do not see until an
  administrator verifies them;
* *local option*: any active local service whose service area names the powiat;
* *if the queue were verified as it stands*: the same figures with every entry of the
  verification queue (directory.verification) that verifying would show counted as active: the
  rule hides it only until an administrator checks it, and it has a phone.

An entry concerns a powiat when its service area names the powiat or one of its locations lies
in it; it concerns a voivodeship when it concerns one of its powiats or serves the voivodeship.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from sqlalchemy.orm import Session

from directory.gazetteer import distance_km, load_gazetteer
from directory.hours import InvalidHours
from directory.hours import parse as parse_hours
from directory.i18n import N_, translator
from directory.models import Service, ServiceStatus, services_with_details
from directory.referral import record_from_service
from directory.visibility import (
    AWAITING_REASONS,
    STALE_AFTER_DAYS,
    Provenance,
    hidden_because,
    is_shown,
    would_be_shown_if_verified,
)

CRISIS_CENTRE_KIND: Final = "crisis_centre"
DEFAULT_STALE_AFTER_DAYS: Final = STALE_AFTER_DAYS


class CoverageLevel(StrEnum):
    """How well a powiat is covered locally, best first (the colours of the map)."""

    CENTRE_24_7 = "centre_24_7"  # a local centre and a local option open 24/7
    CENTRE = "centre"  # a local centre, none of the local options open 24/7
    OTHER_LOCAL = "other_local"  # no centre, but another active local option (e.g. a shelter)
    UNVERIFIED_ONLY = "unverified_only"  # nothing active locally; an unverified entry waits
    NONE = "none"  # only regional and national lines


@dataclass(frozen=True)
class EntryFacts:
    """What coverage needs to know about one directory entry."""

    id: str
    kind: str
    scope: str
    status: str
    always_open: bool
    area_powiats: frozenset[str] = frozenset()
    area_voivodeships: frozenset[str] = frozenset()
    location_powiats: frozenset[str] = frozenset()
    points: tuple[tuple[float, float], ...] = ()
    verified_on: date | None = None
    # Decided by directory.visibility when the facts come from storage; None: by status alone.
    shown: bool | None = None
    # Hidden only until an administrator verifies it, and verifying would show it.
    shown_if_verified: bool = False
    # What the visibility rule read, when the facts come from storage (the verification queue
    # decides on it too, without reading the row again).
    provenance: Provenance | None = None

    @property
    def active(self) -> bool:
        """Whether residents are shown this entry."""
        if self.shown is not None:
            return self.shown
        return self.status == ServiceStatus.ACTIVE.value

    def concerns_powiat(self, code: str) -> bool:
        """Whether the entry serves the powiat or is located there."""
        return code in self.area_powiats or code in self.location_powiats

    def concerns_voivodeship(self, code: str) -> bool:
        """Whether the entry concerns any powiat of the voivodeship or serves it as a whole."""
        return (
            code in self.area_voivodeships
            or any(p[:2] == code for p in self.area_powiats)
            or any(p[:2] == code for p in self.location_powiats)
        )

    def is_stale(self, today: date, stale_after_days: int) -> bool:
        """Active, and not verified within the last `stale_after_days` days."""
        if not self.active:
            return False
        return self.verified_on is None or self.verified_on < today - timedelta(
            days=stale_after_days
        )


@dataclass(frozen=True)
class PowiatCoverage:
    """Coverage of one powiat."""

    code: str
    name: str
    voivodeship_code: str
    local_centre: bool
    local_24_7: bool
    other_local: bool
    unverified_local: bool
    nearest_centre_km: float | None
    stale_entries: int
    unverified_entries: int

    @property
    def level(self) -> CoverageLevel:
        """The map category of this powiat."""
        if self.local_centre:
            return CoverageLevel.CENTRE_24_7 if self.local_24_7 else CoverageLevel.CENTRE
        if self.other_local:
            return CoverageLevel.OTHER_LOCAL
        if self.unverified_local:
            return CoverageLevel.UNVERIFIED_ONLY
        return CoverageLevel.NONE


@dataclass(frozen=True)
class VoivodeshipCoverage:
    """Coverage of one voivodeship, summed over its powiats."""

    code: str
    name: str
    powiats: int
    with_local_centre: int
    with_local_24_7: int
    farthest_nearest_centre_km: float | None
    stale_entries: int
    unverified_entries: int


@dataclass(frozen=True)
class CoverageSummary:
    """Coverage of the whole country."""

    as_of: date
    stale_after_days: int
    powiats: int
    with_local_centre: int
    with_local_24_7: int
    active_centres: int
    active_centres_24_7: int
    stale_entries: int
    unverified_entries: int
    with_local_option: int = 0

    @property
    def without_local_centre(self) -> int:
        """Powiats with no active local crisis centre."""
        return self.powiats - self.with_local_centre


@dataclass(frozen=True)
class VoivodeshipProjection:
    """One voivodeship now and if the verification queue were verified as it stands."""

    code: str
    name: str
    powiats: int
    local_option_now: int
    local_option_after: int
    local_24_7_now: int
    local_24_7_after: int


@dataclass(frozen=True)
class QueueProjection:
    """What verifying the whole queue as it stands would give residents."""

    powiats: int
    local_option_now: int
    local_option_after: int
    local_24_7_now: int
    local_24_7_after: int
    # Powiats that would gain their first local option (a first one open 24/7).
    gain_local: tuple[str, ...]
    gain_24_7: tuple[str, ...]
    entries_shown_after: int
    voivodeships: tuple[VoivodeshipProjection, ...]


@dataclass(frozen=True)
class CoverageReport:
    """The whole coverage and freshness report."""

    summary: CoverageSummary
    voivodeships: tuple[VoivodeshipCoverage, ...]
    powiats: tuple[PowiatCoverage, ...]
    if_queue_verified: QueueProjection | None = None


def _is_local_option(entry: EntryFacts, code: str) -> bool:
    return entry.active and entry.scope == "local" and code in entry.area_powiats


def compute_coverage(
    entries: Sequence[EntryFacts],
    today: date,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    *,
    project: bool = True,
) -> CoverageReport:
    """The coverage report for `entries` on `today` (pure); with `project`, also what verifying
    the queue as it stands would give."""
    gazetteer = load_gazetteer()
    centre_points = [
        point
        for entry in entries
        if entry.active and entry.kind == CRISIS_CENTRE_KIND
        for point in entry.points
    ]
    powiats: list[PowiatCoverage] = []
    for powiat in sorted(gazetteer.powiats, key=lambda p: p.code):
        code = powiat.code
        local = [e for e in entries if _is_local_option(e, code)]
        concerning = [e for e in entries if e.concerns_powiat(code)]
        distances = [distance_km(powiat.lat, powiat.lon, lat, lon) for lat, lon in centre_points]
        powiats.append(
            PowiatCoverage(
                code=code,
                name=powiat.label(),
                voivodeship_code=powiat.voivodeship_code,
                local_centre=any(e.kind == CRISIS_CENTRE_KIND for e in local),
                local_24_7=any(e.always_open for e in local),
                other_local=bool(local),
                unverified_local=any(
                    e.status == ServiceStatus.UNVERIFIED.value and code in e.area_powiats
                    for e in entries
                ),
                nearest_centre_km=round(min(distances), 1) if distances else None,
                stale_entries=sum(1 for e in concerning if e.is_stale(today, stale_after_days)),
                unverified_entries=sum(
                    1 for e in concerning if e.status == ServiceStatus.UNVERIFIED.value
                ),
            )
        )
    voivodeships: list[VoivodeshipCoverage] = []
    for code, name in sorted(gazetteer.voivodeships.items()):
        members = [p for p in powiats if p.voivodeship_code == code]
        concerning = [e for e in entries if e.concerns_voivodeship(code)]
        nearest = [p.nearest_centre_km for p in members if p.nearest_centre_km is not None]
        voivodeships.append(
            VoivodeshipCoverage(
                code=code,
                name=name,
                powiats=len(members),
                with_local_centre=sum(1 for p in members if p.local_centre),
                with_local_24_7=sum(1 for p in members if p.local_24_7),
                farthest_nearest_centre_km=max(nearest) if nearest else None,
                stale_entries=sum(1 for e in concerning if e.is_stale(today, stale_after_days)),
                unverified_entries=sum(
                    1 for e in concerning if e.status == ServiceStatus.UNVERIFIED.value
                ),
            )
        )
    centres = [e for e in entries if e.active and e.kind == CRISIS_CENTRE_KIND]
    summary = CoverageSummary(
        as_of=today,
        stale_after_days=stale_after_days,
        powiats=len(powiats),
        with_local_centre=sum(1 for p in powiats if p.local_centre),
        with_local_24_7=sum(1 for p in powiats if p.local_24_7),
        active_centres=len(centres),
        active_centres_24_7=sum(1 for e in centres if e.always_open),
        stale_entries=sum(1 for e in entries if e.is_stale(today, stale_after_days)),
        unverified_entries=sum(1 for e in entries if e.status == ServiceStatus.UNVERIFIED.value),
        with_local_option=sum(1 for p in powiats if p.other_local),
    )
    report = CoverageReport(
        summary=summary, voivodeships=tuple(voivodeships), powiats=tuple(powiats)
    )
    if not project:
        return report
    return replace(report, if_queue_verified=project_queue(report, entries))


def local_powiats(entries: Iterable[EntryFacts]) -> tuple[frozenset[str], frozenset[str]]:
    """The powiats with a local option, and those with a local option open 24/7 (as
    `compute_coverage` counts them: active local entries whose service area names the powiat)."""
    local: set[str] = set()
    round_the_clock: set[str] = set()
    for entry in entries:
        if entry.active and entry.scope == "local":
            local |= entry.area_powiats
            if entry.always_open:
                round_the_clock |= entry.area_powiats
    return frozenset(local), frozenset(round_the_clock)


def project_queue(now: CoverageReport, entries: Sequence[EntryFacts]) -> QueueProjection:
    """`now` beside the directory in which every entry waiting only for verification is shown."""
    verified = [
        replace(e, shown=True) if e.shown_if_verified and not e.active else e for e in entries
    ]
    known = {p.code for p in now.powiats}
    local_now, round_now = (codes & known for codes in local_powiats(entries))
    local_after, round_after = (codes & known for codes in local_powiats(verified))
    voivodeships = []
    for voivodeship in now.voivodeships:

        def count(codes: frozenset[str], code: str = voivodeship.code) -> int:
            return sum(1 for p in codes if p[:2] == code)

        voivodeships.append(
            VoivodeshipProjection(
                code=voivodeship.code,
                name=voivodeship.name,
                powiats=voivodeship.powiats,
                local_option_now=count(local_now),
                local_option_after=count(local_after),
                local_24_7_now=count(round_now),
                local_24_7_after=count(round_after),
            )
        )
    return QueueProjection(
        powiats=now.summary.powiats,
        local_option_now=len(local_now),
        local_option_after=len(local_after),
        local_24_7_now=len(round_now),
        local_24_7_after=len(round_after),
        gain_local=tuple(sorted(local_after - local_now)),
        gain_24_7=tuple(sorted(round_after - round_now)),
        entries_shown_after=sum(1 for e in verified if e.active)
        - sum(1 for e in entries if e.active),
        voivodeships=tuple(voivodeships),
    )


def _always_open(hours: str | None) -> bool:
    if not hours:
        return False
    try:
        return parse_hours(hours).always_open
    except InvalidHours:
        return False


def entry_facts(services: Iterable[Service], today: date | None = None) -> list[EntryFacts]:
    """The coverage facts of stored services (areas, locations and phones loaded)."""
    facts = []
    day = today or date.today()
    for service in services:
        record = record_from_service(service)
        why_hidden = hidden_because(record.provenance, day)
        facts.append(
            EntryFacts(
                id=service.id,
                kind=service.kind,
                scope=service.scope,
                status=service.status,
                always_open=_always_open(service.hours),
                area_powiats=frozenset(a.code for a in service.areas if a.kind == "powiat"),
                area_voivodeships=frozenset(
                    a.code for a in service.areas if a.kind == "voivodeship"
                ),
                location_powiats=frozenset(
                    loc.powiat for loc in service.locations if loc.powiat is not None
                ),
                points=tuple(
                    (loc.latitude, loc.longitude)
                    for loc in service.locations
                    if loc.latitude is not None and loc.longitude is not None
                ),
                verified_on=service.verified_on,
                shown=is_shown(record.provenance, day),
                shown_if_verified=(
                    why_hidden in AWAITING_REASONS and would_be_shown_if_verified(record.provenance)
                ),
                provenance=record.provenance,
            )
        )
    return facts


def coverage_report(
    session: Session, today: date, stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
) -> CoverageReport:
    """The coverage report of the stored directory on `today`."""
    services = session.scalars(services_with_details())
    return compute_coverage(entry_facts(services, today), today, stale_after_days)


# --- labels (shared by the CLI, the map and the bot) -----------------------------------------

LEVEL_LABELS: Final[dict[CoverageLevel, str]] = {
    CoverageLevel.CENTRE_24_7: N_("Local crisis centre and a local option open 24/7"),
    CoverageLevel.CENTRE: N_("Local crisis centre, no local option open 24/7"),
    CoverageLevel.OTHER_LOCAL: N_("No centre, another local option"),
    CoverageLevel.UNVERIFIED_ONLY: N_("Only unverified local entries"),
    CoverageLevel.NONE: N_("Nothing local: regional and national lines only"),
}


def summary_lines(summary: CoverageSummary, lang: str) -> list[str]:
    """The national figures in words (plain text, one fact a line)."""
    _ = translator(lang).gettext
    percent = round(100 * summary.without_local_centre / summary.powiats) if summary.powiats else 0
    share_24_7 = (
        round(100 * summary.active_centres_24_7 / summary.active_centres)
        if summary.active_centres
        else 0
    )
    return [
        _("Powiats without a local crisis centre: %(count)d of %(total)d (%(percent)d%%)")
        % {"count": summary.without_local_centre, "total": summary.powiats, "percent": percent},
        _("Powiats with a local option open 24/7: %(count)d of %(total)d")
        % {"count": summary.with_local_24_7, "total": summary.powiats},
        _("Active crisis centres open 24/7: %(count)d of %(total)d (%(percent)d%%)")
        % {
            "count": summary.active_centres_24_7,
            "total": summary.active_centres,
            "percent": share_24_7,
        },
        _("Active entries not verified for %(days)d days: %(count)d")
        % {"days": summary.stale_after_days, "count": summary.stale_entries},
        _("Unverified entries (not shown to residents): %(count)d")
        % {"count": summary.unverified_entries},
        _("Powiats with any local option: %(count)d of %(total)d")
        % {"count": summary.with_local_option, "total": summary.powiats},
    ]


def projection_lines(projection: QueueProjection, lang: str) -> list[str]:
    """What verifying the queue as it stands would give, in words (one fact a line)."""
    _ = translator(lang).gettext
    return [
        _("If the verification queue were verified as it stands:"),
        _("Powiats with any local option: %(now)d → %(after)d (+%(gain)d)")
        % {
            "now": projection.local_option_now,
            "after": projection.local_option_after,
            "gain": len(projection.gain_local),
        },
        _("Powiats with a local option open 24/7: %(now)d → %(after)d (+%(gain)d)")
        % {
            "now": projection.local_24_7_now,
            "after": projection.local_24_7_after,
            "gain": len(projection.gain_24_7),
        },
    ]
