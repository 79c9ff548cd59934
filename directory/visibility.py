"""The one rule that decides what a resident sees, and the one wording of where an entry comes from.

Referral, the coverage report, the verification queue and the staff/admin views all ask
`standing()`; none of them decides on its own. The rule (non-negotiable 1 of the brief):

* an entry that is withdrawn (temporarily closed, defunct), hidden by an administrator with a
  reason, or has no phone that can be dialled is never shown and never counts as coverage;
* an entry verified by its centre or an administrator is shown: as VERIFIED while the check is
  at most STALE_AFTER_DAYS old, then as VERIFIED_STALE (still shown, says so, ranked below the
  fresh ones of its tier);
* an entry never verified is shown as UNCONFIRMED ("not yet confirmed by the centre; from a
  public page of <date>", ranked below the verified ones of its tier) only when it is `active`,
  its source is of high or medium confidence, the source is not stale (flagged so by the
  researcher: more than SOURCE_STALE_AFTER_YEARS old) and it is not flagged
  as possibly closed; otherwise it is HIDDEN and waits in the verification queue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from babel.dates import format_date

from directory.i18n import N_, translator
from directory.vocabulary import ServiceStatus

STALE_AFTER_DAYS: Final = 90
# NOTES.md: `STALE` marks a source more than 8 years old.
SOURCE_STALE_AFTER_YEARS: Final = 8
SHOWN_CONFIDENCES: Final = frozenset({"high", "medium"})
WITHDRAWN_STATUSES: Final = frozenset(
    {ServiceStatus.TEMPORARILY_CLOSED.value, ServiceStatus.DEFUNCT.value}
)
_DATE_TOKEN: Final = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?(?!\d)")


class Standing(StrEnum):
    """How an entry stands with residents, best first."""

    VERIFIED = "verified"
    VERIFIED_STALE = "verified_stale"
    UNCONFIRMED = "unconfirmed"
    HIDDEN = "hidden"


# Within a tier of the referral: fresh checks, then old checks, then never checked.
FRESHNESS_RANK: Final[dict[Standing, int]] = {
    Standing.VERIFIED: 0,
    Standing.VERIFIED_STALE: 1,
    Standing.UNCONFIRMED: 2,
    Standing.HIDDEN: 3,
}


class HiddenBecause(StrEnum):
    """Why the rule hides an entry (for administrators and staff; residents never see these)."""

    WITHDRAWN = "withdrawn"
    HIDDEN_BY_ADMINISTRATOR = "hidden_by_administrator"
    NO_PHONE = "no_phone"
    AWAITING_VERIFICATION = "awaiting_verification"
    LOW_CONFIDENCE = "low_confidence"
    STALE_SOURCE = "stale_source"
    POSSIBLY_CLOSED = "possibly_closed"


# Why an entry is hidden, in words for its staff and administrators (never for residents).
HIDDEN_LABELS: Final[dict[HiddenBecause, str]] = {
    HiddenBecause.WITHDRAWN: N_("it is marked as closed or no longer operating"),
    HiddenBecause.HIDDEN_BY_ADMINISTRATOR: N_("an administrator hid it: %(reason)s"),
    HiddenBecause.NO_PHONE: N_("it has no phone number residents could call"),
    HiddenBecause.AWAITING_VERIFICATION: N_("it waits for verification by the Drogowskaz team"),
    HiddenBecause.LOW_CONFIDENCE: N_(
        "its source is not reliable enough to show it before it is verified"
    ),
    HiddenBecause.STALE_SOURCE: N_("its source is very old; it waits for verification"),
    HiddenBecause.POSSIBLY_CLOSED: N_("it may have closed; it waits for verification"),
}
# Why an entry is hidden when an administrator's verification can change that.
AWAITING_REASONS: Final = frozenset(
    {
        HiddenBecause.NO_PHONE,
        HiddenBecause.AWAITING_VERIFICATION,
        HiddenBecause.LOW_CONFIDENCE,
        HiddenBecause.STALE_SOURCE,
        HiddenBecause.POSSIBLY_CLOSED,
    }
)


@dataclass(frozen=True)
class Provenance:
    """What the rule looks at: status, contact, source quality and the last check."""

    status: str
    confidence: str
    has_phone: bool
    verified_on: date | None = None
    source_date: str | None = None
    source_stale: bool = False
    possibly_closed: bool = False
    hidden_reason: str | None = None


@dataclass(frozen=True, order=True)
class SourceDate:
    """The newest date a source text names: a day, a month or only a year."""

    year: int
    month: int | None = None
    day: int | None = None


def newest_source_date(text: str | None) -> SourceDate | None:
    """The newest date in a free-text source date ("2018-11-13 ; 2018-10 ; undated").

    A part that says "undated" gives no date even when it names a year ("undated (stats to
    2016)", "undated (≥2022-10)"): those years are hints about the page, not its date.
    """
    dated = [
        part
        for part in re.split(r";", text or "")
        if not part.strip().lower().startswith(("undated", "before update: undated"))
    ]
    found = []
    for match in _DATE_TOKEN.finditer(" ; ".join(dated)):
        year, month, day = match.groups()
        found.append(
            SourceDate(int(year), int(month) if month else None, int(day) if day else None)
        )
    return max(found, key=lambda d: (d.year, d.month or 0, d.day or 0), default=None)


def source_is_stale(provenance: Provenance, today: date) -> bool:
    """Flagged STALE by the researcher (a source more than SOURCE_STALE_AFTER_YEARS old).

    Not derived from the dates alone: an entry's dated sources are often its oldest ones (800
    120 002 has pages of 2016 and 2017 beside undated current ones), so their age would hide
    lines the researcher rated high.
    """
    return provenance.source_stale


def hidden_because(provenance: Provenance, today: date) -> HiddenBecause | None:
    """Why the rule hides the entry, or None when residents see it."""
    if provenance.status in WITHDRAWN_STATUSES:
        return HiddenBecause.WITHDRAWN
    if provenance.hidden_reason:
        return HiddenBecause.HIDDEN_BY_ADMINISTRATOR
    if not provenance.has_phone:
        return HiddenBecause.NO_PHONE
    if provenance.status != ServiceStatus.ACTIVE.value:
        return HiddenBecause.AWAITING_VERIFICATION
    if provenance.verified_on is not None:
        return None
    if provenance.confidence not in SHOWN_CONFIDENCES:
        return HiddenBecause.LOW_CONFIDENCE
    if source_is_stale(provenance, today):
        return HiddenBecause.STALE_SOURCE
    if provenance.possibly_closed:
        return HiddenBecause.POSSIBLY_CLOSED
    return None


def standing(
    provenance: Provenance, today: date, stale_after_days: int = STALE_AFTER_DAYS
) -> Standing:
    """How the entry stands with residents on `today` (see the module doc)."""
    if hidden_because(provenance, today) is not None:
        return Standing.HIDDEN
    if provenance.verified_on is None:
        return Standing.UNCONFIRMED
    if (today - provenance.verified_on).days > stale_after_days:
        return Standing.VERIFIED_STALE
    return Standing.VERIFIED


def is_shown(provenance: Provenance, today: date) -> bool:
    """Whether residents see the entry on `today`."""
    return standing(provenance, today) is not Standing.HIDDEN


def hidden_label(reason: HiddenBecause, lang: str, hidden_reason: str | None = None) -> str:
    """Why the rule hides an entry, in words for its staff and administrators."""
    text = translator(lang).gettext(HIDDEN_LABELS[reason])
    if reason is HiddenBecause.HIDDEN_BY_ADMINISTRATOR:
        return text % {"reason": hidden_reason or ""}
    return text


def would_be_shown_if_verified(provenance: Provenance) -> bool:
    """Whether verifying the entry as it stands would show it (not withdrawn, has a phone)."""
    return (
        provenance.status not in WITHDRAWN_STATUSES
        and not provenance.hidden_reason
        and provenance.has_phone
    )


# --- the wording (one place: referral, bot, responders view and web chat call these) ----------


def format_source_date(text: str | None, lang: str) -> str | None:
    """The newest source date in words ("12 Oct 2024", "October 2024", "2021"), or None."""
    newest = newest_source_date(text)
    if newest is None:
        return None
    if newest.month is None:
        return str(newest.year)
    if newest.day is None:
        return format_date(date(newest.year, newest.month, 1), "MMMM yyyy", locale=lang)
    return format_date(date(newest.year, newest.month, newest.day), format="medium", locale=lang)


def provenance_line(
    entry_standing: Standing,
    verified_on: date | None,
    source_date: str | None,
    lang: str,
    *,
    local: bool = True,
) -> str:
    """Where the entry's details come from, for residents: "checked on 4 Dec 2026", or "not yet
    confirmed by the centre; from a public page of October 2024" (without the first half for a
    national line, whose operator is not a local centre)."""
    _ = translator(lang).gettext
    if verified_on is not None and entry_standing is not Standing.HIDDEN:
        checked = format_date(verified_on, format="medium", locale=lang)
        if entry_standing is Standing.VERIFIED_STALE:
            return _("last checked on %(date)s, some time ago: call to confirm") % {"date": checked}
        return _("checked on %(date)s") % {"date": checked}
    published = format_source_date(source_date, lang)
    if published is None:
        source = _("from an undated public page")
    else:
        source = _("from a public page of %(date)s") % {"date": published}
    if local:
        return _("not yet confirmed by the centre; %(source)s") % {"source": source}
    return source
