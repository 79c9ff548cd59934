"""The words around places: cues, prepositions, filler, foreign cities, exonyms, region names."""

from __future__ import annotations

from typing import Final

# Polish prepositions after which a place name is in an oblique case ("w Jaworze" is Jawor).
OBLIQUE_PREPOSITIONS: Final = frozenset(
    [
        "w",
        "we",
        "z",
        "ze",
        "na",
        "do",
        "kolo",
        "pod",
        "przy",
        "od",
        "spod",
        "zza",
        "nad",
        "obok",
        "niedaleko",
        "okolice",
        "okolic",
        "k",
        "blisko",
        "nieopodal",
        "poblizu",
        "okolica",
        "okolicach",
        "okolicy",
        "obrzezach",
        "obrzeza",
        "przedmiescia",
        "przedmiesciach",
    ]
)


def _words(text: str) -> list[str]:
    return text.split()


# Words that put the resident near a place rather than in it ("pod Krakowem", "near Gdansk"),
# alone or after the word in the pair ("w pobliżu", "close to").
NEAR_CUES: Final = frozenset(
    [
        "pod",
        "kolo",
        "k",
        "okolice",
        "okolic",
        "okolica",
        "okolicach",
        "okolicy",
        "niedaleko",
        "nieopodal",
        "blisko",
        "obok",
        "obrzezach",
        "przedmiescia",
        "przedmiesciach",
        "przy",
        "near",
        "around",
        "outside",
        "nearby",
    ]
)
NEAR_PAIRS: Final = frozenset(
    [
        ("w", "poblizu"),
        ("close", "to"),
        ("next", "to"),
        ("near", "to"),
        ("outside", "of"),
        ("outskirts", "of"),
        ("km", "from"),
        ("kms", "from"),
        ("kilometers", "from"),
        ("kilometres", "from"),
        ("miles", "from"),
        ("minutes", "from"),
        ("mins", "from"),
        ("km", "od"),
        ("kilometrow", "od"),
        ("kilometry", "od"),
        ("niedaleko", "od"),
        ("blisko", "od"),
        ("pod", "samym"),
        ("kolo", "samego"),
        ("na", "obrzezach"),
        ("na", "przedmiesciach"),
        # "tuż za Koninem", "parę km za Jaworznem": just past the city.
        ("tuz", "za"),
        ("zaraz", "za"),
        ("km", "za"),
        ("kilometrow", "za"),
        ("kilometry", "za"),
        ("w", "rejonie"),
        ("far", "from"),
        ("drive", "from"),
        # Ukrainian "неподалік від", "біля від" as the Cyrillic reading writes them.
        ("kolo", "od"),
        ("walk", "from"),
        ("vicinity", "of"),
        ("suburbs", "of"),
        ("edge", "of"),
        ("edges", "of"),
        ("kawalek", "za"),
        ("kawalek", "od"),
        ("w", "sasiedztwie"),
        ("kolo", "z"),
    ]
)
# Words after the place that put the resident near it ("Tarnobrzeg area", "Krosno region").
NEAR_AFTER: Final = frozenset(["area", "region", "surroundings", "suburbs", "outskirts"])
# Words between the place and a word of `NEAR_AFTER` ("Warsaw metro area"), and the pairs that
# follow a place to say "and around it" ("Warszawa i okolice").
NEAR_AFTER_SKIPPED: Final = frozenset(["metro", "metropolitan", "urban"])
NEAR_AFTER_PAIRS: Final = frozenset(
    [("i", "okolice"), ("i", "okolic"), ("i", "okolicach"), ("and", "surroundings")]
)
# Nouns for a place's surroundings: after the place at the end of a message ("Kraków okolice").
SURROUNDINGS: Final = frozenset(
    ["okolice", "okolic", "okolica", "okolicach", "okolicy", "przedmiescia", "obrzeza"]
)
# Nouns after which a city's adjective says the area around the city ("w aglomeracji
# warszawskiej"), as "pod" before it does ("podwarszawska").
AGGLOMERATION_WORDS: Final = frozenset(
    ["aglomeracja", "aglomeracji", "aglomeracje", "aglomeracjach"]
)
# "sam" and its diminutives between a word of nearness and the name ("pod samą Warszawą",
# "pod samiutkim Wrocławiem"): right by the city, still near it.
NEAR_INTENSIFIERS: Final = frozenset(
    ["samym", "sama", "samego", "samej", "samiutkim", "samiutka", "samiusienkim", "samiuskim"]
)
# Words naming what the place is, between a word of nearness and the name ("niedaleko miasta
# Łomża", "near the city of Skierniewice").
CITY_WORDS: Final = frozenset(["miasta", "miastem", "miasto", "city", "town", "the", "of"])
# Words for the kind of settlement a resident lives in ("w małej wsi koło Białegostoku"): with
# an adjective before them they describe the place, they do not name it (Mała Wieś).
SETTLEMENT_WORDS: Final = frozenset(
    [
        "wies",
        "wsi",
        "wsia",
        "wioska",
        "wioski",
        "wiosce",
        "wioske",
        "miasteczko",
        "miasteczku",
        "osada",
        "osadzie",
        # "w małej miejscowości pod Tychami": a describing phrase, not the village Mała.
        "miejscowosc",
        "miejscowosci",
        "miejscowoscia",
        "kolonia",
        "kolonii",
        "osiedle",
        "osiedlu",
        "osiedla",
        "village",
        "town",
        # "mieszkam za miastem, koło Rzeszowa": outside the town, not the hamlet Za Miastem.
        "miastem",
    ]
)
# The first word of a town's name as Poles abbreviate it ("N. Sącz", "St. Sącz"), with the
# case forms it may stand for; "n/" and "n." inside a name are "nad" ("Nowe Miasto n/Pilicą").
FIRST_WORD_ABBREVIATIONS: Final = {
    "n": ("nowy", "nowa", "nowe", "nowego", "nowej", "nowym", "nowemu"),
    "st": ("stary", "stara", "stare", "starego", "starej", "starym", "staremu"),
}
INNER_ABBREVIATIONS: Final = {"n": "nad"}
# Prepositions that say where the resident is ("w Opolu"), not where they come from ("z …").
LOCATED_CUES: Final = frozenset(["w", "we", "in", "at", "na"])
# A verb of living before the preposition makes the next word a place ("mieszkam w Ostrowie").
RESIDENCE: Final = frozenset(
    [
        "mieszkam",
        "mieszkamy",
        "mieszka",
        "mieszkasz",
        "mieszkacie",
        "mieszkaja",
        "pochodze",
        "pochodzimy",
        "zamieszkuje",
        "zamieszkala",
        "zamieszkaly",
        "live",
        "living",
        "lives",
    ]
)
# "jestem w …": where the resident is, said of a town ("jestem w pile"), not of a village
# named like a thing ("jestem w ciąży", "jestem w lesie").
BEING: Final = frozenset(["jestem", "jestesmy", "przebywam", "przebywamy", "im", "am", "were"])
# Short function words of Polish and English: never (part of) a misspelt place name.
FUNCTION_WORDS: Final = frozenset(
    _words(
        """and or but with for to on by so if as it its this that there here he she they you was
        were be been being have has had do does did not dont can could would will need want very
        really just now when what who how why sie ze ale bo czy co jak gdzie kiedy bardzo tylko
        tez juz jeszcze ten ta tego tej mnie mi mna ja ty ona ono oni one nas nam wam go jej ich
        jego sobie siebie jest sa byl byla bylo jestem mam"""
    )
)
# Words that introduce or surround a place but never name one on their own (folded).
PLACE_CUES: Final = frozenset(
    [
        "w",
        "we",
        "z",
        "ze",
        "na",
        "do",
        "kolo",
        "pod",
        "przy",
        "obok",
        "niedaleko",
        "okolice",
        "okolic",
        "okolica",
        "okolicach",
        "okolicy",
        "k",
        "blisko",
        "nieopodal",
        "poblizu",
        "obrzezach",
        "obrzeza",
        "przedmiescia",
        "przedmiesciach",
        "in",
        "near",
        "from",
        "at",
        "around",
        "nearby",
        "outside",
        "wies",
        "wsi",
        "wioska",
        "wiosce",
        "miasto",
        "miasta",
        "miescie",
        "miejscowosc",
        "miejscowosci",
        "village",
        "town",
        "city",
        "osiedle",
        "osiedlu",
        "dzielnica",
        "dzielnicy",
    ]
)
POWIAT_CUES: Final = frozenset(["powiat", "pow", "powiecie", "powiatu", "powiatem", "county"])
GMINA_CUES: Final = frozenset(
    [
        *("gmina", "gm", "gminie", "gminy", "gmine", "commune", "municipality"),
        # "gmina wiejska Chełm", "w gminie miejsko-wiejskiej X", "rural commune X".
        *("wiejska", "wiejskiej", "miejsko-wiejska", "miejsko-wiejskiej", "rural"),
    ]
)
VOIVODESHIP_CUES: Final = frozenset(
    ["woj", "wojewodztwo", "wojewodztwie", "wojewodztwa", "voivodeship", "province", "region"]
)
_FILLER: Final = frozenset(
    [
        "jestem",
        "mieszkam",
        "mieszkamy",
        "jestesmy",
        "pochodze",
        "mam",
        "moj",
        "moja",
        "moje",
        "tu",
        "tutaj",
        "teraz",
        "obecnie",
        "i",
        "a",
        "oraz",
        "prosze",
        "pomocy",
        "pomoc",
        "help",
        "please",
        "live",
        "living",
        "lives",
        "im",
        "m",
        "am",
        "i'm",
        "is",
        "are",
        "me",
        "my",
        "we",
        "the",
        "of",
        "poland",
        "polska",
        "polsce",
        "pl",
        "sos",
        "hej",
        "hello",
        "hi",
        # Answers and small words around a place ("nie, w Ostrowie", "tuż pod Krakowem").
        "nie",
        "tak",
        "no",
        "yes",
        "nope",
        "tuz",
        "just",
        "close",
        "next",
        "to",
        "area",
        # Distances and the words of "near" phrasings ("a few km from", "on the outskirts of",
        # "parę kilometrów od", "pod samym Krakowem").
        "od",
        "km",
        "kms",
        "kilometers",
        "kilometres",
        "miles",
        "minutes",
        "mins",
        "kilometrow",
        "kilometry",
        "few",
        "couple",
        "kilka",
        "pare",
        "kilkanascie",
        "outskirts",
        "on",
        "rejonie",
        "region",
        "stoleczne",
        "vicinity",
        "edge",
        "edges",
        "kawalek",
        "sasiedztwie",
        "far",
        "drive",
        "short",
        "zaraz",
        "samym",
        "samego",
        "drive",
        "away",
        # "na terenie gminy X", "z terenu GOP-u".
        "terenie",
        "terenu",
    ]
)
# A digit written for the numeral a name starts with ("3miasto", "3-city": Trójmiasto, Tricity).
NUMERAL_PREFIXES: Final = {"3": ("troj", "tri")}
# Case forms of a Warsaw district that after "w" name a city abroad: "na Pradze" is the
# district, "w Pradze" is Prague.
ABROAD_AFTER_W: Final = frozenset(["pradze"])
# "stolica" alone is Warsaw (directory/data/place_names.csv); followed by what it is the capital
# of ("w stolicy Podlasia", "stolica województwa") it is another city, or none.
CAPITAL_WORDS: Final = frozenset(["stolica", "stolicy", "stolice"])
STRUCTURAL: Final = PLACE_CUES | POWIAT_CUES | GMINA_CUES | VOIVODESHIP_CUES | _FILLER

# Well-known foreign cities (folded, Polish and English names). Some Polish villages share
# these names; a resident writing "Berlin" most likely means the city abroad, so a village
# reading alone is offered as a suggestion, never as a match.
FOREIGN_CITIES: Final = frozenset(
    [
        "londyn",
        "london",
        "berlin",
        "paryz",
        "paris",
        "wieden",
        "vienna",
        "rzym",
        "rome",
        "madryt",
        "madrid",
        "moskwa",
        "moscow",
        "kijow",
        "kyiv",
        "kiev",
        "lwow",
        "lviv",
        "lvov",
        "wilno",
        "vilnius",
        "bruksela",
        "brussels",
        "amsterdam",
        "dublin",
        "oslo",
        "sztokholm",
        "stockholm",
        "kopenhaga",
        "copenhagen",
        "helsinki",
        "budapeszt",
        "budapest",
        "bratyslawa",
        "bratislava",
        "monachium",
        "munich",
        "hamburg",
        "frankfurt",
        "drezno",
        "dresden",
        "ryga",
        "riga",
        "tallin",
        "tallinn",
        "rotterdam",
        "barcelona",
        "mediolan",
        "milan",
        "ateny",
        "athens",
        "lizbona",
        "lisbon",
        "edynburg",
        "edinburgh",
        "manchester",
        "birmingham",
        "glasgow",
        "chicago",
        "toronto",
        "charkow",
        "kharkiv",
        "odessa",
        "odesa",
        "dniepr",
        "dnipro",
        "zytomierz",
        "zhytomyr",
        "tarnopol",
        "ternopil",
        "grodno",
        "hrodna",
        "kowno",
        "kaunas",
        # More cities of Ukraine, Belarus and Russia (English spellings, as directory/cyrillic.py
        # writes them), several spelt like Polish places ("Minsk", "Pinsk", "Kalush").
        *_words(
            """mykolaiv lyman minsk kherson zaporizhzhia poltava chernihiv sumy rivne lutsk
            uzhhorod ivano-frankivsk vinnytsia cherkasy kryvyi-rih mariupol donetsk luhansk
            kramatorsk berdiansk melitopol kremenchuk khmelnytskyi chernivtsi bucha irpin brovary
            kovel drohobych stryi mukachevo kalush kolomyia sambir boryslav uman pavlohrad
            nikopol bakhmut izium sloviansk kropyvnytskyi kamianske bila-tserkva nizhyn konotop
            shostka okhtyrka lubny kharkiv-oblast kyiv-oblast homel mahiliou vitsebsk brest
            babruisk baranavichy barysau pinsk orsha mazyr lida salihorsk polatsk slonim kishinev
            sankt-peterburg kaliningrad smolensk bryansk kursk belgorod voronezh krasnodar"""
        ),
        # Countries and cities abroad that Polish villages are named after ("w Niemczech" is
        # in Germany, not in the village Niemcy).
        *_words(
            """niemcy czechy ukraina wegry szwecja holandia francja anglia ameryka kanada
            szkocja irlandia rosja litwa lotwa bialorus slowacja austria norwegia dania
            hiszpania portugalia grecja szwajcaria belgia ostrawa krolewiec prague"""
        ),
    ]
)

# A country abroad after the place, as where it is ("w Stanisławowie na Ukrainie", "Brest in
# Belarus"): the place is the city abroad, not a Polish namesake.
COUNTRY_AFTER_PLACE: Final = frozenset(
    [("na", country) for country in _words("ukrainie bialorusi litwie lotwie slowacji wegrzech")]
    + [("w", country) for country in _words("niemczech czechach rosji austrii")]
    + [("in", country) for country in _words("ukraine belarus lithuania germany russia")]
)

# Polish names of cities of Ukraine, Belarus and Lithuania (folded), several shared with Polish
# villages: a case form of one after a preposition ("pod Łuckiem", "koło Winnicy", Morfeusz
# knowing it as the city's) is the city abroad unless the message says where in Poland.
FOREIGN_EXONYMS: Final = frozenset(
    _words(
        """luck rowne kowel winnica czerniowce uzhorod iwano-frankiwsk chmielnicki czernihow
        poltawa cherson zaporoze krzemieniec drohobycz stryj kolomyja sambor boryslaw zloczow
        human czerkasy mohylew witebsk homel pinsk brzesc nowogrodek baranowicze dyneburg
        truskawiec
        mikolajow kamieniec-podolski"""
    )
)

# Endings of a Polish adjective after its stem ("podkrakowsk-a", "-iej", "-ie").
ADJECTIVE_ENDINGS: Final = frozenset(
    ["i", "a", "ie", "iej", "iego", "iemu", "im", "ich", "imi", "e", "ej", "ego", "emu", "ym"]
)

# Real English exonyms of Polish places (folded), mapped to the Polish name's folded key.
EXONYMS: Final = {
    "warsaw": "warszawa",
    "cracow": "krakow",
    "breslau": "wroclaw",
}

# Voivodeship names, adjectives, region nouns and common abbreviations (folded), by TERYT code.
# The official names ("mazowieckie") and their case forms are added from the gazetteer.
VOIVODESHIP_ALIASES: Final = {
    "02": "dolnoslaski, dolnoslaska, dolny slask, dolnym slasku, dolnego slaska, lower silesia,"
    " lower silesian, dolnosl",
    "04": "kujawsko-pomorski, kujawsko-pomorska, kujawy, kujawach, kuyavian-pomeranian,"
    " kuyavia-pomerania, kuj-pom",
    "06": "lubelski, lubelska, lubelszczyzna, lubelszczyznie, lublin voivodeship, lubel",
    "08": "lubuski, lubuska, ziemia lubuska, ziemi lubuskiej, lubusz, lubuskie voivodeship",
    "10": "lodzki, lodzka, lodz voivodeship, lodzkie voivodeship",
    "12": "malopolski, malopolska, malopolsce, lesser poland, malop",
    "14": "mazowiecki, mazowiecka, mazowsze, mazowszu, mazowsza, masovia, mazovia, masovian,"
    " mazovian, maz",
    "16": "opolski, opolska, opolszczyzna, opolszczyznie, opole voivodeship, opolskie voivodeship",
    "18": "podkarpacki, podkarpacka, podkarpacie, podkarpaciu, subcarpathia, subcarpathian,"
    " podkarp",
    "20": "podlaski, podlaska, podlasie, podlasiu, podlachia",
    "22": "pomorski, pomorska, pomorze, pomorzu, pomerania, pomeranian, pom",
    "24": "slaski, slaska, slask, slasku, silesia, silesian, sl",
    "26": "swietokrzyski, swietokrzyska, kielecczyzna, holy cross, swietokrz",
    "28": "warminsko-mazurski, warminsko-mazurska, warmia, mazury, mazurach, warmia-masuria,"
    " warmian-masurian, masuria, warm-maz",
    "30": "wielkopolski, wielkopolska, wielkopolsce, greater poland, wlkp, wielkop",
    "32": "zachodniopomorski, zachodniopomorska, zachodnie pomorze, zachodnim pomorzu,"
    " west pomerania, west pomeranian, zach-pom, zachpom",
}

# Abbreviations of the adjectives in multi-word town names ("Grodzisk Maz.", "Ostrów Wlkp."),
# by the folded stem they replace in any case form.
ADJECTIVE_ABBREVIATIONS: Final = (
    ("mazowieck", ("maz",)),
    ("wielkopolsk", ("wlkp", "wielkop")),
    ("slask", ("sl",)),
    ("gdansk", ("gd",)),
    ("kujawsk", ("kuj",)),
    ("lubelsk", ("lub",)),
    ("pomorsk", ("pom",)),
    ("podlask", ("podl",)),
    ("krolewsk", ("krol",)),
    ("zdroj", ("zdr",)),
    ("wielk", ("wlk",)),
)

# Folded stems of the qualifiers that residents leave out of a town's name ("Grodzisk" for
# Grodzisk Mazowiecki or Grodzisk Wielkopolski): regions, "Zdrój" of spa towns, and the few
# others a town is mostly called without ("Piotrków" for Piotrków Trybunalski, "Dąbrowa" for
# Dąbrowa Górnicza or Tarnowska). The short name is ranked with the villages of that name, so
# the resident is asked.
DROPPED_QUALIFIERS: Final = (
    "trybunalsk",
    "gornicz",
    "tarnowsk",
    "mazowieck",
    "wielkopolsk",
    "slask",
    "lubelsk",
    "kujawsk",
    "podlask",
    "gdansk",
    "pomorsk",
    "malopolsk",
    "kaszubsk",
    "warminsk",
    "mazursk",
    "opolsk",
    "lubusk",
    "krajensk",
    "swietokrzysk",
    "zdroj",
)
