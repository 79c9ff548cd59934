"""Latency and throughput of the web chat through the real server (not a test).

Starts `python -m bot --web` as its own process (uvicorn, the real ConversationService, a fresh
seeded database; rate limits off) and drives it from this process over HTTP on 127.0.0.1 with
whole resident conversations, as a browser without JavaScript sends them: GET / (greeting and
session cookie) → POST a place → POST a crisis button (the referral). The same three steps as
the Telegram bench (bench/conversation.py: /start → place → crisis button).

- paced: one request every 1/30 s, open loop (a request goes out on time whether or not earlier
  ones were answered), 30 residents in flight, each sending its next step a second after the
  last;
- flat out: `--workers` residents sending their next request as soon as the last is answered.
- baseline: the same server flat out on /healthz (a constant JSON answer): what uvicorn,
  Starlette and the HTTP client alone cost, as the echo bot is for the Telegram bench.

Latency is from just before the request is sent to the end of its response body, on this side.
CPU ms/req is the server process's CPU time per request. On SQLite and, when the server
answers, on PostgreSQL (a fresh database on 127.0.0.1:5432, dropped afterwards).
Run: `.venv/bin/python -m bench.web [--database-url URL] [--seconds S] [--rounds N]`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import psycopg

from directory.db import open_database

ROOT = Path(__file__).resolve().parent.parent
PACED_RATE = 30.0
P99_TARGET_MS = 50.0
PLACES = ("Pruszków", "Gdańsk", "Lublin", "Białystok", "Rzeszów", "Olsztyn")
CRISES = ("cr:violence", "cr:mental", "cr:suicidal", "cr:child")
STEPS = ("GET / (greeting)", "POST place", "POST crisis (referral)")
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
SESSION = re.compile(r"drogowskaz_chat=([0-9a-f]{32})")
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')
START_TIMEOUT = 90.0


@dataclass
class Result:
    """One run: latencies (seconds) with the step of each, and the server's CPU time."""

    label: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    errors: int = 0
    cpu_seconds: float = 0.0

    @property
    def requests(self) -> int:
        """Requests answered."""
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        """Requests answered per second."""
        return self.requests / self.seconds

    def percentile(self, share: float, step: int | None = None) -> float:
        """Latency percentile in ms (of one step when given)."""
        chosen = sorted(
            t for t, s in zip(self.latencies, self.steps, strict=True) if step in (None, s)
        )
        index = min(len(chosen) - 1, max(0, round(share * len(chosen)) - 1))
        return chosen[index] * 1000

    def by_step(self) -> str:
        """p50/p99 per conversation step."""
        return "; ".join(
            f"{name}: p50 {self.percentile(0.5, i):.1f} / p99 {self.percentile(0.99, i):.1f}"
            for i, name in enumerate(STEPS)
            if i in self.steps
        )

    def line(self) -> str:
        """One row of the report."""
        cpu = self.cpu_seconds / max(1, self.requests) * 1000
        return (
            f"{self.label:<30} {self.requests:>7} {self.throughput:>8.1f} "
            f"{self.percentile(0.5):>8.1f} {self.percentile(0.99):>8.1f} "
            f"{max(self.latencies) * 1000:>8.1f} {cpu:>8.2f} {self.errors:>6}"
        )


class Resident:
    """One visitor going through the three steps; a new visitor after the last."""

    numbers = itertools.count()

    def __init__(self) -> None:
        number = next(Resident.numbers)
        self.place = PLACES[number % len(PLACES)]
        self.crisis = CRISES[number % len(CRISES)]
        self.step = 0
        self.cookie = ""
        self.csrf = ""

    async def next_request(self, client: httpx.AsyncClient) -> tuple[int, float, bool]:
        """Send this resident's next step; (step, seconds, answered with 200)."""
        step = self.step
        headers = {"Accept-Language": "pl-PL"}
        began = time.perf_counter()
        if step == 0:
            response = await client.get("/", headers=headers)
        else:
            headers["Cookie"] = f"drogowskaz_chat={self.cookie}"
            field = {"text": self.place} if step == 1 else {"b": self.crisis}
            response = await client.post(
                "/chat", data={"csrf": self.csrf, "lang": "pl", **field}, headers=headers
            )
        elapsed = time.perf_counter() - began
        ok = response.status_code == 200
        if step == 0 and ok:
            cookie = SESSION.search(response.headers.get("set-cookie", ""))
            token = CSRF.search(response.text)
            ok = cookie is not None and token is not None
            if cookie is not None and token is not None:
                self.cookie, self.csrf = cookie.group(1), token.group(1)
        if step == 2 and ok:
            ok = 'href="tel:112"' in response.text
        self.step = (step + 1) % len(STEPS) if ok else 0
        return step, elapsed, ok


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of another process so far (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def paced(client: httpx.AsyncClient, pid: int, seconds: float) -> Result:
    """Open loop at PACED_RATE requests/s, 30 residents in flight."""
    result = Result("web chat @30/s", seconds)
    residents = [Resident() for _ in range(int(PACED_RATE))]
    busy: set[int] = set()
    tasks: set[asyncio.Task[None]] = set()

    async def one(index: int) -> None:
        try:
            step, elapsed, ok = await residents[index].next_request(client)
        except httpx.HTTPError:
            result.errors += 1
            residents[index] = Resident()
        else:
            result.latencies.append(elapsed)
            result.steps.append(step)
            result.errors += 0 if ok else 1
            if residents[index].step == 0:
                residents[index] = Resident()
        finally:
            busy.discard(index)

    cpu = process_cpu_seconds(pid)
    began = time.perf_counter()
    for number in range(int(seconds * PACED_RATE)):
        delay = began + number / PACED_RATE - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        index = number % len(residents)
        if index in busy:  # its last request is still out (over a second): count it late
            result.errors += 1
            continue
        busy.add(index)
        task = asyncio.create_task(one(index))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - began
    result.cpu_seconds = process_cpu_seconds(pid) - cpu
    return result


async def flat_out(
    client: httpx.AsyncClient, pid: int, seconds: float, workers: int, *, static: bool = False
) -> Result:
    """Closed loop: `workers` residents (or /healthz fetchers) as fast as answered."""
    label = "/healthz flat out (baseline)" if static else f"web chat flat out ({workers} clients)"
    result = Result(label, seconds)
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        resident = Resident()
        while time.perf_counter() < deadline:
            try:
                if static:
                    began = time.perf_counter()
                    response = await client.get("/healthz")
                    step, elapsed, ok = 0, time.perf_counter() - began, response.is_success
                else:
                    step, elapsed, ok = await resident.next_request(client)
            except httpx.HTTPError:
                result.errors += 1
                resident = Resident()
                continue
            result.latencies.append(elapsed)
            result.steps.append(step)
            result.errors += 0 if ok else 1
            if not static and resident.step == 0:
                resident = Resident()

    cpu = process_cpu_seconds(pid)
    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    result.seconds = time.perf_counter() - began
    result.cpu_seconds = process_cpu_seconds(pid) - cpu
    return result


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@asynccontextmanager
async def web_server(database_url: str, workdir: Path) -> AsyncIterator[tuple[str, int]]:
    """`python -m bot --web` on a free port; yields (base URL, pid); SIGTERM afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEB_"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "STATE_SECRET": "bench-state-secret",
            "DROGOWSKAZ_DATA_DIR": str(workdir),
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_RATE_PER_SESSION": "0",
            "WEB_RATE_PER_ADDRESS": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    process = spawn_server(env, workdir / "server.log")
    base_url = f"http://127.0.0.1:{port}"
    try:
        began = time.monotonic()
        async with httpx.AsyncClient(timeout=2) as probe:
            while True:
                if process.poll() is not None or time.monotonic() - began > START_TIMEOUT:
                    raise RuntimeError((workdir / "server.log").read_text()[-3000:])
                try:
                    if (await probe.get(base_url + "/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        yield base_url, process.pid
    finally:
        stop_server(process)


def spawn_server(env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """`python -m bot --web` with `env`, its output in `log_path`."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "--web"], cwd=ROOT, env=env, stdout=log, stderr=log
        )


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL after 30 s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


@contextmanager
def bench_databases(arguments: argparse.Namespace, workdir: Path) -> Iterator[list[str]]:
    """The databases to measure on, migrated and seeded: the one given, or SQLite and (when it
    answers) a fresh PostgreSQL database, dropped afterwards."""
    if arguments.database_url:
        open_database(arguments.database_url).dispose()
        yield [arguments.database_url]
        return
    urls = [f"sqlite:///{workdir / 'bench.db'}"]
    name = f"drogowskaz_bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        urls.append(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    except psycopg.OperationalError:
        print("PostgreSQL not reachable on 127.0.0.1:5432: SQLite only")
        name = ""
    try:
        for url in urls:
            open_database(url).dispose()
        yield urls
    finally:
        if name:
            with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def measure(url: str, workdir: Path, arguments: argparse.Namespace) -> list[Result]:
    """The three runs against one server on `url`, after a warm-up."""
    async with web_server(url, workdir) as (base_url, pid):
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        # One connection pool for every resident, each with its own cookie (sent by hand):
        # the client keeps none.
        no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
        async with httpx.AsyncClient(
            base_url=base_url, timeout=10, limits=limits, cookies=no_cookies
        ) as client:
            await flat_out(client, pid, 2.0, 2)  # warm-up: pools, caches, code paths
            results = [await paced(client, pid, arguments.seconds)]
            results.append(await flat_out(client, pid, arguments.seconds / 2, arguments.workers))
            results.append(
                await flat_out(client, pid, arguments.seconds / 4, arguments.workers, static=True)
            )
    return results


def median_line(label: str, results: list[Result]) -> str:
    """One report row of medians over rounds."""
    return (
        f"{label:<30} {results[0].requests:>7} "
        f"{statistics.median(r.throughput for r in results):>8.1f} "
        f"{statistics.median(r.percentile(0.5) for r in results):>8.1f} "
        f"{statistics.median(r.percentile(0.99) for r in results):>8.1f} "
        f"{statistics.median(max(r.latencies) for r in results) * 1000:>8.1f} "
        f"{statistics.median(r.cpu_seconds / r.requests * 1000 for r in results):>8.2f} "
        f"{statistics.median(r.errors for r in results):>6}"
    )


async def main(arguments: argparse.Namespace) -> int:
    """Measure on each database and print the report."""
    header = (
        f"{'run':<30} {'reqs':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'cpu ms/r':>8} {'errors':>6}"
    )
    verdicts = []
    with (
        tempfile.TemporaryDirectory() as workdir,
        bench_databases(arguments, Path(workdir)) as urls,
    ):
        for url in urls:
            backend = url.split(":", 1)[0].split("+", 1)[0]
            load_before = os.getloadavg()
            rounds = [await measure(url, Path(workdir), arguments) for _ in range(arguments.rounds)]
            load_after = os.getloadavg()
            print(f"\nweb chat on {backend}: GET / → POST place → POST crisis, server process")
            print(
                f"load average before {'/'.join(f'{x:.2f}' for x in load_before)}, after "
                f"{'/'.join(f'{x:.2f}' for x in load_after)} on {os.cpu_count()} CPUs; "
                f"{len(rounds)} round(s)"
            )
            print(header)
            for results in rounds:
                for result in results:
                    print(result.line())
            if len(rounds) > 1:
                print(f"median over {len(rounds)} rounds")
                for index, result in enumerate(rounds[0]):
                    print(median_line(result.label, [r[index] for r in rounds]))
            print(f"@30/s by step, last round: {rounds[-1][0].by_step()}")
            p99 = statistics.median(r[0].percentile(0.99) for r in rounds)
            flat = statistics.median(r[1].throughput for r in rounds)
            ceiling = statistics.median(r[2].throughput for r in rounds)
            print(f"flat out: {flat:.0f} req/s = {flat / ceiling:.2f}× the /healthz baseline")
            verdicts.append(
                f"{backend}: p99 at 30 req/s {p99:.1f} ms → "
                f"{'met' if p99 <= P99_TARGET_MS else 'MISSED'} (target ≤ {P99_TARGET_MS:.0f} ms)"
            )
    print()
    print("\n".join(verdicts))
    return 0


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The bench's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="measure on this database only")
    parser.add_argument("--seconds", type=float, default=20.0, help="paced run length")
    parser.add_argument("--workers", type=int, default=8, help="clients in the flat-out runs")
    parser.add_argument("--rounds", type=int, default=1, help="repeat and report medians")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_arguments())))
