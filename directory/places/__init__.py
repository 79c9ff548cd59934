"""Resolve what a resident types ("jestem w Pruszkowie", "near Lodz") or a shared point to a powiat.

Safety rule: a confidently wrong powiat sends a person in crisis to the wrong place, so whenever
several powiats remain equally plausible the answer is `ambiguous` (the chat asks), never a guess.

`resolve_place` is meant for whole chat messages as well as bare names: filler and crisis words
around the place are ignored. `resolve_point` maps a (lat, lon) to the powiat containing it.

The parts: `lexicon` (the words around places), `index` (every name and case form, stored
compactly), `spans` (where a text names places, typos too), `evidence` (whether an ordinary word
is meant as a place), `resolve` (the stages from text to answer), `points` (lat, lon → powiat)
and `answer` (what they return).
"""

from directory.places.answer import MAX_CANDIDATES, NO_PLACE, Candidate, Resolution, Status
from directory.places.index import (
    DATA_DIR,
    PLACE_EXTRAS_PATH,
    PLACE_INDEX_VERSION,
    PLACE_NAMES_PATH,
    TIER_LOCAL,
    TIER_MAJOR,
    build_place_index,
    place_index,
)
from directory.places.points import NEAR_POLAND_KM, resolve_point
from directory.places.resolve import find_place_in_message, resolve_place
from directory.places.spans import MAX_SPAN_TOKENS

__all__ = [
    "DATA_DIR",
    "MAX_CANDIDATES",
    "MAX_SPAN_TOKENS",
    "NEAR_POLAND_KM",
    "NO_PLACE",
    "PLACE_EXTRAS_PATH",
    "PLACE_INDEX_VERSION",
    "PLACE_NAMES_PATH",
    "TIER_LOCAL",
    "TIER_MAJOR",
    "Candidate",
    "Resolution",
    "Status",
    "build_place_index",
    "find_place_in_message",
    "place_index",
    "resolve_place",
    "resolve_point",
]
