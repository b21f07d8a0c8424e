"""Open-loop HTTP/1.1 load at a fixed rate, measuring latency without coordinated omission.

Requests are *scheduled* at a fixed rate (request i at t0 + i/rate) whatever the server does;
latency is measured from the scheduled time to the last byte of the response. When the server is
slow, requests queue here (waiting for a free connection) and that wait counts, as it would for
real visitors arriving at that rate. A closed-loop tool (wrk, ab) would instead slow down with the
server and hide the queueing ("coordinated omission").

Connections are raw asyncio streams with keep-alive, opened as needed up to --connections and
reused most-recently-idle first. Only loopback targets are allowed, and every run is bounded by
its duration plus a timeout.

    python bench/openloop.py --rate 100 --duration 20 --url http://127.0.0.1:8800 /stories/1/ /stories/2/
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import random
import sys
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# X-Page-Cache values of answers served from a stored page: a visitor's stored page, or a member's
# page filled in from the shared copy (groundswell/stories/member_page.py).
STORED = ("hit", "member-hit")


def assert_loopback(host: str) -> None:
    """Benchmarks only ever target this machine."""
    if host == "localhost":
        return
    if not ipaddress.ip_address(host.strip("[]")).is_loopback:
        raise SystemExit(f"refusing to send load to non-loopback address {host!r}")


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), int(-(-p * len(sorted_values) // 100))))
    return sorted_values[rank - 1]


class ProtocolError(Exception):
    pass


class StaleConnection(Exception):
    """The server closed an idle keep-alive connection before we reused it: safe to retry."""


@dataclass
class Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    used: int = 0

    def close(self) -> None:
        self.writer.close()


async def read_response(
    reader: asyncio.StreamReader, *, fresh: bool
) -> tuple[int, int, bool, bool]:
    """Read one response. Returns (status, body bytes, keep_alive, served from the page cache)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if not exc.partial and not fresh:
            raise StaleConnection from exc
        raise ProtocolError("connection closed while reading headers") from exc
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        raise ProtocolError(f"bad status line {lines[0]!r}")
    status = int(parts[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close" and parts[0] != "HTTP/1.0"
    size = 0
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            size_line = await reader.readuntil(b"\r\n")
            chunk = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
            if chunk == 0:
                await reader.readuntil(b"\r\n")  # trailers are not used by our servers
                break
            await reader.readexactly(chunk + 2)
            size += chunk
    elif "content-length" in headers:
        size = int(headers["content-length"])
        await reader.readexactly(size)
    elif status not in (204, 304) and not 100 <= status < 200:
        size = len(await reader.read())
        keep_alive = False
    return status, size, keep_alive, headers.get("x-page-cache") in STORED


@dataclass
class Result:
    scheduled: int = 0
    completed: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    service_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    socket_errors: int = 0
    timeouts: int = 0
    retries: int = 0
    connections_opened: int = 0
    bytes: int = 0
    elapsed_s: float = 0.0
    max_in_flight: int = 0
    cache_hits: int = 0

    def summary(self, rate: float, duration: float) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        svc = sorted(self.service_ms)
        non_2xx = sum(n for s, n in self.statuses.items() if not 200 <= s < 300)
        return {
            "tool": "openloop",
            "target_rate": rate,
            "duration_s": duration,
            "scheduled": self.scheduled,
            "completed": self.completed,
            "achieved_rate": round(self.completed / self.elapsed_s, 1) if self.elapsed_s else 0.0,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "non_2xx": non_2xx,
            "cache_hit_ratio": round(self.cache_hits / self.completed, 3)
            if self.completed
            else 0.0,
            "socket_errors": self.socket_errors,
            "timeouts": self.timeouts,
            "errors": non_2xx + self.socket_errors + self.timeouts,
            "retries_on_stale_keepalive": self.retries,
            "connections_opened": self.connections_opened,
            "max_in_flight": self.max_in_flight,
            "mean_bytes": round(self.bytes / self.completed) if self.completed else 0,
            "latency_ms": {
                "p50": round(percentile(lat, 50), 2),
                "p90": round(percentile(lat, 90), 2),
                "p95": round(percentile(lat, 95), 2),
                "p99": round(percentile(lat, 99), 2),
                "max": round(lat[-1], 2) if lat else 0.0,
                "mean": round(sum(lat) / len(lat), 2) if lat else 0.0,
            },
            # From the moment the request was written: the server's time plus the network. The
            # gap to latency_ms is time spent queued waiting for a connection here.
            "service_ms": {
                "p50": round(percentile(svc, 50), 2),
                "p95": round(percentile(svc, 95), 2),
                "p99": round(percentile(svc, 99), 2),
            },
        }


class OpenLoop:
    def __init__(
        self,
        url: str,
        paths: list[str],
        *,
        rate: float,
        duration: float,
        connections: int = 64,
        timeout: float = 10.0,
        seed: int = 1,
        headers: dict[str, str] | None = None,
        distinct: bool = False,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise SystemExit("only plain http:// URLs are supported")
        assert_loopback(parts.hostname)
        self.host, self.port = parts.hostname, parts.port or 80
        self.host_header = parts.netloc
        self.paths = paths
        self.rate, self.duration = rate, duration
        self.max_connections = connections
        self.timeout = timeout
        self.rng = random.Random(seed)
        # distinct: every path once (in a shuffled order) before any is asked again, so a run of
        # no more requests than paths never asks the same thing twice; otherwise random picks.
        self.distinct = distinct
        self.idle: list[Connection] = []
        self.open_count = 0
        self.freed = asyncio.Condition()
        self.result = Result()
        self.in_flight = 0
        # Extra request headers (a session cookie for signed-in visits).
        self.extra_headers = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())

    def request_bytes(self, path: str) -> bytes:
        return (
            f"GET {path} HTTP/1.1\r\nHost: {self.host_header}\r\nUser-Agent: groundswell-bench/1\r\n"
            f"Accept: text/html\r\n{self.extra_headers}\r\n"
        ).encode("latin-1")

    async def acquire(self, *, fresh: bool = False) -> tuple[Connection, bool]:
        """An idle keep-alive connection (most recently used first), or a new one. With fresh=True
        (a retry after the server closed an idle connection) always a new one."""
        async with self.freed:
            while not self.idle and self.open_count >= self.max_connections:
                await self.freed.wait()
            if self.idle and not fresh:
                return self.idle.pop(), False
            if self.idle and self.open_count >= self.max_connections:
                # Make room for the new connection by closing the longest-idle one.
                self.idle.pop(0).close()
                self.open_count -= 1
            self.open_count += 1
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        except OSError:
            await self.release(None)
            raise
        self.result.connections_opened += 1
        return Connection(reader, writer), True

    async def release(self, conn: Connection | None) -> None:
        async with self.freed:
            if conn is None:
                self.open_count -= 1
            else:
                self.idle.append(conn)
            self.freed.notify()

    async def one(self, scheduled: float, path: str) -> None:
        loop = asyncio.get_running_loop()
        self.in_flight += 1
        self.result.max_in_flight = max(self.result.max_in_flight, self.in_flight)
        conn: Connection | None = None
        try:
            for attempt in range(2):
                conn, fresh = await self.acquire(fresh=attempt > 0)
                sent = loop.time()
                try:
                    conn.writer.write(self.request_bytes(path))
                    await conn.writer.drain()
                    status, size, keep_alive, hit = await read_response(conn.reader, fresh=fresh)
                except (StaleConnection, ConnectionResetError, BrokenPipeError) as exc:
                    conn.close()
                    await self.release(None)
                    conn = None
                    if attempt == 0 and (isinstance(exc, StaleConnection) or not fresh):
                        self.result.retries += 1
                        continue
                    raise
                done = loop.time()
                self.result.completed += 1
                self.result.latencies_ms.append((done - scheduled) * 1000)
                self.result.service_ms.append((done - sent) * 1000)
                self.result.statuses[status] = self.result.statuses.get(status, 0) + 1
                self.result.bytes += size
                self.result.cache_hits += hit
                if keep_alive:
                    await self.release(conn)
                else:
                    conn.close()
                    await self.release(None)
                conn = None
                return
        except asyncio.CancelledError:
            self.result.timeouts += 1
            raise
        except (OSError, ProtocolError, StaleConnection, asyncio.IncompleteReadError, ValueError):
            self.result.socket_errors += 1
        finally:
            self.in_flight -= 1
            if conn is not None:
                conn.close()
                await self.release(None)

    async def run(self) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        total = int(self.rate * self.duration)
        interval = 1.0 / self.rate
        start = loop.time() + 0.05
        tasks: set[asyncio.Task[None]] = set()
        order = self.rng.sample(self.paths, len(self.paths)) if self.distinct else []
        for i in range(total):
            scheduled = start + i * interval
            delay = scheduled - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            path = order[i % len(order)] if order else self.rng.choice(self.paths)
            task = asyncio.create_task(self.one(scheduled, path))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            self.result.scheduled += 1
        if tasks:
            _, pending = await asyncio.wait(set(tasks), timeout=self.timeout)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
        self.result.elapsed_s = max(loop.time() - start, 1e-9)
        for conn in self.idle:
            conn.close()
        return self.result.summary(self.rate, self.duration)


def run_fixed_rate(
    url: str,
    paths: list[str],
    *,
    rate: float,
    duration: float,
    connections: int = 64,
    timeout: float = 10.0,
    seed: int = 1,
    headers: dict[str, str] | None = None,
    distinct: bool = False,
) -> dict[str, Any]:
    started = time.monotonic()
    summary = asyncio.run(
        OpenLoop(
            url,
            paths,
            rate=rate,
            duration=duration,
            connections=connections,
            timeout=timeout,
            seed=seed,
            headers=headers,
            distinct=distinct,
        ).run()
    )
    summary["wall_s"] = round(time.monotonic() - started, 1)
    summary["distinct"] = distinct
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8800")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds (at most 600)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--paths-file", help="one path per line")
    parser.add_argument(
        "--distinct", action="store_true", help="each path once before any repeats (else random)"
    )
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    paths = list(args.paths)
    if args.paths_file:
        with open(args.paths_file) as fh:
            paths += [line.strip() for line in fh if line.strip()]
    if not paths:
        parser.error("give at least one path")
    if not 0 < args.duration <= 600 or args.rate <= 0:
        parser.error("duration must be in (0, 600] seconds and rate positive")
    print(
        json.dumps(
            run_fixed_rate(
                args.url,
                paths,
                rate=args.rate,
                duration=args.duration,
                connections=args.connections,
                timeout=args.timeout,
                distinct=args.distinct,
            ),
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
