"""The responders' view (/services, /sluzby) as Telegram HTML: where to hand a person over now.

For police officers, paramedics and crisis workers: the points open now, nearest first, each in
five short lines (name; kind, distance and hours; phones; address; whom it takes and how fresh
the entry is), then the national lines. It fits one phone screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from bot.render import HoursLike, OptionLike, esc, format_clock, opening_text, phone_text
from directory.describe import PowiatName, accepts_text, distance_text, provenance_text
from directory.hours import hours_now, phone_groups
from directory.i18n import translator
from directory.kinds import kind_label
from directory.referral import Handover, Option

EMERGENCY_NUMBER: Final = "112"


def render_point(
    index: int, option: Option, now: datetime, lang: str, powiat_name: PowiatName
) -> str:
    """One handover point in five lines: name; kind, distance, hours; phones; address; access."""
    head = " · ".join(
        part
        for part in (
            kind_label(option.kind, lang),
            distance_text(option, lang),
            opening_text(option, now, lang),
        )
        if part
    )
    lines = [f"<b>{index}. {esc(option.short_name)}</b>", esc(head)]
    dialable = [phone for phone in option.phones if phone.dial]
    groups = phone_groups(dialable, option.hours)
    if groups is None:
        if dialable:
            lines.append("☎ " + ", ".join(esc(phone_text(phone)) for phone in dialable))
    else:
        # A 24-hour line beside an office number: each number with its own hours.
        for group, hours in groups:
            state: HoursLike = option if hours == option.hours else hours_now(hours, now)
            numbers = ", ".join(esc(phone_text(phone)) for phone in group)
            lines.append(f"☎ {numbers} — {esc(opening_text(state, now, lang))}")
    if option.address:
        lines.append("📍 " + esc(option.address))
    footer = " · ".join(
        part for part in (accepts_text(option, lang, powiat_name), provenance_text(option, lang))
    )
    lines.append(f"<i>{esc(footer.strip(' ·'))}</i>")
    return "\n".join(lines)


def national_lines_text(lines: Sequence[OptionLike], lang: str) -> str:
    """'In immediate danger call 112. National 24/7 lines: 116 123 · …' in one or two lines."""
    _ = translator(lang).gettext
    numbers = [
        ", ".join(phone_text(phone) for phone in option.phones)
        for option in lines
        if not any((p.dial or p.display) == EMERGENCY_NUMBER for p in option.phones)
    ]
    text = "🆘 <b>" + esc(_("In immediate danger, call 112.")) + "</b>"
    if numbers:
        national = _("National 24/7 lines: %(numbers)s") % {"numbers": " · ".join(numbers)}
        text += "\n" + esc(national)
    return text


def render_handover(
    handover: Handover,
    now: datetime,
    lang: str,
    *,
    place_label: str,
    powiat_name: PowiatName,
    national_lines: Sequence[OptionLike],
) -> str:
    """The whole view: heading, the points open now (or the nearest beyond reach), the count of
    points within reach that are not open, and 112 with the national lines."""
    translations = translator(lang)
    _ = translations.gettext
    km = round(handover.reach_km)
    heading = _("Open now near %(place)s (%(time)s):") % {
        "place": place_label,
        "time": format_clock(now, lang),
    }
    lines = ["<b>" + esc(heading) + "</b>"]
    if handover.beyond_reach:
        if handover.points:
            note = _("Nothing is open within %(km)d km. The nearest open anyway:") % {"km": km}
        else:
            note = _("Nothing is open within %(km)d km.") % {"km": km}
        lines.append("<i>" + esc(note) + "</i>")
    for index, option in enumerate(handover.points, 1):
        lines.append("")
        lines.append(render_point(index, option, now, lang, powiat_name))
    if handover.not_open_within_reach:
        lines.append("")
        closed = translations.ngettext(
            "%(count)d more within %(km)d km is closed now or its hours are not confirmed.",
            "%(count)d more within %(km)d km are closed now or their hours are not confirmed.",
            handover.not_open_within_reach,
        ) % {"count": handover.not_open_within_reach, "km": km}
        following = handover.next_to_open
        if following is not None:
            closed += " " + _("Next to open: %(name)s, %(when)s.") % {
                "name": following.short_name,
                "when": opening_text(following, now, lang),
            }
        unconfirmed = handover.nearest_unconfirmed
        if unconfirmed is not None:
            closed += " " + _(
                "Hours not confirmed, call to check: %(name)s, %(km)s, %(phone)s."
            ) % {
                "name": unconfirmed.short_name,
                "km": distance_text(unconfirmed, lang),
                "phone": ", ".join(phone_text(p) for p in unconfirmed.phones if p.dial),
            }
        lines.append(esc(closed))
    lines.append("")
    lines.append(national_lines_text(national_lines, lang))
    return "\n".join(lines)
