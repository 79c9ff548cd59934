"""CSV cells that a spreadsheet shows as text, never runs as a formula (OWASP CSV injection).

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (`=HYPERLINK(...)` planted in a notice would run in an
administrator's spreadsheet). Exports prefix such a cell with `'`, the spreadsheets' own
"this is text" mark; a cell that itself starts with `'` gets one more, so that import, which
removes one leading `'`, reads every exported cell back exactly.
"""

from __future__ import annotations

from typing import Final

FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK: Final = "'"


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read `text` (as given) as a formula."""
    return text.startswith(FORMULA_START)


def safe_cell(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text (see the module docstring)."""
    if text.startswith((*FORMULA_START, TEXT_MARK)):
        return TEXT_MARK + text
    return text


def read_cell(text: str) -> str:
    """A cell as `safe_cell` wrote it, back to its value: one leading `'` removed."""
    return text[1:] if text.startswith(TEXT_MARK) else text
