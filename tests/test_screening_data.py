"""The labelled screening data: the shape of the tuning and held-out files, not the screening."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

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
HELD_OUT_MINIMA = {"danger": 130, "calm": 90}
HELD_OUT_DANGER_PER_LANGUAGE = {"pl": 30, "en": 25, "uk": 25, "ru": 25}


def read_rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of one screening data file."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def files() -> list[str]:
    return sorted(path.name for path in DATA.glob("*.csv"))


def test_the_held_out_file_exists_next_to_the_tuning_file() -> None:
    assert "held_out.csv" in files()


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


def test_held_out_ids_are_numbered_h001_onwards() -> None:
    _header, rows = read_rows("held_out.csv")
    assert [row["id"] for row in rows] == [f"h{n:03d}" for n in range(1, len(rows) + 1)]


def test_no_held_out_text_also_appears_in_another_file() -> None:
    _header, held_out = read_rows("held_out.csv")
    held_out_texts = {row["text"].strip().casefold() for row in held_out}
    for name in files():
        if name != "held_out.csv":
            _h, rows = read_rows(name)
            assert held_out_texts.isdisjoint(row["text"].strip().casefold() for row in rows), name


def test_held_out_has_at_least_the_minimum_danger_and_calm_messages() -> None:
    _header, rows = read_rows("held_out.csv")
    labels = Counter(row["label"] for row in rows)
    for label, minimum in HELD_OUT_MINIMA.items():
        assert labels[label] >= minimum, (label, labels[label])


def test_held_out_danger_covers_every_language_with_polish_the_most() -> None:
    _header, rows = read_rows("held_out.csv")
    per_language = Counter(row["language"] for row in rows if row["label"] == "danger")
    for language, minimum in HELD_OUT_DANGER_PER_LANGUAGE.items():
        assert per_language[language] >= minimum, (language, per_language[language])
    assert per_language.most_common(1)[0][0] == "pl"


def test_held_out_danger_has_every_category_in_every_language() -> None:
    _header, rows = read_rows("held_out.csv")
    seen = {(row["language"], row["category"]) for row in rows if row["label"] == "danger"}
    missing = {(lang, cat) for lang in LANGUAGES for cat in DANGER_CATEGORIES} - seen
    assert missing == set()


def test_held_out_calm_includes_every_language_and_hard_cases() -> None:
    _header, rows = read_rows("held_out.csv")
    calm = [row for row in rows if row["label"] == "calm"]
    assert {row["language"] for row in calm} == LANGUAGES
    assert sum(row["style"] == "hard_calm" for row in calm) >= 40


def test_held_out_has_transliterated_ukrainian_and_russian() -> None:
    _header, rows = read_rows("held_out.csv")
    translit = Counter(row["language"] for row in rows if row["style"] == "translit")
    assert translit["uk"] >= 3
    assert translit["ru"] >= 3
