"""ConversationService: state + dialogue + directory behind one call that never raises.

Every channel calls `handle(chat_id, event)` (console, tests) or `await handle_async(...)`
(Telegram, from the event loop) and sends the replies it gets back. The service is made of
parts: the turns (`bot.turns`: worker pool, deadlines, database breaker), the live directory
(`bot.live_directory`), housekeeping (`bot.housekeeping`, a scheduled job started by the
channel), and the staff and administrator extensions (`bot.extensions`), which the
composition root (`bot.__main__`) builds and passes in.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final, TypeAlias

from sqlalchemy import exc as sqlalchemy_errors
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.crisis_type import warm_up as warm_crisis_reader
from bot.dialogue import DialogueState, Directory, UsageNote, respond
from bot.events import Event, EventKind, Reply
from bot.extensions import CommandContext, Extensions
from bot.housekeeping import Housekeeping
from bot.live_directory import LiveDirectory as LiveDirectory
from bot.live_directory import bundled_lines as bundled_lines
from bot.render import OptionLike, close_turn, esc, render_emergency_block
from bot.screening import Screening, screen
from bot.state import StateStore
from bot.turns import (
    DATABASE_RETRY_SECONDS,
    RESIDENT_TURN_DEADLINE_SECONDS,
    STAFF_TURN_DEADLINE_SECONDS,
    DatabaseBreaker,
    DatabaseUnavailableError,
    TurnRunner,
)
from bot.usage import insert_usage, usage_values
from directory.clock import utc_now
from directory.i18n import N_, language_for, translator
from directory.store import one_version_per_turn

logger = logging.getLogger(__name__)

# Server-side limits for the bot's PostgreSQL sessions, and TCP keepalives so a connection
# into a network black hole dies in seconds instead of the kernel's two hours.
POSTGRES_SESSION_PARAMETERS: Final = {
    "options": "-c statement_timeout=5000",
    "keepalives": "1",
    "keepalives_idle": "5",
    "keepalives_interval": "2",
    "keepalives_count": "2",
    "tcp_user_timeout": "5000",
}
TRY_LATER: Final = N_(
    "The directory database is not reachable right now, so I cannot do this. "
    "Please try again in a few minutes."
)


def bot_database_url(url: str | None) -> str | None:
    """The bot's database URL: PostgreSQL gets statement timeouts and TCP keepalives added."""
    if not url:
        return url
    from directory.db import normalise_database_url

    url = normalise_database_url(url)
    try:
        parsed = make_url(url)
    except sqlalchemy_errors.ArgumentError:
        return url
    if parsed.get_backend_name() != "postgresql":
        return url
    missing = {k: v for k, v in POSTGRES_SESSION_PARAMETERS.items() if k not in parsed.query}
    return parsed.update_query_dict(missing).render_as_string(hide_password=False)


def is_single_writer(engine: Engine | None, url: str | None) -> bool:
    """Whether the service's database is SQLite (one writer, so its turns run one at a time):
    `engine` when given, else `url`, else the default from the environment."""
    if engine is not None:
        return engine.dialect.name == "sqlite"
    from directory.db import database_url_from_env, normalise_database_url

    try:
        backend = make_url(
            normalise_database_url(url or database_url_from_env())
        ).get_backend_name()
    except sqlalchemy_errors.ArgumentError:
        return False
    return backend == "sqlite"


# What a channel gets from an asynchronous turn: the replies and the language they are in.
TurnResult: TypeAlias = tuple[list[Reply], str]


@dataclass
class Incoming:
    """One event on its way through the service, with what was worked out about it once: the
    language its client asks for and, for a text, its danger screening (set by whoever screens
    it first, then passed on to the extensions, the dialogue and the fallback)."""

    event: Event
    lang: str
    screening: Screening | None = None

    def screened(self) -> Screening:
        """The text's screening, run now if nobody has run it yet."""
        if self.screening is None:
            self.screening = screen(self.event.text)
        return self.screening


@dataclass(frozen=True)
class Answer:
    """What one turn answers before it leaves the service: the replies, their language, and 112
    and the national lines as the turn read them from the directory (None: the bundled copy)."""

    replies: list[Reply]
    lang: str
    lines: Sequence[OptionLike] | None = None


def fallback_replies(
    lang: str, event: Event | None = None, screening: Screening | None = None
) -> list[Reply]:
    """The last-resort answer: an apology, 112 and the national 24/7 lines (no database needed).

    Safety rule: when `event` is a text that screens as danger (`screening`, when it was already
    screened), the block comes first, so the first line still says 112 and fits the danger; the
    apology follows it.
    """
    _ = translator(lang).gettext
    apology = esc(_("Sorry, something went wrong on my side. Here is where help is right now:"))
    lead: str | None = None
    try:
        if event is not None and event.kind is EventKind.TEXT:
            found = (screening or screen(event.text)).lead
            lead = None if found is None else found.value
    except Exception as error:
        # A failing screen must not cost the fallback: the general block still leads with 112.
        logger.error("screening failed in the fallback: %s", type(error).__name__)
        lead = "unsure"
    try:
        block = render_emergency_block(bundled_lines(lang), lang, danger=lead)
    except Exception as error:
        # Even a broken bundled list must not stop 112 from being shown.
        logger.error("emergency list unavailable: %s", type(error).__name__)
        block = "🆘 <b>112</b> — " + esc(_("emergency number"))
    if lead is not None:
        after = _("Sorry, something went wrong on my side; the numbers above answer at any time.")
        return [Reply(text=block + "\n\n" + esc(after))]
    return [Reply(text=apology + "\n\n" + block)]


def try_later_replies(lang: str) -> list[Reply]:
    """For staff and administrators while the database is down: a clear "try again later"."""
    return [Reply(text=esc(translator(lang).gettext(TRY_LATER)))]


class ConversationService:
    """The one entry point for every channel: `handle(chat_id, event) -> replies`, never raising."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine | None = None,
        clock: Callable[[], datetime] = utc_now,
        directory: Directory | None = None,
        *,
        extensions: Extensions | None = None,
        database_retry_seconds: float = DATABASE_RETRY_SECONDS,
        resident_deadline_seconds: float = RESIDENT_TURN_DEADLINE_SECONDS,
        staff_deadline_seconds: float = STAFF_TURN_DEADLINE_SECONDS,
    ) -> None:
        """Serve conversations over `engine` (opened from settings lazily when None), routing
        staff and administrator events to `extensions` (none when not given)."""
        self.settings = settings
        self.extensions = extensions if extensions is not None else Extensions()
        self._clock = clock
        self._engine = engine
        self._owns_engine = engine is None
        self._single_writer = is_single_writer(engine, settings.database_url)
        self._engine_lock = threading.Lock()
        self._breaker = DatabaseBreaker(database_retry_seconds)
        self._turns = TurnRunner(
            self._breaker,
            resident_deadline_seconds=resident_deadline_seconds,
            staff_deadline_seconds=staff_deadline_seconds,
        )
        self._places_warm = False
        self._live_directory = LiveDirectory(engine)
        self._directory: Directory = directory or self._live_directory
        self.housekeeping = Housekeeping(
            lambda: (self._store(self._get_engine()), self._get_engine()),
            settings.usage_retention_days,
            clock,
        )

    # -- database --

    def _get_engine(self) -> Engine:
        with self._engine_lock:
            if self._engine is not None:
                return self._engine
            from directory.db import open_database

            try:
                self._engine = open_database(bot_database_url(self.settings.database_url))
            except Exception as error:
                raise DatabaseUnavailableError(type(error).__name__) from error
            self._live_directory.engine = self._engine
            return self._engine

    def database_engine(self) -> Engine:
        """The directory database (opened, migrated and seeded on first use), for the web panel;
        DatabaseUnavailableError when it cannot be opened."""
        return self._get_engine()

    @property
    def database_down(self) -> bool:
        """Whether the last database attempt failed (turns are answered without it)."""
        return self._breaker.down

    def _ping_database(self) -> None:
        if self._engine is not None:
            # Pooled connections may lead into the outage; start over with fresh ones.
            self._engine.dispose()
        with self._get_engine().connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def _warm_places_once(self) -> None:
        # Loading the gazetteer (and the screening's tables) takes seconds once per process; it
        # must not count against the turn deadline, or the first resident after a start would
        # get only the fallback.
        if self._places_warm:
            return
        self._places_warm = True
        try:
            self._directory.find_place("Warszawa", "pl")
        except Exception as error:
            logger.warning("place index warm-up failed: %s", type(error).__name__)
        try:
            # The screening's form table and model load in a fraction of a second, once.
            screen("Warszawa")
        except Exception as error:
            logger.warning("screening warm-up failed: %s", type(error).__name__)

    def _start_turn(self, chat_id: int, incoming: Incoming) -> tuple[Future[Answer], float]:
        """Hand one turn to a worker thread; returns its future and its deadline in seconds."""
        # Only a resident's turn probes the database itself: it falls back to 112 and the
        # national lines by its short deadline, while a staff turn would wait out its long one
        # only to say "try later". Staff get that at once and the probe runs in the background.
        staff = self.extensions.is_staff_event(incoming.event)
        use_database, probe = self._breaker.may_use(in_turn=not staff)
        if not use_database:
            if probe:
                self._turns.probe_in_background(self._ping_database)
            raise DatabaseUnavailableError("database down, retry pending")
        self._warm_places_once()

        def run_turn() -> Answer:
            if probe and self._engine is not None:
                # Pooled connections may lead into the outage; start over with fresh ones.
                self._engine.dispose()
            return self._handle(chat_id, incoming)

        return self._turns.start(run_turn), self._turns.deadline(staff=staff)

    def _store(self, engine: Engine) -> StateStore:
        return StateStore(
            engine,
            self.settings.state_secret,
            timedelta(hours=self.settings.state_ttl_hours),
            clock=self._clock,
        )

    # -- the public API --

    def handle(self, chat_id: int, event: Event, screening: Screening | None = None) -> list[Reply]:
        """Answer one event from one chat. Never raises: on any failure, 112 and the 24/7 lines.
        `screening`: the text's danger screening when the channel already ran it."""
        return self.handle_in_language(chat_id, event, screening)[0]

    def handle_in_language(
        self, chat_id: int, event: Event, screening: Screening | None = None
    ) -> tuple[list[Reply], str]:
        """`handle`, also saying the language the replies are in (for a channel's own hints)."""
        incoming = Incoming(event, language_for(event.language_code), screening)
        try:
            outcome, deadline = self._start_turn(chat_id, incoming)
            result = self._turns.wait(outcome, deadline)
        except Exception as error:
            result = self._failure(incoming, error)
        return self.answer(result), result.lang

    async def handle_async(
        self, chat_id: int, event: Event, screening: Screening | None = None
    ) -> list[Reply]:
        """`handle` for an event loop: the turn runs on a worker thread while the loop waits —
        asynchronously, or on SQLite on the spot for up to the resident deadline."""
        return (await self.handle_async_in_language(chat_id, event, screening))[0]

    async def handle_async_in_language(
        self, chat_id: int, event: Event, screening: Screening | None = None
    ) -> TurnResult:
        """`handle_async`, also saying the language the replies are in (for a page's own text)."""
        incoming = Incoming(event, language_for(event.language_code), screening)
        if not self._places_warm:
            # Seconds, once per process: never on the event loop.
            await asyncio.to_thread(self._warm_places_once)
        try:
            outcome, deadline = self._start_turn(chat_id, incoming)
            result = await self._turns.wait_async(
                outcome, deadline, on_the_spot=self._single_writer
            )
        except Exception as error:
            result = self._failure(incoming, error)
        return self.answer(result), result.lang

    async def emergency_options_async(self, lang: str) -> list[OptionLike]:
        """112 and the national 24/7 lines as the database has them now; the bundled copy when
        it is down or does not answer within the resident deadline. Never raises."""
        bundled = list(bundled_lines(lang))
        if self.database_down:
            # Residents' turns probe the database; an error page never waits for it.
            return bundled

        def read() -> list[OptionLike]:
            self._get_engine()
            return list(self._live_directory.emergency_options(lang))

        outcome = self._turns.workers.submit(read)
        waiting = asyncio.wrap_future(outcome)
        try:
            return await asyncio.wait_for(waiting, self._turns.resident_deadline)
        except Exception as error:
            # An error page must come at once: 112 and the bundled lines rather than nothing.
            logger.warning("emergency lines from the bundled copy: %s", type(error).__name__)
            return bundled

    @staticmethod
    def answer(result: Answer) -> list[Reply]:
        """The answer as it leaves the service: never empty, and ending with 112 and a national
        24/7 line (`bot.render.close_turn`) — for residents, staff and administrators alike,
        after an error or during an outage. Channels close their own notes here too."""
        replies = result.replies or fallback_replies(result.lang)
        lines = result.lines if result.lines is not None else bundled_lines(result.lang)
        return close_turn(replies, lines, result.lang)

    def _failure(self, incoming: Incoming, error: Exception) -> Answer:
        event, lang = incoming.event, incoming.lang
        if isinstance(error, DatabaseUnavailableError):
            # Staff cannot work without the database; residents still get 112 and the lines.
            if self.extensions.is_staff_event(event):
                return Answer(try_later_replies(lang), lang)
            return Answer(fallback_replies(lang, event, incoming.screening), lang)
        # Safety rule: a person in crisis always gets an answer, whatever failed.
        # Privacy: only the exception type is logged, never the message text or chat id.
        logger.error("conversation turn failed: %s", type(error).__name__)
        return Answer(fallback_replies(lang, event, incoming.screening), lang)

    def warm_up(self) -> bool:
        """Open the database and build the place index now, so the first resident does not wait.

        Never raises; returns whether everything is ready (a later turn retries the database).
        """
        ready = True
        try:
            self._get_engine()
        except Exception as error:
            logger.error("database not ready at start: %s", type(error).__name__)
            self._breaker.failed(type(error).__name__)
            ready = False
        try:
            self._directory.find_place("Warszawa", "pl")
            screen("Warszawa")
            warm_crisis_reader()
            self._places_warm = True
        except Exception as error:
            logger.error("place index not ready at start: %s", type(error).__name__)
            ready = False
        return ready

    def forget(self, chat_id: int) -> bool:
        """Erase a chat's state; True when something was erased. Never raises."""
        try:
            return self._store(self._get_engine()).forget(chat_id)
        except Exception as error:
            logger.error("forget failed: %s", type(error).__name__)
            return False

    def close(self, wait_seconds: float = 5.0) -> None:
        """Stop the housekeeping, let turns still running (past their deadline) finish for up to
        `wait_seconds`, then close the database connections of the engine this service opened."""
        self.housekeeping.stop()
        self._turns.close(wait_seconds)
        with self._engine_lock:
            if self._owns_engine and self._engine is not None:
                self._engine.dispose()

    # -- one turn --

    def _handle(self, chat_id: int, incoming: Incoming) -> Answer:
        # One look at the directory's version per turn, however often the turn reads it.
        with one_version_per_turn():
            return self._handle_turn(chat_id, incoming)

    def _handle_turn(self, chat_id: int, incoming: Incoming) -> Answer:
        event = incoming.event
        engine = self._get_engine()
        store = self._store(engine)
        now = self._clock()
        # The chat's state row stays locked from load to save, so two updates of one chat never
        # race, even on two instances; state, usage and staff changes commit together.
        with store.locked(chat_id) as chat_state:
            stored = chat_state.data
            state = DialogueState.from_dict(stored) if stored is not None else None
            if state is None or not state.lang:
                # The client's language, worked out once for the turn (the dialogue's default).
                state = replace(state or DialogueState(), lang=incoming.lang)
            lang = state.lang

            # Safety rule: every text is screened once, here at the latest, before any handler
            # may claim it; the dialogue and the fallback get the result rather than screening
            # again.
            screening = incoming.screened() if event.kind is EventKind.TEXT else None
            extension = self._extension_replies(chat_state.session, event, lang, now, screening)
            if extension is not None:
                # Read inside the turn, on its worker: the numbers as the directory has them.
                return Answer(extension, lang, self._directory.emergency_options(lang))

            outcome = respond(event, state, self._directory, now, screening)
            if outcome.forget:
                chat_state.forget()
            else:
                chat_state.save(outcome.state.to_dict())
            self._record_usage(
                chat_state.session, event, outcome.usage, outcome.state.lang or lang, now
            )
        answered_in = outcome.state.lang or lang
        lines = outcome.lines
        if lines is None:
            lines = self._directory.emergency_options(answered_in)
        return Answer(outcome.replies, answered_in, lines)

    def _record_usage(
        self,
        session: Session,
        event: Event,
        notes: Sequence[UsageNote],
        language: str,
        now: datetime,
    ) -> None:
        if not notes:
            return
        try:
            values = usage_values(notes, channel=event.channel, language=language, now=now)
            if session.get_bind().dialect.name == "sqlite":
                # SQLite undoes a failed statement alone and keeps the transaction: the state
                # saved with it stays. A savepoint would cost a tenth of the turn.
                insert_usage(session.connection(), values)
            else:
                # Elsewhere a failed statement aborts the transaction: the savepoint keeps a
                # failed usage insert from undoing the state saved with it. (The session emits
                # SAVEPOINT when its connection is asked for inside the block.)
                with session.begin_nested():
                    insert_usage(session.connection(), values)
        except Exception as error:
            # Statistics are optional; the reply to a person in crisis is not.
            logger.warning("usage not recorded: %s", type(error).__name__)

    def _extension_replies(
        self,
        session: Session,
        event: Event,
        lang: str,
        now: datetime,
        screening: Screening | None = None,
    ) -> list[Reply] | None:
        context = CommandContext(
            event=event, session=session, settings=self.settings, lang=lang, now=now
        )
        # In the chat's locked transaction: a handler's changes commit when the turn does.
        if event.kind is EventKind.TEXT and self.extensions.text_handlers:
            # Safety rule: a claimed text is never exempt from immediate-danger screening.
            if (screening or screen(event.text)).immediate_danger:
                return None
            for text_handler in self.extensions.text_handlers:
                replies = text_handler(context)
                if replies is not None:
                    return replies
            return None
        handler = self.extensions.handler_for(event)
        if handler is None:
            return None
        return handler(context) or []
