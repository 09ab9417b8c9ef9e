"""Every public page of the demo site is valid HTML, as the Nu HTML Checker (vnu) reads it.

vnu is a Java program from npm (`npm install vnu-jar`); .ci/run installs it and points
VNU_JAR at it. Without it this test skips, unless CI is set.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Public pages the sitemap does not list: filtered lists, search, offline and error pages.
MORE_PAGES = [
    "/exercises/?body_part=back&difficulty=beginner",
    "/exercises/?body_part=nowhere",
    "/search/",
    "/search/?q=knees+hurt",
    "/search/?q=hamstrng",
    "/search/?q=zzzzqqqq",
    "/offline/",
    "/no-such-page/",
]


def find_vnu() -> str | None:
    candidates = [
        os.environ.get("VNU_JAR"),
        Path.home() / ".cache/stretchsite-node/node_modules/vnu-jar/build/dist/vnu.jar",
    ]
    return next((str(c) for c in candidates if c and Path(c).is_file()), None)


@pytest.fixture
def vnu():
    jar = find_vnu()
    if jar is None or shutil.which("java") is None:
        message = "vnu.jar or Java not found: `npm install vnu-jar`, then set VNU_JAR."
        if os.environ.get("CI"):
            pytest.fail(f"{message} CI is set, so the HTML check must run.")
        pytest.skip(message)
    return jar


def public_pages(client) -> list[str]:
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    listed = [
        loc.text.removeprefix("http://testserver")
        for loc in sitemap.iterfind(".//sm:loc", SITEMAP_NS)
    ]
    return [*listed, *MORE_PAGES]


def test_every_public_page_of_the_demo_site_is_valid_html(client, vnu, tmp_path):
    call_command("load_demo_content", verbosity=0)
    files = {}
    for number, url in enumerate(public_pages(client)):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html"), url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files[path.name] = url
    assert len(files) > 30  # the sitemap's pages came through
    result = subprocess.run(
        [
            "java",
            "-jar",
            vnu,
            "--format",
            "json",
            "--errors-only",
            *map(str, sorted(tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files[Path(m['url']).name]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
