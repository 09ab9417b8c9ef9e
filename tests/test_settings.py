"""Production refuses to start half-configured; development needs nothing set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_development_needs_no_configuration():
    result = run_check()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DJANGO_DEBUG": "0"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_and_names_the_missing_variable(env, missing):
    result = run_check(**env)
    assert result.returncode != 0
    assert f"{missing} must be set when DJANGO_DEBUG=0" in result.stderr


def test_production_starts_when_configured():
    result = run_check(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 50, DJANGO_ALLOWED_HOSTS="stretch.example"
    )
    assert result.returncode == 0, result.stderr


def test_a_purge_target_without_its_api_token_names_both_variables():
    result = run_check(DJANGO_PURGE_CLOUDFLARE_ZONE="023e105f4ecef8ad9ca31a8372d0c353")
    assert result.returncode != 0
    assert (
        "DJANGO_PURGE_CLOUDFLARE_ZONE and DJANGO_PURGE_CLOUDFLARE_TOKEN must be set together"
        in result.stderr
    )
