"""`make bench`: how fast and how light the exercise page is, against fixed targets.

1. Exercise-page requests/s as a fraction of a static file (the stylesheet) served by the
   same gunicorn + whitenoise in the same round: the stack's ceiling, so the figure does not
   depend on the machine. "Cached" requests one URL over and over, so every request after
   the first is a page-cache hit. "304" sends the page's ETag back, as a browser revalidating
   its copy does. "Uncached" is the same page from a second, identical server whose page
   cache is off (DJANGO_PAGE_CACHE_SECONDS=0): every request reads the database and renders,
   which is what a reader after an edit costs. Every request sends `Accept-Encoding: br,
   gzip` like a browser: pages are gzipped by Django, the static file comes as whitenoise's
   pre-built brotli copy.
2. SQL queries per page for an anonymous reader, first visit and repeat, and the exercise
   page with 5 and with 60 rows in every section (bench/queries.py).
3. Bytes on the wire for an exercise page with its CSS and JS, compressed as served
   (the client accepts brotli and gzip; response bodies, headers not counted).
4. The search figures, from bench/search.py.

BENCH_SECONDS (default 5) sets each wrk run, BENCH_ROUNDS (default 3) how many times the
three runs are repeated, in turn; BENCH_CONNECTIONS (default 50).
Exits non-zero when a target is missed.
"""

import json
import os
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import (  # noqa: E402
    BROWSER_HEADERS,
    ROOT,
    fetch,
    production_server,
    require_wrk,
    settle,
    wrk,
)

EXERCISE_PATH = "/exercises/dynamic-back-stretch-standing/"
CACHED_TARGET = 0.9
NOT_MODIFIED_TARGET = 0.9
UNCACHED_TARGET = 0.05
HTML_WEIGHT_TARGET = 14_000  # bytes, the page alone, compressed: one TCP round trip
PAGE_WEIGHT_TARGET = 30_000  # bytes, page + CSS + JS, compressed
REPEAT_QUERIES_TARGET = 0  # a page-cache hit needs no database
# The same for 5 and for 60 rows per section: the exercise, one query per declared kind of
# row (exercises.sections), four for its vocabulary, two for its linked exercises, one for
# the exercises suggested instead. Issue 12 set 12, before images and alternatives.
EXERCISE_QUERIES_TARGET = 15


class Assets(HTMLParser):
    """Stylesheets and scripts a browser would fetch to show the page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and ("stylesheet" in rel or "modulepreload" in rel) and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def page_assets(server, path: str) -> list[str]:
    status, _, body = fetch(server.url(path))
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    parser = Assets()
    parser.feed(body.decode())
    return [urljoin(server.url(path), url) for url in parser.urls]


def throughput(
    server, uncached_server, seconds: float, connections: int, rounds: int
) -> tuple[list[str], bool]:
    """The four runs, static file first, repeated `rounds` times. The machine's speed drifts
    from minute to minute, so each ratio compares a page run with the static run of its own
    round; the median round is reported, with the lowest and highest ratio."""
    assets = page_assets(server, EXERCISE_PATH)
    stylesheet = next((url for url in assets if url.endswith(".css")), None)
    if stylesheet is None:
        raise SystemExit("The exercise page links no stylesheet to use as the static ceiling.")
    page = server.url(EXERCISE_PATH)
    etag = fetch(page, headers=BROWSER_HEADERS)[1]["ETag"]
    print(f"Warming up ({min(seconds, 3):g} s)...", flush=True)
    wrk(page, min(seconds, 3), connections)
    wrk(uncached_server.url(EXERCISE_PATH), min(seconds, 3), connections)
    plan = {
        "static file (ceiling)": (server, stylesheet, None),
        "exercise page, cached": (server, page, None),
        "exercise page, 304": (server, page, {"If-None-Match": etag}),
        "exercise page, uncached": (uncached_server, uncached_server.url(EXERCISE_PATH), None),
    }
    runs: dict[str, list] = {name: [] for name in plan}
    ratios: dict[str, list[float]] = {name: [] for name in plan}
    for round_number in range(1, rounds + 1):
        for name, (target_server, url, headers) in plan.items():
            settle(target_server)
            print(f"Measuring, round {round_number} of {rounds}: {name}...", flush=True)
            runs[name].append(wrk(url, seconds, connections, headers=headers))
        ceiling = runs["static file (ceiling)"][-1].rate
        for name in plan:
            ratios[name].append(runs[name][-1].rate / ceiling if ceiling else 0)
    lines = [
        f"(1) Throughput, {connections} connections, {rounds} rounds of {seconds:g} s runs, "
        "gunicorn 2 workers (medians; the ratio's lowest and highest round in brackets)",
        f"    {'':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}{'rounds':>13}   target",
    ]
    targets = {
        "exercise page, cached": CACHED_TARGET,
        "exercise page, 304": NOT_MODIFIED_TARGET,
        "exercise page, uncached": UNCACHED_TARGET,
    }
    ok = True
    for name, results in runs.items():
        ratio = statistics.median(ratios[name])
        spread = f"({min(ratios[name]):.2f}-{max(ratios[name]):.2f})" if name in targets else ""
        target = targets.get(name)
        line = (
            f"    {name:<26}{statistics.median(r.rate for r in results):>9,.0f}"
            f"{statistics.median(r.p50_ms for r in results):>9.1f}"
            f"{statistics.median(r.p99_ms for r in results):>9.1f}{ratio:>8.2f}{spread:>13}"
        )
        if target is not None:
            line += f"   >= {target:.2f}  {verdict(ratio >= target)}"
            ok &= ratio >= target
        bad = sum(r.not_2xx_3xx for r in results)
        errors = sum(r.socket_errors for r in results)
        if bad or errors:
            line += f"   ({bad} bad responses, {errors} errors)"
            ok = False
        lines.append(line)
    return lines, ok


def page_weight(server) -> tuple[list[str], bool]:
    accept = {"Accept-Encoding": "br, gzip"}
    urls = [server.url(EXERCISE_PATH), *page_assets(server, EXERCISE_PATH)]
    lines = ["(3) Exercise page on the wire, compressed as served (Accept-Encoding: br, gzip)"]
    total = 0
    ok = True
    for url in urls:
        status, headers, body = fetch(url, headers=accept)
        encoding = headers.get("Content-Encoding", "identity")
        total += len(body)
        line = f"    {len(body):>8,} B  {encoding:<8} {url.removeprefix(server.base_url)}"
        if url == urls[0]:
            html_ok = len(body) <= HTML_WEIGHT_TARGET
            line += f"   target <= {HTML_WEIGHT_TARGET:,} B  {verdict(html_ok)}"
            ok &= html_ok
        lines.append(line)
        if status != 200:
            lines.append(f"    ^ answered {status}")
    total_ok = total <= PAGE_WEIGHT_TARGET
    ok &= total_ok
    lines.append(
        f"    {total:>8,} B  total    target <= {PAGE_WEIGHT_TARGET:,} B  {verdict(total_ok)}"
    )
    return lines, ok


def queries(server) -> tuple[list[str], bool]:
    output = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "queries.py")],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("QUERIES_JSON "))
    counts = json.loads(line.removeprefix("QUERIES_JSON "))
    lines = [
        "(2) SQL queries per page, anonymous reader",
        f"    {'page':<14}{'first visit':>12}{'repeat':>8}   target for the repeat",
    ]
    ok = True
    for name, pair in counts.pop("pages").items():
        if pair is None:
            lines.append(f"    {name:<14}{'404: not built yet':>20}")
            continue
        first, repeat = pair
        hit = repeat <= REPEAT_QUERIES_TARGET
        ok &= hit
        lines.append(
            f"    {name:<14}{first:>12}{repeat:>8}   {REPEAT_QUERIES_TARGET} (page cache)  "
            f"{verdict(hit)}"
        )
    rows = counts["exercise page by rows per section"]
    flat = len(set(rows.values())) == 1 and max(rows.values()) <= EXERCISE_QUERIES_TARGET
    ok &= flat
    shown = ", ".join(f"{n} rows: {count}" for n, count in rows.items())
    lines.append(
        f"    exercise page, first visit, {shown}   target: the same, at most "
        f"{EXERCISE_QUERIES_TARGET}  {verdict(flat)}"
    )
    return lines, ok


def search_figures() -> tuple[list[str], bool]:
    script = ROOT / "bench" / "search.py"
    if not script.exists():
        return ["(4) Search: no bench/search.py yet (the search work has not landed)."], True
    print("\n(4) Search (bench/search.py)", flush=True)
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT)
    line = f"(4) Search: bench/search.py exited with {result.returncode} (its figures above)."
    return [line], result.returncode == 0


def main() -> int:
    require_wrk()
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))
    rounds = max(1, int(os.environ.get("BENCH_ROUNDS", "3")))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "50"))
    report: list[str] = []
    ok = True
    with (
        production_server(workers=2) as server,
        production_server(workers=2, env={"DJANGO_PAGE_CACHE_SECONDS": "0"}) as uncached,
    ):
        for part in (
            lambda: throughput(server, uncached, seconds, connections, rounds),
            lambda: queries(server),
            lambda: page_weight(server),
        ):
            lines, passed = part()
            report += ["", *lines]
            ok &= passed
    lines, passed = search_figures()
    report += ["", *lines]
    ok &= passed
    print("\n".join(report))
    print("\nAll targets met: PASS" if ok else "\nSome targets missed (FAIL above).")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
