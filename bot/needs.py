"""What a resident's message says of their situation beyond the crisis type: that they are young,
that someone is missing, which addiction. These decide which lines fit (directory.referral);
they are kept as codes (directory.crisis.Need), never as text.

Only the writer's own age counts as young ("mam 15 lat", "I'm 16"): "mój syn ma 15 lat" is a
parent writing, for whom the adults' and parents' lines fit.
"""

from __future__ import annotations

import re
from typing import Final

from bot.screening import normalise
from directory.crisis import Need

_AGE: Final = r"(?:[5-9]|1[0-7])"
# Matched against " " + normalised text + " " (lower case, no diacritics, apostrophes dropped).
_LATIN: Final[dict[Need, re.Pattern[str]]] = {
    Need.YOUNG: re.compile(
        rf"\b(?:mam {_AGE} (?:lat|lata|latka)|mam (?:nascie|kilkanascie) lat|"
        rf"im {_AGE}|i am {_AGE}|jestem nastolat\w*|jestem w (?:[1-8] )?klasie|"
        rf"jestem uczni\w*|jestem uczennic\w*|jestem dzieckiem|i m a (?:teen|kid|child))\b"
    ),
    Need.MISSING: re.compile(
        r"\b(?:zagin\w*|znikn\w*|zniknal\w*|nie wrocil\w*|uciekl\w* z domu|"
        r"missing|ran away|runaway|disappeared)\b"
    ),
    Need.ALCOHOL: re.compile(
        r"\b(?:pij\w*|picie|pic|popij\w*|alkohol\w*|wodk\w*|piwo|przepij\w*|"
        r"drink\w*|drunk|alcohol\w*)\b"
    ),
    Need.DRUGS: re.compile(
        r"\b(?:narkot\w*|dopalacz\w*|cpa|cpac|cpun\w*|amfetamin\w*|mefedron\w*|marihuan\w*|"
        r"trawk\w*|kokain\w*|heroin\w*|drugs?|cocaine|weed|meth|overdosed)\b"
    ),
    Need.GAMBLING: re.compile(
        r"\b(?:hazard\w*|kasyn\w*|automat\w*|bukmacher\w*|zaklad\w*|ruletk\w*|"
        r"gra\w* w gry|gram w gry|gambl\w*|betting|casino|gaming)\b"
    ),
}
# Cyrillic (Ukrainian and Russian) keeps its letters: matched against the lower-cased text.
_CYRILLIC: Final[dict[Need, re.Pattern[str]]] = {
    Need.YOUNG: re.compile(rf"(?:мені|мне) {_AGE} (?:рок|рік|лет|год)"),
    Need.MISSING: re.compile(r"(?:зник|пропа|не повернул|не вернул)"),
    Need.ALCOHOL: re.compile(r"(?:п'є|п’є|пьет|пьёт|алкогол|горілк|водк|бухає|бухает)"),
    Need.DRUGS: re.compile(r"наркот"),
    Need.GAMBLING: re.compile(r"(?:азартн|казино|ставк)"),
}


def needs_in(text: str) -> frozenset[Need]:
    """The particulars of the resident's situation that `text` states."""
    latin = f" {normalise(text)} "
    lower = text.lower()
    found = {need for need, pattern in _LATIN.items() if pattern.search(latin)}
    found |= {need for need, pattern in _CYRILLIC.items() if pattern.search(lower)}
    return frozenset(found)
