"""Translations: an error carries its English text and says it in the person's language."""

from __future__ import annotations

from directory.i18n import TranslatedError
from directory.panel_access import INVALID_LINK, SignInError


def test_a_translated_error_keeps_its_english_text_and_says_it_in_polish() -> None:
    error = SignInError(INVALID_LINK)
    assert isinstance(error, TranslatedError)
    assert str(error) == error.message == INVALID_LINK
    polish = error.text("pl")
    assert polish != INVALID_LINK
    assert "/panel" in polish


def test_an_unknown_language_gets_the_polish_text() -> None:
    error = TranslatedError(INVALID_LINK)
    assert error.text("xx") == error.text("pl")
