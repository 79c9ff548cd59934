"""What place resolution answers: a `Resolution` with its `Candidate` readings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

Status = Literal["match", "ambiguous", "none"]
MAX_CANDIDATES: Final = 8


@dataclass(frozen=True)
class Candidate:
    """One reading of the text: a powiat, with the place that led to it."""

    powiat: str
    powiat_name: str
    voivodeship: str
    matched: str
    score: float
    place_name: str = ""
    kind: str = "powiat"
    gmina_name: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with every field."""
        return {
            "powiat": self.powiat,
            "powiat_name": self.powiat_name,
            "voivodeship": self.voivodeship,
            "matched": self.matched,
            "score": round(self.score, 1),
            "place_name": self.place_name,
            "kind": self.kind,
            "gmina_name": self.gmina_name,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True)
class Resolution:
    """The answer: `match` (first candidate), `ambiguous` (ask which) or `none`."""

    status: Status
    candidates: tuple[Candidate, ...] = ()

    @property
    def best(self) -> Candidate | None:
        """The answer for `match`, else None."""
        return self.candidates[0] if self.status == "match" and self.candidates else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: status and candidates."""
        return {"status": self.status, "candidates": [c.to_json() for c in self.candidates]}


NO_PLACE: Final = Resolution("none")
