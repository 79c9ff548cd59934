"""Screening of every free-text message for immediate danger, and crisis-type hints from keywords.

Safety rule: this favours recall. Showing 112 to someone who did not need it costs a line of text;
missing a person whose life is at risk costs far more. Patterns run over a normalised form of the
text (lower case, no diacritics, punctuation as spaces), so "chcę się zabić", "chce sie zabic" and
"CHCĘ SIĘ ZABIĆ!!!" are the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from directory.crisis import CrisisType


class Danger(StrEnum):
    """Kinds of immediate danger the screen recognises."""

    SUICIDE = "suicide"
    OVERDOSE = "overdose"
    VIOLENCE = "violence"
    MEDICAL = "medical"
    FIRE_FLOOD = "fire_flood"
    MISSING = "missing"
    DISTRESS_CALL = "distress_call"


@dataclass(frozen=True)
class Screening:
    """The outcome of screening one message."""

    dangers: frozenset[Danger]

    @property
    def immediate_danger(self) -> bool:
        """True when 112 and the 24/7 lines must come first."""
        return bool(self.dangers)

    @property
    def crisis(self) -> CrisisType | None:
        """The crisis type the danger implies, if any."""
        for danger, crisis in _DANGER_CRISIS:
            if danger in self.dangers:
                return crisis
        return None


_TRANSLITERATE: Final = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "’": "'", "`": "'"})


def normalise(text: str) -> str:
    """Lower case, no diacritics, apostrophes dropped, every other non-letter a single space."""
    text = text.translate(_TRANSLITERATE)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", stripped).split())


# Each pattern is matched against " " + normalised text + " ". `\w*` allows inflected endings.
_DANGER_PATTERNS: Final[dict[Danger, tuple[str, ...]]] = {
    Danger.SUICIDE: (
        r"\bzabi(c|ja|je|jesz|l|la|lem|lam)\w* sie\b",
        r"\bsie zabi\w*",
        r"\bsamoboj\w*",
        r"\bodebrac sobie zycie\b",
        r"\bodbiore sobie zycie\b",
        r"\btargn\w* sie na\b",
        r"\bskoncz\w* ze soba\b",
        r"\bskoncz\w* z (tym|zyciem)\b",
        r"\bnie chce (juz |dluzej |tak )?(zyc|istniec)\b",
        r"\bnie chce mi sie zyc\b",
        r"\b(chce|chcialbym|chcialabym|wole|musze) umrzec\b",
        r"\b(chce|chcialbym|chcialabym) (juz )?(nie zyc|zniknac na zawsze)\b",
        r"\bzycie nie ma sensu\b",
        r"\bnie ma (po )?co zyc\b",
        r"\bpowies\w* sie\b",
        r"\bpodetn\w* (sobie )?zyl\w*",
        r"\bpodcia\w* (sobie )?zyl\w*",
        r"\bskocze z\b",
        r"\brzuc\w* sie pod\b",
        r"\blist pozegnaln\w*",
        r"\bkill(ing)? my ?self\b",
        r"\bkms\b",
        r"\bsuicid\w*",
        r"\bend(ing)? (my|it) (life|all)\b",
        r"\bend it all\b",
        r"\btake my (own )?life\b",
        r"\b(want|wanna|going|ready) to die\b",
        r"\bwanna die\b",
        r"\b(dont|do not|no longer) want to (live|be alive|exist)\b",
        r"\bhang(ing)? my ?self\b",
        r"\bbetter off dead\b",
        r"\bno reason to live\b",
        r"\bself harm\w*",
        r"\bcut(ting)? my ?self\b",
        r"\bsamookalecz\w*",
    ),
    Danger.OVERDOSE: (
        r"\bpolkn\w*",
        r"\blykn\w* (\w+ )?(tablet|lek|pigul)\w*",
        r"\bnalyka\w*",
        r"\bprzedawk\w*",
        r"\bzazyl\w* (\w+ )?(tablet|lek|pigul|wszystk|cal)\w*",
        r"\b(wzi|wzie)\w* (\w+ )?(tabletek|tabletki|lekow|leki|pigulek|pigulki|opakowanie)\b",
        r"\bcale opakowanie\b",
        r"\botrul\w*",
        r"\botrucie\b",
        r"\boverdos\w*",
        r"\b(took|swallowed|taken|take) (\w+ ){0,3}(pills|tablets|meds|medication|sleeping)\b",
        r"\bswallowed\b",
        r"\bpoison\w*",
    ),
    Danger.VIOLENCE: (
        r"\b(bije|bija|bil|bila|bili|bic|pobil\w*|pobije\w*)\b",
        r"\bmnie (bije|bija|bil|bila|uderz\w*|kopie|kopal\w*|dusi|dusil\w*|szarpie|katuje|leje)\b",
        r"\b(uderzyl|uderza|uderzyla|kopnal|kopie|dusi|dusil|dusila|katuje)\b",
        r"\bgwalc\w*",
        r"\bzgwalc\w*",
        r"\bgwalt\w*",
        r"\bgrozi\w*",
        r"\b(nozem|noz|nozami|siekier\w*|pistolet\w*|bronia)\b",
        r"\bzabi(c|je|ja|jesz) (mnie|nas|cie|ja|go|dzieci|dziecko)\b",
        r"\b(mnie|nas|ja|go|dzieci|dziecko) zabi(c|je|ja)\b",
        r"\bzabij\w*",
        r"\bnapad(l|la|li|ni\w*)?\b",
        r"\b(zaatakowal|atakuje|zaatakowala|zaatakowali)\w*",
        r"\bwlamuj\w*",
        r"\b(hitting|hits|hit|beating|beats|beat|hurting|hurts|kicking|choking|chokes|strangling) "
        r"(me|us|my|her|him)\b",
        r"\bstrangl\w*",
        r"\b(knife|gun|weapon|stab|stabbed|stabbing)\b",
        r"\bthreaten\w*",
        r"\b(kill|killing|murder) (me|us|her|him|my|the kids|the children)\b",
        r"\brap(e|ed|ing)\b",
        r"\bsexually assault\w*",
        r"\battack\w*",
        r"\bbreaking in\b",
        r"\bbroke in\b",
    ),
    Danger.MEDICAL: (
        r"\bnie oddych\w*",
        r"\bprzestal\w* oddychac\b",
        r"\bnie moze oddychac\b",
        r"\bnie moge oddychac\b",
        r"\bnieprzytom\w*",
        r"\bstraci\w* przytomnosc\b",
        r"\bzemdl\w*",
        r"\bnie reaguj\w*",
        r"\bnie rusza sie\b",
        r"\bnie budzi sie\b",
        r"\bkrwawi\w*",
        r"\bkrwotok\w*",
        r"\bzawal\w* serca\b",
        r"\bzawal\b",
        r"\budar\w*",
        r"\bdrgawk\w*",
        r"\b(not|isnt|isn t|stopped|stop|wont|cant|can t|cannot) breath\w*",
        r"\bunconscious\b",
        r"\bunresponsive\b",
        r"\bpassed out\b",
        r"\bwont wake up\b",
        r"\bnot waking up\b",
        r"\bbleeding\b",
        r"\bheart attack\b",
        r"\bstroke\b",
        r"\bseizure\w*",
    ),
    Danger.FIRE_FLOOD: (
        r"\bpali sie\b",
        r"\bplon(ie|a|acy|ace|acym|acej)\b",
        r"\bpozar\w*",
        r"\bdym(u|em|i)?\b",
        r"\bzalewa\w*",
        r"\bzalal\w*",
        r"\bwoda (wdziera|zalewa|wlewa|podchodzi)\w*",
        r"\bpowodz(i|ia|iowa|iowe)?\b",
        r"\btonie\b",
        r"\btopi sie\b",
        r"\bwybuch\w*",
        r"\bulatnia sie gaz\b",
        r"\bgaz sie ulatnia\b",
        r"\bczuc gaz\b",
        r"\bzawalil\w*",
        r"\bon fire\b",
        r"\bfire\b",
        r"\bburning\b",
        r"\bsmoke\b",
        r"\bflood\w*",
        r"\bdrown\w*",
        r"\bexplo(sion|sions|ded|de|ding)\b",
        r"\bgas leak\w*",
        r"\bcollaps\w*",
    ),
    Danger.MISSING: (
        r"\bzagin\w*",
        r"\bmissing\b",
    ),
    Danger.DISTRESS_CALL: (
        r"\bratunku\b",
        r"\bna pomoc\b",
        r"\bsos\b",
        r"\bhelp me\b",
        r"\bemergency\b",
        r"\bnagly wypadek\b",
    ),
}

_COMPILED: Final = {
    danger: tuple(re.compile(pattern) for pattern in patterns)
    for danger, patterns in _DANGER_PATTERNS.items()
}

_DANGER_CRISIS: Final = (
    (Danger.SUICIDE, CrisisType.SUICIDAL),
    (Danger.OVERDOSE, CrisisType.SUICIDAL),
    (Danger.VIOLENCE, CrisisType.VIOLENCE),
    (Danger.FIRE_FLOOD, CrisisType.DISASTER),
)


def screen(text: str) -> Screening:
    """Screen one free-text message for signs of immediate danger."""
    normalised = f" {normalise(text)} "
    found = frozenset(
        danger
        for danger, patterns in _COMPILED.items()
        if any(pattern.search(normalised) for pattern in patterns)
    )
    return Screening(dangers=found)


# Words that hint at what is happening, tried in priority order (the first type with a hit wins):
# life-threatening types first, so "syn mnie bije" is violence rather than a child matter.
_CRISIS_KEYWORDS: Final[tuple[tuple[CrisisType, tuple[str, ...]], ...]] = (
    (
        CrisisType.SUICIDAL,
        (
            r"\bsamoboj\w*",
            r"\bsuicid\w*",
            r"\bsamookalecz\w*",
            r"\bokalecz\w*",
            r"\bself harm\w*",
            r"\bmysli (czarne|samobojcze)\b",
        ),
    ),
    (
        CrisisType.VIOLENCE,
        (
            r"\bprzemoc\w*",
            r"\bzneca\w*",
            r"\bprzesladuj\w*",
            r"\bnekaj\w*",
            r"\bnekani\w*",
            r"\bszantaz\w*",
            r"\bniebiesk\w* kart\w*",
            r"\bviolen\w*",
            r"\babus\w*",
            r"\bstalk\w*",
            r"\bdomestic\b",
            r"\bbull(y|ie)\w*",
        ),
    ),
    (
        CrisisType.DISASTER,
        (
            r"\bkatastrof\w*",
            r"\bhuragan\w*",
            r"\bwichur\w*",
            r"\bnawalnic\w*",
            r"\btrzesieni\w*",
            r"\bewakuac\w*",
            r"\bwypad\w* (drogow|samochodow)\w*",
            r"\bdisaster\w*",
            r"\bstorm\w*",
            r"\bearthquake\w*",
            r"\bevacuat\w*",
            r"\bcar crash\b",
        ),
    ),
    (
        CrisisType.ADDICTION,
        (
            r"\balkohol\w*",
            r"\bpij(e|a|esz|ak)\w*",
            r"\bpijan\w*",
            r"\bpici\w*",
            r"\bnarkot\w*",
            r"\bdopalacz\w*",
            r"\bhazard\w*",
            r"\buzalezn\w*",
            r"\bnalog\w*",
            r"\balcohol\w*",
            r"\bdrink\w*",
            r"\bdrunk\w*",
            r"\bdrugs?\b",
            r"\bgambl\w*",
            r"\baddict\w*",
        ),
    ),
    (
        CrisisType.BEREAVEMENT,
        (
            r"\bzmarl\w*",
            r"\bumarl\w*",
            r"\bsmierc\w*",
            r"\bzalob\w*",
            r"\bpogrzeb\w*",
            r"\bdied\b",
            r"\bdeath\b",
            r"\bgrie\w*",
            r"\bbereave\w*",
            r"\bpassed away\b",
            r"\bfuneral\w*",
        ),
    ),
    (
        CrisisType.CHILD,
        (
            r"\bdzieck\w*",
            r"\bdzieci\w*",
            r"\bsyn\w*",
            r"\bcork\w*",
            r"\bcorecz\w*",
            r"\bnastolat\w*",
            r"\bmlodziez\w*",
            r"\bszkol\w*",
            r"\bchild\w*",
            r"\bkids?\b",
            r"\bson\b",
            r"\bdaughter\w*",
            r"\bteen\w*",
            r"\bschool\w*",
        ),
    ),
    (
        CrisisType.MENTAL,
        (
            r"\bdepres\w*",
            r"\bpanik\w*",
            r"\blekow\w*",
            r"\blek(u|iem)\b",
            r"\bpsychiat\w*",
            r"\bpsychoz\w*",
            r"\bschizofren\w*",
            r"\bnerwic\w*",
            r"\bbezsenn\w*",
            r"\bsamotn\w*",
            r"\bstres\w*",
            r"\bzalamani\w*",
            r"\bdepress\w*",
            r"\bpanic\w*",
            r"\banxi\w*",
            r"\bpsychos\w*",
            r"\bmental\w*",
            r"\blonel\w*",
            r"\bstress\w*",
            r"\bbreakdown\b",
        ),
    ),
)

_COMPILED_CRISIS: Final = tuple(
    (crisis, tuple(re.compile(pattern) for pattern in patterns))
    for crisis, patterns in _CRISIS_KEYWORDS
)


def detect_crisis(text: str) -> CrisisType | None:
    """The crisis type a message hints at (danger first, then keywords); None if unclear."""
    danger_crisis = screen(text).crisis
    if danger_crisis is not None:
        return danger_crisis
    normalised = f" {normalise(text)} "
    for crisis, patterns in _COMPILED_CRISIS:
        if any(pattern.search(normalised) for pattern in patterns):
            return crisis
    return None


# People a resident names when describing what happens; never read as places ("mąż" is not Maże).
_PEOPLE_WORDS: Final = re.compile(
    r"\b(maz|meza|mezem|zona|zony|zona|partner\w*|chlopak\w*|dziewczyn\w*|mama|mamy|mame|"
    r"matka|matki|tata|taty|ojciec|ojca|brat\w*|siostr\w*|ojczym\w*|macoch\w*|tesc\w*|"
    r"sasiad\w*|husband|wife|boyfriend|girlfriend|father|mother|dad|mum|mom|brother|sister|"
    r"neighbou?r)\b"
)


def without_crisis_words(text: str) -> str:
    """The normalised text with danger, crisis and family words removed, for place lookup.

    Why: place names are matched without diacritics, so "zabić" reads as the village Żabice and
    "mąż" as Maże; words that already told us what is happening must not also name a place.
    """
    normalised = f" {normalise(text)} "
    patterns = [pattern for group in _COMPILED.values() for pattern in group]
    patterns += [pattern for _crisis, group in _COMPILED_CRISIS for pattern in group]
    for pattern in patterns:
        normalised = pattern.sub(" ", normalised)
    normalised = _PEOPLE_WORDS.sub(" ", normalised)
    return " ".join(normalised.split())
