"""Housekeeping as a scheduled job: expired conversation states and usage events past their
retention are deleted every few minutes on a daemon thread, never inside a resident's turn."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy.engine import Engine

from bot.state import StateStore
from directory.retention import purge_usage_events

logger = logging.getLogger(__name__)

PURGE_INTERVAL: Final = timedelta(minutes=15)


class Housekeeping:
    """Deletes expired states and old usage events now and then every `interval`."""

    def __init__(
        self,
        store: Callable[[], tuple[StateStore, Engine]],
        retention_days: int,
        clock: Callable[[], datetime],
        interval: timedelta = PURGE_INTERVAL,
    ) -> None:
        """Purge through `store()` (the state store and its engine, opened when first needed)."""
        self._store = store
        self._retention_days = retention_days
        self._clock = clock
        self._interval = interval
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> None:
        """Purge now. Never raises: housekeeping must never stop the service."""
        try:
            store, engine = self._store()
            store.purge_expired()
            purge_usage_events(engine, self._clock(), self._retention_days)
        except Exception as error:
            logger.warning("purge failed: %s", type(error).__name__)

    def start(self) -> None:
        """Purge now and then every interval on a daemon thread, until `stop`."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="housekeeping", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the scheduled purges (one in progress finishes)."""
        self._stopped.set()

    def _loop(self) -> None:
        while not self._stopped.is_set():
            self.run_once()
            self._stopped.wait(self._interval.total_seconds())
