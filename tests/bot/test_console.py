"""The console channel: `python -m bot` without a token, driven through a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console import console_language, parse_line, terminal_text
from bot.events import Button, ButtonKind, EventKind

ROOT = Path(__file__).resolve().parents[2]


def run_console(tmp_path: Path, typed: str, lang: str = "pl_PL.UTF-8") -> str:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TELEGRAM_BOT_TOKEN", "DATABASE_URL", "STATE_SECRET", "LC_ALL"}
    }
    environ.update({"DROGOWSKAZ_DATA_DIR": str(tmp_path), "LANG": lang, "PYTHONPATH": str(ROOT)})
    finished = subprocess.run(
        [sys.executable, "-m", "bot"],
        input=typed,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


@pytest.mark.slow
def test_piped_place_and_choice_show_results_with_112(tmp_path: Path) -> None:
    output = run_console(tmp_path, "Pruszków\n1\n")
    assert "Gdzie jesteś?" in output
    assert "Pruszków — powiat pruszkowski, mazowieckie" in output
    assert "112" in output
    assert "kontakt" in output
    assert "<b>" not in output
    assert (tmp_path / "drogowskaz.db").exists()
    assert (tmp_path / "state_secret").exists()


@pytest.mark.slow
def test_english_console_with_a_typed_location_and_sos(tmp_path: Path) -> None:
    output = run_console(tmp_path, "52.1686,20.8110\n/sos\n", lang="en_GB.UTF-8")
    assert "Where are you?" in output
    assert "powiat pruszkowski, mazowieckie" in output
    assert "116 123" in output


def test_lines_become_events() -> None:
    choices = [
        Button(label="a", data="cr:violence"),
        Button(label="loc", kind=ButtonKind.LOCATION),
        Button(label="🌐 English", kind=ButtonKind.TEXT),
    ]
    pressed = parse_line("1\n", choices, "pl")
    assert pressed is not None
    assert pressed.kind is EventKind.BUTTON
    assert pressed.data == "cr:violence"
    assert parse_line("2", choices, "pl") is None
    key = parse_line("3", choices, "pl")
    assert key is not None
    assert (key.kind, key.text) == (EventKind.TEXT, "🌐 English")
    located = parse_line("52.17, 20.81", choices, "pl")
    assert located is not None
    assert (located.latitude, located.longitude) == (52.17, 20.81)
    lang = parse_line("/lang en", choices, "pl")
    assert lang is not None
    assert (lang.kind, lang.command, lang.args) == (EventKind.COMMAND, "lang", "en")
    typed = parse_line("7", choices, "pl")
    assert typed is not None
    assert typed.kind is EventKind.TEXT
    assert parse_line("   ", choices, "pl") is None


def test_html_is_stripped_for_the_terminal() -> None:
    html_text = '<b>A &amp; B</b> <a href="https://x.pl">strona</a>'
    assert terminal_text(html_text) == "A & B strona (https://x.pl)"


@pytest.mark.parametrize(
    ("environ", "lang"),
    [({"LANG": "pl_PL.UTF-8"}, "pl"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "pl")],
)
def test_console_language_comes_from_the_terminal_locale(
    environ: dict[str, str], lang: str
) -> None:
    assert console_language(environ) == lang


@pytest.mark.slow
def test_an_english_first_message_in_a_polish_terminal_is_answered_and_hinted_in_english(
    tmp_path: Path,
) -> None:
    output = run_console(tmp_path, "I'm in Wroclaw and I want to kill myself\n")
    greeting, answer = output.split("🌐 English", 1)
    assert "Gdzie jesteś?" in greeting  # before anything was written, the terminal's language
    assert "call 112" in answer
    assert "Place: Wrocław" in output
    assert "Miejsce:" not in output


@pytest.mark.slow
def test_the_location_hint_follows_the_language_the_resident_writes_in(tmp_path: Path) -> None:
    # "1" presses the location button, which a terminal cannot send: the hint explains.
    output = run_console(tmp_path, "Hello, I need help please\n1\n")
    after_greeting = output.split("🌐 English", 1)[1]
    assert "To share a location here, type it as latitude,longitude" in after_greeting
    assert "Aby podać lokalizację" not in after_greeting


@pytest.mark.slow
def test_a_place_inside_a_crisis_sentence_is_offered_and_chosen_in_the_console(
    tmp_path: Path,
) -> None:
    """Issue 13 findings 1 and 2 as a resident meets them in the console."""
    typed = (
        "mieszkam w Ostrowie, mam 15 lat i rodzice na mnie krzyczą, nie mam już siły\n"
        "nie, w Ostrowie\n"
        "2\n"
        "/start\n"
        "mieszkam w gminie Chełm\n"
    )
    output = run_console(tmp_path, typed)
    assert "Ostrów Mazowiecka — powiat ostrowski, mazowieckie" in output
    assert "Siła" not in output
    assert "Nie znalazłem" not in output
    assert "Miejsce: Ostrów Mazowiecka" in output
    # Finding 4: the crisis words around the place chose the topic; it is not asked again.
    assert "kontakty dla Ciebie (Dziecko lub nastolatek)" in output
    assert "Miejsce: Chełm — powiat chełmski, lubelskie" in output
