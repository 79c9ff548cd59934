"""ConversationService: state + dialogue + directory behind one call that never raises.

Every channel calls `handle(chat_id, event)` (console, tests) or `await handle_async(...)`
(Telegram, from the event loop) and sends the replies it gets back; the turn itself runs on one
of the service's daemon worker threads, under a deadline. Staff and administrator commands plug
in through the command registry here (`register_command`, `register_button`,
`register_text_handler`) from their own modules.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import queue
import re
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from concurrent import futures
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final, TypeAlias, TypeVar

from sqlalchemy import exc as sqlalchemy_errors
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.dialogue import (
    DialogueState,
    Directory,
    PlaceCandidate,
    PlaceResolution,
    UsageNote,
    command_names,
    respond,
)
from bot.events import Event, EventKind, Reply
from bot.render import OptionLike, close_turn, esc, render_emergency_block
from bot.screening import Screening, screen
from bot.state import StateStore
from bot.usage import insert_usage, usage_values
from directory.crisis import CrisisType
from directory.i18n import N_, language_for, translator
from directory.referral import Handover
from directory.retention import purge_usage_events
from directory.store import one_version_per_turn

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Modules of later engineers that register their commands on import; absent ones are skipped.
EXTENSION_MODULES: Final = ("bot.staff", "bot.admin")
PURGE_INTERVAL: Final = timedelta(minutes=15)
# While the database is down, one turn tries it again this often; the others answer at once
# from the bundled list. A crisis line must recover within seconds of the database returning.
DATABASE_RETRY_SECONDS: Final = 2.0
# A resident's turn that the database keeps waiting longer than this is answered without it
# (112 and the national lines): connect timeouts cannot go below 2 s, and a black-holed
# connection has no client-side timeout at all. Staff reports may legitimately take longer.
RESIDENT_TURN_DEADLINE_SECONDS: Final = 1.5
STAFF_TURN_DEADLINE_SECONDS: Final = 8.0
# Worker threads for turns: those in progress plus overdue ones still waiting on a dead database.
MAX_TURN_WORKERS: Final = 64
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
DATABASE_ERRORS: Final = (
    sqlalchemy_errors.DBAPIError,
    sqlalchemy_errors.TimeoutError,
    sqlalchemy_errors.DisconnectionError,
    OSError,
)


class DatabaseUnavailableError(RuntimeError):
    """The database failed or did not answer in time; the turn is answered without it."""


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


def utc_now() -> datetime:
    """The current moment, timezone-aware (UTC)."""
    return datetime.now(UTC)


# --- command registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class CommandContext:
    """What a registered command/button/text handler gets: the event (with user_id), a DB session
    committed after the handler returns, the settings, the chat's language and the time."""

    event: Event
    session: Session
    settings: Settings
    lang: str
    now: datetime


Handler = Callable[[CommandContext], list[Reply]]


# What a channel gets from an asynchronous turn: the replies and the language they are in.
TurnResult: TypeAlias = tuple[list[Reply], str]


@dataclass(frozen=True)
class Answer:
    """What one turn answers before it leaves the service: the replies, their language, and 112
    and the national lines as the turn read them from the directory (None: the bundled copy)."""

    replies: list[Reply]
    lang: str
    lines: Sequence[OptionLike] | None = None


_Job: TypeAlias = tuple[Future[Any], Callable[[], Any]]
TextHandler = Callable[[CommandContext], list[Reply] | None]


@dataclass(frozen=True)
class CommandSpec:
    """A registered command: its handler, a gettext-marked description, and who it is for."""

    name: str
    handler: Handler
    description: str
    audience: str


_COMMANDS: dict[str, CommandSpec] = {}
_BUTTONS: dict[str, Handler] = {}
_START_PAYLOADS: dict[str, Handler] = {}
_TEXT_HANDLERS: list[TextHandler] = []
_RESERVED_COMMANDS: Final = command_names()
_COMMAND_NAME: Final = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def register_command(
    name: str, handler: Handler, *, description: str = "", audience: str = "staff"
) -> None:
    """Add a slash command (`name` without the slash); `audience` is resident, staff or admin.

    The handler authorises the caller itself (from `context.event.user_id`).
    """
    name = name.lower().lstrip("/")
    if not _COMMAND_NAME.match(name) or name in _RESERVED_COMMANDS:
        raise ValueError(f"cannot register command {name!r}")
    _COMMANDS[name] = CommandSpec(
        name=name, handler=handler, description=description, audience=audience
    )


def register_button(prefix: str, handler: Handler) -> None:
    """Route button presses whose data starts with `prefix` (e.g. "st:") to `handler`."""
    if not prefix or len(prefix.encode("utf-8")) > 16 or prefix[:3] in {"cr:", "pl:"}:
        raise ValueError(f"cannot register button prefix {prefix!r}")
    _BUTTONS[prefix] = handler


def register_start_payload(prefix: str, handler: Handler) -> None:
    """Route `/start PREFIX…` (a t.me deep link such as `?start=staff-CODE`) to `handler`."""
    if not prefix:
        raise ValueError(f"cannot register start payload prefix {prefix!r}")
    _START_PAYLOADS[prefix] = handler


def register_text_handler(handler: TextHandler) -> None:
    """Offer free text to `handler` first (e.g. a staff member typing a new phone number).

    It returns replies when the text was its business, or None to let the resident dialogue run.
    Safety rule: immediate-danger screening still runs on text a handler claims.
    """
    if handler not in _TEXT_HANDLERS:
        _TEXT_HANDLERS.append(handler)


def unregister(name_or_prefix: str = "", text_handler: TextHandler | None = None) -> None:
    """Remove a registered command, button prefix or text handler (for tests and reloads)."""
    _COMMANDS.pop(name_or_prefix.lower().lstrip("/"), None)
    _BUTTONS.pop(name_or_prefix, None)
    _START_PAYLOADS.pop(name_or_prefix, None)
    if text_handler is not None and text_handler in _TEXT_HANDLERS:
        _TEXT_HANDLERS.remove(text_handler)


def registered_commands() -> dict[str, CommandSpec]:
    """The registered extra commands, by name."""
    return dict(_COMMANDS)


def load_extensions() -> None:
    """Import the staff/admin modules so their commands register; a missing module is skipped."""
    for module in EXTENSION_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise


# --- the directory behind the dialogue --------------------------------------------------------


class LiveDirectory:
    """The dialogue's Directory over the bundled gazetteer, place resolution and the database."""

    def __init__(self, engine: Engine | None) -> None:
        """Use `engine` for options; places and emergency lines need no database."""
        self.engine = engine

    def find_place(
        self, text: str, lang: str, *, not_places: frozenset[str] = frozenset()
    ) -> PlaceResolution:
        """The place named anywhere in a message (whole text, then its clauses)."""
        from directory import places

        finder: Callable[..., PlaceResolution] | None = getattr(
            places, "find_place_in_message", None
        )
        if finder is not None:
            return finder(text, lang, not_places=not_places)
        resolution: PlaceResolution = places.resolve_place(text, lang)
        if resolution.status != "none":
            return resolution
        for clause in re.split(r"[,.;:!?\n]+", text):
            clause = clause.strip()
            if clause and clause != text.strip():
                found: PlaceResolution = places.resolve_place(clause, lang)
                if found.status != "none":
                    return found
        return resolution

    def resolve_point(self, latitude: float, longitude: float) -> PlaceResolution:
        """The powiat containing a shared location."""
        from directory import places

        resolution: PlaceResolution = places.resolve_point(latitude, longitude)
        return resolution

    def describe(self, candidate: PlaceCandidate, lang: str) -> str:
        """'Pruszków — powiat pruszkowski, mazowieckie'; the powiat label alone for a powiat."""
        label = self.powiat_label(candidate.powiat, lang) or candidate.voivodeship
        place_name = str(getattr(candidate, "place_name", "") or "")
        kind = str(getattr(candidate, "kind", ""))
        if kind in {"powiat", "point"} or not place_name or label.startswith(place_name + ","):
            return label
        extra = ""
        gmina_name = str(getattr(candidate, "gmina_name", "") or "")
        if kind == "village" and gmina_name and gmina_name != place_name:
            extra = " (" + translator(lang).gettext("gmina %(gmina)s") % {"gmina": gmina_name} + ")"
        return f"{place_name}{extra} — {label}"

    def powiat_label(self, code: str, lang: str) -> str | None:
        """'powiat pruszkowski, mazowieckie' for a TERYT code, or None."""
        from directory.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        if not gazetteer.has_powiat(code):
            return None
        return gazetteer.powiat(code).label()

    def options_for(
        self,
        powiat: str,
        crisis: CrisisType,
        at: datetime,
        lang: str,
        *,
        urgent: bool,
        needs: frozenset[str] = frozenset(),
    ) -> Sequence[OptionLike]:
        """Ranked options from the database."""
        from directory.store import DirectoryStore

        if self.engine is None:
            raise RuntimeError("database unavailable")
        options: Sequence[OptionLike] = DirectoryStore(self.engine).options_for(
            powiat, crisis, at, lang, urgent=urgent, needs=needs
        )
        return options

    def emergency_options(self, lang: str) -> Sequence[OptionLike]:
        """112 and the national 24/7 lines as the database has them (bundled if it is down)."""
        from directory.store import current_emergency_options

        options: Sequence[OptionLike] = current_emergency_options(self.engine, lang)
        return options

    def has_unconfirmed_local(self, powiat: str) -> bool:
        """Whether a researched local entry serves `powiat` but waits for verification."""
        from directory.store import DirectoryStore

        if self.engine is None:
            return False
        return DirectoryStore(self.engine).has_unconfirmed_local(powiat)

    def handover_points(
        self, powiat: str, origin: tuple[float, float] | None, at: datetime, lang: str
    ) -> Handover:
        """The responders' view from the database; the powiat's seat when no point is given."""
        from directory.gazetteer import load_gazetteer
        from directory.store import DirectoryStore

        if self.engine is None:
            raise RuntimeError("database unavailable")
        if origin is None:
            seat = load_gazetteer().powiat(powiat)
            origin = (seat.lat, seat.lon)
        return DirectoryStore(self.engine).handover_points(origin, at, lang, powiat=powiat)


def bundled_lines(lang: str) -> Sequence[OptionLike]:
    """112 and the national 24/7 lines from the bundled copy (for when the database is down)."""
    return LiveDirectory(None).emergency_options(lang)


def fallback_replies(lang: str, event: Event | None = None) -> list[Reply]:
    """The last-resort answer: an apology, 112 and the national 24/7 lines (no database needed).

    Safety rule: when `event` is a text that screens as danger, the block comes first, so the
    first line still says 112 and fits the danger; the apology follows it.
    """
    _ = translator(lang).gettext
    apology = esc(_("Sorry, something went wrong on my side. Here is where help is right now:"))
    lead: str | None = None
    try:
        if event is not None and event.kind is EventKind.TEXT:
            found = screen(event.text).lead
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


def is_staff_event(event: Event) -> bool:
    """Whether `event` is a registered staff/admin command, button or /start deep link."""
    if event.kind is EventKind.COMMAND:
        name = event.command.lower().lstrip("/").split("@", 1)[0]
        spec = _COMMANDS.get(name)
        if spec is not None:
            return spec.audience != "resident"
        return name == "start" and any(event.args.startswith(p) for p in _START_PAYLOADS)
    if event.kind is EventKind.BUTTON:
        return any(event.data.startswith(prefix) for prefix in _BUTTONS)
    return False


class DaemonWorkerPool:
    """Persistent daemon worker threads for conversation turns, started as needed.

    Not a ThreadPoolExecutor: its threads are joined at interpreter exit, and a turn stuck on a
    dead connection must never keep the process alive. A new thread starts only when no idle
    one is waiting, so turns abandoned at their deadline never hold up the next ones.
    """

    def __init__(self, max_workers: int = MAX_TURN_WORKERS, name: str = "conversation-turn"):
        """Run up to `max_workers` jobs at once; more wait in the queue."""
        self._max_workers = max_workers
        self._name = name
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._workers = 0
        self._waiting = 0
        self._queued = 0

    def submit(self, job: Callable[[], T]) -> Future[T]:
        """Run `job` on a worker thread; its result or exception arrives in the Future."""
        future: Future[T] = Future()
        with self._lock:
            self._queued += 1
            self._jobs.put((future, job))
            if self._queued > self._waiting and self._workers < self._max_workers:
                self._workers += 1
                worker = threading.Thread(target=self._work, name=self._name, daemon=True)
                worker.start()
        return future

    def shutdown(self) -> None:
        """Let every worker end once it is idle (a later submit starts new ones)."""
        with self._lock:
            for _ in range(self._workers):
                self._queued += 1
                self._jobs.put(None)

    def _work(self) -> None:
        while True:
            with self._lock:
                self._waiting += 1
            item = self._jobs.get()
            with self._lock:
                self._waiting -= 1
                self._queued -= 1
                if item is None:
                    self._workers -= 1
                    return
            future, job = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except BaseException as error:
                future.set_exception(error)


class ConversationService:
    """The one entry point for every channel: `handle(chat_id, event) -> replies`, never raising."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine | None = None,
        clock: Callable[[], datetime] = utc_now,
        directory: Directory | None = None,
        *,
        database_retry_seconds: float = DATABASE_RETRY_SECONDS,
        resident_deadline_seconds: float = RESIDENT_TURN_DEADLINE_SECONDS,
        staff_deadline_seconds: float = STAFF_TURN_DEADLINE_SECONDS,
    ) -> None:
        """Serve conversations over `engine` (opened from settings lazily when None)."""
        self.settings = settings
        self._clock = clock
        self._engine = engine
        self._owns_engine = engine is None
        self._single_writer = is_single_writer(engine, settings.database_url)
        # Not the engine lock: opening the database holds that one, for as long as a dead
        # server makes it, and this one is taken on the event loop.
        self._turns_lock = threading.Lock()
        self._turns: set[Future[Answer]] = set()
        self._settled_probes: weakref.WeakSet[Future[Any]] = weakref.WeakSet()
        self._workers = DaemonWorkerPool()
        self._engine_lock = threading.Lock()
        self._database_retry_seconds = database_retry_seconds
        self._resident_deadline = resident_deadline_seconds
        self._staff_deadline = staff_deadline_seconds
        self._health_lock = threading.Lock()
        self._database_down_since: float | None = None
        self._next_probe_at = 0.0
        self._probing = False
        self._places_warm = False
        self._live_directory = LiveDirectory(engine)
        self._directory: Directory = directory or self._live_directory
        self._last_purge: datetime | None = None
        load_extensions()

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
        with self._health_lock:
            return self._database_down_since is not None

    def _may_use_database(self, *, in_turn: bool) -> tuple[bool, bool]:
        """(run this turn on the database, probe it now): the probe is the turn itself when
        `in_turn`, else a background check while the turn is answered without the database."""
        with self._health_lock:
            if self._database_down_since is None:
                return True, False
            now = time.monotonic()
            if self._probing or now < self._next_probe_at:
                return False, False
            self._probing = True
            self._next_probe_at = now + self._database_retry_seconds
            return in_turn, True

    def _probe_in_background(self) -> None:
        """Check the database on a worker, settled by the resident deadline: a staff turn is
        answered at once meanwhile, and staff alone can still close the breaker."""
        outcome = self._workers.submit(self._ping_database)
        timer = threading.Timer(self._resident_deadline, self._settle_probe, args=(outcome,))
        timer.daemon = True
        outcome.add_done_callback(lambda _done: timer.cancel())
        outcome.add_done_callback(self._settle_probe)
        timer.start()

    def _ping_database(self) -> None:
        if self._engine is not None:
            # Pooled connections may lead into the outage; start over with fresh ones.
            self._engine.dispose()
        with self._get_engine().connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def _settle_probe(self, outcome: Future[Any]) -> None:
        with self._turns_lock:
            if outcome in self._settled_probes:
                return
            self._settled_probes.add(outcome)
        with contextlib.suppress(Exception):
            self._settle(outcome)

    def _database_failed(self, reason: str) -> None:
        with self._health_lock:
            now = time.monotonic()
            if self._database_down_since is None:
                self._database_down_since = now
                logger.error("database unavailable (%s): answering without it", reason)
            self._next_probe_at = now + self._database_retry_seconds
            self._probing = False

    def _database_answered(self) -> None:
        with self._health_lock:
            if self._database_down_since is not None:
                outage = time.monotonic() - self._database_down_since
                logger.warning("database back after %.1f s", outage)
            self._database_down_since = None
            self._probing = False

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

    def _start_turn(self, chat_id: int, event: Event) -> tuple[Future[Answer], float]:
        """Hand one turn to a worker thread; returns its future and its deadline in seconds."""
        # Only a resident's turn probes the database itself: it falls back to 112 and the
        # national lines by its short deadline, while a staff turn would wait out its long one
        # only to say "try later". Staff get that at once and the probe runs in the background.
        use_database, probe = self._may_use_database(in_turn=not is_staff_event(event))
        if not use_database:
            if probe:
                self._probe_in_background()
            raise DatabaseUnavailableError("database down, retry pending")
        self._warm_places_once()

        def run_turn() -> Answer:
            if probe and self._engine is not None:
                # Pooled connections may lead into the outage; start over with fresh ones.
                self._engine.dispose()
            return self._handle(chat_id, event)

        outcome = self._workers.submit(run_turn)
        with self._turns_lock:
            self._turns.add(outcome)
        outcome.add_done_callback(self._turn_done)
        deadline = self._staff_deadline if is_staff_event(event) else self._resident_deadline
        return outcome, deadline

    def _turn_done(self, outcome: Future[Answer]) -> None:
        with self._turns_lock:
            self._turns.discard(outcome)

    def _settle(self, outcome: Future[T]) -> T:
        """The turn's result once its deadline was waited for; a database that failed or did
        not answer by then raises DatabaseUnavailableError, whatever the connection is doing."""
        outcome.cancel()  # only a turn that has not started yet: see handle_async
        if outcome.cancelled() or not outcome.done():
            self._database_failed("no answer within the turn deadline")
            raise DatabaseUnavailableError("turn deadline passed")
        try:
            result = outcome.result()
        except DatabaseUnavailableError as error:
            self._database_failed(str(error))
            raise
        except DATABASE_ERRORS as error:
            self._database_failed(type(error).__name__)
            raise DatabaseUnavailableError(type(error).__name__) from error
        except BaseException:
            # Not the database's fault (it may well have answered): keep using it.
            self._database_answered()
            raise
        self._database_answered()
        return result

    def _store(self, engine: Engine) -> StateStore:
        return StateStore(
            engine,
            self.settings.state_secret,
            timedelta(hours=self.settings.state_ttl_hours),
            clock=self._clock,
        )

    # -- the public API --

    def handle(self, chat_id: int, event: Event) -> list[Reply]:
        """Answer one event from one chat. Never raises: on any failure, 112 and the 24/7 lines."""
        return self.handle_in_language(chat_id, event)[0]

    def handle_in_language(self, chat_id: int, event: Event) -> tuple[list[Reply], str]:
        """`handle`, also saying the language the replies are in (for a channel's own hints)."""
        lang = language_for(event.language_code)
        try:
            outcome, deadline = self._start_turn(chat_id, event)
            futures.wait([outcome], timeout=deadline)
            result = self._settle(outcome)
        except Exception as error:
            result = self._failure(event, lang, error)
        return self.answer(result), result.lang

    async def handle_async(self, chat_id: int, event: Event) -> list[Reply]:
        """`handle` for an event loop: the turn runs on a worker thread while the loop waits —
        asynchronously, or on SQLite on the spot for up to the resident deadline."""
        return (await self.handle_async_in_language(chat_id, event))[0]

    async def handle_async_in_language(self, chat_id: int, event: Event) -> TurnResult:
        """`handle_async`, also saying the language the replies are in (for a page's own text)."""
        lang = language_for(event.language_code)
        if not self._places_warm:
            # Seconds, once per process: never on the event loop.
            await asyncio.to_thread(self._warm_places_once)
        try:
            outcome, deadline = self._start_turn(chat_id, event)
            started = time.monotonic()
            if self._single_writer:
                # SQLite turns run one at a time anyway: the loop waits for this one on the spot,
                # its thread asleep. Waiting asynchronously left the loop and the worker fighting
                # for the GIL at every SQLite call (measured: 5.3 → 3.3 ms of CPU per update).
                # Bounded by the resident deadline, so 112 still comes in time if SQLite stalls.
                futures.wait([outcome], timeout=min(deadline, self._resident_deadline))
            if not outcome.done():
                waiting = asyncio.wrap_future(outcome)
                await asyncio.wait([waiting], timeout=deadline - (time.monotonic() - started))
                # Overdue: stop waiting. A turn already running is left to finish (it cannot be
                # interrupted); one still queued never starts, its person having been answered.
                waiting.cancel()
            result = self._settle(outcome)
        except Exception as error:
            result = self._failure(event, lang, error)
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

        outcome = self._workers.submit(read)
        waiting = asyncio.wrap_future(outcome)
        try:
            return await asyncio.wait_for(waiting, self._resident_deadline)
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

    def _failure(self, event: Event, lang: str, error: Exception) -> Answer:
        if isinstance(error, DatabaseUnavailableError):
            # Staff cannot work without the database; residents still get 112 and the lines.
            if is_staff_event(event):
                return Answer(try_later_replies(lang), lang)
            return Answer(fallback_replies(lang, event), lang)
        # Safety rule: a person in crisis always gets an answer, whatever failed.
        # Privacy: only the exception type is logged, never the message text or chat id.
        logger.error("conversation turn failed: %s", type(error).__name__)
        return Answer(fallback_replies(lang, event), lang)

    def warm_up(self) -> bool:
        """Open the database and build the place index now, so the first resident does not wait.

        Never raises; returns whether everything is ready (a later turn retries the database).
        """
        ready = True
        try:
            self._get_engine()
        except Exception as error:
            logger.error("database not ready at start: %s", type(error).__name__)
            self._database_failed(type(error).__name__)
            ready = False
        try:
            self._directory.find_place("Warszawa", "pl")
            screen("Warszawa")
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
        """Let turns still running (past their deadline) finish for up to `wait_seconds`, then
        close the database connections of the engine this service opened itself."""
        with self._turns_lock:
            running = list(self._turns)
        futures.wait(running, timeout=wait_seconds)
        self._workers.shutdown()
        with self._engine_lock:
            if self._owns_engine and self._engine is not None:
                self._engine.dispose()

    # -- internals --

    def _handle(self, chat_id: int, event: Event) -> Answer:
        # One look at the directory's version per turn, however often the turn reads it.
        with one_version_per_turn():
            return self._handle_turn(chat_id, event)

    def _handle_turn(self, chat_id: int, event: Event) -> Answer:
        engine = self._get_engine()
        store = self._store(engine)
        now = self._clock()
        self._maybe_purge(store, engine, now)
        # The chat's state row stays locked from load to save, so two updates of one chat never
        # race, even on two instances; state, usage and staff changes commit together.
        with store.locked(chat_id) as chat_state:
            stored = chat_state.data
            state = DialogueState.from_dict(stored) if stored is not None else None
            lang = state.lang if state and state.lang else language_for(event.language_code)

            # Safety rule: every text is screened once, here, before any handler may claim it;
            # the dialogue gets the result rather than screening again.
            screening = screen(event.text) if event.kind is EventKind.TEXT else None
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
        handler: Callable[[CommandContext], list[Reply] | None] | None = None
        if event.kind is EventKind.COMMAND:
            name = event.command.lower().lstrip("/").split("@", 1)[0]
            spec = _COMMANDS.get(name)
            handler = spec.handler if spec else None
            if handler is None and name == "start":
                handler = next(
                    (h for prefix, h in _START_PAYLOADS.items() if event.args.startswith(prefix)),
                    None,
                )
        elif event.kind is EventKind.BUTTON:
            for prefix, button_handler in _BUTTONS.items():
                if event.data.startswith(prefix):
                    handler = button_handler
                    break
        elif event.kind is EventKind.TEXT and _TEXT_HANDLERS:
            # Safety rule: a claimed text is never exempt from immediate-danger screening.
            if (screening or screen(event.text)).immediate_danger:
                return None
            for text_handler in _TEXT_HANDLERS:
                replies = self._run_handler(session, text_handler, event, lang, now)
                if replies is not None:
                    return replies
            return None
        if handler is None:
            return None
        return self._run_handler(session, handler, event, lang, now) or []

    def _run_handler(
        self,
        session: Session,
        handler: Callable[[CommandContext], list[Reply] | None],
        event: Event,
        lang: str,
        now: datetime,
    ) -> list[Reply] | None:
        # In the chat's locked transaction: a handler's changes commit when the turn does.
        context = CommandContext(
            event=event, session=session, settings=self.settings, lang=lang, now=now
        )
        return handler(context)

    def _maybe_purge(self, store: StateStore, engine: Engine, now: datetime) -> None:
        if self._last_purge is not None and now - self._last_purge < PURGE_INTERVAL:
            return
        self._last_purge = now
        try:
            store.purge_expired()
            purge_usage_events(engine, now, self.settings.usage_retention_days)
        except Exception as error:
            # Housekeeping must never block a reply.
            logger.warning("purge failed: %s", type(error).__name__)


def describe_commands(lang: str, audience: str) -> list[tuple[str, str]]:
    """(command, translated description) for registered commands of one audience."""
    _ = translator(lang).gettext
    return [
        (spec.name, _(spec.description) if spec.description else "")
        for spec in _COMMANDS.values()
        if spec.audience == audience
    ]
