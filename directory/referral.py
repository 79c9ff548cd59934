"""Referral ranking: which help to show a resident of a powiat in a crisis, in what order, why.

Safety rules enforced here: 112 comes first for life-threatening crises and whenever the resident
says it is urgent; every list, for every powiat and crisis, contains 112 and a national 24/7 line
with strong sources (the bundled fallback in directory.emergency guarantees that floor).

Only what the one visibility rule (directory.visibility) shows is ranked. The order, tier by
tier (within a tier: for a resident reading Ukrainian, the lines whose sources say they answer in
Ukrainian, or else Russian, named as such; then entries checked recently, then entries checked
long ago, then entries not yet confirmed; then local, then regional, then national):

1. 112, when life may be at risk (suicidal, violence, disaster), when the resident says it is
   urgent, or when the list holds a place for acute danger (a psychiatric admission room:
   directory.kinds);
2. open 24/7, serving this powiat and crisis, for the audience the crisis concerns (adults and
   everyone for an adult's crisis; children, young people and parents for `child` or when the
   resident is young), then the national 24/7 floor line when none of these is one;
3. when the powiat has no centre of its own: the nearest centres beyond its border (at most
   NEARBY_MAX_COUNT within NEARBY_MAX_KM), those open now first, then by distance;
4. 112, when it was not first: it is a line open 24/7 too;
5. open 24/7 for a second-best audience (the adults' line for a young person);
6. open now (not round the clock), fitting audience first;
7. the rest by next opening, hours not confirmed last.

Page one (the first PAGE_SIZE options, what a resident reads first) always holds 112 and every
nearby centre, next to the header that announces them: when the lines above them are too many,
the last of those move to just after them. Channels show the list in exactly this order.

Only lines that fit are listed (`line_fits`): a children's line only for a child's crisis or a
young resident, a line only for some situations (a missing child) only when the resident said so,
a line about one addiction not when the resident named another.

For police officers, paramedics and crisis workers (`rank_handover_points`, the /services view
and the powiat card) the same open/closed order (`opening_order`) and the same visible entries
decide, over the places one can take a person to (directory.kinds.HANDOVER_KINDS): those open
now, nearest first, within HANDOVER_REACH_KM, else the nearest open ones beyond it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from directory.crisis import ADDICTION_NEEDS, LIFE_THREATENING, ONLY_WHEN_SAID, CrisisType, Need
from directory.db import session_scope
from directory.fields import record_values
from directory.gazetteer import distance_km, load_gazetteer
from directory.hours import parse as parse_hours
from directory.i18n import N_, translator
from directory.kinds import is_handover_kind, kind_caveat, needs_emergency_first
from directory.models import Service, ServiceStatus
from directory.phones import normalise_phone, tel_uri
from directory.visibility import (
    AWAITING_REASONS,
    FRESHNESS_RANK,
    WITHDRAWN_STATUSES,
    Provenance,
    Standing,
    hidden_because,
    provenance_line,
    standing,
)

# The active services are kept in memory between referrals and reloaded when the directory's
# version (see `directory_version`) changes, and at the latest this often: a backstop for
# changes made behind the ORM's back (hand-written SQL) or timestamps from a skewed clock.
ACTIVE_SERVICES_MAX_AGE_SECONDS: Final = 30.0
NEARBY_MAX_KM: Final = 100.0
NEARBY_MAX_COUNT: Final = 3
# Options per page on every channel; page one always holds 112 and the nearby centres.
PAGE_SIZE: Final = 5
# The responders' view (/services): how far "within reach" goes, how many points it lists (one
# phone screen), and how many of the nearest open ones it gives when none is within reach.
HANDOVER_REACH_KM: Final = 60.0
HANDOVER_MAX_COUNT: Final = 4
HANDOVER_BEYOND_REACH_COUNT: Final = 2
SCOPE_ORDER: Final = {"local": 0, "regional": 1, "national": 2}
CONFIDENCE_ORDER: Final = {"high": 0, "medium": 1, "low": 2}
CHILD_AUDIENCES: Final = frozenset({"children_youth", "parents"})
# How sources say that a centre only takes people who live in its own area.
_RESIDENTS_ONLY: Final = re.compile(
    r"\b(?:tylko\s+)?dla\s+mieszkańców\b|\bresidents\s+only\b|\bonly\s+(?:for\s+)?residents\b",
    re.IGNORECASE,
)
# A trailing gloss in parentheses ("(telefon zaufania dla osób dorosłych …)", "(dawniej: …)"):
# lower-case, so proper names in parentheses ("(Fundacja Nagle Sami)", "(WOIK)") are kept.
_TRAILING_GLOSS: Final = re.compile(r"\s*\((?P<gloss>[a-ząćęłńóśźż][^()]*)\)\s*$")
_GLOSS_KEPT_UP_TO: Final = 24
# "X „Name” - a longer official description": the quoted name is what people know the line by.
_QUOTED_NAME_HEAD: Final = re.compile(r"^(?P<head>.+?[”\"])\s+[-–]\s+\S.*$")


class Scope(StrEnum):
    """Why an option is relevant geographically."""

    EMERGENCY = "emergency"
    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"
    NEARBY = "nearby"


class Reason(StrEnum):
    """A reason an option is shown, in the order it was decided."""

    EMERGENCY_FIRST = "EMERGENCY_FIRST"
    EMERGENCY = "EMERGENCY"
    OPEN_24_7 = "OPEN_24_7"
    OPEN_NOW = "OPEN_NOW"
    OPENS_LATER = "OPENS_LATER"
    HOURS_UNKNOWN = "HOURS_UNKNOWN"
    SERVES_POWIAT = "SERVES_POWIAT"
    SERVES_VOIVODESHIP = "SERVES_VOIVODESHIP"
    NATIONAL = "NATIONAL"
    NEARBY = "NEARBY"
    FALLBACK = "FALLBACK"
    FOR_CHILDREN = "FOR_CHILDREN"
    FOR_CHILDREN_AND_PARENTS = "FOR_CHILDREN_AND_PARENTS"
    FOR_PARENTS = "FOR_PARENTS"
    ANSWERS_UKRAINIAN = "ANSWERS_UKRAINIAN"
    ANSWERS_RUSSIAN = "ANSWERS_RUSSIAN"


# Reasons whose words restate the opening hours; a view that shows the hours leaves them out.
HOURS_REASONS: Final = frozenset(
    {Reason.OPEN_24_7, Reason.OPEN_NOW, Reason.OPENS_LATER, Reason.HOURS_UNKNOWN, Reason.FALLBACK}
)


REASON_TEXT: Final[dict[Reason, str]] = {
    Reason.EMERGENCY_FIRST: N_("life may be at risk: call 112 first"),
    Reason.EMERGENCY: N_("emergency number: ambulance, police, fire brigade"),
    Reason.OPEN_24_7: N_("open 24/7"),
    Reason.OPEN_NOW: N_("open now"),
    Reason.OPENS_LATER: N_("closed now, opens later"),
    Reason.HOURS_UNKNOWN: N_("opening hours not confirmed, call to check"),
    Reason.SERVES_POWIAT: N_("serves your powiat"),
    Reason.SERVES_VOIVODESHIP: N_("serves your voivodeship"),
    Reason.NATIONAL: N_("nationwide line"),
    Reason.NEARBY: N_("nearest centre outside your powiat (about %(km)d km)"),
    Reason.FALLBACK: N_("always listed: a national line open 24/7"),
    Reason.FOR_CHILDREN: N_("for children and young people"),
    Reason.FOR_CHILDREN_AND_PARENTS: N_("for children, young people and parents"),
    Reason.FOR_PARENTS: N_("for parents"),
    Reason.ANSWERS_UKRAINIAN: N_("answers in Ukrainian"),
    Reason.ANSWERS_RUSSIAN: N_("answers in Russian"),
}
# The languages a resident reading `lang` also understands on the phone, best first: Ukrainian
# speakers (Russian-script writers are answered in Ukrainian too) get the lines whose sources
# say they answer in Ukrainian, or else in Russian, first within their tier.
SPOKEN_FIRST: Final[dict[str, tuple[tuple[str, Reason], ...]]] = {
    "uk": (("uk", Reason.ANSWERS_UKRAINIAN), ("ru", Reason.ANSWERS_RUSSIAN)),
}


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


@dataclass(frozen=True)
class PhoneView:
    """A number as shown to the resident."""

    display: str
    e164: str | None
    dial: str | None
    tel_uri: str | None
    # Its own opening hours where they differ from the service's (None: the service's hours).
    hours: str | None = None


@dataclass(frozen=True)
class Option:
    """One help option shown to a resident, with everything needed to display and explain it."""

    service_id: str
    name: str
    phones: tuple[PhoneView, ...]
    always_open: bool
    open_now: bool
    hours: str | None
    hours_as_published: str | None
    next_open: datetime | None
    closes_at: datetime | None
    scope: Scope
    distance_km: float | None
    url: str | None
    notice: str | None
    source: tuple[str, ...]
    source_date: str | None
    verified_on: date | None
    confidence: str
    reasons: tuple[Reason, ...] = field(default=())
    residents_only: bool = False
    standing: Standing = Standing.UNCONFIRMED
    kind: str = ""
    address: str | None = None
    audience: frozenset[str] = frozenset()
    area_powiats: frozenset[str] = frozenset()
    approximate_point: bool = False

    @property
    def short_name(self) -> str:
        """The name people know the service by (see `short_name`)."""
        return short_name(self.name)

    @property
    def sources(self) -> tuple[str, ...]:
        """The addresses of the pages the entry's details come from."""
        return self.source

    def provenance(self, lang: str) -> str:
        """Where the details come from, in `lang` ("checked on …", "from a public page of …")."""
        local = self.scope in {Scope.LOCAL, Scope.NEARBY, Scope.REGIONAL}
        return provenance_line(self.standing, self.verified_on, self.source_date, lang, local=local)

    def caveat(self, lang: str) -> str | None:
        """What a resident must know about this kind of help (age, referral, 112 first)."""
        text = kind_caveat(self.kind)
        return translator(lang).gettext(text) if text else None

    def why(self, lang: str, *, with_hours: bool = True) -> str:
        """The reasons in words, in `lang`; without the hours when the view shows them anyway."""
        gettext = translator(lang).gettext
        skipped: set[Reason] = set()
        if not with_hours:
            skipped |= HOURS_REASONS
        elif Reason.FALLBACK in self.reasons:
            # Its words already say "a national line open 24/7".
            skipped |= {Reason.OPEN_24_7, Reason.NATIONAL}
        parts = []
        for reason in self.reasons:
            if reason in skipped:
                continue
            text = gettext(REASON_TEXT[reason])
            if reason is Reason.NEARBY:
                text = text % {"km": round(self.distance_km or 0)}
            parts.append(text)
        return " · ".join(parts)


def short_name(name: str) -> str:
    """An official name without its trailing description, e.g. "Kryzysowy Telefon Zaufania 116 123".

    Only a lower-case gloss in parentheses longer than a few words, or the description after a
    quoted name ("… „Niebieska Linia” - Ogólnopolski Telefon …"), is dropped; anything that
    could be the name itself (proper names in parentheses, places, acronyms) stays.
    """
    shortened = name.strip()
    gloss = _TRAILING_GLOSS.search(shortened)
    if gloss and len(gloss.group("gloss")) > _GLOSS_KEPT_UP_TO:
        shortened = shortened[: gloss.start()].rstrip()
    quoted = _QUOTED_NAME_HEAD.match(shortened)
    if quoted:
        shortened = quoted.group("head")
    return shortened or name


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


def phone_views(phones: Iterable[PhoneRecord]) -> tuple[PhoneView, ...]:
    """Phones for display, round-the-clock numbers first."""
    return _phone_views(tuple(phones))


# Normalising a number (phonenumbers) was the costliest part of ranking; records are immutable,
# so each service's numbers are normalised once, not on every referral.
@functools.lru_cache(maxsize=4096)
def _phone_views(phones: tuple[PhoneRecord, ...]) -> tuple[PhoneView, ...]:
    ordered = sorted(phones, key=lambda p: p.is_24_7 is not True)
    views = []
    for phone in ordered:
        normalised = normalise_phone(phone.number_as_published)
        dial = phone.dial or normalised.dial
        views.append(
            PhoneView(
                display=normalised.display,
                e164=phone.e164,
                dial=dial,
                tel_uri=tel_uri(dial, normalised.extension),
                hours=phone.hours,
            )
        )
    return tuple(views)


def build_option(
    service: ServiceRecord,
    at: datetime,
    lang: str,
    scope: Scope,
    reasons: Sequence[Reason],
    distance_km: float | None = None,
) -> Option:
    """An Option for a service at the moment `at`, with its open/closed state."""
    always_open = False
    open_now = False
    next_open: datetime | None = None
    closes_at: datetime | None = None
    if service.hours:
        hours = parse_hours(service.hours)
        always_open = hours.always_open
        open_now = hours.is_open(at)
        closes_at = hours.closes_at(at)
        next_open = None if open_now else hours.next_open(at)
    name = service.name_en if lang == "en" and service.name_en else service.name_pl
    entry_standing = standing(service.provenance, at.date())
    if service.scope == "emergency" or entry_standing is Standing.HIDDEN:
        # 112 and the bundled floor lines are listed whatever the rule says of their rows.
        entry_standing = Standing.VERIFIED if service.verified_on else Standing.UNCONFIRMED
    return Option(
        service_id=service.id,
        name=name,
        phones=phone_views(service.phones),
        always_open=always_open,
        open_now=open_now,
        hours=service.hours,
        hours_as_published=service.hours_as_published,
        next_open=next_open,
        closes_at=closes_at,
        scope=scope,
        distance_km=None if distance_km is None else round(distance_km, 1),
        url=service.url,
        notice=service.notice,
        source=service.source_urls,
        source_date=service.source_date,
        verified_on=service.verified_on,
        confidence=service.confidence,
        reasons=tuple(reasons),
        residents_only=service.residents_only,
        standing=entry_standing,
        kind=service.kind,
        address=service.address,
        audience=service.audience,
        area_powiats=service.area_powiats,
        approximate_point=service.approximate_point,
    )


def _geo_reason(service: ServiceRecord, powiat: str) -> tuple[Scope, Reason]:
    if powiat in service.area_powiats:
        return Scope.LOCAL, Reason.SERVES_POWIAT
    if powiat[:2] in service.area_voivodeships:
        return Scope.REGIONAL, Reason.SERVES_VOIVODESHIP
    return Scope.NATIONAL, Reason.NATIONAL


def _time_reason(option: Option) -> Reason:
    if option.always_open:
        return Reason.OPEN_24_7
    if option.open_now:
        return Reason.OPEN_NOW
    if option.next_open is not None:
        return Reason.OPENS_LATER
    return Reason.HOURS_UNKNOWN


def opening_order(option: Option) -> tuple[Reason, float]:
    """The option's open state and its place in time order, as every ranking here sorts it.

    Open now (round the clock or not) sorts at 0; a closed option by its next opening; one
    whose hours are not confirmed last: nobody can promise it is open.
    """
    reason = _time_reason(option)
    if reason in {Reason.OPEN_24_7, Reason.OPEN_NOW}:
        return reason, 0.0
    return reason, option.next_open.timestamp() if option.next_open else float("inf")


def audience_fits(audience: frozenset[str], crisis: CrisisType) -> bool:
    """Whether a service's audience is whom `crisis` concerns (no audience recorded: everyone).

    For `child`: lines for children, young people or parents. For every other crisis (an adult's):
    lines for everyone or adults, so that child-only lines come after them.
    """
    if not audience:
        return True
    if crisis is CrisisType.CHILD:
        return bool(audience & CHILD_AUDIENCES)
    return not audience <= CHILD_AUDIENCES


def _audience_reasons(audience: frozenset[str]) -> tuple[Reason, ...]:
    """Say whom a line is for when that is not everyone or adults (116 111 in an adult's list)."""
    if not audience or not audience <= CHILD_AUDIENCES:
        return ()
    if audience == CHILD_AUDIENCES:
        return (Reason.FOR_CHILDREN_AND_PARENTS,)
    if "children_youth" in audience:
        return (Reason.FOR_CHILDREN,)
    return (Reason.FOR_PARENTS,)


def audience_level(
    audience: frozenset[str], crisis: CrisisType, needs: frozenset[str] = frozenset()
) -> int | None:
    """How well a line's audience fits: 0 best, 1 second best, None not at all.

    A line only for children, young people or parents fits a child's crisis or a young resident
    and nobody else; for a young resident, lines for everyone or adults come second.
    """
    if audience_fits(audience, crisis):
        if Need.YOUNG in needs and crisis is not CrisisType.CHILD:
            return 0 if not audience or audience & CHILD_AUDIENCES or "everyone" in audience else 1
        return 0
    if audience <= CHILD_AUDIENCES:
        return 0 if Need.YOUNG in needs else None
    return 1


def topics_fit(topics: frozenset[str], crisis: CrisisType, needs: frozenset[str]) -> bool:
    """Whether a line's topics fit what the resident said (no topics: any situation of its crises).

    Lines only for some situations (ONLY_WHEN_SAID) need the resident to have said one; a line
    about particular addictions does not fit once the resident named only other ones.
    """
    if not topics:
        return True
    said = needs | {crisis.value}
    if topics & said:
        return True
    if topics & ONLY_WHEN_SAID:
        return False
    return not (needs & ADDICTION_NEEDS)


def line_fits(service: ServiceRecord, crisis: CrisisType, needs: frozenset[str]) -> int | None:
    """The audience level of a line that fits the resident's crisis and situation, else None."""
    if not topics_fit(service.topics, crisis, needs):
        return None
    return audience_level(service.audience, crisis, needs)


class _Tier:
    """Positions in the list (see the module doc); smaller comes first."""

    EMERGENCY_FIRST: Final = -1
    ALWAYS_OPEN_FITTING: Final = 0
    FLOOR: Final = 1
    NEARBY: Final = 2
    EMERGENCY: Final = 3
    ALWAYS_OPEN_OTHER_AUDIENCE: Final = 4
    OPEN_NOW: Final = 5
    LATER: Final = 6


def _spoken_reason(languages: frozenset[str], lang: str) -> Reason | None:
    """The reason to name the language a line answers in, for a resident reading `lang`."""
    for code, reason in SPOKEN_FIRST.get(lang, ()):
        if code in languages:
            return reason
    return None


def _page_one_holds(ranked: list[Option]) -> list[Option]:
    """The same order, except that 112 and every nearby centre are within the first PAGE_SIZE.

    When they are not, the last options above them that need not be there move to just after
    the last of them; nothing else changes place.
    """

    def kept(option: Option) -> bool:
        return option.scope in {Scope.EMERGENCY, Scope.NEARBY}

    if all(index < PAGE_SIZE for index, option in enumerate(ranked) if kept(option)):
        return ranked
    must = [option for option in ranked if kept(option)]
    others = [option for option in ranked if not kept(option)]
    room = max(PAGE_SIZE - len(must), 0)
    leading = {id(option) for option in others[:room]}
    page_one = [option for option in ranked if kept(option) or id(option) in leading]
    return page_one + others[room:]


def _with_reasons(option: Option, *reasons: Reason) -> Option:
    return Option(**{**option.__dict__, "reasons": tuple(reasons)})


def _without_shown_phones(option: Option, shown: set[str]) -> Option | None:
    """Drop numbers already listed above; drop the option if none are left."""
    phones = tuple(p for p in option.phones if not (p.dial and p.dial in shown))
    if not phones or all(p.dial is None for p in phones):
        return None
    return Option(**{**option.__dict__, "phones": phones})


def rank_options(
    services: Sequence[ServiceRecord],
    powiat: str,
    crisis: CrisisType,
    at: datetime,
    lang: str,
    *,
    urgent: bool = False,
    origin: tuple[float, float] | None = None,
    needs: frozenset[str] = frozenset(),
) -> list[Option]:
    """Order the help for a resident of `powiat` in `crisis` at `at` (pure; see module doc).

    `needs` are what the resident said of their situation (directory.crisis.Need values).
    """
    from directory import emergency  # emergency builds Options with this module

    emergency_first = urgent or crisis in LIFE_THREATENING
    emergency_record = next((s for s in services if s.scope == "emergency"), None)
    if emergency_record is None:
        emergency_record = emergency.emergency_record(services)
    today = at.date()
    candidates: list[tuple[tuple[object, ...], Option]] = []
    has_floor_line = False  # a national 24/7 line with strong sources, for this audience
    for service in services:
        if service.scope == "emergency" or crisis.value not in service.crisis_types:
            continue
        if not service.serves(powiat) or not any(p.dial for p in service.phones):
            continue
        level = line_fits(service, crisis, needs)
        if level is None:
            continue
        entry_standing = standing(service.provenance, today)
        if entry_standing is Standing.HIDDEN:
            continue
        emergency_first |= needs_emergency_first(service.kind)
        scope, geo_reason = _geo_reason(service, powiat)
        option = build_option(service, at, lang, scope, ())
        time_reason, when = opening_order(option)
        fits = level == 0
        spoken = _spoken_reason(service.languages, lang)
        option = _with_reasons(
            option,
            time_reason,
            geo_reason,
            *_audience_reasons(service.audience),
            *((spoken,) if spoken else ()),
        )
        if time_reason is Reason.OPEN_24_7:
            tier = _Tier.ALWAYS_OPEN_FITTING if fits else _Tier.ALWAYS_OPEN_OTHER_AUDIENCE
            has_floor_line |= fits and service.id in emergency.FLOOR_SERVICE_IDS
        elif time_reason is Reason.OPEN_NOW:
            tier = _Tier.OPEN_NOW
        else:
            tier = _Tier.LATER
        key: tuple[object, ...] = (
            tier,
            # Within its tier, never above it: a line in the resident's language comes first.
            spoken is None,
            FRESHNESS_RANK[entry_standing],
            when,
            not fits,
            SCOPE_ORDER.get(scope.value, 3),
            CONFIDENCE_ORDER.get(service.confidence, 3),
            service.id,
        )
        candidates.append((key, option))

    has_local = any(o.scope is Scope.LOCAL for _, o in candidates)
    if not has_local:
        for distance, service in _nearby(services, powiat, crisis, origin, today, needs):
            option = build_option(service, at, lang, Scope.NEARBY, (), distance)
            option = _with_reasons(option, _time_reason(option), Reason.NEARBY)
            freshness = FRESHNESS_RANK[option.standing]
            key = (
                _Tier.NEARBY,
                True,
                freshness,
                0.0,
                not option.open_now,
                distance,
                0,
                service.id,
            )
            candidates.append((key, option))

    if not has_floor_line:
        # From the same active services: a withdrawn line is never brought back as the floor.
        fallback = emergency.floor_record(crisis, services)
        option = build_option(fallback, at, lang, Scope.NATIONAL, ())
        spoken = _spoken_reason(fallback.languages, lang)
        option = _with_reasons(
            option,
            Reason.FALLBACK,
            Reason.OPEN_24_7,
            Reason.NATIONAL,
            *_audience_reasons(fallback.audience),
            *((spoken,) if spoken else ()),
        )
        candidates.append(((_Tier.FLOOR, True, 0, 0.0, False, 0, 0, fallback.id), option))

    emergency_option = build_option(
        emergency_record,
        at,
        lang,
        Scope.EMERGENCY,
        (Reason.EMERGENCY_FIRST if emergency_first else Reason.EMERGENCY, Reason.OPEN_24_7),
    )
    emergency_tier = _Tier.EMERGENCY_FIRST if emergency_first else _Tier.EMERGENCY
    key = (emergency_tier, True, 0, 0.0, False, 0, 0, emergency_record.id)
    candidates.append((key, emergency_option))
    candidates.sort(key=lambda item: item[0])
    ranked: list[Option] = []
    shown: set[str] = set()

    def append(option: Option | None) -> None:
        if option is None:
            return
        kept = _without_shown_phones(option, shown)
        if kept is not None:
            ranked.append(kept)
            shown.update(p.dial for p in kept.phones if p.dial)

    for _, option in candidates:
        append(option)
    return _page_one_holds(ranked)


def _nearby(
    services: Sequence[ServiceRecord],
    powiat: str,
    crisis: CrisisType,
    origin: tuple[float, float] | None,
    today: date,
    needs: frozenset[str] = frozenset(),
) -> list[tuple[float, ServiceRecord]]:
    if origin is None:
        place = load_gazetteer().powiat(powiat)
        origin = (place.lat, place.lon)
    found = []
    for service in services:
        if service.scope != "local" or service.point is None or service.serves(powiat):
            continue
        if crisis.value not in service.crisis_types or not any(p.dial for p in service.phones):
            continue
        if line_fits(service, crisis, needs) is None:
            continue
        if standing(service.provenance, today) is Standing.HIDDEN:
            continue
        distance = distance_km(origin[0], origin[1], service.point[0], service.point[1])
        if distance <= NEARBY_MAX_KM:
            found.append((distance, service))
    found.sort(key=lambda item: (item[0], item[1].id))
    return found[:NEARBY_MAX_COUNT]


@dataclass(frozen=True)
class Handover:
    """Where a responder can hand a person in crisis over, now (see `rank_handover_points`)."""

    points: tuple[Option, ...]
    reach_km: float
    # Nothing is open within `reach_km`: `points` are the nearest open ones beyond it.
    beyond_reach: bool
    # Points within reach that are closed now or whose hours are not confirmed.
    not_open_within_reach: int
    # The first of those to open (None when none has confirmed hours).
    next_to_open: Option | None
    # The nearest of those whose hours are not confirmed: worth a call to check.
    nearest_unconfirmed: Option | None = None


def handover_options(
    services: Sequence[ServiceRecord],
    origin: tuple[float, float],
    at: datetime,
    lang: str,
    *,
    powiat: str | None = None,
) -> list[Option]:
    """Every place to hand a person over to, open now first (`opening_order`), then nearest.

    A point is one of directory.kinds.HANDOVER_KINDS with a location and a number to dial that
    the one visibility rule shows; it is LOCAL when it serves `powiat`, NEARBY otherwise.
    """
    ordered: list[tuple[tuple[object, ...], Option]] = []
    for service in services:
        if not is_handover_kind(service.kind) or service.point is None:
            continue
        if not any(p.dial for p in service.phones):
            continue
        if standing(service.provenance, at.date()) is Standing.HIDDEN:
            continue
        distance = distance_km(origin[0], origin[1], service.point[0], service.point[1])
        scope = Scope.LOCAL if powiat is not None and service.serves(powiat) else Scope.NEARBY
        option = build_option(service, at, lang, scope, (), distance)
        time_reason, when = opening_order(option)
        option = _with_reasons(option, time_reason)
        key = (when, distance, CONFIDENCE_ORDER.get(service.confidence, 3), service.id)
        ordered.append((key, option))
    ordered.sort(key=lambda item: item[0])
    return [option for _, option in ordered]


def rank_handover_points(
    services: Sequence[ServiceRecord],
    origin: tuple[float, float],
    at: datetime,
    lang: str,
    *,
    powiat: str | None = None,
    reach_km: float = HANDOVER_REACH_KM,
    limit: int = HANDOVER_MAX_COUNT,
) -> Handover:
    """The places a responder at `origin` can take a person to at `at`: open now, nearest first.

    The residents' rules, not a second set: the caller passes what residents may see, the
    open/closed decision and its order are `opening_order`'s, phones are shown and deduplicated
    as in `rank_options`. Distance from the responder replaces the resident's powiat tiers.
    Only points open now are listed; when none is within `reach_km`, the nearest open ones
    beyond it are, and the answer says so.
    """
    ordered = handover_options(services, origin, at, lang, powiat=powiat)
    shown: set[str] = set()
    open_now: list[Option] = []
    for option in ordered:
        if option.open_now:
            kept = _without_shown_phones(option, shown)
            if kept is not None:
                open_now.append(kept)
                shown.update(p.dial for p in kept.phones if p.dial)
    within = [o for o in open_now if (o.distance_km or 0.0) <= reach_km]
    closed = [o for o in ordered if not o.open_now and (o.distance_km or 0.0) <= reach_km]
    points = within[:limit] if within else open_now[:HANDOVER_BEYOND_REACH_COUNT]
    return Handover(
        points=tuple(points),
        reach_km=reach_km,
        beyond_reach=not within,
        not_open_within_reach=len(closed),
        next_to_open=next((o for o in closed if o.next_open is not None), None),
        nearest_unconfirmed=min(
            (o for o in closed if o.next_open is None),
            key=lambda o: o.distance_km or 0.0,
            default=None,
        ),
    )


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


@functools.cache
def _version_query(dialect: str) -> Select[Any]:
    """Count, latest `updated_at` and, where the backend can add timestamps, their sum."""
    columns: list[ColumnElement[Any]] = [func.count(), func.max(Service.updated_at)]
    if dialect == "sqlite":
        columns.append(func.sum(func.julianday(Service.updated_at)))
    elif dialect == "postgresql":
        columns.append(func.sum(func.extract("epoch", Service.updated_at)))
    return select(*columns).select_from(Service)


# Within one conversation turn the directory is read at one version: the turn reads the
# services for its list and again for the lines that close its answer, and the second check
# would only cost another query (`one_version_per_turn`).
_turn_versions: contextvars.ContextVar[dict[int, tuple[object, ...]] | None] = (
    contextvars.ContextVar("turn_versions", default=None)
)


@contextlib.contextmanager
def one_version_per_turn() -> Iterator[None]:
    """Check the directory's version once in this block (one conversation turn), not per read."""
    token = _turn_versions.set({})
    try:
        yield
    finally:
        _turn_versions.reset(token)


def directory_version(engine: Engine) -> tuple[object, ...]:
    """A cheap fingerprint of the services table that changes whenever a service does.

    Every edit (directory.editing, used by staff, administrators and imports) and every new
    service stamps `services.updated_at`; a status change is an edit. The count sees deletions,
    the latest stamp sees edits, and the sum of all stamps sees an edit whose stamp is older
    than the latest one (two staff edits committed in the other order, another instance's clock).
    """
    memo = _turn_versions.get()
    if memo is not None and id(engine) in memo:
        return memo[id(engine)]
    with engine.connect() as connection:
        version = tuple(connection.execute(_version_query(engine.dialect.name)).one())
    if memo is not None:
        memo[id(engine)] = version
    return version


@dataclass(frozen=True)
class _Snapshot:
    version: tuple[object, ...]
    loaded_at: float
    services: tuple[ServiceRecord, ...]
    # Powiats with a researched local entry that the rule hides until it is verified.
    unconfirmed_powiats: frozenset[str] = frozenset()


# One snapshot per engine (per database), shared by every DirectoryStore on it: the bot builds
# a store per referral. Weak keys: a disposed, forgotten engine takes its snapshot with it.
_snapshots: weakref.WeakKeyDictionary[Engine, _Snapshot] = weakref.WeakKeyDictionary()
_reload_lock = threading.Lock()


def _load_active_services(engine: Engine) -> tuple[ServiceRecord, ...]:
    query = (
        select(Service)
        .where(Service.status == ServiceStatus.ACTIVE.value)
        .options(
            selectinload(Service.phones),
            selectinload(Service.areas),
            selectinload(Service.locations),
        )
    )
    with session_scope(engine) as session:
        return tuple(record_from_service(row) for row in session.scalars(query))


def unconfirmed_powiats(records: Iterable[ServiceRecord], today: date) -> frozenset[str]:
    """Powiats served by a local entry that the one visibility rule hides only until an
    administrator verifies it: there is a centre there, just not a confirmed one."""
    found: set[str] = set()
    for record in records:
        if record.scope != "local":
            continue
        if hidden_because(record.provenance, today) in AWAITING_REASONS:
            found |= record.area_powiats
    return frozenset(found)


def _load_unconfirmed_powiats(engine: Engine) -> frozenset[str]:
    query = (
        select(Service)
        .where(Service.scope == "local", Service.status.not_in(sorted(WITHDRAWN_STATUSES)))
        .options(selectinload(Service.phones), selectinload(Service.areas))
    )
    with session_scope(engine) as session:
        records = [_unconfirmed_candidate(row) for row in session.scalars(query)]
    return unconfirmed_powiats(records, date.today())


def _unconfirmed_candidate(row: Service) -> ServiceRecord:
    """The few facts `unconfirmed_powiats` reads (no locations needed)."""
    return ServiceRecord(
        id=row.id,
        name_pl=row.name_pl,
        name_en=row.name_en,
        scope=row.scope,
        hours=None,
        hours_as_published=None,
        crisis_types=frozenset(row.crisis_types),
        phones=tuple(
            PhoneRecord(p.number_as_published, p.e164, p.dial, p.is_24_7) for p in row.phones
        ),
        confidence=row.confidence,
        area_powiats=frozenset(a.code for a in row.areas if a.kind == "powiat"),
        verified_on=row.verified_on,
        status=row.status,
        source_stale=row.source_stale,
        possibly_closed=row.possibly_closed,
        hidden_reason=row.hidden_reason,
    )


class DirectoryStore:
    """Loads what residents may see (status active) from the database and ranks it."""

    def __init__(self, engine: Engine) -> None:
        """Use `engine` for every query."""
        self.engine = engine

    def active_services(self) -> list[ServiceRecord]:
        """Every active service with its phones, areas and location point.

        Served from memory while the directory's version is unchanged (one small query per
        call, so an edit made by any instance on the same database shows in the next referral)
        and no older than ACTIVE_SERVICES_MAX_AGE_SECONDS.
        """
        return list(self._snapshot().services)

    def has_unconfirmed_local(self, powiat: str) -> bool:
        """Whether a researched local entry serves `powiat` but waits for verification (so a
        resident is told "no confirmed centre", not "no centre")."""
        return powiat in self._snapshot().unconfirmed_powiats

    def _snapshot(self) -> _Snapshot:
        version = directory_version(self.engine)
        snapshot = _snapshots.get(self.engine)
        if snapshot is None or not self._fresh(snapshot, version):
            with _reload_lock:
                snapshot = _snapshots.get(self.engine)
                if snapshot is None or not self._fresh(snapshot, version):
                    # The version is read before the services: the copy is at least that new,
                    # and a change committed in between only causes one more reload.
                    snapshot = _Snapshot(
                        version,
                        time.monotonic(),
                        _load_active_services(self.engine),
                        _load_unconfirmed_powiats(self.engine),
                    )
                    _snapshots[self.engine] = snapshot
        return snapshot

    @staticmethod
    def _fresh(snapshot: _Snapshot, version: tuple[object, ...]) -> bool:
        age = time.monotonic() - snapshot.loaded_at
        return snapshot.version == version and age < ACTIVE_SERVICES_MAX_AGE_SECONDS

    def options_for(
        self,
        powiat: str,
        crisis: CrisisType,
        at: datetime,
        lang: str,
        *,
        urgent: bool = False,
        needs: frozenset[str] = frozenset(),
    ) -> list[Option]:
        """The ranked options for a resident of `powiat` in `crisis` at `at`."""
        return rank_options(
            self.active_services(), powiat, crisis, at, lang, urgent=urgent, needs=needs
        )

    def handover_points(
        self, origin: tuple[float, float], at: datetime, lang: str, *, powiat: str | None = None
    ) -> Handover:
        """Where a responder at `origin` can hand a person over at `at` (same visibility)."""
        return rank_handover_points(self.active_services(), origin, at, lang, powiat=powiat)


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
