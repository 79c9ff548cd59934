"""The translation catalogs: never stale, complete in Polish and English, no fuzzy entries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def message_key(message_id: str | tuple[str, ...]) -> str | tuple[str, ...]:
    return message_id if isinstance(message_id, str) else tuple(message_id)


def extracted_ids() -> set[str | tuple[str, ...]]:
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    ids: set[str | tuple[str, ...]] = set()
    for package in ("bot", "directory"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=method_map, options_map=options_map, keywords=keywords
        ):
            ids.add(message_key(message))
    return ids


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def catalog_ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {message_key(message.id) for message in catalog if message.id}


def test_the_template_holds_exactly_what_the_source_marks_for_translation() -> None:
    template = read_catalog(LOCALES / "messages.pot")
    in_source = extracted_ids()
    in_template = catalog_ids(template)
    missing = in_source - in_template
    stale = in_template - in_source
    assert not missing, f"run the catalog update (babel.cfg): missing {sorted(map(str, missing))}"
    assert not stale, f"stale entries in messages.pot: {sorted(map(str, stale))}"


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_every_message_is_translated_without_fuzzy_entries(lang: str) -> None:
    template = read_catalog(LOCALES / "messages.pot")
    catalog = read_catalog(LOCALES / lang / "LC_MESSAGES" / "messages.po", locale=lang)
    assert catalog_ids(template) <= catalog_ids(catalog)
    problems: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not strings or not all(strings):
            problems.append(f"empty: {message.id!r}")
        if isinstance(message.id, tuple) and len(strings) != catalog.num_plurals:
            problems.append(f"plural forms: {message.id!r}")
    assert not problems


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_placeholders_match_between_source_and_translation(lang: str) -> None:
    catalog = read_catalog(LOCALES / lang / "LC_MESSAGES" / "messages.po", locale=lang)
    mismatched: list[Message] = []
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[1]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if any(placeholders(string) != placeholders(source) for string in strings if string):
            mismatched.append(message)
    assert not [m.id for m in mismatched]


def test_polish_catalog_declares_the_three_polish_plural_forms() -> None:
    catalog = read_catalog(LOCALES / "pl" / "LC_MESSAGES" / "messages.po", locale="pl")
    assert catalog.num_plurals == 3
    assert catalog.plural_expr.replace(" ", "") == (
        "(n==1?0:n%10>=2&&n%10<=4&&(n%100<10||n%100>=20)?1:2)"
    )
