"""StretchSite behind a real Varnish running deploy/varnish/default.vcl.

One Varnish in front of two app servers (gunicorn, DJANGO_DEBUG=0) that share a scratch
PostgreSQL database and a Redis key prefix, as production does; it is set up once for the
module, and each test keeps to pages of its own. The app servers tell shared caches to keep
pages for an hour and purge this Varnish after every edit (DJANGO_PURGE_URLS).

Needs varnishd with varnish-modules (xkey), PostgreSQL and Redis: without them the tests
skip, except under CI, where they fail.
"""

import contextlib
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus

import pytest

from tests.app_servers import (
    POSTGRES,
    Browser,
    app_env,
    app_server,
    exercise_pks,
    free_port,
    log_in_to_admin,
    manage,
    prepare_site,
    run_admin_action,
    save_in_admin,
    scratch_postgres,
)
from tests.redis_support import own_redis_prefix
from tests.varnish_support import VCL_DIR, varnish, varnishd_or_skip

# The module shares one set-up: xdist keeps its tests on one worker (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("varnish")


@dataclass
class Answer:
    status: int
    headers: dict
    text: str

    @property
    def from_cache(self) -> bool:
        """Varnish answered from its cache: X-Varnish names this request and the one whose
        fetch stored the page."""
        return len(self.headers["X-Varnish"].split()) == 2


def get(url: str, headers: dict | None = None) -> Answer:
    """A reader without cookies."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return Answer(answer.status, dict(answer.headers), answer.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read().decode())


def port_of(server: Browser) -> int:
    return int(server.base_url.rsplit(":", 1)[1])


@dataclass
class Site:
    url: str  # Varnish
    servers: list[Browser]
    env: dict
    password: str
    pks: dict[str, str]

    def get(self, path: str, headers: dict | None = None) -> Answer:
        return get(self.url + path, headers)

    def editor(self, browser: Browser | None = None) -> Browser:
        """An editor logged in to the admin: through Varnish, or at the app server given."""
        browser = browser or Browser(self.url)
        log_in_to_admin(browser, "ops", self.password)
        return browser

    def change_page(self, slug: str) -> str:
        return f"/admin/exercises/exercise/{self.pks[slug]}/change/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    varnishd_or_skip()
    front_port = free_port()
    with own_redis_prefix() as prefix, scratch_postgres("stretchsite_varnish") as database:
        env = app_env(tmp_path_factory.mktemp("varnish"), prefix)
        env.update(
            DATABASE_URL=f"{POSTGRES}/{database}",
            DJANGO_SHARED_CACHE_SECONDS="3600",
            DJANGO_PURGE_URLS=f"http://127.0.0.1:{front_port}/",
        )
        password = prepare_site(env)
        pks = exercise_pks(env)
        with (
            app_server(env) as one,
            app_server(env) as two,
            varnish([port_of(one), port_of(two)], port=front_port) as front,
        ):
            yield Site(front.url, [one, two], env, password, pks)


def test_the_shipped_vcl_compiles():
    varnishd = varnishd_or_skip()
    result = subprocess.run(
        [varnishd, "-C", "-p", f"vcl_path={VCL_DIR}", "-f", str(VCL_DIR / "default.vcl")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_second_anonymous_request_is_a_cache_hit(site):
    path = "/exercises/kneeling-hip-flexor-stretch/"
    first = site.get(path)
    assert first.status == HTTPStatus.OK and "Kneeling Hip Flexor Stretch" in first.text
    second = site.get(path)
    assert second.from_cache and second.headers["X-Cache"] == "hit"
    assert second.text == first.text
    assert "xkey" not in second.headers  # the tags are Varnish's business
    # A campaign link is the same page, from the same cached copy.
    tracked = site.get(path + "?utm_source=newsletter&utm_medium=email&fbclid=abc")
    assert tracked.from_cache and tracked.text == first.text
    # A browser revalidating its copy is answered by Varnish.
    again = site.get(path, {"If-None-Match": first.headers["ETag"]})
    assert again.status == HTTPStatus.NOT_MODIFIED and again.from_cache


def test_an_admin_edit_shows_on_the_next_request_and_other_pages_stay_cached(site):
    edited, linking, unrelated = (
        "/exercises/doorway-chest-stretch/",
        "/exercises/cat-cow/",  # lists the doorway stretch under "Related"
        "/exercises/standing-hamstring-stretch/",  # not linked to it
    )
    for path in (edited, linking, unrelated, "/exercises/", "/api/exercises/"):
        site.get(path)
        assert site.get(path).from_cache, path

    new_name = f"Doorway Pec Stretch {secrets.token_hex(3)}"
    save_in_admin(site.editor(), site.change_page("doorway-chest-stretch"), name=new_name)

    page = site.get(edited)
    assert not page.from_cache and new_name in page.text
    assert new_name in site.get(linking).text
    assert new_name in site.get("/exercises/").text
    assert new_name in site.get("/api/exercises/").text
    untouched = site.get(unrelated)
    assert untouched.from_cache, "an edit to one exercise purged another one's page"


def test_an_edit_through_one_app_server_shows_through_varnish_on_the_next_request(site):
    path = "/exercises/dynamic-back-stretch-standing/"
    site.get(path)
    assert site.get(path).from_cache
    new_intro = f"Edited on the first app server, {secrets.token_hex(4)}."
    editor = site.editor(Browser(site.servers[0].base_url))  # not through Varnish
    save_in_admin(editor, site.change_page("dynamic-back-stretch-standing"), intro=new_intro)

    assert new_intro in site.get(path).text
    assert new_intro in site.get(path).text  # from Varnish now, whichever server filled it
    assert new_intro in site.servers[1].page(path)  # and the other server's own cache agrees


def test_a_logged_in_editor_never_gets_a_cached_page_and_never_fills_the_cache(site):
    # An address no other test asks for, so nothing has cached it before.
    path = f"/exercises/dynamic-back-stretch-kneeling/?from={secrets.token_hex(4)}"
    editor = site.editor()
    for _ in range(2):
        status, _, headers, text = editor.exchange(path)
        assert status == HTTPStatus.OK and "Edit in admin" in text
        assert headers["X-Cache"] == "pass"
        assert "private" in headers["Cache-Control"]

    reader = site.get(path)
    assert not reader.from_cache, "the editor's page filled the cache"
    assert "Edit in admin" not in reader.text
    assert site.get(path).from_cache
    status, _, headers, text = editor.exchange(path)
    assert headers["X-Cache"] == "pass" and "Edit in admin" in text


def test_a_draft_is_never_cached_and_shows_once_published(site):
    slug = f"secret-draft-{secrets.token_hex(3)}"
    pk = manage(
        site.env,
        "shell",
        "--no-imports",
        "-c",
        "from exercises.models import Exercise; "
        f"print(Exercise.objects.create(name='Secret Draft {slug}', slug={slug!r}).pk)",
    ).split()[-1]
    path = f"/exercises/{slug}/"
    for _ in range(2):
        answer = site.get(path)
        assert answer.status == HTTPStatus.NOT_FOUND and not answer.from_cache

    editor = site.editor()
    status, _, headers, text = editor.exchange(path)
    assert status == HTTPStatus.OK and "Draft preview" in text
    assert headers["X-Cache"] == "pass"
    assert "no-store" in headers["Cache-Control"] and "private" in headers["Cache-Control"]
    assert site.get(path).status == HTTPStatus.NOT_FOUND

    run_admin_action(editor, "publish", [pk])
    published = site.get(path)
    assert published.status == HTTPStatus.OK and f"Secret Draft {slug}" in published.text
    assert f"Secret Draft {slug}" in site.get("/exercises/").text


def test_readers_get_the_last_good_pages_while_the_app_server_is_stopped(site, tmp_path):
    """stale-if-error: a page past its time is served from Varnish while no app server
    answers. This app server keeps pages for a second only, and a file cache of its own."""
    env = {**app_env(tmp_path, redis_prefix=None), "DATABASE_URL": site.env["DATABASE_URL"]}
    env.update(
        DJANGO_STATIC_ROOT=site.env["DJANGO_STATIC_ROOT"],
        DJANGO_SHARED_CACHE_SECONDS="1",
        DJANGO_STALE_WHILE_REVALIDATE_SECONDS="0",
    )
    path = "/exercises/cat-cow/"
    with contextlib.ExitStack() as running:
        server = running.enter_context(app_server(env))
        with varnish([port_of(server)]) as front:
            first = get(front.url + path)
            assert first.status == HTTPStatus.OK and get(front.url + path).from_cache
            assert "stale-if-error=86400" in first.headers["Cache-Control"]
            running.close()  # the app server stops
            time.sleep(1.5)  # the page is past its s-maxage now

            stale = get(front.url + path)
            assert stale.status == HTTPStatus.OK and stale.text == first.text
            assert stale.headers["X-Cache"] == "stale"
            time.sleep(2)  # the health probe has noticed by now
            assert get(front.url + path).text == first.text
            # A page Varnish never had cannot be made up.
            assert get(front.url + "/exercises/").status == HTTPStatus.SERVICE_UNAVAILABLE
