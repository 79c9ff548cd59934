"""Folding: one function gives the place keys, the words as typed and the screening's key."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.screening import normalise
from directory.folding import fold, strip_diacritics


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Jestem w Łodzi!", "jestem w lodzi"),
        ("ŻÓŁW, źdźbło; gęś", "zolw zdzblo ges"),
        ("Bielsko - Biała", "bielsko-biala"),
        ("Kędzierzyn–Koźle", "kedzierzyn-kozle"),
        ("  -Grodzisk_Maz.-  ", "grodzisk maz"),
        ("Straße", "strasse"),
        ("у Кракові", "у кракові"),
        ("", ""),
    ],
)
def test_a_key_is_lower_case_without_diacritics_with_hyphens_kept_tight(
    text: str, folded: str
) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "keep_case", "typed"),
    [
        ("Jestem w Łodzi!", False, "jestem w łodzi"),
        ("Jestem w Łodzi!", True, "Jestem w Łodzi"),
        ("Bielsko — Biała", True, "Bielsko-Biała"),
    ],
)
def test_the_words_as_typed_keep_their_diacritics_and_if_asked_their_case(
    text: str, keep_case: bool, typed: str
) -> None:
    assert fold(text, keep_diacritics=True, keep_case=keep_case) == typed


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Chcę się ZABIĆ!!!", "chce sie zabic"),
        ("I don’t want to live", "i dont want to live"),
        ("samo-bójstwo", "samo bojstwo"),
        ("Хочу вмерти, 112", "112"),
        ("ł Ł ß", "l l ss"),
    ],
)
def test_the_latin_only_key_joins_apostrophes_and_splits_at_everything_else(
    text: str, key: str
) -> None:
    assert fold(text, latin_only=True) == key


def test_the_screening_reads_the_latin_only_key() -> None:
    text = "Mój mąż mnie bije — don’t know what to do"
    key = "moj maz mnie bije dont know what to do"
    assert normalise(text) == fold(text, latin_only=True) == key


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(fold(text, latin_only=True), latin_only=True) == fold(text, latin_only=True)


def test_diacritics_alone_are_stripped_with_case_and_punctuation_kept() -> None:
    assert strip_diacritics("Żywiec, Ćmielów!") == "Zywiec, Cmielow!"
    # Ł has no decomposition; it is spelt out as a small l.
    assert strip_diacritics("Łódź") == "lodz"


def test_a_latin_only_key_with_diacritics_or_capitals_is_refused() -> None:
    with pytest.raises(ValueError, match="Latin-only"):
        fold("Łódź", latin_only=True, keep_case=True)


def test_folding_imports_no_storage_nor_place_index() -> None:
    script = (
        "import sys, directory.folding\n"
        "heavy = {'sqlalchemy', 'rapidfuzz', 'shapely', 'morfeusz2', 'directory.places'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
