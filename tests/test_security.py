"""Security settings an operator relies on: deploy checks, headers, CSP, login throttling."""

import gzip
import os
import re
import secrets
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse

from exercises.security import client_ip

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = ROOT / "docs" / "production.env.example"
LOGIN_URL = reverse("admin:login")


def documented_production_env() -> dict[str, str]:
    """docs/production.env.example as a dict, with a fresh secret key filled in."""
    env = {}
    for line in PRODUCTION_ENV.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    assert env["DJANGO_SECRET_KEY"] == "", "the example must not ship a usable secret"
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)
    return env


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- Deployment checks ------------------------------------------------------------------


def test_check_deploy_is_clean_with_the_documented_production_settings():
    env = documented_production_env()
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_production_defaults_are_secure_with_only_the_required_variables():
    script = (
        "from django.conf import settings as s; print("
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="stretch.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]


def test_every_environment_variable_is_documented_in_the_readme():
    settings_source = (ROOT / "stretchsite" / "settings.py").read_text()
    # os.environ.get("X"), os.environ["X"], env_bool("X", ...) and the other helpers
    pattern = r'(?:environ\.get\(|environ\[|env_\w+\()"([A-Z_]+)"'
    names = set(re.findall(pattern, settings_source)) | {"DATABASE_URL"}  # dj-database-url
    assert {"DJANGO_SECRET_KEY", "DJANGO_SECURE_HSTS_SECONDS", "REDIS_URL"} <= names
    readme = (ROOT / "README.md").read_text()
    assert [name for name in sorted(names) if f"`{name}`" not in readme] == []


def test_bad_number_in_configuration_names_the_variable():
    result = run_manage("check", DJANGO_LOGIN_FAILURE_LIMIT="five")
    assert result.returncode != 0
    assert "DJANGO_LOGIN_FAILURE_LIMIT must be a whole number" in result.stderr


# --- Response headers -------------------------------------------------------------------


def test_public_pages_send_the_security_headers(client, exercise):
    response = client.get(exercise.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("exercises:home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("exercises:home"))
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].startswith("https://")
    assert client.get(reverse("healthz")).status_code == HTTPStatus.OK


def test_pages_are_compressed_for_browsers_that_accept_it(client, exercise):
    response = client.get(exercise.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert int(response["Content-Length"]) == len(response.content)
    plain = client.get(exercise.get_absolute_url())
    assert "Content-Encoding" not in plain
    assert gzip.decompress(response.content) == plain.content


def test_compressed_pages_are_padded_to_a_random_length_against_breach(client, editor, exercise):
    # Django's gzip pads each response: one page must not always compress to one length.
    client.force_login(editor)  # staff pages are rendered afresh every time
    url = exercise.get_absolute_url()
    responses = [client.get(url, headers={"accept-encoding": "gzip"}) for _ in range(12)]
    assert {response["Content-Encoding"] for response in responses} == {"gzip"}
    assert len({gzip.decompress(response.content) for response in responses}) == 1
    assert len({len(response.content) for response in responses}) > 1


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for directive in policy.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("url_name", ["exercises:home", "exercises:list"])
def test_public_pages_forbid_inline_scripts_and_styles(client, exercise, url_name):
    policy = directives(client.get(reverse(url_name)))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]


def test_exercise_page_forbids_inline_scripts(client, exercise):
    policy = directives(client.get(exercise.get_absolute_url()))
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in " ".join(sum(policy.values(), []))


def test_admin_allows_inline_styles_but_still_no_inline_scripts(client, editor, exercise):
    client.force_login(editor)
    for url in (
        LOGIN_URL,
        reverse("admin:exercises_exercise_changelist"),
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
    ):
        policy = directives(client.get(url))
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert policy["script-src"] == ["'self'"], url


def test_public_templates_carry_no_inline_script_or_style(client, exercise):
    """What the CSP would block: inline code, style attributes, <style> blocks, other hosts."""
    urls = [
        reverse("exercises:home"),
        reverse("exercises:list"),
        exercise.get_absolute_url(),
        reverse("exercises:body_part", kwargs={"slug": exercise.body_part.slug}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        soup = BeautifulSoup(response.content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (url, script)
            assert not (script.get("src") or "").startswith(("http:", "https:", "//")), url
        assert not soup.find_all("style"), url
        assert not soup.select("[style]"), url
        handlers = [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        assert not handlers, url
        for link in soup.find_all("link", rel="stylesheet"):
            assert not link["href"].startswith(("http:", "https:", "//")), url


# --- Admin login throttling (django-axes) -----------------------------------------------
# These post the admin's login form as a browser does. The test client's login() and
# force_login() bypass the throttle (no request), and keep working.


def post_login(client, username, password, ip="192.0.2.10"):
    return client.post(
        f"{LOGIN_URL}?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_correct_password_logs_in(client, editor):
    response = post_login(client, "edna", "pw-edna-123")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"


def test_repeated_wrong_passwords_lock_the_login_with_a_clear_message(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = post_login(client, "edna", "wrong")
        assert response.status_code == HTTPStatus.OK
        assert "Please enter the correct username and password" in response.text

    response = post_login(client, "edna", "wrong")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many failed logins" in response.text
    assert "paused after 5 wrong passwords" in response.text
    assert "Try again in 60 minutes" in response.text

    # Now even the right password is refused, without being checked.
    response = post_login(client, "edna", "pw-edna-123")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_address_so_others_cannot_lock_an_editor_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "edna", "wrong", ip="198.51.100.7")
    assert post_login(client, "edna", "pw-edna-123", ip="198.51.100.7").status_code == 429
    response = post_login(client, "edna", "pw-edna-123", ip="192.0.2.10")
    assert response.status_code == HTTPStatus.FOUND


def test_successful_login_resets_the_failure_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "edna", "wrong")
    assert post_login(client, "edna", "pw-edna-123").status_code == HTTPStatus.FOUND
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = post_login(client, "edna", "wrong")
        assert response.status_code == HTTPStatus.OK
    assert post_login(client, "edna", "pw-edna-123").status_code == HTTPStatus.FOUND


def test_authenticate_with_a_request_works_and_force_login_is_unaffected(client, editor):
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "192.0.2.10"
    assert authenticate(request=request, username="edna", password="pw-edna-123") == editor
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_test_client_login_still_works(client, editor):
    assert client.login(username="edna", password="pw-edna-123")
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    assert not client.login(username="edna", password="wrong")


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a client-forged entry is skipped
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: fall back
    ],
)
def test_client_address_behind_trusted_proxies(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == expected
