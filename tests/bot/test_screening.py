"""Immediate-danger screening: recall on realistic phrasings, silence on ordinary messages."""

from __future__ import annotations

import pytest

from bot.screening import Danger, detect_crisis, normalise, screen, without_crisis_words
from directory.crisis import CrisisType

DANGER_PHRASINGS: list[tuple[str, Danger]] = [
    # suicidal intent, Polish, with and without diacritics, inflected
    ("chcę się zabić", Danger.SUICIDE),
    ("chce sie zabic", Danger.SUICIDE),
    ("CHCĘ SIĘ ZABIĆ!!!", Danger.SUICIDE),
    ("zabiję się dzisiaj", Danger.SUICIDE),
    ("chyba się zabiję", Danger.SUICIDE),
    ("nie chcę żyć", Danger.SUICIDE),
    ("nie chce juz zyc", Danger.SUICIDE),
    ("Nie chcę dłużej żyć.", Danger.SUICIDE),
    ("nie chce mi się żyć", Danger.SUICIDE),
    ("chcę umrzeć", Danger.SUICIDE),
    ("chciałabym umrzeć", Danger.SUICIDE),
    ("mam myśli samobójcze", Danger.SUICIDE),
    ("myśle o samobojstwie", Danger.SUICIDE),
    ("odbiorę sobie życie", Danger.SUICIDE),
    ("chcę odebrać sobie życie", Danger.SUICIDE),
    ("skończę ze sobą", Danger.SUICIDE),
    ("chcę z tym wszystkim skończyć ze sobą", Danger.SUICIDE),
    ("życie nie ma sensu", Danger.SUICIDE),
    ("napisałem list pożegnalny", Danger.SUICIDE),
    ("powieszę się", Danger.SUICIDE),
    ("moja córka chce się zabić", Danger.SUICIDE),
    # suicidal intent, English
    ("I want to kill myself", Danger.SUICIDE),
    ("i'm going to kill myself", Danger.SUICIDE),
    ("thinking about killing myself", Danger.SUICIDE),
    ("I want to end my life", Danger.SUICIDE),
    ("I'm going to end it all", Danger.SUICIDE),
    ("I don't want to live anymore", Danger.SUICIDE),
    ("i dont want to live", Danger.SUICIDE),
    ("I want to die", Danger.SUICIDE),
    ("suicidal thoughts", Danger.SUICIDE),
    ("my friend is suicidal", Danger.SUICIDE),
    ("everyone would be better off dead without me", Danger.SUICIDE),
    ("I have been self-harming", Danger.SUICIDE),
    # overdose taken
    ("połknęłam tabletki", Danger.OVERDOSE),
    ("polknalem wszystkie leki", Danger.OVERDOSE),
    ("przedawkowałem", Danger.OVERDOSE),
    ("chyba przedawkowała", Danger.OVERDOSE),
    ("wziąłem całe opakowanie tabletek", Danger.OVERDOSE),
    ("nałykałam się tabletek", Danger.OVERDOSE),
    ("zażyłam wszystkie tabletki", Danger.OVERDOSE),
    ("otrułam się", Danger.OVERDOSE),
    ("I took pills", Danger.OVERDOSE),
    ("I took a lot of pills", Danger.OVERDOSE),
    ("she took all her sleeping pills", Danger.OVERDOSE),
    ("he overdosed", Danger.OVERDOSE),
    ("I swallowed the whole bottle", Danger.OVERDOSE),
    # violence happening now
    ("mąż mnie bije", Danger.VIOLENCE),
    ("maz mnie bije", Danger.VIOLENCE),
    ("on mnie bije", Danger.VIOLENCE),
    ("ojciec bije mamę", Danger.VIOLENCE),
    ("partner mnie uderzył", Danger.VIOLENCE),
    ("grozi nożem", Danger.VIOLENCE),
    ("grozi mi, że mnie zabije", Danger.VIOLENCE),
    ("on mnie dusi", Danger.VIOLENCE),
    ("chce mnie zabić", Danger.VIOLENCE),
    ("zostałam zgwałcona", Danger.VIOLENCE),
    ("ktoś się włamuje", Danger.VIOLENCE),
    ("he is hitting me", Danger.VIOLENCE),
    ("my husband hits me", Danger.VIOLENCE),
    ("he is beating my mother", Danger.VIOLENCE),
    ("he has a knife", Danger.VIOLENCE),
    ("he threatened to kill me", Danger.VIOLENCE),
    ("I was raped", Danger.VIOLENCE),
    ("someone is breaking in", Danger.VIOLENCE),
    # someone not breathing / unconscious
    ("nie oddycha", Danger.MEDICAL),
    ("dziecko nie oddycha", Danger.MEDICAL),
    ("mama jest nieprzytomna", Danger.MEDICAL),
    ("stracił przytomność", Danger.MEDICAL),
    ("zemdlała i nie reaguje", Danger.MEDICAL),
    ("mocno krwawi", Danger.MEDICAL),
    ("he is not breathing", Danger.MEDICAL),
    ("she's unconscious", Danger.MEDICAL),
    ("my dad passed out", Danger.MEDICAL),
    ("she is bleeding a lot", Danger.MEDICAL),
    # fire / flood now
    ("pali się dom", Danger.FIRE_FLOOD),
    ("pożar w bloku", Danger.FIRE_FLOOD),
    ("woda zalewa dom", Danger.FIRE_FLOOD),
    ("zalało nam dom, powódź", Danger.FIRE_FLOOD),
    ("czuć gaz w mieszkaniu", Danger.FIRE_FLOOD),
    ("the house is on fire", Danger.FIRE_FLOOD),
    ("our street is flooding", Danger.FIRE_FLOOD),
    ("someone is drowning", Danger.FIRE_FLOOD),
    # someone missing, a cry for help
    ("dziecko zaginęło", Danger.MISSING),
    ("my son is missing", Danger.MISSING),
    ("ratunku", Danger.DISTRESS_CALL),
    ("help me please", Danger.DISTRESS_CALL),
]

ORDINARY_MESSAGES = [
    "mieszkam w Łodzi",
    "dzień dobry",
    "Dzien dobry",
    "cześć",
    "hello",
    "hi there",
    "Pruszków",
    "jestem w Pruszkowie",
    "powiat pruszkowski",
    "Warszawa Mokotów",
    "I live in Kraków",
    "Bielsko-Biała",
    "Płońsk",
    "Zabierzów",
    "Biłgoraj",
    "Nowa Wieś",
    "gdzie jest najbliższy ośrodek?",
    "potrzebuję porozmawiać z psychologiem",
    "czy macie numer do poradni?",
    "syn ma problemy w szkole",
    "mama zmarła w zeszłym roku",
    "mam depresję od miesięcy",
    "where can I find a therapist",
    "thank you",
    "dziękuję, powodzenia",
    "nie wiem",
    "tak",
    "English please",
    "what are your opening hours?",
    "I'm worried about my brother's drinking",
]


@pytest.mark.parametrize(("text", "danger"), DANGER_PHRASINGS)
def test_immediate_danger_is_recognised(text: str, danger: Danger) -> None:
    result = screen(text)
    assert result.immediate_danger
    assert danger in result.dangers


@pytest.mark.parametrize("text", ORDINARY_MESSAGES)
def test_ordinary_messages_do_not_trigger_the_emergency_block(text: str) -> None:
    assert screen(text).dangers == frozenset()


def test_the_phrasing_table_is_large_enough_to_measure_recall() -> None:
    recall = sum(screen(text).immediate_danger for text, _ in DANGER_PHRASINGS) / len(
        DANGER_PHRASINGS
    )
    assert len(DANGER_PHRASINGS) >= 60
    assert recall == 1.0


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
    ("text", "crisis"),
    [
        ("jestem w Pruszkowie, mąż mnie bije", CrisisType.VIOLENCE),
        ("chcę się zabić", CrisisType.SUICIDAL),
        ("połknęłam tabletki", CrisisType.SUICIDAL),
        ("syn pije i bierze narkotyki", CrisisType.ADDICTION),
        ("mama zmarła", CrisisType.BEREAVEMENT),
        ("my daughter is being bullied at school", CrisisType.VIOLENCE),
        ("córka nie chodzi do szkoły", CrisisType.CHILD),
        ("mam ataki paniki", CrisisType.MENTAL),
        ("I feel so lonely and depressed", CrisisType.MENTAL),
        ("przemoc w rodzinie", CrisisType.VIOLENCE),
        ("pożar w domu", CrisisType.DISASTER),
        ("Pruszków", None),
        ("dzień dobry", None),
    ],
)
def test_crisis_type_is_guessed_from_keywords(text: str, crisis: CrisisType | None) -> None:
    assert detect_crisis(text) == crisis


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("jestem w Pruszkowie, mąż mnie bije", "jestem w pruszkowie mnie"),
        ("chcę się zabić", "chce"),
        ("syn pije w Łodzi", "w lodzi"),
    ],
)
def test_crisis_words_are_removed_before_place_lookup(text: str, left: str) -> None:
    assert without_crisis_words(text) == left
