"""What the place tests check of a resolution, written once for the place test modules."""

from __future__ import annotations

from directory.places import Resolution, resolve_place


def powiats(resolution: Resolution) -> list[str]:
    """The powiat codes of a resolution's readings, in their order."""
    return [c.powiat for c in resolution.candidates]


def assert_match(text: str, powiat: str, lang: str = "pl") -> None:
    """`text` resolves with confidence, and to `powiat`."""
    resolution = resolve_place(text, lang)
    assert resolution.status == "match", (text, resolution)
    assert resolution.candidates[0].powiat == powiat, (text, resolution)
