"""The bundled seed directory (data/seed_directory.json), read without a database.

The dialogue's fallback lines and tests read it from here; directory.seed loads it into the
database.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

SEED_PATH: Final = Path(__file__).resolve().parent / "data" / "seed_directory.json"


@cache
def seed_document() -> dict[str, Any]:
    """The whole bundled seed JSON document (read once)."""
    with SEED_PATH.open(encoding="utf-8") as seed_file:
        document: dict[str, Any] = json.load(seed_file)
    return document


def seed_entries() -> list[dict[str, Any]]:
    """The bundled services, each with its phones, locations and service areas."""
    services: list[dict[str, Any]] = seed_document()["services"]
    return services


def seed_organizations() -> list[dict[str, Any]]:
    """The bundled organizations."""
    organizations: list[dict[str, Any]] = seed_document()["organizations"]
    return organizations
