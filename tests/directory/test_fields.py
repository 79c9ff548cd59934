"""The service field registry: every list of fields, and the documented CSV table, come from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from directory.fields import (
    ALL_FIELDS,
    CSV_COLUMNS,
    FIELD_LABELS,
    FIELDS_BY_NAME,
    OPTIONAL_COLUMNS,
    REGISTRY,
    SEED_FIELDS,
    STAFF_FIELDS,
    Editor,
    Shape,
    record_values,
)
from directory.models import Location, Service, data_columns
from directory.referral import ServiceRecord
from directory.seed import seed_entries
from directory.validation import LOCATION_KEYS, CheckContext, InvalidValue

CSV_DOC = Path(__file__).resolve().parents[2] / "docs" / "directory-csv.md"
TABLE_ROW = re.compile(r"^\| (`[^|]+`) \|")


def documented_columns() -> list[str]:
    """The column names of the CSV table in docs/directory-csv.md, in order."""
    text = CSV_DOC.read_text(encoding="utf-8")
    table = text.split("## CSV columns", 1)[1].split("\n## ", 1)[0]
    columns: list[str] = []
    for line in table.splitlines():
        match = TABLE_ROW.match(line)
        if match:
            columns += re.findall(r"`([^`]+)`", match.group(1))
    return columns


def test_the_documented_csv_table_lists_exactly_the_registry_columns_in_order() -> None:
    assert documented_columns() == list(CSV_COLUMNS)


def test_the_documentation_says_which_columns_are_optional() -> None:
    text = CSV_DOC.read_text(encoding="utf-8")
    for column in OPTIONAL_COLUMNS:
        row = next(line for line in text.splitlines() if line.startswith(f"| `{column}` |"))
        assert "optional column" in row, column


def test_every_field_has_one_entry_and_a_shape() -> None:
    assert len(ALL_FIELDS) == len(set(ALL_FIELDS)) == len(FIELDS_BY_NAME)
    assert all(isinstance(field.shape, Shape) for field in REGISTRY)


def test_the_seed_fields_are_the_service_columns_a_seed_entry_carries() -> None:
    stored_columns = set(data_columns(Service))
    assert set(SEED_FIELDS) <= stored_columns
    for entry in seed_entries():
        assert set(SEED_FIELDS) <= set(entry), entry["id"]


def test_the_location_columns_are_the_stored_location_columns() -> None:
    assert FIELDS_BY_NAME["location"].columns == LOCATION_KEYS == data_columns(Location)


def test_staff_edit_what_they_know_best_and_every_staff_field_has_a_label() -> None:
    assert STAFF_FIELDS == (
        "phones",
        "hours",
        "address",
        "crisis_types",
        "audience",
        "languages",
        "url",
        "notice",
        "status",
    )
    assert list(FIELD_LABELS) == list(STAFF_FIELDS)
    assert FIELDS_BY_NAME["organization_id"].editor is Editor.ADMIN
    assert FIELDS_BY_NAME["phones"].editor is Editor.STAFF


def test_each_record_value_is_a_service_record_attribute() -> None:
    attributes = set(ServiceRecord.__dataclass_fields__)
    held = record_values(lambda name: None)
    assert set(held) <= attributes
    assert held["verified_on"] is None
    assert held["crisis_types"] == frozenset()
    assert held["source_stale"] is False


def test_a_seed_date_and_a_stored_date_give_the_same_record_value() -> None:
    from_seed = record_values({"verified_on": "2026-03-04"}.get)
    assert str(from_seed["verified_on"]) == "2026-03-04"


@pytest.mark.parametrize(("name", "value"), [("kind", "bakery"), ("email", "nobody"), ("url", "x")])
def test_each_field_refuses_through_its_own_check(name: str, value: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        FIELDS_BY_NAME[name].check(name, value, CheckContext())
    assert refused.value.field == name


def test_the_location_keys_are_the_stored_locations_data_columns() -> None:
    assert data_columns(Location) == LOCATION_KEYS
