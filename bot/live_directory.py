"""The dialogue's Directory as the running bot has it: the bundled gazetteer and place
resolution, and the database for options, responders and the emergency lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.dialogue import PlaceCandidate, PlaceResolution
from bot.render import OptionLike
from directory import places
from directory.crisis import CrisisType
from directory.gazetteer import load_gazetteer
from directory.i18n import translator
from directory.places import find_place_in_message
from directory.referral import Handover
from directory.store import DirectoryStore, current_emergency_options


class LiveDirectory:
    """The dialogue's Directory over the bundled gazetteer, place resolution and the database."""

    def __init__(self, engine: Engine | None) -> None:
        """Use `engine` for options; places and emergency lines need no database."""
        self.engine = engine

    def find_place(
        self, text: str, lang: str, *, not_places: frozenset[str] = frozenset()
    ) -> PlaceResolution:
        """The place named anywhere in a message (whole text, then its clauses)."""
        resolution: PlaceResolution = find_place_in_message(text, lang, not_places=not_places)
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

    def options_for(
        self,
        powiat: str,
        crisis: CrisisType,
        at: datetime,
        lang: str,
        *,
        urgent: bool,
        needs: frozenset[str] = frozenset(),
    ) -> Sequence[OptionLike]:
        """Ranked options from the database."""
        if self.engine is None:
            raise RuntimeError("database unavailable")
        options: Sequence[OptionLike] = DirectoryStore(self.engine).options_for(
            powiat, crisis, at, lang, urgent=urgent, needs=needs
        )
        return options

    def emergency_options(self, lang: str) -> Sequence[OptionLike]:
        """112 and the national 24/7 lines as the database has them (bundled if it is down)."""
        options: Sequence[OptionLike] = current_emergency_options(self.engine, lang)
        return options

    def has_unconfirmed_local(self, powiat: str) -> bool:
        """Whether a researched local entry serves `powiat` but waits for verification."""
        if self.engine is None:
            return False
        return DirectoryStore(self.engine).has_unconfirmed_local(powiat)

    def handover_points(
        self, powiat: str, origin: tuple[float, float] | None, at: datetime, lang: str
    ) -> Handover:
        """The responders' view from the database; the powiat's seat when no point is given."""
        from directory.gazetteer import load_gazetteer

        if self.engine is None:
            raise RuntimeError("database unavailable")
        if origin is None:
            seat = load_gazetteer().powiat(powiat)
            origin = (seat.lat, seat.lon)
        return DirectoryStore(self.engine).handover_points(origin, at, lang, powiat=powiat)


def bundled_lines(lang: str) -> Sequence[OptionLike]:
    """112 and the national 24/7 lines from the bundled copy (for when the database is down)."""
    return LiveDirectory(None).emergency_options(lang)
