"""What readers get while the database is away: a plain "temporarily unavailable" page with
`503` and `Retry-After`, soon, instead of a worker that waits until it is killed.

A database that refuses connections fails fast by itself (and connecting gives up after
DJANGO_DB_CONNECT_TIMEOUT). One that hangs, frozen or behind a network that drops packets,
would hold a request until gunicorn's timeout: so a reader's request gets a deadline, and
once the database has failed, this process answers readers with the 503 page for a short
pause instead of making each one wait again. Cached pages are served all along: the page
cache sits above this. Editors and the admin are left alone: their requests may take long.
"""

import logging
import signal
import sys
import threading
import time
from contextlib import contextmanager, suppress
from http import HTTPStatus

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)


class DatabaseTimeout(OperationalError):
    """The database did not answer a reader's request in time."""


class ReaderPause:
    """Until when this process answers readers without asking the database (per process,
    like each process's connections)."""

    until = 0.0

    @classmethod
    def begin(cls) -> None:
        cls.until = time.monotonic() + settings.DATABASE_PAUSE_SECONDS

    @classmethod
    def is_on(cls) -> bool:
        return time.monotonic() < cls.until

    @classmethod
    def end(cls) -> None:
        cls.until = 0.0


def is_outage(error: BaseException | None) -> bool:
    """Errors that mean the database is away, not that a query was wrong."""
    return isinstance(error, (OperationalError, InterfaceError))


def unavailable_response() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=HTTPStatus.SERVICE_UNAVAILABLE)
    response["Retry-After"] = str(settings.DATABASE_PAUSE_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@contextmanager
def deadline(seconds: float):
    """Raise DatabaseTimeout in this thread if the block takes longer than `seconds`.

    Only in a process's main thread, where the signal arrives: gunicorn's sync workers
    serve each request there. Elsewhere (runserver's threads) the block runs unguarded."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise DatabaseTimeout(f"No answer within {seconds:g} s.")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class ReaderDeadlineMiddleware:
    """Gives readers' requests a deadline and, while the database is known to be away, the
    503 page without asking it again. Just below the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_reader_request(request):
            return self.get_response(request)
        if ReaderPause.is_on():
            return unavailable_response()
        with deadline(settings.READER_DEADLINE_SECONDS):
            response = self.get_response(request)
        if getattr(response, "database_away", False):
            ReaderPause.begin()
        return response


def is_reader_request(request) -> bool:
    return request.method in ("GET", "HEAD") and not request.path.startswith(
        (reverse("admin:index"), reverse("healthz"))
    )


def server_error(request, *args, **kwargs):
    """Django's 500 page, except when the database is away: then the 503 page. (Installed
    as handler500, so it covers errors while a template is drawn too.)"""
    error = sys.exc_info()[1]
    if not is_outage(error):
        return django_server_error(request, *args, **kwargs)
    logger.warning("The database is away (%s): answering 503.", error)
    if isinstance(error, DatabaseTimeout):
        # Interrupted in the middle of a query, the connection cannot be used again (the
        # driver's own errors are seen to by Django at the next request).
        for connection in connections.all(initialized_only=True):
            with suppress(DatabaseError):
                connection.close()
    response = unavailable_response()
    response.database_away = True
    return response
