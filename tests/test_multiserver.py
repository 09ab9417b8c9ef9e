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
from http import HTTPStatus

import pytest

from tests.app_servers import (
    app_env,
    app_server,
    exercise_pks,
    log_in_to_admin,
    manage,
    prepare_site,
    run_admin_action,
    save_in_admin,
)
from tests.redis_support import own_redis_prefix

SLUG = "cat-cow"  # one of the demo exercises


@pytest.fixture
def redis_prefix():
    with own_redis_prefix() as prefix:
        yield prefix


@pytest.fixture(params=["redis", "files"])
def shared_cache(request):
    """The prefix of a Redis cache of the test's own, or None for the file cache."""
    if request.param == "files":
        return None
    return request.getfixturevalue("redis_prefix")


def test_edit_through_one_app_server_is_seen_through_another(tmp_path, shared_cache):
    env = app_env(tmp_path, shared_cache)
    password = prepare_site(env)
    exercise = exercise_pks(env)[SLUG]
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
            f"/admin/exercises/exercise/{exercise}/change/",
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
        run_admin_action(server_a, "unpublish", [exercise])
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
