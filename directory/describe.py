"""A help point in words, the same in every channel: how fresh it is, how far, whom it takes.

The bot's responders' view (bot/responders.py) and the printable powiat card (directory/card.py)
both describe points with these, so a point reads the same on a phone and on the wall.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Final

from babel.dates import format_date

from directory.i18n import translator
from directory.kinds import access_label
from directory.referral import Option
from directory.vocabulary import AUDIENCE_LABELS

PowiatName = Callable[[str], str | None]
# The first date in a source-date text such as "2018-11-13 ; 2018-10" or "undated (2022)".
_SOURCE_DATE: Final = re.compile(
    r"\b(?P<year>(?:19|20)\d\d)(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?\b"
)


def source_date_text(source_date: str | None, lang: str) -> str | None:
    """The date of the public page an entry comes from, in words ("October 2023"), if any."""
    found = _SOURCE_DATE.search(source_date or "")
    if found is None:
        return None
    year, month, day = found.group("year", "month", "day")
    try:
        if day:
            return format_date(date(int(year), int(month), int(day)), "medium", locale=lang)
        if month:
            return format_date(date(int(year), int(month), 1), "MMMM yyyy", locale=lang)
    except ValueError:
        pass
    return year


def provenance_text(option: Option, lang: str) -> str:
    """How fresh an entry is: "checked on <date>", else "from a public page of <date>"."""
    _ = translator(lang).gettext
    if option.verified_on is not None:
        checked = format_date(option.verified_on, format="medium", locale=lang)
        return _("checked on %(date)s") % {"date": checked}
    published = source_date_text(option.source_date, lang)
    if published is None:
        return _("from an undated public page")
    return _("from a public page of %(date)s") % {"date": published}


def distance_text(option: Option, lang: str) -> str:
    """'3.2 km', or '≈ 12 km' when the point stands for a whole powiat (its centroid)."""
    km = option.distance_km or 0.0
    number = f"{km:.1f}" if km < 10 else f"{km:.0f}"
    if lang == "pl":
        number = number.replace(".", ",")
    return ("≈ " if option.approximate_point else "") + f"{number} km"


def area_text(option: Option, lang: str, powiat_name: PowiatName) -> str:
    """Whom the point serves by area: this powiat, a named one, or its residents only."""
    _ = translator(lang).gettext
    if option.residents_only:
        return _("residents of its area only")
    if str(option.scope) == "local":
        return _("serves this powiat")
    names = [name for code in sorted(option.area_powiats) if (name := powiat_name(code))]
    if not names:
        return ""
    shown = names[0].split(",", 1)[0]
    if len(names) > 1:
        return _("serves %(powiat)s and %(count)d more") % {
            "powiat": shown,
            "count": len(names) - 1,
        }
    return _("serves %(powiat)s") % {"powiat": shown}


def audience_label(audience: Iterable[str], lang: str) -> str:
    """Whom a service is for, in words ("adults", "children and young people")."""
    gettext = translator(lang).gettext
    known = [AUDIENCE_LABELS[a] for a in sorted(set(audience)) if a in AUDIENCE_LABELS]
    return ", ".join(gettext(label) for label in known)


def accepts_text(option: Option, lang: str, powiat_name: PowiatName) -> str:
    """Whom it takes (age, area, referral) in one line, as far as the entry and its kind say."""
    parts = [
        audience_label(option.audience, lang),
        area_text(option, lang, powiat_name),
        access_label(option.kind, lang),
    ]
    return " · ".join(part for part in parts if part)
