"""Page weight (gzip) and the results table."""

from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urljoin

from tests.bench.load import LoadResult

GZIP_LEVEL = 6  # what gzip(1) and most web servers use
TAG = re.compile(r"<(script|link)\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)(?:\s*=\s*"([^"]*)")?')
# Static ES module imports: `import x from "./a.js"`, `import "./b.js"`.
MODULE_IMPORT = re.compile(r"""\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']""")


def gzipped_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))


def _local(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def assets_in(html: str) -> list[tuple[str, bool]]:
    """Local stylesheets and scripts a page loads, in document order, each with
    whether it is an ES module (whose imports load too)."""
    found: list[tuple[str, bool]] = []
    for tag, raw_attributes in TAG.findall(html):
        attributes = {
            name.lower(): unescape(value) for name, value in ATTRIBUTE.findall(raw_attributes)
        }
        if tag.lower() == "link":
            url = attributes.get("href", "") if attributes.get("rel") == "stylesheet" else ""
        else:
            url = attributes.get("src", "")
        if url and _local(url) and url not in (seen for seen, _ in found):
            found.append((url, attributes.get("type") == "module"))
    return found


def module_imports(source: str, url: str) -> list[str]:
    """The local modules that the module at ``url`` imports statically."""
    imported = []
    for specifier in MODULE_IMPORT.findall(source):
        if specifier.startswith(("./", "../", "/")):
            resolved = urljoin(url, specifier)
            if _local(resolved):
                imported.append(resolved)
    return imported


@dataclass
class PageRow:
    name: str
    path: str
    role: str
    result: LoadResult
    server_p95_ms: float | None
    html_bytes: int | None = None
    html_gzip_bytes: int | None = None
    assets: list[tuple[str, bool]] = field(default_factory=list)
    budget_page: bool = False
    other_cpu: float | None = None  # % of the machine used by other work meanwhile


def _ms(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:.1f}"


def _kb(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024:.1f}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def table(rows: list[PageRow], ceiling: PageRow | None) -> list[str]:
    header = (
        f"{'Page':<30} {'Path':<16} {'As':<12} {'Requests':>8} {'req/s':>7} {'% hello':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'srv p95':>7} {'Errors':>6} "
        f"{'HTML KB':>7} {'gzip KB':>7} {'other CPU':>9}"
    )
    lines = [header, "-" * len(header)]
    everything = ([ceiling] if ceiling else []) + rows
    for row in everything:
        result = row.result
        share = "-"
        if ceiling and row is not ceiling and ceiling.result.throughput > 0:
            share = f"{100 * result.throughput / ceiling.result.throughput:.0f}%"
        lines.append(
            f"{row.name[:30]:<30} {row.path[:16]:<16} {row.role[:12]:<12} "
            f"{result.requests:>8} {result.throughput:>7.0f} {share:>7} "
            f"{_ms(result.p50_ms):>7} {_ms(result.p95_ms):>7} {_ms(result.p99_ms):>7} "
            f"{_ms(row.server_p95_ms):>7} {result.errors:>6} "
            f"{_kb(row.html_bytes):>7} {_kb(row.html_gzip_bytes):>7} {_percent(row.other_cpu):>9}"
        )
    details = [
        f"  {row.name}: {row.result.error_detail}"
        for row in everything
        if row.result.errors and row.result.error_detail
    ]
    if details:
        lines += ["", "Errors:", *details]
    return lines
