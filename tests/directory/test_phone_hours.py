"""Hours per phone (issue 11, finding 8): "24/7" is said of the 24-hour line only, not of the
office number listed beside it (HSDS: a schedule per phone where they differ).

From the bundled directory (B34 Olsztyn: 665 237 899 round the clock, 89 544 38 00 and
89 544 38 03 with hours not published), through ranking, the chat's rendering, the responders'
view, the printable card, the CSV and HSDS files, and migration 0005_phone_hours.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, select

from bot.console import terminal_text
from bot.render import render_option
from bot.responders import render_point
from directory.card import build_card, card_text
from directory.crisis import CrisisType
from directory.db import alembic_config, open_database, session_scope, upgrade
from directory.editing import InvalidValue, change_service, check_value
from directory.hours import WARSAW
from directory.models import Phone
from directory.referral import Option, OptionsRequest
from directory.seed import seed_entries
from directory.store import DirectoryStore
from directory.transfer import export_csv, export_hsds, import_file

NOW = datetime(2026, 3, 4, 22, 30, tzinfo=WARSAW)  # a Wednesday night
OLSZTYN_POWIAT = "2814"  # powiat olsztyński, served by B34
LINE, OFFICE = "+48665237899", ("+48895443800", "+48895443803")


def b34(engine: Engine) -> Option:
    options = DirectoryStore(engine).options_for(
        OptionsRequest(OLSZTYN_POWIAT, CrisisType.VIOLENCE, NOW, "en")
    )
    return next(option for option in options if option.service_id == "B34")


def line_of(text: str, number: str) -> str:
    return next(line for line in text.splitlines() if number in line)


def test_the_seed_gives_24_hour_lines_and_office_numbers_their_own_hours() -> None:
    mixed = {}
    for entry in seed_entries():
        own = {p["number_as_published"]: p["hours"] for p in entry["phones"] if p["hours"]}
        if own:
            mixed[entry["id"]] = own
            assert entry["hours"] == "24/7"
            # "24/7" exactly for the numbers the sources call 24-hour lines.
            assert {n for n, h in own.items() if h == "24/7"} == {
                p["number_as_published"] for p in entry["phones"] if p["is_24_7"] is True
            }
            assert set(own.values()) == {"24/7", "unknown"}
    assert sorted(mixed) == ["B105", "B34", "B49", "B86"]
    assert mixed["B34"] == {
        "665 237 899": "24/7",
        "89 544 38 00": "unknown",
        "89 544 38 03": "unknown",
    }


def test_open_24_7_is_said_only_of_the_24_hour_line_in_the_chat(engine: Engine) -> None:
    option = b34(engine)
    assert option.always_open  # ranked as a 24/7 option: its line is
    shown = terminal_text(render_option(option, NOW, "en"))
    assert "open 24/7" in line_of(shown, LINE)
    for number in OFFICE:
        assert "open 24/7" not in line_of(shown, number)
        assert "opening hours not confirmed" in line_of(shown, number)
    assert shown.count("open 24/7") == 1


def test_an_entry_whose_numbers_share_its_hours_says_them_once(engine: Engine) -> None:
    options = DirectoryStore(engine).options_for(
        OptionsRequest("1261", CrisisType.SUICIDAL, NOW, "en")
    )
    krakow = next(option for option in options if option.service_id == "B01")
    shown = terminal_text(render_option(krakow, NOW, "en")).splitlines()
    assert shown[1:3] == ["☎ +48124219282", "open 24/7"]


def test_the_responders_view_and_the_card_keep_24_7_to_the_line(engine: Engine) -> None:
    point = terminal_text(render_point(1, b34(engine), NOW, "en", lambda code: None))
    assert "open 24/7" in line_of(point, LINE)
    assert "open 24/7" not in line_of(point, OFFICE[0])
    card = card_text(
        build_card(DirectoryStore(engine).active_services(), OLSZTYN_POWIAT, NOW, "en")
    )
    assert "665 237 899 (open 24/7)" in card
    assert "89 544 38 00, 89 544 38 03 (hours not known)" in card


def test_phone_hours_travel_through_csv_and_hsds_and_are_validated(
    engine: Engine, tmp_path: Path
) -> None:
    with session_scope(engine) as session:
        exported = export_csv(session)
        document = export_hsds(session)
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if r["id"] == "B34")
    assert row["phone_hours"] == "24/7|unknown|unknown"
    service = next(s for s in document["services"] if s["id"] == "B34")
    schedules = [p.get("schedules") for p in service["phones"]]
    assert schedules[0] == [{"id": "B34-ph1-sch", "notes": "opening_hours: 24/7"}]
    # A plain HSDS file (without our extension) gives the same hours back.
    for entry in document["services"]:
        del entry["x_drogowskaz"]
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(document), encoding="utf-8")
    with session_scope(engine) as session:
        plan = import_file(session, plain, dry_run=True)
        assert "B34" not in plan.changed or all(
            change.field != "phone_hours" for change in plan.changed["B34"]
        )
    # One entry per phone, each valid hours.
    rows = list(csv.DictReader(io.StringIO(exported)))
    index = next(i for i, r in enumerate(rows) if r["id"] == "B34")
    for bad, message in (
        ("24/7|unknown", "one entry of hours per phone"),
        ("24/7|sometimes|", "I could not read these opening hours"),
    ):
        rows[index]["phone_hours"] = bad
        path = tmp_path / "bad.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        with session_scope(engine) as session:
            plan = import_file(session, path)
        assert any(
            p.row == index + 2 and p.field == "phone_hours" and message in p.message
            for p in plan.problems
        ), plan.problems
    with pytest.raises(InvalidValue):
        check_value("phone_hours", ["Mo-Fr 7-15"])


def test_new_numbers_keep_the_service_hours_and_kept_ones_keep_their_own(engine: Engine) -> None:
    with session_scope(engine) as session:
        change_service(
            session, "B34", {"phones": ["665 237 899", "89 544 38 99"]}, actor="cli", access=None
        )
    with session_scope(engine) as session:
        hours = session.execute(
            select(Phone.number_as_published, Phone.hours)
            .where(Phone.service_id == "B34")
            .order_by(Phone.id)
        ).all()
    assert [tuple(row) for row in hours] == [("665 237 899", "24/7"), ("89 544 38 99", None)]


def test_the_migration_splits_the_hours_of_a_directory_already_in_use(database_url: str) -> None:
    engine = open_database(database_url)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004_usage_unlinkable")
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                select(Phone.service_id, Phone.number_as_published, Phone.hours).where(
                    Phone.hours.is_not(None)
                )
            ).all()
        own = {(service, number): hours for service, number, hours in rows}
        assert own[("B34", "665 237 899")] == "24/7"
        assert own[("B34", "89 544 38 00")] == "unknown"
        assert {service for service, _number in own} == {"B34", "B49", "B86", "B105"}
    finally:
        engine.dispose()
