"""What flows between a channel and the dialogue core: events in, replies with buttons out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
