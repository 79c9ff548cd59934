"""The dialogue's Directory as the running bot has it: the bundled gazetteer and place
resolution (bot.gazetteer_places), and the database for options, responders and the emergency
lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.gazetteer_places import GazetteerPlaces
from bot.render import OptionLike
from directory.gazetteer import load_gazetteer
from directory.referral import Handover, OptionsRequest
from directory.store import DirectoryStore, current_emergency_options


class LiveDirectory(GazetteerPlaces):
    """The dialogue's Directory over the bundled gazetteer, place resolution and the database."""

    def __init__(self, engine: Engine | None) -> None:
        """Use `engine` for options; places and emergency lines need no database."""
        self.engine = engine

    def options_for(self, request: OptionsRequest) -> Sequence[OptionLike]:
        """Ranked options from the database."""
        if self.engine is None:
            raise RuntimeError("database unavailable")
        options: Sequence[OptionLike] = DirectoryStore(self.engine).options_for(request)
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

        if self.engine is None:
            raise RuntimeError("database unavailable")
        if origin is None:
            seat = load_gazetteer().powiat(powiat)
            origin = (seat.lat, seat.lon)
        return DirectoryStore(self.engine).handover_points(origin, at, lang, powiat=powiat)


def bundled_lines(lang: str) -> Sequence[OptionLike]:
    """112 and the national 24/7 lines from the bundled copy (for when the database is down)."""
    return LiveDirectory(None).emergency_options(lang)
