"""A real Varnish for tests (and bench/varnish.py): varnishd on a free loopback port, running
the repository's deploy/varnish/default.vcl in front of the app servers.

Only backends.vcl, the part that differs per deployment, is the test's own: the app servers
on their loopback ports, a quick health probe, and purges allowed from 127.0.0.1. Without
varnishd and the xkey module (`apt-get install varnish varnish-modules`) the tests skip,
except under CI, where they fail.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.app_servers import ROOT, free_port

VCL_DIR = ROOT / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VMOD_DIRS = [Path("/usr/lib/x86_64-linux-gnu/varnish/vmods"), Path("/usr/lib/varnish/vmods")]


def missing_varnish() -> str | None:
    """What is missing to run varnishd with the xkey module, if anything."""
    if not Path(VARNISHD).exists():
        return "varnishd is not installed: apt-get install varnish varnish-modules"
    if not any((directory / "libvmod_xkey.so").exists() for directory in VMOD_DIRS):
        return "Varnish's xkey module is not installed: apt-get install varnish-modules"
    return None


def varnishd_or_skip() -> str:
    missing = missing_varnish()
    if missing and os.environ.get("CI"):
        pytest.fail(f"{missing} (CI is set, so the Varnish tests must run).")
    if missing:
        pytest.skip(missing)
    return VARNISHD


def backends_vcl(app_ports: list[int]) -> str:
    """What production keeps in /etc/varnish/backends.vcl, for app servers on loopback."""
    backends = "".join(
        f"""
backend app{number} {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = healthz;
    .connect_timeout = 1s;
}}
"""
        for number, port in enumerate(app_ports)
    )
    added = "".join(f"    app.add_backend(app{number});\n" for number in range(len(app_ports)))
    return f"""
import directors;

probe healthz {{
    .request = "GET /healthz HTTP/1.1" "Host: 127.0.0.1" "Connection: close";
    .interval = 0.5s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}}
{backends}
sub vcl_init {{
    new app = directors.round_robin();
{added}}}

sub vcl_recv {{
    set req.backend_hint = app.backend();
}}

acl purgers {{
    "127.0.0.1";
}}
"""


@dataclass
class Varnish:
    url: str
    workdir: Path

    def ban_everything(self) -> None:
        request = urllib.request.Request(self.url + "/", method="BAN")
        with urllib.request.urlopen(request, timeout=5):
            pass


@contextlib.contextmanager
def varnish(app_ports: list[int], port: int | None = None):
    """varnishd in front of the app servers on `app_ports`, stopped afterwards."""
    port = port or free_port()
    workdir = Path(tempfile.mkdtemp(prefix="stretchsite-varnish-"))
    workdir.chmod(0o755)  # varnishd reads the VCL as its own unprivileged user
    # default.vcl as it is in the repository, next to a backends.vcl of the test's own.
    shutil.copy(VCL_DIR / "default.vcl", workdir)
    (workdir / "backends.vcl").write_text(backends_vcl(app_ports))
    pid_file = workdir / "varnishd.pid"
    started = subprocess.run(
        [VARNISHD, "-a", f"127.0.0.1:{port}", "-n", str(workdir / "instance"),
         "-p", f"vcl_path={workdir}", "-f", str(workdir / "default.vcl"),
         "-s", "malloc,64m", "-P", str(pid_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert started.returncode == 0, started.stdout + started.stderr
    front = Varnish(url=f"http://127.0.0.1:{port}", workdir=workdir)
    try:
        wait_until_it_answers(front.url)
        yield front
    finally:
        stop(int(pid_file.read_text()))
        shutil.rmtree(workdir, ignore_errors=True)


def wait_until_it_answers(url: str, seconds: float = 20) -> None:
    """Until a request through Varnish reaches an app server that Varnish thinks healthy."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        assert time.monotonic() < deadline, f"nothing answered through Varnish at {url}"
        time.sleep(0.2)


def stop(pid: int) -> None:
    """Stop varnishd's manager process (it stops its child) and wait until it has gone."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, 15)
    deadline = time.monotonic() + 15
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
