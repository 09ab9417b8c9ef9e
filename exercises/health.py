"""/healthz for load balancers and uptime checks: is this app server able to serve pages?"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .cache import cache_answers

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 when it does not (never cached).

    The cache is reported too, for whoever reads the body, but does not decide the status:
    without Redis every app server is equally affected, and taking them all out of the
    load balancer would not help.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        logger.exception("Health check: the database is unreachable.")
        database = "unreachable"
    cache_state = "ok" if cache_answers() else "unreachable"
    healthy = database == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "database": database, "cache": cache_state},
        status=200 if healthy else 503,
    )
