"""A resident's first messages, as they are really written (issue 13): the language they are in,
one order on screen, lines that fit, and no dead ends. Against the real gazetteer and directory."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine

from bot.conversation import LiveDirectory
from bot.dialogue import DialogueState, Outcome, respond
from bot.events import Event, EventKind, Reply
from directory.crisis import CrisisType
from directory.db import open_database
from directory.i18n import SUPPORTED_LANGUAGES
from directory.referral import OptionsRequest

WARSAW = ZoneInfo("Europe/Warsaw")
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=WARSAW)  # a Wednesday morning


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The bundled directory in a fresh SQLite file, shared by this module's tests."""
    path: Path = tmp_path_factory.mktemp("first-message") / "directory.db"
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


def start(lang: str = "pl") -> Event:
    return Event(kind=EventKind.COMMAND, command="start", language_code=lang)


def run(directory: LiveDirectory, *events: Event, at: datetime = NOW) -> Outcome:
    state: DialogueState | None = None
    outcome: Outcome | None = None
    for event in events:
        outcome = respond(event, state, directory, at)
        state = outcome.state
    assert outcome is not None
    return outcome


def all_text(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def button_data(replies: list[Reply]) -> list[str]:
    return [button.data for reply in replies for row in reply.buttons for button in row]


# --- finding 3: the language of each message ---------------------------------------------------


def test_an_english_first_message_about_panic_attacks_is_answered_in_english(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, start("pl"), text("I'm in Wroclaw and I have panic attacks"))
    assert outcome.state.lang == "en"
    assert outcome.state.powiat == "0264"
    said = all_text(outcome.replies)
    assert "Place: Wrocław" in said
    assert "Miejsce" not in said
    # The way back to Polish is one press away.
    assert "lang:pl" in button_data(outcome.replies)


def test_an_english_suicidal_first_message_gets_112_first_in_english(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, text("I want to kill myself, I'm in Gdansk", lang="pl"))
    assert outcome.state.lang == "en"
    first = outcome.replies[0].text
    assert "112" in first.splitlines()[0]
    assert "call 112" in first
    assert outcome.state.powiat == "2261"
    assert "lang:pl" in button_data(outcome.replies)


@pytest.mark.parametrize("place", ["Wroclaw", "Gdansk", "w Gdańsku", "Zielona Góra"])
def test_a_bare_place_name_does_not_flip_an_english_conversation(
    directory: LiveDirectory, place: str
) -> None:
    outcome = run(directory, start("en"), text(place, lang="en"))
    assert outcome.state.lang == "en"
    assert outcome.state.powiat is not None


@pytest.mark.parametrize("reply", ["ok", "tak", "yes", "Wroclaw", "👍"])
def test_a_short_reply_does_not_flip_the_language_mid_conversation(
    directory: LiveDirectory, reply: str
) -> None:
    english = run(directory, start("pl"), text("I need help, I live in Pruszków"))
    assert english.state.lang == "en"
    after = respond(text(reply), english.state, directory, NOW)
    assert after.state.lang == "en"


def test_a_polish_sentence_after_an_english_one_is_answered_in_polish(
    directory: LiveDirectory,
) -> None:
    english = run(directory, start("en"), text("I need help, I live in Pruszków", lang="en"))
    assert english.state.lang == "en"
    polish = respond(text("mąż mnie bije, boję się", lang="en"), english.state, directory, NOW)
    assert polish.state.lang == "pl"


def test_a_language_the_resident_chose_is_kept_whatever_they_write(
    directory: LiveDirectory,
) -> None:
    chosen = run(directory, start("pl"), press("lang:en"))
    assert chosen.state.lang_chosen
    outcome = respond(text("jestem w Pruszkowie, mąż mnie bije"), chosen.state, directory, NOW)
    assert outcome.state.lang == "en"
    assert "Place: Pruszków" in all_text(outcome.replies)
    restarted = respond(start("pl"), outcome.state, directory, NOW)
    assert restarted.state.lang == "en"


def test_cyrillic_is_read_as_ukrainian_once_ukrainian_is_supported(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, start("pl"), text("Я у Варшаві, мені потрібна допомога"))
    # Until the Ukrainian catalog exists the conversation keeps the language it had.
    assert outcome.state.lang == ("uk" if "uk" in SUPPORTED_LANGUAGES else "pl")


# --- findings 5 and 6: one order on screen, only lines that fit --------------------------------


def shown_numbers(replies: list[Reply]) -> str:
    return all_text(replies).replace(" ", "")


def test_zielona_gora_the_screen_shows_the_ranking_order_116_123_above_the_far_centre(
    directory: LiveDirectory,
) -> None:
    closing_soon = datetime(2026, 3, 4, 14, 49, tzinfo=WARSAW)
    events = (start(), text("Zielona Góra"), press("cr:bereavement"))
    outcome = run(directory, *events, at=closing_soon)
    said = all_text(outcome.replies)
    ranked = directory.options_for(
        OptionsRequest("0862", CrisisType.BEREAVEMENT, closing_soon, "pl", urgent=False)
    )
    names = [option.short_name for option in ranked[:5]]
    positions = [said.index(name) for name in names if name in said]
    assert positions == sorted(positions)
    assert said.index("116 123") < said.index("najbliższy ośrodek")
    assert "Europejski numer alarmowy 112" in said  # the 112 option itself, on page one


def test_ursynow_shows_112_on_the_first_page(directory: LiveDirectory) -> None:
    outcome = run(directory, start(), text("mieszkam na Ursynowie"), press("cr:mental"))
    assert outcome.state.powiat == "1465"
    # The 112 option itself on the first page, not only the footer's "call 112".
    assert "Europejski numer alarmowy 112" in all_text(outcome.replies)


def test_alcohol_gets_no_designer_drugs_line(directory: LiveDirectory) -> None:
    outcome = run(directory, start(), text("jestem w Warszawie, mąż pije od miesiąca"))
    if outcome.state.crisis is None:
        outcome = respond(press("cr:addiction"), outcome.state, directory, NOW)
    assert outcome.state.needs == ("alcohol",)
    numbers = shown_numbers(outcome.replies)
    assert "800060800" not in numbers
    assert "800199990" in numbers or "800 199 990" in all_text(outcome.replies)


def test_a_teenager_shouted_at_by_parents_gets_no_missing_child_line(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, start(), text("mam 15 lat, Warszawa, rodzice ciągle na mnie krzyczą"))
    if outcome.state.crisis is None:
        outcome = respond(press("cr:child"), outcome.state, directory, NOW)
    assert "young" in outcome.state.needs
    assert "116000" not in shown_numbers(outcome.replies)
    assert "116 111" in all_text(outcome.replies)


def test_an_adult_gets_no_childrens_lines(directory: LiveDirectory) -> None:
    outcome = run(directory, start(), text("Pruszków"), press("cr:mental"))
    said = all_text(outcome.replies)
    assert "116 111" not in said
    assert "116 123" in said


# --- finding 1: the place inside a sentence, the crisis words kept -----------------------------

OSTROW_MESSAGE = "mieszkam w Ostrowie, mam 15 lat i rodzice na mnie krzyczą, nie mam już siły"
OSTROW_TOWNS = ["pl:0:0608", "pl:1:1416", "pl:2:3017"]


def place_buttons(replies: list[Reply]) -> list[str]:
    return [data for data in button_data(replies) if data.startswith("pl:")]


def test_a_teenager_in_ostrow_is_asked_which_ostrow_never_about_the_village_sila(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, start(), text(OSTROW_MESSAGE))
    assert place_buttons(outcome.replies)[:3] == OSTROW_TOWNS
    assert "Siła" not in all_text(outcome.replies) + " ".join(
        button.label for reply in outcome.replies for row in reply.buttons for button in row
    )
    # What she said of herself stays for the list that follows.
    assert outcome.state.needs == ("young",)


def test_answering_nie_w_ostrowie_asks_again_instead_of_not_found(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, start(), text(OSTROW_MESSAGE), text("nie, w Ostrowie"))
    assert place_buttons(outcome.replies)[:3] == OSTROW_TOWNS
    assert "Nie znalazłem" not in all_text(outcome.replies)
    chosen = respond(press("pl:1:1416"), outcome.state, directory, NOW)
    assert chosen.state.powiat == "1416"
    assert "young" in chosen.state.needs


def test_the_crisis_read_from_the_first_message_survives_the_question_which_place(
    directory: LiveDirectory,
) -> None:
    asked = run(directory, start(), text("mieszkam w Ostrowie, mąż mnie bije"))
    assert asked.state.crisis == CrisisType.VIOLENCE.value
    assert asked.replies[0].text.splitlines()[0].startswith("🆘")
    listed = respond(press("pl:2:3017"), asked.state, directory, NOW)
    # Straight to the list for violence in Ostrów Wielkopolski, no topic question again.
    assert listed.state.step == "results"
    assert listed.state.crisis == CrisisType.VIOLENCE.value
    assert "Europejski numer alarmowy 112" in all_text(listed.replies)


@pytest.mark.parametrize(
    ("message", "not_offered"),
    [
        ("ciągle mnie bije, nie mam już siły", {"Ciągłe", "Siła"}),
        ("on robi mi krzywdę", {"Krzywda"}),
        ("ciągle płaczę i nie mam siły", {"Ciągłe", "Siła"}),
    ],
)
def test_common_words_of_a_crisis_message_are_never_offered_as_places(
    directory: LiveDirectory, message: str, not_offered: set[str]
) -> None:
    outcome = run(directory, start(), text(message))
    assert place_buttons(outcome.replies) == []
    labels = " ".join(
        button.label for reply in outcome.replies for row in reply.buttons for button in row
    )
    assert not any(name in labels for name in not_offered)


@pytest.mark.parametrize(
    "message",
    ["Хочу вмерти", "Я хочу вмерти", "Хочу умереть, помогите", "Режу себе, никто не знает"],
)
def test_cyrillic_crisis_words_are_never_spelt_as_polish_places(
    directory: LiveDirectory, message: str
) -> None:
    # Romanised, "хочу" read as the village Choczu before the crisis words reached the lookup.
    outcome = run(directory, start("uk"), text(message, "uk"))
    assert place_buttons(outcome.replies) == []
    assert outcome.state.powiat is None


@pytest.mark.parametrize(
    ("message", "powiat"),
    [
        ("Хочу повеситься, Варшава", "1465"),
        ("думаю як покінчити з собою, живу в Любліні сама", "0663"),
        ("Мене б'ють. Варшава", "1465"),
        ("Люблін, дитина не повернулася зі школи", "0663"),
    ],
)
def test_a_cyrillic_crisis_message_still_finds_its_place(
    directory: LiveDirectory, message: str, powiat: str
) -> None:
    outcome = run(directory, start("uk"), text(message, "uk"))
    assert outcome.state.powiat == powiat


@pytest.mark.parametrize(
    "message",
    [
        "syn nie chce chodzic do szkoly, wagaruje i klamie",
        "pochowalismy tate w sobote, teraz cisza w domu nie do wytrzymania",
        "juz nie daje rady, mam tabletki odlozone i mysle ze dzis to zrobie",
        "duzhe tryvozhno, ne mozhu spaty vzhe misiats",
        "син грає в казино онлайн і бере кредити",
        "syn igraet v kazino, proigral vse dengi",
        "czy mozna dostac zasilek na opal",
        "Після повені в домі пліснява і нема де жити",
        "Жена пьет с утра до вечера",
        "Помер мій брат від ковіду",
    ],
)
def test_ordinary_words_without_diacritics_or_in_transliteration_are_not_villages(
    directory: LiveDirectory, message: str
) -> None:
    # Chodzież, the villages Sobota, Mysze, Duże and Kożyno were offered before.
    outcome = run(directory, start(), text(message))
    assert place_buttons(outcome.replies) == []
    assert outcome.state.powiat is None


@pytest.mark.parametrize(
    ("message", "powiat"),
    [
        ("maz mnie dzis znowu uderzyl, jestem z dziecmi u sasiadki w przemyslu", "1862"),
        ("szukam odwyku dla ojca w okolicach brzegu", "1601"),
        ("stoje na torach kolo legionowa i czekam", "1408"),
    ],
)
def test_a_town_after_a_preposition_is_found_beside_crisis_words(
    directory: LiveDirectory, message: str, powiat: str
) -> None:
    outcome = run(directory, start(), text(message))
    assert outcome.state.powiat == powiat


# --- finding 2: a rural gmina named like a city --------------------------------------------------


@pytest.mark.parametrize(
    ("message", "powiat"),
    [("mieszkam w gminie Chełm", "0603"), ("gmina Siedlce", "1426")],
)
def test_a_rural_gmina_named_like_the_city_is_its_land_powiat_not_the_city(
    directory: LiveDirectory, message: str, powiat: str
) -> None:
    outcome = run(directory, start(), text(message))
    assert outcome.state.powiat == powiat
    assert "powiat" in (outcome.state.place_label or "")


def test_chelm_alone_asks_the_city_or_the_rural_gminas_powiat(directory: LiveDirectory) -> None:
    outcome = run(directory, start(), text("Chełm"))
    assert outcome.state.powiat is None
    assert place_buttons(outcome.replies) == ["pl:0:0662", "pl:1:0603"]
    labels = [button.label for reply in outcome.replies for row in reply.buttons for button in row]
    assert "Chełm, lubelskie" in labels
    assert "Chełm — powiat chełmski, lubelskie" in labels


# --- issue 14 item 4: near the city ---------------------------------------------------------------


def test_pod_krakowem_asks_the_city_or_powiat_krakowski(directory: LiveDirectory) -> None:
    outcome = run(directory, start(), text("mieszkam pod Krakowem, mąż mnie bije"))
    assert place_buttons(outcome.replies) == ["pl:0:1261", "pl:1:1206"]
    assert outcome.state.crisis == CrisisType.VIOLENCE.value
    chosen = respond(press("pl:1:1206"), outcome.state, directory, NOW)
    assert (chosen.state.powiat, chosen.state.step) == ("1206", "results")


# --- no dead ends (finding 7) ----------------------------------------------------------------

NATIONAL_LINES = ("116 123", "116 111", "+48800121212", "+48800120002")


def buttons_of(outcome: Outcome) -> list[str]:
    return [button.data for reply in outcome.replies for row in reply.buttons for button in row]


def says_112_and_a_line(outcome: Outcome) -> bool:
    said = "\n".join(reply.text for reply in outcome.replies)
    return "112" in said and any(line in said for line in NATIONAL_LINES)


@pytest.mark.parametrize(
    ("message", "lang"),
    [("help", "en"), ("pomocy", "pl"), ("Pomóż mi!", "pl"), ("😢", "pl"), ("🙏🙏", "en")],
)
@pytest.mark.parametrize("first", [True, False], ids=["first-message", "asked-where"])
def test_help_or_an_emoji_gets_the_24_7_lines_and_a_gentle_question(
    directory: LiveDirectory, message: str, lang: str, first: bool
) -> None:
    events = [text(message, lang)] if first else [start(lang), text(message, lang)]
    outcome = run(directory, *events)
    said = "\n".join(reply.text for reply in outcome.replies)
    assert says_112_and_a_line(outcome)
    assert "116 123" in said
    assert any(line in said for line in ("What is happening?", "Co się dzieje?"))
    assert "not find" not in said
    assert "Nie znalazłem" not in said
    assert {f"cr:{crisis.value}" for crisis in CrisisType} <= set(buttons_of(outcome))


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("nie powiem gdzie jestem", "pl"),
        ("wolę nie mówić", "pl"),
        ("I won't say where I am", "en"),
        ("I'd rather not tell you", "en"),
        ("не скажу", "uk"),
    ],
)
def test_a_refusal_to_say_where_gets_the_national_lines_and_goes_on_without_a_place(
    directory: LiveDirectory, message: str, lang: str
) -> None:
    refused = run(directory, start(lang), text(message, lang))
    assert says_112_and_a_line(refused)
    assert refused.state.without_place
    assert "cr:violence" in buttons_of(refused)
    # Choosing a topic now lists the lines for all of Poland instead of asking where again.
    topic = respond(press("cr:violence", lang), refused.state, directory, NOW)
    said = "\n".join(reply.text for reply in topic.replies)
    assert topic.state.step == "results"
    assert topic.state.powiat is None
    assert "+48800120002" in said  # the violence line leads
    assert said.index("+48800120002") < said.index("116 123")
    assert {"chp", "cht", "hf:1", "hf:0"} <= set(buttons_of(topic))
    # And a place given later still leads to local help.
    placed = respond(text("Pruszków", lang), topic.state, directory, NOW)
    assert placed.state.powiat == "1421"
    assert not placed.state.without_place


def test_a_refusal_with_the_crisis_said_goes_straight_to_the_national_lines(
    directory: LiveDirectory,
) -> None:
    outcome = run(directory, start(), text("mąż mnie bije, ale nie powiem gdzie mieszkam"))
    said = "\n".join(reply.text for reply in outcome.replies)
    assert outcome.state.crisis == "violence"
    assert outcome.state.step == "results"
    assert "+48800120002" in said
    assert says_112_and_a_line(outcome)


@pytest.mark.parametrize(
    ("message", "lang", "expected"),
    [
        ("00-950", "pl", "Nie umiem jeszcze odczytać kodu pocztowego"),
        ("62-800", "pl", "Nie umiem jeszcze odczytać kodu pocztowego"),
        ("my postcode is 62–800", "en", "I cannot read postal codes yet"),
    ],
)
def test_a_postcode_gets_told_it_cannot_be_read_yet_and_is_asked_for_the_town(
    directory: LiveDirectory, message: str, lang: str, expected: str
) -> None:
    outcome = run(directory, start(lang), text(message, lang))
    said = "\n".join(reply.text for reply in outcome.replies)
    assert expected in said
    assert outcome.state.step == "place"
    assert says_112_and_a_line(outcome)


def test_a_postcode_with_the_town_still_finds_the_town(directory: LiveDirectory) -> None:
    outcome = run(directory, start(), text("62-800 Kalisz"))
    assert outcome.state.powiat == "3061"


@pytest.mark.parametrize("data", ["hf:1", "hf:0"])
def test_after_feedback_the_next_steps_are_one_tap_away(
    directory: LiveDirectory, data: str
) -> None:
    results = run(directory, start(), text("Pruszków"), press("cr:violence"))
    after = respond(press(data), results.state, directory, NOW)
    assert says_112_and_a_line(after)
    assert {"cht", "chp", "sos"} <= set(buttons_of(after))
    lines = respond(press("sos"), after.state, directory, NOW)
    assert says_112_and_a_line(lines)


# --- round 4: crisis words that look like places ---------------------------------------------


@pytest.mark.parametrize(
    ("message", "crisis"),
    [
        # "у поліцію" (to the police) is not the town Police, "з нових" not Nowe, and a
        # "słuchawka" (handset) not the village Słuchany.
        ("роботодавець забрав паспорт і погрожує що здасть у поліцію", CrisisType.VIOLENCE),
        ("Колишній переслідує мене, пише з нових номерів", CrisisType.VIOLENCE),
        ("dzwonią z nieznanych numerów i dyszą w słuchawkę", CrisisType.VIOLENCE),
    ],
)
def test_crisis_words_that_look_like_places_name_no_place(
    directory: LiveDirectory, message: str, crisis: CrisisType
) -> None:
    outcome = run(directory, text(message, lang="uk"))
    assert outcome.state.powiat is None
    assert outcome.state.crisis == crisis.value


@pytest.mark.parametrize(
    "message",
    [
        # "z góry" is "upstairs" or "in advance" here, not the town Góra (powiat 0204).
        "sasiad z gory codziennie wali w sciane i grozi, Olsztyn",
        "z gory dziekuje za pomoc, syn nie chodzi do szkoly, Olsztyn",
    ],
)
def test_z_gory_in_an_idiom_is_no_place(directory: LiveDirectory, message: str) -> None:
    outcome = run(directory, text(message))
    assert outcome.state.powiat != "0204"
    assert "0204" not in str(outcome.state.candidates)
