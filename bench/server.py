"""A production-like StretchSite for measurements, and wrk to drive it.

`production_server()` prepares a database with the demo content (a fresh SQLite file in a
temporary directory, or the scratch database in BENCH_DATABASE_URL), runs collectstatic
with whitenoise's compressed manifest storage, starts gunicorn with DJANGO_DEBUG=0 on a
free loopback port and always stops it again. Requests carry `X-Forwarded-Proto: https`,
as nginx would send them, so the production security settings (https redirect, HSTS,
secure cookies) stay on, and `Accept-Encoding: br, gzip`, as browsers do, so responses are
compressed as in real use.
"""

import contextlib
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
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# What every browser sends: pages leave gzipped, static files as their .br copies.
BROWSER_HEADERS = {"Accept-Encoding": "br, gzip"}

# Local-only values: this server listens on 127.0.0.1 and lives for one measurement.
LOCAL_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "local-only-benchmark-key-not-secret-never-use-in-production-0123",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DJANGO_LOG_LEVEL": "WARNING",
}


def free_port() -> int:
    wanted = os.environ.get("BENCH_PORT", "").strip()
    if wanted:
        return int(wanted)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(LOCAL_ENV)
    # Never an ambient DATABASE_URL: the demo content is written into this database.
    env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or (
        f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    env["DJANGO_STATIC_ROOT"] = str(ROOT / "staticfiles")
    env["DJANGO_MEDIA_ROOT"] = str(workdir / "media")
    env["DJANGO_CACHE_DIR"] = str(workdir / "cache")  # without REDIS_URL: this run's own
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def fetch(url: str, headers: dict[str, str] | None = None, timeout: float = 10):
    """(status, headers, body) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, headers={**PROXY_HEADERS, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@dataclass
class Server:
    base_url: str
    env: dict[str, str]
    process: subprocess.Popen

    def url(self, path: str) -> str:
        return self.base_url + path


@contextlib.contextmanager
def production_server(
    workers: int = 2, env: dict[str, str] | None = None, serve_env: dict[str, str] | None = None
):
    """A server of its own (database, cache) with `env` added to the usual settings, and
    `serve_env` to those of gunicorn only (not of preparing the database)."""
    # A stop request (Ctrl-C, kill) must still run the cleanup below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="stretchsite-bench-"))
    process = None
    try:
        env = {**server_env(workdir), **(env or {})}
        print(f"Preparing: database {env['DATABASE_URL'].split('@')[-1]}", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        env.update(serve_env or {})
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        cache = env.get("REDIS_URL") or "in-process (per worker; set REDIS_URL to share)"
        print(f"Starting gunicorn, {workers} workers, {base_url}, cache: {cache}", flush=True)
        process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "stretchsite.wsgi",
                "--workers", str(workers),
                "--bind", f"127.0.0.1:{port}",
                "--log-level", "warning",
                "--backlog", "2048",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )  # fmt: skip
        wait_until_healthy(base_url, process)
        yield Server(base_url=base_url, env=env, process=process)
    finally:
        if process is not None:
            stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def wait_until_healthy(base_url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        with contextlib.suppress(OSError):
            if fetch(base_url + "/healthz", timeout=2)[0] == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {seconds:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's master (it stops its workers), SIGKILL to the group if stuck."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    print("Server stopped.", flush=True)


# A wrk script that counts responses by status and reports the run as one JSON line.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  statuses = {}
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      merged[tostring(status)] = (merged[tostring(status)] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(merged) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %f, "p50_ms": %f, "p99_ms": %f, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "bad_status": %d, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status, table.concat(parts, ", ")))
end
"""


@dataclass
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    statuses: dict[int, int]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    @property
    def not_2xx_3xx(self) -> int:
        return sum(count for status, count in self.statuses.items() if not 200 <= status < 400)


def wrk(
    url: str,
    seconds: float,
    connections: int = 50,
    threads: int = 2,
    headers: dict[str, str] | None = None,
) -> WrkResult:
    """Drive `url` with wrk, sending the headers nginx and a browser would."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["--timeout", "10s", "-s", script.name]
    for name, value in {**PROXY_HEADERS, **BROWSER_HEADERS, **(headers or {})}.items():
        command += ["-H", f"{name}: {value}"]
    try:
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    return WrkResult(
        requests=data["requests"],
        seconds=data["seconds"],
        p50_ms=data["p50_ms"],
        p99_ms=data["p99_ms"],
        socket_errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
        statuses={int(status): count for status, count in data["statuses"].items()},
    )


def settle(server: "Server", seconds: float = 60) -> None:
    """Wait until requests queued by the previous wrk run are served (gunicorn's sync
    workers finish them even after wrk has gone), so they do not slow the next run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        fetch(server.url("/healthz"), timeout=seconds)
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
