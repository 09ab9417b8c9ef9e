"""The shared caches StretchSite can purge, each through its own interface.

- `Varnish`: a server running deploy/varnish/default.vcl (DJANGO_PURGE_URLS), or any cache
  that answers the same requests: `PURGE /` drops the responses tagged with the words of its
  `xkey-purge` header; `BAN /` drops everything.
- `Cloudflare`: a zone's cache, by Cache-Tag, through the `purge_cache` API.
- `Fastly`: a service's cache, by Surrogate-Key, through the batch purge API.
"""

import json
import urllib.error
import urllib.request

from django.conf import settings


class PurgeFailed(Exception):
    """A cache did not confirm a purge."""


def send(method: str, url: str, headers: dict[str, str] | None = None, body=None) -> bytes:
    """One HTTP request; raises PurgeFailed unless the answer is a success."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=settings.PURGE_TIMEOUT_SECONDS) as answer:
            return answer.read()
    except urllib.error.HTTPError as error:
        raise PurgeFailed(f"{method} {url} answered {error.code} {error.reason}") from None
    except (OSError, ValueError) as error:  # refused, timed out, not an address
        raise PurgeFailed(f"{method} {url}: {error}") from None


def batches(tags: list[str], size: int) -> list[list[str]]:
    return [tags[start : start + size] for start in range(0, len(tags), size)]


class Varnish:
    """A Varnish server running deploy/varnish/default.vcl, or any cache that drops the
    responses tagged with the words of an `xkey-purge` header on `PURGE`, and everything on
    `BAN`."""

    per_request = 100  # tags per request, well inside Varnish's header size limit

    def __init__(self, url: str):
        self.url = url

    def __str__(self):
        return f"Varnish at {self.url}"

    def purge(self, tags: list[str]) -> None:
        for batch in batches(tags, self.per_request):
            send("PURGE", self.url, {"xkey-purge": " ".join(batch)})

    def purge_everything(self) -> None:
        send("BAN", self.url)


class Cloudflare:
    """Cloudflare's cache of one zone, purged by Cache-Tag through its API."""

    per_request = 100  # Cloudflare's limit per purge call

    def __init__(self, zone: str, token: str, api: str):
        self.endpoint = f"{api.rstrip('/')}/zones/{zone}/purge_cache"
        self.headers = {"Authorization": f"Bearer {token}"}
        self.zone = zone

    def __str__(self):
        return f"Cloudflare zone {self.zone}"

    def call(self, body: dict) -> None:
        answer = send("POST", self.endpoint, self.headers, body)
        try:
            succeeded = json.loads(answer).get("success") is True
        except (ValueError, AttributeError):
            succeeded = False
        if not succeeded:
            raise PurgeFailed(f"Cloudflare did not purge: {answer[:300]!r}")

    def purge(self, tags: list[str]) -> None:
        for batch in batches(tags, self.per_request):
            self.call({"tags": batch})

    def purge_everything(self) -> None:
        self.call({"purge_everything": True})


class Fastly:
    """A Fastly service's cache, purged by Surrogate-Key through its API."""

    per_request = 256  # Fastly's limit per batch purge

    def __init__(self, service: str, token: str, api: str):
        self.endpoint = f"{api.rstrip('/')}/service/{service}"
        self.headers = {"Fastly-Key": token, "Accept": "application/json"}
        self.service = service

    def __str__(self):
        return f"Fastly service {self.service}"

    def purge(self, tags: list[str]) -> None:
        for batch in batches(tags, self.per_request):
            send("POST", f"{self.endpoint}/purge", self.headers, {"surrogate_keys": batch})

    def purge_everything(self) -> None:
        send("POST", f"{self.endpoint}/purge_all", self.headers)


def purging_is_on() -> bool:
    return bool(
        settings.PURGE_URLS or settings.PURGE_CLOUDFLARE_ZONE or settings.PURGE_FASTLY_SERVICE
    )


def caches() -> list:
    """The shared caches the settings name (none: purging is off)."""
    found: list = [Varnish(url) for url in settings.PURGE_URLS]
    if settings.PURGE_CLOUDFLARE_ZONE:
        found.append(
            Cloudflare(
                settings.PURGE_CLOUDFLARE_ZONE,
                settings.PURGE_CLOUDFLARE_TOKEN,
                settings.PURGE_CLOUDFLARE_API,
            )
        )
    if settings.PURGE_FASTLY_SERVICE:
        found.append(
            Fastly(
                settings.PURGE_FASTLY_SERVICE,
                settings.PURGE_FASTLY_TOKEN,
                settings.PURGE_FASTLY_API,
            )
        )
    return found
