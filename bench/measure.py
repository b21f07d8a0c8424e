"""Measure a running Groundswell server: fixed-rate latency, saturation throughput, memory, CPU.

Run by bench/run.sh once gunicorn is up, with the same database settings in the environment (it
reads story ids and profiles pages through Django). Writes one JSON file per database.

For each endpoint (story page, for visitors and for a signed-in member, home feed, a deep feed
page, search):
  1. warm-up with wrk for a few seconds;
  2. open-loop requests at a fixed rate (bench/openloop.py): p50/p95/p99 from the scheduled time;
  3. wrk with 100 connections: throughput at saturation, with non-2xx and socket errors;
while a sampler reads /proc for gunicorn's memory (master + workers) and the CPU used by
gunicorn, PostgreSQL and everything else on the machine.
Then each endpoint is rendered in-process a few times with the queries captured, to show where
the time goes (query count, SQL time, the slowest query and its plan).
"""

from __future__ import annotations

import argparse
import atexit
import cProfile
import json
import os
import platform
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

BENCH_DIR = Path(__file__).resolve().parent
UNCACHED_PATHS = 200_000
RESERVED_FOR_LOW_RATE = 1_200
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH_DIR))

from openloop import assert_loopback, run_fixed_rate  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")
SEARCH_WORDS = """diabetes carer walking loneliness waiting pharmacy appointment dementia asthma anxiety
pain cancer hospital covid damp food sleep group support nurse blood pressure benefits work bus garden
choir smoking menopause autism grief therapy prescription discharge surgery parent mum dad winter
fatigue swimming cooking housing council mould volunteers clinic assessment memory wheelchair hearing
pregnancy depression recovery exercise diagnosis receptionist queue library neighbour""".split()  # noqa: SIM905
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


# -- /proc sampling --------------------------------------------------------------------------------


def _read(path: str) -> str | None:
    try:
        with open(path) as fh:
            return fh.read()
    except OSError:
        return None


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(comm, ppid, cpu seconds) of a process."""
    raw = _read(f"/proc/{pid}/stat")
    if raw is None:
        return None
    comm = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    return comm, int(fields[1]), (int(fields[11]) + int(fields[12])) / CLK_TCK


def _all_processes() -> dict[int, tuple[str, int, float]]:
    procs = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(int(name))
            if st is not None:
                procs[int(name)] = st
    return procs


def _machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    raw = _read("/proc/stat") or "cpu 0 0 0 0"
    values = [int(v) for v in raw.splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    total = sum(values[:8])
    return (total - idle) / CLK_TCK, total / CLK_TCK


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB; PSS shares pages between forked workers fairly, RSS counts them in each."""
    rss = pss = 0
    status = _read(f"/proc/{pid}/status") or ""
    m = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
    if m:
        rss = int(m.group(1))
    rollup = _read(f"/proc/{pid}/smaps_rollup") or ""
    m = re.search(r"^Pss:\s+(\d+)", rollup, re.M)
    if m:
        pss = int(m.group(1))
    return rss, pss


def descendants(root: int, procs: dict[int, tuple[str, int, float]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (_, ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in procs:
            out.append(pid)
        todo.extend(children.get(pid, []))
    return out


class Sampler(threading.Thread):
    """Samples gunicorn's memory every `interval` seconds; phases read CPU deltas."""

    def __init__(
        self,
        gunicorn_pid: int,
        interval: float = 0.25,
        max_seconds: float = 3600,
        renice_db: tuple[str, int] | None = None,
        db_name: str | None = None,
    ) -> None:
        super().__init__(daemon=True)
        self.pid = gunicorn_pid
        # Only the PostgreSQL backends serving the benchmark database count as "postgres" CPU:
        # other databases on the same server (tests running beside us) are "other".
        self.db_name = db_name
        self.renice_db = renice_db
        self.reniced: set[int] = set()
        self.interval = interval
        self.deadline = time.monotonic() + max_seconds
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.peak_rss_kb = self.peak_pss_kb = 0
        self.phase_peak_rss_kb = self.phase_peak_pss_kb = 0
        self.workers = 0

    def run(self) -> None:
        while not self.stop_event.is_set() and time.monotonic() < self.deadline:
            procs = _all_processes()
            pids = descendants(self.pid, procs)
            if self.renice_db:
                self.renice_backends(procs)
            rss = pss = 0
            for pid in pids:
                r, p = _memory_kb(pid)
                rss, pss = rss + r, pss + p
            with self.lock:
                self.workers = max(len(pids) - 1, 0)
                self.peak_rss_kb, self.peak_pss_kb = (
                    max(self.peak_rss_kb, rss),
                    max(self.peak_pss_kb, pss),
                )
                self.phase_peak_rss_kb = max(self.phase_peak_rss_kb, rss)
                self.phase_peak_pss_kb = max(self.phase_peak_pss_kb, pss)
            self.stop_event.wait(self.interval)

    def serves_db(self, pid: int) -> bool:
        """Is this a backend of the benchmark database? Titles read
        "postgres: [CLUSTER: ]USER DBNAME HOST(PORT) STATE"."""
        title = (_read(f"/proc/{pid}/cmdline") or "").replace("\0", " ").split()
        return title[:1] == ["postgres:"] and self.db_name in title[1:4]

    def renice_backends(self, procs: dict[int, tuple[str, int, float]]) -> None:
        """Give the PostgreSQL backends serving the benchmark database the server's priority.
        Their process titles read "postgres: [CLUSTER: ]USER DBNAME HOST(PORT) STATE"."""
        assert self.renice_db is not None
        _, nice = self.renice_db
        for pid, (comm, _, _) in procs.items():
            if pid in self.reniced or not comm.startswith("postgres"):
                continue
            if self.serves_db(pid):
                try:
                    os.setpriority(os.PRIO_PROCESS, pid, nice)
                    self.reniced.add(pid)
                except OSError:
                    pass

    def begin_phase(self) -> dict[str, Any]:
        with self.lock:
            self.phase_peak_rss_kb = self.phase_peak_pss_kb = 0
        return self.cpu_snapshot()

    def end_phase(self, start: dict[str, Any]) -> dict[str, Any]:
        end = self.cpu_snapshot()
        wall = max(end["wall"] - start["wall"], 1e-9)
        cores = {}
        for group in ("gunicorn", "postgres"):
            # Per process, so connections that come and go don't make the sum jump; a process that
            # ended during the phase is missed (an undercount of its last moments only).
            used = sum(cpu - start[group].get(pid, 0.0) for pid, cpu in end[group].items())
            cores[group] = round(max(used, 0.0) / wall, 2)
        cores["machine"] = round((end["machine"] - start["machine"]) / wall, 2)
        cores["other"] = round(
            max(cores["machine"] - cores["gunicorn"] - cores["postgres"], 0.0), 2
        )
        with self.lock:
            return {
                "cpu_cores_used": cores,
                "peak_rss_mb": round(self.phase_peak_rss_kb / 1024, 1),
                "peak_pss_mb": round(self.phase_peak_pss_kb / 1024, 1),
            }

    def cpu_snapshot(self) -> dict[str, Any]:
        procs = _all_processes()
        gunicorn = {pid: procs[pid][2] for pid in descendants(self.pid, procs)}
        postgres = {
            pid: cpu
            for pid, (comm, _, cpu) in procs.items()
            if self.db_name and comm.startswith("postgres") and self.serves_db(pid)
        }
        busy, _ = _machine_cpu()
        return {
            "wall": time.monotonic(),
            "gunicorn": gunicorn,
            "postgres": postgres,
            "machine": busy,
        }


# -- HTTP helpers ----------------------------------------------------------------------------------


class NextLinkParser(HTMLParser):
    """Finds <a rel="next" href=...> (or <link rel="next">)."""

    def __init__(self) -> None:
        super().__init__()
        self.next_href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "link") and self.next_href is None:
            values = dict(attrs)
            if "next" in (values.get("rel") or "").split() and values.get("href"):
                self.next_href = values["href"]


def fetch(url: str, timeout: float = 30.0, cookie: str = "") -> tuple[int, str]:
    assert_loopback(urlsplit(url).hostname or "")
    headers = {"User-Agent": "groundswell-bench/1", "Accept": "text/html"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http, loopback only
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310 - loopback only
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def find_deep_page(base: str, depth: int) -> tuple[str | None, int, str]:
    """Follow rel="next" links from the home page `depth` times; return (path, pages followed, note)."""
    path = "/"
    for followed in range(depth):
        status, html = fetch(urljoin(base, path))
        if status != 200:
            return None, followed, f"{path} answered {status}"
        parser = NextLinkParser()
        parser.feed(html)
        if not parser.next_href:
            if followed == 0:
                return None, 0, 'the home page has no rel="next" link'
            return path, followed, f'the feed ended after {followed} pages (no rel="next")'
        nxt = urlsplit(urljoin(urljoin(base, path), parser.next_href))
        path = nxt.path + (f"?{nxt.query}" if nxt.query else "")
    return path, depth, ""


def run_wrk(
    base: str,
    paths: list[str],
    *,
    duration: float,
    connections: int,
    timeout: float = 10.0,
    cookie: str = "",
) -> dict[str, Any]:
    assert_loopback(urlsplit(base).hostname or "")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(paths) + "\n")
        paths_file = fh.name
    cmd = [
        "wrk", "-t1", f"-c{connections}", f"-d{int(duration)}s", f"--timeout={int(timeout)}s",
        "-s", str(BENCH_DIR / "wrk.lua"), base, "--", paths_file, cookie,
    ]  # fmt: skip
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=duration + timeout + 30, check=False
        )
    finally:
        os.unlink(paths_file)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(
            f"wrk failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}"
        )
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds = raw["duration_us"] / 1e6
    socket_errors = sum(v for k, v in raw["errors"].items() if k != "status")
    return {
        "tool": "wrk",
        "connections": connections,
        "duration_s": round(seconds, 1),
        "requests": raw["requests"],
        "throughput_rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "non_2xx": raw["non_2xx"],
        "cache_hit_ratio": round(raw["cache_hits"] / raw["requests"], 3)
        if raw["requests"]
        else 0.0,
        "socket_errors": socket_errors,
        "socket_error_detail": {k: v for k, v in raw["errors"].items() if k != "status"},
        "errors": raw["non_2xx"] + socket_errors,
        "latency_ms": {k: round(v / 1000, 2) for k, v in raw["latency_us"].items()},
        "mean_bytes": round(raw["bytes"] / raw["requests"]) if raw["requests"] else 0,
    }


# -- Django-side helpers ---------------------------------------------------------------------------


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def database_info() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
            settings = {}
            for name in ("shared_buffers", "work_mem", "effective_cache_size", "max_connections"):
                cursor.execute(f"SHOW {name}")
                settings[name] = cursor.fetchone()[0]
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
        else:
            import sqlite3

            version = f"SQLite {sqlite3.sqlite_version}"
            cursor.execute("PRAGMA journal_mode")
            settings = {"journal_mode": cursor.fetchone()[0]}
            name = str(connection.settings_dict["NAME"])
            size = sum(os.path.getsize(p) for p in (name, name + "-wal") if os.path.exists(p))
    return {
        "vendor": connection.vendor,
        "version": version,
        "settings": settings,
        "size_mb": round(size / 2**20),
    }


def data_size() -> dict[str, int]:
    from groundswell.accounts.models import User
    from groundswell.assets.models import Asset
    from groundswell.offers.models import Offer
    from groundswell.stories.models import Comment, Reaction, Story

    return {
        "stories": Story.objects.count(),
        "members": User.objects.count(),
        "comments": Comment.objects.count(),
        "reactions": Reaction.objects.count(),
        "assets": Asset.objects.count(),
        "offers_and_needs": Offer.objects.count(),
    }


def network_paths(seed: int) -> dict[str, list[str]]:
    """Issue 14's pages with their filters, as people use them: the asset list (a kind, a
    topic, a place, open on a day, words), offers and needs (offers or needs, a kind of help, a
    topic, a place), and the map's data for viewports at country, city and street zoom."""
    import math

    from groundswell.assets.models import AssetKind
    from groundswell.assets.placepoints import CENTRES
    from groundswell.offers.models import Category
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

    rng = random.Random(seed)
    topics = list(Topic.objects.current().values_list("slug", flat=True))
    places = list(Place.objects.current().exclude(level="nation").values_list("slug", flat=True))
    kinds = [k for k in AssetKind.values if k != "gift"]
    words = ["garden", "choir", "walking", "library", "carers", "repair"]
    assets, offers = [], []
    for _ in range(400):
        filters = [
            f"kind={rng.choice(kinds)}",
            f"topic={rng.choice(topics)}",
            f"place={rng.choice(places)}",
            f"open={rng.randint(0, 6)}",
            f"q={rng.choice(words)}",
        ]
        assets.append("/assets/?" + "&".join(rng.sample(filters, rng.randint(1, 2))))
        filters = [
            f"side={rng.choice(['offer', 'need'])}",
            f"category={rng.choice(Category.values)}",
            f"topic={rng.choice(topics)}",
            f"place={rng.choice(places)}",
        ]
        offers.append("/offers-and-needs/?" + "&".join(rng.sample(filters, rng.randint(1, 2))))
    centres = list(CENTRES.values())
    maps = []
    for _ in range(400):
        lat, lon = rng.choice(centres)
        zoom = rng.choice([6, 10, 14])
        # The bbox of a 1280 x 720 window at this zoom (Web Mercator), as the page asks.
        per_px = 360.0 / (256 * 2**zoom)
        half_w, half_h = 640 * per_px, 360 * per_px * math.cos(math.radians(lat))
        bbox = f"{lon - half_w:.5f},{lat - half_h:.5f},{lon + half_w:.5f},{lat + half_h:.5f}"
        maps.append(f"/assets/map/data.json?bbox={bbox}&zoom={zoom}")
    return {"assets": assets, "offers": offers, "map_data": maps}


def sample_story_ids(n: int, seed: int) -> list[int]:
    """Stories an anonymous visitor may read (public, published)."""
    from groundswell.stories.models import Story

    ids = list(Story.objects.visible_to(None).order_by("id").values_list("id", flat=True))
    return sorted(random.Random(seed).sample(ids, min(n, len(ids))))


def cookie_for(user_id: int) -> str:
    """A session cookie for this member (a database session, as member_cookie)."""
    from django.conf import settings
    from django.test import Client

    from groundswell.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def member_cookie() -> str:
    """A session cookie for a signed-in member with no special role, as the browser sends it.

    The session is stored like any other (database sessions), so gunicorn reads it, and the
    session middleware's idle-timeout refresh runs on every request, as for a real member."""
    from django.conf import settings
    from django.test import Client

    from groundswell.accounts.models import User

    user = (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .order_by("id")
        .first()
    )
    if user is None:
        return ""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def profile_paths(
    paths: list[str], repeat: int, cookie: str = "", *, warm: bool = False
) -> dict[str, Any]:
    """Render pages in-process with queries captured: where does a page's time go?

    warm: visit each path once first, so the timings are of pages built from a copy kept in
    this process (a member's story page in steady state), not of first visits."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    if cookie:
        name, _, value = cookie.partition("=")
        client.cookies[name] = value
    totals: list[float] = []
    sql_ms: list[float] = []
    counts: list[int] = []
    page_queries: list[dict[str, str]] = []
    by_shape: dict[str, dict[str, float]] = {}
    client.get(paths[0])  # the first request compiles templates and fills caches
    if warm:
        for path in (paths * repeat)[:repeat]:
            client.get(path)
    profiler = cProfile.Profile()
    for path in (paths * repeat)[:repeat]:
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            totals.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            return {"error": f"{path} answered {response.status_code}"}
        # Read the captured queries now: the next request's new connection clears the log.
        captured = list(ctx.captured_queries)
        # A second, profiled pass: cProfile slows Python down, so it is kept out of the timings.
        profiler.enable()
        client.get(path)
        profiler.disable()
        counts.append(len(captured))
        page_sql = 0.0
        for q in captured:
            ms = float(q["time"]) * 1000
            page_sql += ms
            shape = query_shape(q["sql"])
            entry = by_shape.setdefault(shape, {"count": 0, "ms": 0.0})
            entry["count"] += 1
            entry["ms"] += ms
        page_queries = captured
        sql_ms.append(page_sql)
    n = len(totals)
    top = sorted(by_shape.items(), key=lambda kv: -kv[1]["ms"])[:3]
    result: dict[str, Any] = {
        "pages": n,
        "mean_total_ms": round(sum(totals) / n, 1),
        "mean_sql_ms": round(sum(sql_ms) / n, 1),
        "mean_queries": round(sum(counts) / n, 1),
        "max_queries": max(counts),
        "slowest_query": {"ms": 0.0, "sql": ""},
        "top_query_shapes": [
            {
                "sql": shape,
                "count_per_page": round(v["count"] / n, 1),
                "ms_per_page": round(v["ms"] / n, 2),
            }
            for shape, v in top
        ],
    }
    # Django times a query's execute() only, and SQLite does most of its work while rows are
    # fetched: re-run the last page's queries with every row fetched to find the slow one.
    retimed = sorted(((full_query_ms(q["sql"]), q["sql"]) for q in page_queries), reverse=True)
    if retimed:
        ms, sql = retimed[0]
        result["slowest_query"] = {"ms": round(ms, 2), "sql": sql[:1500], "path": path}
        result["slowest_query"]["plan"] = explain(sql)
        result["page_sql_ms_fetched"] = round(sum(t for t, _ in retimed), 2)
    result["python_profile"] = python_profile(profiler, n)
    return result


def python_profile(profiler: cProfile.Profile, pages: int) -> list[dict[str, Any]]:
    """The functions with the most cumulative time per page, skipping the request plumbing that
    wraps everything (so the list points at views, templates and queries)."""
    stats = pstats.Stats(profiler)
    wrappers = (
        "django/test/",
        "django/core/handlers/",
        "django/utils/deprecation.py",
        "contextlib.py",
    )
    rows = []
    for (filename, line, func), (_, ncalls, tottime, cumtime, _) in stats.stats.items():
        if any(w in filename for w in wrappers) or (
            "middleware" in filename and func in ("__call__", "sync_middleware")
        ):
            continue
        short = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        if filename == "~":  # a builtin, e.g. the database driver's fetch
            short = "builtin"
        rows.append(
            {
                "function": f"{short}:{line}({func})",
                "calls_per_page": round(ncalls / pages, 1),
                "own_ms_per_page": round(tottime * 1000 / pages, 2),
                "cumulative_ms_per_page": round(cumtime * 1000 / pages, 2),
            }
        )
    by_cum = sorted(rows, key=lambda r: -r["cumulative_ms_per_page"])[:12]
    by_own = sorted(rows, key=lambda r: -r["own_ms_per_page"])[:8]
    return by_cum + [r for r in by_own if r not in by_cum]


def full_query_ms(sql: str) -> float:
    """Time one captured query with all its rows fetched (the best of three runs)."""
    from django.db import connection

    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return 0.0
    best = float("inf")
    try:
        with connection.cursor() as cursor:
            for _ in range(3):
                started = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                best = min(best, (time.perf_counter() - started) * 1000)
    except Exception:  # the captured SQL is not always re-runnable verbatim (quoting)
        return 0.0
    return best


def query_shape(sql: str) -> str:
    """A query with numbers and strings blanked and the column list elided: groups alike queries."""
    sql = re.sub(r"'[^']*'", "'…'", sql)
    sql = re.sub(r"\b\d+\b", "N", sql)
    start = sql.find(" FROM ")
    if sql.startswith("SELECT") and start > 0:
        sql = "SELECT … " + sql[start + 1 :]
    return sql[:260]


def explain(sql: str) -> str:
    from django.db import connection

    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return ""
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            rows = cursor.fetchall()
    except Exception as exc:  # the captured SQL is not always re-runnable verbatim (quoting)
        return f"(could not explain: {exc.__class__.__name__})"
    if connection.vendor == "postgresql":
        return "\n".join(r[0] for r in rows)[:3000]
    return "\n".join(str(r[-1]) for r in rows)[:3000]


# -- main ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--label", required=True, help="sqlite or postgres")
    parser.add_argument("--url", default="http://127.0.0.1:8800")
    parser.add_argument("--gunicorn-pid", type=int, required=True)
    parser.add_argument("--gunicorn-args", default="")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--meta", type=Path, help="generate.py's JSON, copied into the results")
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument(
        "--story-warmup",
        type=float,
        default=40.0,
        help="warm-up for the story pages (for visitors and for members): long enough for every "
        "sampled story to be rendered and stored once in each gunicorn worker (the page cache is "
        "per worker)",
    )
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--story-sample", type=int, default=1000)
    parser.add_argument("--deep-pages", type=int, default=50)
    parser.add_argument(
        "--search-words", default="diabetes,carer,walking,loneliness,waiting,pharmacy"
    )
    parser.add_argument(
        "--endpoints",
        default="story,story_member,story_uncached,home,deep,search,search_varied,following,"
        "assets,offers,map_data",
    )
    parser.add_argument(
        "--search-rate",
        type=float,
        default=20.0,
        help="a second, lower fixed rate for the varied searches: what rate search sustains",
    )
    parser.add_argument("--profile-repeat", type=int, default=10)
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="the niceness gunicorn runs at; PostgreSQL backends of the benchmark database get it too",
    )
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 300:
        parser.error("--duration must be in (0, 300] seconds")
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (bench/run.sh installs it)")
    base = args.url.rstrip("/")
    assert_loopback(urlsplit(base).hostname or "")

    setup_django()
    started_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    results: dict[str, Any] = {
        "label": args.label,
        "started_at": started_at,
        "url": base,
        "gunicorn": {"pid": args.gunicorn_pid, "args": args.gunicorn_args},
        "nice": args.nice,
        "settings": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "rate": args.rate,
            "connections": args.connections,
            "story_sample": args.story_sample,
            "deep_pages": args.deep_pages,
        },
        "database": database_info(),
        "data": data_size(),
        "python": platform.python_version(),
        "endpoints": {},
    }
    if args.meta and args.meta.exists():
        results["generated"] = json.loads(args.meta.read_text())
    print(
        f"[{args.label}] data: {results['data']}  db: {results['database']['version']}", flush=True
    )

    endpoints: dict[str, list[str]] = {}
    notes: dict[str, str] = {}
    wanted = [e.strip() for e in args.endpoints.split(",") if e.strip()]
    story_ids = sample_story_ids(args.story_sample, seed=7)
    if "story" in wanted:
        endpoints["story"] = [f"/stories/{pk}/" for pk in story_ids]
    cookies: dict[str, str] = {}
    if "story_member" in wanted:
        # The same story pages for a signed-in member: filled in from the copy shared by members.
        cookie = member_cookie()
        if cookie:
            endpoints["story_member"] = [f"/stories/{pk}/" for pk in story_ids]
            cookies["story_member"] = cookie
        else:
            notes["story_member"] = "no member to sign in as"
    if "story_uncached" in wanted:
        # The same story pages, each request with a query string never seen before: every one is
        # rendered (and stored), as for the first visitor after a change.
        endpoints["story_uncached"] = [
            f"/stories/{story_ids[i % len(story_ids)]}/?visit={i}" for i in range(UNCACHED_PATHS)
        ]
        random.Random(13).shuffle(endpoints["story_uncached"])
    if "following" in wanted:
        # A member following 50 people, 20 organisations, 10 topics and 5 places (bench/following.py;
        # taken back out at the end of the run): the first page of their Following feed.
        import following

        prepared = following.prepare()
        atexit.register(following.cleanup)
        results["following"] = prepared.as_dict()
        endpoints["following"] = ["/following/"]
        cookies["following"] = cookie_for(prepared.user_id)
        counts = ", ".join(f"{n} {kind}s" for kind, n in prepared.follows.items())
        notes["following"] = f"a member following {counts}" + (
            f"; {prepared.note}" if prepared.note else ""
        )
    if "home" in wanted:
        endpoints["home"] = ["/"]
    if {"assets", "offers", "map_data"} & set(wanted):
        network = network_paths(seed=17)
        for name in ("assets", "map_data"):
            endpoints[name] = network[name]
            notes[name] = "a visitor; filters varied per request"
        # Offers and needs are for members by default: a signed-in member's list.
        cookie = member_cookie()
        if cookie:
            endpoints["offers"] = network["offers"]
            cookies["offers"] = cookie
            notes["offers"] = "a signed-in member; filters varied per request"
        else:
            notes["offers"] = "no member to sign in as"
    if "deep" in wanted:
        deep, followed, note = find_deep_page(base, args.deep_pages)
        if deep:
            endpoints["deep"] = [deep]
            notes["deep"] = f"{followed} pages deep" + (f"; {note}" if note else "")
        else:
            notes["deep"] = note
    if "search" in wanted:
        endpoints["search"] = [
            f"/search/?q={w.strip()}" for w in args.search_words.split(",") if w.strip()
        ]
    if "search_varied" in wanted:
        # Search keeps a query's candidates for a minute per worker, so a few repeated words
        # mostly measure that cache: thousands of distinct two-word queries measure the search.
        varied = [f"/search/?q={a}+{b}" for a in SEARCH_WORDS for b in SEARCH_WORDS if a != b]
        random.Random(11).shuffle(varied)
        endpoints["search_varied"] = varied

    renice, db_name = None, None
    if results["database"]["vendor"] == "postgresql":
        from django.db import connection

        db_name = str(connection.settings_dict["NAME"])
        if args.nice:
            renice = (db_name, args.nice)
    sampler = Sampler(args.gunicorn_pid, renice_db=renice, db_name=db_name)
    sampler.start()
    # Other work on the machine skews every number: measure it with the server idle, and say so.
    quiet = sampler.begin_phase()
    time.sleep(3)
    background = sampler.end_phase(quiet)["cpu_cores_used"]["machine"]
    results["background_cores_before"] = background
    if background > 0.2:
        print(
            f"[{args.label}] WARNING: {background} cores were busy before the run started (other work on "
            "this machine); the numbers will be worse than on a quiet machine",
            flush=True,
        )
    whole = sampler.begin_phase()
    for name in wanted:
        paths = endpoints.get(name)
        entry: dict[str, Any] = {
            "paths": len(paths or []),
            "example": (paths or [""])[0],
            "note": notes.get(name, ""),
            "signed_in": name in cookies,
        }
        results["endpoints"][name] = entry
        if not paths:
            entry["skipped"] = notes.get(name) or "no paths"
            print(f"[{args.label}] {name}: SKIPPED ({entry['skipped']})", flush=True)
            continue
        cookie = cookies.get(name, "")
        bad = [(p, s) for p in paths[:3] for s in [fetch(base + p, cookie=cookie)[0]] if s != 200]
        if bad:
            entry["skipped"] = f"{bad[0][0]} answered {bad[0][1]}"
            print(f"[{args.label}] {name}: SKIPPED ({entry['skipped']})", flush=True)
            continue
        low_paths: list[str] = []
        if name == "search_varied" and args.search_rate and len(paths) > 2 * RESERVED_FOR_LOW_RATE:
            # First, on queries no other run asks, so none of them was stored or cached before.
            low_paths, paths = paths[-RESERVED_FOR_LOW_RATE:], paths[:-RESERVED_FOR_LOW_RATE]
            entry["paths"] = len(paths)
            phase = sampler.begin_phase()
            low = run_fixed_rate(
                base, low_paths, rate=args.search_rate, duration=args.duration, distinct=True
            )
            low.update(sampler.end_phase(phase))
            entry["fixed_rate_low"] = low
            print(
                f"[{args.label}] {name}: {args.search_rate:.0f} req/s on {len(low_paths)} other queries -> "
                f"p50 {low['latency_ms']['p50']} ms, p95 {low['latency_ms']['p95']} ms, "
                f"p99 {low['latency_ms']['p99']} ms, errors {low['errors']}, "
                f"stored pages {low['cache_hit_ratio']:.0%}",
                flush=True,
            )
            time.sleep(1)
        warmup = args.story_warmup if name in ("story", "story_member") else args.warmup
        entry["warmup_s"] = warmup
        print(
            f"[{args.label}] {name}: warm-up {warmup:.0f}s ({len(paths)} paths, e.g. {paths[0]})",
            flush=True,
        )
        # Varied searches warm up on queries the fixed-rate run does not ask (those of the lower
        # rate, when it ran), and that run asks each of its queries once before any again: so at
        # BENCH_DURATION 20 it measures 2,000 searches none of which was asked before.
        varied = name == "search_varied"
        run_wrk(
            base,
            low_paths if varied and low_paths else paths,
            duration=warmup,
            connections=8,
            cookie=cookie,
        )
        time.sleep(1)
        phase = sampler.begin_phase()
        entry["fixed_rate"] = run_fixed_rate(
            base,
            paths,
            rate=args.rate,
            duration=args.duration,
            headers={"Cookie": cookie} if cookie else None,
            distinct=varied,
        )
        entry["fixed_rate"].update(sampler.end_phase(phase))
        fr = entry["fixed_rate"]
        print(
            f"[{args.label}] {name}: {args.rate:.0f} req/s -> p50 {fr['latency_ms']['p50']} ms, "
            f"p95 {fr['latency_ms']['p95']} ms, p99 {fr['latency_ms']['p99']} ms, errors {fr['errors']}, "
            f"stored pages {fr['cache_hit_ratio']:.0%}, "
            f"cpu {fr['cpu_cores_used']}",
            flush=True,
        )
        time.sleep(1)
        phase = sampler.begin_phase()
        entry["saturation"] = run_wrk(
            base, paths, duration=args.duration, connections=args.connections, cookie=cookie
        )
        entry["saturation"].update(sampler.end_phase(phase))
        sat = entry["saturation"]
        print(
            f"[{args.label}] {name}: {args.connections} clients -> {sat['throughput_rps']} req/s, "
            f"errors {sat['errors']} (non-2xx {sat['non_2xx']}, socket {sat['socket_errors']}), "
            f"p99 {sat['latency_ms']['p99']} ms, stored pages {sat['cache_hit_ratio']:.0%}, peak RSS {sat['peak_rss_mb']} MiB, cpu {sat['cpu_cores_used']}",
            flush=True,
        )
        time.sleep(1)
    results["whole_run"] = sampler.end_phase(whole)
    results["reniced_db_backends"] = len(sampler.reniced)
    results["memory"] = {
        "peak_rss_mb": round(sampler.peak_rss_kb / 1024, 1),
        "peak_pss_mb": round(sampler.peak_pss_kb / 1024, 1),
        "gunicorn_workers": sampler.workers,
    }
    sampler.stop_event.set()
    sampler.join(timeout=5)

    print(f"[{args.label}] profiling pages in-process", flush=True)
    for name, paths in endpoints.items():
        entry = results["endpoints"].get(name, {})
        if "skipped" in entry:
            continue
        entry["profile"] = profile_paths(
            paths, args.profile_repeat, cookies.get(name, ""), warm=name == "story_member"
        )
        p = entry["profile"]
        if "error" not in p:
            print(
                f"[{args.label}] {name}: {p['mean_total_ms']} ms/page in-process, {p['mean_queries']} queries, "
                f"{p['mean_sql_ms']} ms SQL; slowest query {p['slowest_query']['ms']} ms",
                flush=True,
            )
    results["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"[{args.label}] results written to {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
