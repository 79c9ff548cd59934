"""The crisis types a resident can choose from, and their labels: defined here and nowhere else."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Final

from directory.i18n import N_


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


# The words on the resident's crisis buttons, also used for a service's crisis types in the staff
# views and the HSDS export (untranslated there), so one translation serves every view.
CRISIS_LABELS: Final[dict[CrisisType, str]] = {
    CrisisType.SUICIDAL: N_("Thoughts of suicide"),
    CrisisType.VIOLENCE: N_("Violence or abuse"),
    CrisisType.CHILD: N_("A child or teenager"),
    CrisisType.MENTAL: N_("Mental health, anxiety"),
    CrisisType.BEREAVEMENT: N_("Loss of someone close"),
    CrisisType.DISASTER: N_("Accident, fire, flood"),
    CrisisType.ADDICTION: N_("Alcohol, drugs, gambling"),
    CrisisType.OTHER: N_("Something else"),
}


def _untranslated(text: str) -> str:
    return text


def crisis_label(crisis: str, gettext: Callable[[str], str] = _untranslated) -> str:
    """The label of a crisis type through `gettext` (English without one); an unknown code as is."""
    try:
        return gettext(CRISIS_LABELS[CrisisType(crisis)])
    except ValueError:
        return crisis


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
