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
SUPPORTED_LANGUAGES: Final = ("pl", "en", "uk")
DEFAULT_LANGUAGE: Final = "pl"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction without translating it yet."""
    return message


# There is no Russian catalog: Russian-language Telegram clients get Ukrainian (see README,
# "Languages"), the language most Russian-reading people from Ukraine in Poland also read.
CODE_LANGUAGES: Final[dict[str, str]] = {"pl": "pl", "uk": "uk", "ru": "uk"}


def language_for(code: str | None) -> str:
    """Our language for a Telegram/IETF code: pl → Polish, uk and ru → Ukrainian, else English."""
    primary = (code or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return CODE_LANGUAGES.get(primary, "en")


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


class TranslatedError(ValueError):
    """An error whose message is a gettext-marked English text; `text(lang)` says it in `lang`."""

    def __init__(self, message: str) -> None:
        """`message` is a gettext-marked English text."""
        self.message = message
        super().__init__(message)

    def text(self, lang: str) -> str:
        """The reason in `lang`."""
        return translator(lang).gettext(self.message)
