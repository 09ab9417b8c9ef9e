"""StretchSite settings: one module, configured through environment variables.

Local defaults are safe for development (DEBUG on, SQLite file, in-process cache).
With DJANGO_DEBUG=0 the site refuses to start until the production variables are set, and
every security setting defaults to its production value. Every variable is listed in the
README ("Configuration"); docs/production.env.example is a complete production set.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from None


def env_required(name: str, why: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG=0 ({why}). See 'Configuration' in README.md."
        )
    return value


def require_together(*names: str) -> None:
    """Variables that mean nothing alone (an id and its API token): all set, or none."""
    given = [name for name in names if os.environ.get(name, "").strip()]
    if given and len(given) != len(names):
        raise ImproperlyConfigured(
            f"{' and '.join(names)} must be set together. See 'Configuration' in README.md."
        )


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "insecure-local-development-key-only"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY", "a long random string that signs sessions")
    ALLOWED_HOSTS = env_list(
        "DJANGO_ALLOWED_HOSTS",
    ) or [env_required("DJANGO_ALLOWED_HOSTS", "comma-separated host names the site answers")]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "markdownx",
    "reversion",
    "reversion_compare",
    "adminsortable2",
    "axes",
    "csp",
    "exercises",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages leave here, as sent before, without touching sessions or the
    # database and without compressing them again (exercises/cache.py).
    "exercises.cache.PageCacheMiddleware",
    # Readers' other requests get a deadline, and a 503 page while the database is away.
    "exercises.availability.ReaderDeadlineMiddleware",
    # Pages and JSON leave compressed, whatever sits in front. Below whitenoise, which serves
    # its own pre-built .br/.gz files.
    "django.middleware.gzip.GZipMiddleware",
    # ETags on the uncompressed page (so below gzip), and 304 for a browser that has it.
    "django.middleware.http.ConditionalGetMiddleware",
    "exercises.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stretchsite.urls"

TEMPLATES = [
    {
        # Compiled templates are kept in memory (Django's cached loader, on by default).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "stretchsite.wsgi.application"
ASGI_APPLICATION = "stretchsite.asgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer must not hold a worker: give up connecting after a
    # few seconds, and let the server stop any one statement that runs too long.
    # Options given in DATABASE_URL (?sslmode=require...) come first.
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": env_int("DJANGO_DB_CONNECT_TIMEOUT", 3),
        "options": f"-c statement_timeout={env_int('DJANGO_DB_STATEMENT_TIMEOUT', 30) * 1000}",
        **DATABASES["default"].get("OPTIONS", {}),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers and an editor's save overlap: WAL lets reads proceed during a write, and the
    # busy timeout makes a second writer wait instead of failing with "database is locked".
    # Connections are kept between requests like PostgreSQL's (DJANGO_DB_CONN_MAX_AGE):
    # opening one and running the PRAGMAs costs about as much as serving a small page.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests get a database file too, not a shared in-memory one: there, threads of the live
    # test server (browser tests) hit "database table is locked" at once instead of waiting.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}

# While the database is away, readers get a plain 503 page (exercises/availability.py): a
# reader's request that the page cache cannot answer gives up after this many seconds, and
# then readers get the 503 page at once for a pause before the database is tried again.
READER_DEADLINE_SECONDS = env_float("DJANGO_READER_DEADLINE_SECONDS", 10)
DATABASE_PAUSE_SECONDS = env_int("DJANGO_DB_PAUSE_SECONDS", 15)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_PREFIX = os.environ.get("DJANGO_CACHE_PREFIX", "stretchsite")
if REDIS_URL:
    # A Redis that stops answering must cost a request a fraction of a second, not hang a
    # worker; after a few failures the site stops asking it for a while (exercises/cache.py).
    redis_timeout = env_float("DJANGO_REDIS_TIMEOUT", 0.25)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_PREFIX,
            "OPTIONS": {
                "socket_connect_timeout": redis_timeout,
                "socket_timeout": redis_timeout,
            },
        }
    }
elif DEBUG:
    # runserver is one process: it may keep its cache in memory.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "stretchsite",
        }
    }
else:
    # Several worker processes (gunicorn) on one machine share a cache in files, so an edit
    # handled by one worker retires pages in all of them. Several machines need REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR") or str(BASE_DIR / ".cache"),
            "KEY_PREFIX": CACHE_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Search also ranks answers by meaning, with an embedding model shipped inside the wordllama
# package (nothing is downloaded). Off: keyword search only.
SEARCH_MEANING = env_bool("DJANGO_SEARCH_MEANING", True)

# Readers' searches (words, number of answers, the answer opened; nothing personal) are kept
# this many days for the admin's "Search insights" (manage.py purge_search_insights).
SEARCH_INSIGHTS_DAYS = env_int("DJANGO_SEARCH_INSIGHTS_DAYS", 90)

# Whole anonymous pages are kept this long (0: not at all); every edit retires them at once.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)
# After this many cache failures in a row, a process stops asking the cache for this long.
CACHE_FAILURES_BEFORE_PAUSE = 3
CACHE_PAUSE_SECONDS = env_int("DJANGO_CACHE_PAUSE_SECONDS", 30)

# A shared HTTP cache in front (Varnish, a CDN; docs/deploy.md) may keep public pages this
# long (s-maxage), because every edit purges what it changed there (exercises/purge.py).
# 0: shared caches are told not to keep pages; set it together with a purge target below.
SHARED_CACHE_SECONDS = env_int("DJANGO_SHARED_CACHE_SECONDS", 0)
# ...and serve a page this long past that while fetching a fresh copy, or while the app
# servers cannot answer.
STALE_WHILE_REVALIDATE_SECONDS = env_int("DJANGO_STALE_WHILE_REVALIDATE_SECONDS", 30)
STALE_IF_ERROR_SECONDS = env_int("DJANGO_STALE_IF_ERROR_SECONDS", 86_400)
# Where purges go: Varnish servers running deploy/varnish/default.vcl, Cloudflare, Fastly.
PURGE_URLS = env_list("DJANGO_PURGE_URLS")
PURGE_CLOUDFLARE_ZONE = os.environ.get("DJANGO_PURGE_CLOUDFLARE_ZONE", "").strip()
PURGE_CLOUDFLARE_TOKEN = os.environ.get("DJANGO_PURGE_CLOUDFLARE_TOKEN", "").strip()
PURGE_CLOUDFLARE_API = (
    os.environ.get("DJANGO_PURGE_CLOUDFLARE_API", "").strip()
    or "https://api.cloudflare.com/client/v4"
)
PURGE_FASTLY_SERVICE = os.environ.get("DJANGO_PURGE_FASTLY_SERVICE", "").strip()
PURGE_FASTLY_TOKEN = os.environ.get("DJANGO_PURGE_FASTLY_TOKEN", "").strip()
PURGE_FASTLY_API = os.environ.get("DJANGO_PURGE_FASTLY_API", "").strip() or "https://api.fastly.com"
require_together("DJANGO_PURGE_CLOUDFLARE_ZONE", "DJANGO_PURGE_CLOUDFLARE_TOKEN")
require_together("DJANGO_PURGE_FASTLY_SERVICE", "DJANGO_PURGE_FASTLY_TOKEN")
# An editor's save waits at most this long for the purges; failed ones are tried again later.
PURGE_TIMEOUT_SECONDS = env_float("DJANGO_PURGE_TIMEOUT", 2)
PURGE_RETRIES = env_int("DJANGO_PURGE_RETRIES", 3)
# Every purge goes out once more after this long (0: not): a reader's request that read the
# rows just before the commit, and stored its page just after the first purge, has ended by
# then (readers get a deadline).
PURGE_REPEAT_SECONDS = (READER_DEADLINE_SECONDS or 30) + 1
# The response headers that carry each public response's tags: xkey for Varnish, plus the
# header of each CDN that purges by tag (Fastly: Surrogate-Key, Cloudflare: Cache-Tag).
CACHE_TAG_HEADERS = env_list("DJANGO_CACHE_TAG_HEADERS") or [
    "xkey",
    *(["Surrogate-Key"] if PURGE_FASTLY_SERVICE else []),
    *(["Cache-Tag"] if PURGE_CLOUDFLARE_ZONE else []),
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is even checked.
    "exercises.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Django serves MEDIA_ROOT itself only in development, and for `make serve` (local only):
# in production nginx or the object storage serves it (docs/deploy.md).
SERVE_MEDIA = DEBUG or env_bool("DJANGO_SERVE_MEDIA", False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # Hashed names (cached for a year by browsers and CDNs) plus .gz and .br copies.
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if DEBUG:
    # Development and tests serve static files straight from static/ and the apps (no
    # collectstatic), looked up per request, so whitenoise never looks for staticfiles/.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True

LOGIN_URL = "admin:login"

# Markdown: every preview and page goes through our render-and-sanitise function.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "exercises.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/admin/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/admin/markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "markdownx/"
# Uploaded images (exercises/images.py): SVG can carry script, so only raster formats are
# accepted, checked from their bytes; bigger ones are refused before they are decoded.
IMAGE_MAX_BYTES = env_int("DJANGO_IMAGE_MAX_BYTES", 10_000_000)
IMAGE_MAX_PIXELS = env_int("DJANGO_IMAGE_MAX_PIXELS", 40_000_000)
MARKDOWNX_UPLOAD_MAX_SIZE = IMAGE_MAX_BYTES
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/avif"]
MARKDOWN_IMAGE_WIDTH = 1600  # uploads into Markdown are stored at most this wide

# Security. Production defaults everywhere; development over plain http turns off only what
# needs https. The proxy in front (nginx, a CDN) must SET X-Forwarded-Proto, never pass a
# client's value through (docs/deploy.md).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe app servers over plain http
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Preloading is hard to undo (browsers ship the list), so it is opt-in.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: the admin (and markdownx's preview) send the form's token.
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp 4). Public pages may load scripts, styles, images and
# fonts from this site only: no inline <script>, no style="" or <style>, no other hosts.
# JSON-LD <script type="application/ld+json"> is data and unaffected. The admin gets one
# relaxation (inline styles, see exercises.security); scripts stay 'self' there too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The service worker (offline reading) and the web app manifest, from this site only.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
if os.environ.get("DJANGO_CSP_REPORT_URI", "").strip():
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [os.environ["DJANGO_CSP_REPORT_URI"]]

# Admin login throttling (django-axes): after DJANGO_LOGIN_FAILURE_LIMIT wrong passwords for
# one username from one address, that pair is locked out for DJANGO_LOGIN_COOLOFF_MINUTES.
# Keyed on the pair so nobody can lock an editor out from elsewhere by guessing at their name.
# A successful login resets the count. Attempts live in the database (visible in the admin).
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "exercises.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "exercises.security.client_ip"
AXES_VERBOSE = False
# How many proxies in front append to X-Forwarded-For (nginx alone: 1; CDN + nginx: 2).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
