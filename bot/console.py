"""The console channel: the same conversation in a terminal, buttons as numbered choices."""

from __future__ import annotations

import html
import os
import re
import sys
from collections.abc import Sequence
from typing import Final, TextIO

from bot.conversation import ConversationService
from bot.events import Button, ButtonKind, Event, EventKind, Reply, typed_event
from directory.i18n import language_for, translator

CONSOLE_CHAT_ID: Final = 1
CHANNEL: Final = "console"
_TAG: Final = re.compile(r"<[^>]+>")
_LINK: Final = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
_POINT: Final = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def terminal_text(telegram_html: str) -> str:
    """Telegram HTML as terminal text: no tags, links as "text (url)", entities decoded."""
    with_links = _LINK.sub(lambda match: f"{match.group(2)} ({match.group(1)})", telegram_html)
    return html.unescape(_TAG.sub("", with_links))


def console_language(environ: dict[str, str] | None = None) -> str:
    """The resident's language from the terminal locale (LC_ALL, LC_MESSAGES, LANG)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value and value not in {"C", "POSIX", "C.UTF-8"}:
            return language_for(value)
    return "pl"


def parse_line(line: str, choices: Sequence[Button], language_code: str) -> Event | None:
    """Turn one typed line into an event; None for a blank line."""
    text = line.strip()
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= len(choices):
        button = choices[int(text) - 1]
        if button.kind is ButtonKind.CALLBACK:
            return Event(
                kind=EventKind.BUTTON,
                data=button.data,
                language_code=language_code,
                channel=CHANNEL,
            )
        if button.kind is ButtonKind.TEXT:
            text = button.label
        else:
            return None
    point = _POINT.match(text)
    if point:
        return Event(
            kind=EventKind.LOCATION,
            latitude=float(point.group(1)),
            longitude=float(point.group(2)),
            language_code=language_code,
            channel=CHANNEL,
        )
    return typed_event(text, language_code, CHANNEL)


def show(replies: Sequence[Reply], lang: str, out: TextIO) -> list[Button]:
    """Print replies; returns the buttons of the last reply that had any, numbered from 1."""
    _ = translator(lang).gettext
    choices: list[Button] = []
    for reply in replies:
        out.write(terminal_text(reply.text).rstrip() + "\n")
        buttons = [button for row in reply.buttons for button in row]
        if buttons:
            choices = buttons
            for number, button in enumerate(buttons, start=1):
                label = button.label
                if button.kind is ButtonKind.LOCATION:
                    label += " — " + _("type your position as latitude,longitude, e.g. 52.17,20.81")
                elif button.kind is ButtonKind.URL:
                    label += f" ({button.url})"
                out.write(f"  [{number}] {label}\n")
        out.write("\n")
    out.flush()
    return choices


def run(
    service: ConversationService, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> int:
    """Talk to the resident on stdin/stdout through `service` until end of input; returns the
    exit status."""
    return _converse(service, stdin, stdout)


def _converse(service: ConversationService, stdin: TextIO, stdout: TextIO) -> int:
    # A fresh data directory is migrated and seeded on first use, which takes longer than a
    # resident turn's deadline: do it before the first prompt, or the first answer would be
    # the outage fallback.
    service.warm_up()
    language_code = console_language()
    start = Event(
        kind=EventKind.COMMAND, command="start", language_code=language_code, channel=CHANNEL
    )
    replies, lang = service.handle_in_language(CONSOLE_CHAT_ID, start)
    choices = show(replies, lang, stdout)
    interactive = stdin.isatty()
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            return 0
        event = parse_line(line, choices, language_code)
        if event is None:
            if line.strip():
                hint = translator(lang).gettext(
                    "To share a location here, type it as latitude,longitude, e.g. 52.17,20.81"
                )
                stdout.write(hint + "\n\n")
            continue
        # The conversation decides the language (a button, /lang, or the language a message is
        # written in); the console's own hints follow it.
        replies, lang = service.handle_in_language(CONSOLE_CHAT_ID, event)
        choices = show(replies, lang, stdout) or choices
