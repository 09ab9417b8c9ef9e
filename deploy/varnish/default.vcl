# StretchSite behind Varnish 7 with varnish-modules' xkey (Debian: varnish varnish-modules).
#
# Public pages are kept as long as the app's Cache-Control allows shared caches to
# (s-maxage, DJANGO_SHARED_CACHE_SECONDS) and dropped by tag when an editor changes what
# they show: every response names what it shows in an `xkey` header, and after each
# commit the app servers send `PURGE /` with those tags in `xkey-purge` (exercises/purge.py).
# `BAN /` drops everything (`manage.py purge_http_cache`, after a deploy).
#
# Never from the cache: the admin, /healthz, anything but GET and HEAD, and requests with a
# session or a waiting message (editors, logged-in readers). Tracking parameters are left
# out of the cache key. A page past its time is served while a fresh copy is fetched for
# stale-while-revalidate seconds, and for stale-if-error seconds while the app servers
# cannot answer (stopped, failing, or reported sick by their /healthz).
#
# Backends, the health probe and who may purge live in backends.vcl (per deployment).
# Check: varnishd -C -f /etc/varnish/default.vcl > /dev/null. See docs/deploy.md.

vcl 4.1;

import std;
import xkey;

include "backends.vcl";

sub vcl_recv {
    # Set on restarts below; never taken from a client.
    if (req.restarts == 0) {
        unset req.http.X-Refresh;
        unset req.http.X-Stale-If-Error;
        unset req.http.X-Served-Stale;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the tags to purge in an xkey-purge header"));
        }
        return (synth(200, "Purged " + xkey.purge(req.http.xkey-purge) + " objects"));
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        ban("obj.status != 0");
        return (synth(200, "Banned everything"));
    }

    # Tracking parameters change nothing on a page (the app ignores them too): one cached
    # copy serves every campaign link. The rest in a stable order.
    set req.url = regsuball(req.url,
        "([?&])(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl)(?:=[^&]*)?(?=&|$)",
        "\1");
    set req.url = regsuball(req.url, "&&+", "&");
    set req.url = regsub(req.url, "\?&", "?");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin/|healthz)") {
        return (pass);
    }
    # Editors and logged-in readers (a session), and readers with a message waiting, get
    # pages of their own from the app (which marks them private).
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Any other cookie (analytics, a CSRF token) changes nothing on a public page.
    unset req.http.Cookie;

    if (req.http.X-Refresh) {
        # Look again for a fresh copy only (see vcl_hit).
        set req.grace = 0s;
    } elsif (req.http.X-Stale-If-Error) {
        # req.grace outlives a restart: let the object's own grace decide again.
        set req.grace = 3650d;
    }
}

sub vcl_hash {
    # http and https answers differ (redirects, absolute links).
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    # Stale for less than stale-while-revalidate: deliver it; Varnish fetches a fresh copy
    # in the background.
    if (obj.ttl + std.duration(regsub(obj.http.Cache-Control,
            "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s) >= 0s) {
        return (deliver);
    }
    # Staler than that: only while the app servers cannot answer (stale-if-error).
    if (req.http.X-Stale-If-Error || !std.healthy(req.backend_hint)) {
        set req.http.X-Served-Stale = "1";
        return (deliver);
    }
    # Otherwise fetch a fresh copy while the reader waits; if that fails, vcl_synth comes
    # back here with X-Stale-If-Error.
    set req.http.X-Refresh = "1";
    return (restart);
}

sub vcl_backend_fetch {
    # A reader's page that the app does not start sending within this time is given up
    # (the app gives readers 10 s, DJANGO_READER_DEADLINE_SECONDS); a stale copy may stand in.
    if (bereq.method == "GET" && bereq.url !~ "^/admin/") {
        set bereq.first_byte_timeout = 15s;
    }
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        # Keep the copy we have: a background refresh or a refresh with a stale copy to
        # fall back on stores nothing and the stale copy is served (stale-if-error).
        if (bereq.is_bgfetch || bereq.http.X-Refresh) {
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Only what the app says a shared cache may keep (s-maxage); nothing by guesswork.
    if (!beresp.http.Cache-Control) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Varnish takes stale-while-revalidate as the grace; stale-if-error may be longer.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
            "^.*stale-if-error=([0-9]+).*$", "\1s"), beresp.grace);
    }
    # The built-in rules follow: nothing private, no-store or setting a cookie is kept.
}

sub vcl_backend_error {
    if (bereq.is_bgfetch || bereq.http.X-Refresh) {
        return (abandon);
    }
}

sub vcl_synth {
    # A refresh failed (app server stopped, refused, too slow): serve the stale copy.
    if (resp.status == 503 && req.http.X-Refresh && !req.http.X-Stale-If-Error) {
        unset req.http.X-Refresh;
        set req.http.X-Stale-If-Error = "1";
        return (restart);
    }
}

sub vcl_deliver {
    unset resp.http.xkey;
    if (req.http.X-Served-Stale) {
        set resp.http.X-Cache = "stale";
    } elsif (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
