"""Which language one message is written in, from word statistics: script, function words,
Polish letters, a few endings, the Polish and English vocabulary of the crisis lexicons, and
Ukrainian or Russian written in Latin letters ("ya ne hochu zhyty", "muzh menya b'et"). Pure and
small; no model to download.

Safety and courtesy rule: a message only changes the conversation's language when its evidence is
clear. A bare place name ("Wroclaw", "Gdańsk"), a number or a short "ok" says nothing about the
language a person reads, so it gives None and the conversation keeps the language it has.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Final

from bot.crisis_lexicon import CONCEPTS as CRISIS_CONCEPTS
from bot.crisis_lexicon import crisis_forms
from bot.screening_lexicon import CONCEPTS as SCREENING_CONCEPTS
from bot.understanding import fold_word, form_table

# Words that, on their own, say the message is Polish or English. Weight 2: frequent words that
# exist in one language only; weight 1: weaker hints. Words both languages use the same way
# ("i", "a", "to", "no", "on", "we", "do", "by", "was", "pan") are in neither table.


def _weighted(words: str, weight: float) -> dict[str, float]:
    return dict.fromkeys(words.split(), weight)


_POLISH_WORDS: Final[dict[str, float]] = {
    **_weighted(
        (
            "jestem jest jestes jestesmy sa byl byla bylo bylem bylam bede moge moze mozna "
            "mam masz ma mamy maja mialam mialem chce chcialabym chcialbym potrzebuje "
            "prosze pomocy pomoz pomozcie ratunku nie tak sie mnie mi mna mój moj moja moje "
            "mojego mojej moim moimi twoj twoja siebie sobie soba ja ty ona oni ich jej jego "
            "mu go nam nas wam jak ze że co czy juz już bardzo tylko ale albo tez też tutaj "
            "gdzie kto kim czym komu dla przez przy pod nad kiedy bo zeby żeby jesli jeśli gdy "
            "teraz zaraz dzis "
            "dzisiaj jutro wczoraj nic nikt nikogo wszystko zawsze ciagle ciągle lat roku "
            "mieszkam mieszkamy mieszka mieszkasz okolice okolicach kolo koło niedaleko obok "
            "gmina gminie gminy powiat powiecie powiatu miasto miescie mieście wies wsi wieś "
            "maz mąż meza męża zona żona dziecko dzieci syn corka córka rodzice mama tata "
            "boje boję sie się wiem umiem mysle myślę dzien dzień dobry czesc cześć witam "
            "dziekuje dziękuję dzieki dzięki prosze proszę pani panie ktos ktoś cos coś "
            "jeszcze tego tej ten tym tych ktory który ktora która ktore które zyc żyć zycie "
            "życie zabic zabić bije pije krzyczy boli sily siły sila siła nocy rano wieczorem"
        ),
        2.0,
    ),
    # What people in crisis write about, in the forms they use most.
    **_weighted(
        (
            "atak ataki paniki panika paniczny lek lęk leku lęku lęki stany dom domu babcia "
            "dziadek umarla umarła umarl umarł zmarla zmarła zmarl zmarł zginął zginal zginęła "
            "zalalo zalało spłonął splonal spalil spalił pali pozar pożar powodz powódź brat "
            "siostra siostre siostrę corke córkę syna cpa ćpa bierze narkotyki dopalacze "
            "alkohol pije piję picie pijany pijana bezdomny bezdomna pracy praca pieniedzy "
            "pieniędzy dlugi długi depresja depresje depresję samotna samotny smutno zle źle "
            "strach boje boi mysli myśli samobojcze samobójcze samobojstwo samobójstwo pobil "
            "pobił pobila pobiła gwalt gwałt zgwalcona zgwałcona krzycza krzyczą grozi nęka "
            "neka zaginal zaginął zaginela zaginęła zniknal zniknął uciekla uciekła szkoly "
            "szkoły szkole szkole ciazy ciąży chlopak chłopak dziewczyna ojciec matka"
        ),
        2.0,
    ),
    **_weighted("w z na o u we ze od po hej", 1.0),
}
_ENGLISH_WORDS: Final[dict[str, float]] = {
    **_weighted(
        (
            "i'm i've i'd i'll don't can't won't doesn't didn't it's i’m i’ve don’t can’t "
            "it’s the and my myself me you your yours have has had want wants need needs "
            "please help what where who why how with from this that these those is are am "
            "were been being feel feeling felt live living lives someone somebody anyone "
            "anybody nobody nothing not can could would should will just about because after "
            "before him her his she he they them their our us there here get got going gonna "
            "know think kill killing hurt hurts hurting child son daughter husband wife "
            "alone very really of for at it if or but an out all any some now today tonight "
            "anymore home house friend friends drinking drunk anxiety panic attack attacks "
            "depressed depression suicide suicidal life afraid scared hits beats abuse "
            "abusive dead died lost fire flood sorry hello hi hey thanks thank yes mother "
            "father mum mom dad parents family boyfriend girlfriend when which than then "
            "near city town village county living die dying end ending myself yourself "
            "everyone anyone someone year years yesterday young your yours you yet yes "
            "good goodbye morning evening night week bought since last next we're i'd"
        ),
        2.0,
    ),
    **_weighted(
        (
            "attack attacks anxious anxiety lonely sad hopeless worthless pills overdose "
            "drugs drink drinks alcohol gambling debt debts homeless job money beaten raped "
            "threatens threatened following stalking missing passed away grief crying cry "
            "scream screams shouting dying burning flooded accident car school teacher "
            "student boss work nowhere nobody everything anything something myself"
        ),
        2.0,
    ),
    **_weighted("in so up off ok okay", 1.0),
}
# Polish letters in a lower-case word are strong evidence; in a capitalised word they are most
# likely a place ("I'm in Łódź") and count little.
_POLISH_LETTERS: Final = frozenset("ąćęłńóśźż")
_POLISH_LETTER_WEIGHT: Final = 1.5
_CAPITALISED_POLISH_LETTER_WEIGHT: Final = 0.3
_ENDINGS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("en", re.compile(r"^[a-z]{2,}(?:ing|tion|ness|ful|ly)$|th")),
    (
        "pl",
        re.compile(r"rz|sz|cz|^[a-ząćęłńóśźż]{3,}(?:ować|owac|ście|scie|łem|łam|ami|ach|ych|ego)$"),
    ),
)
_ENDING_WEIGHT: Final = 0.5
# Ukrainian and Russian in Latin letters (the bot answers both in Ukrainian): frequent words
# that are neither Polish nor English. Weight 2, like the tables above; "v" and "ya" are the
# Latin "в" and "я", which Polish writes "w" and "ja".
_EAST_LATIN_WORDS: Final[dict[str, float]] = _weighted(
    (
        "ya v mne menya menia mene meni mnoyu mnoi mnoy moy moya moyo moye moyi miy moho moego "
        "ne nema nemaye nemae nichego nichoho nikto nihto nikhto khto hto chto shto shcho "
        "scho sho chtoby shchob shob kak yak gde de kogda koly pochemu chomu ochen duzhe "
        "plokho ploho pohano pogano strashno bolshe bilshe uzhe vzhe vse vsyo vsio vsyo eto "
        "tse tsey tsia etot yoho ego yiyi yii yeyo vona vin vony vy vas "
        "khochu hochu khochet hochet khoche hoche khochetsya hochetsya hochesh hochu zhit "
        "zhyt zhyty zhyti zhizn zhyttya zhyttia zhivu zhyvu zhyvemo zhivem umeret umerla umer "
        "pomerty pomer pomerla pomerly pomeret pogib pohyb zahynuv zahynula "
        "pomogite pomoshch pomosch pomosh nuzhna nuzhen nuzhno nado mozhno mogu mozhu "
        "dopomoha dopomohy dopomohu dopomozhit dopomozhy dopomogite potribna potriben potribno "
        "treba muzh muzha zhena zhenu cholovik cholovika druzhyna doch dochka dochku donka "
        "dytyna dity deti rebenok otec otets batko sestra sidit "
        "bye b'ye bje b'yot b'et byot p'ye pye pyot pyet pyut p'yut p'yot pyje pyie "
        "zdravstvuyte zdravstvujte zdrastuyte pryvit privet spasibo dyakuyu diakuiu "
        "pozhaluysta pozhalujsta bud laska delat sdelat robyty zrobyty skazat skazaty "
        "rabota rabotu robota robotu dengi deneg hroshi groshi kvartira kvartyra zhytlo "
        "zhytlom dlya dlia posle pislya pislia seychas sejchas zaraz segodnya sohodni vchera "
        "vchora zavtra nochyu vnochi odna odin odyn zovsim sovsem tolko tilky tozhe tezh "
        "takozh esli yakshcho potomu tomu kazhdyy kazhdyi kazhdyj kozhen kozhnyi kozhnoho den "
        "tyzhden nedelyu nedeli misiats misyats mesyats spaty spat sumno trevozhno tryvozhno "
        "boyus boyusya boiusia bolit bolyt strakh strah pogibla pogibli zahybla soboy soboi "
        "soboyu s navsegda nazavzhdy russkom russkiy russkii po-russki ukrainskoyu arendu "
        "arenda orendu orenda"
    ),
    2.0,
)
_SHARED_WITH_EAST: Final = frozenset(
    "brat mama syn sestra sama sam tak nas u ona oni ty nad pod zaraz".split()  # noqa: SIM905
)
_EAST_LATIN_SET: Final = frozenset(fold_word(word) for word in _EAST_LATIN_WORDS)
# Words of the tables that say where a place is: never ordinary words for the place lookup.
_PLACE_WORDS: Final = frozenset(
    _weighted(
        "gmina gminie gminy powiat powiecie powiatu miasto miescie mieście wies wsi wieś okolice "
        "okolicach kolo koło niedaleko obok city town village county near mieszkam mieszkamy "
        "mieszka mieszkasz live living lives",
        0.0,
    )
)
_ORDINARY: Final = (
    frozenset(fold_word(word) for word in (*_POLISH_WORDS, *_ENGLISH_WORDS)) | _EAST_LATIN_SET
) - _PLACE_WORDS
# Spellings of Ukrainian and Russian in Latin letters that Polish and English words do not have
# (ж zh, х kh, щ shch, я ya, ю yu, є ye, ї yi, -ий -yy/-iy, -ть -t' written -t, the locative
# plural "-akh"/"-ah" where Polish writes "-ach"): weight 1 a word.
_EAST_LATIN_SPELLING: Final = re.compile(
    r"zh|kh|shch|y[aueo]|yy|yi|iy$|^[a-z]+(?:yty|aty|yt|ity)$|^v[bdgklmnprstz]|[aeiouy]h$|"
    r"[a-z]ts[aeiouy]"
)
_EAST_SPELLING_WEIGHT: Final = 1.0
_EAST_PLACE_SPELLING: Final = re.compile(r"zh|kh|shch|[aeio]v[iy]?$|[oa]vi$|^v")
_CAPITALISED_EAST_WEIGHT: Final = 1.0
# A word of the crisis lexicons' Polish or English vocabulary (any inflected form, read
# without diacritics): weaker than the tables above, but it makes short messages clear
# ("szukam wsparcia", "I bought a rope").
_VOCABULARY_WEIGHT: Final = 1.0
_WORD: Final = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_EVIDENCE: Final = 3.0
MIN_MARGIN: Final = 1.5
# Two words of evidence are enough when they are the words of one language only.
MIN_TWO_WORDS: Final = 2.0
MIN_CYRILLIC_LETTERS: Final = 3


def _is_cyrillic(char: str) -> bool:
    return "CYRILLIC" in unicodedata.name(char, "")


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(Polish, English) folded forms of the lemmas the crisis and danger lexicons name."""
    concepts = (*CRISIS_CONCEPTS, *SCREENING_CONCEPTS)
    polish = {lemma for item in concepts for lemma in item.pl}
    english = {lemma for item in concepts for lemma in item.en}
    forms = {**form_table().forms, **crisis_forms().forms}
    return (
        frozenset(form for form, readings in forms.items() if {r.lemma for r in readings} & polish),
        frozenset(
            form for form, readings in forms.items() if {r.lemma for r in readings} & english
        ),
    )


def _word_evidence(word: str) -> dict[str, float]:
    """The evidence one Latin-script word gives each language."""
    lower = word.lower()
    folded = fold_word(lower)
    found = {
        "pl": _POLISH_WORDS.get(lower, _POLISH_WORDS.get(folded, 0.0)),
        "en": _ENGLISH_WORDS.get(lower, 0.0),
        "uk": _EAST_LATIN_WORDS.get(lower, 0.0),
    }
    if folded in _SHARED_WITH_EAST:
        # "brat", "mama", "nas" are Ukrainian and Russian words too: no evidence between them.
        found["uk"] = found["pl"]
    known = any(found.values())
    capitalised = word[:1].isupper()
    if any(char in _POLISH_LETTERS for char in lower) and not known:
        found["pl"] += _CAPITALISED_POLISH_LETTER_WEIGHT if capitalised else _POLISH_LETTER_WEIGHT
    if known or capitalised:
        # A capitalised unknown word is most likely a place; its Ukrainian or Russian spelling
        # still says a little ("Krakiv", "Varshavi", "Zhytomyr"; Polish names have none of it).
        if capitalised and not known and _EAST_PLACE_SPELLING.search(folded):
            found["uk"] += _CAPITALISED_EAST_WEIGHT
        return found
    polish, english = _vocabulary()
    found["pl"] += _VOCABULARY_WEIGHT * (folded in polish)
    found["en"] += _VOCABULARY_WEIGHT * (folded in english)
    if not (found["pl"] or found["en"]) and _EAST_LATIN_SPELLING.search(folded):
        found["uk"] += _EAST_SPELLING_WEIGHT
    if len(lower) >= 4:
        for lang, pattern in _ENDINGS:
            if pattern.search(lower):
                found[lang] += _ENDING_WEIGHT
    return found


def ordinary_latin_words() -> frozenset[str]:
    """The words (folded) of the detector's tables: frequent Polish, English and Ukrainian or
    Russian words in Latin letters, without the words that name places ("gmina", "miasto")."""
    return _ORDINARY


def language_scores(text: str) -> dict[str, float]:
    """The evidence for each language in `text`: 'pl', 'en' and 'uk' (Ukrainian or Russian)."""
    return _scores(text)[0]


def _scores(text: str) -> tuple[dict[str, float], dict[str, int]]:
    """The evidence for each language, and how many words gave it."""
    letters = [char for char in text if char.isalpha()]
    cyrillic = sum(1 for char in letters if _is_cyrillic(char))
    scores = {"pl": 0.0, "en": 0.0, "uk": 0.0}
    words = dict.fromkeys(scores, 0)
    if cyrillic >= MIN_CYRILLIC_LETTERS and cyrillic * 2 > len(letters):
        # Ukrainian or Russian script: the bot answers both in Ukrainian.
        scores["uk"] = float(cyrillic)
        words["uk"] = MIN_CYRILLIC_LETTERS
        return scores, words
    for word in _WORD.findall(text):
        if any(_is_cyrillic(char) for char in word):
            continue
        for lang, weight in _word_evidence(word).items():
            scores[lang] += weight
            words[lang] += weight >= _VOCABULARY_WEIGHT
    return scores, words


def detect_language(text: str) -> str | None:
    """The language `text` is clearly written in ('pl', 'en' or 'uk'), or None when unclear."""
    scores, words = _scores(text)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, best_score), (_, second_score) = ranked[0], ranked[1]
    if best_score - second_score < MIN_MARGIN:
        return None
    if best_score >= MIN_EVIDENCE or (best_score >= MIN_TWO_WORDS and words[best] >= 2):
        return best
    return None
