"""The resident conversation, independent of any channel: (event, state) in, (replies, state) out.

Pure over its inputs: no Telegram, no database. Places and options come through the `Directory`
protocol, so every step is table-tested against the real directory and any channel can drive it.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Final, Protocol

from bot.crisis_type import (
    CrisisReading,
    read_turn,
)
from bot.events import Button, ButtonKind, Event, EventKind, Reply, clip_text
from bot.language import detect_language
from bot.protocol import (
    BUTTON_LABEL_LIMIT,
    CALLBACK_DATA_LIMIT,
    CHANGE_PLACE,
    CHANGE_TOPIC,
    COMMAND_ALIASES,
    CRISIS_PREFIX,
    FIRST_PAGE,
    HELPFUL,
    LANGUAGE_PREFIX,
    MORE,
    NOT_HELPFUL,
    PLACE_PREFIX,
    SOS,
    command_list,
)
from bot.render import (
    OptionLike,
    esc,
    lifeline_text,
    render_emergency_block,
    render_option,
    result_pages,
    split_message,
)
from bot.responders import render_handover
from bot.screening import (
    Danger,
    Screening,
    normalise,
    screen,
)
from directory.crisis import CrisisType, Need, crisis_label
from directory.emergency import EmergencyKind, arrange_for_danger
from directory.i18n import SUPPORTED_LANGUAGES, language_for, translator
from directory.referral import PAGE_SIZE, Handover, OptionsRequest

AMBIGUITY_CAP: Final = 8

LANGUAGE_NAMES: Final[dict[str, str]] = {"pl": "Polski", "en": "English", "uk": "Українська"}
# Other names a person may type for a language ("/lang ukrainian", "Русский" alone). Russian
# names lead to Ukrainian: there is no Russian catalog (README, "Languages").
LANGUAGE_ALIASES: Final[dict[str, str]] = {
    "polish": "pl",
    "polska": "pl",
    "польська": "pl",
    "польский": "pl",
    "angielski": "en",
    "англійська": "en",
    "английский": "en",
    "ukrainian": "uk",
    "ukraiński": "uk",
    "ukrainski": "uk",
    "українська": "uk",
    "украинский": "uk",
    "русский": "uk",
    "ua": "uk",
    "ru": "uk",
}
LANGUAGE_MARK: Final = "🌐 "
# Marks the crisis button the resident's words point to when the bot is not sure enough to use it.
LIKELY_MARK: Final = "👉 "

# Which emergency lines fit what the screen found (directory.emergency orders them). A missing
# person or a bare call for help ("ratunku") says nothing about which line fits, so those keep
# the general block. An injury or an overdose needs an ambulance first, then someone to talk to.
DANGER_KINDS: Final[dict[Danger, frozenset[EmergencyKind]]] = {
    Danger.SUICIDAL: frozenset({EmergencyKind.SELF_HARM}),
    Danger.PLAN_MEANS: frozenset({EmergencyKind.SELF_HARM}),
    Danger.SELF_HARM: frozenset({EmergencyKind.SELF_HARM, EmergencyKind.LIFE_AT_RISK}),
    Danger.OVERDOSE: frozenset({EmergencyKind.SELF_HARM, EmergencyKind.LIFE_AT_RISK}),
    Danger.VIOLENCE: frozenset({EmergencyKind.VIOLENCE}),
    Danger.CHILD: frozenset({EmergencyKind.CHILD}),
    Danger.MEDICAL: frozenset({EmergencyKind.LIFE_AT_RISK}),
    Danger.DISASTER: frozenset({EmergencyKind.LIFE_AT_RISK}),
}


def danger_kinds(screening: Screening) -> frozenset[EmergencyKind]:
    """The emergency lines' kinds for everything one message's screening found."""
    return frozenset(kind for danger in screening.dangers for kind in DANGER_KINDS.get(danger, ()))


class Step:
    """Where the conversation is (stored as plain strings)."""

    NEW: Final = "new"
    PLACE: Final = "place"
    CHOOSE_PLACE: Final = "choose_place"
    CRISIS: Final = "crisis"
    RESULTS: Final = "results"
    # The responders' view: waiting for a location or a place, or showing the points.
    SERVICES: Final = "services"

    ALL: Final = frozenset({NEW, PLACE, CHOOSE_PLACE, CRISIS, RESULTS, SERVICES})


class PlaceCandidate(Protocol):
    """One reading of a place (directory.places.Candidate)."""

    @property
    def powiat(self) -> str: ...
    @property
    def voivodeship(self) -> str: ...


class PlaceResolution(Protocol):
    """The outcome of resolving a place (directory.places.Resolution)."""

    @property
    def status(self) -> str: ...
    @property
    def candidates(self) -> Sequence[PlaceCandidate]: ...


class Directory(Protocol):
    """What the dialogue needs from the directory core."""

    def find_place(
        self, text: str, lang: str, *, not_places: frozenset[str] = frozenset()
    ) -> PlaceResolution:
        """Resolve the place named anywhere in a resident's message; `not_places` are words
        (folded) already read as the crisis, never places."""
        ...

    def resolve_point(self, latitude: float, longitude: float) -> PlaceResolution:
        """Resolve a shared location to its powiat."""
        ...

    def describe(self, candidate: PlaceCandidate, lang: str) -> str:
        """'Pruszków — powiat pruszkowski, mazowieckie' for one reading."""
        ...

    def powiat_label(self, code: str, lang: str) -> str | None:
        """'powiat pruszkowski, mazowieckie' for a TERYT code, None if no such powiat."""
        ...

    def options_for(self, request: OptionsRequest) -> Sequence[OptionLike]:
        """Ranked options for a powiat and crisis at a moment, for the resident's needs."""
        ...

    def emergency_options(self, lang: str) -> Sequence[OptionLike]:
        """112 and the national 24/7 lines, needing no database."""
        ...

    def has_unconfirmed_local(self, powiat: str) -> bool:
        """Whether a researched local entry serves `powiat` but is not confirmed yet."""
        ...

    def handover_points(
        self, powiat: str, origin: tuple[float, float] | None, at: datetime, lang: str
    ) -> Handover:
        """Where a responder can hand a person over now, from `origin` (None: the powiat seat)."""
        ...


@dataclass(frozen=True)
class DialogueState:
    """Everything the conversation remembers between messages (stored as JSON; no free text)."""

    lang: str = ""
    step: str = Step.NEW
    powiat: str | None = None
    place_label: str | None = None
    candidates: tuple[tuple[str, str], ...] = ()
    crisis: str | None = None
    page: int = 0
    urgent: bool = False
    ambiguous_many: bool = False
    # The resident picked the language (button, /lang, its name typed): no message switches it.
    lang_chosen: bool = False
    # In the responders' view (/services): a place leads to the handover points, not to the
    # crisis question. The shared location itself is never stored.
    responder: bool = False
    # What the resident said of their situation (directory.crisis.Need codes, never text).
    needs: tuple[str, ...] = ()
    # The resident would rather not say where they are: the national lines stand in for local
    # help until they give a place.
    without_place: bool = False
    # The crisis type the resident's words point to when not sure enough to use it (a code):
    # its button comes first, marked, when the topic is asked.
    likely_crisis: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form stored in `conversation_state.data`."""
        return {
            "lang": self.lang,
            "step": self.step,
            "powiat": self.powiat,
            "place_label": self.place_label,
            "candidates": [list(pair) for pair in self.candidates],
            "crisis": self.crisis,
            "page": self.page,
            "urgent": self.urgent,
            "ambiguous_many": self.ambiguous_many,
            "lang_chosen": self.lang_chosen,
            "responder": self.responder,
            "needs": list(self.needs),
            "without_place": self.without_place,
            "likely_crisis": self.likely_crisis,
        }

    @classmethod
    def from_dict(cls, data: object) -> DialogueState:
        """Read a stored state, falling back to defaults for anything missing or malformed."""
        if not isinstance(data, dict):
            return cls()

        def text(name: str) -> str | None:
            value = data.get(name)
            return value if isinstance(value, str) else None

        lang = text("lang") or ""
        step = text("step") or Step.NEW
        crisis = text("crisis")
        likely = text("likely_crisis")
        candidates: list[tuple[str, str]] = []
        raw_candidates = data.get("candidates")
        if isinstance(raw_candidates, list):
            for pair in raw_candidates[:AMBIGUITY_CAP]:
                if (
                    isinstance(pair, list | tuple)
                    and len(pair) == 2
                    and all(isinstance(item, str) for item in pair)
                ):
                    candidates.append((pair[0], pair[1]))
        page = data.get("page")
        return cls(
            lang=lang if lang in SUPPORTED_LANGUAGES else "",
            step=step if step in Step.ALL else Step.NEW,
            powiat=text("powiat"),
            place_label=text("place_label"),
            candidates=tuple(candidates),
            crisis=crisis if crisis in {c.value for c in CrisisType} else None,
            page=page if isinstance(page, int) and 0 <= page < 1000 else 0,
            urgent=data.get("urgent") is True,
            ambiguous_many=data.get("ambiguous_many") is True,
            lang_chosen=data.get("lang_chosen") is True,
            responder=data.get("responder") is True,
            needs=_known_needs(data.get("needs")),
            without_place=data.get("without_place") is True,
            likely_crisis=likely if likely in {c.value for c in CrisisType} else None,
        )


def _known_needs(value: object) -> tuple[str, ...]:
    """Stored needs, keeping only known codes (state is read back from the database)."""
    if not isinstance(value, list):
        return ()
    known = {need.value for need in Need}
    return tuple(sorted({item for item in value if isinstance(item, str) and item in known}))


@dataclass(frozen=True)
class UsageNote:
    """An anonymous fact about this turn for usage statistics (no text, no ids)."""

    event: str
    place_outcome: str | None = None
    powiat: str | None = None
    crisis: str | None = None
    emergency_first: bool = False
    options_shown: int = 0
    scopes: dict[str, int] = field(default_factory=dict)
    more_pressed: bool = False
    change_place_pressed: bool = False
    helpful: bool | None = None


@dataclass(frozen=True)
class Outcome:
    """What one turn produces: replies to send, the state to keep, usage notes."""

    replies: list[Reply]
    state: DialogueState
    usage: list[UsageNote] = field(default_factory=list)
    forget: bool = False
    # 112 and the national lines as this turn read them (None when it did not need them), so
    # the service closes the answer with the same numbers without reading them again.
    lines: Sequence[OptionLike] | None = None


@dataclass
class _Turn:
    directory: Directory
    now: datetime
    state: DialogueState
    replies: list[Reply] = field(default_factory=list)
    usage: list[UsageNote] = field(default_factory=list)
    emergency_shown: bool = False
    # Numbers the emergency block of this turn listed, so results that follow say them once.
    emergency_dials: frozenset[str] = frozenset()
    # Where the person is this turn (a shared location or the place typed), for distances in
    # the responders' view; never stored.
    origin: tuple[float, float] | None = None
    _lines: Sequence[OptionLike] | None = None

    @property
    def lines(self) -> Sequence[OptionLike]:
        """112 and the national 24/7 lines as the directory has them now (read once a turn)."""
        if self._lines is None:
            self._lines = self.directory.emergency_options(self.lang)
        return self._lines

    @property
    def lang(self) -> str:
        return self.state.lang or "pl"

    @property
    def tr(self) -> gettext.NullTranslations:
        return translator(self.lang)

    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def say(self, text: str, buttons: Sequence[Sequence[Button]] = ()) -> None:
        chunks = split_message(text)
        for chunk in chunks[:-1]:
            self.replies.append(Reply(text=chunk))
        self.replies.append(Reply(text=chunks[-1], buttons=tuple(tuple(row) for row in buttons)))

    def outcome(self, *, forget: bool = False) -> Outcome:
        return Outcome(
            replies=self.replies,
            state=self.state,
            usage=self.usage,
            forget=forget,
            lines=self._lines,
        )


def respond(
    event: Event,
    state: DialogueState | None,
    directory: Directory,
    now: datetime,
    screening: Screening | None = None,
) -> Outcome:
    """Run one turn of the conversation.

    `screening` is the danger screening of this event's text when the caller already ran it
    (the ConversationService screens every text once, before anything else); else it runs here.
    """
    current = state or DialogueState()
    if not current.lang:
        current = replace(current, lang=language_for(event.language_code))
    if current.powiat is not None and directory.powiat_label(current.powiat, current.lang) is None:
        # A stored powiat that no longer exists (or was never valid) means asking again.
        current = replace(current, powiat=None, place_label=None, step=Step.PLACE)
    turn = _Turn(directory=directory, now=now, state=current)
    if event.kind is EventKind.COMMAND:
        return _command(turn, event)
    if event.kind is EventKind.BUTTON:
        return _button(turn, event.data)
    if event.kind is EventKind.LOCATION:
        return _location(turn, event.latitude, event.longitude)
    return _text(turn, event.text, screening)


# --- building blocks -------------------------------------------------------------------------


def _danger_footer(turn: _Turn) -> str:
    return lifeline_text(turn.lines, turn.lang)


def _emergency(
    turn: _Turn, kinds: frozenset[EmergencyKind] = frozenset(), lead: Danger | None = None
) -> None:
    options = arrange_for_danger(turn.directory.emergency_options(turn.lang), kinds)
    call_112_now = EmergencyKind.LIFE_AT_RISK in kinds
    danger = None if lead is None else lead.value
    turn.say(render_emergency_block(options, turn.lang, call_112_now=call_112_now, danger=danger))
    turn.emergency_shown = True
    turn.emergency_dials = frozenset(
        phone.dial for option in options for phone in option.phones if phone.dial
    )


def _not_in_emergency_block(turn: _Turn, options: list[OptionLike]) -> list[OptionLike]:
    """The options whose numbers the emergency block just above did not already list."""
    if not turn.emergency_dials:
        return options
    kept = []
    for option in options:
        dials = {phone.dial for phone in option.phones if phone.dial}
        if not dials or not dials <= turn.emergency_dials:
            kept.append(option)
    return kept


def other_languages(lang: str) -> tuple[str, ...]:
    """The languages to offer beside `lang`, Polish and English first (one tap from Ukrainian)."""
    return tuple(code for code in SUPPORTED_LANGUAGES if code != lang)


def _language_buttons(turn: _Turn) -> list[Button]:
    return [
        Button(label=LANGUAGE_MARK + LANGUAGE_NAMES[other], data=LANGUAGE_PREFIX + other)
        for other in other_languages(turn.lang)
    ]


def _language_keys(turn: _Turn) -> list[Button]:
    """The language switches beside the location button: each sends the language's name as text."""
    return [
        Button(label=LANGUAGE_MARK + LANGUAGE_NAMES[other], kind=ButtonKind.TEXT)
        for other in other_languages(turn.lang)
    ]


def typed_language(text: str) -> str | None:
    """The language a message names on its own ("English", "🌐 Polski", "Українська"), or None."""
    name = text.replace(LANGUAGE_MARK.strip(), "").strip().casefold()
    named = next((code for code, known in LANGUAGE_NAMES.items() if known.casefold() == name), None)
    return named or LANGUAGE_ALIASES.get(name)


def wanted_language(args: str) -> str | None:
    """The language `/lang ARGS` asks for ("uk", "en-GB", "English", "українська"), or None."""
    word = args.strip().casefold()
    if not word:
        return None
    code = word.replace("_", "-").split("-", 1)[0]
    return code if code in SUPPORTED_LANGUAGES else typed_language(word)


def typed_command(text: str) -> tuple[str, str] | None:
    """(command, args) for a typed alias such as "/допомога" or "/мова en", else None."""
    if not text.startswith("/"):
        return None
    head, _, args = text[1:].partition(" ")
    name = COMMAND_ALIASES.get(head.split("@", 1)[0].casefold())
    return (name, args.strip()) if name else None


def _location_button(turn: _Turn) -> Button:
    return Button(label="📍 " + turn._("Share my location"), kind=ButtonKind.LOCATION)


def _place_prompt_text(turn: _Turn) -> str:
    return "\n".join(
        [
            esc(turn._("Where are you? Write your town, village or powiat, e.g. “Pruszków”.")),
            esc(turn._("You can also share your location with the button below.")),
            _danger_footer(turn),
        ]
    )


def _ask_place(turn: _Turn, *, intro: str | None = None) -> None:
    if turn.state.responder:
        _ask_services_place(turn)
        return
    turn.state = replace(turn.state, step=Step.PLACE, candidates=(), page=0)
    text = _place_prompt_text(turn)
    if intro:
        text = intro + "\n\n" + text
    turn.say(text, [[_location_button(turn)], _language_keys(turn)])


def _greet(turn: _Turn) -> None:
    _ = turn._
    intro = "\n".join(
        [
            "<b>" + esc(_("Hello, I am Drogowskaz.")) + "</b>",
            esc(
                _(
                    "I help you find people who can help now: crisis centres and helplines "
                    "near you, open right now, in Polish, English or Ukrainian."
                )
            ),
            esc(
                _(
                    "I am not a counsellor and I do not read your messages for anything else. "
                    "If your life is in danger, call 112."
                )
            ),
        ]
    )
    _ask_place(turn, intro=intro)


def _crisis_button_rows(turn: _Turn) -> list[list[Button]]:
    """The eight crisis buttons, two a row; the likeliest first, marked, on a row of its own."""
    likely = turn.state.likely_crisis
    buttons = [
        Button(label=crisis_label(crisis, turn._), data=f"{CRISIS_PREFIX}{crisis.value}")
        for crisis in CrisisType
        if crisis.value != likely
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    if likely is not None:
        label = LIKELY_MARK + crisis_label(CrisisType(likely), turn._)
        rows.insert(0, [Button(label=label, data=f"{CRISIS_PREFIX}{likely}")])
    return rows


def _likely_line(turn: _Turn) -> str | None:
    """ "From what you wrote, it may be: …" when the words point to a type but not surely."""
    likely = turn.state.likely_crisis
    if likely is None:
        return None
    topic = crisis_label(CrisisType(likely), turn._)
    return esc(turn._("From what you wrote, it may be: %(topic)s.") % {"topic": topic})


def _crisis_buttons(turn: _Turn) -> list[list[Button]]:
    rows = _crisis_button_rows(turn)
    rows.append([Button(label="📍 " + turn._("Change place"), data=CHANGE_PLACE)])
    rows.append(_language_buttons(turn))
    return rows


def _place_line(turn: _Turn) -> str:
    return esc(turn._("Place: %(place)s") % {"place": turn.state.place_label or ""})


def _ask_crisis(turn: _Turn, *, confirm: bool = True) -> None:
    turn.state = replace(turn.state, step=Step.CRISIS, page=0)
    lines = []
    if confirm and turn.state.place_label:
        lines.append("📍 " + _place_line(turn))
        lines.append(esc(turn._("If that is not right, press “Change place”.")))
        lines.append("")
    likely = _likely_line(turn)
    if likely is not None:
        lines.append(likely)
    lines.append("<b>" + esc(turn._("What is happening? Choose what fits best:")) + "</b>")
    lines.append(_danger_footer(turn))
    turn.say("\n".join(lines), _crisis_buttons(turn))


def _set_place(turn: _Turn, powiat: str, label: str) -> None:
    turn.state = replace(
        turn.state, powiat=powiat, place_label=label, candidates=(), page=0, without_place=False
    )


def _after_place(turn: _Turn) -> None:
    if turn.state.responder:
        _handover(turn)
    elif turn.state.crisis is not None:
        _results(turn, page=0, confirm=True)
    else:
        _ask_crisis(turn)


def _results(turn: _Turn, *, page: int, confirm: bool = False, record: bool = True) -> None:
    state = turn.state
    if state.powiat is None and not state.without_place:
        _ask_place(turn)
        return
    if state.crisis is None:
        _ask_crisis(turn)
        return
    _ = turn._
    crisis = CrisisType(state.crisis)
    if state.powiat is None:
        _national_results(turn, crisis)
        return
    options = list(
        turn.directory.options_for(
            OptionsRequest(
                state.powiat,
                crisis,
                turn.now,
                turn.lang,
                urgent=state.urgent or turn.emergency_shown,
                needs=frozenset(state.needs),
            )
        )
    )
    if not options:
        options = list(turn.directory.emergency_options(turn.lang))
    # When the emergency block is the message just above, its numbers are not said again: 112
    # stays the first thing read (in the block), and the results start with local help.
    fresh = _not_in_emergency_block(turn, options) if page == 0 else options
    said_above = bool(fresh) and len(fresh) < len(options)
    if said_above:
        options = fresh
    option_pages = result_pages(options, PAGE_SIZE)
    pages = len(option_pages)
    page = page if 0 <= page < pages else 0
    shown = option_pages[page]
    turn.state = replace(state, step=Step.RESULTS, page=page)
    lines: list[str] = []
    if page == 0 and state.place_label:
        lines.append("📍 " + _place_line(turn))
    topic = crisis_label(crisis, _)
    count = len(options)
    header = turn.tr.ngettext(
        "%(count)d contact for you (%(topic)s):",
        "%(count)d contacts for you (%(topic)s):",
        count,
    ) % {"count": count, "topic": topic}
    if page == 0:
        lines.append("<b>" + esc(header) + "</b>")
        if said_above:
            lines.append(esc(_("112 and the numbers in the message above are not repeated here.")))
        lines.extend(_coverage_note(turn, state.powiat, shown, options))
    else:
        lines.append(
            "<b>"
            + esc(
                _("More contacts (page %(page)d of %(pages)d):")
                % {"page": page + 1, "pages": pages}
            )
            + "</b>"
        )
    for option in shown:
        lines.append("")
        lines.append(render_option(option, turn.now, turn.lang))
    lines.append("")
    lines.append(_danger_footer(turn))
    turn.say("\n".join(lines), _result_buttons(turn, option_pages, page))
    if record:
        _note_results(turn, shown, page=page, crisis=crisis)


def _coverage_note(
    turn: _Turn, powiat: str, shown: Sequence[OptionLike], options: Sequence[OptionLike]
) -> list[str]:
    """What the first page says of the powiat's own centres: none, or none confirmed yet."""
    nearby = sum(1 for option in shown if str(option.scope) == "nearby")
    local = any(str(option.scope) == "local" for option in options)
    # Honest about what we know: a centre researched there but not yet confirmed is not
    # "no centre" (directory.visibility decides what counts as confirmed).
    unconfirmed = not local and turn.directory.has_unconfirmed_local(powiat)
    if nearby and unconfirmed:
        return [
            esc(
                turn.tr.ngettext(
                    "There is no confirmed centre in your powiat yet; %(count)d crisis "
                    "centre nearby is listed.",
                    "There is no confirmed centre in your powiat yet; %(count)d crisis "
                    "centres nearby are listed.",
                    nearby,
                )
                % {"count": nearby}
            )
        ]
    if nearby:
        return [
            esc(
                turn.tr.ngettext(
                    "There is no centre in your powiat; %(count)d crisis centre nearby is listed.",
                    "There is no centre in your powiat; %(count)d crisis centres nearby "
                    "are listed.",
                    nearby,
                )
                % {"count": nearby}
            )
        ]
    if unconfirmed:
        return [esc(turn._("There is no confirmed centre in your powiat yet."))]
    return []


def _result_buttons(
    turn: _Turn, option_pages: Sequence[Sequence[OptionLike]], page: int
) -> list[list[Button]]:
    """More (or back to the first page), change place or topic, feedback, languages."""
    _ = turn._
    rows: list[list[Button]] = []
    if page + 1 < len(option_pages):
        remaining = sum(len(later) for later in option_pages[page + 1 :])
        rows.append([Button(label=_("More options (%(count)d)") % {"count": remaining}, data=MORE)])
    elif len(option_pages) > 1:
        rows.append([Button(label=_("Back to the first options"), data=FIRST_PAGE)])
    rows.append(
        [
            Button(label="📍 " + _("Change place"), data=CHANGE_PLACE),
            Button(label="🔄 " + _("Change topic"), data=CHANGE_TOPIC),
        ]
    )
    rows.append(
        [
            Button(label="👍 " + _("This helped"), data=HELPFUL),
            Button(label="👎 " + _("Not helpful"), data=NOT_HELPFUL),
        ]
    )
    rows.append(_language_buttons(turn))
    return rows


def _note_results(
    turn: _Turn, shown: Sequence[OptionLike], *, page: int, crisis: CrisisType
) -> None:
    """The usage note of a results page: how many options of which scope were shown."""
    scopes: dict[str, int] = {}
    for option in shown:
        scopes[str(option.scope)] = scopes.get(str(option.scope), 0) + 1
    turn.usage.append(
        UsageNote(
            event="results" if page == 0 else "more",
            powiat=turn.state.powiat,
            crisis=crisis.value,
            emergency_first=turn.emergency_shown,
            options_shown=len(shown),
            scopes=scopes,
            more_pressed=page > 0,
        )
    )


def _handle_resolution(turn: _Turn, resolution: PlaceResolution, *, from_point: bool) -> bool:
    """Act on a place resolution; returns False when nothing was recognised."""
    status = resolution.status
    candidates = list(resolution.candidates)
    if status == "match" and candidates:
        label = turn.directory.describe(candidates[0], turn.lang)
        _set_place(turn, candidates[0].powiat, label)
        turn.origin = _point_of(candidates[0])
        turn.usage.append(
            UsageNote(
                event="place",
                place_outcome="point" if from_point else "match",
                powiat=candidates[0].powiat,
            )
        )
        _after_place(turn)
        return True
    if status == "ambiguous" and candidates:
        turn.usage.append(UsageNote(event="place", place_outcome="ambiguous"))
        readings = tuple(
            (candidate.powiat, turn.directory.describe(candidate, turn.lang))
            for candidate in candidates[:AMBIGUITY_CAP]
        )
        # The resolver caps its readings, so a full list may be missing the resident's place.
        many = len(candidates) >= AMBIGUITY_CAP
        turn.state = replace(
            turn.state, step=Step.CHOOSE_PLACE, candidates=readings, ambiguous_many=many
        )
        _ask_which_place(turn)
        return True
    return False


def _point_of(candidate: PlaceCandidate) -> tuple[float, float] | None:
    """The coordinates the resolver gives a reading (a shared point, a town), if any."""
    lat, lon = getattr(candidate, "lat", None), getattr(candidate, "lon", None)
    if isinstance(lat, float | int) and isinstance(lon, float | int):
        return (float(lat), float(lon))
    return None


def _ask_services_place(turn: _Turn) -> None:
    """The responders' view starts here: a location or a place, and no other question."""
    _ = turn._
    turn.state = replace(turn.state, step=Step.SERVICES, responder=True, candidates=(), page=0)
    lines = [
        "<b>" + esc(_("Where to hand a person in crisis over, now.")) + "</b>",
        esc(
            _(
                "Share your location with the button below, or write the town or powiat. "
                "I list the crisis centres, shelters and mental health points open now, "
                "nearest first."
            )
        ),
        _danger_footer(turn),
    ]
    turn.say("\n".join(lines), [[_location_button(turn)], _language_keys(turn)])


def _handover(turn: _Turn) -> None:
    """The handover points near the place just given, with 112 and the national lines."""
    powiat = turn.state.powiat
    if powiat is None:
        _ask_services_place(turn)
        return
    handover = turn.directory.handover_points(powiat, turn.origin, turn.now, turn.lang)
    text = render_handover(
        handover,
        turn.now,
        turn.lang,
        place_label=turn.state.place_label or "",
        powiat_name=lambda code: turn.directory.powiat_label(code, turn.lang),
        national_lines=turn.directory.emergency_options(turn.lang),
    )
    turn.state = replace(turn.state, step=Step.SERVICES, candidates=(), page=0)
    kinds: dict[str, int] = {}
    for point in handover.points:
        kinds[point.kind] = kinds.get(point.kind, 0) + 1
    # Privacy: the powiat only, never the shared location or the place as typed.
    turn.usage.append(
        UsageNote(event="services", powiat=powiat, options_shown=len(handover.points), scopes=kinds)
    )
    rows = [[_location_button(turn)], _language_keys(turn)]
    turn.say(text, rows)


def _ask_which_place(turn: _Turn) -> None:
    rows = [
        [
            Button(
                label=label[:BUTTON_LABEL_LIMIT],
                data=f"{PLACE_PREFIX}{index}:{powiat}"[:CALLBACK_DATA_LIMIT],
            )
        ]
        for index, (powiat, label) in enumerate(turn.state.candidates)
    ]
    rows.append([_location_button(turn)])
    lines = [esc(turn._("Which place do you mean?"))]
    if turn.state.ambiguous_many:
        lines.append(
            esc(
                turn._(
                    "Many places in Poland have this name. If yours is not listed, write it "
                    "with its gmina or powiat, e.g. “Nowa Wieś, gmina Michałowice”."
                )
            )
        )
    lines.append(_danger_footer(turn))
    turn.say("\n".join(lines), rows)


def _unknown_place(turn: _Turn, *, from_point: bool) -> None:
    turn.usage.append(UsageNote(event="place", place_outcome="none"))
    intro = (
        turn._("That location seems to be outside Poland. I can only find help in Poland.")
        if from_point
        else turn._("I could not find that place in Poland.")
    )
    lines = [
        esc(intro),
        esc(turn._("Try the name of the town or powiat, e.g. “Pruszków” or “powiat pruszkowski”.")),
        "",
        render_emergency_block(turn.directory.emergency_options(turn.lang), turn.lang),
    ]
    turn.state = replace(turn.state, step=Step.PLACE, candidates=())
    turn.say("\n".join(lines), [[_location_button(turn)], _language_keys(turn)])


# --- event kinds -----------------------------------------------------------------------------


def _text(turn: _Turn, raw_text: str, screened: Screening | None) -> Outcome:
    text = clip_text(raw_text).strip()
    if not text:
        _show_current(turn)
        return turn.outcome()
    _follow_language(turn, text)
    # Safety rule: every text is screened, whatever step the conversation is at.
    screening = screened if screened is not None else screen(text)
    alias = typed_command(text)
    if alias is not None and not screening.immediate_danger:
        name, args = alias
        return _command(turn, Event(kind=EventKind.COMMAND, command=name, args=args, text=text))
    if screening.immediate_danger:
        _emergency(turn, danger_kinds(screening), screening.lead)
        turn.state = replace(turn.state, urgent=True)
        turn.usage.append(UsageNote(event="danger", emergency_first=True))
    else:
        language = typed_language(text)
        if language is not None:
            _switch_language(turn, language, chosen=True)
            return turn.outcome()
    # The words and concepts are read once for both the crisis and the place lookup.
    reading, words_not_places = read_turn(text, screening)
    crisis = reading.crisis
    _note_crisis(turn, reading)
    # The place is read from the whole message as written (its capitals are evidence of a
    # place; its other words show that a lone common word is not one), with the words that
    # told the crisis ("zabić" is not the village Żabice) marked as no place. The crisis type
    # and needs were read from the whole message above and stay in the state whatever the
    # place turns out to be, through the question which place is meant.
    not_places = (
        words_not_places
        if screening.immediate_danger or reading.likeliest is not None
        else frozenset()
    )
    dead_end = dead_end_of(text)
    if dead_end is DeadEnd.REFUSAL:
        # "wolę nie mówić" names no place, whatever a word of it resembles (Wola).
        refused = " ".join(match.group(0) for match in _REFUSAL.finditer(text))
        not_places |= frozenset(normalise(refused).split())
    resolution = turn.directory.find_place(text, turn.lang, not_places=not_places)
    if resolution.status in {"match", "ambiguous"} and resolution.candidates:
        _handle_resolution(turn, resolution, from_point=False)
        return turn.outcome()
    _without_a_place(turn, crisis, dead_end)
    return turn.outcome()


def _without_a_place(turn: _Turn, crisis: CrisisType | None, dead_end: DeadEnd | None) -> None:
    """The next step after a text that named no place."""
    step = turn.state.step
    if turn.state.responder and step in {Step.SERVICES, Step.PLACE, Step.CHOOSE_PLACE}:
        _responder_without_a_place(turn, dead_end)
    elif crisis is not None and turn.state.powiat is not None:
        _results(turn, page=0, confirm=True)
    elif dead_end is DeadEnd.REFUSAL and turn.state.powiat is None:
        _go_on_without_place(turn)
    elif dead_end is DeadEnd.POSTCODE:
        _postcode(turn)
    elif (
        dead_end is DeadEnd.HELP
        and crisis is None
        and step in {Step.NEW, Step.PLACE, Step.CHOOSE_PLACE}
    ):
        # Also after a bare cry for help screened as danger ("pomocy"): the block is above.
        _gentle_question(turn)
    elif step == Step.NEW and crisis is None and not turn.emergency_shown:
        _greet(turn)
    elif step in {Step.NEW, Step.PLACE, Step.CHOOSE_PLACE} and crisis is None:
        _place_not_understood(turn)
    elif turn.state.powiat is None and not turn.state.without_place:
        _ask_place(turn)
    elif step == Step.CRISIS or crisis is None:
        _ask_crisis(turn, confirm=False)
    else:
        _results(turn, page=0)


def _responder_without_a_place(turn: _Turn, dead_end: DeadEnd | None) -> None:
    # The responders' view asks nothing but the place.
    if dead_end is DeadEnd.POSTCODE:
        _postcode(turn)
    elif turn.emergency_shown:
        _ask_services_place(turn)
    else:
        _unknown_place(turn, from_point=False)


def _place_not_understood(turn: _Turn) -> None:
    if turn.emergency_shown:
        # "mój tata nie oddycha" was never meant as a place: ask where, do not say it failed.
        _ask_place(turn)
    else:
        _unknown_place(turn, from_point=False)


class DeadEnd(StrEnum):
    """A message that names no place and would otherwise end in "not found" (issue 13)."""

    HELP = "help"  # "help", "pomocy", an emoji: a person reaching out, not naming a place
    REFUSAL = "refusal"  # "I won't say where": national lines, and going on without a place
    POSTCODE = "postcode"  # "00-950": postal codes are not read yet


# Polish postal codes (NN-NNN), with any dash a phone keyboard offers.
_POSTCODE: Final = re.compile(r"(?<!\d)\d{2} ?[-‐‑‒–—] ?\d{3}(?!\d)")
_HELP_PHRASES: Final = frozenset(
    {
        "help", "help me", "please help", "help please", "need help", "i need help", "sos",
        "pomocy", "pomoc", "pomóż", "pomoz", "pomóż mi", "pomoz mi", "pomóżcie", "pomozcie",
        "potrzebuję pomocy", "potrzebuje pomocy", "proszę o pomoc", "prosze o pomoc",
        "допоможіть", "допоможи", "допомога", "допоможіть мені", "потрібна допомога",
        "помогите", "помоги", "помощь", "помогите мне", "нужна помощь",
    }
)  # fmt: skip
_REFUSAL: Final = re.compile(
    r"\bnie\s+(?:powiem|podam|chc[eę]\s+(?:powiedzie[cć]|m[oó]wi[cć]|podawa[cć]|poda[cć]))"
    r"|\bwol[eę]\s+nie\s+(?:m[oó]wi[cć]|podawa[cć]|pisa[cć])"
    r"|\bnie\s+(?:twoja|pana|pani)\s+sprawa"
    r"|\bnie\s+mog[eę]\s+(?:powiedzie[cć]|poda[cć])"
    r"|\b(?:won'?t|will\s+not|don'?t\s+want\s+to|do\s+not\s+want\s+to|(?:would|'d)\s+rather"
    r"\s+not|prefer\s+not\s+to|can'?t|cannot)\s+(?:say|tell|share|give)"
    r"|\bnot\s+(?:telling|saying|going\s+to\s+(?:say|tell))"
    r"|\bnone\s+of\s+your\s+business"
    r"|не\s+(?:скажу|хочу\s+(?:казати|говорити|сказати|говорить)|буду\s+(?:казати|говорити|"
    r"говорить))",
    re.IGNORECASE,
)
_WORD_CHARACTERS: Final = re.compile(r"[^\W_]+")


def dead_end_of(text: str) -> DeadEnd | None:
    """What kind of placeless message `text` is: a call for help, a refusal, a postal code."""
    if _POSTCODE.search(text):
        return DeadEnd.POSTCODE
    if _REFUSAL.search(text):
        return DeadEnd.REFUSAL
    words = " ".join(_WORD_CHARACTERS.findall(text.casefold()))
    # Nothing but emoji or punctuation is someone reaching out, too.
    if not words or words in _HELP_PHRASES:
        return DeadEnd.HELP
    return None


def _topic_buttons(turn: _Turn) -> list[list[Button]]:
    rows = _crisis_button_rows(turn)
    rows.append(_language_buttons(turn))
    return rows


def _gentle_question(turn: _Turn) -> None:
    """ "help", "pomocy", an emoji: the 24/7 lines at once, then a gentle question."""
    _ = turn._
    lines = []
    if not turn.emergency_shown:
        lines += [
            render_emergency_block(turn.directory.emergency_options(turn.lang), turn.lang),
            "",
        ]
    lines += [
        "<b>" + esc(_("I am here. What is happening?")) + "</b>",
        esc(
            _(
                "Tell me in a few words, or choose a topic below. If you can, also write the "
                "town where you are, so that I can find help near you."
            )
        ),
    ]
    turn.state = replace(turn.state, step=Step.PLACE, candidates=(), page=0)
    turn.emergency_shown = True
    turn.say("\n".join(lines), _topic_buttons(turn))


def _postcode(turn: _Turn) -> None:
    """A postal code: say plainly that it cannot be read yet, and ask for the town."""
    turn.usage.append(UsageNote(event="place", place_outcome="none"))
    intro = esc(
        turn._("I cannot read postal codes yet. Please write the name of your town or village.")
    )
    if turn.state.responder:
        turn.say(intro)
        _ask_services_place(turn)
        return
    _ask_place(turn, intro=intro)


def _go_on_without_place(turn: _Turn) -> None:
    """The resident would rather not say where: the national lines, and going on without a place."""
    _ = turn._
    turn.state = replace(turn.state, without_place=True, candidates=(), page=0)
    intro = esc(_("That is all right: you do not have to say where you are."))
    if turn.state.crisis is not None:
        turn.say(intro)
        _results(turn, page=0)
        return
    lines = [intro]
    if not turn.emergency_shown:
        lines += [
            "",
            render_emergency_block(turn.directory.emergency_options(turn.lang), turn.lang),
        ]
        turn.emergency_shown = True
    lines += [
        "",
        "<b>" + esc(_("What is happening? Choose what fits best:")) + "</b>",
        esc(_("If you want help near you later, write your town or powiat.")),
    ]
    turn.state = replace(turn.state, step=Step.CRISIS)
    turn.say("\n".join(lines), _topic_buttons(turn))


# Which lines lead the national list for a crisis when no place is given (directory.emergency).
_CRISIS_LINES: Final[dict[CrisisType, EmergencyKind]] = {
    CrisisType.SUICIDAL: EmergencyKind.SELF_HARM,
    CrisisType.VIOLENCE: EmergencyKind.VIOLENCE,
}


def _national_results(turn: _Turn, crisis: CrisisType) -> None:
    """Results without a place: 112 and the national 24/7 lines, the crisis's own line first."""
    _ = turn._
    kinds = frozenset({_CRISIS_LINES[crisis]}) if crisis in _CRISIS_LINES else frozenset()
    options = arrange_for_danger(turn.directory.emergency_options(turn.lang), kinds)
    turn.state = replace(turn.state, step=Step.RESULTS, page=0)
    topic = crisis_label(crisis, _)
    lines = [
        "<b>" + esc(_("Lines for the whole of Poland (%(topic)s):") % {"topic": topic}) + "</b>",
        esc(
            _(
                "Without a place I can give only the lines that answer anywhere in Poland. "
                "Write your town or powiat to see help near you."
            )
        ),
    ]
    for option in options:
        lines += ["", render_option(option, turn.now, turn.lang)]
    lines += ["", _danger_footer(turn)]
    rows = [
        [
            Button(label="📍 " + _("Change place"), data=CHANGE_PLACE),
            Button(label="🔄 " + _("Change topic"), data=CHANGE_TOPIC),
        ],
        [
            Button(label="👍 " + _("This helped"), data=HELPFUL),
            Button(label="👎 " + _("Not helpful"), data=NOT_HELPFUL),
        ],
        _language_buttons(turn),
    ]
    turn.say("\n".join(lines), rows)


def _location(turn: _Turn, latitude: float | None, longitude: float | None) -> Outcome:
    if (
        latitude is None
        or longitude is None
        or not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0)
    ):
        _unknown_place(turn, from_point=True)
        return turn.outcome()
    resolution = turn.directory.resolve_point(latitude, longitude)
    if not _handle_resolution(turn, resolution, from_point=True):
        _unknown_place(turn, from_point=True)
    return turn.outcome()


def _show_current(turn: _Turn) -> None:
    step = turn.state.step
    if step == Step.RESULTS:
        # Showing the same list again (language switch, stale button) is not a new referral.
        _results(turn, page=turn.state.page, record=False)
    elif step == Step.CRISIS and (turn.state.powiat is not None or turn.state.without_place):
        _ask_crisis(turn)
    elif step == Step.CHOOSE_PLACE and turn.state.candidates:
        _ask_which_place(turn)
    elif step == Step.NEW:
        _greet(turn)
    elif step == Step.SERVICES:
        # The location is not kept, so the points cannot be shown again without it.
        _ask_services_place(turn)
    else:
        _ask_place(turn)


def _stale(turn: _Turn) -> None:
    notice = esc(turn._("That button is from an earlier message; here is where we are now."))
    turn.say(notice)
    _show_current(turn)


def _button(turn: _Turn, data: str) -> Outcome:
    data = data[:CALLBACK_DATA_LIMIT]
    exact = _EXACT_BUTTONS.get(data)
    if exact is not None:
        exact(turn)
    elif data.startswith(LANGUAGE_PREFIX):
        _language_button(turn, data.removeprefix(LANGUAGE_PREFIX))
    elif data.startswith(CRISIS_PREFIX):
        _crisis_button(turn, data.removeprefix(CRISIS_PREFIX))
    elif data.startswith(PLACE_PREFIX):
        _choose_place(turn, data)
    else:
        _stale(turn)
    return turn.outcome()


def _language_button(turn: _Turn, lang: str) -> None:
    if lang in SUPPORTED_LANGUAGES:
        _switch_language(turn, lang, chosen=True)
    else:
        _stale(turn)


def _crisis_button(turn: _Turn, crisis: str) -> None:
    if crisis in {c.value for c in CrisisType}:
        turn.state = replace(turn.state, crisis=crisis, likely_crisis=None, responder=False)
        if turn.state.powiat is None and not turn.state.without_place:
            _ask_place(turn)
        else:
            _results(turn, page=0)
    else:
        _stale(turn)


def _more_button(turn: _Turn) -> None:
    if turn.state.step == Step.RESULTS:
        _results(turn, page=turn.state.page + 1)
    else:
        _stale(turn)


def _first_page_button(turn: _Turn) -> None:
    _results(turn, page=0, record=False)


def _change_place_button(turn: _Turn) -> None:
    turn.usage.append(UsageNote(event="change_place", change_place_pressed=True))
    _ask_place(turn)


def _change_topic_button(turn: _Turn) -> None:
    # A new topic: what was said of the old one no longer applies; a young age still does.
    young = tuple(need for need in turn.state.needs if need == Need.YOUNG)
    turn.state = replace(turn.state, crisis=None, likely_crisis=None, needs=young)
    if turn.state.powiat is None and not turn.state.without_place:
        _ask_place(turn)
    else:
        _ask_crisis(turn)


def _feedback_button(turn: _Turn, *, helpful: bool) -> None:
    _ = turn._
    turn.usage.append(
        UsageNote(
            event="helpful", helpful=helpful, powiat=turn.state.powiat, crisis=turn.state.crisis
        )
    )
    thanks = (
        _("Thank you for telling me.")
        if helpful
        else _("Thank you for telling me. I am sorry this was not enough.")
    )
    # No dead end after feedback either: the next steps, one tap away.
    lines = [esc(thanks), esc(_("What would you like to do next?")), _danger_footer(turn)]
    rows = [
        [Button(label="🔄 " + _("Change topic"), data=CHANGE_TOPIC)],
        [Button(label="📍 " + _("Change place"), data=CHANGE_PLACE)],
        [Button(label="🆘 " + _("The lines open day and night"), data=SOS)],
    ]
    turn.say("\n".join(lines), rows)


def _sos_button(turn: _Turn) -> None:
    _emergency(turn)
    turn.usage.append(UsageNote(event="sos", emergency_first=True))


# The dialogue's buttons without a parameter, by their code (bot.protocol).
_EXACT_BUTTONS: Final[dict[str, Callable[[_Turn], None]]] = {
    MORE: _more_button,
    FIRST_PAGE: _first_page_button,
    CHANGE_PLACE: _change_place_button,
    CHANGE_TOPIC: _change_topic_button,
    HELPFUL: functools.partial(_feedback_button, helpful=True),
    NOT_HELPFUL: functools.partial(_feedback_button, helpful=False),
    SOS: _sos_button,
}


def _note_crisis(turn: _Turn, reading: CrisisReading) -> None:
    """Remember the crisis type this message is sure of, or the likeliest, and its needs."""
    if reading.crisis is not None:
        turn.state = replace(turn.state, crisis=reading.crisis.value, likely_crisis=None)
    elif reading.likeliest is not None and turn.state.crisis is None:
        turn.state = replace(turn.state, likely_crisis=reading.likeliest.value)
    found = {need.value for need in reading.needs}
    if found - set(turn.state.needs):
        turn.state = replace(turn.state, needs=tuple(sorted(found | set(turn.state.needs))))


def _switch_language(turn: _Turn, lang: str, *, chosen: bool) -> None:
    turn.state = replace(turn.state, lang=lang, lang_chosen=turn.state.lang_chosen or chosen)
    _show_current(turn)


def _follow_language(turn: _Turn, text: str) -> None:
    """Answer in the language this message is clearly written in, unless the resident chose one.

    A place name or a short reply decides nothing (see bot.language), so it never flips the
    conversation; a language not yet supported keeps the current one.
    """
    if turn.state.lang_chosen:
        return
    detected = detect_language(text)
    if detected is not None and detected in SUPPORTED_LANGUAGES and detected != turn.state.lang:
        turn.state = replace(turn.state, lang=detected)


def _choose_place(turn: _Turn, data: str) -> None:
    parts = data.split(":")
    if len(parts) != 3 or not parts[1].isdigit():
        _stale(turn)
        return
    index, powiat = int(parts[1]), parts[2]
    candidates = turn.state.candidates
    if index < len(candidates) and candidates[index][0] == powiat:
        label: str | None = candidates[index][1]
    else:
        # A reading from an older message: still honour it if it names a real powiat.
        label = turn.directory.powiat_label(powiat, turn.lang)
    if label is None:
        _stale(turn)
        return
    _set_place(turn, powiat, label)
    turn.usage.append(UsageNote(event="place", place_outcome="chosen", powiat=powiat))
    _after_place(turn)


def _help(turn: _Turn) -> None:
    _ = turn._
    lines = [
        "<b>" + esc(_("How I can help")) + "</b>",
        esc(
            _(
                "Tell me where you are and what is happening, and I will list crisis centres "
                "and helplines that can help, starting with those open now."
            )
        ),
        esc(_("I am a signpost, not a counsellor. In immediate danger, call 112.")),
        "",
        *(f"/{name} — {esc(description)}" for name, description in command_list(turn.lang)),
    ]
    turn.say("\n".join(lines))


def _command(turn: _Turn, event: Event) -> Outcome:
    command = event.command.lower().lstrip("/").split("@", 1)[0]
    command = COMMAND_ALIASES.get(command, command)
    if command == "start":
        turn.state = DialogueState(lang=turn.state.lang, lang_chosen=turn.state.lang_chosen)
        _greet(turn)
        turn.usage.append(UsageNote(event="start"))
    elif command == "help":
        _help(turn)
        _show_current(turn)
    elif command == "sos":
        _emergency(turn)
        turn.usage.append(UsageNote(event="sos", emergency_first=True))
    elif command == "services":
        turn.state = replace(turn.state, responder=True)
        _ask_services_place(turn)
        turn.usage.append(UsageNote(event="services_start"))
    elif command == "lang":
        wanted = wanted_language(event.args)
        if wanted is None:
            # Three languages: "/lang" alone offers them rather than guessing which one is meant.
            turn.say(esc(turn._("Language: English")), [_language_buttons(turn)])
            return turn.outcome()
        turn.state = replace(turn.state, lang=wanted, lang_chosen=True)
        turn.say(esc(turn._("Language: English")))
        _show_current(turn)
    elif command == "forget":
        lang = turn.state.lang
        turn.state = DialogueState(lang=lang)
        turn.say(
            esc(
                turn._(
                    "I have erased what I remembered about this conversation. "
                    "Write /start to begin again."
                )
            )
            + "\n"
            + _danger_footer(turn)
        )
        turn.usage.append(UsageNote(event="forget"))
        return turn.outcome(forget=True)
    else:
        turn.say(
            esc(turn._("I do not know that command."))
            + "\n"
            + esc(turn._("Try /help, /start or /sos."))
            + "\n"
            + _danger_footer(turn)
        )
    return turn.outcome()
