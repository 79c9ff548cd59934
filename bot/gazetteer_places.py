"""The place half of the dialogue's Directory: the bundled gazetteer and place resolution.

No database: the running bot (bot.live_directory) and any directory held in memory share it.
"""

from __future__ import annotations

from bot.dialogue import PlaceCandidate, PlaceResolution
from directory import places
from directory.gazetteer import load_gazetteer
from directory.i18n import translator


class GazetteerPlaces:
    """Finds and names places for the dialogue from the bundled gazetteer."""

    def find_place(
        self, text: str, lang: str, *, not_places: frozenset[str] = frozenset()
    ) -> PlaceResolution:
        """The place named anywhere in a message (whole text, then its clauses)."""
        resolution: PlaceResolution = places.find_place_in_message(
            text, lang, not_places=not_places
        )
        return resolution

    def resolve_point(self, latitude: float, longitude: float) -> PlaceResolution:
        """The powiat containing a shared location."""
        resolution: PlaceResolution = places.resolve_point(latitude, longitude)
        return resolution

    def describe(self, candidate: PlaceCandidate, lang: str) -> str:
        """'Pruszków — powiat pruszkowski, mazowieckie'; the powiat label alone for a powiat."""
        label = self.powiat_label(candidate.powiat, lang) or candidate.voivodeship
        place_name = str(getattr(candidate, "place_name", "") or "")
        kind = str(getattr(candidate, "kind", ""))
        if kind in {"powiat", "point"} or not place_name or label.startswith(place_name + ","):
            return label
        extra = ""
        gmina_name = str(getattr(candidate, "gmina_name", "") or "")
        if kind == "village" and gmina_name and gmina_name != place_name:
            extra = " (" + translator(lang).gettext("gmina %(gmina)s") % {"gmina": gmina_name} + ")"
        return f"{place_name}{extra} — {label}"

    def powiat_label(self, code: str, lang: str) -> str | None:
        """'powiat pruszkowski, mazowieckie' for a TERYT code, or None."""
        gazetteer = load_gazetteer()
        if not gazetteer.has_powiat(code):
            return None
        return gazetteer.powiat(code).label()
