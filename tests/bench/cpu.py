"""How much of the machine other work used while a page was under load.

The machine is shared (other checkouts, test suites, browsers), and on two
cores a neighbour can halve the numbers. Over each measurement this reads, from
/proc, the CPU time of the whole machine and of the benchmark's own processes:
this program and its children (wrk), the gunicorn process group, and the
PostgreSQL backends connected to the bench database. The rest is other work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Sample:
    busy: int  # jiffies the machine spent on anything but idling
    total: int
    ours: int  # jiffies of the benchmark's own processes


def _machine() -> tuple[int, int]:
    with (PROC / "stat").open() as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def _process(pid: str) -> tuple[int, int] | None:
    """(process group, CPU jiffies including waited-for children)."""
    try:
        raw = (PROC / pid / "stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) "
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return int(fields[2]), utime + stime + cutime + cstime


def _is_bench_backend(pid: str, database: bytes) -> bool:
    try:
        title = (PROC / pid / "cmdline").read_bytes()
    except OSError:
        return False
    return title.startswith(b"postgres: ") and database in title.split()


class CpuMeter:
    def __init__(self, database: str) -> None:
        self.database = database.encode()
        self.groups = {os.getpgid(0)}
        self.available = (PROC / "stat").exists()

    def watch_group(self, pgid: int) -> None:
        self.groups.add(pgid)

    def sample(self) -> Sample | None:
        if not self.available:
            return None
        try:
            busy, total = _machine()
            ours = 0
            for entry in PROC.iterdir():
                if not entry.name.isdigit():
                    continue
                found = _process(entry.name)
                if found is None:
                    continue
                group, jiffies = found
                if group in self.groups or _is_bench_backend(entry.name, self.database):
                    ours += jiffies
        except (OSError, ValueError, IndexError):
            return None
        return Sample(busy, total, ours)

    @staticmethod
    def other_percent(before: Sample | None, after: Sample | None) -> float | None:
        """Share of the whole machine's CPU that other work used in between."""
        if before is None or after is None or after.total <= before.total:
            return None
        other = (after.busy - before.busy) - (after.ours - before.ours)
        return max(0.0, 100 * other / (after.total - before.total))
