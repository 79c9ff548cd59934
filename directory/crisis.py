"""The crisis types a resident can choose from: defined here and nowhere else."""

from __future__ import annotations

from enum import StrEnum


class CrisisType(StrEnum):
    """What is happening to the resident, as offered on the buttons and stored on services."""

    SUICIDAL = "suicidal"
    VIOLENCE = "violence"
    CHILD = "child"
    MENTAL = "mental"
    BEREAVEMENT = "bereavement"
    DISASTER = "disaster"
    ADDICTION = "addiction"
    OTHER = "other"


# Safety rule: for these, 112 is listed first even when the resident did not say life is at risk.
LIFE_THREATENING: frozenset[CrisisType] = frozenset(
    {CrisisType.SUICIDAL, CrisisType.VIOLENCE, CrisisType.DISASTER}
)


def parse_crisis(value: str) -> CrisisType:
    """Return the crisis type named by `value`; ValueError lists the valid names."""
    try:
        return CrisisType(value.strip().lower())
    except ValueError:
        names = ", ".join(c.value for c in CrisisType)
        raise ValueError(f"unknown crisis type {value!r}; expected one of: {names}") from None
