"""``make bench``: the performance budget of DESIGN §10, measured.

1. Seed a large PostgreSQL database (``portal_bench``, made anew each run).
2. Run a bare Flask "hello" and then the portal under the same gunicorn settings.
3. Sign in through the real form, then drive each page in ``PAGES`` from
   127.0.0.1 for a bounded time and number of requests.
4. Print throughput, latency and page weight against the budgets, and write the
   same to ``bench-results.txt`` at the repository root.

Settings (environment):
  BENCH_PEOPLE        service users to seed (100000)
  BENCH_SECONDS       seconds of load per page (10)
  BENCH_CONCURRENCY   connections kept busy at once (8)
  BENCH_MAX_REQUESTS  requests per page at most (200000)
  BENCH_ACCOUNTS      sign-ins per kind of user, spread over the database (16)
  BENCH_WORKERS       gunicorn workers (2, as ``make run``)
  BENCH_GUNICORN_ARGS more gunicorn options, e.g. "--worker-class gthread --threads 4"
  BENCH_DRIVER        wrk, python or auto (wrk when installed) (auto)
  BENCH_DATABASE_URL  use this database instead; its portal tables are dropped first
  BENCH_REUSE_DB      1: keep the bench database if it already holds BENCH_PEOPLE people

A budget missed is a warning; the exit status is non-zero only when something
failed to run.
"""

from __future__ import annotations

import os
import platform
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import zip_longest
from pathlib import Path
from types import FrameType

from sqlalchemy import create_engine, make_url

from portal.config import PROJECT_ROOT
from portal.migrations import upgrade
from tests.bench import seed
from tests.bench.cpu import CpuMeter
from tests.bench.load import (
    LoadError,
    LoadResult,
    Target,
    fetch,
    run_python,
    run_wrk,
    sign_in,
    wrk_available,
)
from tests.bench.report import PageRow, assets_in, gzipped_size, module_imports, table
from tests.bench.server import Gunicorn, ServerError

RESULTS_FILE = PROJECT_ROOT / "bench-results.txt"

ANONYMOUS = "anonymous"
SERVICE_USER = "service user"
KEY_WORKER = "key worker"

# DESIGN §10 budgets.
BUDGET_P95_MS = 100.0
BUDGET_HTML_GZIP_BYTES = 30 * 1024
BUDGET_ASSETS_GZIP_BYTES = 60 * 1024
BUDGET_PEOPLE = 100_000
BUSY_CPU_PERCENT = 10.0
# What the base template is expected to load; anything else is reported.
EXPECTED_ASSETS = (
    "/static/css/portal.css",
    "/static/vendor/htmx/htmx.min.js",
    # Our script bundled with the NHS.UK frontend components it uses.
    "/static/vendor/portal.min.js",
)


@dataclass(frozen=True)
class Account:
    """A signed-in session (or none, for anonymous pages)."""

    role: str
    email: str = ""
    cookie: str = ""
    people: list[int] = field(default_factory=list)  # a key worker's named people


@dataclass(frozen=True)
class Page:
    """A page to measure: who asks for it and which paths (one or more per account)."""

    name: str
    role: str
    paths: Callable[[Account], list[str]]
    expect: str = ""  # every answer checked before the load must contain this
    budget: bool = False  # the page the p95 budget applies to


# One line per page. The p95 budget (DESIGN §10) is for the plan page.
PAGES: list[Page] = [
    Page("My plan", SERVICE_USER, lambda a: ["/plan"], expect='id="what-matters"', budget=True),
    Page("Sign-in page", ANONYMOUS, lambda a: ["/sign-in"], expect='name="csrf_token"'),
    Page("Home: own care team", SERVICE_USER, lambda a: ["/"], expect='id="key-worker"'),
    Page(
        "Person's page",
        KEY_WORKER,
        lambda a: [f"/people/{person}" for person in a.people],
        expect='id="key-worker"',
    ),
    Page("Home: caseload", KEY_WORKER, lambda a: ["/"], expect='id="people-you-work-with"'),
    Page("My caseload", KEY_WORKER, lambda a: ["/caseload"], expect='id="caseload-results"'),
    Page("Need help now?", ANONYMOUS, lambda a: ["/help"]),
]


@dataclass(frozen=True)
class Settings:
    people: int
    seconds: float
    concurrency: int
    max_requests: int
    accounts: int
    workers: int
    driver: str
    reuse_db: bool

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ

        def number(name: str, default: int) -> int:
            value = int(env.get(name) or default)
            if value < 1:
                raise ValueError(f"{name} must be at least 1")
            return value

        driver = (env.get("BENCH_DRIVER") or "auto").lower()
        if driver == "auto":
            driver = "wrk" if wrk_available() else "python"
        if driver not in ("wrk", "python"):
            raise ValueError("BENCH_DRIVER must be wrk, python or auto")
        if driver == "wrk" and not wrk_available():
            raise ValueError("BENCH_DRIVER=wrk but wrk is not installed (apt-get install wrk)")
        return cls(
            people=number("BENCH_PEOPLE", BUDGET_PEOPLE),
            seconds=float(number("BENCH_SECONDS", 10)),
            concurrency=number("BENCH_CONCURRENCY", 8),
            max_requests=number("BENCH_MAX_REQUESTS", 200_000),
            accounts=number("BENCH_ACCOUNTS", 16),
            workers=number("BENCH_WORKERS", 2),
            driver=driver,
            reuse_db=env.get("BENCH_REUSE_DB") == "1",
        )


def log(message: str = "") -> None:
    print(message, flush=True)


def drive(settings: Settings, port: int, targets: list[Target], seconds: float) -> LoadResult:
    runner = run_wrk if settings.driver == "wrk" else run_python
    return runner(port, targets, seconds, settings.concurrency, settings.max_requests)


@dataclass(frozen=True)
class Measured:
    result: LoadResult
    server_p95_ms: float | None
    other_cpu: float | None


def measure(
    settings: Settings, server: Gunicorn, targets: list[Target], meter: CpuMeter
) -> Measured:
    """Warm up, then load for BENCH_SECONDS: client latency, server p95, and
    how much CPU other work on the machine took meanwhile."""
    drive(settings, server.port, targets, min(2.0, max(1.0, settings.seconds / 5)))
    mark = server.log_mark()
    meter.watch_group(server.pgid)
    before = meter.sample()
    result = drive(settings, server.port, targets, settings.seconds)
    other_cpu = CpuMeter.other_percent(before, meter.sample())
    return Measured(result, server.server_p95_ms(mark), other_cpu)


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PORTAL_ENV", None)
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_hex(32),
        SIGN_IN_LIMIT_PER_ADDRESS="1000 per minute",
        PYTHONUNBUFFERED="1",
    )
    return env


def targets_for(page: Page, accounts: list[Account]) -> list[Target]:
    """Every account's paths, interleaved so that neighbours differ in account."""
    per_account = [[Target(path, a.cookie) for path in page.paths(a)] for a in accounts]
    return [t for group in zip_longest(*per_account) for t in group if t is not None]


def sign_in_accounts(port: int, chosen: seed.Accounts) -> dict[str, list[Account]]:
    started = time.perf_counter()
    accounts: dict[str, list[Account]] = {ANONYMOUS: [Account(ANONYMOUS)]}
    accounts[SERVICE_USER] = [
        Account(SERVICE_USER, email, sign_in(port, email, seed.BENCH_PASSWORD))
        for email in chosen.service_users
    ]
    accounts[KEY_WORKER] = [
        Account(KEY_WORKER, kw.email, sign_in(port, kw.email, seed.BENCH_PASSWORD), kw.people)
        for kw in chosen.key_workers
    ]
    signed_in = len(accounts[SERVICE_USER]) + len(accounts[KEY_WORKER])
    log(f"Signed in {signed_in} accounts ({time.perf_counter() - started:.1f} s)")
    return accounts


def check_page(port: int, page: Page, targets: list[Target]) -> tuple[int, int, str]:
    """Ask for a few of the page's targets as a browser would; all must answer
    200 with the expected content. Returns the first one's sizes and HTML."""
    if not targets:
        raise LoadError(f"{page.name}: no {page.role} to sign in as in the bench database")
    sample = targets[:: max(1, len(targets) // 5)][:5]
    first: tuple[int, int, str] | None = None
    for target in sample:
        response = fetch(port, target)
        if response.status != 200:
            raise LoadError(f"{page.name}: GET {target.path} answered {response.status}")
        if page.expect and page.expect not in response.text:
            raise LoadError(f"{page.name}: GET {target.path} lacks {page.expect!r}")
        if first is None:
            first = (len(response.body), gzipped_size(response.body), response.text)
    assert first is not None  # the sample holds at least one target
    return first


def collect_assets(port: int, assets: list[tuple[str, bool]]) -> dict[str, tuple[int, int]]:
    """Raw and gzipped size of each stylesheet and script, following the
    imports of ES modules (none since portal.min.js is one bundle; kept so that
    an unbundled module is still counted whole)."""
    sizes: dict[str, tuple[int, int]] = {}
    queue = list(assets)
    while queue:
        url, is_module = queue.pop(0)
        if url in sizes:
            continue
        response = fetch(port, Target(url))
        if response.status != 200:
            raise LoadError(f"GET {url} answered {response.status}")
        sizes[url] = (len(response.body), gzipped_size(response.body))
        if is_module:
            queue += [(imported, True) for imported in module_imports(response.text, url)]
    return dict(sorted(sizes.items()))


def git_description() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return commit + (" with uncommitted changes" if dirty else "")


def benchmark(settings: Settings) -> list[str]:
    url = seed.bench_database_url()
    if settings.reuse_db and seed.existing_people(url) == settings.people:
        log(f"Reusing the bench database with {settings.people:,} people (BENCH_REUSE_DB=1)")
        # A reused database may predate newer migrations; applying them is cheap.
        engine = create_engine(url)
        upgrade(engine)
        engine.dispose()
    else:
        seed.prepare_database(url)
        seed.seed(url, settings.people)
    chosen = seed.pick_accounts(url, settings.accounts)
    env = server_env(seed.libpq_url(url))
    root = Path(PROJECT_ROOT)

    meter = CpuMeter(make_url(url).database or "")
    log(f"\nHello ceiling: tests.bench.hello under gunicorn, {settings.seconds:.0f} s")
    with Gunicorn("tests.bench.hello:app", env, settings.workers, root) as hello:
        hello.wait_ready("/")
        measured = measure(settings, hello, [Target("/")], meter)
        result = measured.result
        ceiling = PageRow(
            'Bare Flask "hello"',
            "/",
            ANONYMOUS,
            result,
            measured.server_p95_ms,
            other_cpu=measured.other_cpu,
        )
        hello_body = fetch(hello.port, Target("/")).body
        ceiling.html_bytes, ceiling.html_gzip_bytes = len(hello_body), gzipped_size(hello_body)
        gunicorn_settings = hello.settings
        log(f"  {result.requests} requests, {result.throughput:.0f} req/s")

    rows: list[PageRow] = []
    with Gunicorn("portal:create_app()", env, settings.workers, root) as portal:
        portal.wait_ready("/sign-in")
        accounts = sign_in_accounts(portal.port, chosen)
        for page in PAGES:
            targets = targets_for(page, accounts[page.role])
            html_bytes, html_gzip, html = check_page(portal.port, page, targets)
            log(f"{page.name}: {len(targets)} paths, {settings.seconds:.0f} s")
            measured = measure(settings, portal, targets, meter)
            result = measured.result
            rows.append(
                PageRow(
                    page.name,
                    targets[0].path,
                    page.role,
                    result,
                    measured.server_p95_ms,
                    html_bytes,
                    html_gzip,
                    assets_in(html),
                    page.budget,
                    measured.other_cpu,
                )
            )
            log(
                f"  {result.requests} requests, {result.throughput:.0f} req/s, "
                f"p95 {result.p95_ms:.1f} ms, {result.errors} errors"
            )
        asset_sizes = collect_assets(portal.port, [a for row in rows for a in row.assets])

    return report(settings, rows, ceiling, asset_sizes, gunicorn_settings)


def report(
    settings: Settings,
    rows: list[PageRow],
    ceiling: PageRow,
    asset_sizes: dict[str, tuple[int, int]],
    gunicorn_settings: str,
) -> list[str]:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Portal benchmark, {now}, {git_description()}",
        f"{settings.people:,} service users in PostgreSQL; {os.cpu_count()} cores "
        f"({platform.machine()}); {gunicorn_settings} on 127.0.0.1",
        f"Load: {settings.driver}, {settings.concurrency} connections, "
        f"{settings.seconds:.0f} s per page (after a short warm-up), "
        f"at most {settings.max_requests:,} requests per page",
        "Latency is seen by the client (includes queueing for a worker); "
        "'srv p95' is gunicorn's own request time from its access log.",
        "HTML sizes are for one example of each page; gzip level 6.",
        "'other CPU' is the share of the machine's CPU that work outside the benchmark "
        "took during that page's load: when high, that row is understated.",
        "",
        *table(rows, ceiling),
        "",
        "CSS and JavaScript loaded by the pages (first load, gzip level 6):",
    ]
    total_raw = total_gzip = 0
    for asset, (raw, gzipped) in asset_sizes.items():
        total_raw += raw
        total_gzip += gzipped
        lines.append(f"  {asset:<46} {raw / 1024:8.1f} KB {gzipped / 1024:8.1f} KB gzip")
    lines.append(f"  {'Total':<46} {total_raw / 1024:8.1f} KB {total_gzip / 1024:8.1f} KB gzip")

    warnings: list[str] = []
    noisy = [
        f"{row.name} ({row.other_cpu:.0f}%)"
        for row in [ceiling, *rows]
        if row.other_cpu is not None and row.other_cpu > BUSY_CPU_PERCENT
    ]
    if noisy:
        warnings.append(
            "other work on the machine took CPU during: "
            + ", ".join(noisy)
            + "; those rows are understated (run again when the machine is quiet)"
        )
    checks: list[str] = []
    unexpected = sorted(set(asset_sizes) - set(EXPECTED_ASSETS))
    missing = sorted(set(EXPECTED_ASSETS) - set(asset_sizes))
    if unexpected or missing:
        warnings.append(
            "pages load a different set of CSS/JS than expected: "
            f"extra {unexpected or 'none'}, not loaded {missing or 'none'}"
        )

    def check(ok: bool, text: str) -> None:
        checks.append(f"  [{'ok' if ok else 'MISSED'}] {text}")
        if not ok:
            warnings.append(f"budget missed: {text}")

    scale = (
        ""
        if settings.people >= BUDGET_PEOPLE
        else f" (measured with {settings.people:,} people, not {BUDGET_PEOPLE:,})"
    )
    for row in rows:
        if row.budget_page:
            check(
                row.result.p95_ms <= BUDGET_P95_MS,
                f"{row.name} p95 {row.result.p95_ms:.1f} ms at the client "
                f"<= {BUDGET_P95_MS:.0f} ms{scale}",
            )
            if row.server_p95_ms is not None:
                check(
                    row.server_p95_ms <= BUDGET_P95_MS,
                    f"{row.name} p95 {row.server_p95_ms:.1f} ms in the server "
                    f"<= {BUDGET_P95_MS:.0f} ms{scale}",
                )
    for row in rows:
        if row.html_gzip_bytes is not None:
            check(
                row.html_gzip_bytes <= BUDGET_HTML_GZIP_BYTES,
                f"{row.name} HTML {row.html_gzip_bytes / 1024:.1f} KB gzip "
                f"<= {BUDGET_HTML_GZIP_BYTES // 1024} KB",
            )
    check(
        total_gzip <= BUDGET_ASSETS_GZIP_BYTES,
        f"CSS+JS {total_gzip / 1024:.1f} KB gzip <= {BUDGET_ASSETS_GZIP_BYTES // 1024} KB",
    )
    for row in rows:
        if row.result.errors:
            warnings.append(f"{row.name}: {row.result.errors} requests failed")
    lines += ["", "Budgets (DESIGN §10):", *checks]
    if warnings:
        lines += ["", *(f"WARNING: {warning}" for warning in warnings)]
    return lines


def _stop_on_sigterm(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds the with-blocks, which stop gunicorn


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    started = time.perf_counter()
    try:
        settings = Settings.from_env()
        log(
            f"Benchmark: {settings.people:,} people, {settings.seconds:.0f} s per page, "
            f"{settings.concurrency} connections, driver {settings.driver}"
        )
        lines = benchmark(settings)
    except KeyboardInterrupt:
        log("\nInterrupted; gunicorn stopped.")
        return 130
    except (LoadError, ServerError, ValueError, OSError) as error:
        log(f"\nBenchmark failed: {error}")
        return 1
    text = "\n".join(lines) + "\n"
    log("\n" + text)
    RESULTS_FILE.write_text(text)
    log(f"Written to {RESULTS_FILE.name} ({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
