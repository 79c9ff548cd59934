"""The extensions a conversation service routes to: staff and administrator commands, buttons,
/start deep links and text handlers, collected in one `Extensions` the composition root
(`bot.__main__`) builds and hands to the service. Nothing registers itself on import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from sqlalchemy.orm import Session

from bot.config import Settings
from bot.events import Event, EventKind, Reply
from bot.protocol import MAX_BUTTON_PREFIX_BYTES, command_names, is_reserved_button_prefix
from directory.i18n import translator

_COMMAND_NAME: Final = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


@dataclass(frozen=True)
class CommandContext:
    """What a registered command/button/text handler gets: the event (with user_id), a DB session
    committed after the handler returns, the settings, the chat's language and the time."""

    event: Event
    session: Session
    settings: Settings
    lang: str
    now: datetime


Handler = Callable[[CommandContext], list[Reply]]
TextHandler = Callable[[CommandContext], list[Reply] | None]


@dataclass(frozen=True)
class CommandSpec:
    """A registered command: its handler, a gettext-marked description, and who it is for."""

    name: str
    handler: Handler
    description: str
    audience: str


def command_name(event: Event) -> str:
    """The command of a COMMAND event, lower-case, without the slash and any @botname."""
    return event.command.lower().lstrip("/").split("@", 1)[0]


@dataclass
class Extensions:
    """The commands, button prefixes, deep-link prefixes and text handlers beyond the resident
    dialogue, in the order they were added."""

    commands: dict[str, CommandSpec] = field(default_factory=dict)
    buttons: dict[str, Handler] = field(default_factory=dict)
    start_payloads: dict[str, Handler] = field(default_factory=dict)
    text_handlers: list[TextHandler] = field(default_factory=list)

    def add_command(
        self, name: str, handler: Handler, *, description: str = "", audience: str = "staff"
    ) -> None:
        """Add a slash command (`name` without the slash); `audience` is resident, staff or admin.

        The handler authorises the caller itself (from `context.event.user_id`).
        """
        name = name.lower().lstrip("/")
        if not _COMMAND_NAME.match(name) or name in command_names():
            raise ValueError(f"cannot register command {name!r}")
        self.commands[name] = CommandSpec(
            name=name, handler=handler, description=description, audience=audience
        )

    def add_button(self, prefix: str, handler: Handler) -> None:
        """Route button presses whose data starts with `prefix` (e.g. "st:") to `handler`."""
        if (
            not prefix
            or len(prefix.encode("utf-8")) > MAX_BUTTON_PREFIX_BYTES
            or is_reserved_button_prefix(prefix)
        ):
            raise ValueError(f"cannot register button prefix {prefix!r}")
        self.buttons[prefix] = handler

    def add_start_payload(self, prefix: str, handler: Handler) -> None:
        """Route `/start PREFIX…` (a t.me deep link such as `?start=staff-CODE`) to `handler`."""
        if not prefix:
            raise ValueError(f"cannot register start payload prefix {prefix!r}")
        self.start_payloads[prefix] = handler

    def add_text_handler(self, handler: TextHandler) -> None:
        """Offer free text to `handler` first (e.g. a staff member typing a new phone number).

        It returns replies when the text was its business, or None to let the resident dialogue
        run. Safety rule: immediate-danger screening still runs on text a handler claims.
        """
        if handler not in self.text_handlers:
            self.text_handlers.append(handler)

    def handler_for(self, event: Event) -> Handler | None:
        """The handler of a command, /start deep link or button event, if one is registered."""
        if event.kind is EventKind.COMMAND:
            name = command_name(event)
            spec = self.commands.get(name)
            if spec is not None:
                return spec.handler
            if name == "start":
                payloads = self.start_payloads.items()
                return next((h for p, h in payloads if event.args.startswith(p)), None)
            return None
        if event.kind is EventKind.BUTTON:
            return next(
                (h for prefix, h in self.buttons.items() if event.data.startswith(prefix)), None
            )
        return None

    def is_staff_event(self, event: Event) -> bool:
        """Whether `event` is a registered staff/admin command, button or /start deep link."""
        if event.kind is EventKind.COMMAND:
            spec = self.commands.get(command_name(event))
            if spec is not None:
                return spec.audience != "resident"
        return self.handler_for(event) is not None

    def describe(self, lang: str, audience: str) -> list[tuple[str, str]]:
        """(command, translated description) for the registered commands of one audience."""
        _ = translator(lang).gettext
        return [
            (spec.name, _(spec.description) if spec.description else "")
            for spec in self.commands.values()
            if spec.audience == audience
        ]
