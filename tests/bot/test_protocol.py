"""The chat protocol: one command table, button codes no extension can take over, one limit each."""

from __future__ import annotations

import pytest

from bot.events import Event, EventKind, Reply
from bot.extensions import CommandContext, Extensions
from bot.protocol import (
    COMMANDS,
    RESERVED_BUTTON_CODES,
    command_list,
    command_names,
    is_reserved_button_prefix,
    resident_command_names,
)
from bot.telegram_app import command_menu
from bot.web.chat import PAGE_COMMANDS


def _nothing(context: CommandContext) -> list[Reply]:
    return []


def test_the_menu_the_help_and_the_page_read_the_one_command_table() -> None:
    names = [name for name, _description, _polish in COMMANDS]
    assert [command.command for command in command_menu("en", Extensions())] == names
    assert [name for name, _description in command_list("en")] == names
    assert resident_command_names() == PAGE_COMMANDS == frozenset(names)
    assert frozenset(names) <= command_names()
    assert "sluzby" in command_names()


@pytest.mark.parametrize("code", sorted(RESERVED_BUTTON_CODES))
def test_no_extension_may_take_a_dialogue_button_code(code: str) -> None:
    assert is_reserved_button_prefix(code)
    with pytest.raises(ValueError, match="cannot register"):
        Extensions().add_button(code, _nothing)


def test_a_prefix_overlapping_a_dialogue_code_is_refused_and_a_separate_one_routed() -> None:
    extensions = Extensions()
    for overlapping in ("c", "h", "p", "lang:uk", "more2"):
        with pytest.raises(ValueError, match="cannot register"):
            extensions.add_button(overlapping, _nothing)
    extensions.add_button("st:", _nothing)
    press = Event(kind=EventKind.BUTTON, data="st:edit")
    assert extensions.handler_for(press) is _nothing
    assert extensions.handler_for(Event(kind=EventKind.BUTTON, data="sos")) is None
