"""Options as Telegram-HTML text: phones, opening times with Babel, and splitting long messages."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Final, Protocol, TypeVar

import phonenumbers
from babel.dates import format_datetime, format_time

from bot.events import Reply
from bot.protocol import TELEGRAM_TEXT_LIMIT
from directory.clock import WARSAW
from directory.hours import hours_now, phone_groups
from directory.i18n import N_, translator

EMERGENCY_NUMBER: Final = "112"
# "112" as a number of its own, not inside a longer one or an address such as "ul. Długa 1120".
_EMERGENCY_TOKEN: Final = re.compile(r"(?<![\d+])112(?!\d)")
LIFELINE: Final = N_("In immediate danger: %(emergency)s · day and night: %(line)s")
_EXTENSION: Final = re.compile(r"(wew\.?|ext\.?)\s*\d+", re.IGNORECASE)


class PhoneLike(Protocol):
    """A phone as the directory presents it."""

    @property
    def display(self) -> str: ...
    @property
    def e164(self) -> str | None: ...
    @property
    def dial(self) -> str | None: ...
    @property
    def hours(self) -> str | None: ...


class HoursLike(Protocol):
    """An opening state at a moment (an option, or one of its numbers: directory.hours.HoursNow)."""

    @property
    def always_open(self) -> bool: ...
    @property
    def open_now(self) -> bool | None: ...
    @property
    def hours(self) -> str | None: ...
    @property
    def hours_as_published(self) -> str | None: ...
    @property
    def next_open(self) -> datetime | None: ...
    @property
    def closes_at(self) -> datetime | None: ...


class OptionLike(HoursLike, Protocol):
    """One ranked option as the directory presents it (directory.referral.Option): its opening
    state (HoursLike) and the rest."""

    @property
    def service_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def short_name(self) -> str: ...
    @property
    def phones(self) -> Sequence[PhoneLike]: ...
    @property
    def scope(self) -> str: ...
    @property
    def distance_km(self) -> float | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def notice(self) -> str | None: ...
    @property
    def verified_on(self) -> date | None: ...
    @property
    def source_date(self) -> str | None: ...
    @property
    def residents_only(self) -> bool: ...

    def provenance(self, lang: str) -> str:
        """Where the details come from ("checked on …", "from a public page of …")."""
        ...

    def caveat(self, lang: str) -> str | None:
        """What a resident must know about this kind of help, if anything."""
        ...

    def why(self, lang: str, *, with_hours: bool = True) -> str:
        """Why this option is shown, in `lang` (without the hours when `with_hours` is False)."""
        ...


_Shown = TypeVar("_Shown", bound=OptionLike)


def esc(text: object) -> str:
    """Escape dynamic text for Telegram HTML."""
    return html.escape(str(text), quote=False)


def phone_text(phone: PhoneLike) -> str:
    """A phone in tap-to-call form: E.164 for ordinary numbers, short numbers as they are."""
    return _phone_text(phone.e164, phone.display, phone.dial)


# Every answer renders the same few hundred numbers (and its closing line the national ones):
# parsing each with phonenumbers every time was a tenth of a turn.
@functools.lru_cache(maxsize=4096)
def _phone_text(e164: str | None, display: str, dial: str | None) -> str:
    if e164:
        try:
            parsed = phonenumbers.parse(e164, None)
            number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            number = e164
        # Compact E.164 (no spaces) is what Telegram clients reliably turn into a tap-to-call link;
        # an extension cannot be dialled from a link, so it is shown after the number.
        extension = _EXTENSION.search(display)
        return f"{number} {extension.group(0)}" if extension else number
    # Short numbers (112, 116 123) are shown as published: that is how people know them.
    return display or dial or ""


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=WARSAW)
    return moment.astimezone(WARSAW)


def format_clock(moment: datetime, lang: str) -> str:
    """A time of day in Warsaw, e.g. 20:00."""
    return format_time(_local(moment), "HH:mm", tzinfo=WARSAW, locale=lang)


def opening_text(option: HoursLike, now: datetime, lang: str) -> str:
    """'open 24/7', 'open now until 20:00', 'opens Mon 08:00', or that the hours are unconfirmed."""
    _ = translator(lang).gettext
    if option.always_open:
        return _("open 24/7")
    if option.open_now:
        if option.closes_at is not None:
            return _("open now until %(time)s") % {"time": format_clock(option.closes_at, lang)}
        return _("open now")
    if option.next_open is not None:
        opens = _local(option.next_open)
        today = _local(now).date()
        clock = format_clock(opens, lang)
        if opens.date() == today:
            return _("opens today at %(time)s") % {"time": clock}
        if (opens.date() - today).days == 1:
            return _("opens tomorrow at %(time)s") % {"time": clock}
        day = format_datetime(opens, "EEE", tzinfo=WARSAW, locale=lang)
        return _("opens %(day)s %(time)s") % {"day": day, "time": clock}
    if option.hours and option.hours_as_published:
        return _("hours: %(hours)s") % {"hours": option.hours_as_published}
    # Without checked hours the published text is often a researcher's note, in either language;
    # the honest, useful thing to say is to call and ask.
    return _("opening hours not confirmed, call to check")


def render_option(option: OptionLike, now: datetime, lang: str) -> str:
    """One option as Telegram HTML: name, phones, hours, why, then caveats, link and check date.

    Each fact is said once: the hours line carries the opening times, so the why line (where
    it serves, whom it is for, the distance of a centre beyond the border) leaves them out.
    """
    _ = translator(lang).gettext
    lines = [f"<b>{esc(option.short_name)}</b>"]
    lines += phone_lines(option, now, lang)
    why = option.why(lang, with_hours=False)
    if why:
        lines.append(f"<i>{esc(why)}</i>")
    if option.residents_only and str(option.scope) == "nearby":
        lines.append("⚠ " + esc(_("may take only residents of its own area: ask when you call")))
    caveat = option.caveat(lang)
    if caveat:
        lines.append("ℹ " + esc(caveat))
    if option.notice:
        lines.append("⚠ " + esc(option.notice))
    if option.url and option.url.startswith(("https://", "http://")):
        link_text = _("website or chat")
        lines.append(f'<a href="{html.escape(option.url, quote=True)}">{esc(link_text)}</a>')
    if str(option.scope) != "emergency":
        lines.append(f"<i>{esc(option.provenance(lang))}</i>")
    return "\n".join(lines)


def phone_lines(option: OptionLike, now: datetime, lang: str) -> list[str]:
    """The phones and their opening hours: once for the entry, or per number where they differ.

    Safety rule: "open 24/7" is said only of a number that answers round the clock, not of an
    office number listed beside it (HSDS: a schedule per phone).
    """
    groups = phone_groups(list(option.phones), option.hours)
    lines: list[str] = []
    if groups is None:
        if option.phones:
            numbers = ", ".join(esc(phone_text(phone)) for phone in option.phones)
            lines.append("☎ " + numbers)
        return [*lines, esc(opening_text(option, now, lang))]
    for group, hours in groups:
        state: HoursLike = option if hours == option.hours else hours_now(hours, now)
        numbers = ", ".join(esc(phone_text(phone)) for phone in group)
        lines.append(f"☎ {numbers} — {esc(opening_text(state, now, lang))}")
    return lines


def result_pages(options: Sequence[_Shown], page_size: int) -> list[list[_Shown]]:
    """Split ranked options into pages, in exactly their ranked order.

    What must be on page one (112, the nearby centres the header announces) is the ranking's
    rule (directory.referral), not the page's: a page never reorders or stretches.
    """
    if not options:
        return [[]]
    return [list(options[start : start + page_size]) for start in range(0, len(options), page_size)]


GENERAL_HEADLINE: Final = N_("If your life or someone else's is in danger right now, call 112.")
CALL_NOW_HEADLINE: Final = N_("Call 112 now: ambulance, fire brigade, police.")
# Safety rule: a danger reply's first line is a call to 112 in words that fit what is happening;
# what follows is warm and practical, never asks "are you sure" and never names a method
# (safe-messaging guidance). By danger (bot.screening.Danger values): the headline, whether 112
# stands alone first ("call now": an ambulance or the fire brigade is needed), and one line of
# what to do meanwhile, if any.
DANGER_HEADLINES: Final[dict[str, tuple[str, bool, str | None]]] = {
    "suicidal": (
        N_("If you might act on thoughts of ending your life, call 112 now."),
        False,
        None,
    ),
    "plan_means": (
        N_("If you are in danger of ending your life, call 112 now."),
        False,
        N_(
            "If you can, put distance between yourself and anything you could use to hurt "
            "yourself, and go to where other people are."
        ),
    ),
    "self_harm": (
        N_("If you are hurt or bleeding, call 112 now: an ambulance will come."),
        True,
        None,
    ),
    "overdose": (
        N_(
            "Call 112 now: after too many pills or a poison, an ambulance is needed even if "
            "you feel fine."
        ),
        True,
        None,
    ),
    "violence": (
        N_("If you are in danger, call 112 now: the police will come."),
        False,
        N_("If you can, go to a safe place or to other people."),
    ),
    "child_danger": (
        N_("A child may be in danger: call 112 now."),
        False,
        None,
    ),
    "medical": (
        N_("Call 112 now for an ambulance."),
        True,
        N_("Stay with the person and do what the dispatcher tells you."),
    ),
    "disaster": (
        CALL_NOW_HEADLINE,
        True,
        N_("Get yourself and others to safety if you can."),
    ),
    "missing": (
        N_("Someone missing may be in danger: call 112 now."),
        False,
        None,
    ),
}


def render_emergency_block(
    options: Sequence[OptionLike],
    lang: str,
    *,
    call_112_now: bool = False,
    danger: str | None = None,
) -> str:
    """The immediate-danger block: 112 first, then the national 24/7 lines, in warm plain words.

    With `danger` (a bot.screening.Danger value) the first line speaks to that danger. With
    `call_112_now` (someone not breathing, a fire, an overdose) 112 stands alone under a plain
    "call 112 now", and the lines to talk to come after it, as something for afterwards.
    """
    translations = translator(lang)
    _ = translations.gettext

    def is_112(option: OptionLike) -> bool:
        return any((p.dial or p.display) == EMERGENCY_NUMBER for p in option.phones)

    def bullet(option: OptionLike) -> str | None:
        numbers = ", ".join(esc(phone_text(phone)) for phone in option.phones)
        return f"• <b>{numbers}</b> — {esc(option.short_name)}" if numbers else None

    emergency_line = next(
        (line for line in map(bullet, filter(is_112, options)) if line),
        f"• <b>{EMERGENCY_NUMBER}</b> — " + esc(_("emergency number")),
    )
    others = [line for line in (bullet(o) for o in options if not is_112(o)) if line]
    headline, now, advice = DANGER_HEADLINES.get(danger or "", (None, call_112_now, None))
    if headline is None:
        headline = CALL_NOW_HEADLINE if call_112_now else GENERAL_HEADLINE
    lines = ["🆘 <b>" + esc(_(headline)) + "</b>"]
    if now:
        lines.append(emergency_line)
        if advice:
            lines.append(esc(_(advice)))
        if others:
            afterwards = translations.ngettext(
                "Afterwards, if you need to talk, this line answers day and night:",
                "Afterwards, if you need to talk, these lines answer day and night:",
                len(others),
            )
            lines += [esc(afterwards), *others]
        return "\n".join(lines)
    if advice:
        lines.append(esc(_(advice)))
    lines += [esc(_("You are not alone. These lines answer day and night:")), emergency_line]
    lines += others
    return "\n".join(lines)


def split_message(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split text into messages of at most `limit` characters, at line boundaries where possible.

    A single line longer than the limit is cut hard, but never inside an HTML tag or entity.
    """
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = line if not current else current + "\n" + line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
            current = ""
        while len(line) > limit:
            cut = _safe_cut(line, limit)
            chunks.append(line[:cut])
            line = line[cut:]
        current = line
    if current:
        chunks.append(current)
    return chunks


def _safe_cut(line: str, limit: int) -> int:
    cut = limit
    opening_tag = line.rfind("<", 0, cut)
    if opening_tag > line.rfind(">", 0, cut):
        cut = opening_tag
    ampersand = line.rfind("&", 0, cut)
    if ampersand > line.rfind(";", 0, cut) and cut - ampersand < 10:
        cut = ampersand
    space = line.rfind(" ", 0, cut)
    if space > limit // 2:
        cut = space + 1
    return max(cut, 1)


# --- the lifeline: 112 and a national 24/7 line under every answer ---------------------------


def _is_emergency(option: OptionLike) -> bool:
    return any((p.dial or p.display) == EMERGENCY_NUMBER for p in option.phones)


def national_line_numbers(lines: Sequence[OptionLike]) -> list[str]:
    """The national 24/7 numbers among `lines` (112 and the national lines), as rendered."""
    return [
        phone_text(phone)
        for option in lines
        if not _is_emergency(option)
        for phone in option.phones
        if phone.dial or phone.display
    ]


def lifeline_text(lines: Sequence[OptionLike], lang: str) -> str:
    """One line with 112 and the first national 24/7 line of `lines`, as Telegram HTML.

    `lines` are 112 and the national lines as the directory has them now (the database, or the
    bundled copy when it cannot be read), so a withdrawn or changed number is never said here.
    """
    numbers = national_line_numbers(lines)
    text = translator(lang).gettext(LIFELINE) % {
        "emergency": EMERGENCY_NUMBER,
        # Safety rule: a directory without any national line is broken; 116 123 is the
        # national 24/7 line for adults with the strongest sources (directory.emergency).
        "line": numbers[0] if numbers else "116 123",
    }
    return "<i>" + esc(text) + "</i>"


def carries_lifeline(text: str, lines: Sequence[OptionLike]) -> bool:
    """Whether `text` already shows 112 and one of the national 24/7 lines of `lines`."""
    if not _EMERGENCY_TOKEN.search(text):
        return False
    numbers = national_line_numbers(lines) or ["116 123"]
    return any(number in text for number in numbers)


def close_turn(replies: Sequence[Reply], lines: Sequence[OptionLike], lang: str) -> list[Reply]:
    """Every answer ends with 112 and a national 24/7 line: the one rule, applied in one place.

    Safety rule (no dead ends): whatever produced the replies (the resident dialogue, a staff or
    administrator command, an error, an outage), the last message of the answer carries 112 and
    a national 24/7 line; one that does not gets the one-line lifeline added (`lifeline_text`).
    An empty answer becomes the lifeline alone.
    """
    closed = list(replies)
    if not closed:
        return [Reply(text=lifeline_text(lines, lang))]
    last = closed[-1]
    if carries_lifeline(last.text, lines):
        return closed
    footer = lifeline_text(lines, lang)
    text = last.text + "\n\n" + footer if last.text else footer
    if len(text) <= TELEGRAM_TEXT_LIMIT:
        closed[-1] = Reply(text=text, buttons=last.buttons, photo_png=last.photo_png)
    else:
        # No room in the last message: the lifeline follows it and takes its buttons along, so
        # the buttons stay under the last thing read.
        closed[-1] = Reply(text=last.text, photo_png=last.photo_png)
        closed.append(Reply(text=footer, buttons=last.buttons))
    return closed
