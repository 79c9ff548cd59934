"""The printable powiat card: one page for a police station or an ambulance base to pin up.

What is open 24/7 in the powiat, the nearest 24/7 points beyond it, the powiat's points with
office hours, and the national lines; every point with its phones, address, whom it takes and
how fresh the entry is; the date the card was made. The same entries, order and wording as the
bot's responders' view (directory.referral.handover_options, directory.describe).

Drawn with matplotlib's own canvases (no pyplot): PDF with TrueType text (so it can be
searched, copied and read back), PNG for a quick look, and plain text.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Final

import matplotlib
from babel.dates import format_date
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure

from directory.describe import accepts_text, distance_text, provenance_text
from directory.editing import describe_hours
from directory.emergency import emergency_options
from directory.gazetteer import load_gazetteer
from directory.hours import ALWAYS_OPEN, phone_groups
from directory.i18n import N_, translator
from directory.kinds import kind_label
from directory.referral import Option, ServiceRecord, handover_options

A4_INCHES: Final = (8.27, 11.69)
PNG_DPI: Final = 150
MARGIN: Final = 0.06  # of the page width, each side
NEAREST_BEYOND_COUNT: Final = 3
OFFICE_HOURS_MAX_COUNT: Final = 6
FONT: Final = "DejaVu Sans"  # matplotlib's bundled font: has every Polish letter and ☎
# Characters per line at 10 pt on A4 between the margins (DejaVu Sans is wide).
WRAP_AT_10PT: Final = 92
FORMATS: Final = ("pdf", "png", "txt")

TITLE: Final = N_("Where to hand over a person in crisis")
SECTION_24_7: Final = N_("Open 24/7 in this powiat")
SECTION_NONE_24_7: Final = N_(
    "This powiat has no point open 24/7 in the directory: the nearest ones are below."
)
SECTION_BEYOND: Final = N_("Nearest open 24/7 beyond the powiat (from its seat)")
SECTION_OFFICE: Final = N_("In this powiat, with opening hours (call before you come)")
SECTION_NATIONAL: Final = N_("National lines, free, 24/7")
CALL_112: Final = N_("In immediate danger, call 112.")
MADE_ON: Final = N_("Made on %(date)s from the Drogowskaz directory.")
PROVENANCE_NOTE: Final = N_(
    "Each entry says when it was last checked or the date of the public page it comes from. "
    "Entries change: make a new card every few months (python -m directory card)."
)


class Style(StrEnum):
    """How a line of the card is set."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    ALERT = "alert"
    NAME = "name"
    BODY = "body"
    NOTE = "note"


@dataclass(frozen=True)
class CardLine:
    """One line of the card: its text and how it is set."""

    text: str
    style: Style


@dataclass(frozen=True)
class PowiatCard:
    """Everything printed on one powiat's card, already in words."""

    powiat: str
    powiat_label: str
    lang: str
    made_at: datetime
    always_open: tuple[Option, ...]
    nearest_beyond: tuple[Option, ...]
    office_hours: tuple[Option, ...]
    national: tuple[Option, ...] = field(default=())


def build_card(
    services: Sequence[ServiceRecord], powiat: str, made_at: datetime, lang: str
) -> PowiatCard:
    """The card for `powiat` from what residents may see, ordered as the responders' view."""
    seat = load_gazetteer().powiat(powiat)
    options = handover_options(services, (seat.lat, seat.lon), made_at, lang, powiat=powiat)
    local = [o for o in options if powiat in o.area_powiats]
    beyond = [o for o in options if o.always_open and powiat not in o.area_powiats]
    beyond.sort(key=lambda o: o.distance_km or 0.0)
    return PowiatCard(
        powiat=powiat,
        powiat_label=seat.label(),
        lang=lang,
        made_at=made_at,
        always_open=tuple(o for o in local if o.always_open),
        nearest_beyond=tuple(beyond[:NEAREST_BEYOND_COUNT]),
        office_hours=tuple(o for o in local if not o.always_open)[:OFFICE_HOURS_MAX_COUNT],
        national=tuple(emergency_options(lang)),
    )


def _powiat_name(code: str) -> str | None:
    gazetteer = load_gazetteer()
    return gazetteer.powiat(code).label() if gazetteer.has_powiat(code) else None


def dialable(option: Option) -> str:
    """The numbers one can dial, as people write them ("71 389 71 13 wew. 204")."""
    return ", ".join(phone.display for phone in option.phones if phone.dial)


def _point_lines(option: Option, lang: str, *, with_distance: bool) -> list[CardLine]:
    _ = translator(lang).gettext
    hours = _("open 24/7") if option.always_open else describe_hours(option.hours, lang)
    head = [kind_label(option.kind, lang)]
    if with_distance:
        head.append(distance_text(option, lang))
    head.append(hours)
    lines = [CardLine(option.short_name, Style.NAME)]
    numbers = [phone for phone in option.phones if phone.dial]
    groups = phone_groups(numbers, option.hours)
    if groups is None:
        lines.append(CardLine("☎ " + dialable(option), Style.NAME))
    else:
        # "24/7" belongs to the 24-hour line only, not to an office number beside it.
        for group, own_hours in groups:
            said = _("open 24/7") if own_hours == ALWAYS_OPEN else describe_hours(own_hours, lang)
            phones = ", ".join(phone.display for phone in group)
            lines.append(CardLine(f"☎ {phones} ({said})", Style.NAME))
    lines.append(CardLine(" · ".join(part for part in head if part), Style.BODY))
    if option.address:
        lines.append(CardLine(option.address, Style.BODY))
    facts = [accepts_text(option, lang, _powiat_name), provenance_text(option, lang)]
    lines.append(CardLine(" · ".join(part for part in facts if part), Style.NOTE))
    return lines


def card_lines(card: PowiatCard) -> list[CardLine]:
    """The card as lines of text with their styles, top to bottom."""
    lang = card.lang
    _ = translator(lang).gettext
    made = format_date(card.made_at.date(), "long", locale=lang)
    lines = [
        CardLine(_(TITLE), Style.TITLE),
        CardLine(card.powiat_label, Style.SUBTITLE),
        CardLine(_(MADE_ON) % {"date": made}, Style.NOTE),
        CardLine(_(CALL_112), Style.ALERT),
        CardLine(_(SECTION_24_7), Style.HEADING),
    ]
    if not card.always_open:
        lines.append(CardLine(_(SECTION_NONE_24_7), Style.BODY))
    for option in card.always_open:
        lines += _point_lines(option, lang, with_distance=False)
    if card.nearest_beyond:
        lines.append(CardLine(_(SECTION_BEYOND), Style.HEADING))
        for option in card.nearest_beyond:
            lines += _point_lines(option, lang, with_distance=True)
    if card.office_hours:
        lines.append(CardLine(_(SECTION_OFFICE), Style.HEADING))
        for option in card.office_hours:
            lines += _point_lines(option, lang, with_distance=False)
    lines.append(CardLine(_(SECTION_NATIONAL), Style.HEADING))
    for option in card.national:
        phones = dialable(option)
        lines.append(CardLine(f"☎ {phones} — {option.short_name}", Style.NAME))
    lines.append(CardLine(_(PROVENANCE_NOTE), Style.NOTE))
    return lines


def card_text(card: PowiatCard) -> str:
    """The card as plain text (for a quick look, e-mail, or a printer without graphics)."""
    out: list[str] = []
    for line in card_lines(card):
        if line.style in {Style.HEADING, Style.TITLE} and out:
            out.append("")
        text = line.text.upper() if line.style is Style.HEADING else line.text
        out.extend(textwrap.wrap(text, WRAP_AT_10PT) or [""])
    return "\n".join(out) + "\n"


# Font size (pt), weight and the space before the line (in line heights) for each style.
_STYLES: Final[dict[Style, tuple[float, str, float]]] = {
    Style.TITLE: (17.0, "bold", 0.0),
    Style.SUBTITLE: (12.5, "normal", 0.25),
    Style.ALERT: (12.5, "bold", 0.5),
    Style.HEADING: (11.5, "bold", 0.9),
    Style.NAME: (10.0, "bold", 0.0),
    Style.BODY: (9.5, "normal", 0.0),
    Style.NOTE: (8.5, "normal", 0.0),
}
_LINE_HEIGHT: Final = 1.32  # of the font size
_HEADING_COLOUR: Final = "#8B0000"
_RED: Final = frozenset({Style.TITLE, Style.HEADING, Style.ALERT})
MAX_SCALE: Final = 1.3


def _laid_out(lines: Sequence[CardLine], scale: float) -> list[tuple[str, Style, float]]:
    """Wrapped lines with the y of each (in points from the top), at `scale` × the font sizes."""
    placed: list[tuple[str, Style, float]] = []
    y = 0.0
    previous: Style | None = None
    for line in lines:
        size, _bold, space_before = _STYLES[line.style]
        size *= scale
        if line.style is Style.NAME and previous in {Style.NOTE, Style.BODY}:
            space_before = 0.45  # a little air between two points
        y += space_before * size * _LINE_HEIGHT
        weight = _STYLES[line.style][1]
        # Bold DejaVu is about a tenth wider than regular.
        width = max(20, int(WRAP_AT_10PT * 10.0 / size * (0.9 if weight == "bold" else 1.0)))
        for part in textwrap.wrap(line.text, width) or [""]:
            y += size * _LINE_HEIGHT
            placed.append((part, line.style, y))
        previous = line.style
    return placed


def _figure(card: PowiatCard) -> Figure:
    figure = Figure(figsize=A4_INCHES)
    page_points = A4_INCHES[1] * 72
    usable = page_points * (1 - 2 * MARGIN * A4_INCHES[0] / A4_INCHES[1])
    lines = card_lines(card)
    # Large type for a wall; a powiat with many points still fits one page: the type shrinks
    # rather than overflowing.
    scale = MAX_SCALE
    placed = _laid_out(lines, scale)
    while placed and placed[-1][2] > usable and scale > 0.55:
        scale -= 0.05
        placed = _laid_out(lines, scale)
    top = 1 - MARGIN * A4_INCHES[0] / A4_INCHES[1]
    for text, style, y in placed:
        size, weight, _space = _STYLES[style]
        figure.text(
            MARGIN,
            top - y / page_points,
            text,
            fontsize=size * scale,
            fontweight=weight,
            family=FONT,
            color=_HEADING_COLOUR if style in _RED else "black",
            va="baseline",
        )
    return figure


def card_pdf(card: PowiatCard) -> bytes:
    """The card as a one-page A4 PDF with real (TrueType, extractable) text."""
    buffer = io.BytesIO()
    # Type 42 embeds TrueType: text stays searchable and extractable, Polish letters included.
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        FigureCanvasPdf(_figure(card)).print_figure(
            buffer, format="pdf", metadata={"Title": translator(card.lang).gettext(TITLE)}
        )
    return buffer.getvalue()


def card_png(card: PowiatCard) -> bytes:
    """The card as an A4 PNG at PNG_DPI."""
    buffer = io.BytesIO()
    FigureCanvasAgg(_figure(card)).print_figure(
        buffer, format="png", dpi=PNG_DPI, facecolor="white"
    )
    return buffer.getvalue()


def render_card(card: PowiatCard, fmt: str) -> bytes:
    """The card in one of FORMATS, as bytes (text as UTF-8)."""
    if fmt == "pdf":
        return card_pdf(card)
    if fmt == "png":
        return card_png(card)
    if fmt == "txt":
        return card_text(card).encode("utf-8")
    raise ValueError(f"unknown card format {fmt!r}; expected one of {', '.join(FORMATS)}")
