"""A small TCP proxy that can be cut and restored, to simulate a database outage in tests.

It forwards 127.0.0.1:<port> to a target (the shared PostgreSQL server), in a background
thread with its own event loop, so the server itself is never stopped (other tests use it).

- `cut("refuse")`: every open connection is reset and new ones are reset at once (a stopped
  or restarting server: clients fail immediately).
- `cut("blackhole")`: open connections stop carrying data and new ones are accepted but never
  answered (a network partition or a frozen host: only client-side timeouts help).
- `restore()`: forwarding again; connections frozen by a black hole are reset, as they would
  be once a real partition heals and the peers have given up on them.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.engine import make_url

CutMode = Literal["refuse", "blackhole"]


@dataclass(eq=False)
class _Link:
    client: asyncio.StreamWriter
    upstream: asyncio.StreamWriter | None = None
    frozen: bool = False
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def abort(self) -> None:
        for writer in (self.client, self.upstream):
            if writer is not None:
                writer.transport.abort()


class TcpProxy:
    """Forward a local port to `target_host:target_port`; cut and restore it at will."""

    def __init__(self, target_host: str = "127.0.0.1", target_port: int = 5432) -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.port = 0
        self.mode: CutMode | Literal["forward"] = "forward"
        self.accepted = 0
        self._links: set[_Link] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None

    # ----- lifecycle ----------------------------------------------------------------------

    def start(self) -> TcpProxy:
        """Listen on a free 127.0.0.1 port in a daemon thread."""
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            self._server = loop.run_until_complete(
                asyncio.start_server(self._accept, "127.0.0.1", 0)
            )
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            try:
                loop.run_forever()
            finally:
                self._close_everything(loop)
                loop.close()

        self._thread = threading.Thread(target=serve, name="tcp-proxy", daemon=True)
        self._thread.start()
        if not ready.wait(5):
            raise RuntimeError("TCP proxy did not start")
        return self

    def stop(self) -> None:
        """Close the listener and every connection."""
        loop = self._loop
        if loop is None:
            return

        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(5)
        self._loop = None

    def _close_everything(self, loop: asyncio.AbstractEventLoop) -> None:
        # Aborted transports close their sockets in a later loop callback, and pending forwarding
        # tasks hold transports too: run the loop until all of them are done, or the sockets are
        # only closed (with a ResourceWarning) whenever the garbage collector finds them.
        if self._server is not None:
            self._server.close()
        for link in list(self._links):
            link.abort()
        pending = asyncio.all_tasks(loop)
        if pending:
            # Aborted links end their tasks by themselves; cancelling an accept handler instead
            # makes asyncio's stream callback log the CancelledError.
            loop.run_until_complete(asyncio.wait(pending, timeout=2))
        for task in asyncio.all_tasks(loop):
            task.cancel()
        leftover = asyncio.all_tasks(loop)
        loop.run_until_complete(asyncio.gather(*leftover, return_exceptions=True))
        if self._server is not None:
            loop.run_until_complete(self._server.wait_closed())
        loop.run_until_complete(asyncio.sleep(0))

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def url_for(self, database_url: str) -> str:
        """`database_url` with host and port pointing at this proxy."""
        url = make_url(database_url).set(host="127.0.0.1", port=self.port)
        return url.render_as_string(hide_password=False)

    # ----- faults -------------------------------------------------------------------------

    def cut(self, mode: CutMode = "blackhole") -> None:
        """Start an outage: reset everything ("refuse") or stop carrying data ("blackhole")."""
        self._call(lambda: self._cut(mode))

    def restore(self) -> None:
        """End the outage: forward new connections again, reset the frozen ones."""
        self._call(self._restore)

    def open_connections(self) -> int:
        """How many client connections are open through the proxy now."""
        return len(self._links)

    def _call(self, action: object) -> None:
        loop = self._loop
        if loop is None:
            raise RuntimeError("TCP proxy not started")
        done = threading.Event()

        def run() -> None:
            try:
                action()  # type: ignore[operator]
            finally:
                done.set()

        loop.call_soon_threadsafe(run)
        done.wait(5)

    def _cut(self, mode: CutMode) -> None:
        self.mode = mode
        for link in list(self._links):
            if mode == "refuse":
                link.abort()
            else:
                link.frozen = True

    def _restore(self) -> None:
        self.mode = "forward"
        for link in list(self._links):
            if link.frozen:
                link.abort()

    # ----- forwarding ---------------------------------------------------------------------

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        link = _Link(client=writer)
        if self.mode == "refuse":
            link.abort()
            return
        self._links.add(link)
        try:
            if self.mode == "blackhole":
                link.frozen = True
                await self._held(reader)
                return
            try:
                up_reader, up_writer = await asyncio.open_connection(
                    self.target_host, self.target_port
                )
            except OSError:
                link.abort()
                return
            link.upstream = up_writer
            link.tasks = [
                asyncio.create_task(self._pipe(reader, up_writer, link)),
                asyncio.create_task(self._pipe(up_reader, writer, link)),
            ]
            await asyncio.gather(*link.tasks, return_exceptions=True)
        finally:
            self._links.discard(link)
            link.abort()

    async def _held(self, reader: asyncio.StreamReader) -> None:
        # Read and discard until the client or restore() closes the connection: nothing is
        # ever answered, like packets dropped on the floor.
        with contextlib.suppress(OSError):
            while await reader.read(65536):
                pass

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: _Link
    ) -> None:
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                if link.frozen:
                    continue  # dropped: the black hole swallows it
                writer.write(data)
                await writer.drain()
        except OSError:
            pass
        finally:
            link.abort()
