"""The labelled screening data: the shape of the tuning and held-out files, not the screening."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

DATA = Path(__file__).resolve().parent / "data" / "screening"
COLUMNS = ["id", "language", "label", "category", "style", "text"]
LANGUAGES = {"pl", "en", "uk", "ru"}
DANGER_CATEGORIES = {
    "suicidal",
    "plan_means",
    "self_harm",
    "overdose",
    "violence",
    "child_danger",
    "medical",
    "disaster",
}
STYLES = {"plain", "no_diacritics", "typo", "slang", "indirect", "long", "translit", "hard_calm"}


@dataclass(frozen=True)
class HeldOutShape:
    """What one held-out file must hold at least."""

    prefix: str
    labels: dict[str, int]
    danger_per_language: dict[str, int]
    hard_calm: int


# held_out_2.csv measures the second tuning round; held_out.csv's figures were seen after the first,
# and since the second round it is tuning material (its shape is still checked as it was written).
# held_out_3.csv was written blind on 2026-12-07 and measured the third round; since the fourth
# round it is tuning material (its shape is still checked as it was written). held_out_4.csv,
# written blind the same day, measured the fourth round; from the fifth it is tuning material too.
HELD_OUT = {
    "held_out.csv": HeldOutShape(
        prefix="h",
        labels={"danger": 130, "calm": 90},
        danger_per_language={"pl": 30, "en": 25, "uk": 25, "ru": 25},
        hard_calm=40,
    ),
    "held_out_2.csv": HeldOutShape(
        prefix="g",
        labels={"danger": 170, "calm": 110},
        danger_per_language={"pl": 55, "en": 38, "uk": 38, "ru": 38},
        hard_calm=70,
    ),
    "held_out_3.csv": HeldOutShape(
        prefix="k",
        labels={"danger": 180, "calm": 120},
        danger_per_language={"pl": 60, "en": 40, "uk": 40, "ru": 40},
        hard_calm=75,
    ),
    "held_out_4.csv": HeldOutShape(
        prefix="m",
        labels={"danger": 195, "calm": 125},
        danger_per_language={"pl": 60, "en": 45, "uk": 43, "ru": 42},
        hard_calm=80,
    ),
    # Written blind for the fifth round and measured on its code before and after; tuning
    # material from the sixth round.
    "held_out_5.csv": HeldOutShape(
        prefix="n",
        labels={"danger": 190, "calm": 120},
        danger_per_language={"pl": 60, "en": 43, "uk": 42, "ru": 42},
        hard_calm=78,
    ),
    # Written blind for the sixth round and measured on its code before and after.
    "held_out_6.csv": HeldOutShape(
        prefix="p",
        labels={"danger": 190, "calm": 120},
        danger_per_language={"pl": 60, "en": 43, "uk": 42, "ru": 42},
        hard_calm=80,
    ),
}


def read_rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of one screening data file."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def files() -> list[str]:
    return sorted(path.name for path in DATA.glob("*.csv"))


def test_both_held_out_files_exist_next_to_the_tuning_file() -> None:
    assert {"tuning.csv", *HELD_OUT} <= set(files())


@pytest.mark.parametrize("name", files())
def test_every_file_has_exactly_the_agreed_columns(name: str) -> None:
    header, _rows = read_rows(name)
    assert header == COLUMNS


@pytest.mark.parametrize("name", files())
def test_every_row_uses_only_allowed_values(name: str) -> None:
    _header, rows = read_rows(name)
    for row in rows:
        assert row["language"] in LANGUAGES, row
        assert row["style"] in STYLES, row
        assert row["text"].strip(), row
        if row["label"] == "danger":
            assert row["category"] in DANGER_CATEGORIES, row
            assert row["style"] != "hard_calm", row
        else:
            assert row["label"] == "calm", row
            assert row["category"] == "none", row


@pytest.mark.parametrize("name", files())
def test_ids_and_texts_are_unique_within_a_file(name: str) -> None:
    _header, rows = read_rows(name)
    ids = Counter(row["id"] for row in rows)
    texts = Counter(row["text"].strip().casefold() for row in rows)
    assert [i for i, n in ids.items() if n > 1] == []
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_ids_are_numbered_from_001_with_the_file_prefix(name: str) -> None:
    _header, rows = read_rows(name)
    prefix = HELD_OUT[name].prefix
    assert [row["id"] for row in rows] == [f"{prefix}{n:03d}" for n in range(1, len(rows) + 1)]


# Two blind writers wrote this calm question independently (held_out_6's p128, found after the
# set had been measured; calm in both measurements); the file stays as it was measured.
KNOWN_REPEATS: Final = {("held_out_2.csv", "held_out_6.csv", "какой нож лучше для разделки рыбы?")}


def test_no_text_appears_in_two_files() -> None:
    seen: dict[str, str] = {}
    shared = []
    for name in files():
        _h, rows = read_rows(name)
        for text in {row["text"].strip().casefold() for row in rows}:
            if text in seen:
                shared.append((seen[text], name, text))
            seen[text] = name
    assert [repeat for repeat in shared if repeat not in KNOWN_REPEATS] == []


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_has_at_least_the_minimum_danger_and_calm_messages(name: str) -> None:
    _header, rows = read_rows(name)
    labels = Counter(row["label"] for row in rows)
    for label, minimum in HELD_OUT[name].labels.items():
        assert labels[label] >= minimum, (label, labels[label])


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_danger_covers_every_language_with_polish_the_most(name: str) -> None:
    _header, rows = read_rows(name)
    per_language = Counter(row["language"] for row in rows if row["label"] == "danger")
    for language, minimum in HELD_OUT[name].danger_per_language.items():
        assert per_language[language] >= minimum, (language, per_language[language])
    assert per_language.most_common(1)[0][0] == "pl"


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_danger_has_every_category_in_every_language(name: str) -> None:
    _header, rows = read_rows(name)
    seen = {(row["language"], row["category"]) for row in rows if row["label"] == "danger"}
    missing = {(lang, cat) for lang in LANGUAGES for cat in DANGER_CATEGORIES} - seen
    assert missing == set()


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_calm_includes_every_language_and_hard_cases(name: str) -> None:
    _header, rows = read_rows(name)
    calm = [row for row in rows if row["label"] == "calm"]
    assert {row["language"] for row in calm} == LANGUAGES
    assert sum(row["style"] == "hard_calm" for row in calm) >= HELD_OUT[name].hard_calm


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_has_transliterated_ukrainian_and_russian(name: str) -> None:
    _header, rows = read_rows(name)
    translit = Counter(row["language"] for row in rows if row["style"] == "translit")
    assert translit["uk"] >= 3
    assert translit["ru"] >= 3


def test_the_second_round_tuning_file_covers_every_category_language_and_hard_calm() -> None:
    _header, rows = read_rows("tuning_2.csv")
    assert [row["id"] for row in rows] == [f"u{n:03d}" for n in range(1, len(rows) + 1)]
    assert len(rows) >= 300
    seen = {(row["language"], row["category"]) for row in rows if row["label"] == "danger"}
    assert {(lang, cat) for lang in LANGUAGES for cat in DANGER_CATEGORIES} - seen == set()
    assert sum(row["style"] == "hard_calm" for row in rows) >= 120


def test_the_third_round_tuning_file_has_danger_and_hard_calm_in_every_language() -> None:
    _header, rows = read_rows("tuning_3.csv")
    assert [row["id"] for row in rows] == [f"v{n:03d}" for n in range(1, len(rows) + 1)]
    for language in LANGUAGES:
        labels = Counter(row["label"] for row in rows if row["language"] == language)
        assert labels["danger"] >= 5
        assert any(row["language"] == language and row["style"] == "hard_calm" for row in rows)


# tuning_4.csv: the fourth round's hand-written tuning material, in batches each measured unseen
# before the rules were changed for it (figures in the README).
TUNING_4 = "tuning_4.csv"


def test_the_fourth_round_tuning_file_has_every_category_in_every_language() -> None:
    _header, rows = read_rows(TUNING_4)
    seen = {(row["language"], row["category"]) for row in rows if row["label"] == "danger"}
    missing = {(lang, cat) for lang in LANGUAGES for cat in DANGER_CATEGORIES} - seen
    assert missing == set()
    calm = {row["language"] for row in rows if row["style"] == "hard_calm"}
    assert calm == LANGUAGES


# tuning_5.csv: the fifth round's hand-written tuning material, weighted to children in danger,
# self-harm with an injury and veiled threats, with hard calm messages in English and Ukrainian;
# six batches, each measured unseen before the rules were changed for it (figures in the README).
TUNING_5 = "tuning_5.csv"


def test_the_fifth_round_tuning_file_is_weighted_to_the_weak_kinds() -> None:
    _header, rows = read_rows(TUNING_5)
    danger = Counter(row["category"] for row in rows if row["label"] == "danger")
    for category in ("child_danger", "violence", "self_harm"):
        assert danger[category] >= 15, category
    calm = Counter(row["language"] for row in rows if row["style"] == "hard_calm")
    assert calm["en"] >= 25
    assert calm["uk"] >= 25
    for language in LANGUAGES:
        assert any(r["language"] == language and r["label"] == "danger" for r in rows)
        assert calm[language] >= 1
    assert any(row["style"] == "translit" for row in rows if row["language"] == "uk")
    assert any(row["style"] == "translit" for row in rows if row["language"] == "ru")


# tuning_6.csv: the sixth round's hand-written tuning material, weighted to English (American,
# British and non-native English, understatement, slang, idioms on the calm side); batches each
# measured unseen before the rules were changed for it (figures in the README).
TUNING_6 = "tuning_6.csv"


def test_the_sixth_round_tuning_file_is_weighted_to_english() -> None:
    _header, rows = read_rows(TUNING_6)
    languages = Counter(row["language"] for row in rows)
    assert languages["en"] >= 2 * len(rows) // 3
    english_danger = {
        r["category"] for r in rows if r["language"] == "en" and r["label"] == "danger"
    }
    assert english_danger == DANGER_CATEGORIES
    calm = Counter(row["language"] for row in rows if row["style"] == "hard_calm")
    assert calm["en"] >= 40
    for language in LANGUAGES:
        assert any(r["language"] == language and r["label"] == "danger" for r in rows)
        assert calm[language] >= 1


@dataclass(frozen=True)
class TuningRound:
    """A later round's tuning file: its id prefix and how many messages of each label at least."""

    prefix: str
    rows: int
    danger: int
    calm: int


TUNING_ROUNDS = {
    TUNING_4: TuningRound(prefix="w", rows=250, danger=170, calm=80),
    TUNING_5: TuningRound(prefix="y", rows=200, danger=130, calm=70),
    TUNING_6: TuningRound(prefix="x", rows=150, danger=80, calm=50),
}


@pytest.mark.parametrize("name", sorted(TUNING_ROUNDS))
def test_a_later_rounds_tuning_file_is_numbered_from_001_with_its_prefix(name: str) -> None:
    _header, rows = read_rows(name)
    prefix = TUNING_ROUNDS[name].prefix
    assert [row["id"] for row in rows] == [f"{prefix}{n:03d}" for n in range(1, len(rows) + 1)]


@pytest.mark.parametrize("name", sorted(TUNING_ROUNDS))
def test_a_later_rounds_tuning_file_holds_enough_messages_of_both_labels(name: str) -> None:
    _header, rows = read_rows(name)
    least = TUNING_ROUNDS[name]
    labels = Counter(row["label"] for row in rows)
    assert len(rows) >= least.rows
    assert labels["danger"] >= least.danger
    assert labels["calm"] >= least.calm
