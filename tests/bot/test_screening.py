"""Immediate-danger screening: every category in every language, calm messages that only name a
topic, the labelled tuning set, and what the dialogue and place lookup get from it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.crisis_type import without_crisis_words
from bot.screening import (
    LEAD_ORDER,
    Danger,
    normalise,
    screen,
)

TUNING = Path(__file__).resolve().parents[1] / "data" / "screening" / "tuning.csv"

# (message, language, the danger it must be screened as). Written for these tests, in the ways
# people write: with and without Polish letters, Cyrillic and its Latin transliteration.
DANGER_TABLE: list[tuple[str, str, Danger]] = [
    # suicidal intent, direct and indirect
    ("chcę się zabić", "pl", Danger.SUICIDAL),
    ("CHCE SIE ZABIC!!!", "pl", Danger.SUICIDAL),
    ("nie chcę już dłużej żyć", "pl", Danger.SUICIDAL),
    ("nie mam po co zyc", "pl", Danger.SUICIDAL),
    ("wszystkim będzie lepiej beze mnie", "pl", Danger.SUICIDAL),
    ("to moja ostatnia wiadomość", "pl", Danger.SUICIDAL),
    ("nikt nie zauważy jak mnie zabraknie", "pl", Danger.SUICIDAL),
    ("I want to kill myself", "en", Danger.SUICIDAL),
    ("i want to sleep forever", "en", Danger.SUICIDAL),
    ("tell my family I love them", "en", Danger.SUICIDAL),
    ("I can't take it any longer", "en", Danger.SUICIDAL),
    ("я більше не можу так жити", "uk", Danger.SUICIDAL),
    ("ne khochu zhyty", "uk", Danger.SUICIDAL),
    ("покончу с собой", "ru", Danger.SUICIDAL),
    ("hochu umeret", "ru", Danger.SUICIDAL),
    # a plan, means or a place
    ("mam przygotowany sznur", "pl", Danger.PLAN_MEANS),
    ("stoję na moście", "pl", Danger.PLAN_MEANS),
    ("I'm on the roof and going to jump", "en", Danger.PLAN_MEANS),
    ("я стою на мосту", "uk", Danger.PLAN_MEANS),
    ("stoyu na kryshe", "ru", Danger.PLAN_MEANS),
    # self-harm with an injury
    ("pocięłam się i krew leci", "pl", Danger.SELF_HARM),
    ("I cut myself and it won't stop bleeding", "en", Danger.SELF_HARM),
    ("порізала руки, глибоко", "uk", Danger.SELF_HARM),
    ("porezal sebya", "ru", Danger.SELF_HARM),
    # overdose or poisoning
    ("połknęłam wszystkie tabletki", "pl", Danger.OVERDOSE),
    ("przedawkowałem", "pl", Danger.OVERDOSE),
    ("I swallowed a whole bottle of pills", "en", Danger.OVERDOSE),
    ("я випила всі таблетки", "uk", Danger.OVERDOSE),
    ("он наглотался таблеток", "ru", Danger.OVERDOSE),
    ("I took too many pills", "en", Danger.OVERDOSE),
    # violence in progress or threatened
    ("mąż mnie bije", "pl", Danger.VIOLENCE),
    ("grozi mi nożem", "pl", Danger.VIOLENCE),
    ("he is going to kill me", "en", Danger.VIOLENCE),
    ("він мене вб'є", "uk", Danger.VIOLENCE),
    ("vin mene vbye", "uk", Danger.VIOLENCE),
    ("муж меня бьёт", "ru", Danger.VIOLENCE),
    # a child in danger
    ("dziecko wypadło z okna", "pl", Danger.CHILD),
    ("zaginęła moja córka, ma 8 lat", "pl", Danger.CHILD),
    ("a child fell through the ice", "en", Danger.CHILD),
    ("дитина не дихає", "uk", Danger.CHILD),
    ("сосед бьёт ребёнка", "ru", Danger.CHILD),
    # a medical emergency
    ("mój tata nie oddycha", "pl", Danger.MEDICAL),
    ("mama jest nieprzytomna", "pl", Danger.MEDICAL),
    ("he's having a seizure", "en", Danger.MEDICAL),
    ("тато не дихає", "uk", Danger.MEDICAL),
    ("papa ne dyshit", "ru", Danger.MEDICAL),
    # a disaster in progress
    ("pali się dom", "pl", Danger.DISASTER),
    ("czuć gaz na klatce", "pl", Danger.DISASTER),
    ("we're trapped by the flood", "en", Danger.DISASTER),
    ("горить будинок", "uk", Danger.DISASTER),
    ("gorit dom", "ru", Danger.DISASTER),
    # a bare call for help: unsure, so 112 first all the same
    ("ratunku", "pl", Danger.UNSURE),
    ("pomocy!", "pl", Danger.UNSURE),
    ("help me please", "en", Danger.UNSURE),
    ("помогите", "ru", Danger.UNSURE),
]

# Calm messages that only name a topic keep the ordinary flow.
CALM_TABLE: list[tuple[str, str]] = [
    ("mieszkam w Łodzi", "pl"),
    ("Pruszków", "pl"),
    ("dzień dobry", "pl"),
    ("szukam psychoterapeuty w Krakowie", "pl"),
    ("mama zmarła w zeszłym roku", "pl"),
    ("mój syn pije, co robić", "pl"),
    ("trzy lata temu zostałam pobita, szukam psychologa", "pl"),
    ("ten egzamin mnie zabija", "pl"),
    ("kroję chleb nożem", "pl"),
    ("Szukam pomocy psychologicznej", "pl"),
    ("Zabiję go jak znowu się spóźni, haha", "pl"),
    ("this exam is killing me", "en"),
    ("my ex used to hit me, I left him last year", "en"),
    ("I'm dying to see the new film", "en"),
    ("where can I find a therapist", "en"),
    ("цей іспит мене вбиває", "uk"),
    ("колись чоловік мене бив, тепер живу окремо", "uk"),
    ("шукаю психолога", "uk"),
    ("этот экзамен меня убивает", "ru"),
    ("раньше муж меня бил, сейчас мы развелись", "ru"),
    ("ищу психолога в Варшаве", "ru"),
    # A staff member typing opening hours: the model alone never speaks for so few words.
    ("zawsze w tygodniu", "pl"),
]


# The second round (issue 10): slang, swapped letters, glued negation, third-person reports,
# children writing, farewells, fragments; written for these tests, not copied from the data.
ROUND_2_DANGER_TABLE: list[tuple[str, str, Danger]] = [
    ("pokocnhu s soboi", "ru", Danger.SUICIDAL),
    ("niechce juz zyc", "pl", Danger.SUICIDAL),
    ("нехочу жити", "uk", Danger.SUICIDAL),
    ("hocu sie wylogowac z zycia", "pl", Danger.SUICIDAL),
    ("i wnat to dei", "en", Danger.SUICIDAL),
    ("zaopiekujcie sie psem jak mnie nie bedzie", "pl", Danger.SUICIDAL),
    ("please feed my cat when im gone", "en", Danger.SUICIDAL),
    ("выпиливаюсь сегодня", "ru", Danger.SUICIDAL),
    ("пробачте мені, я вас любила", "uk", Danger.SUICIDAL),
    ("cant. anymore. sorry", "en", Danger.SUICIDAL),
    ("uzbieralam tabsy, wystarczy", "pl", Danger.PLAN_MEANS),
    ("i know exactly which bridge", "en", Danger.PLAN_MEANS),
    ("вже вибрав міст", "uk", Danger.PLAN_MEANS),
    ("уже выбрал мост", "ru", Danger.PLAN_MEANS),
    ("ciachnelam sie, leci krew", "pl", Danger.SELF_HARM),
    ("sh relapse, might need stitches", "en", Danger.SELF_HARM),
    ("спеціально обпік себе", "uk", Danger.SELF_HARM),
    ("rezhu ruki opyat", "ru", Danger.SELF_HARM),
    ("przecpalem, serce wali", "pl", Danger.OVERDOSE),
    ("took 30 tylenol", "en", Danger.OVERDOSE),
    ("vypyv zabahato likiv", "uk", Danger.OVERDOSE),
    ("муж выпил пачку снотворного", "ru", Danger.OVERDOSE),
    ("sasiad rzucil sie na mnie z siekiera", "pl", Danger.VIOLENCE),
    ("he's outside with a bat", "en", Danger.VIOLENCE),
    ("колишній ломиться в двері з ножем", "uk", Danger.VIOLENCE),
    ("сосед избивает жену", "ru", Danger.VIOLENCE),
    ("mama mnie bjie pasem mam 11 lat", "pl", Danger.CHILD),
    ("my 8 year old hasn't come home", "en", Danger.CHILD),
    ("донька 9 років не повернулась додому", "uk", Danger.CHILD),
    ("ребенок один в машине на жаре", "ru", Danger.CHILD),
    ("dziadek mowi niewyraznie, opadl mu kacik ust", "pl", Danger.MEDICAL),
    ("baby is choking", "en", Danger.MEDICAL),
    ("дідусь не приходить до тями", "uk", Danger.MEDICAL),
    ("муж упал и не приходит в себя", "ru", Danger.MEDICAL),
    ("woda wlewa sie do domu", "pl", Danger.DISASTER),
    ("wildfire right behind our street", "en", Danger.DISASTER),
    ("вода заливає квартиру", "uk", Danger.DISASTER),
    ("смердить газом у під'їзді", "uk", Danger.DISASTER),
    ("дом обрушился", "ru", Danger.DISASTER),
]

# The second round's known false alarms, and other topic-only messages that look like danger.
ROUND_2_CALM_TABLE: list[tuple[str, str]] = [
    ("mieszkam w Zakopanem", "pl"),
    ("płaczę bez powodu", "pl"),
    ("у меня был выкидыш", "ru"),
    ("tata zginął", "pl"),
    ("tonę w długach", "pl"),
    ("ta kolejka mnie dobija", "pl"),
    ("chciałabym umrzeć ze wstydu", "pl"),
    ("how do I kill time on a long flight", "en"),
    ("i'm drowning in paperwork", "en"),
    ("this song is fire", "en"),
    ("saw on the news there's a flood down south", "en"),
    ("на роботі завал", "uk"),
    ("хочу померти від сорому", "uk"),
    ("эта сессия меня убьёт", "ru"),
    ("у меня панические атаки", "ru"),
    ("сколько парацетамола можно в день", "ru"),
]


@pytest.mark.parametrize(("text", "language", "danger"), ROUND_2_DANGER_TABLE)
def test_slang_typos_fragments_and_third_person_reports_are_screened(
    text: str, language: str, danger: Danger
) -> None:
    result = screen(text)
    assert danger in result.dangers, (language, text, result)


@pytest.mark.parametrize(("text", "language"), ROUND_2_CALM_TABLE)
def test_idioms_places_and_words_a_letter_from_danger_words_stay_calm(
    text: str, language: str
) -> None:
    assert screen(text).dangers == frozenset(), (language, text)


def test_the_second_round_table_covers_every_category_in_every_language() -> None:
    covered = {(language, danger) for _text, language, danger in ROUND_2_DANGER_TABLE}
    for danger in set(Danger) - {Danger.MISSING, Danger.UNSURE}:
        languages = {language for language, found in covered if found is danger}
        assert languages == {"pl", "en", "uk", "ru"}, danger


@pytest.mark.parametrize(("text", "language", "danger"), DANGER_TABLE)
def test_each_category_is_screened_in_each_language(
    text: str, language: str, danger: Danger
) -> None:
    result = screen(text)
    assert result.immediate_danger, (language, text)
    assert danger in result.dangers, (language, text, result)


@pytest.mark.parametrize(("text", "language"), CALM_TABLE)
def test_calm_messages_that_only_name_a_topic_keep_the_ordinary_flow(
    text: str, language: str
) -> None:
    assert screen(text).dangers == frozenset(), (language, text)


def test_the_table_covers_every_category_in_every_language() -> None:
    covered = {(language, danger) for _text, language, danger in DANGER_TABLE}
    categories = set(Danger) - {Danger.MISSING, Danger.UNSURE}
    for language in ("pl", "en", "uk", "ru"):
        assert {danger for lang, danger in covered if lang == language} >= categories, language


def test_a_negated_suicidal_statement_still_leads_with_112() -> None:
    # "I do not want to kill myself" is still danger-adjacent: when unsure, 112 first.
    assert screen("nie chcę się zabić").immediate_danger
    assert screen("I don't want to kill myself but I think about it").immediate_danger


def test_the_past_is_calm_and_the_present_is_danger() -> None:
    assert not screen("kiedyś mnie bił, teraz mieszkam sama").immediate_danger
    assert screen("kiedyś mnie bił, a dziś znowu mnie bije").immediate_danger
    assert not screen("he used to hit me").immediate_danger
    assert screen("he is hitting me").immediate_danger
    assert screen("zgwałcił mnie godzinę temu").immediate_danger


def test_the_danger_may_be_one_clause_of_a_long_message() -> None:
    story = "Przeprowadziliśmy się w zeszłym roku do Radomia, dzieci chodzą do nowej szkoły. " * 40
    assert screen(story + "Dziś chcę się zabić.").immediate_danger
    assert not screen(story).immediate_danger


def test_the_reply_leads_with_the_danger_that_needs_112_soonest() -> None:
    result = screen("mąż mnie bije i chcę się zabić")
    assert {Danger.VIOLENCE, Danger.SUICIDAL} <= result.dangers
    assert result.lead is Danger.VIOLENCE
    assert screen("mój syn nie oddycha").lead is Danger.MEDICAL
    assert list(LEAD_ORDER)[-1] is Danger.UNSURE


def read_tuning() -> list[dict[str, str]]:
    with TUNING.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_danger_message_of_the_tuning_set_leads_with_112() -> None:
    missed = [
        row["id"]
        for row in read_tuning()
        if row["label"] == "danger" and not screen(row["text"]).immediate_danger
    ]
    assert missed == []


def read_second_round_tuning() -> list[dict[str, str]]:
    """held_out.csv (seen after the first round, tuned on since) and tuning_2.csv."""
    rows: list[dict[str, str]] = []
    for name in ("held_out.csv", "tuning_2.csv"):
        with (TUNING.parent / name).open(encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    return rows


def test_the_second_round_tuning_material_is_screened_at_high_recall() -> None:
    danger = [row for row in read_second_round_tuning() if row["label"] == "danger"]
    missed = [row["id"] for row in danger if not screen(row["text"]).immediate_danger]
    assert len(missed) <= 0.01 * len(danger), missed


def test_false_alarms_on_the_second_round_tuning_material_stay_under_the_ceiling() -> None:
    calm = [row for row in read_second_round_tuning() if row["label"] == "calm"]
    alarms = [row["id"] for row in calm if screen(row["text"]).immediate_danger]
    assert len(alarms) <= 0.05 * len(calm), alarms


# Tuning material of the third and fourth rounds: held_out_2.csv and held_out_3.csv (the blind
# sets of the second and third rounds, tuned on since their figures were seen), tuning_3.csv and
# tuning_4.csv.
LATER_ROUNDS = ("held_out_2.csv", "tuning_3.csv", "held_out_3.csv", "tuning_4.csv")


def read_later_rounds(name: str) -> list[dict[str, str]]:
    """The rows of one later round's tuning file."""
    with (TUNING.parent / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", LATER_ROUNDS)
def test_the_later_rounds_tuning_material_is_screened_at_high_recall(name: str) -> None:
    danger = [row for row in read_later_rounds(name) if row["label"] == "danger"]
    missed = [row["id"] for row in danger if not screen(row["text"]).immediate_danger]
    assert len(missed) <= 0.015 * len(danger), missed


@pytest.mark.parametrize("name", LATER_ROUNDS)
def test_false_alarms_on_the_later_rounds_tuning_material_stay_under_the_ceiling(
    name: str,
) -> None:
    calm = [row for row in read_later_rounds(name) if row["label"] == "calm"]
    alarms = [row["id"] for row in calm if screen(row["text"]).immediate_danger]
    assert len(alarms) <= 0.05 * len(calm), alarms


@pytest.mark.parametrize(
    ("text", "danger"),
    [
        ("auto wpadło do rzeki, w środku są ludzie", Danger.DISASTER),
        ("a car went into the lake with a family inside", Danger.DISASTER),
        ("машина злетіла з мосту в річку, люди всередині", Danger.DISASTER),
        ("сиджу в гаражі, двигун працює", Danger.PLAN_MEANS),
        ("какая доза инсулина смертельна", Danger.PLAN_MEANS),
        ("my stepdad locks me in my room and I'm scared to go home", Danger.VIOLENCE),
        ("brat dostał padaczki w autobusie, trzęsie nim", Danger.MEDICAL),
        ("a stranger told my daughter to get in his car", Danger.CHILD),
        ("jakiś koleś wciąga młodą do samochodu", Danger.CHILD),
        ("мелкий выбежал на дорогу и пропал", Danger.CHILD),
        ("teraz wszystkim będzie lepiej beze mnie", Danger.SUICIDAL),
    ],
)
def test_fourth_round_kinds_of_danger_lead_with_112(text: str, danger: Danger) -> None:
    assert danger in screen(text).dangers


@pytest.mark.parametrize(
    "text",
    [
        # A clause that looks back puts the sentence in the past; so does a partner left.
        "to było dziesięć lat temu, sąsiad mnie zgwałcił, szukam psychologa",
        "это было давно, меня избивал отчим, теперь ищу психолога",
        "odszedłem od niej pięć lat temu, wcześniej mnie biła, szukam terapeuty",
        # Better now, in one clause: a recovery told of.
        "подруга пыталась покончить с собой, сейчас ей гораздо лучше",
        "my friend tried to kill himself last year, he's much better now",
        # Thanks for help is not a cry for help; "просто" is not "прости".
        "dziękuję za pomoc!",
        "цей іспит мене просто вбиває",
    ],
)
def test_fourth_round_calm_messages_keep_the_ordinary_flow(text: str) -> None:
    assert not screen(text).immediate_danger, screen(text).reasons


def test_a_sudden_calm_after_a_decision_is_not_a_recovery() -> None:
    assert screen("teraz jest mi lepiej, bo już wiem jak to zrobię").immediate_danger
    assert screen("jestem w porządku, już zdecydowałam, dziś się zabiję").immediate_danger
    assert not screen("próbowała się zabić rok temu, teraz jest jej dużo lepiej").immediate_danger


def test_a_year_gone_by_is_a_past_time_but_money_or_since_is_not() -> None:
    assert not screen("w 2016 próbowałam się zabić, dziś mam rodzinę").immediate_danger
    assert screen("mam 2000 zł długu i chcę się zabić").immediate_danger
    assert screen("od 2020 mąż mnie bije").immediate_danger


def test_a_clause_looking_back_does_not_hide_a_danger_now() -> None:
    assert screen("to było dawno, ale dziś znowu mnie bije").immediate_danger
    assert screen("это было давно, а сейчас он снова угрожает меня убить").immediate_danger


def test_false_alarms_on_the_tuning_set_stay_under_the_ceiling() -> None:
    calm = [row for row in read_tuning() if row["label"] == "calm"]
    alarms = [row["id"] for row in calm if screen(row["text"]).immediate_danger]
    assert len(alarms) <= 0.05 * len(calm), alarms


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Chcę się ZABIĆ!!!", "chce sie zabic"),
        ("Łódź, Śląsk", "lodz slask"),
        ("I don’t want", "i dont want"),
    ],
)
def test_normalisation_drops_case_diacritics_and_punctuation(text: str, normalised: str) -> None:
    assert normalise(text) == normalised


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("jestem w Pruszkowie, mąż mnie bije", "jestem w pruszkowie"),
        ("chcę się zabić", ""),
        ("syn pije w Łodzi", "w lodzi"),
        ("juz mnie tu nie bedzie jutro", ""),
        ("я у Варшаві, він мене вб'є", "я у варшаві"),
    ],
)
def test_danger_and_crisis_words_are_removed_before_place_lookup(text: str, left: str) -> None:
    assert without_crisis_words(text) == left


def test_an_age_under_eighteen_counts_as_a_child_in_the_rules() -> None:
    assert Danger.CHILD in screen("kuzynka ma 12 lat, jakiś dorosły chce ją zabrać").dangers
    assert Danger.CHILD not in screen("kolega ma 30 lat, chce go zabrać na ryby").dangers


def test_a_short_message_of_fragments_is_read_as_one_sentence() -> None:
    assert Danger.SUICIDAL in screen("cant. anymore. sorry").dangers
    # Longer messages keep their sentences apart: no rule holds across them.
    longer = screen("I can't. Anymore. Sorry, wrong chat, we need a new sofa for the flat.")
    assert Danger.SUICIDAL not in longer.dangers


@pytest.mark.parametrize(
    ("message", "danger"),
    [
        ("wziąłem całe opakowanie tabletek, teraz jest mi lepiej", Danger.OVERDOSE),
        ("I took a whole bottle of pills, feeling better now", Danger.OVERDOSE),
        ("мені зараз краще, я випила всі таблетки", Danger.OVERDOSE),
        ("pociąłem się głęboko, krew leci, ale teraz lepiej", Danger.SELF_HARM),
    ],
)
def test_feeling_better_cancels_no_harm_already_done_to_the_body(
    message: str, danger: Danger
) -> None:
    # An overdose of paracetamol feels fine for a day: "better now" is no recovery here.
    screening = screen(message)
    assert screening.immediate_danger
    assert danger in screening.dangers


@pytest.mark.parametrize(
    "message",
    [
        "he hit me last year and now he is back at the door with a knife",
        "kiedyś się cięłam, teraz znowu mam ochotę",
        "дитина проковтнула батарейку",
        "син проковтнув таблетки",
    ],
)
def test_a_past_told_first_or_a_ukrainian_swallow_hides_no_danger_now(message: str) -> None:
    # "Again" after a past time starts the present; "проковтнути" is to swallow.
    assert screen(message).immediate_danger
