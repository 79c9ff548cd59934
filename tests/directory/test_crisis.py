"""Crisis types and their labels, defined once."""

from __future__ import annotations

from directory.crisis import CRISIS_LABELS, CrisisType, crisis_label
from directory.i18n import translator


def test_every_crisis_type_has_a_label() -> None:
    assert list(CRISIS_LABELS) == list(CrisisType)


def test_a_label_is_translated_through_the_given_gettext() -> None:
    polish = crisis_label(CrisisType.VIOLENCE, translator("pl").gettext)
    assert polish == translator("pl").gettext("Violence or abuse")
    assert polish != "Violence or abuse"


def test_without_gettext_the_label_is_english_and_a_stored_code_works_too() -> None:
    assert crisis_label("suicidal") == "Thoughts of suicide"


def test_an_unknown_code_is_shown_as_it_is() -> None:
    assert crisis_label("not-a-crisis", translator("uk").gettext) == "not-a-crisis"
