"""Rendering options: escaping, phones, Babel times in Polish and English, plurals, splitting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.render import (
    TELEGRAM_TEXT_LIMIT,
    opening_text,
    phone_text,
    render_emergency_block,
    render_option,
    result_pages,
    split_message,
)
from directory.i18n import translator
from directory.referral import Option, PhoneView, Reason, Scope
from directory.visibility import Standing

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
        # no checked hours: the published text may be a research note, so say to call and ask
        (
            {"open_now": False, "closes_at": None, "hours": None},
            "pl",
            "godziny otwarcia niepotwierdzone, zadzwoń, aby sprawdzić",
        ),
        (
            {"open_now": False, "hours": None, "hours_as_published": None},
            "en",
            "opening hours not confirmed, call to check",
        ),
    ],
)
def test_opening_times_are_formatted_for_the_locale_in_warsaw_time(
    changes: dict[str, object], lang: str, expected: str
) -> None:
    option = replace(BASE, **changes)  # type: ignore[arg-type]
    assert opening_text(option, NOW, lang) == expected


NEARBY = replace(
    BASE,
    service_id="nearby",
    scope=Scope.NEARBY,
    distance_km=21.6,
    reasons=(Reason.OPEN_NOW, Reason.NEARBY),
)
NATIONAL_24_7 = replace(
    BASE,
    service_id="national",
    name="Kryzysowy Telefon Zaufania 116 123 (telefon zaufania dla osób dorosłych w kryzysie)",
    phones=(BASE.phones[1],),
    always_open=True,
    closes_at=None,
    scope=Scope.NATIONAL,
    url=None,
    notice=None,
    verified_on=None,
    reasons=(Reason.OPEN_24_7, Reason.NATIONAL),
)
EMERGENCY_FIRST = replace(
    NATIONAL_24_7,
    service_id="H01",
    name="Europejski numer alarmowy 112",
    phones=(PhoneView(display="112", e164=None, dial="112", tel_uri="tel:112"),),
    scope=Scope.EMERGENCY,
    reasons=(Reason.EMERGENCY_FIRST, Reason.OPEN_24_7),
)


def test_nearby_centres_show_their_distance_and_the_verification_date() -> None:
    assert "najbliższy ośrodek poza Twoim powiatem (ok. 22 km)" in render_option(NEARBY, NOW, "pl")
    assert "checked on Feb 1, 2026" in render_option(NEARBY, NOW, "en")
    assert "sprawdzono 1 lut 2026" in render_option(NEARBY, NOW, "pl")


def test_a_never_checked_local_entry_says_it_is_not_yet_confirmed_and_from_when() -> None:
    unchecked = replace(NEARBY, verified_on=None, standing=Standing.UNCONFIRMED)
    assert render_option(unchecked, NOW, "en").endswith(
        "<i>not yet confirmed by the centre; from a public page of Jan 1, 2025</i>"
    )
    assert "jeszcze niepotwierdzone przez ośrodek" in render_option(unchecked, NOW, "pl")


def test_a_check_older_than_the_limit_says_so() -> None:
    old = replace(NEARBY, standing=Standing.VERIFIED_STALE)
    assert "last checked on Feb 1, 2026, some time ago: call to confirm" in render_option(
        old, NOW, "en"
    )


@pytest.mark.parametrize(
    ("option", "lang", "expected"),
    [
        (
            NATIONAL_24_7,
            "pl",
            [
                "<b>Kryzysowy Telefon Zaufania 116 123</b>",
                "☎ 116 123",
                "czynne całą dobę",
                "<i>numer ogólnopolski</i>",
                "<i>ze strony publicznej z 1 sty 2025</i>",
            ],
        ),
        (
            NATIONAL_24_7,
            "en",
            [
                "<b>Kryzysowy Telefon Zaufania 116 123</b>",
                "☎ 116 123",
                "open 24/7",
                "<i>nationwide line</i>",
                "<i>from a public page of Jan 1, 2025</i>",
            ],
        ),
        (
            EMERGENCY_FIRST,
            "pl",
            [
                "<b>Europejski numer alarmowy 112</b>",
                "☎ 112",
                "czynne całą dobę",
                "<i>życie może być zagrożone: najpierw dzwoń pod 112</i>",
            ],
        ),
        (
            NEARBY,
            "en",
            [
                "<b>Ośrodek &lt;Interwencji&gt; &amp; Pomocy</b>",
                "☎ +48228554432, 116 123",
                "open now until 20:00",
                "<i>nearest centre outside your powiat (about 22 km)</i>",
                "⚠ Uwaga: &lt;zmiana&gt; godzin",
                '<a href="https://example.org/?a=1&amp;b=2">website or chat</a>',
                "<i>checked on Feb 1, 2026</i>",
            ],
        ),
    ],
)
def test_an_option_reads_name_phones_hours_why_then_notice_link_and_check_date(
    option: Option, lang: str, expected: list[str]
) -> None:
    assert render_option(option, NOW, lang).split("\n") == expected


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("option", [NATIONAL_24_7, EMERGENCY_FIRST, NEARBY])
def test_each_fact_is_said_once(option: Option, lang: str) -> None:
    lines = render_option(option, NOW, lang).split("\n")
    assert len(lines) == len(set(lines))
    text = "\n".join(lines)
    for words in ("całą dobę", "24/7", "teraz czynne", "open now", "km"):
        assert text.count(words) <= 1, words


@pytest.mark.parametrize(
    ("residents_only", "scope", "shown"),
    [(True, Scope.NEARBY, True), (False, Scope.NEARBY, False), (True, Scope.LOCAL, False)],
)
def test_the_residents_only_caveat_is_shown_for_centres_beyond_the_border(
    residents_only: bool, scope: Scope, shown: bool
) -> None:
    option = replace(NEARBY, residents_only=residents_only, scope=scope)
    caveat = "może przyjmować tylko mieszkańców swojego terenu"
    assert (caveat in render_option(option, NOW, "pl")) is shown


def test_the_emergency_block_uses_short_names() -> None:
    block = render_emergency_block([EMERGENCY_FIRST, NATIONAL_24_7], "pl")
    assert "• <b>116 123</b> — Kryzysowy Telefon Zaufania 116 123\n" in block + "\n"
    assert "dla osób dorosłych" not in block


def _numbered(scopes: str) -> list[Option]:
    kinds = {"e": Scope.EMERGENCY, "n": Scope.NATIONAL, "b": Scope.NEARBY, "l": Scope.LOCAL}
    return [
        replace(BASE, service_id=f"{index}", scope=kinds[kind]) for index, kind in enumerate(scopes)
    ]


@pytest.mark.parametrize(
    ("scopes", "sizes"),
    [
        ("", [0]),
        ("enn", [3]),
        ("ennbbnnn", [5, 3]),
        ("ennnbbnnn", [5, 4]),
        ("llllllllllll", [5, 5, 2]),
    ],
)
def test_pages_cut_the_ranked_list_in_its_own_order(scopes: str, sizes: list[int]) -> None:
    options = _numbered(scopes)
    pages = result_pages(options, 5)
    assert [len(page) for page in pages] == sizes
    # What must be on page one is the ranking's rule (directory.referral), not the page's.
    assert [o.service_id for page in pages for o in page] == [o.service_id for o in options]


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
