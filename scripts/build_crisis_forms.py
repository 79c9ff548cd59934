"""Build the form table of the crisis-type lexicon: bot/data/crisis_forms.json.gz.

Every Polish and English lemma the crisis concepts name (bot/crisis_lexicon.py) is inflected as
scripts/build_lexicon.py inflects the screening's (Morfeusz 2's generator for Polish, a few rules
for English). A table of its own, so the screening's and the crisis lexicon's vocabularies can
change apart; bot.crisis_type reads both.

Run from the repository root after changing a crisis concept's lemmas:
    .venv/bin/python scripts/build_crisis_forms.py
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from build_lexicon import build  # noqa: E402

from bot.crisis_lexicon import CONCEPTS, FORMS_PATH  # noqa: E402
from bot.understanding.lemmas import FORMAT_VERSION  # noqa: E402


def main() -> None:
    """Write the table and say how big it is."""
    polish = sorted({lemma for item in CONCEPTS for lemma in item.pl})
    english = sorted({lemma for item in CONCEPTS for lemma in item.en})
    forms = build(polish, english)
    FORMS_PATH.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(
        {"version": FORMAT_VERSION, "forms": forms}, ensure_ascii=False, separators=(",", ":")
    )
    with gzip.GzipFile(FORMS_PATH, "wb", mtime=0) as handle:
        handle.write(payload.encode("utf-8"))
    print(
        f"{len(polish)} Polish and {len(english)} English lemmas → {len(forms)} forms, "
        f"{FORMS_PATH.stat().st_size} bytes in {FORMS_PATH.relative_to(REPO)}"
    )


if __name__ == "__main__":
    main()
