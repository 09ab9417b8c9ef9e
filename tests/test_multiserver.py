"""Several app servers sharing one database and one cache.

An editor saves through one app server; a reader on another app server must see the change
on the very next request, with the page cache on. The servers here are real gunicorn
processes (DJANGO_DEBUG=0) sharing a SQLite file and a Redis database, as production shares
PostgreSQL and Redis; or, without REDIS_URL, as `make serve` runs its workers on one machine,
sharing the cache in files.

Redis: REDIS_TEST_URL, default redis://127.0.0.1:6379/6. Every run uses its own key prefix
and deletes its keys afterwards. Without Redis these tests skip, except under CI, where
they fail.
"""

import importlib.util
import secrets
import subprocess
import sys
import urllib.parse
from http import HTTPStatus
from types import SimpleNamespace

import pytest

from tests.admin_forms import form_data
from tests.app_servers import ROOT, Browser, app_env, app_server, manage
from tests.redis_support import redis_or_skip

SLUG = "cat-cow"  # one of the demo exercises


@pytest.fixture
def redis_prefix():
    """A key prefix of our own in the test Redis database, cleaned up afterwards."""
    client = redis_or_skip()
    prefix = f"stretchsite-test-{secrets.token_hex(6)}"
    yield prefix
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def csrf_token(browser: Browser) -> str:
    return next(cookie.value for cookie in browser.cookies if cookie.name == "csrftoken")


def log_in_to_admin(browser: Browser, username: str, password: str) -> None:
    browser.page("/admin/login/")
    token = csrf_token(browser)
    status, url, text = browser.request(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/",
         "csrfmiddlewaretoken": token},
    )  # fmt: skip
    assert status == HTTPStatus.OK and urllib.parse.urlsplit(url).path == "/admin/", text[:500]


def save_in_admin(browser: Browser, change_path: str, **changes) -> None:
    data = form_data(SimpleNamespace(content=browser.page(change_path).encode()))
    data.update(changes)
    status, url, text = browser.request(change_path, data)
    # Success redirects to the change list; a form error re-renders the change form.
    assert status == HTTPStatus.OK and urllib.parse.urlsplit(url).path != change_path, text[:2000]


@pytest.fixture(params=["redis", "files"])
def shared_cache(request):
    """The prefix of a Redis cache of the test's own, or None for the file cache."""
    if request.param == "files":
        return None
    return request.getfixturevalue("redis_prefix")


def test_edit_through_one_app_server_is_seen_through_another(tmp_path, shared_cache):
    env = app_env(tmp_path, shared_cache)
    # collectstatic (DEBUG is off: hashed, compressed files) is the slow part: run it
    # while the database is prepared.
    collectstatic = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content")
    password = secrets.token_urlsafe(16)
    exercise_pk = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('ops', 'ops@example.com', {password!r}); "
        "from exercises.models import Exercise; "
        f"print(Exercise.objects.get(slug={SLUG!r}).pk)",
    ).split()[-1]
    assert collectstatic.wait(timeout=180) == 0, collectstatic.stderr.read().decode()
    page = f"/exercises/{SLUG}/"
    new_name = f"Cat-Cow, edited {secrets.token_hex(4)}"
    new_intro = f"A changed introduction {secrets.token_hex(4)}."

    with app_server(env) as server_a, app_server(env) as server_b:
        # A reader on B looks twice, so B has had every chance to cache the page.
        for _ in range(2):
            before = server_b.page(page)
            listing_before = server_b.page("/exercises/")
        assert "Cat-Cow" in before and new_name not in before
        assert new_name not in listing_before

        log_in_to_admin(server_a, "ops", password)
        save_in_admin(
            server_a,
            f"/admin/exercises/exercise/{exercise_pk}/change/",
            name=new_name,
            intro=new_intro,
        )

        after = server_b.page(page)
        assert new_name in after, "server B still serves the old exercise page"
        assert new_intro in after
        assert new_name in server_b.page("/exercises/"), "server B still serves the old list"
        # And A, where the edit was made, agrees.
        assert new_name in server_a.page(page)

        # Unpublished through A: gone from B at once.
        status, _, _ = server_a.request(
            "/admin/exercises/exercise/",
            {"action": "unpublish", "_selected_action": [exercise_pk],
             "csrfmiddlewaretoken": csrf_token(server_a)},
        )  # fmt: skip
        assert status == HTTPStatus.OK
        assert server_b.request(page)[0] == HTTPStatus.NOT_FOUND
        assert new_name not in server_b.page("/exercises/")


SET_IN_ONE_PROCESS = "from django.core.cache import cache; cache.set('shared-check', {v!r}, 60)"
GET_IN_ANOTHER = "from django.core.cache import cache; print(cache.get('shared-check'))"


def test_with_redis_url_separate_processes_share_cache_entries(tmp_path, redis_prefix):
    env = app_env(tmp_path, redis_prefix)
    value = secrets.token_hex(8)
    manage(env, "shell", "--no-imports", "-c", SET_IN_ONE_PROCESS.format(v=value))
    assert manage(env, "shell", "--no-imports", "-c", GET_IN_ANOTHER).split()[-1] == value


def test_without_redis_url_production_processes_share_a_file_cache(tmp_path):
    env = app_env(tmp_path, redis_prefix=None)
    manage(env, "shell", "--no-imports", "-c", SET_IN_ONE_PROCESS.format(v="on-disk"))
    assert manage(env, "shell", "--no-imports", "-c", GET_IN_ANOTHER).split()[-1] == "on-disk"


def test_runserver_keeps_its_cache_in_memory(tmp_path):
    """The control: a development process's cache is its own, so the tests above can fail."""
    env = {**app_env(tmp_path, redis_prefix=None), "DJANGO_DEBUG": "1"}
    manage(env, "shell", "--no-imports", "-c", SET_IN_ONE_PROCESS.format(v="local"))
    assert manage(env, "shell", "--no-imports", "-c", GET_IN_ANOTHER).split()[-1] == "None"


BUMP = "from exercises.cache import bump_content_generation as b; b()"
READ = "from exercises.cache import content_generation as g; print(g())"


def test_content_generation_bumped_in_one_process_is_seen_in_another(tmp_path, redis_prefix):
    """The page cache's invalidation counter lives in the shared cache, not in a process."""
    if importlib.util.find_spec("exercises.cache") is None:
        pytest.skip("exercises/cache.py (the page cache) has not landed on this branch yet")
    env = app_env(tmp_path, redis_prefix)
    before = int(manage(env, "shell", "--no-imports", "-c", READ).split()[-1])
    manage(env, "shell", "--no-imports", "-c", BUMP)
    after = int(manage(env, "shell", "--no-imports", "-c", READ).split()[-1])
    assert after > before
