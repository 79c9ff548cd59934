"""The crisis type read from free text: every type in every language, sure or only likely, with
the needs that decide which lines fit, and the words it leaves for the place lookup."""

from __future__ import annotations

import pytest

from bot.crisis_lexicon import CONCEPTS, CUES, FITS
from bot.crisis_type import (
    NO_TOPIC,
    PRIORITY,
    crisis_forms,
    crisis_type,
    needs_in,
    ordinary_words,
    read_crisis,
    topic_word_indices,
    without_crisis_words,
)
from directory.crisis import CrisisType, Need

S, V, D, A = CrisisType.SUICIDAL, CrisisType.VIOLENCE, CrisisType.DISASTER, CrisisType.ADDICTION
B, C, M, OT = CrisisType.BEREAVEMENT, CrisisType.CHILD, CrisisType.MENTAL, CrisisType.OTHER

# (message, language, the type it is sure of). "uk-lat"/"ru-lat": typed on a Latin keyboard.
SURE_TABLE: list[tuple[str, str, CrisisType]] = [
    # suicidal: the writer's or anyone's thoughts, plan, self-harm, a deliberate overdose
    ("chcę się zabić", "pl", S),
    ("nie chce juz zyc, mieszkam w Radomiu", "pl", S),
    ("mam myśli samobójcze od tygodnia", "pl", S),
    ("córka się tnie", "pl", S),
    ("połknęłam tabletki", "pl", S),
    ("stoję na moście i chcę skoczyć", "pl", S),
    ("I want to kill myself", "en", S),
    ("I keep thinking about ending my life", "en", S),
    ("I took too many pills", "en", S),
    ("не хочу більше жити", "uk", S),
    ("думаю про самогубство", "uk", S),
    ("хочу покончить с собой", "ru", S),
    ("ne hochu zhit", "ru-lat", S),
    # violence: against anyone, threats, control, stalking, bullying
    ("mąż mnie bije", "pl", V),
    ("jestem w Pruszkowie, mąż mnie bije", "pl", V),
    ("partner grozi, że mnie zabije", "pl", V),
    ("chłopak mnie kontroluje i nie pozwala wychodzić", "pl", V),
    ("przemoc w rodzinie", "pl", V),
    ("mąż pije i bije dzieci", "pl", V),
    ("my daughter is being bullied at school", "en", V),
    ("my husband hits me", "en", V),
    ("someone is following me", "en", V),
    ("чоловік мене б'є", "uk", V),
    ("муж избивает меня", "ru", V),
    ("muzh menya b'yot", "ru-lat", V),
    # disaster: fire, flood, an accident and its aftermath
    ("pożar w domu", "pl", D),
    ("zalało nam mieszkanie", "pl", D),
    ("miałem wypadek i nie mogę się otrząsnąć", "pl", D),
    ("dziecko wypadło z okna", "pl", D),
    ("our house flooded", "en", D),
    ("there is a fire in our building", "en", D),
    ("у нас пожежа", "uk", D),
    ("у нас пожар в доме", "ru", D),
    # addiction: own or a relative's, alcohol, drugs, gambling, a drug overdose
    ("syn pije i bierze narkotyki", "pl", A),
    ("nie mogę przestać pić", "pl", A),
    ("przegrałem pensję w kasynie", "pl", A),
    ("biorę za dużo tabletek nasennych", "pl", A),
    ("I can't stop drinking", "en", A),
    ("our son overdosed on drugs", "en", A),
    ("син п'є", "uk", A),
    ("сын употребляет наркотики", "ru", A),
    ("muzh pyot kazhdyy den", "ru-lat", A),
    # bereavement: a death, grief, a miscarriage, someone's completed suicide
    ("mama zmarła", "pl", B),
    ("mój tata popełnił samobójstwo", "pl", B),
    ("brat się zabił", "pl", B),
    ("straciłam dziecko w ciąży", "pl", B),
    ("kolega nie żyje", "pl", B),
    ("my dad passed away last night", "en", B),
    ("помер мій чоловік", "uk", B),
    ("умерла мама", "ru", B),
    ("pogib brat", "ru-lat", B),
    # child: a child's or teenager's trouble not covered above
    ("córka nie chodzi do szkoły", "pl", C),
    ("syn nie wrócił do domu", "pl", C),
    ("mam 15 lat i rodzice na mnie krzyczą", "pl", C),
    ("córka ma 16 lat i jest w ciąży", "pl", C),
    ("mój syn ma problem", "pl", C),
    ("I'm 13 and my parents fight all the time", "en", C),
    ("дитина не повернулася зі школи", "uk", C),
    ("мне 15 лет, родители на меня кричат", "ru", C),
    # mental: anxiety, panic, depression, loneliness, psychosis, eating
    ("mam ataki paniki", "pl", M),
    ("mam depresję", "pl", M),
    ("nie radzę sobie z lękiem", "pl", M),
    ("czuję się bardzo samotna", "pl", M),
    ("nie śpię od tygodnia", "pl", M),
    ("I feel so lonely and depressed", "en", M),
    ("I'm having a panic attack", "en", M),
    ("у мене панічні атаки", "uk", M),
    ("у меня депрессия", "ru", M),
    ("u menya panicheskie ataki", "ru-lat", M),
    # other: money, housing, pregnancy, care of a relative, a separation, a service search
    ("nie mam gdzie mieszkać", "pl", OT),
    ("straciłem pracę i mam długi", "pl", OT),
    ("jestem w ciąży i nie wiem co dalej", "pl", OT),
    ("mama ma demencję, nie radzę sobie", "pl", OT),
    ("nie mam pieniędzy na leki", "pl", OT),
    ("I lost my job and can't pay rent", "en", OT),
    ("мені ніде жити", "uk", OT),
    ("нет денег на еду", "ru", OT),
]


@pytest.mark.parametrize(("text", "language", "crisis"), SURE_TABLE)
def test_the_crisis_type_is_read_surely_in_every_language(
    text: str, language: str, crisis: CrisisType
) -> None:
    reading = read_crisis(text)
    assert reading.sure, (language, reading.reasons)
    assert reading.likeliest is crisis, (language, reading.reasons)
    assert crisis_type(text) is crisis


def test_the_sure_table_covers_every_type_in_polish_and_english() -> None:
    covered = {(crisis, language) for _text, language, crisis in SURE_TABLE}
    for crisis in CrisisType:
        assert (crisis, "pl") in covered
        assert (crisis, "en") in covered or crisis is CrisisType.CHILD


@pytest.mark.parametrize(
    ("text", "likeliest"),
    [
        # "I cannot cope" says something is wrong, not what: mental is likeliest, not sure.
        ("nie radzę sobie", M),
        # Betting names no harm on its own.
        ("chodzi o zakłady", A),
    ],
)
def test_a_hint_makes_a_type_the_likeliest_without_being_sure(
    text: str, likeliest: CrisisType
) -> None:
    reading = read_crisis(text)
    assert reading.likeliest is likeliest
    assert not reading.sure
    assert reading.crisis is None
    assert crisis_type(text) is None
    assert 0 < reading.scores[likeliest] < FITS


@pytest.mark.parametrize(
    "text", ["Pruszków", "dzień dobry", "jestem w Lesznie", "hello, I'm in Rzeszow", "👋", ""]
)
def test_a_message_without_a_topic_has_no_type(text: str) -> None:
    reading = read_crisis(text)
    assert reading.likeliest is None
    assert not reading.sure
    assert reading.scores == {}


def test_empty_text_is_no_topic() -> None:
    assert read_crisis("   ") == NO_TOPIC


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        # The first type that fits wins, in the labelling rule's order.
        ("mąż po pijanemu demoluje dom", V),
        ("syn ćpa i kradnie", A),
        ("tata zginął w wypadku", B),
        ("córka pali marihuanę i rzuciła szkołę", A),
    ],
)
def test_the_first_type_that_fits_wins(text: str, crisis: CrisisType) -> None:
    reading = read_crisis(text)
    assert reading.likeliest is crisis
    assert reading.sure
    assert len([c for c in PRIORITY if reading.scores.get(c, 0) >= FITS]) >= 2 or (
        reading.scores[crisis] >= FITS
    )


@pytest.mark.parametrize(
    ("text", "not_crisis"),
    [
        ("nie piję od roku", A),
        ("I don't drink", A),
        ("mąż mnie nie bije", V),
    ],
)
def test_a_negation_right_before_cancels_the_word(text: str, not_crisis: CrisisType) -> None:
    # The danger screening may still hint at it (it favours recall); the words do not.
    assert read_crisis(text).scores.get(not_crisis, 0.0) < FITS


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        # Looking for a psychologist with nothing else said is a service search.
        ("szukam psychologa na NFZ", OT),
        ("looking for an english speaking therapist", OT),
        ("шукаю психолога українською мовою", OT),
        # A problem named beside the search is the problem.
        ("szukam psychologa, od miesięcy mam depresję", M),
        ("brat słyszy głosy", M),
        ("gdzie są mityngi AA", A),
        ("syn pali trawę", A),
        # A drug overdose alone is addiction; of pills on purpose, suicidal; a death, a loss.
        ("brat передозировал, без сознания", A),
        ("my brother died of an overdose", B),
        ("wzięłam celowo całe opakowanie tabletek nasennych", S),
        # Idioms and look-alikes: "killing me", "best", lightning, a hurt friend after a crash.
        ("anxiety is killing me", M),
        ("my best friend passed away", B),
        ("piorun uderzył w dom i jest pożar", D),
        ("car accident an hour ago, my friend is hurt", D),
        ("muzh menya b'et", V),
        ("partner zniknął, jestem w ciąży", OT),
        # A death in an accident: a loss when someone close died, else the accident.
        ("widziałem wypadek, ktoś zginął", D),
        ("tata zginął w wypadku", B),
        ("партнер забирает всю зарплату", V),
    ],
)
def test_round_two_vocabulary_reads_the_type(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_two_alarms_of_one_type_are_still_only_a_hint() -> None:
    # The screening reads both overdose and suicidal here; the words say a drug overdose.
    reading = read_crisis("my friend overdosed on something at a party, he won't wake up")
    assert reading.scores.get(S, 0.0) < FITS
    assert reading.crisis is A


def test_a_capitalised_word_after_w_is_a_place_not_a_topic() -> None:
    # "Spale" (Spała) is also "spalę" (I will burn).
    assert crisis_type("mąż gra w automaty, mieszkamy w Spale") is A


def test_a_completed_suicide_is_a_loss_not_the_writers_thoughts() -> None:
    reading = read_crisis("jestem w Sopocie, mój przyjaciel popełnił samobójstwo")
    assert reading.likeliest is B
    assert S not in reading.scores


@pytest.mark.parametrize(
    "text",
    [
        # A capitalised place one typo from a topic word is the place ("zalane", "prądzie").
        "Zakopane",
        "na Pradze",
        # A word Morfeusz knows is that word, not a typo of a topic word ("pijatym").
        "w piątym miesiącu",
        # Polish words are not read as Ukrainian stems ("сина").
        "mam sinusy",
    ],
)
def test_places_and_ordinary_words_are_not_read_as_topics(text: str) -> None:
    reading = read_crisis(text)
    assert not reading.sure
    assert all(score < FITS for score in reading.scores.values())


def test_a_typo_still_counts() -> None:
    assert crisis_type("mam depresjie") is M


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("mąż pije", {Need.ALCOHOL}),
        ("syn bierze narkotyki", {Need.DRUGS}),
        ("brat przegrał wszystko w kasynie", {Need.GAMBLING}),
        ("mam 15 lat i boję się wracać do domu", {Need.YOUNG}),
        ("I'm 16 and my dad drinks", {Need.YOUNG, Need.ALCOHOL}),
        ("мені 14 років", {Need.YOUNG}),
        ("syn zaginął", {Need.MISSING}),
        # A parent writing about a teenager is not young.
        ("mój syn ma 15 lat", set()),
        ("nie piję", set()),
    ],
)
def test_needs_are_read_with_the_type(text: str, needs: set[Need]) -> None:
    assert needs_in(text) == needs


def test_the_words_that_told_the_topic_are_left_out_of_the_place_lookup() -> None:
    assert topic_word_indices("mam ataki paniki, Kraków") == {1, 2}
    left = without_crisis_words("w Poznaniu, syn bierze narkotyki").split()
    assert "poznaniu" in left
    assert "narkotyki" not in left
    assert "syn" not in left
    assert without_crisis_words("mam ataki paniki, Kraków") == "krakow"


def test_every_lemma_the_lexicon_names_is_in_its_form_table() -> None:
    table = crisis_forms()
    lemmas = {reading.lemma for readings in table.forms.values() for reading in readings}
    named = {lemma for item in CONCEPTS for lemma in (*item.pl, *item.en)}
    assert named <= lemmas, sorted(named - lemmas)


def test_every_cue_names_concepts_the_lexicon_has() -> None:
    names = {item.name for item in CONCEPTS}
    for cue in CUES:
        for slot in cue.rule.slots:
            assert slot <= names, cue.rule.name
        assert cue.rule.unless <= names, cue.rule.name


def test_cyrillic_crisis_words_are_handed_to_the_place_lookup_but_not_town_names() -> None:
    from bot.crisis_type import cyrillic_crisis_words

    assert {"хочу", "повеситься"} <= cyrillic_crisis_words("Хочу повеситься, Варшава")
    words = cyrillic_crisis_words("мне очень одиноко в Люблине, не с кем поговорить")
    assert "люблине" not in words
    assert "білосток" not in cyrillic_crisis_words("шукаю житло для мами, Білосток")
    assert cyrillic_crisis_words("chcę się zabić, Kraków") == frozenset()


# Round 3 (heldout_3's misses read): each a family of wording, not one message.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("mam tabletki odłożone na ten dzień", CrisisType.SUICIDAL),
        ("siedzę na moście i nie wiem czy zejdę", CrisisType.SUICIDAL),
        ("I'm standing on the roof edge", CrisisType.SUICIDAL),
        ("brat napisał że wszystkich przeprasza", CrisisType.SUICIDAL),
        ("she took all her pills on purpose", CrisisType.SUICIDAL),
        ("I took a whole box of paracetamol", CrisisType.SUICIDAL),
        ("been cutting again", CrisisType.SUICIDAL),
        ("подруга пише що переріже вени", CrisisType.SUICIDAL),
        ("a man at work grabbed me", CrisisType.VIOLENCE),
        ("muzh p'et i deretsya", CrisisType.VIOLENCE),
        ("woda wdarła się do piwnicy", CrisisType.DISASTER),
        ("nie mogę przestać brać tramadolu", CrisisType.ADDICTION),
        ("kumpel przećpał i ledwo oddycha", CrisisType.ADDICTION),
        ("friend did too much coke", CrisisType.ADDICTION),
        ("подсел на таблетки", CrisisType.ADDICTION),
        ("córka bierze tabletki na imprezach", CrisisType.ADDICTION),
        ("przegrałem w zakładach 20 tysięcy", CrisisType.ADDICTION),
        ("syn pyje kozhen den", CrisisType.ADDICTION),
        ("wnuczek nie wychodzi z pokoju od miesiąca", CrisisType.CHILD),
        ("na przystanku siedzi 5letni chłopiec i płacze", CrisisType.CHILD),
        ("nauczycielka grozi kuratorem, syn ma problemy z zachowaniem", CrisisType.CHILD),
        ("I feel so isolated since I moved here", CrisisType.MENTAL),
        ("I feel empty and numb all the time", CrisisType.MENTAL),
        ("nie mam z kim porozmawiać", CrisisType.MENTAL),
        ("need to find a doctor who speaks english", CrisisType.OTHER),
        ("my employer wants to fire me because I'm pregnant", CrisisType.OTHER),
        ("як оформити допомогу 800 плюс", CrisisType.OTHER),
    ],
)
def test_round_three_families_read_the_type(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


@pytest.mark.parametrize(
    "text",
    [
        "I need to talk to someone",
        "chciałabym z kimś porozmawiać",
        "здравствуйте, можно с кем-то поговорить?",
    ],
)
def test_a_wish_to_talk_alone_asks_with_mental_first(text: str) -> None:
    reading = read_crisis(text)
    assert reading.likeliest is CrisisType.MENTAL
    assert not reading.sure


@pytest.mark.parametrize(
    ("text", "not_crisis"),
    [
        ("mama przestała brać leki na schizofrenię", CrisisType.ADDICTION),
        ("ciągle się boję, lekarz mówi że jestem zdrowa", CrisisType.OTHER),
        ("komornik grozi licytacją, sąd przysłał pismo", CrisisType.VIOLENCE),
    ],
)
def test_round_three_look_alikes_are_not_the_type(text: str, not_crisis: CrisisType) -> None:
    assert crisis_type(text) is not not_crisis


# Round 3, second batch of dev rows: families again.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("mam w szafce zapas leków", CrisisType.SUICIDAL),
        ("I have the pills ready", CrisisType.SUICIDAL),
        ("sąsiad mnie obmacuje na klatce", CrisisType.VIOLENCE),
        ("partner zabrał mi dowód i pieniądze", CrisisType.VIOLENCE),
        ("someone keeps breaking into my car", CrisisType.VIOLENCE),
        ("wybuchła butla gazowa u sąsiadów", CrisisType.DISASTER),
        ("I relapsed last week", CrisisType.ADDICTION),
        ("mam wrażenie że ktoś czyta mi w myślach", CrisisType.MENTAL),
        ("nie mam z czego żyć, zasiłek się skończył", CrisisType.OTHER),
        ("donka ne khoche khodyty do shkoly", CrisisType.CHILD),
    ],
)
def test_round_three_second_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


@pytest.mark.parametrize(
    "text", ["I relapsed after 2 years sober", "od 3 lat pije codziennie", "for 5 years he drinks"]
)
def test_a_length_of_time_is_not_an_age(text: str) -> None:
    assert crisis_type(text) is not CrisisType.CHILD


def test_an_age_is_still_an_age() -> None:
    assert crisis_type("my son is 14 years old and won't talk to us") is CrisisType.CHILD
    assert crisis_type("córka ma 15 lat i ucieka z domu") is CrisisType.CHILD


# Round 3, third batch of dev rows.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("myślę o tym żeby wziąć wszystkie tabletki", CrisisType.SUICIDAL),
        ("everyone would be better without me", CrisisType.SUICIDAL),
        ("I cut my arms last night", CrisisType.SUICIDAL),
        ("ya dumayu shcho krashche b mene ne bulo", CrisisType.SUICIDAL),
        ("jakiś typ każe jej wysyłać zdjęcia", CrisisType.VIOLENCE),
        ("Муж запрещает мне выходить из дома", CrisisType.VIOLENCE),
        ("muzh b'et detey", CrisisType.VIOLENCE),
        ("dachowałem autem w rowie", CrisisType.DISASTER),
        ("syn przyszedł naćpany", CrisisType.ADDICTION),
        ("miesiąc temu odszedł nasz synek", CrisisType.BEREAVEMENT),
        ("nie umiem się pogodzić ze śmiercią psa", CrisisType.BEREAVEMENT),
        ("myśli mi gonią, nie mogę się skupić", CrisisType.MENTAL),
        ("mam natręctwa", CrisisType.MENTAL),
        ("jestem sama jak palec", CrisisType.MENTAL),
    ],
)
def test_round_three_third_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


# Round 3, fourth batch of dev rows.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("już mnie tu nie będzie jutro, przepraszam was wszystkich", CrisisType.SUICIDAL),
        ("stoję na torach i czekam", CrisisType.SUICIDAL),
        ("ktoś wrzucił moje zdjęcia na grupę", CrisisType.VIOLENCE),
        ("od porodu nie czuję nic do dziecka", CrisisType.MENTAL),
        ("brat vypyvaye shchodnya", CrisisType.ADDICTION),
    ],
)
def test_round_three_fourth_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


@pytest.mark.parametrize(
    "text",
    [
        "mieszkam w Pruszkowie, mąż mnie bije",
        "Хочу повеситься, Варшава",
        "syn nie chce chodzic do szkoly, wagaruje",
        "ya ne hochu zhyty, Wroclaw",
        "I need a lawyer in Gdansk",
        "",
    ],
)
def test_one_reading_gives_the_type_and_the_words_that_are_no_places(text: str) -> None:
    from bot.crisis_type import cyrillic_crisis_words, ordinary_words, read_turn
    from bot.screening import normalise

    reading, not_places = read_turn(text)
    assert reading == read_crisis(text)
    kept = set(without_crisis_words(text).split())
    apart = {word for word in normalise(text).split() if word not in kept}
    assert not_places == apart | cyrillic_crisis_words(text) | ordinary_words(text)


# Round 3, fifth batch of dev rows.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("najchętniej bym zasnęła i się nie obudziła", CrisisType.SUICIDAL),
        ("napisałam list do rodziców i wiem gdzie to zrobię", CrisisType.SUICIDAL),
        ("coraz częściej myślę o skoku z balkonu", CrisisType.SUICIDAL),
        ("I wrote goodbye letters to my kids", CrisisType.SUICIDAL),
        ("a man exposed himself to my daughter", CrisisType.VIOLENCE),
        ("osunęła się ziemia i dom popękał", CrisisType.DISASTER),
        ("the river is rising and they told us to leave", CrisisType.DISASTER),
    ],
)
def test_round_three_fifth_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_not_coping_anymore_in_ukrainian_is_asked() -> None:
    reading = read_crisis("Сестра написала що більше не може")
    assert reading.likeliest is not None
    assert not reading.sure


# Round 3, sixth batch of dev rows.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("kupiłam już wszystko, jutro mnie nie będzie", CrisisType.SUICIDAL),
        ("przyjaciółka ma dość życia i nie odbiera", CrisisType.SUICIDAL),
        ("znowu się przypalam papierosem", CrisisType.SUICIDAL),
        ("I started burning myself again", CrisisType.SUICIDAL),
        ("a coworker keeps sending me sexual messages", CrisisType.VIOLENCE),
        ("partner siedzi w zakładach sportowych", CrisisType.ADDICTION),
        ("my brother has been using ketamine", CrisisType.ADDICTION),
        ("Сын сидит на спайсе", CrisisType.ADDICTION),
        ("brat nyukhaye klei", CrisisType.ADDICTION),
        ("moja przyjaciółka zginęła w pożarze", CrisisType.BEREAVEMENT),
        ("w pożarze zginął sąsiad z parteru", CrisisType.DISASTER),
        ("czuję się niewidzialna", CrisisType.MENTAL),
        ("I get so angry I break things", CrisisType.MENTAL),
        ("khochu ischeznut navsegda", CrisisType.SUICIDAL),
    ],
)
def test_round_three_sixth_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_something_wearing_one_out_leaves_the_topic_to_the_rest() -> None:
    assert crisis_type("kredyt frankowy mnie wykańcza, rata mi się podwoiła") is CrisisType.OTHER


# Round 3, seventh batch of dev rows.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("I'm thinking of taking all my antidepressants tonight", CrisisType.SUICIDAL),
        ("there's no reason for me to keep going", CrisisType.SUICIDAL),
        ("my ex broke my nose", CrisisType.VIOLENCE),
        ("my neighbour's husband screams at her every night", CrisisType.VIOLENCE),
        ("Муж угрожает забрать детей и выгнать меня", CrisisType.VIOLENCE),
        ("I owe money to dealers", CrisisType.ADDICTION),
        ("my daughter (7) wets the bed again since the divorce", CrisisType.CHILD),
        ("Потрібен лікар, який говорить українською", CrisisType.OTHER),
        ("nuzhen psiholog na russkom", CrisisType.OTHER),
    ],
)
def test_round_three_seventh_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_a_landlord_threatening_eviction_is_still_housing() -> None:
    assert crisis_type("właściciel grozi że nas wyrzuci z mieszkania") is CrisisType.OTHER


# Round 4 (heldout_4.csv's misses and dev batch 1): families in general form, reworded here.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("mój były wystaje pod domem co wieczór", CrisisType.VIOLENCE),
        ("he keeps texting me from new numbers", CrisisType.VIOLENCE),
        ("колишній підстерігає мене біля школи", CrisisType.VIOLENCE),
        ("szukam schroniska dla kobiet, uciekłam od męża", CrisisType.VIOLENCE),
        ("w sklepie krzyczą na mnie że jestem brudas", CrisisType.VIOLENCE),
        ("the boss took my passport and won't give it back", CrisisType.VIOLENCE),
        ("mąż wydziela mi pieniądze i sprawdza każdy wydatek", CrisisType.VIOLENCE),
        ("ojczym dotyka moją siostrę", CrisisType.VIOLENCE),
        ("koledzy wrzucają filmiki z synem do internetu", CrisisType.VIOLENCE),
        ("czuję że wszystkim byłoby lżej beze mnie", CrisisType.SUICIDAL),
        ("brat kupił linę i mówi że ma dość", CrisisType.SUICIDAL),
        ("I think about stepping in front of a train", CrisisType.SUICIDAL),
        ("мама каже що повіситься", CrisisType.SUICIDAL),
        ("po szkodach górniczych pękają ściany w całym bloku", CrisisType.DISASTER),
        ("nasza ciężarówka się przewróciła na autostradzie", CrisisType.DISASTER),
        ("a big branch fell on the house in the storm", CrisisType.DISASTER),
        ("мою маму збила машина", CrisisType.DISASTER),
        ("syn znowu się koliться", CrisisType.ADDICTION),
        ("wczoraj uśpiliśmy kota, był z nami 15 lat", CrisisType.BEREAVEMENT),
        ("dziadek odszedł we śnie w nocy", CrisisType.BEREAVEMENT),
        ("matka zostawia trzylatka samego w domu", CrisisType.CHILD),
        ("ніхто мені не пише вже місяць", CrisisType.MENTAL),
        ("I make myself sick after every meal", CrisisType.MENTAL),
        ("tata wrócił z wojny i krzyczy przez sen", CrisisType.MENTAL),
        ("вигоріла на роботі, нічого не хочу", CrisisType.MENTAL),
        ("wyłudzili ode mnie pieniądze na fałszywego wnuczka", CrisisType.OTHER),
        ("мошенники сняли все деньги с карты", CrisisType.OTHER),
        ("landlord says we have to move out by Friday", CrisisType.OTHER),
        ("кончается временная защита, что делать", CrisisType.OTHER),
        ("grozi mi deportacja", CrisisType.OTHER),
    ],
)
def test_round_four_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


@pytest.mark.parametrize(
    ("text", "not_crisis"),
    [
        # A relapse of depression is no relapse of drinking.
        ("mam nawrót depresji, szukam psychiatry", CrisisType.ADDICTION),
        # Burnt out at work is no fire; a daughter who ran off with a boyfriend is no flight
        # from a violent partner; thanks are no children.
        ("сгорел на работе, нет сил", CrisisType.DISASTER),
        ("córka uciekła z chłopakiem", CrisisType.VIOLENCE),
        ("dzięki!", CrisisType.CHILD),
        # A partner who died is no partner throwing one out.
        ("po śmierci żony teść chce mnie wyrzucić", CrisisType.VIOLENCE),
        # Home in Ukrainian reads like smoke; a storm word read one typo away needs a tree.
        ("все думаю про дім", CrisisType.DISASTER),
        ("nie wiem gdzie mam mieszkać po rozwodzie", CrisisType.DISASTER),
        # A drinking husband who gives no money for the children: drinking, not economic abuse.
        ("mąż pije i nie daje pieniędzy na dzieci", CrisisType.VIOLENCE),
        # Latin "pobytu" is a residence card, not Russian "побиту".
        ("zakonchilas karta pobytu", CrisisType.VIOLENCE),
    ],
)
def test_round_four_look_alikes_are_not_the_type(text: str, not_crisis: CrisisType) -> None:
    assert crisis_type(text) is not not_crisis


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # "у поліцію" is "to the police", not the town Police; "з нових" is not Nowe.
        ("роботодавець погрожує що здасть у поліцію", "поліцію"),
        ("колишній пише щодня з нових номерів", "нових"),
    ],
)
def test_cyrillic_words_named_whole_are_no_places_after_a_preposition(text: str, word: str) -> None:
    assert word in ordinary_words(text)


# Round 4, dev batch 2: families reworded.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("my wife keeps going through my phone and decides who I can talk to", CrisisType.VIOLENCE),
        ("mąż przegląda mój telefon codziennie", CrisisType.VIOLENCE),
        ("obcy facet prosi syna o zdjęcia na discordzie", CrisisType.VIOLENCE),
        ("brother takes pills just to get high", CrisisType.ADDICTION),
        ("ciągle mam wrażenie że coś złego się stanie", CrisisType.MENTAL),
        ("nie mam do kogo ust otworzyć od miesięcy", CrisisType.MENTAL),
        ("авто врізалось у зупинку, я все бачив", CrisisType.DISASTER),
        ("doch rezhet ruki", CrisisType.SUICIDAL),
        ("u susidiv zghorila khata", CrisisType.DISASTER),
    ],
)
def test_round_four_second_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_a_teenager_vaping_is_a_childs_trouble_not_addiction() -> None:
    assert crisis_type("syn 14 lat pali e-papierosy") is not CrisisType.ADDICTION


# Round 4, dev batch 3: families reworded.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("ktoś wziął chwilówkę na moje dane, to oszustwo", CrisisType.OTHER),
        ("a fake bank called my mum and she lost her savings", CrisisType.OTHER),
        ("kot nam zdechł wczoraj", CrisisType.BEREAVEMENT),
        ("мій пес помер, не можу заспокоїтись", CrisisType.BEREAVEMENT),
        ("żona liczy mi kalorie przy każdym posiłku", CrisisType.VIOLENCE),
        ("nie mogę patrzeć w lustro", CrisisType.MENTAL),
        ("brother came back from Iraq and has nightmares about the shelling", CrisisType.MENTAL),
        ("kolega wciąga kreski w pracy", CrisisType.ADDICTION),
        ("my wife hides bottles all over the house", CrisisType.ADDICTION),
        ("the river is in our house", CrisisType.DISASTER),
        ("they call my daughter names because she's Ukrainian", CrisisType.VIOLENCE),
        ("nikt mnie nie lubi", CrisisType.MENTAL),
        ("dostałem decyzję o wydaleniu", CrisisType.OTHER),
    ],
)
def test_round_four_third_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_a_grown_up_son_is_no_child() -> None:
    assert crisis_type("syn nie wychodzi z pokoju od miesięcy, ma 24 lata") is CrisisType.MENTAL


def test_the_writers_own_age_leaves_the_child_a_child() -> None:
    assert crisis_type("mam 35 lat i mój syn nie chce chodzić do szkoły") is CrisisType.CHILD


def test_drinking_water_is_no_drinking() -> None:
    assert crisis_type("дочь не ест, только пьёт воду") is not CrisisType.ADDICTION


# Round 4, dev batch 4: families reworded.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("wnuk wyciąga dziadkowi rentę z konta", CrisisType.VIOLENCE),
        ("tata znosi śmieci do mieszkania, zbieractwo", CrisisType.MENTAL),
        ("I wash my hands again and again until they bleed", CrisisType.MENTAL),
        ("мене діагностували ВІЛ, не знаю що робити", CrisisType.OTHER),
        ("śpię na dworcu od tygodnia", CrisisType.OTHER),
        ("ночую на вокзале, некуда идти", CrisisType.OTHER),
        ("siostra pożegnała się na zawsze i nie odbiera", CrisisType.SUICIDAL),
        ("he jumped off a bridge in March and I miss him", CrisisType.BEREAVEMENT),
        ("szef grozi zwolnieniem jak pójdę na L4", CrisisType.OTHER),
        ("tato p'ie kozhen den", CrisisType.ADDICTION),
        ("виставила мої фото в інтернет", CrisisType.VIOLENCE),
        ("у мамы рак, я с ней одна", CrisisType.OTHER),
    ],
)
def test_round_four_fourth_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


@pytest.mark.parametrize(
    ("text", "not_crisis"),
    [
        ("the flat is a fire hazard", CrisisType.ADDICTION),
        ("the flat is a fire hazard", CrisisType.DISASTER),
        ("sąsiedzi się skarżą na hałas", CrisisType.SUICIDAL),
        ("I had apple pie with my mum", CrisisType.ADDICTION),
    ],
)
def test_round_four_fourth_batch_look_alikes(text: str, not_crisis: CrisisType) -> None:
    assert crisis_type(text) is not not_crisis


# Round 4, dev batch 5 (written after batches 1-4 were tuned on): families reworded.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("całymi dniami siedzę sama i gadam do telewizora", CrisisType.MENTAL),
        ("since the move I haven't spoken to anyone", CrisisType.MENTAL),
        ("babcia mówi że chce zasnąć na zawsze", CrisisType.SUICIDAL),
        ("szukam domu opieki dla taty", CrisisType.OTHER),
        ("донька постійно б'ється з однокласниками", CrisisType.VIOLENCE),
        ("ktoś dzwoni z zastrzeżonego numeru i milczy, boję się", CrisisType.VIOLENCE),
        ("sąsiedzi rzucają kamieniami w nasz samochód bo jesteśmy z Ukrainy", CrisisType.VIOLENCE),
        ("my account got hacked and they ask my family for money", CrisisType.OTHER),
        ("he was groomed by a man from a game", CrisisType.VIOLENCE),
        ("дочка думає що вона товста", CrisisType.MENTAL),
        ("впало дерево на машину", CrisisType.DISASTER),
        ("batko v zapoi", CrisisType.ADDICTION),
    ],
)
def test_round_four_fifth_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_a_care_home_for_the_elderly_is_no_harassment() -> None:
    assert crisis_type("нужен дом престарелых для мамы") is CrisisType.OTHER


# Round 4, dev batch 6 (written after the rest of round 4's tuning): families reworded.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("tata trafił do szpitala, a ja mam 11 lat i jestem sama", CrisisType.CHILD),
        ("weterynarz mówi że psa trzeba uśpić", CrisisType.BEREAVEMENT),
        ("she keeps showing up at my flat at night", CrisisType.VIOLENCE),
        ("córka połknęła magnes", CrisisType.DISASTER),
        ("син проковтнув батарейку", CrisisType.DISASTER),
        ("мне отказали в пособии, куда обратиться", CrisisType.OTHER),
        ("I think they listen to me through the sockets", CrisisType.MENTAL),
        ("брат проиграл квартиру в карты", CrisisType.ADDICTION),
        ("dad doesn't recognise me anymore", CrisisType.OTHER),
        ("a dog bit my son in the park", CrisisType.DISASTER),
    ],
)
def test_round_four_sixth_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_a_child_named_in_a_long_message_of_unknown_words_is_asked_child_first() -> None:
    # Nothing else recognised is not nothing else said: the topic is in words the lexicon lacks.
    reading = read_crisis("mój syn od dawna ma jakiś dziwny kłopot z kolegą z bloku i nie wiem")
    assert reading.likeliest is CrisisType.CHILD
    assert not reading.sure


def test_a_child_named_in_a_short_message_is_still_a_childs_trouble() -> None:
    assert crisis_type("mój syn ma problem, Radom") is CrisisType.CHILD
    assert crisis_type("I'm scared") is CrisisType.MENTAL


# Round 4, dev batch 7 (written after every other change of the round): families reworded.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("wnuk żąda ode mnie pieniędzy i krzyczy", CrisisType.VIOLENCE),
        ("I'm afraid of him when he comes home", CrisisType.VIOLENCE),
        ("brat przegrał wszystko na bukmacherce", CrisisType.ADDICTION),
        ("мені здається що я сходжу з розуму", CrisisType.MENTAL),
        ("she is jealous and checks my messages and my phone every night", CrisisType.VIOLENCE),
        ("сусід розбився на мотоциклі", CrisisType.DISASTER),
        ("нас залило, вода по щиколотку", CrisisType.DISASTER),
        ("nobody understands me and everything annoys me", CrisisType.MENTAL),
        ("kids keep throwing eggs at our windows", CrisisType.VIOLENCE),
    ],
)
def test_round_four_seventh_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_children_afraid_of_a_drunk_father_stay_with_the_drinking() -> None:
    assert crisis_type("mąż wraca pijany, dzieci się go boją") is CrisisType.ADDICTION


@pytest.mark.parametrize(
    ("text", "country"),
    [("przyjechałam do Polski i czuję się samotna", "polski"), ("приїхала до Польщі", "польщі")],
)
def test_a_country_is_no_place(text: str, country: str) -> None:
    from bot.crisis_type import read_turn

    assert country in read_turn(text)[1]


@pytest.mark.parametrize(
    ("text", "not_crisis"),
    [
        # Round 4's families held back where their words mean something else.
        ("nie mogę uśpić dziecka", CrisisType.BEREAVEMENT),
        ("wystaję godzinami w kolejce do urzędu", CrisisType.VIOLENCE),
        ("nawrót raka u mamy", CrisisType.ADDICTION),
        ("boję się go stracić", CrisisType.VIOLENCE),
        ("żona sprawdziła konto i zobaczyła długi", CrisisType.VIOLENCE),
    ],
)
def test_round_four_words_in_their_other_sense(text: str, not_crisis: CrisisType) -> None:
    assert crisis_type(text) is not not_crisis


# Round 4, dev batch 8: families reworded.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("ktoś mi coś dosypał do drinka w klubie", CrisisType.VIOLENCE),
        ("my boyfriend spies on me through an app", CrisisType.VIOLENCE),
        ("I got mugged on my way home", CrisisType.VIOLENCE),
        ("our car was broken into last night", CrisisType.VIOLENCE),
        ("I have nobody in this city", CrisisType.MENTAL),
        ("objadam się wieczorami i potem płaczę", CrisisType.MENTAL),
        ("дочку висміюють у класі", CrisisType.VIOLENCE),
        ("обрушилась стена в доме", CrisisType.DISASTER),
        ("річка вийшла з берегів у нашому селі", CrisisType.DISASTER),
        ("чоловік бере кредити на мої документи без мого дозволу", CrisisType.VIOLENCE),
    ],
)
def test_round_four_eighth_batch_families(text: str, crisis: CrisisType) -> None:
    assert crisis_type(text) is crisis


def test_panic_attacks_are_no_robbery() -> None:
    assert crisis_type("mam napady paniki w nocy") is CrisisType.MENTAL
