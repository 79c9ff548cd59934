"""Every option of every referral carries its sources, a date and a confidence (issue 17)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from directory.crisis import CrisisType
from directory.gazetteer import load_gazetteer
from directory.hours import WARSAW
from directory.referral import OptionsRequest, Scope, rank_options, record_from_entry
from directory.seed import seed_entries
from directory.visibility import Standing

NIGHT = datetime(2026, 12, 5, 3, 0, tzinfo=WARSAW)
RECORDS = [record_from_entry(e) for e in seed_entries() if e["status"] == "active"]


def test_every_option_for_every_powiat_and_crisis_has_sources_a_date_and_a_confidence() -> None:
    checked = 0
    for powiat in load_gazetteer().powiats:
        for crisis in CrisisType:
            for option in rank_options(RECORDS, OptionsRequest(powiat.code, crisis, NIGHT, "en")):
                assert isinstance(option.sources, tuple), option.service_id
                assert option.sources, option.service_id
                assert option.source_date or option.verified_on, option.service_id
                assert option.confidence in {"high", "medium", "low"}, option.service_id
                assert option.provenance("en"), option.service_id
                checked += 1
    assert checked > 380 * 8 * 2


def test_a_verified_admission_room_comes_right_after_112_for_a_mental_health_crisis_at_night() -> (
    None
):
    room = next(e for e in seed_entries() if e["id"] == "P032")  # izba przyjęć, Lubliniec
    assert room["status"] == "unverified"
    hidden = rank_options(
        [*RECORDS, record_from_entry(room)], OptionsRequest("2407", CrisisType.MENTAL, NIGHT, "en")
    )
    assert "P032" not in [o.service_id for o in hidden]
    verified = replace(record_from_entry(room), status="active", verified_on=date(2026, 12, 4))
    options = rank_options(
        [*RECORDS, verified], OptionsRequest("2407", CrisisType.MENTAL, NIGHT, "en")
    )
    assert options[0].scope is Scope.EMERGENCY
    assert options[1].service_id == "P032"
    assert options[1].standing is Standing.VERIFIED
    assert options[1].provenance("en") == "checked on Dec 4, 2026"
    assert "call 112 first" in (options[1].caveat("en") or "")
