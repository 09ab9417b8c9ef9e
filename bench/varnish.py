"""Varnish in front of StretchSite: what it buys, and how soon an edit gets through it.

1. Requests/s for one exercise page through Varnish (deploy/varnish/default.vcl: a cache hit
   every time) beside the same page served by gunicorn alone from the app's own page cache,
   the way `make bench` measures it. The two runs take turns, BENCH_ROUNDS times
   (default 3) of BENCH_SECONDS each (default 5), BENCH_CONNECTIONS connections (default
   50); the median round is reported, and the ratio of each round.
2. From an admin save to the new page through Varnish: an editor saves the exercise in the
   admin (through Varnish, as in production) with a new introduction; then a reader asks
   Varnish for the page until it shows it. BENCH_EDITS saves (default 10): how long the
   save took (it waits for the purge), how long after it the new page was first served, and
   the two together; medians and the slowest.

The server is bench/server.py's production-like gunicorn (2 workers, DJANGO_DEBUG=0, demo
content, its own database), with DJANGO_SHARED_CACHE_SECONDS and DJANGO_PURGE_URLS pointing
at a varnishd started on a free loopback port; both are stopped in every case. The editor
works over plain http, so this server leaves the https redirect and secure cookies off.
Needs varnishd with varnish-modules (apt-get install varnish varnish-modules) and wrk.
"""

import os
import secrets
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server import (  # noqa: E402
    BROWSER_HEADERS,
    ROOT,
    fetch,
    free_port,
    production_server,
    require_wrk,
    settle,
    wrk,
)

from tests.admin_forms import form_data  # noqa: E402
from tests.app_servers import Browser, log_in_to_admin  # noqa: E402
from tests.varnish_support import missing_varnish, varnish  # noqa: E402

EXERCISE_PATH = "/exercises/dynamic-back-stretch-standing/"
PASSWORD = secrets.token_urlsafe(16)


def create_editor(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from django.contrib.auth.models import User; "
         f"User.objects.create_superuser('bench', 'bench@example.com', {PASSWORD!r})"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip


def throughput(front_url: str, server, seconds: float, connections: int, rounds: int):
    through_varnish, direct = front_url + EXERCISE_PATH, server.url(EXERCISE_PATH)
    for url in (through_varnish, direct):  # fill both caches
        fetch(url, headers=BROWSER_HEADERS)
    served = fetch(through_varnish, headers=BROWSER_HEADERS)[1]
    if served.get("X-Cache") != "hit":
        raise SystemExit(f"Varnish does not cache the page: X-Cache {served.get('X-Cache')}")
    runs: dict[str, list] = {"through Varnish (hit)": [], "gunicorn, page cache hit": []}
    for number in range(1, rounds + 1):
        for name, url in zip(runs, (through_varnish, direct), strict=True):
            settle(server)
            print(f"Measuring, round {number} of {rounds}: {name}...", flush=True)
            runs[name].append(wrk(url, seconds, connections))
    lines = [
        f"(1) Exercise page, {connections} connections, {rounds} rounds of {seconds:g} s (medians)",
        f"    {'':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}",
    ]
    for name, results in runs.items():
        errors = sum(r.socket_errors + r.not_2xx_3xx for r in results)
        lines.append(
            f"    {name:<28}{statistics.median(r.rate for r in results):>9,.0f}"
            f"{statistics.median(r.p50_ms for r in results):>9.2f}"
            f"{statistics.median(r.p99_ms for r in results):>9.2f}{errors:>8}"
        )
    ratios = [v.rate / g.rate for v, g in zip(*runs.values(), strict=True) if g.rate]
    lines.append(
        "    Varnish / gunicorn: "
        + ", ".join(f"{ratio:.1f}x" for ratio in ratios)
        + f" (median {statistics.median(ratios):.1f}x)"
    )
    return lines


def edit_to_visible(front_url: str, change_page: str, edits: int):
    editor = Browser(front_url)
    log_in_to_admin(editor, "bench", PASSWORD)
    reader = front_url + EXERCISE_PATH
    saves, delays, totals = [], [], []
    for number in range(edits):
        fetch(reader)
        if fetch(reader)[1].get("X-Cache") != "hit":
            raise SystemExit("The page is not cached before the edit.")
        data = form_data(SimpleNamespace(content=editor.page(change_page).encode()))
        marker = f"Edited for the benchmark, {number} {secrets.token_hex(4)}."
        data["intro"] = marker
        started = time.perf_counter()
        status, url, text = editor.request(change_page, data)
        saved = time.perf_counter()
        if status != 200 or urllib.parse.urlsplit(url).path == change_page:
            raise SystemExit(f"The save failed ({status}): {text[:500]}")
        polls = 0
        while marker not in fetch(reader)[2].decode():
            polls += 1
            if time.perf_counter() - saved > 30:
                raise SystemExit("The edit did not show through Varnish within 30 s.")
        shown = time.perf_counter()
        saves.append(saved - started)
        delays.append(shown - saved)
        totals.append(shown - started)
        print(
            f"Edit {number + 1}: saved in {1000 * (saved - started):.0f} ms, "
            f"shown {1000 * (shown - saved):.1f} ms later ({polls} stale answers)",
            flush=True,
        )
    lines = [f"(2) From an admin save to the new page through Varnish, {edits} saves"]
    for name, values in (
        ("the save (POST and redirect; waits for the purge)", saves),
        ("then until Varnish served the new page", delays),
        ("from the save's request to the new page", totals),
    ):
        lines.append(
            f"    {name:<52} median {1000 * statistics.median(values):>7.1f} ms, "
            f"slowest {1000 * max(values):>7.1f} ms"
        )
    return lines


def main() -> None:
    require_wrk()
    missing = missing_varnish()
    if missing:
        sys.exit(missing)
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "50"))
    edits = int(os.environ.get("BENCH_EDITS", "10"))
    front_port = free_port()
    env = {"DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_COOKIES": "0"}
    # Not while the demo content is loaded: Varnish starts after gunicorn.
    serve_env = {
        "DJANGO_SHARED_CACHE_SECONDS": "86400",
        "DJANGO_PURGE_URLS": f"http://127.0.0.1:{front_port}/",
    }
    with production_server(env=env, serve_env=serve_env) as server:
        create_editor(server.env)
        pk = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c",
             "from exercises.models import Exercise; "
             f"print(Exercise.objects.get(slug={EXERCISE_PATH.split('/')[2]!r}).pk)"],
            cwd=ROOT, env=server.env, check=True, capture_output=True, text=True,
        ).stdout.split()[-1]  # fmt: skip
        app_port = int(server.base_url.rsplit(":", 1)[1])
        with varnish([app_port], port=front_port) as front:
            print(f"Varnish at {front.url}, in front of {server.base_url}", flush=True)
            lines = throughput(front.url, server, seconds, connections, rounds)
            lines += edit_to_visible(front.url, f"/admin/exercises/exercise/{pk}/change/", edits)
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
