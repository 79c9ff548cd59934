"""CSV cells safe to open in a spreadsheet, read back exactly (issue 11, finding 3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory.spreadsheet import read_cell, safe_cell, starts_like_formula


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (
            '=HYPERLINK("https://x.example","Zamknięte")',
            '\'=HYPERLINK("https://x.example","Zamknięte")',
        ),
        ("+48 22 123 45 67", "'+48 22 123 45 67"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'quoted'", "''quoted'"),
        ("Ośrodek Interwencji Kryzysowej", "Ośrodek Interwencji Kryzysowej"),
        ("12 421 92 82", "12 421 92 82"),
        ("", ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(value: str, cell: str) -> None:
    assert safe_cell(value) == cell
    assert not starts_like_formula(safe_cell(value))
    assert read_cell(safe_cell(value)) == value


@given(st.text())
def test_every_value_is_read_back_exactly_and_never_starts_like_a_formula(value: str) -> None:
    assert read_cell(safe_cell(value)) == value
    assert not starts_like_formula(safe_cell(value))
