"""gunicorn as a child process: started on a free loopback port, with its
access log in a file so that server-side time can be read per page, and always
stopped again (its whole process group) when the benchmark ends."""

from __future__ import annotations

import http.client
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from tests.bench.stats import percentile

HOST = "127.0.0.1"
# Request line, status and time taken in microseconds, one request a line.
ACCESS_LOG_FORMAT = "%(m)s %(U)s %(s)s %(D)s"


class ServerError(RuntimeError):
    """gunicorn did not start or answer."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def gunicorn_path() -> str:
    beside_python = Path(sys.executable).parent / "gunicorn"
    return str(beside_python) if beside_python.exists() else "gunicorn"


class Gunicorn:
    """``with Gunicorn("portal:create_app()", env) as server: ...``"""

    def __init__(self, app: str, env: dict[str, str], workers: int, cwd: Path) -> None:
        self.app = app
        self.env = env
        self.workers = workers
        self.cwd = cwd
        self.port = free_port()
        self.logdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        self.access_log = self.logdir / "access.log"
        self.error_log = self.logdir / "error.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.extra_args = shlex.split(os.environ.get("BENCH_GUNICORN_ARGS", ""))

    @property
    def settings(self) -> str:
        extra = f" {' '.join(self.extra_args)}" if self.extra_args else ""
        return f"gunicorn --workers {self.workers}{extra}"

    def __enter__(self) -> Gunicorn:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def pgid(self) -> int:
        """The process group of the master and its workers (their own session)."""
        assert self.process is not None
        return self.process.pid

    def start(self) -> None:
        command = [
            gunicorn_path(),
            "--workers",
            str(self.workers),
            "--bind",
            f"{HOST}:{self.port}",
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--error-logfile",
            str(self.error_log),
            *self.extra_args,
            self.app,
        ]
        # Its own session: Ctrl-C reaches only us, and we stop the whole group.
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command line
            command, cwd=self.cwd, env=self.env, start_new_session=True
        )

    def wait_ready(self, path: str = "/", timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise ServerError(f"gunicorn {self.app} exited:\n{self.error_tail()}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", path)
                status = connection.getresponse().status
                connection.close()
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise ServerError(f"gunicorn {self.app} did not answer in {timeout:.0f} s")

    def error_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.error_log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no error log)"

    def log_mark(self) -> int:
        """Where the access log ends now; pass it to ``server_times_ms``."""
        try:
            return self.access_log.stat().st_size
        except FileNotFoundError:
            return 0

    def server_times_ms(self, since: int) -> list[float]:
        """Time spent inside gunicorn for each request logged after ``since``."""
        time.sleep(0.2)  # let the workers write their last lines
        with self.access_log.open("rb") as log:
            log.seek(since)
            lines = log.read().decode(errors="replace").splitlines()
        times = []
        for line in lines:
            parts = line.split()
            if len(parts) == 4 and parts[3].isdigit():
                times.append(int(parts[3]) / 1000)
        return times

    def server_p95_ms(self, since: int) -> float | None:
        times = self.server_times_ms(since)
        return percentile(sorted(times), 95) if times else None

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            self._terminate(process)
        shutil.rmtree(self.logdir, ignore_errors=True)

    @staticmethod
    def _terminate(process: subprocess.Popen[bytes]) -> None:
        # TERM to the master: it stops its workers. KILL the group if it hangs.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
