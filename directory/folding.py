"""Folding text to matching keys: the one way place names and danger screening compare words.

"Jestem w Łodzi!" folds to "jestem w lodzi": lower case, no diacritics (ł and ß spelt out),
punctuation to single spaces, hyphens kept tight ("Bielsko - Biała" → "bielsko-biala"). Two
variants: the words as typed (diacritics and, if asked, case kept), and the Latin-only key the
screening's keyword rules read (apostrophes join their word, everything but a–z and 0–9 splits).
Standard library only, so anything may import it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_LETTERS: Final = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "–": "-", "—": "-", "‑": "-"})
_DASHES: Final = str.maketrans({"–": "-", "—": "-", "‑": "-"})
_APOSTROPHES: Final = str.maketrans({"’": "'", "`": "'"})
_NON_WORD: Final = re.compile(r"[^\w\-]+")
_NOT_LATIN: Final = re.compile(r"[^a-z0-9]+")
_SPACES: Final = re.compile(r"\s+")
_HYPHEN_SPACES: Final = re.compile(r"\s*-\s*")


def strip_diacritics(text: str) -> str:
    """`text` without Polish (or other Latin) diacritics: "Żywiec" → "Zywiec" (ł and Ł → "l")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(
    text: str, *, keep_diacritics: bool = False, keep_case: bool = False, latin_only: bool = False
) -> str:
    """Matching key: lower case, no diacritics, punctuation to spaces, hyphens kept tight.

    `keep_diacritics` (and `keep_case`): the words as typed, "Jestem w Łodzi!" → "jestem w łodzi".
    `latin_only`: only a–z and 0–9 stay, apostrophes dropped ("don't" → "dont"), hyphens and
    other letters (Cyrillic) split words.
    """
    if latin_only and (keep_diacritics or keep_case):
        raise ValueError("the Latin-only key has neither diacritics nor capitals")
    if not keep_case:
        text = text.lower()
    if latin_only:
        latin = strip_diacritics(text.translate(_APOSTROPHES)).replace("'", "").lower()
        return " ".join(_NOT_LATIN.sub(" ", latin).split())
    if keep_diacritics:
        text = unicodedata.normalize("NFC", text).translate(_DASHES)
    else:
        # Compatibility letters decompose to capitals ("℠" → "SM"): lower case once more.
        text = strip_diacritics(text)
        text = text if keep_case else text.lower()
    text = _NON_WORD.sub(" ", text.replace("_", " "))
    text = _HYPHEN_SPACES.sub("-", text)
    return _SPACES.sub(" ", text).strip(" -")
