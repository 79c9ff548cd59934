"""What flows between a channel and the dialogue core: events in, replies with buttons out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from bot.protocol import TELEGRAM_TEXT_LIMIT

CLIP_MARK: Final = " … "


def clip_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> str:
    """`text` cut to at most `limit` characters, keeping its start and its end.

    Safety rule: a long message may say what matters last ("… i dziś to zrobię"), so the
    end is kept as well as the start; screening and place resolution read the clipped text,
    and no input can cost more than `limit` characters' worth of work.
    """
    if len(text) <= limit:
        return text
    keep = limit - len(CLIP_MARK)
    head = keep // 2
    return text[:head] + CLIP_MARK + text[len(text) - (keep - head) :]


class EventKind(StrEnum):
    """The kinds of input a channel can deliver."""

    TEXT = "text"
    BUTTON = "button"
    LOCATION = "location"
    COMMAND = "command"


@dataclass(frozen=True)
class Event:
    """One input from a person, already stripped of everything channel-specific."""

    kind: EventKind
    text: str = ""
    data: str = ""
    command: str = ""
    args: str = ""
    latitude: float | None = None
    longitude: float | None = None
    language_code: str | None = None
    channel: str = "console"
    # Privacy: the user id is used only to authorise staff and administrators; it is never
    # written to resident state or usage records.
    user_id: int | None = None

    def __post_init__(self) -> None:
        """Clip the text and arguments to Telegram's limit before anything reads them."""
        # Every channel builds an Event, so this is the one place where input is bounded.
        object.__setattr__(self, "text", clip_text(self.text))
        object.__setattr__(self, "args", clip_text(self.args))


def typed_event(text: str, language_code: str | None, channel: str) -> Event:
    """A typed line as an event: a command when it starts with "/" ("/lang en"), otherwise text."""
    if text.startswith("/") and len(text) > 1:
        name, _sep, args = text[1:].partition(" ")
        return Event(
            kind=EventKind.COMMAND,
            command=name,
            args=args.strip(),
            text=text,
            language_code=language_code,
            channel=channel,
        )
    return Event(kind=EventKind.TEXT, text=text, language_code=language_code, channel=channel)


class ButtonKind(StrEnum):
    """What pressing a button does."""

    CALLBACK = "callback"
    LOCATION = "location"
    URL = "url"
    # Sends its label as an ordinary message (Telegram: a reply-keyboard button), so it can
    # share one keyboard, and one message, with the location button.
    TEXT = "text"


@dataclass(frozen=True)
class Button:
    """A button under a reply; `data` is at most 64 bytes (a Telegram limit)."""

    label: str
    data: str = ""
    kind: ButtonKind = ButtonKind.CALLBACK
    url: str = ""


@dataclass(frozen=True)
class Reply:
    """One message to send: Telegram-HTML text (b, i, a, code only) and rows of buttons."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    photo_png: bytes | None = field(default=None, repr=False)
