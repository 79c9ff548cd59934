"""The translation catalogs: never stale, complete in pl, en and uk, no fuzzy entries."""

from __future__ import annotations

import gettext
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


@pytest.mark.parametrize("lang", ["pl", "en", "uk"])
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


@pytest.mark.parametrize("lang", ["pl", "en", "uk"])
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


def test_ukrainian_catalog_declares_the_three_ukrainian_plural_forms() -> None:
    catalog = read_catalog(LOCALES / "uk" / "LC_MESSAGES" / "messages.po", locale="uk")
    assert catalog.num_plurals == 3
    plural = gettext.c2py(catalog.plural_expr)
    forms = {n: plural(n) for n in (1, 2, 4, 5, 11, 12, 21, 22, 25, 111)}
    assert forms == {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 21: 0, 22: 1, 25: 2, 111: 2}


def test_every_language_the_bot_offers_has_a_catalog() -> None:
    from directory.i18n import SUPPORTED_LANGUAGES

    assert set(SUPPORTED_LANGUAGES) == {"pl", "en", "uk"}
    for lang in SUPPORTED_LANGUAGES:
        assert (LOCALES / lang / "LC_MESSAGES" / "messages.po").exists()
