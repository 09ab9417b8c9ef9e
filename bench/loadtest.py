"""`make loadtest`: bounded load on the main pages of a production-like server.

Each page gets LOADTEST_CONNECTIONS (50) connections for LOADTEST_SECONDS (30) with wrk.
Prints requests/s, p50/p99 latency, socket errors and responses that were not 2xx/3xx.
Exits non-zero on any socket error, 5xx or other non-2xx/3xx answer. A page whose URL
answers 404 before any load (a feature not built yet) is reported and skipped.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import fetch, production_server, require_wrk, settle, wrk  # noqa: E402

PAGES = [
    ("home", "/"),
    ("list", "/exercises/"),
    ("exercise", "/exercises/dynamic-back-stretch-standing/"),
    ("search", "/search/?q=stretch"),
    ("API list", "/api/exercises/"),
    ("API exercise", "/api/exercises/dynamic-back-stretch-standing/"),
]


def main() -> int:
    require_wrk()
    seconds = float(os.environ.get("LOADTEST_SECONDS", "30"))
    connections = int(os.environ.get("LOADTEST_CONNECTIONS", "50"))
    failed = False
    rows = []
    with production_server(workers=2) as server:
        print(f"\nLoad: {connections} connections, {seconds:g} s per page, wrk -t2\n")
        for name, path in PAGES:
            status = fetch(server.url(path))[0]
            if status == 404:
                print(f"  {name:<13} {path}: 404 before load, not built yet? Skipped.")
                rows.append((name, path, None))
                continue
            if not 200 <= status < 400:
                print(f"  {name:<13} {path}: answers {status} before load.")
                failed = True
            settle(server)
            result = wrk(server.url(path), seconds, connections=connections)
            rows.append((name, path, result))
            print(f"  {name:<13} done: {result.rate:,.0f} req/s", flush=True)

    print(f"\n{'page':<13} {'path':<46} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'errors':>7} {'non-2xx/3xx':>12} {'5xx':>5}")  # fmt: skip
    for name, path, result in rows:
        if result is None:
            print(f"{name:<13} {path:<46} {'skipped: 404 (not built yet)':>52}")
            continue
        print(
            f"{name:<13} {path:<46} {result.rate:>8,.0f} {result.p50_ms:>8.1f} "
            f"{result.p99_ms:>8.1f} {result.socket_errors:>7} {result.not_2xx_3xx:>12} "
            f"{result.server_errors:>5}"
        )
        if result.socket_errors or result.not_2xx_3xx or result.server_errors:
            failed = True
            print(f"{'':<13} statuses: {dict(sorted(result.statuses.items()))}")
    print("\nRequirement: zero errors, zero 5xx:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
