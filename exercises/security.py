"""Security plumbing that settings cannot express: the admin's CSP relaxation and the
client address used to throttle admin logins."""

from http import HTTPStatus

from axes.backends import AxesStandaloneBackend
from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with inline styles allowed under the admin only.

    Django's change lists and django-reversion-compare's diff pages carry `<style>` blocks
    and `style=""` attributes, so the strict public policy would break their layout. Scripts
    stay `'self'` in the admin too: neither Django's admin, markdownx, adminsortable2 nor
    reversion-compare needs an inline script.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.update is None and request.path_info.startswith(admin_prefix()):
            parts.update = {"style-src": [UNSAFE_INLINE]}
        return parts


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for logins that come with a request (every login from the web).

    Upstream raises when authenticate() is called without a request, which breaks Django's
    test client `login()` and scripts; those are not an attack surface, so they pass through
    to the password check unthrottled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def admin_prefix() -> str:
    return reverse("admin:index")


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address, for login throttling.

    Behind DJANGO_TRUSTED_PROXY_COUNT proxies, each appends the address it received from to
    X-Forwarded-For, so the real client is that many entries from the right; anything
    further left was sent by the client and cannot be trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The page django-axes shows instead of the login form while a login is locked out."""
    from axes.helpers import get_client_username  # needs settings loaded

    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
        "site_title": "StretchSite editor",
        "site_header": "StretchSite editor",
    }
    return render(request, "admin/locked_out.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
