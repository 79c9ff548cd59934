"""The dialogue core, step by step, against the real gazetteer and the seeded directory."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine

from bot.conversation import LiveDirectory
from bot.dialogue import LIKELY_MARK, DialogueState, Outcome, Step, respond
from bot.events import ButtonKind, Event, EventKind, Reply
from directory.crisis import CrisisType
from directory.db import open_database

WARSAW = ZoneInfo("Europe/Warsaw")
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=WARSAW)  # a Wednesday morning


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The bundled directory in a fresh SQLite file, shared by this module's tests."""
    path: Path = tmp_path_factory.mktemp("dialogue") / "directory.db"
    opened = open_database(f"sqlite:///{path}")
    yield opened
    opened.dispose()


@pytest.fixture(scope="module")
def directory(engine: Engine) -> LiveDirectory:
    """The dialogue's real directory."""
    return LiveDirectory(engine)


def text(value: str, lang: str = "pl") -> Event:
    return Event(kind=EventKind.TEXT, text=value, language_code=lang)


def press(data: str, lang: str = "pl") -> Event:
    return Event(kind=EventKind.BUTTON, data=data, language_code=lang)


def command(name: str, args: str = "", lang: str = "pl") -> Event:
    return Event(kind=EventKind.COMMAND, command=name, args=args, language_code=lang)


def location(lat: float, lon: float) -> Event:
    return Event(kind=EventKind.LOCATION, latitude=lat, longitude=lon, language_code="pl")


def all_text(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def button_data(replies: list[Reply]) -> list[str]:
    return [button.data for reply in replies for row in reply.buttons for button in row]


def text_keys(replies: list[Reply]) -> list[str]:
    """Labels of the buttons that send their label as a message."""
    return [
        button.label
        for reply in replies
        for row in reply.buttons
        for button in row
        if button.kind is ButtonKind.TEXT
    ]


def has_location_button(replies: list[Reply]) -> bool:
    return any(
        button.kind is ButtonKind.LOCATION
        for reply in replies
        for row in reply.buttons
        for button in row
    )


def run(directory: LiveDirectory, *events: Event) -> Outcome:
    state: DialogueState | None = None
    outcome: Outcome | None = None
    for event in events:
        outcome = respond(event, state, directory, NOW)
        state = outcome.state
    assert outcome is not None
    return outcome


def test_greeting_says_what_the_bot_is_and_asks_where(directory: LiveDirectory) -> None:
    outcome = run(directory, text("dzień dobry"))
    body = all_text(outcome.replies)
    assert "Drogowskaz" in body
    assert "nie jestem terapeutą" in body.lower()
    assert "112" in body
    assert "Gdzie jesteś?" in body
    assert has_location_button(outcome.replies)
    assert text_keys(outcome.replies) == ["🌐 English", "🌐 Українська"]
    assert outcome.state.step == Step.PLACE


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("pl", "Gdzie jesteś?"),
        ("pl-PL", "Gdzie jesteś?"),
        ("en", "Where are you?"),
        ("uk", "Де ви?"),
        ("ru", "Де ви?"),
        ("ru-RU", "Де ви?"),
        ("de", "Where are you?"),
        (None, "Where are you?"),
    ],
)
def test_language_follows_the_telegram_language_code(
    directory: LiveDirectory, language_code: str | None, expected: str
) -> None:
    outcome = respond(command("start", lang=language_code or ""), None, directory, NOW)
    if language_code is None:
        outcome = respond(Event(kind=EventKind.COMMAND, command="start"), None, directory, NOW)
    assert expected in all_text(outcome.replies)


def test_place_is_confirmed_with_powiat_and_voivodeship_then_crisis_is_asked(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, command("start"), text("Pruszków"))
    body = all_text(outcome.replies)
    assert "Pruszków — powiat pruszkowski, mazowieckie" in body
    assert "Co się dzieje?" in body
    data = button_data(outcome.replies)
    assert {
        f"cr:{c}"
        for c in (
            "suicidal",
            "violence",
            "child",
            "mental",
            "bereavement",
            "disaster",
            "addiction",
            "other",
        )
    } <= set(data)
    assert "chp" in data
    assert outcome.state.powiat == "1421"


def test_choosing_a_crisis_lists_options_with_112_and_the_result_buttons(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, command("start"), text("Pruszków"), press("cr:violence"))
    body = all_text(outcome.replies)
    assert "112" in body
    assert "kontakt" in body
    data = button_data(outcome.replies)
    assert {"chp", "cht", "hf:1", "hf:0", "lang:en"} <= set(data)
    assert outcome.state.step == Step.RESULTS
    assert outcome.usage[-1].event == "results"
    assert outcome.usage[-1].options_shown > 0


@pytest.mark.parametrize(
    ("place", "crisis", "lang", "announced"),
    [
        ("Pruszków", "violence", "pl", "podaję 2 ośrodki w pobliżu"),
        ("Pruszków", "mental", "en", "2 crisis centres nearby are listed"),
        # Kutno's nearby violence centre was the Łódź shelter B94, whose only number is its fax.
        ("Swarzędz", "mental", "en", "1 crisis centre nearby is listed"),
    ],
)
def test_nearby_centres_announced_in_the_header_are_on_the_first_page(
    directory: LiveDirectory, place: str, crisis: str, lang: str, announced: str
) -> None:
    outcome = run(
        directory, command("start", lang=lang), text(place, lang), press(f"cr:{crisis}", lang)
    )
    body = all_text(outcome.replies)
    assert announced in body
    shown_nearby = body.count("km)")
    assert str(shown_nearby) in announced
    assert outcome.usage[-1].scopes.get("nearby") == shown_nearby


def test_everything_at_once_skips_steps_and_puts_112_first(directory: LiveDirectory) -> None:
    outcome = run(directory, text("jestem w Pruszkowie, mąż mnie bije"))
    first = outcome.replies[0].text
    assert first.startswith("🆘")
    assert "112" in first
    assert "116 123" in first
    body = all_text(outcome.replies[1:])
    assert "powiat pruszkowski" in body
    assert outcome.state.crisis == "violence"
    assert outcome.state.step == Step.RESULTS
    assert outcome.usage[0].emergency_first


def test_danger_as_the_first_message_shows_112_then_asks_where_without_guessing_a_place(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, text("chcę się zabić"))
    assert outcome.replies[0].text.startswith("🆘")
    assert "Żabice" not in all_text(outcome.replies)
    assert outcome.state.powiat is None
    assert outcome.state.crisis == "suicidal"
    assert "Gdzie jesteś?" in all_text(outcome.replies[1:])


def test_crisis_before_place_goes_straight_to_results_once_the_place_is_known(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, command("start"), press("cr:mental"), text("Wrocław"))
    assert outcome.state.step == Step.RESULTS
    assert "Wrocław" in all_text(outcome.replies)


def test_ambiguous_place_offers_readings_with_voivodeship_then_the_choice_is_confirmed(
    directory: LiveDirectory,
) -> None:
    asked = run(directory, command("start"), text("Nowa Wieś"))
    readings = [d for d in button_data(asked.replies) if d.startswith("pl:")]
    labels = [
        b.label for r in asked.replies for row in r.buttons for b in row if b.data.startswith("pl:")
    ]
    assert asked.state.step == Step.CHOOSE_PLACE
    assert 2 <= len(readings) <= 8
    assert any("dolnośląskie" in label for label in labels)
    chosen = respond(press(readings[1]), asked.state, directory, NOW)
    assert chosen.state.powiat == readings[1].split(":")[2]
    assert "Co się dzieje?" in all_text(chosen.replies)


def test_shared_location_is_confirmed_by_name(directory: LiveDirectory) -> None:
    outcome = run(directory, command("start"), location(52.1686, 20.8110))
    assert outcome.state.powiat == "1421"
    assert "powiat pruszkowski, mazowieckie" in all_text(outcome.replies)


def test_location_outside_poland_is_no_dead_end(directory: LiveDirectory) -> None:
    outcome = run(directory, command("start"), location(51.5072, -0.1276))
    body = all_text(outcome.replies)
    assert "poza Polską" in body
    assert "112" in body
    assert "116 123" in body
    assert has_location_button(outcome.replies)


def test_unknown_place_offers_location_an_example_and_the_national_lines(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, command("start"), text("qwxzv"))
    body = all_text(outcome.replies)
    assert "Nie znalazłem" in body
    assert "Pruszków" in body
    assert "112" in body
    assert "116 123" in body
    assert has_location_button(outcome.replies)


def test_sos_gives_112_and_the_national_lines_at_once(directory: LiveDirectory) -> None:
    outcome = run(directory, command("start"), text("Pruszków"), command("sos"))
    first = outcome.replies[0].text
    assert "112" in first
    assert "116 123" in first
    assert outcome.state.powiat == "1421"


def test_help_explains_and_keeps_the_conversation_where_it_was(directory: LiveDirectory) -> None:
    outcome = run(directory, command("start"), text("Pruszków"), command("help"))
    body = all_text(outcome.replies)
    assert "/sos" in body
    assert "/forget" in body
    assert "Co się dzieje?" in body


def test_start_begins_again(directory: LiveDirectory) -> None:
    outcome = run(directory, text("Pruszków"), command("start"))
    assert outcome.state.powiat is None
    assert outcome.state.step == Step.PLACE


def test_forget_erases_and_says_so(directory: LiveDirectory) -> None:
    outcome = run(directory, text("Pruszków"), command("forget"))
    assert outcome.forget
    assert outcome.state.powiat is None
    assert "Usunąłem" in all_text(outcome.replies)


def test_lang_switches_any_time_and_the_button_does_too(directory: LiveDirectory) -> None:
    english = run(directory, command("start"), text("Pruszków"), command("lang", "en"))
    assert english.state.lang == "en"
    assert "What is happening?" in all_text(english.replies)
    polish = respond(press("lang:pl"), english.state, directory, NOW)
    assert polish.state.lang == "pl"
    assert "Co się dzieje?" in all_text(polish.replies)
    explicit = respond(command("lang", "en"), polish.state, directory, NOW)
    assert explicit.state.lang == "en"


def test_the_language_key_beside_the_location_button_switches_language(
    directory: LiveDirectory,
) -> None:
    greeting = run(directory, command("start"))
    english_key, ukrainian_key = text_keys(greeting.replies)
    english = respond(text(english_key), greeting.state, directory, NOW)
    assert english.state.lang == "en"
    assert english.state.step == Step.PLACE
    assert "Where are you?" in all_text(english.replies)
    assert text_keys(english.replies) == ["🌐 Polski", "🌐 Українська"]
    ukrainian = respond(text(ukrainian_key), greeting.state, directory, NOW)
    assert ukrainian.state.lang == "uk"
    assert "Де ви?" in all_text(ukrainian.replies)
    # From Ukrainian, Polish and English are each one tap away.
    assert text_keys(ukrainian.replies) == ["🌐 Polski", "🌐 English"]


def test_lang_alone_offers_the_other_languages_and_changes_nothing(
    directory: LiveDirectory,
) -> None:
    at_crisis = run(directory, command("start"), text("Pruszków"))
    offered = respond(command("lang"), at_crisis.state, directory, NOW)
    assert offered.state == at_crisis.state
    assert "Język: polski" in all_text(offered.replies)
    data = [b.data for reply in offered.replies for row in reply.buttons for b in row]
    assert data == ["lang:en", "lang:uk"]
    ukrainian = respond(press("lang:uk"), offered.state, directory, NOW)
    assert ukrainian.state.lang == "uk"
    assert "Що відбувається?" in all_text(ukrainian.replies)


@pytest.mark.parametrize(
    ("args", "lang"),
    [("uk", "uk"), ("UA", "uk"), ("ru", "uk"), ("українська", "uk"), ("en-GB", "en"), ("pl", "pl")],
)
def test_lang_with_a_code_or_name_switches_to_it(
    directory: LiveDirectory, args: str, lang: str
) -> None:
    outcome = run(directory, command("start", lang="de"), command("lang", args))
    assert outcome.state.lang == lang
    assert outcome.state.lang_chosen


@pytest.mark.parametrize(
    ("typed", "heading"),
    [
        ("/допомога", "Чим я можу допомогти"),
        ("/помощь", "Чим я можу допомогти"),
        ("/мова en", "Language: English"),
        ("/язык pl", "Język: polski"),
    ],
)
def test_a_command_typed_in_cyrillic_is_understood(
    directory: LiveDirectory, typed: str, heading: str
) -> None:
    outcome = run(directory, command("start", lang="uk"), text(typed))
    assert heading in all_text(outcome.replies)


def test_a_first_message_in_russian_is_answered_in_ukrainian_with_polish_and_english_one_tap_away(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, command("start", lang="pl"), text("здравствуйте, мне нужна помощь"))
    assert outcome.state.lang == "uk"
    body = all_text(outcome.replies)
    assert "112" in body
    assert "Спробуйте назву міста чи повіту" in body
    assert text_keys(outcome.replies) == ["🌐 Polski", "🌐 English"]


@pytest.mark.parametrize(
    ("typed", "lang"),
    [
        ("English", "en"),
        ("english", "en"),
        ("  🌐 ENGLISH ", "en"),
        ("Polski", "pl"),
        ("polski", "pl"),
        ("Українська", "uk"),
        ("🌐 українська", "uk"),
        ("Ukrainian", "uk"),
    ],
)
def test_a_language_name_typed_alone_switches_language_where_the_person_is(
    directory: LiveDirectory, typed: str, lang: str
) -> None:
    at_crisis = run(
        directory, command("start", lang="en" if lang == "pl" else "pl"), text("Pruszków")
    )
    switched = respond(text(typed), at_crisis.state, directory, NOW)
    assert switched.state.lang == lang
    assert switched.state.step == Step.CRISIS
    assert switched.state.powiat == at_crisis.state.powiat
    heading = {"pl": "Co się dzieje?", "en": "What is happening?", "uk": "Що відбувається?"}
    assert heading[lang] in all_text(switched.replies)


@pytest.mark.parametrize("typed", ["Polskie", "Englishman"])
def test_a_language_name_inside_other_words_is_not_a_switch(
    directory: LiveDirectory, typed: str
) -> None:
    outcome = run(directory, command("start"), text(typed))
    assert outcome.state.lang == "pl"
    assert not outcome.state.lang_chosen


def test_a_sentence_with_a_language_name_is_read_for_its_place_and_its_language(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, command("start"), text("English please, I am in Pruszków"))
    # Not a typed switch (the place is still read) but an English sentence: answered in English.
    assert outcome.state.powiat == "1421"
    assert outcome.state.lang == "en"
    assert not outcome.state.lang_chosen


def test_more_options_pages_on_and_still_shows_112(directory: LiveDirectory) -> None:
    # Wrocław's list for violence is longer than a page (only lines that fit are listed).
    first = run(directory, command("start"), text("Wrocław"), press("cr:violence"))
    assert "more" in button_data(first.replies)
    second = respond(press("more"), first.state, directory, NOW)
    assert second.state.page == 1
    assert "112" in all_text(second.replies)
    assert second.usage[-1].more_pressed


def test_showing_the_same_list_again_is_not_counted_as_a_new_referral(
    directory: LiveDirectory,
) -> None:
    results = run(directory, command("start"), text("Pruszków"), press("cr:suicidal"))
    assert [note.event for note in results.usage] == ["results"]
    switched = respond(press("lang:en"), results.state, directory, NOW)
    assert "112" in all_text(switched.replies)
    assert switched.usage == []
    second = respond(press("more"), results.state, directory, NOW)
    back = respond(press("p0"), second.state, directory, NOW)
    assert "112" in all_text(back.replies)
    assert back.usage == []


def test_change_place_and_change_topic(directory: LiveDirectory) -> None:
    results = run(directory, command("start"), text("Pruszków"), press("cr:violence"))
    place = respond(press("chp"), results.state, directory, NOW)
    assert place.state.step == Step.PLACE
    assert place.usage[-1].change_place_pressed
    topic = respond(press("cht"), results.state, directory, NOW)
    assert topic.state.step == Step.CRISIS
    assert topic.state.crisis is None


@pytest.mark.parametrize(
    "data",
    ["more", "pl:0:9999", "pl:x:1421", "cr:bogus", "lang:de", "garbage", "", "hf:2", "p0", "st:1"],
)
def test_stale_or_unknown_buttons_get_a_sensible_reply(directory: LiveDirectory, data: str) -> None:
    outcome = respond(press(data), None, directory, NOW)
    assert outcome.replies
    assert "112" in all_text(outcome.replies)


def test_a_reading_from_an_old_message_is_honoured_if_it_names_a_real_powiat(
    directory: LiveDirectory,
) -> None:
    outcome = respond(press("pl:3:1421"), None, directory, NOW)
    assert outcome.state.powiat == "1421"


def test_unknown_command_gets_a_helpful_message(directory: LiveDirectory) -> None:
    outcome = respond(command("frobnicate"), None, directory, NOW)
    assert "/help" in all_text(outcome.replies)


def test_a_very_long_message_is_answered_within_telegram_limits(directory: LiveDirectory) -> None:
    outcome = respond(text("ą<b>&" * 1700), None, directory, NOW)
    assert outcome.replies
    assert all(len(reply.text) <= 4096 for reply in outcome.replies)


def test_english_conversation_end_to_end(directory: LiveDirectory) -> None:
    outcome = run(
        directory,
        text("hello", "en"),
        text("I live in Krakow", "en"),
        press("cr:bereavement", "en"),
    )
    body = all_text(outcome.replies)
    assert "Kraków" in body
    assert "contact" in body
    assert "112" in body


def test_a_name_with_many_readings_asks_for_the_gmina_and_accepts_it(
    directory: LiveDirectory,
) -> None:
    asked = run(directory, command("start"), text("Nowa Wieś"))
    assert "gminą lub powiatem" in all_text(asked.replies)
    narrowed = respond(text("Nowa Wieś, gmina Michałowice"), asked.state, directory, NOW)
    assert narrowed.state.powiat == "1421"
    assert "powiat pruszkowski" in all_text(narrowed.replies)


# --- the immediate-danger block: fitted to the danger, and each number said once ---------------

BLOCK_NUMBERS = re.compile(r"^• <b>([^<]+)</b>", re.MULTILINE)
ENTRY_PHONES = re.compile(r"^☎ (.+)$", re.MULTILINE)
GENERAL_BLOCK = ["112", "116 123", "116 111", "+48800121212", "+48800120002"]
SELF_HARM_BLOCK = ["112", "116 123", "116 111", "+48800121212"]
VIOLENCE_BLOCK = ["112", "+48800120002", "116 123"]
CALL_112_NOW_BLOCK = ["112", "116 123"]
BOTH_BLOCK = ["112", "116 123", "+48800120002", "116 111", "+48800121212"]
WARM_PL = "🆘 <b>Jeśli Twoje lub czyjeś życie jest teraz zagrożone, dzwoń pod 112.</b>"
WARM_EN = "🆘 <b>If your life or someone else's is in danger right now, call 112.</b>"
NOW_PL = "🆘 <b>Dzwoń teraz pod 112: pogotowie, straż pożarna, policja.</b>"
NOW_EN = "🆘 <b>Call 112 now: ambulance, fire brigade, police.</b>"
NOT_REPEATED = {
    "pl": "Numerów 112 i tych z wiadomości powyżej już tu nie powtarzam.",
    "en": "112 and the numbers in the message above are not repeated here.",
}


def block_numbers(reply: Reply) -> list[str]:
    return BLOCK_NUMBERS.findall(reply.text)


def listed_numbers(body: str) -> list[str]:
    return [number for line in ENTRY_PHONES.findall(body) for number in line.split(", ")]


SUICIDAL_PL = "🆘 <b>Jeśli myślisz, że możesz odebrać sobie życie, dzwoń teraz pod 112.</b>"
SUICIDAL_EN = "🆘 <b>If you might act on thoughts of ending your life, call 112 now.</b>"
OVERDOSE_PL = "🆘 <b>Dzwoń teraz pod 112: po zbyt wielu tabletkach albo truciźnie potrzebna"
VIOLENCE_PL = "🆘 <b>Jeśli grozi Ci niebezpieczeństwo, dzwoń teraz pod 112: przyjedzie policja.</b>"
VIOLENCE_EN = "🆘 <b>If you are in danger, call 112 now: the police will come.</b>"
MEDICAL_PL = "🆘 <b>Dzwoń teraz pod 112 po karetkę.</b>"
MEDICAL_EN = "🆘 <b>Call 112 now for an ambulance.</b>"
CHILD_PL = "🆘 <b>Dziecko może być w niebezpieczeństwie: dzwoń teraz pod 112.</b>"
CHILD_BLOCK = ["112", "116 111", "+48800121212", "116 123"]


# Each danger has its own first line (always with 112) and its own lines after 112.
@pytest.mark.parametrize(
    ("message", "lang", "heading", "numbers"),
    [
        ("chcę się zabić", "pl", SUICIDAL_PL, SELF_HARM_BLOCK),
        ("chce sie zabic", "pl", SUICIDAL_PL, SELF_HARM_BLOCK),
        ("połknęłam wszystkie tabletki", "pl", OVERDOSE_PL, SELF_HARM_BLOCK),
        ("mąż mnie bije", "pl", VIOLENCE_PL, VIOLENCE_BLOCK),
        ("mój tata nie oddycha", "pl", MEDICAL_PL, CALL_112_NOW_BLOCK),
        ("pali się dom", "pl", NOW_PL, CALL_112_NOW_BLOCK),
        ("I want to kill myself", "en", SUICIDAL_EN, SELF_HARM_BLOCK),
        ("my husband is beating me", "en", VIOLENCE_EN, VIOLENCE_BLOCK),
        ("he is not breathing", "en", MEDICAL_EN, CALL_112_NOW_BLOCK),
        ("the house is on fire", "en", NOW_EN, CALL_112_NOW_BLOCK),
        ("mąż mnie bije i chcę się zabić", "pl", VIOLENCE_PL, BOTH_BLOCK),
        ("ratunku", "pl", WARM_PL, GENERAL_BLOCK),
        ("zaginęło dziecko", "pl", CHILD_PL, CHILD_BLOCK),
    ],
)
def test_the_emergency_block_comes_first_and_fits_the_danger(
    directory: LiveDirectory, message: str, lang: str, heading: str, numbers: list[str]
) -> None:
    outcome = respond(text(message, lang), None, directory, NOW)
    first = outcome.replies[0]
    assert first.text.startswith(heading)
    assert block_numbers(first) == numbers
    assert outcome.usage[0].emergency_first


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_sos_keeps_the_general_block(directory: LiveDirectory, lang: str) -> None:
    outcome = run(
        directory, command("start", lang=lang), text("Pruszków", lang), command("sos", lang=lang)
    )
    first = outcome.replies[0]
    assert first.text.startswith(WARM_PL if lang == "pl" else WARM_EN)
    assert block_numbers(first) == GENERAL_BLOCK


@pytest.mark.parametrize(
    ("message", "lang", "powiat"),
    [
        ("jestem w Pruszkowie, mąż mnie bije", "pl", "1421"),
        ("mieszkam w Krakowie i chcę się zabić", "pl", "1261"),
        ("I am in Lodz, my husband is beating me", "en", "1061"),
    ],
)
def test_everything_at_once_says_each_number_once_with_112_read_first(
    directory: LiveDirectory, message: str, lang: str, powiat: str
) -> None:
    outcome = respond(text(message, lang), None, directory, NOW)
    assert (outcome.state.step, outcome.state.powiat) == (Step.RESULTS, powiat)
    block, *rest = outcome.replies
    assert block.text.startswith("🆘 <b>")
    assert block_numbers(block)[0] == "112"
    results = all_text(rest)
    listed = listed_numbers(results)
    assert listed, "local and other help follows the block"
    assert not set(listed) & set(block_numbers(block))
    assert "☎ 112\n" not in results + "\n"
    every_number = block_numbers(block) + listed
    assert len(every_number) == len(set(every_number))
    assert NOT_REPEATED[lang] in results
    assert "112" in results.rsplit("\n", 1)[-1]  # the footer still says 112


def test_results_in_a_later_turn_without_the_block_list_112_and_the_lines_again(
    directory: LiveDirectory,
) -> None:
    urgent = respond(text("jestem w Pruszkowie, mąż mnie bije"), None, directory, NOW)
    again = respond(press("cr:violence"), urgent.state, directory, NOW)
    body = all_text(again.replies)
    assert listed_numbers(body)[:2] == ["112", "+48800120002"]
    assert NOT_REPEATED["pl"] not in body


def test_danger_without_a_place_asks_where_instead_of_saying_the_place_was_not_found(
    directory: LiveDirectory,
) -> None:
    outcome = respond(text("mój tata nie oddycha"), None, directory, NOW)
    body = all_text(outcome.replies)
    assert "Nie znalazłem" not in body
    assert body.count("🆘") == 1
    assert "Gdzie jesteś?" in body
    assert has_location_button(outcome.replies)
    assert outcome.state.step == Step.PLACE


def test_a_danger_said_at_the_end_of_a_very_long_message_still_leads_with_112(
    directory: LiveDirectory,
) -> None:
    long_story = "Opowiem ci wszystko od początku. " * 3000 + "Dziś chcę się zabić."
    outcome = respond(text(long_story), None, directory, NOW)
    assert "112" in outcome.replies[0].text.split("\n")[0]


def test_an_unsure_topic_is_asked_with_the_likeliest_button_first_and_marked(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, command("start"), text("mieszkam w Pruszkowie i nie radzę sobie"))
    assert outcome.state.powiat == "1421"
    assert outcome.state.crisis is None
    assert outcome.state.likely_crisis == "mental"
    last = outcome.replies[-1]
    first_row = last.buttons[0]
    assert [button.data for button in first_row] == ["cr:mental"]
    assert first_row[0].label.startswith(LIKELY_MARK)
    assert "Z tego, co piszesz, może chodzić o: Zdrowie psychiczne, lęk." in last.text
    # Every crisis button is still there, each once, and the reply still ends with the lines.
    crisis_data = [d for d in button_data([last]) if d.startswith("cr:")]
    assert sorted(crisis_data) == sorted(f"cr:{crisis.value}" for crisis in CrisisType)
    assert "112" in last.text
    assert "116 123" in last.text


def test_pressing_the_likeliest_topic_lists_the_results_and_forgets_the_guess(
    directory: LiveDirectory,
) -> None:
    asked = run(directory, command("start"), text("mieszkam w Pruszkowie i nie radzę sobie"))
    listed = respond(press("cr:mental"), asked.state, directory, NOW)
    assert listed.state.step == Step.RESULTS
    assert listed.state.crisis == "mental"
    assert listed.state.likely_crisis is None


def test_a_sure_topic_with_the_place_goes_straight_to_the_results(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, command("start"), text("mieszkam w Pruszkowie i mam ataki paniki"))
    assert outcome.state.step == Step.RESULTS
    assert outcome.state.crisis == "mental"
    assert "112" in all_text(outcome.replies)


def test_the_likely_topic_survives_storage_and_a_stale_code_is_dropped() -> None:
    state = DialogueState(lang="pl", likely_crisis="child")
    assert DialogueState.from_dict(state.to_dict()).likely_crisis == "child"
    assert DialogueState.from_dict({"likely_crisis": "bogus"}).likely_crisis is None
