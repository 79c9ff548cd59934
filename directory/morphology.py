"""Morfeusz 2, the Polish morphological analyser: one instance for the whole process.

Place resolution, the danger screening, the crisis type and the build scripts all ask it; each
instance holds its own copy of the dictionary (10-20 MB of memory), so there is one.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def analyser() -> Any:
    """The process's Morfeusz instance (tags as numbers, analysis and generation)."""
    # Loaded on first use (about 0.1 s): importing the package must not cost start-up time.
    import morfeusz2

    return morfeusz2.Morfeusz(expand_tags=False)
