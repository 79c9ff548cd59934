"""Referral ranking: which help to show a resident of a powiat in a crisis, in what order, why.

Safety rules enforced here: 112 comes first for life-threatening crises and whenever the resident
says it is urgent; every list, for every powiat and crisis, contains 112 and a national 24/7 line
with strong sources (the bundled fallback in directory.referral.floor guarantees that floor).

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

from collections.abc import Iterable, Sequence
from dataclasses import KW_ONLY, dataclass
from datetime import date, datetime
from typing import Final

from directory.crisis import ADDICTION_NEEDS, LIFE_THREATENING, ONLY_WHEN_SAID, CrisisType, Need
from directory.gazetteer import distance_km, load_gazetteer
from directory.kinds import is_handover_kind, needs_emergency_first
from directory.referral import floor
from directory.referral.options import Option, build_option
from directory.referral.reasons import SPOKEN_FIRST, Reason, Scope
from directory.referral.records import ServiceRecord
from directory.visibility import (
    AWAITING_REASONS,
    FRESHNESS_RANK,
    Standing,
    hidden_because,
    standing,
)

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


_Candidate = tuple[tuple[object, ...], Option]


@dataclass(frozen=True)
class OptionsRequest:
    """What a resident's list is asked for: the same question to the ranking, the stored
    directory and the dialogue's Directory."""

    powiat: str
    crisis: CrisisType
    at: datetime
    lang: str
    _: KW_ONLY
    urgent: bool = False
    # What the resident said of their situation (directory.crisis.Need values).
    needs: frozenset[str] = frozenset()


def rank_options(
    services: Sequence[ServiceRecord],
    request: OptionsRequest,
    *,
    origin: tuple[float, float] | None = None,
) -> list[Option]:
    """Order the help for `request` among `services` (pure; see module doc); `origin` is where
    the resident is, when known, for the nearby centres."""
    powiat, crisis, at, lang = request.powiat, request.crisis, request.at, request.lang
    needs = request.needs
    emergency_first = request.urgent or crisis in LIFE_THREATENING
    candidates: list[_Candidate] = []
    has_floor_line = False  # a national 24/7 line with strong sources, for this audience
    for service in services:
        found = _resident_candidate(service, powiat, crisis, at, lang, needs)
        if found is None:
            continue
        candidate, floor_fit = found
        emergency_first |= needs_emergency_first(service.kind)
        has_floor_line |= floor_fit
        candidates.append(candidate)
    if not any(option.scope is Scope.LOCAL for _, option in candidates):
        candidates += _nearby_candidates(services, powiat, crisis, at, lang, origin, needs)
    if not has_floor_line:
        candidates.append(_floor_candidate(services, crisis, at, lang))
    candidates.append(_emergency_candidate(services, at, lang, first=emergency_first))
    candidates.sort(key=lambda item: item[0])
    return _page_one_holds(_without_repeated_phones(option for _, option in candidates))


def _resident_candidate(
    service: ServiceRecord,
    powiat: str,
    crisis: CrisisType,
    at: datetime,
    lang: str,
    needs: frozenset[str],
) -> tuple[_Candidate, bool] | None:
    """A line serving `powiat` that fits the crisis, with its sort key, and whether it is a
    national floor line for this audience; None when it is not listed."""
    if service.scope == "emergency" or crisis.value not in service.crisis_types:
        return None
    if not service.serves(powiat) or not any(p.dial for p in service.phones):
        return None
    level = line_fits(service, crisis, needs)
    if level is None:
        return None
    entry_standing = standing(service.provenance, at.date())
    if entry_standing is Standing.HIDDEN:
        return None
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
    floor_fit = False
    if time_reason is Reason.OPEN_24_7:
        tier = _Tier.ALWAYS_OPEN_FITTING if fits else _Tier.ALWAYS_OPEN_OTHER_AUDIENCE
        floor_fit = fits and service.id in floor.FLOOR_SERVICE_IDS
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
    return (key, option), floor_fit


def _nearby_candidates(
    services: Sequence[ServiceRecord],
    powiat: str,
    crisis: CrisisType,
    at: datetime,
    lang: str,
    origin: tuple[float, float] | None,
    needs: frozenset[str],
) -> list[_Candidate]:
    """The nearest centres beyond the border of a powiat without one of its own."""
    candidates: list[_Candidate] = []
    for distance, service in _nearby(services, powiat, crisis, origin, at.date(), needs):
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
    return candidates


def _floor_candidate(
    services: Sequence[ServiceRecord], crisis: CrisisType, at: datetime, lang: str
) -> _Candidate:
    """The national 24/7 floor line for `crisis`, when no listed line is one."""
    # From the same active services: a withdrawn line is never brought back as the floor.
    fallback = floor.floor_record(crisis, services)
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
    return (_Tier.FLOOR, True, 0, 0.0, False, 0, 0, fallback.id), option


def _emergency_candidate(
    services: Sequence[ServiceRecord], at: datetime, lang: str, *, first: bool
) -> _Candidate:
    """112: first when life may be at risk, else after the lines open round the clock."""
    record = next((s for s in services if s.scope == "emergency"), None)
    if record is None:
        record = floor.emergency_record(services)
    option = build_option(
        record,
        at,
        lang,
        Scope.EMERGENCY,
        (Reason.EMERGENCY_FIRST if first else Reason.EMERGENCY, Reason.OPEN_24_7),
    )
    tier = _Tier.EMERGENCY_FIRST if first else _Tier.EMERGENCY
    return (tier, True, 0, 0.0, False, 0, 0, record.id), option


def _without_repeated_phones(options: Iterable[Option]) -> list[Option]:
    """The options in order, each without the numbers listed above it; dropped if none is left."""
    ranked: list[Option] = []
    shown: set[str] = set()
    for option in options:
        kept = _without_shown_phones(option, shown)
        if kept is not None:
            ranked.append(kept)
            shown.update(p.dial for p in kept.phones if p.dial)
    return ranked


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
