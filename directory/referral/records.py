"""What ranking knows about a service (`ServiceRecord`), from the bundled seed or a stored row.

Pure: a stored row is only read (its type is imported for checking alone), so the rules and the
dialogue run without SQLAlchemy.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from directory.fields import record_values
from directory.visibility import Provenance
from directory.vocabulary import ServiceStatus

if TYPE_CHECKING:
    from directory.models import Service

# How sources say that a centre only takes people who live in its own area.
_RESIDENTS_ONLY: Final = re.compile(
    r"\b(?:tylko\s+)?dla\s+mieszkańców\b|\bresidents\s+only\b|\bonly\s+(?:for\s+)?residents\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PhoneRecord:
    """A stored phone as ranking needs it."""

    number_as_published: str
    e164: str | None
    dial: str | None
    is_24_7: bool | None = None
    # The number's own opening hours where they differ from the service's (None: the same).
    hours: str | None = None


@dataclass(frozen=True)
class ServiceRecord:
    """What ranking needs to know about one service (loaded from the DB or the seed)."""

    id: str
    name_pl: str
    name_en: str | None
    scope: str
    hours: str | None
    hours_as_published: str | None
    crisis_types: frozenset[str]
    phones: tuple[PhoneRecord, ...]
    confidence: str
    audience: frozenset[str] = frozenset()
    area_powiats: frozenset[str] = frozenset()
    area_voivodeships: frozenset[str] = frozenset()
    nationwide: bool = False
    point: tuple[float, float] | None = None
    url: str | None = None
    notice: str | None = None
    source_urls: tuple[str, ...] = ()
    source_date: str | None = None
    verified_on: date | None = None
    residents_only: bool = False
    kind: str = ""
    status: str = ServiceStatus.ACTIVE.value
    source_stale: bool = False
    possibly_closed: bool = False
    hidden_reason: str | None = None

    @property
    def provenance(self) -> Provenance:
        """What the visibility rule needs to know about this service."""
        return Provenance(
            status=self.status,
            confidence=self.confidence,
            has_phone=any(p.dial for p in self.phones),
            verified_on=self.verified_on,
            source_date=self.source_date,
            source_stale=self.source_stale,
            possibly_closed=self.possibly_closed,
            hidden_reason=self.hidden_reason,
        )

    address: str | None = None
    # The point is a powiat's centroid, not the address: distances to it are approximate.
    approximate_point: bool = False
    # The situations the line is only or mainly for (Need values, or crisis types), from its
    # published topics; empty: any situation of its crisis types.
    topics: frozenset[str] = frozenset()
    # The languages its sources say it answers in (ISO codes); empty: not stated.
    languages: frozenset[str] = frozenset()

    def serves(self, powiat: str) -> bool:
        """Whether the service covers the powiat (directly, by voivodeship or nationwide)."""
        return (
            self.nationwide or powiat in self.area_powiats or powiat[:2] in self.area_voivodeships
        )


def says_residents_only(*texts: str | None) -> bool:
    """Whether a source's wording limits a centre to residents of its own area."""
    return any(text and _RESIDENTS_ONLY.search(text) for text in texts)


def street_address(address: str | None, town: str | None) -> str | None:
    """ "ul. Radziwiłłowska 8b, Kraków": the street address with its town unless it names it."""
    parts = [part.strip() for part in (address, town) if part and part.strip()]
    if len(parts) == 2 and parts[1].casefold() in parts[0].casefold():
        parts = parts[:1]
    return ", ".join(parts) or None


def is_approximate_point(point_source: str | None) -> bool:
    """Whether a stored point stands for a whole area (a powiat centroid) rather than the door."""
    return bool(point_source) and "centroid" in str(point_source).lower()


def record_from_entry(entry: dict[str, Any]) -> ServiceRecord:
    """A ServiceRecord from a seed JSON entry (same shape as the stored service)."""
    areas: list[dict[str, str]] = entry["areas"]
    located = next(
        (
            loc
            for loc in entry["locations"]
            if loc.get("latitude") is not None and loc.get("longitude") is not None
        ),
        None,
    )
    point = (float(located["latitude"]), float(located["longitude"])) if located else None
    first = located or next(iter(entry["locations"]), None)
    return ServiceRecord(
        id=entry["id"],
        **record_values(entry.get),
        phones=tuple(
            PhoneRecord(
                p["number_as_published"], p["e164"], p["dial"], p["is_24_7"], p.get("hours")
            )
            for p in entry["phones"]
        ),
        area_powiats=frozenset(a["code"] for a in areas if a["kind"] == "powiat"),
        area_voivodeships=frozenset(a["code"] for a in areas if a["kind"] == "voivodeship"),
        nationwide=any(a["kind"] == "country" for a in areas),
        point=point,
        residents_only=says_residents_only(
            entry["name_pl"], entry.get("description"), entry.get("caveats")
        ),
        address=street_address(first.get("address"), first.get("town")) if first else None,
        approximate_point=is_approximate_point(located.get("point_source") if located else None),
    )


def record_from_service(row: Service) -> ServiceRecord:
    """A ServiceRecord from a stored service with its phones, areas and locations loaded."""
    located = next(
        (loc for loc in row.locations if loc.latitude is not None and loc.longitude is not None),
        None,
    )
    point = (
        (located.latitude, located.longitude)
        if located and located.latitude is not None and located.longitude is not None
        else None
    )
    first = located or next(iter(row.locations), None)
    return ServiceRecord(
        id=row.id,
        **record_values(functools.partial(getattr, row)),
        phones=tuple(
            PhoneRecord(p.number_as_published, p.e164, p.dial, p.is_24_7, p.hours)
            for p in row.phones
        ),
        area_powiats=frozenset(a.code for a in row.areas if a.kind == "powiat"),
        area_voivodeships=frozenset(a.code for a in row.areas if a.kind == "voivodeship"),
        nationwide=any(a.kind == "country" for a in row.areas),
        point=point,
        residents_only=says_residents_only(row.name_pl, row.description, row.caveats),
        address=street_address(first.address, first.town) if first else None,
        approximate_point=is_approximate_point(located.point_source if located else None),
    )
