"""An option as a resident sees it: name, numbers, open or closed now, why it is listed."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

from directory.hours import parse as parse_hours
from directory.i18n import translator
from directory.kinds import kind_caveat
from directory.phones import normalise_phone, tel_uri
from directory.referral.reasons import HOURS_REASONS, REASON_TEXT, Reason, Scope
from directory.referral.records import PhoneRecord, ServiceRecord
from directory.visibility import Standing, provenance_line, standing

# A trailing gloss in parentheses ("(telefon zaufania dla osób dorosłych …)", "(dawniej: …)"):
# lower-case, so proper names in parentheses ("(Fundacja Nagle Sami)", "(WOIK)") are kept.
_TRAILING_GLOSS: Final = re.compile(r"\s*\((?P<gloss>[a-ząćęłńóśźż][^()]*)\)\s*$")
_GLOSS_KEPT_UP_TO: Final = 24
# "X „Name” - a longer official description": the quoted name is what people know the line by.
_QUOTED_NAME_HEAD: Final = re.compile(r"^(?P<head>.+?[”\"])\s+[-–]\s+\S.*$")


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
