"""Measure how fast Convive serves its pages: `make bench` (`.venv/bin/python benchmarks/run.py`).

Production settings with the bench overlay (config.settings.bench), PostgreSQL, gunicorn with two
workers on a free loopback port, and wrk at 10 connections and 2 threads. Each page is measured
twice: cold (PAGE_CACHE_ENABLED=false, caches emptied) and warm (page cache on and primed). Redis
must answer at BENCH_REDIS_URL: production settings refuse to start without REDIS_URL. A bare
Django view, the ceiling, is measured in the same run so that each page can be read as a share
of what the stack can do at best.

Results are printed as a table and written to benchmarks/results/<timestamp>.json.
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.datasets import SIZES  # noqa: E402
from benchmarks.pages import PAGES, BenchPage  # noqa: E402
from benchmarks.varied import GENERATORS  # noqa: E402

RESULTS_DIR = REPO / "benchmarks" / "results"
WRK_SCRIPT = REPO / "benchmarks" / "wrk_report.lua"
WRK_VARIED_SCRIPT = REPO / "benchmarks" / "wrk_varied.lua"
# More distinct addresses than any run sends: wrk never cycles back to one already asked.
VARIED_PATHS = 60_000
VARIED_SAMPLE = 20  # distinct addresses (another seed) whose queries are counted
WARMUP_FETCHES = 6
CEILING = BenchPage(name="ceiling", path="/bench/ceiling/")
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/convive_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"
HOST = "127.0.0.1"
CONNECTIONS = 10
THREADS = 2
WORKERS = 2


@dataclass
class Measurement:
    page: str
    path: str
    phase: str
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int
    status: int
    html_bytes: int
    queries: float | None
    worker_peak_rss_mb: float | None = None  # the largest VmHWM of a gunicorn worker so far
    ratio_to_ceiling: float | None = None


class BenchError(RuntimeError):
    """The benchmark could not be run; the message says why."""


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# Machine preparation
# ---------------------------------------------------------------------------------------------
def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() != 0:
        raise BenchError("wrk is missing: install it with `sudo apt-get install wrk`.")
    log("Installing wrk with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=True, stdin=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=True, stdin=subprocess.DEVNULL
    )
    wrk = shutil.which("wrk")
    if not wrk:
        raise BenchError("wrk could not be installed.")
    return wrk


def ensure_database(url: str) -> None:
    """Create the benchmark database when it does not exist yet."""
    import psycopg2
    from psycopg2 import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise BenchError(f"The benchmark only uses loopback addresses, not {parts.hostname}.")
    try:
        connection = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=urllib.parse.unquote(parts.username or "postgres"),
            password=urllib.parse.unquote(parts.password or "") or None,
            dbname="postgres",
            connect_timeout=5,
        )
    except psycopg2.OperationalError as error:
        raise BenchError(f"PostgreSQL is not answering at {parts.hostname}: {error}") from error
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                log(f"Creating database {name}")
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def flush_redis(url: str) -> None:
    """Empty the benchmark's own Redis database (never db 0), so that a cold run is cold."""
    import redis

    redis.Redis.from_url(url, socket_timeout=2).flushdb()


def manage(env: dict[str, str], *args: str) -> None:
    log(f"manage.py {' '.join(args)}")
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
    )


def prepare_site(env: dict[str, str], size: str) -> None:
    manage(env, "compile_translations")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    subprocess.run(
        [sys.executable, "-m", "benchmarks.datasets", "--size", size],
        cwd=REPO,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    manage(env, "collectstatic", "--noinput", "-v", "0")


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> tuple[int, bytes, dict[str, str]]:
    # Only ever the benchmark's own http://127.0.0.1 server.
    request = urllib.request.Request(url, headers={"User-Agent": "convive-bench"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class Gunicorn:
    """gunicorn in its own process group, so that stopping it stops every worker."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.log_file = log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "60",
            ],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited early; see {self.log_file.name}")
            try:
                status, _, _ = fetch(self.base_url + CEILING.path, timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise BenchError(f"gunicorn did not answer within {timeout:.0f}s; see {self.log_file.name}")

    def worker_peak_rss_mb(self) -> float | None:
        """The peak resident memory (VmHWM) of the largest worker process, in MiB."""
        peaks = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
            except OSError:
                continue
            if fields.get("PPid", "").strip() == str(self.process.pid) and "VmHWM" in fields:
                peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
        return round(max(peaks), 1) if peaks else None

    def stop(self, timeout: float = 20) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=timeout)
        self.log_file.close()


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------
def run_wrk(wrk: str, url: str, duration: int, paths_file: Path | None = None) -> dict[str, float]:
    script = WRK_SCRIPT if paths_file is None else WRK_VARIED_SCRIPT
    arguments = [] if paths_file is None else ["--", str(paths_file), str(THREADS)]
    result = subprocess.run(
        [
            wrk,
            f"--threads={THREADS}",
            f"--connections={CONNECTIONS}",
            f"--duration={duration}s",
            "--timeout=10s",
            f"--script={script}",
            url,
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        stdin=subprocess.DEVNULL,
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            return {
                key: float(value) for key, value in (pair.split("=") for pair in line.split()[1:])
            }
    raise BenchError(f"wrk gave no result for {url}:\n{result.stdout}\n{result.stderr}")


def measure(wrk: str, server: Gunicorn, page: BenchPage, phase: str, duration: int) -> Measurement:
    # Queries of a request once the worker has built what it keeps (the shared menu...): the
    # fewest seen over a few requests, since either worker may answer any of them. A varied
    # page counts the mean over distinct addresses that the measured run never asks.
    if page.varied:
        sample = GENERATORS[page.generator](count=VARIED_SAMPLE, seed=1)
        url = server.base_url + "/"
    else:
        sample = [page.path] * WARMUP_FETCHES
        url = server.base_url + page.path
    counts = []
    for path in sample:
        status, body, headers = fetch(server.base_url + path)
        if headers.get("X-Query-Count") is not None:
            counts.append(int(headers["X-Query-Count"]))
    if page.varied:
        queries = round(sum(counts) / len(counts), 1) if counts else None
        with tempfile.TemporaryDirectory(prefix="convive-bench-") as folder:
            paths_file = Path(folder) / "paths.txt"
            paths = GENERATORS[page.generator](count=VARIED_PATHS)
            paths_file.write_text("\n".join(paths) + "\n")
            numbers = run_wrk(wrk, url, duration, paths_file)
    else:
        queries = min(counts) if counts else None
        numbers = run_wrk(wrk, url, duration)
    seconds = numbers["duration_us"] / 1_000_000
    measurement = Measurement(
        page=page.name,
        path=page.path,
        phase=phase,
        requests_per_second=numbers["requests"] / seconds if seconds else 0.0,
        p50_ms=numbers["p50_us"] / 1000,
        p95_ms=numbers["p95_us"] / 1000,
        p99_ms=numbers["p99_us"] / 1000,
        requests=int(numbers["requests"]),
        errors=int(numbers["non2xx"] + numbers["socket_errors"]),
        status=status,
        html_bytes=len(body),
        queries=queries,
        worker_peak_rss_mb=server.worker_peak_rss_mb(),
    )
    log(
        f"{phase:4} {page.name:<12} {measurement.requests_per_second:8.1f} req/s "
        f"p50 {measurement.p50_ms:.1f} ms  p95 {measurement.p95_ms:.1f} ms  (HTTP {status}) "
        f"worker peak {measurement.worker_peak_rss_mb} MiB"
    )
    return measurement


def run_phase(
    *,
    phase: str,
    env: dict[str, str],
    wrk: str,
    duration: int,
    pages: list[BenchPage],
    log_path: Path,
) -> list[Measurement]:
    server = Gunicorn(env, log_path)
    try:
        server.wait_until_ready()
        if phase == "warm":
            # Every worker may hold its own local-memory cache: ask often enough to fill each.
            for _ in range(WORKERS * 3):
                for page in pages:
                    if not page.varied:  # a varied page's addresses are never asked twice
                        fetch(server.base_url + page.path)
        results = [measure(wrk, server, page, phase, duration) for page in [CEILING, *pages]]
    finally:
        server.stop()
    ceiling_rate = results[0].requests_per_second
    for result in results:
        result.ratio_to_ceiling = (
            result.requests_per_second / ceiling_rate if ceiling_rate else None
        )
    return results


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------
def format_table(results: list[Measurement]) -> str:
    header = (
        f"{'page':<18}{'path':<22}{'phase':<6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'vs ceiling':>12}{'HTML bytes':>12}{'queries':>9}{'errors':>8}{'worker MiB':>12}"
    )
    lines = [header, "-" * len(header)]
    for result in results:
        ratio = f"{result.ratio_to_ceiling:.1%}" if result.ratio_to_ceiling is not None else "-"
        queries = "-" if result.queries is None else str(result.queries)
        memory = "-" if result.worker_peak_rss_mb is None else str(result.worker_peak_rss_mb)
        lines.append(
            f"{result.page:<18}{result.path[:21]:<22}{result.phase:<6}"
            f"{result.requests_per_second:>9.1f}{result.p50_ms:>9.1f}{result.p95_ms:>9.1f}"
            f"{ratio:>12}{result.html_bytes:>12}{queries:>9}{result.errors:>8}{memory:>12}"
        )
    return "\n".join(lines)


def git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown"


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--size", choices=list(SIZES), default="demo", help="data set size")
    parser.add_argument("--page", action="append", help="only these page names (repeatable)")
    parser.add_argument(
        "--skip-setup", action="store_true", help="reuse the database and static files as they are"
    )
    return parser.parse_args()


def django_bench_setup() -> None:
    """Django in this process as the benchmark's server runs it (production settings with the
    bench overlay) on the benchmark's database, created and migrated if need be: for the
    scripts that measure in process (forum_fanout.py, ediscussion_*.py)."""
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        DATABASE_URL=database_url,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def main() -> int:
    arguments = parse_arguments()
    pages = [page for page in PAGES if not arguments.page or page.name in arguments.page]
    if not pages:
        raise BenchError(f"No such page; known pages: {', '.join(p.name for p in PAGES)}")

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    wrk = ensure_wrk()
    ensure_database(database_url)

    base_env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"REDIS_URL", "CACHE_URL", "PAGE_CACHE_URL", "PAGE_CACHE_ENABLED", "DATABASE_URL"}
    }
    if not redis_answers(redis_url):
        raise BenchError(f"No Redis answers at {redis_url} (set BENCH_REDIS_URL).")
    base_env.update(
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        LOG_LEVEL="WARNING",
    )
    if not arguments.skip_setup:
        # An in-memory broker runs the seeding's tasks inline: no worker is needed.
        prepare_site({**base_env, "CELERY_BROKER_URL": "memory://localhost/"}, arguments.size)

    use_redis = redis_answers(redis_url)
    # Broker and caches in the benchmark's one database, which flush_redis() empties.
    redis_env = {"REDIS_URL": redis_url, "CACHE_URL": redis_url, "PAGE_CACHE_URL": redis_url}
    serve_env = {**base_env, **(redis_env if use_redis else {})}
    cache = f"redis ({redis_url})" if use_redis else "local memory"
    log(f"Cache: {cache}; {WORKERS} gunicorn workers; wrk -t{THREADS} -c{CONNECTIONS}")

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    log_path = RESULTS_DIR / f"{stamp}-gunicorn.log"

    load_before = os.getloadavg()
    results: list[Measurement] = []
    for phase, page_cache in (("cold", "false"), ("warm", "true")):
        flush_redis(redis_url)
        results += run_phase(
            phase=phase,
            env={**serve_env, "PAGE_CACHE_ENABLED": page_cache},
            wrk=wrk,
            duration=arguments.duration,
            pages=pages,
            log_path=log_path,
        )
    flush_redis(redis_url)

    report = {
        "timestamp": stamp,
        "commit": git_commit(),
        "size": arguments.size,
        "duration_seconds": arguments.duration,
        "cache": cache,
        "gunicorn_workers": WORKERS,
        "wrk": {"threads": THREADS, "connections": CONNECTIONS},
        "cpus": os.cpu_count(),
        # Other work on the machine skews every number; a high load average says so.
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "results": [asdict(result) for result in results],
    }
    output = RESULTS_DIR / f"{stamp}.json"
    output.write_text(json.dumps(report, indent=2) + "\n")

    print()
    print(format_table(results))
    print(
        f"\nLoad average (1 min) before/after: {load_before[0]:.2f}/{os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs. Written to {output.relative_to(REPO)}"
    )
    failures = [r for r in results if r.status != 200 or r.errors]
    if failures:
        names = ", ".join(
            f"{r.page} ({r.phase}: HTTP {r.status}, {r.errors} errors)" for r in failures
        )
        log(f"Some pages did not answer 200 throughout: {names}")
        return 1
    return 0


def _stop_on_sigterm(signum, frame):
    # Turn SIGTERM into an exception so that the `finally` blocks stop gunicorn.
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"[bench] error: {error}", file=sys.stderr)
        sys.exit(2)
    except subprocess.CalledProcessError as error:
        print(f"[bench] error: {' '.join(map(str, error.cmd))} failed", file=sys.stderr)
        sys.exit(2)
