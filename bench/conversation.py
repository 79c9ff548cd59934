"""Throughput and reply latency of the Telegram bot through the real PTB stack (not a test).

Runs the local Bot API server (tests/botapi) with four bots on it:
- Drogowskaz: build_application() with the real ConversationService on a fresh database and
  the bundled directory, driven through whole conversations (/start → place → crisis button);
- a bare PTB echo bot (default ApplicationBuilder, one handler answering every text), the
  same with concurrent_updates=32, and the same on Drogowskaz's Bot API transport
  (bot/telegram_http.py, aiohttp) instead of PTB's default httpx: the target compares with the
  bare echo bot; the last row shows how much of the difference is the transport.

Each is measured at a paced 30 updates/s and flat out. Latency is from the moment an update is
queued on the server to the moment the server receives the last message of that turn's answer
(server-side clock, so waiting in the harness adds nothing). Throughput is updates answered
per second. By default the server, the harness and the bots share one process (and its GIL),
so the server's work for each API call counts against the bot making it; `--server-process`
runs the server and the harness in a process of their own. CPU ms/u is the CPU time of every
process per update, bot ms/u that of the bots' process alone (the same figure in one process):
other programs on a shared machine move both far less than throughput. `--rounds N` repeats
everything with the bots alternating and reports medians and the load average.
Run: `.venv/bin/python -m bench.conversation [--database-url URL] [--rounds N] [--server-process]`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import functools
import itertools
import logging
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.__main__ import standard_extensions
from bot.config import Settings
from bot.conversation import ConversationService
from bot.telegram_app import ALLOWED_UPDATES, build_application
from bot.telegram_http import AiohttpRequest
from directory.db import open_database
from tests.botapi.server import BotAccount, BotApiServer

PACED_RATE = 30.0
P99_TARGET_MS = 100.0
THROUGHPUT_TARGET = 0.8
PLACES = ("Pruszków", "Gdańsk", "Lublin", "Białystok", "Rzeszów", "Olsztyn")
CRISES = ("cr:violence", "cr:mental", "cr:suicidal", "cr:child")
ECHO_PACED = "echo (bare PTB) @30/s"
DROGOWSKAZ_PACED = "drogowskaz @30/s"
ECHO_FLAT = "echo (bare PTB) flat out"
DROGOWSKAZ_FLAT = "drogowskaz flat out"
ECHO_CONCURRENT_FLAT = "echo (concurrent_updates=32) flat"
ECHO_AIOHTTP_FLAT = "echo on our aiohttp transport flat"


@dataclass(frozen=True)
class Step:
    """One thing a person does and how many messages the bot answers it with."""

    act: Callable[[BotAccount, int], object]
    replies: int


Script = list[Step]


@dataclass
class Result:
    """What one load run measured."""

    label: str
    updates: int
    seconds: float
    latencies: list[float]
    steps: list[int]
    cpu_seconds: float = 0.0
    bot_cpu_seconds: float = 0.0

    @property
    def throughput(self) -> float:
        """Updates answered per second."""
        return self.updates / self.seconds

    @property
    def cpu_ms_per_update(self) -> float:
        """CPU time of every process of the run (bot, server, harness) per update, in ms:
        unlike throughput, barely moved by other programs competing for the cores."""
        return self.cpu_seconds / self.updates * 1000

    @property
    def bot_cpu_ms_per_update(self) -> float:
        """CPU time of the bot's process per update, in ms (= cpu_ms_per_update when the
        server shares that process)."""
        return self.bot_cpu_seconds / self.updates * 1000

    def percentile(self, share: float) -> float:
        """Latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
        return ordered[index] * 1000

    def by_step(self) -> str:
        """p50/p99 per conversation step (ms)."""
        parts = []
        for step in sorted(set(self.steps)):
            chosen = sorted(t for t, s in zip(self.latencies, self.steps, strict=True) if s == step)
            p50 = chosen[len(chosen) // 2] * 1000
            p99 = chosen[min(len(chosen) - 1, round(0.99 * len(chosen)) - 1)] * 1000
            parts.append(f"step {step + 1}: p50 {p50:.1f} / p99 {p99:.1f}")
        return "; ".join(parts)

    def line(self) -> str:
        """One row of the report."""
        return (
            f"{self.label:<34} {self.updates:>7} {self.throughput:>10.1f} "
            f"{self.percentile(0.50):>8.1f} {self.percentile(0.99):>8.1f} "
            f"{max(self.latencies) * 1000:>8.1f} {self.cpu_ms_per_update:>8.2f} "
            f"{self.bot_cpu_ms_per_update:>8.2f}"
        )


def conversation_script(place: str, crisis: str, counts: tuple[int, int, int]) -> Script:
    """/start, the place as text, then a crisis button: a resident's whole conversation."""
    return [
        Step(lambda api, chat: api.send_command(chat, "start"), counts[0]),
        Step(lambda api, chat: api.send_text(chat, place), counts[1]),
        Step(lambda api, chat: api.press_button(chat, crisis), counts[2]),
    ]


def echo_script() -> Script:
    """One text, one echoed message."""
    return [Step(lambda api, chat: api.send_text(chat, "hej, jestem w Pruszkowie"), 1)]


async def calibrate(api: BotAccount, chat_ids: itertools.count[int]) -> list[Script]:
    """Learn how many messages each turn produces (also warms up the gazetteer and caches)."""
    scripts: list[Script] = []
    for place, crisis in zip(PLACES, itertools.cycle(CRISES), strict=False):
        chat = next(chat_ids)
        counts: list[int] = []
        for step in conversation_script(place, crisis, (1, 1, 1)):
            try:
                step.act(api, chat)
            except LookupError:
                break  # the place was ambiguous or unknown: no crisis buttons to press
            counts.append(len(await api.wait_for_reply(chat, timeout=30, quiet=0.3)))
        if len(counts) == 3:
            scripts.append(conversation_script(place, crisis, (counts[0], counts[1], counts[2])))
    if not scripts:
        raise RuntimeError("no place in PLACES led to crisis buttons")
    return scripts


async def run_load(
    label: str,
    api: BotAccount,
    scripts: list[Script],
    updates: int,
    rate: float | None,
    chat_ids: itertools.count[int],
    bot_cpu: Callable[[], float] = time.process_time,
    in_flight: int = 64,
) -> Result:
    """Send `updates` updates (paced at `rate`/s, or flat out) over many conversations."""
    ready: asyncio.Queue[tuple[int, Script, int]] = asyncio.Queue()
    script_cycle = itertools.cycle(scripts)
    for _ in range(in_flight):
        ready.put_nowait((next(chat_ids), next(script_cycle), 0))
    latencies: list[float] = []
    steps: list[int] = []
    finished_at: list[float] = []
    # chat → (its script, the step awaiting an answer, when that step was injected)
    pending: dict[int, tuple[Script, int, float]] = {}

    def answered() -> list[int]:
        return [
            chat
            for chat, (script, index, _) in pending.items()
            if len(api.unread(chat)) >= script[index].replies
        ]

    async def collect() -> None:
        # One waiter for every chat in flight: the server wakes each waiter on every call it
        # serves, and 64 of them cost the process (shared with the bot) more than the bot did.
        while len(latencies) < updates:
            await api.wait_until(lambda: bool(answered()), timeout=60)
            for chat in answered():
                script, index, injected_at = pending.pop(chat)
                messages = await api.wait_for_messages(chat, script[index].replies)
                latencies.append(messages[-1].sent_at - injected_at)
                steps.append(index)
                finished_at.append(messages[-1].sent_at)
                if index + 1 < len(script):
                    ready.put_nowait((chat, script, index + 1))
                else:
                    ready.put_nowait((next(chat_ids), next(script_cycle), 0))

    collector = asyncio.create_task(collect())
    started = time.perf_counter()
    cpu_started = time.process_time()
    bot_cpu_started = bot_cpu()
    for number in range(updates):
        if rate is not None:
            delay = started + number / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        chat, script, index = await ready.get()
        pending[chat] = (script, index, time.perf_counter())
        script[index].act(api, chat)
    await collector
    own_cpu = time.process_time() - cpu_started
    bot_cpu_seconds = bot_cpu() - bot_cpu_started
    # In one process the bot's clock is this process's; in two, both processes count.
    cpu_seconds = own_cpu if bot_cpu is time.process_time else own_cpu + bot_cpu_seconds
    return Result(
        label, updates, max(finished_at) - started, latencies, steps, cpu_seconds, bot_cpu_seconds
    )


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bare echo bot's only handler."""
    if update.message is not None and update.message.text is not None:
        await update.message.reply_text(update.message.text)


def echo_application(
    base_url: str, base_file_url: str, token: str, concurrent: bool, aiohttp: bool = False
) -> Application[Any, Any, Any, Any, Any, Any]:
    """A bare PTB echo bot on the same server (default settings unless `concurrent`, or
    `aiohttp` for Drogowskaz's Bot API transport in place of PTB's httpx)."""
    builder = ApplicationBuilder().token(token).base_url(base_url).base_file_url(base_file_url)
    if concurrent:
        builder = builder.concurrent_updates(32)
    if aiohttp:
        builder = builder.request(AiohttpRequest()).get_updates_request(
            AiohttpRequest(connection_pool_size=1)
        )
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


async def start(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start polling as run_polling does."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0, timeout=5, allowed_updates=list(ALLOWED_UPDATES)
    )
    await application.start()


async def stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop polling and shut down."""
    assert application.updater is not None
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


Accounts = tuple[BotAccount, BotAccount, BotAccount, BotAccount]


def add_bench_bots(server: BotApiServer) -> Accounts:
    """The bots' accounts on the server: Drogowskaz, bare echo, concurrent echo, aiohttp echo."""
    return (
        server.account,
        server.add_bot("222222:ECHO-bench", "echo_bench_bot"),
        server.add_bot("333333:ECHO-bench-c", "echo_concurrent_bot"),
        server.add_bot("444444:ECHO-bench-a", "echo_aiohttp_bot"),
    )


@contextlib.asynccontextmanager
async def running_bots(
    arguments: argparse.Namespace,
    base_url: str,
    base_file_url: str,
    tokens: Sequence[str],
    database_url: str,
) -> AsyncIterator[None]:
    """The four bots polling the server at `base_url` until the block ends."""
    settings = Settings(
        database_url=database_url,
        telegram_bot_token=tokens[0],
        telegram_api_url=base_url,
        state_secret="bench-secret",
    )
    engine = open_database(database_url)
    service = ConversationService(settings, engine=engine, extensions=standard_extensions())
    applications = (
        build_application(settings, service, concurrent_updates=arguments.concurrent_updates),
        echo_application(base_url, base_file_url, tokens[1], concurrent=False),
        echo_application(base_url, base_file_url, tokens[2], concurrent=True),
        echo_application(base_url, base_file_url, tokens[3], concurrent=False, aiohttp=True),
    )
    for application in applications:
        await start(application)
    try:
        yield
    finally:
        for application in applications:
            await stop(application)
        service.close()
        engine.dispose()


async def measure(
    arguments: argparse.Namespace,
    accounts: Accounts,
    bot_cpu: Callable[[], float],
) -> tuple[int, list[list[Result]]]:
    """Calibrate, then run the six measurements `--rounds` times: (scripts, rounds)."""
    drogowskaz_api, echo_api, echo_concurrent_api, echo_aiohttp_api = accounts
    chat_ids = itertools.count(1)
    scripts = await calibrate(drogowskaz_api, chat_ids)
    paced, flat = arguments.paced_updates, arguments.flat_updates
    echo = [echo_script()]
    rounds: list[list[Result]] = []
    # Rounds alternate the bots so that a neighbour's load on a shared machine hits both
    # alike; the report gives medians over rounds, and each round's ratio compares two runs
    # made one right after the other.
    for _ in range(arguments.rounds):
        rounds.append(
            [
                await run_load(ECHO_PACED, echo_api, echo, paced, PACED_RATE, chat_ids, bot_cpu),
                await run_load(
                    DROGOWSKAZ_PACED, drogowskaz_api, scripts, paced, PACED_RATE, chat_ids, bot_cpu
                ),
                await run_load(ECHO_FLAT, echo_api, echo, flat, None, chat_ids, bot_cpu),
                await run_load(
                    DROGOWSKAZ_FLAT, drogowskaz_api, scripts, flat, None, chat_ids, bot_cpu
                ),
                await run_load(
                    ECHO_CONCURRENT_FLAT, echo_concurrent_api, echo, flat, None, chat_ids, bot_cpu
                ),
                await run_load(
                    ECHO_AIOHTTP_FLAT, echo_aiohttp_api, echo, flat, None, chat_ids, bot_cpu
                ),
            ]
        )
    return len(scripts), rounds


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of another process so far (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_and_drive(connection: Connection, arguments: argparse.Namespace, bot_pid: int) -> None:
    """The server process: the Bot API server and the harness, the bots being in `bot_pid`."""
    try:
        asyncio.run(_serve_and_drive(connection, arguments, bot_pid))
    except BaseException as error:
        connection.send(("error", repr(error)))
        raise


async def _serve_and_drive(
    connection: Connection, arguments: argparse.Namespace, bot_pid: int
) -> None:
    with BotApiServer() as server:
        accounts = add_bench_bots(server)
        tokens = [account.token for account in accounts]
        connection.send(("ready", server.base_url, server.base_file_url, tokens))
        await asyncio.to_thread(connection.recv)  # the bots are polling
        count, rounds = await measure(
            arguments, accounts, functools.partial(process_cpu_seconds, bot_pid)
        )
        connection.send(("done", count, [[dataclasses.astuple(r) for r in rs] for rs in rounds]))
        await asyncio.to_thread(connection.recv)  # the bots have stopped polling


async def measure_with_server_process(
    arguments: argparse.Namespace, database_url: str
) -> tuple[int, list[list[Result]]]:
    """`measure` with the Bot API server and the harness in a process of their own."""
    context = multiprocessing.get_context("spawn")
    bots_end, server_end = context.Pipe()
    process = context.Process(
        target=serve_and_drive, args=(server_end, arguments, os.getpid()), daemon=True
    )
    process.start()
    try:
        message = await asyncio.to_thread(bots_end.recv)
        if message[0] != "ready":
            raise RuntimeError(f"server process failed: {message[1]}")
        _, base_url, base_file_url, tokens = message
        async with running_bots(arguments, base_url, base_file_url, tokens, database_url):
            bots_end.send("bots started")
            message = await asyncio.to_thread(bots_end.recv)
        bots_end.send("bots stopped")
        if message[0] != "done":
            raise RuntimeError(f"server process failed: {message[1]}")
        _, count, raw_rounds = message
        return count, [[Result(*fields) for fields in results] for results in raw_rounds]
    finally:
        process.join(30)
        if process.is_alive():
            process.kill()


async def main(arguments: argparse.Namespace) -> int:
    """Run the six measurements (each `--rounds` times) and print the report."""
    logging.basicConfig(level=logging.WARNING)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as workdir:
        url = arguments.database_url or f"sqlite:///{Path(workdir) / 'bench.db'}"
        if arguments.server_process:
            script_count, rounds = await measure_with_server_process(arguments, url)
        else:
            with BotApiServer() as server:
                accounts = add_bench_bots(server)
                tokens = [account.token for account in accounts]
                async with running_bots(
                    arguments, server.base_url, server.base_file_url, tokens, url
                ):
                    script_count, rounds = await measure(arguments, accounts, time.process_time)
    load_after = os.getloadavg()
    backend = url.split(":", 1)[0]
    where = "its own process" if arguments.server_process else "the bots' process"
    print(f"\nDrogowskaz through PTB ({backend}): conversations of 3 updates over {script_count}")
    print("places; latency = update queued on the server → last message of its answer there")
    print(f"Bot API server and harness in {where}")
    print(
        f"load average (1/5/15 min) before {format_load(load_before)}, after "
        f"{format_load(load_after)} on {os.cpu_count()} CPUs; {len(rounds)} round(s)\n"
    )
    columns = ("updates", "updates/s", "p50 ms", "p99 ms", "max ms", "cpu ms/u", "bot ms/u")
    header = f"{'run':<34} {columns[0]:>7} " + " ".join(
        f"{c:>{w}}" for c, w in zip(columns[1:], (10, 8, 8, 8, 8, 8), strict=True)
    )
    for number, results in enumerate(rounds, start=1):
        if len(rounds) > 1:
            print(f"round {number}")
        print(header)
        for result in results:
            print(result.line())
        print()
    by_label = {r.label: [rs[i] for rs in rounds] for i, r in enumerate(rounds[0])}
    paced_drogowskaz = by_label[DROGOWSKAZ_PACED]
    ratios = [
        d.throughput / e.throughput
        for d, e in zip(by_label[DROGOWSKAZ_FLAT], by_label[ECHO_FLAT], strict=True)
    ]
    ratios_concurrent = [
        d.throughput / e.throughput
        for d, e in zip(by_label[DROGOWSKAZ_FLAT], by_label[ECHO_CONCURRENT_FLAT], strict=True)
    ]
    ratios_aiohttp = [
        d.throughput / e.throughput
        for d, e in zip(by_label[DROGOWSKAZ_FLAT], by_label[ECHO_AIOHTTP_FLAT], strict=True)
    ]
    if len(rounds) > 1:
        print(f"median over {len(rounds)} rounds")
        print(header)
        for label, results in by_label.items():
            print(median_line(label, results))
        print()
    print(
        "drogowskaz @30/s by step (/start, place, crisis button), last round: "
        f"{paced_drogowskaz[-1].by_step()}"
    )
    cpu_ratio = statistics.median(
        e.bot_cpu_ms_per_update / d.bot_cpu_ms_per_update
        for d, e in zip(by_label[DROGOWSKAZ_FLAT], by_label[ECHO_FLAT], strict=True)
    )
    ratio = statistics.median(ratios)
    p99 = statistics.median(r.percentile(0.99) for r in paced_drogowskaz)
    print(
        f"\nthroughput ratio drogowskaz / bare echo (flat out): {ratio:.2f}"
        f"  (/ concurrent echo: {statistics.median(ratios_concurrent):.2f};"
        f" / echo on the same aiohttp transport: {statistics.median(ratios_aiohttp):.2f})"
        + (f"; per round {', '.join(f'{r:.2f}' for r in ratios)}" if len(rounds) > 1 else "")
    )
    transport_ratio = statistics.median(
        a.bot_cpu_ms_per_update / e.bot_cpu_ms_per_update
        for a, e in zip(by_label[ECHO_AIOHTTP_FLAT], by_label[ECHO_FLAT], strict=True)
    )
    print(f"bot process CPU per update, bare echo / drogowskaz (flat out): {cpu_ratio:.2f}")
    print(f"bot process CPU per update, echo on aiohttp / on httpx: {transport_ratio:.2f}")
    print(
        f"target p99 ≤ {P99_TARGET_MS:.0f} ms at 30 updates/s: {p99:.1f} ms → "
        f"{'met' if p99 <= P99_TARGET_MS else 'MISSED'}"
    )
    print(
        f"target ≥ {THROUGHPUT_TARGET}× echo throughput: {ratio:.2f}× → "
        f"{'met' if ratio >= THROUGHPUT_TARGET else 'MISSED'}"
    )
    return 0


def format_load(load: tuple[float, float, float]) -> str:
    """A load average triple as '1.23/1.10/0.98'."""
    return "/".join(f"{value:.2f}" for value in load)


def median_line(label: str, results: list[Result]) -> str:
    """One report row of medians over rounds."""
    return (
        f"{label:<34} {results[0].updates:>7} "
        f"{statistics.median(r.throughput for r in results):>10.1f} "
        f"{statistics.median(r.percentile(0.50) for r in results):>8.1f} "
        f"{statistics.median(r.percentile(0.99) for r in results):>8.1f} "
        f"{statistics.median(max(r.latencies) for r in results) * 1000:>8.1f} "
        f"{statistics.median(r.cpu_ms_per_update for r in results):>8.2f} "
        f"{statistics.median(r.bot_cpu_ms_per_update for r in results):>8.2f}"
    )


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--paced-updates", type=int, default=600, help="updates at 30/s")
    parser.add_argument("--flat-updates", type=int, default=1500, help="updates flat out")
    parser.add_argument(
        "--rounds", type=int, default=1, help="repeat every run, bots alternating; report medians"
    )
    parser.add_argument(
        "--server-process",
        action="store_true",
        help="run the Bot API server and the harness in a process of their own",
    )
    parser.add_argument(
        "--concurrent-updates", type=int, help="chats served at once (default: the bot's own)"
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_arguments())))
