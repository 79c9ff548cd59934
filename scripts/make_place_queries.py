"""Generate a fresh synthetic evaluation CSV for place resolution from the TERYT extract.

Same columns and categories as ../shared/eval/places_dev.csv (text,lang,expect,gold,note), with a
random sample chosen by `--seed`. Gold answers come from the TERYT data only, never from the
resolver; case forms are generated independently of directory/polish.py, with Morfeusz 2 and
phrasing templates. Measure with:  .venv/bin/python bench/places.py out/places_seed1.csv

Run from the repository root:
    .venv/bin/python scripts/make_place_queries.py --seed 1 --rows 1500 [--out out/places_seed1.csv]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from collections.abc import Callable
from functools import cache, cached_property
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from directory.folding import fold, strip_diacritics  # noqa: E402

# The shared data next to the repository (or next to a parent directory, for a worktree).
TERYT = next(
    (
        base / "shared" / "data" / "teryt"
        for base in REPO.parents
        if (base / "shared" / "data" / "teryt").is_dir()
    ),
    REPO.parent / "shared" / "data" / "teryt",
)
# Share of each category, roughly as in the dev set.
PROPORTIONS = {
    "unique village": 0.165,
    "town locative": 0.135,
    "rural gmina": 0.12,
    "village name in several powiats": 0.11,
    "town nominative": 0.095,
    "town no diacritics": 0.083,
    "powiat locative": 0.053,
    "town genitive": 0.045,
    "powiat nominative": 0.038,
    "town typo": 0.03,
    "town english": 0.033,
    "powiat english": 0.025,
    "powiat abbreviated": 0.021,
    "ambiguous powiat + voivodeship": 0.013,
    "powiat name in two voivodeships": 0.011,
    "town name in several powiats": 0.004,
    "Warsaw district": 0.008,
    "not a place": 0.012,
}
# Words after which the rest of a name does not inflect ("Nowe Miasto nad Pilicą").
FIXED_AFTER = {"nad", "pod", "przy", "w", "na", "z", "ze", "k."}
FOREIGN_CITIES = [
    "Londyn",
    "Paryż",
    "Berlin",
    "Monachium",
    "Madryt",
    "Lwów",
    "Wilno",
    "Kijów",
    "Rzym",
    "Wiedeń",
    "Praga",
    "Bruksela",
    "Amsterdam",
    "Sztokholm",
    "Oslo",
    "Kopenhaga",
    "Budapeszt",
    "Bratysława",
    "Drezno",
    "Hamburg",
    "Frankfurt",
    "Lizbona",
    "Ateny",
    "Moskwa",
    "Ryga",
    "Dublin",
    "Mediolan",
    "Barcelona",
    "Zurych",
    "Genewa",
    "Edynburg",
    "Manchester",
    "Chicago",
    "Nowy",
    "Jork",
    "Odessa",
    "Charków",
    "Grodno",
    "Kowno",
    "Tallin",
    "Helsinki",
    "Bukareszt",
    "Sofia",
    "Belgrad",
    "Zagrzeb",
    "Stambuł",
]
COMMON_WORDS = [
    "dom",
    "szkoła",
    "praca",
    "pies",
    "kot",
    "mama",
    "tata",
    "rodzina",
    "pomocy",
    "nie",
    "wiem",
    "nigdzie",
    "ulica",
    "mieszkanie",
    "autobus",
    "sklep",
    "szpital",
    "policja",
    "tutaj",
    "daleko",
    "blisko",
    "wszędzie",
    "ratunku",
    "help",
    "nowhere",
    "home",
    "street",
    "boję",
    "się",
    "smutno",
]
GIBBERISH_LETTERS = "qwrtzxcvbnmlkjhgfdspy"


def read(name: str) -> list[dict[str, str]]:
    """Rows of one TERYT CSV."""
    with (TERYT / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def morfeusz() -> Any:
    """The Morfeusz 2 analyser/generator (SGJP)."""
    import morfeusz2

    return morfeusz2.Morfeusz(expand_tags=False)


def readings(word: str) -> list[tuple[str, str, str, str]]:
    """Nominative (pos, lemma, number, gender) readings of a word, proper-name ones first."""
    found: list[tuple[bool, str, str, str, str]] = []
    for _s, _e, (form, lemma, tag, names, _q) in morfeusz().analyse(word):
        parts = tag.split(":")
        if form != word or parts[0] not in {"subst", "adj"} or len(parts) < 4:
            continue
        if "nom" not in parts[2].split("."):
            continue
        proper = any("geograficzn" in n for n in names)
        for gender in parts[3].split("."):
            found.append((not proper, parts[0], lemma, parts[1], gender))
    found.sort(key=lambda r: r[0])
    return [(pos, lemma, number, gender) for _p, pos, lemma, number, gender in found]


def word_form(lemma: str, pos: str, number: str, case: str, gender: str, word: str) -> str | None:
    """The form of `lemma` in that case agreeing in number and gender, keeping the word's case."""
    for form, _lemma, tag, _names, qualifiers in morfeusz().generate(lemma):
        parts = tag.split(":")
        if parts[0] != pos or len(parts) < 4 or any("arch" in q for q in qualifiers):
            continue
        if pos == "adj" and parts[-1] != "pos":
            continue
        if (
            number in parts[1].split(".")
            and case in parts[2].split(".")
            and gender in parts[3].split(".")
        ):
            return form[:1].upper() + form[1:] if word[:1].isupper() else form
    return None


def inflect(name: str, case: str, rng: random.Random) -> str | None:
    """`name` in `case` ("loc", "gen"), word by word with agreement; None if unknown."""
    pieces: list[str] = []
    separators: list[str] = []
    current = ""
    for character in name:
        if character in " -":
            pieces.append(current)
            separators.append(character)
            current = ""
        else:
            current += character
    pieces.append(current)
    options = [readings(p) if p.isalpha() else [] for p in pieces]
    fixed_from = next(
        (i for i, p in enumerate(pieces) if p.lower() in FIXED_AFTER and i > 0), len(pieces)
    )
    nouns = [i for i in range(fixed_from) if any(r[0] == "subst" for r in options[i])]
    if not nouns:
        return None
    pure = [i for i in nouns if not any(r[0] == "adj" for r in options[i])]
    head = (pure or nouns)[0]
    head_readings = [r for r in options[head] if r[0] == "subst"]
    # Like residents, the generator does not always pick the textbook gender of the head.
    _pos, _lemma, number, gender = rng.choice(head_readings[:2])
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if i >= fixed_from or not options[i]:
            out.append(piece)
            continue
        if i == head:
            form = word_form(_lemma, "subst", number, case, gender, piece)
        else:
            adjectives = [r for r in options[i] if r[0] == "adj"]
            nouns_here = [r for r in options[i] if r[0] == "subst"]
            form = None
            if adjectives:
                form = word_form(adjectives[0][1], "adj", number, case, gender, piece)
            if form is None and nouns_here:
                _p, lemma, own_number, own_gender = nouns_here[0]
                form = word_form(lemma, "subst", own_number, case, own_gender, piece)
        if form is None:
            return None
        out.append(form)
    text = out[0]
    for separator, piece in zip(separators, out[1:], strict=True):
        text += separator + piece
    return text


def preposition(base: str, form: str) -> str:
    """ "w"/"we", "z"/"ze": the vowel is added before a hard-to-say consonant cluster."""
    folded = fold(form)
    vowels = "aeiouy"
    if base == "w":
        tight = folded[:1] in "wf" and folded[1:2] not in vowels
        return "we" if tight else "w"
    tight = folded[:1] in "sz" and folded[1:2] not in vowels
    return "ze" if tight or folded.startswith("szcz") else "z"


def typo(name: str, rng: random.Random) -> str:
    """One or two random edits (swap, drop, substitute, double), keeping the first letter."""
    letters = list(name)
    for _ in range(rng.choice((1, 1, 2))):
        if len(letters) < 4:
            break
        position = rng.randrange(1, len(letters) - 1)
        operation = rng.choice(("swap", "drop", "substitute", "double"))
        if operation == "swap":
            letters[position], letters[position + 1] = letters[position + 1], letters[position]
        elif operation == "drop":
            del letters[position]
        elif operation == "substitute":
            letters[position] = rng.choice("aeioulnrstkzcwdpm")
        else:
            letters.insert(position, letters[position])
    return "".join(letters)


def maybe_plain(text: str, rng: random.Random, share: float) -> str:
    """Sometimes typed without diacritics in lower case, as residents often do."""
    return strip_diacritics(text).lower() if rng.random() < share else text


class Teryt:
    """The facts the gold answers are computed from."""

    def __init__(self) -> None:
        self.powiats = read("powiaty.csv")
        self.voivodeships = {r["teryt"]: r["name"] for r in read("wojewodztwa.csv")}
        self.gminas = [r for r in read("gminy.csv") if r["is_gmina"] == "1"]
        self.districts = [r for r in read("gminy.csv") if r["rodz"] == "8"]
        self.towns = read("miasta.csv")
        simc = read("simc.csv")
        # Grouped by folded name: "Rogozno" typed without diacritics means Rogoźno and Rogózno.
        self.simc_powiats: dict[str, set[str]] = defaultdict(set)
        self.simc_kinds: dict[str, set[str]] = defaultdict(set)
        self.simc_spelling: dict[str, str] = {}
        for row in simc:
            self.simc_powiats[fold(row["name"])].add(row["gmina_teryt"][:4])
            self.simc_kinds[fold(row["name"])].add(row["kind"])
            self.simc_spelling.setdefault(fold(row["name"]), row["name"])
        self.town_powiats: dict[str, set[str]] = defaultdict(set)
        for row in self.towns:
            self.town_powiats[fold(row["name"])].add(row["powiat_teryt"])
        self.gmina_powiats: dict[str, set[str]] = defaultdict(set)
        for row in self.gminas:
            self.gmina_powiats[fold(row["name"])].add(row["powiat_teryt"])
        # Warsaw districts and the delegatury of Kraków, Łódź, Poznań and Wrocław.
        self.district_powiats: dict[str, set[str]] = defaultdict(set)
        for row in read("gminy.csv"):
            if row["rodz"] in {"8", "9"}:
                self.district_powiats[fold(row["name"])].add(row["powiat_teryt"])
        self.district_names = set(self.district_powiats)
        for name in list(self.district_names):
            self.district_names.add(name.split("-", 1)[-1])
        self.powiat_names: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in self.powiats:
            if row["kind"] == "powiat":
                self.powiat_names[row["name"]].append(row)
        self.folded_names = (
            set(self.simc_powiats)
            | set(self.town_powiats)
            | set(self.gmina_powiats)
            | {fold(r["name"]) for r in self.powiats}
            | self.district_names
        )


Row = tuple[str, str, str, str, str]


def towns_unique(teryt: Teryt) -> list[dict[str, str]]:
    """Towns whose name no other town has."""
    return [
        t
        for t in teryt.towns
        if len(teryt.town_powiats[fold(t["name"])]) == 1
        and fold(t["name"]) not in teryt.district_names
    ]


class RowMaker:
    """Makes rows of one category from TERYT, each from fresh random choices."""

    def __init__(self, teryt: Teryt, category: str, rng: random.Random) -> None:
        self.teryt = teryt
        self.category = category
        self.rng = rng

    @cached_property
    def unique_towns(self) -> list[dict[str, str]]:
        """Towns whose name no other town has."""
        return towns_unique(self.teryt)

    @cached_property
    def villages(self) -> list[str]:
        """Folded names of villages that are no town's or district's name."""
        teryt = self.teryt
        return sorted(
            n
            for n, kinds in teryt.simc_kinds.items()
            if "wieś" in kinds and n not in teryt.town_powiats and n not in teryt.district_names
        )

    @cached_property
    def unique_villages(self) -> list[str]:
        """Villages in one powiat, whose name no gmina elsewhere has."""
        teryt = self.teryt
        return [
            n
            for n in self.villages
            if len(teryt.simc_powiats[n]) == 1
            and teryt.gmina_powiats.get(n, teryt.simc_powiats[n]) == teryt.simc_powiats[n]
        ]

    @cached_property
    def shared_villages(self) -> list[str]:
        """Village names found in two to four powiats (and no gmina beyond them)."""
        teryt = self.teryt
        return [
            n
            for n in self.villages
            if 2 <= len(teryt.simc_powiats[n]) <= 4
            and teryt.gmina_powiats.get(n, set()) <= teryt.simc_powiats[n]
        ]

    @cached_property
    def rural(self) -> list[dict[str, str]]:
        """Rural gminas whose name points to one powiat only."""
        teryt = self.teryt
        return [
            g
            for g in teryt.gminas
            if g["rodz"] == "2"
            and len(teryt.gmina_powiats[fold(g["name"])]) == 1
            and fold(g["name"]) not in teryt.town_powiats
            and teryt.simc_powiats.get(fold(g["name"]), {g["powiat_teryt"]}) == {g["powiat_teryt"]}
        ]

    @cached_property
    def unique_powiats(self) -> list[dict[str, str]]:
        """Powiats whose name no other powiat has."""
        return [rows[0] for rows in self.teryt.powiat_names.values() if len(rows) == 1]

    @cached_property
    def double_powiats(self) -> list[list[dict[str, str]]]:
        """Pairs of powiats with the same name."""
        return [rows for rows in self.teryt.powiat_names.values() if len(rows) == 2]

    def town_nominative(self) -> Row:
        """A town's name as written."""
        t = self.rng.choice(self.unique_towns)
        return (t["name"], "pl", "match", t["powiat_teryt"], self.category)

    def town_plain(self) -> Row:
        """A town's name without diacritics."""
        t = self.rng.choice(self.unique_towns)
        return (
            strip_diacritics(t["name"]).lower(),
            "pl",
            "match",
            t["powiat_teryt"],
            self.category,
        )

    def town_case(self, case: str) -> Row | None:
        """A town's name in the locative or genitive, in a phrase."""
        rng = self.rng
        t = rng.choice(self.unique_towns)
        form = inflect(t["name"], case, rng)
        if form is None:
            return None
        form = maybe_plain(form, rng, 0.4)
        if case == "loc":
            w = preposition("w", form)
            template = rng.choice(
                [f"{w} {{}}", f"jestem {w} {{}}", f"mieszkam {w} {{}}", "{}", f"{w} {{}}"]
            )
        else:
            z = preposition("z", form)
            template = rng.choice([f"{z} {{}}", f"jestem {z} {{}}", f"pochodzę {z} {{}}"])
        return (template.format(form), "pl", "match", t["powiat_teryt"], self.category)

    def town_typo(self) -> Row | None:
        """A town's name with a typo that makes no other name."""
        t = self.rng.choice([t for t in self.unique_towns if len(t["name"]) >= 5])
        text = typo(t["name"], self.rng)
        if fold(text) in self.teryt.folded_names:
            return None
        return (text, "pl", "match", t["powiat_teryt"], self.category)

    def town_english(self) -> Row:
        """A town's name in an English phrase."""
        t = self.rng.choice(self.unique_towns)
        name = strip_diacritics(t["name"])
        template = self.rng.choice(
            ["I live in {}", "I'm in {}", "near {} please help", "{}, Poland"]
        )
        return (template.format(name), "en", "match", t["powiat_teryt"], self.category)

    def town_several(self) -> Row:
        """A town name several powiats have: every one is gold."""
        teryt = self.teryt
        names = sorted(
            t["name"] for t in teryt.towns if len(teryt.town_powiats[fold(t["name"])]) > 1
        )
        name = self.rng.choice(names)
        gold = "|".join(sorted(teryt.town_powiats[fold(name)]))
        return (name, "pl", "ambiguous", gold, self.category)

    def unique_village(self) -> Row | None:
        """A village's name, alone, after "wieś" or in the locative."""
        rng = self.rng
        folded = rng.choice(self.unique_villages)
        (powiat,) = self.teryt.simc_powiats[folded]
        name = self.teryt.simc_spelling[folded]
        style = rng.random()
        if style < 0.26:
            form = inflect(name, "loc", rng)
            if form is None:
                return None
            text = f"mieszkam we wsi {maybe_plain(name, rng, 0.4)}"
            text = rng.choice([text, f"mieszkam w {maybe_plain(form, rng, 0.4)}"])
        elif style < 0.52:
            text = f"wieś {name}"
        else:
            text = maybe_plain(name, rng, 0.4)
        return (text, "pl", "match", powiat, self.category)

    def shared_village(self) -> Row:
        """A village name several powiats have: every one is gold."""
        folded = self.rng.choice(self.shared_villages)
        gold = "|".join(sorted(self.teryt.simc_powiats[folded]))
        return (self.teryt.simc_spelling[folded], "pl", "ambiguous", gold, self.category)

    def rural_gmina(self) -> Row:
        """A rural gmina's name, alone or after "gmina"."""
        g = self.rng.choice(self.rural)
        template = self.rng.choice(["{}", "gmina {}", "gm. {}", "w gminie {}"])
        text = template.format(maybe_plain(g["name"], self.rng, 0.3))
        return (text, "pl", "match", g["powiat_teryt"], self.category)

    def powiat_locative(self) -> Row:
        """A powiat in the locative: "mieszkam w powiecie …"."""
        p = self.rng.choice(self.unique_powiats)
        words = []
        for word in p["name"].split(" "):
            stem = word[:-1]
            words.append(stem + ("im" if word.endswith("i") else "ym"))
        text = maybe_plain("mieszkam w powiecie " + " ".join(words), self.rng, 0.2)
        return (text, "pl", "match", p["teryt"], self.category)

    def powiat_nominative(self) -> Row:
        """A powiat after the word: "powiat …"."""
        p = self.rng.choice(self.unique_powiats)
        return (f"powiat {p['name']}", "pl", "match", p["teryt"], self.category)

    def powiat_abbreviated(self) -> Row:
        """A powiat after the abbreviation: "pow. …"."""
        p = self.rng.choice(self.unique_powiats)
        text = f"pow. {maybe_plain(p['name'], self.rng, 0.7)}"
        return (text, "pl", "match", p["teryt"], self.category)

    def powiat_english(self) -> Row:
        """A powiat in English: "… county"."""
        p = self.rng.choice(self.unique_powiats)
        return (f"{strip_diacritics(p['name'])} county", "en", "match", p["teryt"], self.category)

    def powiat_double(self) -> Row:
        """A powiat name two voivodeships have: both are gold."""
        rows = self.rng.choice(self.double_powiats)
        name = rows[0]["name"]
        text = self.rng.choice([name, f"powiat {name}", f"pow. {name}"])
        gold = "|".join(sorted(r["teryt"] for r in rows))
        return (text, "pl", "ambiguous", gold, self.category)

    def powiat_double_voivodeship(self) -> Row:
        """Such a powiat with its voivodeship: one is gold."""
        rows = self.rng.choice(self.double_powiats)
        row = self.rng.choice(rows)
        voivodeship = self.teryt.voivodeships[row["woj_teryt"]]
        text = self.rng.choice(
            [f"powiat {row['name']} {voivodeship}", f"pow. {row['name']}, woj. {voivodeship}"]
        )
        return (text, "pl", "match", row["teryt"], self.category)

    def district(self) -> Row | None:
        """A Warsaw district's name, or "mieszkam na …" in the locative."""
        rng = self.rng
        d = rng.choice(self.teryt.districts)
        name = d["name"]
        if rng.random() < 0.3 and "-" not in name:
            form = inflect(name, "loc", rng)
            if form is None:
                return None
            text = f"mieszkam na {form}"
        else:
            text = maybe_plain(name, rng, 0.5)
        # Kraków, Łódź and Wrocław have a Śródmieście too: then the answer is to ask.
        gold = sorted(self.teryt.district_powiats[fold(name)])
        expect = "match" if gold == ["1465"] else "ambiguous"
        return (text, "pl", expect, "|".join(gold), self.category)

    def not_a_place(self) -> Row | None:
        """A foreign city, a common word or gibberish that names no Polish place."""
        rng = self.rng
        style = rng.random()
        if style < 0.4:
            text = rng.choice(FOREIGN_CITIES)
        elif style < 0.7:
            text = rng.choice(COMMON_WORDS)
        else:
            length = rng.randrange(4, 10)
            text = "".join(rng.choice(GIBBERISH_LETTERS) for _ in range(length))
        if fold(text) in self.teryt.folded_names:
            return None
        return (text, rng.choice(["pl", "en"]), "none", "", self.category)


MAKERS: dict[str, Callable[[RowMaker], Row | None]] = {
    "town nominative": RowMaker.town_nominative,
    "town no diacritics": RowMaker.town_plain,
    "town locative": lambda maker: maker.town_case("loc"),
    "town genitive": lambda maker: maker.town_case("gen"),
    "town typo": RowMaker.town_typo,
    "town english": RowMaker.town_english,
    "town name in several powiats": RowMaker.town_several,
    "unique village": RowMaker.unique_village,
    "village name in several powiats": RowMaker.shared_village,
    "rural gmina": RowMaker.rural_gmina,
    "powiat locative": RowMaker.powiat_locative,
    "powiat nominative": RowMaker.powiat_nominative,
    "powiat abbreviated": RowMaker.powiat_abbreviated,
    "powiat english": RowMaker.powiat_english,
    "powiat name in two voivodeships": RowMaker.powiat_double,
    "ambiguous powiat + voivodeship": RowMaker.powiat_double_voivodeship,
    "Warsaw district": RowMaker.district,
    "not a place": RowMaker.not_a_place,
}


def generate(teryt: Teryt, category: str, count: int, rng: random.Random) -> list[Row]:
    """`count` rows of one category."""
    maker = RowMaker(teryt, category, rng)
    make = MAKERS[category]
    rows: list[Row] = []
    seen: set[str] = set()
    attempts = 0
    while len(rows) < count and attempts < count * 50:
        attempts += 1
        row = make(maker)
        if row is not None and row[0] not in seen:
            seen.add(row[0])
            rows.append(row)
    return rows


def main() -> None:
    """Write the CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=1500)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out: Path = args.out or REPO / "out" / f"places_seed{args.seed}.csv"
    rng = random.Random(args.seed)
    teryt = Teryt()
    rows: list[Row] = []
    for category, share in PROPORTIONS.items():
        rows.extend(generate(teryt, category, max(3, round(share * args.rows)), rng))
    rng.shuffle(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "lang", "expect", "gold", "note"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main()
