"""Rendering options: escaping, phones, Babel times in Polish and English, plurals, splitting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.render import TELEGRAM_TEXT_LIMIT, opening_text, phone_text, render_option, split_message
from directory.i18n import translator
from directory.referral import Option, PhoneView, Scope

WARSAW = ZoneInfo("Europe/Warsaw")
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=WARSAW)  # Wednesday

BASE = Option(
    service_id="test",
    name="Ośrodek <Interwencji> & Pomocy",
    phones=(
        PhoneView(display="22 855 44 32", e164="+48228554432", dial="+48228554432", tel_uri=None),
        PhoneView(display="116 123", e164=None, dial="116123", tel_uri="tel:116123"),
    ),
    always_open=False,
    open_now=True,
    hours="Mo-Fr 08:00-20:00",
    hours_as_published="pn-pt 8-20",
    next_open=None,
    closes_at=datetime(2026, 3, 4, 20, 0, tzinfo=WARSAW),
    scope=Scope.LOCAL,
    distance_km=None,
    url="https://example.org/?a=1&b=2",
    notice="Uwaga: <zmiana> godzin",
    source=("https://example.org",),
    source_date="2025-01-01",
    verified_on=date(2026, 2, 1),
    confidence="high",
)


def test_dynamic_text_is_escaped_for_telegram_html() -> None:
    rendered = render_option(BASE, NOW, "pl")
    assert "<b>Ośrodek &lt;Interwencji&gt; &amp; Pomocy</b>" in rendered
    assert "&lt;zmiana&gt;" in rendered
    assert 'href="https://example.org/?a=1&amp;b=2"' in rendered
    assert "<Interwencji>" not in rendered


def test_phones_are_tap_to_call_international_and_short_numbers_stay_as_they_are() -> None:
    assert [phone_text(phone) for phone in BASE.phones] == ["+48228554432", "116 123"]
    with_extension = PhoneView(
        display="22 123 45 67 wew. 12", e164="+48221234567", dial="+48221234567", tel_uri=None
    )
    assert phone_text(with_extension) == "+48221234567 wew. 12"


@pytest.mark.parametrize(
    ("changes", "lang", "expected"),
    [
        ({"always_open": True}, "pl", "czynne całą dobę"),
        ({"always_open": True}, "en", "open 24/7"),
        ({}, "pl", "teraz czynne do 20:00"),
        ({}, "en", "open now until 20:00"),
        (
            {"open_now": False, "next_open": datetime(2026, 3, 9, 8, 0, tzinfo=WARSAW)},
            "en",
            "opens Mon 08:00",
        ),
        (
            {"open_now": False, "next_open": datetime(2026, 3, 9, 8, 0, tzinfo=WARSAW)},
            "pl",
            "czynne od pon. 08:00",
        ),
        (
            {"open_now": False, "next_open": datetime(2026, 3, 4, 16, 0, tzinfo=WARSAW)},
            "pl",
            "czynne dziś od 16:00",
        ),
        (
            {"open_now": False, "next_open": datetime(2026, 3, 5, 7, 0, tzinfo=ZoneInfo("UTC"))},
            "en",
            "opens tomorrow at 08:00",
        ),
        ({"open_now": False, "closes_at": None}, "pl", "godziny: pn-pt 8-20"),
    ],
)
def test_opening_times_are_formatted_for_the_locale_in_warsaw_time(
    changes: dict[str, object], lang: str, expected: str
) -> None:
    option = replace(BASE, **changes)  # type: ignore[arg-type]
    assert opening_text(option, NOW, lang) == expected


def test_nearby_centres_show_their_distance_and_the_verification_date() -> None:
    nearby = replace(BASE, scope=Scope.NEARBY, distance_km=21.6)
    assert "22 km stąd" in render_option(nearby, NOW, "pl")
    assert "last verified: Feb 1, 2026" in render_option(nearby, NOW, "en")
    assert "ostatnio sprawdzone: 1 lut 2026" in render_option(nearby, NOW, "pl")


@pytest.mark.parametrize(
    ("count", "word"),
    [
        (1, "kontakt "),
        (2, "kontakty"),
        (4, "kontakty"),
        (5, "kontaktów"),
        (12, "kontaktów"),
        (22, "kontakty"),
        (25, "kontaktów"),
        (112, "kontaktów"),
    ],
)
def test_polish_plurals_follow_the_three_forms(count: int, word: str) -> None:
    text = translator("pl").ngettext(
        "%(count)d contact for you (%(topic)s):", "%(count)d contacts for you (%(topic)s):", count
    ) % {"count": count, "topic": "x"}
    assert text.startswith(f"{count} {word}")


@pytest.mark.parametrize(("count", "word"), [(1, "ośrodek"), (2, "ośrodki"), (5, "ośrodków")])
def test_polish_plurals_for_crisis_centres(count: int, word: str) -> None:
    text = translator("pl").ngettext(
        "There is no centre in your powiat; %(count)d crisis centre nearby is listed.",
        "There is no centre in your powiat; %(count)d crisis centres nearby are listed.",
        count,
    ) % {"count": count}
    assert f"{count} {word} w pobliżu" in text


def test_short_messages_are_not_split() -> None:
    assert split_message("krótko") == ["krótko"]


def test_long_messages_split_at_line_boundaries_within_the_limit() -> None:
    lines = [f"<b>linia {index}</b> " + "x" * 90 for index in range(200)]
    chunks = split_message("\n".join(lines))
    assert len(chunks) > 1
    assert all(len(chunk) <= TELEGRAM_TEXT_LIMIT for chunk in chunks)
    assert "\n".join(chunks) == "\n".join(lines)
    assert all(chunk.count("<b>") == chunk.count("</b>") for chunk in chunks)


def test_a_single_huge_line_is_cut_without_breaking_an_entity() -> None:
    chunks = split_message("a&amp;" * 2000)
    assert all(len(chunk) <= TELEGRAM_TEXT_LIMIT for chunk in chunks)
    assert "".join(chunks) == "a&amp;" * 2000
    assert all(not chunk.endswith(("&", "&a", "&am", "&amp")) for chunk in chunks)
