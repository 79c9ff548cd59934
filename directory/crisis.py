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


class Need(StrEnum):
    """A particular of the resident's situation that decides which lines fit (not a button).

    Services name the ones they are for in `topics` (from their published topics); the dialogue
    reads them from what the resident wrote (bot.crisis_type). Stored as codes, never as text.
    """

    YOUNG = "young"  # the resident is a child or a young person
    MISSING = "missing"  # someone (a child, a teenager) is missing
    ALCOHOL = "alcohol"
    DRUGS = "drugs"
    GAMBLING = "gambling"  # and other behavioural addictions


# The kinds of addiction a line may be about: once the resident names one, lines only about the
# others no longer fit ("no designer-drugs line for alcohol").
ADDICTION_NEEDS: frozenset[Need] = frozenset({Need.ALCOHOL, Need.DRUGS, Need.GAMBLING})
# Lines only for these situations (a need, or a crisis type as a line's topic) are shown only
# when the resident said so: the missing-child line when someone is missing, a children's grief
# line for a loss.
ONLY_WHEN_SAID: frozenset[str] = frozenset({Need.MISSING.value, CrisisType.BEREAVEMENT.value})
