"""Staff end to end: the real PTB application over HTTP against the local Bot API server.

Invite → link → edit a phone → residents keep the old one until an administrator approves the
new one in /verify → a resident's next referral shows it → the audit rows are there;
staff of another organisation are refused; bad values are refused in Polish and English.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from directory.access import grant_admin
from directory.db import session_scope
from directory.models import AuditLog
from directory.staff import create_invite
from tests.bot.conftest import RunningBot, StartBot
from tests.botapi.server import BotAccount, SentMessage

pytestmark = pytest.mark.e2e

REPLY_TIMEOUT = 15.0
STAFF = 610_001
OTHER_STAFF = 610_002
RESIDENT = 610_003
ADMIN = 610_004


async def send(
    telegram: BotAccount, chat_id: int, name: str, args: str = "", lang: str = "en"
) -> list[SentMessage]:
    telegram.send_command(chat_id, name, args, language_code=lang)
    return await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)


async def say(telegram: BotAccount, chat_id: int, text: str, lang: str = "en") -> list[SentMessage]:
    telegram.send_text(chat_id, text, language_code=lang)
    return await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)


async def press(
    telegram: BotAccount, chat_id: int, data: str, lang: str = "en"
) -> list[SentMessage]:
    query_id = telegram.press_button(chat_id, data, language_code=lang)
    replies = await telegram.wait_for_reply(chat_id, timeout=REPLY_TIMEOUT)
    assert telegram.callback_answered(query_id)
    return replies


def text_of(messages: list[SentMessage]) -> str:
    return "\n".join(message.plain_text for message in messages)


def invite(bot: RunningBot, organization_id: str) -> str:
    with session_scope(bot.engine) as session:
        return create_invite(session, organization_id).code


def accepted(telegram: BotAccount) -> bool:
    return all(
        call.status == 200 for call in telegram.call_log if call.method.startswith(("send", "edit"))
    )


async def test_invite_link_edit_phone_approve_and_the_next_referral_shows_it(
    start_bot: StartBot, telegram: BotAccount, seeded_database_url: str
) -> None:
    # Issue 11 finding 2: a phone from staff reaches residents only once an administrator has
    # approved it in /verify (it used to go live at the staff member's "Save").
    bot = await start_bot(seeded_database_url)
    with session_scope(bot.engine) as session:
        grant_admin(session, ADMIN, "test")
    welcome = await send(telegram, STAFF, "start", f"staff-{invite(bot, 'B01')}")
    assert "You are now linked as staff of" in text_of(welcome)
    assert "staff are identified" in text_of(welcome)
    assert "st:c:B01" in welcome[-1].callback_data

    await send(telegram, STAFF, "edit")
    await press(telegram, STAFF, "st:f:phones")
    preview = await say(telegram, STAFF, "12 421 92 83")
    assert "After: 12 421 92 83" in text_of(preview)
    saved = await press(telegram, STAFF, "st:ok")
    assert "waits for an administrator's approval" in text_of(saved)
    assert "+48124219282" in text_of(saved)

    await send(telegram, RESIDENT, "start", lang="pl")
    await say(telegram, RESIDENT, "Kraków", lang="pl")
    results = await press(telegram, RESIDENT, "cr:suicidal", lang="pl")
    assert "+48124219282" in text_of(results)
    assert "+48124219283" not in text_of(results)

    queue = await send(telegram, ADMIN, "verify")
    assert "[B01]" in text_of(queue)
    approved = await press(telegram, ADMIN, "vf:ok:B01")
    assert "+48124219283" in text_of(approved)

    await send(telegram, RESIDENT, "start", lang="pl")
    await say(telegram, RESIDENT, "Kraków", lang="pl")
    results = await press(telegram, RESIDENT, "cr:suicidal", lang="pl")
    assert "+48124219283" in text_of(results)
    assert "+48124219282" not in text_of(results)
    assert "112" in text_of(results)

    with session_scope(bot.engine) as session:
        rows = session.scalars(
            select(AuditLog).where(AuditLog.entity_id == "B01", AuditLog.field.like("phones%"))
        ).all()
    assert [(row.entity, row.field, row.actor) for row in rows if row.actor != "seed"] == [
        ("pending_change", "phones.proposed", f"staff:{STAFF}"),
        ("service", "phones", f"admin:{ADMIN}"),
        ("pending_change", "phones.approved", f"admin:{ADMIN}"),
    ]
    assert accepted(telegram)


async def test_staff_of_another_organisation_is_refused(
    start_bot: StartBot, telegram: BotAccount, sqlite_url: str
) -> None:
    bot = await start_bot(sqlite_url)
    await send(telegram, OTHER_STAFF, "staff", invite(bot, "B02"))
    refused = await send(telegram, OTHER_STAFF, "edit", "B01")
    assert "You can change only the entries of your own organisation." in text_of(refused)
    refused_pl = await send(telegram, OTHER_STAFF, "confirm", "B01", lang="pl")
    assert "Możesz zmieniać tylko wpisy swojej organizacji." in text_of(refused_pl)
    assert accepted(telegram)


@pytest.mark.parametrize(
    ("lang", "field", "value", "message"),
    [
        ("en", "phones", "123", "is not a Polish phone number I can dial"),
        ("pl", "phones", "123", "nie jest polskim numerem telefonu"),
        ("en", "hours", "always on weekdays", "I could not read these opening hours"),
        ("pl", "hours", "zawsze w tygodniu", "Nie rozumiem tych godzin otwarcia"),
    ],
)
async def test_bad_values_are_refused_in_the_staff_language(
    start_bot: StartBot,
    telegram: BotAccount,
    sqlite_url: str,
    lang: str,
    field: str,
    value: str,
    message: str,
) -> None:
    bot = await start_bot(sqlite_url)
    await send(telegram, STAFF, "staff", invite(bot, "B01"), lang=lang)
    await send(telegram, STAFF, "edit", lang=lang)
    await press(telegram, STAFF, f"st:f:{field}", lang=lang)
    refused = await say(telegram, STAFF, value, lang=lang)
    assert message in text_of(refused)
    assert accepted(telegram)
