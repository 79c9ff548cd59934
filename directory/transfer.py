"""The whole directory as a file and back: documented CSV (one row per service) and Open Referral
HSDS 3.0 JSON.

Import validates every row before writing anything and reports each problem with its row number
and field; it writes nothing unless every row is valid (all-or-nothing), and a dry run shows what
would change. Exporting and importing the result changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.audit import CREATED_FIELD, SERVICE_ENTITY, new_change_id, record_change
from directory.crisis import crisis_label
from directory.editing import (
    EditError,
    FieldChange,
    change_service,
    check_value,
    read_field,
)
from directory.fields import (
    ALL_FIELDS,
    CSV_COLUMNS,
    FLAG_FIELDS,
    OPTIONAL_COLUMNS,
    REGISTRY,
    REQUIRED_FOR_NEW,
    TEXT_LIST_FIELDS,
)
from directory.models import AreaKind, Organization, Phone, Service, services_with_details
from directory.spreadsheet import read_cell, safe_cell
from directory.validation import LOCATION_KEYS, check_name, check_phone_hours_fit

LIST_SEPARATOR: Final = "|"
MAX_IMPORT_BYTES: Final = 5 * 1024 * 1024
MAX_IMPORT_ROWS: Final = 5000
# An HSDS document nests about seven levels deep; far deeper is not a directory, and Python's
# JSON parser would give up with a RecursionError. Checked before parsing.
MAX_JSON_DEPTH: Final = 32
SERVICE_ID: Final = re.compile(r"^[A-Za-z0-9_.\-]{1,32}$")
HSDS_VERSION: Final = "3.0"
HSDS_EXTENSION: Final = "x_drogowskaz"
HSDS_CRISIS_TAXONOMY: Final = "drogowskaz-crisis-type"

HSDS_STATUS: Final = {
    "active": "active",
    "unverified": "inactive",
    "temporarily_closed": "temporarily closed",
    "defunct": "defunct",
}


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported: where (row 0 = the file itself) and why."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        """'row 7, phones: …' or 'file: …'."""
        where = "file" if self.row == 0 else f"row {self.row}"
        return (
            f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


@dataclass
class ServiceInput:
    """One service as read from a file: its row number, canonical values and organisation name."""

    row: int
    service_id: str
    values: dict[str, Any]
    # As read from the file (any JSON value): validated with the rest in `plan_import`.
    organization_name: Any = None
    # The organisation object as the file gave it (HSDS: listed or nested in the service).
    organization: dict[str, Any] | None = None


@dataclass
class ImportPlan:
    """What an import found and would do: problems, or the services to create and change."""

    problems: list[Problem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    changed: dict[str, list[FieldChange]] = field(default_factory=dict)
    organizations: dict[str, list[FieldChange]] = field(default_factory=dict)
    new_organizations: list[str] = field(default_factory=list)
    # The validated name of every organisation the file names.
    organization_names: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    applied: bool = False

    @property
    def ok(self) -> bool:
        """Whether every row was valid."""
        return not self.problems

    def summary_lines(self) -> list[str]:
        """What would change (or changed), one line per field."""
        lines = [f"new organization {org_id}" for org_id in self.new_organizations]
        for org_id, changes in self.organizations.items():
            for change in changes:
                lines.append(
                    f"organization {org_id}.{change.field}: {change.old!r} -> {change.new!r}"
                )
        for service_id in self.created:
            lines.append(f"new service {service_id}")
        for service_id, changes in self.changed.items():
            for change in changes:
                lines.append(
                    f"service {service_id}.{change.field}: {change.old!r} -> {change.new!r}"
                )
        verb = "changed" if self.applied else "would change"
        renamed = "renamed" if self.applied else "would be renamed"
        lines.append(
            f"organisations: {len(self.new_organizations)} new, {len(self.organizations)} {renamed}"
        )
        lines.append(
            f"{len(self.created)} new, {len(self.changed)} {verb}, {self.unchanged} unchanged"
        )
        return lines


class ImportFileError(ValueError):
    """The file as a whole is unusable (encoding, size, columns, syntax)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Carry every problem found."""
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in problems))


# --- export ------------------------------------------------------------------------------------


def _all_services(session: Session) -> list[Service]:
    return list(session.scalars(services_with_details()))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return safe_cell(LIST_SEPARATOR.join(str(item) for item in value))
    # Spreadsheet-safe: a phone "+48 …" or a text "=…" is written as text, never a formula.
    return safe_cell(str(value))


def service_row(service: Service) -> dict[str, str]:
    """One CSV row (column → text) for a stored service."""
    location = read_field(service, "location") or {}
    row: dict[str, str] = {}
    for column in CSV_COLUMNS:
        if column == "id":
            row[column] = safe_cell(service.id)
        elif column == "organization_name":
            row[column] = _cell(service.organization.name)
        elif column in LOCATION_KEYS:
            row[column] = _cell(location.get(column))
        elif column == "phone_hours":
            hours = read_field(service, column)
            row[column] = safe_cell(LIST_SEPARATOR.join(entry or "" for entry in hours))
        else:
            row[column] = _cell(read_field(service, column))
    return row


def export_csv(session: Session) -> str:
    """The whole directory as CSV text (UTF-8, header row, one row per service)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for service in _all_services(session):
        writer.writerow(service_row(service))
    return buffer.getvalue()


def without_nulls(value: Any) -> Any:
    """`value` with every None-valued key of every object left out (HSDS wants absent fields
    omitted, not null: its schemas type them as strings, numbers or arrays)."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def _crisis_attribute(service_id: str, crisis: str) -> dict[str, Any]:
    # A term of our own taxonomy (the eight crisis types of directory.crisis), named in English
    # as HSDS documents are; `code` is what import reads back.
    return {
        "id": f"{service_id}-crisis-{crisis}",
        "link_id": service_id,
        "link_type": "crisis_type",
        "link_entity": "service",
        "taxonomy_term_id": f"{HSDS_CRISIS_TAXONOMY}-{crisis}",
        "taxonomy_term": {
            "id": f"{HSDS_CRISIS_TAXONOMY}-{crisis}",
            "code": crisis,
            "name": crisis_label(crisis),
            "description": f"Drogowskaz crisis type {crisis!r}: {crisis_label(crisis)}",
            "taxonomy": HSDS_CRISIS_TAXONOMY,
        },
    }


def _hsds_service(service: Service) -> dict[str, Any]:
    exact = {name: read_field(service, name) for name in ALL_FIELDS}
    location = exact["location"]
    at_locations = []
    if location:
        at_locations.append(
            {
                "id": f"{service.id}-loc",
                "service_id": service.id,
                "location": {
                    "id": f"{service.id}-loc",
                    "location_type": "physical",
                    "latitude": location["latitude"],
                    "longitude": location["longitude"],
                    "addresses": [
                        {
                            "id": f"{service.id}-addr",
                            "address_type": "physical",
                            "address_1": location["address"] or "",
                            "city": location["town"] or "",
                            "postal_code": location["postal_code"] or "",
                            "state_province": location["powiat"] or "",
                            "country": "PL",
                        }
                    ],
                },
            }
        )
    document = {
        "id": service.id,
        # The fields HSDS holds as we do; the rest are mapped here, one by one.
        **{field.hsds: exact[field.name] for field in REGISTRY if field.hsds},
        "status": HSDS_STATUS.get(service.status, "inactive"),
        "last_modified": service.updated_at.isoformat() if service.updated_at else None,
        "phones": [
            _hsds_phone(service, index, phone) for index, phone in enumerate(service.phones, 1)
        ],
        "schedules": (
            [
                {
                    "id": f"{service.id}-sch",
                    "service_id": service.id,
                    "description": service.hours_as_published or service.hours,
                    "notes": f"opening_hours: {service.hours}" if service.hours else None,
                }
            ]
            if service.hours or service.hours_as_published
            else []
        ),
        "languages": [
            {"id": f"{service.id}-lang-{code}", "service_id": service.id, "code": code}
            for code in service.languages
        ],
        "service_areas": [
            {
                "id": f"{service.id}-area{index}",
                "service_id": service.id,
                "name": area.code,
                "extent_type": area.kind,
            }
            for index, area in enumerate(service.areas, start=1)
        ],
        "service_at_locations": at_locations,
        "attributes": [_crisis_attribute(service.id, crisis) for crisis in service.crisis_types],
    }
    # Our exact values (statuses, sources, confidence) that HSDS has no field for; import
    # reads these first, so a round trip changes nothing. Its nulls are ours, kept as they are.
    return {**without_nulls(document), HSDS_EXTENSION: exact}


def _organization_description(org: Organization) -> str:
    # HSDS requires a description; without one of our own, the names of its services say
    # what it runs (nothing is invented).
    if org.description:
        return org.description
    return "; ".join(service.name_pl for service in sorted(org.services, key=lambda s: s.id))


def _hsds_phone(service: Service, index: int, phone: Phone) -> dict[str, Any]:
    """An HSDS phone; a number whose hours differ from the service's carries its own schedule."""
    entry: dict[str, Any] = {
        "id": f"{service.id}-ph{index}",
        "number": phone.number_as_published,
        "description": phone.description,
        "type": "voice",
    }
    if phone.hours is not None:
        entry["schedules"] = [
            {"id": f"{service.id}-ph{index}-sch", "notes": f"opening_hours: {phone.hours}"}
        ]
    return entry


def export_hsds(session: Session) -> dict[str, Any]:
    """The whole directory as an Open Referral HSDS 3.0 document (organizations and services),
    valid against the official schemas (tests/data/hsds/)."""
    services = _all_services(session)
    organizations = session.scalars(
        select(Organization).options(selectinload(Organization.services)).order_by(Organization.id)
    )
    return {
        "hsds_version": HSDS_VERSION,
        "publisher": "Drogowskaz",
        "organizations": [
            without_nulls(
                {
                    "id": org.id,
                    "name": org.name,
                    "alternate_name": org.alternate_name,
                    "description": _organization_description(org),
                    "website": org.url,
                    "email": org.email,
                }
            )
            for org in organizations
        ],
        "services": [_hsds_service(service) for service in services],
    }


def export_hsds_text(session: Session) -> str:
    """The HSDS document as pretty JSON text."""
    return json.dumps(export_hsds(session), ensure_ascii=False, indent=2) + "\n"


# --- reading files -----------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            [
                Problem(
                    0, "", f"the file is too large ({len(data)} bytes; at most {MAX_IMPORT_BYTES})"
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            [
                Problem(
                    0,
                    "",
                    f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8 "
                    "(in a spreadsheet: CSV UTF-8)",
                )
            ]
        ) from None
    if "\x00" in text:
        raise ImportFileError([Problem(0, "", "the file contains NUL bytes; it is not text")])
    return text


def _list_cell(text: str) -> list[str]:
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def _bool_cell(text: str, row: int, problems: list[Problem], column: str) -> bool | None:
    lowered = text.strip().lower()
    if not lowered:
        return None
    if lowered in {"yes", "tak", "true", "1"}:
        return True
    if lowered in {"no", "nie", "false", "0"}:
        return False
    problems.append(Problem(row, column, f"expected yes or no, got {text!r}"))
    return None


def _check_header(header: Sequence[str]) -> None:
    """Refuse a header with missing (not optional), unknown or repeated columns."""
    missing = [c for c in CSV_COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
    unknown = [column for column in header if column not in CSV_COLUMNS]
    duplicated = sorted({column for column in header if header.count(column) > 1})
    file_problems = []
    if missing:
        file_problems.append(Problem(1, "", f"missing columns: {', '.join(missing)}"))
    if unknown:
        file_problems.append(Problem(1, "", f"unknown columns: {', '.join(unknown)}"))
    if duplicated:
        file_problems.append(Problem(1, "", f"repeated columns: {', '.join(duplicated)}"))
    if file_problems:
        raise ImportFileError(file_problems)


def _csv_value(cell: str, column: str, row: int, problems: list[Problem]) -> Any:
    """A field's value from its cell, by the field's shape."""
    if column == "phone_hours":
        # Aligned with `phones`: an empty item is a number with the service's hours.
        return [item.strip() or None for item in cell.split(LIST_SEPARATOR)] if cell.strip() else []
    if column in TEXT_LIST_FIELDS:
        return _list_cell(cell)
    if column in FLAG_FIELDS:
        return _bool_cell(cell, row, problems, column)
    return cell.strip() or None


def _csv_values(record: Mapping[str, str], row: int, problems: list[Problem]) -> dict[str, Any]:
    """The field values of one CSV row (the location's columns as one `location`)."""
    values: dict[str, Any] = {}
    location: dict[str, Any] = {}
    for column in CSV_COLUMNS:
        if column in {"id", "organization_name"} or column not in record:
            continue
        # Exports mark cells a spreadsheet would run with a leading ' (spreadsheet.py).
        cell = read_cell(record[column].strip())
        if column in LOCATION_KEYS:
            location[column] = cell.strip() or None
        else:
            values[column] = _csv_value(cell, column, row, problems)
    values["location"] = location if any(location.values()) else None
    return values


def read_csv(data: bytes) -> tuple[list[ServiceInput], list[Problem]]:
    """Services from CSV bytes, with per-row problems of form (not yet of content)."""
    text = _decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise ImportFileError([Problem(1, "", f"cannot read the CSV header: {error}")]) from None
    _check_header(header)
    inputs: list[ServiceInput] = []
    problems: list[Problem] = []
    try:
        for index, record in enumerate(reader, start=2):
            if index - 1 > MAX_IMPORT_ROWS:
                raise ImportFileError(
                    [Problem(0, "", f"too many rows (at most {MAX_IMPORT_ROWS} services)")]
                )
            if None in record or any(value is None for value in record.values()):
                problems.append(Problem(index, "", "wrong number of cells in this row"))
                continue
            inputs.append(
                ServiceInput(
                    row=index,
                    service_id=read_cell(record["id"].strip()),
                    values=_csv_values(record, index, problems),
                    organization_name=read_cell(record["organization_name"].strip()) or None,
                )
            )
    except csv.Error as error:
        raise ImportFileError([Problem(reader.line_num, "", f"malformed CSV: {error}")]) from None
    return inputs, problems


# Strings (with their escapes) and then the brackets left outside them.
_JSON_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET: Final = re.compile(r"[\[\]{}]")


def json_depth(text: str, limit: int = MAX_JSON_DEPTH) -> int:
    """How deeply `text` nests JSON arrays and objects, counted up to just past `limit`."""
    depth = deepest = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if match.group(0) in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        else:
            depth -= 1
    return deepest


def _items(value: Any) -> list[Any]:
    """The items of a JSON list; any other value becomes one item, for validation to refuse."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _member(value: Any, key: str) -> Any:
    """`value[key]` for a JSON object, None for anything else."""
    return value.get(key) if isinstance(value, dict) else None


def hsds_id(value: Any) -> Any:
    """An HSDS id as our id: a UUID (HSDS's recommended form, 36 characters) becomes its 32
    hex digits, which fit our ids; other text is kept; a value that is not text is passed on
    as it is, for validation to refuse by name."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if len(text) == 36:
        try:
            return uuid.UUID(text).hex
        except ValueError:
            return text
    return text


def read_hsds(data: bytes) -> tuple[list[ServiceInput], list[Problem]]:
    """Services from an HSDS 3.0 JSON document (our `x_drogowskaz` values win where present).

    Nothing in the document is trusted to have its documented type: the nesting is bounded
    before parsing, and every value reaches the same validation as a CSV cell. Anything the
    official schemas accept is read without error: ids as UUIDs, the organization nested in the
    service, terms of other taxonomies and service areas of other kinds (these two are left
    out: only our crisis types and TERYT areas mean something here).
    """
    text = _decode(data)
    if json_depth(text) > MAX_JSON_DEPTH:
        raise ImportFileError(
            [Problem(0, "", f"the JSON nests deeper than {MAX_JSON_DEPTH} levels")]
        )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            [Problem(0, "", f"not valid JSON (line {error.lineno}): {error.msg}")]
        ) from None
    except (ValueError, RecursionError) as error:
        # A number of more than 4,300 digits, say: valid JSON, but no directory.
        raise ImportFileError([Problem(0, "", f"cannot read this JSON: {error}")]) from None
    if not isinstance(document, dict) or not isinstance(document.get("services"), list):
        raise ImportFileError([Problem(0, "services", "expected an object with a services list")])
    services: list[Any] = document["services"]
    if len(services) > MAX_IMPORT_ROWS:
        raise ImportFileError([Problem(0, "", f"too many services (at most {MAX_IMPORT_ROWS})")])
    raw_organizations = document.get("organizations")
    if raw_organizations is not None and not isinstance(raw_organizations, list):
        raise ImportFileError([Problem(0, "organizations", "expected a list of organisations")])
    organizations: dict[str, dict[str, Any]] = {}
    for org in raw_organizations or []:
        org_key = hsds_id(_member(org, "id"))
        if not isinstance(org, dict) or not isinstance(org_key, str):
            raise ImportFileError(
                [Problem(0, "organizations", "expected organisation objects with a text id")]
            )
        organizations[org_key] = org
    inputs: list[ServiceInput] = []
    problems: list[Problem] = []
    for index, service in enumerate(services, start=1):
        if not isinstance(service, dict):
            problems.append(Problem(index, "", "expected a service object"))
            continue
        service_id = service.get("id")
        if not isinstance(service_id, str):
            problems.append(Problem(index, "id", "expected the service id as text"))
            continue
        exact = service.get(HSDS_EXTENSION)
        values = dict(exact) if isinstance(exact, dict) else _from_plain_hsds(service)
        nested = _member(service, "organization")
        nested = nested if isinstance(nested, dict) else None
        org_id = values.get("organization_id") or hsds_id(
            service.get("organization_id") or _member(nested, "id")
        )
        values["organization_id"] = org_id or None
        org = (organizations.get(org_id) if isinstance(org_id, str) else None) or nested
        inputs.append(
            ServiceInput(
                row=index,
                service_id=hsds_id(service_id),
                values=values,
                organization_name=_member(org, "name"),
                organization=org,
            )
        )
    return inputs, problems


def _from_plain_hsds(service: Mapping[str, Any]) -> dict[str, Any]:
    """Our fields from standard HSDS fields (a file from another HSDS publisher).

    A value of the wrong type is passed on as it is, so that validation refuses it by name.
    """
    reverse_status = {value: key for key, value in HSDS_STATUS.items()}
    hours = None
    for schedule in _items(service.get("schedules")):
        notes = _member(schedule, "notes")
        if isinstance(notes, str) and notes.startswith("opening_hours:"):
            hours = notes.split(":", 1)[1].strip()
    location = None
    for at_location in _items(service.get("service_at_locations")):
        place = _member(at_location, "location")
        addresses = _items(_member(place, "addresses"))
        address = addresses[0] if addresses else None
        location = {
            "address": _member(address, "address_1") or None,
            "postal_code": _member(address, "postal_code") or None,
            "town": _member(address, "city") or None,
            "powiat": _member(address, "state_province") or None,
            "latitude": _member(place, "latitude"),
            "longitude": _member(place, "longitude"),
            "point_source": None,
        }
        break
    status = service.get("status")
    area_kinds = {kind.value for kind in AreaKind}
    areas: list[Any] = []
    for area in _items(service.get("service_areas")):
        kind, name = _member(area, "extent_type"), _member(area, "name")
        if not isinstance(area, dict) or (kind in area_kinds and not isinstance(name, str)):
            areas.append(area)  # not an area at all, or ours misspelt: validation refuses it
        elif kind in area_kinds:
            areas.append(f"{kind}:{name}")
        # Service areas of other kinds, or of none (HSDS allows both), mean nothing here.
    crisis_types: list[Any] = []
    for attribute in _items(service.get("attributes")):
        if not isinstance(attribute, dict):
            crisis_types.append(attribute)
            continue
        term = _member(attribute, "taxonomy_term")
        term_id = attribute.get("taxonomy_term_id") or _member(term, "id") or ""
        # Terms of other taxonomies are left out; ours are validated whatever their type.
        if _member(term, "taxonomy") == HSDS_CRISIS_TAXONOMY or str(term_id).startswith(
            HSDS_CRISIS_TAXONOMY
        ):
            crisis_types.append(_member(term, "code"))
    return {
        **{field.name: service.get(field.hsds) for field in REGISTRY if field.hsds},
        "status": reverse_status.get(status, status) if isinstance(status, str) else status,
        "hours": hours,
        "phones": [
            _member(phone, "number") if isinstance(phone, dict) else phone
            for phone in _items(service.get("phones"))
        ],
        "phone_hours": [_phone_schedule(phone) for phone in _items(service.get("phones"))],
        # A language named without a code (HSDS allows it) cannot be matched: left out.
        "languages": [
            language.get("code") if isinstance(language, dict) else language
            for language in _items(service.get("languages"))
            if not isinstance(language, dict) or language.get("code") is not None
        ],
        "crisis_types": crisis_types,
        "areas": areas,
        "location": location,
    }


def _phone_schedule(phone: Any) -> Any:
    """A phone's own opening_hours from its schedule (as `export --format hsds` writes it)."""
    for schedule in _items(_member(phone, "schedules")):
        notes = _member(schedule, "notes")
        if isinstance(notes, str) and notes.startswith("opening_hours:"):
            return notes.split(":", 1)[1].strip()
    return None


def read_file(path: Path) -> tuple[list[ServiceInput], list[Problem]]:
    """Services from a CSV or HSDS JSON file (by extension, else by its first character)."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFileError([Problem(0, "", f"cannot read {path}: {error.strerror}")]) from None
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            [Problem(0, "", f"the file is too large ({size} bytes; at most {MAX_IMPORT_BYTES})")]
        )
    data = path.read_bytes()
    if path.suffix.lower() == ".json" or data.lstrip()[:1] in {b"{", b"["}:
        return read_hsds(data)
    return read_csv(data)


# --- validating and applying ------------------------------------------------------------------


def _english(error: EditError) -> str:
    return error.text("en")


def _valid_new_id(item: ServiceInput, seen: dict[str, int], plan: ImportPlan) -> bool:
    """Whether the row's id is well formed and not used by an earlier row (noting it if so)."""
    if not SERVICE_ID.match(item.service_id):
        plan.problems.append(
            Problem(
                item.row, "id", f"{item.service_id!r} is not a valid id (1-32 of A-Z 0-9 _ . -)"
            )
        )
        return False
    if item.service_id in seen:
        plan.problems.append(
            Problem(
                item.row,
                "id",
                f"duplicate id {item.service_id} (also in row {seen[item.service_id]})",
            )
        )
        return False
    seen[item.service_id] = item.row
    return True


def _cleaned_values(
    item: ServiceInput, existing: Service | None, plan: ImportPlan
) -> dict[str, Any]:
    """Every field the row gives, checked; a problem for each refused or missing one."""
    known_phones = frozenset(read_field(existing, "phones")) if existing else frozenset()
    # Phones are checked for the kind the row gives (or the stored one): a helpline may
    # publish a shared-cost number, a centre may not.
    row_kind = item.values.get("kind") or (existing.kind if existing else None)
    service_kind = row_kind if isinstance(row_kind, str) else None
    cleaned: dict[str, Any] = {}
    for name in ALL_FIELDS:
        if name not in item.values:
            if existing is None and name in REQUIRED_FOR_NEW:
                plan.problems.append(Problem(item.row, name, "missing"))
            continue
        try:
            cleaned[name] = check_value(
                name, item.values[name], known_phones=known_phones, service_kind=service_kind
            )
        except EditError as error:
            plan.problems.append(Problem(item.row, error.field or name, _english(error)))
    if "phone_hours" in cleaned:
        phones = cleaned.get("phones", read_field(existing, "phones") if existing else [])
        try:
            check_phone_hours_fit(phones, cleaned["phone_hours"])
        except EditError as error:
            plan.problems.append(Problem(item.row, "phone_hours", _english(error)))
    return cleaned


def _check_organization(
    session: Session,
    item: ServiceInput,
    org_id: Any,
    plan: ImportPlan,
    org_names: dict[str, tuple[int, str]],
) -> None:
    """Check the row's organisation name; note a new organisation and the first name given."""
    # An organisation's name is shown like a service's: the same rules (no control
    # characters, no formula, no markup).
    org_name: str | None = None
    name_refused = False
    try:
        org_name = check_name("organization_name", item.organization_name)
    except EditError as error:
        name_refused = True
        plan.problems.append(Problem(item.row, "organization_name", _english(error)))
    if not org_id:
        return
    is_new = session.get(Organization, org_id) is None
    if is_new and org_name is None and not name_refused:
        plan.problems.append(
            Problem(item.row, "organization_name", f"new organisation {org_id} needs a name")
        )
    if is_new and org_id not in plan.new_organizations:
        plan.new_organizations.append(org_id)
    if org_name:
        earlier = org_names.get(org_id)
        if earlier and earlier[1] != org_name:
            plan.problems.append(
                Problem(
                    item.row,
                    "organization_name",
                    f"differs from row {earlier[0]} for organisation {org_id}",
                )
            )
        org_names.setdefault(org_id, (item.row, org_name))


def _check_required(item: ServiceInput, cleaned: Mapping[str, Any], plan: ImportPlan) -> None:
    """A new service's required fields, given but empty (missing ones are noted already)."""
    for name in REQUIRED_FOR_NEW:
        if (
            name in item.values
            and cleaned.get(name) is None
            and not any(p.row == item.row and p.field == name for p in plan.problems)
        ):
            plan.problems.append(Problem(item.row, name, "required for a new service"))


def _note_changes(existing: Service, cleaned: Mapping[str, Any], plan: ImportPlan) -> None:
    changes = [
        FieldChange(name, read_field(existing, name), value)
        for name, value in cleaned.items()
        if read_field(existing, name) != value
    ]
    if changes:
        plan.changed[existing.id] = changes
    else:
        plan.unchanged += 1


def plan_import(
    session: Session, inputs: Sequence[ServiceInput]
) -> tuple[ImportPlan, dict[str, dict[str, Any]]]:
    """Check every row against the database; return the plan and the cleaned values per service."""
    plan = ImportPlan()
    cleaned_by_id: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    org_names: dict[str, tuple[int, str]] = {}
    if not inputs:
        plan.problems.append(Problem(0, "", "the file holds no services"))
    # One query for every service the file names, with its phones, places and areas: reading
    # them field by field lazily cost a round trip per service and field (seconds on PostgreSQL).
    # The list keeps them in the session's identity map, so `session.get` below finds them there.
    loaded = _services_named(session, [item.service_id for item in inputs])
    for item in inputs:
        if not _valid_new_id(item, seen, plan):
            continue
        existing = session.get(Service, item.service_id)
        cleaned = _cleaned_values(item, existing, plan)
        _check_organization(session, item, cleaned.get("organization_id"), plan, org_names)
        cleaned_by_id[item.service_id] = cleaned
        if existing is None:
            _check_required(item, cleaned, plan)
            plan.created.append(item.service_id)
        else:
            _note_changes(existing, cleaned, plan)
    for org_id, (_row, name) in org_names.items():
        plan.organization_names[org_id] = name
        org = session.get(Organization, org_id)
        if org is not None and org.name != name:
            plan.organizations[org_id] = [FieldChange("name", org.name, name)]
    del loaded
    return plan, cleaned_by_id


def _services_named(session: Session, ids: Sequence[str]) -> list[Service]:
    query = services_with_details().where(Service.id.in_(sorted(set(ids))))
    return list(session.scalars(query))


def import_services(
    session: Session, inputs: Sequence[ServiceInput], *, actor: str, dry_run: bool = False
) -> ImportPlan:
    """Validate every service, then (unless `dry_run` or any problem) write them all, audited.

    The caller's transaction makes it all-or-nothing: any failure while writing rolls back."""
    plan, cleaned_by_id = plan_import(session, inputs)
    if not plan.ok or dry_run:
        return plan
    for org_id, name in plan.organization_names.items():
        org = session.get(Organization, org_id)
        old_name = None if org is None else org.name
        if old_name == name:
            continue
        if org is None:
            session.add(Organization(id=org_id, name=name))
        else:
            org.name = name
        record_change(
            session,
            actor=actor,
            entity="organization",
            entity_id=org_id,
            field="name",
            old_value=old_name,
            new_value=name,
            change_id=new_change_id(),
        )
    session.flush()
    for service_id in plan.created:
        cleaned = cleaned_by_id[service_id]
        change_id = new_change_id()
        session.add(
            Service(
                id=service_id,
                organization_id=cleaned["organization_id"],
                name_pl=cleaned["name_pl"],
                kind=cleaned["kind"],
                scope=cleaned["scope"],
                status=cleaned["status"],
                confidence=cleaned["confidence"],
            )
        )
        session.flush()
        record_change(
            session,
            actor=actor,
            entity=SERVICE_ENTITY,
            entity_id=service_id,
            field=CREATED_FIELD,
            old_value=None,
            new_value=True,
            change_id=change_id,
        )
        change_service(
            session,
            service_id,
            cleaned,
            actor=actor,
            access=None,
            change_id=change_id,
            stamp_verified=False,
            validated=True,
        )
    for service_id in plan.changed:
        change_service(
            session,
            service_id,
            cleaned_by_id[service_id],
            actor=actor,
            access=None,
            stamp_verified=False,
            validated=True,
        )
    plan.applied = True
    return plan


def import_file(
    session: Session, path: Path, *, dry_run: bool = False, actor: str | None = None
) -> ImportPlan:
    """Read, validate and (unless `dry_run` or invalid) import a CSV or HSDS JSON file."""
    try:
        inputs, problems = read_file(path)
    except ImportFileError as error:
        return ImportPlan(problems=error.problems)
    if problems:
        plan, _cleaned = plan_import(session, inputs)
        plan.problems = sorted(problems + plan.problems, key=lambda p: (p.row, p.field))
        return plan
    plan = import_services(session, inputs, actor=actor or f"import {path.name}", dry_run=dry_run)
    plan.problems.sort(key=lambda p: (p.row, p.field))
    return plan


def write_export(session: Session, fmt: str, out: Path | None) -> str:
    """Export in `fmt` ('csv' or 'hsds') to `out`, or return the text when `out` is None."""
    text = export_csv(session) if fmt == "csv" else export_hsds_text(session)
    if out is not None:
        out.write_text(text, encoding="utf-8", newline="")
    return text
