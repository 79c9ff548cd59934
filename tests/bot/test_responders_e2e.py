"""The responders' view end to end: /sluzby and a shared location in Wrocław, through the real
python-telegram-bot over HTTP to the local Bot API server, on the bundled directory, with the
bot's clock fixed at 02:00 or 14:00. The expected points are worked out here from the stored
entries with the hours parser and the great-circle distance, not with the ranking under test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

import pytest

from bot.__main__ import standard_extensions
from bot.conversation import ConversationService
from directory.access import Access
from directory.db import open_database, session_scope
from directory.editing import change_service
from directory.gazetteer import distance_km
from directory.hours import WARSAW
from directory.hours import parse as parse_hours
from directory.kinds import HANDOVER_KINDS
from directory.referral import short_name
from directory.store import DirectoryStore
from tests.bot.conftest import RunningBot, settings_for, start_application
from tests.bot.test_telegram_e2e import (
    REPLY_TIMEOUT,
    assert_every_send_accepted,
    command,
    text_of,
)
from tests.botapi.server import BotAccount, BotApiServer, SentMessage

pytestmark = pytest.mark.e2e

WROCLAW_MARKET_SQUARE = (51.1100, 17.0320)
FRIDAY_2AM = datetime(2026, 12, 4, 2, 0, tzinfo=WARSAW)
FRIDAY_2PM = datetime(2026, 12, 4, 14, 0, tzinfo=WARSAW)
REACH_KM = 60.0
STRZELIN_CENTRE = "B28"  # 37 km from Wrocław; its hours are not in the bundled data

StartAt = Callable[[str, datetime], Awaitable[RunningBot]]


@dataclass(frozen=True)
class Point:
    """A visible handover point as this test sees it."""

    name: str
    km: float
    open_then: bool


@pytest.fixture
async def start_at(botapi: BotApiServer, telegram: BotAccount) -> AsyncIterator[StartAt]:
    """Start the real bot on a database with its clock stopped at a given moment."""
    running: list[RunningBot] = []

    async def start(database_url: str, moment: datetime) -> RunningBot:
        settings = settings_for(botapi, telegram, database_url)
        service = ConversationService(
            settings,
            engine=open_database(database_url),
            clock=lambda: moment,
            extensions=standard_extensions(),
        )
        started = await start_application(settings, service)
        running.append(started)
        return started

    yield start
    for bot in running:
        await bot.stop()


def visible_points(database_url: str, moment: datetime) -> list[Point]:
    """Every visible place to hand a person over, nearest first, open or not at `moment`."""
    engine = open_database(database_url)
    try:
        services = DirectoryStore(engine).active_services()
    finally:
        engine.dispose()
    points = []
    for service in services:
        if service.kind not in HANDOVER_KINDS or service.point is None:
            continue
        if not any(phone.dial for phone in service.phones):
            continue
        km = distance_km(*WROCLAW_MARKET_SQUARE, *service.point)
        open_then = service.hours is not None and parse_hours(service.hours).is_open(moment)
        points.append(Point(short_name(service.name_pl), km, open_then))
    return sorted(points, key=lambda point: point.km)


def points_section(messages: list[SentMessage]) -> str:
    """The listed points: after the heading, before the count of closed ones and the lines."""
    text = text_of(messages)
    for end in ("Jeszcze ", "🆘"):
        if end in text:
            text = text[: text.index(end)]
    return text


async def share_location(telegram: BotAccount, chat_id: int) -> list[SentMessage]:
    telegram.send_location(chat_id, *WROCLAW_MARKET_SQUARE, language_code="pl")
    return await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)


def assert_lists_exactly(messages: list[SentMessage], expected: list[Point]) -> None:
    """The open points are listed nearest first; no closed point is listed as one."""
    section = points_section(messages)
    positions = [section.index(point.name) for point in expected]
    assert positions == sorted(positions), section
    for point in expected:
        assert point.open_then


@pytest.mark.postgres
async def test_sluzby_and_a_location_in_wroclaw_at_2am_list_only_what_is_open_nearest_first(
    start_at: StartAt, telegram: BotAccount, seeded_database_url: str
) -> None:
    await start_at(seeded_database_url, FRIDAY_2AM)
    [prompt] = await command(telegram, 31, "sluzby")
    assert prompt.requests_location
    assert not any(data.startswith("cr:") for data in prompt.callback_data)

    view = await share_location(telegram, 31)
    points = visible_points(seeded_database_url, FRIDAY_2AM)
    open_points = [point for point in points if point.open_then]
    within = [point for point in open_points if point.km <= REACH_KM]
    expected = within[:4] if within else open_points[:2]
    assert expected, "something in Poland is open at 2 a.m."
    assert_lists_exactly(view, expected)
    section = points_section(view)
    closed_near = [p for p in points if not p.open_then and p.km <= REACH_KM]
    for point in closed_near:
        assert point.name not in section
    if not within:
        assert "W promieniu 60 km nic nie jest teraz czynne" in section
    assert "Czynne teraz w pobliżu: Wrocław" in text_of(view)
    assert "112" in text_of(view)
    assert "116 123" in text_of(view)
    assert_every_send_accepted(telegram)


@pytest.mark.parametrize(
    ("moment", "listed"),
    [pytest.param(FRIDAY_2AM, False, id="02:00"), pytest.param(FRIDAY_2PM, True, id="14:00")],
)
async def test_a_centre_whose_staff_set_office_hours_is_listed_by_day_and_not_at_night(
    start_at: StartAt,
    telegram: BotAccount,
    seeded_sqlite_url: str,
    moment: datetime,
    listed: bool,
) -> None:
    # The centre's own staff keep its entry: they set its hours (an audited, verified edit).
    engine = open_database(seeded_sqlite_url)
    with session_scope(engine) as session:
        change_service(
            session,
            STRZELIN_CENTRE,
            {"hours": "Mo-Fr 08:00-16:00; PH off"},
            actor="staff:test",
            access=Access(organization_ids=frozenset({STRZELIN_CENTRE})),
            today=date(2026, 12, 1),
        )
    engine.dispose()
    strzelin = next(p for p in visible_points(seeded_sqlite_url, moment) if p.km < 40)
    assert strzelin.open_then is listed

    await start_at(seeded_sqlite_url, moment)
    await command(telegram, 32, "sluzby")
    view = await share_location(telegram, 32)
    section = points_section(view)
    if listed:
        assert strzelin.name in section
        assert "sprawdzono 1 gru 2026" in section
        assert "W promieniu 60 km nic nie jest teraz czynne" not in section
        assert "czynne do 16:00" in section
    else:
        assert strzelin.name not in section
        assert f"Najbliższe otwarcie: {strzelin.name}, czynne dziś od 08:00" in text_of(view)
    assert_every_send_accepted(telegram)
