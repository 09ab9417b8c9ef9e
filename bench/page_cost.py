"""What one uncached exercise page costs in process, without gunicorn or the network.

    .venv/bin/python bench/page_cost.py             # CPU ms per request
    .venv/bin/python bench/page_cost.py --callgrind # instructions per request (valgrind)

The page cache is off (DJANGO_PAGE_CACHE_SECONDS=0), so every request reads the page from
the database, renders and compresses it, as in `make bench`'s "uncached" run. The
machine's speed drifts from minute to minute, so timings only compare well within one run;
the instruction count (valgrind's callgrind, about two minutes) gives the same figure every
time and is what docs/performance.md quotes. It counts the difference between 10 and 40
requests, so start-up and first-request work (loading templates) drop out.

Uses a scratch SQLite database with the demo content, in a temporary directory.
"""

import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from server import ROOT, manage, server_env

PATH = "/exercises/dynamic-back-stretch-standing/"


def environment(workdir: Path) -> dict[str, str]:
    """`make bench`'s server settings, on a scratch SQLite file and without a shared cache."""
    env = server_env(workdir)
    env["DATABASE_URL"] = f"sqlite:///{workdir / 'page-cost.sqlite3'}"
    env.pop("REDIS_URL", None)
    env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    return env


def serve(requests: int) -> float:
    """Run `requests` uncached page requests after a warm-up; CPU seconds per request."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stretchsite.settings")
    from stretchsite.wsgi import application

    def request() -> None:
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": PATH, "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT_ENCODING": "br, gzip", "HTTP_X_FORWARDED_PROTO": "https",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
            "SCRIPT_NAME": "",
        }  # fmt: skip
        statuses = []
        response = application(environ, lambda status, headers: statuses.append(status))
        b"".join(response)
        response.close()
        if statuses != ["200 OK"]:
            raise SystemExit(f"The exercise page answered {statuses}")

    for _ in range(20):
        request()
    started = time.process_time()
    for _ in range(requests):
        request()
    return (time.process_time() - started) / max(requests, 1)


def instructions(env: dict[str, str], *counts: int) -> list[int]:
    """Instructions valgrind counts for a run of each number of requests (run in parallel)."""
    runs = [
        subprocess.Popen(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                __file__,
                "--serve",
                str(count),
            ],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for count in counts
    ]
    totals = []
    for run in runs:
        output = run.communicate()[1]
        if run.returncode:
            raise SystemExit(output)
        line = next(line for line in output.splitlines() if "Collected" in line)
        totals.append(int(line.split()[-1]))
    return totals


def main() -> int:
    if sys.argv[1:2] == ["--serve"]:
        serve(int(sys.argv[2]))
        return 0
    with tempfile.TemporaryDirectory(prefix="stretchsite-page-cost-") as workdir:
        env = environment(Path(workdir))
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        if "--callgrind" in sys.argv:
            few, many = instructions(env, 10, 40)
            print(f"Uncached exercise page: {(many - few) / 30 / 1e6:.2f} M instructions/request")
        else:
            os.environ.update(env)
            print(f"Uncached exercise page: {serve(300) * 1000:.2f} ms CPU/request (in process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
