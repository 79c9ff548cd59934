"""Translations for every user-visible string: gettext catalogs in `locales/`, compiled at start."""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path
from typing import Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES_DIR: Final = Path(__file__).resolve().parent.parent / "locales"
DOMAIN: Final = "messages"
SUPPORTED_LANGUAGES: Final = ("pl", "en")
DEFAULT_LANGUAGE: Final = "pl"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction without translating it yet."""
    return message


def language_for(code: str | None) -> str:
    """Polish for a `pl…` language code, English for anything else (including none)."""
    if code and code.strip().lower().startswith("pl"):
        return "pl"
    return "en"


def normalise_language(lang: str | None) -> str:
    """Return `lang` if supported, else the default language."""
    return lang if lang in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for `lang`; compiled in memory from the .po file at first use."""
    lang = normalise_language(lang)
    po_path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    buffer = io.BytesIO()
    # Fuzzy entries are never used: a half-checked translation could mislead a person in crisis.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
