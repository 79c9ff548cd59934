"""Options as Telegram-HTML text: phones, opening times with Babel, and splitting long messages."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Final, Protocol, TypeVar
from zoneinfo import ZoneInfo

import phonenumbers
from babel.dates import format_datetime, format_time

from bot.events import TELEGRAM_TEXT_LIMIT
from directory.i18n import N_, translator

WARSAW: Final = ZoneInfo("Europe/Warsaw")
EMERGENCY_NUMBER: Final = "112"
_EXTENSION: Final = re.compile(r"(wew\.?|ext\.?)\s*\d+", re.IGNORECASE)


class PhoneLike(Protocol):
    """A phone as the directory presents it."""

    @property
    def display(self) -> str: ...
    @property
    def e164(self) -> str | None: ...
    @property
    def dial(self) -> str | None: ...


class OptionLike(Protocol):
    """One ranked option as the directory presents it (directory.referral.Option)."""

    @property
    def service_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def short_name(self) -> str: ...
    @property
    def phones(self) -> Sequence[PhoneLike]: ...
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
    if phone.e164:
        try:
            parsed = phonenumbers.parse(phone.e164, None)
            number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            number = phone.e164
        # Compact E.164 (no spaces) is what Telegram clients reliably turn into a tap-to-call link;
        # an extension cannot be dialled from a link, so it is shown after the number.
        extension = _EXTENSION.search(phone.display)
        return f"{number} {extension.group(0)}" if extension else number
    # Short numbers (112, 116 123) are shown as published: that is how people know them.
    return phone.display or phone.dial or ""


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=WARSAW)
    return moment.astimezone(WARSAW)


def format_clock(moment: datetime, lang: str) -> str:
    """A time of day in Warsaw, e.g. 20:00."""
    return format_time(_local(moment), "HH:mm", tzinfo=WARSAW, locale=lang)


def opening_text(option: OptionLike, now: datetime, lang: str) -> str:
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
    phones = [phone_text(phone) for phone in option.phones]
    if phones:
        lines.append("☎ " + ", ".join(esc(number) for number in phones))
    lines.append(esc(opening_text(option, now, lang)))
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
