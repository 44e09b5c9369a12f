"""Signing in like a browser, and driving a server with bounded load.

Two drivers send the same traffic, only ever to 127.0.0.1, and both stop by
themselves after ``seconds`` or ``max_requests``, whichever comes first:
``wrk`` (Debian's package, used when installed: it costs the 2-core machine
far less CPU) and a Python one (threads, one keep-alive connection each).
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from tests.bench.stats import percentile

HOST = "127.0.0.1"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
USER_AGENT = "portal-bench/1"


class LoadError(RuntimeError):
    """A driver could not run, or a page did not answer as expected."""


@dataclass(frozen=True)
class Target:
    """One request to send: a path and the Cookie header to send with it."""

    path: str
    cookie: str = ""


@dataclass(frozen=True)
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """A keep-alive connection with a cookie jar: enough to sign in."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Response:
        headers = {"User-Agent": USER_AGENT}
        if self.cookies:
            headers["Cookie"] = self.cookie_header
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            raw = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            self.connection.close()  # the server closed an idle connection: once more
            self.connection.request(method, path, body=body, headers=headers)
            raw = self.connection.getresponse()
        response = Response(raw.status, raw.headers, raw.read())
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def close(self) -> None:
        self.connection.close()


def sign_in(port: int, email: str, password: str) -> str:
    """Sign in through the real form; return the Cookie header of the session."""
    browser = Browser(port)
    try:
        page = browser.get("/sign-in")
        match = CSRF_FIELD.search(page.text)
        if page.status != 200 or not match:
            raise LoadError(f"GET /sign-in answered {page.status} without a CSRF token")
        answer = browser.request(
            "POST",
            "/sign-in",
            {"csrf_token": match.group(1), "email": email, "password": password},
        )
        if answer.status != 303:
            raise LoadError(f"signing in as {email} answered {answer.status}, not 303")
        return browser.cookie_header
    finally:
        browser.close()


def fetch(port: int, target: Target) -> Response:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if target.cookie:
        headers["Cookie"] = target.cookie
    try:
        connection.request("GET", target.path, headers=headers)
        raw = connection.getresponse()
        return Response(raw.status, raw.headers, raw.read())
    finally:
        connection.close()


@dataclass(frozen=True)
class LoadResult:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    error_detail: str = ""

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def run_python(
    port: int, targets: list[Target], seconds: float, concurrency: int, max_requests: int
) -> LoadResult:
    """Threads, each with one keep-alive connection (reopened whenever the
    server closes it, as gunicorn's sync workers do after every response)."""
    if not targets:
        raise LoadError("no targets to drive")
    stop = threading.Event()
    lock = threading.Lock()
    latencies: list[float] = []
    failures: dict[str, int] = {}
    sent = 0

    def worker(offset: int) -> None:
        nonlocal sent
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        mine: list[float] = []
        my_failures: dict[str, int] = {}
        index = offset
        while not stop.is_set():
            with lock:
                if sent >= max_requests:
                    break
                sent += 1
            target = targets[index % len(targets)]
            index += 1
            headers = {"User-Agent": USER_AGENT}
            if target.cookie:
                headers["Cookie"] = target.cookie
            started = time.perf_counter()
            try:
                connection.request("GET", target.path, headers=headers)
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                if response.status != 200:
                    key = f"HTTP {response.status}"
                    my_failures[key] = my_failures.get(key, 0) + 1
                else:
                    mine.append(elapsed * 1000)
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                key = type(error).__name__
                my_failures[key] = my_failures.get(key, 0) + 1
                connection.close()
        connection.close()
        with lock:
            latencies.extend(mine)
            for key, count in my_failures.items():
                failures[key] = failures.get(key, 0) + count

    threads = [
        threading.Thread(target=worker, args=(n * 7,), daemon=True) for n in range(concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    try:
        deadline = started + seconds
        for thread in threads:
            thread.join(max(0.0, deadline - time.perf_counter()))
        stop.set()
        for thread in threads:
            thread.join(35)  # one request's timeout at most
    finally:
        stop.set()
    elapsed = time.perf_counter() - started
    latencies.sort()
    errors = sum(failures.values())
    return LoadResult(
        requests=len(latencies) + errors,
        errors=errors,
        seconds=elapsed,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        error_detail=", ".join(f"{key}: {count}" for key, count in sorted(failures.items())),
    )


WRK_SCRIPT = """
local targets = %(targets)s
local max_per_thread = %(max_per_thread)d
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

function init(args)
  counter = offset
  answered = 0
  bad = 0
end

function request()
  counter = counter + 1
  local target = targets[(counter %% #targets) + 1]
  if target[2] ~= "" then
    return wrk.format("GET", target[1], {["Cookie"] = target[2]})
  end
  return wrk.format("GET", target[1])
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then bad = bad + 1 end
  if answered >= max_per_thread then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("bad") end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%f %%f %%f\\n",
    summary.requests, summary.duration, not_ok, e.connect, e.read, e.write, e.timeout,
    e.status, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def _lua_string(value: str) -> str:
    return json.dumps(value)  # ASCII paths and cookies: JSON quoting is valid Lua


def run_wrk(
    port: int, targets: list[Target], seconds: float, concurrency: int, max_requests: int
) -> LoadResult:
    if not targets:
        raise LoadError("no targets to drive")
    wrk_threads = max(1, min(2, concurrency))
    lua_targets = (
        "{\n"
        + ",\n".join(
            f"  {{{_lua_string(target.path)}, {_lua_string(target.cookie)}}}" for target in targets
        )
        + "\n}"
    )
    script = WRK_SCRIPT % {
        "targets": lua_targets,
        "max_per_thread": max(1, max_requests // wrk_threads),
    }
    with tempfile.TemporaryDirectory(prefix="portal-bench-wrk-") as workdir:
        script_path = Path(workdir) / "bench.lua"
        script_path.write_text(script)
        command = [
            "wrk",
            "--threads",
            str(wrk_threads),
            "--connections",
            str(concurrency),
            "--duration",
            f"{max(1, round(seconds))}s",
            "--timeout",
            "30s",
            "--script",
            str(script_path),
            f"http://{HOST}:{port}/",
        ]
        try:
            finished = subprocess.run(  # noqa: S603 - fixed command, loopback only
                command, capture_output=True, text=True, timeout=seconds + 60, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise LoadError("wrk did not stop in time") from error
    line = next(
        (line for line in finished.stdout.splitlines() if line.startswith("BENCH_RESULT ")), None
    )
    if finished.returncode != 0 or line is None:
        raise LoadError(f"wrk failed ({finished.returncode}):\n{finished.stdout}{finished.stderr}")
    fields = line.split()[1:]
    requests, duration_us, not_ok, connect, read, write, timeout = (int(f) for f in fields[:7])
    p50, p95, p99 = (float(f) / 1000 for f in fields[8:11])
    socket_errors = connect + read + write + timeout
    detail = [f"HTTP not 200: {not_ok}"] if not_ok else []
    for name, count in (("connect", connect), ("read", read), ("write", write)):
        if count:
            detail.append(f"{name}: {count}")
    if timeout:
        detail.append(f"timeout: {timeout}")
    return LoadResult(
        requests=requests,
        errors=not_ok + socket_errors,
        seconds=duration_us / 1_000_000,
        p50_ms=p50,
        p95_ms=p95,
        p99_ms=p99,
        error_detail=", ".join(detail),
    )
