"""/healthz for load balancers and uptime checks: is this app server able to serve pages?"""

import logging
import threading

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .cache import cache_answers

logger = logging.getLogger(__name__)

# A database that hangs must not hold the health check: it waits this long for an answer.
DATABASE_WAIT_SECONDS = 1.5
# At most one probe waits for a hanging database per process; while it waits, the next
# checks answer "unreachable" at once instead of piling up threads.
probe_running = threading.Lock()


def database_answers() -> bool:
    """Whether the database answers SELECT 1 within DATABASE_WAIT_SECONDS, asked on a
    connection of a thread of its own, so that a database that hangs holds only that."""
    if not probe_running.acquire(blocking=False):
        return False
    finished, result = threading.Event(), {"answered": False}

    def probe():
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            result["answered"] = True
        except DatabaseError:
            logger.exception("Health check: the database is unreachable.")
        finally:
            connections["default"].close()
            probe_running.release()
            finished.set()

    threading.Thread(target=probe, daemon=True).start()
    if not finished.wait(DATABASE_WAIT_SECONDS):
        logger.warning("Health check: no answer from the database.")
    return result["answered"]


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query within a second or two, 503 when it does not
    (never cached).

    The cache is reported too, for whoever reads the body, but does not decide the status:
    without Redis every app server is equally affected, and taking them all out of the
    load balancer would not help.
    """
    healthy = database_answers()
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": "ok" if healthy else "unreachable",
            "cache": "ok" if cache_answers() else "unreachable",
        },
        status=200 if healthy else 503,
    )
