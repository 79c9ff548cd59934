"""The HSDS export validates against the official Open Referral HSDS 3.0 schemas (vendored in
tests/data/hsds/ with their attribution), and the import reads what those schemas accept."""

from __future__ import annotations

import json
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import Engine

from directory.db import session_scope
from directory.models import Service
from directory.transfer import export_hsds, hsds_id, import_file, read_hsds, without_nulls

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "hsds"


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(name: str, document: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator(name).iter_errors(document)
    ]


def test_every_organization_and_service_of_the_export_validates(both_engine: Engine) -> None:
    with session_scope(both_engine) as session:
        document = export_hsds(session)
    assert len(document["services"]) >= 200
    assert len(document["organizations"]) >= 200
    invalid = {
        item["id"]: found
        for kind, items in (
            ("service", document["services"]),
            ("organization", document["organizations"]),
        )
        for item in items
        if (found := problems(kind, item))
    }
    assert invalid == {}


def test_the_export_leaves_out_what_it_does_not_know_instead_of_null(engine: Engine) -> None:
    with session_scope(engine) as session:
        document = export_hsds(session)
    for service in document["services"]:
        standard = {key: value for key, value in service.items() if key != "x_drogowskaz"}
        assert standard == without_nulls(standard)
        for attribute in service["attributes"]:
            assert attribute["id"]
            assert attribute["taxonomy_term"]["name"]
    for organization in document["organizations"]:
        assert None not in organization.values()
        assert organization["description"]


def test_a_round_trip_through_the_valid_export_changes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    with session_scope(engine) as session:
        document = export_hsds(session)
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with session_scope(engine) as session:
        plan = import_file(session, path, dry_run=True)
    assert plan.ok, plan.problems
    assert plan.changed == {}
    assert plan.created == []


def other_publishers_service() -> dict[str, Any]:
    """A service as another HSDS publisher would write it: UUID ids, the organization nested,
    terms of its own taxonomy, a service area by name, no Drogowskaz extension."""
    return {
        "id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e",
        "name": "Telefon wsparcia",
        "status": "active",
        "organization": {
            "id": "f28dd44b-0c4d-479f-8e90-4c52219a8b3c",
            "name": "Fundacja Przykładowa",
            "description": "Przykładowa fundacja",
        },
        "phones": [{"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "number": "22 123 45 67"}],
        "languages": [{"id": "0b5c3c2e-6a9b-4d1a-9c47-0ad0c9f1a001", "name": "Polish"}],
        "service_areas": [{"id": "0b5c3c2e-6a9b-4d1a-9c47-0ad0c9f1a002", "name": "Mazowsze"}],
        "attributes": [
            {
                "id": "0b5c3c2e-6a9b-4d1a-9c47-0ad0c9f1a003",
                "taxonomy_term": {
                    "id": "0b5c3c2e-6a9b-4d1a-9c47-0ad0c9f1a004",
                    "name": "Crisis support",
                    "description": "Someone else's taxonomy",
                    "code": "crisis-support",
                },
            }
        ],
    }


def test_the_import_reads_what_the_schema_accepts_from_another_publisher(
    engine: Engine, tmp_path: Path
) -> None:
    service = other_publishers_service()
    assert problems("service", service) == []
    inputs, read_problems = read_hsds(json.dumps({"services": [service]}).encode())
    assert read_problems == []
    (item,) = inputs
    assert item.service_id == uuid.UUID(service["id"]).hex == hsds_id(service["id"])
    assert item.organization_name == "Fundacja Przykładowa"
    # Only what means something here is taken: no foreign taxonomy term, no area by name.
    assert item.values["crisis_types"] == []
    assert item.values["areas"] == []
    assert item.values["languages"] == []
    assert item.values["phones"] == ["22 123 45 67"]
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"services": [service]}), encoding="utf-8")
    with session_scope(engine) as session:
        plan = import_file(session, path, dry_run=True)
    # HSDS has no field for what kind of help it is, where it stands or how sure the source
    # is: the import asks for them (row and field), it does not guess, and it does not crash.
    assert {p.field for p in plan.problems} == {"kind", "scope", "confidence"}
    assert all(p.row == 1 for p in plan.problems)


@pytest.mark.parametrize("status", ["active", "inactive", "defunct", "temporarily closed"])
def test_every_hsds_status_updates_an_existing_entry(
    engine: Engine, tmp_path: Path, status: str
) -> None:
    with session_scope(engine) as session:
        document = export_hsds(session)
    (service,) = [s for s in document["services"] if s["id"] == "B01"]
    del service["x_drogowskaz"]
    service["status"] = status
    assert problems("service", service) == []
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"services": [service]}, ensure_ascii=False), encoding="utf-8")
    with session_scope(engine) as session:
        plan = import_file(session, path)
    assert plan.ok, plan.problems
    with session_scope(engine) as session:
        stored = session.get(Service, "B01")
        assert stored is not None
        expected = {"inactive": "unverified", "temporarily closed": "temporarily_closed"}
        assert stored.status == expected.get(status, status)
