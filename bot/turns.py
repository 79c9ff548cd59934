"""How conversation turns run: on daemon worker threads, under a deadline, behind a breaker that
answers without the database while it is down and lets one turn at a time try it again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import time
import weakref
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Future
from typing import Any, Final, TypeAlias, TypeVar

from sqlalchemy import exc as sqlalchemy_errors

logger = logging.getLogger(__name__)
T = TypeVar("T")

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
DATABASE_ERRORS: Final = (
    sqlalchemy_errors.DBAPIError,
    sqlalchemy_errors.TimeoutError,
    sqlalchemy_errors.DisconnectionError,
    OSError,
)

_Job: TypeAlias = tuple[Future[Any], Callable[[], Any]]


class DatabaseUnavailableError(RuntimeError):
    """The database failed or did not answer in time; the turn is answered without it."""


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


class DatabaseBreaker:
    """Whether turns may use the database: open after a failure, retried every few seconds."""

    def __init__(self, retry_seconds: float = DATABASE_RETRY_SECONDS) -> None:
        """Try a database that failed again after `retry_seconds`."""
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_probe_at = 0.0
        self._probing = False

    @property
    def down(self) -> bool:
        """Whether the last database attempt failed (turns are answered without it)."""
        with self._lock:
            return self._down_since is not None

    def may_use(self, *, in_turn: bool) -> tuple[bool, bool]:
        """(run this turn on the database, probe it now): the probe is the turn itself when
        `in_turn`, else a background check while the turn is answered without the database."""
        with self._lock:
            if self._down_since is None:
                return True, False
            now = time.monotonic()
            if self._probing or now < self._next_probe_at:
                return False, False
            self._probing = True
            self._next_probe_at = now + self._retry_seconds
            return in_turn, True

    def failed(self, reason: str) -> None:
        """The database failed or did not answer: answer without it until the next probe."""
        with self._lock:
            now = time.monotonic()
            if self._down_since is None:
                self._down_since = now
                logger.error("database unavailable (%s): answering without it", reason)
            self._next_probe_at = now + self._retry_seconds
            self._probing = False

    def answered(self) -> None:
        """The database answered: use it again."""
        with self._lock:
            if self._down_since is not None:
                outage = time.monotonic() - self._down_since
                logger.warning("database back after %.1f s", outage)
            self._down_since = None
            self._probing = False


class TurnRunner:
    """Runs turns on daemon workers and settles them by their deadline through the breaker."""

    def __init__(
        self,
        breaker: DatabaseBreaker,
        *,
        resident_deadline_seconds: float = RESIDENT_TURN_DEADLINE_SECONDS,
        staff_deadline_seconds: float = STAFF_TURN_DEADLINE_SECONDS,
    ) -> None:
        """Settle turns through `breaker`, residents' by the short deadline, staff's the long."""
        self.breaker = breaker
        self.resident_deadline = resident_deadline_seconds
        self.staff_deadline = staff_deadline_seconds
        self.workers = DaemonWorkerPool()
        # Not an engine lock: opening the database holds that one, for as long as a dead
        # server makes it, and this one is taken on the event loop.
        self._lock = threading.Lock()
        self._running: set[Future[Any]] = set()
        self._settled_probes: weakref.WeakSet[Future[Any]] = weakref.WeakSet()

    def deadline(self, *, staff: bool) -> float:
        """Seconds a turn may take before it is answered without the database."""
        return self.staff_deadline if staff else self.resident_deadline

    def start(self, turn: Callable[[], T]) -> Future[T]:
        """Hand one turn to a worker thread; close() waits for it."""
        outcome = self.workers.submit(turn)
        with self._lock:
            self._running.add(outcome)
        outcome.add_done_callback(self._done)
        return outcome

    def _done(self, outcome: Future[Any]) -> None:
        with self._lock:
            self._running.discard(outcome)

    def wait(self, outcome: Future[T], deadline: float) -> T:
        """The turn's result, waited for on this thread for up to `deadline` seconds."""
        futures.wait([outcome], timeout=deadline)
        return self.settle(outcome)

    async def wait_async(self, outcome: Future[T], deadline: float, *, on_the_spot: bool) -> T:
        """`wait` for an event loop: asynchronously, or (`on_the_spot`, for SQLite) with the loop
        asleep for up to the resident deadline first."""
        started = time.monotonic()
        if on_the_spot:
            # SQLite turns run one at a time anyway: the loop waits for this one on the spot,
            # its thread asleep. Waiting asynchronously left the loop and the worker fighting
            # for the GIL at every SQLite call (measured: 5.3 → 3.3 ms of CPU per update).
            # Bounded by the resident deadline, so 112 still comes in time if SQLite stalls.
            futures.wait([outcome], timeout=min(deadline, self.resident_deadline))
        if not outcome.done():
            waiting = asyncio.wrap_future(outcome)
            await asyncio.wait([waiting], timeout=deadline - (time.monotonic() - started))
            # Overdue: stop waiting. A turn already running is left to finish (it cannot be
            # interrupted); one still queued never starts, its person having been answered.
            waiting.cancel()
        return self.settle(outcome)

    def settle(self, outcome: Future[T]) -> T:
        """The turn's result once its deadline was waited for; a database that failed or did
        not answer by then raises DatabaseUnavailableError, whatever the connection is doing."""
        outcome.cancel()  # only a turn that has not started yet: see wait_async
        if outcome.cancelled() or not outcome.done():
            self.breaker.failed("no answer within the turn deadline")
            raise DatabaseUnavailableError("turn deadline passed")
        try:
            result = outcome.result()
        except DatabaseUnavailableError as error:
            self.breaker.failed(str(error))
            raise
        except DATABASE_ERRORS as error:
            self.breaker.failed(type(error).__name__)
            raise DatabaseUnavailableError(type(error).__name__) from error
        except BaseException:
            # Not the database's fault (it may well have answered): keep using it.
            self.breaker.answered()
            raise
        self.breaker.answered()
        return result

    def probe_in_background(self, ping: Callable[[], None]) -> None:
        """Check the database with `ping` on a worker, settled by the resident deadline: a staff
        turn is answered at once meanwhile, and staff alone can still close the breaker."""
        outcome = self.workers.submit(ping)
        timer = threading.Timer(self.resident_deadline, self._settle_probe, args=(outcome,))
        timer.daemon = True
        outcome.add_done_callback(lambda _done: timer.cancel())
        outcome.add_done_callback(self._settle_probe)
        timer.start()

    def _settle_probe(self, outcome: Future[Any]) -> None:
        with self._lock:
            if outcome in self._settled_probes:
                return
            self._settled_probes.add(outcome)
        with contextlib.suppress(Exception):
            self.settle(outcome)

    def close(self, wait_seconds: float) -> None:
        """Let turns still running (past their deadline) finish for up to `wait_seconds`."""
        with self._lock:
            running = list(self._running)
        futures.wait(running, timeout=wait_seconds)
        self.workers.shutdown()
