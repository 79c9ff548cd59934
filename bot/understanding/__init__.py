"""The language layer under screening and crisis-type guessing: words, lemmas, typos, negation.

- `words`: splits a message into sentences and words; every word carries its folded Latin form
  (no diacritics, `directory.folding.strip_diacritics`) and a sound key shared by Cyrillic and its
  Latin transliteration ("вб'є" and "vbye" are both `vbe`).
- `lemmas`: Polish and English lemmas from a form table generated at build time with Morfeusz 2
  (`scripts/build_lexicon.py`), so "zabije", "zabiję" and "zabiłam" all read as "zabić" with
  their tense; a misspelt word is matched to its nearest known form with rapidfuzz.
- `concepts`: named sets of lemmas, words, phrases and Cyrillic stems ("kill", "self",
  "negation", "past") found in a message, with their positions.
- `rules`: concepts that together mean something, within a few words of one sentence, unless
  others are there (negation and tense are concepts like any other).

Nothing here knows about danger: the screening (`bot.screening`) builds on it.
"""

from bot.understanding.concepts import Concept, ConceptIndex, Found, concept, romanise
from bot.understanding.lemmas import FormTable, NearestForm, Reading, form_table, is_polish_word
from bot.understanding.rules import Match, Rule, apply_rules, rule
from bot.understanding.words import Word, east_key, fold_word, read_words

__all__ = [
    "Concept",
    "ConceptIndex",
    "FormTable",
    "Found",
    "Match",
    "NearestForm",
    "Reading",
    "Rule",
    "Word",
    "apply_rules",
    "concept",
    "east_key",
    "fold_word",
    "form_table",
    "is_polish_word",
    "read_words",
    "romanise",
    "rule",
]
